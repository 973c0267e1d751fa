//! `--static-dir`: the files of a bundle served beside the API from one origin.

mod common;

use std::path::PathBuf;

use common::*;
use serde_json::Value;
use vpcep_local_api::Config;

fn static_config(dir: PathBuf) -> Config {
    Config {
        static_dir: Some(dir),
        ..test_config()
    }
}

/// GET without any header (no token).
fn get_plain(s: &Server, target: &str) -> Resp {
    s.call("GET", target, &[], None)
}

fn assert_static_headers(r: &Resp, target: &str) {
    assert_eq!(r.header("cache-control"), Some("no-cache"), "{target}");
    assert_eq!(
        r.header("x-content-type-options"),
        Some("nosniff"),
        "{target}"
    );
    let id = r.request_id();
    assert_eq!(id.len(), 32, "{target}: X-Request-Id {id:?}");
    assert!(id.chars().all(|c| c.is_ascii_hexdigit()), "{target}");
}

fn assert_file(s: &Server, target: &str, content: &[u8], content_type: &str) {
    let r = get_plain(s, target);
    assert_eq!(r.status, 200, "{target}: {}", r.text());
    assert_eq!(r.header("content-type"), Some(content_type), "{target}");
    assert_eq!(r.body, content, "{target}");
    assert_static_headers(&r, target);
}

fn assert_not_found(s: &Server, target: &str) {
    let r = get_plain(s, target);
    assert_eq!(r.status, 404, "{target}: {}", r.text());
    assert_eq!(
        r.header("content-type"),
        Some("text/plain; charset=utf-8"),
        "{target}"
    );
    assert_eq!(r.text(), "404 Not Found\n", "{target}");
    assert_static_headers(&r, target);
}

