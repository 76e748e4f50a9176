//! Importing conflict event datasets (issue 15), one story on both backends: the real UCDP GED
//! sample (GED 23.1, CC BY 4.0 — Davies, Engström, Pettersson & Öberg 2024, JPR 61(4);
//! Sundberg & Melander 2013, JPR 50(4); see crates/events/tests/data/README.md) is imported,
//! imported again (nothing changes), revised by a newer release (the old figures stay in the
//! history with their release named), and the audit log verifies after each step.

use crate::common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use common::*;
use tahawul_domain::{Case, ImportDefinition, Month, Period};
use tahawul_events::{AreaPlaces, Gazetteer, Places};
use tahawul_ledger::{BreakKind, ChainBreak};
use tahawul_store::*;

fn sample_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../events/tests/data/ged231_sample_1000_events.csv")
}

both!(import_reimport_and_revision_keep_history_and_the_log_verifies, tampering_with_an_import_is_found);

/// The mini case, its `threat.attacks` fed by every GED event (the mini case's areas list
/// IQ for `country` and Nīnawá, Dahūk and Halabja for `north`).
fn case() -> Case {
    let mut case = tahawul_domain::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../domain/tests/bundles/mini"))
        .expect("mini loads");
    let def: ImportDefinition = serde_json::from_value(serde_json::json!({
        "id": "ged-iraq", "dataset": "ucdp-ged", "publisher": "monitor", "method": "count", "measure": "events"
    }))
    .unwrap();
    let attacks = case.indicators.iter_mut().find(|i| i.qualified_name() == "threat.attacks").unwrap();
    attacks.imports = vec![def];
    case
}

/// Reads `bytes` by the case's definition into what the store takes.
fn counted(case: &Case, bytes: &[u8], release: &str) -> EventImport {
    let (indicator, def) = case.import_definition("ged-iraq").unwrap();
    let areas: Vec<AreaPlaces> = case.areas.iter().filter_map(AreaPlaces::of).collect();
    let places = Places::new(&Gazetteer::system().expect("iso-codes installed"), &areas).unwrap();
    let got = tahawul_events::import("ged.csv", bytes, def, &places, |_| {}).expect("the file imports");
    EventImport {
        older: false,
        definition: def.clone(),
        release: release.into(),
        file_digest: got.digest.clone(),
        rows: got.rows,
        counted: got.counted,
        figures: got
            .observations(indicator, def, release, jiff::civil::date(2025, 1, 1))
            .into_iter()
            .map(|(o, s)| (o, s.events))
            .collect(),
    }
}

/// Iraq's monthly event counts straight from the CSV by UCDP's rule (month of date_start,
/// events spanning months left out), without the importer's code.
fn iraq_by_month(bytes: &[u8]) -> BTreeMap<Month, f64> {
    let mut r = csv::Reader::from_reader(bytes);
    let h = r.headers().unwrap().clone();
    let col = |n: &str| h.iter().position(|x| x == n).unwrap();
    let mut out = BTreeMap::new();
    for row in r.records() {
        let row = row.unwrap();
        let (s, e) = (&row[col("date_start")], &row[col("date_end")]);
        if &row[col("country")] == "Iraq" && s[..7] == e[..7] {
            *out.entry(Month::new(s[..4].parse().unwrap(), s[5..7].parse().unwrap())).or_insert(0.0) += 1.0;
        }
    }
    out
}

async fn audit_len<S: Store>(s: &S) -> u64 {
    s.audit_entries(0, u64::MAX).await.unwrap().len() as u64
}

/// The monitor's figures for Iraq from a given release, by month (zeros left out).
async fn figures_of<S: Store>(s: &S, release: &str) -> BTreeMap<Month, f64> {
    let filter = ObservationFilter {
        factor: Some("threat".into()),
        indicator: Some("attacks".into()),
        area: Some("country".into()),
        limit: None,
    };
    s.list_observations(&filter)
        .await
        .unwrap()
        .into_iter()
        .filter(|o| o.source.as_ref().is_some_and(|src| src.release == release) && o.observation.value > 0.0)
        .map(|o| match o.observation.period {
            Period::Month(m) => (m, o.observation.value),
            p => panic!("a monthly figure, not {p}"),
        })
        .collect()
}

