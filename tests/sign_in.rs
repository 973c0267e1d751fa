//! End to end: signing in with an IAM user against the local server's `POST
//! /v3/auth/tokens` (through the console's default IAM proxy, `/iam` on its own origin).
//! Signing in loads the list; IAM's refusals (wrong password, locked user, MFA, a project the
//! user may not use, IAM unreachable) are each told at the form with the typed names kept;
//! virtual MFA asks for the passcode and then works; a token that runs out warns, then asks to
//! sign in again before any request goes, and the draft survives; the password is in none of
//! sessionStorage, localStorage, the history export or the server's request log.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use serde_json::Value;
use std::time::Duration;
use support::{Browser, Stack, PROJECT, WEB};
use vpcep_local_api::demo::{
    IAM_ACCOUNT, IAM_LOCKED_USER, IAM_MFA_PASSCODE, IAM_MFA_PASSWORD, IAM_MFA_USER,
    IAM_MFA_USER_ID, IAM_PASSWORD, IAM_USER,
};

/// A wrong password typed on the way: it must not be kept anywhere either.
const WRONG_PASSWORD: &str = "not-the-password-7";

/// Fills the sign-in form and sends it with Enter in the password field (the keyboard path).
async fn sign_in(b: &Browser, user: &str, password: &str) {
    b.fill("#si-user", user).await;
    b.fill("#si-account", IAM_ACCOUNT).await;
    b.fill("#si-password", password).await;
    b.keys("#si-password", "\u{e007}").await;
}

/// Everything this tab's storage holds, as one text.
async fn storage(b: &Browser) -> String {
    b.execute(
        "const all = s => Object.fromEntries(Object.keys(s).map(k => [k, s.getItem(k)])); \
         return JSON.stringify({session: all(sessionStorage), local: all(localStorage)});",
        vec![],
    )
    .await
    .as_str()
    .unwrap()
    .to_owned()
}

/// The history as its export writes it (the panel opened first).
async fn history_export(b: &Browser) -> String {
    if b.attr("#history", "open").await.is_none() {
        b.click("#history > summary").await;
    }
    b.wait_shown("#export-history").await;
    b.execute(
        "const href = document.getElementById('export-history').href; \
         return decodeURIComponent(href.slice(href.indexOf(',') + 1));",
        vec![],
    )
    .await
    .as_str()
    .unwrap()
    .to_owned()
}

