//! The VPC endpoints connected to a service: `GET {base}/connections` and
//! `POST {base}/connections/action` (accept with `receive`, or `reject`, one endpoint at a time).

use serde::Deserialize;
use serde_json::{json, Value};

use super::access::{self as lists, locate, SortKey};
use super::api::{given, parse_query};
use crate::error::{quote, ApiError};
use crate::model::{Connection, Dialect};
use crate::rules;
use crate::state::{ConnectionState, World};
use crate::timefmt;

/// A connection as the API shows it: `marker_id` a JSON integer (it may exceed 2^53), `error`
/// only when `failed`, `description` only in Huawei Cloud.
pub fn connection_json(c: &Connection, dialect: Dialect) -> Value {
    let mut v = json!({
        "id": c.id,
        "marker_id": c.marker_id,
        "domain_id": c.domain_id,
        "status": c.status,
        "created_at": c.created_at,
        "updated_at": c.updated_at,
    });
    if let Value::Object(m) = &mut v {
        if let (Some(error), "failed") = (&c.error, c.status.as_str()) {
            m.insert("error".into(), json!(error));
        }
        if let (Some(d), Dialect::Huawei) = (&c.description, dialect) {
            m.insert("description".into(), json!(d));
        }
    }
    v
}

/// The list query; text, so the messages for bad values are the API's own.
#[derive(Debug, Default, Deserialize)]
pub struct ConnectionsQuery {
    id: Option<String>,
    marker_id: Option<String>,
    status: Option<String>,
    sort_key: Option<String>,
    sort_dir: Option<String>,
    limit: Option<String>,
    offset: Option<String>,
}

/// `GET /v1/{project_id}/vpc-endpoint-services/{service_id}/connections`, with the raw
/// `query` (checked after the project and the service).
pub fn list_connections(
    st: &mut World,
    project_id: &str,
    service_id: &str,
    query: &str,
    now_ms: u64,
) -> Result<Value, ApiError> {
    let (pi, si) = locate(st, project_id, service_id, now_ms)?;
    let project = &st.projects[pi];
    let q: ConnectionsQuery = parse_query(query)?;
    let rows: Vec<&Connection> = project.services[si]
        .connections
        .iter()
        .map(|c| &c.conn)
        .collect();
    list(rows, &q, project.dialect)
}

fn list(
    mut rows: Vec<&Connection>,
    q: &ConnectionsQuery,
    dialect: Dialect,
) -> Result<Value, ApiError> {
    let status = given(&q.status);
    if let Some(s) = status {
        // The filter takes four of the six states (rows may be creating or deleting too).
        if !rules::access::CONNECTION_STATUSES[..4].contains(&s) {
            return Err(ApiError::new(
                400,
                "EndPoint.0019",
                format!(
                    "Invalid status {}: use pendingAcceptance, accepted, rejected or failed.",
                    quote(s)
                ),
            ));
        }
    }
    let marker = match given(&q.marker_id) {
        None => None,
        Some(m) => Some(m.parse::<u64>().map_err(|_| {
            ApiError::new(
                400,
                "EndPoint.0021",
                format!(
                    "Invalid marker_id {}: use the integer of a connection.",
                    quote(m)
                ),
            )
        })?),
    };
    let key = lists::sort_key(given(&q.sort_key), true)?;
    let descending = lists::descending(given(&q.sort_dir))?;
    let limit = lists::limit(given(&q.limit), 1000)?;
    let offset = lists::offset(given(&q.offset))?;

    let id = given(&q.id);
    rows.retain(|c| {
        id.is_none_or(|id| c.id.eq_ignore_ascii_case(id))
            && marker.is_none_or(|m| c.marker_id == m)
            && status.is_none_or(|s| c.status == s)
    });
    rows.sort_by(|a, b| {
        let (ka, kb) = match key {
            SortKey::Created => (&a.created_at, &b.created_at),
            SortKey::Updated => (&a.updated_at, &b.updated_at),
        };
        ka.cmp(kb)
            .then_with(|| a.marker_id.cmp(&b.marker_id))
            .then_with(|| a.id.cmp(&b.id))
    });
    if descending {
        rows.reverse();
    }
    let total = rows.len();
    let page: Vec<Value> = lists::page(rows, offset, limit)
        .into_iter()
        .map(|c| connection_json(c, dialect))
        .collect();
    Ok(json!({ "connections": page, "total_count": total }))
}

/// What `connections/action` is asked to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Action {
    Receive,
    Reject,
}

