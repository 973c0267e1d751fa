//! Signing in with an IAM user: the exact `POST /v3/auth/tokens` (password method, project
//! scope, `?nocatalog=true`, and the `totp` method for virtual MFA), what IAM's answer means,
//! and how long the token has left.
//!
//! The password and the passcode are in a [`SignIn`] only until its request is built: its
//! `Debug` does not show them, and the request's body is for sending, never for the
//! session's history (the shell keeps a masked copy there).

use super::request::{proxy_base, ApiRequest, Method, SettingsError};
use super::words::{fill, w};
use serde::{Deserialize, Serialize};
use serde_json::json;

/// What the sign-in form holds when it is sent.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct SignIn {
    /// The IAM user's name.
    pub user: String,
    pub password: String,
    /// The account (domain) the user belongs to.
    pub account: String,
    /// The project the token is scoped to (the settings' project ID).
    pub project_id: String,
    /// Virtual MFA: the user's ID (IAM asks for it with the passcode) and the 6 digits.
    pub mfa: Option<Mfa>,
}

#[derive(Clone, Default, PartialEq, Eq)]
pub struct Mfa {
    pub user_id: String,
    pub passcode: String,
}

impl std::fmt::Debug for SignIn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SignIn")
            .field("user", &self.user)
            .field("password", &"•••")
            .field("account", &self.account)
            .field("project_id", &self.project_id)
            .field("mfa", &self.mfa.as_ref().map(|m| (&m.user_id, "•••")))
            .finish()
    }
}

/// A field of the form that stops the sign-in, with what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignInField {
    User,
    Password,
    Account,
    Project,
    UserId,
    Passcode,
    /// The IAM proxy URL (its message as the API proxy URL's).
    IamProxy,
}

/// Why the sign-in was not sent: the field and the message for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignInProblem {
    pub field: SignInField,
    pub message: String,
}

fn problem(field: SignInField, message: &str) -> SignInProblem {
    SignInProblem {
        field,
        message: message.to_owned(),
    }
}

/// The request that asks IAM for a project-scoped token, through `iam_proxy_url` (an
/// absolute URL; the shell makes `/iam` one on the page's origin). Every field is checked
/// first, in the form's order.
pub fn sign_in_request(iam_proxy_url: &str, s: &SignIn) -> Result<ApiRequest, SignInProblem> {
    let t = &w().sign_in;
    if s.user.trim().is_empty() {
        return Err(problem(SignInField::User, t.enter_user));
    }
    if s.password.is_empty() {
        return Err(problem(SignInField::Password, t.enter_password));
    }
    if s.account.trim().is_empty() {
        return Err(problem(SignInField::Account, t.enter_account));
    }
    if s.project_id.trim().is_empty() {
        return Err(problem(SignInField::Project, t.enter_project));
    }
    if let Some(m) = &s.mfa {
        if m.user_id.trim().is_empty() {
            return Err(problem(SignInField::UserId, t.enter_user_id));
        }
        let code = m.passcode.trim();
        if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
            return Err(problem(SignInField::Passcode, t.passcode_digits));
        }
    }
    let base = proxy_base(iam_proxy_url).map_err(|e| match e {
        SettingsError::ProxyUrl(m) => SignInProblem {
            field: SignInField::IamProxy,
            message: m,
        },
        other => SignInProblem {
            field: SignInField::IamProxy,
            message: other.message().to_owned(),
        },
    })?;
    let body = body(s, &s.password, s.mfa.as_ref().map(|m| m.passcode.trim()));
    let path = "/v3/auth/tokens?nocatalog=true".to_owned();
    Ok(ApiRequest {
        method: Method::Post,
        url: format!("{base}{path}"),
        path,
        headers: vec![
            (
                "Content-Type".into(),
                "application/json;charset=utf8".into(),
            ),
            ("Accept".into(), "application/json".into()),
        ],
        body: Some(body),
    })
}

