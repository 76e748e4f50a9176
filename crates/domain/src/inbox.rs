//! What needs a person: the inbox. Each item is a step only this reader (or their delegation,
//! working group or party) can take next, derived from the record as it stands — nothing is
//! stored, so an item disappears the moment the step is taken by anyone entitled to it.
//!
//! The access layer gathers what the reader may see (their case, the workflow histories of
//! submitted assessments, the consultations released to them, each round's minutes check) and
//! [`collect`] decides; the pages, the API and the e-mail digest all read the same list.

use jiff::civil::Date;
use serde::Serialize;

use crate::consultation::{ConsultationResponse, ConsultationVersion};
use crate::minutes::{MinutesCheck, SignatureState};
use crate::model::{AssessmentState, Case, Id};
use crate::period::Month;
use crate::user::Role;
use crate::workflow::{WorkflowAction, WorkflowStep, awaits_review_by};

/// How far ahead a commitment's due date puts it in the inbox.
pub const COMMITMENT_NOTICE_DAYS: i64 = 30;
/// How far ahead a phase's deadline puts it in the inbox.
pub const PHASE_NOTICE_MONTHS: i32 = 3;

/// Who is reading: what the inbox needs of the signed-in user.
#[derive(Debug, Clone, Copy)]
pub struct Reader<'a> {
    /// Their role.
    pub role: Role,
    /// The party they act for (heads, members, working groups, partners).
    pub party: Option<&'a str>,
    /// The factor of a working-group member.
    pub factor: Option<&'a str>,
}

/// A consultation as the reader sees it: its versions (partners: released ones only) and the
/// answers visible to them.
#[derive(Debug, Clone, Copy)]
pub struct ConsultationSeen<'a> {
    /// The consultation's id.
    pub id: &'a Id,
    /// Its versions, any order.
    pub versions: &'a [ConsultationVersion],
    /// The answers the reader sees.
    pub responses: &'a [ConsultationResponse],
}

/// One thing that needs the reader.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Item {
    /// A submitted assessment the reader's delegation has not yet endorsed or returned.
    Endorse {
        /// The assessment.
        assessment: Id,
    },
    /// An assessment returned to the reader's working group or delegation, with the reasons.
    Returned {
        /// The assessment.
        assessment: Id,
        /// Who returned it (user name), if the history says.
        by: Option<String>,
    },
    /// A released consultation version the reader's party has not answered.
    Answer {
        /// The consultation.
        consultation: Id,
        /// The version to answer.
        version: u32,
    },
    /// An open commitment of the reader's party, due within [`COMMITMENT_NOTICE_DAYS`] or past due.
    Commitment {
        /// The commitment.
        commitment: Id,
        /// When it is due.
        due: Date,
        /// Past its due date.
        overdue: bool,
    },
    /// A phase not yet started whose deadline is within [`PHASE_NOTICE_MONTHS`] or past.
    Deadline {
        /// The phase.
        phase: Id,
        /// Its deadline.
        deadline: Month,
        /// Past it.
        overdue: bool,
    },
    /// A round's minutes that the reader, as their delegation's head for it, has not validly signed.
    Sign {
        /// The round.
        round: Id,
        /// The head the minutes name for the reader's party.
        head: Id,
        /// They signed once, but the minutes changed since (or the signature is refused).
        again: bool,
    },
}

impl Item {
    /// A stable name for the kind (the API's `kind`, the page's grouping, message ids).
    pub fn kind(&self) -> &'static str {
        match self {
            Item::Endorse { .. } => "endorse",
            Item::Returned { .. } => "returned",
            Item::Answer { .. } => "answer",
            Item::Commitment { .. } => "commitment",
            Item::Deadline { .. } => "deadline",
            Item::Sign { .. } => "sign",
        }
    }

    /// Past its date (commitments, deadlines): shown first.
    pub fn overdue(&self) -> bool {
        matches!(self, Item::Commitment { overdue: true, .. } | Item::Deadline { overdue: true, .. })
    }

    /// The page where the step is taken.
    pub fn link(&self) -> String {
        match self {
            Item::Endorse { assessment } | Item::Returned { assessment, .. } => format!("/assessments/{assessment}"),
            Item::Answer { consultation, .. } => format!("/consultations/{consultation}"),
            Item::Commitment { commitment, .. } => format!("/commitments/{commitment}"),
            Item::Deadline { .. } => "/forecast".to_string(),
            Item::Sign { round, .. } => format!("/rounds/{round}"),
        }
    }
}

