//! Co-signed minutes as a specification: any change to signed minutes is detected and
//! located; a signature by anyone but the round's head, or by a key that is not the head's
//! registered key, is refused; the canonical bytes change with every field they cover.

use std::path::{Path, PathBuf};

use proptest::prelude::*;
use tahawul_domain::minutes::{self, MinutesState, PartChange, Refusal, SecretKey, SignatureState};
use tahawul_domain::{Case, Id, Text};

fn founding() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/iraq-hmc")
}

fn copy_founding() -> tempfile::TempDir {
    fn copy(from: &Path, to: &Path) {
        std::fs::create_dir_all(to).unwrap();
        for e in std::fs::read_dir(from).unwrap() {
            let p = e.unwrap().path();
            let dest = to.join(p.file_name().unwrap());
            if p.is_dir() { copy(&p, &dest) } else { std::fs::copy(&p, &dest).map(|_| ()).unwrap() }
        }
    }
    let dir = tempfile::tempdir().unwrap();
    copy(&founding(), dir.path());
    dir
}

fn edit(dir: &Path, file: &str, find: &str, replace: &str) {
    let path = dir.join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(find), "{find:?} not in {file}");
    std::fs::write(&path, text.replacen(find, replace, 1)).unwrap();
}

#[test]
fn changing_a_decision_after_signing_is_detected_and_names_the_round_and_the_decision() {
    let dir = copy_founding();
    edit(
        dir.path(),
        "rounds.toml",
        "Both delegations commit to forming a US–Iraq Higher Military Commission",
        "Both delegations consider forming a US–Iraq Higher Military Commission",
    );
    let problems = tahawul_domain::load(dir.path()).expect_err("tampered minutes fail the ordinary load");
    assert_eq!(problems.len(), 2, "one per signature on JSCD 1: {problems:#?}");
    for p in &problems {
        assert_eq!(p.message.id, "bundle-minutes-tampered");
        assert_eq!(p.file, "rounds.toml");
        assert!(p.message.args.iter().any(|(k, v)| *k == "round" && *v == "jscd-1".into()), "{p:?}");
    }
    let case = tahawul_domain::bundle::load_with_tampered_minutes(dir.path()).expect("kept for minutes verify");
    let check = minutes::check(&case, case.round("jscd-1").unwrap());
    assert_eq!(check.state, MinutesState::Tampered);
    for (_, state) in &check.signatures {
        assert_eq!(state, &SignatureState::Tampered(vec![PartChange::Changed("decision:jscd1-form-hmc".into())]));
    }
    // The other round is untouched.
    assert_eq!(minutes::check(&case, case.round("jscd-2").unwrap()).state, MinutesState::Verified { heads: 1 });
}

#[test]
fn changing_a_commitment_of_the_round_after_signing_is_detected() {
    let dir = copy_founding();
    edit(dir.path(), "commitments.toml", "Iraq will protect the personnel", "Iraq may protect the personnel");
    let case = tahawul_domain::bundle::load_with_tampered_minutes(dir.path()).unwrap();
    let check = minutes::check(&case, case.round("jscd-1").unwrap());
    assert_eq!(
        check.signatures[0].1,
        SignatureState::Tampered(vec![PartChange::Changed("commitment:r1-protect-personnel".into())])
    );
}

#[test]
fn follow_up_and_citations_do_not_touch_signed_minutes() {
    let dir = copy_founding();
    // A commitment's status moves on after the round; the record cites another source.
    edit(dir.path(), "commitments.toml", "status = 2", "status = 3");
    edit(dir.path(), "rounds.toml", "minutes_signed = true", "minutes_signed = false");
    let case = tahawul_domain::load(dir.path()).expect("still verifies");
    assert_eq!(minutes::check(&case, case.round("jscd-1").unwrap()).state, MinutesState::Verified { heads: 2 });
}

fn founding_case() -> Case {
    tahawul_domain::load(&founding()).unwrap_or_else(|d| panic!("{d:#?}"))
}

