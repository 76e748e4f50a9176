//! The case's records: the whole case in and out, one record read or written at a time, each
//! write through [`SqlStore::put_in`] (the one path every record write takes).

use tahawul_domain::workflow::check_written_state;
use tahawul_domain::{AssessmentState, rules};

use super::assessments::assessment_state;
use super::observations::write_observations;
use super::*;
use crate::error::{violations, workflow_message};
use crate::records::{case_records, check_delete, check_update, validate};
use crate::{Records, WriteSummary};

const RECORD_COLUMNS: &str = "kind, id, version, owner_party, shared, releasable, body, updated_at, updated_by";

/// A row of `records` as read ([`RECORD_COLUMNS`]).
#[derive(sqlx::FromRow)]
struct RecordRow {
    kind: String,
    id: String,
    version: i64,
    owner_party: Option<String>,
    shared: bool,
    releasable: bool,
    body: String,
    updated_at: String,
    updated_by: String,
}

impl RecordRow {
    fn into_record(self) -> Result<Record> {
        let kind = self.kind;
        Ok(Record {
            kind: RecordKind::parse(&kind).ok_or_else(|| corrupt(format!("unknown record kind {kind:?}")))?,
            id: self.id,
            version: self.version,
            owner_party: self.owner_party,
            shared: self.shared,
            releasable: self.releasable,
            body: serde_json::from_str(&self.body).map_err(corrupt)?,
            updated_at: self.updated_at,
            updated_by: self.updated_by,
        })
    }
}

/// What the audit log keeps of a record: its body and access fields.
pub(super) fn audit_view(r: &Record) -> Value {
    json!({"version": r.version, "owner_party": r.owner_party, "shared": r.shared, "releasable": r.releasable, "body": r.body})
}

/// One record, if it is stored.
pub(super) async fn read_record<T: Tx>(tx: &mut T, kind: RecordKind, id: &str) -> Result<Option<Record>> {
    let sql = format!("SELECT {RECORD_COLUMNS} FROM records WHERE kind = $1 AND id = $2");
    let rows: Vec<RecordRow> = tx.fetch_as(&sql, vec![kind.as_str().into(), id.into()]).await?;
    rows.into_iter().next().map(RecordRow::into_record).transpose()
}

/// The records of a kind (every record when `None`), in case order.
pub(super) async fn read_records<T: Tx>(tx: &mut T, kind: Option<RecordKind>) -> Result<Vec<Record>> {
    let rows: Vec<RecordRow> = match kind {
        Some(k) => {
            tx.fetch_as(
                &format!("SELECT {RECORD_COLUMNS} FROM records WHERE kind = $1 ORDER BY position"),
                vec![k.as_str().into()],
            )
            .await?
        }
        None => tx.fetch_as(&format!("SELECT {RECORD_COLUMNS} FROM records ORDER BY kind, position"), vec![]).await?,
    };
    rows.into_iter().map(RecordRow::into_record).collect()
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
pub(super) async fn update_record<T: Tx>(w: &mut Writer<T>, r: &Record, expected: i64) -> Result<()> {
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

impl<B: Backend> SqlStore<B> {
    /// Creates or updates one record inside the write `w`: the one path every record write
    /// takes (its type, its id, agreed content, the workflow's states, the domain's rules
    /// against the case as `w` sees it, the audit entry). [`Records::put_record`] is this in a
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
}

impl<B: Backend> Records for SqlStore<B> {
    async fn import_case(&self, case: &Case, actor: &str) -> Result<WriteSummary> {
        let problems = tahawul_domain::bundle::check(case);
        if !problems.is_empty() {
            return Err(StoreError::Rejected(problems));
        }
        let records = case_records(case)?;
        let mut w = self.write(actor).await?;
        let existing: Vec<i64> = w.tx.fetch_scalar("SELECT COUNT(*) FROM records", vec![]).await?;
        if existing.first().copied().unwrap_or(0) > 0 {
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

    async fn snapshot(&self) -> Result<Arc<Snapshot>> {
        self.load_snapshot().await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::SqliteStore;

    /// A row is read by its columns' names: the columns in another order, with one more the
    /// row does not name, read as the same record.
    #[tokio::test]
    async fn a_record_row_is_read_by_column_name_whatever_the_order() {
        let dir = tempfile::tempdir().unwrap();
        let store = SqliteStore::open(&dir.path().join("t.db"), StoreOptions::default()).await.unwrap();
        let mut tx = store.read().await.unwrap();
        let in_order = "SELECT 'area' AS kind, 'north' AS id, 3 AS version, 'us' AS owner_party, 1 AS shared, \
                        0 AS releasable, '{\"id\":\"north\"}' AS body, 't' AS updated_at, 'alice' AS updated_by";
        let shuffled = "SELECT 'alice' AS updated_by, 0 AS releasable, 7 AS position, '{\"id\":\"north\"}' AS body, \
                        'us' AS owner_party, 3 AS version, 't' AS updated_at, 1 AS shared, 'north' AS id, 'area' AS kind";
        let read = |rows: Vec<RecordRow>| rows.into_iter().map(RecordRow::into_record).collect::<Result<Vec<_>>>();
        let a = read(tx.fetch_as(in_order, vec![]).await.unwrap()).unwrap();
        let b = read(tx.fetch_as(shuffled, vec![]).await.unwrap()).unwrap();
        assert_eq!(a, b);
        assert_eq!(a[0].version, 3);
        assert_eq!(a[0].owner_party.as_deref(), Some("us"));
        assert!(a[0].shared && !a[0].releasable);
        assert_eq!(a[0].updated_by, "alice");
    }
}
