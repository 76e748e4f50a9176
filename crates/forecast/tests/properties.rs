//! Property tests: invariants that must hold for any inputs, not just hand-picked ones.

use proptest::prelude::*;
use tahawul_forecast::{
    Cmp, Condition, FittedTrend, Forecast, Observed, Phase, PhaseGraph, SeriesInput, SimulationConfig, Transform,
    TrendState, Truth, Variances, forecast,
};

const ORIGIN: i32 = 2026 * 12;

fn series(level: f64, slope: f64, noise: f64) -> SeriesInput {
    SeriesInput {
        trend: FittedTrend {
            variances: Variances { irregular: 0.5 * noise, level: 0.1 * noise, slope: 0.002 * noise },
            log_likelihood: 0.0,
            next_state: TrendState { mean: [level, slope], cov: [[0.2 * noise, 0.0], [0.0, 0.002 * noise]] },
            months: 24,
            observations: 24,
            damping: 1.0,
            median_bounds: None,
        },
        transform: Transform::Number,
        last_month: ORIGIN - 1,
        history: vec![],
    }
}

fn phase(gate: Condition, predecessors: Vec<usize>) -> Phase {
    Phase { gate, predecessors, min_lag_months: 2, earliest_month: None, deadline_month: Some(ORIGIN + 24) }
}

fn run(s: &[SeriesInput], phases: Vec<Phase>, paths: u32, seed: u64) -> Forecast {
    let config = SimulationConfig { origin_month: ORIGIN, horizon_months: 60, paths, seed };
    forecast(s, &PhaseGraph::new(phases).unwrap(), &[], &config).unwrap()
}

/// Ordering where "beyond the horizon" (None) is later than any month.
fn later(a: Option<i32>) -> i64 {
    a.map_or(i64::MAX, i64::from)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn noise_free_first_passage_is_the_hand_computed_month(
        level in -10.0f64..10.0, slope in 0.05f64..2.0, k in 0u32..50, window in 1u32..8,
    ) {
        // Threshold halfway between months k and k+1, so rounding cannot move the crossing.
        let threshold = level + (f64::from(k) + 0.5) * slope;
        let f = run(&[series(level, slope, 0.0)], vec![phase(Condition::clause(0, Cmp::Ge, threshold, window), vec![])], 16, 1);
        let expected = ORIGIN + (k + 1 + window - 1) as i32;
        prop_assert_eq!(f.phases[0].start_quantiles, [Some(expected); 3]);
    }

    #[test]
    fn a_window_is_met_only_once_every_month_in_it_held(
        history in prop::collection::vec(any::<bool>(), 0..10), window in 1u32..10,
    ) {
        // The forecast always holds; history holds where `true`; months before the history never count.
        let mut s = series(1.0, 0.0, 0.0);
        s.history = history.iter().map(|&h| if h { 1.0 } else { -1.0 }).collect();
        let len = history.len() as i32;
        let last_failure = history.iter().rposition(|&h| !h).map_or(ORIGIN - len - 1, |j| ORIGIN - len + j as i32);
        let expected = (last_failure + window as i32).max(ORIGIN);
        let f = run(&[s], vec![phase(Condition::clause(0, Cmp::Ge, 0.0, window), vec![])], 8, 1);
        prop_assert_eq!(f.phases[0].start_quantiles[1], Some(expected));
    }
}

