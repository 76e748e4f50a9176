//! One story, both backends (atuin's `run_the_test::<DB>`): every function below runs on a
//! fresh SQLite file (`sqlite::…`) and on a fresh database of the PostgreSQL server named by
//! `TAHAWUL_TEST_POSTGRES` (`postgres::…`). Without that variable the PostgreSQL tests fail,
//! saying how to run them: nothing is skipped in silence.

use crate::common;

use std::path::{Path, PathBuf};

use common::*;
use serde_json::{Value, json};
use tahawul_domain::{Case, Observation};
use tahawul_ledger::{BreakKind, ChainBreak};
use tahawul_store::*;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn load(rel: &str) -> Case {
    tahawul_domain::load(&repo().join(rel)).unwrap_or_else(|d| panic!("{rel} does not load: {d:?}"))
}

fn mini() -> Case {
    load("crates/domain/tests/bundles/mini")
}

both!(
    mini_case_loads_back_equal,
    founding_case_loads_back_equal,
    a_second_import_is_refused,
    a_stale_write_is_a_conflict_and_changes_nothing,
    bodies_are_checked_by_their_domain_type,
    one_bad_observation_and_none_is_written,
    csv_import_is_all_or_nothing,
    assessments_need_both_heads_and_returns_need_reasons,
    users_roles_passwords_and_tokens,
    every_write_is_audited_and_the_chain_verifies,
    tamper_edit_a_field_is_found,
    tamper_delete_a_middle_entry_is_found,
    tamper_delete_the_last_entry_is_found,
    tamper_insert_an_entry_is_found,
    tamper_swap_two_entries_is_found,
    the_snapshot_is_shared_until_a_write_and_then_follows_it,
);

