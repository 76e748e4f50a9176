//! Problems found in a case bundle: where (file, line, column), what, and how to fix it.

use serde::Serialize;
use tahawul_i18n::{Localizer, Message};

/// One problem, located in a file.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    /// The file, relative to the bundle folder.
    pub file: String,
    /// 1-based line.
    pub line: u32,
    /// 1-based column, in characters.
    pub column: u32,
    /// What is wrong.
    pub message: Message,
    /// How to fix it.
    pub help: Option<Message>,
}

/// A diagnostic in words, for JSON output.
#[derive(Debug, Clone, Serialize)]
pub struct RenderedDiagnostic {
    /// The file, relative to the bundle folder.
    pub file: String,
    /// 1-based line.
    pub line: u32,
    /// 1-based column.
    pub column: u32,
    /// The message id, stable across languages.
    pub code: &'static str,
    /// What is wrong, in the user's language.
    pub message: String,
    /// How to fix it, in the user's language.
    pub help: Option<String>,
}

impl Diagnostic {
    /// `file:line:column: error: what` and an indented `help:` line.
    pub fn render(&self, loc: &Localizer) -> String {
        let r = self.rendered(loc);
        let mut out = format!("{}:{}:{}: {}: {}", r.file, r.line, r.column, loc.tr("diagnostic-error"), r.message);
        if let Some(h) = r.help {
            out.push_str(&format!("\n    {}: {}", loc.tr("diagnostic-help"), h));
        }
        out
    }

    /// The CSV column a row's problem is in (a `bundle-csv-row` message), so that a form
    /// whose fields are named as the columns can show the problem at its field.
    pub fn csv_column(&self) -> Option<&str> {
        if self.message.id != "bundle-csv-row" {
            return None;
        }
        self.message.args.iter().find_map(|(k, v)| match (k, v) {
            (&"column", tahawul_i18n::Arg::Str(c)) => Some(c.as_str()),
            _ => None,
        })
    }

    /// The diagnostic with its words in `loc`'s language.
    pub fn rendered(&self, loc: &Localizer) -> RenderedDiagnostic {
        RenderedDiagnostic {
            file: self.file.clone(),
            line: self.line,
            column: self.column,
            code: self.message.id,
            message: loc.format(&self.message),
            help: self.help.as_ref().map(|h| loc.format(h)),
        }
    }
}

/// A file's text with its line starts, to turn byte offsets into line and column.
#[derive(Debug, Clone)]
pub struct SourceText {
    /// The file, relative to the bundle folder.
    pub name: String,
    /// Its contents.
    pub text: String,
    line_starts: Vec<usize>,
}

impl SourceText {
    /// Indexes a file's text.
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        let text = text.into();
        let line_starts = std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect();
        SourceText { name: name.into(), text, line_starts }
    }

    /// 1-based line and character column of a byte offset.
    pub fn line_col(&self, offset: usize) -> (u32, u32) {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&s| s <= offset).saturating_sub(1);
        let start = self.line_starts[line];
        let col = self.text.get(start..offset).map_or(offset - start, |s| s.chars().count());
        (line as u32 + 1, col as u32 + 1)
    }

    /// A diagnostic at a byte offset of this file.
    pub fn diagnostic(&self, offset: usize, message: Message, help: Option<Message>) -> Diagnostic {
        let (line, column) = self.line_col(offset);
        Diagnostic { file: self.name.clone(), line, column, message, help }
    }
}

/// The nearest of `candidates` to `word`, if one is close enough to be a likely typo.
pub fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::normalized_damerau_levenshtein(word, c), c))
        .filter(|(score, _)| *score >= 0.5)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters_not_bytes() {
        let s = SourceText::new("x.toml", "a = 1\nname = \"ثابت\" x\n");
        let off = s.text.find(" x").unwrap() + 1;
        assert_eq!(s.line_col(off), (2, 15));
        assert_eq!(s.line_col(0), (1, 1));
    }

    #[test]
    fn did_you_mean_suggests_close_names_only() {
        let c = ["federal-iraq", "kurdistan-region", "iraq"];
        assert_eq!(did_you_mean("federal-irak", c), Some("federal-iraq"));
        assert_eq!(did_you_mean("zzzzzz", c), None);
    }
}
