//! One rulebook on every path (issue 12, items 1, 6 and 7), over real HTTP on SQLite and
//! PostgreSQL: each kind of invalid write the attack found answered 2xx is now refused with
//! 422, the field at fault as a JSON pointer, the words in the asker's language, and nothing
//! written (the audit log does not move); the stored case still exports to a bundle that
//! loads. The pages refuse the same through their forms.

use crate::helpers;

use helpers::forms::{browser as client, csrf_of};
use helpers::{Db, PASSWORD, TestApp, spawn_app};
use reqwest::Method;
use serde_json::{Value, json};
use tahawul_store::{RecordKind, prelude::*};

/// A draft assessment: only the workflow changes a submitted or endorsed one.
const ASSESSMENT: &str = "requirements-kurdistan-region-2026q3";

async fn audit_len(app: &TestApp) -> usize {
    app.store.audit_entries(0, 1_000_000).await.unwrap().len()
}

/// A record's body and version as stored.
async fn stored(app: &TestApp, kind: RecordKind, id: &str) -> (Value, i64) {
    let r = app.store.get_record(kind, id).await.unwrap();
    (r.body, r.version)
}

/// Sends a write in a language; the status and problem document.
async fn write(app: &TestApp, method: Method, path: &str, body: Option<Value>, lang: &str) -> (u16, Value) {
    let mut rb = app.as_user("sec", method, path).header("accept-language", lang);
    if let Some(b) = body {
        rb = rb.json(&b);
    }
    let res = rb.send().await.unwrap();
    let status = res.status().as_u16();
    (status, serde_json::from_str(&res.text().await.unwrap()).unwrap_or(Value::Null))
}

/// Puts `body` as the new version of a record and expects a refusal at `pointer` with the
/// message `code`, with nothing written.
async fn refused(
    app: &TestApp,
    kind: RecordKind,
    path: &str,
    id: &str,
    body: Value,
    pointer: &str,
    code: &str,
) -> Value {
    let (_, version) = stored(app, kind, id).await;
    let before = audit_len(app).await;
    let (status, doc) =
        write(app, Method::PUT, &format!("{path}/{id}"), Some(json!({ "body": body, "version": version })), "en").await;
    assert_eq!(status, 422, "{doc}");
    let errors = doc["errors"].as_array().expect("errors listed");
    assert!(
        errors.iter().any(|e| e["pointer"] == pointer && e["code"] == code),
        "expected {code} at {pointer}: {doc:#}"
    );
    assert_eq!(audit_len(app).await, before, "a refused write changes nothing");
    assert_eq!(stored(app, kind, id).await.1, version);
    doc
}

async fn export_checks(app: &TestApp) {
    let case = app.store.load_case().await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    tahawul_domain::bundle::write(&case, dir.path()).unwrap();
    assert!(tahawul_domain::bundle::load(dir.path()).is_ok(), "the export checks");
}

