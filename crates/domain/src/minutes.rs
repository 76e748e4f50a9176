//! A round's minutes: their canonical bytes, the heads' Ed25519 signatures over them, and
//! what a check of those signatures finds (see `docs/record.md`).
//!
//! The canonical minutes are canonical JSON ([`tahawul_ledger::canonical`]: sorted keys, no
//! whitespace) of the round's record and the commitments it recorded, tagged with
//! [`VERSION`]. They hold what was agreed and who was there — not the follow-up (commitment
//! status, evidence) nor the record's citations (`sources`), which change after the round
//! without changing what was signed.

use serde_json::{Value, json};
pub use tahawul_ledger::signature::{KeyError, KeyFile, PublicKey, SecretKey, Signature};

use crate::model::*;

/// The version tag inside the canonical minutes; a new form gets a new tag.
pub const VERSION: &str = "tahawul-minutes/1";

/// A short fingerprint of some bytes (the first 8 bytes of their blake3 hash, hex): enough to
/// tell which part of signed minutes changed; not a security measure (the signature is).
pub fn fingerprint(bytes: &[u8]) -> String {
    blake3::hash(bytes).as_bytes()[..8].iter().map(|b| format!("{b:02x}")).collect()
}

fn text(t: &Text) -> Value {
    json!({ "en": t.en, "ar": t.ar })
}

fn ids(v: &[Id]) -> Value {
    Value::Array(v.iter().map(|i| Value::String(i.to_string())).collect())
}

/// The parts of the minutes, each with a label (`round`, `delegation:iq`, `meeting:2`,
/// `decision:ID`, `commitment:ID`), in order.
pub fn parts(case: &Case, round: &Round) -> Vec<(String, Value)> {
    let mut out = vec![(
        "round".to_string(),
        json!({
            "case": case.id.as_str(),
            "id": round.id.as_str(),
            "name": text(&round.name),
            "start": round.start.to_string(),
            "end": round.end.to_string(),
            "place": text(&round.place),
            "framework": round.framework.as_ref().map(text),
        }),
    )];
    for d in &round.delegations {
        out.push((
            format!("delegation:{}", d.party),
            json!({ "party": d.party.as_str(), "head": d.head.as_ref().map(|h| h.as_str()), "members": ids(&d.members), "offices": d.offices.iter().map(text).collect::<Vec<_>>() }),
        ));
    }
    for (i, m) in round.meetings.iter().enumerate() {
        out.push((
            format!("meeting:{}", i + 1),
            json!({ "description": text(&m.description), "participants": ids(&m.participants) }),
        ));
    }
    for d in &round.decisions {
        out.push((format!("decision:{}", d.id), json!({ "id": d.id.as_str(), "text": text(&d.text) })));
    }
    // An addendum was added after signing: linked to the round, not part of what was signed.
    for c in case.commitments.iter().filter(|c| c.round == round.id && !c.addendum) {
        out.push((
            format!("commitment:{}", c.id),
            json!({ "id": c.id.as_str(), "parties": ids(&c.parties), "theme": c.theme.as_str(), "text": text(&c.text), "due": c.due.map(|d| d.to_string()) }),
        ));
    }
    out
}

/// The minutes as one JSON value: the version tag, the round and its commitments.
pub fn value(case: &Case, round: &Round) -> Value {
    let mut round_v = serde_json::Map::new();
    let mut delegations = Vec::new();
    let mut meetings = Vec::new();
    let mut decisions = Vec::new();
    let mut commitments = Vec::new();
    for (label, v) in parts(case, round) {
        match label.split_once(':').map_or(label.as_str(), |(k, _)| k) {
            "round" => {
                if let Value::Object(m) = v {
                    round_v.extend(m);
                }
            }
            "delegation" => delegations.push(v),
            "meeting" => meetings.push(v),
            "decision" => decisions.push(v),
            _ => commitments.push(v),
        }
    }
    let case_id = round_v.remove("case").unwrap_or(Value::Null);
    round_v.insert("delegations".into(), Value::Array(delegations));
    round_v.insert("meetings".into(), Value::Array(meetings));
    round_v.insert("decisions".into(), Value::Array(decisions));
    json!({ "version": VERSION, "case": case_id, "round": Value::Object(round_v), "commitments": commitments })
}

