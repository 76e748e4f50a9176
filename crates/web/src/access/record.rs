//! Access to the dialogue's record (issue 6): minutes and their signatures, joint statement
//! versions, consultation of coalition partners, commitment follow-up, decision links.
//!
//! | what | reads | writes |
//! |---|---|---|
//! | canonical minutes of a round | whoever sees the round and every commitment in them | a delegation head adds their own signature |
//! | statement versions (shared, never releasable) | secretariat, auditor, delegations, working groups | secretariat, heads and members (a new version each time) |
//! | consultation and its versions | the commission; partners only released versions | secretariat (edit the draft, release) |
//! | partners' answers (shared, releasable) | everyone who sees the consultation | coalition partners, on a released version |
//! | commitment follow-up | as the commitment | secretariat, or a delegation of one of the commitment's parties |
//! | decision links | as the round | secretariat |
//!
//! A partner never sees a draft: versions are records of their own, releasable only once
//! released, so the one [`visible`] rule hides drafts from every route, generic or not.

use tahawul_domain::consultation::{
    self, Consultation, ConsultationResponse, ConsultationVersion, Position, Release, Summary,
};
use tahawul_domain::minutes::{self, MinutesCheck, PublicKey, Signature};
use tahawul_domain::record::{self, DecisionLink, FollowUp, StatementVersion};
use tahawul_domain::{CommitmentStatus, Id, Lang, Round};
use tahawul_i18n::{Localizer, Message};

use super::*;

/// A round's canonical minutes as the commission's shared record gives them.
#[derive(Debug, Clone)]
pub struct MinutesView {
    /// The round (as stored, with its signatures).
    pub round: Round,
    /// The canonical bytes every head signs.
    pub bytes: Vec<u8>,
    /// blake3 of the bytes (hex).
    pub digest: String,
    /// Each part's fingerprint, `label=hex`.
    pub parts: Vec<String>,
    /// The check of every signature.
    pub check: MinutesCheck,
    /// The case the minutes were computed on (for the PDF of the same minutes).
    pub case: Arc<Case>,
}

/// A consultation as one user may see it.
#[derive(Debug, Clone)]
pub struct ConsultationView {
    /// The subject.
    pub consultation: Consultation,
    /// The versions this user may see, oldest first (partners: released ones only).
    pub versions: Vec<(ConsultationVersion, i64)>,
    /// The answers this user may see, oldest first.
    pub responses: Vec<ConsultationResponse>,
    /// For the commission: the summary of the newest released version.
    pub summary: Option<Summary>,
    /// The stored record's version (for edits).
    pub record_version: i64,
}

pub(super) fn parse<T: serde::de::DeserializeOwned>(r: &Record) -> ApiResult<T> {
    serde_json::from_value(r.body.clone())
        .map_err(|e| ApiError::Internal(format!("stored {} {} does not read: {e}", r.kind, r.id)))
}

fn problem(pointer: &str, m: Message) -> ApiError {
    ApiError::Invalid(vec![FieldProblem::msg(pointer, m)])
}

fn to_json<T: serde::Serialize>(v: &T) -> ApiResult<Value> {
    serde_json::to_value(v).map_err(|e| ApiError::Internal(e.to_string()))
}

impl<S: Store> Access<S> {
    /// The commission's shared record: the case without any delegation's unshared draft. The
    /// canonical minutes are computed on it, so both heads sign the same bytes whatever their
    /// own delegation's drafts.
    pub async fn commission_case(&self) -> ApiResult<Arc<Case>> {
        let snapshot = self.store.snapshot().await?;
        snapshot.view(("commission", 0), |snapshot| {
            let drafts = |kind: RecordKind| -> HashSet<&str> {
                snapshot.records.iter().filter(|r| r.kind == kind && !r.shared).map(|r| r.id.as_str()).collect()
            };
            let (c, r, p) = (drafts(RecordKind::Commitment), drafts(RecordKind::Round), drafts(RecordKind::Person));
            let mut case = snapshot.case.clone();
            case.commitments.retain(|x| !c.contains(x.id.as_str()));
            case.rounds.retain(|x| !r.contains(x.id.as_str()));
            case.people.retain(|x| !p.contains(x.id.as_str()));
            Ok(case)
        })
    }

