//! The dialogue's record on the server (issue 6): kept versions of a round's joint statement,
//! the follow-up of commitments (every status change with its evidence), links from decisions
//! to what they created or changed, a word-level comparison of two texts, and the share of
//! commitments fulfilled over time.
//!
//! The bundle's own types (`Round`, `Commitment`) stay as the dialogue agreed them; what
//! happens after a round is kept beside them in these records, so that follow-up never
//! touches what the heads signed.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use tahawul_i18n::{Lang, Text};

use crate::model::*;
use crate::period::Month;

/// One kept version of a round's joint statement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatementVersion {
    /// `{round}-v{number}` (see [`statement_version_id`]).
    pub id: Id,
    /// The round.
    pub round: Id,
    /// 1 for the draft from the record, then 2, 3, …
    pub number: u32,
    /// The statement in Arabic and English.
    pub text: Text,
    /// Which language's text this version changed (`None` for the first draft).
    #[serde(default)]
    pub changed: Option<Lang>,
    /// The user who wrote it.
    pub author: String,
    /// Their delegation (`None` for the secretariat).
    #[serde(default)]
    pub party: Option<String>,
    /// When.
    pub at: jiff::Timestamp,
}

/// The id of a round's statement version `n`.
pub fn statement_version_id(round: &str, n: u32) -> String {
    format!("{round}-v{n}")
}

/// Why a new statement version cannot be kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StatementEdit {
    /// Longer than [`crate::rules::STATEMENT_MAX_CHARS`] characters.
    TooLong,
    /// No words.
    Empty,
    /// The round has no statement yet: the first version is the draft from the record.
    NoStatement,
    /// The edit was based on an older version than the newest (someone edited in between).
    Stale {
        /// The newest version's number.
        newest: u32,
    },
    /// The text is the newest version's: nothing to keep.
    Unchanged,
}

impl StatementEdit {
    /// What is wrong, in the user's language (a stale edit is a conflict, not a field's fault).
    pub fn message(&self) -> tahawul_i18n::Message {
        use tahawul_i18n::Message;
        match self {
            StatementEdit::TooLong => {
                Message::new("record-api-statement-too-long").arg("max", crate::rules::STATEMENT_MAX_CHARS)
            }
            StatementEdit::Empty => Message::new("record-api-statement-empty"),
            StatementEdit::NoStatement => Message::new("record-api-statement-none"),
            StatementEdit::Stale { newest } => Message::new("record-api-statement-stale").arg("newest", *newest),
            StatementEdit::Unchanged => Message::new("record-api-statement-unchanged"),
        }
    }

    /// The JSON pointer at fault.
    pub fn pointer(&self) -> &'static str {
        match self {
            StatementEdit::NoStatement | StatementEdit::Stale { .. } => "/based_on",
            _ => "/text",
        }
    }
}

/// Checks the words of a statement edit (bounded, not empty) before anything is read.
pub fn check_statement_text(text: &str) -> Result<(), StatementEdit> {
    if text.chars().count() > crate::rules::STATEMENT_MAX_CHARS {
        return Err(StatementEdit::TooLong);
    }
    if text.trim().is_empty() {
        return Err(StatementEdit::Empty);
    }
    Ok(())
}

/// The next version's number and text: the newest version `latest` with `lang`'s text
/// replaced by `text`, when the edit was made on it (`based_on`). Versions are kept, never
/// rewritten, so an edit of anything but the newest is refused rather than merged.
pub fn next_statement(
    latest: Option<&StatementVersion>,
    lang: Lang,
    text: &str,
    based_on: u32,
) -> Result<(u32, Text), StatementEdit> {
    check_statement_text(text)?;
    let latest = latest.ok_or(StatementEdit::NoStatement)?;
    if latest.number != based_on {
        return Err(StatementEdit::Stale { newest: latest.number });
    }
    let mut new = latest.text.clone();
    match lang {
        Lang::Ar => new.ar = text.to_string(),
        Lang::En => new.en = text.to_string(),
    }
    if new == latest.text {
        return Err(StatementEdit::Unchanged);
    }
    Ok((latest.number + 1, new))
}

