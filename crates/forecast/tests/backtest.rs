//! Backtest behaviour: exact on a noise-free line, calibrated on model-generated data.

use tahawul_forecast::{ForecastError, Transform, backtest};

use crate::common;

use common::Noise;

#[test]
fn a_noise_free_line_is_forecast_exactly_and_the_naive_baseline_is_not() {
    let y: Vec<f64> = (0..60).map(|t| 2.0 + 0.3 * t as f64).collect();
    let r = backtest(&y, Transform::Number, 6).unwrap();
    assert_eq!(r.points.len(), 6);
    assert!(r.mae_model < 1e-3, "{}", r.mae_model);
    assert!(r.mae_drift < 1e-9);
    // Naive last value misses by 0.3, 0.6, ..., 1.8: mean 1.05.
    assert!((r.mae_naive - 1.05).abs() < 1e-9);
}

#[test]
fn the_80_percent_interval_covers_about_80_percent_on_model_data() {
    let mut noise = Noise(3);
    let (mut inside, mut total) = (0usize, 0usize);
    for _ in 0..80 {
        let (mut level, mut slope) = (5.0, 0.02);
        let y: Vec<f64> = (0..96)
            .map(|_| {
                let v = level + 0.4 * noise.normal();
                level += slope + 0.15 * noise.normal();
                slope += 0.005 * noise.normal();
                v
            })
            .collect();
        let r = backtest(&y, Transform::Number, 6).unwrap();
        inside += r.points.iter().filter(|p| p.lower_80 <= p.actual && p.actual <= p.upper_80).count();
        total += r.points.len();
    }
    let coverage = inside as f64 / total as f64;
    assert!((0.7..=0.9).contains(&coverage), "coverage {coverage}");
}

#[test]
fn held_out_months_skip_gaps_and_are_reported_on_the_natural_scale() {
    let mut y: Vec<f64> = (0..48).map(|t| (10.0 * 1.02f64.powi(t)).round()).collect();
    y[45] = f64::NAN;
    let r = backtest(&y, Transform::Count, 3).unwrap();
    assert_eq!(r.points.iter().map(|p| p.month).collect::<Vec<_>>(), vec![44, 46, 47]);
    assert!(r.points.iter().all(|p| p.lower_80 <= p.forecast && p.forecast <= p.upper_80 && p.forecast > 10.0));
}

#[test]
fn too_short_a_series_or_nothing_to_hold_out_is_an_error() {
    let y = [1.0, 2.0, 3.0, 4.0, 5.0];
    assert_eq!(
        backtest(&y, Transform::Number, 2).unwrap_err(),
        ForecastError::TooFewObservations { series: 0, found: 5, needed: 6 }
    );
    assert!(matches!(backtest(&y, Transform::Number, 0), Err(ForecastError::InvalidParameter { .. })));
    assert_eq!(backtest(&[], Transform::Number, 1).unwrap_err(), ForecastError::EmptySeries { series: 0 });
}
