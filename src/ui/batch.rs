//! Many services at once: the selection in the list, one change for all of them, the
//! per-service review, the run (progress, cancel, retry failed) and its results.
//!
//! The decisions are the core's ([`crate::api::batch`]): what each service gets, when the
//! next request may start, what a throttled answer means. This module sends what the
//! [`Runner`] hands out, tells it the answers, and draws where each row stands.

use super::http::{self, Failure};
use super::outcome::Problem;
use super::state::Console;
use crate::api::batch::{
    export_csv, export_json, plan, select_all_queries, Answer, BatchAction, Decision, PageTick,
    PlannedRow, Progress, RowStatus, RunOptions, Runner, Selection, WorkId,
};
use crate::api::dialect::tcp_proxy_label;
use crate::api::list::ListView;
use crate::api::words::ADVANCED;
use crate::api::{Dialect, EndpointService, Operation, Outcome};
use leptos::prelude::*;
use std::time::Duration;

/// Where the batch panel is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// No batch: the panel is closed.
    Idle,
    /// The plan is shown; nothing is sent until Start.
    Review,
    Running,
    /// Every row is over (done, failed, skipped, cancelled...).
    Finished,
}

/// One row of the panel's table, as drawn.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RowLine {
    pub name: String,
    pub id: String,
    /// What will happen (review) or what happened (result), in words.
    pub result: String,
    pub detail: String,
    /// `ok`, `failed`, `skipped`, `running`...: the row's look.
    pub tone: &'static str,
    pub tries: String,
    pub http: String,
    pub code: String,
    pub request_id: String,
}

/// The batch's state, in the console's context (it outlives the list page, so a batch
/// runs on while the user opens a service).
#[derive(Clone, Copy)]
pub struct BatchState {
    pub selection: RwSignal<Selection>,
    /// "Select all N matching" is fetching pages: what it has done so far.
    pub fetching: RwSignal<Option<String>>,
    /// Why the batch cannot be reviewed or started, for the user.
    pub problem: RwSignal<Option<String>>,
    pub stage: RwSignal<Stage>,
    pub title: RwSignal<String>,
    /// The first request of the plan, exactly as it goes (the token masked).
    pub sample: RwSignal<Option<String>>,
    /// One signal per row, so an answer redraws its row only. Reference-counted: they live
    /// as long as the batch, whichever component was current when they were made.
    pub rows: RwSignal<Vec<ArcRwSignal<RowLine>>>,
    pub progress: RwSignal<Option<Progress>>,
    /// The "Requests at once" field as typed.
    pub concurrency: RwSignal<String>,
    /// Object URLs of the results as CSV and JSON, once the run is over.
    pub exports: RwSignal<Option<(String, String)>>,
    /// How batches run as config.json says (concurrency, rate).
    pub defaults: RunOptions,
    runner: StoredValue<Option<Runner>, LocalStorage>,
    /// The requests in flight, to abort on Cancel (a few at most: a list, not a map).
    aborts: StoredValue<Vec<(WorkId, web_sys::AbortController)>, LocalStorage>,
    timer: StoredValue<Option<TimeoutHandle>, LocalStorage>,
    /// Rows changed since the last redraw, and whether one is due.
    dirty: StoredValue<Vec<usize>, LocalStorage>,
    redraw_due: StoredValue<bool, LocalStorage>,
}

impl BatchState {
    pub fn new(defaults: RunOptions) -> Self {
        BatchState {
            selection: RwSignal::new(Selection::new()),
            fetching: RwSignal::new(None),
            problem: RwSignal::new(None),
            stage: RwSignal::new(Stage::Idle),
            title: RwSignal::new(String::new()),
            sample: RwSignal::new(None),
            rows: RwSignal::new(Vec::new()),
            progress: RwSignal::new(None),
            concurrency: RwSignal::new(defaults.concurrency.to_string()),
            exports: RwSignal::new(None),
            defaults,
            runner: StoredValue::new_local(None),
            aborts: StoredValue::new_local(Vec::new()),
            timer: StoredValue::new_local(None),
            dirty: StoredValue::new_local(Vec::new()),
            redraw_due: StoredValue::new_local(false),
        }
    }

    /// The "Requests at once" field's problem, if any.
    pub fn concurrency_problem(self) -> Option<String> {
        let text = self.concurrency.get();
        match text.trim().parse::<u32>() {
            Ok(n) if (1..=RunOptions::MAX_CONCURRENCY).contains(&n) => None,
            _ => Some(format!(
                "Enter a whole number from 1 to {}.",
                RunOptions::MAX_CONCURRENCY
            )),
        }
    }

