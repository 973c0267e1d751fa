//! IAM's sign-in, `POST /v3/auth/tokens` (and under `/iam`, the console's default IAM proxy):
//! each answer as the console reads it, the issued token on the VPCEP routes until it runs
//! out, the request log without the password, CORS for a page on another origin.

mod common;

use std::time::Duration;

use common::*;
use serde_json::{json, Value};
use vpcep_local_api::demo;
use vpcep_local_api::Config;

/// The paths a sign-in reaches: IAM's own, and the console's default proxy's.
const PATHS: [&str; 2] = [
    "/v3/auth/tokens?nocatalog=true",
    "/iam/v3/auth/tokens?nocatalog=true",
];
const SIGN_IN: &str = "/iam/v3/auth/tokens?nocatalog=true";
const ORIGIN: &str = "http://127.0.0.1:8080";

/// The body the console sends (src/api/iam.rs), password method only.
fn body(user: &str, password: &str, account: &str, project: &str) -> String {
    json!({ "auth": {
        "identity": { "methods": ["password"], "password": { "user": {
            "name": user, "password": password, "domain": { "name": account },
        } } },
        "scope": { "project": { "id": project } },
    } })
    .to_string()
}

/// The console's body with virtual MFA: `totp` beside `password`.
fn mfa_body(password: &str, user_id: &str, passcode: &str, project: &str) -> String {
    json!({ "auth": {
        "identity": {
            "methods": ["password", "totp"],
            "password": { "user": {
                "name": demo::IAM_MFA_USER, "password": password,
                "domain": { "name": demo::IAM_ACCOUNT },
            } },
            "totp": { "user": { "id": user_id, "passcode": passcode } },
        },
        "scope": { "project": { "id": project } },
    } })
    .to_string()
}

fn demo_body(project: &str) -> String {
    body(
        demo::IAM_USER,
        demo::IAM_PASSWORD,
        demo::IAM_ACCOUNT,
        project,
    )
}

/// A POST as the console sends it, with the headers it sends and no token.
fn post(s: &Server, target: &str, body: &str) -> Resp {
    s.call(
        "POST",
        target,
        &[
            ("Content-Type", "application/json;charset=utf8"),
            ("Accept", "application/json"),
        ],
        Some(body),
    )
}

/// A token of a 201 (failing on anything else).
fn token(r: &Resp) -> String {
    assert_eq!(r.status, 201, "{}", r.text());
    r.header("x-subject-token")
        .expect("an X-Subject-Token")
        .to_owned()
}

/// A Keystone error: the status, `error.code` and `error.title` agree; returns the message.
fn refusal(r: &Resp, status: u16, title: &str) -> String {
    assert_eq!(r.status, status, "{}", r.text());
    let e = &r.json()["error"];
    assert_eq!(e["code"], status, "{e}");
    assert_eq!(e["title"], title, "{e}");
    e["message"].as_str().expect("a message").to_owned()
}

/// Milliseconds since 1970 of IAM's `YYYY-MM-DDTHH:MM:SS.ffffffZ`, checked to be that shape.
fn unix_ms(iso: &str) -> i64 {
    let b = iso.as_bytes();
    assert!(
        b.len() == 27 && b[10] == b'T' && b[19] == b'.' && iso.ends_with("000Z"),
        "not IAM's time format: {iso}"
    );
    let n = |r: std::ops::Range<usize>| iso[r].parse::<i64>().unwrap();
    let (y, m, d) = (n(0..4), n(5..7), n(8..10));
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * ((m + 9) % 12) + 2) / 5 + d - 1;
    let days = era * 146_097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719_468;
    ((days * 24 + n(11..13)) * 60 + n(14..16)) * 60_000 + n(17..19) * 1000 + n(20..23)
}

fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64
}

