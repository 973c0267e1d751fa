//! Faults a real proxy in front of the API produces, on request: a slow answer, a 500, an
//! HTML 502 page, broken or empty JSON, or a connection dropped with no answer at all.
//!
//! A fault is queued with `POST /__control/faults`, or asked for by one request with
//! `__fault=<mode>` (and `__delay_ms=N`) in its query. [`inject`] applies them to API requests
//! only: not to control requests, preflights or static files.
//!
//! Two modes are standing rules rather than one-shot answers, for batches of changes: `throttle`
//! (the API's rate limit: N requests per window pass, the rest are refused) and `every_nth`
//! (a steady failure rate, deterministic so a test of "retry the failed ones" is stable). They
//! stay queued until `DELETE /__control/faults` or a reset.

use std::collections::hash_map::DefaultHasher;
use std::collections::HashSet;
use std::hash::{Hash, Hasher};
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

use crate::error::quote;
use crate::error::ApiError;
use crate::record::{Kind, RawBody, RequestId};
use crate::state::AppState;

/// The longest `delay` fault accepted, in milliseconds.
const MAX_DELAY_MS: u64 = 600_000;

const FAULT_MODES: &str = "delay, error500, html502, malformed_json, empty200, drop, stall_body, huge_body, answer, throttle, every_nth";

/// The longest throttle window accepted, in milliseconds.
const MAX_WINDOW_MS: u64 = 3_600_000;

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
    /// The rate limit (queued only, standing): see [`Throttle`].
    Throttle,
    /// A failure rate (queued only, standing): see [`EveryNth`].
    EveryNth,
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
            "throttle" => FaultMode::Throttle,
            "every_nth" => FaultMode::EveryNth,
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
            FaultMode::Throttle => "throttle",
            FaultMode::EveryNth => "every_nth",
        }
    }

    /// A standing rule: not used up by the requests it meets, and only queued (its state lives
    /// in the queue).
    fn standing(self) -> bool {
        matches!(self, FaultMode::Throttle | FaultMode::EveryNth)
    }
}

/// How a throttled request is refused: the API's own way, or its gateway's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ThrottleCode {
    /// 400 `EndPoint.0022`, as the VPCEP API answers (not 429).
    EndPoint0022,
    /// 429 `APIGW.0308`, as the API gateway in front answers.
    Apigw0308,
}

impl ThrottleCode {
    fn as_str(self) -> &'static str {
        match self {
            ThrottleCode::EndPoint0022 => "EndPoint.0022",
            ThrottleCode::Apigw0308 => "APIGW.0308",
        }
    }
}

/// `throttle`: `limit` matching requests pass per window of `window`, the others are refused
/// until it rolls over. A window opens with the first matching request after the last one
/// closed (not on a fixed clock), so "the first N pass" holds from the moment a test starts.
#[derive(Clone, Debug)]
pub struct Throttle {
    pub limit: u64,
    pub window: Duration,
    pub code: ThrottleCode,
    window_start: Option<Instant>,
    passed: u64,
    refused: u64,
}

/// `every_nth`: the n-th, 2n-th, … matching request fails with the fault's `status` and
/// `body`. With `distinct_requests`, only the FIRST arrival of a request counts (method, path,
/// query and body together), and every repeat of a request passes: the first attempt of every
/// n-th distinct request fails, and a retry of it always succeeds.
#[derive(Clone, Debug)]
pub struct EveryNth {
    pub n: u64,
    pub distinct_requests: bool,
    counted: u64,
    failed: u64,
    /// Hashes of the requests counted so far (`distinct_requests` only).
    seen: HashSet<u64>,
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
    pub throttle: Option<Throttle>,
    pub every_nth: Option<EveryNth>,
}

