//! Review, then accept (issue 16 item 4) in the store, on both backends: a submitted text is
//! kept with its SHA-256 and its proposals pending; accepting writes each record through the
//! one write path (the domain's rules refuse what they refuse elsewhere) in one transaction,
//! all or nothing, naming the proposal at fault; a rejection keeps who and why; a reviewed
//! proposal is not reviewed again; every step is in the audit log.

use crate::common;

use std::path::Path;

use common::*;
use serde_json::{Value, json};
use tahawul_store::backend::Backend;
use tahawul_store::*;

both!(
    accepting_writes_records_through_the_rules,
    a_bad_proposal_in_a_bulk_accept_writes_nothing,
    rejecting_keeps_who_and_why
);

async fn founded<B: Backend>(s: &SqlStore<B>) {
    let case = tahawul_domain::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/iraq-hmc")).unwrap();
    s.import_case(&case, "setup").await.unwrap();
}

const TEXT: &str =
    "Iraq and the United States agreed that the coalition's mission ends no later than the end of September 2025.";

/// `printf %s "$TEXT" | sha256sum`
const DIGEST: &str = "89ecaa57f1e49ebc430d8718e75e9935b80ac456a01dafc73bc5158c7f32aab8";

fn proposal(start: usize, end: usize) -> Value {
    json!({"kind": "commitment", "party": ["iq", "us"], "text": {"en": "the coalition's mission ends", "ar": null},
           "due": "2025-09", "span": {"start": start, "end": end}, "quote": "the coalition's mission ends", "matches": []})
}

async fn submit<B: Backend>(s: &SqlStore<B>) -> Intake {
    let new = NewIntake {
        text: TEXT.into(),
        lang: "en".into(),
        report: json!({"document": {"outlet": null, "date": null, "language": "en"}, "flags": []}),
        proposals: vec![proposal(40, 68), proposal(0, 39)],
    };
    s.submit_intake(new, "sec").await.unwrap()
}

fn document() -> RecordWrite {
    let body = json!({"id": "intake-test", "file": null, "outlet": {"en": "joint statement", "ar": "بيان مشترك"},
        "kind": {"en": "joint statement", "ar": "بيان مشترك"}, "date": "2024-09-27", "language": "en",
        "summary": {"en": "submitted for review", "ar": "قُدّم للمراجعة"}, "translation_errors": []});
    RecordWrite {
        kind: RecordKind::Document,
        id: "intake-test".into(),
        body,
        owner_party: None,
        shared: true,
        releasable: false,
    }
}

fn commitment(id: &str, round: &str) -> RecordWrite {
    let body = json!({"id": id, "parties": ["iq", "us"], "text": {"en": "The coalition's mission ends.", "ar": "تنتهي مهمة التحالف."},
        "theme": "force-protection", "round": round, "due": "2025-09-30", "status": 0,
        "status_note": {"en": "Accepted from intake.", "ar": "قُبل من الاستيعاب."}, "illustrative": false,
        "evidence": [], "sources": ["intake-test"]});
    RecordWrite {
        kind: RecordKind::Commitment,
        id: id.into(),
        body,
        owner_party: None,
        shared: true,
        releasable: false,
    }
}

fn accept(index: u64, record: Option<RecordWrite>) -> Acceptance {
    Acceptance { index, record, matched: None, document: "intake-test".into(), edits: json!({"due": "2025-09"}) }
}

async fn intake_entries<B: Backend>(s: &SqlStore<B>) -> Vec<tahawul_ledger::AuditEntry> {
    s.audit_entries(0, 100_000).await.unwrap().into_iter().filter(|e| e.kind == "intake").collect()
}

async fn accepting_writes_records_through_the_rules<B: Backend>(s: SqlStore<B>) {
    founded(&s).await;
    let intake = submit(&s).await;
    // SHA-256 of the text, as `sha256sum` gives it.
    assert_eq!(intake.digest, DIGEST);
    assert_eq!(intake.text.as_deref(), Some(TEXT));
    assert_eq!(intake.submitted_by, "sec");
    assert!(intake.proposals.iter().all(|p| p.state == ProposalState::Pending));
    assert_eq!(intake.proposals[1].proposal["span"], json!({"start": 0, "end": 39}));

    let after = s
        .accept_intake(
            intake.id,
            Some(document()),
            vec![accept(0, Some(commitment("r3-mission-ends", "jscd-1")))],
            "sec",
        )
        .await
        .unwrap();
    let p = &after.proposals[0];
    assert_eq!(p.state, ProposalState::Accepted);
    assert_eq!(p.record, Some(RecordRef { kind: RecordKind::Commitment, id: "r3-mission-ends".into() }));
    assert_eq!(p.document.as_deref(), Some("intake-test"));
    assert_eq!(p.reviewed_by.as_deref(), Some("sec"));
    assert_eq!(after.proposals[1].state, ProposalState::Pending);
    let stored = s.get_record(RecordKind::Commitment, "r3-mission-ends").await.unwrap();
    assert_eq!(stored.body["sources"], json!(["intake-test"]));
    assert_eq!(stored.updated_by, "sec");
    s.get_record(RecordKind::Document, "intake-test").await.unwrap();
    // The record's own audit entry (the write path's) and the acceptance's, with the span.
    let all = s.audit_entries(0, 100_000).await.unwrap();
    assert!(all.iter().any(|e| e.kind == "commitment" && e.record_id == "r3-mission-ends" && e.action == "create"));
    let accepted = intake_entries(&s).await.into_iter().find(|e| e.action == "accept").unwrap();
    let a = accepted.after.unwrap();
    assert_eq!(a["span"], json!({"start": 40, "end": 68}));
    assert_eq!(a["record"]["id"], "r3-mission-ends");

    // Reviewed once: accepting it again is refused, naming the proposal.
    let again = s.accept_intake(intake.id, None, vec![accept(0, Some(commitment("r3-other", "jscd-1")))], "sec").await;
    match again {
        Err(StoreError::Invalid(ps)) => {
            assert_eq!(ps[0].at, "proposals.0");
            assert_eq!(ps[0].message.id, "intake-review-not-pending");
        }
        other => panic!("accepted twice: {other:?}"),
    }
    // The second proposal accepted as a match of the record just written: nothing new written.
    let before = s.list_records(RecordKind::Commitment).await.unwrap().len();
    let m = Acceptance {
        matched: Some(RecordRef { kind: RecordKind::Commitment, id: "r3-mission-ends".into() }),
        ..accept(1, None)
    };
    let after = s.accept_intake(intake.id, Some(document()), vec![m], "sec").await.unwrap();
    assert_eq!(after.proposals[1].record.as_ref().map(|r| r.id.as_str()), Some("r3-mission-ends"));
    assert_eq!(s.list_records(RecordKind::Commitment).await.unwrap().len(), before);
    s.verify_audit().await.unwrap();
}

