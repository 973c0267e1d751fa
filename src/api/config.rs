//! Where the console's settings come from: the page URL, what the user saved, the
//! deployment's `config.json`, built-in defaults, in that order; a proxy URL that the
//! deployment locks wins over all of them.

use serde::{Deserialize, Serialize};
use std::fmt::Display;

use super::dialect::Dialect;
use super::request::{id_problem, proxy_base};
use super::wire;
use super::words::{fill, w};

/// `config.json` beside index.html, written by whoever deploys the console.
///
/// Every field may be missing or `null`; a field the console does not know is refused
/// (a misspelt name would otherwise be ignored without a word), and so is a value of the
/// wrong kind, with a message that names the field.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuntimeConfig {
    /// The API proxy URL users start with (or are held to, see `allow_proxy_change`).
    #[serde(default, deserialize_with = "field::api_proxy_url")]
    pub api_proxy_url: Option<String>,
    /// Where the sign-in goes: the proxy that forwards `POST /v3/auth/tokens` to the
    /// region's IAM (default `/iam` on the page's origin). Locked with the API proxy URL.
    #[serde(default, deserialize_with = "field::iam_proxy_url")]
    pub iam_proxy_url: Option<String>,
    #[serde(default, deserialize_with = "field::default_region")]
    pub default_region: Option<String>,
    #[serde(default, deserialize_with = "field::default_project_id")]
    pub default_project_id: Option<String>,
    #[serde(default, deserialize_with = "field::dialect")]
    pub dialect: Option<Dialect>,
    /// `false` locks the proxy URLs to `api_proxy_url` and `iam_proxy_url`: users cannot
    /// send their token or password anywhere else. Default `true`.
    #[serde(default, deserialize_with = "field::allow_proxy_change")]
    pub allow_proxy_change: Option<bool>,
    /// Who puts the token on requests: the user, who signs in or pastes one (`token`, the
    /// default), the user who may only sign in (`sign-in`, a portal), or the proxy itself
    /// (`proxy`, an admin page behind a proxy that authenticates).
    #[serde(default, deserialize_with = "field::auth")]
    pub auth: Option<AuthMode>,
    /// How long a request may take, headers and body, before the console cancels it
    /// (1–300 s; default [`DEFAULT_REQUEST_TIMEOUT_SECONDS`]). Keep it above the proxy's
    /// own read timeout, so a slow API shows as the proxy's 504.
    #[serde(default, deserialize_with = "field::request_timeout_seconds")]
    pub request_timeout_seconds: Option<u32>,
    /// How many times the console asks for a service that is `creating` before it stops
    /// waiting (1–600, once a second; default 60).
    #[serde(default, deserialize_with = "field::poll_max_attempts")]
    pub poll_max_attempts: Option<u32>,
    /// Requests a batch keeps in flight at once when it starts (1–8; default 2). The user
    /// can change it before each batch.
    #[serde(default, deserialize_with = "field::batch_concurrency")]
    pub batch_concurrency: Option<u32>,
    /// Requests a batch starts per second at most (1–50; default 2): the console's own
    /// rate limit, below the API's.
    #[serde(default, deserialize_with = "field::batch_rate_per_second")]
    pub batch_rate_per_second: Option<u32>,
}

/// The request timeout when config.json sets none.
pub const DEFAULT_REQUEST_TIMEOUT_SECONDS: u32 = 30;

/// Who authenticates the console's requests.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AuthMode {
    /// The user signs in with an IAM user or pastes an IAM token; it is sent as X-Auth-Token.
    #[default]
    Token,
    /// As `Token`, but only the sign-in is offered (no token to paste).
    SignIn,
    /// The proxy adds the token: the console asks for none and sends none.
    Proxy,
}

impl RuntimeConfig {
    pub fn proxy_locked(&self) -> bool {
        self.allow_proxy_change == Some(false)
    }

    pub fn token_by_proxy(&self) -> bool {
        self.auth == Some(AuthMode::Proxy)
    }

    /// Only the sign-in is offered: no token field (config.json `"auth": "sign-in"`).
    pub fn sign_in_only(&self) -> bool {
        self.auth == Some(AuthMode::SignIn)
    }

    pub fn request_timeout(&self) -> u32 {
        self.request_timeout_seconds
            .unwrap_or(DEFAULT_REQUEST_TIMEOUT_SECONDS)
    }