fn condition(series: usize) -> impl Strategy<Value = Condition> {
    let cmp = prop_oneof![Just(Cmp::Lt), Just(Cmp::Le), Just(Cmp::Gt), Just(Cmp::Ge), Just(Cmp::Eq), Just(Cmp::Ne)];
    let leaf = (0..series, cmp, -1i32..14, 1u32..=5)
        .prop_map(|(s, cmp, half, window)| Condition::clause(s, cmp, f64::from(half) / 2.0, window));
    leaf.prop_recursive(4, 24, 3, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 2..4).prop_map(Condition::And),
            prop::collection::vec(inner.clone(), 2..4).prop_map(Condition::Or),
            inner.prop_map(|c| Condition::Not(Box::new(c))),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn noise_free_first_passage_is_the_first_month_the_observed_reading_says_met(
        gate in condition(2),
        histories in prop::collection::vec(prop::collection::vec(prop::option::weighted(0.7, 0u8..=6), 0..10), 2),
        levels in prop::collection::vec(0u8..=6, 2),
    ) {
        // Gaps in history are read as the gate language reads them (a window over a gap fails,
        // so `not` of it holds); the simulated months, all equal to the level, fill the rest.
        let horizon = 60;
        let mut inputs = Vec::new();
        let mut grids = Vec::new();
        for (h, &level) in histories.iter().zip(&levels) {
            let history: Vec<f64> = h.iter().map(|x| x.map_or(f64::NAN, f64::from)).collect();
            let mut grid = history.clone();
            grid.extend(std::iter::repeat_n(f64::from(level), horizon));
            grids.push((ORIGIN - history.len() as i32, grid));
            inputs.push(SeriesInput { history, ..series(f64::from(level), 0.0, 0.0) });
        }
        let observed: Vec<Observed<'_>> = grids.iter().map(|(m, v)| Observed { first_month: *m, values: v }).collect();
        let expected = (ORIGIN..ORIGIN + horizon as i32)
            .find(|&m| gate.truth_at(&observed, m) == Ok(Truth::Met));
        let f = run(&inputs, vec![phase(gate.clone(), vec![])], 8, 1);
        prop_assert_eq!(f.phases[0].start_quantiles, [expected; 3], "{:?}", gate);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    #[test]
    fn the_same_seed_gives_identical_output_on_one_and_two_threads(seed in any::<u64>(), paths in 1u32..400) {
        let s = [series(0.0, 0.05, 1.0), series(2.0, -0.03, 0.5)];
        let phases = vec![
            phase(Condition::And(vec![Condition::clause(0, Cmp::Ge, 1.5, 3), Condition::clause(1, Cmp::Le, 1.0, 1)]), vec![]),
            phase(Condition::Or(vec![Condition::clause(0, Cmp::Gt, 3.0, 1), Condition::Not(Box::new(Condition::clause(1, Cmp::Gt, 0.0, 2)))]), vec![0]),
        ];
        let pool = |n| rayon::ThreadPoolBuilder::new().num_threads(n).build().unwrap();
        let one = pool(1).install(|| run(&s, phases.clone(), paths, seed));
        let two = pool(2).install(|| run(&s, phases.clone(), paths, seed));
        prop_assert_eq!(one, two);
    }

    #[test]
    fn loosening_a_le_threshold_never_delays_any_percentile(
        seed in any::<u64>(), tight in -1.0f64..1.0, extra in 0.0f64..2.0, window in 1u32..4,
    ) {
        // Series 0 falls; "series 0 <= threshold" gets easier as the threshold rises.
        let s = [series(2.0, -0.05, 1.0), series(0.0, 0.05, 1.0)];
        let graph = |t: f64| vec![
            phase(Condition::clause(0, Cmp::Le, t, window), vec![]),
            phase(Condition::clause(1, Cmp::Ge, 1.0, 1), vec![0]),
        ];
        let strict = run(&s, graph(tight), 600, seed);
        let loose = run(&s, graph(tight + extra), 600, seed);
        for (a, b) in loose.phases.iter().zip(&strict.phases) {
            for q in 0..3 {
                prop_assert!(later(a.start_quantiles[q]) <= later(b.start_quantiles[q]), "{:?} vs {:?}", a.start_quantiles, b.start_quantiles);
            }
            prop_assert!(a.p_by_deadline >= b.p_by_deadline);
            prop_assert!(a.p_not_within_horizon <= b.p_not_within_horizon);
        }
    }

    #[test]
    fn lowering_a_ge_threshold_never_delays_any_percentile(seed in any::<u64>(), high in 0.0f64..2.0, drop in 0.0f64..2.0) {
        let s = [series(0.0, 0.04, 1.0)];
        let strict = run(&s, vec![phase(Condition::clause(0, Cmp::Ge, high, 2), vec![])], 600, seed);
        let loose = run(&s, vec![phase(Condition::clause(0, Cmp::Ge, high - drop, 2), vec![])], 600, seed);
        for q in 0..3 {
            prop_assert!(later(loose.phases[0].start_quantiles[q]) <= later(strict.phases[0].start_quantiles[q]));
        }
    }
}
