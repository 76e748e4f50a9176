//! `tahawul audit checkpoint` and `tahawul audit verify --since`, run as a delegation runs
//! them, on SQLite and on PostgreSQL (`TAHAWUL_TEST_POSTGRES`, see scripts/with-postgres):
//! a kept checkpoint catches a history rewritten by someone who recomputed every hash, the
//! head included, and a rewound log; a forged checkpoint is refused.

use crate::common;

use std::path::Path;
use std::process::Output;

use common::server::add_user;
use common::{mini, stderr, stdout, tahawul_env};
use tahawul_ledger::{ChainHead, EntryDraft};
use tahawul_store::prelude::*;
use tahawul_web::AnyStore;

/// Runs the binary with the log key where the test says.
fn run(args: &[&str], env: &[(&str, &str)]) -> Output {
    tahawul_env(args, env)
}

fn ok(o: &Output, what: &str) {
    assert!(o.status.success(), "{what} failed: {}{}", stdout(o), stderr(o));
}

fn fails(o: &Output, what: &str) -> String {
    assert_eq!(o.status.code(), Some(1), "{what} should fail with exit 1: {}{}", stdout(o), stderr(o));
    stderr(o)
}

fn block_on<T>(f: impl std::future::Future<Output = T>) -> T {
    tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(f)
}

async fn raw(store: &AnyStore, sql: &str) {
    let r = match store {
        AnyStore::Sqlite(s) => sqlx::raw_sql(sql).execute(s.sqlite_pool()).await.map(|_| ()),
        AnyStore::Postgres(s) => sqlx::raw_sql(sql).execute(s.pg_pool()).await.map(|_| ()),
    };
    r.unwrap_or_else(|e| panic!("{sql}: {e}"));
}

