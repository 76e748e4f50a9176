//! Accounts after they are made (issue 17 item 2), over real HTTP on SQLite and PostgreSQL:
//! changing one's own password on the settings page and through the API, the secretariat's
//! reset (a temporary password that must be changed before anything else) and re-enabling,
//! the refusals (another role, oneself, a directory account), the sessions each ends, the API
//! tokens each keeps, and the audit entries each writes.

use crate::helpers;

use helpers::both;

use helpers::forms::{Reader, browser, csrf_of, reader};
use helpers::{Db, PASSWORD, TestApp, spawn_app};
use reqwest::Method;
use serde_json::{Value, json};
use tahawul_store::{DirectoryUser, Role, prelude::*};

const NEW: &str = "a brand new passphrase";
const TEMPORARY: &str = "temporary-from-the-secretariat";

/// Signs in through the form with a given password: the session's browser and where the
/// sign-in sent it (`None` when refused).
async fn sign_in_with<'a>(app: &'a TestApp, user: &str, password: &str, next: &str) -> (Reader<'a>, Option<String>) {
    let c = browser();
    let page = c.get(app.url("/sign-in")).send().await.unwrap().text().await.unwrap();
    let res = c
        .post(app.url("/sign-in"))
        .form(&[("csrf", csrf_of(&page).as_str()), ("name", user), ("password", password), ("next", next)])
        .send()
        .await
        .unwrap();
    let to = res.headers().get("location").map(|v| v.to_str().unwrap().to_string()).unwrap_or_default();
    let ok = res.status().as_u16() == 303 && !to.contains("failed=1");
    (Reader { app, c }, ok.then_some(to))
}

/// The API sign-in's status.
async fn api_sign_in(app: &TestApp, user: &str, password: &str) -> u16 {
    let res = app
        .client
        .post(app.url("/api/v1/session"))
        .json(&json!({ "name": user, "password": password }))
        .send()
        .await
        .unwrap();
    res.status().as_u16()
}

/// Whether a session still belongs to a signed-in person (a page answers 200, not a redirect
/// to the sign-in page).
async fn signed_in(r: &Reader<'_>) -> bool {
    r.get("/inbox").await.0 == 200
}

/// The audit entries about the account `name` with `action`.
async fn audited(app: &TestApp, action: &str, name: &str) -> Vec<Value> {
    let entries = app.store.audit_entries(0, 10_000).await.unwrap();
    entries
        .iter()
        .map(|e| serde_json::to_value(e).unwrap())
        .filter(|e| e["action"] == json!(action) && e["kind"] == json!("user") && e["record_id"] == json!(name))
        .collect()
}

