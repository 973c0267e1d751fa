//! The servers behind the end-to-end tests: the local VPCEP API server in-process (optionally
//! serving a copy of the release bundle), a plain HTTP client for its control endpoints and
//! for header checks, and a scratch folder.

use serde_json::Value;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::time::Duration;
use vpcep_local_api::Config;

/// The release bundle trunk built into dist/.
pub fn dist() -> PathBuf {
    let dist = Path::new(env!("CARGO_MANIFEST_DIR")).join("dist");
    assert!(
        dist.join("index.html").exists(),
        "no release bundle in dist/: run `trunk build --release` first (bash .ci/test does)"
    );
    dist
}

/// A folder removed when dropped.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new(tag: &str) -> TempDir {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos();
        let dir = std::env::temp_dir().join(format!("vpcep-{tag}-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }

    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A copy of the release bundle, with `config_json` as its config.json when given: what an
/// operator deploys.
pub fn site(config_json: Option<&str>) -> TempDir {
    let dir = TempDir::new("site");
    for entry in std::fs::read_dir(dist()).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_file() {
            std::fs::copy(entry.path(), dir.path().join(entry.file_name())).unwrap();
        }
    }
    if let Some(json) = config_json {
        std::fs::write(dir.path().join("config.json"), json).unwrap();
    }
    dir
}

/// The local API server, in-process on a loopback port.
pub struct Api {
    pub origin: String,
    _runtime: tokio::runtime::Runtime,
}

/// Starts the local API server; with `static_dir` it also serves the console from it.
pub fn start_api(static_dir: Option<&Path>) -> Api {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .unwrap();
    let origin = format!("http://{}", listener.local_addr().unwrap());
    let config = Config {
        static_dir: static_dir.map(Path::to_path_buf),
        creating_delay: Duration::from_millis(1500),
        quiet: true,
        ..Config::default()
    };
    runtime.spawn(vpcep_local_api::serve(listener, config));
    Api {
        origin,
        _runtime: runtime,
    }
}

/// An answer: status, headers (names lower-cased) and body.
pub struct Answer {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Answer {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// One HTTP/1.1 exchange (Connection: close), bounded by timeouts.
pub fn http(
    origin: &str,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> Answer {
    let addr = origin.trim_start_matches("http://");
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let mut req = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    for (n, v) in headers {
        req.push_str(&format!("{n}: {v}\r\n"));
    }
    req.push_str(&format!("Content-Length: {}\r\n\r\n{body}", body.len()));
    s.write_all(req.as_bytes()).unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let raw = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = raw.split_once("\r\n\r\n").unwrap_or((&raw, ""));
    let mut lines = head.lines();
    let status = lines.next().unwrap_or("")[9..12].parse().unwrap();
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    Answer {
        status,
        headers,
        body: body.to_owned(),
    }
}

/// Every API request the local server received (not static files), in order.
pub fn received(api_origin: &str) -> Vec<Value> {
    let a = http(api_origin, "GET", "/__control/requests", &[], "");
    assert_eq!(a.status, 200);
    serde_json::from_str::<Value>(&a.body)
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

pub fn received_with(api_origin: &str, method: &str) -> Vec<Value> {
    received(api_origin)
        .into_iter()
        .filter(|r| r["method"] == method)
        .collect()
}
