//! Syntax: what parses to what, and where each mistake is reported.

use super::super::{Clause, Cmp, Expr, Threshold, parse};
use super::gate;

fn clause(name: &str, cmp: Cmp, threshold: Threshold, window_months: u32) -> Expr {
    let (f, i) = name.split_once('.').unwrap();
    Expr::Clause(Clause { factor: f.into(), indicator: i.into(), cmp, threshold, window_months, span: 0..0 })
}

/// The first error's span, its text, and message id.
fn first_error(src: &str) -> (std::ops::Range<usize>, String, &'static str) {
    let errs = parse(src).expect_err(src);
    let e = &errs[0];
    assert!(e.help.is_some(), "{src:?}: every syntax error says how to fix it");
    (e.span.clone(), src.get(e.span.clone()).unwrap_or("<bad span>").to_string(), e.message.id)
}

#[test]
fn the_design_example_parses_with_not_above_and_above_or() {
    let g = gate(
        "threat.attacks_per_month <= 15 for 6 months\n  and capability.brigades_independent_share >= 0.6\n  and not (requirements.coalition_air_sorties_per_month > 20)\n  or capability.readiness >= level \"in-the-lead\" for 2 quarters",
    );
    let want = Expr::Or(vec![
        Expr::And(vec![
            clause("threat.attacks_per_month", Cmp::Le, Threshold::Number(15.0), 6),
            clause("capability.brigades_independent_share", Cmp::Ge, Threshold::Number(0.6), 1),
            Expr::Not(Box::new(clause(
                "requirements.coalition_air_sorties_per_month",
                Cmp::Gt,
                Threshold::Number(20.0),
                1,
            ))),
        ]),
        clause("capability.readiness", Cmp::Ge, Threshold::Level("in-the-lead".into()), 6),
    ]);
    assert_eq!(g.expr, want);
}

#[test]
fn clause_spans_cover_name_to_window() {
    let src = "a.b < 1 and  c.d >= -2.5 for 2 years # comment";
    let g = gate(src);
    let spans: Vec<&str> = g.clauses().iter().map(|c| &src[c.span.clone()]).collect();
    assert_eq!(spans, ["a.b < 1", "c.d >= -2.5 for 2 years"]);
    assert_eq!(g.clauses()[1].window_months, 24);
    assert_eq!(g.clauses()[1].threshold, Threshold::Number(-2.5));
}

#[test]
fn all_operators_and_units_parse() {
    let g = gate(
        "a.b < 1 or a.b <= 1 or a.b > 1 or a.b >= 1 or a.b == 1 or a.b != 1 for 1 month or a.b < 1 for 3 quarter or a.b < 1 for 1 years",
    );
    let cmps: Vec<Cmp> = g.clauses().iter().map(|c| c.cmp).collect();
    assert_eq!(cmps[..6], [Cmp::Lt, Cmp::Le, Cmp::Gt, Cmp::Ge, Cmp::Eq, Cmp::Ne]);
    let windows: Vec<u32> = g.clauses().iter().map(|c| c.window_months).collect();
    assert_eq!(windows, [1, 1, 1, 1, 1, 1, 9, 12]);
}

#[test]
fn parenthesised_groups_of_the_same_operator_are_flattened() {
    assert_eq!(gate("(a.b < 1 and a.c < 2) and a.d < 3").expr, gate("a.b < 1 and a.c < 2 and a.d < 3").expr);
    assert_eq!(gate("a.b < 1 or (a.c < 2 or a.d < 3)").expr, gate("a.b < 1 or a.c < 2 or a.d < 3").expr);
    assert_ne!(gate("a.b < 1 and (a.c < 2 or a.d < 3)").expr, gate("a.b < 1 and a.c < 2 or a.d < 3").expr);
}