async fn invalid_records_are_refused_with_their_pointer(db: Db) {
    let app = spawn_app(db).await;
    let (a, _) = stored(&app, RecordKind::Assessment, ASSESSMENT).await;
    let path = "/api/v1/assessments";

    let mut b = a.clone();
    b["rating"] = json!("stellar");
    refused(&app, RecordKind::Assessment, path, ASSESSMENT, b, "/body/rating", "bundle-unknown-level").await;

    let mut b = a.clone();
    b["evidence"] = json!(["no-such-document"]);
    refused(&app, RecordKind::Assessment, path, ASSESSMENT, b, "/body/evidence", "bundle-unknown-reference").await;

    let mut b = a.clone();
    b["area"] = json!("atlantis");
    refused(&app, RecordKind::Assessment, path, ASSESSMENT, b, "/body/area", "bundle-unknown-reference").await;

    let mut b = a.clone();
    b["factor"] = json!("morale");
    let doc =
        refused(&app, RecordKind::Assessment, path, ASSESSMENT, b, "/body/factor", "bundle-unknown-reference").await;
    assert!(doc["errors"][0]["help"].is_string(), "how to fix it: {doc}");

    let mut b = a.clone();
    b["extra"] = json!(true);
    b["narrative"]["fr"] = json!("non");
    let doc = refused(&app, RecordKind::Assessment, path, ASSESSMENT, b, "/body/extra", "rules-unknown-field").await;
    assert!(doc["errors"].as_array().unwrap().iter().any(|e| e["pointer"] == "/body/narrative/fr"), "{doc}");

    let mut b = a.clone();
    b["narrative"]["en"] = json!("fine\u{1b}]8;;https://evil.example\u{7}click\u{1b}]8;;\u{7}");
    refused(&app, RecordKind::Assessment, path, ASSESSMENT, b, "/body/narrative/en", "rules-text-control").await;

    let mut b = a.clone();
    b["narrative"]["ar"] = json!("س".repeat(tahawul_domain::rules::TEXT_MAX_CHARS + 1));
    refused(&app, RecordKind::Assessment, path, ASSESSMENT, b, "/body/narrative/ar", "rules-text-too-long").await;

    // A gate naming an unknown indicator, and a predecessor cycle.
    let phases = app.store.list_records(RecordKind::Phase).await.unwrap();
    let (first, later) =
        (&phases[0], phases.iter().find(|p| !p.body["predecessors"].as_array().unwrap().is_empty()).unwrap());
    let mut b = first.body.clone();
    b["gate"] = json!({ "source": "threat.attacks_per_fortnight <= 3" });
    refused(&app, RecordKind::Phase, "/api/v1/phases", &first.id, b, "/body/gate", "gate-unknown-indicator").await;
    let pred = later.body["predecessors"][0].as_str().unwrap().to_string();
    let (mut b, _) = stored(&app, RecordKind::Phase, &pred).await;
    b["predecessors"] = json!([later.id]);
    refused(&app, RecordKind::Phase, "/api/v1/phases", &pred, b, "/body/predecessors", "bundle-phase-cycle").await;

    // A valid edit still goes through, and the case still exports and checks.
    let mut b = a.clone();
    b["narrative"]["en"] = json!("Attacks stayed low.\r\nTwo cells remain.\tNo campaign.");
    let (_, version) = stored(&app, RecordKind::Assessment, ASSESSMENT).await;
    let (status, doc) =
        write(&app, Method::PUT, &format!("{path}/{ASSESSMENT}"), Some(json!({ "body": b, "version": version })), "en")
            .await;
    assert_eq!(status, 200, "{doc}");
    export_checks(&app).await;
}

async fn a_record_in_use_cannot_be_deleted(db: Db) {
    let app = spawn_app(db).await;
    let before = audit_len(&app).await;
    let (_, v) = stored(&app, RecordKind::Area, "kurdistan-region").await;
    let (status, doc) =
        write(&app, Method::DELETE, &format!("/api/v1/areas/kurdistan-region?version={v}"), None, "en").await;
    assert_eq!(status, 422, "{doc}");
    let detail = doc["errors"][0]["detail"].as_str().unwrap();
    assert!(detail.starts_with("This change breaks"), "names the record that uses it: {detail}");
    assert_eq!(doc["errors"][0]["code"], "rules-breaks-record");
    assert_eq!(audit_len(&app).await, before);
    assert!(app.store.get_record(RecordKind::Area, "kurdistan-region").await.is_ok());

    // A factor's rating scale, a document cited as evidence: the same.
    let (_, v) = stored(&app, RecordKind::Document, "figures").await;
    let (status, _) = write(&app, Method::DELETE, &format!("/api/v1/documents/figures?version={v}"), None, "en").await;
    assert_eq!(status, 422);

    // A record nothing refers to can go.
    let scenarios = app.store.list_records(RecordKind::Scenario).await.unwrap();
    if let Some(s) = scenarios.first() {
        let (status, doc) =
            write(&app, Method::DELETE, &format!("/api/v1/scenarios/{}?version={}", s.id, s.version), None, "en").await;
        assert_eq!(status, 204, "{doc}");
    }
    export_checks(&app).await;
}

