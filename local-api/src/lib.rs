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
//! The API's behaviour — the model, the rules, the seed, fleets, connections, whitelists, the
//! IAM users and the tokens they get, timestamps and request ids — is the pure crate
//! [`vpcep_sim`] (`local-api/sim/`), which a browser page can run too; this crate is its HTTP
//! host, and re-exports what its users name (`Seed`, `demo`, `fleet_service`, …).
//!
//! Where things are:
//!
//! - [`routes`] declares the test hooks' routes and the layers around them (its `app` is the
//!   whole server as an axum `Router`); everything else goes to its fallback: a file of
//!   `--static-dir`, or `Sim::handle` under the lock with the current time (`routes::control`
//!   the test hooks, which call the simulation's `edit`, `fleet` and `connect`).
//! - The layers every request passes, outermost first: `record` (id, kind, body, `Host` check,
//!   logs), `cors`, `faults` (its answers are `vpcep_sim::answers`'). `extensions` holds what
//!   they pass on to each other, `fault_queue` what a fault is and which one hits a request,
//!   `guard` the `Host`, origin and test-hook checks.
//! - `error` turns the simulation's answers into axum's; `state` what the server holds (the
//!   simulation, the faults, the request log); `statics` the `--static-dir` files, `server`
//!   the listener, `config` the configuration and the binary's flags.

mod config;
mod cors;
mod error;
mod extensions;
mod fault_queue;
mod faults;
mod guard;
mod record;
pub mod routes;
mod server;
mod state;
mod statics;

pub use config::{
    Config, DEFAULT_CREATING_DELAY_MS, DEFAULT_PORT, DEFAULT_TOKEN, DEFAULT_TOKEN_LIFETIME_SECS,
};
pub use server::{serve, serve_with_shutdown};
pub use state::{AppState, REQUEST_LOG_CAPACITY};
pub use vpcep_sim::{
    demo, fleet_service, Dialect, IamUser, PortMapping, Seed, SeedProject, Service,
    ServiceErrorItem, Tag, DEFAULT_SEED_JSON, FLEET_ID_PREFIX, HUAWEI_PROJECT_ID, MAX_FLEET,
    OTC_PROJECT_ID,
};

/// The whole server as an axum `Router` for `config`, e.g. to call it in tests without a socket
/// (`tower::ServiceExt::oneshot`).
pub fn app(config: Config) -> axum::Router {
    routes::app(AppState::new(config))
}
