//! `tahawul serve` killed with SIGKILL in the middle of a stream of writes loses no write it
//! had acknowledged, and the audit chain still verifies after a restart.

use std::io::Write;
use std::process::Stdio;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::common;

use common::server::{PASSWORD, bin as tahawul, serve, token};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn acknowledged_writes_survive_sigkill() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}", dir.path().join("kill.db").display());
    assert!(tahawul().args(["init", "--database", &db]).output().unwrap().status.success());
    let mut add = tahawul()
        .args(["user", "add", "wg", "--role", "working-group-member", "--factor", "threat", "--database", &db])
        .stdin(Stdio::piped())
        .spawn()
        .unwrap();
    add.stdin.take().unwrap().write_all(format!("{PASSWORD}\n").as_bytes()).unwrap();
    assert!(add.wait().unwrap().success());

    let (mut server, base) = serve(&db);
    let client = reqwest::Client::new();
    let login: Value = client
        .post(format!("{base}/api/v1/session"))
        .json(&json!({ "name": "wg", "password": PASSWORD }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(login["csrf_token"].is_string(), "{login}");
    let token = token(&base, "wg").await;

    // Stream batches, each with distinct values; remember which the server acknowledged.
    let acked = std::sync::Arc::new(std::sync::Mutex::new(Vec::<i64>::new()));
    let writer = {
        let (acked, base, token, client) = (acked.clone(), base.clone(), token.clone(), client.clone());
        tokio::spawn(async move {
            for n in 0..10_000i64 {
                let obs: Vec<Value> = (0..20)
                    .map(|k| json!({ "factor": "threat", "indicator": "incidents_per_year", "area": "iraq", "period": "2030", "value": (n * 100 + k) as f64 + 0.25,
                                      "publisher": "gtd", "method": "gtd-all-terrorism", "as_of": "2031-01-01", "confidence": "low", "illustrative": true, "document": null }))
                    .collect();
                match client
                    .post(format!("{base}/api/v1/observations"))
                    .bearer_auth(&token)
                    .json(&json!({ "observations": obs }))
                    .send()
                    .await
                {
                    Ok(r) if r.status() == 201 => acked.lock().unwrap().push(n),
                    Ok(r) => panic!("batch {n} refused: {} {}", r.status(), r.text().await.unwrap_or_default()),
                    Err(_) => return, // the server died mid-request: not acknowledged
                }
            }
        })
    };
    // Let a stream build up, then kill without warning.
    let start = Instant::now();
    while acked.lock().unwrap().len() < 30 && start.elapsed() < Duration::from_secs(60) {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    server.0.kill().unwrap(); // SIGKILL
    server.0.wait().unwrap();
    let _ = writer.await;
    let acked = acked.lock().unwrap().clone();
    assert!(acked.len() >= 30, "the stream was flowing before the kill ({} batches)", acked.len());

    // Restart: every acknowledged batch is there, whole.
    let (mut server, base) = serve(&db);
    let rows: Value = client
        .get(format!("{base}/api/v1/observations?factor=threat&indicator=incidents_per_year&area=iraq"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let values: std::collections::HashSet<i64> = rows
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["observation"]["value"].as_f64())
        .filter(|v| v.fract() == 0.25)
        .map(|v| v as i64)
        .collect();
    for n in &acked {
        for k in 0..20 {
            assert!(values.contains(&(n * 100 + k)), "acknowledged batch {n} row {k} lost");
        }
    }
    // No batch is half there.
    for n in values.iter().map(|v| v / 100).collect::<std::collections::HashSet<_>>() {
        assert!((0..20).all(|k| values.contains(&(n * 100 + k))), "batch {n} is partial");
    }
    server.0.kill().unwrap();
    server.0.wait().unwrap();
    let out = tahawul().args(["audit", "verify", "--database", &db]).output().unwrap();
    assert!(out.status.success(), "audit verify after the kill: {}", String::from_utf8_lossy(&out.stderr));
    eprintln!("{} batches acknowledged before SIGKILL; all present after restart", acked.len());
}

#[test]
fn audit_verify_exits_1_and_says_where_the_chain_breaks() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    let db = format!("sqlite://{}", path.display());
    assert!(tahawul().args(["init", "--database", &db]).output().unwrap().status.success());
    let ok = tahawul().args(["audit", "verify", "--database", &db]).output().unwrap();
    assert!(ok.status.success());
    assert!(String::from_utf8_lossy(&ok.stdout).contains("verifies"));
    // Tamper directly in the database.
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        use sqlx::Connection;
        let mut c = sqlx::SqliteConnection::connect(&format!("sqlite://{}", path.display())).await.unwrap();
        sqlx::query("UPDATE audit_log SET actor = 'mallory' WHERE seq = 5").execute(&mut c).await.unwrap();
    });
    let bad = tahawul().args(["--lang", "ar", "audit", "verify", "--database", &db]).output().unwrap();
    assert_eq!(bad.status.code(), Some(1));
    let err = String::from_utf8_lossy(&bad.stderr);
    assert!(err.contains('5') && err.contains("سجل التدقيق غير سليم"), "{err}");
}

#[test]
fn init_export_import_and_users_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}", dir.path().join("t.db").display());
    assert!(tahawul().args(["init", "--example", "iraq-hmc", "--database", &db]).output().unwrap().status.success());
    let again = tahawul().args(["init", "--database", &db]).output().unwrap();
    assert_eq!(again.status.code(), Some(1), "init refuses a database that holds a case");
    // Export writes a bundle that checks.
    let out = dir.path().join("bundle");
    assert!(tahawul().args(["export", out.to_str().unwrap(), "--database", &db]).output().unwrap().status.success());
    assert!(tahawul().args(["check", out.to_str().unwrap()]).output().unwrap().status.success());
    // CSV import: a bad row and nothing is written; every bad row by its line.
    let csv = dir.path().join("obs.csv");
    std::fs::write(&csv, "indicator,area,period,value,scale_version,publisher,method,as_of,confidence,illustrative,document,note\nthreat.incidents_per_year,iraq,2031,10,,gtd,gtd-all-terrorism,2032-01-01,high,false,figures,\nthreat.incidents_per_year,nowhere,2031,10,,gtd,gtd-all-terrorism,2032-01-01,high,false,figures,\n").unwrap();
    let bad = tahawul().args(["import", "observations", csv.to_str().unwrap(), "--database", &db]).output().unwrap();
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains(":3:"), "{}", String::from_utf8_lossy(&bad.stderr));
    // Users: the password comes from stdin, never argv.
    let mut add = tahawul()
        .args(["user", "add", "amira", "--role", "delegation-head", "--party", "iq", "--database", &db])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    add.stdin.take().unwrap().write_all(format!("{PASSWORD}\n").as_bytes()).unwrap();
    assert!(add.wait().unwrap().success());
    let no_pw = tahawul()
        .args(["user", "add", "omar", "--role", "auditor", "--database", &db])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(no_pw.status.code(), Some(2));
    assert!(tahawul().args(["user", "disable", "amira", "--database", &db]).output().unwrap().status.success());
    let list = tahawul().args(["--format", "json", "user", "list", "--database", &db]).output().unwrap();
    let users: Value = serde_json::from_slice(&list.stdout).unwrap();
    assert_eq!(users[0]["name"], json!("amira"));
    assert_eq!(users[0]["disabled"], json!(true));
}
