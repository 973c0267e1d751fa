//! The VPCEP API: GET one service, the list, PUT (modify), POST upgrade; with the real API's
//! order of checks: token (the dispatcher's), project, service, body shape, state, values.

use std::collections::BTreeSet;

use serde::Deserialize;
use serde_json::{json, Value};

use crate::error::quote;
use crate::error::ApiError;
use crate::model::Service;
use crate::rules;
use crate::state::{ProjectState, ServiceState, World};
use crate::timefmt;

/// The index of the project (EndPoint.0014 if there is none), its `creating` phases settled
/// to `now_ms`.
pub(super) fn project_index(
    st: &mut World,
    project_id: &str,
    now_ms: u64,
) -> Result<usize, ApiError> {
    let pi = st
        .projects
        .iter()
        .position(|p| p.project_id == project_id)
        .ok_or_else(|| {
            ApiError::new(
                400,
                "EndPoint.0014",
                format!("Invalid project ID {}.", quote(project_id)),
            )
        })?;
    st.projects[pi].settle(now_ms);
    Ok(pi)
}

/// The project, its `creating` phases settled to `now_ms`.
pub(super) fn project<'a>(
    st: &'a mut World,
    project_id: &str,
    now_ms: u64,
) -> Result<&'a mut ProjectState, ApiError> {
    let pi = project_index(st, project_id, now_ms)?;
    Ok(&mut st.projects[pi])
}

/// The index of the service in its project.
fn service(project: &ProjectState, service_id: &str) -> Result<usize, ApiError> {
    project
        .services
        .iter()
        .position(|s| s.svc.id == service_id)
        .ok_or_else(|| {
            ApiError::new(
                404,
                "EndPoint.0005",
                format!("The endpoint service {} does not exist.", quote(service_id)),
            )
        })
}

/// `GET /v1/{project_id}/vpc-endpoint-services/{service_id}`
pub fn get_service(
    st: &mut World,
    project_id: &str,
    service_id: &str,
    now_ms: u64,
) -> Result<Value, ApiError> {
    let project = project(st, project_id, now_ms)?;
    let idx = service(project, service_id)?;
    Ok(project.service_json(&project.services[idx].svc))
}

/// A PUT's change after the token check, with the PUT's rules in their order: project,
/// service, shape, state, values, port conflicts; then stored. Returns the service as the
/// PUT answers it. Also what `POST /__control/edit/…` applies, as another client would.
/// A new set of port mappings is `creating` for `creating_delay_ms` from `now_ms`.
pub fn modify_service(
    st: &mut World,
    project_id: &str,
    service_id: &str,
    body: &[u8],
    creating_delay_ms: u64,
    now_ms: u64,
) -> Result<Value, ApiError> {
    // Parsed first, reported only after the project and service checks, as the API does.
    let shape = rules::parse_put_shape(body);
    let project = project(st, project_id, now_ms)?;
    let idx = service(project, service_id)?;
    let shape = shape?;
    ensure_available(&project.services[idx].svc)?;
    let patch = rules::validate_put(shape, project.dialect)?;
    check_port_conflicts(project, idx, &patch)?;
    apply_patch(&mut project.services[idx], patch, creating_delay_ms, now_ms);
    Ok(project.service_json(&project.services[idx].svc))
}

/// `POST /v2/{project_id}/vpc-endpoint-services/{service_id}/upgrade`: 204, any body ignored.
pub fn upgrade_service(
    st: &mut World,
    project_id: &str,
    service_id: &str,
    now_ms: u64,
) -> Result<(), ApiError> {
    let project = project(st, project_id, now_ms)?;
    let idx = service(project, service_id)?;
    let svc = &mut project.services[idx].svc;
    ensure_available(svc)?;
    if !svc.supported_editions.iter().any(|e| e == "profession") {
        svc.supported_editions.push("profession".to_string());
    }
    Ok(())
}