/// One change of a commitment's status.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatusChange {
    /// When it was recorded.
    pub at: jiff::Timestamp,
    /// The status before.
    pub from: CommitmentStatus,
    /// The status after.
    pub to: CommitmentStatus,
    /// Why, in the writer's words (required: a status without evidence is a claim).
    pub evidence: String,
    /// Documents of the record that show it.
    #[serde(default)]
    pub documents: Vec<Id>,
    /// The user who recorded it.
    pub by: String,
}

/// The follow-up of one commitment: every status change, oldest first. Its id is the
/// commitment's.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FollowUp {
    /// The commitment's id.
    pub id: Id,
    /// The changes, oldest first.
    pub changes: Vec<StatusChange>,
}

impl FollowUp {
    /// The status now: the last change's, else the commitment's own.
    pub fn current(&self, c: &Commitment) -> CommitmentStatus {
        self.changes.last().map_or(c.status, |s| s.to)
    }
}

/// The longest evidence kept for a status change, in characters.
pub const MAX_EVIDENCE: usize = crate::consultation::MAX_REASON;

/// Why a status change cannot be recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusChangeProblem {
    /// No evidence: a status without evidence is a claim.
    EvidenceRequired,
    /// Evidence longer than [`MAX_EVIDENCE`] characters.
    EvidenceTooLong,
    /// The commitment already has this status.
    Unchanged,
}

impl StatusChangeProblem {
    /// What is wrong, in the user's language.
    pub fn message(self) -> tahawul_i18n::Message {
        use tahawul_i18n::Message;
        match self {
            StatusChangeProblem::EvidenceRequired => Message::new("record-api-status-evidence-required"),
            StatusChangeProblem::EvidenceTooLong => {
                Message::new("record-api-status-evidence-too-long").arg("max", MAX_EVIDENCE)
            }
            StatusChangeProblem::Unchanged => Message::new("record-api-status-unchanged"),
        }
    }

    /// The JSON pointer at fault.
    pub fn pointer(self) -> &'static str {
        match self {
            StatusChangeProblem::Unchanged => "/status",
            _ => "/evidence",
        }
    }
}

/// Checks the evidence of a status change: said, and bounded.
pub fn check_evidence(evidence: &str) -> Result<(), StatusChangeProblem> {
    if evidence.trim().is_empty() {
        return Err(StatusChangeProblem::EvidenceRequired);
    }
    if evidence.chars().count() > MAX_EVIDENCE {
        return Err(StatusChangeProblem::EvidenceTooLong);
    }
    Ok(())
}

impl FollowUp {
    /// Records that commitment `c` moved to `to`, from the status it has now, with its
    /// evidence (kept trimmed) and documents; a change to the status it already has is refused.
    pub fn change(
        &mut self,
        c: &Commitment,
        to: CommitmentStatus,
        evidence: &str,
        documents: Vec<Id>,
        by: &str,
        at: jiff::Timestamp,
    ) -> Result<&StatusChange, StatusChangeProblem> {
        check_evidence(evidence)?;
        let from = self.current(c);
        if from == to {
            return Err(StatusChangeProblem::Unchanged);
        }
        self.changes.push(StatusChange {
            at,
            from,
            to,
            evidence: evidence.trim().to_string(),
            documents,
            by: by.into(),
        });
        Ok(self.changes.last().expect("just pushed"))
    }
}

/// Applies follow-ups to a case's commitments (status and evidence documents), so roll-ups,
/// gates and pages read the status as it stands.
pub fn apply_follow_ups(case: &mut Case, follow_ups: &[FollowUp]) {
    for f in follow_ups {
        if let Some(c) = case.commitments.iter_mut().find(|c| c.id == f.id) {
            c.status = f.current(c);
            for ch in &f.changes {
                for d in &ch.documents {
                    if !c.evidence.contains(d) {
                        c.evidence.push(d.clone());
                    }
                }
            }
        }
    }
}

/// What a decision did to another record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Effect {
    /// Made it.
    Creates,
    /// Changed it.
    Changes,
}

