//! The service page's tab list (ARIA tabs, arrow keys, the tab in the URL).

use super::counts::load_page_pending;
use crate::api::route::{Route, ServiceTab};
use crate::api::words::{count, fill, w};
use crate::ui::dom::{effect, effect_with, focus_soon};
use crate::ui::state::use_console;
use crate::ui::storage;
use leptos::prelude::*;

/// The service page's tab list: Settings, "Connections (N pending)", "Who may connect".
/// Arrow keys, Home and End move between the tabs (and show them); the URL follows.
#[component]
pub fn ServiceTabs() -> impl IntoView {
    let c = use_console();
    let a = c.access;
    // Another service opens on Settings; the first one keeps the tab of its link.
    effect(move || {
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
    effect_with(move |counted: Option<String>| {
        let loaded = c
            .page
            .base
            .with(|b| b.as_ref().map(|b| b.id.clone()))
            .filter(|id| *id == c.page.id.get_untracked());
        match loaded {
            Some(id) if counted.as_deref() != Some(id.as_str()) => {
                let asked = id.clone();
                crate::ui::dom::when_idle(move || load_page_pending(c, asked));
                id
            }
            _ => counted.unwrap_or_default(),
        }
    });
    // The URL holds the tab (the route's own query plus `tab`), in place.
    effect(move || {
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
        <div class="tabs" role="tablist" aria-label=w().core.service_tabs_label on:keydown=on_key>
            <TabButton tab=ServiceTab::Settings label=w().core.settings_tab.to_owned() />
            <TabButton
                tab=ServiceTab::Connections
                label=Signal::derive(move || match pending() {
                    Some(n) => fill(w().core.connections_tab_pending, &[&count(n as usize)]),
                    None => w().core.connections_tab.to_owned(),
                })
            />
            <TabButton tab=ServiceTab::Whitelist label=w().core.whitelist_tab.to_owned() />
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
