//! `tahawul serve`: the JSON API on one database; an empty database first gets the founding
//! case, so `tahawul serve` needs nothing else. Also the helpers the database commands share.

use std::net::SocketAddr;

use tahawul_i18n::Message;
use tahawul_store::{RecordKind, Store, StoreError, StoreOptions};
use tahawul_web::AnyStore;

use super::Failure;
use crate::app::Ctx;

/// The database when none is given: a SQLite file in the working folder.
pub const DEFAULT_DATABASE: &str = "sqlite://tahawul.db";

/// Who the command-line tool writes as, in the audit log.
pub fn actor() -> String {
    let who = std::env::var("USER").ok().filter(|u| !u.is_empty()).unwrap_or_else(|| "operator".into());
    format!("cli:{who}")
}

/// A runtime for one command.
pub fn runtime() -> Result<tokio::runtime::Runtime, Failure> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| Failure::Problem(Message::new("service-db-failed").arg("detail", e.to_string()), None))
}

/// A store failure as the command reports it.
pub fn db_failed(e: StoreError) -> Failure {
    match e {
        StoreError::Rejected(d) => Failure::Invalid(d),
        other => Failure::Problem(Message::new("service-db-failed").arg("detail", other.to_string()), None),
    }
}

/// Opens (and migrates) the database.
pub async fn open(url: &str) -> Result<AnyStore, Failure> {
    AnyStore::open(url, StoreOptions::default()).await.map_err(db_failed)
}

/// Whether the database holds no case yet.
pub async fn is_empty(store: &AnyStore) -> Result<bool, Failure> {
    Ok(store.list_records(RecordKind::Case).await.map_err(db_failed)?.is_empty())
}

/// What `serve` was asked for.
pub struct Options {
    /// Database URL.
    pub database: String,
    /// Listen address.
    pub bind: SocketAddr,
    /// Leave `Secure` off the session cookie even off loopback.
    pub insecure_cookies: bool,
}

/// Runs the server until Ctrl-C or SIGTERM, then finishes the requests in flight.
pub fn run(ctx: &Ctx, opts: &Options) -> Result<(), Failure> {
    use tracing_subscriber::EnvFilter;
    let _ = tracing_subscriber::fmt()
        .with_env_filter(EnvFilter::try_from_env("TAHAWUL_LOG").unwrap_or_else(|_| EnvFilter::new("info,tower_http=info,sqlx=warn")))
        .with_writer(std::io::stderr)
        .try_init();
    runtime()?.block_on(async {
        let store = open(&opts.database).await?;
        if is_empty(&store).await? {
            let case = super::load(&crate::app::default_case())?;
            let s = store.import_case(&case, &actor()).await.map_err(db_failed)?;
            println!("{}", ctx.t(&Message::new("service-serve-imported").arg("records", s.records).arg("observations", s.observations)));
        }
        let case = store.load_case().await.map_err(db_failed)?;
        let listener = tokio::net::TcpListener::bind(opts.bind)
            .await
            .map_err(|e| Failure::Problem(Message::new("service-bind-failed").arg("addr", opts.bind.to_string()).arg("detail", e.to_string()), None))?;
        let addr = listener.local_addr().unwrap_or(opts.bind);
        let mut config = tahawul_web::Config::for_addr(addr);
        if opts.insecure_cookies {
            config.secure_cookies = false;
        }
        let router = tahawul_web::app(store, config).await.map_err(db_failed)?;
        println!("{}", ctx.t(&Message::new("service-serve-listening").arg("case", case.id.to_string()).arg("addr", addr.to_string()).arg("database", opts.database.as_str())));
        tracing::info!(%addr, "listening");
        tahawul_web::serve(listener, router, tahawul_web::shutdown_signal())
            .await
            .map_err(|e| Failure::Problem(Message::new("service-bind-failed").arg("addr", addr.to_string()).arg("detail", e.to_string()), None))?;
        println!("{}", ctx.loc.tr("service-serve-stopped"));
        Ok(())
    })
}
