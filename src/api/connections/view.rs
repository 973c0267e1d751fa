//! The Connections tab's view of the list (filter, page, size) and where a refusal of
//! the list stands.

use super::calls::{marker_id_problem, ConnectionQuery};
use super::connection::{ConnectionStatus, MAX_LIMIT};
use crate::api::error::{code_is, endpoint_code_number, ApiError};
use crate::api::list::{SortDir, SortKey, PAGE_SIZES};
use crate::api::paging::Page;
use crate::api::request::id_problem;
use crate::api::words::w;

/// Page sizes offered on the Connections tab; the first is the default.
pub const CONNECTION_PAGE_SIZES: [u32; 4] = PAGE_SIZES;

/// What the person asked to see on the Connections tab. Filtering, order and paging are
/// the server's: the tab shows one page of `total_count`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConnectionsView {
    /// From 1.
    pub page: u32,
    pub page_size: u32,
    /// One endpoint's ID, or empty for all.
    pub endpoint_id: String,
    /// One marker ID, or empty for all.
    pub marker_id: String,
    /// One of [`ConnectionStatus::FILTERABLE`], or `None` for any.
    pub status: Option<ConnectionStatus>,
    pub sort: SortKey,
    pub dir: SortDir,
}

impl Default for ConnectionsView {
    fn default() -> Self {
        ConnectionsView {
            page: 1,
            page_size: CONNECTION_PAGE_SIZES[0],
            endpoint_id: String::new(),
            marker_id: String::new(),
            status: None,
            sort: SortKey::default(),
            dir: SortDir::default(),
        }
    }
}

impl ConnectionsView {
    /// The list query for this view. The first page sends no `offset`.
    pub fn query(&self) -> ConnectionQuery {
        let size = self.page_size.clamp(1, MAX_LIMIT);
        ConnectionQuery {
            endpoint_id: self.endpoint_id.trim().to_owned(),
            marker_id: self.marker_id.trim().to_owned(),
            status: self.status.clone(),
            sort: Some(self.sort),
            dir: Some(self.dir),
            limit: Some(size),
            offset: self.paging().offset(size),
        }
    }

    /// What is wrong with the filters as typed, by input, before anything is sent.
    pub fn problems(&self) -> Vec<(ConnectionsInput, String)> {
        let mut out = Vec::new();
        let id = self.endpoint_id.trim();
        if !id.is_empty() {
            if let Some(p) = id_problem(id, w().errors.endpoint_id) {
                out.push((ConnectionsInput::EndpointFilter, p));
            }
        }
        if let Some(p) = marker_id_problem(&self.marker_id) {
            out.push((ConnectionsInput::MarkerFilter, p));
        }
        if self.status.as_ref().is_some_and(|s| !s.is_filterable()) {
            out.push((
                ConnectionsInput::StatusFilter,
                w().access().choose_filterable.to_owned(),
            ));
        }
        out
    }

    /// How many pages `total` connections fill (at least one).
    pub fn page_count(&self, total: u64) -> u32 {
        self.paging().count(total)
    }

    /// The page this view shows.
    pub fn paging(&self) -> Page {
        Page {
            number: self.page,
            size: self.page_size,
        }
    }

    /// The same filter and order from its first page: a new filter starts over.
    pub fn first_page(&self) -> ConnectionsView {
        ConnectionsView {
            page: 1,
            ..self.clone()
        }
    }

    /// Whether a filter is set (an empty page then means "no match", not "none yet").
    pub fn is_filtered(&self) -> bool {
        !self.endpoint_id.trim().is_empty()
            || !self.marker_id.trim().is_empty()
            || self.status.is_some()
    }
}

/// What on the Connections tab an error is about, so its message stands there.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ConnectionsInput {
    /// The row of this endpoint (the one the failed action was sent for).
    Row(String),
    EndpointFilter,
    MarkerFilter,
    StatusFilter,
    /// Sort key or direction.
    Sort,
    /// Page size or page.
    Page,
    /// The service itself (it does not exist): the settings or the service ID.
    Service,
}

impl ConnectionsInput {
    /// A stable DOM id for the input or row; its message has this id plus `-error`.
    pub fn dom_id(&self) -> String {
        match self {
            ConnectionsInput::Row(id) => {
                format!("conn-row-{}", crate::api::request::encode_segment(id))
            }
            ConnectionsInput::EndpointFilter => "conn-filter-id".into(),
            ConnectionsInput::MarkerFilter => "conn-filter-marker".into(),
            ConnectionsInput::StatusFilter => "conn-filter-status".into(),
            ConnectionsInput::Sort => "conn-sort".into(),
            ConnectionsInput::Page => "conn-page".into(),
            ConnectionsInput::Service => "conn-service".into(),
        }
    }
}

/// What an error of the Connections tab is about, where that is knowable: the row of
/// `endpoint_id` for an action's error about the endpoint (each request carries one
/// endpoint, so the row is known), a filter, the order or the page for a list's error.
/// Codes are compared in any case.
pub fn connections_input(error: &ApiError, endpoint_id: Option<&str>) -> Option<ConnectionsInput> {
    let code = error.error_code.as_deref();
    let number = code.and_then(endpoint_code_number)?;
    let row = || endpoint_id.map(|id| ConnectionsInput::Row(id.trim().to_owned()));
    match number {
        "2031" | "2013" | "2014" | "2006" | "2017" | "2018" | "2019" => row(),
        "0006" | "0010" => Some(ConnectionsInput::Page),
        "0017" | "0018" => Some(ConnectionsInput::Sort),
        "0019" => Some(ConnectionsInput::StatusFilter),
        "0021" => Some(ConnectionsInput::MarkerFilter),
        "2003" => Some(ConnectionsInput::Service),
        _ if code_is(code, "EndPoint.0002") => {
            let msg = error.error_msg.as_deref().unwrap_or("");
            if msg.contains("marker_id") {
                Some(ConnectionsInput::MarkerFilter)
            } else if msg.contains("status") {
                Some(ConnectionsInput::StatusFilter)
            } else {
                row()
            }
        }
        _ => None,
    }
}