#[test]
fn each_syntax_error_has_its_span_and_message() {
    let cases: &[(&str, &str, &str)] = &[
        // (input, text at the span, message id)
        ("threat.attacks 15", "15", "gate-missing-operator"),
        ("threat.attacks", "", "gate-missing-operator"),
        ("threat.attacks = 15", "=", "gate-single-equals"),
        ("threat.attacks <= 15 && a.b > 1", "&", "gate-symbol-logic"),
        ("threat.attacks <= 15 $", "$", "gate-unexpected-char"),
        ("threat.attacks <= 60%", "%", "gate-percent"),
        ("(threat.attacks <= 15", "(", "gate-unclosed-paren"),
        ("(threat.attacks <= 15 a.b > 1)", "a.b", "gate-expected-close"),
        ("threat.attacks <= 15)", ")", "gate-unmatched-close"),
        ("threat.attacks <= 15 for months", "for months", "gate-for-without-number"),
        ("threat.attacks <= 15 for", "for", "gate-for-without-number"),
        ("threat.attacks <= 15 for 1.5 months", "1.5", "gate-for-not-whole"),
        ("threat.attacks <= 15 for 6 weeks", "weeks", "gate-bad-unit"),
        ("threat.attacks <= 15 for 6", "", "gate-bad-unit"),
        ("threat.attacks <= 15 for 0 months", "0 months", "gate-window-zero"),
        ("threat.attacks <= 15 for 101 years", "101 years", "gate-window-too-long"),
        ("threat.attacks <= 15 for 99999999999 months", "99999999999 months", "gate-window-too-long"),
        ("threat.attacks <= 15 a.b > 1", "a.b", "gate-trailing-input"),
        ("threat.attacks <= 15 AND a.b > 1", "AND", "gate-keyword-case"),
        ("(a.b < 1 and a.c < 2) for 6 months", "for", "gate-for-after-group"),
        ("", "", "gate-empty"),
        ("   # only a comment", "", "gate-empty"),
        ("a.b < 1 and", "", "gate-expected-condition"),
        ("a.b < 1 and and a.c < 2", "and", "gate-expected-condition"),
        ("<= 15", "<=", "gate-missing-name"),
        ("attacks <= 15", "attacks", "gate-name-without-factor"),
        ("Threat.attacks <= 15", "Threat.attacks", "gate-name-case"),
        ("threat.attacks.x <= 15", "threat.attacks.x", "gate-bad-name"),
        ("threat. <= 15", "threat.", "gate-bad-name"),
        ("a.b <= fifteen", "fifteen", "gate-expected-threshold"),
        ("a.b <=", "", "gate-expected-threshold"),
        ("a.b <= 1.2.3", "1.2.3", "gate-bad-number"),
        ("a.b <= --1", "--1", "gate-bad-number"),
        ("a.b >= \"independent\"", "\"independent\"", "gate-level-without-keyword"),
        ("a.b >= level independent", "independent", "gate-level-unquoted"),
        ("a.b >= level", "", "gate-expected-level"),
        ("a.b >= level \"In The Lead\"", "\"In The Lead\"", "gate-bad-level-id"),
        ("a.b >= level \"x", "\"x", "gate-unclosed-string"),
        ("a.b >= level 'x'", "'", "gate-single-quote"),
        ("a.b ! 1", "!", "gate-bang"),
    ];
    for (src, at, id) in cases {
        let (span, got_at, got_id) = first_error(src);
        assert_eq!((got_id, got_at.as_str()), (*id, *at), "{src:?} (span {span:?})");
    }
}

#[test]
fn a_missing_operator_names_the_indicator_and_shows_the_fix() {
    let errs = parse("threat.attacks 15").unwrap_err();
    let loc = tahawul_i18n::Localizer::new(tahawul_i18n::Lang::En).unwrap();
    assert_eq!(loc.format(&errs[0].message), "expected a comparison like `<=` after threat.attacks, found `15`");
    assert_eq!(loc.format(errs[0].help.as_ref().unwrap()), "write e.g. `threat.attacks <= 15`");
}

#[test]
fn every_bad_character_is_reported_not_only_the_first() {
    let errs = parse("a.b <= 1 $ and c.d ~ 2").unwrap_err();
    assert_eq!(errs.iter().map(|e| e.span.clone()).collect::<Vec<_>>(), [9..10, 19..20]);
}

#[test]
fn arabic_text_is_refused_with_a_span_on_whole_characters() {
    let src = "التهديد.الهجمات <= 15";
    let errs = parse(src).unwrap_err();
    assert_eq!(errs[0].message.id, "gate-unexpected-char");
    assert_eq!(&src[errs[0].span.clone()], "ا");
}

#[test]
fn deep_nesting_is_refused_not_overflowed() {
    let src = format!("{}a.b < 1{}", "(".repeat(10_000), ")".repeat(10_000));
    assert_eq!(parse(&src).unwrap_err()[0].message.id, "gate-too-deep");
    let src = format!("{}a.b < 1", "not ".repeat(10_000));
    assert_eq!(parse(&src).unwrap_err()[0].message.id, "gate-too-deep");
    assert!(parse(&format!("{}a.b < 1{}", "(".repeat(20), ")".repeat(20))).is_ok());
}
