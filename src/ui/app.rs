//! The whole console: the header with the settings, then the page the route names.

use super::dialog::Dialog;
use super::dom::effect_with;
use super::history::HistoryPanel;
use super::http;
use super::lang::{self, Language, LanguageSwitch};
use super::save::keep_drafts;
use super::service_page::ServicePage;
use super::settings::{settings_part, SettingsSummary, SettingsView};
use super::split::{part, split_point, Part};
use super::state::{use_console, Console};
use super::storage;
use crate::api::config::{read_config, ConfigLoad};
use crate::api::route::Route;
use crate::api::words::{fill, w};
use leptos::prelude::*;
use std::time::Duration;

/// Asks what happens to unsaved edits before the page is left.
#[component]
pub fn LeaveDialog() -> impl IntoView {
    let c = use_console();
    let stay = Callback::new(move |_| c.leaving.set(None));
    let name = move || {
        c.page
            .base
            .with(|b| b.as_ref().map(|b| b.short_name()))
            .unwrap_or_default()
    };
    view! {
        <Dialog id="leave-dialog" labelled_by="leave-title" described_by="leave-what" on_close=stay>
            <h2 id="leave-title">{move || crate::api::words::fill(w().page.leave_title, &[&name()])}</h2>
            <p id="leave-what">{w().page.leave_what}</p>
            <div class="actions">
                <button type="button" class="secondary" id="leave-stay" data-autofocus="" on:click=move |_| stay.run(())>
                    {w().page.leave_stay}
                </button>
                <button type="button" class="secondary" id="leave-discard" on:click=move |_| c.leave(false)>
                    {w().page.leave_discard}
                </button>
                <button type="button" id="leave-keep" on:click=move |_| c.leave(true)>
                    {w().page.leave_keep}
                </button>
            </div>
        </Dialog>
    }
}

/// Follows the browser: Back and Forward show the route of the URL; leaving or reloading
/// with unsaved edits asks first (the draft is kept in this tab either way); a change of
/// the settings reloads what the page shows, once typing pauses.
fn follow_the_browser(c: Console) {
    let back = window_event_listener(leptos::ev::popstate, move |_| {
        c.show(storage::current_route(), false);
    });
    let unload = window_event_listener(leptos::ev::beforeunload, move |ev| {
        if untrack(|| c.dirty()) {
            ev.prevent_default();
            ev.set_return_value("");
        }
    });
    on_cleanup(move || {
        back.remove();
        unload.remove();
    });
    let typed = StoredValue::new(0u32);
    effect_with(move |last: Option<(String, String, String, String)>| {
        let s = c.settings.snapshot();
        let key = (
            s.proxy_url,
            s.project_id,
            s.token,
            s.dialect.as_str().to_owned(),
        );
        if let Some(last) = last {
            // Another project: its services are not the ones selected.
            if let Some(b) = c.batch_slot.get_value() {
                if last.1 != key.1
                    && b.stage.get_untracked() != super::batch::state::BatchStage::Running
                {
                    b.selection.update(|s| s.clear());
                }
            }
            if last != key {
                let n = typed.get_value() + 1;
                typed.set_value(n);
                set_timeout(
                    move || {
                        // Only the last change counts, and only while the console is there.
                        if typed.try_get_value() == Some(n) {
                            if let Some(route) = c.route.try_get_untracked() {
                                // The URL carries the project: keep it in step.
                                c.show(route, false);
                            }
                        }
                    },
                    Duration::from_millis(400),
                );
            }
        }
        key
    });
}

/// What `GET config.json` gave: the answer's status and body, or why there was none.
#[derive(Debug, Clone)]
pub struct ConfigAnswer(pub Result<(u16, String), http::Failure>);

impl ConfigAnswer {
    /// What the answer means; a problem is worded in the language shown now.
    pub fn read(&self) -> ConfigLoad {
        match &self.0 {
            Ok((status, body)) => read_config(*status, body),
            // A hanging file must not leave a blank page: the defaults apply, and the banner says so.
            Err(http::Failure::Timeout) => {
                ConfigLoad::Malformed(fill(w().shell.config_timeout, &[&CONFIG_TIMEOUT_SECONDS]))
            }
            // Not even an answer: the same as no file.
            Err(_) => ConfigLoad::Missing,
        }
    }
}

