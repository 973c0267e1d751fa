//! Faults a real proxy in front of the API produces, on request: a slow answer, a 500, an
//! HTML 502 page, broken or empty JSON, or a connection dropped with no answer at all.
//!
//! A fault is queued with `POST /__control/faults`, or asked for by one request with
//! `__fault=<mode>` (and `__delay_ms=N`) in its query. [`inject`] applies them to API requests
//! only: not to control requests, preflights or static files.

use std::time::Duration;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

use crate::error::quote;
use crate::error::ApiError;
use crate::record::Kind;
use crate::state::AppState;

/// The longest `delay` fault accepted, in milliseconds.
const MAX_DELAY_MS: u64 = 600_000;

const FAULT_MODES: &str =
    "delay, error500, html502, malformed_json, empty200, drop, stall_body, huge_body, answer";

/// `huge_body`: a 200 of this many bytes, far more than any API answer.
pub const HUGE_BODY_BYTES: usize = 10 * 1024 * 1024;

const HTML_502: &str = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
const TRUNCATED_JSON: &str =
    "{\"id\":\"4189d3c2-8882-4871-a3c2-d380272eed83\",\"service_name\":\"cn-north-4.web-fr";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FaultMode {
    Delay,
    Error500,
    Html502,
    MalformedJson,
    Empty200,
    Drop,
    /// The headers at once, the start of the body, then nothing for `delay_ms`.
    StallBody,
    /// A 200 JSON body of [`HUGE_BODY_BYTES`].
    HugeBody,
    /// The fault's own `status` and JSON `body` (queued only): any error the API or its
    /// gateway gives, or a 200 of the wrong shape.
    Answer,
}

impl FaultMode {
    fn parse(s: &str) -> Option<FaultMode> {
        Some(match s {
            "delay" => FaultMode::Delay,
            "error500" => FaultMode::Error500,
            "html502" => FaultMode::Html502,
            "malformed_json" => FaultMode::MalformedJson,
            "empty200" => FaultMode::Empty200,
            "drop" => FaultMode::Drop,
            "stall_body" => FaultMode::StallBody,
            "huge_body" => FaultMode::HugeBody,
            "answer" => FaultMode::Answer,
            _ => return None,
        })
    }

    fn as_str(self) -> &'static str {
        match self {
            FaultMode::Delay => "delay",
            FaultMode::Error500 => "error500",
            FaultMode::Html502 => "html502",
            FaultMode::MalformedJson => "malformed_json",
            FaultMode::Empty200 => "empty200",
            FaultMode::Drop => "drop",
            FaultMode::StallBody => "stall_body",
            FaultMode::HugeBody => "huge_body",
            FaultMode::Answer => "answer",
        }
    }
}

/// A queued fault: it hits the next `remaining` API requests that match.
#[derive(Clone, Debug)]
pub struct Fault {
    pub mode: FaultMode,
    pub remaining: u64,
    pub delay_ms: u64,
    pub method: Option<String>,
    pub path_contains: Option<String>,
    /// `answer`: the status and the JSON body to send, and headers to add.
    pub status: u16,
    pub body: Option<Value>,
    pub headers: Vec<(String, String)>,
}

impl Fault {
    fn matches(&self, method: &Method, path: &str) -> bool {
        self.method
            .as_ref()
            .is_none_or(|m| m.eq_ignore_ascii_case(method.as_str()))
            && self
                .path_contains
                .as_ref()
                .is_none_or(|p| path.contains(p.as_str()))
    }

    pub fn to_json(&self) -> Value {
        json!({
            "mode": self.mode.as_str(),
            "count": self.remaining,
            "delay_ms": self.delay_ms,
            "method": self.method,
            "path_contains": self.path_contains,
            "status": self.status,
            "body": self.body,
            "headers": self.headers.iter().map(|(k, v)| json!([k, v])).collect::<Vec<_>>(),
        })
    }
}

