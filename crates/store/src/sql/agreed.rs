//! Agreed content and the heads' keys, enforced where every path writes (issue 12, items 2
//! and 3). The rules are the domain's (`tahawul_domain::{record, minutes, keys}`); this module
//! reads what they need inside the write's transaction and turns their refusals into
//! localized problems.
//!
//! - A submitted or endorsed assessment's body changes only through the workflow.
//! - A round's signatures change only through [`crate::Signing::sign_minutes`], which verifies;
//!   a signed round and the commitments in its signed minutes are not deleted; a commitment
//!   written to a signed round is an addendum, outside the signed minutes.
//! - A person's keys change only through registration by the head (with proof of possession)
//!   and retirement; no record edit touches them.

use tahawul_domain::keys::{self, Acting, KeyProblem};
use tahawul_domain::minutes::{self, AcceptError};
use tahawul_domain::record::{self, Frozen};
use tahawul_domain::{Commitment, Message, Person, PublicKey, Round, Signature};

use super::assessments::assessment_state;
use super::*;
use crate::records::assemble;

/// How long a key-registration challenge may be answered.
const CHALLENGE_TTL: jiff::SignedDuration = jiff::SignedDuration::from_secs(600);

/// A refusal with its place and its message (localized by whoever shows it).
pub(super) fn refused(at: &str, m: Message) -> StoreError {
    StoreError::Invalid(vec![Problem::new(at, m)])
}

fn frozen(f: Frozen) -> StoreError {
    refused(&f.pointer().trim_start_matches('/').replace('/', "."), f.message())
}

fn key_problem(p: KeyProblem) -> StoreError {
    refused(&p.pointer().trim_start_matches('/').replace('/', "."), p.message())
}

fn parse<T: serde::de::DeserializeOwned>(v: &Value) -> Result<T> {
    tahawul_domain::rules::read::<T>(v).map_err(crate::error::violations)
}

/// The round a commitment belongs to, as stored (`None` if there is none).
async fn round_of<T: Tx>(tx: &mut T, id: &str) -> Result<Option<Round>> {
    match read_record(tx, RecordKind::Round, id).await? {
        Some(r) => Ok(Some(serde_json::from_value(r.body).map_err(corrupt)?)),
        None => Ok(None),
    }
}

/// Fields a body leaves out that only the domain's own routes write (signatures, keys) keep
/// their stored values, so an edit of the rest need not repeat them.
fn carry_over(current: Option<&Record>, body: &mut Value, fields: &[&str]) {
    if let (Some(Value::Object(old)), Value::Object(new)) = (current.map(|c| &c.body), body) {
        for k in fields {
            if !new.contains_key(*k)
                && let Some(v) = old.get(*k)
            {
                new.insert((*k).to_string(), v.clone());
            }
        }
    }
}

/// Checks a record write against the rules on agreed content and keys, before it is stored;
/// may settle what the domain decides rather than the writer (a commitment's `addendum`, a
/// person's keys when the body leaves them out).
pub(super) async fn check_put<T: Tx>(
    tx: &mut T,
    kind: RecordKind,
    current: Option<&Record>,
    body: &mut Value,
) -> Result<()> {
    match kind {
        RecordKind::Assessment => {
            if let Some(c) = current {
                let state = assessment_state(&c.body)?;
                record::check_assessment_edit(state, c.body != *body).map_err(frozen)?;
            }
        }
        RecordKind::Round => {
            carry_over(current, body, &["signatures"]);
            let new: Round = parse(body)?;
            match current {
                None => minutes::check_round_create(&new),
                Some(c) => minutes::check_round_edit(&parse(&c.body)?, &new),
            }
            .map_err(frozen)?;
        }
        RecordKind::Person => {
            // A body that leaves keys out keeps the stored ones: editing a name needs no key.
            carry_over(current, body, &["keys", "public_key"]);
            let new: Person = parse(body)?;
            let old: Option<Person> = current.map(|c| parse(&c.body)).transpose()?;
            keys::check_edit(old.as_ref(), &new).map_err(key_problem)?;
        }
        RecordKind::Commitment => {
            let mut new: Commitment = parse(body)?;
            let old: Option<Commitment> = current.map(|c| parse(&c.body)).transpose()?;
            let round = round_of(tx, new.round.as_str()).await?;
            minutes::settle_addendum(round.as_ref(), old.as_ref(), &mut new);
            if let Value::Object(m) = body {
                if new.addendum {
                    m.insert("addendum".into(), Value::Bool(true));
                } else {
                    m.remove("addendum");
                }
            }
        }
        _ => {}
    }
    Ok(())
}

