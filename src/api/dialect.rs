//! The two editions of the API. They differ in what a PUT may carry.

use serde::{Deserialize, Serialize};

/// Which cloud's edition of the VPCEP API the proxy forwards to. Saved as
/// [`Dialect::as_str`] writes it; read as [`Dialect::parse`] reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Dialect {
    /// Huawei Cloud: TCP only, `ip` backend address, `proxy_vni`.
    #[default]
    Huawei,
    /// Open Telekom Cloud: TCP and UDP, `vip_port_id`.
    #[serde(alias = "otc")]
    OpenTelekom,
}

impl Dialect {
    pub const ALL: [Dialect; 2] = [Dialect::Huawei, Dialect::OpenTelekom];

    pub fn as_str(self) -> &'static str {
        match self {
            Dialect::Huawei => "huawei",
            Dialect::OpenTelekom => "open_telekom",
        }
    }

    pub fn parse(s: &str) -> Option<Dialect> {
        match s {
            "otc" => Some(Dialect::OpenTelekom),
            _ => Dialect::ALL.into_iter().find(|d| d.as_str() == s),
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Dialect::Huawei => "Huawei Cloud",
            Dialect::OpenTelekom => "Open Telekom Cloud",
        }
    }

    /// Port mapping protocols a PUT may carry.
    pub fn protocols(self) -> &'static [&'static str] {
        match self {
            Dialect::Huawei => &["TCP"],
            Dialect::OpenTelekom => &["TCP", "UDP"],
        }
    }

    /// Values of `tcp_proxy`.
    pub fn tcp_proxy_values(self) -> &'static [&'static str] {
        match self {
            Dialect::Huawei => &["close", "toa_open", "proxy_open", "open", "proxy_vni"],
            Dialect::OpenTelekom => &["close", "toa_open", "proxy_open", "open"],
        }
    }

    /// The backend `ip` field exists (Huawei SDK, 2024).
    pub fn has_ip(self) -> bool {
        self == Dialect::Huawei
    }

    /// The `vip_port_id` field exists (Open Telekom Cloud; removed from Huawei's SDK in 2023).
    pub fn has_vip_port_id(self) -> bool {
        self == Dialect::OpenTelekom
    }
}

pub use super::words::tcp_proxy_label;