    /// The case a round's minutes are computed on: the commission's shared record, or, for a
    /// round still a delegation's draft (not shared, so not yet signable by both heads), the
    /// record as this user sees it.
    async fn minutes_case(&self, round: &Record) -> ApiResult<Arc<Case>> {
        if round.shared { self.commission_case().await } else { self.case().await }
    }

    /// The follow-ups of commitments this user may see.
    pub async fn follow_ups(&self) -> ApiResult<Vec<FollowUp>> {
        self.list(RecordKind::FollowUp).await?.iter().map(parse).collect()
    }

    /// The minutes of a round: `NotFound` unless this user sees the round and every
    /// commitment the minutes hold (so the bytes never carry a hidden record).
    pub async fn minutes(&self, round: &str) -> ApiResult<MinutesView> {
        let stored = self.get(RecordKind::Round, round).await?;
        let case = self.minutes_case(&stored).await?;
        let r = case.round(round).cloned().ok_or_else(|| ApiError::NotFound(format!("round {round}")))?;
        let visible_commitments: HashSet<String> =
            self.list(RecordKind::Commitment).await?.into_iter().map(|r| r.id).collect();
        if case.commitments.iter().any(|c| c.round == r.id && !visible_commitments.contains(c.id.as_str())) {
            return Err(ApiError::NotFound(format!("minutes of round {round}")));
        }
        Ok(MinutesView {
            bytes: minutes::canonical(&case, &r),
            digest: minutes::digest(&case, &r),
            parts: minutes::fingerprints(&case, &r),
            check: minutes::check(&case, &r),
            round: r,
            case,
        })
    }

    /// Adding one's signature to minutes: delegation heads, for their party's head.
    pub fn minutes_signer(&self) -> Option<MinutesSigner<'_, S>> {
        match (self.user.role, &self.user.party) {
            (Role::DelegationHead, Some(_)) => Some(MinutesSigner { access: self }),
            _ => None,
        }
    }

    /// A round's statement versions this user may see, oldest first, with their stored
    /// versions.
    pub async fn statement_versions(&self, round: &str) -> ApiResult<Vec<StatementVersion>> {
        self.get(RecordKind::Round, round).await?;
        let mut out: Vec<StatementVersion> = self
            .list(RecordKind::StatementVersion)
            .await?
            .iter()
            .map(parse::<StatementVersion>)
            .collect::<ApiResult<_>>()?;
        out.retain(|v| v.round.as_str() == round);
        out.sort_by_key(|v| v.number);
        Ok(out)
    }

    /// Writing statement versions: the secretariat and the delegations' heads and members.
    pub fn statement_writer(&self) -> Option<StatementWriter<'_, S>> {
        matches!(self.user.role, Role::Secretariat | Role::DelegationHead | Role::DelegationMember)
            .then_some(StatementWriter { access: self })
    }

    /// The consultations this user may see.
    pub async fn consultations(&self) -> ApiResult<Vec<ConsultationView>> {
        let mut out = Vec::new();
        for r in self.list(RecordKind::Consultation).await? {
            out.push(self.consultation_of(&r).await?);
        }
        Ok(out)
    }

    /// One consultation (hidden and missing are both `NotFound`).
    pub async fn consultation(&self, id: &str) -> ApiResult<ConsultationView> {
        let r = self.get(RecordKind::Consultation, id).await?;
        self.consultation_of(&r).await
    }

    async fn consultation_of(&self, r: &Record) -> ApiResult<ConsultationView> {
        let c: Consultation = parse(r)?;
        let mut versions: Vec<(ConsultationVersion, i64)> = Vec::new();
        for v in self.list(RecordKind::ConsultationVersion).await? {
            let body: ConsultationVersion = parse(&v)?;
            if body.consultation == c.id {
                versions.push((body, v.version));
            }
        }
        versions.sort_by_key(|(v, _)| v.number);
        let mut responses: Vec<ConsultationResponse> = Vec::new();
        for x in self.list(RecordKind::ConsultationResponse).await? {
            let body: ConsultationResponse = parse(&x)?;
            // Only answers to versions this user sees (answers are only ever to released ones).
            if body.consultation == c.id && versions.iter().any(|(v, _)| v.number == body.version) {
                responses.push(body);
            }
        }
        responses.sort_by_key(|x| x.at);
        let summary = (self.user.role != Role::CoalitionPartner)
            .then(|| {
                versions
                    .iter()
                    .rev()
                    .find(|(v, _)| v.released.is_some())
                    .map(|(v, _)| consultation::summarize(v.number, &responses))
            })
            .flatten();
        Ok(ConsultationView { consultation: c, versions, responses, summary, record_version: r.version })
    }

    /// Editing and releasing consultations: the secretariat.
    pub fn consultation_admin(&self) -> Option<ConsultationAdmin<'_, S>> {
        (self.user.role == Role::Secretariat).then_some(ConsultationAdmin { access: self })
    }

    /// Answering released consultations: coalition partners.
    pub fn consultation_responder(&self) -> Option<ConsultationResponder<'_, S>> {
        (self.user.role == Role::CoalitionPartner).then_some(ConsultationResponder { access: self })
    }

    /// A commitment's follow-up (`None` when its status never changed here).
    pub async fn follow_up(&self, commitment: &str) -> ApiResult<Option<FollowUp>> {
        self.get(RecordKind::Commitment, commitment).await?;
        match self.store.get_record(RecordKind::FollowUp, commitment).await {
            Ok(r) if visible(&self.user, &r) => Ok(Some(parse(&r)?)),
            Ok(_) | Err(StoreError::NotFound(_)) => Ok(None),
            Err(e) => Err(e.into()),
        }
    }

    /// Changing commitments' status: the secretariat and delegations (heads and members).
    pub fn follow_up_writer(&self) -> Option<FollowUpWriter<'_, S>> {
        match (self.user.role, &self.user.party) {
            (Role::Secretariat, _) => Some(FollowUpWriter { access: self, party: None }),
            (Role::DelegationHead | Role::DelegationMember, Some(p)) => {
                Some(FollowUpWriter { access: self, party: Some(p.clone()) })
            }
            _ => None,
        }
    }

    /// The explicit decision links this user may see.
    pub async fn decision_links(&self) -> ApiResult<Vec<DecisionLink>> {
        self.list(RecordKind::DecisionLink).await?.iter().map(parse).collect()
    }

    /// Linking decisions: the secretariat.
    pub fn decision_linker(&self) -> Option<DecisionLinker<'_, S>> {
        (self.user.role == Role::Secretariat).then_some(DecisionLinker { access: self })
    }

    async fn create_kept(&self, kind: RecordKind, id: &str, body: Value, releasable: bool) -> ApiResult<Record> {
        let write = RecordWrite { kind, id: id.to_string(), body, owner_party: None, shared: true, releasable };
        Ok(self.store.put_record(write, None, &self.user.name).await?)
    }
}

