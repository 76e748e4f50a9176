//! The bridge from a case to the forecast engine, on the mini bundle given a few years of history.

use std::path::Path;

use proptest::prelude::*;
use tahawul_domain::forecast::{self, Blocker, ForecastReport, Outlook, Settings, WhatIf};
use tahawul_domain::gate::Threshold;
use tahawul_domain::{Case, Confidence, Id, Lang, Month, Observation, Period};
use tahawul_forecast::{Cmp, Condition};
use tahawul_i18n::Localizer;

fn mini() -> Case {
    tahawul_domain::load(Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/bundles/mini")))
        .expect("the mini bundle loads")
}

fn obs(indicator: &str, area: &str, period: Period, value: f64) -> Observation {
    let (factor, ind) = indicator.split_once('.').unwrap();
    Observation {
        factor: Id::parse(factor).unwrap(),
        indicator: Id::parse(ind).unwrap(),
        area: Id::parse(area).unwrap(),
        period,
        value,
        publisher: Id::parse("office").unwrap(),
        method: Id::parse("count").unwrap(),
        as_of: period.last_month().plus(1).first_day(),
        confidence: Confidence::Medium,
        illustrative: true,
        document: None,
    }
}

/// A small deterministic wobble, so that fits have noise to estimate.
fn wobble(t: i32) -> f64 {
    ((t as f64 * 12.9898).sin() * 43_758.545).fract() - 0.5
}

/// The mini case with three years of figures before its own (2021-01 to 2024-02).
fn mini_with_history() -> Case {
    let mut case = mini();
    for t in 0..38 {
        let m = Month::new(2021, 1).plus(t);
        let north = (32.0 * (-0.02 * t as f64).exp() * (1.0 + 0.25 * wobble(t))).round();
        case.observations.push(obs("threat.attacks", "north", Period::Month(m), north));
        if m < Month::new(2024, 1) {
            let country = (25.0 * (-0.015 * t as f64).exp() * (1.0 + 0.2 * wobble(t + 100))).round();
            case.observations.push(obs("threat.attacks", "country", Period::Month(m), country));
        }
    }
    for q in 0..11 {
        let period = Period::Quarter { year: 2021 + q / 4, quarter: (q % 4) as u8 + 1 };
        let rank = if q < 4 || q == 5 { 1.0 } else { 2.0 };
        case.observations.push(obs("capability.readiness", "north", period, rank));
    }
    for q in 0..13 {
        let period = Period::Quarter { year: 2021 + q / 4, quarter: (q % 4) as u8 + 1 };
        let share = (0.08 + 0.022 * q as f64 + 0.02 * wobble(q + 7)).clamp(0.01, 0.99);
        case.observations.push(obs("capability.independent_share", "country", period, share));
        if q < 12 {
            case.observations.push(obs("capability.independent_share", "north", period, share * 0.8));
        }
    }
    case
}

fn settings() -> Settings {
    Settings { paths: 4_000, ..Settings::new(Month::new(2024, 4)) }
}

fn run(case: &Case, what_if: Option<&WhatIf>) -> ForecastReport {
    forecast::forecast(case, &settings(), what_if).expect("the forecast runs")
}

fn outlook<'a>(r: &'a ForecastReport, phase: &str) -> &'a Outlook {
    r.phases.iter().find(|p| p.id.as_str() == phase).and_then(|p| p.baseline.as_ref()).expect("a baseline outlook")
}

fn scenario<'a>(r: &'a ForecastReport, phase: &str) -> &'a Outlook {
    r.phases.iter().find(|p| p.id.as_str() == phase).and_then(|p| p.scenario.as_ref()).expect("a scenario outlook")
}

/// Percentiles with "beyond the horizon" as later than any month.
fn later_or_equal(a: Option<Month>, b: Option<Month>) -> bool {
    match (a, b) {
        (None, _) => true,
        (Some(_), None) => false,
        (Some(a), Some(b)) => a >= b,
    }
}

fn percentiles(o: &Outlook) -> [Option<Month>; 3] {
    [o.p10, o.p50, o.p90]
}

