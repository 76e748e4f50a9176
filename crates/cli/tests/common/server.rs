//! A real `tahawul serve` for the tests that talk to one over HTTP (`--server` commands, a
//! kill in the middle of writes): started on a free port, stopped when dropped.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// The password every test account gets.
pub const PASSWORD: &str = "correct horse battery";

/// The binary as a test runs it: English, quiet, without a log key from the environment.
pub fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_tahawul"));
    c.env("TAHAWUL_LANG", "en").env("TAHAWUL_LOG", "warn").env_remove("TAHAWUL_LOG_KEY");
    c
}

/// A running server; killed and reaped when dropped, so a failing test leaves no process.
pub struct Server(pub Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts `tahawul serve` on `db` on a free port; the server and its base URL.
pub fn serve(db: &str) -> (Server, String) {
    let mut server = Server(
        bin()
            .args(["serve", "--database", db, "--bind", "127.0.0.1:0"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("tahawul serve starts"),
    );
    let mut out = BufReader::new(server.0.stdout.take().expect("stdout is piped"));
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let mut line = String::new();
        // `server` is dropped (killed) if this fails.
        assert!(out.read_line(&mut line).unwrap_or(0) > 0 && Instant::now() < deadline, "serve printed no address");
        if let Some(i) = line.find("http://") {
            let url = line[i..].split_whitespace().next().unwrap_or_default().to_string();
            // Keep draining stdout so the server never blocks on a full pipe.
            std::thread::spawn(move || for _ in out.lines() {});
            return (server, url);
        }
    }
}

/// An API token for `name` (password [`PASSWORD`]), made through a session as a user would.
pub async fn token(base: &str, name: &str) -> String {
    let jar = reqwest::Client::builder().cookie_store(true).build().unwrap();
    let l: Value = jar
        .post(format!("{base}/api/v1/session"))
        .json(&json!({ "name": name, "password": PASSWORD }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let t: Value = jar
        .post(format!("{base}/api/v1/tokens"))
        .header("x-csrf-token", l["csrf_token"].as_str().unwrap())
        .json(&json!({ "label": "cli test" }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    t["token"].as_str().unwrap().to_string()
}

/// `tahawul user add NAME --role ROLE EXTRA… --database DB`, the password ([`PASSWORD`]) on
/// standard input as a person types it; `env` on top of [`bin`]'s.
pub fn add_user(db: &str, name: &str, role: &str, extra: &[&str], env: &[(&str, &str)]) {
    use std::io::Write;
    let mut args = vec!["user", "add", name, "--role", role, "--database", db];
    args.extend_from_slice(extra);
    let mut c = bin();
    c.args(&args).stdin(Stdio::piped()).stdout(Stdio::null());
    for (k, v) in env {
        c.env(k, v);
    }
    let mut c = c.spawn().unwrap();
    c.stdin.take().unwrap().write_all(format!("{PASSWORD}\n").as_bytes()).unwrap();
    assert!(c.wait().unwrap().success(), "user add {name}");
}

/// A fresh database on the PostgreSQL server named by `TAHAWUL_TEST_POSTGRES`; its URL.
pub fn fresh_postgres(test: &str) -> String {
    use sqlx::Connection;
    let url = std::env::var("TAHAWUL_TEST_POSTGRES").unwrap_or_else(|_| {
        panic!(
            "PostgreSQL tests need TAHAWUL_TEST_POSTGRES; run scripts/with-postgres cargo test -p tahawul --test integration {test}::"
        )
    });
    let name = format!("tahawul_{test}_{}_{}", std::process::id(), jiff::Timestamp::now().as_microsecond());
    tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(async {
        let mut admin = sqlx::PgConnection::connect(&url).await.unwrap();
        sqlx::raw_sql(&format!("CREATE DATABASE {name}")).execute(&mut admin).await.unwrap();
    });
    let (base, query) = url.split_once('?').map_or((url.as_str(), None), |(b, q)| (b, Some(q)));
    let (server, _) = base.rsplit_once('/').expect("TAHAWUL_TEST_POSTGRES names a database");
    format!("{server}/{name}{}", query.map(|q| format!("?{q}")).unwrap_or_default())
}
