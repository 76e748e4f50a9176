//! The working pages over real HTTP, as a browser without scripts uses them: forms with the
//! session's CSRF token, redirects after each write. The assessment workflow from draft to
//! endorsement (with a return on the way), the refusals (wrong role, stale version, no
//! reasons, a partner asking for a delegation's draft by URL), users for the secretariat,
//! the audit log for auditors, settings stored with the user. SQLite and PostgreSQL.

use crate::helpers;

use helpers::both;

use helpers::forms::{csrf_of, reader};
use helpers::{Db, TestApp, spawn_app};
use tahawul_store::{RecordKind, prelude::*};

const ID: &str = "threat-kurdistan-region-2026q4";
const NARRATIVE_EN: &str = "Attacks in the Kurdistan Region stayed below three a month.";
const NARRATIVE_AR: &str = "بقيت الهجمات في إقليم كردستان دون ثلاث هجمات شهريًا.";

fn assert_translated(page: &str) {
    assert!(!page.contains('⟦'), "a message is missing:\n{page}");
}

async fn state_of(app: &TestApp, id: &str) -> (String, i64, bool) {
    let r = app.store.get_record(RecordKind::Assessment, id).await.unwrap();
    (r.body["state"].as_str().unwrap().to_string(), r.version, r.shared)
}

fn draft_fields<'a>(narrative_en: &'a str, cycle: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("factor", "threat"),
        ("area", "kurdistan-region"),
        ("cycle", cycle),
        ("rating", "met"),
        ("narrative_en", narrative_en),
        ("narrative_ar", NARRATIVE_AR),
        ("evidence", "figures"),
        ("evidence", "004_64624819ae7051c0"),
    ]
}

