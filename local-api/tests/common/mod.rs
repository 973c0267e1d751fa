//! Test helpers. [`start`] runs the server's router in-process and calls it with
//! `tower::ServiceExt::oneshot`, no socket, as axum's `examples/testing` does: that is where
//! the API's behaviour is tested. [`start_socket`] serves it on 127.0.0.1:0 for what needs a
//! real connection (CORS as a browser sends it, delays, dropped connections), reached with
//! reqwest, the one HTTP client of the tests.
//!
//! The helpers are blocking, so the tests read like a script: they run on the test's
//! multi-threaded runtime with `block_in_place`.
#![allow(dead_code)]

use std::future::Future;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::Request;
use axum::Router;
use serde_json::Value;
use tempfile::TempDir;
use tokio::sync::oneshot;
use tower::ServiceExt;
use vpcep_local_api::{serve_with_shutdown, Config};

pub const TOKEN: &str = vpcep_local_api::demo::TOKEN;
pub const HW: &str = vpcep_local_api::demo::PROJECT;
pub const OTC: &str = vpcep_local_api::demo::OTC_PROJECT;
pub const WEB: &str = vpcep_local_api::demo::WEB;
pub const ORDERS: &str = vpcep_local_api::demo::ORDERS;
pub const BATCH: &str = "0d9e8f7a-6b5c-4d3e-8f2a-1b0c9d8e7f6a";
pub const METRICS: &str = "8a7b6c5d-4e3f-4a2b-9c1d-0e9f8a7b6c5d";
pub const DNS: &str = vpcep_local_api::demo::OTC_SERVICE;
pub const LDAP: &str = "9e8d7c6b-5a4f-4e3d-b2c1-a0f9e8d7c6b5";
pub const WEB_PORT_ID: &str = "9a1c7e52-3b4d-4f6a-8e2b-1c0d9f8e7a65";
pub const DNS_PORT_ID: &str = "4b6d8f0a-2c3e-4b7a-9d1e-f2a3b4c5d6e7";
pub const A_UUID: &str = "11111111-2222-4333-8444-555555555555";

/// How long one request may take.
const TIMEOUT: Duration = Duration::from_secs(10);

/// The defaults, quiet, with a short `creating` phase.
pub fn test_config() -> Config {
    Config {
        quiet: true,
        creating_delay: Duration::from_millis(150),
        ..Config::default()
    }
}

/// The server of a test: its router, and on [`start_socket`] the loopback address it serves.
pub struct Server {
    app: Router,
    pub addr: Option<SocketAddr>,
    shutdown: Option<oneshot::Sender<()>>,
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}

/// The server with `config`, called in-process (no socket).
pub async fn start(config: Config) -> Server {
    Server {
        app: vpcep_local_api::app(config),
        addr: None,
        shutdown: None,
    }
}

/// [`start`] with [`test_config`].
pub async fn start_default() -> Server {
    start(test_config()).await
}

/// The server with `config` on 127.0.0.1:0 in the current runtime; requests go over the socket.
pub async fn start_socket(config: Config) -> Server {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind 127.0.0.1:0");
    let addr = listener.local_addr().expect("local addr");
    let (tx, rx) = oneshot::channel::<()>();
    let app = vpcep_local_api::app(config.clone());
    tokio::spawn(async move {
        let _ = serve_with_shutdown(listener, config, async {
            let _ = rx.await;
        })
        .await;
    });
    Server {
        app,
        addr: Some(addr),
        shutdown: Some(tx),
    }
}

/// [`start_socket`] with [`test_config`].
pub async fn start_socket_default() -> Server {
    start_socket(test_config()).await
}

/// Runs `f` to the end from the test's synchronous code: on the test's multi-threaded
/// runtime, or on a small one of its own in a plain `#[test]`.
fn block_on<T>(f: impl Future<Output = T>) -> T {
    match tokio::runtime::Handle::try_current() {
        Ok(handle) => tokio::task::block_in_place(|| handle.block_on(f)),
        Err(_) => tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a runtime")
            .block_on(f),
    }
}

pub fn service_path(project: &str, id: &str) -> String {
    format!("/v1/{project}/vpc-endpoint-services/{id}")
}

pub fn list_path(project: &str, query: &str) -> String {
    if query.is_empty() {
        format!("/v1/{project}/vpc-endpoint-services")
    } else {
        format!("/v1/{project}/vpc-endpoint-services?{query}")
    }
}

