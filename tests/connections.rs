//! The Connections tab's core: what the server receives for the list and for accept and
//! reject, what the console reads back, and what the person is told.
#![cfg(not(target_arch = "wasm32"))]

use vpcep_console::api::access::RequestError;
use vpcep_console::api::connections::{
    action_summary, connection_action_request, connection_action_requests, connections_input,
    list_connections_request, read_connection_action, read_connection_list, ConnectionAction,
    ConnectionList, ConnectionQuery, ConnectionStatus, ConnectionsInput, ConnectionsView,
};
use vpcep_console::api::error::{classify, hint_for};
use vpcep_console::api::list::{SortDir, SortKey};
use vpcep_console::api::{Dialect, ErrorKind, Method, Settings, SettingsError};

const PROJECT: &str = "2b0c8e3f6a4d4e1b9c7f5a3d1e0b8c6a";
const SID: &str = "4189d3c2-8882-4871-a3c2-d380272eed83";
const EP: &str = "0a1b2c3d-1111-4222-8333-444455556666";
const TOKEN: &str = "MIIEXAMPLEtoken-0123456789abcdef";

fn settings(dialect: Dialect) -> Settings {
    Settings {
        proxy_url: "https://console.example.com/vpcep/".into(),
        project_id: PROJECT.into(),
        region: String::new(),
        dialect,
        token: TOKEN.into(),
        token_by_proxy: false,
        token_expired: false,
    }
}

fn base() -> String {
    format!("https://console.example.com/vpcep/v1/{PROJECT}/vpc-endpoint-services/{SID}")
}

fn list_url(view: &ConnectionsView, dialect: Dialect) -> String {
    list_connections_request(&settings(dialect), SID, &view.query())
        .unwrap()
        .url
}

