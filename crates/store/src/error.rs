//! The store's one error type.

use tahawul_domain::{Diagnostic, Message};
use tahawul_i18n::{Lang, Localizer};
use tahawul_ledger::ChainBreak;

use tahawul_domain::workflow::WorkflowError;

/// What went wrong in the store. No input makes it panic: bad input is `Invalid`.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// No such record (kind and id), user or token.
    #[error("not found: {0}")]
    NotFound(String),
    /// The write stated a version that is no longer current; nothing was changed.
    #[error("conflict: the record changed since it was read (current version {current_version:?})")]
    Conflict {
        /// The version now stored (`None` when the record no longer exists).
        current_version: Option<i64>,
    },
    /// The input breaks a rule; every problem found, each with the field or row at fault.
    #[error("invalid: {}", .0.iter().map(|p| p.to_string()).collect::<Vec<_>>().join("; "))]
    Invalid(Vec<Problem>),
    /// A case or CSV file that does not validate, with the domain's located diagnostics.
    #[error("{} problem(s) in the input, first at {}:{}", .0.len(), .0.first().map_or("", |d| d.file.as_str()), .0.first().map_or(0, |d| d.line))]
    Rejected(Vec<Diagnostic>),
    /// The audit log does not verify: someone changed it outside the store.
    #[error(transparent)]
    AuditBroken(#[from] ChainBreak),
    /// The database failed (connection, I/O, a constraint the checks did not foresee).
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    /// A migration failed.
    #[error("migration: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// Data read back from the database is not what the store wrote (tampering or a bug).
    #[error("corrupt stored data: {0}")]
    Corrupt(String),
    /// Hashing a password or making a token failed.
    #[error(transparent)]
    Ledger(#[from] tahawul_ledger::LedgerError),
}

/// One rule broken by an input: where (a field path like `body.parent`, or `row 12`), what,
/// and how to fix it, as messages the caller shows in the user's language.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// The field path or row at fault.
    pub at: String,
    /// What is wrong.
    pub message: Message,
    /// How to fix it, when there is more to say.
    pub help: Option<Message>,
}

impl Problem {
    /// A problem at a place.
    pub fn new(at: impl Into<String>, message: Message) -> Problem {
        Problem { at: at.into(), message, help: None }
    }

    /// A rule of the domain broken by a record body (`at` is `body` plus the pointer).
    pub(crate) fn of_violation(v: tahawul_domain::rules::Violation) -> Problem {
        let at = format!("body{}", v.pointer.replace('/', "."));
        Problem { at, message: v.message, help: v.help }
    }
}

/// Problems in English, for logs and the CLI's plain errors (users get them localized).
impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match Localizer::new(Lang::En) {
            Ok(loc) => write!(f, "{}: {}", self.at, loc.format(&self.message)),
            Err(_) => write!(f, "{}: {}", self.at, self.message.id),
        }
    }
}

/// A refused workflow step as a message (the domain's, kept here for the store's callers).
pub fn workflow_message(e: &WorkflowError) -> Message {
    e.message()
}

/// Every rule a record body breaks, as the store's error.
pub(crate) fn violations(vs: Vec<tahawul_domain::rules::Violation>) -> StoreError {
    StoreError::Invalid(vs.into_iter().map(Problem::of_violation).collect())
}

/// The store's result.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// Shorthand for a single-problem `Invalid` with a message that takes no arguments.
pub(crate) fn invalid<T>(at: impl Into<String>, id: &'static str) -> Result<T> {
    Err(StoreError::Invalid(vec![Problem::new(at, Message::new(id))]))
}
