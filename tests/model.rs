//! Reading what the server sends and writing what it expects.

use vpcep_console::api::model::short_service_name;
use vpcep_console::api::{EndpointService, PortMapping, ServiceList, UpdateBody};

const GET_ANSWER: &str = r#"{
  "id":"4189d3c2-8882-4871-a3c2-d380272eed83",
  "port_id":"4189d3c2-8882-4871-a3c2-d380272eed88",
  "vpc_id":"4189d3c2-8882-4871-a3c2-d380272eed80",
  "pool_id":"5289d3c2-8882-4871-a3c2-d380272eed80",
  "status":"available","approval_enabled":false,
  "service_name":"cn-north-4.test123.4189d3c2-8882-4871-a3c2-d380272eed83",
  "service_type":"interface","server_type":"VM",
  "project_id":"6e9dfd51d1124e8d8498dce894923a0d",
  "created_at":"2018-01-30T07:42:01.174",
  "ports":[{"client_port":8080,"server_port":90,"protocol":"TCP"},{"client_port":8081,"server_port":80}],
  "tags":[{"key":"env","value":"prod"}],
  "supported_editions":["basic"],
  "a_field_added_next_year":{"nested":[1,2,3]}
}"#;

#[test]
fn get_answer_reads_with_unknown_fields_tolerated() {
    let s = EndpointService::from_json(GET_ANSWER).unwrap();
    assert_eq!(s.id, "4189d3c2-8882-4871-a3c2-d380272eed83");
    assert_eq!(s.approval_enabled, Some(false));
    assert_eq!(s.server_type.as_deref(), Some("VM"));
    assert_eq!(s.tags[0].key, "env");
    assert!(s.is_available());
    assert!(!s.is_professional());
}

#[test]
fn missing_protocol_reads_as_tcp_the_api_default() {
    let s = EndpointService::from_json(GET_ANSWER).unwrap();
    assert_eq!(s.ports[1], PortMapping::new(8081, 80, "TCP"));
}

#[test]
fn null_lists_read_as_empty() {
    let s = EndpointService::from_json(
        r#"{"id":"x","ports":null,"tags":null,"supported_editions":null,"error":null,"description":null}"#,
    )
    .unwrap();
    assert!(s.ports.is_empty() && s.tags.is_empty() && s.supported_editions.is_empty());
    assert_eq!(s.description, None);
}

