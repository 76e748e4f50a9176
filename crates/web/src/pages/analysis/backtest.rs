//! `/backtest`: how the forecasts did on the case's own past, as `tahawul backtest` scores
//! them — from rolling origins, each series forecast with only the figures before the origin:
//! coverage of the 50/80/90% intervals by months ahead against their nominal levels, CRPS skill
//! against no change, the PIT histogram, and for the gates the Brier score with a reliability
//! diagram. Every number says how many forecasts stand behind it. The backtest takes seconds:
//! it runs off the async workers and is kept per version of the case the reader sees.

use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use maud::{Markup, html};
use serde::Deserialize;
use tahawul_domain::forecast::{BACKTEST_PATHS, BacktestReport, BacktestSettings, DEFAULT_SEED, GateScores, Origins};
use tahawul_domain::{Case, Month};
use tahawul_i18n::{Localizer, Message};

use super::{cache, frame};
use crate::AppState;
use crate::auth::AuthSession;
use crate::pages::svg::{self, Axis, XyBar, XyChart, XyLine, palette};
use crate::pages::{csrf_token, internal, localizer, signed_in};

/// Months forecast from each origin.
pub const HORIZON_MONTHS: u32 = 12;
/// Months between origins when none is asked for.
const DEFAULT_EVERY: u32 = 3;
/// Years of origins, back from the latest figure, when none is asked for.
const DEFAULT_YEARS: u32 = 3;

/// `?every=MONTHS&years=YEARS`, as text so that a bad number is our localized error.
#[derive(Debug, Default, Deserialize)]
pub struct BacktestForm {
    every: Option<String>,
    years: Option<String>,
}

/// `GET /backtest`.
pub async fn page(
    State(state): State<AppState>,
    session: AuthSession,
    headers: HeaderMap,
    Query(f): Query<BacktestForm>,
) -> Response {
    let access = match signed_in(&session, &state, "/backtest").await {
        Ok(a) => a,
        Err(r) => return r,
    };
    let csrf = match csrf_token(&session).await {
        Ok(t) => t,
        Err(r) => return r,
    };
    let loc = localizer(&headers);
    let reading = match access.view().await {
        Ok(v) => v,
        Err(e) => return internal(e),
    };
    let case = reading.case().clone();
    let title = loc.tr("pages-analysis-backtest-title");
    let mut problems = Vec::new();
    let mut whole = |name: &'static str, v: &Option<String>, default: u32, hi: u32| {
        let Some(v) = v.as_deref().map(str::trim).filter(|s| !s.is_empty()) else { return default };
        match v.parse::<u32>() {
            Ok(n) if (1..=hi).contains(&n) => n,
            _ => {
                problems.push((
                    name,
                    loc.format(
                        &Message::new("pages-analysis-whole-between").arg("value", v).arg("min", 1).arg("max", hi),
                    ),
                ));
                default
            }
        }
    };
    let every = whole("every", &f.every, DEFAULT_EVERY, 120);
    let years = whole("years", &f.years, DEFAULT_YEARS, 40);
    if !problems.is_empty() {
        let main = view(&loc, &case, every, years, &problems, None);
        return frame(StatusCode::UNPROCESSABLE_ENTITY, &loc, &access, csrf, &title, "/backtest", main);
    }
    let report = match latest_month(&case) {
        None => None,
        Some(latest) => {
            let settings = BacktestSettings {
                horizon_months: HORIZON_MONTHS,
                // The last origin leaves a whole horizon of figures after it.
                origins: Origins::Every {
                    months: every,
                    from: latest.plus(1 - (years * 12) as i32),
                    to: latest.plus(1 - HORIZON_MONTHS as i32),
                },
                paths: BACKTEST_PATHS.min(state.config.max_forecast_paths).max(1),
                seed: DEFAULT_SEED,
            };
            match cache::backtest(&state.forecasts, &reading, settings).await {
                Ok(r) => Some(r),
                Err(e) => return internal(e),
            }
        }
    };
    let main = view(&loc, &case, every, years, &[], report.as_deref());
    frame(StatusCode::OK, &loc, &access, csrf, &title, "/backtest", main)
}

/// The latest month with a figure in the case.
fn latest_month(case: &Case) -> Option<Month> {
    case.observations.iter().map(|o| o.period.last_month()).max()
}

