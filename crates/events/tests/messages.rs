//! Every message the event import uses — here, in the store's import and in the
//! `tahawul import events` command — exists in English and in Arabic: a missing key fails
//! this test instead of showing a user a raw id.

use tahawul_i18n::{Lang, message_ids};

// The bundle's messages: its loader (mod.rs) and one module per file, `imports.rs` the
// event import's own; the store's: the modules of `sql/` that name messages.
const SOURCES: [(&str, &str); 25] = [
    ("events/src/reader.rs", include_str!("../src/reader.rs")),
    ("events/src/places.rs", include_str!("../src/places.rs")),
    ("events/src/tally.rs", include_str!("../src/tally.rs")),
    ("cli/src/commands/import_events.rs", include_str!("../../cli/src/commands/import_events.rs")),
    ("store/src/sql/records.rs", include_str!("../../store/src/sql/records.rs")),
    ("store/src/sql/observations.rs", include_str!("../../store/src/sql/observations.rs")),
    ("store/src/sql/event_imports.rs", include_str!("../../store/src/sql/event_imports.rs")),
    ("store/src/sql/assessments.rs", include_str!("../../store/src/sql/assessments.rs")),
    ("store/src/sql/users.rs", include_str!("../../store/src/sql/users.rs")),
    ("store/src/sql/tokens.rs", include_str!("../../store/src/sql/tokens.rs")),
    ("domain/src/bundle/mod.rs", include_str!("../../domain/src/bundle/mod.rs")),
    ("domain/src/bundle/imports.rs", include_str!("../../domain/src/bundle/imports.rs")),
    ("domain/src/bundle/indicators.rs", include_str!("../../domain/src/bundle/indicators.rs")),
    ("domain/src/bundle/scenarios.rs", include_str!("../../domain/src/bundle/scenarios.rs")),
    ("domain/src/bundle/registry.rs", include_str!("../../domain/src/bundle/registry.rs")),
    ("domain/src/bundle/case.rs", include_str!("../../domain/src/bundle/case.rs")),
    ("domain/src/bundle/documents.rs", include_str!("../../domain/src/bundle/documents.rs")),
    ("domain/src/bundle/scales.rs", include_str!("../../domain/src/bundle/scales.rs")),
    ("domain/src/bundle/assessments.rs", include_str!("../../domain/src/bundle/assessments.rs")),
    ("domain/src/bundle/rounds.rs", include_str!("../../domain/src/bundle/rounds.rs")),
    ("domain/src/bundle/commitments.rs", include_str!("../../domain/src/bundle/commitments.rs")),
    ("domain/src/bundle/phases.rs", include_str!("../../domain/src/bundle/phases.rs")),
    ("domain/src/bundle/key_history.rs", include_str!("../../domain/src/bundle/key_history.rs")),
    ("web/src/routes/imports.rs", include_str!("../../web/src/routes/imports.rs")),
    ("domain/src/bundle/reader.rs", include_str!("../../domain/src/bundle/reader.rs")),
];

#[test]
fn every_message_of_the_import_exists_in_both_languages() {
    let (en, ar) = (message_ids(Lang::En), message_ids(Lang::Ar));
    let mut used = 0;
    let mut missing = Vec::new();
    for (file, src) in SOURCES {
        for piece in src.split("Message::new(\"").skip(1) {
            let id: String = piece.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-').collect();
            if !piece[id.len()..].starts_with('"') {
                continue;
            }
            used += 1;
            for (lang, ids) in [("en", &en), ("ar", &ar)] {
                if !ids.contains_key(&id) {
                    missing.push(format!("{file}: {id} ({lang})"));
                }
            }
        }
    }
    assert!(missing.is_empty(), "messages used but not defined:\n{}", missing.join("\n"));
    assert!(used > 80, "the scan found only {used} messages");
}
