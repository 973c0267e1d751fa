//! What one row of a batch does, step by step. The runner schedules, retries and records;
//! a [`Job`] only says which request comes next and what an answer means.

use super::action::{BatchAction, Decision, PlannedRow};
use crate::api::conflict::server_change;
use crate::api::diff::FieldChange;
use crate::api::model::EndpointService;
use crate::api::operation::Operation;
use crate::api::poll::{needs_polling, PollPolicy, PollStep};
use crate::api::response::Outcome;
use crate::api::words::{fill, status_label, w};

/// What a step is for. It decides what a cancel means for the row: a request that only
/// reads changes nothing, a write in flight may or may not have been applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepKind {
    /// A read before the write (the stale-state check).
    Check,
    /// The write: the PUT, the upgrade POST, a connection's accept or reject.
    Send,
    /// A read after the write, until the resource settles.
    Watch,
}

impl StepKind {
    pub fn as_str(self) -> &'static str {
        match self {
            StepKind::Check => "check",
            StepKind::Send => "send",
            StepKind::Watch => "watch",
        }
    }
}

/// One request of a job: the operation (from which the runner builds the request with
/// [`build_request`](crate::api::build_request) and reads the answer with
/// [`read_response`](crate::api::read_response)), and how long to wait before it.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    pub kind: StepKind,
    pub operation: Operation,
    /// Wait this long after the previous step before sending (a watch's poll interval).
    pub delay_ms: f64,
}

/// How a job ends without an error of the runner's (those are failed, aborted, not started).
#[derive(Debug, Clone, PartialEq)]
pub enum Finish {
    /// The change was made (and, when watched, the resource settled).
    Done { note: String },
    /// Nothing needed sending.
    Skipped { reason: String },
    /// The resource changed on the server since it was selected: not sent.
    Changed {
        reason: String,
        changes: Vec<FieldChange>,
    },
    /// Sent and accepted, but its effect is not confirmed (still `creating` when the watch
    /// stopped, or the watch could not read it). Retrying would send it again, so it is not
    /// a failure.
    Unconfirmed { reason: String },
}

/// The next thing a job wants.
#[derive(Debug, Clone, PartialEq)]
pub enum Next {
    Step(Step),
    Finish(Finish),
}

/// One row of a batch: a sequence of steps. Implement it for another kind of batch (e.g.
/// accepting endpoint connections) and [`Runner`](super::Runner) runs it unchanged.
pub trait Job {
    /// The first step, from the beginning (also when the row is retried).
    fn start(&mut self) -> Next;
    /// After the current step succeeded with `outcome`.
    fn advance(&mut self, outcome: Outcome) -> Next;
    /// What the row is about, for the results: an id...
    fn subject_id(&self) -> &str;
    /// ...and a name in console words.
    fn subject_name(&self) -> &str;
    /// The change, in console words.
    fn action_title(&self) -> String;
}

/// Where a [`ServiceJob`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ServicePhase {
    Start,
    Checking,
    Sending,
    /// The poll number of the watch, from 1.
    Watching(u32),
}

/// A batch row for one endpoint service: check → send → watch for a PUT, send alone for an
/// upgrade (as a single upgrade is sent: it changes no field a PUT carries).
#[derive(Debug, Clone, PartialEq)]
pub struct ServiceJob {
    pub row: PlannedRow,
    pub poll: PollPolicy,
    stage: ServicePhase,
}

impl ServiceJob {
    pub fn new(row: PlannedRow, poll: PollPolicy) -> Self {
        ServiceJob {
            row,
            poll,
            stage: ServicePhase::Start,
        }
    }

    fn get(&self, kind: StepKind, delay_ms: f64) -> Next {
        Next::Step(Step {
            kind,
            operation: Operation::GetService {
                id: self.row.service_id.clone(),
            },
            delay_ms,
        })
    }

    fn send(&mut self, operation: Operation) -> Next {
        self.stage = ServicePhase::Sending;
        Next::Step(Step {
            kind: StepKind::Send,
            operation,
            delay_ms: 0.0,
        })
    }