/// The canonical bytes of a round's minutes: what every head signs, on the command line or
/// (later) in the browser.
pub fn canonical(case: &Case, round: &Round) -> Vec<u8> {
    tahawul_ledger::canonical::to_vec(&value(case, round))
}

/// Each part's fingerprint, as `label=hex`, in order.
pub fn fingerprints(case: &Case, round: &Round) -> Vec<String> {
    parts(case, round)
        .into_iter()
        .map(|(label, v)| format!("{label}={}", fingerprint(&tahawul_ledger::canonical::to_vec(&v))))
        .collect()
}

/// Signs a round's minutes as `person` with `key`, at `at`.
pub fn sign(case: &Case, round: &Round, person: &Id, key: &SecretKey, at: jiff::Timestamp) -> MinutesSignature {
    MinutesSignature {
        person: person.clone(),
        key: key.public(),
        key_fingerprint: Some(crate::keys::fingerprint(&key.public())),
        signature: key.sign(&canonical(case, round)),
        signed_at: at,
        parts: fingerprints(case, round),
        illustrative: false,
    }
}

/// How one part of the minutes differs from when they were signed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PartChange {
    /// The part exists in both, with other content now.
    Changed(String),
    /// The part is new since signing.
    Added(String),
    /// The part was there at signing and is gone.
    Removed(String),
}

impl PartChange {
    /// The part's label.
    pub fn label(&self) -> &str {
        match self {
            PartChange::Changed(l) | PartChange::Added(l) | PartChange::Removed(l) => l,
        }
    }
}

/// Why a signature does not count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The signer is not the head of a delegation at this round.
    NotHead,
    /// The signer has no registered key.
    NoRegisteredKey,
    /// The signing key is not in the signer's key history.
    WrongKey,
    /// The key is the signer's, but was not valid when the signature says it was made (added
    /// later, or retired before).
    KeyNotValidThen,
    /// The same head signed twice.
    Duplicate,
}

/// What a check finds about one signature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignatureState {
    /// It verifies over the current minutes with the head's registered key.
    Valid,
    /// It does not count, whatever the minutes say.
    Refused(Refusal),
    /// It does not verify over the current minutes: they changed after signing (the parts
    /// that changed, when the signature recorded fingerprints; empty if none differ, which
    /// means the signature itself was altered).
    Tampered(Vec<PartChange>),
}

/// The state of a round's minutes as a whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MinutesState {
    /// No signature.
    Unsigned,
    /// Some named heads signed, validly; `signed` of `heads`.
    Partial { signed: usize, heads: usize },
    /// Every named head signed and every signature verifies.
    Verified { heads: usize },
    /// A signature is refused (wrong key, not a head).
    Refused,
    /// A signature does not verify over the current minutes.
    Tampered,
}

/// The check of a round's minutes.
#[derive(Debug, Clone)]
pub struct MinutesCheck {
    /// The round.
    pub round: Id,
    /// Heads named for this round's delegations, in delegation order.
    pub heads: Vec<Id>,
    /// Delegations whose head the record does not name.
    pub unnamed_heads: Vec<Id>,
    /// Each signature and what the check found.
    pub signatures: Vec<(MinutesSignature, SignatureState)>,
    /// Overall.
    pub state: MinutesState,
}

/// The heads a round's minutes need: each delegation's named head.
pub fn heads(round: &Round) -> Vec<Id> {
    round.delegations.iter().filter_map(|d| d.head.clone()).collect()
}

