//! Port mappings: parsing what was typed in the editor, comparing lists (the API
//! replaces the whole list, and order means nothing to it) and the list's rules.

use super::dialect::Dialect;
use super::draft::PortDraft;
use super::field::{Field, FieldError};
use super::model::PortMapping;
use super::words::{fill, w};

/// Limits from the API reference.
pub const PORT_MAPPINGS_MAX: usize = 200;
pub const PORT_MIN: u32 = 1;
pub const PORT_MAX: u32 = 65535;

/// A port number as typed: a whole number from 1 to 65535.
pub fn parse_port(text: &str) -> Result<u32, String> {
    let t = text.trim();
    if t.is_empty() {
        return Err(w().errors.port_required.into());
    }
    match t.parse::<u32>() {
        Ok(n) if t.bytes().all(|b| b.is_ascii_digit()) && (PORT_MIN..=PORT_MAX).contains(&n) => {
            Ok(n)
        }
        _ => Err(fill(w().errors.port_invalid, &[&t])),
    }
}

/// The port list change. The API replaces the list wholesale, so `after` is what the
/// service will have; `added` and `removed` explain the difference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PortsDiff {
    pub added: Vec<PortMapping>,
    pub removed: Vec<PortMapping>,
    pub after: Vec<PortMapping>,
}

/// How one mapping fares in a change, as the preview marks it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PortChange {
    Kept,
    Added,
    Removed,
}

impl PortsDiff {
    /// The list as the preview shows it: every mapping the service will have, in the
    /// editor's order, unchanged ones plain and new ones marked added; then the ones that
    /// go, marked removed.
    pub fn lines(&self) -> Vec<(PortMapping, PortChange)> {
        let mut added: Vec<&PortMapping> = self.added.iter().collect();
        let mut lines: Vec<(PortMapping, PortChange)> = self
            .after
            .iter()
            .map(|m| match added.iter().position(|a| *a == m) {
                Some(i) => {
                    added.swap_remove(i);
                    (m.clone(), PortChange::Added)
                }
                None => (m.clone(), PortChange::Kept),
            })
            .collect();
        lines.extend(
            self.removed
                .iter()
                .map(|m| (m.clone(), PortChange::Removed)),
        );
        lines
    }
}

/// Mappings in `a` that `b` lacks, counting repeats (a multiset difference).
pub fn minus(a: &[PortMapping], b: &[PortMapping]) -> Vec<PortMapping> {
    let mut rest: Vec<&PortMapping> = b.iter().collect();
    a.iter()
        .filter(|m| match rest.iter().position(|r| r == m) {
            Some(i) => {
                rest.swap_remove(i);
                false
            }
            None => true,
        })
        .cloned()
        .collect()
}

/// Compares two port lists as sets: the order of mappings means nothing to the API.
pub fn ports_diff(before: &[PortMapping], after: &[PortMapping]) -> Option<PortsDiff> {
    let added = minus(after, before);
    let removed = minus(before, after);
    if added.is_empty() && removed.is_empty() {
        None
    } else {
        Some(PortsDiff {
            added,
            removed,
            after: after.to_vec(),
        })
    }
}

/// The rows as mappings, when every port parses.
pub fn to_mappings(rows: &[PortDraft]) -> Option<Vec<PortMapping>> {
    rows.iter()
        .map(|r| {
            Some(PortMapping {
                client_port: parse_port(&r.client_port).ok()?,
                server_port: parse_port(&r.server_port).ok()?,
                protocol: r.protocol.clone(),
            })
        })
        .collect()
}

/// The rows say the same mappings as the service has (in any order): nothing to send.
pub fn ports_unchanged(rows: &[PortDraft], base: &[PortMapping]) -> bool {
    to_mappings(rows).is_some_and(|p| ports_diff(base, &p).is_none())
}

/// The mapping list: 1–200 rows, each port 1–65535, a protocol of the dialect, and no
/// client port used twice for one protocol (the endpoint could not tell them apart).
pub fn validate_ports(ports: &[PortDraft], dialect: Dialect) -> Vec<FieldError> {
    let mut errors = Vec::new();
    if ports.is_empty() {
        errors.push(FieldError::new(Field::Ports, w().errors.ports_none));
    }
    if ports.len() > PORT_MAPPINGS_MAX {
        errors.push(FieldError::new(
            Field::Ports,
            fill(
                w().errors.ports_too_many,
                &[&ports.len(), &PORT_MAPPINGS_MAX],
            ),
        ));
    }
    let mut seen: Vec<(usize, u32, u32, &str)> = Vec::new();
    for (i, row) in ports.iter().enumerate() {
        let client = parse_port(&row.client_port);
        let server = parse_port(&row.server_port);
        if let Err(m) = &client {
            errors.push(FieldError::new(Field::ClientPort(i), m.clone()));
        }
        if let Err(m) = &server {
            errors.push(FieldError::new(Field::ServerPort(i), m.clone()));
        }
        let protocol = row.protocol.as_str();
        let protocol_ok = dialect.protocols().contains(&protocol);
        if !protocol_ok {
            errors.push(FieldError::new(
                Field::Protocol(i),
                if protocol.is_empty() {
                    w().errors.protocol_choose.to_owned()
                } else {
                    fill(
                        w().errors.protocol_unavailable,
                        &[
                            &protocol,
                            &dialect.label(),
                            &dialect.protocols().join(w().errors.or_separator),
                        ],
                    )
                },
            ));
        }
        if let (Ok(c), Ok(s), true) = (client, server, protocol_ok) {
            if let Some(&(j, _, js, _)) = seen
                .iter()
                .find(|(_, sc, _, sp)| *sc == c && *sp == protocol)
            {
                let message = if js == s {
                    fill(w().errors.same_mapping, &[&(j + 1)])
                } else {
                    fill(w().errors.client_port_taken, &[&c, &protocol, &(j + 1)])
                };
                errors.push(FieldError::new(Field::ClientPort(i), message));
            } else {
                seen.push((i, c, s, protocol));
            }
        }
    }
    errors
}
