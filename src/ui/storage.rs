//! Where settings live between visits.
//!
//! The token lives in memory and in sessionStorage (gone when the tab closes);
//! never in localStorage, the URL, logs or exports. Everything else the user set
//! persists in localStorage; unsaved edits of a service stay in this tab (sessionStorage).

use crate::api::config::{QuerySettings, SavedSettings};
use crate::api::draft::SavedDraft;
use crate::api::iam::{Remembered, SessionInfo};
use crate::api::route::Route;
use crate::api::Dialect;

pub const SETTINGS_KEY: &str = "vpcep-console:settings";
pub const TOKEN_KEY: &str = "vpcep-console:token";
/// Beside the token (sessionStorage): who signed in for it and until when.
pub const SESSION_KEY: &str = "vpcep-console:session";
/// The sign-in form's names (localStorage): user, account, user ID. No password.
pub const SIGN_IN_KEY: &str = "vpcep-console:sign-in";

fn local() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

fn session() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok()?
}

pub fn load_settings() -> Option<SavedSettings> {
    let text = local()?.get_item(SETTINGS_KEY).ok()??;
    SavedSettings::from_json(&text).ok()
}

pub fn save_settings(s: &SavedSettings) {
    if let Some(store) = local() {
        // Storage can be full or disabled (private mode): the console works on without it.
        let _ = store.set_item(SETTINGS_KEY, &s.to_json());
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

/// Who signed in for the token in this tab, and until when.
pub fn load_session() -> Option<SessionInfo> {
    let text = session()?.get_item(SESSION_KEY).ok()??;
    serde_json::from_str(&text).ok()
}

pub fn save_session(info: Option<&SessionInfo>) {
    if let Some(store) = session() {
        let _ = match info.and_then(|i| serde_json::to_string(i).ok()) {
            Some(text) => store.set_item(SESSION_KEY, &text),
            None => store.remove_item(SESSION_KEY),
        };
    }
}

/// The names the sign-in form was last sent with.
pub fn load_remembered() -> Remembered {
    local()
        .and_then(|s| s.get_item(SIGN_IN_KEY).ok().flatten())
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default()
}

pub fn save_remembered(r: &Remembered) {
    if let (Some(store), Ok(text)) = (local(), serde_json::to_string(r)) {
        let _ = store.set_item(SIGN_IN_KEY, &text);
    }
}

/// The page's address without its query: relative proxy URLs are beside index.html.
pub fn page_url() -> String {
    web_sys::window()
        .and_then(|w| w.location().href().ok())
        .map(|h| h.split(['?', '#']).next().unwrap_or("").to_owned())
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

/// The unsaved edits of a service in this tab, if any.
pub fn load_draft(project_id: &str, service_id: &str) -> Option<SavedDraft> {
    let text = session()?
        .get_item(&SavedDraft::key(project_id, service_id))
        .ok()??;
    SavedDraft::from_json(&text).ok()
}

/// Keeps the edits in this tab (sessionStorage): they survive a reload and a tab restore.
pub fn save_draft(project_id: &str, draft: &SavedDraft) {
    if let Some(store) = session() {
        let _ = store.set_item(
            &SavedDraft::key(project_id, &draft.service_id),
            &draft.to_json(),
        );
    }
}

pub fn remove_draft(project_id: &str, service_id: &str) {
    if let Some(store) = session() {
        let _ = store.remove_item(&SavedDraft::key(project_id, service_id));
    }
}

/// The route the page URL names.
pub fn current_route() -> Route {
    Route::from_params(query_param)
}

/// Puts `query` in the address bar: a new history entry (`push`) or in place.
pub fn set_url_query(query: &str, push: bool) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Ok(history) = window.history() else {
        return;
    };
    let path = window.location().pathname().unwrap_or_default();
    // A link's language stays in the address (it wins at the next load).
    let lang = query_param("lang").map(|l| {
        let joiner = if query.starts_with('?') { '&' } else { '?' };
        format!("{joiner}lang={l}")
    });
    let url = format!("{path}{query}{}", lang.unwrap_or_default());
    let current = format!("{path}{}", window.location().search().unwrap_or_default());
    if url == current {
        return;
    }
    let _ = if push {
        history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
    } else {
        history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
    };
}

/// Sets one parameter of the address in place, keeping the others.
pub fn set_query_param(name: &str, value: &str) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let search = window.location().search().unwrap_or_default();
    let Ok(params) = web_sys::UrlSearchParams::new_with_str(&search) else {
        return;
    };
    params.set(name, value);
    let path = window.location().pathname().unwrap_or_default();
    let url = format!("{path}?{}", String::from(params.to_string()));
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}
