//! The upgrade confirmation: what the advanced edition is, the region caveat, and the
//! exact request.

use super::code::AsCode;
use super::dialog::Dialog;
use super::preview::RequestView;
use super::split::{split_point, Part};
use crate::api::upgrade::{notice, region_caveat};
use crate::api::words::{advanced, fill, w};
use crate::api::{ApiRequest, EndpointService, SettingsError};
use leptos::prelude::*;

/// A modal dialog naming the service, explaining the advanced edition and the region
/// caveat, showing the exact POST (no body); `on_confirm` sends it.
#[component]
pub fn UpgradeDialog(
    service: EndpointService,
    /// The settings' region, or else the one in the service's full name.
    region: String,
    request: Result<ApiRequest, SettingsError>,
    /// The upgrade as code (the SDKs, Terraform).
    code: AsCode,
    #[prop(into)] pending: Signal<bool>,
    on_confirm: Callback<()>,
    on_close: Callback<()>,
) -> impl IntoView {
    let n = notice(&service, &region);
    let request_ok = request.is_ok();
    let name = service.short_name();
    let p = &w().page;
    view! {
        <Dialog id="upgrade-dialog" labelled_by="upgrade-title" described_by="upgrade-what" on_close=on_close>
            <h2 id="upgrade-title">{fill(p.upgrade_title, &[&name, &advanced()])}</h2>
            <p class="muted"><code>{service.id.clone()}</code></p>
            <p id="upgrade-what">{p.upgrade_what}</p>
            <p id="upgrade-editions">
                {fill(
                    if service.supported_editions.is_empty() {
                        p.upgrade_editions_unreported
                    } else {
                        p.upgrade_editions_basic_only
                    },
                    &[&n.editions],
                )}
            </p>
            <p class="note warn" id="upgrade-region">
                {region_caveat()}
                {n.region_named.then(|| format!("{}{}", p.sentence_gap, fill(p.upgrade_region_named, &[&region])))}
            </p>
            <details class="request-disclosure">
                <summary>{p.request}</summary>
                {match request {
                    Ok(r) => view! { <RequestView request=r code=Some(code) key="upgrade" /> }.into_any(),
                    Err(e) => view! { <p class="note bad">{fill(p.nothing_sent_yet, &[&e.message()])}</p> }.into_any(),
                }}
            </details>
            <div class="actions">
                <button type="button" class="secondary" id="cancel-upgrade" data-autofocus="" on:click=move |_| on_close.run(())>
                    {p.cancel}
                </button>
                <button
                    type="button"
                    id="confirm-upgrade"
                    disabled=move || pending.get() || !request_ok
                    on:click=move |_| on_confirm.run(())
                >
                    {move || if pending.get() { w().page.upgrading } else { w().page.upgrade }}
                </button>
            </div>
        </Dialog>
    }
}

split_point!(
    page,
    /// The upgrade's confirmation, with its caveat and the exact POST.
    pub fn upgrade_dialog(
        service: EndpointService,
        region: String,
        request: Result<ApiRequest, SettingsError>,
        code: AsCode,
        pending: Signal<bool>,
        on_confirm: Callback<()>,
        on_close: Callback<()>,
    ) -> Part {
        Ok(untrack(|| {
            view! {
                <UpgradeDialog service=service region=region request=request code=code
                    pending=pending on_confirm=on_confirm on_close=on_close />
            }
            .into_any()
        }))
    }
);
