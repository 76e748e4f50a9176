//! A browser without a browser: a cookie-keeping HTTP client that signs in through the form
//! and reads the CSRF field of a page, as the page tests need.

use reqwest::redirect::Policy;

use super::{PASSWORD, TestApp};

/// A browser-like client: keeps cookies, does not follow redirects (the tests look at them).
pub fn browser() -> reqwest::Client {
    reqwest::Client::builder().cookie_store(true).redirect(Policy::none()).build().unwrap()
}

/// The value of the hidden `csrf` field in a page.
pub fn csrf_of(html: &str) -> String {
    let key = r#"name="csrf" value=""#;
    let at = html.find(key).unwrap_or_else(|| panic!("no csrf field in:\n{html}"));
    let rest = &html[at + key.len()..];
    rest[..rest.find('"').unwrap()].to_string()
}

/// A client signed in as `user` through the sign-in form (303 to the dashboard).
pub async fn sign_in(app: &TestApp, user: &str) -> reqwest::Client {
    let c = browser();
    let page = c.get(app.url("/sign-in")).send().await.unwrap().text().await.unwrap();
    let csrf = csrf_of(&page);
    let res = c
        .post(app.url("/sign-in"))
        .form(&[("csrf", csrf.as_str()), ("name", user), ("password", PASSWORD), ("next", "/dashboard")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 303, "{user} signs in through the form");
    c
}
