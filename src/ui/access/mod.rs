//! What the Connections and "Who may connect" tabs share in the console: the service
//! page's tab list and the pending counts.
//!
//! - [`state`]: the tab chosen and the counts read, held by the console;
//! - [`counts`]: reading a count (the tab's label, the list's badges, a few at a time);
//! - [`tabs`]: the tab list.

pub mod counts;
pub mod state;
pub mod tabs;
