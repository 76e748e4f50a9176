//! Arabic that reads right (issue 17, item 5), checked on what chromium draws, not on the
//! markup: on every page in Arabic, each number-like run (a date, a period, a percentage, an
//! id with digits, "P90", a range "10–90") is measured character by character, and
//! - each run is drawn left to right, first character leftmost ("2026-10", never "10-2026");
//! - two runs on one line of an Arabic block are drawn in Arabic reading order, the first
//!   to the right of the second ("P10 … P90" reads P10 first), unless both sit in one Latin
//!   island (a `<bdi>`, `<code dir=ltr>` or other isolate holding no Arabic letter, or the
//!   same LRI/FSI … PDI span of text), which reads left to right ("2026-12-08 00:16").
//!
//! The heatmap's cells (SVG text, no `<bdi>`) are checked too: an Arabic cell ends on the left,
//! its illustrative mark " *" included.
//!
//! Without isolation the bidi algorithm joins neighbouring numbers across spaces and
//! punctuation into one left-to-right run, and these are the checks that then fail.

use crate::helpers;

use fantoccini::error::CmdError;
use helpers::browser::Browser;
use helpers::{TestApp, browser};
use serde_json::{Value, json};

use crate::browser_every_page::{PAGES, app_with_records};

/// Every number-like run in `main` with the position of its first and last character, its
/// block, and the Latin island (isolate without Arabic letters) it sits in, if any.
const MEASURE: &str = r#"
const arabic = /[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]/;
const token = /[0-9A-Za-z\u0660-\u0669\u06F0-\u06F9][0-9A-Za-z\u0660-\u0669\u06F0-\u06F9.,:\/_%\u066A\u2013-]*[0-9A-Za-z\u0660-\u0669\u06F0-\u06F9%\u066A]|[0-9\u0660-\u0669\u06F0-\u06F9]/g;
const digit = /[0-9\u0660-\u0669\u06F0-\u06F9]/;
const ids = new Map();
const idOf = e => { if (!ids.has(e)) ids.set(e, ids.size + 1); return ids.get(e); };
const isBlock = e => getComputedStyle(e).display !== 'inline';
const isIsolate = e => ['isolate', 'isolate-override', 'plaintext'].includes(getComputedStyle(e).unicodeBidi);
const describe = e => { let d = e.tagName.toLowerCase(); if (e.id) d += '#' + e.id; return d; };
const charRect = (node, i) => {
  const r = document.createRange(); r.setStart(node, i); r.setEnd(node, i + 1);
  const rs = r.getClientRects(); return rs.length ? rs[0] : null;
};
const out = [];
const walker = document.createTreeWalker(document.querySelector('main'), NodeFilter.SHOW_TEXT, {
  acceptNode: n => {
    for (let e = n.parentElement; e; e = e.parentElement) {
      const t = e.tagName.toLowerCase();
      if (['svg', 'script', 'style', 'select', 'option', 'textarea', 'input', 'noscript'].includes(t)) return NodeFilter.FILTER_REJECT;
      if (e.hidden || getComputedStyle(e).display === 'none') return NodeFilter.FILTER_REJECT;
    }
    return NodeFilter.FILTER_ACCEPT;
  }
});
for (let n = walker.nextNode(); n; n = walker.nextNode()) {
  let block = n.parentElement; while (!isBlock(block)) block = block.parentElement;
  let island = null;
  for (let e = n.parentElement; e && e !== block; e = e.parentElement) {
    if (isIsolate(e) && !arabic.test(e.textContent)) { island = e; }
  }
  // Isolates written into the text (LRI, RLI, FSI … PDI, as Fluent puts around arguments):
  // for each character, the start of the innermost one holding it, or -1.
  const opened = [], inside = [];
  for (let i = 0; i < n.data.length; i++) {
    const c = n.data.charCodeAt(i);
    if (c === 0x2069) opened.pop();
    inside.push(opened.length ? opened[opened.length - 1] : -1);
    if (c >= 0x2066 && c <= 0x2068) opened.push(i);
  }
  const textIsland = start => {
    let end = start + 1, depth = 1;
    for (; end < n.data.length && depth > 0; end++) {
      const c = n.data.charCodeAt(end);
      if (c >= 0x2066 && c <= 0x2068) depth++; else if (c === 0x2069) depth--;
    }
    return arabic.test(n.data.slice(start, end)) ? null : idOf(n) + ':' + start;
  };
  for (const m of n.data.matchAll(token)) {
    if (!digit.test(m[0])) continue;
    const within = inside[m.index] >= 0 ? textIsland(inside[m.index]) : null;
    const first = charRect(n, m.index), last = charRect(n, m.index + m[0].length - 1);
    if (!first || !last || first.width === 0) continue;
    out.push({
      text: m[0], block: idOf(block), where: describe(block), rtl: getComputedStyle(block).direction === 'rtl',
      arabicBlock: arabic.test(block.textContent), island: within || (island ? String(idOf(island)) : ''),
      firstLeft: first.left, firstTop: first.top, lastLeft: last.left, lastRight: last.right, lastTop: last.top,
      left: Math.min(first.left, last.left), right: Math.max(first.right, last.right),
    });
  }
}
return out;
"#;

