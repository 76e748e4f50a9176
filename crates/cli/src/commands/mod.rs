//! One module per command.

pub mod audit;
pub mod backtest;
pub mod check;
pub mod commitments;
pub mod export;
pub mod forecast;
pub mod gates;
pub mod import;
pub mod init;
pub mod key;
pub mod minutes;
pub mod rounds;
pub mod serve;
pub mod statement;
pub mod status;
pub mod user;

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
            eprintln!("{}", serde_json::to_string_pretty(&doc).unwrap_or_default());
        }
        Format::Table => {
            for d in diags {
                eprintln!("{}", d.render(&ctx.loc));
            }
            eprintln!("{}", ctx.t(&Message::new("cli-problem-count").arg("count", diags.len())));
        }
    }
}

/// Loads a case bundle, or fails with its problems.
pub fn load(path: &Path) -> Result<Case, Failure> {
    tahawul_domain::load(path).map_err(Failure::Invalid)
}

/// Prints a JSON document to stdout.
pub fn print_json(value: &impl serde::Serialize) {
    match serde_json::to_string_pretty(value) {
        Ok(s) => println!("{s}"),
        Err(e) => eprintln!("{e}"),
    }
}
