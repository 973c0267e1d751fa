//! The loaded service as a readable card.

use crate::api::EndpointService;
use leptos::prelude::*;

fn or_dash(v: &Option<String>) -> String {
    v.clone()
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "—".to_owned())
}

/// The loaded service, readable at a glance; `on_upgrade` opens the upgrade dialog.
#[component]
pub fn ServiceCard(
    service: EndpointService,
    /// Opens the upgrade confirmation.
    on_upgrade: Callback<()>,
) -> impl IntoView {
    let editions = if service.supported_editions.is_empty() {
        "—".to_owned()
    } else {
        service.supported_editions.join(", ")
    };
    let status = or_dash(&service.status);
    let status_class = format!("badge status-{status}");
    let ports = service.ports.clone();
    let tags = service.tags.clone();
    let failures = service.error.clone();
    let professional = service.is_professional();
    view! {
        <article class="panel card" aria-labelledby="card-title">
            <header class="card-head">
                <h2 id="card-title">{service.short_name()}</h2>
                <span class=status_class id="card-status">{status}</span>
                {professional.then(|| view! { <span class="badge pro">"Advanced"</span> })}
                <span class="spacer"></span>
                <button type="button" class="secondary" id="open-upgrade" on:click=move |_| on_upgrade.run(())>
                    {if professional { "Advanced mode…" } else { "Upgrade to advanced…" }}
                </button>
            </header>
            <p class="muted full-name">{or_dash(&service.service_name)}</p>
            {(!failures.is_empty())
                .then(|| view! {
                    <div class="banner warn">
                        {failures
                            .into_iter()
                            .map(|f| view! { <p>{format!("{}: {}", or_dash(&f.code), or_dash(&f.message))}</p> })
                            .collect_view()}
                    </div>
                })}
            <dl class="facts">
                <dt>"ID"</dt>
                <dd><code>{service.id.clone()}</code></dd>
                <dt>"Service type"</dt>
                <dd>{or_dash(&service.service_type)}</dd>
                <dt>"Server type"</dt>
                <dd>{or_dash(&service.server_type)}</dd>
                <dt>"Editions"</dt>
                <dd id="card-editions">{editions}</dd>
                <dt>"Approval required"</dt>
                <dd id="card-approval">
                    {service.approval_enabled.map(|b| if b { "Yes" } else { "No" }).unwrap_or("—")}
                </dd>
                <dt>"Client address (tcp_proxy)"</dt>
                <dd id="card-tcp-proxy">{or_dash(&service.tcp_proxy)}</dd>
                <dt>"Backend port ID"</dt>
                <dd><code>{or_dash(&service.port_id)}</code></dd>
                {service.ip.clone().map(|ip| view! { <dt>"Backend IP"</dt><dd>{ip}</dd> })}
                {service.vip_port_id.clone().map(|v| view! { <dt>"Virtual IP port ID"</dt><dd><code>{v}</code></dd> })}
                <dt>"Description"</dt>
                <dd id="card-description">{or_dash(&service.description)}</dd>
                <dt>"Created"</dt>
                <dd>{or_dash(&service.created_at)}</dd>
                <dt>"Updated"</dt>
                <dd>{or_dash(&service.updated_at)}</dd>
            </dl>
            <table class="ports" id="card-ports">
                <caption>"Port mappings"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Protocol"</th>
                        <th scope="col">"Client port"</th>
                        <th scope="col">"Server port"</th>
                    </tr>
                </thead>
                <tbody>
                    {ports
                        .into_iter()
                        .map(|p| view! {
                            <tr>
                                <td>{p.protocol}</td>
                                <td>{p.client_port}</td>
                                <td>{p.server_port}</td>
                            </tr>
                        })
                        .collect_view()}
                </tbody>
            </table>
            {(!tags.is_empty())
                .then(|| view! {
                    <ul class="tags" aria-label="Tags">
                        {tags
                            .into_iter()
                            .map(|t| view! { <li><code>{format!("{}={}", t.key, t.value)}</code></li> })
                            .collect_view()}
                    </ul>
                })}
        </article>
    }
}
