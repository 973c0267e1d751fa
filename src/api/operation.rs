//! What the console asks of the API ([`Operation`]) and the exact request for each
//! ([`build_request`]): the top of the request building, above the builders of each API
//! (services here, connections in [`super::connections`], the whitelist in
//! [`super::whitelist`]), which all go through [`api_request`].

use super::access::RequestError;
use super::connections::{
    connection_action_request, list_connections_request, ConnectionAction, ConnectionQuery,
};
use super::model::UpdateBody;
use super::request::{
    api_request, encode_query_value, service_path, ApiRequest, ListQuery, Method, Settings,
    SettingsError,
};
use super::whitelist::{
    list_permissions_request, permission_action_request, PermissionAction, PermissionQuery,
};

/// What the console asks of the API.
#[derive(Debug, Clone, PartialEq)]
pub enum Operation {
    GetService {
        id: String,
    },
    ListServices(ListQuery),
    UpdateService {
        id: String,
        body: UpdateBody,
    },
    /// Sends NO body: the SDKs send none and the example body in the reference
    /// (`permissions`/`action`) belongs to another API.
    UpgradeService {
        id: String,
    },
    /// `GET {base}/connections?…`: one page of the service's connections (see
    /// [`list_connections_request`](list_connections_request)).
    ListConnections {
        service_id: String,
        query: ConnectionQuery,
    },
    /// `POST {base}/connections/action` for ONE endpoint: the API takes exactly one per
    /// request (see [`connection_action_request`](connection_action_request)).
    ConnectionAction {
        service_id: String,
        action: ConnectionAction,
        endpoint_id: String,
    },
    /// `GET {base}/permissions?…`: one page of the whitelist.
    ListPermissions {
        service_id: String,
        query: PermissionQuery,
    },
    /// `POST {base}/permissions/action`: add or remove entries, in one body.
    PermissionAction {
        service_id: String,
        action: PermissionAction,
    },
}

impl Operation {
    /// Short name for history and logs.
    pub fn name(&self) -> &'static str {
        match self {
            Operation::GetService { .. } => "get_service",
            Operation::ListServices(_) => "list_services",
            Operation::UpdateService { .. } => "update_service",
            Operation::UpgradeService { .. } => "upgrade_service",
            Operation::ListConnections { .. } => "list_connections",
            Operation::ConnectionAction { .. } => "connection_action",
            Operation::ListPermissions { .. } => "list_permissions",
            Operation::PermissionAction { .. } => "permission_action",
        }
    }
}

/// Builds the request for `op` under `settings`.
pub fn build_request(settings: &Settings, op: &Operation) -> Result<ApiRequest, SettingsError> {
    match op {
        Operation::ConnectionAction {
            service_id,
            action,
            endpoint_id,
        } => access(connection_action_request(
            settings,
            service_id,
            *action,
            endpoint_id,
        )),
        Operation::ListPermissions { service_id, query } => {
            access(list_permissions_request(settings, service_id, query))
        }
        Operation::PermissionAction { service_id, action } => {
            access(permission_action_request(settings, service_id, action))
        }
        _ => build_service_request(settings, op),
    }
}

/// The connections and whitelist builders can refuse an input of their own (an ID in the
/// query, say): that is a settings problem here, shown where the input is.
fn access(r: Result<ApiRequest, RequestError>) -> Result<ApiRequest, SettingsError> {
    r.map_err(|e| match e {
        RequestError::Settings(s) => s,
        RequestError::Input(m) => SettingsError::Input(m),
    })
}

/// [`build_request`] for what the first screen sends: the service operations and a
/// connection list (the tab's pending count). The connection actions and the whitelist
/// are refused: their builders are only in the tabs' code ([`super::response::EVERY`]).
pub fn build_service_request(
    settings: &Settings,
    op: &Operation,
) -> Result<ApiRequest, SettingsError> {
    match op {
        Operation::GetService { id } => {
            api_request(settings, Method::Get, &|p| service_path(p, id), None)
        }
        Operation::ListServices(q) => api_request(
            settings,
            Method::Get,
            &|project| {
                Ok(format!(
                    "/v1/{project}/vpc-endpoint-services{}",
                    list_query(q)
                ))
            },
            None,
        ),
        Operation::UpdateService { id, body } => api_request(
            settings,
            Method::Put,
            &|p| service_path(p, id),
            Some(body.to_json()),
        ),
        Operation::UpgradeService { id } => api_request(
            settings,
            Method::Post,
            &|p| {
                let v1 = service_path(p, id)?;
                Ok(format!("/v2{}/upgrade", &v1["/v1".len()..]))
            },
            None,
        ),
        Operation::ListConnections { service_id, query } => {
            access(list_connections_request(settings, service_id, query))
        }
        other => Err(SettingsError::Input(format!(
            "{} is not sent from here",
            other.name()
        ))),
    }
}

/// `?k=v&…` of the service list's query, empty fields left out; empty when none is set.
fn list_query(q: &ListQuery) -> String {
    let mut params: Vec<String> = [
        ("endpoint_service_name", &q.endpoint_service_name),
        ("id", &q.id),
        ("status", &q.status),
        ("sort_key", &q.sort_key),
        ("sort_dir", &q.sort_dir),
    ]
    .into_iter()
    .filter(|(_, v)| !v.is_empty())
    .map(|(k, v)| format!("{k}={}", encode_query_value(v)))
    .collect();
    if let Some(l) = q.limit {
        params.push(format!("limit={l}"));
    }
    if let Some(o) = q.offset {
        params.push(format!("offset={o}"));
    }
    if params.is_empty() {
        String::new()
    } else {
        format!("?{}", params.join("&"))
    }
}
