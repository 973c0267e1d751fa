//! `vpcep-local-api`: run the local VPCEP API server. See `--help`.

use std::io::Write;
use std::process::ExitCode;

use vpcep_local_api::{serve_with_shutdown, usage, Config, ParsedArgs};

#[tokio::main]
async fn main() -> ExitCode {
    let args = std::env::args_os()
        .skip(1)
        .map(|a| a.to_string_lossy().into_owned());
    let config = match Config::from_args(args, |name| std::env::var(name).ok()) {
        Ok(ParsedArgs::Run(config)) => config,
        Ok(ParsedArgs::Help) => {
            print!("{}", usage());
            let _ = std::io::stdout().flush();
            return ExitCode::SUCCESS;
        }
        Err(msg) => {
            eprintln!("vpcep-local-api: {msg}");
            eprintln!("Try 'vpcep-local-api --help' for the list of options.");
            return ExitCode::from(2);
        }
    };

    let listener = match tokio::net::TcpListener::bind(config.socket_addr()).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!("vpcep-local-api: cannot bind {}: {e}", config.socket_addr());
            return ExitCode::from(1);
        }
    };
    let local = match listener.local_addr() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("vpcep-local-api: cannot read the bound address: {e}");
            return ExitCode::from(1);
        }
    };
    {
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "vpcep-local-api listening on http://{local}");
        let _ = out.flush();
    }

    match serve_with_shutdown(listener, config, shutdown_signal()).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("vpcep-local-api: {e}");
            ExitCode::from(1)
        }
    }
}

/// Ctrl-C, or SIGTERM on Unix.
async fn shutdown_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}
