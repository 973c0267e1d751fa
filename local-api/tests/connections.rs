//! The connections of a service: `GET {base}/connections`, `POST {base}/connections/action`,
//! and the hook that connects a consumer's endpoint (`POST /__control/connect/…`).

mod common;

use std::time::Duration;

use common::*;
use serde_json::{json, Value};
use vpcep_local_api::{Config, Seed};

const HW_OWNER: &str = "d0a1b2c3d4e5f60718293a4b5c6d7e8f";
const PARTNER: &str = "0123456789abcdef0123456789abcdef";
const STRANGER: &str = "77777777777777777777777777777777";
/// 2^53 + 1: as an f64 it would read as 2^53.
const BIG_MARKER: u64 = 9_007_199_254_740_993;

/// Row `k` (1-6) of seeded service number `s` (web-frontend 1, orders-api 2, metrics-exporter
/// 4, dns-resolver 5, ldap-gateway 6).
fn endpoint(s: u32, k: u32) -> String {
    format!("0a1b2c3d-{s:04}-4{k:03}-8333-444455556666")
}

fn connections_path(project: &str, service: &str, query: &str) -> String {
    let base = format!("{}/connections", service_path(project, service));
    if query.is_empty() {
        base
    } else {
        format!("{base}?{query}")
    }
}

fn action_path(project: &str, service: &str) -> String {
    format!("{}/connections/action", service_path(project, service))
}

fn list(s: &Server, project: &str, service: &str, query: &str) -> Value {
    let r = s.get(&connections_path(project, service, query));
    assert_eq!(r.status, 200, "{query}: {}", r.text());
    r.json()
}

fn ids(v: &Value) -> Vec<String> {
    v["connections"]
        .as_array()
        .expect("connections")
        .iter()
        .map(|c| c["id"].as_str().unwrap().to_owned())
        .collect()
}

fn act(s: &Server, project: &str, service: &str, body: &str) -> Resp {
    s.call(
        "POST",
        &action_path(project, service),
        &[
            ("X-Auth-Token", TOKEN),
            ("Content-Type", "application/json"),
        ],
        Some(body),
    )
}

fn action(what: &str, endpoint: &str) -> String {
    json!({"action": what, "endpoints": [endpoint]}).to_string()
}

fn assert_error(r: &Resp, status: u16, code: &str) {
    assert_eq!(r.status, status, "{}", r.text());
    let v = r.json();
    let mut keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort();
    assert_eq!(keys, ["error_code", "error_msg"], "{}", r.text());
    assert_eq!(v["error_code"], code, "{}", r.text());
}

/// The status of connection `id` of web-frontend.
fn status_of(s: &Server, project: &str, service: &str, id: &str) -> String {
    let v = list(s, project, service, &format!("id={id}"));
    v["connections"][0]["status"]
        .as_str()
        .unwrap_or("")
        .to_owned()
}

