//! A user's own settings (migration `0002_user_settings`) and the submission that shares its
//! draft in the same transaction, on both backends: every test runs on a fresh SQLite file
//! and on a fresh database of the server named by `TAHAWUL_TEST_POSTGRES` (it fails, saying
//! how to run it, when that is not set).

use crate::common;

use common::*;
use serde_json::json;
use tahawul_store::*;

fn mini() -> tahawul_domain::Case {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../crates/domain/tests/bundles/mini");
    tahawul_domain::load(&dir).expect("mini case loads")
}

fn settings(lang: Option<&str>, digits: Option<&str>) -> UserSettings {
    UserSettings { lang: lang.map(str::to_string), digits: digits.map(str::to_string), ..UserSettings::default() }
}

async fn with_user<S: Store>(s: &S) -> User {
    s.import_case(&mini(), "setup").await.unwrap();
    s.create_user(
        NewUser {
            name: "amira".into(),
            display_name: "Amira".into(),
            role: Role::Auditor,
            party: None,
            factor: None,
            password: "a long enough password".into(),
        },
        "setup",
    )
    .await
    .unwrap()
}

async fn settings_are_stored_read_back_and_audited<S: Store>(s: S) {
    let u = with_user(&s).await;
    assert_eq!((u.lang.as_deref(), u.digits.as_deref()), (None, None));
    let before = s.verify_audit().await.unwrap().len;

    let after = s.set_user_settings("amira", &settings(Some("ar"), Some("arabic-indic")), "amira").await.unwrap();
    assert_eq!(after.lang.as_deref(), Some("ar"));
    assert_eq!(after.version, u.version, "a setting is not an account change: the version (and so the sessions) stay");
    let read = s.get_user("amira").await.unwrap();
    assert_eq!(read.lang.as_deref(), Some("ar"));
    assert_eq!(read.digits.as_deref(), Some("arabic-indic"));
    let listed = s.list_users().await.unwrap();
    assert_eq!(listed[0].lang.as_deref(), Some("ar"));
    let signed_in = s.verify_password("amira", "a long enough password").await.unwrap().unwrap();
    assert_eq!(signed_in.lang.as_deref(), Some("ar"), "sign-in sees the setting");

    let chain = s.verify_audit().await.unwrap();
    assert_eq!(chain.len, before + 1, "one audit entry for the change");
    let last = s.audit_entries(chain.len - 1, 1).await.unwrap().remove(0);
    assert_eq!((last.action.as_str(), last.kind.as_str(), last.record_id.as_str()), ("settings", "user", "amira"));
    assert_eq!(last.before.unwrap()["lang"], json!(null));
    assert_eq!(last.after.unwrap()["lang"], json!("ar"));

    // Clearing goes back to "not chosen".
    let cleared = s.set_user_settings("amira", &settings(None, None), "amira").await.unwrap();
    assert_eq!(cleared.lang, None);
    assert_eq!(s.get_user("amira").await.unwrap().digits, None);
}

async fn unknown_settings_are_refused_and_nothing_is_written<S: Store>(s: S) {
    with_user(&s).await;
    let before = s.verify_audit().await.unwrap().len;
    match s.set_user_settings("amira", &settings(Some("fr"), Some("roman")), "amira").await {
        Err(StoreError::Invalid(p)) => {
            let at: Vec<_> = p.iter().map(|p| p.at.as_str()).collect();
            assert_eq!(at, ["lang", "digits"], "both fields named: {p:?}");
        }
        other => panic!("expected Invalid, got {other:?}"),
    }
    assert!(matches!(
        s.set_user_settings("nobody", &settings(Some("en"), None), "nobody").await,
        Err(StoreError::NotFound(_))
    ));
    assert_eq!(s.get_user("amira").await.unwrap().lang, None);
    assert_eq!(s.verify_audit().await.unwrap().len, before);
}

async fn submitting_shares_the_draft_in_the_same_step<S: Store>(s: S) {
    s.import_case(&mini(), "setup").await.unwrap();
    let mut body = s.list_records(RecordKind::Assessment).await.unwrap().remove(0).body;
    body["id"] = json!("draft-1");
    body["state"] = json!("draft");
    let draft = s
        .put_record(
            RecordWrite {
                kind: RecordKind::Assessment,
                id: "draft-1".into(),
                body,
                owner_party: Some("a".into()),
                shared: false,
                releasable: false,
            },
            None,
            "wg",
        )
        .await
        .unwrap();
    assert!(!draft.shared);
    let before = s.verify_audit().await.unwrap().len;
    let r = s.assessment_step("draft-1", WorkflowAction::Submit, draft.version, "wg").await.unwrap();
    assert!(r.shared, "the submitted assessment is shared");
    assert_eq!(r.version, draft.version + 1, "one write, one version");
    assert!(s.get_record(RecordKind::Assessment, "draft-1").await.unwrap().shared);
    let chain = s.verify_audit().await.unwrap();
    assert_eq!(chain.len, before + 1, "one audit entry for the step");
    let last = s.audit_entries(before, 1).await.unwrap().remove(0);
    assert_eq!(last.action, "assessment-submit");
    assert_eq!(last.before.unwrap()["shared"], json!(false));
    assert_eq!(last.after.unwrap()["shared"], json!(true));
}

both!(
    settings_are_stored_read_back_and_audited,
    unknown_settings_are_refused_and_nothing_is_written,
    submitting_shares_the_draft_in_the_same_step,
);
