//! What a person types into *Add*: entries split, read and checked (account IDs, `*`,
//! organization paths), each a [`Grantee`].

use serde::Serialize;

use crate::api::dialect::Dialect;
use crate::api::words::{fill, w};

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
pub fn everyone_warning() -> &'static str {
    w().access().everyone_warning
}

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
pub(super) fn strip_prefix_any_case<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
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
            Grantee::Everyone => w().access().grantee_everyone.to_owned(),
            Grantee::Account(id) => fill(w().access().grantee_account, &[id]),
            Grantee::OrgPath(path) => fill(w().access().grantee_org_path, &[path]),
            Grantee::Other(p) => p.clone(),
        }
    }
}

/// At most this many characters of a rejected entry are shown back when it is too long to
/// be an ID: a pasted secret is not displayed in full.
pub(super) const ECHO_CHARS: usize = 12;

/// A typed entry up to this long is shown back whole: `iam:domain::` and 64 characters.
pub(super) const ENTRY_ECHO_MAX: usize = ACCOUNT_PREFIX.len() + ACCOUNT_ID_MAX;

pub(super) fn echo(value: &str, max: usize) -> String {
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
        return Some(w().access().enter_account_after_prefix.to_owned());
    }
    if len > ACCOUNT_ID_MAX {
        // IAM tokens start with `MII` and run to thousands of characters: not echoed.
        if id.starts_with("MII") {
            return Some(w().access().looks_like_token.to_owned());
        }
        return Some(fill(
            w().access().account_too_long,
            &[&echo(id, ACCOUNT_ID_MAX), &len, &ACCOUNT_ID_MAX],
        ));
    }
    let bad: Vec<char> = id
        .chars()
        .filter(|c| !c.is_ascii_alphanumeric() && *c != '*')
        .collect();
    if let Some(c) = bad.first() {
        return Some(fill(w().access().account_bad_char, &[&id, c]));
    }
    None
}

/// What is wrong with an organization path (without its prefix), naming it: at most 1024
/// letters, digits, `/`, `-`, `*` or `?`.
pub fn org_path_problem(path: &str) -> Option<String> {
    let len = path.chars().count();
    if len == 0 {
        return Some(w().access().enter_org_path.to_owned());
    }
    if len > ORG_PATH_MAX {
        return Some(fill(
            w().access().org_path_too_long,
            &[&echo(path, 40), &len, &ORG_PATH_MAX],
        ));
    }
    if let Some(c) = path
        .chars()
        .find(|c| !c.is_ascii_alphanumeric() && !matches!(c, '/' | '-' | '*' | '?'))
    {
        return Some(fill(w().access().org_path_bad_char, &[&echo(path, 64), &c]));
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
            return Err(fill(
                w().access().accounts_only,
                &[&echo(t, 64), &dialect.label()],
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
