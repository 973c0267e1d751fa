//! Accept and reject through the batch runner: the connections and whitelist calls as
//! `Operation`s (built by their own builders, read as their own outcomes), one request per
//! endpoint with exactly one endpoint in it, the watch until `creating` settles (bounded),
//! per-row errors, throttling, cancel; and the service page's tab in the URL.
#![cfg(not(target_arch = "wasm32"))]

use serde_json::{json, Value};
use vpcep_console::api::batch::{Answer, RowStatus, RunOptions, Runner, StepKind, Work};
use vpcep_console::api::connection_job::ConnectionJob;
use vpcep_console::api::connections::{
    connection_action_request, list_connections_request, ConnectionAction, ConnectionQuery,
    ConnectionStatus, ConnectionsView,
};
use vpcep_console::api::poll::PollPolicy;
use vpcep_console::api::route::{Route, ServiceTab};
use vpcep_console::api::whitelist::{
    list_permissions_request, permission_action_request, plan_add, WhitelistView,
};
use vpcep_console::api::{
    build_request, read_response, Dialect, Method, Operation, Outcome, Settings, SettingsError,
};

const PROJECT: &str = "2b0c8e3f6a4d4e1b9c7f5a3d1e0b8c6a";
const SID: &str = "4189d3c2-8882-4871-a3c2-d380272eed83";
const TOKEN: &str = "MIIEXAMPLE-secret-token-value-0123456789";

fn settings(dialect: Dialect) -> Settings {
    Settings {
        proxy_url: "https://console.example.com/vpcep".into(),
        project_id: PROJECT.into(),
        region: String::new(),
        dialect,
        token: TOKEN.into(),
        token_by_proxy: false,
        token_expired: false,
    }
}

fn ep(k: usize) -> String {
    format!("0a1b2c3d-0001-4{k:03}-8333-444455556666")
}

fn poll(max_attempts: u32) -> PollPolicy {
    PollPolicy {
        interval_ms: 1000,
        max_attempts,
    }
}

fn fast() -> RunOptions {
    RunOptions {
        concurrency: 2,
        rate_per_second: 50.0,
        base_delay_ms: 100.0,
        ..RunOptions::default()
    }
}

fn row(id: &str, status: &str) -> Value {
    json!({"id": id, "marker_id": 9007199254740993u64, "domain_id": "0123456789abcdef0123456789abcdef",
           "status": status, "created_at": "2025-05-06T08:09:10Z", "updated_at": "2025-05-06T08:09:10Z"})
}

/// The action's answer: the row after the change.
fn changed(id: &str, status: &str) -> Answer {
    Answer::http(
        200,
        &json!({"connections": [row(id, status)]}).to_string(),
        Some("req-1"),
    )
}

/// A watch's answer: the list filtered by the endpoint's ID.
fn listed(id: &str, status: &str) -> Answer {
    Answer::http(
        200,
        &json!({"connections": [row(id, status)], "total_count": 1}).to_string(),
        None,
    )
}

fn runner(action: ConnectionAction, ids: &[String], max_attempts: u32) -> Runner<ConnectionJob> {
    Runner::new(
        ConnectionJob::for_selection(SID, action, ids, poll(max_attempts)).unwrap(),
        fast(),
    )
}

fn body(work: &Work) -> Value {
    serde_json::from_str(work.request.body.as_deref().expect("a body")).unwrap()
}

// ---- The operations: one builder each, whoever sends ----

