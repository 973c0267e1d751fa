//! Signing in with an IAM user: the form beside the token field, its request to the IAM
//! proxy, the token it gives (kept exactly like a pasted one), how long that token has
//! left, and signing out.
//!
//! The password and the passcode live in the form's signals only: cleared once IAM has
//! given a token, never written to storage, and the history keeps the body with both
//! masked ([`masked_body`]).

use super::dom::effect;
use super::field::{LabeledField, TextInput};
use super::http::{self, Failure};
use super::storage;
use crate::api::history::HistoryEntry;
use crate::api::iam::{
    iam_words, masked_body, read_sign_in, sign_in_request, token_time, Mfa, Remembered,
    SessionInfo, SignIn, SignInFailure, SignInField, SignInProblem, TokenTime,
};
use crate::api::request::{proxy_base, ApiRequest};
use crate::api::words::{fill, w};
use leptos::prelude::*;
use std::time::Duration;

/// What the form holds. The password and passcode are never stored.
#[derive(Clone, Copy)]
pub struct Form {
    pub user: RwSignal<String>,
    pub password: RwSignal<String>,
    pub account: RwSignal<String>,
    pub mfa: RwSignal<bool>,
    pub user_id: RwSignal<String>,
    pub passcode: RwSignal<String>,
    /// The names of the last sign-in were read from localStorage (once, as the form is
    /// first drawn: the settings chunk reads them, not the first download).
    recalled: StoredValue<bool>,
}

impl Form {
    fn recall(self) {
        if self.recalled.get_value() {
            return;
        }
        self.recalled.set_value(true);
        let r = storage::load_remembered();
        for (signal, value) in [
            (self.user, r.user),
            (self.account, r.account),
            (self.user_id, r.user_id),
        ] {
            if signal.get_untracked().is_empty() {
                signal.set(value);
            }
        }
        if r.mfa {
            self.mfa.set(true);
        }
    }
}

/// Why the last sign-in gave no token: the console's words, and IAM's own code and text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub message: String,
    pub status: Option<u16>,
    pub code: Option<String>,
    pub said: Option<String>,
}

/// The sign-in and the token it gave, shared by the settings panel and the header.
#[derive(Clone, Copy)]
pub struct Session {
    /// The token in use (the settings' own signal).
    pub token: RwSignal<String>,
    /// The project the token is scoped to (the settings' own signal).
    pub project_id: RwSignal<String>,
    pub iam_proxy_url: RwSignal<String>,
    /// The deployment fixes the IAM proxy URL (with the API proxy URL).
    pub proxy_locked: bool,
    /// Who signed in and until when, while the token in use is the one IAM gave.
    pub info: RwSignal<Option<(String, SessionInfo)>>,
    /// The API refused the token in use (the settings' own signal).
    pub rejected: RwSignal<bool>,
    /// The time, once a second, for the header's countdown.
    pub now_ms: RwSignal<f64>,
    pub form: Form,
    pub busy: RwSignal<bool>,
    pub problem: RwSignal<Option<Refusal>>,
    pub field_problem: RwSignal<Option<SignInProblem>>,
    history: RwSignal<Vec<HistoryEntry>>,
    timeout_s: u32,
}

impl Session {
    /// The session of this tab: the token's sign-in from sessionStorage (when the token is
    /// there), the form's names from localStorage.
    pub fn new(
        token: RwSignal<String>,
        project_id: RwSignal<String>,
        iam_proxy_url: RwSignal<String>,
        proxy_locked: bool,
        rejected: RwSignal<bool>,
        history: RwSignal<Vec<HistoryEntry>>,
        timeout_s: u32,
    ) -> Session {
        let t = token.get_untracked();
        let info = storage::load_session()
            .filter(|_| !t.is_empty())
            .map(|i| (t, i));
        let now_ms = RwSignal::new(js_sys::Date::now());
        // Stopped with the console (a test mounts many).
        if let Ok(tick) = set_interval_with_handle(
            move || {
                now_ms.try_set(js_sys::Date::now());
            },
            Duration::from_secs(1),
        ) {
            on_cleanup(move || tick.clear());
        }
        Session {
            token,
            project_id,
            iam_proxy_url,
            proxy_locked,
            info: RwSignal::new(info),
            rejected,
            now_ms,
            form: Form {
                user: RwSignal::new(String::new()),
                password: RwSignal::new(String::new()),
                account: RwSignal::new(String::new()),
                mfa: RwSignal::new(false),
                user_id: RwSignal::new(String::new()),
                passcode: RwSignal::new(String::new()),
                recalled: StoredValue::new(false),
            },
            busy: RwSignal::new(false),
            problem: RwSignal::new(None),
            field_problem: RwSignal::new(None),
            history,
            timeout_s,
        }
    }

