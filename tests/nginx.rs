//! The deployment: Debian's nginx on loopback with the configuration rendered from deploy/,
//! in front of the local VPCEP API server standing in for the region's host, and the
//! console's main flow through it in headless Chromium, same origin and cross origin.
//!
//! Needs nginx, chromedriver and the release bundle; `bash .ci/test` provides all three.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use serde_json::json;
use std::net::TcpListener;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use support::stack::{http, received_with, site, start_api, TempDir};
use support::Browser;

const PROJECT: &str = "2b0c8e3f6a4d4e1b9c7f5a3d1e0b8c6a";
const WEB: &str = "4189d3c2-8882-4871-a3c2-d380272eed83";
const TOKEN: &str = "demo-token";
const WAIT: Duration = Duration::from_secs(10);

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
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

fn run_render(args: &[&str]) -> std::process::Output {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("deploy/render.py");
    Command::new("python3")
        .arg(script)
        .args(args)
        .output()
        .unwrap()
}

/// nginx in the foreground with `site` included in its http block; stopped on drop.
struct Nginx {
    child: Child,
    dir: TempDir,
}

impl Nginx {
    fn start(site: &str, ports: &[u16]) -> Nginx {
        let dir = TempDir::new("nginx");
        let d = dir.path().display();
        std::fs::write(dir.path().join("site.conf"), site).unwrap();
        let conf = format!(
            "worker_processes 1;\ndaemon off;\nuser root;\npid {d}/nginx.pid;\nerror_log {d}/error.log;\n\
             events {{ worker_connections 64; }}\n\
             http {{\n  include /etc/nginx/mime.types;\n  default_type application/octet-stream;\n  access_log {d}/access.log;\n\
             client_body_temp_path {d}/body; proxy_temp_path {d}/proxy; fastcgi_temp_path {d}/fastcgi;\n\
             uwsgi_temp_path {d}/uwsgi; scgi_temp_path {d}/scgi;\n  include {d}/site.conf;\n}}\n"
        );
        std::fs::write(dir.path().join("nginx.conf"), conf).unwrap();
        let nginx = ["/usr/sbin/nginx", "nginx"]
            .into_iter()
            .find(|p| Command::new(p).arg("-v").output().is_ok())
            .expect("nginx is not installed: bash .ci/test installs it");
        let child = Command::new(nginx)
            .arg("-p")
            .arg(dir.path())
            .arg("-c")
            .arg(dir.path().join("nginx.conf"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut n = Nginx { child, dir };
        let deadline = Instant::now() + Duration::from_secs(10);
        for port in ports {
            while std::net::TcpStream::connect(("127.0.0.1", *port)).is_err() {
                if let Ok(Some(status)) = n.child.try_wait() {
                    panic!("nginx exited ({status}): {}", n.error_log());
                }
                assert!(
                    Instant::now() < deadline,
                    "nginx did not listen on {port}: {}",
                    n.error_log()
                );
                std::thread::sleep(Duration::from_millis(50));
            }
        }
        n
    }

    fn error_log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("error.log")).unwrap_or_default()
    }
}

