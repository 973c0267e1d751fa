//! What the server holds: its configuration, the simulation (`vpcep_sim::Sim`: the projects and
//! services with their connections and whitelists, reset from the seed, the tokens the sign-in
//! issued, the request ids), the queued faults and the request log.

use std::collections::hash_map::RandomState;
use std::collections::VecDeque;
use std::hash::{BuildHasher, Hasher};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{SystemTime, UNIX_EPOCH};

use serde::Serialize;
use vpcep_sim::{Sim, SimConfig};

use crate::config::Config;
use crate::fault_queue::Fault;

/// The state every handler and middleware shares (cheap to clone).
#[derive(Clone)]
pub struct AppState {
    pub config: Arc<Config>,
    inner: Arc<Mutex<State>>,
    /// The simulation: projects, services, connections, whitelists, issued tokens, request
    /// ids. Locked apart from [`State`], never both at once.
    sim: Arc<Mutex<Sim>>,
}

/// The server's own mutable part, behind one lock: requests are short and never await while
/// holding it.
pub struct State {
    pub faults: Vec<Fault>,
    /// The last [`REQUEST_LOG_CAPACITY`] API requests, oldest first.
    pub requests: VecDeque<RequestRecord>,
}

/// How many API requests the request log keeps: the oldest drop out beyond this.
pub const REQUEST_LOG_CAPACITY: usize = 1000;

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
        let sim = Sim::new(sim_config(&config), random_seed());
        AppState {
            config: Arc::new(config),
            inner: Arc::new(Mutex::new(State::new())),
            sim: Arc::new(Mutex::new(sim)),
        }
    }

    /// The state, also after a panic elsewhere (the data stays usable).
    pub fn lock(&self) -> MutexGuard<'_, State> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The simulation, also after a panic elsewhere.
    pub fn sim(&self) -> MutexGuard<'_, Sim> {
        self.sim.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Back to the seed: services, no faults, an empty log. Issued tokens stay valid.
    pub fn reset(&self) {
        *self.lock() = State::new();
        self.sim().reset();
    }

    pub fn next_request_id(&self) -> String {
        self.sim().next_request_id()
    }

    /// Whether `token` is valid on a request for `path` now: a configured token (`--token`)
    /// on every path, forever; an issued one until it runs out, on the paths of the project
    /// it is scoped to.
    pub fn token_accepted(&self, token: &str, path: &str) -> bool {
        self.sim().token_accepted(token, path, now_ms())
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
    fn new() -> State {
        State {
            faults: Vec::new(),
            requests: VecDeque::new(),
        }
    }
}

/// What the simulation is made of, from the server's configuration.
fn sim_config(config: &Config) -> SimConfig {
    SimConfig {
        tokens: config.tokens.clone(),
        seed: config.seed.clone(),
        creating_delay_ms: millis(config.creating_delay),
        token_lifetime_ms: millis(config.token_lifetime),
    }
}

fn millis(d: std::time::Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}

/// Now, in Unix epoch milliseconds: the simulation's clock.
pub fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(millis)
        .unwrap_or(0)
}

/// The seed of the simulation's request ids and tokens: the standard library's per-process
/// random keys and the clock, so that issued tokens cannot be guessed from outside.
fn random_seed() -> u64 {
    let mut h = RandomState::new().build_hasher();
    h.write_u128(
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0),
    );
    h.finish()
}
