//! Small browser helpers that components share: moving the focus once a change is drawn,
//! work put off until the browser is idle, and the console's effects ([`effect`]).

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Focuses the element `id` now, if it is there; returns it.
pub fn focus(id: &str) -> Option<web_sys::HtmlElement> {
    let el = document()
        .get_element_by_id(id)?
        .dyn_into::<web_sys::HtmlElement>()
        .ok()?;
    let _ = el.focus();
    Some(el)
}

/// Focuses the element `id` once the page has drawn what was just changed: an element
/// that a signal brings up is not there until the next tick.
pub fn focus_soon(id: impl Into<String>) {
    let id = id.into();
    leptos::task::spawn_local(async move {
        leptos::task::tick().await;
        focus(&id);
    });
}

/// Focuses the element `id` once it is there: drawn by a part whose chunk may still be on
/// its way (the settings panel). Tries for two seconds at most.
pub async fn focus_when_drawn(id: &str) {
    for _ in 0..100 {
        leptos::task::tick().await;
        if focus(id).is_some() {
            return;
        }
        sleep_ms(20).await;
    }
}

/// Runs `f` once the browser is idle, after the frame it is drawing has been painted: for
/// what a page does not need to be usable (a chunk fetched ahead of need, a tab's count),
/// so that it neither delays that frame nor competes with it. Where the browser has no
/// `requestIdleCallback`, a short timer instead.
pub fn when_idle(f: impl FnOnce() + 'static) {
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

/// Waits `ms` milliseconds without blocking the page.
pub async fn sleep_ms(ms: u32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms as i32);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Runs `f` now and again whenever a signal it read changes: Leptos's `Effect::new`, through
/// one instance of it for every effect of the console (each `Effect::new` with a closure of
/// its own is a copy of Leptos's effect code in the download).
pub fn effect(mut f: impl FnMut() + 'static) {
    boxed_effect::<()>(Box::new(move |_| f()));
}

/// [`effect`] that gets what its last run returned (`None` the first time).
pub fn effect_with<T: 'static>(f: impl FnMut(Option<T>) -> T + 'static) {
    boxed_effect(Box::new(f));
}

fn boxed_effect<T: 'static>(f: Box<dyn FnMut(Option<T>) -> T>) {
    Effect::new(f);
}