/// The kind of record a decision links to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum LinkTarget {
    /// A commitment.
    Commitment,
    /// A phase.
    Phase,
    /// A phase's gate.
    Gate,
}

/// A link from a round's decision to a commitment, phase or gate it created or changed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DecisionLink {
    /// `{decision}--{target}`.
    pub id: Id,
    /// The round.
    pub round: Id,
    /// The decision.
    pub decision: Id,
    /// Creates or changes.
    pub effect: Effect,
    /// What kind of record.
    pub kind: LinkTarget,
    /// Its id (a phase's id for a gate).
    pub target: Id,
}

/// The links of a round's decisions: the explicit ones, plus a commitment of the round that
/// restates a decision (same slug after the round prefix, e.g. `r1-form-hmc` and
/// `jscd1-form-hmc`), which the decision created.
pub fn decision_links(case: &Case, round: &Round, explicit: &[DecisionLink]) -> Vec<DecisionLink> {
    let slug = |id: &Id| id.as_str().split_once('-').map_or(id.as_str().to_string(), |(_, s)| s.to_string());
    let mut out: Vec<DecisionLink> = explicit.iter().filter(|l| l.round == round.id).cloned().collect();
    for d in &round.decisions {
        for c in case.commitments.iter().filter(|c| c.round == round.id) {
            let exists = out.iter().any(|l| l.decision == d.id && l.target == c.id && l.kind == LinkTarget::Commitment);
            if slug(&d.id) == slug(&c.id) && !exists {
                if let Some(id) = Id::parse(&format!("{}--{}", d.id, c.id)) {
                    out.push(DecisionLink {
                        id,
                        round: round.id.clone(),
                        decision: d.id.clone(),
                        effect: Effect::Creates,
                        kind: LinkTarget::Commitment,
                        target: c.id.clone(),
                    });
                }
            }
        }
    }
    out
}

// The comparison of two texts lives with the statement it compares (bounded in size and time).
pub use crate::statement::{Piece, compare};

/// The share of commitments fulfilled at the end of each month, per group (a party, or a
/// theme): the mean of status ÷ 3 over the group's commitments made by then, so 0 is nothing
/// started and 1 every commitment fully met. A commitment counts from its round's last day;
/// its status at a date is the one its follow-up gives at that date, and before any recorded
/// change the status it had before the first change (or its current status, when it has no
/// recorded change).
pub fn share_fulfilled(
    case: &Case,
    follow_ups: &[FollowUp],
    by_theme: bool,
    months: &[Month],
) -> BTreeMap<String, Vec<Option<f64>>> {
    let mut out: BTreeMap<String, Vec<(f64, u32)>> = BTreeMap::new();
    for c in &case.commitments {
        let Some(round) = case.round(c.round.as_str()) else {
            continue;
        };
        let f = follow_ups.iter().find(|f| f.id == c.id);
        let groups: Vec<String> =
            if by_theme { vec![c.theme.to_string()] } else { c.parties.iter().map(|p| p.to_string()).collect() };
        for g in groups {
            let slots = out.entry(g).or_insert_with(|| vec![(0.0, 0); months.len()]);
            for (k, m) in months.iter().enumerate() {
                let end = m.plus(1).first_day().yesterday().unwrap_or(m.first_day());
                if end < round.end {
                    continue;
                }
                let status = match f {
                    None => c.status,
                    Some(f) => {
                        let before = f.changes.first().map_or(c.status, |ch| ch.from);
                        f.changes
                            .iter()
                            .rfind(|ch| ch.at.to_zoned(jiff::tz::TimeZone::UTC).date() <= end)
                            .map_or(before, |ch| ch.to)
                    }
                };
                slots[k].0 += f64::from(u8::from(status)) / 3.0;
                slots[k].1 += 1;
            }
        }
    }
    out.into_iter()
        .map(|(g, v)| (g, v.into_iter().map(|(sum, n)| (n > 0).then(|| sum / f64::from(n))).collect()))
        .collect()
}

