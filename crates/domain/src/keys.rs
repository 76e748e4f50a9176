//! The heads' signing keys and their history (issue 12, item 3).
//!
//! A key belongs to a head: the head registers it from their own account with proof of
//! possession (a signature over a server-issued challenge, [`challenge`]); the secretariat may
//! retire (revoke) a key, never install one. Every key a person ever had stays in their
//! history with when it was added and retired and by whom, so a signature verifies against
//! the key that was valid when it was made ([`valid_at`]): rotation never breaks an honest
//! signature, and a key added later never makes an old forged one verify.
//!
//! A person read from a bundle that only states `public_key` (no history) has one key valid
//! from the start of the record ([`history`]); the first registration on the server writes
//! that key into the history as retired.

use serde::{Deserialize, Serialize};
use tahawul_i18n::Message;
pub use tahawul_ledger::signature::{PublicKey, Signature};

use crate::model::*;

/// The version tag inside a registration challenge.
pub const CHALLENGE_VERSION: &str = "tahawul-key-registration/1";

/// Who added a key that a bundle states without history.
pub const FROM_BUNDLE: &str = "bundle";

/// One key in a person's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeyEntry {
    /// The public key.
    pub key: PublicKey,
    /// When it was registered (`None`: valid from the start of the record).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub added_at: Option<jiff::Timestamp>,
    /// The account that registered it.
    pub added_by: String,
    /// The server-issued nonce of the challenge the key signed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nonce: Option<String>,
    /// The key's signature over [`challenge`]: proof that the registrant holds the private key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proof: Option<Signature>,
    /// When it stopped being valid for new signatures.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retired_at: Option<jiff::Timestamp>,
    /// Who retired it (the head rotating, or the secretariat revoking).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retired_by: Option<String>,
}

impl KeyEntry {
    /// Whether a signature made at `at` may use this key.
    pub fn valid_at(&self, at: jiff::Timestamp) -> bool {
        self.added_at.is_none_or(|a| a <= at) && self.retired_at.is_none_or(|r| at < r)
    }
}

/// The key's short fingerprint (blake3 of its 32 bytes, first 8 bytes, hex), as signatures
/// record it.
pub fn fingerprint(key: &PublicKey) -> String {
    crate::minutes::fingerprint(&key.to_bytes())
}

/// A person's key history, oldest first (a bundle's bare `public_key` as one entry valid from
/// the start).
pub fn history(p: &Person) -> Vec<KeyEntry> {
    if !p.keys.is_empty() {
        return p.keys.clone();
    }
    p.public_key
        .map(|key| KeyEntry {
            key,
            added_at: None,
            added_by: FROM_BUNDLE.into(),
            nonce: None,
            proof: None,
            retired_at: None,
            retired_by: None,
        })
        .into_iter()
        .collect()
}

/// The key a person signs with now, if any.
pub fn current(p: &Person) -> Option<PublicKey> {
    history(p).into_iter().rev().find(|e| e.retired_at.is_none()).map(|e| e.key)
}

/// What a person's history says of a key used at a time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyValidity {
    /// The key was the person's valid key then.
    Valid,
    /// The person has no key at all.
    NoKey,
    /// The key is not in the person's history.
    Unknown,
    /// The key is the person's, but was not valid then (added later, or retired before).
    NotValidThen,
}

/// Whether `key` was `p`'s valid key at `at`.
pub fn valid_at(p: &Person, key: &PublicKey, at: jiff::Timestamp) -> KeyValidity {
    let h = history(p);
    if h.is_empty() {
        return KeyValidity::NoKey;
    }
    let mine: Vec<&KeyEntry> = h.iter().filter(|e| e.key == *key).collect();
    if mine.is_empty() {
        KeyValidity::Unknown
    } else if mine.iter().any(|e| e.valid_at(at)) {
        KeyValidity::Valid
    } else {
        KeyValidity::NotValidThen
    }
}

/// The bytes a head signs to prove they hold `key` when registering it for `person`: canonical
/// JSON of the version tag, the case, the person, the key and the server's nonce, so a proof
/// cannot be replayed for another person, key, case or challenge.
pub fn challenge(case: &Id, person: &Id, key: &PublicKey, nonce: &str) -> Vec<u8> {
    let v = serde_json::json!({
        "version": CHALLENGE_VERSION,
        "case": case.as_str(),
        "person": person.as_str(),
        "key": key.to_string(),
        "nonce": nonce,
    });
    tahawul_ledger::canonical::to_vec(&v)
}

/// Whether `person` heads `party`'s delegation: the party's head, or a round's head for it.
pub fn heads_party(case: &Case, person: &Id, party: &str) -> bool {
    case.person(person.as_str()).is_some_and(|p| p.party.as_str() == party)
        && (case.party(party).is_some_and(|x| x.head.as_ref() == Some(person))
            || case
                .rounds
                .iter()
                .flat_map(|r| &r.delegations)
                .any(|d| d.party.as_str() == party && d.head.as_ref() == Some(person)))
}

