//! What the Connections and "Who may connect" tabs share: the service page's tab list (ARIA
//! tabs, arrow keys, the tab in the URL), and the pending counts (the tab's label and the
//! service list's approval cell), each read with the smallest list request there is
//! (`GET …/connections?status=pendingAcceptance&limit=1`, its `total_count`).
//!
//! The list page asks for one count per row, at most [`COUNTS_AT_ONCE`] at a time, and keeps
//! what it learnt for [`COUNT_FRESH_MS`], so paging back and forth or returning from a
//! service does not ask again.

use super::state::{use_console, Console};
use super::storage;
use crate::api::connections::ConnectionQuery;
use crate::api::route::{Route, ServiceTab};
use crate::api::words::{CONNECTIONS_TAB, WHITELIST_TAB};
use crate::api::{Operation, Outcome};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Count requests in flight at once from the service list.
pub const COUNTS_AT_ONCE: u32 = 2;
/// A count read this long ago is used as it is.
pub const COUNT_FRESH_MS: f64 = 30_000.0;

/// A count the console has read: project, service, count, when (ms since the epoch).
type Known = (String, String, u64, f64);
/// A row waiting for its count: ticket, project, service, where to show it.
type Waiting = (u32, String, String, RwSignal<Option<u64>>);

/// The tabs' state in the console (it outlives a page's redraws).
#[derive(Clone, Copy)]
pub struct AccessState {
    /// The service page's tab.
    pub tab: RwSignal<ServiceTab>,
    /// The service the tab was chosen on: another service opens on Settings.
    tab_for: StoredValue<String, LocalStorage>,
    /// The open service's pending count, for its tab's label.
    pub page_pending: RwSignal<Option<u64>>,
    known: StoredValue<Vec<Known>, LocalStorage>,
    queue: StoredValue<Vec<Waiting>, LocalStorage>,
    in_flight: StoredValue<u32, LocalStorage>,
    next_ticket: StoredValue<u32, LocalStorage>,
}

impl Default for AccessState {
    fn default() -> Self {
        Self::new()
    }
}

impl AccessState {
    /// The tab comes from the URL's `tab` (a link or a reload opens the same tab).
    pub fn new() -> Self {
        AccessState {
            tab: RwSignal::new(ServiceTab::parse(storage::query_param("tab").as_deref())),
            tab_for: StoredValue::new_local(String::new()),
            page_pending: RwSignal::new(None),
            known: StoredValue::new_local(Vec::new()),
            queue: StoredValue::new_local(Vec::new()),
            in_flight: StoredValue::new_local(0),
            next_ticket: StoredValue::new_local(0),
        }
    }

    fn known(self, project: &str, service: &str) -> Option<u64> {
        let now = js_sys::Date::now();
        self.known.with_value(|k| {
            k.iter()
                .find(|(p, s, _, at)| p == project && s == service && now - at < COUNT_FRESH_MS)
                .map(|(_, _, n, _)| *n)
        })
    }

    /// Remembers a count read just now (the list, the tab and the actions all tell it).
    pub fn remember(self, project: &str, service: &str, count: u64) {
        let now = js_sys::Date::now();
        self.known.update_value(|k| {
            k.retain(|(p, s, _, _)| !(p == project && s == service));
            k.push((project.to_owned(), service.to_owned(), count, now));
        });
        if self.tab_for.with_value(|s| s == service) {
            self.page_pending.set(Some(count));
        }
    }
}

/// `GET …/connections?status=pendingAcceptance&limit=1`: how many wait for approval.
pub async fn read_pending(c: Console, service_id: String) -> Option<u64> {
    let project = c.settings.project_id.get_untracked();
    match c
        .call(Operation::ListConnections {
            service_id: service_id.clone(),
            query: ConnectionQuery::pending_count(),
        })
        .await
    {
        Ok((Outcome::Connections(list), _)) => {
            c.access
                .remember(project.trim(), &service_id, list.total_count);
            Some(list.total_count)
        }
        _ => None,
    }
}

/// Reads the open service's pending count for its tab's label.
pub fn load_page_pending(c: Console, service_id: String) {
    if service_id.is_empty() || !untrack(|| c.settings.complete()) {
        return;
    }
    leptos::task::spawn_local(async move {
        if let Some(n) = read_pending(c, service_id.clone()).await {
            if c.page.id.get_untracked() == service_id {
                c.access.page_pending.set(Some(n));
            }
        }
    });
}

