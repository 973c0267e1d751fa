//! The demo build (cargo feature `demo`): every request the console sends is answered by the
//! local API's own simulation ([`vpcep_sim`]) running in this page, with its answers, status
//! codes, `creating` phases, errors and request ids; no request leaves the browser. The
//! simulation's state is kept in the tab (sessionStorage), so a reload keeps it. A banner says
//! so, resets it, and arms a fault for the next request (`crate::api::demo::Fault`).

use crate::api::demo::{demo_words, sim_target, Fault};
use crate::api::words::{fill, w};
use leptos::prelude::*;
use std::cell::{Cell, RefCell};
use vpcep_sim::{answers, Sim, SimConfig};

/// Where the simulation's state is kept for the tab.
const STATE_KEY: &str = "vpcep-console:demo";

/// How long an answer takes: long enough to see what the console shows while it waits.
const LATENCY_MS: u32 = 180;

thread_local! {
    static SIM: RefCell<Option<Sim>> = const { RefCell::new(None) };
    static ARMED: Cell<Option<Fault>> = const { Cell::new(None) };
    /// The banner's view of [`ARMED`], once the banner is drawn.
    static ARMED_SHOWN: Cell<Option<RwSignal<Option<Fault>>>> = const { Cell::new(None) };
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

fn now_ms() -> u64 {
    js_sys::Date::now().max(0.0) as u64
}

fn fresh_sim() -> Sim {
    Sim::new(SimConfig::default(), (js_sys::Math::random() * 9e15) as u64)
}

/// Runs `f` on the tab's simulation: the one kept in this tab, or a fresh one from the seed.
fn with_sim<T>(f: impl FnOnce(&mut Sim) -> T) -> T {
    SIM.with(|cell| {
        let mut sim = cell.borrow_mut();
        let sim = sim.get_or_insert_with(|| {
            storage()
                .and_then(|s| s.get_item(STATE_KEY).ok().flatten())
                .and_then(|text| Sim::restore(SimConfig::default(), &text))
                .unwrap_or_else(fresh_sim)
        });
        f(sim)
    })
}

fn keep(sim: &Sim) {
    if let Some(s) = storage() {
        let _ = s.set_item(STATE_KEY, &sim.snapshot());
    }
}

/// Before the console starts: on the tab's first visit, the demo's token and project are
/// filled in, so the list shows at once (signing out and in with the demo user works too).
pub fn prepare() {
    let first = storage().is_some_and(|s| s.get_item(STATE_KEY).ok().flatten().is_none());
    if first {
        with_sim(|sim| keep(sim));
        super::storage::save_token(vpcep_sim::demo::TOKEN);
    }
}

/// The config.json of a demo whose host has none (its folder copied without it): the demo's
/// project and region.
pub fn default_config() -> String {
    let region = SimConfig::default()
        .seed
        .projects
        .iter()
        .find(|p| p.project_id == vpcep_sim::demo::PROJECT)
        .map(|p| p.region.clone())
        .unwrap_or_default();
    serde_json::json!({
        "default_project_id": vpcep_sim::demo::PROJECT,
        "default_region": region,
    })
    .to_string()
}

/// An answer as the page's fetch gives it: status, headers, body.
pub type Answer = (u16, Vec<(String, String)>, String);

/// One request, answered by the simulation (or by the fault armed for it) after
/// [`LATENCY_MS`]; a cancelled request (`controller` aborted) gets none (`None`).
pub async fn exchange(
    url: &str,
    method: &str,
    headers: &[(String, String)],
    body: Option<&str>,
    controller: &web_sys::AbortController,
) -> Option<Answer> {
    super::dom::sleep_ms(LATENCY_MS).await;
    if controller.signal().aborted() {
        return None;
    }
    let (path, query) = sim_target(url);
    let fault = ARMED
        .get()
        .filter(|f| f.applies_to(method) && path != "/v3/auth/tokens");
    if fault.is_some() {
        disarm();
    }
    let reply = with_sim(|sim| {
        let request_id = sim.next_request_id();
        // A token the simulation does not know: its own 401, as for one that ran out.
        let expired;
        let headers = match fault {
            Some(Fault::Unauthorized) => {
                expired = headers
                    .iter()
                    .map(|(k, v)| match k.eq_ignore_ascii_case("x-auth-token") {
                        true => (k.clone(), "expired-demo-token".to_owned()),
                        false => (k.clone(), v.clone()),
                    })
                    .collect::<Vec<_>>();
                &expired[..]
            }
            _ => headers,
        };
        let mut answer = match fault {
            Some(Fault::Throttled) => {
                answers::throttled(answers::ThrottleCode::Apigw0308, 10, 60_000, &request_id)
            }
            Some(Fault::BadGateway) => answers::html502(),
            Some(Fault::Busy) => answers::answer(
                400,
                Some(&serde_json::json!({
                    "error_code": "EndPoint.3045",
                    "error_msg": "Other properties of the endpoint service cannot be modified in the current state (creating).",
                })),
                &[],
            ),
            Some(Fault::Unauthorized) | None => {
                let answer = sim.handle(
                    &vpcep_sim::Request {
                        method,
                        path: &path,
                        query: &query,
                        headers,
                        body: body.unwrap_or("").as_bytes(),
                        request_id: &request_id,
                    },
                    now_ms(),
                );
                keep(sim);
                answer
            }
        };
        answer.headers.push(("x-request-id".to_owned(), request_id));
        (
            answer.status,
            answer.headers,
            String::from_utf8_lossy(&answer.body).into_owned(),
        )
    });
    Some(reply)
}

fn arm(fault: Option<Fault>) {
    ARMED.set(fault);
    if let Some(shown) = ARMED_SHOWN.get() {
        shown.try_set(fault);
    }
}

fn disarm() {
    arm(None);
}

/// Back to the seed: the simulation's state is forgotten and the page starts over.
fn reset() {
    SIM.with(|cell| *cell.borrow_mut() = Some(fresh_sim()));
    with_sim(|sim| keep(sim));
    disarm();
    if let Some(location) = web_sys::window().map(|w| w.location()) {
        let _ = location.reload();
    }
}

/// The banner above the console: it is a demo, how to sign in, reset, simulate a fault.
#[component]
pub fn DemoBanner() -> impl IntoView {
    let armed = RwSignal::new(ARMED.get());
    ARMED_SHOWN.set(Some(armed));
    // The banner is not part of the console's view: it follows a switch of language by the
    // `lang` attribute the switch sets on <html>.
    let switched = RwSignal::new(0u32);
    follow_lang(move || switched.update(|n| *n += 1));
    let words = move || {
        switched.track();
        demo_words(w().lang)
    };
    let on_pick = move |ev: leptos::ev::Event| {
        arm(Fault::from_key(&event_target_value(&ev)));
    };
    view! {
        <aside class="banner info demo-banner" id="demo-banner" aria-labelledby="demo-badge">
            <p>
                <strong class="demo-badge" id="demo-badge">{move || words().badge}</strong>
                " "
                <span id="demo-what">{move || words().what}</span>
                " "
                <span id="demo-sign-in">{move || words().sign_in}</span>
            </p>
            <div class="demo-actions">
                <label for="demo-fault">{move || words().fault_label}</label>
                <select id="demo-fault" on:change=on_pick prop:value=move || armed.get().map_or("", Fault::key)>
                    <option value="">{move || words().fault_none}</option>
                    {Fault::ALL.into_iter().enumerate().map(|(i, f)| view! {
                        <option value=f.key()>{move || words().faults[i]}</option>
                    }).collect_view()}
                </select>
                <button type="button" class="secondary" id="demo-reset" on:click=move |_| reset()>
                    {move || words().reset}
                </button>
            </div>
            <p class="demo-armed" id="demo-armed" role="status">
                {move || armed.get().map(|f| {
                    let i = Fault::ALL.iter().position(|x| *x == f).unwrap_or(0);
                    fill(words().armed, &[&words().faults[i]])
                })}
            </p>
        </aside>
    }
}

/// Calls `changed` whenever `<html lang>` changes.
fn follow_lang(changed: impl Fn() + 'static) {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    let Some(html) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    else {
        return;
    };
    let callback = Closure::<dyn Fn()>::new(changed).into_js_value();
    if let Ok(observer) = web_sys::MutationObserver::new(callback.unchecked_ref()) {
        let options = web_sys::MutationObserverInit::new();
        options.set_attribute_filter(&js_sys::Array::of1(&"lang".into()));
        let _ = observer.observe_with_options(&html, &options);
    }
}

/// Draws the banner at the top of the page, before the console.
pub fn mount_banner() {
    leptos::mount::mount_to_body(DemoBanner);
}
