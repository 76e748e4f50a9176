//! Tahawul's web service: the JSON API over the store, with access by delegation and role
//! ([`access`]), sessions and API tokens ([`auth`]), problem documents in the user's language
//! ([`error`]) and an OpenAPI 3.1 document generated from the handlers. See `docs/api.md`.
//!
//! Handlers are concrete over [`AnyStore`] (SQLite or PostgreSQL, chosen at start) because
//! utoipa's `routes!` cannot name generic handlers; the access layer itself is generic.

pub mod access;
pub mod anystore;
pub mod auth;
pub mod directory;
pub mod error;
pub mod pages;
pub mod reminders;
pub mod routes;
pub mod security;
mod transport;

use std::future::Future;
use std::net::SocketAddr;
use std::sync::{Arc, OnceLock};

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum_login::AuthManagerLayerBuilder;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::trace::TraceLayer;
use tower_sessions::{Expiry, SessionManagerLayer, cookie::SameSite};
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;

pub use anystore::{AnySessionStore, AnyStore};
pub use error::{ApiError, ApiResult};
pub use transport::{ConnectionLimits, serve_with};

/// How the service runs.
#[derive(Debug, Clone)]
pub struct Config {
    /// Mark the session cookie `Secure` (on unless serving plain HTTP on loopback).
    pub secure_cookies: bool,
    /// Largest request body, in bytes.
    pub body_limit: usize,
    /// Largest event dataset upload (`/api/v1/imports/…`), in bytes: read as it streams in,
    /// so it costs no memory, only time (UCDP GED's full export is about 240 MB).
    pub import_body_limit: usize,
    /// Most simulated futures one forecast request may ask for.
    pub max_forecast_paths: u32,
    /// Sessions end after this long without a request.
    pub session_idle: time::Duration,
    /// Failed sign-ins allowed per name and per address (see [`security`]).
    pub login_limits: security::LoginLimits,
    /// The key that signs the audit log's checkpoints; `None` makes a fresh one at start (tests).
    pub log_key: Option<Arc<tahawul_ledger::LogKey>>,
    /// Timeouts and the per-address cap on connections ([`serve_with`]).
    pub connections: ConnectionLimits,
    /// The directory people may sign in with, besides local accounts (`None`: local only).
    pub directory: Option<Arc<directory::Directory>>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            secure_cookies: true,
            body_limit: 16 * 1024 * 1024,
            import_body_limit: 1024 * 1024 * 1024,
            max_forecast_paths: 20_000,
            session_idle: time::Duration::hours(8),
            login_limits: security::LoginLimits::default(),
            log_key: None,
            connections: ConnectionLimits::default(),
            directory: None,
        }
    }
}

impl Config {
    /// The default for a bind address: `Secure` cookies unless on loopback (where browsers
    /// would refuse them over plain HTTP).
    pub fn for_addr(addr: SocketAddr) -> Config {
        Config { secure_cookies: !addr.ip().is_loopback(), ..Config::default() }
    }
}

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    /// The store.
    pub store: AnyStore,
    /// Settings.
    pub config: Arc<Config>,
    /// The OpenAPI document, set once the router is built.
    pub openapi: Arc<OnceLock<serde_json::Value>>,
    /// The baseline forecasts made so far (`pages::analysis::cache`).
    pub(crate) forecasts: Arc<pages::analysis::cache::Forecasts>,
}

#[derive(OpenApi)]
#[openapi(
    info(title = "Tahawul API", description = "The joint commission's record: case, indicators, observations, assessments and their workflow, gates, forecasts. See docs/api.md."),
    components(schemas(routes::ProblemDoc)),
    tags((name = "session", description = "sign in and out"), (name = "observations"), (name = "assessments"), (name = "gates"), (name = "forecast"), (name = "audit"), (name = "inbox", description = "what needs the caller"))
)]
struct ApiDoc;

/// Every route with its OpenAPI description: the router and the document come from the same
/// registrations, so neither can list a route the other lacks.
pub fn api() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .merge(routes::system::router())
        .merge(routes::session::router())
        .merge(routes::analysis::router())
        .merge(routes::records::router())
        .merge(routes::observations::router())
        .merge(routes::imports::router())
        .merge(routes::assessments::router())
        .merge(routes::admin::router())
        .merge(routes::record::router())
        .merge(routes::audit::router())
        .merge(routes::inbox::router())
        .merge(routes::intake::router())
}

