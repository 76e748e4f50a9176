//! Specifications of gate first passage, windows, the phase graph, attribution and scenarios.
//! Noise-free series make the expected months computable by hand.

use tahawul_forecast::{
    Cmp, Condition, FittedTrend, ForecastError, Phase, PhaseGraph, SeriesInput, Shock, SimulationConfig, Transform,
    TrendState, Variances, compare_scenario, forecast,
};

const ORIGIN: i32 = 2026 * 12; // January 2026
const NOW: i32 = ORIGIN - 1;

/// A series whose every future is `level + slope * h` at forecast month h (no noise at all).
fn straight_line(level: f64, slope: f64, transform: Transform) -> SeriesInput {
    SeriesInput {
        trend: FittedTrend {
            variances: Variances { irregular: 0.0, level: 0.0, slope: 0.0 },
            log_likelihood: 0.0,
            next_state: TrendState { mean: [level, slope], cov: [[0.0, 0.0], [0.0, 0.0]] },
            months: 24,
            observations: 24,
            damping: 1.0,
            median_bounds: None,
        },
        transform,
        last_month: NOW,
        history: vec![],
    }
}

fn noisy(level: f64, slope: f64) -> SeriesInput {
    let mut s = straight_line(level, slope, Transform::Number);
    s.trend.variances = Variances { irregular: 0.3, level: 0.05, slope: 0.001 };
    s.trend.next_state.cov = [[0.1, 0.0], [0.0, 0.001]];
    s
}

fn gate_only(gate: Condition) -> Phase {
    Phase { gate, predecessors: vec![], min_lag_months: 0, earliest_month: None, deadline_month: None }
}

fn config(paths: u32, horizon: u32) -> SimulationConfig {
    SimulationConfig { origin_month: ORIGIN, horizon_months: horizon, paths, seed: 11 }
}

fn run(series: &[SeriesInput], phases: Vec<Phase>, paths: u32, horizon: u32) -> tahawul_forecast::Forecast {
    forecast(series, &PhaseGraph::new(phases).unwrap(), &[], &config(paths, horizon)).unwrap()
}

#[test]
fn noise_free_rising_series_passes_in_the_first_month_above_the_threshold() {
    // 1.0 + 0.5 h >= 4.2  <=>  h >= 6.4, so h = 7.
    let f = run(
        &[straight_line(1.0, 0.5, Transform::Number)],
        vec![gate_only(Condition::clause(0, Cmp::Ge, 4.2, 1))],
        16,
        36,
    );
    assert_eq!(f.phases[0].start_quantiles, [Some(ORIGIN + 7); 3]);
    assert_eq!(f.phases[0].p_not_within_horizon, 0.0);
}

#[test]
fn a_window_of_three_months_adds_two_months_to_first_passage() {
    let f = run(
        &[straight_line(1.0, 0.5, Transform::Number)],
        vec![gate_only(Condition::clause(0, Cmp::Ge, 4.2, 3))],
        8,
        36,
    );
    assert_eq!(f.phases[0].start_quantiles[1], Some(ORIGIN + 9));
}

#[test]
fn gate_holding_five_of_six_months_is_not_met() {
    // History (natural scale) ends last month; the clause failed four months before the origin.
    let mut s = straight_line(10.0, 0.0, Transform::Number);
    s.history = vec![10.0, 10.0, 0.0, 10.0, 10.0, 10.0]; // months ORIGIN-6 .. ORIGIN-1
    let held = Condition::clause(0, Cmp::Ge, 5.0, 6);
    let f = run(&[s.clone()], vec![gate_only(held)], 8, 24);
    // At the origin the last six months are ORIGIN-5..ORIGIN: one failure among them.
    // The failing month (ORIGIN-4) leaves the window at ORIGIN+2.
    assert_eq!(f.phases[0].start_quantiles[1], Some(ORIGIN + 2));
    // Without the failure, observed history counts and the gate holds at the origin.
    s.history[2] = 10.0;
    let f = run(&[s], vec![gate_only(Condition::clause(0, Cmp::Ge, 5.0, 6))], 8, 24);
    assert_eq!(f.phases[0].start_quantiles[1], Some(ORIGIN));
}

