//! History export, polling after a change, and the upgrade notice.

use vpcep_console::api::error::classify;
use vpcep_console::api::history::{export_json, HistoryEntry};
use vpcep_console::api::poll::{needs_polling, PollPolicy, PollStep};
use vpcep_console::api::upgrade::{notice, region_caveat};
use vpcep_console::api::{build_request, EndpointService, Operation, Settings, UpdateBody};

const TOKEN: &str = "MIIEsecret-token-value-0123456789";

fn settings() -> Settings {
    Settings {
        proxy_url: "https://proxy.example/vpcep".into(),
        project_id: "2b0c8e3f6a4d4e1b9c7f5a3d1e0b8c6a".into(),
        token: TOKEN.into(),
        ..Default::default()
    }
}

#[test]
fn exported_history_has_the_request_facts_and_never_the_token() {
    let body = UpdateBody {
        description: Some("new".into()),
        ..Default::default()
    };
    let put = build_request(
        &settings(),
        &Operation::UpdateService {
            id: "svc-1".into(),
            body,
        },
    )
    .unwrap();
    let err = classify(
        400,
        &[("X-Request-Id".into(), "rid-400".into())],
        r#"{"error_code":"EndPoint.3044","error_msg":"conflict"}"#,
    );
    let entries = vec![
        HistoryEntry::new(
            "2026-11-23T10:00:00.000Z".into(),
            "update_service",
            &put,
            Some(400),
            12,
            Some("rid-400".into()),
            Some(&err),
        ),
        HistoryEntry::new(
            "2026-11-23T10:00:01.000Z".into(),
            "update_service",
            &put,
            Some(200),
            9,
            Some("rid-200".into()),
            None,
        ),
    ];
    let json = export_json(&entries);
    assert!(
        !json.contains(TOKEN) && !json.contains("X-Auth-Token"),
        "{json}"
    );
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v[0]["method"], "PUT");
    assert_eq!(
        v[0]["path"],
        "/v1/2b0c8e3f6a4d4e1b9c7f5a3d1e0b8c6a/vpc-endpoint-services/svc-1"
    );
    assert_eq!(v[0]["status"], 400);
    assert_eq!(v[0]["error_code"], "EndPoint.3044");
    assert_eq!(v[0]["request_id"], "rid-400");
    assert_eq!(v[0]["body"], r#"{"description":"new"}"#);
    assert_eq!(v[1]["error_code"], serde_json::Value::Null);
    // Indented as serde_json's pretty printer, fields in their order.
    assert!(json.starts_with("[\n  {\n    \"time\": \"2026-11-23T10:00:00.000Z\",\n    \"operation\": \"update_service\",\n    \"method\": \"PUT\","), "{json}");
    assert!(
        json.contains("\"body\": \"{\\\"description\\\":\\\"new\\\"}\"\n  },\n  {\n"),
        "{json}"
    );
    assert!(json.ends_with("\n  }\n]"), "{json}");
    assert_eq!(export_json(&[]), "[]");
}

fn with_status(s: Option<&str>) -> EndpointService {
    EndpointService {
        id: "x".into(),
        status: s.map(str::to_owned),
        ..Default::default()
    }
}

#[test]
fn polling_stops_when_available_and_is_bounded() {
    let p = PollPolicy {
        interval_ms: 10,
        max_attempts: 3,
    };
    assert_eq!(p.step(1, &with_status(Some("creating"))), PollStep::Again);
    assert_eq!(p.step(2, &with_status(Some("available"))), PollStep::Done);
    assert_eq!(
        p.step(3, &with_status(Some("creating"))),
        PollStep::Stop,
        "the last attempt gives up"
    );
    assert_eq!(p.step(1, &with_status(Some("failed"))), PollStep::Stop);
}

#[test]
fn only_a_creating_service_is_waited_for() {
    assert!(needs_polling(&with_status(Some("creating"))));
    assert!(!needs_polling(&with_status(Some("available"))));
    assert!(!needs_polling(&with_status(Some("failed"))));
}

#[test]
fn the_upgrade_notice_tells_both_region_facts() {
    let caveat = region_caveat();
    for r in ["cn-east-4", "me-east-1", "cn-east-5", "af-north-1"] {
        assert!(caveat.contains(r));
    }
    assert!(caveat.contains("advanced already") && caveat.contains("works only there"));
    let mut s = with_status(Some("available"));
    s.supported_editions = vec!["basic".into(), "profession".into()];
    let n = notice(&s, "me-east-1");
    assert!(n.already_advanced && n.region_named);
    assert_eq!(n.editions, "Basic, Advanced (profession)");
    s.supported_editions = vec!["basic".into()];
    let n = notice(&s, "eu-west-0");
    assert!(!n.already_advanced && !n.region_named);
}
