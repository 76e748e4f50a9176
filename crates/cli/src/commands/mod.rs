//! One module per command.

// Every command prints through these four macros: defined here, before the command modules,
// they take the place of the standard ones in this module and all below it. A line printed
// through them never carries a control character, an escape sequence or a bidi override raw
// (see [`shown`]), so no text from the record (a name, a round, a narrative) can move the
// cursor, clear a line or add one, and fake what a command reports.
// In Arabic, each left-to-right run (a date, a number, an expression) is isolated first
// ([`for_terminal`]), so it reads in the right order.
macro_rules! println {
    () => { std::println!() };
    ($($arg:tt)*) => { std::println!("{}", $crate::commands::shown(&$crate::commands::for_terminal(format!($($arg)*)))) };
}
macro_rules! eprintln {
    () => { std::eprintln!() };
    ($($arg:tt)*) => { std::eprintln!("{}", $crate::commands::shown(&$crate::commands::for_terminal(format!($($arg)*)))) };
}
// `print!` writes whole blocks of lines: their line ends stay, every other control goes.
macro_rules! print {
    ($($arg:tt)*) => { std::print!("{}", $crate::commands::shown_lines(&$crate::commands::for_terminal(format!($($arg)*)))) };
}
#[allow(unused_macros)]
macro_rules! eprint {
    ($($arg:tt)*) => { std::eprint!("{}", $crate::commands::shown_lines(&$crate::commands::for_terminal(format!($($arg)*)))) };
}

pub mod audit;
pub mod backtest;
pub mod backup;
pub mod check;
pub mod commitments;
pub mod directory;
pub mod export;
pub mod forecast;
pub mod gates;
pub mod import;
pub mod import_events;
pub mod init;
pub mod intake;
pub mod key;
pub mod minutes;
pub mod remind;
pub mod report;
pub mod rounds;
pub mod serve;
pub mod server_client;
pub mod statement;
pub mod status;
pub mod user;

use std::borrow::Cow;
use std::path::Path;
use std::process::ExitCode;

use tahawul_domain::{Case, Diagnostic};
use tahawul_i18n::Message;

use crate::app::{Ctx, Format};

/// Why a command failed; each is reported on stderr in the user's language.
pub enum Failure {
    /// The case bundle has problems.
    Invalid(Vec<Diagnostic>),
    /// The command line is wrong.
    Usage(Message),
    /// The command line is wrong, and there is something to say about how to fix it.
    UsageWithHelp(Message, Option<Message>),
    /// The data or the database has a problem (rows rejected, audit chain broken, database
    /// unreachable): exit 1, with what and, when there is something to say, how to fix it.
    Problem(Message, Option<Message>),
}

impl Failure {
    /// Prints the failure to stderr and returns the exit code.
    pub fn report(self, ctx: &Ctx) -> ExitCode {
        match self {
            Failure::Invalid(diags) => {
                print_diagnostics(ctx, &diags);
                ExitCode::from(1)
            }
            Failure::Usage(m) => {
                eprintln!("{}: {}", ctx.loc.tr("diagnostic-error"), ctx.t(&m));
                ExitCode::from(2)
            }
            Failure::UsageWithHelp(m, help) => {
                eprintln!("{}: {}", ctx.loc.tr("diagnostic-error"), ctx.t(&m));
                if let Some(h) = help {
                    eprintln!("    {}: {}", ctx.loc.tr("diagnostic-help"), ctx.t(&h));
                }
                ExitCode::from(2)
            }
            Failure::Problem(m, help) => {
                eprintln!("{}: {}", ctx.loc.tr("diagnostic-error"), ctx.t(&m));
                if let Some(h) = help {
                    eprintln!("    {}: {}", ctx.loc.tr("diagnostic-help"), ctx.t(&h));
                }
                ExitCode::from(1)
            }
        }
    }
}

/// Diagnostics to stderr: one block each, then how many (in JSON, one document).
pub fn print_diagnostics(ctx: &Ctx, diags: &[Diagnostic]) {
    match ctx.format {
        Format::Json => {
            let rendered: Vec<_> = diags.iter().map(|d| d.rendered(&ctx.loc)).collect();
            let doc = serde_json::json!({ "valid": false, "problems": rendered });
            std::eprintln!("{}", json_safe(&serde_json::to_string_pretty(&doc).unwrap_or_default()));
        }
        Format::Table => {
            for d in diags {
                for line in d.render(&ctx.loc).lines() {
                    eprintln!("{line}");
                }
            }
            eprintln!("{}", ctx.t(&Message::new("cli-problem-count").arg("count", diags.len())));
        }
    }
}

/// Loads a case bundle, or fails with its problems.
pub fn load(path: &Path) -> Result<Case, Failure> {
    tahawul_domain::load(path).map_err(Failure::Invalid)
}

