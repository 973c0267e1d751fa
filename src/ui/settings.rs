//! The settings: where they come from, the panel that edits them, the summary in the
//! header once they are complete, and the first-run checklist while they are not.

use super::controls::with_code;
use super::dom::effect;
use super::field::{LabeledField, TextInput};
use super::sign_in::{Session, SignInPanel};
use super::split::{split_point, Part};
use super::storage;
use crate::api::config::{resolve, BaseSettings, Resolved, RuntimeConfig};
use crate::api::history::HistoryEntry;
use crate::api::iam::TokenTime;
use crate::api::regions::{HUAWEI_REGIONS, OTC_REGIONS};
use crate::api::request::{id_problem, mask_token, proxy_base, proxy_warning};
use crate::api::words::{fill, w};
use crate::api::{Dialect, Settings};
use leptos::prelude::*;

/// The settings as the form edits them. The token is kept apart from what persists.
#[derive(Clone, Copy)]
pub struct SettingsState {
    pub proxy_url: RwSignal<String>,
    /// Where the sign-in goes.
    pub iam_proxy_url: RwSignal<String>,
    pub project_id: RwSignal<String>,
    pub region: RwSignal<String>,
    pub dialect: RwSignal<Dialect>,
    pub token: RwSignal<String>,
    /// The deployment locks the proxy URL (config.json `allow_proxy_change: false`).
    pub proxy_locked: bool,
    /// The proxy adds the token (config.json `"auth": "proxy"`): none is asked or sent.
    pub token_by_proxy: bool,
    /// Only the sign-in is offered (config.json `"auth": "sign-in"`): no token to paste.
    pub sign_in_only: bool,
    /// The sign-in, and the lifetime of the token it gave.
    pub session: Session,
    /// The API answered 401 to the token as it is now: the summary says so until it changes.
    pub token_rejected: RwSignal<bool>,
    /// Where the settings came from; decides what persists.
    resolved: StoredValue<Resolved>,
}

impl SettingsState {
    /// From, in order of precedence: the page URL's query, the user's saved settings,
    /// the deployment's config.json, built-in defaults; a locked proxy URL wins.
    pub fn load(config: &RuntimeConfig, history: RwSignal<Vec<HistoryEntry>>) -> Self {
        let saved = storage::load_settings().unwrap_or_default();
        let r = resolve(
            &storage::query_settings(),
            &saved,
            config,
            &storage::page_url(),
        );
        let s = r.settings.clone();
        let token = RwSignal::new(if config.token_by_proxy() {
            String::new()
        } else {
            storage::load_token()
        });
        let project_id = RwSignal::new(s.project_id);
        let iam_proxy_url = RwSignal::new(s.iam_proxy_url);
        let token_rejected = RwSignal::new(false);
        SettingsState {
            proxy_url: RwSignal::new(s.proxy_url),
            iam_proxy_url,
            project_id,
            region: RwSignal::new(s.region),
            dialect: RwSignal::new(s.dialect),
            token,
            proxy_locked: r.proxy_locked,
            token_by_proxy: config.token_by_proxy(),
            sign_in_only: config.sign_in_only(),
            session: Session::new(
                token,
                project_id,
                iam_proxy_url,
                r.proxy_locked,
                token_rejected,
                history,
                config.request_timeout(),
            ),
            token_rejected,
            resolved: StoredValue::new(r),
        }
    }

    /// Saves every change: the token to sessionStorage only; to localStorage, the
    /// settings the user set differently from the deployment (see [`Resolved::to_save`]).
    pub fn persist(self) {
        effect(move || {
            let current = BaseSettings {
                proxy_url: self.proxy_url.get(),
                iam_proxy_url: self.iam_proxy_url.get(),
                project_id: self.project_id.get(),
                region: self.region.get(),
                dialect: self.dialect.get(),
            };
            let saved = self.resolved.with_value(|r| r.to_save(&current));
            storage::save_settings(&saved)
        });
        effect(move || {
            storage::save_token(&self.token.get());
            // Another token is another question: it has not been refused.
            self.token_rejected.set(false);
        });
        self.session.persist();
    }

    /// The current settings, tracked (for memos that must follow them).
    pub fn snapshot(&self) -> Settings {
        Settings {
            proxy_url: self.proxy_url.get(),
            project_id: self.project_id.get(),
            region: self.region.get(),
            dialect: self.dialect.get(),
            token: self.token.get(),
            token_by_proxy: self.token_by_proxy,
            token_expired: !self.token_by_proxy && self.session.expired_now(),
        }
    }

    /// The current settings, untracked (for event handlers and async work).
    pub fn snapshot_untracked(&self) -> Settings {
        untrack(|| self.snapshot())
    }

