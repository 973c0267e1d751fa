//! The Connections tab: the endpoints connecting to the service, one page at a time
//! (filtered, ordered and paged by the server), and accepting or rejecting them.
//!
//! Accept and Reject go through the core's batch [`Runner`] with one [`ConnectionJob`] per
//! endpoint: one request each (the API takes exactly one endpoint per request), bounded,
//! cancellable, retried when throttled, and each row shows what the API answered for it,
//! then follows it until it settles (`creating` → `accepted`). The run is driven as the
//! list's batch is (`super::batch`): the runner decides, this module sends and draws.

use super::access::counts::load_page_pending;
use super::card::Time;
use super::controls::{Pager, PickBox, RequestList, RequestsDisclosure};
use super::dialog::Dialog;
use super::dom::focus_soon;
use super::outcome::{ErrorBanner, Problem};
use super::run::{RunDriver, RunHooks};
use super::split::{split_point, Part};
use super::state::{use_console, Console};
use crate::api::batch::{RowStatus, RunOptions, Runner, StepKind};
use crate::api::connection_job::ConnectionJob;
use crate::api::connections::{
    action_summary, connections_input, Connection, ConnectionAction, ConnectionList,
    ConnectionStatus, ConnectionsInput, ConnectionsView, CONNECTION_PAGE_SIZES,
};
use crate::api::dialect::Dialect;
use crate::api::route::ServiceTab;
use crate::api::{build_request, ApiRequest, Operation, Outcome};
use leptos::prelude::*;

/// What the last action did to a row, as drawn beside it: the text and its look
/// (`ok`, `failed`, `warn`, `running`).
type Note = (String, String, &'static str);

/// The tab's state, for the life of the service page.
#[derive(Clone, Copy)]
struct Tab {
    view: RwSignal<ConnectionsView>,
    /// The page as last read, each row updated with what the actions answered.
    rows: RwSignal<Vec<Connection>>,
    total: RwSignal<u64>,
    /// The first page has been asked for.
    started: RwSignal<bool>,
    loading: RwSignal<bool>,
    problem: RwSignal<Option<Problem>>,
    selected: RwSignal<Vec<String>>,
    /// Per endpoint: (id, text, tone).
    notes: RwSignal<Vec<Note>>,
    /// What the last run came to.
    summary: RwSignal<Option<String>>,
    /// Reject asks first: the endpoints it is for.
    confirm: RwSignal<Vec<String>>,
    /// Accept or Reject on the selected endpoints, one request each.
    driver: RunDriver<ConnectionJob>,
}

fn now() -> f64 {
    js_sys::Date::now()
}

/// The endpoint ids on the page that allow `action`, among `ids`.
fn allowed(t: Tab, ids: &[String], action: ConnectionAction) -> Vec<String> {
    t.rows.with(|rows| {
        ids.iter()
            .filter(|id| rows.iter().any(|r| &r.id == *id && r.allows(action)))
            .cloned()
            .collect()
    })
}

/// Where the list's error stands, when it is about an input (a filter, the pager).
fn problem_at(t: Tab) -> Option<ConnectionsInput> {
    t.problem.with(|p| match p {
        Some(Problem::Api { error, .. }) => connections_input(error, None),
        _ => None,
    })
}

/// Reads the page the view names.
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
            .call(Operation::ListConnections {
                service_id: service_id.clone(),
                query: view.query(),
            })
            .await;
        // An answer for a page, filter or service the user has left is not shown.
        if t.view.try_get_untracked().as_ref() != Some(&view)
            || c.page.id.get_untracked() != service_id
        {
            return;
        }
        t.loading.set(false);
        match answer {
            Ok((
                Outcome::Connections(ConnectionList {
                    connections,
                    total_count,
                }),
                _,
            )) => {
                t.problem.set(None);
                t.selected
                    .update(|s| s.retain(|id| connections.iter().any(|r| &r.id == id)));
                if view.status == Some(ConnectionStatus::PendingAcceptance)
                    && view.endpoint_id.is_empty()
                    && view.marker_id.is_empty()
                {
                    let project = c.settings.project_id.get_untracked();
                    c.access.remember(project.trim(), &service_id, total_count);
                }
                t.rows.set(connections);
                t.total.set(total_count);
            }
            Ok(_) => {}
            Err(p) => t.problem.set(Some(p)),
        }
    });
}

