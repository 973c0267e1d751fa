//! The console page: settings, pick or load a service, see it, modify it with a preview,
//! upgrade it, and the session's history.

use super::banner::{ErrorBanner, Problem};
use super::card::ServiceCard;
use super::fields::TextField;
use super::form::{FormState, ModifyFields};
use super::history::HistoryPanel;
use super::http::{self, sleep_ms};
use super::preview::UpdatePreview;
use super::settings::{SettingsPanel, SettingsState};
use super::storage;
use super::upgrade::UpgradeDialog;
use crate::api::config::{ConfigLoad, RuntimeConfig};
use crate::api::history::HistoryEntry;
use crate::api::poll::{needs_polling, PollPolicy, PollStep};
use crate::api::{
    build_request, plan_update, validate, EndpointService, ListQuery, Operation, Outcome,
    ServiceDraft, ServiceList,
};
use leptos::prelude::*;

/// Where the service stands after a save, while the console waits for `available`.
#[derive(Debug, Clone, PartialEq)]
pub enum PollState {
    Idle,
    Waiting {
        attempt: u32,
        max: u32,
        status: String,
    },
    Available,
    Stopped {
        status: String,
    },
}

/// All the page's state, as signals (cheap to copy into closures).
#[derive(Clone, Copy)]
pub struct Console {
    pub settings: SettingsState,
    pub service_id: RwSignal<String>,
    /// The service as last read from the server: the base of the diff.
    pub base: RwSignal<Option<EndpointService>>,
    pub form: FormState,
    pub problem: RwSignal<Option<Problem>>,
    /// The last success, in words, for the live region.
    pub status_line: RwSignal<Option<String>>,
    pub poll: RwSignal<PollState>,
    pub history: RwSignal<Vec<HistoryEntry>>,
    pub services: RwSignal<Option<ServiceList>>,
    /// Set synchronously on submit, so that a double click sends one request.
    pub busy: RwSignal<bool>,
}

impl Console {
    pub fn new(config: &RuntimeConfig) -> Self {
        let settings = SettingsState::load(config);
        settings.persist();
        Console {
            settings,
            service_id: RwSignal::new(storage::query_param("service_id").unwrap_or_default()),
            base: RwSignal::new(None),
            form: FormState::default(),
            problem: RwSignal::new(None),
            status_line: RwSignal::new(None),
            poll: RwSignal::new(PollState::Idle),
            history: RwSignal::new(Vec::new()),
            services: RwSignal::new(None),
            busy: RwSignal::new(false),
        }
    }

    /// Sends `op`, records it in the history, reports a failure in the banner and a
    /// success in the status line.
    async fn call(self, op: Operation) -> Option<Outcome> {
        self.call_with(op, true).await
    }

    /// [`Console::call`]; `announce: false` leaves the status line alone (the GETs of
    /// polling must not replace the answer to the PUT the user sent).
    async fn call_with(self, op: Operation, announce: bool) -> Option<Outcome> {
        let settings = self.settings.snapshot_untracked();
        let exchange = match http::execute(&settings, op.clone()).await {
            Ok(x) => x,
            Err(e) => {
                self.problem.set(Some(Problem::Settings(e)));
                return None;
            }
        };
        let error = exchange.result.as_ref().err();
        self.history.update(|h| {
            h.push(HistoryEntry::new(
                js_sys::Date::new_0().to_iso_string().into(),
                op.name(),
                &exchange.request,
                exchange.status,
                exchange.duration_ms,
                exchange.request_id.clone(),
                error,
            ))
        });
        match exchange.result {
            Ok(outcome) if !announce => {
                self.problem.set(None);
                Some(outcome)
            }
            Ok(outcome) => {
                self.problem.set(None);
                let rid = exchange
                    .request_id
                    .map(|r| format!(" · Request ID {r}"))
                    .unwrap_or_default();
                let what = match &outcome {
                    Outcome::Service(_) if matches!(op, Operation::UpdateService { .. }) => "Saved",
                    Outcome::Service(_) => "Loaded",
                    Outcome::List(_) => "Listed",
                    Outcome::Upgraded => "Upgrade accepted",
                };
                self.status_line.set(Some(format!(
                    "{what}: {} {} → HTTP {} in {} ms{rid}",
                    exchange.request.method.as_str(),
                    exchange.request.path,
                    exchange.status.unwrap_or_default(),
                    exchange.duration_ms,
                )));
                Some(outcome)
            }
            Err(error) => {
                self.status_line.set(None);
                self.problem.set(Some(Problem::Api {
                    error,
                    request: format!(
                        "{} {}",
                        exchange.request.method.as_str(),
                        exchange.request.path
                    ),
                }));
                None
            }
        }
    }

