//! The servers behind the end-to-end tests: the local VPCEP API server in-process on the test's
//! tokio runtime (optionally serving a copy of the release bundle), its control endpoints, and
//! the HTTP client every native test uses.

use super::demo::PROJECT;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::time::Duration;
use tempfile::TempDir;
use vpcep_local_api::{Config, Seed};

/// How long a test waits for anything: an element, a text, a server.
pub const WAIT: Duration = Duration::from_secs(10);

/// The HTTP client of the tests: loopback http, no proxy from the environment, no redirects
/// followed (a test sees the answer as sent), every request bounded by [`WAIT`].
pub fn http() -> reqwest::Client {
    reqwest::Client::builder()
        .no_proxy()
        .redirect(reqwest::redirect::Policy::none())
        .connect_timeout(WAIT)
        .timeout(WAIT)
        .build()
        .expect("an HTTP client")
}

/// The release bundle trunk built into dist/.
pub fn dist() -> PathBuf {
    let dist = Path::new(env!("CARGO_MANIFEST_DIR")).join("dist");
    assert!(
        dist.join("index.html").exists(),
        "no release bundle in dist/: run `trunk build --release` first (bash .ci/test does)"
    );
    dist
}

/// A temporary folder, removed when dropped.
pub fn temp_dir(tag: &str) -> TempDir {
    tempfile::Builder::new()
        .prefix(&format!("vpcep-{tag}-"))
        .tempdir()
        .expect("a temporary folder")
}

