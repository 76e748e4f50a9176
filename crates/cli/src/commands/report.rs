//! `tahawul report pdf -o FILE`: the cycle report (the `/report` page) as a PDF document in
//! the interface language (`--lang ar|en`), offline on a bundle: statuses and the baseline
//! forecast computed as the page computes them (the engine's default seed and paths).

use clap::{ArgMatches, Command};
use tahawul_i18n::{Localizer, Message};

use super::Failure;
use super::minutes::{case_path, output_arg, pdf_failure, write_pdf};
use crate::app::Ctx;

/// The `report` command with `pdf`.
pub fn command(loc: &Localizer) -> Command {
    Command::new("report").about(loc.tr("documents-cli-report-about")).subcommand_required(true).subcommand(
        Command::new("pdf")
            .about(loc.tr("documents-cli-report-pdf-about"))
            .arg(output_arg(loc))
            .arg(super::case_arg(loc)),
    )
}

/// Runs `report pdf`.
pub fn run(ctx: &Ctx, m: &ArgMatches) -> Result<(), Failure> {
    let Some(("pdf", m)) = m.subcommand() else {
        return Err(Failure::Usage(Message::new("cli-usage-error")));
    };
    let case = super::load(&case_path(m))?;
    let today = jiff::Zoned::now().date();
    let pdf = tahawul_documents::report_of_case(&case, today, ctx.loc.lang()).map_err(pdf_failure)?;
    write_pdf(ctx, m, &pdf)
}
