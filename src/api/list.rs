//! The service list: what the person asked to see (page, filter, order) and the list
//! query that asks the API for exactly that. Filtering, sorting and paging are the
//! server's: the console shows one page of `total_count` at a time.

use super::dialect::Dialect;
use super::paging::Page;
use super::request::ListQuery;

/// Page sizes offered; the first page size is the default.
pub const PAGE_SIZES: [u32; 4] = [20, 50, 100, 10];

/// The statuses a service can be in, for the status filter.
pub const STATUSES: [&str; 4] = ["available", "creating", "failed", "deleting"];

/// What the list is ordered by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortKey {
    /// Creation time, the API's default order.
    #[default]
    Created,
    Updated,
}

impl SortKey {
    /// How the dialect spells it in `sort_key`: Huawei Cloud writes `create_at` and
    /// `update_at`, Open Telekom Cloud `created_at` and `updated_at`.
    pub fn api_name(self, dialect: Dialect) -> &'static str {
        match (self, dialect) {
            (SortKey::Created, Dialect::Huawei) => "create_at",
            (SortKey::Updated, Dialect::Huawei) => "update_at",
            (SortKey::Created, Dialect::OpenTelekom) => "created_at",
            (SortKey::Updated, Dialect::OpenTelekom) => "updated_at",
        }
    }

    /// The console's own name, used in the page URL.
    pub fn as_str(self) -> &'static str {
        match self {
            SortKey::Created => "created",
            SortKey::Updated => "updated",
        }
    }

    pub fn parse(s: &str) -> Option<SortKey> {
        match s {
            "created" => Some(SortKey::Created),
            "updated" => Some(SortKey::Updated),
            _ => None,
        }
    }
}

/// Newest first (the API's default) or oldest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortDir {
    #[default]
    Desc,
    Asc,
}

impl SortDir {
    pub fn as_str(self) -> &'static str {
        match self {
            SortDir::Desc => "desc",
            SortDir::Asc => "asc",
        }
    }

    pub fn parse(s: &str) -> Option<SortDir> {
        match s {
            "desc" => Some(SortDir::Desc),
            "asc" => Some(SortDir::Asc),
            _ => None,
        }
    }

    pub fn flipped(self) -> SortDir {
        match self {
            SortDir::Desc => SortDir::Asc,
            SortDir::Asc => SortDir::Desc,
        }
    }
}

/// One view of the project's services.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListView {
    /// From 1.
    pub page: u32,
    pub page_size: u32,
    /// Part of the name, any case (the API's fuzzy `endpoint_service_name`).
    pub name: String,
    /// One of [`STATUSES`], or empty for any.
    pub status: String,
    pub sort: SortKey,
    pub dir: SortDir,
}

impl Default for ListView {
    fn default() -> Self {
        ListView {
            page: 1,
            page_size: PAGE_SIZES[0],
            name: String::new(),
            status: String::new(),
            sort: SortKey::default(),
            dir: SortDir::default(),
        }
    }
}

impl ListView {
    /// The list request for this view. The first page sends no `offset`: the reference
    /// wants it greater than 0 when present.
    pub fn query(&self, dialect: Dialect) -> ListQuery {
        ListQuery {
            endpoint_service_name: self.name.trim().to_owned(),
            id: String::new(),
            status: self.status.clone(),
            sort_key: self.sort.api_name(dialect).to_owned(),
            sort_dir: self.dir.as_str().to_owned(),
            limit: Some(self.page_size),
            offset: self.paging().offset(self.page_size),
        }
    }

    /// The page this view shows.
    pub fn paging(&self) -> Page {
        Page {
            number: self.page,
            size: self.page_size,
        }
    }

    /// How many pages `total` services fill (at least one, so an empty list has a page).
    pub fn page_count(&self, total: u64) -> u32 {
        self.paging().count(total)
    }

    /// "21–40 of 253": which services this page shows, or "0 of 0".
    pub fn range_text(&self, shown: usize, total: u64) -> String {
        self.paging().range_text(shown, total)
    }

    /// The same filter and order from its first page: a new filter or order starts over.
    pub fn first_page(&self) -> ListView {
        ListView {
            page: 1,
            ..self.clone()
        }
    }

    /// Whether a filter is set (an empty answer then means "no match", not "no services").
    pub fn is_filtered(&self) -> bool {
        !self.name.trim().is_empty() || !self.status.is_empty()
    }
}
