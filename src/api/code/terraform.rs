//! The change as Terraform: the huaweicloud provider (`huaweicloud_vpcep_service`,
//! `huaweicloud_vpcep_service_upgrade`, `huaweicloud_vpcep_approval`) or the
//! opentelekomcloud one (`opentelekomcloud_vpcep_service_v1`,
//! `opentelekomcloud_vpcep_approval_v1`). A resource holds the whole state, so a change to
//! the service is written as the service will be, with an `import` block that adopts it.

use super::lit::{hcl, tf_name};
use super::{Context, Snippet};
use crate::api::connections::ConnectionAction;
use crate::api::dialect::Dialect;
use crate::api::model::{EndpointService, UpdateBody};
use crate::api::operation::Operation;
use crate::api::whitelist::WhitelistAction;
use crate::api::words::w;

pub(super) fn snippet(op: &Operation, cx: &Context) -> Result<Snippet, String> {
    let t = w().code();
    let otc = cx.dialect == Dialect::OpenTelekom;
    let name = tf_name(
        &cx.service
            .map(EndpointService::short_name)
            .unwrap_or_default(),
    );
    let name = if name.is_empty() {
        "service".to_owned()
    } else {
        name
    };
    let mut notes = Vec::new();
    let code = match op {
        Operation::UpdateService { id, body } => {
            let service = cx.service.ok_or_else(|| t.tf_no_state.to_owned())?;
            if otc && body.tcp_proxy.is_some() {
                return Err(t.tf_changes_tcp_proxy.to_owned());
            }
            notes.push(t.tf_whole_state.to_owned());
            notes.push(t.tf_import.to_owned());
            if !otc {
                notes.push(t.tf_approval.to_owned());
            } else {
                notes.push(t.tf_force_new.to_owned());
            }
            notes.push(t.tf_permissions.to_owned());
            service_resource(otc, &name, id, service, body)
        }
        Operation::UpgradeService { id } => {
            if otc {
                return Err(t.tf_no_upgrade.to_owned());
            }
            block(
                "resource \"huaweicloud_vpcep_service_upgrade\"",
                &name,
                &[("service_id", hcl(id))],
                "",
            )
        }
        Operation::ConnectionAction {
            service_id,
            action,
            endpoint_id,
        } => {
            if *action == ConnectionAction::Reject {
                return Err(t.tf_reject.to_owned());
            }
            let kind = if otc {
                "opentelekomcloud_vpcep_approval_v1"
            } else {
                "huaweicloud_vpcep_approval"
            };
            block(
                &format!("resource \"{kind}\""),
                &name,
                &[
                    ("service_id", hcl(service_id)),
                    ("endpoints", format!("[{}]", hcl(endpoint_id))),
                ],
                "",
            )
        }
        Operation::PermissionAction { action, .. } => {
            if action.action == WhitelistAction::Remove {
                return Err(t.tf_whitelist_remove.to_owned());
            }
            notes.push(t.tf_whitelist.to_owned());
            let (kind, argument) = if otc {
                ("opentelekomcloud_vpcep_service_v1", "whitelist")
            } else {
                ("huaweicloud_vpcep_service", "permissions")
            };
            // The opentelekomcloud provider takes bare account IDs and writes the prefix.
            let entries: String = action
                .permissions
                .iter()
                .map(|p| {
                    let p = if otc {
                        p.strip_prefix("iam:domain::").unwrap_or(p)
                    } else {
                        p
                    };
                    format!("    {},\n", hcl(p))
                })
                .collect();
            format!(
                "resource \"{kind}\" \"{name}\" {{\n  # … the service's other arguments, as they are\n\n  {argument} = [\n    # … the entries it has, then:\n{entries}  ]\n}}\n"
            )
        }
        _ => return Err(String::new()),
    };
    Ok(Snippet {
        code,
        needs: if otc {
            t.needs_terraform_otc
        } else {
            t.needs_terraform_huawei
        }
        .to_owned(),
        notes,
    })
}

