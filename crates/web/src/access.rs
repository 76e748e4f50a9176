//! The one access layer. Every read and write of the API goes through [`Access`], built from
//! the store and the authenticated user. Reads are filtered here (lists, gets, the case the
//! roll-ups and forecasts run on, observations, histories); writes are reachable only through
//! capability handles that exist for the roles allowed to write (lldap's pattern): a handler
//! for a coalition partner or an auditor gets `None` and has no write method to call.
//!
//! | record state | secretariat | auditor | delegation (head, member) of the owner | other delegation | working group | coalition partner |
//! |---|---|---|---|---|---|---|
//! | draft (`owner_party` set, not shared) | read | read | read | — | read if same party | — |
//! | shared | read | read | read | read | read | — |
//! | shared and releasable | read | read | read | read | read | read |

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use serde_json::Value;
use tahawul_domain::{Case, Observation, Text};
use tahawul_ledger::{AuditEntry, NewToken, VerifiedChain};
use tahawul_store::{
    EventImport, EventImportOutcome, NewUser, ObservationFilter, Problem, Record, RecordKind, RecordWrite, Role,
    Snapshot, StoreError, StoredObservation, TokenInfo, User, UserSettings, WorkflowAction, WorkflowStep, WriteSummary,
    prelude::*,
};

use crate::error::{ApiError, ApiResult, FieldProblem};

mod inbox;
mod intake;
mod record;
pub use intake::*;
pub use record::*;

/// Whether `user` may read `record`: the one visibility rule.
pub fn visible(user: &User, r: &Record) -> bool {
    // The case's own name and description are the commission's letterhead: everyone sees it.
    if r.kind == RecordKind::Case {
        return true;
    }
    match user.role {
        Role::Secretariat | Role::Auditor => true,
        Role::CoalitionPartner => r.shared && r.releasable,
        Role::DelegationHead | Role::DelegationMember | Role::WorkingGroupMember => {
            r.shared || (r.owner_party.is_some() && r.owner_party == user.party)
        }
    }
}

/// The records among `records` that `reader` may not see, by kind.
pub fn hidden_from(reader: &User, records: &[Arc<Record>]) -> HashMap<RecordKind, HashSet<String>> {
    let mut hidden: HashMap<RecordKind, HashSet<String>> = HashMap::new();
    for r in records.iter().filter(|r| !visible(reader, r)) {
        hidden.entry(r.kind).or_default().insert(r.id.clone());
    }
    hidden
}

/// `case` without the records `hidden` names, and without the observations of hidden
/// indicators: what a reader may see (pages, API) or take away (`tahawul export`).
pub fn case_without(case: &Case, hidden: &HashMap<RecordKind, HashSet<String>>) -> Case {
    let mut case = case.clone();
    let no = |k: RecordKind, id: &str| hidden.get(&k).is_some_and(|s| s.contains(id));
    case.parties.retain(|x| !no(RecordKind::Party, x.id.as_str()));
    case.people.retain(|x| !no(RecordKind::Person, x.id.as_str()));
    case.areas.retain(|x| !no(RecordKind::Area, x.id.as_str()));
    case.factors.retain(|x| !no(RecordKind::Factor, x.id.as_str()));
    case.scales.retain(|x| !no(RecordKind::Scale, x.id.as_str()));
    case.publishers.retain(|x| !no(RecordKind::Publisher, x.id.as_str()));
    case.methods.retain(|x| !no(RecordKind::Method, x.id.as_str()));
    case.indicators.retain(|x| !no(RecordKind::Indicator, &x.qualified_name()));
    case.assessments.keep(|x| !no(RecordKind::Assessment, x.id.as_str()));
    case.phases.retain(|x| !no(RecordKind::Phase, x.id.as_str()));
    case.rounds.retain(|x| !no(RecordKind::Round, x.id.as_str()));
    case.commitments.retain(|x| !no(RecordKind::Commitment, x.id.as_str()));
    case.documents.retain(|x| !no(RecordKind::Document, x.id.as_str()));
    case.scenarios.retain(|x| !no(RecordKind::Scenario, x.id.as_str()));
    // Hidden indicators by (factor, indicator), so that no observation's key is formatted.
    let indicators: HashSet<(&str, &str)> =
        hidden.get(&RecordKind::Indicator).into_iter().flatten().filter_map(|q| q.split_once('.')).collect();
    if !indicators.is_empty() {
        case.observations.keep(|o| !indicators.contains(&(o.factor.as_str(), o.indicator.as_str())));
    }
    case
}