/// Checks every signature on a round's minutes against the current record.
pub fn check(case: &Case, round: &Round) -> MinutesCheck {
    let heads = heads(round);
    let unnamed_heads = round.delegations.iter().filter(|d| d.head.is_none()).map(|d| d.party.clone()).collect();
    let bytes = canonical(case, round);
    let now = fingerprints(case, round);
    let mut seen: Vec<&Id> = Vec::new();
    let mut signatures = Vec::new();
    for s in &round.signatures {
        use crate::keys::KeyValidity;
        let validity = case.person(s.person.as_str()).map(|p| crate::keys::valid_at(p, &s.key, s.signed_at));
        let fingerprint_ok = s.key_fingerprint.as_ref().is_none_or(|f| *f == crate::keys::fingerprint(&s.key));
        let state = if !heads.contains(&s.person) {
            SignatureState::Refused(Refusal::NotHead)
        } else if seen.contains(&&s.person) {
            SignatureState::Refused(Refusal::Duplicate)
        } else if matches!(validity, None | Some(KeyValidity::NoKey)) {
            SignatureState::Refused(Refusal::NoRegisteredKey)
        } else if validity == Some(KeyValidity::Unknown) || !fingerprint_ok {
            SignatureState::Refused(Refusal::WrongKey)
        } else if validity == Some(KeyValidity::NotValidThen) {
            SignatureState::Refused(Refusal::KeyNotValidThen)
        } else if s.key.verifies(&bytes, &s.signature) {
            SignatureState::Valid
        } else {
            SignatureState::Tampered(diff(&s.parts, &now))
        };
        seen.push(&s.person);
        signatures.push((s.clone(), state));
    }
    let valid = signatures.iter().filter(|(_, st)| *st == SignatureState::Valid).count();
    let state = if signatures.iter().any(|(_, st)| matches!(st, SignatureState::Tampered(_))) {
        MinutesState::Tampered
    } else if signatures.iter().any(|(_, st)| matches!(st, SignatureState::Refused(_))) {
        MinutesState::Refused
    } else if signatures.is_empty() {
        MinutesState::Unsigned
    } else if valid == heads.len() {
        MinutesState::Verified { heads: heads.len() }
    } else {
        MinutesState::Partial { signed: valid, heads: heads.len() }
    };
    MinutesCheck { round: round.id.clone(), heads, unnamed_heads, signatures, state }
}

/// The parts that differ between fingerprints taken at signing and now.
pub fn diff(then: &[String], now: &[String]) -> Vec<PartChange> {
    let split =
        |s: &String| s.rsplit_once('=').map_or((s.clone(), String::new()), |(l, f)| (l.to_string(), f.to_string()));
    let then: Vec<(String, String)> = then.iter().map(split).collect();
    let now: Vec<(String, String)> = now.iter().map(split).collect();
    let mut out = Vec::new();
    for (label, fp) in &now {
        match then.iter().find(|(l, _)| l == label) {
            None => out.push(PartChange::Added(label.clone())),
            Some((_, old)) if old != fp => out.push(PartChange::Changed(label.clone())),
            Some(_) => {}
        }
    }
    for (label, _) in &then {
        if !now.iter().any(|(l, _)| l == label) {
            out.push(PartChange::Removed(label.clone()));
        }
    }
    out
}

/// Why a signature sent to the server is not kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AcceptError {
    /// The party has no delegation at this round.
    NoDelegation,
    /// The record names no head for the party's delegation at this round.
    HeadNotNamed,
    /// The head has no registered key.
    NoRegisteredKey(Id),
    /// The key is not the head's registered key.
    WrongKey(Id),
    /// The signature does not verify over the current minutes (they changed since the
    /// signer fetched them, or it was made over other bytes).
    DoesNotVerify,
    /// The head's valid signature is already on the minutes.
    AlreadySigned(Id),
}

