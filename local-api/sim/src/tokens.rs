//! The tokens the sign-in (`POST /v3/auth/tokens`) issues: each scoped to one project, valid
//! for the configured lifetime, held apart from the seed's state so that a reset keeps them
//! (a console signed in stays signed in across a test's reset).
//!
//! A token is `MII` and 64 base64url characters, like the start of IAM's (which are far
//! longer). They come from SipHash keyed by the simulation's seed and a counter: unguessable
//! as far as the seed is, enough for a local stand-in, not a cryptographic generator.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::ids::{keyed, mix};

/// At most this many issued tokens are kept: beyond it the one that runs out first goes.
pub const MAX_ISSUED: usize = 10_000;

/// What a token was issued for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
struct Issued {
    project_id: String,
    /// Unix epoch milliseconds.
    expires_ms: u64,
}

/// What the VPCEP routes make of a token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Issue {
    /// A configured token, or an issued one not expired and scoped to the project of the path.
    Valid,
    /// Not expired, scoped to another project.
    OtherProject,
    /// Never issued, or run out.
    Unknown,
}

/// The issued tokens.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssuedTokens {
    by_token: BTreeMap<String, Issued>,
    key: u64,
    counter: u64,
}

/// The project a VPCEP path names: `{p}` of `/v1/{p}/…` and `/v2/{p}/…`.
pub fn project_of_path(path: &str) -> Option<&str> {
    let rest = path
        .strip_prefix("/v1/")
        .or_else(|| path.strip_prefix("/v2/"))?;
    let project = rest.split('/').next()?;
    (!project.is_empty()).then_some(project)
}

/// What `token` is worth at `now_ms` on a request for the raw `path`: one of `configured` is
/// valid on every path, forever; an issued one until it runs out, on the paths of the project
/// it is scoped to.
pub fn token_status(
    configured: &[String],
    issued: &IssuedTokens,
    token: &str,
    path: &str,
    now_ms: u64,
) -> Issue {
    if configured.iter().any(|t| t == token) {
        return Issue::Valid;
    }
    issued.check(token, project_of_path(path), now_ms)
}

const BASE64URL: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

impl IssuedTokens {
    pub fn new(seed: u64) -> IssuedTokens {
        IssuedTokens {
            by_token: BTreeMap::new(),
            key: mix(seed ^ 0x70ce_4500_0000_0001),
            counter: 0,
        }
    }

    /// A new token for `project_id`, valid until `expires_ms`, issued at `now_ms`.
    pub fn issue(&mut self, project_id: &str, expires_ms: u64, now_ms: u64) -> String {
        if self.by_token.len() >= MAX_ISSUED {
            self.by_token.retain(|_, t| t.expires_ms > now_ms);
        }
        if self.by_token.len() >= MAX_ISSUED {
            let first = self
                .by_token
                .iter()
                .min_by_key(|(_, t)| t.expires_ms)
                .map(|(k, _)| k.clone());
            if let Some(k) = first {
                self.by_token.remove(&k);
            }
        }
        let token = loop {
            let t = self.random_token();
            if !self.by_token.contains_key(&t) {
                break t;
            }
        };
        self.by_token.insert(
            token.clone(),
            Issued {
                project_id: project_id.to_owned(),
                expires_ms,
            },
        );
        token
    }

    /// Where `token` stands at `now_ms` for a request to `project_id` (`None`: a path of no
    /// project).
    pub fn check(&self, token: &str, project_id: Option<&str>, now_ms: u64) -> Issue {
        match self.by_token.get(token) {
            Some(t) if t.expires_ms > now_ms => {
                if project_id == Some(t.project_id.as_str()) {
                    Issue::Valid
                } else {
                    Issue::OtherProject
                }
            }
            _ => Issue::Unknown,
        }
    }

    /// `MII` and 64 characters of base64url: 6 bits from each of 64 draws.
    fn random_token(&mut self) -> String {
        let mut out = String::with_capacity(67);
        out.push_str("MII");
        let mut bits = 0u64;
        let mut left = 0;
        while out.len() < 67 {
            if left < 6 {
                self.counter += 1;
                bits = keyed(self.key, self.counter);
                left = 64;
            }
            out.push(char::from(BASE64URL[(bits & 63) as usize]));
            bits >>= 6;
            left -= 6;
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: u64 = 1_800_000_000_000;

    #[test]
    fn tokens_are_mii_and_64_base64url_and_distinct() {
        let mut t = IssuedTokens::new(1);
        let later = NOW + 60_000;
        let a = t.issue("p", later, NOW);
        let b = t.issue("p", later, NOW);
        assert_eq!(a.len(), 67, "{a}");
        assert!(a.starts_with("MII"));
        assert!(a[3..]
            .bytes()
            .all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_'));
        assert_ne!(a, b);
        assert_eq!(t.check(&a, Some("p"), NOW), Issue::Valid);
        assert_eq!(t.check(&a, Some("q"), NOW), Issue::OtherProject);
        assert_eq!(t.check(&a, None, NOW), Issue::OtherProject);
        assert_eq!(t.check("MIInope", Some("p"), NOW), Issue::Unknown);
        assert_eq!(t.check(&a, Some("p"), later), Issue::Unknown, "run out");
        assert_ne!(IssuedTokens::new(2).issue("p", later, NOW), a);
    }

    #[test]
    fn the_project_of_a_path() {
        assert_eq!(
            project_of_path("/v1/abc/vpc-endpoint-services"),
            Some("abc")
        );
        assert_eq!(project_of_path("/v2/abc/x/upgrade"), Some("abc"));
        assert_eq!(project_of_path("/v1/abc"), Some("abc"));
        assert_eq!(project_of_path("/v1//x"), None);
        assert_eq!(project_of_path("/v3/auth/tokens"), None);
        assert_eq!(project_of_path("/v10/abc"), None);
    }

    #[test]
    fn an_expired_token_is_unknown_and_the_store_is_bounded() {
        let mut t = IssuedTokens::new(3);
        let gone = t.issue("p", NOW, NOW);
        assert_eq!(t.check(&gone, Some("p"), NOW), Issue::Unknown);
        for _ in 0..MAX_ISSUED + 5 {
            t.issue("p", NOW + 60_000, NOW);
        }
        assert_eq!(t.by_token.len(), MAX_ISSUED);
    }
}
