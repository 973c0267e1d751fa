//! End to end: many services at once. The release bundle and the local API server on one
//! origin, 300 fleet services plus the demo ones, in one Chromium for the whole file:
//! select all matching and upgrade them; a 10 % failure rate and Retry failed; Cancel midway;
//! throttling; and a service someone else changed after it was selected.
//!
//! config.json raises the batch's rate limit to 50 requests a second, so the 300-service
//! upgrade takes seconds; the default (2 a second) is the deployment's.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::time::{Duration, Instant};
use support::stack::http;
use support::{Browser, Stack, ORDERS, PROJECT, TOKEN, WEB};

const FLEET: usize = 300;
/// The demo project's own services, besides the fleet.
const DEMO_SERVICES: usize = 4;
const CONFIG: &str = r#"{"batch_rate_per_second": 50}"#;
/// The longest a batch of this file may take.
const BATCH_WAIT: Duration = Duration::from_secs(40);

/// Every service of the demo project as the API has it now.
async fn services(stack: &Stack) -> Vec<Value> {
    let url = format!(
        "{}/v1/{PROJECT}/vpc-endpoint-services?limit=1000",
        stack.origin
    );
    let answer = http()
        .get(url)
        .header("X-Auth-Token", TOKEN)
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 200);
    let body: Value = answer.json().await.unwrap();
    body["endpoint_services"].as_array().unwrap().clone()
}

fn is_advanced(service: &Value) -> bool {
    service["supported_editions"]
        .as_array()
        .is_some_and(|e| e.iter().any(|v| v == "profession"))
}

/// The service id a request's path is about (`…/vpc-endpoint-services/{id}[/upgrade]`).
fn service_of(request: &Value) -> String {
    let path = request["path"].as_str().unwrap();
    let tail = path.split("/vpc-endpoint-services/").nth(1).unwrap_or("");
    tail.split('/').next().unwrap_or("").to_owned()
}

/// The batch table's rows as the user reads them.
async fn rows(browser: &Browser) -> Vec<Value> {
    let found = browser
        .execute(
            "return [...document.querySelectorAll('#batch-table tr.batch-row')].map(tr => {
               const td = tr.querySelectorAll('td');
               return { id: tr.dataset.id, result: td[0].textContent, detail: td[1].textContent,
                        tries: td[2].textContent, http: td[3].textContent, code: td[4].textContent };
             });",
            vec![],
        )
        .await;
    found.as_array().unwrap().clone()
}

fn by_id(rows: &[Value]) -> BTreeMap<String, Value> {
    rows.iter()
        .map(|r| (r["id"].as_str().unwrap().to_owned(), r.clone()))
        .collect()
}

