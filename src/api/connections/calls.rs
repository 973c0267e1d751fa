//! The two calls: `GET {base}/connections` with its query, and `POST
//! {base}/connections/action` for one endpoint; and what a run of actions came to.

use super::connection::{ConnectionAction, ConnectionStatus, MAX_LIMIT};
use crate::api::access::{query_string, service_request, RequestError};
use crate::api::list::{SortDir, SortKey};
use crate::api::request::{id_problem, Method, Settings};
use crate::api::words::{count, fill, w};

/// The query of GET {base}/connections. Empty and `None` fields are left out.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ConnectionQuery {
    /// One endpoint's ID (`id`).
    pub endpoint_id: String,
    /// One marker ID, as its decimal text (`marker_id`).
    pub marker_id: String,
    /// One of [`ConnectionStatus::FILTERABLE`].
    pub status: Option<ConnectionStatus>,
    /// Spelled per dialect when sent (`create_at` or `created_at`, ...).
    pub sort: Option<SortKey>,
    pub dir: Option<SortDir>,
    /// 0–[`MAX_LIMIT`].
    pub limit: Option<u32>,
    /// Left out when 0: the reference wants it greater than 0 when present.
    pub offset: Option<u32>,
}

impl ConnectionQuery {
    /// The smallest query that counts the connections waiting for approval: read
    /// `total_count` of its answer for the tab's badge. (`limit=1` rather than 0: the
    /// count is there either way, and 0 is not read alike everywhere.)
    pub fn pending_count() -> ConnectionQuery {
        ConnectionQuery {
            status: Some(ConnectionStatus::PendingAcceptance),
            limit: Some(1),
            ..ConnectionQuery::default()
        }
    }
}

/// Whether a marker ID filter is a marker ID: a whole number, as the list shows it.
pub fn marker_id_problem(value: &str) -> Option<String> {
    let v = value.trim();
    if v.is_empty() || v.bytes().all(|b| b.is_ascii_digit()) {
        None
    } else {
        Some(w().access().marker_id_not_number.to_owned())
    }
}

/// `GET {base}/connections?id=…&marker_id=…&status=…&sort_key=…&sort_dir=…&limit=…&offset=…`
/// for the service `service_id`, with the sort key spelled as `settings.dialect` wants it.
pub fn list_connections_request(
    settings: &Settings,
    service_id: &str,
    query: &ConnectionQuery,
) -> Result<crate::api::request::ApiRequest, RequestError> {
    let endpoint_id = query.endpoint_id.trim();
    if !endpoint_id.is_empty() {
        if let Some(problem) = id_problem(endpoint_id, w().errors.endpoint_id) {
            return Err(RequestError::Input(problem));
        }
    }
    if let Some(problem) = marker_id_problem(&query.marker_id) {
        return Err(RequestError::Input(problem));
    }
    if let Some(status) = query.status.as_ref().filter(|s| !s.is_filterable()) {
        return Err(RequestError::Input(fill(
            w().access().status_not_filterable,
            &[&status.label()],
        )));
    }
    if let Some(limit) = query.limit.filter(|l| *l > MAX_LIMIT) {
        return Err(RequestError::Input(fill(
            w().access().too_many_connections,
            &[&limit, &MAX_LIMIT],
        )));
    }
    let number = |n: Option<u32>| n.map(|n| n.to_string()).unwrap_or_default();
    let tail = format!(
        "connections{}",
        query_string(&[
            ("id", endpoint_id.to_owned()),
            ("marker_id", query.marker_id.trim().to_owned()),
            (
                "status",
                query
                    .status
                    .as_ref()
                    .map(|s| s.as_str().to_owned())
                    .unwrap_or_default()
            ),
            (
                "sort_key",
                query
                    .sort
                    .map(|k| k.api_name(settings.dialect).to_owned())
                    .unwrap_or_default()
            ),
            (
                "sort_dir",
                query.dir.map(|d| d.as_str().to_owned()).unwrap_or_default()
            ),
            ("limit", number(query.limit)),
            ("offset", number(query.offset.filter(|o| *o > 0))),
        ])
    );
    service_request(settings, service_id, Method::Get, &tail, None)
}

/// `POST {base}/connections/action` accepting or rejecting ONE endpoint: the API refuses
/// more than one per request (EndPoint.2031).
pub fn connection_action_request(
    settings: &Settings,
    service_id: &str,
    action: ConnectionAction,
    endpoint_id: &str,
) -> Result<crate::api::request::ApiRequest, RequestError> {
    let id = endpoint_id.trim();
    if let Some(problem) = id_problem(id, w().errors.endpoint_id) {
        return Err(RequestError::Input(problem));
    }
    service_request(
        settings,
        service_id,
        Method::Post,
        "connections/action",
        Some(action.body(id)),
    )
}

/// One request per selected endpoint, in the order selected, each endpoint once: the UI
/// sends them one after the other and reports each row. If the settings or any ID is
/// wrong, nothing is built and the error names the problem (the ID among them).
pub fn connection_action_requests(
    settings: &Settings,
    service_id: &str,
    action: ConnectionAction,
    endpoint_ids: &[String],
) -> Result<Vec<(String, crate::api::request::ApiRequest)>, RequestError> {
    let mut seen: Vec<&str> = Vec::new();
    let mut out = Vec::new();
    for id in endpoint_ids.iter().map(|id| id.trim()) {
        if seen.contains(&id) {
            continue;
        }
        seen.push(id);
        let request = connection_action_request(settings, service_id, action, id)?;
        out.push((id.to_owned(), request));
    }
    if out.is_empty() {
        return Err(RequestError::Input(select_one(action).to_owned()));
    }
    Ok(out)
}

/// "Select at least one endpoint to accept." (or reject): nothing was selected.
pub fn select_one(action: ConnectionAction) -> &'static str {
    match action {
        ConnectionAction::Accept => w().access().select_to_accept,
        ConnectionAction::Reject => w().access().select_to_reject,
    }
}

/// "Accepted 3 connections." or "Accepted 2 of 3 connections; 1 failed." after a batch.
pub fn action_summary(action: ConnectionAction, done: usize, failed: usize) -> String {
    let a = w().access();
    let total = done + failed;
    let (one, many, some_one, some_many) = match action {
        ConnectionAction::Accept => (
            a.accepted_one,
            a.accepted_many,
            a.accepted_some_one,
            a.accepted_some_many,
        ),
        ConnectionAction::Reject => (
            a.rejected_one,
            a.rejected_many,
            a.rejected_some_one,
            a.rejected_some_many,
        ),
    };
    if failed == 0 {
        fill(if done == 1 { one } else { many }, &[&count(done)])
    } else {
        fill(
            if total == 1 { some_one } else { some_many },
            &[&count(done), &count(total), &count(failed)],
        )
    }
}