    /// Keeps sessionStorage's sign-in in step with the token: another token (pasted,
    /// cleared) is not the one IAM gave.
    pub fn persist(self) {
        effect(move || {
            let token = self.token.get();
            let info = self.info.get();
            storage::save_session(info.as_ref().filter(|(t, _)| *t == token).map(|(_, i)| i));
        });
    }

    /// Who signed in for the token in use (tracked).
    pub fn signed_in(self) -> Option<SessionInfo> {
        let token = self.token.get();
        self.info.with(|i| {
            i.as_ref()
                .filter(|(t, _)| *t == token)
                .map(|(_, i)| i.clone())
        })
    }

    /// How long the token in use has left (tracked, once a second); none for a pasted one.
    pub fn time(self) -> Option<TokenTime> {
        let info = self.signed_in()?;
        // The tick wakes it; the time is read now (the tick's may be a second old).
        self.now_ms.track();
        token_time(&info.expires_at, js_sys::Date::now() as i64)
    }

    /// A token IAM gave that has run out or that the API refused: sign in again (tracked).
    pub fn needs_sign_in(self) -> bool {
        self.signed_in().is_some()
            && (self.rejected.get() || self.time() == Some(TokenTime::Expired))
    }

    /// The signed-in token has run out, now (untracked: read as a request is built).
    pub fn expired_now(self) -> bool {
        untrack(|| self.signed_in()).is_some_and(|i| {
            token_time(&i.expires_at, js_sys::Date::now() as i64) == Some(TokenTime::Expired)
        })
    }

    /// Forgets the token, in memory and in sessionStorage.
    pub fn sign_out(self) {
        self.info.set(None);
        self.token.set(String::new());
        self.form.password.set(String::new());
        self.form.passcode.set(String::new());
        self.problem.set(None);
    }

    /// Checks the form and sends it; a problem goes to its field, with the focus.
    pub fn submit(self) {
        if self.busy.get_untracked() {
            return;
        }
        let f = self.form;
        let s = SignIn {
            user: f.user.get_untracked(),
            password: f.password.get_untracked(),
            account: f.account.get_untracked(),
            project_id: self.project_id.get_untracked(),
            mfa: f.mfa.get_untracked().then(|| Mfa {
                user_id: f.user_id.get_untracked(),
                passcode: f.passcode.get_untracked(),
            }),
        };
        self.problem.set(None);
        let request = match sign_in_request(&self.iam_proxy_url.get_untracked(), &s) {
            Ok(r) => r,
            Err(p) => {
                if let Some(id) = field_id(&p.field) {
                    super::dom::focus_soon(id);
                }
                self.field_problem.set(Some(p));
                return;
            }
        };
        self.field_problem.set(None);
        storage::save_remembered(&Remembered {
            user: s.user.trim().to_owned(),
            account: s.account.trim().to_owned(),
            user_id: s
                .mfa
                .as_ref()
                .map(|m| m.user_id.trim().to_owned())
                .unwrap_or_default(),
            mfa: s.mfa.is_some(),
        });
        self.busy.set(true);
        leptos::task::spawn_local(async move { self.send(s, request).await });
    }

