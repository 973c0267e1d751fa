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
{
    let doc = document();
    if let Some(old) = doc.get_element_by_id("test-host") {
        old.remove();
    }
    let host: HtmlElement = doc.create_element("div").unwrap().unchecked_into();
    host.set_id("test-host");
    doc.body().unwrap().append_child(&host).unwrap();
    leptos::mount::mount_to(host, f).forget();
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

/// Submits a form as pressing Enter or its submit button would.
fn submit(selector: &str) {
    let form: web_sys::HtmlFormElement = document()
        .query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no {selector}"))
        .unchecked_into();
    form.request_submit().unwrap();
}

fn clear_storage() {
    let w = web_sys::window().unwrap();
    w.local_storage().unwrap().unwrap().clear().unwrap();
    w.session_storage().unwrap().unwrap().clear().unwrap();
}

#[wasm_bindgen_test]
async fn proxy_url_error_appears_on_the_field_and_clears_when_fixed() {
    clear_storage();
    mount(|| view! { <SettingsPanel state=SettingsState::load(&Default::default()) /> });
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
        let state = SettingsState::load(&Default::default());
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
    assert_eq!(session.get_item(TOKEN_KEY).unwrap(), None);
    assert_eq!(input("s-token").value(), "");
}

#[wasm_bindgen_test]
async fn loading_without_a_token_says_which_setting_is_missing() {
    clear_storage();
    mount(|| view! { <App /> });
    tick().await;
    type_into("s-project-id", project());
    type_into("service-id", web_frontend());
    tick().await;
    submit("#load-form");
    tick().await;
    let alert = document()
        .query_selector("[role=alert]")
        .unwrap()
        .expect("a banner");
    let text = alert.text_content().unwrap();
    assert!(
        text.contains("Check the settings") && text.contains("IAM token"),
        "{text}"
    );
    // The typed service id is still there.
    assert_eq!(input("service-id").value(), web_frontend());
}

/// The local API server the test command started (it answers CORS for any origin, so this
/// page, served by the test runner on another port, can call it like a cross-origin proxy).
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

async fn open_service(token: &str, service_id: &str) {
    clear_storage();
    mount(|| view! { <App /> });
    tick().await;
    type_into("s-proxy-url", local_api());
    type_into("s-project-id", project());
    type_into("s-token", token);
    type_into("service-id", service_id);
    tick().await;
    submit("#load-form");
}

#[wasm_bindgen_test]
async fn a_loaded_service_shows_as_a_card_with_its_ports() {
    open_service(token(), web_frontend()).await;
    let title = wait_for("#card-title", |t| !t.is_empty()).await;
    // The short name, cut from GET's region.name.id.
    assert_eq!(title, "web-frontend");
    let card = wait_for("article.card", |_| true).await;
    assert!(
        card.contains("available") && card.contains("Public web tier"),
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
    assert_eq!(rows, vec!["TCP808080", "TCP8443443"]);
    let line = wait_for("#status-line", |t| t.contains("HTTP 200")).await;
    assert!(line.contains("Request ID"), "{line}");
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
    assert!(button_disabled("send"));
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
    assert!(button_disabled("send"));

    type_into("f-service-name", "web-tier");
    tick().await;
    assert_eq!(text_of("f-service-name-error"), "");
    assert!(!button_disabled("send"));
}

#[wasm_bindgen_test]
async fn the_preview_shows_the_diff_and_the_exact_put() {
    open_web_frontend().await;
    type_into("f-service-name", "web-tier");
    type_into("f-description", "");
    tick().await;
    let diff = text_of("diff");
    assert!(
        diff.contains("service_name") && diff.contains("web-frontend") && diff.contains("web-tier"),
        "{diff}"
    );
    assert!(
        diff.contains("description")
            && diff.contains("Public web tier")
            && diff.contains("(empty)"),
        "{diff}"
    );
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
    assert!(button_disabled("send"));

    type_into("f-port-2-client", "2222");
    type_into("f-port-2-server", "22");
    tick().await;
    assert!(!exists("#f-port-2-client-error"));
    let warning = text_of("ports-warning");
    assert!(
        warning.contains("replaced wholesale") && warning.contains("all 3 mappings"),
        "{warning}"
    );
    assert!(text_of("diff").contains("+ TCP 2222 → 22"));

    click("button[aria-label='Duplicate row 3']");
    // A new row: the list's effect adds it, then the row's own effects fill it.
    tick().await;
    tick().await;
    assert_eq!(input("f-port-3-client").value(), "2222");
    assert!(text_of("f-port-3-client-error").contains("Same mapping as row 3"));
    assert!(button_disabled("send"));

    click("button[aria-label='Remove row 4']");
    click("button[aria-label='Remove row 1']");
    tick().await;
    assert!(!exists("#f-port-3-client"));
    let diff = text_of("diff");
    assert!(
        diff.contains("− TCP 8080 → 80") && diff.contains("+ TCP 2222 → 22"),
        "{diff}"
    );
    assert!(!button_disabled("send"));
}

#[wasm_bindgen_test]
async fn the_dialect_decides_the_backend_fields_and_protocols() {
    open_web_frontend().await;
    assert!(exists("#f-ip") && !exists("#f-vip-port-id"));
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
    assert!(!exists("#f-ip") && exists("#f-vip-port-id"));
    assert_eq!(text_of("f-port-0-protocol"), "TCPUDP");
}

/// Opens web-frontend and waits until the modify form is filled from it.
async fn open_web_frontend() {
    open_service(token(), web_frontend()).await;
    wait_for("#card-title", |t| t == "web-frontend").await;
    wait_for("#preview-state", |_| true).await;
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
