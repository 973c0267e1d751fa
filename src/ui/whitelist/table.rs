//! The page of whitelist entries, one row each.

use super::state::{problem_line, WhitelistTab};
use crate::api::dialect::Dialect;
use crate::api::whitelist::{Grantee, PermissionEntry, WhitelistInput};
use crate::api::words::{fill, w};
use crate::ui::card::Time;
use crate::ui::controls::PickBox;
use crate::ui::state::use_console;
use leptos::prelude::*;

/// The page of whitelist entries.
#[component]
pub(super) fn WlTable(t: WhitelistTab) -> impl IntoView {
    let c = use_console();
    let page_keys = move || {
        t.list
            .rows
            .with(|e| e.iter().map(|e| e.permission.clone()).collect::<Vec<_>>())
    };
    let all_ticked = move || {
        let keys = page_keys();
        !keys.is_empty() && t.selected.with(|s| keys.iter().all(|k| s.contains(k)))
    };
    let some_ticked = move || t.selected.with(|s| !s.is_empty()) && !all_ticked();
    let toggle_all = Callback::new(move |_| {
        if all_ticked() {
            t.selected.set(Vec::new());
        } else {
            t.selected.set(page_keys());
        }
    });
    view! {
        <div class="scroll">
            // Huawei Cloud's entries carry no description: no empty column there.
            <table class="services wl-table" id="wl-table" class:no-desc=move || c.settings.dialect.get() == Dialect::Huawei>
                <caption class="visually-hidden">{w().access().wl_caption}</caption>
                <thead>
                    <tr>
                        <th scope="col" class="pick-cell">
                            <PickBox id="wl-pick-page" checked=Signal::derive(all_ticked) mixed=Signal::derive(some_ticked)
                                on_toggle=toggle_all label=w().access().wl_pick_page.to_owned() />
                        </th>
                        <th scope="col">{w().access().wl_col_who} <span class="api-name">"permission"</span></th>
                        <th scope="col" class="opt">{w().access().wl_col_type} <span class="api-name">"permission_type"</span></th>
                        <th scope="col" class="opt desc">{w().core.field_description}</th>
                        <th scope="col">{w().access().wl_col_added}</th>
                    </tr>
                </thead>
                <tbody>
                    {move || t.list.rows.get().into_iter().map(|entry| view! { <EntryRow entry=entry t=t /> }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// One whitelist entry.
#[component]
pub(super) fn EntryRow(entry: PermissionEntry, t: WhitelistTab) -> impl IntoView {
    let key = entry.permission.clone();
    let dom = WhitelistInput::Entry(entry.grantee().permission()).dom_id();
    let error_id = format!("{dom}-error");
    let grantee = entry.grantee();
    let a = w().access();
    let kind = match (&grantee, entry.permission_type.as_deref()) {
        (Grantee::Everyone, _) => a.kind_everyone,
        (Grantee::OrgPath(_), _) => a.kind_org_path,
        (_, Some("orgPath")) => a.kind_org_path,
        _ => a.kind_account,
    };
    let sent = grantee.permission();
    let error = move || {
        if t.change_at.with(|at| *at == sent) {
            t.change_error.with(|e| e.as_ref().map(problem_line))
        } else {
            None
        }
    };
    let ticked = key.clone();
    let pick = key.clone();
    view! {
        <tr id=dom class="wl-row" data-permission=key.clone() class:everyone=grantee.is_everyone()>
            <td class="pick-cell">
                <PickBox checked=Signal::derive(move || t.selected.with(|s| s.contains(&ticked)))
                    on_toggle=Callback::new(move |_| t.selected.update(|s| {
                        if let Some(i) = s.iter().position(|x| *x == pick) { s.remove(i); } else { s.push(pick.clone()); }
                    }))
                    label=fill(a.wl_pick_row, &[&key]) described_by=error_id.clone() />
            </td>
            <th scope="row">
                <span class="who" hidden=!grantee.is_everyone()>{a.kind_everyone}</span>
                <code class="entry">{entry.permission.clone()}</code>
                <p class="error small" id=error_id>{error}</p>
            </th>
            <td class="opt">{kind} <span class="api-name">{entry.permission_type.clone().unwrap_or_default()}</span></td>
            <td class="opt desc">{entry.description.clone().filter(|d| !d.is_empty()).unwrap_or_else(|| "—".into())}</td>
            <td><Time iso=entry.created_at.clone() /></td>
        </tr>
    }
}
