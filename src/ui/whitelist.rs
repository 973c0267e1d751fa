//! The "Who may connect" tab: the service's whitelist (`permissions` in the API), one page at
//! a time, adding accounts (checked as typed, `*` only after an explicit confirmation) and
//! removing the selected entries. Each add or remove is one request in the API's shape
//! ([`AddPlan::actions`], [`remove_actions`]); the list is read again after every change,
//! since the answer may list only part of it.

use super::card::Time;
use super::controls::{Pager, PickBox, RequestList, RequestsDisclosure};
use super::dialog::Dialog;
use super::dom::focus_soon;
use super::outcome::{ErrorBanner, Problem};
use super::split::{split_point, Part};
use super::state::{use_console, Console};
use crate::api::dialect::Dialect;
use crate::api::route::ServiceTab;
use crate::api::whitelist::{
    plan_add, remove_actions, whitelist_input, AddPlan, Grantee, PermissionAction, PermissionEntry,
    PermissionList, WhitelistAction, WhitelistInput, WhitelistView, EVERYONE_WARNING,
    WHITELIST_PAGE_SIZES,
};
use crate::api::words::{OWNER_ALWAYS_ALLOWED, WHITELIST_API_NAME, WHITELIST_TAB};
use crate::api::{build_request, ApiRequest, Operation, Outcome};
use leptos::prelude::*;

/// The tab's state, for the life of the service page.
#[derive(Clone, Copy)]
struct Tab {
    view: RwSignal<WhitelistView>,
    entries: RwSignal<Vec<PermissionEntry>>,
    total: RwSignal<u64>,
    started: RwSignal<bool>,
    loading: RwSignal<bool>,
    problem: RwSignal<Option<Problem>>,
    /// Selected rows, by entry (`permission` as listed).
    selected: RwSignal<Vec<String>>,
    /// The add box, as typed: kept until an add succeeds.
    text: RwSignal<String>,
    /// Add was pressed: an empty box is a problem from then on.
    tried: RwSignal<bool>,
    /// A change is being sent.
    busy: RwSignal<bool>,
    /// The server's word on the last add (shown at the box) or remove (at its row or the
    /// toolbar), with where it stands.
    change_error: RwSignal<Option<Problem>>,
    /// Where `change_error` stands: `box` (the add box), an entry as sent (its row, or
    /// the box when it was typed), or empty (the toolbar).
    change_at: RwSignal<String>,
    /// What the last change did.
    done: RwSignal<Option<String>>,
    /// `*` is among the entries to add: the confirmation is open.
    confirm_everyone: RwSignal<bool>,
}

fn requests(c: Console, actions: &[PermissionAction]) -> Vec<ApiRequest> {
    let settings = c.settings.snapshot();
    let service_id = c.page.id.get();
    actions
        .iter()
        .filter_map(|a| {
            build_request(
                &settings,
                &Operation::PermissionAction {
                    service_id: service_id.clone(),
                    action: a.clone(),
                },
            )
            .ok()
        })
        .collect()
}

fn load(c: Console, t: Tab) {
    let service_id = c.page.id.get_untracked();
    if service_id.is_empty() || !untrack(|| c.settings.complete()) {
        return;
    }
    let view = t.view.get_untracked();
    t.started.set(true);
    t.loading.set(true);
    leptos::task::spawn_local(async move {
        let answer = c
            .call(Operation::ListPermissions {
                service_id: service_id.clone(),
                query: view.query(),
            })
            .await;
        if t.view.try_get_untracked().as_ref() != Some(&view)
            || c.page.id.get_untracked() != service_id
        {
            return;
        }
        t.loading.set(false);
        match answer {
            Ok((
                Outcome::Permissions(PermissionList {
                    permissions,
                    total_count,
                }),
                _,
            )) => {
                t.problem.set(None);
                t.selected
                    .update(|s| s.retain(|p| permissions.iter().any(|e| &e.permission == p)));
                t.entries.set(permissions);
                t.total.set(total_count);
            }
            Ok(_) => {}
            Err(p) => t.problem.set(Some(p)),
        }
    });
}

