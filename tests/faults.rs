//! End to end: the fault matrix. Every way a save can fail, from the network to the API's own
//! error codes, in one table: each row saves an edit through that fault, and checks the words
//! the user reads, that the edit is still in the form, and that the next save goes through.
//!
//! The release bundle and the local API server on one origin, as in tests/e2e.rs; config.json
//! sets a 2-second request timeout so the timeout rows take seconds.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use serde_json::{json, Value};
use support::stack::http;
use support::{Browser, Stack, PROJECT, TOKEN, WAIT, WEB};
use vpcep_local_api::Config;

/// How a row's fault is brought about.
enum Cause {
    /// A fault the local API server queues for the next PUT.
    Fault(Value),
    /// The proxy URL points elsewhere for this save.
    Proxy(String),
}

/// One row: what happens, and what the banner must say (every part of it).
struct Row {
    name: &'static str,
    cause: Cause,
    says: &'static [&'static str],
}

fn answer(status: u16, code: &str, msg: &str) -> Cause {
    Cause::Fault(json!({
        "mode": "answer", "method": "PUT", "status": status,
        "body": {"error_code": code, "error_msg": msg},
    }))
}

fn fault(mode: &str, delay_ms: u64) -> Cause {
    // A few at once: Chromium may retry a request whose connection closed unanswered.
    Cause::Fault(json!({"mode": mode, "method": "PUT", "count": 3, "delay_ms": delay_ms}))
}

