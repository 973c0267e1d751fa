//! The HTTP server: connections, routing, the API, CORS, faults and the control endpoints.

use std::collections::hash_map::RandomState;
use std::collections::BTreeSet;
use std::convert::Infallible;
use std::future::Future;
use std::hash::{BuildHasher, Hasher};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use axum::body::{Body, Bytes};
use axum::http::{header, HeaderMap, HeaderValue, Method, Request, Response, StatusCode};
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use serde::Serialize;
use serde_json::{json, Map, Value};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Notify;

use crate::config::Config;
use crate::rules::{self, quote, ApiError};
use crate::seed::{Dialect, Service};

/// The largest request body read; a larger one is answered with EndPoint.0002.
const MAX_BODY_BYTES: usize = 1 << 20;
/// The longest `delay` fault accepted, in milliseconds.
const MAX_DELAY_MS: u64 = 600_000;

const ALLOW_METHODS: &str = "GET, PUT, POST, OPTIONS";
const ALLOW_METHODS_CONTROL: &str = "GET, PUT, POST, DELETE, OPTIONS";
const ALLOW_HEADERS: &str = "X-Auth-Token, Content-Type";
const EXPOSE_HEADERS: &str = "X-Request-Id";
const APIGW_NOT_FOUND_MSG: &str =
    "The API does not exist or has not been published in the environment";

const HTML_502: &str = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
const TRUNCATED_JSON: &str =
    "{\"id\":\"4189d3c2-8882-4871-a3c2-d380272eed83\",\"service_name\":\"cn-north-4.web-fr";

/// Serves `listener` until the process ends (see [`serve_with_shutdown`]).
pub async fn serve(listener: TcpListener, config: Config) -> io::Result<()> {
    serve_with_shutdown(listener, config, std::future::pending()).await
}

/// Serves `listener` until `shutdown` completes; then stops accepting and returns `Ok`.
/// Connections already open finish on their own tasks.
pub async fn serve_with_shutdown(
    listener: TcpListener,
    config: Config,
    shutdown: impl Future<Output = ()>,
) -> io::Result<()> {
    let app = Arc::new(App::new(config));
    tokio::pin!(shutdown);
    loop {
        tokio::select! {
            _ = &mut shutdown => return Ok(()),
            accepted = listener.accept() => match accepted {
                Ok((stream, _peer)) => {
                    tokio::spawn(serve_connection(app.clone(), stream));
                }
                Err(e) => {
                    // Out of file descriptors and the like: wait a little and go on.
                    if !app.config.quiet {
                        eprintln!("vpcep-local-api: accept failed: {e}");
                    }
                    tokio::time::sleep(Duration::from_millis(50)).await;
                }
            },
        }
    }
}

/// One HTTP/1.1 connection. The `drop` fault notifies `signal`, and the connection is then
/// dropped with no response written: the client sees the socket close.
async fn serve_connection(app: Arc<App>, stream: TcpStream) {
    let _ = stream.set_nodelay(true);
    let signal = Arc::new(Notify::new());
    let conn_signal = signal.clone();
    let service = tower::service_fn(move |req: Request<Incoming>| {
        let app = app.clone();
        let signal = conn_signal.clone();
        async move { Ok::<_, Infallible>(app.handle(req, signal).await) }
    });
    let mut builder = http1::Builder::new();
    builder.timer(TokioTimer::new());
    let conn = builder.serve_connection(TokioIo::new(stream), TowerToHyperService::new(service));
    tokio::select! {
        _ = conn => {}
        _ = signal.notified() => {}
    }
}

// ---------------------------------------------------------------------------------------------
// State

struct App {
    config: Config,
    state: Mutex<State>,
    ids: RequestIds,
}

struct State {
    projects: Vec<ProjectState>,
    faults: Vec<Fault>,
    requests: Vec<RequestRecord>,
}

struct ProjectState {
    project_id: String,
    region: String,
    dialect: Dialect,
    services: Vec<ServiceState>,
}

struct ServiceState {
    svc: Service,
    /// While `Some`, the service is `creating` until this instant.
    creating_until: Option<Instant>,
}

impl State {
    fn from_config(config: &Config) -> State {
        State {
            projects: config
                .seed
                .projects
                .iter()
                .map(|p| ProjectState {
                    project_id: p.project_id.clone(),
                    region: p.region.clone(),
                    dialect: p.dialect,
                    services: p
                        .services
                        .iter()
                        .map(|s| ServiceState {
                            svc: s.clone(),
                            creating_until: None,
                        })
                        .collect(),
                })
                .collect(),
            faults: Vec::new(),
            requests: Vec::new(),
        }
    }
}

impl ProjectState {
    /// Ends every `creating` phase whose deadline has passed.
    fn settle(&mut self, now: Instant) {
        for s in &mut self.services {
            if s.creating_until.is_some_and(|t| t <= now) {
                s.creating_until = None;
                s.svc.status = "available".to_string();
            }
        }
    }

    fn full_name(&self, svc: &Service) -> String {
        format!("{}.{}.{}", self.region, svc.service_name, svc.id)
    }

