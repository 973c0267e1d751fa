//! `vpcep-sim`: the simulation of the VPC Endpoint (VPCEP) API and IAM's sign-in that the local
//! server (`vpcep-local-api`) serves over HTTP, and that a browser page can run itself.
//!
//! It is pure: no I/O, no threads, no clock, no randomness of its own, so it builds for
//! `wasm32-unknown-unknown`. The host gives it each [`Request`] with the time (`now_ms`, Unix
//! epoch milliseconds: `creating` phases, timestamps, token lifetimes) and the seed of its
//! request ids and tokens (`id_seed`), and sends the [`Response`] it answers.
//!
//! ```
//! use vpcep_sim::{demo, Request, Sim, SimConfig};
//! let mut sim = Sim::new(SimConfig::default(), 42);
//! let rid = sim.next_request_id();
//! let headers = [("X-Auth-Token".to_string(), demo::TOKEN.to_string())];
//! let path = format!("/v1/{}/vpc-endpoint-services/{}", demo::PROJECT, demo::WEB);
//! let req = Request { method: "GET", path: &path, query: "", headers: &headers, body: b"", request_id: &rid };
//! let answer = sim.handle(&req, 1_800_000_000_000);
//! assert_eq!(answer.status, 200);
//! assert_eq!(answer.json_body()["id"], demo::WEB);
//! ```
//!
//! Where things are:
//!
//! - [`Sim`] (`sim.rs`): the simulation, its reset, snapshot and restore, and the test hooks'
//!   changes (edit, connect, fleet); [`SimConfig`] (`config.rs`) what it is made of;
//!   [`Request`] and [`Response`] (`http.rs`).
//! - `routes/`: the dispatcher (`mod.rs`: route, token, path parameters) and the calls:
//!   `api` the service calls, `connections` and `permissions` a service's connections and
//!   whitelist, `access` what those two share, `iam` the sign-in, `control` the test hooks'.
//! - `rules/` the PUT's rules, `rules/access.rs` those of connections and whitelist records;
//!   `error` the API's error answer, [`answers`] the canned ones (the gateway's 404, IAM's
//!   errors, the faults a proxy gives).
//! - `model` the domain types, `seed` loading and checking them (and the embedded seed),
//!   `fleet` the generated services, `state` the world a reset restores, `tokens` the issued
//!   tokens, `ids` the seeded generators, `timefmt` the API's timestamps; [`demo`] the demo's
//!   ids, token and IAM users from `local-api/seed/demo.env`.

pub mod answers;
mod config;
pub mod demo;
mod error;
mod fleet;
mod http;
mod ids;
mod model;
mod routes;
mod rules;
mod seed;
mod sim;
mod state;
mod timefmt;
mod tokens;

pub use config::{
    SimConfig, DEFAULT_CREATING_DELAY_MS, DEFAULT_TOKEN, DEFAULT_TOKEN_LIFETIME_MS,
    DEFAULT_TOKEN_LIFETIME_SECS,
};
pub use error::{quote, ApiError};
pub use fleet::{fleet_service, FLEET_ID_PREFIX, MAX_FLEET};
pub use http::{Request, Response};
pub use model::{
    Connection, Dialect, IamUser, Permission, PortMapping, Seed, SeedProject, Service,
    ServiceErrorItem, Tag,
};
pub use seed::{DEFAULT_SEED_JSON, HUAWEI_PROJECT_ID, OTC_PROJECT_ID};
pub use sim::Sim;
