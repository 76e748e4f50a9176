//! `tahawul export PATH [--party P]`: the stored case written as a bundle, for one reader.
//!
//! An export leaves the server, so it holds what its reader may see and nothing else — the
//! access layer's visibility rule ([`tahawul_web::access::visible`]), the same the API and the
//! pages apply:
//! - without `--party`: the shared record only (no delegation's drafts);
//! - with `--party P`: the shared record and delegation P's own drafts.
//!
//! No export holds two delegations' drafts. A whole backup is a copy of the database, not an
//! export (see `docs/storage.md`). Files are written owner-only, each through a fresh
//! temporary file renamed into place ([`tahawul_domain::bundle::write_file`]).

use std::path::Path;

use tahawul_domain::Dataset;
use tahawul_i18n::{Lang, Localizer, Message};
use tahawul_store::{Role, User, prelude::*};

use super::Failure;
use super::serve::{db_failed, open, runtime};
use crate::app::Ctx;

/// The file of an exported bundle that cites the datasets its imported figures come from.
pub const CITATION_FILE: &str = "CITATION.md";

/// The citations in English and in Arabic: the file goes to readers of either language.
fn citation_file(cited: &[Message]) -> String {
    let mut out = String::new();
    for lang in [Lang::En, Lang::Ar] {
        let Ok(loc) = Localizer::new(lang) else { continue };
        out.push_str(&format!("# {}\n\n", loc.tr("events-citations-title")));
        for m in cited {
            out.push_str(&format!("{}\n\n", loc.format(m)));
        }
    }
    out
}

/// The reader an export is made for: a member of `party`, or of no delegation (who sees the
/// shared record only).
fn reader(party: Option<&str>) -> User {
    User {
        name: "cli:export".into(),
        display_name: "export".into(),
        role: Role::DelegationMember,
        party: party.map(str::to_string),
        factor: None,
        disabled: false,
        version: 0,
        created_at: String::new(),
        lang: None,
        digits: None,
        email: None,
        reminders: None,
        directory: false,
        must_change_password: false,
    }
}

/// Writes the bundle for `party` (or the shared record only).
pub fn run(ctx: &Ctx, database: &str, path: &Path, party: Option<&str>) -> Result<(), Failure> {
    let (case, imports) = runtime()?.block_on(async {
        let store = open(database).await?;
        let snapshot = store.snapshot().await.map_err(db_failed)?;
        let imports = store.event_imports(None).await.map_err(db_failed)?;
        if let Some(p) = party {
            if snapshot.case.party(p).is_none() {
                let known: Vec<&str> = snapshot.case.parties.iter().map(|x| x.id.as_str()).collect();
                return Err(Failure::Usage(
                    Message::new("security-export-unknown-party").arg("party", p).arg("known", known.join(", ")),
                ));
            }
        }
        let hidden = tahawul_web::access::hidden_from(&reader(party), &snapshot.records);
        Ok((tahawul_web::access::case_without(&snapshot.case, &hidden), imports))
    })?;
    // Imported figures travel with the credit their dataset's licence asks for: the releases
    // of the imports whose definitions this reader's case still holds.
    let sources: Vec<(Dataset, &str)> = imports
        .iter()
        .filter_map(|i| case.import_definition(&i.definition).map(|(_, d)| (d.dataset, i.release.as_str())))
        .collect();
    let cited = tahawul_domain::event_import::citations(sources);
    tahawul_domain::bundle::write(&case, path).map_err(|e| {
        Failure::Problem(
            Message::new("service-export-failed").arg("path", path.display().to_string()).arg("detail", e.to_string()),
            None,
        )
    })?;
    if !cited.is_empty() {
        let text = citation_file(&cited);
        tahawul_domain::bundle::write_file(&path.join(CITATION_FILE), text.as_bytes()).map_err(|e| {
            Failure::Problem(
                Message::new("service-export-failed")
                    .arg("path", path.join(CITATION_FILE).display().to_string())
                    .arg("detail", e.to_string()),
                None,
            )
        })?;
        for m in &cited {
            println!("{}", ctx.t(m));
        }
    }
    let done = match party {
        Some(p) => Message::new("security-export-done-party").arg("party", p),
        None => Message::new("security-export-done-shared"),
    };
    println!("{}", ctx.t(&done.arg("path", path.display().to_string())));
    Ok(())
}