/// The service after `body`, as the provider's resource, with the `import` block.
fn service_resource(
    otc: bool,
    name: &str,
    id: &str,
    s: &EndpointService,
    b: &UpdateBody,
) -> String {
    let get =
        |changed: &Option<String>, was: &Option<String>| changed.clone().or_else(|| was.clone());
    let short = b.service_name.clone().unwrap_or_else(|| s.short_name());
    let approval = b.approval_enabled.or(s.approval_enabled).unwrap_or(true);
    let description = get(&b.description, &s.description);
    let tcp_proxy = get(&b.tcp_proxy, &s.tcp_proxy);
    let port_id = get(&b.port_id, &s.port_id);
    let ports = b.ports.clone().unwrap_or_else(|| s.ports.clone());
    let kind = if otc {
        "opentelekomcloud_vpcep_service_v1"
    } else {
        "huaweicloud_vpcep_service"
    };
    let text = |v: &Option<String>| v.as_deref().map(hcl);
    let mut attrs: Vec<(&str, String)> = vec![("name", hcl(&short))];
    let mut push = |k: &'static str, v: Option<String>| {
        if let Some(v) = v {
            attrs.push((k, v));
        }
    };
    push("server_type", text(&s.server_type));
    push("vpc_id", text(&s.vpc_id));
    push("port_id", text(&port_id));
    if otc {
        push("vip_port_id", text(&get(&b.vip_port_id, &s.vip_port_id)));
        push("approval_enabled", Some(approval.to_string()));
        push("service_type", text(&s.service_type));
    } else {
        push("approval", Some(approval.to_string()));
        push("ip_address", text(&b.ip));
    }
    push("tcp_proxy", text(&tcp_proxy));
    push("description", text(&description).or_else(|| Some(hcl(""))));
    let mut inner = String::new();
    let (port_block, client, server) = if otc {
        ("port", "client_port", "server_port")
    } else {
        ("port_mapping", "terminal_port", "service_port")
    };
    for p in &ports {
        inner.push('\n');
        inner.push_str(&indent(&block(
            port_block,
            "",
            &[
                (client, p.client_port.to_string()),
                (server, p.server_port.to_string()),
                ("protocol", hcl(&p.protocol)),
            ],
            "",
        )));
    }
    if !s.tags.is_empty() {
        // A key that is an identifier goes bare, as `terraform fmt` leaves it; any other quoted.
        let key = |k: &str| {
            let bare = k.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
                && k.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
            if bare {
                k.to_owned()
            } else {
                hcl(k)
            }
        };
        let tags: Vec<(String, String)> = s
            .tags
            .iter()
            .map(|t| (key(&t.key), hcl(&t.value)))
            .collect();
        let width = tags.iter().map(|(k, _)| k.len()).max().unwrap_or(0);
        inner.push_str("\n  tags = {\n");
        for (k, v) in tags {
            inner.push_str(&format!("    {k}{} = {v}\n", " ".repeat(width - k.len())));
        }
        inner.push_str("  }\n");
    }
    format!(
        "import {{\n  to = {kind}.{name}\n  id = {}\n}}\n\n{}",
        hcl(id),
        block(&format!("resource \"{kind}\""), name, &attrs, &inner)
    )
}

/// `head "name" { … }` with the attributes' `=` lined up (as `terraform fmt` writes them)
/// and `inner` (nested blocks) after them.
fn block(head: &str, name: &str, attrs: &[(&str, String)], inner: &str) -> String {
    let width = attrs.iter().map(|(k, _)| k.len()).max().unwrap_or(0);
    let mut out = if name.is_empty() {
        format!("{head} {{\n")
    } else {
        format!("{head} \"{name}\" {{\n")
    };
    for (k, v) in attrs {
        out.push_str(&format!("  {k}{} = {v}\n", " ".repeat(width - k.len())));
    }
    out.push_str(inner);
    out.push_str("}\n");
    out
}

fn indent(text: &str) -> String {
    text.lines().map(|l| format!("  {l}\n")).collect::<String>()
}