fn h(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

const JSON: (&str, &str) = ("Content-Type", "application/json");

// ---- List: the exact request ----

#[test]
fn the_first_page_asks_for_the_default_order_without_an_offset() {
    assert_eq!(
        list_url(&ConnectionsView::default(), Dialect::OpenTelekom),
        format!(
            "{}/connections?sort_key=created_at&sort_dir=desc&limit=20",
            base()
        )
    );
    assert_eq!(
        list_url(&ConnectionsView::default(), Dialect::Huawei),
        format!(
            "{}/connections?sort_key=create_at&sort_dir=desc&limit=20",
            base()
        )
    );
}

#[test]
fn later_pages_send_the_offset_of_their_first_row() {
    let view = ConnectionsView {
        page: 3,
        page_size: 50,
        sort: SortKey::Updated,
        dir: SortDir::Asc,
        ..ConnectionsView::default()
    };
    assert_eq!(
        list_url(&view, Dialect::OpenTelekom),
        format!(
            "{}/connections?sort_key=updated_at&sort_dir=asc&limit=50&offset=100",
            base()
        )
    );
    assert_eq!(
        list_url(&view, Dialect::Huawei),
        format!(
            "{}/connections?sort_key=update_at&sort_dir=asc&limit=50&offset=100",
            base()
        )
    );
}

#[test]
fn an_offset_of_zero_is_never_sent() {
    let q = ConnectionQuery {
        offset: Some(0),
        limit: Some(10),
        ..ConnectionQuery::default()
    };
    let req = list_connections_request(&settings(Dialect::Huawei), SID, &q).unwrap();
    assert_eq!(req.url, format!("{}/connections?limit=10", base()));
}

#[test]
fn an_empty_query_asks_for_the_bare_list() {
    let req =
        list_connections_request(&settings(Dialect::Huawei), SID, &ConnectionQuery::default())
            .unwrap();
    assert_eq!(req.method, Method::Get);
    assert_eq!(req.url, format!("{}/connections", base()));
    assert_eq!(
        req.path,
        format!("/v1/{PROJECT}/vpc-endpoint-services/{SID}/connections")
    );
    assert_eq!(req.body, None);
    assert_eq!(req.header("Content-Type"), None);
    assert_eq!(req.header("X-Auth-Token"), Some(TOKEN));
}

#[test]
fn filters_are_sent_in_the_api_names_and_order() {
    let view = ConnectionsView {
        endpoint_id: format!(" {EP} "),
        marker_id: "422321321312321321".into(),
        status: Some(ConnectionStatus::PendingAcceptance),
        ..ConnectionsView::default()
    };
    assert_eq!(
        list_url(&view, Dialect::OpenTelekom),
        format!("{}/connections?id={EP}&marker_id=422321321312321321&status=pendingAcceptance&sort_key=created_at&sort_dir=desc&limit=20", base())
    );
    assert!(view.is_filtered());
    assert!(view.problems().is_empty());
}

#[test]
fn only_the_four_filterable_statuses_reach_the_status_filter() {
    let names: Vec<&str> = ConnectionStatus::FILTERABLE
        .iter()
        .map(|s| s.as_str())
        .collect();
    assert_eq!(
        names,
        ["pendingAcceptance", "accepted", "rejected", "failed"]
    );
    for s in ConnectionStatus::FILTERABLE {
        let q = ConnectionQuery {
            status: Some(s.clone()),
            ..ConnectionQuery::default()
        };
        let url = list_connections_request(&settings(Dialect::Huawei), SID, &q)
            .unwrap()
            .url;
        assert!(url.ends_with(&format!("?status={}", s.as_str())), "{url}");
    }
    for s in [ConnectionStatus::Creating, ConnectionStatus::Deleting] {
        let q = ConnectionQuery {
            status: Some(s.clone()),
            ..ConnectionQuery::default()
        };
        let err = list_connections_request(&settings(Dialect::Huawei), SID, &q).unwrap_err();
        assert!(
            matches!(&err, RequestError::Input(m) if m.contains(s.label())),
            "{err:?}"
        );
        let view = ConnectionsView {
            status: Some(s),
            ..ConnectionsView::default()
        };
        assert_eq!(view.problems()[0].0, ConnectionsInput::StatusFilter);
    }
}

#[test]
fn the_limit_is_0_to_1000() {
    for (limit, ok) in [(0, true), (1000, true), (1001, false)] {
        let q = ConnectionQuery {
            limit: Some(limit),
            ..ConnectionQuery::default()
        };
        let r = list_connections_request(&settings(Dialect::Huawei), SID, &q);
        assert_eq!(r.is_ok(), ok, "{limit}: {r:?}");
        if ok {
            assert!(r.unwrap().url.ends_with(&format!("?limit={limit}")));
        }
    }
    // A view never asks for more than the API gives.
    let view = ConnectionsView {
        page_size: 5000,
        ..ConnectionsView::default()
    };
    assert_eq!(view.query().limit, Some(1000));
}

#[test]
fn a_marker_id_filter_must_be_a_whole_number() {
    let view = ConnectionsView {
        marker_id: "12a".into(),
        ..ConnectionsView::default()
    };
    assert_eq!(view.problems()[0].0, ConnectionsInput::MarkerFilter);
    assert!(list_connections_request(&settings(Dialect::Huawei), SID, &view.query()).is_err());
}

#[test]
fn a_bad_endpoint_id_filter_is_refused_before_it_is_sent() {
    let view = ConnectionsView {
        endpoint_id: "../permissions".into(),
        ..ConnectionsView::default()
    };
    assert_eq!(view.problems()[0].0, ConnectionsInput::EndpointFilter);
    let err = list_connections_request(&settings(Dialect::Huawei), SID, &view.query()).unwrap_err();
    assert!(err.message().contains("endpoint ID"), "{err}");
}

#[test]
fn the_pending_badge_asks_for_one_row_of_the_waiting_connections() {
    let req = list_connections_request(
        &settings(Dialect::OpenTelekom),
        SID,
        &ConnectionQuery::pending_count(),
    )
    .unwrap();
    assert_eq!(
        req.url,
        format!("{}/connections?status=pendingAcceptance&limit=1", base())
    );
}

#[test]
fn a_bad_service_id_or_missing_token_is_a_settings_error() {
    let err = list_connections_request(
        &settings(Dialect::Huawei),
        "a/b",
        &ConnectionQuery::default(),
    )
    .unwrap_err();
    assert!(
        matches!(err, RequestError::Settings(SettingsError::ServiceId(_))),
        "{err:?}"
    );
    let mut s = settings(Dialect::Huawei);
    s.token.clear();
    let err = connection_action_request(&s, SID, ConnectionAction::Accept, EP).unwrap_err();
    assert!(
        matches!(err, RequestError::Settings(SettingsError::Token(_))),
        "{err:?}"
    );
}

#[test]
fn page_count_and_first_page() {
    let view = ConnectionsView {
        page: 4,
        ..ConnectionsView::default()
    };
    assert_eq!(view.page_count(0), 1);
    assert_eq!(view.page_count(41), 3);
    assert_eq!(view.first_page().page, 1);
    assert!(!ConnectionsView::default().is_filtered());
}

// ---- Accept and reject ----

#[test]
fn accept_is_sent_as_receive_for_one_endpoint() {
    for dialect in Dialect::ALL {
        let req = connection_action_request(&settings(dialect), SID, ConnectionAction::Accept, EP)
            .unwrap();
        assert_eq!(req.method, Method::Post);
        assert_eq!(req.url, format!("{}/connections/action", base()));
        assert_eq!(
            req.body.as_deref(),
            Some(r#"{"action":"receive","endpoints":["0a1b2c3d-1111-4222-8333-444455556666"]}"#)
        );
        assert_eq!(req.header("Content-Type"), Some("application/json"));
    }
}

#[test]
fn reject_is_sent_as_reject() {
    let req = connection_action_request(
        &settings(Dialect::OpenTelekom),
        SID,
        ConnectionAction::Reject,
        &format!(" {EP}\n"),
    )
    .unwrap();
    assert_eq!(
        req.body.as_deref(),
        Some(format!(r#"{{"action":"reject","endpoints":["{EP}"]}}"#).as_str())
    );
}

#[test]
fn several_selected_endpoints_become_one_request_each() {
    let ids = vec![
        EP.to_owned(),
        "1b2c3d4e-2222-4333-8444-555566667777".to_owned(),
        EP.to_owned(),
    ];
    let reqs = connection_action_requests(
        &settings(Dialect::Huawei),
        SID,
        ConnectionAction::Accept,
        &ids,
    )
    .unwrap();
    assert_eq!(reqs.len(), 2, "each endpoint once");
    for (id, req) in &reqs {
        let body: serde_json::Value = serde_json::from_str(req.body.as_deref().unwrap()).unwrap();
        assert_eq!(body["endpoints"], serde_json::json!([id]));
        assert_eq!(body["action"], "receive");
    }
    assert_eq!(reqs[0].0, EP);
    assert_eq!(reqs[1].0, "1b2c3d4e-2222-4333-8444-555566667777");
}

#[test]
fn a_bad_selected_id_is_named_and_nothing_is_sent() {
    let ids = vec![EP.to_owned(), "bad id!".to_owned()];
    let err = connection_action_requests(
        &settings(Dialect::Huawei),
        SID,
        ConnectionAction::Reject,
        &ids,
    )
    .unwrap_err();
    assert!(err.message().contains("bad id!"), "{err}");
    let err = connection_action_requests(
        &settings(Dialect::Huawei),
        SID,
        ConnectionAction::Reject,
        &[],
    )
    .unwrap_err();
    assert_eq!(err.message(), "Select at least one endpoint to reject.");
}

#[test]
fn the_shown_request_never_carries_the_token() {
    let req = connection_action_request(
        &settings(Dialect::Huawei),
        SID,
        ConnectionAction::Accept,
        EP,
    )
    .unwrap();
    let curl = req.to_curl();
    assert!(!curl.contains(TOKEN), "{curl}");
    assert!(curl.contains("\"X-Auth-Token: $TOKEN\""), "{curl}");
    assert!(
        curl.contains("--data-raw '{\"action\":\"receive\""),
        "{curl}"
    );
    assert!(curl.starts_with(&format!("curl -X POST '{}/connections/action'", base())));
    let shown = req.masked_headers();
    assert!(shown.iter().all(|(_, v)| !v.contains(TOKEN)), "{shown:?}");
    assert!(shown
        .iter()
        .any(|(n, v)| n == "X-Auth-Token" && v.starts_with("MIIE••••")));
    // Only the header carries it on the wire: never the URL or the body.
    assert!(!req.url.contains(TOKEN) && !req.body.unwrap().contains(TOKEN));
}

#[test]
fn a_token_added_by_the_proxy_is_never_sent() {
    let mut s = settings(Dialect::Huawei);
    s.token_by_proxy = true;
    s.token.clear();
    let req = list_connections_request(&s, SID, &ConnectionQuery::default()).unwrap();
    assert_eq!(req.header("X-Auth-Token"), None);
    assert!(!req.to_curl().contains("X-Auth-Token"));
}

// ---- Reading the answers ----

const SAMPLE_LIST: &str = r#"{"connections":[{"id":"0a1b2c3d-1111-4222-8333-444455556666","marker_id":302010001,
 "domain_id":"0123456789abcdef0123456789abcdef","status":"pendingAcceptance",
 "created_at":"2024-05-06T08:09:10Z","updated_at":"2024-05-06T08:09:10Z"}],"total_count":1}"#;

#[test]
fn the_reference_sample_list_is_read() {
    let list = read_connection_list(200, &h(&[JSON]), SAMPLE_LIST).unwrap();
    assert_eq!(list.total_count, 1);
    let c = &list.connections[0];
    assert_eq!(c.id, EP);
    assert_eq!(c.marker_id.as_deref(), Some("302010001"));
    assert_eq!(
        c.domain_id.as_deref(),
        Some("0123456789abcdef0123456789abcdef")
    );
    assert_eq!(c.status, ConnectionStatus::PendingAcceptance);
    assert_eq!(c.status.label(), "Waiting for approval");
    assert_eq!(c.created_at.as_deref(), Some("2024-05-06T08:09:10Z"));
    assert!(c.error.is_empty());
    assert!(c.allows(ConnectionAction::Accept) && c.allows(ConnectionAction::Reject));
    assert_eq!(list.pending().count(), 1);
}

#[test]
fn a_marker_id_beyond_2_pow_53_survives_exactly() {
    // 422321321312321321 as an f64 is 422321321312321300.
    let body = r#"{"connections":[{"id":"e1","marker_id":422321321312321321,"status":"accepted"}],"total_count":1}"#;
    let list = ConnectionList::from_json(body).unwrap();
    let marker = list.connections[0].marker_id.clone().unwrap();
    assert_eq!(marker, "422321321312321321");
    assert_ne!(format!("{}", 422321321312321321u64 as f64), marker);
    // And back into the filter, digit for digit.
    let q = ConnectionQuery {
        marker_id: marker,
        ..ConnectionQuery::default()
    };
    let url = list_connections_request(&settings(Dialect::Huawei), SID, &q)
        .unwrap()
        .url;
    assert!(
        url.ends_with("/connections?marker_id=422321321312321321"),
        "{url}"
    );
    // Beyond u64 too: the text is kept, not a number type.
    let huge = r#"{"connections":[{"id":"e1","marker_id":123456789012345678901234567890}]}"#;
    assert_eq!(
        ConnectionList::from_json(huge).unwrap().connections[0]
            .marker_id
            .as_deref(),
        Some("123456789012345678901234567890")
    );
}

#[test]
fn a_marker_id_sent_as_a_string_of_digits_is_read_alike() {
    let body = r#"{"connections":[{"id":"e1","marker_id":"422321321312321321"}]}"#;
    let list = ConnectionList::from_json(body).unwrap();
    assert_eq!(
        list.connections[0].marker_id.as_deref(),
        Some("422321321312321321")
    );
}

#[test]
fn a_marker_id_that_is_not_an_integer_is_an_unreadable_answer_that_says_why() {
    for bad in ["3.5", "-1", "1e3", "\"x1\"", "true"] {
        let body = format!(r#"{{"connections":[{{"id":"e1","marker_id":{bad}}}]}}"#);
        let e = read_connection_list(200, &h(&[JSON]), &body).unwrap_err();
        assert_eq!(e.kind, ErrorKind::Proxy, "{bad}");
        assert!(e.hint.contains("not a list of connections"), "{}", e.hint);
        assert!(
            e.hint
                .contains("connections[0]: `marker_id` must be a non-negative integer"),
            "{}",
            e.hint
        );
    }
}

#[test]
fn every_status_has_its_words_and_an_unknown_one_is_kept() {
    let words: Vec<(&str, &str)> = ConnectionStatus::KNOWN
        .iter()
        .map(|s| (s.as_str(), s.label()))
        .collect();
    assert_eq!(
        words,
        [
            ("pendingAcceptance", "Waiting for approval"),
            ("creating", "Connecting"),
            ("accepted", "Accepted"),
            ("rejected", "Rejected"),
            ("failed", "Failed"),
            ("deleting", "Deleting"),
        ]
    );
    let odd = ConnectionStatus::parse("migrating");
    assert_eq!(odd, ConnectionStatus::Other("migrating".into()));
    assert_eq!(odd.label(), "migrating");
    assert_eq!(odd.as_str(), "migrating");
    assert_eq!(ConnectionStatus::parse("").label(), "Unknown");
    assert_eq!(
        ConnectionStatus::parse("PendingAcceptance"),
        ConnectionStatus::PendingAcceptance
    );
}

#[test]
fn a_failed_row_keeps_its_reasons_and_unknown_fields_are_ignored() {
    let body = r#"{"connections":[{"id":"e1","status":"failed","description":"hwc only",
      "error":[{"error_code":"EndPoint.9999","error_message":"subnet full"}],"future":{"x":1}},
      {"id":"e2","status":"creating","error":null}],"total_count":7}"#;
    let list = read_connection_list(200, &[], body).unwrap();
    assert_eq!(list.total_count, 7);
    let failed = &list.connections[0];
    assert_eq!(failed.description.as_deref(), Some("hwc only"));
    assert_eq!(failed.error[0].error_code.as_deref(), Some("EndPoint.9999"));
    assert_eq!(
        failed.error[0].error_message.as_deref(),
        Some("subnet full")
    );
    assert!(!failed.allows(ConnectionAction::Reject));
    let creating = &list.connections[1];
    assert_eq!(creating.status.label(), "Connecting");
    assert!(
        !creating.allows(ConnectionAction::Accept) && !creating.allows(ConnectionAction::Reject)
    );
}

