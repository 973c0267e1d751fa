//! The console's own JSON module, checked against serde_json as the oracle: the same
//! texts accepted and refused, the same values read, and output serde_json reads back.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use serde_json::Value;
use vpcep_console::api::json::{parse, write_str, Json, MAX_DEPTH};
use vpcep_console::api::EndpointService;

/// Our value as serde_json's (numbers as serde_json reads their text; a key written twice
/// keeps its last value, as serde_json's `Value` does).
fn to_serde(j: &Json) -> Value {
    match j {
        Json::Null => Value::Null,
        Json::Bool(b) => Value::Bool(*b),
        Json::Number(n) => serde_json::from_str(n).expect("a number serde_json reads"),
        Json::String(s) => Value::String(s.clone()),
        Json::Array(items) => Value::Array(items.iter().map(to_serde).collect()),
        Json::Object(members) => Value::Object(
            members
                .iter()
                .map(|(k, v)| (k.clone(), to_serde(v)))
                .collect(),
        ),
    }
}

/// serde_json's value as ours (numbers in serde_json's own notation).
fn from_serde(v: &Value) -> Json {
    match v {
        Value::Null => Json::Null,
        Value::Bool(b) => Json::Bool(*b),
        Value::Number(n) => Json::Number(n.to_string()),
        Value::String(s) => Json::String(s.clone()),
        Value::Array(items) => Json::Array(items.iter().map(from_serde).collect()),
        Value::Object(m) => {
            Json::Object(m.iter().map(|(k, v)| (k.clone(), from_serde(v))).collect())
        }
    }
}

/// Both parsers read `text` alike: both refuse it, or both read the same value.
fn agree(text: &str) -> Result<(), String> {
    let ours = parse(text);
    let theirs = serde_json::from_str::<Value>(text);
    match (&ours, &theirs) {
        (Ok(a), Ok(b)) if to_serde(a) == *b => Ok(()),
        (Err(_), Err(_)) => Ok(()),
        _ => Err(format!("{text:?}: ours {ours:?}, serde_json {theirs:?}")),
    }
}

fn s(text: &str) -> Json {
    Json::String(text.into())
}

fn n(text: &str) -> Json {
    Json::Number(text.into())
}

