//! The runner: a state machine that hands out requests and takes their answers.
//!
//! It never sends anything itself. The shell asks [`Runner::next_work`] for what to send
//! now, sends each [`Work`]'s request, and hands each answer to [`Runner::complete`]; when
//! nothing can start yet, [`Runner::wake_at`] says when to ask again. Within those calls
//! the runner keeps the bounds: at most `concurrency` requests in flight, requests started
//! at least `1000 / rate_per_second` ms apart, throttled answers retried after an
//! exponentially growing, jittered delay, at most `max_tries` times per step.
//!
//! The runner holds no settings and no headers: the token goes into each request as it is
//! built ([`Runner::next_work`] takes the settings) and leaves with it, so nothing the
//! runner keeps (tries, results, exports, `Debug`) can show it.

use super::action::PlannedRow;
use super::job::{Finish, Job, Next, ServiceJob, Step, StepKind};
use crate::api::diff::FieldChange;
use crate::api::error::{header, network_error, timeout_error, ApiError, ErrorKind};
use crate::api::history::HistoryEntry;
use crate::api::poll::PollPolicy;
use crate::api::operation::build_request;
use crate::api::request::{ApiRequest, Method, Settings};
use crate::api::response::read_response;

/// How a batch runs. [`RunOptions::clamped`] keeps every field within its bounds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RunOptions {
    /// Requests in flight at once, 1–8 (default 2).
    pub concurrency: u32,
    /// Requests started per second at most, 0.1–50 (default 2): the next request starts
    /// no sooner than `1000 / rate_per_second` ms after the previous one, so no second
    /// ever sees more than this many starts.
    pub rate_per_second: f64,
    /// Tries per step when the API throttles (the first try included), 1–10 (default 5).
    pub max_tries: u32,
    /// The delay before the first retry, before jitter; it doubles with each retry
    /// (default 1000 ms).
    pub base_delay_ms: f64,
    /// No retry delay exceeds this (default 30 000 ms).
    pub max_delay_ms: f64,
    /// Seeds the jitter: the same seed and answers give the same delays.
    pub seed: u64,
}

impl Default for RunOptions {
    fn default() -> Self {
        RunOptions {
            concurrency: 2,
            rate_per_second: 2.0,
            max_tries: 5,
            base_delay_ms: 1000.0,
            max_delay_ms: 30_000.0,
            seed: 0x9E37_79B9_7F4A_7C15,
        }
    }
}

impl RunOptions {
    pub const MAX_CONCURRENCY: u32 = 8;

    /// The options within their bounds (a NaN takes the default).
    pub fn clamped(self) -> Self {
        let d = RunOptions::default();
        let within = |v: f64, lo: f64, hi: f64, dflt: f64| {
            if v.is_nan() {
                dflt
            } else {
                v.clamp(lo, hi)
            }
        };
        let base = within(self.base_delay_ms, 0.0, 600_000.0, d.base_delay_ms);
        RunOptions {
            concurrency: self.concurrency.clamp(1, Self::MAX_CONCURRENCY),
            rate_per_second: within(self.rate_per_second, 0.1, 50.0, d.rate_per_second),
            max_tries: self.max_tries.clamp(1, 10),
            base_delay_ms: base,
            max_delay_ms: within(self.max_delay_ms, base, 600_000.0, d.max_delay_ms.max(base)),
            seed: self.seed,
        }
    }

    /// The least time between two request starts.
    pub fn spacing_ms(&self) -> f64 {
        1000.0 / self.rate_per_second
    }
}

/// Names one request handed out, so that its answer finds its row (and a late answer,
/// after a cancel, finds none).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct WorkId(pub u64);

/// A request to send now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Work {
    pub id: WorkId,
    /// The row's index in the runner.
    pub row: usize,
    pub step: StepKind,
    /// The try of this step, from 1.
    pub attempt: u32,
    /// Ready to send, token included: send it and drop it.
    pub request: ApiRequest,
}