    fn busy(self) -> bool {
        self.stage.get_untracked() == Stage::Running
    }
}

fn now() -> f64 {
    js_sys::Date::now()
}

fn iso(ms: f64) -> String {
    js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms))
        .to_iso_string()
        .into()
}

/// The row as the review shows it: what will happen.
fn planned_line(row: &PlannedRow) -> RowLine {
    let (result, detail, tone) = match &row.decision {
        Decision::Send {
            change: Some(c), ..
        } => (
            "Will change".to_owned(),
            format!(
                "{}: {} → {}",
                crate::api::words::field_label(c.field),
                c.before,
                c.after
            ),
            "send",
        ),
        Decision::Send { .. } => ("Will upgrade".to_owned(), format!("To {ADVANCED}"), "send"),
        Decision::Skip { reason } => ("Skipped".to_owned(), reason.clone(), "skipped"),
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
            (_, Some(_)) if r.in_flight() => format!("Retrying: try {}", r.retries() + 1),
            (_, Some(ms)) => format!("Throttled: try {} in {} s", r.retries() + 1, tenths(ms)),
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
    format!("{}.{}", t / 10, t % 10)
}

fn step_words(step: crate::api::batch::StepKind) -> &'static str {
    use crate::api::batch::StepKind;
    match step {
        StepKind::Check => "Checking that nobody changed it",
        StepKind::Send => "Sending",
        StepKind::Watch => "Waiting until it is available",
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
    b.runner.with_value(|r| {
        let Some(r) = r else { return };
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

/// Plans `action` for the selection and opens the review. Nothing is sent.
pub fn review(c: Console, action: BatchAction) {
    let b = c.batch;
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
    let sent = rows.iter().filter(|r| r.is_sent()).count();
    let skipped = rows.len() - sent;
    b.title.set(format!(
        "{}: {} to change, {} skipped",
        action.title(),
        sent,
        skipped
    ));
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
    b.runner
        .set_value(Some(Runner::from_plan(&rows, c.timing.poll, options)));
    b.stage.set(Stage::Review);
    focus_soon("batch-title");
}

/// Starts the reviewed batch.
pub fn start(c: Console) {
    let b = c.batch;
    if b.stage.get_untracked() != Stage::Review {
        return;
    }
    let Some(concurrency) = untrack(|| b.concurrency_problem())
        .is_none()
        .then(|| b.concurrency.get_untracked().trim().parse::<u32>().ok())
        .flatten()
    else {
        return;
    };
    b.runner.update_value(|r| {
        if let Some(r) = r {
            let mut options = *r.options();
            options.concurrency = concurrency;
            let rows: Vec<PlannedRow> = r.rows().iter().map(|row| row.job.row.clone()).collect();
            *r = Runner::from_plan(&rows, c.timing.poll, options);
        }
    });
    b.stage.set(Stage::Running);
    sync(b, None);
    pump(c);
}

/// Cancel: requests in flight are aborted, the rest are not started.
pub fn cancel(c: Console) {
    let b = c.batch;
    if !b.busy() {
        return;
    }
    let stopped = b
        .runner
        .try_update_value(|r| r.as_mut().map(|r| r.cancel(now())).unwrap_or_default())
        .unwrap_or_default();
    b.aborts.update_value(|a| {
        a.retain(|(id, ctrl)| {
            if stopped.contains(id) {
                ctrl.abort();
                false
            } else {
                true
            }
        })
    });
    if let Some(t) = b.timer.try_update_value(Option::take).flatten() {
        t.clear();
    }
    finish(c);
}

/// Runs the failed rows again (and the ones a cancel left not started).
pub fn retry_failed(c: Console) {
    let b = c.batch;
    if b.stage.get_untracked() != Stage::Finished {
        return;
    }
    let again = b
        .runner
        .try_update_value(|r| {
            r.as_mut()
                .map(|r| {
                    let t = now();
                    r.retry_failed(t) + if r.is_cancelled() { r.resume(t) } else { 0 }
                })
                .unwrap_or(0)
        })
        .unwrap_or(0);
    if again == 0 {
        return;
    }
    revoke_exports(b);
    b.stage.set(Stage::Running);
    sync(b, None);
    pump(c);
}

/// Closes the panel; the selection stays.
pub fn close(c: Console) {
    let b = c.batch;
    if b.busy() {
        return;
    }
    b.stage.set(Stage::Idle);
    b.runner.set_value(None);
    revoke_exports(b);
    focus_soon("batch-review");
}

/// Hands out what the runner says is due, and wakes again when it says.
fn pump(c: Console) {
    pump_at(c, 0.0);
}

/// [`pump`] at `not_before` at the earliest: a timer may fire a fraction of a millisecond
/// before the clock reaches the time it was set for, and must not come back empty.
fn pump_at(c: Console, not_before: f64) {
    let b = c.batch;
    if !b.busy() {
        return;
    }
    let settings = c.settings.snapshot_untracked();
    let t = now().max(not_before);
    let works = b
        .runner
        .try_update_value(|r| {
            r.as_mut()
                .map(|r| r.next_work(t, &settings))
                .unwrap_or_default()
        })
        .unwrap_or_default();
    let started: Vec<usize> = works.iter().map(|w| w.row).collect();
    for work in works {
        let Ok(ctrl) = web_sys::AbortController::new() else {
            continue;
        };
        b.aborts.update_value(|a| a.push((work.id, ctrl.clone())));
        let timeout = c.timing.request_timeout_s;
        leptos::task::spawn_local(async move {
            let req = &work.request;
            let answer = http::fetch_with(
                &req.url,
                req.method.as_str(),
                &req.headers,
                req.body.as_deref(),
                timeout,
                &ctrl,
            )
            .await;
            let not_cancelled = b
                .aborts
                .try_update_value(|a| {
                    let before = a.len();
                    a.retain(|(id, _)| *id != work.id);
                    a.len() < before
                })
                .unwrap_or(false);
            let answer = match answer {
                Ok(a) => Answer::Http {
                    status: a.status,
                    headers: a.headers,
                    body: a.body,
                },
                Err(Failure::Timeout) => Answer::TimedOut { seconds: timeout },
                Err(_) if !not_cancelled => Answer::Aborted,
                Err(_) => Answer::NoAnswer,
            };
            let at = now();
            let row = b
                .runner
                .try_update_value(|r| r.as_mut().and_then(|r| r.complete(work.id, answer, at)))
                .flatten();
            if let Some(i) = row {
                // Each try goes into the history, as a single request does.
                let entry = b.runner.with_value(|r| {
                    r.as_ref()
                        .and_then(|r| r.row(i))
                        .and_then(|row| row.tries.last())
                        .map(|t| t.history_entry(iso(t.started_ms)))
                });
                if let Some(entry) = entry {
                    c.history.update(|h| h.push(entry));
                }
                mark(b, &[i]);
            }
            pump(c);
        });
    }
    if !started.is_empty() {
        mark(b, &started);
    }
    let (finished, wake) = b.runner.with_value(|r| {
        r.as_ref()
            .map(|r| (r.is_finished(), r.wake_at()))
            .unwrap_or((true, None))
    });
    if finished {
        finish(c);
        return;
    }
    if let Some(t) = b.timer.try_update_value(Option::take).flatten() {
        t.clear();
    }
    if let Some(at) = wake {
        let wait = (at - now()).clamp(0.0, 600_000.0);
        let handle = set_timeout_with_handle(
            move || {
                b.timer.set_value(None);
                pump_at(c, at);
            },
            Duration::from_millis(wait.ceil() as u64),
        )
        .ok();
        b.timer.set_value(handle);
    }
    mark(b, &[]);
}

/// The run is over: results to export, and the list shows the services as they are now.
fn finish(c: Console) {
    let b = c.batch;
    b.stage.set(Stage::Finished);
    sync(b, None);
    let files = b
        .runner
        .with_value(|r| r.as_ref().map(|r| (export_csv(r), export_json(r, now()))));
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

fn focus_soon(id: &'static str) {
    leptos::task::spawn_local(async move {
        leptos::task::tick().await;
        if let Some(el) = document().get_element_by_id(id) {
            use wasm_bindgen::JsCast;
            if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        }
    });
}

/// "Select all N matching": every page of the list's filter, one request after another.
pub fn select_all_matching(c: Console, view: ListView, total: u64) {
    let b = c.batch;
    if b.fetching.get_untracked().is_some() {
        return;
    }
    let dialect = c.settings.dialect.get_untracked();
    let queries = match select_all_queries(&view, dialect, total) {
        Ok(q) => q,
        Err(e) => {
            b.problem.set(Some(e.to_string()));
            return;
        }
    };
    b.problem.set(None);
    leptos::task::spawn_local(async move {
        let pages = queries.len();
        let mut found: Vec<EndpointService> = Vec::new();
        for (n, query) in queries.into_iter().enumerate() {
            b.fetching
                .set(Some(format!("Selecting: page {} of {pages}…", n + 1)));
            let size = query.limit;
            match c.call(Operation::ListServices(query)).await {
                Ok((Outcome::List(list), _)) => {
                    let short = (list.endpoint_services.len() as u32) < size.unwrap_or(0);
                    found.extend(list.endpoint_services);
                    if short {
                        break;
                    }
                }
                Ok(_) => break,
                Err(problem) => {
                    let why = match problem {
                        Problem::Settings(e) => e.message().to_owned(),
                        Problem::Api { error, .. } => error.to_string(),
                    };
                    b.problem.set(Some(format!(
                        "Selecting stopped at page {} of {pages}: {why}; the services of the pages read before it are selected.",
                        n + 1
                    )));
                    break;
                }
            }
        }
        b.selection.update(|s| {
            s.select_all(&found);
        });
        b.fetching.set(None);
    });
}

/// The batch action chooser's value: the action's key plus its value.
fn action_from(kind: &str, tcp_proxy: &str, description: &str) -> Option<BatchAction> {
    Some(match kind {
        "upgrade" => BatchAction::Upgrade,
        "approval-on" => BatchAction::SetApproval(true),
        "approval-off" => BatchAction::SetApproval(false),
        "tcp-proxy" => BatchAction::SetTcpProxy(tcp_proxy.to_owned()),
        "description" => BatchAction::SetDescription(description.trim().to_owned()),
        "clear-description" => BatchAction::SetDescription(String::new()),
        _ => return None,
    })
}

/// The header cell's "select every service on this page".
#[component]
pub fn PageCheckbox(services: Vec<EndpointService>) -> impl IntoView {
    let c = super::state::use_console();
    let b = c.batch;
    let page = StoredValue::new(services);
    let tick = move || b.selection.with(|s| page.with_value(|p| s.page_tick(p)));
    view! {
        <label class="pick">
            <input
                type="checkbox"
                id="pick-page"
                prop:checked=move || tick() == PageTick::All
                prop:indeterminate=move || tick() == PageTick::Some
                on:change=move |_| b.selection.update(|s| page.with_value(|p| s.toggle_page(p)))
            />
            <span class="visually-hidden">"Select every service on this page"</span>
        </label>
    }
}

/// A row's checkbox.
#[component]
pub fn RowCheckbox(service: EndpointService, name: String) -> impl IntoView {
    let c = super::state::use_console();
    let b = c.batch;
    let id = service.id.clone();
    let service = StoredValue::new(service);
    view! {
        <label class="pick">
            <input
                type="checkbox"
                class="pick-row"
                data-id=id.clone()
                prop:checked=move || b.selection.with(|s| s.contains(&id))
                on:change=move |_| b.selection.update(|s| {
                    service.with_value(|v| s.toggle(v));
                })
            />
            <span class="visually-hidden">"Select " {name}</span>
        </label>
    }
}

/// Under the list's toolbar: how many are selected, select all matching, clear, and the
/// change to make to all of them.
#[component]
pub fn SelectionBar(view: ListView, total: u64) -> impl IntoView {
    let c = super::state::use_console();
    let b = c.batch;
    let dialect = Signal::derive(move || c.settings.dialect.get());
    let kind = RwSignal::new(String::new());
    let tcp_proxy = RwSignal::new("close".to_owned());
    let description = RwSignal::new(String::new());
    let count = move || b.selection.with(|s| s.count());
    let on_review = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match action_from(
            &kind.get_untracked(),
            &tcp_proxy.get_untracked(),
            &description.get_untracked(),
        ) {
            Some(action) if count() > 0 => review(c, action),
            Some(_) => b
                .problem
                .set(Some("Select at least one service first.".into())),
            None => b.problem.set(Some(
                "Choose what to change in the selected services.".into(),
            )),
        }
    };
    let select_view = view.clone();
    view! {
        <form class="selection-bar" id="selection-bar" aria-label="Change many services" on:submit=on_review class:empty=move || count() == 0>
            <span id="selection-count" aria-live="polite">
                {move || match count() {
                    0 => "None selected".to_owned(),
                    _ => b.selection.with(|s| s.count_text()),
                }}
            </span>
            <button type="button" class="secondary" id="select-matching"
                disabled=move || b.fetching.with(Option::is_some) || b.busy_signal()
                on:click=move |_| select_all_matching(c, select_view.clone(), total)>
                {format!("Select all {total} matching")}
            </button>
            <button type="button" class="secondary" id="selection-clear"
                disabled=move || count() == 0 || b.busy_signal()
                on:click=move |_| b.selection.update(Selection::clear)>
                "Clear selection"
            </button>
            <span class="muted" id="select-progress" role="status">{move || b.fetching.get()}</span>
            <span class="spacer"></span>
            <div class="field">
                <label for="batch-action">"Change the selected"</label>
                <select id="batch-action" prop:value=move || kind.get()
                    on:change:target=move |ev| kind.set(ev.target().value())>
                    <option value="">"Choose a change…"</option>
                    <option value="upgrade" disabled=move || dialect.get() != Dialect::Huawei>
                        {format!("Upgrade to {ADVANCED}")}
                    </option>
                    <option value="approval-on">"Connections need approval: Yes"</option>
                    <option value="approval-off">"Connections need approval: No"</option>
                    <option value="tcp-proxy">"Client address to the backend…"</option>
                    <option value="description">"Description…"</option>
                    <option value="clear-description">"Clear the description"</option>
                </select>
            </div>
            <div class="field" hidden=move || kind.get() != "tcp-proxy">
                <label for="batch-tcp-proxy">"Client address"</label>
                <select id="batch-tcp-proxy" prop:value=move || tcp_proxy.get()
                    on:change:target=move |ev| tcp_proxy.set(ev.target().value())>
                    {move || dialect.get().tcp_proxy_values().iter().map(|v| view! {
                        <option value=*v>{format!("{} · {v}", tcp_proxy_label(v))}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field" hidden=move || kind.get() != "description">
                <label for="batch-description">"New description"</label>
                <input id="batch-description" autocomplete="off" bind:value=description />
            </div>
            <button type="submit" id="batch-review" disabled=move || count() == 0 || b.busy_signal()>
                "Review the change"
            </button>
        </form>
        <p class="banner error" role="alert" id="batch-problem" hidden=move || b.problem.with(Option::is_none)>
            {move || b.problem.get()}
        </p>
    }
}

impl BatchState {
    /// A batch is running (tracked).
    fn busy_signal(self) -> bool {
        self.stage.get() == Stage::Running
    }
}

fn seconds(ms: f64) -> String {
    let s = (ms / 1000.0).round() as u64;
    if s >= 60 {
        format!("{} min {} s", s / 60, s % 60)
    } else {
        format!("{s} s")
    }
}

/// The progress line: counts, elapsed and left.
fn counts_text(p: &Progress, stage: Stage) -> String {
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
        (Stage::Running, Some(eta)) => text.push_str(&format!(", about {} left", seconds(eta))),
        (Stage::Running, None) => text.push_str(", time left not known yet"),
        _ => {}
    }
    text
}

/// The batch: its review, then its run and results.
#[component]
pub fn BatchPanel() -> impl IntoView {
    let c = super::state::use_console();
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
        <section class="panel batch" id="batch" aria-labelledby="batch-title" hidden=move || stage() == Stage::Idle>
            <h2 id="batch-title" tabindex="-1">{move || b.title.get()}</h2>
            <div hidden=move || stage() != Stage::Review>
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
            <div class="batch-progress" hidden=move || stage() == Stage::Review>
                <progress id="batch-progress" max="100" value=move || percent().to_string() aria-label="Batch progress"></progress>
                <span class="percent">{move || format!("{} %", percent())}</span>
                <p id="batch-counts" tabindex="-1" aria-live="polite">
                    {move || b.progress.get().map(|p| counts_text(&p, stage()))}
                </p>
            </div>
            <div class="actions">
                <button type="button" id="batch-start" hidden=move || stage() != Stage::Review
                    disabled=move || to_send() == 0 || concurrency_error().is_some()
                    on:click=move |_| start(c)>
                    {move || match to_send() {
                        1 => "Send 1 request".to_owned(),
                        n => format!("Send {n} requests"),
                    }}
                </button>
                <button type="button" class="secondary" id="batch-back" hidden=move || stage() != Stage::Review
                    on:click=move |_| close(c)>"Back to the selection"</button>
                <button type="button" class="danger" id="batch-cancel" hidden=move || stage() != Stage::Running
                    on:click=move |_| cancel(c)>"Cancel the rest"</button>
                <button type="button" id="batch-retry" hidden=move || stage() != Stage::Finished || failed() == 0
                    on:click=move |_| retry_failed(c)>
                    {move || format!("Retry failed ({})", failed())}
                </button>
                <a class="button secondary" id="batch-csv" download="vpcep-batch.csv"
                    hidden=move || b.exports.with(Option::is_none)
                    href=move || b.exports.get().map(|e| e.0)>"Export CSV"</a>
                <a class="button secondary" id="batch-json" download="vpcep-batch.json"
                    hidden=move || b.exports.with(Option::is_none)
                    href=move || b.exports.get().map(|e| e.1)>"Export JSON"</a>
                <button type="button" class="secondary" id="batch-close" hidden=move || stage() != Stage::Finished
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
