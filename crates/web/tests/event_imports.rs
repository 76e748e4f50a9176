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

/// A `multipart/form-data` body as a browser sends the indicator page's upload form: the
/// text fields in order, then the file.
fn form_body(fields: &[(&str, &str)], file_name: &str, file: &[u8]) -> (String, Vec<u8>) {
    let boundary = "----tahawul-test-boundary-7d3f";
    let mut body = Vec::new();
    for (k, v) in fields {
        body.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n").as_bytes(),
        );
    }
    body.extend_from_slice(
        format!("--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\nContent-Type: text/csv\r\n\r\n")
            .as_bytes(),
    );
    body.extend_from_slice(file);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

const INDICATOR_PAGE: &str = "/indicators/threat.ucdp_state_based_deaths";
const UPLOAD: &str = "/indicators/threat.ucdp_state_based_deaths/import";

/// Posts the upload form as a signed-in browser would without JavaScript.
async fn post_form(
    app: &TestApp,
    c: &reqwest::Client,
    fields: &[(&str, &str)],
    file: &[u8],
    lang: &str,
) -> (u16, String) {
    let (content_type, body) = form_body(fields, "ged231_sample_1000_events.csv", file);
    let res = c
        .post(app.url(UPLOAD))
        .header("content-type", content_type)
        .header("accept-language", lang)
        .body(body)
        .send()
        .await
        .unwrap();
    (res.status().as_u16(), res.text().await.unwrap())
}

/// The indicator page's upload form without JavaScript: a broken file answered with every bad
/// row's line:column (in `<bdi>`, in Arabic when asked) and nothing written; the real sample
/// written; a role that may not import sees no form and gets 403 from the route; a post
/// without the session's CSRF token is refused.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_indicator_page_upload_form_works_without_javascript() {
    let app = app(Db::Sqlite, |c| c.body_limit = 64 * 1024).await;
    let (rows, before) = (app.store.count_observations().await.unwrap(), entries(&app).await);

    let wg = helpers::forms::sign_in(&app, "wg-threat").await;
    let page = wg.get(app.url(INDICATOR_PAGE)).send().await.unwrap().text().await.unwrap();
    assert!(page.contains(r#"id="event-import""#) && page.contains(r#"enctype="multipart/form-data""#), "{page}");
    assert!(page.contains(r#"<option value="ged-iraq">"#), "the indicator's definitions are offered");
    let csrf = helpers::forms::csrf_of(&page);
    let fields = [("csrf", csrf.as_str()), ("definition", "ged-iraq"), ("release", "23.1")];

    // Broken: the first row's start date impossible, the 500th row cut short.
    let text = String::from_utf8(sample()).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    lines[1] = lines[1].replacen(",2013-01-03,2013-01-03,", ",2013-13-03,2013-01-03,", 1);
    lines[499] = lines[499].split(',').take(5).collect::<Vec<_>>().join(",");
    let broken = lines.join("\n") + "\n";
    let (status, html) = post_form(&app, &wg, &fields, broken.as_bytes(), "ar").await;
    assert_eq!(status, 422, "{html}");
    assert!(html.contains(r#"id="import-outcome""#), "{html}");
    assert!(html.contains("لم يُستورد شيء"), "Arabic: {html}");
    assert!(html.contains(r#"السطر:العمود <bdi dir="ltr">2:"#), "line 2 located, isolated: {html}");
    assert!(html.contains(r#"<bdi dir="ltr">500:"#), "line 500 located: {html}");
    assert!(html.contains("ليست تاريخًا"), "the reason in Arabic: {html}");
    assert_eq!((app.store.count_observations().await.unwrap(), entries(&app).await), (rows, before));

    // Without the session's token: refused before the file is read.
    let stale = [("csrf", "not-the-token"), ("definition", "ged-iraq"), ("release", "23.1")];
    let (status, _) = post_form(&app, &wg, &stale, &sample(), "en").await;
    assert_eq!(status, 403);

    // The real sample: written, and said so with the release and the counts.
    let (status, html) = post_form(&app, &wg, &fields, &sample(), "en").await;
    assert_eq!(status, 201, "{html}");
    assert!(html.contains("The figures were imported."), "{html}");
    assert!(html.contains(r#"<bdi dir="ltr">23.1</bdi>"#), "{html}");
    assert!(html.contains(r#"<bdi dir="ltr">1000</bdi>"#) || html.contains(" / 1000</bdi>"), "rows read: {html}");
    assert_eq!(entries(&app).await, before + 1);
    app.store.verify_audit().await.unwrap();
    // Again: nothing changes.
    let (status, html) = post_form(&app, &wg, &fields, &sample(), "en").await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("Nothing changed"), "{html}");
    assert_eq!(entries(&app).await, before + 1);

    // Roles that may not import: no form on the page, 403 from the route, nothing written.
    for user in ["partner", "us-member", "auditor"] {
        let c = helpers::forms::sign_in(&app, user).await;
        let page = c.get(app.url(INDICATOR_PAGE)).send().await.unwrap().text().await.unwrap();
        assert!(!page.contains("event-import"), "{user} sees no upload form");
        let csrf = helpers::forms::csrf_of(&page);
        let fields = [("csrf", csrf.as_str()), ("definition", "ged-iraq"), ("release", "24.1")];
        let (status, html) = post_form(&app, &c, &fields, &sample(), "en").await;
        assert_eq!(status, 403, "{user}: {html}");
    }
    assert_eq!(entries(&app).await, before + 1);
}
