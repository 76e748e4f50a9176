//! The gate language through the public API, on the `bundles/mini` case as the loader builds it.

use std::path::Path;

use tahawul_domain::gate::{self, Truth};
use tahawul_domain::{Case, Lang, Month};
use tahawul_i18n::Localizer;

fn mini() -> Case {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bundles/mini");
    tahawul_domain::bundle::load(&dir).unwrap_or_else(|e| panic!("the mini bundle loads: {e:?}"))
}

#[test]
fn every_phase_gate_of_a_loaded_case_checks_renders_and_evaluates() {
    let case = mini();
    assert!(!case.phases.is_empty());
    let locs = [Localizer::new(Lang::En).unwrap(), Localizer::new(Lang::Ar).unwrap()];
    for phase in &case.phases {
        let g = &phase.gate;
        assert_eq!(g.check(&case), vec![], "{}", g.source);
        let again = gate::parse(&g.to_source()).expect("canonical text parses");
        assert_eq!(again.expr, g.expr);
        for loc in &locs {
            let s = g.sentence(&case, loc);
            assert!(!s.is_empty() && !s.contains('⟦'), "{s}");
        }
        for area in &phase.areas {
            let e = g.evaluate(&case, area.as_str(), None);
            assert_eq!(e.clauses.len(), g.clauses().len());
            for r in &e.clauses {
                for loc in &locs {
                    let line = r.explain(&case, loc);
                    assert!(!line.contains('⟦'), "{line}");
                }
            }
            // Before any figure, nothing is known.
            let early = g.evaluate(&case, area.as_str(), Some(Month::new(1990, 1)));
            assert!(early.clauses.iter().all(|c| c.truth == Truth::NoData && c.latest.is_none()));
        }
    }
}

#[test]
fn the_evaluation_serialises_with_deliberate_field_names() {
    let case = mini();
    let phase = &case.phases[0];
    let e = phase.gate.evaluate(&case, phase.areas[0].as_str(), None);
    let json = serde_json::to_value(&e).unwrap();
    assert!(matches!(json["truth"].as_str(), Some("met" | "not-met" | "no-data")));
    let keys: Vec<&String> = json["clauses"][0].as_object().unwrap().keys().collect();
    for k in [
        "source",
        "indicator",
        "cmp",
        "area",
        "data_area",
        "publisher",
        "latest",
        "threshold",
        "threshold_level",
        "window_months",
        "held_months",
        "missing",
        "truth",
        "illustrative",
    ] {
        assert!(keys.iter().any(|x| x.as_str() == k), "missing {k} in {keys:?}");
    }
}
