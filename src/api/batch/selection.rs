//! Which services are ticked in the list. Each is kept with the snapshot the list showed
//! when it was ticked: the batch's stale-state check compares the server's copy with it.
//! The selection is the console's, not the page's, so it survives paging and filtering.

use crate::api::dialect::Dialect;
use crate::api::list::ListView;
use crate::api::model::EndpointService;
use crate::api::request::ListQuery;
use crate::api::words::{count, fill, w};

/// "Select all N matching" fetches the filter's pages this large.
pub const FETCH_PAGE_SIZE: u32 = 100;
/// At most this many services in one batch: at 2 requests a second, 1000 PUTs with their
/// checks take about 17 minutes already.
pub const MAX_SELECTED: u64 = 1000;

/// The header checkbox of a page: none, some or all of its services are selected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageTick {
    None,
    Some,
    All,
}

/// The selected services, in the order they were selected, each once.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Selection {
    items: Vec<EndpointService>,
}

impl Selection {
    pub fn new() -> Self {
        Selection::default()
    }

    pub fn count(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// "3 selected", for the bar above the list.
    pub fn count_text(&self) -> String {
        fill(w().batch().selected_count, &[&count(self.items.len())])
    }

    pub fn contains(&self, id: &str) -> bool {
        self.items.iter().any(|s| s.id == id)
    }

    /// The snapshot kept for `id`.
    pub fn get(&self, id: &str) -> Option<&EndpointService> {
        self.items.iter().find(|s| s.id == id)
    }

    /// The selected services' snapshots, to plan a batch with.
    pub fn snapshots(&self) -> &[EndpointService] {
        &self.items
    }

    pub fn ids(&self) -> Vec<&str> {
        self.items.iter().map(|s| s.id.as_str()).collect()
    }

    /// Selects `service` (keeping the snapshot taken when it was first selected); returns
    /// whether it was new.
    pub fn select(&mut self, service: &EndpointService) -> bool {
        if service.id.is_empty() || self.contains(&service.id) {
            return false;
        }
        self.items.push(service.clone());
        true
    }

    pub fn unselect(&mut self, id: &str) -> bool {
        let before = self.items.len();
        self.items.retain(|s| s.id != id);
        self.items.len() != before
    }

    /// Ticks or unticks `service`'s checkbox; returns whether it is selected now.
    pub fn toggle(&mut self, service: &EndpointService) -> bool {
        if self.unselect(&service.id) {
            false
        } else {
            self.select(service)
        }
    }

    /// Adds every service of `page` (the header checkbox, or a fetched page of "select all
    /// matching"); returns how many were new.
    pub fn select_all(&mut self, page: &[EndpointService]) -> usize {
        page.iter().filter(|s| self.select(s)).count()
    }

    /// Removes every service of `page`.
    pub fn unselect_all(&mut self, page: &[EndpointService]) -> usize {
        page.iter().filter(|s| self.unselect(&s.id)).count()
    }

    /// The header checkbox's state for `page`.
    pub fn page_tick(&self, page: &[EndpointService]) -> PageTick {
        let n = page.iter().filter(|s| self.contains(&s.id)).count();
        match n {
            0 => PageTick::None,
            n if n == page.len() => PageTick::All,
            _ => PageTick::Some,
        }
    }

    /// The header checkbox clicked: selects the page unless all of it is selected, then
    /// unselects it.
    pub fn toggle_page(&mut self, page: &[EndpointService]) {
        if self.page_tick(page) == PageTick::All {
            self.unselect_all(page);
        } else {
            self.select_all(page);
        }
    }

    /// Clear.
    pub fn clear(&mut self) {
        self.items.clear();
    }
}

/// Why "select all matching" is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SelectAllError {
    pub total: u64,
    pub max: u64,
}

impl std::fmt::Display for SelectAllError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Ungrouped, as the limit is written in config and docs ("at most 1000").
        f.write_str(&fill(w().batch().too_many, &[&self.total, &self.max]))
    }
}

/// The list queries that fetch every service matching `view`'s filter and order, when the
/// list said `total_count` match: pages of [`FETCH_PAGE_SIZE`], the first without
/// `offset`. Refused over [`MAX_SELECTED`]. Feed each answer's services to
/// [`Selection::select_all`]; a page shorter than asked means the end came early (services
/// were deleted meanwhile) and the rest can be skipped.
pub fn select_all_queries(
    view: &ListView,
    dialect: Dialect,
    total_count: u64,
) -> Result<Vec<ListQuery>, SelectAllError> {
    if total_count > MAX_SELECTED {
        return Err(SelectAllError {
            total: total_count,
            max: MAX_SELECTED,
        });
    }
    let pages = total_count.div_ceil(u64::from(FETCH_PAGE_SIZE)) as u32;
    Ok((1..=pages)
        .map(|page| {
            ListView {
                page,
                page_size: FETCH_PAGE_SIZE,
                ..view.clone()
            }
            .query(dialect)
        })
        .collect())
}
