//! Choosing a model per series by how it forecast that series' own past, and making its
//! uncertainty honest.
//!
//! 1. Fit every candidate ([`ModelKind::ALL`]) on the series.
//! 2. Rolling origins inside the series: every [`ChoiceConfig::every`] months back from the end,
//!    up to [`ChoiceConfig::origins`] origins, forecast the next [`ChoiceConfig::horizon`] months
//!    from the state the model had then (parameters stay those of the whole fit: one filter pass).
//! 3. **Floor**: every model gets at least the variance of the series' discrete steps
//!    ([`variance_floor`]), added to its fitted variances.
//! 4. **Calibration**: one factor `k` per candidate scales its variances (and state covariance)
//!    by `k²`: the smallest `k` (in [`INFLATION_RANGE`]) whose central 80% intervals cover 80% of
//!    those past months on the natural scale.
//! 5. **Choice**: the candidate with the lowest mean CRPS (natural scale) over those months,
//!    calibrated; ties go to the simpler model.
//! 6. **Median bounds**: trends are damped where they would carry the median past the series'
//!    range ([`median_bounds`]).

use rayon::prelude::*;

use crate::error::{ForecastError, Result};
use crate::model::{Candidate, ModelKind, check_series, fit_kind};
use crate::score::{crps_from_quantiles, normal_quantile};
use crate::transform::Transform;
use crate::trend::{FittedTrend, Variances};

/// z-score of the 90th percentile: the central 80% interval is the median ± this many sd.
pub const Z_80: f64 = 1.281_551_565_544_600_4;
/// The calibration factor on standard deviations stays in this range.
pub const INFLATION_RANGE: [f64; 2] = [0.5, 6.0];
/// A count's median may rise to at most this multiple of its highest observed month.
pub const COUNT_MEDIAN_GROWTH: f64 = 2.0;
/// Other series' medians may leave their observed range by at most this share of the range.
pub const RANGE_MEDIAN_MARGIN: f64 = 0.5;
/// Quantile levels used for the choice's CRPS: (j − ½)/M.
const CRPS_LEVELS: usize = 20;

/// How the per-series choice looks back.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ChoiceConfig {
    /// Most rolling origins inside the series.
    pub origins: usize,
    /// Months between them.
    pub every: usize,
    /// Months forecast from each.
    pub horizon: usize,
    /// Interval coverage the calibration aims at (for the central 80% interval: 0.8).
    pub coverage: f64,
}

impl Default for ChoiceConfig {
    /// 20 origins, every 3 months (the last five years), 12 months ahead, 80% coverage.
    fn default() -> Self {
        ChoiceConfig { origins: 20, every: 3, horizon: 12, coverage: 0.8 }
    }
}

/// How one candidate forecast the series' past.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CandidateScore {
    /// The model.
    pub kind: ModelKind,
    /// Mean CRPS over the past forecasts (natural scale), calibrated; `None` when none could be made.
    pub crps: Option<f64>,
    /// The calibration factor on its standard deviations.
    pub inflation: f64,
    /// Share of past months inside its calibrated 80% interval.
    pub coverage_80: Option<f64>,
}

/// Why the chosen model was chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChoiceReason {
    /// Lowest mean CRPS over the series' own past forecasts.
    LowestCrps,
    /// Too short a history to compare: the local level, uncalibrated, as a default.
    TooShortToCompare,
}

/// The model a series is forecast with, and the evidence for it.
#[derive(Debug, Clone, PartialEq)]
pub struct ModelChoice {
    /// The chosen model.
    pub kind: ModelKind,
    /// What the simulation uses: the fit with the floor added, calibrated, with median bounds.
    pub model: FittedTrend,
    /// The calibration factor applied to standard deviations.
    pub inflation: f64,
    /// The variance floor added (model scale).
    pub floor: Variances,
    /// Why.
    pub reason: ChoiceReason,
    /// Past forecasts (origin × month) behind each candidate's score.
    pub forecasts: usize,
    /// Every candidate's score, in [`ModelKind::ALL`] order (failed fits left out).
    pub candidates: Vec<CandidateScore>,
}

/// One past forecast of one month: what the model said before the month, on the model scale.
struct PastPoint {
    mean: f64,
    /// Predictive variance = k² · `scaled` + `fixed` (the floor's part does not scale).
    scaled: f64,
    fixed: f64,
    /// The observed value (model scale) and its natural value.
    y: f64,
    natural: f64,
}

