//! The routes: the calls of the VPCEP API, IAM's sign-in, the test hooks, the layers around them, and what no
//! route takes (a file of `--static-dir`, or the gateway's 404).

mod access;
mod api;
mod connections;
mod control;
mod iam;
mod permissions;

use axum::extract::{Request, State};
use axum::http::Method;
use axum::middleware::{from_fn, from_fn_with_state, Next};
use axum::response::Response;
use axum::routing::{get, post};
use axum::{Extension, Router};

use crate::error::gateway_not_found;
use crate::extensions::{Kind, RequestId};
use crate::state::AppState;
use crate::{cors, faults, record, statics};

/// The whole server as one router; `serve` runs it on a listener, tests call it directly.
pub fn app(state: AppState) -> Router {
    Router::new()
        .route(
            "/v1/{project_id}/vpc-endpoint-services",
            // axum answers HEAD with a GET route; the gateway does not know HEAD.
            get(api::list_services).head(fallback),
        )
        .route(
            "/v1/{project_id}/vpc-endpoint-services/{service_id}",
            get(api::get_service)
                .head(fallback)
                .put(api::update_service),
        )
        .route(
            "/v2/{project_id}/vpc-endpoint-services/{service_id}/upgrade",
            post(api::upgrade_service),
        )
        .route(
            "/v1/{project_id}/vpc-endpoint-services/{service_id}/connections",
            get(connections::list_connections).head(fallback),
        )
        .route(
            "/v1/{project_id}/vpc-endpoint-services/{service_id}/connections/action",
            post(connections::connection_action),
        )
        .route(
            "/v1/{project_id}/vpc-endpoint-services/{service_id}/permissions",
            get(permissions::list_permissions).head(fallback),
        )
        .route(
            "/v1/{project_id}/vpc-endpoint-services/{service_id}/permissions/action",
            post(permissions::permission_action),
        )
        .route_layer(from_fn(no_empty_segment))
        // IAM's sign-in, as IAM's host and on the console's default IAM proxy path.
        .route("/v3/auth/tokens", post(iam::sign_in))
        .route("/iam/v3/auth/tokens", post(iam::sign_in))
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

/// What no route takes: a file of `--static-dir`, or else the gateway's 404 (before any
/// token check, as the real gateway answers).
async fn fallback(
    State(app): State<AppState>,
    Extension(kind): Extension<Kind>,
    Extension(RequestId(rid)): Extension<RequestId>,
    req: Request,
) -> Response {
    match (&app.config.static_dir, kind) {
        (Some(dir), Kind::Static)
            if *req.method() == Method::GET || *req.method() == Method::HEAD =>
        {
            statics::serve_file(dir.clone(), req.uri().path().to_string()).await
        }
        _ => gateway_not_found(&rid),
    }
}

/// A path parameter may not be empty (`/v1//vpc-endpoint-services`): the gateway knows no
/// such API.
async fn no_empty_segment(
    Extension(RequestId(rid)): Extension<RequestId>,
    req: Request,
    next: Next,
) -> Response {
    if req.uri().path()[1..].split('/').any(str::is_empty) {
        return gateway_not_found(&rid);
    }
    next.run(req).await
}
