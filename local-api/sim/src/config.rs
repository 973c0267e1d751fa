//! What a simulation is made of: its seed, the tokens it accepts, its delays.

use crate::model::Seed;

/// The token accepted by default (`seed/demo.env`'s `DEMO_TOKEN`).
pub const DEFAULT_TOKEN: &str = crate::demo::TOKEN;
/// The default time a service stays `creating` after its port mappings change (and a
/// connection after `receive`).
pub const DEFAULT_CREATING_DELAY_MS: u64 = 2000;
/// How long a token of the sign-in is valid by default, and at most: IAM's 24 hours.
pub const DEFAULT_TOKEN_LIFETIME_SECS: u64 = 86_400;
/// [`DEFAULT_TOKEN_LIFETIME_SECS`] in milliseconds.
pub const DEFAULT_TOKEN_LIFETIME_MS: u64 = DEFAULT_TOKEN_LIFETIME_SECS * 1000;

/// A simulation's settings.
#[derive(Clone, Debug, PartialEq)]
pub struct SimConfig {
    /// The `X-Auth-Token` values valid on every project, forever.
    pub tokens: Vec<String>,
    /// The projects, services and IAM users at the start and after every reset.
    pub seed: Seed,
    /// How long a service stays `creating` after a PUT changes its port mappings, and a
    /// connection after `receive` (0: at once).
    pub creating_delay_ms: u64,
    /// How long a token the sign-in issues is valid.
    pub token_lifetime_ms: u64,
}

impl Default for SimConfig {
    /// The embedded seed, the demo token, a 2000 ms `creating` phase, tokens valid 24 h.
    fn default() -> Self {
        SimConfig {
            tokens: vec![DEFAULT_TOKEN.to_string()],
            seed: Seed::embedded(),
            creating_delay_ms: DEFAULT_CREATING_DELAY_MS,
            token_lifetime_ms: DEFAULT_TOKEN_LIFETIME_MS,
        }
    }
}
