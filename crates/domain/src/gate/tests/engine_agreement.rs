//! One gate semantics: the engine's reading of observed figures (`Condition::truth_at`) gives
//! the domain's verdict (`Gate::evaluate`) for any gate over any monthly series with gaps,
//! including months before a series' first figure (no data) and after its last.

use proptest::prelude::*;
use tahawul_forecast as engine;

use super::super::{Clause, Cmp, Expr, Gate, Threshold, Truth};
use super::{case, obs};
use crate::period::{Month, Period};

/// The two monthly indicators of the test case; clause `series` reads `NAMES[series]`.
const NAMES: [(&str, &str); 2] = [("threat", "attacks_per_month"), ("requirements", "coalition_air_sorties_per_month")];
const AREA: &str = "federal-iraq";

fn base() -> Month {
    Month::new(2024, 1)
}

/// A series: months before its first figure, then figures 0..=6 with gaps (None).
fn series() -> impl Strategy<Value = (i32, Vec<Option<u8>>)> {
    let figure = prop_oneof![2 => (0u8..=6).prop_map(Some), 1 => Just(None)];
    (0i32..6, prop::collection::vec(figure, 0..18))
}

fn clause() -> impl Strategy<Value = Expr> {
    let cmp = prop_oneof![Just(Cmp::Lt), Just(Cmp::Le), Just(Cmp::Gt), Just(Cmp::Ge), Just(Cmp::Eq), Just(Cmp::Ne)];
    // Halves as well as whole numbers, so equality and strict bounds both get hit and missed.
    (0usize..2, cmp, -1i32..14, 1u32..=5).prop_map(|(s, cmp, half, window_months)| {
        Expr::Clause(Clause {
            factor: NAMES[s].0.into(),
            indicator: NAMES[s].1.into(),
            cmp,
            threshold: Threshold::Number(f64::from(half) / 2.0),
            window_months,
            span: 0..0,
        })
    })
}

fn expr() -> impl Strategy<Value = Expr> {
    clause().prop_recursive(4, 24, 3, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 2..4).prop_map(Expr::And),
            prop::collection::vec(inner.clone(), 2..4).prop_map(Expr::Or),
            inner.prop_map(|e| Expr::Not(Box::new(e))),
        ]
    })
}

/// The engine's condition for `e`, each clause reading its indicator's series.
fn condition(e: &Expr) -> engine::Condition {
    match e {
        Expr::Clause(c) => {
            let series = NAMES.iter().position(|(f, i)| c.factor == *f && c.indicator == *i).expect("a test name");
            let Threshold::Number(t) = c.threshold else { unreachable!("numbers only here") };
            engine::Condition::clause(series, c.cmp.into(), t, c.window_months)
        }
        Expr::And(v) => engine::Condition::And(v.iter().map(condition).collect()),
        Expr::Or(v) => engine::Condition::Or(v.iter().map(condition).collect()),
        Expr::Not(x) => engine::Condition::Not(Box::new(condition(x))),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn the_engine_reads_observed_figures_as_the_domain_does(
        e in expr(),
        histories in prop::collection::vec(series(), 2),
    ) {
        let mut case = case();
        case.observations.clear();
        let mut grids = Vec::new();
        for (s, (offset, figures)) in histories.iter().enumerate() {
            let name = format!("{}.{}", NAMES[s].0, NAMES[s].1);
            let first = base().plus(*offset);
            for (i, f) in figures.iter().enumerate() {
                if let Some(v) = f {
                    let mut o = obs(&name, AREA, "2024-01", f64::from(*v), false);
                    o.period = Period::Month(first.plus(i as i32));
                    case.observations.push(o);
                }
            }
            let grid: Vec<f64> = figures.iter().map(|f| f.map_or(f64::NAN, f64::from)).collect();
            grids.push((first, grid));
        }
        let observed: Vec<engine::Observed<'_>> =
            grids.iter().map(|(m, v)| engine::Observed { first_month: m.0, values: v }).collect();
        let gate = Gate { source: String::new(), expr: e };
        let cond = condition(&gate.expr);
        for k in -2..28 {
            let m = base().plus(k);
            let domain = gate.evaluate(&case, AREA, Some(m)).truth;
            let engine = Truth::from(cond.truth_at(&observed, m.0).expect("indices in range"));
            prop_assert_eq!(engine, domain, "{} as of {}", gate.to_source(), m);
        }
    }
}

#[test]
fn a_negated_clause_with_no_figures_is_no_data_in_both() {
    let mut case = case();
    case.observations.clear();
    let gate = super::gate("not requirements.coalition_air_sorties_per_month > 3");
    let cond = condition(&gate.expr);
    let observed = [engine::Observed { first_month: base().0, values: &[] }; 2];
    assert_eq!(gate.evaluate(&case, AREA, Some(base())).truth, Truth::NoData);
    assert_eq!(cond.truth_at(&observed, base().0), Ok(engine::Truth::NoData));
}

#[test]
fn a_gap_in_the_window_fails_the_clause_in_both_so_its_negation_is_met() {
    // Attacks Jan 2, Feb missing, Mar 2: "<= 3 for 3 months" fails on the gap.
    let mut case = super::case_with_attacks(&[2.0, 0.0, 2.0]);
    case.observations.retain(|o| o.period != Period::Month(Month::new(2024, 2)));
    let gate = super::gate("not threat.attacks_per_month <= 3 for 3 months");
    let values = [2.0, f64::NAN, 2.0];
    let observed = [engine::Observed { first_month: base().0, values: &values }; 2];
    let m = Month::new(2024, 3);
    assert_eq!(gate.evaluate(&case, AREA, Some(m)).truth, Truth::Met);
    assert_eq!(condition(&gate.expr).truth_at(&observed, m.0), Ok(engine::Truth::Met));
}
