//! The demo of the embedded seed: the projects, services, endpoint, token and IAM users that the
//! README's first command opens and that every test uses, read at compile time from `seed/demo.env`, the
//! one file that `.ci/serve`, `.ci/test` (which `source` it) and the Rust code read.

const DEMO_ENV: &str = include_str!("../../seed/demo.env");

/// The value of `KEY=value` in demo.env; a missing key fails the build.
pub const fn demo(key: &str) -> &'static str {
    let env = DEMO_ENV.as_bytes();
    let key = key.as_bytes();
    let mut line = 0;
    while line < env.len() {
        let mut k = 0;
        while k < key.len() && line + k < env.len() && env[line + k] == key[k] {
            k += 1;
        }
        if k == key.len() && line + k < env.len() && env[line + k] == b'=' {
            let start = line + k + 1;
            let mut end = start;
            while end < env.len() && env[end] != b'\n' {
                end += 1;
            }
            let (_, rest) = env.split_at(start);
            let (value, _) = rest.split_at(end - start);
            return match core::str::from_utf8(value) {
                Ok(v) => v,
                Err(_) => panic!("demo.env is not UTF-8"),
            };
        }
        while line < env.len() && env[line] != b'\n' {
            line += 1;
        }
        line += 1;
    }
    panic!("a key is missing from local-api/seed/demo.env")
}

/// The Huawei Cloud demo project (region `cn-north-4`).
pub const PROJECT: &str = demo("DEMO_PROJECT_ID");
/// `web-frontend`: VM, basic edition, ports TCP 8080→80 and 8443→443.
pub const WEB: &str = demo("DEMO_SERVICE_ID");
/// `orders-api`: LB, basic and profession editions.
pub const ORDERS: &str = demo("DEMO_ADVANCED_SERVICE_ID");
/// The Open Telekom Cloud demo project (region `eu-de`).
pub const OTC_PROJECT: &str = demo("DEMO_OTC_PROJECT_ID");
/// `dns-resolver`, of the Open Telekom Cloud project.
pub const OTC_SERVICE: &str = demo("DEMO_OTC_SERVICE_ID");
/// The token the server accepts by default.
pub const TOKEN: &str = demo("DEMO_TOKEN");
/// The demo project's owner account (its whitelist's owner).
pub const OWNER_DOMAIN: &str = demo("DEMO_OWNER_DOMAIN_ID");
/// The first pending connection of `web-frontend`.
pub const PENDING_ENDPOINT: &str = demo("DEMO_PENDING_ENDPOINT_ID");
/// The account (IAM's domain) of the demo's IAM users: its ID is [`OWNER_DOMAIN`].
pub const IAM_ACCOUNT: &str = demo("DEMO_IAM_ACCOUNT");
/// An IAM user of [`IAM_ACCOUNT`] who signs in with a password and may scope to both demo
/// projects ([`PROJECT`] and [`OTC_PROJECT`]).
pub const IAM_USER: &str = demo("DEMO_IAM_USER");
/// [`IAM_USER`]'s password.
pub const IAM_PASSWORD: &str = demo("DEMO_IAM_PASSWORD");
/// An IAM user with virtual MFA: the password, then [`IAM_MFA_USER_ID`] and
/// [`IAM_MFA_PASSCODE`] (the `totp` method). May scope to [`PROJECT`] only.
pub const IAM_MFA_USER: &str = demo("DEMO_IAM_MFA_USER");
/// [`IAM_MFA_USER`]'s password.
pub const IAM_MFA_PASSWORD: &str = demo("DEMO_IAM_MFA_PASSWORD");
/// [`IAM_MFA_USER`]'s user ID, which the `totp` method names.
pub const IAM_MFA_USER_ID: &str = demo("DEMO_IAM_MFA_USER_ID");
/// The six digits [`IAM_MFA_USER`]'s virtual MFA takes: fixed, as the stand-in has no TOTP
/// secret to compute them from.
pub const IAM_MFA_PASSCODE: &str = demo("DEMO_IAM_MFA_PASSCODE");
/// An IAM user whom IAM has locked: any password is refused as locked.
pub const IAM_LOCKED_USER: &str = demo("DEMO_IAM_LOCKED_USER");
