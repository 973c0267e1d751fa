//! Reading an answer: the expected object on success, an [`ApiError`] otherwise.

use super::error::{classify, unreadable_success, ApiError};
use super::model::{EndpointService, ServiceList};
use super::request::Operation;

/// What a successful operation returns.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Service(Box<EndpointService>),
    List(ServiceList),
    /// The upgrade was accepted (204, no body).
    Upgraded,
}

/// Interprets `status`, `headers` and `body` as the answer to `op`.
pub fn read_response(
    op: &Operation,
    status: u16,
    headers: &[(String, String)],
    body: &str,
) -> Result<Outcome, ApiError> {
    if !(200..300).contains(&status) {
        return Err(classify(status, headers, body));
    }
    match op {
        Operation::GetService { .. } | Operation::UpdateService { .. } => {
            match EndpointService::from_json(body) {
                Ok(s) if !s.id.is_empty() => Ok(Outcome::Service(Box::new(s))),
                _ => Err(unreadable_success(
                    status,
                    headers,
                    body,
                    "an endpoint service",
                )),
            }
        }
        // A list must be an object: `ServiceList::read` refuses anything else.
        Operation::ListServices(_) => ServiceList::from_json(body)
            .ok()
            .map(Outcome::List)
            .ok_or_else(|| {
                unreadable_success(status, headers, body, "a list of endpoint services")
            }),
        // The SDKs accept only 204. A 2xx with a body is something else answering (a
        // proxy's page): not a success to report.
        Operation::UpgradeService { .. } if status == 204 || body.trim().is_empty() => {
            Ok(Outcome::Upgraded)
        }
        Operation::UpgradeService { .. } => Err(unreadable_success(
            status,
            headers,
            body,
            "the empty answer (204) of an upgrade",
        )),
    }
}
