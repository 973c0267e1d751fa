//! The standing faults for batches of changes: `throttle` (the rate limit) and `every_nth`
//! (a steady failure rate), as a client and the request log see them.

mod common;

use std::time::{Duration, Instant};

use common::*;
use serde_json::{json, Value};

fn queue(s: &Server, fault: Value) -> Resp {
    s.control("POST", "/__control/faults", Some(&fault.to_string()))
}

fn faults(s: &Server) -> Vec<Value> {
    s.call("GET", "/__control/faults", &[], None).json()["faults"]
        .as_array()
        .cloned()
        .expect("faults")
}

/// A PUT of `description` to web-frontend, with the demo token.
fn put_description(s: &Server, description: &str) -> Resp {
    s.put(
        &service_path(HW, WEB),
        &json!({ "description": description }).to_string(),
    )
}

// ---------------------------------------------------------------------------------------------
// throttle

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn throttle_lets_limit_requests_through_then_answers_endpoint_0022_as_400() {
    let s = start_default().await;
    let r = queue(
        &s,
        json!({"mode": "throttle", "limit": 3, "window_ms": 60000, "method": "POST", "path_contains": "/upgrade"}),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    let started = Instant::now();
    let statuses: Vec<u16> = [
        (HW, WEB),
        (HW, BATCH),
        (HW, METRICS),
        (OTC, DNS),
        (OTC, LDAP),
    ]
    .iter()
    .map(|(p, id)| s.post(&upgrade_path(p, id)).status)
    .collect();
    assert!(started.elapsed() < Duration::from_secs(60), "one window");
    assert_eq!(statuses, [204, 204, 204, 400, 400]);
    let r = s.post(&upgrade_path(OTC, DNS));
    assert_eq!(r.status, 400);
    assert_eq!(
        r.json(),
        json!({
            "error_code": "EndPoint.0022",
            "error_msg": "The number of requests exceeded the limit. Please try later.",
        })
    );
    // The upgrades that passed happened, the refused ones did not.
    assert_eq!(
        s.service(HW, METRICS)["supported_editions"],
        json!(["basic", "profession"])
    );
    for id in [DNS, LDAP] {
        assert_eq!(s.service(OTC, id)["supported_editions"], json!(["basic"]));
    }
    // Other requests pass; the throttle stays queued and counts.
    assert_eq!(s.get(&service_path(HW, WEB)).status, 200);
    let f = faults(&s);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0]["mode"], "throttle");
    assert_eq!(f[0]["count"], Value::Null, "a standing rule is not used up");
    assert_eq!(f[0]["limit"], 3);
    assert_eq!(f[0]["code"], "EndPoint.0022");
    assert_eq!(f[0]["status"], 400);
    assert_eq!(f[0]["passed_in_window"], 3);
    assert_eq!(f[0]["refused"], 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_throttled_request_is_in_the_log_once_with_its_status_and_the_fault() {
    let s = start_default().await;
    queue(
        &s,
        json!({"mode": "throttle", "limit": 2, "window_ms": 60000, "method": "PUT"}),
    );
    let answers: Vec<Resp> = (1..=5)
        .map(|i| put_description(&s, &format!("change {i}")))
        .collect();
    let log: Vec<Value> = s
        .requests()
        .into_iter()
        .filter(|r| r["method"] == "PUT")
        .collect();
    assert_eq!(log.len(), 5, "no request lost or duplicated: {log:#?}");
    for (i, (entry, answer)) in log.iter().zip(&answers).enumerate() {
        assert_eq!(
            entry["body"],
            json!({"description": format!("change {}", i + 1)}).to_string()
        );
        assert_eq!(entry["request_id"], answer.request_id());
        assert_eq!(entry["status"], answer.status);
        if i < 2 {
            assert_eq!(entry["status"], 200, "{entry}");
            assert_eq!(entry["fault"], Value::Null, "{entry}");
        } else {
            assert_eq!(entry["status"], 400, "{entry}");
            assert_eq!(entry["fault"], "throttle", "{entry}");
        }
    }
    // Only the two that passed changed the service.
    assert_eq!(s.service(HW, WEB)["description"], "change 2");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn throttle_as_the_gateway_answers_429_apigw_0308_with_the_request_id() {
    let s = start_default().await;
    let r = queue(
        &s,
        json!({"mode": "throttle", "limit": 1, "window_ms": 60000, "code": "APIGW.0308"}),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(s.get(&service_path(HW, WEB)).status, 200);
    let r = s.get(&service_path(HW, WEB));
    assert_eq!(r.status, 429);
    let v = r.json();
    assert_eq!(v["error_code"], "APIGW.0308");
    assert!(
        v["error_msg"]
            .as_str()
            .is_some_and(|m| m.contains("throttling threshold")),
        "{v}"
    );
    assert_eq!(v["request_id"], r.request_id());
    let log = s.requests();
    assert_eq!(log[1]["status"], 429);
    assert_eq!(log[1]["fault"], "throttle");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_throttle_window_rolls_over_and_lets_limit_more_through() {
    let s = start_default().await;
    queue(
        &s,
        json!({"mode": "throttle", "limit": 2, "window_ms": 700, "method": "GET"}),
    );
    let path = service_path(HW, WEB);
    let first = Instant::now();
    let statuses: Vec<u16> = (0..3).map(|_| s.get(&path).status).collect();
    assert!(first.elapsed() < Duration::from_millis(700), "one window");
    assert_eq!(statuses, [200, 200, 400]);
    // Still refused until the window has passed, then two more pass.
    std::thread::sleep(Duration::from_millis(750).saturating_sub(first.elapsed()));
    let statuses: Vec<u16> = (0..3).map(|_| s.get(&path).status).collect();
    assert_eq!(statuses, [200, 200, 400]);
    // Until cleared.
    assert_eq!(s.control("DELETE", "/__control/faults", None).status, 204);
    assert_eq!(s.get(&path).status, 200);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_throttle_with_limit_0_refuses_every_matching_request_and_reset_clears_it() {
    let s = start_default().await;
    queue(
        &s,
        json!({"mode": "throttle", "limit": 0, "window_ms": 1000, "path_contains": "/upgrade"}),
    );
    let r = s.post(&upgrade_path(HW, WEB));
    assert_eq!((r.status, r.code()), (400, "EndPoint.0022".to_owned()));
    assert_eq!(s.get(&service_path(HW, WEB)).status, 200, "no match");
    assert_eq!(s.control("POST", "/__control/reset", None).status, 204);
    assert_eq!(s.post(&upgrade_path(HW, WEB)).status, 204);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_throttle_and_every_nth_settings_are_400() {
    let s = start_default().await;
    for body in [
        json!({"mode": "throttle"}),
        json!({"mode": "throttle", "limit": 1}),
        json!({"mode": "throttle", "window_ms": 100}),
        json!({"mode": "throttle", "limit": -1, "window_ms": 100}),
        json!({"mode": "throttle", "limit": 1, "window_ms": 0}),
        json!({"mode": "throttle", "limit": 1, "window_ms": 100, "code": "EndPoint.0001"}),
        json!({"mode": "throttle", "limit": 1, "window_ms": 100, "count": 2}),
        json!({"mode": "throttle", "limit": 1, "window_ms": 100, "status": 503}),
        json!({"mode": "every_nth"}),
        json!({"mode": "every_nth", "n": 0}),
        json!({"mode": "every_nth", "n": 2, "count": 1}),
        json!({"mode": "every_nth", "n": 2, "distinct_requests": "yes"}),
        json!({"mode": "every_nth", "n": 2, "limit": 1}),
        json!({"mode": "error500", "n": 2}),
        json!({"mode": "error500", "window_ms": 100}),
    ] {
        let r = queue(&s, body.clone());
        assert_eq!(r.status, 400, "{body}: {}", r.text());
        assert_eq!(r.code(), "EndPoint.0002", "{body}");
    }
    assert_eq!(faults(&s), Vec::<Value>::new());
    for mode in ["throttle", "every_nth"] {
        let r = s.get(&format!("{}?__fault={mode}", service_path(HW, WEB)));
        assert_eq!(r.status, 400, "{mode}: the query form has no settings");
    }
}

// ---------------------------------------------------------------------------------------------
// every_nth

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_nth_fails_every_tenth_matching_request_with_endpoint_0001() {
    let s = start_default().await;
    let r = queue(&s, json!({"mode": "every_nth", "n": 10, "method": "PUT"}));
    assert_eq!(r.status, 200, "{}", r.text());
    let failed: Vec<usize> = (1..=30)
        .filter(|i| {
            // A GET between the PUTs does not count.
            assert_eq!(s.get(&service_path(HW, WEB)).status, 200);
            let r = put_description(&s, &format!("d{i}"));
            if r.status == 200 {
                return false;
            }
            assert_eq!(r.status, 500);
            assert_eq!(
                r.json(),
                json!({"error_code": "EndPoint.0001", "error_msg": "System error."})
            );
            true
        })
        .collect();
    assert_eq!(failed, [10, 20, 30], "10 % of them, always the same ones");
    let f = faults(&s);
    assert_eq!(
        (f[0]["counted"].clone(), f[0]["failed"].clone()),
        (json!(30), json!(3))
    );
    let log: Vec<Value> = s
        .requests()
        .into_iter()
        .filter(|r| r["method"] == "PUT" && r["fault"] == "every_nth")
        .collect();
    assert_eq!(log.len(), 3);
    assert_eq!(log[0]["body"], r#"{"description":"d10"}"#);
    assert_eq!(log[0]["status"], 500);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_distinct_requests_a_retry_of_the_failed_ones_completes_them() {
    let s = start_default().await;
    queue(
        &s,
        json!({"mode": "every_nth", "n": 10, "distinct_requests": true, "method": "PUT",
               "status": 503, "body": {"error_code": "APIGW.0201", "error_msg": "Backend unavailable"}}),
    );
    // A batch of 25 distinct changes: the 10th and the 20th fail.
    let failed: Vec<usize> = (1..=25)
        .filter(|i| {
            let r = put_description(&s, &format!("d{i}"));
            if r.status != 200 {
                assert_eq!((r.status, r.code()), (503, "APIGW.0201".to_owned()));
            }
            r.status != 200
        })
        .collect();
    assert_eq!(failed, [10, 20]);
    // "Retry failed": the same requests again, each passes now, and keeps passing.
    for _ in 0..3 {
        for i in &failed {
            assert_eq!(put_description(&s, &format!("d{i}")).status, 200);
        }
    }
    // New requests go on being counted: the 30th distinct one fails.
    let statuses: Vec<u16> = (26..=30)
        .map(|i| put_description(&s, &format!("d{i}")).status)
        .collect();
    assert_eq!(statuses, [200, 200, 200, 200, 503]);
    let log = s.requests();
    assert_eq!(log.len(), 25 + 6 + 5, "every attempt logged once");
    assert_eq!(log.iter().filter(|r| r["fault"] == "every_nth").count(), 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_distinct_requests_a_retry_can_fail_again() {
    // Why a test of "retry completes them" wants distinct_requests: plain counting can hit
    // the retry itself.
    let s = start_default().await;
    queue(&s, json!({"mode": "every_nth", "n": 2, "method": "PUT"}));
    assert_eq!(put_description(&s, "a").status, 200);
    assert_eq!(put_description(&s, "b").status, 500);
    assert_eq!(put_description(&s, "c").status, 200);
    assert_eq!(
        put_description(&s, "b").status,
        500,
        "the retry was the 4th"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn standing_faults_pass_requests_on_to_the_faults_queued_after_them() {
    let s = start_default().await;
    queue(
        &s,
        json!({"mode": "throttle", "limit": 10, "window_ms": 60000}),
    );
    queue(&s, json!({"mode": "html502", "count": 1}));
    let r = s.get(&service_path(HW, WEB));
    assert_eq!(r.status, 502, "the one-shot fault behind the throttle");
    assert_eq!(s.get(&service_path(HW, WEB)).status, 200);
    let f = faults(&s);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0]["passed_in_window"], 2, "both passed the throttle");
}
