//! Data entry on pages (issue 17): figures on an indicator's page, one typed or many as CSV
//! (pasted or uploaded), all or nothing with every bad row named; commitments recorded on a
//! page with each problem at its field; for the roles the access layer allows, and 403 for the
//! rest. SQLite and PostgreSQL.

use crate::helpers;

use helpers::both;

use helpers::forms::{Reader, csrf_of, multipart, reader};
use helpers::{Db, TestApp, spawn_app};
use reqwest::Method;
use tahawul_store::prelude::*;
use tahawul_store::{ObservationFilter, RecordKind};

const INDICATOR: &str = "/indicators/threat.attacks_per_month";
const FIGURES: &str = "/indicators/threat.attacks_per_month/figures";
const HEADER: &str =
    "indicator,area,period,value,scale_version,publisher,method,as_of,confidence,illustrative,document,note";

async fn count(app: &TestApp) -> i64 {
    app.store.count_observations().await.unwrap()
}

/// Posts the CSV form (the pasted rows, or a file when `file` is given) from the figures page.
async fn post_csv(r: &Reader<'_>, pasted: &str, file: Option<&str>) -> (u16, String) {
    let (_, page) = r.get(FIGURES).await;
    let csrf = csrf_of(&page);
    let (content_type, body) = multipart(
        &[("csrf", csrf.as_str()), ("csv", pasted)],
        if file.is_some() { "figures.csv" } else { "" },
        file.unwrap_or("").as_bytes(),
    );
    let res =
        r.c.post(r.app.url(&format!("{FIGURES}/csv")))
            .header("content-type", content_type)
            .body(body)
            .send()
            .await
            .unwrap();
    (res.status().as_u16(), res.text().await.unwrap())
}

fn row(area: &str, period: &str, value: &str) -> String {
    format!("threat.attacks_per_month,{area},{period},{value},,hmc-illustrative,illustrative,2030-12-01,low,true,,")
}

