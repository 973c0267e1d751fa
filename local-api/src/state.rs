//! What the server holds: its configuration, the projects and services with their connections
//! and whitelists (reset from the seed), the queued faults, the request log, the request id
//! generator, and the tokens the sign-in issued.

use std::collections::hash_map::RandomState;
use std::collections::VecDeque;
use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use serde::Serialize;
use serde_json::Value;

use crate::config::Config;
use crate::fault_queue::Fault;
use crate::model::{Connection, Dialect, Permission, Service};
use crate::tokens::{project_of_path, Issue, IssuedTokens};

/// The state every handler and middleware shares (cheap to clone).
#[derive(Clone)]
pub struct AppState {
    pub config: Arc<Config>,
    inner: Arc<Mutex<State>>,
    ids: Arc<RequestIds>,
    /// The tokens the sign-in issued: apart from [`State`], so a reset keeps them.
    tokens: Arc<Mutex<IssuedTokens>>,
}

/// The mutable part, behind one lock: requests are short and never await while holding it.
pub struct State {
    pub projects: Vec<ProjectState>,
    pub faults: Vec<Fault>,
    /// The last [`REQUEST_LOG_CAPACITY`] API requests, oldest first.
    pub requests: VecDeque<RequestRecord>,
    /// Numbers the ids of whitelist records and connections made while running.
    pub next_id: u64,
}

/// How many API requests the request log keeps: the oldest drop out beyond this.
pub const REQUEST_LOG_CAPACITY: usize = 1000;

pub struct ProjectState {
    pub project_id: String,
    pub region: String,
    pub dialect: Dialect,
    /// The owner's account: always allowed to connect to the project's services.
    pub domain_id: String,
    pub services: Vec<ServiceState>,
}

pub struct ServiceState {
    /// The service object, without its connections and whitelist (kept below).
    pub svc: Service,
    /// While `Some`, the service is `creating` until this instant.
    pub creating_until: Option<Instant>,
    pub connections: Vec<ConnectionState>,
    pub permissions: Vec<Permission>,
}

pub struct ConnectionState {
    pub conn: Connection,
    /// While `Some`, the connection is `creating` (accepted, being set up) until this instant.
    pub creating_until: Option<Instant>,
}

impl ServiceState {
    /// A service as the seed gives it: its connections and whitelist move out of the object.
    pub fn new(mut svc: Service) -> ServiceState {
        let connections = std::mem::take(&mut svc.connections)
            .into_iter()
            .map(|conn| ConnectionState {
                conn,
                creating_until: None,
            })
            .collect();
        let permissions = std::mem::take(&mut svc.permissions);
        ServiceState {
            svc,
            creating_until: None,
            connections,
            permissions,
        }
    }
}

/// One API request as the log keeps it (`GET /__control/requests`).
#[derive(Clone, Debug, Serialize)]
pub struct RequestRecord {
    pub method: String,
    pub path: String,
    pub query: Option<String>,
    /// Whether an `X-Auth-Token` was sent and accepted; never the token itself.
    pub token: Option<TokenSeen>,
    pub content_type: Option<String>,
    pub origin: Option<String>,
    /// Whether a `Cookie` header came (never its value): the console sends none.
    pub cookie: bool,
    /// The request's `Cache-Control`, as the browser sent it.
    pub cache_control: Option<String>,
    /// Whether an `Authorization` header came (never its value): a proxy must not pass one on.
    pub authorization: bool,
    /// `X-Forwarded-Host` and `X-Forwarded-For` as they arrived (what a proxy in front set).
    pub x_forwarded_host: Option<String>,
    pub x_forwarded_for: Option<String>,
    /// The body as it came (`None`: empty, or withheld).
    pub body: Option<String>,
    /// The body came but is not shown: a sign-in's carries a password. Shown only when true.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub body_withheld: bool,
    /// `None` until answered, and for a dropped connection.
    pub status: Option<u16>,
    /// The fault mode that answered (or delayed) the request, `None` for the API's own answer:
    /// a throttled request shows `"throttle"` beside its 400 or 429.
    pub fault: Option<&'static str>,
    pub request_id: String,
}

/// What the request log says of a request's `X-Auth-Token`: `"accepted"` (one of the
/// configured tokens) or `"rejected"` (any other value, the empty one too); `null` when absent.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TokenSeen {
    Accepted,
    Rejected,
}

impl State {
    /// Appends to the request log, dropping the oldest entries beyond its capacity.
    pub fn log_request(&mut self, entry: RequestRecord) {
        while self.requests.len() >= REQUEST_LOG_CAPACITY {
            self.requests.pop_front();
        }
        self.requests.push_back(entry);
    }
}

