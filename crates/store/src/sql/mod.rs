//! The store, written once over [`Backend`]: SQLite and PostgreSQL run the same code and,
//! but for the head lock and the bulk insert, the same SQL.

use std::marker::PhantomData;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use serde_json::{Value, json};
use tahawul_domain::{Case, Message};
use tahawul_ledger::{ChainHead, EntryDraft, PasswordHasher, canonical_json};

use crate::backend::postgres::PostgresBackend;
use crate::backend::sqlite::SqliteBackend;
use crate::backend::{Arg, Backend, Tx};
use crate::error::{Problem, Result, StoreError, invalid};
use crate::users::{Role, User};
use crate::{Record, RecordKind, RecordWrite, Snapshot};

// One concern each, most of them the `impl` of one of the store's traits (`crate::Records`, …)
// for `SqlStore`; `snapshot` and `intakes` add methods of their own.
mod agreed;
mod assessments;
mod audit;
mod event_imports;
mod intakes;
mod observations;
mod records;
mod reminders;
mod snapshot;
mod tokens;
mod users;

pub(crate) use audit::read_audit;
pub(crate) use observations::{OBSERVATION_SELECT, StoredObservationRow};
use records::{audit_view, read_record, read_records, update_record};
use users::read_user;

/// Settings shared by both backends.
#[derive(Debug, Clone)]
pub struct StoreOptions {
    /// How new passwords are hashed (argon2id; the crate defaults unless testing).
    pub password_hasher: PasswordHasher,
    /// Connections in the pool.
    pub max_connections: u32,
}

impl Default for StoreOptions {
    fn default() -> Self {
        StoreOptions { password_hasher: PasswordHasher::default(), max_connections: 8 }
    }
}

/// The store over a backend; use [`SqliteStore`] or [`PostgresStore`].
pub struct SqlStore<B: Backend> {
    pool: B::Pool,
    opts: Arc<StoreOptions>,
    /// A hash with the store's own parameters, checked when the user is unknown or disabled
    /// so that a failed login takes as long whether or not the name exists.
    decoy_hash: Arc<std::sync::OnceLock<String>>,
    /// The last snapshot read ([`crate::Records::snapshot`]).
    snapshot: Arc<std::sync::Mutex<Option<Arc<Snapshot>>>>,
    /// Held while a snapshot is loaded, so a crowd arriving after a write waits for one load
    /// instead of each starting its own.
    snapshot_load: Arc<tokio::sync::Mutex<()>>,
    /// The queue of this process's writers, taken before a write takes a connection. Writers
    /// are one at a time anyway (SQLite's write lock, PostgreSQL's lock on the audit head);
    /// waiting in the database instead held a pooled connection per waiting writer, so a
    /// burst of writes took every connection and readers waited behind them, and SQLite's
    /// busy handler sleeps up to 100 ms between tries, leaving its lock idle while writers
    /// slept (issue 13's load test: reads p99 of seconds). The database's locks still order
    /// writers of other processes.
    write_queue: Arc<tokio::sync::Mutex<()>>,
    /// The audit log's Merkle tree, kept between checkpoints (`audit_log`).
    audit_tree: Arc<crate::audit_log::TreeCache>,
    _backend: PhantomData<B>,
}

impl<B: Backend> Clone for SqlStore<B> {
    fn clone(&self) -> Self {
        SqlStore {
            pool: self.pool.clone(),
            opts: self.opts.clone(),
            decoy_hash: self.decoy_hash.clone(),
            snapshot: self.snapshot.clone(),
            snapshot_load: self.snapshot_load.clone(),
            write_queue: self.write_queue.clone(),
            audit_tree: self.audit_tree.clone(),
            _backend: PhantomData,
        }
    }
}

/// Creates `path` empty with mode 0600, unless it exists (or is SQLite's `:memory:`).
fn create_owner_only(path: &Path) -> std::io::Result<()> {
    if path.as_os_str() == ":memory:" || path.exists() {
        return Ok(());
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    match options.open(path) {
        Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists => Err(e),
        _ => Ok(()),
    }
}

/// The store in a SQLite file.
pub type SqliteStore = SqlStore<SqliteBackend>;
/// The store on a PostgreSQL server.
pub type PostgresStore = SqlStore<PostgresBackend>;

impl<B: Backend> SqlStore<B> {
    /// The store over a migrated pool, with nothing cached yet.
    fn over(pool: B::Pool, opts: StoreOptions) -> Self {
        SqlStore {
            pool,
            opts: Arc::new(opts),
            decoy_hash: Arc::default(),
            snapshot: Arc::default(),
            snapshot_load: Arc::default(),
            write_queue: Arc::default(),
            audit_tree: Arc::default(),
            _backend: PhantomData,
        }
    }
}

impl SqliteStore {
    /// Opens (creating if needed) a database file and brings its schema up to date.
    ///
    /// WAL with `synchronous=FULL`: a commit returns only after the WAL is fsynced, so an
    /// acknowledged write survives not only SIGKILL (which NORMAL already survives, the WAL
    /// being in the OS cache) but also power loss and OS crashes, which NORMAL does not.
    pub async fn open(path: &Path, opts: StoreOptions) -> Result<SqliteStore> {
        use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
        // It holds password hashes and sessions: created owner-only, before SQLite opens it
        // (SQLite gives the -wal and -shm files the database file's permissions).
        create_owner_only(path).map_err(|e| StoreError::Database(sqlx::Error::Io(e)))?;
        let connect = SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(30))
            // 64 MiB of page cache per connection: bulk inserts keep the index in memory.
            .pragma("cache_size", "-65536")
            .pragma("temp_store", "memory");
        let pool = SqlitePoolOptions::new()
            .max_connections(opts.max_connections.max(1))
            // A COMMIT that fails on a full disk leaves sqlx counting a transaction SQLite has
            // already rolled back; such a connection refuses every later BEGIN. Check on the way
            // back to the pool, and close it rather than keep it.
            .after_release(|conn, _| {
                Box::pin(async move {
                    use sqlx::Connection;
                    match conn.begin_with("BEGIN").await {
                        Ok(tx) => Ok(tx.rollback().await.is_ok()),
                        Err(_) => Ok(false),
                    }
                })
            })
            .connect_with(connect)
            .await?;
        sqlx::migrate!("./migrations/sqlite").run(&pool).await?;
        Ok(SqlStore::over(pool, opts))
    }
}

