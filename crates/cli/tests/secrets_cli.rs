//! The command-line tool and the files it leaves (issue 12): the SQLite database and exports
//! owner-only, exports written through a fresh temporary file (a planted symlink is never
//! followed) and holding no other delegation's drafts, passwords not echoed on a terminal,
//! and no escape sequence from the record printed raw (a round named with one cannot fake
//! `minutes verify`). Exports run on SQLite and on PostgreSQL (`TAHAWUL_TEST_POSTGRES`, as
//! `scripts/with-postgres cargo test -p tahawul --test integration secrets_cli::` sets it).

use crate::common;

use std::io::{Read, Write};
use std::os::unix::fs::MetadataExt;
use std::path::Path;
use std::process::Command;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use common::{founding, stderr, stdout, tahawul};
use serde_json::json;
use sqlx::Connection;
use tahawul_store::{PostgresStore, RecordKind, RecordWrite, SqliteStore, StoreOptions, prelude::*};

/// The permission bits of a file (not following a symlink).
fn mode(path: &Path) -> u32 {
    std::fs::symlink_metadata(path).unwrap_or_else(|e| panic!("{}: {e}", path.display())).mode() & 0o777
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap()
}

#[test]
fn the_sqlite_database_and_its_wal_are_owner_only() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    runtime().block_on(async {
        let store = SqliteStore::open(&path, StoreOptions::default()).await.unwrap();
        store.import_case(&tahawul_domain::load(&founding()).unwrap(), "setup").await.unwrap();
        // While the store is open SQLite keeps its write-ahead log and shared memory beside it.
        for file in ["t.db", "t.db-wal", "t.db-shm"] {
            let p = dir.path().join(file);
            assert!(p.exists(), "{file} exists while the store is open");
            assert_eq!(mode(&p) & 0o077, 0, "{file} is {:o}, readable by others", mode(&p));
        }
    });
}

/// A fresh PostgreSQL database on the test server, by URL.
async fn postgres_url() -> String {
    static N: AtomicU32 = AtomicU32::new(0);
    let url = std::env::var("TAHAWUL_TEST_POSTGRES")
        .expect("PostgreSQL tests need TAHAWUL_TEST_POSTGRES; run scripts/with-postgres cargo test -p tahawul");
    let name = format!("tahawul_cli_{}_{}", std::process::id(), N.fetch_add(1, Ordering::SeqCst));
    let mut admin = sqlx::PgConnection::connect(&url).await.unwrap();
    sqlx::raw_sql(&format!("CREATE DATABASE {name}")).execute(&mut admin).await.unwrap();
    let (base, query) = url.split_once('?').map_or((url.as_str(), None), |(b, q)| (b, Some(q)));
    let (server, _) = base.rsplit_once('/').expect("TAHAWUL_TEST_POSTGRES names a database");
    format!("{server}/{name}{}", query.map(|q| format!("?{q}")).unwrap_or_default())
}

/// The founding case with one unshared draft document for each of the US and Iraq.
async fn seed<S: Store>(store: &S) {
    store.import_case(&tahawul_domain::load(&founding()).unwrap(), "setup").await.unwrap();
    let base = store.list_records(RecordKind::Document).await.unwrap().remove(0).body;
    for party in ["us", "iq"] {
        let id = format!("draft-of-{party}");
        let mut body = base.clone();
        body["id"] = json!(id);
        let write = RecordWrite {
            kind: RecordKind::Document,
            id,
            body,
            owner_party: Some(party.into()),
            shared: false,
            releasable: false,
        };
        store.put_record(write, None, "setup").await.unwrap();
    }
}

/// Every file under `dir`, recursively.
fn files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if std::fs::symlink_metadata(&p).unwrap().is_dir() { out.extend(files(&p)) } else { out.push(p) }
    }
    out
}

