//! The inbox's reading: what the signed-in user may see, gathered for
//! [`tahawul_domain::inbox::collect`], which decides what needs them.

use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex};

use tahawul_domain::consultation::{Consultation, ConsultationResponse, ConsultationVersion};
use tahawul_domain::inbox::{self, ConsultationSeen, Item, Reader, Seen};
use tahawul_domain::{AssessmentState, Id};
use tahawul_store::{Record, RecordKind, Role, WorkflowStep, prelude::*};

use super::{Access, visible};
use crate::error::{ApiError, ApiResult};

impl<S: Store> Access<S> {
    /// What needs this user on `today`, overdue first (see [`tahawul_domain::inbox`]).
    pub async fn inbox(&self, today: jiff::civil::Date) -> ApiResult<Vec<Item>> {
        let user = &self.user;
        let view = self.view().await?;
        let case = view.case.clone();
        let reader = Reader { role: user.role, party: user.party.as_deref(), factor: user.factor.as_deref() };

        // Histories only where the reader could have a step to take: a head's submissions to
        // review, a working group's returns.
        let wanted = match user.role {
            Role::DelegationHead => Some(AssessmentState::Submitted),
            Role::WorkingGroupMember => Some(AssessmentState::Returned),
            _ => None,
        };
        let assessments: HashMap<&str, &Record> = view
            .snapshot
            .records
            .iter()
            .filter(|r| r.kind == RecordKind::Assessment && visible(user, r))
            .map(|r| (r.id.as_str(), r.as_ref()))
            .collect();
        let mut histories: HashMap<Id, Arc<Vec<WorkflowStep>>> = HashMap::new();
        for a in case.assessments.iter().filter(|a| Some(a.state) == wanted) {
            if let Some(r) = assessments.get(a.id.as_str()) {
                histories.insert(a.id.clone(), self.history_at(r).await?);
            }
        }
        let owners: HashMap<&str, &str> =
            assessments.iter().filter_map(|(id, r)| Some((*id, r.owner_party.as_deref()?))).collect();

        // Consultations, their versions and answers as this reader sees them, read from the
        // snapshot the page already holds: the header counts the inbox on every page, so it
        // asks the database nothing it does not have to (a measured doubling of the pages'
        // tail under load when it did).
        let mut consultations: Vec<(Id, Vec<ConsultationVersion>, Vec<ConsultationResponse>)> = Vec::new();
        if user.role == Role::CoalitionPartner {
            let seen =
                |kind: RecordKind| view.snapshot.records.iter().filter(move |r| r.kind == kind && visible(user, r));
            for r in seen(RecordKind::Consultation) {
                let c: Consultation = super::record::parse(r)?;
                consultations.push((c.id, Vec::new(), Vec::new()));
            }
            for r in seen(RecordKind::ConsultationVersion) {
                let v: ConsultationVersion = super::record::parse(r)?;
                if let Some(c) = consultations.iter_mut().find(|c| c.0 == v.consultation) {
                    c.1.push(v);
                }
            }
            for r in seen(RecordKind::ConsultationResponse) {
                let x: ConsultationResponse = super::record::parse(r)?;
                if let Some(c) = consultations.iter_mut().find(|c| c.0 == x.consultation) {
                    c.2.push(x);
                }
            }
        }
        let seen_consultations: Vec<ConsultationSeen<'_>> =
            consultations.iter().map(|(id, v, x)| ConsultationSeen { id, versions: v, responses: x }).collect();

        // Minutes: the shared rounds that name a head for the reader's party, checked on the
        // snapshot's case when it holds no draft that the commission's shared record leaves
        // out (then it *is* that record for the round); otherwise through `minutes`, which
        // builds the shared record.
        let mut minutes = Vec::new();
        if let (Role::DelegationHead, Some(party)) = (user.role, user.party.as_deref()) {
            let snapshot = &view.snapshot;
            let draft =
                |kind: RecordKind, id: &str| snapshot.records.iter().any(|r| r.kind == kind && r.id == id && !r.shared);
            let rounds = case
                .rounds
                .iter()
                .filter(|r| r.delegations.iter().any(|d| d.party.as_str() == party && d.head.is_some()))
                .filter(|r| !draft(RecordKind::Round, r.id.as_str()));
            for r in rounds {
                let exact = !snapshot
                    .case
                    .commitments
                    .iter()
                    .any(|c| c.round == r.id && draft(RecordKind::Commitment, c.id.as_str()))
                    && !r
                        .delegations
                        .iter()
                        .filter_map(|d| d.head.as_ref())
                        .any(|h| draft(RecordKind::Person, h.as_str()));
                match snapshot.case.round(r.id.as_str()) {
                    Some(round) if exact => minutes.push(tahawul_domain::minutes::check(&snapshot.case, round)),
                    _ => match self.minutes(r.id.as_str()).await {
                        Ok(m) => minutes.push(m.check),
                        // Minutes holding a record hidden from this head are not theirs to sign yet.
                        Err(ApiError::NotFound(_)) => {}
                        Err(e) => return Err(e),
                    },
                }
            }
        }

        let history = |id: &Id| histories.get(id).map(|h| h.as_slice());
        let owner = |id: &Id| owners.get(id.as_str()).copied();
        let seen = Seen {
            case: &case,
            history: &history,
            owner: &owner,
            consultations: &seen_consultations,
            minutes: &minutes,
        };
        Ok(inbox::collect(&reader, &seen, today))
    }

    /// The workflow history of the assessment stored as `r`, from [`HISTORIES`] when read before.
    async fn history_at(&self, r: &Record) -> ApiResult<Arc<Vec<WorkflowStep>>> {
        let key = (r.id.clone(), r.version, r.updated_at.clone());
        if let Some(h) = HISTORIES.lock().unwrap_or_else(|e| e.into_inner()).get(&key) {
            return Ok(h.clone());
        }
        let h = Arc::new(self.store.assessment_history(&r.id).await?);
        let mut cache = HISTORIES.lock().unwrap_or_else(|e| e.into_inner());
        if cache.len() >= HISTORIES_KEPT {
            cache.clear();
        }
        cache.insert(key, h.clone());
        Ok(h)
    }
}

/// Workflow histories by (assessment, record version, written at). Every step writes a new
/// version of the assessment in the same transaction, so the history read at a version never
/// changes; the write time tells apart an assessment deleted and made again under its id (and
/// stores in one process). Without it a head's inbox — counted in every page's header — would
/// query the history of each submission on every page.
static HISTORIES: LazyLock<Mutex<HashMap<HistoryKey, Arc<Vec<WorkflowStep>>>>> = LazyLock::new(Default::default);

/// (assessment id, record version, written at).
type HistoryKey = (String, i64, String);

/// Past this many histories the cache starts again (a few MB at most).
const HISTORIES_KEPT: usize = 20_000;
