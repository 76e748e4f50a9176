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

/// What editing a consultation's text writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    /// The newest version is an unreleased draft: it is rewritten.
    Draft,
    /// The newest version is released, so frozen (or there is none): a new version `n`.
    NewVersion(u32),
}

/// What editing a consultation whose newest version is `newest` writes: a released version
/// never changes, so the partners' answers always refer to the words they read.
pub fn edit(newest: Option<&ConsultationVersion>) -> Edit {
    match newest {
        Some(v) if v.released.is_none() => Edit::Draft,
        last => Edit::NewVersion(last.map_or(1, |v| v.number + 1)),
    }
}

/// The version a release freezes: the newest, when it is not released yet (`None`: nothing
/// to release; edit the draft to make a new version first).
pub fn to_release(newest: Option<&ConsultationVersion>) -> Option<&ConsultationVersion> {
    newest.filter(|v| v.released.is_none())
}

/// Whether partners may answer version `n` among `versions`: only a released version is read
/// by them, so only a released one is answered.
pub fn answerable<'v>(mut versions: impl Iterator<Item = &'v ConsultationVersion>, n: u32) -> bool {
    versions.any(|v| v.number == n && v.released.is_some())
}

/// The id of answer `k` to version `version` of a consultation.
pub fn response_id(consultation: &str, version: u32, k: u32) -> String {
    format!("{consultation}-v{version}-r{k}")
}

/// The number of the next answer to a version: the first `k` whose id is not `taken`.
pub fn next_response_number(consultation: &str, version: u32, taken: impl Fn(&str) -> bool) -> u32 {
    (1..).find(|&k| !taken(&response_id(consultation, version, k))).unwrap_or(1)
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

    fn version(n: u32, released: bool) -> ConsultationVersion {
        ConsultationVersion {
            id: Id::parse(&version_id("c", n)).unwrap(),
            consultation: Id::parse("c").unwrap(),
            number: n,
            text: Text::new("Hand over", "تسليم"),
            released: released.then(|| Release { at: jiff::Timestamp::UNIX_EPOCH, by: "sec".into() }),
        }
    }

    #[test]
    fn a_draft_is_edited_in_place_and_a_released_version_is_never_rewritten() {
        assert_eq!(edit(None), Edit::NewVersion(1));
        assert_eq!(edit(Some(&version(1, false))), Edit::Draft);
        assert_eq!(edit(Some(&version(2, true))), Edit::NewVersion(3));
    }

    #[test]
    fn only_an_unreleased_newest_version_can_be_released() {
        assert_eq!(to_release(Some(&version(2, false))).map(|v| v.number), Some(2));
        assert!(to_release(Some(&version(2, true))).is_none());
        assert!(to_release(None).is_none());
    }

    #[test]
    fn partners_answer_only_released_versions() {
        let vs = [version(1, true), version(2, false)];
        assert!(answerable(vs.iter(), 1));
        assert!(!answerable(vs.iter(), 2), "a draft is not shown to partners");
        assert!(!answerable(vs.iter(), 3));
    }

    #[test]
    fn answers_take_the_first_free_number() {
        let taken = ["c-v1-r1", "c-v1-r2", "c-v1-r4"];
        assert_eq!(next_response_number("c", 1, |id| taken.contains(&id)), 3);
        assert_eq!(next_response_number("c", 2, |id| taken.contains(&id)), 1);
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