/// The kinds a delegation may draft on its own (the rest is the case's structure, kept by the
/// secretariat).
pub const DELEGATION_KINDS: [RecordKind; 4] =
    [RecordKind::Document, RecordKind::Commitment, RecordKind::Round, RecordKind::Assessment];

/// A user's access to the store.
#[derive(Clone)]
pub struct Access<S: Store> {
    store: S,
    user: User,
    /// How many items the user's inbox held when a page opened (for its header).
    inbox_count: Option<usize>,
}

impl<S: Store> Access<S> {
    /// Access for an authenticated (and enabled) user.
    pub fn new(store: S, user: User) -> Self {
        Access { store, user, inbox_count: None }
    }

    /// The same access, remembering the count of the user's inbox for the page's header.
    pub fn with_inbox_count(self, count: Option<usize>) -> Self {
        Access { inbox_count: count, ..self }
    }

    /// The count remembered by [`Access::with_inbox_count`].
    pub fn inbox_count(&self) -> Option<usize> {
        self.inbox_count
    }

    /// Who this is.
    pub fn user(&self) -> &User {
        &self.user
    }

    /// Records of a kind this user may see.
    pub async fn list(&self, kind: RecordKind) -> ApiResult<Vec<Record>> {
        Ok(self.store.list_records(kind).await?.into_iter().filter(|r| visible(&self.user, r)).collect())
    }

    /// One record, or `NotFound` when it does not exist *or* is hidden (so existence does not leak).
    pub async fn get(&self, kind: RecordKind, id: &str) -> ApiResult<Record> {
        let r = self.store.get_record(kind, id).await?;
        if visible(&self.user, &r) { Ok(r) } else { Err(ApiError::NotFound(format!("{kind} {id}"))) }
    }

    /// Ids of each kind this user may not see, among `records`.
    fn hidden_in(&self, records: &[Arc<Record>]) -> HashMap<RecordKind, HashSet<String>> {
        hidden_from(&self.user, records)
    }

    /// Ids of each kind this user may not see.
    async fn hidden(&self) -> ApiResult<HashMap<RecordKind, HashSet<String>>> {
        if matches!(self.user.role, Role::Secretariat | Role::Auditor) {
            return Ok(HashMap::new());
        }
        Ok(self.hidden_in(&self.store.snapshot().await?.records))
    }

    /// The case as this user may see it: the records hidden from them removed, and the
    /// observations of hidden indicators with them. Roll-ups, gates, forecasts and exports run
    /// on this, so none of them can reveal a hidden record.
    ///
    /// It is cut from the store's shared snapshot once per set of hidden records: while
    /// nothing is written, every reader who sees the same records shares one copy, and a
    /// page costs one small query and a pass over the records' access fields.
    pub async fn case(&self) -> ApiResult<Arc<Case>> {
        Ok(self.view().await?.case)
    }

    /// The (dataset, release) of every event dataset import whose definition `case` (this
    /// reader's view) still holds: the figures a page or report built on that view may show,
    /// and so the citations it owes.
    pub async fn imported_sources(&self, case: &Case) -> ApiResult<Vec<(tahawul_domain::Dataset, String)>> {
        let imports = self.store.event_imports(None).await?;
        Ok(imports
            .into_iter()
            .filter_map(|i| case.import_definition(&i.definition).map(|(_, d)| (d.dataset, i.release)))
            .collect())
    }

    /// This user's view of the case at the store's current snapshot, with the values derived
    /// from it ([`CaseView::derived`]). A page that reads the case several ways takes one view
    /// and so reads one snapshot.
    pub async fn view(&self) -> ApiResult<CaseView> {
        let snapshot = self.store.snapshot().await?;
        let hidden = self.hidden_in(&snapshot.records);
        let hidden_key = hidden_key(&hidden);
        let case = snapshot.view(("case", hidden_key), |snapshot| self.cut(snapshot, &hidden))?;
        Ok(CaseView { snapshot, hidden_key, case })
    }