    /// Shows `s` on the card and puts it in the form.
    fn show(self, s: EndpointService) {
        self.form.reset(&ServiceDraft::from_service(&s));
        self.service_id.set(s.id.clone());
        self.base.set(Some(s));
    }

    /// Loads the service; false when it could not be read.
    pub async fn load(self, id: String) -> bool {
        self.poll.set(PollState::Idle);
        let outcome = self.call(Operation::GetService { id }).await;
        reveal_outcome().await;
        let Some(Outcome::Service(s)) = outcome else {
            return false;
        };
        let wait = needs_polling(&s);
        let id = s.id.clone();
        self.show(*s);
        if wait {
            self.wait_until_available(id).await;
        }
        true
    }

    pub async fn save(self, id: String, body: crate::api::UpdateBody) {
        let outcome = self
            .call(Operation::UpdateService {
                id: id.clone(),
                body,
            })
            .await;
        // The Send button is at the end of a long form: bring the answer into view.
        reveal_outcome().await;
        if let Some(Outcome::Service(s)) = outcome {
            let wait = needs_polling(&s);
            self.show(*s);
            if wait {
                self.wait_until_available(id).await;
            }
        }
        // On failure the form keeps the user's edits: nothing is reset.
    }

    /// Polls GET, bounded, until the service is `available` again, refreshing the card.
    async fn wait_until_available(self, id: String) {
        let policy = PollPolicy::default();
        for attempt in 1..=policy.max_attempts {
            let status = self
                .base
                .with_untracked(|b| b.as_ref().and_then(|s| s.status.clone()))
                .unwrap_or_else(|| "unknown".into());
            self.poll.set(PollState::Waiting {
                attempt,
                max: policy.max_attempts,
                status,
            });
            sleep_ms(policy.interval_ms).await;
            let Some(Outcome::Service(s)) = self
                .call_with(Operation::GetService { id: id.clone() }, false)
                .await
            else {
                self.poll.set(PollState::Idle);
                return;
            };
            let step = policy.step(attempt, &s);
            let status = s.status.clone().unwrap_or_default();
            // The card follows the service; the form keeps what it holds (it was filled
            // from the PUT's answer, and the user may be typing).
            self.base.set(Some(*s));
            match step {
                PollStep::Done => {
                    self.poll.set(PollState::Available);
                    return;
                }
                PollStep::Again => {}
                PollStep::Stop => {
                    self.poll.set(PollState::Stopped { status });
                    return;
                }
            }
        }
    }

    pub async fn upgrade(self, id: String) {
        let outcome = self
            .call(Operation::UpgradeService { id: id.clone() })
            .await;
        reveal_outcome().await;
        if let Some(Outcome::Upgraded) = outcome {
            let line = self.status_line.get_untracked();
            // Keep the upgrade's own line: it is the answer the user asked for. If the
            // refresh fails, its banner and the GET's line say so instead.
            if self.load(id).await {
                if let Some(l) = line {
                    self.status_line
                        .set(Some(format!("{l}; the card is refreshed.")));
                }
            }
        }
    }

    pub async fn list(self, name: String) {
        let query = ListQuery {
            endpoint_service_name: name,
            limit: Some(100),
            ..Default::default()
        };
        if let Some(Outcome::List(l)) = self.call(Operation::ListServices(query)).await {
            self.services.set(Some(l));
        }
    }
}

/// Scrolls the outcome (status line or error banner) into view, if it is not already.
async fn reveal_outcome() {
    // After the page has rendered the new outcome (it is hidden while empty).
    sleep_ms(0).await;
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("outcome"))
    {
        let opts = web_sys::ScrollIntoViewOptions::new();
        opts.set_block(web_sys::ScrollLogicalPosition::Nearest);
        el.scroll_into_view_with_scroll_into_view_options(&opts);
    }
}