/// Smallest recorded difference of the series on its model scale, at its last value: one step of
/// a count (1), of a level (1) or of the decimals the figures are given in (numbers, shares).
pub fn discrete_step(transform: Transform, y: &[f64]) -> f64 {
    let last = y.iter().rev().copied().find(|x| !x.is_nan()).unwrap_or(0.0);
    let natural: Vec<f64> = y.iter().copied().filter(|x| !x.is_nan()).map(|z| transform.back(z)).collect();
    let resolution = || {
        (0..=6)
            .map(|d| 10f64.powi(-d))
            .find(|r| {
                natural.iter().all(|x| {
                    let s = x / r;
                    (s - s.round()).abs() <= 1e-6 * s.abs().max(1.0)
                })
            })
            .unwrap_or(1e-6)
    };
    match transform {
        Transform::Count => {
            let n = transform.natural(last).round();
            transform.forward(n + 1.0) - transform.forward(n)
        }
        Transform::Level { .. } => 1.0,
        Transform::Number => resolution(),
        Transform::Share => {
            let r = resolution();
            let p = transform.back(last).clamp(r.min(0.5), 1.0 - r.min(0.5));
            (r / (p * (1.0 - p))).min(10.0)
        }
    }
}

/// The variance floor of a series: irregular `(step/2)²`, level `(step/2)²/12` a month (so a flat
/// series' interval still spans its neighbouring values, and widens by about that again in a
/// year), slope 0. Added to every fitted model, so no variance is below it.
pub fn variance_floor(transform: Transform, y: &[f64]) -> Variances {
    let half = discrete_step(transform, y) / 2.0;
    Variances { irregular: half * half, level: half * half / 12.0, slope: 0.0 }
}

/// Model-scale bounds on the median: counts at most [`COUNT_MEDIAN_GROWTH`] × their highest month
/// (no lower bound: the log scale approaches zero counts); other kinds within their observed range
/// widened by [`RANGE_MEDIAN_MARGIN`] of it on each side.
pub fn median_bounds(transform: Transform, y: &[f64]) -> [f64; 2] {
    let (lo, hi) =
        y.iter().filter(|x| !x.is_nan()).fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &x| (a.min(x), b.max(x)));
    if !lo.is_finite() {
        return [f64::NEG_INFINITY, f64::INFINITY];
    }
    match transform {
        Transform::Count => [f64::NEG_INFINITY, transform.forward(COUNT_MEDIAN_GROWTH * transform.natural(hi))],
        _ => {
            let margin = RANGE_MEDIAN_MARGIN * (hi - lo).max(discrete_step(transform, y));
            [lo - margin, hi + margin]
        }
    }
}

/// Chooses, floors and calibrates the model of one model-scale series (see the module notes).
pub fn choose(y: &[f64], transform: Transform, config: &ChoiceConfig) -> Result<ModelChoice> {
    choose_indexed(0, y, transform, config)
}

/// [`choose`] for many series in parallel; results in input order.
pub fn choose_many<S: AsRef<[f64]> + Sync>(
    series: &[(S, Transform)],
    config: &ChoiceConfig,
) -> Vec<Result<ModelChoice>> {
    series.par_iter().enumerate().map(|(i, (y, t))| choose_indexed(i, y.as_ref(), *t, config)).collect()
}

/// Most choices kept by [`choose_many_cached`] before the cache starts afresh.
const CACHE_CAPACITY: usize = 4096;

type CacheKey = (Vec<u64>, u8, u32, [usize; 3], u64);

fn cache() -> &'static std::sync::Mutex<std::collections::HashMap<CacheKey, ModelChoice>> {
    static CACHE: std::sync::OnceLock<std::sync::Mutex<std::collections::HashMap<CacheKey, ModelChoice>>> =
        std::sync::OnceLock::new();
    CACHE.get_or_init(Default::default)
}

fn cache_key(y: &[f64], transform: Transform, config: &ChoiceConfig) -> CacheKey {
    let (kind, levels) = match transform {
        Transform::Count => (0, 0),
        Transform::Share => (1, 0),
        Transform::Level { levels } => (2, levels),
        Transform::Number => (3, 0),
    };
    (
        y.iter().map(|x| x.to_bits()).collect(),
        kind,
        levels,
        [config.origins, config.every, config.horizon],
        config.coverage.to_bits(),
    )
}

