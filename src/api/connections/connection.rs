//! A connection as the API answers it (its status, its endpoint, its marker ID kept
//! exactly), the actions on one, and the answers of both calls.

use serde::{Deserialize, Deserializer, Serialize};

use crate::api::access::{integer_text, read_answer};
use crate::api::error::ApiError;
use crate::api::wire;
use crate::api::words::w;

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
            ConnectionStatus::PendingAcceptance => w().access().status_pending,
            ConnectionStatus::Creating => w().access().status_connecting,
            ConnectionStatus::Accepted => w().access().status_accepted,
            ConnectionStatus::Rejected => w().access().status_rejected,
            ConnectionStatus::Failed => w().core.status_failed,
            ConnectionStatus::Deleting => w().core.status_deleting,
            ConnectionStatus::Other(s) if s.is_empty() => w().core.unknown,
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

pub(super) fn marker_id<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    integer_text(d, "marker_id")
}

/// A missing or `null` status is [`ConnectionStatus::Other`] `""`, shown as "Unknown".
pub(super) fn status<'de, D: Deserializer<'de>>(d: D) -> Result<ConnectionStatus, D::Error> {
    let status = Option::<String>::deserialize(d)?;
    Ok(ConnectionStatus::parse(status.as_deref().unwrap_or("")))
}

pub(super) fn no_status() -> ConnectionStatus {
    ConnectionStatus::parse("")
}

pub(super) fn errors<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<ConnectionFailure>, D::Error> {
    wire::numbered_objects(d, "error")
}

pub(super) fn connections<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Connection>, D::Error> {
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
    read_answer(status, headers, body, w().errors.what_connection_list)
}

/// Reads the answer to [`connection_action_request`]: the changed connection(s).
pub fn read_connection_action(
    status: u16,
    headers: &[(String, String)],
    body: &str,
) -> Result<Vec<Connection>, ApiError> {
    read_answer::<ActionAnswer>(status, headers, body, w().errors.what_connections_changed)
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
            ConnectionAction::Accept => w().access().accept,
            ConnectionAction::Reject => w().access().reject,
        }
    }

    /// What a row's status will be once the action is done.
    pub fn done_label(self) -> &'static str {
        match self {
            ConnectionAction::Accept => w().access().status_accepted,
            ConnectionAction::Reject => w().access().status_rejected,
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
