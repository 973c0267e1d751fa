//! What the Connections and "Who may connect" tabs share in the console: the service
//! page's tab list and the pending counts.
//!
//! - [`state`]: the tab chosen and the counts read, held by the console;
//! - [`counts`]: reading a count (the tab's label, the list's badges, a few at a time);
//! - [`tabs`]: the tab list;
//! - [`with_code`]: a sentence of the tables with API names in code font.

pub mod counts;
pub mod state;
pub mod tabs;

use leptos::prelude::*;

/// A sentence of the tables with API names in it: each `{N}` of `template` becomes
/// `<code>codes[N]</code>`, the rest stays text (so a language may put them where its
/// grammar wants).
pub fn with_code(template: &str, codes: &[&str]) -> impl IntoView {
    let mut parts = Vec::new();
    let text = |parts: &mut Vec<AnyView>, t: &str| {
        if !t.is_empty() {
            parts.push(t.to_owned().into_any());
        }
    };
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let code = after
            .find('}')
            .and_then(|close| Some((close, codes.get(after[..close].parse::<usize>().ok()?)?)));
        match code {
            Some((close, code)) => {
                text(&mut parts, &rest[..open]);
                let code = (*code).to_owned();
                parts.push(view! { <code>{code}</code> }.into_any());
                rest = &after[close + 1..];
            }
            None => {
                text(&mut parts, &rest[..=open]);
                rest = after;
            }
        }
    }
    text(&mut parts, rest);
    parts
}
