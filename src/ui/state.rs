//! The console's state and what it does: navigate, list, open, save, upgrade. Components
//! read it from context ([`use_console`]). A single request goes through [`Console::call`];
//! the runs of many (batches, connection actions) through the run driver
//! ([`super::run`]), which sends with the same request builder. Save, upgrade and the wait
//! for `available` are in [`super::save`].

use super::form::FormState;
use super::http;
use super::outcome::Problem;
use super::settings::SettingsState;
use super::storage;
use crate::api::config::RuntimeConfig;
use crate::api::conflict::{rebase, ServerChange};
use crate::api::history::HistoryEntry;
use crate::api::list::ListView;
use crate::api::poll::PollPolicy;
use crate::api::route::Route;
use crate::api::{
    plan_update, EndpointService, FieldError, Operation, Outcome, ServiceDraft, ServiceList,
    UpdatePlan, Wire, SERVICES,
};
use leptos::prelude::*;
use leptos::reactive::computed::ScopedFuture;

/// Where the service stands after a save, while the console waits for `available`.
#[derive(Debug, Clone, PartialEq)]
pub enum PollState {
    Idle,
    Waiting {
        attempt: u32,
        max: u32,
        status: String,
    },
    Available,
    Stopped {
        status: String,
    },
}

/// What the last action on the service page came to, shown at the action bar.
#[derive(Debug, Clone, PartialEq)]
pub enum PageOutcome {
    /// "Saved billing: 3 changes", with the request id.
    Done {
        summary: String,
        request_id: Option<String>,
    },
    Failed(Problem),
    /// The save's or the upgrade's code (the `page` chunk) did not download: nothing was
    /// sent, and the button tries again.
    Missing,
}

/// Errors the server gave for fields, with the draft they were about: they show while
/// the draft is unchanged, and go as soon as the user edits.
pub type ServerErrors = Option<(ServiceDraft, Vec<FieldError>)>;

/// The open service's page.
#[derive(Clone, Copy)]
pub struct PageState {
    /// The service the page is for (from the route), loaded or not.
    pub id: RwSignal<String>,
    /// The service as last read from the server: the base of the diff.
    pub base: RwSignal<Option<EndpointService>>,
    /// Why the service could not be read.
    pub load_problem: RwSignal<Option<Problem>>,
    pub form: FormState,
    pub outcome: RwSignal<Option<PageOutcome>>,
    pub server_errors: RwSignal<ServerErrors>,
    /// The form holds edits restored from this tab's storage.
    pub restored: RwSignal<bool>,
    pub poll: RwSignal<PollState>,
    /// The service changed on the server since the form was loaded: the save stopped there.
    pub conflict: RwSignal<Option<ServerChange>>,
}

/// The list page's data: the view it answers and the page of services.
pub type ListAnswer = Result<(ListView, ServiceList), Problem>;

/// All of the console's state, as signals (cheap to copy into closures).
#[derive(Clone, Copy)]
pub struct Console {
    pub settings: SettingsState,
    pub route: RwSignal<Route>,
    pub list: RwSignal<Option<ListAnswer>>,
    pub page: PageState,
    pub history: RwSignal<Vec<HistoryEntry>>,
    /// The deployment's timing: the request timeout and the polling after a change.
    pub timing: Timing,
    /// A navigation waiting for the user to say what happens to unsaved edits.
    pub leaving: RwSignal<Option<Route>>,
    /// The settings panel is open.
    pub settings_open: RwSignal<bool>,
    pub actions: Actions,
    /// Many services at once: the list's selection and the batch run on it, made by the
    /// list's code the first time it is shown ([`Console::batch`], in its chunk).
    pub batch_slot: StoredValue<Option<super::batch::state::BatchState>>,
    /// How batches run, as config.json says.
    pub batch_defaults: crate::api::batch::RunOptions,
    /// Connections and whitelist: the service page's tab, the pending counts.
    pub access: super::access::state::AccessState,
}

/// The console's requests. Each kind counts its runs under way (`pending` is what "busy"
/// means); every run is one boxed future, so the first download holds one spawn, not one
/// Leptos `Action` with its own future type per kind.
#[derive(Clone, Copy)]
pub struct Actions {
    running: RwSignal<[u32; 4]>,
    pub(super) core: ConsoleCore,
}

thread_local! {
    /// The owner the console was made under: what its runs create belongs to it.
    static RUNS_OWNER: std::cell::RefCell<Option<Owner>> = const { std::cell::RefCell::new(None) };
}

/// Runs `f` under the console's owner: what it creates lives as long as the console, not
/// as the component that happened to ask first.
pub fn with_console_owner<T>(f: impl FnOnce() -> T) -> T {
    match RUNS_OWNER.with(|o| o.borrow().clone()) {
        Some(owner) => owner.with(f),
        None => f(),
    }
}

/// A kind of request the console makes on its own.
#[derive(Clone, Copy)]
pub enum Run {
    List,
    Open,
    Save,
    Upgrade,
}

