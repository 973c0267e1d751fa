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
pub mod split;
pub mod state;
pub mod storage;
pub mod time;
pub mod upgrade;
pub mod whitelist;

use crate::api::config::{read_config, ConfigLoad};

/// Runs `f` once the browser is idle, after the frame it is drawing has been painted: for
/// what a page does not need to be usable (a chunk fetched ahead of need, a tab's count),
/// so that it neither delays that frame nor competes with it. Where the browser has no
/// `requestIdleCallback`, a short timer instead.
pub fn when_idle(f: impl FnOnce() + 'static) {
    use wasm_bindgen::JsCast;
    let Some(window) = web_sys::window() else {
        return;
    };
    let run = wasm_bindgen::closure::Closure::once_into_js(f);
    let idle = js_sys::Reflect::has(&window, &"requestIdleCallback".into()).unwrap_or(false)
        && window.request_idle_callback(run.unchecked_ref()).is_ok();
    if !idle {
        let _ =
            window.set_timeout_with_callback_and_timeout_and_arguments_0(run.unchecked_ref(), 50);
    }
}

/// How long the console waits for `config.json` before it starts on its defaults.
pub const CONFIG_TIMEOUT_SECONDS: u32 = 5;

/// Reads the deployment's `config.json` (beside index.html), then mounts the console.
pub async fn start() {
    let config = match http::fetch_file("config.json", CONFIG_TIMEOUT_SECONDS).await {
        Ok(a) => read_config(a.status, &a.body),
        // A hanging file must not leave a blank page: the defaults apply, and the banner says so.
        Err(http::Failure::Timeout) => ConfigLoad::Malformed(format!(
            "config.json did not arrive within {CONFIG_TIMEOUT_SECONDS} s: the console uses its built-in defaults."
        )),
        // Not even an answer: the same as no file.
        Err(_) => ConfigLoad::Missing,
    };
    leptos::mount::mount_to_body(move || leptos::view! { <app::App config=config /> });
}
