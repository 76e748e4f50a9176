//! The audit log as each party checks it: the whole verification (hash chain, then every
//! observation batch against the digest its entry records), the Merkle tree heads and
//! consistency proofs the checkpoints rest on (`tahawul_ledger::merkle`), and the server's
//! log key file. See docs/storage.md, "The Merkle log and checkpoints".

use std::io::Write;
use std::path::{Path, PathBuf};

use tahawul_domain::Observation;
use tahawul_ledger::merkle::{Hash, Tree};
use tahawul_ledger::{AuditEntry, BreakKind, ChainBreak, ChainHead, LogKey, VerifiedChain};

use crate::backend::{Arg, Tx};
use crate::error::{Problem, Result, StoreError};
use crate::sql::{HeadRow, OBSERVATION_SELECT, StoredObservationRow, read_audit};
use tahawul_domain::Message;

/// The log's tree head: which log, how many entries, and their Merkle root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TreeHead {
    /// The log's name in checkpoints: `tahawul/<case id>` (`tahawul` before a case exists).
    pub origin: String,
    /// Number of audit entries.
    pub size: u64,
    /// The RFC 9162 root over the entries' leaves.
    pub root: Hash,
}

/// The tree over the verified log, kept between requests so that a checkpoint or a proof
/// reads only the entries written since the last one. It is checked against the stored head
/// on every use: a log changed underneath (rewritten, rewound) is read and verified again.
#[derive(Default)]
pub(crate) struct TreeCache(tokio::sync::Mutex<Option<CachedTree>>);

impl TreeCache {
    /// Forgets the tree (the log was replaced by a restore).
    pub(crate) async fn forget(&self) {
        *self.0.lock().await = None;
    }
}

struct CachedTree {
    tree: Tree,
    /// The chain head the tree was built up to.
    head: ChainHead,
}

/// The stored chain head.
async fn read_head<T: Tx>(tx: &mut T) -> Result<ChainHead> {
    let rows: Vec<HeadRow> = tx.fetch_as("SELECT seq, hash FROM audit_head WHERE id = 1", vec![]).await?;
    // A missing or unreadable head verifies as an empty chain, so any entry is reported.
    Ok(match rows.into_iter().next() {
        Some(r) => ChainHead { seq: u64::try_from(r.seq).unwrap_or(0), hash: r.hash },
        None => ChainHead::genesis(),
    })
}

/// The log's origin line: named by the case it records.
async fn origin<T: Tx>(tx: &mut T) -> Result<String> {
    let rows: Vec<String> = tx.fetch_scalar("SELECT id FROM records WHERE kind = 'case'", vec![]).await?;
    Ok(match rows.first() {
        Some(id) => format!("tahawul/{id}"),
        None => "tahawul".to_string(),
    })
}

/// The digest an observation batch's audit entry records: blake3 over each observation's
/// JSON, one per line, in the batch's order.
pub(crate) fn batch_digest<'a>(rows: impl IntoIterator<Item = (&'a Observation, Option<u64>)>) -> Result<String> {
    let mut digest = blake3::Hasher::new();
    let mut buf = Vec::with_capacity(512);
    for (o, events) in rows {
        digest_row(&mut buf, o, events)?;
        digest.update(&buf);
    }
    Ok(digest.finalize().to_hex().to_string())
}

/// One row as its batch digest reads it: the observation's JSON, then (for a figure counted
/// from events, issue 15) a tab and the event count, then a line end. Rows without events
/// read exactly as before, so older batches still verify.
fn digest_row(buf: &mut Vec<u8>, o: &Observation, events: Option<u64>) -> Result<()> {
    buf.clear();
    serde_json::to_writer(&mut *buf, o).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    if let Some(n) = events {
        buf.extend_from_slice(format!("\t{n}").as_bytes());
    }
    buf.push(b'\n');
    Ok(())
}

/// Verifies the whole log in one read transaction: the chain against its head, then every
/// observation row against the batch entry that records it.
pub(crate) async fn verify<T: Tx>(tx: &mut T) -> Result<VerifiedChain> {
    let entries = read_audit(tx, None).await?;
    let head = read_head(tx).await?;
    let verified = tahawul_ledger::verify(&entries, &head)?;
    verify_observations(tx, &entries).await?;
    verify_event_imports(tx, &entries).await?;
    Ok(verified)
}

