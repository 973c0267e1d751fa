//! Wire types of the VPCEP API, exactly as the server sends and expects them.
//!
//! Responses tolerate unknown fields and `null` where a list is expected (real
//! gateways send both); requests never carry `null`: unset fields are omitted.

use super::json::{self, string_item, Json, JsonError, ObjWriter, ReadError};

/// One port mapping: the endpoint's `client_port` forwards to the backend's `server_port`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PortMapping {
    pub client_port: u32,
    pub server_port: u32,
    /// `TCP` or `UDP`; the API's default is TCP, so a missing protocol reads as TCP.
    pub protocol: String,
}

impl PortMapping {
    pub fn read(v: &Json) -> Result<Self, ReadError> {
        let o = v.obj()?;
        Ok(PortMapping {
            client_port: o.u32("client_port")?,
            server_port: o.u32("server_port")?,
            protocol: o.str_or("protocol", "TCP")?,
        })
    }

    pub fn to_json(&self) -> Json {
        ObjWriter::new()
            .put("client_port", u64::from(self.client_port))
            .put("server_port", u64::from(self.server_port))
            .put("protocol", self.protocol.as_str())
            .build()
    }

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
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag {
    pub key: String,
    pub value: String,
}

impl Tag {
    pub fn read(v: &Json) -> Result<Self, ReadError> {
        let o = v.obj()?;
        Ok(Tag {
            key: o.str("key")?,
            value: o.str_or("value", "")?,
        })
    }
}

/// An asynchronous failure reported on the service object (`error` in GET).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceFailure {
    /// `code` in the API reference, `error_code` in the Huawei SDK.
    pub code: Option<String>,
    pub message: Option<String>,
}

impl ServiceFailure {
    pub fn read(v: &Json) -> Result<Self, ReadError> {
        let o = v.obj()?;
        Ok(ServiceFailure {
            code: o.opt_str("code|error_code")?,
            message: o.opt_str("message|error_message")?,
        })
    }
}

/// An endpoint service as GET, PUT and the list return it.
///
/// Enumerated values (status, server_type, ...) stay strings: a console must show a
/// value the API added later rather than fail to read the whole service.
#[derive(Debug, Clone, PartialEq, Default)]
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
    pub ports: Vec<PortMapping>,
    pub tcp_proxy: Option<String>,
    pub tags: Vec<Tag>,
    pub description: Option<String>,
    pub enable_policy: Option<bool>,
    pub ip: Option<String>,
    /// `ipv4` or `ipv6`.
    pub ip_version: Option<String>,
    /// `["basic"]`, `["profession"]` or both.
    pub supported_editions: Vec<String>,
    pub error: Vec<ServiceFailure>,
}

impl EndpointService {
    /// Reads a service as the server sends it: unknown fields are ignored, `null` is an
    /// unset option or an empty list. A field of the wrong type (a port of `-1`, `80.5`
    /// or `"80"`) makes the whole service unreadable.
    pub fn read(v: &Json) -> Result<Self, ReadError> {
        let o = v.obj()?;
        Ok(EndpointService {
            id: o.str_or("id", "")?,
            port_id: o.opt_str("port_id")?,
            vip_port_id: o.opt_str("vip_port_id")?,
            vpc_id: o.opt_str("vpc_id")?,
            pool_id: o.opt_str("pool_id")?,
            service_name: o.opt_str("service_name")?,
            server_type: o.opt_str("server_type")?,
            service_type: o.opt_str("service_type")?,
            status: o.opt_str("status")?,
            approval_enabled: o.opt_bool("approval_enabled")?,
            project_id: o.opt_str("project_id")?,
            created_at: o.opt_str("created_at")?,
            updated_at: o.opt_str("updated_at")?,
            cidr_type: o.opt_str("cidr_type")?,
            ports: o.list("ports", PortMapping::read)?,
            tcp_proxy: o.opt_str("tcp_proxy")?,
            tags: o.list("tags", Tag::read)?,
            description: o.opt_str("description")?,
            enable_policy: o.opt_bool("enable_policy")?,
            ip: o.opt_str("ip")?,
            ip_version: o.opt_str("ip_version")?,
            supported_editions: o.list("supported_editions", string_item)?,
            error: o.list("error", ServiceFailure::read)?,
        })
    }

    pub fn from_json(text: &str) -> Result<Self, JsonError> {
        json::from_str(text, Self::read)
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
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ServiceList {
    pub endpoint_services: Vec<EndpointService>,
    pub total_count: u64,
}

impl ServiceList {
    /// Reads the list's answer, which must be an object.
    pub fn read(v: &Json) -> Result<Self, ReadError> {
        let o = v.obj()?;
        Ok(ServiceList {
            endpoint_services: o.list("endpoint_services", EndpointService::read)?,
            total_count: o.u64_or("total_count", 0)?,
        })
    }

    pub fn from_json(text: &str) -> Result<Self, JsonError> {
        json::from_str(text, Self::read)
    }
}

/// The body of PUT /v1/{project_id}/vpc-endpoint-services/{id}.
///
/// Every field is optional and an unset field is omitted, never sent as `null`,
/// which is what the official SDKs do. `ports`, when present, replaces the whole list.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct UpdateBody {
    pub approval_enabled: Option<bool>,
    pub service_name: Option<String>,
    pub ports: Option<Vec<PortMapping>>,
    pub port_id: Option<String>,
    pub vip_port_id: Option<String>,
    pub description: Option<String>,
    pub tcp_proxy: Option<String>,
    pub ip: Option<String>,
}

impl UpdateBody {
    /// Nothing to send.
    pub fn is_empty(&self) -> bool {
        *self == UpdateBody::default()
    }

    pub fn to_json(&self) -> String {
        ObjWriter::new()
            .put_some("approval_enabled", self.approval_enabled)
            .put_some("service_name", self.service_name.as_deref())
            .put_some(
                "ports",
                self.ports
                    .as_ref()
                    .map(|p| Json::Array(p.iter().map(PortMapping::to_json).collect())),
            )
            .put_some("port_id", self.port_id.as_deref())
            .put_some("vip_port_id", self.vip_port_id.as_deref())
            .put_some("description", self.description.as_deref())
            .put_some("tcp_proxy", self.tcp_proxy.as_deref())
            .put_some("ip", self.ip.as_deref())
            .build()
            .to_compact()
    }
}