#[test]
fn a_signature_by_a_key_that_is_not_the_heads_registered_key_is_refused() {
    let mut case = founding_case();
    let round = case.round("jscd-1").unwrap().clone();
    let forger = SecretKey::from_seed([9; 32]);
    let sig = minutes::sign(
        &case,
        &round,
        &Id::parse("thabet-al-abbasi").unwrap(),
        &forger,
        "2023-08-08T12:00:00Z".parse().unwrap(),
    );
    case.rounds[0].signatures[0] = sig.clone();
    let check = minutes::check(&case, &case.rounds[0]);
    assert_eq!(check.signatures[0].1, SignatureState::Refused(Refusal::WrongKey));
    assert_eq!(check.state, MinutesState::Refused);
    // Claiming the registered key does not help: the signature does not verify under it.
    let registered = case.person("thabet-al-abbasi").unwrap().public_key.unwrap();
    case.rounds[0].signatures[0].key = registered;
    // (the recorded fingerprint still names the forger's key: refused as the wrong key)
    assert_eq!(minutes::check(&case, &case.rounds[0]).signatures[0].1, SignatureState::Refused(Refusal::WrongKey));
    case.rounds[0].signatures[0].key_fingerprint = Some(tahawul_domain::keys::fingerprint(&registered));
    assert!(
        matches!(minutes::check(&case, &case.rounds[0]).signatures[0].1, SignatureState::Tampered(ref parts) if parts.is_empty())
    );
    // And the loader refuses the bundle, at the key.
    case.rounds[0].signatures[0] = sig;
    let problems = tahawul_domain::bundle::check(&case);
    assert_eq!(problems.iter().map(|d| d.message.id).collect::<Vec<_>>(), ["bundle-signature-wrong-key"]);
}

#[test]
fn a_signature_by_someone_who_is_not_a_head_of_the_round_is_refused() {
    let mut case = founding_case();
    let austin = SecretKey::from_seed([11; 32]);
    let i = case.people.iter().position(|p| p.id.as_str() == "lloyd-austin").unwrap();
    case.people[i].public_key = Some(austin.public());
    let round = case.rounds[0].clone();
    let sig = minutes::sign(
        &case,
        &round,
        &Id::parse("lloyd-austin").unwrap(),
        &austin,
        "2023-08-08T12:00:00Z".parse().unwrap(),
    );
    case.rounds[0].signatures.push(sig.clone());
    assert_eq!(minutes::check(&case, &case.rounds[0]).signatures[2].1, SignatureState::Refused(Refusal::NotHead));
    let problems = tahawul_domain::bundle::check(&case);
    assert_eq!(problems.iter().map(|d| d.message.id).collect::<Vec<_>>(), ["bundle-signature-not-head"]);
    // Wallander heads the US delegation at JSCD 1 but not at JSCD 2 (no US head is named there).
    let wallander_sig = case.rounds[0].signatures[1].clone();
    case.rounds[0].signatures.pop();
    case.rounds[1].signatures.push(wallander_sig);
    assert_eq!(minutes::check(&case, &case.rounds[1]).signatures[1].1, SignatureState::Refused(Refusal::NotHead));
}

#[test]
fn a_head_without_a_registered_key_cannot_sign() {
    let mut case = founding_case();
    case.people.iter_mut().find(|p| p.id.as_str() == "celeste-wallander").unwrap().public_key = None;
    assert_eq!(
        minutes::check(&case, &case.rounds[0]).signatures[1].1,
        SignatureState::Refused(Refusal::NoRegisteredKey)
    );
}

#[test]
fn unsigned_and_partly_signed_minutes_have_their_own_states() {
    let mut case = founding_case();
    case.rounds[0].signatures.truncate(1);
    assert_eq!(minutes::check(&case, &case.rounds[0]).state, MinutesState::Partial { signed: 1, heads: 2 });
    case.rounds[0].signatures.clear();
    assert_eq!(minutes::check(&case, &case.rounds[0]).state, MinutesState::Unsigned);
}

#[test]
fn signatures_survive_writing_the_bundle_and_reading_it_back() {
    let case = founding_case();
    let dir = tempfile::tempdir().unwrap();
    tahawul_domain::bundle::write(&case, dir.path()).unwrap();
    let back = tahawul_domain::load(dir.path()).unwrap_or_else(|d| panic!("{d:#?}"));
    assert_eq!(back.rounds[0].signatures, case.rounds[0].signatures);
    assert_eq!(
        back.person("thabet-al-abbasi").unwrap().public_key,
        case.person("thabet-al-abbasi").unwrap().public_key
    );
    assert_eq!(minutes::canonical(&back, &back.rounds[0]), minutes::canonical(&case, &case.rounds[0]));
}