/// Where each batch of event figures came from (issue 15) must be what its audit entry
/// recorded: a release or file digest changed afterwards shows as an altered batch.
async fn verify_event_imports<T: Tx>(tx: &mut T, entries: &[AuditEntry]) -> Result<()> {
    let mut recorded: std::collections::BTreeMap<i64, (u64, serde_json::Value)> = std::collections::BTreeMap::new();
    for e in entries.iter().filter(|e| e.kind == "observations" && e.action == "insert") {
        if let Some(after) = &e.after
            && let (Some(batch), Some(import)) = (after["batch"].as_i64(), after.get("import"))
        {
            recorded.insert(batch, (e.seq, import.clone()));
        }
    }
    let rows: Vec<EventImportRow> =
        tx.fetch_as(&format!("SELECT batch, {EVENT_IMPORT_FIELDS} FROM event_imports ORDER BY batch"), vec![]).await?;
    let altered = |batch: i64, seq: u64| -> StoreError {
        ChainBreak { seq, kind: BreakKind::ObservationsAltered { batch } }.into()
    };
    let mut seen = std::collections::BTreeSet::new();
    for row in &rows {
        let batch = row.batch;
        let Some((seq, want)) = recorded.get(&batch) else {
            let seq = entries.last().map_or(0, |e| e.seq) + 1;
            return Err(ChainBreak { seq, kind: BreakKind::ObservationsUnaudited { batch } }.into());
        };
        if &row.audit_json() != want {
            return Err(altered(batch, *seq));
        }
        seen.insert(batch);
    }
    match recorded.iter().find(|(b, _)| !seen.contains(*b)) {
        Some((batch, (seq, _))) => Err(altered(*batch, *seq)),
        None => Ok(()),
    }
}

/// The columns of `event_imports` an audit entry records, in order.
pub(crate) const EVENT_IMPORT_FIELDS: &str =
    "definition, definition_digest, dataset, release, file_digest, file_rows, counted";

/// A row of `event_imports` ([`EVENT_IMPORT_FIELDS`] and its batch).
#[derive(sqlx::FromRow)]
struct EventImportRow {
    batch: i64,
    definition: String,
    definition_digest: String,
    dataset: String,
    release: String,
    file_digest: String,
    file_rows: i64,
    counted: i64,
}

impl EventImportRow {
    /// The row (without its batch) as its audit entry records it.
    fn audit_json(&self) -> serde_json::Value {
        serde_json::json!({
            "definition": self.definition,
            "definition_digest": self.definition_digest,
            "dataset": self.dataset,
            "release": self.release,
            "file_digest": self.file_digest,
            "rows": self.file_rows,
            "counted": self.counted,
        })
    }
}

/// What a batch's entry records of it.
struct BatchRecord {
    seq: u64,
    count: u64,
    digest: String,
}

/// Rows read per query while digesting observations (bounded memory on a million rows).
const PAGE: i64 = 20_000;