async fn refusals_speak_arabic_from_the_domain_the_store_and_the_workflow(db: Db) {
    let app = spawn_app(db).await;
    let arabic = |s: &str| s.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c));
    let (a, v) = stored(&app, RecordKind::Assessment, ASSESSMENT).await;

    // The domain: an off-scale rating.
    let mut b = a.clone();
    b["rating"] = json!("stellar");
    let (status, doc) = write(
        &app,
        Method::PUT,
        &format!("/api/v1/assessments/{ASSESSMENT}"),
        Some(json!({ "body": b, "version": v })),
        "ar",
    )
    .await;
    assert_eq!(status, 422);
    let e = &doc["errors"][0];
    assert!(arabic(e["detail"].as_str().unwrap()) && arabic(e["help"].as_str().unwrap_or("س")), "{doc}");

    // The store: a new assessment must start as a draft.
    let mut b = a.clone();
    b["id"] = json!("threat-federal-iraq-2027q1");
    b["state"] = json!("endorsed");
    let (status, doc) = write(&app, Method::POST, "/api/v1/assessments", Some(json!({ "body": b })), "ar").await;
    assert_eq!(status, 422, "{doc}");
    assert_eq!(doc["errors"][0]["code"], "store-new-assessment-draft");
    assert!(arabic(doc["errors"][0]["detail"].as_str().unwrap()), "{doc}");

    // The workflow: endorsing a draft.
    let mut b = a.clone();
    b["id"] = json!("threat-federal-iraq-2027q2");
    b["state"] = json!("draft");
    let (status, doc) = write(&app, Method::POST, "/api/v1/assessments", Some(json!({ "body": b })), "en").await;
    assert_eq!(status, 201, "{doc}");
    let res = app
        .as_user("us-head", Method::POST, "/api/v1/assessments/threat-federal-iraq-2027q2/endorse")
        .header("accept-language", "ar")
        .json(&json!({ "version": 1 }))
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    let doc: Value = res.json().await.unwrap();
    assert_eq!(status, 422, "{doc}");
    let detail = doc["errors"][0]["detail"].as_str().unwrap_or_default();
    assert!(arabic(detail) && !detail.contains("cannot"), "{doc}");
}

async fn the_pages_refuse_what_the_api_refuses(db: Db) {
    let app = spawn_app(db).await;
    let c = client();
    let page = c.get(app.url("/sign-in")).send().await.unwrap().text().await.unwrap();
    let res = c
        .post(app.url("/sign-in"))
        .form(&[
            ("csrf", csrf_of(&page).as_str()),
            ("name", "wg-threat"),
            ("password", PASSWORD),
            ("next", "/dashboard"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 303);
    let page = c.get(app.url("/assessments/new")).send().await.unwrap().text().await.unwrap();
    let before = audit_len(&app).await;
    let csrf = csrf_of(&page);
    let fields = [
        ("csrf", csrf.as_str()),
        ("factor", "threat"),
        ("area", "kurdistan-region"),
        ("cycle", "2026-Q4"),
        ("rating", "met"),
        ("narrative_en", "All quiet.\u{1b}[2J\u{1b}[32m verified by both heads"),
        ("narrative_ar", "هدوء تام."),
        ("evidence", "figures"),
    ];
    let res = c.post(app.url("/assessments/new")).form(&fields).send().await.unwrap();
    let status = res.status().as_u16();
    let body = res.text().await.unwrap();
    assert_eq!(status, 422, "{body}");
    assert!(body.contains("control character"), "the reason is shown: {body}");
    assert!(!body.contains('\u{1b}'), "the escape is not echoed raw");
    assert_eq!(audit_len(&app).await, before, "nothing written");
}

macro_rules! story {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() { super::$name(super::Db::Sqlite).await })*
        }
        mod postgres {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() { super::$name(super::Db::Postgres).await })*
        }
    };
}

story!(
    invalid_records_are_refused_with_their_pointer,
    a_record_in_use_cannot_be_deleted,
    refusals_speak_arabic_from_the_domain_the_store_and_the_workflow,
    the_pages_refuse_what_the_api_refuses,
);
