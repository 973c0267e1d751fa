//! The Who may connect tab's panel: the add box, the actions on the selected entries,
//! the pager and the confirmation for `*`.

use super::state::{add, load, names, problem_line, remove, requests, typed_plan, WhitelistTab};
use super::table::WlTable;
use crate::api::dialect::Dialect;
use crate::api::route::ServiceTab;
use crate::api::whitelist::{
    everyone_warning, remove_actions, whitelist_input, Grantee, PermissionEntry, WhitelistInput,
    WhitelistView, WHITELIST_PAGE_SIZES,
};
use crate::api::words::{count, fill, w};
use crate::ui::controls::with_code;
use crate::ui::controls::{Pager, RequestList, RequestsDisclosure};
use crate::ui::dialog::Dialog;
use crate::ui::dom::effect_with;
use crate::ui::outcome::{ErrorBanner, Problem};
use crate::ui::page_reader::PageReader;
use crate::ui::split::{split_point, Part};
use crate::ui::state::use_console;
use leptos::prelude::*;

/// The "Who may connect" tab's panel.
#[component]
pub fn WhitelistPanel() -> impl IntoView {
    let c = use_console();
    let t = WhitelistTab {
        list: PageReader::new(WhitelistView::default()),
        selected: RwSignal::new(Vec::new()),
        text: RwSignal::new(String::new()),
        tried: RwSignal::new(false),
        busy: RwSignal::new(false),
        change_error: RwSignal::new(None),
        change_at: RwSignal::new(String::new()),
        done: RwSignal::new(None),
        confirm_everyone: RwSignal::new(false),
    };
    let shown = move || c.access.tab.get() == ServiceTab::Whitelist;
    effect_with(move |last: Option<String>| {
        let id = c.page.id.get();
        if shown()
            && c.settings.complete()
            && (last.as_deref() != Some(id.as_str()) || !t.list.started.get_untracked())
        {
            load(c, t);
            return id;
        }
        last.unwrap_or_default()
    });
    let everyone_listed = move || {
        t.list
            .rows
            .with(|e| e.iter().any(PermissionEntry::is_everyone))
    };
    let view_now = move || t.list.view.get();
    let pages = Signal::derive(move || view_now().page_count(t.list.total.get()));
    let page = Signal::derive(move || view_now().page.min(pages.get()));
    let range = Signal::derive(move || t.list.range(WhitelistView::paging));
    let on_page = Callback::new(move |p: u32| {
        t.list.view.set(WhitelistView {
            page: p,
            ..t.list.view.get_untracked()
        });
        load(c, t);
    });
    let on_size = Callback::new(move |size: u32| {
        t.list.view.set(
            WhitelistView {
                page_size: size,
                ..t.list.view.get_untracked()
            }
            .first_page(),
        );
        load(c, t);
    });
    let page_error = Signal::derive(move || {
        t.list.problem.with(|p| match p {
            Some(p @ Problem::Api { error, .. })
                if matches!(
                    whitelist_input(error, None),
                    Some(WhitelistInput::Page | WhitelistInput::Sort)
                ) =>
            {
                Some(problem_line(p))
            }
            _ => None,
        })
    });
    view! {
        // In the tab's panel (src/ui/service_page.rs), which is there before this code is.
        <div class="access-body" aria-busy=move || t.list.loading.get().to_string()>
            <div class="panel-head">
                <h2 id="wl-title">{w().core.whitelist_tab} <span class="api-name">{w().core.whitelist_api_name}</span></h2>
                <span class="spinner" role="status" aria-label=w().access().loading hidden=move || !t.list.loading.get()></span>
            </div>
            <p class="note" id="wl-owner">{w().core.owner_always_allowed}</p>
            <p class="note warn" id="wl-everyone" hidden=move || !everyone_listed()>
                {w().access().wl_everyone_listed}
            </p>
            <AddForm t=t />
            <ErrorBanner problem=t.list.problem />
            <WlActions t=t />
            <WlTable t=t />
            <p class="muted" id="wl-empty" hidden=move || !t.list.started.get() || t.list.loading.get() || t.list.problem.with(Option::is_some) || t.list.rows.with(|e| !e.is_empty())>
                {w().access().wl_empty}
            </p>
            <Pager prefix="wl" label=w().access().wl_pages range=range page=page pages=pages
                size=Signal::derive(move || view_now().page_size) sizes=&WHITELIST_PAGE_SIZES
                on_page=on_page on_size=on_size error=page_error />
            {move || t.confirm_everyone.get().then(|| view! { <EveryoneDialog t=t /> })}
        </div>
    }
}

