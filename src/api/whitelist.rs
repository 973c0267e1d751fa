//! The "Who may connect" tab: the service's whitelist of accounts whose endpoints may
//! connect to it.
//!
//! - `GET {base}/permissions` lists it ([`WhitelistView`] → [`PermissionQuery`] →
//!   [`list_permissions_request`], answer read by [`read_permission_list`]).
//! - `POST {base}/permissions/action` adds or removes entries ([`plan_add`] turns what a
//!   person typed into an [`AddPlan`]; [`AddPlan::actions`] and [`remove_actions`] give
//!   the [`PermissionAction`]s; [`permission_action_request`] builds each request).
//!
//! An entry is `iam:domain::<account ID>` (an account ID has 1–64 letters, digits or `*`;
//! not necessarily 32 hex digits). `*` means every account: lists show it bare, requests
//! send `iam:domain::*`, and the console treats both as [`Grantee::Everyone`]. On Huawei
//! Cloud an entry may also be an organization path, `organizations:orgPath::<path>`.
//! The owner's own account may always connect.

use serde::{Deserialize, Deserializer, Serialize};

use super::access::{query_string, read_answer, service_request, RequestError};
use super::dialect::Dialect;
use super::error::{endpoint_code_number, ApiError};
use super::list::{SortDir, SortKey};
use super::request::{Method, Settings};
use super::wire;

/// The most entries one list request may ask for (`limit` 0–500).
pub const MAX_LIMIT: u32 = 500;
/// An account ID is at most this long.
pub const ACCOUNT_ID_MAX: usize = 64;
/// An organization path is at most this long (Huawei Cloud).
pub const ORG_PATH_MAX: usize = 1024;
/// The prefix of an account entry.
pub const ACCOUNT_PREFIX: &str = "iam:domain::";
/// The prefix of an organization path entry (Huawei Cloud).
pub const ORG_PATH_PREFIX: &str = "organizations:orgPath::";
/// The entry that lets every account connect, as requests send it.
pub const EVERYONE_PERMISSION: &str = "iam:domain::*";
/// What the person must confirm before [`Grantee::Everyone`] is added.
pub const EVERYONE_WARNING: &str = "“*” lets every account connect endpoints to this service. If connections need approval, each still waits for it.";

/// Who an entry lets connect.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Grantee {
    /// Every account: `*` or `iam:domain::*`.
    Everyone,
    /// One account (`iam:domain::<id>`), by its ID.
    Account(String),
    /// Every account under an organization path (Huawei Cloud).
    OrgPath(String),
    /// A listed entry in a form this console does not know, as written.
    Other(String),
}

/// The `permission_type` of an entry. Open Telekom Cloud knows only `domainId` and
/// returns it in lists; Huawei Cloud also takes it in the add/remove body. Sent as
/// [`PermissionType::as_str`] writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum PermissionType {
    DomainId,
    OrgPath,
}

impl PermissionType {
    pub fn as_str(self) -> &'static str {
        match self {
            PermissionType::DomainId => "domainId",
            PermissionType::OrgPath => "orgPath",
        }
    }
}

/// `prefix` at the start of `s`, in any case: the rest.
fn strip_prefix_any_case<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &s[prefix.len()..])
}

impl Grantee {
    /// Reads an entry as a list shows it: bare `*` and `iam:domain::*` are both everyone.
    pub fn from_listed(permission: &str) -> Grantee {
        let p = permission.trim();
        if p == "*" {
            return Grantee::Everyone;
        }
        if let Some(id) = strip_prefix_any_case(p, ACCOUNT_PREFIX) {
            return if id == "*" {
                Grantee::Everyone
            } else {
                Grantee::Account(id.to_owned())
            };
        }
        if let Some(path) = strip_prefix_any_case(p, ORG_PATH_PREFIX) {
            return Grantee::OrgPath(path.to_owned());
        }
        Grantee::Other(p.to_owned())
    }