impl AppState {
    pub fn new(config: Config) -> AppState {
        let state = State::from_config(&config);
        AppState {
            config: Arc::new(config),
            inner: Arc::new(Mutex::new(state)),
            ids: Arc::new(RequestIds::new()),
            tokens: Arc::new(Mutex::new(IssuedTokens::default())),
        }
    }

    /// The state, also after a panic elsewhere (the data stays usable).
    pub fn lock(&self) -> MutexGuard<'_, State> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Back to the seed: services, no faults, an empty log. Issued tokens stay valid.
    pub fn reset(&self) {
        *self.lock() = State::from_config(&self.config);
    }

    pub fn next_request_id(&self) -> String {
        self.ids.next()
    }

    /// What `token` is worth on a request for `path`: a configured token (`--token`) is
    /// valid on every path, forever; an issued one until it runs out, on the paths of the
    /// project it is scoped to.
    pub fn token_for(&self, token: &str, path: &str) -> Issue {
        if self.config.tokens.iter().any(|t| t == token) {
            return Issue::Valid;
        }
        self.issued().check(token, project_of_path(path))
    }

    /// A new token scoped to `project_id`, valid for the configured lifetime from now; with
    /// the instant it runs out, for the answer's `expires_at`.
    pub fn issue_token(&self, project_id: &str) -> (String, SystemTime) {
        let lifetime = self.config.token_lifetime;
        let token = self.issued().issue(project_id, Instant::now() + lifetime);
        (token, SystemTime::now() + lifetime)
    }

    fn issued(&self) -> MutexGuard<'_, IssuedTokens> {
        self.tokens.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// CORS: the loopback origins by default, else the configured list (`*` = any).
    pub fn origin_allowed(&self, origin: &str) -> bool {
        let list = &self.config.allow_origins;
        if list.is_empty() {
            crate::guard::is_loopback_origin(origin)
        } else {
            list.iter().any(|o| o == "*" || o == origin)
        }
    }
}

impl State {
    fn from_config(config: &Config) -> State {
        State {
            projects: config
                .seed
                .projects
                .iter()
                .map(|p| ProjectState {
                    project_id: p.project_id.clone(),
                    region: p.region.clone(),
                    dialect: p.dialect,
                    domain_id: p.domain_id.clone().unwrap_or_else(|| p.project_id.clone()),
                    services: p.services.iter().cloned().map(ServiceState::new).collect(),
                })
                .collect(),
            faults: Vec::new(),
            requests: VecDeque::new(),
            next_id: 1,
        }
    }
}

impl ProjectState {
    /// Ends every `creating` phase whose deadline has passed: a service's becomes
    /// `available`, a connection's `accepted`.
    pub fn settle(&mut self, now: Instant) {
        for s in &mut self.services {
            if s.creating_until.is_some_and(|t| t <= now) {
                s.creating_until = None;
                s.svc.status = "available".to_string();
            }
            for c in &mut s.connections {
                if c.creating_until.is_some_and(|t| t <= now) {
                    c.creating_until = None;
                    c.conn.status = "accepted".to_string();
                }
            }
        }
    }

    pub fn full_name(&self, svc: &Service) -> String {
        format!("{}.{}.{}", self.region, svc.service_name, svc.id)
    }

    /// The service as the API shows it: full name and project id added.
    pub fn service_json(&self, svc: &Service) -> Value {
        let mut v = serde_json::to_value(svc).unwrap_or(Value::Null);
        if let Value::Object(m) = &mut v {
            m.insert("service_name".into(), Value::String(self.full_name(svc)));
            m.insert("project_id".into(), Value::String(self.project_id.clone()));
        }
        v
    }
}

/// Unique request ids: 16 hex digits of a keyed hash of (counter, time), then 16 hex digits of a
/// bijective mix of (counter + a per-process key), which makes them unique for the process's life.
struct RequestIds {
    counter: AtomicU64,
    key: u64,
    hasher: RandomState,
}

impl RequestIds {
    fn new() -> Self {
        let hasher = RandomState::new();
        let mut h = hasher.build_hasher();
        h.write_u128(unix_nanos());
        RequestIds {
            counter: AtomicU64::new(1),
            key: h.finish(),
            hasher,
        }
    }

    fn next(&self) -> String {
        let n = self.counter.fetch_add(1, Ordering::Relaxed);
        let mut h = self.hasher.build_hasher();
        h.write_u64(n);
        h.write_u128(unix_nanos());
        format!("{:016x}{:016x}", h.finish(), mix(n.wrapping_add(self.key)))
    }
}

/// The splitmix64 finalizer: a bijection on `u64`, so distinct counters give distinct values.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

fn unix_nanos() -> u128 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_ids_are_32_hex_and_distinct() {
        let ids = RequestIds::new();
        let a = ids.next();
        let b = ids.next();
        assert_eq!(a.len(), 32);
        assert!(a.chars().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(a, b);
    }
}
