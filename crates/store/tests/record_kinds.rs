//! The record kept beside the case (issue 6) in the store: bodies checked as their domain
//! types, statement versions and partners' answers kept as written, released consultation
//! versions frozen, follow-ups that only grow, and none of it leaking into the case.

use std::path::Path;

use serde_json::{Value, json};
use tahawul_ledger::PasswordHasher;
use tahawul_store::{RecordKind, RecordWrite, SqliteStore, StoreError, StoreOptions, prelude::*};

fn write(kind: RecordKind, id: &str, body: Value, releasable: bool) -> RecordWrite {
    RecordWrite { kind, id: id.into(), body, owner_party: None, shared: true, releasable }
}

#[tokio::test]
async fn kept_records_follow_their_rules() {
    let dir = tempfile::tempdir().unwrap();
    let opts = StoreOptions { password_hasher: PasswordHasher::insecure_fast_for_tests(), ..StoreOptions::default() };
    let store = SqliteStore::open(&dir.path().join("t.db"), opts).await.unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/iraq-hmc");
    let case = tahawul_domain::load(&root).unwrap();
    store.import_case(&case, "test").await.unwrap();
    let at = "2026-11-23T09:00:00Z";

    // A statement version: its id must be ROUND-vN, and once written it never changes.
    let v1 = json!({ "id": "jscd-1-v1", "round": "jscd-1", "number": 1, "text": { "en": "a", "ar": "ب" }, "author": "sec", "at": at });
    let mut wrong = v1.clone();
    wrong["id"] = json!("jscd-1-v2");
    assert!(matches!(
        store.put_record(write(RecordKind::StatementVersion, "jscd-1-v2", wrong, false), None, "sec").await,
        Err(StoreError::Invalid(_))
    ));
    let r = store
        .put_record(write(RecordKind::StatementVersion, "jscd-1-v1", v1.clone(), false), None, "sec")
        .await
        .unwrap();
    let mut edited = v1.clone();
    edited["text"]["en"] = json!("rewritten");
    assert!(matches!(
        store.put_record(write(RecordKind::StatementVersion, "jscd-1-v1", edited, false), Some(r.version), "sec").await,
        Err(StoreError::Invalid(_))
    ));
    assert!(store.delete_record(RecordKind::StatementVersion, "jscd-1-v1", r.version, "sec").await.is_err());

    // A consultation version is editable while a draft and frozen once released.
    let draft = json!({ "id": "c-v1", "consultation": "c", "number": 1, "text": { "en": "x", "ar": "س" } });
    let r = store
        .put_record(write(RecordKind::ConsultationVersion, "c-v1", draft.clone(), false), None, "sec")
        .await
        .unwrap();
    let mut released = draft.clone();
    released["released"] = json!({ "at": at, "by": "sec" });
    let r = store
        .put_record(write(RecordKind::ConsultationVersion, "c-v1", released.clone(), true), Some(r.version), "sec")
        .await
        .unwrap();
    let mut later = released.clone();
    later["text"]["en"] = json!("changed after release");
    assert!(matches!(
        store.put_record(write(RecordKind::ConsultationVersion, "c-v1", later, true), Some(r.version), "sec").await,
        Err(StoreError::Invalid(_))
    ));
    assert!(store.delete_record(RecordKind::ConsultationVersion, "c-v1", r.version, "sec").await.is_err());

    // A dissent without reasons is not a valid answer.
    let dissent = json!({ "id": "c-v1-r1", "consultation": "c", "version": 1, "author": "partner", "position": "dissent", "reason": " ", "at": at });
    assert!(matches!(
        store.put_record(write(RecordKind::ConsultationResponse, "c-v1-r1", dissent, true), None, "partner").await,
        Err(StoreError::Invalid(_))
    ));

    // A follow-up only grows.
    let change = json!({ "at": at, "from": 2, "to": 3, "evidence": "seen", "by": "sec" });
    let f1 = json!({ "id": "r1-protect-personnel", "changes": [change] });
    let r = store
        .put_record(write(RecordKind::FollowUp, "r1-protect-personnel", f1.clone(), false), None, "sec")
        .await
        .unwrap();
    let shorter = json!({ "id": "r1-protect-personnel", "changes": [] });
    assert!(matches!(
        store
            .put_record(write(RecordKind::FollowUp, "r1-protect-personnel", shorter, false), Some(r.version), "sec")
            .await,
        Err(StoreError::Invalid(_))
    ));
    let mut longer = f1.clone();
    longer["changes"]
        .as_array_mut()
        .unwrap()
        .push(json!({ "at": at, "from": 3, "to": 2, "evidence": "lapsed", "by": "sec" }));
    store
        .put_record(write(RecordKind::FollowUp, "r1-protect-personnel", longer, false), Some(r.version), "sec")
        .await
        .unwrap();

    // None of it is part of the case, which reads back as imported.
    let back = store.load_case().await.unwrap();
    assert_eq!(back.rounds.len(), case.rounds.len());
    assert_eq!(back.commitments.len(), case.commitments.len());
    assert_eq!(store.list_records(RecordKind::FollowUp).await.unwrap().len(), 1);
}
