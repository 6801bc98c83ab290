//! The connection loop: `axum::serve`, with what a public server needs and it does not offer. A
//! client that never finishes its request header is closed, the number of connections is bounded
//! in all and for each client, and a shutdown waits for requests in flight only so long.

use crate::http::in_flight::InFlight;
use axum::extract::ConnectInfo;
use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tower::ServiceExt as _;

/// How long and how many: the connection limits, set by the environment (`settings`).
#[derive(Clone, Debug)]
pub struct Limits {
    /// Connections open at once; one more is closed as soon as it is accepted.
    pub max_connections: usize,
    /// Connections open at once from one peer address, so that one client holding idle sockets
    /// cannot take them all. Behind a proxy every connection is the proxy's: it is then the
    /// proxy's to limit per client (nginx's `limit_conn`), and this is `max_connections`.
    pub max_connections_per_client: usize,
    /// Time to send the whole request header.
    pub header_read_timeout: Duration,
    /// Time to send the whole body (an upload included).
    pub body_read_timeout: Duration,
    /// How long a shutdown waits for requests in flight before closing their connections.
    pub shutdown_grace: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_connections: 512,
            max_connections_per_client: 64,
            header_read_timeout: Duration::from_secs(10),
            body_read_timeout: Duration::from_secs(60),
            shutdown_grace: Duration::from_secs(10),
        }
    }
}

/// Serves `router` on `listener` until `shutdown` completes, then for at most
/// [`Limits::shutdown_grace`] while the requests in flight finish.
pub async fn serve(listener: TcpListener, router: Router, limits: Limits, shutdown: impl Future<Output = ()>) {
    let router = router.layer(tower_http::timeout::RequestBodyTimeoutLayer::new(limits.body_read_timeout));
    let connections = Arc::new(Semaphore::new(limits.max_connections));
    // Each peer address as one "person" of the count; the total is the semaphore's.
    let per_client = InFlight::new(usize::MAX, limits.max_connections_per_client);
    let graceful = GracefulShutdown::new();
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new()).header_read_timeout(limits.header_read_timeout);
    tokio::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(error) => {
                    // Out of file descriptors, say: wait a moment rather than spin.
                    tracing::warn!(%error, "accepting a connection failed");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let Ok(permit) = connections.clone().try_acquire_owned() else {
            tracing::warn!(limit = limits.max_connections, "connection refused: too many open");
            continue;
        };
        let Ok(client_slot) = per_client.admit(&peer.ip().to_string()) else {
            tracing::warn!(limit = limits.max_connections_per_client, client = %peer.ip(), "connection refused: too many open from one client");
            continue;
        };
        let router = router.clone();
        let service = hyper::service::service_fn(move |mut request: hyper::Request<Incoming>| {
            request.extensions_mut().insert(ConnectInfo(peer));
            router.clone().oneshot(request)
        });
        let connection = graceful.watch(http.serve_connection(TokioIo::new(stream), service));
        tokio::spawn(async move {
            // A client that goes away or is too slow ends its own connection; nothing to report.
            let _ = connection.await;
            drop((permit, client_slot));
        });
    }
    drop(listener);
    if tokio::time::timeout(limits.shutdown_grace, graceful.shutdown()).await.is_err() {
        tracing::warn!("shutdown: connections still open after the grace period are closed");
    }
}
