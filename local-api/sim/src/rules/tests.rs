//! The rules' own unit tests (the HTTP-level ones are in `local-api/tests/api.rs`).
use super::*;

#[test]
fn uuid_shape() {
    assert!(is_uuid("4189d3c2-8882-4871-a3c2-d380272eed83"));
    assert!(is_uuid("4189D3C2-8882-4871-A3C2-D380272EED83"));
    assert!(!is_uuid("4189d3c2-8882-4871-a3c2-d380272eed8"));
    assert!(!is_uuid("4189d3c2x8882-4871-a3c2-d380272eed83"));
    assert!(!is_uuid("4189d3c2-8882-4871-a3c2-d380272eed8g"));
    assert!(!is_uuid("4189d3c288824871a3c2d380272eed83"));
}

#[test]
fn names() {
    assert!(is_short_name(""));
    assert!(is_short_name("metrics-exporter"));
    assert!(is_short_name("a_B-9"));
    assert!(!is_short_name("metrics-exporter1"));
    assert!(!is_short_name("a.b"));
    assert!(!is_short_name("a b"));
    assert!(!is_short_name("é"));
}

#[test]
fn ips_and_domains() {
    assert!(is_ipv4("192.168.0.1"));
    assert!(!is_ipv4("192.168.0.256"));
    assert!(!is_ipv4("192.168.0"));
    assert!(is_domain_name("backend.example.com"));
    assert!(is_domain_name("a-b.io"));
    assert!(!is_domain_name("localhost"));
    assert!(!is_domain_name("-a.com"));
    assert!(!is_domain_name("a..com"));
    assert!(!is_domain_name("1.2.3.999"));
    assert!(!is_domain_name("exa mple.com"));
}

#[test]
fn shape_rejects_nulls_types_and_unknown_fields() {
    for body in [
        "",
        "not json",
        "[]",
        "42",
        r#"{"service_name":null}"#,
        r#"{"approval_enabled":"yes"}"#,
        r#"{"ports":{}}"#,
        r#"{"ports":[1]}"#,
        r#"{"ports":[{"client_port":1,"server_port":1,"proto":"TCP"}]}"#,
        r#"{"id":"x"}"#,
    ] {
        let e = parse_put_shape(body.as_bytes()).unwrap_err();
        assert_eq!(e.code, "EndPoint.0002", "{body}");
    }
    assert!(parse_put_shape(b"{}").is_ok());
}

fn check(body: &str, dialect: Dialect) -> Result<Patch, ApiError> {
    validate_put(parse_put_shape(body.as_bytes())?, dialect)
}

#[test]
fn value_rules_and_codes() {
    use Dialect::*;
    let code = |b: &str, d| check(b, d).unwrap_err().code;
    assert_eq!(code(r#"{"service_name":"a b"}"#, Huawei), "EndPoint.1003");
    assert_eq!(code(r#"{"description":"<b>"}"#, Huawei), "EndPoint.0002");
    assert_eq!(code(r#"{"ports":[]}"#, Huawei), "EndPoint.0002");
    assert_eq!(
        code(r#"{"ports":[{"client_port":0,"server_port":1}]}"#, Huawei),
        "EndPoint.3063"
    );
    assert_eq!(
        code(
            r#"{"ports":[{"client_port":1,"server_port":1,"protocol":"UDP"}]}"#,
            Huawei
        ),
        "EndPoint.3075"
    );
    assert!(check(
        r#"{"ports":[{"client_port":1,"server_port":1,"protocol":"UDP"}]}"#,
        Otc
    )
    .is_ok());
    assert_eq!(code(r#"{"port_id":"x"}"#, Huawei), "EndPoint.3003");
    assert_eq!(code(r#"{"vip_port_id":"x"}"#, Otc), "EndPoint.3003");
    assert_eq!(
        code(
            r#"{"vip_port_id":"4189d3c2-8882-4871-a3c2-d380272eed83"}"#,
            Huawei
        ),
        "EndPoint.0002"
    );
    assert_eq!(code(r#"{"ip":"10.0.0.1"}"#, Otc), "EndPoint.0002");
    assert_eq!(
        code(
            r#"{"ip":"10.0.0.1","port_id":"4189d3c2-8882-4871-a3c2-d380272eed83"}"#,
            Huawei
        ),
        "EndPoint.3052"
    );
    assert_eq!(code(r#"{"tcp_proxy":"proxy_vni"}"#, Otc), "EndPoint.0002");
    assert!(check(r#"{"tcp_proxy":"proxy_vni"}"#, Huawei).is_ok());
    let p = check(r#"{"ports":[{"client_port":5,"server_port":6}]}"#, Huawei).unwrap();
    assert_eq!(p.ports.unwrap()[0].protocol, "TCP");
}
