//! Times as a person reads them: local time, with the API's ISO value kept for hover.

/// `2026-11-20T10:00:00Z` as `2026-11-20 11:00` in the browser's time zone; a value
/// the browser cannot read is shown as it came.
pub fn local_time(iso: &str) -> String {
    let date = js_sys::Date::new(&iso.into());
    if date.get_time().is_nan() {
        return iso.to_owned();
    }
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}",
        date.get_full_year(),
        date.get_month() + 1,
        date.get_date(),
        date.get_hours(),
        date.get_minutes()
    )
}