/// Checks a delete against the rules on agreed content.
pub(super) async fn check_delete<T: Tx>(tx: &mut T, current: &Record) -> Result<()> {
    match current.kind {
        RecordKind::Assessment => {
            record::check_assessment_delete(assessment_state(&current.body)?).map_err(frozen)?;
        }
        RecordKind::Round => minutes::check_round_delete(&parse(&current.body)?).map_err(frozen)?,
        RecordKind::Commitment => {
            let c: Commitment = parse(&current.body)?;
            let round = round_of(tx, c.round.as_str()).await?;
            minutes::check_commitment_delete(round.as_ref(), &c).map_err(frozen)?;
        }
        RecordKind::Person => {
            let p: Person = parse(&current.body)?;
            if !keys::history(&p).is_empty() {
                return Err(refused("id", Message::new("keys-person-with-keys-deleted")));
            }
        }
        _ => {}
    }
    Ok(())
}

/// Who `name` acts for, from the stored account: a delegation head acts for their party.
async fn acting<T: Tx>(tx: &mut T, name: &str) -> Result<(Acting, Option<User>)> {
    let user = read_user(tx, name).await?.map(|(u, _)| u).filter(|u| !u.disabled);
    let head_of = user.as_ref().filter(|u| u.role == Role::DelegationHead).and_then(|u| u.party.clone());
    Ok((Acting { user: name.to_string(), head_of }, user))
}

/// The commission's shared record: the case without any delegation's unshared draft, which
/// is what both heads sign.
fn commission_case(records: &[Record]) -> Result<Case> {
    let shared: Vec<&Record> = records.iter().filter(|r| r.shared || r.kind == RecordKind::Case).collect();
    let mut recs: Vec<(RecordKind, i64, Value)> =
        shared.iter().enumerate().map(|(i, r)| (r.kind, i as i64, r.body.clone())).collect();
    recs.sort_by_key(|(k, i, _)| (RecordKind::ALL.iter().position(|x| x == k), *i));
    assemble(recs.into_iter().map(|(k, _, b)| (k, b)).collect(), vec![])
}

impl<B: Backend> SqlStore<B> {
    /// Writes a person whose keys changed, audited as `action`.
    async fn write_person(&self, mut w: Writer<B::Tx>, current: Record, new: &Person, action: &str) -> Result<Record> {
        let mut next = current.clone();
        next.body = serde_json::to_value(new).map_err(corrupt)?;
        next.version = current.version + 1;
        next.updated_at = w.at.clone();
        next.updated_by = w.actor.clone();
        update_record(&mut w, &next, current.version).await?;
        w.audit(action, RecordKind::Person.as_str(), &next.id, Some(audit_view(&current)), Some(audit_view(&next)))
            .await?;
        w.finish().await?;
        Ok(next)
    }
}

impl<B: Backend> crate::Signing for SqlStore<B> {
    async fn key_challenge(&self, user: &str) -> Result<String> {
        let nonce = tahawul_ledger::signature::nonce().map_err(|e| corrupt(format!("random source: {e}")))?;
        let mut w = self.write(user).await?;
        // Old challenges go as new ones come, so the table stays small.
        let stale = (jiff::Timestamp::now() - CHALLENGE_TTL).to_string();
        w.tx.exec("DELETE FROM key_challenges WHERE created_at < $1", vec![stale.into()]).await?;
        w.tx.exec(
            "INSERT INTO key_challenges (nonce, user_name, created_at) VALUES ($1, $2, $3)",
            vec![nonce.as_str().into(), user.into(), w.at.as_str().into()],
        )
        .await?;
        w.finish().await?;
        Ok(nonce)
    }

