//! Where settings live between visits.
//!
//! The token lives in memory and in sessionStorage (gone when the tab closes);
//! never in localStorage, the URL, logs or exports. Everything else the user set
//! persists in localStorage.

use crate::api::Dialect;
use serde::{Deserialize, Serialize};

pub const SETTINGS_KEY: &str = "vpcep-console:settings";
pub const TOKEN_KEY: &str = "vpcep-console:token";

/// The settings that persist across visits; no token field by design.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct SavedSettings {
    pub proxy_url: String,
    pub project_id: String,
    pub region: String,
    pub dialect: Dialect,
}

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
