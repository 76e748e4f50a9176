//! The server-rendered pages over real HTTP: the sign-in form with its CSRF token, the
//! dashboard in English and Arabic, what a coalition partner may see, redirects and refusals.

use crate::helpers;

use helpers::forms::{browser, csrf_of};
use helpers::{Db, PASSWORD, TestApp, spawn_app};
use serde_json::json;
use tahawul_store::{RecordKind, RecordWrite, prelude::*};

async fn get(c: &reqwest::Client, app: &TestApp, path: &str) -> (u16, Option<String>, String) {
    let res = c.get(app.url(path)).send().await.unwrap();
    let status = res.status().as_u16();
    let location = res.headers().get("location").map(|v| v.to_str().unwrap().to_string());
    (status, location, res.text().await.unwrap())
}

/// Signs in through the form; returns the client holding the session.
async fn sign_in(app: &TestApp, user: &str) -> reqwest::Client {
    let c = browser();
    let (status, _, page) = get(&c, app, "/sign-in").await;
    assert_eq!(status, 200);
    assert!(
        page.contains(r#"<label for="name">"#) && page.contains(r#"<label for="password">"#),
        "labelled fields:\n{page}"
    );
    let csrf = csrf_of(&page);
    let res = c
        .post(app.url("/sign-in"))
        .form(&[("csrf", csrf.as_str()), ("name", user), ("password", PASSWORD), ("next", "/dashboard")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 303, "signing in redirects");
    assert_eq!(res.headers()["location"], "/dashboard");
    c
}

fn assert_translated(page: &str) {
    assert!(!page.contains('⟦'), "a message is missing a translation:\n{page}");
}

async fn draft_is_not_shown_to_a_coalition_partner(db: Db) {
    let app = spawn_app(db).await;
    // A US delegation draft: an area only the US delegation (and the secretariat) may read.
    let mut body = app.store.list_records(RecordKind::Area).await.unwrap().remove(0).body;
    body["id"] = json!("draft-zone");
    body["name"] = json!({ "en": "Draft Zone Alpha", "ar": "منطقة المسودة ألف" });
    body["parent"] = serde_json::Value::Null;
    let write = RecordWrite {
        kind: RecordKind::Area,
        id: "draft-zone".into(),
        body,
        owner_party: Some("us".into()),
        shared: false,
        releasable: false,
    };
    app.store.put_record(write, None, "setup").await.unwrap();

    for (user, sees) in [("sec", true), ("us-head", true), ("iq-head", false), ("partner", false)] {
        let c = sign_in(&app, user).await;
        let (status, _, page) = get(&c, &app, "/dashboard").await;
        assert_eq!(status, 200, "{user}'s dashboard");
        assert_translated(&page);
        assert_eq!(
            page.contains("Draft Zone Alpha"),
            sees,
            "{user} {} the US draft",
            if sees { "sees" } else { "must not see" }
        );
    }
    // What the partner sees is what is released: nothing of the founding case is yet.
    let c = sign_in(&app, "partner").await;
    let (_, _, page) = get(&c, &app, "/dashboard").await;
    assert!(!page.contains("Federal Iraq"), "unreleased areas stay hidden from partners");
    assert!(page.contains("There is no commitment you may see."));
}

mod sqlite {
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn draft_is_not_shown_to_a_coalition_partner() {
        super::draft_is_not_shown_to_a_coalition_partner(super::Db::Sqlite).await
    }
}
mod postgres {
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn draft_is_not_shown_to_a_coalition_partner() {
        super::draft_is_not_shown_to_a_coalition_partner(super::Db::Postgres).await
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_in_through_the_form_and_read_the_dashboard_in_english() {
    let app = spawn_app(Db::Sqlite).await;
    let c = sign_in(&app, "sec").await;
    let (status, _, page) = get(&c, &app, "/dashboard").await;
    assert_eq!(status, 200);
    assert!(page.contains(r#"<html lang="en" dir="ltr">"#), "{page}");
    assert!(page.contains("<h1 id=\"dashboard-title\">Dashboard</h1>"));
    assert!(page.contains(r##"href="#main""##), "skip link");
    // The heatmap: SVG with a title and description, the status in words in each cell.
    assert!(
        page.contains("<svg") && page.contains(r#"<title id="heatmap-title">Status of each factor by area</title>"#)
    );
    assert!(page.contains(r#"<desc id="heatmap-desc">"#));
    assert!(page.contains("Federal Iraq") && page.contains("Kurdistan"), "area names");
    assert!(
        page.contains(">not met") || page.contains(">met") || page.contains(">no data") || page.contains(">stale"),
        "status words in the cells"
    );
    assert!(page.contains("Phase gates") && page.contains("Commitments by party"));
    // The name is isolated (<bdi>), so a right-to-left override in it cannot reorder the line.
    assert!(page.contains("Signed in as <bdi>sec</bdi> (secretariat)"), "{page}");
    assert_translated(&page);

    let (_, _, css) = get(&c, &app, "/assets/app.css").await;
    for physical in [
        "margin-left",
        "margin-right",
        "padding-left",
        "padding-right",
        "text-align: left",
        "text-align: right",
        "float:",
        " left:",
        " right:",
    ] {
        assert!(!css.contains(physical), "the style sheet uses logical properties only, not {physical}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_dashboard_in_arabic_is_right_to_left_and_remembered() {
    let app = spawn_app(Db::Sqlite).await;
    let c = sign_in(&app, "us-head").await;
    let (status, location, _) = get(&c, &app, "/lang/ar?next=/dashboard").await;
    assert_eq!((status, location.as_deref()), (303, Some("/dashboard")));
    let (status, _, page) = get(&c, &app, "/dashboard").await;
    assert_eq!(status, 200);
    assert!(page.contains(r#"<html lang="ar" dir="rtl">"#), "{page}");
    assert!(page.contains("لوحة المتابعة") && page.contains("بوابات المراحل") && page.contains("الالتزامات حسب الطرف"));
    assert!(page.contains("العراق"), "area names in Arabic");
    assert_translated(&page);
    // Remembered: the sign-in page after signing out is Arabic too.
    let csrf = csrf_of(&page);
    let res = c.post(app.url("/sign-out")).form(&[("csrf", csrf.as_str())]).send().await.unwrap();
    assert_eq!(res.status().as_u16(), 303);
    let (_, _, page) = get(&c, &app, "/sign-in").await;
    assert!(page.contains(r#"dir="rtl""#) && page.contains("تسجيل الدخول"));
    assert_translated(&page);

    // Arabic-Indic digits, as a setting.
    let c = sign_in(&app, "us-head").await;
    get(&c, &app, "/lang/ar?next=/dashboard").await;
    let (status, _, _) = get(&c, &app, "/digits/arabic-indic?next=/dashboard").await;
    assert_eq!(status, 303);
    let (_, _, page) = get(&c, &app, "/dashboard").await;
    let body = &page[page.find("<main").unwrap()..];
    assert!(body.chars().any(|ch| ('٠'..='٩').contains(&ch)), "Arabic-Indic digits on the page");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_without_a_session_redirect_to_sign_in() {
    let app = spawn_app(Db::Sqlite).await;
    let c = browser();
    for path in ["/dashboard", "/"] {
        let (status, location, _) = get(&c, &app, path).await;
        assert_eq!(status, 303, "{path}");
        let location = location.unwrap();
        assert!(location.starts_with("/sign-in") || location == "/dashboard", "{path} → {location}");
    }
    let (_, location, _) = get(&c, &app, "/dashboard").await;
    assert_eq!(location.as_deref(), Some("/sign-in?next=/dashboard"));
    // An API route is still the API's: a problem document, not a redirect.
    let res = c.get(app.url("/api/v1/case")).send().await.unwrap();
    assert_eq!(res.status().as_u16(), 401);
    // `next` never leads to another site.
    let (_, _, page) = get(&c, &app, "/sign-in?next=//evil.example/").await;
    let csrf = csrf_of(&page);
    let res = c
        .post(app.url("/sign-in"))
        .form(&[("csrf", csrf.as_str()), ("name", "sec"), ("password", PASSWORD), ("next", "//evil.example/")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers()["location"], "/dashboard");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn form_posts_without_the_csrf_token_are_refused() {
    let app = spawn_app(Db::Sqlite).await;
    let c = browser();
    get(&c, &app, "/sign-in").await;
    for form in [
        vec![("name", "sec"), ("password", PASSWORD)],
        vec![("csrf", "not-the-token"), ("name", "sec"), ("password", PASSWORD)],
    ] {
        let res = c.post(app.url("/sign-in")).form(&form).send().await.unwrap();
        assert_eq!(res.status().as_u16(), 403, "sign-in without the session's token");
        let page = res.text().await.unwrap();
        assert!(page.contains("This form has expired"));
    }
    let (_, location, _) = get(&c, &app, "/dashboard").await;
    assert!(location.unwrap().starts_with("/sign-in"), "not signed in after refused posts");

    // Signed in, signing out without the token is refused and the session stays.
    let c = sign_in(&app, "sec").await;
    let res = c.post(app.url("/sign-out")).form(&[("x", "y")]).send().await.unwrap();
    assert_eq!(res.status().as_u16(), 403);
    let (status, _, _) = get(&c, &app, "/dashboard").await;
    assert_eq!(status, 200, "still signed in");

    // Wrong password: back to the form with a message, not signed in.
    let c = browser();
    let (_, _, page) = get(&c, &app, "/sign-in").await;
    let csrf = csrf_of(&page);
    let res = c
        .post(app.url("/sign-in"))
        .form(&[("csrf", csrf.as_str()), ("name", "sec"), ("password", "wrong")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 303);
    let (_, _, page) = get(&c, &app, res.headers()["location"].to_str().unwrap()).await;
    assert!(page.contains("The user name or password is not right."));
}
