//! The console page: settings, load a service, see it.

use super::fields::TextField;
use super::http::{self, Exchange};
use super::storage::{self, SavedSettings};
use crate::api::regions::{HUAWEI_REGIONS, OTC_REGIONS};
use crate::api::request::{mask_token, proxy_base};
use crate::api::{ApiError, Dialect, EndpointService, Operation, Outcome, Settings, SettingsError};
use leptos::prelude::*;

/// The settings as the form edits them. The token is kept apart from what persists.
#[derive(Clone, Copy)]
pub struct SettingsState {
    pub proxy_url: RwSignal<String>,
    pub project_id: RwSignal<String>,
    pub region: RwSignal<String>,
    pub dialect: RwSignal<Dialect>,
    pub token: RwSignal<String>,
}

impl SettingsState {
    /// From, in order of precedence: the page URL's query, the user's saved settings,
    /// built-in defaults (the API proxy is the page's own origin).
    pub fn load() -> Self {
        let saved = storage::load_settings().unwrap_or_default();
        let proxy_url = if saved.proxy_url.is_empty() {
            storage::page_origin()
        } else {
            saved.proxy_url
        };
        SettingsState {
            proxy_url: RwSignal::new(proxy_url),
            project_id: RwSignal::new(
                storage::query_param("project_id").unwrap_or(saved.project_id),
            ),
            region: RwSignal::new(saved.region),
            dialect: RwSignal::new(saved.dialect),
            token: RwSignal::new(storage::load_token()),
        }
    }

    /// Saves every change: the token to sessionStorage only, the rest to localStorage.
    pub fn persist(self) {
        Effect::new(move |_| {
            storage::save_settings(&SavedSettings {
                proxy_url: self.proxy_url.get(),
                project_id: self.project_id.get(),
                region: self.region.get(),
                dialect: self.dialect.get(),
            })
        });
        Effect::new(move |_| storage::save_token(&self.token.get()));
    }

    pub fn snapshot(&self) -> Settings {
        Settings {
            proxy_url: self.proxy_url.get(),
            project_id: self.project_id.get(),
            region: self.region.get(),
            dialect: self.dialect.get(),
            token: self.token.get(),
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
                help="The proxy that forwards /v1 and /v2 to the VPCEP API (the API itself answers no browser)."
                placeholder="https://console.example.com/vpcep"
            />
            <TextField id="s-project-id" label="Project ID" value=state.project_id error=project_error />
            <TextField id="s-region" label="Region" value=state.region list="region-list" help="Informational: the proxy decides where requests go." />
            <datalist id="region-list">
                {HUAWEI_REGIONS.iter().chain(OTC_REGIONS).map(|r| view! { <option value=*r></option> }).collect_view()}
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
                    {Dialect::ALL.iter().map(|d| view! { <option value=d.as_str()>{d.label()}</option> }).collect_view()}
                </select>
            </div>
            <div class="field token">
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
                    <button type="button" class="secondary" on:click=move |_| state.token.set(String::new())>
                        "Clear token"
                    </button>
                </div>
            </div>
        </section>
    }
}

/// What went wrong, with everything needed to act on it.
#[derive(Debug, Clone, PartialEq)]
pub enum Problem {
    Settings(SettingsError),
    Api {
        error: ApiError,
        exchange_path: String,
    },
}

/// The error banner: status, code and message verbatim (as text), request id, hint.
#[component]
pub fn ErrorBanner(problem: Signal<Option<Problem>>) -> impl IntoView {
    move || {
        problem.get().map(|p| match p {
            Problem::Settings(e) => view! {
                <div class="banner error" role="alert">
                    <strong>"Check the settings: "</strong>
                    <span>{e.message().to_owned()}</span>
                </div>
            }
            .into_any(),
            Problem::Api { error, exchange_path } => view! {
                <div class="banner error" role="alert">
                    <p class="headline">
                        {error.status.map(|s| view! { <span class="status">{format!("HTTP {s}")}</span> })}
                        {error.error_code.clone().map(|c| view! { <code class="code">{c}</code> })}
                    </p>
                    {error.error_msg.clone().map(|m| view! { <p class="message">{m}</p> })}
                    <p class="hint">{error.hint.clone()}</p>
                    <p class="meta">
                        <span>{exchange_path}</span>
                        {error.request_id.clone().map(|r| view! { <span>" · Request ID: "<code class="request-id">{r}</code></span> })}
                    </p>
                </div>
            }
            .into_any(),
        })
    }
}

fn or_dash(v: &Option<String>) -> String {
    v.clone()
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "—".to_owned())
}

