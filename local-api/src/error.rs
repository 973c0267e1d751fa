//! The simulation's answers as axum responses: a [`vpcep_sim::Response`] (status, headers,
//! body) and an [`ApiError`] (the API's error answer), the one way they reach the wire.

use axum::body::Body;
use axum::http::{HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use vpcep_sim::ApiError;

/// `answer` as axum sends it: the same status, headers (in order) and body bytes.
pub fn to_axum(answer: vpcep_sim::Response) -> Response {
    let status = StatusCode::from_u16(answer.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut resp = (status, Body::from(answer.body)).into_response();
    for (name, value) in answer.headers {
        if let (Ok(n), Ok(v)) = (
            HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_str(&value),
        ) {
            resp.headers_mut().append(n, v);
        }
    }
    resp
}

/// The API's error answer (`{"error_code": …, "error_msg": …}` with its status).
pub fn api_error(e: &ApiError) -> Response {
    to_axum(e.to_response())
}
