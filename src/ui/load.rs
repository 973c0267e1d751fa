//! Loading what the route shows: a page of the service list, and a service (with the
//! draft this tab kept), as [`ConsoleCore`]'s methods that the console's
//! [`Actions`] run.

use super::state::{Actions, ConsoleCore, PollState, Run};
use super::storage;
use crate::api::list::ListView;
use crate::api::poll::needs_polling;
use crate::api::route::Route;
use crate::api::{EndpointService, Operation, Outcome, ServiceDraft};
use leptos::prelude::*;

impl Actions {
    pub fn list(self, view: ListView) {
        self.start(Run::List, Box::pin(self.core.load_list(view)));
    }

    pub fn open(self, id: String) {
        self.start(Run::Open, Box::pin(self.core.open(id)));
    }
}

impl ConsoleCore {
    pub(super) async fn load_list(self, view: ListView) {
        let dialect = self.settings.dialect.get_untracked();
        let answer = self
            .call(Operation::ListServices(view.query(dialect)))
            .await
            .map(|(outcome, _)| match outcome {
                Outcome::List(l) => (view.clone(), l),
                _ => unreachable!("a list request answers with a list"),
            });
        // An answer for a view the user has left is not shown.
        if self.route.get_untracked() == Route::List(view) {
            self.list.set(Some(answer));
        }
    }

    /// The id the page is for now: answers for another one are dropped.
    pub(super) fn still_on(self, id: &str) -> bool {
        matches!(self.route.get_untracked(), Route::Service { id: ref r } if r == id)
    }

    pub(super) async fn open(self, id: String) {
        let page = self.page;
        if page.id.get_untracked() != id {
            page.id.set(id.clone());
            page.base.set(None);
            page.outcome.set(None);
            page.restored.set(false);
            page.server_errors.set(None);
            page.conflict.set(None);
        }
        page.poll.set(PollState::Idle);
        page.load_problem.set(None);
        let answer = self.call(Operation::GetService { id: id.clone() }).await;
        if !self.still_on(&id) {
            return;
        }
        match answer {
            Ok((Outcome::Service(s), _)) => {
                let wait = needs_polling(&s);
                self.take(*s);
                if wait {
                    // Not part of the action: the page stays usable while it waits.
                    leptos::task::spawn_local(self.wait_until_available(id));
                }
            }
            Ok(_) => unreachable!("a service request answers with a service"),
            Err(p) => page.load_problem.set(Some(p)),
        }
    }

    /// Shows a freshly read service. Edits are never dropped: the form keeps what the
    /// user typed, or gets the draft this tab kept, or else the service as it is.
    pub(super) fn take(self, s: EndpointService) {
        let page = self.page;
        let project = self.settings.project_id.get_untracked();
        let editing = untrack(|| self.dirty());
        if !editing {
            match storage::load_draft(&project, &s.id).and_then(|d| d.restore_for(&s)) {
                Some(draft) => {
                    page.form.reset(&draft);
                    page.restored.set(true);
                }
                None => page.form.reset(&ServiceDraft::from_service(&s)),
            }
        }
        page.base.set(Some(s));
    }
}