/// The sample with one Iraqi event moved to another month: a "newer release".
fn revised_sample() -> (Vec<u8>, Month, Month) {
    let text = std::fs::read_to_string(sample_path()).unwrap();
    let mut r = csv::ReaderBuilder::new().has_headers(false).from_reader(text.as_bytes());
    let mut w = csv::Writer::from_writer(vec![]);
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.unwrap()).collect();
    let col = |n: &str| rows[0].iter().position(|x| x == n).unwrap();
    let mut moved = None;
    for (i, row) in rows.iter().enumerate() {
        let mut row: Vec<String> = row.iter().map(String::from).collect();
        if i > 0
            && moved.is_none()
            && row[col("country")] == "Iraq"
            && row[col("date_start")][..7] == row[col("date_end")][..7]
        {
            let from =
                Month::new(row[col("date_start")][..4].parse().unwrap(), row[col("date_start")][5..7].parse().unwrap());
            let to = if from.0 % 12 == 0 { from.plus(1) } else { from.plus(-1) };
            let day = format!("{to}-15");
            (row[col("date_start")], row[col("date_end")]) = (day.clone(), day);
            moved = Some((from, to));
        }
        w.write_record(&row).unwrap();
    }
    let (from, to) = moved.unwrap();
    (w.into_inner().unwrap(), from, to)
}

