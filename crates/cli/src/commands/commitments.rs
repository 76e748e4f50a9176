//! `tahawul commitments`: the commitment ledger.

use std::path::Path;

use serde::Serialize;
use tahawul_domain::{Commitment, Text};
use tahawul_i18n::Message;

use super::{Failure, load, print_json};
use crate::app::{Ctx, Format};

/// One commitment as the JSON output gives it (documented in docs/cli.md).
#[derive(Serialize)]
struct Row<'a> {
    id: &'a str,
    parties: Vec<&'a str>,
    round: &'a str,
    theme: &'a str,
    status: u8,
    status_name: &'static str,
    status_label: String,
    open: bool,
    text: &'a Text,
    status_note: &'a Text,
    due: Option<String>,
    illustrative: bool,
    evidence: Vec<&'a str>,
    sources: Vec<&'a str>,
}

/// Lists commitments, optionally only open ones or one party's.
pub fn run(ctx: &Ctx, path: &Path, open_only: bool, party: Option<&str>) -> Result<(), Failure> {
    let case = load(path)?;
    if let Some(p) = party
        && case.party(p).is_none()
    {
        let known: Vec<&str> = case.parties.iter().map(|p| p.id.as_str()).collect();
        return Err(Failure::Usage(Message::new("cli-unknown-party").arg("party", p).arg("known", known.join(", "))));
    }
    let selected: Vec<&Commitment> = case
        .commitments
        .iter()
        .filter(|c| !open_only || c.is_open())
        .filter(|c| party.is_none_or(|p| c.parties.iter().any(|x| x.as_str() == p)))
        .collect();
    match ctx.format {
        Format::Json => {
            let rows: Vec<Row> = selected
                .iter()
                .map(|c| Row {
                    id: c.id.as_str(),
                    parties: c.parties.iter().map(|p| p.as_str()).collect(),
                    round: c.round.as_str(),
                    theme: c.theme.as_str(),
                    status: c.status as u8,
                    status_name: c.status.as_str(),
                    status_label: ctx.loc.tr(c.status.message_id()),
                    open: c.is_open(),
                    text: &c.text,
                    status_note: &c.status_note,
                    due: c.due.map(|d| d.to_string()),
                    illustrative: c.illustrative,
                    evidence: c.evidence.iter().map(|e| e.as_str()).collect(),
                    sources: c.sources.iter().map(|e| e.as_str()).collect(),
                })
                .collect();
            print_json(&rows);
        }
        Format::Table => {
            let lang = ctx.loc.lang();
            let header = if open_only { "cli-commitments-open-header" } else { "cli-commitments-header" };
            println!("{}", ctx.t(&Message::new(header).arg("count", selected.len()).arg("name", &case.name)));
            for c in &selected {
                let parties: Vec<&str> =
                    c.parties.iter().map(|p| case.party(p.as_str()).map_or(p.as_str(), |x| x.name.get(lang))).collect();
                let round = case.round(c.round.as_str()).map_or(c.round.as_str(), |r| r.name.get(lang));
                let mut line = format!(
                    "[{}] {} — {}",
                    ctx.loc.number(f64::from(c.status as u8), 0),
                    ctx.loc.tr(c.status.message_id()),
                    c.text.get(lang)
                );
                if c.illustrative {
                    line.push_str(&format!(" ({})", ctx.loc.tr("illustrative")));
                }
                println!("• {line}");
                println!(
                    "    {}",
                    ctx.t(&Message::new("cli-commitment-who")
                        .arg("parties", parties.join(" + "))
                        .arg("round", round)
                        .arg("id", c.id.as_str()))
                );
            }
        }
    }
    Ok(())
}