    /// The snapshot's case without what `hidden` names (see [`Access::case`]).
    fn cut(&self, snapshot: &Snapshot, hidden: &HashMap<RecordKind, HashSet<String>>) -> ApiResult<Case> {
        let mut case = case_without(&snapshot.case, hidden);
        // The commitments' status as it stands: the follow-up recorded since the round.
        let follow_ups: Vec<_> = snapshot
            .records
            .iter()
            .filter(|r| r.kind == RecordKind::FollowUp && visible(&self.user, r))
            .map(|r| record::parse(r))
            .collect::<ApiResult<_>>()?;
        tahawul_domain::record::apply_follow_ups(&mut case, &follow_ups);
        Ok(case)
    }

    /// Observations matching a filter whose indicator this user may see.
    pub async fn observations(&self, filter: &ObservationFilter) -> ApiResult<Vec<StoredObservation>> {
        let hidden = self.hidden().await?;
        let hidden = hidden.get(&RecordKind::Indicator).filter(|h| !h.is_empty());
        let pinned = match (&filter.factor, &filter.indicator) {
            (Some(f), Some(i)) => Some(format!("{f}.{i}")),
            _ => None,
        };
        // The database may stop at the limit when nothing it returns can be hidden: the
        // filter names one indicator (visible or not, checked here), or nothing is hidden.
        if let (Some(h), Some(id)) = (hidden, &pinned) {
            if h.contains(id) {
                return Ok(vec![]);
            }
        }
        if hidden.is_none() || pinned.is_some() {
            return Ok(self.store.list_observations(filter).await?);
        }
        let mut rows: Vec<StoredObservation> = self
            .store
            .list_observations(&ObservationFilter { limit: None, ..filter.clone() })
            .await?
            .into_iter()
            .filter(|o| {
                hidden.is_none_or(|h| !h.contains(&format!("{}.{}", o.observation.factor, o.observation.indicator)))
            })
            .collect();
        rows.truncate(filter.limit.map_or(usize::MAX, |n| usize::try_from(n).unwrap_or(usize::MAX)));
        Ok(rows)
    }

    /// The workflow steps of an assessment this user may see.
    pub async fn history(&self, id: &str) -> ApiResult<Vec<WorkflowStep>> {
        self.get(RecordKind::Assessment, id).await?;
        Ok(self.store.assessment_history(id).await?)
    }

    /// Writes of case records, for the roles that write any; `None` for partners and auditors.
    pub fn record_writer(&self) -> Option<RecordWriter<'_, S>> {
        let scope = match (self.user.role, &self.user.party, &self.user.factor) {
            (Role::Secretariat, _, _) => Scope::Commission,
            (Role::DelegationHead, Some(p), _) => Scope::Delegation { party: p.clone(), head: true },
            (Role::DelegationMember, Some(p), _) => Scope::Delegation { party: p.clone(), head: false },
            (Role::WorkingGroupMember, party, Some(f)) => {
                Scope::WorkingGroup { factor: f.clone(), party: party.clone() }
            }
            _ => return None,
        };
        Some(RecordWriter { access: self, scope })
    }

    /// Observation writes: the secretariat (any factor) and working groups (their factor).
    pub fn observation_writer(&self) -> Option<ObservationWriter<'_, S>> {
        match (self.user.role, &self.user.factor) {
            (Role::Secretariat, _) => Some(ObservationWriter { access: self, factor: None }),
            (Role::WorkingGroupMember, Some(f)) => Some(ObservationWriter { access: self, factor: Some(f.clone()) }),
            _ => None,
        }
    }

    /// Endorsing and returning assessments: delegation heads, for their party.
    pub fn endorser(&self) -> Option<Endorser<'_, S>> {
        match (self.user.role, &self.user.party) {
            (Role::DelegationHead, Some(p)) => Some(Endorser { access: self, party: p.clone() }),
            _ => None,
        }
    }

    /// Managing users: the secretariat.
    pub fn user_admin(&self) -> Option<UserAdmin<'_, S>> {
        (self.user.role == Role::Secretariat).then_some(UserAdmin { access: self })
    }

    /// Reading the user list: the secretariat and auditors.
    pub fn user_reader(&self) -> Option<UserReader<'_, S>> {
        matches!(self.user.role, Role::Secretariat | Role::Auditor).then_some(UserReader { access: self })
    }

    /// Reading the audit log: auditors and the secretariat (who see every record anyway).
    pub fn audit_reader(&self) -> Option<AuditReader<'_, S>> {
        matches!(self.user.role, Role::Secretariat | Role::Auditor).then_some(AuditReader { access: self })
    }

    /// Checking the audit log's history: its signed tree head and consistency proofs. They
    /// carry hashes, never a record, so each delegation (heads and members), the auditors and
    /// the secretariat may keep checkpoints; partners and working groups answer for no party.
    pub fn log_checker(&self) -> Option<LogChecker<'_, S>> {
        matches!(self.user.role, Role::Secretariat | Role::Auditor | Role::DelegationHead | Role::DelegationMember)
            .then_some(LogChecker { access: self })
    }

    /// One's own API tokens: every user (account upkeep, not case data).
    pub fn own_tokens(&self) -> OwnTokens<'_, S> {
        OwnTokens { access: self }
    }

    /// Changes one's own password, giving the current one: every user with a local password,
    /// for themselves only. The account's sessions end (the caller signs its own in again).
    pub async fn change_own_password(&self, current: &str, new: &str) -> ApiResult<User> {
        Ok(self.store.change_password(&self.user.name, current, new).await?)
    }

    /// Sets one's own settings (language, digits): every user, for themselves only.
    pub async fn set_own_settings(&self, settings: &UserSettings) -> ApiResult<User> {
        let me = &self.user.name;
        Ok(self.store.set_user_settings(me, settings, me).await?)
    }
}

