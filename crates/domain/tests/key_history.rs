//! The heads' key history on the founding case (issue 12): a head registers a key with proof
//! of possession, for their own party only; rotation keeps old signatures valid; a key used
//! outside its validity is refused; the bundle carries the history; a commitment added to a
//! signed round stays outside the signed minutes.

use std::path::Path;

use tahawul_domain::keys::{self, Acting, KeyProblem};
use tahawul_domain::minutes::{self, MinutesState, Refusal, SecretKey, SignatureState};
use tahawul_domain::{Case, Id};

fn founding() -> Case {
    tahawul_domain::load(Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/iraq-hmc"))).unwrap()
}

fn id(s: &str) -> Id {
    Id::parse(s).unwrap()
}

fn iq_head() -> Acting {
    Acting { user: "iq-head".into(), head_of: Some("iq".into()) }
}

fn ts(s: &str) -> jiff::Timestamp {
    s.parse().unwrap()
}

/// Registers `key` for thabet-al-abbasi as `acting`, with a proof over the challenge.
fn register(case: &Case, acting: &Acting, key: &SecretKey, at: &str) -> Result<tahawul_domain::Person, KeyProblem> {
    let nonce = "00112233445566778899aabbccddeeff";
    let proof = key.sign(&keys::challenge(&case.id, &id("thabet-al-abbasi"), &key.public(), nonce));
    keys::register(case, "thabet-al-abbasi", acting, key.public(), nonce, proof, ts(at))
}

fn replace_person(case: &mut Case, p: tahawul_domain::Person) {
    let i = case.people.iter().position(|x| x.id == p.id).unwrap();
    case.people[i] = p;
}

#[test]
fn only_a_head_of_the_persons_own_party_registers_and_only_with_proof() {
    let case = founding();
    let k = SecretKey::from_seed([9; 32]);
    let secretariat = Acting { user: "sec".into(), head_of: None };
    let us_head = Acting { user: "us-head".into(), head_of: Some("us".into()) };
    let who = |p: &str| KeyProblem::NotTheirHead { person: p.into() };
    assert_eq!(register(&case, &secretariat, &k, "2026-01-01T00:00:00Z").unwrap_err(), who("thabet-al-abbasi"));
    assert_eq!(register(&case, &us_head, &k, "2026-01-01T00:00:00Z").unwrap_err(), who("thabet-al-abbasi"));
    // A proof made by another key, or over other bytes, does not register.
    let other = SecretKey::from_seed([10; 32]);
    let nonce = "n1";
    let proof = other.sign(&keys::challenge(&case.id, &id("thabet-al-abbasi"), &k.public(), nonce));
    assert_eq!(
        keys::register(&case, "thabet-al-abbasi", &iq_head(), k.public(), nonce, proof, ts("2026-01-01T00:00:00Z"))
            .unwrap_err(),
        KeyProblem::ProofDoesNotVerify
    );
    // A key already in someone's history is not registered again.
    let celeste = keys::current(case.person("celeste-wallander").unwrap()).unwrap();
    let mut taken = case.clone();
    let mut p = case.person("celeste-wallander").unwrap().clone();
    p.public_key = Some(k.public());
    replace_person(&mut taken, p);
    assert!(matches!(register(&taken, &iq_head(), &k, "2026-01-01T00:00:00Z"), Err(KeyProblem::KeyInUse { .. })));
    assert_ne!(celeste, k.public());
    assert!(register(&case, &iq_head(), &k, "2026-01-01T00:00:00Z").is_ok());
}

#[test]
fn rotation_keeps_old_signatures_and_a_new_key_cannot_sign_the_past() {
    let mut case = founding();
    let new = SecretKey::from_seed([12; 32]);
    let p = register(&case, &iq_head(), &new, "2026-01-01T00:00:00Z").unwrap();
    assert_eq!(p.keys.len(), 2, "the bundle's key kept, retired");
    assert_eq!(p.keys[0].retired_by.as_deref(), Some("iq-head"));
    assert_eq!(keys::current(&p), Some(new.public()));
    replace_person(&mut case, p);
    let jscd1 = case.round("jscd-1").unwrap().clone();
    assert_eq!(minutes::check(&case, &jscd1).state, MinutesState::Verified { heads: 2 });

    // The new key signing the 2023 minutes "in 2023" is refused; so is a stranger's key.
    let mut back = jscd1.clone();
    let i = back.signatures.iter().position(|s| s.person.as_str() == "thabet-al-abbasi").unwrap();
    back.signatures[i] = minutes::sign(&case, &jscd1, &id("thabet-al-abbasi"), &new, ts("2023-08-08T12:00:00Z"));
    assert_eq!(minutes::check(&case, &back).signatures[i].1, SignatureState::Refused(Refusal::KeyNotValidThen));
    back.signatures[i] = minutes::sign(
        &case,
        &jscd1,
        &id("thabet-al-abbasi"),
        &SecretKey::from_seed([13; 32]),
        ts("2026-06-01T00:00:00Z"),
    );
    assert_eq!(minutes::check(&case, &back).signatures[i].1, SignatureState::Refused(Refusal::WrongKey));
    // Signed now with the new key: valid.
    back.signatures[i] = minutes::sign(&case, &jscd1, &id("thabet-al-abbasi"), &new, ts("2026-06-01T00:00:00Z"));
    assert_eq!(minutes::check(&case, &back).signatures[i].1, SignatureState::Valid);

    // The bundle carries the history: write, load, same keys; a doctored proof is refused.
    let dir = tempfile::tempdir().unwrap();
    tahawul_domain::bundle::write(&case, dir.path()).unwrap();
    let loaded = tahawul_domain::bundle::load(dir.path()).unwrap();
    assert_eq!(loaded.person("thabet-al-abbasi").unwrap().keys, case.person("thabet-al-abbasi").unwrap().keys);
    let mut doctored = case.clone();
    let i = doctored.people.iter().position(|p| p.id.as_str() == "thabet-al-abbasi").unwrap();
    doctored.people[i].keys[1].proof = Some(new.sign(b"not the challenge"));
    let problems = tahawul_domain::bundle::check(&doctored);
    assert!(problems.iter().any(|d| d.message.id == "keys-bad-history"), "{problems:?}");
}

#[test]
fn an_addendum_stays_outside_the_signed_minutes() {
    let mut case = founding();
    let jscd1 = case.round("jscd-1").unwrap().clone();
    let bytes = minutes::canonical(&case, &jscd1);
    let mut c = case.commitments.iter().find(|c| c.round.as_str() == "jscd-1").unwrap().clone();
    c.id = id("late-addition");
    minutes::settle_addendum(Some(&jscd1), None, &mut c);
    assert!(c.addendum, "written to a signed round");
    case.commitments.push(c.clone());
    assert_eq!(minutes::canonical(&case, &jscd1), bytes, "the signed bytes do not change");
    assert_eq!(minutes::check(&case, &jscd1).state, MinutesState::Verified { heads: 2 });
    // A covered commitment stays covered, and cannot be deleted while signed.
    let covered = case.commitments.iter().find(|c| c.round.as_str() == "jscd-1" && !c.addendum).unwrap().clone();
    let mut again = covered.clone();
    minutes::settle_addendum(Some(&jscd1), Some(&covered), &mut again);
    assert!(!again.addendum);
    assert!(minutes::check_commitment_delete(Some(&jscd1), &covered).is_err());
    assert!(minutes::check_commitment_delete(Some(&jscd1), &c).is_ok());
    // Signatures never change by an edit.
    let mut edited = jscd1.clone();
    edited.signatures.pop();
    assert!(minutes::check_round_edit(&jscd1, &edited).is_err());
    let mut edited = jscd1.clone();
    edited.place.en = "Elsewhere".into();
    assert!(minutes::check_round_edit(&jscd1, &edited).is_ok());
    assert!(minutes::check_round_delete(&jscd1).is_err());
}
