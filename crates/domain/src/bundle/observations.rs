//! Observations from CSV files: every bad row is reported with its line, column and field.

use std::path::Path;

use tahawul_i18n::Message;

use super::{Kind, Registry};
use crate::diagnostic::{Diagnostic, SourceText, did_you_mean};
use crate::model::{Confidence, Id, Indicator, IndicatorKind, Observation, Scale};
use crate::period::Period;

/// The columns, in the order the format documents them.
pub const COLUMNS: [&str; 12] = [
    "indicator",
    "area",
    "period",
    "value",
    "scale_version",
    "publisher",
    "method",
    "as_of",
    "confidence",
    "illustrative",
    "document",
    "note",
];
const REQUIRED: [&str; 10] = [
    "indicator",
    "area",
    "period",
    "value",
    "publisher",
    "method",
    "as_of",
    "confidence",
    "illustrative",
    "scale_version",
];

/// Reads every `*.csv` in the folder, in name order.
pub(crate) fn read_files(dir: &Path, diags: &mut Vec<Diagnostic>) -> Vec<SourceText> {
    let mut paths: Vec<_> = match std::fs::read_dir(dir) {
        Ok(rd) => {
            rd.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|x| x == "csv")).collect()
        }
        Err(_) => {
            diags.push(Diagnostic {
                file: "observations/".into(),
                line: 1,
                column: 1,
                message: Message::new("bundle-no-observations-folder"),
                help: Some(Message::new("bundle-no-observations-folder-help")),
            });
            return vec![];
        }
    };
    paths.sort();
    let mut out = Vec::new();
    for p in paths {
        let name =
            format!("observations/{}", p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default());
        match std::fs::read(&p).map(String::from_utf8) {
            Ok(Ok(text)) => out.push(SourceText::new(name, text)),
            Ok(Err(e)) => {
                let src = SourceText::new(name.clone(), String::from_utf8_lossy(e.as_bytes()).into_owned());
                diags.push(src.diagnostic(
                    e.utf8_error().valid_up_to(),
                    Message::new("bundle-not-utf8").arg("file", name),
                    Some(Message::new("bundle-not-utf8-help")),
                ));
            }
            Err(e) => diags.push(Diagnostic {
                file: name.clone(),
                line: 1,
                column: 1,
                message: Message::new("bundle-cannot-read").arg("file", name).arg("detail", e.to_string()),
                help: None,
            }),
        }
    }
    out
}

/// Parses the CSV texts into observations, checking every field of every row.
pub(crate) fn read(
    files: &[SourceText],
    reg: &Registry,
    indicators: &[Indicator],
    scales: &[Scale],
) -> (Vec<Observation>, Vec<Diagnostic>) {
    let mut out = Vec::new();
    let mut diags = Vec::new();
    for src in files {
        read_one(src, reg, indicators, scales, &mut out, &mut diags);
    }
    (out, diags)
}

