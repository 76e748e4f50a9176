//! The indicator page's upload in a real browser (Debian's chromium, headless): the working
//! group uploads the real 1,000-row UCDP GED sample, the script shows the bytes sent in a
//! progress bar and then the outcome, in English and in Arabic; a coalition partner sees no
//! form and the route refuses its post. Screenshot: target/screenshots/import-en.png.

use crate::helpers;

use std::time::Duration;

use fantoccini::Locator;
use helpers::{Db, browser, define_ged_import, sample_ged, spawn_app};
use serde_json::json;
use tahawul_store::prelude::*;

const PAGE: &str = "/indicators/threat.ucdp_state_based_deaths";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_working_group_uploads_the_ged_sample_with_a_progress_bar() {
    let app = spawn_app(Db::Sqlite).await;
    define_ged_import(&app).await;
    let b = browser::open().await;
    let c = &b.client;
    let result = async {
        b.sign_in(&app, "wg-threat").await?;
        c.goto(&app.url(PAGE)).await?;
        let form = c.wait().for_element(Locator::Css("form#event-import")).await?;
        assert!(c.find(Locator::Css("#import-progress")).await?.attr("hidden").await?.is_some(), "no bar before");
        c.find(Locator::Css("#import-release")).await?.send_keys("23.1").await?;
        // chromedriver sets a file input from a path on this machine.
        c.find(Locator::Css("#import-file")).await?.send_keys(&sample_ged().display().to_string()).await?;
        form.find(Locator::Css("button[type=submit]")).await?.click().await?;
        let outcome = c
            .wait()
            .at_most(Duration::from_secs(60))
            .for_element(Locator::Css("#import-outcome.written"))
            .await?
            .text()
            .await?;
        assert!(outcome.contains("The figures were imported."), "{outcome}");
        assert!(outcome.contains("23.1") && outcome.contains("/ 1000"), "release and rows read: {outcome}");
        // The script did it: still on the indicator page, the bar full at the bytes sent.
        assert_eq!(c.current_url().await?.path(), PAGE);
        let bar = c
            .execute("var p = document.getElementById('import-progress'); return [p.hidden, p.value, p.max];", vec![])
            .await?;
        let size = std::fs::metadata(sample_ged()).unwrap().len() as f64;
        assert_eq!(bar[0], json!(false), "the bar is shown");
        assert_eq!(bar[1], bar[2], "the bar ends full: {bar}");
        assert!(bar[2].as_f64().unwrap() >= size, "its maximum is the bytes sent (the file and the fields): {bar}");
        b.main_text().await?;
        b.screenshot("import-en").await?;

        // In Arabic, the same file again: nothing changes, said in Arabic.
        c.goto(&app.url(&format!("/lang/ar?next={PAGE}"))).await?;
        c.wait().for_element(Locator::Css("html[dir=rtl] form#event-import")).await?;
        c.find(Locator::Css("#import-file")).await?.send_keys(&sample_ged().display().to_string()).await?;
        c.find(Locator::Css("form#event-import button[type=submit]")).await?.click().await?;
        let again = c
            .wait()
            .at_most(Duration::from_secs(60))
            .for_element(Locator::Css("#import-outcome.unchanged"))
            .await?
            .text()
            .await?;
        assert!(again.contains("لم يتغيّر شيء"), "{again}");
        assert!(again.contains("23.1"), "the release read from the file's name: {again}");
        b.main_text().await?;
        b.screenshot("import-ar").await?;
        Ok::<(), fantoccini::error::CmdError>(())
    }
    .await;
    b.close().await;
    result.unwrap();
    // (Counted as imports: switching the language is itself an audited change of the user.)
    assert_eq!(app.store.event_imports(None).await.unwrap().len(), 1, "one import written");

    // A coalition partner: no form on the page, and the route refuses a post made by hand.
    let b = browser::open().await;
    let c = &b.client;
    let result = async {
        b.sign_in(&app, "partner").await?;
        c.goto(&app.url(PAGE)).await?;
        c.wait().for_element(Locator::Css("main")).await?;
        assert!(c.find_all(Locator::Css("form#event-import, #import-file")).await?.is_empty());
        let status = c
            .execute(
                "var f = new FormData(); f.append('csrf', document.querySelector('input[name=csrf]').value); \
                 f.append('definition', 'ged-iraq'); f.append('release', '24.1'); \
                 f.append('file', new Blob(['a,b\\n1,2\\n'], {type: 'text/csv'}), 'x.csv'); \
                 var x = new XMLHttpRequest(); x.open('POST', arguments[0], false); x.send(f); return x.status;",
                vec![json!(format!("{PAGE}/import"))],
            )
            .await?;
        assert_eq!(status, json!(403));
        Ok::<(), fantoccini::error::CmdError>(())
    }
    .await;
    b.close().await;
    result.unwrap();
    assert_eq!(app.store.event_imports(None).await.unwrap().len(), 1, "nothing more written");
}
