//! What the console says and where: labels before API names, one edition term, errors
//! tied to the field they are about, the region read from the full name, drafts kept.
#![cfg(not(target_arch = "wasm32"))]

use vpcep_console::api::draft::SavedDraft;
use vpcep_console::api::error::{classify, fields_of};
use vpcep_console::api::words::{
    advanced, edition_label, edition_of, field_label, status_label, value_text,
};
use vpcep_console::api::{EndpointService, Field, PortDraft, PortMapping, ServiceDraft};

fn service() -> EndpointService {
    EndpointService {
        id: "4189d3c2-8882-4871-a3c2-d380272eed83".into(),
        service_name: Some("cn-north-4.web-frontend.4189d3c2-8882-4871-a3c2-d380272eed83".into()),
        description: Some("Public web tier".into()),
        ports: vec![
            PortMapping::new(8080, 80, "TCP"),
            PortMapping::new(8443, 443, "TCP"),
        ],
        supported_editions: vec!["basic".into()],
        updated_at: Some("2026-11-20T10:00:00Z".into()),
        ..Default::default()
    }
}

#[test]
fn fields_show_their_label_first_and_values_in_words() {
    assert_eq!(field_label("approval_enabled"), "Connections need approval");
    assert_eq!(value_text("approval_enabled", "false"), "No");
    assert_eq!(value_text("approval_enabled", "true"), "Yes");
    assert_eq!(value_text("tcp_proxy", "close"), "Off");
    assert_eq!(value_text("tcp_proxy", "toa_open"), "TCP TOA");
    assert_eq!(
        value_text("tcp_proxy", "proxy_vni"),
        "Proxy Protocol with VNI"
    );
    // A value the console does not know is shown as the API wrote it.
    assert_eq!(value_text("tcp_proxy", "future_mode"), "future_mode");
    assert_eq!(value_text("description", "(empty)"), "(empty)");
}

#[test]
fn the_advanced_edition_has_one_name_everywhere() {
    assert_eq!(advanced(), "Advanced (profession)");
    assert_eq!(edition_label("profession"), advanced());
    assert_eq!(edition_label("basic"), "Basic");
    assert_eq!(edition_of(&service()), "Basic");
    let mut upgraded = service();
    upgraded.supported_editions.push("profession".into());
    assert_eq!(edition_of(&upgraded), advanced());
    assert_eq!(status_label("available"), "Available");
    assert_eq!(status_label("pendingAcceptance"), "pendingAcceptance");
}

#[test]
fn the_region_comes_from_the_full_service_name() {
    assert_eq!(service().region().as_deref(), Some("cn-north-4"));
    let short = EndpointService {
        service_name: Some("web-frontend".into()),
        ..service()
    };
    assert_eq!(short.region(), None);
    let unnamed = EndpointService {
        service_name: Some(format!("eu-de.{}", service().id)),
        ..service()
    };
    assert_eq!(unnamed.region().as_deref(), Some("eu-de"));
}

