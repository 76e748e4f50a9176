//! `tahawul backtest`: forecast each series from past origins with only the figures before
//! them, and score the forecasts (CRPS, skill against no change, interval coverage by horizon,
//! PIT) — on a case's series or on a CSV of monthly series.

use std::path::PathBuf;

use clap::{Arg, ArgMatches, Command, value_parser};
use tahawul_domain::Case;
use tahawul_domain::forecast::{self, BacktestReport, BacktestSettings, Origins};
use tahawul_domain::period::Month;
use tahawul_i18n::{Localizer, Message};

use super::{Failure, load, print_json};
use crate::app::{Ctx, Format, default_case};

/// The `backtest` subcommand and its arguments.
pub fn command(loc: &Localizer) -> Command {
    let t = |id: &'static str| loc.tr(id);
    Command::new("backtest")
        .about(t("forecast-cli-backtest-about"))
        .arg(
            Arg::new("case")
                .long("case")
                .value_name("PATH")
                .value_parser(value_parser!(PathBuf))
                .help(t("cli-arg-case")),
        )
        .arg(
            Arg::new("holdout")
                .long("holdout")
                .value_name("MONTHS")
                .value_parser(value_parser!(u32).range(1..=1200))
                .help(t("forecast-cli-arg-holdout")),
        )
        .arg(
            Arg::new("every")
                .long("every")
                .value_name("MONTHS")
                .value_parser(value_parser!(u32).range(1..=1200))
                .help(t("backtest-cli-arg-every")),
        )
        .arg(Arg::new("from").long("from").value_name("YYYY-MM").help(t("backtest-cli-arg-from")))
        .arg(Arg::new("to").long("to").value_name("YYYY-MM").help(t("backtest-cli-arg-to")))
        .arg(
            Arg::new("origins")
                .long("origins")
                .value_name("YYYY-MM,…")
                .value_delimiter(',')
                .conflicts_with("every")
                .help(t("backtest-cli-arg-origins")),
        )
        .arg(
            Arg::new("series-csv")
                .long("series-csv")
                .value_name("FILE")
                .value_parser(value_parser!(PathBuf))
                .conflicts_with("case")
                .help(t("backtest-cli-arg-series-csv")),
        )
        .arg(
            Arg::new("min-nonzero")
                .long("min-nonzero")
                .value_name("MONTHS")
                .value_parser(value_parser!(usize))
                .requires("series-csv")
                .help(t("backtest-cli-arg-min-nonzero")),
        )
        .arg(
            Arg::new("paths")
                .long("paths")
                .value_name("N")
                .value_parser(value_parser!(u32).range(1..=1_000_000))
                .help(t("backtest-cli-arg-paths")),
        )
}

fn month_arg(m: &ArgMatches, name: &str) -> Result<Option<Month>, Failure> {
    match m.get_one::<String>(name) {
        None => Ok(None),
        Some(s) => s.trim().parse::<Month>().map(Some).map_err(|_| {
            Failure::UsageWithHelp(
                Message::new("backtest-bad-month").arg("flag", format!("--{name}")).arg("value", s.as_str()),
                Some(Message::new("backtest-bad-month-help")),
            )
        }),
    }
}

/// Reads the settings from the command line.
fn settings(m: &ArgMatches) -> Result<BacktestSettings, Failure> {
    let months = m.get_one::<u32>("holdout").copied().unwrap_or(12);
    let mut s = BacktestSettings::hold_out(months);
    if let Some(p) = m.get_one::<u32>("paths") {
        s.paths = *p;
    }
    let (from, to) = (month_arg(m, "from")?, month_arg(m, "to")?);
    if let Some(list) = m.get_many::<String>("origins") {
        let mut at = Vec::new();
        for v in list {
            at.push(v.trim().parse::<Month>().map_err(|_| {
                Failure::UsageWithHelp(
                    Message::new("backtest-bad-month").arg("flag", "--origins").arg("value", v.as_str()),
                    Some(Message::new("backtest-bad-month-help")),
                )
            })?);
        }
        s.origins = Origins::At(at);
    } else if let Some(every) = m.get_one::<u32>("every") {
        let (Some(from), Some(to)) = (from, to) else {
            return Err(Failure::Usage(Message::new("backtest-every-needs-range")));
        };
        if to < from {
            return Err(Failure::Usage(
                Message::new("backtest-range-backwards").arg("from", from.to_string()).arg("to", to.to_string()),
            ));
        }
        s.origins = Origins::Every { months: *every, from, to };
    } else if from.is_some() || to.is_some() {
        return Err(Failure::Usage(Message::new("backtest-every-needs-range")));
    }
    Ok(s)
}

