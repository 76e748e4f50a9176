//! Texts kept for review and the review of their proposals (issue 16 item 4; types in
//! `crate::intakes`). Every change is audited as kind `intake`, record `intake-<id>`;
//! accepted proposals are written as records through [`SqlStore::put_in`], the path of every
//! record write, so the domain's rules and the records' own audit entries apply.

use sha2::{Digest, Sha256};

use super::*;
use crate::intakes::{Acceptance, Intake, IntakeProposal, NewIntake, ProposalState, RecordRef};

const PROPOSAL_COLUMNS: &str =
    "n, proposal, state, record_kind, record_id, document, edits, reviewed_by, reviewed_at, reason";

/// A row of `intake_proposals` ([`PROPOSAL_COLUMNS`]).
#[derive(sqlx::FromRow)]
struct ProposalRow {
    n: i64,
    proposal: String,
    state: String,
    record_kind: Option<String>,
    record_id: Option<String>,
    document: Option<String>,
    edits: Option<String>,
    reviewed_by: Option<String>,
    reviewed_at: Option<String>,
    reason: Option<String>,
}

impl ProposalRow {
    fn into_proposal(self) -> Result<IntakeProposal> {
        let json = |t: &str| -> Result<Value> { serde_json::from_str(t).map_err(corrupt) };
        let state = self.state;
        let record = match (self.record_kind, self.record_id) {
            (Some(k), Some(id)) => Some(RecordRef {
                kind: RecordKind::parse(&k).ok_or_else(|| corrupt(format!("stored record kind {k:?}")))?,
                id,
            }),
            _ => None,
        };
        Ok(IntakeProposal {
            index: u64::try_from(self.n).map_err(corrupt)?,
            proposal: json(&self.proposal)?,
            state: ProposalState::parse(&state).ok_or_else(|| corrupt(format!("stored proposal state {state:?}")))?,
            record,
            document: self.document,
            edits: self.edits.as_deref().map(json).transpose()?,
            reviewed_by: self.reviewed_by,
            reviewed_at: self.reviewed_at,
            reason: self.reason,
        })
    }
}

/// A row of `intakes`.
#[derive(sqlx::FromRow)]
struct IntakeRow {
    id: i64,
    digest: String,
    lang: String,
    text: String,
    submitted_by: String,
    submitted_at: String,
    report: String,
}

/// One stored intake (with its text when `text`), `None` when there is none of that number.
async fn read_intake<T: Tx>(tx: &mut T, id: i64, text: bool) -> Result<Option<Intake>> {
    let rows: Vec<IntakeRow> = tx
        .fetch_as(
            "SELECT id, digest, lang, text, submitted_by, submitted_at, report FROM intakes WHERE id = $1",
            vec![Arg::I64(Some(id))],
        )
        .await?;
    let Some(r) = rows.into_iter().next() else { return Ok(None) };
    let proposals: Vec<ProposalRow> = tx
        .fetch_as(
            &format!("SELECT {PROPOSAL_COLUMNS} FROM intake_proposals WHERE intake = $1 ORDER BY n"),
            vec![Arg::I64(Some(id))],
        )
        .await?;
    Ok(Some(Intake {
        id: r.id,
        digest: r.digest,
        lang: r.lang,
        text: if text { Some(r.text) } else { None },
        submitted_by: r.submitted_by,
        submitted_at: r.submitted_at,
        report: serde_json::from_str(&r.report).map_err(corrupt)?,
        proposals: proposals.into_iter().map(ProposalRow::into_proposal).collect::<Result<_>>()?,
    }))
}

fn not_found(id: i64) -> StoreError {
    StoreError::NotFound(format!("intake {id}"))
}

/// `proposals.{k}.` before each problem's place: which proposal of the request broke it.
fn at_proposal(k: usize, e: StoreError) -> StoreError {
    match e {
        StoreError::Invalid(ps) => StoreError::Invalid(
            ps.into_iter()
                .map(|p| Problem { at: format!("proposals.{k}.{}", p.at).trim_end_matches('.').to_string(), ..p })
                .collect(),
        ),
        other => other,
    }
}