// ---------------------------------------------------------------------------------------------
// The list

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_list_shows_every_seeded_state_newest_first_with_the_total() {
    let s = start_default().await;
    let v = list(&s, HW, WEB, "");
    assert_eq!(v["total_count"], 6);
    assert_eq!(
        ids(&v),
        [1, 2, 3, 6, 5, 4].map(|k| endpoint(1, k)),
        "created_at, descending"
    );
    let statuses: Vec<&str> = v["connections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["status"].as_str().unwrap())
        .collect();
    assert_eq!(
        statuses,
        [
            "pendingAcceptance",
            "pendingAcceptance",
            "pendingAcceptance",
            "failed",
            "rejected",
            "accepted"
        ]
    );
    assert_eq!(
        v["connections"][0],
        json!({
            "id": endpoint(1, 1),
            "marker_id": 302010011u64,
            "domain_id": PARTNER,
            "status": "pendingAcceptance",
            "description": "Team A staging",
            "created_at": "2025-05-06T08:09:10Z",
            "updated_at": "2025-05-06T08:09:10Z",
        })
    );
    // Only a failed connection has an error, with error_message (not error_msg).
    let failed = &v["connections"][3];
    assert_eq!(
        failed["error"],
        json!([{"error_code": "EndPoint.0001", "error_message": "Failed to create the endpoint: no free IP address in the subnet."}])
    );
    assert!(v["connections"][0].get("error").is_none());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn marker_ids_beyond_2_53_are_json_integers_exactly() {
    let s = start_default().await;
    let r = s.get(&connections_path(HW, WEB, ""));
    let text = r.text();
    assert!(
        text.contains(&format!("\"marker_id\":{BIG_MARKER},")),
        "the exact integer, not a float or a string: {text}"
    );
    assert!(text.contains("\"marker_id\":422321321312321321,"), "{text}");
    assert_eq!(
        r.json()["connections"][1]["marker_id"].as_u64(),
        Some(BIG_MARKER)
    );
    // The query takes it as a string, exactly: 2^53 (what a float would make of it) is
    // another marker.
    let v = list(&s, HW, WEB, &format!("marker_id={BIG_MARKER}"));
    assert_eq!(ids(&v), [endpoint(1, 2)]);
    let v = list(&s, HW, WEB, "marker_id=9007199254740992");
    assert_eq!(v["total_count"], 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn open_telekom_cloud_rows_have_no_description() {
    let s = start_default().await;
    let v = list(&s, OTC, LDAP, "");
    assert_eq!(v["total_count"], 6);
    for c in v["connections"].as_array().unwrap() {
        assert!(c.get("description").is_none(), "{c}");
    }
    // Huawei Cloud rows carry theirs when they have one.
    let v = list(&s, HW, ORDERS, &format!("id={}", endpoint(2, 4)));
    assert_eq!(v["connections"][0]["description"], "Analytics");
    let v = list(&s, HW, ORDERS, &format!("id={}", endpoint(2, 3)));
    assert!(v["connections"][0].get("description").is_none());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn filters_sorting_and_paging() {
    let s = start_default().await;
    let v = list(&s, HW, WEB, "status=pendingAcceptance");
    assert_eq!(v["total_count"], 3);
    assert_eq!(ids(&list(&s, HW, WEB, "status=failed")), [endpoint(1, 6)]);
    assert_eq!(
        ids(&list(&s, HW, WEB, &format!("id={}", endpoint(1, 5)))),
        [endpoint(1, 5)]
    );
    assert_eq!(
        ids(&list(&s, HW, WEB, "sort_key=updated_at&sort_dir=asc")),
        [4, 5, 6, 3, 2, 1].map(|k| endpoint(1, k))
    );
    // Huawei Cloud's spellings work too.
    assert_eq!(
        ids(&list(&s, HW, WEB, "sort_key=update_at&sort_dir=asc"))[0],
        endpoint(1, 4)
    );
    assert_eq!(
        ids(&list(&s, HW, WEB, "sort_key=create_at"))[0],
        endpoint(1, 1)
    );
    let page = list(&s, HW, WEB, "limit=2&offset=2");
    assert_eq!(ids(&page), [3, 6].map(|k| endpoint(1, k)));
    assert_eq!(page["total_count"], 6, "total_count ignores paging");
    let none = list(&s, HW, WEB, "limit=0");
    assert_eq!(
        (ids(&none).len(), none["total_count"].clone()),
        (0, json!(6))
    );
    assert_eq!(ids(&list(&s, HW, WEB, "offset=6")).len(), 0, "past the end");
    assert_eq!(
        list(&s, HW, WEB, "limit=1000")["connections"]
            .as_array()
            .unwrap()
            .len(),
        6
    );
    // Empty values count as absent, the fault parameters are not filters.
    assert_eq!(
        list(&s, HW, WEB, "status=&limit=&offset=&marker_id=")["total_count"],
        6
    );
    // A service without connections.
    let v = list(&s, HW, BATCH, "");
    assert_eq!(v, json!({"connections": [], "total_count": 0}));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_list_values_have_their_own_error_codes() {
    let s = start_default().await;
    for (query, code) in [
        ("limit=1001", "EndPoint.0006"),
        ("limit=-1", "EndPoint.0006"),
        ("limit=ten", "EndPoint.0006"),
        ("offset=0", "EndPoint.0010"),
        ("offset=-2", "EndPoint.0010"),
        ("offset=x", "EndPoint.0010"),
        ("sort_key=name", "EndPoint.0017"),
        ("sort_key=CREATED_AT", "EndPoint.0017"),
        ("sort_dir=up", "EndPoint.0018"),
        ("status=creating", "EndPoint.0019"),
        ("status=deleting", "EndPoint.0019"),
        ("status=Accepted", "EndPoint.0019"),
        ("marker_id=abc", "EndPoint.0021"),
        ("marker_id=-1", "EndPoint.0021"),
        ("marker_id=1.5", "EndPoint.0021"),
        ("marker_id=18446744073709551616", "EndPoint.0021"),
    ] {
        let r = s.get(&connections_path(HW, WEB, query));
        assert_error(&r, 400, code);
        assert!(r.msg().len() > 10, "{query}: {}", r.msg());
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn token_project_and_service_come_first() {
    let s = start_default().await;
    let r = s.call("GET", &connections_path(HW, WEB, "limit=5000"), &[], None);
    assert_error(&r, 401, "EndPoint.0003");
    assert_error(
        &s.get(&connections_path("nope", WEB, "limit=5000")),
        400,
        "EndPoint.0014",
    );
    assert_error(
        &s.get(&connections_path(HW, A_UUID, "limit=5000")),
        400,
        "EndPoint.2003",
    );
    // A service of the other project is not one of this project's.
    assert_error(&s.get(&connections_path(HW, DNS, "")), 400, "EndPoint.2003");
    let r = act(&s, HW, A_UUID, "not json");
    assert_error(&r, 400, "EndPoint.2003");
}

// ---------------------------------------------------------------------------------------------
// Accept and reject

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn receive_accepts_through_a_creating_phase_and_the_list_settles() {
    let s = start_default().await;
    let id = endpoint(1, 1);
    let r = act(&s, HW, WEB, &action("receive", &id));
    assert_eq!(r.status, 200, "{}", r.text());
    let v = r.json();
    let rows = v["connections"].as_array().unwrap();
    assert_eq!(rows.len(), 1);
    assert!(v.get("total_count").is_none());
    assert_eq!(rows[0]["id"], id);
    assert_eq!(rows[0]["status"], "creating");
    assert!(rows[0]["updated_at"].as_str().unwrap() > "2025-05-06T08:09:10Z");
    assert_eq!(rows[0]["created_at"], "2025-05-06T08:09:10Z");
    // While it is creating, it cannot be acted on.
    assert_error(
        &act(&s, HW, WEB, &action("reject", &id)),
        400,
        "EndPoint.2019",
    );
    assert!(
        poll_until(Duration::from_secs(5), || status_of(&s, HW, WEB, &id)
            == "accepted"),
        "never settled"
    );
    assert_error(
        &act(&s, HW, WEB, &action("receive", &id)),
        400,
        "EndPoint.2014",
    );
    assert_eq!(
        list(&s, HW, WEB, "status=pendingAcceptance")["total_count"],
        2
    );
    assert_eq!(list(&s, HW, WEB, "status=accepted")["total_count"], 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_a_creating_delay_receive_accepts_at_once() {
    let s = start(Config {
        creating_delay: Duration::ZERO,
        ..test_config()
    })
    .await;
    let r = act(&s, OTC, LDAP, &action("receive", &endpoint(6, 2)));
    assert_eq!(r.json()["connections"][0]["status"], "accepted");
    assert_eq!(
        r.json()["connections"][0]["marker_id"].as_u64(),
        Some(BIG_MARKER + 10)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reject_and_receive_move_between_states() {
    let s = start(Config {
        creating_delay: Duration::ZERO,
        ..test_config()
    })
    .await;
    let reject = |id: &str| act(&s, HW, ORDERS, &action("reject", id));
    let receive = |id: &str| act(&s, HW, ORDERS, &action("receive", id));
    let status = |r: Resp| {
        assert_eq!(r.status, 200, "{}", r.text());
        r.json()["connections"][0]["status"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    assert_eq!(status(reject(&endpoint(2, 1))), "rejected");
    assert_eq!(
        status(reject(&endpoint(2, 4))),
        "rejected",
        "an accepted one"
    );
    assert_eq!(
        status(receive(&endpoint(2, 5))),
        "accepted",
        "a rejected one"
    );
    let failed = receive(&endpoint(2, 6));
    assert_eq!(failed.json()["connections"][0].get("error"), None);
    assert_eq!(status(failed), "accepted", "a failed one, retried");
    assert_eq!(list(&s, HW, ORDERS, "status=rejected")["total_count"], 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_actions_have_the_apis_error_codes() {
    let s = start_default().await;
    let one = endpoint(1, 1);
    for (body, status, code) in [
        ("", 400, "EndPoint.0002"),
        ("[]", 400, "EndPoint.0002"),
        (
            r#"{"action":"receive","endpoints":["x"],"extra":1}"#,
            400,
            "EndPoint.0002",
        ),
        (r#"{"endpoints":["x"]}"#, 400, "EndPoint.0007"),
        (r#"{"action":1,"endpoints":["x"]}"#, 400, "EndPoint.0007"),
        (&action("accept", &one), 400, "EndPoint.2027"),
        (&action("RECEIVE", &one), 400, "EndPoint.2027"),
        (r#"{"action":"receive"}"#, 400, "EndPoint.0002"),
        (
            r#"{"action":"receive","endpoints":[]}"#,
            400,
            "EndPoint.0002",
        ),
        (
            r#"{"action":"receive","endpoints":"x"}"#,
            400,
            "EndPoint.0002",
        ),
        (
            &json!({"action": "receive", "endpoints": [one, endpoint(1, 2)]}).to_string(),
            400,
            "EndPoint.2031",
        ),
        (&action("receive", "not-an-id"), 400, "EndPoint.2017"),
        (
            r#"{"action":"receive","endpoints":[7]}"#,
            400,
            "EndPoint.2017",
        ),
        (&action("receive", A_UUID), 404, "EndPoint.2006"),
    ] {
        assert_error(&act(&s, HW, WEB, body), status, code);
    }
    // Another service's endpoint: the reference's own spelling of the code.
    let r = act(&s, HW, WEB, &action("receive", &endpoint(2, 1)));
    assert_error(&r, 400, "Endpoint.2013");
    assert!(r.code().eq_ignore_ascii_case("EndPoint.2013"));
    // Nothing changed.
    assert_eq!(
        list(&s, HW, WEB, "status=pendingAcceptance")["total_count"],
        3
    );
    assert_eq!(
        list(&s, HW, ORDERS, "status=pendingAcceptance")["total_count"],
        3
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_deleting_endpoint_cannot_be_acted_on() {
    let s = start_default().await;
    let r = s.control(
        "POST",
        &format!("/__control/connect/{HW}/{ORDERS}"),
        Some(r#"{"status":"deleting","domain_id":"77777777777777777777777777777777"}"#),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    let id = r.json()["id"].as_str().unwrap().to_owned();
    assert_error(
        &act(&s, HW, ORDERS, &action("receive", &id)),
        400,
        "EndPoint.2018",
    );
    assert_error(
        &act(&s, HW, ORDERS, &action("reject", &id)),
        400,
        "EndPoint.2018",
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_request_log_shows_each_action_with_its_one_endpoint() {
    let s = start_default().await;
    for k in [1, 2] {
        assert_eq!(
            act(&s, HW, WEB, &action("reject", &endpoint(1, k))).status,
            200
        );
    }
    let actions: Vec<Value> = s
        .requests()
        .into_iter()
        .filter(|r| r["method"] == "POST" && r["path"] == action_path(HW, WEB))
        .collect();
    assert_eq!(actions.len(), 2, "{actions:#?}");
    for (entry, k) in actions.iter().zip([1, 2]) {
        let body: Value = serde_json::from_str(entry["body"].as_str().unwrap()).unwrap();
        assert_eq!(body["endpoints"], json!([endpoint(1, k)]));
        assert_eq!(body["action"], "reject");
        assert_eq!(entry["status"], 200);
        assert_eq!(entry["token"], "accepted");
        assert_eq!(entry["content_type"], "application/json");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn faults_apply_to_the_connection_calls() {
    let s = start_default().await;
    let fault =
        json!({"mode": "error500", "method": "POST", "path_contains": "/connections/action"});
    assert_eq!(
        s.control("POST", "/__control/faults", Some(&fault.to_string()))
            .status,
        200
    );
    let id = endpoint(1, 1);
    assert_error(
        &act(&s, HW, WEB, &action("reject", &id)),
        500,
        "EndPoint.0001",
    );
    assert_eq!(
        status_of(&s, HW, WEB, &id),
        "pendingAcceptance",
        "not applied"
    );
    assert_eq!(act(&s, HW, WEB, &action("reject", &id)).status, 200);
    let r = s.get(&format!(
        "{}&__fault=html502",
        connections_path(HW, WEB, "limit=1")
    ));
    assert_eq!(r.status, 502);
    let log = s.requests();
    assert_eq!(log[0]["fault"], "error500");
    assert_eq!(log[1]["fault"], Value::Null);
}

// ---------------------------------------------------------------------------------------------
// The consumer's side: POST /__control/connect

fn connect(s: &Server, project: &str, service: &str, body: Value) -> Resp {
    s.control(
        "POST",
        &format!("/__control/connect/{project}/{service}"),
        Some(&body.to_string()),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connect_adds_a_pending_connection_from_the_owner_by_default() {
    let s = start_default().await;
    let r = s.control("POST", &format!("/__control/connect/{HW}/{ORDERS}"), None);
    assert_eq!(r.status, 200, "{}", r.text());
    let c = r.json();
    assert_eq!(
        c["status"], "pendingAcceptance",
        "orders-api needs approval"
    );
    assert_eq!(c["domain_id"], HW_OWNER);
    assert!(c["marker_id"].is_u64());
    let id = c["id"].as_str().unwrap().to_owned();
    let v = list(&s, HW, ORDERS, "");
    assert_eq!(v["total_count"], 7);
    assert_eq!(ids(&v)[0], id, "the newest");
    assert_eq!(v["connections"][0], c);
    // Accepted like any other.
    assert_eq!(act(&s, HW, ORDERS, &action("receive", &id)).status, 200);
    // Not an API request: not in the log (the two calls above are).
    assert_eq!(s.requests().len(), 2);
    // Gone after a reset.
    s.control("POST", "/__control/reset", None);
    assert_eq!(list(&s, HW, ORDERS, "")["total_count"], 6);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_approval_a_new_connection_is_accepted_at_once() {
    let s = start_default().await;
    let r = connect(&s, HW, WEB, json!({"domain_id": PARTNER}));
    assert_eq!(
        r.json()["status"],
        "accepted",
        "web-frontend needs no approval"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_the_owner_and_whitelisted_accounts_may_connect() {
    let s = start_default().await;
    // web-frontend's whitelist names the partner, not the stranger.
    let r = connect(&s, HW, WEB, json!({"domain_id": STRANGER}));
    assert_error(&r, 403, "EndPoint.0004");
    assert_eq!(
        connect(&s, HW, WEB, json!({"domain_id": PARTNER})).status,
        200
    );
    // orders-api's whitelist has a `*`.
    assert_eq!(
        connect(&s, HW, ORDERS, json!({"domain_id": STRANGER})).status,
        200
    );
    // batch-jobs has an empty whitelist: only its owner.
    assert_error(
        &connect(&s, HW, BATCH, json!({"domain_id": PARTNER})),
        403,
        "EndPoint.0004",
    );
    assert_eq!(connect(&s, HW, BATCH, json!({})).status, 200);
    // The whitelist as the API changes it.
    let add = json!({"action": "add", "permissions": [format!("iam:domain::{STRANGER}")]});
    let r = s.call(
        "POST",
        &format!("{}/permissions/action", service_path(HW, BATCH)),
        &[
            ("X-Auth-Token", TOKEN),
            ("Content-Type", "application/json"),
        ],
        Some(&add.to_string()),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(
        connect(&s, HW, BATCH, json!({"domain_id": STRANGER})).status,
        200
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connect_takes_a_status_id_marker_description_and_error() {
    let s = start_default().await;
    let r = connect(
        &s,
        HW,
        ORDERS,
        json!({"id": A_UUID, "domain_id": PARTNER, "status": "failed", "marker_id": 18446744073709551615u64,
               "description": "broken", "error": [{"error_code": "EndPoint.9999", "error_message": "no"}]}),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    assert!(
        r.text().contains("\"marker_id\":18446744073709551615"),
        "{}",
        r.text()
    );
    let c = r.json();
    assert_eq!(c["id"], A_UUID);
    assert_eq!(c["description"], "broken");
    assert_eq!(c["error"][0]["error_code"], "EndPoint.9999");
    // A creating one settles to accepted, as an accepted one does.
    let r = connect(&s, HW, ORDERS, json!({"status": "creating"}));
    let id = r.json()["id"].as_str().unwrap().to_owned();
    assert_eq!(r.json()["status"], "creating");
    assert!(poll_until(Duration::from_secs(5), || status_of(
        &s, HW, ORDERS, &id
    ) == "accepted"));
    for body in [
        json!({"id": A_UUID}),
        json!({"id": endpoint(1, 1)}),
        json!({"id": "x"}),
        json!({"status": "waiting"}),
        json!({"domain_id": "has-dash"}),
        json!({"domain_id": "*"}),
        json!({"error": [{"error_code": "a", "error_message": "b"}]}),
        json!({"surprise": 1}),
    ] {
        let r = connect(&s, HW, ORDERS, body.clone());
        assert_error(&r, 400, "EndPoint.0002");
    }
    let r = connect(&s, OTC, LDAP, json!({"description": "HWC only"}));
    assert_error(&r, 400, "EndPoint.0002");
    assert_error(&connect(&s, HW, A_UUID, json!({})), 400, "EndPoint.2003");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fleet_services_have_connections_too() {
    let s = start(Config {
        seed: Seed::embedded().with_fleet(10).unwrap(),
        ..test_config()
    })
    .await;
    let tenth = "f1ee7000-0000-4000-8000-000000000010";
    let v = list(&s, HW, tenth, "sort_dir=asc&sort_key=created_at");
    assert_eq!(v["total_count"], 5);
    assert!(v["connections"][0]["marker_id"].as_u64().unwrap() > 1 << 53);
    let pending = list(&s, HW, tenth, "status=pendingAcceptance");
    assert_eq!(pending["total_count"], 2);
    let id = ids(&pending)[0].clone();
    assert_eq!(act(&s, HW, tenth, &action("reject", &id)).status, 200);
}
