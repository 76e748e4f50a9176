//! Backtest: forecast each series from past origins with only the figures before them, and
//! score the forecasts against what happened — CRPS from the simulated sample, skill against
//! "no change", coverage of the 50/80/90% intervals by horizon, a PIT histogram — always
//! saying how many forecasts stand behind each score.
//!
//! Origins: by default one, holding out each series' last figures (the hold-out is given in
//! months and turned into figures by the indicator's frequency: 12 months are 12 monthly
//! figures, 4 quarterly ones or 1 yearly one, always at least one). With [`Origins::Every`] or
//! [`Origins::At`], rolling origins on the calendar, the same for every series.
//!
//! Series come from a case (every indicator in every area with figures of its own) or from a
//! CSV of monthly series in long format (`series,period,value`, see [`read_series_csv`]).

use std::collections::BTreeMap;

use serde::{Serialize, Serializer};
use tahawul_forecast as engine;
use tahawul_i18n::Message;

use super::gate_backtest::{GateBacktest, GatesOverall, gate_backtests};
use super::{Blocker, grid, transform_of};
use crate::diagnostic::Diagnostic;
use crate::model::{Case, Id, Text};
use crate::period::{Frequency, Month, Period};

/// Simulated draws per forecast month for the CRPS and the PIT.
pub const BACKTEST_PATHS: u32 = 1000;
/// Bins of the PIT histogram.
pub const PIT_BINS: usize = 10;

/// Which origins to forecast from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origins {
    /// One per series: the first of its held-out figures.
    HoldOut,
    /// Every `months` months from `from` to `to` (inclusive), each the first forecast month.
    Every {
        /// Months between origins.
        months: u32,
        /// The first origin.
        from: Month,
        /// The last origin.
        to: Month,
    },
    /// These first forecast months.
    At(Vec<Month>),
}

/// How to backtest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BacktestSettings {
    /// Months forecast from each origin (with [`Origins::HoldOut`], the months held out).
    pub horizon_months: u32,
    /// The origins.
    pub origins: Origins,
    /// Draws per month.
    pub paths: u32,
    /// The seed.
    pub seed: u64,
}

impl BacktestSettings {
    /// One origin holding out `months` months, [`BACKTEST_PATHS`] draws, the default seed.
    pub fn hold_out(months: u32) -> Self {
        BacktestSettings {
            horizon_months: months,
            origins: Origins::HoldOut,
            paths: BACKTEST_PATHS,
            seed: super::DEFAULT_SEED,
        }
    }
}

/// One series' backtest.
#[derive(Debug, Clone, Serialize)]
pub struct SeriesBacktest {
    /// `factor.indicator`, or the CSV's series name.
    pub indicator: String,
    /// The indicator's name (case series).
    pub indicator_name: Option<Text>,
    /// The area (its own figures only; case series).
    pub area: Option<Id>,
    /// The publisher.
    pub publisher: Option<Id>,
    /// How often it is reported.
    pub frequency: Frequency,
    /// Figures in the series.
    pub observations: usize,
    /// Figures held out (with one origin), or forecast in all (rolling origins).
    pub held_out: usize,
    /// True when any figure is illustrative.
    pub illustrative: bool,
    /// The scores, when there were enough figures.
    pub scores: Option<SeriesScores>,
    /// Why it was not scored.
    pub skipped: Option<Blocker>,
}

/// How the model and the baselines did on one series (natural units).
#[derive(Debug, Clone, Serialize)]
pub struct SeriesScores {
    /// Share of forecast figures inside the model's central 80% interval.
    pub coverage_80: f64,
    /// Mean absolute error of the model's median.
    pub mae_model: f64,
    /// Mean absolute error of "the last value stays".
    pub mae_naive: f64,
    /// Mean absolute error of "the average change per month continues".
    pub mae_drift: f64,
    /// Mean CRPS of the model (from its simulated sample).
    pub crps: f64,
    /// Mean CRPS of "no change" (a point forecast: its absolute error).
    pub crps_no_change: f64,
    /// The model chosen at each origin.
    pub origins: Vec<OriginModel>,
    /// The forecast figures.
    pub points: Vec<BacktestPoint>,
}

/// The model chosen at one origin.
#[derive(Debug, Clone, Serialize)]
pub struct OriginModel {
    /// The first forecast month.
    #[serde(serialize_with = "month_text")]
    pub origin: Month,
    /// The model.
    pub model: &'static str,
    /// Its calibration factor.
    pub inflation: f64,
}

