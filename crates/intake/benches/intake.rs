//! Intake of a 5,000-word statement (the five founding sources, repeated) against the founding
//! case. Target: ≤ 200 ms. Run: `cargo bench -p tahawul-intake --bench intake`.

use std::path::PathBuf;

fn main() {
    divan::main();
}

fn statement_of(words: usize) -> String {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let sources = tahawul_intake_bench_sources(&dir);
    let mut out = String::new();
    while out.split_whitespace().count() < words {
        for s in &sources {
            out.push_str(s);
            out.push('\n');
        }
    }
    out.split_whitespace().take(words).collect::<Vec<_>>().join(" ")
}

/// The founding sources when they are beside the workspace, else the hostile-corpus fixtures'
/// Arabic sample (so the bench runs anywhere).
fn tahawul_intake_bench_sources(fixtures: &std::path::Path) -> Vec<String> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    for shared in [root.join("../shared/sources"), root.join("../../shared/sources")] {
        if let Ok(rd) = std::fs::read_dir(&shared) {
            let mut files: Vec<_> =
                rd.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|e| e == "txt")).collect();
            files.sort();
            return files.iter().filter_map(|p| std::fs::read_to_string(p).ok()).collect();
        }
    }
    vec![std::fs::read_to_string(fixtures.join("sample-ar.txt")).unwrap_or_default()]
}

#[divan::bench(sample_count = 20)]
fn intake_5000_words(bencher: divan::Bencher) {
    let case = tahawul_domain::load(&PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/iraq-hmc")))
        .expect("founding case loads");
    let text = statement_of(5000);
    bencher.bench(|| tahawul_intake::read(divan::black_box(&text), None, &case).map(|r| r.proposals.len()));
}