/// Parses a `POST /__control/faults` body.
pub fn parse_fault(body: &[u8]) -> Result<Fault, String> {
    let v: Value =
        serde_json::from_slice(body).map_err(|e| format!("The body is not valid JSON: {e}."))?;
    let Value::Object(m) = v else {
        return Err("The body must be a JSON object.".into());
    };
    let mut fault = Fault {
        mode: FaultMode::Delay,
        remaining: 1,
        delay_ms: 500,
        method: None,
        path_contains: None,
        status: 200,
        body: None,
        headers: Vec::new(),
    };
    let mut mode = None;
    for (k, v) in &m {
        match (k.as_str(), v) {
            ("mode", Value::String(s)) => {
                mode = Some(FaultMode::parse(s).ok_or_else(|| {
                    format!("Unknown fault mode {}: use {FAULT_MODES}.", quote(s))
                })?)
            }
            ("count", v) => match v.as_u64() {
                Some(n) if n >= 1 => fault.remaining = n,
                _ => return Err("count must be an integer of at least 1.".into()),
            },
            ("delay_ms", v) => match v.as_u64() {
                Some(n) if n <= MAX_DELAY_MS => fault.delay_ms = n,
                _ => {
                    return Err(format!(
                        "delay_ms must be an integer from 0 to {MAX_DELAY_MS}."
                    ))
                }
            },
            ("method", Value::String(s)) => fault.method = Some(s.to_ascii_uppercase()),
            ("path_contains", Value::String(s)) => fault.path_contains = Some(s.clone()),
            ("status", v) => match v.as_u64() {
                Some(n @ 200..=599) => fault.status = n as u16,
                _ => return Err("status must be an HTTP status from 200 to 599.".into()),
            },
            ("body", v) => fault.body = Some(v.clone()),
            ("headers", Value::Object(h)) => {
                for (name, value) in h {
                    let (Value::String(value), true) = (
                        value,
                        header::HeaderName::from_bytes(name.as_bytes()).is_ok(),
                    ) else {
                        return Err(format!(
                            "headers: {} must be a header name with a string value.",
                            quote(name)
                        ));
                    };
                    fault.headers.push((name.clone(), value.clone()));
                }
            }
            ("headers", _) => {
                return Err("headers must be an object of names and string values.".into())
            }
            ("method" | "path_contains", Value::Null) => {}
            ("mode" | "method" | "path_contains", _) => {
                return Err(format!("{k} must be a string."));
            }
            _ => return Err(format!("Unknown field {} in the fault.", quote(k))),
        }
    }
    fault.mode = mode.ok_or_else(|| format!("mode is required: one of {FAULT_MODES}."))?;
    if fault.mode == FaultMode::Answer && fault.body.is_none() {
        return Err("mode answer needs a body (any JSON value) and a status.".into());
    }
    Ok(fault)
}

/// Marks a response that must not be sent: the server closes the connection instead.
#[derive(Clone, Copy, Debug)]
pub struct DropConnection;

/// The fault for this request: `__fault=` in the query wins (and leaves the queue alone);
/// otherwise the first queued fault that matches is used up.
fn take_fault(app: &AppState, req: &Request) -> Result<Option<Fault>, ApiError> {
    let params: Vec<(String, String)> =
        serde_urlencoded::from_str(req.uri().query().unwrap_or("")).unwrap_or_default();
    let param = |key: &str| {
        params
            .iter()
            .rev()
            .find(|(k, v)| k == key && !v.is_empty())
            .map(|(_, v)| v.as_str())
    };
    if let Some(mode) = param("__fault") {
        let mode = FaultMode::parse(mode).ok_or_else(|| {
            ApiError::param(format!(
                "Unknown __fault {}: use {FAULT_MODES}.",
                quote(mode)
            ))
        })?;
        let delay = match param("__delay_ms") {
            None => 500,
            Some(d) => match d.parse::<u64>() {
                Ok(n) if n <= MAX_DELAY_MS => n,
                _ => {
                    return Err(ApiError::param(format!(
                        "Invalid __delay_ms {}: use an integer from 0 to {MAX_DELAY_MS}.",
                        quote(d)
                    )))
                }
            },
        };
        if mode == FaultMode::Answer {
            return Err(ApiError::param(
                "__fault=answer needs a status and a body: queue it with POST /__control/faults."
                    .to_owned(),
            ));
        }
        return Ok(Some(Fault {
            mode,
            remaining: 1,
            delay_ms: delay,
            method: None,
            path_contains: None,
            status: 200,
            body: None,
            headers: Vec::new(),
        }));
    }
    let mut st = app.lock();
    let Some(i) = st
        .faults
        .iter()
        .position(|f| f.matches(req.method(), req.uri().path()))
    else {
        return Ok(None);
    };
    let f = &mut st.faults[i];
    let picked = f.clone();
    f.remaining -= 1;
    if f.remaining == 0 {
        st.faults.remove(i);
    }
    Ok(Some(picked))
}

