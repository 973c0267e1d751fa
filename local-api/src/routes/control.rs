//! The test hooks under `/__control`: queue, list and clear faults, reset to the seed, read the
//! log, change a service as another client would, give a project a fleet, connect an endpoint
//! to a service as a consumer would. None needs a token; none answers a web page (see `guard`).

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

use std::time::Instant;

use serde::Deserialize;

use crate::error::{quote, ApiError};
use crate::fault_queue::{parse_fault, Fault};
use crate::fleet;
use crate::model::{Connection, Dialect, ServiceErrorItem};
use crate::rules;
use crate::rules::access::{allows, is_domain_id, CONNECTION_STATUSES};
use crate::state::{AppState, ConnectionState, ServiceState};
use crate::timefmt;

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
/// [`crate::state::REQUEST_LOG_CAPACITY`]), in order of arrival.
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

/// The body of `POST /__control/connect/…`: every field optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct NewConnection {
    id: Option<String>,
    domain_id: Option<String>,
    status: Option<String>,
    marker_id: Option<u64>,
    description: Option<String>,
    error: Option<Vec<ServiceErrorItem>>,
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
    match add_connection(&app, &project_id, &service_id, &body) {
        Ok(v) => Json(v).into_response(),
        Err(e) => e.into_response(),
    }
}

fn add_connection(
    app: &AppState,
    project_id: &str,
    service_id: &str,
    body: &[u8],
) -> Result<Value, ApiError> {
    let new: NewConnection = if body.iter().all(u8::is_ascii_whitespace) {
        NewConnection::default()
    } else {
        serde_json::from_slice(body)
            .map_err(|e| ApiError::param(format!("Invalid connection: {e}.")))?
    };
    let mut st = app.lock();
    let (pi, si) = super::access::locate(&mut st, project_id, service_id)?;
    let id = match new.id {
        None => format!("e0d1a000-0000-4000-8000-{:012}", st.next_id),
        Some(id) if rules::is_uuid(&id) => id,
        Some(id) => return Err(ApiError::param(format!("id {} is not a UUID.", quote(&id)))),
    };
    let taken = st
        .projects
        .iter()
        .flat_map(|p| &p.services)
        .flat_map(|s| &s.connections)
        .any(|c| c.conn.id.eq_ignore_ascii_case(&id));
    if taken {
        return Err(ApiError::param(format!(
            "The endpoint {} is connected already.",
            quote(&id)
        )));
    }
    let marker_id = new.marker_id.unwrap_or(1_000_000 + st.next_id);
    st.next_id += 1;
    let project = &mut st.projects[pi];
    let (owner, dialect) = (project.domain_id.clone(), project.dialect);
    let service = &mut project.services[si];
    let domain_id = new.domain_id.unwrap_or(owner.clone());
    if !is_domain_id(&domain_id) || domain_id.contains('*') {
        return Err(ApiError::param(format!(
            "domain_id {} is not an account ID (1-64 letters or digits).",
            quote(&domain_id)
        )));
    }
    if domain_id != owner
        && !service
            .permissions
            .iter()
            .any(|r| allows(&r.permission, &domain_id))
    {
        return Err(ApiError::new(
            403,
            "EndPoint.0004",
            format!(
                "The account {} is not the owner's and not in the whitelist of the endpoint service {}: add iam:domain::{} first.",
                quote(&domain_id),
                quote(service_id),
                domain_id
            ),
        ));
    }
    let status = new.status.unwrap_or_else(|| {
        if service.svc.approval_enabled {
            "pendingAcceptance"
        } else {
            "accepted"
        }
        .to_string()
    });
    if !CONNECTION_STATUSES.contains(&status.as_str()) {
        return Err(ApiError::param(format!(
            "Unknown status {}: use one of {}.",
            quote(&status),
            CONNECTION_STATUSES.join(", ")
        )));
    }
    if new.description.is_some() && dialect == Dialect::Otc {
        return Err(ApiError::param(
            "A connection's description is Huawei Cloud only.",
        ));
    }
    if new.error.is_some() && status != "failed" {
        return Err(ApiError::param(
            "An error belongs to a failed connection only.",
        ));
    }
    let error = (status == "failed").then(|| {
        new.error.unwrap_or_else(|| {
            vec![ServiceErrorItem {
                error_code: "EndPoint.0001".to_string(),
                error_message: "The endpoint could not be created.".to_string(),
            }]
        })
    });
    let delay = app.config.creating_delay;
    let (status, creating_until) = match status.as_str() {
        "creating" if delay.is_zero() => ("accepted".to_string(), None),
        "creating" => (status, Some(Instant::now() + delay)),
        _ => (status, None),
    };
    let now = timefmt::now_utc();
    let conn = Connection {
        id,
        marker_id,
        domain_id,
        status,
        description: new.description,
        error,
        created_at: now.clone(),
        updated_at: now,
    };
    let shown = super::connections::connection_json(&conn, dialect);
    service.connections.push(ConnectionState {
        conn,
        creating_until,
    });
    Ok(shown)
}
