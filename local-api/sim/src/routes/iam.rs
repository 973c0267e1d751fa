//! IAM's sign-in: `POST /v3/auth/tokens` as IAM's host answers it, and the same under `/iam`
//! (the console's default IAM proxy on its own origin). A user's password, and for virtual MFA
//! the `totp` method's passcode, buy a token scoped to one project: 201 with the token in
//! `X-Subject-Token` and its description in the body (no `catalog`: the console asks with
//! `nocatalog=true`, and any query is ignored). Refusals are in Keystone's error shape, with
//! IAM's words. No `X-Auth-Token` is needed: this is how one gets one.
//!
//! The order of checks: the body's shape (400, naming what is missing), the user (401, the
//! same answer for an unknown account, an unknown user and a wrong password), locked (401),
//! virtual MFA (401), the project (403).

use serde_json::{json, Value};

use crate::answers::keystone_error;
use crate::error::quote;
use crate::http::Response;
use crate::model::{IamUser, Seed, SeedProject};
use crate::timefmt;
use crate::tokens::IssuedTokens;

const BAD_REQUEST: u16 = 400;
const UNAUTHORIZED: u16 = 401;
const FORBIDDEN: u16 = 403;

/// An unknown account or user, or a wrong password: one answer for all three, as IAM's.
const WRONG: &str = "The username or password is wrong.";
const LOCKED: &str =
    "The user is locked: too many failed sign-ins, or locked by an administrator. Try again later or ask the account's administrator to unlock it.";
const CODE_NEEDED: &str = "A verification code is required: this user signs in with virtual MFA. Send the totp method with the user's ID and the passcode.";
const CODE_WRONG: &str = "The verification code is incorrect.";

/// Who signs in: by name in an account (named by its name or its ID), or by user ID.
enum Who {
    Named { name: String, account: Account },
    Id(String),
}

enum Account {
    Name(String),
    Id(String),
}

/// The project the token is for: by ID, or by name (IAM's project names are region names).
enum Project {
    Id(String),
    Name(String),
}

/// A sign-in request of the documented shape.
struct SignIn {
    who: Who,
    password: String,
    /// The `totp` method's user ID and passcode, when it was sent.
    totp: Option<(String, String)>,
    project: Project,
}

/// What a sign-in needs of the simulation: who may sign in, where tokens go, how long they
/// last.
pub struct SignInContext<'a> {
    pub seed: &'a Seed,
    pub tokens: &'a mut IssuedTokens,
    pub token_lifetime_ms: u64,
    pub now_ms: u64,
}

/// `POST /v3/auth/tokens` and `POST /iam/v3/auth/tokens`.
pub fn sign_in(cx: SignInContext<'_>, body: &[u8]) -> Response {
    let req = match parse(body) {
        Ok(r) => r,
        Err(message) => return keystone_error(BAD_REQUEST, &message),
    };
    let seed = cx.seed;
    let Some(user) = seed.iam_users.iter().find(|u| is(u, &req.who)) else {
        return keystone_error(UNAUTHORIZED, WRONG);
    };
    if user.locked {
        return keystone_error(UNAUTHORIZED, LOCKED);
    }
    if user.password != req.password {
        return keystone_error(UNAUTHORIZED, WRONG);
    }
    let mut methods = vec!["password"];
    if let Some(code) = &user.mfa_passcode {
        match &req.totp {
            None => return keystone_error(UNAUTHORIZED, CODE_NEEDED),
            Some((id, passcode)) if *id != user.id || passcode != code => {
                return keystone_error(UNAUTHORIZED, CODE_WRONG)
            }
            Some(_) => methods.push("totp"),
        }
    }
    let project = seed.projects.iter().find(|p| match &req.project {
        Project::Id(id) => p.project_id == *id,
        Project::Name(name) => p.region == *name,
    });
    let Some(project) = project.filter(|p| user.projects.contains(&p.project_id)) else {
        let named = match &req.project {
            Project::Id(id) => format!("project {}", quote(id)),
            Project::Name(name) => format!("the project named {}", quote(name)),
        };
        return keystone_error(
            FORBIDDEN,
            &format!("You have no access to {named}: the user may not scope a token to it."),
        );
    };
    issue(cx, user, project, &methods)
}

fn is(user: &IamUser, who: &Who) -> bool {
    match who {
        Who::Id(id) => user.id == *id,
        Who::Named { name, account } => {
            user.name == *name
                && match account {
                    Account::Name(n) => user.domain_name == *n,
                    Account::Id(id) => user.domain_id == *id,
                }
        }
    }
}

