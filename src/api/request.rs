//! What every request shares: the settings it is built with, its method, URL, headers and
//! body as sent ([`ApiRequest`]), the checks of the proxy URL, project, token and IDs, and
//! [`api_request`], which every builder goes through (the services' in
//! [`super::operation`], the connections' and whitelist's by `access::service_request`).
//!
//! The console sends requests to an API proxy (the real hosts send no CORS headers),
//! so the URL is the proxy URL, with any path prefix it has, plus the API path.

use super::dialect::Dialect;
use super::words::{fill, w};

/// Where and as whom requests go.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Settings {
    /// `http(s)://host[:port][/prefix]`, e.g. `https://console.example.com/vpcep`.
    pub proxy_url: String,
    pub project_id: String,
    /// Informational: the proxy decides which regional host it forwards to.
    pub region: String,
    pub dialect: Dialect,
    /// An IAM token (X-Subject-Token of POST /v3/auth/tokens), scoped to the project.
    pub token: String,
    /// The proxy adds the token itself (config.json `"auth": "proxy"`): the console
    /// asks for none and sends none.
    pub token_by_proxy: bool,
    /// The token came from a sign-in and its `expires_at` has passed: nothing is sent, the
    /// user is asked to sign in again (a pasted token's lifetime is not known).
    pub token_expired: bool,
}

/// Query of GET /v1/{project_id}/vpc-endpoint-services. Empty fields are left out.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ListQuery {
    pub endpoint_service_name: String,
    pub id: String,
    pub status: String,
    /// `create_at` or `update_at` (sic).
    pub sort_key: String,
    /// `asc` or `desc`.
    pub sort_dir: String,
    pub limit: Option<u32>,
    pub offset: Option<u32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Get,
    Put,
    Post,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Put => "PUT",
            Method::Post => "POST",
        }
    }
}

pub const AUTH_HEADER: &str = "X-Auth-Token";

/// A request ready to send, and to show: everything that goes on the wire.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiRequest {
    pub method: Method,
    pub url: String,
    /// The path and query after the proxy URL, for history.
    pub path: String,
    pub headers: Vec<(String, String)>,
    pub body: Option<String>,
}

impl ApiRequest {
    pub fn header(&self, name: &str) -> Option<&str> {
        super::error::header(&self.headers, name)
    }

    /// Headers as shown on screen: the token replaced by a mask.
    pub fn masked_headers(&self) -> Vec<(String, String)> {
        self.headers
            .iter()
            .map(|(n, v)| {
                if n.eq_ignore_ascii_case(AUTH_HEADER) {
                    (n.clone(), mask_token(v))
                } else {
                    (n.clone(), v.clone())
                }
            })
            .collect()
    }

    /// The request as a curl command; the token is the `$TOKEN` shell variable so
    /// that a copied command never carries it.
    pub fn to_curl(&self) -> String {
        let mut out = format!(
            "curl -X {} {}",
            self.method.as_str(),
            shell_quote(&self.url)
        );
        for (n, v) in &self.headers {
            let value = if n.eq_ignore_ascii_case(AUTH_HEADER) {
                format!("\"{n}: $TOKEN\"")
            } else {
                shell_quote(&format!("{n}: {v}"))
            };
            out.push_str(" \\\n  -H ");
            out.push_str(&value);
        }
        if let Some(body) = &self.body {
            out.push_str(" \\\n  --data-raw ");
            out.push_str(&shell_quote(body));
        }
        out
    }
}

/// `abcd…wxyz (52 chars)`: enough to tell tokens apart, too little to use one.
pub fn mask_token(token: &str) -> String {
    let n = token.chars().count();
    if n == 0 {
        return w().errors.token_none.to_owned();
    }
    let head: String = if n <= 12 {
        String::new()
    } else {
        token.chars().take(4).collect()
    };
    fill(w().errors.token_masked, &[&head, &n])
}

fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}

/// Why a request cannot be built; each names the setting to fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SettingsError {
    ProxyUrl(String),
    ProjectId(String),
    Token(String),
    ServiceId(String),
    /// Not a setting: a value of the request itself (an endpoint ID, an account ID, a page
    /// size) is wrong. Nothing was sent; the message names the value.
    Input(String),
}

impl SettingsError {
    pub fn message(&self) -> &str {
        match self {
            SettingsError::ProxyUrl(m)
            | SettingsError::ProjectId(m)
            | SettingsError::Token(m)
            | SettingsError::ServiceId(m)
            | SettingsError::Input(m) => m,
        }
    }
}

impl std::fmt::Display for SettingsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.message())
    }
}

