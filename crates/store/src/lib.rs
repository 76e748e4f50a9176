//! Tahawul's storage: the [`Store`] trait and its two implementations, [`SqliteStore`] (a
//! file, WAL — the embedded default) and [`PostgresStore`], each with its own migrations.
//! Every write runs in one transaction that also appends to the hash-chained audit log
//! (`tahawul-ledger`) and moves its head. See `docs/storage.md`.
//!
//! The store trusts its caller about *who* may write (the access layer wraps it, lldap
//! style); it checks *what* is written: record bodies parse as their domain type, versions
//! match, observations refer to what the case defines, workflow steps follow the rules.

mod audit_log;
pub mod backend;
mod backup;
mod error;
pub mod intakes;
mod records;
mod sql;
mod users;

use std::future::Future;

use serde::{Deserialize, Serialize};
use serde_json::Value;
use tahawul_domain::{Case, FigureSource, Observation};
use tahawul_ledger::{AuditEntry, NewToken, VerifiedChain};

pub use audit_log::{LogKeyError, TreeHead, load_log_key, load_or_create_log_key, log_key_path};
pub use backup::{BackupSummary, backup_tables};
pub use error::{Problem, Result, StoreError, workflow_message};
pub use intakes::{Acceptance, Intake, IntakeProposal, NewIntake, ProposalState, RecordRef};
pub use records::RecordKind;
pub use sql::{PostgresStore, SqlStore, SqliteStore, StoreOptions};
pub use tahawul_domain::workflow::{WorkflowAction, WorkflowError, WorkflowStep};
pub use users::{DirectoryUser, MIN_PASSWORD_CHARS, NewUser, Role, TokenInfo, User, UserSettings};

/// One stored record with its version and access fields.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    /// What kind of domain record.
    pub kind: RecordKind,
    /// Its id (`factor.indicator` for indicators).
    pub id: String,
    /// Starts at 1; every update adds 1.
    pub version: i64,
    /// The delegation that owns a draft; `None` for the commission's own records.
    pub owner_party: Option<String>,
    /// Visible beyond the owning delegation.
    pub shared: bool,
    /// Released to coalition partners.
    pub releasable: bool,
    /// The domain type as JSON.
    pub body: Value,
    /// When last written (RFC 3339 UTC).
    pub updated_at: String,
    /// Who last wrote it.
    pub updated_by: String,
}

/// A record to create or replace.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordWrite {
    /// Kind.
    pub kind: RecordKind,
    /// Id; must equal the id inside the body.
    pub id: String,
    /// The domain type as JSON; checked by parsing it as that type.
    pub body: Value,
    /// Owning delegation of a draft.
    pub owner_party: Option<String>,
    /// Shared beyond the owner.
    pub shared: bool,
    /// Released to coalition partners.
    pub releasable: bool,
}

/// An observation as stored.
#[derive(Debug, Clone, Serialize)]
pub struct StoredObservation {
    /// Row id (import order).
    pub id: i64,
    /// The batch it came in.
    pub batch: i64,
    /// The observation.
    pub observation: Observation,
    /// For a figure imported from an event dataset: the definition, dataset, release, file
    /// digest and event count behind it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<FigureSource>,
    /// The event count as stored, before the batch's import is joined to it (see `source`).
    #[serde(skip)]
    pub(crate) events: Option<u64>,
}

/// One import of an event dataset file, ready to store: the figures `tahawul-events` counted
/// and where they come from.
#[derive(Debug, Clone)]
pub struct EventImport {
    /// The definition applied (it must be one the stored indicator holds, unchanged).
    pub definition: tahawul_domain::ImportDefinition,
    /// The dataset's release named by the importer (GED `23.1`; ACLED: the download date).
    pub release: String,
    /// Import even though a newer release of the definition was imported before (restoring
    /// older figures); otherwise that is refused.
    pub older: bool,
    /// BLAKE3 (hex) of the file.
    pub file_digest: String,
    /// Data rows in the file.
    pub rows: u64,
    /// Rows counted into a figure.
    pub counted: u64,
    /// Every figure (zeros included) with the events behind it.
    pub figures: Vec<(Observation, u64)>,
}

