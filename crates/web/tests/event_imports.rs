//! `POST /api/v1/imports/{definition}` over real HTTP, on SQLite and PostgreSQL: the real UCDP
//! GED sample (GED 23.1, CC BY 4.0 — Davies, Engström, Pettersson & Öberg 2024, JPR 61(4);
//! Sundberg & Melander 2013, JPR 50(4); crates/events/tests/data/README.md) streamed as the
//! body, a repeat that changes nothing, a broken file answered with a 422 problem document
//! listing each bad row's line and column (in the reader's language) and writing nothing, and
//! the size limit of uploads apart from the API's own.

use crate::helpers;

use helpers::{Db, TestApp, sample_ged, spawn_app_with};
use reqwest::Method;
use serde_json::{Value, json};
use tahawul_store::prelude::*;

fn sample() -> Vec<u8> {
    std::fs::read(sample_ged()).unwrap()
}

/// The founding case, its Iraq area placed and a definition on its UCDP events indicator.
async fn app(db: Db, configure: impl FnOnce(&mut tahawul_web::Config)) -> TestApp {
    let app = spawn_app_with(db, configure).await;
    helpers::define_ged_import(&app).await;
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
    let (content_type, body) = helpers::forms::multipart(fields, "ged231_sample_1000_events.csv", file);
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

/// The text of a page as a signed-in reader sees it.
async fn page_text(app: &TestApp, c: &reqwest::Client, path: &str) -> String {
    let res = c.get(app.url(path)).send().await.unwrap();
    assert_eq!(res.status().as_u16(), 200, "{path}");
    res.text().await.unwrap()
}

/// UCDP's licence asks for its citation wherever its figures are shown: the indicator page,
/// the indicator list, the forecast and the cycle report carry it once figures were imported, and not before.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn imported_figures_are_cited_on_the_indicator_pages_the_forecast_and_the_report() {
    let app = app(Db::Sqlite, |_| {}).await;
    let head = helpers::forms::sign_in(&app, "us-head").await;
    for path in [INDICATOR_PAGE, "/indicators", "/forecast", "/report"] {
        let html = page_text(&app, &head, path).await;
        // (The bundle's own UCDP method text cites the papers too: look for the section.)
        assert!(!html.contains(r#"class="citations""#), "{path} before any import");
    }
    let (status, doc) = upload(&app, "wg-threat", sample(), "en").await;
    assert_eq!(status, 201, "{doc}");
    for path in [INDICATOR_PAGE, "/indicators", "/forecast", "/report"] {
        let html = page_text(&app, &head, path).await;
        assert!(html.contains(r#"class="citations""#), "{path}");
        assert!(html.contains("UCDP Georeferenced Event Dataset 23.1"), "{path} names the release");
        assert!(
            html.contains("Davies, S., Engström, G., Pettersson, T. &amp; Öberg, M. (2024)")
                && html.contains("Journal of Peace Research 61(4)")
                && html.contains("Sundberg, R. &amp; Melander, E. (2013)")
                && html.contains("Journal of Peace Research 50(4)"),
            "{path} cites both papers"
        );
    }
    // Another indicator, with no imported figure, owes nothing.
    let html = page_text(&app, &head, "/indicators/threat.attacks_per_month").await;
    assert!(!html.contains(r#"class="citations""#), "an indicator without imported figures cites nothing");
}

/// ACLED's terms: its rows are never passed on. Only monthly figures and the import's
/// provenance are stored, so no actor, place or note of a row reaches a partner, a page, the
/// API, the audit log or the database file; the figures carry ACLED's attribution with the
/// access date (the release).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn acled_rows_are_never_stored_shown_or_passed_on_only_their_monthly_figures() {
    let app = app(Db::Sqlite, |_| {}).await;
    helpers::put_body(&app, tahawul_store::RecordKind::Indicator, "threat.attacks_per_month", |b| {
        b["imports"] = json!([{ "id": "acled-iraq", "dataset": "acled", "publisher": "hmc-illustrative", "method": "illustrative", "measure": "events" }])
    })
    .await;
    // Generated rows (no ACLED row may be shipped), each with text that must not travel.
    let header = "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp";
    let mut file = format!("{header}\n");
    for (i, day) in ["2025-03-04", "2025-03-19", "2025-04-02"].iter().enumerate() {
        file.push_str(&format!(
            "IRQ9{i},{day},2025,1,Political violence,Battles,Armed clash,Zeta Generated Militia,,2,Military Forces of Iraq,,1,12,,368,Middle East,Iraq,Ninewa,Mosul,,Qaryat Generatedabad,36.3,43.1,1,Generated Gazette,National,SECRET-NOTE-{i} must never leave the import,{i},,1700000000\n"
        ));
    }
    let res = app
        .as_user("sec", Method::POST, "/api/v1/imports/acled-iraq?release=2025-05-20")
        .header("content-type", "text/csv")
        .body(file)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 201, "{}", res.text().await.unwrap());
    let raw = ["SECRET-NOTE", "Zeta Generated Militia", "Qaryat Generatedabad", "Generated Gazette", "IRQ90"];
    let leaks = |what: &str, text: &str| {
        for r in raw {
            assert!(!text.contains(r), "{what} holds ACLED row text {r:?}");
        }
    };
    // The figures: two events in March, one in April.
    let (_, list) =
        app.call("sec", Method::GET, "/api/v1/observations?factor=threat&indicator=attacks_per_month", None).await;
    let acled: Vec<&Value> = list.as_array().unwrap().iter().filter(|o| o["source"]["dataset"] == "acled").collect();
    let month = |m: &str| {
        acled.iter().find(|o| o["observation"]["period"] == m).map(|o| o["observation"]["value"].as_f64().unwrap())
    };
    assert_eq!((month("2025-03"), month("2025-04")), (Some(2.0), Some(1.0)), "{acled:?}");
    leaks("the secretariat's observation list", &list.to_string());
    // Every role's view of the API and the pages.
    for user in ["partner", "us-head", "auditor"] {
        let (_, list) =
            app.call(user, Method::GET, "/api/v1/observations?factor=threat&indicator=attacks_per_month", None).await;
        leaks(&format!("{user}'s observation list"), &list.to_string());
        let c = helpers::forms::sign_in(&app, user).await;
        for path in ["/indicators/threat.attacks_per_month", "/report"] {
            let res = c.get(app.url(path)).send().await.unwrap();
            leaks(&format!("{user}'s {path}"), &res.text().await.unwrap());
        }
    }
    // The audit log and the database file itself.
    let entries = app.store.audit_entries(0, 1 << 40).await.unwrap();
    leaks("the audit log", &format!("{entries:?}"));
    let dir = app.dir.as_ref().unwrap().path();
    for f in std::fs::read_dir(dir).unwrap() {
        let bytes = std::fs::read(f.unwrap().path()).unwrap();
        leaks("the database files", &String::from_utf8_lossy(&bytes));
    }
    // The attribution ACLED asks for, with the access date, where the figures are shown.
    let sec = helpers::forms::sign_in(&app, "sec").await;
    let html = page_text(&app, &sec, "/indicators/threat.attacks_per_month").await;
    assert!(
        html.contains("Armed Conflict Location &amp; Event Data Project (ACLED); www.acleddata.com")
            && html.contains("accessed 2025-05-20"),
        "ACLED's attribution on the indicator page"
    );
}

/// An older release after a newer one is refused on the API and on the page alike (422, in
/// the reader's language, nothing written), and taken when asked for (`older=true`, the box).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_older_release_after_a_newer_one_is_refused_unless_asked_for_on_every_path() {
    let app = app(Db::Sqlite, |_| {}).await;
    let send = |path: &'static str, body: Vec<u8>| {
        app.as_user("wg-threat", Method::POST, path)
            .header("content-type", "text/csv")
            .header("accept-language", "ar")
            .body(body)
    };
    let res = send("/api/v1/imports/ged-iraq?release=24.1", sample()).send().await.unwrap();
    assert_eq!(res.status().as_u16(), 201);
    // Another file (one row fewer) named as an older release.
    let text = String::from_utf8(sample()).unwrap();
    let mut lines: Vec<&str> = text.lines().collect();
    lines.remove(lines.iter().position(|l| l.contains(",Iraq,")).unwrap());
    let older = (lines.join("\n") + "\n").into_bytes();
    let before = (app.store.count_observations().await.unwrap(), entries(&app).await);

    let res = send("/api/v1/imports/ged-iraq?release=23.1", older.clone()).send().await.unwrap();
    assert_eq!(res.status().as_u16(), 422);
    let p: Value = serde_json::from_str(&res.text().await.unwrap()).unwrap();
    assert_eq!(p["errors"][0]["code"], "store-release-older", "{p}");
    // The release is isolated (FSI … PDI) so it reads in order in the Arabic sentence.
    assert!(p["errors"][0]["detail"].as_str().unwrap().contains("أقدم من الإصدار \u{2068}24.1\u{2069}"), "{p}");
    assert!(p["errors"][0]["help"].as_str().unwrap().contains("older=true"), "{p}");

    let wg = helpers::forms::sign_in(&app, "wg-threat").await;
    let page = wg.get(app.url(INDICATOR_PAGE)).send().await.unwrap().text().await.unwrap();
    assert!(page.contains(r#"name="older""#), "the page offers the choice");
    let csrf = helpers::forms::csrf_of(&page);
    let fields = [("csrf", csrf.as_str()), ("definition", "ged-iraq"), ("release", "23.1")];
    let (status, html) = post_form(&app, &wg, &fields, &older, "en").await;
    assert_eq!(status, 422, "{html}");
    assert!(html.contains("Release 23.1 is older than release 24.1"), "{html}");
    assert_eq!((app.store.count_observations().await.unwrap(), entries(&app).await), before, "nothing written");

    // Asked for: the page's box.
    let fields = [("csrf", csrf.as_str()), ("definition", "ged-iraq"), ("release", "23.1"), ("older", "1")];
    let (status, html) = post_form(&app, &wg, &fields, &older, "en").await;
    assert_eq!(status, 201, "{html}");
    // And the API's flag, for a still older one.
    lines.remove(lines.iter().position(|l| l.contains(",Iraq,")).unwrap());
    let oldest = (lines.join("\n") + "\n").into_bytes();
    let res = send("/api/v1/imports/ged-iraq?release=22.1&older=true", oldest).send().await.unwrap();
    assert_eq!(res.status().as_u16(), 201);
    app.store.verify_audit().await.unwrap();
}