/// What reads out of order on the page now shown.
fn misdrawn(page: &str, runs: &[Value]) -> Vec<String> {
    let f = |v: &Value, k: &str| v[k].as_f64().unwrap_or(0.0);
    let mut found = Vec::new();
    for r in runs {
        let one_line = (f(r, "firstTop") - f(r, "lastTop")).abs() < 3.0;
        if one_line
            && r["text"].as_str().is_some_and(|t| t.chars().count() > 1)
            && f(r, "firstLeft") >= f(r, "lastLeft")
        {
            found.push(format!("{page}: \"{}\" in {} is drawn right to left", r["text"], r["where"]));
        }
    }
    for pair in runs.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        let same_line = (f(a, "firstTop") - f(b, "firstTop")).abs() < 3.0;
        if a["block"] != b["block"] || !same_line || a["rtl"] != json!(true) || a["arabicBlock"] != json!(true) {
            continue;
        }
        let one_island = a["island"] != json!("") && a["island"] == b["island"];
        let in_order =
            if one_island { f(a, "right") <= f(b, "left") + 1.0 } else { f(a, "left") + 1.0 >= f(b, "right") };
        if !in_order {
            let reading = if one_island { "left to right (one Latin island)" } else { "right to left" };
            found.push(format!(
                "{page}: \"{}\" then \"{}\" in {} are not drawn {reading}",
                a["text"].as_str().unwrap_or(""),
                b["text"].as_str().unwrap_or(""),
                a["where"].as_str().unwrap_or("")
            ));
        }
    }
    found
}

async fn run(app: &TestApp, b: &Browser) -> Result<(usize, Vec<String>), CmdError> {
    b.sign_in(app, "sec").await?;
    let mut measured = 0;
    let mut found = Vec::new();
    for page in PAGES {
        b.client.goto(&app.url(&format!("/lang/ar?next={page}"))).await?;
        let runs = b.client.execute(MEASURE, vec![]).await?;
        let runs = runs.as_array().cloned().unwrap_or_default();
        measured += runs.len();
        found.extend(misdrawn(page, &runs));
    }
    // The heatmap is SVG, which has no <bdi>: each cell's Arabic words must still end on the
    // left, the illustrative mark " *" included (drawn on the right before).
    b.client.goto(&app.url("/lang/ar?next=/dashboard")).await?;
    let marks = b
        .client
        .execute(
            "return [...document.querySelectorAll('g.cell text')].filter(t => t.textContent.trim().endsWith('*'))\
               .map(t => { const n = t.getNumberOfChars(); const last = t.textContent.lastIndexOf('*');\
                 return { text: t.textContent, star: t.getStartPositionOfChar(last).x, first: t.getStartPositionOfChar(0).x, n: n }; });",
            vec![],
        )
        .await?;
    let marks = marks.as_array().cloned().unwrap_or_default();
    assert!(!marks.is_empty(), "the founding case's heatmap has illustrative cells marked with *");
    for m in &marks {
        if m["star"].as_f64() >= m["first"].as_f64() {
            found.push(format!("/dashboard: the heatmap cell {} ends on the right", m["text"]));
        }
    }
    // The check can fail: the same figures without isolation, planted in an Arabic
    // paragraph, are drawn in the wrong order and reported.
    b.client
        .execute(
            "document.querySelector('main').insertAdjacentHTML('beforeend',\
             '<p id=\"planted\">النطاق 10–90 ثم P10 2026-10 P90 2027-03</p>'); return null;",
            vec![],
        )
        .await?;
    let runs = b.client.execute(MEASURE, vec![]).await?;
    let planted: Vec<Value> =
        runs.as_array().cloned().unwrap_or_default().into_iter().filter(|r| r["where"] == json!("p#planted")).collect();
    let caught = misdrawn("planted", &planted);
    assert!(
        caught.iter().any(|c| c.contains("\"10–90\"")) && caught.iter().any(|c| c.contains("\"2026-10\" then")),
        "the check must catch a range and a date drawn out of order without isolation: {caught:?} from {planted:?}"
    );
    Ok((measured, found))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn numbers_dates_and_periods_are_drawn_in_reading_order_on_every_arabic_page() {
    let app = app_with_records().await;
    let b = browser::open().await;
    let result = run(&app, &b).await;
    b.close().await;
    let (measured, found) = result.unwrap();
    assert!(measured > 200, "only {measured} number-like runs were measured on {} pages", PAGES.len());
    assert!(found.is_empty(), "{} runs are drawn out of reading order:\n{}", found.len(), found.join("\n"));
}