    /// How batches run, as the deployment sets it.
    pub fn batch_options(&self) -> super::batch::RunOptions {
        let default = super::batch::RunOptions::default();
        super::batch::RunOptions {
            concurrency: self.batch_concurrency.unwrap_or(default.concurrency),
            rate_per_second: self
                .batch_rate_per_second
                .map_or(default.rate_per_second, f64::from),
            ..default
        }
    }

    /// The polling after a change, as the deployment sets it.
    pub fn poll_policy(&self) -> super::poll::PollPolicy {
        let default = super::poll::PollPolicy::default();
        super::poll::PollPolicy {
            max_attempts: self.poll_max_attempts.unwrap_or(default.max_attempts),
            ..default
        }
    }
}

/// config.json's fields as `deserialize_with` helpers. serde's own message names the
/// types only ("invalid type: integer `5`, expected a string"); whoever deploys the
/// console is told the field as well: "`default_region` must be a string, not a number".
mod field {
    use serde::de::{Deserialize, Deserializer, Error};
    use serde_json::value::RawValue;

    use super::AuthMode;
    use crate::api::dialect::Dialect;
    use crate::api::wire::raw_kind;

    /// `None` when `null`; else `read` says what the value (as written) is, or what it
    /// must be.
    fn named<'de, D: Deserializer<'de>, T>(
        d: D,
        name: &str,
        read: impl FnOnce(&str) -> Result<T, String>,
    ) -> Result<Option<T>, D::Error> {
        match Option::<Box<RawValue>>::deserialize(d)? {
            None => Ok(None),
            Some(v) => read(v.get())
                .map(Some)
                .map_err(|why| D::Error::custom(format_args!("`{name}` {why}"))),
        }
    }

    /// The text of a value written as a string.
    fn text(raw: &str) -> Option<String> {
        raw.starts_with('"')
            .then(|| serde_json::from_str(raw).ok())
            .flatten()
    }

    fn string(v: &str) -> Result<String, String> {
        text(v).ok_or_else(|| format!("must be a string, not {}", raw_kind(v)))
    }

    fn boolean(v: &str) -> Result<bool, String> {
        match v {
            "true" => Ok(true),
            "false" => Ok(false),
            other => Err(format!("must be true or false, not {}", raw_kind(other))),
        }
    }

    /// One of `words`: a string that is none of them is quoted back.
    fn one_of<T>(v: &str, words: &str, parse: impl FnOnce(&str) -> Option<T>) -> Result<T, String> {
        match text(v) {
            Some(s) => parse(&s).ok_or_else(|| format!("must be {words}, not `{s}`")),
            None => Err(format!("must be {words}, not {}", raw_kind(v))),
        }
    }

    fn dialect_name(v: &str) -> Result<Dialect, String> {
        one_of(v, "`huawei` or `open_telekom`", Dialect::parse)
    }

    fn auth_mode(v: &str) -> Result<AuthMode, String> {
        one_of(v, "`token`, `sign-in` or `proxy`", |s| match s {
            "token" => Some(AuthMode::Token),
            "sign-in" => Some(AuthMode::SignIn),
            "proxy" => Some(AuthMode::Proxy),
            _ => None,
        })
    }

    /// A whole number from `lo` to `hi`, written without fraction, exponent or sign.
    fn within(lo: u32, hi: u32) -> impl FnOnce(&str) -> Result<u32, String> {
        move |v| {
            let whole = v.bytes().all(|b| b.is_ascii_digit());
            match v.parse::<u64>() {
                Ok(n) if whole && (u64::from(lo)..=u64::from(hi)).contains(&n) => Ok(n as u32),
                Ok(n) if whole => Err(format!("must be from {lo} to {hi}, not {n}")),
                _ => Err(format!(
                    "must be a non-negative integer, not {}",
                    raw_kind(v)
                )),
            }
        }
    }

    /// One function per field, named as the field.
    macro_rules! fields {
        ($($name:ident: $t:ty = $read:expr;)*) => {$(
            pub fn $name<'de, D: Deserializer<'de>>(d: D) -> Result<Option<$t>, D::Error> {
                named(d, stringify!($name), $read)
            }
        )*};
    }

    fields! {
        api_proxy_url: String = string;
        iam_proxy_url: String = string;
        default_region: String = string;
        default_project_id: String = string;
        dialect: Dialect = dialect_name;
        allow_proxy_change: bool = boolean;
        auth: AuthMode = auth_mode;
        request_timeout_seconds: u32 = within(1, 300);
        poll_max_attempts: u32 = within(1, 600);
        batch_concurrency: u32 = within(1, 8);
        batch_rate_per_second: u32 = within(1, 50);
    }
}

