//! Consultation of coalition partners on a draft recommendation (issue 6, item 5).
//!
//! A consultation is a subject (e.g. a phase timeline) with numbered versions of the
//! recommendation's text. The secretariat edits the newest version while it is a draft and
//! releases it to the partners; a released version is frozen (the store refuses any edit of
//! it) and a later edit makes a new version. Partners answer a released version with a
//! comment, a concurrence or a dissent; a dissent must give its reasons.
//!
//! Each version and each answer is its own record so that the one visibility rule (shared and
//! releasable → partners) hides drafts from partners through every route, generic or not.

use serde::{Deserialize, Serialize};
use tahawul_i18n::Text;

use crate::model::Id;

/// The subject of a consultation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Consultation {
    /// Identifier, e.g. `phase-timeline-2026`.
    pub id: Id,
    /// What is consulted on.
    pub title: Text,
    /// The phases (or other records) the recommendation is about.
    #[serde(default)]
    pub subjects: Vec<Id>,
}

/// Who released a version, and when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Release {
    /// When (RFC 3339).
    pub at: jiff::Timestamp,
    /// The user who released it.
    pub by: String,
}

/// One version of the recommendation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConsultationVersion {
    /// `{consultation}-v{number}` (see [`version_id`]).
    pub id: Id,
    /// The consultation.
    pub consultation: Id,
    /// 1, 2, …
    pub number: u32,
    /// The recommendation in both languages.
    pub text: Text,
    /// Set once released; from then on the version never changes.
    #[serde(default)]
    pub released: Option<Release>,
}

/// The id of a consultation's version `n`.
pub fn version_id(consultation: &str, n: u32) -> String {
    format!("{consultation}-v{n}")
}

/// What a partner says about a released version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Position {
    /// A remark, neither for nor against.
    Comment,
    /// Agrees with the recommendation.
    Concur,
    /// Disagrees; reasons required.
    Dissent,
}

impl Position {
    /// Every position.
    pub const ALL: [Position; 3] = [Position::Comment, Position::Concur, Position::Dissent];

    /// The identifier used in JSON and forms.
    pub fn as_str(self) -> &'static str {
        match self {
            Position::Comment => "comment",
            Position::Concur => "concur",
            Position::Dissent => "dissent",
        }
    }

    /// The position of an identifier.
    pub fn parse(s: &str) -> Option<Position> {
        Position::ALL.into_iter().find(|p| p.as_str() == s)
    }
}

/// A partner's answer to a released version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConsultationResponse {
    /// `{consultation}-v{n}-r{k}`.
    pub id: Id,
    /// The consultation.
    pub consultation: Id,
    /// The version answered.
    pub version: u32,
    /// The user who answered.
    pub author: String,
    /// Their party (a coalition partner's country or organisation).
    #[serde(default)]
    pub party: Option<String>,
    /// Comment, concur or dissent.
    pub position: Position,
    /// In the partner's own words (one language; kept as written).
    pub reason: String,
    /// When.
    pub at: jiff::Timestamp,
}

/// Why an answer cannot be recorded (a message id in `record.ftl`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResponseProblem {
    /// A dissent or a comment without words.
    ReasonRequired,
    /// Longer than [`MAX_REASON`] characters.
    ReasonTooLong,
}

impl ResponseProblem {
    /// The message id.
    pub fn message_id(self) -> &'static str {
        match self {
            ResponseProblem::ReasonRequired => "record-consultation-reason-required",
            ResponseProblem::ReasonTooLong => "record-consultation-reason-too-long",
        }
    }
}

/// The longest reason kept, in characters.
pub const MAX_REASON: usize = 4000;

/// Checks an answer's words: a dissent must say why (so the commission can weigh it), a
/// comment must say something; a concurrence may stand alone.
pub fn check_reason(position: Position, reason: &str) -> Result<(), ResponseProblem> {
    if reason.chars().count() > MAX_REASON {
        return Err(ResponseProblem::ReasonTooLong);
    }
    if reason.trim().is_empty() && position != Position::Concur {
        return Err(ResponseProblem::ReasonRequired);
    }
    Ok(())
}

/// What the commission reads of one version's answers.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Summary {
    /// The version.
    pub version: u32,
    /// Partners (parties, else users) whose latest position is a concurrence.
    pub concur: Vec<String>,
    /// Partners whose latest position is a dissent, each with their reason.
    pub dissent: Vec<(String, String)>,
    /// Number of comments.
    pub comments: usize,
}

/// Sums up the answers to `version`: each partner counts once, by their latest concurrence
/// or dissent (a partner may change their mind; the earlier answers stay in the record).
pub fn summarize(version: u32, responses: &[ConsultationResponse]) -> Summary {
    let mut latest: Vec<(String, &ConsultationResponse)> = Vec::new();
    let mut comments = 0;
    let mut ordered: Vec<&ConsultationResponse> = responses.iter().filter(|r| r.version == version).collect();
    ordered.sort_by_key(|r| r.at);
    for r in ordered {
        if r.position == Position::Comment {
            comments += 1;
            continue;
        }
        let who = r.party.clone().unwrap_or_else(|| r.author.clone());
        match latest.iter_mut().find(|(w, _)| *w == who) {
            Some(slot) => slot.1 = r,
            None => latest.push((who, r)),
        }
    }
    let mut s = Summary { version, comments, ..Summary::default() };
    for (who, r) in latest {
        match r.position {
            Position::Concur => s.concur.push(who),
            Position::Dissent => s.dissent.push((who, r.reason.clone())),
            Position::Comment => {}
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(k: u32, who: &str, p: Position, reason: &str, minute: i64) -> ConsultationResponse {
        ConsultationResponse {
            id: Id::parse(&format!("c-v1-r{k}")).unwrap(),
            consultation: Id::parse("c").unwrap(),
            version: 1,
            author: who.into(),
            party: Some(who.into()),
            position: p,
            reason: reason.into(),
            at: jiff::Timestamp::from_second(1_700_000_000 + minute * 60).unwrap(),
        }
    }

    #[test]
    fn dissent_needs_reasons_and_concurrence_does_not() {
        assert_eq!(check_reason(Position::Dissent, "  "), Err(ResponseProblem::ReasonRequired));
        assert_eq!(check_reason(Position::Comment, ""), Err(ResponseProblem::ReasonRequired));
        assert_eq!(check_reason(Position::Concur, ""), Ok(()));
        assert_eq!(check_reason(Position::Dissent, &"x".repeat(MAX_REASON + 1)), Err(ResponseProblem::ReasonTooLong));
    }

    #[test]
    fn summary_counts_each_partner_once_by_their_latest_position() {
        let rs = vec![
            answer(1, "uk", Position::Dissent, "too early", 1),
            answer(2, "fr", Position::Concur, "", 2),
            answer(3, "uk", Position::Concur, "after the briefing", 3),
            answer(4, "de", Position::Dissent, "air cover gap", 4),
            answer(5, "fr", Position::Comment, "a note", 5),
        ];
        let s = summarize(1, &rs);
        assert_eq!(s.concur, vec!["uk".to_string(), "fr".to_string()]);
        assert_eq!(s.dissent, vec![("de".into(), "air cover gap".into())]);
        assert_eq!(s.comments, 1);
        assert_eq!(summarize(2, &rs), Summary { version: 2, ..Summary::default() });
    }
}
