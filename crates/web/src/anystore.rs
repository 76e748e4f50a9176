//! The backend chosen at start: SQLite or PostgreSQL behind one concrete type, so that the
//! handlers (which utoipa's `routes!` must name without generics) work with either.

use tahawul_domain::{Case, Observation};
use tahawul_ledger::{AuditEntry, NewToken, VerifiedChain};
use tahawul_store::{
    BackupSummary, DirectoryUser, EventImport, EventImportOutcome, EventImportRecord, NewUser, ObservationFilter,
    PostgresStore, Record, RecordKind, RecordWrite, Result, SqliteStore, StoreOptions, StoredObservation, TokenInfo,
    User, UserSettings, WorkflowAction, WorkflowStep, WriteSummary, prelude::*,
};
use tower_sessions::session::{Id, Record as SessionRecord};
use tower_sessions::session_store::{self, SessionStore};

/// A store on either backend.
#[derive(Clone)]
pub enum AnyStore {
    /// A SQLite file.
    Sqlite(SqliteStore),
    /// A PostgreSQL database.
    Postgres(PostgresStore),
}

impl std::fmt::Debug for AnyStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            AnyStore::Sqlite(_) => "AnyStore::Sqlite",
            AnyStore::Postgres(_) => "AnyStore::Postgres",
        })
    }
}

impl AnyStore {
    /// Opens `sqlite://path` (or a plain path) or connects to `postgres://…`, migrating either.
    pub async fn open(url: &str, opts: StoreOptions) -> Result<AnyStore> {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(AnyStore::Postgres(PostgresStore::connect(url, opts).await?))
        } else {
            let path = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:")).unwrap_or(url);
            Ok(AnyStore::Sqlite(SqliteStore::open(std::path::Path::new(path), opts).await?))
        }
    }

    /// The session store on the same database (its own table, outside the audited records).
    pub async fn session_store(&self) -> std::result::Result<AnySessionStore, sqlx::Error> {
        Ok(match self {
            AnyStore::Sqlite(s) => {
                let store = tower_sessions_sqlx_store::SqliteStore::new(s.sqlite_pool().clone());
                store.migrate().await?;
                AnySessionStore::Sqlite(store)
            }
            AnyStore::Postgres(s) => {
                let store = tower_sessions_sqlx_store::PostgresStore::new(s.pg_pool().clone());
                store.migrate().await?;
                AnySessionStore::Postgres(store)
            }
        })
    }
}

macro_rules! delegate {
    ($self:ident . $m:ident ( $($a:expr),* )) => {
        match $self {
            AnyStore::Sqlite(s) => s.$m($($a),*).await,
            AnyStore::Postgres(s) => s.$m($($a),*).await,
        }
    };
}

impl AnyStore {
    /// Keeps a text for review (`tahawul_store::SqlStore::submit_intake`).
    pub async fn submit_intake(&self, new: tahawul_store::NewIntake, actor: &str) -> Result<tahawul_store::Intake> {
        delegate!(self.submit_intake(new, actor))
    }
    /// Every intake kept, newest first, without texts.
    pub async fn list_intakes(&self) -> Result<Vec<tahawul_store::Intake>> {
        delegate!(self.list_intakes())
    }
    /// One intake with its text.
    pub async fn get_intake(&self, id: i64) -> Result<tahawul_store::Intake> {
        delegate!(self.get_intake(id))
    }
    /// Accepts proposals, all or nothing (`tahawul_store::SqlStore::accept_intake`).
    pub async fn accept_intake(
        &self,
        id: i64,
        document: Option<RecordWrite>,
        accepts: Vec<tahawul_store::Acceptance>,
        actor: &str,
    ) -> Result<tahawul_store::Intake> {
        delegate!(self.accept_intake(id, document, accepts, actor))
    }
    /// Rejects proposals with a reason.
    pub async fn reject_intake(
        &self,
        id: i64,
        indices: &[u64],
        reason: &str,
        actor: &str,
    ) -> Result<tahawul_store::Intake> {
        delegate!(self.reject_intake(id, indices, reason, actor))
    }
}

impl AnyStore {
    /// Writes a backup of the whole store to `out` from one consistent snapshot
    /// (`tahawul_store::SqlStore::backup`).
    pub async fn backup(&self, out: &mut impl std::io::Write) -> Result<BackupSummary> {
        delegate!(self.backup(out))
    }