/// One stored import of an event dataset.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EventImportRecord {
    /// The batch of figures it wrote.
    pub batch: i64,
    /// The definition applied.
    pub definition: String,
    /// The dataset.
    pub dataset: String,
    /// The release.
    pub release: String,
    /// BLAKE3 of the file.
    pub file_digest: String,
    /// Data rows in the file.
    pub rows: u64,
    /// Rows counted.
    pub counted: u64,
    /// Figures written.
    pub figures: u64,
    /// When.
    pub at: String,
    /// Who.
    pub actor: String,
}

/// What importing an event dataset did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "outcome", rename_all = "kebab-case")]
pub enum EventImportOutcome {
    /// The figures were written as a new batch, one audit entry.
    Written {
        /// The import as stored.
        import: EventImportRecord,
        /// The release the definition's figures came from before, now revised (kept in the
        /// indicator's history).
        revised: Option<String>,
    },
    /// The same file was imported by the same definition before: nothing was written.
    Unchanged {
        /// The earlier import.
        import: EventImportRecord,
    },
}

/// What an import or a batch wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct WriteSummary {
    /// Records written.
    pub records: u64,
    /// Observations written.
    pub observations: u64,
    /// Audit entries appended.
    pub audit_entries: u64,
}

/// Which observations to list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ObservationFilter {
    /// Only this factor.
    pub factor: Option<String>,
    /// Only this indicator (within the factor).
    pub indicator: Option<String>,
    /// Only this area.
    pub area: Option<String>,
    /// At most this many, the first in import order (the database stops there).
    pub limit: Option<u64>,
}

/// The store's traits, for code that calls them on a concrete store (`SqliteStore`,
/// `PostgresStore`, a wrapper of either): `use tahawul_store::prelude::*`.
pub mod prelude {
    pub use crate::{Assessments, Audit, Observations, Records, Reminders, Signing, Store, Tokens, Users};
}

/// The storage of one case: every concern's trait in one bound. Generic use
/// (`fn serve<S: Store>(s: S)`), no `dyn` needed; code holding a concrete store imports the
/// concerns' traits with `use tahawul_store::prelude::*`. `actor` is the name of the user on
/// whose behalf a write is made; it goes into the audit log.
pub trait Store:
    Records + Observations + Assessments + Reminders + Signing + Users + Tokens + Audit + Clone + 'static
{
}

impl<S> Store for S where
    S: Records + Observations + Assessments + Reminders + Signing + Users + Tokens + Audit + Clone + 'static
{
}

/// The case's records: the whole case in and out, one record at a time, and the snapshot every
/// page reads. Implemented in `sql/records.rs` and `sql/snapshot.rs`.
pub trait Records: Send + Sync {
    /// Imports a whole case into an empty store: all or nothing, one transaction, audited.
    fn import_case(&self, case: &Case, actor: &str) -> impl Future<Output = Result<WriteSummary>> + Send;
    /// Reads the case back (records in their order, observations in import order).
    fn load_case(&self) -> impl Future<Output = Result<Case>> + Send;

    /// One record.
    fn get_record(&self, kind: RecordKind, id: &str) -> impl Future<Output = Result<Record>> + Send;
    /// All records of a kind, in case order.
    fn list_records(&self, kind: RecordKind) -> impl Future<Output = Result<Vec<Record>>> + Send;
    /// Creates (`expected_version: None`) or updates (`Some(version read)`) a record.
    /// A stale version is `Conflict` and changes nothing.
    fn put_record(
        &self,
        write: RecordWrite,
        expected_version: Option<i64>,
        actor: &str,
    ) -> impl Future<Output = Result<Record>> + Send;
    /// Deletes a record at the version read.
    fn delete_record(
        &self,
        kind: RecordKind,
        id: &str,
        expected_version: i64,
        actor: &str,
    ) -> impl Future<Output = Result<()>> + Send;

    /// The case and every record as of one moment, shared until the next write. Every write
    /// moves the audit head in its own transaction, so the head's seq names the moment: a
    /// reader costs one small query while nothing changes, and the first reader after a write
    /// loads the case again (in one snapshot transaction). Works across processes sharing a
    /// database, since the seq is read from the database, not remembered.
    fn snapshot(&self) -> impl Future<Output = Result<std::sync::Arc<Snapshot>>> + Send;
}

