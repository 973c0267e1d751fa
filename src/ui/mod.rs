//! The browser shell: Leptos components, storage and the one module that sends
//! requests. Everything it knows about the API comes from [`crate::api`].

pub mod app;
pub mod banner;
pub mod card;
pub mod fields;
pub mod form;
pub mod history;
pub mod http;
pub mod preview;
pub mod settings;
pub mod storage;
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
