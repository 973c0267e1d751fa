//! `Sim::handle` called directly, as a host does: what a client would see (status, error
//! code, fields), with the time driven by `now_ms`.

use serde_json::{json, Value};
use vpcep_sim::{demo, Request, Response, Sim, SimConfig, DEFAULT_CREATING_DELAY_MS};

/// 2027-01-15T08:00:00Z.
const T0: u64 = 1_800_000_000_000;

fn sim() -> Sim {
    Sim::new(SimConfig::default(), 7)
}

/// One request with `headers`, answered at `now_ms`.
fn call(
    sim: &mut Sim,
    method: &str,
    target: &str,
    headers: &[(String, String)],
    body: &str,
    now_ms: u64,
) -> Response {
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    let rid = sim.next_request_id();
    let req = Request {
        method,
        path,
        query,
        headers,
        body: body.as_bytes(),
        request_id: &rid,
    };
    sim.handle(&req, now_ms)
}

fn token(t: &str) -> Vec<(String, String)> {
    vec![
        ("X-Auth-Token".to_string(), t.to_string()),
        ("content-type".to_string(), "application/json".to_string()),
    ]
}

/// With the demo token.
fn api(sim: &mut Sim, method: &str, target: &str, body: &str, now_ms: u64) -> Response {
    call(sim, method, target, &token(demo::TOKEN), body, now_ms)
}

fn services() -> String {
    format!("/v1/{}/vpc-endpoint-services", demo::PROJECT)
}

fn web() -> String {
    format!("{}/{}", services(), demo::WEB)
}

#[test]
fn the_list_is_newest_first_with_full_names_and_the_total() {
    let mut sim = sim();
    let r = api(&mut sim, "GET", &format!("{}?limit=2", services()), "", T0);
    assert_eq!(r.status, 200);
    assert_eq!(r.header("Content-Type"), Some("application/json"));
    let v = r.json_body();
    assert_eq!(v["total_count"], 4);
    let page = v["endpoint_services"].as_array().unwrap();
    assert_eq!(page.len(), 2);
    for s in page {
        let name = s["service_name"].as_str().unwrap();
        assert!(name.starts_with("cn-north-4."), "{name}");
        assert_eq!(s["project_id"], demo::PROJECT);
    }
    // Without a token, and with a bad limit, as the server answers.
    let r = call(&mut sim, "GET", &services(), &[], "", T0);
    assert_eq!(
        (r.status, r.json_body()["error_code"].clone()),
        (401, json!("EndPoint.0003"))
    );
    let r = api(
        &mut sim,
        "GET",
        &format!("{}?limit=1001", services()),
        "",
        T0,
    );
    assert_eq!(
        (r.status, r.json_body()["error_code"].clone()),
        (400, json!("EndPoint.0002"))
    );
}

#[test]
fn an_unknown_path_or_method_is_the_gateways_404_with_the_request_id() {
    let mut sim = sim();
    let rid = sim.next_request_id();
    assert_eq!(rid.len(), 32);
    let req = Request {
        method: "DELETE",
        path: &web(),
        query: "",
        headers: &[],
        body: b"",
        request_id: &rid,
    };
    let r = sim.handle(&req, T0);
    assert_eq!(r.status, 404);
    let v = r.json_body();
    assert_eq!(v["error_code"], "APIGW.0101");
    assert_eq!(v["request_id"], rid.as_str());
    assert_ne!(sim.next_request_id(), rid, "ids are distinct");
}

#[test]
fn a_port_change_is_creating_until_the_delay_has_passed_by_now_ms() {
    let mut sim = sim();
    let body = r#"{"ports":[{"client_port":8081,"server_port":81,"protocol":"TCP"}]}"#;
    let r = api(&mut sim, "PUT", &web(), body, T0);
    assert_eq!(r.status, 200);
    let v = r.json_body();
    assert_eq!(v["status"], "creating");
    assert_eq!(v["ports"][0]["client_port"], 8081);
    assert_eq!(
        v["updated_at"], "2027-01-15T08:00:00Z",
        "now_ms is the time"
    );

    let just_before = T0 + DEFAULT_CREATING_DELAY_MS - 1;
    let r = api(&mut sim, "GET", &web(), "", just_before);
    assert_eq!(r.json_body()["status"], "creating");
    let r = api(
        &mut sim,
        "PUT",
        &web(),
        r#"{"description":"x"}"#,
        just_before,
    );
    assert_eq!(
        (r.status, r.json_body()["error_code"].clone()),
        (400, json!("EndPoint.3045"))
    );

    let r = api(&mut sim, "GET", &web(), "", T0 + DEFAULT_CREATING_DELAY_MS);
    assert_eq!(r.json_body()["status"], "available");
    let r = api(
        &mut sim,
        "PUT",
        &web(),
        r#"{"description":"x"}"#,
        T0 + DEFAULT_CREATING_DELAY_MS,
    );
    assert_eq!(r.status, 200);
    assert_eq!(r.json_body()["updated_at"], "2027-01-15T08:00:02Z");
    let r = api(
        &mut sim,
        "PUT",
        &web(),
        r#"{"description":"y"}"#,
        T0 + DEFAULT_CREATING_DELAY_MS,
    );
    assert_eq!(
        r.json_body()["updated_at"],
        "2027-01-15T08:00:03Z",
        "a second change within the same second: one second later"
    );
}

