//! `vpcep-local-api`: run the local VPCEP API server. See `--help`.

use std::io::Write;
use std::process::ExitCode;

use vpcep_local_api::{serve_with_shutdown, Config};

#[tokio::main]
async fn main() -> ExitCode {
    // `--help` exits 0 here; a bad flag or value exits 2 with a message on stderr.
    let config = Config::parse();

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
