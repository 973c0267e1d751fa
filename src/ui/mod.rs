//! The browser shell: Leptos components, storage and the one module that sends
//! requests. Everything it knows about the API comes from [`crate::api`].
//!
//! - [`state`]: the console's state and operations (navigate, list, open, save, upgrade);
//! - [`app`]: the page frame and the route switch; [`list`] and [`service_page`] the two
//!   pages; [`action_bar`], [`card`], [`form`], [`preview`], [`upgrade`] the service
//!   page's parts; [`field`] and [`dialog`] the shared controls;
//! - [`http`] sends requests, [`storage`] keeps settings and drafts.

pub mod action_bar;
pub mod app;
pub mod card;
pub mod dialog;
pub mod field;
pub mod form;
pub mod history;
pub mod http;
pub mod list;
pub mod outcome;
pub mod preview;
pub mod service_page;
pub mod settings;
pub mod state;
pub mod storage;
pub mod time;
pub mod upgrade;

use crate::api::config::{read_config, ConfigLoad};

/// Reads the deployment's `config.json` (beside index.html), then mounts the console.
pub async fn start() {
    let config = match gloo_net::http::Request::get("config.json").send().await {
        Ok(r) => read_config(r.status(), &r.text().await.unwrap_or_default()),
        // Not even an answer: the same as no file.
        Err(_) => ConfigLoad::Missing,
    };
    leptos::mount::mount_to_body(move || leptos::view! { <app::App config=config /> });
}
