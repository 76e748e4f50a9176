//! `tahawul import events` as an operator runs it, on SQLite and on PostgreSQL
//! (`TAHAWUL_TEST_POSTGRES`, see scripts/with-postgres): the real UCDP GED sample imports
//! (GED 23.1, CC BY 4.0 — Davies, Engström, Pettersson & Öberg 2024, JPR 61(4); Sundberg &
//! Melander 2013, JPR 50(4); crates/events/tests/data/README.md), a re-import changes nothing, a
//! newer release revises, eleven broken files are each refused with a located problem and
//! write nothing, and the audit log verifies after every step.

use crate::common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Output;

use common::{copy_bundle, mini, plain, stderr, stdout, tahawul};
use tahawul_store::{ObservationFilter, prelude::*};
use tahawul_web::AnyStore;

fn sample_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../events/tests/data/ged231_sample_1000_events.csv")
}

fn sample_text() -> String {
    std::fs::read_to_string(sample_path()).unwrap()
}

fn block_on<T>(f: impl std::future::Future<Output = T>) -> T {
    tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(f)
}

fn ok(o: &Output, what: &str) -> String {
    assert!(o.status.success(), "{what} failed: {}{}", stdout(o), stderr(o));
    stdout(o)
}

/// The mini case, with a definition that takes every GED event from the file's first month.
fn bundle() -> tempfile::TempDir {
    let dir = copy_bundle(&mini());
    std::fs::write(
        dir.path().join("imports.toml"),
        "[[import]]\nid = \"ged-iraq\"\nindicator = \"threat.attacks\"\ndataset = \"ucdp-ged\"\npublisher = \"monitor\"\nmethod = \"count\"\nmeasure = \"events\"\n",
    )
    .unwrap();
    dir
}

/// A fresh SQLite database with the case.
fn sqlite_db(dir: &Path) -> String {
    format!("sqlite://{}", dir.join("t.db").display())
}

/// A fresh PostgreSQL database on the test server.
fn postgres_db() -> String {
    use sqlx::Connection;
    let url = std::env::var("TAHAWUL_TEST_POSTGRES").unwrap_or_else(|_| {
        panic!("PostgreSQL tests need TAHAWUL_TEST_POSTGRES; run scripts/with-postgres cargo test -p tahawul --test integration events_cli::")
    });
    let name = format!("tahawul_events_cli_{}_{}", std::process::id(), jiff::Timestamp::now().as_microsecond());
    block_on(async {
        let mut admin = sqlx::PgConnection::connect(&url).await.unwrap();
        sqlx::raw_sql(&format!("CREATE DATABASE {name}")).execute(&mut admin).await.unwrap();
    });
    let (base, query) = url.split_once('?').map_or((url.as_str(), None), |(b, q)| (b, Some(q)));
    let (server, _) = base.rsplit_once('/').unwrap();
    format!("{server}/{name}{}", query.map(|q| format!("?{q}")).unwrap_or_default())
}

/// (observations, audit entries) in the database.
fn counts(db: &str) -> (i64, usize) {
    block_on(async {
        let s = AnyStore::open(db, Default::default()).await.unwrap();
        (s.count_observations().await.unwrap(), s.audit_entries(0, 1 << 40).await.unwrap().len())
    })
}

fn verifies(db: &str, when: &str) {
    let o = tahawul(&["audit", "verify", "--database", db]);
    assert!(stdout(&o).contains("verifies"), "the audit log must verify {when}: {}{}", stdout(&o), stderr(&o));
}

fn import(db: &str, file: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["import", "events", file.to_str().unwrap(), "--definition", "ged-iraq", "--database", db];
    args.extend_from_slice(extra);
    tahawul(&args)
}

