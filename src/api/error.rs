//! Every way a request can fail, turned into what the user needs to act on:
//! status, error_code, error_msg (verbatim), X-Request-Id and a hint in plain words.

use std::collections::BTreeMap;

use serde_json::value::RawValue;

use super::draft::{PortDraft, ServiceDraft};
use super::field::Field;
use super::ports::parse_port;
use super::words::{fill, w};

/// How a request failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// The API answered with an error body it knows (`error_code`/`error_msg` or kin).
    Api,
    /// Something in between answered: an HTML page, an empty or unreadable body.
    Proxy,
    /// No answer reached the page: the proxy is unreachable or refused CORS.
    Network,
    /// No answer in time; the console gave up.
    Timeout,
}

/// A failed request, with everything the user needs to report or fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    pub kind: ErrorKind,
    pub status: Option<u16>,
    pub error_code: Option<String>,
    /// The server's message, verbatim: shown as text, never as HTML.
    pub error_msg: Option<String>,
    pub request_id: Option<String>,
    /// What the user can do about it.
    pub hint: String,
    /// The start of an answer that is not an API error (an HTML page, broken JSON), kept
    /// verbatim to be shown as text: the server's own words, whatever they are.
    pub body_excerpt: Option<Box<str>>,
}

/// How much of an unrecognised answer is kept.
pub const EXCERPT_CHARS: usize = 500;

fn excerpt(body: &str) -> Option<Box<str>> {
    let t = body.trim();
    (!t.is_empty()).then(|| {
        let mut e: String = t.chars().take(EXCERPT_CHARS).collect();
        if t.chars().count() > EXCERPT_CHARS {
            e.push('…');
        }
        e.into_boxed_str()
    })
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let Some(s) = self.status {
            write!(f, "HTTP {s}")?;
        }
        if let Some(c) = &self.error_code {
            write!(f, " {c}")?;
        }
        if let Some(m) = &self.error_msg {
            write!(f, ": {m}")?;
        }
        if self.status.is_none() {
            f.write_str(&self.hint)?;
        }
        Ok(())
    }
}

/// The members of an object, each as written; of a key written twice the last one
/// counts, as in serde_json's `Value`.
type Members<'a> = BTreeMap<String, &'a RawValue>;

/// Reads a string or a number as text: gateways send `"code": 401` as well as strings.
/// A number is kept as written (`4.01e2`, not serde_json's `401.0`).
fn text(v: Option<&&RawValue>) -> Option<String> {
    let raw = v?.get();
    match raw.as_bytes().first()? {
        b'"' => serde_json::from_str::<String>(raw)
            .ok()
            .filter(|s| !s.is_empty()),
        b'-' | b'0'..=b'9' => Some(raw.to_owned()),
        _ => None,
    }
}

/// (error_code, error_msg, request_id) from any known error body shape:
/// `{error_code, error_msg}`, `{code, message}`, `{error: {...}}`, `{request_id}`.
/// `body` is valid JSON; anything but an object gives nothing.
pub fn error_parts(body: &str) -> (Option<String>, Option<String>, Option<String>) {
    let Ok(obj) = serde_json::from_str::<Members>(body) else {
        return (None, None, None);
    };
    let inner = obj
        .get("error")
        .map(|e| error_parts(e.get()))
        .unwrap_or_default();
    let code = text(obj.get("error_code"))
        .or_else(|| text(obj.get("code")))
        .or(inner.0);
    let msg = text(obj.get("error_msg"))
        .or_else(|| text(obj.get("message")))
        .or(inner.1);
    let rid = text(obj.get("request_id")).or(inner.2);
    (code, msg, rid)
}

/// The header value, by case-insensitive name.
pub fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

fn looks_like_html(content_type: Option<&str>, body: &str) -> bool {
    content_type.is_some_and(|c| c.to_ascii_lowercase().contains("text/html"))
        || body.trim_start().starts_with('<')
}

