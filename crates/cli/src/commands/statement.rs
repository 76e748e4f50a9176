//! `tahawul statement draft ROUND --lang ar|en`: a joint statement draft from the round's
//! decisions and commitments (see `tahawul_domain::statement`).

use clap::{Arg, ArgMatches, Command};
use tahawul_domain::statement;
use tahawul_i18n::{Lang, Localizer, Message};

use super::minutes::{find_round, load};
use super::{Failure, print_json};
use crate::app::{Ctx, Format};

/// The `statement` command with `draft`.
pub fn command(loc: &Localizer) -> Command {
    Command::new("statement")
        .about(loc.tr("record-cli-statement-about"))
        .subcommand_required(true)
        .subcommand(
            Command::new("pdf")
                .about(loc.tr("documents-cli-statement-pdf-about"))
                .arg(Arg::new("round").value_name("ROUND").required(true).help(loc.tr("record-cli-arg-round")))
                .arg(super::minutes::output_arg(loc))
                .arg(super::case_arg(loc)),
        )
        .subcommand(
            Command::new("draft")
                .about(loc.tr("record-cli-statement-draft-about"))
                .arg(Arg::new("round").value_name("ROUND").required(true).help(loc.tr("record-cli-arg-round")))
                // `--lang` is the global interface language; the statement's own is `--in` too.
                .arg(
                    Arg::new("statement-lang")
                        .long("in")
                        .value_name("ar|en")
                        .value_parser(["ar", "en"])
                        .help(loc.tr("record-cli-arg-statement-lang")),
                )
                .arg(super::case_arg(loc)),
        )
}

/// Prints the draft in the language asked for (`--in`, else the interface's `--lang`).
pub fn run(ctx: &Ctx, m: &ArgMatches) -> Result<(), Failure> {
    if let Some(("pdf", m)) = m.subcommand() {
        let case = load(m)?;
        let round = find_round(&case, m.get_one::<String>("round").map_or("", String::as_str))?;
        let pdf = tahawul_documents::statement(&case, round, ctx.loc.lang()).map_err(super::minutes::pdf_failure)?;
        return super::minutes::write_pdf(ctx, m, &pdf);
    }
    let Some(("draft", m)) = m.subcommand() else {
        return Err(Failure::Usage(Message::new("cli-usage-error")));
    };
    let case = load(m)?;
    let round = find_round(&case, m.get_one::<String>("round").map_or("", String::as_str))?;
    let lang = match m.get_one::<String>("statement-lang").map(String::as_str) {
        Some("ar") => Lang::Ar,
        Some(_) => Lang::En,
        None => ctx.loc.lang(),
    };
    let loc = Localizer::with_digits(lang, ctx.loc.digits())
        .map_err(|e| Failure::Problem(Message::new("cli-usage-error").arg("detail", e.to_string()), None))?;
    let draft = statement::draft(&case, round, &loc);
    match ctx.format {
        Format::Json => print_json(&serde_json::json!({
            "round": round.id.as_str(),
            "lang": lang.code(),
            "dir": lang.dir(),
            "title": draft.title,
            "opening": draft.opening,
            "sections": draft.sections.iter().map(|s| serde_json::json!({ "heading": s.heading, "intro": s.intro, "items": s.items })).collect::<Vec<_>>(),
            "note": draft.note,
        })),
        Format::Table => print!("{}", draft.to_text()),
    }
    Ok(())
}
