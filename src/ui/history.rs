//! Every request of the session, and its export as JSON (no token in it).

use crate::api::history::{export_json, HistoryEntry};
use leptos::prelude::*;

/// The history of the session, folded until asked for.
#[component]
pub fn HistoryPanel(history: RwSignal<Vec<HistoryEntry>>) -> impl IntoView {
    let href = move || {
        let json = history.with(|h| export_json(h));
        format!(
            "data:application/json;charset=utf-8,{}",
            String::from(js_sys::encode_uri_component(&json))
        )
    };
    view! {
        <details class="panel history" id="history">
            <summary>
                <span id="history-title">{move || format!("Requests this session ({})", history.with(|h| h.len()))}</span>
            </summary>
            <div class="panel-head">
                <span class="muted">"Time, request, status, duration and request ID of each call; never the token."</span>
                <a class="button secondary" id="export-history" download="vpcep-history.json" href=href>
                    "Export JSON"
                </a>
            </div>
            {move || {
                if history.with(|h| h.is_empty()) {
                    view! { <p class="muted">"No requests yet."</p> }.into_any()
                } else {
                    view! {
                        <div class="scroll">
                            <table class="history-table" id="history-table">
                                <thead>
                                    <tr>
                                        <th scope="col">"Time"</th>
                                        <th scope="col">"Request"</th>
                                        <th scope="col">"Status"</th>
                                        <th scope="col">"ms"</th>
                                        <th scope="col">"Request ID / error"</th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {history
                                        .get()
                                        .into_iter()
                                        .rev()
                                        .map(|e| {
                                            let time = e.time.get(11..19).unwrap_or(&e.time).to_owned();
                                            let ok = e.status.is_some_and(|s| (200..300).contains(&s));
                                            view! {
                                                <tr class:bad=!ok>
                                                    <td>{time}</td>
                                                    <td class="path" title=e.path.clone()><code>{format!("{} {}", e.method, e.path)}</code></td>
                                                    <td>{e.status.map(|s| s.to_string()).unwrap_or_else(|| "—".into())}</td>
                                                    <td>{e.duration_ms}</td>
                                                    <td>
                                                        {e.error_code.map(|c| view! { <code>{c}</code>" " })}
                                                        <code class="muted">{e.request_id.unwrap_or_default()}</code>
                                                    </td>
                                                </tr>
                                            }
                                        })
                                        .collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }
                    .into_any()
                }
            }}
        </details>
    }
}
