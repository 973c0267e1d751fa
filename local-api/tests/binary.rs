//! The `vpcep-local-api` binary: --help, bad flags, and a real run on an ephemeral port.

mod common;

use std::io::{BufRead, BufReader, Read};
use std::net::SocketAddr;
use std::process::{Child, Command, Output, Stdio};
use std::sync::mpsc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use common::*;

const BIN: &str = env!("CARGO_BIN_EXE_vpcep-local-api");

/// Runs the binary to completion with a clean VPCEP_* environment, bounded in time.
fn run(args: &[&str]) -> Output {
    let mut child = command(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn the binary");
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        if child.try_wait().expect("try_wait").is_some() {
            return child.wait_with_output().expect("output");
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{args:?} did not exit in time");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn command(args: &[&str]) -> Command {
    let mut cmd = Command::new(BIN);
    cmd.args(args).stdin(Stdio::null());
    for var in [
        "VPCEP_ADDR",
        "VPCEP_PORT",
        "VPCEP_TOKENS",
        "VPCEP_SEED",
        "VPCEP_CREATING_DELAY_MS",
        "VPCEP_ALLOW_ORIGINS",
        "VPCEP_ALLOW_HOSTS",
        "VPCEP_STATIC_DIR",
        "VPCEP_FLEET",
        "VPCEP_TOKEN_LIFETIME",
    ] {
        cmd.env_remove(var);
    }
    cmd
}

/// A running binary: killed and reaped on drop.
struct Running {
    child: Child,
    addr: SocketAddr,
    stderr: Option<JoinHandle<String>>,
}

impl Running {
    fn start(cmd: &mut Command) -> Running {
        let mut child = cmd
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn the binary");
        let stdout = child.stdout.take().expect("stdout");
        let mut stderr = child.stderr.take().expect("stderr");
        let stderr = std::thread::spawn(move || {
            let mut s = String::new();
            let _ = stderr.read_to_string(&mut s);
            s
        });
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut line = String::new();
            let _ = BufReader::new(stdout).read_line(&mut line);
            let _ = tx.send(line);
        });
        let line = match rx.recv_timeout(Duration::from_secs(20)) {
            Ok(line) => line,
            Err(_) => {
                let _ = child.kill();
                let _ = child.wait();
                panic!("no listening line within 20 s");
            }
        };
        let url = line
            .trim_end()
            .strip_prefix("vpcep-local-api listening on http://")
            .unwrap_or_else(|| panic!("unexpected first line {line:?}"));
        let addr: SocketAddr = url.parse().expect("ADDR:PORT");
        Running {
            child,
            addr,
            stderr: Some(stderr),
        }
    }

    /// Stops the process and returns what it wrote to stderr.
    fn stop(mut self) -> String {
        let _ = self.child.kill();
        let _ = self.child.wait();
        self.stderr
            .take()
            .map(|h| h.join().unwrap_or_default())
            .unwrap_or_default()
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn help_exits_0_and_lists_every_flag_with_env_and_default() {
    for flag in ["--help", "-h"] {
        let out = run(&[flag]);
        assert_eq!(out.status.code(), Some(0));
        let text = String::from_utf8_lossy(&out.stdout);
        for needle in [
            "--addr",
            "VPCEP_ADDR",
            "127.0.0.1",
            "--port",
            "VPCEP_PORT",
            "9000",
            "--token",
            "VPCEP_TOKENS",
            "demo-token",
            "--seed",
            "VPCEP_SEED",
            "--creating-delay-ms",
            "VPCEP_CREATING_DELAY_MS",
            "2000",
            "--allow-origin",
            "VPCEP_ALLOW_ORIGINS",
            "--allow-host",
            "VPCEP_ALLOW_HOSTS",
            "--static-dir",
            "VPCEP_STATIC_DIR",
            "--fleet",
            "VPCEP_FLEET",
            "--token-lifetime",
            "VPCEP_TOKEN_LIFETIME",
            "86400",
            "--quiet",
            "--help",
        ] {
            assert!(text.contains(needle), "help lacks {needle}:\n{text}");
        }
    }
}

#[test]
fn bad_flag_or_value_exits_2_with_a_message() {
    for (args, needle) in [
        (&["--bogus"][..], "--bogus"),
        (&["--port", "99999"], "--port"),
        (&["--port"], "--port"),
        (&["--addr", "not-an-ip"], "--addr"),
        (&["--creating-delay-ms", "soon"], "--creating-delay-ms"),
        (&["--seed", "/nonexistent/seed.json"], "--seed"),
        (&["--static-dir", "/nonexistent/dist"], "--static-dir"),
        (&["--allow-host", ""], "--allow-host"),
        (&["--fleet", "lots"], "--fleet"),
        (&["--fleet", "10001"], "--fleet"),
        (&["--token-lifetime", "0"], "--token-lifetime"),
        (&["--token-lifetime", "86401"], "--token-lifetime"),
    ] {
        let out = run(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?} printed to stdout");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(needle), "{args:?}: {err}");
    }
    let out = {
        let mut cmd = command(&[]);
        cmd.env("VPCEP_PORT", "not-a-port");
        cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
        cmd.output().expect("run")
    };
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("VPCEP_PORT"));
}

#[test]
fn port_0_prints_the_listening_line_and_answers_a_get() {
    let server = Running::start(command(&["--port", "0"]).env("VPCEP_TOKENS", "bin-token, other"));
    assert_eq!(server.addr.ip().to_string(), "127.0.0.1");
    assert_ne!(server.addr.port(), 0);
    let path = service_path(HW, WEB);
    let r = request(
        server.addr,
        "GET",
        &path,
        &[("X-Auth-Token", "bin-token")],
        None,
    );
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(
        r.json()["service_name"],
        format!("cn-north-4.web-frontend.{WEB}")
    );
    let r = request(server.addr, "GET", &path, &[("X-Auth-Token", TOKEN)], None);
    assert_eq!(r.status, 401, "VPCEP_TOKENS replaced the demo token");

    // One log line per request on stderr, with method, path and query, status, duration and
    // request id, but neither the token nor the body.
    let put = request(
        server.addr,
        "PUT",
        &format!("{path}?x=1"),
        &[
            ("X-Auth-Token", "other"),
            ("Content-Type", "application/json"),
        ],
        Some(r#"{"description":"secret-body"}"#),
    );
    assert_eq!(put.status, 200);
    let log = server.stop();
    let line = log
        .lines()
        .find(|l| l.contains(&put.request_id()))
        .unwrap_or_else(|| panic!("no log line for the PUT in:\n{log}"));
    assert!(line.starts_with(&format!("PUT {path}?x=1 200 ")), "{line}");
    assert!(line.contains("ms"), "{line}");
    assert!(!log.contains("bin-token") && !log.contains("other ") && !log.contains("secret-body"));
    assert_eq!(log.lines().count(), 3, "{log}");
}

#[test]
fn quiet_writes_no_request_log_and_flags_win_over_env() {
    let server = Running::start(
        command(&["--port", "0", "--quiet", "--token", "flag-token"])
            .env("VPCEP_TOKENS", "env-token")
            .env("VPCEP_PORT", "1"),
    );
    let path = service_path(OTC, DNS);
    let ok = request(
        server.addr,
        "GET",
        &path,
        &[("X-Auth-Token", "flag-token")],
        None,
    );
    assert_eq!(ok.status, 200);
    let env = request(
        server.addr,
        "GET",
        &path,
        &[("X-Auth-Token", "env-token")],
        None,
    );
    assert_eq!(env.status, 401);
    let log = server.stop();
    assert!(log.trim().is_empty(), "quiet, yet: {log}");
}

#[test]
fn static_dir_from_env_serves_files_with_a_log_line() {
    let (_tmp, dist) = static_fixture();
    let server = Running::start(command(&["--port", "0"]).env("VPCEP_STATIC_DIR", &dist));
    let index = request(server.addr, "GET", "/", &[], None);
    assert_eq!(index.status, 200);
    assert_eq!(
        index.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    let wasm = request(server.addr, "GET", "/app_bg.wasm", &[], None);
    assert_eq!(wasm.status, 200);
    assert_eq!(wasm.header("content-type"), Some("application/wasm"));
    let log = server.stop();
    let line = log
        .lines()
        .find(|l| l.contains(&wasm.request_id()))
        .unwrap_or_else(|| panic!("no log line for the static GET in:\n{log}"));
    assert!(line.starts_with("GET /app_bg.wasm 200 "), "{line}");
    assert_eq!(log.lines().count(), 2, "{log}");
}

#[test]
fn only_loopback_hosts_are_answered_unless_allow_host_admits_one() {
    let get = |addr: SocketAddr, host: &str| {
        raw_http(
            addr,
            &format!(
                "GET {} HTTP/1.1\r\nHost: {host}\r\nX-Auth-Token: {TOKEN}\r\nConnection: close\r\n\r\n",
                service_path(HW, WEB)
            ),
        )
    };
    let plain = Running::start(&mut command(&["--port", "0", "--quiet"]));
    let r = get(plain.addr, &plain.addr.to_string());
    assert!(r.starts_with("HTTP/1.1 200 "), "{r}");
    let r = get(plain.addr, "vpcep.lab.internal:9000");
    assert!(r.starts_with("HTTP/1.1 421 "), "{r}");
    assert!(r.contains("--allow-host"), "{r}");
    drop(plain);

    let admitting = Running::start(&mut command(&[
        "--port",
        "0",
        "--quiet",
        "--allow-host",
        "vpcep.lab.internal",
    ]));
    let r = get(admitting.addr, "vpcep.lab.internal:9000");
    assert!(r.starts_with("HTTP/1.1 200 "), "{r}");
    let r = get(admitting.addr, "evil.example");
    assert!(r.starts_with("HTTP/1.1 421 "), "{r}");
}

#[test]
fn fleet_flag_and_env_seed_the_demo_project_with_n_more_services() {
    let list = |addr: SocketAddr| {
        let r = request(
            addr,
            "GET",
            &list_path(HW, "endpoint_service_name=fleet-&limit=1&sort_dir=asc"),
            &[("X-Auth-Token", TOKEN)],
            None,
        );
        assert_eq!(r.status, 200, "{}", r.text());
        r.json()
    };
    let server = Running::start(&mut command(&["--port", "0", "--quiet", "--fleet", "257"]));
    let v = list(server.addr);
    assert_eq!(v["total_count"], 257);
    // The oldest is the last one: created an hour apart going back.
    assert_eq!(
        v["endpoint_services"][0]["id"],
        "f1ee7000-0000-4000-8000-000000000257"
    );
    drop(server);
    let server = Running::start(command(&["--port", "0", "--quiet"]).env("VPCEP_FLEET", "12"));
    assert_eq!(list(server.addr)["total_count"], 12);
}

/// The console's sign-in body (src/api/iam.rs), with the `totp` method when `mfa` is given.
fn sign_in_body(user: &str, password: &str, mfa: Option<(&str, &str)>) -> String {
    let mut identity = serde_json::json!({
        "methods": ["password"],
        "password": { "user": { "name": user, "password": password,
            "domain": { "name": vpcep_local_api::demo::IAM_ACCOUNT } } },
    });
    if let Some((id, passcode)) = mfa {
        identity["methods"] = serde_json::json!(["password", "totp"]);
        identity["totp"] = serde_json::json!({ "user": { "id": id, "passcode": passcode } });
    }
    serde_json::json!({ "auth": { "identity": identity,
        "scope": { "project": { "id": HW } } } })
    .to_string()
}

#[test]
fn a_sign_in_shows_its_password_in_neither_log_and_the_token_lifetime_flag_holds() {
    use vpcep_local_api::demo;
    let server = Running::start(&mut command(&["--port", "0", "--token-lifetime", "120"]));
    let sign_in = |body: &str| {
        request(
            server.addr,
            "POST",
            "/iam/v3/auth/tokens?nocatalog=true",
            &[("Content-Type", "application/json;charset=utf8")],
            Some(body),
        )
    };
    let ok = sign_in(&sign_in_body(demo::IAM_USER, demo::IAM_PASSWORD, None));
    assert_eq!(ok.status, 201, "{}", ok.text());
    let token = ok.header("x-subject-token").expect("a token").to_owned();
    let wrong = sign_in(&sign_in_body(demo::IAM_USER, "demo-password-typo", None));
    assert_eq!(wrong.status, 401);
    let mfa = sign_in(&sign_in_body(
        demo::IAM_MFA_USER,
        demo::IAM_MFA_PASSWORD,
        Some((demo::IAM_MFA_USER_ID, demo::IAM_MFA_PASSCODE)),
    ));
    assert_eq!(mfa.status, 201, "{}", mfa.text());
    // --token-lifetime: 120 s from issued_at to expires_at (both end in "000Z").
    let t = &ok.json()["token"];
    let secs = |k: &str| {
        let v = t[k].as_str().unwrap();
        v[11..13].parse::<i64>().unwrap() * 3600
            + v[14..16].parse::<i64>().unwrap() * 60
            + v[17..19].parse::<i64>().unwrap()
    };
    assert_eq!(
        (secs("expires_at") - secs("issued_at")).rem_euclid(86_400),
        120
    );
    let listed = request(
        server.addr,
        "GET",
        &list_path(HW, ""),
        &[("X-Auth-Token", &token)],
        None,
    );
    assert_eq!(listed.status, 200);
    let requests = request(server.addr, "GET", "/__control/requests", &[], None).text();
    let stderr = server.stop();
    assert_eq!(
        stderr
            .lines()
            .filter(|l| l.starts_with("POST /iam/v3/auth/tokens?nocatalog=true "))
            .count(),
        3,
        "{stderr}"
    );
    for secret in [
        demo::IAM_PASSWORD,
        demo::IAM_MFA_PASSWORD,
        demo::IAM_MFA_PASSCODE,
        "demo-password",
        &token,
    ] {
        assert!(!stderr.contains(secret), "{secret} on stderr:\n{stderr}");
        assert!(
            !requests.contains(secret),
            "{secret} in the request log: {requests}"
        );
    }
}
