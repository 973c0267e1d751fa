//! Every rule of the PUT, as the API reference states it: its accepted and its rejected side.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use vpcep_console::api::validate::{
    check_description, check_service_name, is_domain, is_ipv4, is_uuid, parse_port,
};
use vpcep_console::api::{
    validate, Dialect, EndpointService, Field, PortDraft, PortMapping, ServiceDraft,
};

const UUID_A: &str = "9a1c7e52-3b4d-4f6a-8e2b-1c0d9f8e7a65";
const UUID_B: &str = "6f0b2d1e-4c3a-4b5d-9e8f-7a6b5c4d3e2f";

fn base() -> EndpointService {
    EndpointService {
        id: "4189d3c2-8882-4871-a3c2-d380272eed83".into(),
        service_name: Some("cn-north-4.web.4189d3c2-8882-4871-a3c2-d380272eed83".into()),
        approval_enabled: Some(false),
        port_id: Some(UUID_A.into()),
        tcp_proxy: Some("close".into()),
        ports: vec![PortMapping::new(8080, 80, "TCP")],
        ..Default::default()
    }
}

fn draft() -> ServiceDraft {
    ServiceDraft::from_service(&base())
}

/// The fields that have a problem, for assertions.
fn fields(d: &ServiceDraft, dialect: Dialect) -> Vec<Field> {
    validate(d, &base(), dialect)
        .into_iter()
        .map(|e| e.field)
        .collect()
}

fn message(d: &ServiceDraft, dialect: Dialect, field: Field) -> String {
    validate(d, &base(), dialect)
        .into_iter()
        .find(|e| e.field == field)
        .map(|e| e.message)
        .unwrap_or_else(|| panic!("no error on {field:?}"))
}

#[test]
fn the_loaded_service_is_valid_as_it_is() {
    assert!(fields(&draft(), Dialect::Huawei).is_empty());
}

#[test]
fn service_name_accepts_up_to_16_letters_digits_underscore_hyphen() {
    for ok in ["", "a", "Web_frontend-01", "abcdefghijklmnop"] {
        assert_eq!(check_service_name(ok), Ok(()), "{ok:?}");
    }
}

#[test]
fn service_name_rejects_17_characters_with_the_count() {
    let err = check_service_name("abcdefghijklmnopq").unwrap_err();
    assert!(err.contains("17 characters") && err.contains("16"), "{err}");
}

#[test]
fn service_name_rejects_other_characters_naming_the_character() {
    assert!(check_service_name("web frontend")
        .unwrap_err()
        .starts_with("A space"));
    assert!(check_service_name("web/1").unwrap_err().contains("“/”"));
    assert!(check_service_name("wéb").unwrap_err().contains("“é”"));
}

#[test]
fn a_pasted_full_name_gets_told_to_use_the_short_name() {
    let err = check_service_name("cn-north-4.web.4189d3c2").unwrap_err();
    assert!(err.contains("full name"), "{err}");
}

#[test]
fn description_accepts_128_characters_and_the_empty_string() {
    assert_eq!(check_description(""), Ok(()));
    assert_eq!(check_description(&"é".repeat(128)), Ok(()));
}

#[test]
fn description_rejects_129_characters_and_angle_brackets() {
    assert!(check_description(&"x".repeat(129))
        .unwrap_err()
        .contains("129 characters"));
    assert!(check_description("a <b> c").is_err());
    assert!(check_description("a > b").is_err());
}

#[test]
fn errors_are_reported_on_every_field_at_once() {
    let mut d = draft();
    d.service_name = "bad name".into();
    d.description = "<script>".into();
    d.port_id = "not-a-uuid".into();
    d.ports = vec![PortDraft::new("0", "80", "TCP")];
    assert_eq!(
        fields(&d, Dialect::Huawei),
        vec![
            Field::ServiceName,
            Field::Description,
            Field::PortId,
            Field::ClientPort(0)
        ]
    );
}

#[test]
fn port_id_must_be_a_uuid_and_cannot_be_removed() {
    let mut d = draft();
    d.port_id = UUID_B.to_uppercase();
    assert!(fields(&d, Dialect::Huawei).is_empty());
    d.port_id = "9a1c7e52-3b4d-4f6a-8e2b-1c0d9f8e7a6".into();
    assert!(message(&d, Dialect::Huawei, Field::PortId).contains("UUID"));
    d.port_id = String::new();
    assert!(message(&d, Dialect::Huawei, Field::PortId).contains("cannot be removed"));
}

