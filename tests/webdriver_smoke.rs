//! The WebDriver client of `tests/support` against real headless Chromium: a tiny page served
//! from a std `TcpListener` thread, a form filled and submitted, scripts, the console log, a
//! screenshot, and a clean shutdown.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use serde_json::{json, Value};
use support::webdriver::{base64_decode, keys};
use support::Browser;

const PAGE: &str = r#"<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>WebDriver smoke</title></head>
<body>
  <form id="form">
    <label for="name">Name</label>
    <input id="name" name="name" aria-label="Your name" value="initial">
    <button id="go" type="submit">Greet</button>
    <button id="off" type="button" disabled>Off</button>
    <span id="hidden" style="display:none">secret</span>
  </form>
  <p id="out"></p>
  <div id="transient">going away</div>
  <script>
    document.getElementById('form').addEventListener('submit', function (event) {
      event.preventDefault();
      var value = document.getElementById('name').value;
      document.getElementById('out').textContent = 'Hello, ' + value + '!';
      console.error('smoke-error: greeted ' + value);
    });
    setTimeout(function () { document.getElementById('transient').remove(); }, 300);
  </script>
</body>
</html>
"#;

const PNG_SIGNATURE: [u8; 8] = [0x89, b'P', b'N', b'G', b'\r', b'\n', 0x1a, b'\n'];

/// A one-page HTTP server on 127.0.0.1:0: `/` is [`PAGE`], anything else a 404. It stops when
/// dropped, or after two minutes at most.
struct PageServer {
    addr: SocketAddr,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl PageServer {
    fn start() -> PageServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
        listener.set_nonblocking(true).expect("nonblocking");
        let addr = listener.local_addr().expect("local addr");
        let stop = Arc::new(AtomicBool::new(false));
        let flag = stop.clone();
        let thread = std::thread::spawn(move || {
            let deadline = Instant::now() + Duration::from_secs(120);
            while !flag.load(Ordering::Relaxed) && Instant::now() < deadline {
                match listener.accept() {
                    Ok((stream, _)) => answer(stream),
                    Err(_) => std::thread::sleep(Duration::from_millis(10)),
                }
            }
        });
        PageServer {
            addr,
            stop,
            thread: Some(thread),
        }
    }

    fn url(&self) -> String {
        format!("http://{}/", self.addr)
    }
}

impl Drop for PageServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// Reads one request head (bounded) and answers it, closing the connection.
fn answer(mut stream: TcpStream) {
    let _ = stream.set_nonblocking(false);
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let _ = stream.set_write_timeout(Some(Duration::from_secs(5)));
    let mut head = Vec::new();
    let mut buf = [0u8; 4096];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") && head.len() < 64 * 1024 {
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => head.extend_from_slice(&buf[..n]),
        }
    }
    let request_line = String::from_utf8_lossy(&head)
        .lines()
        .next()
        .unwrap_or("")
        .to_string();
    let (status, content_type, body) = if request_line.starts_with("GET / ") {
        ("200 OK", "text/html; charset=utf-8", PAGE)
    } else {
        ("404 Not Found", "text/plain", "not found")
    };
    let response = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let _ = stream.write_all(response.as_bytes());
    let _ = stream.flush();
}

fn temp_dir(tag: &str) -> PathBuf {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    std::env::temp_dir().join(format!("vpcep-{tag}-{}-{nanos}", std::process::id()))
}

fn process_exists(pid: u32) -> bool {
    PathBuf::from(format!("/proc/{pid}")).exists()
}

#[test]
fn base64_decoder_round_trips_known_vectors() {
    for (text, bytes) in [
        ("", &b""[..]),
        ("Zg==", b"f"),
        ("Zm8=", b"fo"),
        ("Zm9v", b"foo"),
        ("Zm9vYg==", b"foob"),
        ("Zm9vYmE=", b"fooba"),
        ("Zm9vYmFy", b"foobar"),
        ("Zm9v\nYmFy", b"foobar"),
        ("Zm9vYg", b"foob"),
        ("iVBORw0KGgo=", &PNG_SIGNATURE[..]),
        ("+/+/", &[0xfb, 0xff, 0xbf][..]),
    ] {
        assert_eq!(base64_decode(text).as_deref(), Ok(bytes), "{text}");
    }
    for bad in ["Z", "Zm9vY", "Zm9v!", "Zg==Zg==", "Zg==="] {
        assert!(base64_decode(bad).is_err(), "{bad}");
    }
}

