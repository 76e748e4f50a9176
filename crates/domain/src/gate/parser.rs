//! Recursive descent over the tokens: `or` binds loosest, then `and`, then `not`.

use std::ops::Range;

use tahawul_i18n::{Arg, Message};

use super::lexer::{Tok, Token};
use super::{Clause, Expr, GateError, Threshold};
use crate::model::Id;

/// Deeper nesting than this is refused rather than risking the stack.
const MAX_DEPTH: usize = 64;
/// The longest window accepted: a century (the engine's bound, so both read a window alike).
pub(crate) const MAX_WINDOW_MONTHS: u32 = tahawul_forecast::MAX_WINDOW_MONTHS;

const KEYWORDS: [&str; 5] = ["and", "or", "not", "for", "level"];

struct Parser<'a> {
    toks: &'a [Token],
    pos: usize,
    depth: usize,
}

type PResult<T> = Result<T, GateError>;

fn err(span: Range<usize>, message: Message, help: Message) -> GateError {
    GateError { span, message, help: Some(help) }
}

/// What was found, for messages: the token's text, or "the end of the gate".
fn found(t: &Token) -> Arg {
    match &t.tok {
        Tok::Word(w) => Arg::Str(format!("`{w}`")),
        Tok::Str(s) => Arg::Str(format!("`\"{s}\"`")),
        Tok::Op(c) => Arg::Str(format!("`{}`", c.symbol())),
        Tok::LParen => Arg::Str("`(`".into()),
        Tok::RParen => Arg::Str("`)`".into()),
        Tok::Eof => Arg::Msg(Box::new(Message::new("gate-found-end"))),
    }
}

/// Parses a token list (ending in `Eof`) into an expression.
pub(crate) fn parse_tokens(toks: &[Token]) -> PResult<Expr> {
    let mut p = Parser { toks, pos: 0, depth: 0 };
    if p.peek().tok == Tok::Eof {
        return Err(err(p.peek().span.clone(), Message::new("gate-empty"), Message::new("gate-empty-help")));
    }
    let e = p.or()?;
    let t = p.peek();
    match &t.tok {
        Tok::Eof => Ok(e),
        Tok::RParen => {
            Err(err(t.span.clone(), Message::new("gate-unmatched-close"), Message::new("gate-unmatched-close-help")))
        }
        Tok::Word(w) if is_kw_ci(w) => Err(err(
            t.span.clone(),
            Message::new("gate-keyword-case").arg("found", w.as_str()),
            Message::new("gate-keyword-case-help").arg("keyword", w.to_ascii_lowercase()),
        )),
        _ => Err(err(
            t.span.clone(),
            Message::new("gate-trailing-input").arg("found", found(t)),
            Message::new("gate-trailing-input-help"),
        )),
    }
}

/// A keyword written in the wrong case (`AND`), which deserves its own hint.
fn is_kw_ci(w: &str) -> bool {
    KEYWORDS.iter().any(|k| w.eq_ignore_ascii_case(k)) && !KEYWORDS.contains(&w)
}

