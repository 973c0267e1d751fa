//! The page of connections, one row each, with what the last action did to it.

use super::state::{run, ConnectionsTab};
use crate::api::connections::{Connection, ConnectionAction, ConnectionsInput};
use crate::api::dialect::Dialect;
use crate::api::words::{fill, w};
use crate::ui::card::Time;
use crate::ui::controls::with_code;
use crate::ui::controls::PickBox;
use crate::ui::state::use_console;
use leptos::prelude::*;

/// The page of connections.
#[component]
pub(super) fn ConnTable(t: ConnectionsTab) -> impl IntoView {
    let c = use_console();
    let page_ids = move || {
        t.list
            .rows
            .with(|r| r.iter().map(|c| c.id.clone()).collect::<Vec<_>>())
    };
    let all_ticked = move || {
        let ids = page_ids();
        !ids.is_empty() && t.selected.with(|s| ids.iter().all(|id| s.contains(id)))
    };
    let some_ticked = move || t.selected.with(|s| !s.is_empty()) && !all_ticked();
    let toggle_all = Callback::new(move |_| {
        if all_ticked() {
            t.selected.set(Vec::new());
        } else {
            t.selected.set(page_ids());
        }
    });
    view! {
        <div class="scroll">
            // Only Huawei Cloud's connections carry a description: no empty column elsewhere.
            <table class="services conn-table" id="conn-table" class:no-desc=move || c.settings.dialect.get() != Dialect::Huawei>
                <caption class="visually-hidden">{w().access().conn_caption}</caption>
                <thead>
                    <tr>
                        <th scope="col" class="pick-cell">
                            <PickBox id="conn-pick-page" checked=Signal::derive(all_ticked) mixed=Signal::derive(some_ticked)
                                on_toggle=toggle_all label=w().access().conn_pick_page.to_owned() />
                        </th>
                        <th scope="col">{w().access().conn_col_endpoint} <span class="api-name">"id · domain_id"</span></th>
                        <th scope="col">{w().access().conn_col_marker}</th>
                        <th scope="col">{w().access().status}</th>
                        <th scope="col" class="opt desc">{w().core.field_description}</th>
                        <th scope="col" class="opt">{w().access().conn_col_times}</th>
                        <th scope="col">{w().access().conn_col_actions}</th>
                    </tr>
                </thead>
                <tbody>
                    {move || t.list.rows.get().into_iter().map(|conn| view! { <ConnRow conn=conn t=t /> }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// One connection.
#[component]
pub(super) fn ConnRow(conn: Connection, t: ConnectionsTab) -> impl IntoView {
    let c = use_console();
    let id = conn.id.clone();
    let dom = ConnectionsInput::Row(id.clone()).dom_id();
    let note_id = format!("{dom}-error");
    let status = conn.status.clone();
    let failure = conn
        .error
        .first()
        .and_then(|e| e.error_message.clone())
        .unwrap_or_default();
    let note = {
        let id = id.clone();
        move || t.notes.with(|n| n.iter().find(|n| n.0 == id).cloned())
    };
    let note_text = {
        let note = note.clone();
        move || note().map(|n| n.1)
    };
    let note_tone = move || format!("row-note tone-{}", note().map(|n| n.2).unwrap_or(""));
    let (can_accept, can_reject) = (
        conn.allows(ConnectionAction::Accept),
        conn.allows(ConnectionAction::Reject),
    );
    let pick = id.clone();
    let ticked = id.clone();
    let accept_id = id.clone();
    let reject_id = id.clone();
    view! {
        <tr id=dom.clone() class="conn-row" data-id=id.clone()>
            <td class="pick-cell">
                <PickBox checked=Signal::derive(move || t.selected.with(|s| s.contains(&ticked)))
                    on_toggle=Callback::new(move |_| t.selected.update(|s| {
                        if let Some(i) = s.iter().position(|x| *x == pick) { s.remove(i); } else { s.push(pick.clone()); }
                    }))
                    label=fill(w().access().conn_pick_row, &[&id]) />
            </td>
            <th scope="row">
                <code class="endpoint">{id.clone()}</code>
                <span class="account small muted">{with_code(w().access().conn_account, &[conn.domain_id.as_deref().unwrap_or("—")])}</span>
            </th>
            <td class="marker"><code>{conn.marker_id.clone().unwrap_or_else(|| "—".into())}</code></td>
            <td class="status">
                <span class=format!("badge conn-status status-{}", status.as_str())>{status.label().to_owned()}</span>
                <span class="api-name">{status.as_str().to_owned()}</span>
                <p class="small fail" hidden=failure.is_empty()>{failure.clone()}</p>
            </td>
            <td class="opt desc">{conn.description.clone().filter(|d| !d.is_empty()).unwrap_or_else(|| "—".into())}</td>
            <td class="opt times"><Time iso=conn.created_at.clone() /><span class="muted"><Time iso=conn.updated_at.clone() /></span></td>
            <td class="row-actions">
                <button type="button" class="secondary row-accept" hidden=!can_accept
                    aria-describedby=note_id.clone()
                    disabled=move || t.driver.running()
                    on:click=move |_| run(c, t, ConnectionAction::Accept, vec![accept_id.clone()])>
                    {w().access().accept}<span class="visually-hidden">{fill(w().access().row_button_endpoint, &[&id])}</span>
                </button>
                <button type="button" class="danger row-reject" hidden=!can_reject
                    aria-describedby=note_id.clone()
                    disabled=move || t.driver.running()
                    on:click=move |_| t.confirm.set(vec![reject_id.clone()])>
                    {w().access().reject_ellipsis}<span class="visually-hidden">{fill(w().access().row_button_endpoint, &[&conn.id])}</span>
                </button>
                <p class=note_tone id=note_id>{note_text}</p>
            </td>
        </tr>
    }
}
