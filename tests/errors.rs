//! Error classification: every body shape, HTML, empty, and what the user is told.

use vpcep_console::api::error::{classify, network_error, timeout_error};
use vpcep_console::api::{read_response, ErrorKind, Operation, Outcome};

fn h(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

const JSON: (&str, &str) = ("Content-Type", "application/json");
const RID: (&str, &str) = ("X-Request-Id", "0d3c5e8fa1b24c6d9e7f8a9b0c1d2e3f");

#[test]
fn vpcep_error_body_keeps_code_message_and_request_id() {
    let e = classify(
        400,
        &h(&[JSON, RID]),
        r#"{"error_code":"EndPoint.3044","error_msg":"Port mapping conflicts with service batch-jobs."}"#,
    );
    assert_eq!(e.kind, ErrorKind::Api);
    assert_eq!(e.status, Some(400));
    assert_eq!(e.error_code.as_deref(), Some("EndPoint.3044"));
    assert_eq!(
        e.error_msg.as_deref(),
        Some("Port mapping conflicts with service batch-jobs.")
    );
    assert_eq!(
        e.request_id.as_deref(),
        Some("0d3c5e8fa1b24c6d9e7f8a9b0c1d2e3f")
    );
    assert!(e.hint.contains("same backend port ID"));
}

#[test]
fn gateway_error_body_gives_its_request_id_when_the_header_is_missing() {
    let e = classify(
        401,
        &h(&[JSON]),
        r#"{"error_code":"APIGW.0301","error_msg":"Incorrect IAM authentication information: token expired","request_id":"abc123"}"#,
    );
    assert_eq!(e.error_code.as_deref(), Some("APIGW.0301"));
    assert_eq!(e.request_id.as_deref(), Some("abc123"));
    assert!(e.hint.contains("expired"));
}

#[test]
fn the_header_request_id_wins_over_the_body() {
    let e = classify(
        401,
        &h(&[JSON, ("x-request-id", "from-header")]),
        r#"{"error_code":"APIGW.0301","error_msg":"m","request_id":"from-body"}"#,
    );
    assert_eq!(e.request_id.as_deref(), Some("from-header"));
}

#[test]
fn code_and_message_shape_is_read() {
    let e = classify(
        403,
        &h(&[JSON]),
        r#"{"code":"EndPoint.0004","message":"No permission."}"#,
    );
    assert_eq!(
        (e.error_code.as_deref(), e.error_msg.as_deref()),
        (Some("EndPoint.0004"), Some("No permission."))
    );
    assert!(e.hint.contains("permission"));
}

#[test]
fn nested_error_shape_is_read() {
    let e = classify(
        404,
        &h(&[JSON]),
        r#"{"error":{"code":"EndPoint.0005","message":"Resource not found.","request_id":"r-9"}}"#,
    );
    assert_eq!(e.error_code.as_deref(), Some("EndPoint.0005"));
    assert_eq!(e.error_msg.as_deref(), Some("Resource not found."));
    assert_eq!(e.request_id.as_deref(), Some("r-9"));
    assert!(e.hint.contains("service ID and the project ID"));
}

#[test]
fn a_numeric_code_is_read_as_text() {
    let e = classify(
        401,
        &h(&[JSON]),
        r#"{"code":401,"message":"The request you have made requires authentication."}"#,
    );
    assert_eq!(e.error_code.as_deref(), Some("401"));
}

#[test]
fn server_text_is_kept_verbatim_even_when_it_looks_like_markup() {
    let e = classify(
        400,
        &h(&[JSON]),
        r#"{"error_code":"EndPoint.0002","error_msg":"Parameter <b>error</b> & more."}"#,
    );
    assert_eq!(
        e.error_msg.as_deref(),
        Some("Parameter <b>error</b> & more.")
    );
}

#[test]
fn busy_service_3045_says_to_wait_for_available() {
    let e = classify(
        400,
        &h(&[JSON]),
        r#"{"error_code":"EndPoint.3045","error_msg":"Other properties cannot be modified in the current state."}"#,
    );
    assert!(e.hint.contains("available"));
}

#[test]
fn an_html_page_from_a_proxy_is_a_proxy_problem() {
    let page = "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>";
    let e = classify(502, &h(&[("Content-Type", "text/html"), RID]), page);
    assert_eq!(e.kind, ErrorKind::Proxy);
    assert_eq!(e.status, Some(502));
    assert_eq!(e.error_code, None);
    assert!(e.hint.contains("HTML page"));
    assert!(e.hint.contains("upstream"));
    assert_eq!(e.request_id.as_deref(), Some(RID.1));
    // Also without a content type.
    assert_eq!(classify(504, &[], page).kind, ErrorKind::Proxy);
}

#[test]
fn an_empty_body_is_a_proxy_problem() {
    let e = classify(500, &h(&[JSON]), "");
    assert_eq!(e.kind, ErrorKind::Proxy);
    assert!(e.hint.contains("no body"));
}

#[test]
fn malformed_or_foreign_json_is_a_proxy_problem() {
    assert_eq!(
        classify(500, &h(&[JSON]), r#"{"error_code":"EndPo"#).kind,
        ErrorKind::Proxy
    );
    assert!(classify(500, &h(&[JSON]), r#"{"status":"oops"}"#)
        .hint
        .contains("not an API error"));
}

#[test]
fn status_hints_cover_401_403_404_and_5xx() {
    for (status, word) in [
        (401, "token"),
        (403, "permission"),
        (404, "service ID"),
        (500, "try again"),
        (503, "proxy"),
    ] {
        let e = classify(
            status,
            &h(&[JSON]),
            r#"{"error_code":"X.1","error_msg":"m"}"#,
        );
        assert!(e.hint.contains(word), "{status}: {}", e.hint);
    }
}

#[test]
fn network_failures_name_the_proxy_and_cors() {
    let e = network_error("https://proxy.example/vpcep");
    assert_eq!(e.kind, ErrorKind::Network);
    assert_eq!(e.status, None);
    assert!(e.hint.contains("https://proxy.example/vpcep") && e.hint.contains("CORS"));
    let t = timeout_error(30);
    assert_eq!(t.kind, ErrorKind::Timeout);
    assert!(t.hint.contains("30 s"));
}

#[test]
fn success_reads_the_service_and_upgrade_needs_no_body() {
    let op = Operation::GetService { id: "x".into() };
    match read_response(&op, 200, &h(&[JSON]), r#"{"id":"x","status":"available"}"#) {
        Ok(Outcome::Service(s)) => assert_eq!(s.id, "x"),
        other => panic!("{other:?}"),
    }
    let up = Operation::UpgradeService { id: "x".into() };
    assert_eq!(read_response(&up, 204, &[], ""), Ok(Outcome::Upgraded));
}

#[test]
fn a_200_with_an_empty_or_broken_body_is_not_a_success() {
    let op = Operation::GetService { id: "x".into() };
    let e = read_response(&op, 200, &h(&[JSON, RID]), "").unwrap_err();
    assert_eq!(e.kind, ErrorKind::Proxy);
    assert!(e.hint.contains("empty body"));
    assert_eq!(e.request_id.as_deref(), Some(RID.1));
    let e = read_response(&op, 200, &h(&[JSON]), r#"{"id":"x","ports":[{"cli"#).unwrap_err();
    assert!(e.hint.contains("not an endpoint service"));
    let list = Operation::ListServices(Default::default());
    assert!(read_response(&list, 200, &h(&[JSON]), "[]").is_err());
    assert!(matches!(
        read_response(
            &list,
            200,
            &h(&[JSON]),
            r#"{"endpoint_services":[],"total_count":0}"#
        ),
        Ok(Outcome::List(_))
    ));
}

#[test]
fn an_error_status_on_any_operation_is_classified() {
    let up = Operation::UpgradeService { id: "x".into() };
    let e = read_response(
        &up,
        400,
        &h(&[JSON]),
        r#"{"error_code":"EndPoint.3045","error_msg":"busy"}"#,
    )
    .unwrap_err();
    assert_eq!(e.error_code.as_deref(), Some("EndPoint.3045"));
}

#[test]
fn an_unrecognised_answer_is_kept_verbatim_for_display() {
    let page = "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>";
    let e = classify(502, &h(&[("Content-Type", "text/html")]), page);
    assert_eq!(e.body_excerpt.as_deref(), Some(page));
    let long = "x".repeat(2000);
    let e = classify(500, &h(&[JSON]), &long);
    let kept = e.body_excerpt.unwrap();
    assert_eq!(
        kept.chars().count(),
        vpcep_console::api::error::EXCERPT_CHARS + 1
    );
    assert!(kept.ends_with('…'));
    // An API error needs no excerpt: its code and message are shown.
    let api = classify(
        400,
        &h(&[JSON]),
        r#"{"error_code":"EndPoint.0002","error_msg":"m"}"#,
    );
    assert_eq!(api.body_excerpt, None);
}

#[test]
fn an_upgrade_counts_only_as_204_or_an_empty_2xx() {
    let up = Operation::UpgradeService { id: "x".into() };
    assert_eq!(read_response(&up, 204, &[], ""), Ok(Outcome::Upgraded));
    assert_eq!(read_response(&up, 200, &[], ""), Ok(Outcome::Upgraded));
    let e = read_response(
        &up,
        200,
        &h(&[("Content-Type", "text/html")]),
        "<html>login</html>",
    )
    .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Proxy);
    assert!(e.hint.contains("204"), "{}", e.hint);
    assert_eq!(e.body_excerpt.as_deref(), Some("<html>login</html>"));
}

/// serde_json printed a numeric code in its own notation (`4.01e2` as `401.0`); the code is
/// now kept as the body wrote it. Integers read the same either way.
#[test]
fn a_numeric_error_code_is_kept_as_written() {
    for (code, shown) in [("401", "401"), ("-3", "-3"), ("4.01e2", "4.01e2")] {
        let e = classify(500, &[], &format!(r#"{{"code":{code},"message":"m"}}"#));
        assert_eq!(e.error_code.as_deref(), Some(shown));
    }
    // A key written twice: the last one counts, as it did.
    let e = classify(
        400,
        &[],
        r#"{"error_code":"A","error_code":"B","error_msg":"m"}"#,
    );
    assert_eq!(e.error_code.as_deref(), Some("B"));
    // Not JSON at all (a lone surrogate): the proxy's, not the API's.
    let e = classify(400, &[], r#"{"error_code":"\ud800","error_msg":"m"}"#);
    assert_eq!(e.kind, ErrorKind::Proxy);
}
