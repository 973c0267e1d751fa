//! The API's error answers: one type and the answer it makes, and how a value is quoted in a
//! message.

use serde_json::json;

use crate::http::Response;

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

    /// `{"error_code": …, "error_msg": …}` with the error's status, as the VPCEP API answers.
    pub fn to_response(&self) -> Response {
        let status = if (100..=999).contains(&self.status) {
            self.status
        } else {
            400
        };
        Response::json(
            status,
            &json!({ "error_code": self.code, "error_msg": self.msg }),
        )
    }
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
