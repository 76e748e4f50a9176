//! `tahawul rounds`: the dialogue rounds, their heads, decisions, commitments and minutes.

use clap::{ArgMatches, Command};
use tahawul_domain::Id;
use tahawul_domain::minutes;
use tahawul_i18n::{Localizer, Message};

use super::minutes::{load, state_id, state_message};
use super::{Failure, print_json};
use crate::app::{Ctx, Format};

/// The `rounds` command.
pub fn command(loc: &Localizer) -> Command {
    Command::new("rounds").about(loc.tr("record-cli-rounds-about")).arg(super::case_arg(loc))
}

/// Lists the rounds.
pub fn run(ctx: &Ctx, m: &ArgMatches) -> Result<(), Failure> {
    let case = load(m)?;
    let lang = ctx.loc.lang();
    let person = |id: &Id| case.person(id.as_str()).map_or(id.to_string(), |p| p.name.get(lang).to_string());
    let party = |id: &Id| case.party(id.as_str()).map_or(id.to_string(), |p| p.name.get(lang).to_string());
    let rows: Vec<_> = case
        .rounds
        .iter()
        .map(|r| (r, minutes::check(&case, r), case.commitments.iter().filter(|c| c.round == r.id).count()))
        .collect();
    match ctx.format {
        Format::Json => {
            let doc: Vec<_> = rows
                .iter()
                .map(|(r, check, commitments)| {
                    serde_json::json!({
                        "id": r.id.as_str(),
                        "name": r.name,
                        "start": r.start.to_string(),
                        "end": r.end.to_string(),
                        "place": r.place,
                        "heads": check.heads.iter().map(Id::as_str).collect::<Vec<_>>(),
                        "unnamed_heads": check.unnamed_heads.iter().map(Id::as_str).collect::<Vec<_>>(),
                        "decisions": r.decisions.len(),
                        "commitments": commitments,
                        "minutes": state_id(check.state),
                        "minutes_label": ctx.t(&state_message(check)),
                        "signed_by": check.signatures.iter().filter(|(_, s)| *s == minutes::SignatureState::Valid).map(|(s, _)| s.person.as_str()).collect::<Vec<_>>(),
                        "illustrative_signatures": r.signatures.iter().any(|s| s.illustrative),
                    })
                })
                .collect();
            print_json(&doc);
        }
        Format::Table => {
            println!(
                "{}",
                ctx.t(&Message::new("record-rounds-header").arg("name", &case.name).arg("count", case.rounds.len()))
            );
            for (r, check, commitments) in &rows {
                println!();
                println!(
                    "{}",
                    ctx.t(&Message::new("record-rounds-line").arg("name", &r.name).arg("id", r.id.as_str()))
                );
                println!(
                    "  {}",
                    ctx.t(&Message::new("record-rounds-when")
                        .arg("start", r.start.to_string())
                        .arg("end", r.end.to_string())
                        .arg("place", &r.place))
                );
                let mut heads: Vec<String> = r
                    .delegations
                    .iter()
                    .map(|d| match &d.head {
                        Some(h) => format!("{} ({})", person(h), party(&d.party)),
                        None => ctx.t(&Message::new("record-rounds-head-unnamed").arg("party", party(&d.party))),
                    })
                    .collect();
                heads.retain(|h| !h.is_empty());
                println!(
                    "  {}",
                    ctx.t(&Message::new("record-rounds-heads")
                        .arg("heads", heads.join(&ctx.loc.tr("record-list-semicolon"))))
                );
                println!(
                    "  {}",
                    ctx.t(&Message::new("record-rounds-counts")
                        .arg("decisions", Message::new("record-count-decisions").arg("count", r.decisions.len()))
                        .arg("commitments", Message::new("commitments-count").arg("count", *commitments)))
                );
                let mut state = ctx.t(&Message::new("record-minutes-label").arg("state", state_message(check)));
                if r.signatures.iter().any(|s| s.illustrative) {
                    state.push_str(&format!(" ({})", ctx.loc.tr("record-minutes-illustrative")));
                }
                println!("  {state}");
            }
        }
    }
    Ok(())
}
