//! Canned answers, byte for byte as the local server sends them: the gateway's 404, IAM's
//! (Keystone's) error shape, and what a proxy's fault gives (an HTML 502 page, the API's 500,
//! broken or empty JSON, a huge body, a throttled request). The server's faults layer answers
//! with these, so a page that simulates a fault gives the same bytes.

use serde_json::{json, Value};

use crate::http::Response;

/// `huge_body`: a 200 of this many bytes, far more than any API answer.
pub const HUGE_BODY_BYTES: usize = 10 * 1024 * 1024;

/// nginx's 502 page.
pub const HTML_502: &str = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
/// A JSON answer cut off in the middle.
pub const TRUNCATED_JSON: &str =
    "{\"id\":\"4189d3c2-8882-4871-a3c2-d380272eed83\",\"service_name\":\"cn-north-4.web-fr";
/// `stall_body`: the part of the body sent at once, and the part sent after the stall.
pub const STALL_BODY_START: &[u8] = b"{\"id\":\"";
pub const STALL_BODY_END: &[u8] = b"late\"}";

/// The API gateway's answer to a path or method it does not know (checked before the token).
pub fn gateway_not_found(request_id: &str) -> Response {
    Response::json(
        404,
        &json!({
            "error_code": "APIGW.0101",
            "error_msg": "The API does not exist or has not been published in the environment",
            "request_id": request_id,
        }),
    )
}

/// The standard reason phrase of `status` (`"Error"` for one this crate does not know).
pub fn reason(status: u16) -> &'static str {
    match status {
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        409 => "Conflict",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        _ => "Error",
    }
}

/// An answer of IAM's v3 API, in Keystone's shape:
/// `{"error": {"code": 401, "message": "…", "title": "Unauthorized"}}`.
pub fn keystone_error(status: u16, message: &str) -> Response {
    Response::json(
        status,
        &json!({ "error": {
            "code": status,
            "message": message,
            "title": reason(status),
        } }),
    )
}

/// The API's own 500 body.
pub fn system_error_body() -> Value {
    json!({"error_code": "EndPoint.0001", "error_msg": "System error."})
}

/// `error500`: the API's 500.
pub fn error500() -> Response {
    Response::json(500, &system_error_body())
}

/// `html502`: a proxy's HTML page instead of JSON.
pub fn html502() -> Response {
    Response::with_body(502, "text/html", HTML_502)
}

/// `malformed_json`: a 200 whose JSON is cut off.
pub fn malformed_json() -> Response {
    Response::with_body(200, "application/json", TRUNCATED_JSON)
}

/// `empty200`: a 200 with no body at all.
pub fn empty200() -> Response {
    Response::with_body(200, "application/json", "")
}

/// `huge_body`: a 200 JSON body of [`HUGE_BODY_BYTES`].
pub fn huge_body() -> Response {
    let mut body = String::with_capacity(HUGE_BODY_BYTES);
    body.push_str("{\"endpoint_services\":[],\"padding\":\"");
    body.extend(std::iter::repeat_n('x', HUGE_BODY_BYTES - body.len() - 2));
    body.push_str("\"}");
    Response::with_body(200, "application/json", body)
}

/// `answer` (and `every_nth`, `throttle`): `status` with the JSON `body` (`null` when none)
/// and extra `headers` after the `Content-Type`.
pub fn answer(status: u16, body: Option<&Value>, headers: &[(String, String)]) -> Response {
    let status = if (100..=999).contains(&status) {
        status
    } else {
        200
    };
    let mut resp = Response::json(status, body.unwrap_or(&Value::Null));
    resp.headers.extend(headers.iter().cloned());
    resp
}

/// How a throttled request is refused: the API's own way, or its gateway's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ThrottleCode {
    /// 400 `EndPoint.0022`, as the VPCEP API answers (not 429).
    EndPoint0022,
    /// 429 `APIGW.0308`, as the API gateway in front answers.
    Apigw0308,
}

impl ThrottleCode {
    pub fn parse(s: &str) -> Option<ThrottleCode> {
        match s {
            "EndPoint.0022" => Some(ThrottleCode::EndPoint0022),
            "APIGW.0308" => Some(ThrottleCode::Apigw0308),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ThrottleCode::EndPoint0022 => "EndPoint.0022",
            ThrottleCode::Apigw0308 => "APIGW.0308",
        }
    }

    /// 400 or 429.
    pub fn status(self) -> u16 {
        match self {
            ThrottleCode::EndPoint0022 => 400,
            ThrottleCode::Apigw0308 => 429,
        }
    }
}

/// The status and body of a throttled request (a limit of `limit` per `window_ms`).
pub fn throttle_body(
    code: ThrottleCode,
    limit: u64,
    window_ms: u64,
    request_id: &str,
) -> (u16, Value) {
    let body = match code {
        ThrottleCode::EndPoint0022 => json!({
            "error_code": "EndPoint.0022",
            "error_msg": "The number of requests exceeded the limit. Please try later.",
        }),
        ThrottleCode::Apigw0308 => json!({
            "error_code": "APIGW.0308",
            "error_msg": format!(
                "The throttling threshold has been reached: policy user over ratelimit, limit:{limit}, time:{window_ms} ms"
            ),
            "request_id": request_id,
        }),
    };
    (code.status(), body)
}

/// The answer to a throttled request.
pub fn throttled(code: ThrottleCode, limit: u64, window_ms: u64, request_id: &str) -> Response {
    let (status, body) = throttle_body(code, limit, window_ms, request_id);
    Response::json(status, &body)
}