impl<'a> Parser<'a> {
    fn peek(&self) -> &'a Token {
        // The list always ends in Eof and `bump` never moves past it.
        &self.toks[self.pos.min(self.toks.len() - 1)]
    }
    fn bump(&mut self) -> &'a Token {
        let t = self.peek();
        if t.tok != Tok::Eof {
            self.pos += 1;
        }
        t
    }
    fn at_kw(&self, kw: &str) -> bool {
        matches!(&self.peek().tok, Tok::Word(w) if w == kw)
    }
    fn prev_end(&self) -> usize {
        if self.pos == 0 { 0 } else { self.toks[self.pos - 1].span.end }
    }
    fn enter(&mut self, span: &Range<usize>) -> PResult<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(err(
                span.clone(),
                Message::new("gate-too-deep").arg("max", MAX_DEPTH),
                Message::new("gate-too-deep-help"),
            ));
        }
        Ok(())
    }

    fn or(&mut self) -> PResult<Expr> {
        let mut parts = vec![self.and()?];
        while self.at_kw("or") {
            self.bump();
            parts.push(self.and()?);
        }
        Ok(join(parts, Expr::Or, |e| matches!(e, Expr::Or(_))))
    }

    fn and(&mut self) -> PResult<Expr> {
        let mut parts = vec![self.not()?];
        while self.at_kw("and") {
            self.bump();
            parts.push(self.not()?);
        }
        Ok(join(parts, Expr::And, |e| matches!(e, Expr::And(_))))
    }

    fn not(&mut self) -> PResult<Expr> {
        if self.at_kw("not") {
            let t = self.bump();
            self.enter(&t.span)?;
            let inner = self.not()?;
            self.depth -= 1;
            return Ok(Expr::Not(Box::new(inner)));
        }
        self.primary()
    }

    fn primary(&mut self) -> PResult<Expr> {
        let t = self.peek();
        match &t.tok {
            Tok::LParen => {
                self.bump();
                self.enter(&t.span)?;
                let e = self.or()?;
                self.depth -= 1;
                let close = self.peek();
                match close.tok {
                    Tok::RParen => {
                        self.bump();
                    }
                    Tok::Eof => {
                        return Err(err(
                            t.span.clone(),
                            Message::new("gate-unclosed-paren"),
                            Message::new("gate-unclosed-paren-help"),
                        ));
                    }
                    _ => {
                        return Err(err(
                            close.span.clone(),
                            Message::new("gate-expected-close").arg("found", found(close)),
                            Message::new("gate-expected-close-help"),
                        ));
                    }
                }
                if self.at_kw("for") {
                    let f = self.peek();
                    return Err(err(
                        f.span.clone(),
                        Message::new("gate-for-after-group"),
                        Message::new("gate-for-after-group-help"),
                    ));
                }
                Ok(e)
            }
            Tok::Word(w) if !KEYWORDS.contains(&w.as_str()) && !looks_numeric(w) => self.clause().map(Expr::Clause),
            Tok::Op(c) => Err(err(
                t.span.clone(),
                Message::new("gate-missing-name").arg("op", c.symbol()),
                Message::new("gate-missing-name-help").arg("op", c.symbol()),
            )),
            _ => Err(err(
                t.span.clone(),
                Message::new("gate-expected-condition").arg("found", found(t)),
                Message::new("gate-expected-condition-help"),
            )),
        }
    }

    fn clause(&mut self) -> PResult<Clause> {
        let name_tok = self.bump();
        let Tok::Word(name) = &name_tok.tok else { unreachable_word() };
        let (factor, indicator) = split_name(name, &name_tok.span)?;

        let op_tok = self.peek();
        let Tok::Op(cmp) = op_tok.tok else {
            return Err(err(
                op_tok.span.clone(),
                Message::new("gate-missing-operator").arg("name", name.as_str()).arg("found", found(op_tok)),
                Message::new("gate-missing-operator-help").arg("name", name.as_str()),
            ));
        };
        self.bump();

        let threshold = self.threshold(name, cmp)?;
        let window_months = if self.at_kw("for") { self.window()? } else { 1 };
        Ok(Clause { factor, indicator, cmp, threshold, window_months, span: name_tok.span.start..self.prev_end() })
    }

    fn threshold(&mut self, name: &str, cmp: super::Cmp) -> PResult<Threshold> {
        let t = self.peek();
        match &t.tok {
            Tok::Word(w) if w == "level" => {
                self.bump();
                let s = self.peek();
                match &s.tok {
                    Tok::Str(level) => {
                        self.bump();
                        if Id::parse(level).is_none() {
                            return Err(err(
                                s.span.clone(),
                                Message::new("gate-bad-level-id").arg("level", level.as_str()),
                                Message::new("gate-bad-level-id-help"),
                            ));
                        }
                        Ok(Threshold::Level(level.clone()))
                    }
                    Tok::Word(level) if !KEYWORDS.contains(&level.as_str()) => Err(err(
                        s.span.clone(),
                        Message::new("gate-level-unquoted").arg("level", level.as_str()),
                        Message::new("gate-level-unquoted-help").arg("level", level.as_str()),
                    )),
                    _ => Err(err(
                        s.span.clone(),
                        Message::new("gate-expected-level").arg("found", found(s)),
                        Message::new("gate-expected-level-help"),
                    )),
                }
            }
            Tok::Word(w) if looks_numeric(w) => {
                self.bump();
                match parse_number(w) {
                    Some(n) => Ok(Threshold::Number(n)),
                    None => Err(err(
                        t.span.clone(),
                        Message::new("gate-bad-number").arg("found", w.as_str()),
                        Message::new("gate-bad-number-help"),
                    )),
                }
            }
            Tok::Str(level) => Err(err(
                t.span.clone(),
                Message::new("gate-level-without-keyword").arg("level", level.as_str()),
                Message::new("gate-level-without-keyword-help")
                    .arg("name", name)
                    .arg("op", cmp.symbol())
                    .arg("level", level.as_str()),
            )),
            _ => Err(err(
                t.span.clone(),
                Message::new("gate-expected-threshold").arg("found", found(t)).arg("op", cmp.symbol()),
                Message::new("gate-expected-threshold-help").arg("name", name).arg("op", cmp.symbol()),
            )),
        }
    }

    /// `for N unit`, in months.
    fn window(&mut self) -> PResult<u32> {
        let for_tok = self.bump();
        let n_tok = self.peek();
        let n = match &n_tok.tok {
            Tok::Word(w) if w.bytes().all(|b| b.is_ascii_digit()) => {
                self.bump();
                // More digits than u32 holds is simply too long a window.
                w.parse::<u32>().unwrap_or(u32::MAX)
            }
            Tok::Word(w) if looks_numeric(w) => {
                return Err(err(
                    n_tok.span.clone(),
                    Message::new("gate-for-not-whole").arg("found", w.as_str()),
                    Message::new("gate-for-help"),
                ));
            }
            _ => {
                return Err(err(
                    for_tok.span.start..n_tok.span.end.max(for_tok.span.end),
                    Message::new("gate-for-without-number").arg("found", found(n_tok)),
                    Message::new("gate-for-help"),
                ));
            }
        };
        let unit_tok = self.peek();
        let months_per = match &unit_tok.tok {
            Tok::Word(u) => match u.as_str() {
                "month" | "months" => Some(1),
                "quarter" | "quarters" => Some(3),
                "year" | "years" => Some(12),
                _ => None,
            },
            _ => None,
        };
        let Some(months_per) = months_per else {
            return Err(err(
                unit_tok.span.clone(),
                Message::new("gate-bad-unit").arg("found", found(unit_tok)),
                Message::new("gate-bad-unit-help").arg("n", n),
            ));
        };
        self.bump();
        let span = n_tok.span.start..unit_tok.span.end;
        if n == 0 {
            return Err(err(span, Message::new("gate-window-zero"), Message::new("gate-window-zero-help")));
        }
        match n.checked_mul(months_per) {
            Some(m) if m <= MAX_WINDOW_MONTHS => Ok(m),
            _ => Err(err(
                span,
                Message::new("gate-window-too-long").arg("max", MAX_WINDOW_MONTHS),
                Message::new("gate-window-too-long-help"),
            )),
        }
    }
}