/// Recomputes each batch's digest and count from the stored rows, in id order (a batch's rows
/// are contiguous: writers hold the head's lock while inserting), and compares them with what
/// its audit entry recorded.
async fn verify_observations<T: Tx>(tx: &mut T, entries: &[AuditEntry]) -> Result<()> {
    let mut recorded: std::collections::BTreeMap<i64, BatchRecord> = std::collections::BTreeMap::new();
    for e in entries.iter().filter(|e| e.kind == "observations" && e.action == "insert") {
        let Some(after) = &e.after else { continue };
        let (Some(batch), Some(count), Some(digest)) =
            (after["batch"].as_i64(), after["count"].as_u64(), after["digest"].as_str())
        else {
            return Err(ChainBreak { seq: e.seq, kind: BreakKind::Edited }.into());
        };
        recorded.insert(batch, BatchRecord { seq: e.seq, count, digest: digest.to_string() });
    }
    let altered = |batch: i64, r: &BatchRecord| -> StoreError {
        ChainBreak { seq: r.seq, kind: BreakKind::ObservationsAltered { batch } }.into()
    };
    // Rows no entry records are reported past the log's end, as entries added outside it are.
    let unaudited = |batch: i64| -> StoreError {
        let seq = entries.last().map_or(0, |e| e.seq) + 1;
        ChainBreak { seq, kind: BreakKind::ObservationsUnaudited { batch } }.into()
    };
    // The batch being digested: (batch, rows so far, hasher).
    let mut current: Option<(i64, u64, blake3::Hasher)> = None;
    let mut seen = std::collections::BTreeSet::new();
    let finish = |c: (i64, u64, blake3::Hasher)| -> Result<()> {
        let (batch, n, h) = c;
        match recorded.get(&batch) {
            Some(r) if r.count == n && r.digest == h.finalize().to_hex().as_str() => Ok(()),
            Some(r) => Err(altered(batch, r)),
            None => Err(unaudited(batch)),
        }
    };
    let mut after_id = 0i64;
    let mut buf = Vec::with_capacity(512);
    loop {
        let rows: Vec<StoredObservationRow> = tx
            .fetch_as(
                &format!("{OBSERVATION_SELECT} WHERE id > $1 ORDER BY id LIMIT $2"),
                vec![Arg::I64(Some(after_id)), Arg::I64(Some(PAGE))],
            )
            .await?;
        let Some(last) = rows.last() else { break };
        after_id = last.id;
        for row in rows {
            let batch = row.batch;
            // A row that does not read back as an observation was edited outside the store.
            let (o, events) = match row.into_stored() {
                Ok(o) => (o.observation, o.events),
                Err(_) => {
                    return Err(match recorded.get(&batch) {
                        Some(r) => altered(batch, r),
                        None => unaudited(batch),
                    });
                }
            };
            if current.as_ref().is_none_or(|c| c.0 != batch) {
                if let Some(c) = current.take() {
                    finish(c)?;
                }
                // A batch met again after another: rows were moved between batches.
                if !seen.insert(batch) {
                    return Err(match recorded.get(&batch) {
                        Some(r) => altered(batch, r),
                        None => unaudited(batch),
                    });
                }
                current = Some((batch, 0, blake3::Hasher::new()));
            }
            if let Some(c) = current.as_mut() {
                digest_row(&mut buf, &o, events)?;
                c.1 += 1;
                c.2.update(&buf);
            }
        }
    }
    if let Some(c) = current.take() {
        finish(c)?;
    }
    // A recorded batch with no rows left (all deleted), unless it recorded none.
    if let Some((batch, r)) = recorded.iter().find(|(b, r)| r.count > 0 && !seen.contains(*b)) {
        return Err(altered(*batch, r));
    }
    Ok(())
}

impl TreeCache {
    /// Brings the kept tree up to the stored head, reading and verifying only what is new
    /// when the log only grew; the whole log otherwise. A chain that does not verify is
    /// `AuditBroken`: the store states no tree head over a broken log.
    async fn sync<'a, T: Tx>(&'a self, tx: &mut T) -> Result<tokio::sync::MutexGuard<'a, Option<CachedTree>>> {
        let head = read_head(tx).await?;
        let mut kept = self.0.lock().await;
        if let Some(c) = kept.as_mut() {
            if c.head == head {
                return Ok(kept);
            }
            if c.head.seq < head.seq {
                let new = read_audit(tx, Some((c.head.seq, head.seq - c.head.seq))).await?;
                if new.first().is_some_and(|e| e.prev_hash == c.head.hash) {
                    tahawul_ledger::verify_after(&c.head, &new, &head)?;
                    for e in &new {
                        c.tree.push(e.leaf_hash());
                    }
                    c.head = head;
                    return Ok(kept);
                }
            }
        }
        // First use, or the log is not the one kept plus new entries: read it all again.
        *kept = None;
        let entries = read_audit(tx, None).await?;
        tahawul_ledger::verify(&entries, &head)?;
        let tree = Tree::from_leaf_hashes(entries.iter().map(AuditEntry::leaf_hash));
        *kept = Some(CachedTree { tree, head });
        Ok(kept)
    }

    /// The current tree head.
    pub(crate) async fn head<T: Tx>(&self, tx: &mut T) -> Result<TreeHead> {
        let origin = origin(tx).await?;
        let kept = self.sync(tx).await?;
        let tree = &kept.as_ref().ok_or_else(|| StoreError::Corrupt("no audit tree".into()))?.tree;
        Ok(TreeHead { origin, size: tree.size(), root: tree.root() })
    }

    /// The consistency proof from size `from` to size `to` (RFC 9162 §2.1.4), both at most
    /// the current size.
    pub(crate) async fn consistency<T: Tx>(&self, tx: &mut T, from: u64, to: u64) -> Result<Vec<Hash>> {
        let kept = self.sync(tx).await?;
        let tree = &kept.as_ref().ok_or_else(|| StoreError::Corrupt("no audit tree".into()))?.tree;
        if to > tree.size() {
            let m = Message::new("audit-api-past-size").arg("field", "to").arg("value", to).arg("size", tree.size());
            return Err(StoreError::Invalid(vec![Problem::new("to", m)]));
        }
        tree.consistency_proof(from, to).ok_or_else(|| {
            let m = Message::new("audit-api-from-after-to").arg("from", from).arg("to", to);
            StoreError::Invalid(vec![Problem::new("from", m)])
        })
    }
}