/// One forecast figure.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct BacktestPoint {
    /// The period.
    #[serde(serialize_with = "period_text")]
    pub period: Period,
    /// The first forecast month of its origin.
    #[serde(serialize_with = "month_text")]
    pub origin: Month,
    /// Months ahead (1 = the origin month).
    pub horizon: u32,
    /// What was reported.
    pub actual: f64,
    /// The model's median.
    pub forecast: f64,
    /// Lower end of the central 80% interval.
    pub lower_80: f64,
    /// Upper end.
    pub upper_80: f64,
    /// Central 50% interval.
    pub interval_50: [f64; 2],
    /// Central 90% interval.
    pub interval_90: [f64; 2],
    /// CRPS of the simulated sample.
    pub crps: f64,
    /// The no-change forecast (the last figure before the origin).
    pub no_change: f64,
    /// Probability integral transform (ties counted half).
    pub pit: f64,
}

fn period_text<S: Serializer>(p: &Period, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(p)
}
fn month_text<S: Serializer>(m: &Month, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(m)
}

/// Scores at one horizon, pooled over series and origins.
#[derive(Debug, Clone, Serialize)]
pub struct HorizonScores {
    /// Months ahead.
    pub horizon: u32,
    /// Forecasts behind these scores.
    pub forecasts: usize,
    /// Share inside the central 50% interval.
    pub coverage_50: f64,
    /// Share inside the central 80% interval.
    pub coverage_80: f64,
    /// Share inside the central 90% interval.
    pub coverage_90: f64,
    /// Mean CRPS (natural units, pooled: large series weigh more).
    pub crps: f64,
    /// Mean CRPS of no change.
    pub crps_no_change: f64,
    /// 1 − crps / crps_no_change (above 0: better than no change).
    pub skill: Option<f64>,
}

/// Scores over all series. Errors are in each series' own units: pooled figures (sums over
/// every forecast) weigh large series more; the ratios (geometric means per series) do not.
#[derive(Debug, Clone, Serialize)]
pub struct BacktestOverall {
    /// Series scored.
    pub series: usize,
    /// Series skipped for lack of figures.
    pub skipped: usize,
    /// Forecast figures scored.
    pub points: usize,
    /// Share of all forecast figures inside their 80% interval (ideally about 0.8).
    pub coverage_80: Option<f64>,
    /// Share inside the 50% interval.
    pub coverage_50: Option<f64>,
    /// Share inside the 90% interval.
    pub coverage_90: Option<f64>,
    /// Series where the model's error is below the last-value baseline's.
    pub model_beats_naive: usize,
    /// Series where the model's error is below the drift baseline's.
    pub model_beats_drift: usize,
    /// Geometric mean of model error / last-value error (below 1: the model does better).
    pub mae_ratio_naive: Option<f64>,
    /// Geometric mean of model error / drift error.
    pub mae_ratio_drift: Option<f64>,
    /// Pooled mean CRPS.
    pub crps: Option<f64>,
    /// Pooled mean CRPS of no change.
    pub crps_no_change: Option<f64>,
    /// Pooled CRPS skill against no change: 1 − crps / crps_no_change.
    pub crps_skill: Option<f64>,
    /// Geometric mean over series of crps / crps_no_change (below 1: better than no change).
    pub crps_ratio: Option<f64>,
    /// Series (with at least one forecast) where the model's CRPS is below no change's.
    pub model_beats_no_change: usize,
    /// By months ahead.
    pub by_horizon: Vec<HorizonScores>,
    /// PIT histogram: forecasts per tenth of [0, 1] (flat when calibrated).
    pub pit_histogram: Vec<usize>,
    /// How often each model was chosen (origin × series).
    pub models: BTreeMap<&'static str, usize>,
    /// The gates' scores, pooled (none for CSV series).
    pub gates: GatesOverall,
}

/// A backtest.
#[derive(Debug, Clone, Serialize)]
pub struct BacktestReport {
    /// The case (case series).
    pub case: Option<Id>,
    /// The CSV file (CSV series).
    pub source: Option<String>,
    /// Months forecast from each origin.
    pub holdout_months: u32,
    /// The origins asked for (empty: each series' own hold-out).
    pub origins: Vec<String>,
    /// One entry per series.
    pub series: Vec<SeriesBacktest>,
    /// One entry per phase: its gate's "met by month D" forecasts, scored (case series only).
    pub gates: Vec<GateBacktest>,
    /// Over all series and gates.
    pub overall: BacktestOverall,
}