impl Actions {
    /// A `kind` of request is under way (tracked).
    pub fn pending(self, kind: Run) -> bool {
        self.running.with(|r| r[kind as usize] > 0)
    }

    pub(super) fn start(
        self,
        kind: Run,
        work: std::pin::Pin<Box<dyn std::future::Future<Output = ()>>>,
    ) {
        let running = self.running;
        running.update(|r| r[kind as usize] += 1);
        let task = async move {
            work.await;
            running.update(|r| r[kind as usize] -= 1);
        };
        // Untracked, under the console's owner, as a Leptos action runs.
        leptos::task::spawn_local(with_console_owner(|| ScopedFuture::new_untracked(task)));
    }
}

/// How long requests and waits may take, from config.json.
#[derive(Clone, Copy)]
pub struct Timing {
    pub request_timeout_s: u32,
    pub poll: PollPolicy,
}

/// The console of this page.
pub fn use_console() -> Console {
    expect_context::<Console>()
}

impl Console {
    /// What a batch or a connection action's run needs of the console.
    pub fn run_env(self) -> super::run::RunEnv {
        super::run::RunEnv {
            settings: self.settings,
            history: self.history,
            request_timeout_s: self.timing.request_timeout_s,
        }
    }

    pub fn new(config: &RuntimeConfig) -> Self {
        let history = RwSignal::new(Vec::new());
        let settings = SettingsState::load(config, history);
        settings.persist();
        let settings_open = RwSignal::new(!untrack(|| settings.complete()));
        let route = RwSignal::new(storage::current_route());
        let list = RwSignal::new(None);
        let page = PageState {
            id: RwSignal::new(String::new()),
            base: RwSignal::new(None),
            load_problem: RwSignal::new(None),
            form: FormState::default(),
            outcome: RwSignal::new(None),
            server_errors: RwSignal::new(None),
            restored: RwSignal::new(false),
            poll: RwSignal::new(PollState::Idle),
            conflict: RwSignal::new(None),
        };
        let timing = Timing {
            request_timeout_s: config.request_timeout(),
            poll: config.poll_policy(),
        };
        // The actions need the console and the console holds them: they are made from
        // a console without them (its fields are all `Copy` signals).
        let core = ConsoleCore {
            settings,
            route,
            list,
            page,
            history,
            timing,
        };
        RUNS_OWNER.with(|o| *o.borrow_mut() = Owner::current());
        let actions = Actions {
            running: RwSignal::new([0; 4]),
            core,
        };
        Console {
            settings,
            route,
            list,
            page,
            history,
            timing,
            leaving: RwSignal::new(None),
            settings_open,
            actions,
            batch_slot: StoredValue::new(None),
            batch_defaults: config.batch_options(),
            access: super::access::state::AccessState::new(),
        }
    }

    /// Sends `op` and records it in the history, as the page's own requests are: a
    /// service operation, or a connection list's pending count ([`SERVICES`]).
    pub async fn call(self, op: Operation) -> Result<(Outcome, Option<String>), Problem> {
        self.core().call_on(SERVICES, op).await
    }

    /// [`call`](Self::call) as `wire` reads it: the tabs' own requests go with [`EVERY`].
    ///
    /// [`EVERY`]: crate::api::EVERY
    pub async fn call_on(
        self,
        wire: Wire,
        op: Operation,
    ) -> Result<(Outcome, Option<String>), Problem> {
        self.core().call_on(wire, op).await
    }

    fn core(self) -> ConsoleCore {
        ConsoleCore {
            settings: self.settings,
            route: self.route,
            list: self.list,
            page: self.page,
            history: self.history,
            timing: self.timing,
        }
    }

    /// A request is under way.
    pub fn busy(self) -> bool {
        self.actions.running.with(|r| r.iter().any(|n| *n > 0))
    }

    /// The update the form would send, or the problems in its way (tracked).
    pub fn plan(self) -> Option<Result<UpdatePlan, Vec<FieldError>>> {
        let draft = self.page.form.draft();
        let dialect = self.settings.dialect.get();
        self.page
            .base
            .with(|b| b.as_ref().map(|b| plan_update(b, &draft, dialect)))
    }

    /// The form differs from the service as loaded (tracked).
    pub fn dirty(self) -> bool {
        self.core().dirty()
    }

    /// Goes to `route` as a click does: a new history entry. Unsaved edits are not left
    /// silently: the user is asked first.
    pub fn go(self, route: Route) {
        let on_page = matches!(self.route.get_untracked(), Route::Service { .. });
        if on_page && route != self.route.get_untracked() && untrack(|| self.dirty()) {
            self.leaving.set(Some(route));
            return;
        }
        self.show(route, true);
    }

