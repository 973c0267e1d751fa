//! What a save will change, in console words, and behind a disclosure the exact request.

use super::code::{AsCode, CodeTabs};
use super::split::{part, split_point, Part};
use crate::api::ports::PortChange;
use crate::api::request::pretty_json;
use crate::api::words::{count, field_label, fill, value_text, w};
use crate::api::{ApiRequest, FieldError, SettingsError, UpdatePlan};
use leptos::prelude::*;

/// The request as it will go on the wire, token masked, and as code (curl; with `code`, the
/// SDKs and Terraform too).
#[component]
pub fn RequestView(
    request: ApiRequest,
    #[prop(default = None)] code: Option<AsCode>,
    /// Tells this request's tabs apart from others' in the page.
    #[prop(optional, into)]
    key: Option<String>,
) -> impl IntoView {
    let body = request.body.as_deref().map(pretty_json);
    let headers = request.masked_headers();
    view! {
        <div class="request">
            <p class="request-line">
                <code class="method">{request.method.as_str()}</code>
                " "
                <code class="url">{request.url.clone()}</code>
            </p>
            <ul class="headers">
                {headers
                    .into_iter()
                    .map(|(n, v)| view! { <li><code>{format!("{n}: {v}")}</code></li> })
                    .collect_view()}
            </ul>
            {match body {
                // Focusable: a long body scrolls, and keyboard users must reach it.
                Some(b) => view! { <pre class="body" tabindex="0" aria-label=w().page.json_body>{b}</pre> }.into_any(),
                None => view! { <p class="muted">{w().page.no_body}</p> }.into_any(),
            }}
            <CodeTabs request=request.clone() code=code key=key.unwrap_or_else(|| "request".to_owned()) />
        </div>
    }
}

/// The changes a save makes, field by field, and the resulting port list.
#[component]
pub fn Changes(plan: UpdatePlan) -> impl IntoView {
    let ports = plan.ports.clone();
    view! {
        <ul class="changes" id="diff">
            {plan
                .changes
                .into_iter()
                .map(|c| view! {
                    <li>
                        <strong>{field_label(c.field)}</strong>
                        {w().page.label_sep}
                        <span class="before">{value_text(c.field, &c.before)}</span>
                        " → "
                        <span class="after">{value_text(c.field, &c.after)}</span>
                        " "
                        <code class="api-name">{c.field}</code>
                    </li>
                })
                .collect_view()}
            {ports.map(|d| {
                let (added, removed) = (d.added.len(), d.removed.len());
                view! {
                    <li class="ports-change">
                        <strong>{field_label("ports")}</strong>
                        {fill(w().page.ports_change, &[&count(added), &count(removed), &count(d.after.len())])}
                        <code class="api-name">"ports"</code>
                        <table class="ports mapping-diff" id="ports-diff">
                            <thead>
                                <tr>
                                    <th scope="col">{w().core.client_port}</th>
                                    <th scope="col">{w().core.server_port}</th>
                                    <th scope="col">{w().core.protocol}</th>
                                    <th scope="col">{w().page.col_change}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {d.lines()
                                    .into_iter()
                                    .map(|(m, change)| {
                                        let (class, word) = match change {
                                            PortChange::Kept => ("kept", ""),
                                            PortChange::Added => ("added", w().page.added),
                                            PortChange::Removed => ("removed", w().page.removed),
                                        };
                                        view! {
                                            <tr class=class>
                                                <td>{m.client_port}</td>
                                                <td>{m.server_port}</td>
                                                <td>{m.protocol}</td>
                                                <td>{word}</td>
                                            </tr>
                                        }
                                    })
                                    .collect_view()}
                            </tbody>
                        </table>
                    </li>
                }
            })}
        </ul>
    }
}

/// The preview of a save: what changes, and the exact request behind "Request".
#[component]
pub fn UpdatePreview(
    plan: Memo<Option<Result<UpdatePlan, Vec<FieldError>>>>,
    request: Memo<Option<Result<ApiRequest, SettingsError>>>,
    /// The save as code (read when the request is drawn).
    code: Signal<Option<AsCode>>,
) -> impl IntoView {
    let summary = move || {
        match plan.get() {
        None => None,
        Some(Err(errors)) => Some(
            view! {
                <p class="note bad" id="preview-state">
                    {fill(
                        if errors.len() == 1 { w().page.preview_problems_one } else { w().page.preview_problems_many },
                        &[&count(errors.len())],
                    )}
                </p>
            }
            .into_any(),
        ),
        Some(Ok(p)) if p.is_empty() => Some(
            view! { <p class="note" id="preview-state">{w().page.no_changes_yet}</p> }
                .into_any(),
        ),
        Some(Ok(p)) => Some(
            view! { <div id="preview-state">{part!("changes", None, changes_part(p.clone()))}</div> }
                .into_any(),
        ),
    }
    };
    // The request is drawn only while its disclosure is open: a 200-row body, indented and
    // as curl, is not rebuilt on every keystroke for nobody to see.
    let shown = RwSignal::new(false);
    let request_view = move || match request.get() {
        Some(Ok(r)) => Some(part!("request", None, request_part(r.clone(), code.get()))),
        Some(Err(e)) => Some(
            view! { <p class="note bad">{fill(w().page.nothing_sent_yet, &[&e.message()])}</p> }
                .into_any(),
        ),
        None => None,
    };
    view! {
        <section class="panel preview" aria-labelledby="preview-title">
            <h2 id="preview-title">{w().page.preview}</h2>
            {summary}
            <details
                class="request-disclosure"
                id="request-disclosure"
                on:toggle:target=move |ev| shown.set(ev.target().open())
            >
                <summary>{w().page.request}</summary>
                {move || shown.get().then(|| {
                    request_view().unwrap_or_else(|| view! { <p class="muted">{w().page.no_request}</p> }.into_any())
                })}
            </details>
        </section>
    }
}

split_point!(
    page,
    /// What a save would change (the preview, once the form differs).
    pub fn changes_part(plan: UpdatePlan) -> Part {
        Ok(untrack(|| view! { <Changes plan=plan /> }.into_any()))
    }
);

split_point!(
    page,
    /// The exact request, with copy as curl (the preview's open *Request*).
    pub fn request_part(request: ApiRequest, code: Option<AsCode>) -> Part {
        Ok(untrack(|| {
            view! { <RequestView request=request code=code key="preview" /> }.into_any()
        }))
    }
);