/// Prints a JSON document to stdout (terminal-safe, see [`json_safe`]).
pub fn print_json(value: &impl serde::Serialize) {
    match serde_json::to_string_pretty(value) {
        Ok(s) => std::println!("{}", json_safe(&s)),
        Err(e) => eprintln!("{e}"),
    }
}

/// Whether the lines the commands print get their left-to-right runs isolated: set once at
/// start, for Arabic ([`isolate_runs_in_arabic`]).
static ISOLATE_RUNS: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Called once the language is known: in Arabic, dates, numbers, periods and expressions
/// inside the text each become one unit (FSI … PDI) so the terminal does not reorder them.
/// JSON is never touched ([`print_json`] prints it as it is).
pub fn isolate_runs_in_arabic(lang: tahawul_i18n::Lang) {
    ISOLATE_RUNS.store(lang == tahawul_i18n::Lang::Ar, std::sync::atomic::Ordering::Relaxed);
}

/// A line as it goes to the terminal: isolated when [`isolate_runs_in_arabic`] said so.
pub fn for_terminal(s: String) -> String {
    if ISOLATE_RUNS.load(std::sync::atomic::Ordering::Relaxed) { tahawul_i18n::isolate_runs(&s) } else { s }
}

/// Whether `c` must not reach a terminal raw: C0 and C1 controls (ESC and CSI begin escape
/// sequences; CR, BS and LF rewrite or add lines), DEL, the bidi embeddings and overrides
/// (U+202A–U+202E, which reorder what follows them) and the Unicode line and paragraph
/// separators. The bidi isolates (U+2066–U+2069) and marks stay: Arabic text needs them.
fn unsafe_char(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2028}' | '\u{2029}')
}

/// `c` as the terminal shows it: a C0 control or DEL as its Unicode control picture (ESC as
/// ␛, LF as ␊), anything else as `<U+XXXX>`.
fn picture(c: char, out: &mut String) {
    match c {
        '\u{0}'..='\u{1F}' => out.push(char::from_u32(0x2400 + c as u32).unwrap_or('\u{FFFD}')),
        '\u{7F}' => out.push('\u{2421}'),
        _ => out.push_str(&format!("<U+{:04X}>", c as u32)),
    }
}

/// One line of text as the terminal may show it: every character of [`unsafe_char`] but the
/// tab made visible instead ([`picture`]), so the line stays one line and means what it says.
pub fn shown(s: &str) -> Cow<'_, str> {
    neutralised(s, |c| c == '\t')
}

/// [`shown`] for a block of lines: line ends (LF) kept.
pub fn shown_lines(s: &str) -> Cow<'_, str> {
    neutralised(s, |c| c == '\t' || c == '\n')
}

fn neutralised(s: &str, keep: impl Fn(char) -> bool) -> Cow<'_, str> {
    if !s.chars().any(|c| unsafe_char(c) && !keep(c)) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if unsafe_char(c) && !keep(c) { picture(c, &mut out) } else { out.push(c) }
    }
    Cow::Owned(out)
}

/// A JSON text with the characters serde_json leaves raw but a terminal would act on (DEL,
/// C1 controls, bidi overrides, line separators) written as `\uXXXX` escapes: the same
/// document, safe to print.
fn json_safe(json: &str) -> Cow<'_, str> {
    // Outside strings JSON has none of these, so every one is inside a string.
    if !json.chars().any(|c| unsafe_char(c) && !c.is_ascii_whitespace()) {
        return Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if unsafe_char(c) && !c.is_ascii_whitespace() {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// `--case PATH`: the bundle a command reads instead of the founding case.
pub fn case_arg(loc: &tahawul_i18n::Localizer) -> clap::Arg {
    clap::Arg::new("case")
        .long("case")
        .value_name("PATH")
        .value_parser(clap::value_parser!(std::path::PathBuf))
        .help(loc.tr("cli-arg-case"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_and_line_breaks_are_shown_not_acted_on() {
        let fake = "JSCD 1\x1b[2K\r  minutes: verified\n\u{9b}31m\u{202E}x";
        let s = shown(fake);
        assert!(!s.chars().any(unsafe_char), "{s:?}");
        assert_eq!(s, "JSCD 1␛[2K␍  minutes: verified␊<U+009B>31m<U+202E>x");
        assert_eq!(shown("plain\tعربي \u{2068}x\u{2069}"), "plain\tعربي \u{2068}x\u{2069}");
        assert_eq!(shown_lines("a\nb\x1b"), "a\nb␛");
    }

    #[test]
    fn json_stays_the_same_document() {
        let v = serde_json::json!({ "name": "a\u{7f}\u{9b}\u{202E}\u{1b}b" });
        let text = serde_json::to_string_pretty(&v).unwrap();
        let safe = json_safe(&text);
        assert!(!safe.chars().any(|c| unsafe_char(c) && c != '\n'), "{safe}");
        assert_eq!(serde_json::from_str::<serde_json::Value>(&safe).unwrap(), v);
    }
}
