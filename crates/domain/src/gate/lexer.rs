//! Tokens of the gate language, each with its byte span in the gate text.

use std::ops::Range;

use tahawul_i18n::Message;

use super::{Cmp, GateError};

/// One token.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Tok {
    /// A run of `[A-Za-z0-9_.-]`: a name, a number or a keyword; the parser decides which
    /// by position, since identifiers may start with a digit.
    Word(String),
    /// A double-quoted string (a level id).
    Str(String),
    /// A comparison operator.
    Op(Cmp),
    /// `(`
    LParen,
    /// `)`
    RParen,
    /// End of the text.
    Eof,
}

/// A token with its span.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Token {
    pub tok: Tok,
    pub span: Range<usize>,
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'-' || b == b'.'
}

/// Splits `src` into tokens; bad characters are reported (all of them) and skipped.
pub(crate) fn lex(src: &str) -> (Vec<Token>, Vec<GateError>) {
    let bytes = src.as_bytes();
    let mut out = Vec::new();
    let mut errors = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let start = i;
        match b {
            b' ' | b'\t' | b'\n' | b'\r' => i += 1,
            b'#' => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            b'(' => {
                i += 1;
                out.push(Token { tok: Tok::LParen, span: start..i });
            }
            b')' => {
                i += 1;
                out.push(Token { tok: Tok::RParen, span: start..i });
            }
            b'<' | b'>' | b'=' | b'!' => {
                let next_eq = bytes.get(i + 1) == Some(&b'=');
                let cmp = match (b, next_eq) {
                    (b'<', true) => Some(Cmp::Le),
                    (b'<', false) => Some(Cmp::Lt),
                    (b'>', true) => Some(Cmp::Ge),
                    (b'>', false) => Some(Cmp::Gt),
                    (b'=', true) => Some(Cmp::Eq),
                    (b'!', true) => Some(Cmp::Ne),
                    _ => None,
                };
                match cmp {
                    Some(c) => {
                        i += if next_eq { 2 } else { 1 };
                        out.push(Token { tok: Tok::Op(c), span: start..i });
                    }
                    None => {
                        i += 1;
                        let (message, help) = if b == b'=' {
                            (Message::new("gate-single-equals"), Message::new("gate-single-equals-help"))
                        } else {
                            (Message::new("gate-bang"), Message::new("gate-bang-help"))
                        };
                        errors.push(GateError { span: start..i, message, help: Some(help) });
                    }
                }
            }
            b'"' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' && bytes[i] != b'\n' {
                    i += 1;
                }
                if bytes.get(i) == Some(&b'"') {
                    out.push(Token { tok: Tok::Str(src[start + 1..i].to_string()), span: start..i + 1 });
                    i += 1;
                } else {
                    errors.push(GateError {
                        span: start..i,
                        message: Message::new("gate-unclosed-string"),
                        help: Some(Message::new("gate-unclosed-string-help")),
                    });
                }
            }
            _ if is_word_byte(b) => {
                while i < bytes.len() && is_word_byte(bytes[i]) {
                    i += 1;
                }
                out.push(Token { tok: Tok::Word(src[start..i].to_string()), span: start..i });
            }
            _ => {
                // One whole character, so spans always fall on UTF-8 boundaries.
                let ch = src[i..].chars().next().unwrap_or('\u{fffd}');
                i += ch.len_utf8().max(1);
                let (message, help) = match ch {
                    '&' | '|' => (
                        Message::new("gate-symbol-logic").arg("symbol", ch.to_string()),
                        Message::new("gate-symbol-logic-help"),
                    ),
                    '%' => (Message::new("gate-percent"), Message::new("gate-percent-help")),
                    '\'' => (Message::new("gate-single-quote"), Message::new("gate-single-quote-help")),
                    _ => (
                        Message::new("gate-unexpected-char").arg("char", printable(ch)),
                        Message::new("gate-unexpected-char-help"),
                    ),
                };
                errors.push(GateError { span: start..i, message, help: Some(help) });
            }
        }
    }
    out.push(Token { tok: Tok::Eof, span: src.len()..src.len() });
    (out, errors)
}

/// A character as it can be shown in a message: control characters as `U+XXXX`.
fn printable(ch: char) -> String {
    if ch.is_control() { format!("U+{:04X}", ch as u32) } else { ch.to_string() }
}