/// Figures held out for `months` months of a series reported every `freq` (at least one).
pub fn holdout_points(freq: Frequency, months: u32) -> usize {
    (months as usize).div_ceil(freq.months() as usize).max(1)
}

/// The origins' months, in order.
pub(super) fn origin_months(origins: &Origins) -> Vec<Month> {
    match origins {
        Origins::HoldOut => Vec::new(),
        Origins::Every { months, from, to } => {
            let step = (*months).max(1) as i32;
            (0..).map(|k| from.plus(k * step)).take_while(|m| m <= to).collect()
        }
        Origins::At(v) => v.clone(),
    }
}

/// A monthly series to backtest, on its grid.
struct Input<'a> {
    start: Month,
    natural: Vec<f64>,
    transform: engine::Transform,
    /// The period of a grid month (a quarter's figure sits on its last month).
    period: &'a dyn Fn(usize) -> Period,
    held_out: usize,
}

/// Scores one series; `Err` with the engine's error when it cannot be.
fn score(input: &Input<'_>, settings: &BacktestSettings) -> Result<SeriesScores, engine::ForecastError> {
    let observed: Vec<usize> = (0..input.natural.len()).filter(|&t| !input.natural[t].is_nan()).collect();
    let (origins, horizon) = match &settings.origins {
        Origins::HoldOut => {
            let needed = engine::MIN_OBSERVATIONS + input.held_out;
            if observed.len() < needed {
                return Err(engine::ForecastError::TooFewObservations { series: 0, found: observed.len(), needed });
            }
            let cut = observed[observed.len() - input.held_out];
            (vec![cut], input.natural.len() - cut)
        }
        other => {
            let idx = origin_months(other)
                .into_iter()
                .filter_map(|m| usize::try_from(m.0 - input.start.0).ok())
                .filter(|&i| i < input.natural.len())
                .collect();
            (idx, settings.horizon_months as usize)
        }
    };
    let config = engine::BacktestConfig {
        origins,
        horizon,
        paths: settings.paths,
        seed: settings.seed,
        choice: engine::ChoiceConfig::default(),
    };
    let forecasts = engine::rolling_backtest(&input.natural, input.transform, &config)?;
    let mut points = Vec::new();
    let mut origins = Vec::new();
    let mut drift_abs = 0.0;
    for f in &forecasts {
        let origin = input.start.plus(f.origin as i32);
        origins.push(OriginModel { origin, model: f.choice.kind.id(), inflation: f.choice.inflation });
        // Drift: the average change per month over the figures before the origin.
        let before: Vec<usize> = observed.iter().copied().filter(|&t| t < f.origin).collect();
        let (first, last) = (before[0], *before.last().expect("the engine needs figures before an origin"));
        let drift =
            if last > first { (input.natural[last] - input.natural[first]) / (last - first) as f64 } else { 0.0 };
        for p in &f.points {
            drift_abs += (input.natural[last] + drift * (p.month - last) as f64 - p.actual).abs();
            points.push(BacktestPoint {
                period: (input.period)(p.month),
                origin,
                horizon: p.horizon as u32,
                actual: p.actual,
                forecast: p.forecast,
                lower_80: p.lower_80,
                upper_80: p.upper_80,
                interval_50: p.interval_50,
                interval_90: p.interval_90,
                crps: p.crps,
                no_change: p.no_change,
                pit: p.pit,
            });
        }
    }
    if points.is_empty() {
        return Err(engine::ForecastError::TooFewObservations {
            series: 0,
            found: observed.len(),
            needed: engine::MIN_OBSERVATIONS + 1,
        });
    }
    let n = points.len() as f64;
    let mean = |f: &dyn Fn(&BacktestPoint) -> f64| points.iter().map(f).sum::<f64>() / n;
    Ok(SeriesScores {
        coverage_80: mean(&|p| f64::from(u8::from(p.lower_80 <= p.actual && p.actual <= p.upper_80))),
        mae_model: mean(&|p| (p.forecast - p.actual).abs()),
        mae_naive: mean(&|p| (p.no_change - p.actual).abs()),
        mae_drift: drift_abs / n,
        crps: mean(&|p| p.crps),
        crps_no_change: mean(&|p| (p.no_change - p.actual).abs()),
        origins,
        points,
    })
}

