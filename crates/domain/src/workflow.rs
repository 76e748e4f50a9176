//! The assessment workflow as pure functions: draft → submitted → endorsed by every
//! delegation (both heads, in the founding case), or returned with reasons; a returned
//! assessment may be submitted again; only a step, never an edit, moves the state. Who may
//! take a step (a head of that delegation) is the access layer's rule; what the step does to
//! the state is this module's. The store calls it inside the step's transaction, so the API,
//! the pages and the CLI take the same steps.

use serde::{Deserialize, Serialize};

use crate::model::AssessmentState;
use crate::{Message, Text};

/// A step someone asks for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "action", rename_all = "kebab-case")]
pub enum WorkflowAction {
    /// Send a draft (or a returned assessment) to the heads.
    Submit,
    /// A delegation head endorses for their party.
    Endorse {
        /// The delegation (party id) the head speaks for.
        party: String,
    },
    /// A head returns it to the working group, saying why.
    Return {
        /// The delegation returning it.
        party: String,
        /// Why, in both languages (at least one filled in).
        reasons: Text,
    },
}

impl WorkflowAction {
    /// The action's name as stored.
    pub fn name(&self) -> &'static str {
        match self {
            WorkflowAction::Submit => "submit",
            WorkflowAction::Endorse { .. } => "endorse",
            WorkflowAction::Return { .. } => "return",
        }
    }
}

/// A step taken, as kept in the history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WorkflowStep {
    /// 1, 2, … per assessment.
    pub n: i64,
    /// What was done.
    #[serde(flatten)]
    pub action: WorkflowAction,
    /// Who did it (user name).
    pub actor: String,
    /// When (RFC 3339 UTC).
    pub at: String,
    /// The state after the step.
    pub state: AssessmentState,
}

/// Why a step is not allowed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WorkflowError {
    /// The step does not apply in this state.
    #[error("cannot {action} an assessment that is {state}")]
    NotAllowed {
        /// The step.
        action: &'static str,
        /// The current state.
        state: &'static str,
    },
    /// The party is not a delegation of the case.
    #[error("{0:?} is not a delegation of the case")]
    NotADelegation(String),
    /// This delegation has already endorsed this submission.
    #[error("delegation {0:?} has already endorsed this submission")]
    AlreadyEndorsed(String),
    /// A return needs reasons.
    #[error("returning an assessment needs reasons")]
    NoReasons,
    /// A new assessment starts as a draft.
    #[error("a new assessment starts as a draft")]
    NewNotDraft,
    /// An edit tried to change the state, which only a step does.
    #[error("only a workflow step changes an assessment's state")]
    StateByEdit,
}

impl WorkflowError {
    /// The refusal as a message in the catalogs.
    pub fn message(&self) -> Message {
        match self {
            WorkflowError::NotAllowed { action, state } => {
                Message::new("workflow-not-allowed").arg("action", *action).arg("state", *state)
            }
            WorkflowError::NotADelegation(p) => Message::new("workflow-not-a-delegation").arg("party", p.as_str()),
            WorkflowError::AlreadyEndorsed(p) => Message::new("workflow-already-endorsed").arg("party", p.as_str()),
            WorkflowError::NoReasons => Message::new("workflow-no-reasons"),
            WorkflowError::NewNotDraft => Message::new("store-new-assessment-draft"),
            WorkflowError::StateByEdit => Message::new("store-state-by-workflow"),
        }
    }
}

fn state_name(s: AssessmentState) -> &'static str {
    match s {
        AssessmentState::Draft => "draft",
        AssessmentState::Submitted => "submitted",
        AssessmentState::Endorsed => "endorsed",
        AssessmentState::Returned => "returned",
    }
}

/// The state after `action`, given the current state, the steps so far and the case's
/// delegations (party ids). Endorsements count only since the last submission.
pub fn next_state(
    state: AssessmentState,
    history: &[WorkflowStep],
    delegations: &[String],
    action: &WorkflowAction,
) -> Result<AssessmentState, WorkflowError> {
    use AssessmentState::*;
    let not_allowed = || WorkflowError::NotAllowed { action: action.name(), state: state_name(state) };
    match action {
        WorkflowAction::Submit => match state {
            Draft | Returned => Ok(Submitted),
            _ => Err(not_allowed()),
        },
        WorkflowAction::Endorse { party } => {
            if state != Submitted {
                return Err(not_allowed());
            }
            if !delegations.contains(party) {
                return Err(WorkflowError::NotADelegation(party.clone()));
            }
            if !awaits_review_by(state, history, party) {
                return Err(WorkflowError::AlreadyEndorsed(party.clone()));
            }
            let endorsed = endorsements_since_submit(history);
            let all = delegations.iter().all(|d| d == party || endorsed.contains(&d.as_str()));
            Ok(if all { Endorsed } else { Submitted })
        }
        WorkflowAction::Return { party, reasons } => {
            if state != Submitted {
                return Err(not_allowed());
            }
            if !delegations.contains(party) {
                return Err(WorkflowError::NotADelegation(party.clone()));
            }
            if reasons.en.trim().is_empty() && reasons.ar.trim().is_empty() {
                return Err(WorkflowError::NoReasons);
            }
            Ok(Returned)
        }
    }
}

/// Whether a head of `party` still has this submission to endorse or return: it is submitted
/// and their delegation has not endorsed it since it was.
pub fn awaits_review_by(state: AssessmentState, history: &[WorkflowStep], party: &str) -> bool {
    state == AssessmentState::Submitted && !endorsements_since_submit(history).contains(&party)
}

