//! The pending counts: the Connections tab's label and the service list's approval cell,
//! each read with the smallest list request there is
//! (`GET …/connections?status=pendingAcceptance&limit=1`, its `total_count`).
//!
//! The list page asks for one count per row, at most [`COUNTS_AT_ONCE`] at a time, and keeps
//! what it learnt for [`COUNT_FRESH_MS`](super::state::COUNT_FRESH_MS), so paging back and
//! forth or returning from a service does not ask again.

use super::state::COUNTS_AT_ONCE;
use crate::api::connections::ConnectionQuery;
use crate::api::words::{count, fill, w};
use crate::api::{Operation, Outcome};
use crate::ui::state::{use_console, Console};
use leptos::prelude::*;

/// `GET …/connections?status=pendingAcceptance&limit=1`: how many wait for approval.
pub async fn read_pending(c: Console, service_id: String) -> Option<u64> {
    let project = c.settings.project_id.get_untracked();
    match c
        .call(Operation::ListConnections {
            service_id: service_id.clone(),
            query: ConnectionQuery::pending_count(),
        })
        .await
    {
        Ok((Outcome::Pending(n), _)) => {
            c.access.remember(project.trim(), &service_id, n);
            Some(n)
        }
        _ => None,
    }
}

/// Reads the open service's pending count for its tab's label.
pub fn load_page_pending(c: Console, service_id: String) {
    if service_id.is_empty() || !untrack(|| c.settings.complete()) {
        return;
    }
    leptos::task::spawn_local(async move {
        if let Some(n) = read_pending(c, service_id.clone()).await {
            if c.page.id.get_untracked() == service_id {
                c.access.page_pending.set(Some(n));
            }
        }
    });
}

/// Starts the waiting count requests, at most [`COUNTS_AT_ONCE`] in flight.
fn pump_counts(c: Console) {
    let a = c.access;
    while a.in_flight.get_value() < COUNTS_AT_ONCE {
        let Some((_, project, service, shown)) = a
            .queue
            .try_update_value(|q| (!q.is_empty()).then(|| q.remove(0)))
            .flatten()
        else {
            return;
        };
        if let Some(n) = a.known(&project, &service) {
            let _ = shown.try_set(Some(n));
            continue;
        }
        a.in_flight.update_value(|n| *n += 1);
        leptos::task::spawn_local(async move {
            let n = read_pending(c, service).await;
            a.in_flight.update_value(|n| *n = n.saturating_sub(1));
            // The row may have gone meanwhile (another page): then nobody shows it.
            let _ = shown.try_set(n);
            pump_counts(c);
        });
    }
}

/// A service's connections waiting for approval, as a badge ("3 pending"); nothing when
/// none wait or the count cannot be read. For the service list's approval cell.
#[component]
pub fn PendingCount(service_id: String) -> impl IntoView {
    let c = use_console();
    let a = c.access;
    let shown = RwSignal::new(None::<u64>);
    let project = c.settings.project_id.get_untracked().trim().to_owned();
    match a.known(&project, &service_id) {
        Some(n) => shown.set(Some(n)),
        None if untrack(|| c.settings.complete()) => {
            let ticket = a.next_ticket.get_value() + 1;
            a.next_ticket.set_value(ticket);
            a.queue
                .update_value(|q| q.push((ticket, project, service_id, shown)));
            // A row that goes before its turn (another page) asks nothing.
            on_cleanup(move || {
                let _ = a
                    .queue
                    .try_update_value(|q| q.retain(|(t, ..)| *t != ticket));
            });
            pump_counts(c);
        }
        None => {}
    }
    let pending = move || shown.get().unwrap_or(0);
    view! {
        <span class="badge pending-count" hidden=move || pending() == 0>
            {move || fill(w().access().pending_badge, &[&count(pending() as usize)])}
        </span>
    }
}
