//! The founding case's demo signatures: JSCD 1 signed by both heads, JSCD 2 by the one head
//! the sources name, all with DEMO keys (passphrase in docs/record.md), all verifying. They
//! are written by `cargo run -p tahawul-domain --example regenerate_demo_signatures`.

use std::path::{Path, PathBuf};

use tahawul_domain::minutes::{self, KeyFile, MinutesState};

/// The demo passphrase: published on purpose, so the demo keys protect nothing.
const DEMO_PASSPHRASE: &str = "tahawul-demo-only";

fn founding() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/iraq-hmc")
}

#[test]
fn the_founding_rounds_minutes_verify_with_the_demo_signatures() {
    let case = tahawul_domain::load(&founding()).unwrap_or_else(|d| panic!("{d:#?}"));
    let r1 = minutes::check(&case, case.round("jscd-1").unwrap());
    assert_eq!(r1.state, MinutesState::Verified { heads: 2 });
    assert!(r1.unnamed_heads.is_empty());
    let r2 = minutes::check(&case, case.round("jscd-2").unwrap());
    assert_eq!(r2.state, MinutesState::Verified { heads: 1 }, "JSCD 2: only the Iraqi head is named");
    assert_eq!(r2.unnamed_heads.iter().map(|p| p.as_str()).collect::<Vec<_>>(), ["us"]);
    for r in &case.rounds {
        assert!(r.signatures.iter().all(|s| s.illustrative), "demo signatures are marked illustrative");
    }
}

#[test]
fn the_demo_key_files_open_with_the_demo_passphrase_and_hold_the_registered_keys() {
    let case = tahawul_domain::load(&founding()).unwrap();
    for person in ["thabet-al-abbasi", "celeste-wallander"] {
        let text = std::fs::read_to_string(founding().join(format!("demo-keys/{person}.key"))).unwrap();
        let file = KeyFile::parse(&text).unwrap();
        let key = file.open(DEMO_PASSPHRASE).unwrap();
        assert_eq!(Some(key.public()), case.person(person).unwrap().public_key, "{person}");
        let public = std::fs::read_to_string(founding().join(format!("demo-keys/{person}.key.pub"))).unwrap();
        assert_eq!(public.trim(), key.public().to_string());
        assert!(file.open("not the passphrase").is_err());
    }
}
