//! Import definitions: which rows of a conflict event dataset (UCDP GED, ACLED) count, what
//! is measured, and who the monthly figures are credited to. Written in the bundle's
//! `imports.toml` (one `[[import]]` table each, naming the indicator it feeds) and kept with
//! that indicator, so that every write of one goes through the indicator's rules.
//! The reading and counting itself is `tahawul-events`'.

use serde::{Deserialize, Serialize};

use tahawul_i18n::Message;

use crate::model::{Id, Indicator};
use crate::period::Month;

/// The datasets Tahawul reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Dataset {
    /// UCDP Georeferenced Event Dataset, CSV export (49 columns). CC BY 4.0.
    UcdpGed,
    /// ACLED export (31 columns, or the older layout with `iso3`). Its terms forbid passing
    /// raw rows on: only monthly figures leave the import.
    Acled,
}

impl Dataset {
    /// Every dataset, in the order the bundle documents them.
    pub const ALL: [Dataset; 2] = [Dataset::UcdpGed, Dataset::Acled];

    /// The name used in definitions and provenance.
    pub fn as_str(self) -> &'static str {
        match self {
            Dataset::UcdpGed => "ucdp-ged",
            Dataset::Acled => "acled",
        }
    }

    /// The dataset of a name.
    pub fn parse(s: &str) -> Option<Dataset> {
        Dataset::ALL.into_iter().find(|d| d.as_str() == s)
    }

    /// The credit the dataset's licence asks for wherever figures read from `release` are
    /// shown (pages, reports, exports): UCDP's CC BY 4.0 citation; ACLED's attribution with
    /// the access date, which for ACLED is the release. The one place this text is chosen.
    pub fn citation(self, release: &str) -> Message {
        match self {
            Dataset::UcdpGed => Message::new("events-citation-ucdp").arg("release", release),
            Dataset::Acled => Message::new("events-citation-acled").arg("release", release),
        }
    }
}

/// The citations owed for figures read from these (dataset, release) pairs: one per pair, in
/// a stable order (dataset, then release), none when no figure was imported.
pub fn citations<'a>(sources: impl IntoIterator<Item = (Dataset, &'a str)>) -> Vec<Message> {
    let pairs: std::collections::BTreeSet<(&str, &str)> = sources.into_iter().map(|(d, r)| (d.as_str(), r)).collect();
    pairs.into_iter().filter_map(|(d, r)| Some(Dataset::parse(d)?.citation(r))).collect()
}

/// What a figure measures over the rows that count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Measure {
    /// The number of events.
    Events,
    /// Sum of GED `best` (ACLED: `fatalities`).
    BestDeaths,
    /// Sum of GED `low` (ACLED: `fatalities`).
    LowDeaths,
    /// Sum of GED `high` (ACLED: `fatalities`).
    HighDeaths,
}

impl Measure {
    /// Every measure, as written in `imports.toml`.
    pub const ALL: [(&'static str, Measure); 4] = [
        ("events", Measure::Events),
        ("best-deaths", Measure::BestDeaths),
        ("low-deaths", Measure::LowDeaths),
        ("high-deaths", Measure::HighDeaths),
    ];

    /// Its name in `imports.toml`.
    pub fn as_str(self) -> &'static str {
        Measure::ALL.iter().find(|(_, m)| *m == self).map_or("events", |(n, _)| n)
    }
}

/// How an event whose start and end fall in different months is assigned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Spanning {
    /// Left out, and counted in the import's summary: UCDP's own monthly aggregates do this,
    /// so the figures are lower bounds that match theirs.
    #[default]
    Skip,
    /// All of it to the month of the start date.
    StartMonth,
    /// Shared between the months it spans, in proportion to its days in each.
    Split,
}