/// On whose behalf records are written.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Scope {
    /// The secretariat: any record, any flags.
    Commission,
    /// A delegation: its own drafts of the kinds in [`DELEGATION_KINDS`]; the head may share.
    Delegation { party: String, head: bool },
    /// A working group: assessments of its factor.
    WorkingGroup { factor: String, party: Option<String> },
}

/// A record to create or replace, as the API receives it.
#[derive(Debug, Clone)]
pub struct RecordInput {
    /// The domain value.
    pub body: Value,
    /// Share beyond the owning delegation (`None`: keep, or the default on create).
    pub shared: Option<bool>,
    /// Release to coalition partners (`None`: keep, or `false` on create).
    pub releasable: Option<bool>,
}

fn body_factor(body: &Value) -> Option<&str> {
    body.get("factor").and_then(Value::as_str)
}

/// Record writes within a scope.
pub struct RecordWriter<'a, S: Store> {
    access: &'a Access<S>,
    scope: Scope,
}

impl<S: Store> RecordWriter<'_, S> {
    fn actor(&self) -> &str {
        &self.access.user.name
    }

    /// Whether this scope may create records of `kind` (so that a page offers only the forms
    /// whose post [`RecordWriter::create`] would accept).
    pub fn creates(&self, kind: RecordKind) -> bool {
        match &self.scope {
            Scope::Commission => true,
            Scope::Delegation { .. } => DELEGATION_KINDS.contains(&kind),
            Scope::WorkingGroup { .. } => kind == RecordKind::Assessment,
        }
    }

    /// Whether this scope may share what it creates beyond its delegation (the secretariat's
    /// records are the commission's; a head shares the delegation's; members and working
    /// groups may not).
    pub fn shares(&self) -> bool {
        match &self.scope {
            Scope::Commission => true,
            Scope::Delegation { head, .. } => *head,
            Scope::WorkingGroup { .. } => false,
        }
    }

    /// Creates a record; owner and flags follow the writer's scope.
    pub async fn create(&self, kind: RecordKind, id: &str, input: RecordInput) -> ApiResult<Record> {
        if !self.creates(kind) {
            return Err(ApiError::Forbidden);
        }
        let (owner_party, shared, releasable) = match &self.scope {
            Scope::Commission => (None, input.shared.unwrap_or(true), input.releasable.unwrap_or(false)),
            Scope::Delegation { party, head } => {
                if input.releasable == Some(true) || (input.shared == Some(true) && !head) {
                    return Err(ApiError::Forbidden);
                }
                (Some(party.clone()), input.shared.unwrap_or(false), false)
            }
            Scope::WorkingGroup { factor, party } => {
                if input.releasable == Some(true) || input.shared == Some(true) {
                    return Err(ApiError::Forbidden);
                }
                if body_factor(&input.body) != Some(factor.as_str()) {
                    return Err(ApiError::Forbidden);
                }
                // Without a party the working group writes for the commission as a whole.
                (party.clone(), party.is_none(), false)
            }
        };
        let write = RecordWrite { kind, id: id.to_string(), body: input.body, owner_party, shared, releasable };
        match self.access.store.put_record(write, None, self.actor()).await {
            Ok(r) => Ok(r),
            // The id is taken by a record this user cannot see (another delegation's draft):
            // ids are one namespace, so that it is taken cannot be hidden, but its version must
            // not be told (found by the generated access matrix in tests/).
            Err(StoreError::Conflict { .. }) if self.access.get(kind, id).await.is_err() => {
                Err(ApiError::Conflict { current_version: None })
            }
            Err(e) => Err(e.into()),
        }
    }

    /// The current record, if this scope may change it (hidden → `NotFound`, visible but not
    /// ours → `Forbidden`).
    async fn writable(&self, kind: RecordKind, id: &str) -> ApiResult<Record> {
        let current = self.access.get(kind, id).await?;
        let ok = match &self.scope {
            Scope::Commission => true,
            Scope::Delegation { party, .. } => {
                DELEGATION_KINDS.contains(&kind) && current.owner_party.as_deref() == Some(party.as_str())
            }
            Scope::WorkingGroup { factor, party } => {
                kind == RecordKind::Assessment
                    && body_factor(&current.body) == Some(factor.as_str())
                    && current.owner_party == *party
            }
        };
        if ok { Ok(current) } else { Err(ApiError::Forbidden) }
    }

    /// Replaces a record read at `version`; stale → `Conflict`, nothing changed.
    pub async fn update(&self, kind: RecordKind, id: &str, version: i64, input: RecordInput) -> ApiResult<Record> {
        let current = self.writable(kind, id).await?;
        let shared = input.shared.unwrap_or(current.shared);
        let releasable = input.releasable.unwrap_or(current.releasable);
        match &self.scope {
            Scope::Commission => {}
            Scope::Delegation { head, .. } => {
                if releasable != current.releasable || (shared != current.shared && !head) {
                    return Err(ApiError::Forbidden);
                }
            }
            Scope::WorkingGroup { factor, .. } => {
                if releasable != current.releasable
                    || shared != current.shared
                    || body_factor(&input.body) != Some(factor.as_str())
                {
                    return Err(ApiError::Forbidden);
                }
            }
        }
        let write = RecordWrite {
            kind,
            id: id.to_string(),
            body: input.body,
            owner_party: current.owner_party,
            shared,
            releasable,
        };
        Ok(self.access.store.put_record(write, Some(version), self.actor()).await?)
    }

    /// Deletes a record read at `version`. Outside the secretariat, only unshared drafts.
    pub async fn delete(&self, kind: RecordKind, id: &str, version: i64) -> ApiResult<()> {
        let current = self.writable(kind, id).await?;
        if self.scope != Scope::Commission && current.shared {
            return Err(ApiError::Forbidden);
        }
        Ok(self.access.store.delete_record(kind, id, version, self.actor()).await?)
    }

    /// Submits an assessment to the heads; the store shares an unshared draft with the same
    /// step, since both delegations' heads must read what they endorse.
    pub async fn submit(&self, id: &str, version: i64) -> ApiResult<Record> {
        let current = self.writable(RecordKind::Assessment, id).await?;
        if current.version != version {
            return Err(ApiError::Conflict { current_version: Some(current.version) });
        }
        // The store shares the draft in the same transaction as the step.
        Ok(self.access.store.assessment_step(id, WorkflowAction::Submit, version, self.actor()).await?)
    }
}