/// The figures: observations and the event datasets they are counted from. Implemented in
/// `sql/observations.rs` and `sql/event_imports.rs`.
pub trait Observations: Send + Sync {
    /// Inserts observations, all or nothing: one bad row and nothing is written; the error
    /// lists every bad row (`row N`, counted from 1) with its reason.
    fn insert_observations(
        &self,
        observations: &[Observation],
        actor: &str,
    ) -> impl Future<Output = Result<WriteSummary>> + Send;
    /// Imports observations from CSV text (the bundle's format), all or nothing; the error
    /// carries every bad row's line and reason.
    fn import_observations_csv(
        &self,
        file_name: &str,
        text: &str,
        actor: &str,
    ) -> impl Future<Output = Result<WriteSummary>> + Send;
    /// Observations matching a filter, in import order.
    fn list_observations(
        &self,
        filter: &ObservationFilter,
    ) -> impl Future<Output = Result<Vec<StoredObservation>>> + Send;
    /// Number of observations stored.
    fn count_observations(&self) -> impl Future<Output = Result<i64>> + Send;

    /// Stores the figures of one event dataset import, all or nothing, as one batch with one
    /// audit entry naming the definition, dataset, release and file digest. The same file
    /// imported by the same (unchanged) definition again writes nothing; a release already
    /// imported from another file is refused; a new release revises the figures, the earlier
    /// ones staying in the indicator's history.
    fn import_events(
        &self,
        import: &EventImport,
        actor: &str,
    ) -> impl Future<Output = Result<EventImportOutcome>> + Send;
    /// The imports of event datasets, oldest first (of one definition, when named).
    fn event_imports(&self, definition: Option<&str>) -> impl Future<Output = Result<Vec<EventImportRecord>>> + Send;
}

/// The assessments' workflow. Implemented in `sql/assessments.rs`.
pub trait Assessments: Send + Sync {
    /// Takes a workflow step on an assessment read at `expected_version`.
    fn assessment_step(
        &self,
        id: &str,
        action: WorkflowAction,
        expected_version: i64,
        actor: &str,
    ) -> impl Future<Output = Result<Record>> + Send;
    /// The steps taken on an assessment, oldest first.
    fn assessment_history(&self, id: &str) -> impl Future<Output = Result<Vec<WorkflowStep>>> + Send;
}

/// What reminders went to whom. Implemented in `sql/reminders.rs`.
pub trait Reminders: Send + Sync {
    /// What reminders went to `user`: (inbox item key or `digest`, the day it went, `YYYY-MM-DD`).
    fn reminders_sent(&self, user: &str) -> impl Future<Output = Result<Vec<(String, String)>>> + Send;
    /// Replaces what went to `user` with `items` (not audited: mail changes no record).
    fn set_reminders_sent(&self, user: &str, items: &[(String, String)]) -> impl Future<Output = Result<()>> + Send;
}

/// The heads' keys and their signatures on minutes. Implemented in `sql/agreed.rs`.
pub trait Signing: Send + Sync {
    /// A fresh nonce for `user` to sign when registering a key (see
    /// `tahawul_domain::keys::challenge`), valid for ten minutes and once.
    fn key_challenge(&self, user: &str) -> impl Future<Output = Result<String>> + Send;
    /// Registers `key` for `person` from `user`'s own account: the account must be an enabled
    /// delegation head of the person's party, the nonce one issued to it, and `proof` the key's
    /// signature over the challenge. The person's previous key is retired; audited.
    fn register_key(
        &self,
        user: &str,
        person: &str,
        key: tahawul_domain::PublicKey,
        nonce: &str,
        proof: tahawul_domain::Signature,
    ) -> impl Future<Output = Result<Record>> + Send;
    /// Retires a person's valid key (by fingerprint or text form): the secretariat revoking, or
    /// a head of the person's party rotating out. Signatures made before stay valid; audited.
    fn retire_key(&self, person: &str, fingerprint: &str, actor: &str) -> impl Future<Output = Result<Record>> + Send;
    /// Adds the signature of `user`'s delegation's head to a shared round's minutes, verified
    /// over the commission's shared record with the head's current key; the only write that
    /// changes signatures. Audited as `minutes-sign`.
    fn sign_minutes(
        &self,
        round: &str,
        user: &str,
        key: tahawul_domain::PublicKey,
        signature: tahawul_domain::Signature,
    ) -> impl Future<Output = Result<Record>> + Send;
}

