//! The outermost middleware: every request gets an id (`X-Request-Id`), a kind and its body read
//! (bounded; all three passed on as extensions), the `Host` check (421), a line in the stderr
//! log, and, when it is an API request or a preflight that is not for a test hook, an entry in
//! the request log.
//!
//! Neither log ever shows a password: the stderr line is the method, path and query, never a
//! body; the request log withholds the body of every request to IAM's paths (a sign-in).

use std::time::Instant;

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method};
use axum::middleware::Next;
use axum::response::Response;
use vpcep_sim::ApiError;

use crate::error::api_error;
use crate::extensions::{DropConnection, FaultApplied, Kind, RawBody, RequestId};
use crate::guard;
use crate::state::{AppState, RequestRecord, TokenSeen};

/// The largest request body read; a larger one is answered with EndPoint.0002.
const MAX_BODY_BYTES: usize = 1 << 20;

/// `path` is `prefix` or below it.
fn under(path: &str, prefix: &str) -> bool {
    path == prefix
        || path
            .strip_prefix(prefix)
            .is_some_and(|r| r.starts_with('/'))
}

/// Paths that always belong to the API (and its 404), even with `--static-dir`: VPCEP's, and
/// IAM's sign-in, as IAM's host (`/v3`) and under the console's default IAM proxy (`/iam`).
pub fn is_api_path(path: &str) -> bool {
    ["/v1", "/v2", "/v3", "/iam"].iter().any(|p| under(path, p))
}

/// Paths whose request bodies the request log never shows: IAM's, where a sign-in carries a
/// password (and a passcode), whatever the path's exact spelling.
pub fn withholds_body(path: &str) -> bool {
    under(path, "/v3") || under(path, "/iam")
}

/// The test hooks' paths.
pub fn is_control_path(path: &str) -> bool {
    path == "/__control" || path.starts_with("/__control/")
}

fn kind_of(app: &AppState, req: &Request) -> Kind {
    let path = req.uri().path();
    if *req.method() == Method::OPTIONS
        && req.headers().contains_key(header::ORIGIN)
        && req
            .headers()
            .contains_key(header::ACCESS_CONTROL_REQUEST_METHOD)
    {
        return Kind::Preflight;
    }
    if is_control_path(path) {
        return Kind::Control;
    }
    if app.config.static_dir.is_some()
        && (*req.method() == Method::GET || *req.method() == Method::HEAD)
        && !is_api_path(path)
    {
        return Kind::Static;
    }
    Kind::Api
}

/// Middleware: id, kind, body (read whole, bounded), log entries; see the module docs.
pub async fn record(State(app): State<AppState>, req: Request, next: Next) -> Response {
    let started = Instant::now();
    let rid = app.next_request_id();
    let kind = kind_of(&app, &req);
    let (mut parts, body) = req.into_parts();
    let body = axum::body::to_bytes(body, MAX_BODY_BYTES).await;
    let too_large = body.is_err();
    let body = body.unwrap_or_else(|_| Bytes::new());
    let target = match parts.uri.query() {
        Some(q) => format!("{}?{q}", parts.uri.path()),
        None => parts.uri.path().to_string(),
    };
    let method = parts.method.clone();
    // A request addressed to a name that is not ours (DNS rebinding) gets nothing but a 421.
    let refused_host = guard::refused_host(&parts.uri, &parts.headers, &app.config.allow_hosts);
    // Preflights are logged too (a browser's first request), but nothing of the test hooks.
    let recorded = refused_host.is_none()
        && (kind == Kind::Api || (kind == Kind::Preflight && !is_control_path(parts.uri.path())));
    if recorded {
        let withheld = withholds_body(parts.uri.path());
        let token = parts.headers.get("x-auth-token").map(|t| {
            if app.token_accepted(t.to_str().unwrap_or(""), parts.uri.path()) {
                TokenSeen::Accepted
            } else {
                TokenSeen::Rejected
            }
        });
        let text = |name: &str| {
            parts
                .headers
                .get(name)
                .map(|v| v.to_str().unwrap_or("").to_string())
        };
        let entry = RequestRecord {
            method: method.to_string(),
            path: parts.uri.path().to_string(),
            query: parts.uri.query().map(str::to_string),
            token,
            content_type: parts
                .headers
                .get(header::CONTENT_TYPE)
                .map(|v| v.to_str().unwrap_or("").to_string()),
            origin: parts
                .headers
                .get(header::ORIGIN)
                .map(|v| v.to_str().unwrap_or("").to_string()),
            cookie: parts.headers.contains_key(header::COOKIE),
            cache_control: text(header::CACHE_CONTROL.as_str()),
            authorization: parts.headers.contains_key(header::AUTHORIZATION),
            x_forwarded_host: text("x-forwarded-host"),
            x_forwarded_for: text("x-forwarded-for"),
            body: (!body.is_empty() && !withheld)
                .then(|| String::from_utf8_lossy(&body).into_owned()),
            body_withheld: withheld && !body.is_empty(),
            status: None,
            fault: None,
            request_id: rid.clone(),
        };
        app.lock().log_request(entry);
    }
    parts.extensions.insert(kind);
    parts.extensions.insert(RequestId(rid.clone()));
    parts.extensions.insert(RawBody(body.clone()));
    let req = Request::from_parts(parts, Body::from(body));

    let mut resp = if let Some(host) = &refused_host {
        guard::misdirected(host)
    } else if too_large && kind != Kind::Preflight && kind != Kind::Static {
        api_error(&ApiError::param(format!(
            "The request body could not be read: larger than {MAX_BODY_BYTES} bytes, or cut off."
        )))
    } else {
        next.run(req).await
    };

    let dropped = resp.extensions().get::<DropConnection>().is_some();
    let fault = resp.extensions().get::<FaultApplied>().map(|f| f.0);
    let status = resp.status().as_u16();
    if recorded {
        let mut st = app.lock();
        if let Some(r) = st.requests.iter_mut().rev().find(|r| r.request_id == rid) {
            r.status = (!dropped).then_some(status);
            r.fault = fault;
        }
    }
    if !app.config.quiet {
        let shown = if dropped {
            "drop".to_string()
        } else {
            status.to_string()
        };
        eprintln!(
            "{method} {target} {shown} {}ms {rid}",
            started.elapsed().as_millis()
        );
    }
    if let Ok(v) = HeaderValue::from_str(&rid) {
        resp.headers_mut().insert("x-request-id", v);
    }
    resp
}
