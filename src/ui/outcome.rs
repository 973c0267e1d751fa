//! What went wrong, shown as a banner: status, code, message as text, request id, hint.

use super::split::{part, split_point, Part};
use crate::api::words::w;
use crate::api::{ApiError, SettingsError};
use leptos::prelude::*;

/// What went wrong, with everything needed to act on it.
#[derive(Debug, Clone, PartialEq)]
pub enum Problem {
    /// Nothing was sent: a setting is missing or wrong.
    Settings(SettingsError),
    /// A request failed; `request` is `METHOD path`.
    Api { error: ApiError, request: String },
}

/// The error banner: status, code and message verbatim (always as text, never as HTML),
/// request id and a hint. Its view is drawn by [`ProblemView`], in the service page's
/// extras chunk (fetched once a page is usable; a problem opening a page fetches it then).
#[component]
pub fn ErrorBanner(
    #[prop(into)] problem: Signal<Option<Problem>>,
    /// A last line, e.g. that the edits are still in the form.
    #[prop(optional)]
    footer: Option<&'static str>,
) -> impl IntoView {
    move || {
        problem
            .get()
            .map(|p| part!("problem", None, problem_part(p.clone(), footer)))
    }
}

/// One problem as [`ErrorBanner`] shows it.
#[component]
pub fn ProblemView(problem: Problem, footer: Option<&'static str>) -> impl IntoView {
    match problem {
        Problem::Settings(e) => view! {
            <div class="banner error" role="alert">
                <strong>{w().page.check_settings}</strong>
                <span>{e.message().to_owned()}</span>
                {footer.map(|f| view! { <p class="kept">{f}</p> })}
            </div>
        }
        .into_any(),
        Problem::Api { error, request } => view! {
            <div class="banner error" role="alert">
                <p class="headline">
                    {error.status.map(|s| view! { <span class="status">{format!("HTTP {s}")}</span> })}
                    {error.error_code.clone().map(|c| view! { <code class="code">{c}</code> })}
                    {error.status.is_none().then(|| view! { <span class="status">{w().page.no_answer}</span> })}
                </p>
                {error.error_msg.clone().map(|m| view! { <p class="message">{m}</p> })}
                <p class="hint">{error.hint.clone()}</p>
                {error.body_excerpt.clone().map(|b| view! {
                    <details class="excerpt" open>
                        <summary>{w().page.body_as_text}</summary>
                        <pre>{b.to_string()}</pre>
                    </details>
                })}
                <p class="meta">
                    <span class="request">{request}</span>
                    {error
                        .request_id
                        .clone()
                        .map(|r| view! { <span>{w().page.request_id_meta}<code class="request-id">{r}</code></span> })}
                </p>
                {footer.map(|f| view! { <p class="kept">{f}</p> })}
            </div>
        }
        .into_any(),
    }
}

split_point!(
    page,
    /// What went wrong, as [`ErrorBanner`] shows it, with its last line.
    pub fn problem_part(problem: Problem, footer: Option<&'static str>) -> Part {
        Ok(untrack(|| {
            view! { <ProblemView problem=problem footer=footer /> }.into_any()
        }))
    }
);
