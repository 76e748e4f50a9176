//! Benchmarks quoted in docs/forecast-engine.md; run via scripts/forecast/bench.sh.
//! Sizes: fit 1,000 series × 120 months; simulate 100,000 paths × 200 series × 120 months with gates.

use tahawul_forecast::{
    Cmp, Condition, FittedTrend, Phase, PhaseGraph, SeriesInput, SimulationConfig, Transform, TrendState, Variances,
    draw_normals_only, fit_many, forecast,
};

#[path = "../tests/common/mod.rs"]
mod common;

use common::Noise;

fn main() {
    divan::main();
}

/// A local-linear-trend series with the given standard deviations (same recipe as bench_baselines.py).
fn llt_series(noise: &mut Noise, n: usize, s_irr: f64, s_lvl: f64, s_slope: f64) -> Vec<f64> {
    let (mut level, mut slope) = (10.0, 0.05);
    (0..n)
        .map(|_| {
            let y = level + s_irr * noise.normal();
            level += slope + s_lvl * noise.normal();
            slope += s_slope * noise.normal();
            y
        })
        .collect()
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn fit_1000_series_of_120_months(bencher: divan::Bencher) {
    let mut noise = Noise(1);
    let series: Vec<Vec<f64>> =
        (0..1000).map(|i| llt_series(&mut noise, 120, 0.5, 0.1 + 0.001 * i as f64, 0.01)).collect();
    bencher.bench(|| fit_many(divan::black_box(&series)));
}

/// 200 series, 10 phases in a chain, each gated on 20 clauses (every series used once, windows of 3).
fn simulation_setup(series_count: usize) -> (Vec<SeriesInput>, PhaseGraph) {
    let series: Vec<SeriesInput> = (0..series_count)
        .map(|i| SeriesInput {
            trend: FittedTrend {
                variances: Variances { irregular: 0.04, level: 0.01, slope: 1e-4 },
                log_likelihood: 0.0,
                next_state: TrendState { mean: [0.0, 0.01 + 0.0001 * i as f64], cov: [[0.01, 0.0], [0.0, 1e-4]] },
                months: 120,
                observations: 120,
                damping: 1.0,
                median_bounds: None,
            },
            transform: if i % 2 == 0 { Transform::Number } else { Transform::Count },
            last_month: 2025 * 12,
            history: vec![0.0; 12],
        })
        .collect();
    let per_phase = series_count / 10;
    let phases = (0..10)
        .map(|p| Phase {
            gate: Condition::And(
                (0..per_phase)
                    .map(|k| {
                        let s = p * per_phase + k;
                        let thr =
                            if s % 2 == 0 { 0.3 + 0.05 * p as f64 } else { (1.3f64 + 0.05 * p as f64).exp() - 1.0 };
                        Condition::clause(s, Cmp::Ge, thr, 3)
                    })
                    .collect(),
            ),
            predecessors: if p == 0 { vec![] } else { vec![p - 1] },
            min_lag_months: 2,
            earliest_month: None,
            deadline_month: Some(2025 * 12 + 60),
        })
        .collect();
    (series, PhaseGraph::new(phases).expect("acyclic"))
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn simulate_100k_paths_200_series_120_months(bencher: divan::Bencher) {
    let (series, graph) = simulation_setup(200);
    let config = SimulationConfig { origin_month: 2025 * 12 + 1, horizon_months: 120, paths: 100_000, seed: 7 };
    bencher.bench(|| forecast(&series, &graph, &[], divan::black_box(&config)).expect("valid plan"));
}

#[divan::bench(sample_count = 20, sample_size = 1)]
fn simulate_10k_paths_200_series_120_months(bencher: divan::Bencher) {
    let (series, graph) = simulation_setup(200);
    let config = SimulationConfig { origin_month: 2025 * 12 + 1, horizon_months: 120, paths: 10_000, seed: 7 };
    bencher.bench(|| forecast(&series, &graph, &[], divan::black_box(&config)).expect("valid plan"));
}

/// The floor under `simulate_100k_paths_200_series_120_months`: only its 100,000 × 200 ×
/// (3 × 120 + 2) normal draws, same generator, blocks and threads. The simulation's goal is
/// within 2× of this, measured in the same run.
#[divan::bench(sample_count = 5, sample_size = 1)]
fn floor_normals_100k_paths_200_series_120_months(bencher: divan::Bencher) {
    bencher.bench(|| draw_normals_only(7, divan::black_box(100_000), 200, 120));
}

/// The floor under `simulate_10k_paths_200_series_120_months`.
#[divan::bench(sample_count = 20, sample_size = 1)]
fn floor_normals_10k_paths_200_series_120_months(bencher: divan::Bencher) {
    bencher.bench(|| draw_normals_only(7, divan::black_box(10_000), 200, 120));
}