fn exports_hold_one_delegation_owner_only_without_following_symlinks(database: &str) {
    let work = tempfile::tempdir().unwrap();
    // A victim outside the export, and symlinks to it planted where the old writer went:
    // the fixed temporary name `documents.tmp`, and the target `case.toml` itself.
    let victim = work.path().join("victim");
    std::fs::write(&victim, "untouched").unwrap();
    let out = work.path().join("out");
    std::fs::create_dir(&out).unwrap();
    std::os::unix::fs::symlink(&victim, out.join("documents.tmp")).unwrap();
    std::os::unix::fs::symlink(&victim, out.join("case.toml")).unwrap();
    let o = tahawul(&["export", out.to_str().unwrap(), "--database", database]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "untouched", "a planted symlink was followed");
    assert!(!std::fs::symlink_metadata(out.join("case.toml")).unwrap().file_type().is_symlink());
    let documents = std::fs::read_to_string(out.join("documents.toml")).unwrap();
    assert!(!documents.contains("draft-of-us") && !documents.contains("draft-of-iq"), "no draft without --party");
    for f in files(&out).iter().filter(|f| !f.ends_with("documents.tmp")) {
        assert_eq!(mode(f), 0o600, "{} is {:o}", f.display(), mode(f));
    }
    // No temporary file is left behind.
    assert!(files(&out).iter().all(|f| !f.to_string_lossy().contains(".tahawul-")));

    // For one delegation: its own drafts, never the other's; a new folder, owner-only.
    let us = work.path().join("us");
    let o = tahawul(&["export", us.to_str().unwrap(), "--database", database, "--party", "us"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("drafts of us"), "{}", stdout(&o));
    let documents = std::fs::read_to_string(us.join("documents.toml")).unwrap();
    assert!(documents.contains("draft-of-us") && !documents.contains("draft-of-iq"));
    assert_eq!(mode(&us), 0o700);
    assert!(files(&us).iter().all(|f| mode(f) == 0o600));
    // The export is a bundle the checker accepts.
    let o = tahawul(&["check", us.to_str().unwrap()]);
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));

    // An unknown party is a usage error naming the known ones; nothing written.
    let none = work.path().join("none");
    let o = tahawul(&["export", none.to_str().unwrap(), "--database", database, "--party", "fr"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("\"fr\"") && stderr(&o).contains("iq"), "{}", stderr(&o));
    assert!(!none.exists());
}

#[test]
fn sqlite_exports_hold_one_delegation_owner_only_without_following_symlinks() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    runtime().block_on(async { seed(&SqliteStore::open(&path, StoreOptions::default()).await.unwrap()).await });
    exports_hold_one_delegation_owner_only_without_following_symlinks(&format!("sqlite://{}", path.display()));
}

#[test]
fn postgres_exports_hold_one_delegation_owner_only_without_following_symlinks() {
    let url = runtime().block_on(async {
        let url = postgres_url().await;
        seed(&PostgresStore::connect(&url, StoreOptions::default()).await.unwrap()).await;
        url
    });
    exports_hold_one_delegation_owner_only_without_following_symlinks(&url);
}

#[test]
fn an_escape_sequence_in_a_name_cannot_fake_minutes_verify() {
    let dir = common::copy_bundle(&founding());
    let fake = "  Minutes: verified, signed by both heads";
    // A round name that clears its line, returns to the start and prints a verdict, then a
    // new line with another; and a person named with a colour escape.
    let rounds = std::fs::read_to_string(dir.path().join("rounds.toml")).unwrap();
    let rounds = rounds.replacen(
        "First US–Iraq Joint Security Cooperation Dialogue (JSCD 1)",
        &format!("JSCD 1\\u001b[2K\\r{fake}\\n{fake}\\u009b1A"),
        1,
    );
    std::fs::write(dir.path().join("rounds.toml"), rounds).unwrap();
    let case = std::fs::read_to_string(dir.path().join("case.toml")).unwrap();
    let case = case.replacen("Thabet al-Abbasi", "Thabet\\u001b[32m al-Abbasi\\u202e", 1);
    std::fs::write(dir.path().join("case.toml"), case).unwrap();
    let o = tahawul(&["minutes", "verify", "--case", dir.path().to_str().unwrap()]);
    let (out, err) = (stdout(&o), stderr(&o));
    for (what, text) in [("stdout", &out), ("stderr", &err)] {
        assert!(
            !text.chars().any(|c| (c.is_control() && c != '\n') || c == '\u{202e}'),
            "a control character reached {what} raw: {text:?}"
        );
    }
    // Each line printed says what it is: none begins with the forged verdict.
    assert!(out.lines().all(|l| !l.starts_with(fake)), "{out}");
    // The escapes are shown, not acted on (when the loader accepts the names at all).
    if o.status.success() || out.contains("JSCD 1") {
        assert!(out.contains("JSCD 1␛[2K␍"), "{out}");
    }
}

