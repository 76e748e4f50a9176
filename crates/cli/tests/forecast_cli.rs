//! `tahawul forecast` and `tahawul backtest` as a user runs them.

use crate::common;

use std::fmt::Write as _;
use std::path::Path;
use std::process::Output;

use common::*;

fn wobble(t: i32) -> f64 {
    ((t as f64 * 12.9898).sin() * 43_758.545).fract() - 0.5
}

/// The mini bundle with three years of figures before its own, so that every series can be fitted.
fn mini_with_history() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let copy = |from: &Path, to: &Path| {
        std::fs::create_dir_all(to).unwrap();
        for e in std::fs::read_dir(from).unwrap() {
            let p = e.unwrap().path();
            if p.is_file() {
                std::fs::copy(&p, to.join(p.file_name().unwrap())).unwrap();
            }
        }
    };
    copy(&mini(), dir.path());
    copy(&mini().join("observations"), &dir.path().join("observations"));
    let mut csv = String::from(
        "indicator,area,period,value,scale_version,publisher,method,as_of,confidence,illustrative,document,note\n",
    );
    let row = |csv: &mut String, ind: &str, area: &str, period: String, value: String| {
        writeln!(csv, "{ind},{area},{period},{value},,office,count,2024-04-30,medium,true,,").unwrap();
    };
    for t in 0..38 {
        let (y, m) = (2021 + t / 12, t % 12 + 1);
        let north = (32.0 * (-0.02 * t as f64).exp() * (1.0 + 0.25 * wobble(t))).round();
        row(&mut csv, "threat.attacks", "north", format!("{y}-{m:02}"), north.to_string());
        if y < 2024 {
            let country = (25.0 * (-0.015 * t as f64).exp() * (1.0 + 0.2 * wobble(t + 100))).round();
            row(&mut csv, "threat.attacks", "country", format!("{y}-{m:02}"), country.to_string());
        }
    }
    for q in 0..13 {
        let period = format!("{}-Q{}", 2021 + q / 4, q % 4 + 1);
        if q < 11 {
            let level = if q < 4 || q == 5 { "forming" } else { "in-the-lead" };
            row(&mut csv, "capability.readiness", "north", period.clone(), level.into());
        }
        let share = (0.08 + 0.022 * q as f64 + 0.02 * wobble(q + 7)).clamp(0.01, 0.99);
        row(&mut csv, "capability.independent_share", "country", period.clone(), format!("{share:.3}"));
        if q < 12 {
            row(&mut csv, "capability.independent_share", "north", period, format!("{:.3}", share * 0.8));
        }
    }
    std::fs::write(dir.path().join("observations/history.csv"), csv).unwrap();
    dir
}

fn forecast(case: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["forecast", "--case", case.to_str().unwrap(), "--as-of", "2024-04-30", "--paths", "2000"];
    args.extend_from_slice(extra);
    tahawul(&args)
}

fn is_month_or_null(v: &serde_json::Value) -> bool {
    v.is_null() || v.as_str().is_some_and(|s| s.len() == 7 && s.as_bytes()[4] == b'-')
}