#[test]
fn a_port_used_by_another_service_on_the_same_port_id_is_3044() {
    let mut sim = sim();
    // batch-jobs shares web-frontend's port_id and maps TCP 9000→9000.
    let body = r#"{"ports":[{"client_port":9000,"server_port":90}]}"#;
    let r = api(&mut sim, "PUT", &web(), body, T0);
    assert_eq!(r.status, 400);
    let v = r.json_body();
    assert_eq!(v["error_code"], "EndPoint.3044");
    assert!(
        v["error_msg"].as_str().unwrap().contains("batch-jobs"),
        "{v}"
    );
    // Nothing changed.
    let ports = api(&mut sim, "GET", &web(), "", T0).json_body()["ports"].clone();
    assert_eq!(ports.as_array().unwrap().len(), 2);
}

fn sign_in_body(project: &str) -> String {
    json!({"auth": {"identity": {"methods": ["password"],
        "password": {"user": {"name": demo::IAM_USER, "password": demo::IAM_PASSWORD,
            "domain": {"name": demo::IAM_ACCOUNT}}}},
        "scope": {"project": {"id": project}}}})
    .to_string()
}

#[test]
fn a_signed_in_token_opens_its_project_until_its_lifetime_runs_out() {
    let lifetime = 60_000;
    let config = SimConfig {
        token_lifetime_ms: lifetime,
        ..SimConfig::default()
    };
    let mut sim = Sim::new(config, 11);
    let json_only = [("Content-Type".to_string(), "application/json".to_string())];
    let r = call(
        &mut sim,
        "POST",
        "/iam/v3/auth/tokens",
        &json_only,
        &sign_in_body(demo::PROJECT),
        T0,
    );
    assert_eq!(r.status, 201);
    assert_eq!(r.header("cache-control"), Some("no-store"));
    let issued = r.header("X-Subject-Token").unwrap().to_string();
    assert!(issued.starts_with("MII") && issued.len() == 67, "{issued}");
    let v = r.json_body();
    assert_eq!(v["token"]["issued_at"], "2027-01-15T08:00:00.000000Z");
    assert_eq!(v["token"]["expires_at"], "2027-01-15T08:01:00.000000Z");
    assert_eq!(v["token"]["project"]["id"], demo::PROJECT);

    let r = call(
        &mut sim,
        "GET",
        &web(),
        &token(&issued),
        "",
        T0 + lifetime - 1,
    );
    assert_eq!(r.status, 200);
    assert!(sim.token_accepted(&issued, &web(), T0 + 1));
    let otc = format!("/v1/{}/vpc-endpoint-services", demo::OTC_PROJECT);
    let r = call(&mut sim, "GET", &otc, &token(&issued), "", T0 + 1);
    assert_eq!(r.status, 401);
    assert!(r.json_body()["error_msg"]
        .as_str()
        .unwrap()
        .contains("another project"));

    let r = call(&mut sim, "GET", &web(), &token(&issued), "", T0 + lifetime);
    assert_eq!(
        (r.status, r.json_body()["error_code"].clone()),
        (401, json!("EndPoint.0003"))
    );
    assert!(r.json_body()["error_msg"]
        .as_str()
        .unwrap()
        .contains("expired"));

    // A wrong password: Keystone's shape.
    let bad = sign_in_body(demo::PROJECT).replace(demo::IAM_PASSWORD, "nope");
    let r = call(&mut sim, "POST", "/v3/auth/tokens", &json_only, &bad, T0);
    assert_eq!(r.status, 401);
    assert_eq!(r.json_body()["error"]["title"], "Unauthorized");
    assert_eq!(r.header("x-subject-token"), None);
}

/// The answers a client would read after some changes, for comparing two simulations.
fn observe(sim: &mut Sim, now_ms: u64) -> Vec<Value> {
    let conns = format!("{}/connections", web());
    let perms = format!("{}/permissions", web());
    let mut out = Vec::new();
    for target in [services() + "?limit=100", conns, perms] {
        let r = api(sim, "GET", &target, "", now_ms);
        out.push(json!([r.status, r.json_body()]));
    }
    out
}