/// The cached snapshot must never serve data older than the last write: a stale case would
/// show a reader a record that was hidden since, or miss a new observation.
async fn the_snapshot_is_shared_until_a_write_and_then_follows_it<S: Store>(s: S) {
    s.import_case(&mini(), "secretariat").await.unwrap();
    let first = s.snapshot().await.unwrap();
    assert_eq!(json_of(&first.case), json_of(&s.load_case().await.unwrap()));
    assert_eq!(
        first.records.iter().filter(|r| r.kind == RecordKind::Area).count(),
        s.list_records(RecordKind::Area).await.unwrap().len()
    );
    // Nothing written: the same snapshot, not a copy.
    assert!(std::sync::Arc::ptr_eq(&first, &s.snapshot().await.unwrap()));
    // A clone of the store (another request's handle) shares it too.
    assert!(std::sync::Arc::ptr_eq(&first, &s.clone().snapshot().await.unwrap()));
    // Views: made once per key and shared; another key is another view; an error is not kept.
    let areas = |n: usize| move |snap: &tahawul_store::Snapshot| Ok::<_, ()>(snap.case.areas.len() + n);
    let a = first.view(("areas", 1), areas(0)).unwrap();
    assert!(std::sync::Arc::ptr_eq(&a, &first.view(("areas", 1), areas(100)).unwrap()), "made once");
    assert_eq!(*first.view(("areas", 2), areas(100)).unwrap(), first.case.areas.len() + 100);
    assert!(first.view(("failing", 1), |_| Err::<usize, _>("no")).is_err());
    assert_eq!(*first.view(("failing", 1), areas(7)).unwrap(), first.case.areas.len() + 7, "the error was not kept");

    let north = s.get_record(RecordKind::Area, "north").await.unwrap();
    let mut body = north.body.clone();
    body["name"]["en"] = json!("North (renamed)");
    let write = RecordWrite {
        kind: RecordKind::Area,
        id: "north".into(),
        body,
        owner_party: Some("us".into()),
        shared: false,
        releasable: false,
    };
    s.put_record(write, Some(1), "alice").await.unwrap();
    let second = s.snapshot().await.unwrap();
    assert!(second.seq > first.seq);
    // A new snapshot starts without the old one's views.
    assert_eq!(*second.view(("areas", 1), areas(5)).unwrap(), second.case.areas.len() + 5);
    let area = second.case.areas.iter().find(|a| a.id.as_str() == "north").unwrap();
    assert_eq!(area.name.en, "North (renamed)");
    let rec = second.records.iter().find(|r| r.kind == RecordKind::Area && r.id == "north").unwrap();
    assert_eq!((rec.version, rec.shared, rec.owner_party.as_deref()), (2, false, Some("us")));

    // Observations are writes too.
    let before = second.case.observations.len();
    let mut o = second.case.observations[0].clone();
    o.period = "2031".parse().unwrap();
    s.insert_observations(&[o.clone()], "alice").await.unwrap();
    assert_eq!(s.snapshot().await.unwrap().case.observations.len(), before + 1);
    // A snapshot reads only the observations added since the one before it; the case it
    // builds must still be the whole case, in import order, after several batches.
    for (n, year) in ["2032", "2033"].into_iter().enumerate() {
        let mut batch = vec![o.clone(), o.clone()];
        batch[0].period = year.parse().unwrap();
        batch[1].value += n as f64 + 1.0;
        s.insert_observations(&batch, "alice").await.unwrap();
    }
    let third = s.snapshot().await.unwrap();
    assert_eq!(third.case.observations.len(), before + 5);
    assert_eq!(json_of(&third.case), json_of(&s.load_case().await.unwrap()));

    // Records changed since the kept snapshot are read again one by one: created, updated and
    // deleted ones must leave the case and the records exactly as a whole read gives them.
    let area = |id: &str, en: &str| {
        let mut b = north.body.clone();
        b["id"] = json!(id);
        b["name"]["en"] = json!(en);
        RecordWrite {
            kind: RecordKind::Area,
            id: id.into(),
            body: b,
            owner_party: None,
            shared: true,
            releasable: false,
        }
    };
    s.put_record(area("east", "East"), None, "alice").await.unwrap();
    s.put_record(area("west", "West"), None, "alice").await.unwrap();
    let fourth = s.snapshot().await.unwrap();
    assert_eq!(fourth.case.areas.last().map(|a| a.id.as_str()), Some("west"), "a new record comes last of its kind");
    s.put_record(area("east", "East (renamed)"), Some(1), "alice").await.unwrap();
    s.delete_record(RecordKind::Area, "west", 1, "alice").await.unwrap();
    let fifth = s.snapshot().await.unwrap();
    assert!(fifth.case.areas.iter().any(|a| a.name.en == "East (renamed)"));
    assert!(!fifth.case.areas.iter().any(|a| a.id.as_str() == "west"));
    assert_eq!(json_of(&fifth.case), json_of(&s.load_case().await.unwrap()));
    let mut stored = std::collections::BTreeSet::new();
    for kind in RecordKind::ALL {
        for r in s.list_records(kind).await.unwrap() {
            stored.insert((kind, r.id, r.version, r.shared, r.body.to_string()));
        }
    }
    let kept: std::collections::BTreeSet<_> =
        fifth.records.iter().map(|r| (r.kind, r.id.clone(), r.version, r.shared, r.body.to_string())).collect();
    assert_eq!(kept, stored);
    assert_eq!(fifth.records.len(), stored.len(), "no record twice");
}

fn json_of(case: &Case) -> Value {
    serde_json::to_value(case).unwrap()
}

async fn audit_len<S: Store>(s: &S) -> u64 {
    s.verify_audit().await.unwrap().len
}

async fn mini_case_loads_back_equal<S: Store>(s: S) {
    let case = mini();
    let summary = s.import_case(&case, "secretariat").await.unwrap();
    assert_eq!(summary.observations as usize, case.observations.len());
    let back = s.load_case().await.unwrap();
    assert_eq!(json_of(&back), json_of(&case));
    // The loaded case is one the domain accepts and can evaluate.
    assert!(tahawul_domain::bundle::check(&back).is_empty());
    assert_eq!(audit_len(&s).await, summary.audit_entries);
}

async fn founding_case_loads_back_equal<S: Store>(s: S) {
    let case = load("examples/iraq-hmc");
    s.import_case(&case, "secretariat").await.unwrap();
    assert_eq!(json_of(&s.load_case().await.unwrap()), json_of(&case));
    assert_eq!(s.count_observations().await.unwrap() as usize, case.observations.len());
}

async fn a_second_import_is_refused<S: Store>(s: S) {
    s.import_case(&mini(), "secretariat").await.unwrap();
    let before = audit_len(&s).await;
    assert!(matches!(s.import_case(&mini(), "secretariat").await, Err(StoreError::Invalid(_))));
    assert_eq!(audit_len(&s).await, before);
}

