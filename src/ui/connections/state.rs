//! The Connections tab's state and what it does: read a page of connections, and run
//! Accept or Reject through the one run driver, one request per endpoint.

use crate::api::batch::{RowStatus, RunOptions, Runner, StepKind};
use crate::api::connection_job::ConnectionJob;
use crate::api::connections::{
    action_summary, connections_input, Connection, ConnectionAction, ConnectionList,
    ConnectionStatus, ConnectionsInput, ConnectionsView,
};
use crate::api::words::{count, fill, w};
use crate::api::{build_request, Operation, Outcome};
use crate::ui::access::counts::load_page_pending;
use crate::ui::code::AsCode;
use crate::ui::controls::Shown;
use crate::ui::dom::focus_soon;
use crate::ui::outcome::Problem;
use crate::ui::page_reader::PageReader;
use crate::ui::run::{RunDriver, RunHooks};
use crate::ui::state::Console;
use leptos::prelude::*;

/// What the last action did to a row, as drawn beside it: the text and its look
/// (`ok`, `failed`, `warn`, `running`).
pub(super) type Note = (String, String, &'static str);

/// The tab's state, for the life of the service page.
#[derive(Clone, Copy)]
pub struct ConnectionsTab {
    /// The page as last read (its view, rows and total), each row updated with what the
    /// actions answered.
    pub(super) list: PageReader<ConnectionsView, Connection>,
    pub(super) selected: RwSignal<Vec<String>>,
    /// Per endpoint: (id, text, tone).
    pub(super) notes: RwSignal<Vec<Note>>,
    /// What the last run came to.
    pub(super) summary: RwSignal<Option<String>>,
    /// Reject asks first: the endpoints it is for.
    pub(super) confirm: RwSignal<Vec<String>>,
    /// Accept or Reject on the selected endpoints, one request each.
    pub(super) driver: RunDriver<ConnectionJob>,
}

pub(super) fn now() -> f64 {
    js_sys::Date::now()
}

/// The endpoint ids on the page that allow `action`, among `ids`.
pub(super) fn allowed(t: ConnectionsTab, ids: &[String], action: ConnectionAction) -> Vec<String> {
    t.list.rows.with(|rows| {
        ids.iter()
            .filter(|id| rows.iter().any(|r| &r.id == *id && r.allows(action)))
            .cloned()
            .collect()
    })
}

/// Where the list's error stands, when it is about an input (a filter, the pager).
pub(super) fn problem_at(t: ConnectionsTab) -> Option<ConnectionsInput> {
    t.list.problem.with(|p| match p {
        Some(Problem::Api { error, .. }) => connections_input(error, None),
        _ => None,
    })
}

/// Reads the page the view names.
pub(super) fn load(c: Console, t: ConnectionsTab) {
    t.list.read(
        c,
        |service_id, view| Operation::ListConnections {
            service_id,
            query: view.query(),
        },
        |outcome| match outcome {
            Outcome::Connections(ConnectionList {
                connections,
                total_count,
            }) => Some((connections, total_count)),
            _ => None,
        },
        move |view, rows, total| {
            t.selected
                .update(|s| s.retain(|id| rows.iter().any(|r| &r.id == id)));
            // A count of all that wait for approval is the tab's and the list's count too.
            if view.status == Some(ConnectionStatus::PendingAcceptance)
                && view.endpoint_id.is_empty()
                && view.marker_id.is_empty()
            {
                let project = c.settings.project_id.get_untracked();
                let service = c.page.id.get_untracked();
                c.access.remember(project.trim(), &service, total);
            }
        },
    );
}

pub(super) fn go(c: Console, t: ConnectionsTab, view: ConnectionsView) {
    t.list.view.set(view);
    load(c, t);
}

/// Starts `action` on `ids` (one request each).
pub(super) fn run(c: Console, t: ConnectionsTab, action: ConnectionAction, ids: Vec<String>) {
    if t.driver.is_running() {
        return;
    }
    let service_id = c.page.id.get_untracked();
    let jobs = match ConnectionJob::for_selection(&service_id, action, &ids, c.timing.poll) {
        Ok(jobs) => jobs,
        Err(e) => {
            t.summary.set(Some(e.message().to_owned()));
            return;
        }
    };
    // The deployment's batch settings (config.json) hold for these requests too.
    let options = RunOptions {
        seed: now() as u64,
        ..c.batch_defaults
    };
    t.driver.set(Some(Runner::new(jobs, options)));
    t.notes.update(|n| n.retain(|(id, ..)| !ids.contains(id)));
    t.summary.set(None);
    sync(t);
    t.driver.run(
        c.run_env(),
        RunHooks {
            changed: Box::new(move |_| sync(t)),
            finished: Box::new(move || finish(c, t)),
        },
    );
    focus_soon("conn-result");
}

/// Draws every row of the run: its status as the API last answered, and its note.
pub(super) fn sync(t: ConnectionsTab) {
    let lines: Vec<(Option<Connection>, Note)> = t
        .driver
        .with(|r| {
            r.rows()
                .iter()
                .map(|row| {
                    let id = row.job.endpoint_id.clone();
                    let retrying = row.tries.last().and_then(|t| t.retry_in_ms).is_some();
                    let a = w().access();
                    let (text, tone) = match &row.status {
                        RowStatus::Waiting => (a.row_waiting.to_owned(), "running"),
                        RowStatus::Running if retrying => (a.row_throttled.to_owned(), "running"),
                        RowStatus::Running => match row.step() {
                            Some(StepKind::Watch) => (
                                fill(
                                    a.row_checking,
                                    &[&row.job.status().map_or(a.row_sent, |s| s.label())],
                                ),
                                "running",
                            ),
                            _ => (a.row_sending.to_owned(), "running"),
                        },
                        RowStatus::Done { note } => (note.clone(), "ok"),
                        RowStatus::Failed { .. } => (row.status.detail(), "failed"),
                        s => (fill(a.label_detail, &[&s.label(), &s.detail()]), "warn"),
                    };
                    (row.job.seen.clone(), (id, text, tone))
                })
                .collect()
        })
        .unwrap_or_default();
    for (seen, _) in &lines {
        if let Some(conn) = seen {
            let changed = t
                .list
                .rows
                .with_untracked(|rows| rows.iter().any(|r| r.id == conn.id && r != conn));
            if changed {
                t.list.rows.update(|rows| {
                    if let Some(r) = rows.iter_mut().find(|r| r.id == conn.id) {
                        *r = conn.clone();
                    }
                });
            }
        }
    }
    t.notes.update(|notes| {
        for (_, note) in lines {
            match notes.iter_mut().find(|n| n.0 == note.0) {
                Some(n) if *n != note => *n = note,
                Some(_) => {}
                None => notes.push(note),
            }
        }
    });
}

/// Cancel: requests in flight are aborted, the rest are not sent.
pub(super) fn cancel(c: Console, t: ConnectionsTab) {
    t.driver.cancel(c.run_env());
}

/// The run is over: the summary, and the tab's count as it is now.
pub(super) fn finish(c: Console, t: ConnectionsTab) {
    sync(t);
    let text = t.driver.with(|r| {
        let action = r
            .rows()
            .first()
            .map_or(ConnectionAction::Accept, |row| row.job.action);
        let p = r.progress(now());
        let a = w().access();
        let mut s = action_summary(action, p.done, p.failed + p.aborted);
        if p.unconfirmed > 0 {
            s.push_str(a.sentence_gap);
            s.push_str(&fill(a.not_confirmed, &[&count(p.unconfirmed)]));
        }
        if p.not_started > 0 {
            s.push_str(a.sentence_gap);
            s.push_str(&fill(a.not_sent_cancelled, &[&count(p.not_started)]));
        }
        s
    });
    t.summary.set(text);
    t.selected.set(Vec::new());
    load_page_pending(c, c.page.id.get_untracked());
}

/// The requests of `action` for `ids`, exactly as they go.
pub(super) fn action_requests(c: Console, action: ConnectionAction, ids: &[String]) -> Vec<Shown> {
    let settings = c.settings.snapshot();
    let service_id = c.page.id.get();
    let service = c.page.base.get();
    ids.iter()
        .filter_map(|id| {
            let op = Operation::ConnectionAction {
                service_id: service_id.clone(),
                action,
                endpoint_id: id.clone(),
            };
            let request = build_request(&settings, &op).ok()?;
            Some((request, Some(AsCode::new(op, &settings, service.clone()))))
        })
        .collect()
}

/// The error's words for a message beside an input.
pub(super) fn problem_text(p: Option<Problem>) -> Option<String> {
    match p? {
        Problem::Api { error, .. } => Some(fill(
            w().access().label_detail,
            &[
                &error.error_code.as_deref().unwrap_or(w().access().error),
                &error.error_msg.as_deref().unwrap_or(&error.hint),
            ],
        )),
        Problem::Settings(e) => Some(e.message().to_owned()),
    }
}