fn api_error(code: &str, msg: &str) -> vpcep_console::api::ApiError {
    classify(
        400,
        &[("Content-Type".into(), "application/json".into())],
        &format!(r#"{{"error_code":"{code}","error_msg":"{msg}"}}"#),
    )
}

fn draft_with_rows(rows: &[(&str, &str, &str)]) -> ServiceDraft {
    ServiceDraft {
        ports: rows
            .iter()
            .map(|(c, s, p)| PortDraft::new(c, s, p))
            .collect(),
        ..ServiceDraft::from_service(&service())
    }
}

#[test]
fn a_port_conflict_points_at_the_row_it_names() {
    let draft = draft_with_rows(&[("8080", "80", "TCP"), ("9000", "9000", "TCP")]);
    let e = api_error(
        "EndPoint.3044",
        "Port mapping TCP 9000->9000 conflicts with mapping TCP 9000->9000 of endpoint service cn-north-4.batch-jobs.0d9e8f7a on the same port_id 9a1c7e52.",
    );
    assert_eq!(fields_of(&e, &draft), vec![Field::ClientPort(1)]);
    // Without a mapping in the message, a port number of a row will do.
    let e = api_error("EndPoint.3044", "Port 9000 is in use by another service.");
    assert_eq!(fields_of(&e, &draft), vec![Field::ClientPort(1)]);
    // Nothing to go by: the editor as a whole.
    let e = api_error("EndPoint.3044", "Port mapping conflict.");
    assert_eq!(fields_of(&e, &draft), vec![Field::Ports]);
}

#[test]
fn protocol_and_count_errors_go_to_the_port_editor() {
    let draft = draft_with_rows(&[("8080", "80", "TCP"), ("53", "53", "UDP")]);
    let e = api_error(
        "EndPoint.3075",
        "Invalid ports[1].protocol \\\"UDP\\\": use TCP.",
    );
    assert_eq!(fields_of(&e, &draft), vec![Field::Protocol(1)]);
    let e = api_error("EndPoint.3075", "Protocol UDP is not supported.");
    assert_eq!(fields_of(&e, &draft), vec![Field::Protocol(1)]);
    let e = api_error("EndPoint.3074", "Too many port mappings.");
    assert_eq!(fields_of(&e, &draft), vec![Field::Ports]);
    let e = api_error(
        "EndPoint.3063",
        "ports[0].server_port is 0; it must be an integer from 1 to 65535.",
    );
    assert_eq!(fields_of(&e, &draft), vec![Field::ServerPort(0)]);
}

#[test]
fn name_and_backend_errors_go_to_their_fields() {
    let draft = ServiceDraft::from_service(&service());
    let e = api_error("EndPoint.1003", "Invalid service_name.");
    assert_eq!(fields_of(&e, &draft), vec![Field::ServiceName]);
    let e = api_error(
        "EndPoint.3052",
        "ip and port_id cannot be modified together.",
    );
    assert_eq!(fields_of(&e, &draft), vec![Field::Ip, Field::PortId]);
    let e = api_error("EndPoint.3003", "Invalid vip_port_id \\\"x\\\".");
    assert_eq!(fields_of(&e, &draft), vec![Field::VipPortId]);
    let e = api_error("EndPoint.3003", "Invalid port_id \\\"x\\\".");
    assert_eq!(fields_of(&e, &draft), vec![Field::PortId]);
    // A parameter error names its field; `port_id` is not read into `vip_port_id`.
    let e = api_error("EndPoint.0002", "The description must not contain < or >.");
    assert_eq!(fields_of(&e, &draft), vec![Field::Description]);
    let e = api_error("EndPoint.0002", "vip_port_id is not allowed here.");
    assert_eq!(fields_of(&e, &draft), vec![Field::VipPortId]);
    // An error about no field is shown at the action bar only.
    let e = api_error("EndPoint.0001", "System error.");
    assert!(fields_of(&e, &draft).is_empty());
}

#[test]
fn a_saved_draft_is_restored_only_when_it_holds_edits() {
    let s = service();
    let mut edited = ServiceDraft::from_service(&s);
    edited.description = "Edited before the reload".into();
    let saved = SavedDraft {
        service_id: s.id.clone(),
        base_updated_at: s.updated_at.clone(),
        draft: edited.clone(),
    };
    // It survives storage as text, and it holds nothing but the form.
    let text = saved.to_json();
    assert!(!text.to_lowercase().contains("token"), "{text}");
    let back = SavedDraft::from_json(&text).unwrap();
    assert_eq!(back.restore_for(&s), Some(edited));
    // Edits that match the service (saved since) bring nothing back.
    let same = SavedDraft {
        draft: ServiceDraft::from_service(&s),
        ..saved.clone()
    };
    assert_eq!(same.restore_for(&s), None);
    // Another service's draft is never put into this one's form.
    let other = EndpointService {
        id: "0d9e8f7a-6b5c-4d3e-8f2a-1b0c9d8e7f6a".into(),
        ..service()
    };
    assert_eq!(saved.restore_for(&other), None);
    assert_eq!(SavedDraft::key("p1", "s1"), "vpcep-console:draft:p1:s1");
}

#[test]
fn a_saved_draft_is_stored_as_serde_stored_it_and_read_strictly() {
    let saved = SavedDraft {
        service_id: "s1".into(),
        base_updated_at: None,
        draft: ServiceDraft {
            approval_enabled: true,
            service_name: "web".into(),
            description: "a \"b\"".into(),
            tcp_proxy: String::new(),
            port_id: "p".into(),
            vip_port_id: String::new(),
            ip: String::new(),
            ports: vec![PortDraft::new("80", "8a", "TCP")],
        },
    };
    let text = saved.to_json();
    assert_eq!(
        text,
        r#"{"service_id":"s1","base_updated_at":null,"draft":{"approval_enabled":true,"service_name":"web","description":"a \"b\"","tcp_proxy":"","port_id":"p","vip_port_id":"","ip":"","ports":[{"client_port":"80","server_port":"8a","protocol":"TCP"}]}}"#
    );
    assert_eq!(SavedDraft::from_json(&text).unwrap(), saved);
    // Anything but what was written (a field missing, a list null) is no draft at all.
    for broken in [
        text.replace(r#""ip":"","#, ""),
        text.replace(
            r#""ports":[{"client_port":"80","server_port":"8a","protocol":"TCP"}]"#,
            r#""ports":null"#,
        ),
        text.replace(r#""service_id":"s1","#, ""),
        text.replace(r#""approval_enabled":true"#, r#""approval_enabled":"true""#),
        text[..text.len() - 1].to_owned(),
    ] {
        assert!(SavedDraft::from_json(&broken).is_err(), "{broken}");
    }
    // A draft saved without `base_updated_at` still reads.
    let older = text.replace(r#""base_updated_at":null,"#, "");
    assert_eq!(SavedDraft::from_json(&older).unwrap(), saved);
}
