//! Save, upgrade, and the wait until the service is `available` again: the service page's
//! actions, as [`ConsoleCore`]'s methods (the console's [`Actions`](super::state::Actions)
//! run them).

use super::dom::{effect, sleep_ms};
use super::outcome::Problem;
use super::storage;
use crate::api::conflict::server_change;
use crate::api::draft::SavedDraft;
use crate::api::error::fields_of;
use crate::api::poll::{needs_polling, PollStep};
use crate::api::words::{advanced, count, fill, w};
use crate::api::{plan_update, FieldError, Operation, Outcome, ServiceDraft};
use leptos::prelude::*;

use super::split::{split_call, Missing};
use super::state::{Actions, Console, ConsoleCore, PageOutcome, PollState, Run};

/// A flow of the service page, as the `page` chunk gives it.
pub type Flow = std::pin::Pin<Box<dyn std::future::Future<Output = ()>>>;

/// The save, from the `page` chunk (fetched as soon as the page is usable, so a click
/// finds it here); `check` as in [`ConsoleCore::save`].
#[cfg_attr(
    vpcep_split,
    leptos::wasm_split::wasm_split(page, wasm_split_path = ::leptos::wasm_split, fallible)
)]
pub(super) fn save_flow(core: ConsoleCore, check: bool) -> Result<Flow, Missing> {
    Ok(Box::pin(core.save(check)))
}

/// The upgrade, from the `page` chunk.
#[cfg_attr(
    vpcep_split,
    leptos::wasm_split::wasm_split(page, wasm_split_path = ::leptos::wasm_split, fallible)
)]
pub(super) fn upgrade_flow(core: ConsoleCore) -> Result<Flow, Missing> {
    Ok(Box::pin(core.upgrade()))
}

impl ConsoleCore {
    /// `check`: read the service first and stop if someone else changed it; `false`: send
    /// anyway.
    async fn save(self, check: bool) {
        let page = self.page;
        let Some(Ok(plan)) = untrack(|| {
            let draft = page.form.draft();
            let dialect = self.settings.dialect.get();
            page.base
                .with(|b| b.as_ref().map(|b| plan_update(b, &draft, dialect)))
        }) else {
            return;
        };
        let Some(id) = page
            .base
            .with_untracked(|b| b.as_ref().map(|b| b.id.clone()))
        else {
            return;
        };
        let sent = page.form.draft_untracked();
        page.outcome.set(None);
        page.server_errors.set(None);
        if check {
            // The PUT replaces what it carries: first make sure nobody saved meanwhile.
            match self.call(Operation::GetService { id: id.clone() }).await {
                Ok((Outcome::Service(fresh), _)) => {
                    if !self.still_on(&id) {
                        return;
                    }
                    let change = page
                        .base
                        .with_untracked(|b| b.as_ref().and_then(|b| server_change(b, &fresh)));
                    if change.is_some() {
                        page.conflict.set(change);
                        // Once drawn: the user decides, starting from the first choice.
                        super::dom::focus_soon("conflict-take");
                        return;
                    }
                }
                Ok(_) => unreachable!("a service request answers with a service"),
                Err(problem) => {
                    if self.still_on(&id) {
                        page.outcome.set(Some(PageOutcome::Failed(problem)));
                    }
                    return;
                }
            }
        }
        let answer = self
            .call(Operation::UpdateService {
                id: id.clone(),
                body: plan.body.clone(),
            })
            .await;
        if !self.still_on(&id) {
            return;
        }
        match answer {
            Ok((Outcome::Service(s), request_id)) => {
                let n = plan.changes.len() + usize::from(plan.ports.is_some());
                let name = s.short_name();
                let name = if name.is_empty() { s.id.clone() } else { name };
                page.outcome.set(Some(PageOutcome::Done {
                    summary: fill(
                        if n == 1 {
                            w().page.saved_one
                        } else {
                            w().page.saved_many
                        },
                        &[&name, &count(n)],
                    ),
                    request_id,
                }));
                storage::remove_draft(&self.settings.project_id.get_untracked(), &id);
                let wait = needs_polling(&s);
                page.form.reset(&ServiceDraft::from_service(&s));
                page.restored.set(false);
                page.base.set(Some(*s));
                if wait {
                    // Not part of the action: the page stays usable while it waits.
                    leptos::task::spawn_local(self.wait_until_available(id));
                }
            }
            Ok(_) => unreachable!("a PUT answers with the service"),
            Err(problem) => {
                // The edits stay in the form; the server's word goes to its field.
                if let Problem::Api { error, .. } = &problem {
                    let fields = fields_of(error, &sent);
                    let message = error
                        .error_msg
                        .clone()
                        .unwrap_or_else(|| error.hint.clone());
                    let errors = fields
                        .into_iter()
                        .map(|field| FieldError {
                            field,
                            message: fill(
                                w().page.code_message,
                                &[
                                    &error.error_code.as_deref().unwrap_or(w().page.server),
                                    &message,
                                ],
                            ),
                        })
                        .collect();
                    page.server_errors.set(Some((sent, errors)));
                }
                page.outcome.set(Some(PageOutcome::Failed(problem)));
            }
        }
    }