/// Where the server's log key lives for a database: `TAHAWUL_LOG_KEY` if set; else beside a
/// SQLite file (`<file>.log-key`); else, for PostgreSQL, `tahawul-log.key` in the working
/// directory. Never in the database: whoever can write the database cannot sign for the log.
pub fn log_key_path(database: &str) -> PathBuf {
    if let Some(p) = std::env::var_os("TAHAWUL_LOG_KEY").filter(|p| !p.is_empty()) {
        return PathBuf::from(p);
    }
    if database.starts_with("postgres://") || database.starts_with("postgresql://") {
        return PathBuf::from("tahawul-log.key");
    }
    let path = database.strip_prefix("sqlite://").or_else(|| database.strip_prefix("sqlite:")).unwrap_or(database);
    PathBuf::from(format!("{path}.log-key"))
}

/// Why a log key file cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum LogKeyError {
    /// The file cannot be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// The file is not a log key.
    #[error("{path}: {source}")]
    Bad {
        /// The file.
        path: PathBuf,
        /// What is wrong with it.
        source: tahawul_ledger::CheckpointError,
    },
}

/// Reads the log key at `path`.
pub fn load_log_key(path: &Path) -> Result<LogKey, LogKeyError> {
    let text = std::fs::read_to_string(path).map_err(|source| LogKeyError::Io { path: path.into(), source })?;
    LogKey::from_file_text(&text).map_err(|source| LogKeyError::Bad { path: path.into(), source })
}

/// Reads the log key at `path`, or makes one there if there is no file: written owner-only
/// (0600) through a new file (`create_new`: a file or link put there first is not followed).
pub fn load_or_create_log_key(path: &Path) -> Result<LogKey, LogKeyError> {
    match load_log_key(path) {
        Err(LogKeyError::Io { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => {}
        other => return other,
    }
    let io = |source| LogKeyError::Io { path: path.into(), source };
    let key = LogKey::generate().map_err(|source| LogKeyError::Bad { path: path.into(), source })?;
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    match opts.open(path) {
        Ok(mut f) => {
            f.write_all(key.to_file_text().as_bytes()).map_err(io)?;
            f.sync_all().map_err(io)?;
            Ok(key)
        }
        // Another process made it first: use theirs.
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => load_log_key(path),
        Err(e) => Err(io(e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_file_is_made_owner_only_once_and_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("db.sqlite.log-key");
        let k1 = load_or_create_log_key(&path).unwrap();
        let k2 = load_or_create_log_key(&path).unwrap();
        assert_eq!(k1.public(), k2.public());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
        }
        std::fs::write(&path, "not a key").unwrap();
        assert!(matches!(load_or_create_log_key(&path), Err(LogKeyError::Bad { .. })));
    }

    #[test]
    fn the_key_lives_beside_a_sqlite_file() {
        if std::env::var_os("TAHAWUL_LOG_KEY").is_none() {
            assert_eq!(log_key_path("sqlite:///tmp/x.db"), PathBuf::from("/tmp/x.db.log-key"));
            assert_eq!(log_key_path("/tmp/y.db"), PathBuf::from("/tmp/y.db.log-key"));
            assert_eq!(log_key_path("postgres://u@h/db"), PathBuf::from("tahawul-log.key"));
        }
    }
}