/// Why a key change is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyProblem {
    /// No such person in the shared record.
    UnknownPerson(String),
    /// Only a delegation head registers keys, and only for a head of their own party.
    NotTheirHead { person: String },
    /// The proof does not verify over the challenge with the key.
    ProofDoesNotVerify,
    /// The challenge is unknown, used or expired.
    BadChallenge,
    /// The key is already in someone's history (a key is never registered twice).
    KeyInUse { person: String },
    /// The person has no valid key with that fingerprint to retire.
    NoSuchActiveKey { person: String },
    /// A record edit tried to change keys.
    EditChangesKeys,
    /// A history that does not hold together (bundle): `index` is the entry's position.
    BadHistory { person: String, index: usize, reason: &'static str },
}

impl KeyProblem {
    /// The JSON pointer (request or record body) at fault.
    pub fn pointer(&self) -> &'static str {
        match self {
            KeyProblem::UnknownPerson(_) | KeyProblem::NotTheirHead { .. } => "/person",
            KeyProblem::ProofDoesNotVerify => "/proof",
            KeyProblem::BadChallenge => "/nonce",
            KeyProblem::KeyInUse { .. } | KeyProblem::NoSuchActiveKey { .. } => "/key",
            KeyProblem::EditChangesKeys => "/body/keys",
            KeyProblem::BadHistory { .. } => "/keys",
        }
    }

    /// What is wrong and how to fix it, in the user's language.
    pub fn message(&self) -> Message {
        match self {
            KeyProblem::UnknownPerson(p) => Message::new("keys-unknown-person").arg("person", p.as_str()),
            KeyProblem::NotTheirHead { person } => Message::new("keys-not-their-head").arg("person", person.as_str()),
            KeyProblem::ProofDoesNotVerify => Message::new("keys-proof-does-not-verify"),
            KeyProblem::BadChallenge => Message::new("keys-bad-challenge"),
            KeyProblem::KeyInUse { person } => Message::new("keys-key-in-use").arg("person", person.as_str()),
            KeyProblem::NoSuchActiveKey { person } => {
                Message::new("keys-no-such-active-key").arg("person", person.as_str())
            }
            KeyProblem::EditChangesKeys => Message::new("keys-edit-changes-keys"),
            KeyProblem::BadHistory { person, index, reason } => Message::new("keys-bad-history")
                .arg("person", person.as_str())
                .arg("index", *index as u64 + 1)
                .arg("reason", *reason),
        }
    }
}

/// Who is acting, as the store knows them: a delegation head acts for their party.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Acting {
    /// The account's name.
    pub user: String,
    /// The party a delegation head speaks for; `None` for every other role.
    pub head_of: Option<String>,
}

/// Registers `key` for `person` with its proof over the challenge with `nonce`: the acting
/// account must be a delegation head of the person's party and the person a head of it; the
/// previous key is retired at `at`. Returns the person with the new history.
pub fn register(
    case: &Case,
    person: &str,
    acting: &Acting,
    key: PublicKey,
    nonce: &str,
    proof: Signature,
    at: jiff::Timestamp,
) -> Result<Person, KeyProblem> {
    let p = case.person(person).ok_or_else(|| KeyProblem::UnknownPerson(person.to_string()))?;
    let may = acting.head_of.as_deref().is_some_and(|party| heads_party(case, &p.id, party));
    if !may {
        return Err(KeyProblem::NotTheirHead { person: person.to_string() });
    }
    if !key.verifies(&challenge(&case.id, &p.id, &key, nonce), &proof) {
        return Err(KeyProblem::ProofDoesNotVerify);
    }
    if let Some(owner) = case.people.iter().find(|x| history(x).iter().any(|e| e.key == key)) {
        return Err(KeyProblem::KeyInUse { person: owner.id.to_string() });
    }
    let mut out = p.clone();
    let mut h = history(p);
    for e in h.iter_mut().filter(|e| e.retired_at.is_none()) {
        e.retired_at = Some(at);
        e.retired_by = Some(acting.user.clone());
    }
    h.push(KeyEntry {
        key,
        added_at: Some(at),
        added_by: acting.user.clone(),
        nonce: Some(nonce.to_string()),
        proof: Some(proof),
        retired_at: None,
        retired_by: None,
    });
    out.keys = h;
    out.public_key = Some(key);
    Ok(out)
}

/// Who may retire a person's key: the secretariat (revoking a lost or compromised key) or a
/// delegation head of the person's party who heads it (rotating their own). Installing a key
/// is [`register`]'s alone.
pub fn may_retire(case: &Case, person: &Id, acting: &Acting, secretariat: bool) -> bool {
    secretariat || acting.head_of.as_deref().is_some_and(|party| heads_party(case, person, party))
}

