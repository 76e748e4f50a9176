//! Recording a figure on the indicator's page in Debian's chromium, in Arabic (issue 17): the
//! working group follows the indicator page's link, a malformed period is said at its field in
//! Arabic with the typed values kept, the corrected figure is recorded and confirmed, and it is
//! on the indicator page after; axe-core finds no violation on the form with its error, nor on
//! the confirmation. Screenshot: figures-ar (in target/screenshots/).

use crate::helpers;

use fantoccini::Locator;
use fantoccini::error::CmdError;
use helpers::browser::Browser;
use helpers::{Db, TestApp, browser, spawn_app};
use tahawul_store::prelude::*;

use crate::browser_every_page::{axe_source, violations};

async fn type_into(b: &Browser, css: &str, text: &str) -> Result<(), CmdError> {
    let e = b.client.find(Locator::Css(css)).await?;
    e.clear().await?;
    e.send_keys(text).await
}

async fn run(app: &TestApp, b: &Browser) -> Result<(), CmdError> {
    let axe = axe_source();
    let c = &b.client;
    b.sign_in(app, "wg-threat").await?;
    c.goto(&app.url("/lang/ar?next=/indicators/threat.attacks_per_month")).await?;
    c.wait().for_element(Locator::Css("#record-figures")).await?;
    assert_eq!(c.find(Locator::Css("html")).await?.attr("dir").await?.as_deref(), Some("rtl"));
    c.find(Locator::Css("#record-figures")).await?.click().await?;
    c.wait().for_element(Locator::Css("#figure-form")).await?;

    // A month written the wrong way: said at the period, in Arabic; nothing recorded.
    c.find(Locator::Css("#area option[value='kurdistan-region']")).await?.click().await?;
    type_into(b, "#period", "6-2030").await?;
    type_into(b, "#value", "12").await?;
    b.submit("#record-one").await?;
    let error = c.find(Locator::Css("#period-error")).await?.text().await?;
    assert!(error.contains("ليس فترة"), "{error}");
    let kept = c.find(Locator::Css("#value")).await?.prop("value").await?;
    assert_eq!(kept.as_deref(), Some("12"), "the typed value is kept");
    let found = violations(b, &axe).await?;
    assert!(found.is_empty(), "axe on the form with its error: {found:?}");

    // Corrected: recorded, and said so with the figure.
    type_into(b, "#period", "2030-06").await?;
    b.submit("#record-one").await?;
    let done = c.find(Locator::Css("#recorded")).await?.text().await?;
    assert!(done.contains("سُجِّل رقم واحد") && done.contains("2030-06"), "{done}");
    b.screenshot("figures-ar").await?;
    let found = violations(b, &axe).await?;
    assert!(found.is_empty(), "axe on the confirmation: {found:?}");

    // On the indicator page, in the region's history.
    c.goto(&app.url("/indicators/threat.attacks_per_month?area=kurdistan-region")).await?;
    c.wait().for_element(Locator::Css("#indicator-title")).await?;
    assert!(b.main_text().await?.contains("2030-06"));
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_working_group_records_a_figure_on_the_page_in_arabic() {
    let app = spawn_app(Db::Sqlite).await;
    let before = app.store.count_observations().await.unwrap();
    let b = browser::open().await;
    let result = run(&app, &b).await;
    b.close().await;
    result.unwrap();
    assert_eq!(app.store.count_observations().await.unwrap(), before + 1, "the refused post wrote nothing");
}