/// Starts the waiting count requests, at most [`COUNTS_AT_ONCE`] in flight.
fn pump_counts(c: Console) {
    let a = c.access;
    while a.in_flight.get_value() < COUNTS_AT_ONCE {
        let Some((_, project, service, shown)) = a
            .queue
            .try_update_value(|q| (!q.is_empty()).then(|| q.remove(0)))
            .flatten()
        else {
            return;
        };
        if let Some(n) = a.known(&project, &service) {
            let _ = shown.try_set(Some(n));
            continue;
        }
        a.in_flight.update_value(|n| *n += 1);
        leptos::task::spawn_local(async move {
            let n = read_pending(c, service).await;
            a.in_flight.update_value(|n| *n = n.saturating_sub(1));
            // The row may have gone meanwhile (another page): then nobody shows it.
            let _ = shown.try_set(n);
            pump_counts(c);
        });
    }
}

/// A service's connections waiting for approval, as a badge ("3 pending"); nothing when
/// none wait or the count cannot be read. For the service list's approval cell.
#[component]
pub fn PendingCount(service_id: String) -> impl IntoView {
    let c = use_console();
    let a = c.access;
    let shown = RwSignal::new(None::<u64>);
    let project = c.settings.project_id.get_untracked().trim().to_owned();
    match a.known(&project, &service_id) {
        Some(n) => shown.set(Some(n)),
        None if untrack(|| c.settings.complete()) => {
            let ticket = a.next_ticket.get_value() + 1;
            a.next_ticket.set_value(ticket);
            a.queue
                .update_value(|q| q.push((ticket, project, service_id, shown)));
            // A row that goes before its turn (another page) asks nothing.
            on_cleanup(move || {
                let _ = a
                    .queue
                    .try_update_value(|q| q.retain(|(t, ..)| *t != ticket));
            });
            pump_counts(c);
        }
        None => {}
    }
    let count = move || shown.get().unwrap_or(0);
    view! {
        <span class="badge pending-count" hidden=move || count() == 0>
            {move || format!("{} pending", count())}
        </span>
    }
}

/// Focuses the element `id` once the page has drawn.
pub fn focus_soon(id: String) {
    leptos::task::spawn_local(async move {
        leptos::task::tick().await;
        if let Some(el) = document().get_element_by_id(&id) {
            if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        }
    });
}

/// The service page's tab list: Settings, "Connections (N pending)", "Who may connect".
/// Arrow keys, Home and End move between the tabs (and show them); the URL follows.
#[component]
pub fn ServiceTabs() -> impl IntoView {
    let c = use_console();
    let a = c.access;
    // Another service opens on Settings; the first one keeps the tab of its link.
    Effect::new(move |_| {
        let id = c.page.id.get();
        if id.is_empty() {
            return;
        }
        let before = a.tab_for.get_value();
        if !before.is_empty() && before != id {
            a.tab.set(ServiceTab::Settings);
        }
        if before != id {
            a.tab_for.set_value(id);
            a.page_pending.set(None);
        }
    });
    // The tab's count is asked for once the service itself has loaded (a service that does
    // not load has no tabs to label), once per service, after the page is painted.
    Effect::new(move |counted: Option<String>| {
        let loaded = c
            .page
            .base
            .with(|b| b.as_ref().map(|b| b.id.clone()))
            .filter(|id| *id == c.page.id.get_untracked());
        match loaded {
            Some(id) if counted.as_deref() != Some(id.as_str()) => {
                let asked = id.clone();
                super::when_idle(move || load_page_pending(c, asked));
                id
            }
            _ => counted.unwrap_or_default(),
        }
    });
    // The URL holds the tab (the route's own query plus `tab`), in place.
    Effect::new(move |_| {
        let tab = a.tab.get();
        if let route @ Route::Service { .. } = c.route.get() {
            let project = c.settings.project_id.get_untracked();
            storage::set_url_query(&tab.add_to_query(&route.to_query(project.trim())), false);
        }
    });
    let pending = move || a.page_pending.get();
    let on_key = move |ev: web_sys::KeyboardEvent| {
        let now = a.tab.get_untracked();
        let next = match ev.key().as_str() {
            "ArrowRight" => now.step(1),
            "ArrowLeft" => now.step(-1),
            "Home" => ServiceTab::ALL[0],
            "End" => ServiceTab::ALL[ServiceTab::ALL.len() - 1],
            _ => return,
        };
        ev.prevent_default();
        a.tab.set(next);
        focus_soon(format!("tab-{}", next.as_str()));
    };
    view! {
        <div class="tabs" role="tablist" aria-label="Service" on:keydown=on_key>
            <TabButton tab=ServiceTab::Settings label="Settings".to_owned() />
            <TabButton
                tab=ServiceTab::Connections
                label=Signal::derive(move || match pending() {
                    Some(n) => format!("{CONNECTIONS_TAB} ({n} pending)"),
                    None => CONNECTIONS_TAB.to_owned(),
                })
            />
            <TabButton tab=ServiceTab::Whitelist label=WHITELIST_TAB.to_owned() />
        </div>
    }
}

