//! Headless Chromium for the end-to-end tests: Debian's `/usr/bin/chromium` through
//! `/usr/bin/chromedriver`, driven with fantoccini over plain http on loopback.
//!
//! ```ignore
//! let browser = Browser::open_console(&stack.origin, WEB).await;
//! browser.wait_text("#card-title", |t| t == "web-frontend").await;
//! browser.send_form(&[("#f-description", "edited")]).await; // and Save
//! browser.screenshot("01-sent").await;
//! ```
//!
//! The helpers panic with a message naming the selector, as a test failure should; every wait
//! polls with a deadline ([`WAIT`] unless told). Dropping a [`Browser`] ends the session,
//! stops chromedriver and whatever it started, and removes the fresh profile folder.

use super::demo::{PROJECT, TOKEN};
use super::stack::{http, temp_dir, WAIT};
use fantoccini::elements::Element;
use fantoccini::error::CmdError;
use fantoccini::key::Key;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{json, Value};
use std::future::Future;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use tempfile::TempDir;

pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// The Chromium command line, before the test's extra arguments and `--user-data-dir=…`.
pub const CHROMIUM_ARGS: [&str; 9] = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1280,900",
];

/// The pause between two polls of a wait.
const POLL: Duration = Duration::from_millis(50);
/// How long chromedriver may take to answer `GET /status` with ready.
const DRIVER_START: Duration = Duration::from_secs(15);
/// The session's page-load and script timeouts, and the bound on opening the session.
const PAGE_TIMEOUT: Duration = Duration::from_secs(30);

const PNG_SIGNATURE: [u8; 8] = [0x89, b'P', b'N', b'G', b'\r', b'\n', 0x1a, b'\n'];

/// A headless Chromium session with its own chromedriver and profile.
pub struct Browser {
    client: Client,
    driver: Child,
    driver_port: u16,
    profile: Option<TempDir>,
}

impl Browser {
    /// Starts chromedriver on a free 127.0.0.1 port and a session of Chromium with
    /// [`CHROMIUM_ARGS`] and a fresh profile.
    pub async fn start() -> Browser {
        Browser::start_with_args(&[]).await
    }

    /// [`Browser::start`] with `extra` Chromium arguments (e.g. `--window-size=390,844`, which
    /// wins over the default size).
    pub async fn start_with_args(extra: &[&str]) -> Browser {
        assert!(
            Path::new(CHROMIUM).exists() && Path::new(CHROMEDRIVER).exists(),
            "{CHROMIUM} or {CHROMEDRIVER} is missing: bash .ci/test installs Debian's chromium and chromium-driver"
        );
        let mut last_error = String::new();
        // A free port can be taken by someone else before chromedriver binds it: try again.
        for _ in 0..3 {
            let port = free_port();
            let driver = Command::new(CHROMEDRIVER)
                .arg(format!("--port={port}"))
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                // Its own process group: on drop, chromedriver and the Chromium it started are
                // stopped together.
                .process_group(0)
                .spawn()
                .unwrap_or_else(|e| panic!("cannot start {CHROMEDRIVER}: {e}"));
            let profile = temp_dir("chromium");
            // From here on, dropping `browser` stops chromedriver and removes the profile.
            let mut browser = Starting {
                driver: Some(driver),
                profile: Some(profile),
            };
            if let Err(e) = wait_driver_ready(browser.driver.as_mut().unwrap(), port).await {
                last_error = e;
                continue;
            }
            let profile_dir = browser.profile.as_ref().unwrap().path().to_path_buf();
            let client = tokio::time::timeout(PAGE_TIMEOUT, connect(port, &profile_dir, extra))
                .await
                .unwrap_or_else(|_| panic!("no WebDriver session within {PAGE_TIMEOUT:?}"))
                .unwrap_or_else(|e| panic!("no WebDriver session: {e}"));
            return Browser {
                client,
                driver: browser.driver.take().unwrap(),
                driver_port: port,
                profile: browser.profile.take(),
            };
        }
        panic!("chromedriver did not start: {last_error}");
    }

    /// Starts a browser and opens the console on `service` of the demo project (see
    /// [`Browser::load_console`]).
    pub async fn open_console(origin: &str, service: &str) -> Browser {
        let browser = Browser::start().await;
        browser.load_console(origin, service).await;
        browser
    }

