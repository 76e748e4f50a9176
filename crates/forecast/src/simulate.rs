//! Simulating futures, tracking gates on the fly, and summarising phase starts.
//!
//! Paths are simulated in blocks of [`LANES`]: for each series, all lanes step through the
//! horizon together (so the normal sampler and the state recursion vectorise), and each
//! clause on that series turns the block's values into one bitset of months per path.
//! Windows, and/or/not, first passage and attribution are then bit operations. Nothing
//! larger than one block is ever held, and all statistics are integer counts, so the
//! result does not depend on how rayon splits the blocks.
// Index loops over fixed-size lanes are deliberate: they are what the compiler vectorises.
#![allow(clippy::needless_range_loop)]

use rayon::prelude::*;

use crate::error::{ForecastError, Result};
use crate::gate::{Cmp, CompiledGate, Leaf, LeafTest, Op, compile};
use crate::phase::PhaseGraph;
use crate::rng::{LANES, LaneRng};
use crate::transform::Transform;
use crate::trend::FittedTrend;

/// One indicator series ready for simulation.
#[derive(Debug, Clone)]
pub struct SeriesInput {
    /// The fitted model (model scale).
    pub trend: FittedTrend,
    /// How natural values map to the model scale.
    pub transform: Transform,
    /// Month index of the last month of the fitted grid (must be before the forecast origin).
    pub last_month: i32,
    /// Observed natural-scale values ending at `last_month` (NaN = none), to seed clause windows.
    pub history: Vec<f64>,
}

/// Where and how far to look, how many futures to draw, and the seed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SimulationConfig {
    /// First forecast month.
    pub origin_month: i32,
    /// Months simulated from the origin.
    pub horizon_months: u32,
    /// Number of simulated futures.
    pub paths: u32,
    /// Same seed, same answer, on any number of threads.
    pub seed: u64,
}

/// A what-if change to one series from a month on (months before the origin act at the origin).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Shock {
    /// Series affected.
    pub series: usize,
    /// First month affected.
    pub from_month: i32,
    /// Added once to the level, on the model scale (see [`Transform::count_multiplier_shift`]).
    pub level_shift: f64,
    /// Added once to the monthly slope, on the model scale.
    pub slope_change: f64,
    /// Multiplies all three disturbance variances from `from_month` on (1 = unchanged).
    pub variance_multiplier: f64,
}

impl Shock {
    /// A pure level shift on the model scale.
    pub fn level_shift(series: usize, from_month: i32, shift: f64) -> Self {
        Shock { series, from_month, level_shift: shift, slope_change: 0.0, variance_multiplier: 1.0 }
    }

    /// "Multiply this count by `factor` from `from_month`", as a level shift on the log scale.
    pub fn count_multiplier(series: usize, from_month: i32, factor: f64) -> Self {
        Self::level_shift(series, from_month, Transform::count_multiplier_shift(factor))
    }
}

/// What the simulation says about one phase.
#[derive(Debug, Clone, PartialEq)]
pub struct PhaseOutlook {
    /// P10, P50, P90 start months over all paths, a path that never starts counting as later than
    /// any month; `None` = that percentile lies beyond the horizon.
    pub start_quantiles: [Option<i32>; 3],
    /// P10, P50, P90 start months among paths that start within the horizon (`None` if none do).
    pub start_quantiles_given_start: [Option<i32>; 3],
    /// Share of paths that start by the deadline month (inclusive), if there is a deadline.
    pub p_by_deadline: Option<f64>,
    /// Share of paths that do not start within the horizon.
    pub p_not_within_horizon: f64,
    /// Per clause index (depth-first order of the gate's clauses): share of paths it held back.
    pub held_back_by: Vec<f64>,
    /// Number of paths starting in each horizon month (index 0 = origin).
    pub start_counts: Vec<u64>,
}

/// The simulated outlook for every phase, in the graph's phase order.
#[derive(Debug, Clone, PartialEq)]
pub struct Forecast {
    /// Copy of the configuration that produced it.
    pub config: SimulationConfig,
    /// One outlook per phase.
    pub phases: Vec<PhaseOutlook>,
}

/// A baseline and a scenario run on common random numbers.
#[derive(Debug, Clone, PartialEq)]
pub struct ScenarioComparison {
    /// Without shocks, with the baseline gates.
    pub baseline: Forecast,
    /// With shocks, with the scenario's gates.
    pub scenario: Forecast,
}

/// Simulates `config.paths` futures of every series (with `shocks` applied) and reports each phase.
pub fn forecast(
    series: &[SeriesInput],
    graph: &PhaseGraph,
    shocks: &[Shock],
    config: &SimulationConfig,
) -> Result<Forecast> {
    let plan = Plan::new(series, graph, shocks, config)?;
    Ok(run_plan(&plan, *config))
}