/// Adds the signature of `party`'s head to a round's minutes, as the server does when a head
/// signs in the browser or with `minutes sign --server`: the key must be the head's registered
/// key and the signature must verify over the current canonical minutes. A head's earlier
/// signature that no longer verifies (the minutes changed after signing) is replaced; a valid
/// one is kept and the new one refused.
pub fn accept(
    case: &Case,
    round: &Round,
    party: &str,
    key: PublicKey,
    signature: Signature,
    at: jiff::Timestamp,
) -> Result<Round, AcceptError> {
    let d = round.delegations.iter().find(|d| d.party.as_str() == party).ok_or(AcceptError::NoDelegation)?;
    let head = d.head.clone().ok_or(AcceptError::HeadNotNamed)?;
    // The head's key valid now: a retired key signs nothing new.
    let registered = case
        .person(head.as_str())
        .and_then(crate::keys::current)
        .ok_or_else(|| AcceptError::NoRegisteredKey(head.clone()))?;
    if registered != key {
        return Err(AcceptError::WrongKey(head));
    }
    if !key.verifies(&canonical(case, round), &signature) {
        return Err(AcceptError::DoesNotVerify);
    }
    let current = check(case, round);
    if current.signatures.iter().any(|(s, st)| s.person == head && *st == SignatureState::Valid) {
        return Err(AcceptError::AlreadySigned(head));
    }
    let mut out = round.clone();
    out.signatures.retain(|s| s.person != head);
    out.signatures.push(MinutesSignature {
        person: head,
        key,
        key_fingerprint: Some(crate::keys::fingerprint(&key)),
        signature,
        signed_at: at,
        parts: fingerprints(case, round),
        illustrative: false,
    });
    Ok(out)
}

/// The full blake3 hash of the canonical minutes (hex), shown beside the bytes so a head can
/// compare what they sign with what the other head signed.
pub fn digest(case: &Case, round: &Round) -> String {
    blake3::hash(&canonical(case, round)).to_hex().to_string()
}

/// A round edit through the record (not the signing route) keeps the signatures exactly as
/// they are: no edit adds, removes or changes one. Covered content may change; the minutes
/// then show which parts changed since signing, and the heads sign again.
pub fn check_round_edit(current: &Round, new: &Round) -> Result<(), crate::record::Frozen> {
    if current.signatures == new.signatures { Ok(()) } else { Err(crate::record::Frozen::SignaturesByEdit) }
}

/// A new round carries no signature: they come only from the signing route.
pub fn check_round_create(new: &Round) -> Result<(), crate::record::Frozen> {
    if new.signatures.is_empty() { Ok(()) } else { Err(crate::record::Frozen::SignaturesByEdit) }
}

/// Deleting a round whose minutes carry signatures is refused.
pub fn check_round_delete(current: &Round) -> Result<(), crate::record::Frozen> {
    if current.signatures.is_empty() { Ok(()) } else { Err(crate::record::Frozen::SignedRoundDeleted) }
}

/// Sets whether a commitment written now is an addendum: one written to a round whose minutes
/// carry signatures, and not already part of them, is an addendum (linked to the round, not in
/// its signed minutes); a commitment already in the signed minutes stays in them (an edit
/// shows as a changed part). `round` is the commitment's round as stored, `current` the
/// commitment as stored (`None` on creation).
pub fn settle_addendum(round: Option<&Round>, current: Option<&Commitment>, new: &mut Commitment) {
    let signed = round.is_some_and(|r| !r.signatures.is_empty());
    new.addendum = match current {
        Some(c) if c.round == new.round => c.addendum,
        _ => signed,
    };
}

/// Deleting a commitment that signed minutes hold is refused.
pub fn check_commitment_delete(round: Option<&Round>, current: &Commitment) -> Result<(), crate::record::Frozen> {
    if !current.addendum && round.is_some_and(|r| !r.signatures.is_empty()) {
        Err(crate::record::Frozen::SignedCommitmentDeleted)
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diff_names_changed_added_and_removed_parts() {
        let then = vec!["round=aa".to_string(), "decision:x=bb".into(), "decision:y=cc".into()];
        let now = vec!["round=aa".to_string(), "decision:x=b2".into(), "commitment:z=dd".into()];
        assert_eq!(
            diff(&then, &now),
            vec![
                PartChange::Changed("decision:x".into()),
                PartChange::Added("commitment:z".into()),
                PartChange::Removed("decision:y".into())
            ]
        );
        assert!(diff(&now, &now).is_empty());
    }
}