async fn the_assessment_workflow_runs_through_the_forms(db: Db) {
    let app = spawn_app(db).await;
    let wg = reader(&app, "wg-threat").await;
    let before = app.store.list_records(RecordKind::Assessment).await.unwrap().len();

    // The form: labelled fields, the working group's own factor only.
    let (status, page) = wg.get("/assessments/new").await;
    assert_eq!(status, 200);
    for id in ["cycle", "narrative_en", "narrative_ar", "rating", "area"] {
        assert!(page.contains(&format!(r#"<label for="{id}">"#)), "{id} labelled");
    }
    assert!(!page.contains(r#"value="capability""#), "only their factor");

    // Without the token: 403, nothing written.
    let mut no_token = draft_fields(NARRATIVE_EN, "2026-Q4");
    no_token.push(("csrf", "forged"));
    let (status, _, _) = wg.post_raw("/assessments/new", &no_token).await;
    assert_eq!(status, 403);

    // Bad input: every problem named at its field, the typed text kept, nothing written.
    let mut bad = draft_fields(NARRATIVE_EN, "Q4 2026");
    bad.retain(|(k, _)| *k != "narrative_ar");
    let (status, _, page) = wg.post("/assessments/new", "/assessments/new", &bad).await;
    assert_eq!(status, 422, "{page}");
    assert!(page.contains("“Q4 2026” is not a period"), "{page}");
    assert!(page.contains("Write the narrative in Arabic."));
    assert!(page.contains(NARRATIVE_EN), "what was typed is kept");
    assert_eq!(app.store.list_records(RecordKind::Assessment).await.unwrap().len(), before, "nothing written");

    // A good draft: its id from factor, area and period.
    let (status, location, _) =
        wg.post("/assessments/new", "/assessments/new", &draft_fields(NARRATIVE_EN, "2026-Q4")).await;
    assert_eq!((status, location.as_str()), (303, "/assessments/threat-kurdistan-region-2026q4"));
    assert_eq!(state_of(&app, ID).await, ("draft".into(), 1, false));
    let (status, page) = wg.get(&format!("/assessments/{ID}")).await;
    assert_eq!(status, 200);
    assert!(page.contains(NARRATIVE_EN) && page.contains(NARRATIVE_AR));
    assert!(page.contains("No step yet"));

    // A coalition partner and the other delegation cannot open the draft, nor see it listed.
    for who in ["partner", "iq-head"] {
        let r = reader(&app, who).await;
        let (status, page) = r.get(&format!("/assessments/{ID}")).await;
        assert_eq!(status, 404, "{who} by URL");
        assert!(!page.contains(NARRATIVE_EN), "{who}: no content leaks");
        let (_, list) = r.get("/assessments").await;
        assert!(!list.contains(ID), "{who}: not listed");
    }

    // An edit at the version read; then the same stale version is refused, nothing changed.
    let here = format!("/assessments/{ID}");
    let edited = "Attacks stayed below three a month; one cell was dismantled.";
    let mut edit = draft_fields(edited, "2026-Q4");
    edit.push(("version", "1"));
    let (status, location, _) = wg.post(&here, &format!("{here}/edit"), &edit).await;
    assert_eq!((status, location.as_str()), (303, here.as_str()));
    assert_eq!(state_of(&app, ID).await.1, 2);
    let mut stale = draft_fields("A change made on an old copy.", "2026-Q4");
    stale.push(("version", "1"));
    let (status, _, page) = wg.post(&here, &format!("{here}/edit"), &stale).await;
    assert_eq!(status, 409);
    assert!(page.contains("Someone else changed this"), "{page}");
    let stored = app.store.get_record(RecordKind::Assessment, ID).await.unwrap();
    assert_eq!(stored.body["narrative"]["en"], edited);

    // Submit: shared with both delegations in the same step.
    let (status, _, _) = wg.post(&here, &format!("{here}/submit"), &[("version", "2")]).await;
    assert_eq!(status, 303);
    assert_eq!(state_of(&app, ID).await, ("submitted".into(), 3, true));

    // A delegation member may not endorse: a 403 page in the reader's language.
    let member = reader(&app, "us-member").await;
    let (status, _, page) = member.post(&here, &format!("{here}/endorse"), &[("version", "3")]).await;
    assert_eq!(status, 403);
    assert!(page.contains("Your role does not allow this."), "{page}");
    member.get("/lang/ar?next=/dashboard").await;
    let (status, _, page) = member.post(&here, &format!("{here}/endorse"), &[("version", "3")]).await;
    assert_eq!(status, 403);
    assert!(page.contains(r#"dir="rtl""#) && page.contains("لا يسمح دورك"));
    assert_eq!(state_of(&app, ID).await.1, 3, "nothing changed");

    // A return needs reasons.
    let iq = reader(&app, "iq-head").await;
    let (_, page) = iq.get(&here).await;
    assert!(page.contains(r#"id="endorse""#) && page.contains(r#"id="return""#));
    let (status, _, page) =
        iq.post(&here, &format!("{here}/return"), &[("version", "3"), ("reasons_en", "  "), ("reasons_ar", "")]).await;
    assert_eq!(status, 422);
    assert!(page.contains("A return needs reasons"), "{page}");
    assert_eq!(state_of(&app, ID).await.0, "submitted");

    // The US head endorses; the Iraqi head returns it with reasons, shown in the history.
    let us = reader(&app, "us-head").await;
    let (status, _, _) = us.post(&here, &format!("{here}/endorse"), &[("version", "3")]).await;
    assert_eq!(status, 303);
    assert_eq!(state_of(&app, ID).await, ("submitted".into(), 4, true));
    let (_, page) = us.get(&here).await;
    assert!(!page.contains(r#"id="endorse""#), "a head endorses once per submission");
    let reasons = "The figures for October are missing.";
    let (status, _, _) = iq
        .post(
            &here,
            &format!("{here}/return"),
            &[("version", "4"), ("reasons_en", reasons), ("reasons_ar", "أرقام أكتوبر ناقصة.")],
        )
        .await;
    assert_eq!(status, 303);
    assert_eq!(state_of(&app, ID).await.0, "returned");
    let (_, page) = wg.get(&here).await;
    assert!(page.contains(reasons) && page.contains("أرقام أكتوبر ناقصة."));
    assert!(page.contains("returned by Republic of Iraq"), "{page}");

    // Resubmitted, endorsed by both heads.
    let (status, _, _) = wg.post(&here, &format!("{here}/submit"), &[("version", "5")]).await;
    assert_eq!(status, 303);
    for (head, v) in [(&us, "6"), (&iq, "7")] {
        let (status, _, page) = head.post(&here, &format!("{here}/endorse"), &[("version", v)]).await;
        assert_eq!(status, 303, "{page}");
    }
    assert_eq!(state_of(&app, ID).await.0, "endorsed");
    let (_, page) = wg.get(&here).await;
    let steps = app.store.assessment_history(ID).await.unwrap();
    assert_eq!(steps.len(), 6, "submit, endorse, return, submit, endorse, endorse");
    assert!(page.contains(r#"id="history""#));
    assert!(!page.contains(r#"id="submit""#), "an endorsed assessment is closed");

    // The list filters by state.
    let (_, page) = wg.get("/assessments?state=endorsed&area=kurdistan-region").await;
    assert!(page.contains(ID));
    let (_, page) = wg.get("/assessments?state=draft&area=kurdistan-region").await;
    assert!(!page.contains(ID));
}

async fn auditors_read_the_audit_log_and_write_nothing(db: Db) {
    let app = spawn_app(db).await;
    let auditor = reader(&app, "auditor").await;
    let (status, page) = auditor.get("/users").await;
    assert_eq!(status, 403);
    assert!(page.contains("Your role does not allow this."));

    let (status, page) = auditor.get("/audit").await;
    assert_eq!(status, 200);
    let chain = app.store.verify_audit().await.unwrap();
    assert!(page.contains(&format!("every entry up to seq {} is intact", chain.head.seq)), "{page}");
    assert_eq!(page.matches(r#"method="post""#).count(), 1, "only the sign-out form: {page}");
    assert!(page.contains(r#"rel="next""#), "more than one page of entries");
    let (status, page) = auditor.get("/audit?page=2").await;
    assert_eq!(status, 200);
    assert!(page.contains("Page 2 of"), "{page}");
    for path in ["/assessments", "/settings"] {
        let (status, _) = auditor.get(path).await;
        assert_eq!(status, 200, "{path}");
    }
    let (_, page) = auditor.get("/assessments").await;
    assert!(!page.contains("/assessments/new"), "no way to draft");
    let (status, _) = auditor.get("/assessments/new").await;
    assert_eq!(status, 403);

    // Others than the auditors and the secretariat get 403.
    let partner = reader(&app, "partner").await;
    let (status, page) = partner.get("/audit").await;
    assert_eq!(status, 403);
    assert!(!page.contains("intact"));
}

async fn the_secretariat_manages_users(db: Db) {
    let app = spawn_app(db).await;
    let sec = reader(&app, "sec").await;
    let (status, page) = sec.get("/users").await;
    assert_eq!(status, 200);
    assert!(page.contains("wg-threat") && page.contains("working-group member"));

    // Every problem at its field, in the reader's words; nothing written.
    let (status, _, page) = sec
        .post(
            "/users",
            "/users",
            &[
                ("name", "Bad Name"),
                ("display_name", ""),
                ("role", "delegation-head"),
                ("party", ""),
                ("factor", "threat"),
                ("password", "short"),
            ],
        )
        .await;
    assert_eq!(status, 422);
    for words in [
        "The user name may use only",
        "Write the name to show.",
        "The password needs at least 12 characters.",
        "This role belongs to a party",
        "Only working-group members have a factor",
    ] {
        assert!(page.contains(words), "{words}:\n{page}");
    }
    assert_eq!(app.store.list_users().await.unwrap().len(), 7);

    let (status, location, _) = sec
        .post(
            "/users",
            "/users",
            &[
                ("name", "iq-member-2"),
                ("display_name", "عضو الوفد"),
                ("role", "delegation-member"),
                ("party", "iq"),
                ("factor", ""),
                ("password", "a long initial password"),
            ],
        )
        .await;
    assert_eq!((status, location.as_str()), (303, "/users"));
    let u = app.store.get_user("iq-member-2").await.unwrap();
    assert_eq!((u.party.as_deref(), u.disabled), (Some("iq"), false));
    // The same name again is refused at the name field.
    let (status, _, page) = sec
        .post(
            "/users",
            "/users",
            &[
                ("name", "iq-member-2"),
                ("display_name", "x"),
                ("role", "auditor"),
                ("password", "a long initial password"),
            ],
        )
        .await;
    assert_eq!(status, 422);
    assert!(page.contains("There is already a user iq-member-2"));

    // Disabling takes a confirm step: the list links to it, and a post without the step's
    // `confirm` (a one-click form) only shows the step again, changing nothing.
    let (_, list) = sec.get("/users").await;
    assert!(list.contains(r#"href="/users/iq-member-2/disable""#), "{list}");
    let (status, _, page) = sec.post("/users", "/users/iq-member-2/disable", &[]).await;
    assert_eq!(status, 200);
    assert!(page.contains("Disable iq-member-2?") && page.contains(r#"id="confirm-disable""#), "{page}");
    assert!(!app.store.get_user("iq-member-2").await.unwrap().disabled);
    let confirm = sec.page("/users/iq-member-2/disable").await;
    assert!(confirm.contains("will no longer be able to sign in"), "{confirm}");
    assert!(!app.store.get_user("iq-member-2").await.unwrap().disabled);
    // Confirmed: the user can no longer sign in, and the page says so.
    let (status, _, page) =
        sec.post("/users/iq-member-2/disable", "/users/iq-member-2/disable", &[("confirm", "1")]).await;
    assert_eq!(status, 200);
    assert!(page.contains("iq-member-2 is disabled and can no longer sign in."), "{page}");
    assert!(app.store.get_user("iq-member-2").await.unwrap().disabled);

    // Revoking a token listed on the page.
    let prefix = app.store.list_tokens(Some("partner")).await.unwrap()[0].prefix.clone();
    let (_, page) = sec.get("/users").await;
    assert!(page.contains(&prefix));
    let (status, _, _) = sec.post("/users", &format!("/users/tokens/{prefix}/revoke"), &[]).await;
    assert_eq!(status, 303);
    assert!(app.store.list_tokens(Some("partner")).await.unwrap()[0].revoked_at.is_some());

    // A delegation head cannot, whatever the form says.
    let head = reader(&app, "us-head").await;
    let (status, _) = head.get("/users").await;
    assert_eq!(status, 403);
    let (_, page) = head.get("/dashboard").await;
    let (status, _, _) = head
        .post_raw(
            "/users",
            &[
                ("csrf", csrf_of(&page).as_str()),
                ("name", "sneaky"),
                ("display_name", "x"),
                ("role", "secretariat"),
                ("password", "a long initial password"),
            ],
        )
        .await;
    assert_eq!(status, 403);
    assert!(app.store.get_user("sneaky").await.is_err());
    // Nor disable anyone: no confirm step, and a confirmed post is refused.
    assert_eq!(head.get("/users/us-member/disable").await.0, 403);
    let (status, _, _) =
        head.post_raw("/users/us-member/disable", &[("csrf", csrf_of(&page).as_str()), ("confirm", "1")]).await;
    assert_eq!(status, 403);
    assert!(!app.store.get_user("us-member").await.unwrap().disabled);
}

async fn settings_are_stored_with_the_user(db: Db) {
    let app = spawn_app(db).await;
    let r = reader(&app, "us-member").await;
    let (status, page) = r.get("/settings").await;
    assert_eq!(status, 200);
    assert!(page.contains(r#"<legend>Language of the pages</legend>"#));

    // An unknown value is refused, nothing stored.
    let (status, _, _) = r.post("/settings", "/settings", &[("lang", "fr"), ("digits", "latin")]).await;
    assert_eq!(status, 422);
    assert_eq!(app.store.get_user("us-member").await.unwrap().lang, None);

    let (status, location, _) = r.post("/settings", "/settings", &[("lang", "ar"), ("digits", "arabic-indic")]).await;
    assert_eq!((status, location.as_str()), (303, "/settings?saved=1"));
    let u = app.store.get_user("us-member").await.unwrap();
    assert_eq!((u.lang.as_deref(), u.digits.as_deref()), (Some("ar"), Some("arabic-indic")));
    let (_, page) = r.get("/settings?saved=1").await;
    assert!(page.contains(r#"<html lang="ar" dir="rtl">"#));
    assert!(page.contains("حُفظت إعداداتك"));

    // A new browser, no cookies: signing in brings the stored language and digits.
    let fresh = reader(&app, "us-member").await;
    let (_, page) = fresh.get("/dashboard").await;
    assert!(page.contains(r#"<html lang="ar" dir="rtl">"#), "{page}");
    let (_, page) = fresh.get("/audit").await;
    assert!(page.contains("لا يسمح دورك"));

    // The header's switch, signed in, saves the choice too.
    let (status, _) = fresh.get("/lang/en?next=/settings").await;
    assert_eq!(status, 303);
    assert_eq!(app.store.get_user("us-member").await.unwrap().lang.as_deref(), Some("en"));
    let other = reader(&app, "us-member").await;
    let (_, page) = other.get("/dashboard").await;
    assert!(page.contains(r#"<html lang="en" dir="ltr">"#));
}

async fn arabic_pages_are_right_to_left_and_translated(db: Db) {
    let app = spawn_app(db).await;
    for (user, paths) in [
        ("sec", &["/assessments", "/assessments/new", "/users", "/audit", "/settings"][..]),
        ("us-head", &["/assessments", "/assessments/threat-federal-iraq-2026q3"][..]),
    ] {
        let r = reader(&app, user).await;
        r.get("/lang/ar?next=/dashboard").await;
        r.get("/digits/arabic-indic?next=/dashboard").await;
        for path in paths {
            let (status, page) = r.get(path).await;
            assert_eq!(status, 200, "{path}");
            assert!(page.contains(r#"<html lang="ar" dir="rtl">"#), "{path}");
            assert_translated(&page);
        }
        let (_, page) = r.get("/audit?sort=seq&dir=asc").await;
        if user == "sec" {
            assert!(page.contains("السلسلة سليمة"), "{page}");
            assert!(page.contains("<td>١</td>"), "Arabic-Indic digits: {page}");
        }
    }
}

both!(
    the_assessment_workflow_runs_through_the_forms,
    auditors_read_the_audit_log_and_write_nothing,
    the_secretariat_manages_users,
    settings_are_stored_with_the_user,
    arabic_pages_are_right_to_left_and_translated,
);
