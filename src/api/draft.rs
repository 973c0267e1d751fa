//! The form's state: what the user typed, as typed.
//!
//! Numbers stay strings until validation so that a half-typed port is kept and
//! shown with a message, never silently dropped or reset.

use super::json::{self, list_of, Json, JsonError, ObjWriter, ReadError};
use super::model::{EndpointService, PortMapping};

/// One row of the port-mapping editor.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PortDraft {
    pub client_port: String,
    pub server_port: String,
    pub protocol: String,
}

impl PortDraft {
    pub fn read(v: &Json) -> Result<Self, ReadError> {
        let o = v.obj()?;
        Ok(PortDraft {
            client_port: o.str("client_port")?,
            server_port: o.str("server_port")?,
            protocol: o.str("protocol")?,
        })
    }

    pub fn to_json(&self) -> Json {
        ObjWriter::new()
            .put("client_port", self.client_port.as_str())
            .put("server_port", self.server_port.as_str())
            .put("protocol", self.protocol.as_str())
            .build()
    }

    pub fn new(client_port: &str, server_port: &str, protocol: &str) -> Self {
        PortDraft {
            client_port: client_port.to_owned(),
            server_port: server_port.to_owned(),
            protocol: protocol.to_owned(),
        }
    }

    /// A fresh row: TCP, the API's default protocol.
    pub fn empty() -> Self {
        PortDraft::new("", "", "TCP")
    }
}

impl From<&PortMapping> for PortDraft {
    fn from(p: &PortMapping) -> Self {
        PortDraft {
            client_port: p.client_port.to_string(),
            server_port: p.server_port.to_string(),
            protocol: p.protocol.clone(),
        }
    }
}

/// Everything the modify form edits.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ServiceDraft {
    pub approval_enabled: bool,
    /// The SHORT name (see [`EndpointService::short_name`]).
    pub service_name: String,
    pub description: String,
    /// Empty means "leave as it is" when the service has no value.
    pub tcp_proxy: String,
    pub port_id: String,
    pub vip_port_id: String,
    pub ip: String,
    pub ports: Vec<PortDraft>,
}

impl ServiceDraft {
    /// Every field must be there: a draft is only ever read back as it was written.
    pub fn read(v: &Json) -> Result<Self, ReadError> {
        let o = v.obj()?;
        Ok(ServiceDraft {
            approval_enabled: o.bool("approval_enabled")?,
            service_name: o.str("service_name")?,
            description: o.str("description")?,
            tcp_proxy: o.str("tcp_proxy")?,
            port_id: o.str("port_id")?,
            vip_port_id: o.str("vip_port_id")?,
            ip: o.str("ip")?,
            ports: list_of(o.required("ports")?, "ports", PortDraft::read)?,
        })
    }

    pub fn to_json(&self) -> Json {
        ObjWriter::new()
            .put("approval_enabled", self.approval_enabled)
            .put("service_name", self.service_name.as_str())
            .put("description", self.description.as_str())
            .put("tcp_proxy", self.tcp_proxy.as_str())
            .put("port_id", self.port_id.as_str())
            .put("vip_port_id", self.vip_port_id.as_str())
            .put("ip", self.ip.as_str())
            .put(
                "ports",
                Json::Array(self.ports.iter().map(PortDraft::to_json).collect()),
            )
            .build()
    }

    /// Prefills the form from the loaded service, never from assumed defaults
    /// (except `approval_enabled`, whose API default is `true` when a server omits it).
    pub fn from_service(s: &EndpointService) -> Self {
        ServiceDraft {
            approval_enabled: s.approval_enabled.unwrap_or(true),
            service_name: s.short_name(),
            description: s.description.clone().unwrap_or_default(),
            tcp_proxy: s.tcp_proxy.clone().unwrap_or_default(),
            port_id: s.port_id.clone().unwrap_or_default(),
            vip_port_id: s.vip_port_id.clone().unwrap_or_default(),
            ip: s.ip.clone().unwrap_or_default(),
            ports: s.ports.iter().map(PortDraft::from).collect(),
        }
    }
}

/// Unsaved edits of one service, kept in sessionStorage so that a reload or a crashed tab
/// loses nothing. It holds what the form holds, never the token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedDraft {
    pub service_id: String,
    /// `updated_at` of the service the edits were made on.
    pub base_updated_at: Option<String>,
    pub draft: ServiceDraft,
}

impl SavedDraft {
    pub fn read(v: &Json) -> Result<Self, ReadError> {
        let o = v.obj()?;
        Ok(SavedDraft {
            service_id: o.str("service_id")?,
            base_updated_at: o.opt_str("base_updated_at")?,
            draft: ServiceDraft::read(o.required("draft")?)?,
        })
    }

    pub fn from_json(text: &str) -> Result<Self, JsonError> {
        json::from_str(text, Self::read)
    }

    /// Compact JSON; an unknown `base_updated_at` is written as `null`.
    pub fn to_json(&self) -> String {
        ObjWriter::new()
            .put("service_id", self.service_id.as_str())
            .put("base_updated_at", self.base_updated_at.as_deref())
            .put("draft", self.draft.to_json())
            .build()
            .to_compact()
    }

    /// The storage key of a service's draft in a project.
    pub fn key(project_id: &str, service_id: &str) -> String {
        format!("vpcep-console:draft:{project_id}:{service_id}")
    }

    /// The edits to restore into the form for `service`, or `None` when they say nothing
    /// new (the same as the service: a draft that was saved since, or never edited).
    pub fn restore_for(&self, service: &EndpointService) -> Option<ServiceDraft> {
        (self.service_id == service.id && self.draft != ServiceDraft::from_service(service))
            .then(|| self.draft.clone())
    }
}