async fn a_bad_proposal_in_a_bulk_accept_writes_nothing<B: Backend>(s: SqlStore<B>) {
    founded(&s).await;
    let intake = submit(&s).await;
    let seq = s.audit_entries(0, 100_000).await.unwrap().len();
    // The second names a round the case does not have: the domain's rules refuse it.
    let bulk =
        vec![accept(0, Some(commitment("r3-a", "jscd-1"))), accept(1, Some(commitment("r3-b", "no-such-round")))];
    match s.accept_intake(intake.id, Some(document()), bulk, "sec").await {
        Err(StoreError::Invalid(ps)) => {
            assert!(ps.iter().all(|p| p.at.starts_with("proposals.1.body")), "{ps:?}");
            assert!(ps.iter().any(|p| p.at == "proposals.1.body.round"), "{ps:?}");
        }
        other => panic!("a bad commitment was accepted: {other:?}"),
    }
    // Nothing of it: not the first commitment, not the document, no audit entry, all pending.
    assert!(matches!(s.get_record(RecordKind::Commitment, "r3-a").await, Err(StoreError::NotFound(_))));
    assert!(matches!(s.get_record(RecordKind::Document, "intake-test").await, Err(StoreError::NotFound(_))));
    assert_eq!(s.audit_entries(0, 100_000).await.unwrap().len(), seq);
    let now = s.get_intake(intake.id).await.unwrap();
    assert!(now.proposals.iter().all(|p| p.state == ProposalState::Pending));
    // An id already taken is named as the edit to change.
    match s
        .accept_intake(
            intake.id,
            Some(document()),
            vec![accept(1, Some(commitment("r1-protect-personnel", "jscd-1")))],
            "sec",
        )
        .await
    {
        Err(StoreError::Invalid(ps)) => {
            assert_eq!((ps[0].at.as_str(), ps[0].message.id), ("proposals.0.edits.id", "intake-review-id-taken"))
        }
        other => panic!("an existing record was overwritten: {other:?}"),
    }
    // A proposal that does not exist.
    match s.accept_intake(intake.id, None, vec![accept(7, Some(commitment("r3-c", "jscd-1")))], "sec").await {
        Err(StoreError::Invalid(ps)) => assert_eq!(ps[0].message.id, "intake-review-no-proposal"),
        other => panic!("{other:?}"),
    }
    assert!(matches!(s.get_intake(intake.id + 1).await, Err(StoreError::NotFound(_))));
}

async fn rejecting_keeps_who_and_why<B: Backend>(s: SqlStore<B>) {
    founded(&s).await;
    let intake = submit(&s).await;
    match s.reject_intake(intake.id, &[0], "  ", "sec").await {
        Err(StoreError::Invalid(ps)) => {
            assert_eq!((ps[0].at.as_str(), ps[0].message.id), ("reason", "intake-review-reason-required"))
        }
        other => panic!("rejected without a reason: {other:?}"),
    }
    let after = s.reject_intake(intake.id, &[0, 1], "restates the round's statement", "sec").await.unwrap();
    for p in &after.proposals {
        assert_eq!(p.state, ProposalState::Rejected);
        assert_eq!(p.reason.as_deref(), Some("restates the round's statement"));
        assert_eq!(p.reviewed_by.as_deref(), Some("sec"));
        assert!(p.reviewed_at.is_some());
    }
    // Rejected stays rejected: it is not accepted later.
    assert!(matches!(
        s.accept_intake(intake.id, Some(document()), vec![accept(0, Some(commitment("r3-a", "jscd-1")))], "sec").await,
        Err(StoreError::Invalid(_))
    ));
    assert!(matches!(s.get_record(RecordKind::Commitment, "r3-a").await, Err(StoreError::NotFound(_))));
    let entries = intake_entries(&s).await;
    let r = entries.iter().find(|e| e.action == "reject").unwrap();
    assert_eq!(r.actor, "sec");
    assert_eq!(r.after.as_ref().unwrap()["reason"], "restates the round's statement");
    // Kept in the list, without the text.
    let list = s.list_intakes().await.unwrap();
    assert_eq!(list.len(), 1);
    assert!(list[0].text.is_none());
}
