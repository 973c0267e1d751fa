//! Times as a person reads them: local time in the language shown, with the API's ISO
//! value kept for hover.

use crate::api::words::w;
use wasm_bindgen::JsValue;

/// `2026-11-20T10:00:00Z` in the browser's time zone, as the language shown writes a date
/// and a time (`Nov 20, 2026, 11:00 AM`, `2026年11月20日 11:00`, `20.11.2026, 11:00`); a
/// value the browser cannot read is shown as it came.
pub fn local_time(iso: &str) -> String {
    let date = js_sys::Date::new(&iso.into());
    if date.get_time().is_nan() {
        return iso.to_owned();
    }
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"dateStyle".into(), &"medium".into());
    let _ = js_sys::Reflect::set(&options, &"timeStyle".into(), &"short".into());
    date.to_locale_string(w().lang.tag(), &JsValue::from(options))
        .into()
}
