//! Writes the founding case's demo key files (once), prints the public keys to register in
//! case.toml, and appends the missing demo signatures to rounds.toml. A maintainer's tool,
//! not a test: it rewrites `examples/iraq-hmc`, so it runs only when asked:
//! `cargo run -p tahawul-domain --example regenerate_demo_signatures`.
//! `tests/minutes_demo.rs` checks what it wrote.

use std::path::Path;

use tahawul_domain::minutes::{self, KeyFile, SecretKey};

/// The demo passphrase: published on purpose (docs/record.md), so the demo keys protect nothing.
const DEMO_PASSPHRASE: &str = "tahawul-demo-only";

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/iraq-hmc");
    let case = tahawul_domain::bundle::load_with_tampered_minutes(&dir).map_err(|d| format!("{d:#?}"))?;
    // A key file is made once, then reused: the signatures are made by opening it.
    let key = |person: &str| -> Result<SecretKey, Box<dyn std::error::Error>> {
        let file = dir.join(format!("demo-keys/{person}.key"));
        if !file.exists() {
            let key = SecretKey::generate()?;
            std::fs::write(&file, key.seal(DEMO_PASSPHRASE)?.to_text())?;
            std::fs::write(dir.join(format!("demo-keys/{person}.key.pub")), format!("{}\n", key.public()))?;
        }
        Ok(KeyFile::parse(&std::fs::read_to_string(&file)?)?.open(DEMO_PASSPHRASE)?)
    };
    for person in ["thabet-al-abbasi", "celeste-wallander"] {
        println!("{person}: public_key = \"{}\"", key(person)?.public());
    }
    for (round, people) in
        [("jscd-1", &["thabet-al-abbasi", "celeste-wallander"][..]), ("jscd-2", &["thabet-al-abbasi"][..])]
    {
        let r = case.round(round).ok_or_else(|| format!("the founding case has no round {round}"))?;
        let at: jiff::Timestamp = format!("{}T12:00:00Z", r.end).parse()?;
        for p in people {
            if r.signatures.iter().any(|s| s.person.as_str() == *p) {
                continue;
            }
            let person = tahawul_domain::Id::parse(p).ok_or("a person id")?;
            let mut sig = minutes::sign(&case, r, &person, &key(p)?, at);
            sig.illustrative = true;
            tahawul_domain::bundle::append_signature(&dir, round, &sig)?;
            println!("{round}: signed by {p}");
        }
    }
    Ok(())
}
