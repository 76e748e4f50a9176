//! `tahawul backtest`: hold out each series' latest figures, forecast them, score against naive forecasts.

use std::path::Path;

use tahawul_domain::Case;
use tahawul_domain::forecast::{self, BacktestReport};
use tahawul_i18n::Message;

use super::{Failure, load, print_json};
use crate::app::{Ctx, Format};

/// Backtests every series of the case and prints the scores.
pub fn run(ctx: &Ctx, path: &Path, holdout_months: u32) -> Result<(), Failure> {
    let case = load(path)?;
    let report = forecast::backtest(&case, holdout_months);
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
        Format::Table => print_table(ctx, &case, &report),
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

fn print_table(ctx: &Ctx, case: &Case, report: &BacktestReport) {
    let lang = ctx.loc.lang();
    println!(
        "{}",
        ctx.t(&Message::new("backtest-header").arg("name", &case.name).arg("months", report.holdout_months))
    );
    for s in &report.series {
        println!();
        let area = case.area(s.area.as_str()).map_or(s.area.to_string(), |a| a.name.get(lang).to_string());
        let mut line = ctx.t(&Message::new("backtest-series")
            .arg("indicator", s.indicator_name.get(lang))
            .arg("area", area)
            .arg("count", s.held_out));
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
        }
        if let Some(b) = &s.skipped {
            println!("    {}", ctx.t(&Message::new("backtest-skipped").arg("reason", b.message(case))));
        }
    }
    println!();
    let o = &report.overall;
    match o.coverage_80 {
        None => println!("{}", ctx.loc.tr("backtest-none")),
        Some(c) => {
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
                println!(
                    "{}",
                    ctx.t(&Message::new("backtest-ratios").arg("naive", sig(ctx, n)).arg("drift", sig(ctx, d)))
                );
            }
        }
    }
    if report.series.iter().any(|s| s.illustrative) {
        println!();
        println!("{}", ctx.loc.tr("illustrative-note"));
    }
}
