//! `vpcep-local-api`: a local stand-in for the cloud's VPC Endpoint (VPCEP) API.
//!
//! It serves the three calls the console drives (GET one / list, PUT modify, POST upgrade) over
//! plain HTTP/1.1 with the real API's rules, error codes and quirks, from an in-memory copy of a
//! seed file. Test hooks (`/__control/...`, `__fault=`) inject proxy failures and expose a log of
//! every API request received.
//!
//! The validation here is written independently of the console crate on purpose: the server is
//! an oracle of the API rules, not a mirror of the client's own checks.

mod config;
mod rules;
mod seed;
mod server;
mod timefmt;

pub use config::{usage, Config, ParsedArgs};
pub use seed::{Dialect, PortMapping, Seed, SeedProject, Service, ServiceErrorItem, Tag};
pub use server::{serve, serve_with_shutdown};

/// The seed compiled into the binary (`local-api/seed/default.json`).
pub const DEFAULT_SEED_JSON: &str = include_str!("../seed/default.json");
/// The token accepted when neither `--token` nor `VPCEP_TOKENS` is given.
pub const DEFAULT_TOKEN: &str = "demo-token";
/// The default port (`--port`, `VPCEP_PORT`).
pub const DEFAULT_PORT: u16 = 9000;
/// The default time a service stays `creating` after its port mappings change.
pub const DEFAULT_CREATING_DELAY_MS: u64 = 2000;

/// The Huawei Cloud project of the embedded seed (region `cn-north-4`).
pub const HUAWEI_PROJECT_ID: &str = "2b0c8e3f6a4d4e1b9c7f5a3d1e0b8c6a";
/// The Open Telekom Cloud project of the embedded seed (region `eu-de`).
pub const OTC_PROJECT_ID: &str = "7c4e2a9b1d3f4e5a8b6c0d2e4f6a8b0c";
