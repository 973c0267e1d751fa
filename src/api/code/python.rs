//! The change for the Python SDK, huaweicloudsdkvpcep (v1).

use super::lit::py;
use super::{sdk_where, Context, Snippet, Where};
use crate::api::model::UpdateBody;
use crate::api::operation::Operation;
use crate::api::words::w;

pub(super) fn snippet(op: &Operation, cx: &Context) -> Result<Snippet, String> {
    let mut notes = Vec::new();
    let (classes, call) = match op {
        Operation::UpdateService { id, body } => {
            if body.vip_port_id.is_some() {
                notes.push(w().code().no_vip_port_id.to_owned());
            }
            let mut classes = vec!["UpdateEndpointServiceRequest", "UpdateEndpointServiceRequestBody"];
            if body.ports.is_some() {
                classes.push("PortList");
            }
            let call = format!(
                "request = UpdateEndpointServiceRequest(\n    vpc_endpoint_service_id={},\n    body=UpdateEndpointServiceRequestBody({}),\n)\nresponse = client.update_endpoint_service(request)",
                py(id),
                update_kwargs(body)
            );
            (classes, call)
        }
        Operation::UpgradeService { id } => (
            vec!["UpgradeEndpointServiceRequest"],
            format!(
                "# POST /v2/…/upgrade, with no body.\nrequest = UpgradeEndpointServiceRequest(\n    vpc_endpoint_service_id={},\n)\nresponse = client.upgrade_endpoint_service(request)",
                py(id)
            ),
        ),
        Operation::ConnectionAction {
            service_id,
            action,
            endpoint_id,
        } => (
            vec!["AcceptOrRejectEndpointRequest", "AcceptOrRejectEndpointRequestBody"],
            format!(
                "request = AcceptOrRejectEndpointRequest(\n    vpc_endpoint_service_id={},\n    body=AcceptOrRejectEndpointRequestBody(\n        action={},\n        endpoints=[{}],\n    ),\n)\nresponse = client.accept_or_reject_endpoint(request)",
                py(service_id),
                py(action.api_name()),
                py(endpoint_id)
            ),
        ),
        Operation::PermissionAction { service_id, action } => {
            let entries: String = action
                .permissions
                .iter()
                .map(|p| format!("            {},\n", py(p)))
                .collect();
            let kind = action
                .permission_type
                .map(|t| format!("        permission_type={},\n", py(t.as_str())))
                .unwrap_or_default();
            (
                vec!["AddOrRemoveServicePermissionsRequest", "AddOrRemoveServicePermissionsRequestBody"],
                format!(
                    "request = AddOrRemoveServicePermissionsRequest(\n    vpc_endpoint_service_id={},\n    body=AddOrRemoveServicePermissionsRequestBody(\n        permissions=[\n{entries}        ],\n{kind}        action={},\n    ),\n)\nresponse = client.add_or_remove_service_permissions(request)",
                    py(service_id),
                    py(action.action.api_name())
                ),
            )
        }
        _ => return Err(String::new()),
    };
    let place = sdk_where(cx, &mut notes);
    let (region_import, located) = match &place {
        Where::Region(r) => (
            "from huaweicloudsdkvpcep.v1.region.vpcep_region import VpcepRegion\n",
            format!("    .with_region(VpcepRegion.value_of({}))\n", py(r)),
        ),
        Where::Endpoint { url, .. } => ("", format!("    .with_endpoints([{}])\n", py(url))),
    };
    let mut imports = vec!["VpcepClient"];
    imports.extend(classes);
    let code = format!(
        "import os\n\n\
         from huaweicloudsdkcore.auth.credentials import BasicCredentials\n\
         from huaweicloudsdkcore.exceptions import exceptions\n\
         from huaweicloudsdkvpcep.v1 import (\n{}\
         )\n{region_import}\n\
         credentials = BasicCredentials(\n    os.environ[\"CLOUD_SDK_AK\"],\n    os.environ[\"CLOUD_SDK_SK\"],\n    {},\n)\n\
         client = (\n    VpcepClient.new_builder()\n    .with_credentials(credentials)\n{located}    .build()\n)\n\n\
         try:\n{}\n    print(response)\n\
         except exceptions.ClientRequestException as e:\n    print(e.status_code, e.request_id, e.error_code, e.error_msg)\n",
        imports.iter().map(|c| format!("    {c},\n")).collect::<String>(),
        py(cx.project_id),
        indent(&call, "    "),
    );
    Ok(Snippet {
        code,
        needs: w().code().needs_python.to_owned(),
        notes,
    })
}

/// The body's fields as keyword arguments, in the SDK model's order (its JSON order), one
/// per line.
fn update_kwargs(b: &UpdateBody) -> String {
    let mut args: Vec<String> = Vec::new();
    if let Some(v) = b.approval_enabled {
        args.push(format!(
            "approval_enabled={}",
            if v { "True" } else { "False" }
        ));
    }
    if let Some(v) = &b.service_name {
        args.push(format!("service_name={}", py(v)));
    }
    if let Some(ports) = &b.ports {
        let rows: String = ports
            .iter()
            .map(|p| {
                format!(
                    "            PortList(client_port={}, server_port={}, protocol={}),\n",
                    p.client_port,
                    p.server_port,
                    py(&p.protocol)
                )
            })
            .collect();
        args.push(format!("ports=[\n{rows}        ]"));
    }
    if let Some(v) = &b.port_id {
        args.push(format!("port_id={}", py(v)));
    }
    if let Some(v) = &b.tcp_proxy {
        args.push(format!("tcp_proxy={}", py(v)));
    }
    if let Some(v) = &b.description {
        args.push(format!("description={}", py(v)));
    }
    if let Some(v) = &b.ip {
        args.push(format!("ip={}", py(v)));
    }
    if args.is_empty() {
        return String::new();
    }
    let lines: String = args.iter().map(|a| format!("        {a},\n")).collect();
    format!("\n{lines}    ")
}

fn indent(text: &str, by: &str) -> String {
    text.lines()
        .map(|l| {
            if l.is_empty() {
                String::new()
            } else {
                format!("{by}{l}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}
