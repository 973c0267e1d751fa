//! Signing in with an IAM user, in the core: the exact request IAM's reference documents
//! (password method, project scope, `?nocatalog=true`, `totp` for virtual MFA), what its
//! answers mean, and how long a token has left.
#![cfg(not(target_arch = "wasm32"))]

use serde_json::{json, Value};
use vpcep_console::api::iam::{
    iam_words, masked_body, parse_utc_ms, read_sign_in, sign_in_request, token_time, Mfa, SignIn,
    SignInFailure, SignInField, TokenTime,
};
use vpcep_console::api::request::Method;
use vpcep_console::api::words::{set_words, zh};
use vpcep_console::api::{build_request, Operation, Settings, SettingsError};

const PROJECT: &str = "2b0c8e3f6a4d4e1b9c7f5a3d1e0b8c6a";

fn form() -> SignIn {
    SignIn {
        user: " alice ".into(),
        password: "s3cret pass".into(),
        account: "acme".into(),
        project_id: PROJECT.into(),
        mfa: None,
    }
}

#[test]
fn the_sign_in_is_iam_s_password_method_scoped_to_the_project() {
    let r = sign_in_request("https://console.example.com/iam/", &form()).unwrap();
    assert_eq!(r.method, Method::Post);
    assert_eq!(
        r.url,
        "https://console.example.com/iam/v3/auth/tokens?nocatalog=true"
    );
    assert_eq!(
        r.header("Content-Type"),
        Some("application/json;charset=utf8")
    );
    // No token goes to IAM: there is none yet.
    assert_eq!(r.header("X-Auth-Token"), None);
    let body: Value = serde_json::from_str(r.body.as_deref().unwrap()).unwrap();
    assert_eq!(
        body,
        json!({ "auth": {
            "identity": {
                "methods": ["password"],
                "password": { "user": {
                    "name": "alice", "password": "s3cret pass", "domain": { "name": "acme" }
                } }
            },
            "scope": { "project": { "id": PROJECT } }
        } })
    );
}

#[test]
fn virtual_mfa_adds_the_totp_method_with_the_user_id_and_passcode() {
    let mut s = form();
    s.mfa = Some(Mfa {
        user_id: "b95b78b67fa045b38104c12fb".into(),
        passcode: " 123456 ".into(),
    });
    let r = sign_in_request("http://127.0.0.1:9000/iam", &s).unwrap();
    let body: Value = serde_json::from_str(r.body.as_deref().unwrap()).unwrap();
    let identity = &body["auth"]["identity"];
    assert_eq!(identity["methods"], json!(["password", "totp"]));
    assert_eq!(
        identity["totp"],
        json!({ "user": { "id": "b95b78b67fa045b38104c12fb", "passcode": "123456" } })
    );
    // A passcode that is not 6 digits is stopped at its field.
    s.mfa.as_mut().unwrap().passcode = "12345".into();
    let p = sign_in_request("http://127.0.0.1:9000/iam", &s).unwrap_err();
    assert_eq!(p.field, SignInField::Passcode);
    assert!(p.message.contains("6 digits"), "{}", p.message);
}

#[test]
fn a_missing_field_is_named_and_nothing_is_built() {
    for (change, field) in [
        (
            Box::new(|s: &mut SignIn| s.user = " ".into()) as Box<dyn Fn(&mut SignIn)>,
            SignInField::User,
        ),
        (
            Box::new(|s: &mut SignIn| s.password.clear()),
            SignInField::Password,
        ),
        (
            Box::new(|s: &mut SignIn| s.account.clear()),
            SignInField::Account,
        ),
        (
            Box::new(|s: &mut SignIn| s.project_id.clear()),
            SignInField::Project,
        ),
    ] {
        let mut s = form();
        change(&mut s);
        assert_eq!(
            sign_in_request("https://x.example/iam", &s)
                .unwrap_err()
                .field,
            field
        );
    }
    let p = sign_in_request("not a url", &form()).unwrap_err();
    assert_eq!(p.field, SignInField::IamProxy);
}