/// A delegation head's signature on minutes.
pub struct MinutesSigner<'a, S: Store> {
    access: &'a Access<S>,
}

impl<S: Store> MinutesSigner<'_, S> {
    /// Hands the signature to the store, which verifies it with the head's current key over
    /// the commission's minutes and keeps it (the only write that adds a signature); refusals
    /// are localized problems (422) and change nothing.
    pub async fn sign(&self, round: &str, key: &str, signature: &str) -> ApiResult<MinutesView> {
        // Visibility first, so a hidden round answers 404 whatever the body.
        self.access.minutes(round).await?;
        let key = PublicKey::parse(key.trim()).map_err(|_| problem("/key", Message::new("record-api-key-form")))?;
        let signature = Signature::parse(signature.trim())
            .map_err(|_| problem("/signature", Message::new("record-api-signature-form")))?;
        self.access.store.sign_minutes(round, &self.access.user.name, key, signature).await?;
        self.access.minutes(round).await
    }
}

/// Writing statement versions.
pub struct StatementWriter<'a, S: Store> {
    access: &'a Access<S>,
}

impl<S: Store> StatementWriter<'_, S> {
    fn party(&self) -> Option<String> {
        match self.access.user.role {
            Role::Secretariat => None,
            _ => self.access.user.party.clone(),
        }
    }

    /// Version 1: the draft from the round's decisions and commitments, in both languages.
    /// A round that already has a statement is a conflict.
    pub async fn draft(&self, round: &str) -> ApiResult<StatementVersion> {
        if !self.access.statement_versions(round).await?.is_empty() {
            return Err(ApiError::Conflict { current_version: None });
        }
        let case = self.access.commission_case().await?;
        let r = case.round(round).ok_or_else(|| ApiError::NotFound(format!("round {round}")))?;
        let text = |lang| -> ApiResult<String> {
            let loc = Localizer::new(lang).map_err(|e| ApiError::Internal(e.to_string()))?;
            Ok(tahawul_domain::statement::draft(&case, r, &loc).to_text())
        };
        let v = StatementVersion {
            id: id_of(&record::statement_version_id(round, 1))?,
            round: r.id.clone(),
            number: 1,
            text: Text::new(text(Lang::En)?, text(Lang::Ar)?),
            changed: None,
            author: self.access.user.name.clone(),
            party: self.party(),
            at: jiff::Timestamp::now(),
        };
        self.access.create_kept(RecordKind::StatementVersion, v.id.as_str(), to_json(&v)?, false).await?;
        Ok(v)
    }

    /// A new version changing one language's text of the newest one, which must be
    /// `based_on` (else `Conflict`, nothing written: someone edited in between).
    pub async fn edit(&self, round: &str, lang: Lang, text: &str, based_on: u32) -> ApiResult<StatementVersion> {
        record::check_statement_text(text).map_err(statement_problem)?;
        let versions = self.access.statement_versions(round).await?;
        let latest = versions.last();
        let (n, new_text) = record::next_statement(latest, lang, text, based_on).map_err(statement_problem)?;
        let Some(latest) = latest else {
            return Err(statement_problem(record::StatementEdit::NoStatement));
        };
        let v = StatementVersion {
            id: id_of(&record::statement_version_id(round, n))?,
            round: latest.round.clone(),
            number: n,
            text: new_text,
            changed: Some(lang),
            author: self.access.user.name.clone(),
            party: self.party(),
            at: jiff::Timestamp::now(),
        };
        self.access.create_kept(RecordKind::StatementVersion, v.id.as_str(), to_json(&v)?, false).await?;
        Ok(v)
    }
}