/// What came back for a [`Work`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// An HTTP answer. `headers` need only `X-Request-Id` and `Content-Type`.
    Http {
        status: u16,
        headers: Vec<(String, String)>,
        body: String,
    },
    /// The shell aborted the request (not as part of [`Runner::cancel`]).
    Aborted,
    /// The shell stopped waiting after `seconds`.
    TimedOut { seconds: u32 },
    /// No answer at all: the proxy is unreachable or refused CORS.
    NoAnswer,
}

impl Answer {
    /// An HTTP answer with a JSON body and, when there was one, the `X-Request-Id` header.
    pub fn http(status: u16, body: &str, request_id: Option<&str>) -> Answer {
        let mut headers = vec![("Content-Type".to_owned(), "application/json".to_owned())];
        if let Some(id) = request_id {
            headers.push(("X-Request-Id".to_owned(), id.to_owned()));
        }
        Answer::Http {
            status,
            headers,
            body: body.to_owned(),
        }
    }
}

/// Whether the API throttled the request: EndPoint.0022 (sent as HTTP 400), the gateway's
/// APIGW.0308, or any 429. Only these are retried: every other error fails the row.
pub fn is_throttled(error: &ApiError) -> bool {
    let code = error.error_code.as_deref();
    error.status == Some(429)
        || code == Some("APIGW.0308")
        || (error.status == Some(400) && code == Some("EndPoint.0022"))
}

/// One request of a row, as it went.
#[derive(Debug, Clone, PartialEq)]
pub struct TryRecord {
    /// 1 for the first run, 2 after the first [`Runner::retry_failed`], ...
    pub run: u32,
    pub step: StepKind,
    /// The try of this step, from 1.
    pub attempt: u32,
    /// `get_service`, `update_service`, ...
    pub operation: &'static str,
    pub method: Method,
    /// Path and query after the proxy URL.
    pub path: String,
    /// The body sent (a PUT's JSON), which never holds the token.
    pub body: Option<String>,
    pub started_ms: f64,
    /// `None` while in flight.
    pub finished_ms: Option<f64>,
    pub status: Option<u16>,
    pub error_code: Option<String>,
    /// The server's message verbatim, or what happened in console words.
    pub message: Option<String>,
    pub request_id: Option<String>,
    /// Throttled: the next try starts this long after this one ended.
    pub retry_in_ms: Option<f64>,
    /// The whole error, for the row's details (hint, body excerpt).
    pub error: Option<ApiError>,
}

impl TryRecord {
    pub fn duration_ms(&self) -> Option<f64> {
        self.finished_ms.map(|f| (f - self.started_ms).max(0.0))
    }

    /// The try as a history entry; `time` is when it started, as ISO 8601 (the core has
    /// no clock: the shell formats its own `started_ms`).
    pub fn history_entry(&self, time: String) -> HistoryEntry {
        // Method, path and body are all a history entry keeps: no headers, no token.
        let request = ApiRequest {
            method: self.method,
            url: self.path.clone(),
            path: self.path.clone(),
            headers: Vec::new(),
            body: self.body.clone(),
        };
        let duration = self
            .duration_ms()
            .unwrap_or(0.0)
            .round()
            .min(f64::from(u32::MAX));
        HistoryEntry::new(
            time,
            self.operation,
            &request,
            self.status,
            duration as u32,
            self.request_id.clone(),
            self.error.as_ref(),
        )
    }
}

/// Where a row stands.
#[derive(Debug, Clone, PartialEq)]
pub enum RowStatus {
    /// Not started in this run yet.
    Waiting,
    /// Started: a request is in flight, or the next one (a retry, a watch poll) is due.
    Running,
    Done {
        note: String,
    },
    Skipped {
        reason: String,
    },
    /// Changed on the server since it was selected: not sent.
    Changed {
        reason: String,
        changes: Vec<FieldChange>,
    },
    /// Sent and accepted; its effect is not confirmed.
    Unconfirmed {
        reason: String,
    },
    /// The last try's error (see the row's tries for each).
    Failed {
        error: ApiError,
    },
    /// Cancelled before its change was sent.
    NotStarted,
    /// Cancelled while its change was in flight: it may or may not have been applied.
    Aborted,
}

impl RowStatus {
    /// Whether the row is over (for this run).
    pub fn is_final(&self) -> bool {
        !matches!(self, RowStatus::Waiting | RowStatus::Running)
    }

