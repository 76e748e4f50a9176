//! The record pages over real HTTP: rounds and their minutes (tampering shown with the parts
//! that changed), statements in both languages with versions compared, the commitment ledger
//! with its chart and status form, and consultations where a partner sees only released
//! versions.

use crate::helpers;

use helpers::forms::{csrf_of, sign_in};
use helpers::{Db, TestApp, spawn_app};
use reqwest::Method;
use serde_json::json;
use tahawul_store::{RecordKind, prelude::*};

async fn get(c: &reqwest::Client, app: &TestApp, path: &str) -> (u16, String) {
    let res = c.get(app.url(path)).send().await.unwrap();
    (res.status().as_u16(), res.text().await.unwrap())
}

async fn story(db: Db) {
    let app = spawn_app(db).await;
    let sec = sign_in(&app, "sec").await;

    // Rounds: both founding rounds, JSCD 1's minutes verified.
    let (s, page) = get(&sec, &app, "/rounds").await;
    assert_eq!(s, 200);
    assert!(page.contains("JSCD 1") && page.contains("JSCD 2"), "{page}");
    assert!(page.contains("verified"), "{page}");
    let (s, page) = get(&sec, &app, "/rounds/jscd-1").await;
    assert_eq!(s, 200);
    assert!(page.contains(r#"data-state="verified""#), "{page}");
    assert!(page.contains("Celeste Wallander") && page.contains("Thabet"), "{page}");
    assert!(!page.contains(r#"id="changed-parts""#));
    // The minutes as PDF, from the link on the page, read back with poppler.
    assert!(page.contains(r#"id="minutes-pdf" href="/rounds/jscd-1/minutes.pdf""#), "{page}");
    let res = sec.get(app.url("/rounds/jscd-1/minutes.pdf")).send().await.unwrap();
    assert_eq!(res.status().as_u16(), 200);
    assert_eq!(res.headers()["content-type"], "application/pdf");
    assert_eq!(res.headers()["content-disposition"], r#"attachment; filename="jscd-1-minutes-en.pdf""#);
    let text = helpers::pdftotext(&res.bytes().await.unwrap());
    assert!(text.contains("Signatures of the heads of delegation") && text.contains("Thabet al-Abbasi"), "{text}");
    let (s, _) = get(&sec, &app, "/rounds/jscd-9/minutes.pdf").await;
    assert_eq!(s, 404, "an unknown round has no minutes");
    let res = sec.get(app.url("/commitments.pdf")).send().await.unwrap();
    assert_eq!(res.status().as_u16(), 200);
    assert!(helpers::pdftotext(&res.bytes().await.unwrap()).contains("Commitment ledger"));
    // Decisions link to the commitments they created.
    assert!(page.contains("/commitments?round=jscd-1#c-r1-"), "{page}");
    // The secretariat does not sign; a head gets the signing controls and the script.
    assert!(!page.contains(r#"id="sign""#));
    let head = sign_in(&app, "us-head").await;
    let (_, page) = get(&head, &app, "/rounds/jscd-1").await;
    assert!(page.contains(r#"id="sign""#) && page.contains("/assets/record-sign.js"), "{page}");
    let (s, js) = get(&head, &app, "/assets/record-sign.js").await;
    assert_eq!(s, 200);
    assert!(js.contains("Ed25519") && js.contains("x-csrf-token"));

    // Change a decision after signing: the page says so and marks the part.
    let r = app.store.get_record(RecordKind::Round, "jscd-1").await.unwrap();
    let mut body = r.body.clone();
    body["decisions"][1]["text"]["en"] = json!("The transition follows two factors.");
    let (s, _) = app
        .call("sec", Method::PUT, "/api/v1/rounds/jscd-1", Some(json!({ "body": body, "version": r.version })))
        .await;
    assert_eq!(s, 200);
    let (_, page) = get(&sec, &app, "/rounds/jscd-1").await;
    assert!(page.contains(r#"data-state="tampered""#), "{page}");
    assert!(page.contains(r#"id="changed-parts""#) && page.contains("changed: decision:jscd1-three-factors"), "{page}");
    assert!(page.contains(r#"id="decision-jscd1-three-factors" class="changed""#), "{page}");
    assert!(page.contains(r#"data-state="tampered""#));

    // Statement: draft from a page form, both languages side by side, then an Arabic edit and
    // the comparison.
    let (_, page) = get(&head, &app, "/rounds/jscd-2/statement").await;
    let csrf = csrf_of(&page);
    let res = head.post(app.url("/rounds/jscd-2/statement")).form(&[("csrf", csrf.as_str())]).send().await.unwrap();
    assert_eq!(res.status().as_u16(), 303);
    let (_, page) = get(&head, &app, "/rounds/jscd-2/statement").await;
    assert!(page.contains(r#"lang="ar" dir="rtl""#) && page.contains(r#"lang="en" dir="ltr""#));
    assert!(page.contains("Joint statement (draft)"), "{page}");
    let res = head
        .post(app.url("/rounds/jscd-2/statement/edit"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("lang", "en"),
            ("text", "Joint statement, as the US delegation reads it."),
            ("based_on", "1"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 303);
    let to = res.headers()["location"].to_str().unwrap().to_string();
    assert_eq!(to, "/rounds/jscd-2/statement?from=1&to=2");
    let (_, page) = get(&head, &app, &to).await;
    assert!(page.contains("<ins>") && page.contains("<del>"), "{page}");
    // A stale edit is a conflict, said in words.
    let res = head
        .post(app.url("/rounds/jscd-2/statement/edit"))
        .form(&[("csrf", csrf.as_str()), ("lang", "en"), ("text", "x"), ("based_on", "1")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 409);
    // Without the CSRF field: refused.
    let res = head
        .post(app.url("/rounds/jscd-2/statement/edit"))
        .form(&[("csrf", "nope"), ("lang", "en"), ("text", "y"), ("based_on", "2")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 403);

    // Commitments: the ledger, filters, the chart with title and description, a status change.
    let iq = sign_in(&app, "iq-head").await;
    let (s, page) = get(&iq, &app, "/commitments?party=iq&round=jscd-1").await;
    assert_eq!(s, 200);
    assert!(
        page.contains(r#"<svg id="share-party""#)
            && page.contains("<title id=\"share-party-title\">")
            && page.contains("<desc"),
        "{page}"
    );
    assert!(page.contains(r#"id="c-r1-protect-personnel""#));
    let csrf = csrf_of(&page);
    let res = iq
        .post(app.url("/commitments/r1-protect-personnel/status"))
        .form(&[("csrf", csrf.as_str()), ("status", "3"), ("evidence", "Protection held."), ("documents", "")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 303);
    let (_, page) = get(&iq, &app, "/commitments?party=iq").await;
    assert!(page.contains("Protection held."), "{page}");
    let res = iq
        .post(app.url("/commitments/r1-protect-personnel/status"))
        .form(&[("csrf", csrf.as_str()), ("status", "2"), ("evidence", "  "), ("documents", "")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 422);
    assert!(res.text().await.unwrap().contains("evidence"));
    // Arabic.
    let (s, page) = get(&iq, &app, "/lang/ar?next=/commitments").await;
    assert!(s == 303 || s == 200, "{s} {page}");
    let (_, page) = get(&iq, &app, "/commitments").await;
    assert!(page.contains("سجلّ الالتزامات"), "{page}");

    // Consultations: a partner sees only released versions.
    let (s, _) = app
        .call("sec", Method::POST, "/api/v1/consultations", Some(json!({ "id": "timeline", "title": { "en": "Timeline", "ar": "الجدول" }, "text": { "en": "First released text.", "ar": "النص الأول" } })))
        .await;
    assert_eq!(s, 201);
    let partner = sign_in(&app, "partner").await;
    let (s, page) = get(&partner, &app, "/consultations").await;
    assert_eq!(s, 200);
    assert!(!page.contains("Timeline"), "{page}");
    let (s, _) = get(&partner, &app, "/consultations/timeline").await;
    assert_eq!(s, 404);
    let (_, page) = get(&sec, &app, "/consultations/timeline").await;
    let csrf = csrf_of(&page);
    let res =
        sec.post(app.url("/consultations/timeline/release")).form(&[("csrf", csrf.as_str())]).send().await.unwrap();
    assert_eq!(res.status().as_u16(), 303);
    let res = sec
        .post(app.url("/consultations/timeline/draft"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("text_en", "Second draft, not for partners."),
            ("text_ar", "المسودة الثانية"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 303);
    for path in ["/consultations", "/consultations/timeline"] {
        let (s, page) = get(&partner, &app, path).await;
        assert_eq!(s, 200);
        assert!(page.contains("Timeline"), "{page}");
        assert!(!page.contains("Second draft"), "a partner never sees a draft: {page}");
    }
    let (_, page) = get(&partner, &app, "/consultations/timeline").await;
    assert!(page.contains("First released text."));
    assert!(!page.contains(r#"action="/consultations/timeline/release""#));
    // Partners see no statements or minutes of unreleased rounds.
    let (s, _) = get(&partner, &app, "/rounds/jscd-1/statement").await;
    assert_eq!(s, 404);
    let (s, _) = get(&partner, &app, "/rounds/jscd-1").await;
    assert_eq!(s, 404);
    // Nor their PDFs: the same access as the pages.
    for pdf in ["/rounds/jscd-1/minutes.pdf", "/rounds/jscd-1/statement.pdf"] {
        let res = partner.get(app.url(pdf)).send().await.unwrap();
        assert_eq!(res.status().as_u16(), 404, "{pdf}");
        assert_ne!(res.headers()["content-type"], "application/pdf", "{pdf}");
    }
    // The partner dissents with reasons through the form; without reasons it is refused.
    let csrf = csrf_of(&page);
    let res = partner
        .post(app.url("/consultations/timeline/respond"))
        .form(&[("csrf", csrf.as_str()), ("version", "1"), ("position", "dissent"), ("reason", "")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 422);
    let res = partner
        .post(app.url("/consultations/timeline/respond"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("version", "1"),
            ("position", "dissent"),
            ("reason", "Too early for the north."),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 303);
    let (_, page) = get(&sec, &app, "/consultations/timeline").await;
    assert!(page.contains(r#"id="summary""#) && page.contains("Too early for the north."), "{page}");
    assert!(page.contains("Second draft"), "the commission sees its draft");
}

#[tokio::test]
async fn record_pages_sqlite() {
    story(Db::Sqlite).await;
}

#[tokio::test]
async fn record_pages_postgres() {
    story(Db::Postgres).await;
}