/// What came of fetching `config.json`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfigLoad {
    /// No config.json (404): the built-in defaults apply. This is normal.
    Missing,
    Loaded(RuntimeConfig),
    /// It exists but cannot be used: the message says why; defaults apply.
    Malformed(String),
}

impl ConfigLoad {
    pub fn config(&self) -> RuntimeConfig {
        match self {
            ConfigLoad::Loaded(c) => c.clone(),
            _ => RuntimeConfig::default(),
        }
    }
}

/// Reads the answer to `GET config.json`.
pub fn read_config(status: u16, body: &str) -> ConfigLoad {
    let s = &w().shell;
    let bad = |template: &str, value: &dyn Display| ConfigLoad::Malformed(fill(template, &[value]));
    match status {
        404 => return ConfigLoad::Missing,
        200..=299 => {}
        status => return bad(s.config_unreadable, &status),
    }
    if body.trim_start().starts_with('<') {
        return bad(s.config_html, &"");
    }
    // The parser's own message stays as serde words it (it is for whoever deploys).
    let config = match wire::from_str::<RuntimeConfig>(body) {
        Ok(c) => c,
        Err(e) => return bad(s.config_invalid, &e),
    };
    for (name, url) in [
        ("api_proxy_url", &config.api_proxy_url),
        ("iam_proxy_url", &config.iam_proxy_url),
    ] {
        let Some(url) = url else { continue };
        // A path ("/vpcep") is the page's own origin: checked as if on one.
        if let Err(e) = proxy_base(&absolute_proxy_url(url, "https://console.invalid")) {
            return ConfigLoad::Malformed(fill(s.config_bad_proxy, &[&name, &e.message()]));
        }
    }
    if config.proxy_locked() && config.api_proxy_url.is_none() {
        return bad(s.config_locked_without_url, &"");
    }
    ConfigLoad::Loaded(config)
}

/// The settings a user can change, other than the token.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BaseSettings {
    pub proxy_url: String,
    /// Where the sign-in goes (IAM's `POST /v3/auth/tokens` behind a proxy).
    pub iam_proxy_url: String,
    pub project_id: String,
    pub region: String,
    pub dialect: Dialect,
}

/// What persists in localStorage: only what the user set differently from what the
/// deployment gives, so a changed config.json still reaches users who never touched it.
/// There is no token field, by design. Unknown fields are ignored (a later version may
/// save more); only the fields that are set are written.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SavedSettings {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub proxy_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub iam_proxy_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub project_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dialect: Option<Dialect>,
}

impl SavedSettings {
    pub fn from_json(text: &str) -> serde_json::Result<Self> {
        wire::from_str(text)
    }

    /// Compact JSON, only the fields that are set.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("settings always serialize")
    }

    /// The fields of `current` that differ from `deployed` (config.json over defaults).
    pub fn changes(current: &BaseSettings, deployed: &BaseSettings) -> SavedSettings {
        fn differs<T: Clone + PartialEq>(a: &T, b: &T) -> Option<T> {
            (a != b).then(|| a.clone())
        }
        SavedSettings {
            proxy_url: differs(&current.proxy_url, &deployed.proxy_url),
            iam_proxy_url: differs(&current.iam_proxy_url, &deployed.iam_proxy_url),
            // A project ID that is not one (a pasted token above all) never reaches
            // localStorage.
            project_id: differs(&current.project_id, &deployed.project_id)
                .filter(|p| p.trim().is_empty() || id_problem(p, w().errors.project_id).is_none()),
            region: differs(&current.region, &deployed.region),
            dialect: differs(&current.dialect, &deployed.dialect),
        }
    }
}

/// Settings from the page URL: `?project_id=…&region=…&dialect=…`. Never the proxy URL:
/// a link must not be able to send the user's token elsewhere.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct QuerySettings {
    pub project_id: Option<String>,
    pub region: Option<String>,
    pub dialect: Option<Dialect>,
}

/// The settings to start with, and whether the proxy URL can be edited.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    pub settings: BaseSettings,
    /// What the deployment gives (config.json over defaults).
    pub deployed: BaseSettings,
    pub proxy_locked: bool,
    query: QuerySettings,
    saved_before: SavedSettings,
}

