//! The batch's state, in the console's context: it outlives the list page, so a batch
//! runs on while the user opens a service.

use super::super::run::RunDriver;
use crate::api::batch::{Progress, RunOptions, Selection, ServiceJob};
use crate::api::words::{fill, w};
use leptos::prelude::*;

/// Where the batch panel is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BatchStage {
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
    pub stage: RwSignal<BatchStage>,
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
    /// The run: its runner, the requests in flight, the next wake.
    pub driver: RunDriver<ServiceJob>,
    /// Rows changed since the last redraw, and whether one is due.
    pub(super) dirty: StoredValue<Vec<usize>, LocalStorage>,
    pub(super) redraw_due: StoredValue<bool, LocalStorage>,
}

impl BatchState {
    pub fn new(defaults: RunOptions) -> Self {
        BatchState {
            selection: RwSignal::new(Selection::new()),
            fetching: RwSignal::new(None),
            problem: RwSignal::new(None),
            stage: RwSignal::new(BatchStage::Idle),
            title: RwSignal::new(String::new()),
            sample: RwSignal::new(None),
            rows: RwSignal::new(Vec::new()),
            progress: RwSignal::new(None),
            concurrency: RwSignal::new(defaults.concurrency.to_string()),
            exports: RwSignal::new(None),
            defaults,
            driver: RunDriver::new(),
            dirty: StoredValue::new_local(Vec::new()),
            redraw_due: StoredValue::new_local(false),
        }
    }

    /// The "Requests at once" field's problem, if any.
    pub fn concurrency_problem(self) -> Option<String> {
        let text = self.concurrency.get();
        match text.trim().parse::<u32>() {
            Ok(n) if (1..=RunOptions::MAX_CONCURRENCY).contains(&n) => None,
            _ => Some(fill(
                w().batch().concurrency_range,
                &[&RunOptions::MAX_CONCURRENCY],
            )),
        }
    }

    pub(super) fn busy(self) -> bool {
        self.stage.get_untracked() == BatchStage::Running
    }
}

impl BatchState {
    /// A batch is running (tracked).
    pub(super) fn busy_signal(self) -> bool {
        self.stage.get() == BatchStage::Running
    }
}