/// A refused statement edit: a stale one is a conflict (the client reads the newest again),
/// the others are the field's fault.
fn statement_problem(e: record::StatementEdit) -> ApiError {
    match e {
        record::StatementEdit::Stale { newest } => ApiError::Conflict { current_version: Some(i64::from(newest)) },
        e => problem(e.pointer(), e.message()),
    }
}

fn id_of(s: &str) -> ApiResult<Id> {
    Id::parse(s).ok_or_else(|| problem("/id", Message::new("record-api-bad-id").arg("id", s)))
}

/// The secretariat's consultation steps.
pub struct ConsultationAdmin<'a, S: Store> {
    access: &'a Access<S>,
}

impl<S: Store> ConsultationAdmin<'_, S> {
    /// A new consultation with its first (draft) version. Both bodies are checked before
    /// anything is written; if the version cannot be written the consultation is removed.
    pub async fn create(&self, c: Consultation, text: Text) -> ApiResult<ConsultationView> {
        let v = ConsultationVersion {
            id: id_of(&consultation::version_id(c.id.as_str(), 1))?,
            consultation: c.id.clone(),
            number: 1,
            text,
            released: None,
        };
        let created = self.access.create_kept(RecordKind::Consultation, c.id.as_str(), to_json(&c)?, false).await?;
        if let Err(e) =
            self.access.create_kept(RecordKind::ConsultationVersion, v.id.as_str(), to_json(&v)?, false).await
        {
            let _ = self
                .access
                .store
                .delete_record(RecordKind::Consultation, c.id.as_str(), created.version, &self.access.user.name)
                .await;
            return Err(e);
        }
        self.access.consultation(c.id.as_str()).await
    }

    /// Edits the draft: the newest version while unreleased, else a new version (a released
    /// version is frozen).
    pub async fn edit(&self, id: &str, text: Text) -> ApiResult<ConsultationView> {
        let view = self.access.consultation(id).await?;
        let newest = view.versions.last();
        match consultation::edit(newest.map(|(v, _)| v)) {
            consultation::Edit::NewVersion(n) => {
                let v = ConsultationVersion {
                    id: id_of(&consultation::version_id(id, n))?,
                    consultation: view.consultation.id.clone(),
                    number: n,
                    text,
                    released: None,
                };
                self.access.create_kept(RecordKind::ConsultationVersion, v.id.as_str(), to_json(&v)?, false).await?;
            }
            consultation::Edit::Draft => {
                let Some((v, stored)) = newest else {
                    return Err(ApiError::Internal(format!("consultation {id}: a draft to edit but no version")));
                };
                let mut new = v.clone();
                new.text = text;
                let write = RecordWrite {
                    kind: RecordKind::ConsultationVersion,
                    id: v.id.to_string(),
                    body: to_json(&new)?,
                    owner_party: None,
                    shared: true,
                    releasable: false,
                };
                self.access.store.put_record(write, Some(*stored), &self.access.user.name).await?;
            }
        }
        self.access.consultation(id).await
    }

    /// Releases the newest version to the partners, freezing it.
    pub async fn release(&self, id: &str) -> ApiResult<ConsultationView> {
        let view = self.access.consultation(id).await?;
        let newest = view.versions.last();
        let Some((v, stored)) = newest.filter(|(v, _)| consultation::to_release(Some(v)).is_some()) else {
            return Err(problem("/version", Message::new("record-api-consultation-nothing-to-release")));
        };
        let crec = self.access.get(RecordKind::Consultation, id).await?;
        if !crec.releasable {
            let write = RecordWrite {
                kind: RecordKind::Consultation,
                id: id.to_string(),
                body: crec.body.clone(),
                owner_party: crec.owner_party.clone(),
                shared: true,
                releasable: true,
            };
            self.access.store.put_record(write, Some(crec.version), &self.access.user.name).await?;
        }
        let mut new = v.clone();
        new.released = Some(Release { at: jiff::Timestamp::now(), by: self.access.user.name.clone() });
        let write = RecordWrite {
            kind: RecordKind::ConsultationVersion,
            id: v.id.to_string(),
            body: to_json(&new)?,
            owner_party: None,
            shared: true,
            releasable: true,
        };
        self.access.store.put_record(write, Some(*stored), &self.access.user.name).await?;
        self.access.consultation(id).await
    }
}