fn run_plan(plan: &Plan, config: SimulationConfig) -> Forecast {
    let counts = (0..plan.blocks)
        .into_par_iter()
        .fold(
            || (Scratch::new(plan), Counts::new(plan)),
            |(mut scratch, mut counts), block| {
                run_block(plan, block, &mut scratch, &mut counts);
                (scratch, counts)
            },
        )
        .map(|(_, c)| c)
        .reduce(|| Counts::new(plan), Counts::merge);
    plan.report(counts, config)
}

/// Runs the baseline and a scenario with the same seed, so differences come from the scenario alone.
/// `scenario_graph` carries any threshold edits; pass the baseline graph again if there are none.
pub fn compare_scenario(
    series: &[SeriesInput],
    baseline_graph: &PhaseGraph,
    scenario_graph: &PhaseGraph,
    shocks: &[Shock],
    config: &SimulationConfig,
) -> Result<ScenarioComparison> {
    Ok(ScenarioComparison {
        baseline: forecast(series, baseline_graph, &[], config)?,
        scenario: forecast(series, scenario_graph, shocks, config)?,
    })
}

/// Longest horizon, and longest gap between a series' last month and the origin: a century.
const MAX_MONTHS: u32 = 1200;

/// Months simulated per refill of the normal buffer (3 normals per month; even, so pairs fit).
pub(crate) const CHUNK_MONTHS: usize = 8;

/// From month `start` on: these noise scales; the jumps apply once at `start`.
#[derive(Debug, Clone, Copy)]
struct Segment {
    start: usize,
    level_jump: f64,
    slope_jump: f64,
    sd: [f64; 3],
}

struct SeriesPlan {
    index: usize,
    mean: [f64; 2],
    damping: f64,
    bounds: [f64; 2],
    chol: [f64; 3],
    segments: Vec<Segment>,
    leaves: Vec<usize>,
}

struct PhasePlan {
    gate: CompiledGate,
    predecessors: Vec<usize>,
    lag: i64,
    earliest: i64,
    deadline: Option<i64>,
}

struct Plan {
    horizon: usize,
    pad: usize,
    nbits: usize,
    words: usize,
    paths: u64,
    blocks: u64,
    seed: u64,
    series: Vec<SeriesPlan>,
    leaves: Vec<Leaf>,
    leaf_history: Vec<u64>,
    valid: Vec<u64>,
    phases: Vec<PhasePlan>,
    order: Vec<usize>,
    stack_slots: usize,
    kernel: Kernel,
    /// Month bitsets fit in a u128: use the integer fast path.
    narrow: bool,
}

