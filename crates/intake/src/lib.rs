//! Intake: a statement, or a news report of one, in; the record it holds out, as proposals.
//!
//! Pure: text and the case in, a [`Report`] out, no I/O. Every proposal carries the exact span
//! of the text it came from and the record ids it restates, so a reviewer sees what is new and
//! what only repeats the record. Rule-based (see `docs/intake.md` for what it reads and what it
//! misses): the glossary of names and known mistranslations comes from the case itself.

pub mod compare;
pub mod dates;
mod glossary;
pub mod matching;
pub mod text;

use serde::Serialize;
use tahawul_domain::{Case, Lang, Message};

pub use compare::{Comparison, compare};
pub use matching::Item;

/// The longest text intake reads (bytes). A statement is a few pages; a megabyte is a book.
pub const MAX_TEXT_BYTES: usize = 1024 * 1024;

/// Why a text could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IntakeError {
    /// Nothing but white space.
    #[error("the text is empty")]
    Empty,
    /// Over [`MAX_TEXT_BYTES`].
    #[error("the text is {bytes} bytes; intake reads at most {limit}")]
    TooLarge {
        /// Its size.
        bytes: usize,
        /// The limit.
        limit: usize,
    },
}

impl IntakeError {
    /// What went wrong, in the user's language.
    pub fn message(&self) -> Message {
        match self {
            IntakeError::Empty => Message::new("intake-error-empty"),
            IntakeError::TooLarge { bytes, limit } => {
                Message::new("intake-error-too-large").arg("bytes", *bytes).arg("limit", *limit)
            }
        }
    }
    /// How to fix it.
    pub fn help(&self) -> Message {
        match self {
            IntakeError::Empty => Message::new("intake-error-empty-help"),
            IntakeError::TooLarge { .. } => Message::new("intake-error-too-large-help"),
        }
    }
}

/// A span of the text, in characters (Unicode scalar values) from its start.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Span {
    /// First character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
}

/// A text in both languages; the side intake could not fill is `null`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Both {
    /// English.
    pub en: Option<String>,
    /// Arabic.
    pub ar: Option<String>,
}

impl Both {
    fn of(t: &tahawul_domain::Text) -> Both {
        Both { en: Some(t.en.clone()), ar: Some(t.ar.clone()) }
    }
    fn one(lang: Lang, s: &str) -> Both {
        match lang {
            Lang::Ar => Both { en: None, ar: Some(s.to_string()) },
            Lang::En => Both { en: Some(s.to_string()), ar: None },
        }
    }
    /// The text in `lang`, else the other.
    pub fn get(&self, lang: Lang) -> &str {
        let (a, b) = if lang == Lang::Ar { (&self.ar, &self.en) } else { (&self.en, &self.ar) };
        a.as_deref().or(b.as_deref()).unwrap_or("")
    }
}

/// What the text is: outlet, date, language.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentInfo {
    /// The outlet or issuer, when the text names one intake knows or says "Source: …".
    pub outlet: Option<String>,
    /// Publication date (`YYYY-MM-DD`), when the text carries one.
    pub date: Option<String>,
    /// `ar` or `en`.
    pub language: &'static str,
    /// Length in characters.
    pub chars: usize,
    /// Documents of the record from the same outlet.
    pub matches: Vec<String>,
}

/// What a proposal is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// An undertaking.
    Commitment,
    /// A decision of a round.
    Decision,
    /// The round or event reported.
    Round,
    /// A person named.
    Person,
}

/// How a restatement differs from the record.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Difference {
    /// `dates`, `due`, `numbers`, `parties`, `wording` or `name`.
    pub field: &'static str,
    /// What the record has.
    pub record: String,
    /// What the text has.
    pub text: String,
}

/// A dated range (a round's days).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Dates {
    /// First day (`YYYY-MM-DD`, or `--MM-DD` when the text gives no year).
    pub start: String,
    /// Last day.
    pub end: String,
}

