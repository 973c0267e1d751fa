//! The VPCEP API over real HTTP: GET one, list, PUT, upgrade, and the error order.

mod common;

use std::time::Duration;

use common::*;
use serde_json::{json, Value};

/// An error answer: status, exact body shape `{error_code, error_msg}`, JSON content type.
fn assert_error(r: &Resp, status: u16, code: &str) {
    assert_eq!(r.status, status, "{}", r.text());
    let v = r.json();
    let obj = v.as_object().expect("an object");
    let mut keys: Vec<&str> = obj.keys().map(String::as_str).collect();
    keys.sort();
    assert_eq!(keys, ["error_code", "error_msg"], "{}", r.text());
    assert_eq!(v["error_code"], code, "{}", r.text());
    assert!(
        v["error_msg"].as_str().is_some_and(|m| m.len() > 5),
        "readable message: {}",
        r.text()
    );
    assert_eq!(r.header("content-type"), Some("application/json"));
}

fn names(list: &Value) -> Vec<String> {
    list["endpoint_services"]
        .as_array()
        .expect("endpoint_services")
        .iter()
        .map(|s| {
            let full = s["service_name"].as_str().unwrap();
            full.split('.').nth(1).unwrap().to_string()
        })
        .collect()
}

fn ports(list: &[(u32, u32)]) -> String {
    let maps: Vec<Value> = list
        .iter()
        .map(|(c, s)| json!({"client_port": c, "server_port": s, "protocol": "TCP"}))
        .collect();
    json!({ "ports": maps }).to_string()
}

