//! Safe concurrent edits: a save on a stale copy is caught, shown field by field, and the
//! user's edits can be put on top of the server's state without undoing anyone's work.

use vpcep_console::api::conflict::{rebase, server_change};
use vpcep_console::api::{
    plan_update, Dialect, EndpointService, PortDraft, PortMapping, ServiceDraft,
};

const ID: &str = "4189d3c2-8882-4871-a3c2-d380272eed83";

fn loaded() -> EndpointService {
    EndpointService {
        id: ID.into(),
        service_name: Some(format!("cn-north-4.web-frontend.{ID}")),
        approval_enabled: Some(false),
        description: Some("Public web tier".into()),
        tcp_proxy: Some("close".into()),
        updated_at: Some("2025-01-20T10:02:13Z".into()),
        ports: vec![
            PortMapping::new(8080, 80, "TCP"),
            PortMapping::new(8443, 443, "TCP"),
        ],
        ..Default::default()
    }
}

/// Admin B, meanwhile: adds 7000 → 70 and changes the description.
fn after_b() -> EndpointService {
    let mut s = loaded();
    s.updated_at = Some("2025-01-20T10:05:00Z".into());
    s.description = Some("Tier one".into());
    s.ports.push(PortMapping::new(7000, 70, "TCP"));
    s
}

fn ports(d: &ServiceDraft) -> Vec<(String, String)> {
    d.ports
        .iter()
        .map(|p| (p.client_port.clone(), p.server_port.clone()))
        .collect()
}

#[test]
fn an_unchanged_service_is_no_conflict() {
    assert_eq!(server_change(&loaded(), &loaded()), None);
    // Its status or edition moving (an upgrade, the end of `creating`) is not a save.
    let mut upgraded = loaded();
    upgraded.supported_editions = vec!["basic".into(), "profession".into()];
    upgraded.status = Some("available".into());
    assert_eq!(server_change(&loaded(), &upgraded), None);
}

#[test]
fn what_someone_else_saved_is_listed_field_by_field() {
    let c = server_change(&loaded(), &after_b()).expect("a conflict");
    assert_eq!(c.changes.len(), 1, "{:?}", c.changes);
    assert_eq!(c.changes[0].field, "description");
    assert_eq!(c.changes[0].before, "Public web tier");
    assert_eq!(c.changes[0].after, "Tier one");
    let p = c.ports.expect("the ports changed");
    assert_eq!(p.added, vec![PortMapping::new(7000, 70, "TCP")]);
    assert!(p.removed.is_empty());
    assert_eq!(c.fresh, after_b());
    // A save that moved updated_at and changed nothing the form edits is still shown.
    let mut touched = loaded();
    touched.updated_at = Some("2025-01-20T11:00:00Z".into());
    let c = server_change(&loaded(), &touched).unwrap();
    assert!(c.changes.is_empty() && c.ports.is_none());
}

#[test]
fn the_stale_save_would_undo_the_other_admins_mapping() {
    // Admin A changes 8443 → 443 to 9443 → 443 on the copy loaded before B's save.
    let mut mine = ServiceDraft::from_service(&loaded());
    mine.ports[1] = PortDraft::new("9443", "443", "TCP");
    let stale = plan_update(&loaded(), &mine, Dialect::Huawei).unwrap();
    let sent = stale.body.ports.unwrap();
    assert!(
        !sent.contains(&PortMapping::new(7000, 70, "TCP")),
        "the PUT replaces the list"
    );
    // Rebased, B's mapping stays and A's change is on top of it.
    let rebased = rebase(&loaded(), &mine, &after_b());
    assert_eq!(
        ports(&rebased),
        [("8080", "80"), ("7000", "70"), ("9443", "443")]
            .map(|(a, b)| (a.to_owned(), b.to_owned()))
    );
    let plan = plan_update(&after_b(), &rebased, Dialect::Huawei).unwrap();
    let p = plan.ports.unwrap();
    assert_eq!(p.added, vec![PortMapping::new(9443, 443, "TCP")]);
    assert_eq!(p.removed, vec![PortMapping::new(8443, 443, "TCP")]);
    assert!(p.after.contains(&PortMapping::new(7000, 70, "TCP")));
    // B's description was not A's to undo: it is not sent.
    assert_eq!(plan.body.description, None);
    assert_eq!(rebased.description, "Tier one");
}

#[test]
fn rebase_keeps_every_field_the_user_changed_and_takes_the_rest_from_the_server() {
    let mut mine = ServiceDraft::from_service(&loaded());
    mine.description = "Mine".into();
    mine.approval_enabled = true;
    let rebased = rebase(&loaded(), &mine, &after_b());
    // Both edited the description: the user's own value wins in the form (the preview then
    // shows "Tier one → Mine").
    assert_eq!(rebased.description, "Mine");
    assert!(rebased.approval_enabled);
    // Ports the user left alone are the server's, B's mapping included.
    assert_eq!(rebased.ports.len(), 3);
    assert_eq!(rebased.service_name, "web-frontend");
    assert_eq!(rebased.tcp_proxy, "close");
}

#[test]
fn a_half_typed_port_row_survives_a_rebase_as_typed() {
    let mut mine = ServiceDraft::from_service(&loaded());
    mine.ports.push(PortDraft::new("90", "", "TCP"));
    let rebased = rebase(&loaded(), &mine, &after_b());
    assert_eq!(rebased.ports, mine.ports);
}

#[test]
fn a_mapping_both_added_is_there_once() {
    let mut mine = ServiceDraft::from_service(&loaded());
    mine.ports.push(PortDraft::new("7000", "70", "TCP"));
    let rebased = rebase(&loaded(), &mine, &after_b());
    assert_eq!(rebased.ports.len(), 3);
    assert!(plan_update(&after_b(), &rebased, Dialect::Huawei)
        .unwrap()
        .ports
        .is_none());
}