    /// The result in console words, one per state.
    pub fn label(&self) -> &'static str {
        match self {
            RowStatus::Waiting => "Waiting",
            RowStatus::Running => "Running",
            RowStatus::Done { .. } => "Done",
            RowStatus::Skipped { .. } => "Skipped",
            RowStatus::Changed { .. } => "Changed on the server, not sent",
            RowStatus::Unconfirmed { .. } => "Sent, not confirmed",
            RowStatus::Failed { .. } => "Failed",
            RowStatus::NotStarted => "Not started",
            RowStatus::Aborted => "Aborted",
        }
    }

    /// The detail line: the reason, the note or the error.
    pub fn detail(&self) -> String {
        match self {
            RowStatus::Waiting | RowStatus::Running => String::new(),
            RowStatus::Done { note } => note.clone(),
            RowStatus::Skipped { reason } | RowStatus::Unconfirmed { reason } => reason.clone(),
            RowStatus::Changed { reason, changes } => {
                let fields: Vec<String> = changes
                    .iter()
                    .map(|c| format!("{}: {} → {}", c.field, c.before, c.after))
                    .collect();
                if fields.is_empty() {
                    reason.clone()
                } else {
                    format!("{reason} ({})", fields.join("; "))
                }
            }
            RowStatus::Failed { error } => {
                let mut s = error.to_string().trim().to_owned();
                if error.status.is_some() && !error.hint.is_empty() {
                    s.push_str(". ");
                    s.push_str(&error.hint);
                }
                s
            }
            RowStatus::NotStarted => "Cancelled before the change was sent".into(),
            RowStatus::Aborted => "Cancelled while the change was being sent: it may or may not have been applied; reload the service to see".into(),
        }
    }
}

/// One row of the run.
#[derive(Debug, Clone, PartialEq)]
pub struct RowState<J> {
    pub job: J,
    pub status: RowStatus,
    /// Every request of the row, across runs, in order.
    pub tries: Vec<TryRecord>,
    /// The step the row is at (`None` once it is final).
    step: Option<Step>,
    /// The try of `step`, from 1, once it has been handed out.
    attempt: u32,
    /// The next request may start from this time.
    ready_at: f64,
    in_flight: Option<WorkId>,
    /// A write step succeeded in this run: retrying would send the change again.
    wrote: bool,
    /// Requests of this run: rows with none (planned skips) say nothing about speed.
    requests_this_run: u32,
    /// The base of the network error's hint: the proxy URL of the last request.
    proxy_base: String,
}

impl<J> RowState<J> {
    pub fn in_flight(&self) -> bool {
        self.in_flight.is_some()
    }

    /// The step the row is at, while it is not final.
    pub fn step(&self) -> Option<StepKind> {
        self.step.as_ref().map(|s| s.kind)
    }

    /// When the row's next request is due, while it waits for one (a retry after
    /// throttling, the next watch poll): for "retry in 3 s" on screen.
    pub fn due_at(&self) -> Option<f64> {
        (!self.status.is_final() && self.in_flight.is_none() && self.step.is_some())
            .then_some(self.ready_at)
    }

    /// Retries of throttled answers so far, across runs: each is in `tries`.
    pub fn retries(&self) -> usize {
        self.tries
            .iter()
            .filter(|t| t.retry_in_ms.is_some())
            .count()
    }
}

/// Counts and times for the progress bar. Every row is in exactly one of done, failed,
/// skipped, changed, unconfirmed, not_started, aborted and remaining.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Progress {
    pub total: usize,
    pub done: usize,
    pub failed: usize,
    pub skipped: usize,
    pub changed: usize,
    pub unconfirmed: usize,
    pub not_started: usize,
    pub aborted: usize,
    /// Requests in flight now (their rows are among `remaining`).
    pub in_flight: usize,
    /// Rows not over yet: waiting or running.
    pub remaining: usize,
    /// Since the current run started, until it ended.
    pub elapsed_ms: f64,
    /// `remaining` at the pace of this run's rows that sent requests, and never less than
    /// the rate limit allows (one request per remaining row). `None` until such a row
    /// finished; `Some(0)` once nothing remains.
    pub eta_ms: Option<f64>,
}