async fn a_stale_write_is_a_conflict_and_changes_nothing<S: Store>(s: S) {
    s.import_case(&mini(), "secretariat").await.unwrap();
    let north = s.get_record(RecordKind::Area, "north").await.unwrap();
    assert_eq!(north.version, 1);
    let mut body = north.body.clone();
    body["name"]["en"] = json!("North (renamed)");
    let write = |body: Value| RecordWrite {
        kind: RecordKind::Area,
        id: "north".into(),
        body,
        owner_party: None,
        shared: true,
        releasable: true,
    };
    let v2 = s.put_record(write(body.clone()), Some(1), "alice").await.unwrap();
    assert_eq!((v2.version, v2.updated_by.as_str(), v2.releasable), (2, "alice", true));
    let entries = audit_len(&s).await;

    // Bob read version 1 too; his write comes second.
    let mut stale = north.body.clone();
    stale["name"]["en"] = json!("North (bob)");
    match s.put_record(write(stale.clone()), Some(1), "bob").await {
        Err(StoreError::Conflict { current_version }) => assert_eq!(current_version, Some(2)),
        other => panic!("expected a conflict, got {other:?}"),
    }
    assert_eq!(s.get_record(RecordKind::Area, "north").await.unwrap(), v2);
    assert_eq!(audit_len(&s).await, entries);

    assert!(matches!(
        s.put_record(write(stale), None, "bob").await,
        Err(StoreError::Conflict { current_version: Some(2) })
    ));
    assert!(matches!(
        s.delete_record(RecordKind::Area, "north", 1, "bob").await,
        Err(StoreError::Conflict { current_version: Some(2) })
    ));
    let mut ghost = body.clone();
    ghost["id"] = json!("ghost");
    let ghost_write = RecordWrite { id: "ghost".into(), ..write(ghost) };
    assert!(matches!(s.put_record(ghost_write.clone(), Some(1), "bob").await, Err(StoreError::NotFound(_))));
    assert_eq!(s.put_record(ghost_write, None, "bob").await.unwrap().version, 1);
    s.delete_record(RecordKind::Area, "ghost", 1, "bob").await.unwrap();
    assert!(matches!(s.get_record(RecordKind::Area, "ghost").await, Err(StoreError::NotFound(_))));
    assert_eq!(audit_len(&s).await, entries + 2);
}

async fn bodies_are_checked_by_their_domain_type<S: Store>(s: S) {
    s.import_case(&mini(), "secretariat").await.unwrap();
    let north = s.get_record(RecordKind::Area, "north").await.unwrap();
    let put = |id: &str, body: Value| RecordWrite {
        kind: RecordKind::Area,
        id: id.into(),
        body,
        owner_party: None,
        shared: false,
        releasable: false,
    };
    let mut bad_id = north.body.clone();
    bad_id["id"] = json!("Not An Id");
    assert!(matches!(s.put_record(put("Not An Id", bad_id), None, "x").await, Err(StoreError::Invalid(_))));
    let mut bad_kind = north.body.clone();
    bad_kind["kind"] = json!("planet");
    assert!(matches!(s.put_record(put("north", bad_kind), Some(1), "x").await, Err(StoreError::Invalid(_))));
    assert!(
        matches!(s.put_record(put("south", north.body.clone()), None, "x").await, Err(StoreError::Invalid(p)) if p[0].at == "id")
    );
    assert!(matches!(s.put_record(put("x", json!(null)), None, "x").await, Err(StoreError::Invalid(_))));
    assert!(
        matches!(s.put_record(put("north", north.body.clone()), Some(1), " ").await, Err(StoreError::Invalid(p)) if p[0].at == "actor")
    );
    assert_eq!(s.get_record(RecordKind::Area, "north").await.unwrap(), north);
}

fn observation(case: &Case, area: &str, value: f64) -> Observation {
    let mut o = case.observations.iter().find(|o| o.factor.as_str() == "threat").expect("a threat observation").clone();
    o.area = tahawul_domain::Id::parse(area).unwrap();
    o.value = value;
    o
}

