//! Writing a case as a bundle and loading it back gives the same case; the output is stable.

use std::path::Path;

use proptest::prelude::*;
use tahawul_domain::{Case, Text, bundle};

fn mini() -> Case {
    tahawul_domain::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bundles/mini")).expect("mini loads")
}

fn founding() -> Case {
    tahawul_domain::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/iraq-hmc"))
        .expect("founding case loads")
}

fn json(c: &Case) -> serde_json::Value {
    serde_json::to_value(c).unwrap()
}

fn reload(case: &Case) -> Case {
    let dir = tempfile::tempdir().unwrap();
    bundle::write(case, dir.path()).unwrap();
    tahawul_domain::load(dir.path()).unwrap_or_else(|d| panic!("written bundle must load: {d:#?}"))
}

#[test]
fn the_mini_case_survives_write_and_load() {
    let c = mini();
    assert_eq!(json(&reload(&c)), json(&c));
}

#[test]
fn the_founding_case_survives_write_and_load() {
    let c = founding();
    assert_eq!(json(&reload(&c)), json(&c));
}

#[test]
fn writing_is_deterministic_and_a_fixed_point() {
    let c = founding();
    let once = bundle::render(&c);
    assert_eq!(once, bundle::render(&c));
    assert_eq!(once, bundle::render(&reload(&c)), "export after import gives the same bundle");
}

#[test]
fn a_case_survives_json() {
    let c = founding();
    let back: Case = serde_json::from_value(json(&c)).expect("Case deserializes");
    assert_eq!(json(&back), json(&c));
}

#[test]
fn json_with_a_malformed_id_or_gate_is_refused() {
    let mut v = json(&mini());
    v["areas"][0]["id"] = "Not An Id".into();
    assert!(serde_json::from_value::<Case>(v).is_err());
    let mut v = json(&mini());
    v["phases"][0]["gate"]["source"] = "threat.attacks <=".into();
    let err = serde_json::from_value::<Case>(v).unwrap_err().to_string();
    assert!(err.contains("does not parse"), "{err}");
}

#[test]
fn check_accepts_a_valid_case_and_finds_a_dangling_reference() {
    let mut c = mini();
    assert!(bundle::check(&c).is_empty());
    c.phases[0].areas[0] = tahawul_domain::Id::parse("nowhere").unwrap();
    let d = bundle::check(&c);
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0].message.id, "bundle-unknown-reference");
    assert_eq!(d[0].file, "phases.toml");
}

#[test]
fn csv_import_is_all_or_nothing_and_lists_every_bad_row() {
    let c = mini();
    let good = "indicator,area,period,value,scale_version,publisher,method,as_of,confidence,illustrative,document,note\n\
                threat.attacks,country,2024-05,6,,office,count,2024-06-05,high,false,,\n";
    assert_eq!(bundle::read_observations_csv("new.csv", good, &c).unwrap().len(), 1);
    let bad = format!(
        "{good}threat.attacks,country,2024-06,-1,,office,count,2024-07-05,high,false,,\nthreat.attacks,narnia,2024-07,3,,office,count,2024-08-05,high,false,,\n"
    );
    let d = bundle::read_observations_csv("new.csv", &bad, &c).expect_err("two bad rows");
    let lines: Vec<u32> = d.iter().map(|x| x.line).collect();
    assert_eq!(lines, vec![3, 4]);
    assert!(d.iter().all(|x| x.file == "new.csv"));
}

#[test]
fn a_figure_typed_field_by_field_is_read_as_a_csv_row_with_problems_at_their_column() {
    let c = mini();
    let mut fields = vec![
        ("indicator", "threat.attacks"),
        ("area", "country"),
        ("period", "2024-05"),
        ("value", "6"),
        ("scale_version", ""),
        ("publisher", "office"),
        ("method", "count"),
        ("as_of", "2024-06-05"),
        ("confidence", "high"),
        ("illustrative", "false"),
        ("document", ""),
        ("note", "a note, with a comma and \"quotes\""),
        ("csrf", "not a column"),
    ];
    let text = bundle::observation_row_csv(&fields);
    let rows = bundle::read_observations_csv("form", &text, &c).expect("the typed figure reads");
    assert_eq!((rows.len(), rows[0].value, rows[0].period.to_string().as_str()), (1, 6.0, "2024-05"));
    fields[2].1 = "2024-13";
    fields[3].1 = "-1";
    let d = bundle::read_observations_csv("form", &bundle::observation_row_csv(&fields), &c).expect_err("bad");
    let columns: Vec<Option<&str>> = d.iter().map(|x| x.csv_column()).collect();
    assert_eq!(columns, vec![Some("period"), Some("value")], "{d:?}");
    assert!(d.iter().all(|x| x.line == 2));
}

