//! The Connections tab: the endpoints connecting to the service, one page at a time
//! (filtered, ordered and paged by the server), and accepting or rejecting them.
//!
//! Accept and Reject go through the core's batch `Runner` with one `ConnectionJob` per
//! endpoint: one request each (the API takes exactly one endpoint per request), bounded,
//! cancellable, retried when throttled, and each row shows what the API answered for it,
//! then follows it until it settles (`creating` → `accepted`). The one run driver
//! ([`crate::ui::run`]) sends, as for the list's batches: the runner decides, these
//! modules draw.
//!
//! - [`state`]: the tab's signals, reading a page, running an action;
//! - [`panel`]: the filters, the actions, the pager, Reject's confirmation;
//! - [`table`]: the page of connections.

pub mod panel;
pub mod state;
pub mod table;