    /// The service as the API shows it: full name and project id added.
    fn service_json(&self, svc: &Service) -> Value {
        let mut v = serde_json::to_value(svc).unwrap_or(Value::Null);
        if let Value::Object(m) = &mut v {
            m.insert("service_name".into(), Value::String(self.full_name(svc)));
            m.insert("project_id".into(), Value::String(self.project_id.clone()));
        }
        v
    }
}

#[derive(Clone, Debug, Serialize)]
struct RequestRecord {
    method: String,
    path: String,
    query: Option<String>,
    x_auth_token: Option<String>,
    content_type: Option<String>,
    origin: Option<String>,
    body: Option<String>,
    /// `None` until answered, and for a dropped connection.
    status: Option<u16>,
    request_id: String,
}

/// Unique request ids: 16 hex digits of a keyed hash of (counter, time), then 16 hex digits of a
/// bijective mix of (counter + a per-process key), which makes them unique for the process's life.
struct RequestIds {
    counter: AtomicU64,
    key: u64,
    hasher: RandomState,
}

impl RequestIds {
    fn new() -> Self {
        let hasher = RandomState::new();
        let mut h = hasher.build_hasher();
        h.write_u128(unix_nanos());
        RequestIds {
            counter: AtomicU64::new(1),
            key: h.finish(),
            hasher,
        }
    }

    fn next(&self) -> String {
        let n = self.counter.fetch_add(1, Ordering::Relaxed);
        let mut h = self.hasher.build_hasher();
        h.write_u64(n);
        h.write_u128(unix_nanos());
        format!("{:016x}{:016x}", h.finish(), mix(n.wrapping_add(self.key)))
    }
}

/// The splitmix64 finalizer: a bijection on `u64`, so distinct counters give distinct values.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

fn unix_nanos() -> u128 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0)
}

// ---------------------------------------------------------------------------------------------
// Faults

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum FaultMode {
    Delay,
    Error500,
    Html502,
    MalformedJson,
    Empty200,
    Drop,
}

const FAULT_MODES: &str = "delay, error500, html502, malformed_json, empty200, drop";

impl FaultMode {
    fn parse(s: &str) -> Option<FaultMode> {
        Some(match s {
            "delay" => FaultMode::Delay,
            "error500" => FaultMode::Error500,
            "html502" => FaultMode::Html502,
            "malformed_json" => FaultMode::MalformedJson,
            "empty200" => FaultMode::Empty200,
            "drop" => FaultMode::Drop,
            _ => return None,
        })
    }

    fn as_str(self) -> &'static str {
        match self {
            FaultMode::Delay => "delay",
            FaultMode::Error500 => "error500",
            FaultMode::Html502 => "html502",
            FaultMode::MalformedJson => "malformed_json",
            FaultMode::Empty200 => "empty200",
            FaultMode::Drop => "drop",
        }
    }
}

#[derive(Clone, Debug)]
struct Fault {
    mode: FaultMode,
    remaining: u64,
    delay_ms: u64,
    method: Option<String>,
    path_contains: Option<String>,
}

impl Fault {
    fn matches(&self, method: &Method, path: &str) -> bool {
        self.method
            .as_ref()
            .is_none_or(|m| m.eq_ignore_ascii_case(method.as_str()))
            && self
                .path_contains
                .as_ref()
                .is_none_or(|p| path.contains(p.as_str()))
    }

    fn to_json(&self) -> Value {
        json!({
            "mode": self.mode.as_str(),
            "count": self.remaining,
            "delay_ms": self.delay_ms,
            "method": self.method,
            "path_contains": self.path_contains,
        })
    }
}

/// Parses a `POST /__control/faults` body.
fn parse_fault(body: &[u8]) -> Result<Fault, String> {
    let v: Value =
        serde_json::from_slice(body).map_err(|e| format!("The body is not valid JSON: {e}."))?;
    let Value::Object(m) = v else {
        return Err("The body must be a JSON object.".into());
    };
    let mut fault = Fault {
        mode: FaultMode::Delay,
        remaining: 1,
        delay_ms: 500,
        method: None,
        path_contains: None,
    };
    let mut mode = None;
    for (k, v) in &m {
        match (k.as_str(), v) {
            ("mode", Value::String(s)) => {
                mode = Some(FaultMode::parse(s).ok_or_else(|| {
                    format!("Unknown fault mode {}: use {FAULT_MODES}.", quote(s))
                })?)
            }
            ("count", v) => match v.as_u64() {
                Some(n) if n >= 1 => fault.remaining = n,
                _ => return Err("count must be an integer of at least 1.".into()),
            },
            ("delay_ms", v) => match v.as_u64() {
                Some(n) if n <= MAX_DELAY_MS => fault.delay_ms = n,
                _ => {
                    return Err(format!(
                        "delay_ms must be an integer from 0 to {MAX_DELAY_MS}."
                    ))
                }
            },
            ("method", Value::String(s)) => fault.method = Some(s.to_ascii_uppercase()),
            ("path_contains", Value::String(s)) => fault.path_contains = Some(s.clone()),
            ("method" | "path_contains", Value::Null) => {}
            ("mode" | "method" | "path_contains", _) => {
                return Err(format!("{k} must be a string."));
            }
            _ => return Err(format!("Unknown field {} in the fault.", quote(k))),
        }
    }
    fault.mode = mode.ok_or_else(|| format!("mode is required: one of {FAULT_MODES}."))?;
    Ok(fault)
}