#[test]
fn uuid_shape_is_8_4_4_4_12_hex() {
    assert!(is_uuid(UUID_A));
    for bad in [
        "",
        "9a1c7e523b4d4f6a8e2b1c0d9f8e7a65",
        "9a1c7e52-3b4d-4f6a-8e2b-1c0d9f8e7a6g",
        "9a1c7e52-3b4d-4f6a-8e2b1-c0d9f8e7a65",
    ] {
        assert!(!is_uuid(bad), "{bad}");
    }
}

#[test]
fn tcp_proxy_values_follow_the_dialect() {
    let mut d = draft();
    for v in ["close", "toa_open", "proxy_open", "open", "proxy_vni"] {
        d.tcp_proxy = v.into();
        assert!(fields(&d, Dialect::Huawei).is_empty(), "{v}");
    }
    assert!(message(&d, Dialect::OpenTelekom, Field::TcpProxy).contains("proxy_vni"));
    d.tcp_proxy = "on".into();
    assert!(fields(&d, Dialect::Huawei).contains(&Field::TcpProxy));
}

#[test]
fn protocol_is_tcp_only_on_huawei_and_tcp_or_udp_on_open_telekom() {
    let mut d = draft();
    d.ports = vec![PortDraft::new("53", "53", "UDP")];
    assert!(message(&d, Dialect::Huawei, Field::Protocol(0))
        .contains("UDP is not available on Huawei Cloud"));
    assert!(fields(&d, Dialect::OpenTelekom).is_empty());
    d.ports = vec![PortDraft::new("53", "53", "SCTP")];
    assert!(fields(&d, Dialect::OpenTelekom).contains(&Field::Protocol(0)));
}

#[test]
fn ip_is_an_ipv4_address_or_a_domain_on_huawei_only() {
    let mut d = draft();
    for ok in ["10.0.0.8", "backend.example.com", "db-1.internal"] {
        d.ip = ok.into();
        d.port_id = UUID_A.into();
        assert!(fields(&d, Dialect::Huawei).is_empty(), "{ok}");
    }
    for bad in ["10.0.0.256", "10.0.0", "-bad-.example", "a b", "010.0.0.1"] {
        d.ip = bad.into();
        assert!(fields(&d, Dialect::Huawei).contains(&Field::Ip), "{bad}");
    }
    // Open Telekom Cloud has no `ip`: the field is not checked (and never sent).
    d.ip = "10.0.0.256".into();
    assert!(fields(&d, Dialect::OpenTelekom).is_empty());
}

#[test]
fn ipv4_and_domain_checks() {
    assert!(is_ipv4("192.168.0.1") && is_ipv4("0.0.0.0"));
    assert!(!is_ipv4("192.168.0.1.5") && !is_ipv4("1.2.3.04") && !is_ipv4(""));
    assert!(is_domain("example.com") && is_domain("example.com."));
    assert!(!is_domain("1.2.3.999") && !is_domain("ex_ample.com") && !is_domain(&"a".repeat(64)));
}

#[test]
fn ip_and_port_id_cannot_change_in_one_request() {
    let mut d = draft();
    d.ip = "10.0.0.8".into();
    d.port_id = UUID_B.into();
    assert!(message(&d, Dialect::Huawei, Field::Ip).contains("cannot change in one request"));
    d.port_id = UUID_A.into();
    assert!(fields(&d, Dialect::Huawei).is_empty());
}

#[test]
fn vip_port_id_is_checked_on_open_telekom_only() {
    let mut d = draft();
    d.vip_port_id = "nope".into();
    assert!(fields(&d, Dialect::OpenTelekom).contains(&Field::VipPortId));
    assert!(fields(&d, Dialect::Huawei).is_empty());
    d.vip_port_id = UUID_B.into();
    assert!(fields(&d, Dialect::OpenTelekom).is_empty());
}

#[test]
fn at_least_one_and_at_most_200_mappings() {
    let mut d = draft();
    d.ports.clear();
    assert!(message(&d, Dialect::Huawei, Field::Ports).contains("at least one"));
    d.ports = (1..=200)
        .map(|p| PortDraft::new(&p.to_string(), "80", "TCP"))
        .collect();
    assert!(fields(&d, Dialect::Huawei).is_empty());
    d.ports.push(PortDraft::new("201", "80", "TCP"));
    assert!(message(&d, Dialect::Huawei, Field::Ports).contains("201 mappings"));
}

