//! Issue 17, item 3, over real HTTP on SQLite and PostgreSQL: the dashboard counts the
//! commission's endorsed judgement beside what the figures say and changes after the second
//! endorsement (not the first); each cell opens its factor × area page with the factor's
//! indicators, the endorsed assessment (rating, rationale, who endorsed) and the history; a
//! stale cell says which figure is overdue and since when; a coalition partner's page has no
//! assessment; both languages; the JSON API says the same.
//!
//! `scripts/with-postgres nice -n 10 cargo test -p tahawul-web --test integration dashboard_cells::`

use crate::helpers;

use helpers::both;

use helpers::forms::{Reader, reader};
use helpers::{Db, THREAT_ASSESSMENT as ID, TestApp, draft_threat_assessment, founding_case, spawn_app};
use reqwest::Method;
use serde_json::{Value, json};
use tahawul_store::{RecordKind, RecordWrite, prelude::*};

const CELL: &str = "/factors/threat/areas/kurdistan-region";

/// The dashboard's cell for threat × Kurdistan Region: the SVG link and everything inside it.
fn cell_of<'p>(page: &'p str, href: &str) -> &'p str {
    let start =
        page.find(&format!(r#"<a href="{href}""#)).unwrap_or_else(|| panic!("no link to {href} in the heatmap"));
    let rest = &page[start..];
    &rest[..rest.find("</a>").expect("the cell's link closes")]
}

/// The text of a `<text class="{class}" …>…</text>` inside a cell (None when absent).
fn line<'c>(cell: &'c str, class: &str) -> Option<&'c str> {
    let at = cell.find(&format!(r#"<text class="{class}""#))?;
    let rest = &cell[at..];
    let body = &rest[rest.find('>')? + 1..];
    Some(&body[..body.find("</text>")?])
}

/// The threat × Kurdistan Region cell of the status API.
async fn api_cell(app: &TestApp, user: &str) -> Value {
    let (s, doc) = app.call(user, Method::GET, "/api/v1/status", None).await;
    assert_eq!(s, 200, "{doc}");
    doc["cells"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["factor"] == "threat" && c["area"] == "kurdistan-region")
        .cloned()
        .expect("the cell")
}

/// A head endorses on the assessment's page, as they would: 303 back to it.
async fn endorse(head: &Reader<'_>, version: i64) {
    let page = format!("/assessments/{ID}");
    let (s, location, body) =
        head.post(&page, &format!("/assessments/{ID}/endorse"), &[("version", &version.to_string())]).await;
    assert_eq!(s, 303, "{body}");
    assert!(location.starts_with(&page), "{location}");
}

async fn the_dashboard_changes_after_the_second_endorsement(db: Db) {
    let app = spawn_app(db).await;
    let sec = reader(&app, "sec").await;
    draft_threat_assessment(&app, true).await;

    // Before: only a submitted assessment, so the figures alone head the cell.
    let page = sec.page("/dashboard").await;
    let before = cell_of(&page, CELL).to_string();
    assert!(!before.contains("judged"), "{before}");
    assert!(line(&before, "judgement").is_none(), "{before}");
    // The illustrative mark ends the first line, whichever it is.
    let figures = line(&before, "figures").expect("what the figures say").trim_end_matches(" *").to_string();
    assert!(figures.starts_with("Figures: "), "{figures}");
    assert!(before.contains(r#"aria-label=""#), "the cell's link has a name: {before}");
    assert!(api_cell(&app, "sec").await["judgement"].is_null());

    // The first endorsement: still only submitted, nothing changes.
    let us = reader(&app, "us-head").await;
    endorse(&us, 2).await;
    let page = sec.page("/dashboard").await;
    assert_eq!(cell_of(&page, CELL), before, "one delegation's endorsement is not the commission's");

    // The second: endorsed; the cell now says the commission's judgement, and still the figures.
    let iq = reader(&app, "iq-head").await;
    endorse(&iq, 3).await;
    let page = sec.page("/dashboard").await;
    let after = cell_of(&page, CELL);
    assert_ne!(after, before);
    assert!(after.contains("cell met judged"), "{after}");
    assert_eq!(line(after, "judgement"), Some("Endorsed: met *"), "{after}");
    assert_eq!(line(after, "figures").map(str::to_string), Some(figures.clone()), "the figures' line stays: {after}");
    let api = api_cell(&app, "sec").await;
    assert_eq!(api["judgement"]["assessment"], ID, "{api}");
    assert_eq!(api["judgement"]["rating"], "met");
    assert_eq!(api["status"], "met");
    assert!(["agrees", "differs", "nothing-to-compare"].contains(&api["agreement"].as_str().unwrap()), "{api}");

    // The same in Arabic.
    sec.arabic().await;
    let page = sec.page("/dashboard").await;
    let ar = cell_of(&page, CELL);
    assert_eq!(line(ar, "judgement"), Some("المعتمد: متحقق *"), "{ar}");
    assert!(line(ar, "figures").is_some_and(|l| l.starts_with("الأرقام: ")), "{ar}");
}

async fn a_cell_opens_its_factor_and_area(db: Db) {
    let app = spawn_app(db).await;
    draft_threat_assessment(&app, true).await;
    for (head, v) in [("us-head", 2), ("iq-head", 3)] {
        endorse(&reader(&app, head).await, v).await;
    }
    let sec = reader(&app, "sec").await;
    let page = sec.page(CELL).await;
    assert!(page.contains(r#"<h1 id="factor-area-title">"#) && page.contains("Kurdistan Region"), "{page}");
    // Every indicator of the factor, linked to its page in this area, and only those.
    let case = founding_case();
    let threat: Vec<_> = case.indicators.iter().filter(|i| i.factor.as_str() == "threat").collect();
    assert!(!threat.is_empty());
    for i in &threat {
        let q = i.qualified_name();
        assert!(page.contains(&format!(r#"data-indicator="{q}""#)), "{q} listed");
        assert!(page.contains(&format!(r#"href="/indicators/{q}?area=kurdistan-region""#)), "{q} linked");
    }
    let rows = page.matches(r#"<tr data-indicator=""#).count();
    assert_eq!(rows, threat.len(), "only the threat factor's indicators");
    // The condition's clause on the attacks, with its latest figure.
    assert!(page.contains("per month") || page.contains("attacks"), "{page}");
    // The endorsed assessment: rating, rationale in both languages, both delegations, named actors.
    assert!(page.contains(r#"<dd id="fa-rating">Met</dd>"#), "the level's name: {page}");
    assert!(page.contains("Attacks stayed below three a month.") && page.contains("بقيت الهجمات دون ثلاث شهريًا."));
    let by = &page[page.find(r#"id="fa-endorsed-by""#).expect("who endorsed")..];
    let by = &by[..by.find("</dd>").unwrap()];
    for who in ["us-head", "iq-head"] {
        assert!(by.contains(who), "{who} in {by}");
    }
    assert!(by.contains("United States") && by.contains("Iraq"), "the parties by name: {by}");
    assert!(by.contains("UTC"), "when: {by}");
    // How it relates to the figures, and the history: this cycle's and the earlier submitted one.
    assert!(page.contains(r#"id="fa-agreement""#), "{page}");
    assert!(page.contains(&format!(r#"data-assessment="{ID}""#)));
    assert!(page.contains(r#"data-assessment="threat-kurdistan-region-2026q3""#));
    assert!(!page.contains('⟦'));

    // Arabic: the same page, translated.
    sec.arabic().await;
    let ar = sec.page(CELL).await;
    assert!(ar.contains(r#"<html lang="ar" dir="rtl">"#));
    assert!(ar.contains("إقليم كردستان") && ar.contains("آخر تقييم معتمد"), "{ar}");

    // A cell that is not there says so, with a way back (404, not a 500).
    let (s, body) = sec.get("/factors/threat/areas/atlantis").await;
    assert_eq!(s, 404, "{body}");
    assert!(body.contains("atlantis") && body.contains(r#"href="/dashboard""#), "{body}");
}

/// A partner sees the cell's figures but no assessment: not the rating, the rationale, the
/// history, nor a section saying there is none.
async fn a_partner_sees_no_assessment_on_the_cell(db: Db) {
    let app = spawn_app(db).await;
    draft_threat_assessment(&app, true).await;
    for (head, v) in [("us-head", 2), ("iq-head", 3)] {
        endorse(&reader(&app, head).await, v).await;
    }
    // The founding case is imported unreleased: release the area, the factor and its
    // indicators to partners, and nothing else (the assessments stay the delegations').
    let partner = reader(&app, "partner").await;
    let (s, _) = partner.get("/factors/threat/areas/federal-iraq").await;
    assert_eq!(s, 404, "unreleased, the cell is not the partner's: hidden and missing look the same");
    for kind in [RecordKind::Area, RecordKind::Factor, RecordKind::Indicator] {
        for r in app.store.list_records(kind).await.unwrap() {
            if r.id == "federal-iraq" || r.id == "threat" || r.id.starts_with("threat.") {
                let w = RecordWrite {
                    kind,
                    id: r.id.clone(),
                    body: r.body.clone(),
                    owner_party: r.owner_party.clone(),
                    shared: true,
                    releasable: true,
                };
                app.store.put_record(w, Some(r.version), "setup").await.unwrap();
            }
        }
    }
    let page = partner.page("/factors/threat/areas/federal-iraq").await;
    for hidden in [
        "Attacks stayed below three a month.",
        "ISIS attacks in Federal Iraq stayed",
        "threat-federal-iraq-2026q3",
        ID,
        r#"id="judgement""#,
        r#"id="fa-history""#,
        r#"id="fa-judgement""#,
        "Latest endorsed assessment",
    ] {
        assert!(!page.contains(hidden), "the partner sees {hidden}:\n{page}");
    }
    assert!(page.contains(r#"id="fa-figures""#), "the figures are theirs to see: {page}");
    let dash = partner.page("/dashboard").await;
    let cell = cell_of(&dash, "/factors/threat/areas/federal-iraq");
    assert!(!cell.contains("judged") && !cell.contains("Endorsed:"), "no judgement on the partner's dashboard: {cell}");
    // The assessment is on the secretariat's copy of the same page.
    let sec = reader(&app, "sec").await.page("/factors/threat/areas/federal-iraq").await;
    assert!(sec.contains("ISIS attacks in Federal Iraq stayed"), "{sec}");
}

/// An area whose only figures are from 2024: its threat cell is stale and says which figure
/// is overdue and since when, in both languages.
async fn a_stale_cell_says_why(db: Db) {
    let app = spawn_app(db).await;
    let mut body = app.store.list_records(RecordKind::Area).await.unwrap().remove(0).body;
    body["id"] = json!("old-zone");
    body["name"] = json!({ "en": "Old zone", "ar": "منطقة قديمة" });
    body["parent"] = Value::Null;
    let w = RecordWrite {
        kind: RecordKind::Area,
        id: "old-zone".into(),
        body,
        owner_party: None,
        shared: true,
        releasable: true,
    };
    app.store.put_record(w, None, "setup").await.unwrap();
    let observations: Vec<Value> = (1..=6)
        .map(|m| {
            json!({ "factor": "threat", "indicator": "attacks_per_month", "area": "old-zone", "period": format!("2024-0{m}"),
                "value": 2.0, "publisher": "hmc-illustrative", "method": "illustrative", "as_of": "2024-08-01",
                "confidence": "low", "illustrative": true, "document": null })
        })
        .collect();
    let (s, b) =
        app.call("sec", Method::POST, "/api/v1/observations", Some(json!({ "observations": observations }))).await;
    assert_eq!(s, 201, "{b}");

    let sec = reader(&app, "sec").await;
    let page = sec.page("/dashboard").await;
    let cell = cell_of(&page, "/factors/threat/areas/old-zone");
    assert!(cell.contains("cell stale"), "{cell}");
    assert_eq!(line(cell, "figures"), Some("Figures: stale *"), "{cell}");

    let page = sec.page("/factors/threat/areas/old-zone").await;
    let list = &page[page.find(r#"<ul id="fa-stale">"#).expect("the overdue figures")..];
    let list = &list[..list.find("</ul>").unwrap()];
    assert!(list.contains(r#"data-indicator="threat.attacks_per_month""#), "{list}");
    // The latest figure, the one expected next, and the month it fell due (isolated left to right).
    for period in ["2024-06", "2024-07", "2024-08"] {
        assert!(list.contains(&format!("\u{2066}\u{200e}{period}\u{2069}")), "{period} in {list}");
    }
    assert!(page.contains("A figure is overdue once"), "the rule is said");
    let api = app.call("sec", Method::GET, "/api/v1/status", None).await.1;
    let c =
        api["cells"].as_array().unwrap().iter().find(|c| c["area"] == "old-zone" && c["factor"] == "threat").unwrap();
    assert_eq!(
        (c["figures"].as_str(), c["stale"][0]["overdue_from"].as_str()),
        (Some("stale"), Some("2024-08")),
        "{c}"
    );

    sec.arabic().await;
    let ar = sec.page("/factors/threat/areas/old-zone").await;
    assert!(ar.contains("لماذا الأرقام متقادمة") && ar.contains("متأخر منذ"), "{ar}");
}

/// Item 8 on a real page: the attacks chart draws the condition's threshold (≤ 8, named by its
/// factor) and the readiness chart names its levels on the axis, in both languages.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn indicator_charts_draw_thresholds_and_level_names() {
    let app = spawn_app(Db::Sqlite).await;
    let case = founding_case();
    let sec = reader(&app, "sec").await;
    for lang in ["en", "ar"] {
        if lang == "ar" {
            sec.arabic().await;
        }
        let page = sec.page("/indicators/threat.attacks_per_month?area=federal-iraq").await;
        let chart = &page[page.find(r#"<svg class="chart fan""#).expect("the chart")..];
        let chart = &chart[..chart.find("</svg>").unwrap()];
        assert!(chart.contains(r#"<g class="threshold" data-value="8">"#), "{lang}: {chart}");
        let factor = case.factor("threat").unwrap().name.get(if lang == "en" {
            tahawul_domain::Lang::En
        } else {
            tahawul_domain::Lang::Ar
        });
        let g = &chart[chart.find(r#"class="threshold""#).unwrap()..];
        assert!(g.contains(factor) && g.contains("\u{2066}≤ 8\u{2069}"), "{lang}: the threshold's label: {g}");

        let page = sec.page("/indicators/capability.brigade_readiness").await;
        let chart = &page[page.find(r#"<svg class="chart fan""#).expect("the readiness chart")..];
        let chart = &chart[..chart.find("</svg>").unwrap()];
        let ind = case.indicator("capability", "brigade_readiness").unwrap();
        let scale = case.scale(ind.scale.as_ref().unwrap().as_str()).unwrap();
        let l = if lang == "en" { tahawul_domain::Lang::En } else { tahawul_domain::Lang::Ar };
        for level in &scale.current().levels {
            assert!(
                chart.contains(&format!("<title>{}</title>", level.name.get(l))),
                "{lang}: {} on the axis",
                level.name.get(l)
            );
        }
        assert_eq!(chart.matches(r#"class="level""#).count(), scale.current().levels.len(), "{lang}");
    }
}

both!(
    the_dashboard_changes_after_the_second_endorsement,
    a_cell_opens_its_factor_and_area,
    a_partner_sees_no_assessment_on_the_cell,
    a_stale_cell_says_why
);
