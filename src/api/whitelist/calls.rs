//! The whitelist's two calls: `GET {base}/permissions` (a page of entries, its query and
//! the tab's view of it) and `POST {base}/permissions/action` (add or remove), their
//! requests and answers, and where a refusal of either stands.

use serde::{Deserialize, Deserializer, Serialize};

use super::entry::{
    echo, parse_entry, strip_prefix_any_case, Grantee, PermissionType, ACCOUNT_PREFIX,
};
use crate::api::access::{query_string, read_answer, service_request, RequestError};
use crate::api::dialect::Dialect;
use crate::api::error::{endpoint_code_number, ApiError};
use crate::api::list::{SortDir, SortKey};
use crate::api::paging::Page;
use crate::api::request::{Method, Settings};
use crate::api::wire;
use crate::api::words::{fill, w};

/// The most entries one list request may ask for (`limit` 0–500).
pub const MAX_LIMIT: u32 = 500;

/// Add or remove, sent as [`WhitelistAction::api_name`] writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum WhitelistAction {
    Add,
    Remove,
}

impl WhitelistAction {
    pub fn api_name(self) -> &'static str {
        match self {
            WhitelistAction::Add => "add",
            WhitelistAction::Remove => "remove",
        }
    }

    /// The button's words.
    pub fn label(self) -> &'static str {
        match self {
            WhitelistAction::Add => w().access().add,
            WhitelistAction::Remove => w().access().remove,
        }
    }
}

/// The body of `POST {base}/permissions/action`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PermissionAction {
    pub action: WhitelistAction,
    /// Entries as sent: `iam:domain::<id>`, `iam:domain::*`, `organizations:orgPath::<path>`.
    pub permissions: Vec<String>,
    /// Huawei Cloud only, and only sent when set: the API's default is `domainId`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub permission_type: Option<PermissionType>,
}

impl PermissionAction {
    /// `{"action":"add","permissions":[…]}`, plus `"permission_type"` when set.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a whitelist action always serializes")
    }
}

/// `POST {base}/permissions/action` (not the `…/iam:domain::<id>/action` of an old
/// example). Every entry is checked again for the dialect; an empty list, or a
/// `permission_type` on Open Telekom Cloud, is refused before it is sent.
pub fn permission_action_request(
    settings: &Settings,
    service_id: &str,
    action: &PermissionAction,
) -> Result<crate::api::request::ApiRequest, RequestError> {
    if action.permissions.is_empty() {
        return Err(RequestError::Input(w().access().enter_account.to_owned()));
    }
    if action.permission_type.is_some() && settings.dialect != Dialect::Huawei {
        return Err(RequestError::Input(fill(
            w().access().no_permission_type,
            &[&settings.dialect.label()],
        )));
    }
    for p in &action.permissions {
        // A listed entry the console does not know is removed as it was listed.
        if action.action == WhitelistAction::Remove
            && matches!(Grantee::from_listed(p), Grantee::Other(_))
        {
            continue;
        }
        let g = parse_entry(p, settings.dialect).map_err(RequestError::Input)?;
        if g.permission() != *p {
            return Err(RequestError::Input(fill(
                w().access().not_as_api_takes,
                &[&echo(p, 64), &g.permission()],
            )));
        }
        let wanted = action.permission_type.unwrap_or(PermissionType::DomainId);
        if g.permission_type() != wanted {
            return Err(RequestError::Input(fill(
                w().access().not_of_type,
                &[&echo(p, 64), &wanted.as_str()],
            )));
        }
    }
    service_request(
        settings,
        service_id,
        Method::Post,
        "permissions/action",
        Some(action.to_json()),
    )
}

/// One whitelist entry as the list returns it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct PermissionEntry {
    /// The entry's own ID (not the account's).
    #[serde(default)]
    pub id: String,
    /// `iam:domain::<id>`, or `*` for every account; see [`PermissionEntry::grantee`].
    pub permission: String,
    /// `domainId` (or on Huawei Cloud `orgPath`); kept as written.
    pub permission_type: Option<String>,
    /// Open Telekom Cloud lists carry one (at most 128 characters); Huawei Cloud's do not.
    pub description: Option<String>,
    pub created_at: Option<String>,
}

