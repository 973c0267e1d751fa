//! Everything around the API: request ids, CORS, fault modes, the request log and reset.

mod common;

use std::collections::HashSet;
use std::time::{Duration, Instant};

use common::*;
use serde_json::{json, Value};
use vpcep_local_api::{Config, Seed};

const ORIGIN: &str = "http://console.test:8080";

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
async fn any_origin_gets_allow_origin_and_exposed_request_id_by_default() {
    let s = start_socket_default().await;
    for r in [
        s.call(
            "GET",
            &service_path(HW, WEB),
            &[("X-Auth-Token", TOKEN), ("Origin", ORIGIN)],
            None,
        ),
        s.call("GET", &service_path(HW, WEB), &[("Origin", ORIGIN)], None),
        s.call("GET", "/nowhere", &[("Origin", ORIGIN)], None),
        s.call(
            "GET",
            &format!("{}?__fault=error500", service_path(HW, WEB)),
            &[("Origin", ORIGIN)],
            None,
        ),
        s.call("GET", "/__control/requests", &[("Origin", ORIGIN)], None),
    ] {
        assert_eq!(
            r.header("access-control-allow-origin"),
            Some(ORIGIN),
            "{}",
            r.status
        );
        assert_eq!(
            r.header("access-control-expose-headers"),
            Some("X-Request-Id")
        );
        assert_eq!(r.header("vary"), Some("Origin"));
    }
    let no_origin = s.get(&service_path(HW, WEB));
    assert!(!has_cors_headers(&no_origin), "{:?}", no_origin.headers);
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
            Some("X-Request-Id")
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
async fn request_log_records_api_requests_in_order_with_the_token_only_when_known() {
    let s = start_socket_default().await;
    let a = s.call(
        "PUT",
        &service_path(HW, WEB),
        &[
            ("X-Auth-Token", TOKEN),
            ("Content-Type", "application/json"),
            ("Origin", ORIGIN),
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
            "x_auth_token": TOKEN,
            "content_type": "application/json",
            "origin": ORIGIN,
            "body": r#"{"description":"d"}"#,
            "status": 200,
            "request_id": a.request_id(),
        })
    );
    assert_eq!(log[1]["query"], "limit=2&offset=1");
    assert_eq!(log[1]["x_auth_token"], "(unrecognized)");
    assert_eq!(log[1]["status"], 401);
    assert_eq!(log[1]["body"], Value::Null);
    assert_eq!(log[1]["request_id"], b.request_id());
    assert_eq!(log[2]["x_auth_token"], Value::Null);
    assert_eq!(log[2]["status"], 401);
    assert_eq!(log[2]["request_id"], c.request_id());
    assert_eq!(log[3]["method"], "OPTIONS");
    assert_eq!(log[3]["status"], 204);
    assert_eq!(log[3]["request_id"], d.request_id());
    assert_eq!(log[4]["status"], 404);
    assert_eq!(log[4]["request_id"], e.request_id());
    let text = serde_json::to_string(&log).unwrap();
    assert!(
        !text.contains("secret-guess"),
        "an unknown token is never shown"
    );
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
