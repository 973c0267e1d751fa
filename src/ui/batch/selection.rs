//! The list's selection: a box per row and one for the page, *Select all N matching*,
//! and the change to make to all of them.

use super::flow::review;
use crate::api::batch::{select_all_queries, BatchAction, PageTick, Selection};
use crate::api::dialect::tcp_proxy_label;
use crate::api::list::ListView;
use crate::api::words::{advanced, field_label, fill, w};
use crate::api::{Dialect, EndpointService, Operation, Outcome};
use crate::ui::outcome::Problem;
use crate::ui::state::{use_console, Console};
use leptos::prelude::*;

/// "Select all N matching": every page of the list's filter, one request after another.
pub fn select_all_matching(c: Console, view: ListView, total: u64) {
    let b = c.batch();
    if b.fetching.get_untracked().is_some() {
        return;
    }
    let dialect = c.settings.dialect.get_untracked();
    let queries = match select_all_queries(&view, dialect, total) {
        Ok(q) => q,
        Err(e) => {
            b.problem.set(Some(e.to_string()));
            return;
        }
    };
    b.problem.set(None);
    // Fetching from now, not from when the task runs: a second click finds it so.
    b.fetching.set(Some(w().batch().selecting.to_owned()));
    leptos::task::spawn_local(async move {
        let pages = queries.len();
        let mut found: Vec<EndpointService> = Vec::new();
        for (n, query) in queries.into_iter().enumerate() {
            b.fetching
                .set(Some(fill(w().batch().selecting_page, &[&(n + 1), &pages])));
            let size = query.limit;
            match c.call(Operation::ListServices(query)).await {
                Ok((Outcome::List(list), _)) => {
                    let short = (list.endpoint_services.len() as u32) < size.unwrap_or(0);
                    found.extend(list.endpoint_services);
                    if short {
                        break;
                    }
                }
                Ok(_) => break,
                Err(problem) => {
                    let why = match problem {
                        Problem::Settings(e) => e.message().to_owned(),
                        Problem::Api { error, .. } => error.to_string(),
                    };
                    b.problem.set(Some(fill(
                        w().batch().selecting_stopped,
                        &[&(n + 1), &pages, &why],
                    )));
                    break;
                }
            }
        }
        b.selection.update(|s| {
            s.select_all(&found);
        });
        b.fetching.set(None);
    });
}

/// The batch action chooser's value: the action's key plus its value.
fn action_from(kind: &str, tcp_proxy: &str, description: &str) -> Option<BatchAction> {
    Some(match kind {
        "upgrade" => BatchAction::Upgrade,
        "approval-on" => BatchAction::SetApproval(true),
        "approval-off" => BatchAction::SetApproval(false),
        "tcp-proxy" => BatchAction::SetTcpProxy(tcp_proxy.to_owned()),
        "description" => BatchAction::SetDescription(description.trim().to_owned()),
        "clear-description" => BatchAction::SetDescription(String::new()),
        _ => return None,
    })
}

/// The header cell's "select every service on this page".
#[component]
pub fn PageCheckbox(services: Vec<EndpointService>) -> impl IntoView {
    let c = use_console();
    let b = c.batch();
    let page = StoredValue::new(services);
    let tick = move || b.selection.with(|s| page.with_value(|p| s.page_tick(p)));
    view! {
        <label class="pick">
            <input
                type="checkbox"
                id="pick-page"
                prop:checked=move || tick() == PageTick::All
                prop:indeterminate=move || tick() == PageTick::Some
                on:change=move |_| b.selection.update(|s| page.with_value(|p| s.toggle_page(p)))
            />
            <span class="visually-hidden">{w().batch().pick_page}</span>
        </label>
    }
}

/// A row's checkbox.
#[component]
pub fn RowCheckbox(service: EndpointService, name: String) -> impl IntoView {
    let c = use_console();
    let b = c.batch();
    let id = service.id.clone();
    let service = StoredValue::new(service);
    view! {
        <label class="pick">
            <input
                type="checkbox"
                class="pick-row"
                data-id=id.clone()
                prop:checked=move || b.selection.with(|s| s.contains(&id))
                on:change=move |_| b.selection.update(|s| {
                    service.with_value(|v| s.toggle(v));
                })
            />
            <span class="visually-hidden">{fill(w().batch().pick_row, &[&name])}</span>
        </label>
    }
}

