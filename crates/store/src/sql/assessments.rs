//! The assessments' workflow: each step checked by the domain's state machine
//! (`tahawul_domain::workflow`), kept in `assessment_steps` and audited.

use tahawul_domain::workflow::{WorkflowAction, WorkflowStep, next_state};
use tahawul_domain::{Assessment, AssessmentState, Party, PartyRole};

use super::*;
use crate::Assessments;
use crate::error::workflow_message;

/// A row of `assessment_steps`.
#[derive(sqlx::FromRow)]
struct StepRow {
    n: i64,
    action: String,
    state: String,
    actor: String,
    at: String,
}

/// The workflow state a stored or written assessment body holds.
pub(super) fn assessment_state(body: &Value) -> Result<AssessmentState> {
    serde_json::from_value(body.get("state").cloned().unwrap_or(Value::Null)).map_err(|e| {
        StoreError::Invalid(vec![Problem::new(
            "body.state",
            Message::new("store-state-unreadable").arg("reason", e.to_string()),
        )])
    })
}

/// The steps taken on an assessment, oldest first.
async fn read_steps<T: Tx>(tx: &mut T, id: &str) -> Result<Vec<WorkflowStep>> {
    let rows: Vec<StepRow> = tx
        .fetch_as(
            "SELECT n, action, state, actor, at FROM assessment_steps WHERE assessment = $1 ORDER BY n",
            vec![id.into()],
        )
        .await?;
    rows.into_iter()
        .map(|r| {
            Ok(WorkflowStep {
                n: r.n,
                action: serde_json::from_str(&r.action).map_err(corrupt)?,
                state: serde_json::from_value(Value::String(r.state)).map_err(corrupt)?,
                actor: r.actor,
                at: r.at,
            })
        })
        .collect()
}

impl<B: Backend> Assessments for SqlStore<B> {
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
}