/// One thing the text says that belongs in the record.
#[derive(Debug, Clone, Serialize)]
pub struct Proposal {
    /// What it is.
    pub kind: Kind,
    /// Who undertakes it (party ids), when the text says.
    pub party: Vec<String>,
    /// What: the record's words when it restates the record, else the text's own.
    pub text: Both,
    /// Theme, from the record item it restates (or comes closest to).
    pub theme: Option<String>,
    /// By when (`YYYY-MM` or `YYYY-MM-DD`), when the text says.
    pub due: Option<String>,
    /// A round's days.
    pub dates: Option<Dates>,
    /// A round's place.
    pub place: Option<Both>,
    /// A person's office, from the record.
    pub office: Option<Both>,
    /// Where in the text.
    pub span: Span,
    /// The text at that span, exactly.
    pub quote: String,
    /// Other places in the text saying the same.
    pub also: Vec<Span>,
    /// Record ids it restates, closest first.
    pub matches: Vec<String>,
    /// How it differs from the closest record item.
    pub differences: Vec<Difference>,
    /// 0–1: how sure intake is.
    pub confidence: f64,
}

/// What a flag warns of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FlagKind {
    /// A rendering the record knows to be a mistranslation.
    TranslationError,
    /// An office or body the record does not know.
    UnknownName,
    /// The text contradicts itself or the record.
    Conflict,
    /// A date that does not exist (31/02).
    InvalidDate,
}

/// A warning about a span of the text.
#[derive(Debug, Clone, Serialize)]
pub struct Flag {
    /// What.
    pub kind: FlagKind,
    /// Where.
    pub span: Span,
    /// The text there.
    pub quote: String,
    /// What it stands for, when known.
    pub suggestion: Option<Both>,
}

/// Everything intake proposes for one text.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// The document.
    pub document: DocumentInfo,
    /// Round, people, decisions, commitments — in that order, each in text order.
    pub proposals: Vec<Proposal>,
    /// Warnings.
    pub flags: Vec<Flag>,
}

/// The language a text is written in: Arabic when most of its letters are.
pub fn detect_lang(text: &str) -> Lang {
    let (mut ar, mut other) = (0usize, 0usize);
    for c in text.chars().take(20_000) {
        if text::is_arabic(c) && c.is_alphabetic() {
            ar += 1;
        } else if c.is_alphabetic() {
            other += 1;
        }
    }
    if ar >= other { Lang::Ar } else { Lang::En }
}

