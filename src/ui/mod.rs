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

/// Mounts the console on the page's body.
pub fn mount() {
    leptos::mount::mount_to_body(app::App);
}
