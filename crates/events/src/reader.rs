//! Reads a dataset export row by row: the header is matched by column name (so column order
//! and the older ACLED layout do not matter), every row is checked, and the bytes are hashed
//! as they pass so the file's digest is known at the end without a second read.

use std::collections::HashMap;
use std::io::Read;

use jiff::civil::Date;
use tahawul_domain::Diagnostic;
use tahawul_i18n::Message;

use crate::Dataset;

/// The longest line accepted. GED's longest real rows (source excerpts) are a few KiB; a file
/// with a longer line is broken or hostile, and is refused before it fills memory.
pub const MAX_LINE_BYTES: usize = 1 << 20;

/// One event, as the definitions need it (the rest of the row is not kept).
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    /// The line the row starts on (the header is line 1).
    pub line: u64,
    /// The dataset's own id of the event.
    pub id: String,
    /// First day.
    pub start: Date,
    /// Last day (the start, for ACLED).
    pub end: Date,
    /// The dataset's country name.
    pub country: String,
    /// ACLED's `iso` (ISO 3166-1 numeric) or older `iso3`; none for GED.
    pub country_code: Option<String>,
    /// The first-level subdivision as the dataset spells it; empty when the event is placed
    /// only at country level.
    pub admin1: String,
    /// GED's type of violence (1, 2, 3); none for ACLED.
    pub type_of_violence: Option<u8>,
    /// ACLED's event type; empty for GED.
    pub event_type: String,
    /// ACLED's sub-event type; empty for GED.
    pub sub_event_type: String,
    /// The actor fields, joined by ` | `.
    pub actors: String,
    /// Date precision (GED `date_prec`, ACLED `time_precision`): 1 is the most precise.
    pub date_precision: u8,
    /// Place precision (GED `where_prec`, ACLED `geo_precision`): 1 is the most precise.
    pub place_precision: u8,
    /// Best estimate of deaths (ACLED: fatalities).
    pub best: f64,
    /// Low estimate (ACLED: fatalities).
    pub low: f64,
    /// High estimate (ACLED: fatalities).
    pub high: f64,
}

/// The fields an importer reads, by dataset. A tuple lists names of one field in the
/// layouts the dataset has used (the first is today's).
const GED_COLUMNS: &[&[&str]] = &[
    &["id"],
    &["type_of_violence"],
    &["side_a"],
    &["side_b"],
    &["adm_1"],
    &["country"],
    &["date_prec"],
    &["where_prec"],
    &["date_start"],
    &["date_end"],
    &["best"],
    &["high"],
    &["low"],
];
const ACLED_COLUMNS: &[&[&str]] = &[
    &["event_id_cnty", "data_id"],
    &["event_date"],
    &["event_type"],
    &["sub_event_type"],
    &["actor1"],
    &["assoc_actor_1"],
    &["actor2"],
    &["assoc_actor_2"],
    &["country"],
    &["iso", "iso3"],
    &["admin1"],
    &["time_precision"],
    &["geo_precision"],
    &["fatalities"],
];

fn columns(dataset: Dataset) -> &'static [&'static [&'static str]] {
    match dataset {
        Dataset::UcdpGed => GED_COLUMNS,
        Dataset::Acled => ACLED_COLUMNS,
    }
}

/// Passes the file's bytes to the CSV parser, hashing them and refusing a line longer than
/// [`MAX_LINE_BYTES`].
struct Guard<R> {
    inner: R,
    since_newline: usize,
    hasher: blake3::Hasher,
    bytes: u64,
    overlong: bool,
}