/// Reads `text` against `case`. `lang` is the text's language (detected when `None`).
pub fn read(text: &str, lang: Option<Lang>, case: &Case) -> Result<Report, IntakeError> {
    text::forget_offsets();
    if text.len() > MAX_TEXT_BYTES {
        return Err(IntakeError::TooLarge { bytes: text.len(), limit: MAX_TEXT_BYTES });
    }
    if text.chars().all(|c| c.is_whitespace() || text::fold(c).is_none()) {
        return Err(IntakeError::Empty);
    }
    let lang = lang.unwrap_or_else(|| detect_lang(text));
    let toks = text::tokens(text);
    let span =
        |start: usize, end: usize| Span { start: text::char_offset(text, start), end: text::char_offset(text, end) };
    let quote = |start: usize, end: usize| text.get(start..end).unwrap_or("").to_string();

    let mentions = dates::mentions(&toks);
    let (numeric, invalid) = dates::numeric(text);
    let mut flags: Vec<Flag> = invalid
        .iter()
        .map(|b| Flag {
            kind: FlagKind::InvalidDate,
            span: span(b.start, b.end),
            quote: quote(b.start, b.end),
            suggestion: None,
        })
        .collect();

    // «31 شباط 2024»: a day the month does not have.
    for m in mentions
        .iter()
        .filter(|m| m.day.is_some() && m.year.is_some() && (m.date().is_none() || m.end_date().is_none()))
    {
        flags.push(Flag {
            kind: FlagKind::InvalidDate,
            span: span(m.start, m.end),
            quote: quote(m.start, m.end),
            suggestion: None,
        });
    }
    // The document's own date: a single day with its year near the top (a range is the
    // round's days, not the publication's).
    let head = text.len().min(400);
    let doc_date = numeric
        .iter()
        .filter(|(s, ..)| *s < head)
        .map(|(_, _, d)| *d)
        .chain(mentions.iter().filter(|m| m.start < head && m.day_end.is_none()).filter_map(dates::Mention::date))
        .next();

    let ctx = matching::Context::new(case, lang);
    let segments = matching::segments(text, &toks);
    let scored = ctx.score(&toks, &segments);
    let round = ctx.pick_round(&mentions, doc_date, &scored);

    let mut proposals = Vec::new();
    if let Some(p) = ctx.round_proposal(round.as_ref(), &mentions, text) {
        proposals.push(p);
    }
    proposals.extend(glossary::people(case, &toks, text));
    proposals.extend(ctx.statements(text, &toks, &segments, &scored, round.as_ref().map(|r| r.id.as_str()), &mentions));

    flags.extend(glossary::translation_errors(case, &toks, text));
    let known = glossary::Known::of(case);
    flags.extend(known.unknown_offices(&toks, text, &flags));
    flags.extend(ctx.conflicts(&proposals));
    flags.sort_by_key(|f| (f.span.start, f.span.end));

    let (outlet, doc_matches) = glossary::outlet(case, text, &toks);
    Ok(Report {
        document: DocumentInfo {
            outlet,
            date: doc_date.map(|d| d.to_string()),
            language: lang.code(),
            chars: text.chars().count(),
            matches: doc_matches,
        },
        proposals,
        flags,
    })
}

/// Recall and precision of one report against the commitments the record says came from
/// document `doc` (each commitment's `sources`): found / expected; and commitment or decision
/// proposals matching one of those commitments, or a decision the record cites `doc` for, over
/// all commitment and decision proposals.
#[derive(Debug, Clone, Serialize)]
pub struct Score {
    /// Commitments of the record citing the document.
    pub expected: Vec<String>,
    /// Of those, the ones a proposal matches.
    pub found: Vec<String>,
    /// Commitment and decision proposals.
    pub proposed: usize,
    /// Of those, the ones matching an expected commitment or a decision citing the text.
    pub correct: usize,
}

impl Score {
    /// found / expected (1 when nothing is expected).
    pub fn recall(&self) -> f64 {
        if self.expected.is_empty() { 1.0 } else { self.found.len() as f64 / self.expected.len() as f64 }
    }
    /// correct / proposed (1 when nothing is proposed).
    pub fn precision(&self) -> f64 {
        if self.proposed == 0 { 1.0 } else { self.correct as f64 / self.proposed as f64 }
    }
}

/// Scores a report against the record's commitments citing document `doc`.
pub fn score(report: &Report, case: &Case, doc: &str) -> Score {
    let expected: Vec<String> = case
        .commitments
        .iter()
        .filter(|c| c.sources.iter().any(|s| s.as_str() == doc))
        .map(|c| c.id.to_string())
        .collect();
    let statements: Vec<&Proposal> =
        report.proposals.iter().filter(|p| matches!(p.kind, Kind::Commitment | Kind::Decision)).collect();
    let found: Vec<String> =
        expected.iter().filter(|id| statements.iter().any(|p| p.matches.contains(id))).cloned().collect();
    // A decision proposal is right when it restates a decision the record cites this text for.
    let decisions: Vec<String> = case
        .rounds
        .iter()
        .flat_map(|r| &r.decisions)
        .filter(|d| d.sources.iter().any(|s| s.as_str() == doc))
        .map(|d| d.id.to_string())
        .collect();
    let correct =
        statements.iter().filter(|p| p.matches.iter().any(|m| expected.contains(m) || decisions.contains(m))).count();
    Score { expected, found, proposed: statements.len(), correct }
}
