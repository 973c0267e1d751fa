//! What the layers tell the layers and handlers after them, as axum extensions: `record` marks
//! each request with its [`Kind`], [`RequestId`] and [`RawBody`]; `faults` marks the response it
//! made with [`FaultApplied`], and one that must not be sent with [`DropConnection`].
//!
//! The types live here, apart from the middleware, so the layers that set one and the layers
//! that read it depend on this module and not on each other.

use axum::body::Bytes;

/// What a request is, decided once by `record` for the layers below.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// The VPCEP API (and its 404s): recorded, faults apply.
    Api,
    /// A CORS preflight: answered by the CORS layer, recorded unless for a test hook.
    Preflight,
    /// `/__control/…`: neither recorded nor faulted.
    Control,
    /// A file of `--static-dir`: neither recorded nor faulted.
    Static,
}

/// This request's id, for the handlers that put it in a body (the gateway's 404).
#[derive(Clone, Debug)]
pub struct RequestId(pub String);

/// The request's body as `record` read it, for the layers below that look at it (a fault that
/// tells requests apart by their body).
#[derive(Clone, Debug)]
pub struct RawBody(pub Bytes);

/// Marks a response that must not be sent: the server closes the connection instead.
#[derive(Clone, Copy, Debug)]
pub struct DropConnection;

/// Marks a response a fault made (or delayed): the request log names the mode.
#[derive(Clone, Copy, Debug)]
pub struct FaultApplied(pub &'static str);