#[test]
fn appending_a_signature_keeps_the_file_and_adds_the_entry_under_its_round() {
    let dir = copy_founding();
    let mut case = tahawul_domain::load(dir.path()).unwrap();
    let round = case.rounds[1].clone();
    // Register a key for a made-up US head of JSCD 2, then append that head's signature.
    let key = SecretKey::from_seed([12; 32]);
    case.people.iter_mut().find(|p| p.id.as_str() == "celeste-wallander").unwrap().public_key = Some(key.public());
    let sig = minutes::sign(
        &case,
        &round,
        &Id::parse("celeste-wallander").unwrap(),
        &key,
        "2024-07-23T12:00:00Z".parse().unwrap(),
    );
    tahawul_domain::bundle::append_signature(dir.path(), "jscd-2", &sig).unwrap();
    let text = std::fs::read_to_string(dir.path().join("rounds.toml")).unwrap();
    assert!(text.contains("# DEMO signature (illustrative). 003 says nothing"), "comments are kept");
    let back = tahawul_domain::bundle::load_with_tampered_minutes(dir.path());
    // Wallander is not a head at JSCD 2 and her registered key differs: refused on load.
    let problems = back.expect_err("refused");
    assert!(problems.iter().all(|d| d.message.id == "bundle-signature-not-head"), "{problems:#?}");
    assert!(tahawul_domain::bundle::append_signature(dir.path(), "jscd-9", &sig).is_err());
}

/// One edit to a field the minutes cover.
fn mutate(case: &mut Case, which: u8, s: &str) {
    let s = format!("{s}\u{200b}");
    let r = &mut case.rounds[0];
    let t = |t: &mut Text, en: bool, s: &str| {
        if en { t.en.push_str(s) } else { t.ar.push_str(s) }
    };
    match which % 20 {
        0 => t(&mut r.name, true, &s),
        1 => t(&mut r.name, false, &s),
        2 => r.start = r.start.yesterday().unwrap(),
        3 => r.end = r.end.tomorrow().unwrap(),
        4 => t(&mut r.place, false, &s),
        5 => r.framework = None,
        6 => r.delegations[0].head = None,
        7 => r.delegations[1].members.push(Id::parse("lloyd-austin").unwrap()),
        8 => r.delegations[0].offices.pop().map_or((), |_| ()),
        9 => r.delegations.swap(0, 1),
        10 => t(&mut r.meetings[1].description, true, &s),
        11 => r.meetings[0].participants.pop().map_or((), |_| ()),
        12 => t(&mut r.decisions[2].text, false, &s),
        13 => r.decisions[0].id = Id::parse("jscd1-other").unwrap(),
        14 => r.decisions.swap(1, 2),
        15 => t(&mut case.commitments[0].text, true, &s),
        16 => case.commitments[1].parties.pop().map_or((), |_| ()),
        17 => case.commitments[2].theme = Id::parse("other-theme").unwrap(),
        18 => case.commitments[3].due = Some(jiff::civil::date(2030, 1, 1)),
        _ => case.commitments[4].round = Id::parse("jscd-2").unwrap(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn any_change_to_a_covered_field_changes_the_canonical_minutes(which in 0u8..20, s in "[a-zA-Z0-9 ء-ي]{0,12}") {
        let case = founding_case();
        let before = minutes::canonical(&case, &case.rounds[0]);
        let mut edited = case.clone();
        mutate(&mut edited, which, &s);
        let after = minutes::canonical(&edited, &edited.rounds[0]);
        prop_assert_ne!(before, after, "edit {} left the bytes unchanged", which);
    }

    #[test]
    fn the_canonical_minutes_are_canonical_json_that_reads_back_to_the_same_bytes(_x in 0u8..1) {
        let case = founding_case();
        let bytes = minutes::canonical(&case, &case.rounds[1]);
        let v: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        prop_assert_eq!(tahawul_ledger::canonical::to_vec(&v), bytes.clone());
        prop_assert!(!bytes.contains(&b'\n'));
        prop_assert_eq!(v["version"].as_str(), Some(minutes::VERSION));
    }
}
