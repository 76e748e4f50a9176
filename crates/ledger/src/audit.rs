//! The audit chain. Every write appends an [`AuditEntry`]; entry `n` stores the hash of entry
//! `n-1`, and its own hash is
//!
//! ```text
//! hash = blake3( prev_hash (32 raw bytes) ‖ canonical_json({seq, at, actor, action, kind,
//!                                                          record_id, before, after}) )
//! ```
//!
//! with [`crate::canonical`]'s form (sorted keys, no whitespace; absent `before`/`after` are
//! `null`). The first entry's `prev_hash` is [`GENESIS_HASH`]. Hashes are lowercase hex.
//! Sequence numbers start at 1 and have no gaps. A separately stored [`ChainHead`] (the last
//! seq and hash) catches a deleted last entry, which the chain alone cannot show.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::{canonical, hex, unhex};

/// The `prev_hash` of the first entry: 32 zero bytes.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// One audit entry as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditEntry {
    /// Position in the chain, from 1.
    pub seq: u64,
    /// When, RFC 3339 in UTC (e.g. `2025-01-31T12:00:00Z`).
    pub at: String,
    /// Who (a user name, or `system`).
    pub actor: String,
    /// What was done (`create`, `update`, `delete`, `import`, `submit`, …).
    pub action: String,
    /// The kind of record (`area`, `observation`, `user`, …).
    pub kind: String,
    /// The record's id.
    pub record_id: String,
    /// The record before, if it existed.
    pub before: Option<Value>,
    /// The record after, if it still exists.
    pub after: Option<Value>,
    /// The previous entry's hash ([`GENESIS_HASH`] for the first).
    pub prev_hash: String,
    /// This entry's hash.
    pub hash: String,
}

/// What a new entry says; the chain supplies `seq`, `prev_hash` and `hash`.
#[derive(Debug, Clone, PartialEq)]
pub struct EntryDraft {
    /// When, RFC 3339 UTC.
    pub at: String,
    /// Who.
    pub actor: String,
    /// What was done.
    pub action: String,
    /// Kind of record.
    pub kind: String,
    /// Record id.
    pub record_id: String,
    /// Before.
    pub before: Option<Value>,
    /// After.
    pub after: Option<Value>,
}

/// The last entry's seq and hash, stored apart from the log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChainHead {
    /// The last seq (0 for an empty chain).
    pub seq: u64,
    /// The last hash ([`GENESIS_HASH`] for an empty chain).
    pub hash: String,
}

impl ChainHead {
    /// The head of an empty chain.
    pub fn genesis() -> ChainHead {
        ChainHead { seq: 0, hash: GENESIS_HASH.to_string() }
    }

    /// The entry that follows this head, and the new head.
    pub fn append(&self, draft: EntryDraft) -> (AuditEntry, ChainHead) {
        let mut e = AuditEntry {
            seq: self.seq + 1,
            at: draft.at,
            actor: draft.actor,
            action: draft.action,
            kind: draft.kind,
            record_id: draft.record_id,
            before: draft.before,
            after: draft.after,
            prev_hash: self.hash.clone(),
            hash: String::new(),
        };
        e.hash = e.compute_hash().unwrap_or_default();
        let head = ChainHead { seq: e.seq, hash: e.hash.clone() };
        (e, head)
    }
}

impl AuditEntry {
    /// The canonical bytes of the entry's content (everything but the two hashes).
    pub fn canonical_bytes(&self) -> Vec<u8> {
        canonical::to_vec(&json!({
            "seq": self.seq,
            "at": self.at,
            "actor": self.actor,
            "action": self.action,
            "kind": self.kind,
            "record_id": self.record_id,
            "before": self.before,
            "after": self.after,
        }))
    }

    /// The hash this entry should have; `None` when `prev_hash` is not 64 hex digits.
    pub fn compute_hash(&self) -> Option<String> {
        let prev = unhex::<32>(&self.prev_hash)?;
        let mut h = blake3::Hasher::new();
        h.update(&prev);
        h.update(&self.canonical_bytes());
        Some(hex(h.finalize().as_bytes()))
    }
}

/// A chain that verified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifiedChain {
    /// Number of entries.
    pub len: u64,
    /// Its head (equal to the stored one).
    pub head: ChainHead,
}

/// What is wrong with a chain, and where.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("audit chain broken at seq {seq}: {kind}")]
pub struct ChainBreak {
    /// The first seq at which the chain does not verify.
    pub seq: u64,
    /// What kind of break.
    pub kind: BreakKind,
}