pub fn upgrade_path(project: &str, id: &str) -> String {
    format!("/v2/{project}/vpc-endpoint-services/{id}/upgrade")
}

impl Server {
    /// One request; over the socket after [`start_socket`], else straight into the router.
    pub fn call(
        &self,
        method: &str,
        target: &str,
        headers: &[(&str, &str)],
        body: Option<&str>,
    ) -> Resp {
        self.try_call(method, target, headers, body)
            .unwrap_or_else(|e| panic!("{method} {target}: {e}"))
    }

    /// [`Server::call`], with a failure of the connection (a dropped one) as an `Err`.
    pub fn try_call(
        &self,
        method: &str,
        target: &str,
        headers: &[(&str, &str)],
        body: Option<&str>,
    ) -> Result<Resp, String> {
        match self.addr {
            Some(addr) => try_request(addr, method, target, headers, body),
            None => {
                let mut req = Request::builder().method(method).uri(target);
                for (n, v) in headers {
                    req = req.header(*n, *v);
                }
                let req = req
                    .body(Body::from(body.unwrap_or("").to_owned()))
                    .map_err(|e| e.to_string())?;
                block_on(async {
                    let resp = tokio::time::timeout(TIMEOUT, self.app.clone().oneshot(req))
                        .await
                        .map_err(|_| "no answer in time".to_string())?
                        .map_err(|e| e.to_string())?;
                    let status = resp.status().as_u16();
                    let headers = resp
                        .headers()
                        .iter()
                        .map(|(n, v)| (n.to_string(), v.to_str().unwrap_or("").to_string()))
                        .collect();
                    let body = axum::body::to_bytes(resp.into_body(), usize::MAX)
                        .await
                        .map_err(|e| e.to_string())?;
                    Ok(Resp {
                        status,
                        headers,
                        body: body.to_vec(),
                    })
                })
            }
        }
    }

    /// GET with the demo token.
    pub fn get(&self, target: &str) -> Resp {
        self.call("GET", target, &[("X-Auth-Token", TOKEN)], None)
    }
    /// PUT a JSON body with the demo token.
    pub fn put(&self, target: &str, body: &str) -> Resp {
        self.call(
            "PUT",
            target,
            &[
                ("X-Auth-Token", TOKEN),
                ("Content-Type", "application/json"),
            ],
            Some(body),
        )
    }
    /// POST with the demo token and no body.
    pub fn post(&self, target: &str) -> Resp {
        self.call("POST", target, &[("X-Auth-Token", TOKEN)], None)
    }
    /// A control request with a JSON body.
    pub fn control(&self, method: &str, target: &str, body: Option<&str>) -> Resp {
        self.call(
            method,
            target,
            &[("Content-Type", "application/json")],
            body,
        )
    }
    /// GET one service and return its JSON.
    pub fn service(&self, project: &str, id: &str) -> Value {
        let r = self.get(&service_path(project, id));
        assert_eq!(r.status, 200, "GET {id}: {}", r.text());
        r.json()
    }
    /// The request log.
    pub fn requests(&self) -> Vec<Value> {
        let r = self.call("GET", "/__control/requests", &[], None);
        assert_eq!(r.status, 200);
        r.json().as_array().cloned().expect("an array")
    }
}

/// One request over a fresh loopback connection with reqwest.
pub fn request(
    addr: SocketAddr,
    method: &str,
    target: &str,
    headers: &[(&str, &str)],
    body: Option<&str>,
) -> Resp {
    try_request(addr, method, target, headers, body)
        .unwrap_or_else(|e| panic!("{method} {target}: {e}"))
}

/// [`request`], with a connection that closes with no answer as an `Err`.
pub fn try_request(
    addr: SocketAddr,
    method: &str,
    target: &str,
    headers: &[(&str, &str)],
    body: Option<&str>,
) -> Result<Resp, String> {
    let client = reqwest::Client::builder()
        .no_proxy()
        .timeout(TIMEOUT)
        .build()
        .map_err(|e| e.to_string())?;
    let method = reqwest::Method::from_bytes(method.as_bytes()).map_err(|e| e.to_string())?;
    let mut req = client.request(method, format!("http://{addr}{target}"));
    for (n, v) in headers {
        req = req.header(*n, *v);
    }
    if let Some(b) = body {
        req = req.body(b.to_owned());
    }
    block_on(async {
        let resp = req.send().await.map_err(|e| format!("{e:?}"))?;
        let status = resp.status().as_u16();
        let headers = resp
            .headers()
            .iter()
            .map(|(n, v)| (n.to_string(), v.to_str().unwrap_or("").to_string()))
            .collect();
        let body = resp.bytes().await.map_err(|e| format!("{e:?}"))?;
        Ok(Resp {
            status,
            headers,
            body: body.to_vec(),
        })
    })
}

