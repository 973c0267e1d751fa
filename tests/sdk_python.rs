//! The Python snippets of the change as code, run with the real huaweicloudsdkvpcep from PyPI
//! (pinned in `.ci/lib.sh`, installed by `bash .ci/test`) against the local API server: each
//! makes exactly the request the console would send, as the server's request log shows it.
//! Only the credentials differ, through the SDK's own extension point
//! (`tests/sdk/token_credentials.py`: the token as X-Auth-Token instead of an AK/SK
//! signature); the snippet runs as the console shows it, its region pointed at the local
//! server by the SDK's own variable (`HUAWEICLOUD_SDK_REGION_VPCEP_CN_NORTH_4`).
#![cfg(not(target_arch = "wasm32"))]

mod support;

use serde_json::Value;
use std::path::PathBuf;
use std::time::Duration;
use support::{Api, PROJECT, TOKEN, WEB};
use vpcep_console::api::code::{snippet, Context, Tool};
use vpcep_console::api::{build_request, Dialect, Operation, PortMapping, Settings, UpdateBody};

fn python() -> PathBuf {
    let path = std::env::var_os("VPCEP_SDK_PYTHON")
        .map(PathBuf::from)
        .unwrap_or_else(|| support::installed_tool("python-sdk-3.1.219/bin/python"));
    assert!(
        path.exists(),
        "no Python with huaweicloudsdkvpcep at {} (bash .ci/test installs it)",
        path.display()
    );
    path
}

/// Runs `op`'s Python snippet against `api`, and checks that the last request the server got
/// is the one the console would send for `op`.
async fn runs_as_the_console_sends(api: &Api, op: Operation) {
    let settings = Settings {
        proxy_url: api.origin.clone(),
        project_id: PROJECT.into(),
        region: "cn-north-4".into(),
        dialect: Dialect::Huawei,
        token: TOKEN.into(),
        ..Default::default()
    };
    let console = build_request(&settings, &op).unwrap();
    let cx = Context {
        project_id: PROJECT,
        region: "cn-north-4",
        dialect: Dialect::Huawei,
        service: None,
    };
    let code = snippet(Tool::Python, &op, &console, &cx).unwrap().code;
    let dir = support::stack::temp_dir("sdk");
    let file = dir.path().join("snippet.py");
    std::fs::write(&file, &code).unwrap();
    let before = api.requests().await.len();
    let harness = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/sdk/token_credentials.py");
    let run = tokio::process::Command::new(python())
        .arg(&harness)
        .arg(&file)
        // The SDK writes ~/.huaweicloud/application_id: a home of the test's own.
        .env("HOME", dir.path())
        .env("CLOUD_SDK_AK", "not-used")
        .env("CLOUD_SDK_SK", "not-used")
        .env("VPCEP_TEST_TOKEN", TOKEN)
        .env("HUAWEICLOUD_SDK_REGION_VPCEP_CN_NORTH_4", &api.origin)
        .env("NO_PROXY", "*")
        .env_remove("HTTP_PROXY")
        .env_remove("HTTPS_PROXY")
        .kill_on_drop(true)
        .output();
    let out = tokio::time::timeout(Duration::from_secs(60), run)
        .await
        .expect("the snippet ran within 60 s")
        .unwrap();
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "the snippet failed:\n{code}\n{said}");
    assert!(
        !said.contains("ClientRequestException") && !said.contains("Error"),
        "{said}"
    );

    let log = api.requests().await;
    assert_eq!(log.len(), before + 1, "one request: {:?}", &log[before..]);
    let sent = &log[before];
    assert_eq!(sent["method"], console.method.as_str(), "{sent}");
    let (path, query) = console.path.split_once('?').unwrap_or((&console.path, ""));
    assert_eq!(sent["path"], path, "{sent}");
    assert_eq!(sent["query"].as_str().unwrap_or(""), query, "{sent}");
    assert_eq!(sent["token"], "accepted", "{sent}");
    assert!(
        sent["status"]
            .as_u64()
            .is_some_and(|s| (200..300).contains(&s)),
        "{sent}"
    );
    let json = |b: Option<&str>| b.map(|b| serde_json::from_str::<Value>(b).unwrap());
    assert_eq!(
        json(sent["body"].as_str()),
        json(console.body.as_deref()),
        "the body, field for field"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_python_snippets_make_the_consoles_requests() {
    let api = Api::start(None).await;
    // An upgrade: POST /v2/…/upgrade with no body (first: a ports change makes the service
    // `creating` for a while, and busy).
    runs_as_the_console_sends(&api, Operation::UpgradeService { id: WEB.into() }).await;
    // A ports change (the whole list, as the API replaces it) and a description.
    runs_as_the_console_sends(
        &api,
        Operation::UpdateService {
            id: WEB.into(),
            body: UpdateBody {
                ports: Some(vec![
                    PortMapping::new(8080, 80, "TCP"),
                    PortMapping::new(9443, 443, "TCP"),
                ]),
                description: Some("Tier one, from Python".into()),
                ..Default::default()
            },
        },
    )
    .await;
}