#[test]
fn each_access_operation_builds_exactly_the_request_of_its_own_builder() {
    let s = settings(Dialect::Huawei);
    let view = ConnectionsView {
        page: 3,
        status: Some(ConnectionStatus::PendingAcceptance),
        ..ConnectionsView::default()
    };
    assert_eq!(
        build_request(
            &s,
            &Operation::ListConnections {
                service_id: SID.into(),
                query: view.query()
            }
        ),
        Ok(list_connections_request(&s, SID, &view.query()).unwrap())
    );
    assert_eq!(
        build_request(
            &s,
            &Operation::ConnectionAction {
                service_id: SID.into(),
                action: ConnectionAction::Accept,
                endpoint_id: ep(1),
            }
        ),
        Ok(connection_action_request(&s, SID, ConnectionAction::Accept, &ep(1)).unwrap())
    );
    let wl = WhitelistView::default().query();
    assert_eq!(
        build_request(
            &s,
            &Operation::ListPermissions {
                service_id: SID.into(),
                query: wl.clone()
            }
        ),
        Ok(list_permissions_request(&s, SID, &wl).unwrap())
    );
    let add = plan_add("abc123 *", &[], Dialect::Huawei).actions(Dialect::Huawei);
    assert_eq!(
        build_request(
            &s,
            &Operation::PermissionAction {
                service_id: SID.into(),
                action: add[0].clone()
            }
        ),
        Ok(permission_action_request(&s, SID, &add[0]).unwrap())
    );
}

