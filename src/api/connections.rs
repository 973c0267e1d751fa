//! The Connections tab: the endpoints that connect to one endpoint service, and
//! accepting or rejecting them.
//!
//! - `GET {base}/connections` lists them ([`ConnectionsView`] → [`ConnectionQuery`] →
//!   [`list_connections_request`], answer read by [`read_connection_list`]).
//! - `POST {base}/connections/action` accepts (`receive`, not `accept`) or rejects
//!   exactly ONE endpoint per request ([`connection_action_request`]; N selected rows
//!   become N requests with [`connection_action_requests`]).
//!
//! `{base}` is `/v1/{project_id}/vpc-endpoint-services/{service_id}`.

use serde::{Deserialize, Deserializer, Serialize};

use super::access::{integer_text, query_string, read_answer, service_request, RequestError};
use super::error::{code_is, endpoint_code_number, ApiError};
use super::list::{SortDir, SortKey, PAGE_SIZES};
use super::request::{id_problem, Method, Settings};
use super::wire;

/// The most connections one list request may ask for (`limit` 0–1000).
pub const MAX_LIMIT: u32 = 1000;

/// Where a connection is. The API writes these in camelCase; a value the console does
/// not know is kept as written, so that a new state shows instead of breaking the list.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ConnectionStatus {
    /// `pendingAcceptance`: waits for the service owner to accept or reject it.
    PendingAcceptance,
    /// `creating`: accepted, the connection is being set up.
    Creating,
    Accepted,
    Rejected,
    /// Its `error` list says why.
    Failed,
    Deleting,
    /// A value this console does not know, as the API wrote it.
    Other(String),
}

impl ConnectionStatus {
    /// Every known status, in the order the console shows them.
    pub const KNOWN: [ConnectionStatus; 6] = [
        ConnectionStatus::PendingAcceptance,
        ConnectionStatus::Creating,
        ConnectionStatus::Accepted,
        ConnectionStatus::Rejected,
        ConnectionStatus::Failed,
        ConnectionStatus::Deleting,
    ];

    /// The statuses the list can be filtered by: the API's `status` query takes only
    /// these four, though rows may also be `creating` or `deleting`.
    pub const FILTERABLE: [ConnectionStatus; 4] = [
        ConnectionStatus::PendingAcceptance,
        ConnectionStatus::Accepted,
        ConnectionStatus::Rejected,
        ConnectionStatus::Failed,
    ];

    /// Reads the API's value, in any case.
    pub fn parse(s: &str) -> ConnectionStatus {
        Self::KNOWN
            .into_iter()
            .find(|k| k.as_str().eq_ignore_ascii_case(s.trim()))
            .unwrap_or_else(|| ConnectionStatus::Other(s.to_owned()))
    }

    /// The API's own name: `pendingAcceptance`, `accepted`, ...
    pub fn as_str(&self) -> &str {
        match self {
            ConnectionStatus::PendingAcceptance => "pendingAcceptance",
            ConnectionStatus::Creating => "creating",
            ConnectionStatus::Accepted => "accepted",
            ConnectionStatus::Rejected => "rejected",
            ConnectionStatus::Failed => "failed",
            ConnectionStatus::Deleting => "deleting",
            ConnectionStatus::Other(s) => s,
        }
    }

    /// The console's words: "Waiting for approval", ...; an unknown value as written.
    pub fn label(&self) -> &str {
        match self {
            ConnectionStatus::PendingAcceptance => "Waiting for approval",
            ConnectionStatus::Creating => "Connecting",
            ConnectionStatus::Accepted => "Accepted",
            ConnectionStatus::Rejected => "Rejected",
            ConnectionStatus::Failed => "Failed",
            ConnectionStatus::Deleting => "Deleting",
            ConnectionStatus::Other(s) if s.is_empty() => "Unknown",
            ConnectionStatus::Other(s) => s,
        }
    }

    /// Whether the API's `status` filter takes this status.
    pub fn is_filterable(&self) -> bool {
        Self::FILTERABLE.contains(self)
    }

    /// Whether the console offers `action` for a row in this status. The server has the
    /// last word; this only keeps buttons that can only fail (EndPoint.2014 already
    /// connected, .2018 deleting, .2019 creating) out of the way.
    pub fn allows(&self, action: ConnectionAction) -> bool {
        match action {
            ConnectionAction::Accept => matches!(
                self,
                ConnectionStatus::PendingAcceptance | ConnectionStatus::Rejected
            ),
            ConnectionAction::Reject => matches!(
                self,
                ConnectionStatus::PendingAcceptance | ConnectionStatus::Accepted
            ),
        }
    }
}