impl Plan {
    fn new(series: &[SeriesInput], graph: &PhaseGraph, shocks: &[Shock], config: &SimulationConfig) -> Result<Self> {
        if config.paths == 0 {
            return Err(ForecastError::InvalidParameter { what: "number of paths", value: 0.0 });
        }
        if config.horizon_months == 0 || config.horizon_months > MAX_MONTHS {
            return Err(ForecastError::InvalidParameter {
                what: "horizon in months (1 to 1200)",
                value: f64::from(config.horizon_months),
            });
        }
        let horizon = config.horizon_months as usize;
        let origin = i64::from(config.origin_month);
        let transforms: Vec<Transform> = series.iter().map(|s| s.transform).collect();
        let mut leaves = Vec::new();
        let mut phases = Vec::new();
        let mut stack_slots = 1;
        for p in graph.phases() {
            let gate = compile(&p.gate, &transforms, &mut leaves)?;
            stack_slots = stack_slots.max(gate.max_depth);
            phases.push(PhasePlan {
                gate,
                predecessors: p.predecessors.clone(),
                lag: i64::from(p.min_lag_months),
                earliest: p.earliest_month.map_or(i64::MIN / 4, |m| i64::from(m) - origin),
                deadline: p.deadline_month.map(|m| i64::from(m) - origin),
            });
        }
        for sh in shocks {
            if sh.series >= series.len() {
                return Err(ForecastError::BadIndex { what: "shocked series", index: sh.series, len: series.len() });
            }
            for (what, v) in [("level shift", sh.level_shift), ("slope change", sh.slope_change)] {
                if !v.is_finite() {
                    return Err(ForecastError::InvalidParameter { what, value: v });
                }
            }
            if !(sh.variance_multiplier >= 0.0 && sh.variance_multiplier.is_finite()) {
                return Err(ForecastError::InvalidParameter {
                    what: "variance multiplier",
                    value: sh.variance_multiplier,
                });
            }
        }
        // History long enough for the longest window; months before it count as "not held".
        let pad = leaves.iter().map(|l| l.window as usize - 1).max().unwrap_or(0).min(1200);
        let nbits = pad + horizon;
        let words = nbits.div_ceil(64);
        let mut valid = vec![!0u64; words];
        if nbits % 64 != 0 {
            valid[words - 1] = (1u64 << (nbits % 64)) - 1;
        }
        let mut leaf_history = vec![0u64; leaves.len() * words];
        for (li, leaf) in leaves.iter().enumerate() {
            let s = &series[leaf.series];
            for (j, &x) in s.history.iter().rev().enumerate() {
                // history[len-1-j] is month last_month - j; bit i is month origin - pad + i.
                let bit = i64::from(s.last_month) - j as i64 - (origin - pad as i64);
                if bit < 0 {
                    break;
                }
                if bit < pad as i64
                    && !x.is_nan()
                    && leaf.cmp.holds(natural_for_compare(s.transform, x), leaf.threshold)
                {
                    leaf_history[li * words + bit as usize / 64] |= 1 << (bit % 64);
                }
            }
        }
        let mut plans: Vec<SeriesPlan> = Vec::new();
        for (index, s) in series.iter().enumerate() {
            let used: Vec<usize> = (0..leaves.len()).filter(|&li| leaves[li].series == index).collect();
            if used.is_empty() {
                continue; // nothing depends on it; each series has its own streams, so skipping changes nothing else
            }
            let gap = origin - 1 - i64::from(s.last_month);
            if !(0..=i64::from(MAX_MONTHS)).contains(&gap) {
                return Err(ForecastError::InvalidParameter {
                    what: "series last month (must be before the forecast origin, by at most 1200 months)",
                    value: f64::from(s.last_month),
                });
            }
            let v = s.trend.variances;
            let state =
                s.trend.next_state.advance_damped(v, s.trend.damping, (origin - 1 - i64::from(s.last_month)) as usize);
            let [[p11, p12], [_, p22]] = state.cov;
            let l11 = p11.max(0.0).sqrt();
            let l21 = if l11 > 0.0 { p12 / l11 } else { 0.0 };
            let l22 = (p22 - l21 * l21).max(0.0).sqrt();
            let mut mine: Vec<(usize, &Shock)> = shocks
                .iter()
                .filter(|sh| sh.series == index)
                .map(|sh| ((i64::from(sh.from_month) - origin).clamp(0, horizon as i64) as usize, sh))
                .collect();
            mine.sort_by_key(|(at, _)| *at);
            let mut sd = [v.irregular.sqrt(), v.level.sqrt(), v.slope.sqrt()];
            let mut segments = vec![Segment { start: 0, level_jump: 0.0, slope_jump: 0.0, sd }];
            for (at, sh) in mine {
                let m = sh.variance_multiplier.sqrt();
                sd = sd.map(|x| x * m);
                segments.push(Segment { start: at, level_jump: sh.level_shift, slope_jump: sh.slope_change, sd });
            }
            if !(0.0..=1.0).contains(&s.trend.damping) {
                return Err(ForecastError::InvalidParameter { what: "damping (0 to 1)", value: s.trend.damping });
            }
            plans.push(SeriesPlan {
                index,
                mean: state.mean,
                damping: s.trend.damping,
                bounds: s.trend.median_bounds.unwrap_or([f64::NEG_INFINITY, f64::INFINITY]),
                chol: [l11, l21, l22],
                segments,
                leaves: used,
            });
        }
        let paths = u64::from(config.paths);
        Ok(Plan {
            horizon,
            pad,
            nbits,
            words,
            paths,
            blocks: paths.div_ceil(LANES as u64),
            seed: config.seed,
            series: plans,
            leaves,
            leaf_history,
            valid,
            phases,
            order: graph.order().to_vec(),
            stack_slots,
            #[cfg(target_arch = "x86_64")]
            kernel: Kernel::best(),
            narrow: nbits <= 128,
        })
    }

    fn report(&self, counts: Counts, config: SimulationConfig) -> Forecast {
        let n = self.paths;
        let phases = counts
            .phases
            .into_iter()
            .zip(&self.phases)
            .map(|(c, p)| {
                let started = n - c.never;
                let quantile = |total: u64, tenths: u64| -> Option<i32> {
                    let need = (total * tenths).div_ceil(10).max(1);
                    let mut cum = 0;
                    for (t, &k) in c.starts.iter().enumerate() {
                        cum += k;
                        if cum >= need && total > 0 {
                            return Some(config.origin_month + t as i32);
                        }
                    }
                    None
                };
                let by_deadline = p.deadline.map(|d| {
                    if d < 0 {
                        0.0
                    } else {
                        let last = (d as usize).min(self.horizon - 1);
                        c.starts[..=last].iter().sum::<u64>() as f64 / n as f64
                    }
                });
                PhaseOutlook {
                    start_quantiles: [1, 5, 9].map(|q| quantile(n, q)),
                    start_quantiles_given_start: [1, 5, 9]
                        .map(|q| if started == 0 { None } else { quantile(started, q) }),
                    p_by_deadline: by_deadline,
                    p_not_within_horizon: c.never as f64 / n as f64,
                    held_back_by: c.held[..p.gate.leaf_count].iter().map(|&k| k as f64 / n as f64).collect(),
                    start_counts: c.starts,
                }
            })
            .collect();
        Forecast { config, phases }
    }
}

