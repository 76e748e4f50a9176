//! One real browser: Debian's chromium, headless. Signs in as the secretariat, switches to
//! Arabic, checks the page is right to left and translated, and saves screenshots in
//! target/screenshots/ (the README's).

use crate::helpers;

use fantoccini::Locator;
use helpers::{Db, browser, spawn_app};
use serde_json::json;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn secretariat_signs_in_and_reads_the_dashboard_in_arabic() {
    let app = spawn_app(Db::Sqlite).await;
    let b = browser::open().await;
    let client = &b.client;
    let result = async {
        client.goto(&app.url("/dashboard")).await?;
        // Not signed in: the dashboard sends us to the form.
        assert!(client.current_url().await?.path().ends_with("/sign-in"));
        b.sign_in(&app, "sec").await?;
        let h1 = client.find(Locator::Css("h1#dashboard-title")).await?;
        assert_eq!(h1.text().await?, "Dashboard");
        assert_eq!(client.execute("return document.documentElement.dir", vec![]).await?, json!("ltr"));
        b.screenshot("dashboard-en").await?;

        // Switch to Arabic with the link in the header (no script involved).
        client.find(Locator::Css("#lang-switch")).await?.click().await?;
        client.wait().for_element(Locator::Css("html[dir=rtl]")).await?;
        assert_eq!(client.execute("return document.documentElement.lang", vec![]).await?, json!("ar"));
        assert_eq!(client.execute("return getComputedStyle(document.body).direction", vec![]).await?, json!("rtl"));
        let heading = client.find(Locator::Css("h1#dashboard-title")).await?.text().await?;
        assert_eq!(heading, "لوحة المتابعة");
        b.main_text().await?;
        b.screenshot("dashboard-ar").await?;

        // Remembered: a fresh load is still Arabic.
        client.goto(&app.url("/dashboard")).await?;
        assert_eq!(client.execute("return document.documentElement.dir", vec![]).await?, json!("rtl"));
        Ok::<(), fantoccini::error::CmdError>(())
    }
    .await;
    b.close().await;
    result.unwrap();
}
