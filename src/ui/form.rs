//! The modify form: every PUT field of the selected dialect and the port-mapping editor.

use super::field::{LabeledField, TextInput};
use crate::api::dialect::tcp_proxy_label;
use crate::api::ports::PORT_MAPPINGS_MAX;
use crate::api::words::{count, field_label, fill, w};
use crate::api::{Dialect, Field as FormField, FieldError, PortDraft, ServiceDraft};
use leptos::prelude::*;

/// The form's values, one signal per field; port rows carry a stable id so that
/// editing one row never re-creates the others (and never steals the focus).
#[derive(Clone, Copy)]
pub struct FormState {
    pub approval: RwSignal<bool>,
    pub name: RwSignal<String>,
    pub description: RwSignal<String>,
    pub tcp_proxy: RwSignal<String>,
    pub port_id: RwSignal<String>,
    pub vip_port_id: RwSignal<String>,
    pub ip: RwSignal<String>,
    pub rows: RwSignal<Vec<(u32, PortDraft)>>,
    next_id: StoredValue<u32>,
}

impl Default for FormState {
    fn default() -> Self {
        FormState {
            approval: RwSignal::new(true),
            name: RwSignal::new(String::new()),
            description: RwSignal::new(String::new()),
            tcp_proxy: RwSignal::new(String::new()),
            port_id: RwSignal::new(String::new()),
            vip_port_id: RwSignal::new(String::new()),
            ip: RwSignal::new(String::new()),
            rows: RwSignal::new(Vec::new()),
            next_id: StoredValue::new(0),
        }
    }
}

impl FormState {
    fn new_id(&self) -> u32 {
        let id = self.next_id.get_value();
        self.next_id.set_value(id + 1);
        id
    }

    /// Puts `d` in the form (after a load or a save).
    pub fn reset(&self, d: &ServiceDraft) {
        self.approval.set(d.approval_enabled);
        self.name.set(d.service_name.clone());
        self.description.set(d.description.clone());
        self.tcp_proxy.set(d.tcp_proxy.clone());
        self.port_id.set(d.port_id.clone());
        self.vip_port_id.set(d.vip_port_id.clone());
        self.ip.set(d.ip.clone());
        let rows = d.ports.iter().map(|p| (self.new_id(), p.clone())).collect();
        self.rows.set(rows);
    }

    /// The draft as typed, untracked (for event handlers and async work).
    pub fn draft_untracked(&self) -> ServiceDraft {
        untrack(|| self.draft())
    }

    /// The draft as typed (tracked).
    pub fn draft(&self) -> ServiceDraft {
        ServiceDraft {
            approval_enabled: self.approval.get(),
            service_name: self.name.get(),
            description: self.description.get(),
            tcp_proxy: self.tcp_proxy.get(),
            port_id: self.port_id.get(),
            vip_port_id: self.vip_port_id.get(),
            ip: self.ip.get(),
            ports: self
                .rows
                .with(|v| v.iter().map(|(_, p)| p.clone()).collect()),
        }
    }

    pub fn add_row(&self) {
        let id = self.new_id();
        self.rows.update(|v| v.push((id, PortDraft::empty())));
    }

    pub fn duplicate_row(&self, id: u32) {
        let new = self.new_id();
        self.rows.update(|v| {
            if let Some(i) = v.iter().position(|(r, _)| *r == id) {
                let copy = v[i].1.clone();
                v.insert(i + 1, (new, copy));
            }
        });
    }

    pub fn remove_row(&self, id: u32) {
        self.rows.update(|v| v.retain(|(r, _)| *r != id));
    }

    pub fn edit_row(&self, id: u32, f: impl FnOnce(&mut PortDraft)) {
        self.rows.update(|v| {
            if let Some((_, p)) = v.iter_mut().find(|(r, _)| *r == id) {
                f(p);
            }
        });
    }
}

/// The message for `field`, if it has one.
pub fn error_for(errors: Memo<Vec<FieldError>>, field: FormField) -> Signal<Option<String>> {
    Signal::derive(move || {
        errors.with(|e| {
            e.iter()
                .find(|x| x.field == field)
                .map(|x| x.message.clone())
        })
    })
}

/// What one port row shows, in one memo: a keystroke in a row re-renders that row only.
#[derive(Clone, PartialEq)]
struct RowView {
    index: usize,
    port: PortDraft,
    client_error: Option<String>,
    server_error: Option<String>,
    protocol_error: Option<String>,
}

