//! Support code for the native end-to-end tests: a test file includes it with `mod support;`.
//!
//! - [`demo`]: the demo project and service ids and the token, in one place.
//! - [`stack`]: the local API server in-process (optionally serving a copy of the release
//!   bundle), its control endpoints (faults, request log), and the one HTTP client (reqwest).
//! - [`browser`]: headless Chromium through chromedriver, driven with fantoccini, and the
//!   steps every end-to-end test repeats (open the console, fill and send the form, wait,
//!   screenshot, read the console log).
//! - [`nginx`]: Debian's nginx from a prefix folder of its own, stopped on drop.
//!
//! Every wait is bounded by a deadline; every server binds 127.0.0.1. Native only: on wasm32
//! the module is empty. Each test binary uses only part of it, hence the `allow`s.
#![cfg(not(target_arch = "wasm32"))]
#![allow(dead_code, unused_imports)]

pub mod browser;
pub mod demo;
pub mod nginx;
pub mod stack;

pub use browser::Browser;
pub use demo::{ORDERS, PROJECT, TOKEN, WEB};
pub use stack::{Api, Stack, WAIT};

/// Where the setup (`.ci/lib.sh`) installs a tool: `rel` under `VPCEP_TOOLS_DIR`, by default
/// `~/.cache/vpcep-console/tools`.
pub fn installed_tool(rel: &str) -> std::path::PathBuf {
    std::env::var_os("VPCEP_TOOLS_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| {
            std::path::PathBuf::from(std::env::var_os("HOME").unwrap_or_default())
                .join(".cache/vpcep-console/tools")
        })
        .join(rel)
}

/// The release wasm's stack size, as `.ci/lib.sh` links it (`WASM_STACK_BYTES`).
pub fn release_stack_bytes() -> u64 {
    let lib = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/.ci/lib.sh")).unwrap();
    lib.lines()
        .find_map(|l| l.strip_prefix("WASM_STACK_BYTES="))
        .and_then(|v| v.trim().parse().ok())
        .expect("WASM_STACK_BYTES= in .ci/lib.sh")
}
