//! Names and types against the case.

use tahawul_i18n::{Lang, Localizer};

use super::super::{Clause, Cmp, Expr, Gate, Threshold};
use super::{case, gate};

/// (text at the span, message id, help in English) of each problem.
fn problems(src: &str) -> Vec<(String, &'static str, String)> {
    let loc = Localizer::new(Lang::En).unwrap();
    gate(src)
        .check(&case())
        .into_iter()
        .map(|e| (src[e.span.clone()].to_string(), e.message.id, e.help.map(|h| loc.format(&h)).unwrap_or_default()))
        .collect()
}

#[test]
fn a_gate_of_known_names_and_right_types_is_fine() {
    let src = "threat.attacks_per_month <= 15 for 6 months and capability.brigades_independent_share >= 0.6 \
               and not (requirements.coalition_air_sorties_per_month > 20) or capability.readiness >= level \"in-the-lead\"";
    assert_eq!(problems(src), vec![]);
}

#[test]
fn an_unknown_indicator_suggests_the_nearest_name() {
    assert_eq!(
        problems("threat.incidents_per_yr <= 150"),
        [(
            "threat.incidents_per_yr".to_string(),
            "gate-unknown-indicator",
            "did you mean `threat.incidents_per_year`?".to_string()
        )]
    );
}

#[test]
fn an_unknown_factor_suggests_the_nearest_name() {
    let p = problems("thraet.attacks_per_month <= 15");
    assert_eq!(p.len(), 1);
    assert_eq!(p[0].0, "thraet.attacks_per_month");
    assert_eq!(p[0].1, "gate-unknown-factor");
    assert_eq!(p[0].2, "did you mean `threat.attacks_per_month`?");
}

#[test]
fn a_name_far_from_all_lists_the_known_names() {
    let p = problems("zz.qq < 1");
    assert_eq!(p[0].1, "gate-unknown-factor");
    assert!(p[0].2.starts_with("known names: threat.attacks_per_month, "), "{}", p[0].2);
}

#[test]
fn a_count_compared_with_a_level_is_an_error_at_the_threshold() {
    let p = problems("threat.attacks_per_month <= level \"independent\" for 6 months");
    assert_eq!(p[0].0, "level \"independent\"");
    assert_eq!(p[0].1, "gate-level-for-number");
    assert_eq!(p[0].2, "compare it with a number, e.g. `threat.attacks_per_month <= 15`");
}

#[test]
fn a_level_compared_with_a_number_suggests_the_level_of_that_rank() {
    let p = problems("capability.readiness >= 3");
    assert_eq!((p[0].0.as_str(), p[0].1), ("3", "gate-number-for-level"));
    assert_eq!(p[0].2, "compare it with a level, e.g. `capability.readiness >= level \"in-the-lead\"`");
}

#[test]
fn an_unknown_level_suggests_the_nearest_level_of_the_current_version() {
    let p = problems("capability.readiness >= level \"in-the-led\"");
    assert_eq!((p[0].0.as_str(), p[0].1), ("level \"in-the-led\"", "gate-unknown-level"));
    assert_eq!(p[0].2, "did you mean `in-the-lead`?");
    // "high" is a level of version 1 only: gates speak the current version.
    assert_eq!(problems("capability.readiness >= level \"high\"")[0].1, "gate-unknown-level");
}

#[test]
fn a_share_threshold_of_60_suggests_0_6() {
    let p = problems("capability.brigades_independent_share >= 60");
    assert_eq!((p[0].0.as_str(), p[0].1), ("60", "gate-share-out-of-range"));
    assert_eq!(p[0].2, "write 60% as `0.6`");
    assert_eq!(problems("capability.brigades_independent_share >= -0.1")[0].1, "gate-share-out-of-range");
    assert_eq!(problems("capability.brigades_independent_share >= 1"), vec![]);
}

#[test]
fn a_negative_count_threshold_is_an_error() {
    let p = problems("threat.attacks_per_month >= -1");
    assert_eq!((p[0].0.as_str(), p[0].1), ("-1", "gate-negative-count"));
}

#[test]
fn every_clause_is_checked_not_only_the_first() {
    let p = problems("threat.atacks_per_month <= 15 or capability.readiness >= 2");
    assert_eq!(p.iter().map(|x| x.1).collect::<Vec<_>>(), ["gate-unknown-indicator", "gate-number-for-level"]);
}

#[test]
fn a_tree_built_in_code_is_checked_too_with_spans_on_the_clause() {
    let g = Gate {
        source: String::new(),
        expr: Expr::Clause(Clause {
            factor: "threat".into(),
            indicator: "attacks_per_month".into(),
            cmp: Cmp::Le,
            threshold: Threshold::Number(15.0),
            window_months: 0,
            span: 0..0,
        }),
    };
    assert_eq!(g.check(&case()).iter().map(|e| e.message.id).collect::<Vec<_>>(), ["gate-window-zero"]);
}

#[test]
fn every_gate_message_exists_in_both_languages_with_the_same_variables() {
    let en = tahawul_i18n::message_ids(Lang::En);
    let ar = tahawul_i18n::message_ids(Lang::Ar);
    let gate_en: Vec<_> = en.iter().filter(|(k, _)| k.starts_with("gate-")).collect();
    let gate_ar: Vec<_> = ar.iter().filter(|(k, _)| k.starts_with("gate-")).collect();
    assert_eq!(gate_en, gate_ar);
    assert!(gate_en.len() > 80);
}

#[test]
fn every_message_the_gate_code_uses_is_defined() {
    // Every `Message::new("gate-…")` in this module's sources must be in the .ftl files.
    let sources = [
        include_str!("../lexer.rs"),
        include_str!("../parser.rs"),
        include_str!("../check.rs"),
        include_str!("../eval.rs"),
        include_str!("../render.rs"),
    ];
    let en = tahawul_i18n::message_ids(Lang::En);
    let mut used = 0;
    for src in sources {
        for piece in src.split("\"gate-").skip(1) {
            let id: String = piece.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-').collect();
            if piece[id.len()..].starts_with('"') {
                used += 1;
                assert!(en.contains_key(&format!("gate-{id}")), "gate-{id} is used but not defined");
            }
        }
    }
    assert!(used > 60, "{used}");
}
