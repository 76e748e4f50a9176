//! Issue 17, item 1, over real HTTP on SQLite and PostgreSQL: each person's inbox ("what needs
//! me") follows the record as people act — a submission reaches both heads and leaves each
//! when their delegation endorses, a return reaches the working group, a released consultation
//! reaches the partner until they answer — and the API, the inbox page and the header's count
//! say the same thing, in both languages.

use crate::helpers;

use helpers::both;

use helpers::forms::sign_in;
use helpers::{Db, THREAT_ASSESSMENT as ID, TestApp, draft_threat_assessment, phase_timeline_consultation, spawn_app};
use reqwest::Method;
use serde_json::{Value, json};

async fn inbox(app: &TestApp, user: &str) -> Value {
    let (s, doc) = app.call(user, Method::GET, "/api/v1/inbox", None).await;
    assert_eq!(s, 200, "{user}: {doc}");
    assert_eq!(doc["count"].as_u64(), Some(doc["items"].as_array().unwrap().len() as u64), "{doc}");
    doc
}

/// The item of `kind` about `id` in `user`'s inbox, if there is one.
async fn item(app: &TestApp, user: &str, kind: &str, id: &str) -> Option<Value> {
    inbox(app, user).await["items"].as_array().unwrap().iter().find(|i| i["kind"] == kind && i["id"] == id).cloned()
}

async fn step(app: &TestApp, user: &str, action: &str, body: Value) -> i64 {
    let (s, doc) = app.call(user, Method::POST, &format!("/api/v1/assessments/{ID}/{action}"), Some(body)).await;
    assert_eq!(s, 200, "{user} {action}: {doc}");
    doc["version"].as_i64().unwrap()
}

fn has_arabic(s: &str) -> bool {
    s.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c))
}

async fn the_inbox_follows_the_record(db: Db) {
    let app = spawn_app(db).await;
    // An auditor changes nothing, so nothing ever needs them.
    assert_eq!(inbox(&app, "auditor").await["count"], 0);

    draft_threat_assessment(&app, false).await;
    for head in ["us-head", "iq-head"] {
        assert!(item(&app, head, "endorse", ID).await.is_none(), "a draft is not the heads' yet");
    }
    let v = step(&app, "wg-threat", "submit", json!({ "version": 1 })).await;

    // Submitted: both heads are asked, in both languages, with names and a link.
    for head in ["us-head", "iq-head"] {
        let it = item(&app, head, "endorse", ID).await.unwrap_or_else(|| panic!("{head} is asked to endorse"));
        assert_eq!(it["link"], format!("/assessments/{ID}"));
        let (en, ar) = (it["text"]["en"].as_str().unwrap(), it["text"]["ar"].as_str().unwrap());
        assert!(en.contains("threat") && en.contains("Kurdistan Region") && en.contains(" 2026-Q4"), "{en}");
        assert!(!en.contains('\u{2066}'), "no isolates in English: {en:?}");
        assert!(!en.contains(ID), "names, not ids: {en}");
        assert!(has_arabic(ar), "{ar}");
        assert!(ar.contains("\u{2066}2026-Q4") || ar.contains("\u{2066}\u{200e}2026-Q4"), "the cycle isolated: {ar:?}");
    }
    for user in ["wg-threat", "us-member", "sec", "partner", "auditor"] {
        assert!(item(&app, user, "endorse", ID).await.is_none(), "{user} does not endorse");
    }

    // The US delegation endorses: it leaves the US head's inbox, not the Iraqi head's.
    let v = step(&app, "us-head", "endorse", json!({ "version": v })).await;
    assert!(item(&app, "us-head", "endorse", ID).await.is_none());
    assert!(item(&app, "iq-head", "endorse", ID).await.is_some());

    // The Iraqi head returns it: it goes back to the threat working group, saying who.
    step(&app, "iq-head", "return", json!({ "version": v, "reasons": { "en": "Older figures.", "ar": "" } })).await;
    assert!(item(&app, "iq-head", "endorse", ID).await.is_none());
    let back = item(&app, "wg-threat", "returned", ID).await.expect("the working group is told");
    assert_eq!(back["returned_by"], "iq-head");
    assert!(back["text"]["en"].as_str().unwrap().contains("iq-head"), "{back}");
    assert!(item(&app, "us-member", "returned", ID).await.is_none());

    // A consultation reaches the partner when released, and leaves when they answer.
    phase_timeline_consultation(&app, false).await;
    assert!(item(&app, "partner", "answer", "phase-timeline").await.is_none(), "not released yet");
    let (s, doc) = app.call("sec", Method::POST, "/api/v1/consultations/phase-timeline/release", None).await;
    assert_eq!(s, 200, "{doc}");
    let ask = item(&app, "partner", "answer", "phase-timeline").await.expect("the partner is asked");
    assert_eq!(ask["version"], 1);
    assert!(ask["text"]["en"].as_str().unwrap().contains("Phase timeline"), "{ask}");
    assert!(ask["text"]["ar"].as_str().unwrap().contains("الجدول الزمني للمراحل"), "{ask}");
    let (s, doc) = app
        .call(
            "partner",
            Method::POST,
            "/api/v1/consultations/phase-timeline/responses",
            Some(json!({ "version": 1, "position": "concur" })),
        )
        .await;
    assert_eq!(s, 201, "{doc}");
    assert!(item(&app, "partner", "answer", "phase-timeline").await.is_none(), "answered");

    // The page and the header say the same as the API, in English and in Arabic.
    let wg = sign_in(&app, "wg-threat").await;
    let expected = inbox(&app, "wg-threat").await["count"].as_u64().unwrap();
    for lang in ["en", "ar"] {
        let html =
            wg.get(app.url("/inbox")).header("accept-language", lang).send().await.unwrap().text().await.unwrap();
        assert!(html.contains(&format!("href=\"/assessments/{ID}\"")), "{html}");
        assert_eq!(html.matches("<li data-kind=").count() as u64, expected, "{html}");
        let count = html.split("id=\"inbox-count\"").nth(1).expect("the header counts the inbox");
        let shown: String = count.split('>').nth(1).unwrap().chars().filter(char::is_ascii_digit).collect();
        assert_eq!(shown, expected.to_string(), "{lang}");
        if lang == "ar" {
            assert!(html.contains("lang=\"ar\"") && html.contains("أعاد"), "Arabic page: {html}");
        }
    }
}

both!(the_inbox_follows_the_record);
