//! A batch's life: the review (nothing sent), the run (through the one run driver,
//! [`crate::ui::run`]), cancel, retry failed, the results to export.

use super::state::{BatchStage, BatchState, RowLine};
use crate::api::batch::{
    export_csv, export_json, plan, BatchAction, Decision, PlannedRow, RowStatus, Runner,
};
use crate::api::words::{advanced, count, fill, w};
use crate::ui::dom::focus_soon;
use crate::ui::run::RunHooks;
use crate::ui::state::Console;
use leptos::prelude::*;
use std::time::Duration;

fn now() -> f64 {
    js_sys::Date::now()
}

/// The row as the review shows it: what will happen.
fn planned_line(row: &PlannedRow) -> RowLine {
    let (result, detail, tone) = match &row.decision {
        Decision::Send {
            change: Some(c), ..
        } => (
            w().batch().will_change.to_owned(),
            fill(
                w().batch().change_line,
                &[
                    &crate::api::words::field_label(c.field),
                    &c.before,
                    &c.after,
                ],
            ),
            "send",
        ),
        Decision::Send { .. } => (
            w().batch().will_upgrade.to_owned(),
            fill(w().batch().to_edition, &[&advanced()]),
            "send",
        ),
        Decision::Skip { reason } => (
            w().batch().status_skipped.to_owned(),
            reason.clone(),
            "skipped",
        ),
    };
    RowLine {
        name: row.name.clone(),
        id: row.service_id.clone(),
        result,
        detail,
        tone,
        ..RowLine::default()
    }
}

/// The row as the run has it.
fn run_line(runner: &Runner, i: usize) -> RowLine {
    let Some(r) = runner.row(i) else {
        return RowLine::default();
    };
    let last = r.tries.last();
    let tone = match &r.status {
        RowStatus::Done { .. } => "ok",
        RowStatus::Failed { .. } | RowStatus::Aborted => "failed",
        RowStatus::Changed { .. } | RowStatus::Unconfirmed { .. } => "warn",
        RowStatus::Skipped { .. } | RowStatus::NotStarted => "skipped",
        RowStatus::Waiting => "waiting",
        RowStatus::Running => "running",
    };
    let mut detail = r.status.detail();
    if let RowStatus::Running = r.status {
        // Where it is: checking, sending, waiting for `available`, or about to retry.
        detail = match (r.step(), last.and_then(|t| t.retry_in_ms)) {
            (_, Some(_)) if r.in_flight() => fill(w().batch().retrying, &[&(r.retries() + 1)]),
            (_, Some(ms)) => fill(w().batch().throttled, &[&(r.retries() + 1), &tenths(ms)]),
            (Some(step), None) => step_words(step).to_owned(),
            (None, None) => String::new(),
        };
    }
    RowLine {
        name: r.job.row.name.clone(),
        id: r.job.row.service_id.clone(),
        result: r.status.label().to_owned(),
        detail,
        tone,
        tries: if r.tries.is_empty() {
            String::new()
        } else {
            r.tries.len().to_string()
        },
        http: last
            .and_then(|t| t.status)
            .map(|s| s.to_string())
            .unwrap_or_default(),
        code: last.and_then(|t| t.error_code.clone()).unwrap_or_default(),
        request_id: last.and_then(|t| t.request_id.clone()).unwrap_or_default(),
    }
}

/// `ms` as seconds with one decimal, without float formatting (which costs the wasm KBs).
fn tenths(ms: f64) -> String {
    let t = (ms.max(0.0) / 100.0).round() as u64;
    format!("{}{}{}", t / 10, w().batch().decimal_separator, t % 10)
}

fn step_words(step: crate::api::batch::StepKind) -> &'static str {
    use crate::api::batch::StepKind;
    let b = w().batch();
    match step {
        StepKind::Check => b.step_check,
        StepKind::Send => b.step_send,
        StepKind::Watch => b.step_watch,
    }
}

/// How often a running batch redraws its rows and progress: each redraw lays the page's
/// tables out again, which costs more than a request on a slow machine.
const REDRAW_MS: u64 = 250;

/// Marks `rows` changed: they (and the progress) are drawn at the next redraw, at most
/// every [`REDRAW_MS`].
fn mark(b: BatchState, rows: &[usize]) {
    b.dirty.update_value(|d| d.extend_from_slice(rows));
    if b.redraw_due.get_value() {
        return;
    }
    b.redraw_due.set_value(true);
    set_timeout(
        move || {
            if b.redraw_due.try_get_value() != Some(true) {
                return;
            }
            b.redraw_due.set_value(false);
            let mut rows = b.dirty.try_update_value(std::mem::take).unwrap_or_default();
            rows.sort_unstable();
            rows.dedup();
            sync(b, Some(rows));
        },
        Duration::from_millis(REDRAW_MS),
    );
}

/// Draws rows `which` (all when `None`) and the progress from the runner, now.
fn sync(b: BatchState, which: Option<Vec<usize>>) {
    if which.is_none() {
        b.dirty.update_value(Vec::clear);
    }
    let rows = b.rows.get_untracked();
    b.driver.with(|r| {
        let indexes: Vec<usize> = which.unwrap_or_else(|| (0..rows.len()).collect());
        for i in indexes {
            if let Some(line) = rows.get(i) {
                let new = run_line(r, i);
                if line.with_untracked(|l| *l != new) {
                    line.set(new);
                }
            }
        }
        b.progress.set(Some(r.progress(now())));
    });
}

/// The panel's heading: the change, how many get it and how many are skipped.
fn title(action: &BatchAction, rows: &[PlannedRow]) -> String {
    let sent = rows.iter().filter(|r| r.is_sent()).count();
    let skipped = rows.len() - sent;
    fill(
        w().batch().review_title,
        &[&action.title(), &count(sent), &count(skipped)],
    )
}