    /// The entry as a request sends it: `iam:domain::*`, `iam:domain::<id>`,
    /// `organizations:orgPath::<path>`.
    pub fn permission(&self) -> String {
        match self {
            Grantee::Everyone => EVERYONE_PERMISSION.to_owned(),
            Grantee::Account(id) => format!("{ACCOUNT_PREFIX}{id}"),
            Grantee::OrgPath(path) => format!("{ORG_PATH_PREFIX}{path}"),
            Grantee::Other(p) => p.clone(),
        }
    }

    pub fn permission_type(&self) -> PermissionType {
        match self {
            Grantee::OrgPath(_) => PermissionType::OrgPath,
            _ => PermissionType::DomainId,
        }
    }

    pub fn is_everyone(&self) -> bool {
        *self == Grantee::Everyone
    }

    /// In the console's words: "Every account", "Account 0123…", "Organization path o-…".
    pub fn label(&self) -> String {
        match self {
            Grantee::Everyone => "Every account (*)".to_owned(),
            Grantee::Account(id) => format!("Account {id}"),
            Grantee::OrgPath(path) => format!("Organization path {path}"),
            Grantee::Other(p) => p.clone(),
        }
    }
}

/// At most this many characters of a rejected entry are shown back when it is too long to
/// be an ID: a pasted secret is not displayed in full.
const ECHO_CHARS: usize = 12;

/// A typed entry up to this long is shown back whole: `iam:domain::` and 64 characters.
const ENTRY_ECHO_MAX: usize = ACCOUNT_PREFIX.len() + ACCOUNT_ID_MAX;

fn echo(value: &str, max: usize) -> String {
    if value.chars().count() <= max {
        return value.to_owned();
    }
    let mut shown: String = value.chars().take(ECHO_CHARS).collect();
    shown.push('…');
    shown
}

/// What is wrong with an account ID (without its `iam:domain::` prefix), naming it: it
/// has 1–64 letters, digits or `*`. Not required to be 32 hex digits: real IDs of 31 and
/// 33 characters exist.
pub fn account_id_problem(id: &str) -> Option<String> {
    let len = id.chars().count();
    if len == 0 {
        return Some("Enter an account ID after “iam:domain::”.".to_owned());
    }
    if len > ACCOUNT_ID_MAX {
        // IAM tokens start with `MII` and run to thousands of characters: not echoed.
        if id.starts_with("MII") {
            return Some(
                "This looks like a token, not an account ID: enter account IDs only.".to_owned(),
            );
        }
        return Some(format!(
            "“{}” has {len} characters: an account ID has at most {ACCOUNT_ID_MAX}.",
            echo(id, ACCOUNT_ID_MAX)
        ));
    }
    let bad: Vec<char> = id
        .chars()
        .filter(|c| !c.is_ascii_alphanumeric() && *c != '*')
        .collect();
    if let Some(c) = bad.first() {
        return Some(format!(
            "“{id}” is not an account ID: it has “{c}”; use letters, digits or * only."
        ));
    }
    None
}

/// What is wrong with an organization path (without its prefix), naming it: at most 1024
/// letters, digits, `/`, `-`, `*` or `?`.
pub fn org_path_problem(path: &str) -> Option<String> {
    let len = path.chars().count();
    if len == 0 {
        return Some("Enter an organization path after “organizations:orgPath::”.".to_owned());
    }
    if len > ORG_PATH_MAX {
        return Some(format!(
            "“{}” has {len} characters: an organization path has at most {ORG_PATH_MAX}.",
            echo(path, 40)
        ));
    }
    if let Some(c) = path
        .chars()
        .find(|c| !c.is_ascii_alphanumeric() && !matches!(c, '/' | '-' | '*' | '?'))
    {
        return Some(format!(
            "“{}” is not an organization path: it has “{c}”; use letters, digits, /, -, * or ? only.",
            echo(path, 64)
        ));
    }
    None
}