impl Fault {
    fn new(mode: FaultMode) -> Fault {
        Fault {
            mode,
            remaining: 1,
            delay_ms: 500,
            method: None,
            path_contains: None,
            status: 200,
            body: None,
            headers: Vec::new(),
            throttle: None,
            every_nth: None,
        }
    }

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
        let mut v = json!({
            "mode": self.mode.as_str(),
            "count": (!self.mode.standing()).then_some(self.remaining),
            "delay_ms": self.delay_ms,
            "method": self.method,
            "path_contains": self.path_contains,
            "status": self.status,
            "body": self.body,
            "headers": self.headers.iter().map(|(k, v)| json!([k, v])).collect::<Vec<_>>(),
        });
        if let Value::Object(m) = &mut v {
            if let Some(t) = &self.throttle {
                m.insert("limit".into(), json!(t.limit));
                m.insert("window_ms".into(), json!(t.window.as_millis() as u64));
                m.insert("code".into(), json!(t.code.as_str()));
                m.insert("status".into(), json!(throttle_status(t.code)));
                m.insert("passed_in_window".into(), json!(t.passed));
                m.insert("refused".into(), json!(t.refused));
            }
            if let Some(e) = &self.every_nth {
                m.insert("n".into(), json!(e.n));
                m.insert("distinct_requests".into(), json!(e.distinct_requests));
                m.insert("counted".into(), json!(e.counted));
                m.insert("failed".into(), json!(e.failed));
            }
        }
        v
    }
}

fn throttle_status(code: ThrottleCode) -> u16 {
    match code {
        ThrottleCode::EndPoint0022 => 400,
        ThrottleCode::Apigw0308 => 429,
    }
}

/// The answer to a throttled request.
fn throttled(t: &Throttle, request_id: &str) -> (u16, Value) {
    let body = match t.code {
        ThrottleCode::EndPoint0022 => json!({
            "error_code": "EndPoint.0022",
            "error_msg": "The number of requests exceeded the limit. Please try later.",
        }),
        ThrottleCode::Apigw0308 => json!({
            "error_code": "APIGW.0308",
            "error_msg": format!(
                "The throttling threshold has been reached: policy user over ratelimit, limit:{}, time:{} ms",
                t.limit,
                t.window.as_millis()
            ),
            "request_id": request_id,
        }),
    };
    (throttle_status(t.code), body)
}