/// Runs `args` on a new pseudo-terminal as its controlling terminal, answers `answer` once
/// `prompt` appears, and returns everything the terminal showed and the exit status.
/// Whether the terminal behind `master` echoes what is typed (its ECHO flag).
fn echoes(master: &std::fs::File) -> bool {
    use std::os::fd::AsRawFd;
    // SAFETY: termios is plain data, and tcgetattr only writes it.
    let mut t: libc::termios = unsafe { std::mem::zeroed() };
    // SAFETY: a valid descriptor and a valid termios to fill.
    let r = unsafe { libc::tcgetattr(master.as_raw_fd(), &mut t) };
    r != 0 || t.c_lflag & libc::ECHO != 0
}

fn on_a_terminal(args: &[&str], prompt: &str, answer: &str) -> (String, std::process::ExitStatus) {
    use std::os::fd::FromRawFd;
    use std::os::unix::process::CommandExt;
    let (mut master, mut slave) = (0, 0);
    // SAFETY: openpty writes two fresh descriptors; null name, termios and size are allowed.
    let r = unsafe { libc::openpty(&mut master, &mut slave, std::ptr::null_mut(), std::ptr::null(), std::ptr::null()) };
    assert_eq!(r, 0, "openpty: {}", std::io::Error::last_os_error());
    // SAFETY: both descriptors are ours alone from here on.
    let (master, slave) = unsafe { (std::fs::File::from_raw_fd(master), std::fs::File::from_raw_fd(slave)) };
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_tahawul"));
    cmd.args(args)
        .env("LANG", "C")
        .env_remove("TAHAWUL_LANG")
        .stdin(slave.try_clone().unwrap())
        .stdout(slave.try_clone().unwrap())
        .stderr(slave.try_clone().unwrap());
    // SAFETY: only async-signal-safe calls between fork and exec.
    unsafe {
        cmd.pre_exec(|| {
            if libc::setsid() < 0 || libc::ioctl(0, libc::TIOCSCTTY as _, 0) < 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let mut child = cmd.spawn().unwrap();
    drop(slave);
    let (tx, rx) = std::sync::mpsc::channel::<Vec<u8>>();
    let mut reader = master.try_clone().unwrap();
    std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        // Ends with EIO once the child has exited and the terminal's other side is closed.
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                break;
            }
        }
    });
    let mut shown = Vec::new();
    let mut answered = false;
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    loop {
        match rx.recv_timeout(Duration::from_millis(200)) {
            Ok(chunk) => shown.extend(chunk),
            Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => break,
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {}
        }
        if !answered && String::from_utf8_lossy(&shown).contains(prompt) && !echoes(&master) {
            // Typed as a person would, after the prompt and once the program has turned the
            // terminal's echo off (typing before that would be echoed by the terminal itself,
            // whatever the program does), with Enter.
            (&master).write_all(format!("{answer}\r").as_bytes()).unwrap();
            answered = true;
        }
        if let Some(status) = child.try_wait().unwrap() {
            // Drain what is still on its way.
            while let Ok(chunk) = rx.recv_timeout(Duration::from_millis(300)) {
                shown.extend(chunk);
            }
            return (String::from_utf8_lossy(&shown).into_owned(), status);
        }
        assert!(std::time::Instant::now() < deadline, "no exit: {}", String::from_utf8_lossy(&shown));
    }
    let status = child.wait().unwrap();
    (String::from_utf8_lossy(&shown).into_owned(), status)
}

#[test]
fn a_password_typed_on_a_terminal_is_not_echoed() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}", dir.path().join("t.db").display());
    let o = tahawul(&["init", "--database", &db]);
    assert!(o.status.success(), "{}", stderr(&o));
    let secret = "correct-horse-battery-42";
    let (shown, status) =
        on_a_terminal(&["user", "add", "amira", "--role", "auditor", "--database", &db], "Password for", secret);
    assert!(status.success(), "{shown}");
    assert!(shown.contains("Added user amira"), "{shown}");
    assert!(!shown.contains(secret), "the password was echoed: {shown:?}");
}
