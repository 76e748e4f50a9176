//! Access to texts kept for review (issue 16 item 4).
//!
//! | what | who |
//! |---|---|
//! | submit a text for review | secretariat, delegation heads and members (those who may call intake) |
//! | list and read kept texts | the secretariat: all; heads and members: the ones they submitted |
//! | accept or reject proposals | the secretariat |
//!
//! Coalition partners, working groups and auditors have none of it (403). A kept text's
//! proposals were read against the case as its submitter saw it, so another delegation's
//! member could learn a draft's id from them: heads and members read only their own.

use tahawul_store::{Acceptance, Intake, NewIntake};

use super::*;
use crate::anystore::AnyStore;

/// Who may submit texts for review: those who may read a text into proposals.
pub fn may_submit_intake(role: Role) -> bool {
    matches!(role, Role::Secretariat | Role::DelegationHead | Role::DelegationMember)
}

impl Access<AnyStore> {
    /// Submitting texts and reading one's own: `None` for partners, working groups, auditors.
    pub fn intake_submitter(&self) -> Option<IntakeSubmitter<'_>> {
        may_submit_intake(self.user.role).then_some(IntakeSubmitter { access: self })
    }

    /// Accepting and rejecting proposals: the secretariat.
    pub fn intake_reviewer(&self) -> Option<IntakeReviewer<'_>> {
        (self.user.role == Role::Secretariat).then_some(IntakeReviewer { access: self })
    }
}

/// Submitting texts for review and reading them back.
pub struct IntakeSubmitter<'a> {
    access: &'a Access<AnyStore>,
}

impl IntakeSubmitter<'_> {
    /// Keeps the text and what intake proposed in it.
    pub async fn submit(&self, new: NewIntake) -> ApiResult<Intake> {
        Ok(self.access.store.submit_intake(new, &self.access.user.name).await?)
    }

    fn mine(&self, i: &Intake) -> bool {
        self.access.user.role == Role::Secretariat || i.submitted_by == self.access.user.name
    }

    /// The kept texts this user may read, newest first.
    pub async fn list(&self) -> ApiResult<Vec<Intake>> {
        Ok(self.access.store.list_intakes().await?.into_iter().filter(|i| self.mine(i)).collect())
    }

    /// One kept text (another's is `NotFound` to heads and members, as a missing one).
    pub async fn get(&self, id: i64) -> ApiResult<Intake> {
        let i = self.access.store.get_intake(id).await?;
        if self.mine(&i) { Ok(i) } else { Err(ApiError::NotFound(format!("intake {id}"))) }
    }
}

/// Accepting and rejecting proposals: the secretariat, writing for the commission (records
/// owned by no delegation, shared, not releasable: what its own creates default to).
pub struct IntakeReviewer<'a> {
    access: &'a Access<AnyStore>,
}

impl IntakeReviewer<'_> {
    /// The kept text, for building what to accept.
    pub async fn get(&self, id: i64) -> ApiResult<Intake> {
        Ok(self.access.store.get_intake(id).await?)
    }

    /// Whether the record exists (the secretariat sees every record).
    pub async fn exists(&self, kind: RecordKind, id: &str) -> ApiResult<bool> {
        match self.access.store.get_record(kind, id).await {
            Ok(_) => Ok(true),
            Err(StoreError::NotFound(_)) => Ok(false),
            Err(e) => Err(e.into()),
        }
    }

    /// Writes the accepted proposals' records, all or nothing (see `SqlStore::accept_intake`).
    pub async fn accept(
        &self,
        id: i64,
        document: Option<(String, Value)>,
        accepts: Vec<Acceptance>,
    ) -> ApiResult<Intake> {
        let write = |kind: RecordKind, id: String, body: Value| RecordWrite {
            kind,
            id,
            body,
            owner_party: None,
            shared: true,
            releasable: false,
        };
        let document = document.map(|(id, body)| write(RecordKind::Document, id, body));
        Ok(self.access.store.accept_intake(id, document, accepts, &self.access.user.name).await?)
    }

    /// Rejects proposals with a reason.
    pub async fn reject(&self, id: i64, indices: &[u64], reason: &str) -> ApiResult<Intake> {
        Ok(self.access.store.reject_intake(id, indices, reason, &self.access.user.name).await?)
    }

    /// A commission record write (the shape `accept` takes for each proposal's record).
    pub fn commission_write(kind: RecordKind, id: String, body: Value) -> RecordWrite {
        RecordWrite { kind, id, body, owner_party: None, shared: true, releasable: false }
    }
}
