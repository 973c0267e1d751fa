//! The API's error answers: one type, one way to turn it into a response; the gateway's 404;
//! IAM's (Keystone's) error shape; and how a value is quoted in a message.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

/// An API error answer: HTTP status, `error_code`, `error_msg`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiError {
    pub status: u16,
    pub code: &'static str,
    pub msg: String,
}

impl ApiError {
    pub fn new(status: u16, code: &'static str, msg: impl Into<String>) -> Self {
        ApiError {
            status,
            code,
            msg: msg.into(),
        }
    }

    /// 400 EndPoint.0002, the generic parameter error.
    pub fn param(msg: impl Into<String>) -> Self {
        ApiError::new(400, "EndPoint.0002", msg)
    }
}

/// `{"error_code": …, "error_msg": …}` with the error's status, as the VPCEP API answers.
impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::BAD_REQUEST);
        (
            status,
            Json(json!({ "error_code": self.code, "error_msg": self.msg })),
        )
            .into_response()
    }
}

/// The API gateway's answer to a path or method it does not know (checked before the token).
pub fn gateway_not_found(request_id: &str) -> Response {
    (
        StatusCode::NOT_FOUND,
        Json(json!({
            "error_code": "APIGW.0101",
            "error_msg": "The API does not exist or has not been published in the environment",
            "request_id": request_id,
        })),
    )
        .into_response()
}

/// An answer of IAM's v3 API, in Keystone's shape:
/// `{"error": {"code": 401, "message": "…", "title": "Unauthorized"}}`.
pub fn keystone_error(status: StatusCode, message: &str) -> Response {
    (
        status,
        Json(json!({ "error": {
            "code": status.as_u16(),
            "message": message,
            "title": status.canonical_reason().unwrap_or("Error"),
        } })),
    )
        .into_response()
}

/// Shortens a value quoted in an error message.
pub fn quote(s: &str) -> String {
    const MAX: usize = 64;
    if s.chars().count() <= MAX {
        format!("'{s}'")
    } else {
        let cut: String = s.chars().take(MAX).collect();
        format!("'{cut}...'")
    }
}
