//! The importer on real GED rows (UCDP GED 23.1 sample, CC BY 4.0 — Davies, Engström,
//! Pettersson & Öberg 2024, JPR 61(4); Sundberg & Melander 2013, JPR 50(4)) and on broken files.

use std::collections::BTreeMap;

use tahawul_domain::{Id, Month};
use tahawul_events::*;

fn sample_path() -> std::path::PathBuf {
    // tests/data/README.md: the sample's source, licence and citation.
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/ged231_sample_1000_events.csv")
}

fn id(s: &str) -> Id {
    Id::parse(s).unwrap()
}

fn iraq_places() -> Places {
    let federal = [
        "IQ-AN", "IQ-BA", "IQ-BB", "IQ-BG", "IQ-DI", "IQ-DQ", "IQ-KA", "IQ-KI", "IQ-MA", "IQ-MU", "IQ-NA", "IQ-NI",
        "IQ-QA", "IQ-SD", "IQ-WA",
    ];
    let areas = vec![
        AreaPlaces { area: id("iraq"), codes: vec!["IQ".into()], names: vec![] },
        AreaPlaces { area: id("federal-iraq"), codes: federal.iter().map(|c| c.to_string()).collect(), names: vec![] },
        AreaPlaces {
            area: id("kurdistan-region"),
            codes: vec!["IQ-AR".into(), "IQ-DA".into(), "IQ-SU".into()],
            names: vec!["IQ:Halabja".into()],
        },
    ];
    Places::new(&Gazetteer::system().expect("Debian's iso-codes is installed"), &areas)
        .expect("the areas' codes are ISO codes")
}

fn definition(measure: &str, extra: &str) -> Definition {
    toml::from_str(&format!(
        "id = \"ged-iraq\"\ndataset = \"ucdp-ged\"\npublisher = \"ucdp\"\nmethod = \"ged-monthly\"\nmeasure = \"{measure}\"\n{extra}"
    ))
    .unwrap()
}

/// Iraq's figures computed straight from the CSV, by UCDP's own rule (month of date_start,
/// events spanning months left out), without the importer's code.
fn independent(value_column: Option<&str>, violence: Option<&str>) -> BTreeMap<Month, f64> {
    let mut r = csv::Reader::from_path(sample_path()).unwrap();
    let h = r.headers().unwrap().clone();
    let col = |n: &str| h.iter().position(|x| x == n).unwrap();
    let mut out = BTreeMap::new();
    for row in r.records() {
        let row = row.unwrap();
        if &row[col("country")] != "Iraq" || violence.is_some_and(|v| &row[col("type_of_violence")] != v) {
            continue;
        }
        let (s, e) = (&row[col("date_start")], &row[col("date_end")]);
        if s[..7] != e[..7] {
            continue;
        }
        let m = Month::new(s[..4].parse().unwrap(), s[5..7].parse().unwrap());
        *out.entry(m).or_insert(0.0) += value_column.map_or(1.0, |c| row[col(c)].parse::<f64>().unwrap());
    }
    out
}

/// The same, only for Iraqi rows placed at country level (no `adm_1`).
fn independent_country_level(value_column: Option<&str>, violence: Option<&str>) -> f64 {
    let mut r = csv::Reader::from_path(sample_path()).unwrap();
    let h = r.headers().unwrap().clone();
    let col = |n: &str| h.iter().position(|x| x == n).unwrap();
    r.records()
        .map(|row| row.unwrap())
        .filter(|row| &row[col("country")] == "Iraq" && row[col("adm_1")].is_empty())
        .filter(|row| violence.is_none_or(|v| &row[col("type_of_violence")] == v))
        .map(|row| value_column.map_or(1.0, |c| row[col(c)].parse::<f64>().unwrap()))
        .sum()
}

fn run(def: &Definition) -> Result<Import, Vec<Diagnostic>> {
    let file = std::fs::File::open(sample_path()).unwrap();
    import("ged231_sample_1000_events.csv", file, def, &iraq_places(), |_| {})
}