#[test]
fn compiled_conditions_read_the_right_series_with_level_thresholds_as_ranks() {
    let case = mini_with_history();
    let p = forecast::prepare(&case, &settings());
    let attacks_north = p.engine_index_of("threat.attacks", "north").expect("fitted");
    let readiness_north = p.engine_index_of("capability.readiness", "north").expect("fitted");
    // `in-the-lead` is the 2nd level of the readiness scale's current version.
    assert_eq!(
        p.conditions[0],
        Condition::And(vec![
            Condition::clause(attacks_north, Cmp::Le, 10.0, 2),
            Condition::clause(readiness_north, Cmp::Ge, 2.0, 1)
        ])
    );
    // The partnership's gate must hold in the country and in the North: one copy per area.
    let share = |a| p.engine_index_of("capability.independent_share", a).unwrap();
    let attacks = |a| p.engine_index_of("threat.attacks", a).unwrap();
    let area = |a| {
        Condition::Or(vec![
            Condition::clause(share(a), Cmp::Ge, 0.3, 1),
            Condition::clause(attacks(a), Cmp::Lt, 5.0, 1),
        ])
    };
    assert_eq!(p.conditions[1], Condition::And(vec![area("country"), area("north")]));
}

#[test]
fn figures_after_the_as_of_month_are_ignored() {
    let case = mini_with_history();
    let early = Settings { as_of: Month::new(2023, 12), ..settings() };
    let r = forecast::forecast(&case, &early, None).unwrap();
    let north = r.series.iter().find(|s| s.indicator == "threat.attacks" && s.area.as_str() == "north").unwrap();
    assert_eq!(north.last, Some(Period::Month(Month::new(2023, 12))));
    assert_eq!(north.observations, 36);
    assert_eq!(r.settings.origin, Month::new(2024, 1));
}

#[test]
fn a_phase_whose_gate_already_holds_starts_at_the_later_of_origin_and_earliest_start() {
    let mut case = mini_with_history();
    let gate = &case.phases[0].gate;
    let gate = gate.with_threshold(0, Threshold::Number(1000.0)).unwrap();
    case.phases[0].gate = gate.with_threshold(1, Threshold::Level("forming".into())).unwrap();
    // Earliest start 2024-06 is after the origin (2024-05).
    let r = run(&case, None);
    let o = outlook(&r, "handover-north");
    assert_eq!(percentiles(o), [Some(Month::new(2024, 6)); 3]);
    assert_eq!(o.held_back_by, None, "nothing held it back");
    assert_eq!(o.p_by_deadline, Some(1.0));
    // Without an earliest start, the origin itself.
    case.phases[0].earliest_start = None;
    let r = run(&case, None);
    assert_eq!(percentiles(outlook(&r, "handover-north")), [Some(Month::new(2024, 5)); 3]);
}

#[test]
fn predecessors_and_lag_hold_in_every_percentile() {
    let case = mini_with_history();
    let r = run(&case, None);
    let (first, then) = (outlook(&r, "handover-north"), outlook(&r, "partnership"));
    assert!(first.p10.is_some(), "the handover is forecast to start within ten years: {first:?}");
    for (a, b) in percentiles(first).into_iter().zip(percentiles(then)) {
        assert!(
            later_or_equal(b, a.map(|m| m.plus(3))),
            "partnership {b:?} must be at least 3 months after the handover {a:?}"
        );
    }
}

#[test]
fn the_same_seed_gives_the_same_json_and_another_seed_another() {
    let case = mini_with_history();
    let json = |seed| {
        serde_json::to_string(&forecast::forecast(&case, &Settings { seed, ..settings() }, None).unwrap()).unwrap()
    };
    assert_eq!(json(7), json(7));
    assert_ne!(json(7), json(8));
}

#[test]
fn doubling_attacks_never_brings_a_phase_gated_on_few_attacks_forward() {
    let case = mini_with_history();
    let shock = forecast::parse_shock(&case, "threat.attacks multiply=2", settings().origin()).unwrap();
    let w = WhatIf { shocks: vec![shock], ..WhatIf::default() };
    let r = run(&case, Some(&w));
    for phase in ["handover-north", "partnership"] {
        let (b, s) = (outlook(&r, phase), scenario(&r, phase));
        assert!(later_or_equal(s.p50, b.p50), "{phase}: scenario P50 {:?} before baseline {:?}", s.p50, b.p50);
    }
    let shocked = &r.what_if.as_ref().unwrap().shocks[0].series;
    assert_eq!(shocked, &["threat.attacks@north", "threat.attacks@country"]);
}

#[test]
fn loosening_a_at_most_clause_never_delays_any_percentile() {
    let case = mini_with_history();
    let change = forecast::parse_threshold(&case, "handover-north#1=15").unwrap();
    let w = WhatIf { thresholds: vec![change], ..WhatIf::default() };
    let r = run(&case, Some(&w));
    for phase in ["handover-north", "partnership"] {
        for (b, s) in percentiles(outlook(&r, phase)).into_iter().zip(percentiles(scenario(&r, phase))) {
            assert!(later_or_equal(b, s), "{phase}: scenario {s:?} later than baseline {b:?}");
        }
    }
    let t = &r.what_if.as_ref().unwrap().thresholds[0];
    assert_eq!(
        (t.before.as_str(), t.after.as_str()),
        ("threat.attacks <= 10 for 2 months", "threat.attacks <= 15 for 2 months")
    );
}

