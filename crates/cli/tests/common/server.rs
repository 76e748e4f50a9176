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