/// Parses a `POST /__control/faults` body.
pub fn parse_fault(body: &[u8]) -> Result<Fault, String> {
    let v: Value =
        serde_json::from_slice(body).map_err(|e| format!("The body is not valid JSON: {e}."))?;
    let Value::Object(m) = v else {
        return Err("The body must be a JSON object.".into());
    };
    let mut fault = Fault::new(FaultMode::Delay);
    let mut mode = None;
    let mut status_given = false;
    // The standing modes' own fields, checked against the mode once it is known.
    let mut limit = None;
    let mut window_ms = None;
    let mut code = None;
    let mut n = None;
    let mut distinct = None;
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
            ("limit", v) => match v.as_u64() {
                Some(l) => limit = Some(l),
                None => return Err("limit must be an integer of 0 or more.".into()),
            },
            ("window_ms", v) => match v.as_u64() {
                Some(w @ 1..=MAX_WINDOW_MS) => window_ms = Some(w),
                _ => {
                    return Err(format!(
                        "window_ms must be an integer from 1 to {MAX_WINDOW_MS}."
                    ))
                }
            },
            ("code", Value::String(c)) => {
                code = Some(match c.as_str() {
                    "EndPoint.0022" => ThrottleCode::EndPoint0022,
                    "APIGW.0308" => ThrottleCode::Apigw0308,
                    _ => {
                        return Err(format!(
                        "Unknown code {}: use EndPoint.0022 (HTTP 400) or APIGW.0308 (HTTP 429).",
                        quote(c)
                    ))
                    }
                })
            }
            ("n", v) => match v.as_u64() {
                Some(x) if x >= 1 => n = Some(x),
                _ => return Err("n must be an integer of at least 1.".into()),
            },
            ("distinct_requests", Value::Bool(b)) => distinct = Some(*b),
            ("distinct_requests", _) => return Err("distinct_requests must be a boolean.".into()),
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
                Some(n @ 200..=599) => {
                    fault.status = n as u16;
                    status_given = true;
                }
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
            ("mode" | "method" | "path_contains" | "code", _) => {
                return Err(format!("{k} must be a string."));
            }
            _ => return Err(format!("Unknown field {} in the fault.", quote(k))),
        }
    }
    fault.mode = mode.ok_or_else(|| format!("mode is required: one of {FAULT_MODES}."))?;
    if fault.mode == FaultMode::Answer && fault.body.is_none() {
        return Err("mode answer needs a body (any JSON value) and a status.".into());
    }
    let only = |given: bool, field: &str, mode: FaultMode| {
        if given && fault.mode != mode {
            Err(format!("{field} belongs to mode {} only.", mode.as_str()))
        } else {
            Ok(())
        }
    };
    only(limit.is_some(), "limit", FaultMode::Throttle)?;
    only(window_ms.is_some(), "window_ms", FaultMode::Throttle)?;
    only(code.is_some(), "code", FaultMode::Throttle)?;
    only(n.is_some(), "n", FaultMode::EveryNth)?;
    only(distinct.is_some(), "distinct_requests", FaultMode::EveryNth)?;
    if fault.mode.standing() && m.contains_key("count") {
        return Err(format!(
            "count does not apply to mode {}: it stays until DELETE /__control/faults or a reset.",
            fault.mode.as_str()
        ));
    }
    match fault.mode {
        FaultMode::Throttle => {
            let (Some(limit), Some(window_ms)) = (limit, window_ms) else {
                return Err(
                    "mode throttle needs limit (requests per window) and window_ms.".into(),
                );
            };
            if status_given || fault.body.is_some() {
                return Err(
                    "mode throttle answers by its code (EndPoint.0022 or APIGW.0308), not by status and body."
                        .into(),
                );
            }
            let code = code.unwrap_or(ThrottleCode::EndPoint0022);
            fault.status = throttle_status(code);
            fault.throttle = Some(Throttle {
                limit,
                window: Duration::from_millis(window_ms),
                code,
                window_start: None,
                passed: 0,
                refused: 0,
            });
        }
        FaultMode::EveryNth => {
            let Some(n) = n else {
                return Err("mode every_nth needs n (every n-th matching request fails).".into());
            };
            if !status_given {
                fault.status = 500;
            }
            if fault.body.is_none() {
                fault.body = Some(system_error());
            }
            fault.every_nth = Some(EveryNth {
                n,
                distinct_requests: distinct.unwrap_or(false),
                counted: 0,
                failed: 0,
                seen: HashSet::new(),
            });
        }
        _ => {}
    }
    Ok(fault)
}

fn system_error() -> Value {
    json!({"error_code": "EndPoint.0001", "error_msg": "System error."})
}

/// Marks a response that must not be sent: the server closes the connection instead.
#[derive(Clone, Copy, Debug)]
pub struct DropConnection;

