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

/// A signed-in person's browser, for the page tests: GETs, and form posts carrying the CSRF
/// token of the page they come from.
pub struct Reader<'a> {
    pub app: &'a TestApp,
    pub c: reqwest::Client,
}

impl Reader<'_> {
    /// The status and body of a GET.
    pub async fn get(&self, path: &str) -> (u16, String) {
        let res = self.c.get(self.app.url(path)).send().await.unwrap();
        (res.status().as_u16(), res.text().await.unwrap())
    }

    /// A page that must be there (200) and fully translated.
    pub async fn page(&self, path: &str) -> String {
        let (s, page) = self.get(path).await;
        assert_eq!(s, 200, "{path}: {page}");
        assert!(!page.contains('⟦'), "a message is missing on {path}:\n{page}");
        page
    }

    /// Switches the session to Arabic.
    pub async fn arabic(&self) {
        let res = self.c.get(self.app.url("/lang/ar?next=/dashboard")).send().await.unwrap();
        assert_eq!(res.status().as_u16(), 303);
    }

    /// Posts a form with the token of the page at `from`: the status, the location, the body.
    pub async fn post(&self, from: &str, path: &str, fields: &[(&str, &str)]) -> (u16, String, String) {
        let (_, page) = self.get(from).await;
        let csrf = csrf_of(&page);
        let mut all = vec![("csrf", csrf.as_str())];
        all.extend_from_slice(fields);
        self.post_raw(path, &all).await
    }

    /// Posts the fields as given (no token added).
    pub async fn post_raw(&self, path: &str, fields: &[(&str, &str)]) -> (u16, String, String) {
        let res = self.c.post(self.app.url(path)).form(fields).send().await.unwrap();
        let status = res.status().as_u16();
        let location = res.headers().get("location").map(|v| v.to_str().unwrap().to_string()).unwrap_or_default();
        (status, location, res.text().await.unwrap())
    }
}

/// `user`'s browser, signed in through the form.
pub async fn reader<'a>(app: &'a TestApp, user: &str) -> Reader<'a> {
    Reader { app, c: sign_in(app, user).await }
}

/// A `multipart/form-data` body as a browser sends a form with a file: the text fields in
/// order, then the file (an empty name and no bytes when none is chosen).
pub fn multipart(fields: &[(&str, &str)], file_name: &str, file: &[u8]) -> (String, Vec<u8>) {
    let boundary = "----tahawul-test-boundary-7d3f";
    let mut body = Vec::new();
    for (k, v) in fields {
        body.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n").as_bytes(),
        );
    }
    body.extend_from_slice(
        format!("--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\nContent-Type: text/csv\r\n\r\n")
            .as_bytes(),
    );
    body.extend_from_slice(file);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}