async fn one_changes_their_own_password_on_the_settings_page(db: Db) {
    let app = spawn_app(db).await;
    let me = reader(&app, "us-member").await;
    let other_session = reader(&app, "us-member").await;
    let page = me.page("/settings").await;
    assert!(page.contains(r#"action="/settings/password""#) && page.contains(r#"<label for="current_password">"#));

    // A wrong current password and a weak new one: both said inline, at their fields, and
    // nothing changes.
    let (status, _, body) = me
        .post("/settings", "/settings/password", &[("current_password", "not it at all"), ("new_password", "short")])
        .await;
    assert_eq!(status, 422, "{body}");
    assert!(
        body.contains(r#"id="current_password-error""#) && body.contains("The current password is not right"),
        "{body}"
    );
    assert!(body.contains(r#"id="new_password-error""#) && body.contains("at least 12 characters"), "{body}");
    assert_eq!(api_sign_in(&app, "us-member", PASSWORD).await, 200, "the password did not change");

    // The same refusal in Arabic.
    me.arabic().await;
    let (status, _, body) = me
        .post("/settings", "/settings/password", &[("current_password", "not it at all"), ("new_password", NEW)])
        .await;
    assert_eq!(status, 422);
    assert!(body.contains("كلمة المرور الحالية غير صحيحة"), "{body}");
    assert!(!body.contains('⟦'), "{body}");

    // The right current password: changed; this session goes on, the other one ends.
    let (status, to, _) =
        me.post("/settings", "/settings/password", &[("current_password", PASSWORD), ("new_password", NEW)]).await;
    assert_eq!((status, to.as_str()), (303, "/settings?password=changed#password"));
    assert!(me.page("/settings?password=changed").await.contains(r#"id="password-changed""#));
    assert!(signed_in(&me).await, "the session that changed the password goes on");
    assert!(!signed_in(&other_session).await, "the account's other sessions end");
    assert_eq!(api_sign_in(&app, "us-member", PASSWORD).await, 401, "the old password no longer works");
    assert_eq!(api_sign_in(&app, "us-member", NEW).await, 200, "the new one does");
    // API tokens are kept: a password change revokes nothing else.
    assert_eq!(app.call("us-member", Method::GET, "/api/v1/session", None).await.0, 200);

    // Audited, without the password or its hash.
    let entries = audited(&app, "change-password", "us-member").await;
    assert_eq!(entries.len(), 1, "one entry");
    assert_eq!(entries[0]["actor"], json!("us-member"));
    let text = entries[0].to_string();
    assert!(!text.contains(NEW) && !text.contains("argon2") && !text.contains("password_hash"), "{text}");
}

async fn the_api_changes_ones_own_password_with_the_current_one(db: Db) {
    let app = spawn_app(db).await;
    let body = |current: &str, new: &str| Some(json!({ "current_password": current, "new_password": new }));
    let (s, p) = app.call("wg-threat", Method::POST, "/api/v1/me/password", body("wrong", NEW)).await;
    assert_eq!(s, 422, "{p}");
    assert_eq!(p["errors"][0]["pointer"], json!("/current_password"));
    assert_eq!(p["errors"][0]["code"], json!("store-password-wrong-current"));
    let (s, p) = app.call("wg-threat", Method::POST, "/api/v1/me/password", body(PASSWORD, PASSWORD)).await;
    assert_eq!(s, 422);
    assert_eq!(p["errors"][0]["code"], json!("store-password-same"));
    let (s, p) = app.call("wg-threat", Method::POST, "/api/v1/me/password", body(PASSWORD, NEW)).await;
    assert_eq!(s, 200, "{p}");
    assert_eq!(p["must_change_password"], json!(false));
    assert_eq!(api_sign_in(&app, "wg-threat", NEW).await, 200);
}

async fn a_reset_makes_the_person_change_the_temporary_password_first(db: Db) {
    let app = spawn_app(db).await;
    let sec = reader(&app, "sec").await;
    let member_session = reader(&app, "us-member").await;

    // The list offers a reset; the reset asks for confirmation and a temporary password.
    let users = sec.page("/users").await;
    assert!(users.contains(r#"href="/users/us-member/reset""#), "{users}");
    assert!(!users.contains(r#"href="/users/sec/reset""#), "no reset of one's own account");
    let confirm = sec.page("/users/us-member/reset").await;
    assert!(confirm.contains(r#"id="confirm-reset""#) && confirm.contains(r#"href="/users""#));
    let (status, _, body) =
        sec.post("/users/us-member/reset", "/users/us-member/reset", &[("temporary_password", "short")]).await;
    assert_eq!(status, 422);
    assert!(body.contains(r#"id="new_password-error""#) && body.contains("at least 12 characters"), "{body}");
    assert_eq!(api_sign_in(&app, "us-member", PASSWORD).await, 200, "nothing changed on a refusal");

    let (status, _, body) =
        sec.post("/users/us-member/reset", "/users/us-member/reset", &[("temporary_password", TEMPORARY)]).await;
    assert_eq!(status, 200, "{body}");
    assert!(body.contains(r#"id="done""#) && body.contains("must change it"), "{body}");
    assert!(!signed_in(&member_session).await, "a reset ends the account's sessions");
    assert_eq!(api_sign_in(&app, "us-member", PASSWORD).await, 401, "the old password is gone");
    // The token is kept (said on the confirm page; the secretariat revokes it if need be).
    assert_eq!(app.call("us-member", Method::GET, "/api/v1/inbox", None).await.0, 200);

    // Signing in with the temporary password: every page sends them to change it first.
    let (member, to) = sign_in_with(&app, "us-member", TEMPORARY, "/dashboard").await;
    assert!(to.is_some(), "the temporary password signs in");
    for path in ["/dashboard", "/inbox", "/assessments"] {
        let res = member.c.get(app.url(path)).send().await.unwrap();
        assert_eq!((res.status().as_u16(), res.headers()["location"].to_str().unwrap()), (303, "/settings"), "{path}");
    }
    let settings = member.page("/settings").await;
    assert!(settings.contains(r#"id="must-change""#), "{settings}");
    // Keeping the temporary password is refused; a new one lets them in everywhere.
    let (status, _, body) = member
        .post("/settings", "/settings/password", &[("current_password", TEMPORARY), ("new_password", TEMPORARY)])
        .await;
    assert_eq!(status, 422);
    assert!(body.contains("choose a different one"), "{body}");
    let (status, _, _) =
        member.post("/settings", "/settings/password", &[("current_password", TEMPORARY), ("new_password", NEW)]).await;
    assert_eq!(status, 303);
    assert!(signed_in(&member).await, "after the change the pages open");
    assert_eq!(api_sign_in(&app, "us-member", NEW).await, 200);

    let entries = audited(&app, "reset-password", "us-member").await;
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0]["actor"], json!("sec"));
    assert_eq!(entries[0]["after"]["must_change_password"], json!(true));
    assert!(!entries[0].to_string().contains(TEMPORARY));
    assert_eq!(audited(&app, "change-password", "us-member").await.len(), 1);
}

async fn after_a_reset_the_api_session_answers_403_until_the_password_is_changed(db: Db) {
    let app = spawn_app(db).await;
    let (s, u) = app
        .call("sec", Method::POST, "/api/v1/users/iq-head/reset", Some(json!({ "temporary_password": TEMPORARY })))
        .await;
    assert_eq!(s, 200, "{u}");
    assert_eq!(u["must_change_password"], json!(true));
    let c = reqwest::Client::builder().cookie_store(true).build().unwrap();
    let res = c
        .post(app.url("/api/v1/session"))
        .json(&json!({ "name": "iq-head", "password": TEMPORARY }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 200);
    let csrf = res.json::<Value>().await.unwrap()["csrf_token"].as_str().unwrap().to_string();
    let res = c.get(app.url("/api/v1/inbox")).send().await.unwrap();
    assert_eq!(res.status().as_u16(), 403);
    let problem: Value = res.json().await.unwrap();
    assert_eq!(problem["type"], json!("/problems/must-change-password"));
    assert!(problem["detail"].as_str().unwrap().contains("/api/v1/me/password"), "{problem}");
    // Who am I still answers, and the change goes through.
    assert_eq!(c.get(app.url("/api/v1/session")).send().await.unwrap().status().as_u16(), 200);
    let res = c
        .post(app.url("/api/v1/me/password"))
        .header("x-csrf-token", &csrf)
        .json(&json!({ "current_password": TEMPORARY, "new_password": NEW }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 200);
    assert_eq!(
        c.get(app.url("/api/v1/inbox")).send().await.unwrap().status().as_u16(),
        200,
        "the same session goes on"
    );
}

async fn only_the_secretariat_resets_or_enables_and_never_a_directory_account_or_itself(db: Db) {
    let app = spawn_app(db).await;
    let reset = Some(json!({ "temporary_password": TEMPORARY }));
    for path in ["/api/v1/users/us-member/reset", "/api/v1/users/us-member/enable"] {
        for who in ["us-head", "auditor", "wg-threat"] {
            let (s, _) = app.call(who, Method::POST, path, reset.clone().filter(|_| path.ends_with("reset"))).await;
            assert_eq!(s, 403, "{who} {path}");
        }
    }
    let head = reader(&app, "us-head").await;
    assert_eq!(head.get("/users/us-member/reset").await.0, 403);
    assert_eq!(api_sign_in(&app, "us-member", PASSWORD).await, 200, "nothing was reset");

    let (s, p) = app.call("sec", Method::POST, "/api/v1/users/sec/reset", reset.clone()).await;
    assert_eq!((s, &p["errors"][0]["code"]), (422, &json!("store-account-oneself-reset")));
    let (s, p) = app.call("sec", Method::POST, "/api/v1/users/sec/disable", None).await;
    assert_eq!((s, &p["errors"][0]["code"]), (422, &json!("store-account-oneself-disable")));

    // A directory account: marked on the list, no reset offered, and a reset refused with
    // the reason; it cannot change a password here either.
    let layla = DirectoryUser {
        name: "layla".into(),
        display_name: "Layla".into(),
        role: Role::DelegationMember,
        party: Some("us".into()),
        factor: None,
    };
    app.store.directory_sign_in(layla, "directory").await.unwrap().unwrap();
    let (s, p) = app.call("sec", Method::POST, "/api/v1/users/layla/reset", reset.clone()).await;
    assert_eq!(s, 422, "{p}");
    assert_eq!(p["errors"][0]["code"], json!("store-account-directory"));
    assert!(p["errors"][0]["detail"].as_str().unwrap().contains("directory"), "{p}");
    let sec = reader(&app, "sec").await;
    let users = sec.page("/users").await;
    assert!(users.contains(r#"class="directory""#), "{users}");
    assert!(!users.contains(r#"href="/users/layla/reset""#));
    let (s, page) = sec.get("/users/layla/reset").await;
    assert_eq!(s, 422);
    assert!(page.contains(r#"id="reset-directory""#) && page.contains("LDAP"), "{page}");
    sec.arabic().await;
    let users = sec.page("/users").await;
    assert!(users.contains(">دليل<"), "the marker in Arabic");
    // Disabled and enabled like any account, by the secretariat.
    assert_eq!(app.call("sec", Method::POST, "/api/v1/users/layla/disable", None).await.0, 200);
    let (s, u) = app.call("sec", Method::POST, "/api/v1/users/layla/enable", None).await;
    assert_eq!((s, &u["disabled"]), (200, &json!(false)));
}

async fn enabling_a_disabled_account_lets_it_sign_in_again(db: Db) {
    let app = spawn_app(db).await;
    let partner_session = reader(&app, "partner").await;
    let (s, _) = app.call("sec", Method::POST, "/api/v1/users/partner/disable", None).await;
    assert_eq!(s, 200);
    assert!(!signed_in(&partner_session).await, "a disable ends the sessions");
    assert_eq!(api_sign_in(&app, "partner", PASSWORD).await, 401);
    assert_eq!(app.call("partner", Method::GET, "/api/v1/session", None).await.0, 401, "tokens stop working");

    let sec = reader(&app, "sec").await;
    let users = sec.page("/users").await;
    assert!(users.contains(r#"href="/users/partner/enable""#), "{users}");
    let confirm = sec.page("/users/partner/enable").await;
    assert!(confirm.contains(r#"id="confirm-enable""#));
    let (s, _, body) = sec.post("/users/partner/enable", "/users/partner/enable", &[]).await;
    assert_eq!(s, 200, "{body}");
    assert!(body.contains(r#"id="done""#));
    assert_eq!(api_sign_in(&app, "partner", PASSWORD).await, 200, "signs in again");
    assert_eq!(
        app.call("partner", Method::GET, "/api/v1/session", None).await.0,
        200,
        "the token that was not revoked works again"
    );
    let entries = audited(&app, "enable", "partner").await;
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0]["actor"], json!("sec"));
    // Enabling an enabled account changes nothing and writes nothing.
    assert_eq!(app.call("sec", Method::POST, "/api/v1/users/partner/enable", None).await.0, 200);
    assert_eq!(audited(&app, "enable", "partner").await.len(), 1);
}

both!(
    one_changes_their_own_password_on_the_settings_page,
    the_api_changes_ones_own_password_with_the_current_one,
    a_reset_makes_the_person_change_the_temporary_password_first,
    after_a_reset_the_api_session_answers_403_until_the_password_is_changed,
    only_the_secretariat_resets_or_enables_and_never_a_directory_account_or_itself,
    enabling_a_disabled_account_lets_it_sign_in_again,
);