/// The loaded service, readable at a glance.
#[component]
pub fn ServiceCard(service: EndpointService) -> impl IntoView {
    let editions = if service.supported_editions.is_empty() {
        "—".to_owned()
    } else {
        service.supported_editions.join(", ")
    };
    let status = or_dash(&service.status);
    let status_class = format!("badge status-{}", status);
    let ports = service.ports.clone();
    let tags = service.tags.clone();
    view! {
        <article class="panel card" aria-labelledby="card-title">
            <header class="card-head">
                <h2 id="card-title">{service.short_name()}</h2>
                <span class=status_class>{status}</span>
                {service.is_professional().then(|| view! { <span class="badge pro">"Advanced"</span> })}
            </header>
            <p class="muted full-name">{or_dash(&service.service_name)}</p>
            <dl class="facts">
                <dt>"ID"</dt><dd><code>{service.id.clone()}</code></dd>
                <dt>"Service type"</dt><dd>{or_dash(&service.service_type)}</dd>
                <dt>"Server type"</dt><dd>{or_dash(&service.server_type)}</dd>
                <dt>"Editions"</dt><dd>{editions}</dd>
                <dt>"Approval required"</dt><dd>{service.approval_enabled.map(|b| if b { "Yes" } else { "No" }).unwrap_or("—")}</dd>
                <dt>"Client address (tcp_proxy)"</dt><dd>{or_dash(&service.tcp_proxy)}</dd>
                <dt>"Backend port ID"</dt><dd><code>{or_dash(&service.port_id)}</code></dd>
                <dt>"Description"</dt><dd>{or_dash(&service.description)}</dd>
                <dt>"Created"</dt><dd>{or_dash(&service.created_at)}</dd>
                <dt>"Updated"</dt><dd>{or_dash(&service.updated_at)}</dd>
            </dl>
            <table class="ports">
                <caption>"Port mappings"</caption>
                <thead><tr><th scope="col">"Protocol"</th><th scope="col">"Client port"</th><th scope="col">"Server port"</th></tr></thead>
                <tbody>
                    {ports.into_iter().map(|p| view! {
                        <tr><td>{p.protocol}</td><td>{p.client_port}</td><td>{p.server_port}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
            {(!tags.is_empty()).then(|| view! {
                <ul class="tags" aria-label="Tags">
                    {tags.into_iter().map(|t| view! { <li><code>{format!("{}={}", t.key, t.value)}</code></li> }).collect_view()}
                </ul>
            })}
        </article>
    }
}

/// The whole console.
#[component]
pub fn App() -> impl IntoView {
    let settings = SettingsState::load();
    settings.persist();
    let service_id = RwSignal::new(storage::query_param("service_id").unwrap_or_default());
    let service = RwSignal::new(None::<EndpointService>);
    let problem = RwSignal::new(None::<Problem>);
    let last = RwSignal::new(None::<(u16, u32, Option<String>)>);

    let load = Action::new_local(move |(s, id): &(Settings, String)| {
        let (s, id) = (s.clone(), id.clone());
        async move { http::execute(&s, Operation::GetService { id }).await }
    });
    Effect::new(move |_| {
        let Some(result) = load.value().get() else {
            return;
        };
        match result {
            Err(e) => problem.set(Some(Problem::Settings(e))),
            Ok(Exchange {
                request,
                status,
                request_id,
                duration_ms,
                result,
            }) => {
                last.set(status.map(|s| (s, duration_ms, request_id)));
                match result {
                    Ok(Outcome::Service(s)) => {
                        problem.set(None);
                        service.set(Some(*s));
                    }
                    Ok(_) => {}
                    Err(error) => problem.set(Some(Problem::Api {
                        error,
                        exchange_path: format!("{} {}", request.method.as_str(), request.path),
                    })),
                }
            }
        }
    });
    let on_load = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        // One request at a time: Action does not de-duplicate.
        if load.pending().get_untracked() {
            return;
        }
        load.dispatch((settings.snapshot(), service_id.get_untracked()));
    };

    view! {
        <header class="top">
            <h1>"VPC Endpoint console"</h1>
            <p class="muted">"Modify and upgrade endpoint services through your API proxy."</p>
        </header>
        <main class="layout">
            <SettingsPanel state=settings />
            <section class="panel" aria-labelledby="load-title">
                <h2 id="load-title">"Endpoint service"</h2>
                <form class="load" on:submit=on_load>
                    <TextField id="service-id" label="Service ID" value=service_id placeholder="4189d3c2-8882-4871-a3c2-d380272eed83" />
                    <button type="submit" disabled=move || load.pending().get()>
                        {move || if load.pending().get() { "Loading…" } else { "Load" }}
                    </button>
                </form>
                <div aria-live="polite" class="result-line">
                    {move || last.get().map(|(s, ms, rid)| format!("HTTP {s} in {ms} ms{}", rid.map(|r| format!(" · Request ID {r}")).unwrap_or_default()))}
                </div>
                <ErrorBanner problem=problem.into() />
            </section>
            {move || service.get().map(|s| view! { <ServiceCard service=s /> })}
        </main>
    }
}
