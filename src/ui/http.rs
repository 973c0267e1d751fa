//! The only module that sends requests, through gloo-net: a timeout over the whole exchange
//! (headers and body), a cap on the body read from the raw stream, no cache, no cookies and
//! no redirects.

use crate::api::error::{network_error, timeout_error, too_large_error};
use crate::api::request::proxy_base;
use crate::api::{ApiError, ApiRequest, Operation, Outcome, Settings, SettingsError, Wire};
use gloo_net::http::{Method, RequestBuilder};
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// The largest answer read: a service list of 1,000 services is about 1 MB.
pub const BODY_LIMIT: usize = 2 * 1024 * 1024;

/// One request and what came of it, for the result panel and the history.
#[derive(Debug, Clone, PartialEq)]
pub struct Exchange {
    pub request: ApiRequest,
    pub status: Option<u16>,
    pub request_id: Option<String>,
    pub duration_ms: u32,
    pub result: Result<Outcome, ApiError>,
}

/// An answer as read: status, headers and the body as text.
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

/// Why no answer could be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    /// Nothing came back: unreachable, refused (CORS), or a URL the browser would not take.
    Network,
    /// The timer ran out, before the headers or while the body was coming.
    Timeout,
    /// The body grew past [`BODY_LIMIT`]; the rest was not read.
    TooLarge,
}

fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// Builds and sends `op` as `wire` does, waiting `timeout_s` seconds at most for the whole
/// answer; the settings error comes back before anything is sent.
pub async fn execute(
    settings: &Settings,
    wire: Wire,
    op: Operation,
    timeout_s: u32,
) -> Result<Exchange, SettingsError> {
    let request = (wire.build)(settings, &op)?;
    let base = proxy_base(&settings.proxy_url)?;
    let started = now_ms();
    let answer = fetch(
        &request.url,
        request.method.as_str(),
        &request.headers,
        request.body.as_deref(),
        timeout_s,
    )
    .await;
    let (status, request_id, result) = match answer {
        Ok(a) => {
            let request_id =
                crate::api::error::header(&a.headers, "X-Request-Id").map(str::to_owned);
            let result = (wire.read)(&op, a.status, &a.headers, &a.body);
            (Some(a.status), request_id, result)
        }
        Err(Failure::Timeout) => (None, None, Err(timeout_error(timeout_s))),
        Err(Failure::TooLarge) => (None, None, Err(too_large_error(BODY_LIMIT))),
        Err(Failure::Network) => (None, None, Err(network_error(&base))),
    };
    Ok(Exchange {
        request,
        status,
        request_id,
        duration_ms: (now_ms() - started).max(0.0) as u32,
        result,
    })
}

/// Sends one request and reads its answer, all of it within `timeout_s` seconds.
///
/// A redirect is an error: fetch would follow one to another host with X-Auth-Token still
/// attached (it drops only Authorization). Nothing is cached and no cookie goes either way.
pub async fn fetch(
    url: &str,
    method: &str,
    headers: &[(String, String)],
    body: Option<&str>,
    timeout_s: u32,
) -> Result<Reply, Failure> {
    let controller = web_sys::AbortController::new().map_err(|_| Failure::Network)?;
    fetch_with(url, method, headers, body, timeout_s, &controller).await
}

/// Reads a file beside index.html (`config.json`) within `timeout_s` seconds: as
/// [`fetch`], except that it is the request index.html preloads (`<link rel=preload
/// as=fetch crossorigin>`), so the browser hands over that answer instead of asking again:
/// the browser's cache rules and same-origin credentials, as the preload has them.
pub async fn fetch_file(url: &str, timeout_s: u32) -> Result<Reply, Failure> {
    let controller = web_sys::AbortController::new().map_err(|_| Failure::Network)?;
    timed(
        timeout_s,
        &controller,
        exchange(url, "GET", &[], None, &controller, true),
    )
    .await
}

/// [`fetch`] with the caller's `controller`: aborting it stops the request (a batch's
/// Cancel), which comes back as [`Failure::Network`].
pub async fn fetch_with(
    url: &str,
    method: &str,
    headers: &[(String, String)],
    body: Option<&str>,
    timeout_s: u32,
    controller: &web_sys::AbortController,
) -> Result<Reply, Failure> {
    let answer = exchange(url, method, headers, body, controller, false);
    timed(timeout_s, controller, answer).await
}

