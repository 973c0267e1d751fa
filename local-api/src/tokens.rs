//! The tokens the sign-in (`POST /v3/auth/tokens`) issues: each scoped to one project, valid
//! for the configured lifetime, held apart from the seed's state so that a reset keeps them
//! (a console signed in stays signed in across a test's reset).
//!
//! A token is `MII` and 64 base64url characters, like the start of IAM's (which are far
//! longer). They come from SipHash keyed by the standard library's per-process random keys:
//! unguessable from outside, enough for a local stand-in, not a cryptographic generator.

use std::collections::hash_map::RandomState;
use std::collections::HashMap;
use std::hash::{BuildHasher, Hasher};
use std::time::{Instant, SystemTime, UNIX_EPOCH};

/// At most this many issued tokens are kept: beyond it the one that runs out first goes.
pub const MAX_ISSUED: usize = 10_000;

/// What a token was issued for.
#[derive(Clone, Debug)]
struct Issued {
    project_id: String,
    expires: Instant,
}

/// What the VPCEP routes make of an issued token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Issue {
    /// Not expired, and scoped to the project of the path.
    Valid,
    /// Not expired, scoped to another project.
    OtherProject,
    /// Never issued, or run out.
    Unknown,
}

/// The issued tokens.
pub struct IssuedTokens {
    by_token: HashMap<String, Issued>,
    hasher: RandomState,
    counter: u64,
}

impl Default for IssuedTokens {
    fn default() -> Self {
        IssuedTokens {
            by_token: HashMap::new(),
            hasher: RandomState::new(),
            counter: 0,
        }
    }
}

/// The project a VPCEP path names: `{p}` of `/v1/{p}/…` and `/v2/{p}/…`.
pub fn project_of_path(path: &str) -> Option<&str> {
    let rest = path
        .strip_prefix("/v1/")
        .or_else(|| path.strip_prefix("/v2/"))?;
    let project = rest.split('/').next()?;
    (!project.is_empty()).then_some(project)
}

const BASE64URL: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

impl IssuedTokens {
    /// A new token for `project_id`, valid until `expires`.
    pub fn issue(&mut self, project_id: &str, expires: Instant) -> String {
        if self.by_token.len() >= MAX_ISSUED {
            let now = Instant::now();
            self.by_token.retain(|_, t| t.expires > now);
        }
        if self.by_token.len() >= MAX_ISSUED {
            let first = self
                .by_token
                .iter()
                .min_by_key(|(_, t)| t.expires)
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
                expires,
            },
        );
        token
    }

    /// Where `token` stands for a request to `project_id` (`None`: a path of no project).
    pub fn check(&self, token: &str, project_id: Option<&str>) -> Issue {
        match self.by_token.get(token) {
            Some(t) if t.expires > Instant::now() => {
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
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        let mut out = String::with_capacity(67);
        out.push_str("MII");
        let mut bits = 0u64;
        let mut left = 0;
        while out.len() < 67 {
            if left < 6 {
                self.counter += 1;
                let mut h = self.hasher.build_hasher();
                h.write_u64(self.counter);
                h.write_u128(nanos);
                bits = h.finish();
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
    use std::time::Duration;

    #[test]
    fn tokens_are_mii_and_64_base64url_and_distinct() {
        let mut t = IssuedTokens::default();
        let later = Instant::now() + Duration::from_secs(60);
        let a = t.issue("p", later);
        let b = t.issue("p", later);
        assert_eq!(a.len(), 67, "{a}");
        assert!(a.starts_with("MII"));
        assert!(a[3..]
            .bytes()
            .all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_'));
        assert_ne!(a, b);
        assert_eq!(t.check(&a, Some("p")), Issue::Valid);
        assert_eq!(t.check(&a, Some("q")), Issue::OtherProject);
        assert_eq!(t.check(&a, None), Issue::OtherProject);
        assert_eq!(t.check("MIInope", Some("p")), Issue::Unknown);
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
        let mut t = IssuedTokens::default();
        let gone = t.issue("p", Instant::now());
        assert_eq!(t.check(&gone, Some("p")), Issue::Unknown);
        let later = Instant::now() + Duration::from_secs(60);
        for _ in 0..MAX_ISSUED + 5 {
            t.issue("p", later);
        }
        assert_eq!(t.by_token.len(), MAX_ISSUED);
    }
}
