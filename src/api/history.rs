//! The session's request history, and its export.
//!
//! An entry is built from the request's method and path and the answer's metadata:
//! it has no field that could hold the token or a header, so an export cannot leak one.

use serde::Serialize;

use super::error::ApiError;
use super::request::ApiRequest;

/// One request of the session, as the history panel lists it. Exported in the order of
/// the fields, an unset one as `null`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HistoryEntry {
    /// ISO 8601 time the request was sent.
    pub time: String,
    /// `get_service`, `update_service`, ...
    pub operation: String,
    pub method: String,
    /// Path and query after the proxy URL.
    pub path: String,
    /// None when no answer came (network failure, timeout).
    pub status: Option<u16>,
    pub duration_ms: u32,
    pub request_id: Option<String>,
    pub error_code: Option<String>,
    /// The body sent (a PUT's JSON), which never holds the token.
    pub body: Option<String>,
}

impl HistoryEntry {
    pub fn new(
        time: String,
        operation: &str,
        request: &ApiRequest,
        status: Option<u16>,
        duration_ms: u32,
        request_id: Option<String>,
        error: Option<&ApiError>,
    ) -> Self {
        HistoryEntry {
            time,
            operation: operation.to_owned(),
            method: request.method.as_str().to_owned(),
            path: request.path.clone(),
            status,
            duration_ms,
            request_id: request_id.or_else(|| error.and_then(|e| e.request_id.clone())),
            error_code: error.and_then(|e| e.error_code.clone()),
            body: request.body.clone(),
        }
    }
}

/// The history as pretty JSON, for download.
pub fn export_json(entries: &[HistoryEntry]) -> String {
    serde_json::to_string_pretty(entries).expect("the history always serializes")
}