#[test]
fn forecast_json_has_its_documented_shape_and_the_same_seed_gives_the_same_output() {
    let dir = mini_with_history();
    let o = forecast(dir.path(), &["--format", "json", "--seed", "11"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v = json(&o);
    assert_eq!(v["case"], "mini");
    let s = &v["settings"];
    assert_eq!(
        (s["as_of"].as_str(), s["origin"].as_str(), s["last_month"].as_str()),
        (Some("2024-04"), Some("2024-05"), Some("2034-04"))
    );
    assert_eq!(
        (s["paths"].as_u64(), s["seed"].as_u64(), s["horizon_months"].as_u64()),
        (Some(2000), Some(11), Some(120))
    );
    assert!(v["what_if"].is_null());
    let phases = v["phases"].as_array().unwrap();
    assert_eq!(phases.len(), 2);
    for p in phases {
        let b = &p["baseline"];
        for k in ["p10", "p50", "p90"] {
            assert!(is_month_or_null(&b[k]), "{k}: {}", b[k]);
        }
        let never = b["p_not_within_horizon"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&never));
        assert!(p["name"]["en"].is_string() && p["name"]["ar"].is_string());
        assert_eq!(p["illustrative"], true);
        assert!(p["cannot_forecast"].is_null());
        assert!(p["scenario"].is_null());
    }
    assert!(phases[0]["baseline"]["p_by_deadline"].is_f64(), "the handover has a deadline");
    assert!(phases[1]["baseline"]["p_by_deadline"].is_null(), "the partnership has none");
    let series = v["series"].as_array().unwrap();
    assert!(series.iter().all(|s| s["log_likelihood"].is_f64() && s["variances"]["irregular"].is_f64()));
    assert!(series.iter().any(|s| s["indicator"] == "capability.readiness" && s["scale"] == "level"));

    let again = forecast(dir.path(), &["--format", "json", "--seed", "11"]);
    assert_eq!(stdout(&o), stdout(&again), "same seed, same forecast");
}

#[test]
fn the_table_labels_illustrative_phases_in_english_and_arabic() {
    let dir = mini_with_history();
    let o = forecast(dir.path(), &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("Handover in the North (illustrative)"), "{out}");
    assert!(out.contains("starts: P10 "), "{out}");
    assert!(out.contains("chance of starting by the deadline (2025-06)"), "{out}");
    assert!(out.contains("Values marked illustrative are not public figures"), "{out}");
    assert!(out.contains("they are not predictions"), "{out}");

    let o = forecast(dir.path(), &["--lang", "ar"]);
    let out = plain(&stdout(&o));
    assert!(out.contains("التسليم في الشمال (توضيحي)"), "{out}");
    assert!(out.contains("البدء: P10 "), "{out}");
    assert!(out.contains("القيم الموسومة بأنها توضيحية"), "{out}");
}

#[test]
fn a_scenario_is_shown_beside_the_baseline() {
    let dir = mini_with_history();
    let o = forecast(dir.path(), &["--scenario", "attacks-double"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("What-if: Attacks double"), "{out}");
    assert!(out.contains("threat.attacks <= 10 for 2 months → threat.attacks <= 12 for 2 months"), "{out}");
    assert!(out.contains("  baseline:\n") && out.contains("  what-if:\n"), "{out}");

    let o = forecast(
        dir.path(),
        &[
            "--format",
            "json",
            "--shock",
            "threat.attacks@north multiply=2 from=2024-07",
            "--threshold",
            "handover-north#1=12",
        ],
    );
    let v = json(&o);
    assert!(v["what_if"]["scenario"].is_null());
    assert_eq!(v["what_if"]["shocks"][0]["series"][0], "threat.attacks@north");
    assert_eq!(v["what_if"]["thresholds"][0]["after"], "threat.attacks <= 12 for 2 months");
    assert!(v["phases"][0]["scenario"]["p50"].is_string() || v["phases"][0]["scenario"]["p50"].is_null());
}

#[test]
fn a_phase_that_cannot_be_forecast_says_why_and_the_others_still_run() {
    let o = tahawul(&["forecast", "--case", mini().to_str().unwrap(), "--as-of", "2024-05-20", "--paths", "500"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("cannot forecast: threat.attacks in North has only 2 figures"), "{}", stdout(&o));
    let o = tahawul(&[
        "forecast",
        "--case",
        mini().to_str().unwrap(),
        "--as-of",
        "2024-05-20",
        "--paths",
        "500",
        "--format",
        "json",
    ]);
    let v = json(&o);
    assert_eq!(v["phases"][0]["cannot_forecast"]["reason"], "too-few-figures");
    assert_eq!(v["phases"][0]["cannot_forecast"]["figures"], 2);
    assert!(v["phases"][0]["cannot_forecast"]["message"].as_str().unwrap().contains("has only 2 figures"));
}

#[test]
fn bad_what_ifs_are_usage_errors_in_the_users_language() {
    let dir = mini_with_history();
    let o = forecast(dir.path(), &["--shock", "threat.atacks multiply=2"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("error: --shock 'threat.atacks multiply=2': there is no indicator `threat.atacks`"), "{err}");
    assert!(err.contains("help: did you mean `threat.attacks`?"), "{err}");
    assert!(stdout(&o).is_empty());

    let o = forecast(dir.path(), &["--shock", "threat.attacks multiply=0", "--lang", "ar"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        plain(&stderr(&o)).contains("خطأ: --shock 'threat.attacks multiply=0': يجب أن تكون قيمة multiply أكبر من 0"),
        "{}",
        stderr(&o)
    );

    let o = forecast(dir.path(), &["--threshold", "handover-north#9=3"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("phase `handover-north` has no clause 9: its gate has 2 clauses"), "{err}");
    assert!(err.contains("1 `threat.attacks <= 10 for 2 months`"), "{err}");

    let o = forecast(dir.path(), &["--threshold", "handover-north#9=3", "--lang", "ar"]);
    assert!(plain(&stderr(&o)).contains("في شرطها بندان"), "{}", stderr(&o));

    let o = forecast(dir.path(), &["--scenario", "nope"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("there is no scenario `nope`"), "{}", stderr(&o));
    assert!(stderr(&o).contains("the scenarios are: attacks-double"), "{}", stderr(&o));
    let o = forecast(dir.path(), &["--scenario", "nope", "--lang", "ar"]);
    assert!(stderr(&o).contains("لا يوجد سيناريو بالمعرّف \u{2068}`nope`\u{2069}"), "{}", stderr(&o));

    let o = forecast(dir.path(), &["--paths", "0"]);
    assert_eq!(o.status.code(), Some(2), "zero paths is refused by the command line");
}

#[test]
fn backtest_json_has_coverage_and_baselines() {
    let dir = mini_with_history();
    let o = tahawul(&["backtest", "--case", dir.path().to_str().unwrap(), "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v = json(&o);
    assert_eq!(v["holdout_months"], 12);
    let scored: Vec<&serde_json::Value> =
        v["series"].as_array().unwrap().iter().filter(|s| !s["scores"].is_null()).collect();
    assert!(scored.len() >= 4, "{v}");
    for s in &scored {
        let c = s["scores"]["coverage_80"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&c));
        assert!(
            s["scores"]["mae_naive"].is_f64() && s["scores"]["mae_drift"].is_f64() && s["scores"]["mae_model"].is_f64()
        );
    }
    let overall = v["overall"]["coverage_80"].as_f64().unwrap();
    assert!((0.0..=1.0).contains(&overall));

    let o = tahawul(&["backtest", "--case", dir.path().to_str().unwrap(), "--holdout", "6", "--lang", "ar"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = plain(&stdout(&o));
    assert!(out.contains("آخر 6 أشهر"), "{out}");
    assert!(out.contains("الإجمال:"), "{out}");
}

#[test]
fn the_founding_case_backtest_scores_its_gates_in_json_and_in_both_languages() {
    let case = founding();
    let args = ["backtest", "--case", case.to_str().unwrap(), "--every", "6", "--from", "2023-01", "--to", "2025-07"];
    let o = tahawul(&[&args[..], &["--format", "json", "--paths", "200"]].concat());
    assert!(o.status.success(), "{}", stderr(&o));
    let v = json(&o);
    let gates = v["gates"].as_array().unwrap();
    assert_eq!(gates.len(), 4, "one entry per phase");
    let mut total = 0;
    for g in gates {
        let n = g["forecasts"].as_u64().unwrap();
        let binned: u64 = g["reliability"].as_array().unwrap().iter().map(|b| b["forecasts"].as_u64().unwrap()).sum();
        assert_eq!(binned, n, "{}", g["phase"]);
        assert_eq!(g["points"].as_array().unwrap().len() as u64, n);
        if n > 0 {
            assert!(g["brier"].is_f64() && g["brier_reference"].is_f64(), "{g}");
        }
        total += n;
    }
    assert!(total > 0);
    assert_eq!(v["overall"]["gates"]["forecasts"].as_u64(), Some(total));

    let o = tahawul(&[&args[..], &["--paths", "200"]].concat());
    let out = stdout(&o);
    assert!(out.contains("Brier") && out.contains("Reliability, all gates"), "{out}");
    assert_eq!(
        out.lines().filter(|l| l.trim_start().contains("%–") && l.contains(" · ")).count(),
        10,
        "ten bins: {out}"
    );
    let o = tahawul(&[&args[..], &["--paths", "200", "--lang", "ar"]].concat());
    let out = stdout(&o);
    assert!(out.contains("براير") && out.contains("الموثوقية، كل الشروط"), "{out}");
    assert!(!out.contains('⟦'), "{out}");
}

#[test]
fn the_founding_case_forecasts_with_illustrative_values_labelled() {
    let case = founding();
    let o = tahawul(&["forecast", "--case", case.to_str().unwrap(), "--as-of", "2025-06-30"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("(illustrative)"), "{out}");
    assert!(out.contains("Values marked illustrative are not public figures"), "{out}");
    assert!(!out.contains("cannot forecast"), "every phase of the founding case forecasts: {out}");
    let o = tahawul(&["forecast", "--case", case.to_str().unwrap(), "--as-of", "2025-06-30", "--lang", "ar"]);
    assert!(stdout(&o).contains("(توضيحي)"), "{}", stdout(&o));
}

/// Issue 17: in Arabic on a terminal, every digit of the founding case's forecast, status and
/// gates (dates, periods, percentages, thresholds) sits inside an isolate (FSI … PDI), so the
/// terminal cannot reorder it among the Arabic words; English output holds no isolate.
#[test]
fn arabic_terminal_output_isolates_every_number() {
    let case = founding();
    let case = case.to_str().unwrap();
    for command in ["forecast", "status", "gates"] {
        let mut args = vec![command, "--case", case, "--as-of", "2025-06-30"];
        if command == "forecast" {
            args.extend(["--paths", "500"]);
        }
        let en = stdout(&tahawul(&args));
        assert!(!en.contains(['\u{2068}', '\u{2069}']), "{command}: English has no isolates");
        args.extend(["--lang", "ar"]);
        let ar = stdout(&tahawul(&args));
        let mut bare = Vec::new();
        for line in ar.lines().filter(|l| l.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c))) {
            let mut depth = 0i32;
            for c in line.chars() {
                match c {
                    '\u{2068}' => depth += 1,
                    '\u{2069}' => depth -= 1,
                    c if c.is_ascii_digit() && depth == 0 => {
                        bare.push(line.to_string());
                        break;
                    }
                    _ => {}
                }
                assert!(depth >= 0, "{command}: a PDI without its FSI in {line}");
            }
            assert_eq!(depth, 0, "{command}: an isolate left open in {line}");
        }
        assert!(bare.is_empty(), "{command}: digits outside an isolate:\n{}", marked(&bare.join("\n")));
        assert!(ar.matches('\u{2068}').count() > 10, "{command}: {}", marked(&ar));
    }
}
