//! Browser tests of the form wiring, in headless Chromium (wasm-bindgen-test).
//! The DOM is checked by id, text and ARIA attributes, as a person or screen reader sees it.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use vpcep_console::ui::app::{App, SettingsPanel, SettingsState};
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

/// Leptos applies effects and reactive attributes a moment later: yield to the event loop.
async fn settle() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 20)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
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
    let w = web_sys::window().unwrap();
    w.local_storage().unwrap().unwrap().clear().unwrap();
    w.session_storage().unwrap().unwrap().clear().unwrap();
}

#[wasm_bindgen_test]
async fn proxy_url_error_appears_on_the_field_and_clears_when_fixed() {
    clear_storage();
    mount(|| view! { <SettingsPanel state=SettingsState::load() /> });
    settle().await;

    type_into("s-proxy-url", "ftp://files.example.com");
    settle().await;
    assert!(text_of("s-proxy-url-error").contains("must start with http:// or https://"));
    let field = input("s-proxy-url");
    assert_eq!(field.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert!(field
        .get_attribute("aria-describedby")
        .unwrap()
        .contains("s-proxy-url-error"));
    // What the user typed is kept.
    assert_eq!(field.value(), "ftp://files.example.com");

    type_into("s-proxy-url", "https://console.example.com/vpcep/");
    settle().await;
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
        let state = SettingsState::load();
        state.persist();
        view! { <SettingsPanel state=state /> }
    });
    settle().await;
    type_into("s-project-id", "2b0c8e3f6a4d4e1b9c7f5a3d1e0b8c6a");
    type_into("s-token", "MIIE-secret-token-0123456789");
    settle().await;

    let local = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    let saved = local
        .get_item(SETTINGS_KEY)
        .unwrap()
        .expect("settings persist");
    assert!(saved.contains("2b0c8e3f6a4d4e1b9c7f5a3d1e0b8c6a"));
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
        .query_selector("#test-host button.secondary")
        .unwrap()
        .unwrap()
        .unchecked_into::<HtmlElement>();
    clear.click();
    settle().await;
    assert_eq!(session.get_item(TOKEN_KEY).unwrap(), None);
    assert_eq!(input("s-token").value(), "");
}

#[wasm_bindgen_test]
async fn loading_without_a_token_says_which_setting_is_missing() {
    clear_storage();
    mount(App);
    settle().await;
    type_into("s-project-id", "2b0c8e3f6a4d4e1b9c7f5a3d1e0b8c6a");
    type_into("service-id", "4189d3c2-8882-4871-a3c2-d380272eed83");
    settle().await;
    let form: web_sys::HtmlFormElement = document()
        .query_selector("form.load")
        .unwrap()
        .unwrap()
        .unchecked_into();
    form.request_submit().unwrap();
    settle().await;
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
    assert_eq!(
        input("service-id").value(),
        "4189d3c2-8882-4871-a3c2-d380272eed83"
    );
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

/// Waits, bounded, until `selector` matches and its text satisfies `ok`.
async fn wait_for(selector: &str, ok: impl Fn(&str) -> bool) -> String {
    for _ in 0..150 {
        if let Some(el) = document().query_selector(selector).unwrap() {
            let text = el.text_content().unwrap_or_default();
            if ok(&text) {
                return text;
            }
        }
        settle().await;
    }
    panic!("{selector} never showed the expected text");
}

async fn open_service(token: &str, service_id: &str) {
    clear_storage();
    mount(App);
    settle().await;
    type_into("s-proxy-url", local_api());
    type_into("s-project-id", "2b0c8e3f6a4d4e1b9c7f5a3d1e0b8c6a");
    type_into("s-token", token);
    type_into("service-id", service_id);
    settle().await;
    let form: web_sys::HtmlFormElement = document()
        .query_selector("form.load")
        .unwrap()
        .unwrap()
        .unchecked_into();
    form.request_submit().unwrap();
}

#[wasm_bindgen_test]
async fn a_loaded_service_shows_as_a_card_with_its_ports() {
    open_service("demo-token", "4189d3c2-8882-4871-a3c2-d380272eed83").await;
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
    let line = wait_for(".result-line", |t| t.contains("HTTP 200")).await;
    assert!(line.contains("Request ID"), "{line}");
}

#[wasm_bindgen_test]
async fn a_rejected_token_shows_the_servers_code_message_and_request_id() {
    open_service("not-the-token", "4189d3c2-8882-4871-a3c2-d380272eed83").await;
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
    open_service("demo-token", "00000000-0000-4000-8000-000000000000").await;
    let banner = wait_for("[role=alert]", |t| t.contains("HTTP 404")).await;
    assert!(
        banner.contains("EndPoint.0005") && banner.contains("check the service ID"),
        "{banner}"
    );
}
