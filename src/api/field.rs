//! The fields of the modify form, as the person editing sees them and as the API names
//! them, and a problem tied to one of them.

/// A field of the modify form; port rows are numbered from 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    ServiceName,
    Description,
    TcpProxy,
    PortId,
    VipPortId,
    Ip,
    /// The mapping list as a whole (count).
    Ports,
    ClientPort(usize),
    ServerPort(usize),
    Protocol(usize),
}

impl Field {
    /// A stable DOM id for the field's input; its message has this id plus `-error`.
    pub fn dom_id(self) -> String {
        match self {
            Field::ServiceName => "f-service-name".into(),
            Field::Description => "f-description".into(),
            Field::TcpProxy => "f-tcp-proxy".into(),
            Field::PortId => "f-port-id".into(),
            Field::VipPortId => "f-vip-port-id".into(),
            Field::Ip => "f-ip".into(),
            Field::Ports => "f-ports".into(),
            Field::ClientPort(i) => format!("f-port-{i}-client"),
            Field::ServerPort(i) => format!("f-port-{i}-server"),
            Field::Protocol(i) => format!("f-port-{i}-protocol"),
        }
    }
}

/// One problem with a draft, worded for the person who typed it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: Field,
    pub message: String,
}

impl FieldError {
    pub(crate) fn new(field: Field, message: impl Into<String>) -> Self {
        FieldError {
            field,
            message: message.into(),
        }
    }
}