/// Observation writes, limited to a factor for working groups.
pub struct ObservationWriter<'a, S: Store> {
    access: &'a Access<S>,
    factor: Option<String>,
}

impl<S: Store> ObservationWriter<'_, S> {
    /// Whether this writer may write figures of `factor` (a working group only its own), so
    /// that a page offers only the forms whose post it would accept.
    pub fn writes_factor(&self, factor: &str) -> bool {
        self.factor.as_deref().is_none_or(|f| f == factor)
    }

    fn check_factor(&self, observations: &[Observation]) -> ApiResult<()> {
        let Some(f) = &self.factor else { return Ok(()) };
        let wrong: Vec<FieldProblem> = observations
            .iter()
            .enumerate()
            .filter(|(_, o)| o.factor.as_str() != f)
            .map(|(i, _)| {
                FieldProblem::raw(
                    format!("/observations/{i}/factor"),
                    format!("your working group writes only factor {f}"),
                )
            })
            .collect();
        if wrong.is_empty() { Ok(()) } else { Err(ApiError::Forbidden) }
    }

    /// Working groups may not write figures of an indicator they cannot see (another
    /// delegation's draft indicator of their factor). Such rows are answered exactly as the
    /// store answers an indicator that does not exist, so the answer neither writes to a hidden
    /// record nor tells that it exists (found by the generated access matrix in tests/).
    async fn check_visible(&self, observations: &[Observation]) -> ApiResult<()> {
        if self.factor.is_none() {
            return Ok(());
        }
        let hidden = self.access.hidden().await?;
        let Some(hidden) = hidden.get(&RecordKind::Indicator) else {
            return Ok(());
        };
        let problems: Vec<Problem> = observations
            .iter()
            .enumerate()
            .filter(|(_, o)| hidden.contains(&format!("{}.{}", o.factor, o.indicator)))
            .map(|(i, o)| {
                Problem::new(
                    format!("row {}", i + 1),
                    tahawul_i18n::Message::new("store-unknown-indicator")
                        .arg("indicator", format!("{}.{}", o.factor, o.indicator)),
                )
            })
            .collect();
        if problems.is_empty() { Ok(()) } else { Err(StoreError::Invalid(problems).into()) }
    }

    /// Imports an event dataset export (`input`, named `file` in problems) by the import
    /// definition `id`, all or nothing. The definition's indicator must be visible to the
    /// writer (a hidden one is answered as a missing one) and of the working group's factor.
    /// The file is read on a blocking thread as it arrives; every bad row is in the error.
    pub async fn import_events<R: std::io::Read + Send + 'static>(
        &self,
        id: &str,
        release: &str,
        older: bool,
        file: &str,
        input: R,
    ) -> ApiResult<EventImportOutcome> {
        let case = self.access.case().await?;
        let (indicator, def) =
            case.import_definition(id).ok_or_else(|| ApiError::NotFound(format!("import definition {id}")))?;
        if !self.writes_factor(indicator.factor.as_str()) {
            return Err(ApiError::Forbidden);
        }
        let places = tahawul_events::places_of(&case.areas).map_err(ApiError::Rejected)?;
        let (indicator, def) = (indicator.clone(), def.clone());
        let (name, read_def) = (file.to_string(), def.clone());
        let counted =
            tokio::task::spawn_blocking(move || tahawul_events::import(&name, input, &read_def, &places, |_| {}))
                .await
                .map_err(|e| ApiError::from(StoreError::Corrupt(format!("the import stopped: {e}"))))?
                .map_err(ApiError::Rejected)?;
        let today = jiff::Zoned::now().date();
        let import = EventImport {
            definition: def.clone(),
            release: release.to_string(),
            older,
            file_digest: counted.digest.clone(),
            rows: counted.rows,
            counted: counted.counted,
            figures: counted
                .observations(&indicator, &def, release, today)
                .into_iter()
                .map(|(o, source)| (o, source.events))
                .collect(),
        };
        Ok(self.access.store.import_events(&import, &self.access.user.name).await?)
    }

    /// Inserts a batch, all or nothing.
    pub async fn insert(&self, observations: &[Observation]) -> ApiResult<WriteSummary> {
        self.check_factor(observations)?;
        self.check_visible(observations).await?;
        Ok(self.access.store.insert_observations(observations, &self.access.user.name).await?)
    }

    /// Imports CSV text, all or nothing; every bad row with its line.
    pub async fn import_csv(&self, file_name: &str, text: &str) -> ApiResult<WriteSummary> {
        match &self.factor {
            None => Ok(self.access.store.import_observations_csv(file_name, text, &self.access.user.name).await?),
            Some(_) => Ok(self.record_csv(file_name, text).await?.0),
        }
    }

    /// Reads CSV text and inserts it, all or nothing, giving back the figures written (a page
    /// shows them). It parses against the case first so that the factor is checked before
    /// anything is written; against the case *as this user sees it*, so that a hidden
    /// indicator gets the same line-by-line answer as a missing one.
    pub async fn record_csv(&self, file_name: &str, text: &str) -> ApiResult<(WriteSummary, Vec<Observation>)> {
        let case = self.access.case().await?;
        let rows = tahawul_domain::bundle::read_observations_csv(file_name, text, &case).map_err(ApiError::Rejected)?;
        let summary = self.insert(&rows).await?;
        Ok((summary, rows))
    }
}

