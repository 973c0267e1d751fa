//! Where settings live between visits.
//!
//! The token lives in memory and in sessionStorage (gone when the tab closes);
//! never in localStorage, the URL, logs or exports. Everything else the user set
//! persists in localStorage.

use crate::api::config::{QuerySettings, SavedSettings};
use crate::api::Dialect;

pub const SETTINGS_KEY: &str = "vpcep-console:settings";
pub const TOKEN_KEY: &str = "vpcep-console:token";

fn local() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

fn session() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok()?
}

pub fn load_settings() -> Option<SavedSettings> {
    let text = local()?.get_item(SETTINGS_KEY).ok()??;
    serde_json::from_str(&text).ok()
}

pub fn save_settings(s: &SavedSettings) {
    if let (Some(store), Ok(text)) = (local(), serde_json::to_string(s)) {
        // Storage can be full or disabled (private mode): the console works on without it.
        let _ = store.set_item(SETTINGS_KEY, &text);
    }
}

pub fn load_token() -> String {
    session()
        .and_then(|s| s.get_item(TOKEN_KEY).ok().flatten())
        .unwrap_or_default()
}

pub fn save_token(token: &str) {
    if let Some(store) = session() {
        let _ = if token.is_empty() {
            store.remove_item(TOKEN_KEY)
        } else {
            store.set_item(TOKEN_KEY, token)
        };
    }
}

/// The page's origin, the default API proxy URL (the console is usually served by its proxy).
pub fn page_origin() -> String {
    web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default()
}

/// A query parameter of the page URL, e.g. `?project_id=…&service_id=…`.
pub fn query_param(name: &str) -> Option<String> {
    let search = web_sys::window()?.location().search().ok()?;
    let params = web_sys::UrlSearchParams::new_with_str(&search).ok()?;
    params.get(name).filter(|v| !v.is_empty())
}

/// The settings a link may carry: `?project_id=…&region=…&dialect=…`.
pub fn query_settings() -> QuerySettings {
    QuerySettings {
        project_id: query_param("project_id"),
        region: query_param("region"),
        dialect: query_param("dialect").and_then(|d| Dialect::parse(&d)),
    }
}