/// The panel drawn anew (after a language switch): its heading and rows in the words shown
/// now. Reasons recorded while planning or running stay in the words of that moment.
pub fn redraw_words(b: BatchState) {
    let stage = b.stage.get_untracked();
    if stage == BatchStage::Idle {
        return;
    }
    let planned: Option<Vec<PlannedRow>> = b
        .driver
        .with(|r| r.rows().iter().map(|row| row.job.row.clone()).collect());
    let Some(planned) = planned else { return };
    if let Some(first) = planned.first() {
        let heading = title(&first.action, &planned);
        if b.title.get_untracked() != heading {
            b.title.set(heading);
        }
    }
    if stage == BatchStage::Review {
        for (line, row) in b.rows.get_untracked().iter().zip(&planned) {
            let new = planned_line(row);
            if line.with_untracked(|l| *l != new) {
                line.set(new);
            }
        }
    } else {
        sync(b, None);
    }
}

/// Plans `action` for the selection and opens the review. Nothing is sent.
pub fn review(c: Console, action: BatchAction) {
    let b = c.batch();
    if b.busy() {
        return;
    }
    let dialect = c.settings.dialect.get_untracked();
    let planned = b
        .selection
        .with_untracked(|s| plan(&action, s.snapshots(), dialect));
    let rows = match planned {
        Ok(rows) => rows,
        Err(e) => {
            b.problem.set(Some(e.0));
            return;
        }
    };
    b.problem.set(None);
    let sample = rows.iter().find_map(|r| match &r.decision {
        Decision::Send { operation, .. } => {
            crate::api::build_request(&c.settings.snapshot_untracked(), operation)
                .ok()
                .map(|req| {
                    let mut text = format!("{} {}", req.method.as_str(), req.url);
                    if let Some(body) = &req.body {
                        text.push('\n');
                        text.push_str(&crate::api::request::pretty_json(body));
                    }
                    text
                })
        }
        Decision::Skip { .. } => None,
    });
    b.title.set(title(&action, &rows));
    b.sample.set(sample);
    b.rows.set(
        rows.iter()
            .map(|r| ArcRwSignal::new(planned_line(r)))
            .collect(),
    );
    revoke_exports(b);
    b.progress.set(None);
    let mut options = b.defaults;
    options.seed = now() as u64;
    b.driver
        .set(Some(Runner::from_plan(&rows, c.timing.poll, options)));
    b.stage.set(BatchStage::Review);
    focus_soon("batch-title");
}

/// Starts the reviewed batch.
pub fn start(c: Console) {
    let b = c.batch();
    if b.stage.get_untracked() != BatchStage::Review {
        return;
    }
    let Some(concurrency) = untrack(|| b.concurrency_problem())
        .is_none()
        .then(|| b.concurrency.get_untracked().trim().parse::<u32>().ok())
        .flatten()
    else {
        return;
    };
    b.driver.update(|r| {
        let mut options = *r.options();
        options.concurrency = concurrency;
        let rows: Vec<PlannedRow> = r.rows().iter().map(|row| row.job.row.clone()).collect();
        *r = Runner::from_plan(&rows, c.timing.poll, options);
    });
    run(c);
}

/// Cancel: requests in flight are aborted, the rest are not started.
pub fn cancel(c: Console) {
    c.batch().driver.cancel(c.run_env());
}

/// Sends what the runner has due, redraws the rows it answers, and finishes the run.
fn run(c: Console) {
    let b = c.batch();
    b.stage.set(BatchStage::Running);
    sync(b, None);
    b.driver.run(
        c.run_env(),
        RunHooks {
            changed: Box::new(move |rows| mark(b, rows)),
            finished: Box::new(move || finish(c)),
        },
    );
}

/// Runs the failed rows again (and the ones a cancel left not started).
pub fn retry_failed(c: Console) {
    let b = c.batch();
    if b.stage.get_untracked() != BatchStage::Finished {
        return;
    }
    let again = b
        .driver
        .update(|r| {
            let t = now();
            r.retry_failed(t) + if r.is_cancelled() { r.resume(t) } else { 0 }
        })
        .unwrap_or(0);
    if again == 0 {
        return;
    }
    revoke_exports(b);
    run(c);
}

/// Closes the panel; the selection stays.
pub fn close(c: Console) {
    let b = c.batch();
    if b.busy() {
        return;
    }
    b.stage.set(BatchStage::Idle);
    b.driver.set(None);
    revoke_exports(b);
    focus_soon("batch-review");
}

/// The run is over: results to export, and the list shows the services as they are now.
fn finish(c: Console) {
    let b = c.batch();
    b.stage.set(BatchStage::Finished);
    sync(b, None);
    let files = b.driver.with(|r| (export_csv(r), export_json(r, now())));
    if let Some((csv, json)) = files {
        revoke_exports(b);
        if let (Some(csv), Some(json)) = (
            object_url(&csv, "text/csv"),
            object_url(&json, "application/json"),
        ) {
            b.exports.set(Some((csv, json)));
        }
    }
    if matches!(c.route.get_untracked(), crate::api::route::Route::List(_)) {
        c.refresh();
    }
    focus_soon("batch-counts");
}

fn object_url(text: &str, mime: &str) -> Option<String> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).ok()?;
    web_sys::Url::create_object_url_with_blob(&blob).ok()
}

fn revoke_exports(b: BatchState) {
    if let Some((csv, json)) = b.exports.get_untracked() {
        let _ = web_sys::Url::revoke_object_url(&csv);
        let _ = web_sys::Url::revoke_object_url(&json);
    }
    b.exports.set(None);
}