/// A delegation head's workflow steps.
pub struct Endorser<'a, S: Store> {
    access: &'a Access<S>,
    party: String,
}

impl<S: Store> Endorser<'_, S> {
    /// Endorses for the head's party.
    pub async fn endorse(&self, id: &str, version: i64) -> ApiResult<Record> {
        self.access.get(RecordKind::Assessment, id).await?;
        Ok(self
            .access
            .store
            .assessment_step(id, WorkflowAction::Endorse { party: self.party.clone() }, version, &self.access.user.name)
            .await?)
    }

    /// Returns it to the working group with reasons.
    pub async fn return_with(&self, id: &str, version: i64, reasons: Text) -> ApiResult<Record> {
        self.access.get(RecordKind::Assessment, id).await?;
        Ok(self
            .access
            .store
            .assessment_step(
                id,
                WorkflowAction::Return { party: self.party.clone(), reasons },
                version,
                &self.access.user.name,
            )
            .await?)
    }
}

/// The secretariat's user management.
pub struct UserAdmin<'a, S: Store> {
    access: &'a Access<S>,
}

impl<S: Store> UserAdmin<'_, S> {
    /// Creates a user.
    pub async fn create(&self, user: NewUser) -> ApiResult<User> {
        Ok(self.access.store.create_user(user, &self.access.user.name).await?)
    }
    /// Disables a user (never oneself: the store applies the domain's rule).
    pub async fn disable(&self, name: &str) -> ApiResult<User> {
        Ok(self.access.store.disable_user(name, &self.access.user.name).await?)
    }
    /// Enables a disabled user again.
    pub async fn enable(&self, name: &str) -> ApiResult<User> {
        Ok(self.access.store.enable_user(name, &self.access.user.name).await?)
    }
    /// Sets a temporary password that must be changed at the next sign-in (not for a
    /// directory account, nor for oneself).
    pub async fn reset_password(&self, name: &str, temporary: &str) -> ApiResult<User> {
        Ok(self.access.store.reset_password(name, temporary, &self.access.user.name).await?)
    }
    /// Every user's API tokens (never their secrets), in one read.
    pub async fn tokens(&self) -> ApiResult<Vec<TokenInfo>> {
        Ok(self.access.store.list_tokens(None).await?)
    }
    /// Revokes any user's token (a lost laptop, a departed member).
    pub async fn revoke_token(&self, prefix: &str) -> ApiResult<()> {
        Ok(self.access.store.revoke_token(prefix, &self.access.user.name).await?)
    }
}