    async fn send(self, s: SignIn, request: ApiRequest) {
        let started = js_sys::Date::now();
        let answer = http::fetch(
            &request.url,
            request.method.as_str(),
            &request.headers,
            request.body.as_deref(),
            self.timeout_s,
        )
        .await;
        let duration_ms = (js_sys::Date::now() - started).max(0.0) as u32;
        let base = proxy_base(&self.iam_proxy_url.get_untracked()).unwrap_or_default();
        let passcode_sent = s.mfa.is_some();
        let (status, request_id, result) = match answer {
            Ok(a) => {
                let rid = crate::api::error::header(&a.headers, "X-Request-Id").map(str::to_owned);
                let result = read_sign_in(a.status, &a.headers, &a.body).map_err(|failure| {
                    let (code, said) = match failure {
                        SignInFailure::Unreadable(_) => (None, None),
                        _ => iam_words(&a.body),
                    };
                    (
                        failure.clone(),
                        Refusal {
                            message: failure.message_for(passcode_sent),
                            status: Some(a.status),
                            code,
                            said,
                        },
                    )
                });
                (Some(a.status), rid, result)
            }
            Err(failure) => {
                let message = match failure {
                    Failure::Timeout => fill(w().sign_in.timed_out, &[&self.timeout_s]),
                    _ => fill(w().sign_in.unreachable, &[&base]),
                };
                let refusal = Refusal {
                    message,
                    status: None,
                    code: None,
                    said: None,
                };
                (None, None, Err((SignInFailure::Refused(0), refusal)))
            }
        };
        // The history keeps the request with the password and passcode masked.
        let shown = ApiRequest {
            body: Some(masked_body(&s)),
            ..request
        };
        let mut entry = HistoryEntry::new(
            js_sys::Date::new_0().to_iso_string().into(),
            "sign_in",
            &shown,
            status,
            duration_ms,
            request_id,
            None,
        );
        if let Err((_, r)) = &result {
            entry.error_code = r.code.clone();
        }
        self.history.update(|h| h.push(entry));
        self.busy.set(false);
        let f = self.form;
        match result {
            Ok(signed) => {
                f.password.set(String::new());
                f.passcode.set(String::new());
                let info = SessionInfo {
                    user: s.user.trim().to_owned(),
                    account: s.account.trim().to_owned(),
                    expires_at: signed.expires_at,
                };
                // First who it is, then the token: the token's watchers see both.
                self.info.set(Some((signed.token.clone(), info)));
                self.token.set(signed.token);
            }
            Err((failure, refusal)) => {
                if failure == SignInFailure::MfaNeeded {
                    f.mfa.set(true);
                    f.passcode.set(String::new());
                    let first_empty = if f.user_id.get_untracked().trim().is_empty() {
                        "si-user-id"
                    } else {
                        "si-passcode"
                    };
                    super::dom::focus_soon(first_empty);
                }
                self.problem.set(Some(refusal));
            }
        }
    }
}

/// The id of the control a problem belongs to; the project is in the settings above.
fn field_id(field: &SignInField) -> Option<&'static str> {
    Some(match field {
        SignInField::User => "si-user",
        SignInField::Password => "si-password",
        SignInField::Account => "si-account",
        SignInField::UserId => "si-user-id",
        SignInField::Passcode => "si-passcode",
        SignInField::IamProxy => "si-iam-proxy",
        SignInField::Project => "s-project-id",
    })
}

