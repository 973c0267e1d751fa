//! Browser tests of the form wiring, in headless Chromium (wasm-bindgen-test).
//! The DOM is checked by id, text and ARIA attributes, as a person or screen reader sees it.
#![cfg(target_arch = "wasm32")]

use leptos::{prelude::*, task::tick};
use vpcep_console::ui::app::App;
use vpcep_console::ui::settings::{SettingsPanel, SettingsState};
use vpcep_console::ui::storage::{SETTINGS_KEY, TOKEN_KEY};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// Mounts `f` in a fresh container (the previous test's is removed, the runner's own
/// output elements are left alone) and keeps it mounted for the rest of the test.
fn mount<F, N>(f: F)
where
    F: FnOnce() -> N + 'static,
    N: IntoView,
    <N as Render>::State: 'static,
{
    // The previous test's console is unmounted first: its effects and window listeners go.
    MOUNTED.with(|m| drop(m.take()));
    let doc = document();
    if let Some(old) = doc.get_element_by_id("test-host") {
        old.remove();
    }
    let host: HtmlElement = doc.create_element("div").unwrap().unchecked_into();
    host.set_id("test-host");
    doc.body().unwrap().append_child(&host).unwrap();
    let handle: Box<dyn std::any::Any> = Box::new(leptos::mount::mount_to(host, f));
    MOUNTED.with(|m| *m.borrow_mut() = Some(handle));
}

thread_local! {
    static MOUNTED: std::cell::RefCell<Option<Box<dyn std::any::Any>>> = const { std::cell::RefCell::new(None) };
}

/// Waits `ms` of real time: only for what the network decides (see `wait_for`). Reactive
/// updates need no timer: `tick().await` lets Leptos run its pending effects.
async fn pause(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// The demo project, service and token of the local API server's seed, from the one file
/// that the scripts read too.
fn demo(key: &str) -> &'static str {
    include_str!("../local-api/seed/demo.env")
        .lines()
        .find_map(|line| line.strip_prefix(key)?.strip_prefix('='))
        .unwrap_or_else(|| panic!("{key} is not in local-api/seed/demo.env"))
}

fn project() -> &'static str {
    demo("DEMO_PROJECT_ID")
}

fn web_frontend() -> &'static str {
    demo("DEMO_SERVICE_ID")
}

fn token() -> &'static str {
    demo("DEMO_TOKEN")
}

fn input(id: &str) -> HtmlInputElement {
    document()
        .get_element_by_id(id)
        .unwrap_or_else(|| panic!("no #{id}"))
        .unchecked_into()
}

/// Types `text` as a person would: the value changes and an input event fires.
fn type_into(id: &str, text: &str) {
    let el = input(id);
    el.set_value(text);
    el.dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
}

fn text_of(id: &str) -> String {
    document()
        .get_element_by_id(id)
        .and_then(|e| e.text_content())
        .unwrap_or_default()
}

fn clear_storage() {
    set_page_query("");
    let w = web_sys::window().unwrap();
    w.local_storage().unwrap().unwrap().clear().unwrap();
    w.session_storage().unwrap().unwrap().clear().unwrap();
}

