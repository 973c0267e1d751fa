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

mod action;
mod export;
mod job;
mod runner;
mod selection;

pub use action::{plan, BatchAction, Decision, PlanError, PlannedRow};
pub use export::{csv_cell, export_csv, export_json};
pub use job::{Finish, Job, Next, ServiceJob, Step, StepKind};
pub use runner::{
    is_throttled, Answer, Progress, RowState, RowStatus, RunOptions, Runner, TryRecord, Work,
    WorkId,
};
pub use selection::{
    select_all_queries, PageTick, SelectAllError, Selection, FETCH_PAGE_SIZE, MAX_SELECTED,
};