/// Why a write of agreed content is refused (issue 12, item 2): what the delegations agreed
/// changes only through the workflow or a new signing, never by an edit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Frozen {
    /// A submitted assessment changes only by return, edit and resubmission.
    AssessmentSubmitted,
    /// An endorsed assessment is final: a new assessment supersedes it.
    AssessmentEndorsed,
    /// Signatures are added only by the signing route, which verifies them.
    SignaturesByEdit,
    /// A round whose minutes carry signatures is kept.
    SignedRoundDeleted,
    /// A commitment in signed minutes is kept (it may be followed up, not removed).
    SignedCommitmentDeleted,
}

impl Frozen {
    /// The JSON pointer at fault.
    pub fn pointer(&self) -> &'static str {
        match self {
            Frozen::AssessmentSubmitted | Frozen::AssessmentEndorsed => "/body",
            Frozen::SignaturesByEdit => "/body/signatures",
            Frozen::SignedRoundDeleted | Frozen::SignedCommitmentDeleted => "/id",
        }
    }

    /// What is wrong and how to go on, in the user's language.
    pub fn message(&self) -> tahawul_i18n::Message {
        tahawul_i18n::Message::new(match self {
            Frozen::AssessmentSubmitted => "record-frozen-assessment-submitted",
            Frozen::AssessmentEndorsed => "record-frozen-assessment-endorsed",
            Frozen::SignaturesByEdit => "record-frozen-signatures-by-edit",
            Frozen::SignedRoundDeleted => "record-frozen-signed-round-deleted",
            Frozen::SignedCommitmentDeleted => "record-frozen-signed-commitment-deleted",
        })
    }
}

/// An assessment's content may be edited only as a draft or once returned; `changed` says
/// whether the edit changes its body (a write of the same body, e.g. to release it to
/// partners, is no edit).
pub fn check_assessment_edit(state: AssessmentState, changed: bool) -> Result<(), Frozen> {
    match state {
        AssessmentState::Submitted if changed => Err(Frozen::AssessmentSubmitted),
        AssessmentState::Endorsed if changed => Err(Frozen::AssessmentEndorsed),
        _ => Ok(()),
    }
}

