//! Evaluation: windows, fallbacks, missing data and three-valued logic.

use super::super::{Evaluation, Truth};
use super::{case, case_with_attacks, gate, month};
use crate::period::Period;

fn eval(src: &str, area: &str, as_of: Option<&str>) -> Evaluation {
    gate(src).evaluate(&case(), area, as_of.map(month))
}

fn periods(list: &[&str]) -> Vec<Period> {
    list.iter().map(|p| p.parse().unwrap()).collect()
}

#[test]
fn gate_holding_five_of_six_months_is_not_met() {
    // Jan 20 breaks the six months Jan–Jun; Feb–Jun hold.
    let e = eval("threat.attacks_per_month <= 15 for 6 months", "federal-iraq", Some("2024-06"));
    assert_eq!(e.truth, Truth::NotMet);
    let r = &e.clauses[0];
    assert_eq!((r.held_months, r.window_months), (5, 6));
    assert!(r.missing.is_empty());
    assert_eq!(r.latest.map(|p| (p.period.to_string(), p.value)), Some(("2024-06".into(), 8.0)));
}

#[test]
fn gate_holding_six_of_six_months_is_met() {
    let e = eval("threat.attacks_per_month <= 15 for 6 months", "federal-iraq", None);
    assert_eq!(e.truth, Truth::Met);
    assert_eq!(e.clauses[0].held_months, 6);
}

#[test]
fn the_as_of_cut_off_ignores_later_values() {
    assert_eq!(eval("threat.attacks_per_month <= 15 for 6 months", "federal-iraq", Some("2024-07")).truth, Truth::Met);
    assert_eq!(
        eval("threat.attacks_per_month <= 15 for 6 months", "federal-iraq", Some("2024-06")).truth,
        Truth::NotMet
    );
    // Before the first value there is nothing to judge.
    let e = eval("threat.attacks_per_month <= 15", "federal-iraq", Some("2023-12"));
    assert_eq!((e.truth, e.clauses[0].latest), (Truth::NoData, None));
}

#[test]
fn a_missing_month_in_the_window_is_listed_and_not_met() {
    // Kurdistan: May 3, June missing, July 2.
    let e = eval("threat.attacks_per_month <= 15 for 3 months", "kurdistan", None);
    assert_eq!(e.truth, Truth::NotMet);
    let r = &e.clauses[0];
    assert_eq!(r.missing, periods(&["2024-06"]));
    assert_eq!(r.held_months, 1, "the gap stops the run");
    assert_eq!(r.data_area, "kurdistan");
    // The latest value alone is enough without a window.
    assert_eq!(eval("threat.attacks_per_month <= 15", "kurdistan", None).truth, Truth::Met);
}

#[test]
fn a_yearly_indicator_needs_only_the_years_its_window_overlaps() {
    // 2021 300, 2022 180, 2023 140.
    let six = eval("threat.incidents_per_year <= 150 for 6 months", "iraq", None);
    assert_eq!((six.truth, six.clauses[0].held_months), (Truth::Met, 12));
    let two_years = eval("threat.incidents_per_year <= 150 for 24 months", "iraq", None);
    assert_eq!((two_years.truth, two_years.clauses[0].held_months), (Truth::NotMet, 12));
    assert_eq!(eval("threat.incidents_per_year <= 200 for 2 years", "iraq", None).clauses[0].held_months, 24);
    assert_eq!(eval("threat.incidents_per_year <= 200 for 2 years", "iraq", None).truth, Truth::Met);
    // Thirteen months reach back into 2022.
    assert_eq!(eval("threat.incidents_per_year <= 150 for 13 months", "iraq", None).truth, Truth::NotMet);
    let four = eval("threat.incidents_per_year <= 500 for 4 years", "iraq", None);
    assert_eq!((four.truth, four.clauses[0].missing.clone()), (Truth::NotMet, periods(&["2020"])));
}

#[test]
fn a_quarterly_window_of_months_covers_whole_quarters() {
    // Share: 2023-Q4 0.5, 2024-Q1 0.55, 2024-Q2 0.62. Four months ending June reach into Q1.
    let e = eval("capability.brigades_independent_share >= 0.5 for 4 months", "federal-iraq", None);
    assert_eq!((e.truth, e.clauses[0].held_months), (Truth::Met, 9));
    assert_eq!(
        eval("capability.brigades_independent_share >= 0.6 for 4 months", "federal-iraq", None).truth,
        Truth::NotMet
    );
    assert_eq!(
        eval("capability.brigades_independent_share >= 0.6 for 3 months", "federal-iraq", None).truth,
        Truth::Met
    );
}

#[test]
fn a_region_without_figures_uses_its_enclosing_areas() {
    let e = eval("threat.incidents_per_year <= 150", "federal-iraq", None);
    assert_eq!(e.truth, Truth::Met);
    let r = &e.clauses[0];
    assert_eq!((r.area.as_str(), r.data_area.as_str()), ("federal-iraq", "iraq"));
    assert_eq!(r.publisher.as_deref(), Some("pub"));
}

