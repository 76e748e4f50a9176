//! Properties: render→parse round trips, monotone thresholds, a parser that never panics.

use proptest::prelude::*;

use super::super::{Clause, Cmp, Expr, Threshold, Truth, parse};
use super::{case_with_attacks, gate};

fn ident() -> impl Strategy<Value = String> {
    // Letter first: an all-digit `1.5` would read as a number.
    "[a-z][a-z0-9_-]{0,10}"
}

fn clause() -> impl Strategy<Value = Expr> {
    let cmp = prop_oneof![Just(Cmp::Lt), Just(Cmp::Le), Just(Cmp::Gt), Just(Cmp::Ge), Just(Cmp::Eq), Just(Cmp::Ne)];
    let threshold = prop_oneof![
        any::<f64>().prop_filter("finite", |n| n.is_finite()).prop_map(Threshold::Number),
        (-1000i64..1000, 0u32..4).prop_map(|(n, d)| Threshold::Number(n as f64 / 10f64.powi(d as i32))),
        ident().prop_map(Threshold::Level),
    ];
    (ident(), ident(), cmp, threshold, 1u32..=1200).prop_map(|(factor, indicator, cmp, threshold, window_months)| {
        Expr::Clause(Clause { factor, indicator, cmp, threshold, window_months, span: 0..0 })
    })
}

/// Builds `And`/`Or` the way the parser does: flat, never nesting their own kind.
fn flat(parts: Vec<Expr>, and: bool) -> Expr {
    let mut out = Vec::new();
    for p in parts {
        match p {
            Expr::And(v) if and => out.extend(v),
            Expr::Or(v) if !and => out.extend(v),
            other => out.push(other),
        }
    }
    if and { Expr::And(out) } else { Expr::Or(out) }
}

fn expr() -> impl Strategy<Value = Expr> {
    clause().prop_recursive(5, 40, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 2..4).prop_map(|v| flat(v, true)),
            prop::collection::vec(inner.clone(), 2..4).prop_map(|v| flat(v, false)),
            inner.prop_map(|e| Expr::Not(Box::new(e))),
        ]
    })
}

/// Bits of gate text, valid and not, to throw at the parser.
fn fragments() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("a.b".to_string()),
        Just("threat.attacks_per_month".to_string()),
        Just(" <= ".to_string()),
        Just(">".to_string()),
        Just("==".to_string()),
        Just("!".to_string()),
        Just("=".to_string()),
        Just(" and ".to_string()),
        Just(" or ".to_string()),
        Just("not ".to_string()),
        Just("(".to_string()),
        Just(")".to_string()),
        Just(" for ".to_string()),
        Just(" 6 ".to_string()),
        Just("months".to_string()),
        Just("level ".to_string()),
        Just("\"x\"".to_string()),
        Just("\"".to_string()),
        Just("-1.5".to_string()),
        Just("#c\n".to_string()),
        Just("ثلاثة".to_string()),
        Just("\u{0}\u{202e}".to_string()),
        "[0-9.-]{1,5}",
    ];
    prop::collection::vec(piece, 0..20).prop_map(|v| v.concat())
}

fn assert_errors_are_well_placed(src: &str) {
    if let Err(errs) = parse(src) {
        assert!(!errs.is_empty());
        for e in errs {
            assert!(e.span.start <= e.span.end && e.span.end <= src.len(), "{src:?}: {:?}", e.span);
            assert!(src.get(e.span.clone()).is_some(), "{src:?}: span {:?} splits a character", e.span);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn rendering_then_parsing_gives_the_same_tree(e in expr()) {
        let text = e.to_source();
        let back = parse(&text);
        prop_assert!(back.is_ok(), "{text:?}: {:?}", back.err());
        let back = back.unwrap();
        prop_assert_eq!(&back.expr, &e, "{}", text);
        prop_assert_eq!(back.to_source(), text.clone());
        // Layout and comments do not matter.
        let noisy = text.replace(" and ", "\n  and # a note\n ").replace(" or ", "\t or  ").replace("not ", "not\n");
        prop_assert_eq!(gate(&noisy).expr, e, "{}", noisy);
    }

    #[test]
    fn canonical_text_is_a_fixed_point(src in fragments()) {
        if let Ok(g) = parse(&src) {
            let once = g.to_source();
            let again = gate(&once);
            prop_assert_eq!(&again.expr, &g.expr);
            prop_assert_eq!(again.to_source(), once);
        }
    }

    #[test]
    fn the_parser_never_panics_on_any_string(src in any::<String>()) {
        assert_errors_are_well_placed(&src);
    }

    #[test]
    fn the_parser_never_panics_on_near_miss_gates(src in fragments()) {
        assert_errors_are_well_placed(&src);
    }

    #[test]
    fn raising_an_upper_bound_never_turns_met_into_not_met(
        values in prop::collection::vec(0u32..30, 1..14),
        t in 0u32..30,
        raise in 0u32..10,
        window in 1u32..8,
    ) {
        let c = case_with_attacks(&values.iter().map(|v| f64::from(*v)).collect::<Vec<_>>());
        let at = |t: u32| gate(&format!("threat.attacks_per_month <= {t} for {window} months")).evaluate(&c, "federal-iraq", None).truth;
        if at(t) == Truth::Met {
            prop_assert_eq!(at(t + raise), Truth::Met);
        }
    }

    #[test]
    fn lowering_a_lower_bound_never_turns_met_into_not_met(
        values in prop::collection::vec(0u32..30, 1..14),
        t in 0u32..30,
        lower in 0u32..10,
        window in 1u32..8,
        negated in any::<bool>(),
    ) {
        let c = case_with_attacks(&values.iter().map(|v| f64::from(*v)).collect::<Vec<_>>());
        // Under `not`, the direction flips: lowering the bound can only turn Met into NotMet.
        let at = |t: f64| {
            let clause = format!("threat.attacks_per_month >= {t} for {window} months");
            let src = if negated { format!("not {clause}") } else { clause };
            gate(&src).evaluate(&c, "federal-iraq", None).truth
        };
        let (hi, lo) = (at(f64::from(t)), at(f64::from(t) - f64::from(lower)));
        if negated {
            if lo == Truth::Met { prop_assert_eq!(hi, Truth::Met); }
        } else if hi == Truth::Met {
            prop_assert_eq!(lo, Truth::Met);
        }
    }
}
