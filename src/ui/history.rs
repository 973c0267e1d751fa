//! Every request of the session, and its export as JSON (no token in it).

use super::split::{part, split_point, Part};
use crate::api::history::{export_json, HistoryEntry};
use crate::api::words::{count, fill, w};
use leptos::prelude::*;

/// The history of the session, folded until asked for.
#[component]
pub fn HistoryPanel(history: RwSignal<Vec<HistoryEntry>>) -> impl IntoView {
    // Folded, the panel draws its title only: a batch of hundreds of requests must not
    // redraw a table nobody looks at (nor rebuild the export) on every answer.
    let open = RwSignal::new(false);
    let on_toggle = move |ev: leptos::ev::Event| {
        use wasm_bindgen::JsCast;
        if let Some(d) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlDetailsElement>().ok())
        {
            open.set(d.open());
        }
    };
    let table = move || {
        open.get()
            .then(|| part!("history", None, history_table(history)))
    };
    view! {
        <details class="panel history" id="history" on:toggle=on_toggle>
            <summary>
                <span id="history-title">{move || fill(w().page.history_title, &[&count(history.with(|h| h.len()))])}</span>
            </summary>
            {table}
        </details>
    }
}

/// The history's table and export, drawn once the panel is opened (a split point's view).
#[component]
pub fn HistoryTable(history: RwSignal<Vec<HistoryEntry>>) -> impl IntoView {
    let href = move || {
        let json = history.with(|h| export_json(h));
        format!(
            "data:application/json;charset=utf-8,{}",
            String::from(js_sys::encode_uri_component(&json))
        )
    };
    view! {
        <div class="panel-head">
            <span class="muted">{w().page.history_note}</span>
            <a class="button secondary" id="export-history" download="vpcep-history.json" href=href>
                {w().page.export_json}
            </a>
        </div>
        <p class="muted" hidden=move || history.with(|h| !h.is_empty())>{w().page.no_requests}</p>
        <div class="scroll" hidden=move || history.with(|h| h.is_empty())>
            <table class="history-table" id="history-table">
                <thead>
                    <tr>
                        <th scope="col">{w().page.col_time}</th>
                        <th scope="col">{w().page.request}</th>
                        <th scope="col">{w().page.col_status}</th>
                        <th scope="col">"ms"</th>
                        <th scope="col">{w().page.col_request_id}</th>
                    </tr>
                </thead>
                <tbody>
                    // Newest first; entries never change, so a new one adds one row.
                    <For
                        each=move || history.with(|h| (0..h.len()).rev().collect::<Vec<_>>())
                        key=|i| *i
                        children=move |i| {
                            let e = history.with_untracked(|h| h[i].clone());
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
                        }
                    />
                </tbody>
            </table>
        </div>
    }
}

split_point!(
    page,
    /// The session's requests, as a table with its export.
    pub fn history_table(history: RwSignal<Vec<HistoryEntry>>) -> Part {
        Ok(untrack(|| {
            view! { <HistoryTable history=history /> }.into_any()
        }))
    }
);