#[test]
fn a_row_without_an_id_is_named() {
    let e = read_connection_list(
        200,
        &[],
        r#"{"connections":[{"id":"e1"},{"status":"accepted"}]}"#,
    )
    .unwrap_err();
    assert!(
        e.hint.contains("connections[1]: missing field `id`"),
        "{}",
        e.hint
    );
}

#[test]
fn the_action_answer_lists_the_changed_connection() {
    let body = format!(
        r#"{{"connections":[{{"id":"{EP}","marker_id":302010001,"domain_id":"d1","status":"accepted",
        "created_at":"2024-05-06T08:09:10Z","updated_at":"2024-05-06T09:00:00Z"}}]}}"#
    );
    let changed = read_connection_action(200, &h(&[JSON]), &body).unwrap();
    assert_eq!(changed.len(), 1);
    assert_eq!(changed[0].status, ConnectionStatus::Accepted);
    assert_eq!(
        changed[0].updated_at.as_deref(),
        Some("2024-05-06T09:00:00Z")
    );
}

#[test]
fn an_html_page_instead_of_the_list_is_not_an_empty_list() {
    let e = read_connection_list(200, &h(&[("Content-Type", "text/html")]), "<html>hi</html>")
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Proxy);
    let e = read_connection_list(200, &[], "").unwrap_err();
    assert!(e.hint.contains("empty body"), "{}", e.hint);
    let e = read_connection_list(200, &[], "[]").unwrap_err();
    assert!(e.hint.contains("expected an object"), "{}", e.hint);
}

