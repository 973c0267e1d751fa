//! The "Who may connect" tab: the service's whitelist (`permissions` in the API), one page at
//! a time, adding accounts (checked as typed, `*` only after an explicit confirmation) and
//! removing the selected entries. Each add or remove is one request in the API's shape
//! (`AddPlan::actions`, `remove_actions`); the list is read again after every change,
//! since the answer may list only part of it.
//!
//! - [`state`]: the tab's signals, reading a page, add and remove;
//! - [`panel`]: the add box, the actions, the pager, the confirmation for `*`;
//! - [`table`]: the page of entries.

pub mod panel;
pub mod state;
pub mod table;
