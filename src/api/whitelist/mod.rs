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

mod calls;
mod entry;
mod plan;

pub use calls::{
    list_permissions_request, permission_action_request, read_permission_action,
    read_permission_list, whitelist_input, PermissionAction, PermissionActionResult,
    PermissionEntry, PermissionList, PermissionQuery, WhitelistAction, WhitelistInput,
    WhitelistView, MAX_LIMIT, WHITELIST_PAGE_SIZES,
};
pub use entry::{
    account_id_problem, everyone_warning, org_path_problem, parse_entry, split_entries,
    EntryProblem, Grantee, PermissionType, ACCOUNT_ID_MAX, ACCOUNT_PREFIX, EVERYONE_PERMISSION,
    ORG_PATH_MAX, ORG_PATH_PREFIX,
};
pub use plan::{plan_add, remove_actions, AddPlan};
