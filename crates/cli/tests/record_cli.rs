//! The record commands end to end: `rounds`, `minutes sign|verify`, `statement draft`,
//! `key new`.

mod common;

use std::process::Output;

use common::*;

fn run(args: &[&str], passphrase: Option<&str>) -> Output {
    match passphrase {
        Some(p) => tahawul_env(args, &[("TAHAWUL_PASSPHRASE", p)]),
        None => tahawul(args),
    }
}


const DEMO_PASSPHRASE: &str = "tahawul-demo-only";






#[test]
fn rounds_shows_both_founding_rounds_with_their_minutes_verified() {
    let case = founding();
    let o = run(&["rounds", "--case", case.to_str().unwrap()], None);
    assert!(o.status.success(), "{}", stderr(&o));
    let s = stdout(&o);
    assert!(s.contains("signed by both heads"), "{s}");
    assert!(s.contains("signed by 1 of 1 named heads"), "{s}");
    assert!(s.contains("head not named"), "{s}");
    let ar = stdout(&run(&["rounds", "--case", case.to_str().unwrap(), "--lang", "ar"], None));
    assert!(ar.contains("4 قرارات") && ar.contains("14 التزامًا") && ar.contains("16 التزامًا"), "{ar}");
}

#[test]
fn minutes_verify_passes_on_the_founding_case_and_fails_naming_the_change_when_tampered() {
    let o = run(&["minutes", "verify", "--case", founding().to_str().unwrap()], None);
    assert!(o.status.success(), "{}", stderr(&o));
    let dir = copy_bundle(&founding());
    let path = dir.path().join("rounds.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replacen("Both delegations commit to forming", "Both delegations consider forming", 1)).unwrap();
    let o = run(&["minutes", "verify", "jscd-1", "--case", dir.path().to_str().unwrap()], None);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("changed since signing: decision:jscd1-form-hmc"), "{}", stdout(&o));
    assert!(stderr(&o).contains("jscd-1"), "{}", stderr(&o));
    // Every other command refuses the disputed record.
    let o = run(&["check", dir.path().to_str().unwrap()], None);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("changed after"), "{}", stderr(&o));
}

#[test]
fn minutes_sign_with_the_demo_key_reproduces_the_demo_signature_and_a_wrong_passphrase_is_a_clear_error() {
    let key = founding().join("demo-keys/thabet-al-abbasi.key");
    let case = founding();
    let o = run(&["minutes", "sign", "jscd-1", "--key", key.to_str().unwrap(), "--case", case.to_str().unwrap()], Some(DEMO_PASSPHRASE));
    assert!(o.status.success(), "{}", stderr(&o));
    let rounds = std::fs::read_to_string(case.join("rounds.toml")).unwrap();
    let sig_line = stdout(&o).lines().find(|l| l.starts_with("signature = ")).unwrap().to_string();
    assert!(rounds.contains(&sig_line), "Ed25519 is deterministic: same key, same bytes, same signature");
    let o = run(&["minutes", "sign", "jscd-1", "--key", key.to_str().unwrap(), "--case", case.to_str().unwrap()], Some("not it"));
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("wrong passphrase"), "{}", stderr(&o));
    assert!(!stderr(&o).contains("panicked"));
}

#[test]
fn a_head_cannot_sign_a_round_they_do_not_head_and_an_unregistered_key_signs_nothing() {
    let case = founding();
    let wallander = case.join("demo-keys/celeste-wallander.key");
    let o = run(&["minutes", "sign", "jscd-2", "--key", wallander.to_str().unwrap(), "--case", case.to_str().unwrap()], Some(DEMO_PASSPHRASE));
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("not a delegation head at round jscd-2"), "{}", stderr(&o));
    let dir = tempfile::tempdir().unwrap();
    let key = dir.path().join("new.key");
    let o = run(&["key", "new", "--out", key.to_str().unwrap()], Some("p"));
    assert!(o.status.success(), "{}", stderr(&o));
    let o = run(&["minutes", "sign", "jscd-1", "--key", key.to_str().unwrap(), "--case", case.to_str().unwrap()], Some("p"));
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("not registered"), "{}", stderr(&o));
}

#[test]
fn key_new_writes_a_sealed_key_and_its_public_half_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let key = dir.path().join("head.key");
    let o = run(&["key", "new", "--out", key.to_str().unwrap()], Some("correct horse"));
    assert!(o.status.success(), "{}", stderr(&o));
    let public = std::fs::read_to_string(dir.path().join("head.key.pub")).unwrap();
    assert!(public.starts_with("ed25519:") && stdout(&o).contains(public.trim()));
    assert!(!std::fs::read_to_string(&key).unwrap().contains("correct horse"));
    let o = run(&["key", "new", "--out", key.to_str().unwrap()], Some("x"));
    assert_eq!(o.status.code(), Some(1));
    // No terminal and no TAHAWUL_PASSPHRASE: a clear error, not a hang.
    let o = run(&["key", "new", "--out", dir.path().join("other.key").to_str().unwrap()], None);
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn statement_draft_in_both_languages() {
    let case = founding();
    let en = run(&["statement", "draft", "jscd-1", "--lang", "en", "--case", case.to_str().unwrap()], None);
    assert!(en.status.success(), "{}", stderr(&en));
    assert!(stdout(&en).starts_with("Joint statement (draft)"));
    let ar = run(&["statement", "draft", "jscd-2", "--lang", "ar", "--case", case.to_str().unwrap()], None);
    assert!(stdout(&ar).starts_with("بيان مشترك (مسودة)"));
    let o = run(&["statement", "draft", "jscd-9", "--case", case.to_str().unwrap()], None);
    assert_eq!(o.status.code(), Some(2));
}
