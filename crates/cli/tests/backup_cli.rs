//! `tahawul backup` and `tahawul restore` as an operator runs them: a backup taken while the
//! service runs, restored into an empty SQLite file and into a PostgreSQL database
//! (`TAHAWUL_TEST_POSTGRES`), after which the audit log verifies and people sign in with their
//! tokens as before; a second restore is refused without `--force` (in the user's language), a
//! damaged file is refused with its line and changes nothing, and `--force` ends every
//! sign-in session of the replaced database.

use crate::common;

use std::process::Output;

use common::server::{PASSWORD, Server, add_user, bin, fresh_postgres, serve, token};
use common::{stderr, stdout};
use serde_json::json;

fn run(args: &[&str], lang: &str) -> Output {
    bin().args(args).env("TAHAWUL_LANG", lang).output().unwrap()
}

fn ok(o: &Output, what: &str) -> String {
    assert!(o.status.success(), "{what} failed: {}{}", stdout(o), stderr(o));
    stdout(o)
}

fn fails(o: &Output, what: &str) -> String {
    assert_eq!(o.status.code(), Some(1), "{what} should fail with exit 1: {}{}", stdout(o), stderr(o));
    stderr(o)
}

fn block_on<T>(f: impl std::future::Future<Output = T>) -> T {
    tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(f)
}

/// GET `path` with a bearer token: the status.
fn get(base: &str, path: &str, token: &str) -> u16 {
    block_on(async {
        reqwest::Client::new().get(format!("{base}{path}")).bearer_auth(token).send().await.unwrap().status().as_u16()
    })
}

fn story(target: &str) {
    let dir = tempfile::tempdir().unwrap();
    let source = format!("sqlite://{}", dir.path().join("source.db").display());
    ok(&run(&["init", "--database", &source], "en"), "init");
    add_user(&source, "sec", "secretariat", &[], &[]);
    let file = dir.path().join("tahawul.backup");
    let file_arg = file.display().to_string();

    // Taken while the service runs and a token is made through it.
    let (server, base) = serve(&source);
    let token = block_on(token(&base, "sec"));
    let said = ok(&run(&["backup", "--database", &source, &file_arg], "en"), "backup");
    assert!(said.contains("Backup written") && said.contains("11 tables"), "{said}");
    drop(server);
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(std::fs::metadata(&file).unwrap().permissions().mode() & 0o777, 0o600, "owner-only");

    let said = ok(&run(&["restore", "--database", target, &file_arg], "en"), "restore");
    assert!(said.contains("the audit log verifies"), "{said}");
    ok(&run(&["audit", "verify", "--database", target], "en"), "audit verify after restore");
    let (server, base) = serve(target);
    assert_eq!(get(&base, "/api/v1/case", &token), 200, "the token came back with its user");
    drop(server);

    // A second restore: refused, in Arabic when asked, saying how to go on; nothing changed.
    let e = fails(&run(&["restore", "--database", target, &file_arg], "ar"), "restore into a non-empty database");
    assert!(e.contains("قاعدة البيانات") && e.contains("--force"), "{e}");

    // A damaged copy: refused with where, before anything is written.
    let text = std::fs::read_to_string(&file).unwrap();
    let damaged = dir.path().join("damaged.backup");
    std::fs::write(&damaged, text.replacen("\"sec\"", "\"sex\"", 1)).unwrap();
    let e = fails(
        &run(&["restore", "--force", "--database", target, &damaged.display().to_string()], "en"),
        "a damaged backup",
    );
    let lines = text.lines().count();
    assert!(e.contains(&format!("damaged.backup:{lines}")) && e.contains("digest"), "{e}");
    assert!(e.contains("nothing was written"), "{e}");

    // --force replaces the database, and with it every sign-in session.
    let (server, base) = serve(target);
    let jar = reqwest::Client::builder().cookie_store(true).build().unwrap();
    let signed_in = |jar: &reqwest::Client, base: &str| {
        block_on(async { jar.get(format!("{base}/api/v1/session")).send().await.unwrap().status().as_u16() })
    };
    block_on(async {
        let r = jar.post(format!("{base}/api/v1/session")).json(&json!({ "name": "sec", "password": PASSWORD }));
        assert_eq!(r.send().await.unwrap().status().as_u16(), 200);
    });
    assert_eq!(signed_in(&jar, &base), 200);
    drop(server);
    ok(&run(&["restore", "--force", "--database", target, &file_arg], "en"), "restore --force");
    let (_server, base): (Server, String) = serve(target);
    assert_eq!(signed_in(&jar, &base), 401, "the replaced database's sessions are gone");
    assert_eq!(get(&base, "/api/v1/case", &token), 200);
}

#[test]
fn backup_while_serving_and_restore_into_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    story(&format!("sqlite://{}", dir.path().join("target.db").display()));
}

#[test]
fn backup_of_sqlite_restores_into_postgres() {
    story(&fresh_postgres("backup_cli"));
}
