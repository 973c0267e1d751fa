//! The modify form: every PUT field of the selected dialect and the port-mapping editor.

use super::fields::TextField;
use crate::api::dialect::tcp_proxy_label;
use crate::api::ports::PORT_MAPPINGS_MAX;
use crate::api::{Dialect, Field, FieldError, PortDraft, ServiceDraft};
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

    fn edit_row(&self, id: u32, f: impl FnOnce(&mut PortDraft)) {
        self.rows.update(|v| {
            if let Some((_, p)) = v.iter_mut().find(|(r, _)| *r == id) {
                f(p);
            }
        });
    }
}

/// The message for `field`, if it has one.
pub fn error_for(errors: Memo<Vec<FieldError>>, field: Field) -> Signal<Option<String>> {
    Signal::derive(move || {
        errors.with(|e| {
            e.iter()
                .find(|x| x.field == field)
                .map(|x| x.message.clone())
        })
    })
}

/// One row of the port-mapping editor.
#[component]
fn PortRow(
    id: u32,
    form: FormState,
    errors: Memo<Vec<FieldError>>,
    #[prop(into)] dialect: Signal<Dialect>,
) -> impl IntoView {
    let index = Memo::new(move |_| form.rows.with(|v| v.iter().position(|(r, _)| *r == id)));
    let value = move |pick: fn(&PortDraft) -> String| {
        move || {
            form.rows.with(|v| {
                v.iter()
                    .find(|(r, _)| *r == id)
                    .map(|(_, p)| pick(p))
                    .unwrap_or_default()
            })
        }
    };
    let message = move |make: fn(usize) -> Field| {
        move || {
            let i = index.get()?;
            errors.with(|e| {
                e.iter()
                    .find(|x| x.field == make(i))
                    .map(|x| x.message.clone())
            })
        }
    };
    let dom = move |make: fn(usize) -> Field| move || index.get().map(|i| make(i).dom_id());
    let described = move |make: fn(usize) -> Field| {
        move || {
            let i = index.get()?;
            let has = errors.with(|e| e.iter().any(|x| x.field == make(i)));
            has.then(|| format!("{}-error", make(i).dom_id()))
        }
    };
    let invalid = move |make: fn(usize) -> Field| {
        move || {
            let i = index.get()?;
            errors
                .with(|e| e.iter().any(|x| x.field == make(i)))
                .then_some("true")
        }
    };
    let row_no = move || index.get().map(|i| i + 1).unwrap_or(0);
    let protocol_options = move || {
        let current = value(|p| p.protocol.clone())();
        let mut options: Vec<&'static str> = dialect.get().protocols().to_vec();
        let extra =
            (!current.is_empty() && !options.contains(&current.as_str())).then_some(current);
        options.sort();
        let mut views: Vec<_> = options
            .into_iter()
            .map(|p| view! { <option value=p>{p}</option> }.into_any())
            .collect();
        if let Some(x) = extra {
            views.push(
                view! { <option value=x.clone()>{format!("{x} (not available)")}</option> }
                    .into_any(),
            );
        }
        views
    };
    let row_errors = move || {
        [Field::ClientPort as fn(usize) -> Field, Field::ServerPort, Field::Protocol]
            .into_iter()
            .filter_map(|make| {
                let text = message(make)()?;
                Some(view! { <p class="error" id=format!("{}-error", index.get().map(|i| make(i).dom_id()).unwrap_or_default())>{text}</p> })
            })
            .collect_view()
    };
    view! {
        <li class="port-row">
            <div class="port-inputs">
                <span class="row-no" aria-hidden="true">{row_no}</span>
                <input
                    class="port client"
                    id=dom(Field::ClientPort)
                    inputmode="numeric"
                    autocomplete="off"
                    aria-label=move || format!("Row {} client port", row_no())
                    prop:value=value(|p| p.client_port.clone())
                    on:input:target=move |ev| form.edit_row(id, |p| p.client_port = ev.target().value())
                    aria-invalid=invalid(Field::ClientPort)
                    aria-describedby=described(Field::ClientPort)
                />
                <span class="arrow" aria-hidden="true">"→"</span>
                <input
                    class="port server"
                    id=dom(Field::ServerPort)
                    inputmode="numeric"
                    autocomplete="off"
                    aria-label=move || format!("Row {} server port", row_no())
                    prop:value=value(|p| p.server_port.clone())
                    on:input:target=move |ev| form.edit_row(id, |p| p.server_port = ev.target().value())
                    aria-invalid=invalid(Field::ServerPort)
                    aria-describedby=described(Field::ServerPort)
                />
                <select
                    class="protocol"
                    id=dom(Field::Protocol)
                    aria-label=move || format!("Row {} protocol", row_no())
                    prop:value=value(|p| p.protocol.clone())
                    on:change:target=move |ev| form.edit_row(id, |p| p.protocol = ev.target().value())
                    aria-invalid=invalid(Field::Protocol)
                    aria-describedby=described(Field::Protocol)
                >
                    {protocol_options}
                </select>
                <button
                    type="button"
                    class="icon"
                    title="Duplicate this mapping"
                    aria-label=move || format!("Duplicate row {}", row_no())
                    disabled=move || form.rows.with(|v| v.len() >= PORT_MAPPINGS_MAX)
                    on:click=move |_| form.duplicate_row(id)
                >
                    "Copy"
                </button>
                <button
                    type="button"
                    class="icon danger"
                    title="Remove this mapping"
                    aria-label=move || format!("Remove row {}", row_no())
                    on:click=move |_| form.remove_row(id)
                >
                    "✕"
                </button>
            </div>
            {row_errors}
        </li>
    }
}

