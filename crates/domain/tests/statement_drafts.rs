//! Joint statement drafts for the founding rounds, in Arabic and English. The snapshots were
//! read and checked by hand: opening (who, where, when, under which framework), then
//! reaffirmations, commitments by party, next steps, in each language's own phrasing.

use std::path::Path;

use tahawul_domain::statement;
use tahawul_i18n::{Lang, Localizer};

fn draft(round: &str, lang: Lang) -> String {
    let case = tahawul_domain::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/iraq-hmc"))
        .unwrap_or_else(|d| panic!("{d:#?}"));
    let loc = Localizer::new(lang).unwrap();
    // The bidi isolates around numbers and names in Arabic (U+2068 … U+2069) shown as ⁅ … ⁆.
    statement::draft(&case, case.round(round).unwrap(), &loc)
        .to_text()
        .replace('\u{2068}', "⁅")
        .replace('\u{2069}', "⁆")
}

#[test]
fn jscd1_statement_draft_in_english() {
    insta::assert_snapshot!(draft("jscd-1", Lang::En));
}

#[test]
fn jscd1_statement_draft_in_arabic() {
    insta::assert_snapshot!(draft("jscd-1", Lang::Ar));
}

#[test]
fn jscd2_statement_draft_in_english() {
    insta::assert_snapshot!(draft("jscd-2", Lang::En));
}

#[test]
fn jscd2_statement_draft_in_arabic() {
    insta::assert_snapshot!(draft("jscd-2", Lang::Ar));
}

#[test]
fn drafts_have_no_missing_messages() {
    for round in ["jscd-1", "jscd-2"] {
        for lang in Lang::ALL {
            let text = draft(round, lang);
            assert!(!text.contains('⟦'), "{round} {lang}: {text}");
        }
    }
}

#[test]
fn the_second_round_reaffirms_what_the_first_committed_to_and_the_first_reaffirms_nothing_on_record() {
    let en2 = draft("jscd-2", Lang::En);
    assert!(en2.contains("Reaffirmations"));
    assert!(!draft("jscd-1", Lang::En).contains("Reaffirmations"));
    // The head of the US delegation at JSCD 2 is not named, and the draft says so.
    assert!(en2.contains("whose head the record does not name"));
    assert!(draft("jscd-2", Lang::Ar).contains("الذي لا يسمّي السجل رئيسه"));
}
