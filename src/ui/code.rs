//! The request as code: tabs under a request (curl, Python, Go, Terraform), each with what
//! it needs, what it cannot say, and Copy. The snippets are the core's
//! ([`crate::api::code`]); this draws them, one tab at a time.

use super::dom::focus_soon;
use crate::api::code::{snippet, Context, Tool};
use crate::api::request::Settings;
use crate::api::words::w;
use crate::api::{ApiRequest, Dialect, EndpointService, Operation};
use leptos::prelude::*;

/// What the snippets are written from, besides the request: the operation and where it goes.
#[derive(Debug, Clone, PartialEq)]
pub struct AsCode {
    pub op: Operation,
    pub project_id: String,
    pub region: String,
    pub dialect: Dialect,
    /// The service as loaded (Terraform writes its whole state).
    pub service: Option<EndpointService>,
}

impl AsCode {
    /// `op` with the settings' project, region (else the one in the service's full name)
    /// and cloud.
    pub fn new(op: Operation, s: &Settings, service: Option<EndpointService>) -> AsCode {
        let region = if s.region.trim().is_empty() {
            service
                .as_ref()
                .and_then(EndpointService::region)
                .unwrap_or_default()
        } else {
            s.region.trim().to_owned()
        };
        AsCode {
            op,
            project_id: s.project_id.trim().to_owned(),
            region,
            dialect: s.dialect,
            service,
        }
    }
}

/// Copies `text` to the clipboard and says whether the browser did it.
pub async fn copy_to_clipboard(text: String) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    // Clipboard exists only in a secure context (https or loopback).
    let navigator = window.navigator();
    if js_sys::Reflect::get(&navigator, &"clipboard".into())
        .map(|c| c.is_undefined())
        .unwrap_or(true)
    {
        return false;
    }
    wasm_bindgen_futures::JsFuture::from(navigator.clipboard().write_text(&text))
        .await
        .is_ok()
}

/// The tabs of `request` as code; curl only without `code`. `key` tells several requests'
/// tabs apart in the page (DOM ids).
#[component]
pub fn CodeTabs(request: ApiRequest, code: Option<AsCode>, key: String) -> impl IntoView {
    let tools: Vec<Tool> = if code.is_some() {
        Tool::ALL.to_vec()
    } else {
        vec![Tool::Curl]
    };
    let shown = RwSignal::new(Tool::Curl);
    let copied = RwSignal::new(None::<&'static str>);
    let panel_id = format!("code-{key}-panel");
    let id = move |tool: Tool| format!("code-{key}-{}", tool.id());
    let id_tab = id.clone();
    let written = {
        let request = request.clone();
        let code = code.clone();
        move |tool: Tool| match &code {
            Some(c) => snippet(
                tool,
                &c.op,
                &request,
                &Context {
                    project_id: &c.project_id,
                    region: &c.region,
                    dialect: c.dialect,
                    service: c.service.as_ref(),
                },
            ),
            None => snippet(
                tool,
                &Operation::GetService { id: String::new() },
                &request,
                &Context {
                    project_id: "",
                    region: "",
                    dialect: Dialect::Huawei,
                    service: None,
                },
            ),
        }
    };
    let order = tools.clone();
    let id_key = id.clone();
    let on_key = move |ev: web_sys::KeyboardEvent| {
        let at = order
            .iter()
            .position(|t| *t == shown.get_untracked())
            .unwrap_or(0);
        let n = order.len();
        let next = match ev.key().as_str() {
            "ArrowRight" => (at + 1) % n,
            "ArrowLeft" => (at + n - 1) % n,
            "Home" => 0,
            "End" => n - 1,
            _ => return,
        };
        ev.prevent_default();
        shown.set(order[next]);
        copied.set(None);
        focus_soon(id_key(order[next]));
    };
    let buttons = tools
        .iter()
        .map(|&tool| {
            let selected = move || shown.get() == tool;
            let panel = panel_id.clone();
            view! {
                <button
                    type="button"
                    role="tab"
                    class="tab"
                    id=id_tab(tool)
                    aria-controls=panel
                    aria-selected=move || selected().to_string()
                    tabindex=move || if selected() { "0" } else { "-1" }
                    on:click=move |_| {
                        shown.set(tool);
                        copied.set(None);
                    }
                >
                    {tool.label()}
                </button>
            }
        })
        .collect_view();
    let labelled = {
        let id = id.clone();
        move || id(shown.get())
    };
    let panel = move || {
        let tool = shown.get();
        match written(tool) {
            Ok(s) => {
                let text = s.code.clone();
                let copy = move |_| {
                    let text = text.clone();
                    copied.set(Some(w().page.copying));
                    leptos::task::spawn_local(async move {
                        copied.set(Some(if copy_to_clipboard(text).await {
                            w().code().copied
                        } else {
                            w().page.clipboard_refused
                        }));
                    });
                };
                view! {
                    <p class="needs">{s.needs}</p>
                    {(!s.notes.is_empty()).then(|| view! {
                        <ul class="code-notes">
                            {s.notes.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}
                        </ul>
                    })}
                    <pre class="code" tabindex="0" aria-label=tool.label()>{s.code}</pre>
                    <div class="copy-row">
                        <button type="button" class="secondary copy-code" on:click=copy>
                            {w().code().copy}" "{tool.label()}
                        </button>
                        <span class="muted" aria-live="polite">{move || copied.get()}</span>
                    </div>
                }
                .into_any()
            }
            Err(why) => view! { <p class="note cannot">{why}</p> }.into_any(),
        }
    };
    view! {
        <div class="code-tabs">
            <div class="tabs" role="tablist" aria-label=w().code().tabs_label on:keydown=on_key>
                {buttons}
            </div>
            <div class="code-panel" role="tabpanel" id=panel_id.clone() aria-labelledby=labelled>
                {panel}
            </div>
        </div>
    }
}
