//! Console words: what the screen calls each field and value. The label comes first and
//! the API's own name second (e.g. "Connections need approval · approval_enabled"), and
//! each concept has one term everywhere.

use super::dialect::tcp_proxy_label;
use super::model::EndpointService;

/// The one term for the advanced edition, everywhere on screen.
pub const ADVANCED: &str = "Advanced (profession)";
/// The basic edition.
pub const BASIC: &str = "Basic";

/// The reference's port wording, in the order the card, the editor and the preview use.
pub const CLIENT_PORT: &str = "Client (terminal) port";
pub const SERVER_PORT: &str = "Server (service) port";
pub const PROTOCOL: &str = "Protocol";

/// The label of a field of the update body, by its API name.
pub fn field_label(api_name: &str) -> &'static str {
    match api_name {
        "approval_enabled" => "Connections need approval",
        "service_name" => "Service name",
        "description" => "Description",
        "tcp_proxy" => "Client address to the backend",
        "port_id" => "Backend port ID",
        "vip_port_id" => "Virtual IP port ID",
        "ip" => "Backend IP or domain",
        "ports" => "Port mappings",
        _ => "Field",
    }
}

/// A value as the screen shows it: yes/no for approval, the meaning of a `tcp_proxy`
/// value; anything else as it is.
pub fn value_text(api_name: &str, value: &str) -> String {
    match (api_name, value) {
        ("approval_enabled", "true") => "Yes".into(),
        ("approval_enabled", "false") => "No".into(),
        ("tcp_proxy", v) if !v.starts_with('(') => tcp_proxy_short(v),
        _ => value.to_owned(),
    }
}

/// A `tcp_proxy` value in a few words, for the card and the preview.
pub fn tcp_proxy_short(value: &str) -> String {
    let label = tcp_proxy_label(value);
    match label.split_once(':') {
        Some((short, _)) => short.to_owned(),
        None if label == "Unknown value" => value.to_owned(),
        None => label.to_owned(),
    }
}

/// One edition's name.
pub fn edition_label(edition: &str) -> &str {
    match edition {
        "profession" => ADVANCED,
        "basic" => BASIC,
        other => other,
    }
}

/// Every edition a service supports, in words ("Basic, Advanced (profession)"), or "not
/// reported" when the server said nothing.
pub fn editions_text(service: &EndpointService) -> String {
    if service.supported_editions.is_empty() {
        return "not reported".to_owned();
    }
    service
        .supported_editions
        .iter()
        .map(|e| edition_label(e))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The edition a service is in: advanced once `profession` is among its editions.
pub fn edition_of(service: &EndpointService) -> &'static str {
    if service.is_professional() {
        ADVANCED
    } else {
        BASIC
    }
}

/// A status in words; an unknown one as the API wrote it.
pub fn status_label(status: &str) -> &str {
    match status {
        "available" => "Available",
        "creating" => "Creating",
        "failed" => "Failed",
        "deleting" => "Deleting",
        "" => "Unknown",
        other => other,
    }
}

/// The backend type in words.
pub fn server_type_label(server_type: &str) -> &str {
    match server_type {
        "VM" => "Cloud server",
        "VIP" => "Virtual IP",
        "LB" => "Load balancer",
        "" => "Unknown",
        other => other,
    }
}

/// The tab of an endpoint service's connections (`connections` in the API).
pub const CONNECTIONS_TAB: &str = "Connections";
/// The tab of the whitelist (`permissions` in the API): the one term for it on screen.
pub const WHITELIST_TAB: &str = "Who may connect";
/// The API's name for it, as secondary text.
pub const WHITELIST_API_NAME: &str = "whitelist · permissions";
/// Shown with the whitelist: the owner's account is on it by default.
pub const OWNER_ALWAYS_ALLOWED: &str =
    "Your own account may always connect: it is on the whitelist by default.";
