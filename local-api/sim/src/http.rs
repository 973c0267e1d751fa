//! A request as the simulation reads it and the answer it gives: plain data, so that any host
//! (the axum server, a browser page's `fetch` stand-in) can carry them.

use serde_json::Value;

/// One HTTP request, as the host received it.
#[derive(Clone, Copy, Debug)]
pub struct Request<'a> {
    /// `GET`, `PUT`, `POST`, … (case-sensitive, as HTTP's methods are).
    pub method: &'a str,
    /// The raw path, still percent-encoded, without the query.
    pub path: &'a str,
    /// The query without its `?` (`""` for none).
    pub query: &'a str,
    /// The headers, names in any case; the first of a name counts.
    pub headers: &'a [(String, String)],
    pub body: &'a [u8],
    /// The request's id, which the gateway's 404 shows in its body (the host makes it, e.g. with
    /// [`crate::Sim::next_request_id`], and sends it as `X-Request-Id`).
    pub request_id: &'a str,
}

impl Request<'_> {
    /// The first value of the header `name` (any case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// One answer: status, headers (lower-case names), body bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    /// `status` with `body` of the given `Content-Type`.
    pub fn with_body(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Response {
        Response {
            status,
            headers: vec![("content-type".to_string(), content_type.to_string())],
            body: body.into(),
        }
    }

    /// `status` with a JSON body (`Content-Type: application/json`).
    pub fn json(status: u16, body: &Value) -> Response {
        let bytes = serde_json::to_vec(body).unwrap_or_default();
        Response::with_body(status, "application/json", bytes)
    }

    /// `status` with no body and no headers (e.g. 204).
    pub fn empty(status: u16) -> Response {
        Response {
            status,
            headers: Vec::new(),
            body: Vec::new(),
        }
    }

    /// The first value of the header `name` (any case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The body as JSON (`Value::Null` when it is not JSON).
    pub fn json_body(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or(Value::Null)
    }
}