/// Kinds of break, each naming what was probably done to the log.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BreakKind {
    /// The entry's content no longer matches its hash: a field was edited.
    #[error("the entry was edited after it was written (its hash does not match its content)")]
    Edited,
    /// The entry holds a hash that is not 64 hex digits.
    #[error("the entry's hash is malformed")]
    MalformedHash,
    /// Entries are missing: the sequence jumps from `seq - 1` to `found`.
    #[error("entries are missing: the next entry present is seq {found}")]
    Missing {
        /// The seq that follows the gap.
        found: u64,
    },
    /// The seq is not the next one: `found` repeats or goes back (inserted or reordered rows).
    #[error("found seq {found} where seq {expected} belongs (inserted or reordered entry)")]
    OutOfSequence {
        /// The seq found at this position.
        found: u64,
        /// The seq that belongs there.
        expected: u64,
    },
    /// The entry follows entry `follows`, not the one before it: entries were reordered.
    #[error("the entry was written after seq {follows}, not after the entry before it (entries reordered)")]
    Reordered {
        /// The entry whose hash this one links to.
        follows: u64,
    },
    /// The entry links to entry `after`, further back than the one before it: the entries
    /// between were inserted (and the later ones renumbered).
    #[error("the entry was written right after seq {after}: the entries between were inserted")]
    Inserted {
        /// The entry whose hash this one links to.
        after: u64,
    },
    /// The entry links to no entry in the log: one before it was inserted, rewritten or removed.
    #[error("the entry does not link to the entry before it (an entry was inserted, removed or rewritten before it)")]
    Unlinked,
    /// The log ends before the stored head: the last entries were deleted.
    #[error("the log ends at seq {last} but the head says {head}: the last entries were deleted")]
    Truncated {
        /// Last seq in the log.
        last: u64,
        /// The head's seq.
        head: u64,
    },
    /// The log goes on past the stored head: entries were added without the store.
    #[error("the log goes past the head (seq {head}): entries were added outside the store")]
    BeyondHead {
        /// The head's seq.
        head: u64,
    },
    /// The last entry's hash is not the head's hash.
    #[error("the last entry's hash differs from the stored head's")]
    HeadMismatch,
    /// The observation rows of a batch are not those its entry records (their digest or
    /// count differs): rows were edited, added or removed.
    #[error(
        "the observations of batch {batch} are not the ones this entry records (rows were edited, added or removed)"
    )]
    ObservationsAltered {
        /// The batch.
        batch: i64,
    },
    /// Observation rows whose batch no audit entry records: they were written outside the store.
    #[error("observation rows of batch {batch} have no audit entry (written outside the store)")]
    ObservationsUnaudited {
        /// The batch.
        batch: i64,
    },
}

/// Verifies `entries` (in the order read, which should be by seq) against the stored `head`.
/// Returns the first break found, walking from the start.
pub fn verify(entries: &[AuditEntry], head: &ChainHead) -> Result<VerifiedChain, ChainBreak> {
    verify_after(&ChainHead::genesis(), entries, head)
}

/// Verifies `entries` as the continuation of a chain already verified up to `start`, against
/// the stored `head`: what a reader that keeps the verified part needs to check of the rest.
pub fn verify_after(start: &ChainHead, entries: &[AuditEntry], head: &ChainHead) -> Result<VerifiedChain, ChainBreak> {
    let by_hash: HashMap<&str, u64> = entries.iter().map(|e| (e.hash.as_str(), e.seq)).collect();
    let mut prev_hash = start.hash.as_str();
    for (i, e) in entries.iter().enumerate() {
        let expected = start.seq + i as u64 + 1;
        let brk = |kind| Err(ChainBreak { seq: expected, kind });
        if e.seq != expected {
            let later = entries[i + 1..].iter().any(|x| x.seq == expected);
            return brk(if e.seq > expected && !later {
                BreakKind::Missing { found: e.seq }
            } else {
                BreakKind::OutOfSequence { found: e.seq, expected }
            });
        }
        if e.prev_hash != prev_hash {
            return brk(match by_hash.get(e.prev_hash.as_str()) {
                Some(&t) if t >= expected => BreakKind::Reordered { follows: t },
                Some(&t) if t + 1 < expected => BreakKind::Inserted { after: t },
                _ => BreakKind::Unlinked,
            });
        }
        match e.compute_hash() {
            None => return brk(BreakKind::Unlinked),
            Some(h) if h != e.hash => {
                return brk(if unhex::<32>(&e.hash).is_none() { BreakKind::MalformedHash } else { BreakKind::Edited });
            }
            Some(_) => {}
        }
        prev_hash = &e.hash;
    }
    let last = start.seq + entries.len() as u64;
    if last < head.seq {
        return Err(ChainBreak { seq: last + 1, kind: BreakKind::Truncated { last, head: head.seq } });
    }
    if last > head.seq {
        return Err(ChainBreak { seq: head.seq + 1, kind: BreakKind::BeyondHead { head: head.seq } });
    }
    if prev_hash != head.hash {
        return Err(ChainBreak { seq: last, kind: BreakKind::HeadMismatch });
    }
    Ok(VerifiedChain { len: last, head: head.clone() })
}