    async fn register_key(
        &self,
        user: &str,
        person: &str,
        key: PublicKey,
        nonce: &str,
        proof: Signature,
    ) -> Result<Record> {
        let mut w = self.write(user).await?;
        let (acting, _) = acting(&mut w.tx, user).await?;
        let rows: Vec<String> =
            w.tx.fetch_scalar(
                "SELECT created_at FROM key_challenges WHERE nonce = $1 AND user_name = $2",
                vec![nonce.into(), user.into()],
            )
            .await?;
        let fresh = rows
            .first()
            .and_then(|t| t.parse::<jiff::Timestamp>().ok())
            .is_some_and(|t| jiff::Timestamp::now() - CHALLENGE_TTL <= t);
        if !fresh {
            return Err(key_problem(KeyProblem::BadChallenge));
        }
        let records = read_records(&mut w.tx, None).await?;
        let case = commission_case(&records)?;
        let current = records
            .iter()
            .find(|r| r.kind == RecordKind::Person && r.id == person && r.shared)
            .cloned()
            .ok_or_else(|| key_problem(KeyProblem::UnknownPerson(person.to_string())))?;
        let at = jiff::Timestamp::now();
        let new = keys::register(&case, person, &acting, key, nonce, proof, at).map_err(key_problem)?;
        // The challenge is spent whatever follows.
        w.tx.exec("DELETE FROM key_challenges WHERE nonce = $1", vec![nonce.into()]).await?;
        self.write_person(w, current, &new, "key-register").await
    }

    async fn retire_key(&self, person: &str, fingerprint: &str, actor: &str) -> Result<Record> {
        let mut w = self.write(actor).await?;
        let (acting, user) = acting(&mut w.tx, actor).await?;
        let records = read_records(&mut w.tx, None).await?;
        let case = commission_case(&records)?;
        let current = records
            .iter()
            .find(|r| r.kind == RecordKind::Person && r.id == person)
            .cloned()
            .ok_or_else(|| key_problem(KeyProblem::UnknownPerson(person.to_string())))?;
        let p: Person = parse(&current.body)?;
        let secretariat = user.is_some_and(|u| u.role == Role::Secretariat);
        if !keys::may_retire(&case, &p.id, &acting, secretariat) {
            return Err(key_problem(KeyProblem::NotTheirHead { person: person.to_string() }));
        }
        let new = keys::retire(&p, fingerprint, actor, jiff::Timestamp::now()).map_err(key_problem)?;
        self.write_person(w, current, &new, "key-retire").await
    }

    async fn sign_minutes(&self, round: &str, user: &str, key: PublicKey, signature: Signature) -> Result<Record> {
        let mut w = self.write(user).await?;
        let (acting, _) = acting(&mut w.tx, user).await?;
        let Some(party) = acting.head_of.clone() else {
            return Err(refused("user", Message::new("keys-sign-not-a-head")));
        };
        let records = read_records(&mut w.tx, None).await?;
        let case = commission_case(&records)?;
        let stored = records
            .iter()
            .find(|r| r.kind == RecordKind::Round && r.id == round && r.shared)
            .cloned()
            .ok_or_else(|| StoreError::NotFound(format!("round {round}")))?;
        let r = case.round(round).ok_or_else(|| StoreError::NotFound(format!("round {round}")))?;
        let name = |id: &tahawul_domain::Id| case.person(id.as_str()).map_or(id.to_string(), |p| p.name.en.clone());
        let new = minutes::accept(&case, r, &party, key, signature, jiff::Timestamp::now()).map_err(|e| match e {
            AcceptError::NoDelegation => {
                refused("round", Message::new("record-api-sign-no-delegation").arg("party", party.as_str()))
            }
            AcceptError::HeadNotNamed => {
                refused("round", Message::new("record-api-sign-head-not-named").arg("party", party.as_str()))
            }
            AcceptError::NoRegisteredKey(h) => {
                refused("key", Message::new("record-api-sign-no-registered-key").arg("head", name(&h)))
            }
            AcceptError::WrongKey(h) => refused("key", Message::new("record-api-sign-wrong-key").arg("head", name(&h))),
            AcceptError::DoesNotVerify => refused("signature", Message::new("record-api-sign-does-not-verify")),
            AcceptError::AlreadySigned(h) => {
                refused("signature", Message::new("record-api-sign-already-signed").arg("head", name(&h)))
            }
        })?;
        let mut next = stored.clone();
        // Only the signatures change: the rest of the stored body stays byte for byte.
        if let Value::Object(m) = &mut next.body {
            m.insert("signatures".into(), serde_json::to_value(&new.signatures).map_err(corrupt)?);
        }
        next.version = stored.version + 1;
        next.updated_at = w.at.clone();
        next.updated_by = w.actor.clone();
        update_record(&mut w, &next, stored.version).await?;
        w.audit("minutes-sign", RecordKind::Round.as_str(), round, Some(audit_view(&stored)), Some(audit_view(&next)))
            .await?;
        w.finish().await?;
        Ok(next)
    }
}