impl Spanning {
    /// Every rule, as written in `imports.toml`.
    pub const ALL: [(&'static str, Spanning); 3] =
        [("skip", Spanning::Skip), ("start-month", Spanning::StartMonth), ("split", Spanning::Split)];

    /// Its name in `imports.toml`.
    pub fn as_str(self) -> &'static str {
        Spanning::ALL.iter().find(|(_, s)| *s == self).map_or("skip", |(n, _)| n)
    }
}

/// One import definition (the indicator it feeds holds it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImportDefinition {
    /// Its id, named on the command line (`--definition`) and in the API's path; unique in
    /// the case.
    pub id: Id,
    /// The dataset it reads.
    pub dataset: Dataset,
    /// The publisher the figures are credited to.
    pub publisher: Id,
    /// The method recorded on each figure.
    pub method: Id,
    /// What is measured.
    pub measure: Measure,
    /// GED `type_of_violence` values that count (1 state-based, 2 non-state, 3 one-sided);
    /// empty: all.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub type_of_violence: Vec<u8>,
    /// ACLED `event_type` values that count; empty: all.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub event_types: Vec<String>,
    /// ACLED `sub_event_type` values that count; empty: all.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sub_event_types: Vec<String>,
    /// Rows count only if an actor field contains one of these (case-insensitive); empty: all.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actor_contains: Vec<String>,
    /// The coarsest date precision that counts (GED `date_prec` 1 = exact day … 5;
    /// ACLED `time_precision` 1 … 3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_date_precision: Option<u8>,
    /// The coarsest place precision that counts (GED `where_prec` 1 … 7; ACLED
    /// `geo_precision` 1 … 3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_place_precision: Option<u8>,
    /// How events spanning months are assigned.
    #[serde(default)]
    pub spanning: Spanning,
    /// First month written (default: the file's first month).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<Month>,
    /// Last month written (default: the file's last month).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<Month>,
}

impl ImportDefinition {
    /// A digest of what the definition says (BLAKE3 over its canonical JSON): an import of
    /// the same file by a changed definition gives other figures, so it is not a repeat.
    pub fn digest(&self) -> String {
        let json = serde_json::to_value(self).map(|v| tahawul_ledger::canonical_json(&v)).unwrap_or_default();
        blake3::hash(json.as_bytes()).to_hex().to_string()
    }

    /// The highest date precision code the dataset has (GED 5, ACLED 3).
    pub fn date_precision_max(dataset: Dataset) -> u8 {
        match dataset {
            Dataset::UcdpGed => 5,
            Dataset::Acled => 3,
        }
    }

    /// The highest place precision code the dataset has (GED 7, ACLED 3).
    pub fn place_precision_max(dataset: Dataset) -> u8 {
        match dataset {
            Dataset::UcdpGed => 7,
            Dataset::Acled => 3,
        }
    }
}

/// The import definition `id` among `indicators`, with the indicator holding it.
pub fn find<'a>(indicators: &'a [Indicator], id: &str) -> Option<(&'a Indicator, &'a ImportDefinition)> {
    indicators.iter().find_map(|i| i.imports.iter().find(|d| d.id.as_str() == id).map(|d| (i, d)))
}

/// Where an imported figure came from: kept with it, so that the indicator's history names
/// the release each value was read from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FigureSource {
    /// The definition applied.
    pub definition: Id,
    /// The dataset read.
    pub dataset: Dataset,
    /// The dataset's release (GED `23.1`; for ACLED, the download date).
    pub release: String,
    /// BLAKE3 (hex) of the file read.
    pub file_digest: String,
    /// The events counted into the figure.
    pub events: u64,
}

/// The newest of `imported` releases that is newer than `release`, if any: importing an older
/// release after a newer one would put older figures on top of the indicator's history, so
/// every path refuses it unless the importer says it is meant (restoring figures). Releases
/// compare by their numbers in order (`23.1` < `24.1` < `24.10`; ACLED's dates `2025-05-20`);
/// a release without digits compares with nothing.
pub fn newer_release<'a>(release: &str, imported: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    fn numbers(r: &str) -> Vec<u64> {
        r.split(|c: char| !c.is_ascii_digit())
            .filter(|p| !p.is_empty())
            .map(|p| p.parse().unwrap_or(u64::MAX))
            .collect()
    }
    let mine = numbers(release);
    if mine.is_empty() {
        return None;
    }
    imported.into_iter().filter(|r| !numbers(r).is_empty() && numbers(r) > mine).max_by_key(|r| numbers(r))
}

/// Whether `place` is written as an area's place may be: a country code (`IQ`), a
/// subdivision code (`IQ-NI`, up to three letters or digits after the dash) or a country
/// code, a colon and a name (`IQ:Halabja`). Whether the code exists is the importer's
/// question (it reads Debian's ISO 3166 lists).
pub fn place_well_formed(place: &str) -> bool {
    let country = |c: &str| c.len() == 2 && c.bytes().all(|b| b.is_ascii_uppercase());
    if let Some((c, name)) = place.split_once(':') {
        return country(c) && !name.trim().is_empty() && name.len() <= 100 && !name.contains(char::is_control);
    }
    match place.split_once('-') {
        None => country(place),
        Some((c, sub)) => {
            country(c)
                && (1..=3).contains(&sub.len())
                && sub.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        }
    }
}

