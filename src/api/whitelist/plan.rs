//! From what was typed to the requests: the plan of an add (what is sent, what is
//! skipped as listed already, what is wrong), and the actions of a remove.

use super::calls::{PermissionAction, PermissionEntry, WhitelistAction};
use super::entry::{
    echo, parse_entry, split_entries, EntryProblem, Grantee, PermissionType, ENTRY_ECHO_MAX,
};
use crate::api::dialect::Dialect;
use crate::api::words::{count, fill, w};

/// What adding the typed entries would do, before anything is sent.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AddPlan {
    /// What will be added: each once, in the order typed, none already listed.
    pub entries: Vec<Grantee>,
    /// [`Grantee::Everyone`] is among `entries`: the UI asks for explicit confirmation
    /// (see [`everyone_warning`](super::everyone_warning)) before it sends the plan.
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
        Some(fill(
            w().access().skipped,
            &[&count(names.len()), &names.join(w().core.list_separator)],
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
            message: w().access().enter_accounts.to_owned(),
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

pub(super) fn group_actions(
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