/// Runs `work` unless a request is already under way; the flag is set before anything
/// awaits, so a second click in the same moment finds it set.
fn guarded(c: Console, work: impl std::future::Future<Output = ()> + 'static) {
    if c.busy.get_untracked() {
        return;
    }
    c.busy.set(true);
    leptos::task::spawn_local(async move {
        work.await;
        c.busy.set(false);
    });
}

/// Load a service by id, or pick one from the project's list.
#[component]
fn ServicePicker(c: Console) -> impl IntoView {
    let filter = RwSignal::new(String::new());
    let on_load = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        guarded(c, async move {
            c.load(c.service_id.get_untracked()).await;
        });
    };
    let on_list = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        guarded(c, c.list(filter.get_untracked()));
    };
    view! {
        <section class="panel" aria-labelledby="load-title">
            <h2 id="load-title">"Endpoint service"</h2>
            <form class="inline" on:submit=on_load id="load-form">
                <TextField
                    id="service-id"
                    label="Service ID"
                    value=c.service_id
                    placeholder="4189d3c2-8882-4871-a3c2-d380272eed83"
                />
                <button type="submit" id="load" disabled=move || c.busy.get()>
                    "Load"
                </button>
            </form>
            <details class="browse">
                <summary>"Browse the project's services"</summary>
                <form class="inline" on:submit=on_list id="list-form">
                    <TextField id="list-filter" label="Name contains" value=filter />
                    <button type="submit" class="secondary" id="list" disabled=move || c.busy.get()>
                        "List"
                    </button>
                </form>
                {move || c.services.get().map(|l| view! {
                    <p class="muted">{format!("{} of {} shown.", l.endpoint_services.len(), l.total_count)}</p>
                    <ul class="service-list" id="service-list">
                        {l.endpoint_services
                            .into_iter()
                            .map(|s| {
                                let id = s.id.clone();
                                let label = format!("Open {}", s.short_name());
                                view! {
                                    <li>
                                        <button
                                            type="button"
                                            class="link"
                                            aria-label=label
                                            disabled=move || c.busy.get()
                                            on:click=move |_| {
                                                c.service_id.set(id.clone());
                                                let id = id.clone();
                                                guarded(c, async move {
                                                    c.load(id).await;
                                                });
                                            }
                                        >
                                            <strong>{s.short_name()}</strong>
                                        </button>
                                        <span class="muted">
                                            {format!(
                                                " {} · {} · {}",
                                                s.status.clone().unwrap_or_default(),
                                                s.server_type.clone().unwrap_or_default(),
                                                s.supported_editions.join("+"),
                                            )}
                                        </span>
                                        <code class="muted small">{s.id.clone()}</code>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                })}
            </details>
        </section>
    }
}

/// Progress and outcome of the last request, announced to screen readers.
#[component]
fn ResultArea(c: Console) -> impl IntoView {
    let poll_text = move || match c.poll.get() {
        PollState::Idle => None,
        PollState::Waiting {
            attempt,
            max,
            status,
        } => Some(format!(
            "The service is {status}: waiting until it is available (check {attempt} of {max})…"
        )),
        PollState::Available => Some("The service is available again.".to_owned()),
        PollState::Stopped { status } => Some(format!(
            "Stopped waiting: the service is {status}. Reload it later before editing again."
        )),
    };
    // Takes no room while there is nothing to say.
    let empty = move || {
        !c.busy.get()
            && c.status_line.with(Option::is_none)
            && c.problem.with(Option::is_none)
            && c.poll.with(|p| *p == PollState::Idle)
    };
    view! {
        <div class="outcome" id="outcome" class:empty=empty>
            <div class="result" aria-live="polite" id="result">
                {move || c.busy.get().then(|| view! { <span class="spinner" aria-hidden="true"></span> })}
                <p class="status-line" id="status-line">{move || c.status_line.get()}</p>
                <p class="poll" class:ok=move || c.poll.with(|p| *p == PollState::Available) id="poll-state">
                {poll_text}
            </p>
            </div>
            <ErrorBanner problem=c.problem />
        </div>
    }
}

/// The modify form with its live preview and the one submit path.
#[component]
fn ModifyPanel(c: Console) -> impl IntoView {
    let dialect = Signal::derive(move || c.settings.dialect.get());
    let errors = Memo::new(move |_| {
        let draft = c.form.draft();
        c.base
            .with(|b| b.as_ref().map(|b| validate(&draft, b, dialect.get())))
            .unwrap_or_default()
    });
    let plan = Memo::new(move |_| {
        let draft = c.form.draft();
        c.base
            .with(|b| b.as_ref().map(|b| plan_update(b, &draft, dialect.get())))
    });
    let request = Memo::new(move |_| {
        let id = c.base.with(|b| b.as_ref().map(|b| b.id.clone()))?;
        let body = plan.with(|p| match p {
            Some(Ok(p)) if !p.is_empty() => Some(p.body.clone()),
            _ => None,
        })?;
        Some(build_request(
            &c.settings.snapshot(),
            &Operation::UpdateService { id, body },
        ))
    });
    let can_send = move || matches!(request.get(), Some(Ok(_))) && !c.busy.get();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        // The same checks as the disabled button: Enter in a field also submits.
        if !matches!(request.get_untracked(), Some(Ok(_))) {
            return;
        }
        let Some(id) = c.base.with_untracked(|b| b.as_ref().map(|b| b.id.clone())) else {
            return;
        };
        let Some(Ok(plan)) = plan.get_untracked() else {
            return;
        };
        guarded(c, c.save(id, plan.body));
    };
    let reset = move |_| {
        if let Some(b) = c.base.get_untracked() {
            c.form.reset(&ServiceDraft::from_service(&b));
        }
    };
    view! {
        <section class="panel modify" aria-labelledby="modify-title">
            <h2 id="modify-title">"Modify"</h2>
            <form on:submit=on_submit id="modify-form" novalidate>
                <ModifyFields form=c.form errors=errors dialect=dialect />
                <UpdatePreview plan=plan request=request />
                <div class="actions">
                    <button type="button" class="secondary" id="reset-form" on:click=reset>
                        "Discard edits"
                    </button>
                    <button type="submit" id="send" disabled=move || !can_send()>
                        {move || if c.busy.get() { "Sending…" } else { "Send PUT" }}
                    </button>
                </div>
            </form>
        </section>
    }
}

/// The whole console; `config` is what came of fetching config.json (none: defaults).
#[component]
pub fn App(#[prop(optional)] config: Option<ConfigLoad>) -> impl IntoView {
    let config = config.unwrap_or(ConfigLoad::Missing);
    let c = Console::new(&config.config());
    let config_problem = match config {
        ConfigLoad::Malformed(m) => Some(m),
        _ => None,
    };
    let upgrade_open = RwSignal::new(false);
    let open_upgrade = Callback::new(move |_| upgrade_open.set(true));
    let close_upgrade = Callback::new(move |_| upgrade_open.set(false));
    let confirm_upgrade = Callback::new(move |_| {
        let Some(id) = c.base.with_untracked(|b| b.as_ref().map(|b| b.id.clone())) else {
            return;
        };
        guarded(c, async move {
            c.upgrade(id).await;
            upgrade_open.set(false);
        });
    });
    // A link with ?service_id=… (and a token in this tab) opens the service at once.
    if !c.service_id.get_untracked().is_empty() && !c.settings.token.get_untracked().is_empty() {
        guarded(c, async move {
            c.load(c.service_id.get_untracked()).await;
        });
    }
    view! {
        <header class="top">
            <h1>"VPC Endpoint console"</h1>
            <p class="muted">"Modify and upgrade endpoint services through your API proxy."</p>
        </header>
        {config_problem.map(|m| view! {
            <div class="banner warn config-problem" role="alert" id="config-problem">{m}</div>
        })}
        <main class="layout">
            <div class="side">
                <SettingsPanel state=c.settings />
            </div>
            <div class="work">
                <ServicePicker c=c />
                <ResultArea c=c />
                {move || c.base.get().map(|s| view! { <ServiceCard service=s on_upgrade=open_upgrade /> })}
                {move || c.base.with(|b| b.is_some()).then(|| view! { <ModifyPanel c=c /> })}
                <HistoryPanel history=c.history />
            </div>
        </main>
        {move || {
            if !upgrade_open.get() {
                return None;
            }
            let service = c.base.get()?;
            let settings = c.settings.snapshot();
            let request = build_request(&settings, &Operation::UpgradeService { id: service.id.clone() });
            Some(view! {
                <UpgradeDialog
                    service=service
                    region=settings.region
                    request=request
                    pending=c.busy
                    on_confirm=confirm_upgrade
                    on_close=close_upgrade
                />
            })
        }}
    }
}