/// Simulated natural values of one series for `horizon` months from the month after its fitted
/// grid: `paths` draws per month, each month's draws sorted ascending. The same recursion,
/// damping, median bounds and random streams as [`forecast`] (series index 0).
pub fn simulate_values(
    trend: &FittedTrend,
    transform: Transform,
    horizon: usize,
    paths: u32,
    seed: u64,
) -> Result<Vec<Vec<f64>>> {
    if paths == 0 {
        return Err(ForecastError::InvalidParameter { what: "number of paths", value: 0.0 });
    }
    if horizon == 0 || horizon > MAX_MONTHS as usize {
        return Err(ForecastError::InvalidParameter { what: "horizon in months (1 to 1200)", value: horizon as f64 });
    }
    let v = trend.variances;
    let [[p11, p12], [_, p22]] = trend.next_state.cov;
    let l11 = p11.max(0.0).sqrt();
    let l21 = if l11 > 0.0 { p12 / l11 } else { 0.0 };
    let l22 = (p22 - l21 * l21).max(0.0).sqrt();
    let det = trend.median_path(horizon);
    let [sd_irr, sd_lvl, sd_slope] = [v.irregular, v.level, v.slope].map(|x| x.max(0.0).sqrt() as f32);
    let phi = trend.damping as f32;
    let mut out = vec![Vec::with_capacity(paths as usize); horizon];
    let mut zb = [[0.0f32; LANES]; 3 * CHUNK_MONTHS];
    for block in 0..u64::from(paths).div_ceil(LANES as u64) {
        let first = block * LANES as u64;
        let active = (u64::from(paths) - first).min(LANES as u64) as usize;
        let mut rng = LaneRng::new(seed, first, 0);
        rng.fill_normals(&mut zb[..2]);
        let mut dev_level = [0.0f32; LANES];
        let mut dev_slope = [0.0f32; LANES];
        for l in 0..LANES {
            dev_level[l] = l11 as f32 * zb[0][l];
            dev_slope[l] = l21 as f32 * zb[0][l] + l22 as f32 * zb[1][l];
        }
        let mut t = 0;
        while t < horizon {
            let len = CHUNK_MONTHS.min(horizon - t);
            rng.fill_normals(&mut zb[..(3 * len).next_multiple_of(2)]);
            for j in 0..len {
                let (zi, zl, zs) = (zb[3 * j], zb[3 * j + 1], zb[3 * j + 2]);
                for l in 0..active {
                    let value = dev_level[l] + sd_irr * zi[l];
                    out[t + j].push(transform.natural(det[t + j] + f64::from(value)));
                }
                for l in 0..LANES {
                    dev_level[l] = dev_level[l] + phi * dev_slope[l] + sd_lvl * zl[l];
                    dev_slope[l] = phi * dev_slope[l] + sd_slope * zs[l];
                }
            }
            t += len;
        }
    }
    for month in &mut out {
        month.sort_by(f64::total_cmp);
    }
    Ok(out)
}

/// The natural value a clause compares for an observed month (levels are rounded like simulated ones).
fn natural_for_compare(t: Transform, x: f64) -> f64 {
    match t {
        Transform::Level { .. } => t.back(x),
        _ => x,
    }
}

struct Scratch {
    values: Vec<[f32; LANES]>,
    det: Vec<f64>,
    cut: Vec<f32>,
    raw: Vec<u64>,
    stack: Vec<u64>,
    tmp: Vec<u64>,
    starts: Vec<Option<i64>>,
    narrow: Vec<u128>,
    narrow_stack: Vec<u128>,
}

impl Scratch {
    fn new(p: &Plan) -> Self {
        Scratch {
            values: vec![[0.0; LANES]; p.horizon],
            det: vec![0.0; p.horizon],
            cut: vec![0.0; p.horizon],
            raw: vec![0; p.leaves.len() * LANES * p.words],
            stack: vec![0; p.stack_slots * p.words],
            tmp: vec![0; p.words],
            starts: vec![None; p.phases.len()],
            narrow: vec![0; p.leaves.len()],
            narrow_stack: vec![0; p.stack_slots],
        }
    }
}

struct PhaseCounts {
    starts: Vec<u64>,
    never: u64,
    held: Vec<u64>,
}

struct Counts {
    phases: Vec<PhaseCounts>,
}

impl Counts {
    fn new(p: &Plan) -> Self {
        Counts {
            phases: p
                .phases
                .iter()
                .map(|ph| PhaseCounts { starts: vec![0; p.horizon], never: 0, held: vec![0; ph.gate.leaf_count + 1] })
                .collect(),
        }
    }

    fn merge(mut self, other: Counts) -> Counts {
        for (a, b) in self.phases.iter_mut().zip(other.phases) {
            a.starts.iter_mut().zip(b.starts).for_each(|(x, y)| *x += y);
            a.held.iter_mut().zip(b.held).for_each(|(x, y)| *x += y);
            a.never += b.never;
        }
        self
    }
}

/// Which build of the simulation kernel runs: the same code compiled for wider vector units.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kernel {
    Baseline,
    #[cfg(target_arch = "x86_64")]
    Avx2,
    #[cfg(target_arch = "x86_64")]
    Avx512,
}