/// A coalition partner's answers.
pub struct ConsultationResponder<'a, S: Store> {
    access: &'a Access<S>,
}

impl<S: Store> ConsultationResponder<'_, S> {
    /// Records a comment, concurrence or dissent on a released version this partner sees.
    pub async fn respond(
        &self,
        id: &str,
        version: u32,
        position: Position,
        reason: &str,
    ) -> ApiResult<ConsultationResponse> {
        let view = self.access.consultation(id).await?;
        if !consultation::answerable(view.versions.iter().map(|(v, _)| v), version) {
            return Err(ApiError::NotFound(format!("consultation {id} version {version}")));
        }
        if let Err(p) = consultation::check_reason(position, reason) {
            return Err(problem("/reason", Message::new(p.message_id()).arg("max", consultation::MAX_REASON)));
        }
        // Answers are numbered; two at once race for a number and the loser takes the next.
        for _ in 0..5 {
            let taken: HashSet<String> = self
                .access
                .store
                .list_records(RecordKind::ConsultationResponse)
                .await?
                .into_iter()
                .map(|r| r.id)
                .collect();
            let k = consultation::next_response_number(id, version, |r| taken.contains(r));
            let r = ConsultationResponse {
                id: id_of(&consultation::response_id(id, version, k))?,
                consultation: view.consultation.id.clone(),
                version,
                author: self.access.user.name.clone(),
                party: self.access.user.party.clone(),
                position,
                reason: reason.trim().to_string(),
                at: jiff::Timestamp::now(),
            };
            match self.access.create_kept(RecordKind::ConsultationResponse, r.id.as_str(), to_json(&r)?, true).await {
                Ok(_) => return Ok(r),
                Err(ApiError::Conflict { .. }) => continue,
                Err(e) => return Err(e),
            }
        }
        Err(ApiError::Conflict { current_version: None })
    }
}

/// Status changes of commitments.
pub struct FollowUpWriter<'a, S: Store> {
    access: &'a Access<S>,
    /// `None` for the secretariat; a delegation changes only its own party's commitments.
    party: Option<String>,
}

