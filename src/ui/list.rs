//! The start page: the project's endpoint services, filtered, ordered and paged by the
//! server. A row opens the service's page.

use super::access::counts::PendingCount;
use super::batch::selection::{PageCheckbox, RowCheckbox, SelectionBar};
use super::batch::state::BatchStage;
use super::card::Time;
use super::controls::Pager;
use super::dom::effect;
use super::outcome::ErrorBanner;
use super::split::{part, split_point, Part};
use super::state::{use_console, Console, Run};
use crate::api::list::{ListView, SortDir, SortKey, PAGE_SIZES, STATUSES};
use crate::api::route::Route;
use crate::api::words::{edition_of, server_type_label, status_label, w};
use crate::api::{EndpointService, ServiceList};
use leptos::prelude::*;
use std::time::Duration;

/// The view the list shows now (the route's).
fn current_view(c: Console) -> ListView {
    match c.route.get() {
        Route::List(v) => v,
        Route::Service { .. } => ListView::default(),
    }
}

/// The sort order as one choice: key and direction.
const ORDERS: [(SortKey, SortDir); 4] = [
    (SortKey::Created, SortDir::Desc),
    (SortKey::Created, SortDir::Asc),
    (SortKey::Updated, SortDir::Desc),
    (SortKey::Updated, SortDir::Asc),
];

/// An order in words.
fn order_label(sort: SortKey, dir: SortDir) -> &'static str {
    let l = w().list();
    match (sort, dir) {
        (SortKey::Created, SortDir::Desc) => l.order_newest,
        (SortKey::Created, SortDir::Asc) => l.order_oldest,
        (SortKey::Updated, SortDir::Desc) => l.order_recently_updated,
        (SortKey::Updated, SortDir::Asc) => l.order_least_recently_updated,
    }
}

/// Filter, order and "open by ID".
#[component]
fn Toolbar() -> impl IntoView {
    let c = use_console();
    let view_now = move || current_view(c);
    // The name filter is the server's (fuzzy, any case): ask once typing pauses.
    let name = RwSignal::new(untrack(view_now).name);
    let typed = StoredValue::new(0u32);
    // Typed and not yet in the route (the pause has not come).
    let pending = StoredValue::new(false);
    // The page stays while the route changes (src/ui/app.rs): Back, Forward or *Clear
    // filters* bring the route's name into the box, unless the user is typing.
    effect(move || {
        let routed = current_view(c).name;
        if !pending.get_value() && name.get_untracked() != routed {
            name.set(routed);
        }
    });
    let on_name = move |text: String| {
        name.set(text.clone());
        let n = typed.get_value() + 1;
        typed.set_value(n);
        pending.set_value(true);
        set_timeout(
            move || {
                // Only the last keystroke counts, and only while the list is there.
                if typed.try_get_value() != Some(n) {
                    return;
                }
                pending.try_set_value(false);
                if let Some(Route::List(v)) = c.route.try_get_untracked() {
                    if v.name != text {
                        c.go(Route::List(ListView { name: text, ..v }.first_page()));
                    }
                }
            },
            Duration::from_millis(350),
        );
    };
    let open_id = RwSignal::new(String::new());
    let on_open = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let id = open_id.get_untracked().trim().to_owned();
        if !id.is_empty() {
            c.go(Route::Service { id });
        }
    };
    view! {
        <div class="toolbar">
            <form class="filters" role="search" on:submit=|ev| ev.prevent_default()>
                <div class="field">
                    <label for="list-filter">{w().list().filter_name}</label>
                    <input
                        id="list-filter"
                        type="search"
                        autocomplete="off"
                        spellcheck="false"
                        prop:value=move || name.get()
                        on:input:target=move |ev| on_name(ev.target().value())
                    />
                </div>
                <div class="field">
                    <label for="list-status">{w().list().filter_status}</label>
                    <select
                        id="list-status"
                        prop:value=move || view_now().status
                        on:change:target=move |ev| {
                            let v = untrack(view_now);
                            c.go(Route::List(ListView { status: ev.target().value(), ..v }.first_page()));
                        }
                    >
                        <option value="">{w().list().any_status}</option>
                        {STATUSES
                            .iter()
                            .map(|s| view! { <option value=*s>{status_label(s).to_owned()}</option> })
                            .collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="list-order">{w().list().filter_order}</label>
                    <select
                        id="list-order"
                        prop:value=move || {
                            let v = view_now();
                            format!("{}-{}", v.sort.as_str(), v.dir.as_str())
                        }
                        on:change:target=move |ev| {
                            let value = ev.target().value();
                            if let Some((sort, dir)) = ORDERS
                                .iter()
                                .find(|(s, d)| format!("{}-{}", s.as_str(), d.as_str()) == value)
                            {
                                let v = untrack(view_now);
                                c.go(Route::List(ListView { sort: *sort, dir: *dir, ..v }.first_page()));
                            }
                        }
                    >
                        {ORDERS
                            .iter()
                            .map(|(s, d)| view! {
                                <option value=format!("{}-{}", s.as_str(), d.as_str())>{order_label(*s, *d)}</option>
                            })
                            .collect_view()}
                    </select>
                </div>
            </form>
            <form class="open-by-id" on:submit=on_open>
                <div class="field">
                    <label for="open-id">{w().list().open_id_label}</label>
                    <input id="open-id" autocomplete="off" spellcheck="false" prop:value=open_id on:input=super::field::set_text(open_id) />
                </div>
                <button type="submit" class="secondary" id="open-by-id">{w().list().open_id_button}</button>
            </form>
        </div>
    }
}

