//! The Connections tab: the endpoints that connect to one endpoint service, and
//! accepting or rejecting them.
//!
//! - `GET {base}/connections` lists them ([`ConnectionsView`] → [`ConnectionQuery`] →
//!   [`list_connections_request`], answer read by [`read_connection_list`]).
//! - `POST {base}/connections/action` accepts (`receive`, not `accept`) or rejects
//!   exactly ONE endpoint per request ([`connection_action_request`]; N selected rows
//!   become N requests with [`connection_action_requests`]).
//!
//! `{base}` is `/v1/{project_id}/vpc-endpoint-services/{service_id}`.

mod calls;
mod connection;
mod view;

pub use calls::{
    action_summary, connection_action_request, connection_action_requests,
    list_connections_request, marker_id_problem, select_one, ConnectionQuery,
};
pub use connection::{
    read_connection_action, read_connection_list, Connection, ConnectionAction, ConnectionFailure,
    ConnectionList, ConnectionStatus, MAX_LIMIT,
};
pub use view::{connections_input, ConnectionsInput, ConnectionsView, CONNECTION_PAGE_SIZES};