fn sql_text(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

/// The attack the chain alone cannot see: entry `seq` rewritten, then every hash from there
/// on and the stored head recomputed, straight in the database.
fn rewrite_history(db: &str, seq: u64) {
    block_on(async {
        let store = AnyStore::open(db, Default::default()).await.unwrap();
        let entries = store.audit_entries(0, 1 << 40).await.unwrap();
        let mut head = ChainHead::genesis();
        for e in &entries {
            let after = if e.seq == seq {
                Some(serde_json::json!({"rewritten": "by someone with the database"}))
            } else {
                e.after.clone()
            };
            let (new, next) = head.append(EntryDraft {
                at: e.at.clone(),
                actor: e.actor.clone(),
                action: e.action.clone(),
                kind: e.kind.clone(),
                record_id: e.record_id.clone(),
                before: e.before.clone(),
                after,
            });
            let after = new.after.as_ref().map_or("NULL".into(), |v| sql_text(&tahawul_ledger::canonical_json(v)));
            raw(
                &store,
                &format!(
                    "UPDATE audit_log SET after = {after}, prev_hash = '{}', hash = '{}' WHERE seq = {}",
                    new.prev_hash, new.hash, e.seq
                ),
            )
            .await;
            head = next;
        }
        raw(&store, &format!("UPDATE audit_head SET seq = {}, hash = '{}' WHERE id = 1", head.seq, head.hash)).await;
    });
}

/// Removes the last `n` entries and moves the head back onto the entry before them.
fn rewind(db: &str, n: u64) {
    block_on(async {
        let store = AnyStore::open(db, Default::default()).await.unwrap();
        let entries = store.audit_entries(0, 1 << 40).await.unwrap();
        let back = &entries[entries.len() - 1 - n as usize];
        raw(&store, &format!("DELETE FROM audit_log WHERE seq > {}", back.seq)).await;
        raw(&store, &format!("UPDATE audit_head SET seq = {}, hash = '{}' WHERE id = 1", back.seq, back.hash)).await;
    });
}

/// Adds `delta` to the first observation's value, straight in the database.
fn edit_an_observation(db: &str, delta: i32) {
    block_on(async {
        let store = AnyStore::open(db, Default::default()).await.unwrap();
        let sql =
            format!("UPDATE observations SET value = value + {delta} WHERE id = (SELECT MIN(id) FROM observations)");
        raw(&store, &sql).await;
    });
}

/// The whole story on one database.
fn story(db: &str, dir: &Path, env: &[(&str, &str)]) {
    let kept = dir.join("kept.checkpoint").display().to_string();
    let later = dir.join("later.checkpoint").display().to_string();
    let forged = dir.join("forged.checkpoint").display().to_string();
    let csv = mini().join("observations/data.csv").display().to_string();
    let mini = mini().display().to_string();

    ok(&run(&["init", "--database", db, &mini], env), "init");
    let o = run(&["audit", "checkpoint", "--database", db, "-o", &kept], env);
    ok(&o, "checkpoint");
    assert!(stdout(&o).contains("written to"), "{}", stdout(&o));
    let note = std::fs::read_to_string(&kept).unwrap();
    assert!(note.starts_with("tahawul/"), "{note}");

    // More writes (an observation batch): the log extends the kept checkpoint.
    ok(&run(&["import", "observations", &csv, "--database", db], env), "import observations");
    let o = run(&["audit", "verify", "--database", db, "--since", &kept], env);
    ok(&o, "verify --since after honest writes");
    assert!(stdout(&o).contains("extends the kept checkpoint"), "{}", stdout(&o));
    let o = run(&["audit", "verify", "--database", db, "--since", &kept, "--format", "json"], env);
    ok(&o, "verify --since --format json");
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["valid"], true);
    assert!(v["current"]["size"].as_u64() > v["since"]["size"].as_u64(), "{v}");
    add_user(db, "a-member", "delegation-member", &["--party", "a"], env);
    add_user(db, "auditor", "auditor", &[], env);
    ok(&run(&["audit", "checkpoint", "--database", db, "-o", &later], env), "second checkpoint");

    // A forged checkpoint (its size edited, the signature left): refused, exit 1.
    let lines: Vec<&str> = note.lines().collect();
    std::fs::write(&forged, note.replacen(&format!("\n{}\n", lines[1]), "\n1\n", 1)).unwrap();
    let e = fails(&run(&["audit", "verify", "--database", db, "--since", &forged], env), "a forged checkpoint");
    assert!(e.contains("does not verify"), "{e}");
    std::fs::write(&forged, "not a checkpoint\n").unwrap();
    let e = fails(&run(&["audit", "verify", "--database", db, "--since", &forged], env), "garbage");
    assert!(e.contains("line"), "{e}");

    // Someone with the database rewrites entry 2 and recomputes every hash and the head.
    rewrite_history(db, 2);
    let o = run(&["audit", "verify", "--database", db], env);
    ok(&o, "plain verify cannot see a fully recomputed chain");
    let e = fails(&run(&["audit", "verify", "--database", db, "--since", &kept], env), "verify --since a rewrite");
    assert!(e.contains("does NOT extend") && e.contains("rewritten"), "{e}");
    let mut ar = vec![("TAHAWUL_LANG", "ar")];
    ar.extend_from_slice(env);
    let e = fails(&run(&["audit", "verify", "--database", db, "--since", &kept], &ar), "in Arabic");
    assert!(e.contains("ليس امتدادًا"), "{e}");

    // A log rewound to before the later checkpoint (the head moved back with it).
    rewind(db, 2);
    ok(&run(&["audit", "verify", "--database", db], env), "plain verify of a cleanly rewound log");
    let e = fails(&run(&["audit", "verify", "--database", db, "--since", &later], env), "verify --since a rewound log");
    assert!(e.contains("fewer than"), "{e}");

    // An observation row edited: plain verify finds it at its batch entry.
    edit_an_observation(db, 1);
    let e = fails(&run(&["audit", "verify", "--database", db], env), "an edited observation");
    assert!(e.contains("observations of batch"), "{e}");
}

#[test]
fn a_kept_checkpoint_catches_a_recomputed_rewrite_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("tahawul.db");
    let db = format!("sqlite://{}", file.display());
    story(&db, dir.path(), &[("TAHAWUL_LOG_KEY", "")]);
    // The log key was made beside the database, owner-only.
    let key = dir.path().join("tahawul.db.log-key");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&key).unwrap().permissions().mode() & 0o777, 0o600);
    }
    // Without its key, a kept checkpoint cannot be checked against this database: said so.
    edit_an_observation(&db, -1);
    std::fs::remove_file(&key).unwrap();
    let kept = dir.path().join("kept.checkpoint").display().to_string();
    let e = fails(
        &run(&["audit", "verify", "--database", &db, "--since", &kept], &[("TAHAWUL_LOG_KEY", "")]),
        "no log key",
    );
    assert!(e.contains("signing key"), "{e}");
}