#[wasm_bindgen_test]
async fn proxy_url_error_appears_on_the_field_and_clears_when_fixed() {
    clear_storage();
    mount(
        || view! { <SettingsPanel state=SettingsState::load(&Default::default(), RwSignal::new(Vec::new())) /> },
    );
    tick().await;

    type_into("s-proxy-url", "ftp://files.example.com");
    tick().await;
    assert!(text_of("s-proxy-url-error").contains("must start with http:// or https://"));
    let field = input("s-proxy-url");
    assert_eq!(field.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert!(field
        .get_attribute("aria-describedby")
        .unwrap()
        .contains("s-proxy-url-error"));
    // What the user typed is kept.
    assert_eq!(field.value(), "ftp://files.example.com");

    // Usable, but the token would travel unencrypted: a warning, not an error.
    type_into("s-proxy-url", "http://proxy.example.com/vpcep");
    tick().await;
    assert_eq!(text_of("s-proxy-url-error"), "");
    assert!(text_of("s-proxy-url-warning").contains("unencrypted"));

    type_into("s-proxy-url", "https://console.example.com/vpcep/");
    tick().await;
    assert!(document()
        .get_element_by_id("s-proxy-url-warning")
        .is_none());
    assert_eq!(text_of("s-proxy-url-error"), "");
    let field = input("s-proxy-url");
    assert_eq!(field.get_attribute("aria-invalid"), None);
    assert!(!field
        .get_attribute("aria-describedby")
        .unwrap_or_default()
        .contains("error"));
}

#[wasm_bindgen_test]
async fn token_never_reaches_local_storage() {
    clear_storage();
    mount(|| {
        let state = SettingsState::load(&Default::default(), RwSignal::new(Vec::new()));
        state.persist();
        view! { <SettingsPanel state=state /> }
    });
    tick().await;
    type_into("s-project-id", project());
    type_into("s-token", "MIIE-secret-token-0123456789");
    tick().await;

    let local = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    let saved = local
        .get_item(SETTINGS_KEY)
        .unwrap()
        .expect("settings persist");
    assert!(saved.contains(project()));
    for i in 0..local.length().unwrap() {
        let key = local.key(i).unwrap().unwrap();
        let value = local.get_item(&key).unwrap().unwrap_or_default();
        assert!(
            !value.contains("secret-token"),
            "token leaked into localStorage[{key}]"
        );
    }
    let session = web_sys::window()
        .unwrap()
        .session_storage()
        .unwrap()
        .unwrap();
    assert_eq!(
        session.get_item(TOKEN_KEY).unwrap().as_deref(),
        Some("MIIE-secret-token-0123456789")
    );
    // The page shows it masked only.
    let page = document()
        .get_element_by_id("test-host")
        .unwrap()
        .text_content()
        .unwrap();
    assert!(page.contains("MIIE••••") && !page.contains("secret-token"));

    let clear = document()
        .query_selector("#clear-token")
        .unwrap()
        .unwrap()
        .unchecked_into::<HtmlElement>();
    clear.click();
    tick().await;
    // The token's watchers (storage, the sign-in's session) run before the field's own.
    pause(50).await;
    assert_eq!(session.get_item(TOKEN_KEY).unwrap(), None);
    assert_eq!(input("s-token").value(), "");
}

#[wasm_bindgen_test]
async fn a_token_pasted_as_the_project_id_is_refused_on_the_field_and_never_saved() {
    clear_storage();
    mount(|| {
        let state = SettingsState::load(&Default::default(), RwSignal::new(Vec::new()));
        state.persist();
        view! { <SettingsPanel state=state /> }
    });
    tick().await;
    let token = format!("MIIEhQYJKoZIhvcNAQcCoIIEdjCCBHICAQEx{}", "A".repeat(60));
    type_into("s-project-id", &token);
    tick().await;
    assert!(text_of("s-project-id-error").contains("looks like a token"));
    assert_eq!(
        input("s-project-id")
            .get_attribute("aria-invalid")
            .as_deref(),
        Some("true")
    );
    // What was typed stays in the field, but not in localStorage.
    assert_eq!(input("s-project-id").value(), token);
    let local = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    let saved = local.get_item(SETTINGS_KEY).unwrap().unwrap_or_default();
    assert!(!saved.contains("MIIE"), "{saved}");
}

#[wasm_bindgen_test]
async fn without_a_token_the_checklist_says_what_is_missing_and_nothing_loads() {
    clear_storage();
    set_page_query(&format!("?service_id={}", web_frontend()));
    mount(|| view! { <App /> });
    tick().await;
    type_into("s-proxy-url", local_api());
    type_into("s-project-id", project());
    pause(500).await;
    let checklist = text_of("checklist");
    assert!(
        checklist.contains("Project ID: done")
            && checklist.contains("Sign in (or an IAM token): to do"),
        "{checklist}"
    );
    // Nothing is asked of the server until the token is there.
    assert!(!exists("#card-title") && !exists("[role=alert]"));
    // The page still says which service it is for.
    assert!(document()
        .location()
        .unwrap()
        .search()
        .unwrap()
        .contains(web_frontend()));
}

/// The local API server the test command started. It answers CORS for loopback origins, so
/// this page, served by the test runner on another 127.0.0.1 port, can call it like a
/// cross-origin proxy.
fn local_api() -> &'static str {
    match option_env!("VPCEP_TEST_API_URL") {
        Some(url) => url,
        None => panic!(
            "VPCEP_TEST_API_URL: run the browser tests through `bash .ci/test`, which starts the local API server"
        ),
    }
}

