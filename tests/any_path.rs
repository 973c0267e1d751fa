//! End to end: the release bundle under a sub-path of a plain static file server
//! (`python3 -m http.server`, as a portal or a project page would host it): the page starts,
//! and everything it fetches, chunks included, comes from under that path (trunk's relative
//! `public_url`, the split loader's `./` chunk URLs, config.json beside index.html).
#![cfg(not(target_arch = "wasm32"))]

mod support;

use serde_json::Value;
use std::process::Stdio;
use std::time::Duration;
use support::{Browser, PROJECT};
use tokio::io::{AsyncBufReadExt, BufReader};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_bundle_works_under_any_path_of_a_static_server() {
    let root = support::stack::temp_dir("any-path");
    let site = root.path().join("tools/vpcep");
    std::fs::create_dir_all(&site).unwrap();
    for entry in std::fs::read_dir(support::stack::dist()).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_file() {
            std::fs::copy(entry.path(), site.join(entry.file_name())).unwrap();
        }
    }
    // An operator's config.json beside index.html (without one, the browser logs its 404).
    std::fs::write(
        site.join("config.json"),
        r#"{"default_region": "cn-north-4"}"#,
    )
    .unwrap();
    let mut server = tokio::process::Command::new("python3")
        .args(["-u", "-m", "http.server", "--bind", "127.0.0.1", "0"])
        .current_dir(root.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .expect("python3");
    // "Serving HTTP on 127.0.0.1 port 41234 (http://127.0.0.1:41234/) ..."
    let mut lines = BufReader::new(server.stdout.take().unwrap()).lines();
    let ready = tokio::time::timeout(Duration::from_secs(10), lines.next_line())
        .await
        .expect("the static server started")
        .unwrap()
        .unwrap();
    let port: u16 = ready
        .split(" port ")
        .nth(1)
        .and_then(|r| r.split_whitespace().next())
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("no port in {ready:?}"));
    let base = format!("http://127.0.0.1:{port}/tools/vpcep/");

    let b = Browser::start().await;
    b.goto(&format!("{base}?project_id={PROJECT}")).await;
    // Started: the checklist of a first visit, and the settings' sign-in (a chunk).
    b.wait_text("#checklist", |t| t.contains("Sign in")).await;
    b.wait_shown("#si-user").await;
    // The sign-in goes beside index.html by default: where a deployment under a path serves it.
    assert_eq!(b.value("#si-iam-proxy").await, format!("{base}iam"));
    let fetched: Value = b
        .execute(
            "return performance.getEntriesByType('resource').map(e => e.name);",
            vec![],
        )
        .await;
    let fetched: Vec<&str> = fetched
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert!(
        fetched
            .iter()
            .any(|u| u.ends_with(".wasm") && u.contains("/split_")),
        "{fetched:?}"
    );
    let outside: Vec<&&str> = fetched.iter().filter(|u| !u.starts_with(&base)).collect();
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
