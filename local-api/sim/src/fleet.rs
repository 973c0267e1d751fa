//! A fleet: any number of generated services in a project, as an operator's project looks,
//! for lists, batch changes and batch upgrades (`--fleet N`, `POST /__control/fleet`).
//!
//! Everything is a function of the service's number, so the same fleet comes back on every run
//! and the tests can name its members. Service `i` (from 1):
//!
//! - id `f1ee7000-0000-4000-8000-{i:012}`, name `fleet-{i:03}`, port_id
//!   `b0c4e000-0000-4000-8000-{i:012}` (a backend of its own: no port conflicts);
//! - server_type VM, LB, VIP by `i % 3`; every third (`i % 3 == 0`) advanced already
//!   (`["basic", "profession"]`), the others `["basic"]` for the upgrade to apply to;
//! - every ninth `failed` (with an `error` item), the others `available`;
//! - approval on for even `i`; tcp_proxy `close`, `toa_open`, `proxy_open`, `open` by `i % 4`;
//! - `1 + i % 3` port mappings TCP 10000→80, 10001→81, …;
//! - created an hour apart going back from 2023-12-28T23:00:00Z (before the demo services);
//! - connections: `1 + i % 3` `pendingAcceptance`, one `accepted`, one `rejected` for even
//!   `i`, one `failed` when `i % 5 == 0`; endpoint ids `f1ee7e00-{k:04}-4000-8000-{i:012}` for
//!   row `k` from 1 in that order; every tenth service's first pending one has a `marker_id`
//!   above 2^53;
//! - whitelist: the partner account `0123456789abcdef0123456789abcdef`, for odd `i` also
//!   `fedcba9876543210fedcba9876543210`, and `*` when `i % 7 == 0`.

use crate::model::{Connection, Permission, PortMapping, Seed, Service, ServiceErrorItem, Tag};
use crate::timefmt;

/// The start of every fleet service's id.
pub const FLEET_ID_PREFIX: &str = "f1ee7000-0000-4000-8000-";
/// The most services a fleet may have.
pub const MAX_FLEET: usize = 10_000;

/// 2023-12-28T23:00:00Z: fleet service `i` was created `i` hours before it.
const FLEET_EPOCH: u64 = 1_703_804_400;

const SERVER_TYPES: [&str; 3] = ["VM", "LB", "VIP"];
const TCP_PROXY: [&str; 4] = ["close", "toa_open", "proxy_open", "open"];
const TIERS: [&str; 3] = ["web", "api", "batch"];

/// The consumers' accounts of the fleet's connections and whitelists.
const PARTNER: &str = "0123456789abcdef0123456789abcdef";
const ANALYTICS: &str = "fedcba9876543210fedcba9876543210";
const FORMER: &str = "5fc973eea581490997e82ea11a1d0101";
const BROKEN: &str = "abcdef0123456789abcdef0123456789";

/// 2^53 + 1: the first integer a JavaScript Number cannot hold.
const BEYOND_F64: u64 = 9_007_199_254_740_993;

/// Whether `id` belongs to a fleet.
pub fn is_fleet_id(id: &str) -> bool {
    id.starts_with(FLEET_ID_PREFIX)
}

/// Fleet service number `i` (1-based).
pub fn fleet_service(i: usize) -> Service {
    let failed = i.is_multiple_of(9);
    Service {
        id: format!("{FLEET_ID_PREFIX}{i:012}"),
        service_name: format!("fleet-{i:03}"),
        port_id: Some(format!("b0c4e000-0000-4000-8000-{i:012}")),
        vip_port_id: None,
        vpc_id: Some("3f2a1b0c-9d8e-4f7a-b6c5-d4e3f2a1b0c9".to_string()),
        pool_id: Some("5e4d3c2b-1a0f-4e9d-8c7b-6a5f4e3d2c1b".to_string()),
        server_type: SERVER_TYPES[i % 3].to_string(),
        service_type: "interface".to_string(),
        status: if failed { "failed" } else { "available" }.to_string(),
        approval_enabled: i.is_multiple_of(2),
        supported_editions: if i.is_multiple_of(3) {
            vec!["basic".to_string(), "profession".to_string()]
        } else {
            vec!["basic".to_string()]
        },
        tcp_proxy: Some(TCP_PROXY[i % 4].to_string()),
        cidr_type: Some("internal".to_string()),
        ip_version: Some("ipv4".to_string()),
        ip: None,
        enable_policy: None,
        description: (!i.is_multiple_of(5)).then(|| format!("Fleet service {i}")),
        tags: vec![Tag {
            key: "tier".to_string(),
            value: TIERS[i % 3].to_string(),
        }],
        ports: (0..=(i % 3) as u16)
            .map(|p| PortMapping {
                client_port: 10000 + p,
                server_port: 80 + p,
                protocol: "TCP".to_string(),
            })
            .collect(),
        error: failed.then(|| {
            vec![ServiceErrorItem {
                error_code: "EndPoint.0001".to_string(),
                error_message: "The backend of the endpoint service could not be created."
                    .to_string(),
            }]
        }),
        created_at: timefmt::format_unix(FLEET_EPOCH - 3600 * i as u64),
        updated_at: format!(
            "2025-06-{:02}T{:02}:{:02}:00Z",
            1 + (i * 7) % 28,
            (i * 5) % 24,
            (i * 13) % 60
        ),
        connections: fleet_connections(i),
        permissions: fleet_whitelist(i),
    }
}

