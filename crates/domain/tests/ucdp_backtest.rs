//! The acceptance benchmark in small, on real conflict data: 22 UCDP series (tests/data/README.md),
//! rolling origins every 24 months from 2010 to 2022, 12 months ahead. The forecasts' 80%
//! intervals must mean what they say and the model must not lose to "no change".

use tahawul_domain::Month;
use tahawul_domain::forecast::{BacktestSettings, Origins, backtest_series, read_series_csv};

fn report() -> tahawul_domain::forecast::BacktestReport {
    let text = include_str!("data/ucdp_sample.csv");
    let series = read_series_csv("ucdp_sample.csv", text).expect("the sample reads");
    assert_eq!(series.len(), 22);
    let settings = BacktestSettings {
        horizon_months: 12,
        origins: Origins::Every { months: 24, from: Month::new(2010, 1), to: Month::new(2022, 1) },
        paths: 400,
        seed: 1,
    };
    backtest_series("ucdp_sample.csv", &series, &settings)
}

#[test]
fn on_real_conflict_data_the_80_percent_interval_covers_about_80_percent_and_beats_no_change() {
    let r = report();
    let o = &r.overall;
    // The figures, for the record (`cargo test … -- --nocapture`).
    eprintln!(
        "pooled: coverage 50/80/90 {:?}/{:?}/{:?}, CRPS {:?} vs no change {:?}, skill {:?}, models {:?}, PIT {:?}",
        o.coverage_50, o.coverage_80, o.coverage_90, o.crps, o.crps_no_change, o.crps_skill, o.models, o.pit_histogram
    );
    for h in &o.by_horizon {
        eprintln!("h{:>2}: n {} cov80 {:.3} skill {:?}", h.horizon, h.forecasts, h.coverage_80, h.skill);
    }
    assert_eq!(o.series, 22);
    assert_eq!(o.points, 22 * 7 * 12, "every series, origin and month is scored");
    let coverage = o.coverage_80.unwrap();
    assert!((0.74..=0.88).contains(&coverage), "pooled 80% coverage {coverage}");
    for h in &o.by_horizon {
        assert!((0.65..=0.93).contains(&h.coverage_80), "horizon {}: coverage {}", h.horizon, h.coverage_80);
        assert!(h.coverage_50 <= h.coverage_80 && h.coverage_80 <= h.coverage_90);
    }
    let skill = o.crps_skill.unwrap();
    assert!(skill >= 0.0, "pooled CRPS skill against no change {skill}");
    assert_eq!(o.pit_histogram.iter().sum::<usize>(), o.points);
    assert_eq!(o.models.values().sum::<usize>(), 22 * 7);
}

#[test]
fn the_json_keeps_the_points_shape() {
    let r = report();
    let v = serde_json::to_value(&r).unwrap();
    let p = &v["series"][0]["scores"]["points"][0];
    for key in ["period", "actual", "forecast", "lower_80", "upper_80", "origin", "horizon", "crps", "pit"] {
        assert!(!p[key].is_null(), "{key} in {p}");
    }
    assert_eq!(p["origin"], "2010-01");
    assert_eq!(p["period"], "2010-01");
}
