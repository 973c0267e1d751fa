//! The release archive (`bash .ci/package`, its path in `VPCEP_PACKAGE`), deployed exactly as
//! its OPERATORS.md says: the blocks marked `<!-- test: NAME -->` run as written, with the
//! test's values in place of the settings they start with, on a PATH with no cargo or rustc,
//! against Debian's nginx run from a temporary prefix on loopback, in front of the local API
//! server. Then, over HTTP: the console under its path, config.json, a precompressed wasm,
//! the API and the sign-in through the proxy, an upgrade, and the demo on a static server.
//!
//! Without `VPCEP_PACKAGE` the test says so loudly and passes, except in CI (`CI=true`),
//! where it fails: `bash .ci/test` builds the archive and sets it.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::collections::BTreeMap;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use support::nginx::{self, BROTLI_MODULE, NGINX};
use support::stack::{http, temp_dir};
use support::{Api, PROJECT, TOKEN, WAIT, WEB};
use vpcep_local_api::demo;

/// A PATH as a Debian server has it: no cargo, no rustc, no ~/.cargo/bin.
const SYSTEM_PATH: &str = "/usr/sbin:/usr/bin:/sbin:/bin";
/// How long one block of OPERATORS.md may run.
const BLOCK_TIME: Duration = Duration::from_secs(120);

fn archive() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("VPCEP_PACKAGE") {
        return Some(PathBuf::from(path));
    }
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("VPCEP_PACKAGE is unset in CI: bash .ci/test builds the archive (bash .ci/package) and sets it");
    }
    eprintln!(
        "\n************************************************************************\n\
         SKIPPED tests/package.rs: VPCEP_PACKAGE is unset. Build the archive with\n\
         `bash .ci/package` and run again with VPCEP_PACKAGE=target/package/vpcep-console-<version>.tar.gz\n\
         ************************************************************************\n"
    );
    None
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// The blocks of `doc` marked `<!-- test: NAME -->` (the next ```sh fence), by name, in order.
fn marked_blocks(doc: &str) -> Vec<(String, String)> {
    let mut blocks = Vec::new();
    let mut lines = doc.lines();
    while let Some(line) = lines.next() {
        let Some(name) = line
            .trim()
            .strip_prefix("<!-- test: ")
            .and_then(|r| r.strip_suffix(" -->"))
        else {
            continue;
        };
        assert_eq!(
            lines.next(),
            Some("```sh"),
            "<!-- test: {name} --> must be right above a ```sh block"
        );
        let body: Vec<&str> = lines.by_ref().take_while(|l| *l != "```").collect();
        blocks.push((name.to_owned(), body.join("\n") + "\n"));
    }
    blocks
}

