//! A service's whitelist: `GET {base}/permissions` and `POST {base}/permissions/action`, in
//! both dialects.

mod common;

use common::*;
use serde_json::{json, Value};

const PARTNER: &str = "0123456789abcdef0123456789abcdef";
const ANALYTICS: &str = "fedcba9876543210fedcba9876543210";
/// The reference's examples have 31 and 33 characters: no 32-hex rule.
const SHORT: &str = "fc973eea581490997e82ea11a1d0101";
const LONG: &str = "6e9dfd51d1124e8d8498dce894923a0dd";

fn permissions_path(project: &str, service: &str, query: &str) -> String {
    let base = format!("{}/permissions", service_path(project, service));
    if query.is_empty() {
        base
    } else {
        format!("{base}?{query}")
    }
}

fn list(s: &Server, project: &str, service: &str, query: &str) -> Value {
    let r = s.get(&permissions_path(project, service, query));
    assert_eq!(r.status, 200, "{query}: {}", r.text());
    r.json()
}

fn records(v: &Value) -> Vec<String> {
    v["permissions"]
        .as_array()
        .expect("permissions")
        .iter()
        .map(|r| r["permission"].as_str().unwrap().to_owned())
        .collect()
}

fn change(s: &Server, project: &str, service: &str, body: &Value) -> Resp {
    s.call(
        "POST",
        &format!("{}/permissions/action", service_path(project, service)),
        &[
            ("X-Auth-Token", TOKEN),
            ("Content-Type", "application/json"),
        ],
        Some(&body.to_string()),
    )
}

fn domain(id: &str) -> String {
    format!("iam:domain::{id}")
}

fn assert_error(r: &Resp, status: u16, code: &str) {
    assert_eq!(r.status, status, "{}", r.text());
    let v = r.json();
    let mut keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort();
    assert_eq!(keys, ["error_code", "error_msg"], "{}", r.text());
    assert_eq!(v["error_code"], code, "{}", r.text());
}