fn view(
    loc: &Localizer,
    case: &Case,
    every: u32,
    years: u32,
    problems: &[(&'static str, String)],
    report: Option<&BacktestReport>,
) -> Markup {
    let invalid = |name: &str| problems.iter().any(|(f, _)| *f == name);
    let field = |name: &'static str, label: &'static str, value: u32, hint: &'static str| {
        html! {
            label for=(name) { (loc.tr(label)) }
            input id=(name) name=(name) type="text" inputmode="numeric" dir="ltr" value=(value)
                aria-invalid=(if invalid(name) { "true" } else { "false" }) aria-describedby={ (name) "-hint" };
            span id={ (name) "-hint" } class="note" { (loc.tr(hint)) }
        }
    };
    html! {
        p class="no-print" { a href="/forecast" { (loc.tr("pages-analysis-backtest-back")) } }
        h1 id="backtest-title" { (loc.tr("pages-analysis-backtest-title")) }
        p { (loc.tr("pages-analysis-backtest-intro")) }
        @if !problems.is_empty() {
            section id="form-problems" role="alert" aria-labelledby="problems-h" {
                h2 id="problems-h" class="error" { (loc.format(&Message::new("pages-analysis-form-problems").arg("count", problems.len()))) }
                ul { @for (f, text) in problems { li class="error" data-field=(f) { (text) } } }
            }
        }
        form method="get" action="/backtest" class="what-if no-print" {
            fieldset {
                legend { (loc.tr("pages-analysis-settings-legend")) }
                (field("every", "pages-analysis-backtest-every", every, "pages-analysis-backtest-every-hint"))
                (field("years", "pages-analysis-backtest-years", years, "pages-analysis-backtest-years-hint"))
            }
            button type="submit" { (loc.tr("pages-analysis-run")) }
        }
        @match report {
            None if problems.is_empty() => p { (loc.tr("pages-analysis-no-figures")) },
            None => {},
            Some(r) => (report_view(loc, case, r)),
        }
    }
}

/// A score in the reader's digits (three significant figures), or "—".
fn score(loc: &Localizer, x: Option<f64>) -> String {
    match x {
        None => "—".to_string(),
        Some(x) if !x.is_finite() || x == 0.0 => crate::pages::ltr_text(loc, loc.number(0.0, 0)),
        Some(x) => {
            let decimals = (2 - x.abs().log10().floor() as i32).clamp(0, 4) as usize;
            crate::pages::ltr_text(loc, loc.number(x, decimals))
        }
    }
}

fn report_view(loc: &Localizer, case: &Case, r: &BacktestReport) -> Markup {
    let lang = loc.lang();
    let o = &r.overall;
    let h = &o.by_horizon;
    let origins = html! {
        @if let (Some(first), Some(last)) = (r.origins.first(), r.origins.last()) {
            (loc.format(&Message::new("pages-analysis-backtest-settings")
                .arg("count", r.origins.len())
                .arg("first", crate::pages::ltr_text(loc, first))
                .arg("last", crate::pages::ltr_text(loc, last))
                .arg("months", r.holdout_months)))
        }
    };
    // Coverage by months ahead: the three intervals and their nominal levels.
    let horizons = h.len().max(1) as f64;
    let x_ticks: Vec<(f64, String)> =
        h.iter().map(|s| (f64::from(s.horizon), loc.number(f64::from(s.horizon), 0))).collect();
    let x_span = [0.5, horizons + 0.5];
    let colours = [palette::GREEN, palette::BLUE, palette::PURPLE];
    let mut coverage_lines = Vec::new();
    for (k, (level, get)) in [
        (0.5, (|s: &tahawul_domain::forecast::HorizonScores| s.coverage_50) as fn(&_) -> f64),
        (0.8, |s| s.coverage_80),
        (0.9, |s| s.coverage_90),
    ]
    .into_iter()
    .enumerate()
    {
        let pct = svg::percent(loc, level);
        coverage_lines.push(XyLine {
            label: loc.format(&Message::new("pages-analysis-backtest-interval").arg("level", pct.as_str())),
            class: "coverage",
            colour: colours[k],
            dashed: false,
            marks: true,
            steps: false,
            points: h
                .iter()
                .map(|s| {
                    let words = loc.format(
                        &Message::new("pages-analysis-backtest-coverage-point")
                            .arg("level", pct.as_str())
                            .arg("horizon", s.horizon)
                            .arg("percent", svg::percent(loc, get(s)))
                            .arg("count", s.forecasts),
                    );
                    (f64::from(s.horizon), get(s), words)
                })
                .collect(),
        });
        coverage_lines.push(XyLine {
            label: String::new(),
            class: "nominal",
            colour: colours[k],
            dashed: true,
            marks: false,
            steps: false,
            points: vec![(x_span[0], level, String::new()), (x_span[1], level, String::new())],
        });
    }
    let coverage_desc = h
        .iter()
        .map(|s| {
            loc.format(
                &Message::new("pages-analysis-backtest-coverage-row")
                    .arg("horizon", s.horizon)
                    .arg("count", s.forecasts)
                    .arg("c50", svg::percent(loc, s.coverage_50))
                    .arg("c80", svg::percent(loc, s.coverage_80))
                    .arg("c90", svg::percent(loc, s.coverage_90)),
            )
        })
        .collect::<Vec<_>>()
        .join(". ");
    let coverage = XyChart {
        id: "coverage".into(),
        class: "coverage",
        title: loc.tr("pages-analysis-backtest-coverage-title"),
        desc: coverage_desc,
        x_label: loc.tr("pages-analysis-backtest-horizon"),
        y_label: loc.tr("pages-analysis-backtest-coverage-y"),
        x: x_span,
        y: Axis::nice(0.0, 1.0, 4.0),
        x_ticks: x_ticks.clone(),
        y_tick: svg::percent_tick,
        bars: Vec::new(),
        lines: coverage_lines,
    };
    // CRPS skill against no change by months ahead: bars from 0.
    let skills: Vec<f64> = h.iter().filter_map(|s| s.skill).collect();
    let (lo, hi) = skills.iter().fold((0.0f64, 0.0f64), |(a, b), v| (a.min(*v), b.max(*v)));
    let skill = XyChart {
        id: "skill".into(),
        class: "skill",
        title: loc.tr("pages-analysis-backtest-skill-title"),
        desc: h
            .iter()
            .map(|s| {
                loc.format(
                    &Message::new("pages-analysis-backtest-skill-row")
                        .arg("horizon", s.horizon)
                        .arg("count", s.forecasts)
                        .arg("skill", score(loc, s.skill)),
                )
            })
            .collect::<Vec<_>>()
            .join(". "),
        x_label: loc.tr("pages-analysis-backtest-horizon"),
        y_label: loc.tr("pages-analysis-backtest-skill-y"),
        x: x_span,
        y: Axis::nice(lo.max(-2.0), hi.max(0.1), 4.0),
        x_ticks: x_ticks.clone(),
        y_tick: |loc, v| crate::pages::ltr_text(loc, loc.number(v, if v.fract() == 0.0 { 0 } else { 2 })),
        bars: h
            .iter()
            .filter_map(|s| {
                let v = s.skill?;
                Some(XyBar {
                    x: f64::from(s.horizon),
                    width: 0.7,
                    base: 0.0,
                    value: v.max(-2.0),
                    title: loc.format(
                        &Message::new("pages-analysis-backtest-skill-row")
                            .arg("horizon", s.horizon)
                            .arg("count", s.forecasts)
                            .arg("skill", score(loc, Some(v))),
                    ),
                })
            })
            .collect(),
        lines: Vec::new(),
    };
    // PIT histogram: forecasts per tenth, against the flat line of a calibrated forecast.
    let bins = o.pit_histogram.len().max(1);
    let pit_total: usize = o.pit_histogram.iter().sum();
    let flat = pit_total as f64 / bins as f64;
    let pit_max = o.pit_histogram.iter().copied().max().unwrap_or(0) as f64;
    let pit_words = |i: usize, k: usize| {
        loc.format(
            &Message::new("pages-analysis-backtest-pit-bar")
                .arg("from", svg::percent_tick(loc, i as f64 / bins as f64))
                .arg("to", svg::percent_tick(loc, (i + 1) as f64 / bins as f64))
                .arg("count", k),
        )
    };
    let pit = XyChart {
        id: "pit".into(),
        class: "pit",
        title: loc.tr("pages-analysis-backtest-pit-title"),
        desc: o.pit_histogram.iter().enumerate().map(|(i, &k)| pit_words(i, k)).collect::<Vec<_>>().join(". "),
        x_label: loc.tr("pages-analysis-backtest-pit-x"),
        y_label: loc.tr("pages-analysis-backtest-forecasts"),
        x: [0.0, 1.0],
        y: Axis::nice(0.0, pit_max.max(flat).max(1.0), 4.0),
        x_ticks: (0..=bins)
            .step_by(2)
            .map(|i| (i as f64 / bins as f64, svg::percent_tick(loc, i as f64 / bins as f64)))
            .collect(),
        y_tick: |loc, v| crate::pages::ltr_text(loc, loc.number(v, 0)),
        bars: o
            .pit_histogram
            .iter()
            .enumerate()
            .map(|(i, &k)| XyBar {
                x: (i as f64 + 0.5) / bins as f64,
                width: 0.9 / bins as f64,
                base: 0.0,
                value: k as f64,
                title: pit_words(i, k),
            })
            .collect(),
        lines: vec![XyLine {
            label: loc.tr("pages-analysis-backtest-pit-flat"),
            class: "flat",
            colour: palette::RED,
            dashed: true,
            marks: false,
            steps: false,
            points: vec![(0.0, flat, String::new()), (1.0, flat, String::new())],
        }],
    };
    let gates = &o.gates.scores;
    html! {
        p class="note" { (origins) " · " (loc.format(&Message::new("pages-analysis-backtest-summary")
            .arg("points", o.points)
            .arg("series", o.series)
            .arg("coverage", o.coverage_80.map_or("—".to_string(), |c| svg::percent(loc, c)))
            .arg("skill", score(loc, o.crps_skill)))) }
        @if o.points == 0 {
            p { (loc.tr("backtest-none")) }
        } @else {
            section aria-labelledby="coverage-h" {
                h2 id="coverage-h" { (loc.tr("pages-analysis-backtest-coverage-title")) }
                (svg::xy_chart(loc, &coverage))
                p class="note" { (loc.tr("pages-analysis-backtest-coverage-note")) }
                table class="by-horizon" {
                    thead { tr {
                        th scope="col" { (loc.tr("pages-analysis-backtest-horizon")) }
                        th scope="col" { (loc.tr("pages-analysis-backtest-forecasts")) }
                        @for level in [0.5, 0.8, 0.9] { th scope="col" { (loc.format(&Message::new("pages-analysis-backtest-interval").arg("level", svg::percent(loc, level)))) } }
                        th scope="col" { (loc.tr("pages-analysis-backtest-skill-y")) }
                    } }
                    tbody {
                        @for s in h {
                            tr data-horizon=(s.horizon) {
                                th scope="row" { (loc.number(f64::from(s.horizon), 0)) }
                                td { (loc.number(s.forecasts as f64, 0)) }
                                td { (svg::percent(loc, s.coverage_50)) }
                                td { (svg::percent(loc, s.coverage_80)) }
                                td { (svg::percent(loc, s.coverage_90)) }
                                td { (score(loc, s.skill)) }
                            }
                        }
                    }
                }
            }
            section aria-labelledby="skill-h" {
                h2 id="skill-h" { (loc.tr("pages-analysis-backtest-skill-title")) }
                (svg::xy_chart(loc, &skill))
                p class="note" { (loc.tr("pages-analysis-backtest-skill-note")) }
            }
            section aria-labelledby="pit-h" {
                h2 id="pit-h" { (loc.tr("pages-analysis-backtest-pit-title")) }
                (svg::xy_chart(loc, &pit))
                p class="note" { (loc.format(&Message::new("pages-analysis-backtest-pit-note").arg("count", pit_total))) }
            }
        }
        section aria-labelledby="gates-h" {
            h2 id="gates-h" { (loc.tr("pages-analysis-backtest-gates-title")) }
            p { (loc.tr("pages-analysis-backtest-gates-intro")) }
            table class="gate-scores" {
                thead { tr {
                    th scope="col" { (loc.tr("pages-analysis-col-phase")) }
                    th scope="col" { (loc.tr("pages-analysis-backtest-forecasts")) }
                    th scope="col" { (loc.tr("pages-analysis-backtest-met")) }
                    th scope="col" { (loc.tr("pages-analysis-backtest-brier")) }
                    th scope="col" { (loc.tr("pages-analysis-backtest-brier-reference")) }
                    th scope="col" { (loc.tr("pages-analysis-backtest-skill-y")) }
                } }
                tbody {
                    @for g in &r.gates {
                        tr data-phase=(g.phase.as_str()) data-forecasts=(g.scores.forecasts) {
                            th scope="row" { (g.name.get(lang)) @if g.illustrative { " (" (loc.tr("illustrative")) ")" }
                                br; code dir="ltr" class="note" { (g.gate) } }
                            @if g.scores.forecasts == 0 {
                                td colspan="5" { (g.skipped.as_ref().map_or_else(|| loc.tr("backtest-gate-no-months"), |b| loc.format(&b.message(case)))) }
                            } @else {
                                (score_cells(loc, &g.scores))
                            }
                        }
                    }
                }
                tfoot {
                    tr {
                        th scope="row" { (loc.format(&Message::new("pages-analysis-backtest-all-gates").arg("count", o.gates.gates))) }
                        (score_cells(loc, gates))
                    }
                }
            }
            @if gates.forecasts > 0 {
                (svg::xy_chart(loc, &reliability_chart(loc, gates)))
                p class="note" { (loc.tr("pages-analysis-backtest-reliability-note")) }
                table class="reliability" {
                    thead { tr {
                        th scope="col" { (loc.tr("pages-analysis-backtest-bin")) }
                        th scope="col" { (loc.tr("pages-analysis-backtest-forecasts")) }
                        th scope="col" { (loc.tr("pages-analysis-backtest-mean-forecast")) }
                        th scope="col" { (loc.tr("pages-analysis-backtest-observed")) }
                    } }
                    tbody {
                        @for b in &gates.reliability {
                            tr data-forecasts=(b.forecasts) {
                                th scope="row" { (svg::percent_tick(loc, b.lower)) "–" (svg::percent_tick(loc, b.upper)) }
                                td { (loc.number(b.forecasts as f64, 0)) }
                                td { (b.mean_forecast.map_or("—".to_string(), |p| svg::percent(loc, p))) }
                                td { (b.observed.map_or("—".to_string(), |p| svg::percent(loc, p))) }
                            }
                        }
                    }
                }
            }
        }
        @if r.series.iter().any(|s| s.illustrative) || r.gates.iter().any(|g| g.illustrative) { p { (loc.tr("illustrative-note")) } }
    }
}

fn score_cells(loc: &Localizer, s: &GateScores) -> Markup {
    html! {
        td { (loc.number(s.forecasts as f64, 0)) }
        td { (loc.number(s.met as f64, 0)) }
        td { (score(loc, s.brier)) }
        td { (score(loc, s.brier_reference)) }
        td { (score(loc, s.skill)) }
    }
}

/// The reliability diagram: for each bin with forecasts, its mean forecast against the share
/// met, beside the diagonal of a calibrated forecaster.
fn reliability_chart(loc: &Localizer, s: &GateScores) -> XyChart {
    let words = |mean: f64, observed: f64, count: usize| {
        loc.format(
            &Message::new("pages-analysis-backtest-reliability-point")
                .arg("mean", svg::percent(loc, mean))
                .arg("observed", svg::percent(loc, observed))
                .arg("count", count),
        )
    };
    let points: Vec<(f64, f64, String)> = s
        .reliability
        .iter()
        .filter_map(|b| Some((b.mean_forecast?, b.observed?, b.forecasts)))
        .map(|(m, o, k)| (m, o, words(m, o, k)))
        .collect();
    XyChart {
        id: "reliability".into(),
        class: "reliability",
        title: loc.tr("pages-analysis-backtest-reliability-title"),
        desc: points.iter().map(|p| p.2.clone()).collect::<Vec<_>>().join(". "),
        x_label: loc.tr("pages-analysis-backtest-mean-forecast"),
        y_label: loc.tr("pages-analysis-backtest-observed"),
        x: [0.0, 1.0],
        y: Axis::nice(0.0, 1.0, 4.0),
        x_ticks: (0..=4).map(|i| (f64::from(i) / 4.0, svg::percent_tick(loc, f64::from(i) / 4.0))).collect(),
        y_tick: svg::percent_tick,
        bars: Vec::new(),
        lines: vec![
            XyLine {
                label: loc.tr("pages-analysis-backtest-diagonal"),
                class: "diagonal",
                colour: palette::GREY,
                dashed: true,
                marks: false,
                steps: false,
                points: vec![(0.0, 0.0, String::new()), (1.0, 1.0, String::new())],
            },
            XyLine {
                label: loc.tr("pages-analysis-backtest-gates-line"),
                class: "reliability-bins",
                colour: palette::BLUE,
                dashed: false,
                marks: true,
                steps: false,
                points,
            },
        ],
    }
}
