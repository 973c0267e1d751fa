//! The Connections tab's panel: the filters, the actions on the selected endpoints,
//! the pager and Reject's confirmation.

use super::state::{
    action_requests, allowed, cancel, go, load, problem_at, problem_text, run, ConnectionsTab,
};
use super::table::ConnTable;
use crate::api::connections::{
    ConnectionAction, ConnectionStatus, ConnectionsInput, ConnectionsView, CONNECTION_PAGE_SIZES,
};
use crate::api::route::ServiceTab;
use crate::api::words::{count, fill, w};
use crate::ui::controls::with_code;
use crate::ui::controls::{Pager, RequestList, RequestsDisclosure};
use crate::ui::dialog::Dialog;
use crate::ui::dom::effect_with;
use crate::ui::outcome::ErrorBanner;
use crate::ui::page_reader::PageReader;
use crate::ui::run::RunDriver;
use crate::ui::split::{split_point, Part};
use crate::ui::state::use_console;
use leptos::prelude::*;

/// The Connections tab's panel.
#[component]
pub fn ConnectionsPanel() -> impl IntoView {
    let c = use_console();
    let t = ConnectionsTab {
        list: PageReader::new(ConnectionsView::default()),
        selected: RwSignal::new(Vec::new()),
        notes: RwSignal::new(Vec::new()),
        summary: RwSignal::new(None),
        confirm: RwSignal::new(Vec::new()),
        driver: RunDriver::new(),
    };
    let shown = move || c.access.tab.get() == ServiceTab::Connections;
    // Read when first shown (and again for another service).
    effect_with(move |last: Option<String>| {
        let id = c.page.id.get();
        if shown()
            && c.settings.complete()
            && (last.as_deref() != Some(id.as_str()) || !t.list.started.get_untracked())
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
    let view_now = move || t.list.view.get();
    let pages = Signal::derive(move || view_now().page_count(t.list.total.get()));
    let page = Signal::derive(move || view_now().page.min(pages.get()));
    let range = Signal::derive(move || t.list.range(ConnectionsView::paging));
    let on_page = Callback::new(move |p: u32| {
        go(
            c,
            t,
            ConnectionsView {
                page: p,
                ..t.list.view.get_untracked()
            },
        )
    });
    let on_size = Callback::new(move |size: u32| {
        go(
            c,
            t,
            ConnectionsView {
                page_size: size,
                ..t.list.view.get_untracked()
            }
            .first_page(),
        )
    });
    let page_error = Signal::derive(move || {
        matches!(
            problem_at(t),
            Some(ConnectionsInput::Page | ConnectionsInput::Sort)
        )
        .then(|| problem_text(t.list.problem.get()))
        .flatten()
    });
    view! {
        // In the tab's panel (src/ui/service_page.rs), which is there before this code is.
        <div class="access-body" aria-busy=move || t.list.loading.get().to_string()>
            <div class="panel-head">
                <h2 id="conn-title">{w().core.connections_tab} <span class="api-name">"connections"</span></h2>
                <span class="spinner" role="status" aria-label=w().access().loading hidden=move || !t.list.loading.get()></span>
            </div>
            <p class="muted small">{with_code(w().access().conn_intro, &["receive", "reject"])}</p>
            <ConnFilters t=t />
            <ErrorBanner problem=t.list.problem />
            <ConnActions t=t />
            <ConnTable t=t />
            <p class="muted" id="conn-empty" hidden=move || !t.list.started.get() || t.list.loading.get() || t.list.problem.with(Option::is_some) || t.list.rows.with(|r| !r.is_empty())>
                {move || if view_now().is_filtered() { w().access().conn_none_match } else { w().access().conn_none_yet }}
            </p>
            <Pager prefix="conn" label=w().access().conn_pages range=range page=page pages=pages
                size=Signal::derive(move || view_now().page_size) sizes=&CONNECTION_PAGE_SIZES
                on_page=on_page on_size=on_size error=page_error />
            {move || { let ids = t.confirm.get(); (!ids.is_empty()).then(|| view! { <RejectDialog ids=ids t=t /> }) }}
        </div>
    }
}

/// The status filter (the API's `status`) and Reload. (The order is the API's default,
/// newest first: the tab offers no other, to keep the console small.)
#[component]
pub(super) fn ConnFilters(t: ConnectionsTab) -> impl IntoView {
    let c = use_console();
    let view_now = move || t.list.view.get();
    let status_error = move || {
        (problem_at(t) == Some(ConnectionsInput::StatusFilter))
            .then(|| problem_text(t.list.problem.get()))
            .flatten()
    };
    view! {
        <div class="toolbar">
            <div class="field">
                <label for="conn-filter-status">{w().access().status} <span class="api-name">"status"</span></label>
                <select id="conn-filter-status"
                    aria-invalid=move || status_error().is_some().to_string()
                    aria-describedby="conn-filter-status-error"
                    prop:value=move || view_now().status.map(|s| s.as_str().to_owned()).unwrap_or_default()
                    on:change:target=move |ev| {
                        let value = ev.target().value();
                        let status = (!value.is_empty()).then(|| ConnectionStatus::parse(&value));
                        go(c, t, ConnectionsView { status, ..t.list.view.get_untracked() }.first_page());
                    }>
                    <option value="">{w().access().any_status}</option>
                    {ConnectionStatus::FILTERABLE
                        .iter()
                        .map(|s| view! { <option value=s.as_str().to_owned()>{s.label().to_owned()}</option> })
                        .collect_view()}
                </select>
                <p class="error" id="conn-filter-status-error">{status_error}</p>
            </div>
            <button type="button" class="secondary" id="conn-reload" on:click=move |_| load(c, t)>{w().access().reload}</button>
        </div>
    }
}

/// Accept and Reject for the selected rows, Cancel while running, the result, and the
/// requests behind Accept.
#[component]
pub(super) fn ConnActions(t: ConnectionsTab) -> impl IntoView {
    let c = use_console();
    let allowed_n = move |action| t.selected.with(|s| allowed(t, s, action).len());
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
            ids = t.list.rows.with(|r| {
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
            w().access().accept_example_note
        } else {
            w().access().accept_requests_note
        }
        .to_owned()
    });
    let label = move |action: ConnectionAction, n: usize| {
        let a = w().access();
        match (action, n) {
            (ConnectionAction::Accept, 0) => a.accept_selected.to_owned(),
            (ConnectionAction::Accept, n) => fill(a.accept_n_selected, &[&count(n)]),
            (ConnectionAction::Reject, 0) => a.reject_selected.to_owned(),
            (ConnectionAction::Reject, n) => fill(a.reject_n_selected, &[&count(n)]),
        }
    };
    view! {
        <div class="selection-bar" role="group" aria-label=w().access().conn_act_label>
            <span id="conn-selected" aria-live="polite">
                {move || match t.selected.with(Vec::len) { 0 => w().access().none_selected.to_owned(), n => fill(w().access().n_selected, &[&count(n)]) }}
            </span>
            <button type="button" id="conn-accept"
                disabled=move || allowed_n(ConnectionAction::Accept) == 0 || t.driver.running()
                on:click=accept_selected>
                {move || label(ConnectionAction::Accept, allowed_n(ConnectionAction::Accept))}
            </button>
            <button type="button" class="danger" id="conn-reject"
                disabled=move || allowed_n(ConnectionAction::Reject) == 0 || t.driver.running()
                on:click=reject_selected>
                {move || label(ConnectionAction::Reject, allowed_n(ConnectionAction::Reject))}
            </button>
            <button type="button" class="secondary" id="conn-cancel" hidden=move || !t.driver.running()
                on:click=move |_| cancel(c, t)>{w().access().cancel_rest}</button>
            <p id="conn-result" class="result" tabindex="-1" role="status">
                {move || if t.driver.running() { Some(w().access().conn_working.to_owned()) } else { t.summary.get() }}
            </p>
        </div>
        <RequestsDisclosure id="conn-requests" summary=w().access().accept_request_summary note=note requests=requests />
    }
}

/// Reject asks first: the endpoints lose their connection. Shows the requests exactly.
#[component]
pub(super) fn RejectDialog(ids: Vec<String>, t: ConnectionsTab) -> impl IntoView {
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
            <h2 id="reject-title">{if n == 1 { w().access().reject_title_one.to_owned() } else { fill(w().access().reject_title_many, &[&count(n)]) }}</h2>
            <p id="reject-what">
                {if n == 1 { w().access().reject_what_one } else { w().access().reject_what_many }}
            </p>
            <ul class="ids">{list}</ul>
            <details class="request-disclosure">
                <summary>{if n == 1 { w().access().request.to_owned() } else { fill(w().access().reject_requests, &[&count(n)]) }}</summary>
                <RequestList requests=requests prefix="reject" />
            </details>
            <div class="actions">
                <button type="button" class="secondary" id="reject-cancel" data-autofocus="" on:click=move |_| close.run(())>{w().access().cancel}</button>
                <button type="button" class="danger" id="reject-confirm" on:click=confirm>
                    {if n == 1 { w().access().reject.to_owned() } else { fill(w().access().reject_n, &[&count(n)]) }}
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
