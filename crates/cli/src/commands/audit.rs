//! `tahawul audit verify [--since FILE]` and `tahawul audit checkpoint [-o FILE]`: the hash
//! chain and observation digests checked from the database, and the signed checkpoints each
//! party keeps, checked by consistency proof against the database or a server
//! (docs/storage.md, "The Merkle log and checkpoints").

use std::path::{Path, PathBuf};

use clap::{Arg, ArgMatches, Command, value_parser};
use serde_json::{Value, json};
use tahawul_i18n::{Localizer, Message};
use tahawul_ledger::checkpoint::{
    Checkpoint, CheckpointError, Divergence, LogPublicKey, check_extends, hash_from_base64,
};
use tahawul_ledger::merkle::Hash;
use tahawul_store::{StoreError, load_log_key, load_or_create_log_key, log_key_path, prelude::*};
use tahawul_web::AnyStore;

use super::serve::{DEFAULT_DATABASE, db_failed, open, runtime};
use super::{Failure, print_json};
use crate::app::{Ctx, Format};

/// The `audit` command with `verify` and `checkpoint`.
pub fn command(loc: &Localizer) -> Command {
    let db = || {
        Arg::new("database")
            .long("database")
            .value_name("URL")
            .default_value(DEFAULT_DATABASE)
            .help(loc.tr("service-cli-arg-database"))
    };
    let server = || Arg::new("server").long("server").value_name("URL").help(loc.tr("audit-cli-arg-server"));
    Command::new("audit")
        .about(loc.tr("service-cli-audit-about"))
        .subcommand_required(true)
        .subcommand(
            Command::new("verify").about(loc.tr("service-cli-audit-about")).arg(db()).arg(server()).arg(
                Arg::new("since")
                    .long("since")
                    .value_name("FILE")
                    .value_parser(value_parser!(PathBuf))
                    .help(loc.tr("audit-cli-arg-since")),
            ),
        )
        .subcommand(
            Command::new("checkpoint").about(loc.tr("audit-cli-checkpoint-about")).arg(db()).arg(server()).arg(
                Arg::new("output")
                    .short('o')
                    .long("output")
                    .value_name("FILE")
                    .value_parser(value_parser!(PathBuf))
                    .help(loc.tr("audit-cli-arg-output")),
            ),
        )
}

/// Runs `audit verify` or `audit checkpoint`.
pub fn run(ctx: &Ctx, m: &ArgMatches) -> Result<(), Failure> {
    let (name, sm) = m.subcommand().ok_or(Failure::Usage(Message::new("cli-usage-error")))?;
    let source = match sm.get_one::<String>("server") {
        Some(url) => Source::Server(server::Client::new(url)?),
        None => {
            let url = sm.get_one::<String>("database").cloned().unwrap_or(DEFAULT_DATABASE.into());
            let rt = runtime()?;
            let store = rt.block_on(open(&url))?;
            Source::Database { url, store, rt }
        }
    };
    match name {
        "verify" => verify(ctx, &source, sm.get_one::<PathBuf>("since").map(PathBuf::as_path)),
        "checkpoint" => checkpoint(ctx, &source, sm.get_one::<PathBuf>("output").map(PathBuf::as_path)),
        _ => Err(Failure::Usage(Message::new("cli-usage-error"))),
    }
}

/// Where the log is read: the database itself, or a server over its API.
enum Source {
    Database { url: String, store: AnyStore, rt: tokio::runtime::Runtime },
    Server(server::Client),
}

/// The log as read: its current checkpoint, the key it is signed with, and a way to the
/// consistency proof from an earlier size.
struct Current {
    checkpoint: Checkpoint,
    note: String,
    key: LogPublicKey,
}

fn problem(m: Message) -> Failure {
    Failure::Problem(m, None)
}

fn key_failed(path: &Path, e: impl std::fmt::Display) -> Failure {
    problem(Message::new("audit-log-key-failed").arg("path", path.display().to_string()).arg("detail", e.to_string()))
}

