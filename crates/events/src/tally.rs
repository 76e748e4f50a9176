//! Counting the rows a definition takes into monthly figures per area, all or nothing.

use std::collections::BTreeMap;
use std::io::Read;

use tahawul_domain::{Confidence, Diagnostic, FigureSource, Id, Indicator, Month, Observation, Period};
use tahawul_i18n::Message;

use crate::{Dataset, Definition, EventReader, MAX_LISTED_PROBLEMS, Place, Places, Spanning, counts, value};

/// One monthly figure for one area.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// The area.
    pub area: Id,
    /// The month.
    pub month: Month,
    /// The measure's value (0 in a month without a counted event).
    pub value: f64,
    /// How many events stand behind it (a split event counts in each of its months).
    pub events: u64,
}

/// What one import read and made.
#[derive(Debug, Clone, PartialEq)]
pub struct Import {
    /// The definition applied.
    pub definition: Id,
    /// The dataset read.
    pub dataset: Dataset,
    /// BLAKE3 (hex) of the whole file.
    pub digest: String,
    /// The file's size.
    pub bytes: u64,
    /// Rows read (the header aside).
    pub rows: u64,
    /// Rows counted into a figure.
    pub counted: u64,
    /// Rows in countries none of the areas is in.
    pub other_countries: u64,
    /// Rows of the areas' countries that the definition does not take (kind, actors,
    /// precision).
    pub not_taken: u64,
    /// Rows spanning months, left out by the `skip` rule.
    pub spanning_left_out: u64,
    /// Rows placed only at country level where no area covers the whole country.
    pub country_level_only: u64,
    /// Rows outside the definition's months.
    pub outside_months: u64,
    /// The first and last month written.
    pub months: Option<(Month, Month)>,
    /// Every area's figure for every month, zeros included; by area, then month.
    pub figures: Vec<Figure>,
}

impl Import {
    /// The figures as observations of `indicator`, credited as `definition` says and stated
    /// `as_of`, each with where it came from (`release` names the dataset's release).
    pub fn observations(
        &self,
        indicator: &Indicator,
        definition: &Definition,
        release: &str,
        as_of: jiff::civil::Date,
    ) -> Vec<(Observation, FigureSource)> {
        self.figures
            .iter()
            .map(|f| {
                let o = Observation {
                    factor: indicator.factor.clone(),
                    indicator: indicator.id.clone(),
                    area: f.area.clone(),
                    period: Period::Month(f.month),
                    value: f.value,
                    publisher: definition.publisher.clone(),
                    method: definition.method.clone(),
                    as_of,
                    confidence: Confidence::High,
                    illustrative: false,
                    document: None,
                };
                let source = FigureSource {
                    definition: definition.id.clone(),
                    dataset: definition.dataset,
                    release: release.to_string(),
                    file_digest: self.digest.clone(),
                    events: f.events,
                };
                (o, source)
            })
            .collect()
    }
}

