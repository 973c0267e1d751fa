//! The seed: projects and their endpoint services, loaded from JSON and checked, and the one
//! compiled into the crate with its two projects.

use std::collections::BTreeSet;

use crate::model::{Dialect, Seed};
use crate::rules;
use crate::rules::access::{self, PermissionType};

/// The seed compiled into the binary (`local-api/seed/default.json`).
pub const DEFAULT_SEED_JSON: &str = include_str!("../../seed/default.json");

/// The Huawei Cloud project of the embedded seed (region `cn-north-4`).
pub const HUAWEI_PROJECT_ID: &str = crate::demo::PROJECT;
/// The Open Telekom Cloud project of the embedded seed (region `eu-de`).
pub const OTC_PROJECT_ID: &str = crate::demo::OTC_PROJECT;

impl Seed {
    /// The seed compiled into the crate ([`DEFAULT_SEED_JSON`]).
    pub fn embedded() -> Seed {
        match Seed::from_json(DEFAULT_SEED_JSON) {
            Ok(seed) => seed,
            // Guarded by a unit test; the file is part of the crate.
            Err(e) => unreachable!("the embedded seed is invalid: {e}"),
        }
    }

    /// Parses and checks a seed document.
    pub fn from_json(text: &str) -> Result<Seed, String> {
        let seed: Seed = serde_json::from_str(text).map_err(|e| format!("invalid seed: {e}"))?;
        seed.check()?;
        Ok(seed)
    }

    /// Checks the invariants the server relies on.
    pub fn check(&self) -> Result<(), String> {
        let mut projects = BTreeSet::new();
        // An endpoint connects to one service: its id is unique in the whole seed.
        let mut endpoints = BTreeSet::new();
        for p in &self.projects {
            if let Some(d) = &p.domain_id {
                if !d.bytes().all(|b| b.is_ascii_alphanumeric()) || !access::is_domain_id(d) {
                    return Err(format!(
                        "project {}: domain_id '{d}' must be 1-64 letters or digits",
                        p.project_id
                    ));
                }
            }
            if p.project_id.is_empty() || p.project_id.contains('/') {
                return Err(format!("project id '{}' is invalid", p.project_id));
            }
            if !projects.insert(p.project_id.as_str()) {
                return Err(format!("project {} appears twice", p.project_id));
            }
            if p.region.is_empty() {
                return Err(format!("project {} has an empty region", p.project_id));
            }
            let mut ids = BTreeSet::new();
            for s in &p.services {
                let at = format!("project {} service {}", p.project_id, s.id);
                if !rules::is_uuid(&s.id) {
                    return Err(format!("{at}: id is not a UUID"));
                }
                if !ids.insert(s.id.as_str()) {
                    return Err(format!("{at}: id appears twice"));
                }
                if !rules::is_short_name(&s.service_name) {
                    return Err(format!(
                        "{at}: service_name '{}' must be the short name (0-16 letters, digits, _ or -)",
                        s.service_name
                    ));
                }
                if !["creating", "available", "failed", "deleting"].contains(&s.status.as_str()) {
                    return Err(format!("{at}: unknown status '{}'", s.status));
                }
                for m in &s.ports {
                    if m.client_port == 0 || m.server_port == 0 {
                        return Err(format!("{at}: port 0 in a mapping"));
                    }
                    if m.protocol != "TCP" && m.protocol != "UDP" {
                        return Err(format!("{at}: unknown protocol '{}'", m.protocol));
                    }
                }
                for c in &s.connections {
                    let at = format!("{at} connection {}", c.id);
                    if !rules::is_uuid(&c.id) {
                        return Err(format!("{at}: id is not a UUID"));
                    }
                    if !endpoints.insert(c.id.to_ascii_lowercase()) {
                        return Err(format!("{at}: the endpoint appears twice"));
                    }
                    if !access::CONNECTION_STATUSES.contains(&c.status.as_str()) {
                        return Err(format!("{at}: unknown status '{}'", c.status));
                    }
                    if c.error.is_some() != (c.status == "failed") {
                        return Err(format!(
                            "{at}: an error belongs to a failed connection only"
                        ));
                    }
                    if !access::is_domain_id(&c.domain_id) {
                        return Err(format!("{at}: domain_id '{}' is invalid", c.domain_id));
                    }
                    if c.description.is_some() && p.dialect == Dialect::Otc {
                        return Err(format!(
                            "{at}: a connection's description is Huawei Cloud only"
                        ));
                    }
                }
                let mut records = BTreeSet::new();
                for r in &s.permissions {
                    let at = format!("{at} permission {}", r.id);
                    if !rules::is_uuid(&r.id) {
                        return Err(format!("{at}: id is not a UUID"));
                    }
                    let kind = PermissionType::parse(&r.permission_type).ok_or_else(|| {
                        format!("{at}: unknown permission_type '{}'", r.permission_type)
                    })?;
                    // Stored as the API lists them: `*`, not `iam:domain::*`.
                    let valid = r.permission == "*"
                        || access::stored_permission(&r.permission, kind, p.dialect).as_deref()
                            == Some(r.permission.as_str());
                    if !valid {
                        return Err(format!("{at}: invalid record '{}'", r.permission));
                    }
                    if !records.insert(r.permission.as_str()) {
                        return Err(format!("{at}: '{}' appears twice", r.permission));
                    }
                    if r.description.is_some() && p.dialect == Dialect::Huawei {
                        return Err(format!(
                            "{at}: a whitelist record's description is Open Telekom Cloud only"
                        ));
                    }
                }
                if s.permissions.len() > access::MAX_WHITELIST {
                    return Err(format!(
                        "{at}: more than {} whitelist records",
                        access::MAX_WHITELIST
                    ));
                }
            }
        }
        self.check_iam_users(&projects)
    }