async fn one_bad_observation_and_none_is_written<S: Store>(s: S) {
    let case = mini();
    s.import_case(&case, "secretariat").await.unwrap();
    let n = s.count_observations().await.unwrap();
    let entries = audit_len(&s).await;
    let batch = vec![
        observation(&case, "north", 3.0),
        observation(&case, "country", 4.0),
        observation(&case, "atlantis", 5.0),
        observation(&case, "north", -1.0),
    ];
    match s.insert_observations(&batch, "wg").await {
        Err(StoreError::Invalid(problems)) => {
            let at: Vec<&str> = problems.iter().map(|p| p.at.as_str()).collect();
            assert_eq!(at, ["row 3", "row 4"], "{problems:?}");
        }
        other => panic!("expected the bad rows listed, got {other:?}"),
    }
    assert_eq!(s.count_observations().await.unwrap(), n);
    assert_eq!(audit_len(&s).await, entries);

    let summary = s.insert_observations(&batch[..2], "wg").await.unwrap();
    assert_eq!((summary.observations, summary.audit_entries), (2, 1));
    assert_eq!(s.count_observations().await.unwrap(), n + 2);
    let north =
        s.list_observations(&ObservationFilter { area: Some("north".into()), ..Default::default() }).await.unwrap();
    assert_eq!(north.last().unwrap().observation.value, 3.0);
    let last = s.audit_entries(entries, 10).await.unwrap();
    assert_eq!((last.len(), last[0].kind.as_str(), last[0].actor.as_str()), (1, "observations", "wg"));
    assert_eq!(last[0].after.as_ref().unwrap()["count"], json!(2));
}

async fn csv_import_is_all_or_nothing<S: Store>(s: S) {
    s.import_case(&mini(), "secretariat").await.unwrap();
    let n = s.count_observations().await.unwrap();
    let header =
        "indicator,area,period,value,scale_version,publisher,method,as_of,confidence,illustrative,document,note\n";
    let good = "threat.attacks,north,2025-01,7,,office,count,2025-02-05,high,false,,\n";
    let bad = format!(
        "{header}{good}threat.attacks,atlantis,2025-02,8,,office,count,2025-03-05,high,false,,\nthreat.nope,north,2025-03,8,,office,count,2025-04-05,high,false,,\n"
    );
    match s.import_observations_csv("new.csv", &bad, "wg").await {
        Err(StoreError::Rejected(d)) => {
            let lines: Vec<u32> = d.iter().map(|d| d.line).collect();
            assert!(lines.contains(&3) && lines.contains(&4), "{d:?}");
        }
        other => panic!("expected every bad line, got {other:?}"),
    }
    assert_eq!(s.count_observations().await.unwrap(), n);
    s.import_observations_csv("new.csv", &format!("{header}{good}"), "wg").await.unwrap();
    assert_eq!(s.count_observations().await.unwrap(), n + 1);
}