impl<R: Read> Read for Guard<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.overlong {
            return Err(std::io::Error::other("line too long"));
        }
        let n = self.inner.read(buf)?;
        let chunk = &buf[..n];
        let mut from = 0;
        for nl in memchr::memchr_iter(b'\n', chunk) {
            if self.since_newline + (nl - from) > MAX_LINE_BYTES {
                self.overlong = true;
            }
            self.since_newline = 0;
            from = nl + 1;
        }
        self.since_newline += n - from;
        if self.overlong || self.since_newline > MAX_LINE_BYTES {
            self.overlong = true;
            return Err(std::io::Error::other("line too long"));
        }
        self.hasher.update(chunk);
        self.bytes += n as u64;
        Ok(n)
    }
}

/// Reads the events of one export.
pub struct EventReader<R: Read> {
    csv: csv::Reader<Guard<R>>,
    file: String,
    dataset: Dataset,
    /// The position in the row of each field of [`columns`], in that order.
    at: Vec<usize>,
    /// The header's names, for messages.
    header: Vec<String>,
    record: csv::ByteRecord,
    done: bool,
}

impl<R: Read> EventReader<R> {
    /// Reads and checks the header. `file` is the name used in messages.
    pub fn new(file: &str, dataset: Dataset, input: R) -> Result<Self, Diagnostic> {
        let guard = Guard { inner: input, since_newline: 0, hasher: blake3::Hasher::new(), bytes: 0, overlong: false };
        let mut csv = csv::ReaderBuilder::new().has_headers(true).flexible(true).from_reader(guard);
        let at = |column: usize| Diagnostic {
            file: file.to_string(),
            line: 1,
            column: column as u32,
            message: Message::new("events-empty-file").arg("file", file),
            help: None,
        };
        let headers = match csv.byte_headers() {
            Ok(h) => h.clone(),
            Err(e) => return Err(read_failure(file, 1, &e, csv.get_ref().overlong)),
        };
        if headers.is_empty() || (headers.len() == 1 && headers[0].is_empty()) {
            return Err(Diagnostic {
                help: Some(Message::new("events-header-help").arg("dataset", dataset.as_str())),
                ..at(1)
            });
        }
        let header: Vec<String> = headers.iter().map(|h| String::from_utf8_lossy(h).trim().to_string()).collect();
        let index: HashMap<&str, usize> = header.iter().enumerate().map(|(i, h)| (h.as_str(), i)).collect();
        let mut positions = Vec::new();
        let mut missing = Vec::new();
        for names in columns(dataset) {
            match names.iter().find_map(|n| index.get(n)) {
                Some(&i) => positions.push(i),
                None => missing.push(names[0]),
            }
        }
        if !missing.is_empty() {
            let nearest = missing
                .iter()
                .filter_map(|m| {
                    header
                        .iter()
                        .map(|h| (strsim::jaro_winkler(m, h), h))
                        .filter(|(s, _)| *s > 0.85)
                        .max_by(|a, b| a.0.total_cmp(&b.0))
                        .map(|(_, h)| format!("{h} → {m}"))
                })
                .collect::<Vec<_>>();
            return Err(Diagnostic {
                message: Message::new("events-missing-columns")
                    .arg("dataset", dataset.as_str())
                    .arg("columns", missing.join(", "))
                    .arg("count", missing.len()),
                help: Some(if nearest.is_empty() {
                    Message::new("events-header-help").arg("dataset", dataset.as_str())
                } else {
                    Message::new("events-rename-columns").arg("renames", nearest.join(", "))
                }),
                ..at(1)
            });
        }
        Ok(EventReader {
            csv,
            file: file.to_string(),
            dataset,
            at: positions,
            header,
            record: csv::ByteRecord::new(),
            done: false,
        })
    }

    /// The next event, a problem with the next row (reading goes on after it), or `None` at
    /// the end. After a problem that leaves the rest unreadable (a line too long, a read
    /// error) the reader ends.
    pub fn next_event(&mut self) -> Option<Result<Event, Diagnostic>> {
        if self.done {
            return None;
        }
        match self.csv.read_byte_record(&mut self.record) {
            Ok(false) => {
                self.done = true;
                None
            }
            Ok(true) => Some(self.event()),
            Err(e) => {
                let line = e.position().map_or_else(|| self.csv.position().line(), |p| p.line());
                let overlong = self.csv.get_ref().overlong;
                // Only a malformed row leaves the parser able to go on; an I/O failure does not.
                if overlong || matches!(e.kind(), csv::ErrorKind::Io(_)) {
                    self.done = true;
                }
                Some(Err(read_failure(&self.file, line, &e, overlong)))
            }
        }
    }

