//! The settings panel and where its values come from.

use super::fields::TextField;
use super::storage;
use crate::api::config::{resolve, BaseSettings, Resolved, RuntimeConfig};
use crate::api::regions::{HUAWEI_REGIONS, OTC_REGIONS};
use crate::api::request::{mask_token, proxy_base, proxy_warning};
use crate::api::{Dialect, Settings};
use leptos::prelude::*;

/// The settings as the form edits them. The token is kept apart from what persists.
#[derive(Clone, Copy)]
pub struct SettingsState {
    pub proxy_url: RwSignal<String>,
    pub project_id: RwSignal<String>,
    pub region: RwSignal<String>,
    pub dialect: RwSignal<Dialect>,
    pub token: RwSignal<String>,
    /// The deployment locks the proxy URL (config.json `allow_proxy_change: false`).
    pub proxy_locked: bool,
    /// Where the settings came from; decides what persists.
    resolved: StoredValue<Resolved>,
}

impl SettingsState {
    /// From, in order of precedence: the page URL's query, the user's saved settings,
    /// the deployment's config.json, built-in defaults; a locked proxy URL wins.
    pub fn load(config: &RuntimeConfig) -> Self {
        let saved = storage::load_settings().unwrap_or_default();
        let r = resolve(
            &storage::query_settings(),
            &saved,
            config,
            &storage::page_origin(),
        );
        let s = r.settings.clone();
        SettingsState {
            proxy_url: RwSignal::new(s.proxy_url),
            project_id: RwSignal::new(s.project_id),
            region: RwSignal::new(s.region),
            dialect: RwSignal::new(s.dialect),
            token: RwSignal::new(storage::load_token()),
            proxy_locked: r.proxy_locked,
            resolved: StoredValue::new(r),
        }
    }

    /// Saves every change: the token to sessionStorage only; to localStorage, the
    /// settings the user set differently from the deployment (see [`Resolved::to_save`]).
    pub fn persist(self) {
        Effect::new(move |_| {
            let current = BaseSettings {
                proxy_url: self.proxy_url.get(),
                project_id: self.project_id.get(),
                region: self.region.get(),
                dialect: self.dialect.get(),
            };
            let saved = self.resolved.with_value(|r| r.to_save(&current));
            storage::save_settings(&saved)
        });
        Effect::new(move |_| storage::save_token(&self.token.get()));
    }

    /// The current settings, tracked (for memos that must follow them).
    pub fn snapshot(&self) -> Settings {
        Settings {
            proxy_url: self.proxy_url.get(),
            project_id: self.project_id.get(),
            region: self.region.get(),
            dialect: self.dialect.get(),
            token: self.token.get(),
            token_by_proxy: false,
        }
    }

    /// The current settings, untracked (for event handlers and async work).
    pub fn snapshot_untracked(&self) -> Settings {
        Settings {
            proxy_url: self.proxy_url.get_untracked(),
            project_id: self.project_id.get_untracked(),
            region: self.region.get_untracked(),
            dialect: self.dialect.get_untracked(),
            token: self.token.get_untracked(),
            token_by_proxy: false,
        }
    }
}

/// Settings: API proxy URL, project, region, dialect and token.
#[component]
pub fn SettingsPanel(state: SettingsState) -> impl IntoView {
    let proxy_error = Signal::derive(move || {
        proxy_base(&state.proxy_url.get())
            .err()
            .map(|e| e.message().to_owned())
    });
    let project_error = Signal::derive(move || {
        state
            .project_id
            .get()
            .trim()
            .is_empty()
            .then(|| "Enter the project ID the token is scoped to.".to_owned())
    });
    let token_shown = move || {
        let t = state.token.get();
        if t.is_empty() {
            "No token set.".to_owned()
        } else {
            format!("Token set: {}", mask_token(&t))
        }
    };
    view! {
        <section class="panel settings" aria-labelledby="settings-title">
            <h2 id="settings-title">"Settings"</h2>
            <TextField
                id="s-proxy-url"
                label="API proxy URL"
                value=state.proxy_url
                error=proxy_error
                input_type="url"
                readonly=state.proxy_locked
                help=if state.proxy_locked {
                    "Set by this deployment (config.json): requests and the token go only there."
                } else {
                    "The proxy that forwards /v1 and /v2 to the VPCEP API (the API itself answers no browser)."
                }
                placeholder="https://console.example.com/vpcep"
            />
            {move || proxy_warning(&state.proxy_url.get()).map(|w| view! {
                <p class="note warn" id="s-proxy-url-warning">{w}</p>
            })}
            <TextField id="s-project-id" label="Project ID" value=state.project_id error=project_error />
            <TextField
                id="s-region"
                label="Region"
                value=state.region
                list="region-list"
                help="Informational: the proxy decides where requests go."
            />
            <datalist id="region-list">
                {HUAWEI_REGIONS
                    .iter()
                    .chain(OTC_REGIONS)
                    .map(|r| view! { <option value=*r></option> })
                    .collect_view()}
            </datalist>
            <div class="field">
                <label for="s-dialect">"API dialect"</label>
                <select
                    id="s-dialect"
                    on:change:target=move |ev| {
                        if let Some(d) = Dialect::parse(&ev.target().value()) {
                            state.dialect.set(d);
                        }
                    }
                    prop:value=move || state.dialect.get().as_str()
                >
                    {Dialect::ALL
                        .iter()
                        .map(|d| view! { <option value=d.as_str()>{d.label()}</option> })
                        .collect_view()}
                </select>
                <p class="help">"Huawei Cloud: TCP only, backend IP. Open Telekom Cloud: TCP and UDP, virtual IP port."</p>
            </div>
            // A form of its own so that password managers and browsers treat the token field properly.
            <form class="token" on:submit=|ev| ev.prevent_default()>
                <TextField
                    id="s-token"
                    label="IAM token"
                    value=state.token
                    input_type="password"
                    autocomplete="off"
                    help="Kept in this tab only (sessionStorage) and sent only as X-Auth-Token."
                />
                <div class="token-row">
                    <span class="muted" aria-live="polite">{token_shown}</span>
                    <button
                        type="button"
                        class="secondary"
                        id="clear-token"
                        on:click=move |_| state.token.set(String::new())
                    >
                        "Clear token"
                    </button>
                </div>
            </form>
        </section>
    }
}