fn go(c: Console, t: Tab, view: ConnectionsView) {
    t.view.set(view);
    load(c, t);
}

/// Starts `action` on `ids` (one request each).
fn run(c: Console, t: Tab, action: ConnectionAction, ids: Vec<String>) {
    if t.driver.is_running() {
        return;
    }
    let service_id = c.page.id.get_untracked();
    let jobs = match ConnectionJob::for_selection(&service_id, action, &ids, c.timing.poll) {
        Ok(jobs) => jobs,
        Err(e) => {
            t.summary.set(Some(e.message().to_owned()));
            return;
        }
    };
    // The deployment's batch settings (config.json) hold for these requests too.
    let options = RunOptions {
        seed: now() as u64,
        ..c.batch.defaults
    };
    t.driver.set(Some(Runner::new(jobs, options)));
    t.notes.update(|n| n.retain(|(id, ..)| !ids.contains(id)));
    t.summary.set(None);
    sync(t);
    t.driver.run(
        c.run_env(),
        RunHooks {
            changed: Box::new(move |_| sync(t)),
            finished: Box::new(move || finish(c, t)),
        },
    );
    focus_soon("conn-result");
}

/// Draws every row of the run: its status as the API last answered, and its note.
fn sync(t: Tab) {
    let lines: Vec<(Option<Connection>, Note)> = t
        .driver
        .with(|r| {
            r.rows()
                .iter()
                .map(|row| {
                    let id = row.job.endpoint_id.clone();
                    let retrying = row.tries.last().and_then(|t| t.retry_in_ms).is_some();
                    let (text, tone) = match &row.status {
                        RowStatus::Waiting => ("Waiting to be sent".to_owned(), "running"),
                        RowStatus::Running if retrying => {
                            ("Throttled by the API: trying again…".to_owned(), "running")
                        }
                        RowStatus::Running => match row.step() {
                            Some(StepKind::Watch) => (
                                format!(
                                    "{}: checking until it settles…",
                                    row.job.status().map_or("Sent", |s| s.label())
                                ),
                                "running",
                            ),
                            _ => ("Sending…".to_owned(), "running"),
                        },
                        RowStatus::Done { note } => (note.clone(), "ok"),
                        RowStatus::Failed { .. } => (row.status.detail(), "failed"),
                        s => (format!("{}: {}", s.label(), s.detail()), "warn"),
                    };
                    (row.job.seen.clone(), (id, text, tone))
                })
                .collect()
        })
        .unwrap_or_default();
    for (seen, _) in &lines {
        if let Some(conn) = seen {
            let changed = t
                .rows
                .with_untracked(|rows| rows.iter().any(|r| r.id == conn.id && r != conn));
            if changed {
                t.rows.update(|rows| {
                    if let Some(r) = rows.iter_mut().find(|r| r.id == conn.id) {
                        *r = conn.clone();
                    }
                });
            }
        }
    }
    t.notes.update(|notes| {
        for (_, note) in lines {
            match notes.iter_mut().find(|n| n.0 == note.0) {
                Some(n) if *n != note => *n = note,
                Some(_) => {}
                None => notes.push(note),
            }
        }
    });
}

/// Cancel: requests in flight are aborted, the rest are not sent.
fn cancel(c: Console, t: Tab) {
    t.driver.cancel(c.run_env());
}

/// The run is over: the summary, and the tab's count as it is now.
fn finish(c: Console, t: Tab) {
    sync(t);
    let text = t.driver.with(|r| {
        let action = r
            .rows()
            .first()
            .map_or(ConnectionAction::Accept, |row| row.job.action);
        let p = r.progress(now());
        let mut s = action_summary(action, p.done, p.failed + p.aborted);
        if p.unconfirmed > 0 {
            s.push_str(&format!(" {} not confirmed yet.", p.unconfirmed));
        }
        if p.not_started > 0 {
            s.push_str(&format!(" {} not sent (cancelled).", p.not_started));
        }
        s
    });
    t.summary.set(text);
    t.selected.set(Vec::new());
    load_page_pending(c, c.page.id.get_untracked());
}