/// Reads one typed entry: a bare account ID, `iam:domain::<id>` (prefix in any case),
/// `*` or `iam:domain::*` (everyone), or on Huawei Cloud `organizations:orgPath::<path>`.
/// The error names the entry.
pub fn parse_entry(typed: &str, dialect: Dialect) -> Result<Grantee, String> {
    let t = typed.trim();
    if t == "*" {
        return Ok(Grantee::Everyone);
    }
    if let Some(path) = strip_prefix_any_case(t, ORG_PATH_PREFIX) {
        if dialect != Dialect::Huawei {
            return Err(format!(
                "“{}”: {} whitelists account IDs only, not organization paths.",
                echo(t, 64),
                dialect.label()
            ));
        }
        return match org_path_problem(path) {
            Some(p) => Err(p),
            None => Ok(Grantee::OrgPath(path.to_owned())),
        };
    }
    let id = strip_prefix_any_case(t, ACCOUNT_PREFIX).unwrap_or(t);
    if id == "*" {
        return Ok(Grantee::Everyone);
    }
    match account_id_problem(id) {
        Some(p) => Err(p),
        None => Ok(Grantee::Account(id.to_owned())),
    }
}

/// Splits "one or several IDs" as a person types or pastes them: separated by commas,
/// semicolons, spaces, tabs or new lines; empty pieces dropped.
pub fn split_entries(text: &str) -> Vec<&str> {
    text.split(|c: char| c == ',' || c == ';' || c.is_whitespace())
        .filter(|s| !s.is_empty())
        .collect()
}

/// One typed entry that cannot be sent, with why; `entry` is the entry as typed (only
/// its start when it is too long to be an ID).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryProblem {
    pub entry: String,
    pub message: String,
}

/// What adding the typed entries would do, before anything is sent.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AddPlan {
    /// What will be added: each once, in the order typed, none already listed.
    pub entries: Vec<Grantee>,
    /// [`Grantee::Everyone`] is among `entries`: the UI asks for explicit confirmation
    /// (see [`EVERYONE_WARNING`]) before it sends the plan.
    pub grants_everyone: bool,
    /// Typed entries that are already on the whitelist: skipped, and said so.
    pub already_listed: Vec<Grantee>,
    /// Entries that cannot be sent; while there are any, nothing is sent.
    pub problems: Vec<EntryProblem>,
}

impl AddPlan {
    /// Whether there is something to send and nothing wrong.
    pub fn is_ready(&self) -> bool {
        self.problems.is_empty() && !self.entries.is_empty()
    }

    /// The requests' bodies: all account entries in one; on Huawei Cloud the organization
    /// paths in a second with `permission_type` `orgPath` (the body carries one type).
    pub fn actions(&self, dialect: Dialect) -> Vec<PermissionAction> {
        group_actions(WhitelistAction::Add, &self.entries, dialect)
    }

    /// The note for what was skipped: "2 already on the list: Account a, Account b."
    pub fn skipped_text(&self) -> Option<String> {
        if self.already_listed.is_empty() {
            return None;
        }
        let names: Vec<String> = self.already_listed.iter().map(Grantee::label).collect();
        Some(format!(
            "{} already on the list, skipped: {}.",
            names.len(),
            names.join(", ")
        ))
    }
}

/// Turns what a person typed into the "Add" box into a plan: entries split and read,
/// duplicates removed (`abc` and `iam:domain::abc` are one), those already in `listed`
/// set aside, problems named entry by entry, and "everyone" flagged. An empty box is a
/// problem too (the API would answer EndPoint.3036).
///
/// `listed` is what the console has loaded of the whitelist; an entry it has not loaded
/// is found only by the server.
pub fn plan_add(text: &str, listed: &[PermissionEntry], dialect: Dialect) -> AddPlan {
    let on_list: Vec<Grantee> = listed.iter().map(PermissionEntry::grantee).collect();
    let mut plan = AddPlan::default();
    let mut seen: Vec<Grantee> = Vec::new();
    let typed = split_entries(text);
    if typed.is_empty() {
        plan.problems.push(EntryProblem {
            entry: String::new(),
            message: "Enter one or more account IDs, separated by commas, spaces or new lines."
                .to_owned(),
        });
        return plan;
    }
    for t in typed {
        match parse_entry(t, dialect) {
            Err(message) => plan.problems.push(EntryProblem {
                entry: echo(t, ENTRY_ECHO_MAX),
                message,
            }),
            Ok(g) if seen.contains(&g) => {}
            Ok(g) => {
                seen.push(g.clone());
                if on_list.contains(&g) {
                    plan.already_listed.push(g);
                } else {
                    plan.entries.push(g);
                }
            }
        }
    }
    plan.grants_everyone = plan.entries.iter().any(Grantee::is_everyone);
    plan
}