#[test]
fn the_bundle_scenario_runs_side_by_side_with_the_baseline() {
    let case = mini_with_history();
    let w = WhatIf::from_scenario(&case, "attacks-double").unwrap();
    let r = run(&case, Some(&w));
    assert_eq!(r.what_if.as_ref().unwrap().scenario.as_ref().map(Id::as_str), Some("attacks-double"));
    assert!(r.phases.iter().all(|p| p.baseline.is_some() && p.scenario.is_some()));
    let err = WhatIf::from_scenario(&case, "nope").unwrap_err();
    assert_eq!(err.message().id, "forecast-unknown-scenario");
}

#[test]
fn a_series_too_short_to_fit_blocks_only_the_phases_that_read_it() {
    let case = mini(); // the North has two attack figures only
    let r = forecast::forecast(&case, &Settings { paths: 500, ..Settings::new(Month::new(2024, 5)) }, None).unwrap();
    let handover = &r.phases[0];
    assert!(handover.baseline.is_none());
    assert_eq!(
        handover.cannot_forecast,
        Some(Blocker::TooFewFigures {
            indicator: "threat.attacks".into(),
            area: Id::parse("north").unwrap(),
            figures: 2,
            needed: 4
        })
    );
    let en = Localizer::new(Lang::En).unwrap();
    let text = en.format(&handover.cannot_forecast.as_ref().unwrap().message(&case));
    assert_eq!(text, "threat.attacks in North has only 2 figures (a trend needs at least 4)");
    let ar = Localizer::new(Lang::Ar).unwrap();
    assert!(ar.format(&handover.cannot_forecast.as_ref().unwrap().message(&case)).contains("إلا قراءتان"));
    assert!(r.phases[1].cannot_forecast.is_some(), "the partnership cannot be forecast either");
    // The series that could be fitted still report their fit.
    let country = r.series.iter().find(|s| s.indicator == "threat.attacks" && s.area.as_str() == "country").unwrap();
    assert!(country.log_likelihood.is_some() && country.problem.is_none());

    // With enough history the North's phase forecasts, while a phase reading a bare series does not.
    let mut case = mini_with_history();
    case.phases[1].gate = tahawul_domain::gate::parse("capability.readiness >= level \"independent\"").unwrap();
    case.phases[1].areas = vec![Id::parse("country").unwrap()];
    let r = run(&case, None);
    assert!(r.phases[0].baseline.is_some());
    assert!(
        matches!(&r.phases[1].cannot_forecast, Some(Blocker::TooFewFigures { figures: 0, .. })),
        "{:?}",
        r.phases[1].cannot_forecast
    );
}

#[test]
fn illustrative_figures_mark_the_phases_that_read_them() {
    let mut case = mini_with_history();
    for p in &mut case.phases {
        p.illustrative = false;
    }
    let r = run(&case, None);
    assert!(r.phases.iter().all(|p| p.illustrative), "every series used carries illustrative figures");
}

#[test]
fn command_line_what_ifs_are_refused_with_what_where_and_how() {
    let case = mini_with_history();
    let from = Month::new(2024, 5);
    let shock = |s: &str| forecast::parse_shock(&case, s, from).unwrap_err();
    let e = shock("threat.atacks multiply=2");
    assert_eq!((e.flag, e.problem.id), ("--shock", "forecast-unknown-indicator"));
    assert_eq!(e.help.as_ref().unwrap().id, "forecast-did-you-mean");
    assert_eq!(shock("threat.attacks@nowhere multiply=2").problem.id, "forecast-unknown-area");
    assert_eq!(shock("threat.attacks multiply=-2").problem.id, "forecast-shock-positive");
    assert_eq!(shock("threat.attacks multiply=two").problem.id, "forecast-shock-bad-number");
    assert_eq!(shock("threat.attacks multipy=2").problem.id, "forecast-shock-unknown-key");
    assert_eq!(shock("threat.attacks from=2024-13 shift=1").problem.id, "forecast-shock-bad-month");
    assert_eq!(shock("threat.attacks").problem.id, "forecast-shock-no-effect");
    assert_eq!(shock("").problem.id, "forecast-shock-empty");
    let ok = forecast::parse_shock(&case, "threat.attacks@north,country slope=-0.01 from=2025-01", from).unwrap();
    assert_eq!((ok.areas.len(), ok.from, ok.slope), (2, Month::new(2025, 1), Some(-0.01)));

    let threshold = |s: &str| forecast::parse_threshold(&case, s).unwrap_err();
    assert_eq!(threshold("handover-north=3").problem.id, "forecast-threshold-syntax");
    assert_eq!(threshold("handover-nort#1=3").problem.id, "forecast-unknown-phase");
    assert_eq!(threshold("handover-north#3=3").problem.id, "forecast-no-such-clause");
    assert_eq!(threshold("handover-north#3=3").help.unwrap().id, "forecast-clauses-help");
    // A number where the clause compares a level, and a level on a count: the gate checks say so.
    assert!(threshold("handover-north#2=3").problem.id.starts_with("gate-"));
    assert!(threshold("handover-north#1=independent").problem.id.starts_with("gate-"));
    let level = forecast::parse_threshold(&case, "handover-north#2=independent").unwrap();
    assert_eq!(level.value, Threshold::Level("independent".into()));

    let en = Localizer::new(Lang::En).unwrap();
    assert_eq!(
        en.format(&shock("threat.atacks multiply=2").message()),
        "--shock 'threat.atacks multiply=2': there is no indicator `threat.atacks`"
    );
}

