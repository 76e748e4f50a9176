//! `POST /api/v1/imports/{definition}` over real HTTP, on SQLite and PostgreSQL: the real UCDP
//! GED sample (GED 23.1, CC BY 4.0 — Davies, Engström, Pettersson & Öberg 2024, JPR 61(4);
//! Sundberg & Melander 2013, JPR 50(4); crates/events/tests/data/README.md) streamed as the
//! body, a repeat that changes nothing, a broken file answered with a 422 problem document
//! listing each bad row's line and column (in the reader's language) and writing nothing, and
//! the size limit of uploads apart from the API's own.

mod helpers;

use helpers::{Db, TestApp, spawn_app_with};
use reqwest::Method;
use serde_json::{Value, json};
use tahawul_store::{RecordKind, RecordWrite, Store};

fn sample() -> Vec<u8> {
    std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../events/tests/data/ged231_sample_1000_events.csv"),
    )
    .unwrap()
}

async fn put_body(app: &TestApp, kind: RecordKind, id: &str, edit: impl FnOnce(&mut Value)) {
    let r = app.store.get_record(kind, id).await.unwrap();
    let mut body = r.body.clone();
    edit(&mut body);
    let write =
        RecordWrite { kind, id: id.into(), body, owner_party: None, shared: r.shared, releasable: r.releasable };
    app.store.put_record(write, Some(r.version), "setup").await.unwrap();
}

/// The founding case, its Iraq area placed and a definition on its UCDP events indicator.
async fn app(db: Db, configure: impl FnOnce(&mut tahawul_web::Config)) -> TestApp {
    let app = spawn_app_with(db, configure).await;
    put_body(&app, RecordKind::Area, "iraq", |b| b["places"] = json!(["IQ"])).await;
    put_body(&app, RecordKind::Indicator, "threat.ucdp_state_based_deaths", |b| {
        b["imports"] = json!([{ "id": "ged-iraq", "dataset": "ucdp-ged", "publisher": "ucdp", "method": "ucdp-ged-best", "measure": "best-deaths", "type_of_violence": [1] }])
    })
    .await;
    app
}

async fn upload(app: &TestApp, user: &str, body: Vec<u8>, lang: &str) -> (u16, Value) {
    let res = app
        .as_user(user, Method::POST, "/api/v1/imports/ged-iraq?release=23.1")
        .header("content-type", "text/csv")
        .header("accept-language", lang)
        .body(body)
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    (status, serde_json::from_str(&res.text().await.unwrap()).unwrap_or(Value::Null))
}

async fn entries(app: &TestApp) -> usize {
    app.store.audit_entries(0, 1 << 40).await.unwrap().len()
}

async fn story(db: Db) {
    // Uploads have their own limit: the 600 KB sample passes where other bodies stop at 64 KiB.
    let app = app(db, |c| c.body_limit = 64 * 1024).await;
    let (before_rows, before) = (app.store.count_observations().await.unwrap(), entries(&app).await);

    // A broken file: every bad row in one 422, located, in Arabic when asked; nothing written.
    let text = String::from_utf8(sample()).unwrap();
    // The first row's start date (date_start and date_end sit side by side) made impossible.
    let broken = text.replacen(",2013-01-03,2013-01-03,", ",2013-13-03,2013-01-03,", 1);
    assert_ne!(broken, text);
    let (status, p) = upload(&app, "wg-threat", broken.into_bytes(), "ar").await;
    assert_eq!(status, 422, "{p}");
    let errors = p["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0]["line"], 2, "{p}");
    for e in errors {
        assert!(e["line"].as_u64().unwrap() > 1 && e["column"].as_u64().unwrap() > 0, "{e}");
        assert_eq!(e["code"], "events-bad-date", "{e}");
        assert!(e["detail"].as_str().unwrap().contains("ليست تاريخًا"), "Arabic: {e}");
    }
    assert_eq!((app.store.count_observations().await.unwrap(), entries(&app).await), (before_rows, before));

    // The real sample: written, audited once, by the working group of the factor.
    let (status, doc) = upload(&app, "wg-threat", sample(), "en").await;
    assert_eq!(status, 201, "{doc}");
    assert_eq!(doc["outcome"], "written");
    assert_eq!(doc["import"]["release"], "23.1");
    assert_eq!(doc["import"]["actor"], "wg-threat");
    assert_eq!(entries(&app).await, before + 1);
    app.store.verify_audit().await.expect("the log verifies after the upload");
    // The listed figures name their source.
    let (_, list) = app
        .call("sec", Method::GET, "/api/v1/observations?factor=threat&indicator=ucdp_state_based_deaths", None)
        .await;
    let sourced: Vec<&Value> = list.as_array().unwrap().iter().filter(|o| o.get("source").is_some()).collect();
    assert!(!sourced.is_empty());
    assert!(sourced.iter().all(|o| o["source"]["release"] == "23.1" && o["source"]["dataset"] == "ucdp-ged"));

    // The same file again: 200, nothing written.
    let (status, doc) = upload(&app, "sec", sample(), "en").await;
    assert_eq!((status, doc["outcome"].as_str()), (200, Some("unchanged")), "{doc}");
    assert_eq!(entries(&app).await, before + 1);
    app.store.verify_audit().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn upload_broken_file_and_repeat_on_sqlite() {
    story(Db::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn upload_broken_file_and_repeat_on_postgres() {
    story(Db::Postgres).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_upload_over_its_limit_is_413_and_writes_nothing() {
    let app = app(Db::Sqlite, |c| c.import_body_limit = 100 * 1024).await;
    let before = entries(&app).await;
    let (status, p) = upload(&app, "sec", sample(), "en").await;
    assert_eq!(status, 413, "{p}");
    assert_eq!(entries(&app).await, before);
}

/// An upload refused before its file is read (not a writer, an unknown definition, not CSV)
/// still gets its answer: the server reads the rest of the body instead of closing the
/// connection on a client that is still sending (which the client sees as a reset).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_upload_refused_early_is_answered_not_reset() {
    let app = app(Db::Sqlite, |_| {}).await;
    let before = entries(&app).await;
    let big: Vec<u8> = sample().repeat(16); // ≈ 10 MB, far more than the socket buffers hold
    for (user, path, content_type, want) in [
        ("us-member", "/api/v1/imports/ged-iraq?release=23.1", "text/csv", 403),
        ("wg-threat", "/api/v1/imports/no-such?release=23.1", "text/csv", 404),
        ("wg-threat", "/api/v1/imports/ged-iraq?release=23.1", "application/json", 415),
    ] {
        for _ in 0..3 {
            let res = app
                .as_user(user, Method::POST, path)
                .header("content-type", content_type)
                .body(big.clone())
                .send()
                .await
                .unwrap_or_else(|e| panic!("{user} {path}: no answer: {e:?}"));
            assert_eq!(res.status().as_u16(), want, "{user} {path} {content_type}");
        }
    }
    assert_eq!(entries(&app).await, before);
}