/// The Connections tab's panel.
#[component]
pub fn ConnectionsPanel() -> impl IntoView {
    let c = use_console();
    let t = Tab {
        view: RwSignal::new(ConnectionsView::default()),
        rows: RwSignal::new(Vec::new()),
        total: RwSignal::new(0),
        started: RwSignal::new(false),
        loading: RwSignal::new(false),
        problem: RwSignal::new(None),
        selected: RwSignal::new(Vec::new()),
        notes: RwSignal::new(Vec::new()),
        summary: RwSignal::new(None),
        confirm: RwSignal::new(Vec::new()),
        driver: RunDriver::new(),
    };
    let shown = move || c.access.tab.get() == ServiceTab::Connections;
    // Read when first shown (and again for another service).
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
    on_cleanup(move || {
        // The page goes: nothing more is sent for it.
        t.driver.stop();
    });
    let view_now = move || t.view.get();
    let pages = Signal::derive(move || view_now().page_count(t.total.get()));
    let page = Signal::derive(move || view_now().page.min(pages.get()));
    let range = Signal::derive(move || {
        let v = view_now();
        let (shown, total) = (t.rows.with(Vec::len) as u64, t.total.get());
        if shown == 0 {
            format!("0 of {total}")
        } else {
            let first = u64::from(v.page.max(1) - 1) * u64::from(v.page_size) + 1;
            format!("{first}–{} of {total}", first + shown - 1)
        }
    });
    let on_page = Callback::new(move |p: u32| {
        go(
            c,
            t,
            ConnectionsView {
                page: p,
                ..t.view.get_untracked()
            },
        )
    });
    let on_size = Callback::new(move |size: u32| {
        go(
            c,
            t,
            ConnectionsView {
                page_size: size,
                ..t.view.get_untracked()
            }
            .first_page(),
        )
    });
    let page_error = Signal::derive(move || {
        matches!(
            problem_at(t),
            Some(ConnectionsInput::Page | ConnectionsInput::Sort)
        )
        .then(|| problem_text(t.problem.get()))
        .flatten()
    });
    view! {
        // In the tab's panel (src/ui/service_page.rs), which is there before this code is.
        <div class="access-body" aria-busy=move || t.loading.get().to_string()>
            <div class="panel-head">
                <h2 id="conn-title">"Connections" <span class="api-name">"connections"</span></h2>
                <span class="spinner" role="status" aria-label="Loading" hidden=move || !t.loading.get()></span>
            </div>
            <p class="muted small">
                "The VPC endpoints of other accounts that connect to this service. Accept sends the action "
                <code>"receive"</code>", Reject sends "<code>"reject"</code>", one request per endpoint."
            </p>
            <ConnFilters t=t />
            <ErrorBanner problem=t.problem />
            <ConnActions t=t />
            <ConnTable t=t />
            <p class="muted" id="conn-empty" hidden=move || !t.started.get() || t.loading.get() || t.problem.with(Option::is_some) || t.rows.with(|r| !r.is_empty())>
                {move || if view_now().is_filtered() { "No connection matches this filter." } else { "No endpoint connects to this service yet." }}
            </p>
            <Pager prefix="conn" label="Pages of connections" range=range page=page pages=pages
                size=Signal::derive(move || view_now().page_size) sizes=&CONNECTION_PAGE_SIZES
                on_page=on_page on_size=on_size error=page_error />
            {move || { let ids = t.confirm.get(); (!ids.is_empty()).then(|| view! { <RejectDialog ids=ids t=t /> }) }}
        </div>
    }
}