impl Kernel {
    pub(crate) fn best() -> Self {
        #[cfg(target_arch = "x86_64")]
        {
            use std::arch::is_x86_feature_detected as has;
            if has!("avx512f") && has!("avx512vl") && has!("avx512dq") && has!("avx512bw") {
                return Kernel::Avx512;
            }
            if has!("avx2") {
                return Kernel::Avx2;
            }
        }
        Kernel::Baseline
    }

    /// Every kernel this CPU can run (for the test that they agree bit for bit).
    #[cfg(test)]
    fn available() -> Vec<Self> {
        let mut v = vec![Kernel::Baseline];
        #[cfg(target_arch = "x86_64")]
        {
            if std::arch::is_x86_feature_detected!("avx2") {
                v.push(Kernel::Avx2);
            }
            if Kernel::best() == Kernel::Avx512 {
                v.push(Kernel::Avx512);
            }
        }
        v
    }
}

fn run_block(plan: &Plan, block: u64, s: &mut Scratch, counts: &mut Counts) {
    let first_path = block * LANES as u64;
    match plan.kernel {
        Kernel::Baseline => simulate_block(plan, first_path, s),
        // SAFETY: `Kernel::best` checked that the CPU has these features.
        #[cfg(target_arch = "x86_64")]
        Kernel::Avx2 => unsafe { simulate_block_avx2(plan, first_path, s) },
        #[cfg(target_arch = "x86_64")]
        Kernel::Avx512 => unsafe { simulate_block_avx512(plan, first_path, s) },
    }
    let active = (plan.paths - first_path).min(LANES as u64) as usize;
    for lane in 0..active {
        if plan.narrow {
            evaluate_lane_narrow(plan, lane, s, counts);
        } else {
            evaluate_lane(plan, lane, s, counts);
        }
    }
}

// The same code as `simulate_block`, compiled for wider vectors. Rust never contracts a * b + c
// into an FMA on its own, so every build rounds identically and gives bit-identical results.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn simulate_block_avx2(plan: &Plan, first_path: u64, s: &mut Scratch) {
    simulate_block(plan, first_path, s)
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f,avx512vl,avx512dq,avx512bw,avx2")]
fn simulate_block_avx512(plan: &Plan, first_path: u64, s: &mut Scratch) {
    simulate_block(plan, first_path, s)
}

/// Simulates every used series for one block of paths and turns each clause into month bitsets.
#[inline(always)]
fn simulate_block(plan: &Plan, first_path: u64, s: &mut Scratch) {
    let words = plan.words;
    for sp in &plan.series {
        let mut rng = LaneRng::new(plan.seed, first_path, sp.index as u64);
        // Each path = the deterministic forecast (f64, shared by all lanes, carries the shocks' jumps)
        // + a zero-mean deviation (f32 per lane). Clause thresholds become per-month cut-offs on the
        // deviation, so the lanes work in f32 without losing precision on large levels.
        // Normals are drawn a few months at a time into a small buffer that stays in L1.
        let mut zb = [[0.0f32; LANES]; 3 * CHUNK_MONTHS];
        rng.fill_normals(&mut zb[..2]);
        let mut dev_level = [0.0f32; LANES];
        let mut dev_slope = [0.0f32; LANES];
        let [c11, c21, c22] = sp.chol.map(|x| x as f32);
        for l in 0..LANES {
            dev_level[l] = c11 * zb[0][l];
            dev_slope[l] = c21 * zb[0][l] + c22 * zb[1][l];
        }
        // The model's own path (damped, kept within its median bounds) and, apart, the what-if's
        // jumps: a bound limits where a trend carries the median, never what a scenario asks for.
        let [mut level, mut slope] = sp.mean;
        let (mut shift, mut shift_slope) = (0.0f64, 0.0f64);
        let phi = sp.damping;
        let phi32 = phi as f32;
        let [lo, hi] = sp.bounds;
        let segments = &sp.segments;
        let mut seg = 0;
        let [mut sd_irr, mut sd_lvl, mut sd_slope] = segments[0].sd.map(|x| x as f32);
        let mut t = 0;
        while t < plan.horizon {
            let len = CHUNK_MONTHS.min(plan.horizon - t);
            rng.fill_normals(&mut zb[..(3 * len).next_multiple_of(2)]);
            for j in 0..len {
                while seg + 1 < segments.len() && segments[seg + 1].start == t + j {
                    seg += 1;
                    shift += segments[seg].level_jump;
                    shift_slope += segments[seg].slope_jump;
                    [sd_irr, sd_lvl, sd_slope] = segments[seg].sd.map(|x| x as f32);
                }
                s.det[t + j] = level.clamp(lo, hi) + shift;
                // With phi = 1 the products are exact: the undamped recursion bit for bit.
                level += phi * slope;
                slope *= phi;
                shift += shift_slope;
                let (zi, zl, zs) = (zb[3 * j], zb[3 * j + 1], zb[3 * j + 2]);
                let v = &mut s.values[t + j];
                for l in 0..LANES {
                    v[l] = dev_level[l] + sd_irr * zi[l];
                    dev_level[l] = dev_level[l] + phi32 * dev_slope[l] + sd_lvl * zl[l];
                    dev_slope[l] = phi32 * dev_slope[l] + sd_slope * zs[l];
                }
            }
            t += len;
        }
        for &li in &sp.leaves {
            let out = &mut s.raw[li * LANES * words..(li + 1) * LANES * words];
            let hist = &plan.leaf_history[li * words..(li + 1) * words];
            for l in 0..LANES {
                out[l * words..(l + 1) * words].copy_from_slice(hist);
            }
            let values = &s.values[..plan.horizon];
            let det = &s.det[..plan.horizon];
            match plan.leaves[li].test {
                LeafTest::Model { cmp, threshold } => {
                    // value cmp c  <=>  deviation cmp (c - deterministic part); rounding keeps the sign.
                    let cut = &mut s.cut[..plan.horizon];
                    for (c, d) in cut.iter_mut().zip(det) {
                        *c = (threshold - d) as f32;
                    }
                    let cut = &*cut;
                    match cmp {
                        Cmp::Lt => set_bits(values, out, plan.pad, words, |t, x| x < cut[t]),
                        Cmp::Le => set_bits(values, out, plan.pad, words, |t, x| x <= cut[t]),
                        Cmp::Gt => set_bits(values, out, plan.pad, words, |t, x| x > cut[t]),
                        Cmp::Ge => set_bits(values, out, plan.pad, words, |t, x| x >= cut[t]),
                        Cmp::Eq => set_bits(values, out, plan.pad, words, |t, x| x == cut[t]),
                        Cmp::Ne => set_bits(values, out, plan.pad, words, |t, x| x != cut[t]),
                    }
                }
                test @ LeafTest::Natural { .. } => {
                    set_bits(values, out, plan.pad, words, |t, x| test.holds_model(det[t] + f64::from(x)))
                }
            }
        }
    }
}