    /// The 1-based column of the first-level subdivision (for place problems).
    pub fn admin1_column(&self) -> u32 {
        let k = match self.dataset {
            Dataset::UcdpGed => 4,
            Dataset::Acled => 10,
        };
        self.at[k] as u32 + 1
    }

    /// The bytes read so far (for progress).
    pub fn bytes_read(&self) -> u64 {
        self.csv.get_ref().bytes
    }

    /// The BLAKE3 digest (hex) of the bytes read so far: the file's, once the end is reached.
    pub fn digest(&self) -> String {
        self.csv.get_ref().hasher.finalize().to_hex().to_string()
    }

    fn event(&self) -> Result<Event, Diagnostic> {
        let line = self.record.position().map_or(0, |p| p.line());
        if self.record.len() != self.header.len() {
            return Err(self.problem(
                line,
                self.record.len().min(self.header.len()) + 1,
                Message::new("events-row-length").arg("found", self.record.len()).arg("expected", self.header.len()),
                Some(Message::new("events-row-length-help")),
            ));
        }
        if let Err(e) = std::str::from_utf8(self.record.as_slice()) {
            let bad = e.valid_up_to();
            let column =
                (0..self.record.len()).find(|&i| self.record.range(i).is_some_and(|r| r.end > bad)).unwrap_or(0);
            return Err(self.problem(
                line,
                column + 1,
                Message::new("events-not-utf8").arg("column", self.header[column].clone()),
                Some(Message::new("events-not-utf8-help")),
            ));
        }
        let field = |k: usize| -> (usize, &str) {
            let i = self.at[k];
            // Checked as UTF-8 just above, as a whole.
            (i, std::str::from_utf8(&self.record[i]).unwrap_or_default().trim())
        };
        match self.dataset {
            Dataset::UcdpGed => {
                let start = self.date(line, field(8))?;
                let end = self.date(line, field(9))?;
                if end < start {
                    return Err(self.problem(
                        line,
                        field(9).0 + 1,
                        Message::new("events-date-order").arg("start", start.to_string()).arg("end", end.to_string()),
                        None,
                    ));
                }
                Ok(Event {
                    line,
                    id: field(0).1.to_string(),
                    start,
                    end,
                    country: field(5).1.to_string(),
                    country_code: None,
                    admin1: field(4).1.to_string(),
                    type_of_violence: Some(self.small(line, field(1), 1, 3)?),
                    event_type: String::new(),
                    sub_event_type: String::new(),
                    actors: format!("{} | {}", field(2).1, field(3).1),
                    date_precision: self.small(line, field(6), 1, 5)?,
                    place_precision: self.small(line, field(7), 1, 7)?,
                    best: self.count(line, field(10))?,
                    high: self.count(line, field(11))?,
                    low: self.count(line, field(12))?,
                })
            }
            Dataset::Acled => {
                let date = self.date(line, field(1))?;
                let fatalities = self.count(line, field(13))?;
                let actors = [4, 5, 6, 7].map(|k| field(k).1).into_iter().filter(|a| !a.is_empty()).collect::<Vec<_>>();
                let code = field(9).1;
                Ok(Event {
                    line,
                    id: field(0).1.to_string(),
                    start: date,
                    end: date,
                    country: field(8).1.to_string(),
                    country_code: (!code.is_empty()).then(|| code.to_string()),
                    admin1: field(10).1.to_string(),
                    type_of_violence: None,
                    event_type: field(2).1.to_string(),
                    sub_event_type: field(3).1.to_string(),
                    actors: actors.join(" | "),
                    date_precision: self.small(line, field(11), 1, 3)?,
                    place_precision: self.small(line, field(12), 1, 3)?,
                    best: fatalities,
                    low: fatalities,
                    high: fatalities,
                })
            }
        }
    }