/// The sign-in: who is signed in (with Sign out), or the form.
#[component]
pub fn SignInPanel(session: Session) -> impl IntoView {
    let signed_in = move || {
        session
            .signed_in()
            .filter(|_| session.time() != Some(TokenTime::Expired))
    };
    view! {
        <section class="sign-in" aria-labelledby="sign-in-title">
            <h3 id="sign-in-title">{w().sign_in.title}</h3>
            {move || match signed_in() {
                Some(info) => view! {
                    <div class="signed-in">
                        <p id="signed-in" aria-live="polite">
                            {fill(w().sign_in.signed_in_as, &[&info.user, &info.account])}
                            " "
                            <span class="muted">{move || session.time().map(TokenTime::text)}</span>
                        </p>
                        <button type="button" class="secondary" id="sign-out" on:click=move |_| session.sign_out()>
                            {w().sign_in.sign_out}
                        </button>
                    </div>
                }
                .into_any(),
                None => view! { <SignInForm session=session /> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn SignInForm(session: Session) -> impl IntoView {
    let f = session.form;
    f.recall();
    let t = &w().sign_in;
    let error_at = move |field: SignInField| {
        Signal::derive(move || {
            session.field_problem.with(|p| {
                p.as_ref()
                    .filter(|p| p.field == field)
                    .map(|p| p.message.clone())
            })
        })
    };
    view! {
        <form
            class="sign-in-form"
            id="sign-in-form"
            novalidate=true
            on:submit=move |ev| {
                ev.prevent_default();
                session.submit();
            }
        >
            <p class="muted">{t.intro}</p>
            <div class="sign-in-grid">
                <LabeledField id="si-user" label=t.user_label error=error_at(SignInField::User)>
                    <TextInput value=f.user autocomplete="username" />
                </LabeledField>
                <LabeledField id="si-password" label=t.password_label error=error_at(SignInField::Password)>
                    <TextInput value=f.password input_type="password" autocomplete="current-password" />
                </LabeledField>
                <LabeledField id="si-account" label=t.account_label help=t.account_help error=error_at(SignInField::Account)>
                    <TextInput value=f.account autocomplete="organization" />
                </LabeledField>
            </div>
            <div class="field check">
                <input type="checkbox" id="si-mfa" prop:checked=f.mfa on:change=super::field::set_checked(f.mfa) />
                <label for="si-mfa">{t.mfa_label}</label>
            </div>
            <Show when=move || f.mfa.get()>
                <div class="sign-in-grid">
                    <LabeledField id="si-user-id" label=t.user_id_label help=t.user_id_help error=error_at(SignInField::UserId)>
                        <TextInput value=f.user_id />
                    </LabeledField>
                    <LabeledField id="si-passcode" label=t.passcode_label error=error_at(SignInField::Passcode)>
                        <TextInput value=f.passcode autocomplete="one-time-code" inputmode="numeric" />
                    </LabeledField>
                </div>
            </Show>
            <LabeledField
                id="si-iam-proxy"
                label=t.iam_proxy_label
                help=if session.proxy_locked { t.iam_proxy_locked_help } else { t.iam_proxy_help }
                error=error_at(SignInField::IamProxy)
            >
                <TextInput value=session.iam_proxy_url input_type="url" readonly=session.proxy_locked />
            </LabeledField>
            {move || error_at(SignInField::Project).get().map(|m| view! {
                <p class="banner error" role="alert" id="sign-in-project">{m}</p>
            })}
            {move || session.problem.get().map(|r| view! { <RefusalBanner refusal=r /> })}
            <div class="sign-in-actions">
                <button type="submit" id="sign-in" disabled=move || session.busy.get()>
                    {move || if session.busy.get() { w().sign_in.signing_in } else { w().sign_in.submit }}
                </button>
            </div>
        </form>
    }
}

/// Why IAM gave no token: the console's words first, then IAM's status, code and text.
#[component]
fn RefusalBanner(refusal: Refusal) -> impl IntoView {
    let said = refusal.status.map(|status| {
        view! {
            <p class="meta">
                {w().sign_in.iam_answered}" "
                <span class="status">{format!("HTTP {status}")}</span>
                // Keystone's `code` is the status again: shown once.
                {refusal
                    .code
                    .clone()
                    .filter(|c| *c != status.to_string())
                    .map(|c| view! { " " <code class="code">{c}</code> })}
                {refusal.said.clone().map(|m| view! { " " <span class="message">{m}</span> })}
            </p>
        }
    });
    view! {
        <div class="banner error" role="alert" id="sign-in-problem">
            <strong>{w().sign_in.failed}</strong>
            <p>{refusal.message.clone()}</p>
            {said}
        </div>
    }
}
