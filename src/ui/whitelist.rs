//! The "Who may connect" tab: the service's whitelist (`permissions` in the API), one page at
//! a time, adding accounts (checked as typed, `*` only after an explicit confirmation) and
//! removing the selected entries. Each add or remove is one request in the API's shape
//! ([`AddPlan::actions`], [`remove_actions`]); the list is read again after every change,
//! since the answer may list only part of it.

use super::access::focus_soon;
use super::card::Time;
use super::dialog::Dialog;
use super::outcome::{ErrorBanner, Problem};
use super::preview::RequestView;
use super::state::{use_console, Console};
use crate::api::dialect::Dialect;
use crate::api::route::ServiceTab;
use crate::api::whitelist::{
    plan_add, remove_actions, whitelist_input, AddPlan, Grantee, PermissionAction, PermissionEntry,
    PermissionList, WhitelistInput, WhitelistView, EVERYONE_WARNING, WHITELIST_PAGE_SIZES,
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
    change_error: RwSignal<Option<(Option<WhitelistInput>, Problem)>>,
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
            t.change_error.set(Some((at, p)));
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

/// Adds what the box says, if it can: problems stop it at the box, `*` asks first.
fn add(c: Console, t: Tab, confirmed: bool) {
    if t.busy.get_untracked() {
        return;
    }
    t.tried.set(true);
    let dialect = c.settings.dialect.get_untracked();
    let plan = t
        .entries
        .with_untracked(|e| plan_add(&t.text.get_untracked(), e, dialect));
    if !plan.problems.is_empty() {
        focus_soon("wl-add".into());
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
            focus_soon("wl-add".into());
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
            focus_soon("wl-result".into());
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
    let dialect = move || c.settings.dialect.get();
    // The plan for what is typed, as typed: its problems show at the box.
    let plan = Memo::new(move |_| {
        let text = t.text.get();
        let d = dialect();
        t.entries.with(|e| plan_add(&text, e, d))
    });
    let box_problems = move || {
        let typed = t.text.with(|s| !s.trim().is_empty());
        plan.with(|p: &AddPlan| {
            if typed || t.tried.get() {
                p.problems
                    .iter()
                    .map(|p| p.message.clone())
                    .collect::<Vec<_>>()
            } else {
                Vec::new()
            }
        })
    };
    // The server's refusal of an add stands at the box until the text changes.
    let box_server_error = move || {
        t.change_error.with(|e| match e {
            Some((Some(WhitelistInput::AddBox | WhitelistInput::Entry(_)), p))
                if t.selected.with(Vec::is_empty) || t.text.with(|s| !s.is_empty()) =>
            {
                Some(problem_line(p))
            }
            _ => None,
        })
    };
    let invalid = move || !box_problems().is_empty() || box_server_error().is_some();
    let add_requests_open = RwSignal::new(false);
    let add_requests = move || {
        let p = plan.get();
        if !p.is_ready() {
            return view! { <p class="muted">"Nothing to send yet: type account IDs above."</p> }
                .into_any();
        }
        requests(c, &p.actions(dialect()))
            .into_iter()
            .map(|r| view! { <RequestView request=r /> })
            .collect_view()
            .into_any()
    };
    let on_add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        add(c, t, false);
    };
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
    let remove_requests_open = RwSignal::new(false);
    let remove_requests = move || {
        let chosen = chosen();
        if chosen.is_empty() {
            return view! { <p class="muted">"Select entries in the list to see the request that removes them."</p> }.into_any();
        }
        requests(c, &remove_actions(&chosen, dialect()))
            .into_iter()
            .map(|r| view! { <RequestView request=r /> })
            .collect_view()
            .into_any()
    };
    let page_keys = move || {
        t.entries
            .with(|e| e.iter().map(|e| e.permission.clone()).collect::<Vec<_>>())
    };
    let all_ticked = move || {
        let keys = page_keys();
        !keys.is_empty() && t.selected.with(|s| keys.iter().all(|k| s.contains(k)))
    };
    let some_ticked = move || t.selected.with(|s| !s.is_empty()) && !all_ticked();
    let toggle_all = move |_| {
        if all_ticked() {
            t.selected.set(Vec::new());
        } else {
            t.selected.set(page_keys());
        }
    };
    let view_now = move || t.view.get();
    let pages = move || view_now().page_count(t.total.get());
    let page = move || view_now().page.min(pages());
    let at_start = move || page() <= 1;
    let at_end = move || page() >= pages();
    let to_page = move |p: u32| {
        t.view.set(WhitelistView {
            page: p.max(1),
            ..t.view.get_untracked()
        });
        load(c, t);
    };
    // A removal's error that is not about one row stands at the toolbar.
    let toolbar_error = move || {
        t.change_error.with(|e| match e {
            Some((None, p)) => Some(problem_line(p)),
            _ => None,
        })
    };
    let everyone_listed = move || {
        t.entries
            .with(|e| e.iter().any(PermissionEntry::is_everyone))
    };
    let help = move || {
        match dialect() {
        Dialect::Huawei => "One or several account IDs (1–64 letters, digits or *), separated by commas, spaces or new lines; or organization paths as organizations:orgPath::<path>. The console sends each as iam:domain::<account ID>. * lets every account connect.",
        Dialect::OpenTelekom => "One or several account IDs (1–64 letters, digits or *), separated by commas, spaces or new lines. The console sends each as iam:domain::<account ID>. * lets every account connect.",
    }
    };

    view! {
        <div class="panel access" id="panel-whitelist" role="tabpanel" aria-labelledby="tab-whitelist"
            hidden=move || !shown() aria-busy=move || t.loading.get().to_string()>
            <div class="panel-head">
                <h2 id="wl-title">{WHITELIST_TAB} <span class="api-name">{WHITELIST_API_NAME}</span></h2>
                <span class="spinner" role="status" aria-label="Loading" hidden=move || !t.loading.get()></span>
            </div>
            <p class="note" id="wl-owner">{OWNER_ALWAYS_ALLOWED}</p>
            <p class="note warn" id="wl-everyone" hidden=move || !everyone_listed()>
                "Every account may connect endpoints to this service: the whitelist has “*”."
            </p>
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
                <details class="request-disclosure" id="wl-add-requests"
                    on:toggle:target=move |ev| add_requests_open.set(ev.target().open())>
                    <summary>"Request for Add"</summary>
                    {move || add_requests_open.get().then(add_requests)}
                </details>
            </form>
            <ErrorBanner problem=Signal::derive(move || t.problem.get()) />
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
            <details class="request-disclosure" id="wl-remove-requests"
                on:toggle:target=move |ev| remove_requests_open.set(ev.target().open())>
                <summary>"Request for Remove"</summary>
                {move || remove_requests_open.get().then(remove_requests)}
            </details>
            <div class="scroll">
                <table class="services wl-table" id="wl-table">
                    <caption class="visually-hidden">"Accounts that may connect"</caption>
                    <thead>
                        <tr>
                            <th scope="col" class="pick-cell">
                                <label class="pick">
                                    <input type="checkbox" id="wl-pick-page"
                                        prop:checked=all_ticked prop:indeterminate=some_ticked
                                        on:change=toggle_all />
                                    <span class="visually-hidden">"Select every entry on this page"</span>
                                </label>
                            </th>
                            <th scope="col">"Who" <span class="api-name">"permission"</span></th>
                            <th scope="col" class="opt">"Type" <span class="api-name">"permission_type"</span></th>
                            <th scope="col" class="opt">"Description"</th>
                            <th scope="col">"Added"</th>
                        </tr>
                    </thead>
                    <tbody>
                        <For each=move || t.entries.get() key=|e| (e.id.clone(), e.permission.clone()) let:entry>
                            <EntryRow entry=entry t=t />
                        </For>
                    </tbody>
                </table>
            </div>
            <p class="muted" id="wl-empty" hidden=move || !t.started.get() || t.loading.get() || t.problem.with(Option::is_some) || t.entries.with(|e| !e.is_empty())>
                "No account is on the whitelist: only your own account may connect."
            </p>
            <nav class="pager" aria-label="Pages of the whitelist">
                <span id="wl-range" aria-live="polite">{move || format!("{} of {}", t.entries.with(Vec::len), t.total.get())}</span>
                <span class="spacer"></span>
                <button type="button" class="secondary" id="wl-prev" disabled=at_start on:click=move |_| to_page(page() - 1)>"Previous"</button>
                <span id="wl-page-of">{move || format!("Page {} of {}", page(), pages())}</span>
                <button type="button" class="secondary" id="wl-next" disabled=at_end on:click=move |_| to_page(page() + 1)>"Next"</button>
                <label for="wl-page-size">"Per page"</label>
                <select id="wl-page-size"
                    prop:value=move || view_now().page_size.to_string()
                    on:change:target=move |ev| {
                        if let Ok(size) = ev.target().value().parse() {
                            t.view.set(WhitelistView { page_size: size, ..t.view.get_untracked() }.first_page());
                            load(c, t);
                        }
                    }>
                    {WHITELIST_PAGE_SIZES.iter().map(|s| view! { <option value=s.to_string()>{s.to_string()}</option> }).collect_view()}
                </select>
            </nav>
            <div hidden=move || !t.confirm_everyone.get()>
                {move || t.confirm_everyone.get().then(|| view! { <EveryoneDialog t=t plan=plan /> })}
            </div>
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
        t.change_error.with(|e| match e {
            Some((Some(WhitelistInput::Entry(p)), problem)) if *p == sent => {
                Some(problem_line(problem))
            }
            _ => None,
        })
    };
    let ticked = key.clone();
    let pick = key.clone();
    view! {
        <tr id=dom class="wl-row" data-permission=key.clone() class:everyone=grantee.is_everyone()>
            <td class="pick-cell">
                <label class="pick">
                    <input type="checkbox" class="pick-row" aria-describedby=error_id.clone()
                        prop:checked=move || t.selected.with(|s| s.contains(&ticked))
                        on:change=move |_| t.selected.update(|s| {
                            if let Some(i) = s.iter().position(|x| *x == pick) { s.remove(i); } else { s.push(pick.clone()); }
                        }) />
                    <span class="visually-hidden">{format!("Select entry {key}")}</span>
                </label>
            </td>
            <th scope="row">
                <span class="who" hidden=!grantee.is_everyone()>"Every account"</span>
                <code class="entry">{entry.permission.clone()}</code>
                <p class="error small" id=error_id>{error}</p>
            </th>
            <td class="opt">{kind} <span class="api-name">{entry.permission_type.clone().unwrap_or_default()}</span></td>
            <td class="opt">{entry.description.clone().filter(|d| !d.is_empty()).unwrap_or_else(|| "—".into())}</td>
            <td><Time iso=entry.created_at.clone() /></td>
        </tr>
    }
}

/// `*` lets every account connect: said plainly, with the request, before it is sent.
#[component]
fn EveryoneDialog(t: Tab, plan: Memo<AddPlan>) -> impl IntoView {
    let c = use_console();
    let close = Callback::new(move |_| t.confirm_everyone.set(false));
    let dialect = c.settings.dialect.get_untracked();
    let actions = plan.get_untracked().actions(dialect);
    let others: Vec<Grantee> = plan
        .get_untracked()
        .entries
        .into_iter()
        .filter(|g| !g.is_everyone())
        .collect();
    let requests = requests(c, &actions)
        .into_iter()
        .map(|r| view! { <RequestView request=r /> })
        .collect_view();
    view! {
        <Dialog id="everyone-dialog" labelled_by="everyone-title" described_by="everyone-what" on_close=close>
            <h2 id="everyone-title">"Let every account connect?"</h2>
            <p id="everyone-what">{EVERYONE_WARNING}</p>
            <p hidden=others.is_empty()>{format!("Also added: {}.", names(&others))}</p>
            <details class="request-disclosure">
                <summary>"Request"</summary>
                {requests}
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