    fn watch(&mut self, poll: u32) -> Next {
        self.stage = ServicePhase::Watching(poll);
        self.get(StepKind::Watch, f64::from(self.poll.interval_ms))
    }

    fn action(&self) -> &BatchAction {
        &self.row.action
    }

    /// The answer to the check: at the target already, changed since selected, or send.
    fn checked(&mut self, fresh: &EndpointService) -> Next {
        if self.action().is_at_target(fresh) {
            return Next::Finish(Finish::Skipped {
                reason: fill(
                    w().batch().nothing_sent,
                    &[&self.action().at_target_reason()],
                ),
            });
        }
        if let Some(change) = server_change(&self.row.snapshot, fresh) {
            let mut changes = change.changes;
            if let Some(p) = change.ports {
                changes.push(FieldChange {
                    field: "ports",
                    before: p
                        .removed
                        .iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join(", "),
                    after: p
                        .added
                        .iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join(", "),
                });
            }
            return Next::Finish(Finish::Changed {
                reason: fill(
                    w().batch().changed_since,
                    &[&fresh
                        .updated_at
                        .as_deref()
                        .unwrap_or(w().batch().unknown_time)],
                ),
                changes,
            });
        }
        match &self.row.decision {
            Decision::Send { operation, .. } => {
                let op = (**operation).clone();
                self.send(op)
            }
            Decision::Skip { reason } => Next::Finish(Finish::Skipped {
                reason: reason.clone(),
            }),
        }
    }

    /// After the PUT (or a watch poll) read `service`.
    fn settled(&mut self, poll: u32, service: &EndpointService) -> Next {
        let status = status_label(service.status.as_deref().unwrap_or(""));
        match (poll, self.poll.step(poll.max(1), service)) {
            (0, _) if !needs_polling(service) => Next::Finish(Finish::Done {
                note: fill(w().batch().saved_status, &[&status]),
            }),
            (0, _) => self.watch(1),
            (_, PollStep::Done) => Next::Finish(Finish::Done {
                note: fill(w().batch().saved_available_after, &[&poll]),
            }),
            (_, PollStep::Again) => self.watch(poll + 1),
            (_, PollStep::Stop) => Next::Finish(Finish::Unconfirmed {
                reason: fill(w().batch().saved_but_status, &[&status, &poll]),
            }),
        }
    }
}

impl Job for ServiceJob {
    fn start(&mut self) -> Next {
        self.stage = ServicePhase::Start;
        match &self.row.decision {
            Decision::Skip { reason } => Next::Finish(Finish::Skipped {
                reason: reason.clone(),
            }),
            Decision::Send { operation, .. }
                if matches!(**operation, Operation::UpgradeService { .. }) =>
            {
                let op = (**operation).clone();
                self.send(op)
            }
            Decision::Send { .. } => {
                self.stage = ServicePhase::Checking;
                self.get(StepKind::Check, 0.0)
            }
        }
    }

    fn advance(&mut self, outcome: Outcome) -> Next {
        match (self.stage, outcome) {
            (ServicePhase::Checking, Outcome::Service(fresh)) => self.checked(&fresh),
            (ServicePhase::Sending, Outcome::Upgraded) => Next::Finish(Finish::Done {
                note: w().batch().upgrade_accepted.into(),
            }),
            (ServicePhase::Sending, Outcome::Service(s)) => self.settled(0, &s),
            (ServicePhase::Watching(n), Outcome::Service(s)) => self.settled(n, &s),
            // `read_response` answers each operation with its own outcome: not reached.
            (_, _) => Next::Finish(Finish::Unconfirmed {
                reason: w().batch().unexpected_answer.into(),
            }),
        }
    }

    fn subject_id(&self) -> &str {
        &self.row.service_id
    }

    fn subject_name(&self) -> &str {
        &self.row.name
    }

    fn action_title(&self) -> String {
        self.row.action.title()
    }
}
