//! The parts of the console that the first download leaves out.
//!
//! Each function here is a *split point*: the release build (`.ci/split/wasm-bindgen`,
//! run by trunk in `build_release`) moves it, and all the code only it reaches, into a
//! wasm chunk, fetched the first time one of its points is shown. There are four chunks:
//! `list` (the list page and its batch panel), `access` (the Connections and Who may
//! connect tabs), `page` (the service page's extras, the upgrade dialog, the history
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

use super::outcome::Problem;
use super::settings::SettingsState;
use crate::api::conflict::ServerChange;
use crate::api::history::HistoryEntry;
use crate::api::{ApiRequest, EndpointService, SettingsError, UpdatePlan};
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
/// round trips) that opening a part costs: 51 files at one chunk per point, 15 now.
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
                        <p>"This part of the console did not download. Check the connection, then try again: nothing you typed is lost."</p>
                        <button type="button" id=format!("{id}-retry")
                            on:click=move |_| {
                                arrived.set(false);
                                attempt.update(|n| *n += 1);
                            }>"Try again"</button>
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
    list,
    /// The service list, with its selection and the batch panel.
    pub fn list_page() -> Part {
        Ok(untrack(|| {
            view! { <super::list::ServiceListPage /> }.into_any()
        }))
    }
);

split_point!(
    page,
    /// The session's requests, as a table with its export.
    pub fn history_table(history: RwSignal<Vec<HistoryEntry>>) -> Part {
        Ok(untrack(|| {
            view! { <super::history::HistoryTable history=history /> }.into_any()
        }))
    }
);

split_point!(
    list,
    /// Many services at once: the review, the run, the results.
    pub fn batch_panel() -> Part {
        Ok(untrack(|| {
            view! { <super::batch::BatchPanel /> }.into_any()
        }))
    }
);

split_point!(
    access,
    /// The service page's Connections tab.
    pub fn connections_panel() -> Part {
        Ok(untrack(|| {
            view! { <super::connections::ConnectionsPanel /> }.into_any()
        }))
    }
);

split_point!(
    access,
    /// The service page's Who may connect tab.
    pub fn whitelist_panel() -> Part {
        Ok(untrack(|| {
            view! { <super::whitelist::WhitelistPanel /> }.into_any()
        }))
    }
);

split_point!(
    page,
    /// The upgrade's confirmation, with its caveat and the exact POST.
    pub fn upgrade_dialog(
        service: EndpointService,
        region: String,
        request: Result<ApiRequest, SettingsError>,
        pending: Signal<bool>,
        on_confirm: Callback<()>,
        on_close: Callback<()>,
    ) -> Part {
        Ok(untrack(|| {
            view! {
                <super::upgrade::UpgradeDialog service=service region=region request=request
                    pending=pending on_confirm=on_confirm on_close=on_close />
            }
            .into_any()
        }))
    }
);

/// Which of the settings' two views [`settings_part`] draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SettingsView {
    /// What a first run still needs (shown until the settings are complete).
    Checklist,
    /// The settings form (open on a first run, or from the header's *Settings*).
    Panel,
}

split_point!(
    settings,
    /// The settings form and the first run's checklist: a returning user, or one behind a
    /// proxy that adds the token, never opens them.
    pub fn settings_part(state: SettingsState, which: SettingsView) -> Part {
        Ok(untrack(|| match which {
            SettingsView::Checklist => {
                view! { <super::settings::FirstRunChecklist state=state /> }.into_any()
            }
            SettingsView::Panel => {
                view! { <super::settings::SettingsPanel state=state /> }.into_any()
            }
        }))
    }
);

/// What [`page_extras`] draws: the service page's parts that appear only once something
/// has happened, so the page is usable before their code is here.
pub enum Extra {
    /// What a save would change (the preview, once the form differs).
    Changes(UpdatePlan),
    /// The exact request, with copy as curl (the preview's open *Request*).
    Request(ApiRequest),
    /// Someone else saved the service since the form was loaded.
    Conflict(ServerChange),
    /// What went wrong (an [`ErrorBanner`](super::outcome::ErrorBanner)), with its last line.
    Problem(Problem, Option<&'static str>),
    /// What happens to unsaved edits when the page is left.
    Leave,
    /// Nothing: the chunk is fetched ahead of need.
    Warm,
}

split_point!(
    page,
    /// The service page's details that only an edit, the *Request* disclosure, a failure,
    /// a conflicting save or leaving with edits bring up.
    pub fn page_extras(what: Extra) -> Part {
        Ok(untrack(|| match what {
            Extra::Changes(plan) => view! { <super::preview::Changes plan=plan /> }.into_any(),
            Extra::Request(request) => {
                view! { <super::preview::RequestView request=request /> }.into_any()
            }
            Extra::Conflict(change) => {
                view! { <super::action_bar::ConflictNotice change=change /> }.into_any()
            }
            Extra::Problem(problem, footer) => {
                view! { <super::outcome::ProblemView problem=problem footer=footer /> }.into_any()
            }
            Extra::Leave => view! { <super::app::LeaveDialog /> }.into_any(),
            Extra::Warm => ().into_any(),
        }))
    }
);

/// Fetches [`page_extras`]'s chunk now, once the service page is usable, so an edit's
/// preview shows at once; a fetch that fails here is tried again when a part is drawn.
pub fn prefetch_page_extras() {
    #[cfg(vpcep_split)]
    leptos::task::spawn_local(async {
        let _ = page_extras(Extra::Warm).await;
    });
}
