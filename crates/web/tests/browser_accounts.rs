//! Changing one's own password on the settings page in Debian's chromium, in Arabic (issue 17):
//! a wrong current password is said at its field in Arabic, the right one changes it and the
//! page confirms; axe-core finds no violation on the form with its error, nor after. Screenshot:
//! settings-password-ar (in target/screenshots/).

use crate::helpers;

use fantoccini::Locator;
use fantoccini::error::CmdError;
use helpers::browser::Browser;
use helpers::{Db, PASSWORD, TestApp, browser, spawn_app};
use serde_json::json;

use crate::browser_every_page::{axe_source, violations};

const NEW: &str = "كلمة مرور جديدة وطويلة";

async fn type_into(b: &Browser, css: &str, text: &str) -> Result<(), CmdError> {
    let e = b.client.find(Locator::Css(css)).await?;
    e.clear().await?;
    e.send_keys(text).await
}

async fn run(app: &TestApp, b: &Browser) -> Result<(), CmdError> {
    let axe = axe_source();
    let c = &b.client;
    b.sign_in(app, "us-head").await?;
    c.goto(&app.url("/lang/ar?next=/settings")).await?;
    c.wait().for_element(Locator::Css("#change-password")).await?;
    assert_eq!(c.find(Locator::Css("html")).await?.attr("dir").await?.as_deref(), Some("rtl"));

    // A wrong current password: said at its field, in Arabic, and the form is still there.
    type_into(b, "#current_password", "ليست كلمة المرور").await?;
    type_into(b, "#new_password", NEW).await?;
    b.submit("#change-password").await?;
    let error = c.find(Locator::Css("#current_password-error")).await?.text().await?;
    assert!(error.contains("كلمة المرور الحالية غير صحيحة"), "{error}");
    let found = violations(b, &axe).await?;
    assert!(found.is_empty(), "axe on the form with its error: {found:?}");

    // The right one: changed, and said so.
    type_into(b, "#current_password", PASSWORD).await?;
    type_into(b, "#new_password", NEW).await?;
    b.submit("#change-password").await?;
    let done = c.find(Locator::Css("#password-changed")).await?.text().await?;
    assert!(done.contains("تغيّرت كلمة مرورك"), "{done}");
    b.screenshot("settings-password-ar").await?;
    let found = violations(b, &axe).await?;
    assert!(found.is_empty(), "axe after the change: {found:?}");
    // The same session goes on; the new password is the one that signs in.
    c.goto(&app.url("/inbox")).await?;
    c.wait().for_element(Locator::Css("h1")).await?;
    assert!(c.current_url().await?.path().starts_with("/inbox"));
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_changes_their_password_on_the_settings_page_in_arabic() {
    let app = spawn_app(Db::Sqlite).await;
    let b = browser::open().await;
    let result = run(&app, &b).await;
    b.close().await;
    result.unwrap();
    let sign_in =
        |pw: &str| app.client.post(app.url("/api/v1/session")).json(&json!({ "name": "us-head", "password": pw }));
    assert_eq!(sign_in(NEW).send().await.unwrap().status().as_u16(), 200);
    assert_eq!(sign_in(PASSWORD).send().await.unwrap().status().as_u16(), 401);
}