/// Backtests a case's series, or a CSV's, and prints the scores.
pub fn run(ctx: &Ctx, m: &ArgMatches) -> Result<(), Failure> {
    let settings = settings(m)?;
    if let Some(file) = m.get_one::<PathBuf>("series-csv") {
        let text = std::fs::read_to_string(file).map_err(|e| {
            Failure::Problem(
                Message::new("backtest-csv-unreadable-file")
                    .arg("file", file.display().to_string())
                    .arg("detail", e.to_string()),
                None,
            )
        })?;
        let name = file.display().to_string();
        let mut series = forecast::read_series_csv(&name, &text).map_err(Failure::Invalid)?;
        if let Some(n) = m.get_one::<usize>("min-nonzero") {
            series.retain(|s| s.nonzero_months() >= *n);
        }
        let report = forecast::backtest_series(&name, &series, &settings);
        return match ctx.format {
            Format::Json => {
                print_json(&report);
                Ok(())
            }
            Format::Table => {
                print_table(ctx, None, &report);
                Ok(())
            }
        };
    }
    let path = m.get_one::<PathBuf>("case").cloned().unwrap_or_else(default_case);
    let case = load(&path)?;
    let report = forecast::backtest_with(&case, &settings);
    match ctx.format {
        Format::Json => {
            let mut value = serde_json::to_value(&report).unwrap_or_default();
            if let Some(series) = value.get_mut("series").and_then(|s| s.as_array_mut()) {
                for (v, s) in series.iter_mut().zip(&report.series) {
                    if let (Some(b), Some(obj)) = (&s.skipped, v.get_mut("skipped").and_then(|c| c.as_object_mut())) {
                        obj.insert("message".into(), ctx.t(&b.message(&case)).into());
                    }
                }
            }
            print_json(&value);
        }
        Format::Table => print_table(ctx, Some(&case), &report),
    }
    Ok(())
}

/// A number with about three significant digits, in the user's digits.
fn sig(ctx: &Ctx, x: f64) -> String {
    if !x.is_finite() || x == 0.0 {
        return ctx.loc.number(x, 0);
    }
    let decimals = (2 - x.abs().log10().floor() as i32).clamp(0, 6) as usize;
    let rounded = format!("{x:.decimals$}").parse::<f64>().unwrap_or(x);
    ctx.loc.number(rounded, decimals)
}

fn percent(ctx: &Ctx, p: f64) -> String {
    format!("{}%", ctx.loc.number((p * 100.0).round(), 0))
}

fn print_table(ctx: &Ctx, case: Option<&Case>, report: &BacktestReport) {
    let lang = ctx.loc.lang();
    let title = match case {
        Some(c) => c.name.get(lang).to_string(),
        None => report.source.clone().unwrap_or_default(),
    };
    println!("{}", ctx.t(&Message::new("backtest-header").arg("name", title).arg("months", report.holdout_months)));
    if !report.origins.is_empty() {
        println!(
            "{}",
            ctx.t(&Message::new("backtest-origins")
                .arg("count", report.origins.len())
                .arg("first", report.origins.first().cloned().unwrap_or_default())
                .arg("last", report.origins.last().cloned().unwrap_or_default()))
        );
    }
    // With many series (a CSV), one line each would drown the summary: only the summary then.
    let per_series = report.series.len() <= 40;
    for s in report.series.iter().filter(|_| per_series) {
        println!();
        let area = match (case, &s.area) {
            (Some(c), Some(a)) => c.area(a.as_str()).map_or(a.to_string(), |x| x.name.get(lang).to_string()),
            _ => String::new(),
        };
        let name = s.indicator_name.as_ref().map_or(s.indicator.clone(), |n| n.get(lang).to_string());
        let mut line = if area.is_empty() {
            ctx.t(&Message::new("backtest-series-plain").arg("indicator", name).arg("count", s.held_out))
        } else {
            ctx.t(&Message::new("backtest-series").arg("indicator", name).arg("area", area).arg("count", s.held_out))
        };
        if s.illustrative {
            line.push_str(&format!(" ({})", ctx.loc.tr("illustrative")));
        }
        println!("{line}");
        if let Some(sc) = &s.scores {
            println!(
                "    {}",
                ctx.t(&Message::new("backtest-scores")
                    .arg("coverage", percent(ctx, sc.coverage_80))
                    .arg("model", sig(ctx, sc.mae_model))
                    .arg("naive", sig(ctx, sc.mae_naive))
                    .arg("drift", sig(ctx, sc.mae_drift)))
            );
            println!(
                "    {}",
                ctx.t(&Message::new("backtest-crps")
                    .arg("model", sig(ctx, sc.crps))
                    .arg("naive", sig(ctx, sc.crps_no_change)))
            );
            let models: Vec<&str> = sc.origins.iter().map(|o| o.model).collect();
            let mut uniq = models.clone();
            uniq.dedup();
            println!("    {}", ctx.t(&Message::new("backtest-chosen").arg("models", uniq.join(", "))));
        }
        if let (Some(b), Some(c)) = (&s.skipped, case) {
            println!("    {}", ctx.t(&Message::new("backtest-skipped").arg("reason", b.message(c))));
        }
    }
    println!();
    let o = &report.overall;
    let Some(c) = o.coverage_80 else {
        println!("{}", ctx.loc.tr("backtest-none"));
        return;
    };
    println!(
        "{}",
        ctx.t(&Message::new("backtest-overall")
            .arg("points", o.points)
            .arg("series", o.series)
            .arg("coverage", percent(ctx, c)))
    );
    println!(
        "{}",
        ctx.t(&Message::new("backtest-beats")
            .arg("naive", o.model_beats_naive)
            .arg("drift", o.model_beats_drift)
            .arg("series", o.series))
    );
    if let (Some(n), Some(d)) = (o.mae_ratio_naive, o.mae_ratio_drift) {
        println!("{}", ctx.t(&Message::new("backtest-ratios").arg("naive", sig(ctx, n)).arg("drift", sig(ctx, d))));
    }
    if let (Some(crps), Some(nc), Some(skill)) = (o.crps, o.crps_no_change, o.crps_skill) {
        println!(
            "{}",
            ctx.t(&Message::new("backtest-skill")
                .arg("model", sig(ctx, crps))
                .arg("naive", sig(ctx, nc))
                .arg("skill", sig(ctx, skill))
                .arg("beats", o.model_beats_no_change)
                .arg("series", o.series))
        );
    }
    println!();
    println!("{}", ctx.loc.tr("backtest-horizon-header"));
    for h in &o.by_horizon {
        println!(
            "{}",
            ctx.t(&Message::new("backtest-horizon-row")
                .arg("horizon", h.horizon)
                .arg("count", h.forecasts)
                .arg("c50", percent(ctx, h.coverage_50))
                .arg("c80", percent(ctx, h.coverage_80))
                .arg("c90", percent(ctx, h.coverage_90))
                .arg("crps", sig(ctx, h.crps))
                .arg("naive", sig(ctx, h.crps_no_change))
                .arg("skill", h.skill.map_or("—".to_string(), |s| sig(ctx, s))))
        );
    }
    println!();
    let total = o.pit_histogram.iter().sum::<usize>().max(1);
    let bars: Vec<String> = o.pit_histogram.iter().map(|&k| percent(ctx, k as f64 / total as f64)).collect();
    println!("{}", ctx.t(&Message::new("backtest-pit").arg("bins", bars.join(" · "))));
    let models: Vec<String> = o.models.iter().map(|(m, k)| format!("{m} {}", ctx.loc.number(*k as f64, 0))).collect();
    println!("{}", ctx.t(&Message::new("backtest-models").arg("models", models.join(", "))));
    if let Some(c) = case {
        print_gates(ctx, c, report);
    }
    if report.series.iter().any(|s| s.illustrative) {
        println!();
        println!("{}", ctx.loc.tr("illustrative-note"));
    }
}

