//! The one run driver: it sends what a core [`Runner`] hands out, tells it the answers,
//! and wakes when it says, for the list's batches and the Connections tab's actions alike.
//!
//! The decisions are the core's ([`crate::api::batch`]): what is due, how many at once,
//! what a throttled answer means, what a cancel leaves. Here is only what a browser adds:
//! an `AbortController` per request, a timer for the next wake, the session's history,
//! and the token marked rejected on a 401. Its owner draws the rows; the driver tells it
//! which changed ([`RunHooks`]).

use super::http::{self, Failure};
use super::settings::SettingsState;
use crate::api::batch::{Answer, Job, Runner, WorkId};
use crate::api::history::HistoryEntry;
use leptos::prelude::*;
use std::rc::Rc;
use std::time::Duration;

fn now() -> f64 {
    js_sys::Date::now()
}

/// A time as the history shows it (ISO, UTC).
pub fn iso(ms: f64) -> String {
    js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms))
        .to_iso_string()
        .into()
}

/// What a run needs of the console: the settings its requests are built with (and whose
/// token a 401 marks rejected), the session's history, the request timeout.
#[derive(Clone, Copy)]
pub struct RunEnv {
    pub settings: SettingsState,
    pub history: RwSignal<Vec<HistoryEntry>>,
    pub request_timeout_s: u32,
}

/// Told which rows changed.
pub type RowsChanged = Box<dyn Fn(&[usize])>;

/// What the driver tells the one who draws the run.
pub struct RunHooks {
    /// These rows changed (an answer, a new try); called with none when only the
    /// progress moved.
    pub changed: RowsChanged,
    /// The run is over: every row is final, or it was cancelled.
    pub finished: Box<dyn Fn()>,
}

/// A run in the browser: its runner, the requests in flight, the next wake.
pub struct RunDriver<J: 'static> {
    runner: StoredValue<Option<Runner<J>>, LocalStorage>,
    /// The requests in flight, to abort on cancel (a few at most: a list, not a map).
    aborts: StoredValue<Vec<(WorkId, web_sys::AbortController)>, LocalStorage>,
    timer: StoredValue<Option<TimeoutHandle>, LocalStorage>,
    hooks: StoredValue<Option<Rc<RunHooks>>, LocalStorage>,
    running: RwSignal<bool>,
}

impl<J> Clone for RunDriver<J> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<J> Copy for RunDriver<J> {}

impl<J: Job + 'static> Default for RunDriver<J> {
    fn default() -> Self {
        Self::new()
    }
}