/// A write of an assessment's body from `was` (`None`: a new one) to `now`: a new assessment
/// is a draft, and the state changes only by a step ([`next_state`]), never by an edit.
pub fn check_written_state(was: Option<AssessmentState>, now: AssessmentState) -> Result<(), WorkflowError> {
    match was {
        None if now != AssessmentState::Draft => Err(WorkflowError::NewNotDraft),
        Some(s) if s != now => Err(WorkflowError::StateByEdit),
        _ => Ok(()),
    }
}

/// Parties that endorsed after the last submit.
pub fn endorsements_since_submit(history: &[WorkflowStep]) -> Vec<&str> {
    let start = history.iter().rposition(|s| s.action == WorkflowAction::Submit).map_or(0, |i| i + 1);
    history[start..]
        .iter()
        .filter_map(|s| match &s.action {
            WorkflowAction::Endorse { party } => Some(party.as_str()),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use AssessmentState::*;

    fn step(n: i64, action: WorkflowAction, state: AssessmentState) -> WorkflowStep {
        WorkflowStep { n, action, actor: "x".into(), at: "2025-01-01T00:00:00Z".into(), state }
    }
    fn dels() -> Vec<String> {
        vec!["us".into(), "iq".into()]
    }
    fn endorse(p: &str) -> WorkflowAction {
        WorkflowAction::Endorse { party: p.into() }
    }

    #[test]
    fn endorsed_only_when_both_delegations_have_endorsed() {
        let mut h = vec![step(1, WorkflowAction::Submit, Submitted)];
        assert_eq!(next_state(Submitted, &h, &dels(), &endorse("us")), Ok(Submitted));
        h.push(step(2, endorse("us"), Submitted));
        assert_eq!(
            next_state(Submitted, &h, &dels(), &endorse("us")),
            Err(WorkflowError::AlreadyEndorsed("us".into()))
        );
        assert_eq!(next_state(Submitted, &h, &dels(), &endorse("iq")), Ok(Endorsed));
    }

    #[test]
    fn a_return_needs_reasons_and_clears_endorsements_on_resubmission() {
        let h = vec![step(1, WorkflowAction::Submit, Submitted), step(2, endorse("us"), Submitted)];
        let no = WorkflowAction::Return { party: "iq".into(), reasons: Text::new(" ", "") };
        assert_eq!(next_state(Submitted, &h, &dels(), &no), Err(WorkflowError::NoReasons));
        let yes = WorkflowAction::Return { party: "iq".into(), reasons: Text::new("", "الأدلة قديمة") };
        assert_eq!(next_state(Submitted, &h, &dels(), &yes), Ok(Returned));
        let mut h2 = h.clone();
        h2.push(step(3, yes, Returned));
        assert_eq!(next_state(Returned, &h2, &dels(), &WorkflowAction::Submit), Ok(Submitted));
        h2.push(step(4, WorkflowAction::Submit, Submitted));
        assert!(endorsements_since_submit(&h2).is_empty());
        assert_eq!(next_state(Submitted, &h2, &dels(), &endorse("iq")), Ok(Submitted));
    }

    #[test]
    fn a_submission_awaits_review_only_by_delegations_that_have_not_endorsed_it() {
        let mut h = vec![step(1, WorkflowAction::Submit, Submitted), step(2, endorse("us"), Submitted)];
        assert!(!awaits_review_by(Submitted, &h, "us"));
        assert!(awaits_review_by(Submitted, &h, "iq"));
        assert!(!awaits_review_by(Draft, &[], "iq"), "a draft awaits no one");
        assert!(!awaits_review_by(Endorsed, &h, "iq"));
        // A new submission after a return is reviewed afresh by everyone.
        h.push(step(3, WorkflowAction::Return { party: "iq".into(), reasons: Text::new("old", "") }, Returned));
        h.push(step(4, WorkflowAction::Submit, Submitted));
        assert!(awaits_review_by(Submitted, &h, "us"));
    }

    #[test]
    fn only_a_step_moves_the_state_and_a_new_assessment_is_a_draft() {
        assert_eq!(check_written_state(None, Draft), Ok(()));
        assert_eq!(check_written_state(None, Submitted), Err(WorkflowError::NewNotDraft));
        assert_eq!(check_written_state(Some(Returned), Returned), Ok(()));
        assert_eq!(check_written_state(Some(Draft), Endorsed), Err(WorkflowError::StateByEdit));
        assert_eq!(check_written_state(Some(Submitted), Draft), Err(WorkflowError::StateByEdit));
    }

    #[test]
    fn every_refusal_has_a_message_in_both_catalogs() {
        let all = [
            WorkflowError::NotAllowed { action: "submit", state: "endorsed" },
            WorkflowError::NotADelegation("nato".into()),
            WorkflowError::AlreadyEndorsed("us".into()),
            WorkflowError::NoReasons,
            WorkflowError::NewNotDraft,
            WorkflowError::StateByEdit,
        ];
        for lang in [crate::Lang::En, crate::Lang::Ar] {
            let loc = tahawul_i18n::Localizer::new(lang).unwrap();
            for e in &all {
                assert!(loc.has(e.message().id), "{lang:?} has no {}", e.message().id);
            }
        }
    }

    #[test]
    fn steps_out_of_order_are_refused() {
        assert!(matches!(next_state(Draft, &[], &dels(), &endorse("us")), Err(WorkflowError::NotAllowed { .. })));
        assert!(matches!(
            next_state(Endorsed, &[], &dels(), &WorkflowAction::Submit),
            Err(WorkflowError::NotAllowed { .. })
        ));
        assert_eq!(
            next_state(Submitted, &[], &dels(), &endorse("nato")),
            Err(WorkflowError::NotADelegation("nato".into()))
        );
    }
}
