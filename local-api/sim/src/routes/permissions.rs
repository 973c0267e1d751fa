//! A service's whitelist: `GET {base}/permissions` and `POST {base}/permissions/action`
//! (`add` or `remove` records). The owner's own account may always connect and is not listed.

use std::collections::BTreeSet;

use serde::Deserialize;
use serde_json::{json, Map, Value};

use super::access::{self as lists, locate};
use super::api::{given, parse_query};
use crate::error::{quote, ApiError};
use crate::model::{Dialect, Permission};
use crate::rules::access::{
    stored_permission, PermissionType, MAX_PERMISSIONS_PER_REQUEST, MAX_WHITELIST,
};
use crate::state::World;
use crate::timefmt;

/// A record as the list shows it: Open Telekom Cloud with its `description` (`""` when none),
/// Huawei Cloud without.
fn permission_json(r: &Permission, dialect: Dialect) -> Value {
    let mut v = json!({
        "id": r.id,
        "permission": r.permission,
        "permission_type": r.permission_type,
        "created_at": r.created_at,
    });
    if let (Value::Object(m), Dialect::Otc) = (&mut v, dialect) {
        m.insert(
            "description".into(),
            json!(r.description.as_deref().unwrap_or("")),
        );
    }
    v
}

#[derive(Debug, Default, Deserialize)]
pub struct PermissionsQuery {
    permission: Option<String>,
    sort_key: Option<String>,
    sort_dir: Option<String>,
    limit: Option<String>,
    offset: Option<String>,
}

/// `GET /v1/{project_id}/vpc-endpoint-services/{service_id}/permissions`, with the raw
/// `query` (checked after the project and the service).
pub fn list_permissions(
    st: &mut World,
    project_id: &str,
    service_id: &str,
    query: &str,
    now_ms: u64,
) -> Result<Value, ApiError> {
    let (pi, si) = locate(st, project_id, service_id, now_ms)?;
    let project = &st.projects[pi];
    let q: PermissionsQuery = parse_query(query)?;
    list(&project.services[si].permissions, &q, project.dialect)
}

