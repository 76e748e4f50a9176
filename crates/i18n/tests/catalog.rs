//! Every message exists in both languages, with the same variables, and parses.

use tahawul_i18n::{Lang, Localizer, RESOURCES, message_ids};

#[test]
fn every_shipped_file_parses_in_both_languages() {
    for (file, en, ar) in RESOURCES {
        for (lang, src) in [("en", en), ("ar", ar)] {
            if let Err((_, errors)) = fluent_syntax::parser::parse(*src) {
                panic!("{lang}/{file} does not parse: {errors:?}");
            }
        }
    }
    Localizer::new(Lang::En).expect("English bundle builds");
    Localizer::new(Lang::Ar).expect("Arabic bundle builds");
}

#[test]
fn arabic_and_english_define_the_same_messages_with_the_same_variables() {
    let en = message_ids(Lang::En);
    let ar = message_ids(Lang::Ar);
    let only_en: Vec<_> = en.keys().filter(|k| !ar.contains_key(*k)).collect();
    let only_ar: Vec<_> = ar.keys().filter(|k| !en.contains_key(*k)).collect();
    assert!(only_en.is_empty(), "messages missing in Arabic: {only_en:?}");
    assert!(only_ar.is_empty(), "messages missing in English: {only_ar:?}");
    for (id, vars) in &en {
        assert_eq!(Some(vars), ar.get(id), "message {id} uses different variables in Arabic");
    }
    assert!(en.len() > 50, "the catalogue looks empty: {} messages", en.len());
}

#[test]
fn arabic_commitment_counts_take_the_cldr_plural_forms() {
    let ar = Localizer::new(Lang::Ar).unwrap();
    // The number is isolated (FSI … PDI) so it reads in order among the Arabic words.
    let say = |n: u32| {
        ar.format(&tahawul_i18n::Message::new("commitments-count").arg("count", n))
            .replace('\u{2068}', "⁅")
            .replace('\u{2069}', "⁆")
    };
    assert_eq!(say(1), "التزام واحد");
    assert_eq!(say(2), "التزامان");
    assert_eq!(say(3), "⁅3⁆ التزامات");
    assert_eq!(say(11), "⁅11⁆ التزامًا");
    assert_eq!(say(100), "⁅100⁆ التزام");
    assert_eq!(say(103), "⁅103⁆ التزامات");
    let en = Localizer::new(Lang::En).unwrap();
    assert_eq!(en.format(&tahawul_i18n::Message::new("commitments-count").arg("count", 1)), "1 commitment");
    assert_eq!(en.format(&tahawul_i18n::Message::new("commitments-count").arg("count", 103)), "103 commitments");
}

#[test]
fn arabic_indic_digits_apply_inside_messages() {
    let ar = Localizer::with_digits(Lang::Ar, tahawul_i18n::Digits::ArabicIndic).unwrap();
    let s = ar.format(&tahawul_i18n::Message::new("commitments-count").arg("count", 103));
    assert_eq!(s, "\u{2068}١٠٣\u{2069} التزامات");
}
