//! The record commands end to end: `rounds`, `minutes sign|verify`, `statement draft`,
//! `key new`.

use crate::common;

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
    let ar = plain(&stdout(&run(&["rounds", "--case", case.to_str().unwrap(), "--lang", "ar"], None)));
    assert!(ar.contains("4 قرارات") && ar.contains("14 التزامًا") && ar.contains("16 التزامًا"), "{ar}");
}

#[test]
fn minutes_verify_passes_on_the_founding_case_and_fails_naming_the_change_when_tampered() {
    let o = run(&["minutes", "verify", "--case", founding().to_str().unwrap()], None);
    assert!(o.status.success(), "{}", stderr(&o));
    let dir = copy_bundle(&founding());
    let path = dir.path().join("rounds.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replacen("Both delegations commit to forming", "Both delegations consider forming", 1))
        .unwrap();
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
    let o = run(
        &["minutes", "sign", "jscd-1", "--key", key.to_str().unwrap(), "--case", case.to_str().unwrap()],
        Some(DEMO_PASSPHRASE),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let rounds = std::fs::read_to_string(case.join("rounds.toml")).unwrap();
    let sig_line = stdout(&o).lines().find(|l| l.starts_with("signature = ")).unwrap().to_string();
    assert!(rounds.contains(&sig_line), "Ed25519 is deterministic: same key, same bytes, same signature");
    let o = run(
        &["minutes", "sign", "jscd-1", "--key", key.to_str().unwrap(), "--case", case.to_str().unwrap()],
        Some("not it"),
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("wrong passphrase"), "{}", stderr(&o));
    assert!(!stderr(&o).contains("panicked"));
}

#[test]
fn a_head_cannot_sign_a_round_they_do_not_head_and_an_unregistered_key_signs_nothing() {
    let case = founding();
    let wallander = case.join("demo-keys/celeste-wallander.key");
    let o = run(
        &["minutes", "sign", "jscd-2", "--key", wallander.to_str().unwrap(), "--case", case.to_str().unwrap()],
        Some(DEMO_PASSPHRASE),
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("not a delegation head at round jscd-2"), "{}", stderr(&o));
    let dir = tempfile::tempdir().unwrap();
    let key = dir.path().join("new.key");
    let o = run(&["key", "new", "--out", key.to_str().unwrap()], Some("p"));
    assert!(o.status.success(), "{}", stderr(&o));
    let o = run(
        &["minutes", "sign", "jscd-1", "--key", key.to_str().unwrap(), "--case", case.to_str().unwrap()],
        Some("p"),
    );
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

/// `minutes sign|verify --server`: against a real `tahawul serve` holding the founding case.
mod server {
    use std::io::Write;
    use std::process::Stdio;

    use serde_json::{Value, json};

    use crate::common::server::{PASSWORD, bin, serve, token};

    fn add_user(db: &str, name: &str, role: &str, party: Option<&str>) {
        let mut args = vec!["user", "add", name, "--role", role, "--database", db];
        if let Some(p) = party {
            args.extend(["--party", p]);
        }
        let mut c = bin().args(&args).stdin(Stdio::piped()).spawn().unwrap();
        c.stdin.take().unwrap().write_all(format!("{PASSWORD}\n").as_bytes()).unwrap();
        assert!(c.wait().unwrap().success(), "user add {name}");
    }

    fn key(person: &str) -> String {
        super::founding().join(format!("demo-keys/{person}.key")).display().to_string()
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn heads_sign_and_verify_what_the_server_holds() {
        let dir = tempfile::tempdir().unwrap();
        let db = format!("sqlite://{}", dir.path().join("record.db").display());
        assert!(bin().args(["init", "--database", &db]).output().unwrap().status.success());
        add_user(&db, "sec", "secretariat", None);
        add_user(&db, "us-head", "delegation-head", Some("us"));
        add_user(&db, "iq-head", "delegation-head", Some("iq"));
        let (_server, base) = serve(&db);
        let sec = token(&base, "sec").await;
        let head = token(&base, "us-head").await;
        let iq = token(&base, "iq-head").await;
        let run = |args: &[&str], token: &str| {
            bin()
                .args(args)
                .env("TAHAWUL_TOKEN", token)
                .env("TAHAWUL_PASSPHRASE", super::DEMO_PASSPHRASE)
                .output()
                .unwrap()
        };

        // The founding minutes on the server verify, checked here.
        let o = run(&["minutes", "verify", "--server", &base], &head);
        assert!(o.status.success(), "{}", super::stderr(&o));
        assert!(super::stdout(&o).contains("✓ celeste-wallander"), "{}", super::stdout(&o));

        // Signing again what is signed: the server refuses, and says why.
        let o = run(&["minutes", "sign", "jscd-1", "--key", &key("celeste-wallander"), "--server", &base], &head);
        assert_eq!(o.status.code(), Some(1));
        assert!(super::stderr(&o).contains("has already signed"), "{}", super::stderr(&o));

        // No edit takes a signature off (issue 12): the server refuses it.
        let client = reqwest::Client::new();
        let r: Value = client
            .get(format!("{base}/api/v1/rounds/jscd-1"))
            .bearer_auth(&sec)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let mut body = r["body"].clone();
        body["signatures"].as_array_mut().unwrap().retain(|s| s["person"] != "celeste-wallander");
        let res = client
            .put(format!("{base}/api/v1/rounds/jscd-1"))
            .bearer_auth(&sec)
            .json(&json!({ "body": body, "version": r["version"] }))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status().as_u16(), 422);
        // An agreed change: both heads sign again from the CLI.
        let mut body = r["body"].clone();
        body["place"]["en"] = json!("Washington, D.C. (the Pentagon)");
        let res = client
            .put(format!("{base}/api/v1/rounds/jscd-1"))
            .bearer_auth(&sec)
            .json(&json!({ "body": body, "version": r["version"] }))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status().as_u16(), 200);
        let o = run(&["minutes", "verify", "jscd-1", "--server", &base], &head);
        assert_eq!(o.status.code(), Some(1), "changed minutes do not verify");
        let o = run(&["minutes", "sign", "jscd-1", "--key", &key("thabet-al-abbasi"), "--server", &base], &iq);
        assert!(o.status.success(), "{}", super::stderr(&o));
        // The Iraqi head's key is not the US head's: refused by the server.
        let o = run(&["minutes", "sign", "jscd-1", "--key", &key("thabet-al-abbasi"), "--server", &base], &head);
        assert_eq!(o.status.code(), Some(1));
        assert!(super::stderr(&o).contains("not the registered key of Celeste Wallander"), "{}", super::stderr(&o));
        let o = run(&["minutes", "sign", "jscd-1", "--key", &key("celeste-wallander"), "--server", &base], &head);
        assert!(o.status.success(), "{}", super::stderr(&o));
        assert!(super::stdout(&o).contains("minutes: verified"), "{}", super::stdout(&o));

        // A change after signing: verify --server fails, here.
        let r: Value = client
            .get(format!("{base}/api/v1/rounds/jscd-1"))
            .bearer_auth(&sec)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let mut body = r["body"].clone();
        body["place"]["en"] = json!("Baghdad");
        let res = client
            .put(format!("{base}/api/v1/rounds/jscd-1"))
            .bearer_auth(&sec)
            .json(&json!({ "body": body, "version": r["version"] }))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status().as_u16(), 200);
        let o = run(&["minutes", "verify", "jscd-1", "--server", &base], &head);
        assert_eq!(o.status.code(), Some(1));
        assert!(super::stdout(&o).contains("✗ celeste-wallander"), "{}", super::stdout(&o));

        // Without a token: a clear error, nothing sent.
        let o = bin().args(["minutes", "verify", "--server", &base]).env_remove("TAHAWUL_TOKEN").output().unwrap();
        assert_eq!(o.status.code(), Some(1));
        assert!(super::stderr(&o).contains("TAHAWUL_TOKEN"), "{}", super::stderr(&o));
    }
}
