//! `tahawul backup FILE` and `tahawul restore FILE [--force]`: the whole database as one file,
//! taken while the service runs, and loaded back into an empty database of either backend
//! (`tahawul_store` `backup.rs` has the format). A backup holds password hashes and the whole
//! record: it is written owner-only, through a temporary file renamed into place, so a failed
//! backup never leaves a half file where an earlier good one was.

use std::io::{BufReader, BufWriter, Write};
use std::path::Path;

use clap::{Arg, ArgAction, Command, value_parser};
use serde_json::json;
use tahawul_i18n::{Localizer, Message};
use tahawul_store::{BackupSummary, StoreError, prelude::*};

use super::serve::{DEFAULT_DATABASE, db_failed, open, runtime};
use super::{Failure, print_json};
use crate::app::{Ctx, Format};

/// The `backup` and `restore` commands.
pub fn commands(loc: &Localizer) -> [Command; 2] {
    let db = || {
        Arg::new("database")
            .long("database")
            .value_name("URL")
            .default_value(DEFAULT_DATABASE)
            .help(loc.tr("service-cli-arg-database"))
    };
    let file = || {
        Arg::new("file")
            .value_name("FILE")
            .required(true)
            .value_parser(value_parser!(std::path::PathBuf))
            .help(loc.tr("backup-cli-arg-file"))
    };
    [
        Command::new("backup").about(loc.tr("backup-cli-about")).arg(db()).arg(file()),
        Command::new("restore")
            .about(loc.tr("restore-cli-about"))
            .arg(db())
            .arg(file())
            .arg(Arg::new("force").long("force").action(ArgAction::SetTrue).help(loc.tr("restore-cli-arg-force"))),
    ]
}

/// Writes a backup of `database` to `path`.
pub fn backup(ctx: &Ctx, database: &str, path: &Path) -> Result<(), Failure> {
    let failed = |e: std::io::Error| {
        Failure::Problem(
            Message::new("service-export-failed").arg("path", path.display().to_string()).arg("detail", e.to_string()),
            None,
        )
    };
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    // tempfile creates the file with O_EXCL and mode 0600.
    let tmp = tempfile::Builder::new().prefix(".tahawul-backup-").suffix(".tmp").tempfile_in(dir).map_err(failed)?;
    let summary = runtime()?.block_on(async {
        let store = open(database).await?;
        let mut out = BufWriter::new(tmp.as_file());
        let summary = store.backup(&mut out).await.map_err(db_failed)?;
        out.flush().map_err(failed)?;
        Ok::<_, Failure>(summary)
    })?;
    tmp.as_file().sync_all().map_err(failed)?;
    tmp.persist(path).map_err(|e| failed(e.error))?;
    report(ctx, "backup-written", path, &summary);
    Ok(())
}

/// Loads the backup at `path` into `database` (replacing what it holds only with `force`),
/// then verifies the audit log it now holds.
pub fn restore(ctx: &Ctx, database: &str, path: &Path, force: bool) -> Result<(), Failure> {
    let name = path.display().to_string();
    runtime()?.block_on(async {
        let store = open(database).await?;
        let summary = store.restore(&name, || std::fs::File::open(path).map(BufReader::new), force).await.map_err(
            |e| match e {
                StoreError::Invalid(problems) => {
                    let mut it = problems.into_iter();
                    match it.next() {
                        Some(p) if p.at.is_empty() => Failure::Problem(p.message, p.help),
                        Some(p) => Failure::Problem(
                            Message::new("backup-problem").arg("at", p.at.as_str()).arg("detail", p.message),
                            p.help,
                        ),
                        None => Failure::Problem(Message::new("api-invalid"), None),
                    }
                }
                other => db_failed(other),
            },
        )?;
        match store.verify_audit().await {
            Ok(_) => {
                report(ctx, "restore-done", path, &summary);
                Ok(())
            }
            Err(e) => Err(Failure::Problem(
                Message::new("restore-audit-fails").arg("file", name.as_str()).arg("error", e.to_string()),
                None,
            )),
        }
    })
}

fn report(ctx: &Ctx, id: &'static str, path: &Path, s: &BackupSummary) {
    match ctx.format {
        Format::Json => print_json(&json!({
            "file": path.display().to_string(),
            "tables": s.tables.iter().map(|(t, n)| json!({ "table": t, "rows": n })).collect::<Vec<_>>(),
            "rows": s.rows(),
            "audit_head": { "seq": s.audit_seq, "hash": s.audit_hash },
        })),
        Format::Table => println!(
            "{}",
            ctx.t(&Message::new(id)
                .arg("file", path.display().to_string())
                .arg("rows", s.rows())
                .arg("tables", s.tables.len())
                .arg("seq", s.audit_seq))
        ),
    }
}