#[test]
fn values_read_as_written_in_order_with_duplicates_kept() {
    assert_eq!(
        parse(r#" {"b":[1,-2.5e3,true,false,null],"a":"x","b":{}} "#).unwrap(),
        Json::Object(vec![
            (
                "b".into(),
                Json::Array(vec![
                    n("1"),
                    n("-2.5e3"),
                    Json::Bool(true),
                    Json::Bool(false),
                    Json::Null
                ])
            ),
            ("a".into(), s("x")),
            ("b".into(), Json::Object(vec![])),
        ])
    );
    // The last of a key written twice is what `get` sees, as in serde_json's Value.
    let v = parse(r#"{"a":1,"a":2}"#).unwrap();
    assert_eq!(v.get("a"), Some(&n("2")));
    assert_eq!(parse("[]").unwrap(), Json::Array(vec![]));
    assert_eq!(parse("\t\r\n 0 \n").unwrap(), n("0"));
}

#[test]
fn every_escape_reads_including_surrogate_pairs() {
    assert_eq!(
        parse(r#""\" \\ \/ \b \f \n \r \t \u0041\u00e9\u20AC \ud83d\ude00 é😀""#).unwrap(),
        s("\" \\ / \u{8} \u{c} \n \r \t Aé€ 😀 é😀")
    );
    assert_eq!(parse(r#""\u0000""#).unwrap(), s("\0"));
    // DEL and every character above U+001F may stand unescaped.
    assert_eq!(
        parse("\"\u{7f}\u{a0}\u{2028}\"").unwrap(),
        s("\u{7f}\u{a0}\u{2028}")
    );
}

/// Texts both parsers must refuse, each for a reason serde_json has.
const REFUSED: &[&str] = &[
    "",
    "   ",
    "\u{feff}{}",
    "nul",
    "nulll",
    "True",
    "tru e",
    "NaN",
    "Infinity",
    "-Infinity",
    "undefined",
    "'a'",
    "\"abc",
    "\"a\nb\"",
    "\"tab\there\"",
    "\"\u{1f}\"",
    r#""\x41""#,
    r#""\u12""#,
    r#""\u12G4""#,
    r#""\U0041""#,
    r#""\ud800""#,
    r#""\ud800x""#,
    r#""\ud800\u0041""#,
    r#""\ud800\ud800""#,
    r#""\udc00""#,
    r#""\udfff\ud800""#,
    r#""\ud83d\n""#,
    r#""\"#,
    "\"\\é\"",
    "\"\\u00é1\"",
    "01",
    "-01",
    "00",
    "1.",
    ".5",
    "-.5",
    "+1",
    "-",
    "1e",
    "1e+",
    "1E-",
    "1.e5",
    "0x10",
    "1e400",
    "-1e400",
    "1.8e308",
    "1e309",
    "12345678901234567890e300",
    "0.0000000000000000000000000000001e340",
    "[",
    "[1",
    "[1,",
    "[1,]",
    "[,1]",
    "[1 2]",
    "]",
    "{",
    "{\"a\"",
    "{\"a\":",
    "{\"a\":1",
    "{\"a\":1,}",
    "{\"a\" 1}",
    "{a:1}",
    "{1:1}",
    "{\"a\":1 \"b\":2}",
    "{,}",
    "1 2",
    "{} {}",
    "[] x",
    "\"a\" \"b\"",
    "1\u{0}",
    "[1]\u{c}",
    "[\u{a0}1]",
];

/// Texts both must accept, some of them odd.
const ACCEPTED: &[&str] = &[
    "0",
    "-0",
    "-0.0",
    "0e0",
    "0E+0",
    "1E-7",
    "1.5e+10",
    "123456789012345678901234567890",
    "-9223372036854775809",
    "18446744073709551616",
    "1e308",
    "1.7976931348623157e308",
    "-1.7976931348623157e308",
    "0e99999999999999999999",
    "1e-99999999999999999999",
    "1e-400",
    "0.000000000000000000000000001e330",
    "[[[]],{},[{}]]",
    "{\"\":\"\"}",
    "{\"a\":{\"a\":{\"a\":null}}}",
    " \t\n\r[ 1 , 2 ]\r\n\t ",
    "\"\\u0000\\u001f\\u007f\\uFFFF\\uD83D\\uDE00\"",
    "\"\\/\"",
    "\"\u{7f}\"",
    "{\"a\":1,\"a\":2}",
];

#[test]
fn serde_json_and_this_parser_agree_on_tricky_texts() {
    for text in REFUSED {
        assert!(parse(text).is_err(), "accepted {text:?}");
        assert!(
            serde_json::from_str::<Value>(text).is_err(),
            "serde_json accepts {text:?}"
        );
    }
    for text in ACCEPTED {
        assert!(parse(text).is_ok(), "refused {text:?}: {:?}", parse(text));
        agree(text).unwrap();
    }
}

#[test]
fn nesting_stops_where_serde_json_stops_without_overflowing_the_stack() {
    let arrays = |d: usize| "[".repeat(d) + &"]".repeat(d);
    let objects = |d: usize| "{\"a\":".repeat(d) + "null" + &"}".repeat(d);
    for text in [arrays, objects] {
        let deepest = text(MAX_DEPTH - 1);
        assert!(parse(&deepest).is_ok());
        assert!(serde_json::from_str::<Value>(&deepest).is_ok());
        let too_deep = text(MAX_DEPTH);
        assert_eq!(
            parse(&too_deep).unwrap_err().message,
            "recursion limit exceeded"
        );
        assert!(serde_json::from_str::<Value>(&too_deep).is_err());
        // Far deeper still fails cleanly, at the limit, not at the end of the stack.
        assert!(parse(&text(1_000_000)).is_err());
    }
    // A field a service does not know is skipped unread (serde's derive, without a depth
    // limit and without recursion), however deep.
    let list = |d: usize| {
        format!(
            r#"{{"endpoint_services":[{{"id":"x","a":{}}}]}}"#,
            arrays(d)
        )
    };
    assert!(vpcep_console::api::ServiceList::from_json(&list(MAX_DEPTH - 3)).is_ok());
    assert!(vpcep_console::api::ServiceList::from_json(&list(1_000_000)).is_ok());
}

#[test]
fn a_syntax_error_says_where() {
    let e = parse("{\n  \"a\": tru\n}").unwrap_err();
    assert_eq!((e.line, e.column), (2, 11), "{e}");
    assert_eq!(e.to_string(), "expected ident at line 2 column 11");
    assert!(parse("[1,]")
        .unwrap_err()
        .to_string()
        .contains("trailing comma"));
}

#[test]
fn strings_are_written_exactly_as_serde_json_writes_them() {
    let every_ascii: String = (0u8..128).map(char::from).collect();
    for text in [
        every_ascii.as_str(),
        "",
        "plain",
        "é😀\u{2028}\u{feff}",
        "</script>",
        "q\"}",
    ] {
        let mut out = String::new();
        write_str(&mut out, text);
        assert_eq!(out, serde_json::to_string(text).unwrap());
    }
    let mut out = String::new();
    write_str(&mut out, "\u{0}\u{1f}\u{8}\u{c}\n\r\t\"\\/");
    assert_eq!(out, r#""\u0000\u001f\b\f\n\r\t\"\\/""#);
}

#[test]
fn compact_and_pretty_output_is_serde_jsons() {
    // Keys in sorted order, so that serde_json's map writes them in the same order.
    let text = r#"{"a":[],"b":{},"c":[1,{"d":null,"e":[true,"x"]}],"f":"\n"}"#;
    let ours = parse(text).unwrap();
    let theirs: Value = serde_json::from_str(text).unwrap();
    assert_eq!(ours.to_compact(), serde_json::to_string(&theirs).unwrap());
    assert_eq!(ours.to_compact(), text);
    assert_eq!(
        ours.to_pretty(),
        serde_json::to_string_pretty(&theirs).unwrap()
    );
    assert_eq!(Json::Array(vec![]).to_pretty(), "[]");
}

#[test]
fn a_large_list_reads_in_linear_time() {
    let service = r#"{"id":"4189d3c2-8882-4871-a3c2-d380272eed83","status":"available","ports":[{"client_port":8080,"server_port":90,"protocol":"TCP"}],"tags":[{"key":"k","value":"v"}],"description":"a \"quoted\" \u00e9 text"}"#;
    let body = |count: usize| {
        format!(
            r#"{{"endpoint_services":[{}],"total_count":{count}}}"#,
            vec![service; count].join(",")
        )
    };
    let list = vpcep_console::api::ServiceList::from_json(&body(1000)).unwrap();
    assert_eq!(list.endpoint_services.len(), 1000);
    assert_eq!(list.total_count, 1000);
    // A long string and a long flat array, both read in one pass.
    let long = format!("\"{}\"", "ab\\n\\u00e9".repeat(200_000));
    assert_eq!(parse(&long).unwrap(), Json::String("ab\né".repeat(200_000)));
    let started = std::time::Instant::now();
    let flat = format!("[{}]", vec!["{\"a\":[1,2,\"x\"]}"; 200_000].join(","));
    assert!(parse(&flat).is_ok());
    // Generous for a shared debug build; a quadratic parser takes minutes here.
    assert!(started.elapsed().as_secs() < 20);
}

/// Any number text: a port reads only where serde_json reads a `u32`.
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
    // 80.0 is a float to serde_json, so a port of 80.0 is refused; kept so.
    assert!(EndpointService::from_json(
        r#"{"id":"x","ports":[{"client_port":80.0,"server_port":1}]}"#
    )
    .is_err());
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<u64>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        any::<String>().prop_map(Value::String),
        "[\\\\\"\u{0}-\u{1f}a/]{0,8}".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 64, 8, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
            proptest::collection::vec((any::<String>(), inner), 0..8)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
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

fn our_value() -> impl Strategy<Value = Json> {
    let leaf = prop_oneof![
        Just(Json::Null),
        any::<bool>().prop_map(Json::Bool),
        any::<u32>().prop_map(|n| Json::Number(n.to_string())),
        number_text()
            .prop_filter("finite", |t| serde_json::from_str::<Value>(t).is_ok())
            .prop_map(Json::Number),
        any::<String>().prop_map(Json::String),
    ];
    leaf.prop_recursive(4, 64, 8, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..8).prop_map(Json::Array),
            proptest::collection::vec(("[a-c]{0,2}", inner), 0..8).prop_map(Json::Object),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// What serde_json writes, this parser reads as serde_json does, compact or pretty.
    #[test]
    fn serde_json_output_reads_as_the_same_value(v in json_value()) {
        // Compared with serde_json's reading of the text: without `float_roundtrip` its
        // floats may not read back to the very bits written.
        let compact = serde_json::to_string(&v).unwrap();
        agree(&compact).map_err(TestCaseError::fail)?;
        let pretty = serde_json::to_string_pretty(&v).unwrap();
        agree(&pretty).map_err(TestCaseError::fail)?;
        // And with the tree rebuilt from serde_json's, the output is byte for byte its own.
        let ours = from_serde(&v);
        prop_assert_eq!(ours.to_compact(), compact);
        prop_assert_eq!(ours.to_pretty(), pretty);
    }

    /// What this module writes, serde_json reads as the same value, and so does this parser.
    #[test]
    fn own_output_reads_back_as_written(j in our_value()) {
        for text in [j.to_compact(), j.to_pretty()] {
            let theirs: Value = serde_json::from_str(&text).unwrap();
            prop_assert_eq!(&theirs, &to_serde(&j));
            prop_assert_eq!(&parse(&text).unwrap(), &j);
        }
    }

    /// Any string, escaped, reads back as itself in both parsers.
    #[test]
    fn any_string_round_trips(text in any::<String>(), controls in "[\u{0}-\u{1f}\"\\\\]{0,10}") {
        for t in [text, controls] {
            let mut out = String::new();
            write_str(&mut out, &t);
            prop_assert_eq!(&out, &serde_json::to_string(&t).unwrap());
            prop_assert_eq!(serde_json::from_str::<String>(&out).unwrap(), t.clone());
            prop_assert_eq!(parse(&out).unwrap(), Json::String(t));
        }
    }

    /// Number texts, valid or not, are accepted and read exactly where serde_json does.
    #[test]
    fn numbers_agree(valid in number_text(), junk in "[-+0-9eE.]{1,8}") {
        agree(&valid).map_err(TestCaseError::fail)?;
        agree(&junk).map_err(TestCaseError::fail)?;
        // A port is what serde_json reads as a u32.
        let body = format!(r#"{{"id":"x","ports":[{{"client_port":{junk},"server_port":1}}]}}"#);
        prop_assert_eq!(
            EndpointService::from_json(&body).is_ok(),
            serde_json::from_str::<u32>(&junk).is_ok()
        );
    }

    /// Texts made of JSON's own characters: both accept the same ones, as the same value.
    #[test]
    fn near_json_texts_agree(text in "[\\[\\]{}\",: 0-9eE.+\\-\\\\utrfalsnd\\u{1}\u{e9}]{0,24}") {
        agree(&text).map_err(TestCaseError::fail)?;
    }

    /// Escape sequences, surrogates above all, read alike.
    #[test]
    fn escapes_agree(hex in proptest::collection::vec("\\\\(u[0-9a-fA-FdD]{4}|u[dD][89abAB][0-9a-f]{2}|u[dD][c-fC-F][0-9a-f]{2}|[\"\\\\/bfnrtxu0])", 0..4)) {
        agree(&format!("\"{}\"", hex.concat())).map_err(TestCaseError::fail)?;
    }
}
