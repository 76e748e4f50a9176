//! The case at one moment ([`crate::Records::snapshot`]), kept between calls and brought up to date
//! from what the audit log says changed since, and the case a write checks against.

use tahawul_domain::rules;

use super::observations::observations_after;
use super::*;
use crate::records::assemble;

/// A row of the audit log naming what an entry changed.
#[derive(sqlx::FromRow)]
struct ChangedRow {
    kind: String,
    record_id: String,
}

impl<B: Backend> SqlStore<B> {
    /// The kept snapshot, if it is at `seq` or later.
    pub(super) fn kept_snapshot(&self, seq: u64) -> Option<Arc<Snapshot>> {
        self.snapshot.lock().unwrap_or_else(|e| e.into_inner()).as_ref().filter(|s| s.seq >= seq).cloned()
    }

    /// The case without its observations (enough to check a CSV against).
    pub(super) async fn case_skeleton(tx: &mut B::Tx) -> Result<Case> {
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
        let rows: Vec<ChangedRow> = tx
            .fetch_as(
                "SELECT kind, record_id FROM audit_log WHERE seq > $1 ORDER BY seq",
                vec![Arg::I64(Some(i64::try_from(kept.seq).map_err(corrupt)?))],
            )
            .await?;
        let mut changed: Vec<(RecordKind, String)> = Vec::new();
        for row in rows {
            // Users, tokens and observation batches are audited too; they are not records.
            let Some(kind) = RecordKind::parse(&row.kind) else { continue };
            let id = row.record_id;
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
    /// `part` against: from the kept snapshot and what changed since (as [`crate::Records::snapshot`]
    /// reads it), with the observations only when records of `part` can be observed.
    pub(super) async fn case_in(&self, tx: &mut B::Tx, part: rules::Kind) -> Result<Case> {
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
            for o in observations_after(tx, after).await? {
                case.observations.push(o.observation);
            }
        } else {
            // A new empty list: clearing the shared one would copy it first.
            case.observations = Default::default();
        }
        Ok(case)
    }

    /// The case's structure from its records.
    pub(super) fn skeleton_of<R: std::borrow::Borrow<Record>>(recs: &[R]) -> Result<Case> {
        let mut recs: Vec<(RecordKind, i64, Value)> =
            recs.iter().map(|r| r.borrow()).enumerate().map(|(i, r)| (r.kind, i as i64, r.body.clone())).collect();
        recs.sort_by_key(|(k, i, _)| (RecordKind::ALL.iter().position(|x| x == k), *i));
        assemble(recs.into_iter().map(|(k, _, b)| (k, b)).collect(), vec![])
    }

    /// The audit head's seq as this transaction sees it.
    async fn head_seq(tx: &mut B::Tx) -> Result<u64> {
        let rows: Vec<i64> = tx.fetch_scalar("SELECT seq FROM audit_head WHERE id = 1", vec![]).await?;
        let seq = rows.first().ok_or_else(|| corrupt("audit_head has no row"))?;
        u64::try_from(*seq).map_err(corrupt)
    }

    /// See [`crate::Records::snapshot`].
    pub(super) async fn load_snapshot(&self) -> Result<Arc<Snapshot>> {
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
        let added = observations_after(&mut tx, after).await?;
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
