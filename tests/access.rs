//! End to end: the service page's Connections and "Who may connect" tabs, and the pending
//! counts in the service list, in headless Chromium against the local API server (the
//! release bundle on the same origin, as in tests/e2e.rs). One browser for the whole file,
//! in phases, like tests/faults.rs: each phase asserts what the page shows and what the
//! server received (its request log).
#![cfg(not(target_arch = "wasm32"))]

mod support;

use fantoccini::key::Key;
use serde_json::{json, Value};
use std::time::Duration;
use support::{Browser, Stack, TOKEN, WEB};

/// The Open Telekom Cloud demo project and its `dns-resolver` (local-api/README.md).
use support::demo::{OTC_PROJECT, OTC_SERVICE as DNS};

/// Whether the element matching `css` is not displayed (a style rule, not `hidden`).
async fn hidden_by_css(browser: &Browser, css: &str) -> bool {
    browser
        .execute(
            "const el = document.querySelector(arguments[0]); return !!el && getComputedStyle(el).display === 'none';",
            vec![json!(css)],
        )
        .await
        == json!(true)
}

/// The seeded endpoint `k` of web-frontend (see local-api/README.md): 1–3 pending, 4
/// accepted, 5 rejected, 6 failed.
fn ep(k: u32) -> String {
    format!("0a1b2c3d-0001-4{k:03}-8333-444455556666")
}

fn row(k: u32) -> String {
    format!("#conn-row-{}", ep(k))
}

/// The POSTs the server received whose path ends with `tail`, their bodies as JSON.
async fn posts(stack: &Stack, tail: &str) -> Vec<Value> {
    stack
        .api
        .requests_with("POST")
        .await
        .into_iter()
        .filter(|r| r["path"].as_str().unwrap_or("").ends_with(tail))
        .map(|r| serde_json::from_str(r["body"].as_str().unwrap_or("null")).unwrap())
        .collect()
}

async fn assert_accessible(browser: &Browser, state: &str) {
    let found = browser.axe().await;
    assert!(found.is_empty(), "axe-core on {state}: {found:#?}");
}

