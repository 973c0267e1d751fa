//! Where the console is, as the page URL says it: the service list (with its page,
//! filter and order) or one service's page. Back, Forward, reload and a shared link
//! all land in the same place. The URL never carries the token.

use super::list::{ListView, SortDir, SortKey, PAGE_SIZES};
use super::request::encode_segment;

/// A view of the console.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// The start page: the project's services.
    List(ListView),
    /// One service's page.
    Service { id: String },
}

impl Default for Route {
    fn default() -> Self {
        Route::List(ListView::default())
    }
}

impl Route {
    /// Reads the route from the page URL's query parameters (already decoded, as the
    /// browser's URLSearchParams gives them). A value that makes no sense is ignored:
    /// a hand-edited link still opens the list.
    pub fn from_params(get: impl Fn(&str) -> Option<String>) -> Route {
        let param = |name: &str| get(name).filter(|v| !v.is_empty());
        if let Some(id) = param("service_id") {
            return Route::Service { id };
        }
        let defaults = ListView::default();
        let page_size = param("size")
            .and_then(|s| s.parse().ok())
            .filter(|s| PAGE_SIZES.contains(s))
            .unwrap_or(defaults.page_size);
        Route::List(ListView {
            page: param("page")
                .and_then(|p| p.parse().ok())
                .filter(|p| *p >= 1)
                .unwrap_or(1),
            page_size,
            name: param("name").unwrap_or_default(),
            status: param("status").unwrap_or_default(),
            sort: param("sort")
                .and_then(|s| SortKey::parse(&s))
                .unwrap_or_default(),
            dir: param("dir")
                .and_then(|d| SortDir::parse(&d))
                .unwrap_or_default(),
        })
    }

    /// The query string (with its `?`) for this route in `project_id`: only what differs
    /// from the defaults, so that the plain list is just `?project_id=…`.
    pub fn to_query(&self, project_id: &str) -> String {
        let mut params: Vec<(&str, String)> = Vec::new();
        if !project_id.is_empty() {
            params.push(("project_id", project_id.to_owned()));
        }
        match self {
            Route::Service { id } => params.push(("service_id", id.clone())),
            Route::List(v) => {
                let d = ListView::default();
                if v.page != d.page {
                    params.push(("page", v.page.to_string()));
                }
                if v.page_size != d.page_size {
                    params.push(("size", v.page_size.to_string()));
                }
                if !v.name.is_empty() {
                    params.push(("name", v.name.clone()));
                }
                if !v.status.is_empty() {
                    params.push(("status", v.status.clone()));
                }
                if v.sort != d.sort {
                    params.push(("sort", v.sort.as_str().to_owned()));
                }
                if v.dir != d.dir {
                    params.push(("dir", v.dir.as_str().to_owned()));
                }
            }
        }
        if params.is_empty() {
            return String::new();
        }
        let pairs: Vec<String> = params
            .into_iter()
            .map(|(k, v)| format!("{k}={}", encode_segment(&v)))
            .collect();
        format!("?{}", pairs.join("&"))
    }
}

/// The tabs of a service's page. The route names the service; the tab rides along as an
/// optional `tab` query parameter (absent for the default, Settings), so a link or a reload
/// opens the same tab.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ServiceTab {
    /// The edit form, preview and action bar.
    #[default]
    Settings,
    /// The endpoints connecting to the service: accept, reject.
    Connections,
    /// "Who may connect": the whitelist (`permissions`).
    Whitelist,
}

impl ServiceTab {
    pub const ALL: [ServiceTab; 3] = [
        ServiceTab::Settings,
        ServiceTab::Connections,
        ServiceTab::Whitelist,
    ];

    /// The value of `tab` in the URL, and the stem of the tab's DOM ids.
    pub fn as_str(self) -> &'static str {
        match self {
            ServiceTab::Settings => "settings",
            ServiceTab::Connections => "connections",
            ServiceTab::Whitelist => "whitelist",
        }
    }

    /// Reads `tab`; anything else (a hand-edited link) is the default tab.
    pub fn parse(value: Option<&str>) -> ServiceTab {
        Self::ALL
            .into_iter()
            .find(|t| Some(t.as_str()) == value.map(str::trim))
            .unwrap_or_default()
    }

    /// The tab after this one (`step` 1) or before it (`step` -1), wrapping: the arrow keys
    /// of a tab list.
    pub fn step(self, step: i32) -> ServiceTab {
        let i = Self::ALL.iter().position(|t| *t == self).unwrap_or(0) as i32;
        let n = Self::ALL.len() as i32;
        Self::ALL[(i + step).rem_euclid(n) as usize]
    }

    /// `query` (a route's, from [`Route::to_query`]) with this tab: unchanged for Settings.
    pub fn add_to_query(self, query: &str) -> String {
        if self == ServiceTab::Settings {
            return query.to_owned();
        }
        let sep = if query.is_empty() { '?' } else { '&' };
        format!("{query}{sep}tab={}", self.as_str())
    }
}
