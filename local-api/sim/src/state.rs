//! What the simulation holds and a reset restores: the projects and their services, with each
//! service's connections and whitelist, and the counter that numbers what is made while running.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::model::{Connection, Dialect, Permission, Seed, Service};

/// The mutable world, made from the seed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct World {
    pub projects: Vec<ProjectState>,
    /// Numbers the ids of whitelist records and connections made while running.
    pub next_id: u64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProjectState {
    pub project_id: String,
    pub region: String,
    pub dialect: Dialect,
    /// The owner's account: always allowed to connect to the project's services.
    pub domain_id: String,
    pub services: Vec<ServiceState>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ServiceState {
    /// The service object, without its connections and whitelist (kept below).
    pub svc: Service,
    /// While `Some`, the service is `creating` until this instant (Unix epoch milliseconds).
    pub creating_until: Option<u64>,
    pub connections: Vec<ConnectionState>,
    pub permissions: Vec<Permission>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConnectionState {
    pub conn: Connection,
    /// While `Some`, the connection is `creating` (accepted, being set up) until this instant
    /// (Unix epoch milliseconds).
    pub creating_until: Option<u64>,
}

impl ServiceState {
    /// A service as the seed gives it: its connections and whitelist move out of the object.
    pub fn new(mut svc: Service) -> ServiceState {
        let connections = std::mem::take(&mut svc.connections)
            .into_iter()
            .map(|conn| ConnectionState {
                conn,
                creating_until: None,
            })
            .collect();
        let permissions = std::mem::take(&mut svc.permissions);
        ServiceState {
            svc,
            creating_until: None,
            connections,
            permissions,
        }
    }
}

impl World {
    /// The world of `seed`.
    pub fn from_seed(seed: &Seed) -> World {
        World {
            projects: seed
                .projects
                .iter()
                .map(|p| ProjectState {
                    project_id: p.project_id.clone(),
                    region: p.region.clone(),
                    dialect: p.dialect,
                    domain_id: p.domain_id.clone().unwrap_or_else(|| p.project_id.clone()),
                    services: p.services.iter().cloned().map(ServiceState::new).collect(),
                })
                .collect(),
            next_id: 1,
        }
    }

    /// Every timestamp left empty (a seed without it), set to `now`.
    pub fn fill_times(&mut self, now: &str) {
        let fill = |t: &mut String| {
            if t.is_empty() {
                *t = now.to_string();
            }
        };
        for s in self.projects.iter_mut().flat_map(|p| &mut p.services) {
            fill(&mut s.svc.created_at);
            fill(&mut s.svc.updated_at);
            for c in &mut s.connections {
                fill(&mut c.conn.created_at);
                fill(&mut c.conn.updated_at);
            }
            for r in &mut s.permissions {
                fill(&mut r.created_at);
            }
        }
    }
}

impl ProjectState {
    /// Ends every `creating` phase whose deadline has passed by `now_ms`: a service's becomes
    /// `available`, a connection's `accepted`.
    pub fn settle(&mut self, now_ms: u64) {
        for s in &mut self.services {
            if s.creating_until.is_some_and(|t| t <= now_ms) {
                s.creating_until = None;
                s.svc.status = "available".to_string();
            }
            for c in &mut s.connections {
                if c.creating_until.is_some_and(|t| t <= now_ms) {
                    c.creating_until = None;
                    c.conn.status = "accepted".to_string();
                }
            }
        }
    }

    pub fn full_name(&self, svc: &Service) -> String {
        format!("{}.{}.{}", self.region, svc.service_name, svc.id)
    }

    /// The service as the API shows it: full name and project id added.
    pub fn service_json(&self, svc: &Service) -> Value {
        let mut v = serde_json::to_value(svc).unwrap_or(Value::Null);
        if let Value::Object(m) = &mut v {
            m.insert("service_name".into(), Value::String(self.full_name(svc)));
            m.insert("project_id".into(), Value::String(self.project_id.clone()));
        }
        v
    }
}
