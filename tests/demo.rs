//! End to end: the demo bundle (`bash .ci/demo`, the `demo` feature) on a plain static file
//! server under a sub-path, with no API server anywhere: the local API's simulation answers
//! inside the page. The list, a save with its `creating` → `available` steps, a 3044 at its
//! port row, an upgrade, a simulated fault, a reload that keeps the demo's state for the tab,
//! and the reset.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::time::Duration;
use support::{Browser, PROJECT, WEB};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_runs_in_the_page_on_any_static_host() {
    let root = support::stack::temp_dir("demo");
    support::stack::copy_files(&support::stack::demo_dist(), &root.path().join("some/path"));
    let server = support::stack::StaticServer::start(root.path()).await;
    let base = format!("http://127.0.0.1:{}/some/path/", server.port);

    // A first visit, with no link and nothing pasted: the demo's project and token are there,
    // and the list shows the seeded services.
    let b = Browser::start().await;
    b.goto(&base).await;
    let banner = b.wait_text("#demo-banner", |t| t.contains("Demo")).await;
    assert!(
        banner.contains("nothing leaves your browser") && banner.contains("demo-user"),
        "{banner}"
    );
    let rows = b
        .wait_text("#service-table tbody", |t| t.contains("web-frontend"))
        .await;
    assert!(rows.contains("orders-api"), "{rows}");
    b.screenshot("28-demo-list").await;
    let found = b.axe().await;
    assert!(found.is_empty(), "axe-core on the demo: {found:#?}");

    // The service page; a port that another service uses on the same backend: 3044 at its row.
    b.goto(&format!("{base}?project_id={PROJECT}&service_id={WEB}"))
        .await;
    b.wait_text("#card-title", |t| t == "web-frontend").await;
    b.fill("#f-description", "Changed in the demo").await;
    b.click("#add-port").await;
    b.fill("#f-port-2-client", "9000").await;
    b.fill("#f-port-2-server", "9000").await;
    b.click("#save").await;
    let error = b
        .wait_text("#save-error [role=alert]", |t| t.contains("HTTP 400"))
        .await;
    assert!(error.contains("EndPoint.3044"), "{error}");
    b.wait_text("#f-port-2-client-error", |t| t.contains("EndPoint.3044"))
        .await;
    assert_eq!(b.value("#f-description").await, "Changed in the demo");

    // Another port: saved, then `creating` until the simulation makes it `available`.
    b.fill("#f-port-2-client", "7070").await;
    b.fill("#f-port-2-server", "70").await;
    b.click("#save").await;
    let saved = b
        .wait_text("#save-result", |t| t.starts_with("Saved"))
        .await;
    assert!(
        saved.starts_with("Saved web-frontend: 2 changes."),
        "{saved}"
    );
    b.wait_text("#card-status", |t| t == "Creating").await;
    b.try_wait_text(
        "#poll-state",
        |t| t.contains("available again"),
        Duration::from_secs(20),
    )
    .await
    .unwrap();
    b.wait_text("#card-status", |t| t == "Available").await;

    // The upgrade: a POST without a body, answered 204, and the card follows.
    b.click("#more-actions > summary").await;
    b.click("#open-upgrade").await;
    b.wait_text("[role=dialog]", |t| t.contains("web-frontend"))
        .await;
    b.click("#confirm-upgrade").await;
    b.wait_gone("[role=dialog]").await;
    b.wait_text("#card-edition", |t| t == "Advanced (profession)")
        .await;

    // A simulated fault: the next change finds the service busy (3045), once.
    b.select("#demo-fault", "busy").await;
    b.wait_text("#demo-armed", |t| t.contains("EndPoint.3045"))
        .await;
    b.fill("#f-description", "Changed again").await;
    b.click("#save").await;
    let busy = b
        .wait_text("#save-error [role=alert]", |t| t.contains("HTTP 400"))
        .await;
    assert!(busy.contains("EndPoint.3045"), "{busy}");
    b.wait_text("#demo-armed", str::is_empty).await;
    assert_eq!(b.value("#demo-fault").await, "");
    b.screenshot("29-demo-fault").await;
    // The other faults of the menu, each on the next Save, each told as the console tells it.
    for (fault, status, told) in [
        ("throttled", "HTTP 429", "APIGW.0308"),
        ("bad-gateway", "HTTP 502", "HTML page"),
        ("unauthorized", "HTTP 401", "EndPoint.0003"),
    ] {
        b.select("#demo-fault", fault).await;
        b.wait_text("#demo-armed", |t| !t.is_empty()).await;
        b.click("#save").await;
        let banner = b
            .wait_text("#save-error [role=alert]", |t| t.contains(status))
            .await;
        assert!(banner.contains(told), "{fault}: {banner}");
        b.wait_text("#demo-armed", str::is_empty).await;
    }
    assert_eq!(b.value("#f-description").await, "Changed again");

    // A reload keeps the demo's state for the tab: still advanced, the new port there.
    b.refresh().await;
    b.wait_text("#card-edition", |t| t == "Advanced (profession)")
        .await;
    let ports = b.text("#card-ports").await;
    assert!(ports.contains("7070"), "{ports}");

    // Every file came from under the path; no request went anywhere (no API calls at all).
    let outside: Vec<String> = b
        .resources()
        .await
        .into_iter()
        .filter(|u| !u.starts_with(&base))
        .collect();
    assert!(
        outside.is_empty(),
        "fetched from outside {base}: {outside:?}"
    );

    // Reset: back to the seed.
    b.click("#demo-reset").await;
    b.wait_text("#card-edition", |t| t == "Basic").await;
    let card = b.text("#card-ports").await;
    assert!(!card.contains("7070"), "{card}");
}

