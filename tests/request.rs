//! From settings and an operation to the exact request.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use vpcep_console::api::request::{encode_segment, mask_token, proxy_base};
use vpcep_console::api::{
    build_request, ListQuery, Method, Operation, Settings, SettingsError, UpdateBody,
};

const SID: &str = "4189d3c2-8882-4871-a3c2-d380272eed83";

fn settings(proxy: &str) -> Settings {
    Settings {
        proxy_url: proxy.into(),
        project_id: "2b0c8e3f6a4d4e1b9c7f5a3d1e0b8c6a".into(),
        token: "MIIEXAMPLEtoken-0123456789".into(),
        ..Default::default()
    }
}

fn get(proxy: &str) -> String {
    build_request(&settings(proxy), &Operation::GetService { id: SID.into() })
        .unwrap()
        .url
}

#[test]
fn url_joins_a_bare_origin() {
    assert_eq!(
        get("https://console.example.com"),
        format!("https://console.example.com/v1/2b0c8e3f6a4d4e1b9c7f5a3d1e0b8c6a/vpc-endpoint-services/{SID}")
    );
}

#[test]
fn url_keeps_the_proxy_path_prefix_with_or_without_trailing_slash() {
    let want = format!("http://127.0.0.1:8080/vpcep/v1/2b0c8e3f6a4d4e1b9c7f5a3d1e0b8c6a/vpc-endpoint-services/{SID}");
    assert_eq!(get("http://127.0.0.1:8080/vpcep"), want);
    assert_eq!(get("http://127.0.0.1:8080/vpcep/"), want);
    assert_eq!(get("http://127.0.0.1:8080/vpcep//"), want);
    assert_eq!(get("  http://127.0.0.1:8080/vpcep/ "), want);
}

#[test]
fn url_scheme_is_normalised_and_ipv6_hosts_work() {
    assert!(get("HTTPS://h.example").starts_with("https://h.example/v1/"));
    assert!(get("http://[::1]:9000").starts_with("http://[::1]:9000/v1/"));
}

#[test]
fn a_proxy_url_that_is_not_http_is_rejected_with_a_message() {
    for bad in [
        "",
        "ftp://h",
        "h.example.com/vpcep",
        "javascript:alert(1)",
        "file:///etc/passwd",
        "//h.example",
    ] {
        match proxy_base(bad) {
            Err(SettingsError::ProxyUrl(m)) => assert!(!m.is_empty(), "{bad}"),
            other => panic!("{bad:?} gave {other:?}"),
        }
    }
    assert!(proxy_base("ftp://h")
        .unwrap_err()
        .message()
        .contains("http:// or https://"));
}

#[test]
fn a_proxy_url_with_query_credentials_or_bad_port_is_rejected() {
    assert!(proxy_base("https://h/x?y=1")
        .unwrap_err()
        .message()
        .contains("query"));
    assert!(proxy_base("https://h/x#frag").is_err());
    assert!(proxy_base("https://user:pw@h")
        .unwrap_err()
        .message()
        .contains("password"));
    assert!(proxy_base("https://h:0").is_err());
    assert!(proxy_base("https://h:99999").is_err());
    assert!(proxy_base("https://")
        .unwrap_err()
        .message()
        .contains("no host"));
    assert!(proxy_base("https://h x").is_err());
}

#[test]
fn path_segments_are_percent_encoded() {
    assert_eq!(encode_segment("a b/c?d#e"), "a%20b%2Fc%3Fd%23e");
    assert_eq!(encode_segment("ü"), "%C3%BC");
    assert_eq!(encode_segment(SID), SID);
}

#[test]
fn ids_with_other_characters_are_refused_as_a_proxy_would_decode_them() {
    for id in [
        "..",
        ".",
        "..%2F..%2Fv3",
        "a/b",
        "a b",
        "a?b",
        "ü",
        "%2e%2e",
    ] {
        let r = build_request(
            &settings("https://h"),
            &Operation::GetService { id: id.into() },
        );
        assert!(matches!(r, Err(SettingsError::ServiceId(_))), "{id}: {r:?}");
    }
    for id in [SID, "svc_01", "ABC-123"] {
        assert!(
            build_request(
                &settings("https://h"),
                &Operation::GetService { id: id.into() }
            )
            .is_ok(),
            "{id}"
        );
    }
    let mut s = settings("https://h");
    s.project_id = "..".into();
    assert!(matches!(
        build_request(&s, &Operation::GetService { id: SID.into() }),
        Err(SettingsError::ProjectId(_))
    ));
}