impl<J: Job + 'static> RunDriver<J> {
    pub fn new() -> Self {
        RunDriver {
            runner: StoredValue::new_local(None),
            aborts: StoredValue::new_local(Vec::new()),
            timer: StoredValue::new_local(None),
            hooks: StoredValue::new_local(None),
            running: RwSignal::new(false),
        }
    }

    /// Work is being handed out (tracked).
    pub fn running(self) -> bool {
        self.running.get()
    }

    /// [`RunDriver::running`], untracked.
    pub fn is_running(self) -> bool {
        self.running.get_untracked()
    }

    /// Reads the runner, if there is one.
    pub fn with<R>(self, f: impl FnOnce(&Runner<J>) -> R) -> Option<R> {
        self.runner.try_with_value(|r| r.as_ref().map(f)).flatten()
    }

    /// Changes the runner, if there is one.
    pub fn update<R>(self, f: impl FnOnce(&mut Runner<J>) -> R) -> Option<R> {
        self.runner
            .try_update_value(|r| r.as_mut().map(f))
            .flatten()
    }

    /// Puts `runner` in place (or none); nothing is sent until [`RunDriver::run`].
    pub fn set(self, runner: Option<Runner<J>>) {
        self.runner.set_value(runner);
    }

    /// Sends what the runner has due, and goes on until it is finished or cancelled.
    pub fn run(self, c: RunEnv, hooks: RunHooks) {
        if self.is_running() || self.with(|_| ()).is_none() {
            return;
        }
        self.hooks.set_value(Some(Rc::new(hooks)));
        self.running.set(true);
        self.pump_at(c, 0.0);
    }

    /// Cancel: requests in flight are aborted (each recorded as aborted, in the history
    /// too), the rest are not started.
    pub fn cancel(self, c: RunEnv) {
        if !self.is_running() {
            return;
        }
        let at = now();
        let cut: Vec<usize> = self
            .with(|r| {
                r.rows()
                    .iter()
                    .enumerate()
                    .filter(|(_, row)| row.in_flight())
                    .map(|(i, _)| i)
                    .collect()
            })
            .unwrap_or_default();
        let stopped = self.update(|r| r.cancel(at)).unwrap_or_default();
        self.aborts.update_value(|a| {
            a.retain(|(id, ctrl)| {
                if stopped.contains(id) {
                    ctrl.abort();
                    false
                } else {
                    true
                }
            })
        });
        for &i in &cut {
            self.record_last_try(c, i);
        }
        if let Some(t) = self.timer.try_update_value(Option::take).flatten() {
            t.clear();
        }
        self.finish();
    }

    /// The page that drew the run goes: nothing more is sent, and what is in flight is
    /// aborted (the values may be gone already when the page's owner is cleaned up).
    pub fn stop(self) {
        let _ = self.runner.try_update_value(Option::take);
        let _ = self.hooks.try_update_value(Option::take);
        if let Some(Some(t)) = self.timer.try_update_value(Option::take) {
            t.clear();
        }
        if let Some(a) = self.aborts.try_update_value(std::mem::take) {
            for (_, ctrl) in a {
                ctrl.abort();
            }
        }
        let _ = self.running.try_set(false);
    }

    fn hooks(self) -> Option<Rc<RunHooks>> {
        self.hooks.try_get_value().flatten()
    }

    fn finish(self) {
        self.running.set(false);
        if let Some(h) = self.hooks() {
            (h.finished)();
        }
    }

    /// Each try goes into the session's history, as a single request does.
    fn record_last_try(self, c: RunEnv, row: usize) {
        let entry = self
            .with(|r| {
                r.row(row)
                    .and_then(|row| row.tries.last())
                    .map(|t| t.history_entry(iso(t.started_ms)))
            })
            .flatten();
        if let Some(entry) = entry {
            c.history.update(|h| h.push(entry));
        }
    }

    /// Hands out what is due at `not_before` at the earliest: a timer may fire a fraction
    /// of a millisecond before the clock reaches the time it was set for, and must not
    /// come back empty.
    fn pump_at(self, c: RunEnv, not_before: f64) {
        if !self.is_running() {
            return;
        }
        let settings = c.settings.snapshot_untracked();
        let works = self
            .update(|r| r.next_work(now().max(not_before), &settings))
            .unwrap_or_default();
        let started: Vec<usize> = works.iter().map(|w| w.row).collect();
        for work in works {
            let Ok(ctrl) = web_sys::AbortController::new() else {
                continue;
            };
            self.aborts
                .update_value(|a| a.push((work.id, ctrl.clone())));
            let timeout = c.request_timeout_s;
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
                let cancelled = !self
                    .aborts
                    .try_update_value(|a| {
                        let before = a.len();
                        a.retain(|(id, _)| *id != work.id);
                        a.len() < before
                    })
                    .unwrap_or(false);
                let answer = match answer {
                    Ok(a) => {
                        if a.status == 401 {
                            c.settings.token_rejected.set(true);
                        }
                        Answer::Http {
                            status: a.status,
                            headers: a.headers,
                            body: a.body,
                        }
                    }
                    Err(Failure::Timeout) => Answer::TimedOut { seconds: timeout },
                    Err(_) if cancelled => Answer::Aborted,
                    Err(_) => Answer::NoAnswer,
                };
                // An answer to a cancelled request finds no row waiting: the cancel has
                // recorded it already.
                if let Some(i) = self
                    .update(|r| r.complete(work.id, answer, now()))
                    .flatten()
                {
                    self.record_last_try(c, i);
                    if let Some(h) = self.hooks() {
                        (h.changed)(&[i]);
                    }
                }
                self.pump_at(c, 0.0);
            });
        }
        if let Some(h) = self.hooks() {
            (h.changed)(&started);
        }
        let (finished, wake) = self
            .with(|r| (r.is_finished(), r.wake_at()))
            .unwrap_or((true, None));
        if finished {
            self.finish();
            return;
        }
        if let Some(t) = self.timer.try_update_value(Option::take).flatten() {
            t.clear();
        }
        if let Some(at) = wake {
            let wait = (at - now()).clamp(0.0, 600_000.0);
            let handle = set_timeout_with_handle(
                move || {
                    self.timer.set_value(None);
                    self.pump_at(c, at);
                },
                Duration::from_millis(wait.ceil() as u64),
            )
            .ok();
            self.timer.set_value(handle);
        }
    }
}
