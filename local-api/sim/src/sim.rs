//! [`Sim`]: one simulation of the VPCEP API and IAM's sign-in, driven by its host. It holds
//! the world (made from the seed, back to it on [`Sim::reset`]), the tokens the sign-in
//! issued (kept across a reset) and the request ids' generator; it has no clock and no I/O:
//! every call that needs the time gets it as `now_ms` (Unix epoch milliseconds).

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::config::SimConfig;
use crate::error::ApiError;
use crate::http::{Request, Response};
use crate::ids::RequestIds;
use crate::routes::{self, api, control};
use crate::state::World;
use crate::timefmt;
use crate::tokens::{token_status, Issue, IssuedTokens};

/// One simulation. See the crate's docs.
#[derive(Clone, Debug)]
pub struct Sim {
    config: SimConfig,
    world: World,
    tokens: IssuedTokens,
    ids: RequestIds,
    id_seed: u64,
    /// When the seed's missing timestamps were set (Unix epoch seconds), once the simulation
    /// first ran; `None` before.
    stamped_at: Option<u64>,
}

/// Everything a snapshot holds, with the version of its format.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Snapshot {
    version: u32,
    id_seed: u64,
    stamped_at: Option<u64>,
    world: World,
    tokens: IssuedTokens,
    ids: RequestIds,
}

const SNAPSHOT_VERSION: u32 = 1;

impl Sim {
    /// A simulation of `config`, its request ids and tokens drawn from `id_seed` (give each
    /// simulation a seed of its own, unpredictable where tokens must not be guessed).
    pub fn new(config: SimConfig, id_seed: u64) -> Sim {
        Sim {
            world: World::from_seed(&config.seed),
            config,
            tokens: IssuedTokens::new(id_seed),
            ids: RequestIds::new(id_seed),
            id_seed,
            stamped_at: None,
        }
    }

    /// The settings it was made with.
    pub fn config(&self) -> &SimConfig {
        &self.config
    }

    /// A new request id: 32 lower-case hex digits, distinct from every other of this
    /// simulation (and of its snapshots' restores).
    pub fn next_request_id(&mut self) -> String {
        self.ids.next_id()
    }

    /// The answer to `req` at `now_ms`: every VPCEP route and IAM's sign-in, exactly as the
    /// local server answers them; the gateway's 404 (`APIGW.0101`) for a path or method no
    /// route takes.
    pub fn handle(&mut self, req: &Request<'_>, now_ms: u64) -> Response {
        self.stamp(now_ms);
        routes::dispatch(&mut self.world, &mut self.tokens, &self.config, req, now_ms)
    }

    /// Whether `token` is accepted at `now_ms` on the raw `path` (a configured token, or an
    /// issued one for the path's project and not run out): what a request log shows.
    pub fn token_accepted(&self, token: &str, path: &str, now_ms: u64) -> bool {
        token_status(&self.config.tokens, &self.tokens, token, path, now_ms) == Issue::Valid
    }

    /// Back to the seed: services, connections, whitelists. Issued tokens stay valid and
    /// request ids go on.
    pub fn reset(&mut self) {
        self.world = World::from_seed(&self.config.seed);
    }

    /// All mutable state as JSON: the world, the issued tokens, the counters (and the seed of
    /// the generators). [`Sim::restore`] reads it back.
    pub fn snapshot(&self) -> String {
        let snap = SnapshotRef {
            version: SNAPSHOT_VERSION,
            id_seed: self.id_seed,
            stamped_at: self.stamped_at,
            world: &self.world,
            tokens: &self.tokens,
            ids: &self.ids,
        };
        serde_json::to_string(&snap).unwrap_or_default()
    }

    /// A simulation of `config` in the state of `snapshot`; `None` for text that is not a
    /// snapshot of this format.
    pub fn restore(config: SimConfig, snapshot: &str) -> Option<Sim> {
        let snap: Snapshot = serde_json::from_str(snapshot).ok()?;
        if snap.version != SNAPSHOT_VERSION {
            return None;
        }
        let mut sim = Sim {
            world: snap.world,
            config,
            tokens: snap.tokens,
            ids: snap.ids,
            id_seed: snap.id_seed,
            stamped_at: snap.stamped_at,
        };
        if let Some(at) = sim.stamped_at {
            // The same times for what the seed left out, after a reset too.
            sim.config.seed.fill_times(&timefmt::format_unix(at));
        }
        Some(sim)
    }

    /// `POST /__control/edit/{project_id}/{service_id}`: a PUT's body applied at `now_ms` with
    /// the PUT's rules and answers (without the token check), as someone else's client would
    /// change the service.
    pub fn edit(
        &mut self,
        project_id: &str,
        service_id: &str,
        body: &[u8],
        now_ms: u64,
    ) -> Response {
        self.stamp(now_ms);
        let delay = self.config.creating_delay_ms;
        answer(api::modify_service(
            &mut self.world,
            project_id,
            service_id,
            body,
            delay,
            now_ms,
        ))
    }

    /// `POST /__control/connect/{project_id}/{service_id}`: a consumer's endpoint connects at
    /// `now_ms` (the body's fields as the server's README describes them).
    pub fn connect(
        &mut self,
        project_id: &str,
        service_id: &str,
        body: &[u8],
        now_ms: u64,
    ) -> Response {
        self.stamp(now_ms);
        let delay = self.config.creating_delay_ms;
        answer(control::add_connection(
            &mut self.world,
            project_id,
            service_id,
            body,
            delay,
            now_ms,
        ))
    }

    /// `POST /__control/fleet` with its JSON body `{"count": N, "project_id": "…"}`.
    pub fn fleet(&mut self, body: &[u8]) -> Response {
        answer(control::set_fleet(&mut self.world, body))
    }

    /// A fleet of `count` services in `project_id` (the first project when `None`), replacing
    /// the fleet it had, until the next reset; answers `{"project_id", "fleet", "total_count"}`.
    pub fn set_fleet(&mut self, count: usize, project_id: Option<&str>) -> Result<Value, ApiError> {
        control::put_fleet(&mut self.world, count, project_id)
    }

    /// Sets what the seed left out to the time the simulation first runs at.
    fn stamp(&mut self, now_ms: u64) {
        if self.stamped_at.is_some() {
            return;
        }
        let secs = now_ms / 1000;
        let now = timefmt::format_unix(secs);
        self.stamped_at = Some(secs);
        self.config.seed.fill_times(&now);
        self.world.fill_times(&now);
    }
}

/// The same as [`Snapshot`], borrowed, to write one.
#[derive(Serialize)]
struct SnapshotRef<'a> {
    version: u32,
    id_seed: u64,
    stamped_at: Option<u64>,
    world: &'a World,
    tokens: &'a IssuedTokens,
    ids: &'a RequestIds,
}

/// 200 with the JSON, or the error's answer.
fn answer(result: Result<Value, ApiError>) -> Response {
    match result {
        Ok(v) => Response::json(200, &v),
        Err(e) => e.to_response(),
    }
}
