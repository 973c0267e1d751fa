//! What a submit will send: the diff against the loaded service and the exact request.

use crate::api::request::pretty_json;
use crate::api::{ApiRequest, FieldError, SettingsError, UpdatePlan};
use leptos::prelude::*;
use wasm_bindgen::JsValue;

/// Copies `text` to the clipboard; false when the browser refuses (no secure context).
fn copy_to_clipboard(text: &str) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    // navigator.clipboard.writeText, looked up dynamically: web-sys gates Clipboard.
    let navigator: JsValue = window.navigator().into();
    let Ok(clipboard) = js_sys::Reflect::get(&navigator, &"clipboard".into()) else {
        return false;
    };
    if clipboard.is_undefined() {
        return false;
    }
    let Ok(write) = js_sys::Reflect::get(&clipboard, &"writeText".into()) else {
        return false;
    };
    let Ok(write) = write.dyn_into::<js_sys::Function>() else {
        return false;
    };
    write.call1(&clipboard, &text.into()).is_ok()
}

use wasm_bindgen::JsCast;

/// The request as it will go on the wire, token masked, with copy-as-curl.
#[component]
pub fn RequestView(request: ApiRequest) -> impl IntoView {
    let copied = RwSignal::new(None::<&'static str>);
    let curl = request.to_curl();
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
                Some(b) => view! { <pre class="body" aria-label="JSON body (as sent, indented)">{b}</pre> }.into_any(),
                None => view! { <p class="muted">"No body."</p> }.into_any(),
            }}
            <div class="copy-row">
                <button
                    type="button"
                    class="secondary"
                    on:click=move |_| {
                        copied.set(Some(if copy_to_clipboard(&curl) {
                            "Copied: the token is $TOKEN in the command."
                        } else {
                            "The browser refused the clipboard: select the command below."
                        }))
                    }
                >
                    "Copy as curl"
                </button>
                <span class="muted" aria-live="polite">{move || copied.get()}</span>
            </div>
            <details>
                <summary>"curl command"</summary>
                <pre class="curl">{request.to_curl()}</pre>
            </details>
        </div>
    }
}

/// The preview of an update: which fields change, which mappings come and go, and
/// the request that would be sent.
#[component]
pub fn UpdatePreview(
    plan: Memo<Option<Result<UpdatePlan, Vec<FieldError>>>>,
    request: Memo<Option<Result<ApiRequest, SettingsError>>>,
) -> impl IntoView {
    let summary = move || {
        match plan.get() {
        None => None,
        Some(Err(errors)) => Some(
            view! {
                <p class="note bad" id="preview-state">
                    {format!(
                        "{} {} to fix before anything can be sent.",
                        errors.len(),
                        if errors.len() == 1 { "problem" } else { "problems" },
                    )}
                </p>
            }
            .into_any(),
        ),
        Some(Ok(p)) if p.is_empty() => Some(
            view! { <p class="note" id="preview-state">"No changes: nothing to send."</p> }.into_any(),
        ),
        Some(Ok(p)) => Some(
            view! {
                <div id="preview-state">
                    <table class="diff" id="diff">
                        <caption>"Changes"</caption>
                        <thead>
                            <tr><th scope="col">"Field"</th><th scope="col">"Now"</th><th scope="col">"After"</th></tr>
                        </thead>
                        <tbody>
                            {p.changes
                                .iter()
                                .map(|c| view! {
                                    <tr>
                                        <th scope="row"><code>{c.field}</code></th>
                                        <td class="before">{c.before.clone()}</td>
                                        <td class="after">{c.after.clone()}</td>
                                    </tr>
                                })
                                .collect_view()}
                            {p.ports.as_ref().map(|d| view! {
                                <tr>
                                    <th scope="row"><code>"ports"</code></th>
                                    <td class="before">
                                        <ul class="mappings">
                                            {d.removed.iter().map(|m| view! { <li class="removed">{format!("− {m}")}</li> }).collect_view()}
                                        </ul>
                                    </td>
                                    <td class="after">
                                        <ul class="mappings">
                                            {d.added.iter().map(|m| view! { <li class="added">{format!("+ {m}")}</li> }).collect_view()}
                                        </ul>
                                    </td>
                                </tr>
                            })}
                        </tbody>
                    </table>
                    {p.ports.as_ref().map(|d| view! {
                        <p class="note warn" id="ports-warning">
                            {format!(
                                "Ports are replaced wholesale: all {} mappings below are sent, and the service will have exactly those.",
                                d.after.len()
                            )}
                        </p>
                    })}
                </div>
            }
            .into_any(),
        ),
    }
    };
    let request_view = move || match request.get() {
        Some(Ok(r)) => Some(view! { <RequestView request=r /> }.into_any()),
        Some(Err(e)) => Some(
            view! { <p class="note bad">{format!("Nothing can be sent yet: {}", e.message())}</p> }
                .into_any(),
        ),
        None => None,
    };
    view! {
        <section class="preview" aria-labelledby="preview-title">
            <h3 id="preview-title">"Preview"</h3>
            {summary}
            {request_view}
        </section>
    }
}