/// The proposals named by the request: each must exist and be pending, and be named once.
fn check_pending(intake: &Intake, indices: &[u64]) -> Result<()> {
    let mut problems = Vec::new();
    for (k, n) in indices.iter().enumerate() {
        let at = format!("proposals.{k}");
        match intake.proposals.iter().find(|p| p.index == *n) {
            None => problems.push(Problem::new(
                at,
                Message::new("intake-review-no-proposal").arg("index", *n).arg("count", intake.proposals.len()),
            )),
            Some(p) if p.state != ProposalState::Pending => problems.push(Problem::new(
                at,
                Message::new("intake-review-not-pending").arg("index", *n).arg("state", p.state.as_str()),
            )),
            Some(_) if indices[..k].contains(n) => {
                problems.push(Problem::new(at, Message::new("intake-review-twice").arg("index", *n)))
            }
            Some(_) => {}
        }
    }
    if problems.is_empty() { Ok(()) } else { Err(StoreError::Invalid(problems)) }
}

impl<B: Backend> SqlStore<B> {
    /// Keeps a text for review with what intake proposed in it, every proposal pending.
    /// Audited (the text's digest, language and the number of proposals; not the text).
    pub async fn submit_intake(&self, new: NewIntake, actor: &str) -> Result<Intake> {
        let digest = format!("{:x}", Sha256::digest(new.text.as_bytes()));
        let mut w = self.write(actor).await?;
        let next: Vec<i64> = w.tx.fetch_scalar("SELECT COALESCE(MAX(id), 0) + 1 FROM intakes", vec![]).await?;
        let id = *next.first().ok_or_else(|| corrupt("no next intake id"))?;
        w.tx.exec(
            "INSERT INTO intakes (id, digest, lang, text, submitted_by, submitted_at, report) VALUES ($1, $2, $3, $4, $5, $6, $7)",
            vec![
                Arg::I64(Some(id)),
                digest.as_str().into(),
                new.lang.as_str().into(),
                new.text.as_str().into(),
                w.actor.as_str().into(),
                w.at.as_str().into(),
                canonical_json(&new.report).into(),
            ],
        )
        .await?;
        for (n, p) in new.proposals.iter().enumerate() {
            w.tx.exec(
                "INSERT INTO intake_proposals (intake, n, proposal, state) VALUES ($1, $2, $3, 'pending')",
                vec![Arg::I64(Some(id)), Arg::I64(Some(n as i64)), canonical_json(p).into()],
            )
            .await?;
        }
        let after = json!({"digest": digest, "lang": new.lang, "proposals": new.proposals.len()});
        w.audit("submit", "intake", &format!("intake-{id}"), None, Some(after)).await?;
        let intake = read_intake(&mut w.tx, id, true).await?.ok_or_else(|| not_found(id))?;
        w.finish().await?;
        Ok(intake)
    }