impl Progress {
    /// Rows over, of every kind.
    pub fn finished(&self) -> usize {
        self.total - self.remaining
    }
}

/// Runs the rows of a batch; see the module's documentation for the protocol.
#[derive(Debug, Clone, PartialEq)]
pub struct Runner<J = ServiceJob> {
    rows: Vec<RowState<J>>,
    options: RunOptions,
    rng: u64,
    next_id: u64,
    last_start_ms: Option<f64>,
    run: u32,
    run_started_ms: Option<f64>,
    run_ended_ms: Option<f64>,
    cancelled: bool,
}

impl Runner<ServiceJob> {
    /// A runner for a confirmed plan; a watch polls as `poll` says.
    pub fn from_plan(rows: &[PlannedRow], poll: PollPolicy, options: RunOptions) -> Self {
        Runner::new(
            rows.iter()
                .map(|r| ServiceJob::new(r.clone(), poll))
                .collect(),
            options,
        )
    }
}

impl<J: Job> Runner<J> {
    /// A runner for `jobs`, in order. Jobs that need no request (planned skips) are final
    /// at once; the others wait for the first [`Runner::next_work`].
    pub fn new(jobs: Vec<J>, options: RunOptions) -> Self {
        let options = options.clamped();
        let rows = jobs
            .into_iter()
            .map(|job| RowState {
                job,
                status: RowStatus::Waiting,
                tries: Vec::new(),
                step: None,
                attempt: 0,
                ready_at: 0.0,
                in_flight: None,
                wrote: false,
                requests_this_run: 0,
                proxy_base: String::new(),
            })
            .collect();
        let mut runner = Runner {
            rows,
            options,
            // Zero would stay zero in xorshift.
            rng: options.seed | 1,
            next_id: 1,
            last_start_ms: None,
            run: 1,
            run_started_ms: None,
            run_ended_ms: None,
            cancelled: false,
        };
        for i in 0..runner.rows.len() {
            runner.restart(i, 0.0);
        }
        runner
    }

    pub fn options(&self) -> &RunOptions {
        &self.options
    }

    pub fn rows(&self) -> &[RowState<J>] {
        &self.rows
    }

    pub fn row(&self, index: usize) -> Option<&RowState<J>> {
        self.rows.get(index)
    }

    /// The run number: 1, then one more for each retry or resume.
    pub fn run_number(&self) -> u32 {
        self.run
    }

    /// Nothing is left to do: every row is over.
    pub fn is_finished(&self) -> bool {
        self.rows.iter().all(|r| r.status.is_final())
    }

    pub fn is_cancelled(&self) -> bool {
        self.cancelled
    }

    /// Requests in flight now.
    pub fn in_flight(&self) -> usize {
        self.rows.iter().filter(|r| r.in_flight.is_some()).count()
    }

    /// Puts row `i` back at its job's first step, ready from `now_ms`.
    fn restart(&mut self, i: usize, now_ms: f64) {
        let next = self.rows[i].job.start();
        let row = &mut self.rows[i];
        row.wrote = false;
        row.requests_this_run = 0;
        row.in_flight = None;
        row.attempt = 0;
        match next {
            Next::Step(step) => {
                row.ready_at = now_ms + step.delay_ms.max(0.0);
                row.step = Some(step);
                row.status = RowStatus::Waiting;
            }
            Next::Finish(f) => finish(row, f),
        }
    }

    /// The earliest time the rate limit lets the next request start: the spacing after the
    /// last start, rounded up to a whole millisecond so that rounding errors never add up
    /// to one start too many in a second (three starts 333.33… ms apart would).
    fn next_slot_ms(&self) -> Option<f64> {
        self.last_start_ms
            .map(|last| (last + self.options.spacing_ms()).ceil())
    }

    /// Whether a row can be handed a request at `now_ms`, concurrency and rate aside.
    fn ready(row: &RowState<J>, now_ms: f64) -> bool {
        !row.status.is_final()
            && row.in_flight.is_none()
            && row.step.is_some()
            && row.ready_at <= now_ms
    }

