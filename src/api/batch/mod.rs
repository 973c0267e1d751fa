//! Many services at once (issue 11): select services in the list, choose one change, confirm
//! a per-service plan, and run it with progress, cancel and retry.
//!
//! Everything here is a pure state machine the browser shell drives; nothing sends a request,
//! reads a clock or draws a random number. Time comes in as milliseconds (`now_ms`, whatever
//! clock the caller uses, e.g. `performance.now()`), randomness as a seed.
//!
//! The pieces, in the order the user meets them:
//!
//! 1. [`Selection`]: which services are ticked, each with the snapshot the list showed
//!    when it was ticked (the base of the stale-state check). It survives paging; "select all
//!    N matching" fetches every page of the filter with [`select_all_queries`].
//! 2. [`plan`]: for a [`BatchAction`] and the selected snapshots, one [`PlannedRow`] per
//!    service, either sent or skipped with the reason in console words. The PUT body comes
//!    from the same [`plan_update`](crate::api::plan_update) a single Save uses, so a batch
//!    sends exactly what the form would for the same change.
//! 3. [`Runner`]: runs the rows. Each row is a [`Job`]: a sequence of steps, each an
//!    [`Operation`](crate::api::Operation) (so the request comes from
//!    [`build_request`](crate::api::build_request) and its answer is read by
//!    [`read_response`](crate::api::read_response)). For a PUT the steps are *check* (GET,
//!    then [`server_change`](crate::api::conflict::server_change) against the snapshot),
//!    *send* (the PUT) and, while the service is `creating`, *watch* (GET, polled at the
//!    [`PollPolicy`](crate::api::poll::PollPolicy) interval). The runner bounds concurrency
//!    and the request rate, retries throttled answers with exponential back-off and jitter,
//!    and records every try.
//! 4. [`export_csv`], [`export_json`] and [`Runner::history`]: the results, with no token
//!    and no headers anywhere (the runner never holds the settings).
//!
//! The runner knows nothing about services beyond [`ServiceJob`]: accepting or rejecting
//! endpoint connections (issue 12) is another [`Job`] with its own steps.
//!
//! # Driving a run
//!
//! The shell owns the clock, the fetches and the timer; the runner decides. Below, `fetch`
//! stands for the shell's request function (in the browser: `fetch` with an
//! `AbortController` per [`Work`], its answer turned into an [`Answer`]) and the loop for
//! its timer (`set_timeout` until [`Runner::wake_at`]); here both are plain code, so the
//! example runs as a test.
//!
//! ```
//! use vpcep_console::api::batch::{plan, Answer, BatchAction, RunOptions, Runner};
//! use vpcep_console::api::{poll::PollPolicy, ApiRequest, Dialect, EndpointService, Settings};
//!
//! let selected = vec![EndpointService { id: "svc-1".into(), ..Default::default() }];
//! let rows = plan(&BatchAction::SetApproval(false), &selected, Dialect::Huawei).unwrap();
//! let mut runner = Runner::from_plan(&rows, PollPolicy::default(), RunOptions::default());
//! let settings = Settings { proxy_url: "https://proxy.example".into(), project_id: "p1".into(),
//!     token: "t".into(), ..Default::default() };
//! // The API, as the shell would reach it: every GET and PUT answers with the service.
//! let fetch = |_: &ApiRequest| Answer::http(200, r#"{"id":"svc-1","status":"available"}"#, None);
//! let mut now = 0.0; // Date.now() in the browser
//! while !runner.is_finished() {
//!     for work in runner.next_work(now, &settings) {
//!         let answer = fetch(&work.request); // in the browser: spawn_local(async { ... })
//!         runner.complete(work.id, answer, now); // ...then call next_work again
//!     }
//!     // Sleep until the runner is due (or an answer arrives first).
//!     now = runner.wake_at().unwrap_or(now).max(now + 1.0);
//! }
//! assert_eq!(runner.progress(now).done, 1);
//! // The Cancel button: `for id in runner.cancel(now) { abort_controllers[&id].abort() }`.
//! // Retry failed: `runner.retry_failed(now)`, then the same loop.
//! ```

mod action;
mod export;
mod job;
mod run_state;
mod runner;
mod selection;

pub use action::{plan, BatchAction, Decision, PlanError, PlannedRow};
pub use export::{csv_cell, export_csv, export_json};
pub use job::{Finish, Job, Next, ServiceJob, Step, StepKind};
pub use run_state::{
    is_throttled, Answer, Progress, RowState, RowStatus, RunOptions, TryRecord, Work, WorkId,
};
pub use runner::Runner;
pub use selection::{
    select_all_queries, PageTick, SelectAllError, Selection, FETCH_PAGE_SIZE, MAX_SELECTED,
};