impl PermissionEntry {
    /// Who the entry lets connect, read from `permission` (its prefix, or a bare `*`).
    pub fn grantee(&self) -> Grantee {
        Grantee::from_listed(&self.permission)
    }

    /// The account ID (without `iam:domain::`), for an account entry.
    pub fn account_id(&self) -> Option<&str> {
        match self.grantee() {
            Grantee::Account(_) => strip_prefix_any_case(self.permission.trim(), ACCOUNT_PREFIX),
            _ => None,
        }
    }

    pub fn is_everyone(&self) -> bool {
        self.grantee().is_everyone()
    }
}

pub(super) fn entries<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<PermissionEntry>, D::Error> {
    wire::numbered_objects(d, "permissions")
}

pub(super) fn permissions<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    wire::numbered(d, "permissions")
}

/// The answer of GET {base}/permissions.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
pub struct PermissionList {
    #[serde(default, deserialize_with = "entries")]
    pub permissions: Vec<PermissionEntry>,
    /// All matching entries, whatever the page.
    #[serde(default)]
    pub total_count: u64,
}

impl PermissionList {
    pub fn from_json(text: &str) -> serde_json::Result<Self> {
        wire::from_str(text)
    }

    /// Whether every account may connect (an entry `*` or `iam:domain::*` is listed).
    pub fn grants_everyone(&self) -> bool {
        self.permissions.iter().any(PermissionEntry::is_everyone)
    }
}

/// The answer of POST {base}/permissions/action: entries as strings. Whether it lists
/// only what changed or the whole whitelist is not documented, so the UI reloads the list
/// after every change rather than trusting it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
pub struct PermissionActionResult {
    #[serde(default, deserialize_with = "permissions")]
    pub permissions: Vec<String>,
    /// Huawei Cloud only.
    pub permission_type: Option<String>,
}

/// Reads the answer to [`list_permissions_request`].
pub fn read_permission_list(
    status: u16,
    headers: &[(String, String)],
    body: &str,
) -> Result<PermissionList, ApiError> {
    read_answer(status, headers, body, w().errors.what_whitelist_list)
}

/// Reads the answer to [`permission_action_request`].
pub fn read_permission_action(
    status: u16,
    headers: &[(String, String)],
    body: &str,
) -> Result<PermissionActionResult, ApiError> {
    read_answer(status, headers, body, w().errors.what_whitelist_changed)
}

/// The query of GET {base}/permissions. Empty and `None` fields are left out.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PermissionQuery {
    /// Part of an entry (`permission`, matched fuzzily), e.g. an account ID's start.
    pub permission: String,
    /// Spelled per dialect when sent.
    pub sort: Option<SortKey>,
    pub dir: Option<SortDir>,
    /// 0–[`MAX_LIMIT`].
    pub limit: Option<u32>,
    /// Left out when 0: the reference wants it greater than 0 when present.
    pub offset: Option<u32>,
}

/// `GET {base}/permissions?permission=…&sort_key=…&sort_dir=…&limit=…&offset=…`.
pub fn list_permissions_request(
    settings: &Settings,
    service_id: &str,
    query: &PermissionQuery,
) -> Result<crate::api::request::ApiRequest, RequestError> {
    if let Some(limit) = query.limit.filter(|l| *l > MAX_LIMIT) {
        return Err(RequestError::Input(fill(
            w().access().too_many_entries,
            &[&limit, &MAX_LIMIT],
        )));
    }
    let number = |n: Option<u32>| n.map(|n| n.to_string()).unwrap_or_default();
    let tail = format!(
        "permissions{}",
        query_string(&[
            ("permission", query.permission.trim().to_owned()),
            (
                "sort_key",
                query
                    .sort
                    .map(|k| k.api_name(settings.dialect).to_owned())
                    .unwrap_or_default()
            ),
            (
                "sort_dir",
                query.dir.map(|d| d.as_str().to_owned()).unwrap_or_default()
            ),
            ("limit", number(query.limit)),
            ("offset", number(query.offset.filter(|o| *o > 0))),
        ])
    );
    service_request(settings, service_id, Method::Get, &tail, None)
}

