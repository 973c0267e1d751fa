//! The test hooks under `/__control`: queue and clear faults, reset to the seed, read the log.

use axum::body::Bytes;
use axum::extract::State;
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

/// `GET /__control/requests`: every API request since the last reset, in order of arrival.
pub async fn requests(State(app): State<AppState>) -> Json<Value> {
    Json(serde_json::to_value(&app.lock().requests).unwrap_or(Value::Null))
}