/// Waits until the batch is over (its Close button shows), at most [`BATCH_WAIT`].
async fn wait_finished(browser: &Browser) {
    let deadline = Instant::now() + BATCH_WAIT;
    while !browser.shown("#batch-close").await {
        if Instant::now() >= deadline {
            panic!(
                "the batch did not finish within {BATCH_WAIT:?}: {}\n{:#?}",
                browser.text("#batch-counts").await,
                browser.console_log().await
            );
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Opens the list anew, unfiltered (it reads the server afresh; the selection starts empty;
/// the token stays in the tab).
async fn fresh_list(browser: &Browser, stack: &Stack, total: usize) {
    browser
        .goto(&format!("{}/?project_id={PROJECT}", stack.origin))
        .await;
    browser
        .wait_text("#list-range", |t| t.ends_with(&format!("of {total}")))
        .await;
}

/// "Select all N matching", then waits for the count.
async fn select_all_matching(browser: &Browser, n: usize) {
    browser.click("#select-matching").await;
    browser
        .wait_text("#selection-count", |t| t == format!("{n} selected"))
        .await;
}

/// Chooses the change, reviews it and starts it with `concurrency` requests at once.
async fn run(browser: &Browser, action: &str, text: Option<&str>, concurrency: &str) {
    browser.select("#batch-action", action).await;
    if let Some(text) = text {
        browser.fill("#batch-description", text).await;
    }
    browser.click("#batch-review").await;
    browser.wait_shown("#batch-start").await;
    browser.fill("#batch-concurrency", concurrency).await;
    browser.click("#batch-start").await;
}

/// The Retry failed button's words, or nothing when it is hidden.
async fn retry_label(browser: &Browser) -> String {
    if browser.shown("#batch-retry").await {
        browser.text("#batch-retry").await
    } else {
        String::new()
    }
}

/// The text of the object URL an export link points at.
async fn export(browser: &Browser, css: &str) -> String {
    let href = browser.attr(css, "href").await.expect("an export link");
    assert!(href.starts_with("blob:"), "{href}");
    let text = browser
        .execute(
            "return fetch(arguments[0]).then(r => r.text());",
            vec![json!(href)],
        )
        .await;
    text.as_str().unwrap().to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn many_services_at_once() {
    let stack = Stack::start_fleet_with(FLEET, Some(CONFIG)).await;
    let total = FLEET + DEMO_SERVICES;
    let browser = Browser::open_list(&stack.origin).await;
    browser
        .wait_text("#list-range", |t| t.ends_with(&format!("of {total}")))
        .await;

    // 1. Select all matching (every page), upgrade with 4 at once.
    let before = services(&stack).await;
    assert_eq!(before.len(), total);
    let basic: BTreeSet<String> = before
        .iter()
        .filter(|s| !is_advanced(s))
        .map(|s| s["id"].as_str().unwrap().to_owned())
        .collect();
    assert!(basic.len() > 150 && basic.len() < total, "{}", basic.len());
    select_all_matching(&browser, total).await;
    browser.select("#batch-action", "upgrade").await;
    browser.click("#batch-review").await;
    let title = browser
        .wait_text("#batch-title", |t| t.contains("to change"))
        .await;
    assert_eq!(
        title,
        format!(
            "Upgrade to Advanced (profession): {} to change, {} skipped",
            basic.len(),
            total - basic.len()
        )
    );
    // Nothing is sent before Start: the review is the plan.
    assert!(stack.api.requests_with("POST").await.is_empty());
    let planned = rows(&browser).await;
    assert_eq!(planned.len(), total);
    for row in &planned {
        let id = row["id"].as_str().unwrap();
        let want = if basic.contains(id) {
            "Will upgrade"
        } else {
            "Skipped"
        };
        assert_eq!(row["result"], want, "{row}");
    }
    browser.fill("#batch-concurrency", "9").await;
    browser
        .wait_text("#batch-concurrency-error", |t| t.contains("1 to 8"))
        .await;
    assert!(!browser.is_enabled("#batch-start").await);
    browser.fill("#batch-concurrency", "4").await;
    browser.screenshot("23-batch-review").await;
    let found = browser.axe().await;
    assert!(found.is_empty(), "axe on the batch review: {found:#?}");
    let started = Instant::now();
    browser.click("#batch-start").await;
    wait_finished(&browser).await;
    let wall = started.elapsed();
    println!(
        "batch upgrade of {} services ({} sent) at 4 at once, 50 a second: {wall:?}",
        total,
        basic.len()
    );
    assert_eq!(browser.text(".batch-progress .percent").await, "100 %");
    let counts = browser.text("#batch-counts").await;
    assert!(counts.contains("0 remaining"), "{counts}");
    // The server saw exactly one upgrade per basic service, and none for the others.
    let posts = stack.api.requests_with("POST").await;
    let mut per_service: BTreeMap<String, Vec<Value>> = BTreeMap::new();
    for p in &posts {
        assert!(p["path"].as_str().unwrap().ends_with("/upgrade"), "{p}");
        assert_eq!(p["token"], "accepted");
        per_service
            .entry(service_of(p))
            .or_default()
            .push(p.clone());
    }
    assert_eq!(
        per_service.keys().cloned().collect::<BTreeSet<_>>(),
        basic,
        "one POST per basic service"
    );
    assert!(per_service.values().all(|v| v.len() == 1));
    // Each row says what the server answered it.
    let done = by_id(&rows(&browser).await);
    for (id, request) in &per_service {
        let row = &done[id];
        let status = request[0]["status"].as_u64().unwrap();
        assert_eq!(row["http"], status.to_string(), "{row}");
        if (200..300).contains(&status) {
            assert_eq!(row["result"], "Done", "{row}");
        } else {
            assert_eq!(row["result"], "Failed", "{row}");
            assert!(!row["code"].as_str().unwrap().is_empty(), "{row}");
        }
    }
    for (id, row) in &done {
        if !basic.contains(id) {
            assert_eq!(row["result"], "Skipped", "{row}");
        }
    }
    // The results export with no token.
    let csv = export(&browser, "#batch-csv").await;
    assert_eq!(csv.trim_end().lines().count(), total + 1, "{csv:.300}");
    assert!(csv.starts_with("service_id,"), "{csv:.200}");
    let json_text = export(&browser, "#batch-json").await;
    let exported: Value = serde_json::from_str(&json_text).unwrap();
    assert_eq!(exported["rows"].as_array().unwrap().len(), total);
    assert!(!csv.contains(TOKEN) && !json_text.contains(TOKEN));
    // And every try is in the history.
    let history = browser.text("#history-title").await;
    let logged: usize = history
        .rsplit('(')
        .next()
        .and_then(|n| n.trim_end_matches(')').parse().ok())
        .unwrap_or(0);
    assert!(logged >= posts.len() + total.div_ceil(100), "{history}");
    browser.scroll_to("#batch").await;
    browser.screenshot("24-batch-done").await;
    let found = browser.axe().await;
    assert!(found.is_empty(), "axe on the batch results: {found:#?}");
    browser.click("#batch-close").await;

    // 2. With 10 % of the PUTs failing, Retry failed completes them.
    stack.api.reset().await;
    stack
        .api
        .queue(json!({"mode": "every_nth", "n": 10, "distinct_requests": true, "method": "PUT"}))
        .await;
    fresh_list(&browser, &stack, total).await;
    let now = services(&stack).await;
    let ids = |pred: &dyn Fn(&Value) -> bool| -> BTreeSet<String> {
        now.iter()
            .filter(|s| pred(s))
            .map(|s| s["id"].as_str().unwrap().to_owned())
            .collect()
    };
    let approving = ids(&|s| s["approval_enabled"] == true);
    // The API refuses changes to a `failed` service (EndPoint.3045): those rows fail twice.
    let editable = ids(&|s| s["approval_enabled"] == true && s["status"] == "available");
    let refused: BTreeSet<String> = approving.difference(&editable).cloned().collect();
    assert!(!refused.is_empty());
    select_all_matching(&browser, total).await;
    run(&browser, "approval-off", None, "2").await;
    wait_finished(&browser).await;
    let first = by_id(&rows(&browser).await);
    let failed: BTreeSet<String> = first
        .iter()
        .filter(|(_, r)| r["result"] == "Failed")
        .map(|(id, _)| id.clone())
        .collect();
    let nth: BTreeSet<String> = failed
        .iter()
        .filter(|id| first[*id]["http"] == "500")
        .cloned()
        .collect();
    assert_eq!(nth.len(), approving.len() / 10, "every 10th PUT fails");
    for id in &nth {
        assert_eq!(first[id]["code"], "EndPoint.0001");
    }
    assert!(refused.is_subset(&failed));
    assert_eq!(failed, nth.union(&refused).cloned().collect());
    let retry = browser.text("#batch-retry").await;
    assert_eq!(retry, format!("Retry failed ({})", failed.len()));
    let puts_before_retry = stack.api.requests_with("PUT").await.len();
    browser.click("#batch-retry").await;
    wait_finished(&browser).await;
    let second = by_id(&rows(&browser).await);
    for id in &editable {
        assert_eq!(second[id]["result"], "Done", "{}", second[id]);
    }
    for id in &refused {
        assert_eq!(second[id]["result"], "Failed", "{}", second[id]);
        assert_eq!(second[id]["code"], "EndPoint.3045", "{}", second[id]);
    }
    assert_eq!(
        retry_label(&browser).await,
        format!("Retry failed ({})", refused.len())
    );
    // Only the failed rows ran again: one more PUT each; every service got its change once.
    let puts = stack.api.requests_with("PUT").await;
    assert_eq!(puts.len() - puts_before_retry, failed.len());
    let mut ok: BTreeMap<String, usize> = BTreeMap::new();
    for p in &puts {
        assert_eq!(p["body"], r#"{"approval_enabled":false}"#, "{p}");
        if p["status"] == 200 {
            *ok.entry(service_of(p)).or_default() += 1;
        }
    }
    assert_eq!(ok.keys().cloned().collect::<BTreeSet<_>>(), editable);
    assert!(ok.values().all(|n| *n == 1));
    browser.click("#batch-close").await;

    // 3. Cancel midway: what was not sent stays untouched.
    stack.api.reset().await;
    stack
        .api
        .queue(json!({"mode": "delay", "delay_ms": 300, "count": 1000, "method": "PUT"}))
        .await;
    fresh_list(&browser, &stack, total).await;
    select_all_matching(&browser, total).await;
    run(&browser, "description", Some("Set by a batch"), "1").await;
    browser
        .wait_text("#batch-counts", |t| {
            t.split(" done").next().and_then(|n| n.parse::<u32>().ok()) >= Some(3)
        })
        .await;
    browser.click("#batch-cancel").await;
    wait_finished(&browser).await;
    // Nothing more goes out after the cancel.
    tokio::time::sleep(Duration::from_millis(800)).await;
    let puts = stack.api.requests_with("PUT").await;
    let sent: BTreeSet<String> = puts.iter().map(service_of).collect();
    let after = by_id(&rows(&browser).await);
    let results = |want: &str| {
        after
            .iter()
            .filter(|(_, r)| r["result"] == want)
            .map(|(id, _)| id.clone())
            .collect::<BTreeSet<_>>()
    };
    let (done, aborted, not_started) =
        (results("Done"), results("Aborted"), results("Not started"));
    assert!(
        done.len() >= 3 && aborted.len() <= 1,
        "{done:?} {aborted:?}"
    );
    assert!(not_started.len() > total / 2, "{}", not_started.len());
    assert!(done.is_subset(&sent));
    assert!(sent.is_subset(&done.union(&aborted).cloned().collect()));
    assert!(not_started.is_disjoint(&sent));
    let now = services(&stack).await;
    for s in &now {
        let id = s["id"].as_str().unwrap();
        if not_started.contains(id) {
            assert_ne!(
                s["description"], "Set by a batch",
                "{id} was not to be sent"
            );
        }
    }
    let counts = browser.text("#batch-counts").await;
    assert!(
        counts.contains(&format!("{} not started", not_started.len())),
        "{counts}"
    );
    browser.click("#batch-close").await;

    // 4. Throttled (3 PUTs a second, then EndPoint.0022 as HTTP 400): retried until done,
    //    nothing lost or sent twice.
    stack.api.reset().await;
    stack
        .api
        .queue(json!({"mode": "throttle", "limit": 3, "window_ms": 1000, "code": "EndPoint.0022", "method": "PUT"}))
        .await;
    fresh_list(&browser, &stack, total).await;
    browser.fill("#list-filter", "fleet-01").await;
    browser
        .wait_text("#list-range", |t| t == "1–10 of 10")
        .await;
    browser.click("#pick-page").await;
    browser
        .wait_text("#selection-count", |t| t == "10 selected")
        .await;
    // fleet-018 is `failed`: the API would refuse it; a click leaves it out.
    browser
        .click("input.pick-row[data-id='f1ee7000-0000-4000-8000-000000000018']")
        .await;
    browser
        .wait_text("#selection-count", |t| t == "9 selected")
        .await;
    run(&browser, "description", Some("Throttled but done"), "4").await;
    wait_finished(&browser).await;
    let throttled = by_id(&rows(&browser).await);
    assert_eq!(throttled.len(), 9);
    let puts = stack.api.requests_with("PUT").await;
    let refused = puts.iter().filter(|p| p["status"] == 400).count();
    assert!(refused > 0, "the throttle refused nothing");
    assert!(puts
        .iter()
        .filter(|p| p["status"] == 400)
        .all(|p| p["fault"] == "throttle"));
    let mut ok: BTreeMap<String, usize> = BTreeMap::new();
    for p in puts.iter().filter(|p| p["status"] == 200) {
        *ok.entry(service_of(p)).or_default() += 1;
    }
    assert_eq!(ok.len(), 9);
    assert!(ok.values().all(|n| *n == 1), "{ok:?}");
    // Each row's tries are its check plus its PUTs: the retries are visible, and add up.
    let mut tries = 0;
    for row in throttled.values() {
        assert_eq!(row["result"], "Done", "{row}");
        tries += row["tries"].as_str().unwrap().parse::<usize>().unwrap() - 1;
    }
    assert_eq!(tries, puts.len());
    browser.click("#batch-close").await;

    // 5. A service changed on the server after it was selected is not sent.
    stack.api.reset().await;
    fresh_list(&browser, &stack, total).await;
    browser.fill("#list-filter", "fleet-02").await;
    browser
        .wait_text("#list-range", |t| t == "1–10 of 10")
        .await;
    browser.click("#pick-page").await;
    browser
        .wait_text("#selection-count", |t| t == "10 selected")
        .await;
    browser
        .click("input.pick-row[data-id='f1ee7000-0000-4000-8000-000000000027']")
        .await;
    browser
        .wait_text("#selection-count", |t| t == "9 selected")
        .await;
    let changed = "f1ee7000-0000-4000-8000-000000000021";
    stack
        .api
        .edit_as_someone_else(changed, json!({"description": "Someone else's words"}))
        .await;
    run(&browser, "description", Some("Mine"), "2").await;
    wait_finished(&browser).await;
    let stale = by_id(&rows(&browser).await);
    assert_eq!(stale[changed]["result"], "Changed on the server, not sent");
    assert!(
        stale[changed]["detail"]
            .as_str()
            .unwrap()
            .contains("Someone else's words"),
        "{}",
        stale[changed]
    );
    let puts = stack.api.requests_with("PUT").await;
    assert_eq!(puts.len(), 8);
    assert!(puts.iter().all(|p| service_of(p) != changed));
    let kept = services(&stack).await;
    let service = kept.iter().find(|s| s["id"] == changed).unwrap();
    assert_eq!(service["description"], "Someone else's words");

    // 300 services read, selected, reviewed and upgraded: the stack stayed far from its end
    // (an overflow would trap and stop the console).
    let stack_bytes = support::release_stack_bytes();
    let depth = browser.wasm_stack_depth(stack_bytes).await;
    assert!(
        depth > 0 && depth < stack_bytes / 4,
        "the wasm stack went {depth} bytes deep, of {stack_bytes}"
    );

    // The API's refusals show in the console as failed loads; nothing else may.
    let problems = browser.console_problems().await;
    assert!(
        problems
            .iter()
            .all(|m| !m.contains("panicked") && !m.contains("RuntimeError")),
        "{problems:#?}"
    );
}

/// A 401 during a batch says what a 401 anywhere says: the header marks the token rejected
/// and offers to replace it (the one run driver, for batches as for connection actions).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_401_during_a_batch_marks_the_token_rejected() {
    let stack = Stack::start().await;
    let browser = Browser::open_list(&stack.origin).await;
    browser
        .wait_for("#service-table", Duration::from_secs(10))
        .await;
    assert!(!browser.shown("#replace-token").await);
    browser
        .click(&format!("input.pick-row[data-id='{WEB}']"))
        .await;
    browser
        .click(&format!("input.pick-row[data-id='{ORDERS}']"))
        .await;
    // The first service's fresh read before its PUT: the token has expired meanwhile.
    stack
        .api
        .queue(json!({
            "mode": "answer", "count": 1, "method": "GET", "path_contains": WEB,
            "status": 401,
            "body": {"error_code": "APIGW.0301", "error_msg": "Incorrect IAM authentication information"},
        }))
        .await;
    run(&browser, "description", Some("Tier two"), "1").await;
    browser
        .wait_text("#batch-counts", |t| t.contains("1 failed"))
        .await;
    assert!(browser
        .text("#settings-summary")
        .await
        .contains("token rejected (401)"));
    assert!(browser.shown("#replace-token").await);
    let row = browser
        .text(&format!("#batch-table tr[data-id='{WEB}']"))
        .await;
    assert!(row.contains("401") && row.contains("APIGW.0301"), "{row}");
}