/// The status filter (the API's `status`) and Reload. (The order is the API's default,
/// newest first: the tab offers no other, to keep the console small.)
#[component]
fn ConnFilters(t: Tab) -> impl IntoView {
    let c = use_console();
    let view_now = move || t.view.get();
    let status_error = move || {
        (problem_at(t) == Some(ConnectionsInput::StatusFilter))
            .then(|| problem_text(t.problem.get()))
            .flatten()
    };
    view! {
        <div class="toolbar">
            <div class="field">
                <label for="conn-filter-status">"Status" <span class="api-name">"status"</span></label>
                <select id="conn-filter-status"
                    aria-invalid=move || status_error().is_some().to_string()
                    aria-describedby="conn-filter-status-error"
                    prop:value=move || view_now().status.map(|s| s.as_str().to_owned()).unwrap_or_default()
                    on:change:target=move |ev| {
                        let value = ev.target().value();
                        let status = (!value.is_empty()).then(|| ConnectionStatus::parse(&value));
                        go(c, t, ConnectionsView { status, ..t.view.get_untracked() }.first_page());
                    }>
                    <option value="">"Any status"</option>
                    {ConnectionStatus::FILTERABLE
                        .iter()
                        .map(|s| view! { <option value=s.as_str().to_owned()>{s.label().to_owned()}</option> })
                        .collect_view()}
                </select>
                <p class="error" id="conn-filter-status-error">{status_error}</p>
            </div>
            <button type="button" class="secondary" id="conn-reload" on:click=move |_| load(c, t)>"Reload"</button>
        </div>
    }
}

/// Accept and Reject for the selected rows, Cancel while running, the result, and the
/// requests behind Accept.
#[component]
fn ConnActions(t: Tab) -> impl IntoView {
    let c = use_console();
    let count = move |action| t.selected.with(|s| allowed(t, s, action).len());
    let accept_selected = move |_| {
        let ids = t
            .selected
            .with_untracked(|s| allowed(t, s, ConnectionAction::Accept));
        run(c, t, ConnectionAction::Accept, ids);
    };
    let reject_selected = move |_| {
        let ids = t
            .selected
            .with_untracked(|s| allowed(t, s, ConnectionAction::Reject));
        if !ids.is_empty() {
            t.confirm.set(ids);
        }
    };
    // The requests behind Accept, exactly as they go: the selection's, or a first example.
    let example = move || {
        t.selected
            .with(|s| allowed(t, s, ConnectionAction::Accept).is_empty())
    };
    let requests = Signal::derive(move || {
        let mut ids = t.selected.with(|s| allowed(t, s, ConnectionAction::Accept));
        if ids.is_empty() {
            ids = t.rows.with(|r| {
                r.iter()
                    .find(|c| c.allows(ConnectionAction::Accept))
                    .map(|c| vec![c.id.clone()])
                    .unwrap_or_default()
            });
        }
        action_requests(c, ConnectionAction::Accept, &ids)
    });
    let note = Signal::derive(move || {
        if example() {
            "Nothing selected: this is the request for the first endpoint that can be accepted."
        } else {
            "One request per selected endpoint: the API takes exactly one endpoint per request."
        }
        .to_owned()
    });
    let label = move |action: ConnectionAction, n: usize| match (action, n) {
        (ConnectionAction::Accept, 0) => "Accept selected".to_owned(),
        (ConnectionAction::Accept, n) => format!("Accept {n} selected"),
        (ConnectionAction::Reject, 0) => "Reject selected…".to_owned(),
        (ConnectionAction::Reject, n) => format!("Reject {n} selected…"),
    };
    view! {
        <div class="selection-bar" role="group" aria-label="Act on the selected endpoints">
            <span id="conn-selected" aria-live="polite">
                {move || match t.selected.with(Vec::len) { 0 => "None selected".to_owned(), n => format!("{n} selected") }}
            </span>
            <button type="button" id="conn-accept"
                disabled=move || count(ConnectionAction::Accept) == 0 || t.driver.running()
                on:click=accept_selected>
                {move || label(ConnectionAction::Accept, count(ConnectionAction::Accept))}
            </button>
            <button type="button" class="danger" id="conn-reject"
                disabled=move || count(ConnectionAction::Reject) == 0 || t.driver.running()
                on:click=reject_selected>
                {move || label(ConnectionAction::Reject, count(ConnectionAction::Reject))}
            </button>
            <button type="button" class="secondary" id="conn-cancel" hidden=move || !t.driver.running()
                on:click=move |_| cancel(c, t)>"Cancel the rest"</button>
            <p id="conn-result" class="result" tabindex="-1" role="status">
                {move || if t.driver.running() { Some("Working: one request per endpoint…".to_owned()) } else { t.summary.get() }}
            </p>
        </div>
        <RequestsDisclosure id="conn-requests" summary="Request for Accept" note=note requests=requests />
    }
}

