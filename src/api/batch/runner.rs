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
use super::job::{Finish, Job, Next, ServiceJob, StepKind};
use super::run_state::{
    backoff, finish, is_throttled, Answer, Progress, RowState, RowStatus, RunOptions, TryRecord,
    Work, WorkId,
};
use crate::api::error::{header, network_error, timeout_error, ApiError, ErrorKind};
use crate::api::history::HistoryEntry;
use crate::api::operation::build_request;
use crate::api::poll::PollPolicy;
use crate::api::request::Settings;
use crate::api::response::read_response;
use crate::api::words::{fill, w};

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
                            hint: fill(w().batch().not_sent, &[&e]),
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
                hint: w().batch().request_aborted.into(),
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
                    let reason = fill(w().batch().saved_read_failed, &[&error.to_string().trim()]);
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
                    reason: w().batch().saved_cancelled.into(),
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
