//! The Who may connect tab's state and what it does: read a page of the whitelist, add
//! what the box says (checked as typed, `*` only after a confirmation), remove the
//! selected entries; each change is one request in the API's shape.

use crate::api::whitelist::{
    plan_add, remove_actions, whitelist_input, AddPlan, Grantee, PermissionAction, PermissionEntry,
    PermissionList, WhitelistAction, WhitelistInput, WhitelistView,
};
use crate::api::words::{fill, w};
use crate::api::{build_request, Operation, Outcome};
use crate::ui::code::AsCode;
use crate::ui::controls::Shown;
use crate::ui::dom::focus_soon;
use crate::ui::outcome::Problem;
use crate::ui::page_reader::PageReader;
use crate::ui::state::Console;
use leptos::prelude::*;

/// The tab's state, for the life of the service page.
#[derive(Clone, Copy)]
pub struct WhitelistTab {
    /// The page as last read: its view, entries and total.
    pub(super) list: PageReader<WhitelistView, PermissionEntry>,
    /// Selected rows, by entry (`permission` as listed).
    pub(super) selected: RwSignal<Vec<String>>,
    /// The add box, as typed: kept until an add succeeds.
    pub(super) text: RwSignal<String>,
    /// Add was pressed: an empty box is a problem from then on.
    pub(super) tried: RwSignal<bool>,
    /// A change is being sent.
    pub(super) busy: RwSignal<bool>,
    /// The server's word on the last add (shown at the box) or remove (at its row or the
    /// toolbar), with where it stands.
    pub(super) change_error: RwSignal<Option<Problem>>,
    /// Where `change_error` stands: `box` (the add box), an entry as sent (its row, or
    /// the box when it was typed), or empty (the toolbar).
    pub(super) change_at: RwSignal<String>,
    /// What the last change did.
    pub(super) done: RwSignal<Option<String>>,
    /// `*` is among the entries to add: the confirmation is open.
    pub(super) confirm_everyone: RwSignal<bool>,
}

pub(super) fn requests(c: Console, actions: &[PermissionAction]) -> Vec<Shown> {
    let settings = c.settings.snapshot();
    let service_id = c.page.id.get();
    let service = c.page.base.get();
    actions
        .iter()
        .filter_map(|a| {
            let op = Operation::PermissionAction {
                service_id: service_id.clone(),
                action: a.clone(),
            };
            let request = build_request(&settings, &op).ok()?;
            Some((request, Some(AsCode::new(op, &settings, service.clone()))))
        })
        .collect()
}

pub(super) fn load(c: Console, t: WhitelistTab) {
    t.list.read(
        c,
        |service_id, view| Operation::ListPermissions {
            service_id,
            query: view.query(),
        },
        |outcome| match outcome {
            Outcome::Permissions(PermissionList {
                permissions,
                total_count,
            }) => Some((permissions, total_count)),
            _ => None,
        },
        move |_, rows, _| {
            t.selected
                .update(|s| s.retain(|p| rows.iter().any(|e| &e.permission == p)));
        },
    );
}

/// Sends `actions` one after the other; stops at the first error, which stands where it
/// is about. Returns whether all went through.
pub(super) async fn send(c: Console, t: WhitelistTab, actions: Vec<PermissionAction>) -> bool {
    let service_id = c.page.id.get_untracked();
    t.busy.set(true);
    t.change_error.set(None);
    t.done.set(None);
    for action in actions {
        let answer = c
            .call_on(
                crate::api::EVERY,
                Operation::PermissionAction {
                    service_id: service_id.clone(),
                    action: action.clone(),
                },
            )
            .await;
        if let Err(p) = answer {
            let at = match &p {
                Problem::Api { error, .. } => whitelist_input(error, Some(&action)),
                Problem::Settings(_) => None,
            };
            t.change_at.set(match at {
                Some(WhitelistInput::AddBox) => "box".to_owned(),
                Some(WhitelistInput::Entry(entry)) => entry,
                // Any other failure of an add (no answer, 500, 401) is still the box's:
                // that is what was sent, and the text is still there.
                _ if action.action == WhitelistAction::Add => "box".to_owned(),
                _ => String::new(),
            });
            t.change_error.set(Some(p));
            t.busy.set(false);
            return false;
        }
    }
    t.busy.set(false);
    true
}