/// [`choose_many`], remembering each series' choice by its exact values (a series version):
/// the same figures give the same choice, so a page or a what-if does not redo it.
pub fn choose_many_cached<S: AsRef<[f64]> + Sync>(
    series: &[(S, Transform)],
    config: &ChoiceConfig,
) -> Vec<Result<ModelChoice>> {
    let keys: Vec<CacheKey> = series.iter().map(|(y, t)| cache_key(y.as_ref(), *t, config)).collect();
    let known: Vec<Option<ModelChoice>> = {
        let map = cache().lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        keys.iter().map(|k| map.get(k).cloned()).collect()
    };
    let fresh: Vec<Option<Result<ModelChoice>>> = series
        .par_iter()
        .zip(&known)
        .enumerate()
        .map(|(i, ((y, t), k))| if k.is_some() { None } else { Some(choose_indexed(i, y.as_ref(), *t, config)) })
        .collect();
    let mut map = cache().lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    if map.len() > CACHE_CAPACITY {
        map.clear();
    }
    known
        .into_iter()
        .zip(fresh)
        .zip(keys)
        .map(|((k, f), key)| match (k, f) {
            (Some(c), _) => Ok(c),
            (None, Some(r)) => {
                if let Ok(c) = &r {
                    map.insert(key, c.clone());
                }
                r
            }
            (None, None) => unreachable!("a choice is computed for every series not in the cache"),
        })
        .collect()
}

pub(crate) fn choose_indexed(
    series: usize,
    y: &[f64],
    transform: Transform,
    config: &ChoiceConfig,
) -> Result<ModelChoice> {
    check_series(series, y)?;
    let floor = variance_floor(transform, y);
    let bounds = median_bounds(transform, y);
    let z: Vec<f64> = (0..CRPS_LEVELS).map(|j| normal_quantile((j as f64 + 0.5) / CRPS_LEVELS as f64)).collect();
    let origins = past_origins(y, config);
    let mut fitted: Vec<(Candidate, CandidateScore)> = Vec::new();
    let mut forecasts = 0;
    for kind in ModelKind::ALL {
        let Ok(mut c) = fit_kind(series, kind, y) else { continue };
        c.fit.median_bounds = Some(bounds);
        let points = past_points(&c, y, transform, &origins, config.horizon, floor);
        forecasts = forecasts.max(points.len());
        let score = if points.is_empty() {
            CandidateScore { kind, crps: None, inflation: 1.0, coverage_80: None }
        } else {
            let k = calibrate(&points, transform, config.coverage);
            let crps = points
                .iter()
                .map(|p| {
                    let sd = (k * k * p.scaled + p.fixed).sqrt();
                    let q: Vec<f64> = z.iter().map(|z| transform.natural(p.mean + z * sd)).collect();
                    crps_from_quantiles(&q, p.natural)
                })
                .sum::<f64>()
                / points.len() as f64;
            let inside = points.iter().filter(|p| critical_inflation(p, transform) <= k).count();
            CandidateScore {
                kind,
                crps: Some(crps),
                inflation: k,
                coverage_80: Some(inside as f64 / points.len() as f64),
            }
        };
        fitted.push((c, score));
    }
    // Lowest CRPS; `ALL` is simplest first and the comparison is strict, so ties stay with the simpler.
    let mut best: Option<usize> = None;
    for (i, (_, s)) in fitted.iter().enumerate() {
        if let Some(crps) = s.crps
            && best.is_none_or(|b| crps < fitted[b].1.crps.unwrap_or(f64::INFINITY))
        {
            best = Some(i);
        }
    }
    let (at, reason) = match best {
        Some(i) => (i, ChoiceReason::LowestCrps),
        None => (
            fitted.iter().position(|(c, _)| c.kind == ModelKind::LocalLevel).unwrap_or(0),
            ChoiceReason::TooShortToCompare,
        ),
    };
    let Some((c, s)) = fitted.get(at) else {
        // Not reached in practice: the no-change model fits any series that passed the checks.
        return Err(ForecastError::InvalidParameter {
            what: "series (no candidate model could be fitted)",
            value: f64::NAN,
        });
    };
    let k2 = s.inflation * s.inflation;
    let mut model = c.fit;
    model.variances = Variances {
        irregular: k2 * model.variances.irregular + floor.irregular,
        level: k2 * model.variances.level + floor.level,
        slope: k2 * model.variances.slope + floor.slope,
    };
    model.next_state = model.next_state.scaled(k2);
    Ok(ModelChoice {
        kind: c.kind,
        model,
        inflation: s.inflation,
        floor,
        reason,
        forecasts,
        candidates: fitted.iter().map(|(_, s)| *s).collect(),
    })
}

