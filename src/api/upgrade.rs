//! What the console tells a user before upgrading a service to advanced mode.

use super::model::EndpointService;
use super::regions::ADVANCED_BY_DEFAULT;
use super::words::{editions_text, fill, w};

/// The facts shown in the upgrade confirmation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UpgradeNotice {
    pub already_advanced: bool,
    /// The region is one the references disagree about (see [`region_caveat`]).
    pub region_named: bool,
    pub editions: String,
}

/// Sources disagree: one edition of the reference says services in these regions are
/// advanced already and need no call; a later one says the call works only there.
/// The console shows both facts rather than guess.
pub fn region_caveat() -> String {
    fill(
        w().errors.region_caveat,
        &[&ADVANCED_BY_DEFAULT.join(w().core.list_separator)],
    )
}

pub fn notice(service: &EndpointService, region: &str) -> UpgradeNotice {
    UpgradeNotice {
        already_advanced: service.is_professional(),
        region_named: ADVANCED_BY_DEFAULT.contains(&region.trim()),
        editions: editions_text(service),
    }
}
