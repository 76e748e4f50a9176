//! Every role's main task in a real browser (Debian's chromium, headless, no script needed by
//! the pages): a working group drafts and submits assessments; the delegation heads endorse
//! one and return another with reasons; the secretariat creates a user; the auditor reads the
//! audit log with the chain verified; a coalition partner cannot see a delegation's draft,
//! neither listed nor by URL; a delegation member reads the dashboard and its commitments,
//! then switches to Arabic in the settings. Screenshots: assessment-en, assessment-ar, users,
//! audit (in target/screenshots/).

use crate::helpers;

use fantoccini::Locator;
use fantoccini::error::CmdError;
use helpers::browser::Browser;
use helpers::{Db, TestApp, browser, spawn_app};
use serde_json::json;
use tahawul_store::{RecordKind, prelude::*};

type R<T> = Result<T, CmdError>;

async fn text_of(b: &Browser, css: &str) -> R<String> {
    b.client.find(Locator::Css(css)).await?.text().await
}

async fn type_into(b: &Browser, css: &str, text: &str) -> R<()> {
    let e = b.client.find(Locator::Css(css)).await?;
    e.clear().await?;
    e.send_keys(text).await
}

async fn choose(b: &Browser, css: &str, value: &str) -> R<()> {
    b.client.find(Locator::Css(css)).await?.select_by_value(value).await
}

async fn click(b: &Browser, css: &str) -> R<()> {
    b.client.find(Locator::Css(css)).await?.click().await
}

