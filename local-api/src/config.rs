//! Command line and environment configuration.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::time::Duration;

use crate::fleet::MAX_FLEET;
use crate::model::Seed;

/// The token accepted when neither `--token` nor `VPCEP_TOKENS` is given.
pub const DEFAULT_TOKEN: &str = "demo-token";
/// The default port (`--port`, `VPCEP_PORT`).
pub const DEFAULT_PORT: u16 = 9000;
/// The default time a service stays `creating` after its port mappings change.
pub const DEFAULT_CREATING_DELAY_MS: u64 = 2000;

/// Everything the server needs to run.
#[derive(Clone, Debug)]
pub struct Config {
    /// The address to bind (`--addr`, `VPCEP_ADDR`).
    pub addr: IpAddr,
    /// The port to bind; 0 asks the OS for an ephemeral one (`--port`, `VPCEP_PORT`).
    pub port: u16,
    /// The accepted `X-Auth-Token` values (`--token`, `VPCEP_TOKENS`).
    pub tokens: Vec<String>,
    /// The projects and services loaded at start and on `POST /__control/reset`.
    pub seed: Seed,
    /// How long a service stays `creating` after a PUT changes its port mappings.
    pub creating_delay: Duration,
    /// Origins allowed by CORS (`--allow-origin`, `VPCEP_ALLOW_ORIGINS`): empty means the
    /// loopback origins only (`http(s)://127.x.x.x`, `[::1]`, `localhost`, any port); `*` in the
    /// list means any origin; otherwise exactly the listed ones.
    pub allow_origins: Vec<String>,
    /// `Host` names admitted besides the loopback ones, which are always admitted
    /// (`--allow-host`, `VPCEP_ALLOW_HOSTS`); `*` admits any. A request addressed to another
    /// name is refused with 421 (DNS rebinding protection).
    pub allow_hosts: Vec<String>,
    /// No request log on stderr (`--quiet`).
    pub quiet: bool,
    /// A directory whose files are served on GET and HEAD for every path outside `/v1/`, `/v2/`
    /// and `/__control` (`--static-dir`, `VPCEP_STATIC_DIR`); `None` serves no files.
    /// Lets one origin serve a console bundle and the API, as a production proxy does.
    pub static_dir: Option<PathBuf>,
}

/// The outcome of [`Config::from_args`].
#[derive(Clone, Debug)]
#[allow(clippy::large_enum_variant)]
pub enum ParsedArgs {
    /// Run the server with this configuration.
    Run(Config),
    /// `--help` / `-h` was given: print [`usage`] and exit 0.
    Help,
}

impl Default for Config {
    /// The defaults of the binary: 127.0.0.1:9000, token `demo-token`, the embedded seed,
    /// a 2000 ms `creating` phase, loopback origins and hosts only, request log on, no static
    /// files.
    fn default() -> Self {
        Config {
            addr: IpAddr::V4(Ipv4Addr::LOCALHOST),
            port: DEFAULT_PORT,
            tokens: vec![DEFAULT_TOKEN.to_string()],
            seed: Seed::embedded(),
            creating_delay: Duration::from_millis(DEFAULT_CREATING_DELAY_MS),
            allow_origins: Vec::new(),
            allow_hosts: Vec::new(),
            quiet: false,
            static_dir: None,
        }
    }
}

/// The text printed by `--help`.
pub fn usage() -> String {
    format!(
        "vpcep-local-api - a local VPC Endpoint (VPCEP) API server for demos and tests

USAGE:
    vpcep-local-api [OPTIONS]

OPTIONS (a flag wins over its environment variable):
    --addr ADDR              address to bind                      [env VPCEP_ADDR, default 127.0.0.1]
    --port PORT              port to bind, 0 = ephemeral          [env VPCEP_PORT, default {DEFAULT_PORT}]
    --token TOKEN            accepted X-Auth-Token, repeatable    [env VPCEP_TOKENS, comma-separated, default {DEFAULT_TOKEN}]
    --seed FILE              JSON seed of projects and services   [env VPCEP_SEED, default: the embedded seed]
    --fleet N                add N generated services (fleet-001  [env VPCEP_FLEET, default 0]
                             ...) to the seed's first project,
                             0..{MAX_FLEET}
    --creating-delay-ms N    how long a service stays 'creating'  [env VPCEP_CREATING_DELAY_MS, default {DEFAULT_CREATING_DELAY_MS}]
                             after its port mappings change
    --allow-origin ORIGIN    CORS origin to allow, repeatable;    [env VPCEP_ALLOW_ORIGINS, comma-separated, default: loopback origins]
                             '*' allows any origin
    --allow-host NAME        Host name to answer besides the      [env VPCEP_ALLOW_HOSTS, comma-separated, default: loopback names only]
                             loopback ones, repeatable; '*' = any
    --static-dir DIR         also serve the files of DIR on GET   [env VPCEP_STATIC_DIR, default: no files]
                             and HEAD outside /v1/, /v2/ and
                             /__control ('/' is DIR/index.html)
    --quiet                  no request log on stderr
    -h, --help               print this help and exit

Values may also be given as --flag=value. When ready the server prints one line to stdout:
    vpcep-local-api listening on http://ADDR:PORT
"
    )
}

