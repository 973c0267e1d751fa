//! One service's page: its summary, the edit form, the preview, and the action bar with
//! the one Save.

use super::access::tabs::ServiceTabs;
use super::action_bar::ActionBar;
use super::card::ServiceCard;
use super::code::AsCode;
use super::dom::effect_with;
use super::form::ModifyFields;
use super::outcome::ErrorBanner;
use super::preview::UpdatePreview;
use super::split::{self, deferred, part, split_call};
use super::state::{use_console, PollState, Run};
use crate::api::list::ListView;
use crate::api::route::{Route, ServiceTab};
use crate::api::words::{fill, w};
use crate::api::{build_service_request, FieldError, Operation};
use leptos::prelude::*;

/// The way back to the list, at the page this service was opened from (Back does that
/// too: the list's URL holds its page).
#[component]
fn Breadcrumb() -> impl IntoView {
    let c = use_console();
    let back = move |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        c.go(Route::List(ListView::default()));
    };
    let href = move || Route::default().to_query(c.settings.project_id.get().trim());
    view! {
        <nav class="breadcrumb" aria-label=w().page.breadcrumb>
            <a href=href id="to-list" on:click=back>{w().page.all_services}</a>
        </nav>
    }
}

/// Waiting for `available` after a change, said in words.
#[component]
fn PollLine() -> impl IntoView {
    let c = use_console();
    let text = move || match c.page.poll.get() {
        PollState::Idle => None,
        PollState::Waiting {
            attempt,
            max,
            status,
        } => Some(fill(w().page.poll_waiting, &[&status, &attempt, &max])),
        PollState::Available => Some(w().page.poll_available.to_owned()),
        PollState::Stopped { status } => Some(fill(w().page.poll_stopped, &[&status])),
    };
    view! {
        <p class="poll" role="status" id="poll-state" class:ok=move || c.page.poll.with(|p| *p == PollState::Available)>
            {text}
        </p>
    }
}

