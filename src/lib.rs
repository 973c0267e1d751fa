//! vpcep-console: a browser console for the VPC Endpoint service.
//!
//! [`api`] is the pure core (models, validation, diff, request building, error
//! classification) and builds on any target. The Leptos app in `ui` exists only on
//! wasm32, so `cargo test` on the host never compiles a browser dependency.

pub mod api;

#[cfg(target_arch = "wasm32")]
pub mod ui;