#[test]
fn a_snapshot_restores_the_same_answers_and_the_same_next_ids() {
    let mut sim = sim();
    let put = r#"{"ports":[{"client_port":8082,"server_port":82}],"description":"changed"}"#;
    assert_eq!(api(&mut sim, "PUT", &web(), put, T0).status, 200);
    let action = format!("{}/connections/action", web());
    let body = format!(
        r#"{{"action":"receive","endpoints":["{}"]}}"#,
        demo::PENDING_ENDPOINT
    );
    assert_eq!(api(&mut sim, "POST", &action, &body, T0).status, 200);
    let perms = format!("{}/permissions/action", web());
    let body = r#"{"action":"add","permissions":["iam:domain::77777777777777777777777777777777"]}"#;
    assert_eq!(api(&mut sim, "POST", &perms, body, T0).status, 200);
    let json_only = [("Content-Type".to_string(), "application/json".to_string())];
    let r = call(
        &mut sim,
        "POST",
        "/v3/auth/tokens",
        &json_only,
        &sign_in_body(demo::PROJECT),
        T0,
    );
    let issued = r.header("x-subject-token").unwrap().to_string();
    let fleet = sim.fleet(br#"{"count":3}"#);
    assert_eq!(fleet.json_body()["total_count"], 7);

    let text = sim.snapshot();
    let mut back = Sim::restore(SimConfig::default(), &text).expect("a snapshot restores");
    assert_eq!(back.snapshot(), text);
    // Still creating, then settled, in both alike.
    for now in [T0 + 1, T0 + DEFAULT_CREATING_DELAY_MS + 1] {
        assert_eq!(observe(&mut back, now), observe(&mut sim, now));
    }
    assert_eq!(back.next_request_id(), sim.next_request_id());
    let r = call(&mut back, "GET", &web(), &token(&issued), "", T0 + 5);
    assert_eq!(r.status, 200, "the issued token came along");
    assert!(Sim::restore(SimConfig::default(), "not a snapshot").is_none());
    assert!(Sim::restore(SimConfig::default(), "{}").is_none());
}

#[test]
fn reset_restores_the_seed_and_keeps_issued_tokens() {
    let mut sim = sim();
    let json_only = [("Content-Type".to_string(), "application/json".to_string())];
    let r = call(
        &mut sim,
        "POST",
        "/v3/auth/tokens",
        &json_only,
        &sign_in_body(demo::PROJECT),
        T0,
    );
    let issued = r.header("x-subject-token").unwrap().to_string();
    let r = api(&mut sim, "PUT", &web(), r#"{"service_name":"renamed"}"#, T0);
    assert_eq!(
        r.json_body()["service_name"],
        format!("cn-north-4.renamed.{}", demo::WEB)
    );
    let edit = sim.edit(
        demo::PROJECT,
        demo::WEB,
        br#"{"description":"by a colleague"}"#,
        T0,
    );
    assert_eq!(edit.json_body()["description"], "by a colleague");
    let conn = sim.connect(demo::PROJECT, demo::WEB, b"", T0);
    assert_eq!(conn.status, 200);
    assert_eq!(
        conn.json_body()["status"],
        "accepted",
        "web-frontend needs no approval"
    );

    sim.reset();
    let r = call(&mut sim, "GET", &web(), &token(&issued), "", T0 + 1);
    assert_eq!(r.status, 200, "the token outlives the reset");
    let v = r.json_body();
    assert_eq!(
        v["service_name"],
        format!("cn-north-4.web-frontend.{}", demo::WEB)
    );
    assert_eq!(v["description"], "Public web tier");
    let list = api(
        &mut sim,
        "GET",
        &format!("{}/connections", web()),
        "",
        T0 + 1,
    );
    assert_eq!(list.json_body()["total_count"], 6, "the seeded six only");
}

#[test]
fn a_seed_without_times_gets_the_time_of_the_first_request_and_keeps_it_on_reset() {
    let seed = vpcep_sim::Seed::from_json(
        r#"{"projects":[{"project_id":"p1","region":"xx-test-1","dialect":"otc","services":[
            {"id":"00000000-0000-4000-8000-000000000001","service_name":"only-one"}]}]}"#,
    )
    .unwrap();
    let config = SimConfig {
        seed,
        ..SimConfig::default()
    };
    let mut sim = Sim::new(config, 1);
    let path = "/v1/p1/vpc-endpoint-services/00000000-0000-4000-8000-000000000001";
    let v = api(&mut sim, "GET", path, "", T0).json_body();
    assert_eq!(v["created_at"], "2027-01-15T08:00:00Z");
    sim.reset();
    let v = api(&mut sim, "GET", path, "", T0 + 3_600_000).json_body();
    assert_eq!(v["created_at"], "2027-01-15T08:00:00Z");
}
