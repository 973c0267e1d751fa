//! The sticky bar at the foot of the service page: how many changes, Discard, the one
//! Save (also Ctrl/Cmd+Enter), and the answer to the last action, where the eye is.

use super::dom::effect;
use super::outcome::ErrorBanner;
use super::split::{part, split_point, Part};
use super::state::{use_console, PageOutcome, Run};
use crate::api::conflict::ServerChange;
use crate::api::words::{count as amount, field_label, fill, value_text, w};
use crate::api::{Field, FieldError, UpdatePlan};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Moves the focus to where the fix is: the first field the server named, or else the
/// error itself.
fn focus_fix(field: Option<Field>) {
    let doc = document();
    let target = field
        .and_then(|f| doc.get_element_by_id(&f.dom_id()))
        .or_else(|| doc.get_element_by_id("save-error"));
    if let Some(el) = target.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = el.focus();
        // In the middle of the window: the action bar covers the bottom of it.
        let opts = web_sys::ScrollIntoViewOptions::new();
        opts.set_block(web_sys::ScrollLogicalPosition::Center);
        el.scroll_into_view_with_scroll_into_view_options(&opts);
    }
}

/// What someone else saved since the form was loaded, and the two ways on.
#[component]
pub fn ConflictNotice(change: ServerChange) -> impl IntoView {
    let c = use_console();
    let name = change.fresh.short_name();
    let mut lines: Vec<String> = change
        .changes
        .iter()
        .map(|f| {
            fill(
                w().page.label_change,
                &[
                    &field_label(f.field),
                    &value_text(f.field, &f.before),
                    &value_text(f.field, &f.after),
                ],
            )
        })
        .collect();
    if let Some(p) = &change.ports {
        let list = |v: &[crate::api::PortMapping]| {
            v.iter()
                .map(|m| m.to_string())
                .collect::<Vec<_>>()
                .join(w().core.list_separator)
        };
        if !p.added.is_empty() {
            lines.push(fill(w().page.ports_added, &[&list(&p.added)]));
        }
        if !p.removed.is_empty() {
            lines.push(fill(w().page.ports_removed, &[&list(&p.removed)]));
        }
    }
    if lines.is_empty() {
        lines.push(w().page.conflict_nothing.to_owned());
    }
    view! {
        <div class="banner warn conflict" role="alert" id="conflict">
            <p class="headline">
                <strong>{fill(w().page.conflict_changed, &[&name])}</strong>
                {w().page.conflict_replace}
            </p>
            <ul id="conflict-changes">{lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
            <div class="actions">
                <button type="button" id="conflict-take" on:click=move |_| c.page.take_server_changes()>
                    {w().page.conflict_take}
                </button>
                <button type="button" class="secondary" id="conflict-send" on:click=move |_| c.save_anyway()>
                    {w().page.conflict_send}
                </button>
            </div>
        </div>
    }
}

/// The action bar; `plan` is the update the form would send.
#[component]
pub fn ActionBar(plan: Memo<Option<Result<UpdatePlan, Vec<FieldError>>>>) -> impl IntoView {
    let c = use_console();
    let page = c.page;
    let saving = move || c.actions.pending(Run::Save);
    // Read in place: a plan of 200 mappings is not copied for a count.
    let count = move || {
        plan.with(|p| match p {
            Some(Ok(p)) => p.changes.len() + usize::from(p.ports.is_some()),
            _ => 0,
        })
    };
    let problems = move || {
        plan.with(|p| match p {
            Some(Err(e)) => e.len(),
            _ => 0,
        })
    };
    let can_save = move || count() > 0 && problems() == 0 && !saving();
    let has_problems = Signal::derive(move || problems() > 0);
    let label = move || match (problems(), count()) {
        (0, 0) => w().page.changes_none.to_owned(),
        (0, 1) => fill(w().page.changes_one, &[&amount(1)]),
        (0, n) => fill(w().page.changes_many, &[&amount(n)]),
        (1, _) => fill(w().page.problems_one, &[&amount(1)]),
        (p, _) => fill(w().page.problems_many, &[&amount(p)]),
    };
    // Ctrl/Cmd+Enter saves from anywhere on the page, as the Save button would.
    let keys = window_event_listener(leptos::ev::keydown, move |ev| {
        // Only where the form is: on another tab, the keys are that tab's.
        let on_form = c.access.tab.get_untracked() == crate::api::route::ServiceTab::Settings;
        if on_form && ev.key() == "Enter" && (ev.ctrl_key() || ev.meta_key()) {
            ev.prevent_default();
            c.save();
        }
    });
    on_cleanup(move || keys.remove());
    // After a failed save, the focus goes to the field the error is about.
    effect(move || {
        if let Some(PageOutcome::Failed(_)) = page.outcome.get() {
            let field = page
                .server_errors
                .with_untracked(|s| s.as_ref().and_then(|(_, e)| e.first().map(|e| e.field)));
            leptos::task::spawn_local(async move {
                // After the page has drawn the messages.
                leptos::task::tick().await;
                focus_fix(field);
            });
        }
    });
    let failure = Signal::derive(move || match page.outcome.get() {
        Some(PageOutcome::Failed(p)) => Some(p),
        _ => None,
    });
    let success = move || match page.outcome.get() {
        Some(PageOutcome::Done {
            summary,
            request_id,
        }) => Some(view! {
            <p class="saved" id="save-result">
                <strong>{summary}</strong>
                {request_id.map(|r| view! { <span class="muted small">{w().page.request_id_inline}<code>{r}</code></span> })}
            </p>
        }),
        _ => None,
    };
    let missing = move || {
        matches!(page.outcome.get(), Some(PageOutcome::Missing)).then(|| {
            view! {
                <div class="banner error chunk-missing" role="alert" id="save-missing">
                    <p>{w().shell.part_missing}</p>
                </div>
            }
        })
    };
    view! {
        <div class="action-bar" role="region" aria-label=w().page.save_region>
            <div class="answer" aria-live="polite">
                {move || page.conflict.get().map(|change| part!("conflict", None, conflict_part(change.clone())))}
                {success}
                {missing}
                <div id="save-error" tabindex="-1">
                    <ErrorBanner problem=failure footer=w().page.edits_kept />
                </div>
            </div>
            <div class="bar">
                <span class="count" id="change-count" class:bad=has_problems>{label}</span>
                <span class="spacer"></span>
                <button
                    type="button"
                    class="secondary"
                    id="discard"
                    disabled=move || count() == 0 && problems() == 0
                    on:click=move |_| page.discard(&c.settings.project_id.get_untracked())
                >
                    {w().page.discard}
                </button>
                <button
                    type="submit"
                    form="modify-form"
                    id="save"
                    disabled=move || !can_save()
                    aria-keyshortcuts="Control+Enter Meta+Enter"
                >
                    {move || if saving() { w().page.saving } else { w().page.save_changes }}
                </button>
            </div>
        </div>
    }
}

split_point!(
    page,
    /// Someone else saved the service since the form was loaded.
    pub fn conflict_part(change: ServerChange) -> Part {
        Ok(untrack(|| {
            view! { <ConflictNotice change=change /> }.into_any()
        }))
    }
);