const VALUE_FLAGS: [&str; 9] = [
    "--addr",
    "--port",
    "--token",
    "--seed",
    "--fleet",
    "--creating-delay-ms",
    "--allow-origin",
    "--allow-host",
    "--static-dir",
];

impl Config {
    /// Parses the command line (WITHOUT the program name, e.g. `std::env::args().skip(1)`) and
    /// the environment (`env("VPCEP_PORT")` etc.; an empty value counts as unset). A flag wins
    /// over its environment variable. `Err` carries a message for stderr (the binary exits 2).
    pub fn from_args(
        args: impl IntoIterator<Item = String>,
        env: impl Fn(&str) -> Option<String>,
    ) -> Result<ParsedArgs, String> {
        let args: Vec<String> = args.into_iter().collect();
        if args.iter().any(|a| a == "--help" || a == "-h") {
            return Ok(ParsedArgs::Help);
        }
        let env = |name: &str| env(name).filter(|v| !v.trim().is_empty());

        let mut addr: Option<String> = None;
        let mut port: Option<String> = None;
        let mut tokens: Vec<String> = Vec::new();
        let mut seed_path: Option<String> = None;
        let mut fleet: Option<String> = None;
        let mut delay: Option<String> = None;
        let mut origins: Vec<String> = Vec::new();
        let mut hosts: Vec<String> = Vec::new();
        let mut static_dir: Option<String> = None;
        let mut quiet = false;

        let mut iter = args.into_iter();
        while let Some(arg) = iter.next() {
            let (name, inline) = match arg.split_once('=') {
                Some((n, v)) if n.starts_with("--") => (n.to_string(), Some(v.to_string())),
                _ => (arg.clone(), None),
            };
            if name == "--quiet" {
                if inline.is_some() {
                    return Err("--quiet takes no value".to_string());
                }
                quiet = true;
                continue;
            }
            if !VALUE_FLAGS.contains(&name.as_str()) {
                return Err(format!("unknown argument '{arg}'"));
            }
            let value = match inline {
                Some(v) => v,
                None => match iter.next() {
                    Some(v) if !v.starts_with("--") => v,
                    _ => return Err(format!("{name} needs a value")),
                },
            };
            match name.as_str() {
                "--addr" => addr = Some(value),
                "--port" => port = Some(value),
                "--token" => {
                    if value.trim().is_empty() {
                        return Err("--token must not be empty".to_string());
                    }
                    tokens.push(value);
                }
                "--seed" => seed_path = Some(value),
                "--fleet" => fleet = Some(value),
                "--creating-delay-ms" => delay = Some(value),
                "--static-dir" => static_dir = Some(value),
                "--allow-host" => {
                    if value.trim().is_empty() {
                        return Err("--allow-host must not be empty".to_string());
                    }
                    hosts.push(value.trim().to_string());
                }
                _ => {
                    if value.trim().is_empty() {
                        return Err("--allow-origin must not be empty".to_string());
                    }
                    origins.push(value);
                }
            }
        }

        let mut config = Config {
            quiet,
            ..Config::default()
        };

        if let Some((value, source)) = pick(addr, "--addr", &env, "VPCEP_ADDR") {
            config.addr = value
                .trim()
                .parse()
                .map_err(|_| format!("{source}: '{value}' is not an IP address"))?;
        }
        if let Some((value, source)) = pick(port, "--port", &env, "VPCEP_PORT") {
            config.port = value
                .trim()
                .parse()
                .map_err(|_| format!("{source}: '{value}' is not a port number (0-65535)"))?;
        }
        if !tokens.is_empty() {
            config.tokens = tokens;
        } else if let Some(list) = env("VPCEP_TOKENS") {
            let list = split_list(&list);
            if list.is_empty() {
                return Err("VPCEP_TOKENS: no token in the list".to_string());
            }
            config.tokens = list;
        }
        if let Some((value, source)) = pick(seed_path, "--seed", &env, "VPCEP_SEED") {
            let text = std::fs::read_to_string(&value)
                .map_err(|e| format!("{source}: cannot read '{value}': {e}"))?;
            config.seed =
                Seed::from_json(&text).map_err(|e| format!("{source}: '{value}': {e}"))?;
        }
        if let Some((value, source)) = pick(fleet, "--fleet", &env, "VPCEP_FLEET") {
            let n: usize = value.trim().parse().map_err(|_| {
                format!("{source}: '{value}' is not a number of services (0-{MAX_FLEET})")
            })?;
            config.seed = config
                .seed
                .with_fleet(n)
                .map_err(|e| format!("{source}: {e}"))?;
        }
        if let Some((value, source)) = pick(
            delay,
            "--creating-delay-ms",
            &env,
            "VPCEP_CREATING_DELAY_MS",
        ) {
            let ms: u64 = value
                .trim()
                .parse()
                .map_err(|_| format!("{source}: '{value}' is not a number of milliseconds"))?;
            config.creating_delay = Duration::from_millis(ms);
        }
        if !origins.is_empty() {
            config.allow_origins = origins;
        } else if let Some(list) = env("VPCEP_ALLOW_ORIGINS") {
            config.allow_origins = split_list(&list);
        }
        if config.allow_origins.iter().any(|o| o == "*") {
            config.allow_origins = vec!["*".to_string()];
        }
        if !hosts.is_empty() {
            config.allow_hosts = hosts;
        } else if let Some(list) = env("VPCEP_ALLOW_HOSTS") {
            config.allow_hosts = split_list(&list);
        }
        if let Some((value, source)) = pick(static_dir, "--static-dir", &env, "VPCEP_STATIC_DIR") {
            if value.is_empty() {
                return Err(format!("{source} must not be empty"));
            }
            let dir = PathBuf::from(&value);
            if !dir.is_dir() {
                return Err(format!("{source}: '{value}' is not a directory"));
            }
            config.static_dir = Some(dir);
        }
        Ok(ParsedArgs::Run(config))
    }