/// Deleting an assessment: a submitted or endorsed one is part of the record.
pub fn check_assessment_delete(state: AssessmentState) -> Result<(), Frozen> {
    check_assessment_edit(state, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(s: &str) -> Id {
        Id::parse(s).unwrap()
    }

    fn version(n: u32, en: &str, ar: &str) -> StatementVersion {
        StatementVersion {
            id: id(&statement_version_id("r1", n)),
            round: id("r1"),
            number: n,
            text: Text::new(en, ar),
            changed: None,
            author: "sec".into(),
            party: None,
            at: jiff::Timestamp::UNIX_EPOCH,
        }
    }

    #[test]
    fn a_statement_edit_changes_one_language_of_the_newest_version() {
        let v2 = version(2, "We agree.", "نتفق.");
        let (n, text) = next_statement(Some(&v2), Lang::Ar, "نتفق على الجدول.", 2).unwrap();
        assert_eq!((n, text), (3, Text::new("We agree.", "نتفق على الجدول.")));
    }

    #[test]
    fn a_statement_edit_is_refused_when_stale_unchanged_empty_too_long_or_first() {
        let v2 = version(2, "We agree.", "نتفق.");
        assert_eq!(next_statement(Some(&v2), Lang::En, "Other.", 1), Err(StatementEdit::Stale { newest: 2 }));
        assert_eq!(next_statement(Some(&v2), Lang::En, "We agree.", 2), Err(StatementEdit::Unchanged));
        assert_eq!(next_statement(Some(&v2), Lang::En, " \n", 2), Err(StatementEdit::Empty));
        let long = "x".repeat(crate::rules::STATEMENT_MAX_CHARS + 1);
        assert_eq!(next_statement(Some(&v2), Lang::En, &long, 2), Err(StatementEdit::TooLong));
        assert_eq!(next_statement(None, Lang::En, "Words.", 1), Err(StatementEdit::NoStatement));
        // The words are judged before the versions: a bad text says so even on a stale edit.
        assert_eq!(next_statement(Some(&v2), Lang::En, "", 1), Err(StatementEdit::Empty));
    }

    fn commitment(status: CommitmentStatus) -> Commitment {
        Commitment {
            id: id("c1"),
            parties: vec![id("iq")],
            text: Text::new("Train", "تدريب"),
            theme: id("training"),
            round: id("r1"),
            due: None,
            status,
            status_note: Text::new("", ""),
            illustrative: false,
            evidence: vec![],
            sources: vec![],
            addendum: false,
        }
    }

    #[test]
    fn a_status_change_records_the_status_it_moved_from_with_trimmed_evidence() {
        let c = commitment(CommitmentStatus::NotStarted);
        let mut f = FollowUp { id: c.id.clone(), changes: vec![] };
        let at = jiff::Timestamp::UNIX_EPOCH;
        f.change(&c, CommitmentStatus::Minimal, " report 7 ", vec![id("d1")], "amira", at).unwrap();
        let ch = f.change(&c, CommitmentStatus::Full, "final report", vec![], "amira", at).unwrap();
        assert_eq!((ch.from, ch.to), (CommitmentStatus::Minimal, CommitmentStatus::Full));
        assert_eq!(f.changes[0].evidence, "report 7");
        assert_eq!(f.current(&c), CommitmentStatus::Full);
    }

    #[test]
    fn a_status_change_needs_evidence_and_a_new_status() {
        let c = commitment(CommitmentStatus::Minimal);
        let mut f = FollowUp { id: c.id.clone(), changes: vec![] };
        let at = jiff::Timestamp::UNIX_EPOCH;
        let mut change = |to, ev: &str| f.change(&c, to, ev, vec![], "amira", at).map(|_| ());
        assert_eq!(change(CommitmentStatus::Minimal, "why"), Err(StatusChangeProblem::Unchanged));
        assert_eq!(change(CommitmentStatus::Full, "  "), Err(StatusChangeProblem::EvidenceRequired));
        let long = "x".repeat(MAX_EVIDENCE + 1);
        assert_eq!(change(CommitmentStatus::Full, &long), Err(StatusChangeProblem::EvidenceTooLong));
        assert!(f.changes.is_empty(), "a refused change records nothing");
    }

    #[test]
    fn every_refusal_is_in_both_catalogs() {
        let ids: Vec<&str> = [
            StatementEdit::TooLong,
            StatementEdit::Empty,
            StatementEdit::NoStatement,
            StatementEdit::Stale { newest: 3 },
            StatementEdit::Unchanged,
        ]
        .iter()
        .map(|e| e.message().id)
        .chain(
            [
                StatusChangeProblem::EvidenceRequired,
                StatusChangeProblem::EvidenceTooLong,
                StatusChangeProblem::Unchanged,
            ]
            .map(|p| p.message().id),
        )
        .collect();
        for lang in [Lang::En, Lang::Ar] {
            let loc = tahawul_i18n::Localizer::new(lang).unwrap();
            for id in &ids {
                assert!(loc.has(id), "{lang:?} lacks {id}");
            }
        }
    }

    #[test]
    fn submitted_and_endorsed_assessments_refuse_edits_but_not_same_body_writes() {
        use AssessmentState::*;
        assert_eq!(check_assessment_edit(Submitted, true), Err(Frozen::AssessmentSubmitted));
        assert_eq!(check_assessment_edit(Endorsed, true), Err(Frozen::AssessmentEndorsed));
        assert!(check_assessment_edit(Endorsed, false).is_ok());
        assert!(check_assessment_edit(Draft, true).is_ok());
        assert!(check_assessment_edit(Returned, true).is_ok());
        assert!(check_assessment_delete(Endorsed).is_err());
    }

    #[test]
    fn compare_marks_added_and_removed_words() {
        let p = compare("the two sides agree", "the two delegations agree today");
        assert_eq!(
            p,
            vec![
                Piece::Same("the two ".into()),
                Piece::Removed("sides".into()),
                Piece::Added("delegations".into()),
                Piece::Same(" agree".into()),
                Piece::Added(" today".into()),
            ]
        );
        assert_eq!(compare("", ""), vec![]);
        assert_eq!(compare("a", "a"), vec![Piece::Same("a".into())]);
    }
}
