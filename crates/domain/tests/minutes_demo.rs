//! The founding case's demo signatures: JSCD 1 signed by both heads, JSCD 2 by the one head
//! the sources name, all with DEMO keys (passphrase in docs/record.md), all verifying.

use std::path::{Path, PathBuf};

use tahawul_domain::minutes::{self, KeyFile, MinutesState, SecretKey};

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

/// Writes the demo key files (once), prints the public keys to register in case.toml, and
/// appends the missing demo signatures to rounds.toml. Run by hand: `cargo test -p tahawul-domain --test integration minutes_demo:: -- --ignored --nocapture`.
#[test]
#[ignore]
fn regenerate_demo_signatures() {
    let dir = founding();
    let case = tahawul_domain::bundle::load_with_tampered_minutes(&dir).unwrap_or_else(|d| panic!("{d:#?}"));
    // A key file is made once, then reused: the signatures are made by opening it.
    let key = |person: &str| -> SecretKey {
        let file = dir.join(format!("demo-keys/{person}.key"));
        if !file.exists() {
            let key = SecretKey::generate().unwrap();
            std::fs::write(&file, key.seal(DEMO_PASSPHRASE).unwrap().to_text()).unwrap();
            std::fs::write(dir.join(format!("demo-keys/{person}.key.pub")), format!("{}\n", key.public())).unwrap();
        }
        KeyFile::parse(&std::fs::read_to_string(&file).unwrap()).unwrap().open(DEMO_PASSPHRASE).unwrap()
    };
    for person in ["thabet-al-abbasi", "celeste-wallander"] {
        println!("{person}: public_key = \"{}\"", key(person).public());
    }
    for (round, people) in
        [("jscd-1", &["thabet-al-abbasi", "celeste-wallander"][..]), ("jscd-2", &["thabet-al-abbasi"][..])]
    {
        let r = case.round(round).unwrap();
        let at: jiff::Timestamp = format!("{}T12:00:00Z", r.end).parse().unwrap();
        for p in people {
            if r.signatures.iter().any(|s| s.person.as_str() == *p) {
                continue;
            }
            let mut sig = minutes::sign(&case, r, &tahawul_domain::Id::parse(p).unwrap(), &key(p), at);
            sig.illustrative = true;
            tahawul_domain::bundle::append_signature(&dir, round, &sig).unwrap();
        }
    }
}