#[test]
fn a_missing_month_in_history_does_not_count_towards_a_window() {
    let mut s = straight_line(10.0, 0.0, Transform::Number);
    s.history = vec![10.0, 10.0, f64::NAN];
    let f = run(&[s], vec![gate_only(Condition::clause(0, Cmp::Ge, 5.0, 3))], 8, 24);
    assert_eq!(f.phases[0].start_quantiles[1], Some(ORIGIN + 2));
}

#[test]
fn a_gate_that_never_holds_reports_no_dates() {
    let f = run(
        &[straight_line(1.0, 0.0, Transform::Number)],
        vec![gate_only(Condition::clause(0, Cmp::Gt, 2.0, 1))],
        8,
        24,
    );
    let p = &f.phases[0];
    assert_eq!(p.p_not_within_horizon, 1.0);
    assert_eq!(p.start_quantiles, [None; 3]);
    assert_eq!(p.start_quantiles_given_start, [None; 3]);
}

#[test]
fn a_phase_starts_at_the_latest_of_gate_predecessor_plus_lag_and_earliest_month() {
    let s = [straight_line(0.0, 1.0, Transform::Number)];
    let phases = vec![
        gate_only(Condition::clause(0, Cmp::Ge, 5.5, 1)), // gate at h = 6
        Phase {
            gate: Condition::clause(0, Cmp::Ge, 1.5, 1), // own gate at h = 2
            predecessors: vec![0],
            min_lag_months: 4, // but phase 0 + 4 = h 10
            earliest_month: None,
            deadline_month: Some(ORIGIN + 9),
        },
        Phase {
            gate: Condition::And(vec![]), // no gate
            predecessors: vec![],
            min_lag_months: 0,
            earliest_month: Some(ORIGIN + 15),
            deadline_month: Some(ORIGIN + 15),
        },
    ];
    let f = run(&s, phases, 8, 36);
    assert_eq!(f.phases[0].start_quantiles[1], Some(ORIGIN + 6));
    assert_eq!(f.phases[1].start_quantiles[1], Some(ORIGIN + 10));
    assert_eq!(f.phases[1].p_by_deadline, Some(0.0));
    assert_eq!(f.phases[2].start_quantiles[1], Some(ORIGIN + 15));
    assert_eq!(f.phases[2].p_by_deadline, Some(1.0));
}

#[test]
fn a_phase_whose_predecessor_never_starts_never_starts() {
    let s = [straight_line(0.0, 1.0, Transform::Number)];
    let phases = vec![
        gate_only(Condition::clause(0, Cmp::Lt, -1.0, 1)),
        Phase { predecessors: vec![0], ..gate_only(Condition::And(vec![])) },
    ];
    let f = run(&s, phases, 8, 24);
    assert_eq!(f.phases[1].p_not_within_horizon, 1.0);
}

#[test]
fn the_clause_that_came_good_last_is_blamed_for_the_wait() {
    let s = [straight_line(0.0, 1.0, Transform::Number), straight_line(10.0, -1.0, Transform::Number)];
    // Clause 0 holds from h = 3, clause 1 (falling series <= 2.5) from h = 8: clause 1 held the gate back.
    let gate = Condition::And(vec![Condition::clause(0, Cmp::Ge, 2.5, 1), Condition::clause(1, Cmp::Le, 2.5, 1)]);
    let f = run(&s, vec![gate_only(gate)], 8, 24);
    assert_eq!(f.phases[0].start_quantiles[1], Some(ORIGIN + 8));
    assert_eq!(f.phases[0].held_back_by, vec![0.0, 1.0]);
}

#[test]
fn a_clause_still_failing_at_the_horizon_is_blamed_when_the_gate_never_holds() {
    let s = [straight_line(0.0, 1.0, Transform::Number), straight_line(0.0, 0.0, Transform::Number)];
    let gate = Condition::And(vec![Condition::clause(0, Cmp::Ge, 2.5, 1), Condition::clause(1, Cmp::Ge, 1.0, 1)]);
    let f = run(&s, vec![gate_only(gate)], 8, 24);
    assert_eq!(f.phases[0].held_back_by, vec![0.0, 1.0]);
}

#[test]
fn under_not_a_clause_holds_the_gate_back_by_holding() {
    let s = [straight_line(0.0, 1.0, Transform::Number), straight_line(3.0, 0.0, Transform::Number)];
    // not(series 0 < 4.5) becomes true at h = 5; series 1 >= 1 always true.
    let gate = Condition::And(vec![
        Condition::Not(Box::new(Condition::clause(0, Cmp::Lt, 4.5, 1))),
        Condition::clause(1, Cmp::Ge, 1.0, 1),
    ]);
    let f = run(&s, vec![gate_only(gate)], 8, 24);
    assert_eq!(f.phases[0].start_quantiles[1], Some(ORIGIN + 5));
    assert_eq!(f.phases[0].held_back_by, vec![1.0, 0.0]);
}

