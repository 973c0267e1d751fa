//! The test hooks under `/__control`: queue, list and clear faults, reset to the seed, read the
//! log, change a service as another client would, give a project a fleet, connect an endpoint
//! to a service as a consumer would. None needs a token; none answers a web page (see `guard`).
//! The last three change the simulation: they are its methods (`vpcep_sim::Sim::edit`,
//! `fleet`, `connect`).

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};
use vpcep_sim::ApiError;

use crate::error::{api_error, to_axum};
use crate::fault_queue::{parse_fault, Fault};
use crate::state::{now_ms, AppState};

fn faults_json(app: &AppState) -> Json<Value> {
    let faults: Vec<Value> = app.lock().faults.iter().map(Fault::to_json).collect();
    Json(json!({ "faults": faults }))
}

/// `POST /__control/faults`: queues a fault, answers the whole queue.
pub async fn add_fault(State(app): State<AppState>, body: Bytes) -> Response {
    match parse_fault(&body) {
        Err(msg) => api_error(&ApiError::param(msg)),
        Ok(f) => {
            app.lock().faults.push(f);
            faults_json(&app).into_response()
        }
    }
}

/// `GET /__control/faults`: the pending queue.
pub async fn list_faults(State(app): State<AppState>) -> Json<Value> {
    faults_json(&app)
}

/// `DELETE /__control/faults`.
pub async fn clear_faults(State(app): State<AppState>) -> StatusCode {
    app.lock().faults.clear();
    StatusCode::NO_CONTENT
}

/// `POST /__control/reset`: the seed again, no faults, an empty log.
pub async fn reset(State(app): State<AppState>) -> StatusCode {
    app.reset();
    StatusCode::NO_CONTENT
}

/// `POST /__control/edit/{project_id}/{service_id}`: a PUT's body applied with the PUT's rules
/// and answers, as someone else's client would change the service; not in the request log.
pub async fn edit(
    State(app): State<AppState>,
    Path((project_id, service_id)): Path<(String, String)>,
    body: Bytes,
) -> Response {
    let answer = app.sim().edit(&project_id, &service_id, &body, now_ms());
    to_axum(answer)
}

/// `GET /__control/requests`: the last API requests since the last reset (at most
/// [`crate::state::REQUEST_LOG_CAPACITY`]), in order of arrival.
pub async fn requests(State(app): State<AppState>) -> Json<Value> {
    Json(serde_json::to_value(&app.lock().requests).unwrap_or(Value::Null))
}

/// `POST /__control/fleet` `{"count": N, "project_id": "…"}`: the project (by default the
/// seed's first) gets a fleet of N generated services instead of the one it had, until the
/// next reset. Answers `{"project_id", "fleet", "total_count"}`.
pub async fn set_fleet(State(app): State<AppState>, body: Bytes) -> Response {
    let answer = app.sim().fleet(&body);
    to_axum(answer)
}

/// `POST /__control/connect/{project_id}/{service_id}`: a consumer's VPC endpoint connects to
/// the service, as if created in another account. By default from the owner's own account,
/// `pendingAcceptance` when the service needs approval and `accepted` when not; an account
/// other than the owner's must be whitelisted (`*` or its own record), else 403
/// EndPoint.0004. Answers the connection as the list shows it; not in the request log.
pub async fn connect(
    State(app): State<AppState>,
    Path((project_id, service_id)): Path<(String, String)>,
    body: Bytes,
) -> Response {
    let answer = app.sim().connect(&project_id, &service_id, &body, now_ms());
    to_axum(answer)
}
