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
use vpcep_sim::{answers, ApiError};

use crate::error::{api_error, to_axum};
use crate::extensions::{DropConnection, FaultApplied, Kind, RawBody, RequestId};
use crate::fault_queue::{self, FaultMode, Hit};
use crate::state::AppState;

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

/// Middleware: answers an API request as the fault says, before the token is checked.
pub async fn inject(State(app): State<AppState>, req: Request, next: Next) -> Response {
    if req.extensions().get::<Kind>() != Some(&Kind::Api) {
        return next.run(req).await;
    }
    let hit = match take_fault(&app, &req) {
        Err(e) => return api_error(&e),
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
        FaultMode::Error500 => to_axum(answers::error500()),
        FaultMode::Html502 => to_axum(answers::html502()),
        FaultMode::MalformedJson => to_axum(answers::malformed_json()),
        FaultMode::Empty200 => to_axum(answers::empty200()),
        FaultMode::StallBody => {
            let start = futures_util::stream::once(async {
                Ok::<_, std::io::Error>(axum::body::Bytes::from_static(answers::STALL_BODY_START))
            });
            let stall = futures_util::stream::once(async move {
                tokio::time::sleep(Duration::from_millis(delay_ms)).await;
                Ok::<_, std::io::Error>(axum::body::Bytes::from_static(answers::STALL_BODY_END))
            });
            (
                StatusCode::OK,
                [(header::CONTENT_TYPE, "application/json")],
                Body::from_stream(futures_util::StreamExt::chain(start, stall)),
            )
                .into_response()
        }
        FaultMode::Answer | FaultMode::Throttle | FaultMode::EveryNth => {
            to_axum(answers::answer(status, body.as_ref(), &headers))
        }
        FaultMode::HugeBody => to_axum(answers::huge_body()),
    };
    resp.extensions_mut().insert(FaultApplied(mode.as_str()));
    resp
}