/// GET the demo project's list with `token`.
fn list_with(s: &Server, project: &str, token: &str) -> Resp {
    s.call(
        "GET",
        &list_path(project, ""),
        &[("X-Auth-Token", token)],
        None,
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_user_gets_a_201_with_a_token_and_its_description_for_either_project() {
    let s = start_default().await;
    let mut tokens = Vec::new();
    for path in PATHS {
        for (project, region) in [(HW, "cn-north-4"), (OTC, "eu-de")] {
            let before = now_ms();
            let r = post(&s, path, &demo_body(project));
            let t = token(&r);
            assert!(t.starts_with("MII") && t.len() == 67, "{t}");
            assert!(t[3..]
                .bytes()
                .all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_'));
            tokens.push(t);
            assert!(r
                .header("content-type")
                .unwrap()
                .starts_with("application/json"));
            let body = r.json();
            let tok = &body["token"];
            let account = json!({ "id": demo::OWNER_DOMAIN, "name": demo::IAM_ACCOUNT });
            assert_eq!(tok["methods"], json!(["password"]));
            assert_eq!(
                tok["project"],
                json!({ "id": project, "name": region, "domain": account })
            );
            assert_eq!(tok["user"]["name"], demo::IAM_USER);
            assert_eq!(tok["user"]["domain"], account);
            assert_eq!(tok["user"]["password_expires_at"], "");
            assert!(tok["user"]["id"].as_str().unwrap().len() == 32, "{tok}");
            assert!(!tok["roles"].as_array().unwrap().is_empty());
            assert!(tok.get("catalog").is_none(), "nocatalog: {tok}");
            // IAM's 24 hours from now, in IAM's format.
            let issued = unix_ms(tok["issued_at"].as_str().unwrap());
            let expires = unix_ms(tok["expires_at"].as_str().unwrap());
            assert_eq!(expires - issued, 86_400_000, "{tok}");
            assert!(
                issued >= before - 1000 && issued <= now_ms() + 1000,
                "{tok}"
            );
            // Nothing of the password comes back.
            assert!(!r.text().contains(demo::IAM_PASSWORD));
        }
    }
    tokens.sort();
    tokens.dedup();
    assert_eq!(tokens.len(), 4, "a new token each time");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_issued_token_opens_the_project_it_is_scoped_to_and_no_other() {
    let s = start_default().await;
    let hw = token(&post(&s, SIGN_IN, &demo_body(HW)));
    assert_eq!(list_with(&s, HW, &hw).status, 200);
    let r = s.call(
        "PUT",
        &service_path(HW, WEB),
        &[("X-Auth-Token", &hw), ("Content-Type", "application/json")],
        Some(r#"{"description":"signed in"}"#),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    let other = list_with(&s, OTC, &hw);
    assert_eq!((other.status, other.code()), (401, "EndPoint.0003".into()));
    assert!(other.msg().contains("another project"), "{}", other.msg());
    let otc = token(&post(&s, SIGN_IN, &demo_body(OTC)));
    assert_eq!(list_with(&s, OTC, &otc).status, 200);
    // The request log says which were accepted, and shows no token.
    let log = s.requests();
    let seen: Vec<(String, Value)> = log
        .iter()
        .filter(|r| r["path"].as_str().unwrap().starts_with("/v1/"))
        .map(|r| (r["method"].as_str().unwrap().to_owned(), r["token"].clone()))
        .collect();
    assert_eq!(
        seen,
        [
            ("GET".into(), json!("accepted")),
            ("PUT".into(), json!("accepted")),
            ("GET".into(), json!("rejected")),
            ("GET".into(), json!("accepted")),
        ]
    );
    let text = s.call("GET", "/__control/requests", &[], None).text();
    assert!(!text.contains(&hw) && !text.contains(&otc), "{text}");
    // A reset keeps the tokens; the configured token keeps working beside them.
    s.control("POST", "/__control/reset", None);
    assert_eq!(list_with(&s, HW, &hw).status, 200);
    assert_eq!(list_with(&s, HW, TOKEN).status, 200);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_expired_token_is_refused_like_an_unknown_one() {
    let s = start(Config {
        token_lifetime: Duration::from_secs(1),
        ..test_config()
    })
    .await;
    let r = post(&s, SIGN_IN, &demo_body(HW));
    let t = token(&r);
    let tok = &r.json()["token"];
    let expires = unix_ms(tok["expires_at"].as_str().unwrap());
    assert_eq!(expires - unix_ms(tok["issued_at"].as_str().unwrap()), 1000);
    assert_eq!(list_with(&s, HW, &t).status, 200, "valid at first");
    let unknown = list_with(&s, HW, "MIIneverissued");
    assert!(
        poll_until(Duration::from_secs(5), || list_with(&s, HW, &t).status
            == 401),
        "still accepted 5 s after a 1 s lifetime"
    );
    assert!(now_ms() >= expires - 50, "refused before its expires_at");
    let expired = list_with(&s, HW, &t);
    assert_eq!(expired.json(), unknown.json());
    assert_eq!(
        unknown.json(),
        json!({"error_code": "EndPoint.0003",
               "error_msg": "The token in the X-Auth-Token header is invalid or has expired."})
    );
    assert_eq!(
        s.requests().last().unwrap()["token"],
        "rejected",
        "the log says so too"
    );
    // The configured token never runs out.
    assert_eq!(list_with(&s, HW, TOKEN).status, 200);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_user_password_or_account_gets_one_and_the_same_401() {
    let s = start_default().await;
    let wrong = json!({"error": {"code": 401,
        "message": "The username or password is wrong.", "title": "Unauthorized"}});
    for b in [
        body("nobody", demo::IAM_PASSWORD, demo::IAM_ACCOUNT, HW),
        body(demo::IAM_USER, "demo-password-9", demo::IAM_ACCOUNT, HW),
        body(demo::IAM_USER, demo::IAM_PASSWORD, "other-account", HW),
        // The password is checked before the MFA and the project.
        mfa_body("wrong", demo::IAM_MFA_USER_ID, demo::IAM_MFA_PASSCODE, HW),
        body(
            demo::IAM_USER,
            "wrong",
            demo::IAM_ACCOUNT,
            "no-such-project",
        ),
    ] {
        for path in PATHS {
            let r = post(&s, path, &b);
            assert_eq!(r.status, 401, "{b}");
            assert_eq!(r.json(), wrong, "{b}");
            assert_eq!(r.header("x-subject-token"), None);
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_mfa_user_needs_the_right_user_id_and_passcode() {
    let s = start_default().await;
    let pw = demo::IAM_MFA_PASSWORD;
    let without = post(
        &s,
        SIGN_IN,
        &body(demo::IAM_MFA_USER, pw, demo::IAM_ACCOUNT, HW),
    );
    let message = refusal(&without, 401, "Unauthorized");
    assert!(
        message.contains("verification code") && message.contains("MFA"),
        "{message}"
    );
    for (id, code) in [
        (demo::IAM_MFA_USER_ID, "135791"),
        ("00000000000000000000000000000000", demo::IAM_MFA_PASSCODE),
    ] {
        let r = post(&s, SIGN_IN, &mfa_body(pw, id, code, HW));
        assert_eq!(
            refusal(&r, 401, "Unauthorized"),
            "The verification code is incorrect."
        );
        assert_eq!(r.header("x-subject-token"), None);
    }
    let r = post(
        &s,
        SIGN_IN,
        &mfa_body(pw, demo::IAM_MFA_USER_ID, demo::IAM_MFA_PASSCODE, HW),
    );
    let t = token(&r);
    assert_eq!(r.json()["token"]["methods"], json!(["password", "totp"]));
    assert_eq!(r.json()["token"]["user"]["id"], demo::IAM_MFA_USER_ID);
    assert_eq!(list_with(&s, HW, &t).status, 200);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_locked_user_is_refused_as_locked_whatever_the_password() {
    let s = start_default().await;
    for pw in ["demo-password-3", "anything", demo::IAM_PASSWORD] {
        let r = post(
            &s,
            SIGN_IN,
            &body(demo::IAM_LOCKED_USER, pw, demo::IAM_ACCOUNT, HW),
        );
        let message = refusal(&r, 401, "Unauthorized").to_ascii_lowercase();
        assert!(message.contains("locked"), "{message}");
        // The console reads MFA words first: a lock must not read as one.
        for mfa in ["mfa", "totp", "passcode", "verification code"] {
            assert!(!message.contains(mfa), "{mfa} in {message}");
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_project_the_user_may_not_scope_to_is_403() {
    let s = start_default().await;
    let mfa_to_otc = mfa_body(
        demo::IAM_MFA_PASSWORD,
        demo::IAM_MFA_USER_ID,
        demo::IAM_MFA_PASSCODE,
        OTC,
    );
    for (b, named) in [
        (mfa_to_otc, OTC.to_owned()),
        (
            demo_body("0123456789abcdef0123456789abcdef"),
            "0123456789abcdef".into(),
        ),
    ] {
        let r = post(&s, SIGN_IN, &b);
        let message = refusal(&r, 403, "Forbidden");
        assert!(
            message.contains("no access") && message.contains(&named),
            "{message}"
        );
        assert!(!message.to_ascii_lowercase().contains("lock"), "{message}");
        assert_eq!(r.header("x-subject-token"), None);
    }
    // IAM also takes a project by its name, which is the region's.
    let by_name = demo_body(HW).replace(&format!(r#""id":"{HW}""#), r#""name":"eu-de""#);
    let r = post(&s, SIGN_IN, &by_name);
    token(&r);
    assert_eq!(r.json()["token"]["project"]["id"], OTC);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_body_not_of_the_documented_shape_is_400_naming_what_is_missing() {
    let s = start_default().await;
    let pw = demo::IAM_PASSWORD;
    let user =
        json!({"name": demo::IAM_USER, "password": pw, "domain": {"name": demo::IAM_ACCOUNT}});
    let scope = json!({"project": {"id": HW}});
    let auth = |identity: Value, scope: Option<Value>| {
        let mut a = json!({"identity": identity});
        if let Some(sc) = scope {
            a["scope"] = sc;
        }
        json!({ "auth": a }).to_string()
    };
    let password_only = |u: Value| json!({"methods": ["password"], "password": {"user": u}});
    let cases = [
        ("not json".to_owned(), "not valid JSON"),
        (String::new(), "not valid JSON"),
        ("[]".to_owned(), "auth is required"),
        ("{}".to_owned(), "auth is required"),
        (r#"{"auth": {}}"#.to_owned(), "auth.identity is required"),
        (
            auth(json!({"password": {"user": user}}), Some(scope.clone())),
            "auth.identity.methods is required",
        ),
        (
            auth(
                json!({"methods": [], "password": {"user": user}}),
                Some(scope.clone()),
            ),
            "auth.identity.methods is required",
        ),
        (
            auth(json!({"methods": ["token"]}), Some(scope.clone())),
            "Unsupported authentication method 'token'",
        ),
        (
            auth(json!({"methods": ["totp"]}), Some(scope.clone())),
            "must include password",
        ),
        (
            auth(json!({"methods": ["password"]}), Some(scope.clone())),
            "auth.identity.password.user is required",
        ),
        (
            auth(
                password_only(json!({"name": "demo-user", "domain": {"name": "demo-account"}})),
                Some(scope.clone()),
            ),
            "auth.identity.password.user.password is required",
        ),
        (
            auth(
                password_only(json!({"password": pw, "domain": {"name": "demo-account"}})),
                Some(scope.clone()),
            ),
            "auth.identity.password.user.name is required",
        ),
        (
            auth(
                password_only(json!({"name": "demo-user", "password": pw})),
                Some(scope.clone()),
            ),
            "auth.identity.password.user.domain is required",
        ),
        (
            auth(
                json!({"methods": ["password", "totp"], "password": {"user": user}}),
                Some(scope.clone()),
            ),
            "auth.identity.totp.user is required",
        ),
        (
            auth(
                json!({"methods": ["password", "totp"], "password": {"user": user}, "totp": {"user": {"id": demo::IAM_MFA_USER_ID}}}),
                Some(scope.clone()),
            ),
            "auth.identity.totp.user.passcode is required",
        ),
        (
            auth(
                json!({"methods": ["password", "totp"], "password": {"user": user}, "totp": {"user": {"passcode": "246810"}}}),
                Some(scope.clone()),
            ),
            "auth.identity.totp.user.id is required",
        ),
        (
            auth(password_only(user.clone()), None),
            "auth.scope is required",
        ),
        (
            auth(
                password_only(user.clone()),
                Some(json!({"domain": {"name": "demo-account"}})),
            ),
            "auth.scope.project is required",
        ),
        (
            auth(password_only(user.clone()), Some(json!({"project": {}}))),
            "auth.scope.project.id (or its name) is required",
        ),
    ];
    for (b, says) in &cases {
        let r = post(&s, SIGN_IN, b);
        let message = refusal(&r, 400, "Bad Request");
        assert!(message.contains(says), "{b}: {message}");
        assert!(!message.contains(pw), "the password in {message}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_a_post_to_exactly_the_sign_in_path_signs_in() {
    let s = start_default().await;
    for (method, path) in [
        ("GET", "/v3/auth/tokens"),
        ("GET", "/iam/v3/auth/tokens"),
        ("PUT", "/iam/v3/auth/tokens"),
        ("POST", "/iam/v3/users"),
        ("POST", "/iam/v3/auth/tokens/x"),
        ("POST", "/iam/auth/tokens"),
    ] {
        let r = s.call(
            method,
            path,
            &[("Content-Type", "application/json")],
            Some(&demo_body(HW)),
        );
        assert_eq!(
            (r.status, r.code()),
            (404, "APIGW.0101".into()),
            "{method} {path}"
        );
    }
    // With a bundle on the same origin, /iam and /v3 stay the API's, not files.
    let (_tmp, dist) = static_fixture();
    let s = start(Config {
        static_dir: Some(dist),
        ..test_config()
    })
    .await;
    assert_eq!(
        s.call("GET", "/", &[], None).status,
        200,
        "the bundle is served"
    );
    token(&post(&s, SIGN_IN, &demo_body(HW)));
    for path in ["/iam/v3/auth/tokens", "/v3/auth/tokens", "/iam/index.html"] {
        let r = s.call("GET", path, &[], None);
        assert_eq!((r.status, r.code()), (404, "APIGW.0101".into()), "{path}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_request_log_records_sign_ins_without_their_bodies() {
    let s = start_default().await;
    let mfa = mfa_body(
        demo::IAM_MFA_PASSWORD,
        demo::IAM_MFA_USER_ID,
        demo::IAM_MFA_PASSCODE,
        HW,
    );
    let statuses: Vec<u16> = [
        demo_body(HW),
        body(demo::IAM_USER, "demo-password-wrong", demo::IAM_ACCOUNT, HW),
        mfa,
        "not json, demo-password-raw".to_owned(),
    ]
    .iter()
    .map(|b| post(&s, SIGN_IN, b).status)
    .collect();
    assert_eq!(statuses, [201, 401, 201, 400]);
    let log = s.requests();
    assert_eq!(log.len(), 4, "{log:#?}");
    for (r, status) in log.iter().zip(statuses) {
        assert_eq!(r["method"], "POST");
        assert_eq!(r["path"], "/iam/v3/auth/tokens");
        assert_eq!(r["query"], "nocatalog=true");
        assert_eq!(r["status"], status);
        assert_eq!(r["content_type"], "application/json;charset=utf8");
        assert_eq!(r["body"], Value::Null, "{r}");
        assert_eq!(r["body_withheld"], true, "{r}");
    }
    let text = s.call("GET", "/__control/requests", &[], None).text();
    for secret in [
        demo::IAM_PASSWORD,
        demo::IAM_MFA_PASSWORD,
        demo::IAM_MFA_PASSCODE,
        "demo-password",
    ] {
        assert!(!text.contains(secret), "{secret} in the log: {text}");
    }
    // Other bodies are still shown, and say nothing of being withheld.
    s.put(&service_path(HW, WEB), r#"{"description":"shown"}"#);
    let put = s.requests().pop().unwrap();
    assert_eq!(put["body"], r#"{"description":"shown"}"#);
    assert!(put.get("body_withheld").is_none(), "{put}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_page_on_another_origin_may_sign_in_and_read_the_token() {
    let s = start_socket_default().await;
    let pre = s.call(
        "OPTIONS",
        SIGN_IN,
        &[
            ("Origin", ORIGIN),
            ("Access-Control-Request-Method", "POST"),
            ("Access-Control-Request-Headers", "content-type"),
        ],
        None,
    );
    assert_eq!(pre.status, 204);
    assert_eq!(pre.header("access-control-allow-origin"), Some(ORIGIN));
    assert!(pre
        .header("access-control-allow-methods")
        .unwrap()
        .contains("POST"));
    assert!(pre
        .header("access-control-allow-headers")
        .unwrap()
        .contains("Content-Type"));
    let r = s.call(
        "POST",
        SIGN_IN,
        &[
            ("Origin", ORIGIN),
            ("Content-Type", "application/json;charset=utf8"),
        ],
        Some(&demo_body(HW)),
    );
    let t = token(&r);
    assert_eq!(r.header("access-control-allow-origin"), Some(ORIGIN));
    let exposed: Vec<&str> = r
        .header("access-control-expose-headers")
        .unwrap()
        .split(',')
        .map(str::trim)
        .collect();
    assert!(exposed.contains(&"X-Subject-Token"), "{exposed:?}");
    assert_eq!(list_with(&s, HW, &t).status, 200);
    // A refusal is readable too, so the page can show IAM's message.
    let wrong = s.call(
        "POST",
        SIGN_IN,
        &[("Origin", ORIGIN), ("Content-Type", "application/json")],
        Some(&body(demo::IAM_USER, "nope", demo::IAM_ACCOUNT, HW)),
    );
    assert_eq!(wrong.status, 401);
    assert_eq!(wrong.header("access-control-allow-origin"), Some(ORIGIN));
}