/// Fails naming the place where any of `secrets` shows up.
fn assert_absent(place: &str, text: &str, secrets: &[&str]) {
    for s in secrets {
        assert!(!text.contains(s), "{s:?} is in {place}: {text}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_in_loads_the_list_and_iam_s_refusals_keep_what_was_typed() {
    let stack = Stack::start().await;
    let b = Browser::start().await;
    b.goto(&format!("{}/?project_id={PROJECT}", stack.origin))
        .await;

    // A wrong password: IAM's own words at the form, the console's next step, the names kept.
    sign_in(&b, IAM_USER, WRONG_PASSWORD).await;
    let said = b
        .wait_text("#sign-in-problem", |t| t.contains("HTTP 401"))
        .await;
    assert!(
        said.contains("user name, password or account name is wrong"),
        "{said}"
    );
    assert!(
        said.contains("The username or password is wrong"),
        "IAM's text: {said}"
    );
    assert_eq!(b.value("#si-user").await, IAM_USER);
    assert_eq!(b.value("#si-account").await, IAM_ACCOUNT);
    assert_eq!(
        b.focused_id().await,
        "si-password",
        "still in the password field"
    );
    let serious = b.axe().await;
    assert!(serious.is_empty(), "axe on the sign-in error: {serious:?}");
    b.scroll_to("#settings").await;
    b.execute("window.scrollBy(0, 260)", vec![]).await;
    b.screenshot("25-sign-in-error").await;

    // A locked user, then IAM unreachable (a proxy URL nothing answers): each in its words.
    sign_in(&b, IAM_LOCKED_USER, "anything-1").await;
    b.wait_text("#sign-in-problem", |t| t.contains("locked this user"))
        .await;
    b.fill("#si-iam-proxy", "http://127.0.0.1:9/iam").await;
    sign_in(&b, IAM_USER, IAM_PASSWORD).await;
    b.wait_text("#sign-in-problem", |t| {
        t.contains("could not be reached at http://127.0.0.1:9/iam")
    })
    .await;
    b.fill("#si-iam-proxy", &format!("{}/iam", stack.origin))
        .await;
    // A project the user may not use: IAM's 403, and where to look.
    b.fill("#s-project-id", "0123456789abcdef0123456789abcdef")
        .await;
    sign_in(&b, IAM_USER, IAM_PASSWORD).await;
    b.wait_text("#sign-in-problem", |t| {
        t.contains("HTTP 403") && t.contains("may not use this project")
    })
    .await;
    b.fill("#s-project-id", PROJECT).await;

    // The right password: a token, the list, the header's countdown.
    sign_in(&b, IAM_USER, IAM_PASSWORD).await;
    b.wait_for("#service-table tbody tr", support::WAIT).await;
    let summary = b.text("#settings-summary").await;
    assert!(summary.contains("token valid for 24 h 0 min"), "{summary}");
    // The settings folded into the header with the first answer; opened, they say who.
    b.click("#toggle-settings").await;
    b.wait_text("#signed-in", |t| {
        t.contains("Signed in as demo-user (account demo-account)")
    })
    .await;
    let requests = stack.api.requests().await;
    let sign_ins: Vec<&Value> = requests
        .iter()
        .filter(|r| r["path"] == "/iam/v3/auth/tokens")
        .collect();
    // Wrong, locked, the other project, right: the unreachable one never arrived.
    assert_eq!(sign_ins.len(), 4, "{requests:?}");
    assert!(sign_ins
        .iter()
        .all(|r| r["query"] == "nocatalog=true" && r["body"].is_null()));
    let list = requests
        .iter()
        .rfind(|r| r["method"] == "GET")
        .expect("the list was read");
    assert_eq!(
        list["token"], "accepted",
        "the token IAM gave is the one sent"
    );

    // Sign out (the header's): the token is gone from memory and sessionStorage, and the
    // sign-in is there again.
    b.click("#header-sign-out").await;
    b.wait_text("#settings-summary", |t| t.contains("no token"))
        .await;
    b.wait_shown("#si-password").await;
    assert!(!storage(&b).await.contains("vpcep-console:token"));

    // Virtual MFA: IAM asks for the passcode; a wrong one is refused, the right one works.
    sign_in(&b, IAM_MFA_USER, IAM_MFA_PASSWORD).await;
    b.wait_text("#sign-in-problem", |t| t.contains("virtual MFA"))
        .await;
    assert_eq!(b.prop("#si-mfa", "checked").await.as_deref(), Some("true"));
    assert_eq!(b.focused_id().await, "si-user-id");
    b.fill("#si-user-id", IAM_MFA_USER_ID).await;
    b.fill("#si-passcode", "000000").await;
    b.click("#sign-in").await;
    b.wait_text("#sign-in-problem", |t| {
        t.contains("did not accept the passcode")
    })
    .await;
    b.fill("#si-password", IAM_MFA_PASSWORD).await;
    b.fill("#si-passcode", IAM_MFA_PASSCODE).await;
    b.click("#sign-in").await;
    b.wait_text("#signed-in", |t| t.contains("Signed in as mfa-user"))
        .await;
    b.wait_for("#service-table tbody tr", support::WAIT).await;
    b.execute("window.scrollTo(0, 0)", vec![]).await;
    b.screenshot("26-signed-in").await;

    // No password or passcode anywhere: storage, the history export, the server's log.
    let secrets = [
        IAM_PASSWORD,
        IAM_MFA_PASSWORD,
        WRONG_PASSWORD,
        IAM_MFA_PASSCODE,
        "000000",
    ];
    let kept = storage(&b).await;
    assert!(
        kept.contains(IAM_USER) || kept.contains(IAM_MFA_USER),
        "the names are remembered: {kept}"
    );
    assert_absent("sessionStorage or localStorage", &kept, &secrets);
    let export = history_export(&b).await;
    assert!(
        export.contains("\"operation\": \"sign_in\"") && export.contains("******"),
        "{export}"
    );
    assert_absent("the history export", &export, &secrets);
    let log = serde_json::to_string(&stack.api.requests().await).unwrap();
    assert_absent("the server's request log", &log, &secrets);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_token_that_runs_out_warns_then_asks_to_sign_in_again_and_the_draft_survives() {
    let stack = Stack::start_with_token_lifetime(Duration::from_secs(12)).await;
    let b = Browser::start().await;
    b.goto(&format!(
        "{}/?project_id={PROJECT}&service_id={WEB}",
        stack.origin
    ))
    .await;
    sign_in(&b, IAM_USER, IAM_PASSWORD).await;
    b.wait_shown("#f-description").await;
    // Ten minutes or less left: the header warns.
    let summary = b
        .wait_text("#settings-summary", |t| {
            t.contains("token expires in 1 min")
        })
        .await;
    assert!(
        b.attr("#settings-summary", "class")
            .await
            .unwrap()
            .contains("soon"),
        "{summary}"
    );
    b.fill("#f-description", "typed before the token ran out")
        .await;

    // Run out: the header says so, and a Save sends nothing.
    b.try_wait_text(
        "#settings-summary",
        |t| t.contains("token expired"),
        Duration::from_secs(20),
    )
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    let sent_before = stack.api.requests().await.len();
    b.click("#save").await;
    let said = b
        .wait_text(".banner.error", |t| t.contains("sign in again"))
        .await;
    assert!(said.contains("drafts are kept"), "{said}");
    assert_eq!(
        stack.api.requests().await.len(),
        sent_before,
        "nothing was sent"
    );

    // Sign in again: the names are there, the focus in the password field.
    b.click("#sign-in-again").await;
    b.wait_shown("#si-password").await;
    b.wait_until("the focus in the password field", || async {
        b.focused_id().await == "si-password"
    })
    .await;
    assert_eq!(b.value("#si-user").await, IAM_USER);
    assert_eq!(b.value("#si-account").await, IAM_ACCOUNT);
    b.type_text("#si-password", IAM_PASSWORD).await;
    b.keys("#si-password", "\u{e007}").await;
    b.wait_text("#settings-summary", |t| t.contains("token expires in"))
        .await;
    // The draft survived, and now it goes.
    b.wait_until("the draft in the form", || async {
        b.value("#f-description").await == "typed before the token ran out"
    })
    .await;
    b.click("#save").await;
    b.wait_text("#save-result", |t| t.starts_with("Saved"))
        .await;
    let put = stack.api.requests_with("PUT").await;
    assert_eq!(put.len(), 1);
    assert!(put[0]["body"]
        .as_str()
        .unwrap()
        .contains("typed before the token ran out"));
    assert_eq!(put[0]["token"], "accepted");
}
