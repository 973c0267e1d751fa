//! The pure core: everything the console knows about the VPCEP API, with no
//! browser imports, so it is tested natively in seconds.

pub mod access;
pub mod batch;
pub mod code;
pub mod config;
pub mod conflict;
pub mod connection_job;
pub mod connections;
/// The demo build's routing, faults and banner words (the `demo` feature; native for its tests).
#[cfg(any(feature = "demo", not(target_arch = "wasm32")))]
pub mod demo;
pub mod dialect;
pub mod diff;
pub mod draft;
pub mod error;
pub mod field;
pub mod history;
pub mod iam;
pub mod list;
pub mod model;
pub mod operation;
pub mod paging;
pub mod poll;
pub mod ports;
pub mod regions;
pub mod request;
pub mod response;
pub mod route;
pub mod upgrade;
pub mod validate;
pub mod whitelist;
pub mod wire;
pub mod words;

pub use dialect::Dialect;
pub use diff::{plan_update, FieldChange, UpdatePlan};
pub use draft::{PortDraft, ServiceDraft};
pub use error::{ApiError, ErrorKind};
pub use field::{Field, FieldError};
pub use model::{EndpointService, PortMapping, ServiceList, Tag, UpdateBody};
pub use operation::{build_request, build_service_request, Operation};
pub use ports::PortsDiff;
pub use request::{ApiRequest, ListQuery, Method, Settings, SettingsError};
pub use response::{read_response, read_service_response, Outcome, Wire, EVERY, SERVICES};
pub use validate::validate;