    /// Loads a backup, all or nothing (`tahawul_store::SqlStore::restore`). When it replaces
    /// what the database held, every sign-in session goes too: a session names a user of the
    /// database as it was.
    pub async fn restore<R: std::io::BufRead>(
        &self,
        name: &str,
        open: impl FnMut() -> std::io::Result<R>,
        replace: bool,
    ) -> Result<BackupSummary> {
        let summary = delegate!(self.restore(name, open, replace))?;
        if replace {
            self.session_store().await?;
            match self {
                AnyStore::Sqlite(s) => {
                    sqlx::query("DELETE FROM tower_sessions").execute(s.sqlite_pool()).await?;
                }
                AnyStore::Postgres(s) => {
                    sqlx::query(r#"DELETE FROM "tower_sessions"."session""#).execute(s.pg_pool()).await?;
                }
            }
        }
        Ok(summary)
    }
}

impl Records for AnyStore {
    async fn import_case(&self, case: &Case, actor: &str) -> Result<WriteSummary> {
        delegate!(self.import_case(case, actor))
    }
    async fn load_case(&self) -> Result<Case> {
        delegate!(self.load_case())
    }
    async fn get_record(&self, kind: RecordKind, id: &str) -> Result<Record> {
        delegate!(self.get_record(kind, id))
    }
    async fn list_records(&self, kind: RecordKind) -> Result<Vec<Record>> {
        delegate!(self.list_records(kind))
    }
    async fn put_record(&self, write: RecordWrite, expected_version: Option<i64>, actor: &str) -> Result<Record> {
        delegate!(self.put_record(write, expected_version, actor))
    }
    async fn delete_record(&self, kind: RecordKind, id: &str, expected_version: i64, actor: &str) -> Result<()> {
        delegate!(self.delete_record(kind, id, expected_version, actor))
    }
    async fn snapshot(&self) -> Result<std::sync::Arc<tahawul_store::Snapshot>> {
        delegate!(self.snapshot())
    }
}

impl Observations for AnyStore {
    async fn insert_observations(&self, observations: &[Observation], actor: &str) -> Result<WriteSummary> {
        delegate!(self.insert_observations(observations, actor))
    }
    async fn import_observations_csv(&self, file_name: &str, text: &str, actor: &str) -> Result<WriteSummary> {
        delegate!(self.import_observations_csv(file_name, text, actor))
    }
    async fn list_observations(&self, filter: &ObservationFilter) -> Result<Vec<StoredObservation>> {
        delegate!(self.list_observations(filter))
    }
    async fn import_events(&self, import: &EventImport, actor: &str) -> Result<EventImportOutcome> {
        delegate!(self.import_events(import, actor))
    }
    async fn event_imports(&self, definition: Option<&str>) -> Result<Vec<EventImportRecord>> {
        delegate!(self.event_imports(definition))
    }
    async fn count_observations(&self) -> Result<i64> {
        delegate!(self.count_observations())
    }
}

impl Assessments for AnyStore {
    async fn assessment_step(
        &self,
        id: &str,
        action: WorkflowAction,
        expected_version: i64,
        actor: &str,
    ) -> Result<Record> {
        delegate!(self.assessment_step(id, action, expected_version, actor))
    }
    async fn assessment_history(&self, id: &str) -> Result<Vec<WorkflowStep>> {
        delegate!(self.assessment_history(id))
    }
}

impl Reminders for AnyStore {
    async fn reminders_sent(&self, user: &str) -> Result<Vec<(String, String)>> {
        delegate!(self.reminders_sent(user))
    }
    async fn set_reminders_sent(&self, user: &str, items: &[(String, String)]) -> Result<()> {
        delegate!(self.set_reminders_sent(user, items))
    }
}

impl Signing for AnyStore {
    async fn key_challenge(&self, user: &str) -> Result<String> {
        delegate!(self.key_challenge(user))
    }
    async fn register_key(
        &self,
        user: &str,
        person: &str,
        key: tahawul_domain::PublicKey,
        nonce: &str,
        proof: tahawul_domain::Signature,
    ) -> Result<Record> {
        delegate!(self.register_key(user, person, key, nonce, proof))
    }
    async fn retire_key(&self, person: &str, fingerprint: &str, actor: &str) -> Result<Record> {
        delegate!(self.retire_key(person, fingerprint, actor))
    }
    async fn sign_minutes(
        &self,
        round: &str,
        user: &str,
        key: tahawul_domain::PublicKey,
        signature: tahawul_domain::Signature,
    ) -> Result<Record> {
        delegate!(self.sign_minutes(round, user, key, signature))
    }
}

impl Users for AnyStore {
    async fn create_user(&self, user: NewUser, actor: &str) -> Result<User> {
        delegate!(self.create_user(user, actor))
    }
    async fn list_users(&self) -> Result<Vec<User>> {
        delegate!(self.list_users())
    }
    async fn get_user(&self, name: &str) -> Result<User> {
        delegate!(self.get_user(name))
    }
    async fn disable_user(&self, name: &str, actor: &str) -> Result<User> {
        delegate!(self.disable_user(name, actor))
    }
    async fn enable_user(&self, name: &str, actor: &str) -> Result<User> {
        delegate!(self.enable_user(name, actor))
    }
    async fn change_password(&self, name: &str, current: &str, new: &str) -> Result<User> {
        delegate!(self.change_password(name, current, new))
    }
    async fn reset_password(&self, name: &str, temporary: &str, actor: &str) -> Result<User> {
        delegate!(self.reset_password(name, temporary, actor))
    }
    async fn set_user_settings(&self, name: &str, settings: &UserSettings, actor: &str) -> Result<User> {
        delegate!(self.set_user_settings(name, settings, actor))
    }
    async fn verify_password(&self, name: &str, password: &str) -> Result<Option<User>> {
        delegate!(self.verify_password(name, password))
    }
    async fn directory_sign_in(&self, user: DirectoryUser, actor: &str) -> Result<Option<User>> {
        delegate!(self.directory_sign_in(user, actor))
    }
}

impl Tokens for AnyStore {
    async fn create_token(&self, user: &str, label: &str, actor: &str) -> Result<(TokenInfo, NewToken)> {
        delegate!(self.create_token(user, label, actor))
    }
    async fn verify_token(&self, token: &str) -> Result<Option<User>> {
        delegate!(self.verify_token(token))
    }
    async fn revoke_token(&self, prefix: &str, actor: &str) -> Result<()> {
        delegate!(self.revoke_token(prefix, actor))
    }
    async fn list_tokens(&self, user: Option<&str>) -> Result<Vec<TokenInfo>> {
        delegate!(self.list_tokens(user))
    }
}

impl Audit for AnyStore {
    async fn audit_entries(&self, after: u64, limit: u64) -> Result<Vec<AuditEntry>> {
        delegate!(self.audit_entries(after, limit))
    }
    async fn verify_audit(&self) -> Result<VerifiedChain> {
        delegate!(self.verify_audit())
    }
    async fn audit_tree_head(&self) -> Result<tahawul_store::TreeHead> {
        delegate!(self.audit_tree_head())
    }
    async fn audit_consistency(&self, from: u64, to: u64) -> Result<Vec<tahawul_ledger::merkle::Hash>> {
        delegate!(self.audit_consistency(from, to))
    }
}

/// Sessions kept in the same database as the case, under a hash of their id: the cookie's id
/// is the only bearer secret, so the database holds `blake3(id)` as the row key (and inside
/// the stored record), and someone who reads the database cannot take over a session.
#[derive(Debug, Clone)]
pub enum AnySessionStore {
    /// In the SQLite file.
    Sqlite(tower_sessions_sqlx_store::SqliteStore),
    /// In the PostgreSQL database.
    Postgres(tower_sessions_sqlx_store::PostgresStore),
}

/// The key a session is stored under: 128 bits of a domain-separated BLAKE3 hash of its id.
/// A random 128-bit id needs no salt or slow hash: there is nothing to guess.
pub fn stored_session_id(id: &Id) -> Id {
    let h = blake3::keyed_hash(blake3::hash(b"tahawul session id v1").as_bytes(), &id.0.to_le_bytes());
    let mut first = [0u8; 16];
    first.copy_from_slice(&h.as_bytes()[..16]);
    Id(i128::from_le_bytes(first))
}

impl AnySessionStore {
    async fn inner_save(&self, record: &SessionRecord) -> session_store::Result<()> {
        match self {
            AnySessionStore::Sqlite(s) => s.save(record).await,
            AnySessionStore::Postgres(s) => s.save(record).await,
        }
    }
    async fn inner_load(&self, id: &Id) -> session_store::Result<Option<SessionRecord>> {
        match self {
            AnySessionStore::Sqlite(s) => s.load(id).await,
            AnySessionStore::Postgres(s) => s.load(id).await,
        }
    }
}

/// The record as stored: the same data under the hashed id.
fn hashed(record: &SessionRecord) -> SessionRecord {
    SessionRecord { id: stored_session_id(&record.id), ..record.clone() }
}

#[async_trait::async_trait]
impl SessionStore for AnySessionStore {
    async fn create(&self, record: &mut SessionRecord) -> session_store::Result<()> {
        // A collision of 128-bit random ids is as unlikely as guessing one; still, never
        // overwrite a live session.
        while self.inner_load(&stored_session_id(&record.id)).await?.is_some() {
            record.id = Id::default();
        }
        self.inner_save(&hashed(record)).await
    }
    async fn save(&self, record: &SessionRecord) -> session_store::Result<()> {
        self.inner_save(&hashed(record)).await
    }
    async fn load(&self, id: &Id) -> session_store::Result<Option<SessionRecord>> {
        Ok(self.inner_load(&stored_session_id(id)).await?.map(|r| SessionRecord { id: *id, ..r }))
    }
    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        let key = stored_session_id(id);
        match self {
            AnySessionStore::Sqlite(s) => s.delete(&key).await,
            AnySessionStore::Postgres(s) => s.delete(&key).await,
        }
    }
}
