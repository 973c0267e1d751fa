//! The configuration: [`Config`], and the flags and environment variables of the binary that
//! make one, parsed by clap (derive API). The README's "Flags and environment" is the reference.
//!
//! Three rules need more than clap's attributes: an empty variable counts as unset (clap would
//! pass it on as an empty value), a repeatable flag's variable is a comma-separated list, and a
//! bad value from a variable is reported under the variable's name. [`command`] and
//! [`FlagOrVar`] do that; the values themselves are checked by small value parsers.

use std::ffi::{OsStr, OsString};
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::time::Duration;

use clap::builder::TypedValueParser;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::parser::ValueSource;
use clap::{Arg, Command, CommandFactory, FromArgMatches, Parser};

use vpcep_sim::{Seed, MAX_FLEET};

pub use vpcep_sim::{DEFAULT_CREATING_DELAY_MS, DEFAULT_TOKEN, DEFAULT_TOKEN_LIFETIME_SECS};

/// The default port (`--port`, `VPCEP_PORT`).
pub const DEFAULT_PORT: u16 = 9000;

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
    /// How long a token that `POST /v3/auth/tokens` issues is valid (`--token-lifetime`,
    /// `VPCEP_TOKEN_LIFETIME`, whole seconds 1 to 86400 there; any duration here).
    pub token_lifetime: Duration,
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
    /// A directory whose files are served on GET and HEAD for every path outside `/v1/`, `/v2/`,
    /// `/v3/`, `/iam/` and `/__control` (`--static-dir`, `VPCEP_STATIC_DIR`); `None` serves no
    /// files. Lets one origin serve a console bundle, the API and the sign-in, as a production
    /// proxy does.
    pub static_dir: Option<PathBuf>,
}

impl Default for Config {
    /// The defaults of the binary: 127.0.0.1:9000, token `demo-token`, the embedded seed,
    /// a 2000 ms `creating` phase, issued tokens valid 24 h, loopback origins and hosts only,
    /// request log on, no static files.
    fn default() -> Self {
        Config {
            addr: IpAddr::V4(Ipv4Addr::LOCALHOST),
            port: DEFAULT_PORT,
            tokens: vec![DEFAULT_TOKEN.to_string()],
            seed: Seed::embedded(),
            creating_delay: Duration::from_millis(DEFAULT_CREATING_DELAY_MS),
            token_lifetime: Duration::from_secs(DEFAULT_TOKEN_LIFETIME_SECS),
            allow_origins: Vec::new(),
            allow_hosts: Vec::new(),
            quiet: false,
            static_dir: None,
        }
    }
}

