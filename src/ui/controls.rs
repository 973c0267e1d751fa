//! Controls that the Connections and Who may connect tabs share: a row's pick box, the
//! pager, and the exact requests behind an action; and a sentence with API names in code
//! font ([`with_code`]), for any part.

use super::code::AsCode;
use super::preview::RequestView;
use crate::api::words::{fill, w};
use crate::api::ApiRequest;
use leptos::prelude::*;

/// A checkbox whose label is visually hidden text (its accessible name), e.g. "Select
/// endpoint …": the rows' and the header's of both tabs.
#[component]
pub fn PickBox(
    #[prop(into)] checked: Signal<bool>,
    /// Some rows of the page are ticked (the header's box).
    #[prop(optional, into)]
    mixed: Signal<bool>,
    on_toggle: Callback<()>,
    label: String,
    #[prop(optional)] id: Option<&'static str>,
    #[prop(optional)] described_by: Option<String>,
) -> impl IntoView {
    view! {
        <label class="pick">
            <input type="checkbox" class="pick-row" id=id aria-describedby=described_by
                prop:checked=move || checked.get() prop:indeterminate=move || mixed.get()
                on:change=move |_| on_toggle.run(()) />
            <span class="visually-hidden">{label}</span>
        </label>
    }
}

/// First · Previous · Page N of M · Next · Last, and the page size; ids start with `prefix`
/// (`conn-first`, `wl-range`, …).
#[component]
pub fn Pager(
    prefix: &'static str,
    label: &'static str,
    #[prop(into)] range: Signal<String>,
    #[prop(into)] page: Signal<u32>,
    #[prop(into)] pages: Signal<u32>,
    #[prop(into)] size: Signal<u32>,
    sizes: &'static [u32],
    on_page: Callback<u32>,
    on_size: Callback<u32>,
    /// An error about the page or its size, shown at the pager.
    #[prop(into)]
    error: Signal<Option<String>>,
) -> impl IntoView {
    let id = move |s: &str| format!("{prefix}-{s}");
    let at_start = move || page.get() <= 1;
    let at_end = move || page.get() >= pages.get();
    let button = move |name: &str, text: &'static str, disabled: Signal<bool>, to: Signal<u32>| {
        view! {
            <button type="button" class="secondary" id=id(name) disabled=move || disabled.get()
                on:click=move |_| on_page.run(to.get_untracked().max(1))>{text}</button>
        }
    };
    let words = &w().page;
    view! {
        <nav class="pager" aria-label=label>
            <span id=id("range") aria-live="polite">{move || range.get()}</span>
            <span class="spacer"></span>
            {button("first", words.first, Signal::derive(at_start), Signal::derive(|| 1))}
            {button("prev", words.previous, Signal::derive(at_start), Signal::derive(move || page.get().saturating_sub(1)))}
            <span id=id("page-of")>{move || fill(w().page.page_of, &[&page.get(), &pages.get()])}</span>
            {button("next", words.next, Signal::derive(at_end), Signal::derive(move || page.get() + 1))}
            {button("last", words.last, Signal::derive(at_end), pages)}
            <label for=id("page-size")>{words.per_page}</label>
            <select id=id("page-size") aria-describedby=id("page-error")
                prop:value=move || size.get().to_string()
                on:change:target=move |ev| {
                    if let Ok(s) = ev.target().value().parse() {
                        on_size.run(s);
                    }
                }>
                {sizes.iter().map(|s| view! { <option value=s.to_string()>{s.to_string()}</option> }).collect_view()}
            </select>
            <span class="error" id=id("page-error")>{move || error.get()}</span>
        </nav>
    }
}

/// A request as shown: on the wire, and as code where the console knows its operation.
pub type Shown = (ApiRequest, Option<AsCode>);

/// "Request for …": the exact requests behind an action, drawn only while open (with copy
/// as curl), after a line that says what they are.
#[component]
pub fn RequestsDisclosure(
    id: &'static str,
    summary: &'static str,
    #[prop(into)] note: Signal<String>,
    #[prop(into)] requests: Signal<Vec<Shown>>,
) -> impl IntoView {
    let open = RwSignal::new(false);
    view! {
        <details class="request-disclosure" id=id on:toggle:target=move |ev| open.set(ev.target().open())>
            <summary>{summary}</summary>
            {move || open.get().then(|| view! {
                <p class="muted">{note.get()}</p>
                <RequestList requests=requests.get() prefix=id />
            })}
        </details>
    }
}

/// Requests as they go on the wire, token masked, each with copy as curl.
#[component]
pub fn RequestList(
    requests: Vec<Shown>,
    /// Tells this list's requests apart from another's in the page (their tabs' ids).
    prefix: &'static str,
) -> impl IntoView {
    requests
        .into_iter()
        .enumerate()
        .map(|(i, (r, code))| view! { <RequestView request=r code=code key=format!("{prefix}-{i}") /> })
        .collect_view()
}

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
