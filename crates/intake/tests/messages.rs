//! Every message intake uses — in the engine, the `tahawul intake` command and the API route —
//! exists in English and in Arabic: a missing key fails here instead of showing a raw id.

use tahawul_i18n::{Lang, message_ids};

const SOURCES: [(&str, &str); 3] = [
    ("intake/src/lib.rs", include_str!("../src/lib.rs")),
    ("cli/src/commands/intake.rs", include_str!("../../cli/src/commands/intake.rs")),
    ("web/src/routes/intake.rs", include_str!("../../web/src/routes/intake.rs")),
];

#[test]
fn every_message_of_intake_exists_in_both_languages() {
    let (en, ar) = (message_ids(Lang::En), message_ids(Lang::Ar));
    let mut used = 0;
    let mut missing = Vec::new();
    for (file, src) in SOURCES {
        for piece in src.split("Message::new(\"").skip(1).chain(src.split("loc.tr(\"").skip(1)) {
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
    assert!(used > 30, "the scan found only {used} messages");
}