/// Reads `input` (named `file` in messages) and counts it by `definition` into the areas of
/// `places`. Every bad row is reported (the first [`MAX_LISTED_PROBLEMS`], then a count);
/// with any, nothing is returned. `progress` is told the bytes read, now and then.
pub fn import<R: Read>(
    file: &str,
    input: R,
    definition: &Definition,
    places: &Places,
    mut progress: impl FnMut(u64),
) -> Result<Import, Vec<Diagnostic>> {
    let mut reader = EventReader::new(file, definition.dataset, input).map_err(|d| vec![d])?;
    let admin1_column = reader.admin1_column();
    let mut problems = Vec::new();
    let mut more_problems = 0u64;
    let mut report = |d: Diagnostic, problems: &mut Vec<Diagnostic>| {
        if problems.len() < MAX_LISTED_PROBLEMS {
            problems.push(d);
        } else {
            more_problems += 1;
        }
    };
    let mut out = Import {
        definition: definition.id.clone(),
        dataset: definition.dataset,
        digest: String::new(),
        bytes: 0,
        rows: 0,
        counted: 0,
        other_countries: 0,
        not_taken: 0,
        spanning_left_out: 0,
        country_level_only: 0,
        outside_months: 0,
        months: None,
        figures: Vec::new(),
    };
    // (area, month) → (value, events): sparse while reading, filled with zeros at the end.
    let mut cells: BTreeMap<(usize, Month), (f64, u64)> = BTreeMap::new();
    let (mut first, mut last): (Option<Month>, Option<Month>) = (None, None);
    while let Some(row) = reader.next_event() {
        out.rows += 1;
        if out.rows % 65_536 == 0 {
            progress(reader.bytes_read());
        }
        let e = match row {
            Ok(e) => e,
            Err(d) => {
                report(d, &mut problems);
                continue;
            }
        };
        let (start, end) = (Month::of_date(e.start), Month::of_date(e.end));
        first = Some(first.map_or(start, |f| f.min(start)));
        last = Some(last.map_or(end, |l| l.max(end)));
        let areas = match places.place(&e.country, e.country_code.as_deref(), &e.admin1) {
            Ok(Place::OtherCountry) => {
                out.other_countries += 1;
                continue;
            }
            Ok(Place::Areas(a)) => a,
            Err(message) => {
                if counts(definition, &e) {
                    report(
                        Diagnostic {
                            file: file.to_string(),
                            line: e.line as u32,
                            column: admin1_column,
                            message,
                            help: Some(Message::new("events-unknown-place-help").arg(
                                "country",
                                places.country(&e.country, e.country_code.as_deref()).unwrap_or("IQ").to_string(),
                            )),
                        },
                        &mut problems,
                    );
                } else {
                    out.not_taken += 1;
                }
                continue;
            }
        };
        if !counts(definition, &e) {
            out.not_taken += 1;
            continue;
        }
        if areas.is_empty() {
            out.country_level_only += 1;
            continue;
        }
        let shares: Vec<(Month, f64)> = if start == end {
            vec![(start, 1.0)]
        } else {
            match definition.spanning {
                Spanning::Skip => {
                    out.spanning_left_out += 1;
                    continue;
                }
                Spanning::StartMonth => vec![(start, 1.0)],
                Spanning::Split => split_by_days(e.start, e.end),
            }
        };
        let in_range = |m: Month| definition.from.is_none_or(|f| m >= f) && definition.to.is_none_or(|t| m <= t);
        if !shares.iter().any(|(m, _)| in_range(*m)) {
            out.outside_months += 1;
            continue;
        }
        out.counted += 1;
        let added = value(definition, &e);
        for (m, share) in shares.into_iter().filter(|(m, _)| in_range(*m)) {
            for &a in &areas {
                let cell = cells.entry((a, m)).or_insert((0.0, 0));
                cell.0 += added * share;
                cell.1 += 1;
            }
        }
    }
    progress(reader.bytes_read());
    if more_problems > 0 {
        problems.push(Diagnostic {
            file: file.to_string(),
            line: 1,
            column: 1,
            message: Message::new("events-more-problems").arg("count", more_problems),
            help: None,
        });
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    out.digest = reader.digest();
    out.bytes = reader.bytes_read();
    let from = definition.from.or(first);
    let to = definition.to.or(last);
    if let (Some(from), Some(to)) = (from, to) {
        out.months = Some((from, to));
        for (a, area) in places.areas.iter().enumerate() {
            let mut m = from;
            while m <= to {
                let (value, events) = cells.get(&(a, m)).copied().unwrap_or((0.0, 0));
                out.figures.push(Figure { area: area.clone(), month: m, value, events });
                m = m.plus(1);
            }
        }
    }
    Ok(out)
}

/// The months an event spans with the share of its days in each.
fn split_by_days(start: jiff::civil::Date, end: jiff::civil::Date) -> Vec<(Month, f64)> {
    let days = |a: jiff::civil::Date, b: jiff::civil::Date| (b - a).get_days() as f64 + 1.0;
    let total = days(start, end);
    let (mut out, mut from) = (Vec::new(), start);
    loop {
        let m = Month::of_date(from);
        let month_end = m.plus(1).first_day().yesterday().unwrap_or(from);
        let until = month_end.min(end);
        out.push((m, days(from, until) / total));
        if until >= end {
            return out;
        }
        from = m.plus(1).first_day();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_split_event_shares_its_value_by_days() {
        let shares = split_by_days(jiff::civil::date(2024, 1, 30), jiff::civil::date(2024, 2, 2));
        assert_eq!(shares, vec![(Month::new(2024, 1), 0.5), (Month::new(2024, 2), 0.5)]);
        let three = split_by_days(jiff::civil::date(2024, 1, 31), jiff::civil::date(2024, 3, 1));
        assert_eq!(three.len(), 3);
        assert!((three.iter().map(|s| s.1).sum::<f64>() - 1.0).abs() < 1e-12);
        assert!((three[1].1 - 29.0 / 31.0).abs() < 1e-12, "February 2024 has 29 of the 31 days");
    }
}