/// A copy of the release bundle, with `config_json` as its config.json when given: what an
/// operator deploys.
pub fn site(config_json: Option<&str>) -> TempDir {
    let dir = temp_dir("site");
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

/// The local API server on a 127.0.0.1 port, a task of the test's runtime (stopped on drop).
pub struct Api {
    pub origin: String,
    task: tokio::task::JoinHandle<std::io::Result<()>>,
}

impl Api {
    /// Starts the local API server; with `static_dir` it also serves the console from it.
    pub async fn start(static_dir: Option<&Path>) -> Api {
        Api::start_with_seed(static_dir, Seed::embedded()).await
    }

    /// [`Api::start`] with its projects and services from `seed`.
    pub async fn start_with_seed(static_dir: Option<&Path>, seed: Seed) -> Api {
        Api::start_with_config(Config {
            static_dir: static_dir.map(Path::to_path_buf),
            seed,
            ..Config::default()
        })
        .await
    }

    /// The local API server with `config`, quiet and with a short `creating` phase.
    pub async fn start_with_config(config: Config) -> Api {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let origin = format!("http://{}", listener.local_addr().unwrap());
        let config = Config {
            creating_delay: Duration::from_millis(1500),
            quiet: true,
            ..config
        };
        let task = tokio::spawn(vpcep_local_api::serve(listener, config));
        Api { origin, task }
    }

    /// Queues a fault (`POST /__control/faults`): the next `count` API requests with `method`
    /// get `mode` (`html502`, `error500`, `drop`, `empty200`, `malformed_json`, `delay`).
    pub async fn queue_fault(&self, mode: &str, count: u32, method: &str) {
        let answer = http()
            .post(format!("{}/__control/faults", self.origin))
            .json(&json!({ "mode": mode, "count": count, "method": method }))
            .send()
            .await
            .unwrap();
        assert_eq!(answer.status(), 200, "queue the fault {mode}");
    }

    /// Queues the fault `fault` as `POST /__control/faults` takes it (see local-api's README:
    /// `mode`, `count`, `method`, `path_contains`, `delay_ms`, and `status`/`body` for `answer`).
    pub async fn queue(&self, fault: Value) {
        let answer = http()
            .post(format!("{}/__control/faults", self.origin))
            .json(&fault)
            .send()
            .await
            .unwrap();
        assert_eq!(answer.status(), 200, "queue the fault {fault}");
    }

    /// Queues `count` of fault `mode` for the `method` requests whose path contains
    /// `path_contains`, with `delay_ms` for the `delay` mode.
    pub async fn queue_fault_on(
        &self,
        mode: &str,
        count: u32,
        method: &str,
        path_contains: &str,
        delay_ms: u64,
    ) {
        let answer = http()
            .post(format!("{}/__control/faults", self.origin))
            .json(&json!({
                "mode": mode,
                "count": count,
                "method": method,
                "path_contains": path_contains,
                "delay_ms": delay_ms,
            }))
            .send()
            .await
            .unwrap();
        assert_eq!(answer.status(), 200, "queue the fault {mode}");
    }

    /// Back to the seed, no faults, an empty request log (`POST /__control/reset`).
    pub async fn reset(&self) {
        let answer = http()
            .post(format!("{}/__control/reset", self.origin))
            .send()
            .await
            .unwrap();
        assert!(answer.status().is_success(), "reset");
    }

    /// Clears the queue of faults (`DELETE /__control/faults`).
    pub async fn clear_faults(&self) {
        let answer = http()
            .delete(format!("{}/__control/faults", self.origin))
            .send()
            .await
            .unwrap();
        assert!(answer.status().is_success(), "clear the faults");
    }

    /// The API requests the server received (not static files), in order of arrival: the last
    /// 1,000 (`GET /__control/requests`). Each says whether a token came and was accepted
    /// (`"token": "accepted" | "rejected" | null`), never the token itself.
    pub async fn requests(&self) -> Vec<Value> {
        let answer = http()
            .get(format!("{}/__control/requests", self.origin))
            .send()
            .await
            .unwrap();
        assert_eq!(answer.status(), 200, "read the request log");
        match answer.json::<Value>().await.unwrap() {
            Value::Array(list) => list,
            other => panic!("the request log is not a list: {other}"),
        }
    }

    /// Changes service `service_id` of the demo project as another user's client would, while
    /// the console has it open (`POST /__control/edit/…`): `change` is a PUT body, applied
    /// with the PUT's rules (it moves `updated_at`; new ports put the service in `creating`),
    /// and not recorded in [`Api::requests`]. Returns the service as changed.
    pub async fn edit_as_someone_else(&self, service_id: &str, change: Value) -> Value {
        let answer = http()
            .post(format!(
                "{}/__control/edit/{PROJECT}/{service_id}",
                self.origin
            ))
            .json(&change)
            .send()
            .await
            .unwrap();
        let status = answer.status();
        let body = answer.text().await.unwrap();
        assert_eq!(status, 200, "someone else's edit of {service_id}: {body}");
        serde_json::from_str(&body).unwrap()
    }

    /// [`Api::requests`] with this HTTP method only.
    pub async fn requests_with(&self, method: &str) -> Vec<Value> {
        self.requests()
            .await
            .into_iter()
            .filter(|r| r["method"] == method)
            .collect()
    }
}

impl Drop for Api {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// The console and the local API server on one loopback origin, as a proxy serves them.
pub struct Stack {
    pub origin: String,
    pub api: Api,
    /// The copy of the bundle the server serves; files written into it are served at once.
    pub site: TempDir,
}

impl Stack {
    /// A [`Stack`] without config.json.
    pub async fn start() -> Stack {
        Stack::start_with(None).await
    }

    /// A [`Stack`] whose demo project has `n` more services (see [`fleet_seed`]).
    pub async fn start_fleet(n: usize) -> Stack {
        Stack::start_fleet_with(n, None).await
    }

    /// [`Stack::start_fleet`] with `config_json` as the config.json beside index.html.
    pub async fn start_fleet_with(n: usize, config_json: Option<&str>) -> Stack {
        let site = site(config_json);
        let api = Api::start_with_seed(Some(site.path()), fleet_seed(n)).await;
        Stack {
            origin: api.origin.clone(),
            api,
            site,
        }
    }

    /// A [`Stack`] whose sign-in (`POST /v3/auth/tokens`) gives tokens that last `lifetime`.
    pub async fn start_with_token_lifetime(lifetime: Duration) -> Stack {
        let site = site(None);
        let api = Api::start_with_config(Config {
            static_dir: Some(site.path().to_path_buf()),
            token_lifetime: lifetime,
            ..Config::default()
        })
        .await;
        Stack {
            origin: api.origin.clone(),
            api,
            site,
        }
    }

    /// A [`Stack`] with `config_json` as the config.json beside index.html.
    pub async fn start_with(config_json: Option<&str>) -> Stack {
        let site = site(config_json);
        let api = Api::start(Some(site.path())).await;
        Stack {
            origin: api.origin.clone(),
            api,
            site,
        }
    }
}

/// The embedded seed with the server's own fleet of `n` services in the demo project, as
/// `--fleet N` gives it (local-api/src/fleet.rs: `fleet-001`… created an hour apart before the
/// demo services, every third one advanced, every ninth one `failed`).
pub fn fleet_seed(n: usize) -> Seed {
    Seed::embedded()
        .with_fleet(n)
        .expect("a fleet of that size")
}

/// The demo bundle `bash .ci/demo` built (`VPCEP_DEMO_DIR`, default target/demo).
pub fn demo_dist() -> PathBuf {
    let dir = std::env::var_os("VPCEP_DEMO_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target/demo"));
    assert!(
        dir.join("index.html").exists(),
        "no demo bundle in {}: run `bash .ci/demo` first (bash .ci/test does)",
        dir.display()
    );
    dir
}

/// Copies the files of `from` (not its folders) into `to`, which it makes.
pub fn copy_files(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_file() {
            std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
        }
    }
}

/// `python3 -m http.server` on a 127.0.0.1 port, serving `root`: a plain static host, as a
/// portal or a project page would serve the console (stopped on drop).
pub struct StaticServer {
    pub port: u16,
    _child: tokio::process::Child,
}

impl StaticServer {
    pub async fn start(root: &Path) -> StaticServer {
        use tokio::io::AsyncBufReadExt;
        let mut child = tokio::process::Command::new("python3")
            .args(["-u", "-m", "http.server", "--bind", "127.0.0.1", "0"])
            .current_dir(root)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .expect("python3");
        // "Serving HTTP on 127.0.0.1 port 41234 (http://127.0.0.1:41234/) ..."
        let mut lines = tokio::io::BufReader::new(child.stdout.take().unwrap()).lines();
        let ready = tokio::time::timeout(WAIT, lines.next_line())
            .await
            .expect("the static server started")
            .unwrap()
            .unwrap();
        let port = ready
            .split(" port ")
            .nth(1)
            .and_then(|r| r.split_whitespace().next())
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| panic!("no port in {ready:?}"));
        StaticServer {
            port,
            _child: child,
        }
    }
}