fn list(records: &[Permission], q: &PermissionsQuery, dialect: Dialect) -> Result<Value, ApiError> {
    lists::sort_key(given(&q.sort_key), false)?;
    let descending = lists::descending(given(&q.sort_dir))?;
    let limit = lists::limit(given(&q.limit), 500)?;
    let offset = lists::offset(given(&q.offset))?;
    // Fuzzy: a part of the record, in any case.
    let needle = given(&q.permission).map(str::to_ascii_lowercase);
    let mut rows: Vec<&Permission> = records
        .iter()
        .filter(|r| {
            needle
                .as_deref()
                .is_none_or(|n| r.permission.to_ascii_lowercase().contains(n))
        })
        .collect();
    rows.sort_by(|a, b| {
        a.created_at
            .cmp(&b.created_at)
            .then_with(|| a.id.cmp(&b.id))
    });
    if descending {
        rows.reverse();
    }
    let total = rows.len();
    let page: Vec<Value> = lists::page(rows, offset, limit)
        .into_iter()
        .map(|r| permission_json(r, dialect))
        .collect();
    Ok(json!({ "permissions": page, "total_count": total }))
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Action {
    Add,
    Remove,
}

/// A checked `permissions/action` body: the action, the type, and each record as the request
/// spelled it beside the form it is stored in.
struct Change {
    action: Action,
    kind: PermissionType,
    records: Vec<(String, String)>,
}

/// Checks the body in order: shape (0002; `permission_type` is Huawei Cloud's only), action
/// (3035), the list (2044 not a list of strings, 3036 empty, 0016 too many), each record
/// (3002).
fn parse_change(body: &[u8], dialect: Dialect) -> Result<Change, ApiError> {
    let v: Value = serde_json::from_slice(body)
        .map_err(|e| ApiError::param(format!("The body is not valid JSON: {e}.")))?;
    let Value::Object(m) = v else {
        return Err(ApiError::param("The body must be a JSON object."));
    };
    let known: &[&str] = match dialect {
        Dialect::Huawei => &["permissions", "action", "permission_type"],
        Dialect::Otc => &["permissions", "action"],
    };
    if let Some(k) = m.keys().find(|k| !known.contains(&k.as_str())) {
        return Err(ApiError::param(format!(
            "Unknown field {} in the body: it takes {}.",
            quote(k),
            known.join(", ")
        )));
    }
    let action = match m.get("action").and_then(Value::as_str) {
        Some("add") => Action::Add,
        Some("remove") => Action::Remove,
        _ => {
            let shown = m.get("action").map_or("none".to_string(), Value::to_string);
            return Err(ApiError::new(
                400,
                "EndPoint.3035",
                format!("Invalid action {shown}: use add or remove."),
            ));
        }
    };
    let kind = permission_type(&m)?;
    let list = match m.get("permissions") {
        Some(Value::Array(list)) => list,
        _ => {
            return Err(ApiError::new(
                400,
                "EndPoint.2044",
                "Invalid whitelist: permissions is required, an array of records such as iam:domain::<account ID>.",
            ))
        }
    };
    let Some(texts) = list
        .iter()
        .map(Value::as_str)
        .collect::<Option<Vec<&str>>>()
    else {
        return Err(ApiError::new(
            400,
            "EndPoint.2044",
            "Invalid whitelist: every record must be a string.",
        ));
    };
    if texts.is_empty() {
        return Err(ApiError::new(
            400,
            "EndPoint.3036",
            "The permission list cannot be empty.",
        ));
    }
    if texts.len() > MAX_PERMISSIONS_PER_REQUEST {
        return Err(ApiError::new(
            400,
            "EndPoint.0016",
            format!(
                "The number of batch operated resources exceeded the limit: {} records, at most {MAX_PERMISSIONS_PER_REQUEST}.",
                texts.len()
            ),
        ));
    }
    let mut records = Vec::new();
    for t in texts {
        let stored = stored_permission(t, kind, dialect).ok_or_else(|| {
            let form = match kind {
                PermissionType::DomainId => "iam:domain::<account ID of 1-64 letters, digits or *>",
                PermissionType::OrgPath => {
                    "organizations:orgPath::<path of letters, digits, /, -, * or ?>"
                }
            };
            ApiError::new(
                400,
                "EndPoint.3002",
                format!("Invalid permission {}: use {form}.", quote(t)),
            )
        })?;
        records.push((t.to_string(), stored));
    }
    Ok(Change {
        action,
        kind,
        records,
    })
}

/// `permission_type` (Huawei Cloud): `domainId` (default) or `orgPath` (0002 otherwise).
fn permission_type(m: &Map<String, Value>) -> Result<PermissionType, ApiError> {
    match m.get("permission_type") {
        None => Ok(PermissionType::DomainId),
        Some(Value::String(t)) => PermissionType::parse(t).ok_or_else(|| {
            ApiError::param(format!(
                "Invalid permission_type {}: use domainId or orgPath.",
                quote(t)
            ))
        }),
        Some(_) => Err(ApiError::param(
            "permission_type must be a string: domainId or orgPath.",
        )),
    }
}

/// `POST /v1/{project_id}/vpc-endpoint-services/{service_id}/permissions/action`: the answer
/// lists the records of the request as it spelled them (a partial list: clients re-query).
pub fn permission_action(
    st: &mut World,
    project_id: &str,
    service_id: &str,
    body: &[u8],
    now_ms: u64,
) -> Result<Value, ApiError> {
    let (pi, si) = locate(st, project_id, service_id, now_ms)?;
    let dialect = st.projects[pi].dialect;
    let Change {
        action,
        kind,
        records,
    } = parse_change(body, dialect)?;
    let stored: BTreeSet<String> = records.iter().map(|(_, s)| s.clone()).collect();
    let mut next_id = st.next_id;
    let whitelist = &mut st.projects[pi].services[si].permissions;
    match action {
        Action::Remove => whitelist
            .retain(|r| !(r.permission_type == kind.as_str() && stored.contains(&r.permission))),
        Action::Add => {
            let new: Vec<&String> = stored
                .iter()
                .filter(|s| !whitelist.iter().any(|r| &r.permission == *s))
                .collect();
            if whitelist.len() + new.len() > MAX_WHITELIST {
                let code = match dialect {
                    Dialect::Otc => "EndPoint.2045",
                    Dialect::Huawei => "EndPoint.3049",
                };
                return Err(ApiError::new(
                    400,
                    code,
                    format!(
                        "The maximum number of whitelist records has been reached: {} and {} more is over {MAX_WHITELIST}.",
                        whitelist.len(),
                        new.len()
                    ),
                ));
            }
            let now = timefmt::utc_ms(now_ms);
            // In the order of the request.
            for (_, s) in &records {
                if new.contains(&s) && !whitelist.iter().any(|r| &r.permission == s) {
                    whitelist.push(Permission {
                        id: format!("9e1a0000-0000-4000-8000-{next_id:012}"),
                        permission: s.clone(),
                        permission_type: kind.as_str().to_string(),
                        description: None,
                        created_at: now.clone(),
                    });
                    next_id += 1;
                }
            }
        }
    }
    st.next_id = next_id;
    let mut answer = json!({
        "permissions": records.iter().map(|(t, _)| t.as_str()).collect::<Vec<_>>(),
    });
    if let (Value::Object(m), Dialect::Huawei) = (&mut answer, dialect) {
        m.insert("permission_type".into(), json!(kind.as_str()));
    }
    Ok(answer)
}
