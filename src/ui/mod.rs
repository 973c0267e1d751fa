//! The browser shell: Leptos components, storage and the one module that sends
//! requests. Everything it knows about the API comes from [`crate::api`].

pub mod app;
pub mod fields;
pub mod http;
pub mod storage;

/// Mounts the console on the page's body.
pub fn mount() {
    leptos::mount::mount_to_body(app::App);
}
