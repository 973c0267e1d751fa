//! Fleets of generated services (`--fleet N`, `Seed::with_fleet`, `POST /__control/fleet`):
//! their mix, their ids, and the calls on them.

mod common;

use common::*;
use serde_json::{json, Value};
use vpcep_local_api::{fleet_service, Config, Seed};

fn fleet_id(i: usize) -> String {
    format!("f1ee7000-0000-4000-8000-{i:012}")
}

fn with_fleet(n: usize) -> Config {
    Config {
        seed: Seed::embedded().with_fleet(n).expect("a fleet"),
        ..test_config()
    }
}

fn total(s: &Server, project: &str, query: &str) -> u64 {
    let r = s.get(&list_path(project, query));
    assert_eq!(r.status, 200, "{}", r.text());
    r.json()["total_count"].as_u64().expect("total_count")
}

/// Every page of the project's list, `limit` at a time (bounded).
fn all_services(s: &Server, project: &str) -> Vec<Value> {
    let mut out = Vec::new();
    for page in 0..100 {
        let query = if page == 0 {
            "limit=1000".to_owned()
        } else {
            format!("limit=1000&offset={}", out.len())
        };
        let v = s.get(&list_path(project, &query)).json();
        let items = v["endpoint_services"].as_array().cloned().unwrap();
        if items.is_empty() {
            return out;
        }
        out.extend(items);
    }
    panic!("more than 100 pages");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_fleet_of_257_is_listed_with_the_demo_services_and_paged() {
    let s = start(with_fleet(257)).await;
    assert_eq!(total(&s, HW, ""), 261);
    assert_eq!(total(&s, HW, "endpoint_service_name=fleet-"), 257);
    assert_eq!(
        total(&s, OTC, ""),
        2,
        "the fleet joins the first project only"
    );
    let all = all_services(&s, HW);
    assert_eq!(all.len(), 261);
    let ids: std::collections::BTreeSet<&str> =
        all.iter().map(|v| v["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), 261, "no duplicate across pages");
    // Newest first: the demo services, then fleet-001, fleet-002, …
    assert_eq!(all[4]["id"], fleet_id(1));
    assert_eq!(all[260]["id"], fleet_id(257));
    assert_eq!(
        all[4]["service_name"],
        format!("cn-north-4.fleet-001.{}", fleet_id(1))
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_fleet_mixes_editions_statuses_approval_and_tcp_proxy() {
    let s = start(with_fleet(36)).await;
    let fleet: Vec<Value> = (1..=36).map(|i| s.service(HW, &fleet_id(i))).collect();
    let count = |f: &dyn Fn(&Value) -> bool| fleet.iter().filter(|v| f(v)).count();
    assert_eq!(
        count(&|v| v["supported_editions"] == json!(["basic", "profession"])),
        12
    );
    assert_eq!(count(&|v| v["supported_editions"] == json!(["basic"])), 24);
    assert_eq!(count(&|v| v["status"] == "failed"), 4);
    assert_eq!(count(&|v| v["status"] == "available"), 32);
    assert!(fleet
        .iter()
        .filter(|v| v["status"] == "failed")
        .all(|v| v["error"][0]["error_code"].is_string()));
    assert_eq!(count(&|v| v["approval_enabled"] == true), 18);
    for proxy in ["close", "toa_open", "proxy_open", "open"] {
        assert_eq!(count(&|v| v["tcp_proxy"] == proxy), 9, "{proxy}");
    }
    for server_type in ["VM", "LB", "VIP"] {
        assert_eq!(count(&|v| v["server_type"] == server_type), 12);
    }
    // As the library builds it, as the server serves it.
    let third = fleet_service(3);
    assert_eq!(
        fleet[2]["service_name"],
        format!("cn-north-4.{}.{}", third.service_name, third.id)
    );
    assert_eq!(
        fleet[2]["ports"].as_array().unwrap().len(),
        third.ports.len()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_upgrade_and_put_work_on_fleet_services_as_on_the_seed() {
    let s = start(with_fleet(20)).await;
    let basic = fleet_id(1);
    assert_eq!(
        s.service(HW, &basic)["supported_editions"],
        json!(["basic"])
    );
    assert_eq!(s.post(&upgrade_path(HW, &basic)).status, 204);
    assert_eq!(
        s.service(HW, &basic)["supported_editions"],
        json!(["basic", "profession"])
    );
    // Advanced already: idempotent.
    assert_eq!(s.post(&upgrade_path(HW, &fleet_id(3))).status, 204);
    // A failed one cannot change.
    let r = s.post(&upgrade_path(HW, &fleet_id(9)));
    assert_eq!((r.status, r.code()), (400, "EndPoint.3045".to_owned()));
    let r = s.put(
        &service_path(HW, &fleet_id(2)),
        r#"{"description":"edited"}"#,
    );
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["description"], "edited");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_batch_upgrade_with_10_percent_failing_completes_on_retry() {
    let s = start(with_fleet(60)).await;
    s.control(
        "POST",
        "/__control/faults",
        Some(
            &json!({"mode": "every_nth", "n": 10, "distinct_requests": true, "method": "POST",
                    "path_contains": "/upgrade"})
            .to_string(),
        ),
    );
    // Every basic, available fleet service, as a console would pick them.
    let todo: Vec<String> = (1..=60)
        .filter(|i| i % 3 != 0 && i % 9 != 0)
        .map(fleet_id)
        .collect();
    assert_eq!(todo.len(), 40);
    let failed: Vec<&String> = todo
        .iter()
        .filter(|id| s.post(&upgrade_path(HW, id)).status != 204)
        .collect();
    assert_eq!(failed.len(), 4, "{failed:?}");
    for id in &failed {
        assert_eq!(s.post(&upgrade_path(HW, id)).status, 204, "retry {id}");
    }
    for id in &todo {
        assert_eq!(
            s.service(HW, id)["supported_editions"],
            json!(["basic", "profession"]),
            "{id}"
        );
    }
    let posts = s
        .requests()
        .into_iter()
        .filter(|r| r["method"] == "POST")
        .count();
    assert_eq!(posts, 44, "40 upgrades and 4 retries, each once");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn control_fleet_replaces_the_fleet_until_the_next_reset() {
    let s = start_default().await;
    let r = s.control("POST", "/__control/fleet", Some(r#"{"count": 30}"#));
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(
        r.json(),
        json!({"project_id": HW, "fleet": 30, "total_count": 34})
    );
    assert_eq!(total(&s, HW, ""), 34);
    assert_eq!(s.service(HW, &fleet_id(30))["id"], fleet_id(30));
    // A smaller one replaces it.
    let r = s.control("POST", "/__control/fleet", Some(r#"{"count": 5}"#));
    assert_eq!(r.json()["total_count"], 9);
    assert_eq!(s.get(&service_path(HW, &fleet_id(6))).status, 404);
    // In another project.
    let body = json!({"count": 3, "project_id": OTC}).to_string();
    let r = s.control("POST", "/__control/fleet", Some(&body));
    assert_eq!(
        r.json(),
        json!({"project_id": OTC, "fleet": 3, "total_count": 5})
    );
    assert_eq!(
        s.service(OTC, &fleet_id(3))["service_name"],
        format!("eu-de.fleet-003.{}", fleet_id(3))
    );
    // Not in the request log; gone after a reset.
    assert!(s.requests().iter().all(|r| r["path"] != "/__control/fleet"));
    assert_eq!(s.control("POST", "/__control/reset", None).status, 204);
    assert_eq!(total(&s, HW, ""), 4);
    assert_eq!(total(&s, OTC, ""), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_fleet_from_the_start_comes_back_on_reset_and_control_count_0_removes_it() {
    let s = start(with_fleet(8)).await;
    let r = s.control("POST", "/__control/fleet", Some(r#"{"count": 0}"#));
    assert_eq!(r.json()["total_count"], 4);
    assert_eq!(s.control("POST", "/__control/reset", None).status, 204);
    assert_eq!(total(&s, HW, ""), 12);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_fleet_bodies_are_400() {
    let s = start_default().await;
    for body in [
        "",
        "[]",
        "{}",
        r#"{"count": -1}"#,
        r#"{"count": "5"}"#,
        r#"{"count": 10001}"#,
        r#"{"count": 1, "project_id": 7}"#,
        r#"{"count": 1, "project_id": "nope"}"#,
        r#"{"count": 1, "size": 2}"#,
    ] {
        let r = s.control("POST", "/__control/fleet", Some(body));
        assert_eq!(r.status, 400, "{body}: {}", r.text());
        assert_eq!(r.code(), "EndPoint.0002", "{body}");
    }
    assert_eq!(total(&s, HW, ""), 4);
}