// ---------------------------------------------------------------------------------------------
// Requests

struct Req {
    method: Method,
    path: String,
    query: Option<String>,
    headers: HeaderMap,
    body: Bytes,
    rid: String,
}

impl Req {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).map(|v| v.to_str().unwrap_or(""))
    }
    fn path_and_query(&self) -> String {
        match &self.query {
            Some(q) => format!("{}?{q}", self.path),
            None => self.path.clone(),
        }
    }
}

enum Outcome {
    Respond(Response<Body>),
    Drop,
}

impl App {
    fn new(config: Config) -> App {
        let state = State::from_config(&config);
        App {
            config,
            state: Mutex::new(state),
            ids: RequestIds::new(),
        }
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn origin_allowed(&self, origin: &str) -> bool {
        self.config.allow_origins.is_empty()
            || self.config.allow_origins.iter().any(|o| o == origin)
    }

    fn token_known(&self, token: &str) -> bool {
        self.config.tokens.iter().any(|t| t == token)
    }

    async fn handle(
        self: Arc<Self>,
        req: Request<Incoming>,
        drop_signal: Arc<Notify>,
    ) -> Response<Body> {
        let started = Instant::now();
        let rid = self.ids.next();
        let (parts, incoming) = req.into_parts();
        let body = axum::body::to_bytes(Body::new(incoming), MAX_BODY_BYTES).await;
        let too_large = body.is_err();
        let req = Req {
            method: parts.method,
            path: parts.uri.path().to_string(),
            query: parts.uri.query().map(str::to_string),
            headers: parts.headers,
            body: body.unwrap_or_default(),
            rid,
        };

        let is_control = req.path == "/__control" || req.path.starts_with("/__control/");
        // Files of --static-dir: GET/HEAD outside the API and control paths. Not recorded in the
        // request log, no token, no faults.
        let is_static = self.config.static_dir.is_some()
            && (req.method == Method::GET || req.method == Method::HEAD)
            && !is_control
            && !is_api_path(&req.path);
        let origin = req.header("origin").map(str::to_string);
        let is_preflight = req.method == Method::OPTIONS
            && origin.is_some()
            && req
                .headers
                .contains_key(header::ACCESS_CONTROL_REQUEST_METHOD);

        if !is_control && !is_static {
            let token = req.header("x-auth-token").map(|t| {
                if self.token_known(t) {
                    t.to_string()
                } else {
                    "(unrecognized)".to_string()
                }
            });
            let record = RequestRecord {
                method: req.method.to_string(),
                path: req.path.clone(),
                query: req.query.clone(),
                x_auth_token: token,
                content_type: req.header("content-type").map(str::to_string),
                origin: origin.clone(),
                body: (!req.body.is_empty())
                    .then(|| String::from_utf8_lossy(&req.body).into_owned()),
                status: None,
                request_id: req.rid.clone(),
            };
            self.lock().requests.push(record);
        }

        let outcome = if is_preflight {
            Outcome::Respond(self.preflight(origin.as_deref().unwrap_or(""), is_control))
        } else if let (true, Some(dir)) = (is_static, &self.config.static_dir) {
            Outcome::Respond(static_file(dir.clone(), req.path.clone()).await)
        } else if too_large {
            Outcome::Respond(error_response(&ApiError::param(format!(
                "The request body could not be read: larger than {MAX_BODY_BYTES} bytes, or cut off."
            ))))
        } else if is_control {
            Outcome::Respond(self.control(&req))
        } else {
            self.api(&req).await
        };

        match outcome {
            Outcome::Drop => {
                self.log(&req, "drop", started);
                drop_signal.notify_one();
                // The connection task drops the connection (and this future) on the signal.
                std::future::pending::<Response<Body>>().await
            }
            Outcome::Respond(mut resp) => {
                let headers = resp.headers_mut();
                if let Ok(v) = HeaderValue::from_str(&req.rid) {
                    headers.insert("x-request-id", v);
                }
                if !is_preflight {
                    if let Some(o) = origin.as_deref().filter(|o| self.origin_allowed(o)) {
                        add_cors_origin(headers, o);
                    }
                }
                let status = resp.status().as_u16();
                if !is_control && !is_static {
                    let mut st = self.lock();
                    if let Some(r) = st
                        .requests
                        .iter_mut()
                        .rev()
                        .find(|r| r.request_id == req.rid)
                    {
                        r.status = Some(status);
                    }
                }
                self.log(&req, &status.to_string(), started);
                resp
            }
        }
    }

    fn log(&self, req: &Req, status: &str, started: Instant) {
        if !self.config.quiet {
            eprintln!(
                "{} {} {} {}ms {}",
                req.method,
                req.path_and_query(),
                status,
                started.elapsed().as_millis(),
                req.rid
            );
        }
    }

    fn preflight(&self, origin: &str, is_control: bool) -> Response<Body> {
        if !self.origin_allowed(origin) {
            return json_response(
                StatusCode::FORBIDDEN,
                &json!({
                    "error_code": "EndPoint.0004",
                    "error_msg": format!("CORS origin {} is not allowed.", quote(origin)),
                }),
            );
        }
        let mut resp = empty_response(StatusCode::NO_CONTENT);
        let h = resp.headers_mut();
        add_cors_origin(h, origin);
        let methods = if is_control {
            ALLOW_METHODS_CONTROL
        } else {
            ALLOW_METHODS
        };
        h.insert(
            header::ACCESS_CONTROL_ALLOW_METHODS,
            HeaderValue::from_static(methods),
        );
        h.insert(
            header::ACCESS_CONTROL_ALLOW_HEADERS,
            HeaderValue::from_static(ALLOW_HEADERS),
        );
        h.insert(
            header::ACCESS_CONTROL_MAX_AGE,
            HeaderValue::from_static("600"),
        );
        resp
    }

    // -----------------------------------------------------------------------------------------
    // Faults

    /// The fault for this API request: `__fault=` in the query wins; otherwise the first queued
    /// fault that matches is consumed.
    fn take_fault(&self, req: &Req) -> Result<Option<(FaultMode, u64)>, ApiError> {
        let params = req
            .query
            .as_deref()
            .map(|q| parse_query(q).unwrap_or_default())
            .unwrap_or_default();
        if let Some(mode) = last_param(&params, "__fault") {
            let mode = FaultMode::parse(mode).ok_or_else(|| {
                ApiError::param(format!(
                    "Unknown __fault {}: use {FAULT_MODES}.",
                    quote(mode)
                ))
            })?;
            let delay = match last_param(&params, "__delay_ms") {
                None => 500,
                Some(d) => match d.parse::<u64>() {
                    Ok(n) if n <= MAX_DELAY_MS => n,
                    _ => {
                        return Err(ApiError::param(format!(
                            "Invalid __delay_ms {}: use an integer from 0 to {MAX_DELAY_MS}.",
                            quote(d)
                        )))
                    }
                },
            };
            return Ok(Some((mode, delay)));
        }
        let mut st = self.lock();
        let Some(i) = st
            .faults
            .iter()
            .position(|f| f.matches(&req.method, &req.path))
        else {
            return Ok(None);
        };
        let f = &mut st.faults[i];
        let picked = (f.mode, f.delay_ms);
        f.remaining -= 1;
        if f.remaining == 0 {
            st.faults.remove(i);
        }
        Ok(Some(picked))
    }

    async fn api(&self, req: &Req) -> Outcome {
        match self.take_fault(req) {
            Err(e) => return Outcome::Respond(error_response(&e)),
            Ok(None) => {}
            Ok(Some((mode, delay_ms))) => match mode {
                FaultMode::Delay => tokio::time::sleep(Duration::from_millis(delay_ms)).await,
                FaultMode::Drop => return Outcome::Drop,
                FaultMode::Error500 => {
                    return Outcome::Respond(json_response(
                        StatusCode::INTERNAL_SERVER_ERROR,
                        &json!({"error_code": "EndPoint.0001", "error_msg": "System error."}),
                    ))
                }
                FaultMode::Html502 => {
                    return Outcome::Respond(body_response(
                        StatusCode::BAD_GATEWAY,
                        "text/html",
                        HTML_502.into(),
                    ))
                }
                FaultMode::MalformedJson => {
                    return Outcome::Respond(body_response(
                        StatusCode::OK,
                        "application/json",
                        TRUNCATED_JSON.into(),
                    ))
                }
                FaultMode::Empty200 => {
                    return Outcome::Respond(body_response(
                        StatusCode::OK,
                        "application/json",
                        Bytes::new(),
                    ))
                }
            },
        }
        Outcome::Respond(match self.dispatch(req) {
            Ok(resp) => resp,
            Err(e) => error_response(&e),
        })
    }

    // -----------------------------------------------------------------------------------------
    // The API

    fn dispatch(&self, req: &Req) -> Result<Response<Body>, ApiError> {
        let Some(route) = route(&req.method, &req.path) else {
            return Ok(json_response(
                StatusCode::NOT_FOUND,
                &json!({
                    "error_code": "APIGW.0101",
                    "error_msg": APIGW_NOT_FOUND_MSG,
                    "request_id": req.rid,
                }),
            ));
        };
        match req.header("x-auth-token") {
            None => {
                return Err(ApiError::new(
                    401,
                    "EndPoint.0003",
                    "Authentication required: the X-Auth-Token header is missing.",
                ))
            }
            Some(t) if !self.token_known(t) => {
                return Err(ApiError::new(
                    401,
                    "EndPoint.0003",
                    "The token in the X-Auth-Token header is invalid or has expired.",
                ))
            }
            Some(_) => {}
        }
        // Parsed before taking the lock; reported only after the project and service checks.
        let shape = match route {
            Route::Put(..) => Some(rules::parse_put_shape(&req.body)),
            _ => None,
        };

        let mut st = self.lock();
        let project_id = route.project_id();
        let Some(project) = st.projects.iter_mut().find(|p| p.project_id == project_id) else {
            return Err(ApiError::new(
                400,
                "EndPoint.0014",
                format!("Invalid project ID {}.", quote(project_id)),
            ));
        };
        project.settle(Instant::now());

        let (op, service_id) = match route {
            Route::List(_) => {
                let body = list_services(project, req.query.as_deref())?;
                return Ok(json_response(StatusCode::OK, &body));
            }
            Route::Get(_, id) => (Op::Get, id),
            Route::Put(_, id) => (Op::Put, id),
            Route::Upgrade(_, id) => (Op::Upgrade, id),
        };
        let Some(idx) = project.services.iter().position(|s| s.svc.id == service_id) else {
            return Err(ApiError::new(
                404,
                "EndPoint.0005",
                format!("The endpoint service {} does not exist.", quote(service_id)),
            ));
        };

        match op {
            Op::Get => {
                let v = project.service_json(&project.services[idx].svc);
                Ok(json_response(StatusCode::OK, &v))
            }
            Op::Put => {
                let shape = shape.unwrap_or_else(|| Ok(Default::default()))?;
                ensure_available(&project.services[idx].svc)?;
                let patch = rules::validate_put(shape, project.dialect)?;
                check_port_conflicts(project, idx, &patch)?;
                let delay = self.config.creating_delay;
                let s = &mut project.services[idx];
                apply_patch(s, patch, delay);
                let v = project.service_json(&project.services[idx].svc);
                Ok(json_response(StatusCode::OK, &v))
            }
            Op::Upgrade => {
                let svc = &mut project.services[idx].svc;
                ensure_available(svc)?;
                if !svc.supported_editions.iter().any(|e| e == "profession") {
                    svc.supported_editions.push("profession".to_string());
                }
                Ok(empty_response(StatusCode::NO_CONTENT))
            }
        }
    }

    // -----------------------------------------------------------------------------------------
    // Control

    fn control(&self, req: &Req) -> Response<Body> {
        let bad = |msg: String| error_response(&ApiError::param(msg));
        match (req.method.as_str(), req.path.as_str()) {
            ("POST", "/__control/faults") => match parse_fault(&req.body) {
                Err(msg) => bad(msg),
                Ok(f) => {
                    let mut st = self.lock();
                    st.faults.push(f);
                    let faults: Vec<Value> = st.faults.iter().map(Fault::to_json).collect();
                    json_response(StatusCode::OK, &json!({ "faults": faults }))
                }
            },
            ("GET", "/__control/faults") => {
                let st = self.lock();
                let faults: Vec<Value> = st.faults.iter().map(Fault::to_json).collect();
                json_response(StatusCode::OK, &json!({ "faults": faults }))
            }
            ("DELETE", "/__control/faults") => {
                self.lock().faults.clear();
                empty_response(StatusCode::NO_CONTENT)
            }
            ("POST", "/__control/reset") => {
                *self.lock() = State::from_config(&self.config);
                empty_response(StatusCode::NO_CONTENT)
            }
            ("GET", "/__control/requests") => {
                let st = self.lock();
                let v = serde_json::to_value(&st.requests).unwrap_or(Value::Null);
                json_response(StatusCode::OK, &v)
            }
            _ => json_response(
                StatusCode::NOT_FOUND,
                &json!({
                    "error_code": "APIGW.0101",
                    "error_msg": APIGW_NOT_FOUND_MSG,
                    "request_id": req.rid,
                }),
            ),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Static files (--static-dir)

/// Paths that always belong to the API (and its 404), even with `--static-dir`.
fn is_api_path(path: &str) -> bool {
    ["/v1", "/v2"]
        .iter()
        .any(|p| path == *p || path.strip_prefix(p).is_some_and(|r| r.starts_with('/')))
}

/// Answers a GET or HEAD for `path` from `dir`: `/` (and any directory) is its `index.html`;
/// a path that is not a plain file inside `dir` is a 404 with a short text body.
async fn static_file(dir: PathBuf, path: String) -> Response<Body> {
    let found = tokio::task::spawn_blocking(move || read_static(&dir, &path))
        .await
        .ok()
        .flatten();
    let mut resp = match found {
        Some((bytes, content_type)) => body_response(StatusCode::OK, content_type, bytes.into()),
        None => body_response(
            StatusCode::NOT_FOUND,
            "text/plain; charset=utf-8",
            Bytes::from_static(b"404 Not Found\n"),
        ),
    };
    let h = resp.headers_mut();
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    resp
}

/// The bytes and content type of the file `path` names inside `root`, or `None`.
fn read_static(root: &Path, path: &str) -> Option<(Vec<u8>, &'static str)> {
    let rel = static_relative_path(path)?;
    let root = root.canonicalize().ok()?;
    let mut file = root.join(&rel).canonicalize().ok()?;
    // Symbolic links may point anywhere: the resolved file must still be inside the root.
    if !file.starts_with(&root) {
        return None;
    }
    if file.is_dir() {
        file = file.join("index.html").canonicalize().ok()?;
        if !file.starts_with(&root) {
            return None;
        }
    }
    if !file.is_file() {
        return None;
    }
    let bytes = std::fs::read(&file).ok()?;
    Some((bytes, content_type_for(&file)))
}

/// The request path as a relative file path: percent-decoded, split on `/`, empty segments
/// dropped. `None` (a 404) for a path that is not UTF-8 once decoded, or that holds a NUL, a
/// backslash, a `:`, or a segment starting with `.` (`.`, `..` and hidden files alike).
fn static_relative_path(path: &str) -> Option<PathBuf> {
    let decoded = percent_decode_path(path)?;
    let mut rel = PathBuf::new();
    for seg in decoded.split('/').filter(|s| !s.is_empty()) {
        if seg.starts_with('.') || seg.contains(['\\', '\0', ':']) {
            return None;
        }
        rel.push(seg);
    }
    if rel.as_os_str().is_empty() {
        rel.push("index.html");
    }
    Some(rel)
}

/// Percent-decodes a URL path (`+` stays a `+`); `None` on a bad escape or non-UTF-8 result.
fn percent_decode_path(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = std::str::from_utf8(b.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn content_type_for(file: &Path) -> &'static str {
    let ext = file
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript",
        "wasm" => "application/wasm",
        "css" => "text/css",
        "json" | "map" => "application/json",
        "png" => "image/png",
        "svg" => "image/svg+xml",
        "ico" => "image/x-icon",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

// ---------------------------------------------------------------------------------------------
// Routing and API helpers

#[derive(Clone, Copy)]
enum Route<'a> {
    List(&'a str),
    Get(&'a str, &'a str),
    Put(&'a str, &'a str),
    Upgrade(&'a str, &'a str),
}

/// What to do with one service.
#[derive(Clone, Copy)]
enum Op {
    Get,
    Put,
    Upgrade,
}

impl<'a> Route<'a> {
    fn project_id(self) -> &'a str {
        match self {
            Route::List(p) | Route::Get(p, _) | Route::Put(p, _) | Route::Upgrade(p, _) => p,
        }
    }
}

fn route<'a>(method: &Method, path: &'a str) -> Option<Route<'a>> {
    let segs: Vec<&str> = path.strip_prefix('/')?.split('/').collect();
    if segs.iter().any(|s| s.is_empty()) {
        return None;
    }
    match (method.as_str(), segs.as_slice()) {
        ("GET", ["v1", p, "vpc-endpoint-services"]) => Some(Route::List(p)),
        ("GET", ["v1", p, "vpc-endpoint-services", id]) => Some(Route::Get(p, id)),
        ("PUT", ["v1", p, "vpc-endpoint-services", id]) => Some(Route::Put(p, id)),
        ("POST", ["v2", p, "vpc-endpoint-services", id, "upgrade"]) => Some(Route::Upgrade(p, id)),
        _ => None,
    }
}

fn ensure_available(svc: &Service) -> Result<(), ApiError> {
    if svc.status == "available" {
        Ok(())
    } else {
        Err(ApiError::new(
            400,
            "EndPoint.3045",
            format!(
                "Other properties of the endpoint service cannot be modified in the current state ({}).",
                svc.status
            ),
        ))
    }
}

/// EndPoint.3044: with the same protocol, no client_port or server_port of the new mappings may
/// equal one of another service of the project on the same port_id.
fn check_port_conflicts(
    project: &ProjectState,
    idx: usize,
    patch: &rules::Patch,
) -> Result<(), ApiError> {
    if patch.ports.is_none() && patch.port_id.is_none() {
        return Ok(());
    }
    let me = &project.services[idx].svc;
    let port_id = patch.port_id.as_ref().or(me.port_id.as_ref());
    let Some(port_id) = port_id else {
        return Ok(());
    };
    let mappings = patch.ports.as_ref().unwrap_or(&me.ports);
    for (j, other) in project.services.iter().enumerate() {
        if j == idx || other.svc.port_id.as_ref() != Some(port_id) {
            continue;
        }
        for m in mappings {
            for o in &other.svc.ports {
                if m.protocol == o.protocol
                    && (m.client_port == o.client_port || m.server_port == o.server_port)
                {
                    return Err(ApiError::new(
                        400,
                        "EndPoint.3044",
                        format!(
                            "Port mapping {} {}->{} conflicts with mapping {} {}->{} of endpoint service {} on the same port_id {}.",
                            m.protocol,
                            m.client_port,
                            m.server_port,
                            o.protocol,
                            o.client_port,
                            o.server_port,
                            project.full_name(&other.svc),
                            port_id
                        ),
                    ));
                }
            }
        }
    }
    Ok(())
}

fn apply_patch(s: &mut ServiceState, patch: rules::Patch, creating_delay: Duration) {
    let svc = &mut s.svc;
    if let Some(v) = patch.approval_enabled {
        svc.approval_enabled = v;
    }
    if let Some(v) = patch.service_name {
        svc.service_name = v;
    }
    if let Some(v) = patch.description {
        svc.description = Some(v);
    }
    if let Some(v) = patch.port_id {
        svc.port_id = Some(v);
    }
    if let Some(v) = patch.vip_port_id {
        svc.vip_port_id = Some(v);
    }
    if let Some(v) = patch.ip {
        svc.ip = Some(v);
    }
    if let Some(v) = patch.tcp_proxy {
        svc.tcp_proxy = Some(v);
    }
    if let Some(ports) = patch.ports {
        let old: BTreeSet<_> = svc.ports.iter().cloned().collect();
        let new: BTreeSet<_> = ports.iter().cloned().collect();
        svc.ports = ports;
        if old != new {
            svc.status = "creating".to_string();
            s.creating_until = Some(Instant::now() + creating_delay);
        }
    }
    svc.updated_at = crate::timefmt::now_utc();
}

#[derive(Clone, Copy, PartialEq)]
enum SortKey {
    Create,
    Update,
}

fn list_services(project: &ProjectState, query: Option<&str>) -> Result<Value, ApiError> {
    let params = match query {
        None => Vec::new(),
        Some(q) => {
            parse_query(q).map_err(|e| ApiError::param(format!("Invalid query string: {e}.")))?
        }
    };
    let name = last_param(&params, "endpoint_service_name");
    if let Some(n) = name {
        let ok = n.chars().count() <= 128
            && n.chars()
                .all(|c| c.is_ascii_alphanumeric() || "_-.".contains(c));
        if !ok {
            return Err(ApiError::param(format!(
                "Invalid endpoint_service_name {}: use letters, digits, '_', '-' or '.', at most 128.",
                quote(n)
            )));
        }
    }
    let id = last_param(&params, "id");
    if let Some(id) = id {
        if !rules::is_uuid(id) {
            return Err(ApiError::param(format!(
                "Invalid id {}: it must be a UUID.",
                quote(id)
            )));
        }
    }
    let status = last_param(&params, "status");
    if let Some(s) = status {
        if !["creating", "available", "failed", "deleting"].contains(&s) {
            return Err(ApiError::param(format!(
                "Invalid status {}: use creating, available, failed or deleting.",
                quote(s)
            )));
        }
    }
    let sort_key = match last_param(&params, "sort_key") {
        None | Some("create_at") | Some("created_at") => SortKey::Create,
        Some("update_at") | Some("updated_at") => SortKey::Update,
        Some(k) => {
            return Err(ApiError::param(format!(
                "Invalid sort_key {}: use create_at or update_at.",
                quote(k)
            )))
        }
    };
    let descending = match last_param(&params, "sort_dir") {
        None | Some("desc") => true,
        Some("asc") => false,
        Some(d) => {
            return Err(ApiError::param(format!(
                "Invalid sort_dir {}: use asc or desc.",
                quote(d)
            )))
        }
    };
    let limit = match last_param(&params, "limit") {
        None => 10,
        Some(l) => match l.parse::<usize>() {
            Ok(n) if n <= 1000 => n,
            _ => {
                return Err(ApiError::param(format!(
                    "Invalid limit {}: use an integer from 0 to 1000.",
                    quote(l)
                )))
            }
        },
    };
    let offset = match last_param(&params, "offset") {
        None => 0,
        Some(o) => o.parse::<usize>().map_err(|_| {
            ApiError::param(format!(
                "Invalid offset {}: use an integer of 0 or more.",
                quote(o)
            ))
        })?,
    };

    let needle = name.map(str::to_ascii_lowercase);
    let mut hits: Vec<&Service> = project
        .services
        .iter()
        .map(|s| &s.svc)
        .filter(|s| {
            needle
                .as_deref()
                .is_none_or(|n| s.service_name.to_ascii_lowercase().contains(n))
        })
        .filter(|s| id.is_none_or(|id| s.id.eq_ignore_ascii_case(id)))
        .filter(|s| status.is_none_or(|st| s.status == st))
        .collect();
    hits.sort_by(|a, b| {
        let (ka, kb) = match sort_key {
            SortKey::Create => (&a.created_at, &b.created_at),
            SortKey::Update => (&a.updated_at, &b.updated_at),
        };
        ka.cmp(kb).then_with(|| a.id.cmp(&b.id))
    });
    if descending {
        hits.reverse();
    }
    let total = hits.len();
    let page: Vec<Value> = hits
        .into_iter()
        .skip(offset)
        .take(limit)
        .map(|s| project.service_json(s))
        .collect();
    Ok(json!({ "endpoint_services": page, "total_count": total }))
}

/// The last non-empty value of `key`; an empty value counts as absent, as the SDKs omit unset
/// parameters.
fn last_param<'a>(params: &'a [(String, String)], key: &str) -> Option<&'a str> {
    params
        .iter()
        .rev()
        .find(|(k, v)| k == key && !v.is_empty())
        .map(|(_, v)| v.as_str())
}

/// Splits and percent-decodes an `application/x-www-form-urlencoded` query string.
fn parse_query(q: &str) -> Result<Vec<(String, String)>, String> {
    q.split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            Ok((percent_decode(k)?, percent_decode(v)?))
        })
        .collect()
}