/// Checks a proxy URL and returns its base, without a trailing slash:
/// `https://host/prefix/` -> `https://host/prefix`.
pub fn proxy_base(url: &str) -> Result<String, SettingsError> {
    let err = |m: &str| Err(SettingsError::ProxyUrl(m.to_owned()));
    let e = &w().errors;
    let url = url.trim();
    if url.is_empty() {
        return err(e.proxy_enter);
    }
    let Some((scheme, rest)) = url.split_once("://") else {
        return err(e.proxy_scheme);
    };
    if !scheme.eq_ignore_ascii_case("http") && !scheme.eq_ignore_ascii_case("https") {
        return err(e.proxy_scheme);
    }
    if rest.contains(['?', '#']) {
        return err(e.proxy_query);
    }
    if rest.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return err(e.proxy_spaces);
    }
    // A browser reads `\` as `/` in an http(s) URL: `https://evil.example\console.example.com`
    // would be shown as one host here and call another.
    if rest.contains('\\') {
        return err(e.proxy_backslash);
    }
    let (authority, path) = match rest.find('/') {
        Some(i) => rest.split_at(i),
        None => (rest, ""),
    };
    if authority.contains('@') {
        return err(e.proxy_credentials);
    }
    // A browser decodes `%2E` in a host name: the host it calls would not be the one written.
    if authority.contains('%') {
        return err(e.proxy_percent);
    }
    let host = authority
        .rsplit_once(':')
        .filter(|(_, port)| !port.contains(']'))
        .map(|(h, _)| h)
        .unwrap_or(authority);
    if host.is_empty() {
        return err(e.proxy_no_host);
    }
    if let Some((_, port)) = authority.rsplit_once(':').filter(|(_, p)| !p.contains(']')) {
        if port.parse::<u16>().map(|p| p == 0).unwrap_or(true) {
            return err(e.proxy_bad_port);
        }
    }
    let path = path.trim_end_matches('/');
    Ok(format!(
        "{}://{authority}{path}",
        scheme.to_ascii_lowercase()
    ))
}

/// A warning for a usable proxy URL that would still expose the token: plain `http://`
/// to anything but this machine sends it unencrypted.
pub fn proxy_warning(url: &str) -> Option<String> {
    let base = proxy_base(url).ok()?;
    let rest = base.strip_prefix("http://")?;
    let host = rest.split('/').next().unwrap_or("");
    let host = host.rsplit_once(':').map(|(h, _)| h).unwrap_or(host);
    (!is_loopback_host(host)).then(|| w().errors.proxy_plain_http.to_owned())
}

/// This machine, written literally: `localhost`, `[::1]` or an IPv4 address in 127.0.0.0/8.
/// A name that merely starts with `127.` (`127.attacker.example`) is anyone's.
pub fn is_loopback_host(host: &str) -> bool {
    host.eq_ignore_ascii_case("localhost")
        || host == "[::1]"
        || host
            .parse::<std::net::Ipv4Addr>()
            .is_ok_and(|a| a.is_loopback())
}

/// Percent-encodes one path segment: only RFC 3986 unreserved characters stay as
/// they are, and a segment of dots is encoded so that no URL parser resolves it.
pub fn encode_segment(s: &str) -> String {
    let all_dots = !s.is_empty() && s.bytes().all(|b| b == b'.');
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        let keep = b.is_ascii_alphanumeric()
            || matches!(b, b'-' | b'_' | b'~')
            || (b == b'.' && !all_dots);
        if keep {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Encodes a query value as `application/x-www-form-urlencoded` does, byte for byte what
/// the browser's `URLSearchParams` (and so gloo-net's `query`) writes: letters, digits and
/// `*-._` stay, a space is `+`, anything else `%XX`. The request shown is then the request
/// sent.
pub fn encode_query_value(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b' ' => "+".to_owned(),
            b if b.is_ascii_alphanumeric() || matches!(b, b'*' | b'-' | b'.' | b'_') => {
                (b as char).to_string()
            }
            b => format!("%{b:02X}"),
        })
        .collect()
}

fn required(
    value: &str,
    make: fn(String) -> SettingsError,
    message: &str,
) -> Result<String, SettingsError> {
    let v = value.trim();
    if v.is_empty() {
        Err(make(message.to_owned()))
    } else {
        Ok(v.to_owned())
    }
}

