//! The audit log as the store reads it back: entries by seq, the whole chain verified
//! (`crate::audit_log`), the Merkle tree head and consistency proofs.

use tahawul_ledger::{AuditEntry, VerifiedChain};

use super::*;
use crate::Audit;

/// A row of `audit_log`.
#[derive(sqlx::FromRow)]
struct AuditRow {
    seq: i64,
    at: String,
    actor: String,
    action: String,
    kind: String,
    record_id: String,
    before: Option<String>,
    after: Option<String>,
    prev_hash: String,
    hash: String,
}

impl<B: Backend> Audit for SqlStore<B> {
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
}

/// Reads audit entries by seq. Stored text that is not JSON is kept as a JSON string, so
/// it fails the hash check at its own seq instead of failing the read.
pub(crate) async fn read_audit<T: Tx>(tx: &mut T, page: Option<(u64, u64)>) -> Result<Vec<AuditEntry>> {
    let base = "SELECT seq, at, actor, action, kind, record_id, before, after, prev_hash, hash FROM audit_log";
    let rows: Vec<AuditRow> = match page {
        Some((after, limit)) => {
            tx.fetch_as(
                &format!("{base} WHERE seq > $1 ORDER BY seq LIMIT $2"),
                vec![
                    Arg::I64(Some(after.min(i64::MAX as u64) as i64)),
                    Arg::I64(Some(limit.min(i64::MAX as u64) as i64)),
                ],
            )
            .await?
        }
        None => tx.fetch_as(&format!("{base} ORDER BY seq"), vec![]).await?,
    };
    let json = |v: Option<String>| v.map(|t| serde_json::from_str(&t).unwrap_or(Value::String(t)));
    Ok(rows
        .into_iter()
        .map(|r| AuditEntry {
            seq: u64::try_from(r.seq).unwrap_or(0),
            at: r.at,
            actor: r.actor,
            action: r.action,
            kind: r.kind,
            record_id: r.record_id,
            before: json(r.before),
            after: json(r.after),
            prev_hash: r.prev_hash,
            hash: r.hash,
        })
        .collect())
}