fn fleet_connections(i: usize) -> Vec<Connection> {
    let created = FLEET_EPOCH - 3600 * i as u64;
    let mut rows: Vec<(&str, &str)> = [PARTNER, ANALYTICS, BROKEN][..1 + i % 3]
        .iter()
        .map(|d| ("pendingAcceptance", *d))
        .collect();
    rows.push(("accepted", ANALYTICS));
    if i.is_multiple_of(2) {
        rows.push(("rejected", FORMER));
    }
    if i.is_multiple_of(5) {
        rows.push(("failed", BROKEN));
    }
    rows.into_iter()
        .enumerate()
        .map(|(k, (status, domain_id))| {
            let k = k + 1;
            let at = timefmt::format_unix(created + 86_400 * k as u64);
            let marker_id = if k == 1 && i.is_multiple_of(10) {
                BEYOND_F64 + 2 * i as u64
            } else {
                500_000_000 + 10 * i as u64 + k as u64
            };
            Connection {
                id: format!("f1ee7e00-{k:04}-4000-8000-{i:012}"),
                marker_id,
                domain_id: domain_id.to_string(),
                status: status.to_string(),
                description: None,
                error: (status == "failed").then(|| {
                    vec![ServiceErrorItem {
                        error_code: "EndPoint.0001".to_string(),
                        error_message:
                            "Failed to create the endpoint: no free IP address in the subnet."
                                .to_string(),
                    }]
                }),
                created_at: at.clone(),
                updated_at: at,
            }
        })
        .collect()
}

fn fleet_whitelist(i: usize) -> Vec<Permission> {
    let mut records = vec![format!("iam:domain::{PARTNER}")];
    if !i.is_multiple_of(2) {
        records.push(format!("iam:domain::{ANALYTICS}"));
    }
    if i.is_multiple_of(7) {
        records.push("*".to_string());
    }
    let created = FLEET_EPOCH - 3600 * i as u64;
    records
        .into_iter()
        .enumerate()
        .map(|(k, permission)| Permission {
            id: format!("f1ee9e00-{:04}-4000-8000-{i:012}", k + 1),
            permission,
            permission_type: "domainId".to_string(),
            description: None,
            created_at: timefmt::format_unix(created + 3600 * (k as u64 + 1)),
        })
        .collect()
}

/// The fleet of `n` services, in order.
pub fn fleet(n: usize) -> Vec<Service> {
    (1..=n).map(fleet_service).collect()
}

/// `n` checked against [`MAX_FLEET`].
pub fn check_size(n: usize) -> Result<(), String> {
    if n > MAX_FLEET {
        Err(format!("a fleet has at most {MAX_FLEET} services, not {n}"))
    } else {
        Ok(())
    }
}

impl Seed {
    /// This seed with a fleet of `n` services in its FIRST project (the demo Huawei Cloud
    /// project of the embedded seed), replacing any fleet it had.
    pub fn with_fleet(mut self, n: usize) -> Result<Seed, String> {
        check_size(n)?;
        let project = self
            .projects
            .first_mut()
            .ok_or("the seed has no project for the fleet")?;
        project.services.retain(|s| !is_fleet_id(&s.id));
        project.services.extend(fleet(n));
        self.check()?;
        Ok(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fleet_is_valid_whatever_its_size() {
        let seed = Seed::embedded()
            .with_fleet(MAX_FLEET)
            .expect("a valid fleet");
        assert_eq!(seed.projects[0].services.len(), 4 + MAX_FLEET);
        let last = seed.projects[0].services.last().unwrap();
        assert_eq!(last.service_name, "fleet-10000");
        assert!(timefmt::parse_unix(&last.created_at).is_some());
        assert!(Seed::embedded().with_fleet(MAX_FLEET + 1).is_err());
    }

    #[test]
    fn the_fleet_mixes_editions_states_and_settings() {
        let f = fleet(12);
        assert_eq!(f[0].id, "f1ee7000-0000-4000-8000-000000000001");
        assert_eq!(f[0].service_name, "fleet-001");
        assert_eq!(f[2].supported_editions, ["basic", "profession"]);
        assert_eq!(f[0].supported_editions, ["basic"]);
        assert_eq!(f[8].status, "failed");
        assert!(f[8].error.is_some());
        assert!(f[1].approval_enabled && !f[0].approval_enabled);
        let proxies: std::collections::BTreeSet<_> =
            f.iter().filter_map(|s| s.tcp_proxy.clone()).collect();
        assert_eq!(proxies.len(), 4);
        assert!(
            f[0].created_at > f[1].created_at,
            "an hour apart, newest first"
        );
        let statuses = |i: usize| -> Vec<String> {
            f[i - 1]
                .connections
                .iter()
                .map(|c| c.status.clone())
                .collect()
        };
        assert_eq!(
            statuses(1),
            ["pendingAcceptance", "pendingAcceptance", "accepted"]
        );
        assert_eq!(
            statuses(10),
            [
                "pendingAcceptance",
                "pendingAcceptance",
                "accepted",
                "rejected",
                "failed"
            ]
        );
        assert!(f[9].connections[0].marker_id > 1 << 53);
        assert_eq!(f[6].permissions.len(), 3, "fleet-007 has a *");
        assert_eq!(f[6].permissions[2].permission, "*");
    }

    #[test]
    fn a_10000_fleet_has_unique_endpoint_ids() {
        // Seed::check refuses an endpoint id twice.
        let seed = Seed::embedded()
            .with_fleet(MAX_FLEET)
            .expect("a valid fleet");
        let rows: usize = seed.projects[0]
            .services
            .iter()
            .map(|s| s.connections.len())
            .sum();
        assert!(rows > 3 * MAX_FLEET, "{rows}");
    }
}