/// ORs one bit per (month, lane) into lane-major bitsets, a word at a time.
#[inline(always)]
fn set_bits(values: &[[f32; LANES]], out: &mut [u64], pad: usize, words: usize, holds: impl Fn(usize, f32) -> bool) {
    let mut acc = [0u64; LANES];
    let last = values.len() - 1;
    for (t, v) in values.iter().enumerate() {
        let bit = pad + t;
        let b = bit % 64;
        for l in 0..LANES {
            acc[l] |= u64::from(holds(t, v[l])) << b;
        }
        if b == 63 || t == last {
            let w = bit / 64;
            for l in 0..LANES {
                out[l * words + w] |= acc[l];
                acc[l] = 0;
            }
        }
    }
}

/// `bits` becomes "held in each of the last `n` months", by doubling shifts.
fn apply_window(bits: &mut [u64], n: u32, tmp: &mut [u64]) {
    let mut covered = 1u32;
    while covered < n {
        let s = covered.min(n - covered) as usize;
        let (q, r) = (s / 64, s % 64);
        for w in 0..bits.len() {
            let hi = if w >= q { bits[w - q] } else { 0 };
            let lo = if w > q { bits[w - q - 1] } else { 0 };
            tmp[w] = if r == 0 { hi } else { (hi << r) | (lo >> (64 - r)) };
        }
        for (b, t) in bits.iter_mut().zip(tmp.iter()) {
            *b &= *t;
        }
        covered += s as u32;
    }
}

/// Bit `bit` of a leaf's contribution: held, or under an odd number of `Not`s, failing.
fn contributes(bits: &[u64], negated: bool, bit: usize) -> bool {
    ((bits[bit / 64] >> (bit % 64)) & 1 == 1) != negated
}

/// First bit of the run of `value` (as contribution) that ends at `bit`.
fn run_start(bits: &[u64], negated: bool, bit: usize, value: bool) -> usize {
    let flip = if negated == value { !0u64 } else { 0 }; // after xor, 1 = "still in the run"
    let mut w = bit / 64;
    let mut mask = (1u64 << (bit % 64)).wrapping_sub(1);
    loop {
        let outside = !(bits[w] ^ flip) & mask;
        if outside != 0 {
            return w * 64 + (63 - outside.leading_zeros() as usize) + 1;
        }
        if w == 0 {
            return 0;
        }
        w -= 1;
        mask = !0;
    }
}

