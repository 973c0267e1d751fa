//! The domain: projects, their endpoint services with port mappings, tags, connections and
//! whitelist records, as the seed gives them and the server stores them, and the IAM users who
//! may sign in. Shared by the seed loader, the fleet, the rules, the state and the routes.
//!
//! A timestamp the seed leaves out (`created_at`, `updated_at`) is empty here: the simulation
//! sets it to the time it first runs at (see [`Seed::fill_times`]), as it has no clock.

use serde::{Deserialize, Serialize};

/// All projects the server knows, and the IAM users who may sign in to them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Seed {
    pub projects: Vec<SeedProject>,
    /// Who may sign in with `POST /v3/auth/tokens` (none: every sign-in is refused).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub iam_users: Vec<IamUser>,
}

/// An IAM user of an account (IAM's "domain"), as the stand-in's sign-in knows it.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IamUser {
    /// The user's ID (IAM's are 32 hex digits); what virtual MFA asks for with the passcode.
    pub id: String,
    pub name: String,
    /// Demo data in plain text: the seed is no secret store.
    pub password: String,
    /// The account's ID and name (`auth.identity.password.user.domain` names it by either).
    pub domain_id: String,
    pub domain_name: String,
    /// The projects a token of this user may be scoped to.
    #[serde(default)]
    pub projects: Vec<String>,
    /// Virtual MFA: the six digits it takes. The stand-in has no TOTP secret, so the code is
    /// fixed; `None` signs in with the password alone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mfa_passcode: Option<String>,
    /// IAM has locked the user (too many wrong passwords, or an administrator): no password
    /// signs in.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub locked: bool,
}

/// Without the password and the passcode.
impl std::fmt::Debug for IamUser {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IamUser")
            .field("id", &self.id)
            .field("name", &self.name)
            .field("domain_id", &self.domain_id)
            .field("domain_name", &self.domain_name)
            .field("projects", &self.projects)
            .field("mfa", &self.mfa_passcode.is_some())
            .field("locked", &self.locked)
            .finish_non_exhaustive()
    }
}

/// One project: its id, region, API dialect and services.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeedProject {
    pub project_id: String,
    pub region: String,
    pub dialect: Dialect,
    /// The account (domain) that owns the project: it may always connect to its own services,
    /// without a whitelist record. Default: the project id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain_id: Option<String>,
    #[serde(default)]
    pub services: Vec<Service>,
}

/// Which edition of the API a project speaks; it decides the accepted PUT fields.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Dialect {
    /// Huawei Cloud: protocol TCP only, `ip` and `tcp_proxy: proxy_vni` accepted, no `vip_port_id`.
    Huawei,
    /// Open Telekom Cloud: TCP or UDP, `vip_port_id` accepted, no `ip`, no `proxy_vni`.
    Otc,
}

impl Dialect {
    pub fn as_str(self) -> &'static str {
        match self {
            Dialect::Huawei => "huawei",
            Dialect::Otc => "otc",
        }
    }
}

/// A stored endpoint service. `service_name` is the SHORT name; answers show `region.name.id`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Service {
    pub id: String,
    pub service_name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub port_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vip_port_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vpc_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pool_id: Option<String>,
    #[serde(default = "default_server_type")]
    pub server_type: String,
    #[serde(default = "default_service_type")]
    pub service_type: String,
    #[serde(default = "default_status")]
    pub status: String,
    #[serde(default = "default_true")]
    pub approval_enabled: bool,
    #[serde(default = "default_editions")]
    pub supported_editions: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tcp_proxy: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cidr_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ip_version: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ip: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enable_policy: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default)]
    pub tags: Vec<Tag>,
    #[serde(default)]
    pub ports: Vec<PortMapping>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<Vec<ServiceErrorItem>>,
    #[serde(default)]
    pub created_at: String,
    #[serde(default)]
    pub updated_at: String,
    /// The VPC endpoints connected (or asking to connect) to the service: seed data, kept
    /// apart from the service object once loaded (the API shows them on their own path).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub connections: Vec<Connection>,
    /// The whitelist: who else may connect. Seed data, like `connections`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub permissions: Vec<Permission>,
}

/// A VPC endpoint's connection to a service, a row of `GET …/connections`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Connection {
    /// The VPC endpoint's id.
    pub id: String,
    /// An integer in answers, which may exceed 2^53 (a string in the query).
    pub marker_id: u64,
    /// The consumer's account.
    pub domain_id: String,
    /// `pendingAcceptance`, `creating`, `accepted`, `rejected`, `failed` or `deleting`.
    #[serde(default = "default_connection_status")]
    pub status: String,
    /// Huawei Cloud only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Why a `failed` connection failed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<Vec<ServiceErrorItem>>,
    #[serde(default)]
    pub created_at: String,
    #[serde(default)]
    pub updated_at: String,
}

/// A whitelist record, a row of `GET …/permissions`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Permission {
    pub id: String,
    /// `iam:domain::<domain_id>`, `*` (anyone), or in Huawei Cloud
    /// `organizations:orgPath::<path>`.
    pub permission: String,
    /// `domainId`, or in Huawei Cloud `orgPath`.
    #[serde(default = "default_permission_type")]
    pub permission_type: String,
    /// Open Telekom Cloud only (its list shows it; Huawei Cloud's does not).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default)]
    pub created_at: String,
}

/// One port mapping.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PortMapping {
    pub client_port: u16,
    pub server_port: u16,
    #[serde(default = "default_protocol")]
    pub protocol: String,
}

/// A resource tag.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tag {
    pub key: String,
    #[serde(default)]
    pub value: String,
}

/// An asynchronous failure reported in a service's `error` array.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceErrorItem {
    pub error_code: String,
    pub error_message: String,
}

fn default_server_type() -> String {
    "VM".to_string()
}
fn default_service_type() -> String {
    "interface".to_string()
}
fn default_status() -> String {
    "available".to_string()
}
fn default_true() -> bool {
    true
}
fn default_editions() -> Vec<String> {
    vec!["basic".to_string()]
}
fn default_protocol() -> String {
    "TCP".to_string()
}
fn default_connection_status() -> String {
    "pendingAcceptance".to_string()
}
fn default_permission_type() -> String {
    "domainId".to_string()
}

impl Seed {
    /// Every timestamp the seed left out (empty), set to `now` (`YYYY-MM-DDTHH:MM:SSZ`).
    pub fn fill_times(&mut self, now: &str) {
        let fill = |t: &mut String| {
            if t.is_empty() {
                *t = now.to_string();
            }
        };
        for s in self.projects.iter_mut().flat_map(|p| &mut p.services) {
            fill(&mut s.created_at);
            fill(&mut s.updated_at);
            for c in &mut s.connections {
                fill(&mut c.created_at);
                fill(&mut c.updated_at);
            }
            for r in &mut s.permissions {
                fill(&mut r.created_at);
            }
        }
    }
}