/// Page sizes offered on the whitelist tab; the first is the default.
pub const WHITELIST_PAGE_SIZES: [u32; 4] = [20, 50, 100, 10];

/// What the person asked to see on the "Who may connect" tab. The whitelist is ordered
/// by creation time only (the one sort key both clouds share).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WhitelistView {
    /// From 1.
    pub page: u32,
    pub page_size: u32,
    /// Part of an entry, or empty for all.
    pub filter: String,
    pub dir: SortDir,
}

impl Default for WhitelistView {
    fn default() -> Self {
        WhitelistView {
            page: 1,
            page_size: WHITELIST_PAGE_SIZES[0],
            filter: String::new(),
            dir: SortDir::default(),
        }
    }
}

impl WhitelistView {
    /// The list query for this view. The first page sends no `offset`.
    pub fn query(&self) -> PermissionQuery {
        let size = self.page_size.clamp(1, MAX_LIMIT);
        PermissionQuery {
            permission: self.filter.trim().to_owned(),
            sort: Some(SortKey::Created),
            dir: Some(self.dir),
            limit: Some(size),
            offset: self.paging().offset(size),
        }
    }

    /// How many pages `total` entries fill (at least one).
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

    pub fn first_page(&self) -> WhitelistView {
        WhitelistView {
            page: 1,
            ..self.clone()
        }
    }

    pub fn is_filtered(&self) -> bool {
        !self.filter.trim().is_empty()
    }
}

/// What on the whitelist tab an error is about, so its message stands there.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum WhitelistInput {
    /// One entry, as sent (`iam:domain::<id>`): a row, or a typed entry.
    Entry(String),
    /// The box where accounts are typed.
    AddBox,
    Filter,
    Sort,
    Page,
    /// The service itself (it does not exist).
    Service,
}

impl WhitelistInput {
    /// A stable DOM id; its message has this id plus `-error`.
    pub fn dom_id(&self) -> String {
        match self {
            WhitelistInput::Entry(p) => {
                format!("wl-entry-{}", crate::api::request::encode_segment(p))
            }
            WhitelistInput::AddBox => "wl-add".into(),
            WhitelistInput::Filter => "wl-filter".into(),
            WhitelistInput::Sort => "wl-sort".into(),
            WhitelistInput::Page => "wl-page".into(),
            WhitelistInput::Service => "wl-service".into(),
        }
    }
}

/// What an error of the whitelist tab is about, where that is knowable. `sent` is the
/// action that failed, if it was one: an entry its message names (by entry or by account
/// ID), else the add box for an add, or the one row of a removal of one.
pub fn whitelist_input(
    error: &ApiError,
    sent: Option<&PermissionAction>,
) -> Option<WhitelistInput> {
    let number = error.error_code.as_deref().and_then(endpoint_code_number)?;
    let msg = error.error_msg.as_deref().unwrap_or("");
    let named = || {
        let sent = sent?;
        sent.permissions
            .iter()
            .find(|p| {
                let bare = Grantee::from_listed(p);
                let id = match &bare {
                    Grantee::Account(id) | Grantee::OrgPath(id) => id.as_str(),
                    _ => p.as_str(),
                };
                msg.contains(p.as_str()) || (id.len() > 1 && msg.contains(id))
            })
            .map(|p| WhitelistInput::Entry(p.clone()))
    };
    let fallback = || match sent {
        Some(a) if a.action == WhitelistAction::Add => Some(WhitelistInput::AddBox),
        Some(a) if a.permissions.len() == 1 => {
            Some(WhitelistInput::Entry(a.permissions[0].clone()))
        }
        _ => None,
    };
    match number {
        "2044" | "3002" | "0002" => named().or_else(fallback),
        "3036" | "0016" | "2045" | "3049" => fallback(),
        "0006" | "0010" => Some(WhitelistInput::Page),
        "0017" | "0018" => Some(WhitelistInput::Sort),
        "2003" => Some(WhitelistInput::Service),
        _ => None,
    }
}