/// Reading users.
pub struct UserReader<'a, S: Store> {
    access: &'a Access<S>,
}

impl<S: Store> UserReader<'_, S> {
    /// All users.
    pub async fn list(&self) -> ApiResult<Vec<User>> {
        Ok(self.access.store.list_users().await?)
    }
}

/// Reading the audit log.
pub struct AuditReader<'a, S: Store> {
    access: &'a Access<S>,
}

impl<S: Store> AuditReader<'_, S> {
    /// Entries after `after`, at most `limit`.
    pub async fn entries(&self, after: u64, limit: u64) -> ApiResult<Vec<AuditEntry>> {
        Ok(self.access.store.audit_entries(after, limit).await?)
    }
    /// Verifies the chain: `Ok(Err(break))` when it does not verify, saying where.
    pub async fn verify(&self) -> ApiResult<Result<VerifiedChain, tahawul_ledger::ChainBreak>> {
        match self.access.store.verify_audit().await {
            Ok(v) => Ok(Ok(v)),
            Err(tahawul_store::StoreError::AuditBroken(b)) => Ok(Err(b)),
            Err(e) => Err(e.into()),
        }
    }
}

/// The audit log's tree head and consistency proofs (see [`Access::log_checker`]).
pub struct LogChecker<'a, S: Store> {
    access: &'a Access<S>,
}

