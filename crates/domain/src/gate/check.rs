//! Name resolution and type checks of a parsed gate against a case.

use std::ops::Range;

use tahawul_i18n::Message;

use super::lexer::{Tok, lex};
use super::{Clause, Gate, GateError, Threshold};
use crate::model::{Case, IndicatorKind, Scale};

/// Where the parts of one clause sit in the gate text.
struct ClauseSpans {
    name: Range<usize>,
    threshold: Range<usize>,
    window: Range<usize>,
}

impl Gate {
    /// Resolves names and checks types against `case`; empty when the gate is fine.
    pub fn check(&self, case: &Case) -> Vec<GateError> {
        let mut errors = Vec::new();
        for clause in self.clauses() {
            check_clause(clause, &spans(&self.source, clause), case, &mut errors);
        }
        errors
    }
}

/// Recovers the name, threshold and window spans by lexing the clause's text again
/// (the tree keeps only the clause's span); falls back to the whole clause when the
/// text does not match, as for a tree built in code.
fn spans(source: &str, clause: &Clause) -> ClauseSpans {
    let whole = ClauseSpans { name: clause.span.clone(), threshold: clause.span.clone(), window: clause.span.clone() };
    let Some(text) = source.get(clause.span.clone()) else {
        return whole;
    };
    let (toks, errs) = lex(text);
    let at = |r: &Range<usize>| clause.span.start + r.start..clause.span.start + r.end;
    match toks.as_slice() {
        [name, op, rest @ ..]
            if errs.is_empty()
                && matches!(&name.tok, Tok::Word(w) if *w == clause.name())
                && matches!(op.tok, Tok::Op(_)) =>
        {
            let th_end = match rest {
                [level, s, ..] if level.tok == Tok::Word("level".into()) && matches!(s.tok, Tok::Str(_)) => s.span.end,
                [first, ..] => first.span.end,
                [] => op.span.end,
            };
            let th_start = rest.first().map_or(op.span.end, |t| t.span.start);
            let window = match rest.iter().position(|t| t.tok == Tok::Word("for".into())) {
                Some(i) => rest[i].span.start..rest.get(i + 2).map_or(text.len(), |t| t.span.end),
                None => clause.span.end - clause.span.start..clause.span.end - clause.span.start,
            };
            ClauseSpans { name: at(&name.span), threshold: at(&(th_start..th_end)), window: at(&window) }
        }
        _ => whole,
    }
}

fn error(span: Range<usize>, message: Message, help: Message) -> GateError {
    GateError { span, message, help: Some(help) }
}

fn check_clause(clause: &Clause, sp: &ClauseSpans, case: &Case, out: &mut Vec<GateError>) {
    let name = clause.name();
    if clause.window_months == 0 {
        out.push(error(sp.window.clone(), Message::new("gate-window-zero"), Message::new("gate-window-zero-help")));
    }
    let Some(ind) = case.indicator(&clause.factor, &clause.indicator) else {
        let known: Vec<String> = case.indicators.iter().map(|i| i.qualified_name()).collect();
        let message = if case.factor(&clause.factor).is_some() {
            Message::new("gate-unknown-indicator").arg("name", &name).arg("factor", &clause.factor)
        } else {
            Message::new("gate-unknown-factor").arg("name", &name).arg("factor", &clause.factor)
        };
        out.push(error(sp.name.clone(), message, suggest(&name, &known)));
        return;
    };
    let kind = kind_id(ind.kind);
    match (&clause.threshold, ind.kind) {
        (Threshold::Level(level), IndicatorKind::Level) => {
            let Some(scale) = ind.scale.as_ref().and_then(|s| case.scale(s.as_str())) else {
                return;
            };
            if scale.current().rank(level).is_none() {
                let known: Vec<String> = scale.current().levels.iter().map(|l| l.id.to_string()).collect();
                out.push(error(
                    sp.threshold.clone(),
                    Message::new("gate-unknown-level").arg("level", level.as_str()).arg("scale", scale.id.as_str()),
                    suggest(level, &known),
                ));
            }
        }
        (Threshold::Level(_), _) => out.push(error(
            sp.threshold.clone(),
            Message::new("gate-level-for-number").arg("name", &name).arg("kind", Message::new(kind)),
            Message::new("gate-level-for-number-help").arg("name", &name).arg("op", clause.cmp.symbol()),
        )),
        (Threshold::Number(n), IndicatorKind::Level) => {
            let scale = ind.scale.as_ref().and_then(|s| case.scale(s.as_str()));
            out.push(error(
                sp.threshold.clone(),
                Message::new("gate-number-for-level")
                    .arg("name", &name)
                    .arg("scale", scale.map_or_else(|| "?".to_string(), |s| s.id.to_string())),
                level_hint(&name, clause, *n, scale),
            ));
        }
        (Threshold::Number(n), IndicatorKind::Share) if !(0.0..=1.0).contains(n) => {
            let help = if *n > 1.0 && *n <= 100.0 {
                Message::new("gate-share-as-percent-help").arg("fraction", format_number(n / 100.0)).arg("percent", *n)
            } else {
                Message::new("gate-share-range-help")
            };
            out.push(error(sp.threshold.clone(), Message::new("gate-share-out-of-range").arg("value", *n), help));
        }
        (Threshold::Number(n), IndicatorKind::Count) if *n < 0.0 => out.push(error(
            sp.threshold.clone(),
            Message::new("gate-negative-count").arg("name", &name).arg("value", *n),
            Message::new("gate-negative-count-help"),
        )),
        _ => {}
    }
}

/// The message id naming an indicator kind.
pub(crate) fn kind_id(kind: IndicatorKind) -> &'static str {
    match kind {
        IndicatorKind::Count => "gate-kind-count",
        IndicatorKind::Share => "gate-kind-share",
        IndicatorKind::Level => "gate-kind-level",
        IndicatorKind::Number => "gate-kind-number",
    }
}

/// For a number compared with a level indicator: the level at that rank, if there is one.
fn level_hint(name: &str, clause: &Clause, n: f64, scale: Option<&Scale>) -> Message {
    let level = scale.and_then(|s| {
        let v = s.current();
        let rank = if n.fract() == 0.0 && n >= 1.0 && n <= v.levels.len() as f64 { n as u32 } else { 1 };
        v.level(rank).map(|l| l.id.to_string())
    });
    match level {
        Some(level) => Message::new("gate-number-for-level-help")
            .arg("name", name)
            .arg("op", clause.cmp.symbol())
            .arg("level", level),
        None => Message::new("gate-number-for-level-help-plain"),
    }
}

/// "Did you mean …?" with the nearest candidate, or the list of candidates when none is near.
fn suggest(wrong: &str, candidates: &[String]) -> Message {
    match crate::diagnostic::did_you_mean(wrong, candidates.iter().map(String::as_str)) {
        Some(c) => Message::new("gate-did-you-mean").arg("suggestion", c),
        _ if candidates.is_empty() => Message::new("gate-nothing-known"),
        _ => Message::new("gate-known-names").arg("names", candidates.join(", ")),
    }
}

/// A number as the gate language writes it (shortest form that reads back the same).
pub(crate) fn format_number(n: f64) -> String {
    // Rust's shortest round-trip form never uses exponents; `-0` reads as zero.
    let s = format!("{n}");
    if s == "-0" { "0".into() } else { s }
}
