//! What the connections and whitelist APIs share: building a request under one endpoint
//! service (`/v1/{project_id}/vpc-endpoint-services/{id}/…`), their query strings, and
//! reading the few values their answers carry in an unusual shape. The console's words for
//! their error codes are with the other hints, in [`super::error`].
//!
//! The connections tab lives in [`super::connections`], the whitelist ("Who may connect")
//! in [`super::whitelist`]; both build on the helpers here.

use serde::de::{DeserializeOwned, Deserializer, Error};
use serde::Deserialize;
use serde_json::value::RawValue;

use super::error::{classify, unreadable_success, ApiError};
use super::request::{
    api_request, encode_query_value, service_path, ApiRequest, Method, Settings, SettingsError,
};
use super::wire;
use super::words::{fill, w};

/// Why a connections or whitelist request cannot be built.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RequestError {
    /// A setting (proxy URL, project ID, token) or the service ID is missing or wrong.
    Settings(SettingsError),
    /// A value of this request is wrong; the message names it (an endpoint ID, an
    /// account ID, a page size).
    Input(String),
}

impl RequestError {
    pub fn message(&self) -> &str {
        match self {
            RequestError::Settings(e) => e.message(),
            RequestError::Input(m) => m,
        }
    }
}

impl std::fmt::Display for RequestError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.message())
    }
}

impl From<SettingsError> for RequestError {
    fn from(e: SettingsError) -> Self {
        RequestError::Settings(e)
    }
}

/// Builds `method {base}/{tail}` for the service `service_id`, where `{base}` is
/// `/v1/{project_id}/vpc-endpoint-services/{service_id}` and `tail` is e.g.
/// `connections?limit=20` (already encoded): through [`api_request`], so these requests go
/// to the same proxy, with the same checks, headers and masking, as every other request,
/// and cannot drift from them.
pub fn service_request(
    settings: &Settings,
    service_id: &str,
    method: Method,
    tail: &str,
    body: Option<String>,
) -> Result<ApiRequest, RequestError> {
    Ok(api_request(
        settings,
        method,
        &|project| Ok(format!("{}/{tail}", service_path(project, service_id)?)),
        body,
    )?)
}

/// `?k=v&k=v` from the pairs whose value is not empty, values encoded; empty when none.
pub fn query_string(pairs: &[(&str, String)]) -> String {
    let parts: Vec<String> = pairs
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}={}", encode_query_value(v)))
        .collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!("?{}", parts.join("&"))
    }
}

/// `deserialize_with` for a non-negative integer kept as its decimal text, exactly as
/// the server wrote it; `None` when `null` (and, with `#[serde(default)]`, when missing).
/// `what` names the field in the message.
///
/// `marker_id` can exceed 2^53 (the reference's example is 422321321312321321), where an
/// `f64` (a JavaScript number) would change its last digits, and serde_json reads an
/// integer beyond `u64` as an `f64`. So the value is read as the text it was written as
/// (a [`RawValue`]), never as a number. A string of digits is accepted as well, as some
/// gateways send large integers as strings.
pub fn integer_text<'de, D: Deserializer<'de>>(
    d: D,
    what: &str,
) -> Result<Option<String>, D::Error> {
    let Some(raw) = Option::<Box<RawValue>>::deserialize(d)? else {
        return Ok(None);
    };
    let raw = raw.get();
    let text = if raw.starts_with('"') {
        serde_json::from_str::<String>(raw).ok()
    } else {
        Some(raw.to_owned())
    };
    match text {
        Some(n) if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => Ok(Some(n)),
        _ => Err(D::Error::custom(format_args!(
            "`{what}` must be a non-negative integer, not {}",
            wire::raw_kind(raw)
        ))),
    }
}

/// Reads a 2xx answer as `T` (written as an object), or turns the answer into an
/// [`ApiError`]: the error body for a failure, and for a success that is not `what` the
/// reason it could not be read, so that a changed field shows as such rather than as an
/// empty list.
pub fn read_answer<T: DeserializeOwned>(
    status: u16,
    headers: &[(String, String)],
    body: &str,
    what: &str,
) -> Result<T, ApiError> {
    if !(200..300).contains(&status) {
        return Err(classify(status, headers, body));
    }
    wire::from_str(body).map_err(|reason| {
        let mut e = unreadable_success(status, headers, body, what);
        if !body.trim().is_empty() {
            e.hint = fill(w().errors.with_reason, &[&e.hint, &reason]);
        }
        e
    })
}