/// One service as a row; its name opens its page (a real link: it can open a new tab).
#[component]
fn Row(service: EndpointService) -> impl IntoView {
    let c = use_console();
    let id = service.id.clone();
    let href =
        Route::Service { id: id.clone() }.to_query(c.settings.project_id.get_untracked().trim());
    let name = service.short_name();
    let name = if name.is_empty() {
        w().list().no_name.to_owned()
    } else {
        name
    };
    let status = service.status.clone().unwrap_or_default();
    let open = move |ev: leptos::ev::MouseEvent| {
        // A plain click stays in the page; Ctrl/Cmd/middle click opens a new tab.
        if ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.button() != 0 {
            return;
        }
        ev.prevent_default();
        c.go(Route::Service { id: id.clone() });
    };
    let pick_name = name.clone();
    view! {
        <tr>
            <td class="pick-cell"><RowCheckbox service=service.clone() name=pick_name /></td>
            <th scope="row">
                <a href=href class="service-link" on:click=open>{name}</a>
                <code class="muted small id">{service.id.clone()}</code>
            </th>
            <td><span class=format!("badge status-{status}")>{status_label(&status).to_owned()}</span></td>
            <td class="opt">{server_type_label(service.server_type.as_deref().unwrap_or("")).to_owned()}</td>
            <td>{edition_of(&service)}</td>
            <td class="num opt">{service.ports.len()}</td>
            <td class="opt">
                {service.approval_enabled.map(|a| if a { w().core.yes } else { w().core.no }).unwrap_or("—")}
                " "<PendingCount service_id=service.id.clone() />
            </td>
            <td><Time iso=service.updated_at.clone() /></td>
        </tr>
    }
}

/// Page through `total` services: the pager every list has, its page in the route.
#[component]
fn ListPager(view: ListView, total: u64, shown: usize) -> impl IntoView {
    let c = use_console();
    let pages = view.page_count(total);
    let page = view.page.min(pages);
    let range = view.range_text(shown, total);
    let size = view.page_size;
    let to_page = view.clone();
    let on_page = Callback::new(move |p: u32| {
        c.go(Route::List(ListView {
            page: p,
            ..to_page.clone()
        }))
    });
    let on_size = Callback::new(move |page_size: u32| {
        c.go(Route::List(
            ListView {
                page_size,
                ..view.clone()
            }
            .first_page(),
        ))
    });
    let no_error: Option<String> = None;
    view! {
        <Pager prefix="list" label=w().list().pages_label range=range page=page pages=pages size=size
            sizes=&PAGE_SIZES on_page=on_page on_size=on_size error=no_error />
    }
}