/// The requests of `action` for `ids`, exactly as they go.
fn action_requests(c: Console, action: ConnectionAction, ids: &[String]) -> Vec<ApiRequest> {
    let settings = c.settings.snapshot();
    let service_id = c.page.id.get();
    ids.iter()
        .filter_map(|id| {
            build_request(
                &settings,
                &Operation::ConnectionAction {
                    service_id: service_id.clone(),
                    action,
                    endpoint_id: id.clone(),
                },
            )
            .ok()
        })
        .collect()
}

/// The page of connections.
#[component]
fn ConnTable(t: Tab) -> impl IntoView {
    let c = use_console();
    let page_ids = move || {
        t.rows
            .with(|r| r.iter().map(|c| c.id.clone()).collect::<Vec<_>>())
    };
    let all_ticked = move || {
        let ids = page_ids();
        !ids.is_empty() && t.selected.with(|s| ids.iter().all(|id| s.contains(id)))
    };
    let some_ticked = move || t.selected.with(|s| !s.is_empty()) && !all_ticked();
    let toggle_all = Callback::new(move |_| {
        if all_ticked() {
            t.selected.set(Vec::new());
        } else {
            t.selected.set(page_ids());
        }
    });
    view! {
        <div class="scroll">
            // Only Huawei Cloud's connections carry a description: no empty column elsewhere.
            <table class="services conn-table" id="conn-table" class:no-desc=move || c.settings.dialect.get() != Dialect::Huawei>
                <caption class="visually-hidden">"Connections to this service"</caption>
                <thead>
                    <tr>
                        <th scope="col" class="pick-cell">
                            <PickBox id="conn-pick-page" checked=Signal::derive(all_ticked) mixed=Signal::derive(some_ticked)
                                on_toggle=toggle_all label="Select every endpoint on this page".to_owned() />
                        </th>
                        <th scope="col">"Endpoint ID · account" <span class="api-name">"id · domain_id"</span></th>
                        <th scope="col">"Marker ID"</th>
                        <th scope="col">"Status"</th>
                        <th scope="col" class="opt desc">"Description"</th>
                        <th scope="col" class="opt">"Created · updated"</th>
                        <th scope="col">"Actions"</th>
                    </tr>
                </thead>
                <tbody>
                    {move || t.rows.get().into_iter().map(|conn| view! { <ConnRow conn=conn t=t /> }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// The error's words for a message beside an input.
fn problem_text(p: Option<Problem>) -> Option<String> {
    match p? {
        Problem::Api { error, .. } => Some(format!(
            "{}: {}",
            error.error_code.as_deref().unwrap_or("Error"),
            error.error_msg.as_deref().unwrap_or(&error.hint)
        )),
        Problem::Settings(e) => Some(e.message().to_owned()),
    }
}

/// One connection.
#[component]
fn ConnRow(conn: Connection, t: Tab) -> impl IntoView {
    let c = use_console();
    let id = conn.id.clone();
    let dom = ConnectionsInput::Row(id.clone()).dom_id();
    let note_id = format!("{dom}-error");
    let status = conn.status.clone();
    let failure = conn
        .error
        .first()
        .and_then(|e| e.error_message.clone())
        .unwrap_or_default();
    let note = {
        let id = id.clone();
        move || t.notes.with(|n| n.iter().find(|n| n.0 == id).cloned())
    };
    let note_text = {
        let note = note.clone();
        move || note().map(|n| n.1)
    };
    let note_tone = move || format!("row-note tone-{}", note().map(|n| n.2).unwrap_or(""));
    let (can_accept, can_reject) = (
        conn.allows(ConnectionAction::Accept),
        conn.allows(ConnectionAction::Reject),
    );
    let pick = id.clone();
    let ticked = id.clone();
    let accept_id = id.clone();
    let reject_id = id.clone();
    view! {
        <tr id=dom.clone() class="conn-row" data-id=id.clone()>
            <td class="pick-cell">
                <PickBox checked=Signal::derive(move || t.selected.with(|s| s.contains(&ticked)))
                    on_toggle=Callback::new(move |_| t.selected.update(|s| {
                        if let Some(i) = s.iter().position(|x| *x == pick) { s.remove(i); } else { s.push(pick.clone()); }
                    }))
                    label=format!("Select endpoint {id}") />
            </td>
            <th scope="row">
                <code class="endpoint">{id.clone()}</code>
                <span class="account small muted">"Account "<code>{conn.domain_id.clone().unwrap_or_else(|| "—".into())}</code></span>
            </th>
            <td class="marker"><code>{conn.marker_id.clone().unwrap_or_else(|| "—".into())}</code></td>
            <td class="status">
                <span class=format!("badge conn-status status-{}", status.as_str())>{status.label().to_owned()}</span>
                <span class="api-name">{status.as_str().to_owned()}</span>
                <p class="small fail" hidden=failure.is_empty()>{failure.clone()}</p>
            </td>
            <td class="opt desc">{conn.description.clone().filter(|d| !d.is_empty()).unwrap_or_else(|| "—".into())}</td>
            <td class="opt times"><Time iso=conn.created_at.clone() /><span class="muted"><Time iso=conn.updated_at.clone() /></span></td>
            <td class="row-actions">
                <button type="button" class="secondary row-accept" hidden=!can_accept
                    aria-describedby=note_id.clone()
                    disabled=move || t.driver.running()
                    on:click=move |_| run(c, t, ConnectionAction::Accept, vec![accept_id.clone()])>
                    "Accept"<span class="visually-hidden">{format!(" endpoint {id}")}</span>
                </button>
                <button type="button" class="danger row-reject" hidden=!can_reject
                    aria-describedby=note_id.clone()
                    disabled=move || t.driver.running()
                    on:click=move |_| t.confirm.set(vec![reject_id.clone()])>
                    "Reject…"<span class="visually-hidden">{format!(" endpoint {}", conn.id)}</span>
                </button>
                <p class=note_tone id=note_id>{note_text}</p>
            </td>
        </tr>
    }
}

/// Reject asks first: the endpoints lose their connection. Shows the requests exactly.
#[component]
fn RejectDialog(ids: Vec<String>, t: Tab) -> impl IntoView {
    let c = use_console();
    let close = Callback::new(move |_| t.confirm.set(Vec::new()));
    let n = ids.len();
    let requests = untrack(|| action_requests(c, ConnectionAction::Reject, &ids));
    let list = ids
        .iter()
        .map(|id| view! { <li><code>{id.clone()}</code></li> })
        .collect_view();
    let confirm = move |_| {
        t.confirm.set(Vec::new());
        run(c, t, ConnectionAction::Reject, ids.clone());
    };
    view! {
        <Dialog id="reject-dialog" labelled_by="reject-title" described_by="reject-what" on_close=close>
            <h2 id="reject-title">{if n == 1 { "Reject 1 endpoint?".to_owned() } else { format!("Reject {n} endpoints?") }}</h2>
            <p id="reject-what">
                {if n == 1 { "The endpoint loses its connection to this service" } else { "Each endpoint loses its connection to this service" }}
                ": its account can no longer reach the service through it until it is accepted again."
            </p>
            <ul class="ids">{list}</ul>
            <details class="request-disclosure">
                <summary>{if n == 1 { "Request".to_owned() } else { format!("Requests ({n}, one per endpoint)") }}</summary>
                <RequestList requests=requests />
            </details>
            <div class="actions">
                <button type="button" class="secondary" id="reject-cancel" data-autofocus="" on:click=move |_| close.run(())>"Cancel"</button>
                <button type="button" class="danger" id="reject-confirm" on:click=confirm>
                    {if n == 1 { "Reject".to_owned() } else { format!("Reject {n}") }}
                </button>
            </div>
        </Dialog>
    }
}

split_point!(
    access,
    /// The service page's Connections tab.
    pub fn connections_panel() -> Part {
        Ok(untrack(|| view! { <ConnectionsPanel /> }.into_any()))
    }
);
