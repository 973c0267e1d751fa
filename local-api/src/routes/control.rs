//! The test hooks under `/__control`: queue and clear faults, reset to the seed, read the log,
//! change a service as another client would. None needs a token; none answers a web page
//! (see `guard`).

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

use crate::error::{quote, ApiError};
use crate::faults::{parse_fault, Fault};
use crate::fleet;
use crate::state::{AppState, ServiceState};

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

/// `POST /__control/fleet` `{"count": N, "project_id": "…"}`: the project (by default the
/// seed's first) gets a fleet of N generated services instead of the one it had, until the
/// next reset. Answers `{"project_id", "fleet", "total_count"}`.
pub async fn set_fleet(State(app): State<AppState>, body: Bytes) -> Response {
    let parsed = serde_json::from_slice::<Value>(&body)
        .map_err(|e| format!("The body is not valid JSON: {e}."))
        .and_then(|v| match v {
            Value::Object(m) => Ok(m),
            _ => Err("The body must be a JSON object.".to_string()),
        })
        .and_then(|m| {
            let mut count = None;
            let mut project = None;
            for (k, v) in &m {
                match (k.as_str(), v) {
                    ("count", v) => {
                        count = Some(
                            v.as_u64()
                                .and_then(|n| usize::try_from(n).ok())
                                .ok_or("count must be an integer of 0 or more.")?,
                        )
                    }
                    ("project_id", Value::String(p)) => project = Some(p.clone()),
                    ("project_id", _) => return Err("project_id must be a string.".to_string()),
                    _ => return Err(format!("Unknown field {} in the fleet.", quote(k))),
                }
            }
            let count = count.ok_or("count is required: how many services.")?;
            fleet::check_size(count)?;
            Ok((count, project))
        });
    let (count, project_id) = match parsed {
        Ok(p) => p,
        Err(msg) => return ApiError::param(msg).into_response(),
    };
    let mut st = app.lock();
    let project = match &project_id {
        None => st.projects.first_mut(),
        Some(id) => st.projects.iter_mut().find(|p| &p.project_id == id),
    };
    let Some(project) = project else {
        return ApiError::param(format!(
            "No project {} to put a fleet in.",
            quote(project_id.as_deref().unwrap_or(""))
        ))
        .into_response();
    };
    project.services.retain(|s| !fleet::is_fleet_id(&s.svc.id));
    project
        .services
        .extend(fleet::fleet(count).into_iter().map(ServiceState::new));
    Json(json!({
        "project_id": project.project_id,
        "fleet": count,
        "total_count": project.services.len(),
    }))
    .into_response()
}
