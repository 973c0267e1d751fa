//! The change for the Go SDK, huaweicloud-sdk-go-v3 (`services/vpcep/v1`): its request
//! structs with pointer fields, its enum getters, `SafeBuild` and `region.SafeValueOf`.

use super::lit::go;
use super::{sdk_where, Context, Snippet, Where};
use crate::api::model::UpdateBody;
use crate::api::operation::Operation;
use crate::api::words::w;

const MODULE: &str = "github.com/huaweicloud/huaweicloud-sdk-go-v3";

pub(super) fn snippet(op: &Operation, cx: &Context) -> Result<Snippet, String> {
    let mut notes = Vec::new();
    // Statements before the request (enum values the SDK has no constant for), the request,
    // and the call.
    let mut before = String::new();
    let (request, call) = match op {
        Operation::UpdateService { id, body } => {
            if body.vip_port_id.is_some() {
                notes.push(w().code().no_vip_port_id.to_owned());
            }
            let body = update_body(body, &mut before, &mut notes);
            (
                literal(
                    "&model.UpdateEndpointServiceRequest",
                    &[
                        ("VpcEndpointServiceId", go(id)),
                        (
                            "Body",
                            literal("&model.UpdateEndpointServiceRequestBody", &body),
                        ),
                    ],
                ),
                "UpdateEndpointService",
            )
        }
        Operation::UpgradeService { id } => (
            literal(
                "&model.UpgradeEndpointServiceRequest",
                &[("VpcEndpointServiceId", go(id))],
            ),
            "UpgradeEndpointService",
        ),
        Operation::ConnectionAction {
            service_id,
            action,
            endpoint_id,
        } => (
            literal(
                "&model.AcceptOrRejectEndpointRequest",
                &[
                    ("VpcEndpointServiceId", go(service_id)),
                    (
                        "Body",
                        literal(
                            "&model.AcceptOrRejectEndpointRequestBody",
                            &[
                                (
                                    "Action",
                                    format!(
                                        "model.GetAcceptOrRejectEndpointRequestBodyActionEnum().{}",
                                        action.api_name().to_ascii_uppercase()
                                    ),
                                ),
                                ("Endpoints", format!("[]string{{{}}}", go(endpoint_id))),
                            ],
                        ),
                    ),
                ],
            ),
            "AcceptOrRejectEndpoint",
        ),
        Operation::PermissionAction { service_id, action } => {
            let mut body = vec![(
                "Permissions",
                list(
                    "[]string",
                    action.permissions.iter().map(|p| go(p)).collect(),
                ),
            )];
            if let Some(t) = action.permission_type {
                let name = match t.as_str() {
                    "orgPath" => "ORG_PATH",
                    _ => "DOMAIN_ID",
                };
                body.push((
                    "PermissionType",
                    format!("ptr(model.GetAddOrRemoveServicePermissionsRequestBodyPermissionTypeEnum().{name})"),
                ));
            }
            body.push((
                "Action",
                format!(
                    "model.GetAddOrRemoveServicePermissionsRequestBodyActionEnum().{}",
                    action.action.api_name().to_ascii_uppercase()
                ),
            ));
            (
                literal(
                    "&model.AddOrRemoveServicePermissionsRequest",
                    &[
                        ("VpcEndpointServiceId", go(service_id)),
                        (
                            "Body",
                            literal("&model.AddOrRemoveServicePermissionsRequestBody", &body),
                        ),
                    ],
                ),
                "AddOrRemoveServicePermissions",
            )
        }
        _ => return Err(String::new()),
    };
    let place = sdk_where(cx, &mut notes);
    let (region_import, region_line) = match &place {
        Where::Region(r) => (
            format!("\tregion \"{MODULE}/services/vpcep/v1/region\"\n"),
            format!(
                "\treg, err := region.SafeValueOf({})\n\tif err != nil {{\n\t\tpanic(err)\n\t}}\n",
                go(r)
            ),
        ),
        Where::Endpoint { region, url } => (
            String::new(),
            format!(
                "\treg := coreregion.NewRegion({}, {})\n",
                go(region),
                go(url)
            ),
        ),
    };
    let core_region = match place {
        Where::Endpoint { .. } => format!("\tcoreregion \"{MODULE}/core/region\"\n"),
        Where::Region(_) => String::new(),
    };
    let uses_ptr = request.contains("ptr(");
    let code = format!(
        "package main\n\n\
         import (\n\t\"fmt\"\n\t\"os\"\n\n\
         \t\"{MODULE}/core/auth/basic\"\n{core_region}\
         \tvpcep \"{MODULE}/services/vpcep/v1\"\n\
         \t\"{MODULE}/services/vpcep/v1/model\"\n{region_import})\n\n\
         func main() {{\n\
         \tauth, err := basic.NewCredentialsBuilder().\n\
         \t\tWithAk(os.Getenv(\"CLOUD_SDK_AK\")).\n\
         \t\tWithSk(os.Getenv(\"CLOUD_SDK_SK\")).\n\
         \t\tWithProjectId({}).\n\
         \t\tSafeBuild()\n\
         \tif err != nil {{\n\t\tpanic(err)\n\t}}\n\
         {region_line}\
         \thc, err := vpcep.VpcepClientBuilder().\n\
         \t\tWithRegion(reg).\n\
         \t\tWithCredential(auth).\n\
         \t\tSafeBuild()\n\
         \tif err != nil {{\n\t\tpanic(err)\n\t}}\n\
         \tclient := vpcep.NewVpcepClient(hc)\n\n\
         {before}\
         \trequest := {}\n\
         \tresponse, err := client.{call}(request)\n\
         \tif err != nil {{\n\t\tfmt.Println(err)\n\t\treturn\n\t}}\n\
         \tfmt.Println(response)\n\
         }}\n{}",
        go(cx.project_id),
        indent_after_first(&request, "\t"),
        if uses_ptr {
            "\n// ptr gives the pointer that the SDK's optional fields take.\nfunc ptr[T any](v T) *T { return &v }\n"
        } else {
            ""
        },
    );
    Ok(Snippet {
        code,
        needs: w().code().needs_go.to_owned(),
        notes,
    })
}

