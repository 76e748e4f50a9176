//! `tahawul minutes pdf`, `tahawul statement pdf` and `tahawul report pdf`: the file is written and reads back as the
//! record; an unknown round or an unwritable path is a clear error and writes nothing.

use crate::common;

use std::process::Command;

use common::*;

/// The text of a PDF file (poppler's pdftotext; scripts/test installs poppler-utils).
fn pdftotext(path: &std::path::Path) -> String {
    assert!(
        std::path::Path::new("/usr/bin/pdftotext").is_file(),
        "pdftotext is missing: apt-get install poppler-utils (scripts/test installs it)"
    );
    let out = Command::new("/usr/bin/pdftotext").args(["-enc", "UTF-8"]).arg(path).arg("-").output().unwrap();
    assert!(out.status.success(), "pdftotext: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

fn words(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn minutes_pdf_writes_the_minutes_in_the_language_asked_for() {
    let dir = tempfile::tempdir().unwrap();
    let case = founding();
    let en = dir.path().join("jscd-1-en.pdf");
    let o = tahawul(&["minutes", "pdf", "jscd-1", "--case", case.to_str().unwrap(), "-o", en.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("jscd-1-en.pdf"), "{}", stdout(&o));
    let text = words(&pdftotext(&en));
    assert!(text.contains("Minutes: First US–Iraq Joint Security Cooperation Dialogue (JSCD 1)"), "{text}");
    assert!(text.contains("Signatures of the heads of delegation"), "{text}");

    let ar = dir.path().join("jscd-1-ar.pdf");
    let o = tahawul(&[
        "minutes",
        "pdf",
        "jscd-1",
        "--lang",
        "ar",
        "--case",
        case.to_str().unwrap(),
        "-o",
        ar.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = words(&pdftotext(&ar));
    assert!(text.contains("توقيعات رؤساء الوفود"), "{text}");
    assert!(text.contains("واشنطن العاصمة"), "{text}");
}

#[test]
fn minutes_pdf_of_an_unknown_round_names_the_known_ones_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("x.pdf");
    let case = founding();
    let o = tahawul(&["minutes", "pdf", "jscd-9", "--case", case.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("there is no round `jscd-9`") && stderr(&o).contains("jscd-1"), "{}", stderr(&o));
    assert!(!out.exists());
    let o = tahawul(&[
        "minutes",
        "pdf",
        "jscd-9",
        "--lang",
        "ar",
        "--case",
        case.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(plain(&stderr(&o)).contains("jscd-9"), "{}", stderr(&o));
    assert!(!stderr(&o).contains("there is no round"), "the Arabic error is in Arabic: {}", stderr(&o));
}

#[test]
fn minutes_pdf_to_a_folder_that_does_not_exist_says_how_to_fix_it() {
    let case = founding();
    let o = tahawul(&["minutes", "pdf", "jscd-1", "--case", case.to_str().unwrap(), "-o", "/nonexistent-folder/m.pdf"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("cannot write /nonexistent-folder/m.pdf"), "{}", stderr(&o));
    assert!(stderr(&o).contains("give another path with -o"), "{}", stderr(&o));
}

#[test]
fn statement_pdf_holds_arabic_then_english() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("s.pdf");
    let case = founding();
    let o = tahawul(&[
        "statement",
        "pdf",
        "jscd-1",
        "--lang",
        "ar",
        "--case",
        case.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = words(&pdftotext(&out));
    let ar = text.find("البيان المشترك").expect("the Arabic title");
    let en = text.find("Joint statement").expect("the English statement");
    assert!(ar < en, "{text}");
}

/// `tahawul report pdf`: the cycle report of the bundle, offline, in the language asked for;
/// its text holds the case's areas, the gate indicators and each forecast phase's P50 month
/// (the forecast is seeded, so the one run here on the same settings has the same months).
#[test]
fn report_pdf_writes_the_cycle_report_with_the_forecast_dates() {
    use tahawul_domain::forecast;
    let dir = tempfile::tempdir().unwrap();
    let case_dir = founding();
    let out = dir.path().join("report-en.pdf");
    let o = tahawul(&["report", "pdf", "--case", case_dir.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("report-en.pdf"), "{}", stdout(&o));
    let text = words(&pdftotext(&out));
    let case = tahawul_domain::load(&case_dir).unwrap();
    let today = jiff::Zoned::now().date();
    let settings = tahawul_documents::report::baseline_settings(today, forecast::DEFAULT_PATHS);
    let report = forecast::run(&forecast::prepare(&case, &settings), None).unwrap();
    let mut want: Vec<String> = case.areas.iter().map(|a| a.name.en.clone()).collect();
    want.extend(tahawul_domain::cycle::gate_series(&case).iter().map(|(i, _)| i.name.en.clone()));
    want.extend(
        report
            .phases
            .iter()
            .filter(|p| p.started.is_none())
            .filter_map(|p| Some(format!("P50 {}", p.baseline.as_ref()?.p50?))),
    );
    assert!(want.iter().any(|w| w.starts_with("P50 ")), "a phase has a P50 in the horizon");
    for w in &want {
        assert!(text.contains(w.as_str()), "the report lacks {w:?}: {text}");
    }

    let ar = dir.path().join("report-ar.pdf");
    let o =
        tahawul(&["report", "pdf", "--lang", "ar", "--case", case_dir.to_str().unwrap(), "-o", ar.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = words(&pdftotext(&ar));
    assert!(text.contains("تقرير الدورة"), "the Arabic title: {text}");
}

#[test]
fn report_pdf_of_a_folder_that_is_no_case_says_so_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r.pdf");
    let missing = dir.path().join("no-such-case");
    let o = tahawul(&["report", "pdf", "--case", missing.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert!(!o.status.success(), "a missing case is an error");
    assert_ne!(o.status.code(), None);
    assert!(stderr(&o).contains("no-such-case"), "the error names the folder: {}", stderr(&o));
    assert!(!out.exists(), "nothing is written");
}

/// `tahawul report pdf --as-of 2025-06`: the report as it stood at the end of June 2025 —
/// dated that day, its forecast run from that month (the figures after it left out: the P50
/// months are those of a forecast as of 2025-06, and the federal mission's end, recorded as
/// started in January 2026, is still forecast, not shown as started), the previous cycle
/// counted back from it.
#[test]
fn report_pdf_as_of_a_past_month_is_the_report_of_that_month() {
    use tahawul_domain::forecast;
    let dir = tempfile::tempdir().unwrap();
    let case_dir = founding();
    let out = dir.path().join("report-2025-06.pdf");
    let o = tahawul(&[
        "report",
        "pdf",
        "--as-of",
        "2025-06",
        "--case",
        case_dir.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = words(&pdftotext(&out));
    let day: jiff::civil::Date = "2025-06-30".parse().unwrap();
    assert!(text.contains("As of 2025-06-30"), "{text}");
    let case = tahawul_domain::load(&case_dir).unwrap();
    let since = tahawul_domain::cycle::previous_cycle_end(&case, day);
    assert!(text.contains(&format!("end of the previous cycle ({since})")), "{since}: {text}");
    let settings = tahawul_documents::report::baseline_settings(day, forecast::DEFAULT_PATHS);
    let report = forecast::run(&forecast::prepare(&case, &settings), None).unwrap();
    assert!(text.contains(&format!("from {} to {}", report.settings.origin, report.settings.last_month)), "{text}");
    let p50s: Vec<String> = report
        .phases
        .iter()
        .filter(|p| p.started.is_none())
        .filter_map(|p| Some(format!("P50 {}", p.baseline.as_ref()?.p50?)))
        .collect();
    assert!(!p50s.is_empty());
    for w in &p50s {
        assert!(text.contains(w.as_str()), "the report as of 2025-06 lacks {w:?}: {text}");
    }
    assert!(text.contains("started in 2024-09"), "started before June 2025: {text}");
    assert!(!text.contains("started in 2026-01"), "recorded after June 2025: {text}");

    // Today's report does show it started: the month made the difference.
    let now = dir.path().join("report-now.pdf");
    let o = tahawul(&["report", "pdf", "--case", case_dir.to_str().unwrap(), "-o", now.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(words(&pdftotext(&now)).contains("started in 2026-01"));
}

/// A month not written YYYY-MM, or one after the current month, is refused with exit 2 in the
/// reader's language, saying how to write it; nothing is written.
#[test]
fn report_pdf_as_of_a_bad_or_future_month_says_how_to_write_it_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r.pdf");
    let case = founding();
    let next_year = (jiff::Zoned::now().date().year() + 1).to_string() + "-01";
    for (bad, en) in [
        ("2025-13", "must be a month written YYYY-MM, not 2025-13"),
        ("June", "not June"),
        ("2025-06-30", "YYYY-MM, not 2025-06-30"),
        (next_year.as_str(), "is after the current month"),
    ] {
        let args = ["report", "pdf", "--as-of", bad, "--case", case.to_str().unwrap(), "-o", out.to_str().unwrap()];
        let o = tahawul(&args);
        assert_eq!(o.status.code(), Some(2), "{bad}: {}", stderr(&o));
        assert!(stderr(&o).contains(en), "{bad}: {}", stderr(&o));
        assert!(stderr(&o).contains("e.g. --as-of"), "{bad}: how to fix it: {}", stderr(&o));
        let mut ar = vec!["--lang", "ar"];
        ar.extend(args);
        let o = tahawul(&ar);
        assert_eq!(o.status.code(), Some(2), "{bad}: {}", stderr(&o));
        let err = plain(&stderr(&o));
        assert!(err.contains(bad) && err.contains("--as-of"), "{bad}: {err}");
        assert!(err.contains("شهر"), "{bad}: the Arabic error is in Arabic: {err}");
        assert!(!err.contains("must be") && !err.contains("is after"), "{bad}: {err}");
        assert!(!out.exists(), "{bad}: nothing written");
    }
}
