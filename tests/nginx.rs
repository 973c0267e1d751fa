//! The deployment: Debian's nginx on loopback with the configuration rendered from deploy/,
//! in front of the local VPCEP API server standing in for the region's host (and for its IAM,
//! the sign-in), and the console's main flow through it in headless Chromium, same origin and
//! cross origin.
//!
//! Needs nginx, chromedriver and the release bundle; `bash .ci/test` provides all three.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use reqwest::Method;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};
use support::nginx;
use support::stack::{http, site, temp_dir};
use support::{Api, Browser, PROJECT, TOKEN, WAIT, WEB};
use tempfile::TempDir;
use vpcep_local_api::demo;

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// deploy/render.py, as an operator runs it.
fn render(args: &[&str]) -> String {
    let out = run_render(args);
    assert!(
        out.status.success(),
        "render.py {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The same-origin configuration for the bundle in `root`, in front of the local stand-in at
/// `upstream` (plain http, which a real deployment's upstream must not be), on loopback `port`,
/// with `extra` arguments.
fn render_console(root: &Path, upstream: &str, port: u16, extra: &[&str]) -> String {
    let (root, listen) = (root.display().to_string(), format!("127.0.0.1:{port}"));
    let mut args = vec![
        "console",
        "--root",
        &root,
        "--upstream",
        upstream,
        "--insecure-upstream",
        "--listen",
        &listen,
    ];
    args.extend_from_slice(extra);
    render(&args)
}

/// A console root with only an index.html of one inline script, for the tests of the API
/// proxy alone (render.py hashes that script): they need no release bundle.
fn proxy_only_root() -> TempDir {
    let root = temp_dir("proxy-root");
    std::fs::write(
        root.path().join("index.html"),
        "<!doctype html><title>console</title><script type=\"module\">import('/app.js');</script>",
    )
    .unwrap();
    root
}

fn run_render(args: &[&str]) -> std::process::Output {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("deploy/render.py");
    Command::new("python3")
        .arg(script)
        .args(args)
        .output()
        .unwrap()
}

/// nginx's configuration in `dir` with `site` included in its http block.
fn write_conf(dir: &Path, site: &str) {
    std::fs::write(dir.join("site.conf"), site).unwrap();
    nginx::write_main_conf(dir, &format!("{}/site.conf", dir.display()));
}

/// nginx -t on a configuration with `site` in its http block.
fn nginx_t(site: &str) -> std::process::Output {
    let dir = temp_dir("nginx-t");
    write_conf(dir.path(), site);
    nginx::command(dir.path()).arg("-t").output().unwrap()
}

/// nginx in the foreground with `site` included in its http block; stopped on drop.
struct Nginx {
    running: nginx::Running,
    _dir: TempDir,
}

impl Nginx {
    async fn start(site: &str, ports: &[u16]) -> Nginx {
        let dir = temp_dir("nginx");
        write_conf(dir.path(), site);
        let mut running = nginx::Running::start(dir.path());
        let deadline = Instant::now() + Duration::from_secs(10);
        for port in ports {
            while tokio::net::TcpStream::connect(("127.0.0.1", *port))
                .await
                .is_err()
            {
                running.assert_running();
                assert!(
                    Instant::now() < deadline,
                    "nginx did not listen on {port}: {}",
                    running.error_log()
                );
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
        }
        Nginx { running, _dir: dir }
    }

    fn error_log(&self) -> String {
        self.running.error_log()
    }

    fn access_log(&self) -> String {
        self.running.access_log()
    }
}

/// Open the service, edit the description, save: the PUT reaches the API server through
/// nginx. Returns the API proxy URL the settings showed before they folded away.
async fn main_flow(browser: &Browser, console: &str, api: &Api, description: &str) -> String {
    browser
        .goto(&format!("{console}/?project_id={PROJECT}&service_id={WEB}"))
        .await;
    // A script the CSP refuses is reported at once, not as an app that never starts.
    assert_eq!(
        browser.console_problems().await,
        Vec::<String>::new(),
        "on load"
    );
    let proxy = browser.value("#s-proxy-url").await;
    browser.fill("#s-token", TOKEN).await;
    if let Err(e) = browser
        .try_wait_text("#card-title", |t| t == "web-frontend", WAIT)
        .await
    {
        let page = browser.text("main").await;
        panic!("{e}; proxy URL {proxy}; page: {page}");
    }
    save_description(browser, api, description).await;
    proxy
}

/// On the open service page: edit the description, preview, save; the one PUT reached the API
/// server through nginx with the token and exactly that change.
async fn save_description(browser: &Browser, api: &Api, description: &str) {
    browser.fill("#f-description", description).await;
    browser
        .wait_text("#diff", |t| t.contains(description))
        .await;
    browser.click("#save").await;
    let line = browser
        .wait_text("#save-result", |t| t.starts_with("Saved"))
        .await;
    assert!(
        line.contains("Request ID"),
        "X-Request-Id reaches the page: {line}"
    );
    browser
        .wait_text("#card-description", |t| t == description)
        .await;
    let puts = api.requests_with("PUT").await;
    assert_eq!(puts.len(), 1, "{puts:#?}");
    assert_eq!(
        puts[0]["path"],
        format!("/v1/{PROJECT}/vpc-endpoint-services/{WEB}")
    );
    assert_eq!(puts[0]["token"], "accepted", "the token was passed on");
    assert_eq!(
        puts[0]["body"],
        serde_json::json!(format!(r#"{{"description":"{description}"}}"#))
    );
}

/// A GET answer: status, headers and body.
async fn get(url: &str) -> (u16, reqwest::header::HeaderMap, String) {
    let answer = http()
        .get(url)
        .send()
        .await
        .unwrap_or_else(|e| panic!("GET {url}: {e}"));
    let status = answer.status().as_u16();
    let headers = answer.headers().clone();
    (status, headers, answer.text().await.unwrap())
}

fn header<'a>(headers: &'a reqwest::header::HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).map(|v| v.to_str().unwrap())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn same_origin_with_a_prefix_under_the_security_headers() {
    let api = Api::start(None).await;
    let port = free_port();
    let console = format!("http://127.0.0.1:{port}");
    let root = site(Some(&format!(
        r#"{{"api_proxy_url":"{console}/vpcep","allow_proxy_change":false,"default_project_id":"{PROJECT}"}}"#
    )));
    // The browser below runs the bundle as brotli (dist/ is precompressed by .ci/test).
    let conf = render_console(
        root.path(),
        &api.origin,
        port,
        &["--brotli", "--iam-upstream", &api.origin],
    );
    let _nginx = Nginx::start(&conf, &[port]).await;

    // The operator's config.json wins over the deployment's default one.
    assert!(get(&format!("{console}/config.json"))
        .await
        .2
        .contains("allow_proxy_change"));
    let (status, headers, _) = get(&format!("{console}/")).await;
    assert_eq!(status, 200);
    let csp = header(&headers, "content-security-policy")
        .expect("a CSP")
        .to_owned();
    for part in [
        "default-src 'none'",
        "script-src 'self' 'wasm-unsafe-eval' 'sha256-",
        "connect-src 'self';",
        "frame-ancestors 'none'",
    ] {
        assert!(csp.contains(part), "{part} not in {csp}");
    }
    assert!(
        !csp.contains("unsafe-inline") && !csp.contains("'unsafe-eval'"),
        "{csp}"
    );
    assert_eq!(header(&headers, "x-content-type-options"), Some("nosniff"));
    assert_eq!(header(&headers, "referrer-policy"), Some("no-referrer"));
    // The main module and every chunk of the split (fetched by WebAssembly.instantiateStreaming,
    // which wants the type), and the split's loader: named by content, cached for a year.
    let files: Vec<String> = std::fs::read_dir(root.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".wasm") || (n.starts_with("__wasm_split-") && n.ends_with(".js")))
        .collect();
    assert!(
        files.iter().any(|n| n.starts_with("split_list-")),
        "{files:?}"
    );
    for name in &files {
        let (_, asset, _) = get(&format!("{console}/{name}")).await;
        let want = if name.ends_with(".js") {
            "application/javascript"
        } else {
            "application/wasm"
        };
        let got = header(&asset, "content-type").unwrap_or("");
        assert!(got.starts_with(want), "{name}: {got}");
        assert!(
            header(&asset, "cache-control")
                .unwrap_or("")
                .contains("max-age=31536000"),
            "{name}"
        );
    }
    // Only the VPCEP API is proxied.
    assert_eq!(get(&format!("{console}/vpcep/v3/auth/tokens")).await.0, 404);

    let browser = Browser::start().await;
    let proxy = main_flow(&browser, &console, &api, "through nginx").await;
    // The locked proxy URL from config.json was used, and the CSP let everything run.
    assert_eq!(proxy, format!("{console}/vpcep"));
    // The console's default IAM proxy, /iam on its own origin: the page signs in there.
    let signed = fetch_sign_in(&browser, "/iam/v3/auth/tokens?nocatalog=true").await;
    assert_eq!(signed["status"], 201, "{signed}");
    assert!(
        signed["token"].as_str().unwrap_or("").starts_with("MII"),
        "{signed}"
    );
    assert_eq!(browser.console_problems().await, Vec::<String>::new());
    // The check sees a violation of this very CSP: an inline script it has no hash for.
    browser
        .execute(
            "const s = document.createElement('script'); s.textContent = 'window.injected = 1'; document.head.append(s);",
            vec![],
        )
        .await;
    let problems = browser.console_problems().await;
    assert!(
        problems
            .iter()
            .any(|m| m.contains("Content Security Policy")),
        "an inline script ran unseen: {problems:#?}"
    );
}

/// The page's resources as the browser fetched them (`performance.getEntriesByType`).
async fn fetched_resources(browser: &Browser) -> Vec<String> {
    let fetched = browser
        .execute(
            "return performance.getEntriesByType('resource').map(e => e.name);",
            vec![],
        )
        .await;
    fetched
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_release_bundle_under_a_path_behind_nginx_rendered_with_location() {
    const PREFIX: &str = "/tools/vpcep/";
    let api = Api::start(None).await;
    let port = free_port();
    let origin = format!("http://127.0.0.1:{port}");
    let console = format!("{origin}{}", PREFIX.trim_end_matches('/'));
    // No config.json: the deployment's default one points the console at the proxy under
    // the same path, and the sign-in goes beside index.html by default.
    let root = site(None);
    let conf = render_console(
        root.path(),
        &api.origin,
        port,
        &[
            "--brotli",
            "--iam-upstream",
            &api.origin,
            "--location",
            PREFIX,
        ],
    );
    let nginx = Nginx::start(&conf, &[port]).await;

    let (status, _, body) = get(&format!("{console}/config.json")).await;
    assert_eq!(
        (status, body.as_str()),
        (200, r#"{"api_proxy_url":"/tools/vpcep/vpcep"}"#)
    );
    // The bundle is under the path only: not also at the root, and the API proxy is not at /vpcep/.
    assert_eq!(get(&format!("{origin}/")).await.0, 404);
    assert_eq!(get(&format!("{origin}/index.html")).await.0, 404);
    let service = format!("vpcep/v1/{PROJECT}/vpc-endpoint-services/{WEB}");
    assert_eq!(get(&format!("{origin}/{service}")).await.0, 404);
    // Without the trailing slash: sent to the folder.
    let (status, headers, _) = get(&console).await;
    assert_eq!(status, 301);
    assert_eq!(
        header(&headers, "location"),
        Some(format!("{console}/").as_str())
    );
    let (status, headers, _) = get(&format!("{console}/")).await;
    assert_eq!(status, 200);
    assert!(header(&headers, "content-security-policy")
        .unwrap_or("")
        .contains("script-src 'self' 'wasm-unsafe-eval' 'sha256-"));

    // The main flow: the list, a service's page from it, a save; then the sign-in.
    let browser = Browser::start().await;
    browser
        .goto(&format!("{console}/?project_id={PROJECT}"))
        .await;
    // The settings before they fold away: the proxy from the deployment's config.json.
    assert_eq!(
        browser.value("#s-proxy-url").await,
        format!("{console}/vpcep")
    );
    browser.fill("#s-token", TOKEN).await;
    browser.wait_for("#service-table", WAIT).await;
    browser.click(&format!("a[href*='{WEB}']")).await;
    browser
        .wait_text("#card-title", |t| t == "web-frontend")
        .await;
    assert!(
        browser.url().await.starts_with(&format!("{console}/?")),
        "{}",
        browser.url().await
    );
    save_description(&browser, &api, "under a path").await;
    let signed = fetch_sign_in(&browser, "iam/v3/auth/tokens?nocatalog=true").await;
    assert_eq!(signed["status"], 201, "{signed}");
    assert_eq!(browser.console_problems().await, Vec::<String>::new());

    // Every file the page fetched, the split's chunks included, came from under the path.
    let fetched = fetched_resources(&browser).await;
    let chunks: Vec<&String> = fetched
        .iter()
        .filter(|u| u.ends_with(".wasm") && (u.contains("/split_") || u.contains("/chunk_")))
        .collect();
    assert!(!chunks.is_empty(), "no chunk was fetched: {fetched:?}");
    assert!(
        fetched.iter().any(|u| u.contains("/__wasm_split-")),
        "{fetched:?}"
    );
    let outside: Vec<&String> = fetched
        .iter()
        .filter(|u| !u.starts_with(&format!("{console}/")))
        .collect();
    assert!(
        outside.is_empty(),
        "fetched from outside {PREFIX}: {outside:?}"
    );
    // And nginx saw nothing else: every request under the path, none a 404.
    let log = nginx.access_log();
    let mut seen = 0;
    for line in log.lines() {
        // 127.0.0.1 - - [date] "GET /path HTTP/1.1" 200 ...
        let mut quoted = line.split('"');
        let request = quoted.nth(1).unwrap_or_default();
        let status = quoted.next().unwrap_or_default().split_whitespace().next();
        let path = request.split_whitespace().nth(1).unwrap_or_default();
        if path == "/"
            || path == "/index.html"
            || path.starts_with("/vpcep/")
            || path == PREFIX.trim_end_matches('/')
        {
            continue; // the checks above, by hand
        }
        assert!(path.starts_with(PREFIX), "{line}");
        assert_ne!(status, Some("404"), "{line}");
        seen += 1;
    }
    assert!(seen >= 8, "{log}");
    for chunk in &chunks {
        let path = &chunk[origin.len()..];
        assert!(
            log.contains(&format!("\"GET {path} HTTP/1.1\" 200 ")),
            "{path} not in {log}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cross_origin_with_cors_for_the_console_only() {
    let api = Api::start(None).await;
    let (console_port, proxy_port) = (free_port(), free_port());
    let console = format!("http://127.0.0.1:{console_port}");
    let proxy = format!("http://127.0.0.1:{proxy_port}");
    let root = site(Some(&format!(
        r#"{{"api_proxy_url":"{proxy}/vpcep","default_project_id":"{PROJECT}"}}"#
    )));
    let mut conf = render(&[
        "console",
        "--root",
        &root.path().display().to_string(),
        "--upstream",
        &api.origin,
        // The local stand-in speaks http; a real deployment's upstream must be https.
        "--insecure-upstream",
        "--listen",
        &format!("127.0.0.1:{console_port}"),
        "--connect-src",
        &proxy,
    ]);
    conf.push_str(&render(&[
        "cors-proxy",
        "--console-origin",
        &console,
        "--upstream",
        &api.origin,
        "--iam-upstream",
        &api.origin,
        // The local stand-in speaks http; a real deployment's upstream must be https.
        "--insecure-upstream",
        "--listen",
        &format!("127.0.0.1:{proxy_port}"),
    ]));
    let _nginx = Nginx::start(&conf, &[console_port, proxy_port]).await;

    let url = format!("{proxy}/vpcep/v1/{PROJECT}/vpc-endpoint-services/{WEB}");
    // The console's origin: a preflight answer that allows the token header.
    let ok = http()
        .request(Method::OPTIONS, &url)
        .header("Origin", &console)
        .header("Access-Control-Request-Method", "PUT")
        .header(
            "Access-Control-Request-Headers",
            "x-auth-token,content-type",
        )
        .send()
        .await
        .unwrap();
    assert_eq!(ok.status(), 204);
    assert_eq!(
        header(ok.headers(), "access-control-allow-origin"),
        Some(console.as_str())
    );
    assert!(header(ok.headers(), "access-control-allow-headers")
        .unwrap()
        .contains("X-Auth-Token"));
    // Any other origin is refused, with no CORS header.
    let evil = http()
        .request(Method::OPTIONS, &url)
        .header("Origin", "http://evil.example")
        .header("Access-Control-Request-Method", "PUT")
        .send()
        .await
        .unwrap();
    assert_eq!(evil.status(), 403);
    assert_eq!(header(evil.headers(), "access-control-allow-origin"), None);
    let evil_get = http()
        .get(&url)
        .header("Origin", "http://evil.example")
        .header("X-Auth-Token", TOKEN)
        .send()
        .await
        .unwrap();
    assert_eq!(evil_get.status(), 403);
    // A real request from the console: one Allow-Origin, the request id exposed.
    let real = http()
        .get(&url)
        .header("Origin", &console)
        .header("X-Auth-Token", TOKEN)
        .send()
        .await
        .unwrap();
    assert_eq!(real.status(), 200);
    let allow = real
        .headers()
        .get_all("access-control-allow-origin")
        .iter()
        .count();
    assert_eq!(allow, 1, "{:?}", real.headers());
    assert_eq!(
        header(real.headers(), "access-control-expose-headers"),
        Some("X-Request-Id")
    );
    assert!(real.headers().get("x-request-id").is_some());

    let browser = Browser::start().await;
    main_flow(&browser, &console, &api, "across origins").await;
    // The page signs in through the CORS proxy and can read the token's header.
    let signed = fetch_sign_in(
        &browser,
        &format!("{proxy}/iam/v3/auth/tokens?nocatalog=true"),
    )
    .await;
    assert_eq!(signed["status"], 201, "{signed}");
    let token = signed["token"].as_str().unwrap_or("").to_owned();
    assert!(
        token.starts_with("MII"),
        "X-Subject-Token unreadable: {signed}"
    );
    assert_eq!(browser.console_problems().await, Vec::<String>::new());
    let listed = http()
        .get(format!("{proxy}/vpcep/v1/{PROJECT}/vpc-endpoint-services"))
        .header("Origin", &console)
        .header("X-Auth-Token", &token)
        .send()
        .await
        .unwrap();
    assert_eq!(listed.status(), 200, "the page's token opens the API");
}

/// The console's sign-in body (src/api/iam.rs) for the demo user with `password`.
fn sign_in_body(password: &str) -> String {
    serde_json::json!({ "auth": {
        "identity": { "methods": ["password"], "password": { "user": {
            "name": demo::IAM_USER, "password": password,
            "domain": { "name": demo::IAM_ACCOUNT },
        } } },
        "scope": { "project": { "id": PROJECT } },
    } })
    .to_string()
}

/// A `fetch()` of the sign-in from the browser's page, as the console sends it: the status,
/// the `X-Subject-Token` the page can read (null when the browser hides it) and the body.
async fn fetch_sign_in(browser: &Browser, url: &str) -> serde_json::Value {
    let script = "const [url, body, done] = arguments;
        fetch(url, {method: 'POST', body, headers: {
            'Content-Type': 'application/json;charset=utf8', 'Accept': 'application/json'}})
          .then(async r => done({status: r.status, token: r.headers.get('X-Subject-Token'),
                                 body: await r.text()}))
          .catch(e => done({error: String(e)}));";
    let args = vec![url.into(), sign_in_body(demo::IAM_PASSWORD).into()];
    tokio::time::timeout(WAIT, browser.client().execute_async(script, args))
        .await
        .expect("the sign-in fetch answered in time")
        .expect("the sign-in fetch ran")
}

/// The status of `method path` at `origin`, the path sent exactly as written (reqwest would
/// normalise `..` segments away before nginx sees them).
async fn raw_status(origin: &str, method: &str, path: &str) -> u16 {
    let client = hyper_util::client::legacy::Client::builder(hyper_util::rt::TokioExecutor::new())
        .build_http::<String>();
    let req = http::Request::builder()
        .method(method)
        .uri(format!("{origin}{path}"))
        .header("X-Auth-Token", TOKEN)
        .body(String::new())
        .unwrap();
    tokio::time::timeout(WAIT, client.request(req))
        .await
        .unwrap_or_else(|_| panic!("{method} {path}: no answer"))
        .unwrap_or_else(|e| panic!("{method} {path}: {e}"))
        .status()
        .as_u16()
}

/// Every path and method the console never uses is refused at `origin` (a 404 or 405), and
/// none of them reaches the upstream with the token; the console's own calls still do.
async fn only_the_consoles_calls_pass(origin: &str, api: &Api) {
    let service = format!("/vpcep/v1/{PROJECT}/vpc-endpoint-services/{WEB}");
    let connections = format!("{service}/connections");
    let permissions = format!("{service}/permissions");
    let refused = [
        ("GET", "/vpcep/v1/..;/..;/v3/auth/tokens".to_owned(), 404),
        (
            "GET",
            format!("/vpcep/v2/{PROJECT}/vpc-endpoint-services/{WEB}/upgrade/../../../../v3/auth/tokens"),
            404,
        ),
        ("GET", format!("/vpcep/v1/{PROJECT}/other-api"), 404),
        ("GET", format!("/vpcep/v1/{PROJECT}/vpc-endpoint-services/{WEB}/x"), 404),
        ("GET", format!("/vpcep/v1/{PROJECT}/vpc-endpoint-services/a.b"), 404),
        ("HEAD", service.clone(), 405),
        ("DELETE", service.clone(), 405),
        ("POST", service.clone(), 405),
        ("PUT", format!("/vpcep/v1/{PROJECT}/vpc-endpoint-services"), 405),
        ("GET", format!("/vpcep/v2/{PROJECT}/vpc-endpoint-services/{WEB}/upgrade"), 405),
        ("POST", connections.clone(), 405),
        ("DELETE", connections.clone(), 405),
        ("GET", format!("{connections}/action"), 405),
        ("PUT", format!("{connections}/action"), 405),
        ("PUT", permissions.clone(), 405),
        ("GET", format!("{permissions}/action"), 405),
        ("DELETE", format!("{permissions}/action"), 405),
        // Calls the console does not make: Huawei Cloud's extras, an old document's typo.
        ("PUT", format!("{connections}/description"), 404),
        ("POST", format!("{permissions}/batch-create"), 404),
        ("POST", format!("{service}/iam:domain::0123/action"), 404),
        ("GET", format!("/vpcep/v1/{PROJECT}/vpc-endpoint-services/{WEB}/x/connections"), 404),
        ("GET", format!("{connections}/../../../../v3/auth/tokens"), 404),
    ];
    for (method, path, status) in &refused {
        assert_eq!(
            raw_status(origin, method, path).await,
            *status,
            "{method} {path}"
        );
    }
    assert_eq!(
        api.requests().await,
        Vec::<serde_json::Value>::new(),
        "forwarded"
    );
    assert_eq!(raw_status(origin, "GET", &service).await, 200);
    assert_eq!(
        raw_status(
            origin,
            "GET",
            &format!("/vpcep/v1/{PROJECT}/vpc-endpoint-services")
        )
        .await,
        200
    );
    assert_eq!(raw_status(origin, "GET", &connections).await, 200);
    assert_eq!(raw_status(origin, "GET", &permissions).await, 200);
    assert_eq!(api.requests().await.len(), 4);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_the_consoles_api_calls_and_its_sign_in_are_forwarded_same_origin_and_cors() {
    let api = Api::start(None).await;
    let (console_port, proxy_port) = (free_port(), free_port());
    let console = "https://console.example";
    let root = proxy_only_root();
    let mut conf = render_console(
        root.path(),
        &api.origin,
        console_port,
        &["--iam-upstream", &api.origin],
    );
    conf.push_str(&render(&[
        "cors-proxy",
        "--console-origin",
        console,
        "--upstream",
        &api.origin,
        "--iam-upstream",
        &api.origin,
        "--insecure-upstream",
        "--listen",
        &format!("127.0.0.1:{proxy_port}"),
    ]));
    let nginx = Nginx::start(&conf, &[console_port, proxy_port]).await;
    let (same_origin, proxy) = (
        format!("http://127.0.0.1:{console_port}"),
        format!("http://127.0.0.1:{proxy_port}"),
    );
    only_the_consoles_calls_pass(&same_origin, &api).await;
    api.reset().await;
    only_the_consoles_calls_pass(&proxy, &api).await;
    for port in [console_port, proxy_port] {
        api.reset().await;
        nothing_the_client_claims_passes_and_no_cookie_comes_back(port, &api).await;
    }
    api.reset().await;
    the_sign_in_passes_and_nothing_else_of_iam(&same_origin, None, &api).await;
    api.reset().await;
    the_sign_in_passes_and_nothing_else_of_iam(&proxy, Some(console), &api).await;
    // Neither of nginx's logs has the password (nothing in the configuration logs a body).
    for (name, log) in [("access", nginx.access_log()), ("error", nginx.error_log())] {
        assert!(
            log.contains("/iam/v3/auth/tokens") || name == "error",
            "{name}: {log}"
        );
        assert!(
            !log.contains("demo-password"),
            "the password in nginx's {name} log: {log}"
        );
    }
    assert!(
        !conf.contains("$request_body") && !conf.contains("log_format"),
        "{conf}"
    );
}

/// Through the proxy at `origin`, as the console's page at `console` (or the same origin)
/// sends it: the sign-in reaches the upstream's own `POST /v3/auth/tokens` with the query,
/// without the client's cookie, authorization or token, logged there without its body; the
/// 201's `X-Subject-Token` comes back (exposed to `console`) and opens the API through the
/// same proxy; a wrong password's 401 comes back unchanged; any other method or IAM path is
/// refused and reaches nothing.
async fn the_sign_in_passes_and_nothing_else_of_iam(
    origin: &str,
    console: Option<&str>,
    api: &Api,
) {
    let url = format!("{origin}/iam/v3/auth/tokens?nocatalog=true");
    if let Some(console) = console {
        // The browser's preflight for the POST with its JSON Content-Type, answered by nginx.
        let pre = http()
            .request(Method::OPTIONS, &url)
            .header("Origin", console)
            .header("Access-Control-Request-Method", "POST")
            .header("Access-Control-Request-Headers", "content-type")
            .send()
            .await
            .unwrap();
        assert_eq!(pre.status(), 204);
        assert_eq!(
            header(pre.headers(), "access-control-allow-origin"),
            Some(console)
        );
        assert!(header(pre.headers(), "access-control-allow-methods")
            .unwrap()
            .contains("POST"));
        assert!(header(pre.headers(), "access-control-allow-headers")
            .unwrap()
            .contains("Content-Type"));
        let evil = http()
            .post(&url)
            .header("Origin", "http://evil.example")
            .header("Content-Type", "application/json")
            .body(sign_in_body(demo::IAM_PASSWORD))
            .send()
            .await
            .unwrap();
        assert_eq!(evil.status(), 403, "another origin may not sign in");
        assert_eq!(api.requests().await.len(), 0, "nginx answered both itself");
    }
    let send = |password: &str| {
        let mut request = http()
            .post(&url)
            .header("Content-Type", "application/json;charset=utf8")
            .header("Accept", "application/json")
            .header("Cookie", "console-session=2")
            .header("Authorization", "Bearer someone-elses")
            .header("X-Auth-Token", TOKEN)
            .body(sign_in_body(password));
        if let Some(console) = console {
            request = request.header("Origin", console);
        }
        request.send()
    };
    let ok = send(demo::IAM_PASSWORD).await.unwrap();
    assert_eq!(ok.status(), 201);
    let h = ok.headers().clone();
    let token = header(&h, "x-subject-token")
        .expect("X-Subject-Token")
        .to_owned();
    assert!(token.starts_with("MII"), "{token}");
    assert_eq!(header(&h, "access-control-allow-origin"), console);
    if console.is_some() {
        let exposed = header(&h, "access-control-expose-headers").unwrap_or("");
        assert!(exposed.contains("X-Subject-Token"), "{exposed}");
    }
    let body: serde_json::Value = ok.json().await.unwrap();
    assert_eq!(body["token"]["project"]["id"], PROJECT);
    let wrong = send("demo-password-typo").await.unwrap();
    assert_eq!(wrong.status(), 401);
    assert_eq!(header(wrong.headers(), "x-subject-token"), None);
    assert_eq!(
        wrong.text().await.unwrap(),
        r#"{"error":{"code":401,"message":"The username or password is wrong.","title":"Unauthorized"}}"#,
        "the upstream's 401 as it wrote it"
    );
    let got = api.requests().await;
    assert_eq!(got.len(), 2, "{got:#?}");
    for (r, status) in got.iter().zip([201, 401]) {
        assert_eq!(r["method"], "POST", "{r}");
        assert_eq!(r["path"], "/v3/auth/tokens", "IAM's own path: {r}");
        assert_eq!(r["query"], "nocatalog=true", "{r}");
        assert_eq!(r["status"], status, "{r}");
        assert_eq!(r["content_type"], "application/json;charset=utf8", "{r}");
        assert_eq!(r["body"], serde_json::Value::Null, "{r}");
        assert_eq!(r["body_withheld"], true, "{r}");
        assert_eq!(
            r["token"],
            serde_json::Value::Null,
            "no token goes to IAM: {r}"
        );
        assert_eq!(r["cookie"], false, "{r}");
        assert_eq!(r["authorization"], false, "{r}");
        assert!(r["x_forwarded_host"].is_null(), "{r}");
    }
    // The token opens the API through the same proxy.
    let mut list = http()
        .get(format!("{origin}/vpcep/v1/{PROJECT}/vpc-endpoint-services"))
        .header("X-Auth-Token", &token);
    if let Some(console) = console {
        list = list.header("Origin", console);
    }
    assert_eq!(list.send().await.unwrap().status(), 200);
    assert_eq!(api.requests().await.pop().unwrap()["token"], "accepted");
    // Nothing else under /iam/ reaches IAM: no other method, no other API.
    api.reset().await;
    for (method, path, status) in [
        ("GET", "/iam/v3/auth/tokens?nocatalog=true", 405),
        ("HEAD", "/iam/v3/auth/tokens", 405),
        ("PUT", "/iam/v3/auth/tokens", 405),
        ("DELETE", "/iam/v3/auth/tokens", 405),
        ("OPTIONS", "/iam/v3/auth/tokens", 405),
        ("POST", "/iam/v3/users", 404),
        ("GET", "/iam/v3/users", 404),
        ("POST", "/iam/v3/auth/tokens/", 404),
        ("POST", "/iam/v3/auth/tokens/x", 404),
        ("POST", "/iam/v3/auth/tokens/../../users", 404),
        ("POST", "/iam/v3-ext/auth/tokens", 404),
        ("POST", "/iam/", 404),
        ("POST", "/iamx/v3/auth/tokens", 404),
        ("POST", "/v3/auth/tokens", 404),
    ] {
        assert_eq!(
            raw_status(origin, method, path).await,
            status,
            "{method} {path}"
        );
    }
    assert_eq!(
        api.requests().await,
        Vec::<serde_json::Value>::new(),
        "forwarded"
    );
}

/// Through the proxy on `port`: a client's Authorization, X-Forwarded-Host and -For are not
/// passed on as given, and the upstream's Set-Cookie does not reach the browser.
async fn nothing_the_client_claims_passes_and_no_cookie_comes_back(port: u16, api: &Api) {
    api.queue(serde_json::json!({
        "mode": "answer", "method": "GET", "status": 200,
        "body": {"id": WEB}, "headers": {"Set-Cookie": "upstream-session=1; Path=/"},
    }))
    .await;
    let answer = http()
        .get(format!(
            "http://127.0.0.1:{port}/vpcep/v1/{PROJECT}/vpc-endpoint-services/{WEB}"
        ))
        .header("X-Auth-Token", TOKEN)
        .header("Authorization", "Bearer someone-elses")
        .header("X-Forwarded-Host", "evil.example")
        .header("X-Forwarded-For", "203.0.113.7")
        .header("Cookie", "console-session=2")
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status().as_u16(), 200);
    assert_eq!(header(answer.headers(), "set-cookie"), None, "port {port}");
    let got = api.requests().await.pop().expect("forwarded");
    assert_eq!(got["token"], "accepted", "the token is passed on");
    assert_eq!(got["authorization"], false, "port {port}: {got}");
    assert_eq!(got["cookie"], false, "port {port}: {got}");
    assert!(got["x_forwarded_host"].is_null(), "port {port}: {got}");
    assert_eq!(got["x_forwarded_for"], "127.0.0.1", "port {port}: {got}");
}

/// The first pending connection of the demo service (local-api/seed/demo.env).
const PENDING: &str = support::demo::PENDING_ENDPOINT;

/// Through the proxy at `origin`, as the console's browser sends them from `console` (its
/// Origin, or none on the same origin): a connections list, an accept, a whitelist list and an
/// addition; each reaches the upstream exactly as sent, and its answer comes back unchanged.
async fn connections_and_whitelist_pass(origin: &str, console: Option<&str>, api: &Api) {
    let base = format!("/v1/{PROJECT}/vpc-endpoint-services/{WEB}");
    let send = |method: Method, target: String, body: Option<String>| {
        let mut request = http()
            .request(method, format!("{origin}/vpcep{target}"))
            .header("X-Auth-Token", TOKEN);
        if let Some(console) = console {
            request = request.header("Origin", console);
        }
        if let Some(body) = body {
            request = request
                .header("Content-Type", "application/json")
                .body(body);
        }
        async move {
            let answer = request.send().await.unwrap();
            let status = answer.status().as_u16();
            let allowed =
                header(answer.headers(), "access-control-allow-origin").map(str::to_owned);
            (status, allowed, answer.text().await.unwrap())
        }
    };
    let expect_cors = |allowed: &Option<String>| {
        assert_eq!(allowed.as_deref(), console, "CORS for the console only");
    };

    let (status, allowed, text) = send(
        Method::GET,
        format!("{base}/connections?status=pendingAcceptance&limit=5"),
        None,
    )
    .await;
    assert_eq!(status, 200, "{text}");
    expect_cors(&allowed);
    // The marker_id above 2^53 arrives as the upstream wrote it.
    assert!(text.contains("\"marker_id\":9007199254740993,"), "{text}");
    let list: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(list["total_count"], 3);

    let accept = format!(r#"{{"action":"receive","endpoints":["{PENDING}"]}}"#);
    let (status, allowed, text) = send(
        Method::POST,
        format!("{base}/connections/action"),
        Some(accept.clone()),
    )
    .await;
    assert_eq!(status, 200, "{text}");
    expect_cors(&allowed);
    assert!(text.contains(r#""status":"creating""#), "{text}");

    let (status, _, text) = send(
        Method::GET,
        format!("{base}/permissions?permission=iam:domain::0123&limit=50"),
        None,
    )
    .await;
    assert_eq!(status, 200, "{text}");
    assert!(text.contains(r#""total_count":1"#), "{text}");

    let add = r#"{"action":"add","permissions":["iam:domain::77777777777777777777777777777777"]}"#;
    let (status, allowed, text) = send(
        Method::POST,
        format!("{base}/permissions/action"),
        Some(add.to_owned()),
    )
    .await;
    assert_eq!(status, 200, "{text}");
    expect_cors(&allowed);

    let got = api.requests().await;
    let seen: Vec<(String, String, String, String)> = got
        .iter()
        .map(|r| {
            let text = |k: &str| r[k].as_str().unwrap_or("").to_owned();
            (text("method"), text("path"), text("query"), text("body"))
        })
        .collect();
    assert_eq!(
        seen,
        [
            (
                "GET".to_owned(),
                format!("{base}/connections"),
                "status=pendingAcceptance&limit=5".to_owned(),
                String::new()
            ),
            (
                "POST".to_owned(),
                format!("{base}/connections/action"),
                String::new(),
                accept
            ),
            (
                "GET".to_owned(),
                format!("{base}/permissions"),
                "permission=iam:domain::0123&limit=50".to_owned(),
                String::new()
            ),
            (
                "POST".to_owned(),
                format!("{base}/permissions/action"),
                String::new(),
                add.to_owned()
            ),
        ],
        "{got:#?}"
    );
    for r in &got {
        assert_eq!(r["token"], "accepted", "{r}");
        assert_eq!(r["status"], 200, "{r}");
        assert_eq!(r["authorization"], false, "{r}");
    }
    for r in [&got[1], &got[3]] {
        assert_eq!(r["content_type"], "application/json", "{r}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connections_and_whitelist_calls_pass_both_proxies_as_sent() {
    let api = Api::start(None).await;
    let (console_port, proxy_port) = (free_port(), free_port());
    let console = "https://console.example";
    let root = proxy_only_root();
    let mut conf = render_console(root.path(), &api.origin, console_port, &[]);
    conf.push_str(&render(&[
        "cors-proxy",
        "--console-origin",
        console,
        "--upstream",
        &api.origin,
        "--insecure-upstream",
        "--listen",
        &format!("127.0.0.1:{proxy_port}"),
    ]));
    let _nginx = Nginx::start(&conf, &[console_port, proxy_port]).await;
    let same_origin = format!("http://127.0.0.1:{console_port}");
    connections_and_whitelist_pass(&same_origin, None, &api).await;
    api.reset().await;
    let proxy = format!("http://127.0.0.1:{proxy_port}");
    // The browser's preflight for an accept, then the calls with the console's Origin.
    let preflight = http()
        .request(
            Method::OPTIONS,
            format!("{proxy}/vpcep/v1/{PROJECT}/vpc-endpoint-services/{WEB}/connections/action"),
        )
        .header("Origin", console)
        .header("Access-Control-Request-Method", "POST")
        .header(
            "Access-Control-Request-Headers",
            "x-auth-token,content-type",
        )
        .send()
        .await
        .unwrap();
    assert_eq!(preflight.status(), 204);
    assert_eq!(
        header(preflight.headers(), "access-control-allow-origin"),
        Some(console)
    );
    assert!(header(preflight.headers(), "access-control-allow-methods")
        .unwrap()
        .contains("POST"));
    assert_eq!(
        api.requests().await.len(),
        0,
        "nginx answers the preflight itself"
    );
    connections_and_whitelist_pass(&proxy, Some(console), &api).await;
}

/// The answer of the CORS proxy at `proxy` to a preflight from `origin`: status and the
/// allowed origin it names, if any.
async fn preflight_from(proxy: &str, origin: &str) -> (u16, Option<String>) {
    let answer = http()
        .request(
            Method::OPTIONS,
            format!("{proxy}/vpcep/v1/{PROJECT}/vpc-endpoint-services/{WEB}"),
        )
        .header("Origin", origin)
        .header("Access-Control-Request-Method", "PUT")
        .send()
        .await
        .unwrap();
    let allowed = header(answer.headers(), "access-control-allow-origin").map(str::to_owned);
    (answer.status().as_u16(), allowed)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_cors_proxies_in_one_http_block_each_answer_their_own_console_only() {
    let api = Api::start(None).await;
    let (port_a, port_b) = (free_port(), free_port());
    let (console_a, console_b) = ("https://a.console.example", "https://b.console.example");
    let mut conf = String::new();
    for (port, console) in [(port_a, console_a), (port_b, console_b)] {
        conf.push_str(&render(&[
            "cors-proxy",
            "--console-origin",
            console,
            "--upstream",
            &api.origin,
            "--insecure-upstream",
            "--listen",
            &format!("127.0.0.1:{port}"),
        ]));
    }
    let _nginx = Nginx::start(&conf, &[port_a, port_b]).await;
    let (proxy_a, proxy_b) = (
        format!("http://127.0.0.1:{port_a}"),
        format!("http://127.0.0.1:{port_b}"),
    );
    assert_eq!(
        preflight_from(&proxy_a, console_a).await,
        (204, Some(console_a.to_owned()))
    );
    assert_eq!(preflight_from(&proxy_a, console_b).await, (403, None));
    assert_eq!(
        preflight_from(&proxy_b, console_b).await,
        (204, Some(console_b.to_owned()))
    );
    assert_eq!(preflight_from(&proxy_b, console_a).await, (403, None));
    // Without TLS there is no HSTS: a plain-http listener cannot promise https.
    let plain = http()
        .get(format!(
            "{proxy_a}/vpcep/v1/{PROJECT}/vpc-endpoint-services/{WEB}"
        ))
        .header("X-Auth-Token", TOKEN)
        .send()
        .await
        .unwrap();
    assert_eq!(header(plain.headers(), "strict-transport-security"), None);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_config_json_the_deployment_points_the_console_at_its_proxy() {
    let api = Api::start(None).await;
    let port = free_port();
    let console = format!("http://127.0.0.1:{port}");
    let root = site(None);
    let conf = render_console(root.path(), &api.origin, port, &[]);
    let _nginx = Nginx::start(&conf, &[port]).await;
    let (status, _, body) = get(&format!("{console}/config.json")).await;
    assert_eq!(status, 200);
    assert_eq!(body, r#"{"api_proxy_url":"/vpcep"}"#);
    // A hostile Host header is not copied into it.
    let hostile = http()
        .get(format!("{console}/config.json"))
        .header("Host", "evil.example")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!hostile.contains("evil"), "{hostile}");
    // Rendered without --iam-upstream: no sign-in is forwarded anywhere.
    let refused = http()
        .post(format!("{console}/iam/v3/auth/tokens?nocatalog=true"))
        .header("Content-Type", "application/json")
        .body(sign_in_body(demo::IAM_PASSWORD))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 404);
    assert_eq!(api.requests().await.len(), 0);

    let browser = Browser::start().await;
    let proxy = main_flow(&browser, &console, &api, "no config json").await;
    assert_eq!(proxy, format!("{console}/vpcep"));
    assert_eq!(browser.console_problems().await, Vec::<String>::new());
}

/// A GET with `Accept-Encoding: accept` (none when empty): Content-Encoding, Vary and the body.
async fn get_encoded(url: &str, accept: &str) -> (Option<String>, Option<String>, Vec<u8>) {
    let mut request = http().get(url);
    if !accept.is_empty() {
        request = request.header("Accept-Encoding", accept);
    }
    let answer = request.send().await.unwrap();
    assert_eq!(answer.status().as_u16(), 200, "GET {url}");
    let h = answer.headers().clone();
    let body = answer.bytes().await.unwrap().to_vec();
    let encoding = header(&h, "content-encoding").map(str::to_owned);
    (encoding, header(&h, "vary").map(str::to_owned), body)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_asset_is_served_precompressed_brotli_or_gzip_as_the_browser_accepts() {
    let api = Api::start(None).await;
    let port = free_port();
    let console = format!("http://127.0.0.1:{port}");
    let root = site(None);
    // What the README tells an operator to run after the build.
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("deploy/precompress");
    let out = Command::new("bash")
        .arg(script)
        .arg(root.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let conf = render_console(root.path(), &api.origin, port, &["--brotli"]);
    let _nginx = Nginx::start(&conf, &[port]).await;

    let mut assets: Vec<String> = std::fs::read_dir(root.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| {
            [".wasm", ".js", ".css", ".html"]
                .iter()
                .any(|x| n.ends_with(x))
        })
        .collect();
    assets.sort();
    assert!(assets.len() >= 4, "{assets:?}");
    for name in &assets {
        let url = format!("{console}/{name}");
        let file = |ext: &str| std::fs::read(root.path().join(format!("{name}{ext}"))).unwrap();
        let plain = file("");
        let (encoding, vary, body) = get_encoded(&url, "gzip, deflate, br").await;
        assert_eq!(encoding.as_deref(), Some("br"), "{name}");
        assert_eq!(vary.as_deref(), Some("Accept-Encoding"), "{name}");
        assert_eq!(body, file(".br"), "{name}: the precompressed .br as it is");
        let (encoding, _, body) = get_encoded(&url, "gzip").await;
        assert_eq!(encoding.as_deref(), Some("gzip"), "{name}");
        assert_eq!(body, file(".gz"), "{name}: the precompressed .gz as it is");
        let (encoding, _, body) = get_encoded(&url, "").await;
        assert_eq!(encoding, None, "{name}");
        assert_eq!(body, plain, "{name}");
        // The main module shrinks to under a third. The split's chunks are smaller and
        // shrink less (one of a few hundred bytes hardly at all), so they are not held to it.
        if name.ends_with("_bg.wasm") {
            let br = file(".br").len();
            assert!(
                br * 3 < plain.len(),
                "{name}: {br} bytes of brotli for {}",
                plain.len()
            );
        }
    }
    // A file deployed without its .gz (a build that skipped precompress) is still gzipped,
    // on the fly.
    let wasm = assets.iter().find(|n| n.ends_with("_bg.wasm")).unwrap();
    for ext in [".gz", ".br"] {
        std::fs::remove_file(root.path().join(format!("{wasm}{ext}"))).unwrap();
    }
    let (encoding, _, body) = get_encoded(&format!("{console}/{wasm}"), "gzip, br").await;
    assert_eq!(encoding.as_deref(), Some("gzip"));
    let size = std::fs::metadata(root.path().join(wasm)).unwrap().len() as usize;
    assert!(
        body.len() * 2 < size,
        "{} bytes on the wire for {size}",
        body.len()
    );
}

#[test]
fn every_rendered_configuration_passes_nginx_t_at_the_root_and_under_a_path() {
    let root = proxy_only_root();
    let root = root.path().display().to_string();
    let base = [
        "console",
        "--root",
        root.as_str(),
        "--upstream",
        "https://vpcep.cn-north-4.myhuaweicloud.com",
        "--resolver",
        "127.0.0.1",
        "--listen",
        "127.0.0.1:8443",
    ];
    for extra in [
        vec![],
        vec!["--location", "/tools/vpcep/"],
        vec!["--location", "/a.b/c_d-1/", "--brotli"],
        vec![
            "--location",
            "/tools/vpcep/",
            "--iam-upstream",
            "https://iam.example.com",
        ],
        vec!["--iam-upstream", "https://iam.example.com"],
    ] {
        let mut args = base.to_vec();
        args.extend(extra.iter().copied());
        let conf = render(&args);
        if let Some(at) = extra.iter().position(|a| *a == "--location") {
            let prefix = extra[at + 1];
            assert!(
                conf.contains(&format!("location {prefix} {{\n        alias {root}/;")),
                "{conf}"
            );
            assert!(
                conf.contains(&format!("location = {prefix}config.json {{")),
                "{conf}"
            );
            assert!(
                conf.contains(&format!(
                    "return 200 '{{\"api_proxy_url\":\"{prefix}vpcep\"}}';"
                )),
                "{conf}"
            );
            assert!(
                !conf.contains("location /vpcep/") && !conf.contains("^/vpcep/"),
                "{conf}"
            );
            if extra.contains(&"--iam-upstream") {
                assert!(
                    conf.contains(&format!("location = {prefix}iam/v3/auth/tokens {{")),
                    "{conf}"
                );
            }
        }
        let out = nginx_t(&conf);
        assert!(
            out.status.success(),
            "nginx -t with {extra:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn render_refuses_input_that_would_break_or_weaken_the_config() {
    let root = proxy_only_root();
    let root = root.path().display().to_string();
    let base = [
        "console",
        "--root",
        root.as_str(),
        "--upstream",
        "https://vpcep.cn-north-4.myhuaweicloud.com",
    ];
    assert!(run_render(&base).status.success());
    for extra in [
        vec!["--server-name", "x; include /etc/passwd"],
        vec!["--server-name", "x\n}"],
        vec!["--listen", "80; return 200"],
        vec!["--tls-cert", "/a b.pem", "--tls-key", "/k.pem"],
        vec!["--tls-cert", "/a.pem"],
        vec!["--iam-upstream", "https://iam.example/v3"],
        vec!["--iam-upstream", "https://iam.example;return 200"],
        vec!["--location", "tools/vpcep/"],
        vec!["--location", "/tools/vpcep"],
        vec!["--location", "/tools/../etc/"],
        vec!["--location", "/tools/./"],
        vec!["--location", "//"],
        vec!["--location", "/a b/"],
        vec!["--location", "/a\"b/"],
        vec!["--location", "/a;/"],
        vec!["--location", "/a{/"],
    ] {
        let mut args = base.to_vec();
        args.extend(extra.iter().copied());
        let out = run_render(&args);
        assert!(!out.status.success(), "{extra:?} was accepted");
        assert!(
            String::from_utf8_lossy(&out.stderr).starts_with("render.py: "),
            "{extra:?}"
        );
    }
    // A plain-http upstream needs saying so: the token would travel unencrypted.
    let out = run_render(&[
        "console",
        "--root",
        root.as_str(),
        "--upstream",
        "http://vpcep.example",
    ]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("must be https://"));
    // So does a plain-http IAM: the password would.
    let mut args = base.to_vec();
    args.extend(["--iam-upstream", "http://iam.example"]);
    let out = run_render(&args);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        !out.status.success() && err.contains("--iam-upstream must be https://"),
        "{err}"
    );
    // The upstream's certificate is verified.
    let conf = render(&base);
    assert!(
        conf.contains("proxy_ssl_verify on;")
            && conf.contains("proxy_ssl_trusted_certificate /etc/ssl/certs/ca-certificates.crt;")
    );
    // Without --iam-upstream, nothing of IAM; with it, the one location, to IAM's own path
    // over verified TLS, in both variants.
    assert!(
        !conf.contains("location = /iam/") && !conf.contains("$vpcep_iam_upstream"),
        "{conf}"
    );
    let mut args = base.to_vec();
    args.extend([
        "--iam-upstream",
        "https://IAM.cn-north-4.myhuaweicloud.com/",
    ]);
    let with_iam = render(&args);
    let cors_iam = render(&[
        "cors-proxy",
        "--console-origin",
        "https://console.example.com",
        "--upstream",
        "https://vpcep.eu-de.otc.t-systems.com",
        "--iam-upstream",
        "https://iam.eu-de.otc.t-systems.com",
    ]);
    for (conf, host) in [
        (&with_iam, "https://iam.cn-north-4.myhuaweicloud.com"),
        (&cors_iam, "https://iam.eu-de.otc.t-systems.com"),
    ] {
        let at = conf.find("location = /iam/v3/auth/tokens {").expect(conf);
        let iam = &conf[at..];
        let iam = &iam[..iam.find("location /iam/ {").expect(conf)];
        for line in [
            format!("set $vpcep_iam_upstream {host};"),
            "proxy_pass $vpcep_iam_upstream/v3/auth/tokens$is_args$args;".to_owned(),
            "proxy_ssl_verify on;".to_owned(),
            "proxy_ssl_server_name on;".to_owned(),
            "proxy_set_header Cookie \"\";".to_owned(),
            "proxy_set_header Authorization \"\";".to_owned(),
            "proxy_hide_header Set-Cookie;".to_owned(),
            "client_max_body_size 16k;".to_owned(),
        ] {
            assert!(iam.contains(&line), "{line} not in {iam}");
        }
        assert_eq!(conf.matches("location = /iam/").count(), 1, "{conf}");
        assert!(!conf.contains("$request_body"), "{conf}");
    }
    assert!(cors_iam.contains("Access-Control-Expose-Headers \"X-Subject-Token, X-Request-Id\""));
    // A browser's Origin has no default port: the CORS map must not have one either.
    let cors = render(&[
        "cors-proxy",
        "--console-origin",
        "https://Console.example.com:443/",
        "--upstream",
        "https://vpcep.eu-de.otc.t-systems.com",
    ]);
    assert!(
        cors.contains("\"https://console.example.com\" $http_origin;"),
        "{cors}"
    );
}

/// A DNS server on loopback for one name: it answers A queries for `name` with whatever
/// address `answer` holds at the time, and nothing else (the proxy's `resolver` in a test).
async fn dns_server(
    name: &'static str,
    answer: std::sync::Arc<std::sync::Mutex<[u8; 4]>>,
) -> (u16, tokio::task::JoinHandle<()>) {
    let socket = tokio::net::UdpSocket::bind("127.0.0.1:0").await.unwrap();
    let port = socket.local_addr().unwrap().port();
    let task = tokio::spawn(async move {
        let mut buf = [0u8; 512];
        // Bounded: a test needs a handful of answers.
        for _ in 0..1000 {
            let Ok((n, from)) = socket.recv_from(&mut buf).await else {
                return;
            };
            let q = &buf[..n];
            if n < 17 {
                continue;
            }
            // The question: labels from byte 12, then type and class.
            let mut i = 12;
            let mut labels = Vec::new();
            while i < n && q[i] != 0 {
                let len = q[i] as usize;
                labels.push(String::from_utf8_lossy(&q[i + 1..(i + 1 + len).min(n)]).to_string());
                i += 1 + len;
            }
            let end = i + 5; // the zero byte, type, class
            if end > n {
                continue;
            }
            let qtype = u16::from_be_bytes([q[i + 1], q[i + 2]]);
            let hit = labels.join(".").eq_ignore_ascii_case(name) && qtype == 1;
            let mut r = Vec::with_capacity(64);
            r.extend_from_slice(&q[..2]); // the id
            r.extend_from_slice(&[0x81, if hit { 0x80 } else { 0x83 }]); // answer; NXDOMAIN if no hit
            r.extend_from_slice(&[0, 1, 0, u8::from(hit), 0, 0, 0, 0]);
            r.extend_from_slice(&q[12..end]);
            if hit {
                let ip = *answer.lock().unwrap();
                r.extend_from_slice(&[0xc0, 12, 0, 1, 0, 1, 0, 0, 0, 1, 0, 4]);
                r.extend_from_slice(&ip);
            }
            let _ = socket.send_to(&r, from).await;
        }
    });
    (port, task)
}

/// The local API server on `ip:port`, answering for the upstream name `host` as well.
async fn api_on(ip: &str, port: u16, host: &str) -> tokio::task::JoinHandle<std::io::Result<()>> {
    let listener = tokio::net::TcpListener::bind((ip, port)).await.unwrap();
    tokio::spawn(vpcep_local_api::serve(
        listener,
        vpcep_local_api::Config {
            allow_hosts: vec![host.to_owned()],
            quiet: true,
            ..vpcep_local_api::Config::default()
        },
    ))
}

/// What the API server at `origin` logged (its `/__control/requests`).
async fn logged(origin: &str) -> usize {
    http()
        .get(format!("{origin}/__control/requests"))
        .send()
        .await
        .unwrap()
        .json::<Vec<serde_json::Value>>()
        .await
        .unwrap()
        .len()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_proxy_follows_a_change_of_the_upstreams_address() {
    const NAME: &str = "vpcep.region.test";
    // The region's host moves from 127.0.0.1 to 127.0.0.2 (same port), as a cloud's does.
    let port = free_port();
    let first = api_on("127.0.0.1", port, NAME).await;
    let second = api_on("127.0.0.2", port, NAME).await;
    let address = std::sync::Arc::new(std::sync::Mutex::new([127, 0, 0, 1]));
    let (dns_port, dns) = dns_server(NAME, address.clone()).await;
    let listen = free_port();
    let conf = render(&[
        "console",
        "--root",
        &proxy_only_root().path().display().to_string(),
        "--upstream",
        &format!("http://{NAME}:{port}"),
        "--insecure-upstream",
        "--resolver",
        &format!("127.0.0.1:{dns_port}"),
        "--listen",
        &format!("127.0.0.1:{listen}"),
    ]);
    // 30 s in a deployment; a second here, or the test would wait half a minute.
    let conf = conf.replace("valid=30s", "valid=1s");
    assert!(conf.contains(&format!("resolver 127.0.0.1:{dns_port} valid=1s ipv6=off;")));
    let _nginx = Nginx::start(&conf, &[listen]).await;
    let service =
        format!("http://127.0.0.1:{listen}/vpcep/v1/{PROJECT}/vpc-endpoint-services/{WEB}");
    let get = || async {
        http()
            .get(&service)
            .header("X-Auth-Token", TOKEN)
            .send()
            .await
            .unwrap()
            .status()
            .as_u16()
    };
    let (one, two) = (
        format!("http://127.0.0.1:{port}"),
        format!("http://127.0.0.2:{port}"),
    );
    assert_eq!(get().await, 200);
    assert_eq!((logged(&one).await, logged(&two).await), (1, 0));
    *address.lock().unwrap() = [127, 0, 0, 2];
    // Within the resolver's validity and a little: the next requests go to the new address.
    let deadline = Instant::now() + WAIT;
    while logged(&two).await == 0 {
        assert!(Instant::now() < deadline, "nginx kept the old address");
        assert_eq!(get().await, 200);
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
    dns.abort();
    first.abort();
    second.abort();
}
