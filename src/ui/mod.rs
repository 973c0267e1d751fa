//! The browser shell: Leptos components, the console's state, storage and the one module
//! that sends requests. Everything it knows about the API comes from [`crate::api`].
//!
//! - [`state`]: the console's state and its operations (navigate, save); [`load`] the list
//!   and a service as the route asks; [`save`] the
//!   service page's save, upgrade and wait for `available`;
//! - [`app`]: the page frame, the route switch and the start; [`list`] and [`service_page`]
//!   the two pages; [`action_bar`], [`card`], [`form`], [`preview`], [`upgrade`],
//!   [`outcome`] and [`history`] their parts; [`settings`] the settings and the checklist;
//! - [`batch`]: many services at once (the list's selection, the review, the run);
//!   [`access`], [`connections`] and [`whitelist`]: the service page's two other tabs;
//! - [`field`], [`dialog`] and [`controls`] the shared controls, [`dom`] focus, idle and
//!   effect helpers, [`time`] dates as the page shows them;
//! - [`run`]: the one run driver (batches and connection actions); [`page_reader`] one page
//!   of a tab's list; [`http`] sends requests;
//!   [`storage`] keeps settings and drafts; `demo` (the `demo` feature) answers them in the page; [`lang`] the language and its switch; [`split`] leaves parts out of the first download.

pub mod access;
pub mod action_bar;
pub mod app;
pub mod batch;
pub mod card;
pub mod code;
pub mod connections;
pub mod controls;
#[cfg(feature = "demo")]
pub mod demo;
pub mod dialog;
pub mod dom;
pub mod field;
pub mod form;
pub mod history;
pub mod http;
pub mod lang;
pub mod list;
pub mod load;
pub mod outcome;
pub mod page_reader;
pub mod preview;
pub mod run;
pub mod save;
pub mod service_page;
pub mod settings;
pub mod sign_in;
pub mod split;
pub mod state;
pub mod storage;
pub mod time;
pub mod upgrade;
pub mod whitelist;