/// The whole console; `config` is what came of fetching config.json (none: defaults).
#[component]
pub fn App(#[prop(optional)] config: Option<ConfigAnswer>) -> impl IntoView {
    let c = Console::new(
        &config
            .as_ref()
            .map_or(ConfigLoad::Missing, ConfigAnswer::read)
            .config(),
    );
    provide_context(c);
    let language = Language::new();
    provide_context(language);
    // Read again at each drawing, so the banner follows a switch of language.
    let config_problem = move || match config.as_ref().map(ConfigAnswer::read) {
        Some(ConfigLoad::Malformed(m)) => Some(m),
        _ => None,
    };
    keep_drafts(c);
    follow_the_browser(c);
    // Opened for a first run, the settings fold into the header once they work: when
    // the first answer arrives.
    if c.settings_open.get_untracked() {
        effect_with(move |folded: Option<bool>| {
            if folded == Some(true) {
                return true;
            }
            let worked =
                c.list.with(|l| matches!(l, Some(Ok(_)))) || c.page.base.with(Option::is_some);
            if worked {
                c.settings_open.set(false);
            }
            worked
        });
    }
    // The URL may lack the project (a bare link): write what the page shows.
    c.show(c.route.get_untracked(), false);

    // The list is drawn once for every list route: paging and filtering change the route,
    // and the page follows it in place (re-creating it would lose the filter's focus).
    // A service route draws the service page anew, as before.
    let shown = Memo::new(move |_| match c.route.get() {
        Route::List(_) => Route::List(Default::default()),
        service => service,
    });
    // Drawn again only when the settings become complete or incomplete, not per keystroke.
    let incomplete = Memo::new(move |_| !c.settings.complete());
    let page = move || match shown.get() {
        Route::List(_) => part!(
            "list-page",
            Some(w().shell.loading),
            super::list::list_page()
        )
        .into_any(),
        Route::Service { .. } => view! { <ServicePage /> }.into_any(),
    };
    // The route's first request is sent before the console is drawn, not after: drawing
    // it takes about as long as the answer takes on a fast link, and now the two overlap.
    // (The request's task was queued by `show`; `tick` lets it run first.)
    Suspend::new(async move {
        leptos::task::tick().await;
        // Drawn again in the new words when the language changes; the state above stays.
        move || {
            language.shown.track();
            untrack(|| {
                view! {
                <header class="top">
                    <div class="brand">
                        <span class="logo" aria-hidden="true"></span>
                        <span class="product">{w().shell.product}</span>
                    </div>
                    <LanguageSwitch language=language />
                    <SettingsSummary state=c.settings open=c.settings_open />
                </header>
                {config_problem().map(|m| view! {
                    <div class="banner warn config-problem" role="alert" id="config-problem">{m}</div>
                })}
                <main class="layout">
                    {move || incomplete.get().then(|| part!("checklist", None, settings_part(c.settings, SettingsView::Checklist)))}
                    <Show when=move || c.settings_open.get()>
                        {part!("settings", Some(w().shell.settings_loading), settings_part(c.settings, SettingsView::Panel))}
                    </Show>
                    {page}
                    <HistoryPanel history=c.history />
                </main>
                {move || c.leaving.with(Option::is_some).then(|| part!("leave", None, leave_dialog()))}
                }
            })
        }
    })
}

split_point!(
    page,
    /// What happens to unsaved edits when the page is left.
    pub fn leave_dialog() -> Part {
        Ok(untrack(|| view! { <LeaveDialog /> }.into_any()))
    }
);

/// How long the console waits for `config.json` before it starts on its defaults.
pub const CONFIG_TIMEOUT_SECONDS: u32 = 5;

/// Reads the deployment's `config.json` (beside index.html) and the visitor's language's
/// table (together), then mounts the console. A table that does not arrive leaves English.
pub async fn start() {
    #[cfg(feature = "demo")]
    super::demo::prepare();
    let config = http::fetch_file("config.json", CONFIG_TIMEOUT_SECONDS);
    let (config, table) = futures::future::join(config, lang::table(lang::initial())).await;
    #[cfg(feature = "demo")]
    let config = match config {
        Ok(reply) if reply.status == 200 => Ok(reply),
        _ => Ok(http::Reply {
            status: 200,
            headers: Vec::new(),
            body: super::demo::default_config(),
        }),
    };
    lang::apply(table.unwrap_or(&crate::api::words::EN));
    let config = ConfigAnswer(config.map(|a| (a.status, a.body)));
    #[cfg(feature = "demo")]
    super::demo::mount_banner();
    leptos::mount::mount_to_body(move || leptos::view! { <App config=config /> });
}
