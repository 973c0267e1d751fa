//! What a run is made of: its options, the work it hands out, the answers it takes, and
//! each row's tries, status and the progress of all of them.

use super::job::{Finish, Step, StepKind};
use crate::api::diff::FieldChange;
use crate::api::error::ApiError;
use crate::api::history::HistoryEntry;
use crate::api::request::{ApiRequest, Method};
use crate::api::words::{fill, w};

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
        let b = w().batch();
        match self {
            RowStatus::Waiting => b.status_waiting,
            RowStatus::Running => b.status_running,
            RowStatus::Done { .. } => b.status_done,
            RowStatus::Skipped { .. } => b.status_skipped,
            RowStatus::Changed { .. } => b.status_changed,
            RowStatus::Unconfirmed { .. } => b.status_unconfirmed,
            RowStatus::Failed { .. } => b.status_failed,
            RowStatus::NotStarted => b.status_not_started,
            RowStatus::Aborted => b.status_aborted,
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
                    .map(|c| fill(w().batch().change_line, &[&c.field, &c.before, &c.after]))
                    .collect();
                if fields.is_empty() {
                    reason.clone()
                } else {
                    let fields = fields.join(w().batch().item_separator);
                    fill(w().batch().reason_with_changes, &[reason, &fields])
                }
            }
            RowStatus::Failed { error } => {
                let s = error.to_string().trim().to_owned();
                if error.status.is_some() && !error.hint.is_empty() {
                    fill(w().batch().error_with_hint, &[&s, &error.hint])
                } else {
                    s
                }
            }
            RowStatus::NotStarted => w().batch().not_started_detail.into(),
            RowStatus::Aborted => w().batch().aborted_detail.into(),
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
    pub(super) step: Option<Step>,
    /// The try of `step`, from 1, once it has been handed out.
    pub(super) attempt: u32,
    /// The next request may start from this time.
    pub(super) ready_at: f64,
    pub(super) in_flight: Option<WorkId>,
    /// A write step succeeded in this run: retrying would send the change again.
    pub(super) wrote: bool,
    /// Requests of this run: rows with none (planned skips) say nothing about speed.
    pub(super) requests_this_run: u32,
    /// The base of the network error's hint: the proxy URL of the last request.
    pub(super) proxy_base: String,
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

pub(super) fn finish<J>(row: &mut RowState<J>, f: Finish) {
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
pub(super) fn backoff(options: &RunOptions, rng: &mut u64, attempt: u32) -> f64 {
    let exp = 2f64.powi(attempt.saturating_sub(1).min(30) as i32);
    let d = (options.base_delay_ms * exp).min(options.max_delay_ms);
    d / 2.0 + unit(rng) * d / 2.0
}

/// A uniform number in [0, 1) from xorshift64*: small, seedable, no dependency.
pub(super) fn unit(state: &mut u64) -> f64 {
    let mut x = *state;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    *state = x;
    let r = x.wrapping_mul(0x2545_F491_4F6C_DD1D);
    (r >> 11) as f64 / (1u64 << 53) as f64
}