#[test]
fn accept_is_sent_as_receive_with_one_endpoint_and_the_token_only_in_its_header() {
    let req = build_request(
        &settings(Dialect::OpenTelekom),
        &Operation::ConnectionAction {
            service_id: SID.into(),
            action: ConnectionAction::Accept,
            endpoint_id: ep(1),
        },
    )
    .unwrap();
    assert_eq!(req.method, Method::Post);
    assert_eq!(
        req.url,
        format!("https://console.example.com/vpcep/v1/{PROJECT}/vpc-endpoint-services/{SID}/connections/action")
    );
    assert_eq!(
        req.body.as_deref(),
        Some(format!(r#"{{"action":"receive","endpoints":["{}"]}}"#, ep(1)).as_str())
    );
    assert_eq!(req.header("X-Auth-Token"), Some(TOKEN));
    assert_eq!(req.header("Content-Type"), Some("application/json"));
    assert!(!req.url.contains(TOKEN) && !req.body.unwrap().contains(TOKEN));
}

#[test]
fn a_wrong_endpoint_or_page_size_is_refused_before_anything_is_built() {
    let s = settings(Dialect::Huawei);
    let bad_id = build_request(
        &s,
        &Operation::ConnectionAction {
            service_id: SID.into(),
            action: ConnectionAction::Reject,
            endpoint_id: "../../v3/auth".into(),
        },
    );
    assert!(
        matches!(&bad_id, Err(SettingsError::Input(m)) if m.contains("endpoint ID")),
        "{bad_id:?}"
    );
    let too_many = build_request(
        &s,
        &Operation::ListConnections {
            service_id: SID.into(),
            query: ConnectionQuery {
                limit: Some(1001),
                ..ConnectionQuery::default()
            },
        },
    );
    assert!(matches!(too_many, Err(SettingsError::Input(_))));
    // A missing token is still the settings' problem.
    let no_token = build_request(
        &Settings {
            token: String::new(),
            ..s
        },
        &Operation::ListPermissions {
            service_id: SID.into(),
            query: WhitelistView::default().query(),
        },
    );
    assert!(matches!(no_token, Err(SettingsError::Token(_))));
}

#[test]
fn each_answer_is_read_as_its_own_outcome_marker_ids_whole() {
    let list_op = Operation::ListConnections {
        service_id: SID.into(),
        query: ConnectionQuery::pending_count(),
    };
    let body = r#"{"connections":[{"id":"e1","marker_id":422321321312321321,"status":"pendingAcceptance"}],"total_count":3}"#;
    match read_response(&list_op, 200, &[], body) {
        Ok(Outcome::Connections(list)) => {
            assert_eq!(list.total_count, 3);
            assert_eq!(
                list.connections[0].marker_id.as_deref(),
                Some("422321321312321321")
            );
        }
        other => panic!("{other:?}"),
    }
    let action_op = Operation::ConnectionAction {
        service_id: SID.into(),
        action: ConnectionAction::Accept,
        endpoint_id: "e1".into(),
    };
    match read_response(
        &action_op,
        200,
        &[],
        r#"{"connections":[{"id":"e1","status":"creating"}]}"#,
    ) {
        Ok(Outcome::ConnectionsChanged(rows)) => {
            assert_eq!(rows[0].status, ConnectionStatus::Creating)
        }
        other => panic!("{other:?}"),
    }
    // The error code keeps its case (Endpoint.2013, lower-case p) and its message.
    let err = read_response(
        &action_op,
        400,
        &[],
        r#"{"error_code":"Endpoint.2013","error_msg":"The endpoint is not connected to this service."}"#,
    )
    .unwrap_err();
    assert_eq!(err.error_code.as_deref(), Some("Endpoint.2013"));
    let wl_op = Operation::ListPermissions {
        service_id: SID.into(),
        query: WhitelistView::default().query(),
    };
    match read_response(
        &wl_op,
        200,
        &[],
        r#"{"permissions":[{"id":"r1","permission":"*","permission_type":"domainId"}],"total_count":1}"#,
    ) {
        Ok(Outcome::Permissions(list)) => assert!(list.grants_everyone()),
        other => panic!("{other:?}"),
    }
    let add_op = Operation::PermissionAction {
        service_id: SID.into(),
        action: plan_add("abc", &[], Dialect::Huawei).actions(Dialect::Huawei)[0].clone(),
    };
    assert!(matches!(
        read_response(&add_op, 200, &[], r#"{"permissions":["iam:domain::abc"]}"#),
        Ok(Outcome::PermissionsChanged(_))
    ));
    // A 200 of the wrong shape is not an empty list.
    assert!(read_response(&list_op, 200, &[], r#"{"connections":"none"}"#).is_err());
}

// ---- Through the runner ----

#[test]
fn endpoints_selected_together_become_one_request_each_with_exactly_one_endpoint() {
    let ids = vec![ep(1), ep(2), ep(1), ep(3)];
    let mut r = runner(ConnectionAction::Accept, &ids, 5);
    assert_eq!(r.rows().len(), 3, "an endpoint selected twice is sent once");
    let s = settings(Dialect::Huawei);
    let mut sent: Vec<Value> = Vec::new();
    let mut now = 0.0;
    while !r.is_finished() {
        let works = r.next_work(now, &s);
        assert!(r.in_flight() <= 2, "at most two requests at once");
        for w in works {
            assert_eq!(w.step, StepKind::Send);
            assert_eq!(w.request.method, Method::Post);
            assert!(w.request.path.ends_with("/connections/action"));
            let b = body(&w);
            let id = b["endpoints"][0].as_str().unwrap().to_owned();
            sent.push(b);
            r.complete(w.id, changed(&id, "accepted"), now);
        }
        now += 20.0;
    }
    assert_eq!(
        sent,
        vec![
            json!({"action": "receive", "endpoints": [ep(1)]}),
            json!({"action": "receive", "endpoints": [ep(2)]}),
            json!({"action": "receive", "endpoints": [ep(3)]}),
        ]
    );
    for row in r.rows() {
        assert_eq!(
            row.status,
            RowStatus::Done {
                note: "Accepted".into()
            }
        );
        assert_eq!(row.job.status(), Some(&ConnectionStatus::Accepted));
        assert_eq!(row.tries.len(), 1, "settled at once: no watch");
    }
}

#[test]
fn an_accept_answered_creating_is_watched_by_id_until_it_is_accepted() {
    let mut r = runner(ConnectionAction::Accept, &[ep(1)], 5);
    let s = settings(Dialect::Huawei);
    let send = r.next_work(0.0, &s).pop().unwrap();
    r.complete(send.id, changed(&ep(1), "creating"), 10.0);
    assert_eq!(
        r.rows()[0].job.status(),
        Some(&ConnectionStatus::Creating),
        "the row shows what the API answered"
    );
    assert!(
        r.next_work(500.0, &s).is_empty(),
        "the watch waits its interval"
    );
    let watch = r.next_work(1010.0, &s).pop().unwrap();
    assert_eq!(watch.step, StepKind::Watch);
    assert_eq!(watch.request.method, Method::Get);
    assert!(
        watch
            .request
            .path
            .ends_with(&format!("/connections?id={}", ep(1))),
        "{}",
        watch.request.path
    );
    r.complete(watch.id, listed(&ep(1), "creating"), 1020.0);
    let watch = r.next_work(2020.0, &s).pop().unwrap();
    r.complete(watch.id, listed(&ep(1), "accepted"), 2030.0);
    assert!(r.is_finished());
    assert_eq!(
        r.rows()[0].status,
        RowStatus::Done {
            note: "Accepted".into()
        }
    );
    assert_eq!(r.rows()[0].tries.len(), 3);
}

#[test]
fn the_watch_stops_after_its_attempts_and_says_the_change_is_not_confirmed() {
    let mut r = runner(ConnectionAction::Accept, &[ep(1)], 3);
    let s = settings(Dialect::Huawei);
    let mut now = 0.0;
    let mut gets = 0;
    while !r.is_finished() {
        for w in r.next_work(now, &s) {
            let answer = if w.step == StepKind::Send {
                changed(&ep(1), "creating")
            } else {
                gets += 1;
                listed(&ep(1), "creating")
            };
            r.complete(w.id, answer, now);
        }
        now += 250.0;
        assert!(now < 60_000.0, "the watch never ended");
    }
    assert_eq!(gets, 3, "exactly max_attempts reads");
    match &r.rows()[0].status {
        RowStatus::Unconfirmed { reason } => {
            assert!(
                reason.contains("Connecting after 3 status checks"),
                "{reason}"
            )
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_reject_is_one_request_and_the_row_shows_rejected() {
    let mut r = runner(ConnectionAction::Reject, &[ep(4)], 5);
    let s = settings(Dialect::OpenTelekom);
    let w = r.next_work(0.0, &s).pop().unwrap();
    assert_eq!(body(&w), json!({"action": "reject", "endpoints": [ep(4)]}));
    r.complete(w.id, changed(&ep(4), "rejected"), 5.0);
    assert!(r.is_finished());
    assert!(r.next_work(5000.0, &s).is_empty());
    assert_eq!(r.rows()[0].job.status(), Some(&ConnectionStatus::Rejected));
}

#[test]
fn an_error_fails_its_own_row_only_and_retry_failed_sends_that_one_again() {
    let mut r = runner(ConnectionAction::Accept, &[ep(1), ep(2)], 5);
    let s = settings(Dialect::Huawei);
    let mut now = 0.0;
    while !r.is_finished() {
        for w in r.next_work(now, &s) {
            let answer = if body(&w)["endpoints"][0] == ep(2) {
                Answer::http(
                    400,
                    r#"{"error_code":"Endpoint.2013","error_msg":"not this service's endpoint"}"#,
                    Some("req-9"),
                )
            } else {
                changed(&ep(1), "accepted")
            };
            r.complete(w.id, answer, now);
        }
        now += 20.0;
    }
    assert!(matches!(r.rows()[0].status, RowStatus::Done { .. }));
    match &r.rows()[1].status {
        RowStatus::Failed { error } => {
            assert_eq!(error.error_code.as_deref(), Some("Endpoint.2013"));
            assert_eq!(r.rows()[1].tries[0].request_id.as_deref(), Some("req-9"));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(r.retry_failed(100.0), 1);
    let again = r.next_work(100.0, &s);
    assert_eq!(again.len(), 1);
    assert_eq!(
        body(&again[0]),
        json!({"action": "receive", "endpoints": [ep(2)]})
    );
}

#[test]
fn a_throttled_action_is_retried_after_a_pause() {
    let mut r = runner(ConnectionAction::Accept, &[ep(1)], 5);
    let s = settings(Dialect::Huawei);
    let w = r.next_work(0.0, &s).pop().unwrap();
    r.complete(
        w.id,
        Answer::http(
            400,
            r#"{"error_code":"EndPoint.0022","error_msg":"The number of requests exceeded the limit."}"#,
            None,
        ),
        1.0,
    );
    assert!(!r.is_finished());
    assert!(r.next_work(20.0, &s).is_empty(), "not at once");
    let retry = r.next_work(1000.0, &s).pop().expect("the retry");
    assert_eq!(retry.attempt, 2);
    r.complete(retry.id, changed(&ep(1), "accepted"), 1001.0);
    assert!(matches!(r.rows()[0].status, RowStatus::Done { .. }));
}

#[test]
fn cancel_aborts_the_sends_in_flight_and_starts_no_more() {
    let ids: Vec<String> = (1..=4).map(ep).collect();
    let mut r = runner(ConnectionAction::Reject, &ids, 5);
    let s = settings(Dialect::Huawei);
    let works = r.next_work(0.0, &s);
    assert_eq!(works.len(), 1, "the rate limit spaces the starts");
    let more = r.next_work(20.0, &s);
    assert_eq!(more.len(), 1);
    let stopped = r.cancel(30.0);
    assert_eq!(stopped.len(), 2);
    assert!(r.next_work(5000.0, &s).is_empty());
    let p = r.progress(30.0);
    assert_eq!((p.aborted, p.not_started), (2, 2));
}

#[test]
fn a_wrong_endpoint_id_makes_no_jobs_and_nothing_selected_is_refused() {
    let bad = ConnectionJob::for_selection(
        SID,
        ConnectionAction::Accept,
        &[ep(1), "a b".into()],
        poll(5),
    );
    assert!(bad.is_err());
    let none = ConnectionJob::for_selection(SID, ConnectionAction::Reject, &[], poll(5));
    assert_eq!(
        none.unwrap_err().message(),
        "Select at least one endpoint to reject."
    );
}

// ---- The tab in the URL ----

#[test]
fn the_settings_tab_leaves_the_service_url_as_it_was() {
    let q = Route::Service { id: SID.into() }.to_query(PROJECT);
    assert_eq!(ServiceTab::Settings.add_to_query(&q), q);
    assert_eq!(
        ServiceTab::Connections.add_to_query(&q),
        format!("?project_id={PROJECT}&service_id={SID}&tab=connections")
    );
    assert_eq!(
        ServiceTab::Whitelist.add_to_query(""),
        "?tab=whitelist".to_owned()
    );
}

#[test]
fn a_tab_survives_the_url_and_a_strange_value_opens_settings() {
    for tab in ServiceTab::ALL {
        let q = tab.add_to_query("?service_id=x");
        let value = q.split("tab=").nth(1);
        assert_eq!(ServiceTab::parse(value), tab, "{q}");
    }
    assert_eq!(ServiceTab::parse(Some("passwords")), ServiceTab::Settings);
    assert_eq!(ServiceTab::parse(None), ServiceTab::Settings);
    // The route itself is unchanged by a tab: it still opens the service.
    assert_eq!(
        Route::from_params(|k| match k {
            "service_id" => Some(SID.to_owned()),
            "tab" => Some("connections".to_owned()),
            _ => None,
        }),
        Route::Service { id: SID.into() }
    );
}

#[test]
fn the_arrow_keys_move_through_the_tabs_and_wrap() {
    assert_eq!(ServiceTab::Settings.step(1), ServiceTab::Connections);
    assert_eq!(ServiceTab::Whitelist.step(1), ServiceTab::Settings);
    assert_eq!(ServiceTab::Settings.step(-1), ServiceTab::Whitelist);
}