#[test]
fn a_dot_segment_cannot_climb_out_of_the_api_path() {
    assert_eq!(encode_segment(".."), "%2E%2E");
    assert_eq!(encode_segment("."), "%2E");
    assert_eq!(encode_segment("a.b"), "a.b");
}

#[test]
fn get_sends_the_token_header_and_no_body() {
    let r = build_request(
        &settings("https://h"),
        &Operation::GetService { id: SID.into() },
    )
    .unwrap();
    assert_eq!(r.method, Method::Get);
    assert_eq!(r.header("x-auth-token"), Some("MIIEXAMPLEtoken-0123456789"));
    assert_eq!(
        r.header("Authorization"),
        None,
        "this API does not use Bearer"
    );
    assert_eq!(r.body, None);
}

#[test]
fn update_is_a_put_with_a_json_body() {
    let body = UpdateBody {
        approval_enabled: Some(true),
        ..Default::default()
    };
    let r = build_request(
        &settings("https://h/p"),
        &Operation::UpdateService {
            id: SID.into(),
            body,
        },
    )
    .unwrap();
    assert_eq!(r.method, Method::Put);
    assert_eq!(
        r.path,
        format!("/v1/2b0c8e3f6a4d4e1b9c7f5a3d1e0b8c6a/vpc-endpoint-services/{SID}")
    );
    assert_eq!(r.header("Content-Type"), Some("application/json"));
    assert_eq!(r.body.as_deref(), Some(r#"{"approval_enabled":true}"#));
}

#[test]
fn upgrade_is_a_post_to_v2_with_no_body() {
    let r = build_request(
        &settings("https://h"),
        &Operation::UpgradeService { id: SID.into() },
    )
    .unwrap();
    assert_eq!(r.method, Method::Post);
    assert_eq!(
        r.url,
        format!(
            "https://h/v2/2b0c8e3f6a4d4e1b9c7f5a3d1e0b8c6a/vpc-endpoint-services/{SID}/upgrade"
        )
    );
    assert_eq!(r.body, None);
    assert_eq!(r.header("Content-Type"), Some("application/json"));
}

#[test]
fn list_query_leaves_out_empty_filters_and_encodes_values() {
    let q = ListQuery {
        endpoint_service_name: "web front&x".into(),
        sort_key: "create_at".into(),
        limit: Some(50),
        offset: Some(0),
        ..Default::default()
    };
    let r = build_request(&settings("https://h"), &Operation::ListServices(q)).unwrap();
    assert_eq!(
        r.path,
        "/v1/2b0c8e3f6a4d4e1b9c7f5a3d1e0b8c6a/vpc-endpoint-services?endpoint_service_name=web+front%26x&sort_key=create_at&limit=50&offset=0"
    );
    let r = build_request(
        &settings("https://h"),
        &Operation::ListServices(ListQuery::default()),
    )
    .unwrap();
    assert!(r.path.ends_with("/vpc-endpoint-services"));
}

#[test]
fn missing_settings_name_the_setting() {
    let mut s = settings("https://h");
    s.project_id = " ".into();
    assert!(matches!(
        build_request(&s, &Operation::GetService { id: SID.into() }),
        Err(SettingsError::ProjectId(_))
    ));
    let mut s = settings("https://h");
    s.token.clear();
    assert!(matches!(
        build_request(&s, &Operation::GetService { id: SID.into() }),
        Err(SettingsError::Token(_))
    ));
    let mut s = settings("https://h");
    s.token = "abc\ndef".into();
    assert!(matches!(
        build_request(&s, &Operation::GetService { id: SID.into() }),
        Err(SettingsError::Token(_))
    ));
    let s = settings("https://h");
    assert!(matches!(
        build_request(&s, &Operation::GetService { id: "".into() }),
        Err(SettingsError::ServiceId(_))
    ));
}

#[test]
fn the_token_is_masked_on_screen_and_a_variable_in_curl() {
    let body = UpdateBody {
        description: Some("it's".into()),
        ..Default::default()
    };
    let r = build_request(
        &settings("https://h"),
        &Operation::UpdateService {
            id: SID.into(),
            body,
        },
    )
    .unwrap();
    let shown = r.masked_headers();
    assert!(shown.iter().all(|(_, v)| !v.contains("MIIEXAMPLEtoken")));
    assert_eq!(
        mask_token("MIIEXAMPLEtoken-0123456789"),
        "MIIE•••• (26 chars)"
    );
    let curl = r.to_curl();
    assert!(!curl.contains("MIIEXAMPLEtoken"));
    assert!(curl.contains("-H \"X-Auth-Token: $TOKEN\""));
    assert!(curl.starts_with(&format!(
        "curl -X PUT 'https://h/v1/2b0c8e3f6a4d4e1b9c7f5a3d1e0b8c6a/vpc-endpoint-services/{SID}'"
    )));
    assert!(
        curl.ends_with(r#"--data-raw '{"description":"it'\''s"}'"#),
        "{curl}"
    );
}

proptest! {
    #[test]
    fn url_joining_never_doubles_or_drops_a_slash(
        scheme in prop_oneof![Just("http"), Just("https")],
        host in "[a-z][a-z0-9-]{0,10}(\\.[a-z]{2,5}){0,2}",
        port in proptest::option::of(1u16..),
        prefix in proptest::collection::vec("[a-zA-Z0-9_-]{1,8}", 0..3),
        trailing in 0usize..3,
        id in "[A-Za-z0-9_-]{1,36}",
    ) {
        let port = port.map(|p| format!(":{p}")).unwrap_or_default();
        let prefix: String = prefix.iter().map(|p| format!("/{p}")).collect();
        let proxy = format!("{scheme}://{host}{port}{prefix}{}", "/".repeat(trailing));
        let r = build_request(&settings(&proxy), &Operation::GetService { id: id.clone() });
        let id_trimmed = id.trim();
        prop_assume!(!id_trimmed.is_empty());
        let r = r.unwrap();
        let expected_prefix = format!("{scheme}://{host}{port}{prefix}/v1/2b0c8e3f6a4d4e1b9c7f5a3d1e0b8c6a/vpc-endpoint-services/");
        prop_assert!(r.url.starts_with(&expected_prefix), "{} !~ {}", r.url, expected_prefix);
        let rest = &r.url[expected_prefix.len()..];
        prop_assert!(!rest.contains('/') && !rest.contains('?') && !rest.contains('#') && !rest.contains(' '));
        prop_assert!(!r.url[scheme.len() + 3..].contains("//"));
    }

    #[test]
    fn encoding_is_reversible_and_safe(s in "\\PC{0,30}") {
        let e = encode_segment(&s);
        prop_assert!(e.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.~%".contains(&b)));
        prop_assert!(e != "." && e != "..");
        // Decoding gives back the original.
        let mut out = Vec::new();
        let b = e.as_bytes();
        let mut i = 0;
        while i < b.len() {
            if b[i] == b'%' {
                out.push(u8::from_str_radix(&e[i + 1..i + 3], 16).unwrap());
                i += 3;
            } else {
                out.push(b[i]);
                i += 1;
            }
        }
        prop_assert_eq!(String::from_utf8(out).unwrap(), s);
    }
}

#[test]
fn the_body_is_shown_indented_in_the_order_it_is_sent() {
    use vpcep_console::api::request::pretty_json;
    let body = r#"{"service_name":"a, b: {c}","ports":[{"client_port":1,"server_port":2,"protocol":"TCP"}],"tags":[],"d":"q\"}"}"#;
    let pretty = pretty_json(body);
    assert_eq!(
        pretty,
        "{\n  \"service_name\": \"a, b: {c}\",\n  \"ports\": [\n    {\n      \"client_port\": 1,\n      \"server_port\": 2,\n      \"protocol\": \"TCP\"\n    }\n  ],\n  \"tags\": [],\n  \"d\": \"q\\\"}\"\n}"
    );
    // Same JSON value.
    let a: serde_json::Value = serde_json::from_str(body).unwrap();
    let b: serde_json::Value = serde_json::from_str(&pretty).unwrap();
    assert_eq!(a, b);
}

#[test]
fn plain_http_to_another_machine_is_warned_about() {
    use vpcep_console::api::request::proxy_warning;
    assert!(proxy_warning("http://proxy.example.com/vpcep")
        .unwrap()
        .contains("unencrypted"));
    assert!(proxy_warning("http://10.0.0.5:8080").is_some());
    // Only a literal loopback address is this machine: these names are anyone's.
    for far in [
        "http://127.attacker.example",
        "http://127.0.0.1.attacker.example:8080",
        "http://localhost.attacker.example",
    ] {
        assert!(proxy_warning(far).is_some(), "{far}");
    }
    for ok in [
        "https://proxy.example.com",
        "http://127.0.0.1:8080",
        "http://localhost:8080/x",
        "http://127.8.9.10:8080",
        "http://LOCALHOST",
        "http://[::1]:9000",
        "ftp://x",
    ] {
        assert_eq!(proxy_warning(ok), None, "{ok}");
    }
}

#[test]
fn behind_a_proxy_that_authenticates_no_token_is_asked_or_sent() {
    let s = Settings {
        token: String::new(),
        token_by_proxy: true,
        token_expired: false,
        ..settings("https://admin.example.com/vpcep")
    };
    let r = build_request(&s, &Operation::GetService { id: SID.into() }).unwrap();
    assert_eq!(r.header("X-Auth-Token"), None);
    assert!(!r.to_curl().contains("X-Auth-Token"), "{}", r.to_curl());
    // Without that mode, a missing token is still a settings error.
    let plain = Settings {
        token: String::new(),
        ..settings("https://admin.example.com/vpcep")
    };
    assert!(matches!(
        build_request(&plain, &Operation::GetService { id: SID.into() }),
        Err(SettingsError::Token(_))
    ));
}

#[test]
fn a_token_pasted_into_an_id_field_is_refused_and_never_shown_in_full() {
    use vpcep_console::api::request::id_problem;
    let token = "MIIEhQYJKoZIhvcNAQcCoIIEdjCCBHICAQExDTALBglghkgBZQMEAgEwggLXBgkqhkiG9w0BBwGgggLIBIICxHsidG9rZW4iOnsiZXhwaXJlcyI6";
    let m = id_problem(token, "project ID").unwrap();
    assert!(m.contains("looks like a token"), "{m}");
    assert!(!m.contains("MIIE"), "{m}");
    // Long and token-like even without the usual prefix.
    assert!(id_problem(&"a".repeat(65), "project ID")
        .unwrap()
        .contains("looks like a token"));
    // A wrong id is echoed only in part.
    let m = id_problem("project/with/slashes-and-more-text", "project ID").unwrap();
    assert!(
        m.contains("“project/with…”") && !m.contains("more-text"),
        "{m}"
    );
    assert_eq!(
        id_problem("2b0c8e3f6a4d4e1b9c7f5a3d1e0b8c6a", "project ID"),
        None
    );
    // build_request refuses it with the same words, before anything is sent.
    let s = Settings {
        project_id: token.into(),
        ..settings("https://console.example.com")
    };
    match build_request(&s, &Operation::GetService { id: SID.into() }) {
        Err(SettingsError::ProjectId(m)) => assert!(m.contains("looks like a token"), "{m}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_proxy_url_is_refused_where_a_browser_would_call_another_host_than_shown() {
    use vpcep_console::api::request::proxy_base;
    for (url, says) in [
        ("https://evil.example\\console.example.com/", "backslash"),
        ("https://console.example.com\\@evil.example/", "backslash"),
        ("https://evil%2Eexample/vpcep", "% escapes"),
        ("https://user@console.example.com", "user name"),
    ] {
        let e = proxy_base(url).expect_err(url);
        assert!(e.message().contains(says), "{url}: {}", e.message());
    }
    // A percent sign in the path is the path's business.
    assert!(proxy_base("https://console.example.com/a%20b").is_ok());
}

#[test]
fn query_values_are_encoded_as_url_search_params_writes_them() {
    // What gloo-net's `query` (the browser's URLSearchParams) sends for the same pairs, so
    // the request shown, the curl line and the wire agree byte for byte.
    use vpcep_console::api::request::encode_query_value;
    assert_eq!(encode_query_value("web front"), "web+front");
    assert_eq!(encode_query_value("a*b-c.d_e~f"), "a*b-c.d_e%7Ef");
    assert_eq!(encode_query_value("x&y=z+1%"), "x%26y%3Dz%2B1%25");
    assert_eq!(encode_query_value("é"), "%C3%A9");
}