#[test]
fn the_password_is_not_in_debug_output() {
    let mut s = form();
    s.mfa = Some(Mfa {
        user_id: "u1".into(),
        passcode: "654321".into(),
    });
    let shown = format!("{s:?}");
    assert!(
        !shown.contains("s3cret") && !shown.contains("654321"),
        "{shown}"
    );
    assert!(shown.contains("alice"), "{shown}");
}

#[test]
fn iam_s_answer_gives_the_token_and_its_expiry() {
    let headers = vec![("x-subject-token".to_owned(), "MIIExample".to_owned())];
    let body = r#"{"token":{"expires_at":"2026-12-05T01:00:00.000000Z","methods":["password"]}}"#;
    let signed = read_sign_in(201, &headers, body).unwrap();
    assert_eq!(signed.token, "MIIExample");
    assert_eq!(signed.expires_at, "2026-12-05T01:00:00.000000Z");
    // A proxy that does not expose the header: said so, not a silent empty token.
    match read_sign_in(201, &[], body) {
        Err(SignInFailure::Unreadable(m)) => assert!(m.contains("X-Subject-Token"), "{m}"),
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        read_sign_in(201, &headers, "{}"),
        Err(SignInFailure::Unreadable(_))
    ));
}

#[test]
fn refusals_are_told_apart() {
    let wrong = r#"{"error":{"code":401,"message":"The username or password is wrong.","title":"Unauthorized"}}"#;
    assert_eq!(
        read_sign_in(401, &[], wrong),
        Err(SignInFailure::WrongPassword)
    );
    let mfa =
        r#"{"error_msg":"The verification code is required for MFA.","error_code":"IAM.0101"}"#;
    assert_eq!(read_sign_in(401, &[], mfa), Err(SignInFailure::MfaNeeded));
    let locked =
        r#"{"error":{"code":401,"message":"The account is locked.","title":"Unauthorized"}}"#;
    assert_eq!(read_sign_in(401, &[], locked), Err(SignInFailure::Locked));
    assert_eq!(
        read_sign_in(403, &[], "{}"),
        Err(SignInFailure::NoProjectAccess)
    );
    assert_eq!(
        read_sign_in(502, &[], "<html>"),
        Err(SignInFailure::Refused(502))
    );
    assert!(SignInFailure::Refused(502).message().contains("502"));
    set_words(zh());
    assert!(SignInFailure::WrongPassword.message().contains("密码"));
}

#[test]
fn times_are_read_as_utc() {
    assert_eq!(parse_utc_ms("1970-01-01T00:00:00Z"), Some(0));
    assert_eq!(parse_utc_ms("1970-01-02T00:00:01.5Z"), Some(86_401_500));
    // 2026-12-05T01:00:00Z, as `date -u -d … +%s` gives it.
    assert_eq!(
        parse_utc_ms("2026-12-05T01:00:00.000000Z"),
        Some(1_796_432_400_000)
    );
    assert_eq!(
        parse_utc_ms("2024-02-29T12:00:00+00:00"),
        Some(1_709_208_000_000)
    );
    for bad in [
        "",
        "2026-12-05",
        "2026-13-01T00:00:00Z",
        "2026-12-05T01:00:00+08:00",
        "soon",
    ] {
        assert_eq!(parse_utc_ms(bad), None, "{bad}");
    }
}

#[test]
fn the_token_warns_ten_minutes_before_and_then_is_expired() {
    let at = "2026-12-05T01:00:00Z";
    let expiry = parse_utc_ms(at).unwrap();
    let min = 60_000;
    assert_eq!(
        token_time(at, expiry - 125 * min),
        Some(TokenTime::Valid { minutes_left: 125 })
    );
    assert_eq!(
        token_time(at, expiry - 125 * min).unwrap().text(),
        "token valid for 2 h 5 min"
    );
    assert_eq!(
        token_time(at, expiry - 10 * min),
        Some(TokenTime::Soon { minutes_left: 10 })
    );
    // Thirty seconds left is still a minute, never "0 min".
    assert_eq!(
        token_time(at, expiry - 30_000),
        Some(TokenTime::Soon { minutes_left: 1 })
    );
    assert_eq!(token_time(at, expiry), Some(TokenTime::Expired));
    assert_eq!(token_time(at, expiry + 1), Some(TokenTime::Expired));
    assert!(TokenTime::Expired.text().contains("sign in again"));
    // A pasted token's lifetime is not known.
    assert_eq!(token_time("", 0), None);
}

