//! Everything around the API: request ids, CORS, fault modes, the request log and reset.

mod common;

use std::collections::HashSet;
use std::time::{Duration, Instant};

use common::*;
use serde_json::{json, Value};
use vpcep_local_api::{Config, Seed};

/// A loopback origin, as the console's under `trunk serve` or the browser tests' runner.
const ORIGIN: &str = "http://127.0.0.1:8080";

fn preflight(s: &Server, path: &str, origin: &str) -> Resp {
    s.call(
        "OPTIONS",
        path,
        &[
            ("Origin", origin),
            ("Access-Control-Request-Method", "PUT"),
            (
                "Access-Control-Request-Headers",
                "x-auth-token,content-type",
            ),
        ],
        None,
    )
}

fn has_cors_headers(r: &Resp) -> bool {
    r.header_names()
        .iter()
        .any(|n| n.starts_with("access-control-"))
}

// ---------------------------------------------------------------------------------------------
// X-Request-Id

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_answer_has_a_unique_32_hex_request_id() {
    let s = start_socket_default().await;
    let mut answers = vec![
        s.get(&service_path(HW, WEB)),
        s.get(&list_path(HW, "")),
        s.put(&service_path(HW, ORDERS), "{}"),
        s.post(&upgrade_path(HW, ORDERS)),
        s.call("GET", &service_path(HW, WEB), &[], None),
        s.get(&service_path("nope", WEB)),
        s.get(&service_path(HW, A_UUID)),
        s.put(&service_path(HW, WEB), "{"),
        s.get("/nowhere"),
        preflight(&s, &service_path(HW, WEB), ORIGIN),
        s.call("GET", "/__control/requests", &[], None),
        s.control("POST", "/__control/reset", None),
    ];
    for mode in ["error500", "html502", "malformed_json", "empty200"] {
        answers.push(s.get(&format!("{}?__fault={mode}", service_path(HW, WEB))));
    }
    for _ in 0..20 {
        answers.push(s.get(&service_path(HW, WEB)));
    }
    let mut seen = HashSet::new();
    for r in &answers {
        let id = r.request_id();
        assert_eq!(id.len(), 32, "status {}: {:?}", r.status, r.headers);
        assert!(id
            .chars()
            .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()));
        assert!(seen.insert(id.clone()), "duplicate request id {id}");
    }
}

