//! Safe concurrent edits. The API replaces what a PUT carries (the port list wholesale), so a
//! save made on a stale copy undoes what someone else changed meanwhile, without a word.
//! Before a save the console reads the service again; when it changed on the server since the
//! form was loaded, the user sees what changed and chooses: take the server's state into the
//! form with their own edits on top ([`rebase`]), or send anyway.

use super::diff::FieldChange;
use super::draft::{PortDraft, ServiceDraft};
use super::model::{EndpointService, PortMapping};
use super::ports::{minus, ports_diff, to_mappings, PortsDiff};

/// What changed on the server between the service as the form loaded it and as it is now.
#[derive(Debug, Clone, PartialEq)]
pub struct ServerChange {
    /// The fields the form edits, as they were (`before`) and are now (`after`).
    pub changes: Vec<FieldChange>,
    /// The port list as it was and is now, when it changed.
    pub ports: Option<PortsDiff>,
    /// The service as the server has it now.
    pub fresh: EndpointService,
}

/// The drafts' scalar fields, by their API names, for comparing two drafts field by field.
fn fields(d: &ServiceDraft) -> [(&'static str, String); 7] {
    [
        ("approval_enabled", d.approval_enabled.to_string()),
        ("service_name", d.service_name.clone()),
        ("description", d.description.clone()),
        ("tcp_proxy", d.tcp_proxy.clone()),
        ("port_id", d.port_id.clone()),
        ("vip_port_id", d.vip_port_id.clone()),
        ("ip", d.ip.clone()),
    ]
}

/// Whether the service changed on the server since `base` was read, and how. `None` when
/// `updated_at` is where it was: nobody saved in between (an upgrade does not count: it
/// changes no field the form edits).
pub fn server_change(base: &EndpointService, fresh: &EndpointService) -> Option<ServerChange> {
    if base.updated_at == fresh.updated_at {
        return None;
    }
    let (was, now) = (
        ServiceDraft::from_service(base),
        ServiceDraft::from_service(fresh),
    );
    let changes = fields(&was)
        .into_iter()
        .zip(fields(&now))
        .filter(|((_, a), (_, b))| a != b)
        .map(|((field, before), (_, after))| FieldChange {
            field,
            before,
            after,
        })
        .collect();
    Some(ServerChange {
        changes,
        ports: ports_diff(&base.ports, &fresh.ports),
        fresh: fresh.clone(),
    })
}

/// The user's edits on top of the server's current state: each field the user changed from
/// `base` keeps the user's value, every other field takes `fresh`'s. The port lists merge as
/// sets: `fresh`'s mappings, less those the user removed, plus those the user added; rows
/// that do not parse yet stay as typed (the user's work is never dropped).
pub fn rebase(
    base: &EndpointService,
    mine: &ServiceDraft,
    fresh: &EndpointService,
) -> ServiceDraft {
    let was = ServiceDraft::from_service(base);
    let now = ServiceDraft::from_service(fresh);
    let pick = |m: &String, w: &String, n: &String| if m != w { m.clone() } else { n.clone() };
    let ports = match to_mappings(&mine.ports) {
        Some(mapped) => {
            let added = minus(&mapped, &base.ports);
            let removed = minus(&base.ports, &mapped);
            if added.is_empty() && removed.is_empty() {
                now.ports.clone()
            } else {
                let mut merged: Vec<PortMapping> = minus(&fresh.ports, &removed);
                for m in added {
                    if !merged.contains(&m) {
                        merged.push(m);
                    }
                }
                merged.iter().map(PortDraft::from).collect()
            }
        }
        None => mine.ports.clone(),
    };
    ServiceDraft {
        approval_enabled: if mine.approval_enabled != was.approval_enabled {
            mine.approval_enabled
        } else {
            now.approval_enabled
        },
        service_name: pick(&mine.service_name, &was.service_name, &now.service_name),
        description: pick(&mine.description, &was.description, &now.description),
        tcp_proxy: pick(&mine.tcp_proxy, &was.tcp_proxy, &now.tcp_proxy),
        port_id: pick(&mine.port_id, &was.port_id, &now.port_id),
        vip_port_id: pick(&mine.vip_port_id, &was.vip_port_id, &now.vip_port_id),
        ip: pick(&mine.ip, &was.ip, &now.ip),
        ports,
    }
}