/// 201: a new token in `X-Subject-Token`, and what it is, as IAM describes it.
fn issue(
    cx: SignInContext<'_>,
    user: &IamUser,
    project: &SeedProject,
    methods: &[&str],
) -> Response {
    let issued = cx.now_ms;
    let expires = issued.saturating_add(cx.token_lifetime_ms);
    let token = cx.tokens.issue(&project.project_id, expires, cx.now_ms);
    let domain = json!({ "id": user.domain_id, "name": user.domain_name });
    let body = json!({ "token": {
        "expires_at": timefmt::iam_time(expires),
        "issued_at": timefmt::iam_time(issued),
        "methods": methods,
        // IAM's project names are the region's; a user scopes to projects of its own account.
        "project": { "id": project.project_id, "name": project.region, "domain": domain },
        "user": {
            "id": user.id,
            "name": user.name,
            "domain": domain,
            "password_expires_at": "",
        },
        "roles": [{ "id": "0", "name": "te_admin" }],
    } });
    let mut resp = Response::json(201, &body);
    resp.headers.push(("x-subject-token".to_string(), token));
    resp.headers
        .push(("cache-control".to_string(), "no-store".to_string()));
    resp
}

/// The value at `path` below `v`, when it is a non-empty string.
fn text(v: &Value, path: &[&str]) -> Option<String> {
    let mut at = v;
    for key in path {
        at = at.get(key)?;
    }
    at.as_str().filter(|s| !s.is_empty()).map(str::to_owned)
}

/// The value at `path` below `v`, when it is an object.
fn object<'a>(v: &'a Value, path: &[&str]) -> Option<&'a Value> {
    let mut at = v;
    for key in path {
        at = at.get(key)?;
    }
    at.is_object().then_some(at)
}

/// The request as IAM documents it, or the message naming what is missing or wrong. The
/// messages name fields only, never a value that could be a password.
fn parse(body: &[u8]) -> Result<SignIn, String> {
    let v: Value = serde_json::from_slice(body)
        .map_err(|e| format!("The request body is not valid JSON ({e})."))?;
    object(&v, &["auth"]).ok_or(
        "auth is required: the body is {\"auth\": {\"identity\": {...}, \"scope\": {...}}}.",
    )?;
    let identity =
        object(&v, &["auth", "identity"]).ok_or("auth.identity is required.".to_owned())?;
    let methods: Vec<&str> = identity
        .get("methods")
        .and_then(Value::as_array)
        .map(|m| m.iter().filter_map(Value::as_str).collect())
        .filter(|m: &Vec<&str>| !m.is_empty())
        .ok_or(
            "auth.identity.methods is required: [\"password\"], with \"totp\" for virtual MFA.",
        )?;
    if let Some(other) = methods.iter().find(|m| **m != "password" && **m != "totp") {
        return Err(format!(
            "Unsupported authentication method {}: use password, with totp for virtual MFA.",
            quote(other)
        ));
    }
    if !methods.contains(&"password") {
        return Err("auth.identity.methods must include password.".to_owned());
    }
    let user = object(identity, &["password", "user"])
        .ok_or("auth.identity.password.user is required by the password method.")?;
    let password =
        text(user, &["password"]).ok_or("auth.identity.password.user.password is required.")?;
    let who =
        match (text(user, &["name"]), text(user, &["id"])) {
            (Some(name), _) => {
                let account = match (
                text(user, &["domain", "name"]),
                text(user, &["domain", "id"]),
            ) {
                (Some(n), _) => Account::Name(n),
                (None, Some(id)) => Account::Id(id),
                (None, None) => return Err(
                    "auth.identity.password.user.domain is required: the account's name (or id)."
                        .to_owned(),
                ),
            };
                Who::Named { name, account }
            }
            (None, Some(id)) => Who::Id(id),
            (None, None) => return Err(
                "auth.identity.password.user.name is required (with its domain), or the user's id."
                    .to_owned(),
            ),
        };
    let totp = if methods.contains(&"totp") {
        let user = object(identity, &["totp", "user"])
            .ok_or("auth.identity.totp.user is required by the totp method.")?;
        let id = text(user, &["id"]).ok_or("auth.identity.totp.user.id is required.")?;
        let passcode =
            text(user, &["passcode"]).ok_or("auth.identity.totp.user.passcode is required.")?;
        Some((id, passcode))
    } else {
        None
    };
    object(&v, &["auth", "scope"])
        .ok_or("auth.scope is required: this server issues project-scoped tokens only.")?;
    let scope = object(&v, &["auth", "scope", "project"])
        .ok_or("auth.scope.project is required: this server issues project-scoped tokens only.")?;
    let project = match (text(scope, &["id"]), text(scope, &["name"])) {
        (Some(id), _) => Project::Id(id),
        (None, Some(name)) => Project::Name(name),
        (None, None) => return Err("auth.scope.project.id (or its name) is required.".to_owned()),
    };
    Ok(SignIn {
        who,
        password,
        totp,
        project,
    })
}
