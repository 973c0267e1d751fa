//! What makes the server safe to leave running on a developer's machine: which `Host` names it
//! answers (DNS rebinding), which origins CORS lets read its answers, and the refusal of the
//! test hooks to any request a web page sends.
//!
//! "Loopback" is literal here: `localhost` (any case), an IPv4 address of 127.0.0.0/8 in
//! dotted-quad form, or `[::1]`, each with an optional port. A name that merely starts with
//! `127.` (`127.attacker.example`) is not loopback.

use std::net::{Ipv4Addr, Ipv6Addr};

use axum::http::{header, HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Response};

/// Splits `host[:port]` (an authority without user info) into the host and the optional port.
/// The host keeps its brackets for IPv6 (`[::1]`). `None` for anything malformed: an empty
/// host, a bad port, a `:` outside brackets, characters no authority has.
fn split_authority(text: &str) -> Option<(&str, Option<u16>)> {
    let (host, port) = if text.starts_with('[') {
        let end = text.find(']')?;
        let (host, rest) = text.split_at(end + 1);
        match rest {
            "" => (host, None),
            _ => (host, Some(rest.strip_prefix(':')?)),
        }
    } else {
        match text.split_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (text, None),
        }
    };
    if host.is_empty()
        || host.contains(':') && !host.starts_with('[')
        || host
            .chars()
            .any(|c| !(c.is_ascii_alphanumeric() || "-._[]:".contains(c)))
    {
        return None;
    }
    let port = match port {
        None => None,
        Some(p) if !p.is_empty() && p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit()) => {
            Some(p.parse::<u16>().ok()?)
        }
        Some(_) => return None,
    };
    Some((host, port))
}

/// `localhost`, 127.x.x.x or `[::1]`, literally (the host part, without port).
pub fn is_loopback_host(host: &str) -> bool {
    if host.eq_ignore_ascii_case("localhost") {
        return true;
    }
    if let Some(inner) = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
        return inner.parse::<Ipv6Addr>().is_ok_and(|a| a.is_loopback());
    }
    host.parse::<Ipv4Addr>().is_ok_and(|a| a.is_loopback())
}

/// Whether a `Host` header value (`name[:port]`) is loopback.
pub fn is_loopback_authority(authority: &str) -> bool {
    split_authority(authority).is_some_and(|(host, _)| is_loopback_host(host))
}

/// Whether `origin` is `http://` or `https://` followed by a loopback host and optional port,
/// and nothing else (no path, no user info), as a browser writes an `Origin` header.
pub fn is_loopback_origin(origin: &str) -> bool {
    origin
        .strip_prefix("http://")
        .or_else(|| origin.strip_prefix("https://"))
        .is_some_and(is_loopback_authority)
}

/// Whether `authority` (a `Host` value) is admitted: loopback always, else a name of
/// `allowed` (`--allow-host`), compared without case, with or without the port; `*` admits any.
pub fn host_admitted(authority: &str, allowed: &[String]) -> bool {
    if is_loopback_authority(authority) || allowed.iter().any(|a| a == "*") {
        return true;
    }
    let Some((host, _)) = split_authority(authority) else {
        return false;
    };
    allowed
        .iter()
        .any(|a| a.eq_ignore_ascii_case(host) || a.eq_ignore_ascii_case(authority))
}

/// The name a request is addressed to that is not admitted, if any: its `Host` header (and the
/// authority of an absolute-form target). A request with neither (HTTP/1.0, or a test's
/// in-process call) is addressed to no name, so no rebinding applies to it.
pub fn refused_host(uri: &Uri, headers: &HeaderMap, allowed: &[String]) -> Option<String> {
    let mut names: Vec<String> = headers
        .get_all(header::HOST)
        .iter()
        .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
        .collect();
    if let Some(a) = uri.authority() {
        names.push(a.as_str().to_string());
    }
    names.into_iter().find(|n| !host_admitted(n, allowed))
}

