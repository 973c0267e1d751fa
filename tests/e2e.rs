//! End-to-end: the release bundle (trunk's dist/) in real headless Chromium, served with the
//! local VPCEP API server from one origin, as a production proxy serves it. What the server
//! received is read back from its request log, so each test asserts what went on the wire.
//!
//! Needs `trunk build --release` first, chromedriver and axe-core; `bash .ci/test` sees to all
//! three. Each test writes screenshots of the states it passes through into tests/screenshots/.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use serde_json::{json, Value};
use std::time::Duration;
use support::{Browser, Stack, ORDERS, PROJECT, TOKEN, WAIT, WEB};

/// The service page of the demo service once it is loaded.
async fn wait_loaded(browser: &Browser) {
    browser
        .wait_text("#card-title", |t| t == "web-frontend")
        .await;
}

/// Fails with the list of what axe-core finds serious or critical on the page now.
async fn assert_accessible(browser: &Browser, state: &str) {
    let found = browser.axe().await;
    assert!(found.is_empty(), "axe-core on {state}: {found:#?}");
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
    // A first visit: the checklist says what is missing, and nothing is sent yet.
    browser
        .wait_text("#checklist", |t| t.contains("IAM token"))
        .await;
    // The proxy (the page's origin) and the project (from the link) are done; the token not.
    assert_eq!(browser.find_all("#checklist li.done").await.len(), 2);
    assert!(browser
        .text("#checklist li:not(.done)")
        .await
        .contains("Sign in (or an IAM token)"));
    browser.screenshot("01-first-run").await;
    assert!(stack.api.requests().await.is_empty());

    // Pasting the token opens the linked service; the settings fold into the header.
    browser.fill("#s-token", TOKEN).await;
    wait_loaded(&browser).await;
    browser.wait_gone("#settings").await;
    let summary = browser.text("#settings-summary").await;
    assert!(
        summary.contains(PROJECT) && summary.contains("token ✓"),
        "{summary}"
    );
    assert_eq!(browser.value("#f-service-name").await, "web-frontend");
    browser.screenshot("03-service-page").await;
    assert_accessible(&browser, "the service page").await;

    // Edit with a mistake first: the field says what is wrong and Save is off.
    browser.fill("#f-service-name", "web tier").await;
    browser
        .wait_text("#f-service-name-error", |t| {
            t.contains("space is not allowed")
        })
        .await;
    assert!(!browser.is_enabled("#save").await);
    assert_eq!(browser.text("#change-count").await, "1 problem to fix");
    browser.scroll_to("#modify-title").await;
    browser.screenshot("04-editing-with-errors").await;
    assert_accessible(&browser, "a field in error").await;

    // Then every field of the flow: name, approval, description, tcp_proxy, ports.
    browser.fill("#f-service-name", "web-tier").await;
    browser.click("#f-approval").await;
    browser.fill("#f-description", "Tier one web").await;
    browser.select("#f-tcp-proxy", "proxy_open").await;
    browser.fill("#f-port-1-client", "9443").await;
    browser.click("#add-port").await;
    browser.fill("#f-port-2-client", "2222").await;
    browser.fill("#f-port-2-server", "22").await;
    // The preview says it in console words, label first, then the API's name.
    let diff = browser
        .wait_text("#diff", |t| t.contains("Client address"))
        .await;
    assert!(
        diff.contains("Connections need approval: No → Yes approval_enabled"),
        "{diff}"
    );
    assert!(
        diff.contains("Service name: web-frontend → web-tier"),
        "{diff}"
    );
    assert!(diff.contains("the service will have these 3"), "{diff}");
    assert_eq!(
        browser.table_rows("#ports-diff").await,
        vec![
            "8080 80 TCP",
            "9443 443 TCP Added",
            "2222 22 TCP Added",
            "8443 443 TCP Removed"
        ]
    );
    assert_eq!(browser.text("#change-count").await, "5 changes");
    // The exact request is one click away, closed by default.
    assert_eq!(
        browser.prop("#request-disclosure", "open").await.as_deref(),
        Some("false")
    );
    browser.click("#request-disclosure > summary").await;
    let request = browser.text("#request-disclosure .request").await;
    assert!(
        request.contains(&format!(
            "PUT {}/v1/{PROJECT}/vpc-endpoint-services/{WEB}",
            stack.origin
        )) && request.contains("X-Auth-Token: ••••")
            && !request.contains(TOKEN),
        "{request}"
    );
    browser.scroll_to("#preview-title").await;
    browser.screenshot("05-preview").await;
    assert_accessible(&browser, "the preview").await;

    // The same change as code: curl first, then (arrow keys) the Python SDK, Go, Terraform,
    // each with what it needs and its Copy.
    let curl = browser.text("#code-preview-panel pre.code").await;
    assert!(
        curl.starts_with("curl -X PUT") && curl.contains("$TOKEN") && !curl.contains(TOKEN),
        "{curl}"
    );
    browser.keys("#code-preview-curl", "\u{e014}").await; // ArrowRight
    assert_eq!(browser.focused_id().await, "code-preview-python");
    let python = browser.text("#code-preview-panel").await;
    assert!(
        python.contains("UpdateEndpointServiceRequestBody(")
            && python.contains("description=\"Tier one web\"")
            && python.contains("pip install huaweicloudsdkvpcep")
            && python.contains("Copy Python"),
        "{python}"
    );
    browser.keys("#code-preview-python", "\u{e010}").await; // End
    let terraform = browser.text("#code-preview-panel").await;
    assert!(
        terraform.contains("resource \"huaweicloud_vpcep_service\" \"web_frontend\"")
            && terraform.contains("name        = \"web-tier\"")
            && terraform.contains("Terraform holds the whole service"),
        "{terraform}"
    );
    browser.click("#code-preview-python").await;
    browser.scroll_to(".code-tabs").await;
    browser.screenshot("27-request-as-python").await;
    assert_accessible(&browser, "the request as code").await;
    browser.click("#code-preview-curl").await;

    // Save: one PUT with only the changed fields, then the card follows creating -> available.
    // A cookie of the page's origin (another app's session, say) never goes with it.
    browser
        .execute("document.cookie = 'session=s3cret; path=/'", vec![])
        .await;
    browser.click("#save").await;
    let saved = browser
        .wait_text("#save-result", |t| t.starts_with("Saved"))
        .await;
    assert!(saved.starts_with("Saved web-tier: 5 changes."), "{saved}");
    browser
        .try_wait_text(
            "#poll-state",
            |t| t.contains("available again"),
            Duration::from_secs(20),
        )
        .await
        .unwrap();
    browser
        .wait_text("#card-status", |t| t == "Available")
        .await;
    let puts = stack.api.requests_with("PUT").await;
    assert_eq!(puts.len(), 1, "{puts:#?}");
    let put = &puts[0];
    assert!(
        saved.contains(put["request_id"].as_str().unwrap()),
        "{saved}"
    );
    assert_eq!(browser.text("#card-title").await, "web-tier");
    assert_eq!(browser.text("#card-tcp-proxy").await, "Proxy Protocol");
    assert_eq!(browser.text("#card-approval").await, "Yes");
    assert_eq!(browser.text("#change-count").await, "No changes");
    browser.screenshot("06-saved").await;
    assert_eq!(
        put["path"],
        format!("/v1/{PROJECT}/vpc-endpoint-services/{WEB}")
    );
    assert_eq!(put["token"], "accepted", "the token was sent");
    assert_eq!(put["content_type"], "application/json");
    assert_eq!(put["cookie"], false, "credentials: omit");
    // cache: no-store: the browser asks past every cache.
    assert!(
        put["cache_control"]
            .as_str()
            .is_some_and(|c| c.contains("no-cache")),
        "{put}"
    );
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

    // Upgrade: from the secondary menu, a confirmation that names the service, then a POST
    // with no body.
    browser.click("#more-actions > summary").await;
    browser.click("#open-upgrade").await;
    let dialog = browser
        .wait_text("[role=dialog]", |t| t.contains("web-tier"))
        .await;
    assert!(
        dialog.contains("Advanced (profession)")
            && dialog.contains("cn-east-4")
            && dialog.contains("Basic only"),
        "{dialog}"
    );
    browser.screenshot("07-upgrade-dialog").await;
    assert_accessible(&browser, "the upgrade dialog").await;
    browser.click("#confirm-upgrade").await;
    browser.wait_gone("[role=dialog]").await;
    browser
        .wait_text("#card-edition", |t| t == "Advanced (profession)")
        .await;
    let posts = stack.api.requests_with("POST").await;
    assert_eq!(posts.len(), 1, "{posts:#?}");
    assert_eq!(
        posts[0]["path"],
        format!("/v2/{PROJECT}/vpc-endpoint-services/{WEB}/upgrade")
    );
    assert_eq!(posts[0]["body"], Value::Null, "the upgrade sends no body");
    assert_eq!(posts[0]["token"], "accepted", "the token was sent");
    assert_eq!(posts[0]["status"], 204);
    browser
        .wait_text("#save-result", |t| t.contains("Upgrade of web-tier"))
        .await;
    // Once advanced, the menu says so instead of offering a dialog.
    browser.click("#more-actions > summary").await;
    assert!(browser.find_all("#open-upgrade").await.is_empty());
    assert!(browser
        .text("#upgrade-done")
        .await
        .contains("Already Advanced (profession)"));
    browser.screenshot("08-upgraded").await;

    // The history lists every request, and its export has no token.
    browser.click("#history > summary").await;
    let history = browser.text("#history-table").await;
    assert!(
        history.contains("PUT") && history.contains("POST"),
        "{history}"
    );
    let href = browser.attr("#export-history", "href").await.unwrap();
    assert!(href.starts_with("data:application/json") && !href.contains(TOKEN));
}