/// The release a dataset file's name gives, when it follows the dataset's own naming
/// (`ged231…`, `GEDEvent_v24_1.csv` → `23.1`, `24.1`).
pub fn release_from_file_name(dataset: Dataset, name: &str) -> Option<String> {
    if dataset != Dataset::UcdpGed {
        return None;
    }
    let lower = name.to_ascii_lowercase();
    let digits = |s: &str, n: usize| s.len() >= n && s.as_bytes()[..n].iter().all(u8::is_ascii_digit);
    if let Some(at) = lower.find("_v") {
        let rest = &lower[at + 2..];
        if digits(rest, 2) && rest.as_bytes().get(2) == Some(&b'_') && digits(&rest[3..], 1) {
            let minor: String = rest[3..].chars().take_while(char::is_ascii_digit).collect();
            return Some(format!("{}.{minor}", &rest[..2]));
        }
    }
    let at = lower.find("ged")?;
    let rest = &lower[at + 3..];
    (digits(rest, 3) && !rest.as_bytes().get(3).is_some_and(u8::is_ascii_digit))
        .then(|| format!("{}.{}", &rest[..2], &rest[2..3]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_are_codes_or_named_places() {
        for ok in ["IQ", "IQ-NI", "MX-CMX", "GB-ENG", "IQ:Halabja", "FR-75"] {
            assert!(place_well_formed(ok), "{ok}");
        }
        for bad in ["iq", "IRQ", "IQ-", "IQ-NINA", "IQ:", "IQ: ", ":Halabja", "IQ-ni", "I", ""] {
            assert!(!place_well_formed(bad), "{bad}");
        }
    }

    #[test]
    fn ged_file_names_give_their_release() {
        let r = |n: &str| release_from_file_name(Dataset::UcdpGed, n);
        assert_eq!(r("ged231_sample_1000_events.csv").as_deref(), Some("23.1"));
        assert_eq!(r("GEDEvent_v24_1.csv").as_deref(), Some("24.1"));
        assert_eq!(r("ged241.csv").as_deref(), Some("24.1"));
        assert_eq!(r("ged2410.csv"), None, "four digits are not a release");
        assert_eq!(r("events.csv"), None);
        assert_eq!(release_from_file_name(Dataset::Acled, "ged231.csv"), None);
    }

    #[test]
    fn each_imported_release_is_cited_once_and_none_without_imports() {
        let cs = citations([(Dataset::Acled, "2025-05-20"), (Dataset::UcdpGed, "23.1"), (Dataset::UcdpGed, "23.1")]);
        let ids: Vec<(&str, String)> = cs.iter().map(|m| (m.id, format!("{:?}", m))).collect();
        assert_eq!(ids.len(), 2, "{ids:?}");
        assert_eq!(ids[0].0, "events-citation-acled");
        assert!(ids[0].1.contains("2025-05-20"), "ACLED's access date is the release: {ids:?}");
        assert_eq!(ids[1].0, "events-citation-ucdp");
        assert!(citations([]).is_empty());
        let en = tahawul_i18n::Localizer::new(tahawul_i18n::Lang::En).unwrap();
        let ucdp = en.format(&Dataset::UcdpGed.citation("24.1"));
        for part in ["Davies", "Engström", "Pettersson", "Öberg", "61(4)", "Sundberg", "Melander", "50(4)", "24.1"] {
            assert!(ucdp.contains(part), "{part} in {ucdp}");
        }
        let acled = en.format(&Dataset::Acled.citation("2025-05-20"));
        assert!(acled.contains("Armed Conflict Location & Event Data Project (ACLED); www.acleddata.com"), "{acled}");
        assert!(acled.contains("2025-05-20"), "{acled}");
    }

    #[test]
    fn an_older_release_is_told_from_a_newer_one() {
        assert_eq!(newer_release("23.1", ["24.1", "22.1"]), Some("24.1"));
        assert_eq!(newer_release("24.1", ["23.1", "24.1"]), None, "the same release is not newer");
        assert_eq!(newer_release("24.2", ["24.10"]), Some("24.10"), "numbers, not text");
        assert_eq!(newer_release("2025-05-01", ["2025-05-20", "2025-04-30"]), Some("2025-05-20"));
        assert_eq!(newer_release("23.1", ["25.1", "24.1"]), Some("25.1"), "the newest is named");
        assert_eq!(newer_release("latest", ["24.1"]), None, "no digits: not compared");
        assert_eq!(newer_release("24.1", []), None);
    }

    #[test]
    fn a_changed_definition_has_another_digest() {
        let json = r#"{"id":"ged-iraq","dataset":"ucdp-ged","publisher":"ucdp","method":"m","measure":"events"}"#;
        let a: ImportDefinition = serde_json::from_str(json).unwrap();
        let mut b = a.clone();
        assert_eq!(a.digest(), b.digest());
        b.type_of_violence = vec![1];
        assert_ne!(a.digest(), b.digest());
    }
}
