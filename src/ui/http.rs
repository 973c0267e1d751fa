//! The only module that sends requests.

use crate::api::error::{network_error, timeout_error};
use crate::api::request::proxy_base;
use crate::api::{
    build_request, read_response, ApiError, ApiRequest, Operation, Outcome, Settings, SettingsError,
};
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// How long the console waits for an answer before it cancels the request.
pub const TIMEOUT_SECONDS: u32 = 30;

/// One request and what came of it, for the result panel and the history.
#[derive(Debug, Clone, PartialEq)]
pub struct Exchange {
    pub request: ApiRequest,
    pub status: Option<u16>,
    pub request_id: Option<String>,
    pub duration_ms: u32,
    pub result: Result<Outcome, ApiError>,
}

fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// Builds and sends `op`; the settings error comes back before anything is sent.
pub async fn execute(settings: &Settings, op: Operation) -> Result<Exchange, SettingsError> {
    let request = build_request(settings, &op)?;
    let base = proxy_base(&settings.proxy_url)?;
    Ok(send(request, &op, &base).await)
}

fn raw_request(
    request: &ApiRequest,
    controller: Option<&web_sys::AbortController>,
) -> Result<web_sys::Request, wasm_bindgen::JsValue> {
    let init = web_sys::RequestInit::new();
    init.set_method(request.method.as_str());
    let headers = web_sys::Headers::new()?;
    for (name, value) in &request.headers {
        headers.set(name, value)?;
    }
    init.set_headers(&headers);
    if let Some(body) = &request.body {
        init.set_body(&wasm_bindgen::JsValue::from_str(body));
    }
    if let Some(c) = controller {
        init.set_signal(Some(&c.signal()));
    }
    // fetch would follow a redirect to another host with X-Auth-Token still attached
    // (only Authorization is dropped): a redirect is an error here.
    init.set_redirect(web_sys::RequestRedirect::Error);
    web_sys::Request::new_with_str_and_init(&request.url, &init)
}

async fn send(request: ApiRequest, op: &Operation, base: &str) -> Exchange {
    let started = now_ms();
    let controller = web_sys::AbortController::new().ok();
    let timed_out = Rc::new(Cell::new(false));
    let timer = controller.as_ref().and_then(|c| {
        let c = c.clone();
        let flag = timed_out.clone();
        let cb = Closure::once_into_js(move || {
            flag.set(true);
            c.abort();
        });
        web_sys::window()?
            .set_timeout_with_callback_and_timeout_and_arguments_0(
                cb.unchecked_ref(),
                (TIMEOUT_SECONDS * 1000) as i32,
            )
            .ok()
    });

    // The request is built as a web_sys::Request so that the URL goes out exactly as the
    // core built it: gloo-net's builder re-appends the query (with a stray `&`).
    let answer = match raw_request(&request, controller.as_ref()) {
        Ok(raw) => gloo_net::http::Request::from(raw)
            .send()
            .await
            .map_err(|_| ()),
        // The browser refused to build it (a URL it cannot parse): nothing was sent.
        Err(_) => Err(()),
    };
    let result = match answer {
        Ok(response) => {
            let status = response.status();
            let headers: Vec<(String, String)> = response.headers().entries().collect();
            let body = response.text().await.unwrap_or_default();
            let request_id = crate::api::error::header(&headers, "X-Request-Id").map(str::to_owned);
            let result = read_response(op, status, &headers, &body);
            (Some(status), request_id, result)
        }
        Err(_) if timed_out.get() => (None, None, Err(timeout_error(TIMEOUT_SECONDS))),
        Err(_) => (None, None, Err(network_error(base))),
    };
    if let (Some(window), Some(handle)) = (web_sys::window(), timer) {
        window.clear_timeout_with_handle(handle);
    }
    let (status, request_id, result) = result;
    Exchange {
        request,
        status,
        request_id,
        duration_ms: (now_ms() - started).max(0.0) as u32,
        result,
    }
}

/// Waits `ms` milliseconds without blocking the page.
pub async fn sleep_ms(ms: u32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms as i32);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
