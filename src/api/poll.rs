//! Waiting for a service to be `available` again after a change.
//!
//! A PUT that changes ports puts the service in `creating`; until it is `available`,
//! further edits fail with EndPoint.3045. Real clients poll GET, and so does the console,
//! a bounded number of times.

use super::model::EndpointService;

/// How often and how long the console polls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PollPolicy {
    pub interval_ms: u32,
    pub max_attempts: u32,
}

impl Default for PollPolicy {
    fn default() -> Self {
        PollPolicy {
            interval_ms: 1000,
            max_attempts: 60,
        }
    }
}

/// What to do after a GET during polling.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PollStep {
    /// The service is `available`: stop.
    Done,
    /// Not yet: wait `interval_ms` and ask again.
    Again,
    /// The service settled in another state (`failed`, ...) or the attempts ran out.
    Stop,
}

impl PollPolicy {
    /// Decides the next step after attempt number `attempt` (from 1) saw `service`.
    pub fn step(&self, attempt: u32, service: &EndpointService) -> PollStep {
        if service.is_available() {
            PollStep::Done
        } else if needs_polling(service) && attempt < self.max_attempts {
            PollStep::Again
        } else {
            PollStep::Stop
        }
    }
}

/// Whether a service needs waiting for before it can be edited again.
pub fn needs_polling(service: &EndpointService) -> bool {
    matches!(service.status.as_deref(), Some("creating") | None)
}