/// Under the list's toolbar: how many are selected, select all matching, clear, and the
/// change to make to all of them.
#[component]
pub fn SelectionBar(view: ListView, total: u64) -> impl IntoView {
    let c = use_console();
    let b = c.batch();
    let dialect = Signal::derive(move || c.settings.dialect.get());
    let kind = RwSignal::new(String::new());
    let tcp_proxy = RwSignal::new("close".to_owned());
    let description = RwSignal::new(String::new());
    let count = move || b.selection.with(|s| s.count());
    let on_review = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match action_from(
            &kind.get_untracked(),
            &tcp_proxy.get_untracked(),
            &description.get_untracked(),
        ) {
            Some(action) if count() > 0 => review(c, action),
            Some(_) => b.problem.set(Some(w().batch().need_selection.into())),
            None => b.problem.set(Some(w().batch().need_action.into())),
        }
    };
    let select_view = view.clone();
    view! {
        <form class="selection-bar" id="selection-bar" aria-label=w().batch().bar_label on:submit=on_review class:empty=move || count() == 0>
            <span id="selection-count" aria-live="polite">
                {move || match count() {
                    0 => w().batch().none_selected.to_owned(),
                    _ => b.selection.with(|s| s.count_text()),
                }}
            </span>
            <button type="button" class="secondary" id="select-matching"
                disabled=move || b.fetching.with(Option::is_some) || b.busy_signal()
                on:click=move |_| select_all_matching(c, select_view.clone(), total)>
                {fill(w().batch().select_matching, &[&crate::api::words::count(usize::try_from(total).unwrap_or(usize::MAX))])}
            </button>
            <button type="button" class="secondary" id="selection-clear"
                disabled=move || count() == 0 || b.busy_signal()
                on:click=move |_| b.selection.update(Selection::clear)>
                {w().batch().clear_selection}
            </button>
            <span class="muted" id="select-progress" role="status">{move || b.fetching.get()}</span>
            <span class="spacer"></span>
            <div class="field">
                <label for="batch-action">{w().batch().change_label}</label>
                <select id="batch-action" prop:value=move || kind.get()
                    on:change:target=move |ev| kind.set(ev.target().value())>
                    <option value="">{w().batch().choose_change}</option>
                    <option value="upgrade" disabled=move || dialect.get() != Dialect::Huawei>
                        {fill(w().batch().upgrade_to, &[&advanced()])}
                    </option>
                    <option value="approval-on">{fill(w().batch().field_value, &[&field_label("approval_enabled"), &w().core.yes])}</option>
                    <option value="approval-off">{fill(w().batch().field_value, &[&field_label("approval_enabled"), &w().core.no])}</option>
                    <option value="tcp-proxy">{w().batch().option_tcp_proxy}</option>
                    <option value="description">{w().batch().option_description}</option>
                    <option value="clear-description">{w().batch().clear_description}</option>
                </select>
            </div>
            <div class="field" hidden=move || kind.get() != "tcp-proxy">
                <label for="batch-tcp-proxy">{w().batch().client_address}</label>
                <select id="batch-tcp-proxy" prop:value=move || tcp_proxy.get()
                    on:change:target=move |ev| tcp_proxy.set(ev.target().value())>
                    {move || dialect.get().tcp_proxy_values().iter().map(|v| view! {
                        <option value=*v>{format!("{} · {v}", tcp_proxy_label(v))}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field" hidden=move || kind.get() != "description">
                <label for="batch-description">{w().batch().new_description}</label>
                <input id="batch-description" autocomplete="off" prop:value=description on:input=crate::ui::field::set_text(description) />
            </div>
            <button type="submit" id="batch-review" disabled=move || count() == 0 || b.busy_signal()>
                {w().batch().review}
            </button>
        </form>
        <p class="banner error" role="alert" id="batch-problem" hidden=move || b.problem.with(Option::is_none)>
            {move || b.problem.get()}
        </p>
    }
}
