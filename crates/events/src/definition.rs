//! An import definition: which rows of which dataset count, what is measured, and which
//! indicator the monthly figures feed. Kept in the bundle's `imports.toml`, one
//! `[[import]]` table each.

use serde::{Deserialize, Serialize};
use tahawul_domain::{Id, Month};

/// The datasets Tahawul reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Dataset {
    /// UCDP Georeferenced Event Dataset, CSV export (49 columns). CC BY 4.0.
    UcdpGed,
    /// ACLED export (31 columns, or the older layout with `iso3`). Its terms forbid passing
    /// raw rows on: only monthly figures leave the import.
    Acled,
}

impl Dataset {
    /// The name used in definitions and provenance.
    pub fn as_str(self) -> &'static str {
        match self {
            Dataset::UcdpGed => "ucdp-ged",
            Dataset::Acled => "acled",
        }
    }
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

/// One import definition.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Definition {
    /// Its id, named on the command line (`--definition`).
    pub id: Id,
    /// The dataset it reads.
    pub dataset: Dataset,
    /// The indicator it feeds, `factor.indicator`.
    pub indicator: String,
    /// The publisher the figures are credited to.
    pub publisher: Id,
    /// The method recorded on each figure.
    pub method: Id,
    /// What is measured.
    pub measure: Measure,
    /// GED `type_of_violence` values that count (1 state-based, 2 non-state, 3 one-sided);
    /// empty: all.
    #[serde(default)]
    pub type_of_violence: Vec<u8>,
    /// ACLED `event_type` values that count; empty: all.
    #[serde(default)]
    pub event_types: Vec<String>,
    /// ACLED `sub_event_type` values that count; empty: all.
    #[serde(default)]
    pub sub_event_types: Vec<String>,
    /// Rows count only if an actor field contains one of these (case-insensitive); empty: all.
    #[serde(default)]
    pub actor_contains: Vec<String>,
    /// The coarsest date precision that counts (GED `date_prec` 1 = exact day … 5;
    /// ACLED `time_precision` 1 … 3).
    pub max_date_precision: Option<u8>,
    /// The coarsest place precision that counts (GED `where_prec` 1 … 7; ACLED
    /// `geo_precision` 1 … 3).
    pub max_place_precision: Option<u8>,
    /// How events spanning months are assigned.
    #[serde(default)]
    pub spanning: Spanning,
    /// First month written, `YYYY-MM` (default: the file's first month).
    #[serde(default, with = "month_text")]
    pub from: Option<Month>,
    /// Last month written, `YYYY-MM` (default: the file's last month).
    #[serde(default, with = "month_text")]
    pub to: Option<Month>,
}

impl Definition {
    /// Whether a row's kind, actors and precision make it count (place and month aside).
    pub fn counts(&self, e: &crate::Event) -> bool {
        let listed = |wanted: &[String], v: &str| wanted.is_empty() || wanted.iter().any(|w| w.eq_ignore_ascii_case(v));
        (self.type_of_violence.is_empty() || e.type_of_violence.is_some_and(|t| self.type_of_violence.contains(&t)))
            && listed(&self.event_types, &e.event_type)
            && listed(&self.sub_event_types, &e.sub_event_type)
            && (self.actor_contains.is_empty() || {
                let actors = e.actors.to_lowercase();
                self.actor_contains.iter().any(|a| actors.contains(&a.to_lowercase()))
            })
            && self.max_date_precision.is_none_or(|m| e.date_precision <= m)
            && self.max_place_precision.is_none_or(|m| e.place_precision <= m)
    }

    /// The value a counted row adds.
    pub fn value(&self, e: &crate::Event) -> f64 {
        match self.measure {
            Measure::Events => 1.0,
            Measure::BestDeaths => e.best,
            Measure::LowDeaths => e.low,
            Measure::HighDeaths => e.high,
        }
    }
}

/// Months in a definition are written as people write them (`2008-01`), not as numbers.
mod month_text {
    use serde::{Deserialize, Deserializer, Serializer};
    use tahawul_domain::Month;

    pub fn serialize<S: Serializer>(m: &Option<Month>, s: S) -> Result<S::Ok, S::Error> {
        match m {
            Some(m) => s.serialize_str(&m.to_string()),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Month>, D::Error> {
        let text = Option::<String>::deserialize(d)?;
        text.map(|t| {
            t.parse::<Month>().map_err(|_| serde::de::Error::custom(format!("{t:?} is not a month: write YYYY-MM")))
        })
        .transpose()
    }
}
