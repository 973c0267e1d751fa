//! The routes: which call a request is (method and path, as the API's gateway routes them),
//! the token check every VPCEP call starts with, and the answer each call's handler makes.
//! What no route takes is the gateway's 404, before any token check.
//!
//! The order of checks is the server's since the start: route (404 APIGW.0101), token (401
//! EndPoint.0003), the path's parameters percent-decoded (400 text), then the handler's own
//! (project, service, query or body, state, values).

mod access;
pub mod api;
mod connections;
pub mod control;
mod iam;
mod permissions;

use percent_encoding::percent_decode_str;
use serde_json::Value;

use self::iam::SignInContext;
use crate::answers::gateway_not_found;
use crate::config::SimConfig;
use crate::error::ApiError;
use crate::http::{Request, Response};
use crate::state::World;
use crate::tokens::{token_status, Issue, IssuedTokens};

/// What a VPCEP route does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Call {
    List,
    Get,
    Put,
    Upgrade,
    Connections,
    ConnectionAction,
    Permissions,
    PermissionAction,
}

/// A request's route: the sign-in, or a VPCEP call with its raw path parameters.
enum Route<'p> {
    SignIn,
    Vpcep {
        call: Call,
        params: Vec<(&'static str, &'p str)>,
    },
}

/// The route of `method` and the raw `path`, or `None` (the gateway's 404). A parameter is
/// one whole non-empty segment; a path with an empty segment is no route.
fn route<'p>(method: &str, path: &'p str) -> Option<Route<'p>> {
    let segs: Vec<&str> = path.strip_prefix('/')?.split('/').collect();
    if let ("POST", ["v3", "auth", "tokens"] | ["iam", "v3", "auth", "tokens"]) =
        (method, segs.as_slice())
    {
        return Some(Route::SignIn);
    }
    if segs.iter().any(|s| s.is_empty()) {
        return None;
    }
    const P: &str = "project_id";
    const S: &str = "service_id";
    let (call, params) = match (method, segs.as_slice()) {
        ("GET", ["v1", p, "vpc-endpoint-services"]) => (Call::List, vec![(P, *p)]),
        ("GET", ["v1", p, "vpc-endpoint-services", s]) => (Call::Get, vec![(P, *p), (S, *s)]),
        ("PUT", ["v1", p, "vpc-endpoint-services", s]) => (Call::Put, vec![(P, *p), (S, *s)]),
        ("POST", ["v2", p, "vpc-endpoint-services", s, "upgrade"]) => {
            (Call::Upgrade, vec![(P, *p), (S, *s)])
        }
        ("GET", ["v1", p, "vpc-endpoint-services", s, "connections"]) => {
            (Call::Connections, vec![(P, *p), (S, *s)])
        }
        ("POST", ["v1", p, "vpc-endpoint-services", s, "connections", "action"]) => {
            (Call::ConnectionAction, vec![(P, *p), (S, *s)])
        }
        ("GET", ["v1", p, "vpc-endpoint-services", s, "permissions"]) => {
            (Call::Permissions, vec![(P, *p), (S, *s)])
        }
        ("POST", ["v1", p, "vpc-endpoint-services", s, "permissions", "action"]) => {
            (Call::PermissionAction, vec![(P, *p), (S, *s)])
        }
        _ => return None,
    };
    Some(Route::Vpcep { call, params })
}

/// The token check of every VPCEP call: a configured token is valid for every project; one the
/// sign-in issued, until it runs out, for the project in the path that it is scoped to (as
/// IAM's project-scoped tokens).
fn authenticate(
    req: &Request<'_>,
    config: &SimConfig,
    tokens: &IssuedTokens,
    now_ms: u64,
) -> Result<(), ApiError> {
    let Some(token) = req.header("x-auth-token") else {
        return Err(ApiError::new(
            401,
            "EndPoint.0003",
            "Authentication required: the X-Auth-Token header is missing.",
        ));
    };
    match token_status(&config.tokens, tokens, token, req.path, now_ms) {
        Issue::Valid => Ok(()),
        Issue::Unknown => Err(ApiError::new(
            401,
            "EndPoint.0003",
            "The token in the X-Auth-Token header is invalid or has expired.",
        )),
        Issue::OtherProject => Err(ApiError::new(
            401,
            "EndPoint.0003",
            "The token in the X-Auth-Token header is scoped to another project: sign in for this one.",
        )),
    }
}

/// The path parameters percent-decoded, or the 400 (plain text) a parameter that is not UTF-8
/// once decoded gets.
fn decode(params: &[(&'static str, &str)]) -> Result<Vec<String>, Response> {
    params
        .iter()
        .map(|(key, raw)| {
            percent_decode_str(raw)
                .decode_utf8()
                .map(|v| v.into_owned())
                .map_err(|_| {
                    Response::with_body(
                        400,
                        "text/plain; charset=utf-8",
                        format!("Invalid URL: Invalid UTF-8 in `{key}`"),
                    )
                })
        })
        .collect()
}

/// Answers `req`: see the module docs.
pub fn dispatch(
    world: &mut World,
    tokens: &mut IssuedTokens,
    config: &SimConfig,
    req: &Request<'_>,
    now_ms: u64,
) -> Response {
    let (call, params) = match route(req.method, req.path) {
        None => return gateway_not_found(req.request_id),
        Some(Route::SignIn) => {
            let cx = SignInContext {
                seed: &config.seed,
                tokens,
                token_lifetime_ms: config.token_lifetime_ms,
                now_ms,
            };
            return iam::sign_in(cx, req.body);
        }
        Some(Route::Vpcep { call, params }) => (call, params),
    };
    if let Err(e) = authenticate(req, config, tokens, now_ms) {
        return e.to_response();
    }
    let params = match decode(&params) {
        Ok(p) => p,
        Err(resp) => return resp,
    };
    let p = params[0].as_str();
    let s = params.get(1).map_or("", String::as_str);
    let delay = config.creating_delay_ms;
    let answer: Result<Option<Value>, ApiError> = match call {
        Call::List => api::list_services(world, p, req.query, now_ms).map(Some),
        Call::Get => api::get_service(world, p, s, now_ms).map(Some),
        Call::Put => api::modify_service(world, p, s, req.body, delay, now_ms).map(Some),
        Call::Upgrade => api::upgrade_service(world, p, s, now_ms).map(|()| None),
        Call::Connections => {
            connections::list_connections(world, p, s, req.query, now_ms).map(Some)
        }
        Call::ConnectionAction => {
            connections::connection_action(world, p, s, req.body, delay, now_ms).map(Some)
        }
        Call::Permissions => {
            permissions::list_permissions(world, p, s, req.query, now_ms).map(Some)
        }
        Call::PermissionAction => {
            permissions::permission_action(world, p, s, req.body, now_ms).map(Some)
        }
    };
    match answer {
        Ok(Some(v)) => Response::json(200, &v),
        // The upgrade: 204, no body.
        Ok(None) => Response::empty(204),
        Err(e) => e.to_response(),
    }
}