/// The binary's flags, each with its environment variable; `--help` is made from these.
#[derive(Debug, Parser)]
#[command(
    about = "A local VPC Endpoint (VPCEP) API server for demos and tests",
    long_about = None,
    after_help = "\
A flag wins over its environment variable; an empty variable counts as unset. Values may also be
given as --flag=value. When ready the server prints one line to stdout:
    vpcep-local-api listening on http://ADDR:PORT",
    // A flag given twice takes its last value (a script's default, then its caller's) where
    // clap would refuse it; the repeatable ones add up.
    args_override_self = true,
)]
struct Args {
    /// IP address to bind
    #[arg(
        long,
        env = "VPCEP_ADDR",
        value_name = "ADDR",
        default_value_t = IpAddr::V4(Ipv4Addr::LOCALHOST),
        value_parser = either(ip_address),
    )]
    addr: IpAddr,

    /// Port to bind; 0 = ephemeral (the ready line shows the real one)
    #[arg(
        long,
        env = "VPCEP_PORT",
        value_name = "PORT",
        default_value_t = DEFAULT_PORT,
        // `--port -1` is a bad value, not an unknown flag `-1` (so for the other numbers).
        allow_negative_numbers = true,
        value_parser = either(port),
    )]
    port: u16,

    /// Accepted X-Auth-Token value, repeatable (the variable: comma-separated)
    #[arg(
        long = "token",
        env = "VPCEP_TOKENS",
        value_name = "TOKEN",
        default_value = DEFAULT_TOKEN,
        // Tokens are secrets: `--help` does not show the variable's value.
        hide_env_values = true,
        value_parser = FlagOrVar { flag: one_value, var: token_list },
    )]
    tokens: Vec<Values>,

    /// JSON seed of projects and services (default: the embedded seed)
    #[arg(long, env = "VPCEP_SEED", value_name = "FILE", value_parser = either(seed_file))]
    seed: Option<Seed>,

    /// Add N generated services (fleet-001, ...) to the seed's first project, 0 to 10000
    /// (default: none)
    #[arg(
        long,
        env = "VPCEP_FLEET",
        value_name = "N",
        allow_negative_numbers = true,
        value_parser = either(fleet_size),
    )]
    fleet: Option<usize>,

    /// How long a service stays 'creating' after its port mappings change, in milliseconds
    #[arg(
        long,
        env = "VPCEP_CREATING_DELAY_MS",
        value_name = "N",
        default_value_t = DEFAULT_CREATING_DELAY_MS,
        allow_negative_numbers = true,
        value_parser = either(milliseconds),
    )]
    creating_delay_ms: u64,

    /// How long a token of the sign-in (POST /v3/auth/tokens) is valid, in seconds, 1 to 86400
    #[arg(
        long,
        env = "VPCEP_TOKEN_LIFETIME",
        value_name = "SECONDS",
        default_value_t = DEFAULT_TOKEN_LIFETIME_SECS,
        allow_negative_numbers = true,
        value_parser = either(lifetime_seconds),
    )]
    token_lifetime: u64,

    /// CORS origin to allow instead of the loopback ones, repeatable (the variable:
    /// comma-separated); '*' allows any origin
    #[arg(
        long = "allow-origin",
        env = "VPCEP_ALLOW_ORIGINS",
        value_name = "ORIGIN",
        value_parser = FlagOrVar { flag: one_value, var: comma_list },
    )]
    allow_origins: Vec<Values>,

    /// Host name to answer besides the loopback ones, any port (NAME:PORT for one), repeatable
    /// (the variable: comma-separated); '*' answers any
    #[arg(
        long = "allow-host",
        env = "VPCEP_ALLOW_HOSTS",
        value_name = "NAME",
        value_parser = FlagOrVar { flag: one_trimmed_value, var: comma_list },
    )]
    allow_hosts: Vec<Values>,

    /// Also serve the files of DIR on GET and HEAD outside /v1/, /v2/, /v3/, /iam/ and
    /// /__control ('/' is DIR/index.html)
    #[arg(long, env = "VPCEP_STATIC_DIR", value_name = "DIR", value_parser = either(directory))]
    static_dir: Option<PathBuf>,

    /// No request log on stderr
    #[arg(long)]
    quiet: bool,
}

/// One value of a repeatable flag, or every item of its variable's comma-separated list.
#[derive(Clone, Debug)]
struct Values(Vec<String>);

impl Config {
    /// The configuration the binary's command line and environment give. Like clap's
    /// `Parser::parse`, prints the usage and exits 0 on `--help`, and prints a message to stderr
    /// and exits 2 on a bad flag or value.
    pub fn parse() -> Config {
        Config::try_parse_from(std::env::args_os()).unwrap_or_else(|e| e.exit())
    }

    /// Parses `args` (the program name first, as [`std::env::args_os`] gives them) and the
    /// environment. `--help` is an `Err` too, of kind `DisplayHelp`: [`clap::Error::exit`]
    /// prints either as the binary does.
    pub fn try_parse_from<I, T>(args: I) -> Result<Config, clap::Error>
    where
        I: IntoIterator<Item = T>,
        T: Into<OsString> + Clone,
    {
        parse_with(command(), args)
    }

    /// The socket address `addr:port`.
    pub fn socket_addr(&self) -> SocketAddr {
        SocketAddr::new(self.addr, self.port)
    }
}

/// The command of [`Args`], without the environment variables that are set but blank: clap
/// reads each variable as it builds the command and would take a blank one as a value. (So
/// `--help` does not name a variable that is set but blank.)
fn command() -> Command {
    Args::command().mut_args(|arg| {
        let blank = arg
            .get_env()
            .and_then(std::env::var_os)
            .is_some_and(|v| v.to_string_lossy().trim().is_empty());
        if blank {
            arg.env(None)
        } else {
            arg
        }
    })
}