/// Accounts: creation, sign-in, passwords, settings. Implemented in `sql/users.rs`.
pub trait Users: Send + Sync {
    /// Creates a user.
    fn create_user(&self, user: NewUser, actor: &str) -> impl Future<Output = Result<User>> + Send;
    /// All users, by name.
    fn list_users(&self) -> impl Future<Output = Result<Vec<User>>> + Send;
    /// One user.
    fn get_user(&self, name: &str) -> impl Future<Output = Result<User>> + Send;
    /// Disables a user (their password and tokens stop working; the tokens are not revoked,
    /// so enabling the account brings them back). The secretariat (or the operator) only, never
    /// on its own account (`tahawul_domain::user::check_account_action`); audited.
    fn disable_user(&self, name: &str, actor: &str) -> impl Future<Output = Result<User>> + Send;
    /// Enables a disabled user again: their password (or directory sign-in) and their
    /// unrevoked tokens work again. The secretariat (or the operator) only; audited.
    fn enable_user(&self, name: &str, actor: &str) -> impl Future<Output = Result<User>> + Send;
    /// Changes one's own password, given the current one (a wrong one is a problem at
    /// `current_password`); clears a reset's must-change mark. The version changes, which ends
    /// every session of the account (the caller signs its own session in again); API tokens
    /// are kept. Refused for a directory account. Audited, never with a password or hash.
    fn change_password(&self, name: &str, current: &str, new: &str) -> impl Future<Output = Result<User>> + Send;
    /// Sets a temporary password for `name` that must be changed at the next sign-in (the
    /// secretariat or the operator; not one's own; not a directory account). Ends the
    /// account's sessions; keeps its API tokens. Audited.
    fn reset_password(&self, name: &str, temporary: &str, actor: &str) -> impl Future<Output = Result<User>> + Send;
    /// Sets a user's own settings (language, digits); audited. The user's version does not
    /// change, so their sessions (whose hash includes it) go on.
    fn set_user_settings(
        &self,
        name: &str,
        settings: &UserSettings,
        actor: &str,
    ) -> impl Future<Output = Result<User>> + Send;
    /// The user, if the name and password match and the user is enabled.
    fn verify_password(&self, name: &str, password: &str) -> impl Future<Output = Result<Option<User>>> + Send;
    /// Signs in a user the directory accepted: creates their directory account, or brings its
    /// role, party, factor and display name up to the directory's (audited when they change).
    /// `None` when the name belongs to a local account or a disabled one
    /// (`tahawul_domain::directory::account_step`).
    fn directory_sign_in(&self, user: DirectoryUser, actor: &str) -> impl Future<Output = Result<Option<User>>> + Send;
}

/// API tokens. Implemented in `sql/tokens.rs`.
pub trait Tokens: Send + Sync {
    /// Makes an API token for a user; the token text is returned once and never stored.
    fn create_token(
        &self,
        user: &str,
        label: &str,
        actor: &str,
    ) -> impl Future<Output = Result<(TokenInfo, NewToken)>> + Send;
    /// The token's user, if the token is known, not revoked, and its user enabled.
    fn verify_token(&self, token: &str) -> impl Future<Output = Result<Option<User>>> + Send;
    /// Revokes a token by its prefix.
    fn revoke_token(&self, prefix: &str, actor: &str) -> impl Future<Output = Result<()>> + Send;
    /// A user's tokens, or every user's (`None`, in one query for the users page); never
    /// their secrets.
    fn list_tokens(&self, user: Option<&str>) -> impl Future<Output = Result<Vec<TokenInfo>>> + Send;
}

