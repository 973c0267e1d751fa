//! Console words: what the screen calls each field and value. The label comes first and
//! the API's own name second (e.g. "Connections need approval · approval_enabled"), and
//! each concept has one term everywhere. Every word comes from the tables ([`table`]),
//! in the language shown now ([`w`]).

pub mod access;
mod area;
pub mod batch;
pub mod code;
pub mod core;
pub mod errors;
pub mod lang;
pub mod list;
pub mod page;
pub mod shell;
pub mod sign_in;
pub mod table;

pub use lang::{choose_lang, fill, Lang};
pub use table::{count, de, set_words, w, zh, Words, EN};

use super::model::EndpointService;

/// The one term for the advanced edition, everywhere on screen.
pub fn advanced() -> &'static str {
    w().core.advanced
}
/// The basic edition.
pub fn basic() -> &'static str {
    w().core.basic
}

/// The label of a field of the update body, by its API name.
pub fn field_label(api_name: &str) -> &'static str {
    let c = &w().core;
    match api_name {
        "approval_enabled" => c.field_approval_enabled,
        "service_name" => c.field_service_name,
        "description" => c.field_description,
        "tcp_proxy" => c.field_tcp_proxy,
        "port_id" => c.field_port_id,
        "vip_port_id" => c.field_vip_port_id,
        "ip" => c.field_ip,
        "ports" => c.field_ports,
        _ => c.field_other,
    }
}

/// A value as the screen shows it: yes/no for approval, the meaning of a `tcp_proxy`
/// value; anything else as it is.
pub fn value_text(api_name: &str, value: &str) -> String {
    match (api_name, value) {
        ("approval_enabled", "true") => w().core.yes.into(),
        ("approval_enabled", "false") => w().core.no.into(),
        // What the diff writes for a field without a value (exports keep the English).
        (_, "(not set)") => w().core.not_set.into(),
        (_, "(empty)") => w().core.empty_value.into(),
        ("tcp_proxy", v) if !v.starts_with('(') => tcp_proxy_short(v),
        _ => value.to_owned(),
    }
}

/// A `tcp_proxy` value in a few words, for the card and the preview.
pub fn tcp_proxy_short(value: &str) -> String {
    let label = tcp_proxy_label(value);
    match label.split_once([':', '：']) {
        Some((short, _)) => short.to_owned(),
        None if label == w().core.tcp_proxy_unknown => value.to_owned(),
        None => label.to_owned(),
    }
}

/// One edition's name.
pub fn edition_label(edition: &str) -> &str {
    match edition {
        "profession" => advanced(),
        "basic" => basic(),
        other => other,
    }
}

/// Every edition a service supports, in words ("Basic, Advanced (profession)"), or "not
/// reported" when the server said nothing.
pub fn editions_text(service: &EndpointService) -> String {
    if service.supported_editions.is_empty() {
        return w().core.not_reported.to_owned();
    }
    service
        .supported_editions
        .iter()
        .map(|e| edition_label(e))
        .collect::<Vec<_>>()
        .join(w().core.list_separator)
}

/// The edition a service is in: advanced once `profession` is among its editions.
pub fn edition_of(service: &EndpointService) -> &'static str {
    if service.is_professional() {
        advanced()
    } else {
        basic()
    }
}

/// A status in words; an unknown one as the API wrote it.
pub fn status_label(status: &str) -> &str {
    let c = &w().core;
    match status {
        "available" => c.status_available,
        "creating" => c.status_creating,
        "failed" => c.status_failed,
        "deleting" => c.status_deleting,
        "" => c.unknown,
        other => other,
    }
}

/// The backend type in words.
pub fn server_type_label(server_type: &str) -> &str {
    let c = &w().core;
    match server_type {
        "VM" => c.server_vm,
        "VIP" => c.server_vip,
        "LB" => c.server_lb,
        "" => c.unknown,
        other => other,
    }
}

/// What each `tcp_proxy` value means, for the form's options.
pub fn tcp_proxy_label(value: &str) -> &'static str {
    let c = &w().core;
    match value {
        "close" => c.tcp_proxy_close,
        "toa_open" => c.tcp_proxy_toa_open,
        "proxy_open" => c.tcp_proxy_proxy_open,
        "open" => c.tcp_proxy_open,
        "proxy_vni" => c.tcp_proxy_proxy_vni,
        _ => c.tcp_proxy_unknown,
    }
}