fn unreachable_word() -> ! {
    // `clause` is only entered on a Word token.
    unreachable!("clause starts at a word")
}

/// Joins parts with one operator, flattening same-operator groups: `(a and b) and c`
/// means `a and b and c`, and this keeps rendering and re-parsing the same tree.
fn join(parts: Vec<Expr>, make: fn(Vec<Expr>) -> Expr, same: fn(&Expr) -> bool) -> Expr {
    if parts.len() == 1 {
        return parts.into_iter().next().expect("one part");
    }
    let mut flat = Vec::with_capacity(parts.len());
    for p in parts {
        if same(&p) {
            match p {
                Expr::And(v) | Expr::Or(v) => flat.extend(v),
                other => flat.push(other),
            }
        } else {
            flat.push(p);
        }
    }
    make(flat)
}

/// A word that starts like a number (the parser expects a number there, or refuses it as a name).
fn looks_numeric(w: &str) -> bool {
    w.starts_with(|c: char| c.is_ascii_digit() || c == '-' || c == '.')
        && !w.contains(|c: char| c.is_ascii_alphabetic())
}

/// `-?[0-9]+(.[0-9]+)?`, finite.
pub(crate) fn parse_number(w: &str) -> Option<f64> {
    let body = w.strip_prefix('-').unwrap_or(w);
    let (int, frac) = match body.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(int) || frac.is_some_and(|f| !digits(f)) {
        return None;
    }
    w.parse::<f64>().ok().filter(|n| n.is_finite())
}

/// `factor.indicator`, each part an identifier.
fn split_name(name: &str, span: &Range<usize>) -> PResult<(String, String)> {
    if name.bytes().any(|b| b.is_ascii_uppercase()) {
        return Err(err(
            span.clone(),
            Message::new("gate-name-case").arg("name", name),
            Message::new("gate-name-case-help").arg("suggestion", name.to_ascii_lowercase()),
        ));
    }
    match name.split_once('.') {
        None => Err(err(
            span.clone(),
            Message::new("gate-name-without-factor").arg("name", name),
            Message::new("gate-name-without-factor-help").arg("name", name),
        )),
        Some((f, i)) if Id::parse(f).is_some() && Id::parse(i).is_some() => Ok((f.to_string(), i.to_string())),
        Some(_) => {
            Err(err(span.clone(), Message::new("gate-bad-name").arg("name", name), Message::new("gate-bad-name-help")))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_plain_decimals() {
        assert_eq!(parse_number("15"), Some(15.0));
        assert_eq!(parse_number("-0.25"), Some(-0.25));
        for bad in ["1.", ".5", "--1", "1.2.3", "-", "1-2", &"9".repeat(400)] {
            assert_eq!(parse_number(bad), None, "{bad}");
        }
    }
}