/// The service page of the route's service.
#[component]
pub fn ServicePage() -> impl IntoView {
    let c = use_console();
    let page = c.page;
    let dialect = c.settings.dialect;
    let plan = Memo::new(move |_| c.plan());
    // The problems come from the plan (one validation per keystroke), plus what the
    // server said about fields while the draft it was about is unchanged.
    let errors = Memo::new(move |_| {
        let mut errors: Vec<FieldError> = plan.with(|p| match p {
            Some(Err(e)) => e.clone(),
            _ => Vec::new(),
        });
        let draft = page.form.draft();
        page.server_errors.with(|s| {
            if let Some((sent, server)) = s {
                if *sent == draft {
                    errors.extend(server.iter().cloned());
                }
            }
        });
        errors
    });
    let request = Memo::new(move |_| {
        let id = page.base.with(|b| b.as_ref().map(|b| b.id.clone()))?;
        let body = plan.with(|p| match p {
            Some(Ok(p)) if !p.is_empty() => Some(p.body.clone()),
            _ => None,
        })?;
        Some(build_service_request(
            &c.settings.snapshot(),
            &Operation::UpdateService { id, body },
        ))
    });
    // The save as code, read only while the preview's Request is open.
    let code = move || {
        let service = page.base.get()?;
        let body = plan.with(|p| match p {
            Some(Ok(p)) if !p.is_empty() => Some(p.body.clone()),
            _ => None,
        })?;
        let op = Operation::UpdateService {
            id: service.id.clone(),
            body,
        };
        Some(AsCode::new(op, &c.settings.snapshot(), Some(service)))
    };

    let upgrade_open = RwSignal::new(false);
    let open_upgrade = Callback::new(move |_| upgrade_open.set(true));
    let close_upgrade = Callback::new(move |_| upgrade_open.set(false));
    let confirm_upgrade = Callback::new(move |_| {
        if !untrack(|| c.actions.pending(Run::Upgrade)) {
            c.actions.upgrade();
        }
    });
    // The dialog closes once the upgrade has its answer.
    effect_with(move |was_pending: Option<bool>| {
        let pending = c.actions.pending(Run::Upgrade);
        if was_pending == Some(true) && !pending {
            upgrade_open.set(false);
        }
        pending
    });

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        c.save();
    };
    let card = move || {
        page.base.get().map(|s| {
            view! { <ServiceCard service=s dialect=dialect.get() on_upgrade=open_upgrade /> }
        })
    };
    let loading = move || {
        if !c.settings.complete() {
            return Some(
                view! {
                    <div class="empty" id="service-needs-settings">
                        <h2>{w().page.needs_settings_title}</h2>
                        <p>{w().page.needs_settings_text}</p>
                    </div>
                }
                .into_any(),
            );
        }
        (page.base.with(Option::is_none) && page.load_problem.with(Option::is_none)).then(|| {
            view! { <p class="muted" id="service-loading">{w().page.loading_service}</p> }
                .into_any()
        })
    };
    let restored = view! {
        <div class="banner info" role="status" id="restored" hidden=move || !page.restored.get()>
            <span>{w().page.restored}</span>
            <button type="button" class="secondary" id="discard-restored"
                on:click=move |_| page.discard(&c.settings.project_id.get_untracked())>
                {w().page.discard_them}
            </button>
        </div>
    };
    let editor = view! {
        <div class="field-slot" hidden=move || page.base.with(Option::is_none)>
            <form class="panel modify" id="modify-form" novalidate on:submit=on_submit aria-labelledby="modify-title">
                <h2 id="modify-title">{w().page.edit}</h2>
                <ModifyFields form=page.form errors=errors dialect=dialect />
            </form>
            <UpdatePreview plan=plan request=request code=Signal::derive(code) />
            <ActionBar plan=plan />
        </div>
    };
    let dialog = move || {
        if !upgrade_open.get() {
            return None;
        }
        let service = page.base.get()?;
        let settings = c.settings.snapshot();
        let region = if settings.region.trim().is_empty() {
            service.region().unwrap_or_default()
        } else {
            settings.region.clone()
        };
        let op = Operation::UpgradeService {
            id: service.id.clone(),
        };
        let request = build_service_request(&settings, &op);
        let code = AsCode::new(op, &settings, Some(service.clone()));
        let pending = Signal::derive(move || c.actions.pending(Run::Upgrade));
        Some(deferred(
            "upgrade",
            None,
            Box::new(move || {
                Box::pin(split_call!(super::upgrade::upgrade_dialog(
                    service.clone(),
                    region.clone(),
                    request.clone(),
                    code.clone(),
                    pending,
                    confirm_upgrade,
                    close_upgrade
                )))
            }),
        ))
    };
    // A tab's code is fetched the first time it is shown, then kept.
    let seen = move |tab: ServiceTab| {
        Memo::new(move |was: Option<&bool>| {
            was.copied().unwrap_or(false) || c.access.tab.get() == tab
        })
    };
    let (connections, whitelist) = (seen(ServiceTab::Connections), seen(ServiceTab::Whitelist));
    // Once the form (or why it is not there) is shown, the code of what an edit or a
    // failure brings up is fetched, once the frame that shows it has been painted.
    effect_with(move |fetched: Option<bool>| {
        let shown = page.base.with(Option::is_some) || page.load_problem.with(Option::is_some);
        if fetched == Some(true) || !shown {
            return fetched.unwrap_or(false);
        }
        super::dom::when_idle(split::prefetch_page_extras);
        true
    });
    view! {
        <div class="service-page">
            <Breadcrumb />
            {loading}
            <ErrorBanner problem=page.load_problem />
            <button type="button" id="service-retry" on:click=move |_| c.refresh()
                hidden=move || page.load_problem.with(Option::is_none)>{w().page.try_again}</button>
            {card}
            <PollLine />
            {restored}
            <div class="tabs-row" hidden=move || page.base.with(Option::is_none)>
                <ServiceTabs />
            </div>
            <div class="settings-panel" id="panel-settings" role="tabpanel" aria-labelledby="tab-settings"
                hidden=move || c.access.tab.get() != ServiceTab::Settings>
                {editor}
            </div>
            <div class="panel access" id="panel-connections" role="tabpanel" aria-labelledby="tab-connections"
                hidden=move || c.access.tab.get() != ServiceTab::Connections>
                {move || connections.get().then(|| part!("connections", Some(w().page.loading), super::connections::panel::connections_panel()))}
            </div>
            <div class="panel access" id="panel-whitelist" role="tabpanel" aria-labelledby="tab-whitelist"
                hidden=move || c.access.tab.get() != ServiceTab::Whitelist>
                {move || whitelist.get().then(|| part!("whitelist", Some(w().page.loading), super::whitelist::panel::whitelist_panel()))}
            </div>
            {dialog}
        </div>
    }
}