/// Project and service ids are UUID-like: letters, digits, `-` and `_`. Anything else
/// could, once a proxy decodes it (`%2F` becomes `/`), address another API path with the
/// user's token.
fn check_id(id: &str) -> bool {
    id.bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// At most this many characters of a rejected value are shown back: a pasted secret is not
/// displayed in full.
const ECHO_CHARS: usize = 12;

/// The start of a rejected value, for a message.
fn echo(value: &str) -> String {
    let mut shown: String = value.chars().take(ECHO_CHARS).collect();
    if value.chars().count() > ECHO_CHARS {
        shown.push('…');
    }
    shown
}

/// A value that looks like an IAM token (long, or starting like one) pasted into an id field.
pub fn looks_like_token(value: &str) -> bool {
    let v = value.trim();
    v.chars().count() > 64 || v.starts_with("MII")
}

/// What is wrong with a project or service ID as typed (`what` names it, one of the tables'
/// ID nouns such as `w().errors.endpoint_id`), if anything: empty, a pasted token, or
/// characters an ID never has. The value itself is echoed only in part.
pub fn id_problem(value: &str, what: &str) -> Option<String> {
    let v = value.trim();
    let e = &w().errors;
    if v.is_empty() {
        Some(fill(e.id_enter, &[&what]))
    } else if looks_like_token(v) {
        Some(fill(e.id_token, &[&what]))
    } else if !check_id(v) {
        Some(fill(e.id_chars, &[&echo(v), &what]))
    } else {
        None
    }
}

/// A request to the API path that `path` builds from the project ID (already encoded),
/// with what every request shares: the proxy URL, the project ID and the token checked in
/// that order, `Accept`, the token as `X-Auth-Token` (unless the proxy adds it), and
/// `Content-Type` on every method but GET (the upgrade page lists it as mandatory even
/// though there is no body).
pub fn api_request(
    settings: &Settings,
    method: Method,
    // A reference, not a generic: one copy of the checks below for every request kind.
    path: &dyn Fn(&str) -> Result<String, SettingsError>,
    body: Option<String>,
) -> Result<ApiRequest, SettingsError> {
    let base = proxy_base(&settings.proxy_url)?;
    let project = required(
        &settings.project_id,
        SettingsError::ProjectId,
        &fill(w().errors.id_enter, &[&w().errors.project_id]),
    )?;
    let token = settings.token.trim();
    if settings.token_by_proxy {
        // Nothing to check: no token is sent.
    } else if token.is_empty() {
        return Err(SettingsError::Token(w().errors.token_paste.into()));
    } else if token.chars().any(|c| c.is_control() || !c.is_ascii()) {
        return Err(SettingsError::Token(w().errors.token_bad_chars.into()));
    } else if settings.token_expired {
        return Err(SettingsError::Token(w().sign_in.expired.into()));
    }
    if let Some(problem) = id_problem(&project, w().errors.project_id) {
        return Err(SettingsError::ProjectId(problem));
    }
    let path = path(&encode_segment(&project))?;
    let mut headers = vec![("Accept".to_owned(), "application/json".to_owned())];
    if !settings.token_by_proxy {
        headers.push((AUTH_HEADER.to_owned(), token.to_owned()));
    }
    if method != Method::Get {
        headers.push(("Content-Type".to_owned(), "application/json".to_owned()));
    }
    Ok(ApiRequest {
        method,
        url: format!("{base}{path}"),
        path,
        headers,
        body,
    })
}

/// `/v1/{project}/vpc-endpoint-services/{id}`: the service's own path, its ID checked.
pub fn service_path(project: &str, id: &str) -> Result<String, SettingsError> {
    let id = required(
        id,
        SettingsError::ServiceId,
        &fill(w().errors.id_enter, &[&w().errors.endpoint_service_id]),
    )?;
    if let Some(problem) = id_problem(&id, w().errors.service_id) {
        return Err(SettingsError::ServiceId(problem));
    }
    Ok(format!(
        "/v1/{project}/vpc-endpoint-services/{}",
        encode_segment(&id)
    ))
}

/// Indents compact JSON for display without reordering keys, so the screen shows the
/// body exactly as it is sent, field for field.
pub fn pretty_json(compact: &str) -> String {
    let mut out = String::with_capacity(compact.len() * 2);
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    let mut chars = compact.chars().peekable();
    let newline = |out: &mut String, depth: usize| {
        out.push('\n');
        out.push_str(&"  ".repeat(depth));
    };
    while let Some(c) = chars.next() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
            continue;
        }
        match c {
            '"' => {
                in_string = true;
                out.push(c);
            }
            '{' | '[' => {
                out.push(c);
                let close = if c == '{' { '}' } else { ']' };
                if chars.peek() == Some(&close) {
                    out.push(chars.next().unwrap_or(close));
                } else {
                    depth += 1;
                    newline(&mut out, depth);
                }
            }
            '}' | ']' => {
                depth = depth.saturating_sub(1);
                newline(&mut out, depth);
                out.push(c);
            }
            ',' => {
                out.push(c);
                newline(&mut out, depth);
            }
            ':' => out.push_str(": "),
            c if c.is_whitespace() => {}
            c => out.push(c),
        }
    }
    out
}
