//! The founding case's JSCD 1 minutes as PDF, read back: the extracted text holds the record
//! in logical order, in Arabic and in English, and page 1 looks as reviewed.

use tahawul_domain::Case;
use tahawul_i18n::{Lang, Localizer};

use crate::helpers::{self, normalise};

const ROUND: &str = "jscd-1";

fn jscd1(case: &Case) -> &tahawul_domain::Round {
    case.round(ROUND).expect("the founding case has JSCD 1")
}

/// Everything the minutes must say, in `lang`, taken from the record itself.
fn expected(case: &Case, lang: Lang) -> Vec<String> {
    let round = jscd1(case);
    let loc = Localizer::new(lang).expect("a localizer");
    let mut want = vec![
        round.name.get(lang).to_string(),
        round.place.get(lang).to_string(),
        tahawul_domain::statement::dates(&loc, round),
        tahawul_domain::minutes::digest(case, round),
    ];
    for head in tahawul_domain::minutes::heads(round) {
        let p = case.person(head.as_str()).expect("a head is a person");
        want.push(p.name.get(lang).to_string());
        want.push(p.title.get(lang).to_string());
    }
    for d in &round.delegations {
        want.extend(d.offices.iter().map(|o| o.get(lang).to_string()));
    }
    for d in &round.decisions {
        want.push(d.text.get(lang).to_string());
    }
    for m in &round.meetings {
        want.push(m.description.get(lang).to_string());
    }
    for s in &round.signatures {
        want.push(tahawul_domain::keys::fingerprint(&s.key));
        // pdftotext gives the words of a left-to-right run inside a right-to-left line in
        // right-to-left order ("UTC 12:00 2023-08-08"): in Arabic each word is checked alone.
        let at = s.signed_at.strftime("%Y-%m-%d %H:%M UTC").to_string();
        if lang == Lang::Ar {
            want.extend(at.split(' ').map(str::to_string));
        } else {
            want.push(at);
        }
    }
    want.into_iter().map(|w| normalise(&w)).filter(|w| !w.is_empty()).collect()
}

/// Arabic compared as poppler can give it back: pdftotext reorders a right-to-left line by
/// its own heuristics, which put a vowel mark (harakat, shadda) apart from its letter, split
/// a word at a mark, and put punctuation next to digits on the wrong side ("(001)" comes out
/// "( )001"). What it does not get wrong is the order of the letters and digits: so both sides
/// become their letters (Arabic without marks, Latin) and digits, in order, without spaces or
/// punctuation, and the record's sequence must appear whole in the page's. A word, a letter
/// or a number out of its logical place fails.
pub fn letters(s: &str) -> String {
    normalise(s)
        .chars()
        .filter(|c| {
            matches!(c, '\u{0621}'..='\u{064A}' | '\u{0671}'..='\u{06D3}' | '\u{0660}'..='\u{0669}')
                || c.is_ascii_alphanumeric()
        })
        .collect()
}

fn check_text(lang: Lang) {
    let case = helpers::founding_case();
    let pdf = tahawul_documents::minutes(&case, jscd1(&case), lang).expect("the minutes render");
    assert!(pdf.starts_with(b"%PDF-"), "not a PDF");
    let extracted = helpers::pdftotext(&pdf);
    // English is compared exactly (whitespace aside); Arabic as its words and numbers.
    let view = |s: &str| if lang == Lang::Ar { letters(s) } else { normalise(s) };
    let text = view(&extracted);
    let missing: Vec<String> =
        expected(&case, lang).into_iter().map(|w| view(&w)).filter(|w| !text.contains(w.as_str())).collect();
    assert!(
        missing.is_empty(),
        "the {lang} minutes' text lacks, in logical order:\n{}\n\nextracted:\n{text}",
        missing.join("\n")
    );
}

#[test]
fn the_arabic_minutes_read_back_as_the_record_says_in_logical_order() {
    check_text(Lang::Ar);
}

#[test]
fn the_english_minutes_read_back_as_the_record_says() {
    check_text(Lang::En);
}

/// Page 1 of the Arabic minutes, rendered by pdftoppm, against the reviewed snapshot: joined
/// letters, right to left, right-aligned, numbers in place (looked at before it was committed).
#[test]
fn page_one_of_the_arabic_minutes_looks_as_reviewed() {
    let case = helpers::founding_case();
    let pdf = tahawul_documents::minutes(&case, jscd1(&case), Lang::Ar).expect("the minutes render");
    if let Some(dir) = std::env::var_os("TAHAWUL_PDF_OUT") {
        std::fs::write(std::path::Path::new(&dir).join("jscd-1-ar.pdf"), &pdf).expect("written");
    }
    helpers::assert_snapshot("jscd-1-minutes-ar-page1.png", helpers::render(&pdf, 1, 60));
}

/// The same for English: left to right, left-aligned.
#[test]
fn page_one_of_the_english_minutes_looks_as_reviewed() {
    let case = helpers::founding_case();
    let pdf = tahawul_documents::minutes(&case, jscd1(&case), Lang::En).expect("the minutes render");
    if let Some(dir) = std::env::var_os("TAHAWUL_PDF_OUT") {
        std::fs::write(std::path::Path::new(&dir).join("jscd-1-en.pdf"), &pdf).expect("written");
    }
    helpers::assert_snapshot("jscd-1-minutes-en-page1.png", helpers::render(&pdf, 1, 60));
}