    /// Opens the console at `origin` on `service` of the demo project and pastes the token,
    /// as a first visitor with a link would: the service page loads once the settings are
    /// complete.
    pub async fn load_console(&self, origin: &str, service: &str) {
        self.goto(&format!(
            "{origin}/?project_id={PROJECT}&service_id={service}"
        ))
        .await;
        self.fill("#s-token", TOKEN).await;
    }

    /// Starts a browser on the service list of the demo project (see [`Browser::load_list`]).
    pub async fn open_list(origin: &str) -> Browser {
        let browser = Browser::start().await;
        browser.load_list(origin).await;
        browser
    }

    /// Opens the console's start page, the service list of the demo project, and pastes the
    /// token.
    pub async fn load_list(&self, origin: &str) {
        self.goto(&format!("{origin}/?project_id={PROJECT}")).await;
        self.fill("#s-token", TOKEN).await;
    }

    /// The address bar's URL.
    pub async fn url(&self) -> String {
        self.client.current_url().await.unwrap().to_string()
    }

    /// The browser's Back button.
    pub async fn back(&self) {
        self.client.back().await.unwrap();
    }

    /// The browser's Forward button.
    pub async fn forward(&self) {
        self.client.forward().await.unwrap();
    }

    /// Reloads the page.
    pub async fn refresh(&self) {
        self.client.refresh().await.unwrap();
    }

    /// The id of the element that has the focus ("" for none).
    pub async fn focused_id(&self) -> String {
        self.execute(
            "return (document.activeElement && document.activeElement.id) || ''",
            vec![],
        )
        .await
        .as_str()
        .unwrap_or_default()
        .to_owned()
    }

    /// Types `keys` (text or [`Key`] codes; a modifier stays down for the rest) into the
    /// element matching `css`.
    pub async fn keys(&self, css: &str, keys: &str) {
        self.find(css)
            .await
            .send_keys(keys)
            .await
            .unwrap_or_else(|e| panic!("keys into '{css}': {e}"));
    }

    /// Ctrl+Enter in the element matching `css`.
    pub async fn ctrl_enter(&self, css: &str) {
        self.keys(css, &format!("{}{}", Key::Control, Key::Enter))
            .await;
    }

    /// Tab from the element matching `css`.
    pub async fn tab(&self, css: &str) {
        self.keys(css, &Key::Tab.to_string()).await;
    }

    /// Shift+Tab from the element matching `css`.
    pub async fn shift_tab(&self, css: &str) {
        self.keys(css, &format!("{}{}", Key::Shift, Key::Tab)).await;
    }

    /// Each body row of the table matching `css`, its cells' texts joined by one space
    /// (empty cells left out).
    pub async fn table_rows(&self, css: &str) -> Vec<String> {
        let rows = self
            .execute(
                "return [...document.querySelectorAll(arguments[0] + ' tbody tr')].map(r => [...r.cells].map(c => c.textContent.trim()).filter(t => t).join(' '))",
                vec![json!(css)],
            )
            .await;
        serde_json::from_value(rows).unwrap()
    }

    /// The texts of column `n` (from 1) of the body rows of the table matching `css`.
    pub async fn column(&self, css: &str, n: usize) -> Vec<String> {
        let cells = self
            .execute(
                "return [...document.querySelectorAll(arguments[0] + ' tbody tr')].map(r => r.cells[arguments[1] - 1].textContent.trim())",
                vec![json!(css), json!(n)],
            )
            .await;
        serde_json::from_value(cells).unwrap()
    }

