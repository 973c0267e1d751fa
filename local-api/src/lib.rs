//! `vpcep-local-api`: a local stand-in for the cloud's VPC Endpoint (VPCEP) API.
//!
//! It serves the calls the console drives (GET one / list, PUT modify, POST upgrade, and a
//! service's connections and whitelist, listed and changed, and IAM's sign-in that gives the
//! token for them) over plain HTTP/1.1 with the real API's rules, error codes and quirks, from
//! an in-memory copy of a seed file. Test hooks
//! (`/__control/...`, `__fault=`) inject proxy failures and expose a log of every API request
//! received.
//!
//! The validation here is written independently of the console crate on purpose: the server is
//! an oracle of the API rules, not a mirror of the client's own checks.
//!
//! Where things are:
//!
//! - [`routes`] declares every route and the layers around them (its `app` is the whole server
//!   as an axum `Router`). The handlers: `routes::api` the service calls and the `Authenticated`
//!   extractor, `routes::connections` and `routes::permissions` a service's connections and
//!   whitelist, `routes::access` what those two share, `routes::iam` the sign-in
//!   (`POST /v3/auth/tokens`), `routes::control` the test hooks.
//! - The layers every request passes, outermost first: `record` (id, kind, body, `Host` check,
//!   logs), `cors`, `faults`. `extensions` holds what they pass on to each other, `fault_queue`
//!   what a fault is and which one hits a request, `guard` the `Host`, origin and test-hook
//!   checks.
//! - `rules` the PUT's rules and `rules::access` those of connections and whitelist records;
//!   `error` the API's error answers.
//! - `model` the domain types, `seed` loading and checking them (and the embedded seed), `fleet`
//!   the generated services of `--fleet`, `state` what the server holds, `tokens` the tokens
//!   the sign-in issued, `timefmt` the API's timestamps.
//! - [`demo`] the demo's ids, token and IAM users, from `seed/demo.env`; `statics` the
//!   `--static-dir` files, `server` the listener, `config` the configuration and the binary's
//!   flags.

mod config;
mod cors;
pub mod demo;
mod error;
mod extensions;
mod fault_queue;
mod faults;
mod fleet;
mod guard;
mod model;
mod record;
pub mod routes;
mod rules;
mod seed;
mod server;
mod state;
mod statics;
mod timefmt;
mod tokens;

pub use config::{
    Config, DEFAULT_CREATING_DELAY_MS, DEFAULT_PORT, DEFAULT_TOKEN, DEFAULT_TOKEN_LIFETIME_SECS,
};
pub use fleet::{fleet_service, FLEET_ID_PREFIX, MAX_FLEET};
pub use model::{Dialect, IamUser, PortMapping, Seed, SeedProject, Service, ServiceErrorItem, Tag};
pub use seed::{DEFAULT_SEED_JSON, HUAWEI_PROJECT_ID, OTC_PROJECT_ID};
pub use server::{serve, serve_with_shutdown};
pub use state::{AppState, REQUEST_LOG_CAPACITY};

/// The whole server as an axum `Router` for `config`, e.g. to call it in tests without a socket
/// (`tower::ServiceExt::oneshot`).
pub fn app(config: Config) -> axum::Router {
    routes::app(AppState::new(config))
}