    /// What is still missing before anything can be sent, as checklist steps.
    pub fn steps(&self) -> [(&'static str, bool); 3] {
        [
            (
                w().shell.proxy_url,
                proxy_base(&self.proxy_url.get()).is_ok(),
            ),
            (
                w().shell.project_id,
                id_problem(&self.project_id.get(), w().errors.project_id).is_none(),
            ),
            (
                if self.sign_in_only {
                    w().sign_in.step_sign_in
                } else {
                    w().sign_in.step_sign_in_or_token
                },
                self.token_by_proxy || !self.token.get().trim().is_empty(),
            ),
        ]
    }

    /// Everything needed to send a request is there.
    pub fn complete(&self) -> bool {
        self.steps().iter().all(|(_, done)| *done)
    }
}

/// The host the browser will call for `proxy_url`, as its own URL parser reads it: what the
/// user sees is where the token goes.
fn called_host(proxy_url: &str) -> Option<String> {
    let base = proxy_base(proxy_url).ok()?;
    web_sys::Url::new(&base).ok().map(|u| u.host())
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
        let p = state.project_id.get();
        if p.trim().is_empty() {
            Some(w().shell.project_id_missing.to_owned())
        } else {
            id_problem(&p, w().errors.project_id)
        }
    });
    view! {
        <section class="panel settings" id="settings" aria-labelledby="settings-title">
            <h2 id="settings-title">{w().shell.settings}</h2>
            <div class="settings-grid">
                <LabeledField
                    id="s-proxy-url"
                    label=w().shell.proxy_url
                    error=proxy_error
                    help=if state.proxy_locked {
                        w().shell.proxy_locked_help
                    } else {
                        w().shell.proxy_help
                    }
                >
                    <TextInput
                        value=state.proxy_url
                        input_type="url"
                        readonly=state.proxy_locked
                        placeholder="https://console.example.com/vpcep"
                    />
                </LabeledField>
                {move || proxy_warning(&state.proxy_url.get()).map(|warning| view! {
                    <p class="note warn" id="s-proxy-url-warning">{warning}</p>
                })}
                {move || called_host(&state.proxy_url.get()).map(|h| {
                    view! { <p class="note" id="s-proxy-host">{with_code(w().shell.proxy_host, &[h.as_str()])}</p> }
                })}
                <LabeledField id="s-project-id" label=w().shell.project_id error=project_error>
                    <TextInput value=state.project_id placeholder="0123456789abcdef0123456789abcdef" />
                </LabeledField>
                <LabeledField
                    id="s-region"
                    label=w().shell.region
                    help=w().shell.region_help
                >
                    <TextInput value=state.region list="region-list" />
                </LabeledField>
                <datalist id="region-list">
                    {HUAWEI_REGIONS
                        .iter()
                        .chain(OTC_REGIONS)
                        .map(|r| view! { <option value=*r></option> })
                        .collect_view()}
                </datalist>
                <div class="field">
                    <label for="s-dialect">{w().shell.cloud}</label>
                    <select
                        id="s-dialect"
                        aria-describedby="s-dialect-help"
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
                    <p class="help" id="s-dialect-help">
                        {w().shell.dialect_help}
                    </p>
                </div>
                {(!state.token_by_proxy).then(|| view! { <SignInPanel session=state.session /> })}
                // Signed in, *Sign out* stands for the token: no second way to clear it.
                {(!state.token_by_proxy && !state.sign_in_only).then(|| {
                    // A memo: typing a token redraws nothing (the field keeps the focus).
                    let signed_in = Memo::new(move |_| {
                        state.session.signed_in().is_some() && !state.session.needs_sign_in()
                    });
                    let _ = signed_in; view! { <TokenField state=state /> }
                })}
            </div>
        </section>
    }
}

/// The token: a password field of its own form (so browsers treat it as one), its
/// masked value, Clear, and how to get one.
#[component]
fn TokenField(state: SettingsState) -> impl IntoView {
    let token_shown = move || {
        let t = state.token.get();
        if t.is_empty() {
            w().shell.token_none.to_owned()
        } else {
            fill(w().shell.token_set, &[&mask_token(&t)])
        }
    };
    view! {
        <form class="token" on:submit=|ev| ev.prevent_default()>
            <p class="or-paste">{w().sign_in.or_paste}</p>
            <LabeledField
                id="s-token"
                label=w().shell.token
                help=w().shell.token_help
            >
                <TextInput value=state.token input_type="password" />
            </LabeledField>
            <div class="token-row">
                <span class="muted" aria-live="polite">{token_shown}</span>
                <button
                    type="button"
                    class="secondary"
                    id="clear-token"
                    on:click=move |_| state.token.set(String::new())
                >
                    {w().shell.clear_token}
                </button>
            </div>
            <details class="token-help" id="token-help">
                <summary>{w().shell.token_how}</summary>
                <p>{with_code(w().shell.token_how_answer, &["X-Subject-Token"])}</p>
                <pre class="curl">{TOKEN_REQUEST}</pre>
            </details>
        </form>
    }
}

/// The IAM request that gives a token, as a reader would type it.
const TOKEN_REQUEST: &str = r#"curl -si -X POST https://iam.{region}.myhuaweicloud.com/v3/auth/tokens \
  -H 'Content-Type: application/json' --data-raw '{
  "auth": {
    "identity": {"methods": ["password"], "password": {"user": {
      "name": "USER", "password": "PASSWORD", "domain": {"name": "ACCOUNT"}}}},
    "scope": {"project": {"id": "PROJECT_ID"}}
  }}' | grep -i '^x-subject-token'"#;

