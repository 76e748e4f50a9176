//! The record pages in a real browser (Debian's chromium, headless): a delegation head signs
//! the minutes with WebCrypto Ed25519 and the page then shows the signature verified by the
//! server; a coalition partner records a dissent with reasons on a released consultation.
//! Screenshots: rounds-ar, minutes, commitments, consultation.

use crate::helpers;

/// Standard base64 to bytes.
fn b64(s: &str) -> Vec<u8> {
    const A: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let (mut bits, mut n, mut out) = (0u32, 0, Vec::new());
    for c in s.bytes().filter(|c| *c != b'=') {
        bits = (bits << 6) | A.iter().position(|x| *x == c).expect("base64 digit") as u32;
        n += 6;
        if n >= 8 {
            n -= 8;
            out.push((bits >> n) as u8);
        }
    }
    out
}

use std::time::Duration;

use fantoccini::Locator;
use helpers::{Db, browser, spawn_app};
use reqwest::Method;
use serde_json::json;
use tahawul_store::{RecordKind, prelude::*};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn head_signs_minutes_in_the_browser_and_partner_dissents() {
    let app = spawn_app(Db::Sqlite).await;
    // An agreed change to JSCD 1 (no edit removes a signature): both demo signatures stop
    // verifying; the Iraqi head signs again through the API, the US head will in the browser.
    let r = app.store.get_record(RecordKind::Round, "jscd-1").await.unwrap();
    let mut body = r.body.clone();
    body["place"]["en"] = json!("Washington, D.C. (the Pentagon)");
    let (s, _) = app
        .call("sec", Method::PUT, "/api/v1/rounds/jscd-1", Some(json!({ "body": body, "version": r.version })))
        .await;
    assert_eq!(s, 200);
    let (_, m) = app.call("iq-head", Method::GET, "/api/v1/rounds/jscd-1/minutes", None).await;
    let bytes = b64(m["canonical_base64"].as_str().unwrap());
    let thabet = tahawul_domain::minutes::KeyFile::parse(
        &std::fs::read_to_string(format!(
            "{}/../../examples/iraq-hmc/demo-keys/thabet-al-abbasi.key",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap(),
    )
    .unwrap()
    .open("tahawul-demo-only")
    .unwrap();
    let (s, _) = app
        .call(
            "iq-head",
            Method::POST,
            "/api/v1/rounds/jscd-1/minutes/signatures",
            Some(json!({ "key": thabet.public().to_string(), "signature": thabet.sign(&bytes).to_string() })),
        )
        .await;
    assert_eq!(s, 201);
    // A released consultation for the partner.
    let (s, _) = app
        .call(
            "sec",
            Method::POST,
            "/api/v1/consultations",
            Some(json!({ "id": "phase-timeline", "title": { "en": "Phase timeline", "ar": "الجدول الزمني للمراحل" }, "text": { "en": "Advisers leave Federal Iraq by September 2025.", "ar": "يغادر المستشارون العراق الاتحادي بحلول أيلول/سبتمبر 2025." } })),
        )
        .await;
    assert_eq!(s, 201);
    let (s, _) = app.call("sec", Method::POST, "/api/v1/consultations/phase-timeline/release", None).await;
    assert_eq!(s, 200);

    let b = browser::open().await;
    let c = &b.client;
    let result = async {
        b.sign_in(&app, "us-head").await?;
        c.goto(&app.url("/rounds/jscd-1")).await?;
        let state = c.find(Locator::Css("#minutes-state")).await?;
        assert_eq!(state.attr("data-state").await?.as_deref(), Some("tampered"));
        // Generate a key in this browser: non-extractable, kept in IndexedDB; only its public
        // half is shown.
        c.find(Locator::Css("#sign-generate")).await?.click().await?;
        let mut shown = String::new();
        for _ in 0..50 {
            shown = c.find(Locator::Css("#sign-key")).await?.text().await?;
            if shown.contains("ed25519:") {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        assert!(shown.contains("not your registered key"), "{shown}");
        let public = shown[shown.find("ed25519:").unwrap()..][..8 + 64].to_string();
        // The US head registers it as their own key, from this browser: the server's
        // challenge is signed here (proof of possession); the demo key is retired.
        c.find(Locator::Css("#sign-register")).await?.click().await?;
        for _ in 0..100 {
            let p = app.store.get_record(RecordKind::Person, "celeste-wallander").await.unwrap();
            if p.body["public_key"] == json!(public) {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let p = app.store.get_record(RecordKind::Person, "celeste-wallander").await.unwrap();
        assert_eq!(p.body["public_key"], json!(public), "registered by the head");
        assert_eq!(p.body["keys"].as_array().map(Vec::len), Some(2), "the demo key is kept, retired");
        c.refresh().await?;
        let mut shown = String::new();
        for _ in 0..50 {
            shown = c.find(Locator::Css("#sign-key")).await?.text().await?;
            if shown.contains("ed25519:") {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        assert!(
            shown.contains(&public) && !shown.contains("not your registered key"),
            "the key survived the reload: {shown}"
        );
        // Sign: the script fetches the canonical bytes, signs, posts; the page reloads.
        c.find(Locator::Css("#sign-button")).await?.click().await?;
        c.wait()
            .at_most(Duration::from_secs(20))
            .for_element(Locator::Css("#minutes-state[data-state=verified]"))
            .await?;
        let text = b.main_text().await?;
        assert!(text.contains("verified"), "{text}");
        let sigs = c.find_all(Locator::Css("#signatures li[data-state=valid]")).await?;
        assert_eq!(sigs.len(), 2);
        b.screenshot("minutes").await?;

        // The server kept a signature the CLI's verification accepts too.
        let (_, m) = app.call("auditor", Method::GET, "/api/v1/rounds/jscd-1/minutes", None).await;
        assert_eq!(m["state"], "verified");

        c.goto(&app.url("/commitments")).await?;
        c.find(Locator::Css("svg#share-party title")).await?;
        b.screenshot("commitments").await?;

        // Arabic rounds list.
        c.goto(&app.url("/lang/ar?next=/rounds")).await?;
        c.wait().for_element(Locator::Css("html[dir=rtl] h1#rounds-title")).await?;
        b.main_text().await?;
        b.screenshot("rounds-ar").await?;
        c.goto(&app.url("/lang/en?next=/dashboard")).await?;

        // The partner: sign out, sign in, dissent with reasons.
        c.find(Locator::Css(".top form.inline button")).await?.click().await?;
        b.sign_in(&app, "partner").await?;
        c.goto(&app.url("/consultations/phase-timeline")).await?;
        c.find(Locator::Css("#respond input[value=dissent]")).await?.click().await?;
        c.find(Locator::Css("#reason"))
            .await?
            .send_keys("Air cover ends before the ISF air capability is rated independent.")
            .await?;
        c.find(Locator::Css("#respond-submit")).await?.click().await?;
        c.wait().for_element(Locator::Css(".responses li[data-position=dissent]")).await?;
        let text = b.main_text().await?;
        assert!(text.contains("Air cover ends before"), "{text}");
        b.screenshot("consultation").await?;
        Ok::<(), fantoccini::error::CmdError>(())
    }
    .await;
    b.close().await;
    result.unwrap();
    // The commission sees the dissent in the summary.
    let (_, x) = app.call("sec", Method::GET, "/api/v1/consultations/phase-timeline", None).await;
    assert_eq!(x["summary"]["dissent"][0][1], "Air cover ends before the ISF air capability is rated independent.");
}