/// One row of the port-mapping editor.
#[component]
fn PortRow(
    id: u32,
    form: FormState,
    errors: Memo<Vec<FieldError>>,
    dialect: RwSignal<Dialect>,
) -> impl IntoView {
    let row = Memo::new(move |_| {
        let (index, port) = form.rows.with(|v| {
            v.iter()
                .enumerate()
                .find(|(_, (r, _))| *r == id)
                .map(|(i, (_, p))| (i, p.clone()))
                .unwrap_or_default()
        });
        let message = |field: FormField| {
            errors.with(|e| {
                e.iter()
                    .find(|x| x.field == field)
                    .map(|x| x.message.clone())
            })
        };
        RowView {
            index,
            port,
            client_error: message(FormField::ClientPort(index)),
            server_error: message(FormField::ServerPort(index)),
            protocol_error: message(FormField::Protocol(index)),
        }
    });
    let dom = move |make: fn(usize) -> FormField| move || make(row.with(|r| r.index)).dom_id();
    let described = move |make: fn(usize) -> FormField, pick: fn(&RowView) -> bool| {
        move || {
            row.with(pick)
                .then(|| format!("{}-error", make(row.with(|r| r.index)).dom_id()))
        }
    };
    let row_no = move || row.with(|r| r.index + 1);
    let protocol_options = move || {
        let current = row.with(|r| r.port.protocol.clone());
        let mut options: Vec<&'static str> = dialect.get().protocols().to_vec();
        options.sort();
        let extra =
            (!current.is_empty() && !options.contains(&current.as_str())).then_some(current);
        let mut views: Vec<_> = options
            .into_iter()
            .map(|p| view! { <option value=p>{p}</option> }.into_any())
            .collect();
        if let Some(x) = extra {
            views.push(
                view! { <option value=x.clone()>{fill(w().page.not_available, &[&x])}</option> }
                    .into_any(),
            );
        }
        views
    };
    let row_errors = move || {
        let r = row.get();
        [
            (FormField::ClientPort(r.index), r.client_error),
            (FormField::ServerPort(r.index), r.server_error),
            (FormField::Protocol(r.index), r.protocol_error),
        ]
        .into_iter()
        .filter_map(|(field, text)| {
            let text = text?;
            Some(view! { <p class="error" id=format!("{}-error", field.dom_id())>{text}</p> })
        })
        .collect_view()
    };
    view! {
        <li class="port-row">
            <div class="port-inputs">
                <span class="row-no" aria-hidden="true">{row_no}</span>
                <input
                    class="port client"
                    id=dom(FormField::ClientPort)
                    inputmode="numeric"
                    autocomplete="off"
                    aria-label=move || fill(w().page.row_client_port, &[&row_no()])
                    prop:value=move || row.with(|r| r.port.client_port.clone())
                    on:input:target=move |ev| form.edit_row(id, |p| p.client_port = ev.target().value())
                    aria-invalid=move || row.with(|r| r.client_error.is_some()).then_some("true")
                    aria-describedby=described(FormField::ClientPort, |r| r.client_error.is_some())
                />
                <span class="arrow" aria-hidden="true">"→"</span>
                <input
                    class="port server"
                    id=dom(FormField::ServerPort)
                    inputmode="numeric"
                    autocomplete="off"
                    aria-label=move || fill(w().page.row_server_port, &[&row_no()])
                    prop:value=move || row.with(|r| r.port.server_port.clone())
                    on:input:target=move |ev| form.edit_row(id, |p| p.server_port = ev.target().value())
                    aria-invalid=move || row.with(|r| r.server_error.is_some()).then_some("true")
                    aria-describedby=described(FormField::ServerPort, |r| r.server_error.is_some())
                />
                <select
                    class="protocol"
                    id=dom(FormField::Protocol)
                    aria-label=move || fill(w().page.row_protocol, &[&row_no()])
                    prop:value=move || row.with(|r| r.port.protocol.clone())
                    on:change:target=move |ev| form.edit_row(id, |p| p.protocol = ev.target().value())
                    aria-invalid=move || row.with(|r| r.protocol_error.is_some()).then_some("true")
                    aria-describedby=described(FormField::Protocol, |r| r.protocol_error.is_some())
                >
                    {protocol_options}
                </select>
                <button
                    type="button"
                    class="icon"
                    title=w().page.duplicate_mapping
                    aria-label=move || fill(w().page.copy_row, &[&row_no()])
                    disabled=move || form.rows.with(|v| v.len() >= PORT_MAPPINGS_MAX)
                    on:click=move |_| form.duplicate_row(id)
                >
                    {w().page.copy}
                </button>
                <button
                    type="button"
                    class="icon danger"
                    title=w().page.remove_mapping
                    aria-label=move || fill(w().page.remove_row, &[&row_no()])
                    on:click=move |_| form.remove_row(id)
                >
                    {w().page.remove}
                </button>
            </div>
            {row_errors}
        </li>
    }
}