async fn assessments_need_both_heads_and_returns_need_reasons<S: Store>(s: S) {
    s.import_case(&mini(), "secretariat").await.unwrap();
    let existing = s.list_records(RecordKind::Assessment).await.unwrap().remove(0);
    let mut body = existing.body.clone();
    body["id"] = json!("cap-draft");
    body["state"] = json!("submitted");
    let write = |body: Value| RecordWrite {
        kind: RecordKind::Assessment,
        id: "cap-draft".into(),
        body,
        owner_party: Some("a".into()),
        shared: false,
        releasable: false,
    };
    assert!(
        matches!(s.put_record(write(body.clone()), None, "wg").await, Err(StoreError::Invalid(p)) if p[0].at == "body.state")
    );
    body["state"] = json!("draft");
    let r = s.put_record(write(body.clone()), None, "wg").await.unwrap();
    assert_eq!(r.owner_party.as_deref(), Some("a"));

    let endorse = |p: &str| WorkflowAction::Endorse { party: p.into() };
    let state = |r: &Record| r.body["state"].as_str().unwrap().to_string();
    assert!(matches!(s.assessment_step("cap-draft", endorse("a"), 1, "head-a").await, Err(StoreError::Invalid(_))));
    let r = s.assessment_step("cap-draft", WorkflowAction::Submit, 1, "wg").await.unwrap();
    assert_eq!((state(&r), r.version), ("submitted".into(), 2));
    let r = s.assessment_step("cap-draft", endorse("a"), 2, "head-a").await.unwrap();
    assert_eq!(state(&r), "submitted");
    assert!(matches!(s.assessment_step("cap-draft", endorse("a"), 3, "head-a").await, Err(StoreError::Invalid(_))));
    assert!(matches!(
        s.assessment_step("cap-draft", endorse("b"), 2, "head-b").await,
        Err(StoreError::Conflict { current_version: Some(3) })
    ));
    let no_reason = WorkflowAction::Return { party: "b".into(), reasons: tahawul_domain::Text::new("", " ") };
    assert!(matches!(s.assessment_step("cap-draft", no_reason, 3, "head-b").await, Err(StoreError::Invalid(_))));
    let reasons = tahawul_domain::Text::new("Evidence is a year old", "الأدلة عمرها سنة");
    let r = s
        .assessment_step(
            "cap-draft",
            WorkflowAction::Return { party: "b".into(), reasons: reasons.clone() },
            3,
            "head-b",
        )
        .await
        .unwrap();
    assert_eq!(state(&r), "returned");
    // An edit may not move the state.
    let mut edited = r.body.clone();
    edited["state"] = json!("endorsed");
    assert!(matches!(s.put_record(write(edited), Some(4), "wg").await, Err(StoreError::Invalid(_))));
    s.assessment_step("cap-draft", WorkflowAction::Submit, 4, "wg").await.unwrap();
    s.assessment_step("cap-draft", endorse("b"), 5, "head-b").await.unwrap();
    let r = s.assessment_step("cap-draft", endorse("a"), 6, "head-a").await.unwrap();
    assert_eq!((state(&r), r.version), ("endorsed".into(), 7));

    let h = s.assessment_history("cap-draft").await.unwrap();
    let steps: Vec<(&str, &str)> = h.iter().map(|st| (st.action.name(), st.actor.as_str())).collect();
    assert_eq!(
        steps,
        [
            ("submit", "wg"),
            ("endorse", "head-a"),
            ("return", "head-b"),
            ("submit", "wg"),
            ("endorse", "head-b"),
            ("endorse", "head-a")
        ]
    );
    assert_eq!(h[2].action, WorkflowAction::Return { party: "b".into(), reasons });
    assert!(h.iter().all(|st| !st.at.is_empty()));
    assert!(s.verify_audit().await.is_ok());
}

fn new_user(name: &str, role: Role, party: Option<&str>, factor: Option<&str>) -> NewUser {
    NewUser {
        name: name.into(),
        display_name: name.to_uppercase(),
        role,
        party: party.map(Into::into),
        factor: factor.map(Into::into),
        password: format!("{name}-long-password"),
    }
}