/// The list query. Every value is text here: the messages for bad ones are the API's own.
#[derive(Debug, Default, Deserialize)]
pub struct ListQuery {
    endpoint_service_name: Option<String>,
    id: Option<String>,
    status: Option<String>,
    sort_key: Option<String>,
    sort_dir: Option<String>,
    limit: Option<String>,
    offset: Option<String>,
}

/// An empty value counts as absent, as the SDKs leave unset parameters out.
pub(super) fn given(v: &Option<String>) -> Option<&str> {
    v.as_deref().filter(|v| !v.is_empty())
}

/// `GET /v1/{project_id}/vpc-endpoint-services`, with the raw `query` (the project is checked
/// before the query).
pub fn list_services(
    st: &mut World,
    project_id: &str,
    query: &str,
    now_ms: u64,
) -> Result<Value, ApiError> {
    let project = project(st, project_id, now_ms)?;
    let q: ListQuery = parse_query(query)?;
    list(project, &q)
}

/// A query decoded as axum's `Query` decoded it (a repeated field is an error), with its
/// message in the API's 0002.
pub(super) fn parse_query<T: serde::de::DeserializeOwned>(query: &str) -> Result<T, ApiError> {
    serde_urlencoded::from_str(query).map_err(|e| {
        ApiError::param(format!(
            "Invalid query string: Failed to deserialize query string: {e}."
        ))
    })
}

fn list(project: &ProjectState, q: &ListQuery) -> Result<Value, ApiError> {
    let name = given(&q.endpoint_service_name);
    if let Some(n) = name {
        let ok = n.chars().count() <= 128
            && n.chars()
                .all(|c| c.is_ascii_alphanumeric() || "_-.".contains(c));
        if !ok {
            return Err(ApiError::param(format!(
                "Invalid endpoint_service_name {}: use letters, digits, '_', '-' or '.', at most 128.",
                quote(n)
            )));
        }
    }
    let id = given(&q.id);
    if let Some(id) = id {
        if !rules::is_uuid(id) {
            return Err(ApiError::param(format!(
                "Invalid id {}: it must be a UUID.",
                quote(id)
            )));
        }
    }
    let status = given(&q.status);
    if let Some(s) = status {
        if !["creating", "available", "failed", "deleting"].contains(&s) {
            return Err(ApiError::param(format!(
                "Invalid status {}: use creating, available, failed or deleting.",
                quote(s)
            )));
        }
    }
    // Huawei Cloud spells it create_at/update_at, Open Telekom Cloud created_at/updated_at.
    let by_update = match given(&q.sort_key) {
        None | Some("create_at") | Some("created_at") => false,
        Some("update_at") | Some("updated_at") => true,
        Some(k) => {
            return Err(ApiError::param(format!(
                "Invalid sort_key {}: use create_at or update_at.",
                quote(k)
            )))
        }
    };
    let descending = match given(&q.sort_dir) {
        None | Some("desc") => true,
        Some("asc") => false,
        Some(d) => {
            return Err(ApiError::param(format!(
                "Invalid sort_dir {}: use asc or desc.",
                quote(d)
            )))
        }
    };
    let limit = match given(&q.limit) {
        None => 10,
        Some(l) => match l.parse::<usize>() {
            Ok(n) if n <= 1000 => n,
            _ => {
                return Err(ApiError::param(format!(
                    "Invalid limit {}: use an integer from 0 to 1000.",
                    quote(l)
                )))
            }
        },
    };
    let offset = match given(&q.offset) {
        None => 0,
        Some(o) => o.parse::<usize>().map_err(|_| {
            ApiError::param(format!(
                "Invalid offset {}: use an integer of 0 or more.",
                quote(o)
            ))
        })?,
    };

    let needle = name.map(str::to_ascii_lowercase);
    let mut hits: Vec<&Service> = project
        .services
        .iter()
        .map(|s| &s.svc)
        .filter(|s| {
            needle
                .as_deref()
                .is_none_or(|n| s.service_name.to_ascii_lowercase().contains(n))
        })
        .filter(|s| id.is_none_or(|id| s.id.eq_ignore_ascii_case(id)))
        .filter(|s| status.is_none_or(|st| s.status == st))
        .collect();
    hits.sort_by(|a, b| {
        let (ka, kb) = if by_update {
            (&a.updated_at, &b.updated_at)
        } else {
            (&a.created_at, &b.created_at)
        };
        ka.cmp(kb).then_with(|| a.id.cmp(&b.id))
    });
    if descending {
        hits.reverse();
    }
    let total = hits.len();
    let page: Vec<Value> = hits
        .into_iter()
        .skip(offset)
        .take(limit)
        .map(|s| project.service_json(s))
        .collect();
    Ok(json!({ "endpoint_services": page, "total_count": total }))
}