/// Iraq's monthly event counts straight from the CSV, by UCDP's rule (the month of
/// `date_start`; events spanning months left out), without the importer's code.
fn iraq_by_month(text: &str) -> BTreeMap<String, f64> {
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let h = r.headers().unwrap().clone();
    let col = |n: &str| h.iter().position(|x| x == n).unwrap();
    let mut out = BTreeMap::new();
    for row in r.records() {
        let row = row.unwrap();
        let (s, e) = (&row[col("date_start")], &row[col("date_end")]);
        if &row[col("country")] == "Iraq" && s[..7] == e[..7] {
            *out.entry(s[..7].to_string()).or_insert(0.0) += 1.0;
        }
    }
    out
}

/// The imported figures for the whole country (zeros left out) from `release`, by month.
fn imported(db: &str, release: &str) -> BTreeMap<String, f64> {
    block_on(async {
        let s = AnyStore::open(db, Default::default()).await.unwrap();
        let filter = ObservationFilter { area: Some("country".into()), ..Default::default() };
        s.list_observations(&filter)
            .await
            .unwrap()
            .into_iter()
            .filter(|o| o.source.as_ref().is_some_and(|s| s.release == release) && o.observation.value > 0.0)
            .map(|o| (o.observation.period.to_string(), o.observation.value))
            .collect()
    })
}

#[test]
fn the_real_sample_gives_iraqs_monthly_counts_and_the_case_still_exports_and_checks() {
    let case = bundle();
    let dir = tempfile::tempdir().unwrap();
    let db = sqlite_db(dir.path());
    ok(&tahawul(&["init", "--database", &db, case.path().to_str().unwrap()]), "init");
    // Nothing imported yet: an export owes no citation.
    let plain = dir.path().join("plain");
    let out = ok(&tahawul(&["export", "--database", &db, plain.to_str().unwrap()]), "export before importing");
    assert!(!plain.join("CITATION.md").exists() && !out.contains("Sundberg"), "{out}");
    let out = ok(&import(&db, &sample_path(), &[]), "import");
    assert!(out.contains("816 monthly figures of threat.attacks written (1989-01 to 2022-12, release 23.1)"), "{out}");
    assert!(out.contains("19 of 1000 events counted"), "{out}");
    assert!(out.contains("Sundberg, R. & Melander, E. (2013)"), "the citation is shown: {out}");
    let want = iraq_by_month(&sample_text());
    assert_eq!(want.len(), 18, "the sample's 19 Iraqi events fall in 18 months");
    assert_eq!(imported(&db, "23.1"), want);
    verifies(&db, "after the import");
    // What any write leaves must still export to a bundle that `tahawul check` accepts.
    let export = dir.path().join("export");
    let out = ok(&tahawul(&["export", "--database", &db, export.to_str().unwrap()]), "export");
    ok(&tahawul(&["check", export.to_str().unwrap()]), "check of the export");
    // The exported figures carry their dataset's citation, in both languages, and say it.
    assert!(out.contains("Journal of Peace Research 61(4)"), "{out}");
    let cite = std::fs::read_to_string(export.join("CITATION.md")).unwrap();
    assert!(
        cite.contains("UCDP Georeferenced Event Dataset 23.1") && cite.contains("Sundberg, R. & Melander, E. (2013)"),
        "{cite}"
    );
    assert!(cite.contains("مصادر البيانات"), "and in Arabic: {cite}");
    assert!(std::fs::read_to_string(export.join("imports.toml")).unwrap().contains("id = \"ged-iraq\""));
    // In Arabic, the same result.
    let o = tahawul(&[
        "--lang",
        "ar",
        "import",
        "events",
        sample_path().to_str().unwrap(),
        "--definition",
        "ged-iraq",
        "--database",
        &db,
    ]);
    assert!(ok(&o, "re-import in Arabic").contains("لم يتغيّر شيء"), "{}", stdout(&o));
}

