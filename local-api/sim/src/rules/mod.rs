//! The API's validation rules, written independently of the console crate.
//!
//! A PUT body is checked in two phases, because the `creating` state check (EndPoint.3045) sits
//! between them: [`parse_put_shape`] (JSON, object, known fields, no null, JSON types: all
//! EndPoint.0002) and [`validate_put`] (values, dialect and cross-field rules).
//! [`access`] holds the values of connections and whitelist records.

pub mod access;

use std::collections::BTreeSet;
use std::net::Ipv4Addr;

use serde_json::{Map, Value};

use crate::error::{quote, ApiError};
use crate::model::{Dialect, PortMapping};

/// The maximum number of port mappings in one request.
pub const MAX_PORT_MAPPINGS: usize = 200;
/// The maximum length of a description, in characters.
pub const MAX_DESCRIPTION_CHARS: usize = 128;
/// The maximum length of a short service name, in characters.
pub const MAX_NAME_CHARS: usize = 16;

const TCP_PROXY_BOTH: [&str; 4] = ["close", "toa_open", "proxy_open", "open"];

/// `8-4-4-4-12` hexadecimal digits.
pub fn is_uuid(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 36
        && b.iter().enumerate().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => *c == b'-',
            _ => c.is_ascii_hexdigit(),
        })
}

/// 0-16 characters, each an ASCII letter, digit, `_` or `-`.
pub fn is_short_name(s: &str) -> bool {
    s.chars().count() <= MAX_NAME_CHARS
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

/// A dotted-quad IPv4 address (no leading zeros, no shorthand).
pub fn is_ipv4(s: &str) -> bool {
    s.parse::<Ipv4Addr>().is_ok()
}

/// A DNS name of at least two labels: labels of 1-63 letters, digits or `-` (not at either end),
/// at most 253 characters, and a top-level label that is not all digits.
pub fn is_domain_name(s: &str) -> bool {
    let s = s.strip_suffix('.').unwrap_or(s);
    if s.is_empty() || s.len() > 253 {
        return false;
    }
    let labels: Vec<&str> = s.split('.').collect();
    if labels.len() < 2 {
        return false;
    }
    let label_ok = |l: &&str| {
        !l.is_empty()
            && l.len() <= 63
            && !l.starts_with('-')
            && !l.ends_with('-')
            && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    };
    labels.iter().all(label_ok)
        && !labels
            .last()
            .is_some_and(|t| t.chars().all(|c| c.is_ascii_digit()))
}

fn json_type(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// A PUT body whose JSON shape is right; values are not checked yet.
#[derive(Clone, Debug, Default)]
pub struct PutShape {
    pub approval_enabled: Option<bool>,
    pub service_name: Option<String>,
    pub description: Option<String>,
    pub ports: Option<Vec<Map<String, Value>>>,
    pub port_id: Option<String>,
    pub vip_port_id: Option<String>,
    pub ip: Option<String>,
    pub tcp_proxy: Option<String>,
}

const PUT_FIELDS: [&str; 8] = [
    "approval_enabled",
    "service_name",
    "description",
    "ports",
    "port_id",
    "vip_port_id",
    "ip",
    "tcp_proxy",
];
const MAPPING_FIELDS: [&str; 3] = ["client_port", "server_port", "protocol"];

/// "Unknown field(s) ... in WHERE." naming every key not in `known`, or `None`.
fn unknown_fields(obj: &Map<String, Value>, known: &[&str], place: &str) -> Option<String> {
    let unknown: Vec<String> = obj
        .keys()
        .filter(|k| !known.contains(&k.as_str()))
        .map(|k| quote(k))
        .collect();
    match unknown.len() {
        0 => None,
        1 => Some(format!("Unknown field {} in {place}.", unknown[0])),
        _ => Some(format!("Unknown fields {} in {place}.", unknown.join(", "))),
    }
}

/// Phase 1: the body is a JSON object of known fields, none null, each of the right JSON type.
/// Every failure is 400 EndPoint.0002.
pub fn parse_put_shape(body: &[u8]) -> Result<PutShape, ApiError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(ApiError::param(
            "The request body is empty; a JSON object is required.",
        ));
    }
    let value: Value = serde_json::from_slice(body)
        .map_err(|e| ApiError::param(format!("The request body is not valid JSON: {e}.")))?;
    let Value::Object(obj) = value else {
        return Err(ApiError::param(format!(
            "The request body must be a JSON object, not {}.",
            json_type(&value)
        )));
    };
    if let Some(msg) = unknown_fields(&obj, &PUT_FIELDS, "the request body") {
        return Err(ApiError::param(msg));
    }
    let mut shape = PutShape::default();
    for (key, v) in &obj {
        if v.is_null() {
            return Err(ApiError::param(format!(
                "Field '{key}' must not be null; omit it to leave it unchanged."
            )));
        }
        let want_string = |v: &Value| -> Result<String, ApiError> {
            v.as_str().map(str::to_string).ok_or_else(|| {
                ApiError::param(format!(
                    "Field '{key}' must be a string, not {}.",
                    json_type(v)
                ))
            })
        };
        match key.as_str() {
            "approval_enabled" => {
                shape.approval_enabled = Some(v.as_bool().ok_or_else(|| {
                    ApiError::param(format!(
                        "Field 'approval_enabled' must be a boolean, not {}.",
                        json_type(v)
                    ))
                })?)
            }
            "service_name" => shape.service_name = Some(want_string(v)?),
            "description" => shape.description = Some(want_string(v)?),
            "port_id" => shape.port_id = Some(want_string(v)?),
            "vip_port_id" => shape.vip_port_id = Some(want_string(v)?),
            "ip" => shape.ip = Some(want_string(v)?),
            "tcp_proxy" => shape.tcp_proxy = Some(want_string(v)?),
            _ => {
                let Value::Array(items) = v else {
                    return Err(ApiError::param(format!(
                        "Field 'ports' must be an array of port mappings, not {}.",
                        json_type(v)
                    )));
                };
                let mut maps = Vec::with_capacity(items.len());
                for (i, item) in items.iter().enumerate() {
                    let Value::Object(m) = item else {
                        return Err(ApiError::param(format!(
                            "ports[{i}] must be an object with client_port, server_port and protocol, not {}.",
                            json_type(item)
                        )));
                    };
                    if let Some(msg) = unknown_fields(m, &MAPPING_FIELDS, &format!("ports[{i}]")) {
                        return Err(ApiError::param(msg));
                    }
                    for (k, mv) in m {
                        if mv.is_null() {
                            return Err(ApiError::param(format!(
                                "ports[{i}].{k} must not be null."
                            )));
                        }
                    }
                    maps.push(m.clone());
                }
                shape.ports = Some(maps);
            }
        }
    }
    Ok(shape)
}