    /// What axe-core finds serious or critical on the page now, one line each: the rule, its
    /// impact, its help text and the first elements it names.
    pub async fn axe(&self) -> Vec<String> {
        let script = std::fs::read_to_string(axe_js()).unwrap_or_else(|e| {
            panic!(
                "axe-core is missing ({e}): bash .ci/test installs it (VPCEP_AXE_JS names its axe.min.js)"
            )
        });
        self.execute(&script, vec![]).await;
        let found = self
            .client
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 axe.run(document, { resultTypes: ['violations'] })
                   .then(r => done(r.violations
                     .filter(v => v.impact === 'serious' || v.impact === 'critical')
                     .map(v => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')}`)))
                   .catch(e => done(['axe-core failed: ' + e]));",
                vec![],
            )
            .await
            .unwrap_or_else(|e| panic!("axe-core: {e}"));
        serde_json::from_value(found).unwrap()
    }

    /// The fantoccini client, for anything the helpers do not cover.
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// The process id of this browser's chromedriver.
    pub fn driver_pid(&self) -> u32 {
        self.driver.id()
    }

    /// The 127.0.0.1 port chromedriver listens on.
    pub fn driver_port(&self) -> u16 {
        self.driver_port
    }

    /// The Chromium profile folder (`--user-data-dir`), removed on drop.
    pub fn profile_dir(&self) -> PathBuf {
        self.profile.as_ref().unwrap().path().to_path_buf()
    }

    /// Navigates to `url` and waits for the page load.
    pub async fn goto(&self, url: &str) {
        self.client
            .goto(url)
            .await
            .unwrap_or_else(|e| panic!("goto {url}: {e}"));
    }

    /// The title of the current page.
    pub async fn title(&self) -> String {
        self.client.title().await.unwrap()
    }

    /// The first element matching `css`, waiting up to [`WAIT`] for it.
    pub async fn find(&self, css: &str) -> Element {
        self.wait_for(css, WAIT).await
    }

    /// The first element matching `css`, waiting up to `timeout` for it.
    pub async fn wait_for(&self, css: &str, timeout: Duration) -> Element {
        let deadline = Instant::now() + timeout;
        loop {
            match self.client.find(Locator::Css(css)).await {
                Ok(element) => return element,
                Err(e) if e.is_no_such_element() && Instant::now() < deadline => {}
                Err(e) if e.is_no_such_element() => {
                    panic!("find '{css}': no such element within {timeout:?}")
                }
                Err(e) => panic!("find '{css}': {e}"),
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// Every element matching `css` now, without waiting.
    pub async fn find_all(&self, css: &str) -> Vec<Element> {
        self.client
            .find_all(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("find all '{css}': {e}"))
    }

    /// Clicks the element matching `css`, brought to the middle of the window first as a
    /// person scrolls to what they click (the sticky action bar covers the window's foot).
    pub async fn click(&self, css: &str) {
        self.wait_shown(css).await;
        let element = self.find(css).await;
        self.execute(
            "arguments[0].scrollIntoView({block: 'center', inline: 'nearest'})",
            vec![serde_json::to_value(&element).unwrap()],
        )
        .await;
        element
            .click()
            .await
            .unwrap_or_else(|e| panic!("click '{css}': {e}"));
    }

    /// Clears the field matching `css` and types `text` into it.
    pub async fn fill(&self, css: &str, text: &str) {
        self.wait_shown(css).await;
        let field = self.find(css).await;
        field
            .clear()
            .await
            .unwrap_or_else(|e| panic!("clear '{css}': {e}"));
        field
            .send_keys(text)
            .await
            .unwrap_or_else(|e| panic!("type into '{css}': {e}"));
    }

    /// Types `text` into the field matching `css` where its caret is, as a person does: no
    /// clearing first (what is there stays, unless the page emptied it).
    pub async fn type_text(&self, css: &str, text: &str) {
        self.wait_shown(css).await;
        self.find(css)
            .await
            .send_keys(text)
            .await
            .unwrap_or_else(|e| panic!("type into '{css}': {e}"));
    }

    /// Fills each `(field, text)` in turn, then clicks Save.
    pub async fn send_form(&self, fields: &[(&str, &str)]) {
        for (css, text) in fields {
            self.fill(css, text).await;
        }
        self.click("#save").await;
    }

    /// Picks the option with `value` of the `<select>` matching `select_css`.
    pub async fn select(&self, select_css: &str, value: &str) {
        self.click(&format!("{select_css} option[value='{value}']"))
            .await;
    }

    /// Presses Escape in the element matching `css`.
    pub async fn press_escape(&self, css: &str) {
        self.find(css)
            .await
            .send_keys(&Key::Escape.to_string())
            .await
            .unwrap_or_else(|e| panic!("Escape in '{css}': {e}"));
    }

    /// The rendered text of the element matching `css`.
    pub async fn text(&self, css: &str) -> String {
        self.find(css)
            .await
            .text()
            .await
            .unwrap_or_else(|e| panic!("text of '{css}': {e}"))
    }

    /// The DOM property `name` of the element matching `css` (booleans as "true"/"false").
    pub async fn prop(&self, css: &str, name: &str) -> Option<String> {
        self.find(css)
            .await
            .prop(name)
            .await
            .unwrap_or_else(|e| panic!("property {name} of '{css}': {e}"))
    }

    /// The `value` of the field matching `css`.
    pub async fn value(&self, css: &str) -> String {
        self.prop(css, "value").await.unwrap_or_default()
    }

    /// The attribute `name` of the element matching `css`.
    pub async fn attr(&self, css: &str, name: &str) -> Option<String> {
        self.find(css)
            .await
            .attr(name)
            .await
            .unwrap_or_else(|e| panic!("attribute {name} of '{css}': {e}"))
    }

    /// Whether the element matching `css` is enabled.
    pub async fn is_enabled(&self, css: &str) -> bool {
        self.find(css)
            .await
            .is_enabled()
            .await
            .unwrap_or_else(|e| panic!("is '{css}' enabled: {e}"))
    }

    /// Runs `script` as the body of a function called with `args`; returns its result.
    pub async fn execute(&self, script: &str, args: Vec<Value>) -> Value {
        self.client
            .execute(script, args)
            .await
            .unwrap_or_else(|e| panic!("script {script:?}: {e}"))
    }

    /// How deep the release wasm's stack has gone so far, in bytes, of `stack_bytes`. The
    /// stack is first in linear memory and grows down from its size, and memory starts
    /// zeroed: the lowest byte ever written below the top marks the deepest point.
    pub async fn wasm_stack_depth(&self, stack_bytes: u64) -> u64 {
        let lowest = self
            .execute(
                "const m = new Uint8Array(window.wasmBindings.initSync(undefined, undefined).memory.buffer, 0, arguments[0]);\
                 let i = 0; while (i < m.length && m[i] === 0) i++; return i;",
                vec![Value::from(stack_bytes)],
            )
            .await;
        stack_bytes - lowest.as_u64().expect("the lowest written byte")
    }

    /// Scrolls the element matching `css` to the top of the window, so a screenshot shows what
    /// the step is about.
    pub async fn scroll_to(&self, css: &str) {
        self.execute(
            "document.querySelector(arguments[0]).scrollIntoView({block: 'start'})",
            vec![json!(css)],
        )
        .await;
    }

    /// Waits up to [`WAIT`] until an element matches `css` and its text satisfies `pred`;
    /// returns that text.
    pub async fn wait_text(&self, css: &str, pred: impl Fn(&str) -> bool) -> String {
        self.try_wait_text(css, pred, WAIT)
            .await
            .unwrap_or_else(|e| panic!("{e}"))
    }

    /// [`Browser::wait_text`] with its own `timeout`, and the failure as an `Err` naming the
    /// selector and the last text seen.
    pub async fn try_wait_text(
        &self,
        css: &str,
        pred: impl Fn(&str) -> bool,
        timeout: Duration,
    ) -> Result<String, String> {
        let deadline = Instant::now() + timeout;
        let mut last: Option<String> = None;
        loop {
            let found = self.client.find_all(Locator::Css(css)).await;
            match found {
                Ok(list) => {
                    if let Some(element) = list.first() {
                        match element.text().await {
                            Ok(text) if pred(&text) => return Ok(text),
                            Ok(text) => last = Some(text),
                            Err(e) if retryable(&e) => {}
                            Err(e) => return Err(format!("wait_text '{css}': {e}")),
                        }
                    }
                }
                Err(e) => return Err(format!("wait_text '{css}': {e}")),
            }
            if Instant::now() >= deadline {
                return Err(match last {
                    Some(text) => format!(
                        "wait_text '{css}': the text never matched within {timeout:?}; last text seen: {text:?}"
                    ),
                    None => format!("wait_text '{css}': no such element within {timeout:?}"),
                });
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// Waits up to [`WAIT`] until no element matches `css`.
    pub async fn wait_gone(&self, css: &str) {
        self.wait_until(&format!("'{css}' to go"), || async {
            !self.shown(css).await
        })
        .await;
    }

    /// Whether an element matching `css` is there and neither it nor an ancestor is
    /// `hidden`: what a user can see. The console keeps some fixed markup and hides it.
    pub async fn shown(&self, css: &str) -> bool {
        let script = "const el = document.querySelector(arguments[0]); \
                      return !!el && !el.closest('[hidden]');";
        self.execute(script, vec![json!(css)]).await == json!(true)
    }

    /// Waits up to [`WAIT`] until an element matching `css` is [`shown`](Self::shown).
    pub async fn wait_shown(&self, css: &str) {
        self.wait_until(&format!("'{css}' to show"), || async {
            self.shown(css).await
        })
        .await;
    }

    /// Waits up to [`WAIT`] until `script` returns `true`.
    pub async fn wait_script(&self, what: &str, script: &str) {
        self.wait_until(what, || async {
            self.execute(script, vec![]).await == json!(true)
        })
        .await;
    }

    /// Polls `cond` up to [`WAIT`] until it is true; `what` names it in the failure.
    pub async fn wait_until<F, Fut>(&self, what: &str, mut cond: F)
    where
        F: FnMut() -> Fut,
        Fut: Future<Output = bool>,
    {
        let deadline = Instant::now() + WAIT;
        while !cond().await {
            assert!(
                Instant::now() < deadline,
                "wait for {what}: not true within {WAIT:?}"
            );
            tokio::time::sleep(POLL).await;
        }
    }

    /// Writes a PNG screenshot of the window to `tests/screenshots/{name}.png`.
    pub async fn screenshot(&self, name: &str) {
        let png = self
            .client
            .screenshot()
            .await
            .unwrap_or_else(|e| panic!("screenshot {name}: {e}"));
        assert!(
            png.len() > 100 && png.starts_with(&PNG_SIGNATURE),
            "screenshot {name}: not a PNG ({} bytes)",
            png.len()
        );
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/screenshots");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(format!("{name}.png")), png).unwrap();
    }

    /// The browser console messages since the previous call (chromedriver hands each entry out
    /// once) as `"LEVEL message"`, e.g. `SEVERE http://…/ 12:9 "boom"` for `console.error("boom")`
    /// or a CSP violation. Read with chromedriver's log command (`POST /session/{id}/se/log`,
    /// the session asks for `goog:loggingPrefs`), which fantoccini does not wrap.
    pub async fn console_log(&self) -> Vec<String> {
        let session = self
            .client
            .session_id()
            .await
            .unwrap()
            .expect("a WebDriver session");
        let answer = http()
            .post(format!(
                "http://127.0.0.1:{}/session/{session}/se/log",
                self.driver_port
            ))
            .json(&json!({ "type": "browser" }))
            .send()
            .await
            .expect("chromedriver's log command");
        let status = answer.status();
        let body: Value = answer.json().await.expect("chromedriver's log as JSON");
        assert!(status.is_success(), "chromedriver's log: {status} {body}");
        body["value"]
            .as_array()
            .unwrap_or_else(|| panic!("chromedriver's log is not a list: {body}"))
            .iter()
            .map(|e| {
                format!(
                    "{} {}",
                    e["level"].as_str().unwrap_or("?"),
                    e["message"].as_str().unwrap_or("")
                )
            })
            .collect()
    }

    /// Every URL the page has fetched so far (its Resource Timing entries), in order.
    pub async fn resources(&self) -> Vec<String> {
        let names = self
            .execute(
                "return performance.getEntriesByType('resource').map(e => e.name);",
                vec![],
            )
            .await;
        names
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The console messages since the previous call that tell of a Content-Security-Policy
    /// violation or any error.
    pub async fn console_problems(&self) -> Vec<String> {
        self.console_log()
            .await
            .into_iter()
            .filter(|m| {
                m.starts_with("SEVERE")
                    || m.contains("Content Security Policy")
                    || m.contains("Refused")
            })
            .collect()
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        // End the session first, so Chromium quits cleanly; that needs the runtime, which a
        // multi-thread runtime lends us here.
        if let Ok(handle) = tokio::runtime::Handle::try_current() {
            if handle.runtime_flavor() == tokio::runtime::RuntimeFlavor::MultiThread {
                let client = self.client.clone();
                tokio::task::block_in_place(|| {
                    handle.block_on(async {
                        let _ = tokio::time::timeout(Duration::from_secs(15), client.close()).await;
                    })
                });
            }
        }
        stop(&mut self.driver);
        if let Some(profile) = self.profile.take() {
            remove_retrying(profile);
        }
    }
}

/// A browser being started: stops chromedriver and removes the profile if the start fails.
struct Starting {
    driver: Option<Child>,
    profile: Option<TempDir>,
}

impl Drop for Starting {
    fn drop(&mut self) {
        if let Some(mut driver) = self.driver.take() {
            stop(&mut driver);
        }
        if let Some(profile) = self.profile.take() {
            remove_retrying(profile);
        }
    }
}

/// Whether an element error is worth polling again: it was replaced while we looked.
fn retryable(e: &CmdError) -> bool {
    e.is_stale_element_reference() || e.is_no_such_element()
}

/// A port the OS considers free on 127.0.0.1 right now.
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port on 127.0.0.1")
        .port()
}

/// Polls chromedriver's `GET /status` until it says ready, for up to [`DRIVER_START`].
async fn wait_driver_ready(driver: &mut Child, port: u16) -> Result<(), String> {
    let deadline = Instant::now() + DRIVER_START;
    let mut last = String::from("no answer");
    loop {
        if let Ok(Some(status)) = driver.try_wait() {
            return Err(format!("chromedriver exited at start ({status}); {last}"));
        }
        match http()
            .get(format!("http://127.0.0.1:{port}/status"))
            .send()
            .await
        {
            Ok(answer) => match answer.json::<Value>().await {
                Ok(v) if v["value"]["ready"] == json!(true) => return Ok(()),
                Ok(v) => last = format!("not ready: {v}"),
                Err(e) => last = e.to_string(),
            },
            Err(e) => last = e.to_string(),
        }
        if Instant::now() >= deadline {
            return Err(format!(
                "GET /status not ready within {DRIVER_START:?}: {last}"
            ));
        }
        tokio::time::sleep(POLL).await;
    }
}

/// Opens the session: headless Chromium with the test arguments and the profile folder, the
/// browser console log kept, and bounded page-load and script timeouts.
async fn connect(
    port: u16,
    profile_dir: &Path,
    extra: &[&str],
) -> Result<Client, fantoccini::error::NewSessionError> {
    let mut args: Vec<String> = CHROMIUM_ARGS.iter().map(|a| a.to_string()).collect();
    args.extend(extra.iter().map(|a| a.to_string()));
    args.push(format!("--user-data-dir={}", profile_dir.display()));
    let page_ms = PAGE_TIMEOUT.as_millis() as u64;
    let capabilities = json!({
        "goog:chromeOptions": { "binary": CHROMIUM, "args": args },
        "goog:loggingPrefs": { "browser": "ALL" },
        "timeouts": { "implicit": 0, "pageLoad": page_ms, "script": page_ms },
    });
    let Value::Object(capabilities) = capabilities else {
        unreachable!()
    };
    ClientBuilder::new(HttpConnector::new())
        .capabilities(capabilities)
        .connect(&format!("http://127.0.0.1:{port}"))
        .await
}

/// Sends `signal` to every process of the group `pgid`.
fn signal_group(pgid: u32, signal: &str) {
    let _ = Command::new("kill")
        .arg(format!("-{signal}"))
        .arg("--")
        .arg(format!("-{pgid}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
}

/// Stops chromedriver and its process group (the Chromium it started): SIGTERM, up to 5 s to
/// exit, then SIGKILL; reaps chromedriver.
fn stop(driver: &mut Child) {
    let pgid = driver.id();
    signal_group(pgid, "TERM");
    let deadline = Instant::now() + Duration::from_secs(5);
    while Instant::now() < deadline {
        if let Ok(Some(_)) = driver.try_wait() {
            break;
        }
        std::thread::sleep(POLL);
    }
    signal_group(pgid, "KILL");
    let _ = driver.kill();
    let _ = driver.wait();
}

/// Removes the profile folder, retrying for up to 2 s while Chromium's last writes settle.
fn remove_retrying(profile: TempDir) {
    for _ in 0..20 {
        match std::fs::remove_dir_all(profile.path()) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                std::thread::sleep(Duration::from_millis(100))
            }
            _ => break,
        }
    }
    drop(profile);
}

/// axe-core's script: `VPCEP_AXE_JS` (which `.ci/test` sets), or where the setup installs it.
fn axe_js() -> PathBuf {
    match std::env::var_os("VPCEP_AXE_JS") {
        Some(p) => PathBuf::from(p),
        None => super::installed_tool("node_modules/axe-core/axe.min.js"),
    }
}
