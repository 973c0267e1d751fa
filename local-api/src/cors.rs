//! CORS as the console's browser needs it: preflights answered without a token, and every
//! answer to an allowed origin (the loopback ones by default) readable, with its
//! `X-Request-Id` (and a sign-in's `X-Subject-Token`). The test hooks take no part in CORS: a request to them from a web page is
//! refused.

use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

use crate::extensions::Kind;
use crate::guard;
use crate::record::is_control_path;
use crate::state::AppState;
use vpcep_sim::quote;

const ALLOW_METHODS: &str = "GET, PUT, POST, OPTIONS";
const ALLOW_HEADERS: &str = "X-Auth-Token, Content-Type";
/// `X-Subject-Token`: the sign-in's token, which a page on another origin must read.
const EXPOSE_HEADERS: &str = "X-Request-Id, X-Subject-Token";

fn allow_origin(h: &mut HeaderMap, origin: &str) {
    if let Ok(v) = HeaderValue::from_str(origin) {
        h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, v);
        h.append(header::VARY, HeaderValue::from_static("Origin"));
        h.insert(
            header::ACCESS_CONTROL_EXPOSE_HEADERS,
            HeaderValue::from_static(EXPOSE_HEADERS),
        );
    }
}

/// The answer to a preflight from `origin`: 204 with what may be sent, or 403 for an origin
/// outside the configured list.
fn preflight(app: &AppState, origin: &str) -> Response {
    if !app.origin_allowed(origin) {
        return (
            StatusCode::FORBIDDEN,
            Json(json!({
                "error_code": "EndPoint.0004",
                "error_msg": format!("CORS origin {} is not allowed.", quote(origin)),
            })),
        )
            .into_response();
    }
    let mut resp = StatusCode::NO_CONTENT.into_response();
    let h = resp.headers_mut();
    allow_origin(h, origin);
    h.insert(
        header::ACCESS_CONTROL_ALLOW_METHODS,
        HeaderValue::from_static(ALLOW_METHODS),
    );
    h.insert(
        header::ACCESS_CONTROL_ALLOW_HEADERS,
        HeaderValue::from_static(ALLOW_HEADERS),
    );
    h.insert(
        header::ACCESS_CONTROL_MAX_AGE,
        HeaderValue::from_static("600"),
    );
    resp
}

/// Middleware: refuses the test hooks to web pages (403, no CORS header, preflights too),
/// answers preflights, and adds the CORS headers for an allowed origin to every other answer
/// (a refused origin gets none: the browser hides the answer).
pub async fn cors(State(app): State<AppState>, req: Request, next: Next) -> Response {
    if is_control_path(req.uri().path()) {
        if let Some(why) = guard::from_a_web_page(req.headers()) {
            return guard::control_refused(why);
        }
    }
    let origin = req
        .headers()
        .get(header::ORIGIN)
        .map(|v| v.to_str().unwrap_or("").to_string());
    if req.extensions().get::<Kind>() == Some(&Kind::Preflight) {
        return preflight(&app, origin.as_deref().unwrap_or(""));
    }
    let mut resp = next.run(req).await;
    if let Some(o) = origin.filter(|o| app.origin_allowed(o)) {
        allow_origin(resp.headers_mut(), &o);
    }
    resp
}