#[test]
fn the_real_sample_gives_iraqs_monthly_events_and_deaths_as_computed_independently() {
    for (measure, column, violence, extra) in [
        ("events", None, None, ""),
        ("best-deaths", Some("best"), None, ""),
        ("high-deaths", Some("high"), Some("1"), "type_of_violence = [1]"),
    ] {
        let got = run(&definition(measure, extra)).expect("the sample imports");
        assert_eq!(got.rows, 1000);
        let want = independent(column, violence);
        assert!(!want.is_empty());
        let iraq: BTreeMap<Month, f64> = got
            .figures
            .iter()
            .filter(|f| f.area.as_str() == "iraq" && f.value > 0.0)
            .map(|f| (f.month, f.value))
            .collect();
        assert_eq!(iraq, want, "{measure}");
        // Every month of the file's span is written, zeros included, for every area.
        let (from, to) = got.months.unwrap();
        assert_eq!(got.figures.len() as i32, 3 * (to.0 - from.0 + 1));
        // The regions add up to Iraq but for the event placed only at country level.
        let sum = |a: &str| got.figures.iter().filter(|f| f.area.as_str() == a).map(|f| f.value).sum::<f64>();
        let country_level = independent_country_level(column, violence);
        assert!(country_level > 0.0);
        assert!(
            (sum("federal-iraq") + sum("kurdistan-region") + country_level - sum("iraq")).abs() < 1e-9,
            "{measure}"
        );
        assert!(got.other_countries > 900);
    }
}

#[test]
fn importing_the_same_file_twice_gives_the_same_figures_and_digest() {
    let def = definition("events", "");
    let (a, b) = (run(&def).unwrap(), run(&def).unwrap());
    assert_eq!(a, b);
    assert_eq!(a.digest.len(), 64);
    let bytes = std::fs::read(sample_path()).unwrap();
    assert_eq!(a.digest, blake3::hash(&bytes).to_hex().to_string());
    assert_eq!(a.bytes, bytes.len() as u64);
}

fn sample_text() -> String {
    std::fs::read_to_string(sample_path()).unwrap()
}

fn import_text(name: &str, bytes: Vec<u8>) -> Vec<Diagnostic> {
    import(name, std::io::Cursor::new(bytes), &definition("events", ""), &iraq_places(), |_| {})
        .expect_err("a broken file is refused")
}

fn codes(d: &[Diagnostic]) -> Vec<&'static str> {
    d.iter().map(|d| d.message.id).collect()
}

/// Replaces the `n`th field of the data row on line `line` (1-based) of the sample.
fn with_field(line: usize, n: usize, value: &str) -> Vec<u8> {
    let text = sample_text();
    let mut r = csv::ReaderBuilder::new().has_headers(false).from_reader(text.as_bytes());
    let mut w = csv::Writer::from_writer(vec![]);
    for (i, row) in r.records().enumerate() {
        let mut row: Vec<String> = row.unwrap().iter().map(String::from).collect();
        if i + 1 == line {
            row[n] = value.into();
        }
        w.write_record(&row).unwrap();
    }
    w.into_inner().unwrap()
}

