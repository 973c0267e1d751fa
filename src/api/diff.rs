//! What a submit would change: the update body (only changed fields) and a
//! field-by-field diff for the preview, both from one comparison.

use super::dialect::Dialect;
use super::draft::ServiceDraft;
use super::model::{EndpointService, UpdateBody};
use super::ports::{ports_diff, to_mappings};
use super::validate::{changed, validate, FieldError};

pub use super::ports::PortsDiff;

/// One changed scalar field, as the preview shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldChange {
    /// The API's name of the field, as it appears in the body.
    pub field: &'static str,
    pub before: String,
    pub after: String,
}

/// The result of comparing a valid draft with the loaded service.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct UpdatePlan {
    pub body: UpdateBody,
    pub changes: Vec<FieldChange>,
    pub ports: Option<PortsDiff>,
}

impl UpdatePlan {
    /// Nothing changed: nothing to send.
    pub fn is_empty(&self) -> bool {
        self.body.is_empty()
    }
}

fn shown(v: Option<&str>) -> String {
    match v {
        None => "(not set)".to_owned(),
        Some("") => "(empty)".to_owned(),
        Some(s) => s.to_owned(),
    }
}

/// Validates the draft and, when it is valid, plans the PUT: only the fields that
/// differ from `base`, the short service name, `""` to clear the description.
pub fn plan_update(
    base: &EndpointService,
    draft: &ServiceDraft,
    dialect: Dialect,
) -> Result<UpdatePlan, Vec<FieldError>> {
    let errors = validate(draft, base, dialect);
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut plan = UpdatePlan::default();
    let before_approval = base.approval_enabled.unwrap_or(true);
    let approval = if draft.approval_enabled != before_approval {
        plan.changes.push(FieldChange {
            field: "approval_enabled",
            before: before_approval.to_string(),
            after: draft.approval_enabled.to_string(),
        });
        Some(draft.approval_enabled)
    } else {
        None
    };

    let mut text_change = |field: &'static str, before: Option<&str>, after: &str| {
        plan.changes.push(FieldChange {
            field,
            before: shown(before),
            after: shown(Some(after)),
        });
        Some(after.to_owned())
    };

    let short = base.short_name();
    let service_name = (draft.service_name != short)
        .then(|| text_change("service_name", Some(&short), &draft.service_name))
        .flatten();
    let before_description = base.description.as_deref().unwrap_or("");
    let description = (draft.description != before_description)
        .then(|| {
            text_change(
                "description",
                base.description.as_deref(),
                &draft.description,
            )
        })
        .flatten();
    let tcp_proxy = changed(&draft.tcp_proxy, base.tcp_proxy.as_deref())
        .then(|| text_change("tcp_proxy", base.tcp_proxy.as_deref(), &draft.tcp_proxy))
        .flatten();
    let port_id = changed(&draft.port_id, base.port_id.as_deref())
        .then(|| text_change("port_id", base.port_id.as_deref(), &draft.port_id))
        .flatten();
    let vip_port_id = (dialect.has_vip_port_id()
        && changed(&draft.vip_port_id, base.vip_port_id.as_deref()))
    .then(|| {
        text_change(
            "vip_port_id",
            base.vip_port_id.as_deref(),
            &draft.vip_port_id,
        )
    })
    .flatten();
    let ip = (dialect.has_ip() && changed(&draft.ip, base.ip.as_deref()))
        .then(|| text_change("ip", base.ip.as_deref(), &draft.ip))
        .flatten();

    // Validation passed, so every port parses.
    let after = to_mappings(&draft.ports).unwrap_or_default();
    plan.ports = ports_diff(&base.ports, &after);

    plan.body = UpdateBody {
        approval_enabled: approval,
        service_name,
        ports: plan.ports.as_ref().map(|p| p.after.clone()),
        port_id,
        vip_port_id,
        description,
        tcp_proxy,
        ip,
    };
    Ok(plan)
}
