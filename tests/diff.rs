//! The preview and the body: only what changed is sent.

use vpcep_console::api::ports::ports_diff;
use vpcep_console::api::{
    plan_update, Dialect, EndpointService, Field, PortDraft, PortMapping, ServiceDraft,
};

const ID: &str = "4189d3c2-8882-4871-a3c2-d380272eed83";

fn base() -> EndpointService {
    EndpointService {
        id: ID.into(),
        service_name: Some(format!("cn-north-4.web-frontend.{ID}")),
        approval_enabled: Some(false),
        port_id: Some("9a1c7e52-3b4d-4f6a-8e2b-1c0d9f8e7a65".into()),
        tcp_proxy: Some("close".into()),
        description: Some("Public web tier".into()),
        ports: vec![
            PortMapping::new(8080, 80, "TCP"),
            PortMapping::new(8443, 443, "TCP"),
        ],
        ..Default::default()
    }
}

fn plan(d: &ServiceDraft) -> vpcep_console::api::UpdatePlan {
    plan_update(&base(), d, Dialect::Huawei).expect("valid draft")
}

#[test]
fn an_untouched_form_sends_nothing() {
    let p = plan(&ServiceDraft::from_service(&base()));
    assert!(p.is_empty());
    assert_eq!(p.body.to_json(), "{}");
    assert!(p.changes.is_empty() && p.ports.is_none());
}

#[test]
fn only_changed_fields_are_in_the_body() {
    let mut d = ServiceDraft::from_service(&base());
    d.approval_enabled = true;
    d.tcp_proxy = "proxy_open".into();
    let p = plan(&d);
    assert_eq!(
        p.body.to_json(),
        r#"{"approval_enabled":true,"tcp_proxy":"proxy_open"}"#
    );
    let fields: Vec<_> = p
        .changes
        .iter()
        .map(|c| (c.field, c.before.as_str(), c.after.as_str()))
        .collect();
    assert_eq!(
        fields,
        vec![
            ("approval_enabled", "false", "true"),
            ("tcp_proxy", "close", "proxy_open")
        ]
    );
}

#[test]
fn a_renamed_service_sends_the_short_name() {
    let mut d = ServiceDraft::from_service(&base());
    assert_eq!(d.service_name, "web-frontend");
    d.service_name = "web-tier".into();
    let p = plan(&d);
    assert_eq!(p.body.to_json(), r#"{"service_name":"web-tier"}"#);
    assert_eq!(p.changes[0].before, "web-frontend");
}

#[test]
fn clearing_the_description_sends_an_empty_string() {
    let mut d = ServiceDraft::from_service(&base());
    d.description.clear();
    let p = plan(&d);
    assert_eq!(p.body.to_json(), r#"{"description":""}"#);
    assert_eq!(
        (p.changes[0].before.as_str(), p.changes[0].after.as_str()),
        ("Public web tier", "(empty)")
    );
}

#[test]
fn an_unset_description_left_empty_is_not_a_change() {
    let mut b = base();
    b.description = None;
    let d = ServiceDraft::from_service(&b);
    assert!(plan_update(&b, &d, Dialect::Huawei).unwrap().is_empty());
}

#[test]
fn ports_are_replaced_not_merged() {
    let mut d = ServiceDraft::from_service(&base());
    d.ports[1] = PortDraft::new("9443", "443", "TCP");
    d.ports.push(PortDraft::new("22", "2222", "TCP"));
    let p = plan(&d);
    // The whole new list is sent, including the mapping that did not change.
    assert_eq!(
        p.body.to_json(),
        r#"{"ports":[{"client_port":8080,"server_port":80,"protocol":"TCP"},{"client_port":9443,"server_port":443,"protocol":"TCP"},{"client_port":22,"server_port":2222,"protocol":"TCP"}]}"#
    );
    let ports = p.ports.unwrap();
    assert_eq!(
        ports.added,
        vec![
            PortMapping::new(9443, 443, "TCP"),
            PortMapping::new(22, 2222, "TCP")
        ]
    );
    assert_eq!(ports.removed, vec![PortMapping::new(8443, 443, "TCP")]);
}

#[test]
fn reordering_ports_is_not_a_change() {
    let mut d = ServiceDraft::from_service(&base());
    d.ports.reverse();
    assert!(plan(&d).is_empty());
}

#[test]
fn removing_a_mapping_lists_it_as_removed() {
    let mut d = ServiceDraft::from_service(&base());
    d.ports.remove(0);
    let ports = plan(&d).ports.unwrap();
    assert!(ports.added.is_empty());
    assert_eq!(ports.removed, vec![PortMapping::new(8080, 80, "TCP")]);
    assert_eq!(ports.after, vec![PortMapping::new(8443, 443, "TCP")]);
}

#[test]
fn ports_diff_counts_repeats() {
    let a = PortMapping::new(1, 1, "TCP");
    let d = ports_diff(&[a.clone(), a.clone()], std::slice::from_ref(&a)).unwrap();
    assert_eq!(d.removed, vec![a]);
}

#[test]
fn an_invalid_draft_gives_errors_not_a_body() {
    let mut d = ServiceDraft::from_service(&base());
    d.service_name = "x".repeat(17);
    let errs = plan_update(&base(), &d, Dialect::Huawei).unwrap_err();
    assert_eq!(errs[0].field, Field::ServiceName);
}

#[test]
fn fields_outside_the_dialect_are_never_sent() {
    let mut d = ServiceDraft::from_service(&base());
    d.vip_port_id = "6f0b2d1e-4c3a-4b5d-9e8f-7a6b5c4d3e2f".into();
    assert!(plan(&d).is_empty(), "vip_port_id is not a Huawei field");
    let mut d = ServiceDraft::from_service(&base());
    d.ip = "10.0.0.8".into();
    assert!(
        plan_update(&base(), &d, Dialect::OpenTelekom)
            .unwrap()
            .is_empty(),
        "ip is not an OTC field"
    );
    assert_eq!(plan(&d).body.to_json(), r#"{"ip":"10.0.0.8"}"#);
}

#[test]
fn a_new_port_id_is_sent() {
    let mut d = ServiceDraft::from_service(&base());
    d.port_id = "6f0b2d1e-4c3a-4b5d-9e8f-7a6b5c4d3e2f".into();
    assert_eq!(
        plan(&d).body.to_json(),
        r#"{"port_id":"6f0b2d1e-4c3a-4b5d-9e8f-7a6b5c4d3e2f"}"#
    );
}

#[test]
fn the_preview_lists_the_resulting_ports_with_added_and_removed_marked() {
    use vpcep_console::api::ports::PortChange;
    let keep = PortMapping::new(8080, 80, "TCP");
    let gone = PortMapping::new(8443, 443, "TCP");
    let new = PortMapping::new(9443, 443, "TCP");
    let d = ports_diff(&[keep.clone(), gone.clone()], &[new.clone(), keep.clone()]).unwrap();
    assert_eq!(
        d.lines(),
        vec![
            (new, PortChange::Added),
            (keep, PortChange::Kept),
            (gone, PortChange::Removed),
        ]
    );
}