/// The `NAME=value` lines a block starts with: its settings, each given the test's value
/// (shell-quoted; the doc's comment dropped). Every setting must have one.
fn with_values(block: &str, values: &BTreeMap<&str, String>) -> (Vec<String>, String) {
    let mut names = Vec::new();
    let mut out = String::new();
    let mut in_settings = true;
    for line in block.lines() {
        let name = line
            .split_once('=')
            .map(|(n, _)| n)
            .filter(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_uppercase() || c == '_'));
        match name {
            Some(name) if in_settings => {
                let value = values.get(name).unwrap_or_else(|| {
                    panic!("OPERATORS.md sets {name}, which the test has no value for")
                });
                out.push_str(&format!("{name}='{}'\n", value.replace('\'', r"'\''")));
                names.push(name.to_owned());
            }
            _ => {
                in_settings = false;
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    (names, out)
}

/// nginx from a prefix of its own, as Debian's would run: its http block includes every
/// `conf.d/*.conf`; `nginx` and `systemctl reload nginx` on the blocks' PATH reach this one.
struct Nginx {
    running: nginx::Running,
}

impl Nginx {
    fn start(prefix: &Path, conf_d: &Path) -> Nginx {
        nginx::write_main_conf(prefix, &format!("{}/*.conf", conf_d.display()));
        let mut running = nginx::Running::start(prefix);
        // Up when it has written its pid (it listens on nothing before a site is deployed).
        let deadline = Instant::now() + WAIT;
        while !prefix.join("nginx.pid").exists() {
            running.assert_running();
            assert!(
                Instant::now() < deadline,
                "nginx did not start: {}",
                running.error_log()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        Nginx { running }
    }

    fn error_log(&self) -> String {
        self.running.error_log()
    }

    /// The stand-ins for Debian's `nginx` and `systemctl` commands, in `bin`.
    fn commands(&self, bin: &Path) {
        let p = self.running.prefix().display();
        let scripts = [
            (
                "nginx",
                format!("#!/bin/sh\nexec {NGINX} -p {p} -c {p}/nginx.conf \"$@\"\n"),
            ),
            (
                "systemctl",
                "#!/bin/sh\n[ \"$*\" = \"reload nginx\" ] && exec nginx -s reload\n\
                 echo \"systemctl (the test's stand-in) knows 'reload nginx' only, not: $*\" >&2\nexit 1\n"
                    .to_owned(),
            ),
        ];
        for (name, text) in scripts {
            let path = bin.join(name);
            std::fs::write(&path, text).unwrap();
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
    }
}

/// Where the blocks run: the folder holding the archive, a system PATH with the stand-ins
/// first, nothing else of the test's environment.
struct Shell {
    download: PathBuf,
    path: String,
    home: PathBuf,
}

impl Shell {
    fn command(&self, script: &str) -> Command {
        let mut c = Command::new("/bin/bash");
        c.arg("-euo")
            .arg("pipefail")
            .arg("-c")
            .arg(script)
            .current_dir(&self.download)
            .env_clear()
            .env("PATH", &self.path)
            .env("HOME", &self.home)
            .env("LANG", "C.UTF-8")
            .stdin(Stdio::null());
        c
    }

    /// Runs `script` to its end (bounded), failing the test with its output if it fails.
    async fn run(&self, what: &str, script: &str) -> String {
        let mut c = tokio::process::Command::from(self.command(script));
        c.kill_on_drop(true);
        let out = tokio::time::timeout(BLOCK_TIME, c.output())
            .await
            .unwrap_or_else(|_| panic!("{what} ran longer than {BLOCK_TIME:?}"))
            .unwrap();
        let (stdout, stderr) = (
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr),
        );
        assert!(
            out.status.success(),
            "{what} failed ({}):\n{script}\nstdout:\n{stdout}\nstderr:\n{stderr}",
            out.status
        );
        format!("{stdout}{stderr}")
    }
}

/// The status, headers and body of a GET with `headers`.
async fn get(url: &str, headers: &[(&str, &str)]) -> (u16, reqwest::header::HeaderMap, Vec<u8>) {
    let mut request = http().get(url);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let answer = request
        .send()
        .await
        .unwrap_or_else(|e| panic!("GET {url}: {e}"));
    let status = answer.status().as_u16();
    let headers = answer.headers().clone();
    (status, headers, answer.bytes().await.unwrap().to_vec())
}

fn header<'a>(headers: &'a reqwest::header::HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).map(|v| v.to_str().unwrap())
}

/// GETs `url` until it answers 200 (nginx reloads its workers a moment after the signal).
async fn wait_ok(url: &str) -> Vec<u8> {
    let deadline = Instant::now() + WAIT;
    loop {
        if let Ok(answer) = http().get(url).send().await {
            if answer.status() == 200 {
                return answer.bytes().await.unwrap().to_vec();
            }
        }
        assert!(
            Instant::now() < deadline,
            "{url} did not answer 200 within {WAIT:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_archive_deploys_on_nginx_with_the_commands_of_operators_md() {
    let Some(archive) = archive() else { return };
    let archive = std::fs::canonicalize(&archive)
        .unwrap_or_else(|e| panic!("VPCEP_PACKAGE={}: {e}", archive.display()));
    let file = archive.file_name().unwrap().to_str().unwrap().to_owned();
    let version = file
        .strip_prefix("vpcep-console-")
        .and_then(|r| r.strip_suffix(".tar.gz"))
        .unwrap_or_else(|| panic!("{file} is not vpcep-console-VERSION.tar.gz"))
        .to_owned();
    let top = format!("vpcep-console-{version}");

    // What the archive holds: one top folder with the promised parts.
    let listing = Command::new("tar")
        .arg("-tzf")
        .arg(&archive)
        .output()
        .unwrap();
    assert!(listing.status.success());
    let listing = String::from_utf8(listing.stdout).unwrap();
    let names: Vec<&str> = listing.lines().collect();
    assert!(
        names.iter().all(|n| n.starts_with(&format!("{top}/"))),
        "not all under {top}/: {names:?}"
    );
    for part in [
        "dist/index.html",
        "deploy/render.py",
        "deploy/precompress",
        "deploy/nginx/vpcep-console.conf.in",
        "deploy/nginx/vpcep-proxy-cors.conf.in",
        "config.example.json",
        "demo/index.html",
        "OPERATORS.md",
    ] {
        assert!(
            names.contains(&format!("{top}/{part}").as_str()),
            "no {part} in {names:?}"
        );
    }
    for ext in ["_bg.wasm", "_bg.wasm.gz", "_bg.wasm.br"] {
        assert!(
            names
                .iter()
                .any(|n| n.starts_with(&format!("{top}/dist/")) && n.ends_with(ext)),
            "no dist/*{ext}"
        );
    }
    assert!(
        !names
            .iter()
            .any(|n| n.starts_with(&format!("{top}/dist/config.json"))),
        "a config.json is shipped"
    );

    let work = temp_dir("package");
    let w = work.path();
    let download = w.join("download");
    let (bin, home, conf_d, prefix) = (
        w.join("bin"),
        w.join("home"),
        w.join("conf.d"),
        w.join("nginx"),
    );
    for d in [&download, &bin, &home, &conf_d, &prefix] {
        std::fs::create_dir_all(d).unwrap();
    }
    std::fs::copy(&archive, download.join(&file)).unwrap();
    // The doc that ships, unpacked aside to read it: the repository's, with this version.
    let aside = w.join("aside");
    std::fs::create_dir_all(&aside).unwrap();
    let out = Command::new("tar")
        .arg("-xzf")
        .arg(&archive)
        .arg("-C")
        .arg(&aside)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let unpacked = aside.join(&top);
    let doc = std::fs::read_to_string(unpacked.join("OPERATORS.md")).unwrap();
    let repo_doc =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/deploy/OPERATORS.md"))
            .unwrap();
    let unversioned = |d: &str| {
        d.lines()
            .filter(|l| !l.starts_with("VERSION="))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(
        unversioned(&doc),
        unversioned(&repo_doc),
        "the archive's OPERATORS.md is not deploy/OPERATORS.md: build it again (bash .ci/package)"
    );
    assert!(
        doc.lines()
            .any(|l| l.starts_with(&format!("VERSION={version} "))),
        "the archive's OPERATORS.md names another version"
    );
    let blocks = marked_blocks(&doc);
    let block = |name: &str| {
        blocks
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, b)| b.clone())
            .unwrap_or_else(|| panic!("OPERATORS.md has no <!-- test: {name} --> block"))
    };

    let nginx = Nginx::start(&prefix, &conf_d);
    nginx.commands(&bin);
    let shell = Shell {
        download: download.clone(),
        path: format!("{}:{SYSTEM_PATH}", bin.display()),
        home,
    };
    // No Rust toolchain on that PATH; python3 is the system's.
    let which = shell
        .command("command -v cargo rustc rustup || true")
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&which.stdout),
        "",
        "a Rust toolchain on {SYSTEM_PATH}"
    );
    let python = shell.command("command -v python3").output().unwrap();
    assert!(String::from_utf8_lossy(&python.stdout).starts_with("/usr/bin/"));

    let api = Api::start(None).await;
    let port = free_port();
    let origin = format!("http://127.0.0.1:{port}");
    const PREFIX: &str = "/tools/vpcep/";
    let console = format!("{origin}{PREFIX}");
    let root = w.join("srv/vpcep-console");
    let brotli = Path::new(BROTLI_MODULE).exists();
    let values: BTreeMap<&str, String> = [
        ("VERSION", version.clone()),
        ("PREFIX", PREFIX.to_owned()),
        ("API_UPSTREAM", api.origin.clone()),
        ("IAM_UPSTREAM", api.origin.clone()),
        ("SERVER_NAME", "console.example.com".to_owned()),
        ("LISTEN", format!("127.0.0.1:{port}")),
        ("ROOT", root.display().to_string()),
        (
            "NGINX_CONF",
            conf_d.join("vpcep-console.conf").display().to_string(),
        ),
        // The local stand-in speaks plain http; a real upstream must be https.
        (
            "RENDER_OPTIONS",
            format!(
                "{}--insecure-upstream --resolver 127.0.0.1",
                if brotli { "--brotli " } else { "" }
            ),
        ),
        ("PORT", free_port().to_string()),
    ]
    .into_iter()
    .collect();
    let (settings_names, settings) = with_values(&block("settings"), &values);
    assert!(
        settings.lines().all(|l| l.contains('=')),
        "the settings block is NAME=value lines only:\n{settings}"
    );
    let mut expected: Vec<&str> = values.keys().copied().filter(|k| *k != "PORT").collect();
    expected.sort_unstable();
    let mut got: Vec<&str> = settings_names.iter().map(String::as_str).collect();
    got.sort_unstable();
    assert_eq!(got, expected, "the settings OPERATORS.md defines");
    let script = |name: &str| format!("{settings}{}", with_values(&block(name), &values).1);

    // Deploy.
    shell.run("the deploy block", &script("deploy")).await;
    let index = wait_ok(&console).await;
    assert_eq!(
        index,
        std::fs::read(unpacked.join("dist/index.html")).unwrap()
    );
    let (status, headers, _) = get(&console, &[]).await;
    assert_eq!(status, 200);
    assert!(
        header(&headers, "content-security-policy").is_some_and(|c| c.contains("'sha256-")),
        "{headers:?}"
    );
    // Without a config.json, the deployment's own points at the proxy under the path.
    let (status, _, body) = get(&format!("{console}config.json"), &[]).await;
    assert_eq!(status, 200);
    assert_eq!(
        String::from_utf8(body).unwrap(),
        r#"{"api_proxy_url":"/tools/vpcep/vpcep"}"#
    );
    // The main wasm precompressed, as the browser accepts it.
    let wasm = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .find(|n| n.ends_with("_bg.wasm"))
        .expect("a _bg.wasm in ROOT");
    let wasm_url = format!("{console}{wasm}");
    for (accept, encoding) in [
        ("gzip, deflate, br", if brotli { "br" } else { "gzip" }),
        ("gzip", "gzip"),
    ] {
        let (status, headers, body) = get(&wasm_url, &[("Accept-Encoding", accept)]).await;
        assert_eq!(status, 200);
        assert_eq!(
            header(&headers, "content-encoding"),
            Some(encoding),
            "{accept}"
        );
        assert_eq!(header(&headers, "content-type"), Some("application/wasm"));
        let ext = if encoding == "br" { "br" } else { "gz" };
        assert_eq!(
            body,
            std::fs::read(root.join(format!("{wasm}.{ext}"))).unwrap(),
            "{accept}"
        );
    }
    // The API through the proxy under the path, with the demo token.
    let service = format!("{console}vpcep/v1/{PROJECT}/vpc-endpoint-services/{WEB}");
    let (status, _, body) = get(&service, &[("X-Auth-Token", TOKEN)]).await;
    let body = String::from_utf8(body).unwrap();
    assert_eq!(status, 200, "{body}");
    assert!(body.contains(&format!("\"id\":\"{WEB}\"")), "{body}");
    let logged = api.requests_with("GET").await;
    assert_eq!(logged.len(), 1, "{logged:#?}");
    assert_eq!(
        logged[0]["path"],
        format!("/v1/{PROJECT}/vpc-endpoint-services/{WEB}")
    );
    // And the sign-in, to IAM's path.
    let signed = http()
        .post(format!("{console}iam/v3/auth/tokens?nocatalog=true"))
        .header("Content-Type", "application/json")
        .body(
            serde_json::json!({ "auth": {
                "identity": { "methods": ["password"], "password": { "user": {
                    "name": demo::IAM_USER, "password": demo::IAM_PASSWORD,
                    "domain": { "name": demo::IAM_ACCOUNT } } } },
                "scope": { "project": { "id": PROJECT } } } })
            .to_string(),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(signed.status(), 201);
    assert!(signed.headers().contains_key("x-subject-token"));

    // config.json from the example.
    shell.run("the config block", &script("config")).await;
    let example = std::fs::read(unpacked.join("config.example.json")).unwrap();
    let (status, _, body) = get(&format!("{console}config.json"), &[]).await;
    assert_eq!((status, &body), (200, &example));
    assert!(
        matches!(
            vpcep_console::api::config::read_config(200, std::str::from_utf8(&example).unwrap()),
            vpcep_console::api::config::ConfigLoad::Loaded(_)
        ),
        "the console refuses config.example.json"
    );

    // An upgrade (the same archive again): the console still there, config.json kept.
    shell.run("the upgrade block", &script("upgrade")).await;
    assert_eq!(wait_ok(&console).await, index);
    assert_eq!(get(&format!("{console}config.json"), &[]).await.2, example);
    assert_eq!(get(&service, &[("X-Auth-Token", TOKEN)]).await.0, 200);

    // The demo on a static server, until the test has seen it.
    let demo_port = &values["PORT"];
    let mut server = shell.command(&script("demo"));
    server
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .process_group(0);
    let mut server = server.spawn().unwrap();
    let demo_index = wait_ok(&format!("http://127.0.0.1:{demo_port}/")).await;
    let _ = Command::new("kill")
        .args(["-TERM", "--", &format!("-{}", server.id())])
        .status();
    let _ = server.wait();
    assert_eq!(
        demo_index,
        std::fs::read(unpacked.join("demo/index.html")).unwrap()
    );
    assert!(
        nginx.error_log().lines().all(|l| !l.contains("[emerg]")),
        "{}",
        nginx.error_log()
    );
}

#[test]
fn the_marked_blocks_are_found_and_their_settings_given_values() {
    let doc = "# x\n<!-- test: one -->\n```sh\nA=1  # a\nB_C=\"x y\"\necho \"$A\"\nD=2\n```\ntext\n```sh\nnot marked\n```\n";
    let blocks = marked_blocks(doc);
    assert_eq!(blocks.len(), 1);
    assert_eq!(blocks[0].0, "one");
    let values = [("A", "it's".to_owned()), ("B_C", "z".to_owned())]
        .into_iter()
        .collect();
    let (names, script) = with_values(&blocks[0].1, &values);
    assert_eq!(names, ["A", "B_C"]);
    // Only the leading settings: D=2 after a command stays as written.
    assert_eq!(script, "A='it'\\''s'\nB_C='z'\necho \"$A\"\nD=2\n");
}

#[test]
fn config_example_json_is_one_the_console_loads_with_the_proxies_beside_index_html() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/deploy/config.example.json"
    ))
    .unwrap();
    use vpcep_console::api::config::{read_config, ConfigLoad};
    let ConfigLoad::Loaded(config) = read_config(200, &text) else {
        panic!("the console refuses deploy/config.example.json");
    };
    // Relative: right under any --location.
    assert_eq!(config.api_proxy_url.as_deref(), Some("vpcep"));
    assert_eq!(config.iam_proxy_url.as_deref(), Some("iam"));
}