fn read_one(
    src: &SourceText,
    reg: &Registry,
    indicators: &[Indicator],
    scales: &[Scale],
    out: &mut Vec<Observation>,
    diags: &mut Vec<Diagnostic>,
) {
    let mut rdr = csv::ReaderBuilder::new().has_headers(true).flexible(true).from_reader(src.text.as_bytes());
    let headers = match rdr.headers() {
        Ok(h) => h.clone(),
        Err(e) => {
            diags.push(src.diagnostic(0, Message::new("bundle-csv-syntax").arg("detail", e.to_string()), None));
            return;
        }
    };
    let header_names: Vec<String> = headers.iter().map(|h| h.trim().to_string()).collect();
    let mut header_ok = true;
    for (i, h) in header_names.iter().enumerate() {
        if !COLUMNS.contains(&h.as_str()) {
            let help = did_you_mean(h, COLUMNS)
                .map(|n| Message::new("bundle-did-you-mean").arg("name", n))
                .unwrap_or_else(|| Message::new("bundle-csv-columns-help").arg("columns", COLUMNS.join(",")));
            diags.push(at_field(
                src,
                1,
                i,
                Message::new("bundle-csv-unknown-column").arg("column", h.as_str()),
                Some(help),
            ));
            header_ok = false;
        }
    }
    for r in REQUIRED {
        if !header_names.iter().any(|h| h == r) {
            diags.push(src.diagnostic(
                0,
                Message::new("bundle-csv-missing-column").arg("column", r),
                Some(Message::new("bundle-csv-columns-help").arg("columns", COLUMNS.join(","))),
            ));
            header_ok = false;
        }
    }
    if !header_ok {
        return;
    }
    let col = |name: &str| header_names.iter().position(|h| h == name);
    for record in rdr.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line() as u32);
                diags.push(Diagnostic {
                    file: src.name.clone(),
                    line,
                    column: 1,
                    message: Message::new("bundle-csv-syntax").arg("detail", e.to_string()),
                    help: None,
                });
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line() as u32);
        if record.len() != header_names.len() {
            diags.push(Diagnostic {
                file: src.name.clone(),
                line,
                column: 1,
                message: Message::new("bundle-csv-field-count")
                    .arg("found", record.len())
                    .arg("expected", header_names.len()),
                help: Some(Message::new("bundle-csv-field-count-help")),
            });
            continue;
        }
        let fields: Vec<String> = record.iter().map(|s| s.trim().to_string()).collect();
        let get = |name: &str| col(name).map(|i| fields[i].as_str()).unwrap_or("");
        // Numbers, periods and dates typed on an Arabic keyboard (٢٠٢٤-٠٣, ١٢٫٥) read as
        // written in ASCII digits; ids and choices are ASCII and are read as they are.
        let number = |name: &str| tahawul_i18n::to_latin_digits(get(name));
        let mut row = RowCheck { src, line, headers: &header_names, diags: &mut *diags, ok: true };

        let qualified = get("indicator");
        let indicator = match qualified
            .split_once('.')
            .and_then(|(f, i)| indicators.iter().find(|x| x.factor.as_str() == f && x.id.as_str() == i))
        {
            Some(ind) => Some(ind),
            None => {
                let names: Vec<String> = indicators.iter().map(Indicator::qualified_name).collect();
                let help = did_you_mean(qualified, names.iter().map(String::as_str))
                    .map(|n| Message::new("bundle-did-you-mean").arg("name", n));
                row.fail(
                    "indicator",
                    Message::new("bundle-unknown-reference")
                        .arg("kind", Message::new("kind-indicator"))
                        .arg("id", qualified),
                    help,
                );
                None
            }
        };
        let area = row.reference(reg, Kind::Area, "area", get("area"));
        let publisher = row.reference(reg, Kind::Publisher, "publisher", get("publisher"));
        let method = row.reference(reg, Kind::Method, "method", get("method"));
        let document = if get("document").is_empty() {
            None
        } else {
            row.reference(reg, Kind::Document, "document", get("document"))
        };
        let period = match number("period").parse::<Period>() {
            Ok(p) => Some(p),
            Err(_) => {
                row.fail(
                    "period",
                    Message::new("bundle-bad-period").arg("key", "period").arg("value", get("period")),
                    Some(Message::new("bundle-period-help")),
                );
                None
            }
        };
        if let (Some(ind), Some(p)) = (indicator, period)
            && p.frequency() != ind.frequency
        {
            row.fail(
                "period",
                Message::new("bundle-period-frequency")
                    .arg("period", p.to_string())
                    .arg("indicator", ind.qualified_name())
                    .arg("frequency", ind.frequency.as_str()),
                Some(
                    Message::new("bundle-period-frequency-help")
                        .arg("example", Period::containing(p.last_month(), ind.frequency).to_string()),
                ),
            );
        }
        let as_of = match number("as_of").parse::<jiff::civil::Date>() {
            Ok(d) if number("as_of").len() == 10 => Some(d),
            _ => {
                row.fail(
                    "as_of",
                    Message::new("bundle-bad-date").arg("key", "as_of").arg("value", get("as_of")),
                    Some(Message::new("bundle-date-help")),
                );
                None
            }
        };
        let confidence = match get("confidence") {
            "high" => Some(Confidence::High),
            "medium" => Some(Confidence::Medium),
            "low" => Some(Confidence::Low),
            other => {
                row.fail(
                    "confidence",
                    Message::new("bundle-bad-choice").arg("key", "confidence").arg("value", other),
                    Some(Message::new("bundle-choice-help").arg("choices", "high, medium, low")),
                );
                None
            }
        };
        let illustrative = match get("illustrative") {
            "true" => Some(true),
            "false" => Some(false),
            other => {
                row.fail(
                    "illustrative",
                    Message::new("bundle-bad-choice").arg("key", "illustrative").arg("value", other),
                    Some(Message::new("bundle-choice-help").arg("choices", "true, false")),
                );
                None
            }
        };
        let value = indicator.and_then(|ind| row.value(ind, scales, &number("value"), &number("scale_version")));
        if let (
            true,
            Some(ind),
            Some(area),
            Some(period),
            Some(value),
            Some(publisher),
            Some(method),
            Some(as_of),
            Some(confidence),
            Some(illustrative),
        ) = (row.ok, indicator, area, period, value, publisher, method, as_of, confidence, illustrative)
        {
            out.push(Observation {
                factor: ind.factor.clone(),
                indicator: ind.id.clone(),
                area,
                period,
                value,
                publisher,
                method,
                as_of,
                confidence,
                illustrative,
                document,
            });
        }
    }
}

