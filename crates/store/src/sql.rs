//! The store, written once over [`Backend`]: SQLite and PostgreSQL run the same code and,
//! but for the head lock and the bulk insert, the same SQL.

use std::collections::{HashMap, HashSet};
use std::marker::PhantomData;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use serde_json::{Value, json};
use tahawul_domain::{
    Assessment, AssessmentState, Case, Confidence, Dataset, FigureSource, Id, Indicator, IndicatorKind, Message,
    Observation, Party, PartyRole, Period, Scale, rules,
};
use tahawul_ledger::{AuditEntry, ChainHead, EntryDraft, NewToken, PasswordHasher, VerifiedChain, canonical_json};

use crate::backend::postgres::PostgresBackend;
use crate::backend::sqlite::SqliteBackend;
use crate::backend::{Arg, Backend, ObservationRow, Tx, Ty, Val};
use crate::error::{Problem, Result, StoreError, invalid, violations, workflow_message};
use crate::records::{assemble, case_records, check_delete, check_update, validate};
use crate::users::{DirectoryUser, NewUser, Role, TokenInfo, User, UserSettings};
use crate::{
    EventImport, EventImportOutcome, EventImportRecord, ObservationFilter, Record, RecordKind, RecordWrite, Snapshot,
    Store, StoredObservation, WriteSummary,
};
use tahawul_domain::directory::{AccountStep, account_step, has_local_password};
use tahawul_domain::user::{
    AccountAction, Actor, PasswordProblem, check_account_action, check_directory_user, check_new_password,
};
use tahawul_domain::workflow::{WorkflowAction, WorkflowStep, check_written_state, next_state};

mod agreed;
mod intakes;
mod reminders;

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
    /// The last snapshot read ([`Store::snapshot`]).
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

impl<B: Backend> SqlStore<B> {
    /// The decoy hash, made once with the store's hasher (so it costs what a real check costs).
    async fn decoy_hash(&self) -> Result<String> {
        if let Some(h) = self.decoy_hash.get() {
            return Ok(h.clone());
        }
        let hasher = self.opts.password_hasher.clone();
        let h = tokio::task::spawn_blocking(move || hasher.hash("decoy: no user has this password"))
            .await
            .map_err(|e| corrupt(format!("password hashing task: {e}")))??;
        Ok(self.decoy_hash.get_or_init(|| h).clone())
    }
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
        Ok(SqlStore {
            pool,
            opts: Arc::new(opts),
            decoy_hash: Arc::default(),
            snapshot: Arc::default(),
            snapshot_load: Arc::default(),
            write_queue: Arc::default(),
            audit_tree: Arc::default(),
            _backend: PhantomData,
        })
    }
}

