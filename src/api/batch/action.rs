//! The batch actions and the per-service plan the user confirms before anything is sent.

use crate::api::dialect::Dialect;
use crate::api::diff::{plan_update, FieldChange};
use crate::api::draft::ServiceDraft;
use crate::api::field::Field;
use crate::api::model::{EndpointService, UpdateBody};
use crate::api::operation::Operation;
use crate::api::validate::check_description;
use crate::api::words::{advanced, field_label, fill, tcp_proxy_short, value_text, w};

/// One change applied to every selected service.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BatchAction {
    /// POST /v2/.../upgrade (Huawei Cloud only); services already advanced are skipped.
    Upgrade,
    /// PUT `approval_enabled`.
    SetApproval(bool),
    /// PUT `tcp_proxy`, one of the dialect's values.
    SetTcpProxy(String),
    /// PUT `description`; an empty text clears it (the API needs an explicit `""`).
    SetDescription(String),
}

impl BatchAction {
    /// The action in console words, for the confirmation and the results.
    pub fn title(&self) -> String {
        let b = w().batch();
        match self {
            BatchAction::Upgrade => fill(b.upgrade_to, &[&advanced()]),
            BatchAction::SetApproval(on) => fill(
                b.field_value,
                &[
                    &field_label("approval_enabled"),
                    &value_text("approval_enabled", &on.to_string()),
                ],
            ),
            BatchAction::SetTcpProxy(v) => fill(
                b.field_value,
                &[&field_label("tcp_proxy"), &tcp_proxy_short(v)],
            ),
            BatchAction::SetDescription(d) if d.is_empty() => b.clear_description.into(),
            BatchAction::SetDescription(d) => {
                fill(b.description_title, &[&field_label("description"), d])
            }
        }
    }

    /// The field of the update body this action sets; `None` for the upgrade.
    pub fn api_field(&self) -> Option<&'static str> {
        match self {
            BatchAction::Upgrade => None,
            BatchAction::SetApproval(_) => Some("approval_enabled"),
            BatchAction::SetTcpProxy(_) => Some("tcp_proxy"),
            BatchAction::SetDescription(_) => Some("description"),
        }
    }

    /// Whether the action can run at all under `dialect`, and with this value.
    pub fn check(&self, dialect: Dialect) -> Result<(), PlanError> {
        match self {
            BatchAction::Upgrade if dialect != Dialect::Huawei => Err(PlanError(fill(
                w().batch().upgrade_not_here,
                &[&advanced(), &dialect.label()],
            ))),
            BatchAction::SetTcpProxy(v) if !dialect.tcp_proxy_values().contains(&v.as_str()) => {
                Err(PlanError(fill(
                    w().batch().tcp_proxy_not_here,
                    &[v, &dialect.label(), &dialect.tcp_proxy_values().join(", ")],
                )))
            }
            BatchAction::SetDescription(d) => check_description(d).map_err(PlanError),
            _ => Ok(()),
        }
    }

    /// Whether `service` already is what the action would make it: then nothing is sent.
    pub fn is_at_target(&self, service: &EndpointService) -> bool {
        match self {
            BatchAction::Upgrade => service.is_professional(),
            BatchAction::SetApproval(on) => service.approval_enabled.unwrap_or(true) == *on,
            BatchAction::SetTcpProxy(v) => service.tcp_proxy.as_deref() == Some(v.as_str()),
            BatchAction::SetDescription(d) => service.description.as_deref().unwrap_or("") == d,
        }
    }

    /// Why a service at the target is skipped, in console words.
    pub fn at_target_reason(&self) -> String {
        let b = w().batch();
        match self {
            BatchAction::Upgrade => fill(b.already_edition, &[&advanced()]),
            BatchAction::SetApproval(on) => fill(
                b.already_value,
                &[
                    &field_label("approval_enabled"),
                    &value_text("approval_enabled", &on.to_string()),
                ],
            ),
            BatchAction::SetTcpProxy(v) => fill(
                b.already_value,
                &[&field_label("tcp_proxy"), &tcp_proxy_short(v)],
            ),
            BatchAction::SetDescription(d) if d.is_empty() => b.description_already_empty.into(),
            BatchAction::SetDescription(_) => b.description_already_this.into(),
        }
    }

    /// The form's draft for `service` with only this action's field changed: what a user
    /// would have in the form after changing that one field.
    fn draft(&self, service: &EndpointService) -> ServiceDraft {
        let mut draft = ServiceDraft::from_service(service);
        match self {
            BatchAction::Upgrade => {}
            BatchAction::SetApproval(on) => draft.approval_enabled = *on,
            BatchAction::SetTcpProxy(v) => draft.tcp_proxy = v.clone(),
            BatchAction::SetDescription(d) => draft.description = d.clone(),
        }
        draft
    }

    /// The body carrying this one field and nothing else.
    fn single_field_body(&self) -> UpdateBody {
        let mut body = UpdateBody::default();
        match self {
            BatchAction::Upgrade => {}
            BatchAction::SetApproval(on) => body.approval_enabled = Some(*on),
            BatchAction::SetTcpProxy(v) => body.tcp_proxy = Some(v.clone()),
            BatchAction::SetDescription(d) => body.description = Some(d.clone()),
        }
        body
    }
}