/// The demo project with a fleet of `FLEET` more services, as an operator's project looks.
const FLEET: usize = 253;

/// The service list's own GETs, in order: not the pending counts its rows ask for
/// (`…/{id}/connections`, tests/access.rs checks those).
async fn list_gets(stack: &Stack) -> Vec<Value> {
    stack
        .api
        .requests_with("GET")
        .await
        .into_iter()
        .filter(|r| {
            r["path"]
                .as_str()
                .unwrap_or("")
                .ends_with("/vpc-endpoint-services")
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_service_list_pages_filters_and_keeps_its_place() {
    let stack = Stack::start_fleet(FLEET).await;
    let browser = Browser::open_list(&stack.origin).await;
    let total = FLEET + 4;
    let range = browser.wait_text("#list-range", |t| !t.is_empty()).await;
    assert_eq!(range, format!("1–20 of {total}"));
    assert_eq!(browser.text("#list-page-of").await, "Page 1 of 13");
    // The first page asks with no offset: the reference wants it greater than 0.
    let first = list_gets(&stack).await.pop().unwrap();
    assert_eq!(first["query"], "sort_key=create_at&sort_dir=desc&limit=20");
    browser.screenshot("02-service-list").await;
    assert_accessible(&browser, "the service list").await;

    // To the last page and back, each a request of its own.
    browser.click("#list-last").await;
    browser
        .wait_text("#list-range", |t| t.starts_with("241–"))
        .await;
    assert_eq!(
        browser.text("#list-range").await,
        format!("241–{total} of {total}")
    );
    assert!(!browser.is_enabled("#list-next").await);
    let last = list_gets(&stack).await.pop().unwrap();
    assert_eq!(
        last["query"],
        "sort_key=create_at&sort_dir=desc&limit=20&offset=240"
    );
    browser.click("#list-prev").await;
    browser
        .wait_text("#list-page-of", |t| t == "Page 12 of 13")
        .await;

    // Open a row; Back returns to the list on the same page, Forward to the service.
    let name = browser
        .text("#service-table tbody tr:first-child .service-link")
        .await;
    browser
        .click("#service-table tbody tr:first-child .service-link")
        .await;
    browser.wait_text("#card-title", |t| t == name).await;
    assert!(browser.url().await.contains("service_id="));
    browser.back().await;
    browser
        .wait_text("#list-page-of", |t| t == "Page 12 of 13")
        .await;
    assert!(browser.url().await.contains("page=12"));
    browser.forward().await;
    browser.wait_text("#card-title", |t| t == name).await;
    browser.back().await;
    browser
        .wait_text("#list-page-of", |t| t == "Page 12 of 13")
        .await;

    // A filter by name (the server's fuzzy, any-case match) starts from page 1.
    browser.fill("#list-filter", "FLEET-1").await;
    browser
        .wait_text("#list-range", |t| t == "1–20 of 100")
        .await;
    let get = list_gets(&stack).await.pop().unwrap();
    assert_eq!(
        get["query"],
        "endpoint_service_name=FLEET-1&sort_key=create_at&sort_dir=desc&limit=20"
    );
    // And by status, with the server's own parameter.
    browser.select("#list-status", "failed").await;
    let range = browser
        .wait_text("#list-range", |t| !t.starts_with("1–20 of 100"))
        .await;
    let get = list_gets(&stack).await.pop().unwrap();
    assert!(
        get["query"].as_str().unwrap().contains("status=failed"),
        "{get}"
    );
    // The third column: the first is the batch's checkbox, the second the name.
    let statuses = browser.column("#service-table", 3).await;
    assert!(
        !statuses.is_empty() && statuses.iter().all(|s| s == "Failed"),
        "{range}: {statuses:?}"
    );
    // Ordered by update time, spelled the Huawei way.
    browser.select("#list-order", "updated-asc").await;
    browser
        .wait_until("a request sorted by update time", || async {
            list_gets(&stack).await.pop().unwrap()["query"]
                .as_str()
                .unwrap()
                .contains("sort_key=update_at&sort_dir=asc")
        })
        .await;
    // Nothing matches: the empty state says so and clears the filters.
    browser.fill("#list-filter", "no-such-service").await;
    browser
        .wait_text("#list-empty", |t| t.contains("No service matches"))
        .await;
    browser.screenshot("02-service-list-empty").await;
    browser.click("#clear-filters").await;
    browser
        .wait_text("#list-range", |t| t == format!("1–20 of {total}"))
        .await;
    // A reload lands on the same view.
    browser.click("#list-next").await;
    browser
        .wait_text("#list-page-of", |t| t == "Page 2 of 13")
        .await;
    browser.refresh().await;
    browser
        .wait_text("#list-page-of", |t| t == "Page 2 of 13")
        .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reload_keeps_the_service_and_restores_the_unsaved_draft() {
    let stack = Stack::start().await;
    let browser = Browser::open_console(&stack.origin, WEB).await;
    wait_loaded(&browser).await;
    browser
        .fill("#f-description", "typed before the reload")
        .await;
    browser.fill("#f-port-0-client", "8081").await;
    browser
        .wait_text("#change-count", |t| t == "2 changes")
        .await;
    browser.refresh().await;
    wait_loaded(&browser).await;
    let notice = browser.wait_text("#restored", |t| !t.is_empty()).await;
    assert!(notice.contains("Restored unsaved changes"), "{notice}");
    assert_eq!(
        browser.value("#f-description").await,
        "typed before the reload"
    );
    assert_eq!(browser.value("#f-port-0-client").await, "8081");
    assert_eq!(browser.text("#change-count").await, "2 changes");
    // The draft was kept in this tab only, never with the token.
    let stored = browser
        .execute(
            "return JSON.stringify(Object.entries(sessionStorage).filter(([k]) => k.includes('draft')))",
            vec![],
        )
        .await;
    let stored = stored.as_str().unwrap();
    assert!(
        stored.contains("typed before the reload") && !stored.contains(TOKEN),
        "{stored}"
    );
    assert!(stack.api.requests_with("PUT").await.is_empty());
    // Discard puts the service back in the form, and the draft goes.
    browser.click("#discard-restored").await;
    browser.wait_gone("#restored").await;
    assert_eq!(browser.value("#f-description").await, "Public web tier");
    assert_eq!(browser.text("#change-count").await, "No changes");
    browser.refresh().await;
    wait_loaded(&browser).await;
    assert!(!browser.shown("#restored").await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn leaving_a_service_with_unsaved_edits_asks_first() {
    let stack = Stack::start().await;
    let browser = Browser::open_console(&stack.origin, WEB).await;
    wait_loaded(&browser).await;
    browser.fill("#f-description", "not saved yet").await;
    browser
        .wait_text("#change-count", |t| t == "1 change")
        .await;

    // Going to another page asks; Stay keeps everything as it was.
    browser.click("#to-list").await;
    let dialog = browser
        .wait_text("#leave-dialog", |t| t.contains("unsaved changes"))
        .await;
    assert!(dialog.contains("web-frontend"), "{dialog}");
    assert_eq!(browser.focused_id().await, "leave-stay");
    browser.screenshot("09-leave-dialog").await;
    assert_accessible(&browser, "the leave dialog").await;
    browser.click("#leave-stay").await;
    browser.wait_gone("#leave-dialog").await;
    assert_eq!(browser.value("#f-description").await, "not saved yet");
    assert!(browser.url().await.contains(WEB));

    // Keep the draft and open another service: that one shows its own values.
    browser.click("#to-list").await;
    browser.click("#leave-keep").await;
    browser
        .wait_text("#service-table", |t| t.contains("orders-api"))
        .await;
    browser.click(&format!("a[href*='{ORDERS}']")).await;
    browser
        .wait_text("#card-title", |t| t == "orders-api")
        .await;
    assert_eq!(
        browser.value("#f-description").await,
        "Order service behind the ELB"
    );
    assert!(!browser.shown("#restored").await);
    // Back at the first service, the edits come back.
    browser.click("#to-list").await;
    browser.click(&format!("a[href*='{WEB}']")).await;
    wait_loaded(&browser).await;
    browser.wait_shown("#restored").await;
    assert_eq!(browser.value("#f-description").await, "not saved yet");

    // Discard and leave: the edits are gone for good.
    browser.click("#to-list").await;
    browser.click("#leave-discard").await;
    browser.wait_for("#service-table", WAIT).await;
    browser.click(&format!("a[href*='{WEB}']")).await;
    wait_loaded(&browser).await;
    assert_eq!(browser.value("#f-description").await, "Public web tier");
    assert!(!browser.shown("#restored").await);
    assert!(stack.api.requests_with("PUT").await.is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_api_error_stands_at_its_field_with_the_focus_and_the_edits_stay() {
    let stack = Stack::start().await;
    let browser = Browser::open_console(&stack.origin, WEB).await;
    wait_loaded(&browser).await;

    // 400 EndPoint.3044: port 9000 is used by batch-jobs on the same backend port.
    browser.fill("#f-description", "edited").await;
    browser.click("#add-port").await;
    browser.fill("#f-port-2-client", "9000").await;
    browser.fill("#f-port-2-server", "9000").await;
    browser.click("#save").await;
    let banner = browser
        .wait_text("#save-error [role=alert]", |t| t.contains("HTTP 400"))
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
    assert!(
        banner.contains("Your edits are still in the form"),
        "{banner}"
    );
    // The row the server named has the message and the focus.
    let at_row = browser
        .wait_text("#f-port-2-client-error", |t| t.contains("EndPoint.3044"))
        .await;
    assert!(at_row.contains("9000->9000"), "{at_row}");
    browser
        .wait_until("the focus on row 3", || async {
            browser.focused_id().await == "f-port-2-client"
        })
        .await;
    assert_eq!(
        browser
            .attr("#f-port-2-client", "aria-invalid")
            .await
            .as_deref(),
        Some("true")
    );
    assert_eq!(browser.value("#f-description").await, "edited");
    browser.screenshot("10-error-at-its-field").await;
    assert_accessible(&browser, "an error from the server").await;
    // Editing the row takes the server's message away.
    browser.fill("#f-port-2-client", "9100").await;
    browser.wait_gone("#f-port-2-client-error").await;

    // 401 EndPoint.0003: a wrong token; the edits stay.
    browser.click("#toggle-settings").await;
    browser.fill("#s-token", "expired-token").await;
    // A new token reloads the service once typing pauses (Save waits meanwhile): let that
    // reload answer first, so the click below is the save's.
    browser
        .wait_until("the reload with the new token", || async {
            stack
                .api
                .requests_with("GET")
                .await
                .iter()
                .any(|r| r["token"] == "rejected")
        })
        .await;
    browser
        .wait_until("Save to be ready", || async {
            browser.is_enabled("#save").await
        })
        .await;
    browser.click("#save").await;
    let banner = browser
        .wait_text("#save-error [role=alert]", |t| t.contains("HTTP 401"))
        .await;
    // The save's first step, reading the service again, is refused: no PUT goes out.
    let last = stack.api.requests().await.pop().unwrap();
    assert_eq!(last["method"], "GET");
    assert_eq!(last["token"], "rejected", "the wrong token was sent");
    assert!(
        banner.contains("EndPoint.0003") && banner.contains(last["request_id"].as_str().unwrap()),
        "{banner}"
    );
    assert_eq!(browser.value("#f-port-2-client").await, "9100");
}

/// The last PUT the server received, its body as JSON.
async fn last_put_body(stack: &Stack) -> Value {
    let put = stack.api.requests_with("PUT").await.pop().expect("a PUT");
    serde_json::from_str(put["body"].as_str().unwrap()).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_admins_editing_one_service_lose_nothing() {
    let stack = Stack::start().await;
    let browser = Browser::open_console(&stack.origin, WEB).await;
    wait_loaded(&browser).await;
    // Admin A changes a port on the copy loaded now...
    browser.fill("#f-port-1-client", "9443").await;
    // ...while admin B adds 7000 -> 70 and rewords the description.
    let mapping = |c: u32, s: u32| json!({"client_port": c, "server_port": s, "protocol": "TCP"});
    stack
        .api
        .edit_as_someone_else(
            WEB,
            json!({"description": "Tier one", "ports": [mapping(8080, 80), mapping(8443, 443), mapping(7000, 70)]}),
        )
        .await;
    // B's new mapping puts the service in `creating` for a moment.
    tokio::time::sleep(Duration::from_millis(1800)).await;
    browser.click("#save").await;
    let notice = browser
        .wait_text("#conflict", |t| t.contains("changed on the server"))
        .await;
    for part in [
        "web-frontend changed on the server since you opened it",
        "Description: Public web tier → Tier one",
        "Port mappings added: 7000 → 70 TCP",
    ] {
        assert!(notice.contains(part), "{part} not in {notice}");
    }
    assert!(
        stack.api.requests_with("PUT").await.is_empty(),
        "nothing was sent over B's work"
    );
    assert_eq!(browser.focused_id().await, "conflict-take");
    browser.screenshot("18-conflict").await;
    assert_accessible(&browser, "the conflict notice").await;

    // Their changes into the form, A's edit on top: B's mapping stays, A's port is changed.
    browser.click("#conflict-take").await;
    browser.wait_gone("#conflict").await;
    assert_eq!(browser.value("#f-description").await, "Tier one");
    let clients: Vec<String> = {
        let mut v = Vec::new();
        for i in 0..3 {
            v.push(browser.value(&format!("#f-port-{i}-client")).await);
        }
        v
    };
    assert_eq!(clients, ["8080", "7000", "9443"]);
    browser.click("#save").await;
    browser
        .wait_text("#save-result", |t| t.starts_with("Saved web-frontend"))
        .await;
    let body = last_put_body(&stack).await;
    assert_eq!(
        body,
        json!({"ports": [mapping(8080, 80), mapping(7000, 70), mapping(9443, 443)]}),
        "B's description is not sent back, B's mapping is kept"
    );

    // Or A's form wins, knowingly: "Save mine anyway" sends it as it is.
    browser
        .wait_text("#poll-state", |t| t.contains("available again"))
        .await;
    stack
        .api
        .edit_as_someone_else(WEB, json!({"description": "B again"}))
        .await;
    browser.fill("#f-description", "A wins").await;
    browser.click("#save").await;
    browser
        .wait_text("#conflict", |t| {
            t.contains("Description: Tier one → B again")
        })
        .await;
    browser.click("#conflict-send").await;
    browser
        .wait_text("#save-result", |t| t.starts_with("Saved web-frontend"))
        .await;
    assert_eq!(
        last_put_body(&stack).await,
        json!({"description": "A wins"})
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ctrl_enter_saves_and_a_double_click_sends_one_request() {
    let stack = Stack::start().await;
    let browser = Browser::open_console(&stack.origin, WEB).await;
    wait_loaded(&browser).await;
    browser
        .fill("#f-description", "saved from the keyboard")
        .await;
    browser.ctrl_enter("#f-description").await;
    browser
        .wait_text("#save-result", |t| {
            t.starts_with("Saved web-frontend: 1 change.")
        })
        .await;
    let puts = stack.api.requests_with("PUT").await;
    assert_eq!(puts.len(), 1);
    assert_eq!(
        puts[0]["body"],
        r#"{"description":"saved from the keyboard"}"#
    );

    browser.fill("#f-description", "clicked twice").await;
    browser
        .wait_text("#change-count", |t| t == "1 change")
        .await;
    // Two clicks in the same moment, before the page can re-render the button.
    browser
        .execute(
            "const b = document.getElementById('save'); b.click(); b.click();",
            vec![],
        )
        .await;
    browser
        .wait_text("#card-description", |t| t == "clicked twice")
        .await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(stack.api.requests_with("PUT").await.len(), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_late_answer_never_replaces_the_service_on_screen() {
    let stack = Stack::start().await;
    let browser = Browser::open_console(&stack.origin, ORDERS).await;
    browser
        .wait_text("#card-title", |t| t == "orders-api")
        .await;
    browser.click("#to-list").await;
    // The list's rows ask for their pending connections (…/{id}/connections) first: those
    // are not the answer this test slows down.
    browser
        .wait_until("web-frontend's pending count", || async {
            stack.api.requests_with("GET").await.iter().any(|r| {
                r["path"]
                    .as_str()
                    .unwrap_or("")
                    .ends_with(&format!("{WEB}/connections"))
                    && !r["status"].is_null()
            })
        })
        .await;
    // web-frontend answers slowly; the user moves on to orders-api meanwhile.
    stack.api.queue_fault_on("delay", 1, "GET", WEB, 1500).await;
    browser.click(&format!("a[href*='{WEB}']")).await;
    browser.wait_for("#service-loading", WAIT).await;
    browser.back().await;
    browser.wait_for("#service-table", WAIT).await;
    browser.click(&format!("a[href*='{ORDERS}']")).await;
    browser
        .wait_text("#card-title", |t| t == "orders-api")
        .await;
    // The slow answer arrives, and is not shown.
    tokio::time::sleep(Duration::from_millis(2000)).await;
    assert_eq!(browser.text("#card-title").await, "orders-api");
    assert!(browser.url().await.contains(ORDERS));
    let slow = stack.api.requests_with("GET").await;
    assert!(slow
        .iter()
        .any(|r| r["path"].as_str().unwrap().ends_with(WEB)));
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
    browser.load_list(&stack.origin).await;
    browser.wait_for("#service-table", WAIT).await;
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
    assert_eq!(bg, json!("rgb(14, 19, 26)"));
    assert!(
        fits_width(&browser).await,
        "the list scrolls sideways on a phone"
    );
    browser.screenshot("11-phone-dark-list").await;
    assert_accessible(&browser, "the list on a phone, dark").await;
    browser.click(&format!("a[href*='{WEB}']")).await;
    wait_loaded(&browser).await;
    assert!(
        fits_width(&browser).await,
        "the service page scrolls sideways on a phone"
    );
    browser.screenshot("12-phone-dark-service").await;
    browser.fill("#f-port-0-client", "99999").await;
    browser
        .wait_text("#f-port-0-client-error", |t| t.contains("not a port"))
        .await;
    assert!(
        fits_width(&browser).await,
        "the port editor scrolls sideways on a phone"
    );
    browser.scroll_to("#ports-note").await;
    browser.screenshot("13-phone-dark-ports").await;
    assert_accessible(&browser, "the service page on a phone, dark").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_list_and_the_service_page_on_a_phone_in_light_mode() {
    let stack = Stack::start().await;
    let browser = Browser::start_with_args(&["--window-size=390,844"]).await;
    browser.load_list(&stack.origin).await;
    browser.wait_for("#service-table", WAIT).await;
    assert!(
        fits_width(&browser).await,
        "the list scrolls sideways on a phone"
    );
    browser.screenshot("16-phone-list").await;
    browser.click(&format!("a[href*='{WEB}']")).await;
    wait_loaded(&browser).await;
    browser.fill("#f-description", "from a phone").await;
    browser
        .wait_text("#change-count", |t| t == "1 change")
        .await;
    assert!(
        fits_width(&browser).await,
        "the service page scrolls sideways on a phone"
    );
    browser.screenshot("17-phone-service").await;
    assert_accessible(&browser, "the service page on a phone").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_list_and_the_service_page_in_dark_mode_on_a_desktop() {
    let stack = Stack::start().await;
    let browser = Browser::start_with_args(&["--force-dark-mode"]).await;
    browser.load_list(&stack.origin).await;
    browser.wait_for("#service-table", WAIT).await;
    browser.screenshot("14-dark-list").await;
    assert_accessible(&browser, "the list, dark").await;
    browser.click(&format!("a[href*='{WEB}']")).await;
    wait_loaded(&browser).await;
    browser.fill("#f-description", "dark").await;
    browser
        .wait_text("#change-count", |t| t == "1 change")
        .await;
    browser.screenshot("15-dark-service").await;
    assert_accessible(&browser, "the service page, dark").await;
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
    // It works with those settings alone: the token lists the project's services.
    browser.fill("#s-token", TOKEN).await;
    browser
        .wait_text("#service-table", |t| t.contains("web-frontend"))
        .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn behind_a_proxy_that_adds_the_token_none_is_asked_or_sent() {
    let stack = Stack::start_with(Some(r#"{"auth": "proxy"}"#)).await;
    let browser = Browser::start().await;
    browser
        .goto(&format!("{}/?project_id={PROJECT}", stack.origin))
        .await;
    // Nothing to paste: the list is asked for at once, without a token.
    browser.wait_for("#list-failed", WAIT).await;
    assert!(browser.find_all("#s-token").await.is_empty());
    assert!(browser
        .text("#settings-summary")
        .await
        .contains("token added by the proxy"));
    let gets = stack.api.requests_with("GET").await;
    assert!(!gets.is_empty());
    assert!(gets.iter().all(|r| r["token"].is_null()), "{gets:#?}");
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
    browser.click("#toggle-settings").await;
    assert_eq!(browser.value("#s-proxy-url").await, stack.origin);
}

/// A static server of the release bundle whose `/config.json` never answers: a deployment
/// whose file hangs (a stuck NFS mount, a proxy that holds the request).
async fn bundle_with_a_hanging_config_json() -> (String, tokio::task::JoinHandle<()>) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let origin = format!("http://{}", listener.local_addr().unwrap());
    let dist = support::stack::dist();
    let task = tokio::spawn(async move {
        for _ in 0..200 {
            let Ok((mut conn, _)) = listener.accept().await else {
                return;
            };
            let dist = dist.clone();
            tokio::spawn(async move {
                let mut head = Vec::new();
                let mut buf = [0u8; 2048];
                while !head.windows(4).any(|w| w == b"\r\n\r\n") && head.len() < 16384 {
                    match conn.read(&mut buf).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => head.extend_from_slice(&buf[..n]),
                    }
                }
                let line = String::from_utf8_lossy(&head)
                    .lines()
                    .next()
                    .unwrap_or("")
                    .to_owned();
                let path = line
                    .split(' ')
                    .nth(1)
                    .unwrap_or("/")
                    .split('?')
                    .next()
                    .unwrap_or("/")
                    .to_owned();
                if path == "/config.json" {
                    // Held open, never answered (until the test ends).
                    tokio::time::sleep(Duration::from_secs(60)).await;
                    return;
                }
                let name = if path == "/" {
                    "index.html"
                } else {
                    path.trim_start_matches('/')
                };
                let (status, body) = match std::fs::read(dist.join(name)) {
                    Ok(b) if !name.contains("..") => ("200 OK", b),
                    _ => ("404 Not Found", b"not found".to_vec()),
                };
                let kind = match name.rsplit('.').next() {
                    Some("html") => "text/html; charset=utf-8",
                    Some("js") => "text/javascript",
                    Some("wasm") => "application/wasm",
                    Some("css") => "text/css",
                    Some("svg") => "image/svg+xml",
                    _ => "application/octet-stream",
                };
                let head = format!(
                    "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                    body.len()
                );
                let _ = conn.write_all(head.as_bytes()).await;
                let _ = conn.write_all(&body).await;
            });
        }
    });
    (origin, task)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_config_json_that_hangs_gives_a_banner_and_the_console_on_its_defaults() {
    let (origin, server) = bundle_with_a_hanging_config_json().await;
    let browser = Browser::start().await;
    browser
        .goto(&format!("{origin}/?project_id={PROJECT}"))
        .await;
    // Not a blank page for ever: after 5 s the console starts on its defaults, and says why.
    let banner = browser
        .try_wait_text(
            "#config-problem",
            |t| t.contains("config.json did not arrive within 5 s"),
            Duration::from_secs(15),
        )
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(banner.contains("built-in defaults"), "{banner}");
    browser
        .wait_text("#checklist", |t| t.contains("IAM token"))
        .await;
    assert_eq!(browser.value("#s-proxy-url").await, origin);
    server.abort();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_config_json_nothing_is_reported() {
    let stack = Stack::start().await;
    let browser = Browser::open_console(&stack.origin, WEB).await;
    wait_loaded(&browser).await;
    assert!(browser.find_all("#config-problem").await.is_empty());
    browser.click("#toggle-settings").await;
    assert_eq!(
        browser.prop("#s-proxy-url", "readOnly").await.as_deref(),
        Some("false")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_upgrade_dialog_keeps_the_focus_and_gives_it_back() {
    let stack = Stack::start().await;
    let browser = Browser::open_console(&stack.origin, WEB).await;
    wait_loaded(&browser).await;
    browser.click("#more-actions > summary").await;
    browser.click("#open-upgrade").await;
    browser.wait_for("[role=dialog]", WAIT).await;
    assert_eq!(
        browser.focused_id().await,
        "cancel-upgrade",
        "keyboard users land in the dialog"
    );
    assert_eq!(
        browser.attr("[role=dialog]", "aria-modal").await.as_deref(),
        Some("true")
    );
    // Tab stays inside: from the last control back to the first, and the other way.
    browser
        .execute("document.getElementById('confirm-upgrade').focus()", vec![])
        .await;
    browser.tab("#confirm-upgrade").await;
    // The first control of the dialog: the Request disclosure.
    let first = browser
        .execute(
            "return document.activeElement === document.querySelector('#upgrade-dialog summary')",
            vec![],
        )
        .await;
    assert_eq!(
        first,
        json!(true),
        "Tab from the last control wraps to the first"
    );
    browser.shift_tab("#upgrade-dialog summary").await;
    assert_eq!(browser.focused_id().await, "confirm-upgrade");
    // Escape closes it, sends nothing, and the focus is back on the menu.
    browser.press_escape("#confirm-upgrade").await;
    browser.wait_gone("[role=dialog]").await;
    assert!(stack.api.requests_with("POST").await.is_empty());
    let back = browser
        .execute(
            "return document.activeElement.closest('#more-actions') !== null",
            vec![],
        )
        .await;
    assert_eq!(back, json!(true));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn open_telekom_cloud_documents_no_upgrade_so_none_is_sent() {
    let stack = Stack::start().await;
    let browser = Browser::start().await;
    browser
        .goto(&format!(
            "{}/?project_id={PROJECT}&service_id={WEB}&dialect=otc",
            stack.origin
        ))
        .await;
    browser.fill("#s-token", TOKEN).await;
    wait_loaded(&browser).await;
    browser.click("#more-actions > summary").await;
    let note = browser.text("#upgrade-unavailable").await;
    assert!(note.contains("documents no upgrade"), "{note}");
    assert!(browser.find_all("#open-upgrade").await.is_empty());
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
        browser.refresh().await;
        if let Err(e) = browser
            .try_wait_text("[role=alert]", |t| t.contains(expected), WAIT)
            .await
        {
            panic!("{mode}: {e}");
        }
        // The page offers the next step.
        assert!(browser.shown("#service-retry").await, "{mode}");
        stack.api.clear_faults().await;
        browser.click("#service-retry").await;
        wait_loaded(&browser).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failed_upgrade_shows_the_servers_answer_and_leaves_the_card() {
    let stack = Stack::start().await;
    stack.api.queue_fault("error500", 1, "POST").await;
    let browser = Browser::open_console(&stack.origin, WEB).await;
    wait_loaded(&browser).await;
    // The service's own GETs (not the Connections tab's count of pending connections).
    let service_gets = || async {
        stack
            .api
            .requests_with("GET")
            .await
            .into_iter()
            .filter(|r| r["path"].as_str().unwrap_or("").ends_with(WEB))
            .count()
    };
    let gets_before = service_gets().await;
    browser.click("#more-actions > summary").await;
    browser.click("#open-upgrade").await;
    browser.click("#confirm-upgrade").await;
    let banner = browser
        .wait_text("#save-error [role=alert]", |t| t.contains("HTTP 500"))
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
    // Nothing pretends it worked: no refresh, the card still says Basic.
    assert!(browser.find_all("#save-result").await.is_empty());
    assert_eq!(browser.text("#card-edition").await, "Basic");
    assert_eq!(
        service_gets().await,
        gets_before,
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