fn ensure_available(svc: &Service) -> Result<(), ApiError> {
    if svc.status == "available" {
        Ok(())
    } else {
        Err(ApiError::new(
            400,
            "EndPoint.3045",
            format!(
                "Other properties of the endpoint service cannot be modified in the current state ({}).",
                svc.status
            ),
        ))
    }
}

/// EndPoint.3044: with the same protocol, no client_port or server_port of the new mappings may
/// equal one of another service of the project on the same port_id.
fn check_port_conflicts(
    project: &ProjectState,
    idx: usize,
    patch: &rules::Patch,
) -> Result<(), ApiError> {
    if patch.ports.is_none() && patch.port_id.is_none() {
        return Ok(());
    }
    let me = &project.services[idx].svc;
    let Some(port_id) = patch.port_id.as_ref().or(me.port_id.as_ref()) else {
        return Ok(());
    };
    let mappings = patch.ports.as_ref().unwrap_or(&me.ports);
    for (j, other) in project.services.iter().enumerate() {
        if j == idx || other.svc.port_id.as_ref() != Some(port_id) {
            continue;
        }
        for m in mappings {
            for o in &other.svc.ports {
                if m.protocol == o.protocol
                    && (m.client_port == o.client_port || m.server_port == o.server_port)
                {
                    return Err(ApiError::new(
                        400,
                        "EndPoint.3044",
                        format!(
                            "Port mapping {} {}->{} conflicts with mapping {} {}->{} of endpoint service {} on the same port_id {}.",
                            m.protocol,
                            m.client_port,
                            m.server_port,
                            o.protocol,
                            o.client_port,
                            o.server_port,
                            project.full_name(&other.svc),
                            port_id
                        ),
                    ));
                }
            }
        }
    }
    Ok(())
}

/// Stores an accepted PUT. A new SET of port mappings puts the service in `creating` for
/// `creating_delay_ms` from `now_ms`; every change moves `updated_at` forward (see
/// [`timefmt::later_than`]).
fn apply_patch(s: &mut ServiceState, patch: rules::Patch, creating_delay_ms: u64, now_ms: u64) {
    let svc = &mut s.svc;
    if let Some(v) = patch.approval_enabled {
        svc.approval_enabled = v;
    }
    if let Some(v) = patch.service_name {
        svc.service_name = v;
    }
    if let Some(v) = patch.description {
        svc.description = Some(v);
    }
    if let Some(v) = patch.port_id {
        svc.port_id = Some(v);
    }
    if let Some(v) = patch.vip_port_id {
        svc.vip_port_id = Some(v);
    }
    if let Some(v) = patch.ip {
        svc.ip = Some(v);
    }
    if let Some(v) = patch.tcp_proxy {
        svc.tcp_proxy = Some(v);
    }
    if let Some(ports) = patch.ports {
        let old: BTreeSet<_> = svc.ports.iter().cloned().collect();
        let new: BTreeSet<_> = ports.iter().cloned().collect();
        svc.ports = ports;
        if old != new {
            svc.status = "creating".to_string();
            s.creating_until = Some(now_ms.saturating_add(creating_delay_ms));
        }
    }
    svc.updated_at = timefmt::later_than(&svc.updated_at, now_ms);
}