/// Waits until `selector` matches and its text satisfies `ok`: at most 150 checks, 20 ms
/// apart, since an answer from the local API server takes real time.
async fn wait_for(selector: &str, ok: impl Fn(&str) -> bool) -> String {
    for _ in 0..150 {
        tick().await;
        if let Some(el) = document().query_selector(selector).unwrap() {
            let text = el.text_content().unwrap_or_default();
            if ok(&text) {
                return text;
            }
        }
        pause(20).await;
    }
    panic!("{selector} never showed the expected text");
}

/// Puts `query` in the page URL, as a link to the console would.
fn set_page_query(query: &str) {
    let window = web_sys::window().unwrap();
    let path = window.location().pathname().unwrap();
    window
        .history()
        .unwrap()
        .replace_state_with_url(
            &wasm_bindgen::JsValue::NULL,
            "",
            Some(&format!("{path}{query}")),
        )
        .unwrap();
}

/// Opens the console on a link to `service_id` and fills in the settings as a first
/// visitor would; the service loads once they are complete.
async fn open_service(token: &str, service_id: &str) {
    clear_storage();
    set_page_query(&format!("?service_id={service_id}"));
    mount(|| view! { <App /> });
    tick().await;
    type_into("s-proxy-url", local_api());
    type_into("s-project-id", project());
    type_into("s-token", token);
}

#[wasm_bindgen_test]
async fn a_loaded_service_shows_as_a_card_with_its_ports() {
    open_service(token(), web_frontend()).await;
    let title = wait_for("#card-title", |t| !t.is_empty()).await;
    // The short name, cut from GET's region.name.id.
    assert_eq!(title, "web-frontend");
    let card = wait_for("article.card", |_| true).await;
    assert!(
        card.contains("Available") && card.contains("Public web tier"),
        "{card}"
    );
    let rows: Vec<String> = (0..)
        .map_while(|i| {
            document()
                .query_selector(&format!("table.ports tbody tr:nth-child({})", i + 1))
                .unwrap()
        })
        .map(|r| r.text_content().unwrap())
        .collect();
    // One column order everywhere: client port, server port, protocol.
    assert_eq!(rows, vec!["808080TCP", "8443443TCP"]);
    // The settings fold into the header once they work.
    let summary = wait_for("#settings-summary", |t| t.contains("token ✓")).await;
    assert!(summary.contains(project()), "{summary}");
    wait_for("body", |_| !exists("#settings")).await;
}

