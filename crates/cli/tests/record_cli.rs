//! The record commands end to end: `rounds`, `minutes sign|verify`, `statement draft`,
//! `key new`. (Runs once the commands are registered: see crates/cli/REGISTER_RECORD.md.)

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const DEMO_PASSPHRASE: &str = "tahawul-demo-only";

fn founding() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/iraq-hmc")
}

fn tahawul(args: &[&str], passphrase: Option<&str>) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_tahawul"));
    c.args(args).env_remove("TAHAWUL_LANG").env("LANG", "C").env_remove("TAHAWUL_PASSPHRASE");
    if let Some(p) = passphrase {
        c.env("TAHAWUL_PASSPHRASE", p);
    }
    c.output().expect("runs")
}

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
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

#[test]
fn rounds_shows_both_founding_rounds_with_their_minutes_verified() {
    let case = founding();
    let o = tahawul(&["rounds", "--case", case.to_str().unwrap()], None);
    assert!(o.status.success(), "{}", err(&o));
    let s = out(&o);
    assert!(s.contains("signed by both heads"), "{s}");
    assert!(s.contains("signed by 1 of 1 named heads"), "{s}");
    assert!(s.contains("head not named"), "{s}");
    let ar = out(&tahawul(&["rounds", "--case", case.to_str().unwrap(), "--lang", "ar"], None));
    assert!(ar.contains("4 قرارات") && ar.contains("14 التزامًا") && ar.contains("16 التزامًا"), "{ar}");
}

#[test]
fn minutes_verify_passes_on_the_founding_case_and_fails_naming_the_change_when_tampered() {
    let o = tahawul(&["minutes", "verify", "--case", founding().to_str().unwrap()], None);
    assert!(o.status.success(), "{}", err(&o));
    let dir = copy_founding();
    let path = dir.path().join("rounds.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replacen("Both delegations commit to forming", "Both delegations consider forming", 1)).unwrap();
    let o = tahawul(&["minutes", "verify", "jscd-1", "--case", dir.path().to_str().unwrap()], None);
    assert_eq!(o.status.code(), Some(1));
    assert!(out(&o).contains("changed since signing: decision:jscd1-form-hmc"), "{}", out(&o));
    assert!(err(&o).contains("jscd-1"), "{}", err(&o));
    // Every other command refuses the disputed record.
    let o = tahawul(&["check", dir.path().to_str().unwrap()], None);
    assert_eq!(o.status.code(), Some(1));
    assert!(err(&o).contains("changed after"), "{}", err(&o));
}

#[test]
fn minutes_sign_with_the_demo_key_reproduces_the_demo_signature_and_a_wrong_passphrase_is_a_clear_error() {
    let key = founding().join("demo-keys/thabet-al-abbasi.key");
    let case = founding();
    let o = tahawul(&["minutes", "sign", "jscd-1", "--key", key.to_str().unwrap(), "--case", case.to_str().unwrap()], Some(DEMO_PASSPHRASE));
    assert!(o.status.success(), "{}", err(&o));
    let rounds = std::fs::read_to_string(case.join("rounds.toml")).unwrap();
    let sig_line = out(&o).lines().find(|l| l.starts_with("signature = ")).unwrap().to_string();
    assert!(rounds.contains(&sig_line), "Ed25519 is deterministic: same key, same bytes, same signature");
    let o = tahawul(&["minutes", "sign", "jscd-1", "--key", key.to_str().unwrap(), "--case", case.to_str().unwrap()], Some("not it"));
    assert_eq!(o.status.code(), Some(1));
    assert!(err(&o).contains("wrong passphrase"), "{}", err(&o));
    assert!(!err(&o).contains("panicked"));
}

#[test]
fn a_head_cannot_sign_a_round_they_do_not_head_and_an_unregistered_key_signs_nothing() {
    let case = founding();
    let wallander = case.join("demo-keys/celeste-wallander.key");
    let o = tahawul(&["minutes", "sign", "jscd-2", "--key", wallander.to_str().unwrap(), "--case", case.to_str().unwrap()], Some(DEMO_PASSPHRASE));
    assert_eq!(o.status.code(), Some(1));
    assert!(err(&o).contains("not a delegation head at round jscd-2"), "{}", err(&o));
    let dir = tempfile::tempdir().unwrap();
    let key = dir.path().join("new.key");
    let o = tahawul(&["key", "new", "--out", key.to_str().unwrap()], Some("p"));
    assert!(o.status.success(), "{}", err(&o));
    let o = tahawul(&["minutes", "sign", "jscd-1", "--key", key.to_str().unwrap(), "--case", case.to_str().unwrap()], Some("p"));
    assert_eq!(o.status.code(), Some(1));
    assert!(err(&o).contains("not registered"), "{}", err(&o));
}

#[test]
fn key_new_writes_a_sealed_key_and_its_public_half_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let key = dir.path().join("head.key");
    let o = tahawul(&["key", "new", "--out", key.to_str().unwrap()], Some("correct horse"));
    assert!(o.status.success(), "{}", err(&o));
    let public = std::fs::read_to_string(dir.path().join("head.key.pub")).unwrap();
    assert!(public.starts_with("ed25519:") && out(&o).contains(public.trim()));
    assert!(!std::fs::read_to_string(&key).unwrap().contains("correct horse"));
    let o = tahawul(&["key", "new", "--out", key.to_str().unwrap()], Some("x"));
    assert_eq!(o.status.code(), Some(1));
    // No terminal and no TAHAWUL_PASSPHRASE: a clear error, not a hang.
    let o = tahawul(&["key", "new", "--out", dir.path().join("other.key").to_str().unwrap()], None);
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn statement_draft_in_both_languages() {
    let case = founding();
    let en = tahawul(&["statement", "draft", "jscd-1", "--lang", "en", "--case", case.to_str().unwrap()], None);
    assert!(en.status.success(), "{}", err(&en));
    assert!(out(&en).starts_with("Joint statement (draft)"));
    let ar = tahawul(&["statement", "draft", "jscd-2", "--lang", "ar", "--case", case.to_str().unwrap()], None);
    assert!(out(&ar).starts_with("بيان مشترك (مسودة)"));
    let o = tahawul(&["statement", "draft", "jscd-9", "--case", case.to_str().unwrap()], None);
    assert_eq!(o.status.code(), Some(2));
}