/// One tab of [`ServiceTabs`]: only the selected one is in the Tab order.
#[component]
fn TabButton(tab: ServiceTab, #[prop(into)] label: Signal<String>) -> impl IntoView {
    let a = use_console().access;
    let selected = move || a.tab.get() == tab;
    view! {
        <button
            type="button"
            role="tab"
            class="tab"
            id=format!("tab-{}", tab.as_str())
            aria-controls=format!("panel-{}", tab.as_str())
            aria-selected=move || selected().to_string()
            tabindex=move || if selected() { "0" } else { "-1" }
            on:click=move |_| a.tab.set(tab)
        >
            {move || label.get()}
        </button>
    }
}

/// A checkbox whose label is visually hidden text (its accessible name), e.g. "Select
/// endpoint …": the rows' and the header's of both tabs.
#[component]
pub fn PickBox(
    #[prop(into)] checked: Signal<bool>,
    /// Some rows of the page are ticked (the header's box).
    #[prop(optional, into)]
    mixed: Signal<bool>,
    on_toggle: Callback<()>,
    label: String,
    #[prop(optional)] id: Option<&'static str>,
    #[prop(optional)] described_by: Option<String>,
) -> impl IntoView {
    view! {
        <label class="pick">
            <input type="checkbox" class="pick-row" id=id aria-describedby=described_by
                prop:checked=move || checked.get() prop:indeterminate=move || mixed.get()
                on:change=move |_| on_toggle.run(()) />
            <span class="visually-hidden">{label}</span>
        </label>
    }
}

/// First · Previous · Page N of M · Next · Last, and the page size; ids start with `prefix`
/// (`conn-first`, `wl-range`, …).
#[component]
pub fn Pager(
    prefix: &'static str,
    label: &'static str,
    #[prop(into)] range: Signal<String>,
    #[prop(into)] page: Signal<u32>,
    #[prop(into)] pages: Signal<u32>,
    #[prop(into)] size: Signal<u32>,
    sizes: &'static [u32],
    on_page: Callback<u32>,
    on_size: Callback<u32>,
    /// An error about the page or its size, shown at the pager.
    #[prop(into)]
    error: Signal<Option<String>>,
) -> impl IntoView {
    let id = move |s: &str| format!("{prefix}-{s}");
    let at_start = move || page.get() <= 1;
    let at_end = move || page.get() >= pages.get();
    let button = move |name: &str, text: &'static str, disabled: Signal<bool>, to: Signal<u32>| {
        view! {
            <button type="button" class="secondary" id=id(name) disabled=move || disabled.get()
                on:click=move |_| on_page.run(to.get_untracked().max(1))>{text}</button>
        }
    };
    view! {
        <nav class="pager" aria-label=label>
            <span id=id("range") aria-live="polite">{move || range.get()}</span>
            <span class="spacer"></span>
            {button("first", "First", Signal::derive(at_start), Signal::derive(|| 1))}
            {button("prev", "Previous", Signal::derive(at_start), Signal::derive(move || page.get().saturating_sub(1)))}
            <span id=id("page-of")>{move || format!("Page {} of {}", page.get(), pages.get())}</span>
            {button("next", "Next", Signal::derive(at_end), Signal::derive(move || page.get() + 1))}
            {button("last", "Last", Signal::derive(at_end), pages)}
            <label for=id("page-size")>"Per page"</label>
            <select id=id("page-size") aria-describedby=id("page-error")
                prop:value=move || size.get().to_string()
                on:change:target=move |ev| {
                    if let Ok(s) = ev.target().value().parse() {
                        on_size.run(s);
                    }
                }>
                {sizes.iter().map(|s| view! { <option value=s.to_string()>{s.to_string()}</option> }).collect_view()}
            </select>
            <span class="error" id=id("page-error")>{move || error.get()}</span>
        </nav>
    }
}

/// "Request for …": the exact requests behind an action, drawn only while open (with copy
/// as curl), after a line that says what they are.
#[component]
pub fn RequestsDisclosure(
    id: &'static str,
    summary: &'static str,
    #[prop(into)] note: Signal<String>,
    #[prop(into)] requests: Signal<Vec<crate::api::ApiRequest>>,
) -> impl IntoView {
    let open = RwSignal::new(false);
    view! {
        <details class="request-disclosure" id=id on:toggle:target=move |ev| open.set(ev.target().open())>
            <summary>{summary}</summary>
            {move || open.get().then(|| view! {
                <p class="muted">{note.get()}</p>
                <RequestList requests=requests.get() />
            })}
        </details>
    }
}

/// Requests as they go on the wire, token masked, each with copy as curl.
#[component]
pub fn RequestList(requests: Vec<crate::api::ApiRequest>) -> impl IntoView {
    requests
        .into_iter()
        .map(|r| view! { <super::preview::RequestView request=r /> })
        .collect_view()
}
