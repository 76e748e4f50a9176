//! `tahawul user enable|reset` on the database, as an operator uses them (issue 17): the
//! temporary password comes from standard input (never the command line), a weak one is
//! refused in the reader's language, a reset marks the account to change it at the next
//! sign-in, and a disabled account is enabled again.

use std::io::Write;
use std::process::{Output, Stdio};

use serde_json::{Value, json};

use crate::common;

use common::server::{PASSWORD, bin};
use common::{plain, stderr};

/// Runs the binary with `input` on standard input.
fn with_stdin(args: &[&str], input: &str) -> Output {
    let mut child =
        bin().args(args).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

fn user(db: &str, name: &str) -> Value {
    let list = bin().args(["--format", "json", "user", "list", "--database", db]).output().unwrap();
    let users: Value = serde_json::from_slice(&list.stdout).unwrap();
    users.as_array().unwrap().iter().find(|u| u["name"] == json!(name)).cloned().unwrap()
}

#[test]
fn the_operator_resets_and_enables_accounts() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}", dir.path().join("t.db").display());
    assert!(bin().args(["init", "--example", "iraq-hmc", "--database", &db]).output().unwrap().status.success());
    let add = with_stdin(&["user", "add", "amira", "--role", "auditor", "--database", &db], &format!("{PASSWORD}\n"));
    assert!(add.status.success(), "{}", stderr(&add));

    // Disabled, then enabled again.
    assert!(bin().args(["user", "disable", "amira", "--database", &db]).output().unwrap().status.success());
    assert_eq!(user(&db, "amira")["disabled"], json!(true));
    let enable = bin().args(["user", "enable", "amira", "--database", &db]).output().unwrap();
    assert!(enable.status.success(), "{}", stderr(&enable));
    assert!(String::from_utf8_lossy(&enable.stdout).contains("Enabled user amira"));
    assert_eq!(user(&db, "amira")["disabled"], json!(false));
    let nobody = bin().args(["user", "enable", "nobody", "--database", &db]).output().unwrap();
    assert_eq!(nobody.status.code(), Some(1));
    assert!(stderr(&nobody).contains("nobody"), "{}", stderr(&nobody));

    // A reset reads the temporary password from standard input; none is a usage error.
    let none = bin().args(["user", "reset", "amira", "--database", &db]).stdin(Stdio::null()).output().unwrap();
    assert_eq!(none.status.code(), Some(2));
    // A weak one is refused, in Arabic too, and nothing changes.
    let weak = with_stdin(&["--lang", "ar", "user", "reset", "amira", "--database", &db], "short\n");
    assert_eq!(weak.status.code(), Some(1));
    assert!(plain(&stderr(&weak)).contains("كلمة المرور"), "{}", stderr(&weak));
    assert_eq!(user(&db, "amira")["must_change_password"], json!(false));
    let reset = with_stdin(&["user", "reset", "amira", "--database", &db], "temporary-password-1\n");
    assert!(reset.status.success(), "{}", stderr(&reset));
    assert!(String::from_utf8_lossy(&reset.stdout).contains("must change it"));
    let after = user(&db, "amira");
    assert_eq!(after["must_change_password"], json!(true));
    let table = bin().args(["user", "list", "--database", &db]).output().unwrap();
    assert!(String::from_utf8_lossy(&table.stdout).contains("must change password"));

    // Each step is in the audit log, by the operator, never with the password.
    let path = dir.path().join("t.db");
    let rows: Vec<(String, String, String)> = tokio::runtime::Runtime::new().unwrap().block_on(async {
        use sqlx::Connection;
        let mut c = sqlx::SqliteConnection::connect(&format!("sqlite://{}", path.display())).await.unwrap();
        sqlx::query_as("SELECT action, actor, COALESCE(after, '') FROM audit_log WHERE kind = 'user' AND record_id = 'amira' ORDER BY seq")
            .fetch_all(&mut c)
            .await
            .unwrap()
    });
    let actions: Vec<&str> = rows.iter().map(|r| r.0.as_str()).collect();
    assert_eq!(actions, ["create", "disable", "enable", "reset-password"]);
    assert!(rows.iter().all(|r| r.1.starts_with("cli:")), "{rows:?}");
    assert!(rows.iter().all(|r| !r.2.contains("temporary-password-1")), "never the password");
}