/// Parses `args` with `cmd`, which holds the environment (the tests build one of their own).
fn parse_with<I, T>(mut cmd: Command, args: I) -> Result<Config, clap::Error>
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let matches = cmd.try_get_matches_from_mut(args)?;
    let args = Args::from_arg_matches(&matches).map_err(|e| e.format(&mut cmd))?;

    let mut seed = args.seed.unwrap_or_else(Seed::embedded);
    // Only a fleet asked for replaces the one a seed file may have.
    if let Some(n) = args.fleet {
        seed = seed.with_fleet(n).map_err(|e| {
            let from = match matches.value_source("fleet") {
                Some(ValueSource::EnvVariable) => "VPCEP_FLEET",
                _ => "--fleet",
            };
            cmd.error(ErrorKind::ValueValidation, format!("{from}: {e}"))
        })?;
    }
    let mut allow_origins = flatten(args.allow_origins);
    if allow_origins.iter().any(|o| o == "*") {
        allow_origins = vec!["*".to_string()];
    }
    Ok(Config {
        addr: args.addr,
        port: args.port,
        tokens: flatten(args.tokens),
        seed,
        creating_delay: Duration::from_millis(args.creating_delay_ms),
        token_lifetime: Duration::from_secs(args.token_lifetime),
        allow_origins,
        allow_hosts: flatten(args.allow_hosts),
        quiet: args.quiet,
        static_dir: args.static_dir,
    })
}

fn flatten(values: Vec<Values>) -> Vec<String> {
    values.into_iter().flat_map(|v| v.0).collect()
}

/// A value parser that parses a flag's value (or its default) with `flag` and its environment
/// variable's with `var`, and names the variable in the error for a bad value that came from
/// it: clap's own message names the flag wherever the value came from.
#[derive(Clone)]
struct FlagOrVar<F, V> {
    flag: F,
    var: V,
}

/// The same value parser for a flag and its variable.
fn either<P: Clone>(parser: P) -> FlagOrVar<P, P> {
    FlagOrVar {
        flag: parser.clone(),
        var: parser,
    }
}

impl<F, V> TypedValueParser for FlagOrVar<F, V>
where
    F: TypedValueParser,
    V: TypedValueParser<Value = F::Value>,
{
    type Value = F::Value;

    fn parse_ref(
        &self,
        cmd: &Command,
        arg: Option<&Arg>,
        value: &OsStr,
    ) -> Result<Self::Value, clap::Error> {
        self.flag.parse_ref(cmd, arg, value)
    }

    fn parse_ref_(
        &self,
        cmd: &Command,
        arg: Option<&Arg>,
        value: &OsStr,
        source: ValueSource,
    ) -> Result<Self::Value, clap::Error> {
        if source != ValueSource::EnvVariable {
            return self.flag.parse_ref(cmd, arg, value);
        }
        self.var.parse_ref(cmd, arg, value).map_err(|mut err| {
            if let Some(var) = arg.and_then(Arg::get_env) {
                let var = var.to_string_lossy().into_owned();
                err.insert(ContextKind::InvalidArg, ContextValue::String(var));
            }
            err
        })
    }
}

// The value parsers. Numbers and addresses may come with blanks around them (an env file's
// `VPCEP_PORT = 9000`); paths and tokens are taken as they are.

fn ip_address(value: &str) -> Result<IpAddr, String> {
    value
        .trim()
        .parse()
        .map_err(|_| "not an IP address".to_string())
}

fn port(value: &str) -> Result<u16, String> {
    value
        .trim()
        .parse()
        .map_err(|_| "not a port number (0-65535)".to_string())
}

fn milliseconds(value: &str) -> Result<u64, String> {
    value
        .trim()
        .parse()
        .map_err(|_| "not a number of milliseconds".to_string())
}

fn lifetime_seconds(value: &str) -> Result<u64, String> {
    value
        .trim()
        .parse()
        .ok()
        .filter(|n| (1..=DEFAULT_TOKEN_LIFETIME_SECS).contains(n))
        .ok_or_else(|| {
            format!("not a number of seconds from 1 to {DEFAULT_TOKEN_LIFETIME_SECS} (24 h)")
        })
}

