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
//!
//! What a fault is, how it is parsed and which one hits a request is `fault_queue`'s; this
//! layer reads the request, asks it, and makes the answer.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::Value;

use crate::error::ApiError;
use crate::extensions::{DropConnection, FaultApplied, Kind, RawBody, RequestId};
use crate::fault_queue::{self, system_error, FaultMode, Hit};
use crate::state::AppState;

/// `huge_body`: a 200 of this many bytes, far more than any API answer.
pub const HUGE_BODY_BYTES: usize = 10 * 1024 * 1024;

const HTML_502: &str = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
const TRUNCATED_JSON: &str =
    "{\"id\":\"4189d3c2-8882-4871-a3c2-d380272eed83\",\"service_name\":\"cn-north-4.web-fr";

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
/// otherwise the queue decides (see [`fault_queue::next_hit`]).
fn take_fault(app: &AppState, req: &Request) -> Result<Option<Hit>, ApiError> {
    if let Some(hit) = fault_queue::asked_in_query(req.uri().query().unwrap_or(""))? {
        return Ok(Some(hit));
    }
    let now = Instant::now();
    let key = request_key(req);
    let rid = req
        .extensions()
        .get::<RequestId>()
        .map(|r| r.0.clone())
        .unwrap_or_default();
    let mut st = app.lock();
    Ok(fault_queue::next_hit(
        &mut st.faults,
        req.method(),
        req.uri().path(),
        key,
        &rid,
        now,
    ))
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
