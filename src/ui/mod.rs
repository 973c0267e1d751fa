//! The browser shell: Leptos components, storage and the one module that sends
//! requests. Everything it knows about the API comes from [`crate::api`].
//!
//! - [`state`]: the console's state and operations (navigate, list, open, save, upgrade);
//! - [`app`]: the page frame and the route switch; [`list`] and [`service_page`] the two
//!   pages; [`action_bar`], [`card`], [`form`], [`preview`], [`upgrade`] the service
//!   page's parts; [`field`] and [`dialog`] the shared controls;
//! - [`batch`]: many services at once (the list's selection, the review, the run);
//! - [`http`] sends requests, [`storage`] keeps settings and drafts.

pub mod access;
pub mod action_bar;
pub mod app;
pub mod batch;
pub mod card;
pub mod connections;
pub mod controls;
pub mod dialog;
pub mod dom;
pub mod field;
pub mod form;
pub mod history;
pub mod http;
pub mod list;
pub mod outcome;
pub mod preview;
pub mod run;
pub mod save;
pub mod service_page;
pub mod settings;
pub mod split;
pub mod state;
pub mod storage;
pub mod time;
pub mod upgrade;
pub mod whitelist;