/// The audit log and its Merkle tree. Implemented in `sql/audit.rs`.
pub trait Audit: Send + Sync {
    /// Audit entries with `seq > after`, at most `limit`, oldest first.
    fn audit_entries(&self, after: u64, limit: u64) -> impl Future<Output = Result<Vec<AuditEntry>>> + Send;
    /// Reads the whole log and its head and verifies the chain, then every observation batch
    /// against the digest its entry records; `AuditBroken` says where.
    fn verify_audit(&self) -> impl Future<Output = Result<VerifiedChain>> + Send;
    /// The audit log's Merkle tree head (RFC 9162 root over every entry), over a verified
    /// chain (`AuditBroken` otherwise). Reads only the entries since the last call.
    fn audit_tree_head(&self) -> impl Future<Output = Result<TreeHead>> + Send;
    /// The consistency proof from tree size `from` to `to` (`from ≤ to ≤` the current size),
    /// which shows the log at `to` extends the log at `from`.
    fn audit_consistency(
        &self,
        from: u64,
        to: u64,
    ) -> impl Future<Output = Result<Vec<tahawul_ledger::merkle::Hash>>> + Send;
}

/// The case and its records at the audit seq they follow (see [`Records::snapshot`]).
#[derive(Debug, Clone)]
pub struct Snapshot {
    /// The audit head's seq when read.
    pub seq: u64,
    /// The whole case (every record, every observation), as [`Records::load_case`] gives it.
    pub case: Case,
    /// Every record with its access fields, in case order (shared with the snapshots before
    /// and after it that hold the same version).
    pub records: Vec<std::sync::Arc<Record>>,
    /// Values derived from this snapshot ([`Snapshot::view`]).
    views: Views,
    /// The id of the last observation in `case` (0 when none), where the next load goes on.
    pub(crate) last_observation_id: i64,
}

impl Snapshot {
    /// A snapshot with no views yet.
    pub fn new(seq: u64, case: Case, records: Vec<std::sync::Arc<Record>>) -> Self {
        Snapshot { seq, case, records, views: Views::default(), last_observation_id: 0 }
    }

    /// A value derived from this snapshot, made once per `key` and shared by every reader
    /// asking with that key while the snapshot lives; the next write makes a new snapshot
    /// and the views go with the old one. A key is a kind of view and a number within it,
    /// chosen so that one key always means one derivation (the web layer numbers a reader's
    /// view of the case by what is hidden from them). Two readers arriving together may both
    /// make it; one result is kept. An error is not kept.
    pub fn view<T, E>(
        &self,
        key: ViewKey,
        make: impl FnOnce(&Snapshot) -> std::result::Result<T, E>,
    ) -> std::result::Result<std::sync::Arc<T>, E>
    where
        T: std::any::Any + Send + Sync,
    {
        if let Some(v) = self.views.get(key).and_then(|v| v.downcast::<T>().ok()) {
            return Ok(v);
        }
        let made = std::sync::Arc::new(make(self)?);
        // A key of another type's view (a caller's mistake) is answered with the fresh value.
        Ok(self.views.put(key, made.clone()).downcast::<T>().unwrap_or(made))
    }
}

type AnyView = std::sync::Arc<dyn std::any::Any + Send + Sync>;

/// Names a [`Snapshot::view`]: the kind of view and a number within that kind.
pub type ViewKey = (&'static str, u64);

/// The derived values of a snapshot, at most [`Views::CAPACITY`] (the oldest goes first).
#[derive(Default)]
struct Views(std::sync::Mutex<Vec<(ViewKey, AnyView)>>);

impl Views {
    /// A few readers' views of one snapshot (readers who see the same records share one).
    const CAPACITY: usize = 32;

    fn get(&self, key: ViewKey) -> Option<AnyView> {
        let views = self.0.lock().unwrap_or_else(|e| e.into_inner());
        views.iter().find(|(k, _)| *k == key).map(|(_, v)| v.clone())
    }

    /// Keeps `value` under `key` unless another reader got there first; returns the kept one.
    fn put(&self, key: ViewKey, value: AnyView) -> AnyView {
        let mut views = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((_, v)) = views.iter().find(|(k, _)| *k == key) {
            return v.clone();
        }
        if views.len() >= Self::CAPACITY {
            views.remove(0);
        }
        views.push((key, value.clone()));
        value
    }
}

/// A copy of a snapshot starts with no views (they are a cache, not part of the value).
impl Clone for Views {
    fn clone(&self) -> Self {
        Views::default()
    }
}

impl std::fmt::Debug for Views {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let n = self.0.lock().map(|v| v.len()).unwrap_or(0);
        write!(f, "Views({n})")
    }
}
