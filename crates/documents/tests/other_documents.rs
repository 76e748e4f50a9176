//! The joint statement (Arabic then English) and the commitment ledger, read back.

use tahawul_i18n::{Lang, Localizer};

use crate::helpers::{self, normalise};
use crate::minutes_pdf::letters;

#[test]
fn the_statement_holds_the_arabic_draft_then_the_english_one() {
    let case = helpers::founding_case();
    let round = case.round("jscd-1").expect("JSCD 1");
    let pdf = tahawul_documents::statement(&case, round, Lang::Ar).expect("the statement renders");
    let text = helpers::pdftotext(&pdf);
    let ar = tahawul_domain::statement::draft(&case, round, &Localizer::new(Lang::Ar).expect("ar"));
    let en = tahawul_domain::statement::draft(&case, round, &Localizer::new(Lang::En).expect("en"));
    let (text_letters, text_plain) = (letters(&text), normalise(&text));
    for part in [&ar.title, &ar.opening].into_iter().chain(ar.sections.iter().flat_map(|s| s.items.iter())) {
        assert!(text_letters.contains(&letters(part)), "the Arabic statement lacks {part:?}");
    }
    for part in [&en.title, &en.opening].into_iter().chain(en.sections.iter().flat_map(|s| s.items.iter())) {
        assert!(text_plain.contains(&normalise(part)), "the English statement lacks {part:?}\n{text_plain}");
    }
    // Arabic first: its opening comes before the English title; English on its own page.
    let ar_at = text_letters.find(&letters(&ar.opening)).expect("the Arabic opening");
    let en_at = text_letters.find(&letters(&en.title)).expect("the English title");
    assert!(ar_at < en_at, "the Arabic text must come first");
    assert!(helpers::pages(&pdf) >= 2, "the English text starts on a new page");
}

#[test]
fn the_commitment_ledger_lists_every_commitment_with_its_status() {
    let case = helpers::founding_case();
    let pdf = tahawul_documents::commitments(&case, Lang::En).expect("the ledger renders");
    let text = normalise(&helpers::pdftotext_raw(&pdf));
    let loc = Localizer::new(Lang::En).expect("en");
    assert!(!case.commitments.is_empty());
    for c in &case.commitments {
        assert!(text.contains(&normalise(&c.text.en)), "the ledger lacks {:?}\n{text}", c.text.en);
    }
    for status in case.commitments.iter().map(|c| loc.tr(c.status.message_id())) {
        assert!(text.contains(&status), "the ledger lacks the status {status:?}");
    }
    // Arabic: poppler interleaves a table's wrapped cells line by line and -raw gives
    // right-to-left lines in visual order, so the cell texts are not compared whole here (the
    // minutes test proves the Arabic); the title and every round with commitments are there.
    let ar = tahawul_documents::commitments(&case, Lang::Ar).expect("the Arabic ledger renders");
    let ar_text = letters(&helpers::pdftotext(&ar));
    let ar_loc = Localizer::new(Lang::Ar).expect("ar");
    let names = case.rounds.iter().filter(|r| case.commitments.iter().any(|c| c.round == r.id)).map(|r| &r.name.ar);
    for want in std::iter::once(&ar_loc.tr("documents-commitments-title")).chain(names) {
        assert!(ar_text.contains(&letters(want)), "the Arabic ledger lacks {want:?}");
    }
}