fn skipped(name: &str, area: Option<&Id>, e: engine::ForecastError) -> Blocker {
    // CSV series have no area of a case; "csv" stands in (an identifier is required).
    let area = area.cloned().or_else(|| Id::parse("csv")).expect("a valid identifier");
    match e {
        engine::ForecastError::TooFewObservations { found, needed, .. } => {
            Blocker::TooFewFigures { indicator: name.to_string(), area, figures: found, needed }
        }
        other => Blocker::Model { indicator: name.to_string(), area, detail: other.to_string() },
    }
}

/// Backtests every indicator in every area with figures of its own (the reference publisher's).
pub fn backtest(case: &Case, holdout_months: u32) -> BacktestReport {
    backtest_with(case, &BacktestSettings::hold_out(holdout_months))
}

/// [`backtest`] with chosen origins, draws and seed.
pub fn backtest_with(case: &Case, settings: &BacktestSettings) -> BacktestReport {
    let mut series = Vec::new();
    for ind in &case.indicators {
        for area in &case.areas {
            let s = case.series(ind, area.id.as_str());
            if s.points.is_empty() || s.data_area != area.id {
                continue;
            }
            let held_out = holdout_points(ind.frequency, settings.horizon_months);
            let (start, natural) = grid(&s);
            let period = |m: usize| {
                let month = start.plus(m as i32);
                s.points.iter().find(|p| p.period.last_month() == month).map_or(Period::Month(month), |p| p.period)
            };
            let input = Input { start, natural, transform: transform_of(case, ind), period: &period, held_out };
            let (scores, skip) = match score(&input, settings) {
                Ok(sc) => (Some(sc), None),
                Err(e) => (None, Some(skipped(&ind.qualified_name(), Some(&area.id), e))),
            };
            series.push(SeriesBacktest {
                indicator: ind.qualified_name(),
                indicator_name: Some(ind.name.clone()),
                area: Some(area.id.clone()),
                publisher: s.publisher.clone(),
                frequency: ind.frequency,
                observations: s.points.len(),
                held_out: scores.as_ref().map_or(held_out, |sc| sc.points.len()),
                illustrative: s.has_illustrative(),
                scores,
                skipped: skip,
            });
        }
    }
    let gates = gate_backtests(case, settings);
    let mut overall = overall(&series);
    overall.gates = GatesOverall::of(&gates);
    BacktestReport {
        case: Some(case.id.clone()),
        source: None,
        holdout_months: settings.horizon_months,
        origins: origin_months(&settings.origins).iter().map(Month::to_string).collect(),
        series,
        gates,
        overall,
    }
}

/// A named monthly series from a CSV.
#[derive(Debug, Clone, PartialEq)]
pub struct CsvSeries {
    /// Its name (first column).
    pub name: String,
    /// Its first month.
    pub start: Month,
    /// One value per month from `start`, NaN where the file has none.
    pub values: Vec<f64>,
}

impl CsvSeries {
    /// Months with a value above zero.
    pub fn nonzero_months(&self) -> usize {
        self.values.iter().filter(|x| **x > 0.0).count()
    }
}

