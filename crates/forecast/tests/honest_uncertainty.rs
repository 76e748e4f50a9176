//! No false certainty: a flat series keeps the uncertainty of its discrete steps, a surge does
//! not carry the median to absurd heights, and every variance stays above the documented floor.

use tahawul_forecast::{
    COUNT_MEDIAN_GROWTH, ChoiceConfig, Cmp, Condition, Phase, PhaseGraph, SeriesInput, SimulationConfig, Transform,
    choose, forecast, quantile_sorted, simulate_values, variance_floor,
};

/// A count reported quarterly that stayed at 5 for 14 quarters, on the monthly grid.
fn flat_quarterly_count() -> Vec<f64> {
    (0..42).map(|m| if m % 3 == 2 { 5.0 } else { f64::NAN }).collect()
}

#[test]
fn a_flat_count_gets_an_interval_at_least_one_count_wide() {
    let natural = flat_quarterly_count();
    let y = Transform::Count.forward_series(0, &natural).unwrap();
    let c = choose(&y, Transform::Count, &ChoiceConfig::default()).unwrap();
    let floor = variance_floor(Transform::Count, &y);
    // The floor is (half a step)²: one count at 5 is ln(7/6) on the log scale.
    assert!((floor.irregular - ((7.0f64 / 6.0).ln() / 2.0).powi(2)).abs() < 1e-12);
    assert!(c.model.variances.irregular >= floor.irregular && c.model.variances.level >= floor.level);
    let sample = simulate_values(&c.model, Transform::Count, 12, 4000, 3).unwrap();
    let (first, year) = (&sample[0], &sample[11]);
    let width = |s: &[f64]| quantile_sorted(s, 0.9) - quantile_sorted(s, 0.1);
    assert!(width(first) >= 1.0, "80% interval next month: {}", width(first));
    assert!(width(year) > width(first), "the interval widens: {} then {}", width(first), width(year));
    let median = quantile_sorted(year, 0.5);
    assert!((median - 5.0).abs() < 0.5, "median stays at 5: {median}");
}

#[test]
fn a_gate_on_a_flat_count_is_not_certain_never_to_pass() {
    let natural = flat_quarterly_count();
    let y = Transform::Count.forward_series(0, &natural).unwrap();
    let c = choose(&y, Transform::Count, &ChoiceConfig::default()).unwrap();
    let input = SeriesInput { trend: c.model, transform: Transform::Count, last_month: 41, history: natural };
    // "At most 4 attacks a month, two months running": it has never happened, but it is not impossible.
    let gate = Condition::clause(0, Cmp::Le, 4.0, 2);
    let graph = PhaseGraph::new(vec![Phase {
        gate,
        predecessors: vec![],
        min_lag_months: 0,
        earliest_month: None,
        deadline_month: None,
    }])
    .unwrap();
    let config = SimulationConfig { origin_month: 42, horizon_months: 60, paths: 4000, seed: 9 };
    let f = forecast(&[input], &graph, &[], &config).unwrap();
    let never = f.phases[0].p_not_within_horizon;
    assert!(never < 0.95, "a flat series must not make the gate certain never to pass: {never}");
    assert!(never > 0.05, "nor certain to pass: {never}");
}

#[test]
fn a_one_year_surge_does_not_carry_the_ten_year_median_past_twice_the_highest_month() {
    // Five quiet years around 10 a month, then a year rising to about 1,000 a month.
    let mut natural: Vec<f64> = (0..60).map(|t| 10.0 + f64::from(t % 4)).collect();
    natural.extend((1..=12).map(|k| (10.0 * 100f64.powf(f64::from(k) / 12.0)).round()));
    let highest = natural.iter().copied().fold(0.0, f64::max);
    let y = Transform::Count.forward_series(0, &natural).unwrap();
    let c = choose(&y, Transform::Count, &ChoiceConfig::default()).unwrap();
    let median_path = c.model.median_path(120);
    let ten_years = Transform::Count.natural(median_path[119]);
    assert!(ten_years <= COUNT_MEDIAN_GROWTH * highest + 1e-9, "ten-year median {ten_years} > 2 × {highest}");
    // And the simulated paths agree with the median path.
    let sample = simulate_values(&c.model, Transform::Count, 120, 4000, 5).unwrap();
    let simulated = quantile_sorted(&sample[119], 0.5);
    assert!(simulated <= COUNT_MEDIAN_GROWTH * highest * 1.1, "simulated ten-year median {simulated}");
}

#[test]
fn no_model_variance_falls_below_the_floor_on_a_noise_free_line() {
    let y: Vec<f64> = (0..48).map(|t| 3.0 + 0.25 * f64::from(t)).collect();
    let c = choose(&y, Transform::Number, &ChoiceConfig::default()).unwrap();
    let floor = variance_floor(Transform::Number, &y);
    assert_eq!(floor.irregular, 0.005f64.powi(2));
    assert!(c.model.variances.irregular >= floor.irregular);
    assert!(c.model.variances.level >= floor.level);
}