// ---- Errors: words, any case, and where they belong ----

#[test]
fn action_errors_keep_the_servers_words_and_add_the_consoles() {
    let e = read_connection_action(
        400,
        &h(&[JSON, ("X-Request-Id", "rid-1")]),
        r#"{"error_code":"Endpoint.2013","error_msg":"The endpoint does not belong to the service."}"#,
    )
    .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Api);
    assert_eq!(e.error_code.as_deref(), Some("Endpoint.2013"));
    assert_eq!(
        e.error_msg.as_deref(),
        Some("The endpoint does not belong to the service.")
    );
    assert_eq!(e.request_id.as_deref(), Some("rid-1"));
    assert!(
        e.hint.contains("not connecting to this endpoint service"),
        "{}",
        e.hint
    );
}

#[test]
fn error_codes_are_recognised_in_any_case() {
    for code in [
        "EndPoint.2031",
        "Endpoint.2031",
        "ENDPOINT.2031",
        "endpoint.2031",
    ] {
        assert!(hint_for(400, Some(code)).contains("one endpoint"), "{code}");
    }
}

#[test]
fn every_connections_code_has_its_own_words() {
    let generic = hint_for(400, None);
    for code in [
        "2031", "2013", "2014", "2006", "2017", "2018", "2019", "0007", "2027", "0006", "0010",
        "0017", "0018", "0019", "0021", "2003",
    ] {
        let hint = hint_for(400, Some(&format!("EndPoint.{code}")));
        assert_ne!(hint, generic, "{code}");
        assert_eq!(
            hint,
            hint_for(400, Some(&format!("Endpoint.{code}"))),
            "{code}"
        );
    }
    assert!(hint_for(400, Some("EndPoint.2018")).contains("being deleted"));
    assert!(hint_for(400, Some("EndPoint.2019")).contains("still being created"));
    assert!(hint_for(400, Some("EndPoint.0007")).contains("`receive`"));
}