/// A select for the enclosing [`Field`] of `tcp_proxy`'s values in the dialect.
#[component]
fn TcpProxySelect(form: FormState, dialect: RwSignal<Dialect>) -> impl IntoView {
    let f = super::field::use_field();
    let options = move || {
        let current = form.tcp_proxy.get();
        let values = dialect.get().tcp_proxy_values();
        let mut views: Vec<_> = Vec::new();
        if current.is_empty() {
            views.push(view! { <option value="">{w().page.tcp_proxy_not_set}</option> }.into_any());
        }
        for v in values {
            views.push(
                view! { <option value=*v>{format!("{} · {v}", tcp_proxy_label(v))}</option> }
                    .into_any(),
            );
        }
        if !current.is_empty() && !values.contains(&current.as_str()) {
            views.push(view! { <option value=current.clone()>{fill(w().page.not_available, &[&current])}</option> }.into_any());
        }
        views
    };
    view! {
        <select
            id=f.id
            prop:value=move || form.tcp_proxy.get()
            on:change:target=move |ev| form.tcp_proxy.set(ev.target().value())
            aria-invalid=move || f.invalid.get().then_some("true")
            aria-describedby=move || f.described_by.get()
        >
            {options}
        </select>
    }
}

/// Every field of the PUT for the selected dialect.
#[component]
pub fn ModifyFields(
    form: FormState,
    errors: Memo<Vec<FieldError>>,
    dialect: RwSignal<Dialect>,
) -> impl IntoView {
    let ports_error = error_for(errors, FormField::Ports);
    view! {
        <fieldset class="group">
            <legend>{w().page.group_service}</legend>
            <div class="field check">
                <input
                    type="checkbox"
                    id="f-approval"
                    aria-describedby="f-approval-help"
                    prop:checked=form.approval
                    on:change=super::field::set_checked(form.approval)
                />
                <label for="f-approval">
                    {field_label("approval_enabled")}
                    <code class="api-name">"approval_enabled"</code>
                </label>
                <p class="help" id="f-approval-help">{w().page.approval_help}</p>
            </div>
            <LabeledField
                id="f-service-name"
                label=field_label("service_name")
                api="service_name"
                error=error_for(errors, FormField::ServiceName)
                help=w().page.name_help
            >
                <TextInput value=form.name />
            </LabeledField>
            <LabeledField
                id="f-description"
                label=field_label("description")
                api="description"
                error=error_for(errors, FormField::Description)
                help=w().page.description_help
            >
                <TextInput value=form.description />
            </LabeledField>
            <LabeledField
                id="f-tcp-proxy"
                label=field_label("tcp_proxy")
                api="tcp_proxy"
                error=error_for(errors, FormField::TcpProxy)
                help=w().page.tcp_proxy_help
            >
                <TcpProxySelect form=form dialect=dialect />
            </LabeledField>
        </fieldset>
        <fieldset class="group">
            <legend>{w().page.group_backend}</legend>
            <LabeledField
                id="f-port-id"
                label=field_label("port_id")
                api="port_id"
                error=error_for(errors, FormField::PortId)
                help=w().page.port_id_help
            >
                <TextInput value=form.port_id />
            </LabeledField>
            <div class="field-slot" hidden=move || !dialect.get().has_ip()>
                <LabeledField
                    id="f-ip"
                    label=field_label("ip")
                    api="ip"
                    error=error_for(errors, FormField::Ip)
                    help=w().page.ip_help
                >
                    <TextInput value=form.ip />
                </LabeledField>
            </div>
            <div class="field-slot" hidden=move || !dialect.get().has_vip_port_id()>
                <LabeledField
                    id="f-vip-port-id"
                    label=field_label("vip_port_id")
                    api="vip_port_id"
                    error=error_for(errors, FormField::VipPortId)
                    help=w().page.vip_port_id_help
                >
                    <TextInput value=form.vip_port_id />
                </LabeledField>
            </div>
        </fieldset>
        <fieldset class="group ports-editor" id="f-ports" tabindex="-1" aria-describedby="ports-note">
            <legend>{field_label("ports")}" "<code class="api-name">"ports"</code></legend>
            <p class="note warn" id="ports-note">
                {move || fill(w().page.ports_note, &[&PORT_MAPPINGS_MAX, &count(form.rows.with(|v| v.len()))])}
            </p>
            <div class="port-head" aria-hidden="true">
                <span></span>
                <span>{w().core.client_port}</span>
                <span></span>
                <span>{w().core.server_port}</span>
                <span>{w().core.protocol}</span>
            </div>
            <ul class="port-rows">
                <For
                    each=move || form.rows.with(|v| v.iter().map(|(id, _)| *id).collect::<Vec<_>>())
                    key=|id| *id
                    children=move |id| view! { <PortRow id=id form=form errors=errors dialect=dialect /> }
                />
            </ul>
            <p class="error" id="f-ports-error" role="status">{move || ports_error.get()}</p>
            <button
                type="button"
                class="secondary"
                id="add-port"
                disabled=move || form.rows.with(|v| v.len() >= PORT_MAPPINGS_MAX)
                on:click=move |_| form.add_row()
            >
                {w().page.add_mapping}
            </button>
        </fieldset>
    }
}
