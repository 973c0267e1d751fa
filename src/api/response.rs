//! Reading an answer: the expected object on success, an [`ApiError`] otherwise.

use super::connections::{
    read_connection_action, read_connection_list, Connection, ConnectionList,
};
use super::error::{classify, unreadable_success, ApiError};
use super::model::{EndpointService, ServiceList};
use super::operation::{build_request, build_service_request, Operation};
use super::request::{ApiRequest, Settings, SettingsError};
use super::whitelist::{
    read_permission_action, read_permission_list, PermissionActionResult, PermissionList,
};
use super::wire;
use super::words::w;

/// What a successful operation returns.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Service(Box<EndpointService>),
    List(ServiceList),
    /// The upgrade was accepted (204, no body).
    Upgraded,
    /// One page of a service's connections.
    Connections(ConnectionList),
    /// The connections an accept or reject changed, as the API answered (for one
    /// endpoint: one row, usually `creating` after an accept).
    ConnectionsChanged(Vec<Connection>),
    /// One page of a service's whitelist.
    Permissions(PermissionList),
    /// What an add or remove answered (the entries it names; re-read the list for the rest).
    PermissionsChanged(PermissionActionResult),
    /// How many connections wait for approval: a connection list as
    /// [`read_service_response`] reads it (its `total_count` only).
    Pending(u64),
}

/// Interprets `status`, `headers` and `body` as the answer to `op` (each reader tells an
/// error answer from a success first).
pub fn read_response(
    op: &Operation,
    status: u16,
    headers: &[(String, String)],
    body: &str,
) -> Result<Outcome, ApiError> {
    match op {
        Operation::ListConnections { .. } => {
            read_connection_list(status, headers, body).map(Outcome::Connections)
        }
        Operation::ConnectionAction { .. } => {
            read_connection_action(status, headers, body).map(Outcome::ConnectionsChanged)
        }
        Operation::ListPermissions { .. } => {
            read_permission_list(status, headers, body).map(Outcome::Permissions)
        }
        Operation::PermissionAction { .. } => {
            read_permission_action(status, headers, body).map(Outcome::PermissionsChanged)
        }
        _ => read_service_response(op, status, headers, body),
    }
}

/// [`read_response`] for what the first screen sends ([`build_service_request`]): the
/// service operations, and of a connection list only its `total_count`
/// ([`Outcome::Pending`], the tab's label; the rows are the tab's to read).
pub fn read_service_response(
    op: &Operation,
    status: u16,
    headers: &[(String, String)],
    body: &str,
) -> Result<Outcome, ApiError> {
    if !(200..300).contains(&status) {
        return Err(classify(status, headers, body));
    }
    let unreadable = |what: &str| Err(unreadable_success(status, headers, body, what));
    match op {
        Operation::GetService { .. } | Operation::UpdateService { .. } => {
            match EndpointService::from_json(body) {
                Ok(s) if !s.id.is_empty() => Ok(Outcome::Service(Box::new(s))),
                _ => unreadable(w().errors.what_service),
            }
        }
        // A list must be an object: `ServiceList::from_json` refuses anything else.
        Operation::ListServices(_) => match ServiceList::from_json(body) {
            Ok(l) => Ok(Outcome::List(l)),
            Err(_) => unreadable(w().errors.what_service_list),
        },
        // The SDKs accept only 204. A 2xx with a body is something else answering (a
        // proxy's page): not a success to report.
        Operation::UpgradeService { .. } if status == 204 || body.trim().is_empty() => {
            Ok(Outcome::Upgraded)
        }
        Operation::UpgradeService { .. } => unreadable(w().errors.what_upgrade_answer),
        Operation::ListConnections { .. } => match wire::from_str::<Count>(body) {
            Ok(c) => Ok(Outcome::Pending(c.total_count)),
            Err(_) => unreadable(w().errors.what_connection_list),
        },
        other => unreadable(other.name()),
    }
}

/// A connection list's count, whatever its rows.
#[derive(serde::Deserialize)]
struct Count {
    total_count: u64,
}

/// How a caller's operations are built and read. [`SERVICES`] is the first screen's (it
/// holds no connection or whitelist reader); [`EVERY`] is the tabs', so only their chunk
/// carries those readers and builders.
#[derive(Clone, Copy)]
pub struct Wire {
    pub build: fn(&Settings, &Operation) -> Result<ApiRequest, SettingsError>,
    pub read: Reader,
}

/// Reads `status`, `headers` and `body` as the answer to an operation.
pub type Reader = fn(&Operation, u16, &[(String, String)], &str) -> Result<Outcome, ApiError>;

/// The service operations, and the pending count of a connection list.
pub const SERVICES: Wire = Wire {
    build: build_service_request,
    read: read_service_response,
};

/// Every operation, each read in full.
pub const EVERY: Wire = Wire {
    build: build_request,
    read: read_response,
};