fn fleet_size(value: &str) -> Result<usize, String> {
    value
        .trim()
        .parse()
        .ok()
        .filter(|n| *n <= MAX_FLEET)
        .ok_or_else(|| format!("not a number of services (0-{MAX_FLEET})"))
}

fn seed_file(path: &str) -> Result<Seed, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read it: {e}"))?;
    Seed::from_json(&text)
}

fn directory(value: &str) -> Result<PathBuf, String> {
    if value.is_empty() {
        return Err("must not be empty".to_string());
    }
    let dir = PathBuf::from(value);
    if !dir.is_dir() {
        return Err("not a directory".to_string());
    }
    Ok(dir)
}

/// One value of a repeatable flag.
fn one_value(value: &str) -> Result<Values, String> {
    if value.trim().is_empty() {
        return Err("must not be empty".to_string());
    }
    Ok(Values(vec![value.to_string()]))
}

/// One value of a repeatable flag, without blanks around it (a host name).
fn one_trimmed_value(value: &str) -> Result<Values, String> {
    one_value(value.trim())
}

/// A variable's comma-separated list: items trimmed, empty ones dropped.
fn comma_list(list: &str) -> Result<Values, String> {
    Ok(Values(
        list.split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect(),
    ))
}

/// `VPCEP_TOKENS`: a list with at least one token (else no token would be accepted).
fn token_list(list: &str) -> Result<Values, String> {
    let tokens = comma_list(list)?;
    if tokens.0.is_empty() {
        return Err("no token in the list".to_string());
    }
    Ok(tokens)
}

#[cfg(test)]
mod tests {
    use std::sync::Mutex;

    use super::*;

    /// clap reads the environment as it builds the command: build it with exactly `env` of our
    /// variables set, one test at a time, and put the process's own values back.
    fn command_with_env(env: &[(&str, &str)]) -> Command {
        static ENV: Mutex<()> = Mutex::new(());
        let _one_at_a_time = ENV.lock().unwrap_or_else(|e| e.into_inner());
        let ours: Vec<OsString> = Args::command()
            .get_arguments()
            .filter_map(|a| a.get_env().map(OsStr::to_os_string))
            .collect();
        let saved: Vec<(OsString, Option<OsString>)> = ours
            .iter()
            .map(|var| (var.clone(), std::env::var_os(var)))
            .collect();
        for var in &ours {
            std::env::remove_var(var);
        }
        for (var, value) in env {
            std::env::set_var(var, value);
        }
        let cmd = command();
        for (var, value) in saved {
            match value {
                Some(value) => std::env::set_var(var, value),
                None => std::env::remove_var(var),
            }
        }
        cmd
    }

    fn parse(args: &[&str], env: &[(&str, &str)]) -> Result<Config, clap::Error> {
        let args = std::iter::once("vpcep-local-api").chain(args.iter().copied());
        parse_with(command_with_env(env), args)
    }

    fn run(args: &[&str], env: &[(&str, &str)]) -> Config {
        parse(args, env).unwrap_or_else(|e| panic!("expected a config, got {e}"))
    }

    /// The message for a bad flag or value (also checking it is one: exit status 2).
    fn error(args: &[&str], env: &[(&str, &str)]) -> String {
        match parse(args, env) {
            Ok(c) => panic!("{args:?} {env:?} should fail, got {c:?}"),
            Err(e) => {
                assert_eq!(e.exit_code(), 2, "{args:?} {env:?}: {e}");
                e.to_string()
            }
        }
    }

    fn usage() -> String {
        Args::command().render_help().to_string()
    }

    #[test]
    fn the_command_is_well_formed() {
        Args::command().debug_assert();
    }