/// Copied without its config.json, the demo still starts on its own project and token.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_needs_no_config_json() {
    let root = support::stack::temp_dir("demo-bare");
    support::stack::copy_files(&support::stack::demo_dist(), root.path());
    std::fs::remove_file(root.path().join("config.json")).unwrap();
    let server = support::stack::StaticServer::start(root.path()).await;
    let b = Browser::start().await;
    b.goto(&format!("http://127.0.0.1:{}/", server.port)).await;
    b.wait_text("#service-table tbody", |t| t.contains("web-frontend"))
        .await;
    assert!(b.find_all("#checklist").await.is_empty());
}

/// The release bundle has none of the demo: the feature is off there (its first download is
/// the size budget's, unchanged), and the demo bundle has it.
#[test]
fn the_release_bundle_has_none_of_the_demo() {
    let has = |dir: &std::path::Path, needle: &str| {
        std::fs::read_dir(dir).unwrap().any(|e| {
            let path = e.unwrap().path();
            std::fs::read(&path)
                .is_ok_and(|bytes| bytes.windows(needle.len()).any(|w| w == needle.as_bytes()))
        })
    };
    let (release, demo) = (support::stack::dist(), support::stack::demo_dist());
    for needle in [
        "vpcep-console:demo",
        "nothing leaves your browser",
        "demo.css",
    ] {
        assert!(has(&demo, needle), "the demo bundle lacks {needle:?}");
        assert!(!has(&release, needle), "the release bundle has {needle:?}");
    }
}

/// The simulation answers the API's own path, whatever proxy path the settings put before it.
#[test]
fn the_simulation_gets_the_apis_path_behind_any_proxy_path() {
    use vpcep_console::api::demo::sim_target;
    let target = |url: &str| {
        let (path, query) = sim_target(url);
        (path, query)
    };
    assert_eq!(
        target(
            "http://127.0.0.1:8000/some/path/vpcep/v1/p1/vpc-endpoint-services?limit=10&offset=0"
        ),
        (
            "/v1/p1/vpc-endpoint-services".into(),
            "limit=10&offset=0".into()
        )
    );
    assert_eq!(
        target("http://127.0.0.1:8000/tools/vpcep/iam/v3/auth/tokens?nocatalog=true"),
        ("/v3/auth/tokens".into(), "nocatalog=true".into())
    );
    assert_eq!(
        target("https://vpcep.example/v2/p1/vpc-endpoint-services/s1/upgrade"),
        (
            "/v2/p1/vpc-endpoint-services/s1/upgrade".into(),
            String::new()
        )
    );
    // No API path: the simulation sees it all, and answers the gateway's 404.
    assert_eq!(
        target("http://h/some/path/other"),
        ("/some/path/other".into(), String::new())
    );
}

/// A busy service refuses a change, not a read; every fault has a menu value of its own.
#[test]
fn a_simulated_fault_hits_the_requests_it_names() {
    use vpcep_console::api::demo::Fault;
    assert!(!Fault::Busy.applies_to("GET"));
    assert!(Fault::Busy.applies_to("PUT") && Fault::Busy.applies_to("POST"));
    assert!(Fault::ALL.iter().all(|f| f.applies_to("PUT")));
    assert!(Fault::Throttled.applies_to("GET") && Fault::BadGateway.applies_to("GET"));
    for f in Fault::ALL {
        assert_eq!(Fault::from_key(f.key()), Some(f));
    }
    assert_eq!(Fault::from_key(""), None);
}