/// Why a batch action cannot run at all; the message is for the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanError(pub String);

impl std::fmt::Display for PlanError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// What the batch will do with one service.
#[derive(Debug, Clone, PartialEq)]
pub enum Decision {
    /// Send `operation` (the PUT or the upgrade POST). A PUT is preceded by the stale-state
    /// check; `change` is the field as the preview shows it (none for the upgrade).
    Send {
        operation: Box<Operation>,
        change: Option<FieldChange>,
    },
    /// Send nothing, for `reason` (console words).
    Skip { reason: String },
}

/// One service of the confirmed plan.
#[derive(Debug, Clone, PartialEq)]
pub struct PlannedRow {
    pub service_id: String,
    /// The short name, or the id when the service has none.
    pub name: String,
    pub action: BatchAction,
    /// The service as the list showed it when it was selected: the stale-state check's base.
    pub snapshot: EndpointService,
    pub decision: Decision,
}

impl PlannedRow {
    pub fn is_sent(&self) -> bool {
        matches!(self.decision, Decision::Send { .. })
    }
}

/// Plans `action` for every selected service (in the order given), each against its
/// snapshot. A PUT's body is what [`plan_update`] makes of the form with only this field
/// changed, i.e. exactly what a single Save would send. Services already at the target,
/// and services the form itself would refuse to save, are skipped with the reason.
/// A service selected twice is planned once.
pub fn plan(
    action: &BatchAction,
    selected: &[EndpointService],
    dialect: Dialect,
) -> Result<Vec<PlannedRow>, PlanError> {
    action.check(dialect)?;
    let mut seen: Vec<&str> = Vec::new();
    let mut rows = Vec::with_capacity(selected.len());
    for service in selected {
        if seen.contains(&service.id.as_str()) {
            continue;
        }
        seen.push(&service.id);
        let name = service.short_name();
        let skip = |reason: String| Decision::Skip { reason };
        let decision = if action.is_at_target(service) {
            skip(action.at_target_reason())
        } else if *action == BatchAction::Upgrade {
            Decision::Send {
                operation: Box::new(Operation::UpgradeService {
                    id: service.id.clone(),
                }),
                change: None,
            }
        } else {
            match plan_update(service, &action.draft(service), dialect) {
                Err(errors) => skip(fill(
                    w().batch().form_refuses,
                    &[&errors
                        .iter()
                        .map(|e| {
                            fill(
                                w().batch().field_value,
                                &[&field_words(e.field), &e.message],
                            )
                        })
                        .collect::<Vec<_>>()
                        .join(w().batch().item_separator)],
                )),
                Ok(p) if p.is_empty() => skip(action.at_target_reason()),
                // A guard, not an expected path: a batch never sends more than its field.
                Ok(p) if p.body != action.single_field_body() => {
                    skip(w().batch().other_fields.into())
                }
                Ok(p) => Decision::Send {
                    operation: Box::new(Operation::UpdateService {
                        id: service.id.clone(),
                        body: p.body,
                    }),
                    change: p.changes.into_iter().next(),
                },
            }
        };
        rows.push(PlannedRow {
            service_id: service.id.clone(),
            name: if name.is_empty() {
                service.id.clone()
            } else {
                name
            },
            action: action.clone(),
            snapshot: service.clone(),
            decision,
        });
    }
    Ok(rows)
}

/// A form field in console words, for a reason a service is not sent.
fn field_words(field: Field) -> &'static str {
    field_label(match field {
        Field::ServiceName => "service_name",
        Field::Description => "description",
        Field::TcpProxy => "tcp_proxy",
        Field::PortId => "port_id",
        Field::VipPortId => "vip_port_id",
        Field::Ip => "ip",
        Field::Ports | Field::ClientPort(_) | Field::ServerPort(_) | Field::Protocol(_) => "ports",
    })
}
