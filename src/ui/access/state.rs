//! The tabs' state in the console: the service page's tab, and the pending counts it
//! has read, kept for [`COUNT_FRESH_MS`].

use crate::api::route::ServiceTab;
use crate::ui::storage;
use leptos::prelude::*;

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
    pub(super) tab_for: StoredValue<String, LocalStorage>,
    /// The open service's pending count, for its tab's label.
    pub page_pending: RwSignal<Option<u64>>,
    pub(super) known: StoredValue<Vec<Known>, LocalStorage>,
    pub(super) queue: StoredValue<Vec<Waiting>, LocalStorage>,
    pub(super) in_flight: StoredValue<u32, LocalStorage>,
    pub(super) next_ticket: StoredValue<u32, LocalStorage>,
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

    pub(super) fn known(self, project: &str, service: &str) -> Option<u64> {
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