/// A port on which nothing listens.
fn closed_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Sets the proxy URL in the settings panel (opened if folded), and lets the page take it:
/// it applies settings once typing pauses, and reloads the service then.
async fn set_proxy(browser: &Browser, url: &str) {
    if browser.find_all("#s-proxy-url").await.is_empty() {
        browser.click("#toggle-settings").await;
    }
    browser.fill("#s-proxy-url", url).await;
    let host = url.trim_start_matches("http://").to_owned();
    browser
        .wait_text("#s-proxy-host", |t| t.contains(&host))
        .await;
    tokio::time::sleep(std::time::Duration::from_millis(900)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_fault_is_told_in_its_own_words_the_edits_stay_and_the_page_works_on() {
    let stack = Stack::start_with(Some(r#"{"request_timeout_seconds": 2}"#)).await;
    // Another origin's proxy that answers CORS for some other console only.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let cors_origin = format!("http://{}", listener.local_addr().unwrap());
    let cors_task = tokio::spawn(vpcep_local_api::serve(
        listener,
        Config {
            allow_origins: vec!["https://other-console.example".into()],
            quiet: true,
            ..Config::default()
        },
    ));
    let rows = [
        Row {
            name: "connection refused",
            cause: Cause::Proxy(format!("http://127.0.0.1:{}", closed_port())),
            says: &["No answer", "No answer from the API proxy"],
        },
        Row {
            name: "CORS refused",
            cause: Cause::Proxy(cors_origin.clone()),
            says: &["No answer", "CORS"],
        },
        Row {
            name: "connection dropped",
            cause: fault("drop", 0),
            says: &["No answer from the API proxy"],
        },
        Row {
            name: "timeout: headers late",
            cause: fault("delay", 5000),
            says: &["No answer within 2 s", "reload the service before sending again"],
        },
        Row {
            name: "timeout: body stalled",
            cause: fault("stall_body", 5000),
            says: &["No answer within 2 s"],
        },
        Row {
            name: "500 JSON",
            cause: fault("error500", 0),
            says: &["HTTP 500", "EndPoint.0001", "System error."],
        },
        Row {
            name: "502 HTML",
            cause: fault("html502", 0),
            says: &["HTTP 502", "HTML page", "<title>502 Bad Gateway</title>"],
        },
        Row {
            name: "malformed JSON",
            cause: fault("malformed_json", 0),
            says: &["HTTP 200", "not an endpoint service"],
        },
        Row {
            name: "empty 200",
            cause: fault("empty200", 0),
            says: &["HTTP 200", "empty body"],
        },
        Row {
            name: "200 of the wrong shape",
            cause: Cause::Fault(json!({
                "mode": "answer", "method": "PUT", "status": 200,
                "body": {"endpoint_services": [], "total_count": 0},
            })),
            says: &["HTTP 200", "not an endpoint service"],
        },
        Row {
            name: "10 MB body",
            cause: fault("huge_body", 0),
            says: &["larger than 2 MB", "Check the API proxy URL"],
        },
        Row {
            name: "401 mid-session",
            cause: answer(401, "APIGW.0301", "Incorrect IAM authentication information: verify aksk signature fail"),
            says: &["HTTP 401", "APIGW.0301", "get a new token"],
        },
        Row {
            name: "403",
            cause: answer(403, "EndPoint.0004", "No permission."),
            says: &["HTTP 403", "EndPoint.0004", "lacks permission"],
        },
        Row {
            name: "404",
            cause: answer(404, "EndPoint.0005", "Resource not found."),
            says: &["HTTP 404", "EndPoint.0005", "Not found"],
        },
        Row {
            name: "429 (APIGW.0308)",
            cause: answer(429, "APIGW.0308", "The throttling threshold has been reached: policy user over ratelimit,limit:100,time:1 minute"),
            says: &["HTTP 429", "APIGW.0308", "Too many requests"],
        },
        Row {
            name: "EndPoint.0022 rate limit",
            cause: answer(400, "EndPoint.0022", "Request rate limited."),
            says: &["HTTP 400", "EndPoint.0022", "Too many requests"],
        },
        Row {
            name: "3045 while creating",
            cause: answer(400, "EndPoint.3045", "Other properties cannot be modified in the current state."),
            says: &["HTTP 400", "EndPoint.3045", "still `creating`"],
        },
    ];

    let browser = Browser::open_console(&stack.origin, WEB).await;
    browser
        .wait_text("#card-title", |t| t == "web-frontend")
        .await;
    for (i, row) in rows.iter().enumerate() {
        let edit = format!("Fault row {i}");
        match &row.cause {
            Cause::Fault(f) => stack.api.queue(f.clone()).await,
            Cause::Proxy(url) => set_proxy(&browser, url).await,
        }
        browser.send_form(&[("#f-description", &edit)]).await;
        let banner = match browser
            .try_wait_text(
                "#save-error [role=alert]",
                |t| row.says.iter().all(|s| t.contains(s)),
                WAIT,
            )
            .await
        {
            Ok(text) => text,
            Err(e) => panic!("{}: {e}", row.name),
        };
        assert!(
            banner.contains("Your edits are still in the form"),
            "{}: {banner}",
            row.name
        );
        assert_eq!(browser.value("#f-description").await, edit, "{}", row.name);
        if row.name == "401 mid-session" {
            let summary = browser.text("#settings-summary").await;
            assert!(summary.contains("token rejected (401)"), "{summary}");
            assert!(browser.shown("#replace-token").await);
        }
        // The page works on: the same edit saves once the fault is gone.
        stack.api.clear_faults().await;
        if let Cause::Proxy(_) = row.cause {
            set_proxy(&browser, &stack.origin).await;
        }
        browser.click("#save").await;
        if let Err(e) = browser
            .try_wait_text(
                "#save-result",
                |t| t.starts_with("Saved web-frontend"),
                WAIT,
            )
            .await
        {
            panic!("{}: the next save: {e}", row.name);
        }
        let service: Value = http()
            .get(format!(
                "{}/v1/{PROJECT}/vpc-endpoint-services/{WEB}",
                stack.origin
            ))
            .header("X-Auth-Token", TOKEN)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(service["description"], edit.as_str(), "{}", row.name);
    }
    // A token that worked again is no longer marked as rejected.
    assert!(!browser.text("#settings-summary").await.contains("rejected"));
    // Nothing broke inside: no panic, no trap of the wasm.
    let problems = browser.console_problems().await;
    assert!(
        problems
            .iter()
            .all(|m| !m.contains("panicked") && !m.contains("RuntimeError")),
        "{problems:#?}"
    );
    cors_task.abort();
}
