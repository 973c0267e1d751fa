//! How the console leaves parts out of the first download: [`split_point!`] declares a
//! part, [`part!`] draws one, [`deferred`] waits for its code.
//!
//! A *split point* is declared next to its component (`list::list_page`,
//! `whitelist::panel::whitelist_panel`, `preview::changes_part`, …), so this module knows none of
//! them. The release build (`.ci/split/wasm-bindgen`, run by trunk in `build_release`)
//! moves each, and all the code only it reaches, into a wasm chunk, fetched the first time
//! one of its points is shown. There are four chunks:
//! `list` (the list page and its batch panel), `access` (the Connections and Who may
//! connect tabs), `page` (the service page's extras, the save and the upgrade, the upgrade
//! dialog, the history
//! table) and `settings` (the settings form and the first run's checklist). A page opened
//! on a service never downloads the list and its batch code; nobody downloads the tabs'
//! code until they open one.
//!
//! Without the `vpcep_split` cfg (every stable build: `trunk serve`, the native checks)
//! the functions are plain ones and [`deferred`] renders them at once, so the app is the
//! same, only in one file.
//!
//! The service page's own details that only something done brings up (a change's preview,
//! the exact request, a failure, someone else's save) are in the `page` chunk, fetched as
//! soon as the page is usable ([`prefetch_page_extras`]), so they are here before anyone
//! needs them.
//!
//! A chunk that fails to arrive (a dropped link) shows a banner with *Try again* in the
//! place of the part; nothing else on the page is touched, so nothing typed is lost.

use leptos::prelude::*;
use std::future::Future;
use std::pin::Pin;

/// A chunk of the console that could not be fetched.
#[derive(Debug, Clone, Copy)]
pub struct Missing;

#[cfg(vpcep_split)]
impl From<leptos::wasm_split::SplitLoaderError> for Missing {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        Missing
    }
}

/// What a split point gives: the part's view, or why its code is not here.
pub type Part = Result<AnyView, Missing>;

/// A split point's call, to be made each time its part is drawn (again after *Try again*).
pub type Load = Box<dyn Fn() -> Pin<Box<dyn Future<Output = Part> + Send>> + Send + Sync>;

/// Calls a split point: with `vpcep_split` its wrapper is `async` (it fetches the chunk
/// first); without, the plain result is made a ready future.
#[cfg(vpcep_split)]
macro_rules! split_call {
    ($call:expr) => {
        $call
    };
}
#[cfg(not(vpcep_split))]
macro_rules! split_call {
    ($call:expr) => {
        ::std::future::ready($call)
    };
}
pub(crate) use split_call;

/// `part!(id, waiting, split::name(args))`: [`deferred`] on a split point.
macro_rules! part {
    ($id:literal, $waiting:expr, $call:expr) => {
        $crate::ui::split::deferred(
            $id,
            $waiting,
            Box::new(move || Box::pin($crate::ui::split::split_call!($call))),
        )
    };
}
pub(crate) use part;

/// Declares a split point: `split_point!(chunk, fn name(args) -> Part { body })`. The
/// points of one `chunk` come in one `split_CHUNK.wasm`, fetched for the first of them.
/// Four chunks, not one per point: code that several chunks share goes to a `chunk_N.wasm`
/// of its own per set of sharers, so every chunk more multiplies the small files (and the
/// round trips) that opening a part costs: 51 files at one chunk per point, 13 now (the small
/// shared ones merged into one by `.ci/split/merge-small.mjs`).
macro_rules! split_point {
    ($module:ident, $(#[$m:meta])* pub fn $name:ident($($arg:ident: $ty:ty),* $(,)?) -> Part $body:block) => {
        $(#[$m])*
        #[cfg_attr(
            vpcep_split,
            leptos::wasm_split::wasm_split($module, wasm_split_path = ::leptos::wasm_split, fallible)
        )]
        pub fn $name($($arg: $ty),*) -> Part $body
    };
}
pub(crate) use split_point;

/// Shows the part `load` fetches, where it is called. Until its chunk is here, nothing, or
/// `waiting` as a status line where the part is a page's whole body; a chunk already here
/// shows at once. A failed fetch shows a banner whose *Try again* asks again.
/// One function for every part (boxed, not generic), so the first download holds its code
/// once; [`part!`] boxes the call.
pub fn deferred(id: &'static str, waiting: Option<&'static str>, load: Load) -> AnyView {
    let attempt = RwSignal::new(0u32);
    let arrived = RwSignal::new(false);
    let part = move || {
        attempt.track();
        let fut = load();
        Suspend::new(async move {
            let part = fut.await;
            arrived.set(true);
            match part {
                Ok(view) => view,
                Err(Missing) => view! {
                    <div class="banner error chunk-missing" role="alert" id=format!("{id}-missing")>
                        <p>{crate::api::words::w().shell.part_missing}</p>
                        <button type="button" id=format!("{id}-retry")
                            on:click=move |_| {
                                arrived.set(false);
                                attempt.update(|n| *n += 1);
                            }>{crate::api::words::w().shell.try_again}</button>
                    </div>
                }
                .into_any(),
            }
        })
    };
    view! {
        {waiting.map(|text| view! {
            <p class="muted" role="status" id=format!("{id}-waiting") hidden=move || arrived.get()>{text}</p>
        })}
        {part}
    }
    .into_any()
}

split_point!(
    page,
    /// Nothing: fetching it brings the `page` chunk ahead of need.
    pub fn warm_page() -> Part {
        Ok(().into_any())
    }
);

/// Fetches the `page` chunk now, once the service page is usable, so an edit's preview
/// shows at once; a fetch that fails here is tried again when a part is drawn.
pub fn prefetch_page_extras() {
    #[cfg(vpcep_split)]
    leptos::task::spawn_local(async {
        let _ = warm_page().await;
    });
}
