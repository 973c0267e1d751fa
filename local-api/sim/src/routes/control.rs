//! What the test hooks under `/__control` change in the simulation (the host routes them):
//! a project's fleet, and a consumer's new connection. The edit is the PUT's
//! [`super::api::modify_service`].

use serde::Deserialize;
use serde_json::{json, Value};

use crate::error::{quote, ApiError};
use crate::fleet;
use crate::model::{Connection, Dialect, ServiceErrorItem};
use crate::rules;
use crate::rules::access::{allows, is_domain_id, CONNECTION_STATUSES};
use crate::state::{ConnectionState, ServiceState, World};
use crate::timefmt;

/// `POST /__control/fleet` `{"count": N, "project_id": "…"}`: the project (by default the
/// seed's first) gets a fleet of N generated services instead of the one it had, until the
/// next reset. Answers `{"project_id", "fleet", "total_count"}`.
pub fn set_fleet(st: &mut World, body: &[u8]) -> Result<Value, ApiError> {
    let parsed = serde_json::from_slice::<Value>(body)
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
    let (count, project_id) = parsed.map_err(ApiError::param)?;
    put_fleet(st, count, project_id.as_deref())
}

/// A fleet of `count` services for `project_id` (the first project when `None`), replacing the
/// fleet it had: `{"project_id", "fleet", "total_count"}`.
pub fn put_fleet(
    st: &mut World,
    count: usize,
    project_id: Option<&str>,
) -> Result<Value, ApiError> {
    fleet::check_size(count).map_err(ApiError::param)?;
    let project = match &project_id {
        None => st.projects.first_mut(),
        Some(id) => st.projects.iter_mut().find(|p| p.project_id == *id),
    };
    let Some(project) = project else {
        return Err(ApiError::param(format!(
            "No project {} to put a fleet in.",
            quote(project_id.unwrap_or(""))
        )));
    };
    project.services.retain(|s| !fleet::is_fleet_id(&s.svc.id));
    project
        .services
        .extend(fleet::fleet(count).into_iter().map(ServiceState::new));
    Ok(json!({
        "project_id": project.project_id,
        "fleet": count,
        "total_count": project.services.len(),
    }))
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
/// EndPoint.0004. Answers the connection as the list shows it. A `creating` one is accepted
/// `creating_delay_ms` after `now_ms`.
pub fn add_connection(
    st: &mut World,
    project_id: &str,
    service_id: &str,
    body: &[u8],
    creating_delay_ms: u64,
    now_ms: u64,
) -> Result<Value, ApiError> {
    let new: NewConnection = if body.iter().all(u8::is_ascii_whitespace) {
        NewConnection::default()
    } else {
        serde_json::from_slice(body)
            .map_err(|e| ApiError::param(format!("Invalid connection: {e}.")))?
    };
    let (pi, si) = super::access::locate(st, project_id, service_id, now_ms)?;
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
    let (status, creating_until) = match status.as_str() {
        "creating" if creating_delay_ms == 0 => ("accepted".to_string(), None),
        "creating" => (status, Some(now_ms.saturating_add(creating_delay_ms))),
        _ => (status, None),
    };
    let now = timefmt::utc_ms(now_ms);
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