impl<S: Store> FollowUpWriter<'_, S> {
    /// Records a status change with its evidence.
    pub async fn change(
        &self,
        commitment: &str,
        to: CommitmentStatus,
        evidence: &str,
        documents: Vec<Id>,
    ) -> ApiResult<FollowUp> {
        let rec = self.access.get(RecordKind::Commitment, commitment).await?;
        let c: tahawul_domain::Commitment = parse(&rec)?;
        if let Some(p) = &self.party
            && !c.parties.iter().any(|x| x.as_str() == p)
        {
            return Err(ApiError::Forbidden);
        }
        record::check_evidence(evidence).map_err(|p| problem(p.pointer(), p.message()))?;
        let docs: HashSet<String> = self.access.list(RecordKind::Document).await?.into_iter().map(|r| r.id).collect();
        let unknown: Vec<FieldProblem> = documents
            .iter()
            .enumerate()
            .filter(|(_, d)| !docs.contains(d.as_str()))
            .map(|(i, d)| {
                FieldProblem::msg(
                    format!("/documents/{i}"),
                    Message::new("record-api-status-unknown-document").arg("id", d.as_str()),
                )
            })
            .collect();
        if !unknown.is_empty() {
            return Err(ApiError::Invalid(unknown));
        }
        let current = match self.access.store.get_record(RecordKind::FollowUp, commitment).await {
            Ok(r) => Some(r),
            Err(StoreError::NotFound(_)) => None,
            Err(e) => return Err(e.into()),
        };
        let mut f: FollowUp = match &current {
            Some(r) => parse(r)?,
            None => FollowUp { id: c.id.clone(), changes: vec![] },
        };
        f.change(&c, to, evidence, documents, &self.access.user.name, jiff::Timestamp::now())
            .map_err(|p| problem(p.pointer(), p.message()))?;
        let write = RecordWrite {
            kind: RecordKind::FollowUp,
            id: commitment.to_string(),
            body: to_json(&f)?,
            owner_party: rec.owner_party.clone(),
            shared: rec.shared,
            releasable: rec.releasable,
        };
        self.access.store.put_record(write, current.map(|r| r.version), &self.access.user.name).await?;
        Ok(f)
    }
}

/// The secretariat's decision links.
pub struct DecisionLinker<'a, S: Store> {
    access: &'a Access<S>,
}

impl<S: Store> DecisionLinker<'_, S> {
    /// Links a decision of a round to a commitment, phase or gate; the decision and the target
    /// must exist.
    pub async fn link(&self, link: DecisionLink) -> ApiResult<DecisionLink> {
        let case = self.access.commission_case().await?;
        let round =
            case.round(link.round.as_str()).ok_or_else(|| ApiError::NotFound(format!("round {}", link.round)))?;
        if !round.decisions.iter().any(|d| d.id == link.decision) {
            return Err(problem(
                "/decision",
                Message::new("record-api-link-unknown").arg("id", link.decision.as_str()),
            ));
        }
        let exists = match link.kind {
            record::LinkTarget::Commitment => case.commitments.iter().any(|c| c.id == link.target),
            record::LinkTarget::Phase | record::LinkTarget::Gate => case.phase(link.target.as_str()).is_some(),
        };
        if !exists {
            return Err(problem("/target", Message::new("record-api-link-unknown").arg("id", link.target.as_str())));
        }
        self.access.create_kept(RecordKind::DecisionLink, link.id.as_str(), to_json(&link)?, false).await?;
        Ok(link)
    }
}

/// A person's keys as the key register shows them.
#[derive(Debug, Clone, serde::Serialize)]
pub struct PersonKeys {
    /// The person.
    pub person: String,
    /// Their party.
    pub party: String,
    /// Their name in English (the page shows both).
    pub name: Text,
    /// The key valid now, if any.
    pub current: Option<String>,
    /// Its fingerprint.
    pub fingerprint: Option<String>,
    /// Every key, oldest first.
    pub history: Vec<tahawul_domain::keys::KeyEntry>,
}

/// What every delegation sees of who can sign for whom: the heads' keys with their history,
/// and every head account with when it was made (so a head account made for the other side,
/// or a second one for one's own, is seen by both heads).
#[derive(Debug, Clone, serde::Serialize)]
pub struct KeyRegister {
    /// People who head a delegation or have a key.
    pub people: Vec<PersonKeys>,
    /// Accounts with the delegation-head role.
    pub head_accounts: Vec<HeadAccount>,
}

