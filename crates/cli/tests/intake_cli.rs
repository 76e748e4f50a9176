//! `tahawul intake` (issue 16): the founding sources read locally in both interface
//! languages, the hostile corpus through the binary (a report or a clear error, never a
//! panic), and `--server` against a real `tahawul serve` (the same report; 403 for a partner).

use crate::common;

use crate::hostile_corpus;

use std::path::PathBuf;

use common::{founding, json, plain, stderr, stdout, tahawul};
use hostile_corpus::{Want, corpus};

fn source(stem: &str) -> PathBuf {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let dir = std::env::var("TAHAWUL_SOURCES").map(PathBuf::from).unwrap_or_else(|_| {
        [root.join("../shared/sources"), root.join("../../shared/sources")]
            .into_iter()
            .find(|d| d.is_dir())
            .expect("the founding sources: set TAHAWUL_SOURCES")
    });
    dir.join(format!("{stem}.txt"))
}

const S003: &str = "003_cb2afbb04a92125f";

#[test]
fn reads_003_in_json_with_its_round_commitments_and_translation_errors() {
    let file = source(S003);
    let o = tahawul(&["intake", file.to_str().unwrap(), "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let r = json(&o);
    assert_eq!(r["document"]["language"], "ar");
    let ids = |kind: &str| -> Vec<String> {
        r["proposals"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|p| p["kind"] == kind)
            .flat_map(|p| p["matches"].as_array().unwrap().iter().map(|m| m.as_str().unwrap().to_string()))
            .collect()
    };
    assert_eq!(ids("round"), ["jscd-2"]);
    let commitments = ids("commitment");
    for c in ["r2-mou", "r2-new-phase-concept", "r2-protect-personnel"] {
        assert!(commitments.contains(&c.to_string()), "{c} in {commitments:?}");
    }
    // Spans are characters into the file and point at the quote.
    let text: Vec<char> = std::fs::read_to_string(&file).unwrap().chars().collect();
    for p in r["proposals"].as_array().unwrap() {
        let (a, b) = (p["span"]["start"].as_u64().unwrap() as usize, p["span"]["end"].as_u64().unwrap() as usize);
        assert_eq!(text[a..b].iter().collect::<String>(), p["quote"].as_str().unwrap());
    }
    let case = tahawul_domain::load(&founding()).unwrap();
    let errors = &case.documents.iter().find(|d| d.id.as_str() == S003).unwrap().translation_errors;
    for e in errors {
        assert!(
            r["flags"]
                .as_array()
                .unwrap()
                .iter()
                .any(|f| f["kind"] == "translation-error" && f["suggestion"]["en"] == e.means.en.as_str()),
            "{} flagged",
            e.says
        );
    }
}

#[test]
fn prints_in_the_users_language_and_says_it_wrote_nothing() {
    let file = source(S003);
    let o = tahawul(&["intake", file.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("Round: Second US–Iraq Joint Security Cooperation Dialogue (JSCD 2) (jscd-2)"), "{out}");
    assert!(out.contains("translation error at"), "{out}");
    assert!(out.contains("nothing was written"), "{out}");
    let o = tahawul(&["intake", file.to_str().unwrap(), "--lang", "ar"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(plain(&out).contains("الجولة: الجولة الثانية من حوار التعاون الأمني المشترك"), "{out}");
    assert!(out.contains("خطأ ترجمة"), "{out}");
    // Left-to-right runs (dates, spans) are isolated in Arabic output.
    assert!(out.contains('\u{2068}'), "{out}");
}

#[test]
fn the_hostile_corpus_gives_a_report_or_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    for (i, (name, text, want)) in corpus().into_iter().enumerate() {
        let path = dir.path().join(format!("{i}.txt"));
        std::fs::write(&path, &text).unwrap();
        let o = tahawul(&["intake", path.to_str().unwrap(), "--format", "json"]);
        match want {
            Want::Report => {
                assert!(o.status.success(), "{name}: {}", stderr(&o));
                assert!(json(&o)["proposals"].is_array(), "{name}");
            }
            Want::Empty => {
                assert_eq!(o.status.code(), Some(1), "{name}: {}", stderr(&o));
                assert!(stderr(&o).contains("the text is empty"), "{name}: {}", stderr(&o));
            }
            Want::TooLarge => {
                assert_eq!(o.status.code(), Some(1), "{name}");
                assert!(stderr(&o).contains("intake reads at most 1048576"), "{name}: {}", stderr(&o));
            }
        }
    }
    // Not UTF-8 (Windows-1256 Arabic), and no such file.
    let path = dir.path().join("cp1256.txt");
    std::fs::write(&path, [0xC7u8, 0xE1, 0xDA, 0xD1, 0xC7, 0xE3]).unwrap();
    let o = tahawul(&["intake", path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("is not UTF-8 text (invalid bytes at byte 0)"), "{}", stderr(&o));
    assert!(stderr(&o).contains("iconv"), "{}", stderr(&o));
    let o = tahawul(&["intake", dir.path().join("missing.txt").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("cannot read"), "{}", stderr(&o));
}

mod server {
    use std::io::Write;
    use std::process::Stdio;

    use crate::common::server::{PASSWORD, bin, serve, token};

    fn add_user(db: &str, name: &str, role: &str, party: Option<&str>) {
        let mut args = vec!["user", "add", name, "--role", role, "--database", db];
        if let Some(p) = party {
            args.extend(["--party", p]);
        }
        let mut c = bin().args(&args).stdin(Stdio::piped()).stdout(Stdio::null()).spawn().unwrap();
        c.stdin.take().unwrap().write_all(format!("{PASSWORD}\n").as_bytes()).unwrap();
        assert!(c.wait().unwrap().success(), "user add {name}");
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn the_server_reads_as_the_local_case_does_and_refuses_partners() {
        let dir = tempfile::tempdir().unwrap();
        let db = format!("sqlite://{}", dir.path().join("record.db").display());
        assert!(bin().args(["init", "--database", &db]).output().unwrap().status.success());
        add_user(&db, "sec", "secretariat", None);
        add_user(&db, "partner", "coalition-partner", Some("coalition"));
        let (_server, base) = serve(&db);
        let sec = token(&base, "sec").await;
        let partner = token(&base, "partner").await;
        let file = super::source(super::S003);
        let file = file.to_str().unwrap();
        let remote = bin()
            .args(["intake", file, "--server", &base, "--format", "json"])
            .env("TAHAWUL_TOKEN", &sec)
            .output()
            .unwrap();
        assert!(remote.status.success(), "{}", super::stderr(&remote));
        let local = bin().args(["intake", file, "--format", "json"]).output().unwrap();
        let (remote, local) = (super::json(&remote), super::json(&local));
        assert_eq!(remote["proposals"], local["proposals"], "the server's record is the founding case");
        assert_eq!(remote["flags"], local["flags"]);
        let o = bin().args(["intake", file, "--server", &base]).env("TAHAWUL_TOKEN", &partner).output().unwrap();
        assert_eq!(o.status.code(), Some(1));
        assert!(super::stderr(&o).contains("403"), "{}", super::stderr(&o));

        // --submit keeps the text for review (issue 16 item 4): the intake as stored, pending.
        let kept = bin()
            .args(["intake", file, "--server", &base, "--submit", "--format", "json"])
            .env("TAHAWUL_TOKEN", &sec)
            .output()
            .unwrap();
        assert!(kept.status.success(), "{}", super::stderr(&kept));
        let kept = super::json(&kept);
        assert_eq!(kept["id"], 1);
        assert_eq!(kept["submitted_by"], "sec");
        let proposals = kept["proposals"].as_array().unwrap();
        assert_eq!(proposals.len(), local["proposals"].as_array().unwrap().len());
        assert!(proposals.iter().all(|p| p["state"] == "pending"));
        let o =
            bin().args(["intake", file, "--server", &base, "--submit"]).env("TAHAWUL_TOKEN", &sec).output().unwrap();
        assert!(o.status.success(), "{}", super::stderr(&o));
        assert!(
            String::from_utf8_lossy(&o.stdout).contains(&format!("{base}/intake/2")),
            "the table names where to review"
        );
        let o = bin()
            .args(["intake", file, "--server", &base, "--submit"])
            .env("TAHAWUL_TOKEN", &partner)
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(1), "a partner may not submit");
        assert!(
            bin().args(["intake", file, "--submit"]).output().unwrap().status.code() != Some(0),
            "--submit needs --server"
        );

        // Review from the terminal: accept one commitment, reject another with a reason.
        let commitments: Vec<u64> = proposals
            .iter()
            .filter(|p| p["proposal"]["kind"] == "commitment")
            .map(|p| p["index"].as_u64().unwrap())
            .collect();
        assert!(commitments.len() >= 2, "003 proposes commitments: {commitments:?}");
        let (take, drop) = (commitments[0].to_string(), commitments[1].to_string());
        let o = bin()
            .args(["intake", "accept", "1", "--proposals", &take, "--server", &base])
            .env("TAHAWUL_TOKEN", &sec)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", super::stderr(&o));
        let out = String::from_utf8_lossy(&o.stdout).to_string();
        assert!(out.contains(&format!("Proposal {take}: accepted as commitment ")), "{out}");
        let record = out.trim().rsplit(' ').next().unwrap().to_string();
        let found = bin()
            .args([
                "intake",
                "reject",
                "1",
                "--proposals",
                &drop,
                "--reason",
                "restates a clause of JSCD 1",
                "--server",
                &base,
                "--format",
                "json",
            ])
            .env("TAHAWUL_TOKEN", &sec)
            .output()
            .unwrap();
        assert!(found.status.success(), "{}", super::stderr(&found));
        let after = super::json(&found);
        let rejected =
            after["proposals"].as_array().unwrap().iter().find(|p| p["index"].as_u64() == drop.parse().ok()).unwrap();
        assert_eq!(
            (rejected["state"].as_str(), rejected["reason"].as_str()),
            (Some("rejected"), Some("restates a clause of JSCD 1"))
        );
        assert_eq!(rejected["reviewed_by"], "sec");
        // In Arabic, a third proposal of any kind.
        let third = proposals
            .iter()
            .map(|p| p["index"].as_u64().unwrap().to_string())
            .find(|i| *i != take && *i != drop)
            .expect("003 has more than two proposals");
        let o = bin()
            .args([
                "intake",
                "reject",
                "1",
                "--proposals",
                &third,
                "--reason",
                "مكرر",
                "--server",
                &base,
                "--lang",
                "ar",
            ])
            .env("TAHAWUL_TOKEN", &sec)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", super::stderr(&o));
        let out = String::from_utf8_lossy(&o.stdout).to_string();
        assert!(out.contains("المقترح") && out.contains(&third) && out.contains("مرفوض"), "{out}");
        let c = bin()
            .args(["intake", "reject", "1", "--proposals", &take, "--reason", "again", "--server", &base])
            .env("TAHAWUL_TOKEN", &sec)
            .output()
            .unwrap();
        assert_eq!(c.status.code(), Some(1), "a reviewed proposal is not reviewed again");
        assert!(super::stderr(&c).contains("422"), "{}", super::stderr(&c));
        let o = bin()
            .args(["intake", "reject", "1", "--proposals", &take, "--server", &base])
            .env("TAHAWUL_TOKEN", &sec)
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(2), "--reason is required: {}", super::stderr(&o));
        let o = bin()
            .args(["intake", "accept", "1", "--proposals", &take, "--server", &base])
            .env("TAHAWUL_TOKEN", &partner)
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(1));
        assert!(super::stderr(&o).contains("403"), "a partner may not review: {}", super::stderr(&o));
        // The accepted commitment is in the record, read back through the API.
        let http = reqwest::Client::new();
        let got: serde_json::Value = http
            .get(format!("{base}/api/v1/commitments/{record}"))
            .bearer_auth(&sec)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(got["id"], record.as_str(), "{got}");
    }
}

#[test]
fn compare_pairs_two_reports_sentence_by_sentence() {
    let (a, b) = (source("000_93bb36b8a9956379"), source("001_6c5a77faa980ad56"));
    let o = tahawul(&["intake", a.to_str().unwrap(), "--compare", b.to_str().unwrap(), "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let c = json(&o);
    let pairs = c["pairs"].as_array().unwrap();
    assert!(pairs.len() >= 5, "{c}");
    assert!(pairs.iter().any(|p| p["first"]["quote"].as_str().unwrap().contains("بحماية")
        && p["second"]["quote"].as_str().unwrap().contains("بحماية")));
    let o = tahawul(&["intake", a.to_str().unwrap(), "--compare", b.to_str().unwrap(), "--lang", "ar"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(plain(&stdout(&o)).contains("في النص الثاني وحده"), "{}", stdout(&o));
    // An empty second text is named as such.
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "").unwrap();
    let o = tahawul(&["intake", a.to_str().unwrap(), "--compare", empty.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("the text is empty"), "{}", stderr(&o));
}
