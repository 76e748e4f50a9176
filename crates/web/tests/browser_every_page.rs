//! Every kind of page in Debian's chromium, in English and in Arabic (issue 17):
//! - accessibility, checked the way the issue measured it: axe-core (from the npm registry,
//!   installed by `scripts/test` into target/axe) must find no violation (WCAG 2.x A and AA);
//! - phones: at 390×844 no page is wider than the screen (tables scroll inside their box);
//!   screenshots phone-dashboard-{en,ar}, phone-commitments-{en,ar}.

use crate::helpers;

use std::path::{Path, PathBuf};

use fantoccini::error::CmdError;
use helpers::browser::Browser;
use helpers::{Db, TestApp, browser, draft_threat_assessment, phase_timeline_consultation, spawn_app};
use serde_json::{Value, json};

/// axe-core's script: `TAHAWUL_TEST_AXE`, or where `scripts/test` installs it.
pub(crate) fn axe_source() -> String {
    let path = std::env::var_os("TAHAWUL_TEST_AXE").map(PathBuf::from).unwrap_or_else(|| {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/axe/node_modules/axe-core/axe.min.js")
    });
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "axe-core is needed at {} ({e}): run scripts/test (it installs it), or: \
             npm install --prefix target/axe axe-core@4.10.3",
            path.display()
        )
    })
}

/// The pages every role works in, and one of each kind that shows a record.
pub(crate) const PAGES: &[&str] = &[
    "/inbox",
    "/dashboard",
    "/factors/threat/areas/kurdistan-region",
    "/indicators",
    "/indicators/threat.attacks_per_month",
    "/indicators/threat.attacks_per_month/figures",
    "/forecast",
    "/gates",
    "/assessments",
    "/assessments/threat-kurdistan-region-2026q4",
    "/assessments/new",
    "/commitments",
    "/commitments/new",
    "/rounds",
    "/rounds/jscd-1",
    "/rounds/jscd-1/statement",
    "/consultations",
    "/consultations/phase-timeline",
    "/report",
    "/intake",
    "/users",
    "/users/us-member/disable",
    "/audit",
    "/settings",
];

/// axe's violations on the page now shown: `[{id, impact, help, nodes: [target…]}]`.
pub(crate) async fn violations(b: &Browser, axe: &str) -> Result<Vec<Value>, CmdError> {
    b.client.execute(axe, vec![]).await?;
    let found = b
        .client
        .execute_async(
            "const done = arguments[arguments.length - 1];\
             axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })\
               .then(r => done(r.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help,\
                  nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5) }))))\
               .catch(e => done([{ id: 'axe-failed', help: String(e) }]));",
            vec![],
        )
        .await?;
    Ok(found.as_array().cloned().unwrap_or_default())
}

async fn run(app: &TestApp, b: &Browser) -> Result<Vec<String>, CmdError> {
    let axe = axe_source();
    let mut found = Vec::new();
    b.sign_in(app, "sec").await?;
    // The check can fail: an image without a text alternative, added to a page, is reported.
    b.client
        .execute(
            "document.querySelector('main').insertAdjacentHTML('beforeend', '<img src=\"/x.png\">'); return null;",
            vec![],
        )
        .await?;
    let planted = violations(b, &axe).await?;
    assert!(planted.iter().any(|v| v["id"] == "image-alt"), "axe did not run: {planted:?}");
    for lang in ["en", "ar"] {
        for page in PAGES {
            b.client.goto(&app.url(&format!("/lang/{lang}?next={page}"))).await?;
            let lang_now = b.client.execute("return document.documentElement.lang", vec![]).await?;
            assert_eq!(lang_now, json!(lang), "{page}");
            let title = b.client.execute("return document.title", vec![]).await?;
            assert!(!title.as_str().unwrap_or("").is_empty(), "{page} has a title");
            let h1 = b
                .client
                .execute(
                    "return document.querySelector('main h1') ? document.querySelector('main h1').textContent : ''",
                    vec![],
                )
                .await?;
            assert!(
                !h1.as_str().unwrap_or("").contains("Not found") && !h1.as_str().unwrap_or("").is_empty(),
                "{page} ({lang}) shows its record: {h1}"
            );
            for v in violations(b, &axe).await? {
                found.push(format!("{lang} {page}: {v}"));
            }
        }
    }
    Ok(found)
}

/// The app with a record for each page that shows one.
pub(crate) async fn app_with_records() -> TestApp {
    let app = spawn_app(Db::Sqlite).await;
    // Records for the pages that show one.
    draft_threat_assessment(&app, false).await;
    phase_timeline_consultation(&app, false).await;
    app
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn axe_finds_no_violation_on_any_page_in_either_language() {
    let app = app_with_records().await;
    let b = browser::open().await;
    let result = run(&app, &b).await;
    b.close().await;
    let found = result.unwrap();
    assert!(found.is_empty(), "axe-core found {} violations:\n{}", found.len(), found.join("\n"));
}

/// Pages wider than a 390-pixel phone, with the element that sticks out furthest.
async fn too_wide(app: &TestApp, b: &Browser) -> Result<Vec<String>, CmdError> {
    b.sign_in(app, "sec").await?;
    b.client.set_window_size(390, 844).await?;
    let mut found = Vec::new();
    for lang in ["en", "ar"] {
        for page in PAGES {
            b.client.goto(&app.url(&format!("/lang/{lang}?next={page}"))).await?;
            let m = b
                .client
                .execute(
                    "const w = window.innerWidth, d = document.documentElement.scrollWidth;\
                     let worst = null, over = 0;\
                     const scrolled = e => { for (let a = e.parentElement; a; a = a.parentElement) {\
                       const o = getComputedStyle(a).overflowX; if (o === 'auto' || o === 'scroll') return true; } return false; };\
                     for (const e of document.querySelectorAll('body *')) {\
                       if (scrolled(e)) continue;\
                       const r = e.getBoundingClientRect();\
                       const o = Math.max(r.right - w, -r.left);\
                       if (o > over) { over = o; worst = e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && e.className.baseVal === undefined ? '.' + e.className : ''); }\
                     }\
                     return { viewport: w, page: d, worst: worst, over: Math.round(over) };",
                    vec![],
                )
                .await?;
            assert_eq!(m["viewport"], json!(390), "the window is a phone's");
            if *page == "/dashboard" || *page == "/commitments" {
                b.screenshot(&format!("phone{}-{lang}", page.replace('/', "-"))).await?;
            }
            if m["page"].as_i64().unwrap_or(0) > 390 {
                found.push(format!("{lang} {page}: {m}"));
            }
        }
    }
    Ok(found)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_page_is_wider_than_a_phone_in_either_language() {
    let app = app_with_records().await;
    let b = browser::open().await;
    let result = too_wide(&app, &b).await;
    b.close().await;
    let found = result.unwrap();
    assert!(found.is_empty(), "{} pages are wider than 390 px:\n{}", found.len(), found.join("\n"));
}
