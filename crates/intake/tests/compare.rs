//! Clause-by-clause comparison (issue 16, "if time allows"): two reports of JSCD 1 paired
//! sentence by sentence, a text against itself, and bounded work on hostile input.

use crate::hostile_corpus;

use std::path::PathBuf;

use tahawul_intake::{IntakeError, compare};

fn source(stem: &str) -> String {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let dir = std::env::var("TAHAWUL_SOURCES").map(PathBuf::from).unwrap_or_else(|_| {
        [root.join("../shared/sources"), root.join("../../shared/sources")]
            .into_iter()
            .find(|d| d.is_dir())
            .expect("the founding sources: set TAHAWUL_SOURCES")
    });
    std::fs::read_to_string(dir.join(format!("{stem}.txt"))).unwrap()
}

#[test]
fn two_reports_of_jscd_1_pair_their_sentences() {
    let (a, b) = (source("000_93bb36b8a9956379"), source("001_6c5a77faa980ad56"));
    let c = compare(&a, &b).unwrap();
    // The undertaking to protect personnel is in both, worded differently.
    let protect = c
        .pairs
        .iter()
        .find(|p| p.first.quote.contains("بحماية") && p.second.quote.contains("بحماية"))
        .expect("the protection sentences pair");
    assert!(protect.similarity < 1.0 && protect.similarity >= 0.3, "{protect:?}");
    assert!(!protect.words_only_first.is_empty() || !protect.words_only_second.is_empty());
    // The delegation's membership (only 001 lists it) has no counterpart in 000.
    assert!(c.only_second.iter().any(|s| s.quote.contains("جهاز مكافحة الإرهاب")), "{:#?}", c.only_second);
    // One to one, in the first text's order, spans pointing at their quotes.
    let chars: Vec<char> = a.chars().collect();
    let mut last = 0;
    for p in &c.pairs {
        assert!(p.first.span.start >= last);
        last = p.first.span.start;
        assert_eq!(chars[p.first.span.start..p.first.span.end].iter().collect::<String>(), p.first.quote);
    }
    let mut seconds: Vec<_> = c.pairs.iter().map(|p| p.second.span.start).collect();
    seconds.dedup();
    assert_eq!(seconds.len(), c.pairs.len());
}

#[test]
fn a_text_against_itself_pairs_every_sentence_fully() {
    let a = source("003_cb2afbb04a92125f");
    let c = compare(&a, &a).unwrap();
    assert!(c.pairs.len() > 20);
    assert!(c.pairs.iter().all(|p| p.first.span == p.second.span && p.similarity == 1.0));
    assert!(c.only_first.is_empty() && c.only_second.is_empty());
    // A changed number is shown.
    let b = a.replacen("2008", "2009", 1);
    let c = compare(&a, &b).unwrap();
    let p = c.pairs.iter().find(|p| !p.numbers_only_first.is_empty()).expect("the changed year");
    assert_eq!(
        (p.numbers_only_first.as_slice(), p.numbers_only_second.as_slice()),
        (&["2008".to_string()][..], &["2009".to_string()][..])
    );
}

#[test]
fn hostile_texts_compare_or_give_a_named_error() {
    for (name, text, want) in hostile_corpus::corpus() {
        let started = std::time::Instant::now();
        match (want, compare(&text, &text)) {
            (hostile_corpus::Want::Report, Ok(_))
            | (hostile_corpus::Want::Empty, Err(IntakeError::Empty))
            | (hostile_corpus::Want::TooLarge, Err(IntakeError::TooLarge { .. })) => {}
            (w, got) => panic!("{name}: wanted {w:?}, got {got:?}"),
        }
        assert!(started.elapsed().as_secs() < 20, "{name}: {:?}", started.elapsed());
    }
}