fn percent_decode(s: &str) -> Result<String, String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = b
                    .get(i + 1..i + 3)
                    .and_then(|h| std::str::from_utf8(h).ok())
                    .and_then(|h| u8::from_str_radix(h, 16).ok())
                    .ok_or_else(|| format!("bad percent-encoding in {}", quote(s)))?;
                out.push(hex);
                i += 2;
            }
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8(out).map_err(|_| format!("{} is not UTF-8 once decoded", quote(s)))
}

// ---------------------------------------------------------------------------------------------
// Responses

fn add_cors_origin(h: &mut HeaderMap, origin: &str) {
    if let Ok(v) = HeaderValue::from_str(origin) {
        h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, v);
        h.append(header::VARY, HeaderValue::from_static("Origin"));
        h.insert(
            header::ACCESS_CONTROL_EXPOSE_HEADERS,
            HeaderValue::from_static(EXPOSE_HEADERS),
        );
    }
}

fn body_response(status: StatusCode, content_type: &'static str, body: Bytes) -> Response<Body> {
    let mut resp = Response::new(Body::from(body));
    *resp.status_mut() = status;
    resp.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    resp
}

fn json_response(status: StatusCode, value: &Value) -> Response<Body> {
    let bytes = serde_json::to_vec(value).unwrap_or_default();
    body_response(status, "application/json", bytes.into())
}