/// A plain-language hint for a status and error code.
pub fn hint_for(status: u16, code: Option<&str>) -> String {
    let code = code.unwrap_or("");
    let e = &w().errors;
    let by_code = match code {
        "EndPoint.3045" => Some(e.hint_busy),
        "EndPoint.3044" => Some(e.hint_port_conflict),
        "EndPoint.3074" => Some(e.hint_too_many_mappings),
        "EndPoint.3075" => Some(e.hint_protocol),
        "EndPoint.3003" | "EndPoint.3004" | "EndPoint.3063" => Some(e.hint_port_refused),
        "EndPoint.1003" | "EndPoint.3076" => Some(e.hint_name_refused),
        "EndPoint.3052" | "EndPoint.3053" => Some(e.hint_ip_and_port_id),
        "EndPoint.0014" => Some(e.hint_project_invalid),
        "EndPoint.0022" => Some(e.hint_too_many_requests),
        "EndPoint.2003" => Some(e.hint_no_service),
        "EndPoint.0001" => Some(e.hint_internal),
        _ => None,
    };
    if let Some(h) = by_code {
        return h.to_owned();
    }
    // The connections and whitelist codes, matched in any case (`Endpoint.2013` too).
    if let Some(h) = access_hint(code) {
        return h.to_owned();
    }
    match status {
        401 => e.hint_401.into(),
        403 => e.hint_403.into(),
        404 => e.hint_404.into(),
        400 => e.hint_400.into(),
        429 => e.hint_too_many_requests.into(),
        502..=504 => e.hint_gateway.into(),
        500..=599 => e.hint_server.into(),
        _ => e.hint_other.into(),
    }
}

/// Turns an unsuccessful (or unreadable) answer into an [`ApiError`].
pub fn classify(status: u16, headers: &[(String, String)], body: &str) -> ApiError {
    let request_id = header(headers, "X-Request-Id").map(str::to_owned);
    let content_type = header(headers, "Content-Type");
    let proxy = |hint: String| ApiError {
        kind: ErrorKind::Proxy,
        status: Some(status),
        error_code: None,
        error_msg: None,
        request_id: request_id.clone(),
        hint,
        body_excerpt: excerpt(body),
    };
    if body.trim().is_empty() {
        return proxy(fill(w().errors.no_body, &[&hint_for(status, None)]));
    }
    if looks_like_html(content_type, body) {
        return proxy(fill(w().errors.html_page, &[&hint_for(status, None)]));
    }
    // The whole body must be JSON, every string in it too.
    if !crate::api::wire::is_json(body) {
        return proxy(fill(w().errors.not_json, &[&hint_for(status, None)]));
    }
    let (code, msg, body_rid) = error_parts(body);
    if code.is_none() && msg.is_none() {
        return proxy(fill(w().errors.json_not_error, &[&hint_for(status, None)]));
    }
    ApiError {
        kind: ErrorKind::Api,
        status: Some(status),
        hint: hint_for(status, code.as_deref()),
        error_code: code,
        error_msg: msg,
        request_id: request_id.or(body_rid),
        body_excerpt: None,
    }
}

/// A successful status whose body could not be read as the expected object.
pub fn unreadable_success(
    status: u16,
    headers: &[(String, String)],
    body: &str,
    what: &str,
) -> ApiError {
    let mut e = classify(status, headers, body);
    e.kind = ErrorKind::Proxy;
    e.error_code = None;
    e.error_msg = None;
    e.body_excerpt = excerpt(body);
    e.hint = if body.trim().is_empty() {
        fill(w().errors.success_empty, &[&status, &what])
    } else {
        fill(w().errors.success_unreadable, &[&status, &what])
    };
    e
}

/// A failure with no answer to show: only its kind and what the user can do.
fn unanswered(kind: ErrorKind, hint: String) -> ApiError {
    ApiError {
        kind,
        status: None,
        error_code: None,
        error_msg: None,
        request_id: None,
        body_excerpt: None,
        hint,
    }
}

/// The browser could not get any answer (fetch rejected).
pub fn network_error(proxy_base: &str) -> ApiError {
    unanswered(ErrorKind::Network, fill(w().errors.network, &[&proxy_base]))
}

/// The console stopped waiting.
pub fn timeout_error(seconds: u32) -> ApiError {
    unanswered(ErrorKind::Timeout, fill(w().errors.timeout, &[&seconds]))
}