/// Marks a response a fault made (or delayed): the request log names the mode.
#[derive(Clone, Copy, Debug)]
pub struct FaultApplied(pub &'static str);

/// What a fault does to one request.
struct Hit {
    mode: FaultMode,
    delay_ms: u64,
    status: u16,
    body: Option<Value>,
    headers: Vec<(String, String)>,
}

impl Hit {
    fn of(f: &Fault) -> Hit {
        Hit {
            mode: f.mode,
            delay_ms: f.delay_ms,
            status: f.status,
            body: f.body.clone(),
            headers: f.headers.clone(),
        }
    }
}

/// A request's identity for `every_nth` with `distinct_requests`: method, path, query, body.
fn request_key(req: &Request) -> u64 {
    let mut h = DefaultHasher::new();
    req.method().as_str().hash(&mut h);
    req.uri().path().hash(&mut h);
    req.uri().query().unwrap_or("").hash(&mut h);
    if let Some(RawBody(body)) = req.extensions().get::<RawBody>() {
        body.as_ref().hash(&mut h);
    }
    h.finish()
}

/// The fault for this request: `__fault=` in the query wins (and leaves the queue alone);
/// otherwise the queue in order: a standing rule that lets the request through (a throttle
/// within its limit, an `every_nth` between its hits) passes it on to the next fault, and the
/// first fault that hits answers; a one-shot fault is used up by it.
fn take_fault(app: &AppState, req: &Request) -> Result<Option<Hit>, ApiError> {
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
        if mode == FaultMode::Answer || mode.standing() {
            return Err(ApiError::param(format!(
                "__fault={} needs its settings: queue it with POST /__control/faults.",
                mode.as_str()
            )));
        }
        let mut f = Fault::new(mode);
        f.delay_ms = delay;
        return Ok(Some(Hit::of(&f)));
    }
    let now = Instant::now();
    let key = request_key(req);
    let rid = req
        .extensions()
        .get::<RequestId>()
        .map(|r| r.0.clone())
        .unwrap_or_default();
    let mut st = app.lock();
    for i in 0..st.faults.len() {
        let f = &mut st.faults[i];
        if !f.matches(req.method(), req.uri().path()) {
            continue;
        }
        if let Some(t) = &mut f.throttle {
            if t.window_start
                .is_none_or(|s| now.duration_since(s) >= t.window)
            {
                t.window_start = Some(now);
                t.passed = 0;
            }
            if t.passed < t.limit {
                t.passed += 1;
                continue;
            }
            t.refused += 1;
            let (status, body) = throttled(t, &rid);
            return Ok(Some(Hit {
                status,
                body: Some(body),
                ..Hit::of(f)
            }));
        }
        if let Some(e) = &mut f.every_nth {
            if e.distinct_requests && !e.seen.insert(key) {
                continue;
            }
            e.counted += 1;
            if e.counted % e.n != 0 {
                continue;
            }
            e.failed += 1;
            return Ok(Some(Hit::of(f)));
        }
        let picked = Hit::of(f);
        f.remaining -= 1;
        if f.remaining == 0 {
            st.faults.remove(i);
        }
        return Ok(Some(picked));
    }
    Ok(None)
}

fn with_body(status: StatusCode, content_type: &'static str, body: &'static str) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, content_type)],
        Body::from(body),
    )
        .into_response()
}

/// `status` with the JSON `body` and extra `headers`.
fn json_answer(status: u16, body: Option<Value>, headers: Vec<(String, String)>) -> Response {
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

/// Middleware: answers an API request as the fault says, before the token is checked.
pub async fn inject(State(app): State<AppState>, req: Request, next: Next) -> Response {
    if req.extensions().get::<Kind>() != Some(&Kind::Api) {
        return next.run(req).await;
    }
    let hit = match take_fault(&app, &req) {
        Err(e) => return e.into_response(),
        Ok(None) => return next.run(req).await,
        Ok(Some(hit)) => hit,
    };
    let Hit {
        mode,
        delay_ms,
        status,
        body,
        headers,
    } = hit;
    let mut resp = match mode {
        FaultMode::Delay => {
            tokio::time::sleep(Duration::from_millis(delay_ms)).await;
            next.run(req).await
        }
        FaultMode::Drop => {
            let mut resp = StatusCode::INTERNAL_SERVER_ERROR.into_response();
            resp.extensions_mut().insert(DropConnection);
            resp
        }
        FaultMode::Error500 => {
            (StatusCode::INTERNAL_SERVER_ERROR, Json(system_error())).into_response()
        }
        FaultMode::Html502 => with_body(StatusCode::BAD_GATEWAY, "text/html", HTML_502),
        FaultMode::MalformedJson => with_body(StatusCode::OK, "application/json", TRUNCATED_JSON),
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
        FaultMode::Answer | FaultMode::Throttle | FaultMode::EveryNth => {
            json_answer(status, body, headers)
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
    };
    resp.extensions_mut().insert(FaultApplied(mode.as_str()));
    resp
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