/// A delegation-head account as the register lists it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct HeadAccount {
    /// Login name.
    pub name: String,
    /// Display name.
    pub display_name: String,
    /// The party it acts for.
    pub party: Option<String>,
    /// When it was made.
    pub created_at: String,
    /// Disabled accounts act for no one.
    pub disabled: bool,
}

impl<S: Store> Access<S> {
    /// The key register: the secretariat, auditors and the delegations (partners are not
    /// party to the signing).
    pub async fn key_register(&self) -> ApiResult<KeyRegister> {
        if matches!(self.user.role, Role::CoalitionPartner) {
            return Err(ApiError::Forbidden);
        }
        let case = self.commission_case().await?;
        let people = case
            .people
            .iter()
            .filter(|p| {
                !tahawul_domain::keys::history(p).is_empty()
                    || case.parties.iter().any(|x| tahawul_domain::keys::heads_party(&case, &p.id, x.id.as_str()))
            })
            .map(|p| {
                let current = tahawul_domain::keys::current(p);
                PersonKeys {
                    person: p.id.to_string(),
                    party: p.party.to_string(),
                    name: p.name.clone(),
                    current: current.map(|k| k.to_string()),
                    fingerprint: current.map(|k| tahawul_domain::keys::fingerprint(&k)),
                    history: tahawul_domain::keys::history(p),
                }
            })
            .collect();
        let head_accounts = self
            .store
            .list_users()
            .await?
            .into_iter()
            .filter(|u| u.role == Role::DelegationHead)
            .map(|u| HeadAccount {
                name: u.name,
                display_name: u.display_name,
                party: u.party,
                created_at: u.created_at,
                disabled: u.disabled,
            })
            .collect();
        Ok(KeyRegister { people, head_accounts })
    }

    /// Registering one's own key: delegation heads (the store checks again that the person
    /// heads the account's party and that the proof verifies).
    pub fn key_holder(&self) -> Option<KeyHolder<'_, S>> {
        (self.user.role == Role::DelegationHead && self.user.party.is_some()).then_some(KeyHolder { access: self })
    }

    /// Retiring a key: the secretariat (revoking) and delegation heads (their own).
    pub fn key_retirer(&self) -> Option<KeyRetirer<'_, S>> {
        matches!(self.user.role, Role::Secretariat | Role::DelegationHead).then_some(KeyRetirer { access: self })
    }
}

/// A delegation head's key registration.
pub struct KeyHolder<'a, S: Store> {
    access: &'a Access<S>,
}

impl<S: Store> KeyHolder<'_, S> {
    /// A challenge for registering `key` for `person`: the nonce and the bytes to sign.
    pub async fn challenge(&self, person: &str, key: &str) -> ApiResult<(String, Vec<u8>)> {
        let key = PublicKey::parse(key.trim()).map_err(|_| problem("/key", Message::new("record-api-key-form")))?;
        let case = self.access.commission_case().await?;
        let p = case
            .person(person)
            .ok_or_else(|| problem("/person", Message::new("keys-unknown-person").arg("person", person)))?;
        let nonce = self.access.store.key_challenge(&self.access.user.name).await?;
        let bytes = tahawul_domain::keys::challenge(&case.id, &p.id, &key, &nonce);
        Ok((nonce, bytes))
    }

    /// Registers the key with its proof over the challenge.
    pub async fn register(&self, person: &str, key: &str, nonce: &str, proof: &str) -> ApiResult<Record> {
        let key = PublicKey::parse(key.trim()).map_err(|_| problem("/key", Message::new("record-api-key-form")))?;
        let proof =
            Signature::parse(proof.trim()).map_err(|_| problem("/proof", Message::new("record-api-signature-form")))?;
        Ok(self.access.store.register_key(&self.access.user.name, person, key, nonce.trim(), proof).await?)
    }
}

/// Retiring keys.
pub struct KeyRetirer<'a, S: Store> {
    access: &'a Access<S>,
}

impl<S: Store> KeyRetirer<'_, S> {
    /// Retires `person`'s valid key named by fingerprint or text form.
    pub async fn retire(&self, person: &str, key: &str) -> ApiResult<Record> {
        self.access.get(RecordKind::Person, person).await?;
        Ok(self.access.store.retire_key(person, key.trim(), &self.access.user.name).await?)
    }
}