#[test]
fn or_passes_when_either_side_holds() {
    let s = [straight_line(0.0, 1.0, Transform::Number), straight_line(0.0, 2.0, Transform::Number)];
    let gate = Condition::Or(vec![Condition::clause(0, Cmp::Ge, 9.5, 1), Condition::clause(1, Cmp::Ge, 9.5, 1)]);
    let f = run(&s, vec![gate_only(gate)], 8, 24);
    assert_eq!(f.phases[0].start_quantiles[1], Some(ORIGIN + 5));
}

#[test]
fn count_thresholds_are_on_the_natural_scale() {
    // ln(1 + count) rises 0.1 per month from ln(1 + 9): count >= 50 when ln 51 <= ln 10 + 0.1 h, h >= 16.29.
    let s = [straight_line(10f64.ln(), 0.1, Transform::Count)];
    let f = run(&s, vec![gate_only(Condition::clause(0, Cmp::Ge, 50.0, 1))], 8, 36);
    assert_eq!(f.phases[0].start_quantiles[1], Some(ORIGIN + 17));
}

#[test]
fn share_thresholds_are_on_the_natural_scale() {
    // logit(share) = -2 + 0.25 h; share > 0.5 <=> h > 8.
    let s = [straight_line(-2.0, 0.25, Transform::Share)];
    let f = run(&s, vec![gate_only(Condition::clause(0, Cmp::Gt, 0.5, 1))], 8, 36);
    assert_eq!(f.phases[0].start_quantiles[1], Some(ORIGIN + 9));
}

#[test]
fn level_clauses_compare_the_rounded_level() {
    // Latent 1.2 + 0.3 h rounds to 3 first at h = 5 (2.7); Eq 3 holds from then until 3.5 rounds to 4.
    let s = [straight_line(1.2, 0.3, Transform::Level { levels: 5 })];
    let f = run(&s, vec![gate_only(Condition::clause(0, Cmp::Eq, 3.0, 1))], 8, 36);
    assert_eq!(f.phases[0].start_quantiles[1], Some(ORIGIN + 5));
    // Clamped to 5 at the top: "level >= 6" can never hold.
    let f = run(&s, vec![gate_only(Condition::clause(0, Cmp::Ge, 6.0, 1))], 8, 36);
    assert_eq!(f.phases[0].p_not_within_horizon, 1.0);
}

#[test]
fn a_series_last_fitted_months_ago_is_carried_forward_to_the_origin() {
    // Fitted grid ended 4 months before the origin's previous month: the trend has moved on 4 months.
    let mut s = straight_line(0.0, 1.0, Transform::Number);
    s.last_month = NOW - 4;
    let f = run(&[s], vec![gate_only(Condition::clause(0, Cmp::Ge, 5.5, 1))], 8, 24);
    assert_eq!(f.phases[0].start_quantiles[1], Some(ORIGIN + 2));
}

#[test]
fn a_level_shift_scenario_moves_the_date_and_common_random_numbers_keep_the_baseline() {
    let s = [straight_line(0.0, 1.0, Transform::Number)];
    let g = PhaseGraph::new(vec![gate_only(Condition::clause(0, Cmp::Ge, 10.5, 1))]).unwrap();
    let shock = Shock::level_shift(0, ORIGIN + 3, 4.0);
    let c = compare_scenario(&s, &g, &g, &[shock], &config(8, 36)).unwrap();
    assert_eq!(c.baseline.phases[0].start_quantiles[1], Some(ORIGIN + 11));
    // From h = 3 the level is 4 higher: 4 + h >= 10.5 at h = 7.
    assert_eq!(c.scenario.phases[0].start_quantiles[1], Some(ORIGIN + 7));
}

