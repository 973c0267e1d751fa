//! Wire types of the VPCEP API, exactly as the server sends and expects them.
//!
//! Responses tolerate unknown fields and `null` where a list is expected (real
//! gateways send both); requests never carry `null`: unset fields are omitted.

use serde::{Deserialize, Serialize};

use super::wire;

fn tcp() -> String {
    "TCP".to_owned()
}

/// One port mapping: the endpoint's `client_port` forwards to the backend's `server_port`.
///
/// A port is a `u32` as serde_json reads one: `-1`, `80.5`, `80.0` or `"80"` is refused,
/// and with it the whole answer.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct PortMapping {
    pub client_port: u32,
    pub server_port: u32,
    /// `TCP` or `UDP`; the API's default is TCP, so a missing protocol reads as TCP (a
    /// `null` one is refused).
    #[serde(default = "tcp")]
    pub protocol: String,
}

impl PortMapping {
    pub fn new(client_port: u32, server_port: u32, protocol: &str) -> Self {
        PortMapping {
            client_port,
            server_port,
            protocol: protocol.to_owned(),
        }
    }
}

impl std::fmt::Display for PortMapping {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} → {} {}",
            self.client_port, self.server_port, self.protocol
        )
    }
}

/// A resource tag.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Tag {
    pub key: String,
    #[serde(default)]
    pub value: String,
}

/// An asynchronous failure reported on the service object (`error` in GET).
///
/// A field and its alias both written count as the field written twice, and are refused.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct ServiceFailure {
    /// `code` in the API reference, `error_code` in the Huawei SDK.
    #[serde(alias = "error_code")]
    pub code: Option<String>,
    #[serde(alias = "error_message")]
    pub message: Option<String>,
}

/// An endpoint service as GET, PUT and the list return it.
///
/// Enumerated values (status, server_type, ...) stay strings: a console must show a
/// value the API added later rather than fail to read the whole service.
///
/// Read as the server sends it: unknown fields are ignored, `null` is an unset option or
/// an empty list. A field of the wrong type (a port of `-1`, `80.5` or `"80"`) makes the
/// whole service unreadable.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(default)]
pub struct EndpointService {
    pub id: String,
    pub port_id: Option<String>,
    pub vip_port_id: Option<String>,
    pub vpc_id: Option<String>,
    pub pool_id: Option<String>,
    /// The FULL name `region.name.id`; see [`EndpointService::short_name`].
    pub service_name: Option<String>,
    /// `VM`, `VIP` or `LB`.
    pub server_type: Option<String>,
    /// `interface` or `gateway`.
    pub service_type: Option<String>,
    /// `creating`, `available`, `failed` or `deleting`.
    pub status: Option<String>,
    pub approval_enabled: Option<bool>,
    pub project_id: Option<String>,
    pub created_at: Option<String>,
    pub updated_at: Option<String>,
    /// `public` or `internal`.
    pub cidr_type: Option<String>,
    #[serde(deserialize_with = "wire::objects")]
    pub ports: Vec<PortMapping>,
    pub tcp_proxy: Option<String>,
    #[serde(deserialize_with = "wire::objects")]
    pub tags: Vec<Tag>,
    pub description: Option<String>,
    pub enable_policy: Option<bool>,
    pub ip: Option<String>,
    /// `ipv4` or `ipv6`.
    pub ip_version: Option<String>,
    /// `["basic"]`, `["profession"]` or both.
    #[serde(deserialize_with = "wire::list")]
    pub supported_editions: Vec<String>,
    #[serde(deserialize_with = "wire::objects")]
    pub error: Vec<ServiceFailure>,
}

impl EndpointService {
    /// Reads a service, which must be written as an object.
    pub fn from_json(text: &str) -> serde_json::Result<Self> {
        wire::from_str(text)
    }

    /// The name as PUT takes it. GET returns `region.name.id`; sending that back
    /// fails (EndPoint.1003), so the console always cuts it to `name`.
    pub fn short_name(&self) -> String {
        short_service_name(self.service_name.as_deref().unwrap_or(""), &self.id)
    }

    /// The region, from the full name `region.name.id` that GET returns; `None` when the
    /// name is not in that form.
    pub fn region(&self) -> Option<String> {
        let full = self.service_name.as_deref()?;
        let rest = full.strip_suffix(self.id.as_str())?.strip_suffix('.')?;
        let (region, _name) = rest.split_once('.').unwrap_or((rest, ""));
        (!region.is_empty()).then(|| region.to_owned())
    }

    pub fn is_available(&self) -> bool {
        self.status.as_deref() == Some("available")
    }

    /// Whether the service is already in advanced mode.
    pub fn is_professional(&self) -> bool {
        self.supported_editions.iter().any(|e| e == "profession")
    }
}

/// Cuts a full service name `region.name.id` back to `name`.
///
/// The region has no dots in practice, but the name part never has one either (the
/// charset is letters, digits, `_` and `-`), so the middle is whatever lies between the
/// first dot and the `.id` suffix. A name that is already short is returned as is.
pub fn short_service_name(full: &str, id: &str) -> String {
    let without_id = if !id.is_empty() {
        full.strip_suffix(id)
            .and_then(|rest| rest.strip_suffix('.'))
            .unwrap_or(full)
    } else {
        full
    };
    if without_id.len() == full.len() {
        // No id suffix: either already short, or `region.name.<other>`.
        let parts: Vec<&str> = full.split('.').collect();
        return match parts.len() {
            1 => full.to_owned(),
            3 => parts[1].to_owned(),
            _ => full.to_owned(),
        };
    }
    // `region.name` -> `name`; a bare `region` means the service has no name.
    match without_id.split_once('.') {
        Some((_region, name)) => name.to_owned(),
        None => String::new(),
    }
}

/// GET /v1/{project_id}/vpc-endpoint-services
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
pub struct ServiceList {
    #[serde(default, deserialize_with = "wire::objects")]
    pub endpoint_services: Vec<EndpointService>,
    /// Missing reads as 0; `null`, `-1` or `7.0` is refused.
    #[serde(default)]
    pub total_count: u64,
}

impl ServiceList {
    /// Reads the list's answer, which must be an object.
    pub fn from_json(text: &str) -> serde_json::Result<Self> {
        wire::from_str(text)
    }
}

/// The body of PUT /v1/{project_id}/vpc-endpoint-services/{id}.
///
/// Every field is optional and an unset field is omitted, never sent as `null`,
/// which is what the official SDKs do. `ports`, when present, replaces the whole list.
/// Written in the order of the fields here.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct UpdateBody {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub approval_enabled: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ports: Option<Vec<PortMapping>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub port_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vip_port_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tcp_proxy: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ip: Option<String>,
}

impl UpdateBody {
    /// Nothing to send.
    pub fn is_empty(&self) -> bool {
        *self == UpdateBody::default()
    }

    /// Compact JSON, as the PUT sends it.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("an update body always serializes")
    }
}
