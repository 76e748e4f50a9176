//! Every message id the documents use exists in Arabic and in English, with the same
//! variables (a missing one would print as ⟦id⟧ inside a signed document's PDF).

use tahawul_i18n::{Lang, message_ids};

#[test]
fn every_message_the_documents_use_exists_in_both_languages() {
    let source = include_str!("../src/lib.rs");
    let used: Vec<&str> = source
        .split('"')
        .skip(1)
        .step_by(2)
        .filter(|s| {
            ["documents-", "record-", "keys-", "commitment-status-"].iter().any(|p| s.starts_with(p))
                && s.chars().all(|c| c.is_ascii_lowercase() || c == '-')
        })
        .collect();
    assert!(used.len() > 30, "found only {} ids", used.len());
    let (en, ar) = (message_ids(Lang::En), message_ids(Lang::Ar));
    for id in used {
        assert!(en.contains_key(id), "{id} is not in the English catalog");
        assert_eq!(en.get(id), ar.get(id), "{id}: Arabic and English differ (or Arabic lacks it)");
    }
}