#[test]
fn numbers_periods_and_dates_typed_in_arabic_indic_digits_read_as_the_ascii_ones() {
    let c = mini();
    let header =
        "indicator,area,period,value,scale_version,publisher,method,as_of,confidence,illustrative,document,note\n";
    let ascii = format!("{header}threat.attacks,country,2024-05,6,,office,count,2024-06-05,high,false,,الرقم 12\n");
    let arabic = format!("{header}threat.attacks,country,٢٠٢٤-٠٥,٦,,office,count,۲۰۲۴-۰۶-۰۵,high,false,,الرقم 12\n");
    let (a, b) = (
        bundle::read_observations_csv("ascii.csv", &ascii, &c).expect("ASCII digits read"),
        bundle::read_observations_csv("arabic.csv", &arabic, &c).expect("Arabic-Indic digits read"),
    );
    assert_eq!((b[0].period, b[0].value, b[0].as_of), (a[0].period, a[0].value, a[0].as_of));
    // Not a number in any digits is still refused, quoting what was typed.
    let bad = format!("{header}threat.attacks,country,٢٠٢٤-٠٥,٦x,,office,count,2024-06-05,high,false,,\n");
    let d = bundle::read_observations_csv("bad.csv", &bad, &c).expect_err("not a number");
    assert_eq!(d[0].csv_column(), Some("value"), "{d:?}");
}

/// Text that tries to break TOML quoting: quotes, backslashes, newlines, bidi controls.
fn nasty_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            Just("\"".to_string()),
            Just("\\".to_string()),
            Just("\n".to_string()),
            Just("'''".to_string()),
            Just("\u{202E}".to_string()),
            Just("ثابت".to_string()),
            Just("#".to_string()),
            "[a-zA-Z ]{1,6}",
        ],
        1..8,
    )
    .prop_map(|v| v.concat())
    .prop_filter("not blank", |s| !s.trim().is_empty())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn any_texts_and_values_survive_write_and_load(
        name_en in nasty_text(),
        name_ar in nasty_text(),
        values in prop::collection::vec(0u32..100_000, 4),
        share in 0.0f64..=1.0,
    ) {
        let mut c = mini();
        c.name = Text::new(name_en.trim(), name_ar.trim());
        c.areas[1].name = Text::new(name_ar.trim(), name_en.trim());
        let mut k = 0;
        for o in c.observations.iter_mut() {
            match (o.indicator.as_str(), k < values.len()) {
                ("attacks", true) => { o.value = f64::from(values[k]); k += 1; }
                ("independent_share", _) => o.value = share,
                _ => {}
            }
        }
        prop_assert_eq!(json(&reload(&c)), json(&c));
    }
}

#[test]
fn import_definitions_and_places_are_read_and_written_back() {
    let c = mini();
    let (indicator, d) = c.import_definition("ged-attacks").expect("imports.toml defines ged-attacks");
    assert_eq!(indicator.qualified_name(), "threat.attacks");
    assert_eq!(
        (d.dataset, d.measure, d.spanning),
        (tahawul_domain::Dataset::UcdpGed, tahawul_domain::Measure::Events, tahawul_domain::Spanning::Skip)
    );
    assert_eq!(d.type_of_violence, [1, 3]);
    assert_eq!((d.max_date_precision, d.from, d.to), (Some(3), Some(tahawul_domain::Month::new(2023, 1)), None));
    assert_eq!(c.area("north").unwrap().places, ["IQ-NI", "IQ-DA", "IQ:Halabja"]);
    let files = bundle::render(&c);
    let imports = &files.iter().find(|(n, _)| n == "imports.toml").expect("written").1;
    assert!(
        imports.contains("indicator = \"threat.attacks\"") && imports.contains("type_of_violence = [1, 3]"),
        "{imports}"
    );
}

#[test]
fn a_case_without_definitions_or_places_is_written_as_before() {
    // The founding case without its places and definitions: no imports.toml and no `places`
    // key appear, so such a bundle is byte for byte what earlier versions wrote.
    let mut case = founding();
    assert!(case.areas.iter().any(|a| !a.places.is_empty()), "the founding case has places");
    case.areas.iter_mut().for_each(|a| a.places.clear());
    case.indicators.iter_mut().for_each(|i| i.imports.clear());
    let files = bundle::render(&case);
    assert!(files.iter().all(|(n, _)| n != "imports.toml"));
    assert!(files.iter().all(|(_, text)| !text.contains("\nplaces = ")));
}