impl AuditEntry {
    /// The entry's leaf in the Merkle tree (RFC 9162): SHA-256(0x00 ‖ canonical bytes).
    pub fn leaf_hash(&self) -> crate::merkle::Hash {
        crate::merkle::leaf_hash(&self.canonical_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn draft(i: u64, v: Value) -> EntryDraft {
        EntryDraft {
            at: format!("2025-01-{:02}T10:00:00Z", 1 + i % 28),
            actor: format!("user{}", i % 3),
            action: ["create", "update", "delete"][(i % 3) as usize].to_string(),
            kind: "area".to_string(),
            record_id: format!("r{}", i % 5),
            before: (i % 2 == 0).then(|| v.clone()),
            after: Some(v),
        }
    }

    fn chain(values: &[Value]) -> (Vec<AuditEntry>, ChainHead) {
        let mut head = ChainHead::genesis();
        let mut out = Vec::new();
        for (i, v) in values.iter().enumerate() {
            let (e, h) = head.append(draft(i as u64, v.clone()));
            out.push(e);
            head = h;
        }
        (out, head)
    }

    fn values(n: usize) -> Vec<Value> {
        (0..n).map(|i| json!({"n": i, "name": {"en": format!("x{i}"), "ar": "س"}})).collect()
    }

    #[test]
    fn a_fresh_chain_verifies_and_an_empty_one_too() {
        let (es, head) = chain(&values(5));
        assert_eq!(verify(&es, &head).unwrap().len, 5);
        assert_eq!(verify(&[], &ChainHead::genesis()).unwrap().len, 0);
    }

    #[test]
    fn the_hash_is_blake3_of_the_previous_hash_and_the_canonical_bytes() {
        let (es, _) = chain(&values(2));
        let mut h = blake3::Hasher::new();
        h.update(&unhex::<32>(&es[0].hash).unwrap());
        h.update(r#"{"action":"update","actor":"user1","after":{"n":1,"name":{"ar":"س","en":"x1"}},"at":"2025-01-02T10:00:00Z","before":null,"kind":"area","record_id":"r1","seq":2}"#.as_bytes());
        assert_eq!(es[1].hash, hex(h.finalize().as_bytes()));
        assert_eq!(es[0].prev_hash, GENESIS_HASH);
    }

    #[test]
    fn an_edited_field_is_found_at_its_seq() {
        let (mut es, head) = chain(&values(4));
        es[2].actor = "mallory".into();
        assert_eq!(verify(&es, &head), Err(ChainBreak { seq: 3, kind: BreakKind::Edited }));
    }

    #[test]
    fn a_rewritten_entry_with_a_fresh_hash_breaks_the_next_link() {
        let (mut es, head) = chain(&values(4));
        es[1].after = Some(json!("forged"));
        es[1].hash = es[1].compute_hash().unwrap();
        assert_eq!(verify(&es, &head), Err(ChainBreak { seq: 3, kind: BreakKind::Unlinked }));
    }

    #[test]
    fn a_deleted_middle_entry_is_a_gap() {
        let (mut es, head) = chain(&values(4));
        es.remove(1);
        assert_eq!(verify(&es, &head), Err(ChainBreak { seq: 2, kind: BreakKind::Missing { found: 3 } }));
    }

    #[test]
    fn a_deleted_last_entry_is_caught_by_the_head() {
        let (mut es, head) = chain(&values(4));
        es.pop();
        assert_eq!(verify(&es, &head), Err(ChainBreak { seq: 4, kind: BreakKind::Truncated { last: 3, head: 4 } }));
    }

    #[test]
    fn an_appended_entry_is_beyond_the_head() {
        let (mut es, head) = chain(&values(3));
        let (extra, _) = head.append(draft(9, json!(1)));
        es.push(extra);
        assert_eq!(verify(&es, &head), Err(ChainBreak { seq: 4, kind: BreakKind::BeyondHead { head: 3 } }));
    }

    #[test]
    fn swapped_entries_are_reordered() {
        let (mut es, head) = chain(&values(4));
        es.swap(1, 2);
        es[1].seq = 2;
        es[2].seq = 3;
        assert_eq!(verify(&es, &head), Err(ChainBreak { seq: 2, kind: BreakKind::Reordered { follows: 3 } }));
    }

    #[test]
    fn a_continuation_verifies_from_where_the_reader_stopped() {
        let (es, head) = chain(&values(6));
        let at = ChainHead { seq: 4, hash: es[3].hash.clone() };
        assert_eq!(verify_after(&at, &es[4..], &head).unwrap().len, 6);
        let wrong = ChainHead { seq: 4, hash: es[2].hash.clone() };
        assert_eq!(verify_after(&wrong, &es[4..], &head), Err(ChainBreak { seq: 5, kind: BreakKind::Unlinked }));
    }

    #[test]
    fn the_leaf_is_sha256_of_zero_and_the_canonical_bytes() {
        let (es, _) = chain(&values(1));
        let mut data = vec![0u8];
        data.extend(es[0].canonical_bytes());
        use sha2::Digest;
        assert_eq!(es[0].leaf_hash(), <[u8; 32]>::from(sha2::Sha256::digest(&data)));
    }

    #[test]
    fn a_wrong_head_hash_is_found() {
        let (es, mut head) = chain(&values(2));
        head.hash = GENESIS_HASH.into();
        assert_eq!(verify(&es, &head), Err(ChainBreak { seq: 2, kind: BreakKind::HeadMismatch }));
    }

    fn arb_value() -> impl Strategy<Value = Value> {
        prop_oneof![
            any::<i64>().prop_map(|n| json!(n)),
            "[a-z ء-ي]{0,12}".prop_map(|s| json!(s)),
            (any::<bool>(), -1e6f64..1e6).prop_map(|(b, f)| json!({"b": b, "f": f})),
        ]
    }

    /// One change to one stored field of one entry.
    fn edit(e: &mut AuditEntry, field: usize) {
        match field {
            0 => e.seq += 1,
            1 => e.at.push('x'),
            2 => e.actor.push('x'),
            3 => e.action.push('x'),
            4 => e.kind.push('x'),
            5 => e.record_id.push('x'),
            6 => e.before = if e.before.is_some() { None } else { Some(json!(0)) },
            7 => e.after = Some(json!({"edited": e.after.clone()})),
            8 => e.prev_hash = GENESIS_HASH.replace('0', "1"),
            _ => e.hash = GENESIS_HASH.replace('0', "2"),
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

        #[test]
        fn any_single_field_edit_is_detected(vs in prop::collection::vec(arb_value(), 1..12), at in any::<prop::sample::Index>(), field in 0usize..10) {
            let (mut es, head) = chain(&vs);
            let i = at.index(es.len());
            edit(&mut es[i], field);
            let err = verify(&es, &head).unwrap_err();
            prop_assert!(err.seq <= i as u64 + 2, "{err} for an edit at seq {}", i + 1);
        }

        #[test]
        fn any_deletion_is_detected(vs in prop::collection::vec(arb_value(), 1..12), at in any::<prop::sample::Index>()) {
            let (mut es, head) = chain(&vs);
            let i = at.index(es.len());
            es.remove(i);
            let err = verify(&es, &head).unwrap_err();
            prop_assert_eq!(err.seq, i as u64 + 1);
        }

        #[test]
        fn any_insertion_is_detected(vs in prop::collection::vec(arb_value(), 1..12), at in any::<prop::sample::Index>(), v in arb_value(), renumber in any::<bool>()) {
            let (mut es, head) = chain(&vs);
            let i = at.index(es.len() + 1);
            // A well-formed forged entry that links to its new predecessor.
            let prev = if i == 0 { ChainHead::genesis() } else { ChainHead { seq: es[i - 1].seq, hash: es[i - 1].hash.clone() } };
            let (forged, _) = prev.append(draft(99, v));
            es.insert(i, forged);
            if renumber {
                for e in es.iter_mut().skip(i + 1) {
                    e.seq += 1;
                }
            }
            let err = verify(&es, &head).unwrap_err();
            prop_assert!(err.seq == i as u64 + 1 || err.seq == i as u64 + 2, "{err} for an insertion at position {i}");
        }

        #[test]
        fn any_swap_is_detected(vs in prop::collection::vec(arb_value(), 2..12), a in any::<prop::sample::Index>(), b in any::<prop::sample::Index>(), keep_seq in any::<bool>()) {
            let (mut es, head) = chain(&vs);
            let (i, j) = (a.index(es.len()), b.index(es.len()));
            prop_assume!(i != j);
            es.swap(i, j);
            if keep_seq {
                // Swap the contents but leave the seq column in order.
                let (si, sj) = (es[i].seq, es[j].seq);
                es[i].seq = sj;
                es[j].seq = si;
            }
            let err = verify(&es, &head).unwrap_err();
            prop_assert_eq!(err.seq, i.min(j) as u64 + 1);
        }
    }
}