fn evaluate_lane(plan: &Plan, lane: usize, s: &mut Scratch, counts: &mut Counts) {
    let words = plan.words;
    let leaf_bits = |li: usize| (li * LANES + lane) * words;
    for (li, leaf) in plan.leaves.iter().enumerate() {
        if leaf.window > 1 {
            let at = leaf_bits(li);
            apply_window(&mut s.raw[at..at + words], leaf.window, &mut s.tmp);
        }
    }
    for &p in &plan.order {
        let ph = &plan.phases[p];
        let gate = &ph.gate;
        // Evaluate the postfix program on month bitsets.
        let mut sp = 0usize;
        for op in &gate.program {
            match *op {
                Op::Leaf(li) => {
                    let at = leaf_bits(li);
                    s.stack[sp * words..(sp + 1) * words].copy_from_slice(&s.raw[at..at + words]);
                    sp += 1;
                }
                Op::Not => {
                    let top = &mut s.stack[(sp - 1) * words..sp * words];
                    top.iter_mut().zip(&plan.valid).for_each(|(x, v)| *x = !*x & v);
                }
                Op::And(0) => {
                    s.stack[sp * words..(sp + 1) * words].copy_from_slice(&plan.valid);
                    sp += 1;
                }
                Op::Or(0) => {
                    s.stack[sp * words..(sp + 1) * words].fill(0);
                    sp += 1;
                }
                Op::And(n) | Op::Or(n) => {
                    let and = matches!(op, Op::And(_));
                    let base = sp - n;
                    for j in 1..n {
                        for w in 0..words {
                            let x = s.stack[(base + j) * words + w];
                            let y = &mut s.stack[base * words + w];
                            *y = if and { *y & x } else { *y | x };
                        }
                    }
                    sp = base + 1;
                }
            }
        }
        // First forecast month at which the gate holds.
        let result = &s.stack[..words];
        let mut first = None;
        for (w, &word) in result.iter().enumerate() {
            let lo = w * 64;
            let masked = if plan.pad >= lo + 64 {
                0
            } else if plan.pad > lo {
                word & (!0u64 << (plan.pad - lo))
            } else {
                word
            };
            if masked != 0 {
                first = Some(lo + masked.trailing_zeros() as usize);
                break;
            }
        }
        let pc = &mut counts.phases[p];
        // Attribution: the clause that came good last, or the one failing longest at the horizon.
        let leaves = gate.first_leaf..gate.first_leaf + gate.leaf_count;
        let mut blamed = gate.leaf_count; // "unattributed" slot
        match first {
            Some(bit) => {
                let mut best = None;
                for li in leaves {
                    let b = &s.raw[leaf_bits(li)..leaf_bits(li) + words];
                    let neg = plan.leaves[li].negated;
                    if contributes(b, neg, bit) {
                        let start = run_start(b, neg, bit, true);
                        if best.is_none_or(|(_, st)| start > st) {
                            best = Some((li - gate.first_leaf, start));
                        }
                    }
                }
                if let Some((i, _)) = best {
                    blamed = i;
                }
            }
            None => {
                let bit = plan.nbits - 1;
                let mut best = None;
                for li in leaves {
                    let b = &s.raw[leaf_bits(li)..leaf_bits(li) + words];
                    let neg = plan.leaves[li].negated;
                    if !contributes(b, neg, bit) {
                        let start = run_start(b, neg, bit, false);
                        if best.is_none_or(|(_, st)| start < st) {
                            best = Some((li - gate.first_leaf, start));
                        }
                    }
                }
                if let Some((i, _)) = best {
                    blamed = i;
                }
            }
        }
        pc.held[blamed] += 1;
        record_start(plan, p, first.map(|b| b - plan.pad), &mut s.starts, pc);
    }
}

/// Start = latest of the gate's first passage, each predecessor's start + lag, and the earliest month.
fn record_start(plan: &Plan, p: usize, gate: Option<usize>, starts: &mut [Option<i64>], pc: &mut PhaseCounts) {
    let ph = &plan.phases[p];
    let mut start = gate.map(|g| (g as i64).max(ph.earliest));
    for &q in &ph.predecessors {
        start = match (start, starts[q]) {
            (Some(a), Some(b)) => Some(a.max(b + ph.lag)),
            _ => None,
        };
    }
    let start = start.filter(|&t| t < plan.horizon as i64);
    starts[p] = start;
    match start {
        Some(t) => pc.starts[t as usize] += 1,
        None => pc.never += 1,
    }
}