#[test]
fn backtest_scores_every_series_with_enough_figures() {
    let case = mini_with_history();
    let r = forecast::backtest(&case, 12);
    let north = r
        .series
        .iter()
        .find(|s| s.indicator == "threat.attacks" && s.area.as_ref().is_some_and(|a| a.as_str() == "north"))
        .unwrap();
    let scores = north.scores.as_ref().expect("scored");
    assert_eq!((north.held_out, scores.points.len()), (12, 12));
    assert_eq!(scores.points.last().unwrap().period, Period::Month(Month::new(2024, 4)));
    let quarterly = r.series.iter().find(|s| s.indicator == "capability.readiness").unwrap();
    assert_eq!(quarterly.held_out, 4, "12 months are 4 quarters");
    for s in r.series.iter().filter_map(|s| s.scores.as_ref()) {
        assert!((0.0..=1.0).contains(&s.coverage_80));
        assert!(s.mae_naive.is_finite() && s.mae_drift.is_finite() && s.mae_model.is_finite());
    }
    let c = r.overall.coverage_80.unwrap();
    assert!((0.0..=1.0).contains(&c));
    assert_eq!(forecast::holdout_points(tahawul_domain::Frequency::Year, 12), 1);
    assert_eq!(forecast::holdout_points(tahawul_domain::Frequency::Quarter, 6), 2);
}

proptest! {
    #[test]
    fn what_if_parsers_never_panic(text in "\\PC{0,60}") {
        let case = mini();
        let _ = forecast::parse_shock(&case, &text, Month::new(2024, 5));
        let _ = forecast::parse_threshold(&case, &text);
    }

    #[test]
    fn shock_like_inputs_never_panic(
        ind in "(threat\\.attacks|capability\\.readiness|x\\.y)(@(north|zz|,)*)?",
        parts in proptest::collection::vec("(multiply|shift|slope|variance|from|bad)=(-?[0-9]{0,3}(\\.[0-9])?|2024-0[0-9]|nan|inf)", 0..4),
    ) {
        let case = mini();
        let text = format!("{ind} {}", parts.join(" "));
        if let Ok(s) = forecast::parse_shock(&case, &text, Month::new(2024, 5)) {
            prop_assert!(s.multiply.is_none_or(|m| m > 0.0 && m.is_finite()));
            prop_assert!(s.variance.is_none_or(|m| m > 0.0 && m.is_finite()));
        }
    }
}

#[test]
fn a_phase_recorded_as_started_is_fixed_and_its_successors_lag_counts_from_it() {
    let mut case = mini_with_history();
    case.phases[0].started = Some(Month::new(2024, 4));
    let r = run(&case, None);
    let handover = &r.phases[0];
    assert_eq!(handover.started, Some(Month::new(2024, 4)));
    assert_eq!(percentiles(handover.baseline.as_ref().unwrap()), [Some(Month::new(2024, 4)); 3]);
    assert_eq!(handover.baseline.as_ref().unwrap().p_by_deadline, Some(1.0));
    for m in percentiles(outlook(&r, "partnership")).into_iter().flatten() {
        assert!(m >= Month::new(2024, 7), "three months after the recorded start: {m:?}");
    }
    // A start recorded after the as-of month was not known then: the phase is forecast.
    case.phases[0].started = Some(Month::new(2024, 9));
    let r = run(&case, None);
    assert_eq!(r.phases[0].started, None);
    assert!(r.phases[0].baseline.as_ref().unwrap().p10.is_some_and(|m| m >= Month::new(2024, 6)));
}
