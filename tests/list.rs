//! The service list: paging, filters and order as the API takes them, and the page URL.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::HashMap;
use vpcep_console::api::list::{ListView, SortDir, SortKey};
use vpcep_console::api::route::Route;
use vpcep_console::api::{build_request, Dialect, Operation, Settings};

fn list_url(view: &ListView, dialect: Dialect) -> String {
    let settings = Settings {
        proxy_url: "https://console.example.com/vpcep".into(),
        project_id: "p1".into(),
        region: String::new(),
        dialect,
        token: "t".into(),
        token_by_proxy: false,
        token_expired: false,
    };
    build_request(&settings, &Operation::ListServices(view.query(dialect)))
        .unwrap()
        .url
}

#[test]
fn the_first_page_sends_no_offset() {
    let url = list_url(&ListView::default(), Dialect::Huawei);
    assert!(!url.contains("offset"), "{url}");
    assert!(url.contains("limit=20"), "{url}");
}

#[test]
fn later_pages_send_limit_and_offset() {
    let view = ListView {
        page: 3,
        page_size: 50,
        ..ListView::default()
    };
    let url = list_url(&view, Dialect::Huawei);
    assert!(
        url.contains("limit=50") && url.contains("offset=100"),
        "{url}"
    );
}

#[test]
fn the_sort_key_is_spelled_per_dialect() {
    let by_update = ListView {
        sort: SortKey::Updated,
        dir: SortDir::Asc,
        ..ListView::default()
    };
    let huawei = list_url(&by_update, Dialect::Huawei);
    assert!(
        huawei.contains("sort_key=update_at&sort_dir=asc"),
        "{huawei}"
    );
    let otc = list_url(&by_update, Dialect::OpenTelekom);
    assert!(otc.contains("sort_key=updated_at&sort_dir=asc"), "{otc}");
    assert!(list_url(&ListView::default(), Dialect::OpenTelekom).contains("sort_key=created_at"));
    assert!(list_url(&ListView::default(), Dialect::Huawei).contains("sort_key=create_at"));
}

#[test]
fn name_and_status_filters_go_to_the_server() {
    let view = ListView {
        name: "  Web Front ".into(),
        status: "available".into(),
        ..ListView::default()
    };
    let url = list_url(&view, Dialect::Huawei);
    assert!(url.contains("endpoint_service_name=Web+Front"), "{url}");
    assert!(url.contains("status=available"), "{url}");
}

#[test]
fn page_count_and_range_follow_total_count() {
    let view = ListView {
        page: 13,
        ..ListView::default()
    };
    assert_eq!(view.page_count(253), 13);
    assert_eq!(view.page_count(260), 13);
    assert_eq!(view.page_count(261), 14);
    assert_eq!(view.page_count(0), 1);
    assert_eq!(view.range_text(13, 253), "241–253 of 253");
    assert_eq!(ListView::default().range_text(20, 253), "1–20 of 253");
    assert_eq!(ListView::default().range_text(0, 0), "0 of 0");
}

fn parse(query: &[(&str, &str)]) -> Route {
    let map: HashMap<String, String> = query
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    Route::from_params(|k| map.get(k).cloned())
}

#[test]
fn a_service_link_opens_the_service_page() {
    let route = parse(&[("project_id", "p1"), ("service_id", "abc-1")]);
    assert_eq!(route, Route::Service { id: "abc-1".into() });
    assert_eq!(route.to_query("p1"), "?project_id=p1&service_id=abc-1");
}

#[test]
fn the_list_view_survives_a_round_trip_through_the_url() {
    let view = ListView {
        page: 4,
        page_size: 50,
        name: "web & api".into(),
        status: "creating".into(),
        sort: SortKey::Updated,
        dir: SortDir::Asc,
    };
    let query = Route::List(view.clone()).to_query("p1");
    assert_eq!(
        query,
        "?project_id=p1&page=4&size=50&name=web%20%26%20api&status=creating&sort=updated&dir=asc"
    );
    // What URLSearchParams would hand back, decoded.
    let back = parse(&[
        ("page", "4"),
        ("size", "50"),
        ("name", "web & api"),
        ("status", "creating"),
        ("sort", "updated"),
        ("dir", "asc"),
    ]);
    assert_eq!(back, Route::List(view));
}

#[test]
fn the_plain_list_has_only_the_project_in_its_url() {
    assert_eq!(Route::default().to_query("p1"), "?project_id=p1");
    assert_eq!(Route::default().to_query(""), "");
}

#[test]
fn nonsense_in_a_hand_edited_link_falls_back_to_defaults() {
    let route = parse(&[
        ("page", "0"),
        ("size", "7"),
        ("sort", "name"),
        ("dir", "up"),
    ]);
    assert_eq!(route, Route::List(ListView::default()));
    assert_eq!(parse(&[("page", "-2")]), Route::default());
    assert_eq!(parse(&[("service_id", "")]), Route::default());
}

#[test]
fn a_new_filter_starts_from_the_first_page() {
    let view = ListView {
        page: 9,
        name: "web".into(),
        ..ListView::default()
    };
    assert_eq!(view.first_page().page, 1);
    assert_eq!(view.first_page().name, "web");
    assert!(view.is_filtered());
    assert!(!ListView::default().is_filtered());
}
