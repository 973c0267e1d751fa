//! The demo data the end-to-end tests rely on: ids of the local API server's embedded seed
//! (`local-api/README.md`, "Seeded data") and its accepted token. The one place the tests take
//! them from.

/// The Huawei Cloud demo project.
pub const PROJECT: &str = "2b0c8e3f6a4d4e1b9c7f5a3d1e0b8c6a";
/// `web-frontend`: VM, basic edition, ports TCP 8080→80 and 8443→443.
pub const WEB: &str = "4189d3c2-8882-4871-a3c2-d380272eed83";
/// `orders-api`: LB, basic and profession editions.
pub const ORDERS: &str = "6f0b2d1e-4c3a-4b5d-9e8f-7a6b5c4d3e2f";
/// The token the local API server accepts.
pub const TOKEN: &str = "demo-token";
