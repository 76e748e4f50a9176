//! The `tahawul` binary as a user runs it: exit codes, stdout/stderr, both languages, JSON shapes.

use crate::common;

use std::process::Command;

use common::*;

#[test]
fn check_accepts_a_valid_bundle_and_counts_what_it_holds() {
    let m = mini();
    let o = tahawul(&["check", m.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("the case “Mini case” is valid"), "{}", stdout(&o));
    let o = tahawul(&["check", m.to_str().unwrap(), "--format", "json"]);
    let v = json(&o);
    assert_eq!(v["valid"], true);
    assert_eq!(v["counts"]["observations"], 10);
    assert_eq!(v["counts"]["illustrative_observations"], 5);
}

#[test]
fn check_reports_a_broken_bundle_with_file_line_column_and_exit_1_in_both_languages() {
    let dir = broken_copy("phases.toml", r#"areas = ["north"]"#, r#"areas = ["nort"]"#);
    let p = dir.path().to_str().unwrap();
    let o = tahawul(&["check", p]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("phases.toml:5:10: error: there is no area `nort`"), "{err}");
    assert!(err.contains("did you mean `north`?"), "{err}");
    assert!(err.contains("1 problem found"), "{err}");
    assert!(stdout(&o).is_empty(), "nothing on stdout when invalid");

    let o = tahawul(&["check", p, "--lang", "ar"]);
    assert_eq!(o.status.code(), Some(1));
    // In Arabic the location is one isolated unit, so it reads in the right order.
    assert!(stderr(&o).contains("\u{2068}phases.toml:5:10\u{2069}: خطأ"), "{}", stderr(&o));
    let err = plain(&stderr(&o));
    assert!(err.contains("phases.toml:5:10: خطأ: لا يوجد منطقة بالمعرّف `nort`"), "{err}");
    assert!(err.contains("هل تقصد `north`؟"), "{err}");
    assert!(err.contains("وُجدت مشكلة واحدة"), "{err}");

    let o = tahawul(&["check", p, "--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stderr).expect("problems as JSON on stderr");
    assert_eq!(v["problems"][0]["code"], "bundle-unknown-reference");
    assert_eq!(v["problems"][0]["line"], 5);
    assert_eq!(v["problems"][0]["column"], 10);
}

#[test]
fn check_of_a_missing_folder_fails_cleanly() {
    let o = tahawul(&["check", "/no/such/bundle"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("is not a folder"), "{}", stderr(&o));
}

#[test]
fn status_reports_met_not_met_and_stale_with_reasons() {
    let m = mini();
    let o = tahawul(&["status", "--case", m.to_str().unwrap(), "--as-of", "2024-05-20", "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v = json(&o);
    let cells = v["cells"].as_array().unwrap();
    assert_eq!(cells.len(), 4, "2 areas × 2 factors");
    let cell =
        |area: &str, factor: &str| cells.iter().find(|c| c["area"] == area && c["factor"] == factor).unwrap().clone();
    assert_eq!(cell("country", "threat")["status"], "met");
    assert_eq!(cell("north", "threat")["status"], "not-met");
    assert_eq!(cell("north", "capability")["status"], "met", "endorsed top rating without a condition");
    assert_eq!(cell("country", "capability")["status"], "no-data");
    assert!(cell("north", "threat")["reasons"][0].as_str().unwrap().contains("2024-02"), "the missing month is named");

    // A year later the monthly figures are overdue: stale, not met.
    let o = tahawul(&["status", "--case", m.to_str().unwrap(), "--as-of", "2025-05-20", "--format", "json"]);
    let v = json(&o);
    let c = v["cells"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["area"] == "country" && c["factor"] == "threat")
        .unwrap()
        .clone();
    assert_eq!(c["status"], "stale");
    assert_eq!(c["condition"], "met", "the data would say met");
    assert_eq!(c["stale"][0]["expected"], "2024-05");
}

#[test]
fn gates_explain_each_clause_and_render_in_both_languages() {
    let m = mini();
    let o =
        tahawul(&["gates", "--case", m.to_str().unwrap(), "--as-of", "2024-05-20", "--explain", "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v = json(&o);
    let handover = &v["phases"][0];
    assert_eq!(handover["phase"], "handover-north");
    assert_eq!(handover["areas"][0]["truth"], "not-met");
    assert!(handover["sentence"]["en"].as_str().unwrap().contains("Attacks per month"));
    assert!(handover["sentence"]["ar"].as_str().unwrap().contains("الهجمات شهريًا"));
    assert_eq!(handover["areas"][0]["explanation"].as_array().unwrap().len(), 2, "one line per clause");

    let o = tahawul(&["gates", "--case", m.to_str().unwrap(), "--as-of", "2024-05-20", "--explain", "--lang", "ar"]);
    let out = stdout(&o);
    assert!(out.contains("التسليم في الشمال (توضيحي)"), "{out}");
    assert!(out.contains("الشمال: غير متحقق"), "{out}");
}

#[test]
fn commitments_filter_open_ones_and_count_in_arabic_plurals() {
    let m = mini();
    let o = tahawul(&["commitments", "--case", m.to_str().unwrap(), "--open", "--format", "json"]);
    let v = json(&o);
    let ids: Vec<&str> = v.as_array().unwrap().iter().map(|c| c["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["protect"], "the fully met commitment is not open");
    assert_eq!(v[0]["status"], 2);
    assert_eq!(v[0]["status_name"], "intermediate");

    let o = tahawul(&["commitments", "--case", m.to_str().unwrap(), "--lang", "ar"]);
    assert!(stdout(&o).contains("حالة مصغرة: التزامان"), "{}", stdout(&o));
    let o = tahawul(&["commitments", "--case", m.to_str().unwrap(), "--party", "zz"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("there is no party `zz`"), "{}", stderr(&o));
}

#[test]
fn a_bad_date_on_the_command_line_is_a_usage_error_in_the_users_language() {
    let m = mini();
    let o = tahawul(&["status", "--case", m.to_str().unwrap(), "--as-of", "2024-13-01", "--lang", "ar"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("YYYY-MM-DD"), "{}", stderr(&o));
    assert!(stderr(&o).contains("خطأ"), "{}", stderr(&o));
}

#[test]
fn arabic_indic_digits_are_a_user_setting() {
    let m = mini();
    let o = tahawul(&["check", m.to_str().unwrap(), "--lang", "ar", "--digits", "arabic-indic"]);
    assert!(plain(&stdout(&o)).contains("١٠ قراءات"), "{}", stdout(&o));
}

#[test]
fn status_reads_the_same_in_snapshot_form() {
    let m = mini();
    for lang in ["en", "ar"] {
        let o = tahawul(&["status", "--case", m.to_str().unwrap(), "--as-of", "2024-05-20", "--lang", lang]);
        assert!(o.status.success());
        // The isolates around dates and numbers (Arabic only) shown as ⁅ … ⁆.
        let out = stdout(&o);
        if lang == "en" {
            assert_eq!(marked(&out), out, "English output has no isolates");
        }
        insta::assert_snapshot!(format!("status_{lang}"), marked(&out));
    }
}

#[test]
fn a_closed_pipe_ends_the_output_quietly() {
    use std::io::Read;
    use std::process::Stdio;
    // Output far larger than a pipe's buffer, so writing must meet the closed pipe.
    let many: String = (0..400)
        .map(|i| format!("\n[[commitment]]\nid = \"c{i}\"\nparties = [\"a\"]\ntheme = \"t\"\nround = \"r1\"\ntext = {{ en = \"Commitment {i} with enough words to take some room in the output\", ar = \"التزام {i}\" }}\nstatus = 1\n"))
        .collect();
    let dir = broken_copy(
        "commitments.toml",
        "[[commitment]]\nid = \"protect\"",
        &format!("{many}\n[[commitment]]\nid = \"protect\""),
    );
    let mut child = Command::new(env!("CARGO_BIN_EXE_tahawul"))
        .args(["commitments", "--format", "json", "--case", dir.path().to_str().unwrap()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Read one byte, then close the pipe the way `| head -c1` does.
    let mut out = child.stdout.take().unwrap();
    let mut one = [0u8; 1];
    out.read_exact(&mut one).unwrap();
    drop(out);
    let mut err = String::new();
    child.stderr.take().unwrap().read_to_string(&mut err).unwrap();
    child.wait().unwrap();
    assert!(!err.contains("panicked"), "no panic on a closed pipe: {err}");
}