/// The eleven broken files: (name, bytes, the line its problem is on, a word of the message).
fn broken_files() -> Vec<(&'static str, Vec<u8>, u32, &'static str)> {
    let text = sample_text();
    let header: Vec<&str> = text.lines().next().unwrap().split(',').collect();
    let col = |n: &str| header.iter().position(|c| *c == n).unwrap();
    // The sample with field `n` of data row `row` (1-based) replaced.
    let with_field = |row: usize, n: usize, value: &str| -> Vec<u8> {
        let mut r = csv::ReaderBuilder::new().has_headers(false).from_reader(text.as_bytes());
        let mut w = csv::Writer::from_writer(vec![]);
        for (i, rec) in r.records().enumerate() {
            let mut rec: Vec<String> = rec.unwrap().iter().map(String::from).collect();
            if i == row {
                rec[n] = value.into();
            }
            w.write_record(&rec).unwrap();
        }
        w.into_inner().unwrap()
    };
    let mut cut = text.clone();
    cut.truncate(cut.trim_end().rfind(',').unwrap());
    let last_line = cut.lines().count() as u32;
    let mut latin1 = text.clone().into_bytes();
    latin1[text.find('\n').unwrap() + 30] = 0xff;
    let ninawa_line = text.lines().position(|l| l.contains("Nīnawá province")).unwrap() as u32 + 1;
    let mut huge = format!("{}\n", text.lines().next().unwrap()).into_bytes();
    huge.extend(std::iter::repeat_n(b'a', 3 << 20));
    vec![
        ("empty.csv", vec![], 1, "empty"),
        (
            "acled.csv",
            b"event_id_cnty,event_date,country,admin1,fatalities\nIRQ1,2024-01-02,Iraq,Baghdad,3\n".to_vec(),
            1,
            "header lacks",
        ),
        ("renamed.csv", text.replacen("date_start", "date_strat", 1).into_bytes(), 1, "date_strat"),
        ("cut.csv", cut.into_bytes(), last_line, "fields where the header has 49"),
        ("date.csv", with_field(5, col("date_start"), "2013-02-31"), 6, "not a date"),
        ("order.csv", with_field(5, col("date_end"), "1980-01-01"), 6, "ends (1980-01-01) before"),
        ("negative.csv", with_field(7, col("best"), "-4"), 8, "whole number of zero or more"),
        ("violence.csv", with_field(9, col("type_of_violence"), "7"), 10, "from 1 to 3"),
        ("latin1.csv", latin1, 2, "not UTF-8"),
        ("huge.csv", huge, 2, "longer than 1048576 bytes"),
        (
            "place.csv",
            text.replacen("Nīnawá province", "Ninawah provinse", 1).into_bytes(),
            ninawa_line,
            "did you mean Nīnawá",
        ),
    ]
}