#[test]
fn ten_broken_files_each_get_a_located_problem_and_no_figures() {
    let header_col = |name: &str| sample_text().lines().next().unwrap().split(',').position(|c| c == name).unwrap();
    // 1. empty file
    assert_eq!(codes(&import_text("empty.csv", vec![])), ["events-empty-file"]);
    // 2. wrong header: an ACLED file given to a GED definition
    let acled = b"event_id_cnty,event_date,country,admin1,fatalities\nIRQ1,2024-01-02,Iraq,Baghdad,3\n".to_vec();
    let d = import_text("acled.csv", acled);
    assert_eq!(codes(&d), ["events-missing-columns"]);
    assert_eq!((d[0].line, d[0].column), (1, 1));
    // 3. a misspelt column gets a rename suggestion
    let renamed = sample_text().replacen("date_start", "date_strat", 1).into_bytes();
    let d = import_text("renamed.csv", renamed);
    assert_eq!(d[0].help.as_ref().unwrap().id, "events-rename-columns");
    // 4. truncated last row
    let mut cut = sample_text();
    cut.truncate(cut.trim_end().rfind(',').unwrap());
    let d = import_text("cut.csv", cut.into_bytes());
    assert_eq!(codes(&d), ["events-row-length"]);
    assert!(d[0].line > 1000, "on the last row, line {}", d[0].line);
    // 5. an impossible date, located at its column
    let d = import_text("date.csv", with_field(5, header_col("date_start"), "2013-02-31"));
    assert_eq!(codes(&d), ["events-bad-date"]);
    assert_eq!(d[0].column as usize, header_col("date_start") + 1);
    // 6. an end before the start
    let d = import_text("order.csv", with_field(5, header_col("date_end"), "1980-01-01"));
    assert_eq!(codes(&d), ["events-date-order"]);
    // 7. a negative death count
    let d = import_text("neg.csv", with_field(7, header_col("best"), "-4"));
    assert_eq!(codes(&d), ["events-bad-count"]);
    // 8. a type of violence off the scale
    let d = import_text("tov.csv", with_field(9, header_col("type_of_violence"), "7"));
    assert_eq!(codes(&d), ["events-bad-code"]);
    // 9. not UTF-8, in a field the importer does not even use
    let mut bytes = sample_text().into_bytes();
    let at = bytes.iter().position(|b| *b == b'\n').unwrap() + 30;
    bytes[at] = 0xff;
    let d = import_text("latin1.csv", bytes);
    assert_eq!(codes(&d), ["events-not-utf8"]);
    assert_eq!(d[0].line, 2);
    // 10. an Iraqi place no one knows, with a did-you-mean
    let d = import_text("place.csv", {
        let text = sample_text().replacen("Nīnawá province", "Ninawah provinse", 1);
        text.into_bytes()
    });
    assert_eq!(codes(&d), ["events-unknown-place-suggest"]);
    assert_eq!(d[0].column as usize, header_col("adm_1") + 1);
    // Many bad rows: every one reported up to the limit, then counted.
    let mut many = sample_text();
    many = many.replace(",Clear,1,", ",Clear,9,");
    let d = import_text("many.csv", many.into_bytes());
    assert_eq!(d.len(), MAX_LISTED_PROBLEMS + 1);
    assert_eq!(d.last().unwrap().message.id, "events-more-problems");
}

/// A 2 GB line, made as it is read: refused after the first MiB, without reading the rest.
#[test]
fn a_two_gigabyte_line_is_refused_after_reading_one_mebibyte() {
    struct Endless(u64);
    impl std::io::Read for Endless {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = buf.len().min(self.0 as usize);
            buf[..n].fill(b'a');
            self.0 -= n as u64;
            Ok(n)
        }
    }
    let header = sample_text().lines().next().unwrap().to_string() + "\n";
    let input = std::io::Read::chain(header.as_bytes(), Endless(2 << 30));
    let d = import("huge.csv", input, &definition("events", ""), &iraq_places(), |_| {}).unwrap_err();
    assert_eq!(codes(&d), ["events-line-too-long"]);
    assert_eq!(d[0].line, 2);
}

#[test]
fn acled_rows_in_both_layouts_count_by_governorate_with_their_own_spellings() {
    let new = "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp\n\
IRQ1,16 May 2025,2025,1,Political violence,Explosions/Remote violence,Remote explosive/landmine/IED,Islamic State (Iraq),,2,Military Forces of Iraq,,1,12,,368,Middle East,Iraq,Ninewa,Mosul,,Mosul,36.3,43.1,1,Shafaq,National,generated,3,,1700000000\n\
IRQ2,2025-05-20,2025,1,Political violence,Battles,Armed clash,Islamic State (Iraq),,2,Military Forces of Iraq,,1,12,,368,Middle East,Iraq,Salah al-Din,Tikrit,,Tikrit,34.6,43.7,1,Shafaq,National,generated,2,,1700000000\n\
IRQ3,2025-06-02,2025,2,Political violence,Battles,Armed clash,Islamic State (Iraq),,2,Military Forces of Iraq,,1,12,,368,Middle East,Iraq,Halabja,Halabja,,Halabja,35.2,45.9,1,Shafaq,National,generated,1,,1700000000\n\
SYR1,2025-06-02,2025,1,Political violence,Battles,Armed clash,X,,2,Y,,1,12,,760,Middle East,Syria,Idlib,Idlib,,Idlib,35.9,36.6,1,S,National,generated,9,,1700000000\n";
    let old = "data_id,iso,event_id_cnty,event_id_no_cnty,event_date,year,time_precision,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,timestamp,iso3\n\
1,368,IRQ1,1,2025-05-16,2025,1,Battles,Armed clash,Islamic State (Iraq),,2,Military Forces of Iraq,,1,12,Middle East,Iraq,Anbar,Ramadi,,Ramadi,33.4,43.3,1,S,National,generated,4,1700000000,IRQ\n";
    let mut def: Definition = toml::from_str(
        "id = \"acled-iraq\"\ndataset = \"acled\"\npublisher = \"acled\"\nmethod = \"acled-monthly\"\nmeasure = \"best-deaths\"\nevent_types = [\"Battles\", \"Explosions/Remote violence\"]\nmax_date_precision = 1",
    )
    .unwrap();
    (def.from, def.to) = (Some(Month::new(2025, 4)), Some(Month::new(2025, 6)));
    let places = iraq_places();
    let got = import("acled.csv", new.as_bytes(), &def, &places, |_| {}).unwrap();
    let v = |area: &str, m: Month| got.figures.iter().find(|f| f.area.as_str() == area && f.month == m).unwrap().value;
    let (apr, may, jun) = (Month::new(2025, 4), Month::new(2025, 5), Month::new(2025, 6));
    assert_eq!((v("federal-iraq", apr), v("federal-iraq", may), v("federal-iraq", jun)), (0.0, 5.0, 0.0));
    assert_eq!(v("kurdistan-region", jun), 0.0, "Halabja's event has date precision 2");
    assert_eq!(got.not_taken, 1);
    assert_eq!(got.other_countries, 1);
    let got = import("old.csv", old.as_bytes(), &def, &places, |_| {}).unwrap();
    assert_eq!(got.figures.iter().find(|f| f.area.as_str() == "federal-iraq" && f.month == may).unwrap().value, 4.0);
}

