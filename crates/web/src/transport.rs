//! Connections: how long a client may take, and how many it may hold. `axum::serve` sets no
//! timer, so hyper's header-read timeout never ran and a few hundred sockets sending a byte
//! now and then were kept for ever; here each connection has
//!
//! - a header-read timeout: the whole head of a request must arrive within it, and a kept-alive
//!   connection must start its next request within it (hyper restarts the timer when the
//!   connection goes idle);
//! - an idle timeout: a connection on which nothing is read or written for that long is closed
//!   (a body that stalls, a client that stops reading the answer);
//! - a cap per peer address: connections beyond it are closed as soon as they are accepted.

use std::collections::HashMap;
use std::future::Future;
use std::io;
use std::net::{IpAddr, SocketAddr};
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;

use axum::Router;
use axum::extract::ConnectInfo;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;
use tokio::time::Instant;

/// Timeouts and the per-address cap on connections.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ConnectionLimits {
    /// Time to send a request's head, and to start the next request on a kept-alive connection.
    pub header_read_timeout: Duration,
    /// A connection with nothing read or written for this long is closed.
    pub idle_timeout: Duration,
    /// Connections open at once from one peer address. Behind a reverse proxy every client
    /// has the proxy's address: raise it there (`tahawul serve --max-connections-per-address`).
    pub per_address: usize,
}

impl Default for ConnectionLimits {
    fn default() -> Self {
        ConnectionLimits {
            header_read_timeout: Duration::from_secs(10),
            idle_timeout: Duration::from_secs(60),
            per_address: 64,
        }
    }
}

/// Open connections per peer address.
#[derive(Default)]
struct PerAddress(Mutex<HashMap<IpAddr, usize>>);

/// One counted connection; uncounted when dropped.
struct Slot {
    table: Arc<PerAddress>,
    ip: IpAddr,
}

impl PerAddress {
    /// A slot for `ip`, or `None` when it already holds `cap` connections.
    fn take(self: &Arc<Self>, ip: IpAddr, cap: usize) -> Option<Slot> {
        let mut open = self.0.lock().unwrap_or_else(|e| e.into_inner());
        let n = open.entry(ip).or_insert(0);
        if *n >= cap {
            return None;
        }
        *n += 1;
        Some(Slot { table: self.clone(), ip })
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        let mut open = self.table.0.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(n) = open.get_mut(&self.ip) {
            *n -= 1;
            if *n == 0 {
                open.remove(&self.ip);
            }
        }
    }
}

/// A socket that notes when it last moved a byte, for the idle timeout.
struct Watched {
    io: TcpStream,
    opened: Instant,
    /// Milliseconds after `opened` of the last byte read or written.
    last: Arc<AtomicU64>,
}

impl Watched {
    fn touch(&self) {
        self.last.store(self.opened.elapsed().as_millis() as u64, Ordering::Relaxed);
    }
}

impl AsyncRead for Watched {
    fn poll_read(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
        let before = buf.filled().len();
        let r = Pin::new(&mut self.io).poll_read(cx, buf);
        if matches!(r, Poll::Ready(Ok(()))) && buf.filled().len() > before {
            self.touch();
        }
        r
    }
}

impl AsyncWrite for Watched {
    fn poll_write(mut self: Pin<&mut Self>, cx: &mut Context<'_>, data: &[u8]) -> Poll<io::Result<usize>> {
        let r = Pin::new(&mut self.io).poll_write(cx, data);
        if matches!(r, Poll::Ready(Ok(n)) if n > 0) {
            self.touch();
        }
        r
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let r = Pin::new(&mut self.io).poll_write_vectored(cx, bufs);
        if matches!(r, Poll::Ready(Ok(n)) if n > 0) {
            self.touch();
        }
        r
    }

    fn is_write_vectored(&self) -> bool {
        self.io.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.io).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.io).poll_shutdown(cx)
    }
}

/// Resolves once shutdown is asked for (the value read is dropped here: it holds a lock and
/// must not live in a future that moves between threads).
async fn stopped(stop: &mut watch::Receiver<bool>) {
    let _ = stop.wait_for(|s| *s).await;
}

/// Resolves once nothing has moved on the connection for `limit`.
async fn idle(opened: Instant, last: Arc<AtomicU64>, limit: Duration) {
    loop {
        let due = opened + Duration::from_millis(last.load(Ordering::Relaxed)) + limit;
        if Instant::now() >= due {
            return;
        }
        tokio::time::sleep_until(due).await;
    }
}

/// Serves HTTP/1.1 on `listener` with `limits` until `shutdown` resolves; then accepts no more
/// connections, lets each finish the request in flight, and returns when all are closed.
pub async fn serve_with(
    listener: TcpListener,
    router: Router,
    limits: ConnectionLimits,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> io::Result<()> {
    let (stop_tx, stop_rx) = watch::channel(false);
    tokio::spawn(async move {
        shutdown.await;
        let _ = stop_tx.send(true);
    });
    // Every connection task holds a clone; the last one dropped ends the wait below.
    let (done_tx, done_rx) = watch::channel(());
    let table = Arc::new(PerAddress::default());
    let mut stop = stop_rx.clone();
    loop {
        let (socket, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(a) => a,
                // Out of file descriptors and the like: wait a moment rather than spin.
                Err(e) => {
                    tracing::warn!(error = %e, "accept failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            _ = stopped(&mut stop) => break,
        };
        let Some(slot) = table.take(peer.ip(), limits.per_address) else {
            tracing::warn!(%peer, cap = limits.per_address, "too many connections from one address: closed");
            drop(socket);
            continue;
        };
        let _ = socket.set_nodelay(true);
        tokio::spawn(connection(socket, peer, router.clone(), limits, slot, stop_rx.clone(), done_rx.clone()));
    }
    drop(done_rx);
    drop(listener);
    done_tx.closed().await;
    Ok(())
}

/// One connection, from accept to close.
async fn connection(
    socket: TcpStream,
    peer: SocketAddr,
    router: Router,
    limits: ConnectionLimits,
    _slot: Slot,
    mut stop: watch::Receiver<bool>,
    _done: watch::Receiver<()>,
) {
    let opened = Instant::now();
    let last = Arc::new(AtomicU64::new(0));
    let io = Watched { io: socket, opened, last: last.clone() };
    // The peer address feeds the per-address sign-in limit (`ConnectInfo`, as axum::serve gave).
    let service = tower::ServiceExt::map_request(router, move |mut req: hyper::Request<hyper::body::Incoming>| {
        req.extensions_mut().insert(ConnectInfo(peer));
        req
    });
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder.timer(TokioTimer::new()).header_read_timeout(limits.header_read_timeout);
    let conn = builder.serve_connection(TokioIo::new(io), TowerToHyperService::new(service));
    let mut conn = std::pin::pin!(conn);
    let mut idle = std::pin::pin!(idle(opened, last, limits.idle_timeout));
    let mut stopping = false;
    loop {
        tokio::select! {
            result = conn.as_mut() => {
                if let Err(e) = result {
                    tracing::debug!(%peer, error = %e, "connection ended");
                }
                break;
            }
            _ = &mut idle => {
                tracing::debug!(%peer, "idle connection closed");
                break;
            }
            _ = stopped(&mut stop), if !stopping => {
                stopping = true;
                conn.as_mut().graceful_shutdown();
            }
        }
    }
}