/// Everything the inbox reads, as the reader may see it.
#[derive(Clone, Copy)]
pub struct Seen<'a> {
    /// The reader's case (their visible records).
    pub case: &'a Case,
    /// The workflow history of an assessment (asked only for submitted and returned ones).
    pub history: &'a dyn Fn(&Id) -> Option<&'a [WorkflowStep]>,
    /// The delegation owning an assessment, if one does.
    pub owner: &'a dyn Fn(&Id) -> Option<&'a str>,
    /// The consultations visible to the reader.
    pub consultations: &'a [ConsultationSeen<'a>],
    /// The check of every round's minutes visible to the reader.
    pub minutes: &'a [MinutesCheck],
}

/// What needs `reader` on `today`: overdue items first, then by kind and date.
pub fn collect(reader: &Reader<'_>, seen: &Seen<'_>, today: Date) -> Vec<Item> {
    let case = seen.case;
    let mut items = Vec::new();
    let speaks_for_party = matches!(reader.role, Role::DelegationHead | Role::DelegationMember);

    for a in &case.assessments {
        match a.state {
            AssessmentState::Submitted if reader.role == Role::DelegationHead => {
                let (Some(party), Some(history)) = (reader.party, (seen.history)(&a.id)) else { continue };
                if awaits_review_by(a.state, history, party) {
                    items.push(Item::Endorse { assessment: a.id.clone() });
                }
            }
            AssessmentState::Returned => {
                // The working group of the factor (in the owning delegation) writes it again.
                let owner = (seen.owner)(&a.id);
                let ours = reader.role == Role::WorkingGroupMember
                    && reader.factor == Some(a.factor.as_str())
                    && (owner.is_none() || owner == reader.party);
                if ours {
                    let by = (seen.history)(&a.id).and_then(|h| {
                        h.iter()
                            .rev()
                            .find(|s| matches!(s.action, WorkflowAction::Return { .. }))
                            .map(|s| s.actor.clone())
                    });
                    items.push(Item::Returned { assessment: a.id.clone(), by });
                }
            }
            _ => {}
        }
    }

    if reader.role == Role::CoalitionPartner {
        for c in seen.consultations {
            let Some(newest) = c.versions.iter().filter(|v| v.released.is_some()).max_by_key(|v| v.number) else {
                continue;
            };
            let answered = c
                .responses
                .iter()
                .any(|r| r.version == newest.number && reader.party.is_some() && r.party.as_deref() == reader.party);
            if !answered {
                items.push(Item::Answer { consultation: c.id.clone(), version: newest.number });
            }
        }
    }

    // Commitments: a delegation sees its own party's; the secretariat, which keeps the record,
    // sees every party's.
    let commitments_for = |parties: &[Id]| match reader.role {
        Role::Secretariat => true,
        _ if speaks_for_party => reader.party.is_some_and(|p| parties.iter().any(|x| x.as_str() == p)),
        _ => false,
    };
    for c in &case.commitments {
        let Some(due) = c.due else { continue };
        if !c.is_open() || !commitments_for(&c.parties) {
            continue;
        }
        let days = today.until(due).map(|s| s.get_days() as i64).unwrap_or(0);
        if days <= COMMITMENT_NOTICE_DAYS {
            items.push(Item::Commitment { commitment: c.id.clone(), due, overdue: due < today });
        }
    }

    if reader.role == Role::Secretariat || speaks_for_party {
        let now = Month::of_date(today);
        for p in &case.phases {
            let Some(deadline) = p.deadline else { continue };
            if p.started.is_some() {
                continue;
            }
            if deadline.0 - now.0 <= PHASE_NOTICE_MONTHS {
                items.push(Item::Deadline { phase: p.id.clone(), deadline, overdue: deadline < now });
            }
        }
    }

    if reader.role == Role::DelegationHead
        && let Some(party) = reader.party
    {
        for check in seen.minutes {
            let Some(round) = case.round(check.round.as_str()) else { continue };
            let Some(head) = round.delegations.iter().find(|d| d.party.as_str() == party).and_then(|d| d.head.clone())
            else {
                continue;
            };
            let mine: Vec<&SignatureState> =
                check.signatures.iter().filter(|(s, _)| s.person == head).map(|(_, st)| st).collect();
            if mine.contains(&&SignatureState::Valid) {
                continue;
            }
            items.push(Item::Sign { round: round.id.clone(), head, again: !mine.is_empty() });
        }
    }

    items.sort_by_key(|i| (!i.overdue(), order(i), sort_date(i)));
    items
}

