//! A modal dialog: it takes the focus when it opens, keeps Tab inside, closes on Escape,
//! and gives the focus back to whatever opened it.

use super::dom::effect;
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

const FOCUSABLE: &str =
    "button:not([disabled]), [href], input:not([disabled]), select, textarea, summary";

/// A modal dialog titled by the element `labelled_by`; `on_close` runs on Escape.
#[component]
pub fn Dialog(
    id: &'static str,
    labelled_by: &'static str,
    #[prop(optional)] described_by: Option<&'static str>,
    on_close: Callback<()>,
    children: Children,
) -> impl IntoView {
    let dialog_ref = NodeRef::<html::Div>::new();
    // Whatever had the focus gets it back when the dialog goes.
    let opener: Option<web_sys::HtmlElement> =
        document().active_element().and_then(|e| e.dyn_into().ok());
    let opener = send_wrapper::SendWrapper::new(opener);
    on_cleanup(move || {
        if let Some(el) = opener.take() {
            let _ = el.focus();
        }
    });
    let focusables = move || -> Vec<web_sys::HtmlElement> {
        let Some(d) = dialog_ref.get_untracked() else {
            return Vec::new();
        };
        let Ok(list) = d.query_selector_all(FOCUSABLE) else {
            return Vec::new();
        };
        (0..list.length())
            .filter_map(|i| list.item(i)?.dyn_into().ok())
            .collect()
    };
    // The focus moves in when it opens: to the control marked `data-autofocus` (the safe
    // choice), or else the first one.
    effect(move || {
        let Some(d) = dialog_ref.get() else {
            return;
        };
        let marked = d
            .query_selector("[data-autofocus]")
            .ok()
            .flatten()
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(el) = marked.or_else(|| focusables().into_iter().next()) {
            let _ = el.focus();
        }
    });
    let on_keydown = move |ev: web_sys::KeyboardEvent| match ev.key().as_str() {
        "Escape" => on_close.run(()),
        "Tab" => {
            let items = focusables();
            let (Some(first), Some(last)) = (items.first(), items.last()) else {
                return;
            };
            let active = document().active_element();
            let at = |el: &web_sys::HtmlElement| active.as_ref() == Some(el.unchecked_ref());
            if ev.shift_key() && at(first) {
                ev.prevent_default();
                let _ = last.focus();
            } else if !ev.shift_key() && at(last) {
                ev.prevent_default();
                let _ = first.focus();
            }
        }
        _ => {}
    };
    view! {
        <div class="backdrop">
            <div
                class="dialog panel"
                id=id
                role="dialog"
                aria-modal="true"
                aria-labelledby=labelled_by
                aria-describedby=described_by
                node_ref=dialog_ref
                on:keydown=on_keydown
            >
                {children()}
            </div>
        </div>
    }
}