/// Sends `actions` one after the other; stops at the first error, which stands where it
/// is about. Returns whether all went through.
async fn send(c: Console, t: Tab, actions: Vec<PermissionAction>) -> bool {
    let service_id = c.page.id.get_untracked();
    t.busy.set(true);
    t.change_error.set(None);
    t.done.set(None);
    for action in actions {
        let answer = c
            .call(Operation::PermissionAction {
                service_id: service_id.clone(),
                action: action.clone(),
            })
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

fn names(entries: &[Grantee]) -> String {
    entries
        .iter()
        .map(Grantee::label)
        .collect::<Vec<_>>()
        .join(", ")
}

/// The plan for what is typed, as typed (tracked): its problems show at the box.
fn typed_plan(c: Console, t: Tab) -> AddPlan {
    let dialect = c.settings.dialect.get();
    t.text
        .with(|text| t.entries.with(|e| plan_add(text, e, dialect)))
}

/// Adds what the box says, if it can: problems stop it at the box, `*` asks first.
fn add(c: Console, t: Tab, confirmed: bool) {
    if t.busy.get_untracked() {
        return;
    }
    t.tried.set(true);
    let dialect = c.settings.dialect.get_untracked();
    let typed = t.text.get_untracked();
    let plan = t.entries.with_untracked(|e| plan_add(&typed, e, dialect));
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
    leptos::task::spawn_local(async move {
        if send(c, t, plan.actions(dialect)).await {
            let mut text = format!("Added {}.", names(&plan.entries));
            if let Some(skipped) = plan.skipped_text() {
                text.push(' ');
                text.push_str(&skipped);
            }
            t.text.set(String::new());
            t.tried.set(false);
            t.done.set(Some(text));
            load(c, t);
        } else {
            // The typed text stays; the focus goes to it, where the message is.
            focus_soon("wl-add");
        }
    });
}

fn remove(c: Console, t: Tab) {
    if t.busy.get_untracked() {
        return;
    }
    let dialect = c.settings.dialect.get_untracked();
    let chosen: Vec<PermissionEntry> = t.entries.with_untracked(|e| {
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
    leptos::task::spawn_local(async move {
        if send(c, t, remove_actions(&chosen, dialect)).await {
            t.selected.set(Vec::new());
            t.done.set(Some(format!("Removed {}.", names(&gone))));
            load(c, t);
        } else {
            focus_soon("wl-result");
        }
    });
}

fn problem_line(p: &Problem) -> String {
    match p {
        Problem::Api { error, .. } => {
            let mut s = format!(
                "{}: {}",
                error
                    .error_code
                    .clone()
                    .unwrap_or_else(|| match error.status {
                        Some(s) => format!("HTTP {s}"),
                        None => "No answer".to_owned(),
                    }),
                error.error_msg.as_deref().unwrap_or(&error.hint)
            );
            if error.error_msg.is_some() && !error.hint.is_empty() {
                s.push(' ');
                s.push_str(&error.hint);
            }
            s
        }
        Problem::Settings(e) => e.message().to_owned(),
    }
}

/// The "Who may connect" tab's panel.
#[component]
pub fn WhitelistPanel() -> impl IntoView {
    let c = use_console();
    let t = Tab {
        view: RwSignal::new(WhitelistView::default()),
        entries: RwSignal::new(Vec::new()),
        total: RwSignal::new(0),
        started: RwSignal::new(false),
        loading: RwSignal::new(false),
        problem: RwSignal::new(None),
        selected: RwSignal::new(Vec::new()),
        text: RwSignal::new(String::new()),
        tried: RwSignal::new(false),
        busy: RwSignal::new(false),
        change_error: RwSignal::new(None),
        change_at: RwSignal::new(String::new()),
        done: RwSignal::new(None),
        confirm_everyone: RwSignal::new(false),
    };
    let shown = move || c.access.tab.get() == ServiceTab::Whitelist;
    Effect::new(move |last: Option<String>| {
        let id = c.page.id.get();
        if shown()
            && c.settings.complete()
            && (last.as_deref() != Some(id.as_str()) || !t.started.get_untracked())
        {
            load(c, t);
            return id;
        }
        last.unwrap_or_default()
    });
    let everyone_listed = move || {
        t.entries
            .with(|e| e.iter().any(PermissionEntry::is_everyone))
    };
    let view_now = move || t.view.get();
    let pages = Signal::derive(move || view_now().page_count(t.total.get()));
    let page = Signal::derive(move || view_now().page.min(pages.get()));
    let range = Signal::derive(move || {
        let v = view_now();
        let (shown, total) = (t.entries.with(Vec::len) as u64, t.total.get());
        if shown == 0 {
            format!("0 of {total}")
        } else {
            let first = u64::from(v.page.max(1) - 1) * u64::from(v.page_size) + 1;
            format!("{first}–{} of {total}", first + shown - 1)
        }
    });
    let on_page = Callback::new(move |p: u32| {
        t.view.set(WhitelistView {
            page: p,
            ..t.view.get_untracked()
        });
        load(c, t);
    });
    let on_size = Callback::new(move |size: u32| {
        t.view.set(
            WhitelistView {
                page_size: size,
                ..t.view.get_untracked()
            }
            .first_page(),
        );
        load(c, t);
    });
    let page_error = Signal::derive(move || {
        t.problem.with(|p| match p {
            Some(p @ Problem::Api { error, .. })
                if matches!(
                    whitelist_input(error, None),
                    Some(WhitelistInput::Page | WhitelistInput::Sort)
                ) =>
            {
                Some(problem_line(p))
            }
            _ => None,
        })
    });
    view! {
        // In the tab's panel (src/ui/service_page.rs), which is there before this code is.
        <div class="access-body" aria-busy=move || t.loading.get().to_string()>
            <div class="panel-head">
                <h2 id="wl-title">{WHITELIST_TAB} <span class="api-name">{WHITELIST_API_NAME}</span></h2>
                <span class="spinner" role="status" aria-label="Loading" hidden=move || !t.loading.get()></span>
            </div>
            <p class="note" id="wl-owner">{OWNER_ALWAYS_ALLOWED}</p>
            <p class="note warn" id="wl-everyone" hidden=move || !everyone_listed()>
                "Every account may connect endpoints to this service: the whitelist has “*”."
            </p>
            <AddForm t=t />
            <ErrorBanner problem=t.problem />
            <WlActions t=t />
            <WlTable t=t />
            <p class="muted" id="wl-empty" hidden=move || !t.started.get() || t.loading.get() || t.problem.with(Option::is_some) || t.entries.with(|e| !e.is_empty())>
                "No account is on the whitelist: only your own account may connect."
            </p>
            <Pager prefix="wl" label="Pages of the whitelist" range=range page=page pages=pages
                size=Signal::derive(move || view_now().page_size) sizes=&WHITELIST_PAGE_SIZES
                on_page=on_page on_size=on_size error=page_error />
            {move || t.confirm_everyone.get().then(|| view! { <EveryoneDialog t=t /> })}
        </div>
    }
}

/// The add box: one or several account IDs, checked as typed; the request behind Add.
#[component]
fn AddForm(t: Tab) -> impl IntoView {
    let c = use_console();
    let dialect = move || c.settings.dialect.get();
    let box_problems = move || {
        let typed = t.text.with(|s| !s.trim().is_empty());
        if typed || t.tried.get() {
            typed_plan(c, t)
                .problems
                .into_iter()
                .map(|p| p.message)
                .collect::<Vec<_>>()
        } else {
            Vec::new()
        }
    };
    // The server's refusal of an add stands at the box (about the box, or an entry typed).
    let box_server_error = move || {
        let at = t.change_at.get();
        let here = at == "box"
            || (!at.is_empty()
                && t.text
                    .with(|s| s.contains(at.trim_start_matches("iam:domain::"))));
        if here {
            t.change_error.with(|e| e.as_ref().map(problem_line))
        } else {
            None
        }
    };
    let invalid = move || !box_problems().is_empty() || box_server_error().is_some();
    let requests = Signal::derive(move || {
        let p = typed_plan(c, t);
        if p.is_ready() {
            requests(c, &p.actions(dialect()))
        } else {
            Vec::new()
        }
    });
    let note = Signal::derive(move || {
        if typed_plan(c, t).is_ready() {
            "Exactly what Add sends: all the accounts in one request."
        } else {
            "Nothing to send yet: type account IDs above."
        }
        .to_owned()
    });
    let on_add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        add(c, t, false);
    };
    let help = move || {
        match dialect() {
        Dialect::Huawei => "One or several account IDs (1–64 letters, digits or *), separated by commas, spaces or new lines; or organization paths as organizations:orgPath::<path>. The console sends each as iam:domain::<account ID>. * lets every account connect.",
        Dialect::OpenTelekom => "One or several account IDs (1–64 letters, digits or *), separated by commas, spaces or new lines. The console sends each as iam:domain::<account ID>. * lets every account connect.",
    }
    };
    view! {
        <form class="wl-add" id="wl-add-form" novalidate on:submit=on_add>
            <div class="field">
                <label for="wl-add">"Add accounts" <span class="api-name">"iam:domain::<account ID>"</span></label>
                <textarea id="wl-add" rows="2" autocomplete="off" spellcheck="false"
                    aria-invalid=move || invalid().to_string()
                    aria-describedby="wl-add-help wl-add-error"
                    prop:value=move || t.text.get()
                    on:input:target=move |ev| {
                        t.text.set(ev.target().value());
                        t.done.set(None);
                    }></textarea>
                <p class="help" id="wl-add-help">{help}</p>
                <div class="error" id="wl-add-error">
                    {move || box_problems().into_iter().map(|m| view! { <p>{m}</p> }).collect_view()}
                    {box_server_error}
                </div>
            </div>
            <div class="wl-add-actions">
                <button type="submit" id="wl-add-submit" disabled=move || t.busy.get()>"Add"</button>
                <span class="muted small">"Each add is one request, "<code>"action: add"</code>"."</span>
            </div>
            <RequestsDisclosure id="wl-add-requests" summary="Request for Add" note=note requests=requests />
        </form>
    }
}

/// Remove for the selected rows, the result of the last change, the request behind Remove.
#[component]
fn WlActions(t: Tab) -> impl IntoView {
    let c = use_console();
    let chosen = move || {
        t.entries.with(|e| {
            t.selected.with(|s| {
                e.iter()
                    .filter(|e| s.contains(&e.permission))
                    .cloned()
                    .collect::<Vec<_>>()
            })
        })
    };
    let requests =
        Signal::derive(move || requests(c, &remove_actions(&chosen(), c.settings.dialect.get())));
    let note = Signal::derive(move || {
        if t.selected.with(Vec::is_empty) {
            "Select entries in the list to see the request that removes them."
        } else {
            "Exactly what Remove sends: the selected entries in one request."
        }
        .to_owned()
    });
    // A change's error that is not about one row or the box stands here.
    let toolbar_error = move || {
        if t.change_at.with(String::is_empty) {
            t.change_error.with(|e| e.as_ref().map(problem_line))
        } else {
            None
        }
    };
    view! {
        <div class="selection-bar" role="group" aria-label="Act on the selected entries">
            <span id="wl-selected" aria-live="polite">
                {move || match t.selected.with(Vec::len) { 0 => "None selected".to_owned(), n => format!("{n} selected") }}
            </span>
            <button type="button" class="danger" id="wl-remove"
                disabled=move || t.selected.with(Vec::is_empty) || t.busy.get()
                on:click=move |_| remove(c, t)>
                {move || match t.selected.with(Vec::len) { 0 => "Remove selected".to_owned(), n => format!("Remove {n} selected") }}
            </button>
            <p id="wl-result" class="result" tabindex="-1" role="status">
                {move || t.done.get()}
                <span class="error">{toolbar_error}</span>
            </p>
        </div>
        <RequestsDisclosure id="wl-remove-requests" summary="Request for Remove" note=note requests=requests />
    }
}

/// The page of whitelist entries.
#[component]
fn WlTable(t: Tab) -> impl IntoView {
    let c = use_console();
    let page_keys = move || {
        t.entries
            .with(|e| e.iter().map(|e| e.permission.clone()).collect::<Vec<_>>())
    };
    let all_ticked = move || {
        let keys = page_keys();
        !keys.is_empty() && t.selected.with(|s| keys.iter().all(|k| s.contains(k)))
    };
    let some_ticked = move || t.selected.with(|s| !s.is_empty()) && !all_ticked();
    let toggle_all = Callback::new(move |_| {
        if all_ticked() {
            t.selected.set(Vec::new());
        } else {
            t.selected.set(page_keys());
        }
    });
    view! {
        <div class="scroll">
            // Huawei Cloud's entries carry no description: no empty column there.
            <table class="services wl-table" id="wl-table" class:no-desc=move || c.settings.dialect.get() == Dialect::Huawei>
                <caption class="visually-hidden">"Accounts that may connect"</caption>
                <thead>
                    <tr>
                        <th scope="col" class="pick-cell">
                            <PickBox id="wl-pick-page" checked=Signal::derive(all_ticked) mixed=Signal::derive(some_ticked)
                                on_toggle=toggle_all label="Select every entry on this page".to_owned() />
                        </th>
                        <th scope="col">"Who" <span class="api-name">"permission"</span></th>
                        <th scope="col" class="opt">"Type" <span class="api-name">"permission_type"</span></th>
                        <th scope="col" class="opt desc">"Description"</th>
                        <th scope="col">"Added"</th>
                    </tr>
                </thead>
                <tbody>
                    {move || t.entries.get().into_iter().map(|entry| view! { <EntryRow entry=entry t=t /> }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// One whitelist entry.
#[component]
fn EntryRow(entry: PermissionEntry, t: Tab) -> impl IntoView {
    let key = entry.permission.clone();
    let dom = WhitelistInput::Entry(entry.grantee().permission()).dom_id();
    let error_id = format!("{dom}-error");
    let grantee = entry.grantee();
    let kind = match (&grantee, entry.permission_type.as_deref()) {
        (Grantee::Everyone, _) => "Every account".to_owned(),
        (Grantee::OrgPath(_), _) => "Organization path".to_owned(),
        (_, Some("orgPath")) => "Organization path".to_owned(),
        _ => "Account".to_owned(),
    };
    let sent = grantee.permission();
    let error = move || {
        if t.change_at.with(|at| *at == sent) {
            t.change_error.with(|e| e.as_ref().map(problem_line))
        } else {
            None
        }
    };
    let ticked = key.clone();
    let pick = key.clone();
    view! {
        <tr id=dom class="wl-row" data-permission=key.clone() class:everyone=grantee.is_everyone()>
            <td class="pick-cell">
                <PickBox checked=Signal::derive(move || t.selected.with(|s| s.contains(&ticked)))
                    on_toggle=Callback::new(move |_| t.selected.update(|s| {
                        if let Some(i) = s.iter().position(|x| *x == pick) { s.remove(i); } else { s.push(pick.clone()); }
                    }))
                    label=format!("Select entry {key}") described_by=error_id.clone() />
            </td>
            <th scope="row">
                <span class="who" hidden=!grantee.is_everyone()>"Every account"</span>
                <code class="entry">{entry.permission.clone()}</code>
                <p class="error small" id=error_id>{error}</p>
            </th>
            <td class="opt">{kind} <span class="api-name">{entry.permission_type.clone().unwrap_or_default()}</span></td>
            <td class="opt desc">{entry.description.clone().filter(|d| !d.is_empty()).unwrap_or_else(|| "—".into())}</td>
            <td><Time iso=entry.created_at.clone() /></td>
        </tr>
    }
}

/// `*` lets every account connect: said plainly, with the request, before it is sent.
#[component]
fn EveryoneDialog(t: Tab) -> impl IntoView {
    let c = use_console();
    let close = Callback::new(move |_| t.confirm_everyone.set(false));
    let dialect = c.settings.dialect.get_untracked();
    let plan = untrack(|| typed_plan(c, t));
    let actions = plan.actions(dialect);
    let others: Vec<Grantee> = plan
        .entries
        .into_iter()
        .filter(|g| !g.is_everyone())
        .collect();
    let requests = untrack(|| requests(c, &actions));
    view! {
        <Dialog id="everyone-dialog" labelled_by="everyone-title" described_by="everyone-what" on_close=close>
            <h2 id="everyone-title">"Let every account connect?"</h2>
            <p id="everyone-what">{EVERYONE_WARNING}</p>
            <p hidden=others.is_empty()>{format!("Also added: {}.", names(&others))}</p>
            <details class="request-disclosure">
                <summary>"Request"</summary>
                <RequestList requests=requests />
            </details>
            <div class="actions">
                <button type="button" class="secondary" id="everyone-cancel" data-autofocus="" on:click=move |_| close.run(())>"Cancel"</button>
                <button type="button" class="danger" id="everyone-confirm" on:click=move |_| add(c, t, true)>
                    "Let every account connect"
                </button>
            </div>
        </Dialog>
    }
}

split_point!(
    access,
    /// The service page's Who may connect tab.
    pub fn whitelist_panel() -> Part {
        Ok(untrack(|| view! { <WhitelistPanel /> }.into_any()))
    }
);