    /// The IAM users: ids unique, names unique in their account, one name per account, six
    /// digits of MFA, and only projects of the seed to scope to.
    fn check_iam_users(&self, projects: &BTreeSet<&str>) -> Result<(), String> {
        let mut ids = BTreeSet::new();
        let mut names = BTreeSet::new();
        let mut accounts = std::collections::BTreeMap::new();
        for u in &self.iam_users {
            let at = format!("IAM user '{}'", u.name);
            let plain = |v: &str| {
                !v.is_empty() && v.len() <= 64 && v.bytes().all(|b| b.is_ascii_alphanumeric())
            };
            if !plain(&u.id) || !plain(&u.domain_id) {
                return Err(format!(
                    "{at}: id and domain_id must be 1-64 letters or digits"
                ));
            }
            if u.name.trim().is_empty() || u.domain_name.trim().is_empty() {
                return Err(format!("{at}: name and domain_name must not be empty"));
            }
            if !ids.insert(u.id.as_str()) {
                return Err(format!("{at}: id {} appears twice", u.id));
            }
            if !names.insert((u.domain_id.as_str(), u.name.as_str())) {
                return Err(format!("{at}: the name appears twice in its account"));
            }
            let name = accounts
                .entry(u.domain_id.as_str())
                .or_insert(u.domain_name.as_str());
            if *name != u.domain_name {
                return Err(format!(
                    "{at}: account {} is named both '{name}' and '{}'",
                    u.domain_id, u.domain_name
                ));
            }
            if let Some(code) = &u.mfa_passcode {
                if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
                    return Err(format!("{at}: mfa_passcode must be six digits"));
                }
            }
            if let Some(p) = u.projects.iter().find(|p| !projects.contains(p.as_str())) {
                return Err(format!("{at}: project {p} is not in the seed"));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Dialect;

    #[test]
    fn embedded_seed_is_valid_and_has_the_promised_services() {
        let seed = Seed::from_json(DEFAULT_SEED_JSON).expect("valid seed");
        let hw = &seed.projects[0];
        assert_eq!(hw.project_id, HUAWEI_PROJECT_ID);
        assert_eq!(hw.dialect, Dialect::Huawei);
        let names: Vec<&str> = hw
            .services
            .iter()
            .map(|s| s.service_name.as_str())
            .collect();
        assert_eq!(
            names,
            [
                "web-frontend",
                "orders-api",
                "batch-jobs",
                "metrics-exporter"
            ]
        );
        assert_eq!(hw.services[0].port_id, hw.services[2].port_id);
        assert_eq!(hw.services[3].service_name.len(), 16);
        let otc = &seed.projects[1];
        assert_eq!(otc.project_id, OTC_PROJECT_ID);
        assert_eq!(otc.dialect, Dialect::Otc);
        assert!(otc.services[0].ports.iter().any(|m| m.protocol == "UDP"));
        assert!(otc.services[0].vip_port_id.is_some());
    }

    #[test]
    fn bad_seeds_are_rejected() {
        assert!(Seed::from_json("{}").is_err());
        assert!(Seed::from_json(
            r#"{"projects":[{"project_id":"p","region":"r","dialect":"aws","services":[]}]}"#
        )
        .is_err());
        assert!(Seed::from_json(
            r#"{"projects":[{"project_id":"p","region":"r","dialect":"otc","services":[{"id":"x","service_name":"a"}]}]}"#
        )
        .is_err());
        let ok = Seed::from_json(
            r#"{"projects":[{"project_id":"p","region":"r","dialect":"otc","services":[{"id":"00000000-0000-0000-0000-000000000000","service_name":"a"}]}]}"#,
        )
        .expect("minimal seed");
        assert!(ok.iam_users.is_empty(), "a seed without users still loads");
        let s = &ok.projects[0].services[0];
        assert_eq!(s.status, "available");
        assert_eq!(s.supported_editions, vec!["basic"]);
        assert_eq!(s.created_at, "", "left to the simulation's first run");
        let mut stamped = ok.clone();
        stamped.fill_times("2026-01-02T03:04:05Z");
        assert_eq!(
            stamped.projects[0].services[0].created_at,
            "2026-01-02T03:04:05Z"
        );
    }

    #[test]
    fn the_embedded_iam_users_are_the_demo_files() {
        let seed = Seed::embedded();
        let by_name = |n: &str| seed.iam_users.iter().find(|u| u.name == n).expect(n);
        let user = by_name(crate::demo::IAM_USER);
        assert_eq!(user.password, crate::demo::IAM_PASSWORD);
        assert_eq!(user.domain_name, crate::demo::IAM_ACCOUNT);
        assert_eq!(user.domain_id, crate::demo::OWNER_DOMAIN);
        assert_eq!(user.projects, [HUAWEI_PROJECT_ID, OTC_PROJECT_ID]);
        let mfa = by_name(crate::demo::IAM_MFA_USER);
        assert_eq!(mfa.id, crate::demo::IAM_MFA_USER_ID);
        assert_eq!(mfa.password, crate::demo::IAM_MFA_PASSWORD);
        assert_eq!(
            mfa.mfa_passcode.as_deref(),
            Some(crate::demo::IAM_MFA_PASSCODE)
        );
        assert!(by_name(crate::demo::IAM_LOCKED_USER).locked);
        // Debug shows neither password nor passcode.
        let shown = format!("{:?}", seed.iam_users);
        assert!(
            !shown.contains("demo-password") && !shown.contains("246810"),
            "{shown}"
        );
    }

    #[test]
    fn bad_iam_users_are_rejected() {
        let with_user = |user: &str| {
            Seed::from_json(&format!(
                r#"{{"projects":[{{"project_id":"p","region":"r","dialect":"otc"}}],"iam_users":[{user}]}}"#
            ))
        };
        let ok = r#"{"id":"u1","name":"a","password":"pw","domain_id":"d1","domain_name":"acct","projects":["p"]}"#;
        assert!(with_user(ok).is_ok());
        for (bad, says) in [
            (
                ok.replace(r#""p"]"#, r#""q"]"#),
                "project q is not in the seed",
            ),
            (
                ok.replace(r#""pw""#, r#""pw","mfa_passcode":"12345""#),
                "six digits",
            ),
            (ok.replace(r#""u1""#, r#""u-1""#), "letters or digits"),
            (
                ok.replace(r#""name":"a""#, r#""name":" ""#),
                "must not be empty",
            ),
            (format!("{ok},{ok}"), "appears twice"),
            (
                format!("{ok},{}", ok.replace("u1", "u2")),
                "twice in its account",
            ),
            (
                format!(
                    "{ok},{}",
                    ok.replace("u1", "u2")
                        .replace(r#""a""#, r#""b""#)
                        .replace("acct", "other")
                ),
                "named both",
            ),
            (
                ok.replace(r#""pw""#, r#""pw","admin":true"#),
                "unknown field",
            ),
        ] {
            let err = with_user(&bad).expect_err(&bad);
            assert!(err.contains(says), "{bad}: {err}");
        }
    }
}
