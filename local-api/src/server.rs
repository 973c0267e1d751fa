//! Serving the router on a listener: HTTP/1.1 connections with hyper, and the `drop` fault,
//! which needs the connection itself.

use std::convert::Infallible;
use std::future::Future;
use std::io;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::Request;
use axum::Router;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Notify;
use tower::ServiceExt;

use crate::config::Config;
use crate::extensions::DropConnection;
use crate::routes::app;
use crate::state::AppState;

/// Serves `listener` until the process ends (see [`serve_with_shutdown`]).
pub async fn serve(listener: TcpListener, config: Config) -> io::Result<()> {
    serve_with_shutdown(listener, config, std::future::pending()).await
}

/// Serves `listener` until `shutdown` completes; then stops accepting and returns `Ok`.
/// Connections already open finish on their own tasks.
pub async fn serve_with_shutdown(
    listener: TcpListener,
    config: Config,
    shutdown: impl Future<Output = ()>,
) -> io::Result<()> {
    let quiet = config.quiet;
    let router = app(AppState::new(config));
    tokio::pin!(shutdown);
    loop {
        tokio::select! {
            _ = &mut shutdown => return Ok(()),
            accepted = listener.accept() => match accepted {
                Ok((stream, _peer)) => {
                    tokio::spawn(serve_connection(router.clone(), stream));
                }
                Err(e) => {
                    // Out of file descriptors and the like: wait a little and go on.
                    if !quiet {
                        eprintln!("vpcep-local-api: accept failed: {e}");
                    }
                    tokio::time::sleep(Duration::from_millis(50)).await;
                }
            },
        }
    }
}

/// One HTTP/1.1 connection. axum's own `serve` cannot drop a connection from a handler, and
/// the `drop` fault must: a response marked [`DropConnection`] is never written; the
/// connection is closed instead, and the client sees the socket close with no answer.
async fn serve_connection(router: Router, stream: TcpStream) {
    let _ = stream.set_nodelay(true);
    let dropped = Arc::new(Notify::new());
    let signal = dropped.clone();
    let service = tower::service_fn(move |req: Request<Incoming>| {
        let router = router.clone();
        let signal = signal.clone();
        async move {
            let resp = router.oneshot(req.map(axum::body::Body::new)).await?;
            if resp.extensions().get::<DropConnection>().is_some() {
                signal.notify_one();
                // The connection (and this future) is dropped on the signal.
                std::future::pending::<()>().await;
            }
            Ok::<_, Infallible>(resp)
        }
    });
    let mut builder = http1::Builder::new();
    builder.timer(TokioTimer::new());
    let conn = builder.serve_connection(TokioIo::new(stream), TowerToHyperService::new(service));
    tokio::select! {
        _ = conn => {}
        _ = dropped.notified() => {}
    }
}
