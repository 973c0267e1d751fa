//! The batch panel: its review, then its run and results.

use super::flow::{cancel, close, redraw_words, retry_failed, start};
use super::state::BatchStage;
use crate::api::batch::{Progress, RunOptions};
use crate::api::words::{count, fill, w};
use crate::ui::dom::effect;
use crate::ui::split::{split_point, Part};
use crate::ui::state::use_console;
use leptos::prelude::*;

fn seconds(ms: f64) -> String {
    let s = (ms / 1000.0).round() as u64;
    if s >= 60 {
        fill(w().batch().minutes_seconds, &[&(s / 60), &(s % 60)])
    } else {
        fill(w().batch().seconds, &[&s])
    }
}

/// The progress line: counts, elapsed and left.
fn counts_text(p: &Progress, stage: BatchStage) -> String {
    let b = w().batch();
    let n = |template: &str, n: usize| fill(template, &[&count(n)]);
    let mut parts = vec![
        n(b.n_done, p.done),
        n(b.n_failed, p.failed),
        n(b.n_skipped, p.skipped),
    ];
    if p.changed > 0 {
        parts.push(n(b.n_changed, p.changed));
    }
    if p.unconfirmed > 0 {
        parts.push(n(b.n_unconfirmed, p.unconfirmed));
    }
    if p.not_started + p.aborted > 0 {
        parts.push(n(b.n_not_started, p.not_started));
        if p.aborted > 0 {
            parts.push(n(b.n_aborted, p.aborted));
        }
    }
    parts.push(n(b.n_remaining, p.remaining));
    let counts = parts.join(b.count_separator);
    let text = fill(b.elapsed, &[&counts, &seconds(p.elapsed_ms)]);
    match (stage, p.eta_ms) {
        (BatchStage::Running, Some(eta)) => fill(b.time_left, &[&text, &seconds(eta)]),
        (BatchStage::Running, None) => fill(b.time_left_unknown, &[&text]),
        _ => text,
    }
}

/// The batch: its review, then its run and results.
#[component]
pub fn BatchPanel() -> impl IntoView {
    let c = use_console();
    let b = c.batch();
    // Drawn anew after a language switch: what the panel holds follows the new words.
    effect(move || untrack(|| redraw_words(b)));
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
                <p class="note">{w().batch().review_note}</p>
                <div class="field narrow">
                    <label for="batch-concurrency">{w().batch().requests_at_once}</label>
                    <input id="batch-concurrency" inputmode="numeric" autocomplete="off"
                        aria-invalid=move || concurrency_error().is_some().to_string()
                        aria-describedby="batch-concurrency-help batch-concurrency-error"
                        prop:value=b.concurrency on:input=crate::ui::field::set_text(b.concurrency) />
                    <p class="help" id="batch-concurrency-help">
                        {fill(
                            w().batch().concurrency_help,
                            &[&RunOptions::MAX_CONCURRENCY, &(b.defaults.rate_per_second as u32)],
                        )}
                    </p>
                    <p class="error" id="batch-concurrency-error">{concurrency_error}</p>
                </div>
                <details class="request-sample" hidden=move || b.sample.with(Option::is_none)>
                    <summary>{w().batch().sample_summary}</summary>
                    <pre id="batch-sample">{move || b.sample.get()}</pre>
                </details>
            </div>
            <div class="batch-progress" hidden=move || stage() == BatchStage::Review>
                <progress id="batch-progress" max="100" value=move || percent().to_string() aria-label=w().batch().progress_label></progress>
                <span class="percent">{move || fill(w().batch().percent, &[&percent()])}</span>
                <p id="batch-counts" tabindex="-1" aria-live="polite">
                    {move || b.progress.get().map(|p| counts_text(&p, stage()))}
                </p>
            </div>
            <div class="actions">
                <button type="button" id="batch-start" hidden=move || stage() != BatchStage::Review
                    disabled=move || to_send() == 0 || concurrency_error().is_some()
                    on:click=move |_| start(c)>
                    {move || match to_send() {
                        1 => fill(w().batch().send_requests_one, &[&count(1)]),
                        n => fill(w().batch().send_requests_many, &[&count(n)]),
                    }}
                </button>
                <button type="button" class="secondary" id="batch-back" hidden=move || stage() != BatchStage::Review
                    on:click=move |_| close(c)>{w().batch().back}</button>
                <button type="button" class="danger" id="batch-cancel" hidden=move || stage() != BatchStage::Running
                    on:click=move |_| cancel(c)>{w().batch().cancel_rest}</button>
                <button type="button" id="batch-retry" hidden=move || stage() != BatchStage::Finished || failed() == 0
                    on:click=move |_| retry_failed(c)>
                    {move || fill(w().batch().retry_failed, &[&count(failed())])}
                </button>
                <a class="button secondary" id="batch-csv" download="vpcep-batch.csv"
                    hidden=move || b.exports.with(Option::is_none)
                    href=move || b.exports.get().map(|e| e.0)>{w().batch().export_csv}</a>
                <a class="button secondary" id="batch-json" download="vpcep-batch.json"
                    hidden=move || b.exports.with(Option::is_none)
                    href=move || b.exports.get().map(|e| e.1)>{w().batch().export_json}</a>
                <button type="button" class="secondary" id="batch-close" hidden=move || stage() != BatchStage::Finished
                    on:click=move |_| close(c)>{w().batch().close}</button>
            </div>
            // Scrolls on its own (a long batch): focusable, so the keyboard can scroll it too.
            <div class="scroll" tabindex="0" role="region" aria-label=w().batch().table_label>
                <table class="services batch-table" id="batch-table">
                    <caption class="visually-hidden">{w().batch().table_label}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{w().batch().col_service}</th>
                            <th scope="col">{w().batch().col_result}</th>
                            <th scope="col">{w().batch().col_detail}</th>
                            <th scope="col" class="num">{w().batch().col_tries}</th>
                            <th scope="col" class="num">"HTTP"</th>
                            <th scope="col">{w().batch().col_error_code}</th>
                            <th scope="col" class="opt">{w().batch().col_request_id}</th>
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
