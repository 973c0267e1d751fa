//! Accepting or rejecting endpoints as rows of a batch: one [`ConnectionJob`] per endpoint,
//! run by the same [`Runner`](super::batch::Runner) as the service batches, so the
//! Connections tab gets its bounds (requests at once, rate), throttling retries, cancel,
//! retry failed and per-try records without a second scheduler.
//!
//! A job is one *send* (`POST {base}/connections/action` with exactly one endpoint: the API
//! refuses more, EndPoint.2031) and, while the answer shows the connection still on its way
//! (`creating` after an accept), *watch* steps: `GET {base}/connections?id=<endpoint>` at
//! the poll interval, a bounded number of times, until the status settles.

use super::access::RequestError;
use super::batch::{Finish, Job, Next, Step, StepKind};
use super::connections::{
    select_one, Connection, ConnectionAction, ConnectionQuery, ConnectionStatus,
};
use super::operation::Operation;
use super::poll::PollPolicy;
use super::request::id_problem;
use super::response::Outcome;
use super::words::{fill, w};

/// Where a [`ConnectionJob`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ConnectionPhase {
    Start,
    Sending,
    /// The poll number of the watch, from 1.
    Watching(u32),
}

/// One endpoint to accept or reject, as a batch row.
#[derive(Debug, Clone, PartialEq)]
pub struct ConnectionJob {
    pub service_id: String,
    pub endpoint_id: String,
    pub action: ConnectionAction,
    /// How often and how many times the watch reads the connection.
    pub poll: PollPolicy,
    /// The connection as the API last showed it: the action's answer, then each watch's.
    pub seen: Option<Connection>,
    stage: ConnectionPhase,
}

/// Whether a connection in `status` is still on its way after an action: `creating` (an
/// accepted endpoint being set up), or still `pendingAcceptance` (the action not visible
/// yet). Every other status is where it stays.
pub fn is_settling(status: &ConnectionStatus) -> bool {
    matches!(
        status,
        ConnectionStatus::Creating | ConnectionStatus::PendingAcceptance
    )
}

impl ConnectionJob {
    /// A job for `endpoint_id` of `service_id`; the ID is checked before anything is sent.
    pub fn new(
        service_id: &str,
        endpoint_id: &str,
        action: ConnectionAction,
        poll: PollPolicy,
    ) -> Result<Self, RequestError> {
        let id = endpoint_id.trim();
        if let Some(problem) = id_problem(id, w().errors.endpoint_id) {
            return Err(RequestError::Input(problem));
        }
        Ok(ConnectionJob {
            service_id: service_id.trim().to_owned(),
            endpoint_id: id.to_owned(),
            action,
            poll,
            seen: None,
            stage: ConnectionPhase::Start,
        })
    }

    /// One job per selected endpoint, in the order selected, each endpoint once. If any ID
    /// is wrong, there are no jobs and the error names it.
    pub fn for_selection(
        service_id: &str,
        action: ConnectionAction,
        endpoint_ids: &[String],
        poll: PollPolicy,
    ) -> Result<Vec<ConnectionJob>, RequestError> {
        let mut jobs: Vec<ConnectionJob> = Vec::new();
        for id in endpoint_ids {
            if jobs.iter().any(|j| j.endpoint_id == id.trim()) {
                continue;
            }
            jobs.push(ConnectionJob::new(service_id, id, action, poll)?);
        }
        if jobs.is_empty() {
            return Err(RequestError::Input(select_one(action).to_owned()));
        }
        Ok(jobs)
    }

    /// The status the API last showed for the endpoint.
    pub fn status(&self) -> Option<&ConnectionStatus> {
        self.seen.as_ref().map(|c| &c.status)
    }

    /// The watch's read: the list filtered by this endpoint's ID.
    fn watch(&mut self, poll: u32) -> Next {
        self.stage = ConnectionPhase::Watching(poll);
        Next::Step(Step {
            kind: StepKind::Watch,
            operation: Operation::ListConnections {
                service_id: self.service_id.clone(),
                query: ConnectionQuery {
                    endpoint_id: self.endpoint_id.clone(),
                    ..ConnectionQuery::default()
                },
            },
            delay_ms: f64::from(self.poll.interval_ms),
        })
    }

    /// After the action (`poll` 0) or watch number `poll` read `rows`.
    fn seen_in(&mut self, poll: u32, rows: Vec<Connection>) -> Next {
        let Some(row) = rows
            .into_iter()
            .find(|c| c.id.trim().eq_ignore_ascii_case(&self.endpoint_id))
        else {
            return Next::Finish(Finish::Unconfirmed {
                reason: match self.action {
                    ConnectionAction::Accept => w().access().accept_sent_unlisted,
                    ConnectionAction::Reject => w().access().reject_sent_unlisted,
                }
                .to_owned(),
            });
        };
        let settling = is_settling(&row.status);
        let label = row.status.label().to_owned();
        let failure = row
            .error
            .first()
            .and_then(|e| e.error_message.clone())
            .filter(|m| !m.is_empty());
        self.seen = Some(row);
        if !settling {
            return Next::Finish(Finish::Done {
                note: match failure {
                    Some(m) => fill(w().access().label_detail, &[&label, &m]),
                    None => label,
                },
            });
        }
        if poll < self.poll.max_attempts {
            return self.watch(poll + 1);
        }
        let still = match self.action {
            ConnectionAction::Accept => w().access().accept_sent_still,
            ConnectionAction::Reject => w().access().reject_sent_still,
        };
        Next::Finish(Finish::Unconfirmed {
            reason: fill(still, &[&label, &poll]),
        })
    }
}

impl Job for ConnectionJob {
    fn start(&mut self) -> Next {
        self.stage = ConnectionPhase::Sending;
        Next::Step(Step {
            kind: StepKind::Send,
            operation: Operation::ConnectionAction {
                service_id: self.service_id.clone(),
                action: self.action,
                endpoint_id: self.endpoint_id.clone(),
            },
            delay_ms: 0.0,
        })
    }

    fn advance(&mut self, outcome: Outcome) -> Next {
        match (self.stage, outcome) {
            (ConnectionPhase::Sending, Outcome::ConnectionsChanged(rows)) => self.seen_in(0, rows),
            (ConnectionPhase::Watching(n), Outcome::Connections(list)) => {
                self.seen_in(n, list.connections)
            }
            // `read_response` answers each operation with its own outcome: not reached.
            (_, _) => Next::Finish(Finish::Unconfirmed {
                reason: w().access().unexpected_answer.into(),
            }),
        }
    }

    fn subject_id(&self) -> &str {
        &self.endpoint_id
    }

    fn subject_name(&self) -> &str {
        &self.endpoint_id
    }

    /// For the run's exports, which stay in English.
    fn action_title(&self) -> String {
        let label = match self.action {
            ConnectionAction::Accept => "Accept",
            ConnectionAction::Reject => "Reject",
        };
        format!("{label} ({})", self.action.api_name())
    }
}