    fn problem(&self, line: u64, column: usize, message: Message, help: Option<Message>) -> Diagnostic {
        Diagnostic { file: self.file.clone(), line: line as u32, column: column as u32, message, help }
    }

    fn date(&self, line: u64, (i, text): (usize, &str)) -> Result<Date, Diagnostic> {
        parse_date(text).ok_or_else(|| {
            self.problem(
                line,
                i + 1,
                Message::new("events-bad-date").arg("column", self.header[i].clone()).arg("value", text),
                Some(Message::new("events-bad-date-help")),
            )
        })
    }

    fn count(&self, line: u64, (i, text): (usize, &str)) -> Result<f64, Diagnostic> {
        text.parse::<u32>().map(f64::from).map_err(|_| {
            self.problem(
                line,
                i + 1,
                Message::new("events-bad-count").arg("column", self.header[i].clone()).arg("value", text),
                None,
            )
        })
    }

    fn small(&self, line: u64, (i, text): (usize, &str), min: u8, max: u8) -> Result<u8, Diagnostic> {
        text.parse::<u8>().ok().filter(|v| (min..=max).contains(v)).ok_or_else(|| {
            self.problem(
                line,
                i + 1,
                Message::new("events-bad-code")
                    .arg("column", self.header[i].clone())
                    .arg("value", text)
                    .arg("min", u32::from(min))
                    .arg("max", u32::from(max)),
                None,
            )
        })
    }
}

fn read_failure(file: &str, line: u64, e: &csv::Error, overlong: bool) -> Diagnostic {
    let (message, help) = if overlong {
        (
            Message::new("events-line-too-long").arg("limit", MAX_LINE_BYTES as u64),
            Some(Message::new("events-line-too-long-help")),
        )
    } else {
        (Message::new("events-unreadable").arg("detail", e.to_string()), None)
    };
    Diagnostic { file: file.to_string(), line: line as u32, column: 1, message, help }
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// `2025-05-16` (a time after it is ignored: some GED exports carry `00:00:00.000`) or
/// ACLED's `16 May 2025` (full or three-letter month names).
pub(crate) fn parse_date(text: &str) -> Option<Date> {
    let iso = text.get(..10).filter(|_| text.len() == 10 || text[10..].starts_with([' ', 'T']));
    if let Some(d) = iso.and_then(|t| t.parse::<Date>().ok()) {
        return Some(d);
    }
    let mut parts = text.split_whitespace();
    let (day, month, year) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    let month = month.to_ascii_lowercase();
    let m = MONTHS.iter().position(|name| *name == month || (month.len() == 3 && name.starts_with(&month)))?;
    Date::new(year.parse().ok()?, (m + 1) as i8, day.parse().ok()?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_both_export_forms_read_and_impossible_ones_do_not() {
        assert_eq!(parse_date("2025-05-16"), Some(jiff::civil::date(2025, 5, 16)));
        assert_eq!(parse_date("2013-01-03 00:00:00.000"), Some(jiff::civil::date(2013, 1, 3)));
        assert_eq!(parse_date("16 May 2025"), Some(jiff::civil::date(2025, 5, 16)));
        assert_eq!(parse_date("3 Sep 2024"), Some(jiff::civil::date(2024, 9, 3)));
        assert_eq!(parse_date("31 February 2024"), None);
        assert_eq!(parse_date("2024-02-31"), None);
        assert_eq!(parse_date("2024-02-011"), None);
        assert_eq!(parse_date(""), None);
        assert_eq!(parse_date("16 Mayo 2025"), None);
    }
}