// ---------------------------------------------------------------------------------------------
// CORS

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn loopback_origins_get_allow_origin_and_exposed_request_id_by_default() {
    let s = start_socket_default().await;
    for origin in [
        ORIGIN,
        "http://127.0.0.1",
        "https://127.12.0.9:8443",
        "http://localhost:3000",
        "https://localhost",
        "http://[::1]:8080",
    ] {
        for r in [
            s.call(
                "GET",
                &service_path(HW, WEB),
                &[("X-Auth-Token", TOKEN), ("Origin", origin)],
                None,
            ),
            s.call("GET", &service_path(HW, WEB), &[("Origin", origin)], None),
            s.call("GET", "/nowhere", &[("Origin", origin)], None),
            s.call(
                "GET",
                &format!("{}?__fault=error500", service_path(HW, WEB)),
                &[("Origin", origin)],
                None,
            ),
        ] {
            assert_eq!(
                r.header("access-control-allow-origin"),
                Some(origin),
                "{origin}: {}",
                r.status
            );
            assert_eq!(
                r.header("access-control-expose-headers"),
                Some("X-Request-Id, X-Subject-Token")
            );
            assert_eq!(r.header("vary"), Some("Origin"));
        }
        assert_eq!(preflight(&s, &service_path(HW, WEB), origin).status, 204);
    }
    let no_origin = s.get(&service_path(HW, WEB));
    assert!(!has_cors_headers(&no_origin), "{:?}", no_origin.headers);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn other_origins_get_no_cors_by_default_even_when_they_start_with_127() {
    let s = start_socket_default().await;
    for origin in [
        "http://127.attacker.example",
        "http://127.0.0.1.attacker.example:8080",
        "http://localhost.attacker.example",
        "http://evil.example",
        "https://console.test:8080",
        "null",
    ] {
        let r = preflight(&s, &service_path(HW, WEB), origin);
        assert_eq!(r.status, 403, "{origin}");
        assert!(!has_cors_headers(&r), "{origin}: {:?}", r.headers);
        // A simple request is answered without CORS headers: the browser hides it.
        let r = s.call(
            "GET",
            &service_path(HW, WEB),
            &[("X-Auth-Token", TOKEN), ("Origin", origin)],
            None,
        );
        assert_eq!(r.status, 200, "{origin}");
        assert!(!has_cors_headers(&r), "{origin}: {:?}", r.headers);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_star_in_the_list_allows_any_origin_explicitly() {
    let s = start(Config {
        allow_origins: vec!["*".to_string()],
        ..test_config()
    })
    .await;
    let evil = "http://evil.example";
    let r = preflight(&s, &service_path(HW, WEB), evil);
    assert_eq!(r.status, 204);
    assert_eq!(r.header("access-control-allow-origin"), Some(evil));
    let r = s.call("GET", &service_path(HW, WEB), &[("Origin", evil)], None);
    assert_eq!(r.header("access-control-allow-origin"), Some(evil));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn preflight_from_an_allowed_origin_is_204_and_needs_no_token() {
    let s = start_socket_default().await;
    for path in [
        service_path(HW, WEB),
        upgrade_path(HW, WEB),
        list_path(HW, "limit=5"),
        "/anything".to_string(),
    ] {
        let r = preflight(&s, &path, ORIGIN);
        assert_eq!(r.status, 204, "{path}");
        assert!(r.body.is_empty());
        assert_eq!(r.header("access-control-allow-origin"), Some(ORIGIN));
        assert_eq!(
            r.header("access-control-allow-methods"),
            Some("GET, PUT, POST, OPTIONS")
        );
        assert_eq!(
            r.header("access-control-allow-headers"),
            Some("X-Auth-Token, Content-Type")
        );
        assert_eq!(r.header("access-control-max-age"), Some("600"));
        assert_eq!(
            r.header("access-control-expose-headers"),
            Some("X-Request-Id, X-Subject-Token")
        );
        assert_eq!(r.request_id().len(), 32);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn preflight_from_an_unlisted_origin_is_403_without_cors_headers() {
    let s = start_socket(Config {
        allow_origins: vec![ORIGIN.to_string(), "http://other.test".to_string()],
        ..test_config()
    })
    .await;
    let ok = preflight(&s, &service_path(HW, WEB), "http://other.test");
    assert_eq!(ok.status, 204);
    assert_eq!(
        ok.header("access-control-allow-origin"),
        Some("http://other.test")
    );

    let r = preflight(&s, &service_path(HW, WEB), "http://evil.test");
    assert_eq!(r.status, 403);
    assert!(!has_cors_headers(&r), "{:?}", r.headers);
    assert_eq!(r.request_id().len(), 32);

    // A simple request from an unlisted origin is answered, without CORS headers (the browser
    // then hides it from the page).
    let r = s.call(
        "GET",
        &service_path(HW, WEB),
        &[("X-Auth-Token", TOKEN), ("Origin", "http://evil.test")],
        None,
    );
    assert_eq!(r.status, 200);
    assert!(!has_cors_headers(&r));
    let r = s.call(
        "GET",
        &service_path(HW, WEB),
        &[("X-Auth-Token", TOKEN), ("Origin", ORIGIN)],
        None,
    );
    assert_eq!(r.header("access-control-allow-origin"), Some(ORIGIN));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn options_without_preflight_headers_is_404_apigw_0101() {
    let s = start_socket_default().await;
    let r = s.call(
        "OPTIONS",
        &service_path(HW, WEB),
        &[("X-Auth-Token", TOKEN)],
        None,
    );
    assert_eq!(r.status, 404);
    assert_eq!(r.json()["error_code"], "APIGW.0101");
}

// ---------------------------------------------------------------------------------------------
// Faults, per request

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fault_error500_answers_endpoint_0001() {
    let s = start_socket_default().await;
    let r = s.get(&format!("{}?__fault=error500", service_path(HW, WEB)));
    assert_eq!(r.status, 500);
    assert_eq!(r.header("content-type"), Some("application/json"));
    assert_eq!(
        r.json(),
        json!({"error_code": "EndPoint.0001", "error_msg": "System error."})
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fault_html502_answers_an_nginx_page() {
    let s = start_socket_default().await;
    let r = s.put(&format!("{}?__fault=html502", service_path(HW, WEB)), "{}");
    assert_eq!(r.status, 502);
    assert_eq!(r.header("content-type"), Some("text/html"));
    assert!(r.text().contains("<title>502 Bad Gateway</title>"));
    assert!(r.text().contains("nginx"));
    // The PUT never reached the API.
    assert_eq!(s.service(HW, WEB)["updated_at"], "2025-01-20T10:02:13Z");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fault_malformed_json_is_200_json_that_does_not_parse() {
    let s = start_socket_default().await;
    let r = s.get(&format!("{}?__fault=malformed_json", service_path(HW, WEB)));
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-type"), Some("application/json"));
    assert!(!r.body.is_empty());
    assert!(serde_json::from_slice::<Value>(&r.body).is_err());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fault_empty200_is_200_with_no_body() {
    let s = start_socket_default().await;
    let r = s.get(&format!("{}?__fault=empty200", service_path(HW, WEB)));
    assert_eq!(r.status, 200);
    assert!(r.body.is_empty());
    assert_eq!(r.header("content-length"), Some("0"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fault_delay_waits_then_answers_normally() {
    let s = start_socket_default().await;
    let started = Instant::now();
    let r = s.get(&format!(
        "{}?__fault=delay&__delay_ms=300",
        service_path(HW, WEB)
    ));
    assert!(started.elapsed() >= Duration::from_millis(300));
    assert_eq!(r.status, 200);
    assert_eq!(r.json()["id"], WEB);
    // The list ignores the fault parameters.
    let r = s.get(&list_path(HW, "__fault=delay&__delay_ms=0&limit=1"));
    assert_eq!(r.status, 200);
    assert_eq!(r.json()["total_count"], 4);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fault_stall_body_sends_the_headers_then_stalls_the_body() {
    let s = start_socket_default().await;
    let started = Instant::now();
    let r = s.get(&format!(
        "{}?__fault=stall_body&__delay_ms=400",
        service_path(HW, WEB)
    ));
    // The whole answer took the stall; its body is the two parts.
    assert!(started.elapsed() >= Duration::from_millis(400));
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-type"), Some("application/json"));
    assert_eq!(r.text(), r#"{"id":"late"}"#);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fault_huge_body_is_a_10_mb_answer() {
    let s = start_socket_default().await;
    let r = s.get(&list_path(HW, "__fault=huge_body"));
    assert_eq!(r.status, 200);
    assert_eq!(r.body.len(), 10 * 1024 * 1024);
    assert!(r.text().starts_with(r#"{"endpoint_services":[]"#));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fault_drop_closes_the_connection_with_zero_bytes() {
    let s = start_socket_default().await;
    let got = s.try_call(
        "PUT",
        &format!("{}?__fault=drop", service_path(HW, WEB)),
        &[
            ("X-Auth-Token", TOKEN),
            ("Content-Type", "application/json"),
        ],
        Some("{}"),
    );
    // No status line, no byte: the connection closed unanswered.
    assert!(got.is_err(), "got an answer: {got:?}");
    // The server is still fine, and the PUT never happened.
    assert_eq!(s.service(HW, WEB)["updated_at"], "2025-01-20T10:02:13Z");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_fault_or_delay_values_are_400() {
    let s = start_socket_default().await;
    let r = s.get(&format!("{}?__fault=explode", service_path(HW, WEB)));
    assert_eq!(r.status, 400);
    assert!(r.msg().contains("explode"));
    let r = s.get(&format!(
        "{}?__fault=delay&__delay_ms=soon",
        service_path(HW, WEB)
    ));
    assert_eq!(r.status, 400);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn faults_come_before_the_token_check() {
    let s = start_socket_default().await;
    let r = s.call(
        "GET",
        &format!("{}?__fault=error500", service_path(HW, WEB)),
        &[],
        None,
    );
    assert_eq!(r.status, 500);
}

// ---------------------------------------------------------------------------------------------
// Faults, queued

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn queued_fault_hits_only_the_next_matching_requests() {
    let s = start_socket_default().await;
    let r = s.control(
        "POST",
        "/__control/faults",
        Some(
            &json!({"mode": "error500", "count": 2, "method": "PUT", "path_contains": WEB})
                .to_string(),
        ),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["faults"][0]["count"], 2);
    // Not matching: another method, another service, a preflight, a control request.
    assert_eq!(s.get(&service_path(HW, WEB)).status, 200);
    assert_eq!(s.put(&service_path(HW, ORDERS), "{}").status, 200);
    assert_eq!(preflight(&s, &service_path(HW, WEB), ORIGIN).status, 204);
    assert_eq!(
        s.call("GET", "/__control/faults", &[], None).json()["faults"][0]["count"],
        2
    );
    // Matching, twice.
    assert_eq!(s.put(&service_path(HW, WEB), "{}").status, 500);
    assert_eq!(s.put(&service_path(HW, WEB), "{}").status, 500);
    assert_eq!(s.put(&service_path(HW, WEB), "{}").status, 200);
    assert_eq!(
        s.call("GET", "/__control/faults", &[], None).json()["faults"],
        json!([])
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn queued_faults_run_in_order_and_default_to_count_1() {
    let s = start_socket_default().await;
    for body in [
        json!({"mode": "html502"}),
        json!({"mode": "delay", "delay_ms": 200}),
        json!({"mode": "drop"}),
        json!({"mode": "empty200"}),
        json!({"mode": "malformed_json"}),
    ] {
        assert_eq!(
            s.control("POST", "/__control/faults", Some(&body.to_string()))
                .status,
            200
        );
    }
    let path = service_path(HW, WEB);
    assert_eq!(s.get(&path).status, 502);
    let started = Instant::now();
    assert_eq!(s.get(&path).status, 200);
    assert!(started.elapsed() >= Duration::from_millis(200));
    assert!(s.try_call("GET", &path, &[], None).is_err(), "dropped");
    assert!(s.get(&path).body.is_empty());
    assert!(serde_json::from_slice::<Value>(&s.get(&path).body).is_err());
    assert_eq!(s.get(&path).json()["id"], WEB);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn delete_faults_clears_the_queue() {
    let s = start_socket_default().await;
    let body = json!({"mode": "error500", "count": 5}).to_string();
    assert_eq!(
        s.control("POST", "/__control/faults", Some(&body)).status,
        200
    );
    assert_eq!(s.control("DELETE", "/__control/faults", None).status, 204);
    assert_eq!(s.get(&service_path(HW, WEB)).status, 200);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_fault_bodies_are_400() {
    let s = start_socket_default().await;
    for body in [
        "",
        "[]",
        r#"{}"#,
        r#"{"mode":"explode"}"#,
        r#"{"mode":"delay","count":0}"#,
        r#"{"mode":"delay","count":"2"}"#,
        r#"{"mode":"delay","delay_ms":-5}"#,
        r#"{"mode":"delay","method":5}"#,
        r#"{"mode":"delay","surprise":true}"#,
    ] {
        let r = s.control("POST", "/__control/faults", Some(body));
        assert_eq!(r.status, 400, "{body}: {}", r.text());
        assert_eq!(r.json()["error_code"], "EndPoint.0002");
    }
    assert_eq!(
        s.call("GET", "/__control/faults", &[], None).json()["faults"],
        json!([])
    );
}

// ---------------------------------------------------------------------------------------------
// The request log and reset

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn request_log_records_api_requests_in_order_with_whether_a_token_was_accepted() {
    let s = start_socket_default().await;
    let a = s.call(
        "PUT",
        &service_path(HW, WEB),
        &[
            ("X-Auth-Token", TOKEN),
            ("Content-Type", "application/json"),
            ("Origin", ORIGIN),
            ("Cookie", "session=other-apps"),
            ("Cache-Control", "no-cache"),
            ("X-Forwarded-For", "203.0.113.7"),
        ],
        Some(r#"{"description":"d"}"#),
    );
    let b = s.call(
        "GET",
        &list_path(HW, "limit=2&offset=1"),
        &[("X-Auth-Token", "secret-guess")],
        None,
    );
    let c = s.call("POST", &upgrade_path(HW, WEB), &[], None);
    let _control = s.control("GET", "/__control/faults", None);
    let d = preflight(&s, &service_path(HW, WEB), ORIGIN);
    let e = s.get("/nowhere");

    let log = s.requests();
    assert_eq!(log.len(), 5, "{log:#?}");
    assert_eq!(
        log[0],
        json!({
            "method": "PUT",
            "path": service_path(HW, WEB),
            "query": null,
            "token": "accepted",
            "content_type": "application/json",
            "origin": ORIGIN,
            // Whether a cookie or an Authorization came, never their values.
            "cookie": true,
            "cache_control": "no-cache",
            "authorization": false,
            "x_forwarded_host": null,
            "x_forwarded_for": "203.0.113.7",
            "body": r#"{"description":"d"}"#,
            "status": 200,
            "fault": null,
            "request_id": a.request_id(),
        })
    );
    assert!(!serde_json::to_string(&log).unwrap().contains("other-apps"));
    assert_eq!(log[1]["query"], "limit=2&offset=1");
    assert_eq!(log[1]["token"], "rejected");
    assert_eq!(log[1]["status"], 401);
    assert_eq!(log[1]["body"], Value::Null);
    assert_eq!(log[1]["request_id"], b.request_id());
    assert_eq!(log[2]["token"], Value::Null);
    assert_eq!(log[2]["status"], 401);
    assert_eq!(log[2]["request_id"], c.request_id());
    assert_eq!(log[3]["method"], "OPTIONS");
    assert_eq!(log[3]["status"], 204);
    assert_eq!(log[3]["request_id"], d.request_id());
    assert_eq!(log[4]["status"], 404);
    assert_eq!(log[4]["request_id"], e.request_id());
    let text = serde_json::to_string(&log).unwrap();
    assert!(
        !text.contains("secret-guess") && !text.contains(TOKEN),
        "no token is ever shown: {text}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_token_text_ever_appears_in_the_request_log() {
    const GOOD: &str = "good-token-7f3a9c";
    const BAD: &str = "bad-token-41d2e8";
    let s = start_socket(Config {
        tokens: vec![GOOD.to_string()],
        ..test_config()
    })
    .await;
    let put_headers = |t| {
        [
            ("X-Auth-Token", t),
            ("Content-Type", "application/json"),
            ("Origin", ORIGIN),
        ]
    };
    let sent = [
        s.call(
            "GET",
            &service_path(HW, WEB),
            &[("X-Auth-Token", GOOD)],
            None,
        ),
        s.call("GET", &list_path(HW, ""), &[("X-Auth-Token", BAD)], None),
        s.call(
            "PUT",
            &service_path(HW, WEB),
            &put_headers(GOOD),
            Some(r#"{"description":"mine"}"#),
        ),
        s.call("PUT", &service_path(HW, WEB), &put_headers(BAD), Some("{}")),
        s.call(
            "POST",
            &upgrade_path(HW, ORDERS),
            &[("X-Auth-Token", GOOD)],
            None,
        ),
        s.call(
            "POST",
            &upgrade_path(HW, ORDERS),
            &[("X-Auth-Token", "")],
            None,
        ),
        s.call("GET", "/nowhere", &[("X-Auth-Token", GOOD)], None),
        s.call(
            "GET",
            &format!("{}?__fault=error500", service_path(HW, WEB)),
            &[("X-Auth-Token", GOOD)],
            None,
        ),
        s.call("GET", &service_path(HW, WEB), &[], None),
    ];
    let statuses: Vec<u16> = sent.iter().map(|r| r.status).collect();
    assert_eq!(statuses, [200, 401, 200, 401, 204, 401, 404, 500, 401]);
    let log = s.requests();
    let tokens: Vec<Value> = log.iter().map(|r| r["token"].clone()).collect();
    assert_eq!(
        tokens,
        [
            json!("accepted"),
            json!("rejected"),
            json!("accepted"),
            json!("rejected"),
            json!("accepted"),
            json!("rejected"),
            json!("accepted"),
            json!("accepted"),
            Value::Null,
        ]
    );
    let text = s.call("GET", "/__control/requests", &[], None).text();
    for secret in [GOOD, BAD, "good-token", "bad-token"] {
        assert!(!text.contains(secret), "{secret} in the log: {text}");
    }
    assert!(
        log.iter().all(|r| r.get("x_auth_token").is_none()),
        "{log:#?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_request_log_keeps_the_last_1000_requests() {
    assert_eq!(vpcep_local_api::REQUEST_LOG_CAPACITY, 1000);
    let s = start_default().await;
    for i in 0..1005 {
        assert_eq!(s.get(&format!("/nowhere?n={i}")).status, 404);
    }
    let log = s.requests();
    assert_eq!(log.len(), 1000);
    assert_eq!(log[0]["query"], "n=5", "the oldest five dropped out");
    assert_eq!(log[999]["query"], "n=1004");
    assert!(log.iter().all(|r| r["status"] == 404));
    // One more pushes the next oldest out; the newest has its status.
    assert_eq!(s.get(&service_path(HW, WEB)).status, 200);
    let log = s.requests();
    assert_eq!(log.len(), 1000);
    assert_eq!(log[0]["query"], "n=6");
    assert_eq!(log[999]["status"], 200);
    assert_eq!(s.control("POST", "/__control/reset", None).status, 204);
    assert!(s.requests().is_empty());
}

// ---------------------------------------------------------------------------------------------
// Host names (DNS rebinding)

/// A GET of the web-frontend service with the token and `host` as its Host header.
fn get_with_host(s: &Server, host: &str) -> Resp {
    s.call(
        "GET",
        &service_path(HW, WEB),
        &[("X-Auth-Token", TOKEN), ("Host", host)],
        None,
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn loopback_host_names_are_answered() {
    let s = start_default().await;
    // trunk's dev proxy sets Host to its backend's host (127.0.0.1), nginx's $proxy_host to
    // host and port.
    for host in [
        "127.0.0.1",
        "127.0.0.1:9000",
        "127.1.2.3:65535",
        "localhost",
        "LOCALHOST:9000",
        "[::1]",
        "[::1]:9000",
    ] {
        let r = get_with_host(&s, host);
        assert_eq!(r.status, 200, "{host}: {}", r.text());
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_non_loopback_host_is_refused_with_421_and_a_plain_message() {
    let s = start_default().await;
    for host in [
        "evil.example",
        "evil.example:9000",
        "127.attacker.example",
        "127.0.0.1.attacker.example:9000",
        "localhost.attacker.example",
        "0.0.0.0:9000",
        "192.168.1.10:9000",
        "[::2]:9000",
        "127.0.0.1:9000:1",
        "",
    ] {
        let r = get_with_host(&s, host);
        assert_eq!(r.status, 421, "{host:?}: {}", r.text());
        assert_eq!(r.header("content-type"), Some("text/plain; charset=utf-8"));
        assert!(
            r.text().contains("--allow-host") && r.text().contains(&format!("'{host}'")),
            "{}",
            r.text()
        );
        assert_eq!(r.request_id().len(), 32);
        assert!(!has_cors_headers(&r));
    }
    // Every kind of request: a preflight, a 404, the test hooks.
    let evil = [("Host", "evil.example")];
    assert_eq!(s.call("GET", "/nowhere", &evil, None).status, 421);
    assert_eq!(
        s.call("GET", "/__control/requests", &evil, None).status,
        421
    );
    assert_eq!(s.call("POST", "/__control/reset", &evil, None).status, 421);
    let r = s.call(
        "OPTIONS",
        &service_path(HW, WEB),
        &[
            ("Host", "evil.example"),
            ("Origin", "http://evil.example"),
            ("Access-Control-Request-Method", "PUT"),
        ],
        None,
    );
    assert_eq!(r.status, 421);
    assert!(!has_cors_headers(&r));
    // Nothing refused is recorded, and nothing was changed.
    assert!(s.requests().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn allow_host_admits_a_name_with_any_port_and_only_that_name() {
    let s = start(Config {
        allow_hosts: vec!["vpcep.lab.internal".to_string()],
        ..test_config()
    })
    .await;
    assert_eq!(get_with_host(&s, "vpcep.lab.internal").status, 200);
    assert_eq!(get_with_host(&s, "VPCEP.lab.internal:9000").status, 200);
    assert_eq!(get_with_host(&s, "127.0.0.1:9000").status, 200);
    assert_eq!(get_with_host(&s, "evil.example").status, 421);
    assert_eq!(get_with_host(&s, "x.vpcep.lab.internal").status, 421);
    let any = start(Config {
        allow_hosts: vec!["*".to_string()],
        ..test_config()
    })
    .await;
    assert_eq!(get_with_host(&any, "evil.example").status, 200);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_host_check_holds_over_a_real_connection() {
    let s = start_socket_default().await;
    let addr = s.addr.unwrap();
    let target = service_path(HW, WEB);
    let get = |host_line: &str, target: &str| {
        raw_http(
            addr,
            &format!(
                "GET {target} HTTP/1.1\r\n{host_line}X-Auth-Token: {TOKEN}\r\nConnection: close\r\n\r\n"
            ),
        )
    };
    // What a browser sends after a DNS rebinding: its own name in Host.
    let r = get("Host: rebind.attacker.example:9000\r\n", &target);
    assert!(r.starts_with("HTTP/1.1 421 "), "{r}");
    assert!(r.contains("--allow-host"), "{r}");
    // An absolute-form target names the host too.
    let r = get(
        &format!("Host: {addr}\r\n"),
        &format!("http://evil.example{target}"),
    );
    assert!(r.starts_with("HTTP/1.1 421 "), "{r}");
    // As reqwest (and a browser on the loopback address) sends it: Host 127.0.0.1:port.
    assert_eq!(s.get(&target).status, 200);
    let r = get(&format!("Host: {addr}\r\n"), &target);
    assert!(r.starts_with("HTTP/1.1 200 "), "{r}");
    // As trunk's dev proxy sends it: the backend's host without the port.
    let r = get("Host: 127.0.0.1\r\n", &target);
    assert!(r.starts_with("HTTP/1.1 200 "), "{r}");
    assert_eq!(s.requests().len(), 3, "the refused ones are not recorded");
}

// ---------------------------------------------------------------------------------------------
// The test hooks refuse web pages

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn control_requests_with_an_origin_are_refused_without_cors_headers() {
    let s = start_socket_default().await;
    assert_eq!(s.get(&service_path(HW, WEB)).status, 200);
    let edit = format!("/__control/edit/{HW}/{WEB}");
    let fault = json!({"mode": "error500"}).to_string();
    for origin in [
        ORIGIN,
        "http://localhost:9000",
        "http://evil.example",
        "null",
    ] {
        for (method, path, body) in [
            ("GET", "/__control/requests", None),
            ("GET", "/__control/faults", None),
            ("POST", "/__control/faults", Some(fault.as_str())),
            ("DELETE", "/__control/faults", None),
            ("POST", "/__control/reset", None),
            ("POST", edit.as_str(), Some(r#"{"description":"page"}"#)),
        ] {
            let r = s.call(
                method,
                path,
                &[("Origin", origin), ("Content-Type", "application/json")],
                body,
            );
            assert_eq!(r.status, 403, "{method} {path} from {origin}");
            assert!(!has_cors_headers(&r), "{method} {path}: {:?}", r.headers);
            assert_eq!(r.header("content-type"), Some("text/plain; charset=utf-8"));
            assert!(r.text().contains("Origin"), "{}", r.text());
            // A preflight to it is refused too.
            let p = s.call(
                "OPTIONS",
                path,
                &[
                    ("Origin", origin),
                    ("Access-Control-Request-Method", method),
                ],
                None,
            );
            assert_eq!(p.status, 403, "preflight {path} from {origin}");
            assert!(!has_cors_headers(&p), "{:?}", p.headers);
        }
    }
    // Fetch metadata gives a page away too; an address typed by hand (`none`) does not.
    for site in ["cross-site", "same-site", "same-origin"] {
        let r = s.call(
            "GET",
            "/__control/requests",
            &[("Sec-Fetch-Site", site)],
            None,
        );
        assert_eq!(r.status, 403, "{site}");
    }
    let r = s.call(
        "GET",
        "/__control/requests",
        &[("Sec-Fetch-Site", "none")],
        None,
    );
    assert_eq!(r.status, 200);
    // None of them had an effect: no fault queued, no reset, no edit.
    assert_eq!(
        s.call("GET", "/__control/faults", &[], None).json()["faults"],
        json!([])
    );
    assert_eq!(s.requests().len(), 1, "not reset");
    assert_eq!(s.service(HW, WEB)["description"], "Public web tier");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn request_log_shows_upgrade_bodies_and_dropped_requests() {
    let s = start_socket_default().await;
    let body = r#"{"permissions":["x"],"action":"add"}"#;
    s.call(
        "POST",
        &upgrade_path(HW, WEB),
        &[("X-Auth-Token", TOKEN)],
        Some(body),
    );
    let dropped = s.try_call(
        "GET",
        &format!("{}?__fault=drop", service_path(HW, WEB)),
        &[],
        None,
    );
    assert!(dropped.is_err(), "{dropped:?}");
    let log = s.requests();
    assert_eq!(log.len(), 2);
    assert_eq!(log[0]["body"], body);
    assert_eq!(log[0]["status"], 204);
    assert_eq!(log[1]["query"], "__fault=drop");
    assert_eq!(log[1]["status"], Value::Null, "no answer was sent");
    assert_eq!(log[1]["request_id"].as_str().map(str::len), Some(32));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reset_restores_the_seed_and_clears_the_log_and_faults() {
    let s = start_socket_default().await;
    assert_eq!(
        s.put(&service_path(HW, WEB), r#"{"service_name":"changed"}"#)
            .status,
        200
    );
    assert_eq!(s.post(&upgrade_path(HW, WEB)).status, 204);
    let body = json!({"mode": "error500", "count": 3, "method": "GET"}).to_string();
    assert_eq!(
        s.control("POST", "/__control/faults", Some(&body)).status,
        200
    );
    assert!(!s.requests().is_empty());

    let r = s.control("POST", "/__control/reset", None);
    assert_eq!(r.status, 204);
    assert!(s.requests().is_empty());
    let web = s.service(HW, WEB);
    assert_eq!(
        web["service_name"],
        format!("cn-north-4.web-frontend.{WEB}")
    );
    assert_eq!(web["supported_editions"], json!(["basic"]));
    assert_eq!(s.requests().len(), 1, "only the GET since the reset");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_custom_seed_is_served_and_restored_on_reset() {
    let seed = Seed::from_json(
        r#"{"projects":[{"project_id":"p1","region":"xx-test-1","dialect":"otc","services":[
            {"id":"00000000-0000-4000-8000-000000000001","service_name":"only-one","status":"failed"}]}]}"#,
    )
    .unwrap();
    let s = start_socket(Config {
        seed,
        ..test_config()
    })
    .await;
    let v = s.service("p1", "00000000-0000-4000-8000-000000000001");
    assert_eq!(
        v["service_name"],
        "xx-test-1.only-one.00000000-0000-4000-8000-000000000001"
    );
    assert_eq!(v["status"], "failed");
    let r = s.put(
        &service_path("p1", "00000000-0000-4000-8000-000000000001"),
        "{}",
    );
    assert_eq!(r.status, 400);
    assert_eq!(
        r.json()["error_code"],
        "EndPoint.3045",
        "only an available service can change"
    );
    assert_eq!(
        s.get(&service_path(HW, WEB)).json()["error_code"],
        "EndPoint.0014"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fault_answer_sends_its_own_status_and_body() {
    let s = start_socket_default().await;
    let r = s.control(
        "POST",
        "/__control/faults",
        Some(r#"{"mode":"answer","status":429,"body":{"error_code":"APIGW.0308","error_msg":"The throttling threshold has been reached."},"method":"GET"}"#),
    );
    assert_eq!(r.status, 200);
    let r = s.get(&service_path(HW, WEB));
    assert_eq!(r.status, 429);
    assert_eq!(r.code(), "APIGW.0308");
    // Used up: the next GET is the service again.
    assert_eq!(s.get(&service_path(HW, WEB)).json()["id"], WEB);
    // A body is required, and the query form cannot carry one.
    let r = s.control(
        "POST",
        "/__control/faults",
        Some(r#"{"mode":"answer","status":500}"#),
    );
    assert_eq!(r.status, 400);
    let r = s.get(&format!("{}?__fault=answer", service_path(HW, WEB)));
    assert_eq!(r.status, 400);
}
