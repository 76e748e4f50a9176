//! The hostile corpus through the engine: a report or a named error, never a panic; and what
//! the report says about each is checked where it can be wrong.

use crate::hostile_corpus;

use hostile_corpus::{Want, corpus};
use tahawul_intake::{FlagKind, IntakeError, Kind, read};

fn case() -> tahawul_domain::Case {
    tahawul_domain::load(std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/iraq-hmc"))).unwrap()
}

#[test]
fn every_hostile_text_gives_a_report_or_a_named_error() {
    let case = case();
    for (name, text, want) in corpus() {
        let started = std::time::Instant::now();
        let got = read(&text, None, &case);
        match (want, &got) {
            (Want::Report, Ok(r)) => {
                let chars: Vec<char> = text.chars().collect();
                for p in &r.proposals {
                    assert!(p.span.start <= p.span.end && p.span.end <= chars.len(), "{name}: span {:?}", p.span);
                    let at: String = chars[p.span.start..p.span.end].iter().collect();
                    assert_eq!(at, p.quote, "{name}: the span points at the quote");
                }
            }
            (Want::Empty, Err(IntakeError::Empty)) | (Want::TooLarge, Err(IntakeError::TooLarge { .. })) => {}
            _ => panic!("{name}: wanted {want:?}, got {got:?}"),
        }
        assert!(started.elapsed().as_secs() < 20, "{name} took {:?}", started.elapsed());
    }
}

#[test]
fn bidi_controls_do_not_hide_names() {
    let case = case();
    let text = &corpus().into_iter().find(|c| c.0 == "bidi controls inside words").unwrap().1;
    let r = read(text, None, &case).unwrap();
    let people: Vec<&str> =
        r.proposals.iter().filter(|p| p.kind == Kind::Person).map(|p| p.matches[0].as_str()).collect();
    assert_eq!(people, ["thabet-al-abbasi", "lloyd-austin"]);
}

#[test]
fn impossible_dates_are_flagged_and_never_used() {
    let case = case();
    let text = &corpus().into_iter().find(|c| c.0 == "impossible dates").unwrap().1;
    let r = read(text, None, &case).unwrap();
    let bad: Vec<&str> = r.flags.iter().filter(|f| f.kind == FlagKind::InvalidDate).map(|f| f.quote.as_str()).collect();
    assert_eq!(bad, ["31/02/2024", "31 شباط 2024", "2024-13-45"]);
    assert_eq!(r.document.date, None);
}

#[test]
fn a_text_without_dates_proposes_no_round() {
    let case = case();
    let text = &corpus().into_iter().find(|c| c.0 == "no dates").unwrap().1;
    let r = read(text, None, &case).unwrap();
    assert!(r.proposals.is_empty(), "{:?}", r.proposals);
}

#[test]
fn due_dates_in_both_arabic_month_series_and_english() {
    let case = case();
    for (text, due) in [
        ("وتلتزم الحكومة العراقية بإنجاز خطة التدريب في موعد أقصاه نهاية أيلول 2025.", "2025-09"),
        ("وتلتزم الحكومة العراقية بإنجاز خطة التدريب في موعد أقصاه نهاية سبتمبر ٢٠٢٥.", "2025-09"),
        ("The two sides committed to keep the liaison cell open until September 2026.", "2026-09"),
        ("Iraq will complete the training plan no later than the end of September 2025.", "2025-09"),
    ] {
        let r = read(text, None, &case).unwrap();
        let dues: Vec<_> = r.proposals.iter().filter_map(|p| p.due.as_deref()).collect();
        assert_eq!(dues, [due], "{text}: {:#?}", r.proposals);
    }
}

#[test]
fn a_new_commitment_is_proposed_as_new_with_its_party() {
    let case = case();
    let text = "وتلتزم الحكومة العراقية بإنشاء مركز وطني لإزالة الألغام في محافظة الأنبار في موعد أقصاه نهاية أيلول 2025.";
    let r = read(text, None, &case).unwrap();
    let p = r.proposals.iter().find(|p| p.kind == Kind::Commitment).expect("a commitment");
    assert!(p.matches.is_empty(), "{p:?}");
    assert_eq!(p.party, ["iq"]);
    assert_eq!(p.due.as_deref(), Some("2025-09"));
}

#[test]
fn a_web_pages_trailer_of_related_links_is_not_read() {
    let case = case();
    let body = "وأكدت حكومة العراق من جديد التزامها بحماية أفراد ومستشاري الولايات المتحدة والتحالف الدولي والقوافل والمنشآت الدبلوماسية.\n\n";
    let trailer = "مقالات مشابهة\n\nالمغرب وقطر يؤكدان التزامهما بتعزيز العلاقات الثنائية\n";
    let r = read(&format!("{body}{trailer}"), None, &case).unwrap();
    let statements: Vec<_> = r.proposals.iter().filter(|p| p.kind == Kind::Commitment).collect();
    assert_eq!(statements.len(), 1, "{statements:#?}");
    assert!(statements[0].matches[0].ends_with("protect-personnel"));
    // Without the marker line the same headline is read, and proposed as new.
    let r = read(&format!("{body}المغرب وقطر يؤكدان التزامهما بتعزيز العلاقات الثنائية\n"), None, &case).unwrap();
    assert_eq!(r.proposals.iter().filter(|p| p.kind == Kind::Commitment).count(), 2);
}

#[test]
fn english_statements_match_the_records_english_wording() {
    let case = case();
    let text = "The Government of Iraq reaffirmed its commitment to protect United States and coalition personnel, \
                advisers, convoys and diplomatic facilities. The two delegations committed to form a US-Iraq Higher \
                Military Commission to evaluate the future process.";
    let r = read(text, None, &case).unwrap();
    assert_eq!(r.document.language, "en");
    let matched: Vec<&str> = r.proposals.iter().flat_map(|p| p.matches.iter().map(String::as_str)).collect();
    assert!(matched.iter().any(|m| m.ends_with("protect-personnel")), "{matched:?}");
    assert!(matched.contains(&"r1-form-hmc"), "{matched:?}");
    let protect = r.proposals.iter().find(|p| p.matches.iter().any(|m| m.ends_with("protect-personnel"))).unwrap();
    assert_eq!(protect.party, ["iq"]);
}

#[test]
fn offices_and_bodies_the_record_does_not_know_are_flagged() {
    let case = case();
    let text = "والتقى الوفد بممثلين عن وزارة الزراعة العراقية وعن وزارة الدفاع الأمريكية، بقيادة العراق.";
    let r = read(text, None, &case).unwrap();
    let unknown: Vec<&str> =
        r.flags.iter().filter(|f| f.kind == FlagKind::UnknownName).map(|f| f.quote.as_str()).collect();
    assert_eq!(unknown, ["وزارة الزراعة العراقية"]);
}

#[test]
fn hijri_dates_and_arabic_indic_digits_date_the_document_and_find_the_round() {
    let case = case();
    let text = "صدر في ١٥ محرم ١٤٤٦ هـ\nعقد الوفدان حوار التعاون الأمني المشترك الثاني في واشنطن يومي ٢٢ و٢٣ تموز ٢٠٢٤، وأكدا التزامهما بالتعاون الأمني.";
    let r = read(text, None, &case).unwrap();
    // 15 Muharram 1446 was 21 July 2024 (Umm al-Qura); the arithmetical calendar is within two days.
    let d: jiff::civil::Date = r.document.date.as_deref().expect("a Hijri date").parse().unwrap();
    assert!((d - jiff::civil::date(2024, 7, 21)).get_days().abs() <= 2, "{d}");
    let round = r.proposals.iter().find(|p| p.kind == Kind::Round).expect("a round");
    assert_eq!(round.matches, ["jscd-2"]);
    assert_eq!(round.dates.as_ref().map(|d| d.start.as_str()), Some("2024-07-22"));
}

mod generated {
    use proptest::prelude::*;

    /// Pieces statements are made of, and pieces that break parsers: month names of both
    /// series, digits of both kinds, day ranges, bidi controls, marks, punctuation, names.
    fn piece() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("أيلول".to_string()),
            Just("سبتمبر".to_string()),
            Just("كانون الثاني".to_string()),
            Just("محرم 1446 هـ".to_string()),
            Just("٢٠٢٤".to_string()),
            Just("31/02/2024".to_string()),
            Just(" و".to_string()),
            Just("التزم الجانبان".to_string()),
            Just("حتى".to_string()),
            Just("وزارة".to_string()),
            Just("لوفد أوستن".to_string()),
            Just("إيراج".to_string()),
            Just("ثابت العباسي".to_string()),
            Just("مقالات مشابهة\n".to_string()),
            Just("\u{202E}".to_string()),
            Just("\u{0651}".to_string()),
            Just("ـ".to_string()),
            Just(".".to_string()),
            Just("\n".to_string()),
            Just("، ".to_string()),
            "[0-9]{1,5}",
            "\\PC{0,6}",
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]
        #[test]
        fn any_text_reads_without_panic_and_every_span_points_at_its_quote(pieces in proptest::collection::vec(piece(), 0..40)) {
            static CASE: std::sync::OnceLock<tahawul_domain::Case> = std::sync::OnceLock::new();
            let case = CASE.get_or_init(super::case);
            let text = pieces.join(" ");
            if let Ok(r) = tahawul_intake::read(&text, None, case) {
                let chars: Vec<char> = text.chars().collect();
                for (span, quote) in r.proposals.iter().map(|p| (p.span, &p.quote)).chain(r.flags.iter().map(|f| (f.span, &f.quote))) {
                    prop_assert!(span.start <= span.end && span.end <= chars.len());
                    prop_assert_eq!(&chars[span.start..span.end].iter().collect::<String>(), quote);
                }
            }
            let _ = tahawul_intake::compare(&text, &pieces.concat());
        }
    }
}