/// The pending badge of the service named `name` in the list ("" when hidden or none).
async fn list_badge(browser: &Browser, name: &str) -> String {
    browser
        .execute(
            "const row = [...document.querySelectorAll('#service-table tbody tr')]
               .find(r => r.querySelector('.service-link').textContent.trim() === arguments[0]);
             const b = row && row.querySelector('.pending-count');
             return b && !b.hidden ? b.textContent.trim() : '';",
            vec![json!(name)],
        )
        .await
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connections_and_who_may_connect_from_the_tabs_to_the_server() {
    let stack = Stack::start().await;
    let browser = Browser::open_console(&stack.origin, WEB).await;
    browser
        .wait_text("#card-title", |t| t == "web-frontend")
        .await;

    // ---- The tabs: Settings first and selected; the count of pending connections ----
    assert_eq!(
        browser
            .attr("#tab-settings", "aria-selected")
            .await
            .as_deref(),
        Some("true")
    );
    assert!(browser.shown("#modify-form").await);
    browser
        .wait_text("#tab-connections", |t| t == "Connections (3 pending)")
        .await;
    // Ctrl+Enter saves the form only where the form is: on another tab it sends nothing.
    browser.fill("#f-description", "typed on Settings").await;
    browser
        .wait_text("#change-count", |t| t == "1 change")
        .await;
    browser.keys("#tab-settings", &Key::Right.to_string()).await;
    browser.wait_shown("#panel-connections").await;
    browser.ctrl_enter("#tab-connections").await;
    tokio::time::sleep(Duration::from_millis(600)).await;
    assert!(stack.api.requests_with("PUT").await.is_empty());
    browser
        .keys("#tab-connections", &Key::Left.to_string())
        .await;
    browser.fill("#f-description", "Public web tier").await;
    browser
        .wait_text("#change-count", |t| t == "No changes")
        .await;
    // The keyboard: the arrow key moves to the next tab, shows it, and takes the focus.
    browser.keys("#tab-settings", &Key::Right.to_string()).await;
    browser.wait_shown("#panel-connections").await;
    assert_eq!(browser.focused_id().await, "tab-connections");
    assert!(!browser.shown("#modify-form").await);
    assert!(browser.url().await.ends_with("&tab=connections"));

    // ---- Connections: the seeded six, marker IDs above 2^53 exactly as sent ----
    browser.wait_text("#conn-range", |t| t == "1–6 of 6").await;
    assert_eq!(
        browser.text(&format!("{} .marker", row(2))).await,
        "9007199254740993"
    );
    assert_eq!(
        browser.text(&format!("{} .marker", row(3))).await,
        "422321321312321321"
    );
    assert_eq!(
        browser.text(&format!("{} .conn-status", row(1))).await,
        "Waiting for approval"
    );
    assert!(browser
        .text(&format!("{} .fail", row(6)))
        .await
        .contains("no free IP address"));
    let list = stack.api.requests_with("GET").await;
    assert!(
        list.iter()
            .any(|r| r["path"].as_str().unwrap().ends_with("/connections")
                && r["query"] == "sort_key=create_at&sort_dir=desc&limit=20"),
        "the first page, without an offset: {list:#?}"
    );
    browser
        .execute(
            "document.getElementById('tab-connections').scrollIntoView({block: 'start'})",
            vec![],
        )
        .await;
    browser.screenshot("20-connections").await;
    assert_accessible(&browser, "the Connections tab").await;

    // The status filter is the API's own parameter.
    browser
        .select("#conn-filter-status", "pendingAcceptance")
        .await;
    browser.wait_text("#conn-range", |t| t == "1–3 of 3").await;
    let get = stack.api.requests_with("GET").await.pop().unwrap();
    assert_eq!(
        get["query"],
        "status=pendingAcceptance&sort_key=create_at&sort_dir=desc&limit=20"
    );
    browser.select("#conn-filter-status", "").await;
    browser.wait_text("#conn-range", |t| t == "1–6 of 6").await;

    // ---- Accept two selected together: two requests, one endpoint each ----
    browser.click(&format!("{} .pick-row", row(1))).await;
    browser.click(&format!("{} .pick-row", row(2))).await;
    assert_eq!(browser.text("#conn-accept").await, "Accept 2 selected");
    // Each request as code too: the Terraform of an accept is the approval resource.
    browser.click("#conn-requests > summary").await;
    browser.click("#code-conn-requests-0-terraform").await;
    let terraform = browser.text("#code-conn-requests-0-panel").await;
    assert!(
        terraform.contains("resource \"huaweicloud_vpcep_approval\"")
            && terraform.contains("endpoints  = ["),
        "{terraform}"
    );
    browser.click("#conn-requests > summary").await;
    browser.click("#conn-accept").await;
    for k in [1, 2] {
        browser
            .try_wait_text(
                &format!("{} .conn-status", row(k)),
                |t| t == "Accepted",
                Duration::from_secs(15),
            )
            .await
            .unwrap_or_else(|e| panic!("endpoint {k} never settled: {e}"));
    }
    let accepted = posts(&stack, "/connections/action").await;
    assert_eq!(
        accepted,
        vec![
            json!({"action": "receive", "endpoints": [ep(1)]}),
            json!({"action": "receive", "endpoints": [ep(2)]}),
        ],
        "one request per endpoint, each with exactly one"
    );
    // The rows followed the connection until it settled: GETs filtered by its ID.
    let watched = stack.api.requests_with("GET").await;
    assert!(
        watched
            .iter()
            .any(|r| r["query"].as_str() == Some(&format!("id={}", ep(1)))),
        "{watched:#?}"
    );
    browser
        .wait_text("#conn-result", |t| t == "Accepted 2 connections.")
        .await;
    browser
        .wait_text("#tab-connections", |t| t == "Connections (1 pending)")
        .await;

    // ---- Reject asks first; nothing is sent until confirmed ----
    browser.click(&format!("{} .row-reject", row(4))).await;
    browser.wait_shown("#reject-dialog").await;
    assert!(browser
        .text("#reject-what")
        .await
        .contains("loses its connection"));
    assert_eq!(browser.focused_id().await, "reject-cancel");
    browser.click("#reject-dialog summary").await;
    browser.screenshot("22-reject-confirm").await;
    assert_accessible(&browser, "the reject confirmation").await;
    assert_eq!(posts(&stack, "/connections/action").await.len(), 2);
    browser.click("#reject-confirm").await;
    browser
        .wait_text(&format!("{} .conn-status", row(4)), |t| t == "Rejected")
        .await;
    assert_eq!(
        posts(&stack, "/connections/action").await.pop().unwrap(),
        json!({"action": "reject", "endpoints": [ep(4)]})
    );

    // ---- Who may connect ----
    browser.click("#tab-whitelist").await;
    browser.wait_text("#wl-range", |t| t == "1–3 of 3").await;
    assert!(browser
        .text("#wl-owner")
        .await
        .contains("Your own account may always connect"));
    assert!(!browser.shown("#wl-everyone").await);
    assert!(browser.url().await.ends_with("&tab=whitelist"));
    assert_accessible(&browser, "the Who may connect tab").await;

    // A malformed account ID is refused at the field; nothing is sent; the text stays.
    browser.fill("#wl-add", "0123abc, not-an-id!").await;
    browser.click("#wl-add-submit").await;
    browser
        .wait_text("#wl-add-error", |t| t.contains("is not an account ID"))
        .await;
    assert_eq!(
        browser.attr("#wl-add", "aria-invalid").await.as_deref(),
        Some("true")
    );
    assert_eq!(browser.focused_id().await, "wl-add");
    assert_eq!(browser.value("#wl-add").await, "0123abc, not-an-id!");
    assert!(
        posts(&stack, "/permissions/action").await.is_empty(),
        "nothing sent"
    );

    // Two account IDs: one request in the API's shape, no confirmation.
    let (a, b) = (
        "11111111111111111111111111111111",
        "fc973eea581490997e82ea11a1d0102",
    );
    browser
        .fill("#wl-add", &format!("{a}\niam:domain::{b}"))
        .await;
    assert_eq!(
        browser.attr("#wl-add", "aria-invalid").await.as_deref(),
        Some("false")
    );
    browser.click("#wl-add-submit").await;
    browser
        .wait_text("#wl-result", |t| t.starts_with("Added"))
        .await;
    browser.wait_text("#wl-range", |t| t == "1–5 of 5").await;
    assert_eq!(
        posts(&stack, "/permissions/action").await,
        vec![json!({"action": "add", "permissions": [
            format!("iam:domain::{a}"), format!("iam:domain::{b}")
        ]})]
    );
    assert_eq!(
        browser.value("#wl-add").await,
        "",
        "the box empties once added"
    );

    // `*` only after its confirmation: Cancel sends nothing and keeps the text.
    browser.fill("#wl-add", "*").await;
    browser.click("#wl-add-submit").await;
    browser.wait_shown("#everyone-dialog").await;
    assert!(browser
        .text("#everyone-what")
        .await
        .contains("lets every account connect"));
    browser.click("#everyone-cancel").await;
    browser.wait_gone("#everyone-dialog").await;
    assert_eq!(posts(&stack, "/permissions/action").await.len(), 1);
    assert_eq!(browser.value("#wl-add").await, "*");
    browser.click("#wl-add-submit").await;
    browser.click("#everyone-confirm").await;
    browser.wait_shown("#wl-everyone").await;
    assert_eq!(
        posts(&stack, "/permissions/action").await.pop().unwrap(),
        json!({"action": "add", "permissions": ["iam:domain::*"]})
    );
    browser.wait_text("#wl-range", |t| t == "1–6 of 6").await;

    // Remove one entry: one request, and the list no longer has it.
    let gone = "iam:domain::fedcba9876543210fedcba9876543210";
    browser
        .click(&format!("tr[data-permission='{gone}'] .pick-row"))
        .await;
    assert_eq!(browser.text("#wl-remove").await, "Remove 1 selected");
    browser.click("#wl-remove").await;
    browser.wait_text("#wl-range", |t| t == "1–5 of 5").await;
    assert_eq!(
        posts(&stack, "/permissions/action").await.pop().unwrap(),
        json!({"action": "remove", "permissions": [gone]})
    );
    assert!(browser
        .find_all(&format!("tr[data-permission='{gone}']"))
        .await
        .is_empty());
    browser
        .execute(
            "document.getElementById('tab-whitelist').scrollIntoView({block: 'start'})",
            vec![],
        )
        .await;
    browser.screenshot("21-whitelist").await;
    assert_accessible(&browser, "the whitelist after the changes").await;

    // A reload opens the same tab.
    browser.refresh().await;
    browser.wait_text("#wl-range", |t| t == "1–5 of 5").await;
    assert_eq!(
        browser
            .attr("#tab-whitelist", "aria-selected")
            .await
            .as_deref(),
        Some("true")
    );

    // ---- The service list: each service's pending count, at most two asked at once ----
    browser.click("#to-list").await;
    browser
        .wait_for("#service-table", Duration::from_secs(10))
        .await;
    browser
        .wait_until("the pending counts", || async {
            list_badge(&browser, "orders-api").await == "3 pending"
        })
        .await;
    assert_eq!(list_badge(&browser, "web-frontend").await, "1 pending");
    assert_eq!(
        list_badge(&browser, "batch-jobs").await,
        "",
        "none pending: no badge"
    );
    let counts: Vec<Value> = stack
        .api
        .requests_with("GET")
        .await
        .into_iter()
        .filter(|r| r["query"] == "status=pendingAcceptance&limit=1")
        .collect();
    assert!(counts.len() >= 3, "{counts:#?}");
    // ---- Open Telekom Cloud: its dialect's differences ----
    browser
        .goto(&format!(
            "{}/?project_id={OTC_PROJECT}&service_id={DNS}&dialect=otc&tab=whitelist",
            stack.origin
        ))
        .await;
    if !browser.find_all("#s-token").await.is_empty() {
        browser.fill("#s-token", TOKEN).await;
    }
    browser.wait_text("#wl-range", |t| t == "1–4 of 4").await;
    // A bare `*` is listed: every account. OTC's entries carry a description.
    assert!(browser.shown("#wl-everyone").await);
    assert!(browser.text("#wl-table").await.contains("partner"));
    assert!(!hidden_by_css(&browser, "#wl-table th.desc").await);
    // Organization paths are Huawei Cloud's: refused at the field, nothing sent.
    let before = posts(&stack, "/permissions/action").await.len();
    browser
        .fill("#wl-add", "organizations:orgPath::o-1a2b3c4d/r-root")
        .await;
    browser.click("#wl-add-submit").await;
    browser
        .wait_text("#wl-add-error", |t| t.contains("account IDs only"))
        .await;
    assert_eq!(posts(&stack, "/permissions/action").await.len(), before);
    // Its connections carry no description: no empty column.
    browser.click("#tab-connections").await;
    browser.wait_text("#conn-range", |t| t == "1–6 of 6").await;
    assert!(hidden_by_css(&browser, "#conn-table th.desc").await);
    let list = stack.api.requests_with("GET").await.pop().unwrap();
    assert_eq!(
        list["query"], "sort_key=created_at&sort_dir=desc&limit=20",
        "OTC spells the sort key created_at"
    );
    assert_accessible(&browser, "the Connections tab on Open Telekom Cloud").await;

    // No script error on the way (the stack has no config.json: its 404 is expected).
    let problems: Vec<String> = browser
        .console_problems()
        .await
        .into_iter()
        .filter(|m| !m.contains("/config.json"))
        .collect();
    assert!(problems.is_empty(), "{problems:#?}");
}

/// The `add` requests the server received, each as the list of permissions it sent.
async fn adds(stack: &Stack) -> Vec<Value> {
    posts(stack, "/permissions/action")
        .await
        .into_iter()
        .map(|body| {
            assert_eq!(body["action"], "add", "{body}");
            body["permissions"].clone()
        })
        .collect()
}

/// The box the console empties after an add is the box its next Add reads: what a person
/// types there, without clearing it first, is what is sent (issue 25). And what they type
/// while an add is on its way is theirs: the answer does not wipe it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_add_box_sends_what_it_shows_after_an_add() {
    let stack = Stack::start().await;
    let browser = Browser::open_console(&stack.origin, WEB).await;
    browser
        .wait_text("#card-title", |t| t == "web-frontend")
        .await;
    browser.click("#tab-whitelist").await;
    browser.wait_text("#wl-range", |t| t == "1–3 of 3").await;
    let (a, b, c) = (
        "11111111111111111111111111111111",
        "22222222222222222222222222222222",
        "33333333333333333333333333333333",
    );

    // One account, then `*` typed into the emptied box: the confirmation opens.
    browser.type_text("#wl-add", a).await;
    browser.click("#wl-add-submit").await;
    browser
        .wait_text("#wl-result", |t| t.starts_with("Added"))
        .await;
    browser.wait_text("#wl-range", |t| t == "1–4 of 4").await;
    assert_eq!(browser.value("#wl-add").await, "");
    browser.type_text("#wl-add", "*").await;
    assert_eq!(
        browser.attr("#wl-add", "aria-invalid").await.as_deref(),
        Some("false"),
        "{}",
        browser.text("#wl-add-error").await
    );
    browser.click("#wl-add-submit").await;
    browser.wait_shown("#everyone-dialog").await;
    browser.click("#everyone-confirm").await;
    browser.wait_shown("#wl-everyone").await;
    assert_eq!(
        adds(&stack).await,
        vec![
            json!([format!("iam:domain::{a}")]),
            json!(["iam:domain::*"])
        ]
    );

    // Two accounts one after the other, each typed into the box the last add emptied.
    browser.wait_text("#wl-range", |t| t == "1–5 of 5").await;
    browser.type_text("#wl-add", b).await;
    browser
        .keys("#wl-add-submit", &fantoccini::key::Key::Enter.to_string())
        .await;
    browser.wait_text("#wl-range", |t| t == "1–6 of 6").await;
    assert_eq!(browser.value("#wl-add").await, "");
    browser.type_text("#wl-add", c).await;
    browser.click("#wl-add-submit").await;
    browser.wait_text("#wl-range", |t| t == "1–7 of 7").await;
    assert_eq!(
        adds(&stack).await[2..],
        [
            json!([format!("iam:domain::{b}")]),
            json!([format!("iam:domain::{c}")])
        ]
    );

    // Typing while an add is on its way: the answer leaves the new text alone, and the
    // next Add sends it.
    stack
        .api
        .queue_fault_on("delay", 1, "POST", "permissions/action", 2_000)
        .await;
    let (d, e) = (
        "44444444444444444444444444444444",
        "55555555555555555555555555555555",
    );
    browser.type_text("#wl-add", d).await;
    browser.click("#wl-add-submit").await;
    browser.fill("#wl-add", e).await;
    browser
        .wait_text("#wl-result", |t| {
            t.starts_with("Added") && t.contains(&d[..8])
        })
        .await;
    browser.wait_text("#wl-range", |t| t == "1–8 of 8").await;
    assert_eq!(browser.value("#wl-add").await, e, "typed during the add");
    browser.click("#wl-add-submit").await;
    browser.wait_text("#wl-range", |t| t == "1–9 of 9").await;
    assert_eq!(
        adds(&stack).await[4..],
        [
            json!([format!("iam:domain::{d}")]),
            json!([format!("iam:domain::{e}")])
        ]
    );
    assert_eq!(browser.value("#wl-add").await, "");

    // Two clicks on Add in one moment (a double click) send one request.
    let f = "66666666666666666666666666666666";
    browser.type_text("#wl-add", f).await;
    browser
        .execute(
            "const b = document.getElementById('wl-add-submit'); b.click(); b.click();",
            vec![],
        )
        .await;
    browser.wait_text("#wl-range", |t| t == "1–10 of 10").await;
    assert_eq!(
        adds(&stack).await[6..],
        [json!([format!("iam:domain::{f}")])],
        "one request for a double click"
    );
}

