//! Reporting periods (month, quarter, year) on one monthly time line.
//!
//! Every period maps to a span of months; the engine and the gate windows work on months,
//! so yearly and monthly series can be compared without filling in values.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A calendar month as one number: `year * 12 + (month - 1)`. Ordered, and differences are months.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Month(pub i32);

impl Month {
    /// The month of a year (month 1–12).
    pub fn new(year: i32, month: u8) -> Month {
        Month(year * 12 + i32::from(month) - 1)
    }
    /// The calendar year.
    pub fn year(self) -> i32 {
        self.0.div_euclid(12)
    }
    /// The month of the year, 1–12.
    pub fn month(self) -> u8 {
        (self.0.rem_euclid(12) + 1) as u8
    }
    /// The month containing a date.
    pub fn of_date(d: jiff::civil::Date) -> Month {
        Month::new(i32::from(d.year()), d.month() as u8)
    }
    /// This month plus `n` months.
    pub fn plus(self, n: i32) -> Month {
        Month(self.0 + n)
    }
    /// The first day of this month.
    pub fn first_day(self) -> jiff::civil::Date {
        jiff::civil::date(self.year() as i16, self.month() as i8, 1)
    }
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year(), self.month())
    }
}

impl std::str::FromStr for Month {
    type Err = PeriodError;
    fn from_str(s: &str) -> Result<Month, PeriodError> {
        match s.parse::<Period>()? {
            Period::Month(m) => Ok(m),
            _ => Err(PeriodError(s.to_string())),
        }
    }
}

/// How often an indicator is reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Frequency {
    /// Every month.
    Month,
    /// Every quarter.
    Quarter,
    /// Every year.
    Year,
}

impl Frequency {
    /// Months in one period of this frequency.
    pub fn months(self) -> i32 {
        match self {
            Frequency::Month => 1,
            Frequency::Quarter => 3,
            Frequency::Year => 12,
        }
    }
    /// The identifier used in files and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Frequency::Month => "month",
            Frequency::Quarter => "quarter",
            Frequency::Year => "year",
        }
    }
}

/// A reporting period: `2023-08`, `2023-Q3` or `2023`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(into = "String", try_from = "String")]
pub enum Period {
    /// One month.
    Month(Month),
    /// A quarter of a year (1–4).
    Quarter { year: i32, quarter: u8 },
    /// A whole year.
    Year(i32),
}

/// A period that does not parse; the text is what was given.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not a period: write 2023-08, 2023-Q3 or 2023")]
pub struct PeriodError(pub String);

impl Period {
    /// The period's frequency.
    pub fn frequency(self) -> Frequency {
        match self {
            Period::Month(_) => Frequency::Month,
            Period::Quarter { .. } => Frequency::Quarter,
            Period::Year(_) => Frequency::Year,
        }
    }
    /// Its first month.
    pub fn first_month(self) -> Month {
        match self {
            Period::Month(m) => m,
            Period::Quarter { year, quarter } => Month::new(year, (quarter - 1) * 3 + 1),
            Period::Year(y) => Month::new(y, 1),
        }
    }
    /// Its last month: the month a value for the period is placed at on the time line.
    pub fn last_month(self) -> Month {
        self.first_month().plus(self.frequency().months() - 1)
    }
    /// The period of `freq` that contains `m`.
    pub fn containing(m: Month, freq: Frequency) -> Period {
        match freq {
            Frequency::Month => Period::Month(m),
            Frequency::Quarter => Period::Quarter { year: m.year(), quarter: (m.month() - 1) / 3 + 1 },
            Frequency::Year => Period::Year(m.year()),
        }
    }
    /// The next period of the same frequency.
    pub fn next(self) -> Period {
        Period::containing(self.last_month().plus(1), self.frequency())
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Period::Month(m) => m.fmt(f),
            Period::Quarter { year, quarter } => write!(f, "{year:04}-Q{quarter}"),
            Period::Year(y) => write!(f, "{y:04}"),
        }
    }
}

impl From<Period> for String {
    fn from(p: Period) -> String {
        p.to_string()
    }
}

impl TryFrom<String> for Period {
    type Error = PeriodError;
    fn try_from(s: String) -> Result<Period, PeriodError> {
        s.parse()
    }
}

impl std::str::FromStr for Period {
    type Err = PeriodError;
    fn from_str(s: &str) -> Result<Period, PeriodError> {
        let err = || PeriodError(s.to_string());
        let t = s.trim();
        let year = |y: &str| -> Result<i32, PeriodError> {
            if y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()) {
                y.parse().map_err(|_| err())
            } else {
                Err(err())
            }
        };
        match t.split_once('-') {
            None => Ok(Period::Year(year(t)?)),
            Some((y, rest)) => {
                let y = year(y)?;
                if let Some(q) = rest.strip_prefix('Q').or_else(|| rest.strip_prefix('q')) {
                    match q {
                        "1" | "2" | "3" | "4" => {
                            Ok(Period::Quarter { year: y, quarter: q.parse().map_err(|_| err())? })
                        }
                        _ => Err(err()),
                    }
                } else if rest.len() == 2 && rest.bytes().all(|b| b.is_ascii_digit()) {
                    let m: u8 = rest.parse().map_err(|_| err())?;
                    if (1..=12).contains(&m) { Ok(Period::Month(Month::new(y, m))) } else { Err(err()) }
                } else {
                    Err(err())
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn periods_parse_in_their_three_forms() {
        assert_eq!("2023-08".parse::<Period>().unwrap(), Period::Month(Month::new(2023, 8)));
        assert_eq!("2023-Q3".parse::<Period>().unwrap(), Period::Quarter { year: 2023, quarter: 3 });
        assert_eq!("2019".parse::<Period>().unwrap(), Period::Year(2019));
        for bad in ["2023-13", "2023-Q5", "23", "2023-8", "2023-00", "", "2023-Q", "abcd"] {
            assert!(bad.parse::<Period>().is_err(), "{bad:?} should not parse");
        }
    }

    #[test]
    fn a_year_spans_twelve_months_and_a_quarter_three() {
        let y = Period::Year(2020);
        assert_eq!(y.first_month(), Month::new(2020, 1));
        assert_eq!(y.last_month(), Month::new(2020, 12));
        let q = Period::Quarter { year: 2021, quarter: 2 };
        assert_eq!((q.first_month().to_string(), q.last_month().to_string()), ("2021-04".into(), "2021-06".into()));
        assert_eq!(q.next(), Period::Quarter { year: 2021, quarter: 3 });
        assert_eq!(Period::Quarter { year: 2021, quarter: 4 }.next(), Period::Quarter { year: 2022, quarter: 1 });
    }

    proptest! {
        #[test]
        fn period_display_parses_back(y in 1900i32..2200, m in 1u8..=12, q in 1u8..=4, which in 0u8..3) {
            let p = match which { 0 => Period::Month(Month::new(y, m)), 1 => Period::Quarter { year: y, quarter: q }, _ => Period::Year(y) };
            prop_assert_eq!(p.to_string().parse::<Period>().unwrap(), p);
            prop_assert_eq!(Period::containing(p.last_month(), p.frequency()), p);
        }
    }
}
