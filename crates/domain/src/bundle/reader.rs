//! Reading TOML tables field by field, recording every problem instead of stopping at the
//! first (serde would stop), each at the key or value it concerns.

use std::ops::Range;

use tahawul_i18n::{Message, Text};
use toml::de::{DeTable, DeValue};

use crate::diagnostic::{Diagnostic, SourceText, did_you_mean};
use crate::model::Id;
use crate::period::{Month, Period};

/// A value with the byte span it came from.
pub type Sp<T> = (T, Range<usize>);

/// One parsed file, its problems, and a table-reading API.
pub struct TomlFile<'i> {
    pub src: &'i SourceText,
    pub diags: Vec<Diagnostic>,
}

/// A file's top-level table, if it parsed.
pub type Root<'i> = Option<toml::Spanned<DeTable<'i>>>;

/// The top-level table of a parsed file, with its allowed keys.
pub fn root_table<'a, 'i>(root: &'a Root<'i>, allowed: &'static [&'static str]) -> Option<Table<'a, 'i>> {
    root.as_ref().map(|r| Table { table: r.get_ref(), span: r.span(), allowed })
}

/// A table being read: it remembers which keys were read, so the rest are reported as unknown.
pub struct Table<'a, 'i> {
    pub table: &'a DeTable<'i>,
    pub span: Range<usize>,
    allowed: &'static [&'static str],
}

impl<'i> TomlFile<'i> {
    /// Parses a file, keeping syntax errors as diagnostics.
    pub fn parse(src: &'i SourceText) -> (Self, Root<'i>) {
        let (root, errors) = DeTable::parse_recoverable(&src.text);
        let mut diags = Vec::new();
        for e in &errors {
            let at = e.span().map_or(0, |s| s.start);
            diags.push(src.diagnostic(
                at,
                Message::new("bundle-toml-syntax").arg("detail", e.message().trim().to_string()),
                Some(Message::new("bundle-toml-syntax-help")),
            ));
        }
        let root = if errors.is_empty() && !src.text.trim().is_empty() { Some(root) } else { None };
        (TomlFile { src, diags }, root)
    }

    /// Records a problem at a byte offset.
    pub fn err(&mut self, at: usize, message: Message, help: Option<Message>) {
        self.diags.push(self.src.diagnostic(at, message, help));
    }

    /// Reports keys of `t` that are not in its allowed list.
    pub fn check_keys(&mut self, t: &Table<'_, 'i>) {
        for (k, _) in t.table.iter() {
            let key: &str = k.get_ref();
            if !t.allowed.contains(&key) {
                let mut help = Message::new("bundle-unknown-key-help").arg("allowed", t.allowed.join(", "));
                if let Some(near) = did_you_mean(key, t.allowed.iter().copied()) {
                    help = Message::new("bundle-did-you-mean").arg("name", near);
                }
                self.err(k.span().start, Message::new("bundle-unknown-key").arg("key", key), Some(help));
            }
        }
    }