/// The session's history as its table shows it: each row's request and status.
async fn history_rows(browser: &Browser) -> Vec<(String, String)> {
    if !browser.shown("#history-table").await {
        browser.click("#history summary").await;
        browser.wait_shown("#history-table").await;
    }
    let rows = browser
        .execute(
            "return [...document.querySelectorAll('#history-table tbody tr')]
               .map(r => [r.cells[1].textContent.trim(), r.cells[2].textContent.trim()]);",
            vec![],
        )
        .await;
    serde_json::from_value(rows).unwrap()
}

/// Cancel during an Accept aborts what is in flight, and each aborted request is recorded
/// as such: at its row and in the session's history, as a batch's are (the one run driver).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cancelled_accept_is_recorded_as_aborted() {
    let stack = Stack::start().await;
    let browser = Browser::open_console(&stack.origin, WEB).await;
    browser
        .wait_text("#card-title", |t| t == "web-frontend")
        .await;
    browser.click("#tab-connections").await;
    browser.wait_text("#conn-range", |t| t == "1–6 of 6").await;
    // Both accepts hang at the server until well after the cancel.
    stack
        .api
        .queue_fault_on("delay", 2, "POST", "connections/action", 8_000)
        .await;
    browser.click(&format!("{} .pick-row", row(1))).await;
    browser.click(&format!("{} .pick-row", row(2))).await;
    browser.click("#conn-accept").await;
    // Two at a time, at most two a second: both are on their way within a second.
    browser
        .wait_until("both accepts to reach the server", || async {
            posts(&stack, "/connections/action").await.len() == 2
        })
        .await;
    browser.click("#conn-cancel").await;
    for k in [1, 2] {
        browser
            .wait_text(&format!("{}-error", row(k)), |t| t.starts_with("Aborted"))
            .await;
    }
    browser
        .wait_text("#conn-result", |t| t.contains("Accepted 0"))
        .await;
    let aborted: Vec<(String, String)> = history_rows(&browser)
        .await
        .into_iter()
        .filter(|(request, _)| request.ends_with("/connections/action"))
        .collect();
    assert_eq!(
        aborted.len(),
        2,
        "each aborted accept is in the history: {aborted:?}"
    );
    assert!(
        aborted.iter().all(|(_, status)| status == "—"),
        "no answer came: {aborted:?}"
    );
}
