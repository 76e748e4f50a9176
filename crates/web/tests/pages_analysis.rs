//! The analysis pages over real HTTP: the dashboard's timeline and changes, the indicator pages
//! (and what a reader may not see on them), the gate editor's located errors and explanations,
//! the forecast's what-ifs and their refusals, the printable report; in English and Arabic.

use crate::helpers;

use helpers::forms::{browser, csrf_of, sign_in};
use helpers::{Db, TestApp, spawn_app};
use serde_json::json;
use tahawul_domain::model::{Confidence, Observation};
use tahawul_domain::{Id, Period};
use tahawul_store::{RecordKind, RecordWrite, prelude::*};

async fn get(c: &reqwest::Client, app: &TestApp, path: &str) -> (u16, String) {
    let res = c.get(app.url(path)).send().await.unwrap();
    let status = res.status().as_u16();
    (status, res.text().await.unwrap())
}

/// Switches the client's language through the page's own link.
async fn to_arabic(c: &reqwest::Client, app: &TestApp) {
    let res = c.get(app.url("/lang/ar?next=/dashboard")).send().await.unwrap();
    assert_eq!(res.status().as_u16(), 303);
}

fn assert_translated(page: &str) {
    assert!(!page.contains('⟦'), "a message is missing:\n{page}");
}

/// `attr="value"` pairs of every element whose opening tag contains `marker`.
fn tags<'a>(page: &'a str, marker: &str) -> Vec<&'a str> {
    page.match_indices(marker)
        .map(|(i, _)| {
            let start = page[..i].rfind('<').unwrap();
            let end = i + page[i..].find('>').unwrap();
            &page[start..end]
        })
        .collect()
}

fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let at = tag.find(&key)? + key.len();
    Some(&tag[at..at + tag[at..].find('"')?])
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_dashboard_timeline_has_one_ordered_band_per_forecast_phase() {
    let app = spawn_app(Db::Sqlite).await;
    let c = sign_in(&app, "sec").await;
    let (status, page) = get(&c, &app, "/dashboard").await;
    assert_eq!(status, 200);
    assert_translated(&page);
    assert!(page.contains(r#"<html lang="en" dir="ltr">"#));
    let phases = tags(&page, r#"class="phase""#);
    assert_eq!(phases.len(), 4, "one row per phase of the founding case");
    let bands = tags(&page, r#"class="band""#);
    assert!(!bands.is_empty() && bands.len() <= phases.len());
    for b in &bands {
        assert_eq!(attr(b, "data-kind"), Some("baseline"), "no what-if on the dashboard");
        let (p10, p50, p90) =
            (attr(b, "data-p10").unwrap(), attr(b, "data-p50").unwrap(), attr(b, "data-p90").unwrap());
        // Months as YYYY-MM order as text; empty is "beyond the horizon", later than any month.
        let key = |m: &str| if m.is_empty() { "9999-99".to_string() } else { m.to_string() };
        assert!(!p10.is_empty(), "a band starts within the horizon: {b}");
        assert!(key(p10) <= key(p50) && key(p50) <= key(p90), "P10 ≤ P50 ≤ P90: {b}");
    }
    // The chart speaks: role, title, description; and the deadline is drawn where there is one.
    assert!(page.contains(r#"role="img" aria-labelledby="timeline-title timeline-desc""#));
    assert!(page.contains(r#"<title id="timeline-title">Transition timeline</title>"#));
    assert!(page.contains(r#"class="deadline""#));
    assert!(page.contains(r#"id="changes""#), "what changed since the last cycle");
    assert!(page.contains("What changed since the last cycle"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_analysis_page_is_arabic_right_to_left_with_every_message() {
    let app = spawn_app(Db::Sqlite).await;
    let c = sign_in(&app, "sec").await;
    to_arabic(&c, &app).await;
    for path in [
        "/dashboard",
        "/indicators",
        "/indicators/threat.attacks_per_month",
        "/gates",
        "/forecast",
        "/forecast?scenario=isis-resurgence",
        "/report",
        "/backtest",
    ] {
        let (status, page) = get(&c, &app, path).await;
        assert_eq!(status, 200, "{path}");
        assert!(page.contains(r#"<html lang="ar" dir="rtl">"#), "{path} in Arabic");
        assert_translated(&page);
    }
    let (_, page) = get(&c, &app, "/indicators").await;
    assert!(page.contains("<h1>المؤشرات</h1>"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_indicator_page_shows_history_fan_and_sources() {
    let app = spawn_app(Db::Sqlite).await;
    let c = sign_in(&app, "sec").await;
    let (status, page) = get(&c, &app, "/indicators").await;
    assert_eq!(status, 200);
    assert!(page.contains(r#"href="/indicators/threat.attacks_per_month""#));
    let (status, page) = get(&c, &app, "/indicators/threat.attacks_per_month?area=federal-iraq").await;
    assert_eq!(status, 200);
    assert_translated(&page);
    let fan = tags(&page, r#"class="fan-band""#);
    assert_eq!(fan.len(), 1, "one forecast fan");
    assert_eq!(attr(fan[0], "data-months"), Some("24"));
    assert!(page.contains(r#"class="p10-p90""#) && page.contains(r#"class="p25-p75""#));
    assert!(page.contains(r#"class="median""#));
    // Illustrative figures are hatched and said in words, not only coloured.
    if page.contains("point illustrative") {
        assert!(page.contains("url(#fan-hatch)"));
        assert!(page.contains("(illustrative)"));
    }
    // Bad input: an unknown area and an unknown indicator are 404 pages, in words.
    let (status, page) = get(&c, &app, "/indicators/threat.attacks_per_month?area=atlantis").await;
    assert_eq!(status, 404);
    assert!(page.contains("There are no figures for the area “atlantis”"));
    let (status, page) = get(&c, &app, "/indicators/threat.nothing").await;
    assert_eq!(status, 404);
    assert!(page.contains("There is no indicator “threat.nothing”"));
}

/// After a figure is written, the dashboard shows its line's newest forecast, says when it was
/// made, and makes the new one in the background; a reader of another kind never gets a line
/// that is not theirs.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_dashboard_shows_the_newest_forecast_of_its_line_while_a_new_one_is_made() {
    const EARLIER: &str = r#"data-test="forecast-earlier""#;
    let app = spawn_app(Db::Sqlite).await;
    let sec = sign_in(&app, "sec").await;
    let (status, page) = get(&sec, &app, "/dashboard").await;
    assert_eq!(status, 200);
    assert!(!page.contains(EARLIER), "the first dashboard waits for its own forecast");
    // A new figure: what the forecast reads has changed.
    let mut figure = app.store.load_case().await.unwrap().observations[0].clone();
    figure.period = "2031".parse().unwrap();
    app.store.insert_observations(&[figure], "setup").await.unwrap();
    let (status, page) = get(&sec, &app, "/dashboard").await;
    assert_eq!(status, 200);
    assert!(page.contains(EARLIER), "the secretariat's line's newest, marked as made earlier");
    assert!(page.contains("This timeline was computed at"), "{page}");
    // Other kinds of reader have no line yet and must not be given the secretariat's: the
    // Iraqi head sees the same records (so only the kind of reader tells the lines apart), the
    // partner sees fewer.
    for other in ["iq-head", "partner"] {
        let c = sign_in(&app, other).await;
        let (_, page) = get(&c, &app, "/dashboard").await;
        assert!(!page.contains(EARLIER), "{other}'s dashboard showed another kind of reader's forecast");
    }
    to_arabic(&sec, &app).await;
    let (_, page) = get(&sec, &app, "/dashboard").await;
    assert_translated(&page);
    if page.contains(EARLIER) {
        assert!(page.contains("حُسب هذا الجدول الزمني"));
    }
    // The background forecast lands; then the page has the forecast of exactly this record.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
    loop {
        let (_, page) = get(&sec, &app, "/dashboard").await;
        if !page.contains(EARLIER) {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "the new forecast never replaced the earlier one");
        tokio::time::sleep(std::time::Duration::from_millis(250)).await;
    }
}

/// A US delegation draft indicator with a figure no one else may see.
async fn draft_indicator_is_hidden(db: Db) {
    let app = spawn_app(db).await;
    let mut body = app.store.get_record(RecordKind::Indicator, "threat.attacks_per_month").await.unwrap().body;
    body["id"] = json!("draft_signal");
    body["name"] = json!({ "en": "Draft signal", "ar": "إشارة المسودة" });
    app.store
        .put_record(
            RecordWrite {
                kind: RecordKind::Indicator,
                id: "threat.draft_signal".into(),
                body,
                owner_party: Some("us".into()),
                shared: false,
                releasable: false,
            },
            None,
            "setup",
        )
        .await
        .unwrap();
    let figure = |month: &str, value: f64| Observation {
        factor: Id::parse("threat").unwrap(),
        indicator: Id::parse("draft_signal").unwrap(),
        area: Id::parse("federal-iraq").unwrap(),
        period: month.parse::<Period>().unwrap(),
        value,
        publisher: app_publisher(),
        method: Id::parse("isis-attributed").unwrap(),
        as_of: "2025-07-01".parse().unwrap(),
        confidence: Confidence::Medium,
        illustrative: false,
        document: None,
    };
    app.store.insert_observations(&[figure("2025-01", 4242.0), figure("2025-02", 4243.0)], "setup").await.unwrap();
    for (user, sees) in [("sec", true), ("us-head", true), ("iq-head", false), ("partner", false)] {
        let c = sign_in(&app, user).await;
        let (status, page) = get(&c, &app, "/indicators/threat.draft_signal").await;
        assert_eq!(status == 200, sees, "{user}: {status}");
        assert_eq!(page.contains("4242"), sees, "{user} and the draft's figure");
        let (_, list) = get(&c, &app, "/indicators").await;
        assert_eq!(list.contains("Draft signal"), sees, "{user} and the list");
    }
    // Nothing of the founding case is released to partners yet: no figures at all for them.
    let c = sign_in(&app, "partner").await;
    let (status, _) = get(&c, &app, "/indicators/threat.attacks_per_month").await;
    assert_eq!(status, 404);
}

fn app_publisher() -> Id {
    Id::parse("gtd").unwrap()
}

mod sqlite {
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn draft_indicator_is_hidden() {
        super::draft_indicator_is_hidden(super::Db::Sqlite).await
    }
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn the_report_pdf_shows_what_the_page_shows_to_each_reader() {
        super::the_report_pdf_shows_what_the_page_shows_to_each_reader(super::Db::Sqlite).await
    }
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn what_if_beside_the_baseline() {
        super::what_if_beside_the_baseline(super::Db::Sqlite).await
    }
}
mod postgres {
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn draft_indicator_is_hidden() {
        super::draft_indicator_is_hidden(super::Db::Postgres).await
    }
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn the_report_pdf_shows_what_the_page_shows_to_each_reader() {
        super::the_report_pdf_shows_what_the_page_shows_to_each_reader(super::Db::Postgres).await
    }
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn what_if_beside_the_baseline() {
        super::what_if_beside_the_baseline(super::Db::Postgres).await
    }
}

async fn what_if_beside_the_baseline(db: Db) {
    let app = spawn_app(db).await;
    let c = sign_in(&app, "us-head").await;
    let (status, page) =
        get(&c, &app, "/forecast?indicator=threat.attacks_per_month&multiply=3&from=2027-01&paths=2000").await;
    assert_eq!(status, 200, "{page}");
    assert_translated(&page);
    let base = tags(&page, r#"data-kind="baseline""#).len();
    let what_if = tags(&page, r#"data-kind="what-if""#).len();
    assert!(base > 0 && base == what_if, "one what-if band beside each baseline band");
    assert!(page.contains("multiply=3"));
    // Switching language keeps the what-if on screen (issue 17 item 7).
    let switch = page.split(r#"id="lang-switch" href=""#).nth(1).and_then(|s| s.split('"').next()).unwrap();
    assert!(switch.starts_with("/lang/ar?next=/forecast%3F") && switch.contains("multiply%3D3"), "{switch}");
    let res = c.get(app.url(&switch.replace("&amp;", "&"))).send().await.unwrap();
    assert_eq!(res.status().as_u16(), 303);
    let back = res.headers()["location"].to_str().unwrap().to_string();
    assert!(back.starts_with("/forecast?") && back.contains("multiply=3"), "{back}");
    let (status, arabic) = get(&c, &app, &back).await;
    assert_eq!(status, 200, "{arabic}");
    assert!(
        arabic.contains(r#"<html lang="ar""#) && arabic.contains(r#"data-kind="what-if""#),
        "the what-if, in Arabic"
    );
    let res = c.get(app.url("/lang/en?next=/forecast")).send().await.unwrap();
    assert_eq!(res.status().as_u16(), 303);
    // The stored scenario too.
    let (status, page) = get(&c, &app, "/forecast?scenario=relaxed-air-support-threshold&paths=500").await;
    assert_eq!(status, 200);
    assert!(page.contains("Air-support threshold relaxed"));
    // A threshold is picked by its clause's sentence, not by a number to type (issue 17 item 6).
    let option = r#"<option value="coalition-mission-ends-kurdistan-region#3""#;
    let at = page.find(option).expect("every clause is offered, phase by phase");
    let label = &page[at..page[at..].find("</option>").map_or(page.len(), |e| at + e)];
    assert!(label.contains("adviser") && !label.contains("requirements.adviser_sites"), "{label}");
    assert!(!page.contains(r#"id="clause""#), "no clause number to type");
    // Fields that take a minus sign do not get a phone's decimal keypad, which has none.
    for signed in ["shift", "slope", "value"] {
        assert!(page.contains(&format!(r#"id="{signed}" name="{signed}" type="text" inputmode="text""#)), "{signed}");
    }
    assert!(page.contains(r#"id="multiply" name="multiply" type="text" inputmode="decimal""#));
    let (status, page) =
        get(&c, &app, "/forecast?threshold=coalition-mission-ends-kurdistan-region%233&value=6&paths=500").await;
    assert_eq!(status, 200, "{page}");
    assert!(page.contains(r#"data-kind="what-if""#));
    assert!(page.contains(r#"value="coalition-mission-ends-kurdistan-region#3" selected"#), "kept on the form");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bad_what_if_gives_the_form_again_with_the_reason() {
    let app = spawn_app(Db::Sqlite).await;
    let c = sign_in(&app, "sec").await;
    let cases = [
        ("/forecast?indicator=threat.attacks_per_month&shift=lots", "“lots” is not a number."),
        ("/forecast?paths=999999999", "is not a whole number between 1 and 20000"),
        ("/forecast?horizon=0", "“0” is not a whole number between 1 and 240"),
        ("/forecast?scenario=nope", "there is no scenario `nope`"),
        ("/forecast?shift=2", "Choose the indicator the change applies to."),
        ("/forecast?indicator=threat.attacks_per_month&multiply=-2", "must be greater than 0"),
        ("/forecast?indicator=threat.atacks_per_month&shift=2", "did you mean `threat.attacks_per_month`?"),
        ("/forecast?phase=coalition-mission-ends-kurdistan-region&clause=9&value=3", "has no clause 9"),
        ("/forecast?phase=coalition-mission-ends-kurdistan-region", "needs a phase, a clause and a new threshold"),
    ];
    for (path, expected) in cases {
        let (status, page) = get(&c, &app, path).await;
        assert_eq!(status, 422, "{path}");
        assert!(page.contains(expected), "{path}: want {expected:?} in\n{page}");
        assert!(page.contains(r#"id="form-problems""#) && page.contains(r#"<form method="get" action="/forecast""#));
        assert!(!page.contains(r#"class="band""#), "no timeline for a refused what-if");
    }
    to_arabic(&c, &app).await;
    let (status, page) = get(&c, &app, "/forecast?indicator=threat.attacks_per_month&shift=lots").await;
    assert_eq!(status, 422);
    // What the reader typed is isolated (FSI … PDI) inside the Arabic sentence.
    assert!(page.contains("«\u{2068}lots\u{2069}» ليس رقمًا."), "{page}");
    assert_translated(&page);
}

async fn post_gate(c: &reqwest::Client, app: &TestApp, gate: &str, phase: &str) -> (u16, String) {
    let (_, form) = get(c, app, "/gates").await;
    let csrf = csrf_of(&form);
    let res = c
        .post(app.url("/gates"))
        .form(&[("csrf", csrf.as_str()), ("gate", gate), ("phase", phase)])
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    (status, res.text().await.unwrap())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_gate_editor_locates_errors_and_explains_valid_gates() {
    let app = spawn_app(Db::Sqlite).await;
    let c = sign_in(&app, "wg-threat").await;
    let (status, page) = get(&c, &app, "/gates").await;
    assert_eq!(status, 200);
    assert!(page.contains(r#"<textarea id="gate" name="gate""#));
    assert!(page.contains(r#"src="/assets/gate-editor.js""#));
    // A misspelt name on the second line: its line, column and a suggestion.
    let (status, page) = post_gate(
        &c,
        &app,
        "threat.attacks_per_month <= 15 for 6 months\n  and capability.brigades_independant_share >= 0.6",
        "",
    )
    .await;
    assert_eq!(status, 422);
    assert_translated(&page);
    assert!(page.contains(r#"data-line="2" data-column="7""#), "{page}");
    assert!(page.contains("Line 2, column 7"));
    assert!(page.contains("capability.brigades_independent_share"), "the suggestion");
    assert!(page.contains("^^^"), "the caret under the mistake");
    // A valid gate: English and Arabic sentences and an explanation per area of the phase.
    let (status, page) =
        post_gate(&c, &app, "threat.attacks_per_month <= 15 for 6 months", "coalition-mission-ends-federal-iraq").await;
    assert_eq!(status, 200, "{page}");
    assert!(page.contains(r#"id="sentence-en""#) && page.contains(r#"id="sentence-ar""#));
    let areas = tags(&page, r#"class="area-explanation""#);
    assert!(!areas.is_empty());
    for a in areas {
        assert!(["met", "not-met", "no-data"].contains(&attr(a, "data-truth").unwrap()));
    }
    // Without the session's token nothing is checked.
    let res = c.post(app.url("/gates")).form(&[("csrf", "forged"), ("gate", "x"), ("phase", "")]).send().await.unwrap();
    assert_eq!(res.status().as_u16(), 403);
    // In Arabic the position and the messages are Arabic.
    to_arabic(&c, &app).await;
    let (status, page) = post_gate(&c, &app, "threat.attacks_per_month <= ", "").await;
    assert_eq!(status, 422);
    assert_translated(&page);
    assert!(page.contains("السطر \u{2068}1\u{2069}، العمود"), "{page}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_report_prints_every_part() {
    let app = spawn_app(Db::Sqlite).await;
    let c = sign_in(&app, "auditor").await;
    let (status, page) = get(&c, &app, "/report").await;
    assert_eq!(status, 200);
    assert_translated(&page);
    for part in [
        r#"class="chart heatmap""#,
        r#"class="chart timeline""#,
        r#"id="gates-h""#,
        r#"id="commitments-h""#,
        r#"id="trends-h""#,
        r#"id="changes""#,
    ] {
        assert!(page.contains(part), "{part}");
    }
    assert!(tags(&page, r#"class="chart fan compact""#).len() >= 3, "trend charts of the gate indicators");
    let ids: Vec<_> = tags(&page, r#"class="chart fan compact""#).iter().map(|t| attr(t, "id").unwrap()).collect();
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(ids.len(), unique.len(), "chart ids are unique on the page");
    let css = reqwest::get(app.url("/assets/analysis.css")).await.unwrap().text().await.unwrap();
    assert!(css.contains("@media print") && css.contains("size: A4") && css.contains("break-before: page"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_without_a_session_send_to_sign_in() {
    let app = spawn_app(Db::Sqlite).await;
    let c = browser();
    for path in ["/indicators", "/gates", "/forecast", "/report", "/backtest"] {
        let res = c.get(app.url(path)).send().await.unwrap();
        assert_eq!(res.status().as_u16(), 303, "{path}");
        assert!(res.headers()["location"].to_str().unwrap().starts_with("/sign-in?next="));
    }
}

/// The `data-points` of every line group with this class.
fn line_points(page: &str, class: &str) -> Vec<usize> {
    tags(page, &format!(r#"class="line {class}""#))
        .iter()
        .map(|t| attr(t, "data-points").unwrap().parse().unwrap())
        .collect()
}

/// The text of the first element whose opening tag contains `marker`, up to its closing tag.
fn section<'a>(page: &'a str, marker: &str) -> &'a str {
    let at = page.find(marker).unwrap_or_else(|| panic!("{marker} on the page"));
    &page[at..at + page[at..].find("</svg>").unwrap()]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_forecast_page_draws_each_phase_first_passage_month_by_month() {
    let app = spawn_app(Db::Sqlite).await;
    let c = sign_in(&app, "sec").await;
    let (status, page) = get(&c, &app, "/forecast?horizon=36").await;
    assert_eq!(status, 200);
    assert_translated(&page);
    let chart = section(&page, r#"class="chart xy first-passage""#);
    assert!(chart.contains(r#"<title id="first-passage-title">"#));
    // One line per forecast phase (not those on record as started), one point per month.
    let started = tags(&page, r#"class="started""#).len();
    let forecast = tags(&page, r#"class="band""#).len() - started;
    let lines = line_points(&page, "cdf");
    assert_eq!(lines.len(), forecast, "a line for each phase with a forecast band, none for those started");
    assert!(!lines.is_empty());
    assert!(lines.iter().all(|&n| n == 36), "one point per month of the horizon: {lines:?}");
    assert!(page.contains(r#"href="/backtest""#), "the forecast links to its backtest");
    let (_, page) = get(&c, &app, "/indicators/threat.attacks_per_month").await;
    assert!(page.contains(r#"href="/backtest""#), "and so does the indicator page");
}

mod backtest_page {
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn on_sqlite() {
        super::the_backtest_page_shows_coverage_skill_pit_and_gate_reliability_with_counts(super::Db::Sqlite).await
    }
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn on_postgres() {
        super::the_backtest_page_shows_coverage_skill_pit_and_gate_reliability_with_counts(super::Db::Postgres).await
    }
}

async fn the_backtest_page_shows_coverage_skill_pit_and_gate_reliability_with_counts(db: Db) {
    let app = spawn_app(db).await;
    let c = sign_in(&app, "sec").await;
    let (status, page) = get(&c, &app, "/backtest").await;
    assert_eq!(status, 200);
    assert_translated(&page);
    assert!(page.contains(r#"<h1 id="backtest-title">Backtest</h1>"#));
    // Coverage: the 50/80/90% lines, a point per month ahead, each with its dashed nominal level.
    let horizons = tags(&page, "<tr data-horizon=").len();
    assert_eq!(horizons, 12, "twelve months ahead in the table");
    assert_eq!(line_points(&page, "coverage"), vec![horizons; 3]);
    assert_eq!(line_points(&page, "nominal"), vec![2; 3]);
    let coverage = section(&page, r#"class="chart xy coverage""#);
    assert_eq!(coverage.matches(r#"class="point""#).count(), 3 * horizons);
    assert_eq!(coverage.matches(" months ahead: ").count(), 3 * horizons, "each point says its value and count");
    // Skill: a bar per month ahead with a skill; PIT: ten bars with the flat line.
    let skill = section(&page, r#"class="chart xy skill""#);
    assert_eq!(skill.matches(r#"class="bar""#).count(), horizons);
    let pit = section(&page, r#"class="chart xy pit""#);
    assert_eq!(pit.matches(r#"class="bar""#).count(), 10);
    assert_eq!(line_points(&page, "flat"), vec![2]);
    // Gates: a row per phase, each with its count; the reliability diagram has a point per
    // non-empty bin, and the bins count every gate forecast.
    let rows = tags(&page, r#"<tr data-phase="#);
    assert_eq!(rows.len(), 4, "one row per phase of the founding case");
    let per_gate: usize = rows.iter().map(|r| attr(r, "data-forecasts").unwrap().parse::<usize>().unwrap()).sum();
    assert!(per_gate > 0, "some gate is scored");
    let bins: Vec<usize> = tags(&page, r#"<tr data-forecasts="#)
        .iter()
        .filter(|t| !t.contains("data-phase"))
        .map(|t| attr(t, "data-forecasts").unwrap().parse().unwrap())
        .collect();
    assert_eq!(bins.len(), 10);
    assert_eq!(bins.iter().sum::<usize>(), per_gate, "the reliability table counts every gate forecast");
    assert_eq!(line_points(&page, "reliability-bins"), vec![bins.iter().filter(|&&k| k > 0).count()]);
    assert_eq!(line_points(&page, "diagonal"), vec![2]);
    assert!(page.contains("Brier score of no change"));

    // In Arabic: right to left, the Arabic words, the same pictures (the backtest is kept).
    to_arabic(&c, &app).await;
    let (status, page) = get(&c, &app, "/backtest").await;
    assert_eq!(status, 200);
    assert!(page.contains(r#"<html lang="ar" dir="rtl">"#));
    assert_translated(&page);
    assert!(page.contains("الاختبار الرجعي") && page.contains("درجة براير") && page.contains("موثوقية توقعات الشروط"));
    assert_eq!(line_points(&page, "coverage"), vec![horizons; 3]);
    assert_eq!(section(&page, r#"class="chart xy pit""#).matches(r#"class="bar""#).count(), 10);
    // Numbers in Arabic text are isolated left to right.
    assert!(page.contains("\u{2066}\u{200E}"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bad_backtest_setting_gives_the_form_again_with_the_reason() {
    let app = spawn_app(Db::Sqlite).await;
    let c = sign_in(&app, "sec").await;
    let (status, page) = get(&c, &app, "/backtest?every=0&years=x").await;
    assert_eq!(status, 422);
    assert_translated(&page);
    assert!(page.contains(r#"id="form-problems""#));
    assert_eq!(tags(&page, r#"class="error" data-field="#).len(), 2);
    assert!(!page.contains(r#"class="chart xy"#), "no pictures from bad settings");
}

/// `/report.pdf`: the report page's link gives the same report as a PDF, under the page's
/// access. The auditor's holds the gate indicators' trend charts; a coalition partner, to whom
/// none of the founding case's figures are released, gets neither the charts on the page nor
/// in the PDF.
async fn the_report_pdf_shows_what_the_page_shows_to_each_reader(db: Db) {
    let app = spawn_app(db).await;
    let case = app.store.load_case().await.unwrap();
    let trend_title = |c: &tahawul_domain::Case, ind: &tahawul_domain::model::Indicator, area: &str| {
        format!("{} in {}", ind.name.en, c.area(area).map_or(area, |a| a.name.en.as_str()))
    };
    let titles: Vec<String> = tahawul_domain::cycle::gate_series(&case)
        .iter()
        .map(|(i, s)| trend_title(&case, i, s.data_area.as_str()))
        .collect();
    assert!(titles.len() >= 3, "the founding case's gates read several series");

    let auditor = sign_in(&app, "auditor").await;
    let (_, page) = get(&auditor, &app, "/report").await;
    assert!(page.contains(r#"id="report-pdf" href="/report.pdf""#), "the page links its PDF");
    let res = auditor.get(app.url("/report.pdf")).send().await.unwrap();
    assert_eq!(res.status().as_u16(), 200);
    assert_eq!(res.headers()["content-type"], "application/pdf");
    let disposition = res.headers()["content-disposition"].to_str().unwrap().to_string();
    assert!(
        disposition.starts_with(r#"attachment; filename="report-"#) && disposition.ends_with(r#"-en.pdf""#),
        "{disposition}"
    );
    let text = helpers::pdftotext(&res.bytes().await.unwrap());
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(text.contains("Cycle report"), "{text}");
    for t in &titles {
        assert!(text.contains(t.as_str()), "the auditor's PDF lacks the chart {t:?}: {text}");
    }

    let partner = sign_in(&app, "partner").await;
    let (status, page) = get(&partner, &app, "/report").await;
    assert_eq!(status, 200);
    assert!(!page.contains(r#"class="chart fan compact""#), "the partner's page has no trend charts");
    let res = partner.get(app.url("/report.pdf")).send().await.unwrap();
    assert_eq!(res.status().as_u16(), 200);
    let text = helpers::pdftotext(&res.bytes().await.unwrap());
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(text.contains("Cycle report"), "{text}");
    for t in &titles {
        assert!(!text.contains(t.as_str()), "the partner's PDF shows the chart {t:?} its page hides: {text}");
    }

    // Without a session: to sign-in, no PDF.
    let res = browser().get(app.url("/report.pdf")).send().await.unwrap();
    assert_eq!(res.status().as_u16(), 303);
}