fn empty_response(status: StatusCode) -> Response<Body> {
    let mut resp = Response::new(Body::empty());
    *resp.status_mut() = status;
    resp
}

fn error_response(e: &ApiError) -> Response<Body> {
    let status = StatusCode::from_u16(e.status).unwrap_or(StatusCode::BAD_REQUEST);
    let mut m = Map::new();
    m.insert("error_code".into(), Value::String(e.code.to_string()));
    m.insert("error_msg".into(), Value::String(e.msg.clone()));
    json_response(status, &Value::Object(m))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_decoding() {
        let q = parse_query("a=1&b=x%20y+z&c&&d=%E2%82%AC").unwrap();
        assert_eq!(
            q,
            vec![
                ("a".into(), "1".into()),
                ("b".into(), "x y z".into()),
                ("c".into(), "".into()),
                ("d".into(), "€".into())
            ]
        );
        assert!(parse_query("a=%zz").is_err());
        assert!(parse_query("a=%ff").is_err());
        assert_eq!(last_param(&q, "c"), None);
    }

    #[test]
    fn request_ids_are_32_hex_and_distinct() {
        let ids = RequestIds::new();
        let a = ids.next();
        let b = ids.next();
        assert_eq!(a.len(), 32);
        assert!(a.chars().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(a, b);
    }

    #[test]
    fn routes() {
        assert!(matches!(
            route(&Method::GET, "/v1/p/vpc-endpoint-services"),
            Some(Route::List("p"))
        ));
        assert!(matches!(
            route(&Method::POST, "/v2/p/vpc-endpoint-services/x/upgrade"),
            Some(Route::Upgrade("p", "x"))
        ));
        assert!(route(&Method::DELETE, "/v1/p/vpc-endpoint-services/x").is_none());
        assert!(route(&Method::GET, "/v1//vpc-endpoint-services").is_none());
        assert!(route(&Method::GET, "/v1/p/vpc-endpoint-services/").is_none());
        assert!(route(&Method::POST, "/v1/p/vpc-endpoint-services/x/upgrade").is_none());
    }

    #[test]
    fn static_paths() {
        let rel = |p: &str| static_relative_path(p).map(|p| p.to_string_lossy().into_owned());
        assert_eq!(rel("/").as_deref(), Some("index.html"));
        assert_eq!(rel("//").as_deref(), Some("index.html"));
        assert_eq!(rel("/app.js").as_deref(), Some("app.js"));
        assert_eq!(rel("/a//b/c%20d+e.txt").as_deref(), Some("a/b/c d+e.txt"));
        assert_eq!(rel("/a/").as_deref(), Some("a"));
        for bad in [
            "/../Cargo.toml",
            "/%2e%2e/x",
            "/%2E%2E/x",
            "/a/..%2f..%2fsecret",
            "/a/%2e",
            "/.git/config",
            "/a%5c..%5cb",
            "/a\\b",
            "/a%00b",
            "/c:/x",
            "/%zz",
            "/%f",
            "/%ff",
        ] {
            assert_eq!(rel(bad), None, "{bad}");
        }
        assert!(is_api_path("/v1/x") && is_api_path("/v2") && is_api_path("/v1"));
        assert!(!is_api_path("/v10/x") && !is_api_path("/") && !is_api_path("/v1x"));
        assert_eq!(
            content_type_for(Path::new("x/app_bg.WASM")),
            "application/wasm"
        );
        assert_eq!(
            content_type_for(Path::new("index.html")),
            "text/html; charset=utf-8"
        );
        assert_eq!(
            content_type_for(Path::new("LICENSE")),
            "application/octet-stream"
        );
    }

    #[test]
    fn fault_bodies() {
        let f = parse_fault(br#"{"mode":"drop","count":2,"method":"put","path_contains":"/v1/"}"#)
            .unwrap();
        assert_eq!(f.mode, FaultMode::Drop);
        assert_eq!(f.remaining, 2);
        assert!(f.matches(&Method::PUT, "/v1/x"));
        assert!(!f.matches(&Method::GET, "/v1/x"));
        assert!(parse_fault(br#"{"mode":"boom"}"#).is_err());
        assert!(parse_fault(br#"{"count":1}"#).is_err());
        assert!(parse_fault(br#"{"mode":"delay","count":0}"#).is_err());
        assert!(parse_fault(br#"{"mode":"delay","extra":1}"#).is_err());
    }
}
