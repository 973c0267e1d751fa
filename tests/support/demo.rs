//! The demo data the end-to-end tests rely on: the local API server's [`demo`](vpcep_local_api::demo)
//! ids and token, which come from `local-api/seed/demo.env`, the one place for them.

pub use vpcep_local_api::demo::{
    ORDERS, OTC_PROJECT, OTC_SERVICE, OWNER_DOMAIN, PENDING_ENDPOINT, PROJECT, TOKEN, WEB,
};