impl PostgresStore {
    /// Connects to a PostgreSQL database (`postgres://user@host:port/db`) and migrates it.
    pub async fn connect(url: &str, opts: StoreOptions) -> Result<PostgresStore> {
        let pool =
            sqlx::postgres::PgPoolOptions::new().max_connections(opts.max_connections.max(1)).connect(url).await?;
        sqlx::migrate!("./migrations/postgres").run(&pool).await?;
        Ok(SqlStore {
            pool,
            opts: Arc::new(opts),
            decoy_hash: Arc::default(),
            snapshot: Arc::default(),
            snapshot_load: Arc::default(),
            write_queue: Arc::default(),
            audit_tree: Arc::default(),
            _backend: PhantomData,
        })
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
        let rows = tx.fetch(&sql, vec![], &[Ty::I64, Ty::Text]).await?;
        let row = rows.first().ok_or_else(|| corrupt("audit_head has no row"))?;
        let head = ChainHead { seq: u64::try_from(row[0].i64()?).map_err(corrupt)?, hash: row[1].text()? };
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

const RECORD_COLUMNS: &str = "kind, id, version, owner_party, shared, releasable, body, updated_at, updated_by";
const RECORD_TYPES: [Ty; 9] = [Ty::Text, Ty::Text, Ty::I64, Ty::Text, Ty::Bool, Ty::Bool, Ty::Text, Ty::Text, Ty::Text];

fn record_of(row: &[Val]) -> Result<Record> {
    let kind = row[0].text()?;
    Ok(Record {
        kind: RecordKind::parse(&kind).ok_or_else(|| corrupt(format!("unknown record kind {kind:?}")))?,
        id: row[1].text()?,
        version: row[2].i64()?,
        owner_party: row[3].opt_text()?,
        shared: row[4].bool()?,
        releasable: row[5].bool()?,
        body: serde_json::from_str(&row[6].text()?).map_err(corrupt)?,
        updated_at: row[7].text()?,
        updated_by: row[8].text()?,
    })
}

/// What the audit log keeps of a record: its body and access fields.
fn audit_view(r: &Record) -> Value {
    json!({"version": r.version, "owner_party": r.owner_party, "shared": r.shared, "releasable": r.releasable, "body": r.body})
}

async fn read_record<T: Tx>(tx: &mut T, kind: RecordKind, id: &str) -> Result<Option<Record>> {
    let sql = format!("SELECT {RECORD_COLUMNS} FROM records WHERE kind = $1 AND id = $2");
    let rows = tx.fetch(&sql, vec![kind.as_str().into(), id.into()], &RECORD_TYPES).await?;
    rows.first().map(|r| record_of(r)).transpose()
}

async fn read_records<T: Tx>(tx: &mut T, kind: Option<RecordKind>) -> Result<Vec<Record>> {
    let rows = match kind {
        Some(k) => {
            tx.fetch(
                &format!("SELECT {RECORD_COLUMNS} FROM records WHERE kind = $1 ORDER BY position"),
                vec![k.as_str().into()],
                &RECORD_TYPES,
            )
            .await?
        }
        None => {
            tx.fetch(&format!("SELECT {RECORD_COLUMNS} FROM records ORDER BY kind, position"), vec![], &RECORD_TYPES)
                .await?
        }
    };
    rows.iter().map(|r| record_of(r)).collect()
}

async fn insert_record<T: Tx>(w: &mut Writer<T>, r: &Record) -> Result<()> {
    w.tx.exec(
        "INSERT INTO records (kind, id, position, version, owner_party, shared, releasable, body, updated_at, updated_by) \
         VALUES ($1, $2, (SELECT COALESCE(MAX(position), 0) + 1 FROM records WHERE kind = $1), $3, $4, $5, $6, $7, $8, $9)",
        vec![
            r.kind.as_str().into(),
            r.id.as_str().into(),
            Arg::I64(Some(r.version)),
            r.owner_party.clone().into(),
            r.shared.into(),
            r.releasable.into(),
            canonical_json(&r.body).into(),
            r.updated_at.as_str().into(),
            r.updated_by.as_str().into(),
        ],
    )
    .await?;
    Ok(())
}

/// Replaces a record at `expected` version; `Conflict` if another write got there first.
async fn update_record<T: Tx>(w: &mut Writer<T>, r: &Record, expected: i64) -> Result<()> {
    let n = w
        .tx
        .exec(
            "UPDATE records SET version = $1, owner_party = $2, shared = $3, releasable = $4, body = $5, updated_at = $6, updated_by = $7 \
             WHERE kind = $8 AND id = $9 AND version = $10",
            vec![
                Arg::I64(Some(r.version)),
                r.owner_party.clone().into(),
                r.shared.into(),
                r.releasable.into(),
                canonical_json(&r.body).into(),
                r.updated_at.as_str().into(),
                r.updated_by.as_str().into(),
                r.kind.as_str().into(),
                r.id.as_str().into(),
                Arg::I64(Some(expected)),
            ],
        )
        .await?;
    if n != 1 {
        let current = read_record(&mut w.tx, r.kind, &r.id).await?.map(|c| c.version);
        return Err(StoreError::Conflict { current_version: current });
    }
    Ok(())
}

fn assessment_state(body: &Value) -> Result<AssessmentState> {
    serde_json::from_value(body.get("state").cloned().unwrap_or(Value::Null)).map_err(|e| {
        StoreError::Invalid(vec![Problem::new(
            "body.state",
            Message::new("store-state-unreadable").arg("reason", e.to_string()),
        )])
    })
}

/// What observations must refer to, read from the stored records.
struct References {
    indicators: HashMap<String, HashMap<String, Indicator>>,
    scales: HashMap<String, Scale>,
    areas: HashSet<String>,
    publishers: HashSet<String>,
    methods: HashSet<String>,
    documents: HashSet<String>,
}

impl References {
    async fn read<T: Tx>(tx: &mut T) -> Result<References> {
        let mut r = References {
            indicators: HashMap::new(),
            scales: HashMap::new(),
            areas: HashSet::new(),
            publishers: HashSet::new(),
            methods: HashSet::new(),
            documents: HashSet::new(),
        };
        // Only what an observation names: bodies of indicators and scales, ids of the rest
        // (every observation write runs this, and assessments and rounds are most of a case).
        let bodies = tx
            .fetch("SELECT kind, body FROM records WHERE kind IN ('indicator', 'scale')", vec![], &[Ty::Text, Ty::Text])
            .await?;
        for row in &bodies {
            let body = row[1].text()?;
            if row[0].text()? == RecordKind::Indicator.as_str() {
                let i: Indicator = serde_json::from_str(&body).map_err(corrupt)?;
                r.indicators.entry(i.factor.to_string()).or_default().insert(i.id.to_string(), i);
            } else {
                let s: Scale = serde_json::from_str(&body).map_err(corrupt)?;
                r.scales.insert(s.id.to_string(), s);
            }
        }
        let ids = tx
            .fetch(
                "SELECT kind, id FROM records WHERE kind IN ('area', 'publisher', 'method', 'document')",
                vec![],
                &[Ty::Text, Ty::Text],
            )
            .await?;
        for row in &ids {
            let (kind, id) = (row[0].text()?, row[1].text()?);
            match RecordKind::parse(&kind) {
                Some(RecordKind::Area) => drop(r.areas.insert(id)),
                Some(RecordKind::Publisher) => drop(r.publishers.insert(id)),
                Some(RecordKind::Method) => drop(r.methods.insert(id)),
                _ => drop(r.documents.insert(id)),
            }
        }
        Ok(r)
    }

    /// Why an observation cannot be stored, if it cannot.
    fn check(&self, o: &Observation) -> Vec<Message> {
        let mut why = Vec::new();
        match self.indicators.get(o.factor.as_str()).and_then(|m| m.get(o.indicator.as_str())) {
            None => why.push(
                Message::new("store-unknown-indicator").arg("indicator", format!("{}.{}", o.factor, o.indicator)),
            ),
            Some(ind) => {
                if !o.value.is_finite() {
                    why.push(Message::new("store-value-not-finite"));
                } else {
                    match ind.kind {
                        IndicatorKind::Count if o.value < 0.0 => {
                            why.push(Message::new("store-count-negative").arg("value", o.value))
                        }
                        IndicatorKind::Share if !(0.0..=1.0).contains(&o.value) => {
                            why.push(Message::new("store-share-range").arg("value", o.value))
                        }
                        IndicatorKind::Level => {
                            let levels = ind
                                .scale
                                .as_ref()
                                .and_then(|s| self.scales.get(s.as_str()))
                                .and_then(|s| s.versions.last())
                                .map_or(0, |v| v.levels.len());
                            if o.value.fract() != 0.0 || o.value < 1.0 || o.value > levels as f64 {
                                why.push(Message::new("store-level-range").arg("max", levels).arg("value", o.value));
                            }
                        }
                        _ => {}
                    }
                }
            }
        }
        let mut need = |set: &HashSet<String>, id: &Id, what: rules::Kind| {
            if !set.contains(id.as_str()) {
                why.push(Message::new("store-unknown-reference").arg("kind", what.message()).arg("id", id.as_str()));
            }
        };
        need(&self.areas, &o.area, rules::Kind::Area);
        need(&self.publishers, &o.publisher, rules::Kind::Publisher);
        need(&self.methods, &o.method, rules::Kind::Method);
        if let Some(d) = &o.document {
            need(&self.documents, d, rules::Kind::Document);
        }
        why
    }
}

fn confidence_str(c: Confidence) -> &'static str {
    match c {
        Confidence::Low => "low",
        Confidence::Medium => "medium",
        Confidence::High => "high",
    }
}

fn row_of(o: &Observation) -> ObservationRow {
    ObservationRow {
        factor: o.factor.to_string(),
        indicator: o.indicator.to_string(),
        area: o.area.to_string(),
        period: o.period.to_string(),
        period_start: i64::from(o.period.first_month().0),
        value: o.value,
        publisher: o.publisher.to_string(),
        method: o.method.to_string(),
        as_of: o.as_of.to_string(),
        confidence: confidence_str(o.confidence).to_string(),
        illustrative: o.illustrative,
        document: o.document.as_ref().map(|d| d.to_string()),
        events: None,
    }
}

pub(crate) const OBSERVATION_SELECT: &str = "SELECT id, batch, factor, indicator, area, period, value, publisher, method, as_of, confidence, illustrative, document, events FROM observations";
pub(crate) const OBSERVATION_TYPES: [Ty; 14] = [
    Ty::I64,
    Ty::I64,
    Ty::Text,
    Ty::Text,
    Ty::Text,
    Ty::Text,
    Ty::F64,
    Ty::Text,
    Ty::Text,
    Ty::Text,
    Ty::Text,
    Ty::Bool,
    Ty::Text,
    Ty::I64,
];

pub(crate) fn observation_of(row: &[Val]) -> Result<StoredObservation> {
    let id = |v: &Val| -> Result<Id> {
        let s = v.text()?;
        Id::parse(&s).ok_or_else(|| corrupt(format!("stored id {s:?} is malformed")))
    };
    let period: Period = row[5].text()?.parse().map_err(|_| corrupt("stored period is malformed"))?;
    let confidence = match row[10].text()?.as_str() {
        "low" => Confidence::Low,
        "medium" => Confidence::Medium,
        "high" => Confidence::High,
        other => return Err(corrupt(format!("stored confidence {other:?}"))),
    };
    let events = row[13].opt_i64()?.map(|n| u64::try_from(n).map_err(|_| corrupt("stored event count"))).transpose()?;
    Ok(StoredObservation {
        id: row[0].i64()?,
        batch: row[1].i64()?,
        events,
        source: None,
        observation: Observation {
            factor: id(&row[2])?,
            indicator: id(&row[3])?,
            area: id(&row[4])?,
            period,
            value: row[6].f64()?,
            publisher: id(&row[7])?,
            method: id(&row[8])?,
            as_of: row[9].text()?.parse().map_err(corrupt)?,
            confidence,
            illustrative: row[11].bool()?,
            document: row[12]
                .opt_text()?
                .map(|d| Id::parse(&d).ok_or_else(|| corrupt("stored document id")))
                .transpose()?,
        },
    })
}

/// Checks every observation, then writes them as one batch with one audit entry whose
/// `after` carries the count, the row ids and a blake3 digest of the rows.
async fn write_observations<T: Tx>(w: &mut Writer<T>, observations: &[Observation]) -> Result<u64> {
    let rows: Vec<(&Observation, Option<u64>)> = observations.iter().map(|o| (o, None)).collect();
    Ok(write_batch(w, &rows, None).await?.map_or(0, |(_, n)| n))
}

/// [`write_observations`] for rows that may carry an event count; `import` (the
/// `event_imports` row as JSON, issue 15) goes into the audit entry. The batch id and count
/// written, `None` when there was nothing to write.
async fn write_batch<T: Tx>(
    w: &mut Writer<T>,
    rows: &[(&Observation, Option<u64>)],
    import: Option<Value>,
) -> Result<Option<(i64, u64)>> {
    if rows.is_empty() {
        return Ok(None);
    }
    let refs = References::read(&mut w.tx).await?;
    let mut problems = Vec::new();
    for (i, (o, _)) in rows.iter().enumerate() {
        for why in refs.check(o) {
            problems.push(Problem::new(format!("row {}", i + 1), why));
        }
    }
    if !problems.is_empty() {
        return Err(StoreError::Invalid(problems));
    }
    let digest = crate::audit_log::batch_digest(rows.iter().copied())?;
    let count = rows.len() as i64;
    let audit_seq = w.head.seq + 1;
    let found =
        w.tx.fetch(
            "INSERT INTO observation_batches (at, actor, count, audit_seq) VALUES ($1, $2, $3, $4) RETURNING id",
            vec![
                w.at.as_str().into(),
                w.actor.as_str().into(),
                Arg::I64(Some(count)),
                Arg::I64(Some(audit_seq as i64)),
            ],
            &[Ty::I64],
        )
        .await?;
    let batch = found.first().ok_or_else(|| corrupt("no batch id"))?[0].i64()?;
    let data: Vec<ObservationRow> =
        rows.iter().map(|(o, events)| ObservationRow { events: events.map(|n| n as i64), ..row_of(o) }).collect();
    w.tx.insert_observations(batch, &data).await?;
    let mut after = json!({"batch": batch, "count": count, "digest": digest});
    if let Some(import) = import {
        after["import"] = import;
    }
    w.audit("insert", "observations", &format!("batch-{batch}"), None, Some(after)).await?;
    Ok(Some((batch, count as u64)))
}

/// The stored imports of event datasets (of one definition when named), oldest first.
async fn read_event_imports<T: Tx>(tx: &mut T, definition: Option<&str>) -> Result<Vec<EventImportRecord>> {
    let rows = tx
        .fetch(
            &format!(
                "SELECT e.batch, {fields}, b.count, b.at, b.actor FROM event_imports e JOIN observation_batches b ON b.id = e.batch WHERE ($1 IS NULL OR e.definition = $1) ORDER BY e.batch",
                fields = crate::audit_log::EVENT_IMPORT_FIELDS
                    .split(", ")
                    .map(|f| format!("e.{f}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            vec![Arg::Text(definition.map(str::to_string))],
            &[
                Ty::I64,
                Ty::Text,
                Ty::Text,
                Ty::Text,
                Ty::Text,
                Ty::Text,
                Ty::I64,
                Ty::I64,
                Ty::I64,
                Ty::Text,
                Ty::Text,
            ],
        )
        .await?;
    let n = |v: &Val| -> Result<u64> { u64::try_from(v.i64()?).map_err(corrupt) };
    rows.iter()
        .map(|r| {
            Ok(EventImportRecord {
                batch: r[0].i64()?,
                definition: r[1].text()?,
                dataset: r[3].text()?,
                release: r[4].text()?,
                file_digest: r[5].text()?,
                rows: n(&r[6])?,
                counted: n(&r[7])?,
                figures: n(&r[8])?,
                at: r[9].text()?,
                actor: r[10].text()?,
            })
        })
        .collect()
}

/// Each stored figure's source, from its batch's import (figures not imported have none).
async fn attach_sources<T: Tx>(tx: &mut T, rows: &mut [StoredObservation]) -> Result<()> {
    if rows.iter().all(|o| o.events.is_none()) {
        return Ok(());
    }
    let imports: HashMap<i64, EventImportRecord> =
        read_event_imports(tx, None).await?.into_iter().map(|i| (i.batch, i)).collect();
    for o in rows.iter_mut() {
        if let (Some(events), Some(i)) = (o.events, imports.get(&o.batch)) {
            o.source = Some(FigureSource {
                definition: Id::parse(&i.definition).ok_or_else(|| corrupt("stored definition id"))?,
                dataset: Dataset::parse(&i.dataset).ok_or_else(|| corrupt("stored dataset"))?,
                release: i.release.clone(),
                file_digest: i.file_digest.clone(),
                events,
            });
        }
    }
    Ok(())
}

async fn read_steps<T: Tx>(tx: &mut T, id: &str) -> Result<Vec<WorkflowStep>> {
    let rows = tx
        .fetch(
            "SELECT n, action, state, actor, at FROM assessment_steps WHERE assessment = $1 ORDER BY n",
            vec![id.into()],
            &[Ty::I64, Ty::Text, Ty::Text, Ty::Text, Ty::Text],
        )
        .await?;
    rows.iter()
        .map(|r| {
            Ok(WorkflowStep {
                n: r[0].i64()?,
                action: serde_json::from_str(&r[1].text()?).map_err(corrupt)?,
                state: serde_json::from_value(Value::String(r[2].text()?)).map_err(corrupt)?,
                actor: r[3].text()?,
                at: r[4].text()?,
            })
        })
        .collect()
}

const USER_SELECT: &str = "SELECT name, display_name, role, party, factor, disabled, version, created_at, password_hash, lang, digits, email, reminders, directory, must_change_password FROM users";
const USER_TYPES: [Ty; 15] = [
    Ty::Text,
    Ty::Text,
    Ty::Text,
    Ty::Text,
    Ty::Text,
    Ty::Bool,
    Ty::I64,
    Ty::Text,
    Ty::Text,
    Ty::Text,
    Ty::Text,
    Ty::Text,
    Ty::Text,
    Ty::Bool,
    Ty::Bool,
];

/// A user and their password hash.
fn user_of(r: &[Val]) -> Result<(User, String)> {
    let role = r[2].text()?;
    Ok((
        User {
            name: r[0].text()?,
            display_name: r[1].text()?,
            role: Role::parse(&role).ok_or_else(|| corrupt(format!("unknown role {role:?}")))?,
            party: r[3].opt_text()?,
            factor: r[4].opt_text()?,
            disabled: r[5].bool()?,
            version: r[6].i64()?,
            created_at: r[7].text()?,
            lang: r[9].opt_text()?,
            digits: r[10].opt_text()?,
            email: r[11].opt_text()?,
            reminders: r[12].opt_text()?,
            directory: r[13].bool()?,
            must_change_password: r[14].bool()?,
        },
        r[8].text()?,
    ))
}

/// What is wrong with a user's party and factor against the case as `tx` sees it: they exist,
/// and the party's role fits the user's (a delegation for heads and members, a coalition
/// partner for partners).
async fn check_user_links<T: Tx>(
    tx: &mut T,
    role: Role,
    party: Option<&str>,
    factor: Option<&str>,
) -> Result<Vec<Problem>> {
    let mut problems = Vec::new();
    if let Some(p) = party {
        match read_record(tx, RecordKind::Party, p).await? {
            None => problems.push(Problem::new("party", Message::new("store-no-party").arg("party", p))),
            Some(rec) => {
                let party: Party = serde_json::from_value(rec.body).map_err(corrupt)?;
                let want =
                    if role == Role::CoalitionPartner { PartyRole::CoalitionPartner } else { PartyRole::Delegation };
                if role.needs_party() && party.role != want {
                    problems.push(Problem::new(
                        "party",
                        Message::new("store-party-wrong-role").arg("role", role.as_str()).arg(
                            "want",
                            if want == PartyRole::Delegation { "delegation" } else { "coalition-partner" },
                        ),
                    ));
                }
            }
        }
    }
    if let Some(f) = factor
        && read_record(tx, RecordKind::Factor, f).await?.is_none()
    {
        problems.push(Problem::new("factor", Message::new("store-no-factor").arg("factor", f)));
    }
    Ok(problems)
}

async fn read_user<T: Tx>(tx: &mut T, name: &str) -> Result<Option<(User, String)>> {
    let rows = tx.fetch(&format!("{USER_SELECT} WHERE name = $1"), vec![name.into()], &USER_TYPES).await?;
    rows.first().map(|r| user_of(r)).transpose()
}

fn user_view(u: &User) -> Value {
    serde_json::to_value(u).unwrap_or(Value::Null)
}

impl<B: Backend> SqlStore<B> {
    /// Creates or updates one record inside the write `w`: the one path every record write
    /// takes (its type, its id, agreed content, the workflow's states, the domain's rules
    /// against the case as `w` sees it, the audit entry). [`Store::put_record`] is this in a
    /// transaction of its own; accepting intake proposals runs it for several records in one.
    pub(crate) async fn put_in(
        &self,
        w: &mut Writer<B::Tx>,
        write: RecordWrite,
        expected_version: Option<i64>,
    ) -> Result<Record> {
        let body_id = validate(write.kind, &write.body)?;
        if body_id != write.id {
            return Err(StoreError::Invalid(vec![Problem::new(
                "id",
                Message::new("rules-id-mismatch").arg("body", body_id).arg("id", write.id.as_str()),
            )]));
        }
        let current = read_record(&mut w.tx, write.kind, &write.id).await?;
        let mut write = write;
        // Agreed content and keys (issue 12), once the write is known to apply at this version.
        let applies = match (&current, expected_version) {
            (None, None) => true,
            (Some(c), Some(v)) => c.version == v,
            _ => false,
        };
        if applies {
            agreed::check_put(&mut w.tx, write.kind, current.as_ref(), &mut write.body).await?;
        }
        let mut r = Record {
            kind: write.kind,
            id: write.id,
            version: 1,
            owner_party: write.owner_party,
            shared: write.shared,
            releasable: write.releasable,
            body: write.body,
            updated_at: w.at.clone(),
            updated_by: w.actor.clone(),
        };
        // The workflow, not an edit, moves an assessment's state.
        let state_rule = |was: Option<AssessmentState>, now: AssessmentState| -> Result<()> {
            check_written_state(was, now)
                .map_err(|e| StoreError::Invalid(vec![Problem::new("body.state", workflow_message(&e))]))
        };
        let before = match (current, expected_version) {
            (None, None) => {
                if r.kind == RecordKind::Assessment {
                    state_rule(None, assessment_state(&r.body)?)?;
                }
                if r.kind == RecordKind::Case {
                    return invalid("kind", "store-case-created-by-import");
                }
                None
            }
            (Some(c), None) => {
                return Err(StoreError::Conflict { current_version: Some(c.version) });
            }
            (None, Some(_)) => return Err(StoreError::NotFound(format!("{} {}", r.kind, r.id))),
            (Some(c), Some(v)) if c.version != v => {
                return Err(StoreError::Conflict { current_version: Some(c.version) });
            }
            (Some(c), Some(v)) => {
                if r.kind == RecordKind::Assessment {
                    state_rule(Some(assessment_state(&c.body)?), assessment_state(&r.body)?)?;
                }
                check_update(r.kind, &c.body, &r.body)?;
                r.version = v + 1;
                Some(c)
            }
        };
        // The record must fit the case as this transaction sees it (writers hold the audit
        // head's lock, so no other write can change the case before this one commits).
        if let Some(part) = r.kind.part() {
            let case = self.case_in(&mut w.tx, part).await?;
            r.body = rules::admit(&case, part, &r.id, &r.body).map_err(violations)?.into_body();
        }
        match before {
            None => {
                insert_record(w, &r).await?;
                w.audit("create", r.kind.as_str(), &r.id, None, Some(audit_view(&r))).await?;
            }
            Some(c) => {
                update_record(w, &r, c.version).await?;
                w.audit("update", r.kind.as_str(), &r.id, Some(audit_view(&c)), Some(audit_view(&r))).await?;
            }
        }
        Ok(r)
    }

    /// A password's hash, made off the async threads (it takes tens of milliseconds on purpose).
    async fn hash_password(&self, password: &str) -> Result<String> {
        let hasher = self.opts.password_hasher.clone();
        let password = password.to_string();
        Ok(tokio::task::spawn_blocking(move || hasher.hash(&password))
            .await
            .map_err(|e| corrupt(format!("password hashing task: {e}")))??)
    }

    /// The kept snapshot, if it is at `seq` or later.
    fn kept_snapshot(&self, seq: u64) -> Option<Arc<Snapshot>> {
        self.snapshot.lock().unwrap_or_else(|e| e.into_inner()).as_ref().filter(|s| s.seq >= seq).cloned()
    }

    async fn read(&self) -> Result<B::Tx> {
        B::begin_read(&self.pool).await
    }
    async fn write(&self, actor: &str) -> Result<Writer<B::Tx>> {
        Writer::begin::<B>(&self.pool, &self.write_queue, actor).await
    }

    /// The case without its observations (enough to check a CSV against).
    async fn case_skeleton(tx: &mut B::Tx) -> Result<Case> {
        Self::skeleton_of(&read_records(tx, None).await?)
    }

    /// The records and case of `kept` with the records changed since it read again, or `None`
    /// when so much changed (or the case's own record) that reading everything is simpler.
    ///
    /// `observations` says whether the case is wanted with the kept snapshot's observations:
    /// a write's check of a record no observation refers to does not need them, and copying
    /// them (every one, for each such write) grows with the record.
    async fn records_since(
        tx: &mut B::Tx,
        kept: &Snapshot,
        observations: bool,
    ) -> Result<Option<(Vec<Arc<Record>>, Case)>> {
        /// Beyond this many changed records a whole read is about as quick.
        const MOST: usize = 64;
        let rows = tx
            .fetch(
                "SELECT kind, record_id FROM audit_log WHERE seq > $1 ORDER BY seq",
                vec![Arg::I64(Some(i64::try_from(kept.seq).map_err(corrupt)?))],
                &[Ty::Text, Ty::Text],
            )
            .await?;
        let mut changed: Vec<(RecordKind, String)> = Vec::new();
        for row in &rows {
            // Users, tokens and observation batches are audited too; they are not records.
            let Some(kind) = RecordKind::parse(&row[0].text()?) else { continue };
            let id = row[1].text()?;
            if kind == RecordKind::Case || changed.len() >= MOST {
                return Ok(None);
            }
            if !changed.iter().any(|(k, i)| *k == kind && *i == id) {
                changed.push((kind, id));
            }
        }
        let mut records = kept.records.clone();
        let mut case = if observations { kept.case.clone() } else { without_observations(&kept.case) };
        for (kind, id) in changed {
            let now = read_record(tx, kind, &id).await?;
            crate::records::apply(&mut case, kind, &id, now.as_ref().map(|r| &r.body))?;
            let at = records.iter().position(|r| r.kind == kind && r.id == id);
            match (now, at) {
                (Some(r), Some(i)) => records[i] = Arc::new(r),
                (Some(r), None) => {
                    // Last of its kind, as a new record's position is.
                    let end = records.iter().rposition(|x| x.kind == kind).map_or(records.len(), |i| i + 1);
                    records.insert(end, Arc::new(r));
                }
                (None, Some(i)) => drop(records.remove(i)),
                (None, None) => {}
            }
        }
        Ok(Some((records, case)))
    }

    /// The case as the write transaction `tx` sees it, to check a change to a record of
    /// `part` against: from the kept snapshot and what changed since (as [`Store::snapshot`]
    /// reads it), with the observations only when records of `part` can be observed.
    async fn case_in(&self, tx: &mut B::Tx, part: rules::Kind) -> Result<Case> {
        let kept = self.snapshot.lock().unwrap_or_else(|e| e.into_inner()).clone();
        let from_kept = match &kept {
            Some(k) => Self::records_since(tx, k, part.observed()).await?.map(|(_, c)| (c, k.last_observation_id)),
            None => None,
        };
        let (mut case, after) = match from_kept {
            Some(x) => x,
            None => (Self::case_skeleton(tx).await?, 0),
        };
        if part.observed() {
            let rows = tx
                .fetch(
                    &format!("{OBSERVATION_SELECT} WHERE id > $1 ORDER BY id"),
                    vec![Arg::I64(Some(after))],
                    &OBSERVATION_TYPES,
                )
                .await?;
            for row in &rows {
                case.observations.push(observation_of(row)?.observation);
            }
        } else {
            // A new empty list: clearing the shared one would copy it first.
            case.observations = Default::default();
        }
        Ok(case)
    }

    /// The case's structure from its records.
    fn skeleton_of<R: std::borrow::Borrow<Record>>(recs: &[R]) -> Result<Case> {
        let mut recs: Vec<(RecordKind, i64, Value)> =
            recs.iter().map(|r| r.borrow()).enumerate().map(|(i, r)| (r.kind, i as i64, r.body.clone())).collect();
        recs.sort_by_key(|(k, i, _)| (RecordKind::ALL.iter().position(|x| x == k), *i));
        assemble(recs.into_iter().map(|(k, _, b)| (k, b)).collect(), vec![])
    }

    /// Every observation, in import order.
    async fn all_observations(tx: &mut B::Tx) -> Result<Vec<Observation>> {
        let rows = tx.fetch(&format!("{OBSERVATION_SELECT} ORDER BY id"), vec![], &OBSERVATION_TYPES).await?;
        rows.iter().map(|r| observation_of(r).map(|o| o.observation)).collect()
    }

    /// The audit head's seq as this transaction sees it.
    async fn head_seq(tx: &mut B::Tx) -> Result<u64> {
        let rows = tx.fetch("SELECT seq FROM audit_head WHERE id = 1", vec![], &[Ty::I64]).await?;
        let row = rows.first().ok_or_else(|| corrupt("audit_head has no row"))?;
        u64::try_from(row[0].i64()?).map_err(corrupt)
    }
}

impl<B: Backend> Store for SqlStore<B> {
    async fn import_case(&self, case: &Case, actor: &str) -> Result<WriteSummary> {
        let problems = tahawul_domain::bundle::check(case);
        if !problems.is_empty() {
            return Err(StoreError::Rejected(problems));
        }
        let records = case_records(case)?;
        let mut w = self.write(actor).await?;
        let existing = w.tx.fetch("SELECT COUNT(*) FROM records", vec![], &[Ty::I64]).await?;
        if existing.first().map_or(0, |r| r[0].i64().unwrap_or(0)) > 0 {
            return invalid("case", "store-case-exists");
        }
        let n = records.len() as u64;
        for (kind, id, body) in records {
            let r = Record {
                kind,
                id,
                version: 1,
                owner_party: None,
                shared: true,
                releasable: false,
                body,
                updated_at: w.at.clone(),
                updated_by: w.actor.clone(),
            };
            insert_record(&mut w, &r).await?;
            w.audit("import", kind.as_str(), &r.id, None, Some(audit_view(&r))).await?;
        }
        let observations = write_observations(&mut w, &case.observations).await?;
        let audit_entries = w.finish().await?;
        Ok(WriteSummary { records: n, observations, audit_entries })
    }

    async fn load_case(&self) -> Result<Case> {
        let mut tx = self.read().await?;
        let mut case = Self::case_skeleton(&mut tx).await?;
        case.observations = Self::all_observations(&mut tx).await?.into();
        Ok(case)
    }

    async fn get_record(&self, kind: RecordKind, id: &str) -> Result<Record> {
        let mut tx = self.read().await?;
        read_record(&mut tx, kind, id).await?.ok_or_else(|| StoreError::NotFound(format!("{kind} {id}")))
    }

    async fn list_records(&self, kind: RecordKind) -> Result<Vec<Record>> {
        let mut tx = self.read().await?;
        read_records(&mut tx, Some(kind)).await
    }

    async fn put_record(&self, write: RecordWrite, expected_version: Option<i64>, actor: &str) -> Result<Record> {
        let mut w = self.write(actor).await?;
        let r = self.put_in(&mut w, write, expected_version).await?;
        w.finish().await?;
        Ok(r)
    }

    async fn delete_record(&self, kind: RecordKind, id: &str, expected_version: i64, actor: &str) -> Result<()> {
        if kind == RecordKind::Case {
            return invalid("kind", "store-case-not-deletable");
        }
        let mut w = self.write(actor).await?;
        let current =
            read_record(&mut w.tx, kind, id).await?.ok_or_else(|| StoreError::NotFound(format!("{kind} {id}")))?;
        check_delete(kind, &current.body)?;
        agreed::check_delete(&mut w.tx, &current).await?;
        if current.version != expected_version {
            return Err(StoreError::Conflict { current_version: Some(current.version) });
        }
        // Nothing in the case may still refer to it.
        if let Some(part) = kind.part() {
            let case = self.case_in(&mut w.tx, part).await?;
            rules::admit_delete(&case, part, id).map_err(violations)?;
        }
        w.tx.exec(
            "DELETE FROM records WHERE kind = $1 AND id = $2 AND version = $3",
            vec![kind.as_str().into(), id.into(), Arg::I64(Some(expected_version))],
        )
        .await?;
        w.tx.exec(
            "DELETE FROM assessment_steps WHERE assessment = $1 AND $2 = 'assessment'",
            vec![id.into(), kind.as_str().into()],
        )
        .await?;
        w.audit("delete", kind.as_str(), id, Some(audit_view(&current)), None).await?;
        w.finish().await?;
        Ok(())
    }

    async fn insert_observations(&self, observations: &[Observation], actor: &str) -> Result<WriteSummary> {
        let mut w = self.write(actor).await?;
        let n = write_observations(&mut w, observations).await?;
        let audit_entries = w.finish().await?;
        Ok(WriteSummary { records: 0, observations: n, audit_entries })
    }

    async fn import_observations_csv(&self, file_name: &str, text: &str, actor: &str) -> Result<WriteSummary> {
        let case = {
            let mut tx = self.read().await?;
            Self::case_skeleton(&mut tx).await?
        };
        let observations =
            tahawul_domain::bundle::read_observations_csv(file_name, text, &case).map_err(StoreError::Rejected)?;
        self.insert_observations(&observations, actor).await
    }

    async fn import_events(&self, import: &EventImport, actor: &str) -> Result<EventImportOutcome> {
        let def = &import.definition;
        let mut w = self.write(actor).await?;
        // The definition must be one a stored indicator holds, as the importer read it: a
        // definition changed since would have counted other figures.
        let refs = References::read(&mut w.tx).await?;
        let held = refs
            .indicators
            .values()
            .flat_map(|m| m.values())
            .find_map(|i| i.imports.iter().find(|d| d.id == def.id).map(|d| (i, d)));
        let Some((indicator, stored)) = held else {
            return Err(StoreError::NotFound(format!("import definition {}", def.id)));
        };
        let digest = def.digest();
        if stored.digest() != digest {
            return invalid("definition", "store-definition-changed");
        }
        if let Some(o) =
            import.figures.iter().map(|(o, _)| o).find(|o| o.factor != indicator.factor || o.indicator != indicator.id)
        {
            return Err(StoreError::Invalid(vec![Problem::new(
                "figures",
                Message::new("store-unknown-indicator").arg("indicator", format!("{}.{}", o.factor, o.indicator)),
            )]));
        }
        let earlier = read_event_imports(&mut w.tx, Some(def.id.as_str())).await?;
        let digests =
            w.tx.fetch(
                "SELECT batch, definition_digest FROM event_imports WHERE definition = $1",
                vec![def.id.as_str().into()],
                &[Ty::I64, Ty::Text],
            )
            .await?;
        let same_definition = |batch: i64| {
            digests
                .iter()
                .any(|r| r[0].i64().ok() == Some(batch) && r[1].text().ok().as_deref() == Some(digest.as_str()))
        };
        // The same file by the same definition: nothing to do, and nothing in the log.
        if let Some(done) =
            earlier.iter().rev().find(|i| i.file_digest == import.file_digest && same_definition(i.batch))
        {
            return Ok(EventImportOutcome::Unchanged { import: done.clone() });
        }
        // An older release after a newer one is refused unless asked for (the domain's rule).
        if !import.older {
            if let Some(newer) =
                tahawul_domain::event_import::newer_release(&import.release, earlier.iter().map(|i| i.release.as_str()))
            {
                return Err(StoreError::Invalid(vec![Problem {
                    at: "release".into(),
                    message: Message::new("store-release-older")
                        .arg("release", import.release.as_str())
                        .arg("newer", newer)
                        .arg("definition", def.id.as_str()),
                    help: Some(Message::new("store-release-older-help").arg("newer", newer)),
                }]));
            }
        }
        // One release is one file: another file under a release already imported would make
        // the history name two different sources alike.
        if earlier.iter().any(|i| i.release == import.release && i.file_digest != import.file_digest) {
            return Err(StoreError::Invalid(vec![Problem::new(
                "release",
                Message::new("store-release-other-file")
                    .arg("release", import.release.as_str())
                    .arg("definition", def.id.as_str()),
            )]));
        }
        if import.release.trim().is_empty() || import.release.len() > 64 || import.release.contains(char::is_control) {
            return invalid("release", "store-bad-release");
        }
        let row = json!({
            "definition": def.id.as_str(),
            "definition_digest": digest,
            "dataset": def.dataset.as_str(),
            "release": import.release,
            "file_digest": import.file_digest,
            "rows": import.rows as i64,
            "counted": import.counted as i64,
        });
        let rows: Vec<(&Observation, Option<u64>)> = import.figures.iter().map(|(o, n)| (o, Some(*n))).collect();
        let Some((batch, _)) = write_batch(&mut w, &rows, Some(row)).await? else {
            return invalid("figures", "store-no-figures");
        };
        w.tx.exec(
            &format!(
                "INSERT INTO event_imports (batch, {}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                crate::audit_log::EVENT_IMPORT_FIELDS
            ),
            vec![
                Arg::I64(Some(batch)),
                def.id.as_str().into(),
                digest.as_str().into(),
                def.dataset.as_str().into(),
                import.release.as_str().into(),
                import.file_digest.as_str().into(),
                Arg::I64(Some(import.rows as i64)),
                Arg::I64(Some(import.counted as i64)),
            ],
        )
        .await?;
        let stored = read_event_imports(&mut w.tx, Some(def.id.as_str()))
            .await?
            .into_iter()
            .find(|i| i.batch == batch)
            .ok_or_else(|| corrupt("the import just written"))?;
        w.finish().await?;
        Ok(EventImportOutcome::Written { import: stored, revised: earlier.last().map(|i| i.release.clone()) })
    }

    async fn event_imports(&self, definition: Option<&str>) -> Result<Vec<EventImportRecord>> {
        let mut tx = self.read().await?;
        read_event_imports(&mut tx, definition).await
    }

    async fn list_observations(&self, f: &ObservationFilter) -> Result<Vec<StoredObservation>> {
        let mut tx = self.read().await?;
        // A number, not text, so it can be written into the statement.
        let limit = f.limit.map(|n| format!(" LIMIT {}", n.min(i64::MAX as u64))).unwrap_or_default();
        let sql = format!(
            "{OBSERVATION_SELECT} WHERE ($1 IS NULL OR factor = $1) AND ($2 IS NULL OR indicator = $2) AND ($3 IS NULL OR area = $3) ORDER BY id{limit}"
        );
        let rows = tx
            .fetch(
                &sql,
                vec![f.factor.clone().into(), f.indicator.clone().into(), f.area.clone().into()],
                &OBSERVATION_TYPES,
            )
            .await?;
        let mut out = rows.iter().map(|r| observation_of(r)).collect::<Result<Vec<_>>>()?;
        attach_sources(&mut tx, &mut out).await?;
        Ok(out)
    }

    async fn count_observations(&self) -> Result<i64> {
        let mut tx = self.read().await?;
        let rows = tx.fetch("SELECT COUNT(*) FROM observations", vec![], &[Ty::I64]).await?;
        rows.first().ok_or_else(|| corrupt("no count"))?[0].i64()
    }

    async fn assessment_step(
        &self,
        id: &str,
        action: WorkflowAction,
        expected_version: i64,
        actor: &str,
    ) -> Result<Record> {
        let mut w = self.write(actor).await?;
        let current = read_record(&mut w.tx, RecordKind::Assessment, id)
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("assessment {id}")))?;
        if current.version != expected_version {
            return Err(StoreError::Conflict { current_version: Some(current.version) });
        }
        let assessment: Assessment = serde_json::from_value(current.body.clone()).map_err(corrupt)?;
        let history = read_steps(&mut w.tx, id).await?;
        let mut delegations = Vec::new();
        for p in read_records(&mut w.tx, Some(RecordKind::Party)).await? {
            let party: Party = serde_json::from_value(p.body).map_err(corrupt)?;
            if party.role == PartyRole::Delegation {
                delegations.push(party.id.to_string());
            }
        }
        let state = next_state(assessment.state, &history, &delegations, &action)
            .map_err(|e| StoreError::Invalid(vec![Problem::new("action", workflow_message(&e))]))?;
        let mut next = current.clone();
        next.version = current.version + 1;
        next.updated_at = w.at.clone();
        next.updated_by = w.actor.clone();
        // Both delegations' heads must read what they endorse: a submission shares the draft
        // in the same transaction as the step, so there is never a shared unsubmitted draft.
        if action == WorkflowAction::Submit {
            next.shared = true;
        }
        if let Value::Object(m) = &mut next.body {
            m.insert("state".into(), serde_json::to_value(state).map_err(corrupt)?);
        }
        update_record(&mut w, &next, expected_version).await?;
        let step =
            WorkflowStep { n: history.len() as i64 + 1, action, actor: w.actor.clone(), at: w.at.clone(), state };
        let action_json = serde_json::to_string(&step.action).map_err(corrupt)?;
        let state_text =
            serde_json::to_value(state).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default();
        w.tx.exec(
            "INSERT INTO assessment_steps (assessment, n, action, state, actor, at) VALUES ($1, $2, $3, $4, $5, $6)",
            vec![
                id.into(),
                Arg::I64(Some(step.n)),
                action_json.into(),
                state_text.into(),
                step.actor.as_str().into(),
                step.at.as_str().into(),
            ],
        )
        .await?;
        let mut after = audit_view(&next);
        if let Value::Object(m) = &mut after {
            m.insert("step".into(), serde_json::to_value(&step).map_err(corrupt)?);
        }
        w.audit(
            &format!("assessment-{}", step.action.name()),
            "assessment",
            id,
            Some(audit_view(&current)),
            Some(after),
        )
        .await?;
        w.finish().await?;
        Ok(next)
    }

    async fn assessment_history(&self, id: &str) -> Result<Vec<WorkflowStep>> {
        let mut tx = self.read().await?;
        if read_record(&mut tx, RecordKind::Assessment, id).await?.is_none() {
            return Err(StoreError::NotFound(format!("assessment {id}")));
        }
        read_steps(&mut tx, id).await
    }

    async fn key_challenge(&self, user: &str) -> Result<String> {
        self.key_challenge_in(user).await
    }

    async fn reminders_sent(&self, user: &str) -> Result<Vec<(String, String)>> {
        self.reminders_sent_in(user).await
    }

    async fn set_reminders_sent(&self, user: &str, items: &[(String, String)]) -> Result<()> {
        self.set_reminders_sent_in(user, items).await
    }

    async fn register_key(
        &self,
        user: &str,
        person: &str,
        key: tahawul_domain::PublicKey,
        nonce: &str,
        proof: tahawul_domain::Signature,
    ) -> Result<Record> {
        self.register_key_in(user, person, key, nonce, proof).await
    }

    async fn retire_key(&self, person: &str, fingerprint: &str, actor: &str) -> Result<Record> {
        self.retire_key_in(person, fingerprint, actor).await
    }

    async fn sign_minutes(
        &self,
        round: &str,
        user: &str,
        key: tahawul_domain::PublicKey,
        signature: tahawul_domain::Signature,
    ) -> Result<Record> {
        self.sign_minutes_in(round, user, key, signature).await
    }

    async fn create_user(&self, user: NewUser, actor: &str) -> Result<User> {
        user.check()?;
        let hash = self.hash_password(&user.password).await?;
        let mut w = self.write(actor).await?;
        let mut problems = Vec::new();
        if read_user(&mut w.tx, &user.name).await?.is_some() {
            problems.push(Problem::new("name", Message::new("store-user-exists").arg("name", user.name.as_str())));
        }
        problems.extend(check_user_links(&mut w.tx, user.role, user.party.as_deref(), user.factor.as_deref()).await?);
        if !problems.is_empty() {
            return Err(StoreError::Invalid(problems));
        }
        let u =
            User::new_account(user.name, user.display_name, user.role, user.party, user.factor, w.at.clone(), false);
        insert_account(&mut w, &u, hash).await?;
        w.finish().await?;
        Ok(u)
    }

    async fn list_users(&self) -> Result<Vec<User>> {
        let mut tx = self.read().await?;
        let rows = tx.fetch(&format!("{USER_SELECT} ORDER BY name"), vec![], &USER_TYPES).await?;
        rows.iter().map(|r| user_of(r).map(|(u, _)| u)).collect()
    }

    async fn get_user(&self, name: &str) -> Result<User> {
        let mut tx = self.read().await?;
        read_user(&mut tx, name).await?.map(|(u, _)| u).ok_or_else(|| StoreError::NotFound(format!("user {name}")))
    }

    async fn disable_user(&self, name: &str, actor: &str) -> Result<User> {
        let mut w = self.write(actor).await?;
        let before = account_for(&mut w.tx, AccountAction::Disable, name, actor).await?;
        let after = User { disabled: true, version: before.version + 1, ..before.clone() };
        w.tx.exec(
            "UPDATE users SET disabled = $1, version = $2 WHERE name = $3",
            vec![true.into(), Arg::I64(Some(after.version)), name.into()],
        )
        .await?;
        w.audit("disable", "user", name, Some(user_view(&before)), Some(user_view(&after))).await?;
        w.finish().await?;
        Ok(after)
    }

    async fn enable_user(&self, name: &str, actor: &str) -> Result<User> {
        let mut w = self.write(actor).await?;
        let before = account_for(&mut w.tx, AccountAction::Enable, name, actor).await?;
        if !before.disabled {
            // Nothing to do, and nothing to audit.
            return Ok(before);
        }
        let after = User { disabled: false, version: before.version + 1, ..before.clone() };
        w.tx.exec(
            "UPDATE users SET disabled = $1, version = $2 WHERE name = $3",
            vec![false.into(), Arg::I64(Some(after.version)), name.into()],
        )
        .await?;
        w.audit("enable", "user", name, Some(user_view(&before)), Some(user_view(&after))).await?;
        w.finish().await?;
        Ok(after)
    }

    async fn change_password(&self, name: &str, current: &str, new: &str) -> Result<User> {
        // The rules that need no hash first, so a weak new password is said with a wrong
        // current one, at once.
        let (before, hash) = {
            let mut tx = self.read().await?;
            read_user(&mut tx, name).await?.ok_or_else(|| StoreError::NotFound(format!("user {name}")))?
        };
        let me = Actor { name, role: Some(before.role) };
        check_account_action(me, AccountAction::ChangeOwnPassword, name, before.directory)
            .map_err(|r| crate::users::refusal(r, name))?;
        let ok = verify_password(current, hash).await?;
        let mut problems: Vec<Problem> = Vec::new();
        if !ok || before.disabled {
            problems.push(crate::users::password_problem(PasswordProblem::WrongCurrent));
        }
        problems.extend(check_new_password(new, Some(current)).into_iter().map(crate::users::password_problem));
        if !problems.is_empty() {
            return Err(StoreError::Invalid(problems));
        }
        let new_hash = self.hash_password(new).await?;
        let mut w = self.write(name).await?;
        let (now, _) = read_user(&mut w.tx, name).await?.ok_or_else(|| StoreError::NotFound(format!("user {name}")))?;
        if now.version != before.version {
            // Reset, disabled or changed meanwhile: the current password checked may be stale.
            return Err(StoreError::Conflict { current_version: Some(now.version) });
        }
        let after = User { must_change_password: false, version: before.version + 1, ..before.clone() };
        set_password(&mut w, &after, new_hash).await?;
        w.audit("change-password", "user", name, Some(user_view(&before)), Some(user_view(&after))).await?;
        w.finish().await?;
        Ok(after)
    }

    async fn reset_password(&self, name: &str, temporary: &str, actor: &str) -> Result<User> {
        let problems: Vec<Problem> =
            check_new_password(temporary, None).into_iter().map(crate::users::password_problem).collect();
        if !problems.is_empty() {
            // Checked after the account rule below too; said first only when the account is fine.
            let mut tx = self.read().await?;
            account_for(&mut tx, AccountAction::ResetPassword, name, actor).await?;
            return Err(StoreError::Invalid(problems));
        }
        let hash = self.hash_password(temporary).await?;
        let mut w = self.write(actor).await?;
        let before = account_for(&mut w.tx, AccountAction::ResetPassword, name, actor).await?;
        let after = User { must_change_password: true, version: before.version + 1, ..before.clone() };
        set_password(&mut w, &after, hash).await?;
        w.audit("reset-password", "user", name, Some(user_view(&before)), Some(user_view(&after))).await?;
        w.finish().await?;
        Ok(after)
    }

    async fn set_user_settings(&self, name: &str, settings: &UserSettings, actor: &str) -> Result<User> {
        settings.check()?;
        let mut w = self.write(actor).await?;
        let (before, _) =
            read_user(&mut w.tx, name).await?.ok_or_else(|| StoreError::NotFound(format!("user {name}")))?;
        // The version stays: it is part of the sessions' hash, and choosing a language must
        // not sign the user out.
        let after = User {
            lang: settings.lang.clone(),
            digits: settings.digits.clone(),
            email: settings.email.clone(),
            reminders: settings.reminders.clone(),
            ..before.clone()
        };
        w.tx.exec(
            "UPDATE users SET lang = $1, digits = $2, email = $3, reminders = $4 WHERE name = $5",
            vec![
                after.lang.clone().into(),
                after.digits.clone().into(),
                after.email.clone().into(),
                after.reminders.clone().into(),
                name.into(),
            ],
        )
        .await?;
        if before.email != after.email {
            // A new address starts afresh: what went to the old one was not seen at the new.
            w.tx.exec("DELETE FROM reminders_sent WHERE user_name = $1", vec![name.into()]).await?;
        }
        w.audit("settings", "user", name, Some(user_view(&before)), Some(user_view(&after))).await?;
        w.finish().await?;
        Ok(after)
    }

    async fn verify_password(&self, name: &str, password: &str) -> Result<Option<User>> {
        let found = {
            let mut tx = self.read().await?;
            read_user(&mut tx, name).await?
        };
        // Unknown and disabled users still pay for one password check, against a decoy hash,
        // so response time does not tell which names exist.
        let (user, hash) = match found {
            Some((user, hash)) if !user.disabled && has_local_password(user.directory) => (Some(user), hash),
            _ => (None, self.decoy_hash().await?),
        };
        let ok = verify_password(password, hash).await?;
        Ok(user.filter(|_| ok))
    }

    async fn directory_sign_in(&self, user: DirectoryUser, actor: &str) -> Result<Option<User>> {
        let mut problems: Vec<Problem> = check_directory_user(user.role, user.party.as_deref(), user.factor.as_deref())
            .into_iter()
            .map(|p| Problem::new(p.field(), crate::users::message(p)))
            .collect();
        if !tahawul_domain::directory::is_account_name(&user.name) {
            problems.insert(0, Problem::new("name", Message::new("store-bad-user-name")));
        }
        if !problems.is_empty() {
            return Err(StoreError::Invalid(problems));
        }
        let mut w = self.write(actor).await?;
        let existing = read_user(&mut w.tx, &user.name).await?;
        let step = account_step(existing.as_ref().map(|(u, _)| (u.directory, u.disabled)));
        if step == AccountStep::Refuse {
            return Ok(None);
        }
        let links = check_user_links(&mut w.tx, user.role, user.party.as_deref(), user.factor.as_deref()).await?;
        if !links.is_empty() {
            return Err(StoreError::Invalid(links));
        }
        let display_name =
            if user.display_name.trim().is_empty() { user.name.clone() } else { user.display_name.trim().to_string() };
        let u = match (step, existing) {
            (AccountStep::Refuse, _) | (AccountStep::Create, Some(_)) => return Ok(None),
            (AccountStep::Create, None) | (AccountStep::Update, None) => {
                let u =
                    User::new_account(user.name, display_name, user.role, user.party, user.factor, w.at.clone(), true);
                // No local password: the hash is empty, which no password verifies, and
                // `verify_password` does not even try it (`has_local_password`).
                insert_account(&mut w, &u, String::new()).await?;
                u
            }
            (AccountStep::Update, Some((before, _))) => {
                let same = before.role == user.role
                    && before.party == user.party
                    && before.factor == user.factor
                    && before.display_name == display_name;
                if same {
                    return Ok(Some(before));
                }
                // A new role or party changes the version, which ends the sessions signed in
                // under the old one (their hash includes it), as any change of role should.
                let after = User {
                    display_name,
                    role: user.role,
                    party: user.party,
                    factor: user.factor,
                    version: before.version + 1,
                    ..before.clone()
                };
                w.tx.exec(
                    "UPDATE users SET display_name = $1, role = $2, party = $3, factor = $4, version = $5 WHERE name = $6",
                    vec![
                        after.display_name.as_str().into(),
                        after.role.as_str().into(),
                        after.party.clone().into(),
                        after.factor.clone().into(),
                        Arg::I64(Some(after.version)),
                        after.name.as_str().into(),
                    ],
                )
                .await?;
                w.audit("directory", "user", &after.name, Some(user_view(&before)), Some(user_view(&after))).await?;
                after
            }
        };
        w.finish().await?;
        Ok(Some(u))
    }

    async fn create_token(&self, user: &str, label: &str, actor: &str) -> Result<(TokenInfo, NewToken)> {
        let token = NewToken::generate()?;
        let mut w = self.write(actor).await?;
        let (u, _) = read_user(&mut w.tx, user).await?.ok_or_else(|| StoreError::NotFound(format!("user {user}")))?;
        if u.disabled {
            return Err(StoreError::Invalid(vec![Problem::new(
                "user",
                Message::new("store-user-disabled").arg("name", user),
            )]));
        }
        let info = TokenInfo {
            prefix: token.prefix.clone(),
            user: user.to_string(),
            label: label.to_string(),
            created_at: w.at.clone(),
            revoked_at: None,
        };
        w.tx.exec(
            "INSERT INTO api_tokens (prefix, hash, user_name, label, created_at) VALUES ($1, $2, $3, $4, $5)",
            vec![
                info.prefix.as_str().into(),
                token.hash.as_str().into(),
                user.into(),
                label.into(),
                info.created_at.as_str().into(),
            ],
        )
        .await?;
        w.audit("create", "token", &info.prefix, None, Some(serde_json::to_value(&info).map_err(corrupt)?)).await?;
        w.finish().await?;
        Ok((info, token))
    }

    async fn verify_token(&self, token: &str) -> Result<Option<User>> {
        let Some(parts) = tahawul_ledger::token::parse(token) else {
            return Ok(None);
        };
        let mut tx = self.read().await?;
        let rows = tx
            .fetch(
                "SELECT hash, user_name FROM api_tokens WHERE prefix = $1 AND revoked_at IS NULL",
                vec![parts.prefix.into()],
                &[Ty::Text, Ty::Text],
            )
            .await?;
        let Some(row) = rows.first() else {
            return Ok(None);
        };
        if !tahawul_ledger::token::verify(token, &row[0].text()?) {
            return Ok(None);
        }
        Ok(read_user(&mut tx, &row[1].text()?).await?.map(|(u, _)| u).filter(|u| !u.disabled))
    }

    async fn revoke_token(&self, prefix: &str, actor: &str) -> Result<()> {
        let mut w = self.write(actor).await?;
        let at = w.at.clone();
        let n =
            w.tx.exec(
                "UPDATE api_tokens SET revoked_at = $1 WHERE prefix = $2 AND revoked_at IS NULL",
                vec![at.as_str().into(), prefix.into()],
            )
            .await?;
        if n != 1 {
            return Err(StoreError::NotFound(format!("active token {prefix}")));
        }
        w.audit("revoke", "token", prefix, None, Some(json!({"revoked_at": at}))).await?;
        w.finish().await?;
        Ok(())
    }

    async fn list_tokens(&self, user: Option<&str>) -> Result<Vec<TokenInfo>> {
        let mut tx = self.read().await?;
        const SELECT: &str = "SELECT prefix, user_name, label, created_at, revoked_at FROM api_tokens";
        let rows = match user {
            Some(user) => {
                let sql = format!("{SELECT} WHERE user_name = $1 ORDER BY created_at, prefix");
                tx.fetch(&sql, vec![user.into()], &[Ty::Text; 5]).await?
            }
            None => {
                tx.fetch(&format!("{SELECT} ORDER BY user_name, created_at, prefix"), vec![], &[Ty::Text; 5]).await?
            }
        };
        rows.iter()
            .map(|r| {
                Ok(TokenInfo {
                    prefix: r[0].text()?,
                    user: r[1].text()?,
                    label: r[2].text()?,
                    created_at: r[3].text()?,
                    revoked_at: r[4].opt_text()?,
                })
            })
            .collect()
    }

    async fn audit_entries(&self, after: u64, limit: u64) -> Result<Vec<AuditEntry>> {
        let mut tx = self.read().await?;
        read_audit(&mut tx, Some((after, limit))).await
    }

    async fn verify_audit(&self) -> Result<VerifiedChain> {
        let mut tx = self.read().await?;
        crate::audit_log::verify(&mut tx).await
    }

    async fn audit_tree_head(&self) -> Result<crate::TreeHead> {
        let mut tx = self.read().await?;
        self.audit_tree.head(&mut tx).await
    }

    async fn audit_consistency(&self, from: u64, to: u64) -> Result<Vec<tahawul_ledger::merkle::Hash>> {
        let mut tx = self.read().await?;
        self.audit_tree.consistency(&mut tx, from, to).await
    }

    async fn snapshot(&self) -> Result<Arc<Snapshot>> {
        // The head's seq first, without the lock: while nothing is written every reader goes
        // on at once with the kept snapshot.
        let seq = B::head_seq(&self.pool).await?.ok_or_else(|| corrupt("audit_head has no row"))?;
        let wanted = u64::try_from(seq).map_err(corrupt)?;
        if let Some(s) = self.kept_snapshot(wanted) {
            return Ok(s);
        }
        // Loading: one reader loads, the others wait for it and take its snapshot. A reader
        // takes any snapshot at or after the head it saw on arrival: that holds every write
        // acknowledged before its request began. (Asking for the head as it is once the lock
        // is free would make each waiting reader load again while writes go on.)
        let _loading = self.snapshot_load.lock().await;
        if let Some(s) = self.kept_snapshot(wanted) {
            return Ok(s);
        }
        let mut tx = self.read().await?;
        let seq = Self::head_seq(&mut tx).await?;
        // Same read transaction: the records and observations are exactly those at `seq`.
        // From the kept snapshot when there is one, reading only what changed since: every
        // write names its records in the audit log, and observations are only ever added, in
        // id order (writers take the audit head's lock before inserting).
        let kept = self.snapshot.lock().unwrap_or_else(|e| e.into_inner()).clone().filter(|k| k.seq <= seq);
        let since = match &kept {
            Some(k) => Self::records_since(&mut tx, k, true).await?.map(|(r, c)| (r, c, k.last_observation_id)),
            None => None,
        };
        let (records, mut case, after) = match since {
            Some(x) => x,
            None => {
                let records: Vec<Arc<Record>> = read_records(&mut tx, None).await?.into_iter().map(Arc::new).collect();
                let case = Self::skeleton_of(&records)?;
                (records, case, 0)
            }
        };
        let rows = tx
            .fetch(
                &format!("{OBSERVATION_SELECT} WHERE id > $1 ORDER BY id"),
                vec![Arg::I64(Some(after))],
                &OBSERVATION_TYPES,
            )
            .await?;
        let added = rows.iter().map(|r| observation_of(r)).collect::<Result<Vec<_>>>()?;
        let last = added.last().map_or(after, |o| o.id);
        if !added.is_empty() {
            // Only then: a change copies the list the kept snapshot shares.
            case.observations.extend(added.into_iter().map(|o| o.observation));
        }
        let mut snap = Snapshot::new(seq, case, records);
        snap.last_observation_id = last;
        let snap = Arc::new(snap);
        *self.snapshot.lock().unwrap_or_else(|e| e.into_inner()) = Some(snap.clone());
        Ok(snap)
    }
}

/// A copy of `case` without its observations (the rest is small and grows slowly).
fn without_observations(case: &Case) -> Case {
    case.with_parts(Default::default(), case.assessments.clone())
}

/// The account `name` for `action` by `actor`, read in `tx`, after the domain's rule: the actor's
/// role when it is an account (the operator at the command line, `cli:…`, is none), the
/// target's kind.
async fn account_for<T: Tx>(tx: &mut T, action: AccountAction, name: &str, actor: &str) -> Result<User> {
    let (target, _) = read_user(tx, name).await?.ok_or_else(|| StoreError::NotFound(format!("user {name}")))?;
    // An actor that is no account is the operator or a setup step (`cli:…`, `setup`): the
    // pages and the API always act as the signed-in account, which exists.
    let role = read_user(tx, actor).await?.map(|(a, _)| a.role);
    check_account_action(Actor { name: actor, role }, action, name, target.directory)
        .map_err(|r| crate::users::refusal(r, name))?;
    Ok(target)
}

/// Whether `password` matches `hash`, checked off the async threads (as [`SqlStore::hash_password`]
/// makes hashes: it takes tens of milliseconds on purpose).
async fn verify_password(password: &str, hash: String) -> Result<bool> {
    let password = password.to_string();
    Ok(tokio::task::spawn_blocking(move || tahawul_ledger::verify_password(&password, &hash))
        .await
        .map_err(|e| corrupt(format!("password check task: {e}")))??)
}

/// Writes an account's new password hash with its version and must-change mark.
async fn set_password<T: Tx>(w: &mut Writer<T>, after: &User, hash: String) -> Result<()> {
    w.tx.exec(
        "UPDATE users SET password_hash = $1, must_change_password = $2, version = $3 WHERE name = $4",
        vec![hash.into(), after.must_change_password.into(), Arg::I64(Some(after.version)), after.name.as_str().into()],
    )
    .await?;
    Ok(())
}

/// Inserts a new account with its password's hash (empty for a directory account) and
/// audits its creation: local sign-up and a first directory sign-in alike.
async fn insert_account<T: Tx>(w: &mut Writer<T>, u: &User, password_hash: String) -> Result<()> {
    w.tx.exec(
        "INSERT INTO users (name, display_name, role, party, factor, password_hash, disabled, version, created_at, directory) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        vec![
            u.name.as_str().into(),
            u.display_name.as_str().into(),
            u.role.as_str().into(),
            u.party.clone().into(),
            u.factor.clone().into(),
            password_hash.into(),
            u.disabled.into(),
            Arg::I64(Some(u.version)),
            u.created_at.as_str().into(),
            u.directory.into(),
        ],
    )
    .await?;
    w.audit("create", "user", &u.name, None, Some(user_view(u))).await?;
    Ok(())
}

/// Reads audit entries by seq. Stored text that is not JSON is kept as a JSON string, so
/// it fails the hash check at its own seq instead of failing the read.
pub(crate) async fn read_audit<T: Tx>(tx: &mut T, page: Option<(u64, u64)>) -> Result<Vec<AuditEntry>> {
    let cols = [Ty::I64, Ty::Text, Ty::Text, Ty::Text, Ty::Text, Ty::Text, Ty::Text, Ty::Text, Ty::Text, Ty::Text];
    let base = "SELECT seq, at, actor, action, kind, record_id, before, after, prev_hash, hash FROM audit_log";
    let rows = match page {
        Some((after, limit)) => {
            tx.fetch(
                &format!("{base} WHERE seq > $1 ORDER BY seq LIMIT $2"),
                vec![
                    Arg::I64(Some(after.min(i64::MAX as u64) as i64)),
                    Arg::I64(Some(limit.min(i64::MAX as u64) as i64)),
                ],
                &cols,
            )
            .await?
        }
        None => tx.fetch(&format!("{base} ORDER BY seq"), vec![], &cols).await?,
    };
    let json = |v: &Val| -> Result<Option<Value>> {
        Ok(v.opt_text()?.map(|t| serde_json::from_str(&t).unwrap_or(Value::String(t))))
    };
    rows.iter()
        .map(|r| {
            Ok(AuditEntry {
                seq: u64::try_from(r[0].i64()?).unwrap_or(0),
                at: r[1].text()?,
                actor: r[2].text()?,
                action: r[3].text()?,
                kind: r[4].text()?,
                record_id: r[5].text()?,
                before: json(&r[6])?,
                after: json(&r[7])?,
                prev_hash: r[8].text()?,
                hash: r[9].text()?,
            })
        })
        .collect()
}