/// Signs out with the header's button, so the next role starts from the sign-in form.
async fn sign_out(b: &Browser) -> R<()> {
    b.submit(r#"form[action="/sign-out"] button"#).await?;
    b.client.wait().for_element(Locator::Css("#name")).await?;
    Ok(())
}

/// A working-group member drafts an assessment through the form; its page is shown.
async fn draft(b: &Browser, app: &TestApp, area: &str, cycle: &str, en: &str, ar: &str) -> R<String> {
    b.client.goto(&app.url("/assessments/new")).await?;
    choose(b, "#factor", "threat").await?;
    choose(b, "#area", area).await?;
    type_into(b, "#cycle", cycle).await?;
    choose(b, "#rating", "met").await?;
    type_into(b, "#narrative_en", en).await?;
    type_into(b, "#narrative_ar", ar).await?;
    click(b, r#"input[name="evidence"][value="figures"]"#).await?;
    b.submit("main form button[type=submit]").await?;
    b.client.wait().for_element(Locator::Css("h1#assessment-title")).await?;
    let url = b.client.current_url().await?;
    Ok(url.path().trim_start_matches("/assessments/").to_string())
}

async fn state_shown(b: &Browser) -> R<String> {
    text_of(b, "#state").await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_role_does_its_main_task_in_the_browser() {
    let app = spawn_app(Db::Sqlite).await;
    let b = browser::open().await;
    let result = run(&app, &b).await;
    b.close().await;
    result.unwrap();
}

async fn run(app: &TestApp, b: &Browser) -> R<()> {
    let c = &b.client;

    // Working group: two assessments drafted and submitted, a third left as a draft.
    b.sign_in(app, "wg-threat").await?;
    let first = draft(
        b,
        app,
        "kurdistan-region",
        "2026-Q4",
        "Attacks stayed below three a month.",
        "بقيت الهجمات دون ثلاث هجمات شهريًا.",
    )
    .await?;
    assert_eq!(first, "threat-kurdistan-region-2026q4");
    assert_eq!(state_shown(b).await?, "draft");
    b.screenshot("assessment-en").await?;
    b.submit("#submit").await?;
    c.wait().for_element(Locator::XPath("//dd[@id='state'][text()='submitted']")).await?;
    let second = draft(b, app, "federal-iraq", "2027-Q1", "A quiet quarter.", "ربع هادئ.").await?;
    b.submit("#submit").await?;
    c.wait().for_element(Locator::XPath("//dd[@id='state'][text()='submitted']")).await?;
    let hidden = draft(b, app, "iraq", "2027-Q2", "Not ready to share.", "ليست جاهزة للمشاركة.").await?;
    assert_eq!(state_shown(b).await?, "draft");
    sign_out(b).await?;

    // Coalition partner: the delegation's draft is neither listed nor readable by URL.
    b.sign_in(app, "partner").await?;
    c.goto(&app.url("/assessments")).await?;
    let list = b.main_text().await?;
    assert!(!list.contains(&hidden), "a draft listed to a partner: {list}");
    c.goto(&app.url(&format!("/assessments/{hidden}"))).await?;
    let page = b.main_text().await?;
    assert!(page.contains("Not found"), "{page}");
    assert!(!page.contains("Not ready to share."), "the draft's text leaked: {page}");
    sign_out(b).await?;

    // Delegation heads: the US head endorses, the Iraqi head endorses the first and returns
    // the second with reasons.
    b.sign_in(app, "us-head").await?;
    c.goto(&app.url(&format!("/assessments/{first}"))).await?;
    b.submit("#endorse").await?;
    c.wait().for_element(Locator::Css("#history")).await?;
    assert!(b.main_text().await?.contains("endorsed for United States of America"));
    assert_eq!(state_shown(b).await?, "submitted", "one delegation of two has endorsed");
    sign_out(b).await?;
    b.sign_in(app, "iq-head").await?;
    c.goto(&app.url(&format!("/assessments/{first}"))).await?;
    b.submit("#endorse").await?;
    c.wait().for_element(Locator::XPath("//dd[@id='state'][text()='endorsed']")).await?;
    c.goto(&app.url(&format!("/assessments/{second}"))).await?;
    // Without reasons the return is refused, with the reason said.
    b.submit("#return").await?;
    c.wait().for_element(Locator::Css("#form-errors")).await?;
    assert!(b.main_text().await?.contains("A return needs reasons"));
    type_into(b, "#reasons_en", "The October figures are missing.").await?;
    b.submit("#return").await?;
    c.wait().for_element(Locator::XPath("//dd[@id='state'][text()='returned']")).await?;
    let history = text_of(b, "#history").await?;
    assert!(history.contains("The October figures are missing."), "{history}");
    sign_out(b).await?;
    let stored = app.store.get_record(RecordKind::Assessment, &second).await.unwrap();
    assert_eq!(stored.body["state"], json!("returned"));

    // Secretariat: a new user through the form.
    b.sign_in(app, "sec").await?;
    c.goto(&app.url("/users")).await?;
    type_into(b, "#name", "iq-analyst").await?;
    type_into(b, "#display_name", "محلل عراقي").await?;
    choose(b, "#role", "delegation-member").await?;
    choose(b, "#party", "iq").await?;
    type_into(b, "#password", "a long initial password").await?;
    b.submit("#create-user").await?;
    c.wait().for_element(Locator::XPath("//table[@id='users']//td[text()='iq-analyst']")).await?;
    b.screenshot("users").await?;
    assert_eq!(app.store.get_user("iq-analyst").await.unwrap().party.as_deref(), Some("iq"));
    sign_out(b).await?;

    // Auditor: the log, the chain verified, and nothing to write with.
    b.sign_in(app, "auditor").await?;
    c.goto(&app.url("/audit")).await?;
    let chain = text_of(b, "#chain").await?;
    assert!(chain.contains("The chain verifies"), "{chain}");
    // Only the table's search (a GET): no form that writes.
    assert!(
        c.find_all(Locator::Css("main form[method=post]")).await?.is_empty(),
        "no form that writes on the audit page"
    );
    assert!(!c.find_all(Locator::Css("#audit tbody tr")).await?.is_empty());
    b.screenshot("audit").await?;
    c.goto(&app.url("/users")).await?;
    assert!(b.main_text().await?.contains("Your role does not allow this."));
    sign_out(b).await?;

    // Delegation member: the dashboard and its commitments, then Arabic through the settings.
    b.sign_in(app, "us-member").await?;
    let dashboard = b.main_text().await?;
    assert!(dashboard.contains("Commitments by party"), "{dashboard}");
    c.goto(&app.url("/settings")).await?;
    click(b, "#lang-ar").await?;
    click(b, "#digits-arabic-indic").await?;
    b.submit("#save-settings").await?;
    c.wait().for_element(Locator::Css("html[dir=rtl] #saved")).await?;
    assert_eq!(text_of(b, "h1#settings-title").await?, "الإعدادات");
    c.goto(&app.url(&format!("/assessments/{first}"))).await?;
    assert_eq!(c.execute("return document.documentElement.dir", vec![]).await?, json!("rtl"));
    let page = b.main_text().await?;
    assert!(page.contains("سجل سير العمل") && page.contains("مُعتمَد"), "{page}");
    b.screenshot("assessment-ar").await?;
    let u = app.store.get_user("us-member").await.unwrap();
    assert_eq!(u.lang.as_deref(), Some("ar"), "the setting is stored with the user");
    Ok(())
}
