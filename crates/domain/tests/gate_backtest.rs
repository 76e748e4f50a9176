//! Gates in the backtest, on the founding case: "met by month D" forecast from rolling origins
//! and scored by the Brier score against no change, with a reliability table.

use std::path::Path;

use tahawul_domain::forecast::{BacktestSettings, Origins, RELIABILITY_BINS, backtest_with};
use tahawul_domain::{Case, Month};

fn founding() -> Case {
    tahawul_domain::load(Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/iraq-hmc")))
        .expect("the founding case loads")
}

fn settings() -> BacktestSettings {
    BacktestSettings {
        horizon_months: 12,
        origins: Origins::Every { months: 3, from: Month::new(2022, 7), to: Month::new(2025, 10) },
        paths: 300,
        seed: 7,
    }
}

#[test]
fn a_founding_case_gate_reads_real_ucdp_figures() {
    let case = founding();
    let reads_ucdp = case.phases.iter().any(|p| {
        p.gate.clauses().iter().any(|c| {
            case.indicator(&c.factor, &c.indicator).is_some_and(|i| {
                case.series(i, p.areas[0].as_str()).publisher.as_ref().is_some_and(|x| x.as_str() == "ucdp")
            })
        })
    });
    assert!(reads_ucdp, "at least one gate reads a UCDP series");
}

#[test]
fn every_gate_forecast_is_counted_once_and_scored_between_zero_and_one() {
    let case = founding();
    let r = backtest_with(&case, &settings());
    assert_eq!(r.gates.len(), case.phases.len(), "one entry per phase");
    let mut total = 0;
    for g in &r.gates {
        let s = &g.scores;
        assert_eq!(s.forecasts, g.points.len(), "{}", g.phase);
        assert_eq!(s.reliability.len(), RELIABILITY_BINS);
        assert_eq!(s.reliability.iter().map(|b| b.forecasts).sum::<usize>(), s.forecasts, "{}", g.phase);
        assert_eq!(s.met, g.points.iter().filter(|p| p.met).count());
        total += s.forecasts;
        if s.forecasts > 0 {
            let (b, r) = (s.brier.unwrap(), s.brier_reference.unwrap());
            assert!((0.0..=1.0).contains(&b) && (0.0..=1.0).contains(&r), "{}: {b} {r}", g.phase);
        }
        // From one origin, "met by D" can only grow with D: forecast, no change and outcome.
        for w in g.points.windows(2) {
            if w[0].origin == w[1].origin {
                assert_eq!(w[1].month, w[0].month.plus(1));
                assert!(w[1].probability >= w[0].probability, "{}: {:?}", g.phase, w);
                assert!(w[1].no_change >= w[0].no_change && (w[1].met || !w[0].met), "{}: {:?}", g.phase, w);
            }
        }
    }
    assert_eq!(r.overall.gates.scores.forecasts, total);
    // Held-out months lie within what the figures cover: UCDP's series ends in December 2023.
    let federal = r.gates.iter().find(|g| g.phase.as_str() == "coalition-mission-ends-federal-iraq").unwrap();
    assert!(!federal.points.is_empty(), "the gate that reads UCDP is scored");
    assert!(federal.points.iter().all(|p| p.month <= Month::new(2023, 12)));
    // The assessment gate is met within these years: the forecasts are not trivial, and beat no change.
    let first = r.gates.iter().find(|g| g.phase.as_str() == "hmc-assessment-complete").unwrap();
    assert!(first.scores.met > 0 && first.scores.met < first.scores.forecasts);
    assert!(first.scores.skill.unwrap() > 0.0, "{:?}", first.scores);
}

#[test]
fn the_json_has_gates_with_brier_reference_and_reliability() {
    let r = backtest_with(&founding(), &settings());
    let v = serde_json::to_value(&r).unwrap();
    let g = &v["gates"][0];
    for key in ["phase", "forecasts", "met", "brier", "brier_reference", "skill", "reliability", "points", "origins"] {
        assert!(g.get(key).is_some(), "{key} in gates[0]");
    }
    let bin = &g["reliability"][0];
    for key in ["lower", "upper", "forecasts", "mean_forecast", "observed"] {
        assert!(bin.get(key).is_some(), "{key} in a reliability bin");
    }
    assert!(v["overall"]["gates"]["brier"].is_number());
    assert!(v["overall"]["gates"]["forecasts"].as_u64().unwrap() > 0);
}
