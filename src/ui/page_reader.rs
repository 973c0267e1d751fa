//! One page of a server-paged list on a service's tab (its connections, its whitelist):
//! what was read, and the read itself, which drops an answer for a page, filter or service
//! the person has left.

use super::outcome::Problem;
use super::state::Console;
use crate::api::paging::Page;
use crate::api::{Operation, Outcome};
use leptos::prelude::*;

/// The tab's view of its list (filter, order, page) as `V`, and the page read as rows `T`.
pub struct PageReader<V: Send + Sync + 'static, T: Send + Sync + 'static> {
    pub view: RwSignal<V>,
    /// The page as last read.
    pub rows: RwSignal<Vec<T>>,
    pub total: RwSignal<u64>,
    /// The first page has been asked for.
    pub started: RwSignal<bool>,
    pub loading: RwSignal<bool>,
    pub problem: RwSignal<Option<Problem>>,
}

impl<V: Send + Sync + 'static, T: Send + Sync + 'static> Clone for PageReader<V, T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<V: Send + Sync + 'static, T: Send + Sync + 'static> Copy for PageReader<V, T> {}

impl<V, T> PageReader<V, T>
where
    V: Clone + PartialEq + Send + Sync + 'static,
    T: Clone + Send + Sync + 'static,
{
    pub fn new(view: V) -> Self {
        PageReader {
            view: RwSignal::new(view),
            rows: RwSignal::new(Vec::new()),
            total: RwSignal::new(0),
            started: RwSignal::new(false),
            loading: RwSignal::new(false),
            problem: RwSignal::new(None),
        }
    }

    /// Reads the page the view names with `op(view)` for the open service; `take` finds
    /// the rows and the total in the answer, `done` hears of them (with the view they are
    /// for) before they are shown.
    pub fn read(
        self,
        c: Console,
        op: impl FnOnce(String, &V) -> Operation + 'static,
        take: fn(Outcome) -> Option<(Vec<T>, u64)>,
        done: impl FnOnce(&V, &[T], u64) + 'static,
    ) {
        let service_id = c.page.id.get_untracked();
        if service_id.is_empty() || !untrack(|| c.settings.complete()) {
            return;
        }
        let view = self.view.get_untracked();
        self.started.set(true);
        self.loading.set(true);
        leptos::task::spawn_local(async move {
            let answer = c
                .call_on(crate::api::EVERY, op(service_id.clone(), &view))
                .await;
            // An answer for a page, filter or service the person has left is not shown.
            if self.view.try_get_untracked().as_ref() != Some(&view)
                || c.page.id.get_untracked() != service_id
            {
                return;
            }
            self.loading.set(false);
            match answer {
                Ok((outcome, _)) => {
                    if let Some((rows, total)) = take(outcome) {
                        self.problem.set(None);
                        done(&view, &rows, total);
                        self.rows.set(rows);
                        self.total.set(total);
                    }
                }
                Err(p) => self.problem.set(Some(p)),
            }
        });
    }

    /// "21–40 of 253" for the page shown (tracked).
    pub fn range(self, page: impl Fn(&V) -> Page) -> String {
        let shown = self.rows.with(Vec::len);
        self.view
            .with(|v| page(v).range_text(shown, self.total.get()))
    }
}