    async fn upgrade(self) {
        let page = self.page;
        let Some(id) = page
            .base
            .with_untracked(|b| b.as_ref().map(|b| b.id.clone()))
        else {
            return;
        };
        page.outcome.set(None);
        let answer = self
            .call(Operation::UpgradeService { id: id.clone() })
            .await;
        if !self.still_on(&id) {
            return;
        }
        match answer {
            Ok((_, request_id)) => {
                let name = page
                    .base
                    .with_untracked(|b| b.as_ref().map(|b| b.short_name()))
                    .unwrap_or_default();
                // The card follows the service; the form keeps any edits (see `take`).
                match self.call(Operation::GetService { id: id.clone() }).await {
                    Ok((Outcome::Service(s), _)) if self.still_on(&id) => self.take(*s),
                    _ => {}
                }
                page.outcome.set(Some(PageOutcome::Done {
                    summary: fill(w().page.upgrade_accepted, &[&name, &advanced()]),
                    request_id,
                }));
            }
            Err(problem) => page.outcome.set(Some(PageOutcome::Failed(problem))),
        }
    }

    /// Polls GET, bounded, until the service is `available` again, refreshing the card.
    pub(super) async fn wait_until_available(self, id: String) {
        let page = self.page;
        let policy = self.timing.poll;
        for attempt in 1..=policy.max_attempts {
            let status = page
                .base
                .with_untracked(|b| b.as_ref().and_then(|s| s.status.clone()))
                .unwrap_or_else(|| w().page.status_unknown.into());
            page.poll.set(PollState::Waiting {
                attempt,
                max: policy.max_attempts,
                status,
            });
            sleep_ms(policy.interval_ms).await;
            if !self.still_on(&id) {
                return;
            }
            let Ok((Outcome::Service(s), _)) =
                self.call(Operation::GetService { id: id.clone() }).await
            else {
                page.poll.set(PollState::Idle);
                return;
            };
            if !self.still_on(&id) {
                return;
            }
            let step = policy.step(attempt, &s);
            let status = s.status.clone().unwrap_or_default();
            // The card follows the service; the form keeps what it holds.
            page.base.set(Some(*s));
            match step {
                PollStep::Done => {
                    page.poll.set(PollState::Available);
                    return;
                }
                PollStep::Again => {}
                PollStep::Stop => {
                    page.poll.set(PollState::Stopped { status });
                    return;
                }
            }
        }
    }
}

/// Keeps the page's unsaved edits in this tab while there are any, so that a reload or a
/// crashed tab brings them back; never the token.
pub fn keep_drafts(c: Console) {
    effect(move || {
        let draft = c.page.form.draft();
        let Some((id, updated_at, same)) = c.page.base.with(|b| {
            b.as_ref().map(|b| {
                (
                    b.id.clone(),
                    b.updated_at.clone(),
                    ServiceDraft::from_service(b) == draft,
                )
            })
        }) else {
            return;
        };
        let project = c.settings.project_id.get_untracked();
        if same {
            storage::remove_draft(&project, &id);
        } else {
            storage::save_draft(
                &project,
                &SavedDraft {
                    service_id: id,
                    base_updated_at: updated_at,
                    draft,
                },
            );
        }
    });
}

impl Actions {
    /// `check`: read the service first and stop if someone else changed it; `false`: send
    /// anyway (the user saw what changed and chose to).
    pub(super) fn save(self, check: bool) {
        let core = self.core;
        self.start(
            Run::Save,
            Box::pin(core.flow(split_call!(save_flow(core, check)))),
        );
    }

    pub fn upgrade(self) {
        let core = self.core;
        self.start(
            Run::Upgrade,
            Box::pin(core.flow(split_call!(upgrade_flow(core)))),
        );
    }
}

impl ConsoleCore {
    /// Runs a flow of the `page` chunk once its code is here; if it cannot come, the
    /// action bar says so and nothing is sent.
    async fn flow(self, load: impl std::future::Future<Output = Result<Flow, Missing>>) {
        match load.await {
            Ok(flow) => flow.await,
            Err(Missing) => self.page.outcome.set(Some(PageOutcome::Missing)),
        }
    }
}
