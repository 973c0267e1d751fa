//! Support code for the native end-to-end tests: a test file includes it with `mod support;`.
//!
//! - [`webdriver`]: a minimal W3C WebDriver client that drives headless Chromium through
//!   chromedriver ([`Browser`], [`Element`]).
//!
//! Native only: on wasm32 the module is empty. Each test binary uses only part of it, hence the
//! `allow`s.
#![cfg(not(target_arch = "wasm32"))]
#![allow(dead_code, unused_imports)]

pub mod stack;
pub mod webdriver;

pub use webdriver::{Browser, Element};