/// Now, to the second: the time line of a checkpoint.
fn now() -> String {
    let t = jiff::Timestamp::now();
    t.round(jiff::Unit::Second).unwrap_or(t).to_string()
}

impl Source {
    /// The current signed checkpoint. From a database it is signed here with the server's log
    /// key (made beside the database at first use); from a server, the server signs it.
    fn current(&self, create_key: bool) -> Result<Current, Failure> {
        match self {
            Source::Database { url, store, rt } => {
                let path = log_key_path(url);
                let key = if create_key { load_or_create_log_key(&path) } else { load_log_key(&path) }
                    .map_err(|e| key_failed(&path, e))?;
                let head = rt.block_on(store.audit_tree_head()).map_err(db_failed)?;
                let checkpoint =
                    Checkpoint { origin: head.origin, size: head.size, root: head.root, time: Some(now()) };
                Ok(Current { note: checkpoint.sign(&key), checkpoint, key: key.public() })
            }
            Source::Server(c) => {
                let doc = c.get("/api/v1/audit/checkpoint")?;
                let bad = || problem(Message::new("audit-server-bad-answer").arg("url", c.base.as_str()));
                let key = doc["key"].as_str().and_then(LogPublicKey::parse).ok_or_else(bad)?;
                let note = doc["checkpoint"].as_str().ok_or_else(bad)?.to_string();
                let checkpoint = Checkpoint::open(&note, &key).map_err(|_| bad())?;
                Ok(Current { checkpoint, note, key })
            }
        }
    }

    /// The consistency proof from size `from` to size `to`.
    fn consistency(&self, from: u64, to: u64) -> Result<Vec<Hash>, Failure> {
        match self {
            Source::Database { store, rt, .. } => rt.block_on(store.audit_consistency(from, to)).map_err(db_failed),
            Source::Server(c) => {
                let doc = c.get(&format!("/api/v1/audit/consistency?from={from}&to={to}"))?;
                let bad = || problem(Message::new("audit-server-bad-answer").arg("url", c.base.as_str()));
                doc["proof"]
                    .as_array()
                    .ok_or_else(bad)?
                    .iter()
                    .map(|h| h.as_str().and_then(hash_from_base64).ok_or_else(bad))
                    .collect()
            }
        }
    }
}