#[test]
fn unknown_enum_values_are_kept_not_refused() {
    let s = EndpointService::from_json(r#"{"id":"x","status":"migrating","server_type":"GPU"}"#)
        .unwrap();
    assert_eq!(s.status.as_deref(), Some("migrating"));
    assert!(!s.is_available());
}

#[test]
fn professional_edition_shows_in_supported_editions() {
    for (editions, pro) in [
        (r#"["basic"]"#, false),
        (r#"["profession"]"#, true),
        (r#"["basic","profession"]"#, true),
    ] {
        let s =
            EndpointService::from_json(&format!(r#"{{"id":"x","supported_editions":{editions}}}"#))
                .unwrap();
        assert_eq!(s.is_professional(), pro, "{editions}");
    }
}

#[test]
fn full_service_name_is_cut_to_the_short_name() {
    let s = EndpointService::from_json(GET_ANSWER).unwrap();
    assert_eq!(s.short_name(), "test123");
    let id = "4189d3c2-8882-4871-a3c2-d380272eed83";
    assert_eq!(
        short_service_name(&format!("eu-de.my_svc-1.{id}"), id),
        "my_svc-1"
    );
    assert_eq!(short_service_name("already-short", id), "already-short");
    assert_eq!(short_service_name("", id), "");
    // A service without a name: the server shows `region.id`.
    assert_eq!(short_service_name(&format!("eu-de.{id}"), id), "");
    // Without the id to anchor on, the middle of three parts is the name.
    assert_eq!(short_service_name("eu-de.name.other", ""), "name");
}

#[test]
fn list_answer_reads_services_and_total() {
    let l = ServiceList::from_json(&format!(
        r#"{{"endpoint_services":[{GET_ANSWER}],"total_count":7}}"#
    ))
    .unwrap();
    assert_eq!(l.total_count, 7);
    assert_eq!(l.endpoint_services.len(), 1);
}

#[test]
fn update_body_omits_unset_fields_and_never_sends_null() {
    assert_eq!(UpdateBody::default().to_json(), "{}");
    assert!(UpdateBody::default().is_empty());
    let body = UpdateBody {
        approval_enabled: Some(false),
        description: Some(String::new()),
        ..Default::default()
    };
    assert!(!body.is_empty());
    let json = body.to_json();
    assert_eq!(json, r#"{"approval_enabled":false,"description":""}"#);
    assert!(!json.contains("null"));
}

#[test]
fn update_body_sends_ports_as_the_api_names_them() {
    let body = UpdateBody {
        ports: Some(vec![PortMapping::new(8081, 22, "TCP")]),
        ..Default::default()
    };
    assert_eq!(
        body.to_json(),
        r#"{"ports":[{"client_port":8081,"server_port":22,"protocol":"TCP"}]}"#
    );
}

#[test]
fn a_field_of_the_wrong_type_makes_the_whole_value_unreadable_as_with_serde() {
    for body in [
        r#"{"id":5}"#,
        r#"{"id":null}"#,
        r#"{"id":"x","status":1}"#,
        r#"{"id":"x","approval_enabled":"false"}"#,
        r#"{"id":"x","ports":{}}"#,
        r#"{"id":"x","ports":[{"client_port":-1,"server_port":1}]}"#,
        r#"{"id":"x","ports":[{"client_port":1,"server_port":1e99}]}"#,
        r#"{"id":"x","ports":[{"client_port":1}]}"#,
        r#"{"id":"x","ports":[{"client_port":1,"server_port":2,"protocol":null}]}"#,
        r#"{"id":"x","tags":[{"value":"v"}]}"#,
        r#"{"id":"x","supported_editions":[null]}"#,
        r#"{"id":"x","error":[{"code":401}]}"#,
        // A field written twice (an alias counts as the field), as serde's derive refused.
        r#"{"id":"x","id":"y"}"#,
        r#"{"id":"x","error":[{"code":"a","error_code":"b"}]}"#,
    ] {
        assert!(EndpointService::from_json(body).is_err(), "{body}");
    }
    // Unknown fields may be anything, twice too.
    assert!(EndpointService::from_json(r#"{"id":"x","new":1,"new":[{}]}"#).is_ok());
    let s = EndpointService::from_json(
        r#"{"id":"x","error":[{"error_code":"EndPoint.3045","error_message":"busy"}]}"#,
    )
    .unwrap();
    assert_eq!(s.error[0].code.as_deref(), Some("EndPoint.3045"));
    assert_eq!(s.error[0].message.as_deref(), Some("busy"));
    for body in [
        r#"{"total_count":-1}"#,
        r#"{"total_count":7.0}"#,
        r#"{"total_count":null}"#,
        r#"{"endpoint_services":{}}"#,
    ] {
        assert!(ServiceList::from_json(body).is_err(), "{body}");
    }
    let l = ServiceList::from_json(r#"{"endpoint_services":null}"#).unwrap();
    assert_eq!(l, ServiceList::default());
}

/// A deliberate change: serde's derive also read a struct written as an array of its
/// fields in order (`["id", …]`); nothing sends that, and it is refused now.
#[test]
fn a_service_written_as_an_array_is_refused() {
    assert!(EndpointService::from_json(r#"["x"]"#).is_err());
    assert!(ServiceList::from_json("[]").is_err());
    assert!(EndpointService::from_json(r#"{"id":"x","ports":[[1,2,"TCP"]]}"#).is_err());
}

#[test]
fn update_body_writes_every_field_in_the_order_serde_did() {
    let body = UpdateBody {
        approval_enabled: Some(true),
        service_name: Some("web".into()),
        ports: Some(vec![PortMapping::new(1, 2, "UDP")]),
        port_id: Some("p".into()),
        vip_port_id: Some("v".into()),
        description: Some("say \"hi\"\n\\ \u{1}".into()),
        tcp_proxy: Some("close".into()),
        ip: Some("10.0.0.1".into()),
    };
    assert_eq!(
        body.to_json(),
        r#"{"approval_enabled":true,"service_name":"web","ports":[{"client_port":1,"server_port":2,"protocol":"UDP"}],"port_id":"p","vip_port_id":"v","description":"say \"hi\"\n\\ \u0001","tcp_proxy":"close","ip":"10.0.0.1"}"#
    );
    let empty_ports = UpdateBody {
        ports: Some(vec![]),
        ..Default::default()
    };
    assert_eq!(empty_ports.to_json(), r#"{"ports":[]}"#);
}