/// Reads monthly series in long format: a header `series,period,value`, then one row per
/// series and month (`YYYY-MM`, a number; rows in any order). Every problem is reported with
/// its line and column; nothing is returned unless the whole file reads.
pub fn read_series_csv(file: &str, text: &str) -> Result<Vec<CsvSeries>, Vec<Diagnostic>> {
    let diag = |line: u64, column: u32, message: Message, help: Option<Message>| Diagnostic {
        file: file.to_string(),
        line: line as u32,
        column,
        message,
        help,
    };
    let mut reader = csv::ReaderBuilder::new().has_headers(true).flexible(true).from_reader(text.as_bytes());
    let mut problems = Vec::new();
    let header_ok = reader
        .headers()
        .map(|h| h.iter().map(str::trim).collect::<Vec<_>>() == ["series", "period", "value"])
        .unwrap_or(false);
    if !header_ok {
        return Err(vec![diag(
            1,
            1,
            Message::new("backtest-csv-header"),
            Some(Message::new("backtest-csv-header-help")),
        )]);
    }
    let mut by_name: BTreeMap<String, BTreeMap<i32, f64>> = BTreeMap::new();
    for row in reader.records() {
        let row = match row {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                problems.push(diag(
                    line,
                    1,
                    Message::new("backtest-csv-unreadable").arg("detail", e.to_string()),
                    None,
                ));
                continue;
            }
        };
        let line = row.position().map_or(0, |p| p.line());
        if row.len() != 3 {
            problems.push(diag(
                line,
                1,
                Message::new("backtest-csv-fields").arg("count", row.len()),
                Some(Message::new("backtest-csv-header-help")),
            ));
            continue;
        }
        let column = |i: usize| -> u32 { 1 + row.iter().take(i).map(|f| f.chars().count() as u32 + 1).sum::<u32>() };
        let name = row[0].trim();
        if name.is_empty() {
            problems.push(diag(line, 1, Message::new("backtest-csv-no-name"), None));
            continue;
        }
        let Ok(month) = row[1].trim().parse::<Month>() else {
            problems.push(diag(
                line,
                column(1),
                Message::new("backtest-csv-period").arg("value", row[1].trim()),
                Some(Message::new("backtest-csv-period-help")),
            ));
            continue;
        };
        let value = match row[2].trim().parse::<f64>() {
            Ok(v) if v.is_finite() => v,
            _ => {
                problems.push(diag(
                    line,
                    column(2),
                    Message::new("backtest-csv-value").arg("value", row[2].trim()),
                    None,
                ));
                continue;
            }
        };
        if by_name.entry(name.to_string()).or_default().insert(month.0, value).is_some() {
            problems.push(diag(
                line,
                column(1),
                Message::new("backtest-csv-duplicate").arg("series", name).arg("period", month.to_string()),
                None,
            ));
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(by_name
        .into_iter()
        .filter_map(|(name, months)| {
            let (&first, _) = months.first_key_value()?;
            let (&last, _) = months.last_key_value()?;
            let mut values = vec![f64::NAN; (last - first + 1) as usize];
            for (m, v) in months {
                values[(m - first) as usize] = v;
            }
            Some(CsvSeries { name, start: Month(first), values })
        })
        .collect())
}

/// Backtests CSV series as counts (`log1p` scale), each with rolling origins or its own hold-out.
pub fn backtest_series(source: &str, series: &[CsvSeries], settings: &BacktestSettings) -> BacktestReport {
    use rayon::prelude::*;
    let out: Vec<SeriesBacktest> = series
        .par_iter()
        .map(|s| {
            let period = |m: usize| Period::Month(s.start.plus(m as i32));
            let held_out = holdout_points(Frequency::Month, settings.horizon_months);
            let transform = if s.values.iter().all(|x| x.is_nan() || *x >= 0.0) {
                engine::Transform::Count
            } else {
                engine::Transform::Number
            };
            let input = Input { start: s.start, natural: s.values.clone(), transform, period: &period, held_out };
            let (scores, skip) = match score(&input, settings) {
                Ok(sc) => (Some(sc), None),
                Err(e) => (None, Some(skipped(&s.name, None, e))),
            };
            SeriesBacktest {
                indicator: s.name.clone(),
                indicator_name: None,
                area: None,
                publisher: None,
                frequency: Frequency::Month,
                observations: s.values.iter().filter(|x| !x.is_nan()).count(),
                held_out: scores.as_ref().map_or(held_out, |sc| sc.points.len()),
                illustrative: false,
                scores,
                skipped: skip,
            }
        })
        .collect();
    let overall = overall(&out);
    BacktestReport {
        case: None,
        source: Some(source.to_string()),
        holdout_months: settings.horizon_months,
        origins: origin_months(&settings.origins).iter().map(Month::to_string).collect(),
        series: out,
        gates: Vec::new(),
        overall,
    }
}

fn overall(series: &[SeriesBacktest]) -> BacktestOverall {
    let scored: Vec<&SeriesScores> = series.iter().filter_map(|s| s.scores.as_ref()).collect();
    let all: Vec<&BacktestPoint> = scored.iter().flat_map(|s| &s.points).collect();
    let points = all.len();
    let share = |pts: &[&BacktestPoint], inside: &dyn Fn(&BacktestPoint) -> bool| {
        (!pts.is_empty()).then(|| pts.iter().filter(|p| inside(p)).count() as f64 / pts.len() as f64)
    };
    let in50 = |p: &BacktestPoint| p.interval_50[0] <= p.actual && p.actual <= p.interval_50[1];
    let in80 = |p: &BacktestPoint| p.lower_80 <= p.actual && p.actual <= p.upper_80;
    let in90 = |p: &BacktestPoint| p.interval_90[0] <= p.actual && p.actual <= p.interval_90[1];
    let geo_mean = |ratio: &dyn Fn(&SeriesScores) -> f64| -> Option<f64> {
        let logs: Vec<f64> =
            scored.iter().map(|s| ratio(s)).filter(|r| r.is_finite() && *r > 0.0).map(f64::ln).collect();
        (!logs.is_empty()).then(|| (logs.iter().sum::<f64>() / logs.len() as f64).exp())
    };
    let sum = |pts: &[&BacktestPoint], f: &dyn Fn(&BacktestPoint) -> f64| pts.iter().map(|p| f(p)).sum::<f64>();
    let nc = |p: &BacktestPoint| (p.no_change - p.actual).abs();
    let skill = |pts: &[&BacktestPoint]| {
        let (a, b) = (sum(pts, &|p| p.crps), sum(pts, &nc));
        (b > 0.0).then(|| 1.0 - a / b)
    };
    let max_h = all.iter().map(|p| p.horizon).max().unwrap_or(0);
    let by_horizon = (1..=max_h)
        .filter_map(|h| {
            let pts: Vec<&BacktestPoint> = all.iter().copied().filter(|p| p.horizon == h).collect();
            if pts.is_empty() {
                return None;
            }
            let n = pts.len() as f64;
            Some(HorizonScores {
                horizon: h,
                forecasts: pts.len(),
                coverage_50: share(&pts, &in50).unwrap_or(0.0),
                coverage_80: share(&pts, &in80).unwrap_or(0.0),
                coverage_90: share(&pts, &in90).unwrap_or(0.0),
                crps: sum(&pts, &|p| p.crps) / n,
                crps_no_change: sum(&pts, &nc) / n,
                skill: skill(&pts),
            })
        })
        .collect();
    let mut pit_histogram = vec![0; PIT_BINS];
    for p in &all {
        pit_histogram[((p.pit * PIT_BINS as f64) as usize).min(PIT_BINS - 1)] += 1;
    }
    let mut models = BTreeMap::new();
    for s in &scored {
        for o in &s.origins {
            *models.entry(o.model).or_insert(0) += 1;
        }
    }
    BacktestOverall {
        series: scored.len(),
        skipped: series.len() - scored.len(),
        points,
        coverage_80: share(&all, &in80),
        coverage_50: share(&all, &in50),
        coverage_90: share(&all, &in90),
        model_beats_naive: scored.iter().filter(|s| s.mae_model < s.mae_naive).count(),
        model_beats_drift: scored.iter().filter(|s| s.mae_model < s.mae_drift).count(),
        mae_ratio_naive: geo_mean(&|s| s.mae_model / s.mae_naive),
        mae_ratio_drift: geo_mean(&|s| s.mae_model / s.mae_drift),
        crps: (points > 0).then(|| sum(&all, &|p| p.crps) / points as f64),
        crps_no_change: (points > 0).then(|| sum(&all, &nc) / points as f64),
        crps_skill: skill(&all),
        crps_ratio: geo_mean(&|s| s.crps / s.crps_no_change),
        model_beats_no_change: scored.iter().filter(|s| s.crps < s.crps_no_change).count(),
        by_horizon,
        pit_histogram,
        models,
        gates: GatesOverall::of(&[]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_format_csv_becomes_monthly_series_with_gaps() {
        let text = "series,period,value\na,2020-01,1\nb,2020-02,5\na,2020-03,3\n";
        let s = read_series_csv("x.csv", text).unwrap();
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].name, "a");
        assert_eq!(s[0].start, Month::new(2020, 1));
        assert_eq!(s[0].values[0], 1.0);
        assert!(s[0].values[1].is_nan());
        assert_eq!(s[0].values[2], 3.0);
    }

    #[test]
    fn every_bad_row_of_a_csv_is_reported_with_line_and_column() {
        let text = "series,period,value\na,2020-13,1\na,2020-01,x\na,2020-01,2\na,2020-01,3\n";
        let e = read_series_csv("x.csv", text).unwrap_err();
        let at: Vec<(u32, u32, &str)> = e.iter().map(|d| (d.line, d.column, d.message.id)).collect();
        assert_eq!(
            at,
            vec![(2, 3, "backtest-csv-period"), (3, 11, "backtest-csv-value"), (5, 3, "backtest-csv-duplicate")]
        );
        assert_eq!(read_series_csv("x.csv", "a,b\n").unwrap_err()[0].message.id, "backtest-csv-header");
    }
}