/// A score, or "—" when there is none.
fn score_text(ctx: &Ctx, x: Option<f64>) -> String {
    x.map_or("—".to_string(), |v| sig(ctx, v))
}

/// The gates' Brier scores, each gate and pooled, and the pooled reliability table.
fn print_gates(ctx: &Ctx, case: &Case, report: &BacktestReport) {
    if report.gates.is_empty() {
        return;
    }
    let lang = ctx.loc.lang();
    println!();
    println!("{}", ctx.loc.tr("backtest-gates-header"));
    for g in &report.gates {
        let name = g.name.get(lang).to_string();
        let mut line = if g.scores.forecasts == 0 {
            let reason =
                g.skipped.as_ref().map_or_else(|| ctx.loc.tr("backtest-gate-no-months"), |b| ctx.t(&b.message(case)));
            ctx.t(&Message::new("backtest-gate-skipped").arg("phase", name).arg("reason", reason))
        } else {
            ctx.t(&Message::new("backtest-gate-row")
                .arg("phase", name)
                .arg("count", g.scores.forecasts)
                .arg("met", g.scores.met)
                .arg("brier", score_text(ctx, g.scores.brier))
                .arg("reference", score_text(ctx, g.scores.brier_reference))
                .arg("skill", score_text(ctx, g.scores.skill)))
        };
        if g.illustrative {
            line.push_str(&format!(" ({})", ctx.loc.tr("illustrative")));
        }
        println!("  {line}");
    }
    let o = &report.overall.gates;
    if o.scores.forecasts == 0 {
        println!("{}", ctx.loc.tr("backtest-gates-none"));
        return;
    }
    println!(
        "{}",
        ctx.t(&Message::new("backtest-gates-overall")
            .arg("gates", o.gates)
            .arg("count", o.scores.forecasts)
            .arg("met", o.scores.met)
            .arg("brier", score_text(ctx, o.scores.brier))
            .arg("reference", score_text(ctx, o.scores.brier_reference))
            .arg("skill", score_text(ctx, o.scores.skill)))
    );
    println!("{}", ctx.loc.tr("backtest-reliability-header"));
    for b in &o.scores.reliability {
        println!(
            "  {}",
            ctx.t(&Message::new("backtest-reliability-row")
                .arg("lower", percent(ctx, b.lower))
                .arg("upper", percent(ctx, b.upper))
                .arg("count", b.forecasts)
                .arg("mean", b.mean_forecast.map_or("—".to_string(), |p| percent(ctx, p)))
                .arg("observed", b.observed.map_or("—".to_string(), |p| percent(ctx, p))))
        );
    }
}
