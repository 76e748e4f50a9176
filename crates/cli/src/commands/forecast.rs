//! `tahawul forecast`: when each phase may start, with a scenario or command-line what-ifs side by side.

use std::io::IsTerminal;
use std::path::Path;
use std::time::Duration;

use jiff::civil::Date;
use tahawul_domain::forecast::{self, Outlook, PhaseForecast, Settings, WhatIf, WhatIfError};
use tahawul_domain::{Case, Month};
use tahawul_i18n::{Digits, Message, to_arabic_indic};

use super::{Failure, load, print_json};
use crate::app::{Ctx, Format};

/// What the command line asks for.
pub struct Options {
    /// Figures after this date's month are ignored.
    pub as_of: Date,
    /// Simulated futures.
    pub paths: u32,
    /// The seed.
    pub seed: u64,
    /// Months simulated.
    pub horizon: u32,
    /// A scenario from the bundle.
    pub scenario: Option<String>,
    /// `--shock` texts.
    pub shocks: Vec<String>,
    /// `--threshold` texts.
    pub thresholds: Vec<String>,
}

/// Simulated months × paths above which a run is long enough to show progress.
const LONG_RUN: u64 = 5_000_000;

/// Forecasts the case and prints it.
pub fn run(ctx: &Ctx, path: &Path, opts: &Options) -> Result<(), Failure> {
    let case = load(path)?;
    let settings = Settings {
        as_of: Month::of_date(opts.as_of),
        horizon_months: opts.horizon,
        paths: opts.paths,
        seed: opts.seed,
    };
    let what_if = what_if(&case, &settings, opts)?;

    let progress = (std::io::stderr().is_terminal() && u64::from(opts.paths) * u64::from(opts.horizon) >= LONG_RUN)
        .then(|| {
            let bar = indicatif::ProgressBar::new_spinner();
            bar.enable_steady_tick(Duration::from_millis(120));
            bar.set_message(ctx.loc.tr("forecast-progress-fit"));
            bar
        });
    let prepared = forecast::prepare(&case, &settings);
    if let Some(bar) = &progress {
        bar.set_message(ctx.loc.tr("forecast-progress-simulate"));
    }
    let result = forecast::run(&prepared, what_if.as_ref());
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    let report = result.map_err(|e| Failure::UsageWithHelp(e.message(), e.help()))?;

    match ctx.format {
        Format::Json => {
            // The report as the domain shapes it, plus each reason in the user's words.
            let mut value = serde_json::to_value(&report).unwrap_or_default();
            if let Some(phases) = value.get_mut("phases").and_then(|p| p.as_array_mut()) {
                for (v, p) in phases.iter_mut().zip(&report.phases) {
                    if let (Some(b), Some(obj)) =
                        (&p.cannot_forecast, v.get_mut("cannot_forecast").and_then(|c| c.as_object_mut()))
                    {
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

/// The bundle scenario and the command line's changes, together.
fn what_if(case: &Case, settings: &Settings, opts: &Options) -> Result<Option<WhatIf>, Failure> {
    let mut w = match &opts.scenario {
        Some(id) => WhatIf::from_scenario(case, id).map_err(|e| Failure::UsageWithHelp(e.message(), e.help()))?,
        None => WhatIf::default(),
    };
    let bad = |e: WhatIfError| Failure::UsageWithHelp(e.message(), e.help.clone());
    for s in &opts.shocks {
        w.shocks.push(forecast::parse_shock(case, s, settings.origin()).map_err(bad)?);
    }
    for t in &opts.thresholds {
        w.thresholds.push(forecast::parse_threshold(case, t).map_err(bad)?);
    }
    Ok((!w.is_empty()).then_some(w))
}

fn month(ctx: &Ctx, m: Month) -> String {
    digits(ctx, m.to_string())
}

fn digits(ctx: &Ctx, s: String) -> String {
    if ctx.loc.digits() == Digits::ArabicIndic { to_arabic_indic(&s) } else { s }
}

/// A share of futures as a percentage; never "0%" or "100%" for what merely rounds there.
fn percent(ctx: &Ctx, p: f64) -> String {
    let text = tahawul_i18n::share_percent(p);
    digits(ctx, text)
}

fn print_table(ctx: &Ctx, case: &Case, report: &forecast::ForecastReport) {
    let lang = ctx.loc.lang();
    let s = &report.settings;
    println!("{}", ctx.t(&Message::new("forecast-header").arg("name", &case.name).arg("as_of", month(ctx, s.as_of))));
    println!(
        "{}",
        ctx.t(&Message::new("forecast-settings")
            .arg("paths", s.paths)
            .arg("origin", month(ctx, s.origin))
            .arg("last", month(ctx, s.last_month))
            .arg("seed", digits(ctx, s.seed.to_string())))
    );
    if let Some(w) = &report.what_if {
        let name =
            w.name.as_ref().map_or_else(|| ctx.loc.tr("forecast-scenario-command-line"), |n| n.get(lang).to_string());
        println!("{}", ctx.t(&Message::new("forecast-scenario-header").arg("name", name)));
        for sh in &w.shocks {
            let mut effects = Vec::new();
            for (k, v) in
                [("multiply", sh.multiply), ("shift", sh.shift), ("slope", sh.slope), ("variance", sh.variance)]
            {
                if let Some(v) = v {
                    effects.push(format!("{k}={}", ctx.loc.number(v, 3)));
                }
            }
            let mut target = sh.indicator.clone();
            if !sh.areas.is_empty() {
                target.push('@');
                target.push_str(&sh.areas.iter().map(|a| a.as_str()).collect::<Vec<_>>().join(","));
            }
            println!(
                "  {}",
                ctx.t(&Message::new("forecast-shock-line")
                    .arg("indicator", target)
                    .arg("from", month(ctx, sh.from))
                    .arg("effects", effects.join(" ")))
            );
        }
        for t in &w.thresholds {
            println!(
                "  {}",
                ctx.t(&Message::new("forecast-threshold-line")
                    .arg("phase", t.phase.as_str())
                    .arg("clause", t.clause)
                    .arg("before", t.before.as_str())
                    .arg("after", t.after.as_str()))
            );
        }
    }
    for p in &report.phases {
        println!();
        let mut title = p.name.get(lang).to_string();
        if p.illustrative {
            title.push_str(&format!(" ({})", ctx.loc.tr("illustrative")));
        }
        println!("{title}");
        if let Some(m) = p.started {
            println!("  {}", ctx.t(&Message::new("forecast-started").arg("month", month(ctx, m))));
            continue;
        }
        if let Some(b) = &p.cannot_forecast {
            println!("  {}", ctx.t(&Message::new("forecast-cannot").arg("reason", b.message(case))));
            continue;
        }
        match (&p.baseline, &p.scenario) {
            (Some(base), Some(scen)) => {
                println!("  {}:", ctx.loc.tr("forecast-label-baseline"));
                print_outlook(ctx, case, report, p, base, "    ");
                println!("  {}:", ctx.loc.tr("forecast-label-scenario"));
                print_outlook(ctx, case, report, p, scen, "    ");
            }
            (Some(base), None) => print_outlook(ctx, case, report, p, base, "  "),
            _ => {}
        }
    }
    print_models(ctx, case, report);
    println!();
    if report.phases.iter().any(|p| p.illustrative) {
        println!("{}", ctx.loc.tr("illustrative-note"));
    }
    println!("{}", ctx.loc.tr("forecast-closing-note"));
}

fn print_outlook(
    ctx: &Ctx,
    case: &Case,
    report: &forecast::ForecastReport,
    p: &PhaseForecast,
    o: &Outlook,
    indent: &str,
) {
    let last = month(ctx, report.settings.last_month);
    let when = |m: Option<Month>| match m {
        Some(m) => month(ctx, m),
        None => ctx.t(&Message::new("forecast-beyond-horizon").arg("last", last.as_str())),
    };
    println!(
        "{indent}{}",
        ctx.t(&Message::new("forecast-start").arg("p10", when(o.p10)).arg("p50", when(o.p50)).arg("p90", when(o.p90)))
    );
    if let Some(e) = p.earliest_start.filter(|e| *e > report.settings.origin) {
        println!("{indent}{}", ctx.t(&Message::new("forecast-earliest").arg("month", month(ctx, e))));
    }
    match (p.deadline, o.p_by_deadline) {
        (Some(d), Some(pd)) => {
            println!(
                "{indent}{}",
                ctx.t(&Message::new("forecast-p-deadline")
                    .arg("deadline", month(ctx, d))
                    .arg("percent", percent(ctx, pd)))
            )
        }
        _ => println!("{indent}{}", ctx.loc.tr("forecast-no-deadline")),
    }
    println!(
        "{indent}{}",
        ctx.t(&Message::new("forecast-p-never")
            .arg("last", last.as_str())
            .arg("percent", percent(ctx, o.p_not_within_horizon)))
    );
    // The first-passage distribution at a few points: started by the end of year 1, 2, 5, 10.
    let marks: Vec<String> = [12usize, 24, 60, 120]
        .into_iter()
        .filter_map(|m| o.cdf.get(m - 1).map(|p| (m, *p)))
        .map(|(m, p)| {
            ctx.t(&Message::new("forecast-cdf-point")
                .arg("month", month(ctx, report.settings.origin.plus(m as i32 - 1)))
                .arg("percent", percent(ctx, p)))
        })
        .collect();
    if !marks.is_empty() {
        println!("{indent}{}", ctx.t(&Message::new("forecast-cdf").arg("points", marks.join(" · "))));
    }
    if let Some(h) = &o.held_back_by {
        let area = case.area(h.area.as_str()).map_or(h.area.to_string(), |a| a.name.get(ctx.loc.lang()).to_string());
        println!(
            "{indent}{}",
            ctx.t(&Message::new("forecast-held-back")
                .arg("clause", h.clause.as_str())
                .arg("area", area)
                .arg("percent", percent(ctx, h.share)))
        );
    }
}

/// Which model forecasts each series, and why (the evidence is in the JSON).
fn print_models(ctx: &Ctx, case: &Case, report: &forecast::ForecastReport) {
    let fitted: Vec<_> = report.series.iter().filter_map(|s| s.model.as_ref().map(|m| (s, m))).collect();
    if fitted.is_empty() {
        return;
    }
    println!();
    println!("{}", ctx.loc.tr("forecast-models-header"));
    let lang = ctx.loc.lang();
    for (s, m) in fitted {
        let area = case.area(s.area.as_str()).map_or(s.area.to_string(), |a| a.name.get(lang).to_string());
        let name = s
            .indicator
            .split_once('.')
            .and_then(|(f, i)| case.indicator(f, i))
            .map_or(s.indicator.clone(), |i| i.name.get(lang).to_string());
        let best = m.candidates.iter().find(|c| c.model == m.chosen).and_then(|c| c.crps);
        let no_change = m.candidates.iter().find(|c| c.model == "no-change").and_then(|c| c.crps);
        let line = match (m.reason, best, no_change) {
            ("lowest-crps", Some(b), Some(n)) => ctx.t(&Message::new("forecast-model-line")
                .arg("indicator", name)
                .arg("area", area)
                .arg("model", model_name(ctx, m.chosen))
                .arg("crps", ctx.loc.number(b, 2))
                .arg("naive", ctx.loc.number(n, 2))
                .arg("count", m.forecasts)
                .arg("inflation", ctx.loc.number(m.inflation, 2))),
            _ => ctx.t(&Message::new("forecast-model-line-short")
                .arg("indicator", name)
                .arg("area", area)
                .arg("model", model_name(ctx, m.chosen))),
        };
        println!("  {line}");
    }
}

/// A model's name in the reader's language.
fn model_name(ctx: &Ctx, id: &str) -> String {
    let key = match id {
        "no-change" => "forecast-model-no-change",
        "long-run-mean" => "forecast-model-long-run-mean",
        "local-level" => "forecast-model-local-level",
        "robust-level" => "forecast-model-robust-level",
        "damped-trend" => "forecast-model-damped-trend",
        "local-linear-trend" => "forecast-model-local-linear-trend",
        other => return other.to_string(),
    };
    ctx.loc.tr(key)
}