#[wasm_bindgen_test]
async fn a_rejected_token_shows_the_servers_code_message_and_request_id() {
    open_service("not-the-token", web_frontend()).await;
    let banner = wait_for("[role=alert]", |t| t.contains("HTTP 401")).await;
    assert!(banner.contains("EndPoint.0003"), "{banner}");
    let rid = document()
        .query_selector("[role=alert] .request-id")
        .unwrap()
        .expect("request id shown");
    assert_eq!(rid.text_content().unwrap().len(), 32);
    assert!(banner.contains("new token"), "the hint: {banner}");
    assert!(document().query_selector("article.card").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn an_unknown_service_is_a_404_with_a_hint() {
    open_service(token(), "00000000-0000-4000-8000-000000000000").await;
    let banner = wait_for("[role=alert]", |t| t.contains("HTTP 404")).await;
    assert!(
        banner.contains("EndPoint.0005") && banner.contains("check the service ID"),
        "{banner}"
    );
}

#[wasm_bindgen_test]
async fn an_untouched_form_has_nothing_to_send() {
    open_web_frontend().await;
    // Prefilled from the service: the short name, its ports.
    assert_eq!(input("f-service-name").value(), "web-frontend");
    assert_eq!(input("f-port-1-client").value(), "8443");
    assert!(text_of("preview-state").contains("No changes"));
    assert!(button_disabled("save"));
}

#[wasm_bindgen_test]
async fn name_error_appears_disables_send_and_clears_when_fixed() {
    open_web_frontend().await;
    type_into("f-service-name", "web tier!");
    tick().await;
    assert!(text_of("f-service-name-error").contains("A space is not allowed"));
    assert_eq!(
        input("f-service-name")
            .get_attribute("aria-invalid")
            .as_deref(),
        Some("true")
    );
    assert!(input("f-service-name")
        .get_attribute("aria-describedby")
        .unwrap()
        .contains("f-service-name-error"));
    assert!(text_of("preview-state").contains("1 problem to fix"));
    assert!(button_disabled("save"));

    type_into("f-service-name", "web-tier");
    tick().await;
    assert_eq!(text_of("f-service-name-error"), "");
    assert!(!button_disabled("save"));
}

#[wasm_bindgen_test]
async fn the_preview_shows_the_diff_and_the_exact_put() {
    open_web_frontend().await;
    type_into("f-service-name", "web-tier");
    type_into("f-description", "");
    tick().await;
    let diff = text_of("diff");
    // The label first, the API name second.
    assert!(
        diff.contains("Service name: web-frontend → web-tier service_name"),
        "{diff}"
    );
    assert!(
        diff.contains("description")
            && diff.contains("Public web tier")
            && diff.contains("(empty)"),
        "{diff}"
    );
    // The exact request is behind its disclosure, drawn once it is opened.
    assert!(document()
        .query_selector(".preview .request")
        .unwrap()
        .is_none());
    document()
        .query_selector("#request-disclosure > summary")
        .unwrap()
        .unwrap()
        .dyn_into::<HtmlElement>()
        .unwrap()
        .click();
    let request = wait_for(".preview .request", |_| true).await;
    assert!(
        request.contains(&format!(
            "PUT{}{}/v1/{}/vpc-endpoint-services/{}",
            " ",
            local_api(),
            project(),
            web_frontend()
        )),
        "{request}"
    );
    // Only the changed fields, the short name, "" to clear.
    let body = text_of_selector(".preview pre.body");
    let body: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(
        body,
        serde_json::json!({"service_name": "web-tier", "description": ""})
    );
    // The token is masked on screen.
    assert!(
        request.contains("X-Auth-Token: ••••") && !request.contains(token()),
        "{request}"
    );
}

fn text_of_selector(selector: &str) -> String {
    document()
        .query_selector(selector)
        .unwrap()
        .and_then(|e| e.text_content())
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn port_rows_can_be_added_duplicated_and_removed_with_validation() {
    open_web_frontend().await;
    click("#add-port");
    tick().await;
    assert!(text_of("f-port-2-client-error").starts_with("Required"));
    assert!(button_disabled("save"));

    type_into("f-port-2-client", "2222");
    type_into("f-port-2-server", "22");
    tick().await;
    assert!(!exists("#f-port-2-client-error"));
    let diff = text_of("diff");
    assert!(diff.contains("the service will have these 3"), "{diff}");
    // The resulting list: the kept rows plain, the new one marked.
    assert_eq!(
        rows_of("#ports-diff"),
        vec!["808080TCP", "8443443TCP", "222222TCPAdded"]
    );
    assert_eq!(text_of("change-count"), "1 change");

    click("button[aria-label='Copy row 3']");
    // A new row: the list's effect adds it, then the row's own effects fill it.
    tick().await;
    tick().await;
    assert_eq!(input("f-port-3-client").value(), "2222");
    assert!(text_of("f-port-3-client-error").contains("Same mapping as row 3"));
    assert!(button_disabled("save"));

    click("button[aria-label='Remove row 4']");
    click("button[aria-label='Remove row 1']");
    tick().await;
    assert!(!exists("#f-port-3-client"));
    assert_eq!(
        rows_of("#ports-diff"),
        vec!["8443443TCP", "222222TCPAdded", "808080TCPRemoved"]
    );
    assert!(!button_disabled("save"));
}

#[wasm_bindgen_test]
async fn the_dialect_decides_the_backend_fields_and_protocols() {
    open_web_frontend().await;
    if !exists("#s-dialect") {
        click("#toggle-settings");
        tick().await;
    }
    assert!(shown("#f-ip") && !shown("#f-vip-port-id"));
    let protocols = text_of("f-port-0-protocol");
    assert_eq!(protocols, "TCP");
    let dialect: web_sys::HtmlSelectElement = document()
        .get_element_by_id("s-dialect")
        .unwrap()
        .unchecked_into();
    dialect.set_value("open_telekom");
    dialect
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    tick().await;
    assert!(!shown("#f-ip") && shown("#f-vip-port-id"));
    assert_eq!(text_of("f-port-0-protocol"), "TCPUDP");
}

/// The text of each body row of a table.
fn rows_of(table: &str) -> Vec<String> {
    let rows = document()
        .query_selector_all(&format!("{table} tbody tr"))
        .unwrap();
    (0..rows.length())
        .map(|i| rows.item(i).unwrap().text_content().unwrap())
        .collect()
}

/// Opens web-frontend and waits until the modify form is filled from it.
async fn open_web_frontend() {
    open_service(token(), web_frontend()).await;
    wait_for("#card-title", |t| t == "web-frontend").await;
    wait_for("#preview-state", |_| true).await;
    tick().await;
}

fn button_disabled(id: &str) -> bool {
    document()
        .get_element_by_id(id)
        .unwrap_or_else(|| panic!("no #{id}"))
        .has_attribute("disabled")
}

fn click(selector: &str) {
    document()
        .query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no {selector}"))
        .unchecked_into::<HtmlElement>()
        .click();
}

fn exists(selector: &str) -> bool {
    document().query_selector(selector).unwrap().is_some()
}

/// The element is there and neither it nor an ancestor is `hidden`: what a user can see.
fn shown(selector: &str) -> bool {
    document()
        .query_selector(selector)
        .unwrap()
        .is_some_and(|el| el.closest("[hidden]").unwrap().is_none())
}

#[wasm_bindgen_test]
async fn a_portal_that_offers_the_sign_in_only_shows_no_token_field() {
    clear_storage();
    let config = vpcep_console::api::config::read_config(200, r#"{"auth": "sign-in"}"#).config();
    mount(move || {
        let state = SettingsState::load(&config, RwSignal::new(Vec::new()));
        view! { <SettingsPanel state=state /> }
    });
    tick().await;
    assert!(document().get_element_by_id("si-user").is_some());
    assert!(document().get_element_by_id("si-password").is_some());
    assert!(
        document().get_element_by_id("s-token").is_none(),
        "no token to paste"
    );
    // The default: both, the sign-in first.
    mount(
        || view! { <SettingsPanel state=SettingsState::load(&Default::default(), RwSignal::new(Vec::new())) /> },
    );
    tick().await;
    assert!(document().get_element_by_id("s-token").is_some());
    let password = input("si-password");
    assert_eq!(password.type_(), "password");
    assert_eq!(
        password.get_attribute("autocomplete").as_deref(),
        Some("current-password")
    );
}