#[test]
fn the_history_copy_masks_the_password_and_passcode_and_nothing_else() {
    let mut s = form();
    s.mfa = Some(Mfa {
        user_id: "b95b78b67fa045b38104c12fb".into(),
        passcode: "123456".into(),
    });
    let sent: Value = serde_json::from_str(
        sign_in_request(PROJECT_URL, &s)
            .unwrap()
            .body
            .as_deref()
            .unwrap(),
    )
    .unwrap();
    let kept = masked_body(&s);
    assert!(
        !kept.contains("s3cret") && !kept.contains("123456"),
        "{kept}"
    );
    let mut kept: Value = serde_json::from_str(&kept).unwrap();
    let identity = &mut kept["auth"]["identity"];
    assert_eq!(identity["password"]["user"]["password"], "******");
    assert_eq!(identity["totp"]["user"]["passcode"], "******");
    identity["password"]["user"]["password"] = json!("s3cret pass");
    identity["totp"]["user"]["passcode"] = json!("123456");
    assert_eq!(kept, sent, "the rest is what was sent");
}

const PROJECT_URL: &str = "https://console.example.com/iam";

#[test]
fn a_refused_passcode_asks_for_the_code_again_and_iam_s_words_are_read() {
    let body = r#"{"error": {"code": 401, "message": "The verification code is incorrect.", "title": "Unauthorized"}}"#;
    let failure = read_sign_in(401, &[], body).unwrap_err();
    assert_eq!(failure, SignInFailure::MfaNeeded);
    assert!(failure.message_for(false).contains("virtual MFA"));
    assert!(failure
        .message_for(true)
        .contains("did not accept the passcode"));
    assert_eq!(
        iam_words(body),
        (
            Some("401".to_owned()),
            Some("The verification code is incorrect.".to_owned())
        )
    );
    assert_eq!(iam_words("<html>502</html>"), (None, None));
    // Wrong password: the same words whether or not a passcode went.
    let wrong = read_sign_in(
        401,
        &[],
        r#"{"error":{"code":401,"message":"The username or password is wrong.","title":"Unauthorized"}}"#,
    )
    .unwrap_err();
    assert_eq!(wrong.message_for(true), wrong.message());
}

#[test]
fn with_virtual_mfa_the_user_id_is_asked_for_before_the_passcode() {
    let mut s = form();
    s.mfa = Some(Mfa {
        user_id: " ".into(),
        passcode: "12345".into(),
    });
    let p = sign_in_request(PROJECT_URL, &s).unwrap_err();
    assert_eq!(p.field, SignInField::UserId);
    assert!(p.message.contains("user ID"), "{}", p.message);
}

#[test]
fn an_expired_sign_in_sends_nothing_and_asks_to_sign_in_again() {
    let s = Settings {
        proxy_url: "https://console.example.com".into(),
        project_id: PROJECT.into(),
        token: "MIIsigned".into(),
        token_expired: true,
        ..Default::default()
    };
    let e = build_request(
        &s,
        &Operation::GetService {
            id: "4189d3c2-8882-4871-a3c2-d380272eed83".into(),
        },
    )
    .unwrap_err();
    assert!(matches!(e, SettingsError::Token(_)));
    assert!(e.message().contains("sign in again"), "{}", e.message());
    assert!(e.message().contains("drafts are kept"), "{}", e.message());
    // Behind a proxy that adds the token, the console's token does not count.
    let by_proxy = Settings {
        token: String::new(),
        token_by_proxy: true,
        ..s
    };
    assert!(build_request(
        &by_proxy,
        &Operation::GetService {
            id: "4189d3c2-8882-4871-a3c2-d380272eed83".into()
        }
    )
    .is_ok());
}
