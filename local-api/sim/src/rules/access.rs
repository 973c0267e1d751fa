//! Who may connect: the rules of connections and whitelist records, values only (the routes
//! check the requests' shape and order).

use crate::model::Dialect;

/// The most records one `POST …/permissions/action` may carry (EndPoint.0016). The reference
/// names no number; this is the stand-in's choice.
pub const MAX_PERMISSIONS_PER_REQUEST: usize = 100;
/// The most records a whitelist holds (EndPoint.2045 / 3049): the stand-in's choice, so that a
/// whole whitelist fits one page of its list (limit ≤ 500).
pub const MAX_WHITELIST: usize = 500;
/// The longest `organizations:orgPath::…` record (Huawei Cloud).
pub const MAX_ORG_PATH_CHARS: usize = 1024;

/// The six states a connection can be in; the list's `status` filter takes the first four.
pub const CONNECTION_STATUSES: [&str; 6] = [
    "pendingAcceptance",
    "accepted",
    "rejected",
    "failed",
    "creating",
    "deleting",
];

const DOMAIN_PREFIX: &str = "iam:domain::";
const ORG_PATH_PREFIX: &str = "organizations:orgPath::";

/// An account id as a whitelist record names it: 1–64 letters, digits or `*`. Not 32 hex
/// digits: the reference's own examples have 31 and 33.
pub fn is_domain_id(s: &str) -> bool {
    (1..=64).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'*')
}

/// The kind of a whitelist record (`permission_type`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PermissionType {
    DomainId,
    /// Huawei Cloud only.
    OrgPath,
}

impl PermissionType {
    pub fn parse(s: &str) -> Option<PermissionType> {
        match s {
            "domainId" => Some(PermissionType::DomainId),
            "orgPath" => Some(PermissionType::OrgPath),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            PermissionType::DomainId => "domainId",
            PermissionType::OrgPath => "orgPath",
        }
    }
}

/// A record of a `permissions/action` body as it is stored, or `None` when it is not a valid
/// record of `kind` in `dialect` (EndPoint.3002). `iam:domain::*` (anyone) is stored and listed
/// as `*`, as the API lists it; Huawei Cloud also takes a bare `*`.
pub fn stored_permission(entry: &str, kind: PermissionType, dialect: Dialect) -> Option<String> {
    match kind {
        PermissionType::DomainId => {
            if entry == "*" {
                return (dialect == Dialect::Huawei).then(|| "*".to_string());
            }
            let id = entry.strip_prefix(DOMAIN_PREFIX)?;
            if !is_domain_id(id) {
                return None;
            }
            Some(if id == "*" {
                "*".to_string()
            } else {
                entry.to_string()
            })
        }
        PermissionType::OrgPath => {
            let path = entry.strip_prefix(ORG_PATH_PREFIX)?;
            let ok = dialect == Dialect::Huawei
                && !path.is_empty()
                && entry.chars().count() <= MAX_ORG_PATH_CHARS
                && path
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "/-*?".contains(c));
            ok.then(|| entry.to_string())
        }
    }
}

/// Whether a whitelist record lets `domain_id` connect: `*` (anyone) or its own record.
pub fn allows(permission: &str, domain_id: &str) -> bool {
    permission == "*" || permission.strip_prefix(DOMAIN_PREFIX) == Some(domain_id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn domain_ids_are_1_to_64_letters_digits_or_stars() {
        assert!(
            is_domain_id("fc973eea581490997e82ea11a1d0101"),
            "31 characters"
        );
        assert!(
            is_domain_id("6e9dfd51d1124e8d8498dce894923a0dd"),
            "33 characters"
        );
        assert!(is_domain_id("*"));
        assert!(is_domain_id(&"a".repeat(64)));
        assert!(!is_domain_id(&"a".repeat(65)));
        assert!(!is_domain_id(""));
        assert!(!is_domain_id("abc-def"));
        assert!(!is_domain_id("abc def"));
    }

    #[test]
    fn records_by_dialect_and_type() {
        use Dialect::{Huawei, Otc};
        use PermissionType::{DomainId, OrgPath};
        let id = "iam:domain::0123456789abcdef0123456789abcdef";
        for d in [Huawei, Otc] {
            assert_eq!(stored_permission(id, DomainId, d).as_deref(), Some(id));
            assert_eq!(
                stored_permission("iam:domain::*", DomainId, d).as_deref(),
                Some("*")
            );
            assert_eq!(stored_permission("iam:domain::", DomainId, d), None);
            assert_eq!(stored_permission("domain::abc", DomainId, d), None);
            assert_eq!(stored_permission(id, OrgPath, d), None);
        }
        assert_eq!(
            stored_permission("*", DomainId, Huawei).as_deref(),
            Some("*")
        );
        assert_eq!(stored_permission("*", DomainId, Otc), None);
        let org = "organizations:orgPath::o-1a2b/r-root/ou-sales*";
        assert_eq!(
            stored_permission(org, OrgPath, Huawei).as_deref(),
            Some(org)
        );
        assert_eq!(stored_permission(org, OrgPath, Otc), None);
        assert_eq!(stored_permission(org, DomainId, Huawei), None);
        let long = format!("organizations:orgPath::{}", "a".repeat(1024));
        assert_eq!(stored_permission(&long, OrgPath, Huawei), None);
        assert_eq!(
            stored_permission("organizations:orgPath::a b", OrgPath, Huawei),
            None
        );
    }

    #[test]
    fn who_a_record_allows() {
        assert!(allows("*", "anyone"));
        assert!(allows("iam:domain::abc", "abc"));
        assert!(!allows("iam:domain::abc", "abcd"));
    }
}
