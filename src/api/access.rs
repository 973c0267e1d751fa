//! What the connections and whitelist APIs share: building a request under one endpoint
//! service (`/v1/{project_id}/vpc-endpoint-services/{id}/…`), reading the few values
//! their answers carry in an unusual shape, and the console's words for their error codes.
//!
//! The connections tab lives in [`super::connections`], the whitelist ("Who may connect")
//! in [`super::whitelist`]; both build on the helpers here.

use serde::de::{DeserializeOwned, Deserializer, Error};
use serde::Deserialize;
use serde_json::value::RawValue;

use super::error::{classify, unreadable_success, ApiError};
use super::request::{build_request, ApiRequest, Method, Operation, Settings, SettingsError};
use super::wire;

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
/// `connections?limit=20` (already encoded).
///
/// The settings, the token and the service ID are checked by [`build_request`] itself (it
/// builds the service's own GET, whose URL is `{base}`): these requests then go to the
/// same proxy, with the same headers and the same masking, as every other request, and
/// cannot drift from them. A request with a body gets `Content-Type`, as there.
pub fn service_request(
    settings: &Settings,
    service_id: &str,
    method: Method,
    tail: &str,
    body: Option<String>,
) -> Result<ApiRequest, RequestError> {
    let mut req = build_request(
        settings,
        &Operation::GetService {
            id: service_id.to_owned(),
        },
    )?;
    req.method = method;
    req.url.push('/');
    req.url.push_str(tail);
    req.path.push('/');
    req.path.push_str(tail);
    if method != Method::Get {
        req.headers
            .push(("Content-Type".to_owned(), "application/json".to_owned()));
    }
    req.body = body;
    Ok(req)
}

/// Percent-encodes a query value: only RFC 3986 unreserved characters stay as they are
/// (the same rule the service list's query follows).
pub fn encode_query_value(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'~' | b'.') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
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
            e.hint = format!("{} ({reason})", e.hint);
        }
        e
    })
}

/// Whether an error code is `want`, in any case: the API writes `EndPoint.2013` in one
/// place and `Endpoint.2013` in another.
pub fn code_is(code: Option<&str>, want: &str) -> bool {
    code.is_some_and(|c| c.trim().eq_ignore_ascii_case(want))
}

/// The number of an `EndPoint.NNNN` code in any case of its prefix: `2013`.
pub fn endpoint_code_number(code: &str) -> Option<&str> {
    let (prefix, number) = code.trim().split_once('.')?;
    prefix.eq_ignore_ascii_case("endpoint").then_some(number)
}

/// The console's words for the error codes of the connections and whitelist APIs (and the
/// paging codes their lists share), whatever the case of the code. `None` for other codes.
pub fn access_hint(code: &str) -> Option<&'static str> {
    Some(match endpoint_code_number(code)? {
        // Accepting or rejecting.
        "2031" => "Only one endpoint can be accepted or rejected per request: send it again for each endpoint on its own.",
        "2013" => "This endpoint is not connecting to this endpoint service: reload the connections.",
        "2014" => "This endpoint is already connected: reload the connections to see its state.",
        "2006" => "This endpoint does not exist (any more): reload the connections.",
        "2017" => "The endpoint ID was refused: reload the connections and pick the endpoint again.",
        "2018" => "This endpoint is being deleted: it can no longer be accepted or rejected.",
        "2019" => "This endpoint is still being created: wait until it waits for approval, then try again.",
        "0007" | "2027" => "The API refused the action: accepting is sent as `receive` and rejecting as `reject`. Check the API dialect in the settings.",
        // The whitelist.
        "2044" => "The whitelist entry was refused: an account ID has 1–64 letters, digits or *, and is sent as iam:domain::<account ID>.",
        "3002" => "An entry was refused: enter account IDs (1–64 letters, digits or *), or on Huawei Cloud organization paths.",
        "3036" => "No accounts were sent: enter at least one account ID.",
        "3035" => "The API refused the action: the console sends `add` or `remove`. Check the API dialect in the settings.",
        "0016" => "Too many entries at once: add or remove fewer in one go.",
        "2045" | "3049" => "The whitelist is full: remove accounts that no longer need access, then add again.",
        // Lists: paging, order and filters.
        "0006" => "The page size was refused: connections show at most 1000 a page, the whitelist at most 500.",
        "0010" => "That page does not exist (any more): go back to the first page.",
        "0017" => "The sort order was refused: check the API dialect in the settings (Huawei Cloud sorts by create_at, Open Telekom Cloud by created_at).",
        "0018" => "The sort direction was refused: choose newest or oldest first.",
        "0019" => "The status filter was refused: choose waiting for approval, accepted, rejected or failed.",
        "0021" => "The marker ID was refused: a marker ID is a whole number, as the list shows it.",
        "2003" => "That endpoint service does not exist: check the service ID and the project.",
        _ => return None,
    })
}
