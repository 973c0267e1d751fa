//! Test helpers: start the server on 127.0.0.1:0 inside the test's runtime, and a tiny raw
//! HTTP/1.1 client over `std::net::TcpStream` (Connection: close, read timeouts, bounded loops).
//!
//! Tests run on a multi-threaded runtime: the blocking client runs on the test's own thread while
//! the server runs on the worker threads.
#![allow(dead_code)]

use std::io::{self, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use serde_json::Value;
use tokio::sync::oneshot;
use vpcep_local_api::{serve_with_shutdown, Config};

pub const TOKEN: &str = "demo-token";
pub const HW: &str = "2b0c8e3f6a4d4e1b9c7f5a3d1e0b8c6a";
pub const OTC: &str = "7c4e2a9b1d3f4e5a8b6c0d2e4f6a8b0c";
pub const WEB: &str = "4189d3c2-8882-4871-a3c2-d380272eed83";
pub const ORDERS: &str = "6f0b2d1e-4c3a-4b5d-9e8f-7a6b5c4d3e2f";
pub const BATCH: &str = "0d9e8f7a-6b5c-4d3e-8f2a-1b0c9d8e7f6a";
pub const METRICS: &str = "8a7b6c5d-4e3f-4a2b-9c1d-0e9f8a7b6c5d";
pub const DNS: &str = "3a5c7e9b-1d2f-4a6b-8c0d-e1f2a3b4c5d6";
pub const LDAP: &str = "9e8d7c6b-5a4f-4e3d-b2c1-a0f9e8d7c6b5";
pub const WEB_PORT_ID: &str = "9a1c7e52-3b4d-4f6a-8e2b-1c0d9f8e7a65";
pub const DNS_PORT_ID: &str = "4b6d8f0a-2c3e-4b7a-9d1e-f2a3b4c5d6e7";
pub const A_UUID: &str = "11111111-2222-4333-8444-555555555555";

const IO_TIMEOUT: Duration = Duration::from_secs(10);
const MAX_RESPONSE: usize = 4 << 20;

/// The defaults, quiet, with a short `creating` phase.
pub fn test_config() -> Config {
    Config {
        quiet: true,
        creating_delay: Duration::from_millis(150),
        ..Config::default()
    }
}

/// A running server; it stops accepting when dropped.
pub struct Server {
    pub addr: SocketAddr,
    shutdown: Option<oneshot::Sender<()>>,
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}

/// Starts a server with `config` on 127.0.0.1:0 in the current runtime.
pub async fn start(config: Config) -> Server {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind 127.0.0.1:0");
    let addr = listener.local_addr().expect("local addr");
    let (tx, rx) = oneshot::channel::<()>();
    tokio::spawn(async move {
        let _ = serve_with_shutdown(listener, config, async {
            let _ = rx.await;
        })
        .await;
    });
    Server {
        addr,
        shutdown: Some(tx),
    }
}

/// Starts a server with [`test_config`].
pub async fn start_default() -> Server {
    start(test_config()).await
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
    pub fn call(
        &self,
        method: &str,
        target: &str,
        headers: &[(&str, &str)],
        body: Option<&str>,
    ) -> Resp {
        request(self.addr, method, target, headers, body.map(str::as_bytes))
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

/// Sends one request on a fresh connection and reads the whole response.
pub fn request(
    addr: SocketAddr,
    method: &str,
    target: &str,
    headers: &[(&str, &str)],
    body: Option<&[u8]>,
) -> Resp {
    let mut raw = format!("{method} {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    for (n, v) in headers {
        raw.push_str(&format!("{n}: {v}\r\n"));
    }
    let body = body.unwrap_or(b"");
    if !body.is_empty() || matches!(method, "PUT" | "POST") {
        raw.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    raw.push_str("\r\n");
    let mut bytes = raw.into_bytes();
    bytes.extend_from_slice(body);
    let answer = raw_exchange(addr, &bytes).unwrap_or_else(|e| panic!("{method} {target}: {e}"));
    parse_response(&answer).unwrap_or_else(|e| {
        panic!(
            "{method} {target}: {e}: {:?}",
            String::from_utf8_lossy(&answer)
        )
    })
}

/// Writes `raw` and reads until the server closes the connection (bounded in time and size).
pub fn raw_exchange(addr: SocketAddr, raw: &[u8]) -> io::Result<Vec<u8>> {
    let mut stream = TcpStream::connect_timeout(&addr, IO_TIMEOUT)?;
    stream.set_read_timeout(Some(IO_TIMEOUT))?;
    stream.set_write_timeout(Some(IO_TIMEOUT))?;
    stream.write_all(raw)?;
    stream.flush()?;
    let deadline = Instant::now() + Duration::from_secs(30);
    let mut out = Vec::new();
    let mut buf = [0u8; 8192];
    loop {
        if Instant::now() > deadline || out.len() > MAX_RESPONSE {
            return Err(io::Error::new(
                io::ErrorKind::TimedOut,
                "response too slow or too large",
            ));
        }
        match stream.read(&mut buf) {
            Ok(0) => return Ok(out),
            Ok(n) => out.extend_from_slice(&buf[..n]),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
}

fn parse_response(raw: &[u8]) -> Result<Resp, String> {
    let end = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or("no end of headers")?;
    let head = std::str::from_utf8(&raw[..end]).map_err(|_| "headers not UTF-8")?;
    let mut lines = head.split("\r\n");
    let status_line = lines.next().ok_or("no status line")?;
    let status: u16 = status_line
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or("bad status line")?;
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_string(), v.trim().to_string()))
        .collect();
    let rest = &raw[end + 4..];
    let chunked = headers.iter().any(|(n, v)| {
        n.eq_ignore_ascii_case("transfer-encoding") && v.eq_ignore_ascii_case("chunked")
    });
    let body = if chunked {
        dechunk(rest)?
    } else if let Some((_, len)) = headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("content-length"))
    {
        let len: usize = len.parse().map_err(|_| "bad content-length")?;
        if rest.len() < len {
            return Err(format!("body shorter than content-length {len}"));
        }
        rest[..len].to_vec()
    } else {
        rest.to_vec()
    };
    Ok(Resp {
        status,
        headers,
        body,
    })
}

fn dechunk(mut data: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    for _ in 0..100_000 {
        let line_end = data
            .windows(2)
            .position(|w| w == b"\r\n")
            .ok_or("bad chunk")?;
        let size_text = std::str::from_utf8(&data[..line_end]).map_err(|_| "bad chunk size")?;
        let size = usize::from_str_radix(size_text.split(';').next().unwrap_or("").trim(), 16)
            .map_err(|_| "bad chunk size")?;
        data = &data[line_end + 2..];
        if size == 0 {
            return Ok(out);
        }
        if data.len() < size + 2 {
            return Err("truncated chunk".into());
        }
        out.extend_from_slice(&data[..size]);
        data = &data[size + 2..];
    }
    Err("too many chunks".into())
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

/// A fresh directory under the system temp dir, removed (with its content) on drop.
pub struct TempDir {
    pub path: PathBuf,
}

impl TempDir {
    pub fn new(tag: &str) -> TempDir {
        static NEXT: AtomicU64 = AtomicU64::new(0);
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        let path = std::env::temp_dir().join(format!(
            "vpcep-local-api-{tag}-{}-{nanos}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::create_dir_all(&path).expect("create a temp dir");
        TempDir { path }
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.path);
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
    let tmp = TempDir::new("static");
    let dist = tmp.path.join("dist");
    for (rel, content) in STATIC_FILES {
        write_file(&dist.join(rel), content);
    }
    std::fs::create_dir_all(dist.join("empty")).expect("mkdir empty");
    write_file(&tmp.path.join("secret"), SECRET);
    write_file(&tmp.path.join("Cargo.toml"), SECRET);
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