    /// The requests to send now, within the concurrency and the rate limit. Call it after
    /// every [`Runner::complete`] and at [`Runner::wake_at`]. Builds each request under
    /// `settings`; a row whose request cannot be built fails with the reason.
    pub fn next_work(&mut self, now_ms: f64, settings: &Settings) -> Vec<Work> {
        let mut out = Vec::new();
        if self.cancelled {
            return out;
        }
        if self.run_started_ms.is_none() && !self.is_finished() {
            self.run_started_ms = Some(now_ms);
        }
        loop {
            if self.in_flight() >= self.options.concurrency as usize {
                break;
            }
            if self.next_slot_ms().is_some_and(|slot| now_ms < slot) {
                break;
            }
            // Rows already under way first (finish what was begun), then the earliest due.
            let Some(i) = (0..self.rows.len())
                .filter(|&i| Self::ready(&self.rows[i], now_ms))
                .min_by(|&a, &b| {
                    let (ra, rb) = (&self.rows[a], &self.rows[b]);
                    let started = |r: &RowState<J>| u8::from(r.status != RowStatus::Running);
                    started(ra)
                        .cmp(&started(rb))
                        .then(ra.ready_at.total_cmp(&rb.ready_at))
                        .then(a.cmp(&b))
                })
            else {
                break;
            };
            let run = self.run;
            let row = &mut self.rows[i];
            let Some(step) = row.step.clone() else { break };
            let request = match build_request(settings, &step.operation) {
                Ok(r) => r,
                Err(e) => {
                    row.status = RowStatus::Failed {
                        error: ApiError {
                            kind: ErrorKind::Network,
                            status: None,
                            error_code: None,
                            error_msg: None,
                            request_id: None,
                            hint: format!("Not sent: {e}"),
                            body_excerpt: None,
                        },
                    };
                    row.step = None;
                    self.note_end(now_ms);
                    continue;
                }
            };
            let id = WorkId(self.next_id);
            self.next_id += 1;
            row.attempt += 1;
            row.in_flight = Some(id);
            row.requests_this_run += 1;
            row.status = RowStatus::Running;
            row.proxy_base = request
                .url
                .strip_suffix(request.path.as_str())
                .unwrap_or(&request.url)
                .to_owned();
            row.tries.push(TryRecord {
                run,
                step: step.kind,
                attempt: row.attempt,
                operation: step.operation.name(),
                method: request.method,
                path: request.path.clone(),
                body: request.body.clone(),
                started_ms: now_ms,
                finished_ms: None,
                status: None,
                error_code: None,
                message: None,
                request_id: None,
                retry_in_ms: None,
                error: None,
            });
            self.last_start_ms = Some(now_ms);
            out.push(Work {
                id,
                row: i,
                step: step.kind,
                attempt: row.attempt,
                request,
            });
        }
        out
    }

    /// When [`Runner::next_work`] would next hand out a request, if no answer comes first:
    /// `None` when nothing waits (or every slot is busy: the next answer frees one).
    pub fn wake_at(&self) -> Option<f64> {
        if self.cancelled || self.in_flight() >= self.options.concurrency as usize {
            return None;
        }
        let due = self
            .rows
            .iter()
            .filter(|r| !r.status.is_final() && r.in_flight.is_none() && r.step.is_some())
            .map(|r| r.ready_at)
            .min_by(f64::total_cmp)?;
        Some(self.next_slot_ms().map_or(due, |slot| due.max(slot)))
    }