/// Every field of the PUT for the selected dialect.
#[component]
pub fn ModifyFields(
    form: FormState,
    errors: Memo<Vec<FieldError>>,
    #[prop(into)] dialect: Signal<Dialect>,
) -> impl IntoView {
    let tcp_proxy_options = move || {
        let current = form.tcp_proxy.get();
        let values = dialect.get().tcp_proxy_values();
        let mut views: Vec<_> = Vec::new();
        if current.is_empty() {
            views.push(view! { <option value="">"(not set: leave as it is)"</option> }.into_any());
        }
        for v in values {
            views.push(
                view! { <option value=*v>{format!("{v} — {}", tcp_proxy_label(v))}</option> }
                    .into_any(),
            );
        }
        if !current.is_empty() && !values.contains(&current.as_str()) {
            views.push(view! { <option value=current.clone()>{format!("{current} (not available)")}</option> }.into_any());
        }
        views
    };
    let tcp_error = error_for(errors, Field::TcpProxy);
    let ports_error = error_for(errors, Field::Ports);
    view! {
        <fieldset class="group">
            <legend>"Service"</legend>
            <div class="field check">
                <input type="checkbox" id="f-approval" bind:checked=form.approval />
                <label for="f-approval">"Connections need approval"</label>
                <p class="help" id="f-approval-help">"When on, a new VPC endpoint waits until you accept it."</p>
            </div>
            <TextField
                id="f-service-name"
                label="Service name"
                value=form.name
                error=error_for(errors, Field::ServiceName)
                help="The short name: 0–16 letters, digits, _ and -. The cloud adds the region and ID around it."
            />
            <TextField
                id="f-description"
                label="Description"
                value=form.description
                error=error_for(errors, Field::Description)
                help="At most 128 characters, no < or >. Empty clears it."
            />
            <div class="field" class:invalid=move || tcp_error.get().is_some()>
                <label for="f-tcp-proxy">"Client address to the backend (tcp_proxy)"</label>
                <select
                    id="f-tcp-proxy"
                    prop:value=move || form.tcp_proxy.get()
                    on:change:target=move |ev| form.tcp_proxy.set(ev.target().value())
                    aria-invalid=move || tcp_error.get().is_some().then_some("true")
                    aria-describedby=move || tcp_error.get().map(|_| "f-tcp-proxy-error")
                >
                    {tcp_proxy_options}
                </select>
                <p class="error" id="f-tcp-proxy-error">{move || tcp_error.get()}</p>
            </div>
        </fieldset>
        <fieldset class="group">
            <legend>"Backend"</legend>
            <TextField
                id="f-port-id"
                label="Backend port ID"
                value=form.port_id
                error=error_for(errors, Field::PortId)
                help="UUID of the load balancer's VIP port or the server's NIC."
            />
            {move || dialect.get().has_ip().then(|| view! {
                <TextField
                    id="f-ip"
                    label="Backend IP or domain"
                    value=form.ip
                    error=error_for(errors, Field::Ip)
                    help="IPv4 address or domain name. It cannot change in the same request as the port ID."
                />
            })}
            {move || dialect.get().has_vip_port_id().then(|| view! {
                <TextField
                    id="f-vip-port-id"
                    label="Virtual IP port ID"
                    value=form.vip_port_id
                    error=error_for(errors, Field::VipPortId)
                    help="UUID of the NIC the virtual IP address is bound to."
                />
            })}
        </fieldset>
        <fieldset class="group ports-editor" aria-describedby="ports-note">
            <legend>"Port mappings"</legend>
            <p class="note warn" id="ports-note">
                "The API replaces the whole list: after saving, the service has exactly these mappings. "
                {move || format!("1 to {PORT_MAPPINGS_MAX} rows; {} now.", form.rows.with(|v| v.len()))}
            </p>
            <div class="port-head" aria-hidden="true">
                <span></span>
                <span>"Client port"</span>
                <span></span>
                <span>"Server port"</span>
                <span>"Protocol"</span>
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
                "+ Add mapping"
            </button>
        </fieldset>
    }
}