/// The add box: one or several account IDs, checked as typed; the request behind Add.
#[component]
pub(super) fn AddForm(t: WhitelistTab) -> impl IntoView {
    let c = use_console();
    let dialect = move || c.settings.dialect.get();
    let box_problems = move || {
        let typed = t.text.with(|s| !s.trim().is_empty());
        if typed || t.tried.get() {
            typed_plan(c, t)
                .problems
                .into_iter()
                .map(|p| p.message)
                .collect::<Vec<_>>()
        } else {
            Vec::new()
        }
    };
    // The server's refusal of an add stands at the box (about the box, or an entry typed).
    let box_server_error = move || {
        let at = t.change_at.get();
        let here = at == "box"
            || (!at.is_empty()
                && t.text
                    .with(|s| s.contains(at.trim_start_matches("iam:domain::"))));
        if here {
            t.change_error.with(|e| e.as_ref().map(problem_line))
        } else {
            None
        }
    };
    let invalid = move || !box_problems().is_empty() || box_server_error().is_some();
    let requests = Signal::derive(move || {
        let p = typed_plan(c, t);
        if p.is_ready() {
            requests(c, &p.actions(dialect()))
        } else {
            Vec::new()
        }
    });
    let note = Signal::derive(move || {
        if typed_plan(c, t).is_ready() {
            w().access().add_note_ready
        } else {
            w().access().add_note_empty
        }
        .to_owned()
    });
    let on_add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        add(c, t, false);
    };
    let help = move || match dialect() {
        Dialect::Huawei => w().access().add_help_huawei,
        Dialect::OpenTelekom => w().access().add_help_otc,
    };
    view! {
        <form class="wl-add" id="wl-add-form" novalidate on:submit=on_add>
            <div class="field">
                <label for="wl-add">{w().access().add_accounts} <span class="api-name">"iam:domain::<account ID>"</span></label>
                <textarea id="wl-add" rows="2" autocomplete="off" spellcheck="false"
                    aria-invalid=move || invalid().to_string()
                    aria-describedby="wl-add-help wl-add-error"
                    prop:value=move || t.text.get()
                    on:input:target=move |ev| {
                        t.text.set(ev.target().value());
                        t.done.set(None);
                    }></textarea>
                <p class="help" id="wl-add-help">{help}</p>
                <div class="error" id="wl-add-error">
                    {move || box_problems().into_iter().map(|m| view! { <p>{m}</p> }).collect_view()}
                    {box_server_error}
                </div>
            </div>
            <div class="wl-add-actions">
                <button type="submit" id="wl-add-submit" disabled=move || t.busy.get()>{w().access().add}</button>
                <span class="muted small">{with_code(w().access().add_one_request, &["action: add"])}</span>
            </div>
            <RequestsDisclosure id="wl-add-requests" summary=w().access().add_request_summary note=note requests=requests />
        </form>
    }
}

/// Remove for the selected rows, the result of the last change, the request behind Remove.
#[component]
pub(super) fn WlActions(t: WhitelistTab) -> impl IntoView {
    let c = use_console();
    let chosen = move || {
        t.list.rows.with(|e| {
            t.selected.with(|s| {
                e.iter()
                    .filter(|e| s.contains(&e.permission))
                    .cloned()
                    .collect::<Vec<_>>()
            })
        })
    };
    let requests =
        Signal::derive(move || requests(c, &remove_actions(&chosen(), c.settings.dialect.get())));
    let note = Signal::derive(move || {
        if t.selected.with(Vec::is_empty) {
            w().access().remove_note_empty
        } else {
            w().access().remove_note_ready
        }
        .to_owned()
    });
    // A change's error that is not about one row or the box stands here.
    let toolbar_error = move || {
        if t.change_at.with(String::is_empty) {
            t.change_error.with(|e| e.as_ref().map(problem_line))
        } else {
            None
        }
    };
    view! {
        <div class="selection-bar" role="group" aria-label=w().access().wl_act_label>
            <span id="wl-selected" aria-live="polite">
                {move || match t.selected.with(Vec::len) { 0 => w().access().none_selected.to_owned(), n => fill(w().access().n_selected, &[&count(n)]) }}
            </span>
            <button type="button" class="danger" id="wl-remove"
                disabled=move || t.selected.with(Vec::is_empty) || t.busy.get()
                on:click=move |_| remove(c, t)>
                {move || match t.selected.with(Vec::len) { 0 => w().access().remove_selected.to_owned(), n => fill(w().access().remove_n_selected, &[&count(n)]) }}
            </button>
            <p id="wl-result" class="result" tabindex="-1" role="status">
                {move || t.done.get()}
                <span class="error">{toolbar_error}</span>
            </p>
        </div>
        <RequestsDisclosure id="wl-remove-requests" summary=w().access().remove_request_summary note=note requests=requests />
    }
}

/// `*` lets every account connect: said plainly, with the request, before it is sent.
#[component]
pub(super) fn EveryoneDialog(t: WhitelistTab) -> impl IntoView {
    let c = use_console();
    let close = Callback::new(move |_| t.confirm_everyone.set(false));
    let dialect = c.settings.dialect.get_untracked();
    let plan = untrack(|| typed_plan(c, t));
    let actions = plan.actions(dialect);
    let others: Vec<Grantee> = plan
        .entries
        .into_iter()
        .filter(|g| !g.is_everyone())
        .collect();
    let requests = untrack(|| requests(c, &actions));
    view! {
        <Dialog id="everyone-dialog" labelled_by="everyone-title" described_by="everyone-what" on_close=close>
            <h2 id="everyone-title">{w().access().everyone_title}</h2>
            <p id="everyone-what">{everyone_warning()}</p>
            <p hidden=others.is_empty()>{fill(w().access().also_added, &[&names(&others)])}</p>
            <details class="request-disclosure">
                <summary>{w().access().request}</summary>
                <RequestList requests=requests prefix="everyone" />
            </details>
            <div class="actions">
                <button type="button" class="secondary" id="everyone-cancel" data-autofocus="" on:click=move |_| close.run(())>{w().access().cancel}</button>
                <button type="button" class="danger" id="everyone-confirm" on:click=move |_| add(c, t, true)>
                    {w().access().everyone_confirm}
                </button>
            </div>
        </Dialog>
    }
}

split_point!(
    access,
    /// The service page's Who may connect tab.
    pub fn whitelist_panel() -> Part {
        Ok(untrack(|| view! { <WhitelistPanel /> }.into_any()))
    }
);