#[test]
fn no_figures_anywhere_is_no_data_not_a_failure() {
    let e = eval("requirements.coalition_air_sorties_per_month <= 20 for 6 months", "federal-iraq", None);
    assert_eq!(e.truth, Truth::NoData);
    assert_eq!((e.clauses[0].held_months, e.clauses[0].latest), (0, None));
}

#[test]
fn and_or_not_follow_three_valued_logic() {
    let met = "threat.attacks_per_month <= 15";
    let not_met = "threat.attacks_per_month <= 5";
    let none = "requirements.coalition_air_sorties_per_month <= 20";
    let t = |s: String| eval(&s, "federal-iraq", None).truth;
    assert_eq!(t(format!("{met} and {none}")), Truth::NoData);
    assert_eq!(t(format!("{not_met} and {none}")), Truth::NotMet);
    assert_eq!(t(format!("{met} and {met}")), Truth::Met);
    assert_eq!(t(format!("{met} or {none}")), Truth::Met);
    assert_eq!(t(format!("{not_met} or {none}")), Truth::NoData);
    assert_eq!(t(format!("{not_met} or {not_met}")), Truth::NotMet);
    assert_eq!(t(format!("not {none}")), Truth::NoData);
    assert_eq!(t(format!("not {met}")), Truth::NotMet);
    assert_eq!(t(format!("not ({not_met} or {met})")), Truth::NotMet);
}

#[test]
fn every_clause_reports_even_when_an_earlier_one_decides() {
    let e = eval(
        "threat.attacks_per_month <= 5 and capability.readiness >= level \"partial\" or threat.incidents_per_year < 1",
        "federal-iraq",
        None,
    );
    let names: Vec<&str> = e.clauses.iter().map(|c| c.indicator.as_str()).collect();
    assert_eq!(names, ["threat.attacks_per_month", "capability.readiness", "threat.incidents_per_year"]);
    assert_eq!(e.clauses[0].source, "threat.attacks_per_month <= 5");
}

#[test]
fn levels_compare_by_rank_on_the_current_scale() {
    // Readiness: Q1 "partial" (rank 2), Q2 "in-the-lead" (rank 3).
    let e = eval("capability.readiness >= level \"in-the-lead\"", "federal-iraq", None);
    assert_eq!(e.truth, Truth::Met);
    assert_eq!((e.clauses[0].threshold, e.clauses[0].threshold_level.as_deref()), (3.0, Some("in-the-lead")));
    assert_eq!(eval("capability.readiness >= level \"independent\"", "federal-iraq", None).truth, Truth::NotMet);
    assert_eq!(eval("capability.readiness > level \"partial\"", "federal-iraq", None).truth, Truth::Met);
    assert_eq!(eval("capability.readiness == level \"partial\"", "federal-iraq", Some("2024-03")).truth, Truth::Met);
    let two = eval("capability.readiness >= level \"partial\" for 2 quarters", "federal-iraq", None);
    assert_eq!((two.truth, two.clauses[0].held_months), (Truth::Met, 6));
}

#[test]
fn an_illustrative_value_in_use_marks_the_clause() {
    assert!(eval("capability.brigades_independent_share >= 0.6", "federal-iraq", None).clauses[0].illustrative);
    // Q2 (illustrative) is past the cut-off.
    assert!(
        !eval("capability.brigades_independent_share >= 0.5", "federal-iraq", Some("2024-03")).clauses[0].illustrative
    );
}

#[test]
fn held_months_stop_at_the_first_failing_period() {
    let c = case_with_attacks(&[1.0, 1.0, 30.0, 1.0, 1.0, 1.0, 1.0]);
    let e = gate("threat.attacks_per_month <= 15 for 3 months").evaluate(&c, "federal-iraq", None);
    assert_eq!((e.truth, e.clauses[0].held_months), (Truth::Met, 4));
}

#[test]
fn the_report_serialises_with_kebab_case_truth() {
    let e = eval("threat.attacks_per_month <= 15 for 3 months", "kurdistan", None);
    let json = serde_json::to_value(&e).unwrap();
    assert_eq!(json["truth"], "not-met");
    assert_eq!(json["clauses"][0]["missing"], serde_json::json!(["2024-06"]));
    assert_eq!(json["clauses"][0]["cmp"], "<=");
    assert_eq!(json["clauses"][0]["latest"]["period"], "2024-07");
}

#[test]
fn de_morgan_and_double_negation_hold_in_three_valued_logic() {
    let parts = [
        "threat.attacks_per_month <= 15",
        "threat.attacks_per_month <= 5",
        "requirements.coalition_air_sorties_per_month <= 20",
    ];
    let t = |s: String| eval(&s, "federal-iraq", None).truth;
    for a in parts {
        assert_eq!(t(format!("not not {a}")), t(a.to_string()));
        for b in parts {
            assert_eq!(t(format!("not ({a} and {b})")), t(format!("not {a} or not {b}")), "{a} / {b}");
            assert_eq!(t(format!("not ({a} or {b})")), t(format!("not {a} and not {b}")), "{a} / {b}");
        }
    }
}