async fn import_reimport_and_revision_keep_history_and_the_log_verifies<S: Store>(s: S) {
    let case = case();
    s.import_case(&case, "secretariat").await.unwrap();
    let bytes = std::fs::read(sample_path()).unwrap();

    // 1. The real sample imports: Iraq's months as counted independently, each figure with
    //    its source.
    let before = audit_len(&s).await;
    let first = counted(&case, &bytes, "23.1");
    let n = first.figures.len() as i64;
    let EventImportOutcome::Written { import, revised } = s.import_events(&first, "wg-threat").await.unwrap() else {
        panic!("the first import writes")
    };
    assert_eq!((import.release.as_str(), import.dataset.as_str(), revised), ("23.1", "ucdp-ged", None));
    assert_eq!((import.rows, import.figures as i64), (1000, n));
    assert_eq!(import.file_digest, blake3::hash(&bytes).to_hex().to_string());
    assert_eq!(audit_len(&s).await, before + 1, "one audit entry for the whole import");
    s.verify_audit().await.expect("the log verifies after the import");
    let want = iraq_by_month(&bytes);
    assert_eq!(want.values().sum::<f64>(), 19.0, "the sample has 19 Iraqi rows, none spanning months");
    assert_eq!(figures_of(&s, "23.1").await, want);
    let stored = s.list_observations(&ObservationFilter::default()).await.unwrap();
    let imported: Vec<_> = stored.iter().filter(|o| o.source.is_some()).collect();
    assert_eq!(imported.len() as i64, n);
    for o in &imported {
        let src = o.source.as_ref().unwrap();
        assert_eq!((src.definition.as_str(), src.dataset.as_str()), ("ged-iraq", "ucdp-ged"));
        assert_eq!(src.events as f64, o.observation.value, "a count of events is its own event count");
    }
    assert_eq!(
        stored.iter().filter(|o| o.source.is_none()).count(),
        case.observations.len(),
        "the bundle's own figures have no source"
    );

    // 2. The same file again: nothing written, not even an audit entry.
    let (count, entries) = (s.count_observations().await.unwrap(), audit_len(&s).await);
    let again = s.import_events(&counted(&case, &bytes, "23.1"), "wg-threat").await.unwrap();
    assert!(matches!(again, EventImportOutcome::Unchanged { ref import } if import.release == "23.1"), "{again:?}");
    assert_eq!((s.count_observations().await.unwrap(), audit_len(&s).await), (count, entries));
    s.verify_audit().await.expect("the log verifies after the re-import");

    // 3. A newer release revises: its figures win, the old ones stay with their release.
    let (newer, from, to) = revised_sample();
    let EventImportOutcome::Written { revised, .. } =
        s.import_events(&counted(&case, &newer, "24.1"), "wg-threat").await.unwrap()
    else {
        panic!("a new release writes")
    };
    assert_eq!(revised.as_deref(), Some("23.1"));
    assert_eq!(figures_of(&s, "23.1").await, want, "the old release's figures are kept");
    let new = figures_of(&s, "24.1").await;
    assert_eq!(new.get(&to).copied().unwrap_or(0.0), want.get(&to).copied().unwrap_or(0.0) + 1.0);
    assert_eq!(new.get(&from).copied().unwrap_or(0.0), want[&from] - 1.0);
    let case_now = s.load_case().await.unwrap();
    let attacks = case_now.indicators.iter().find(|i| i.qualified_name() == "threat.attacks").unwrap();
    let monitor = case_now
        .series_by_publisher(attacks, "country")
        .into_iter()
        .find(|x| x.publisher.as_ref().is_some_and(|p| p.as_str() == "monitor"))
        .unwrap();
    let at = |m: Month| monitor.points.iter().find(|p| p.period == Period::Month(m)).map(|p| p.value);
    assert_eq!(at(from), Some(want[&from] - 1.0), "the series reads the newer release");
    s.verify_audit().await.expect("the log verifies after the revision");
    let history = s.event_imports(Some("ged-iraq")).await.unwrap();
    assert_eq!(history.iter().map(|i| i.release.as_str()).collect::<Vec<_>>(), ["23.1", "24.1"]);

    // 4. Another file under a release already imported is refused, and writes nothing.
    let (count, entries) = (s.count_observations().await.unwrap(), audit_len(&s).await);
    let mut third = newer.clone();
    third.extend_from_slice(b"\n");
    match s.import_events(&counted(&case, &third, "24.1"), "wg-threat").await {
        Err(StoreError::Invalid(p)) => assert_eq!(p[0].message.id, "store-release-other-file"),
        other => panic!("expected a refusal, got {other:?}"),
    }
    assert_eq!((s.count_observations().await.unwrap(), audit_len(&s).await), (count, entries));

    // 5. A definition changed since the file was read is refused.
    let mut changed = counted(&case, &bytes, "25.1");
    changed.definition.type_of_violence = vec![1];
    match s.import_events(&changed, "wg-threat").await {
        Err(StoreError::Invalid(p)) => assert_eq!(p[0].message.id, "store-definition-changed"),
        other => panic!("expected a refusal, got {other:?}"),
    }
    s.verify_audit().await.expect("refusals leave the log as it was");
}

async fn tampering_with_an_import_is_found<S: Raw>(s: S) {
    let case = case();
    s.import_case(&case, "secretariat").await.unwrap();
    let bytes = std::fs::read(sample_path()).unwrap();
    s.import_events(&counted(&case, &bytes, "23.1"), "wg-threat").await.unwrap();
    s.verify_audit().await.unwrap();
    let altered = |e: StoreError| {
        matches!(e, StoreError::AuditBroken(ChainBreak { kind: BreakKind::ObservationsAltered { .. }, .. }))
    };
    // The release named afterwards: the history would credit another release.
    s.raw("UPDATE event_imports SET release = '24.1'").await;
    assert!(altered(s.verify_audit().await.unwrap_err()));
    s.raw("UPDATE event_imports SET release = '23.1'").await;
    s.verify_audit().await.unwrap();
    // An event count changed afterwards.
    s.raw("UPDATE observations SET events = events + 1 WHERE events > 0").await;
    assert!(altered(s.verify_audit().await.unwrap_err()));
}