/// 421 with a plain message naming the refused `Host` and the flag that admits it.
pub fn misdirected(host: &str) -> Response {
    let shown = vpcep_sim::quote(host);
    (
        StatusCode::MISDIRECTED_REQUEST,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        format!(
            "Host {shown} is not served here. This server answers only loopback names \
             (localhost, 127.0.0.0/8, [::1]) so that no web page can reach it through DNS \
             rebinding. To serve another name, start it with --allow-host NAME.\n"
        ),
    )
        .into_response()
}

/// Why a request to a test hook comes from a web page, if it does: it has an `Origin` header,
/// or a `Sec-Fetch-Site` other than `none` (which a browser sends for an address typed by hand).
pub fn from_a_web_page(headers: &HeaderMap) -> Option<&'static str> {
    if headers.contains_key(header::ORIGIN) {
        return Some("it carries an Origin header");
    }
    match headers.get("sec-fetch-site") {
        Some(v) if v.as_bytes() != b"none" => Some("it carries a Sec-Fetch-Site header"),
        _ => None,
    }
}

/// 403 for a test hook reached from a web page: plain text, no CORS header.
pub fn control_refused(why: &str) -> Response {
    (
        StatusCode::FORBIDDEN,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        format!(
            "The /__control endpoints refuse requests from web pages, and this one looks like \
             one: {why}. Call them from a test or from curl.\n"
        ),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_hosts_literally() {
        for ok in [
            "localhost",
            "LocalHost:8080",
            "127.0.0.1",
            "127.0.0.1:9000",
            "127.255.3.4:1",
            "[::1]",
            "[::1]:9000",
            "[0:0:0:0:0:0:0:1]:80",
        ] {
            assert!(is_loopback_authority(ok), "{ok}");
        }
        for bad in [
            "",
            "127.attacker.example",
            "127.0.0.1.evil.example",
            "localhost.evil.example",
            "evil.example",
            "128.0.0.1",
            "0.0.0.0",
            "127.1",
            "127.0.0.01",
            "[::2]",
            "[::ffff:127.0.0.1]",
            "::1",
            "127.0.0.1:",
            "127.0.0.1:99999",
            "127.0.0.1:80:80",
            "127.0.0.1 ",
            "user@127.0.0.1",
            "[::1]x",
        ] {
            assert!(!is_loopback_authority(bad), "{bad:?}");
        }
    }

    #[test]
    fn loopback_origins_literally() {
        for ok in [
            "http://127.0.0.1:8080",
            "https://127.0.0.1",
            "http://127.9.9.9:1",
            "http://localhost:3000",
            "https://localhost",
            "http://[::1]:8080",
        ] {
            assert!(is_loopback_origin(ok), "{ok}");
        }
        for bad in [
            "http://127.attacker.example",
            "http://evil.example",
            "http://localhost.evil.example",
            "http://127.0.0.1.nip.io",
            "null",
            "file://",
            "ftp://127.0.0.1",
            "http://127.0.0.1/",
            "http://127.0.0.1:8080/path",
            "http://user@127.0.0.1",
            "127.0.0.1:8080",
            "",
        ] {
            assert!(!is_loopback_origin(bad), "{bad:?}");
        }
    }

    #[test]
    fn allowed_hosts_with_or_without_port() {
        let allowed = vec!["vpcep.internal".to_string(), "10.0.0.5:9000".to_string()];
        assert!(host_admitted("vpcep.internal", &allowed));
        assert!(host_admitted("VPCEP.internal:9000", &allowed));
        assert!(host_admitted("10.0.0.5:9000", &allowed));
        assert!(!host_admitted("10.0.0.5:9001", &allowed));
        assert!(!host_admitted("evil.vpcep.internal", &allowed));
        assert!(host_admitted("127.0.0.1:9000", &allowed));
        assert!(!host_admitted("evil.example", &[]));
        assert!(host_admitted("evil.example", &["*".to_string()]));
    }
}