fn with_body(status: StatusCode, content_type: &'static str, body: &'static str) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, content_type)],
        Body::from(body),
    )
        .into_response()
}

/// Middleware: answers an API request as the fault says, before the token is checked.
pub async fn inject(State(app): State<AppState>, req: Request, next: Next) -> Response {
    if req.extensions().get::<Kind>() != Some(&Kind::Api) {
        return next.run(req).await;
    }
    match take_fault(&app, &req) {
        Err(e) => e.into_response(),
        Ok(None) => next.run(req).await,
        Ok(Some(Fault {
            mode,
            delay_ms,
            status,
            body,
            headers,
            ..
        })) => match mode {
            FaultMode::Delay => {
                tokio::time::sleep(Duration::from_millis(delay_ms)).await;
                next.run(req).await
            }
            FaultMode::Drop => {
                let mut resp = StatusCode::INTERNAL_SERVER_ERROR.into_response();
                resp.extensions_mut().insert(DropConnection);
                resp
            }
            FaultMode::Error500 => (
                StatusCode::INTERNAL_SERVER_ERROR,
                Json(json!({"error_code": "EndPoint.0001", "error_msg": "System error."})),
            )
                .into_response(),
            FaultMode::Html502 => with_body(StatusCode::BAD_GATEWAY, "text/html", HTML_502),
            FaultMode::MalformedJson => {
                with_body(StatusCode::OK, "application/json", TRUNCATED_JSON)
            }
            FaultMode::Empty200 => with_body(StatusCode::OK, "application/json", ""),
            FaultMode::StallBody => {
                let start = futures_util::stream::once(async {
                    Ok::<_, std::io::Error>(axum::body::Bytes::from_static(b"{\"id\":\""))
                });
                let stall = futures_util::stream::once(async move {
                    tokio::time::sleep(Duration::from_millis(delay_ms)).await;
                    Ok::<_, std::io::Error>(axum::body::Bytes::from_static(b"late\"}"))
                });
                (
                    StatusCode::OK,
                    [(header::CONTENT_TYPE, "application/json")],
                    Body::from_stream(futures_util::StreamExt::chain(start, stall)),
                )
                    .into_response()
            }
            FaultMode::Answer => {
                let mut resp = (
                    StatusCode::from_u16(status).unwrap_or(StatusCode::OK),
                    Json(body.unwrap_or(Value::Null)),
                )
                    .into_response();
                for (name, value) in headers {
                    if let (Ok(n), Ok(v)) = (
                        header::HeaderName::from_bytes(name.as_bytes()),
                        header::HeaderValue::from_str(&value),
                    ) {
                        resp.headers_mut().append(n, v);
                    }
                }
                resp
            }
            FaultMode::HugeBody => {
                let mut body = String::with_capacity(HUGE_BODY_BYTES);
                body.push_str("{\"endpoint_services\":[],\"padding\":\"");
                body.extend(std::iter::repeat_n('x', HUGE_BODY_BYTES - body.len() - 2));
                body.push_str("\"}");
                (
                    StatusCode::OK,
                    [(header::CONTENT_TYPE, "application/json")],
                    Body::from(body),
                )
                    .into_response()
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fault_bodies() {
        let f = parse_fault(br#"{"mode":"drop","count":2,"method":"put","path_contains":"/v1/"}"#)
            .unwrap();
        assert_eq!(f.mode, FaultMode::Drop);
        assert_eq!(f.remaining, 2);
        assert!(f.matches(&Method::PUT, "/v1/x"));
        assert!(!f.matches(&Method::GET, "/v1/x"));
        assert!(parse_fault(br#"{"mode":"boom"}"#).is_err());
        assert!(parse_fault(br#"{"count":1}"#).is_err());
        assert!(parse_fault(br#"{"mode":"delay","count":0}"#).is_err());
        assert!(parse_fault(br#"{"mode":"delay","extra":1}"#).is_err());
    }
}
