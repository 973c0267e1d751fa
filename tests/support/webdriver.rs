//! A minimal W3C WebDriver client for the end-to-end tests: headless Chromium through
//! chromedriver, over HTTP/1.1 on `std::net::TcpStream` with `serde_json`, no other crate.
//!
//! ```ignore
//! let browser = Browser::start()?;
//! browser.goto("http://127.0.0.1:9000/")?;
//! browser.fill("#name", "web-frontend")?;
//! browser.find("button[type=submit]")?.click()?;
//! let text = browser.wait_text("#status", |t| t.contains("Saved"), Duration::from_secs(5))?;
//! ```
//!
//! Every network call has a connect, read and write timeout, and every wait is bounded by a
//! deadline. Errors are `String`s naming the command (`POST /session/…/element`), the WebDriver
//! error and its message (on one line, without chromedriver's session info and stack trace).

use std::io::{ErrorKind, Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use serde_json::{json, Value};

/// The JSON key of a W3C element reference (`{"element-6066-…": "<id>"}`).
pub const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";
/// How long [`Browser::find`] waits for an element unless [`Browser::with_timeout`] says otherwise.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);
/// The pause between two polls of the `wait_*` helpers.
pub const POLL_INTERVAL: Duration = Duration::from_millis(50);
/// How long [`Browser::start`] waits for chromedriver's `GET /status` to say ready.
pub const DRIVER_START_TIMEOUT: Duration = Duration::from_secs(15);
/// The session's page-load and script timeouts (set in the capabilities).
pub const PAGE_TIMEOUT: Duration = Duration::from_secs(30);

/// The socket timeout of one WebDriver command: longer than [`PAGE_TIMEOUT`], so a slow page
/// load or script is reported by chromedriver itself.
const COMMAND_TIMEOUT: Duration = Duration::from_secs(60);
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
/// The largest response read (screenshots of big windows are a few MB of base64).
const MAX_RESPONSE: usize = 64 << 20;

/// The Chromium command line, before `--user-data-dir=…`.
pub const CHROME_ARGS: [&str; 9] = [
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

/// Special keys for [`Element::send_keys`] (WebDriver's private-use code points).
pub mod keys {
    /// The Enter key.
    pub const ENTER: &str = "\u{E007}";
    /// The Tab key.
    pub const TAB: &str = "\u{E004}";
    /// The Backspace key.
    pub const BACKSPACE: &str = "\u{E003}";
    /// The Escape key.
    pub const ESCAPE: &str = "\u{E00C}";
}

// ---------------------------------------------------------------------------------------------
// Browser

/// A headless Chromium session driven through its own chromedriver process.
///
/// Dropping it deletes the session (Chromium quits), kills and reaps chromedriver and removes
/// the fresh profile directory.
pub struct Browser {
    wire: Wire,
    driver: Child,
    profile_dir: PathBuf,
    timeout: Duration,
}

impl Browser {
    /// Starts chromedriver (`$CHROMEDRIVER`, else `chromedriver` on `PATH`) on a free
    /// 127.0.0.1 port, waits up to 15 s for `GET /status` to be ready, and opens a session of
    /// headless Chromium with [`CHROME_ARGS`], a fresh `--user-data-dir` under the system temp
    /// directory and every browser console message logged (`goog:loggingPrefs`). `$CHROME_BIN`,
    /// when set, is the Chromium binary (chromedriver finds it otherwise).
    pub fn start() -> Result<Browser, String> {
        Browser::start_with_args(&[])
    }

    /// [`Browser::start`] with more Chromium flags after [`CHROME_ARGS`] (a later
    /// `--window-size` wins), e.g. `--force-dark-mode`.
    pub fn start_with_args(extra: &[&str]) -> Result<Browser, String> {
        let driver_path = find_chromedriver()?;
        let mut last_error = String::new();
        // A port picked free can be taken before chromedriver binds it: try a few.
        for _attempt in 0..3 {
            let port = free_port()?;
            let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
            let mut driver = Command::new(&driver_path)
                .arg(format!("--port={port}"))
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .map_err(|e| format!("cannot start {}: {e}", driver_path.display()))?;
            if let Err(e) = wait_driver_ready(&mut driver, addr) {
                let _ = driver.kill();
                let _ = driver.wait();
                last_error = e;
                continue;
            }
            let profile_dir = fresh_profile_dir()?;
            return match new_session(addr, &profile_dir, extra) {
                Ok(session) => Ok(Browser {
                    wire: Wire { addr, session },
                    driver,
                    profile_dir,
                    timeout: DEFAULT_TIMEOUT,
                }),
                Err(e) => {
                    let _ = driver.kill();
                    let _ = driver.wait();
                    remove_dir_retrying(&profile_dir);
                    Err(e)
                }
            };
        }
        Err(format!(
            "chromedriver ({}) did not start: {last_error}",
            driver_path.display()
        ))
    }

    /// The same browser with `timeout` as the wait of [`Browser::find`] and [`Browser::fill`].
    pub fn with_timeout(mut self, timeout: Duration) -> Browser {
        self.timeout = timeout;
        self
    }

    /// The wait of [`Browser::find`] and [`Browser::fill`] ([`DEFAULT_TIMEOUT`] unless changed).
    pub fn timeout(&self) -> Duration {
        self.timeout
    }

    /// The WebDriver session id.
    pub fn session_id(&self) -> &str {
        &self.wire.session
    }

    /// The process id of this browser's chromedriver.
    pub fn driver_pid(&self) -> u32 {
        self.driver.id()
    }

    /// The 127.0.0.1 port chromedriver listens on.
    pub fn driver_port(&self) -> u16 {
        self.wire.addr.port()
    }

    /// The Chromium profile directory (`--user-data-dir`), removed on drop.
    pub fn profile_dir(&self) -> &Path {
        &self.profile_dir
    }

    /// Navigates to `url` and waits for the page load (`POST /url`), at most [`PAGE_TIMEOUT`].
    pub fn goto(&self, url: &str) -> Result<(), String> {
        self.wire.cmd("POST", "/url", Some(json!({ "url": url })))?;
        Ok(())
    }

    /// The URL of the current page (`GET /url`).
    pub fn current_url(&self) -> Result<String, String> {
        as_string(self.wire.cmd("GET", "/url", None)?, "GET /url")
    }

    /// The title of the current page (`GET /title`).
    pub fn title(&self) -> Result<String, String> {
        as_string(self.wire.cmd("GET", "/title", None)?, "GET /title")
    }

    /// Runs `script` as the body of a function called with `args` and returns its result
    /// (`POST /execute/sync`): `return 6 * 7` gives `42`; an element returned is a
    /// `{ELEMENT_KEY: id}` object; [`Element::to_arg`] passes an element in.
    pub fn execute(&self, script: &str, args: Vec<Value>) -> Result<Value, String> {
        self.wire.cmd(
            "POST",
            "/execute/sync",
            Some(json!({ "script": script, "args": args })),
        )
    }

    /// Like [`Browser::execute`], but the script ends by calling its last argument, the
    /// callback, with the result (`POST /execute/async`), within [`PAGE_TIMEOUT`]:
    /// `const done = arguments[arguments.length - 1]; setTimeout(() => done(1), 10);`.
    pub fn execute_async(&self, script: &str, args: Vec<Value>) -> Result<Value, String> {
        self.wire.cmd(
            "POST",
            "/execute/async",
            Some(json!({ "script": script, "args": args })),
        )
    }

    /// Writes a PNG screenshot of the viewport to `path` (`GET /screenshot`), creating the
    /// parent directories.
    pub fn screenshot(&self, path: &Path) -> Result<(), String> {
        let data = as_string(
            self.wire.cmd("GET", "/screenshot", None)?,
            "GET /screenshot",
        )?;
        let png = base64_decode(&data).map_err(|e| format!("GET /screenshot: {e}"))?;
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent)
                .map_err(|e| format!("screenshot: cannot create {}: {e}", parent.display()))?;
        }
        std::fs::write(path, png)
            .map_err(|e| format!("screenshot: cannot write {}: {e}", path.display()))
    }

    /// Resizes the window to `width` x `height` CSS pixels (`POST /window/rect`).
    pub fn set_window_size(&self, width: u32, height: u32) -> Result<(), String> {
        self.wire.cmd(
            "POST",
            "/window/rect",
            Some(json!({ "width": width, "height": height })),
        )?;
        Ok(())
    }

    /// The browser console messages since the previous call (chromedriver hands each entry out
    /// once), as `"LEVEL message"` strings, e.g. `SEVERE http://…/ 12:9 "boom"` for a
    /// `console.error("boom")`. Empty when the driver does not support the log.
    pub fn browser_log(&self) -> Vec<String> {
        let body = json!({ "type": "browser" });
        let entries = match self.wire.cmd("POST", "/se/log", Some(body.clone())) {
            Ok(v) => v,
            // Older drivers only know the JSON-wire path.
            Err(_) => match self.wire.cmd("POST", "/log", Some(body)) {
                Ok(v) => v,
                Err(_) => return Vec::new(),
            },
        };
        entries
            .as_array()
            .map(|list| {
                list.iter()
                    .map(|e| {
                        format!(
                            "{} {}",
                            e["level"].as_str().unwrap_or("?"),
                            e["message"].as_str().unwrap_or("")
                        )
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The first element matching the CSS selector `css`, waiting for it up to
    /// [`Browser::timeout`] (polling every 50 ms).
    pub fn find(&self, css: &str) -> Result<Element, String> {
        self.wait_for(css, self.timeout)
    }

    /// Every element matching `css` now, without waiting; empty on any error.
    pub fn find_all(&self, css: &str) -> Vec<Element> {
        self.try_find_all(css).unwrap_or_default()
    }

    /// Every element matching `css` now, without waiting (`POST /elements`).
    pub fn try_find_all(&self, css: &str) -> Result<Vec<Element>, String> {
        let v = self.wire.cmd(
            "POST",
            "/elements",
            Some(json!({ "using": "css selector", "value": css })),
        )?;
        let list = v
            .as_array()
            .ok_or_else(|| format!("POST /elements '{css}': not an array: {v}"))?;
        list.iter()
            .map(|e| Element::from_json(&self.wire, e, css))
            .collect()
    }

    /// The first element matching `css`, waiting for it up to `timeout`. A bad selector fails
    /// at once; the timeout error names the selector.
    pub fn wait_for(&self, css: &str, timeout: Duration) -> Result<Element, String> {
        let deadline = Instant::now() + timeout;
        loop {
            let found = self.wire.cmd(
                "POST",
                "/element",
                Some(json!({ "using": "css selector", "value": css })),
            );
            match found {
                Ok(v) => return Element::from_json(&self.wire, &v, css),
                Err(e) if is_retryable(&e) => {}
                Err(e) => return Err(format!("find '{css}': {e}")),
            }
            if Instant::now() >= deadline {
                return Err(format!(
                    "find '{css}': no such element after {} ms",
                    timeout.as_millis()
                ));
            }
            std::thread::sleep(POLL_INTERVAL);
        }
    }

    /// Waits up to `timeout` until an element matches `css` and its text satisfies `pred`;
    /// returns that text. The timeout error includes the last text seen.
    pub fn wait_text(
        &self,
        css: &str,
        pred: impl Fn(&str) -> bool,
        timeout: Duration,
    ) -> Result<String, String> {
        let deadline = Instant::now() + timeout;
        let mut last: Option<String> = None;
        loop {
            match self.try_find_all(css) {
                Ok(list) => {
                    if let Some(el) = list.first() {
                        match el.text() {
                            Ok(text) => {
                                if pred(&text) {
                                    return Ok(text);
                                }
                                last = Some(text);
                            }
                            Err(e) if is_retryable(&e) => {}
                            Err(e) => return Err(format!("wait_text '{css}': {e}")),
                        }
                    }
                }
                Err(e) if is_retryable(&e) => {}
                Err(e) => return Err(format!("wait_text '{css}': {e}")),
            }
            if Instant::now() >= deadline {
                return Err(match last {
                    Some(text) => format!(
                        "wait_text '{css}': the text never matched within {} ms; last text seen: {text:?}",
                        timeout.as_millis()
                    ),
                    None => format!(
                        "wait_text '{css}': no such element within {} ms",
                        timeout.as_millis()
                    ),
                });
            }
            std::thread::sleep(POLL_INTERVAL);
        }
    }

    /// Waits up to `timeout` until no element matches `css`.
    pub fn wait_gone(&self, css: &str, timeout: Duration) -> Result<(), String> {
        let deadline = Instant::now() + timeout;
        loop {
            let count = match self.try_find_all(css) {
                Ok(list) => list.len(),
                Err(e) => return Err(format!("wait_gone '{css}': {e}")),
            };
            if count == 0 {
                return Ok(());
            }
            if Instant::now() >= deadline {
                return Err(format!(
                    "wait_gone '{css}': still {count} element(s) after {} ms",
                    timeout.as_millis()
                ));
            }
            std::thread::sleep(POLL_INTERVAL);
        }
    }

    /// Polls `cond` every 50 ms up to `timeout` until it returns `Ok(true)`; an `Err` from it
    /// ends the wait at once. `what` names the condition in the timeout error.
    pub fn wait_until(
        &self,
        what: &str,
        timeout: Duration,
        mut cond: impl FnMut(&Browser) -> Result<bool, String>,
    ) -> Result<(), String> {
        let deadline = Instant::now() + timeout;
        loop {
            if cond(self).map_err(|e| format!("wait for {what}: {e}"))? {
                return Ok(());
            }
            if Instant::now() >= deadline {
                return Err(format!(
                    "wait for {what}: not true after {} ms",
                    timeout.as_millis()
                ));
            }
            std::thread::sleep(POLL_INTERVAL);
        }
    }

    /// [`Browser::find`] `css`, clear it and type `text` into it.
    pub fn fill(&self, css: &str, text: &str) -> Result<(), String> {
        let el = self.find(css)?;
        el.clear()?;
        el.send_keys(text)
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let path = format!("/session/{}", self.wire.session);
        let _ = http_command(
            self.wire.addr,
            "DELETE",
            &path,
            None,
            Duration::from_secs(15),
        );
        let _ = self.driver.kill();
        let _ = self.driver.wait();
        remove_dir_retrying(&self.profile_dir);
    }
}

// ---------------------------------------------------------------------------------------------
// Elements

/// A reference to one element of the current page (it goes stale when the element leaves the
/// DOM). It stays usable only while its [`Browser`] lives.
#[derive(Clone, Debug)]
pub struct Element {
    wire: Wire,
    id: String,
    css: String,
}

impl Element {
    fn from_json(wire: &Wire, v: &Value, css: &str) -> Result<Element, String> {
        let id = v[ELEMENT_KEY]
            .as_str()
            .ok_or_else(|| format!("find '{css}': not an element reference: {v}"))?;
        Ok(Element {
            wire: wire.clone(),
            id: id.to_string(),
            css: css.to_string(),
        })
    }

    fn cmd(&self, method: &str, what: &str, body: Option<Value>) -> Result<Value, String> {
        let suffix = format!("/element/{}{what}", self.id);
        self.wire
            .cmd_as(method, &suffix, &format!("/element/…{what}"), body)
            .map_err(|e| format!("'{}': {e}", self.css))
    }

    /// The WebDriver element id.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The CSS selector this element was found with.
    pub fn selector(&self) -> &str {
        &self.css
    }

    /// The element as an argument of [`Browser::execute`] (`{ELEMENT_KEY: id}`).
    pub fn to_arg(&self) -> Value {
        json!({ ELEMENT_KEY: self.id })
    }

    /// Clicks the element's centre, scrolling it into view (`POST /element/{id}/click`); fails
    /// when something else would receive the click.
    pub fn click(&self) -> Result<(), String> {
        self.cmd("POST", "/click", Some(json!({})))?;
        Ok(())
    }

    /// Empties an input or textarea (`POST /element/{id}/clear`).
    pub fn clear(&self) -> Result<(), String> {
        self.cmd("POST", "/clear", Some(json!({})))?;
        Ok(())
    }

    /// Types `text` into the element (`POST /element/{id}/value`); [`keys`] has special keys.
    pub fn send_keys(&self, text: &str) -> Result<(), String> {
        self.cmd("POST", "/value", Some(json!({ "text": text })))?;
        Ok(())
    }

    /// The rendered text (`GET /element/{id}/text`): as a reader sees it, "" when hidden.
    pub fn text(&self) -> Result<String, String> {
        let v = self.cmd("GET", "/text", None)?;
        as_string(v, &format!("'{}': GET /text", self.css))
    }

    /// The attribute `name` (or the same-named property for a few, per WebDriver); `None` when
    /// absent or on any error ([`Element::try_attr`] reports errors).
    pub fn attr(&self, name: &str) -> Option<String> {
        self.try_attr(name).ok().flatten()
    }

    /// The attribute `name` (`GET /element/{id}/attribute/{name}`), `None` when absent.
    pub fn try_attr(&self, name: &str) -> Result<Option<String>, String> {
        let v = self.cmd("GET", &format!("/attribute/{}", encode_segment(name)), None)?;
        Ok(match v {
            Value::Null => None,
            Value::String(s) => Some(s),
            other => Some(other.to_string()),
        })
    }

    /// The DOM property `name` (e.g. `value`, `checked`); `Null` when absent or on any error
    /// ([`Element::try_prop`] reports errors).
    pub fn prop(&self, name: &str) -> Value {
        self.try_prop(name).unwrap_or(Value::Null)
    }

    /// The DOM property `name` (`GET /element/{id}/property/{name}`).
    pub fn try_prop(&self, name: &str) -> Result<Value, String> {
        self.cmd("GET", &format!("/property/{}", encode_segment(name)), None)
    }

    /// Whether the element is enabled (`GET /element/{id}/enabled`): false for a disabled
    /// form control.
    pub fn is_enabled(&self) -> Result<bool, String> {
        let v = self.cmd("GET", "/enabled", None)?;
        v.as_bool()
            .ok_or_else(|| format!("'{}': GET /enabled: not a boolean: {v}", self.css))
    }

    /// Whether the element is displayed (`GET /element/{id}/displayed`).
    pub fn is_displayed(&self) -> Result<bool, String> {
        let v = self.cmd("GET", "/displayed", None)?;
        v.as_bool()
            .ok_or_else(|| format!("'{}': GET /displayed: not a boolean: {v}", self.css))
    }
}

// ---------------------------------------------------------------------------------------------
// The wire

/// Where one session's commands go.
#[derive(Clone, Debug)]
struct Wire {
    addr: SocketAddr,
    session: String,
}

impl Wire {
    /// Sends `method /session/{id}{suffix}` and returns the answer's `value`.
    fn cmd(&self, method: &str, suffix: &str, body: Option<Value>) -> Result<Value, String> {
        self.cmd_as(method, suffix, suffix, body)
    }

    /// [`Wire::cmd`], with `label` standing for `suffix` in errors (long ids left out).
    fn cmd_as(
        &self,
        method: &str,
        suffix: &str,
        label: &str,
        body: Option<Value>,
    ) -> Result<Value, String> {
        let path = format!("/session/{}{suffix}", self.session);
        http_command(self.addr, method, &path, body.as_ref(), COMMAND_TIMEOUT)
            .map_err(|e| format!("{method} /session/…{label}: {e}"))
    }
}

/// Whether a command error is worth polling again: the element is not there (yet), or it was
/// replaced while we looked.
fn is_retryable(error: &str) -> bool {
    error.contains("no such element") || error.contains("stale element reference")
}

/// One WebDriver command: an HTTP/1.1 request on a fresh connection. Returns the answer's
/// `value`, or an error with the WebDriver `error` and its `message`.
fn http_command(
    addr: SocketAddr,
    method: &str,
    path: &str,
    body: Option<&Value>,
    timeout: Duration,
) -> Result<Value, String> {
    let (status, bytes) = http(addr, method, path, body, timeout)?;
    let v: Value = serde_json::from_slice(&bytes).map_err(|e| {
        format!(
            "HTTP {status}, not JSON ({e}): {}",
            clip(&String::from_utf8_lossy(&bytes))
        )
    })?;
    let value = v.get("value").cloned().unwrap_or(Value::Null);
    if let Some(error) = value.get("error").and_then(Value::as_str) {
        let message = error_message(value["message"].as_str().unwrap_or(""));
        return Err(if message.starts_with(error) {
            clip(&message)
        } else {
            format!("{error}: {}", clip(&message))
        });
    }
    if !(200..300).contains(&status) {
        return Err(format!("HTTP {status}: {}", clip(&v.to_string())));
    }
    Ok(value)
}

/// A WebDriver error message on one line: its lines joined with "; ", without chromedriver's
/// `(Session info: …)` line or anything from a `Stacktrace:` line on.
fn error_message(message: &str) -> String {
    message
        .lines()
        .map(str::trim)
        .take_while(|l| !l.starts_with("Stacktrace"))
        .filter(|l| !l.is_empty() && !l.starts_with("(Session info"))
        .collect::<Vec<_>>()
        .join("; ")
}

fn clip(s: &str) -> String {
    const MAX: usize = 600;
    if s.len() <= MAX {
        return s.to_string();
    }
    let mut end = MAX;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}…", &s[..end])
}

/// Sends one request (`Connection: close`) and reads the response by its `Content-Length`,
/// chunks, or up to the end of the connection; bounded by `timeout` and [`MAX_RESPONSE`].
fn http(
    addr: SocketAddr,
    method: &str,
    path: &str,
    body: Option<&Value>,
    timeout: Duration,
) -> Result<(u16, Vec<u8>), String> {
    let deadline = Instant::now() + timeout;
    let payload = match body {
        Some(b) => serde_json::to_vec(b).map_err(|e| format!("cannot encode the body: {e}"))?,
        None => Vec::new(),
    };
    let mut head = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nAccept: application/json\r\n");
    if body.is_some() || method == "POST" {
        head.push_str("Content-Type: application/json; charset=utf-8\r\n");
        head.push_str(&format!("Content-Length: {}\r\n", payload.len()));
    }
    head.push_str("\r\n");
    let mut request = head.into_bytes();
    request.extend_from_slice(&payload);

    let io = |e: std::io::Error| format!("{e} (chromedriver at {addr})");
    let mut stream = TcpStream::connect_timeout(&addr, CONNECT_TIMEOUT).map_err(io)?;
    stream.set_write_timeout(Some(timeout)).map_err(io)?;
    stream.set_nodelay(true).map_err(io)?;
    stream.write_all(&request).map_err(io)?;
    stream.flush().map_err(io)?;

    let mut data: Vec<u8> = Vec::new();
    let mut buf = vec![0u8; 64 * 1024];
    let mut head_end: Option<usize> = None;
    let mut eof = false;
    loop {
        if head_end.is_none() {
            head_end = data.windows(4).position(|w| w == b"\r\n\r\n");
        }
        if let Some(end) = head_end {
            let (status, headers) = parse_head(&data[..end])?;
            let rest = &data[end + 4..];
            let length = header(&headers, "content-length")
                .map(|v| v.parse::<usize>())
                .transpose()
                .map_err(|_| "bad Content-Length".to_string())?;
            let chunked = header(&headers, "transfer-encoding")
                .is_some_and(|v| v.eq_ignore_ascii_case("chunked"));
            if let Some(len) = length {
                if rest.len() >= len {
                    return Ok((status, rest[..len].to_vec()));
                }
            } else if chunked {
                if let Some(body) = dechunk(rest)? {
                    return Ok((status, body));
                }
            } else if eof {
                return Ok((status, rest.to_vec()));
            }
        }
        if eof {
            return Err(format!(
                "the connection closed mid-response after {} bytes",
                data.len()
            ));
        }
        if data.len() > MAX_RESPONSE {
            return Err(format!("response larger than {MAX_RESPONSE} bytes"));
        }
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(format!(
                "no full response within {} ms",
                timeout.as_millis()
            ));
        }
        stream.set_read_timeout(Some(left)).map_err(io)?;
        match stream.read(&mut buf) {
            Ok(0) => eof = true,
            Ok(n) => data.extend_from_slice(&buf[..n]),
            Err(e) if e.kind() == ErrorKind::Interrupted => {}
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {
                return Err(format!(
                    "no full response within {} ms",
                    timeout.as_millis()
                ))
            }
            Err(e) => return Err(io(e)),
        }
    }
}

fn parse_head(raw: &[u8]) -> Result<(u16, Vec<(String, String)>), String> {
    let text = std::str::from_utf8(raw).map_err(|_| "response headers are not UTF-8")?;
    let mut lines = text.split("\r\n");
    let status_line = lines.next().unwrap_or("");
    let status = status_line
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse::<u16>().ok())
        .ok_or_else(|| format!("bad status line {status_line:?}"))?;
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    Ok((status, headers))
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

/// The body of a complete chunked message, `None` while more data is needed.
fn dechunk(mut data: &[u8]) -> Result<Option<Vec<u8>>, String> {
    let mut out = Vec::new();
    for _ in 0..1_000_000 {
        let Some(line_end) = data.windows(2).position(|w| w == b"\r\n") else {
            return Ok(None);
        };
        let size_text = std::str::from_utf8(&data[..line_end]).map_err(|_| "bad chunk size")?;
        let size = usize::from_str_radix(size_text.split(';').next().unwrap_or("").trim(), 16)
            .map_err(|_| format!("bad chunk size {size_text:?}"))?;
        data = &data[line_end + 2..];
        if size == 0 {
            return Ok(Some(out));
        }
        if data.len() < size + 2 {
            return Ok(None);
        }
        out.extend_from_slice(&data[..size]);
        data = &data[size + 2..];
    }
    Err("too many chunks".to_string())
}

// ---------------------------------------------------------------------------------------------
// Starting chromedriver and the session

/// `$CHROMEDRIVER` when set, else the first executable `chromedriver` on `PATH`.
fn find_chromedriver() -> Result<PathBuf, String> {
    if let Some(p) = std::env::var_os("CHROMEDRIVER").filter(|p| !p.is_empty()) {
        let path = PathBuf::from(p);
        return if path.is_file() {
            Ok(path)
        } else {
            Err(format!(
                "CHROMEDRIVER={} is not a file",
                path.to_string_lossy()
            ))
        };
    }
    let path_var = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path_var)
        .map(|dir| dir.join("chromedriver"))
        .find(|p| is_executable(p))
        .ok_or_else(|| {
            "chromedriver not found: set CHROMEDRIVER or put it on PATH (Debian: chromium-driver)"
                .to_string()
        })
}

#[cfg(unix)]
fn is_executable(p: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    p.metadata()
        .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

#[cfg(not(unix))]
fn is_executable(p: &Path) -> bool {
    p.is_file()
}

/// A port the OS considers free on 127.0.0.1 right now.
fn free_port() -> Result<u16, String> {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .map_err(|e| format!("cannot find a free port on 127.0.0.1: {e}"))?;
    listener
        .local_addr()
        .map(|a| a.port())
        .map_err(|e| format!("cannot read a free port: {e}"))
}

/// Polls `GET /status` until `value.ready` is true, for up to [`DRIVER_START_TIMEOUT`].
fn wait_driver_ready(driver: &mut Child, addr: SocketAddr) -> Result<(), String> {
    let deadline = Instant::now() + DRIVER_START_TIMEOUT;
    let mut last = String::from("no answer");
    loop {
        if let Ok(Some(status)) = driver.try_wait() {
            return Err(format!(
                "chromedriver exited at start ({status}); last: {last}"
            ));
        }
        match http_command(addr, "GET", "/status", None, Duration::from_secs(2)) {
            Ok(v) if v["ready"].as_bool() == Some(true) => return Ok(()),
            Ok(v) => last = format!("not ready: {v}"),
            Err(e) => last = e,
        }
        if Instant::now() >= deadline {
            return Err(format!(
                "GET /status not ready within {} s: {last}",
                DRIVER_START_TIMEOUT.as_secs()
            ));
        }
        std::thread::sleep(POLL_INTERVAL);
    }
}

/// A new empty directory under the system temp dir, unique to this process and call.
fn fresh_profile_dir() -> Result<PathBuf, String> {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    let dir = std::env::temp_dir().join(format!(
        "vpcep-console-chromium-{}-{nanos}-{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::create_dir_all(&dir)
        .map_err(|e| format!("cannot create the profile dir {}: {e}", dir.display()))?;
    Ok(dir)
}

/// Removes `dir`, retrying for up to 2 s while Chromium's last writes settle.
fn remove_dir_retrying(dir: &Path) {
    for _ in 0..20 {
        match std::fs::remove_dir_all(dir) {
            Err(e) if e.kind() != ErrorKind::NotFound => {
                std::thread::sleep(Duration::from_millis(100))
            }
            _ => return,
        }
    }
}

/// `POST /session` with the capabilities of [`Browser::start`]; returns the session id.
fn new_session(addr: SocketAddr, profile_dir: &Path, extra: &[&str]) -> Result<String, String> {
    let mut args: Vec<String> = CHROME_ARGS.iter().map(|a| a.to_string()).collect();
    args.extend(extra.iter().map(|a| a.to_string()));
    args.push(format!("--user-data-dir={}", profile_dir.display()));
    let mut chrome_options = json!({ "args": args });
    if let Some(bin) = std::env::var_os("CHROME_BIN").filter(|b| !b.is_empty()) {
        chrome_options["binary"] = Value::String(bin.to_string_lossy().into_owned());
    }
    let page_ms = PAGE_TIMEOUT.as_millis() as u64;
    let caps = json!({
        "capabilities": {
            "alwaysMatch": {
                "goog:chromeOptions": chrome_options,
                "goog:loggingPrefs": { "browser": "ALL" },
                "timeouts": { "implicit": 0, "pageLoad": page_ms, "script": page_ms },
            }
        }
    });
    let v = http_command(addr, "POST", "/session", Some(&caps), COMMAND_TIMEOUT)
        .map_err(|e| format!("POST /session: {e}"))?;
    v["sessionId"]
        .as_str()
        .map(str::to_string)
        .ok_or_else(|| format!("POST /session: no sessionId in {}", clip(&v.to_string())))
}

// ---------------------------------------------------------------------------------------------
// Small helpers

fn as_string(v: Value, what: &str) -> Result<String, String> {
    match v {
        Value::String(s) => Ok(s),
        other => Err(format!(
            "{what}: not a string: {}",
            clip(&other.to_string())
        )),
    }
}

/// Percent-encodes a URL path segment (everything but unreserved characters).
fn encode_segment(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Decodes standard base64 (`A–Z a–z 0–9 + /`, `=` padding optional, ASCII whitespace
/// ignored), as WebDriver screenshots are sent.
pub fn base64_decode(text: &str) -> Result<Vec<u8>, String> {
    fn sextet(c: u8) -> Option<u32> {
        match c {
            b'A'..=b'Z' => Some(u32::from(c - b'A')),
            b'a'..=b'z' => Some(u32::from(c - b'a') + 26),
            b'0'..=b'9' => Some(u32::from(c - b'0') + 52),
            b'+' => Some(62),
            b'/' => Some(63),
            _ => None,
        }
    }
    let mut out = Vec::with_capacity(text.len() / 4 * 3);
    let mut acc: u32 = 0;
    let mut bits = 0u32;
    let mut padding = 0usize;
    for (i, c) in text.bytes().enumerate() {
        if c.is_ascii_whitespace() {
            continue;
        }
        if c == b'=' {
            padding += 1;
            continue;
        }
        if padding > 0 {
            return Err(format!("base64: data after '=' padding at byte {i}"));
        }
        let v = sextet(c)
            .ok_or_else(|| format!("base64: bad character {:?} at byte {i}", c as char))?;
        acc = (acc << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    // 6 leftover bits cannot encode a byte; more than two '=' is not base64.
    if bits >= 6 || padding > 2 {
        return Err("base64: truncated input".to_string());
    }
    Ok(out)
}