    #[test]
    fn defaults_without_flags_or_env() {
        let c = run(&[], &[]);
        assert_eq!(c.socket_addr().to_string(), "127.0.0.1:9000");
        assert_eq!(c.tokens, vec!["demo-token"]);
        assert_eq!(c.creating_delay, Duration::from_millis(2000));
        assert_eq!(c.token_lifetime, Duration::from_secs(86_400));
        assert_eq!(c.token_lifetime, Config::default().token_lifetime);
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
        // A flag's value is one token, commas and all; the variable is a list.
        assert_eq!(run(&["--token", "a,b"], &[]).tokens, vec!["a,b"]);
        assert_eq!(
            run(&[], &[("VPCEP_TOKENS", " a, ,b ")]).tokens,
            vec!["a", "b"]
        );
        assert_eq!(
            run(&[], &[("VPCEP_TOKENS", " ")]).tokens,
            vec!["demo-token"]
        );
        assert_eq!(run(&[], &[("VPCEP_PORT", " 7000 ")]).port, 7000);
    }

    #[test]
    fn a_flag_given_twice_takes_its_last_value() {
        let c = run(&["--port", "1", "--port=2", "--quiet", "--quiet"], &[]);
        assert_eq!(c.port, 2);
        assert!(c.quiet);
        assert_eq!(
            run(&["--token", "a", "--token", "b"], &[]).tokens,
            vec!["a", "b"]
        );
    }

    #[test]
    fn help_wins() {
        for args in [
            &["-h"][..],
            &["--help"],
            &["--port", "8123", "-h"],
            &["-h", "--port", "x"],
        ] {
            let e = parse(args, &[]).unwrap_err();
            assert_eq!(e.kind(), ErrorKind::DisplayHelp, "{args:?}");
            assert_eq!(e.exit_code(), 0);
        }
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
            error(args, &[]);
        }
        assert!(error(&[], &[("VPCEP_PORT", "abc")]).contains("VPCEP_PORT"));
        assert!(error(&[], &[("VPCEP_TOKENS", " , ")]).contains("VPCEP_TOKENS"));
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
        let err = error(&["--static-dir", "/nonexistent/dist"], &[]);
        assert!(
            err.contains("--static-dir") && err.contains("not a directory"),
            "{err}"
        );
        let err = error(&[], &[("VPCEP_STATIC_DIR", "/nonexistent/dist")]);
        assert!(err.contains("VPCEP_STATIC_DIR"), "{err}");
        error(&["--static-dir="], &[]);
        assert!(usage().contains("--static-dir <DIR>") && usage().contains("VPCEP_STATIC_DIR"));
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
            let err = error(&["--fleet", bad], &[]);
            assert!(err.contains("--fleet"), "{err}");
        }
        assert!(usage().contains("--fleet <N>") && usage().contains("VPCEP_FLEET"));
    }

    #[test]
    fn token_lifetime_from_flag_or_env_within_24_hours() {
        let secs = |args: &[&str], env: &[(&str, &str)]| run(args, env).token_lifetime.as_secs();
        assert_eq!(secs(&["--token-lifetime", "8"], &[]), 8);
        assert_eq!(secs(&["--token-lifetime=86400"], &[]), 86_400);
        assert_eq!(secs(&[], &[("VPCEP_TOKEN_LIFETIME", " 1 ")]), 1);
        assert_eq!(
            secs(
                &["--token-lifetime", "60"],
                &[("VPCEP_TOKEN_LIFETIME", "5")]
            ),
            60
        );
        assert_eq!(secs(&[], &[("VPCEP_TOKEN_LIFETIME", " ")]), 86_400);
        for bad in ["0", "-1", "86401", "1.5", "1h", ""] {
            let err = error(&["--token-lifetime", bad], &[]);
            assert!(err.contains("--token-lifetime"), "{bad}: {err}");
        }
        let err = error(&[], &[("VPCEP_TOKEN_LIFETIME", "90000")]);
        assert!(
            err.contains("VPCEP_TOKEN_LIFETIME") && err.contains("86400"),
            "{err}"
        );
        assert!(
            usage().contains("--token-lifetime <SECONDS>")
                && usage().contains("VPCEP_TOKEN_LIFETIME")
        );
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
        error(&["--allow-host", ""], &[]);
        error(&["--allow-host"], &[]);
        assert!(usage().contains("--allow-host <NAME>") && usage().contains("VPCEP_ALLOW_HOSTS"));
    }
}