    fn get<'a>(&self, t: &Table<'a, 'i>, key: &str) -> Option<&'a toml::Spanned<DeValue<'i>>> {
        debug_assert!(t.allowed.contains(&key), "key {key} read but not declared allowed");
        t.table.get(key)
    }

    fn missing(&mut self, t: &Table<'_, 'i>, key: &str) {
        self.err(
            t.span.start,
            Message::new("bundle-missing-key").arg("key", key),
            Some(Message::new("bundle-missing-key-help").arg("key", key)),
        );
    }

    fn wrong_type(&mut self, at: usize, key: &str, want: &'static str, got: &str) {
        self.err(
            at,
            Message::new("bundle-wrong-type").arg("key", key).arg("expected", want).arg("found", got),
            Some(Message::new(match want {
                "text" => "bundle-text-help",
                "date" => "bundle-date-help",
                _ => "bundle-wrong-type-help",
            })),
        );
    }

    /// An optional string.
    pub fn opt_str(&mut self, t: &Table<'_, 'i>, key: &str) -> Option<Sp<String>> {
        let v = self.get(t, key)?;
        match v.get_ref() {
            DeValue::String(s) => Some((s.to_string(), v.span())),
            other => {
                self.wrong_type(v.span().start, key, "string", other.type_str());
                None
            }
        }
    }

    /// A required string.
    pub fn str(&mut self, t: &Table<'_, 'i>, key: &str) -> Option<Sp<String>> {
        if t.table.get(key).is_none() {
            self.missing(t, key);
            return None;
        }
        self.opt_str(t, key)
    }

    /// An identifier from a string span (checks the form).
    pub fn id_at(&mut self, s: Sp<String>) -> Option<Sp<Id>> {
        match Id::parse(&s.0) {
            Some(id) => Some((id, s.1)),
            None => {
                let fixed: String =
                    s.0.trim()
                        .to_lowercase()
                        .chars()
                        .map(|c| if c.is_ascii_alphanumeric() || c == '_' { c } else { '-' })
                        .collect();
                self.err(
                    s.1.start,
                    Message::new("bundle-bad-id").arg("id", s.0.clone()),
                    Some(Message::new("bundle-bad-id-help").arg("suggestion", fixed)),
                );
                None
            }
        }
    }

    /// A required identifier.
    pub fn id(&mut self, t: &Table<'_, 'i>, key: &str) -> Option<Sp<Id>> {
        let s = self.str(t, key)?;
        self.id_at(s)
    }

    /// An optional identifier.
    pub fn opt_id(&mut self, t: &Table<'_, 'i>, key: &str) -> Option<Sp<Id>> {
        let s = self.opt_str(t, key)?;
        self.id_at(s)
    }

    /// An optional array of identifiers (missing means empty).
    pub fn ids(&mut self, t: &Table<'_, 'i>, key: &str) -> Vec<Sp<Id>> {
        let Some(v) = self.get(t, key) else {
            return vec![];
        };
        let DeValue::Array(items) = v.get_ref() else {
            self.wrong_type(v.span().start, key, "array", v.get_ref().type_str());
            return vec![];
        };
        let mut out = Vec::new();
        for item in items.iter() {
            match item.get_ref() {
                DeValue::String(s) => {
                    if let Some(id) = self.id_at((s.to_string(), item.span())) {
                        out.push(id);
                    }
                }
                other => self.wrong_type(item.span().start, key, "string", other.type_str()),
            }
        }
        out
    }

    /// An optional array of strings (missing means empty).
    pub fn strs(&mut self, t: &Table<'_, 'i>, key: &str) -> Vec<Sp<String>> {
        let Some(v) = self.get(t, key) else {
            return vec![];
        };
        let DeValue::Array(items) = v.get_ref() else {
            self.wrong_type(v.span().start, key, "array", v.get_ref().type_str());
            return vec![];
        };
        let mut out = Vec::new();
        for item in items.iter() {
            match item.get_ref() {
                DeValue::String(s) => out.push((s.to_string(), item.span())),
                other => self.wrong_type(item.span().start, key, "string", other.type_str()),
            }
        }
        out
    }

    /// An optional array of whole numbers within `range` (missing means empty).
    pub fn ints(&mut self, t: &Table<'_, 'i>, key: &str, range: Range<i64>) -> Vec<Sp<i64>> {
        let Some(v) = self.get(t, key) else {
            return vec![];
        };
        let DeValue::Array(items) = v.get_ref() else {
            self.wrong_type(v.span().start, key, "array", v.get_ref().type_str());
            return vec![];
        };
        let mut out = Vec::new();
        for item in items.iter() {
            let n = match item.get_ref() {
                DeValue::Integer(i) => i64::from_str_radix(&i.as_str().replace('_', ""), i.radix()).ok(),
                other => {
                    self.wrong_type(item.span().start, key, "integer", other.type_str());
                    continue;
                }
            };
            match n {
                Some(n) if range.contains(&n) => out.push((n, item.span())),
                _ => self.err(
                    item.span().start,
                    Message::new("bundle-out-of-range")
                        .arg("key", key)
                        .arg("min", range.start)
                        .arg("max", range.end - 1),
                    Some(Message::new("bundle-out-of-range-help").arg("min", range.start).arg("max", range.end - 1)),
                ),
            }
        }
        out
    }

    /// A bilingual text `{ en = "…", ar = "…" }`; both languages must be present and non-empty.
    pub fn text_value(&mut self, key: &str, v: &toml::Spanned<DeValue<'i>>) -> Option<Text> {
        let DeValue::Table(tbl) = v.get_ref() else {
            self.wrong_type(v.span().start, key, "text", v.get_ref().type_str());
            return None;
        };
        let t = Table { table: tbl, span: v.span(), allowed: &["en", "ar"] };
        self.check_keys(&t);
        let get = |lang: &'static str, this: &mut Self| -> Option<String> {
            match t.table.get(lang) {
                Some(s) => match s.get_ref() {
                    DeValue::String(x) if !x.trim().is_empty() => {
                        // The same bounds and characters as every other way in (rules.rs).
                        match crate::rules::text_problem(x, crate::rules::max_chars(key)) {
                            None => Some(x.trim().to_string()),
                            Some(m) => {
                                this.err(s.span().start, m, Some(Message::new("rules-text-help")));
                                None
                            }
                        }
                    }
                    DeValue::String(_) => {
                        this.err(
                            s.span().start,
                            Message::new("bundle-empty-text").arg("key", key).arg("lang", lang),
                            Some(Message::new("bundle-missing-translation-help").arg("lang", lang)),
                        );
                        None
                    }
                    other => {
                        this.wrong_type(s.span().start, lang, "string", other.type_str());
                        None
                    }
                },
                None => {
                    this.err(
                        v.span().start,
                        Message::new("bundle-missing-translation").arg("key", key).arg("lang", lang),
                        Some(Message::new("bundle-missing-translation-help").arg("lang", lang)),
                    );
                    None
                }
            }
        };
        let en = get("en", self);
        let ar = get("ar", self);
        Some(Text { en: en?, ar: ar? })
    }

    /// A required bilingual text.
    pub fn text(&mut self, t: &Table<'_, 'i>, key: &str) -> Option<Text> {
        match self.get(t, key) {
            Some(v) => self.text_value(key, v),
            None => {
                self.missing(t, key);
                None
            }
        }
    }

    /// An optional bilingual text (empty when missing).
    pub fn opt_text(&mut self, t: &Table<'_, 'i>, key: &str) -> Text {
        match self.get(t, key) {
            Some(v) => self.text_value(key, v).unwrap_or_default(),
            None => Text::default(),
        }
    }

    /// An optional array of bilingual texts.
    pub fn texts(&mut self, t: &Table<'_, 'i>, key: &str) -> Vec<Text> {
        let Some(v) = self.get(t, key) else {
            return vec![];
        };
        let DeValue::Array(items) = v.get_ref() else {
            self.wrong_type(v.span().start, key, "array", v.get_ref().type_str());
            return vec![];
        };
        items.iter().filter_map(|item| self.text_value(key, item)).collect()
    }

    /// An optional boolean (false when missing).
    pub fn bool(&mut self, t: &Table<'_, 'i>, key: &str) -> bool {
        let Some(v) = self.get(t, key) else {
            return false;
        };
        match v.get_ref() {
            DeValue::Boolean(b) => *b,
            other => {
                self.wrong_type(v.span().start, key, "boolean", other.type_str());
                false
            }
        }
    }

    /// An optional whole number within `range`.
    pub fn opt_int(&mut self, t: &Table<'_, 'i>, key: &str, range: Range<i64>) -> Option<Sp<i64>> {
        let v = self.get(t, key)?;
        let parsed = match v.get_ref() {
            DeValue::Integer(i) => i64::from_str_radix(&i.as_str().replace('_', ""), i.radix()).ok(),
            other => {
                self.wrong_type(v.span().start, key, "integer", other.type_str());
                return None;
            }
        };
        match parsed {
            Some(n) if range.contains(&n) => Some((n, v.span())),
            _ => {
                self.err(
                    v.span().start,
                    Message::new("bundle-out-of-range")
                        .arg("key", key)
                        .arg("min", range.start)
                        .arg("max", range.end - 1),
                    Some(Message::new("bundle-out-of-range-help").arg("min", range.start).arg("max", range.end - 1)),
                );
                None
            }
        }
    }

    /// A required whole number within `range`.
    pub fn int(&mut self, t: &Table<'_, 'i>, key: &str, range: Range<i64>) -> Option<Sp<i64>> {
        if t.table.get(key).is_none() {
            self.missing(t, key);
            return None;
        }
        self.opt_int(t, key, range)
    }

    /// An optional number (integer or float); `None` with no problem when absent.
    /// A value of another type is reported; `Some(Err(span))` marks a number that is not finite.
    pub fn opt_number(&mut self, t: &Table<'_, 'i>, key: &str) -> Option<Sp<f64>> {
        let v = t.table.get(key)?;
        let n = match v.get_ref() {
            DeValue::Float(x) => x.as_str().replace('_', "").parse::<f64>().ok(),
            DeValue::Integer(x) => i64::from_str_radix(&x.as_str().replace('_', ""), x.radix()).ok().map(|i| i as f64),
            other => {
                self.wrong_type(v.span().start, key, "number", other.type_str());
                return None;
            }
        };
        match n {
            Some(n) if n.is_finite() => Some((n, v.span())),
            _ => {
                self.err(
                    v.span().start,
                    Message::new("bundle-bad-effect").arg("key", key),
                    Some(Message::new("bundle-bad-number-help")),
                );
                None
            }
        }
    }

    /// An optional date, written `"2023-08-07"` or as a TOML date.
    pub fn opt_date(&mut self, t: &Table<'_, 'i>, key: &str) -> Option<Sp<jiff::civil::Date>> {
        let v = self.get(t, key)?;
        let text = match v.get_ref() {
            DeValue::String(s) => s.to_string(),
            DeValue::Datetime(d) => d.to_string(),
            other => {
                self.wrong_type(v.span().start, key, "date", other.type_str());
                return None;
            }
        };
        match text.parse::<jiff::civil::Date>() {
            Ok(d) if text.len() == 10 => Some((d, v.span())),
            _ => {
                self.err(
                    v.span().start,
                    Message::new("bundle-bad-date").arg("key", key).arg("value", text),
                    Some(Message::new("bundle-date-help")),
                );
                None
            }
        }
    }

    /// A required date.
    pub fn date(&mut self, t: &Table<'_, 'i>, key: &str) -> Option<Sp<jiff::civil::Date>> {
        if t.table.get(key).is_none() {
            self.missing(t, key);
            return None;
        }
        self.opt_date(t, key)
    }

    /// An optional period (`2023-08`, `2023-Q3`, `2023`).
    pub fn opt_period(&mut self, t: &Table<'_, 'i>, key: &str) -> Option<Sp<Period>> {
        let s = self.opt_str(t, key)?;
        match s.0.parse::<Period>() {
            Ok(p) => Some((p, s.1)),
            Err(_) => {
                self.err(
                    s.1.start,
                    Message::new("bundle-bad-period").arg("key", key).arg("value", s.0),
                    Some(Message::new("bundle-period-help")),
                );
                None
            }
        }
    }

    /// An optional month (`2024-09`).
    pub fn opt_month(&mut self, t: &Table<'_, 'i>, key: &str) -> Option<Sp<Month>> {
        let s = self.opt_str(t, key)?;
        match s.0.parse::<Month>() {
            Ok(m) => Some((m, s.1)),
            Err(_) => {
                self.err(
                    s.1.start,
                    Message::new("bundle-bad-month").arg("key", key).arg("value", s.0),
                    Some(Message::new("bundle-month-help")),
                );
                None
            }
        }
    }

    /// One of a fixed set of words.
    pub fn choice<T: Copy>(
        &mut self,
        t: &Table<'_, 'i>,
        key: &str,
        choices: &[(&'static str, T)],
        required: bool,
    ) -> Option<T> {
        let s = if required { self.str(t, key)? } else { self.opt_str(t, key)? };
        if let Some((_, v)) = choices.iter().find(|(name, _)| *name == s.0) {
            return Some(*v);
        }
        let names: Vec<&str> = choices.iter().map(|(n, _)| *n).collect();
        let help = match did_you_mean(&s.0, names.iter().copied()) {
            Some(near) => Message::new("bundle-did-you-mean").arg("name", near),
            None => Message::new("bundle-choice-help").arg("choices", names.join(", ")),
        };
        self.err(s.1.start, Message::new("bundle-bad-choice").arg("key", key).arg("value", s.0), Some(help));
        None
    }

    /// An optional array of tables, e.g. `[[phase]]`. Each comes back with its allowed keys.
    pub fn tables<'a>(&mut self, t: &Table<'a, 'i>, key: &str, allowed: &'static [&'static str]) -> Vec<Table<'a, 'i>> {
        let Some(v) = self.get(t, key) else {
            return vec![];
        };
        let DeValue::Array(items) = v.get_ref() else {
            self.wrong_type(v.span().start, key, "array of tables", v.get_ref().type_str());
            return vec![];
        };
        let mut out = Vec::new();
        for item in items.iter() {
            match item.get_ref() {
                DeValue::Table(tbl) => {
                    let table = Table { table: tbl, span: item.span(), allowed };
                    self.check_keys(&table);
                    out.push(table);
                }
                other => self.wrong_type(item.span().start, key, "table", other.type_str()),
            }
        }
        out
    }

    /// An optional single sub-table, e.g. `[factor.working_group]`.
    pub fn table<'a>(
        &mut self,
        t: &Table<'a, 'i>,
        key: &str,
        allowed: &'static [&'static str],
        required: bool,
    ) -> Option<Table<'a, 'i>> {
        let Some(v) = self.get(t, key) else {
            if required {
                self.missing(t, key);
            }
            return None;
        };
        match v.get_ref() {
            DeValue::Table(tbl) => {
                let table = Table { table: tbl, span: v.span(), allowed };
                self.check_keys(&table);
                Some(table)
            }
            other => {
                self.wrong_type(v.span().start, key, "table", other.type_str());
                None
            }
        }
    }

    /// A table of `id = "id"` pairs (scale maps).
    pub fn id_map(&mut self, t: &Table<'_, 'i>, key: &str) -> Vec<(Sp<Id>, Sp<Id>)> {
        let Some(v) = self.get(t, key) else {
            return vec![];
        };
        let DeValue::Table(tbl) = v.get_ref() else {
            self.wrong_type(v.span().start, key, "table", v.get_ref().type_str());
            return vec![];
        };
        let mut out = Vec::new();
        for (k, val) in tbl.iter() {
            let from = self.id_at((k.get_ref().to_string(), k.span()));
            let to = match val.get_ref() {
                DeValue::String(s) => self.id_at((s.to_string(), val.span())),
                other => {
                    self.wrong_type(val.span().start, k.get_ref(), "string", other.type_str());
                    None
                }
            };
            if let (Some(f), Some(t)) = (from, to) {
                out.push((f, t));
            }
        }
        out
    }

    /// The byte offset where a string value's content starts (after its opening quotes),
    /// so that positions inside it (a gate's) map to the file.
    pub fn content_start(&self, span: &Range<usize>) -> usize {
        let raw = self.src.text.get(span.start..).unwrap_or("");
        let mut at = span.start;
        if raw.starts_with("\"\"\"") || raw.starts_with("'''") {
            at += 3;
            if self.src.text[at..].starts_with("\r\n") {
                at += 2;
            } else if self.src.text[at..].starts_with('\n') {
                at += 1;
            }
        } else if raw.starts_with('"') || raw.starts_with('\'') {
            at += 1;
        }
        at
    }
}