    /// Takes the answer to `work`; returns its row, or `None` for an answer nobody waits
    /// for any more (its row was cancelled). Throttled answers are retried; other errors
    /// fail the row; a success moves the row to its job's next step.
    pub fn complete(&mut self, work: WorkId, answer: Answer, now_ms: f64) -> Option<usize> {
        let i = self.rows.iter().position(|r| r.in_flight == Some(work))?;
        let max_tries = self.options.max_tries;
        let row = &mut self.rows[i];
        row.in_flight = None;
        let step = row.step.clone()?;
        let last = row.tries.len() - 1;
        row.tries[last].finished_ms = Some(now_ms);
        let result = match answer {
            Answer::Http {
                status,
                headers,
                body,
            } => {
                row.tries[last].status = Some(status);
                row.tries[last].request_id = header(&headers, "X-Request-Id").map(str::to_owned);
                read_response(&step.operation, status, &headers, &body)
            }
            Answer::Aborted => Err(ApiError {
                kind: ErrorKind::Network,
                status: None,
                error_code: None,
                error_msg: None,
                request_id: None,
                hint: "The request was aborted before an answer came.".into(),
                body_excerpt: None,
            }),
            Answer::TimedOut { seconds } => Err(timeout_error(seconds)),
            Answer::NoAnswer => Err(network_error(&row.proxy_base)),
        };
        match result {
            Ok(outcome) => {
                if step.kind == StepKind::Send {
                    row.wrote = true;
                }
                match row.job.advance(outcome) {
                    Next::Step(next) => {
                        row.ready_at = now_ms + next.delay_ms.max(0.0);
                        row.step = Some(next);
                        row.attempt = 0;
                    }
                    Next::Finish(f) => finish(row, f),
                }
            }
            Err(error) => {
                let t = &mut row.tries[last];
                t.error_code = error.error_code.clone();
                t.message = Some(
                    error
                        .error_msg
                        .clone()
                        .unwrap_or_else(|| error.hint.clone()),
                );
                if error.request_id.is_some() {
                    t.request_id = error.request_id.clone();
                }
                t.error = Some(error.clone());
                if is_throttled(&error) && row.attempt < max_tries {
                    let delay = backoff(&self.options, &mut self.rng, row.attempt);
                    let row = &mut self.rows[i];
                    let last = row.tries.len() - 1;
                    row.tries[last].retry_in_ms = Some(delay);
                    row.ready_at = now_ms + delay;
                } else if row.wrote {
                    // The change went through; only reading its effect failed. Retrying the
                    // row would send it again, so it is not a failure.
                    let reason = format!(
                        "Saved, but reading its status failed ({}): see the service's page",
                        error.to_string().trim()
                    );
                    finish(row, Finish::Unconfirmed { reason });
                } else {
                    row.step = None;
                    row.status = RowStatus::Failed { error };
                }
            }
        }
        self.note_end(now_ms);
        Some(i)
    }

    /// Records the end of the run once every row is over.
    fn note_end(&mut self, now_ms: f64) {
        if self.run_ended_ms.is_none() && self.is_finished() {
            self.run_ended_ms = Some(now_ms);
        }
    }

    /// Stops the run: returns the requests in flight, for the shell to abort. Their rows are
    /// marked aborted when a change was in flight, not started when only a read was; rows
    /// whose change was already accepted are unconfirmed (their watch stops); every other
    /// row is not started. Nothing more is handed out; answers to the aborted requests are
    /// ignored.
    pub fn cancel(&mut self, now_ms: f64) -> Vec<WorkId> {
        let mut aborted = Vec::new();
        for row in &mut self.rows {
            if row.status.is_final() {
                continue;
            }
            let in_flight_kind = row.in_flight.map(|_| row.step.as_ref().map(|s| s.kind));
            if let Some(id) = row.in_flight.take() {
                aborted.push(id);
                if let Some(t) = row.tries.last_mut() {
                    t.finished_ms = Some(now_ms);
                    t.message = Some("Aborted: the run was cancelled".into());
                }
            }
            row.status = match in_flight_kind {
                Some(Some(StepKind::Send)) => RowStatus::Aborted,
                _ if row.wrote => RowStatus::Unconfirmed {
                    reason: "Saved; the run was cancelled before the service was seen available"
                        .into(),
                },
                _ => RowStatus::NotStarted,
            };
            row.step = None;
        }
        self.cancelled = true;
        if self.run_ended_ms.is_none() {
            self.run_ended_ms = Some(now_ms);
        }
        aborted
    }

    /// Runs the failed rows again, from their first step (for a PUT: the check, so a change
    /// that did land the first time is seen and not sent twice). Returns how many.
    pub fn retry_failed(&mut self, now_ms: f64) -> usize {
        self.rerun(now_ms, |s| matches!(s, RowStatus::Failed { .. }))
    }

    /// Runs the rows a cancel left not started or aborted, from their first step.
    pub fn resume(&mut self, now_ms: f64) -> usize {
        self.rerun(now_ms, |s| {
            matches!(s, RowStatus::NotStarted | RowStatus::Aborted)
        })
    }