/// A validated change set.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Patch {
    pub approval_enabled: Option<bool>,
    pub service_name: Option<String>,
    pub description: Option<String>,
    pub ports: Option<Vec<PortMapping>>,
    pub port_id: Option<String>,
    pub vip_port_id: Option<String>,
    pub ip: Option<String>,
    pub tcp_proxy: Option<String>,
}

fn port_value(i: usize, m: &Map<String, Value>, key: &str) -> Result<u16, ApiError> {
    let err = |what: String| {
        ApiError::new(
            400,
            "EndPoint.3063",
            format!("ports[{i}].{key} {what}; it must be an integer from 1 to 65535."),
        )
    };
    let Some(v) = m.get(key) else {
        return Err(err("is missing".to_string()));
    };
    match v.as_u64() {
        Some(n) if (1..=65535).contains(&n) => Ok(n as u16),
        _ => Err(err(format!("is {v}"))),
    }
}

/// Phase 2: values, dialect rules and rules across fields, in this order:
/// dialect-only fields (0002), ip together with port_id (3052), service_name (1003),
/// description (0002), tcp_proxy (0002), port_id / vip_port_id (3003), ip (0002),
/// ports (0002 empty, 3074 too many, 3063 port, 3075 protocol, 0002 duplicate).
pub fn validate_put(shape: PutShape, dialect: Dialect) -> Result<Patch, ApiError> {
    if dialect == Dialect::Huawei && shape.vip_port_id.is_some() {
        return Err(ApiError::param(
            "Field 'vip_port_id' is not supported in this region; use port_id.",
        ));
    }
    if dialect == Dialect::Otc && shape.ip.is_some() {
        return Err(ApiError::param(
            "Field 'ip' is not supported in this region; use port_id.",
        ));
    }
    if shape.ip.is_some() && shape.port_id.is_some() {
        return Err(ApiError::new(
            400,
            "EndPoint.3052",
            "ip and port_id cannot be modified in the same request.",
        ));
    }
    if let Some(name) = &shape.service_name {
        if !is_short_name(name) {
            return Err(ApiError::new(
                400,
                "EndPoint.1003",
                format!(
                    "Invalid service_name {}: use 0 to 16 letters, digits, underscores (_) or hyphens (-).",
                    quote(name)
                ),
            ));
        }
    }
    if let Some(d) = &shape.description {
        if d.contains('<') || d.contains('>') {
            return Err(ApiError::param(
                "Invalid description: it must not contain '<' or '>'.",
            ));
        }
        let n = d.chars().count();
        if n > MAX_DESCRIPTION_CHARS {
            return Err(ApiError::param(format!(
                "Invalid description: {n} characters, at most {MAX_DESCRIPTION_CHARS} are allowed."
            )));
        }
    }
    if let Some(t) = &shape.tcp_proxy {
        let ok = TCP_PROXY_BOTH.contains(&t.as_str())
            || (dialect == Dialect::Huawei && t == "proxy_vni");
        if !ok {
            let allowed = match dialect {
                Dialect::Huawei => "close, toa_open, proxy_open, open or proxy_vni",
                Dialect::Otc => "close, toa_open, proxy_open or open",
            };
            return Err(ApiError::param(format!(
                "Invalid tcp_proxy {}: use {allowed}.",
                quote(t)
            )));
        }
    }
    for (field, value) in [
        ("port_id", &shape.port_id),
        ("vip_port_id", &shape.vip_port_id),
    ] {
        if let Some(v) = value {
            if !is_uuid(v) {
                return Err(ApiError::new(
                    400,
                    "EndPoint.3003",
                    format!("Invalid {field} {}: it must be a UUID.", quote(v)),
                ));
            }
        }
    }
    if let Some(ip) = &shape.ip {
        if !is_ipv4(ip) && !is_domain_name(ip) {
            return Err(ApiError::param(format!(
                "Invalid ip {}: it must be an IPv4 address or a domain name.",
                quote(ip)
            )));
        }
    }
    let ports = match &shape.ports {
        None => None,
        Some(maps) => Some(validate_ports(maps, dialect)?),
    };
    Ok(Patch {
        approval_enabled: shape.approval_enabled,
        service_name: shape.service_name,
        description: shape.description,
        ports,
        port_id: shape.port_id,
        vip_port_id: shape.vip_port_id,
        ip: shape.ip,
        tcp_proxy: shape.tcp_proxy,
    })
}