/// The body `{"action": "receive"|"reject", "endpoints": ["<one id>"]}`, checked in the API's
/// order: shape (0002), action (0007 missing, 2027 unknown), then the endpoints (2031 more
/// than one, 2017 not an endpoint id).
fn parse_action(body: &[u8]) -> Result<(Action, String), ApiError> {
    let v: Value = serde_json::from_slice(body)
        .map_err(|e| ApiError::param(format!("The body is not valid JSON: {e}.")))?;
    let Value::Object(m) = v else {
        return Err(ApiError::param("The body must be a JSON object."));
    };
    if let Some(k) = m.keys().find(|k| *k != "action" && *k != "endpoints") {
        return Err(ApiError::param(format!(
            "Unknown field {} in the body: it takes action and endpoints.",
            quote(k)
        )));
    }
    let action = match m.get("action") {
        Some(Value::String(a)) => match a.as_str() {
            "receive" => Action::Receive,
            "reject" => Action::Reject,
            other => {
                return Err(ApiError::new(
                    400,
                    "EndPoint.2027",
                    format!(
                        "Invalid action {}: use receive (to accept) or reject.",
                        quote(other)
                    ),
                ))
            }
        },
        _ => {
            return Err(ApiError::new(
                400,
                "EndPoint.0007",
                "Invalid action: action is required, the string receive (to accept) or reject.",
            ))
        }
    };
    let Some(Value::Array(list)) = m.get("endpoints") else {
        return Err(ApiError::param(
            "endpoints is required: an array of one endpoint ID.",
        ));
    };
    if list.len() > 1 {
        return Err(ApiError::new(
            400,
            "EndPoint.2031",
            format!(
                "Only one endpoint is allowed per request, not {}.",
                list.len()
            ),
        ));
    }
    let endpoint = match list.first() {
        None => {
            return Err(ApiError::param(
                "endpoints is empty: give the ID of one endpoint.",
            ))
        }
        Some(Value::String(id)) if rules::is_uuid(id) => id.clone(),
        Some(other) => {
            let shown = other
                .as_str()
                .map_or_else(|| other.to_string(), str::to_string);
            return Err(ApiError::new(
                400,
                "EndPoint.2017",
                format!("Invalid endpoint ID {}.", quote(&shown)),
            ));
        }
    };
    Ok((action, endpoint))
}

/// `POST /v1/{project_id}/vpc-endpoint-services/{service_id}/connections/action`: `receive`
/// makes the connection `creating` for `creating_delay_ms` from `now_ms` (0: `accepted` at
/// once).
pub fn connection_action(
    st: &mut World,
    project_id: &str,
    service_id: &str,
    body: &[u8],
    creating_delay_ms: u64,
    now_ms: u64,
) -> Result<Value, ApiError> {
    // Parsed first, reported after the project and service, as the API orders its checks.
    let parsed = parse_action(body);
    let (pi, si) = locate(st, project_id, service_id, now_ms)?;
    let (action, endpoint) = parsed?;
    let same = |c: &ConnectionState| c.conn.id.eq_ignore_ascii_case(&endpoint);
    let Some(ci) = st.projects[pi].services[si]
        .connections
        .iter()
        .position(same)
    else {
        let elsewhere = st
            .projects
            .iter()
            .flat_map(|p| &p.services)
            .any(|s| s.connections.iter().any(same));
        return Err(if elsewhere {
            // The case of the reference's own example.
            ApiError::new(
                400,
                "Endpoint.2013",
                format!(
                    "The endpoint {} does not belong to the endpoint service {}.",
                    quote(&endpoint),
                    quote(service_id)
                ),
            )
        } else {
            ApiError::new(
                404,
                "EndPoint.2006",
                format!("The endpoint {} does not exist.", quote(&endpoint)),
            )
        });
    };
    let dialect = st.projects[pi].dialect;
    let c = &mut st.projects[pi].services[si].connections[ci];
    match (c.conn.status.as_str(), action) {
        ("deleting", _) => {
            return Err(ApiError::new(
                400,
                "EndPoint.2018",
                format!("The endpoint {} is being deleted.", quote(&endpoint)),
            ))
        }
        ("creating", _) => {
            return Err(ApiError::new(
                400,
                "EndPoint.2019",
                format!("The endpoint {} is being created.", quote(&endpoint)),
            ))
        }
        ("accepted", Action::Receive) => {
            return Err(ApiError::new(
                400,
                "EndPoint.2014",
                format!(
                    "The endpoint {} has been connected to the endpoint service.",
                    quote(&endpoint)
                ),
            ))
        }
        _ => {}
    }
    c.conn.error = None;
    c.creating_until = None;
    c.conn.status = match action {
        Action::Reject => "rejected",
        Action::Receive if creating_delay_ms == 0 => "accepted",
        Action::Receive => {
            c.creating_until = Some(now_ms.saturating_add(creating_delay_ms));
            "creating"
        }
    }
    .to_string();
    c.conn.updated_at = timefmt::later_than(&c.conn.updated_at, now_ms);
    Ok(json!({ "connections": [connection_json(&c.conn, dialect)] }))
}