fn fixture(rel: &str) -> &'static [u8] {
    STATIC_FILES
        .iter()
        .find(|(p, _)| *p == rel)
        .map(|(_, c)| *c)
        .unwrap_or_else(|| panic!("no fixture file {rel}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn root_serves_index_html_without_a_token() {
    let (_tmp, dist) = static_fixture();
    let s = start(static_config(dist)).await;
    let index = fixture("index.html");
    for target in ["/", "/index.html", "/?lang=en", "//"] {
        assert_file(&s, target, index, "text/html; charset=utf-8");
    }
    // A directory serves its own index.html; one without it is a 404.
    assert_file(
        &s,
        "/sub/",
        fixture("sub/index.html"),
        "text/html; charset=utf-8",
    );
    assert_file(
        &s,
        "/sub",
        fixture("sub/index.html"),
        "text/html; charset=utf-8",
    );
    assert_not_found(&s, "/empty/");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wasm_and_other_files_get_their_content_type() {
    let (_tmp, dist) = static_fixture();
    let s = start(static_config(dist)).await;
    for (target, rel, content_type) in [
        ("/app_bg.wasm", "app_bg.wasm", "application/wasm"),
        ("/app.js", "app.js", "text/javascript"),
        ("/assets/css/site.css", "assets/css/site.css", "text/css"),
        ("/assets/logo.svg", "assets/logo.svg", "image/svg+xml"),
        ("/assets/logo.png", "assets/logo.png", "image/png"),
        ("/favicon.ico", "favicon.ico", "image/x-icon"),
        ("/data.json", "data.json", "application/json"),
        ("/notes.txt", "notes.txt", "text/plain; charset=utf-8"),
        ("/blob.bin", "blob.bin", "application/octet-stream"),
    ] {
        assert_file(&s, target, fixture(rel), content_type);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nested_and_percent_encoded_paths() {
    let (_tmp, dist) = static_fixture();
    let s = start(static_config(dist)).await;
    let css = fixture("assets/css/site.css");
    for target in [
        "/assets/css/site.css",
        "/assets//css/site.css",
        "/assets%2fcss%2Fsite.css",
        "/%61ssets/css/site.css",
        "/assets/css/site.css?v=123",
    ] {
        assert_file(&s, target, css, "text/css");
    }
    assert_file(
        &s,
        "/assets/my%20file.txt",
        fixture("assets/my file.txt"),
        "text/plain; charset=utf-8",
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn traversal_attempts_are_404_and_never_leak() {
    let (_tmp, dist) = static_fixture();
    let s = start(static_config(dist)).await;
    for target in [
        "/../Cargo.toml",
        "/../secret",
        "/%2e%2e/x",
        "/%2e%2e/secret",
        "/%2E%2E/Cargo.toml",
        "/.%2e/secret",
        "/a/..%2f..%2fsecret",
        "/sub/../../secret",
        "/sub/%2e%2e/%2e%2e/secret",
        "/..%5csecret",
        "/sub%5c..%5c..%5csecret",
        "/%00",
        "/index.html%00.png",
        "/%2fetc%2fpasswd",
        "/./index.html",
        "/.hidden",
        "/escape.txt",
        "/%zz",
        "/%ff%fe",
    ] {
        assert_not_found(&s, target);
        assert!(
            !get_plain(&s, target)
                .body
                .windows(SECRET.len())
                .any(|w| w == SECRET),
            "{target} leaked the secret"
        );
    }
    // Many encoded `..`, sent as they are (the router sees the path unnormalised), cannot
    // escape either.
    assert_not_found(&s, "/..%2f..%2f..%2f..%2fetc%2fpasswd");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn missing_files_are_a_small_text_404() {
    let (_tmp, dist) = static_fixture();
    let s = start(static_config(dist)).await;
    for target in [
        "/missing.js",
        "/assets/none.css",
        "/sub/missing/",
        "/app.js/x",
    ] {
        assert_not_found(&s, target);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn head_answers_headers_only() {
    let (_tmp, dist) = static_fixture();
    // Over a real connection: what HEAD leaves out is the transport's business.
    let s = start_socket(static_config(dist)).await;
    let wasm = fixture("app_bg.wasm");
    let r = s.call("HEAD", "/app_bg.wasm", &[], None);
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-type"), Some("application/wasm"));
    assert_eq!(
        r.header("content-length"),
        Some(wasm.len().to_string().as_str())
    );
    assert_eq!(r.request_id().len(), 32);
    assert!(r.body.is_empty(), "HEAD sent a body");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn api_paths_are_still_the_api_and_only_they_are_recorded() {
    let (_tmp, dist) = static_fixture();
    let s = start(static_config(dist)).await;
    // Static requests first: none of them may show up in the request log.
    assert_eq!(get_plain(&s, "/").status, 200);
    assert_eq!(get_plain(&s, "/app_bg.wasm").status, 200);
    assert_eq!(get_plain(&s, "/missing.js").status, 404);

    let ok = s.get(&service_path(HW, WEB));
    assert_eq!(ok.status, 200, "{}", ok.text());
    assert_eq!(ok.header("content-type"), Some("application/json"));
    assert_eq!(ok.json()["id"], WEB);
    let no_token = get_plain(&s, &service_path(HW, WEB));
    assert_eq!(no_token.status, 401);
    assert_eq!(no_token.code(), "EndPoint.0003");
    for target in ["/v1/nope", "/v2/x/index.html", "/v1", "/v2/"] {
        let r = s.get(target);
        assert_eq!(r.status, 404, "{target}");
        assert_eq!(r.code(), "APIGW.0101", "{target}");
    }
    // Only GET and HEAD are static: other methods get the API's 404.
    let post = s.post("/index.html");
    assert_eq!(post.status, 404);
    assert_eq!(post.code(), "APIGW.0101");
    // Faults apply to the API only.
    let fault = s.control(
        "POST",
        "/__control/faults",
        Some(r#"{"mode":"error500","count":5}"#),
    );
    assert_eq!(fault.status, 200);
    assert_file(&s, "/app.js", fixture("app.js"), "text/javascript");
    assert_eq!(s.get(&service_path(HW, WEB)).status, 500);
    assert_eq!(s.control("DELETE", "/__control/faults", None).status, 204);
    // The control endpoints are not files.
    assert_eq!(
        get_plain(&s, "/__control/faults").json()["faults"],
        Value::Array(vec![])
    );

    let log = s.requests();
    let seen: Vec<(String, String, Option<u64>)> = log
        .iter()
        .map(|r| {
            (
                r["method"].as_str().unwrap_or("").to_string(),
                r["path"].as_str().unwrap_or("").to_string(),
                r["status"].as_u64(),
            )
        })
        .collect();
    let web = service_path(HW, WEB);
    let expected: Vec<(String, String, Option<u64>)> = [
        ("GET", web.as_str(), 200),
        ("GET", web.as_str(), 401),
        ("GET", "/v1/nope", 404),
        ("GET", "/v2/x/index.html", 404),
        ("GET", "/v1", 404),
        ("GET", "/v2/", 404),
        ("POST", "/index.html", 404),
        ("GET", web.as_str(), 500),
    ]
    .iter()
    .map(|(m, p, st)| (m.to_string(), p.to_string(), Some(*st)))
    .collect();
    assert_eq!(seen, expected);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cors_headers_apply_to_static_answers() {
    let (_tmp, dist) = static_fixture();
    let s = start(static_config(dist)).await;
    let r = s.call(
        "GET",
        "/app.js",
        &[("Origin", "http://127.0.0.1:8080")],
        None,
    );
    assert_eq!(r.status, 200);
    assert_eq!(
        r.header("access-control-allow-origin"),
        Some("http://127.0.0.1:8080")
    );
    // Another origin is answered too, without CORS headers (not a loopback one by default).
    let r = s.call("GET", "/app.js", &[("Origin", "http://other.test")], None);
    assert_eq!(r.status, 200);
    assert_eq!(r.header("access-control-allow-origin"), None);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_the_flag_nothing_is_served() {
    let s = start_default().await;
    for target in ["/", "/index.html", "/app_bg.wasm", "/../Cargo.toml"] {
        let r = get_plain(&s, target);
        assert_eq!(r.status, 404, "{target}");
        assert_eq!(r.code(), "APIGW.0101", "{target}");
        assert_eq!(r.header("cache-control"), None, "{target}");
    }
    let paths: Vec<String> = s
        .requests()
        .iter()
        .map(|r| r["path"].as_str().unwrap_or("").to_string())
        .collect();
    assert_eq!(
        paths,
        vec!["/", "/index.html", "/app_bg.wasm", "/../Cargo.toml"]
    );
}