/// Writes `request` as is on a fresh loopback connection and returns everything the server
/// answers until it closes (send `Connection: close`), bounded by the request timeout.
pub fn raw_http(addr: SocketAddr, request: &str) -> String {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect_timeout(&addr, TIMEOUT).expect("connect");
    stream.set_read_timeout(Some(TIMEOUT)).expect("timeout");
    stream.write_all(request.as_bytes()).expect("write");
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    String::from_utf8_lossy(&answer).into_owned()
}

/// A parsed response.
#[derive(Debug, Clone)]
pub struct Resp {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Resp {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
    pub fn header_names(&self) -> Vec<String> {
        self.headers
            .iter()
            .map(|(n, _)| n.to_ascii_lowercase())
            .collect()
    }
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text()))
    }
    /// `error_code` of an error body.
    pub fn code(&self) -> String {
        self.json()["error_code"].as_str().unwrap_or("").to_string()
    }
    pub fn msg(&self) -> String {
        self.json()["error_msg"].as_str().unwrap_or("").to_string()
    }
    pub fn request_id(&self) -> String {
        self.header("x-request-id").unwrap_or("").to_string()
    }
}

/// Polls `f` every 25 ms until it returns true or `limit` passes.
pub fn poll_until(limit: Duration, mut f: impl FnMut() -> bool) -> bool {
    let deadline = Instant::now() + limit;
    loop {
        if f() {
            return true;
        }
        if Instant::now() > deadline {
            return false;
        }
        std::thread::sleep(Duration::from_millis(25));
    }
}

/// Files of the bundle made by [`static_fixture`]: (path under `dist/`, content).
pub const STATIC_FILES: &[(&str, &[u8])] = &[
    (
        "index.html",
        b"<!doctype html><title>console</title><script type=module src=/app.js></script>",
    ),
    ("app.js", b"console.log('app');"),
    ("app_bg.wasm", b"\0asm\x01\0\0\0"),
    ("assets/css/site.css", b"body { color: black; }"),
    (
        "assets/logo.svg",
        b"<svg xmlns='http://www.w3.org/2000/svg'/>",
    ),
    ("assets/logo.png", b"\x89PNG\r\n\x1a\n"),
    ("assets/my file.txt", b"spaces in the name"),
    ("favicon.ico", b"\0\0\x01\0"),
    ("data.json", b"{\"ok\":true}"),
    ("notes.txt", b"plain text"),
    ("blob.bin", b"\x01\x02\x03"),
    ("sub/index.html", b"<p>sub index</p>"),
    (".hidden", b"hidden"),
];

/// The content of the files outside `dist/` that no request may reach.
pub const SECRET: &[u8] = b"TOP-SECRET-CONTENT";

/// A console-like bundle: `<tmp>/dist/` holds [`STATIC_FILES`] and an empty directory `empty/`
/// (plus, on Unix, `escape.txt`, a symbolic link to `../secret`); `<tmp>/secret` and
/// `<tmp>/Cargo.toml` hold [`SECRET`]. Returns the temp dir (keep it alive) and the `dist` path.
pub fn static_fixture() -> (TempDir, PathBuf) {
    let tmp = tempfile::Builder::new()
        .prefix("vpcep-local-api-static-")
        .tempdir()
        .expect("a temp dir");
    let dist = tmp.path().join("dist");
    for (rel, content) in STATIC_FILES {
        write_file(&dist.join(rel), content);
    }
    std::fs::create_dir_all(dist.join("empty")).expect("mkdir empty");
    write_file(&tmp.path().join("secret"), SECRET);
    write_file(&tmp.path().join("Cargo.toml"), SECRET);
    #[cfg(unix)]
    std::os::unix::fs::symlink("../secret", dist.join("escape.txt")).expect("symlink");
    (tmp, dist)
}

fn write_file(path: &Path, content: &[u8]) {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("mkdir");
    }
    std::fs::write(path, content).expect("write a fixture file");
}