/// The bodies that remove the selected rows: one for the accounts (a listed bare `*` is
/// sent as `iam:domain::*`), on Huawei Cloud one more for organization paths (Open
/// Telekom Cloud has none, so it gets no such request).
pub fn remove_actions(selected: &[PermissionEntry], dialect: Dialect) -> Vec<PermissionAction> {
    let mut grantees: Vec<Grantee> = Vec::new();
    for g in selected.iter().map(PermissionEntry::grantee) {
        if !grantees.contains(&g) {
            grantees.push(g);
        }
    }
    group_actions(WhitelistAction::Remove, &grantees, dialect)
}

fn group_actions(
    action: WhitelistAction,
    grantees: &[Grantee],
    dialect: Dialect,
) -> Vec<PermissionAction> {
    let of_type = |t: PermissionType| -> Vec<String> {
        grantees
            .iter()
            .filter(|g| g.permission_type() == t)
            .map(Grantee::permission)
            .collect()
    };
    let mut out = Vec::new();
    let accounts = of_type(PermissionType::DomainId);
    if !accounts.is_empty() {
        out.push(PermissionAction {
            action,
            permissions: accounts,
            permission_type: None,
        });
    }
    let paths = of_type(PermissionType::OrgPath);
    if !paths.is_empty() && dialect == Dialect::Huawei {
        out.push(PermissionAction {
            action,
            permissions: paths,
            permission_type: Some(PermissionType::OrgPath),
        });
    }
    out
}

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
            WhitelistAction::Add => "Add",
            WhitelistAction::Remove => "Remove",
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
) -> Result<super::request::ApiRequest, RequestError> {
    if action.permissions.is_empty() {
        return Err(RequestError::Input(
            "Enter at least one account ID.".to_owned(),
        ));
    }
    if action.permission_type.is_some() && settings.dialect != Dialect::Huawei {
        return Err(RequestError::Input(format!(
            "{} takes no permission type: account IDs only.",
            settings.dialect.label()
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
            return Err(RequestError::Input(format!(
                "“{}” is not written as the API takes it: send {}.",
                echo(p, 64),
                g.permission()
            )));
        }
        let wanted = action.permission_type.unwrap_or(PermissionType::DomainId);
        if g.permission_type() != wanted {
            return Err(RequestError::Input(format!(
                "“{}” is not of the type {}: send it in a request of its own.",
                echo(p, 64),
                wanted.as_str()
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

fn entries<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<PermissionEntry>, D::Error> {
    wire::numbered_objects(d, "permissions")
}

fn permissions<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
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
    read_answer(status, headers, body, "a list of whitelist entries")
}

/// Reads the answer to [`permission_action_request`].
pub fn read_permission_action(
    status: u16,
    headers: &[(String, String)],
    body: &str,
) -> Result<PermissionActionResult, ApiError> {
    read_answer(
        status,
        headers,
        body,
        "the whitelist entries that were changed",
    )
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
) -> Result<super::request::ApiRequest, RequestError> {
    if let Some(limit) = query.limit.filter(|l| *l > MAX_LIMIT) {
        return Err(RequestError::Input(format!(
            "{limit} entries a page is too many: at most {MAX_LIMIT}."
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
        let offset = (self.page.max(1) - 1).saturating_mul(size);
        PermissionQuery {
            permission: self.filter.trim().to_owned(),
            sort: Some(SortKey::Created),
            dir: Some(self.dir),
            limit: Some(size),
            offset: (offset > 0).then_some(offset),
        }
    }

    /// How many pages `total` entries fill (at least one).
    pub fn page_count(&self, total: u64) -> u32 {
        let size = u64::from(self.page_size.max(1));
        u32::try_from(total.div_ceil(size).max(1)).unwrap_or(u32::MAX)
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
                format!("wl-entry-{}", super::request::encode_segment(p))
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
