//! Canonical text and sentences in both languages.

use tahawul_i18n::{Digits, Lang, Localizer, Message};

use super::{case, gate};

const GATES: [&str; 5] = [
    "threat.incidents_per_year <= 150 for 24 months and capability.brigades_independent_share >= 0.6",
    "threat.attacks_per_month <= 15 for 6 months\n  and capability.brigades_independent_share >= 0.6\n  and not (requirements.coalition_air_sorties_per_month > 20)\n  or capability.readiness >= level \"in-the-lead\" for 2 quarters",
    "(threat.attacks_per_month < 10 or threat.incidents_per_year < 100) and capability.readiness == level \"independent\"",
    "not (threat.attacks_per_month >= 30 or threat.incidents_per_year > 1000) and threat.attacks_per_month != 0 for 1 month",
    "capability.readiness > level \"partial\" for 1 month or capability.readiness < level \"forming\" for 3 months",
];

/// The bidi isolates Arabic text carries around its numbers and names (U+2068 … U+2069),
/// made visible as ⁅ … ⁆ so the snapshots show where they are.
fn marked(s: &str) -> String {
    s.replace('\u{2068}', "⁅").replace('\u{2069}', "⁆")
}

#[test]
fn to_source_is_canonical() {
    let g = gate(
        "  ( threat.attacks_per_month<=15.0 for 2 quarters)and(a.b>=0.60 or c.d < -0 ) # why\n or x.y == level \"z\" for 1 month",
    );
    assert_eq!(
        g.to_source(),
        "threat.attacks_per_month <= 15 for 6 months and (a.b >= 0.6 or c.d < 0) or x.y == level \"z\""
    );
    assert_eq!(gate("not (a.b < 1 and c.d < 2)").to_source(), "not (a.b < 1 and c.d < 2)");
    assert_eq!(gate("not not a.b < 1").to_source(), "not not a.b < 1");
}

#[test]
fn sentences_in_english() {
    let loc = Localizer::new(Lang::En).unwrap();
    let out: Vec<String> = GATES.iter().map(|g| gate(g).sentence(&case(), &loc)).collect();
    insta::assert_snapshot!(out.join("\n\n"));
}

#[test]
fn sentences_in_arabic() {
    let loc = Localizer::new(Lang::Ar).unwrap();
    let out: Vec<String> = GATES.iter().map(|g| gate(g).sentence(&case(), &loc)).collect();
    insta::assert_snapshot!(marked(&out.join("\n\n")));
}

#[test]
fn arabic_sentences_with_arabic_indic_digits() {
    let loc = Localizer::with_digits(Lang::Ar, Digits::ArabicIndic).unwrap();
    insta::assert_snapshot!(marked(&gate(GATES[0]).sentence(&case(), &loc)));
}

#[test]
fn the_window_phrase_takes_the_plural_form_of_its_number() {
    let mut out = String::new();
    for lang in Lang::ALL {
        let loc = Localizer::new(lang).unwrap();
        for n in [1u32, 2, 3, 10, 11, 99, 100, 103, 111] {
            out.push_str(&format!("{lang} {n}: {}\n", loc.format(&Message::new("gate-window").arg("n", n))));
            out.push_str(&format!(
                "{lang} {n}: {}\n",
                loc.format(&Message::new("gate-explain-held").arg("held", n).arg("window", n))
            ));
        }
    }
    insta::assert_snapshot!(marked(&out));
}

#[test]
fn explanations_in_both_languages() {
    let c = case();
    let mut out = String::new();
    let evals = [
        ("threat.attacks_per_month <= 15 for 6 months", "federal-iraq", Some("2024-06")),
        ("threat.attacks_per_month <= 15 for 3 months", "kurdistan", None),
        ("threat.incidents_per_year <= 150 for 24 months", "federal-iraq", None),
        ("capability.brigades_independent_share >= 0.6", "federal-iraq", None),
        ("capability.readiness >= level \"in-the-lead\" for 2 quarters", "federal-iraq", None),
        ("requirements.coalition_air_sorties_per_month <= 20", "federal-iraq", None),
    ];
    for lang in Lang::ALL {
        let loc = Localizer::new(lang).unwrap();
        for (g, area, as_of) in evals {
            for r in gate(g).evaluate(&c, area, as_of.map(super::month)).clauses {
                out.push_str(&r.explain(&c, &loc));
                out.push('\n');
            }
        }
    }
    insta::assert_snapshot!(marked(&out));
}

#[test]
fn no_message_is_missing_from_any_rendering() {
    let c = case();
    for lang in Lang::ALL {
        let loc = Localizer::new(lang).unwrap();
        for g in GATES {
            let g = gate(g);
            let s = g.sentence(&c, &loc);
            assert!(!s.contains('⟦'), "{s}");
            for r in g.evaluate(&c, "kurdistan", None).clauses {
                let line = r.explain(&c, &loc);
                assert!(!line.contains('⟦'), "{line}");
            }
        }
        for bad in ["a.b", "a.b = 1", "(a.b < 1", "a.b < 1 for 0 months", "%", "", "a.b >= \"x\"", "A.b < 1"] {
            for e in super::super::parse(bad).unwrap_err() {
                for m in std::iter::once(&e.message).chain(e.help.as_ref()) {
                    let s = loc.format(m);
                    assert!(!s.contains('⟦'), "{bad:?}: {s}");
                }
            }
        }
        for bad in [
            "threat.atacks <= 1",
            "capability.readiness >= 2",
            "threat.attacks_per_month > level \"x\"",
            "capability.brigades_independent_share > 60",
        ] {
            for e in gate(bad).check(&c) {
                for m in std::iter::once(&e.message).chain(e.help.as_ref()) {
                    let s = loc.format(m);
                    assert!(!s.contains('⟦'), "{bad:?}: {s}");
                }
            }
        }
    }
}