/// `evaluate_lane` for horizons whose bitsets fit in a `u128` (history pad + horizon ≤ 128 months,
/// the usual case): the same rules on plain integers, with no slices or bounds checks.
fn evaluate_lane_narrow(plan: &Plan, lane: usize, s: &mut Scratch, counts: &mut Counts) {
    let words = plan.words;
    let valid: u128 = if plan.nbits == 128 { !0 } else { (1u128 << plan.nbits) - 1 };
    for (li, leaf) in plan.leaves.iter().enumerate() {
        let at = (li * LANES + lane) * words;
        let mut b = u128::from(s.raw[at]);
        if words == 2 {
            b |= u128::from(s.raw[at + 1]) << 64;
        }
        let mut covered = 1u32;
        while covered < leaf.window {
            let shift = covered.min(leaf.window - covered);
            b &= b << shift;
            covered += shift;
        }
        s.narrow[li] = b;
    }
    let forecast_months = valid & !((1u128 << plan.pad) - 1);
    for &p in &plan.order {
        let gate = &plan.phases[p].gate;
        let stack = &mut s.narrow_stack;
        let mut sp = 0usize;
        for op in &gate.program {
            match *op {
                Op::Leaf(li) => {
                    stack[sp] = s.narrow[li];
                    sp += 1;
                }
                Op::Not => stack[sp - 1] = !stack[sp - 1] & valid,
                Op::And(0) => {
                    stack[sp] = valid;
                    sp += 1;
                }
                Op::Or(0) => {
                    stack[sp] = 0;
                    sp += 1;
                }
                Op::And(n) => {
                    let base = sp - n;
                    stack[base] = stack[base..sp].iter().fold(valid, |a, &b| a & b);
                    sp = base + 1;
                }
                Op::Or(n) => {
                    let base = sp - n;
                    stack[base] = stack[base..sp].iter().fold(0, |a, &b| a | b);
                    sp = base + 1;
                }
            }
        }
        let passed = stack[0] & forecast_months;
        let first = (passed != 0).then(|| passed.trailing_zeros() as usize);
        // Attribution, as in `evaluate_lane`.
        let (bit, want) = match first {
            Some(b) => (b, true),
            None => (plan.nbits - 1, false),
        };
        let mut best: Option<(usize, usize)> = None;
        for (i, li) in (gate.first_leaf..gate.first_leaf + gate.leaf_count).enumerate() {
            let neg = plan.leaves[li].negated;
            let b = s.narrow[li];
            if (((b >> bit) & 1 == 1) != neg) != want {
                continue;
            }
            let in_run = if neg == want { !b } else { b };
            let outside = !in_run & ((1u128 << bit) - 1);
            let start = if outside == 0 { 0 } else { 128 - outside.leading_zeros() as usize };
            let better = match best {
                None => true,
                Some((_, st)) => {
                    if want {
                        start > st
                    } else {
                        start < st
                    }
                }
            };
            if better {
                best = Some((i, start));
            }
        }
        let pc = &mut counts.phases[p];
        pc.held[best.map_or(gate.leaf_count, |(i, _)| i)] += 1;
        record_start(plan, p, first.map(|b| b - plan.pad), &mut s.starts, pc);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::gate::Condition;
    use crate::phase::Phase;
    use crate::trend::{TrendState, Variances};

    #[test]
    fn every_kernel_build_gives_bit_identical_forecasts() {
        let series: Vec<SeriesInput> = (0..3)
            .map(|i| SeriesInput {
                trend: FittedTrend {
                    variances: Variances { irregular: 0.3, level: 0.05, slope: 0.001 },
                    log_likelihood: 0.0,
                    next_state: TrendState { mean: [f64::from(i), 0.02], cov: [[0.1, 0.001], [0.001, 0.001]] },
                    months: 24,
                    observations: 24,
                    damping: 1.0,
                    median_bounds: None,
                },
                transform: [Transform::Number, Transform::Count, Transform::Level { levels: 4 }][i as usize],
                last_month: 99,
                // A gap, so the history reading (a window over it fails) is part of the parity too.
                history: vec![1.0, f64::NAN, 2.0, 3.0],
            })
            .collect();
        let gate = Condition::Or(vec![
            Condition::And(vec![
                Condition::clause(0, Cmp::Ge, 1.0, 3),
                Condition::Not(Box::new(Condition::clause(1, Cmp::Ge, 4.0, 2))),
            ]),
            Condition::clause(2, Cmp::Eq, 3.0, 2),
        ]);
        let phase =
            Phase { gate, predecessors: vec![], min_lag_months: 0, earliest_month: None, deadline_month: Some(130) };
        let graph = PhaseGraph::new(vec![phase]).unwrap();
        let config = SimulationConfig { origin_month: 100, horizon_months: 70, paths: 999, seed: 5 };
        let shocks =
            [Shock { series: 0, from_month: 110, level_shift: 0.3, slope_change: -0.01, variance_multiplier: 2.0 }];
        let mut plan = Plan::new(&series, &graph, &shocks, &config).unwrap();
        let mut results = Vec::new();
        for kernel in Kernel::available() {
            plan.kernel = kernel;
            results.push((kernel, run_plan(&plan, config)));
        }
        for (k, r) in &results[1..] {
            assert_eq!(r, &results[0].1, "{k:?} differs from the baseline build");
        }
        // The u128 fast path and the general multi-word path agree too.
        assert!(plan.narrow);
        plan.narrow = false;
        assert_eq!(run_plan(&plan, config), results[0].1, "general bitset path differs");
    }

    #[test]
    fn window_of_three_needs_three_consecutive_months() {
        let mut bits = vec![0b1101_1100u64, 0];
        let mut tmp = vec![0; 2];
        apply_window(&mut bits, 3, &mut tmp);
        assert_eq!(bits[0], 0b0001_0000);
    }

    #[test]
    fn window_crosses_word_boundaries() {
        let mut bits = vec![0xF000_0000_0000_0000u64, 0b11];
        let mut tmp = vec![0; 2];
        apply_window(&mut bits, 6, &mut tmp);
        assert_eq!(bits, vec![0, 0b10]);
    }

    #[test]
    fn run_start_finds_the_beginning_of_the_current_run() {
        let bits = vec![0b0111_1000u64];
        assert_eq!(run_start(&bits, false, 6, true), 3);
        assert_eq!(run_start(&bits, false, 2, false), 0);
        assert_eq!(run_start(&bits, true, 8, true), 7);
    }
}