fn validate_ports(
    maps: &[Map<String, Value>],
    dialect: Dialect,
) -> Result<Vec<PortMapping>, ApiError> {
    if maps.is_empty() {
        return Err(ApiError::param(
            "ports must contain at least one port mapping.",
        ));
    }
    if maps.len() > MAX_PORT_MAPPINGS {
        return Err(ApiError::new(
            400,
            "EndPoint.3074",
            format!(
                "Too many port mappings: {}, at most {MAX_PORT_MAPPINGS} are allowed.",
                maps.len()
            ),
        ));
    }
    let mut out = Vec::with_capacity(maps.len());
    let mut seen = BTreeSet::new();
    for (i, m) in maps.iter().enumerate() {
        let client_port = port_value(i, m, "client_port")?;
        let server_port = port_value(i, m, "server_port")?;
        let protocol = match m.get("protocol") {
            None => "TCP".to_string(),
            Some(Value::String(p)) if p == "TCP" || (p == "UDP" && dialect == Dialect::Otc) => {
                p.clone()
            }
            Some(v) => {
                let allowed = match dialect {
                    Dialect::Huawei => "TCP",
                    Dialect::Otc => "TCP or UDP",
                };
                let shown = v.as_str().map(quote).unwrap_or_else(|| v.to_string());
                return Err(ApiError::new(
                    400,
                    "EndPoint.3075",
                    format!("Invalid ports[{i}].protocol {shown}: use {allowed}."),
                ));
            }
        };
        if !seen.insert((protocol.clone(), client_port)) {
            return Err(ApiError::param(format!(
                "Duplicate port mapping: {protocol} client_port {client_port} appears more than once."
            )));
        }
        out.push(PortMapping {
            client_port,
            server_port,
            protocol,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests;