impl<S: Store> LogChecker<'_, S> {
    /// The current tree head.
    pub async fn head(&self) -> ApiResult<tahawul_store::TreeHead> {
        Ok(self.access.store.audit_tree_head().await?)
    }
    /// The consistency proof from size `from` to size `to`.
    pub async fn consistency(&self, from: u64, to: u64) -> ApiResult<Vec<tahawul_ledger::merkle::Hash>> {
        Ok(self.access.store.audit_consistency(from, to).await?)
    }
}

/// One user's view of the case at one snapshot (see [`Access::view`]).
pub struct CaseView {
    snapshot: Arc<Snapshot>,
    hidden_key: u64,
    case: Arc<Case>,
}

impl CaseView {
    /// The case as this user may see it.
    pub fn case(&self) -> &Arc<Case> {
        &self.case
    }

    /// The audit seq of the snapshot: later views have higher ones.
    pub fn seq(&self) -> u64 {
        self.snapshot.seq
    }

    /// A value computed from this view, made once per snapshot and shared by every reader who
    /// sees the same records: `what` names the computation and `input` the rest of what it
    /// reads (a date, say). Status tables, gate reports and forecast fingerprints are read far
    /// more often than the case changes.
    pub fn derived<T: Send + Sync + 'static>(
        &self,
        what: &'static str,
        input: impl std::hash::Hash,
        make: impl FnOnce(&Case) -> T,
    ) -> Arc<T> {
        let made = self.snapshot.view((what, keyed_hash(&(self.hidden_key, input))), |_| {
            Ok::<_, std::convert::Infallible>(make(&self.case))
        });
        match made {
            Ok(v) => v,
            Err(never) => match never {},
        }
    }
}

/// A user's own API tokens.
pub struct OwnTokens<'a, S: Store> {
    access: &'a Access<S>,
}

impl<S: Store> OwnTokens<'_, S> {
    /// Makes a token; its text is returned once.
    pub async fn create(&self, label: &str) -> ApiResult<(TokenInfo, NewToken)> {
        let me = &self.access.user.name;
        Ok(self.access.store.create_token(me, label, me).await?)
    }
    /// Lists them (never the secrets).
    pub async fn list(&self) -> ApiResult<Vec<TokenInfo>> {
        Ok(self.access.store.list_tokens(Some(&self.access.user.name)).await?)
    }
    /// Revokes one of one's own tokens.
    pub async fn revoke(&self, prefix: &str) -> ApiResult<()> {
        let me = &self.access.user.name;
        if !self.list().await?.iter().any(|t| t.prefix == prefix) {
            return Err(ApiError::NotFound(format!("token {prefix}")));
        }
        Ok(self.access.store.revoke_token(prefix, me).await?)
    }
}

/// Names a set of hidden records: readers with equal sets see the same case. Keyed SipHash
/// over the sorted set, so nobody who can write records can steer two sets onto one key.
fn hidden_key(hidden: &HashMap<RecordKind, HashSet<String>>) -> u64 {
    let mut ids: Vec<(&str, &str)> =
        hidden.iter().flat_map(|(k, ids)| ids.iter().map(move |id| (k.as_str(), id.as_str()))).collect();
    ids.sort_unstable();
    keyed_hash(&ids)
}

/// SipHash with a key drawn at start: someone who writes records cannot steer two readers'
/// views onto one key.
fn keyed_hash(value: &impl std::hash::Hash) -> u64 {
    use std::hash::BuildHasher;
    static KEYS: std::sync::LazyLock<std::collections::hash_map::RandomState> =
        std::sync::LazyLock::new(Default::default);
    KEYS.hash_one(value)
}
