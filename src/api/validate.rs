//! The documented rules of a PUT, applied to a draft before anything is sent.
//!
//! Every problem is returned with the field it belongs to, not just the first, so
//! the form can mark each field at once.

use super::dialect::Dialect;
use super::draft::ServiceDraft;
use super::model::EndpointService;
use super::ports::{ports_unchanged, validate_ports};
use super::words::{fill, w};

pub use super::field::{Field, FieldError};
pub use super::ports::{parse_port, PORT_MAPPINGS_MAX, PORT_MAX, PORT_MIN};

/// Limits from the API reference.
pub const SERVICE_NAME_MAX: usize = 16;
pub const DESCRIPTION_MAX: usize = 128;

/// Checks a service name (the short one): 0–16 letters, digits, `_` or `-`.
pub fn check_service_name(name: &str) -> Result<(), String> {
    if name.contains('.') && name.split('.').count() >= 3 {
        return Err(w().errors.name_full.into());
    }
    if let Some(bad) = name
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || *c == '_' || *c == '-'))
    {
        return Err(if bad == ' ' {
            w().errors.name_space.to_owned()
        } else {
            fill(w().errors.name_char, &[&bad])
        });
    }
    let len = name.chars().count();
    if len > SERVICE_NAME_MAX {
        return Err(fill(w().errors.too_long, &[&len, &SERVICE_NAME_MAX]));
    }
    Ok(())
}

/// Checks a description: at most 128 characters, no `<` or `>`.
pub fn check_description(text: &str) -> Result<(), String> {
    if text.contains('<') || text.contains('>') {
        return Err(w().errors.description_brackets.into());
    }
    let len = text.chars().count();
    if len > DESCRIPTION_MAX {
        return Err(fill(w().errors.too_long, &[&len, &DESCRIPTION_MAX]));
    }
    Ok(())
}

/// A UUID in its canonical 8-4-4-4-12 hexadecimal form.
pub fn is_uuid(s: &str) -> bool {
    let groups: Vec<&str> = s.split('-').collect();
    groups.len() == 5
        && groups
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(g, n)| g.len() == n && g.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// A dotted-quad IPv4 address without leading zeros.
pub fn is_ipv4(s: &str) -> bool {
    let parts: Vec<&str> = s.split('.').collect();
    parts.len() == 4
        && parts.iter().all(|p| {
            !p.is_empty()
                && p.len() <= 3
                && p.bytes().all(|b| b.is_ascii_digit())
                && (p.len() == 1 || !p.starts_with('0'))
                && p.parse::<u16>().map(|n| n <= 255).unwrap_or(false)
        })
}

/// A domain name: dot-separated labels of letters, digits and inner hyphens, 253 at most.
pub fn is_domain(s: &str) -> bool {
    let s = s.strip_suffix('.').unwrap_or(s);
    !s.is_empty()
        && s.len() <= 253
        && s.split('.').all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
                && !l.starts_with('-')
                && !l.ends_with('-')
        })
        // All-numeric labels would make a mistyped IPv4 address pass as a domain.
        && !s.split('.').all(|l| l.bytes().all(|b| b.is_ascii_digit()))
}

/// `kept` says it cannot be emptied, `uuid` that it must be a UUID.
fn check_uuid_field(
    value: &str,
    before: Option<&str>,
    kept: &str,
    uuid: &str,
) -> Result<(), String> {
    if value.is_empty() {
        return match before {
            Some(b) if !b.is_empty() => Err(kept.to_owned()),
            _ => Ok(()),
        };
    }
    if is_uuid(value) {
        Ok(())
    } else {
        Err(uuid.to_owned())
    }
}

/// A value that differs from the loaded service and will be sent.
pub(crate) fn changed(value: &str, before: Option<&str>) -> bool {
    !value.is_empty() && Some(value) != before
}

/// Validates `draft` as a change to `base` under `dialect`. Empty means valid.
pub fn validate(draft: &ServiceDraft, base: &EndpointService, dialect: Dialect) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let mut check = |field: Field, result: Result<(), String>| {
        if let Err(m) = result {
            errors.push(FieldError::new(field, m));
        }
    };

    check(Field::ServiceName, check_service_name(&draft.service_name));
    check(Field::Description, check_description(&draft.description));

    let tcp_proxy = draft.tcp_proxy.as_str();
    if !tcp_proxy.is_empty() && !dialect.tcp_proxy_values().contains(&tcp_proxy) {
        check(
            Field::TcpProxy,
            Err(fill(
                w().errors.tcp_proxy_unavailable,
                &[
                    &tcp_proxy,
                    &dialect.label(),
                    &dialect.tcp_proxy_values().join(w().core.list_separator),
                ],
            )),
        );
    }

    check(
        Field::PortId,
        check_uuid_field(
            &draft.port_id,
            base.port_id.as_deref(),
            w().errors.port_id_kept,
            w().errors.port_id_uuid,
        ),
    );
    if dialect.has_vip_port_id() {
        check(
            Field::VipPortId,
            check_uuid_field(
                &draft.vip_port_id,
                base.vip_port_id.as_deref(),
                w().errors.vip_port_id_kept,
                w().errors.vip_port_id_uuid,
            ),
        );
    }
    if dialect.has_ip() {
        let ip = draft.ip.trim();
        if ip.is_empty() {
            if base.ip.as_deref().is_some_and(|b| !b.is_empty()) {
                check(Field::Ip, Err(w().errors.ip_kept.into()));
            }
        } else if ip != draft.ip {
            check(Field::Ip, Err(w().errors.ip_spaces.into()));
        } else if !(is_ipv4(ip) || is_domain(ip)) {
            check(Field::Ip, Err(fill(w().errors.ip_invalid, &[&ip])));
        } else if changed(ip, base.ip.as_deref())
            && changed(&draft.port_id, base.port_id.as_deref())
        {
            // The server refuses both in one request (EndPoint.3052/3053).
            check(Field::Ip, Err(w().errors.ip_and_port_id.into()));
        }
    }

    // Mappings that are not sent are not checked: a service the API gave no ports, or
    // ports the dialect would not take now, must not block a change of its name.
    if !ports_unchanged(&draft.ports, &base.ports) {
        errors.extend(validate_ports(&draft.ports, dialect));
    }
    errors
}