/// Import, broken files, re-import and revision on one database.
fn story(db: &str, dir: &Path) {
    let case = bundle();
    ok(&tahawul(&["init", "--database", db, case.path().to_str().unwrap()]), "init");
    verifies(db, "after init");
    // Eleven broken files: each refused with its place named, nothing written.
    let before = counts(db);
    for (name, bytes, line, says) in broken_files() {
        let path = dir.join(name);
        std::fs::write(&path, &bytes).unwrap();
        let o = import(db, &path, &["--release", "23.1"]);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{name} must be refused: {}{err}", stdout(&o));
        let at = format!("{name}:{line}:");
        assert!(err.contains(&at), "{name}: the problem is located at {at}: {err}");
        assert!(err.contains(says), "{name}: the problem says {says:?}: {err}");
        assert!(err.contains("nothing was imported"), "{name}: {err}");
        assert_eq!(counts(db), before, "{name}: nothing is written");
    }
    verifies(db, "after the refused files");
    // The real sample.
    ok(&import(db, &sample_path(), &[]), "import");
    let after_first = counts(db);
    assert_eq!(after_first, (before.0 + 816, before.1 + 1), "816 figures, one audit entry");
    verifies(db, "after the import");
    // Again: nothing changes, not even the log.
    let out = ok(&import(db, &sample_path(), &[]), "re-import");
    assert!(out.contains("nothing changed"), "{out}");
    assert_eq!(counts(db), after_first);
    verifies(db, "after the re-import");
    // A newer release (one Iraqi event fewer) revises; the old figures stay.
    let text = sample_text();
    let mut lines: Vec<&str> = text.lines().collect();
    let drop = lines.iter().position(|l| l.contains(",Iraq,")).unwrap();
    lines.remove(drop);
    let newer = dir.join("GEDEvent_v24_1.csv");
    std::fs::write(&newer, lines.join("\n") + "\n").unwrap();
    let out = ok(&import(db, &newer, &[]), "revision");
    assert!(out.contains("release 24.1") && out.contains("revise release 23.1"), "{out}");
    assert_eq!(counts(db), (after_first.0 + 816, after_first.1 + 1));
    let (old, new) = (imported(db, "23.1"), imported(db, "24.1"));
    assert_eq!(old, iraq_by_month(&text), "the first release's figures are kept");
    assert_eq!(new, iraq_by_month(&(lines.join("\n") + "\n")));
    assert_eq!(old.values().sum::<f64>() - new.values().sum::<f64>(), 1.0);
    verifies(db, "after the revision");
    // An older release after 24.1 (another file): refused, saying which and how; --older takes it.
    lines.remove(lines.iter().position(|l| l.contains(",Iraq,")).unwrap());
    let older = dir.join("GEDEvent_v22_1.csv");
    std::fs::write(&older, lines.join("\n") + "\n").unwrap();
    let before_older = counts(db);
    let o = import(db, &older, &[]);
    assert_eq!(o.status.code(), Some(1), "{}{}", stdout(&o), stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("Release 22.1 is older than release 24.1") && err.contains("--older"), "{err}");
    assert_eq!(counts(db), before_older, "nothing written");
    let o = tahawul(&[
        "--lang",
        "ar",
        "import",
        "events",
        older.to_str().unwrap(),
        "--definition",
        "ged-iraq",
        "--database",
        db,
    ]);
    assert!(plain(&stderr(&o)).contains("الإصدار 22.1 أقدم من الإصدار 24.1"), "in Arabic: {}", stderr(&o));
    assert!(plain(&stderr(&o)).contains("--older") && !stderr(&o).contains('⟦'), "how to go on: {}", stderr(&o));
    let out = ok(&import(db, &older, &["--older"]), "an older release asked for");
    assert!(out.contains("release 22.1"), "{out}");
    assert_eq!(counts(db), (before_older.0 + 816, before_older.1 + 1));
    verifies(db, "after the older release");
}

#[test]
fn import_broken_files_reimport_and_revision_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    story(&sqlite_db(dir.path()), dir.path());
}

#[test]
fn import_broken_files_reimport_and_revision_on_postgres() {
    let dir = tempfile::tempdir().unwrap();
    story(&postgres_db(), dir.path());
}

#[test]
fn an_unknown_definition_gets_a_did_you_mean_and_a_file_without_release_asks_for_one() {
    let case = bundle();
    let dir = tempfile::tempdir().unwrap();
    let db = sqlite_db(dir.path());
    ok(&tahawul(&["init", "--database", &db, case.path().to_str().unwrap()]), "init");
    let o =
        tahawul(&["import", "events", sample_path().to_str().unwrap(), "--definition", "ged-irak", "--database", &db]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("no import definition `ged-irak`") && stderr(&o).contains("`ged-iraq`"),
        "{}",
        stderr(&o)
    );
    let plain = dir.path().join("events.csv");
    std::fs::copy(sample_path(), &plain).unwrap();
    let o = import(&db, &plain, &[]);
    assert_eq!(o.status.code(), Some(2), "a usage problem: {}", stderr(&o));
    assert!(stderr(&o).contains("--release"), "{}", stderr(&o));
}
