//! Regions the console offers; free text stays allowed, as new regions appear.

/// Huawei Cloud region ids with VPCEP, as the Huawei SDK's VpcepRegion lists them
/// (host `vpcep.{region}.myhuaweicloud.com`; eu-west-101 ends in `.eu`).
pub const HUAWEI_REGIONS: &[&str] = &[
    "cn-north-4",
    "cn-north-1",
    "cn-east-2",
    "cn-east-3",
    "cn-south-1",
    "cn-southwest-2",
    "ap-southeast-1",
    "la-south-2",
    "na-mexico-1",
    "cn-north-9",
    "ap-southeast-3",
    "ap-southeast-2",
    "cn-north-2",
    "af-south-1",
    "cn-south-2",
    "sa-brazil-1",
    "la-north-2",
    "tr-west-1",
    "eu-west-101",
    "ap-southeast-4",
    "eu-west-0",
    "my-kualalumpur-1",
    "ae-ad-1",
    "ru-moscow-1",
    "cn-east-5",
    "cn-south-4",
    "me-east-1",
    "ru-northwest-2",
    "cn-north-11",
    "cn-east-4",
    "af-north-1",
    "ap-southeast-5",
];

/// Open Telekom Cloud regions (host `vpcep.{region}.otc.t-systems.com`).
pub const OTC_REGIONS: &[&str] = &["eu-de", "eu-nl"];

/// Regions where, by one edition of the reference, services are advanced already;
/// by a later edition, the only regions where the upgrade call works.
pub const ADVANCED_BY_DEFAULT: &[&str] = &["cn-east-4", "me-east-1", "cn-east-5", "af-north-1"];
