//! The service's summary: what it is, at a glance, and its secondary actions.

use super::time::local_time;
use crate::api::words::{
    advanced, edition_of, editions_text, fill, server_type_label, status_label, tcp_proxy_short, w,
};
use crate::api::{Dialect, EndpointService};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

fn or_dash(v: &Option<String>) -> String {
    v.clone()
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "—".to_owned())
}

/// A time in local time, with the ISO value on hover.
#[component]
pub fn Time(#[prop(into)] iso: Option<String>) -> impl IntoView {
    match iso.filter(|s| !s.is_empty()) {
        Some(iso) => {
            view! { <time datetime=iso.clone() title=iso.clone()>{local_time(&iso)}</time> }
                .into_any()
        }
        None => "—".into_any(),
    }
}

/// The "More actions" menu: the upgrade, or why there is none.
#[component]
fn ActionsMenu(professional: bool, dialect: Dialect, on_upgrade: Callback<()>) -> impl IntoView {
    let item = if dialect == Dialect::OpenTelekom {
        view! {
            <p class="menu-note" id="upgrade-unavailable">
                {fill(w().page.upgrade_unavailable, &[&advanced()])}
            </p>
        }
        .into_any()
    } else if professional {
        view! { <p class="menu-note" id="upgrade-done">{fill(w().page.upgrade_done, &[&advanced()])}</p> }.into_any()
    } else {
        let open = move |_| {
            // The menu closes, and the dialog gives the focus back to the menu's button.
            if let Some(menu) = document().get_element_by_id("more-actions") {
                let _ = menu.remove_attribute("open");
            }
            if let Some(summary) = document()
                .query_selector("#more-actions > summary")
                .ok()
                .flatten()
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = summary.focus();
            }
            on_upgrade.run(())
        };
        view! {
            <button type="button" class="menu-item" id="open-upgrade" on:click=open>
                {fill(w().page.upgrade_to, &[&advanced()])}
            </button>
        }
        .into_any()
    };
    view! {
        <details class="menu" id="more-actions">
            <summary>{w().page.more_actions}</summary>
            <div class="menu-body">{item}</div>
        </details>
    }
}

/// The loaded service, readable at a glance; `on_upgrade` opens the upgrade dialog.
#[component]
pub fn ServiceCard(
    service: EndpointService,
    dialect: Dialect,
    /// Opens the upgrade confirmation.
    on_upgrade: Callback<()>,
) -> impl IntoView {
    let editions = editions_text(&service);
    let status = service.status.clone().unwrap_or_default();
    let status_class = format!("badge status-{status}");
    let professional = service.is_professional();
    let name = service.short_name();
    let title = if name.is_empty() {
        w().page.no_name.to_owned()
    } else {
        name
    };
    view! {
        <article class="panel card" aria-labelledby="card-title">
            <header class="card-head">
                <h1 id="card-title">{title}</h1>
                <span class=status_class id="card-status">{status_label(&status).to_owned()}</span>
                <span class="badge edition" class:pro=professional id="card-edition">{edition_of(&service)}</span>
                <span class="spacer"></span>
                <ActionsMenu professional=professional dialect=dialect on_upgrade=on_upgrade />
            </header>
            <p class="muted full-name">{or_dash(&service.service_name)}</p>
            {(!service.error.is_empty())
                .then(|| view! {
                    <div class="banner warn">
                        {service
                            .error
                            .iter()
                            .map(|f| view! { <p>{fill(w().page.code_message, &[&or_dash(&f.code), &or_dash(&f.message)])}</p> })
                            .collect_view()}
                    </div>
                })}
            <dl class="facts">
                <dt>{w().page.id}</dt>
                <dd><code>{service.id.clone()}</code></dd>
                <dt>{w().page.backend_type}</dt>
                <dd>{server_type_label(service.server_type.as_deref().unwrap_or("")).to_owned()}</dd>
                <dt>{w().page.editions}</dt>
                <dd id="card-editions">{editions}</dd>
                <dt>{w().core.field_approval_enabled}</dt>
                <dd id="card-approval">
                    {service.approval_enabled.map(|b| if b { w().core.yes } else { w().core.no }).unwrap_or("—")}
                </dd>
                <dt>{w().core.field_tcp_proxy}</dt>
                <dd id="card-tcp-proxy">
                    {service.tcp_proxy.as_deref().map(tcp_proxy_short).unwrap_or_else(|| "—".into())}
                </dd>
                <dt>{w().core.field_port_id}</dt>
                <dd><code>{or_dash(&service.port_id)}</code></dd>
                {service.ip.clone().map(|ip| view! { <dt>{w().core.field_ip}</dt><dd>{ip}</dd> })}
                {service.vip_port_id.clone().map(|v| view! { <dt>{w().core.field_vip_port_id}</dt><dd><code>{v}</code></dd> })}
                <dt>{w().core.field_description}</dt>
                <dd id="card-description">{or_dash(&service.description)}</dd>
                <dt>{w().page.created}</dt>
                <dd><Time iso=service.created_at.clone() /></dd>
                <dt>{w().page.updated}</dt>
                <dd><Time iso=service.updated_at.clone() /></dd>
            </dl>
            <table class="ports" id="card-ports">
                <caption>{w().core.field_ports}</caption>
                <thead>
                    <tr>
                        <th scope="col">{w().core.client_port}</th>
                        <th scope="col">{w().core.server_port}</th>
                        <th scope="col">{w().core.protocol}</th>
                    </tr>
                </thead>
                <tbody>
                    {service
                        .ports
                        .iter()
                        .map(|p| view! {
                            <tr>
                                <td>{p.client_port}</td>
                                <td>{p.server_port}</td>
                                <td>{p.protocol.clone()}</td>
                            </tr>
                        })
                        .collect_view()}
                </tbody>
            </table>
            {(!service.tags.is_empty())
                .then(|| view! {
                    <ul class="tags" aria-label=w().page.tags>
                        {service
                            .tags
                            .iter()
                            .map(|t| view! { <li><code>{format!("{}={}", t.key, t.value)}</code></li> })
                            .collect_view()}
                    </ul>
                })}
        </article>
    }
}