impl Resolved {
    /// What to persist for `current`: the fields the user set differently from the
    /// deployment. A field a link set (`?project_id=…`) and the user left alone keeps
    /// what was saved before: opening a link does not rewrite the user's settings.
    pub fn to_save(&self, current: &BaseSettings) -> SavedSettings {
        let mut out = SavedSettings::changes(current, &self.deployed);
        if self.query.project_id.is_some()
            && Some(&current.project_id) == self.query.project_id.as_ref()
        {
            out.project_id = self.saved_before.project_id.clone();
        }
        if self.query.region.is_some() && Some(&current.region) == self.query.region.as_ref() {
            out.region = self.saved_before.region.clone();
        }
        if self.query.dialect.is_some() && Some(current.dialect) == self.query.dialect {
            out.dialect = self.saved_before.dialect;
        }
        out
    }
}

/// A proxy URL of config.json (or a default) as a full URL, against `page`, the page's URL
/// (its origin at least): a path such as `/vpcep` is on the page's own origin, and a relative
/// one (`iam`, `./vpcep`, `../api`) beside index.html, so that a bundle under `/tools/vpcep/`
/// finds the proxies its deployment serves there. A deployment behind a TLS load balancer can
/// say where its proxy is without knowing its scheme or host, and reflects no Host header into
/// the file. A URL with a scheme, or a scheme-relative one (another host: refused later),
/// stays as it is.
pub fn absolute_proxy_url(url: &str, page: &str) -> String {
    if url.contains("://") || url.starts_with("//") {
        return url.to_owned();
    }
    let page = page.split(['?', '#']).next().unwrap_or("");
    let after_scheme = page.find("://").map_or(0, |i| i + 3);
    let (origin, path) = match page[after_scheme..].find('/') {
        Some(i) => page.split_at(after_scheme + i),
        None => (page, "/"),
    };
    if url.starts_with('/') {
        return format!("{origin}{url}");
    }
    // The page's directory, then the relative path's segments on it.
    let mut segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    if !path.ends_with('/') {
        segments.pop();
    }
    for part in url.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                segments.pop();
            }
            other => segments.push(other),
        }
    }
    let trailing = if url.ends_with('/') { "/" } else { "" };
    if segments.is_empty() {
        format!("{origin}/")
    } else {
        format!("{origin}/{}{trailing}", segments.join("/"))
    }
}

/// The IAM proxy when config.json names none: beside index.html (`/iam` for a console at the
/// root), as nginx's deployment (deploy/render.py `--iam-upstream`) serves it.
pub const DEFAULT_IAM_PROXY_PATH: &str = "iam";

/// URL query > saved settings > config.json > built-in defaults; a locked proxy URL wins.
/// The built-in API proxy URL is the page's origin: the console is usually served by its
/// proxy. `page` is the page's URL (or its origin).
pub fn resolve(
    query: &QuerySettings,
    saved: &SavedSettings,
    config: &RuntimeConfig,
    page: &str,
) -> Resolved {
    let page_origin = absolute_proxy_url("/", page);
    let page_origin = page_origin.trim_end_matches('/');
    let deployed = BaseSettings {
        proxy_url: config
            .api_proxy_url
            .as_deref()
            .map(|url| absolute_proxy_url(url, page))
            .unwrap_or_else(|| page_origin.to_owned()),
        iam_proxy_url: absolute_proxy_url(
            config
                .iam_proxy_url
                .as_deref()
                .unwrap_or(DEFAULT_IAM_PROXY_PATH),
            page,
        ),
        project_id: config.default_project_id.clone().unwrap_or_default(),
        region: config.default_region.clone().unwrap_or_default(),
        dialect: config.dialect.unwrap_or_default(),
    };
    let locked = config.proxy_locked();
    let pick = |q: &Option<String>, s: &Option<String>, d: &String| {
        q.clone().or_else(|| s.clone()).unwrap_or_else(|| d.clone())
    };
    let unless_locked = |saved: &Option<String>, deployed: &String| {
        if locked {
            deployed.clone()
        } else {
            saved.clone().unwrap_or_else(|| deployed.clone())
        }
    };
    let settings = BaseSettings {
        proxy_url: unless_locked(&saved.proxy_url, &deployed.proxy_url),
        iam_proxy_url: unless_locked(&saved.iam_proxy_url, &deployed.iam_proxy_url),
        project_id: pick(&query.project_id, &saved.project_id, &deployed.project_id),
        region: pick(&query.region, &saved.region, &deployed.region),
        dialect: query.dialect.or(saved.dialect).unwrap_or(deployed.dialect),
    };
    Resolved {
        settings,
        deployed,
        proxy_locked: locked,
        query: query.clone(),
        saved_before: saved.clone(),
    }
}