async fn a_figure_entered_on_the_page_shows_on_the_indicator_page_and_in_the_api(db: Db) {
    let app = spawn_app(db).await;
    let wg = reader(&app, "wg-threat").await;
    let page = wg.page(INDICATOR).await;
    assert!(page.contains(&format!(r#"href="{FIGURES}""#)), "the indicator page links to the form: {page}");
    let form = wg.page(FIGURES).await;
    assert!(form.contains(r#"id="figure-form""#) && form.contains(r#"enctype="multipart/form-data""#), "{form}");
    let before = count(&app).await;

    let one = [
        ("area", "kurdistan-region"),
        ("period", "2030-06"),
        ("value", "17"),
        ("publisher", "hmc-illustrative"),
        ("method", "illustrative"),
        ("as_of", "2030-07-02"),
        ("confidence", "low"),
        ("illustrative", "true"),
        ("document", ""),
    ];
    let (status, _, done) = wg.post(FIGURES, FIGURES, &one).await;
    assert_eq!(status, 201, "{done}");
    assert!(done.contains("1 figure recorded"), "a confirmation: {done}");
    assert!(done.contains("2030-06") && done.contains(">17<"), "the figure is shown: {done}");
    assert_eq!(count(&app).await, before + 1);

    // On the indicator page (newest first) and in the API, as recorded.
    let page = wg.page(&format!("{INDICATOR}?area=kurdistan-region")).await;
    assert!(page.contains("2030-06"), "{page}");
    let (s, list) = app
        .call(
            "wg-threat",
            Method::GET,
            "/api/v1/observations?factor=threat&indicator=attacks_per_month&area=kurdistan-region",
            None,
        )
        .await;
    assert_eq!(s, 200);
    let found: Vec<_> =
        list.as_array().unwrap().iter().map(|o| &o["observation"]).filter(|o| o["period"] == "2030-06").collect();
    assert_eq!(found.len(), 1, "{list}");
    assert_eq!((found[0]["value"].as_f64(), found[0]["as_of"].as_str()), (Some(17.0), Some("2030-07-02")));

    // A bad field is shown at the field, in the reader's language, and nothing is stored.
    let mut bad = one;
    bad[1].1 = "2030-6";
    bad[2].1 = "-3";
    let (status, _, page) = wg.post(FIGURES, FIGURES, &bad).await;
    assert_eq!(status, 422, "{page}");
    assert!(page.contains(r#"id="period-error""#) && page.contains(r#"id="value-error""#), "{page}");
    assert!(
        page.contains(r#"id="period" name="period" type="text" dir="ltr" required value="2030-6" aria-invalid="true""#),
        "the value typed is kept: {page}"
    );
    wg.arabic().await;
    let (status, _, page) = wg.post(FIGURES, FIGURES, &bad).await;
    assert_eq!(status, 422);
    assert!(page.contains("لم يُسجَّل شيء") && page.contains(r#"id="period-error""#), "{page}");
    assert!(!page.contains('⟦'), "{page}");
    assert_eq!(count(&app).await, before + 1);
}

async fn a_csv_with_one_bad_row_stores_nothing_and_names_that_row_and_field(db: Db) {
    let app = spawn_app(db).await;
    let sec = reader(&app, "sec").await;
    let before = count(&app).await;
    let bad = format!(
        "{HEADER}\n{}\n{}\n{}\n",
        row("federal-iraq", "2031-01", "4"),
        row("federal-iraq", "2031-02", "5"),
        row("federal-iraq", "2031-13", "6"),
    );
    let (status, page) = post_csv(&sec, &bad, None).await;
    assert_eq!(status, 422, "{page}");
    assert!(page.contains("Nothing was recorded: 1 problem to correct."), "{page}");
    assert!(page.contains(r#"Row <bdi dir="ltr">4</bdi>"#), "the spreadsheet's row (the header is row 1): {page}");
    assert!(page.contains("column `period`") && page.contains("2031-13"), "the field and the value: {page}");
    assert!(page.contains("2031-02"), "the pasted rows are kept to correct: {page}");
    assert_eq!(count(&app).await, before, "all or nothing");

    // In Arabic: the same row and field, in Arabic words, with Arabic-Indic digits if chosen.
    sec.arabic().await;
    sec.get("/digits/arabic-indic?next=/dashboard").await;
    let (status, page) = post_csv(&sec, &bad, None).await;
    assert_eq!(status, 422, "{page}");
    assert!(page.contains(r#"الصف <bdi dir="ltr">٤</bdi>"#), "{page}");
    assert!(page.contains("العمود") && page.contains("period"), "{page}");
    assert!(!page.contains('⟦'), "{page}");
    assert_eq!(count(&app).await, before);

    // The same rows corrected, uploaded as a file (a spreadsheet's byte order mark and all),
    // are recorded together.
    let good = format!("\u{feff}{}", bad.replace("2031-13", "2031-03"));
    let (status, page) = post_csv(&sec, "", Some(&good)).await;
    assert_eq!(status, 201, "{page}");
    assert!(page.contains("سُجِّلت") && page.contains("٣\u{2069} أرقام"), "{page}");
    assert_eq!(count(&app).await, before + 3);
    let rows = app
        .store
        .list_observations(&ObservationFilter {
            factor: Some("threat".into()),
            indicator: Some("attacks_per_month".into()),
            area: Some("federal-iraq".into()),
            limit: None,
        })
        .await
        .unwrap();
    let periods: Vec<String> =
        rows.iter().map(|o| o.observation.period.to_string()).filter(|p| p.starts_with("2031")).collect();
    assert_eq!(periods, ["2031-01", "2031-02", "2031-03"]);

    // Nothing pasted and no file: said, nothing stored.
    let (status, page) = post_csv(&sec, "", None).await;
    assert_eq!(status, 422, "{page}");
    assert_eq!(count(&app).await, before + 3);
}

async fn roles_without_the_right_get_no_form_and_a_403(db: Db) {
    let app = spawn_app(db).await;
    let before = count(&app).await;
    let one = [
        ("area", "federal-iraq"),
        ("period", "2030-01"),
        ("value", "1"),
        ("publisher", "hmc-illustrative"),
        ("method", "illustrative"),
        ("as_of", "2030-02-01"),
        ("confidence", "low"),
    ];
    // The partner is not shown this indicator at all: for it, as the indicator page says, the
    // figures page is missing (404); the others read the indicator and are refused (403).
    for (user, refused) in [("us-head", 403), ("us-member", 403), ("auditor", 403), ("partner", 404)] {
        let r = reader(&app, user).await;
        let (_, page) = r.get(INDICATOR).await;
        assert!(!page.contains(FIGURES), "{user} is offered no form: {page}");
        assert_eq!(r.get(FIGURES).await.0, refused, "{user}");
        let (_, dash) = r.get("/dashboard").await;
        let csrf = csrf_of(&dash);
        let mut fields = vec![("csrf", csrf.as_str())];
        fields.extend_from_slice(&one);
        assert_eq!(r.post_raw(FIGURES, &fields).await.0, refused, "{user}");
        let (content_type, body) = multipart(
            &[("csrf", csrf.as_str()), ("csv", &format!("{HEADER}\n{}\n", row("federal-iraq", "2030-01", "1")))],
            "",
            b"",
        );
        let res =
            r.c.post(app.url(&format!("{FIGURES}/csv")))
                .header("content-type", content_type)
                .body(body)
                .send()
                .await
                .unwrap();
        assert_eq!(res.status().as_u16(), refused, "{user}");
    }
    // A working group records only its own factor's figures: no form on another factor's
    // indicator, and rows of another factor in its CSV are refused whole.
    let wg = reader(&app, "wg-threat").await;
    let (_, page) = wg.get("/indicators/capability.brigade_readiness").await;
    assert!(!page.contains("/indicators/capability.brigade_readiness/figures"), "{page}");
    assert_eq!(wg.get("/indicators/capability.brigade_readiness/figures").await.0, 403);
    let mixed = format!(
        "{HEADER}\n{}\ncapability.brigade_readiness,federal-iraq,2030-Q1,independent,,hmc-illustrative,illustrative,2030-04-01,low,true,,\n",
        row("federal-iraq", "2030-01", "1")
    );
    let (status, page) = post_csv(&wg, &mixed, None).await;
    assert_eq!(status, 403, "{page}");
    assert!(page.contains("only the figures of its own factor"), "{page}");
    // A post without the session's token is refused.
    let (status, _, _) = wg.post_raw(FIGURES, &[("csrf", "forged"), ("area", "federal-iraq")]).await;
    assert_eq!(status, 403);
    assert_eq!(count(&app).await, before);
}

fn commitment<'a>(id: &'a str, round: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("id", id),
        ("parties", "us"),
        ("text_en", "Train two more brigades in counter-IED work."),
        ("text_ar", "تدريب لواءين إضافيين على مكافحة العبوات الناسفة."),
        ("theme", "training"),
        ("round", round),
        ("due", "2027-06-30"),
        ("status", "0"),
        ("status_note_en", ""),
        ("status_note_ar", ""),
        ("sources", ""),
        ("evidence", ""),
        ("shared", "1"),
    ]
}

async fn a_commitment_recorded_on_the_page_is_in_the_ledger_and_the_api(db: Db) {
    let app = spawn_app(db).await;
    let head = reader(&app, "us-head").await;
    let ledger = head.page("/commitments").await;
    assert!(ledger.contains(r#"href="/commitments/new""#), "{ledger}");
    let form = head.page("/commitments/new").await;
    assert!(form.contains(r#"id="commitment-form""#), "{form}");

    let (status, location, _) =
        head.post("/commitments/new", "/commitments/new", &commitment("us-train-brigades-2027", "jscd-2")).await;
    assert_eq!((status, location.as_str()), (303, "/commitments/new?created=us-train-brigades-2027"));
    let done = head.page(&location).await;
    assert!(done.contains("Commitment <bdi dir=\"ltr\">us-train-brigades-2027</bdi> recorded."), "{done}");
    let ledger = head.page("/commitments?q=counter-IED").await;
    assert!(ledger.contains("Train two more brigades in counter-IED work."), "{ledger}");
    let (s, doc) = app.call("us-head", Method::GET, "/api/v1/commitments/us-train-brigades-2027", None).await;
    assert_eq!(s, 200, "{doc}");
    assert_eq!((doc["body"]["round"].as_str(), doc["body"]["due"].as_str()), (Some("jscd-2"), Some("2027-06-30")));
    assert_eq!((doc["owner_party"].as_str(), doc["shared"].as_bool()), (Some("us"), Some(true)), "{doc}");
    // The other delegation sees what was shared.
    assert_eq!(app.call("iq-head", Method::GET, "/api/v1/commitments/us-train-brigades-2027", None).await.0, 200);

    // Bad ones: each problem at its field, the values kept, nothing stored.
    let before = app.store.list_records(RecordKind::Commitment).await.unwrap().len();
    let (status, _, page) = head.post("/commitments/new", "/commitments/new", &commitment("Not An Id", "jscd-2")).await;
    assert_eq!(status, 422, "{page}");
    assert!(page.contains(r#"id="id-error""#) && page.contains("Nothing was recorded"), "{page}");
    assert!(page.contains("Train two more brigades"), "the text typed is kept: {page}");
    let (status, _, page) =
        head.post("/commitments/new", "/commitments/new", &commitment("us-other", "no-such-round")).await;
    assert_eq!(status, 422, "{page}");
    assert!(page.contains(r#"id="round-error""#), "{page}");
    let (status, _, page) =
        head.post("/commitments/new", "/commitments/new", &commitment("us-train-brigades-2027", "jscd-2")).await;
    assert_eq!(status, 409, "{page}");
    assert!(page.contains("There is already a commitment"), "{page}");
    head.arabic().await;
    let (status, _, page) =
        head.post("/commitments/new", "/commitments/new", &commitment("us-other", "no-such-round")).await;
    assert_eq!(status, 422);
    assert!(page.contains("لم يُسجَّل شيء") && page.contains(r#"id="round-error""#), "{page}");
    assert!(!page.contains('⟦'), "{page}");
    assert_eq!(app.store.list_records(RecordKind::Commitment).await.unwrap().len(), before);

    // A member records a draft of their delegation (no sharing offered); roles that may not
    // create commitments get no link and 403.
    let member = reader(&app, "us-member").await;
    let form = member.page("/commitments/new").await;
    assert!(!form.contains(r#"name="shared""#), "{form}");
    let mut draft = commitment("us-member-draft", "jscd-2");
    draft.retain(|(k, _)| *k != "shared");
    let (status, _, _) = member.post("/commitments/new", "/commitments/new", &draft).await;
    assert_eq!(status, 303);
    let (_, doc) = app.call("us-member", Method::GET, "/api/v1/commitments/us-member-draft", None).await;
    assert_eq!(doc["shared"].as_bool(), Some(false), "{doc}");
    assert_eq!(app.call("iq-head", Method::GET, "/api/v1/commitments/us-member-draft", None).await.0, 404);
    for user in ["partner", "auditor", "wg-threat"] {
        let r = reader(&app, user).await;
        let (_, ledger) = r.get("/commitments").await;
        assert!(!ledger.contains("/commitments/new"), "{user}: {ledger}");
        assert_eq!(r.get("/commitments/new").await.0, 403, "{user}");
        let (_, dash) = r.get("/dashboard").await;
        let csrf = csrf_of(&dash);
        let id = format!("{user}-sneaky");
        let mut fields = vec![("csrf", csrf.as_str())];
        fields.extend(commitment(&id, "jscd-2"));
        assert_eq!(r.post_raw("/commitments/new", &fields).await.0, 403, "{user}");
    }
}

both!(
    a_figure_entered_on_the_page_shows_on_the_indicator_page_and_in_the_api,
    a_csv_with_one_bad_row_stores_nothing_and_names_that_row_and_field,
    roles_without_the_right_get_no_form_and_a_403,
    a_commitment_recorded_on_the_page_is_in_the_ledger_and_the_api,
);