pub(super) fn names(entries: &[Grantee]) -> String {
    entries
        .iter()
        .map(Grantee::label)
        .collect::<Vec<_>>()
        .join(w().core.list_separator)
}

/// The plan for what is typed, as typed (tracked): its problems show at the box.
pub(super) fn typed_plan(c: Console, t: WhitelistTab) -> AddPlan {
    let dialect = c.settings.dialect.get();
    t.text
        .with(|text| t.list.rows.with(|e| plan_add(text, e, dialect)))
}

/// Adds what the box says, if it can: problems stop it at the box, `*` asks first.
pub(super) fn add(c: Console, t: WhitelistTab, confirmed: bool) {
    if t.busy.get_untracked() {
        return;
    }
    t.tried.set(true);
    let dialect = c.settings.dialect.get_untracked();
    let typed = t.text.get_untracked();
    let plan = t.list.rows.with_untracked(|e| plan_add(&typed, e, dialect));
    if !plan.problems.is_empty() {
        focus_soon("wl-add");
        return;
    }
    if plan.entries.is_empty() {
        t.done.set(plan.skipped_text());
        return;
    }
    if plan.grants_everyone && !confirmed {
        t.confirm_everyone.set(true);
        return;
    }
    t.confirm_everyone.set(false);
    // Busy from now, not from when the task runs: a second click in the same moment (a
    // double click, Enter and a click) finds it busy and sends nothing more.
    t.busy.set(true);
    leptos::task::spawn_local(async move {
        if send(c, t, plan.actions(dialect)).await {
            let mut text = fill(w().access().added, &[&names(&plan.entries)]);
            if let Some(skipped) = plan.skipped_text() {
                text.push_str(w().access().sentence_gap);
                text.push_str(&skipped);
            }
            // What was sent leaves the box; what was typed while it was on its way stays.
            if t.text.with_untracked(|now| *now == typed) {
                t.text.set(String::new());
            }
            t.tried.set(false);
            t.done.set(Some(text));
            load(c, t);
        } else {
            // The typed text stays; the focus goes to it, where the message is.
            focus_soon("wl-add");
        }
    });
}

pub(super) fn remove(c: Console, t: WhitelistTab) {
    if t.busy.get_untracked() {
        return;
    }
    let dialect = c.settings.dialect.get_untracked();
    let chosen: Vec<PermissionEntry> = t.list.rows.with_untracked(|e| {
        t.selected.with_untracked(|s| {
            e.iter()
                .filter(|e| s.contains(&e.permission))
                .cloned()
                .collect()
        })
    });
    if chosen.is_empty() {
        return;
    }
    let gone: Vec<Grantee> = chosen.iter().map(PermissionEntry::grantee).collect();
    t.busy.set(true);
    leptos::task::spawn_local(async move {
        if send(c, t, remove_actions(&chosen, dialect)).await {
            t.selected.set(Vec::new());
            t.done
                .set(Some(fill(w().access().removed, &[&names(&gone)])));
            load(c, t);
        } else {
            focus_soon("wl-result");
        }
    });
}

pub(super) fn problem_line(p: &Problem) -> String {
    match p {
        Problem::Api { error, .. } => {
            let code = error
                .error_code
                .clone()
                .unwrap_or_else(|| match error.status {
                    Some(s) => format!("HTTP {s}"),
                    None => w().access().no_answer.to_owned(),
                });
            let mut s = fill(
                w().access().label_detail,
                &[&code, &error.error_msg.as_deref().unwrap_or(&error.hint)],
            );
            if error.error_msg.is_some() && !error.hint.is_empty() {
                s.push_str(w().access().sentence_gap);
                s.push_str(&error.hint);
            }
            s
        }
        Problem::Settings(e) => e.message().to_owned(),
    }
}