    /// Goes where the pending navigation was going; `keep` leaves the edits as this
    /// tab's draft (they come back when the service is opened again), else they go.
    pub fn leave(self, keep: bool) {
        let Some(route) = self.leaving.get_untracked() else {
            return;
        };
        self.leaving.set(None);
        if !keep {
            let id = self.page.id.get_untracked();
            storage::remove_draft(&self.settings.project_id.get_untracked(), &id);
            self.page.form_reset_to_base();
        }
        self.show(route, true);
    }

    /// Shows `route` and loads what it needs; `push` adds a history entry (a click),
    /// otherwise the address bar already says it (Back, Forward, start).
    pub fn show(self, route: Route, push: bool) {
        let project = self.settings.project_id.get_untracked();
        storage::set_url_query(&route.to_query(project.trim()), push);
        self.route.set(route.clone());
        self.refresh();
    }

    /// Loads what the current route shows, when the settings allow a request.
    pub fn refresh(self) {
        if !untrack(|| self.settings.complete()) {
            return;
        }
        match self.route.get_untracked() {
            Route::List(view) => {
                self.actions.list(view);
            }
            Route::Service { id } => {
                self.actions.open(id);
            }
        }
    }

    /// Saves the form, unless a save is already under way or there is nothing to send.
    pub fn save(self) {
        if untrack(|| self.actions.pending(Run::Save)) {
            return;
        }
        if !matches!(untrack(|| self.plan()), Some(Ok(p)) if !p.is_empty()) {
            return;
        }
        self.page.conflict.set(None);
        self.actions.save(true);
    }

    /// After a conflict: saves the form as it is, replacing what changed on the server.
    pub fn save_anyway(self) {
        if untrack(|| self.actions.pending(Run::Save)) {
            return;
        }
        self.page.conflict.set(None);
        self.actions.save(false);
    }
}

/// The parts of [`Console`] the actions work on.
#[derive(Clone, Copy)]
pub(super) struct ConsoleCore {
    pub(super) settings: SettingsState,
    pub(super) route: RwSignal<Route>,
    pub(super) list: RwSignal<Option<ListAnswer>>,
    pub(super) page: PageState,
    pub(super) history: RwSignal<Vec<HistoryEntry>>,
    pub(super) timing: Timing,
}

impl PageState {
    /// After a conflict: the server's service becomes the base, and the form holds the
    /// user's edits on top of it (see [`rebase`]); the preview then shows what a save sends.
    pub fn take_server_changes(self) {
        let Some(change) = self.conflict.get_untracked() else {
            return;
        };
        let mine = self.form.draft_untracked();
        if let Some(base) = self.base.get_untracked() {
            self.form.reset(&rebase(&base, &mine, &change.fresh));
        }
        self.base.set(Some(change.fresh));
        self.server_errors.set(None);
        self.outcome.set(None);
        self.conflict.set(None);
    }

    fn form_reset_to_base(self) {
        if let Some(b) = self.base.get_untracked() {
            self.form.reset(&ServiceDraft::from_service(&b));
        }
        self.restored.set(false);
        self.server_errors.set(None);
    }

    /// Throws the edits away: the form shows the service as loaded.
    pub fn discard(self, project_id: &str) {
        storage::remove_draft(project_id, &self.id.get_untracked());
        self.form_reset_to_base();
        self.outcome.set(None);
    }
}

impl ConsoleCore {
    pub(super) fn dirty(self) -> bool {
        let draft = self.page.form.draft();
        self.page.base.with(|b| {
            b.as_ref()
                .is_some_and(|b| ServiceDraft::from_service(b) != draft)
        })
    }

    /// Sends a service operation and records it in the history.
    pub(super) async fn call(self, op: Operation) -> Result<(Outcome, Option<String>), Problem> {
        self.call_on(SERVICES, op).await
    }

    /// Sends `op` as `wire` builds and reads it, and records it in the history.
    async fn call_on(
        self,
        wire: Wire,
        op: Operation,
    ) -> Result<(Outcome, Option<String>), Problem> {
        let settings = self.settings.snapshot_untracked();
        let exchange = http::execute(&settings, wire, op.clone(), self.timing.request_timeout_s)
            .await
            .map_err(Problem::Settings)?;
        let error = exchange.result.as_ref().err();
        // The summary says whether the API took the token, as of the last answer.
        match exchange.status {
            Some(401) if !settings.token_by_proxy => self.settings.token_rejected.set(true),
            Some(200..=299) => self.settings.token_rejected.set(false),
            _ => {}
        }
        self.history.update(|h| {
            h.push(HistoryEntry::new(
                js_sys::Date::new_0().to_iso_string().into(),
                op.name(),
                &exchange.request,
                exchange.status,
                exchange.duration_ms,
                exchange.request_id.clone(),
                error,
            ))
        });
        let request = format!(
            "{} {}",
            exchange.request.method.as_str(),
            exchange.request.path
        );
        match exchange.result {
            Ok(outcome) => Ok((outcome, exchange.request_id)),
            Err(error) => Err(Problem::Api { error, request }),
        }
    }
}
