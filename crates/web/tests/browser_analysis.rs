//! The analysis pages in a real browser (Debian's chromium, headless): the indicator page,
//! the what-if form, the gate editor's live check (the script calling the API as one types),
//! Arabic right to left; screenshots in target/screenshots/ (indicator-en/ar, forecast,
//! gates, report).

use crate::helpers;

use std::time::Duration;

use fantoccini::Locator;
use helpers::{Db, browser, spawn_app};
use serde_json::json;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_member_reads_an_indicator_tries_a_what_if_and_edits_a_gate() {
    let app = spawn_app(Db::Sqlite).await;
    let b = browser::open().await;
    let c = &b.client;
    let result = async {
        b.sign_in(&app, "us-head").await?;

        // The indicator page: the fan chart is drawn and named for screen readers.
        c.goto(&app.url("/indicators")).await?;
        c.find(Locator::Css(r#"a[href="/indicators/threat.attacks_per_month"]"#)).await?.click().await?;
        c.wait().for_element(Locator::Css("svg.fan")).await?;
        let title = c.find(Locator::Css("svg.fan > title")).await?.html(true).await?;
        assert!(title.contains(" in "), "the chart's title names indicator and area: {title}");
        let bands = c.find_all(Locator::Css("svg.fan .fan-band path")).await?;
        assert_eq!(bands.len(), 2, "P10–P90 and P25–P75");
        b.main_text().await?;
        b.screenshot("indicator-en").await?;

        // The what-if form: attacks triple from 2027; the timeline shows both bands per phase.
        c.goto(&app.url("/forecast")).await?;
        c.find(Locator::Css("#indicator")).await?.select_by_value("threat.attacks_per_month").await?;
        c.find(Locator::Css("#multiply")).await?.send_keys("3").await?;
        c.find(Locator::Css("#from")).await?.send_keys("2027-01").await?;
        c.find(Locator::Css("#paths")).await?.send_keys("2000").await?;
        c.find(Locator::Css("form.what-if button[type=submit]")).await?.click().await?;
        c.wait().for_element(Locator::Css(r#"g.band[data-kind="what-if"]"#)).await?;
        let base = c.find_all(Locator::Css(r#"g.band[data-kind="baseline"]"#)).await?.len();
        let what_if = c.find_all(Locator::Css(r#"g.band[data-kind="what-if"]"#)).await?.len();
        assert!(base > 0 && base == what_if);
        assert!(c.current_url().await?.query().unwrap_or("").contains("multiply=3"), "a shareable link");
        b.main_text().await?;
        b.screenshot("forecast").await?;

        // A bad what-if: the form again with the reason.
        c.find(Locator::Css("#multiply")).await?.clear().await?;
        c.find(Locator::Css("#multiply")).await?.send_keys("lots").await?;
        c.find(Locator::Css("form.what-if button[type=submit]")).await?.click().await?;
        let problem = c.wait().for_element(Locator::Css("#form-problems")).await?.text().await?;
        assert!(problem.contains("“lots” is not a number."), "{problem}");

        // The gate editor: a misspelt name is reported live, with line and column, before submitting.
        c.goto(&app.url("/gates")).await?;
        let area = c.find(Locator::Css("#gate")).await?;
        area.clear().await?;
        area.send_keys("threat.attacks_per_month <= 15\n  and capability.brigades_independant_share >= 0.6").await?;
        let live = c
            .wait()
            .at_most(Duration::from_secs(10))
            .for_element(Locator::Css("#gate-live li.live-error"))
            .await?
            .text()
            .await?;
        assert!(live.starts_with("Line 2, column 7"), "{live}");
        assert!(live.contains("capability.brigades_independent_share"), "the suggestion: {live}");
        // Fixing it: the live check shows both sentences.
        area.clear().await?;
        area.send_keys("threat.attacks_per_month <= 15 for 6 months").await?;
        c.wait().at_most(Duration::from_secs(10)).for_element(Locator::Css("#gate-live .live-ok")).await?;
        let sentences = c.find(Locator::Css("#gate-live")).await?.text().await?;
        assert!(sentences.contains("In Arabic:"), "{sentences}");
        // And the form (no script needed) explains it area by area.
        c.find(Locator::Css("#gate-form button[type=submit]")).await?.click().await?;
        c.wait().for_element(Locator::Css("#gate-result")).await?;
        assert!(!c.find_all(Locator::Css(".area-explanation")).await?.is_empty());
        b.screenshot("gates").await?;

        // Arabic: the indicator page is right to left, and its chart mirrored (labels on the right).
        c.goto(&app.url("/lang/ar?next=/indicators/threat.attacks_per_month")).await?;
        c.wait().for_element(Locator::Css("html[dir=rtl]")).await?;
        assert_eq!(c.execute("return document.documentElement.lang", vec![]).await?, json!("ar"));
        assert_eq!(c.execute("return getComputedStyle(document.body).direction", vec![]).await?, json!("rtl"));
        let text = b.main_text().await?;
        assert!(text.contains("السجل والتنبؤ في"), "{text}");
        b.screenshot("indicator-ar").await?;

        // The report, in Arabic, ready to print.
        c.goto(&app.url("/report")).await?;
        c.wait().for_element(Locator::Css("svg.timeline")).await?;
        b.main_text().await?;
        b.screenshot("report").await?;
        Ok::<(), fantoccini::error::CmdError>(())
    }
    .await;
    b.close().await;
    result.unwrap();
}

/// The backtest page (issue 13) as a member reads it, in English and Arabic: its four charts
/// (interval coverage, skill against no change, PIT, gate reliability) are drawn at a
/// readable size inside the window, coverage with a point per interval and month ahead, and
/// the gate table with a row per phase; screenshots backtest-en/ar.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_backtest_page_draws_its_charts_in_both_languages() {
    let app = spawn_app(Db::Sqlite).await;
    let b = browser::open().await;
    let c = &b.client;
    let result = async {
        b.sign_in(&app, "us-member").await?;
        for (lang, go) in [("en", "/backtest"), ("ar", "/lang/ar?next=/backtest")] {
            c.goto(&app.url(go)).await?;
            c.wait().for_element(Locator::Css("svg.chart.coverage")).await?;
            let dir = c.execute("return document.documentElement.dir", vec![]).await?;
            assert_eq!(dir, json!(if lang == "ar" { "rtl" } else { "ltr" }), "{lang}");
            for chart in ["coverage", "skill", "pit", "reliability"] {
                let rect = c
                    .execute(
                        "const r = document.querySelector('svg.chart.' + arguments[0]).getBoundingClientRect();
                         return [r.width, r.height, r.left, r.right, document.documentElement.clientWidth];",
                        vec![json!(chart)],
                    )
                    .await?;
                let v: Vec<f64> = rect.as_array().unwrap().iter().map(|x| x.as_f64().unwrap()).collect();
                let [width, height, left, right, window] = v[..] else { panic!("{rect}") };
                assert!(width > 250.0 && height > 120.0, "{lang} {chart}: drawn at {width}×{height}");
                assert!(left >= 0.0 && right <= window + 1.0, "{lang} {chart}: {left}..{right} inside 0..{window}");
            }
            let points = c.find_all(Locator::Css("svg.chart.coverage .point")).await?.len();
            assert_eq!(points, 3 * 12, "{lang}: 50/80/90% coverage at 12 months ahead");
            let phases = c.find_all(Locator::Css("tr[data-phase]")).await?.len();
            assert_eq!(phases, 4, "{lang}: a gate row per phase of the founding case");
            let text = b.main_text().await?;
            if lang == "ar" {
                assert!(
                    text.contains("CRPS") && text.chars().any(|ch| ('\u{0600}'..='\u{06FF}').contains(&ch)),
                    "{text}"
                );
            }
            b.screenshot(&format!("backtest-{lang}")).await?;
        }
        Ok::<(), fantoccini::error::CmdError>(())
    }
    .await;
    b.close().await;
    result.unwrap();
}