#[test]
fn a_slope_change_scenario_applies_from_its_month() {
    let s = [straight_line(0.0, 1.0, Transform::Number)];
    let g = PhaseGraph::new(vec![gate_only(Condition::clause(0, Cmp::Ge, 10.5, 1))]).unwrap();
    let shock =
        Shock { series: 0, from_month: ORIGIN + 4, level_shift: 0.0, slope_change: 1.0, variance_multiplier: 1.0 };
    let f = forecast(&s, &g, &[shock], &config(8, 36)).unwrap();
    // h <= 4: value h; after: 4 + 2 (h - 4) >= 10.5 at h = 8.
    assert_eq!(f.phases[0].start_quantiles[1], Some(ORIGIN + 8));
}

#[test]
fn an_empty_scenario_reproduces_the_baseline_exactly() {
    let s = [noisy(0.0, 0.05), noisy(1.0, -0.02)];
    let g = PhaseGraph::new(vec![gate_only(Condition::And(vec![
        Condition::clause(0, Cmp::Ge, 2.0, 2),
        Condition::clause(1, Cmp::Le, 0.5, 1),
    ]))])
    .unwrap();
    let c = compare_scenario(&s, &g, &g, &[], &config(500, 60)).unwrap();
    assert_eq!(c.baseline, c.scenario);
}

#[test]
fn shocking_a_series_no_gate_uses_changes_nothing() {
    let s = [noisy(0.0, 0.05), noisy(1.0, -0.02)];
    let g = PhaseGraph::new(vec![gate_only(Condition::clause(0, Cmp::Ge, 2.0, 2))]).unwrap();
    let c = compare_scenario(&s, &g, &g, &[Shock::level_shift(1, ORIGIN, 5.0)], &config(500, 60)).unwrap();
    assert_eq!(c.baseline, c.scenario);
}

#[test]
fn a_larger_variance_multiplier_widens_the_spread_of_dates() {
    let s = [noisy(0.0, 0.05)];
    let g = PhaseGraph::new(vec![gate_only(Condition::clause(0, Cmp::Ge, 2.0, 1))]).unwrap();
    let calm = Shock { series: 0, from_month: ORIGIN, level_shift: 0.0, slope_change: 0.0, variance_multiplier: 0.01 };
    let wild = Shock { variance_multiplier: 4.0, ..calm };
    let spread = |shock| {
        let f = forecast(&s, &g, &[shock], &config(2000, 120)).unwrap();
        let [p10, _, p90] = f.phases[0].start_quantiles;
        p90.unwrap_or(ORIGIN + 120) - p10.unwrap()
    };
    assert!(spread(wild) > spread(calm));
}

#[test]
fn count_multiplier_helper_is_a_log_shift() {
    let shock = Shock::count_multiplier(2, ORIGIN, 0.5);
    assert!((shock.level_shift - 0.5f64.ln()).abs() < 1e-15);
    assert_eq!(shock.series, 2);
}

#[test]
fn bad_inputs_are_errors_not_panics() {
    let s = [straight_line(0.0, 1.0, Transform::Number)];
    let g = |c| PhaseGraph::new(vec![gate_only(c)]).unwrap();
    let ok = g(Condition::clause(0, Cmp::Ge, 1.0, 1));
    assert!(matches!(
        forecast(&s, &g(Condition::clause(3, Cmp::Ge, 1.0, 1)), &[], &config(8, 12)),
        Err(ForecastError::BadIndex { what: "series", index: 3, len: 1 })
    ));
    assert!(matches!(
        forecast(&s, &g(Condition::clause(0, Cmp::Ge, f64::NAN, 1)), &[], &config(8, 12)),
        Err(ForecastError::InvalidParameter { .. })
    ));
    assert!(matches!(
        forecast(&s, &g(Condition::clause(0, Cmp::Ge, 1.0, 0)), &[], &config(8, 12)),
        Err(ForecastError::InvalidParameter { .. })
    ));
    assert!(matches!(forecast(&s, &ok, &[], &config(0, 12)), Err(ForecastError::InvalidParameter { .. })));
    assert!(matches!(forecast(&s, &ok, &[], &config(8, 0)), Err(ForecastError::InvalidParameter { .. })));
    assert!(matches!(
        forecast(&s, &ok, &[Shock::level_shift(5, ORIGIN, 1.0)], &config(8, 12)),
        Err(ForecastError::BadIndex { .. })
    ));
    assert!(matches!(forecast(&s, &ok, &[], &config(8, 5000)), Err(ForecastError::InvalidParameter { .. })));
    let mut ancient = s[0].clone();
    ancient.last_month = i32::MIN;
    assert!(matches!(forecast(&[ancient], &ok, &[], &config(8, 12)), Err(ForecastError::InvalidParameter { .. })));
    let mut late = s[0].clone();
    late.last_month = ORIGIN;
    assert!(matches!(forecast(&[late], &ok, &[], &config(8, 12)), Err(ForecastError::InvalidParameter { .. })));
}