async fn users_roles_passwords_and_tokens<S: Store>(s: S) {
    s.import_case(&mini(), "system").await.unwrap();
    s.create_user(new_user("sec", Role::Secretariat, None, None), "system").await.unwrap();
    s.create_user(new_user("head-a", Role::DelegationHead, Some("a"), None), "sec").await.unwrap();
    s.create_user(new_user("wg", Role::WorkingGroupMember, Some("a"), Some("threat")), "sec").await.unwrap();
    s.create_user(new_user("aud", Role::Auditor, None, None), "sec").await.unwrap();
    for bad in [
        new_user("head-x", Role::DelegationHead, None, None),
        new_user("head-y", Role::DelegationHead, Some("nowhere"), None),
        new_user("wg2", Role::WorkingGroupMember, None, Some("weather")),
        new_user("Bad Name", Role::Auditor, None, None),
        NewUser { password: "short".into(), ..new_user("shorty", Role::Auditor, None, None) },
        new_user("sec", Role::Secretariat, None, None),
    ] {
        let name = bad.name.clone();
        assert!(matches!(s.create_user(bad, "sec").await, Err(StoreError::Invalid(_))), "{name} was accepted");
    }
    let users = s.list_users().await.unwrap();
    let names: Vec<&str> = users.iter().map(|u| u.name.as_str()).collect();
    assert_eq!(names, ["aud", "head-a", "sec", "wg"]);
    assert_eq!(s.get_user("wg").await.unwrap().factor.as_deref(), Some("threat"));

    assert_eq!(s.verify_password("head-a", "head-a-long-password").await.unwrap().unwrap().role, Role::DelegationHead);
    assert!(s.verify_password("head-a", "wrong-password!").await.unwrap().is_none());
    assert!(s.verify_password("nobody", "whatever-password").await.unwrap().is_none());

    let (info, token) = s.create_token("wg", "import script", "sec").await.unwrap();
    assert_eq!(s.verify_token(&token.token).await.unwrap().unwrap().name, "wg");
    assert!(s.verify_token(&token.token.replace(&token.prefix, "00000000")).await.unwrap().is_none());
    assert!(s.verify_token("garbage").await.unwrap().is_none());
    let (_, token2) = s.create_token("wg", "second", "sec").await.unwrap();
    s.revoke_token(&info.prefix, "sec").await.unwrap();
    assert!(s.verify_token(&token.token).await.unwrap().is_none());
    assert!(matches!(s.revoke_token(&info.prefix, "sec").await, Err(StoreError::NotFound(_))));
    let listed = s.list_tokens(Some("wg")).await.unwrap();
    assert_eq!(listed.len(), 2);
    assert!(listed.iter().any(|t| t.prefix == info.prefix && t.revoked_at.is_some()));
    // Everyone's tokens in one read (the users page): these two and another user's.
    let (other, _) = s.create_token("head-a", "laptop", "sec").await.unwrap();
    let everyone = s.list_tokens(None).await.unwrap();
    assert_eq!(everyone.len(), 3, "{everyone:?}");
    assert!(everyone.iter().any(|t| t.prefix == other.prefix && t.user == "head-a"));
    assert_eq!(everyone.iter().filter(|t| t.user == "wg").count(), 2);

    // A disabled user can neither sign in nor use a token.
    assert!(s.verify_token(&token2.token).await.unwrap().is_some());
    let u = s.disable_user("wg", "sec").await.unwrap();
    assert!(u.disabled);
    assert!(s.verify_password("wg", "wg-long-password").await.unwrap().is_none());
    assert!(s.verify_token(&token2.token).await.unwrap().is_none());
    assert!(matches!(s.create_token("wg", "third", "sec").await, Err(StoreError::Invalid(_))));

    // The audit log never holds a password or a token secret.
    let all = s.audit_entries(0, 1_000).await.unwrap();
    let text = serde_json::to_string(&all).unwrap();
    assert!(!text.contains("long-password") && !text.contains(&token.token) && !text.contains(&token.hash));
    assert!(all.iter().any(|e| e.kind == "user" && e.action == "disable" && e.actor == "sec"));
}

async fn every_write_is_audited_and_the_chain_verifies<S: Store>(s: S) {
    let summary = s.import_case(&mini(), "secretariat").await.unwrap();
    assert_eq!(summary.audit_entries, summary.records + 1, "one entry per record and one for the observations");
    let entries = s.audit_entries(0, 10_000).await.unwrap();
    assert_eq!(entries.len() as u64, summary.audit_entries);
    assert!(entries.iter().all(|e| e.actor == "secretariat" && e.before.is_none() && e.after.is_some()));

    let north = s.get_record(RecordKind::Area, "north").await.unwrap();
    let mut body = north.body.clone();
    body["name"]["ar"] = json!("الشمال");
    s.put_record(
        RecordWrite {
            kind: RecordKind::Area,
            id: "north".into(),
            body: body.clone(),
            owner_party: None,
            shared: true,
            releasable: false,
        },
        Some(1),
        "alice",
    )
    .await
    .unwrap();
    let e = s.audit_entries(summary.audit_entries, 10).await.unwrap();
    assert_eq!(e.len(), 1);
    let e = &e[0];
    assert_eq!(
        (e.seq, e.action.as_str(), e.kind.as_str(), e.record_id.as_str(), e.actor.as_str()),
        (summary.audit_entries + 1, "update", "area", "north", "alice")
    );
    assert_eq!(e.before.as_ref().unwrap()["body"], north.body);
    assert_eq!(e.after.as_ref().unwrap()["body"], body);
    assert!(e.at.ends_with('Z') && e.at.parse::<jiff::Timestamp>().is_ok(), "{}", e.at);
    let v = s.verify_audit().await.unwrap();
    assert_eq!((v.len, v.head.seq), (summary.audit_entries + 1, summary.audit_entries + 1));
}

/// A store with a case and a few more writes: a chain of a dozen entries or more.
async fn written<S: Store>(s: &S) -> u64 {
    s.import_case(&mini(), "secretariat").await.unwrap();
    s.create_user(new_user("sec", Role::Secretariat, None, None), "secretariat").await.unwrap();
    s.disable_user("sec", "secretariat").await.unwrap();
    let v = s.verify_audit().await.unwrap();
    assert!(v.len >= 6, "{v:?}");
    v.len
}