#[test]
fn drives_headless_chromium_end_to_end() {
    let started = Instant::now();
    let server = PageServer::start();
    let browser = Browser::start()
        .expect("start chromedriver and a Chromium session")
        .with_timeout(Duration::from_secs(5));
    let driver_pid = browser.driver_pid();
    let driver_port = browser.driver_port();
    let profile_dir = browser.profile_dir().to_path_buf();
    assert!(process_exists(driver_pid));
    assert!(profile_dir.is_dir());
    assert!(!browser.session_id().is_empty());

    browser.goto(&server.url()).expect("goto");
    assert_eq!(browser.current_url().expect("url"), server.url());
    assert_eq!(browser.title().expect("title"), "WebDriver smoke");

    // Elements: attributes, properties, state.
    let input = browser.find("#name").expect("the input");
    assert_eq!(input.attr("aria-label").as_deref(), Some("Your name"));
    assert_eq!(input.attr("data-missing"), None);
    assert_eq!(input.prop("value"), json!("initial"));
    assert_eq!(input.prop("tagName"), json!("INPUT"));
    assert!(input.is_enabled().expect("enabled"));
    assert!(input.is_displayed().expect("displayed"));
    let off = browser.find("#off").expect("the disabled button");
    assert!(!off.is_enabled().expect("enabled"));
    assert!(!browser
        .find("#hidden")
        .expect("hidden span")
        .is_displayed()
        .expect("displayed"));
    assert_eq!(browser.find_all("button").len(), 2);
    assert!(browser.find_all(".nothing").is_empty());

    // Fill and click: the page writes the greeting and logs to console.error.
    browser.fill("#name", "WebDriver").expect("fill");
    assert_eq!(input.prop("value"), json!("WebDriver"));
    browser.find("#go").expect("button").click().expect("click");
    let text = browser
        .wait_text("#out", |t| t == "Hello, WebDriver!", Duration::from_secs(5))
        .expect("greeting");
    assert_eq!(text, "Hello, WebDriver!");

    // Enter submits too.
    input.clear().expect("clear");
    input
        .send_keys(&format!("Keys{}", keys::ENTER))
        .expect("type");
    browser
        .wait_text("#out", |t| t.contains("Keys"), Duration::from_secs(5))
        .expect("greeting after Enter");

    // Scripts.
    assert_eq!(
        browser.execute("return 6 * 7;", vec![]).expect("execute"),
        json!(42)
    );
    assert_eq!(
        browser
            .execute(
                "return arguments[0] + arguments[1];",
                vec![json!(2), json!(3)]
            )
            .expect("execute with args"),
        json!(5)
    );
    assert_eq!(
        browser
            .execute("return arguments[0].id;", vec![input.to_arg()])
            .expect("element argument"),
        json!("name")
    );
    assert_eq!(
        browser
            .execute_async(
                "const done = arguments[arguments.length - 1]; setTimeout(() => done('late'), 20);",
                vec![],
            )
            .expect("execute_async"),
        json!("late")
    );
    let err = browser
        .execute("throw new Error('boom-in-script');", vec![])
        .unwrap_err();
    assert!(
        err.contains("/execute/sync")
            && err.contains("javascript error")
            && err.contains("boom-in-script"),
        "{err}"
    );

    // Waits that fail say what they saw.
    let err = browser
        .wait_text("#out", |t| t == "never", Duration::from_millis(200))
        .unwrap_err();
    assert!(
        err.contains("#out") && err.contains("Hello, Keys!"),
        "{err}"
    );
    let err = browser
        .wait_for("#does-not-exist", Duration::from_millis(200))
        .unwrap_err();
    assert!(err.contains("#does-not-exist"), "{err}");
    let err = browser
        .wait_for("[[bad", Duration::from_secs(5))
        .unwrap_err();
    assert!(err.contains("invalid selector"), "{err}");
    browser
        .execute(
            "const p = document.createElement('p'); p.id = 'doomed'; document.body.append(p);",
            vec![],
        )
        .expect("add an element");
    let doomed = browser.find("#doomed").expect("the new element");
    browser
        .execute("document.getElementById('doomed').remove();", vec![])
        .expect("remove it");
    let stale = doomed.text().unwrap_err();
    assert!(
        stale.contains("'#doomed'") && stale.contains("stale element reference"),
        "{stale}"
    );
    eprintln!("error samples:\n  {err}\n  {stale}");
    browser
        .wait_gone("#transient", Duration::from_secs(5))
        .expect("the transient element goes away");
    assert!(browser
        .wait_gone("#out", Duration::from_millis(100))
        .is_err());
    browser
        .wait_until("the title", Duration::from_secs(1), |b| {
            Ok(b.title()? == "WebDriver smoke")
        })
        .expect("wait_until");

    // The console log holds the console.error message.
    let log = browser.browser_log();
    assert!(
        log.iter()
            .any(|l| l.starts_with("SEVERE ") && l.contains("smoke-error: greeted WebDriver")),
        "{log:#?}"
    );

    // Screenshot: a PNG file, at the window size asked for.
    browser.set_window_size(800, 600).expect("window size");
    let inner: Value = browser
        .execute("return [window.outerWidth, window.outerHeight];", vec![])
        .expect("window size");
    assert_eq!(inner, json!([800, 600]));
    let shots = temp_dir("webdriver-smoke");
    let shot = shots.join("page.png");
    browser.screenshot(&shot).expect("screenshot");
    let png = std::fs::read(&shot).expect("read the screenshot");
    assert!(
        png.len() > 100 && png.starts_with(&PNG_SIGNATURE),
        "{} bytes",
        png.len()
    );
    let _ = std::fs::remove_dir_all(&shots);

    // Drop: the session ends, chromedriver is killed and reaped, the profile is removed.
    drop(browser);
    assert!(
        !process_exists(driver_pid),
        "chromedriver {driver_pid} still runs"
    );
    assert!(
        TcpStream::connect(("127.0.0.1", driver_port)).is_err(),
        "something still listens on the driver port"
    );
    assert!(!profile_dir.exists(), "{} is left", profile_dir.display());
    drop(server);
    eprintln!("webdriver smoke: {} ms", started.elapsed().as_millis());
}