impl Drop for Nginx {
    fn drop(&mut self) {
        // SIGTERM: the master stops its workers too (SIGKILL would orphan them).
        let _ = Command::new("kill")
            .arg("-TERM")
            .arg(self.child.id().to_string())
            .status();
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Load, edit the description, send: the PUT reaches the API server through nginx.
fn main_flow(browser: &Browser, console: &str, api_origin: &str, description: &str) {
    browser
        .goto(&format!("{console}/?project_id={PROJECT}&service_id={WEB}"))
        .unwrap();
    browser.fill("#s-token", TOKEN).unwrap();
    browser.find("#load").unwrap().click().unwrap();
    if let Err(e) = browser.wait_text("#card-title", |t| t == "web-frontend", WAIT) {
        let outcome = browser
            .find("#outcome")
            .and_then(|o| o.text())
            .unwrap_or_default();
        let proxy = browser
            .find("#s-proxy-url")
            .map(|p| p.prop("value"))
            .unwrap_or_default();
        panic!("{e}; proxy URL {proxy}; outcome: {outcome}");
    }
    browser.fill("#f-description", description).unwrap();
    browser
        .wait_text("#diff", |t| t.contains(description), WAIT)
        .unwrap();
    browser.find("#send").unwrap().click().unwrap();
    let line = browser
        .wait_text("#status-line", |t| t.starts_with("Saved"), WAIT)
        .unwrap();
    assert!(
        line.contains("Request ID"),
        "X-Request-Id reaches the page: {line}"
    );
    browser
        .wait_text("#card-description", |t| t == description, WAIT)
        .unwrap();
    let puts = received_with(api_origin, "PUT");
    assert_eq!(puts.len(), 1, "{puts:#?}");
    assert_eq!(
        puts[0]["path"],
        format!("/v1/{PROJECT}/vpc-endpoint-services/{WEB}")
    );
    assert_eq!(puts[0]["x_auth_token"], TOKEN);
    assert_eq!(
        puts[0]["body"],
        json!(format!(r#"{{"description":"{description}"}}"#))
    );
}

/// Console messages that tell of a Content-Security-Policy violation or any error.
fn problems(browser: &Browser) -> Vec<String> {
    browser
        .browser_log()
        .into_iter()
        .filter(|m| {
            m.starts_with("SEVERE")
                || m.contains("Content Security Policy")
                || m.contains("Refused")
        })
        .collect()
}

#[test]
fn same_origin_with_a_prefix_under_the_security_headers() {
    let api = start_api(None);
    let port = free_port();
    let console = format!("http://127.0.0.1:{port}");
    let root = site(Some(&format!(
        r#"{{"api_proxy_url":"{console}/vpcep","allow_proxy_change":false,"default_project_id":"{PROJECT}"}}"#
    )));
    let conf = render(&[
        "console",
        "--root",
        &root.path().display().to_string(),
        "--upstream",
        &api.origin,
        // The local stand-in speaks http; a real deployment's upstream must be https.
        "--insecure-upstream",
        "--listen",
        &format!("127.0.0.1:{port}"),
    ]);
    let _nginx = Nginx::start(&conf, &[port]);

    // The operator's config.json wins over the deployment's default one.
    assert!(http(&console, "GET", "/config.json", &[], "")
        .body
        .contains("allow_proxy_change"));
    let page = http(&console, "GET", "/", &[], "");
    assert_eq!(page.status, 200);
    let csp = page
        .header("content-security-policy")
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
    assert_eq!(page.header("x-content-type-options"), Some("nosniff"));
    assert_eq!(page.header("referrer-policy"), Some("no-referrer"));
    let wasm = std::fs::read_dir(root.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .find(|n| n.ends_with(".wasm"))
        .unwrap();
    let asset = http(&console, "GET", &format!("/{wasm}"), &[], "");
    assert_eq!(asset.header("content-type"), Some("application/wasm"));
    assert!(asset
        .header("cache-control")
        .unwrap_or("")
        .contains("max-age=31536000"));
    // Only the VPCEP API is proxied.
    assert_eq!(
        http(&console, "GET", "/vpcep/v3/auth/tokens", &[], "").status,
        404
    );

    let browser = Browser::start().unwrap();
    main_flow(&browser, &console, &api.origin, "through nginx");
    // The locked proxy URL from config.json was used, and the CSP let everything run.
    assert_eq!(
        browser.find("#s-proxy-url").unwrap().prop("value"),
        json!(format!("{console}/vpcep"))
    );
    assert_eq!(problems(&browser), Vec::<String>::new());
}

#[test]
fn cross_origin_with_cors_for_the_console_only() {
    let api = start_api(None);
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
        // The local stand-in speaks http; a real deployment's upstream must be https.
        "--insecure-upstream",
        "--listen",
        &format!("127.0.0.1:{proxy_port}"),
    ]));
    let _nginx = Nginx::start(&conf, &[console_port, proxy_port]);

    let path = format!("/vpcep/v1/{PROJECT}/vpc-endpoint-services/{WEB}");
    // The console's origin: a preflight answer that allows the token header.
    let ok = http(
        &proxy,
        "OPTIONS",
        &path,
        &[
            ("Origin", &console),
            ("Access-Control-Request-Method", "PUT"),
            (
                "Access-Control-Request-Headers",
                "x-auth-token,content-type",
            ),
        ],
        "",
    );
    assert_eq!(ok.status, 204);
    assert_eq!(
        ok.header("access-control-allow-origin"),
        Some(console.as_str())
    );
    assert!(ok
        .header("access-control-allow-headers")
        .unwrap()
        .contains("X-Auth-Token"));
    // Any other origin is refused, with no CORS header.
    let evil = http(
        &proxy,
        "OPTIONS",
        &path,
        &[
            ("Origin", "http://evil.example"),
            ("Access-Control-Request-Method", "PUT"),
        ],
        "",
    );
    assert_eq!(evil.status, 403);
    assert_eq!(evil.header("access-control-allow-origin"), None);
    let evil_get = http(
        &proxy,
        "GET",
        &path,
        &[("Origin", "http://evil.example"), ("X-Auth-Token", TOKEN)],
        "",
    );
    assert_eq!(evil_get.status, 403);
    // A real request from the console: one Allow-Origin, the request id exposed.
    let get = http(
        &proxy,
        "GET",
        &path,
        &[("Origin", &console), ("X-Auth-Token", TOKEN)],
        "",
    );
    assert_eq!(get.status, 200);
    let allow: Vec<_> = get
        .headers
        .iter()
        .filter(|(n, _)| n == "access-control-allow-origin")
        .collect();
    assert_eq!(allow.len(), 1, "{:?}", get.headers);
    assert_eq!(
        get.header("access-control-expose-headers"),
        Some("X-Request-Id")
    );
    assert!(get.header("x-request-id").is_some());

    let browser = Browser::start().unwrap();
    main_flow(&browser, &console, &api.origin, "across origins");
    assert_eq!(problems(&browser), Vec::<String>::new());
}

#[test]
fn without_config_json_the_deployment_points_the_console_at_its_proxy() {
    let api = start_api(None);
    let port = free_port();
    let console = format!("http://127.0.0.1:{port}");
    let root = site(None);
    let conf = render(&[
        "console",
        "--root",
        &root.path().display().to_string(),
        "--upstream",
        &api.origin,
        "--insecure-upstream",
        "--listen",
        &format!("127.0.0.1:{port}"),
    ]);
    let _nginx = Nginx::start(&conf, &[port]);
    let config = http(&console, "GET", "/config.json", &[], "");
    assert_eq!(config.status, 200);
    assert_eq!(
        config.body,
        format!(r#"{{"api_proxy_url":"{console}/vpcep"}}"#)
    );

    let browser = Browser::start().unwrap();
    main_flow(&browser, &console, &api.origin, "no config json");
    assert_eq!(
        browser.find("#s-proxy-url").unwrap().prop("value"),
        json!(format!("{console}/vpcep"))
    );
    assert_eq!(problems(&browser), Vec::<String>::new());
}

#[test]
fn render_refuses_input_that_would_break_or_weaken_the_config() {
    let root = site(None);
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
    // The upstream's certificate is verified.
    let conf = render(&base);
    assert!(
        conf.contains("proxy_ssl_verify on;")
            && conf.contains("proxy_ssl_trusted_certificate /etc/ssl/certs/ca-certificates.crt;")
    );
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