    /// Every intake kept, newest first, without their texts.
    pub async fn list_intakes(&self) -> Result<Vec<Intake>> {
        let mut tx = self.read().await?;
        let ids: Vec<i64> = tx.fetch_scalar("SELECT id FROM intakes ORDER BY id DESC", vec![]).await?;
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            out.push(read_intake(&mut tx, id, false).await?.ok_or_else(|| not_found(id))?);
        }
        Ok(out)
    }

    /// One intake with its text.
    pub async fn get_intake(&self, id: i64) -> Result<Intake> {
        let mut tx = self.read().await?;
        read_intake(&mut tx, id, true).await?.ok_or_else(|| not_found(id))
    }

    /// Accepts proposals of intake `id`, all or nothing, in one transaction: `document` (the
    /// record the text becomes) first when given and not stored yet, then each acceptance's
    /// record through [`SqlStore::put_in`]. One refused record and nothing is written; the
    /// problems name the acceptance (`proposals.{k}`, its place in `accepts`) and the field.
    pub async fn accept_intake(
        &self,
        id: i64,
        document: Option<RecordWrite>,
        accepts: Vec<Acceptance>,
        actor: &str,
    ) -> Result<Intake> {
        if accepts.is_empty() {
            return invalid("proposals", "intake-review-none");
        }
        let mut w = self.write(actor).await?;
        let intake = read_intake(&mut w.tx, id, false).await?.ok_or_else(|| not_found(id))?;
        check_pending(&intake, &accepts.iter().map(|a| a.index).collect::<Vec<_>>())?;
        if let Some(d) = document
            && read_record(&mut w.tx, d.kind, &d.id).await?.is_none()
        {
            self.put_in(&mut w, d, None).await.map_err(|e| match e {
                StoreError::Invalid(ps) => StoreError::Invalid(
                    ps.into_iter().map(|p| Problem { at: format!("document.{}", p.at), ..p }).collect(),
                ),
                other => other,
            })?;
        }
        for (k, a) in accepts.into_iter().enumerate() {
            let record = match a.record {
                Some(write) => {
                    let id = write.id.clone();
                    let kind = write.kind;
                    match self.put_in(&mut w, write, None).await {
                        Ok(_) => RecordRef { kind, id },
                        Err(StoreError::Conflict { .. }) => {
                            return Err(StoreError::Invalid(vec![Problem::new(
                                format!("proposals.{k}.edits.id"),
                                Message::new("intake-review-id-taken").arg("id", id),
                            )]));
                        }
                        Err(e) => return Err(at_proposal(k, e)),
                    }
                }
                None => match a.matched {
                    Some(m) if read_record(&mut w.tx, m.kind, &m.id).await?.is_some() => m,
                    Some(m) => {
                        return Err(StoreError::Invalid(vec![Problem::new(
                            format!("proposals.{k}.matches"),
                            Message::new("intake-review-no-match").arg("id", m.id),
                        )]));
                    }
                    None => return invalid(format!("proposals.{k}"), "intake-review-nothing-to-accept"),
                },
            };
            let edits = canonical_json(&a.edits);
            w.tx.exec(
                "UPDATE intake_proposals SET state = 'accepted', record_kind = $1, record_id = $2, document = $3, edits = $4, reviewed_by = $5, reviewed_at = $6 WHERE intake = $7 AND n = $8",
                vec![
                    record.kind.as_str().into(),
                    record.id.as_str().into(),
                    a.document.as_str().into(),
                    edits.into(),
                    w.actor.as_str().into(),
                    w.at.as_str().into(),
                    Arg::I64(Some(id)),
                    Arg::I64(Some(a.index as i64)),
                ],
            )
            .await?;
            let p = intake.proposals.iter().find(|p| p.index == a.index).map(|p| &p.proposal);
            let after = json!({
                "proposal": a.index,
                "record": {"kind": record.kind.as_str(), "id": record.id},
                "document": a.document,
                "span": p.and_then(|p| p.get("span")),
                "quote": p.and_then(|p| p.get("quote")),
                "edits": a.edits,
            });
            w.audit("accept", "intake", &format!("intake-{id}"), None, Some(after)).await?;
        }
        let intake = read_intake(&mut w.tx, id, false).await?.ok_or_else(|| not_found(id))?;
        w.finish().await?;
        Ok(intake)
    }

    /// Rejects proposals of intake `id`, all or none, keeping who, when and `reason` (which
    /// must say something). A rejected proposal is not accepted later: submit the text again.
    pub async fn reject_intake(&self, id: i64, indices: &[u64], reason: &str, actor: &str) -> Result<Intake> {
        if indices.is_empty() {
            return invalid("proposals", "intake-review-none");
        }
        if reason.trim().is_empty() {
            return invalid("reason", "intake-review-reason-required");
        }
        let mut w = self.write(actor).await?;
        let intake = read_intake(&mut w.tx, id, false).await?.ok_or_else(|| not_found(id))?;
        check_pending(&intake, indices)?;
        for n in indices {
            w.tx.exec(
                "UPDATE intake_proposals SET state = 'rejected', reason = $1, reviewed_by = $2, reviewed_at = $3 WHERE intake = $4 AND n = $5",
                vec![reason.trim().into(), w.actor.as_str().into(), w.at.as_str().into(), Arg::I64(Some(id)), Arg::I64(Some(*n as i64))],
            )
            .await?;
        }
        let after = json!({"proposals": indices, "reason": reason.trim()});
        w.audit("reject", "intake", &format!("intake-{id}"), None, Some(after)).await?;
        let intake = read_intake(&mut w.tx, id, false).await?.ok_or_else(|| not_found(id))?;
        w.finish().await?;
        Ok(intake)
    }
}