impl PostgresStore {
    /// Connects to a PostgreSQL database (`postgres://user@host:port/db`) and migrates it.
    pub async fn connect(url: &str, opts: StoreOptions) -> Result<PostgresStore> {
        let pool =
            sqlx::postgres::PgPoolOptions::new().max_connections(opts.max_connections.max(1)).connect(url).await?;
        sqlx::migrate!("./migrations/postgres").run(&pool).await?;
        Ok(SqlStore::over(pool, opts))
    }

    /// The pool, for tools and tests that need plain SQL.
    pub fn pg_pool(&self) -> &sqlx::PgPool {
        &self.pool
    }
}

impl<B: Backend> SqlStore<B> {
    /// The connection pool (for the backup, beside this module).
    pub(crate) fn pool(&self) -> &B::Pool {
        &self.pool
    }

    /// Drops what the store keeps between calls (the last snapshot, the audit log's tree)
    /// after the database was replaced under it by a restore.
    pub(crate) async fn forget_cached_state(&self) {
        *self.snapshot.lock().unwrap_or_else(|e| e.into_inner()) = None;
        self.audit_tree.forget().await;
    }
}

impl SqliteStore {
    /// The pool, for tools and tests that need plain SQL.
    pub fn sqlite_pool(&self) -> &sqlx::SqlitePool {
        &self.pool
    }
}

fn now() -> String {
    jiff::Timestamp::now().to_string()
}

fn corrupt(what: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt(what.to_string())
}

/// The row of `audit_head`: the audit chain's last seq and hash.
#[derive(sqlx::FromRow)]
pub(crate) struct HeadRow {
    pub(crate) seq: i64,
    pub(crate) hash: String,
}

/// A write transaction that appends audit entries as it goes and moves the head at the end.
pub(crate) struct Writer<T: Tx> {
    tx: T,
    /// This process's writer queue ([`SqlStore::write_queue`]), held until the transaction ends.
    _queue: tokio::sync::OwnedMutexGuard<()>,
    head: ChainHead,
    at: String,
    actor: String,
    entries: u64,
}

impl<T: Tx> Writer<T> {
    async fn begin<B: Backend<Tx = T>>(
        pool: &B::Pool,
        queue: &Arc<tokio::sync::Mutex<()>>,
        actor: &str,
    ) -> Result<Writer<T>> {
        if actor.trim().is_empty() {
            return invalid("actor", "store-actor-required");
        }
        let queued = queue.clone().lock_owned().await;
        let mut tx = B::begin_write(pool).await?;
        let sql = format!("SELECT seq, hash FROM audit_head WHERE id = 1{}", B::LOCK_HEAD);
        let rows: Vec<HeadRow> = tx.fetch_as(&sql, vec![]).await?;
        let row = rows.into_iter().next().ok_or_else(|| corrupt("audit_head has no row"))?;
        let head = ChainHead { seq: u64::try_from(row.seq).map_err(corrupt)?, hash: row.hash };
        Ok(Writer { tx, _queue: queued, head, at: now(), actor: actor.to_string(), entries: 0 })
    }

    /// Appends an audit entry; its seq.
    async fn audit(
        &mut self,
        action: &str,
        kind: &str,
        record_id: &str,
        before: Option<Value>,
        after: Option<Value>,
    ) -> Result<u64> {
        let draft = EntryDraft {
            at: self.at.clone(),
            actor: self.actor.clone(),
            action: action.into(),
            kind: kind.into(),
            record_id: record_id.into(),
            before,
            after,
        };
        let (e, head) = self.head.append(draft);
        self.tx
            .exec(
                "INSERT INTO audit_log (seq, at, actor, action, kind, record_id, before, after, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
                vec![
                    Arg::I64(Some(e.seq as i64)),
                    e.at.into(),
                    e.actor.into(),
                    e.action.into(),
                    e.kind.into(),
                    e.record_id.into(),
                    Arg::Text(e.before.as_ref().map(canonical_json)),
                    Arg::Text(e.after.as_ref().map(canonical_json)),
                    e.prev_hash.into(),
                    e.hash.into(),
                ],
            )
            .await?;
        self.head = head;
        self.entries += 1;
        Ok(self.head.seq)
    }

    /// Moves the head and commits; the number of audit entries written.
    async fn finish(mut self) -> Result<u64> {
        if self.entries > 0 {
            self.tx
                .exec(
                    "UPDATE audit_head SET seq = $1, hash = $2 WHERE id = 1",
                    vec![Arg::I64(Some(self.head.seq as i64)), self.head.hash.clone().into()],
                )
                .await?;
        }
        self.tx.commit().await?;
        Ok(self.entries)
    }
}

impl<B: Backend> SqlStore<B> {
    /// A read transaction (one consistent snapshot).
    async fn read(&self) -> Result<B::Tx> {
        B::begin_read(&self.pool).await
    }
    /// A write on behalf of `actor`, queued behind this process's other writers.
    async fn write(&self, actor: &str) -> Result<Writer<B::Tx>> {
        Writer::begin::<B>(&self.pool, &self.write_queue, actor).await
    }
}
