//! Reading an answer: the expected object on success, an [`ApiError`] otherwise.

use super::connections::{
    read_connection_action, read_connection_list, Connection, ConnectionList,
};
use super::error::{classify, unreadable_success, ApiError};
use super::model::{EndpointService, ServiceList};
use super::operation::Operation;
use super::whitelist::{
    read_permission_action, read_permission_list, PermissionActionResult, PermissionList,
};
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
}

/// Interprets `status`, `headers` and `body` as the answer to `op`.
pub fn read_response(
    op: &Operation,
    status: u16,
    headers: &[(String, String)],
    body: &str,
) -> Result<Outcome, ApiError> {
    if !(200..300).contains(&status) {
        return Err(classify(status, headers, body));
    }
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
        Operation::GetService { .. } | Operation::UpdateService { .. } => {
            match EndpointService::from_json(body) {
                Ok(s) if !s.id.is_empty() => Ok(Outcome::Service(Box::new(s))),
                _ => Err(unreadable_success(
                    status,
                    headers,
                    body,
                    w().errors.what_service,
                )),
            }
        }
        // A list must be an object: `ServiceList::from_json` refuses anything else.
        Operation::ListServices(_) => ServiceList::from_json(body)
            .ok()
            .map(Outcome::List)
            .ok_or_else(|| unreadable_success(status, headers, body, w().errors.what_service_list)),
        // The SDKs accept only 204. A 2xx with a body is something else answering (a
        // proxy's page): not a success to report.
        Operation::UpgradeService { .. } if status == 204 || body.trim().is_empty() => {
            Ok(Outcome::Upgraded)
        }
        Operation::UpgradeService { .. } => Err(unreadable_success(
            status,
            headers,
            body,
            w().errors.what_upgrade_answer,
        )),
    }
}
