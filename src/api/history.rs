//! The session's request history, and its export.
//!
//! An entry is built from the request's method and path and the answer's metadata:
//! it has no field that could hold the token or a header, so an export cannot leak one.

use super::error::ApiError;
use super::json::{Json, ObjWriter};
use super::request::ApiRequest;

/// One request of the session, as the history panel lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
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

    pub fn to_json(&self) -> Json {
        ObjWriter::new()
            .put("time", self.time.as_str())
            .put("operation", self.operation.as_str())
            .put("method", self.method.as_str())
            .put("path", self.path.as_str())
            .put("status", self.status.map(u64::from))
            .put("duration_ms", u64::from(self.duration_ms))
            .put("request_id", self.request_id.as_deref())
            .put("error_code", self.error_code.as_deref())
            .put("body", self.body.as_deref())
            .build()
    }
}

/// The history as pretty JSON, for download.
pub fn export_json(entries: &[HistoryEntry]) -> String {
    Json::Array(entries.iter().map(HistoryEntry::to_json).collect()).to_pretty()
}