/// The table of one page.
#[component]
fn Table(view: ListView, list: ServiceList) -> impl IntoView {
    let by_updated = view.sort == SortKey::Updated;
    let aria_sort = if view.dir == SortDir::Asc {
        "ascending"
    } else {
        "descending"
    };
    let shown = list.endpoint_services.len();
    let total = list.total_count;
    let page_services = list.endpoint_services.clone();
    view! {
        <SelectionBar view=view.clone() total=total />
        <div class="scroll">
            <table class="services" id="service-table">
                <caption class="visually-hidden">{w().core.endpoint_services}</caption>
                <thead>
                    <tr>
                        <th scope="col" class="pick-cell"><PageCheckbox services=page_services /></th>
                        <th scope="col">{w().list().col_name}</th>
                        <th scope="col">{w().list().col_status}</th>
                        <th scope="col" class="opt">{w().list().col_backend_type}</th>
                        <th scope="col">{w().list().col_edition}</th>
                        <th scope="col" class="num opt">{w().list().col_ports}</th>
                        <th scope="col" class="opt">{w().list().col_approval}</th>
                        <th scope="col" aria-sort=by_updated.then_some(aria_sort)>{w().list().col_updated}</th>
                    </tr>
                </thead>
                <tbody>
                    {list
                        .endpoint_services
                        .into_iter()
                        .map(|s| view! { <Row service=s /> })
                        .collect_view()}
                </tbody>
            </table>
        </div>
        <ListPager view=view total=total shown=shown />
    }
}

/// What the list shows when it has no rows: each case with a next step.
#[component]
fn Empty(view: ListView) -> impl IntoView {
    let c = use_console();
    if view.is_filtered() {
        view! {
            <div class="empty" id="list-empty">
                <h2>{w().list().no_match_title}</h2>
                <p>{w().list().no_match_text}</p>
                <button type="button" class="secondary" id="clear-filters"
                    on:click=move |_| c.go(Route::List(ListView::default()))>
                    {w().list().clear_filters}
                </button>
            </div>
        }
        .into_any()
    } else {
        // The project ID sits in the sentence where the language puts it.
        let (before, after) = w()
            .list()
            .none_text
            .split_once("{0}")
            .unwrap_or((w().list().none_text, ""));
        view! {
            <div class="empty" id="list-empty">
                <h2>{w().list().none_title}</h2>
                <p>
                    {before}<code>{move || c.settings.project_id.get()}</code>{after}
                </p>
            </div>
        }
        .into_any()
    }
}

/// The service list page.
#[component]
pub fn ServiceListPage() -> impl IntoView {
    let c = use_console();
    // The batch panel's code is fetched when a batch is first reviewed, then kept.
    let batch_seen = Memo::new(move |was: Option<&bool>| {
        was.copied().unwrap_or(false) || c.batch().stage.get() != BatchStage::Idle
    });
    let body = move || {
        if !c.settings.complete() {
            return view! {
                <div class="empty" id="list-needs-settings">
                    <h2>{w().list().needs_settings_title}</h2>
                    <p>{w().list().needs_settings_text}</p>
                </div>
            }
            .into_any();
        }
        match c.list.get() {
            None => view! { <p class="muted" id="list-loading">{w().list().loading_services}</p> }.into_any(),
            Some(Err(problem)) => view! {
                <div id="list-failed">
                    <ErrorBanner problem=Signal::derive(move || Some(problem.clone())) />
                    <button type="button" id="list-retry" on:click=move |_| c.refresh()>{w().list().try_again}</button>
                </div>
            }
            .into_any(),
            Some(Ok((view, list))) if list.endpoint_services.is_empty() => {
                view! { <Empty view=view /> }.into_any()
            }
            Some(Ok((view, list))) => view! { <Table view=view list=list /> }.into_any(),
        }
    };
    view! {
        <section class="panel list-page" aria-labelledby="list-title" aria-busy=move || c.actions.pending(Run::List).to_string()>
            <div class="panel-head">
                <h1 id="list-title">{w().core.endpoint_services}</h1>
                <span class="spinner" role="status" aria-label=w().list().loading hidden=move || !c.actions.pending(Run::List)></span>
            </div>
            <Toolbar />
            {move || batch_seen.get().then(|| part!("batch", None, super::batch::panel::batch_panel()))}
            {body}
        </section>
    }
}

split_point!(
    list,
    /// The service list, with its selection and the batch panel.
    pub fn list_page() -> Part {
        Ok(untrack(|| view! { <ServiceListPage /> }.into_any()))
    }
);
