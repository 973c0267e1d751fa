//! A fault as the queue holds it: parsed from a `POST /__control/faults` body, or from one
//! request's `__fault=<mode>` (and `__delay_ms=N`), matched against requests, and counted by
//! the standing rules (`throttle`, `every_nth`). The state holds the queue and the `faults`
//! layer turns the [`Hit`] picked here into an answer.
//!
//! It depends on no middleware and not on the state, so the state can hold faults and the
//! `faults` layer can read the state without a circle.

use std::collections::HashSet;
use std::time::{Duration, Instant};

use axum::http::{header, Method};
use serde_json::{json, Value};
use vpcep_sim::answers::{self, ThrottleCode};
use vpcep_sim::{quote, ApiError};

/// The longest `delay` fault accepted, in milliseconds.
const MAX_DELAY_MS: u64 = 600_000;

const FAULT_MODES: &str = "delay, error500, html502, malformed_json, empty200, drop, stall_body, huge_body, answer, throttle, every_nth";

/// The longest throttle window accepted, in milliseconds.
const MAX_WINDOW_MS: u64 = 3_600_000;

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
    /// A 200 JSON body of 10 MiB, far more than any API answer.
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

    pub fn as_str(self) -> &'static str {
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
                m.insert("status".into(), json!(t.code.status()));
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

/// The answer to a throttled request: `vpcep_sim::answers`' own.
fn throttled(t: &Throttle, request_id: &str) -> (u16, Value) {
    let window_ms = u64::try_from(t.window.as_millis()).unwrap_or(u64::MAX);
    answers::throttle_body(t.code, t.limit, window_ms, request_id)
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
                code = Some(ThrottleCode::parse(c).ok_or_else(|| {
                    format!(
                        "Unknown code {}: use EndPoint.0022 (HTTP 400) or APIGW.0308 (HTTP 429).",
                        quote(c)
                    )
                })?)
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
            fault.status = code.status();
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

/// The API's own 500 body.
pub fn system_error() -> Value {
    answers::system_error_body()
}

/// What a fault does to one request; the `faults` layer turns it into the answer.
pub struct Hit {
    pub mode: FaultMode,
    pub delay_ms: u64,
    pub status: u16,
    pub body: Option<Value>,
    pub headers: Vec<(String, String)>,
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

/// The fault one request asks for with `__fault=<mode>` (and `__delay_ms=N`) in its `query`:
/// it wins over the queue and leaves it alone. `Ok(None)` when the query asks for none.
pub fn asked_in_query(query: &str) -> Result<Option<Hit>, ApiError> {
    let params: Vec<(String, String)> = serde_urlencoded::from_str(query).unwrap_or_default();
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
    Ok(None)
}

/// The queued fault that hits a request (`method` and `path`; `key` tells requests apart for
/// `distinct_requests`), in queue order: a standing rule that lets the request through (a
/// throttle within its limit, an `every_nth` between its hits) passes it on to the next fault,
/// and the first fault that hits answers; a one-shot fault is used up by it.
pub fn next_hit(
    queue: &mut Vec<Fault>,
    method: &Method,
    path: &str,
    key: u64,
    request_id: &str,
    now: Instant,
) -> Option<Hit> {
    for i in 0..queue.len() {
        let f = &mut queue[i];
        if !f.matches(method, path) {
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
            let (status, body) = throttled(t, request_id);
            return Some(Hit {
                status,
                body: Some(body),
                ..Hit::of(f)
            });
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
            return Some(Hit::of(f));
        }
        let picked = Hit::of(f);
        f.remaining -= 1;
        if f.remaining == 0 {
            queue.remove(i);
        }
        return Some(picked);
    }
    None
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