/// What the history keeps of a sign-in's body: the same JSON with the password and the
/// passcode written as `******`.
pub fn masked_body(s: &SignIn) -> String {
    body(s, MASK, s.mfa.as_ref().map(|_| MASK))
}

const MASK: &str = "******";

/// The body IAM documents, with `password` and `passcode` as given.
fn body(s: &SignIn, password: &str, passcode: Option<&str>) -> String {
    let mut identity = json!({
        "methods": ["password"],
        "password": { "user": {
            "name": s.user.trim(),
            "password": password,
            "domain": { "name": s.account.trim() },
        } },
    });
    if let (Some(m), Some(code)) = (&s.mfa, passcode) {
        identity["methods"] = json!(["password", "totp"]);
        identity["totp"] = json!({ "user": { "id": m.user_id.trim(), "passcode": code } });
    }
    json!({ "auth": {
        "identity": identity,
        "scope": { "project": { "id": s.project_id.trim() } },
    } })
    .to_string()
}

/// A token IAM gave, and when it runs out (as IAM wrote it, ISO 8601).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedIn {
    pub token: String,
    pub expires_at: String,
}

/// What IAM's answer to a sign-in means.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignInFailure {
    /// Wrong user, password or account (401 without an MFA hint).
    WrongPassword,
    /// The user signs in with virtual MFA and no (or a wrong) passcode was sent.
    MfaNeeded,
    /// The user is locked for now.
    Locked,
    /// The user may not use the project (403).
    NoProjectAccess,
    /// Any other refusal, with IAM's status.
    Refused(u16),
    /// A 201 without the token header (the proxy did not expose it) or without an expiry.
    Unreadable(String),
}

impl SignInFailure {
    /// The message for the form's banner; IAM's own code and text are shown beside it.
    pub fn message(&self) -> String {
        let t = &w().sign_in;
        match self {
            SignInFailure::WrongPassword => t.wrong_password.to_owned(),
            SignInFailure::MfaNeeded => t.mfa_needed.to_owned(),
            SignInFailure::Locked => t.locked.to_owned(),
            SignInFailure::NoProjectAccess => t.no_project_access.to_owned(),
            SignInFailure::Refused(status) => fill(t.refused, &[status]),
            SignInFailure::Unreadable(m) => m.clone(),
        }
    }
}

impl SignInFailure {
    /// [`SignInFailure::message`], told after a passcode was sent or not: a refused
    /// passcode asks for the code again, not for MFA.
    pub fn message_for(&self, passcode_sent: bool) -> String {
        match self {
            SignInFailure::MfaNeeded if passcode_sent => w().sign_in.mfa_wrong.to_owned(),
            other => other.message(),
        }
    }
}

/// IAM's own code and message of a refusal (`{"error": {"code", "message"}}`, or the
/// `error_code`/`error_msg` of the gateway in front), shown beside the console's words.
pub fn iam_words(body: &str) -> (Option<String>, Option<String>) {
    let (code, message, _) = super::error::error_parts(body);
    (code, message)
}

/// A token the sign-in gave, as this tab keeps it beside the token (sessionStorage): who
/// signed in and until when. Never the password.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionInfo {
    pub user: String,
    pub account: String,
    pub expires_at: String,
}

/// What the sign-in form remembers between visits (localStorage): the names the user
/// typed, so a second sign-in asks only for the password. Never the password or passcode.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Remembered {
    pub user: String,
    pub account: String,
    pub user_id: String,
    pub mfa: bool,
}

#[derive(Deserialize)]
struct Answer {
    token: Option<TokenPart>,
}

#[derive(Deserialize)]
struct TokenPart {
    expires_at: Option<String>,
}