/// Why a connection failed: one item of its `error` list.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct ConnectionFailure {
    #[serde(alias = "code")]
    pub error_code: Option<String>,
    /// Verbatim: shown as text, never as HTML. (`error_message` here, unlike the
    /// top-level `error_msg` of an error answer.)
    #[serde(alias = "message", alias = "error_msg")]
    pub error_message: Option<String>,
}

fn marker_id<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    integer_text(d, "marker_id")
}

/// A missing or `null` status is [`ConnectionStatus::Other`] `""`, shown as "Unknown".
fn status<'de, D: Deserializer<'de>>(d: D) -> Result<ConnectionStatus, D::Error> {
    let status = Option::<String>::deserialize(d)?;
    Ok(ConnectionStatus::parse(status.as_deref().unwrap_or("")))
}

fn no_status() -> ConnectionStatus {
    ConnectionStatus::parse("")
}

fn errors<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<ConnectionFailure>, D::Error> {
    wire::numbered_objects(d, "error")
}

fn connections<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Connection>, D::Error> {
    wire::numbered_objects(d, "connections")
}

/// One endpoint connecting to the service, as the list and the action return it.
///
/// Unknown fields are ignored, `null` is an unset value; a row without an `id` cannot be
/// acted on, so it makes the answer unreadable.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Connection {
    /// The endpoint's ID: what accept and reject take.
    pub id: String,
    /// The endpoint's marker ID as its decimal text (never a float: it can exceed 2^53).
    #[serde(default, deserialize_with = "marker_id")]
    pub marker_id: Option<String>,
    /// The account the endpoint belongs to (the consumer).
    pub domain_id: Option<String>,
    #[serde(default = "no_status", deserialize_with = "status")]
    pub status: ConnectionStatus,
    /// Huawei Cloud only.
    pub description: Option<String>,
    /// `YYYY-MM-DDTHH:MM:SSZ`, as written.
    pub created_at: Option<String>,
    pub updated_at: Option<String>,
    /// Why it failed; only when `failed`.
    #[serde(default, deserialize_with = "errors")]
    pub error: Vec<ConnectionFailure>,
}

impl Connection {
    /// Whether the console offers `action` on this row.
    pub fn allows(&self, action: ConnectionAction) -> bool {
        self.status.allows(action)
    }
}

/// The answer of GET {base}/connections: one page, and how many match in all.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
pub struct ConnectionList {
    #[serde(default, deserialize_with = "connections")]
    pub connections: Vec<Connection>,
    /// All matching connections, whatever the page (the API ignores limit and offset here).
    #[serde(default)]
    pub total_count: u64,
}

impl ConnectionList {
    pub fn from_json(text: &str) -> serde_json::Result<Self> {
        wire::from_str(text)
    }

    /// The rows waiting for approval on this page.
    pub fn pending(&self) -> impl Iterator<Item = &Connection> {
        self.connections
            .iter()
            .filter(|c| c.status == ConnectionStatus::PendingAcceptance)
    }
}

/// The answer of POST {base}/connections/action: the connections it changed (no
/// `total_count`).
#[derive(Deserialize)]
struct ActionAnswer {
    #[serde(default, deserialize_with = "connections")]
    connections: Vec<Connection>,
}

/// Reads the answer to [`list_connections_request`].
pub fn read_connection_list(
    status: u16,
    headers: &[(String, String)],
    body: &str,
) -> Result<ConnectionList, ApiError> {
    read_answer(status, headers, body, "a list of connections")
}

/// Reads the answer to [`connection_action_request`]: the changed connection(s).
pub fn read_connection_action(
    status: u16,
    headers: &[(String, String)],
    body: &str,
) -> Result<Vec<Connection>, ApiError> {
    read_answer::<ActionAnswer>(
        status,
        headers,
        body,
        "the connections that were accepted or rejected",
    )
    .map(|a| a.connections)
}

/// Accept or reject.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ConnectionAction {
    /// Sent as `receive`.
    Accept,
    Reject,
}