/// `answer`, unless `timeout_s` seconds pass first: then `controller` stops it.
async fn timed(
    timeout_s: u32,
    controller: &web_sys::AbortController,
    answer: impl std::future::Future<Output = Result<Reply, Failure>>,
) -> Result<Reply, Failure> {
    let timed_out = Rc::new(Cell::new(false));
    let timer = {
        let c = controller.clone();
        let flag = timed_out.clone();
        let cb = Closure::once_into_js(move || {
            flag.set(true);
            c.abort();
        });
        web_sys::window().and_then(|w| {
            w.set_timeout_with_callback_and_timeout_and_arguments_0(
                cb.unchecked_ref(),
                timeout_s.saturating_mul(1000).min(i32::MAX as u32) as i32,
            )
            .ok()
        })
    };
    let result = answer.await;
    if let (Some(window), Some(handle)) = (web_sys::window(), timer) {
        window.clear_timeout_with_handle(handle);
    }
    match result {
        Err(_) if timed_out.get() => Err(Failure::Timeout),
        other => other,
    }
}

async fn exchange(
    url: &str,
    method: &str,
    headers: &[(String, String)],
    body: Option<&str>,
    controller: &web_sys::AbortController,
    preloaded: bool,
) -> Result<Reply, Failure> {
    #[cfg(feature = "demo")]
    if !preloaded {
        return super::demo::exchange(url, method, headers, body, controller)
            .await
            .map(|(status, headers, body)| Reply {
                status,
                headers,
                body,
            })
            .ok_or(Failure::Network);
    }
    let method = Method::from_bytes(method.as_bytes()).map_err(|_| Failure::Network)?;
    // gloo-net appends its own query to the URL's with a `&` between, even when its own is
    // empty (gloo #498): the query goes to it as pairs instead. The core writes them as
    // URLSearchParams does (`request::encode_query_value`), so they go out as shown.
    let (base, query) = url.split_once('?').unwrap_or((url, ""));
    let mut request = RequestBuilder::new(base)
        .method(method)
        .abort_signal(Some(&controller.signal()))
        .query(query_pairs(query)?.iter().map(|(k, v)| (k.as_str(), v)));
    for (name, value) in headers {
        request = request.header(name, value);
    }
    if !preloaded {
        request = request
            .redirect(web_sys::RequestRedirect::Error)
            .cache(web_sys::RequestCache::NoStore)
            .credentials(web_sys::RequestCredentials::Omit);
    }
    // The browser refuses to build a request for a URL it cannot parse: nothing is sent.
    let request = match body {
        Some(body) => request.body(body),
        None => request.build(),
    }
    .map_err(|_| Failure::Network)?;
    let response = request.send().await.map_err(|_| Failure::Network)?;
    let headers = response.headers().entries().collect();
    let body = read_body(response.body(), controller).await?;
    Ok(Reply {
        status: response.status(),
        headers,
        body,
    })
}

/// The pairs of a query string, decoded as URLSearchParams reads them.
fn query_pairs(query: &str) -> Result<Vec<(String, String)>, Failure> {
    if query.is_empty() {
        return Ok(Vec::new());
    }
    let params = web_sys::UrlSearchParams::new_with_str(query).map_err(|_| Failure::Network)?;
    let mut pairs = Vec::new();
    if let Ok(Some(entries)) = js_sys::try_iter(&params) {
        for entry in entries.flatten() {
            let pair: js_sys::Array = entry.unchecked_into();
            if let (Some(k), Some(v)) = (pair.get(0).as_string(), pair.get(1).as_string()) {
                pairs.push((k, v));
            }
        }
    }
    Ok(pairs)
}

/// The body as text, chunk by chunk, stopping (and cancelling the rest) past [`BODY_LIMIT`].
async fn read_body(
    stream: Option<web_sys::ReadableStream>,
    controller: &web_sys::AbortController,
) -> Result<String, Failure> {
    let Some(stream) = stream else {
        return Ok(String::new());
    };
    let reader: web_sys::ReadableStreamDefaultReader = stream.get_reader().unchecked_into();
    let (done_key, value_key) = (JsValue::from_str("done"), JsValue::from_str("value"));
    let mut bytes: Vec<u8> = Vec::new();
    loop {
        // Rejected when the timer aborts a stalled body: the caller reports the timeout.
        let chunk = JsFuture::from(reader.read())
            .await
            .map_err(|_| Failure::Network)?;
        let done = js_sys::Reflect::get(&chunk, &done_key)
            .ok()
            .and_then(|d| d.as_bool())
            .unwrap_or(true);
        if done {
            break;
        }
        let Ok(value) = js_sys::Reflect::get(&chunk, &value_key) else {
            break;
        };
        let part: js_sys::Uint8Array = value.unchecked_into();
        let start = bytes.len();
        let len = part.length() as usize;
        if start + len > BODY_LIMIT {
            let _ = reader.cancel();
            controller.abort();
            return Err(Failure::TooLarge);
        }
        bytes.resize(start + len, 0);
        part.copy_to(&mut bytes[start..]);
    }
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}
