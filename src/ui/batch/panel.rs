//! The batch panel: its review, then its run and results.

use super::flow::{cancel, close, retry_failed, start};
use super::state::BatchStage;
use crate::api::batch::{Progress, RunOptions};
use crate::ui::split::{split_point, Part};
use crate::ui::state::use_console;
use leptos::prelude::*;

fn seconds(ms: f64) -> String {
    let s = (ms / 1000.0).round() as u64;
    if s >= 60 {
        format!("{} min {} s", s / 60, s % 60)
    } else {
        format!("{s} s")
    }
}

/// The progress line: counts, elapsed and left.
fn counts_text(p: &Progress, stage: BatchStage) -> String {
    let mut parts = vec![
        format!("{} done", p.done),
        format!("{} failed", p.failed),
        format!("{} skipped", p.skipped),
    ];
    if p.changed > 0 {
        parts.push(format!("{} changed on the server", p.changed));
    }
    if p.unconfirmed > 0 {
        parts.push(format!("{} not confirmed", p.unconfirmed));
    }
    if p.not_started + p.aborted > 0 {
        parts.push(format!("{} not started", p.not_started));
        if p.aborted > 0 {
            parts.push(format!("{} aborted", p.aborted));
        }
    }
    parts.push(format!("{} remaining", p.remaining));
    let mut text = parts.join(" · ");
    text.push_str(&format!(" — {} elapsed", seconds(p.elapsed_ms)));
    match (stage, p.eta_ms) {
        (BatchStage::Running, Some(eta)) => {
            text.push_str(&format!(", about {} left", seconds(eta)))
        }
        (BatchStage::Running, None) => text.push_str(", time left not known yet"),
        _ => {}
    }
    text
}

/// The batch: its review, then its run and results.
#[component]
pub fn BatchPanel() -> impl IntoView {
    let c = use_console();
    let b = c.batch;
    let stage = move || b.stage.get();
    let percent = move || {
        b.progress.with(|p| {
            p.map(|p| (p.finished() * 100).checked_div(p.total).unwrap_or(100))
                .unwrap_or(0)
        })
    };
    let failed = move || {
        b.progress
            .with(|p| p.map_or(0, |p| p.failed + p.aborted + p.not_started))
    };
    let to_send = move || {
        b.rows
            .with(|rows| rows.iter().filter(|r| r.with(|l| l.tone == "send")).count())
    };
    let concurrency_error = move || b.concurrency_problem();
    view! {
        <section class="panel batch" id="batch" aria-labelledby="batch-title" hidden=move || stage() == BatchStage::Idle>
            <h2 id="batch-title" tabindex="-1">{move || b.title.get()}</h2>
            <div hidden=move || stage() != BatchStage::Review>
                <p class="note">
                    "Nothing has been sent yet. Each change is one request, built as a single Save would build it; "
                    "before each PUT the console reads the service again and leaves it alone if it changed since you selected it."
                </p>
                <div class="field narrow">
                    <label for="batch-concurrency">"Requests at once"</label>
                    <input id="batch-concurrency" inputmode="numeric" autocomplete="off"
                        aria-invalid=move || concurrency_error().is_some().to_string()
                        aria-describedby="batch-concurrency-help batch-concurrency-error"
                        bind:value=b.concurrency />
                    <p class="help" id="batch-concurrency-help">
                        {format!(
                            "1 to {}. At most {} requests start each second (config.json batch_rate_per_second); throttled requests are retried after a pause.",
                            RunOptions::MAX_CONCURRENCY,
                            b.defaults.rate_per_second as u32
                        )}
                    </p>
                    <p class="error" id="batch-concurrency-error">{concurrency_error}</p>
                </div>
                <details class="request-sample" hidden=move || b.sample.with(Option::is_none)>
                    <summary>"The request for each service"</summary>
                    <pre id="batch-sample">{move || b.sample.get()}</pre>
                </details>
            </div>
            <div class="batch-progress" hidden=move || stage() == BatchStage::Review>
                <progress id="batch-progress" max="100" value=move || percent().to_string() aria-label="Batch progress"></progress>
                <span class="percent">{move || format!("{} %", percent())}</span>
                <p id="batch-counts" tabindex="-1" aria-live="polite">
                    {move || b.progress.get().map(|p| counts_text(&p, stage()))}
                </p>
            </div>
            <div class="actions">
                <button type="button" id="batch-start" hidden=move || stage() != BatchStage::Review
                    disabled=move || to_send() == 0 || concurrency_error().is_some()
                    on:click=move |_| start(c)>
                    {move || match to_send() {
                        1 => "Send 1 request".to_owned(),
                        n => format!("Send {n} requests"),
                    }}
                </button>
                <button type="button" class="secondary" id="batch-back" hidden=move || stage() != BatchStage::Review
                    on:click=move |_| close(c)>"Back to the selection"</button>
                <button type="button" class="danger" id="batch-cancel" hidden=move || stage() != BatchStage::Running
                    on:click=move |_| cancel(c)>"Cancel the rest"</button>
                <button type="button" id="batch-retry" hidden=move || stage() != BatchStage::Finished || failed() == 0
                    on:click=move |_| retry_failed(c)>
                    {move || format!("Retry failed ({})", failed())}
                </button>
                <a class="button secondary" id="batch-csv" download="vpcep-batch.csv"
                    hidden=move || b.exports.with(Option::is_none)
                    href=move || b.exports.get().map(|e| e.0)>"Export CSV"</a>
                <a class="button secondary" id="batch-json" download="vpcep-batch.json"
                    hidden=move || b.exports.with(Option::is_none)
                    href=move || b.exports.get().map(|e| e.1)>"Export JSON"</a>
                <button type="button" class="secondary" id="batch-close" hidden=move || stage() != BatchStage::Finished
                    on:click=move |_| close(c)>"Close"</button>
            </div>
            // Scrolls on its own (a long batch): focusable, so the keyboard can scroll it too.
            <div class="scroll" tabindex="0" role="region" aria-label="Services in this batch">
                <table class="services batch-table" id="batch-table">
                    <caption class="visually-hidden">"Services in this batch"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Service"</th>
                            <th scope="col">"Result"</th>
                            <th scope="col">"Detail"</th>
                            <th scope="col" class="num">"Tries"</th>
                            <th scope="col" class="num">"HTTP"</th>
                            <th scope="col">"Error code"</th>
                            <th scope="col" class="opt">"Request ID"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {move || b.rows.get().into_iter().map(|line| {
                            // This page's handle on the row's signal; the signal lives on.
                            let line = RwSignal::from(line);
                            let (name, id) = line.with_untracked(|l| (l.name.clone(), l.id.clone()));
                            view! {
                            <tr class=move || format!("batch-row tone-{}", line.with(|l| l.tone)) data-id=id>
                                <th scope="row">
                                    <span class="service-name">{name}</span>
                                    <code class="muted small id">{id.clone()}</code>
                                </th>
                                <td class="result">{move || line.with(|l| l.result.clone())}</td>
                                <td class="detail">{move || line.with(|l| l.detail.clone())}</td>
                                <td class="num">{move || line.with(|l| l.tries.clone())}</td>
                                <td class="num">{move || line.with(|l| l.http.clone())}</td>
                                <td><code>{move || line.with(|l| l.code.clone())}</code></td>
                                <td class="opt"><code class="small">{move || line.with(|l| l.request_id.clone())}</code></td>
                            </tr>
                        }}).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}

split_point!(
    list,
    /// Many services at once: the review, the run, the results.
    pub fn batch_panel() -> Part {
        Ok(untrack(|| view! { <BatchPanel /> }.into_any()))
    }
);
