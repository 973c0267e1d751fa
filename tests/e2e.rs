//! End-to-end: the release bundle (trunk's dist/) in real headless Chromium, served with the
//! local VPCEP API server from one origin, as a production proxy serves it. What the server
//! received is read back from its request log, so each test asserts what went on the wire.
//!
//! Needs `trunk build --release` first and chromedriver; `bash .ci/test` does both. Each test
//! writes screenshots of the states it passes through into tests/screenshots/.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use serde_json::{json, Value};
use std::path::Path;
use std::time::Duration;
use support::Browser;

const PROJECT: &str = "2b0c8e3f6a4d4e1b9c7f5a3d1e0b8c6a";
const WEB: &str = "4189d3c2-8882-4871-a3c2-d380272eed83";
const TOKEN: &str = "demo-token";
const WAIT: Duration = Duration::from_secs(10);

/// The console and the local API server on one loopback origin, as a proxy serves them.
struct Stack {
    origin: String,
    _api: support::stack::Api,
    site: support::stack::TempDir,
}

fn start_stack() -> Stack {
    start_stack_with(None)
}

/// [`start_stack`] with a config.json beside index.html.
fn start_stack_with(config_json: Option<&str>) -> Stack {
    let site = support::stack::site(config_json);
    let api = support::stack::start_api(Some(site.path()));
    Stack {
        origin: api.origin.clone(),
        _api: api,
        site,
    }
}

fn received(stack: &Stack) -> Vec<Value> {
    support::stack::received(&stack.origin)
}

fn received_with(stack: &Stack, method: &str) -> Vec<Value> {
    support::stack::received_with(&stack.origin, method)
}

/// Scrolls `css` to the top of the window, so a screenshot shows what the step is about.
fn scroll_to(browser: &Browser, css: &str) {
    browser
        .execute(
            "document.querySelector(arguments[0]).scrollIntoView({block: 'start'})",
            vec![json!(css)],
        )
        .unwrap();
}

fn shot(browser: &Browser, name: &str) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    browser
        .screenshot(&dir.join(format!("{name}.png")))
        .unwrap();
}

/// Opens the console on `service`, pastes the token and loads it.
fn open_console(stack: &Stack, service: &str) -> Browser {
    let browser = Browser::start().unwrap();
    browser
        .goto(&format!(
            "{}/?project_id={PROJECT}&service_id={service}",
            stack.origin
        ))
        .unwrap();
    browser.fill("#s-token", TOKEN).unwrap();
    browser.find("#load").unwrap().click().unwrap();
    browser
}