#[test]
fn an_action_error_about_the_endpoint_points_at_its_row() {
    for code in [
        "EndPoint.2013",
        "Endpoint.2014",
        "EndPoint.2006",
        "EndPoint.2018",
        "EndPoint.2019",
    ] {
        let e = classify(
            400,
            &[],
            &format!(r#"{{"error_code":"{code}","error_msg":"m"}}"#),
        );
        assert_eq!(
            connections_input(&e, Some(EP)),
            Some(ConnectionsInput::Row(EP.into())),
            "{code}"
        );
    }
    let e = classify(
        400,
        &[],
        r#"{"error_code":"EndPoint.0021","error_msg":"m"}"#,
    );
    assert_eq!(
        connections_input(&e, None),
        Some(ConnectionsInput::MarkerFilter)
    );
    let e = classify(
        400,
        &[],
        r#"{"error_code":"EndPoint.0019","error_msg":"m"}"#,
    );
    assert_eq!(
        connections_input(&e, None),
        Some(ConnectionsInput::StatusFilter)
    );
    let e = classify(
        400,
        &[],
        r#"{"error_code":"EndPoint.0010","error_msg":"m"}"#,
    );
    assert_eq!(connections_input(&e, None), Some(ConnectionsInput::Page));
    let e = classify(
        400,
        &[],
        r#"{"error_code":"EndPoint.0017","error_msg":"m"}"#,
    );
    assert_eq!(connections_input(&e, None), Some(ConnectionsInput::Sort));
    let e = classify(
        400,
        &[],
        r#"{"error_code":"EndPoint.2003","error_msg":"m"}"#,
    );
    assert_eq!(connections_input(&e, None), Some(ConnectionsInput::Service));
    let e = classify(401, &[], r#"{"error_code":"APIGW.0301","error_msg":"m"}"#);
    assert_eq!(connections_input(&e, Some(EP)), None);
    assert_eq!(
        ConnectionsInput::Row(EP.into()).dom_id(),
        format!("conn-row-{EP}")
    );
}

#[test]
fn actions_have_console_words_with_the_api_name_second() {
    assert_eq!(ConnectionAction::Accept.label(), "Accept");
    assert_eq!(ConnectionAction::Accept.api_name(), "receive");
    assert_eq!(ConnectionAction::Reject.label(), "Reject");
    assert_eq!(ConnectionAction::Reject.api_name(), "reject");
    assert_eq!(
        action_summary(ConnectionAction::Accept, 3, 0),
        "Accepted 3 connections."
    );
    assert_eq!(
        action_summary(ConnectionAction::Reject, 2, 1),
        "Rejected 2 of 3 connections; 1 failed."
    );
    assert_eq!(
        action_summary(ConnectionAction::Accept, 1, 0),
        "Accepted 1 connection."
    );
}

// ---- The first screen's wire: services, and a pending count ----

/// The service page and the list read a connection list for its count only, with the
/// builders and readers of the first download (`SERVICES`); the tabs read it in full
/// (`EVERY`), and only the tabs send connection actions.
#[test]
fn the_first_screen_reads_a_connection_list_as_its_pending_count_only() {
    use vpcep_console::api::{Operation, Outcome, EVERY, SERVICES};
    let s = settings(Dialect::Huawei);
    let count = Operation::ListConnections {
        service_id: SID.into(),
        query: ConnectionQuery::pending_count(),
    };
    // The same request either way.
    assert_eq!(
        (SERVICES.build)(&s, &count).unwrap(),
        (EVERY.build)(&s, &count).unwrap()
    );
    assert_eq!(
        (SERVICES.read)(&count, 200, &h(&[JSON]), SAMPLE_LIST).unwrap(),
        Outcome::Pending(1)
    );
    match (EVERY.read)(&count, 200, &h(&[JSON]), SAMPLE_LIST).unwrap() {
        Outcome::Connections(list) => assert_eq!(list.connections[0].id, EP),
        other => panic!("{other:?}"),
    }
    // Rows the tab could not read still give a count; no count is not one.
    let odd = r#"{"connections": [{"id": 5}], "total_count": 3}"#;
    assert_eq!(
        (SERVICES.read)(&count, 200, &h(&[JSON]), odd).unwrap(),
        Outcome::Pending(3)
    );
    assert!((EVERY.read)(&count, 200, &h(&[JSON]), odd).is_err());
    let none = (SERVICES.read)(&count, 200, &h(&[JSON]), r#"{"connections": []}"#).unwrap_err();
    assert!(none.hint.contains("a list of connections"), "{none:?}");
    // An error is the API's, whichever reads it.
    let denied = r#"{"error_code": "EndPoint.0003", "error_msg": "token expired"}"#;
    assert_eq!(
        (SERVICES.read)(&count, 401, &h(&[JSON]), denied).unwrap_err(),
        classify(401, &h(&[JSON]), denied)
    );

    let accept = Operation::ConnectionAction {
        service_id: SID.into(),
        action: ConnectionAction::Accept,
        endpoint_id: EP.into(),
    };
    assert!(matches!(
        (SERVICES.build)(&s, &accept),
        Err(SettingsError::Input(m)) if m.contains("connection_action")
    ));
    assert_eq!((EVERY.build)(&s, &accept).unwrap().method, Method::Post);
}