/// Reads IAM's answer: the token from `X-Subject-Token`, its expiry from the body; a
/// refusal by what its status and text say (IAM words MFA and locks in `error.message` or
/// `error_msg`).
pub fn read_sign_in(
    status: u16,
    headers: &[(String, String)],
    body: &str,
) -> Result<SignedIn, SignInFailure> {
    let t = &w().sign_in;
    if (200..300).contains(&status) {
        let token = super::error::header(headers, "X-Subject-Token")
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .ok_or_else(|| SignInFailure::Unreadable(t.no_token_header.to_owned()))?;
        let expires_at = serde_json::from_str::<Answer>(body)
            .ok()
            .and_then(|a| a.token)
            .and_then(|t| t.expires_at)
            .filter(|e| parse_utc_ms(e).is_some())
            .ok_or_else(|| SignInFailure::Unreadable(t.no_expiry.to_owned()))?;
        return Ok(SignedIn {
            token: token.to_owned(),
            expires_at,
        });
    }
    let text = body.to_ascii_lowercase();
    let says = |words: &[&str]| words.iter().any(|w| text.contains(w));
    Err(match status {
        401 if says(&["mfa", "totp", "passcode", "verification code"]) => SignInFailure::MfaNeeded,
        401 | 403 if says(&["locked", "lock"]) => SignInFailure::Locked,
        401 => SignInFailure::WrongPassword,
        403 => SignInFailure::NoProjectAccess,
        other => SignInFailure::Refused(other),
    })
}

/// Milliseconds since 1970 of an ISO 8601 UTC time (`2026-12-05T01:00:00.000000Z`, also
/// with `+00:00`); none for anything else.
pub fn parse_utc_ms(iso: &str) -> Option<i64> {
    let iso = iso.trim();
    let rest = iso
        .strip_suffix('Z')
        .or_else(|| iso.strip_suffix("+00:00"))?;
    let (date, time) = rest.split_once('T')?;
    let mut d = date.split('-').map(|p| p.parse::<i64>().ok());
    let (y, m, day) = (d.next()??, d.next()??, d.next()??);
    let (hms, frac) = time.split_once('.').unwrap_or((time, ""));
    let mut t = hms.split(':').map(|p| p.parse::<i64>().ok());
    let (h, min, s) = (t.next()??, t.next()??, t.next()??);
    if !(1..=12).contains(&m) || !(1..=31).contains(&day) || h > 23 || min > 59 || s > 60 {
        return None;
    }
    let ms: i64 = format!("{frac:0<3}")[..3].parse().ok()?;
    // Days from the civil date (Howard Hinnant's algorithm).
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    Some(((days * 24 + h) * 60 + min) * 60_000 + s * 1000 + ms)
}

/// How long a token has left, for the header and for whether a request may go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenTime {
    /// More than the warning time left.
    Valid { minutes_left: i64 },
    /// Ten minutes or less: the header warns.
    Soon { minutes_left: i64 },
    /// Run out: no request is sent; the console asks to sign in again.
    Expired,
}

/// The warning starts this long before `expires_at`.
pub const WARN_MINUTES: i64 = 10;

/// Where a token expiring at `expires_at` stands at `now_ms`; none when the time cannot be
/// read (a pasted token: the console does not know).
pub fn token_time(expires_at: &str, now_ms: i64) -> Option<TokenTime> {
    let left_ms = parse_utc_ms(expires_at)? - now_ms;
    if left_ms <= 0 {
        return Some(TokenTime::Expired);
    }
    // Rounded up: "1 min" until it is gone, never "0 min".
    let minutes_left = (left_ms + 59_999) / 60_000;
    Some(if minutes_left <= WARN_MINUTES {
        TokenTime::Soon { minutes_left }
    } else {
        TokenTime::Valid { minutes_left }
    })
}

impl TokenTime {
    /// The header's words: "token valid for 2 h 5 min", or the expiry sentence.
    pub fn text(self) -> String {
        let t = &w().sign_in;
        match self {
            TokenTime::Valid { minutes_left } | TokenTime::Soon { minutes_left } => {
                if minutes_left < 60 {
                    fill(t.left_minutes, &[&minutes_left])
                } else {
                    fill(t.left_hours, &[&(minutes_left / 60), &(minutes_left % 60)])
                }
            }
            TokenTime::Expired => t.expired.to_owned(),
        }
    }
}
