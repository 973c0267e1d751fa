//! The documented rules of a PUT, applied to a draft before anything is sent.
//!
//! Every problem is returned with the field it belongs to, not just the first, so
//! the form can mark each field at once.

use super::dialect::Dialect;
use super::diff::ports_diff;
use super::draft::{PortDraft, ServiceDraft};
use super::model::{EndpointService, PortMapping};

/// Limits from the API reference.
pub const SERVICE_NAME_MAX: usize = 16;
pub const DESCRIPTION_MAX: usize = 128;
pub const PORT_MAPPINGS_MAX: usize = 200;
pub const PORT_MIN: u32 = 1;
pub const PORT_MAX: u32 = 65535;

/// A field of the modify form; port rows are numbered from 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    ServiceName,
    Description,
    TcpProxy,
    PortId,
    VipPortId,
    Ip,
    /// The mapping list as a whole (count).
    Ports,
    ClientPort(usize),
    ServerPort(usize),
    Protocol(usize),
}

impl Field {
    /// A stable DOM id for the field's input; its message has this id plus `-error`.
    pub fn dom_id(self) -> String {
        match self {
            Field::ServiceName => "f-service-name".into(),
            Field::Description => "f-description".into(),
            Field::TcpProxy => "f-tcp-proxy".into(),
            Field::PortId => "f-port-id".into(),
            Field::VipPortId => "f-vip-port-id".into(),
            Field::Ip => "f-ip".into(),
            Field::Ports => "f-ports".into(),
            Field::ClientPort(i) => format!("f-port-{i}-client"),
            Field::ServerPort(i) => format!("f-port-{i}-server"),
            Field::Protocol(i) => format!("f-port-{i}-protocol"),
        }
    }
}

/// One problem with a draft, worded for the person who typed it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: Field,
    pub message: String,
}

impl FieldError {
    fn new(field: Field, message: impl Into<String>) -> Self {
        FieldError {
            field,
            message: message.into(),
        }
    }
}

/// Checks a service name (the short one): 0–16 letters, digits, `_` or `-`.
pub fn check_service_name(name: &str) -> Result<(), String> {
    if name.contains('.') && name.split('.').count() >= 3 {
        return Err(
            "This looks like a full name (region.name.id): enter only the name part.".into(),
        );
    }
    if let Some(bad) = name
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || *c == '_' || *c == '-'))
    {
        let shown = if bad == ' ' {
            "A space".to_owned()
        } else {
            format!("“{bad}”")
        };
        return Err(format!(
            "{shown} is not allowed: use letters, digits, underscores (_) and hyphens (-)."
        ));
    }
    let len = name.chars().count();
    if len > SERVICE_NAME_MAX {
        return Err(format!(
            "{len} characters is too long: use at most {SERVICE_NAME_MAX}."
        ));
    }
    Ok(())
}

/// Checks a description: at most 128 characters, no `<` or `>`.
pub fn check_description(text: &str) -> Result<(), String> {
    if text.contains('<') || text.contains('>') {
        return Err("“<” and “>” are not allowed in a description.".into());
    }
    let len = text.chars().count();
    if len > DESCRIPTION_MAX {
        return Err(format!(
            "{len} characters is too long: use at most {DESCRIPTION_MAX}."
        ));
    }
    Ok(())
}

/// A port number as typed: a whole number from 1 to 65535.
pub fn parse_port(text: &str) -> Result<u32, String> {
    let t = text.trim();
    if t.is_empty() {
        return Err("Required: a port from 1 to 65535.".into());
    }
    match t.parse::<u32>() {
        Ok(n) if t.bytes().all(|b| b.is_ascii_digit()) && (PORT_MIN..=PORT_MAX).contains(&n) => {
            Ok(n)
        }
        _ => Err(format!(
            "“{t}” is not a port: enter a whole number from 1 to 65535."
        )),
    }
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

fn check_uuid_field(value: &str, before: Option<&str>, what: &str) -> Result<(), String> {
    if value.is_empty() {
        return match before {
            Some(b) if !b.is_empty() => Err(format!(
                "The {what} cannot be removed, only replaced: enter a UUID."
            )),
            _ => Ok(()),
        };
    }
    if is_uuid(value) {
        Ok(())
    } else {
        Err(format!(
            "Enter the {what} as a UUID, like 4189d3c2-8882-4871-a3c2-d380272eed88."
        ))
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
            Err(format!(
                "“{tcp_proxy}” is not available on {}: choose one of {}.",
                dialect.label(),
                dialect.tcp_proxy_values().join(", ")
            )),
        );
    }

    check(
        Field::PortId,
        check_uuid_field(&draft.port_id, base.port_id.as_deref(), "backend port ID"),
    );
    if dialect.has_vip_port_id() {
        check(
            Field::VipPortId,
            check_uuid_field(
                &draft.vip_port_id,
                base.vip_port_id.as_deref(),
                "virtual IP port ID",
            ),
        );
    }
    if dialect.has_ip() {
        let ip = draft.ip.trim();
        if ip.is_empty() {
            if base.ip.as_deref().is_some_and(|b| !b.is_empty()) {
                check(
                    Field::Ip,
                    Err("The backend IP cannot be removed, only replaced.".into()),
                );
            }
        } else if ip != draft.ip {
            check(
                Field::Ip,
                Err("Remove the spaces around the address.".into()),
            );
        } else if !(is_ipv4(ip) || is_domain(ip)) {
            check(
                Field::Ip,
                Err(format!(
                    "“{ip}” is neither an IPv4 address nor a domain name."
                )),
            );
        } else if changed(ip, base.ip.as_deref())
            && changed(&draft.port_id, base.port_id.as_deref())
        {
            // The server refuses both in one request (EndPoint.3052/3053).
            check(
                Field::Ip,
                Err("The backend IP and port ID cannot change in one request: save one, then the other.".into()),
            );
        }
    }

    // Mappings that are not sent are not checked: a service the API gave no ports, or
    // ports the dialect would not take now, must not block a change of its name.
    if !ports_unchanged(&draft.ports, &base.ports) {
        errors.extend(validate_ports(&draft.ports, dialect));
    }
    errors
}

/// The rows as mappings, when every port parses.
fn parsed(rows: &[PortDraft]) -> Option<Vec<PortMapping>> {
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
    parsed(rows).is_some_and(|p| ports_diff(base, &p).is_none())
}

/// The mapping list: 1–200 rows, each port 1–65535, a protocol of the dialect, and no
/// client port used twice for one protocol (the endpoint could not tell them apart).
pub fn validate_ports(ports: &[PortDraft], dialect: Dialect) -> Vec<FieldError> {
    let mut errors = Vec::new();
    if ports.is_empty() {
        errors.push(FieldError::new(
            Field::Ports,
            "Add at least one port mapping: the list replaces the service's current one.",
        ));
    }
    if ports.len() > PORT_MAPPINGS_MAX {
        errors.push(FieldError::new(
            Field::Ports,
            format!(
                "{} mappings is too many: at most {PORT_MAPPINGS_MAX} are allowed.",
                ports.len()
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
                    "Choose a protocol.".to_owned()
                } else {
                    format!(
                        "{protocol} is not available on {}: use {}.",
                        dialect.label(),
                        dialect.protocols().join(" or ")
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
                    format!("Same mapping as row {}: remove one of them.", j + 1)
                } else {
                    format!(
                        "Client port {c}/{protocol} is already mapped in row {}: each client port can forward to one server port.",
                        j + 1
                    )
                };
                errors.push(FieldError::new(Field::ClientPort(i), message));
            } else {
                seen.push((i, c, s, protocol));
            }
        }
    }
    errors
}
