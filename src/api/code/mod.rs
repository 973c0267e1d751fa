//! The change as code: the request the preview shows, written for curl, the Python and Go
//! SDKs (huaweicloudsdkvpcep, huaweicloud-sdk-go-v3) and Terraform (the huaweicloud and
//! opentelekomcloud providers), with what each needs and what it cannot say.
//!
//! Pure: each generator reads the [`Operation`] the console would send and, for Terraform,
//! the service as loaded (Terraform holds a resource's whole state). The SDK snippets make
//! the same request as the console (field for field; the SDKs order the body by their models),
//! except for what an SDK does not model, which a note names.

mod go;
mod lit;
mod python;
mod terraform;

use super::dialect::Dialect;
use super::model::EndpointService;
use super::operation::Operation;
use super::request::ApiRequest;
use super::words::w;

/// The ways to write a change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tool {
    Curl,
    Python,
    Go,
    Terraform,
}

impl Tool {
    pub const ALL: [Tool; 4] = [Tool::Curl, Tool::Python, Tool::Go, Tool::Terraform];

    /// The tab's label: the tools' own names, the same in every language.
    pub fn label(self) -> &'static str {
        match self {
            Tool::Curl => "curl",
            Tool::Python => "Python",
            Tool::Go => "Go",
            Tool::Terraform => "Terraform",
        }
    }

    /// For DOM ids and golden files' extensions.
    pub fn id(self) -> &'static str {
        match self {
            Tool::Curl => "curl",
            Tool::Python => "python",
            Tool::Go => "go",
            Tool::Terraform => "terraform",
        }
    }
}

/// Where the change goes.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    pub project_id: &'a str,
    /// The region (the settings', else the one in the service's full name); may be empty.
    pub region: &'a str,
    pub dialect: Dialect,
    /// The service as last read: Terraform writes its whole state from it.
    pub service: Option<&'a EndpointService>,
}

/// A change written for one tool.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snippet {
    pub code: String,
    /// One line on what it needs to run.
    pub needs: String,
    /// What it leaves out or does differently, in the reader's words.
    pub notes: Vec<String>,
}

/// `op` (whose request is `request`, as the console sends it) written for `tool`; or why
/// that tool cannot write it.
pub fn snippet(
    tool: Tool,
    op: &Operation,
    request: &ApiRequest,
    cx: &Context,
) -> Result<Snippet, String> {
    match tool {
        Tool::Curl => Ok(Snippet {
            code: request.to_curl(),
            needs: w().code().needs_curl.to_owned(),
            notes: Vec::new(),
        }),
        Tool::Python => python::snippet(op, cx),
        Tool::Go => go::snippet(op, cx),
        Tool::Terraform => terraform::snippet(op, cx),
    }
}

/// The regions the SDKs' `VpcepRegion` knows (huaweicloudsdkvpcep 3.1.219 and
/// huaweicloud-sdk-go-v3 0.1.188 have the same list); any other is given as an endpoint.
pub const SDK_REGIONS: &[&str] = &[
    "af-north-1",
    "af-south-1",
    "ae-ad-1",
    "ap-southeast-1",
    "ap-southeast-2",
    "ap-southeast-3",
    "ap-southeast-4",
    "ap-southeast-5",
    "cn-east-2",
    "cn-east-3",
    "cn-east-4",
    "cn-east-5",
    "cn-north-1",
    "cn-north-2",
    "cn-north-4",
    "cn-north-9",
    "cn-north-11",
    "cn-north-12",
    "cn-south-1",
    "cn-south-2",
    "cn-south-4",
    "cn-southwest-2",
    "cn-southwest-3",
    "eu-west-0",
    "eu-west-101",
    "la-north-2",
    "la-south-2",
    "me-east-1",
    "my-kualalumpur-1",
    "na-mexico-1",
    "ru-moscow-1",
    "ru-northwest-2",
    "sa-brazil-1",
    "tr-west-1",
];

/// How an SDK client finds the API: a region of its list, or an endpoint.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Where {
    Region(String),
    Endpoint { region: String, url: String },
}

/// Where the SDK snippets send the request, and the note that says so when it is not a
/// region of the SDK's list.
fn sdk_where(cx: &Context, notes: &mut Vec<String>) -> Where {
    let region = cx.region.trim();
    if region.is_empty() {
        notes.push(w().code().no_region.to_owned());
        return Where::Region("REGION_ID".to_owned());
    }
    if SDK_REGIONS.contains(&region) {
        return Where::Region(region.to_owned());
    }
    let url = match cx.dialect {
        Dialect::OpenTelekom => format!("https://vpcep.{region}.otc.t-systems.com"),
        Dialect::Huawei => format!("https://vpcep.{region}.myhuaweicloud.com"),
    };
    notes.push(super::words::fill(
        w().code().sdk_endpoint,
        &[&region, &url],
    ));
    Where::Endpoint {
        region: region.to_owned(),
        url,
    }
}