/// The form fields an API error is about, so that its message stands where the fix is:
/// the name for 1003/3076, the backend fields for 3052/3053, the port editor (and the
/// row, when the message names it) for 3044/3063/3074/3075, and for a parameter error
/// the fields its message names. `draft` is what was sent, row by row.
pub fn fields_of(error: &ApiError, draft: &ServiceDraft) -> Vec<Field> {
    let code = error.error_code.as_deref().unwrap_or("");
    let msg = error.error_msg.as_deref().unwrap_or("");
    match code {
        "EndPoint.1003" | "EndPoint.3076" => vec![Field::ServiceName],
        "EndPoint.3052" | "EndPoint.3053" => vec![Field::Ip, Field::PortId],
        "EndPoint.3003" | "EndPoint.3004" if mentions(msg, "vip_port_id") => {
            vec![Field::VipPortId]
        }
        "EndPoint.3003" | "EndPoint.3004" => vec![Field::PortId],
        "EndPoint.3044" | "EndPoint.3063" | "EndPoint.3075" => {
            vec![port_row_field(code, msg, &draft.ports).unwrap_or(Field::Ports)]
        }
        "EndPoint.3074" => vec![Field::Ports],
        "EndPoint.0002" => [
            ("service_name", Field::ServiceName),
            ("description", Field::Description),
            ("tcp_proxy", Field::TcpProxy),
            ("vip_port_id", Field::VipPortId),
            ("port_id", Field::PortId),
            ("ip", Field::Ip),
            ("ports", Field::Ports),
        ]
        .into_iter()
        .filter(|(name, _)| mentions(msg, name))
        .map(|(_, field)| field)
        .collect(),
        _ => Vec::new(),
    }
}

/// `msg` names `word` on its own (so `port_id` is not found in `vip_port_id`).
fn mentions(msg: &str, word: &str) -> bool {
    let is_name = |c: char| c.is_ascii_alphanumeric() || c == '_';
    msg.match_indices(word).any(|(at, _)| {
        let before = msg[..at].chars().next_back();
        let after = msg[at + word.len()..].chars().next();
        !before.is_some_and(is_name) && !after.is_some_and(is_name)
    })
}

/// The row of the port editor a ports error names: by `ports[i]`, by the mapping
/// `client->server`, or by a port number of a row; protocol errors point at the
/// protocol, the others at the port.
fn port_row_field(code: &str, msg: &str, rows: &[PortDraft]) -> Option<Field> {
    let at = |i: usize| {
        if code == "EndPoint.3075" {
            Field::Protocol(i)
        } else if msg.contains(&format!("ports[{i}].server_port")) {
            Field::ServerPort(i)
        } else {
            Field::ClientPort(i)
        }
    };
    if let Some(i) = (0..rows.len()).find(|i| msg.contains(&format!("ports[{i}]"))) {
        return Some(at(i));
    }
    let numbers: Vec<&str> = msg
        .split(|c: char| !c.is_ascii_digit())
        .filter(|n| !n.is_empty())
        .collect();
    let port = |text: &str| parse_port(text).ok().map(|n| n.to_string());
    if let Some(i) = rows.iter().position(|r| {
        matches!((port(&r.client_port), port(&r.server_port)),
            (Some(c), Some(s)) if msg.contains(&format!("{c}->{s}")))
    }) {
        return Some(at(i));
    }
    if code == "EndPoint.3075" {
        return rows
            .iter()
            .position(|r| !r.protocol.is_empty() && mentions(msg, &r.protocol))
            .map(Field::Protocol);
    }
    rows.iter().enumerate().find_map(|(i, r)| {
        if port(&r.client_port).is_some_and(|c| numbers.contains(&c.as_str())) {
            Some(Field::ClientPort(i))
        } else if port(&r.server_port).is_some_and(|s| numbers.contains(&s.as_str())) {
            Some(Field::ServerPort(i))
        } else {
            None
        }
    })
}

/// The answer was larger than the console reads: not what the API sends.
pub fn too_large_error(limit_bytes: usize) -> ApiError {
    unanswered(
        ErrorKind::Proxy,
        fill(w().errors.too_large, &[&(limit_bytes / (1024 * 1024))]),
    )
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
    let e = &w().errors;
    Some(match endpoint_code_number(code)? {
        // Accepting or rejecting.
        "2031" => e.hint_one_endpoint,
        "2013" => e.hint_not_connecting,
        "2014" => e.hint_already_connected,
        "2006" => e.hint_no_endpoint,
        "2017" => e.hint_endpoint_id_refused,
        "2018" => e.hint_endpoint_deleting,
        "2019" => e.hint_endpoint_creating,
        "0007" | "2027" => e.hint_connection_action,
        // The whitelist.
        "2044" => e.hint_entry_refused,
        "3002" => e.hint_entries_refused,
        "3036" => e.hint_no_accounts,
        "3035" => e.hint_whitelist_action,
        "0016" => e.hint_too_many_entries,
        "2045" | "3049" => e.hint_whitelist_full,
        // Lists: paging, order and filters.
        "0006" => e.hint_page_size,
        "0010" => e.hint_no_page,
        "0017" => e.hint_sort_key,
        "0018" => e.hint_sort_dir,
        "0019" => e.hint_status_filter,
        "0021" => e.hint_marker_id,
        "2003" => e.hint_no_service,
        _ => return None,
    })
}