fn value_of(browser: &Browser, css: &str) -> String {
    browser
        .find(css)
        .unwrap()
        .prop("value")
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

fn select(browser: &Browser, select_css: &str, value: &str) {
    browser
        .find(&format!("{select_css} option[value='{value}']"))
        .unwrap()
        .click()
        .unwrap();
}

#[test]
fn modify_then_upgrade_through_the_real_page() {
    let stack = start_stack();
    let browser = Browser::start().unwrap();
    browser
        .goto(&format!(
            "{}/?project_id={PROJECT}&service_id={WEB}",
            stack.origin
        ))
        .unwrap();
    browser.wait_for("#s-token", WAIT).unwrap();
    shot(&browser, "01-empty");

    // Load: the card and the form come from GET.
    browser.fill("#s-token", TOKEN).unwrap();
    browser.find("#load").unwrap().click().unwrap();
    browser
        .wait_text("#card-title", |t| t == "web-frontend", WAIT)
        .unwrap();
    assert_eq!(value_of(&browser, "#f-service-name"), "web-frontend");
    shot(&browser, "02-loaded");

    // Edit with a mistake first: the field says what is wrong and Send is off.
    browser.fill("#f-service-name", "web tier").unwrap();
    browser
        .wait_text(
            "#f-service-name-error",
            |t| t.contains("space is not allowed"),
            WAIT,
        )
        .unwrap();
    assert!(!browser.find("#send").unwrap().is_enabled().unwrap());
    browser.find("#f-service-name").unwrap().click().unwrap();
    scroll_to(&browser, "#modify-title");
    shot(&browser, "03-editing-with-errors");

    // Then every field of the flow: name, approval, description, tcp_proxy, ports.
    browser.fill("#f-service-name", "web-tier").unwrap();
    browser.find("#f-approval").unwrap().click().unwrap();
    browser.fill("#f-description", "Tier one web").unwrap();
    select(&browser, "#f-tcp-proxy", "proxy_open");
    browser.fill("#f-port-1-client", "9443").unwrap();
    browser.find("#add-port").unwrap().click().unwrap();
    browser.fill("#f-port-2-client", "2222").unwrap();
    browser.fill("#f-port-2-server", "22").unwrap();
    let diff = browser
        .wait_text("#diff", |t| t.contains("tcp_proxy"), WAIT)
        .unwrap();
    assert!(
        diff.contains("− TCP 8443 → 443") && diff.contains("+ TCP 9443 → 443"),
        "{diff}"
    );
    browser
        .wait_text("#ports-warning", |t| t.contains("all 3 mappings"), WAIT)
        .unwrap();
    scroll_to(&browser, "#preview-title");
    shot(&browser, "04-preview");

    // Send: one PUT with only the changed fields, then the card follows creating -> available.
    browser.find("#send").unwrap().click().unwrap();
    browser
        .wait_text("#status-line", |t| t.starts_with("Saved"), WAIT)
        .unwrap();
    browser
        .wait_text(
            "#poll-state",
            |t| t.contains("available again"),
            Duration::from_secs(20),
        )
        .unwrap();
    browser
        .wait_text("#card-status", |t| t == "available", WAIT)
        .unwrap();
    // The answer to the PUT stays on screen: status, duration, request id.
    let line = browser.find("#status-line").unwrap().text().unwrap();
    assert!(
        line.starts_with("Saved: PUT /v1/") && line.contains("HTTP 200 in "),
        "{line}"
    );
    assert!(
        line.contains(&format!(
            "Request ID {}",
            received_with(&stack, "PUT")[0]["request_id"]
                .as_str()
                .unwrap()
        )),
        "{line}"
    );
    assert_eq!(
        browser.find("#card-title").unwrap().text().unwrap(),
        "web-tier"
    );
    assert_eq!(
        browser.find("#card-tcp-proxy").unwrap().text().unwrap(),
        "proxy_open"
    );
    assert_eq!(
        browser.find("#card-approval").unwrap().text().unwrap(),
        "Yes"
    );
    let ports = browser.find("#card-ports").unwrap().text().unwrap();
    assert!(
        ports.contains("9443") && ports.contains("2222") && !ports.contains("8443"),
        "{ports}"
    );
    scroll_to(&browser, "#outcome");
    shot(&browser, "05-success");

    let puts = received_with(&stack, "PUT");
    assert_eq!(puts.len(), 1, "{puts:#?}");
    let put = &puts[0];
    assert_eq!(
        put["path"],
        format!("/v1/{PROJECT}/vpc-endpoint-services/{WEB}")
    );
    assert_eq!(put["x_auth_token"], TOKEN);
    assert_eq!(put["content_type"], "application/json");
    let body: Value = serde_json::from_str(put["body"].as_str().unwrap()).unwrap();
    assert_eq!(
        body,
        json!({
            "approval_enabled": true,
            "service_name": "web-tier",
            "description": "Tier one web",
            "tcp_proxy": "proxy_open",
            "ports": [
                {"client_port": 8080, "server_port": 80, "protocol": "TCP"},
                {"client_port": 9443, "server_port": 443, "protocol": "TCP"},
                {"client_port": 2222, "server_port": 22, "protocol": "TCP"}
            ]
        })
    );
    // The console polled GET after the PUT until the service was available.
    let log = received(&stack);
    let put_at = log.iter().position(|r| r["method"] == "PUT").unwrap();
    assert!(
        log[put_at + 1..].iter().any(|r| r["method"] == "GET"),
        "no GET after the PUT"
    );

    // Upgrade: a confirmation that names the service, then a POST with no body.
    browser.find("#open-upgrade").unwrap().click().unwrap();
    let dialog = browser
        .wait_text("[role=dialog]", |t| t.contains("web-tier"), WAIT)
        .unwrap();
    assert!(
        dialog.contains("cn-east-4") && dialog.contains("basic only"),
        "{dialog}"
    );
    shot(&browser, "06-upgrade-dialog");
    browser.find("#confirm-upgrade").unwrap().click().unwrap();
    browser.wait_gone("[role=dialog]", WAIT).unwrap();
    browser
        .wait_text("#card-editions", |t| t.contains("profession"), WAIT)
        .unwrap();
    let posts = received_with(&stack, "POST");
    assert_eq!(posts.len(), 1, "{posts:#?}");
    assert_eq!(
        posts[0]["path"],
        format!("/v2/{PROJECT}/vpc-endpoint-services/{WEB}/upgrade")
    );
    assert_eq!(posts[0]["body"], Value::Null, "the upgrade sends no body");
    assert_eq!(posts[0]["x_auth_token"], TOKEN);
    assert_eq!(posts[0]["status"], 204);
    shot(&browser, "07-upgraded");

    // The history lists every request, and its export has no token.
    let history = browser.find("#history-table").unwrap().text().unwrap();
    assert!(
        history.contains("PUT") && history.contains("POST"),
        "{history}"
    );
    let href = browser
        .find("#export-history")
        .unwrap()
        .attr("href")
        .unwrap();
    assert!(href.starts_with("data:application/json") && !href.contains(TOKEN));
}

#[test]
fn errors_show_code_message_and_request_id_and_keep_the_edits() {
    let stack = start_stack();
    let browser = open_console(&stack, WEB);
    browser
        .wait_text("#card-title", |t| t == "web-frontend", WAIT)
        .unwrap();

    // 400 EndPoint.3044: port 9000 is used by batch-jobs on the same backend port.
    browser.fill("#f-port-0-client", "9000").unwrap();
    browser.fill("#f-description", "edited").unwrap();
    browser.find("#send").unwrap().click().unwrap();
    let banner = browser
        .wait_text("[role=alert]", |t| t.contains("HTTP 400"), WAIT)
        .unwrap();
    let put = received_with(&stack, "PUT").pop().unwrap();
    assert!(banner.contains("EndPoint.3044"), "{banner}");
    assert!(
        banner.contains("conflicts with mapping TCP 9000->9000"),
        "server text verbatim: {banner}"
    );
    assert!(
        banner.contains(put["request_id"].as_str().unwrap()),
        "{banner}"
    );
    assert_eq!(value_of(&browser, "#f-port-0-client"), "9000");
    assert_eq!(value_of(&browser, "#f-description"), "edited");
    // The banner is brought into view from the Send button at the end of the form.
    browser
        .wait_until("the banner in view", WAIT, |b| {
            b.execute(
                "const r = document.querySelector('[role=alert]').getBoundingClientRect(); return r.top >= 0 && r.bottom <= window.innerHeight;",
                vec![],
            )
            .map(|v| v == json!(true))
        })
        .unwrap();
    shot(&browser, "08-error");

    // 401 EndPoint.0003: a wrong token; the edits stay.
    browser.fill("#s-token", "expired-token").unwrap();
    browser.fill("#f-port-0-client", "9001").unwrap();
    browser.find("#send").unwrap().click().unwrap();
    let banner = browser
        .wait_text("[role=alert]", |t| t.contains("HTTP 401"), WAIT)
        .unwrap();
    let put = received_with(&stack, "PUT").pop().unwrap();
    assert_eq!(put["x_auth_token"], "(unrecognized)");
    assert!(
        banner.contains("EndPoint.0003") && banner.contains(put["request_id"].as_str().unwrap()),
        "{banner}"
    );
    assert_eq!(value_of(&browser, "#f-port-0-client"), "9001");

    // 404 EndPoint.0005: loading an id that does not exist; the form keeps its edits.
    browser.fill("#s-token", TOKEN).unwrap();
    browser
        .fill("#service-id", "00000000-0000-4000-8000-000000000000")
        .unwrap();
    browser.find("#load").unwrap().click().unwrap();
    let banner = browser
        .wait_text("[role=alert]", |t| t.contains("HTTP 404"), WAIT)
        .unwrap();
    let get = received_with(&stack, "GET").pop().unwrap();
    assert!(
        banner.contains("EndPoint.0005") && banner.contains(get["request_id"].as_str().unwrap()),
        "{banner}"
    );
    assert_eq!(value_of(&browser, "#f-port-0-client"), "9001");
    assert_eq!(value_of(&browser, "#f-description"), "edited");
}

#[test]
fn a_double_click_on_send_sends_one_request() {
    let stack = start_stack();
    let browser = open_console(&stack, WEB);
    browser
        .wait_text("#card-title", |t| t == "web-frontend", WAIT)
        .unwrap();
    browser.fill("#f-description", "clicked twice").unwrap();
    browser
        .wait_text("#diff", |t| t.contains("clicked twice"), WAIT)
        .unwrap();
    // Two clicks in the same moment, before the page can re-render the button.
    browser
        .execute(
            "const b = document.getElementById('send'); b.click(); b.click();",
            vec![],
        )
        .unwrap();
    browser
        .wait_text("#status-line", |t| t.starts_with("Saved"), WAIT)
        .unwrap();
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(received_with(&stack, "PUT").len(), 1);
}

#[test]
fn an_html_page_from_the_proxy_is_reported_as_a_proxy_problem() {
    let stack = start_stack();
    let answer = support::stack::http(
        &stack.origin,
        "POST",
        "/__control/faults",
        &[("Content-Type", "application/json")],
        r#"{"mode":"html502","count":1,"method":"PUT"}"#,
    );
    assert_eq!(answer.status, 200);
    let browser = open_console(&stack, WEB);
    browser
        .wait_text("#card-title", |t| t == "web-frontend", WAIT)
        .unwrap();
    browser
        .fill("#f-description", "behind a broken proxy")
        .unwrap();
    browser.find("#send").unwrap().click().unwrap();
    let banner = browser
        .wait_text("[role=alert]", |t| t.contains("HTTP 502"), WAIT)
        .unwrap();
    assert!(banner.contains("HTML page"), "{banner}");
    // The page itself is shown, as text: its tags are visible, not rendered.
    assert!(
        banner.contains("<title>502 Bad Gateway</title>"),
        "{banner}"
    );
    assert_eq!(
        value_of(&browser, "#f-description"),
        "behind a broken proxy"
    );
}

/// No horizontal scrolling of the page at `width` (the port editor and tables must fit).
fn fits_width(browser: &Browser) -> bool {
    browser
        .execute(
            "return document.documentElement.scrollWidth <= window.innerWidth",
            vec![],
        )
        .unwrap()
        .as_bool()
        .unwrap()
}

#[test]
fn readable_on_a_phone_and_in_dark_mode() {
    let stack = start_stack();
    let browser =
        Browser::start_with_args(&["--force-dark-mode", "--window-size=390,844"]).unwrap();
    browser
        .goto(&format!(
            "{}/?project_id={PROJECT}&service_id={WEB}",
            stack.origin
        ))
        .unwrap();
    browser.fill("#s-token", TOKEN).unwrap();
    browser.find("#load").unwrap().click().unwrap();
    browser
        .wait_text("#card-title", |t| t == "web-frontend", WAIT)
        .unwrap();
    let dark = browser
        .execute(
            "return matchMedia('(prefers-color-scheme: dark)').matches",
            vec![],
        )
        .unwrap();
    assert_eq!(dark, json!(true));
    // The dark palette applies: the page background is dark.
    let bg = browser
        .execute(
            "return getComputedStyle(document.documentElement).backgroundColor",
            vec![],
        )
        .unwrap();
    assert_eq!(bg, json!("rgb(15, 20, 27)"));
    assert!(fits_width(&browser), "the page scrolls sideways at 390 px");
    scroll_to(&browser, "#card-title");
    shot(&browser, "09-phone-dark");
    browser.fill("#f-port-0-client", "99999").unwrap();
    browser
        .wait_text("#f-port-0-client-error", |t| t.contains("not a port"), WAIT)
        .unwrap();
    assert!(
        fits_width(&browser),
        "the port editor scrolls sideways at 390 px"
    );
    scroll_to(&browser, "#ports-note");
    shot(&browser, "10-phone-dark-ports");
}

#[test]
fn the_project_list_filters_by_name_and_opens_a_service() {
    let stack = start_stack();
    let browser = Browser::start().unwrap();
    browser
        .goto(&format!("{}/?project_id={PROJECT}", stack.origin))
        .unwrap();
    browser.fill("#s-token", TOKEN).unwrap();
    browser
        .find("details.browse summary")
        .unwrap()
        .click()
        .unwrap();
    browser.fill("#list-filter", "api").unwrap();
    browser.find("#list").unwrap().click().unwrap();
    let list = browser
        .wait_text("#service-list", |t| !t.is_empty(), WAIT)
        .unwrap();
    assert!(
        list.contains("orders-api") && !list.contains("web-frontend"),
        "{list}"
    );
    let get = received_with(&stack, "GET").pop().unwrap();
    assert_eq!(get["path"], format!("/v1/{PROJECT}/vpc-endpoint-services"));
    assert_eq!(get["query"], "endpoint_service_name=api&limit=100");
    browser
        .find("button[aria-label='Open orders-api']")
        .unwrap()
        .click()
        .unwrap();
    browser
        .wait_text("#card-title", |t| t == "orders-api", WAIT)
        .unwrap();
    assert_eq!(
        browser.find("#card-editions").unwrap().text().unwrap(),
        "basic, profession"
    );
    assert_eq!(
        value_of(&browser, "#service-id"),
        "6f0b2d1e-4c3a-4b5d-9e8f-7a6b5c4d3e2f"
    );
}

#[test]
fn config_json_sets_the_proxy_url_and_locks_it() {
    // The origin is only known once the server runs: it serves config.json from the site
    // folder, which can be written after the start.
    let stack = start_stack();
    let config = format!(
        r#"{{"api_proxy_url":"{}/","allow_proxy_change":false,"default_project_id":"{PROJECT}","default_region":"cn-north-4"}}"#,
        stack.origin
    );
    std::fs::write(stack.site.path().join("config.json"), config).unwrap();
    let browser = Browser::start().unwrap();
    // A proxy URL saved earlier in this browser must not win over the lock.
    browser.goto(&format!("{}/", stack.origin)).unwrap();
    browser.wait_for("#s-token", WAIT).unwrap();
    browser
        .execute(
            "localStorage.setItem('vpcep-console:settings', JSON.stringify({proxy_url: 'https://attacker.example'})); location.reload();",
            vec![],
        )
        .unwrap();
    browser.wait_for("#s-token", WAIT).unwrap();
    let proxy = browser.find("#s-proxy-url").unwrap();
    assert_eq!(proxy.prop("value"), json!(format!("{}/", stack.origin)));
    assert_eq!(
        proxy.prop("readOnly"),
        json!(true),
        "the locked field is read-only"
    );
    assert!(browser
        .find("#s-proxy-url-help")
        .unwrap()
        .text()
        .unwrap()
        .contains("Set by this deployment"));
    assert_eq!(value_of(&browser, "#s-project-id"), PROJECT);
    assert_eq!(value_of(&browser, "#s-region"), "cn-north-4");
    // It works with those settings alone: token and service id.
    browser.fill("#s-token", TOKEN).unwrap();
    browser.fill("#service-id", WEB).unwrap();
    browser.find("#load").unwrap().click().unwrap();
    browser
        .wait_text("#card-title", |t| t == "web-frontend", WAIT)
        .unwrap();
}

#[test]
fn a_malformed_config_json_gives_a_banner_and_the_app_still_works() {
    let stack = start_stack_with(Some(r#"{"api_proxy_url": "https://x.example", oops"#));
    let browser = open_console(&stack, WEB);
    let banner = browser
        .wait_text("#config-problem", |t| !t.is_empty(), WAIT)
        .unwrap();
    assert!(
        banner.contains("config.json is not valid") && banner.contains("built-in defaults"),
        "{banner}"
    );
    // Defaults: the page's origin is the proxy, so the service loads.
    browser
        .wait_text("#card-title", |t| t == "web-frontend", WAIT)
        .unwrap();
    assert_eq!(value_of(&browser, "#s-proxy-url"), stack.origin);
}

#[test]
fn without_config_json_nothing_is_reported() {
    let stack = start_stack();
    let browser = open_console(&stack, WEB);
    browser
        .wait_text("#card-title", |t| t == "web-frontend", WAIT)
        .unwrap();
    assert!(browser.find_all("#config-problem").is_empty());
    assert_eq!(
        browser.find("#s-proxy-url").unwrap().prop("readOnly"),
        json!(false)
    );
}

#[test]
fn the_upgrade_dialog_takes_the_focus_and_escape_closes_it_without_sending() {
    let stack = start_stack();
    let browser = open_console(&stack, WEB);
    browser
        .wait_text("#card-title", |t| t == "web-frontend", WAIT)
        .unwrap();
    browser.find("#open-upgrade").unwrap().click().unwrap();
    browser.wait_for("[role=dialog]", WAIT).unwrap();
    let focused = browser
        .execute("return document.activeElement.textContent", vec![])
        .unwrap();
    assert_eq!(
        focused,
        json!("Cancel"),
        "keyboard users land in the dialog"
    );
    assert_eq!(
        browser
            .find("[role=dialog]")
            .unwrap()
            .attr("aria-modal")
            .as_deref(),
        Some("true")
    );
    browser
        .find("[role=dialog] button.secondary")
        .unwrap()
        .send_keys(support::webdriver::keys::ESCAPE)
        .unwrap();
    browser.wait_gone("[role=dialog]", WAIT).unwrap();
    assert!(received_with(&stack, "POST").is_empty());
}

#[test]
fn a_dropped_connection_and_broken_answers_are_told_apart() {
    let stack = start_stack();
    let browser = open_console(&stack, WEB);
    browser
        .wait_text("#card-title", |t| t == "web-frontend", WAIT)
        .unwrap();
    for (mode, expected) in [
        ("drop", "No answer from the API proxy"),
        ("empty200", "empty body"),
        ("malformed_json", "not an endpoint service"),
        ("error500", "EndPoint.0001"),
    ] {
        let queued = support::stack::http(
            &stack.origin,
            "POST",
            "/__control/faults",
            &[("Content-Type", "application/json")],
            // Chromium retries a GET a few times when connections close unanswered.
            &format!(r#"{{"mode":"{mode}","count":10,"method":"GET"}}"#),
        );
        assert_eq!(queued.status, 200, "{mode}");
        browser.find("#load").unwrap().click().unwrap();
        browser
            .wait_text("[role=alert]", |t| t.contains(expected), WAIT)
            .unwrap_or_else(|e| {
                let line = browser
                    .find("#result")
                    .map(|r| r.text().unwrap_or_default())
                    .unwrap_or_default();
                panic!(
                    "{mode}: {e}; result: {line}; log: {:?}",
                    received(&stack)
                        .iter()
                        .map(|r| (r["method"].clone(), r["status"].clone()))
                        .collect::<Vec<_>>()
                )
            });
        // The success line of the earlier load is gone: this load failed.
        assert_eq!(
            browser.find("#status-line").unwrap().text().unwrap(),
            "",
            "{mode}"
        );
        // The card of the service loaded before stays.
        assert_eq!(
            browser.find("#card-title").unwrap().text().unwrap(),
            "web-frontend"
        );
        let cleared = support::stack::http(&stack.origin, "DELETE", "/__control/faults", &[], "");
        assert!(cleared.status < 300, "{mode}");
    }
}

#[test]
fn a_failed_upgrade_shows_the_servers_answer_and_leaves_the_card() {
    let stack = start_stack();
    let queued = support::stack::http(
        &stack.origin,
        "POST",
        "/__control/faults",
        &[("Content-Type", "application/json")],
        r#"{"mode":"error500","count":1,"method":"POST"}"#,
    );
    assert_eq!(queued.status, 200);
    let browser = open_console(&stack, WEB);
    browser
        .wait_text("#card-title", |t| t == "web-frontend", WAIT)
        .unwrap();
    browser.find("#open-upgrade").unwrap().click().unwrap();
    browser.find("#confirm-upgrade").unwrap().click().unwrap();
    let banner = browser
        .wait_text("[role=alert]", |t| t.contains("HTTP 500"), WAIT)
        .unwrap();
    let post = received_with(&stack, "POST").pop().unwrap();
    assert!(
        banner.contains("EndPoint.0001") && banner.contains("System error."),
        "{banner}"
    );
    assert!(
        banner.contains(post["request_id"].as_str().unwrap()),
        "{banner}"
    );
    // Nothing pretends it worked: no refresh, the card still says basic.
    assert_eq!(browser.find("#status-line").unwrap().text().unwrap(), "");
    assert_eq!(
        browser.find("#card-editions").unwrap().text().unwrap(),
        "basic"
    );
    assert_eq!(
        received_with(&stack, "GET").len(),
        1,
        "no refresh after a failed upgrade"
    );
}