/// The settings in one line for the header: project · region · token.
#[component]
pub fn SettingsSummary(state: SettingsState, open: RwSignal<bool>) -> impl IntoView {
    let project = move || {
        let p = state.project_id.get();
        if p.trim().is_empty() {
            w().shell.summary_no_project.to_owned()
        } else {
            fill(w().shell.summary_project, &[&p])
        }
    };
    let region = move || {
        let r = state.region.get();
        (!r.trim().is_empty()).then(|| format!(" · {r}"))
    };
    let time = move || {
        (!state.token_by_proxy)
            .then(|| state.session.time())
            .flatten()
    };
    let expired = move || time() == Some(TokenTime::Expired);
    let soon = move || matches!(time(), Some(TokenTime::Soon { .. }));
    let signed_in = move || !state.token_by_proxy && state.session.signed_in().is_some();
    let token = move || {
        let s = &w().shell;
        let said = if state.token_by_proxy {
            s.summary_token_by_proxy.to_owned()
        } else if state.token.get().trim().is_empty() {
            s.summary_no_token.to_owned()
        } else if state.token_rejected.get() {
            s.summary_token_rejected.to_owned()
        } else {
            match time() {
                Some(TokenTime::Expired) => w().sign_in.summary_expired.to_owned(),
                Some(TokenTime::Soon { minutes_left }) => {
                    fill(w().sign_in.expires_in, &[&minutes_left])
                }
                Some(valid) => valid.text(),
                None => s.summary_token_ok.to_owned(),
            }
        };
        format!(" · {said}")
    };
    // A token IAM gave that ran out or was refused: the sign-in again, the names kept.
    let again = move || !state.token_by_proxy && state.session.needs_sign_in();
    let sign_in_again = move |_| {
        open.set(true);
        leptos::task::spawn_local(async move {
            // The form (drawn by the settings chunk) fills in the names it remembers: then
            // the password is what is left to type.
            super::dom::focus_when_drawn("si-user").await;
            if !state.session.form.user.get_untracked().trim().is_empty() {
                super::dom::focus("si-password");
            }
        });
    };
    let replace = move |_| {
        open.set(true);
        // Once the panel is there: the token field, emptied, with the focus.
        leptos::task::spawn_local(async move {
            leptos::task::tick().await;
            state.token.set(String::new());
            super::dom::focus("s-token");
        });
    };
    view! {
        <div class="settings-summary">
            <span
                class="summary-text"
                id="settings-summary"
                class:bad=move || state.token_rejected.get() || expired()
                class:soon=soon
            >
                {project}{region}{token}
            </span>
            <button type="button" id="replace-token" on:click=replace hidden=move || !state.token_rejected.get() || signed_in()>{w().shell.replace_token}</button>
            <button type="button" id="sign-in-again" on:click=sign_in_again hidden=move || !again()>{w().sign_in.sign_in_again}</button>
            <button type="button" class="secondary" id="header-sign-out" on:click=move |_| {
                    // Signed out, the sign-in is what comes next.
                    state.session.sign_out();
                    open.set(true);
                }
                hidden=move || !signed_in()
            >{w().sign_in.sign_out}</button>
            <button
                type="button"
                class="secondary"
                id="toggle-settings"
                aria-expanded=move || open.get().to_string()
                aria-controls="settings"
                on:click=move |_| open.update(|o| *o = !*o)
            >
                {move || if open.get() { w().shell.hide_settings } else { w().shell.settings }}
            </button>
        </div>
    }
}

/// What a first visit needs before the console can list anything.
#[component]
pub fn FirstRunChecklist(state: SettingsState) -> impl IntoView {
    view! {
        <section class="panel checklist" aria-labelledby="checklist-title" id="checklist">
            <h2 id="checklist-title">{w().shell.get_started}</h2>
            <p class="muted">{w().shell.checklist_intro}</p>
            <ol>
                {move || {
                    state
                        .steps()
                        .into_iter()
                        .map(|(step, done)| view! {
                            <li class:done=done>
                                <span class="check" aria-hidden="true">{if done { "✓" } else { "○" }}</span>
                                {step}
                                <span class="visually-hidden">{if done { w().shell.step_done } else { w().shell.step_to_do }}</span>
                            </li>
                        })
                        .collect_view()
                }}
            </ol>
        </section>
    }
}

/// Which of the settings' two views [`settings_part`] draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SettingsView {
    /// What a first run still needs (shown until the settings are complete).
    Checklist,
    /// The settings form (open on a first run, or from the header's *Settings*).
    Panel,
}

split_point!(
    settings,
    /// The settings form and the first run's checklist: a returning user, or one behind a
    /// proxy that adds the token, never opens them.
    pub fn settings_part(state: SettingsState, which: SettingsView) -> Part {
        Ok(untrack(|| match which {
            SettingsView::Checklist => view! { <FirstRunChecklist state=state /> }.into_any(),
            SettingsView::Panel => view! { <SettingsPanel state=state /> }.into_any(),
        }))
    }
);
