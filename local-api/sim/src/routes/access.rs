//! What the connection and whitelist calls share: finding the service (EndPoint.2003, not the
//! GET's 0005), and the list parameters with their own error codes (0006 limit, 0010 offset,
//! 0017 sort_key, 0018 sort_dir), unlike the service list's generic 0002.

use crate::error::{quote, ApiError};
use crate::state::{ProjectState, World};

/// The indexes of the project and the service, the project's `creating` phases settled to
/// `now_ms`.
pub fn locate(
    st: &mut World,
    project_id: &str,
    service_id: &str,
    now_ms: u64,
) -> Result<(usize, usize), ApiError> {
    let pi = super::api::project_index(st, project_id, now_ms)?;
    let project: &ProjectState = &st.projects[pi];
    let si = project
        .services
        .iter()
        .position(|s| s.svc.id == service_id)
        .ok_or_else(|| {
            ApiError::new(
                400,
                "EndPoint.2003",
                format!("The endpoint service {} does not exist.", quote(service_id)),
            )
        })?;
    Ok((pi, si))
}

/// `limit`: 0..=`max`, default 10 (EndPoint.0006).
pub fn limit(v: Option<&str>, max: usize) -> Result<usize, ApiError> {
    match v {
        None => Ok(10),
        Some(l) => match l.parse::<usize>() {
            Ok(n) if n <= max => Ok(n),
            _ => Err(ApiError::new(
                400,
                "EndPoint.0006",
                format!(
                    "Invalid limit {}: use an integer from 0 to {max}.",
                    quote(l)
                ),
            )),
        },
    }
}

/// `offset`: an integer greater than 0, as the reference says, so the first page leaves it
/// out (EndPoint.0010). One beyond the end is an empty page, not an error.
pub fn offset(v: Option<&str>) -> Result<usize, ApiError> {
    match v {
        None => Ok(0),
        Some(o) => match o.parse::<usize>() {
            Ok(n) if n > 0 => Ok(n),
            _ => Err(ApiError::new(
                400,
                "EndPoint.0010",
                format!(
                    "Invalid offset {}: use an integer greater than 0, or leave it out for the first page.",
                    quote(o)
                ),
            )),
        },
    }
}

/// `sort_dir`: `desc` (default) or `asc` (EndPoint.0018). True for descending.
pub fn descending(v: Option<&str>) -> Result<bool, ApiError> {
    match v {
        None | Some("desc") => Ok(true),
        Some("asc") => Ok(false),
        Some(d) => Err(ApiError::new(
            400,
            "EndPoint.0018",
            format!("Invalid sort_dir {}: use asc or desc.", quote(d)),
        )),
    }
}

/// The key a list is sorted by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortKey {
    Created,
    Updated,
}

/// `sort_key` (EndPoint.0017): `created_at` (default), and with `updated` also `updated_at`.
/// Huawei Cloud's current spellings `create_at`/`update_at` are taken in both dialects, as the
/// service list takes them.
pub fn sort_key(v: Option<&str>, updated: bool) -> Result<SortKey, ApiError> {
    match v {
        None | Some("created_at") | Some("create_at") => Ok(SortKey::Created),
        Some("updated_at") | Some("update_at") if updated => Ok(SortKey::Updated),
        Some(k) => Err(ApiError::new(
            400,
            "EndPoint.0017",
            if updated {
                format!(
                    "Invalid sort_key {}: use created_at or updated_at.",
                    quote(k)
                )
            } else {
                format!("Invalid sort_key {}: use created_at.", quote(k))
            },
        )),
    }
}

/// Items `offset..offset + limit`.
pub fn page<T>(items: Vec<T>, offset: usize, limit: usize) -> Vec<T> {
    items.into_iter().skip(offset).take(limit).collect()
}
