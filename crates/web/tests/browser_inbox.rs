//! Issue 17, item 1, in a real browser (Debian's chromium, headless): people start their work
//! from the inbox. The Iraqi head, in Arabic, and the US head, in English, each open the
//! submission waiting for them from their inbox and endorse it; the item leaves their inbox and
//! the header's count goes down. The coalition partner opens the released consultation from
//! theirs and answers it, and their inbox is then empty. Screenshots: inbox-ar, inbox-en.

use crate::helpers;

use fantoccini::Locator;
use fantoccini::error::CmdError;
use helpers::browser::Browser;
use helpers::{
    Db, THREAT_ASSESSMENT as ID, TestApp, browser, draft_threat_assessment, phase_timeline_consultation, spawn_app,
};
use tahawul_store::{RecordKind, prelude::*};

type R<T> = Result<T, CmdError>;

/// The header's count, 0 when the badge is not shown.
async fn count(b: &Browser) -> R<u32> {
    let badge = b.client.find_all(Locator::Css("#inbox-count")).await?;
    let Some(badge) = badge.first() else { return Ok(0) };
    let text = badge.text().await?;
    let digits: String = text
        .chars()
        .filter_map(|c| match c {
            '0'..='9' => Some(c),
            '٠'..='٩' => char::from_digit(c as u32 - '٠' as u32, 10),
            _ => None,
        })
        .collect();
    Ok(digits.parse().expect("the badge shows a number"))
}

/// The links of the inbox's items of `kind`.
async fn links(b: &Browser, kind: &str) -> R<Vec<String>> {
    let mut out = Vec::new();
    for a in b.client.find_all(Locator::Css(&format!("#inbox li[data-kind={kind}] a"))).await? {
        out.push(a.attr("href").await?.unwrap_or_default());
    }
    Ok(out)
}

async fn sign_out(b: &Browser) -> R<()> {
    b.submit(r#"form[action="/sign-out"] button"#).await?;
    b.client.wait().for_element(Locator::Css("#name")).await?;
    Ok(())
}

/// A head opens the submission from their inbox, endorses it, and comes back to the inbox.
async fn endorse_from_the_inbox(b: &Browser, app: &TestApp, head: &str, lang: &str) -> R<()> {
    let c = &b.client;
    b.sign_in(app, head).await?;
    c.goto(&app.url(&format!("/lang/{lang}?next=/inbox"))).await?;
    c.wait().for_element(Locator::Css(&format!("html[lang={lang}] h1#inbox-title"))).await?;
    let before = count(b).await?;
    assert!(before >= 1, "{head}: the header counts the waiting submission");
    assert_eq!(
        c.find_all(Locator::Css("#inbox li")).await?.len() as u32,
        before,
        "{head}: the header counts what the inbox lists"
    );
    let target = format!("/assessments/{ID}");
    assert!(links(b, "endorse").await?.contains(&target), "{head}: {}", b.main_text().await?);
    b.screenshot(&format!("inbox-{lang}")).await?;

    c.find(Locator::Css(&format!("#inbox li[data-kind=endorse] a[href='{target}']"))).await?.click().await?;
    c.wait().for_element(Locator::Css("h1#assessment-title")).await?;
    b.submit("#endorse").await?;
    c.wait().for_element(Locator::Css("#history")).await?;

    c.goto(&app.url("/inbox")).await?;
    assert!(!links(b, "endorse").await?.contains(&target), "{head}: endorsed, so no longer waiting");
    assert_eq!(count(b).await?, before - 1, "{head}: the count follows");
    sign_out(b).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn people_start_their_work_from_the_inbox() {
    let app = spawn_app(Db::Sqlite).await;
    // A submission for both heads, a released consultation for the partner.
    draft_threat_assessment(&app, true).await;
    phase_timeline_consultation(&app, true).await;

    let b = browser::open().await;
    let result = run(&app, &b).await;
    b.close().await;
    result.unwrap();
    assert_eq!(app.store.get_record(RecordKind::Assessment, ID).await.unwrap().body["state"], "endorsed");
}

async fn run(app: &TestApp, b: &Browser) -> R<()> {
    endorse_from_the_inbox(b, app, "iq-head", "ar").await?;
    endorse_from_the_inbox(b, app, "us-head", "en").await?;

    // The partner answers the released consultation from their inbox.
    let c = &b.client;
    b.sign_in(app, "partner").await?;
    c.goto(&app.url("/inbox")).await?;
    assert_eq!(links(b, "answer").await?, vec!["/consultations/phase-timeline".to_string()]);
    assert!(b.main_text().await?.contains("Phase timeline"));
    assert_eq!(count(b).await?, 1);
    c.find(Locator::Css("#inbox li[data-kind=answer] a")).await?.click().await?;
    c.wait().for_element(Locator::Css("form#respond")).await?;
    c.find(Locator::Css(r#"input[name="position"][value="concur"]"#)).await?.click().await?;
    b.submit("#respond-submit").await?;
    c.goto(&app.url("/inbox")).await?;
    assert!(links(b, "answer").await?.is_empty(), "answered: {}", b.main_text().await?);
    assert_eq!(count(b).await?, 0, "no badge on an empty inbox");
    assert!(b.main_text().await?.contains("Nothing needs you now."));
    Ok(())
}