    fn rerun(&mut self, now_ms: f64, which: impl Fn(&RowStatus) -> bool) -> usize {
        let picked: Vec<usize> = (0..self.rows.len())
            .filter(|&i| which(&self.rows[i].status))
            .collect();
        if picked.is_empty() {
            return 0;
        }
        self.run += 1;
        self.cancelled = false;
        self.run_started_ms = Some(now_ms);
        self.run_ended_ms = None;
        for row in &mut self.rows {
            row.requests_this_run = 0;
        }
        for &i in &picked {
            self.restart(i, now_ms);
        }
        self.note_end(now_ms);
        picked.len()
    }

    /// The counts and times at `now_ms`.
    pub fn progress(&self, now_ms: f64) -> Progress {
        let mut p = Progress {
            total: self.rows.len(),
            done: 0,
            failed: 0,
            skipped: 0,
            changed: 0,
            unconfirmed: 0,
            not_started: 0,
            aborted: 0,
            in_flight: self.in_flight(),
            remaining: 0,
            elapsed_ms: 0.0,
            eta_ms: None,
        };
        let mut paced = 0usize;
        for row in &self.rows {
            match row.status {
                RowStatus::Waiting | RowStatus::Running => p.remaining += 1,
                RowStatus::Done { .. } => p.done += 1,
                RowStatus::Skipped { .. } => p.skipped += 1,
                RowStatus::Changed { .. } => p.changed += 1,
                RowStatus::Unconfirmed { .. } => p.unconfirmed += 1,
                RowStatus::Failed { .. } => p.failed += 1,
                RowStatus::NotStarted => p.not_started += 1,
                RowStatus::Aborted => p.aborted += 1,
            }
            if row.status.is_final() && row.requests_this_run > 0 {
                paced += 1;
            }
        }
        if let Some(start) = self.run_started_ms {
            p.elapsed_ms = (self.run_ended_ms.unwrap_or(now_ms) - start).max(0.0);
        }
        p.eta_ms = if p.remaining == 0 {
            Some(0.0)
        } else if self.cancelled || paced == 0 {
            None
        } else {
            let pace = p.elapsed_ms / paced as f64 * p.remaining as f64;
            let floor = self.options.spacing_ms() * p.remaining as f64;
            Some(pace.max(floor))
        };
        p
    }

    /// Every finished request of the batch as a history entry, in row order; `time` turns
    /// a `started_ms` into ISO 8601 (so pass `Date.now()` as `now_ms`).
    pub fn history(&self, time: impl Fn(f64) -> String) -> Vec<HistoryEntry> {
        self.rows
            .iter()
            .flat_map(|r| r.tries.iter())
            .filter(|t| t.finished_ms.is_some())
            .map(|t| t.history_entry(time(t.started_ms)))
            .collect()
    }
}

fn finish<J>(row: &mut RowState<J>, f: Finish) {
    row.step = None;
    row.status = match f {
        Finish::Done { note } => RowStatus::Done { note },
        Finish::Skipped { reason } => RowStatus::Skipped { reason },
        Finish::Changed { reason, changes } => RowStatus::Changed { reason, changes },
        Finish::Unconfirmed { reason } => RowStatus::Unconfirmed { reason },
    };
}

/// The delay before retry number `attempt` (from 1): `d = min(max, base · 2^(attempt-1))`,
/// then "equal jitter", uniformly within `[d/2, d]`, so delays grow and spread apart.
fn backoff(options: &RunOptions, rng: &mut u64, attempt: u32) -> f64 {
    let exp = 2f64.powi(attempt.saturating_sub(1).min(30) as i32);
    let d = (options.base_delay_ms * exp).min(options.max_delay_ms);
    d / 2.0 + unit(rng) * d / 2.0
}

/// A uniform number in [0, 1) from xorshift64*: small, seedable, no dependency.
fn unit(state: &mut u64) -> f64 {
    let mut x = *state;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    *state = x;
    let r = x.wrapping_mul(0x2545_F491_4F6C_DD1D);
    (r >> 11) as f64 / (1u64 << 53) as f64
}