fn order(i: &Item) -> u8 {
    match i {
        Item::Sign { .. } => 0,
        Item::Endorse { .. } => 1,
        Item::Returned { .. } => 2,
        Item::Answer { .. } => 3,
        Item::Commitment { .. } => 4,
        Item::Deadline { .. } => 5,
    }
}

fn sort_date(i: &Item) -> Option<Date> {
    match i {
        Item::Commitment { due, .. } => Some(*due),
        Item::Deadline { deadline, .. } => Some(deadline.first_day()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;
    use crate::consultation::Release;
    use crate::minutes::check;
    use crate::model::CommitmentStatus;
    use crate::period::Month;

    fn founding_case() -> Case {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/iraq-hmc");
        crate::bundle::load(&dir).expect("the founding case loads")
    }

    fn today() -> Date {
        jiff::civil::date(2026, 12, 7)
    }

    fn step(n: i64, action: WorkflowAction, actor: &str, state: AssessmentState) -> WorkflowStep {
        WorkflowStep { n, action, actor: actor.into(), at: "2026-12-01T00:00:00Z".into(), state }
    }

    fn reader(role: Role, party: Option<&'static str>, factor: Option<&'static str>) -> Reader<'static> {
        Reader { role, party, factor }
    }

    /// The inbox of `r` over `case` with the given histories, owners, consultations; every round's
    /// minutes checked.
    fn inbox(
        r: &Reader<'_>,
        case: &Case,
        histories: &HashMap<Id, Vec<WorkflowStep>>,
        owners: &HashMap<Id, &'static str>,
        consultations: &[ConsultationSeen<'_>],
    ) -> Vec<Item> {
        let minutes: Vec<MinutesCheck> = case.rounds.iter().map(|round| check(case, round)).collect();
        let history = |id: &Id| histories.get(id).map(Vec::as_slice);
        let owner = |id: &Id| owners.get(id).copied();
        let seen = Seen { case, history: &history, owner: &owner, consultations, minutes: &minutes };
        collect(r, &seen, today())
    }

    /// The founding case with none of its own dated items, so each test adds what it checks.
    fn quiet_case() -> Case {
        let mut case = founding_case();
        for c in &mut case.commitments {
            c.due = None;
        }
        for p in &mut case.phases {
            p.deadline = None;
        }
        case
    }

    #[test]
    fn a_submission_waits_for_each_head_until_their_delegation_acts() {
        let mut case = quiet_case();
        let id = case.assessments[0].id.clone();
        case.assessments[0].state = AssessmentState::Submitted;
        let mut histories = HashMap::new();
        histories.insert(id.clone(), vec![step(1, WorkflowAction::Submit, "wg", AssessmentState::Submitted)]);
        let none = HashMap::new();
        let endorse = |items: &[Item]| items.iter().any(|i| *i == Item::Endorse { assessment: id.clone() });

        for party in ["iq", "us"] {
            assert!(endorse(&inbox(&reader(Role::DelegationHead, Some(party), None), &case, &histories, &none, &[])));
        }
        // Members, working groups and the secretariat do not endorse.
        for role in [Role::DelegationMember, Role::WorkingGroupMember, Role::Secretariat, Role::Auditor] {
            assert!(!endorse(&inbox(&reader(role, Some("iq"), None), &case, &histories, &none, &[])), "{role:?}");
        }

        histories.get_mut(&id).unwrap().push(step(
            2,
            WorkflowAction::Endorse { party: "iq".into() },
            "head-iq",
            AssessmentState::Submitted,
        ));
        assert!(!endorse(&inbox(&reader(Role::DelegationHead, Some("iq"), None), &case, &histories, &none, &[])));
        assert!(endorse(&inbox(&reader(Role::DelegationHead, Some("us"), None), &case, &histories, &none, &[])));
    }

    #[test]
    fn a_returned_assessment_goes_to_its_factors_working_group_in_its_delegation() {
        let mut case = quiet_case();
        let a = case.assessments[0].clone();
        case.assessments[0].state = AssessmentState::Returned;
        let reasons = crate::Text { en: "thin evidence".into(), ar: "أدلة قليلة".into() };
        let mut histories = HashMap::new();
        histories.insert(
            a.id.clone(),
            vec![
                step(1, WorkflowAction::Submit, "wg", AssessmentState::Submitted),
                step(2, WorkflowAction::Return { party: "us".into(), reasons }, "head-us", AssessmentState::Returned),
            ],
        );
        let mut owners = HashMap::new();
        owners.insert(a.id.clone(), "iq");
        let factor: &'static str = Box::leak(a.factor.to_string().into_boxed_str());

        let mine = inbox(&reader(Role::WorkingGroupMember, Some("iq"), Some(factor)), &case, &histories, &owners, &[]);
        assert_eq!(mine, vec![Item::Returned { assessment: a.id.clone(), by: Some("head-us".into()) }]);
        // Another delegation's working group, another factor's, and a head: not theirs to write.
        assert!(
            inbox(&reader(Role::WorkingGroupMember, Some("us"), Some(factor)), &case, &histories, &owners, &[])
                .is_empty()
        );
        assert!(
            inbox(
                &reader(Role::WorkingGroupMember, Some("iq"), Some("no-such-factor")),
                &case,
                &histories,
                &owners,
                &[]
            )
            .is_empty()
        );
        assert!(
            !inbox(&reader(Role::DelegationHead, Some("iq"), None), &case, &histories, &owners, &[])
                .iter()
                .any(|i| i.kind() == "returned")
        );
    }

    #[test]
    fn a_partner_answers_the_newest_released_version_once() {
        let case = quiet_case();
        let id = Id::parse("timeline").unwrap();
        let version = |n: u32, released: bool| ConsultationVersion {
            id: Id::parse(&crate::consultation::version_id("timeline", n)).unwrap(),
            consultation: id.clone(),
            number: n,
            text: crate::Text { en: "r".into(), ar: "ت".into() },
            released: released.then(|| Release { at: jiff::Timestamp::UNIX_EPOCH, by: "sec".into() }),
        };
        let answer = |v: u32, party: &str| ConsultationResponse {
            id: Id::parse(&crate::consultation::response_id("timeline", v, 1)).unwrap(),
            consultation: id.clone(),
            version: v,
            author: "p".into(),
            party: Some(party.into()),
            position: crate::consultation::Position::Concur,
            reason: String::new(),
            at: jiff::Timestamp::UNIX_EPOCH,
        };
        let partner = reader(Role::CoalitionPartner, Some("uk"), None);
        let none = HashMap::new();
        let ask = |versions: &[ConsultationVersion], responses: &[ConsultationResponse]| {
            let seen = [ConsultationSeen { id: &id, versions, responses }];
            inbox(&partner, &case, &none, &HashMap::new(), &seen)
        };

        assert!(ask(&[version(1, false)], &[]).is_empty(), "nothing released: nothing to answer");
        assert_eq!(ask(&[version(1, true)], &[]), vec![Item::Answer { consultation: id.clone(), version: 1 }]);
        assert_eq!(
            ask(&[version(1, true)], &[answer(1, "fr")]),
            vec![Item::Answer { consultation: id.clone(), version: 1 }],
            "another partner's answer is not ours"
        );
        assert!(ask(&[version(1, true)], &[answer(1, "uk")]).is_empty());
        assert_eq!(
            ask(&[version(1, true), version(2, true)], &[answer(1, "uk")]),
            vec![Item::Answer { consultation: id.clone(), version: 2 }],
            "a newer released version asks again"
        );
    }

    #[test]
    fn commitments_due_soon_or_overdue_reach_their_parties_and_the_secretariat() {
        let mut case = quiet_case();
        let (soon, late, far, done) = (0, 1, 2, 3);
        for (i, days, status) in [
            (soon, 10, CommitmentStatus::Minimal),
            (late, -40, CommitmentStatus::NotStarted),
            (far, 60, CommitmentStatus::Minimal),
            (done, -5, CommitmentStatus::Full),
        ] {
            let c = &mut case.commitments[i];
            c.parties = vec![Id::parse("iq").unwrap()];
            c.due = Some(today().checked_add(jiff::Span::new().days(days)).unwrap());
            c.status = status;
        }
        let ids: Vec<Id> = case.commitments.iter().take(4).map(|c| c.id.clone()).collect();
        let none = HashMap::new();
        // (Changing signed commitments also asks the heads to sign again: not this test's subject.)
        let got = |r: Reader<'_>| -> Vec<Item> {
            inbox(&r, &case, &none, &HashMap::new(), &[]).into_iter().filter(|i| i.kind() == "commitment").collect()
        };

        let head = got(reader(Role::DelegationHead, Some("iq"), None));
        assert_eq!(head.len(), 2, "{head:?}");
        assert_eq!(
            head[0],
            Item::Commitment { commitment: ids[late].clone(), due: case.commitments[late].due.unwrap(), overdue: true }
        );
        assert_eq!(
            head[1],
            Item::Commitment {
                commitment: ids[soon].clone(),
                due: case.commitments[soon].due.unwrap(),
                overdue: false
            }
        );
        assert_eq!(got(reader(Role::DelegationMember, Some("iq"), None)), head);
        assert_eq!(got(reader(Role::Secretariat, None, None)), head);
        assert!(got(reader(Role::DelegationHead, Some("us"), None)).is_empty());
        assert!(got(reader(Role::Auditor, None, None)).is_empty());
        assert!(got(reader(Role::CoalitionPartner, Some("uk"), None)).is_empty());
    }

    #[test]
    fn a_deadline_near_or_past_shows_until_the_phase_starts() {
        let mut case = quiet_case();
        let now = Month::of_date(today());
        case.phases[0].deadline = Some(Month(now.0 + 2));
        case.phases[0].started = None;
        case.phases[1].deadline = Some(Month(now.0 - 1));
        case.phases[1].started = None;
        case.phases[2].deadline = Some(Month(now.0 + 9));
        case.phases[2].started = None;
        let none = HashMap::new();
        let head = inbox(&reader(Role::DelegationHead, Some("us"), None), &case, &none, &HashMap::new(), &[]);
        assert_eq!(
            head,
            vec![
                Item::Deadline { phase: case.phases[1].id.clone(), deadline: Month(now.0 - 1), overdue: true },
                Item::Deadline { phase: case.phases[0].id.clone(), deadline: Month(now.0 + 2), overdue: false },
            ]
        );
        case.phases[1].started = Some(now);
        let head = inbox(&reader(Role::DelegationHead, Some("us"), None), &case, &none, &HashMap::new(), &[]);
        assert_eq!(head.len(), 1);
        assert!(
            inbox(&reader(Role::WorkingGroupMember, Some("us"), Some("threat")), &case, &none, &HashMap::new(), &[])
                .is_empty()
        );
    }

    #[test]
    fn minutes_wait_for_the_head_the_round_names_for_the_readers_party() {
        let mut case = quiet_case();
        let none = HashMap::new();
        let sign = |case: &Case, party: &'static str| -> Vec<Item> {
            inbox(&reader(Role::DelegationHead, Some(party), None), case, &none, &HashMap::new(), &[])
        };
        // As recorded: JSCD 1 signed by both heads; JSCD 2 by the Iraqi head, the US head unnamed.
        assert!(sign(&case, "iq").is_empty(), "{:?}", sign(&case, "iq"));
        assert!(sign(&case, "us").is_empty(), "{:?}", sign(&case, "us"));

        // JSCD 2's minutes without the Iraqi signature: the Iraqi head is asked to sign.
        let r2 = case.rounds.iter().position(|r| r.id.as_str() == "jscd-2").unwrap();
        let iq_head =
            case.rounds[r2].delegations.iter().find(|d| d.party.as_str() == "iq").unwrap().head.clone().unwrap();
        let signed = std::mem::take(&mut case.rounds[r2].signatures);
        assert_eq!(
            sign(&case, "iq"),
            vec![Item::Sign { round: Id::parse("jscd-2").unwrap(), head: iq_head.clone(), again: false }]
        );

        // Signed, then the minutes changed: asked to sign again.
        case.rounds[r2].signatures = signed;
        case.rounds[r2].name.en.push_str(" (edited)");
        assert_eq!(
            sign(&case, "iq"),
            vec![Item::Sign { round: Id::parse("jscd-2").unwrap(), head: iq_head, again: true }]
        );
        assert!(sign(&case, "us").is_empty(), "JSCD 2 names no US head");
    }
}
