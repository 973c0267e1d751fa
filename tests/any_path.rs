//! End to end: the release bundle under a sub-path of a plain static file server
//! (`python3 -m http.server`, as a portal or a project page would host it): the page starts,
//! and everything it fetches, chunks included, comes from under that path (trunk's relative
//! `public_url`, the split loader's `./` chunk URLs, config.json beside index.html).
#![cfg(not(target_arch = "wasm32"))]

mod support;

use support::{Browser, PROJECT};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_bundle_works_under_any_path_of_a_static_server() {
    let root = support::stack::temp_dir("any-path");
    let site = root.path().join("tools/vpcep");
    support::stack::copy_files(&support::stack::dist(), &site);
    // An operator's config.json beside index.html (without one, the browser logs its 404).
    std::fs::write(
        site.join("config.json"),
        r#"{"default_region": "cn-north-4"}"#,
    )
    .unwrap();
    let server = support::stack::StaticServer::start(root.path()).await;
    let port = server.port;
    let base = format!("http://127.0.0.1:{port}/tools/vpcep/");

    let b = Browser::start().await;
    b.goto(&format!("{base}?project_id={PROJECT}")).await;
    // Started: the checklist of a first visit, and the settings' sign-in (a chunk).
    b.wait_text("#checklist", |t| t.contains("Sign in")).await;
    b.wait_shown("#si-user").await;
    // The sign-in goes beside index.html by default: where a deployment under a path serves it.
    assert_eq!(b.value("#si-iam-proxy").await, format!("{base}iam"));
    let fetched = b.resources().await;
    assert!(
        fetched
            .iter()
            .any(|u| u.ends_with(".wasm") && u.contains("/split_")),
        "{fetched:?}"
    );
    let outside: Vec<&String> = fetched.iter().filter(|u| !u.starts_with(&base)).collect();
    assert!(
        outside.is_empty(),
        "fetched from outside {base}: {outside:?}"
    );
    assert!(
        b.console_problems()
            .await
            .iter()
            .all(|p| !p.contains("404")),
        "a file was missing"
    );
}
