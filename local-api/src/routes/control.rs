//! The test hooks under `/__control`: queue and clear faults, reset to the seed, read the log,
//! change a service as another client would. None needs a token; none answers a web page
//! (see `guard`).

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

use crate::error::ApiError;
use crate::faults::{parse_fault, Fault};
use crate::state::AppState;

fn faults_json(app: &AppState) -> Json<Value> {
    let faults: Vec<Value> = app.lock().faults.iter().map(Fault::to_json).collect();
    Json(json!({ "faults": faults }))
}

/// `POST /__control/faults`: queues a fault, answers the whole queue.
pub async fn add_fault(State(app): State<AppState>, body: Bytes) -> Response {
    match parse_fault(&body) {
        Err(msg) => ApiError::param(msg).into_response(),
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
    match super::api::modify_service(&app, &project_id, &service_id, &body) {
        Ok(v) => Json(v).into_response(),
        Err(e) => e.into_response(),
    }
}

/// `GET /__control/requests`: the last API requests since the last reset (at most
/// [`crate::REQUEST_LOG_CAPACITY`]), in order of arrival.
pub async fn requests(State(app): State<AppState>) -> Json<Value> {
    Json(serde_json::to_value(&app.lock().requests).unwrap_or(Value::Null))
}