/// The founding case as shipped (examples/iraq-hmc): its areas' places and its definition
/// `ged-state-based-deaths` split the real sample's Iraqi state-based deaths between Federal
/// Iraq and the Kurdistan Region by governorate, Iraq holding both and the rows placed only at
/// country level; each month checked against sums computed here from the CSV.
#[test]
fn the_founding_case_splits_the_sample_by_region_through_its_places() {
    let case =
        tahawul_domain::load(std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/iraq-hmc")))
            .expect("the founding case loads");
    let places = places_of(&case.areas).expect("the founding case's places are ISO codes or named places");
    let (_, def) = case.import_definition("ged-state-based-deaths").expect("the founding case defines it");
    let file = std::fs::File::open(sample_path()).unwrap();
    let got = import("ged231_sample_1000_events.csv", file, def, &places, |_| {}).unwrap();
    let by_area = |area: &str| -> BTreeMap<Month, f64> {
        got.figures.iter().filter(|f| f.area.as_str() == area && f.value > 0.0).map(|f| (f.month, f.value)).collect()
    };
    // Independently: Kurdistan's governorates as GED spells them; every other named one federal.
    let kurdistan = ["Arbīl province", "Dahūk province", "As Sulaymānīyah province", "Halabja province"];
    let mut r = csv::Reader::from_path(sample_path()).unwrap();
    let h = r.headers().unwrap().clone();
    let col = |n: &str| h.iter().position(|x| x == n).unwrap();
    let (mut federal, mut kurd) = (BTreeMap::new(), BTreeMap::<Month, f64>::new());
    for row in r.records().map(Result::unwrap) {
        let (s, e, adm1) = (&row[col("date_start")], &row[col("date_end")], &row[col("adm_1")]);
        if &row[col("country")] != "Iraq" || &row[col("type_of_violence")] != "1" || s[..7] != e[..7] || adm1.is_empty()
        {
            continue;
        }
        let m = Month::new(s[..4].parse().unwrap(), s[5..7].parse().unwrap());
        let side = if kurdistan.contains(&adm1) { &mut kurd } else { &mut federal };
        *side.entry(m).or_insert(0.0) += row[col("best")].parse::<f64>().unwrap();
    }
    assert!(!federal.is_empty());
    assert_eq!(by_area("federal-iraq"), federal);
    assert_eq!(by_area("kurdistan-region"), kurd, "the sample has no state-based event in the Kurdistan Region");
    assert_eq!(
        by_area("iraq"),
        independent(Some("best"), Some("1")),
        "Iraq holds both regions and its country-level rows"
    );
    // Every month of the file is written for each area, zeros included.
    let months = |a: &str| got.figures.iter().filter(|f| f.area.as_str() == a).count();
    assert_eq!((months("iraq"), months("federal-iraq")), (months("kurdistan-region"), months("kurdistan-region")));
}