#[test]
fn a_port_is_a_whole_number_from_1_to_65535() {
    assert_eq!(parse_port("1"), Ok(1));
    assert_eq!(parse_port("65535"), Ok(65535));
    assert_eq!(parse_port(" 443 "), Ok(443));
    for bad in ["0", "65536", "-1", "+80", "8.0", "eighty", "99999999999"] {
        assert!(parse_port(bad).is_err(), "{bad}");
    }
    assert!(parse_port("").unwrap_err().starts_with("Required"));
}

#[test]
fn the_same_client_port_and_protocol_twice_is_refused_on_the_later_row() {
    let mut d = draft();
    d.ports = vec![
        PortDraft::new("8080", "80", "TCP"),
        PortDraft::new("8081", "80", "TCP"),
        PortDraft::new("8080", "80", "TCP"),
        PortDraft::new("8081", "81", "TCP"),
    ];
    let errs = validate(&d, &base(), Dialect::Huawei);
    assert_eq!(errs.len(), 2);
    assert_eq!(errs[0].field, Field::ClientPort(2));
    assert!(errs[0].message.contains("Same mapping as row 1"));
    assert_eq!(errs[1].field, Field::ClientPort(3));
    assert!(errs[1].message.contains("already mapped in row 2"));
}

#[test]
fn the_same_port_with_another_protocol_is_not_a_duplicate() {
    let mut d = draft();
    d.ports = vec![
        PortDraft::new("53", "53", "TCP"),
        PortDraft::new("53", "53", "UDP"),
    ];
    assert!(fields(&d, Dialect::OpenTelekom).is_empty());
}

proptest! {
    #[test]
    fn every_port_in_range_is_accepted(p in 1u32..=65535) {
        prop_assert_eq!(parse_port(&p.to_string()), Ok(p));
    }

    #[test]
    fn every_port_out_of_range_is_refused(p in prop_oneof![Just(0u64), 65536u64..u64::MAX]) {
        prop_assert!(parse_port(&p.to_string()).is_err());
    }

    #[test]
    fn names_of_the_charset_up_to_16_are_accepted(name in "[A-Za-z0-9_-]{0,16}") {
        prop_assert_eq!(check_service_name(&name), Ok(()));
    }

    #[test]
    fn names_over_16_are_refused(name in "[A-Za-z0-9_-]{17,40}") {
        prop_assert!(check_service_name(&name).is_err());
    }

    #[test]
    fn a_name_with_any_other_character_is_refused(
        head in "[A-Za-z0-9_-]{0,7}",
        bad in any::<char>().prop_filter("outside the charset", |c| !(c.is_ascii_alphanumeric() || *c == '_' || *c == '-')),
        tail in "[A-Za-z0-9_-]{0,7}",
    ) {
        let name = format!("{head}{bad}{tail}");
        prop_assert!(check_service_name(&name).is_err());
    }

    #[test]
    fn descriptions_without_angle_brackets_up_to_128_are_accepted(text in "[^<>]{0,128}") {
        prop_assert_eq!(check_description(&text), Ok(()));
    }
}

#[test]
fn unchanged_ports_are_not_checked_so_other_edits_go_through() {
    use vpcep_console::api::plan_update;
    // A service the API gave no ports.
    let mut b = base();
    b.ports.clear();
    let mut d = ServiceDraft::from_service(&b);
    d.description = "new".into();
    assert!(validate(&d, &b, Dialect::Huawei).is_empty());
    assert_eq!(
        plan_update(&b, &d, Dialect::Huawei).unwrap().body.to_json(),
        r#"{"description":"new"}"#
    );
    // A UDP mapping that the Huawei dialect would not take, left as it is.
    let mut b = base();
    b.ports = vec![PortMapping::new(53, 53, "UDP")];
    let mut d = ServiceDraft::from_service(&b);
    d.service_name = "dns".into();
    assert!(validate(&d, &b, Dialect::Huawei).is_empty());
    // Touch the ports and they are checked.
    d.ports.push(PortDraft::new("54", "54", "UDP"));
    assert!(!validate(&d, &b, Dialect::Huawei).is_empty());
}
