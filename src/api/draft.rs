//! The form's state: what the user typed, as typed.
//!
//! Numbers stay strings until validation so that a half-typed port is kept and
//! shown with a message, never silently dropped or reset.

use serde::{Deserialize, Serialize};

use super::model::{EndpointService, PortMapping};
use super::wire;

/// One row of the port-mapping editor.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PortDraft {
    pub client_port: String,
    pub server_port: String,
    pub protocol: String,
}

impl PortDraft {
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

/// Everything the modify form edits. Every field must be there when it is read: a draft
/// is only ever read back as it was written.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
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
    #[serde(deserialize_with = "wire::object_list")]
    pub ports: Vec<PortDraft>,
}

impl ServiceDraft {
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
///
/// Written as compact JSON in the order of the fields; an unknown `base_updated_at` is
/// written as `null`, and read back when missing too.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedDraft {
    pub service_id: String,
    /// `updated_at` of the service the edits were made on.
    pub base_updated_at: Option<String>,
    #[serde(deserialize_with = "wire::object")]
    pub draft: ServiceDraft,
}

impl SavedDraft {
    pub fn from_json(text: &str) -> serde_json::Result<Self> {
        wire::from_str(text)
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a draft always serializes")
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
