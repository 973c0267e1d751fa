//! The upgrade confirmation: what advanced mode is, the region caveat, and the request.

use super::preview::RequestView;
use crate::api::upgrade::{notice, region_caveat};
use crate::api::{ApiRequest, EndpointService, SettingsError};
use leptos::html;
use leptos::prelude::*;

/// A modal dialog naming the service, explaining advanced mode and the region caveat,
/// showing the exact POST (no body); `on_confirm` sends it.
#[component]
pub fn UpgradeDialog(
    service: EndpointService,
    region: String,
    request: Result<ApiRequest, SettingsError>,
    #[prop(into)] pending: Signal<bool>,
    on_confirm: Callback<()>,
    on_close: Callback<()>,
) -> impl IntoView {
    let n = notice(&service, &region);
    let cancel_ref = NodeRef::<html::Button>::new();
    // Focus moves into the dialog when it opens, so keyboard users land on it.
    Effect::new(move |_| {
        if let Some(b) = cancel_ref.get() {
            let _ = b.focus();
        }
    });
    let request_ok = request.is_ok();
    view! {
        <div class="backdrop">
            <div
                class="dialog panel"
                role="dialog"
                aria-modal="true"
                aria-labelledby="upgrade-title"
                aria-describedby="upgrade-what"
                on:keydown=move |ev| {
                    if ev.key() == "Escape" {
                        on_close.run(());
                    }
                }
            >
                <h2 id="upgrade-title">{format!("Upgrade {} to advanced mode?", service.short_name())}</h2>
                <p class="muted"><code>{service.id.clone()}</code></p>
                <p id="upgrade-what">
                    "Advanced mode lets professional VPC endpoints connect to this service. The upgrade cannot be undone from here; the service keeps its name, ports and backend."
                </p>
                <p id="upgrade-editions">
                    {format!("Editions now: {}. ", n.editions)}
                    {if n.already_advanced {
                        "This service is already advanced (profession): nothing to upgrade."
                    } else if service.supported_editions.is_empty() {
                        "The server did not say which editions it supports."
                    } else {
                        "This service is basic only."
                    }}
                </p>
                <p class="note warn" id="upgrade-region">
                    {region_caveat()}
                    {n.region_named.then(|| format!(" Your region, {region}, is one of them."))}
                </p>
                {match request {
                    Ok(r) => view! { <RequestView request=r /> }.into_any(),
                    Err(e) => view! { <p class="note bad">{format!("Nothing can be sent yet: {}", e.message())}</p> }.into_any(),
                }}
                <div class="actions">
                    <button type="button" class="secondary" node_ref=cancel_ref on:click=move |_| on_close.run(())>
                        "Cancel"
                    </button>
                    <button
                        type="button"
                        id="confirm-upgrade"
                        disabled=move || pending.get() || n.already_advanced || !request_ok
                        on:click=move |_| on_confirm.run(())
                    >
                        {move || if pending.get() { "Upgrading…" } else { "Upgrade" }}
                    </button>
                </div>
            </div>
        </div>
    }
}