#[test]
fn clause_indices_follow_depth_first_order() {
    let a = Condition::clause(0, Cmp::Lt, 1.0, 1);
    let b = Condition::clause(1, Cmp::Gt, 2.0, 3);
    let c = Condition::clause(2, Cmp::Eq, 3.0, 1);
    let gate = Condition::Or(vec![Condition::And(vec![a.clone(), Condition::Not(Box::new(b.clone()))]), c.clone()]);
    assert_eq!(gate.clauses(), vec![&a, &b, &c]);
}

#[test]
fn quantiles_given_start_ignore_paths_that_never_start() {
    // Noisy series hovering around the threshold's edge: some paths never pass in 12 months.
    let s = [noisy(0.0, 0.0)];
    let f = run(&s, vec![gate_only(Condition::clause(0, Cmp::Ge, 1.5, 1))], 4000, 12);
    let p = &f.phases[0];
    assert!(p.p_not_within_horizon > 0.1 && p.p_not_within_horizon < 0.9, "{}", p.p_not_within_horizon);
    let started: u64 = p.start_counts.iter().sum();
    assert_eq!(started as f64 / 4000.0, 1.0 - p.p_not_within_horizon);
    assert!(p.start_quantiles_given_start[2].is_some());
    assert!(p.start_quantiles_given_start[2] <= Some(ORIGIN + 11));
}

#[test]
fn simulated_months_follow_the_model_distribution() {
    // Pure observation noise with sd 1 around a flat level: each month passes "value >= 1" with
    // probability 1 - Phi(1) = 0.158655, independently, so first passage is geometric.
    let mut s = straight_line(0.0, 0.0, Transform::Number);
    s.trend.variances.irregular = 1.0;
    let n = 40_000;
    let f = run(&[s], vec![gate_only(Condition::clause(0, Cmp::Ge, 1.0, 1))], n, 12);
    let p = 0.158_655_253_931_457;
    let first_month = f.phases[0].start_counts[0] as f64 / f64::from(n);
    assert!((first_month - p).abs() < 0.008, "P(pass at origin) = {first_month}");
    let never = (1.0 - p).powi(12);
    assert!(
        (f.phases[0].p_not_within_horizon - never).abs() < 0.008,
        "P(never) = {}",
        f.phases[0].p_not_within_horizon
    );
}

#[test]
fn the_starting_state_uncertainty_is_simulated() {
    // Level uncertain at the origin (variance 4), no noise after: P(value >= 2) = 1 - Phi(1) in every month.
    let mut s = straight_line(0.0, 0.0, Transform::Number);
    s.trend.next_state.cov = [[4.0, 0.0], [0.0, 0.0]];
    let n = 40_000;
    let f = run(&[s], vec![gate_only(Condition::clause(0, Cmp::Ge, 2.0, 1))], n, 12);
    let passed = 1.0 - f.phases[0].p_not_within_horizon;
    assert!((passed - 0.158_655).abs() < 0.008, "{passed}");
    assert_eq!(f.phases[0].start_counts[1..].iter().sum::<u64>(), 0, "a constant path passes at once or never");
}

#[test]
fn large_levels_with_small_slopes_keep_their_precision() {
    // 1e8 + 0.3 h >= 1e8 + 3.15  <=>  h >= 10.5. (A single-precision level would never move.)
    let s = [straight_line(1e8, 0.3, Transform::Number)];
    let f = run(&s, vec![gate_only(Condition::clause(0, Cmp::Ge, 1e8 + 3.15, 1))], 8, 36);
    assert_eq!(f.phases[0].start_quantiles[1], Some(ORIGIN + 11));
}

#[test]
fn horizons_longer_than_128_months_find_late_passages() {
    // 0 + h >= 149.5 from h = 150; held 4 months at h = 153.
    let s = [straight_line(0.0, 1.0, Transform::Number)];
    let f = run(&s, vec![gate_only(Condition::clause(0, Cmp::Ge, 149.5, 4))], 8, 200);
    assert_eq!(f.phases[0].start_quantiles[1], Some(ORIGIN + 153));
}