/// Verifies the log: from a database, the chain and every observation batch; from a server,
/// the server's own verification (auditors and the secretariat). With `--since`, also that the
/// log extends the kept checkpoint.
fn verify(ctx: &Ctx, source: &Source, since: Option<&Path>) -> Result<(), Failure> {
    let chain = match source {
        Source::Database { store, rt, .. } => rt.block_on(async {
            match store.verify_audit().await {
                Ok(v) => Ok(json!({ "valid": true, "entries": v.len, "head": v.head })),
                Err(StoreError::AuditBroken(b)) => Ok(json!({ "valid": false, "seq": b.seq, "break": b.to_string() })),
                Err(e) => Err(db_failed(e)),
            }
        })?,
        // Delegations may not read the whole log; the checkpoint check below is theirs.
        Source::Server(c) if since.is_none() => c.get("/api/v1/audit/verify")?,
        Source::Server(_) => Value::Null,
    };
    if chain["valid"] == json!(false) {
        if ctx.format == Format::Json {
            print_json(&chain);
        }
        let detail = chain["break"].as_str().unwrap_or_default().to_string();
        return Err(problem(Message::new("service-audit-broken").arg("detail", detail)));
    }
    let Some(file) = since else {
        let entries = chain["entries"].as_u64().unwrap_or(0);
        let head = chain["head"]["hash"].as_str().unwrap_or_default().to_string();
        match ctx.format {
            Format::Json => print_json(&chain),
            Format::Table => {
                println!("{}", ctx.t(&Message::new("service-audit-ok").arg("count", entries).arg("head", head)))
            }
        }
        return Ok(());
    };
    let shown = file.display().to_string();
    let text = std::fs::read_to_string(file).map_err(|e| {
        problem(Message::new("audit-checkpoint-unreadable").arg("file", shown.as_str()).arg("detail", e.to_string()))
    })?;
    let current = source.current(false)?;
    let kept = Checkpoint::open(&text, &current.key).map_err(|e| match e {
        CheckpointError::Malformed { line, .. } => {
            problem(Message::new("audit-checkpoint-malformed").arg("file", shown.as_str()).arg("line", line as u64))
        }
        CheckpointError::BadSignature => Failure::Problem(
            Message::new("audit-checkpoint-forged").arg("file", shown.as_str()),
            Some(Message::new("audit-checkpoint-forged-help")),
        ),
        _ => Failure::Problem(
            Message::new("audit-checkpoint-other-key").arg("file", shown.as_str()).arg("key", current.key.to_string()),
            Some(Message::new("audit-checkpoint-other-key-help")),
        ),
    })?;
    let proof = if current.checkpoint.size >= kept.size && kept.origin == current.checkpoint.origin {
        source.consistency(kept.size, current.checkpoint.size)?
    } else {
        Vec::new()
    };
    let outcome = check_extends(&kept, &current.checkpoint, &proof);
    if ctx.format == Format::Json {
        print_json(&json!({
            "valid": outcome.is_ok(),
            "chain": chain,
            "since": { "size": kept.size, "root": tahawul_ledger::checkpoint::hash_to_base64(&kept.root) },
            "current": { "size": current.checkpoint.size, "root": tahawul_ledger::checkpoint::hash_to_base64(&current.checkpoint.root) },
            "divergence": outcome.as_ref().err().map(|d| d.to_string()),
        }));
    }
    match outcome {
        Ok(()) => {
            if ctx.format == Format::Table {
                println!(
                    "{}",
                    ctx.t(&Message::new("audit-since-ok")
                        .arg("file", shown.as_str())
                        .arg("from", kept.size)
                        .arg("to", current.checkpoint.size))
                );
            }
            Ok(())
        }
        Err(Divergence::OtherLog { kept, current }) => {
            Err(problem(Message::new("audit-since-other-log").arg("kept", kept).arg("current", current)))
        }
        Err(Divergence::Rewound { kept, current }) => Err(Failure::Problem(
            Message::new("audit-since-rewound").arg("kept", kept).arg("current", current),
            Some(Message::new("audit-since-evidence-help")),
        )),
        Err(Divergence::Rewritten { kept }) => Err(Failure::Problem(
            Message::new("audit-since-rewritten").arg("file", shown.as_str()).arg("size", kept),
            Some(Message::new("audit-since-evidence-help")),
        )),
    }
}

/// Prints the current signed checkpoint, or writes it to `output` to keep.
fn checkpoint(ctx: &Ctx, source: &Source, output: Option<&Path>) -> Result<(), Failure> {
    let current = source.current(true)?;
    let cp = &current.checkpoint;
    if let Some(path) = output {
        let shown = path.display().to_string();
        std::fs::write(path, &current.note).map_err(|e| {
            problem(
                Message::new("audit-checkpoint-cannot-write").arg("file", shown.as_str()).arg("detail", e.to_string()),
            )
        })?;
        if ctx.format == Format::Table {
            println!(
                "{}",
                ctx.t(&Message::new("audit-checkpoint-written")
                    .arg("file", shown.as_str())
                    .arg("origin", cp.origin.as_str())
                    .arg("size", cp.size))
            );
        }
    }
    match ctx.format {
        Format::Json => print_json(&json!({
            "checkpoint": current.note,
            "origin": cp.origin,
            "size": cp.size,
            "root": tahawul_ledger::checkpoint::hash_to_base64(&cp.root),
            "time": cp.time,
            "key": current.key.to_string(),
            "vkey": current.key.vkey(&cp.origin),
        })),
        Format::Table if output.is_none() => print!("{}", current.note),
        Format::Table => {}
    }
    Ok(())
}

mod server {
    pub use crate::commands::server_client::ServerClient as Client;
}