/// The update body's fields, in the SDK struct's order; an enum value the SDK has no
/// constant for is read from JSON in a statement before the request.
fn update_body(
    b: &UpdateBody,
    before: &mut String,
    notes: &mut Vec<String>,
) -> Vec<(&'static str, String)> {
    let mut f: Vec<(&'static str, String)> = Vec::new();
    if let Some(v) = b.approval_enabled {
        f.push(("ApprovalEnabled", format!("ptr({v})")));
    }
    if let Some(v) = &b.service_name {
        f.push(("ServiceName", format!("ptr({})", go(v))));
    }
    if let Some(ports) = &b.ports {
        let mut udp = false;
        let rows = ports
            .iter()
            .map(|p| {
                let protocol = if p.protocol.eq_ignore_ascii_case("TCP") {
                    "ptr(model.GetPortListProtocolEnum().TCP)".to_owned()
                } else {
                    udp = true;
                    "&udp".to_owned()
                };
                format!(
                    "{{ClientPort: ptr(int32({})), ServerPort: ptr(int32({})), Protocol: {protocol}}}",
                    p.client_port, p.server_port
                )
            })
            .collect();
        if udp {
            notes.push(w().code().go_udp.to_owned());
            before.push_str(
                "\tvar udp model.PortListProtocol\n\tif err := udp.UnmarshalJSON([]byte(`\"UDP\"`)); err != nil {\n\t\tpanic(err)\n\t}\n",
            );
        }
        f.push(("Ports", format!("&{}", list("[]model.PortList", rows))));
    }
    if let Some(v) = &b.port_id {
        f.push(("PortId", format!("ptr({})", go(v))));
    }
    if let Some(v) = &b.tcp_proxy {
        let known = ["close", "toa_open", "proxy_open", "open", "proxy_vni"];
        let value = if known.contains(&v.as_str()) {
            format!(
                "ptr(model.GetUpdateEndpointServiceRequestBodyTcpProxyEnum().{})",
                v.to_ascii_uppercase()
            )
        } else {
            before.push_str(&format!(
                "\tvar tcpProxy model.UpdateEndpointServiceRequestBodyTcpProxy\n\tif err := tcpProxy.UnmarshalJSON([]byte({})); err != nil {{\n\t\tpanic(err)\n\t}}\n",
                go(&format!("\"{v}\""))
            ));
            "&tcpProxy".to_owned()
        };
        f.push(("TcpProxy", value));
    }
    if let Some(v) = &b.description {
        f.push(("Description", format!("ptr({})", go(v))));
    }
    if let Some(v) = &b.ip {
        f.push(("Ip", format!("ptr({})", go(v))));
    }
    f
}

/// `T{ … }` over several lines as gofmt writes it: the values of consecutive one-line
/// fields line up; a field whose value spans lines stands apart, unpadded.
fn literal(ty: &str, fields: &[(&str, String)]) -> String {
    let mut out = format!("{ty}{{\n");
    let mut i = 0;
    while i < fields.len() {
        if fields[i].1.contains('\n') {
            let (k, v) = &fields[i];
            out.push_str(&format!("\t{k}: {},\n", indent_after_first(v, "\t")));
            i += 1;
            continue;
        }
        let mut end = i;
        while end < fields.len() && !fields[end].1.contains('\n') {
            end += 1;
        }
        let width = fields[i..end]
            .iter()
            .map(|(k, _)| k.len())
            .max()
            .unwrap_or(0);
        for (k, v) in &fields[i..end] {
            out.push_str(&format!("\t{k}: {}{v},\n", " ".repeat(width - k.len())));
        }
        i = end;
    }
    out.push('}');
    out
}

/// `T{` with one element a line.
fn list(ty: &str, items: Vec<String>) -> String {
    let mut out = format!("{ty}{{\n");
    for item in items {
        out.push_str(&format!("\t{item},\n"));
    }
    out.push('}');
    out
}

fn indent_after_first(text: &str, by: &str) -> String {
    let mut lines = text.lines();
    let mut out = lines.next().unwrap_or_default().to_owned();
    for l in lines {
        out.push('\n');
        out.push_str(by);
        out.push_str(l);
    }
    out
}