/// A diagnostic at a CSV field: the column is the field's character position in its line.
fn at_field(src: &SourceText, line: u32, index: usize, message: Message, help: Option<Message>) -> Diagnostic {
    let text = src.text.lines().nth(line.saturating_sub(1) as usize).unwrap_or("");
    // Walk the raw line, honouring quotes, to find where field `index` starts.
    let (mut field, mut quoted, mut column) = (0usize, false, 1u32);
    for (i, c) in text.chars().enumerate() {
        if field == index {
            column = i as u32 + 1;
            break;
        }
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => field += 1,
            _ => {}
        }
        column = i as u32 + 2;
    }
    Diagnostic { file: src.name.clone(), line, column, message, help }
}

struct RowCheck<'a> {
    src: &'a SourceText,
    line: u32,
    headers: &'a [String],
    diags: &'a mut Vec<Diagnostic>,
    ok: bool,
}

impl RowCheck<'_> {
    fn fail(&mut self, column: &str, message: Message, help: Option<Message>) {
        self.ok = false;
        let index = self.headers.iter().position(|h| h == column).unwrap_or(0);
        let message = Message::new("bundle-csv-row").arg("column", column).arg("detail", message);
        self.diags.push(at_field(self.src, self.line, index, message, help));
    }

    fn reference(&mut self, reg: &Registry, kind: Kind, column: &str, id: &str) -> Option<Id> {
        if reg.has(kind, id) {
            return Id::parse(id);
        }
        let names = reg.names(kind);
        let help = did_you_mean(id, names.iter().copied()).map(|n| Message::new("bundle-did-you-mean").arg("name", n));
        self.fail(column, Message::new("bundle-unknown-reference").arg("kind", kind.message()).arg("id", id), help);
        None
    }

    /// The value as stored: a number checked against the kind, or a level's rank on the
    /// scale's current version (older versions carried forward through their maps).
    fn value(&mut self, ind: &Indicator, scales: &[Scale], raw: &str, version: &str) -> Option<f64> {
        if ind.kind == IndicatorKind::Level {
            let scale = scales.iter().find(|s| Some(&s.id) == ind.scale.as_ref())?;
            let v = if version.is_empty() {
                scale.current().version
            } else {
                match version.parse::<u32>().ok().filter(|v| scale.version(*v).is_some()) {
                    Some(v) => v,
                    None => {
                        self.fail(
                            "scale_version",
                            Message::new("bundle-bad-scale-version")
                                .arg("value", version)
                                .arg("scale", scale.id.as_str())
                                .arg("max", scale.current().version),
                            None,
                        );
                        return None;
                    }
                }
            };
            let sv = scale.version(v)?;
            let level = match raw.parse::<u32>() {
                Ok(rank) => sv.level(rank).map(|l| l.id.clone()),
                Err(_) => Id::parse(raw).filter(|id| sv.rank(id.as_str()).is_some()),
            };
            let Some(mut level) = level else {
                let near = did_you_mean(raw, sv.levels.iter().map(|l| l.id.as_str()));
                self.fail(
                    "value",
                    Message::new("bundle-unknown-level").arg("level", raw).arg("scale", scale.id.as_str()),
                    Some(near.map_or_else(
                        || {
                            Message::new("bundle-choice-help")
                                .arg("choices", sv.levels.iter().map(|l| l.id.as_str()).collect::<Vec<_>>().join(", "))
                        },
                        |n| Message::new("bundle-did-you-mean").arg("name", n),
                    )),
                );
                return None;
            };
            for next in scale.versions.iter().skip(v as usize) {
                level = next.maps_from_previous.get(&level)?.clone();
            }
            return scale.current().rank(level.as_str()).map(f64::from);
        }
        let Ok(n) = raw.parse::<f64>() else {
            self.fail(
                "value",
                Message::new("bundle-bad-number").arg("value", raw),
                Some(Message::new("bundle-bad-number-help")),
            );
            return None;
        };
        if !n.is_finite() {
            self.fail(
                "value",
                Message::new("bundle-bad-number").arg("value", raw),
                Some(Message::new("bundle-bad-number-help")),
            );
            return None;
        }
        match ind.kind {
            IndicatorKind::Count if n < 0.0 || n.fract() != 0.0 => {
                self.fail(
                    "value",
                    Message::new("bundle-bad-count").arg("value", raw),
                    Some(Message::new("bundle-bad-count-help")),
                );
                None
            }
            IndicatorKind::Share if !(0.0..=1.0).contains(&n) => {
                let help = if (0.0..=100.0).contains(&n) {
                    Message::new("bundle-share-percent-help").arg("suggestion", n / 100.0)
                } else {
                    Message::new("bundle-bad-share-help")
                };
                self.fail("value", Message::new("bundle-bad-share").arg("value", raw), Some(help));
                None
            }
            _ => Some(n),
        }
    }
}
