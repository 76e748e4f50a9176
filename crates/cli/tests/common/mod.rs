//! What the command-line tests share: the binary run as a user runs it, its output, and
//! throwaway copies of bundles to break or extend.
#![allow(dead_code)] // each test file uses its own part of this

pub mod server;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The small test bundle.
pub fn mini() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../domain/tests/bundles/mini")
}

/// The founding case.
pub fn founding() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/iraq-hmc")
}

/// Runs `tahawul` with a neutral environment (English, Latin digits, no passphrase) plus `env`.
pub fn tahawul_env(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_tahawul"));
    c.args(args)
        .env_remove("TAHAWUL_LANG")
        .env_remove("TAHAWUL_DIGITS")
        .env_remove("TAHAWUL_PASSPHRASE")
        .env("LANG", "C");
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().expect("the binary runs")
}

/// Runs `tahawul` with a neutral environment.
pub fn tahawul(args: &[&str]) -> Output {
    tahawul_env(args, &[])
}

/// Standard output as text.
pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("UTF-8 output")
}

/// Standard error as text.
pub fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("UTF-8 errors")
}

/// Text without the bidi isolates (U+2068 … U+2069) the Arabic output wraps around dates,
/// numbers and expressions: for tests about the words.
pub fn plain(s: &str) -> String {
    s.replace(['\u{2068}', '\u{2069}'], "")
}

/// Text with the isolates made visible as ⁅ … ⁆: for snapshots, whose reviewers must see them.
pub fn marked(s: &str) -> String {
    s.replace('\u{2068}', "⁅").replace('\u{2069}', "⁆")
}

/// Standard output parsed as JSON.
pub fn json(o: &Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("stdout is not JSON ({e}): {} {}", stdout(o), stderr(o)))
}

/// A throwaway copy of a bundle folder, subfolders included.
pub fn copy_bundle(from: &Path) -> tempfile::TempDir {
    fn copy(from: &Path, to: &Path) {
        std::fs::create_dir_all(to).unwrap();
        for e in std::fs::read_dir(from).unwrap() {
            let p = e.unwrap().path();
            let dest = to.join(p.file_name().unwrap());
            if p.is_dir() { copy(&p, &dest) } else { std::fs::copy(&p, &dest).map(|_| ()).unwrap() }
        }
    }
    let dir = tempfile::tempdir().unwrap();
    copy(from, dir.path());
    dir
}

/// A copy of the mini bundle with one edit in one file.
pub fn broken_copy(file: &str, find: &str, replace: &str) -> tempfile::TempDir {
    let dir = copy_bundle(&mini());
    let path = dir.path().join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(find), "{find:?} not in {file}");
    std::fs::write(path, text.replacen(find, replace, 1)).unwrap();
    dir
}
