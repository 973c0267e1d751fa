//! JSON as the console reads and writes it, through its own functions: what reads and what
//! is refused, the limits that matter to it, exact marker IDs, and output byte for byte.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use serde_json::Value;
use vpcep_console::api::config::{read_config, ConfigLoad, SavedSettings};
use vpcep_console::api::connections::{read_connection_list, ConnectionList};
use vpcep_console::api::draft::{PortDraft, SavedDraft, ServiceDraft};
use vpcep_console::api::error::classify;
use vpcep_console::api::history::{export_json, HistoryEntry};
use vpcep_console::api::whitelist::{PermissionAction, PermissionType, WhitelistAction};
use vpcep_console::api::{
    Dialect, EndpointService, ErrorKind, PortMapping, ServiceList, UpdateBody,
};

/// The description of a service written as `literal` (JSON string syntax, quotes included).
fn description(literal: &str) -> Result<Option<String>, String> {
    EndpointService::from_json(&format!(r#"{{"id":"x","description":{literal}}}"#))
        .map(|s| s.description)
        .map_err(|e| e.to_string())
}

#[test]
fn escapes_in_server_text_read_as_written() {
    assert_eq!(
        description(r#""\" \\ \/ \b \f \n \r \t \u0041\u00e9\u20AC \ud83d\ude00 é😀""#).unwrap(),
        Some("\" \\ / \u{8} \u{c} \n \r \t Aé€ 😀 é😀".into())
    );
    assert_eq!(description(r#""\u0000""#).unwrap(), Some("\0".into()));
    // DEL and every character above U+001F may stand unescaped.
    assert_eq!(
        description("\"\u{7f}\u{a0}\u{2028}\"").unwrap(),
        Some("\u{7f}\u{a0}\u{2028}".into())
    );
    // A lone surrogate, a bad escape or a raw control character is no text at all.
    for bad in [
        r#""\ud800""#,
        r#""\udc00""#,
        r#""\ud800\u0041""#,
        r#""\x41""#,
        "\"a\nb\"",
    ] {
        assert!(description(bad).is_err(), "{bad}");
    }
}

/// Texts that are not JSON: serde_json refuses each, for a reason of its own.
const NOT_JSON: &[&str] = &[
    "",
    "   ",
    "\u{feff}{}",
    "nul",
    "True",
    "NaN",
    "Infinity",
    "undefined",
    "'a'",
    "\"abc",
    "\"tab\there\"",
    r#""\u12""#,
    r#""\ud800x""#,
    "01",
    "1.",
    ".5",
    "+1",
    "1e",
    "0x10",
    "1e400",
    "-1e400",
    "[",
    "[1,]",
    "{",
    "{\"a\":1,}",
    "{a:1}",
    "{\"a\":1 \"b\":2}",
    "1 2",
    "{} {}",
    "[\u{a0}1]",
];

/// JSON, but not an object.
const NOT_AN_OBJECT: &[&str] = &["0", "-0.0", "1e308", "\"x\"", "null", "true", "[]", "[{}]"];

#[test]
fn text_that_is_not_json_is_no_service_no_setting_and_no_api_error() {
    for text in NOT_JSON {
        assert!(serde_json::from_str::<Value>(text).is_err(), "{text:?}");
        assert!(EndpointService::from_json(text).is_err(), "{text:?}");
        assert!(SavedSettings::from_json(text).is_err(), "{text:?}");
        let e = classify(500, &[], text);
        assert_eq!(e.kind, ErrorKind::Proxy, "{text:?}");
        assert_eq!(e.error_code, None, "{text:?}");
        if !text.trim().is_empty() {
            assert!(e.hint.contains("not valid JSON"), "{text:?}: {}", e.hint);
            assert!(
                matches!(read_config(200, text), ConfigLoad::Malformed(_)),
                "{text:?}"
            );
        }
    }
    for text in NOT_AN_OBJECT {
        assert!(EndpointService::from_json(text).is_err(), "{text:?}");
        assert!(ServiceList::from_json(text).is_err(), "{text:?}");
        assert!(SavedSettings::from_json(text).is_err(), "{text:?}");
        let e = classify(500, &[], text);
        assert_eq!(e.kind, ErrorKind::Proxy, "{text:?}");
        assert!(e.hint.contains("not an API error"), "{text:?}: {}", e.hint);
        match read_config(200, text) {
            ConfigLoad::Malformed(m) => assert!(m.contains("expected an object"), "{m}"),
            other => panic!("{text:?}: {other:?}"),
        }
    }
}

#[test]
fn nesting_is_bounded_where_it_is_read_and_skipped_where_it_is_not() {
    let arrays = |d: usize| "[".repeat(d) + &"]".repeat(d);
    let objects = |d: usize| "{\"a\":".repeat(d) + "null" + &"}".repeat(d);
    for deep in [arrays, objects] {
        // An error body is read whole, 127 levels at most (serde_json's limit); past that
        // it is not JSON to the console, and far past it fails as cleanly.
        let body = |d: usize| format!(r#"{{"error_code":"A","error_msg":"m","x":{}}}"#, deep(d));
        assert_eq!(classify(400, &[], &body(126)).kind, ErrorKind::Api);
        assert_eq!(classify(400, &[], &body(127)).kind, ErrorKind::Proxy);
        assert_eq!(classify(400, &[], &body(1_000_000)).kind, ErrorKind::Proxy);
        // So is config.json's value of a field.
        let config = format!(r#"{{"default_region":{}}}"#, deep(1_000_000));
        assert!(matches!(
            read_config(200, &config),
            ConfigLoad::Malformed(_)
        ));
        // A field the console does not know is skipped without being read, however deep,
        // and without using the stack.
        let service = format!(r#"{{"id":"x","a":{}}}"#, deep(1_000_000));
        assert_eq!(EndpointService::from_json(&service).unwrap().id, "x");
        let list = format!(r#"{{"endpoint_services":[{service}],"total_count":1}}"#);
        assert_eq!(ServiceList::from_json(&list).unwrap().total_count, 1);
        // Where a field it reads is nested instead of its value, it is refused.
        let ports = format!(r#"{{"id":"x","ports":[{}]}}"#, deep(1_000_000));
        assert!(EndpointService::from_json(&ports).is_err());
    }
}

#[test]
fn a_broken_config_json_says_where() {
    for (text, said) in [
        (
            "{\n  \"dialect\": trux\n}",
            "expected ident at line 2 column 17",
        ),
        (
            "{\n  \"dialect\": \"huawei\",\n}",
            "trailing comma at line 3 column 1",
        ),
        (
            "{\n  \"dialect\": \"huawei\"",
            "EOF while parsing an object at line 2 column 21",
        ),
    ] {
        match read_config(200, text) {
            ConfigLoad::Malformed(m) => assert!(m.contains(said), "{m}"),
            other => panic!("{other:?}"),
        }
    }
}

#[test]
fn bodies_escape_what_json_must_and_nothing_else() {
    let body = |d: &str| {
        UpdateBody {
            description: Some(d.into()),
            ..Default::default()
        }
        .to_json()
    };
    assert_eq!(
        body("\u{0}\u{1f}\u{8}\u{c}\n\r\t\"\\/"),
        r#"{"description":"\u0000\u001f\b\f\n\r\t\"\\/"}"#
    );
    assert_eq!(
        body("é😀\u{2028}\u{feff}</script>\u{7f}"),
        "{\"description\":\"é😀\u{2028}\u{feff}</script>\u{7f}\"}"
    );
}

#[test]
fn what_the_console_writes_names_values_as_the_api_does() {
    for d in Dialect::ALL {
        let saved = SavedSettings {
            dialect: Some(d),
            ..Default::default()
        };
        assert_eq!(
            saved.to_json(),
            format!(r#"{{"dialect":"{}"}}"#, d.as_str())
        );
        assert_eq!(SavedSettings::from_json(&saved.to_json()).unwrap(), saved);
    }
    for (action, name) in [
        (WhitelistAction::Add, "add"),
        (WhitelistAction::Remove, "remove"),
    ] {
        for t in [PermissionType::DomainId, PermissionType::OrgPath] {
            let body = PermissionAction {
                action,
                permissions: vec!["p".into()],
                permission_type: Some(t),
            }
            .to_json();
            assert_eq!(
                body,
                format!(
                    r#"{{"action":"{name}","permissions":["p"],"permission_type":"{}"}}"#,
                    t.as_str()
                )
            );
            assert_eq!(action.api_name(), name);
        }
    }
}

#[test]
fn the_history_exports_as_pretty_json_byte_for_byte() {
    let entry = HistoryEntry {
        time: "2026-11-23T10:00:00.000Z".into(),
        operation: "update_service".into(),
        method: "PUT".into(),
        path: "/v1/p/vpc-endpoint-services/s".into(),
        status: Some(400),
        duration_ms: 12,
        request_id: Some("rid".into()),
        error_code: None,
        body: Some(r#"{"description":"a \"b\""}"#.into()),
    };
    let unanswered = HistoryEntry {
        status: None,
        request_id: None,
        body: None,
        ..entry.clone()
    };
    assert_eq!(
        export_json(&[entry, unanswered]),
        r#"[
  {
    "time": "2026-11-23T10:00:00.000Z",
    "operation": "update_service",
    "method": "PUT",
    "path": "/v1/p/vpc-endpoint-services/s",
    "status": 400,
    "duration_ms": 12,
    "request_id": "rid",
    "error_code": null,
    "body": "{\"description\":\"a \\\"b\\\"\"}"
  },
  {
    "time": "2026-11-23T10:00:00.000Z",
    "operation": "update_service",
    "method": "PUT",
    "path": "/v1/p/vpc-endpoint-services/s",
    "status": null,
    "duration_ms": 12,
    "request_id": null,
    "error_code": null,
    "body": null
  }
]"#
    );
    assert_eq!(export_json(&[]), "[]");
}

#[test]
fn a_large_list_reads_in_linear_time() {
    let started = std::time::Instant::now();
    let service = r#"{"id":"4189d3c2-8882-4871-a3c2-d380272eed83","status":"available","ports":[{"client_port":8080,"server_port":90,"protocol":"TCP"}],"tags":[{"key":"k","value":"v"}],"description":"a \"quoted\" \u00e9 text"}"#;
    let body = |count: usize| {
        format!(
            r#"{{"endpoint_services":[{}],"total_count":{count}}}"#,
            vec![service; count].join(",")
        )
    };
    let list = ServiceList::from_json(&body(1000)).unwrap();
    assert_eq!(list.endpoint_services.len(), 1000);
    assert_eq!(list.total_count, 1000);
    // A long text and a long field the console skips, both read in one pass.
    let long = format!("\"{}\"", "ab\\n\\u00e9".repeat(200_000));
    assert_eq!(description(&long).unwrap(), Some("ab\né".repeat(200_000)));
    let flat = format!(
        r#"{{"id":"x","junk":[{}]}}"#,
        vec!["{\"a\":[1,2,\"x\"]}"; 200_000].join(",")
    );
    assert!(EndpointService::from_json(&flat).is_ok());
    // Generous for a shared debug build; a quadratic reader takes minutes here.
    assert!(started.elapsed().as_secs() < 20);
}

/// Any number text: a port reads only where serde_json reads a `u32`, and anything else
/// makes the whole service unreadable.
#[test]
fn a_port_reads_exactly_where_serde_json_reads_a_u32() {
    for port in [
        "0",
        "80",
        "4294967295",
        "4294967296",
        "-1",
        "-0",
        "80.5",
        "80.0",
        "8e1",
        "1e99",
        "\"80\"",
        "null",
        "true",
        "[80]",
        "99999999999999999999999",
    ] {
        let body = format!(r#"{{"id":"x","ports":[{{"client_port":{port},"server_port":1}}]}}"#);
        assert_eq!(
            EndpointService::from_json(&body).is_ok(),
            serde_json::from_str::<u32>(port).is_ok(),
            "{port}"
        );
    }
    // 80.0 is a float to serde_json, so a port of 80.0 is refused.
    assert!(EndpointService::from_json(
        r#"{"id":"x","ports":[{"client_port":80.0,"server_port":1}]}"#
    )
    .is_err());
    let s = EndpointService::from_json(
        r#"{"id":"x","ports":[{"client_port":4294967295,"server_port":0}]}"#,
    )
    .unwrap();
    assert_eq!(s.ports, [PortMapping::new(u32::MAX, 0, "TCP")]);
}

/// Numbers in every notation JSON allows (valid texts only).
fn number_text() -> impl Strategy<Value = String> {
    (
        any::<bool>(),
        "(0|[1-9][0-9]{0,25})",
        proptest::option::of("[0-9]{1,20}"),
        proptest::option::of(("[eE]", "[+-]?", "[0-9]{1,3}")),
    )
        .prop_map(|(neg, int, frac, exp)| {
            let mut s = String::new();
            if neg {
                s.push('-');
            }
            s.push_str(&int);
            if let Some(f) = frac {
                s.push('.');
                s.push_str(&f);
            }
            if let Some((e, sign, digits)) = exp {
                s.push_str(&e);
                s.push_str(&sign);
                s.push_str(&digits);
            }
            s
        })
}

fn marker_body(marker: &str) -> String {
    format!(r#"{{"connections":[{{"id":"e1","marker_id":{marker}}}],"total_count":1}}"#)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// A port is read where serde_json reads a `u32`, whatever the number's notation.
    #[test]
    fn a_port_of_any_number_text_reads_as_a_u32_would(valid in number_text(), junk in "[-+0-9eE.]{1,8}") {
        for port in [valid, junk] {
            let body = format!(r#"{{"id":"x","ports":[{{"client_port":{port},"server_port":1}}]}}"#);
            prop_assert_eq!(
                EndpointService::from_json(&body).map(|s| s.ports[0].client_port).ok(),
                serde_json::from_str::<u32>(&port).ok(),
                "{}", port
            );
        }
    }

    /// A marker ID of any length, as a number or as a string of digits, is kept digit for
    /// digit (never through an f64, which keeps 15 to 17 of them).
    #[test]
    fn a_marker_id_of_any_length_reads_digit_for_digit(digits in "(0|[1-9][0-9]{0,40})") {
        for written in [digits.clone(), format!("\"{digits}\"")] {
            let list = ConnectionList::from_json(&marker_body(&written)).unwrap();
            prop_assert_eq!(list.connections[0].marker_id.as_deref(), Some(digits.as_str()));
        }
    }

    /// Any other number is no marker ID: the answer is unreadable, and says why.
    #[test]
    fn a_marker_id_that_is_not_whole_is_refused_with_its_reason(n in number_text()) {
        let whole = n.bytes().all(|b| b.is_ascii_digit());
        let answer = read_connection_list(200, &[], &marker_body(&n));
        prop_assert_eq!(answer.is_ok(), whole, "{}", n);
        if let Err(e) = answer {
            prop_assert!(
                e.hint.contains("connections[0]: `marker_id` must be a non-negative integer"),
                "{}", e.hint
            );
        }
    }

    /// Whatever a person types reaches the server and storage as typed, and reads back.
    #[test]
    fn any_text_round_trips_through_what_the_console_writes(
        text in any::<String>(),
        controls in "[\u{0}-\u{1f}\"\\\\/]{0,10}",
        client in any::<u32>(),
    ) {
        for t in [text, controls] {
            let body = UpdateBody {
                service_name: Some(t.clone()),
                description: Some(t.clone()),
                ports: Some(vec![PortMapping::new(client, 1, &t)]),
                ..Default::default()
            };
            let sent: Value = serde_json::from_str(&body.to_json()).unwrap();
            prop_assert_eq!(&sent["description"], &Value::String(t.clone()));
            prop_assert_eq!(&sent["ports"][0]["client_port"], &Value::from(client));
            let action = PermissionAction {
                action: WhitelistAction::Add,
                permissions: vec![t.clone()],
                permission_type: None,
            };
            let sent: Value = serde_json::from_str(&action.to_json()).unwrap();
            prop_assert_eq!(&sent["permissions"][0], &Value::String(t.clone()));
            let saved = SavedDraft {
                service_id: t.clone(),
                base_updated_at: Some(t.clone()),
                draft: ServiceDraft {
                    description: t.clone(),
                    ports: vec![PortDraft::new(&t, "", "TCP")],
                    ..Default::default()
                },
            };
            prop_assert_eq!(SavedDraft::from_json(&saved.to_json()).unwrap(), saved);
            let settings = SavedSettings {
                region: Some(t.clone()),
                ..Default::default()
            };
            prop_assert_eq!(SavedSettings::from_json(&settings.to_json()).unwrap(), settings);
        }
    }

    /// Any text is classified without a panic, and only an object with a code or a
    /// message is an API error.
    #[test]
    fn any_text_is_classified_and_only_an_object_is_an_api_error(
        text in "[\\[\\]{}\",: 0-9eE.+\\-\\\\utrfalsnd\\u{1}\u{e9}]{0,24}",
        code in "[a-z\"\\\\0-9]{0,6}",
    ) {
        for t in [text, format!(r#"{{"error_code":"{code}","error_msg":"m"}}"#)] {
            let e = classify(400, &[], &t);
            if e.kind == ErrorKind::Api {
                let v: Value = serde_json::from_str(&t).unwrap();
                prop_assert!(v.is_object(), "{}", t);
            }
        }
    }

    /// Escape sequences, surrogates above all, read as serde_json reads them.
    #[test]
    fn escapes_read_as_serde_json_reads_them(hex in proptest::collection::vec("\\\\(u[0-9a-fA-FdD]{4}|u[dD][89abAB][0-9a-f]{2}|u[dD][c-fC-F][0-9a-f]{2}|[\"\\\\/bfnrtxu0])", 0..4)) {
        let literal = format!("\"{}\"", hex.concat());
        prop_assert_eq!(
            description(&literal).ok().flatten(),
            serde_json::from_str::<String>(&literal).ok()
        );
    }
}