#[test]
fn a_kept_checkpoint_catches_a_recomputed_rewrite_on_postgres() {
    let db = common::server::fresh_postgres("audit_cli");
    let dir = tempfile::tempdir().unwrap();
    let key = dir.path().join("log.key").display().to_string();
    story(&db, dir.path(), &[("TAHAWUL_LOG_KEY", &key)]);
    assert!(Path::new(&key).exists(), "the log key is where TAHAWUL_LOG_KEY says");
}

/// `--server`: a delegation member keeps a checkpoint from a running server and checks it
/// later over the API; the server's own tree notices a rewrite made under it.
mod server {
    use serde_json::Value;

    use super::*;

    use crate::common::server::{bin, serve, token};

    fn as_user(args: &[&str], token: &str) -> Output {
        bin().args(args).env("TAHAWUL_TOKEN", token).output().unwrap()
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_member_keeps_and_checks_checkpoints_over_the_api() {
        let dir = tempfile::tempdir().unwrap();
        let db = format!("sqlite://{}", dir.path().join("served.db").display());
        assert!(
            bin().args(["init", "--database", &db, &mini().display().to_string()]).output().unwrap().status.success()
        );
        add_user(&db, "b-member", "delegation-member", &["--party", "b"], &[("TAHAWUL_LOG_KEY", "")]);
        add_user(&db, "wg", "working-group-member", &["--factor", "threat"], &[("TAHAWUL_LOG_KEY", "")]);
        let (_server, base) = serve(&db);
        let member = token(&base, "b-member").await;
        let kept = dir.path().join("kept.checkpoint").display().to_string();

        let o = as_user(&["audit", "checkpoint", "--server", &base, "-o", &kept], &member);
        ok(&o, "checkpoint --server");
        // The server signs with the key it made beside its database at first start.
        assert!(dir.path().join("served.db.log-key").exists());
        let csv = mini().join("observations/data.csv").display().to_string();
        ok(&bin().args(["import", "observations", &csv, "--database", &db]).output().unwrap(), "a write");
        let o = as_user(&["audit", "verify", "--server", &base, "--since", &kept], &member);
        ok(&o, "verify --server --since");
        assert!(stdout(&o).contains("extends the kept checkpoint"), "{}", stdout(&o));

        // The API: hashes only, so members may read it; working groups may not; bad sizes are 422.
        let http = reqwest::Client::new();
        let get = |path: &str, t: &str| http.get(format!("{base}{path}")).bearer_auth(t.to_string()).send();
        let wg = token(&base, "wg").await;
        assert_eq!(get("/api/v1/audit/checkpoint", &wg).await.unwrap().status(), 403);
        let cp: Value = get("/api/v1/audit/checkpoint", &member).await.unwrap().json().await.unwrap();
        let size = cp["size"].as_u64().unwrap();
        assert!(cp["checkpoint"].as_str().unwrap().starts_with(cp["origin"].as_str().unwrap()));
        let r = get(&format!("/api/v1/audit/consistency?from={}", size + 1), &member).await.unwrap();
        assert_eq!(r.status(), 422);
        let r = get(&format!("/api/v1/audit/consistency?from=1&to={}", size + 5), &member).await.unwrap();
        assert_eq!(r.status(), 422);
        let r: Value = get("/api/v1/audit/consistency?from=3", &member).await.unwrap().json().await.unwrap();
        assert_eq!((r["from"].as_u64(), r["to"].as_u64()), (Some(3), Some(size)));
        assert!(!r["proof"].as_array().unwrap().is_empty());

        // A rewrite under the running server: its kept tree is rebuilt from the rewritten log,
        // and the member's checkpoint catches it.
        // (On a thread of its own: the rewrite runs its own runtime, which a task may not.)
        let at = db.clone();
        std::thread::spawn(move || rewrite_history(&at, 3)).join().unwrap();
        let e = fails(&as_user(&["audit", "verify", "--server", &base, "--since", &kept], &member), "rewrite");
        assert!(e.contains("does NOT extend"), "{e}");
    }
}