/// The OpenAPI document alone (for `docs/api.md` checks and tests).
pub fn openapi() -> utoipa::openapi::OpenApi {
    api().into_openapi()
}

async fn no_route(uri: axum::http::Uri) -> ApiError {
    ApiError::NoRoute(uri.path().to_string())
}

/// The whole application: routes, sessions in the same database, limits, logs.
pub async fn app(store: AnyStore, mut config: Config) -> Result<Router, tahawul_store::StoreError> {
    if config.log_key.is_none() {
        config.log_key = tahawul_ledger::LogKey::generate().ok().map(Arc::new);
    }
    let sessions = store.session_store().await?;
    let session_layer = SessionManagerLayer::new(sessions)
        .with_name("tahawul.sid")
        .with_http_only(true)
        .with_same_site(SameSite::Strict)
        .with_secure(config.secure_cookies)
        .with_expiry(Expiry::OnInactivity(config.session_idle));
    let auth_layer = AuthManagerLayerBuilder::new(
        auth::Backend::with_directory(store.clone(), config.directory.clone()),
        session_layer,
    )
    .build();
    let limits = BodyLimits { default: config.body_limit, imports: config.import_body_limit };
    let limiter = security::LoginLimiter::new(config.login_limits);
    let unavailable_store = store.clone();
    let state =
        AppState { store, config: Arc::new(config), openapi: Arc::new(OnceLock::new()), forecasts: Arc::default() };
    let (router, doc) = api().split_for_parts();
    let _ = state.openapi.set(serde_json::to_value(&doc).unwrap_or_default());
    Ok(router
        .merge(pages::router())
        .fallback(no_route)
        .with_state(state)
        .layer(auth_layer)
        .layer(axum::middleware::from_fn_with_state(unavailable_store, error::unexplained_failure))
        .layer(axum::middleware::from_fn_with_state(limiter, security::login_limit))
        // tower-http's limit, per route (see `body_limit`).
        .layer(DefaultBodyLimit::disable())
        .layer(axum::middleware::from_fn_with_state(limits, body_limit))
        .layer(axum::middleware::from_fn(error::localize))
        .layer(CatchPanicLayer::new())
        .layer(axum::middleware::from_fn(security::headers))
        .layer(TraceLayer::new_for_http()))
}

/// The largest request bodies: one for every route but the event dataset uploads.
#[derive(Debug, Clone, Copy)]
struct BodyLimits {
    default: usize,
    imports: usize,
}

/// tower-http's body limit, at the route's size: it refuses a declared Content-Length over the
/// limit before reading a byte (axum's own limit only counts while reading, so a client
/// announcing 2 GiB held a connection open until it sent them), and cuts streamed bodies at it.
async fn body_limit(
    axum::extract::State(limits): axum::extract::State<BodyLimits>,
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    use tower::{Layer, ServiceExt};
    let path = req.uri().path();
    let upload =
        path.starts_with("/api/v1/imports/") || (path.starts_with("/indicators/") && path.ends_with("/import"));
    let limit = if upload { limits.imports } else { limits.default };
    let inner = tower::service_fn(move |req: axum::extract::Request<tower_http::body::Limited<axum::body::Body>>| {
        let next = next.clone();
        async move { Ok::<_, std::convert::Infallible>(next.run(req.map(axum::body::Body::new)).await) }
    });
    match RequestBodyLimitLayer::new(limit).layer(inner).oneshot(req).await {
        Ok(res) => res.map(axum::body::Body::new),
        Err(never) => match never {},
    }
}

/// Serves with the default [`ConnectionLimits`] until `shutdown` resolves, then finishes the
/// requests in flight.
pub async fn serve(
    listener: tokio::net::TcpListener,
    router: Router,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    serve_with(listener, router, ConnectionLimits::default(), shutdown).await
}

/// Resolves on Ctrl-C or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
    tracing::info!("shutting down: finishing requests in flight");
}
