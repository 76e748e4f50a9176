//! The audit log as a Merkle tree (RFC 9162), on both backends: tree heads over the stored
//! entries, consistency proofs between them, a history rewritten with every hash recomputed
//! (the head included) caught by a kept root, and observation rows bound to their batch entry.

use crate::common;

use std::path::Path;

use common::*;
use serde_json::json;
use tahawul_domain::Case;
use tahawul_ledger::merkle::{Tree, verify_consistency};
use tahawul_ledger::{AuditEntry, BreakKind, ChainBreak, ChainHead, EntryDraft};
use tahawul_store::*;

fn mini() -> Case {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../crates/domain/tests/bundles/mini");
    tahawul_domain::load(&dir).unwrap_or_else(|d| panic!("mini does not load: {d:?}"))
}

both!(
    the_tree_head_is_the_rfc_9162_root_of_the_entries,
    consistency_proofs_link_every_earlier_head_to_the_current_one,
    a_rewrite_with_every_hash_recomputed_passes_the_chain_but_not_the_kept_root,
    a_rewound_log_is_shorter_than_the_kept_head,
    an_edited_observation_row_is_found_at_its_batch_entry,
    observation_rows_no_entry_records_are_found,
);

fn sql_text(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

fn sql_opt(v: &Option<serde_json::Value>) -> String {
    v.as_ref().map_or("NULL".into(), |v| sql_text(&tahawul_ledger::canonical_json(v)))
}

/// The attack: rewrite entry `seq`'s `after`, then recompute every hash from there on and
/// the stored head, so that the chain verifies again.
async fn rewrite_history<S: Raw>(s: &S, seq: u64, after: serde_json::Value) {
    let entries = s.audit_entries(0, u64::MAX >> 1).await.unwrap();
    let mut head = ChainHead::genesis();
    for e in &entries {
        let (mut new, next) = head.append(EntryDraft {
            at: e.at.clone(),
            actor: e.actor.clone(),
            action: e.action.clone(),
            kind: e.kind.clone(),
            record_id: e.record_id.clone(),
            before: e.before.clone(),
            after: if e.seq == seq { Some(after.clone()) } else { e.after.clone() },
        });
        new.seq = e.seq;
        if new != *e {
            s.raw(&format!(
                "UPDATE audit_log SET after = {}, prev_hash = '{}', hash = '{}' WHERE seq = {}",
                sql_opt(&new.after),
                new.prev_hash,
                new.hash,
                e.seq
            ))
            .await;
        }
        head = next;
    }
    s.raw(&format!("UPDATE audit_head SET hash = '{}' WHERE id = 1", head.hash)).await;
}

async fn some_writes<S: Store>(s: &S, n: usize) {
    for i in 0..n {
        let name = format!("user-{i}-{}", jiff::Timestamp::now().as_nanosecond());
        let u = NewUser {
            name: name.clone(),
            display_name: name,
            role: Role::Auditor,
            party: None,
            factor: None,
            password: "a long enough password".into(),
        };
        s.create_user(u, "secretariat").await.unwrap();
    }
}

async fn the_tree_head_is_the_rfc_9162_root_of_the_entries<S: Store>(s: S) {
    let empty = s.audit_tree_head().await.unwrap();
    assert_eq!((empty.size, empty.root, empty.origin.as_str()), (0, tahawul_ledger::merkle::empty_root(), "tahawul"));
    s.import_case(&mini(), "secretariat").await.unwrap();
    some_writes(&s, 3).await;
    let head = s.audit_tree_head().await.unwrap();
    let entries = s.audit_entries(0, 100_000).await.unwrap();
    let tree = Tree::from_leaf_hashes(entries.iter().map(AuditEntry::leaf_hash));
    assert_eq!((head.size, head.root), (entries.len() as u64, tree.root()));
    assert_eq!(head.origin, format!("tahawul/{}", mini().id));
    // And it follows later writes (the kept tree is extended, not stale).
    some_writes(&s, 2).await;
    let later = s.audit_tree_head().await.unwrap();
    assert_eq!(later.size, head.size + 2);
    let entries = s.audit_entries(0, 100_000).await.unwrap();
    assert_eq!(later.root, Tree::from_leaf_hashes(entries.iter().map(AuditEntry::leaf_hash)).root());
}

async fn consistency_proofs_link_every_earlier_head_to_the_current_one<S: Store>(s: S) {
    s.import_case(&mini(), "secretariat").await.unwrap();
    let mut heads = vec![s.audit_tree_head().await.unwrap()];
    for _ in 0..4 {
        some_writes(&s, 1).await;
        heads.push(s.audit_tree_head().await.unwrap());
    }
    let now = heads.last().unwrap().clone();
    for h in &heads {
        let proof = s.audit_consistency(h.size, now.size).await.unwrap();
        assert!(verify_consistency(h.size, now.size, &h.root, &now.root, &proof), "{} -> {}", h.size, now.size);
    }
    // Past the log's end, or backwards: refused, not a panic.
    assert!(matches!(s.audit_consistency(1, now.size + 1).await, Err(StoreError::Invalid(_))));
    assert!(matches!(s.audit_consistency(now.size, 1).await, Err(StoreError::Invalid(_))));
}

async fn a_rewrite_with_every_hash_recomputed_passes_the_chain_but_not_the_kept_root<S: Raw>(s: S) {
    s.import_case(&mini(), "secretariat").await.unwrap();
    let kept = s.audit_tree_head().await.unwrap();
    some_writes(&s, 3).await;
    rewrite_history(&s, 2, json!({"forged": true})).await;
    // The chain alone cannot tell: every hash and the head were recomputed.
    s.verify_audit().await.expect("a fully recomputed chain verifies on its own");
    // The same store (its kept tree included) serves the rewritten log's head...
    let now = s.audit_tree_head().await.unwrap();
    let entries = s.audit_entries(0, 100_000).await.unwrap();
    assert_eq!(now.root, Tree::from_leaf_hashes(entries.iter().map(AuditEntry::leaf_hash)).root());
    // ...and no proof it can give leads from the kept root to it.
    let proof = s.audit_consistency(kept.size, now.size).await.unwrap();
    assert!(!verify_consistency(kept.size, now.size, &kept.root, &now.root, &proof));
}

async fn a_rewound_log_is_shorter_than_the_kept_head<S: Raw>(s: S) {
    s.import_case(&mini(), "secretariat").await.unwrap();
    some_writes(&s, 3).await;
    let kept = s.audit_tree_head().await.unwrap();
    let entries = s.audit_entries(0, 100_000).await.unwrap();
    let back = &entries[entries.len() - 3];
    s.raw(&format!("DELETE FROM audit_log WHERE seq > {}", back.seq)).await;
    s.raw(&format!("UPDATE audit_head SET seq = {}, hash = '{}' WHERE id = 1", back.seq, back.hash)).await;
    s.verify_audit().await.expect("a cleanly rewound chain verifies on its own");
    let now = s.audit_tree_head().await.unwrap();
    assert_eq!(now.size, kept.size - 2);
    assert!(!verify_consistency(kept.size, now.size, &kept.root, &now.root, &[]));
}

async fn an_edited_observation_row_is_found_at_its_batch_entry<S: Raw>(s: S) {
    let summary = s.import_case(&mini(), "secretariat").await.unwrap();
    assert!(summary.observations > 0);
    s.verify_audit().await.expect("stored rows match their digest");
    let batch_entry = s
        .audit_entries(0, 100_000)
        .await
        .unwrap()
        .into_iter()
        .find(|e| e.kind == "observations")
        .expect("the import's batch entry");
    let id = s.list_observations(&ObservationFilter { limit: Some(1), ..Default::default() }).await.unwrap()[0].id;
    s.raw(&format!("UPDATE observations SET value = value + 1 WHERE id = {id}")).await;
    match s.verify_audit().await {
        Err(StoreError::AuditBroken(ChainBreak { seq, kind: BreakKind::ObservationsAltered { .. } })) => {
            assert_eq!(seq, batch_entry.seq)
        }
        other => panic!("edited observation not found: {other:?}"),
    }
    // Put back, then delete a row: the count and digest no longer match either.
    s.raw(&format!("UPDATE observations SET value = value - 1 WHERE id = {id}")).await;
    s.verify_audit().await.unwrap();
    s.raw(&format!("DELETE FROM observations WHERE id = {id}")).await;
    assert!(matches!(
        s.verify_audit().await,
        Err(StoreError::AuditBroken(ChainBreak { kind: BreakKind::ObservationsAltered { .. }, .. }))
    ));
}

async fn observation_rows_no_entry_records_are_found<S: Raw>(s: S) {
    s.import_case(&mini(), "secretariat").await.unwrap();
    let n = s.verify_audit().await.unwrap().len;
    // A copy of a stored row under a batch no entry records.
    s.raw(
        "INSERT INTO observation_batches (at, actor, count, audit_seq) VALUES ('2025-01-01T00:00:00Z', 'mallory', 1, 0); \
         INSERT INTO observations (batch, factor, indicator, area, period, period_start, value, publisher, method, as_of, confidence, illustrative, document) \
         SELECT (SELECT MAX(id) FROM observation_batches), factor, indicator, area, period, period_start, value, publisher, method, as_of, confidence, illustrative, document FROM observations ORDER BY id LIMIT 1",
    )
    .await;
    match s.verify_audit().await {
        Err(StoreError::AuditBroken(ChainBreak { seq, kind: BreakKind::ObservationsUnaudited { .. } })) => {
            assert_eq!(seq, n + 1)
        }
        other => panic!("unaudited rows not found: {other:?}"),
    }
}