/// Past origins, latest first: every `every` months back from the end, each with enough observed months before it.
fn past_origins(y: &[f64], config: &ChoiceConfig) -> Vec<usize> {
    let observed = y.iter().filter(|x| !x.is_nan()).count();
    let needed = crate::trend::MIN_OBSERVATIONS.max((observed / 2).min(12));
    let mut seen = vec![0usize; y.len() + 1];
    for t in 0..y.len() {
        seen[t + 1] = seen[t] + usize::from(!y[t].is_nan());
    }
    (1..=config.origins)
        .filter_map(|j| y.len().checked_sub(j * config.every.max(1)))
        .filter(|&o| o > 0 && seen[o] >= needed)
        .collect()
}

/// Every past forecast of an observed month by a candidate, before calibration.
fn past_points(
    c: &Candidate,
    y: &[f64],
    transform: Transform,
    origins: &[usize],
    horizon: usize,
    floor: Variances,
) -> Vec<PastPoint> {
    let states = c.states(y);
    let v = c.fit.variances;
    let mut out = Vec::new();
    for &o in origins {
        let Some(state) = c.state_at(y, &states, o) else { continue };
        let model = FittedTrend { next_state: state, ..c.fit };
        let means = model.median_path(horizon);
        let mut st = state;
        for (h, &mean) in means.iter().enumerate().take(horizon) {
            let t = o + h;
            if t >= y.len() {
                break;
            }
            if !y[t].is_nan() {
                out.push(PastPoint {
                    mean,
                    scaled: st.cov[0][0] + v.irregular,
                    fixed: floor.irregular + h as f64 * floor.level,
                    y: y[t],
                    natural: transform.natural(y[t]),
                });
            }
            st = st.advance_damped(v, c.fit.damping, 1);
        }
    }
    out
}

/// The smallest inflation `k` whose central 80% interval (natural scale) holds the point.
fn critical_inflation(p: &PastPoint, transform: Transform) -> f64 {
    // Distance the interval's half-width must reach on the model scale.
    let d = match transform {
        // A zero month is inside once the lower end reaches zero (counts are kept at 0 or above).
        Transform::Count if p.natural == 0.0 => p.mean.max(0.0),
        // Levels are rounded: within half a level is enough.
        Transform::Level { .. } => ((p.y - p.mean).abs() - 0.5).max(0.0),
        _ => (p.y - p.mean).abs(),
    };
    let need = (d / Z_80).powi(2) - p.fixed;
    if need <= 0.0 {
        0.0
    } else if p.scaled > 0.0 {
        (need / p.scaled).sqrt()
    } else {
        f64::INFINITY
    }
}

/// The smallest `k` covering `coverage` of the points, within [`INFLATION_RANGE`].
fn calibrate(points: &[PastPoint], transform: Transform, coverage: f64) -> f64 {
    let mut k: Vec<f64> = points.iter().map(|p| critical_inflation(p, transform)).collect();
    k.sort_by(f64::total_cmp);
    let rank = ((coverage * k.len() as f64).ceil() as usize).clamp(1, k.len());
    k[rank - 1].clamp(INFLATION_RANGE[0], INFLATION_RANGE[1])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_count_step_is_one_count_on_the_log_scale() {
        let y = vec![Transform::Count.forward(5.0); 14];
        let s = discrete_step(Transform::Count, &y);
        assert!((s - (7.0f64 / 6.0).ln()).abs() < 1e-12);
    }

    #[test]
    fn a_number_step_follows_its_decimals() {
        assert_eq!(discrete_step(Transform::Number, &[1.0, 2.5, 3.25]), 0.01);
        assert_eq!(discrete_step(Transform::Number, &[10.0, 20.0]), 1.0);
    }

    #[test]
    fn the_choice_prefers_no_change_on_a_random_walk_over_the_long_run_mean() {
        let mut x = 0.0;
        let mut seed = 7u64;
        let y: Vec<f64> = (0..200)
            .map(|_| {
                seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
                x += ((seed >> 33) as f64 / (1u64 << 31) as f64) - 0.5;
                x
            })
            .collect();
        let c = choose(&y, Transform::Number, &ChoiceConfig::default()).unwrap();
        let crps = |k| c.candidates.iter().find(|s| s.kind == k).and_then(|s| s.crps).unwrap();
        assert!(crps(ModelKind::NoChange) < crps(ModelKind::LongRunMean));
        assert_ne!(c.kind, ModelKind::LongRunMean);
        assert_eq!(c.reason, ChoiceReason::LowestCrps);
        assert!(c.forecasts > 100);
    }
}
