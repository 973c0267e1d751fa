//! End-to-end: the release bundle (trunk's dist/) in real headless Chromium, served with the
//! local VPCEP API server from one origin, as a production proxy serves it. What the server
//! received is read back from its request log, so each test asserts what went on the wire.
//!
//! Needs `trunk build --release` first and chromedriver; `bash .ci/test` does both. Each test
//! writes screenshots of the states it passes through into tests/screenshots/.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use serde_json::{json, Value};
use std::time::Duration;
use support::{Browser, Stack, ORDERS, PROJECT, TOKEN, WAIT, WEB};

/// The card of the demo service once it is loaded.
async fn wait_loaded(browser: &Browser) {
    browser
        .wait_text("#card-title", |t| t == "web-frontend")
        .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn modify_then_upgrade_through_the_real_page() {
    let stack = Stack::start().await;
    let browser = Browser::start().await;
    browser
        .goto(&format!(
            "{}/?project_id={PROJECT}&service_id={WEB}",
            stack.origin
        ))
        .await;
    browser.wait_for("#s-token", WAIT).await;
    browser.screenshot("01-empty").await;

    // Load: the card and the form come from GET.
    browser.fill("#s-token", TOKEN).await;
    browser.click("#load").await;
    wait_loaded(&browser).await;
    assert_eq!(browser.value("#f-service-name").await, "web-frontend");
    browser.screenshot("02-loaded").await;

    // Edit with a mistake first: the field says what is wrong and Send is off.
    browser.fill("#f-service-name", "web tier").await;
    browser
        .wait_text("#f-service-name-error", |t| {
            t.contains("space is not allowed")
        })
        .await;
    assert!(!browser.is_enabled("#send").await);
    browser.click("#f-service-name").await;
    browser.scroll_to("#modify-title").await;
    browser.screenshot("03-editing-with-errors").await;

    // Then every field of the flow: name, approval, description, tcp_proxy, ports.
    browser.fill("#f-service-name", "web-tier").await;
    browser.click("#f-approval").await;
    browser.fill("#f-description", "Tier one web").await;
    browser.select("#f-tcp-proxy", "proxy_open").await;
    browser.fill("#f-port-1-client", "9443").await;
    browser.click("#add-port").await;
    browser.fill("#f-port-2-client", "2222").await;
    browser.fill("#f-port-2-server", "22").await;
    let diff = browser
        .wait_text("#diff", |t| t.contains("tcp_proxy"))
        .await;
    assert!(
        diff.contains("− TCP 8443 → 443") && diff.contains("+ TCP 9443 → 443"),
        "{diff}"
    );
    browser
        .wait_text("#ports-warning", |t| t.contains("all 3 mappings"))
        .await;
    browser.scroll_to("#preview-title").await;
    browser.screenshot("04-preview").await;

    // Send: one PUT with only the changed fields, then the card follows creating -> available.
    browser.click("#send").await;
    browser
        .wait_text("#status-line", |t| t.starts_with("Saved"))
        .await;
    browser
        .try_wait_text(
            "#poll-state",
            |t| t.contains("available again"),
            Duration::from_secs(20),
        )
        .await
        .unwrap();
    browser
        .wait_text("#card-status", |t| t == "available")
        .await;
    // The answer to the PUT stays on screen: status, duration, request id.
    let line = browser.text("#status-line").await;
    assert!(
        line.starts_with("Saved: PUT /v1/") && line.contains("HTTP 200 in "),
        "{line}"
    );
    let puts = stack.api.requests_with("PUT").await;
    assert!(
        line.contains(&format!(
            "Request ID {}",
            puts[0]["request_id"].as_str().unwrap()
        )),
        "{line}"
    );
    assert_eq!(browser.text("#card-title").await, "web-tier");
    assert_eq!(browser.text("#card-tcp-proxy").await, "proxy_open");
    assert_eq!(browser.text("#card-approval").await, "Yes");
    let ports = browser.text("#card-ports").await;
    assert!(
        ports.contains("9443") && ports.contains("2222") && !ports.contains("8443"),
        "{ports}"
    );
    browser.scroll_to("#outcome").await;
    browser.screenshot("05-success").await;

    let puts = stack.api.requests_with("PUT").await;
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
    let log = stack.api.requests().await;
    let put_at = log.iter().position(|r| r["method"] == "PUT").unwrap();
    assert!(
        log[put_at + 1..].iter().any(|r| r["method"] == "GET"),
        "no GET after the PUT"
    );

    // Upgrade: a confirmation that names the service, then a POST with no body.
    browser.click("#open-upgrade").await;
    let dialog = browser
        .wait_text("[role=dialog]", |t| t.contains("web-tier"))
        .await;
    assert!(
        dialog.contains("cn-east-4") && dialog.contains("basic only"),
        "{dialog}"
    );
    browser.screenshot("06-upgrade-dialog").await;
    browser.click("#confirm-upgrade").await;
    browser.wait_gone("[role=dialog]").await;
    browser
        .wait_text("#card-editions", |t| t.contains("profession"))
        .await;
    let posts = stack.api.requests_with("POST").await;
    assert_eq!(posts.len(), 1, "{posts:#?}");
    assert_eq!(
        posts[0]["path"],
        format!("/v2/{PROJECT}/vpc-endpoint-services/{WEB}/upgrade")
    );
    assert_eq!(posts[0]["body"], Value::Null, "the upgrade sends no body");
    assert_eq!(posts[0]["x_auth_token"], TOKEN);
    assert_eq!(posts[0]["status"], 204);
    browser.screenshot("07-upgraded").await;

    // The history lists every request, and its export has no token.
    let history = browser.text("#history-table").await;
    assert!(
        history.contains("PUT") && history.contains("POST"),
        "{history}"
    );
    let href = browser.attr("#export-history", "href").await.unwrap();
    assert!(href.starts_with("data:application/json") && !href.contains(TOKEN));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn errors_show_code_message_and_request_id_and_keep_the_edits() {
    let stack = Stack::start().await;
    let browser = Browser::open_console(&stack.origin, WEB).await;
    wait_loaded(&browser).await;

    // 400 EndPoint.3044: port 9000 is used by batch-jobs on the same backend port.
    browser
        .send_form(&[("#f-port-0-client", "9000"), ("#f-description", "edited")])
        .await;
    let banner = browser
        .wait_text("[role=alert]", |t| t.contains("HTTP 400"))
        .await;
    let put = stack.api.requests_with("PUT").await.pop().unwrap();
    assert!(banner.contains("EndPoint.3044"), "{banner}");
    assert!(
        banner.contains("conflicts with mapping TCP 9000->9000"),
        "server text verbatim: {banner}"
    );
    assert!(
        banner.contains(put["request_id"].as_str().unwrap()),
        "{banner}"
    );
    assert_eq!(browser.value("#f-port-0-client").await, "9000");
    assert_eq!(browser.value("#f-description").await, "edited");
    // The banner is brought into view from the Send button at the end of the form.
    browser
        .wait_script(
            "the banner in view",
            "const r = document.querySelector('[role=alert]').getBoundingClientRect(); return r.top >= 0 && r.bottom <= window.innerHeight;",
        )
        .await;
    browser.screenshot("08-error").await;

    // 401 EndPoint.0003: a wrong token; the edits stay.
    browser
        .send_form(&[("#s-token", "expired-token"), ("#f-port-0-client", "9001")])
        .await;
    let banner = browser
        .wait_text("[role=alert]", |t| t.contains("HTTP 401"))
        .await;
    let put = stack.api.requests_with("PUT").await.pop().unwrap();
    assert_eq!(put["x_auth_token"], "(unrecognized)");
    assert!(
        banner.contains("EndPoint.0003") && banner.contains(put["request_id"].as_str().unwrap()),
        "{banner}"
    );
    assert_eq!(browser.value("#f-port-0-client").await, "9001");

    // 404 EndPoint.0005: loading an id that does not exist; the form keeps its edits.
    browser.fill("#s-token", TOKEN).await;
    browser
        .fill("#service-id", "00000000-0000-4000-8000-000000000000")
        .await;
    browser.click("#load").await;
    let banner = browser
        .wait_text("[role=alert]", |t| t.contains("HTTP 404"))
        .await;
    let get = stack.api.requests_with("GET").await.pop().unwrap();
    assert!(
        banner.contains("EndPoint.0005") && banner.contains(get["request_id"].as_str().unwrap()),
        "{banner}"
    );
    assert_eq!(browser.value("#f-port-0-client").await, "9001");
    assert_eq!(browser.value("#f-description").await, "edited");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_double_click_on_send_sends_one_request() {
    let stack = Stack::start().await;
    let browser = Browser::open_console(&stack.origin, WEB).await;
    wait_loaded(&browser).await;
    browser.fill("#f-description", "clicked twice").await;
    browser
        .wait_text("#diff", |t| t.contains("clicked twice"))
        .await;
    // Two clicks in the same moment, before the page can re-render the button.
    browser
        .execute(
            "const b = document.getElementById('send'); b.click(); b.click();",
            vec![],
        )
        .await;
    browser
        .wait_text("#status-line", |t| t.starts_with("Saved"))
        .await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(stack.api.requests_with("PUT").await.len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_html_page_from_the_proxy_is_reported_as_a_proxy_problem() {
    let stack = Stack::start().await;
    stack.api.queue_fault("html502", 1, "PUT").await;
    let browser = Browser::open_console(&stack.origin, WEB).await;
    wait_loaded(&browser).await;
    browser
        .send_form(&[("#f-description", "behind a broken proxy")])
        .await;
    let banner = browser
        .wait_text("[role=alert]", |t| t.contains("HTTP 502"))
        .await;
    assert!(banner.contains("HTML page"), "{banner}");
    // The page itself is shown, as text: its tags are visible, not rendered.
    assert!(
        banner.contains("<title>502 Bad Gateway</title>"),
        "{banner}"
    );
    assert_eq!(
        browser.value("#f-description").await,
        "behind a broken proxy"
    );
}

/// No horizontal scrolling of the page (the port editor and tables must fit).
async fn fits_width(browser: &Browser) -> bool {
    browser
        .execute(
            "return document.documentElement.scrollWidth <= window.innerWidth",
            vec![],
        )
        .await
        .as_bool()
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn readable_on_a_phone_and_in_dark_mode() {
    let stack = Stack::start().await;
    let browser = Browser::start_with_args(&["--force-dark-mode", "--window-size=390,844"]).await;
    browser.load_console(&stack.origin, WEB).await;
    wait_loaded(&browser).await;
    let dark = browser
        .execute(
            "return matchMedia('(prefers-color-scheme: dark)').matches",
            vec![],
        )
        .await;
    assert_eq!(dark, json!(true));
    // The dark palette applies: the page background is dark.
    let bg = browser
        .execute(
            "return getComputedStyle(document.documentElement).backgroundColor",
            vec![],
        )
        .await;
    assert_eq!(bg, json!("rgb(15, 20, 27)"));
    assert!(
        fits_width(&browser).await,
        "the page scrolls sideways at 390 px"
    );
    browser.scroll_to("#card-title").await;
    browser.screenshot("09-phone-dark").await;
    browser.fill("#f-port-0-client", "99999").await;
    browser
        .wait_text("#f-port-0-client-error", |t| t.contains("not a port"))
        .await;
    assert!(
        fits_width(&browser).await,
        "the port editor scrolls sideways at 390 px"
    );
    browser.scroll_to("#ports-note").await;
    browser.screenshot("10-phone-dark-ports").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_project_list_filters_by_name_and_opens_a_service() {
    let stack = Stack::start().await;
    let browser = Browser::start().await;
    browser
        .goto(&format!("{}/?project_id={PROJECT}", stack.origin))
        .await;
    browser.fill("#s-token", TOKEN).await;
    browser.click("details.browse summary").await;
    browser.fill("#list-filter", "api").await;
    browser.click("#list").await;
    let list = browser.wait_text("#service-list", |t| !t.is_empty()).await;
    assert!(
        list.contains("orders-api") && !list.contains("web-frontend"),
        "{list}"
    );
    let get = stack.api.requests_with("GET").await.pop().unwrap();
    assert_eq!(get["path"], format!("/v1/{PROJECT}/vpc-endpoint-services"));
    assert_eq!(get["query"], "endpoint_service_name=api&limit=100");
    browser.click("button[aria-label='Open orders-api']").await;
    browser
        .wait_text("#card-title", |t| t == "orders-api")
        .await;
    assert_eq!(browser.text("#card-editions").await, "basic, profession");
    assert_eq!(browser.value("#service-id").await, ORDERS);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn config_json_sets_the_proxy_url_and_locks_it() {
    // The origin is only known once the server runs: it serves config.json from the site
    // folder, which can be written after the start.
    let stack = Stack::start().await;
    let config = format!(
        r#"{{"api_proxy_url":"{}/","allow_proxy_change":false,"default_project_id":"{PROJECT}","default_region":"cn-north-4"}}"#,
        stack.origin
    );
    std::fs::write(stack.site.path().join("config.json"), config).unwrap();
    let browser = Browser::start().await;
    // A proxy URL saved earlier in this browser must not win over the lock.
    browser.goto(&format!("{}/", stack.origin)).await;
    browser.wait_for("#s-token", WAIT).await;
    browser
        .execute(
            "localStorage.setItem('vpcep-console:settings', JSON.stringify({proxy_url: 'https://attacker.example'})); location.reload();",
            vec![],
        )
        .await;
    browser.wait_for("#s-token", WAIT).await;
    assert_eq!(
        browser.value("#s-proxy-url").await,
        format!("{}/", stack.origin)
    );
    assert_eq!(
        browser.prop("#s-proxy-url", "readOnly").await.as_deref(),
        Some("true"),
        "the locked field is read-only"
    );
    assert!(browser
        .text("#s-proxy-url-help")
        .await
        .contains("Set by this deployment"));
    assert_eq!(browser.value("#s-project-id").await, PROJECT);
    assert_eq!(browser.value("#s-region").await, "cn-north-4");
    // It works with those settings alone: token and service id.
    browser.fill("#s-token", TOKEN).await;
    browser.fill("#service-id", WEB).await;
    browser.click("#load").await;
    wait_loaded(&browser).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_malformed_config_json_gives_a_banner_and_the_app_still_works() {
    let stack = Stack::start_with(Some(r#"{"api_proxy_url": "https://x.example", oops"#)).await;
    let browser = Browser::open_console(&stack.origin, WEB).await;
    let banner = browser
        .wait_text("#config-problem", |t| !t.is_empty())
        .await;
    assert!(
        banner.contains("config.json is not valid") && banner.contains("built-in defaults"),
        "{banner}"
    );
    // Defaults: the page's origin is the proxy, so the service loads.
    wait_loaded(&browser).await;
    assert_eq!(browser.value("#s-proxy-url").await, stack.origin);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_config_json_nothing_is_reported() {
    let stack = Stack::start().await;
    let browser = Browser::open_console(&stack.origin, WEB).await;
    wait_loaded(&browser).await;
    assert!(browser.find_all("#config-problem").await.is_empty());
    assert_eq!(
        browser.prop("#s-proxy-url", "readOnly").await.as_deref(),
        Some("false")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_upgrade_dialog_takes_the_focus_and_escape_closes_it_without_sending() {
    let stack = Stack::start().await;
    let browser = Browser::open_console(&stack.origin, WEB).await;
    wait_loaded(&browser).await;
    browser.click("#open-upgrade").await;
    browser.wait_for("[role=dialog]", WAIT).await;
    let focused = browser
        .execute("return document.activeElement.textContent", vec![])
        .await;
    assert_eq!(
        focused,
        json!("Cancel"),
        "keyboard users land in the dialog"
    );
    assert_eq!(
        browser.attr("[role=dialog]", "aria-modal").await.as_deref(),
        Some("true")
    );
    browser.press_escape("[role=dialog] button.secondary").await;
    browser.wait_gone("[role=dialog]").await;
    assert!(stack.api.requests_with("POST").await.is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dropped_connection_and_broken_answers_are_told_apart() {
    let stack = Stack::start().await;
    let browser = Browser::open_console(&stack.origin, WEB).await;
    wait_loaded(&browser).await;
    for (mode, expected) in [
        ("drop", "No answer from the API proxy"),
        ("empty200", "empty body"),
        ("malformed_json", "not an endpoint service"),
        ("error500", "EndPoint.0001"),
    ] {
        // Chromium retries a GET a few times when connections close unanswered.
        stack.api.queue_fault(mode, 10, "GET").await;
        browser.click("#load").await;
        if let Err(e) = browser
            .try_wait_text("[role=alert]", |t| t.contains(expected), WAIT)
            .await
        {
            let line = match browser.find_all("#result").await.first() {
                Some(result) => result.text().await.unwrap_or_default(),
                None => String::new(),
            };
            let log: Vec<_> = stack
                .api
                .requests()
                .await
                .iter()
                .map(|r| (r["method"].clone(), r["status"].clone()))
                .collect();
            panic!("{mode}: {e}; result: {line}; log: {log:?}");
        }
        // The success line of the earlier load is gone: this load failed.
        assert_eq!(browser.text("#status-line").await, "", "{mode}");
        // The card of the service loaded before stays.
        assert_eq!(browser.text("#card-title").await, "web-frontend");
        stack.api.clear_faults().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failed_upgrade_shows_the_servers_answer_and_leaves_the_card() {
    let stack = Stack::start().await;
    stack.api.queue_fault("error500", 1, "POST").await;
    let browser = Browser::open_console(&stack.origin, WEB).await;
    wait_loaded(&browser).await;
    browser.click("#open-upgrade").await;
    browser.click("#confirm-upgrade").await;
    let banner = browser
        .wait_text("[role=alert]", |t| t.contains("HTTP 500"))
        .await;
    let post = stack.api.requests_with("POST").await.pop().unwrap();
    assert!(
        banner.contains("EndPoint.0001") && banner.contains("System error."),
        "{banner}"
    );
    assert!(
        banner.contains(post["request_id"].as_str().unwrap()),
        "{banner}"
    );
    // Nothing pretends it worked: no refresh, the card still says basic.
    assert_eq!(browser.text("#status-line").await, "");
    assert_eq!(browser.text("#card-editions").await, "basic");
    assert_eq!(
        stack.api.requests_with("GET").await.len(),
        1,
        "no refresh after a failed upgrade"
    );
}

/// What every test above rests on, checked once: the browser console log is read (the nginx
/// tests rely on it to see CSP violations), and the end of a browser stops chromedriver and
/// the Chromium it started and removes the fresh profile.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_browser_reports_console_errors_and_cleans_up_after_itself() {
    let stack = Stack::start().await;
    let browser = Browser::open_console(&stack.origin, WEB).await;
    wait_loaded(&browser).await;
    browser
        .execute("console.error('e2e-marker: ' + 6 * 7)", vec![])
        .await;
    let problems = browser.console_problems().await;
    assert!(
        problems
            .iter()
            .any(|m| m.starts_with("SEVERE") && m.contains("e2e-marker: 42")),
        "{problems:#?}"
    );
    // Each message is handed out once.
    assert!(!browser
        .console_problems()
        .await
        .iter()
        .any(|m| m.contains("e2e-marker")));

    let driver = browser.driver_pid();
    let port = browser.driver_port();
    let profile = browser.profile_dir();
    assert!(!in_group(driver).is_empty() && profile.is_dir());
    drop(browser);
    let left = in_group(driver);
    assert!(left.is_empty(), "still running: {left:?}");
    assert!(
        std::net::TcpStream::connect(("127.0.0.1", port)).is_err(),
        "something still listens on the driver port"
    );
    assert!(!profile.exists(), "{} is left", profile.display());
}

/// The live processes (not zombies) of the process group `pgid`: chromedriver and the
/// Chromium it started, as `pid command`.
fn in_group(pgid: u32) -> Vec<String> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir("/proc").unwrap().flatten() {
        let Ok(stat) = std::fs::read_to_string(entry.path().join("stat")) else {
            continue;
        };
        // pid (comm) state ppid pgrp …; comm may hold spaces, so split after its ')'.
        let Some((head, rest)) = stat.rsplit_once(") ") else {
            continue;
        };
        let fields: Vec<&str> = rest.split_whitespace().collect();
        if fields.len() > 2 && fields[2] == pgid.to_string() && fields[0] != "Z" {
            found.push(head.replace(" (", " "));
        }
    }
    found
}
