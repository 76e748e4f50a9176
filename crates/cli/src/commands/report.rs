//! `tahawul report pdf -o FILE`: the cycle report (the `/report` page) as a PDF document in
//! the interface language (`--lang ar|en`), offline on a bundle: statuses and the baseline
//! forecast computed as the page computes them (the engine's default seed and paths).
//! `--as-of YYYY-MM` makes the report as it stood at the end of a past month: the figures,
//! assessments and recorded starts after it are left out, and the cycle, what changed and the
//! forecast are counted from it (as `tahawul forecast --as-of` and `status --as-of` judge).

use clap::{Arg, ArgMatches, Command};
use jiff::civil::Date;
use tahawul_domain::Month;
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
            .arg(super::case_arg(loc))
            .arg(Arg::new("as-of").long("as-of").value_name("YYYY-MM").help(loc.tr("documents-cli-arg-as-of"))),
    )
}

/// The report's day for `--as-of`: the last day of the month given, or `today` in the current
/// month (a report cannot look ahead of the record). A month not written YYYY-MM, or one
/// after `today`'s, is a usage error that says how to write it.
pub fn report_day(as_of: Option<&str>, today: Date) -> Result<Date, Failure> {
    let Some(s) = as_of else { return Ok(today) };
    let help = || Some(Message::new("documents-cli-as-of-help").arg("month", Month::of_date(today).to_string()));
    let month = s
        .parse::<Month>()
        .ok()
        .filter(|_| s.len() == 7)
        .ok_or_else(|| Failure::UsageWithHelp(Message::new("documents-cli-bad-as-of").arg("value", s), help()))?;
    let now = Month::of_date(today);
    if month > now {
        return Err(Failure::UsageWithHelp(Message::new("documents-cli-as-of-future").arg("value", s), help()));
    }
    if month == now {
        return Ok(today);
    }
    // The month's last day: the day before the next month's first.
    month
        .plus(1)
        .first_day()
        .yesterday()
        .map_err(|_| Failure::UsageWithHelp(Message::new("documents-cli-bad-as-of").arg("value", s), help()))
}

/// Runs `report pdf`.
pub fn run(ctx: &Ctx, m: &ArgMatches) -> Result<(), Failure> {
    let Some(("pdf", m)) = m.subcommand() else {
        return Err(Failure::Usage(Message::new("cli-usage-error")));
    };
    // The month is checked before the bundle is read: a typo is told at once.
    let day = report_day(m.get_one::<String>("as-of").map(String::as_str), jiff::Zoned::now().date())?;
    let case = super::load(&case_path(m))?;
    let pdf = tahawul_documents::report_of_case(&case, day, ctx.loc.lang()).map_err(pdf_failure)?;
    write_pdf(ctx, m, &pdf)
}

#[cfg(test)]
mod tests {
    use super::report_day;
    use jiff::civil::date;

    #[test]
    fn a_past_month_is_its_last_day_and_the_current_one_is_today() {
        let today = date(2026, 12, 8);
        assert_eq!(report_day(None, today).ok(), Some(today));
        assert_eq!(report_day(Some("2025-06"), today).ok(), Some(date(2025, 6, 30)));
        assert_eq!(report_day(Some("2024-02"), today).ok(), Some(date(2024, 2, 29)));
        assert_eq!(report_day(Some("2026-11"), today).ok(), Some(date(2026, 11, 30)));
        assert_eq!(report_day(Some("2026-12"), today).ok(), Some(today));
    }

    #[test]
    fn a_month_not_written_yyyy_mm_or_ahead_of_today_is_refused() {
        let today = date(2026, 12, 8);
        for bad in ["2025-13", "2025-6", "2025-06-30", "June", "", "2027-01"] {
            assert!(report_day(Some(bad), today).is_err(), "{bad:?}");
        }
    }
}
