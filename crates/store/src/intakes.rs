//! Texts submitted for review and what became of their proposals (issue 16 item 4).
//!
//! Intake (`tahawul-intake`) reads a text into proposals and writes nothing. Submitting the
//! text keeps it, with what intake proposed then, each proposal pending. The secretariat then
//! accepts proposals — each written as a record through [`crate::Records::put_record`]'s own
//! path, several in one transaction, all or nothing — or rejects them with a reason. An
//! accepted proposal names the record it became and the document that record cites; the
//! span it came from is the proposal's, kept here and in the audit entry of the acceptance.

use serde::Serialize;
use serde_json::Value;

use crate::{RecordKind, RecordWrite};

/// A text to keep for review, with what intake read in it.
#[derive(Debug, Clone)]
pub struct NewIntake {
    /// The text as submitted.
    pub text: String,
    /// Its language (`ar`, `en`).
    pub lang: String,
    /// Intake's report without its proposals: the document and the flags (JSON).
    pub report: Value,
    /// The proposals, in the report's order (JSON, as intake gives them).
    pub proposals: Vec<Value>,
}

/// Where a proposal is in its review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ProposalState {
    /// Not reviewed yet.
    Pending,
    /// Written as a record (or found to be one already).
    Accepted,
    /// Turned down, with a reason.
    Rejected,
}

impl ProposalState {
    /// The stored word.
    pub fn as_str(self) -> &'static str {
        match self {
            ProposalState::Pending => "pending",
            ProposalState::Accepted => "accepted",
            ProposalState::Rejected => "rejected",
        }
    }

    /// From the stored word.
    pub fn parse(s: &str) -> Option<ProposalState> {
        [ProposalState::Pending, ProposalState::Accepted, ProposalState::Rejected].into_iter().find(|x| x.as_str() == s)
    }
}

/// One proposal of a stored intake and its review.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IntakeProposal {
    /// Its place in the report, from 0.
    pub index: u64,
    /// The proposal as intake read it (kind, party, text, due, span, quote, matches, …).
    pub proposal: Value,
    /// Pending, accepted or rejected.
    pub state: ProposalState,
    /// Accepted: the record it became, or the record it was found to restate.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub record: Option<RecordRef>,
    /// Accepted: the document the record cites.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub document: Option<String>,
    /// Accepted: the reviewer's edits to the proposal's fields.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub edits: Option<Value>,
    /// Who accepted or rejected it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reviewed_by: Option<String>,
    /// When.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reviewed_at: Option<String>,
    /// Rejected: why.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// A record by kind and id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RecordRef {
    /// Its kind.
    pub kind: RecordKind,
    /// Its id.
    pub id: String,
}

/// A text kept for review.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Intake {
    /// Its number.
    pub id: i64,
    /// SHA-256 of the text (hex).
    pub digest: String,
    /// Its language.
    pub lang: String,
    /// The text (left out of lists).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// Who submitted it.
    pub submitted_by: String,
    /// When (RFC 3339 UTC).
    pub submitted_at: String,
    /// What intake read of the document, and its flags.
    pub report: Value,
    /// The proposals and their review.
    pub proposals: Vec<IntakeProposal>,
}

/// What accepting one proposal writes.
#[derive(Debug, Clone)]
pub struct Acceptance {
    /// Which proposal.
    pub index: u64,
    /// The record to create from it; `None` when it restates `matched` (nothing is written
    /// but the acceptance).
    pub record: Option<RecordWrite>,
    /// The record it restates, when `record` is `None`.
    pub matched: Option<RecordRef>,
    /// The document the record cites.
    pub document: String,
    /// The reviewer's edits, kept with the acceptance.
    pub edits: Value,
}
