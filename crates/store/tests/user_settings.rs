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

/// The codes of an `Invalid` error's problems.
fn codes(e: StoreError) -> Vec<(String, String)> {
    match e {
        StoreError::Invalid(ps) => ps.into_iter().map(|p| (p.at, p.message.id.to_string())).collect(),
        other => panic!("expected Invalid, got {other:?}"),
    }
}

async fn passwords_change_reset_and_accounts_enable_by_the_rules<S: Store>(s: S) {
    let u = with_user(&s).await;
    let pw = "a long enough password";
    let new = "another long password";
    // One's own change needs the current password, the policy, and a new one.
    let e = s.change_password("amira", "wrong", "short").await.unwrap_err();
    assert_eq!(
        codes(e),
        [
            ("current_password".into(), "store-password-wrong-current".into()),
            ("new_password".into(), "store-password-short".into())
        ]
    );
    let e = s.change_password("amira", pw, pw).await.unwrap_err();
    assert_eq!(codes(e), [("new_password".into(), "store-password-same".into())]);
    let changed = s.change_password("amira", pw, new).await.unwrap();
    assert_eq!(changed.version, u.version + 1, "the version moves, ending the sessions");
    assert!(s.verify_password("amira", pw).await.unwrap().is_none());
    assert!(s.verify_password("amira", new).await.unwrap().is_some());

    // A reset by the secretariat (an account) or the operator; never by another role, never oneself.
    s.create_user(
        NewUser {
            name: "sec".into(),
            display_name: "Sec".into(),
            role: Role::Secretariat,
            party: None,
            factor: None,
            password: pw.into(),
        },
        "setup",
    )
    .await
    .unwrap();
    let e = s.reset_password("sec", "temporary-password", "amira").await.unwrap_err();
    assert_eq!(codes(e), [("user".into(), "store-account-not-secretariat".into())], "an auditor cannot reset");
    let e = s.reset_password("sec", "temporary-password", "sec").await.unwrap_err();
    assert_eq!(codes(e), [("user".into(), "store-account-oneself-reset".into())]);
    let e = s.disable_user("sec", "sec").await.unwrap_err();
    assert_eq!(codes(e), [("user".into(), "store-account-oneself-disable".into())]);
    let e = s.reset_password("amira", "short", "sec").await.unwrap_err();
    assert_eq!(codes(e), [("new_password".into(), "store-password-short".into())]);
    let reset = s.reset_password("amira", "temporary-password", "sec").await.unwrap();
    assert!(reset.must_change_password);
    let signed = s.verify_password("amira", "temporary-password").await.unwrap().unwrap();
    assert!(signed.must_change_password, "the sign-in sees the mark");
    let after = s.change_password("amira", "temporary-password", new).await.unwrap();
    assert!(!after.must_change_password, "a change clears it");
    assert!(!s.get_user("amira").await.unwrap().must_change_password);
    s.reset_password("amira", "from-the-operator", "cli:root").await.unwrap();

    // Enable after disable; each step audited with its actor.
    s.disable_user("amira", "sec").await.unwrap();
    assert!(s.verify_password("amira", "from-the-operator").await.unwrap().is_none());
    let e = s.enable_user("amira", "amira").await.unwrap_err();
    assert_eq!(codes(e), [("user".into(), "store-account-not-secretariat".into())]);
    assert!(!s.enable_user("amira", "sec").await.unwrap().disabled);
    assert!(s.verify_password("amira", "from-the-operator").await.unwrap().is_some());
    let entries = s.audit_entries(0, 1000).await.unwrap();
    let actions: Vec<(&str, &str)> = entries
        .iter()
        .filter(|e| e.kind == "user" && e.record_id == "amira" && e.action != "create")
        .map(|e| (e.action.as_str(), e.actor.as_str()))
        .collect();
    assert_eq!(
        actions,
        [
            ("change-password", "amira"),
            ("reset-password", "sec"),
            ("change-password", "amira"),
            ("reset-password", "cli:root"),
            ("disable", "sec"),
            ("enable", "sec")
        ]
    );

    // A directory account has no password here to change or reset.
    let d = DirectoryUser {
        name: "layla".into(),
        display_name: "Layla".into(),
        role: Role::Auditor,
        party: None,
        factor: None,
    };
    s.directory_sign_in(d, "directory").await.unwrap().unwrap();
    let e = s.reset_password("layla", "temporary-password", "sec").await.unwrap_err();
    assert_eq!(codes(e), [("user".into(), "store-account-directory".into())]);
    let e = s.change_password("layla", "", new).await.unwrap_err();
    assert_eq!(codes(e), [("user".into(), "store-account-directory".into())]);
}

both!(
    passwords_change_reset_and_accounts_enable_by_the_rules,
    settings_are_stored_read_back_and_audited,
    unknown_settings_are_refused_and_nothing_is_written,
    submitting_shares_the_draft_in_the_same_step,
);