// ---------------------------------------------------------------------------------------------
// GET one

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn get_one_shows_full_name_and_every_field() {
    let s = start_default().await;
    let r = s.get(&service_path(HW, WEB));
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-type"), Some("application/json"));
    let v = r.json();
    assert_eq!(
        v["service_name"],
        "cn-north-4.web-frontend.4189d3c2-8882-4871-a3c2-d380272eed83"
    );
    assert_eq!(v["id"], WEB);
    assert_eq!(v["project_id"], HW);
    assert_eq!(v["server_type"], "VM");
    assert_eq!(v["service_type"], "interface");
    assert_eq!(v["status"], "available");
    assert_eq!(v["approval_enabled"], false);
    assert_eq!(v["supported_editions"], json!(["basic"]));
    assert_eq!(v["tcp_proxy"], "close");
    assert_eq!(v["port_id"], WEB_PORT_ID);
    assert_eq!(
        v["ports"],
        json!([
            {"client_port": 8080, "server_port": 80, "protocol": "TCP"},
            {"client_port": 8443, "server_port": 443, "protocol": "TCP"}
        ])
    );
    assert_eq!(v["description"], "Public web tier");
    assert_eq!(v["tags"], json!([{"key": "env", "value": "prod"}]));
    assert_eq!(v["cidr_type"], "internal");
    assert_eq!(v["ip_version"], "ipv4");
    for f in ["vpc_id", "pool_id"] {
        assert_eq!(v[f].as_str().map(str::len), Some(36), "{f}");
    }
    for f in ["created_at", "updated_at"] {
        let t = v[f].as_str().unwrap();
        assert_eq!(t.len(), 20, "{f} = {t}");
        assert!(t.ends_with('Z'));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn get_seeded_services_of_both_dialects() {
    let s = start_default().await;
    let orders = s.service(HW, ORDERS);
    assert_eq!(orders["server_type"], "LB");
    assert_eq!(orders["supported_editions"], json!(["basic", "profession"]));
    assert_eq!(orders["tcp_proxy"], "proxy_open");
    assert_eq!(orders["approval_enabled"], true);
    let batch = s.service(HW, BATCH);
    assert_eq!(batch["port_id"], WEB_PORT_ID);
    assert!(
        batch.get("description").is_none(),
        "absent fields are omitted"
    );
    let metrics = s.service(HW, METRICS);
    assert_eq!(
        metrics["service_name"],
        format!("cn-north-4.metrics-exporter.{METRICS}")
    );
    assert_eq!(metrics["server_type"], "VIP");

    let dns = s.service(OTC, DNS);
    assert_eq!(dns["service_name"], format!("eu-de.dns-resolver.{DNS}"));
    assert_eq!(dns["project_id"], OTC);
    assert!(dns["vip_port_id"].is_string());
    assert!(dns["ports"]
        .as_array()
        .unwrap()
        .iter()
        .any(|m| m["protocol"] == "UDP" && m["client_port"] == 53));
    let ldap = s.service(OTC, LDAP);
    assert_eq!(
        ldap["ports"],
        json!([{"client_port": 636, "server_port": 636, "protocol": "TCP"}])
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn get_unknown_service_is_404_endpoint_0005() {
    let s = start_default().await;
    assert_error(&s.get(&service_path(HW, A_UUID)), 404, "EndPoint.0005");
    // A service of the other project is unknown here.
    assert_error(&s.get(&service_path(HW, DNS)), 404, "EndPoint.0005");
    assert_error(
        &s.get(&service_path(HW, "not-a-uuid")),
        404,
        "EndPoint.0005",
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn get_unknown_project_is_400_endpoint_0014() {
    let s = start_default().await;
    let r = s.get(&service_path("0123456789abcdef0123456789abcdef", WEB));
    assert_error(&r, 400, "EndPoint.0014");
    assert!(r.msg().contains("0123456789abcdef0123456789abcdef"));
    assert_error(&s.get(&list_path("nope", "")), 400, "EndPoint.0014");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn get_without_token_is_401_endpoint_0003() {
    let s = start_default().await;
    let r = s.call("GET", &service_path(HW, WEB), &[], None);
    assert_error(&r, 401, "EndPoint.0003");
    // Bearer is not how this API authenticates.
    let r = s.call(
        "GET",
        &service_path(HW, WEB),
        &[("Authorization", "Bearer demo-token")],
        None,
    );
    assert_error(&r, 401, "EndPoint.0003");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn put_with_unknown_token_is_401_endpoint_0003() {
    let s = start_default().await;
    let r = s.call(
        "PUT",
        &service_path(HW, WEB),
        &[
            ("X-Auth-Token", "stolen-token"),
            ("Content-Type", "application/json"),
        ],
        Some("{}"),
    );
    assert_error(&r, 401, "EndPoint.0003");
    assert!(
        !r.msg().contains("stolen-token"),
        "the token is never echoed"
    );
    let up = s.call(
        "POST",
        &upgrade_path(HW, WEB),
        &[("X-Auth-Token", "")],
        None,
    );
    assert_error(&up, 401, "EndPoint.0003");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn checks_run_token_then_project_then_service_then_body() {
    let s = start_default().await;
    let bad_everything = s.call(
        "PUT",
        &service_path("nope", A_UUID),
        &[("X-Auth-Token", "wrong")],
        Some("not json"),
    );
    assert_error(&bad_everything, 401, "EndPoint.0003");
    assert_error(
        &s.put(&service_path("nope", A_UUID), "not json"),
        400,
        "EndPoint.0014",
    );
    assert_error(
        &s.put(&service_path(HW, A_UUID), "not json"),
        404,
        "EndPoint.0005",
    );
    assert_error(
        &s.put(&service_path(HW, WEB), "not json"),
        400,
        "EndPoint.0002",
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn configured_tokens_replace_the_demo_token() {
    let s = start(vpcep_local_api::Config {
        tokens: vec!["alpha".into(), "beta".into()],
        ..test_config()
    })
    .await;
    let path = service_path(HW, WEB);
    assert_eq!(s.get(&path).status, 401);
    for t in ["alpha", "beta"] {
        assert_eq!(
            s.call("GET", &path, &[("X-Auth-Token", t)], None).status,
            200
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_path_or_method_is_404_apigw_0101_before_auth() {
    let s = start_default().await;
    let cases = [
        ("DELETE", service_path(HW, WEB)),
        ("HEAD", service_path(HW, WEB)),
        ("HEAD", list_path(HW, "")),
        ("POST", service_path(HW, WEB)),
        ("PATCH", service_path(HW, WEB)),
        ("PUT", list_path(HW, "")),
        ("GET", upgrade_path(HW, WEB)),
        (
            "POST",
            format!("/v1/{HW}/vpc-endpoint-services/{WEB}/upgrade"),
        ),
        ("GET", format!("/v2/{HW}/vpc-endpoint-services/{WEB}")),
        ("GET", format!("/v1/{HW}/vpc-endpoint-services/")),
        ("GET", "/v1//vpc-endpoint-services".to_string()),
        ("GET", format!("/v1/{HW}/vpc-endpoints")),
        ("GET", "/".to_string()),
        ("GET", "/__control/nothing".to_string()),
    ];
    for (method, path) in cases {
        for headers in [&[][..], &[("X-Auth-Token", TOKEN)][..]] {
            let r = s.call(method, &path, headers, None);
            assert_eq!(r.status, 404, "{method} {path}");
            if method == "HEAD" {
                // The answer to a HEAD has no body.
                continue;
            }
            let v = r.json();
            assert_eq!(v["error_code"], "APIGW.0101", "{method} {path}");
            assert_eq!(
                v["error_msg"],
                "The API does not exist or has not been published in the environment"
            );
            assert_eq!(v["request_id"], r.request_id());
        }
    }
}

// ---------------------------------------------------------------------------------------------
// List

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn list_defaults_to_create_at_desc_limit_10_with_full_names() {
    let s = start_default().await;
    let r = s.get(&list_path(HW, ""));
    assert_eq!(r.status, 200);
    let v = r.json();
    assert_eq!(v["total_count"], 4);
    assert_eq!(
        names(&v),
        [
            "metrics-exporter",
            "batch-jobs",
            "orders-api",
            "web-frontend"
        ]
    );
    let first = &v["endpoint_services"][0];
    assert_eq!(first["project_id"], HW);
    assert_eq!(
        first["service_name"],
        format!("cn-north-4.metrics-exporter.{METRICS}")
    );

    let otc = s.get(&list_path(OTC, "")).json();
    assert_eq!(otc["total_count"], 2);
    assert_eq!(names(&otc), ["ldap-gateway", "dns-resolver"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn list_sorts_by_create_at_or_update_at_either_way() {
    let s = start_default().await;
    let get = |q: &str| names(&s.get(&list_path(HW, q)).json());
    assert_eq!(
        get("sort_key=create_at&sort_dir=asc"),
        [
            "web-frontend",
            "orders-api",
            "batch-jobs",
            "metrics-exporter"
        ]
    );
    assert_eq!(
        get("sort_key=update_at"),
        [
            "metrics-exporter",
            "web-frontend",
            "orders-api",
            "batch-jobs"
        ]
    );
    assert_eq!(
        get("sort_key=update_at&sort_dir=asc"),
        [
            "batch-jobs",
            "orders-api",
            "web-frontend",
            "metrics-exporter"
        ]
    );
    // A PUT moves a service to the front of update_at desc.
    assert_eq!(s.put(&service_path(HW, BATCH), "{}").status, 200);
    assert_eq!(get("sort_key=update_at")[0], "batch-jobs");
    assert_eq!(get("sort_key=create_at")[0], "metrics-exporter");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn list_filters_by_name_substring_id_and_status() {
    let s = start_default().await;
    let get = |q: &str| s.get(&list_path(HW, q)).json();
    let v = get("endpoint_service_name=order");
    assert_eq!(names(&v), ["orders-api"]);
    assert_eq!(v["total_count"], 1);
    assert_eq!(names(&get("endpoint_service_name=ORDERS")), ["orders-api"]);
    assert_eq!(
        names(&get("endpoint_service_name=-&sort_dir=asc")),
        [
            "web-frontend",
            "orders-api",
            "batch-jobs",
            "metrics-exporter"
        ]
    );
    assert_eq!(get("endpoint_service_name=nothing")["total_count"], 0);
    assert_eq!(names(&get(&format!("id={BATCH}"))), ["batch-jobs"]);
    assert_eq!(get(&format!("id={A_UUID}"))["total_count"], 0);
    assert_eq!(get("status=available")["total_count"], 4);
    assert_eq!(get("status=creating")["total_count"], 0);
    // Empty values count as absent, as the SDKs omit unset parameters.
    assert_eq!(
        get("endpoint_service_name=&id=&status=&sort_key=&sort_dir=&limit=&offset=")["total_count"],
        4
    );
    // Combined filters.
    let v = get(&format!(
        "endpoint_service_name=web&id={WEB}&status=available"
    ));
    assert_eq!(names(&v), ["web-frontend"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn list_limit_and_offset_page_while_total_counts_every_match() {
    let s = start_default().await;
    let get = |q: &str| s.get(&list_path(HW, q)).json();
    let v = get("limit=1&offset=1");
    assert_eq!(names(&v), ["batch-jobs"]);
    assert_eq!(v["total_count"], 4);
    let v = get("limit=2&offset=2&sort_dir=asc");
    assert_eq!(names(&v), ["batch-jobs", "metrics-exporter"]);
    let v = get("limit=0");
    assert_eq!(names(&v), Vec::<String>::new());
    assert_eq!(v["total_count"], 4);
    let v = get("offset=10");
    assert!(names(&v).is_empty());
    assert_eq!(v["total_count"], 4);
    assert_eq!(names(&get("limit=1000")).len(), 4);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn list_bad_values_are_400_endpoint_0002() {
    let s = start_default().await;
    for q in [
        "limit=1001",
        "limit=-1",
        "limit=ten",
        "limit=1.5",
        "offset=-1",
        "offset=x",
        "sort_key=name",
        "sort_key=CREATE_AT",
        "sort_dir=up",
        "status=ready",
        "status=AVAILABLE",
        "id=not-a-uuid",
        "endpoint_service_name=%3Cscript%3E",
        "endpoint_service_name=a%20b",
        "endpoint_service_name=%zz",
    ] {
        let r = s.get(&list_path(HW, q));
        assert_error(&r, 400, "EndPoint.0002");
        let field = q.split('=').next().unwrap();
        assert!(
            r.msg().contains(field) || r.msg().contains("query"),
            "{q}: {}",
            r.msg()
        );
    }
}

// ---------------------------------------------------------------------------------------------
// PUT: accepted side

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn put_empty_object_changes_nothing_but_updated_at() {
    let s = start_default().await;
    let before = s.service(HW, ORDERS);
    let r = s.put(&service_path(HW, ORDERS), "{}");
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.header("content-type"), Some("application/json"));
    let after = r.json();
    assert_ne!(after["updated_at"], before["updated_at"]);
    let strip = |v: &Value| {
        let mut v = v.clone();
        v.as_object_mut().unwrap().remove("updated_at");
        v
    };
    assert_eq!(strip(&after), strip(&before));
    assert_eq!(s.service(HW, ORDERS), after, "GET shows what PUT answered");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn put_updates_approval_name_description_tcp_proxy_and_port_id() {
    let s = start_default().await;
    let body = json!({
        "approval_enabled": true,
        "service_name": "web_front-2",
        "description": "Renamed tier",
        "tcp_proxy": "toa_open",
        "port_id": A_UUID,
    });
    let r = s.put(&service_path(HW, WEB), &body.to_string());
    assert_eq!(r.status, 200, "{}", r.text());
    let v = r.json();
    assert_eq!(v["approval_enabled"], true);
    assert_eq!(v["service_name"], format!("cn-north-4.web_front-2.{WEB}"));
    assert_eq!(v["description"], "Renamed tier");
    assert_eq!(v["tcp_proxy"], "toa_open");
    assert_eq!(v["port_id"], A_UUID);
    assert_eq!(
        v["status"], "available",
        "no port change, no creating phase"
    );
    assert_eq!(s.service(HW, WEB), v);
    // The name filter of the list works on the new short name.
    let list = s
        .get(&list_path(HW, "endpoint_service_name=web_front"))
        .json();
    assert_eq!(list["total_count"], 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn put_service_name_accepts_0_to_16_allowed_chars_else_1003() {
    let s = start_default().await;
    let path = service_path(HW, ORDERS);
    for ok in ["abcdefghijklmnop", "A_b-9", ""] {
        let r = s.put(&path, &json!({ "service_name": ok }).to_string());
        assert_eq!(r.status, 200, "{ok:?}: {}", r.text());
        assert_eq!(
            r.json()["service_name"],
            format!("cn-north-4.{ok}.{ORDERS}")
        );
    }
    for bad in [
        "abcdefghijklmnopq",
        "a.b",
        "a b",
        "naïve",
        "x/y",
        "cn-north-4.orders-api",
    ] {
        let r = s.put(&path, &json!({ "service_name": bad }).to_string());
        assert_error(&r, 400, "EndPoint.1003");
        assert!(r.msg().contains("service_name"), "{}", r.msg());
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn put_description_up_to_128_chars_without_angle_brackets() {
    let s = start_default().await;
    let path = service_path(HW, WEB);
    let max = "é".repeat(128);
    let r = s.put(&path, &json!({ "description": max }).to_string());
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["description"], max);
    for bad in ["x".repeat(129), "<b>bold".to_string(), "a > b".to_string()] {
        let r = s.put(&path, &json!({ "description": bad }).to_string());
        assert_error(&r, 400, "EndPoint.0002");
        assert!(r.msg().contains("description"), "{}", r.msg());
    }
    let r = s.put(&path, r#"{"description":""}"#);
    assert_eq!(r.status, 200);
    assert_eq!(
        r.json()["description"],
        "",
        "an explicit empty string clears it"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn put_tcp_proxy_values_per_dialect() {
    let s = start_default().await;
    for v in ["close", "toa_open", "proxy_open", "open"] {
        for (p, id) in [(HW, WEB), (OTC, LDAP)] {
            let r = s.put(&service_path(p, id), &json!({ "tcp_proxy": v }).to_string());
            assert_eq!(r.status, 200, "{v}: {}", r.text());
            assert_eq!(r.json()["tcp_proxy"], v);
        }
    }
    let r = s.put(&service_path(HW, WEB), r#"{"tcp_proxy":"proxy_vni"}"#);
    assert_eq!(r.status, 200, "proxy_vni is Huawei-only: {}", r.text());
    assert_error(
        &s.put(&service_path(OTC, LDAP), r#"{"tcp_proxy":"proxy_vni"}"#),
        400,
        "EndPoint.0002",
    );
    for bad in ["on", "CLOSE", ""] {
        let r = s.put(
            &service_path(HW, WEB),
            &json!({ "tcp_proxy": bad }).to_string(),
        );
        assert_error(&r, 400, "EndPoint.0002");
        assert!(r.msg().contains("tcp_proxy"));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn put_ports_replaces_the_whole_list_and_defaults_protocol_to_tcp() {
    let s = start_default().await;
    let r = s.put(
        &service_path(HW, WEB),
        r#"{"ports":[{"client_port":81,"server_port":8081},{"client_port":65535,"server_port":1,"protocol":"TCP"}]}"#,
    );
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(
        r.json()["ports"],
        json!([
            {"client_port": 81, "server_port": 8081, "protocol": "TCP"},
            {"client_port": 65535, "server_port": 1, "protocol": "TCP"}
        ])
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn put_200_port_mappings_is_accepted_and_201_is_3074() {
    let s = start_default().await;
    let two_hundred: Vec<(u32, u32)> = (0..200).map(|i| (10_000 + i, 20_000 + i)).collect();
    let r = s.put(&service_path(HW, ORDERS), &ports(&two_hundred));
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["ports"].as_array().unwrap().len(), 200);
    let too_many: Vec<(u32, u32)> = (0..201).map(|i| (30_000 + i, 40_000 + i)).collect();
    // The service is creating now; use another one.
    let r = s.put(&service_path(HW, METRICS), &ports(&too_many));
    assert_error(&r, 400, "EndPoint.3074");
    assert!(r.msg().contains("201"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn put_udp_is_accepted_in_otc_and_same_port_on_two_protocols_is_fine() {
    let s = start_default().await;
    let r = s.put(
        &service_path(OTC, LDAP),
        r#"{"ports":[{"client_port":389,"server_port":389,"protocol":"UDP"},{"client_port":389,"server_port":389,"protocol":"TCP"}]}"#,
    );
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["ports"][0]["protocol"], "UDP");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn put_vip_port_id_is_otc_only() {
    let s = start_default().await;
    let r = s.put(
        &service_path(OTC, DNS),
        &json!({ "vip_port_id": A_UUID }).to_string(),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["vip_port_id"], A_UUID);
    let r = s.put(&service_path(OTC, DNS), r#"{"vip_port_id":"vip-1"}"#);
    assert_error(&r, 400, "EndPoint.3003");
    assert!(r.msg().contains("vip_port_id"));
    let r = s.put(
        &service_path(HW, WEB),
        &json!({ "vip_port_id": A_UUID }).to_string(),
    );
    assert_error(&r, 400, "EndPoint.0002");
    assert!(r.msg().contains("vip_port_id"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn put_ip_is_huawei_only_ipv4_or_domain_and_not_with_port_id() {
    let s = start_default().await;
    for ok in ["10.1.2.3", "backend.example.com"] {
        let r = s.put(&service_path(HW, METRICS), &json!({ "ip": ok }).to_string());
        assert_eq!(r.status, 200, "{ok}: {}", r.text());
        assert_eq!(r.json()["ip"], ok);
    }
    for bad in [
        "10.1.2.256",
        "10.1.2",
        "not a domain",
        "-bad.example.com",
        "localhost",
        "",
    ] {
        let r = s.put(
            &service_path(HW, METRICS),
            &json!({ "ip": bad }).to_string(),
        );
        assert_error(&r, 400, "EndPoint.0002");
        assert!(r.msg().contains("ip"), "{}", r.msg());
    }
    let both = json!({ "ip": "10.1.2.3", "port_id": A_UUID }).to_string();
    assert_error(
        &s.put(&service_path(HW, METRICS), &both),
        400,
        "EndPoint.3052",
    );
    let r = s.put(&service_path(OTC, DNS), r#"{"ip":"10.1.2.3"}"#);
    assert_error(&r, 400, "EndPoint.0002");
    assert!(r.msg().contains("ip"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn put_port_id_must_be_a_uuid_else_3003() {
    let s = start_default().await;
    for bad in [
        "port-1",
        "4189d3c2-8882-4871-a3c2-d380272eed8",
        "4189d3c2-8882-4871-a3c2-d380272eed8z",
        "4189d3c288824871a3c2d380272eed83",
        "",
    ] {
        let r = s.put(
            &service_path(HW, ORDERS),
            &json!({ "port_id": bad }).to_string(),
        );
        assert_error(&r, 400, "EndPoint.3003");
        assert!(r.msg().contains("port_id"));
    }
}

// ---------------------------------------------------------------------------------------------
// PUT: rejected side

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn put_malformed_bodies_are_400_endpoint_0002() {
    let s = start_default().await;
    let path = service_path(HW, WEB);
    for body in [
        "",
        "{",
        "not json",
        "[]",
        "\"text\"",
        "null",
        "42",
        r#"{"approval_enabled":null}"#,
        r#"{"description":null}"#,
        r#"{"approval_enabled":"true"}"#,
        r#"{"approval_enabled":1}"#,
        r#"{"service_name":7}"#,
        r#"{"description":["a"]}"#,
        r#"{"port_id":{}}"#,
        r#"{"tcp_proxy":true}"#,
        r#"{"ports":"8080:80"}"#,
        r#"{"ports":{"client_port":1,"server_port":1}}"#,
        r#"{"ports":[8080]}"#,
        r#"{"ports":[{"client_port":1,"server_port":1,"protocol":null}]}"#,
    ] {
        assert_error(&s.put(&path, body), 400, "EndPoint.0002");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn put_unknown_fields_are_0002_naming_the_field() {
    let s = start_default().await;
    let path = service_path(HW, WEB);
    for (body, field) in [
        (r#"{"id":"x"}"#, "id"),
        (r#"{"status":"available"}"#, "status"),
        (r#"{"servicename":"a"}"#, "servicename"),
        (r#"{"permissions":["*"],"action":"add"}"#, "permissions"),
        (r#"{"permissions":["*"],"action":"add"}"#, "action"),
        (
            r#"{"ports":[{"client_port":1,"server_port":1,"proto":"TCP"}]}"#,
            "proto",
        ),
    ] {
        let r = s.put(&path, body);
        assert_error(&r, 400, "EndPoint.0002");
        assert!(r.msg().contains(field), "{body}: {}", r.msg());
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn put_empty_ports_list_is_0002() {
    let s = start_default().await;
    let r = s.put(&service_path(HW, WEB), r#"{"ports":[]}"#);
    assert_error(&r, 400, "EndPoint.0002");
    assert!(r.msg().contains("ports"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn put_ports_outside_1_to_65535_or_not_integers_are_3063() {
    let s = start_default().await;
    for m in [
        r#"{"client_port":0,"server_port":80}"#,
        r#"{"client_port":80,"server_port":65536}"#,
        r#"{"client_port":-1,"server_port":80}"#,
        r#"{"client_port":"80","server_port":80}"#,
        r#"{"client_port":80.5,"server_port":80}"#,
        r#"{"client_port":80,"server_port":true}"#,
        r#"{"server_port":80}"#,
        r#"{"client_port":80}"#,
    ] {
        let r = s.put(&service_path(HW, WEB), &format!(r#"{{"ports":[{m}]}}"#));
        assert_error(&r, 400, "EndPoint.3063");
        assert!(r.msg().contains("_port"), "{}", r.msg());
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn put_udp_or_unknown_protocol_in_huawei_is_3075() {
    let s = start_default().await;
    for p in [r#""UDP""#, r#""tcp""#, r#""HTTP""#, "6", r#""""#] {
        let body = format!(r#"{{"ports":[{{"client_port":80,"server_port":80,"protocol":{p}}}]}}"#);
        let r = s.put(&service_path(HW, WEB), &body);
        assert_error(&r, 400, "EndPoint.3075");
        assert!(r.msg().contains("protocol"));
    }
    let r = s.put(
        &service_path(OTC, LDAP),
        r#"{"ports":[{"client_port":80,"server_port":80,"protocol":"SCTP"}]}"#,
    );
    assert_error(&r, 400, "EndPoint.3075");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn put_same_protocol_and_client_port_twice_is_0002() {
    let s = start_default().await;
    let r = s.put(
        &service_path(HW, WEB),
        r#"{"ports":[{"client_port":80,"server_port":80},{"client_port":80,"server_port":81,"protocol":"TCP"}]}"#,
    );
    assert_error(&r, 400, "EndPoint.0002");
    assert!(r.msg().contains("80"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn conflicting_port_on_shared_port_id_is_3044() {
    let s = start_default().await;
    // batch-jobs shares web-frontend's port_id and has TCP 9000->9000.
    for mapping in [(9000, 1), (1, 9000), (9000, 9000)] {
        let r = s.put(&service_path(HW, WEB), &ports(&[(80, 80), mapping]));
        assert_error(&r, 400, "EndPoint.3044");
        assert!(r.msg().contains("9000"), "{}", r.msg());
    }
    // No conflict on a service with another port_id.
    let r = s.put(&service_path(HW, ORDERS), &ports(&[(9000, 9000)]));
    assert_eq!(r.status, 200, "{}", r.text());
    // A service's own current mappings never conflict with themselves.
    let r = s.put(
        &service_path(HW, BATCH),
        &ports(&[(9000, 9000), (9001, 9001)]),
    );
    assert_eq!(r.status, 200, "{}", r.text());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn moving_to_a_shared_port_id_checks_the_current_mappings() {
    let s = start_default().await;
    // dns-resolver (OTC) has TCP and UDP 53 on DNS_PORT_ID; ldap-gateway has TCP 636 elsewhere.
    let r = s.put(
        &service_path(OTC, LDAP),
        &json!({ "port_id": DNS_PORT_ID, "ports": [{"client_port": 53, "server_port": 5353, "protocol": "UDP"}] })
            .to_string(),
    );
    assert_error(&r, 400, "EndPoint.3044");
    let r = s.put(
        &service_path(OTC, LDAP),
        &json!({ "port_id": DNS_PORT_ID }).to_string(),
    );
    assert_eq!(r.status, 200, "636 does not clash with 53: {}", r.text());
    let r = s.put(
        &service_path(HW, ORDERS),
        &json!({ "port_id": WEB_PORT_ID }).to_string(),
    );
    assert_eq!(r.status, 200, "443->8443 does not clash: {}", r.text());
    let r = s.put(&service_path(HW, ORDERS), &ports(&[(8080, 1)]));
    assert_error(&r, 400, "EndPoint.3044");
}

// ---------------------------------------------------------------------------------------------
// The creating phase

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ports_change_passes_through_creating_then_available() {
    // Long enough for the checks below to run inside the creating phase on a loaded machine.
    let delay = Duration::from_millis(500);
    let s = start(vpcep_local_api::Config {
        creating_delay: delay,
        ..test_config()
    })
    .await;
    let path = service_path(HW, WEB);
    let before = s.service(HW, WEB)["updated_at"].clone();
    let put_at = std::time::Instant::now();
    let r = s.put(&path, &ports(&[(8081, 81)]));
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(
        r.json()["status"],
        "creating",
        "the PUT answer already shows creating"
    );
    assert_ne!(r.json()["updated_at"], before);
    assert_eq!(s.service(HW, WEB)["status"], "creating");
    let creating = s.get(&list_path(HW, "status=creating")).json();
    assert_eq!(names(&creating), ["web-frontend"]);

    let r = s.put(&path, r#"{"description":"x"}"#);
    assert_error(&r, 400, "EndPoint.3045");
    assert_error(&s.post(&upgrade_path(HW, WEB)), 400, "EndPoint.3045");
    // Other services are not affected.
    assert_eq!(s.put(&service_path(HW, ORDERS), "{}").status, 200);

    let ok = poll_until(Duration::from_secs(5), || {
        s.service(HW, WEB)["status"] == "available"
    });
    assert!(ok, "the service became available again");
    assert!(put_at.elapsed() >= delay, "not before the delay");
    let r = s.put(&path, r#"{"description":"after"}"#);
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["description"], "after");
    assert_eq!(
        r.json()["ports"],
        json!([{"client_port": 8081, "server_port": 81, "protocol": "TCP"}])
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn short_creating_phase_ends_by_itself_and_edits_succeed_after() {
    let s = start_default().await; // 150 ms
    let path = service_path(OTC, DNS);
    let r = s.put(
        &path,
        r#"{"ports":[{"client_port":5353,"server_port":53,"protocol":"UDP"}]}"#,
    );
    assert_eq!(r.json()["status"], "creating");
    let ok = poll_until(Duration::from_secs(5), || {
        s.put(&path, r#"{"approval_enabled":true}"#).status == 200
    });
    assert!(ok, "the PUT succeeded once the creating phase ended");
    let v = s.service(OTC, DNS);
    assert_eq!(v["status"], "available");
    assert_eq!(v["approval_enabled"], true);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn same_port_set_in_another_order_does_not_enter_creating() {
    let s = start_default().await;
    let r = s.put(&service_path(HW, WEB), &ports(&[(8443, 443), (8080, 80)]));
    assert_eq!(r.status, 200);
    assert_eq!(r.json()["status"], "available");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn while_creating_a_malformed_body_is_0002_and_a_bad_value_is_3045() {
    let s = start(vpcep_local_api::Config {
        creating_delay: Duration::from_secs(60),
        ..test_config()
    })
    .await;
    let path = service_path(HW, WEB);
    assert_eq!(s.put(&path, &ports(&[(1, 1)])).json()["status"], "creating");
    assert_error(&s.put(&path, "{"), 400, "EndPoint.0002");
    assert_error(&s.put(&path, r#"{"bogus":1}"#), 400, "EndPoint.0002");
    assert_error(
        &s.put(&path, r#"{"service_name":"a b"}"#),
        400,
        "EndPoint.3045",
    );
    assert_error(&s.put(&path, "{}"), 400, "EndPoint.3045");
    // Reset brings the seed back.
    assert_eq!(s.control("POST", "/__control/reset", None).status, 204);
    assert_eq!(s.service(HW, WEB)["status"], "available");
}

// ---------------------------------------------------------------------------------------------
// Upgrade

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn upgrade_is_204_without_body_and_adds_profession() {
    let s = start_default().await;
    let r = s.call(
        "POST",
        &upgrade_path(HW, WEB),
        &[("X-Auth-Token", TOKEN)],
        None,
    );
    assert_eq!(r.status, 204, "{}", r.text());
    assert!(r.body.is_empty());
    assert!(r.header("content-type").is_none());
    assert_eq!(r.request_id().len(), 32);
    assert_eq!(
        s.service(HW, WEB)["supported_editions"],
        json!(["basic", "profession"])
    );
    // Idempotent.
    assert_eq!(s.post(&upgrade_path(HW, WEB)).status, 204);
    assert_eq!(
        s.service(HW, WEB)["supported_editions"],
        json!(["basic", "profession"])
    );
    assert_eq!(s.post(&upgrade_path(HW, ORDERS)).status, 204);
    assert_eq!(
        s.service(HW, ORDERS)["supported_editions"],
        json!(["basic", "profession"])
    );
    assert_eq!(s.post(&upgrade_path(OTC, DNS)).status, 204);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn upgrade_ignores_any_body() {
    let s = start_default().await;
    let r = s.call(
        "POST",
        &upgrade_path(HW, METRICS),
        &[
            ("X-Auth-Token", TOKEN),
            ("Content-Type", "application/json"),
        ],
        Some(r#"{"permissions":["iam:domain::fc973eea581490997e82ea11a1d0101"],"action":"add"}"#),
    );
    assert_eq!(r.status, 204);
    let r = s.call(
        "POST",
        &upgrade_path(HW, BATCH),
        &[("X-Auth-Token", TOKEN)],
        Some("not json at all"),
    );
    assert_eq!(r.status, 204);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn upgrade_errors_follow_the_same_order() {
    let s = start_default().await;
    let r = s.call("POST", &upgrade_path(HW, WEB), &[], None);
    assert_error(&r, 401, "EndPoint.0003");
    assert_error(&s.post(&upgrade_path("nope", WEB)), 400, "EndPoint.0014");
    assert_error(&s.post(&upgrade_path(HW, A_UUID)), 404, "EndPoint.0005");
}

/// `seed/demo.env` (read by `.ci/serve`, `.ci/test` and the console's tests) names what the
/// embedded seed and the default token really serve.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_file_names_the_embedded_seeds_services_and_token() {
    let env: std::collections::HashMap<&str, &str> = include_str!("../seed/demo.env")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_once('='))
        .collect();
    assert_eq!(env["DEMO_TOKEN"], vpcep_local_api::DEFAULT_TOKEN);
    assert_eq!(env["DEMO_PROJECT_ID"], vpcep_local_api::HUAWEI_PROJECT_ID);
    assert_eq!(env["DEMO_OTC_PROJECT_ID"], vpcep_local_api::OTC_PROJECT_ID);
    let s = start_default().await;
    let web = s.service(env["DEMO_PROJECT_ID"], env["DEMO_SERVICE_ID"]);
    assert_eq!(web["supported_editions"], json!(["basic"]));
    let advanced = s.service(env["DEMO_PROJECT_ID"], env["DEMO_ADVANCED_SERVICE_ID"]);
    assert_eq!(
        advanced["supported_editions"],
        json!(["basic", "profession"])
    );
    let otc = s.get(&list_path(env["DEMO_OTC_PROJECT_ID"], "")).json();
    assert_eq!(otc["total_count"], 2);
    let pending = s
        .get(&format!(
            "{}/connections?id={}",
            service_path(env["DEMO_PROJECT_ID"], env["DEMO_SERVICE_ID"]),
            env["DEMO_PENDING_ENDPOINT_ID"]
        ))
        .json();
    assert_eq!(pending["connections"][0]["status"], "pendingAcceptance");
    // The owner's account may connect without a whitelist record.
    let r = s.control(
        "POST",
        &format!(
            "/__control/connect/{}/{}",
            env["DEMO_PROJECT_ID"], env["DEMO_SERVICE_ID"]
        ),
        Some(&json!({"domain_id": env["DEMO_OWNER_DOMAIN_ID"]}).to_string()),
    );
    assert_eq!(r.status, 200, "{}", r.text());
}

// ---------------------------------------------------------------------------------------------
// Someone else's edit (POST /__control/edit/{project_id}/{service_id})

fn edit_path(project: &str, id: &str) -> String {
    format!("/__control/edit/{project}/{id}")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn someone_elses_edit_is_applied_like_a_put_and_not_logged() {
    let s = start_default().await;
    let mine = s.service(HW, WEB);
    let r = s.control(
        "POST",
        &edit_path(HW, WEB),
        Some(r#"{"description":"Edited elsewhere","approval_enabled":true}"#),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.header("content-type"), Some("application/json"));
    let theirs = r.json();
    assert_eq!(theirs["description"], "Edited elsewhere");
    assert_eq!(theirs["approval_enabled"], true);
    assert_eq!(theirs["status"], "available", "no port change, no creating");
    assert_ne!(theirs["updated_at"], mine["updated_at"]);
    assert_eq!(
        theirs["service_name"], mine["service_name"],
        "answered as the PUT answers"
    );
    assert_eq!(s.service(HW, WEB), theirs, "the API shows the edit");
    // Only the two GETs are in the request log.
    let log = s.requests();
    assert_eq!(log.len(), 2, "{log:#?}");
    assert!(log.iter().all(|r| r["method"] == "GET"), "{log:#?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn someone_elses_port_change_puts_the_service_in_creating() {
    let s = start(vpcep_local_api::Config {
        creating_delay: Duration::from_millis(500),
        ..test_config()
    })
    .await;
    let r = s.control("POST", &edit_path(HW, WEB), Some(&ports(&[(8081, 81)])));
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["status"], "creating");
    // The console's PUT meanwhile meets the state someone else left.
    assert_error(
        &s.put(&service_path(HW, WEB), r#"{"description":"mine"}"#),
        400,
        "EndPoint.3045",
    );
    let ok = poll_until(Duration::from_secs(5), || {
        s.service(HW, WEB)["status"] == "available"
    });
    assert!(ok, "available again after the delay");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn someone_elses_edit_follows_the_put_rules_and_errors() {
    let s = start_default().await;
    for (project, id, body, status, code) in [
        (HW, WEB, r#"{"bogus":1}"#, 400, "EndPoint.0002"),
        (HW, WEB, "not json", 400, "EndPoint.0002"),
        (
            HW,
            WEB,
            r#"{"service_name":"way-too-long-a-name"}"#,
            400,
            "EndPoint.1003",
        ),
        (HW, WEB, &ports(&[(9000, 9000)]), 400, "EndPoint.3044"),
        (HW, A_UUID, "{}", 404, "EndPoint.0005"),
        ("nope", WEB, "{}", 400, "EndPoint.0014"),
    ] {
        let r = s.control("POST", &edit_path(project, id), Some(body));
        assert_error(&r, status, code);
    }
    assert_eq!(s.service(HW, WEB)["description"], "Public web tier");
    // Only POST; faults for API requests do not touch it.
    let r = s.control("GET", &edit_path(HW, WEB), None);
    assert_eq!(r.status, 404);
    let fault = json!({"mode": "error500", "count": 5}).to_string();
    assert_eq!(
        s.control("POST", "/__control/faults", Some(&fault)).status,
        200
    );
    let r = s.control("POST", &edit_path(HW, WEB), Some(r#"{"description":"ok"}"#));
    assert_eq!(r.status, 200, "{}", r.text());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_change_moves_updated_at_even_within_one_second() {
    let s = start_default().await;
    let mut last = s.service(HW, ORDERS)["updated_at"]
        .as_str()
        .unwrap()
        .to_string();
    for i in 0..4 {
        let r = if i % 2 == 0 {
            s.put(&service_path(HW, ORDERS), r#"{"description":"mine"}"#)
        } else {
            s.control(
                "POST",
                &edit_path(HW, ORDERS),
                Some(r#"{"description":"theirs"}"#),
            )
        };
        assert_eq!(r.status, 200, "{}", r.text());
        let now = r.json()["updated_at"].as_str().unwrap().to_string();
        assert!(now > last, "change {i}: {now} after {last}");
        last = now;
    }
}
