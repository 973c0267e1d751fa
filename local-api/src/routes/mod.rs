//! The routes: the test hooks, the layers around everything, and the rest — a file of
//! `--static-dir`, or the simulation (`vpcep_sim::Sim`), which answers the VPCEP API, IAM's
//! sign-in and, for what no route takes, the gateway's 404.

mod control;

use axum::extract::{Request, State};
use axum::http::Method;
use axum::middleware::from_fn_with_state;
use axum::response::Response;
use axum::routing::{get, post};
use axum::{Extension, Router};

use crate::error::to_axum;
use crate::extensions::{Kind, RawBody, RequestId};
use crate::state::{now_ms, AppState};
use crate::{cors, faults, record, statics};

/// The whole server as one router; `serve` runs it on a listener, tests call it directly.
pub fn app(state: AppState) -> Router {
    Router::new()
        .route(
            "/__control/faults",
            get(control::list_faults)
                .post(control::add_fault)
                .delete(control::clear_faults),
        )
        .route("/__control/reset", post(control::reset))
        .route("/__control/fleet", post(control::set_fleet))
        .route("/__control/requests", get(control::requests))
        .route(
            "/__control/edit/{project_id}/{service_id}",
            post(control::edit),
        )
        .route(
            "/__control/connect/{project_id}/{service_id}",
            post(control::connect),
        )
        .fallback(fallback)
        .method_not_allowed_fallback(fallback)
        // Outermost last: every request is recorded, then CORS, then faults reach the API.
        .layer(from_fn_with_state(state.clone(), faults::inject))
        .layer(from_fn_with_state(state.clone(), cors::cors))
        .layer(from_fn_with_state(state.clone(), record::record))
        .with_state(state)
}

/// What no test hook takes: a file of `--static-dir`, or else the simulation's answer (the
/// API, the sign-in, or the gateway's 404 before any token check, as the real gateway
/// answers).
async fn fallback(
    State(app): State<AppState>,
    Extension(kind): Extension<Kind>,
    Extension(RequestId(rid)): Extension<RequestId>,
    Extension(RawBody(body)): Extension<RawBody>,
    req: Request,
) -> Response {
    if let (Some(dir), Kind::Static) = (&app.config.static_dir, kind) {
        if *req.method() == Method::GET || *req.method() == Method::HEAD {
            return statics::serve_file(dir.clone(), req.uri().path().to_string()).await;
        }
    }
    let headers: Vec<(String, String)> = req
        .headers()
        .iter()
        .map(|(n, v)| (n.as_str().to_string(), v.to_str().unwrap_or("").to_string()))
        .collect();
    let sim_req = vpcep_sim::Request {
        method: req.method().as_str(),
        path: req.uri().path(),
        query: req.uri().query().unwrap_or(""),
        headers: &headers,
        body: &body,
        request_id: &rid,
    };
    let answer = app.sim().handle(&sim_req, now_ms());
    to_axum(answer)
}