// ---------------------------------------------------------------------------------------------
// The list

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_otc_list_shows_description_and_type_newest_first() {
    let s = start_default().await;
    let v = list(&s, OTC, DNS, "");
    assert_eq!(v["total_count"], 4);
    assert_eq!(
        records(&v),
        [
            "*".to_owned(),
            domain(SHORT),
            domain(ANALYTICS),
            domain(PARTNER)
        ]
    );
    assert_eq!(
        v["permissions"][3],
        json!({
            "id": "9f8e7d6c-0005-4001-8ccc-dddd00001111",
            "permission": domain(PARTNER),
            "permission_type": "domainId",
            "description": "partner",
            "created_at": "2024-05-06T08:09:10Z",
        })
    );
    assert_eq!(v["permissions"][0]["description"], "everyone");
    // ldap-gateway has no `*`.
    assert_eq!(list(&s, OTC, LDAP, "")["total_count"], 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_huawei_list_has_no_description_and_shows_org_paths() {
    let s = start_default().await;
    let v = list(&s, HW, WEB, "");
    assert_eq!(
        records(&v),
        [domain(SHORT), domain(ANALYTICS), domain(PARTNER)]
    );
    for r in v["permissions"].as_array().unwrap() {
        assert!(r.get("description").is_none(), "{r}");
        assert_eq!(r["permission_type"], "domainId");
    }
    assert_eq!(records(&list(&s, HW, ORDERS, ""))[0], "*");
    let metrics = list(&s, HW, METRICS, "");
    assert_eq!(
        metrics["permissions"][0]["permission"],
        "organizations:orgPath::o-1a2b3c4d/r-root/ou-sales"
    );
    assert_eq!(metrics["permissions"][0]["permission_type"], "orgPath");
    // The owner's own account may connect but is not listed; batch-jobs lists nobody.
    assert_eq!(
        list(&s, HW, BATCH, ""),
        json!({"permissions": [], "total_count": 0})
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fuzzy_filter_sort_and_paging() {
    let s = start_default().await;
    assert_eq!(
        records(&list(&s, OTC, DNS, "permission=iam:domain::0123")),
        [domain(PARTNER)]
    );
    // A part of it, in any case.
    assert_eq!(
        records(&list(&s, OTC, DNS, "permission=FEDCBA")),
        [domain(ANALYTICS)]
    );
    assert_eq!(
        list(&s, OTC, DNS, "permission=iam:domain::")["total_count"],
        3
    );
    assert_eq!(
        records(&list(&s, OTC, DNS, "sort_dir=asc&sort_key=created_at"))[0],
        domain(PARTNER)
    );
    assert_eq!(
        records(&list(&s, HW, ORDERS, "sort_key=create_at&sort_dir=asc"))[0],
        domain(PARTNER)
    );
    let page = list(&s, OTC, DNS, "limit=2&offset=1");
    assert_eq!(records(&page), [domain(SHORT), domain(ANALYTICS)]);
    assert_eq!(page["total_count"], 4);
    assert_eq!(list(&s, OTC, DNS, "limit=500")["total_count"], 4);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_list_values_have_their_own_error_codes() {
    let s = start_default().await;
    for (query, code) in [
        ("limit=501", "EndPoint.0006"),
        ("limit=x", "EndPoint.0006"),
        ("offset=0", "EndPoint.0010"),
        ("offset=-1", "EndPoint.0010"),
        ("sort_key=updated_at", "EndPoint.0017"),
        ("sort_key=permission", "EndPoint.0017"),
        ("sort_dir=ascending", "EndPoint.0018"),
    ] {
        assert_error(&s.get(&permissions_path(OTC, DNS, query)), 400, code);
    }
    assert_error(
        &s.get(&permissions_path(OTC, A_UUID, "")),
        400,
        "EndPoint.2003",
    );
    let r = s.call("GET", &permissions_path(OTC, DNS, ""), &[], None);
    assert_error(&r, 401, "EndPoint.0003");
}

// ---------------------------------------------------------------------------------------------
// Add and remove

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn add_then_remove_in_open_telekom_cloud() {
    let s = start_default().await;
    let body = json!({"action": "add", "permissions": [domain(LONG)]});
    let r = change(&s, OTC, LDAP, &body);
    assert_eq!(r.status, 200, "{}", r.text());
    // The records of the request; no permission_type in this dialect.
    assert_eq!(r.json(), json!({"permissions": [domain(LONG)]}));
    let v = list(&s, OTC, LDAP, "");
    assert_eq!(v["total_count"], 4);
    let added = &v["permissions"][0];
    assert_eq!(added["permission"], domain(LONG));
    assert_eq!(added["permission_type"], "domainId");
    assert_eq!(added["description"], "");
    assert_eq!(added["id"].as_str().map(str::len), Some(36));
    assert_eq!(added["created_at"].as_str().map(str::len), Some(20));
    // Adding it again changes nothing.
    assert_eq!(change(&s, OTC, LDAP, &body).status, 200);
    assert_eq!(list(&s, OTC, LDAP, "")["total_count"], 4);
    let r = change(
        &s,
        OTC,
        LDAP,
        &json!({"action": "remove", "permissions": [domain(LONG), domain(PARTNER)]}),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(
        records(&list(&s, OTC, LDAP, "")),
        [domain(SHORT), domain(ANALYTICS)]
    );
    // Removing what is not there is no error.
    assert_eq!(
        change(
            &s,
            OTC,
            LDAP,
            &json!({"action": "remove", "permissions": [domain(LONG)]})
        )
        .status,
        200
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn anyone_is_requested_as_iam_domain_star_and_listed_as_a_bare_star() {
    let s = start_default().await;
    let add = json!({"action": "add", "permissions": ["iam:domain::*"]});
    let r = change(&s, OTC, LDAP, &add);
    assert_eq!(r.json(), json!({"permissions": ["iam:domain::*"]}));
    assert_eq!(records(&list(&s, OTC, LDAP, ""))[0], "*");
    // Open Telekom Cloud takes only the iam:domain:: form.
    let bare = json!({"action": "add", "permissions": ["*"]});
    assert_error(&change(&s, OTC, LDAP, &bare), 400, "EndPoint.3002");
    let remove = json!({"action": "remove", "permissions": ["iam:domain::*"]});
    assert_eq!(change(&s, OTC, DNS, &remove).status, 200);
    assert!(!records(&list(&s, OTC, DNS, "")).contains(&"*".to_owned()));
    // Huawei Cloud takes the bare one too.
    assert_eq!(change(&s, HW, WEB, &bare).status, 200);
    assert_eq!(records(&list(&s, HW, WEB, ""))[0], "*");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn huawei_cloud_takes_and_returns_permission_type() {
    let s = start_default().await;
    let r = change(
        &s,
        HW,
        WEB,
        &json!({"action": "add", "permissions": [domain(LONG)]}),
    );
    assert_eq!(
        r.json(),
        json!({"permissions": [domain(LONG)], "permission_type": "domainId"})
    );
    let org = "organizations:orgPath::o-1a2b3c4d/r-root/ou-dev?/*";
    let r = change(
        &s,
        HW,
        WEB,
        &json!({"action": "add", "permission_type": "orgPath", "permissions": [org]}),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["permission_type"], "orgPath");
    let v = list(&s, HW, WEB, "permission=orgPath");
    assert_eq!(v["permissions"][0]["permission_type"], "orgPath");
    // The type decides the form.
    let mixed =
        json!({"action": "add", "permission_type": "orgPath", "permissions": [domain(LONG)]});
    assert_error(&change(&s, HW, WEB, &mixed), 400, "EndPoint.3002");
    let wrong = json!({"action": "add", "permissions": [org]});
    assert_error(&change(&s, HW, WEB, &wrong), 400, "EndPoint.3002");
    let unknown =
        json!({"action": "add", "permission_type": "email", "permissions": [domain(LONG)]});
    assert_error(&change(&s, HW, WEB, &unknown), 400, "EndPoint.0002");
    let removed = json!({"action": "remove", "permission_type": "orgPath", "permissions": [org]});
    assert_eq!(change(&s, HW, WEB, &removed).status, 200);
    assert_eq!(list(&s, HW, WEB, "permission=orgPath")["total_count"], 0);
    // Open Telekom Cloud has no such field.
    let otc =
        json!({"action": "add", "permission_type": "domainId", "permissions": [domain(LONG)]});
    assert_error(&change(&s, OTC, LDAP, &otc), 400, "EndPoint.0002");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_changes_have_the_apis_error_codes() {
    let s = start_default().await;
    let many: Vec<String> = (0..101).map(|i| domain(&format!("acct{i}"))).collect();
    for (body, code) in [
        (json!([]), "EndPoint.0002"),
        (
            json!({"action": "add", "permissions": [], "extra": 1}),
            "EndPoint.0002",
        ),
        (json!({"permissions": [domain(LONG)]}), "EndPoint.3035"),
        (
            json!({"action": "delete", "permissions": [domain(LONG)]}),
            "EndPoint.3035",
        ),
        (
            json!({"action": "ADD", "permissions": [domain(LONG)]}),
            "EndPoint.3035",
        ),
        (json!({"action": "add"}), "EndPoint.2044"),
        (
            json!({"action": "add", "permissions": domain(LONG)}),
            "EndPoint.2044",
        ),
        (
            json!({"action": "add", "permissions": [7]}),
            "EndPoint.2044",
        ),
        (json!({"action": "add", "permissions": []}), "EndPoint.3036"),
        (
            json!({"action": "add", "permissions": many}),
            "EndPoint.0016",
        ),
        (
            json!({"action": "add", "permissions": ["iam:domain::"]}),
            "EndPoint.3002",
        ),
        (
            json!({"action": "add", "permissions": ["iam:domain::has-dash"]}),
            "EndPoint.3002",
        ),
        (
            json!({"action": "add", "permissions": [domain(&"a".repeat(65))]}),
            "EndPoint.3002",
        ),
        (
            json!({"action": "add", "permissions": [PARTNER]}),
            "EndPoint.3002",
        ),
        (
            json!({"action": "add", "permissions": [domain(LONG), "iam:domain:x"]}),
            "EndPoint.3002",
        ),
    ] {
        assert_error(&change(&s, OTC, LDAP, &body), 400, code);
    }
    assert_eq!(list(&s, OTC, LDAP, "")["total_count"], 3, "nothing changed");
    let ok = json!({"action": "add", "permissions": [domain(LONG)]});
    assert_error(&change(&s, OTC, A_UUID, &ok), 400, "EndPoint.2003");
    // 64 characters and stars are fine.
    let edge = json!({"action": "add", "permissions": [domain(&"a".repeat(64)), domain("ab*")]});
    assert_eq!(change(&s, OTC, LDAP, &edge).status, 200);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_whitelist_refuses_more() {
    let s = start_default().await;
    // 3 seeded + 497 = 500, in batches of 100 at most.
    let mut n = 0;
    for batch in [100, 100, 100, 100, 97] {
        let records: Vec<String> = (n..n + batch)
            .map(|i| domain(&format!("acct{i}")))
            .collect();
        n += batch;
        let r = change(
            &s,
            OTC,
            LDAP,
            &json!({"action": "add", "permissions": records}),
        );
        assert_eq!(r.status, 200, "{}", r.text());
    }
    assert_eq!(
        list(&s, OTC, LDAP, "limit=500")["permissions"]
            .as_array()
            .unwrap()
            .len(),
        500
    );
    let one = json!({"action": "add", "permissions": [domain(LONG)]});
    assert_error(&change(&s, OTC, LDAP, &one), 400, "EndPoint.2045");
    // A record already there is no addition.
    let again = json!({"action": "add", "permissions": [domain("acct0")]});
    assert_eq!(change(&s, OTC, LDAP, &again).status, 200);
    // Huawei Cloud answers its own code.
    let mut n = 0;
    for batch in [100, 100, 100, 100, 96] {
        let records: Vec<String> = (n..n + batch)
            .map(|i| domain(&format!("acct{i}")))
            .collect();
        n += batch;
        assert_eq!(
            change(
                &s,
                HW,
                ORDERS,
                &json!({"action": "add", "permissions": records})
            )
            .status,
            200
        );
    }
    assert_error(&change(&s, HW, ORDERS, &one), 400, "EndPoint.3049");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_request_log_shows_the_whitelist_calls_and_faults_apply() {
    let s = start_default().await;
    let fault = json!({"mode": "every_nth", "n": 2, "path_contains": "/permissions"});
    assert_eq!(
        s.control("POST", "/__control/faults", Some(&fault.to_string()))
            .status,
        200
    );
    assert_eq!(s.get(&permissions_path(OTC, DNS, "limit=5")).status, 200);
    let body = json!({"action": "remove", "permissions": [domain(PARTNER)]});
    assert_error(&change(&s, OTC, DNS, &body), 500, "EndPoint.0001");
    assert_eq!(
        list(&s, OTC, DNS, "")["total_count"],
        4,
        "the failed remove did nothing"
    );
    let log = s.requests();
    assert_eq!(log.len(), 3);
    assert_eq!(log[0]["query"], "limit=5");
    assert_eq!(log[1]["method"], "POST");
    assert_eq!(
        log[1]["path"],
        format!("{}/permissions/action", service_path(OTC, DNS))
    );
    assert_eq!(log[1]["body"], body.to_string());
    assert_eq!(
        (log[1]["status"].clone(), log[1]["fault"].clone()),
        (json!(500), json!("every_nth"))
    );
}