    /// The socket address `addr:port`.
    pub fn socket_addr(&self) -> SocketAddr {
        SocketAddr::new(self.addr, self.port)
    }
}

fn pick(
    flag: Option<String>,
    flag_name: &str,
    env: &impl Fn(&str) -> Option<String>,
    env_name: &str,
) -> Option<(String, String)> {
    match flag {
        Some(v) => Some((v, flag_name.to_string())),
        None => env(env_name).map(|v| (v, env_name.to_string())),
    }
}

fn split_list(list: &str) -> Vec<String> {
    list.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str], env: &[(&str, &str)]) -> Result<ParsedArgs, String> {
        let env: Vec<(String, String)> = env
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Config::from_args(args.iter().map(|s| s.to_string()), move |k| {
            env.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone())
        })
    }

    fn run(args: &[&str], env: &[(&str, &str)]) -> Config {
        match parse(args, env) {
            Ok(ParsedArgs::Run(c)) => c,
            other => panic!("expected a config, got {other:?}"),
        }
    }

    #[test]
    fn defaults_without_flags_or_env() {
        let c = run(&[], &[]);
        assert_eq!(c.socket_addr().to_string(), "127.0.0.1:9000");
        assert_eq!(c.tokens, vec!["demo-token"]);
        assert_eq!(c.creating_delay, Duration::from_millis(2000));
        assert!(c.allow_origins.is_empty());
        assert!(!c.quiet);
        assert_eq!(c.seed.projects.len(), 2);
        assert_eq!(c.static_dir, None);
    }

    #[test]
    fn flags_win_over_env() {
        let c = run(
            &["--port", "8123", "--token=a", "--token", "b", "--quiet"],
            &[
                ("VPCEP_PORT", "7000"),
                ("VPCEP_TOKENS", "x,y"),
                ("VPCEP_ADDR", "0.0.0.0"),
                ("VPCEP_CREATING_DELAY_MS", "5"),
                ("VPCEP_ALLOW_ORIGINS", "http://a.test, http://b.test"),
            ],
        );
        assert_eq!(c.port, 8123);
        assert_eq!(c.tokens, vec!["a", "b"]);
        assert_eq!(c.addr.to_string(), "0.0.0.0");
        assert_eq!(c.creating_delay, Duration::from_millis(5));
        assert_eq!(c.allow_origins, vec!["http://a.test", "http://b.test"]);
        assert!(c.quiet);
    }

    #[test]
    fn help_wins() {
        assert!(matches!(
            parse(&["--port", "x", "-h"], &[]),
            Ok(ParsedArgs::Help)
        ));
        assert!(usage().contains("VPCEP_CREATING_DELAY_MS"));
    }

    #[test]
    fn bad_values_are_errors() {
        for args in [
            &["--port", "70000"][..],
            &["--port"],
            &["--port", "--quiet"],
            &["--addr", "localhost"],
            &["--creating-delay-ms", "-1"],
            &["--bogus"],
            &["--quiet=1"],
            &["--token", ""],
            &["--seed", "/nonexistent/seed.json"],
        ] {
            assert!(parse(args, &[]).is_err(), "{args:?} should fail");
        }
        assert!(parse(&[], &[("VPCEP_PORT", "abc")])
            .unwrap_err()
            .contains("VPCEP_PORT"));
        assert!(parse(&[], &[("VPCEP_TOKENS", " , ")]).is_err());
    }

    #[test]
    fn static_dir_from_flag_or_env() {
        let dir = std::env::temp_dir();
        let text = dir.to_string_lossy().into_owned();
        assert_eq!(
            run(&["--static-dir", &text], &[]).static_dir,
            Some(dir.clone())
        );
        assert_eq!(
            run(&[&format!("--static-dir={text}")], &[]).static_dir,
            Some(dir.clone())
        );
        assert_eq!(
            run(&[], &[("VPCEP_STATIC_DIR", &text)]).static_dir,
            Some(dir.clone())
        );
        assert_eq!(run(&[], &[("VPCEP_STATIC_DIR", " ")]).static_dir, None);
        let err = parse(&["--static-dir", "/nonexistent/dist"], &[]).unwrap_err();
        assert!(
            err.contains("--static-dir") && err.contains("not a directory"),
            "{err}"
        );
        let err = parse(&[], &[("VPCEP_STATIC_DIR", "/nonexistent/dist")]).unwrap_err();
        assert!(err.contains("VPCEP_STATIC_DIR"), "{err}");
        assert!(parse(&["--static-dir="], &[]).is_err());
        assert!(usage().contains("--static-dir DIR") && usage().contains("VPCEP_STATIC_DIR"));
    }

    #[test]
    fn fleet_from_flag_or_env_joins_the_first_project() {
        assert_eq!(run(&[], &[]).seed.projects[0].services.len(), 4);
        let c = run(&["--fleet", "257"], &[("VPCEP_FLEET", "3")]);
        assert_eq!(c.seed.projects[0].services.len(), 4 + 257);
        assert_eq!(
            c.seed.projects[1].services.len(),
            2,
            "the OTC project keeps its own"
        );
        let c = run(&[], &[("VPCEP_FLEET", "3")]);
        assert_eq!(c.seed.projects[0].services[6].service_name, "fleet-003");
        assert_eq!(run(&["--fleet=0"], &[]).seed, Seed::embedded());
        for bad in ["-1", "many", "10001"] {
            let err = parse(&["--fleet", bad], &[]).unwrap_err();
            assert!(err.contains("--fleet"), "{err}");
        }
        assert!(usage().contains("--fleet N") && usage().contains("VPCEP_FLEET"));
    }

    #[test]
    fn star_origin_means_any() {
        let c = run(&["--allow-origin", "*"], &[]);
        assert_eq!(c.allow_origins, vec!["*"]);
        let c = run(&[], &[("VPCEP_ALLOW_ORIGINS", "http://a.test,*")]);
        assert_eq!(c.allow_origins, vec!["*"]);
    }

    #[test]
    fn allow_host_from_flag_or_env() {
        assert!(run(&[], &[]).allow_hosts.is_empty());
        let c = run(
            &["--allow-host", "vpcep.internal", "--allow-host=10.0.0.5"],
            &[("VPCEP_ALLOW_HOSTS", "ignored.example")],
        );
        assert_eq!(c.allow_hosts, vec!["vpcep.internal", "10.0.0.5"]);
        let c = run(&[], &[("VPCEP_ALLOW_HOSTS", "a.example, b.example")]);
        assert_eq!(c.allow_hosts, vec!["a.example", "b.example"]);
        assert!(parse(&["--allow-host", ""], &[]).is_err());
        assert!(parse(&["--allow-host"], &[]).is_err());
        assert!(usage().contains("--allow-host NAME") && usage().contains("VPCEP_ALLOW_HOSTS"));
    }
}