/// Retires `person`'s valid key whose fingerprint is `fingerprint` at `at` (a head rotating
/// out, or the secretariat revoking): signatures made before stay valid; none after is.
pub fn retire(p: &Person, fingerprint_: &str, by: &str, at: jiff::Timestamp) -> Result<Person, KeyProblem> {
    let mut h = history(p);
    let e = h
        .iter_mut()
        .find(|e| e.retired_at.is_none() && (fingerprint(&e.key) == fingerprint_ || e.key.to_string() == fingerprint_))
        .ok_or_else(|| KeyProblem::NoSuchActiveKey { person: p.id.to_string() })?;
    e.retired_at = Some(at);
    e.retired_by = Some(by.to_string());
    let mut out = p.clone();
    out.keys = h;
    out.public_key = None;
    Ok(out)
}

/// A record edit of a person (`current` is `None` when the edit creates it) never touches keys:
/// a new person has none, an edited one keeps its history and current key exactly.
pub fn check_edit(current: Option<&Person>, new: &Person) -> Result<(), KeyProblem> {
    let same = match current {
        None => new.keys.is_empty() && new.public_key.is_none(),
        Some(c) => c.keys == new.keys && c.public_key == new.public_key,
    };
    if same { Ok(()) } else { Err(KeyProblem::EditChangesKeys) }
}

/// Checks every person's history holds together: proofs verify over their challenge, no entry
/// is retired before it was added, at most one key is valid now and it is `public_key`, and
/// no key belongs to two people.
pub fn check_histories(case: &Case) -> Vec<KeyProblem> {
    let mut out = Vec::new();
    let mut seen: Vec<(PublicKey, &Id)> = Vec::new();
    for p in &case.people {
        let bad =
            |index: usize, reason: &'static str| KeyProblem::BadHistory { person: p.id.to_string(), index, reason };
        for (i, e) in p.keys.iter().enumerate() {
            if let (Some(nonce), Some(proof)) = (&e.nonce, &e.proof)
                && !e.key.verifies(&challenge(&case.id, &p.id, &e.key, nonce), proof)
            {
                out.push(bad(i, "proof"));
            }
            if let (Some(a), Some(r)) = (e.added_at, e.retired_at)
                && r < a
            {
                out.push(bad(i, "retired-before-added"));
            }
            if let Some((_, owner)) = seen.iter().find(|(k, _)| *k == e.key)
                && *owner != &p.id
            {
                out.push(bad(i, "shared"));
            }
            seen.push((e.key, &p.id));
        }
        if !p.keys.is_empty() {
            let active: Vec<&KeyEntry> = p.keys.iter().filter(|e| e.retired_at.is_none()).collect();
            if active.len() > 1 || active.first().map(|e| e.key) != p.public_key {
                out.push(bad(p.keys.len().saturating_sub(1), "current"));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::minutes::SecretKey;

    fn ts(s: &str) -> jiff::Timestamp {
        s.parse().unwrap()
    }

    fn person(key: Option<PublicKey>) -> Person {
        Person {
            id: Id::parse("h").unwrap(),
            name: Text::new("H", "هـ"),
            title: Text::new("", ""),
            party: Id::parse("a").unwrap(),
            sources: vec![],
            public_key: key,
            keys: vec![],
        }
    }

    #[test]
    fn a_retired_key_stays_valid_for_what_it_signed_before() {
        let (old, new) = (SecretKey::from_seed([1; 32]).public(), SecretKey::from_seed([2; 32]).public());
        let mut p = person(Some(old));
        assert_eq!(valid_at(&p, &old, ts("2020-01-01T00:00:00Z")), KeyValidity::Valid);
        p = retire(&p, &fingerprint(&old), "h", ts("2024-01-01T00:00:00Z")).unwrap();
        p.keys.push(KeyEntry {
            key: new,
            added_at: Some(ts("2024-01-01T00:00:00Z")),
            added_by: "h".into(),
            nonce: None,
            proof: None,
            retired_at: None,
            retired_by: None,
        });
        p.public_key = Some(new);
        assert_eq!(valid_at(&p, &old, ts("2023-06-01T00:00:00Z")), KeyValidity::Valid);
        assert_eq!(valid_at(&p, &old, ts("2024-06-01T00:00:00Z")), KeyValidity::NotValidThen);
        assert_eq!(valid_at(&p, &new, ts("2023-06-01T00:00:00Z")), KeyValidity::NotValidThen);
        assert_eq!(valid_at(&p, &new, ts("2024-06-01T00:00:00Z")), KeyValidity::Valid);
        assert_eq!(current(&p), Some(new));
        let stranger = SecretKey::from_seed([3; 32]).public();
        assert_eq!(valid_at(&p, &stranger, ts("2024-06-01T00:00:00Z")), KeyValidity::Unknown);
    }

    #[test]
    fn an_edit_may_not_touch_keys() {
        let k = SecretKey::from_seed([1; 32]).public();
        assert!(check_edit(None, &person(None)).is_ok());
        assert_eq!(check_edit(None, &person(Some(k))), Err(KeyProblem::EditChangesKeys));
        assert_eq!(check_edit(Some(&person(None)), &person(Some(k))), Err(KeyProblem::EditChangesKeys));
        assert!(check_edit(Some(&person(Some(k))), &person(Some(k))).is_ok());
    }
}