async fn expect_break<S: Store>(s: &S, seq: u64, kind: fn(&BreakKind) -> bool) {
    match s.verify_audit().await {
        Err(StoreError::AuditBroken(ChainBreak { seq: at, kind: k })) => {
            assert_eq!(at, seq, "break reported at the wrong seq: {k}");
            assert!(kind(&k), "unexpected kind of break: {k:?}");
        }
        other => panic!("tampering not detected: {other:?}"),
    }
}

async fn tamper_edit_a_field_is_found<S: Raw>(s: S) {
    written(&s).await;
    s.raw("UPDATE audit_log SET actor = 'mallory' WHERE seq = 3").await;
    expect_break(&s, 3, |k| *k == BreakKind::Edited).await;
}

async fn tamper_delete_a_middle_entry_is_found<S: Raw>(s: S) {
    written(&s).await;
    s.raw("DELETE FROM audit_log WHERE seq = 4").await;
    expect_break(&s, 4, |k| matches!(k, BreakKind::Missing { found: 5 })).await;
}

async fn tamper_delete_the_last_entry_is_found<S: Raw>(s: S) {
    let n = written(&s).await;
    s.raw(&format!("DELETE FROM audit_log WHERE seq = {n}")).await;
    expect_break(&s, n, |k| matches!(k, BreakKind::Truncated { .. })).await;
}

async fn tamper_insert_an_entry_is_found<S: Raw>(s: S) {
    let n = written(&s).await;
    // A well-formed forged entry, hashed and linked to the last one: only the head tells.
    let last = s.audit_entries(n - 1, 1).await.unwrap().remove(0);
    let draft = tahawul_ledger::EntryDraft {
        at: last.at.clone(),
        actor: "mallory".into(),
        action: "update".into(),
        kind: "area".into(),
        record_id: "north".into(),
        before: None,
        after: Some(json!({})),
    };
    let (forged, _) = tahawul_ledger::ChainHead { seq: n, hash: last.hash.clone() }.append(draft);
    s.raw(&format!(
        "INSERT INTO audit_log (seq, at, actor, action, kind, record_id, before, after, prev_hash, hash) \
         VALUES ({}, '{}', 'mallory', 'update', 'area', 'north', NULL, '{{}}', '{}', '{}')",
        forged.seq, forged.at, forged.prev_hash, forged.hash
    ))
    .await;
    expect_break(&s, n + 1, |k| matches!(k, BreakKind::BeyondHead { .. })).await;
    // And one slipped in before the last entry, with the later ones renumbered.
    s.raw(&format!("DELETE FROM audit_log WHERE seq = {}", n + 1)).await;
    s.raw(&format!("UPDATE audit_log SET seq = seq + 100 WHERE seq >= {n}")).await;
    s.raw(&format!("UPDATE audit_log SET seq = seq - 99 WHERE seq >= {}", n + 100)).await;
    let prev = s.audit_entries(n - 2, 1).await.unwrap().remove(0);
    let draft = tahawul_ledger::EntryDraft {
        at: prev.at.clone(),
        actor: "mallory".into(),
        action: "update".into(),
        kind: "area".into(),
        record_id: "north".into(),
        before: None,
        after: None,
    };
    let (forged, _) = tahawul_ledger::ChainHead { seq: n - 1, hash: prev.hash.clone() }.append(draft);
    s.raw(&format!(
        "INSERT INTO audit_log (seq, at, actor, action, kind, record_id, before, after, prev_hash, hash) \
         VALUES ({}, '{}', 'mallory', 'update', 'area', 'north', NULL, NULL, '{}', '{}')",
        forged.seq, forged.at, forged.prev_hash, forged.hash
    ))
    .await;
    expect_break(&s, n + 1, |k| matches!(k, BreakKind::Inserted { .. })).await;
}

async fn tamper_swap_two_entries_is_found<S: Raw>(s: S) {
    written(&s).await;
    s.raw("UPDATE audit_log SET seq = 0 WHERE seq = 2").await;
    s.raw("UPDATE audit_log SET seq = 2 WHERE seq = 3").await;
    s.raw("UPDATE audit_log SET seq = 3 WHERE seq = 0").await;
    expect_break(&s, 2, |k| matches!(k, BreakKind::Reordered { follows: 3 })).await;
}