impl ConnectionAction {
    /// What the API calls it: accepting is `receive`.
    pub fn api_name(self) -> &'static str {
        match self {
            ConnectionAction::Accept => "receive",
            ConnectionAction::Reject => "reject",
        }
    }

    /// The button: "Accept" (with [`api_name`](Self::api_name) as secondary text).
    pub fn label(self) -> &'static str {
        match self {
            ConnectionAction::Accept => "Accept",
            ConnectionAction::Reject => "Reject",
        }
    }

    /// What a row's status will be once the action is done.
    pub fn done_label(self) -> &'static str {
        match self {
            ConnectionAction::Accept => "Accepted",
            ConnectionAction::Reject => "Rejected",
        }
    }

    /// The action's body for one endpoint:
    /// `{"action":"receive","endpoints":["<id>"]}`.
    pub fn body(self, endpoint_id: &str) -> String {
        #[derive(Serialize)]
        struct Body<'a> {
            action: &'static str,
            endpoints: [&'a str; 1],
        }
        let body = Body {
            action: self.api_name(),
            endpoints: [endpoint_id],
        };
        serde_json::to_string(&body).expect("an action body always serializes")
    }
}

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
        Some("A marker ID is a whole number, as the list shows it.".to_owned())
    }
}

/// `GET {base}/connections?id=…&marker_id=…&status=…&sort_key=…&sort_dir=…&limit=…&offset=…`
/// for the service `service_id`, with the sort key spelled as `settings.dialect` wants it.
pub fn list_connections_request(
    settings: &Settings,
    service_id: &str,
    query: &ConnectionQuery,
) -> Result<super::request::ApiRequest, RequestError> {
    let endpoint_id = query.endpoint_id.trim();
    if !endpoint_id.is_empty() {
        if let Some(problem) = id_problem(endpoint_id, "endpoint ID") {
            return Err(RequestError::Input(problem));
        }
    }
    if let Some(problem) = marker_id_problem(&query.marker_id) {
        return Err(RequestError::Input(problem));
    }
    if let Some(status) = query.status.as_ref().filter(|s| !s.is_filterable()) {
        return Err(RequestError::Input(format!(
            "The list cannot be filtered by “{}”: choose waiting for approval, accepted, rejected or failed.",
            status.label()
        )));
    }
    if let Some(limit) = query.limit.filter(|l| *l > MAX_LIMIT) {
        return Err(RequestError::Input(format!(
            "{limit} connections a page is too many: at most {MAX_LIMIT}."
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
) -> Result<super::request::ApiRequest, RequestError> {
    let id = endpoint_id.trim();
    if let Some(problem) = id_problem(id, "endpoint ID") {
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
) -> Result<Vec<(String, super::request::ApiRequest)>, RequestError> {
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
        return Err(RequestError::Input(format!(
            "Select at least one endpoint to {}.",
            action.label().to_lowercase()
        )));
    }
    Ok(out)
}

/// "Accepted 3 connections." or "Accepted 2 of 3 connections; 1 failed." after a batch.
pub fn action_summary(action: ConnectionAction, done: usize, failed: usize) -> String {
    let total = done + failed;
    let noun = |n: usize| if n == 1 { "connection" } else { "connections" };
    if failed == 0 {
        format!("{} {done} {}.", action.done_label(), noun(done))
    } else {
        format!(
            "{} {done} of {total} {}; {failed} failed.",
            action.done_label(),
            noun(total)
        )
    }
}

/// Page sizes offered on the Connections tab; the first is the default.
pub const CONNECTION_PAGE_SIZES: [u32; 4] = PAGE_SIZES;

/// What the person asked to see on the Connections tab. Filtering, order and paging are
/// the server's: the tab shows one page of `total_count`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConnectionsView {
    /// From 1.
    pub page: u32,
    pub page_size: u32,
    /// One endpoint's ID, or empty for all.
    pub endpoint_id: String,
    /// One marker ID, or empty for all.
    pub marker_id: String,
    /// One of [`ConnectionStatus::FILTERABLE`], or `None` for any.
    pub status: Option<ConnectionStatus>,
    pub sort: SortKey,
    pub dir: SortDir,
}

impl Default for ConnectionsView {
    fn default() -> Self {
        ConnectionsView {
            page: 1,
            page_size: CONNECTION_PAGE_SIZES[0],
            endpoint_id: String::new(),
            marker_id: String::new(),
            status: None,
            sort: SortKey::default(),
            dir: SortDir::default(),
        }
    }
}

impl ConnectionsView {
    /// The list query for this view. The first page sends no `offset`.
    pub fn query(&self) -> ConnectionQuery {
        let size = self.page_size.clamp(1, MAX_LIMIT);
        let offset = (self.page.max(1) - 1).saturating_mul(size);
        ConnectionQuery {
            endpoint_id: self.endpoint_id.trim().to_owned(),
            marker_id: self.marker_id.trim().to_owned(),
            status: self.status.clone(),
            sort: Some(self.sort),
            dir: Some(self.dir),
            limit: Some(size),
            offset: (offset > 0).then_some(offset),
        }
    }

    /// What is wrong with the filters as typed, by input, before anything is sent.
    pub fn problems(&self) -> Vec<(ConnectionsInput, String)> {
        let mut out = Vec::new();
        let id = self.endpoint_id.trim();
        if !id.is_empty() {
            if let Some(p) = id_problem(id, "endpoint ID") {
                out.push((ConnectionsInput::EndpointFilter, p));
            }
        }
        if let Some(p) = marker_id_problem(&self.marker_id) {
            out.push((ConnectionsInput::MarkerFilter, p));
        }
        if self.status.as_ref().is_some_and(|s| !s.is_filterable()) {
            out.push((
                ConnectionsInput::StatusFilter,
                "Choose waiting for approval, accepted, rejected or failed.".to_owned(),
            ));
        }
        out
    }

    /// How many pages `total` connections fill (at least one).
    pub fn page_count(&self, total: u64) -> u32 {
        let size = u64::from(self.page_size.max(1));
        u32::try_from(total.div_ceil(size).max(1)).unwrap_or(u32::MAX)
    }

    /// The same filter and order from its first page: a new filter starts over.
    pub fn first_page(&self) -> ConnectionsView {
        ConnectionsView {
            page: 1,
            ..self.clone()
        }
    }

    /// Whether a filter is set (an empty page then means "no match", not "none yet").
    pub fn is_filtered(&self) -> bool {
        !self.endpoint_id.trim().is_empty()
            || !self.marker_id.trim().is_empty()
            || self.status.is_some()
    }
}

/// What on the Connections tab an error is about, so its message stands there.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ConnectionsInput {
    /// The row of this endpoint (the one the failed action was sent for).
    Row(String),
    EndpointFilter,
    MarkerFilter,
    StatusFilter,
    /// Sort key or direction.
    Sort,
    /// Page size or page.
    Page,
    /// The service itself (it does not exist): the settings or the service ID.
    Service,
}

impl ConnectionsInput {
    /// A stable DOM id for the input or row; its message has this id plus `-error`.
    pub fn dom_id(&self) -> String {
        match self {
            ConnectionsInput::Row(id) => {
                format!("conn-row-{}", super::request::encode_segment(id))
            }
            ConnectionsInput::EndpointFilter => "conn-filter-id".into(),
            ConnectionsInput::MarkerFilter => "conn-filter-marker".into(),
            ConnectionsInput::StatusFilter => "conn-filter-status".into(),
            ConnectionsInput::Sort => "conn-sort".into(),
            ConnectionsInput::Page => "conn-page".into(),
            ConnectionsInput::Service => "conn-service".into(),
        }
    }
}

/// What an error of the Connections tab is about, where that is knowable: the row of
/// `endpoint_id` for an action's error about the endpoint (each request carries one
/// endpoint, so the row is known), a filter, the order or the page for a list's error.
/// Codes are compared in any case.
pub fn connections_input(error: &ApiError, endpoint_id: Option<&str>) -> Option<ConnectionsInput> {
    let code = error.error_code.as_deref();
    let number = code.and_then(endpoint_code_number)?;
    let row = || endpoint_id.map(|id| ConnectionsInput::Row(id.trim().to_owned()));
    match number {
        "2031" | "2013" | "2014" | "2006" | "2017" | "2018" | "2019" => row(),
        "0006" | "0010" => Some(ConnectionsInput::Page),
        "0017" | "0018" => Some(ConnectionsInput::Sort),
        "0019" => Some(ConnectionsInput::StatusFilter),
        "0021" => Some(ConnectionsInput::MarkerFilter),
        "2003" => Some(ConnectionsInput::Service),
        _ if code_is(code, "EndPoint.0002") => {
            let msg = error.error_msg.as_deref().unwrap_or("");
            if msg.contains("marker_id") {
                Some(ConnectionsInput::MarkerFilter)
            } else if msg.contains("status") {
                Some(ConnectionsInput::StatusFilter)
            } else {
                row()
            }
        }
        _ => None,
    }
}
