//! Server-rendered pages (maud): HTML that works without JavaScript, in Arabic (right to left)
//! or English, over the same session cookie and access layer as the API. Pages live outside
//! `/api`, so the OpenAPI document does not list them. See `docs/pages.md`.
//!
//! - The language is a cookie (`tahawul.lang`) set by the switch in every page's header,
//!   falling back to `Accept-Language`; Arabic-Indic digits are a second cookie
//!   (`tahawul.digits`).
//! - Forms carry the session's CSRF token (the same one the API hands out) in a hidden
//!   `csrf` field; a POST without it, or with another, is refused with 403.
//! - A page asked for without a session redirects to `/sign-in?next=…`.

pub(crate) mod analysis;
mod dashboard;
mod factor_area;
pub(crate) mod record;
mod svg;
pub(crate) mod table;
pub(crate) mod work;

use axum::Router;
use axum::extract::{Form, Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use maud::{DOCTYPE, Markup, html};
use serde::Deserialize;
use tahawul_i18n::{Digits, Lang, Localizer, Message};
use tahawul_store::{Role, User};

use crate::AppState;
use crate::access::Access;
use crate::anystore::AnyStore;
use crate::auth::{AuthSession, CSRF_KEY, Credentials, new_csrf_token};

/// The cookie remembering the language.
pub const LANG_COOKIE: &str = "tahawul.lang";
/// The cookie remembering the digits.
pub const DIGITS_COOKIE: &str = "tahawul.digits";

/// The pages' routes (none under `/api`).
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(|| async { Redirect::to("/dashboard") }))
        .route("/sign-in", get(sign_in_page).post(sign_in))
        .route("/sign-out", axum::routing::post(sign_out))
        .route("/lang/{code}", get(switch_lang))
        .route("/digits/{kind}", get(switch_digits))
        .route("/dashboard", get(dashboard::page))
        .route("/factors/{factor}/areas/{area}", get(factor_area::page))
        .route("/assets/app.css", get(css))
        .merge(analysis::router())
        .merge(work::router())
        .merge(record::router())
        .layer(axum::middleware::from_fn(keep_page_uri))
}

tokio::task_local! {
    /// The path and query of the page being drawn (GET requests only), so the header's language
    /// and digit switches come back to the same view — a what-if or a filtered list — instead of
    /// the page's bare path.
    static PAGE_URI: String;
}

async fn keep_page_uri(req: axum::extract::Request, next: axum::middleware::Next) -> Response {
    let uri = (req.method() == axum::http::Method::GET)
        .then(|| req.uri().path_and_query().map(|p| p.as_str().to_string()))
        .flatten();
    match uri {
        Some(uri) => PAGE_URI.scope(uri, next.run(req)).await,
        None => next.run(req).await,
    }
}

/// Where the language and digit switches lead back to: the page as requested when it was a GET
/// of `here` (with its query), else `here`.
fn back_to(here: &str) -> String {
    PAGE_URI
        .try_with(|uri| {
            let path = uri.split('?').next().unwrap_or("");
            (path == here.split('?').next().unwrap_or("") && is_local_path(uri)).then(|| uri.clone())
        })
        .ok()
        .flatten()
        .unwrap_or_else(|| here.to_string())
}

fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(cookie::Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|c| c.name() == name)
        .and_then(|c| c.value_raw())
}

/// The reader's language and digits: the cookies, else `Accept-Language`.
pub fn localizer(headers: &HeaderMap) -> Localizer {
    let lang = cookie(headers, LANG_COOKIE)
        .and_then(|c| c.parse::<Lang>().ok())
        .unwrap_or_else(|| crate::error::request_lang(headers));
    let digits = match cookie(headers, DIGITS_COOKIE) {
        Some("arabic-indic") => Digits::ArabicIndic,
        _ => Digits::Latin,
    };
    Localizer::with_digits(lang, digits)
        .or_else(|_| Localizer::new(Lang::En))
        .expect("the shipped messages parse (tested)")
}

/// A local path to come back to: no `next`, or a `next` that is not a
/// same-origin relative path, is the dashboard. Browsers drop tabs and newlines inside a URL
/// and read `\` as `/`, so `/\t/evil.example` is `//evil.example`, another site; and a control
/// character cannot go into a `Location` header at all. So only a path that starts with a
/// single `/`, holds no `//` before its query, no `\`, and no control or whitespace character
/// (after the query string's decoding) is followed.
fn local_path(next: Option<&str>) -> String {
    match next {
        Some(p) if is_local_path(p) => p.to_string(),
        _ => "/dashboard".to_string(),
    }
}

fn is_local_path(p: &str) -> bool {
    let path = p.split(['?', '#']).next().unwrap_or("");
    p.starts_with('/')
        && !path.contains("//")
        && !p.contains('\\')
        && !p.chars().any(|c| c.is_control() || c.is_whitespace())
}

/// The user behind the session, or a redirect to the sign-in page.
pub async fn signed_in(session: &AuthSession, state: &AppState, here: &str) -> Result<Access<AnyStore>, Response> {
    match &session.user {
        // After a reset the temporary password is changed before anything else: every page
        // but the settings page (where the form is) sends the person there.
        Some(u) if u.user.must_change_password && here != "/settings" => Err(Redirect::to("/settings").into_response()),
        Some(u) => {
            let access = Access::new(state.store.clone(), u.user.clone());
            // The header shows the inbox's count on every page drawn by a GET; a page still
            // shows if it cannot be read (the inbox page itself says why). A form post mostly
            // redirects, so it does not pay for the count (about 40 ms of the load run's read
            // p99); one that re-draws its form with errors shows the header without it.
            if PAGE_URI.try_with(|_| ()).is_err() {
                return Ok(access);
            }
            let count = access.inbox(jiff::Zoned::now().date()).await.ok().map(|items| items.len());
            Ok(access.with_inbox_count(count))
        }
        None => Err(Redirect::to(&format!("/sign-in?next={}", encode(here))).into_response()),
    }
}

fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"/-_.~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// The session's CSRF token, made if the session has none yet.
async fn csrf_token(session: &AuthSession) -> Result<String, Response> {
    let current: Option<String> = session.session.get(CSRF_KEY).await.map_err(internal)?;
    if let Some(t) = current {
        return Ok(t);
    }
    let t = new_csrf_token();
    session.session.insert(CSRF_KEY, &t).await.map_err(internal)?;
    Ok(t)
}

/// Whether a form's token is the session's (compared in constant time).
async fn csrf_ok(session: &AuthSession, sent: Option<&str>) -> bool {
    let expected: Option<String> = session.session.get(CSRF_KEY).await.ok().flatten();
    match (expected, sent) {
        (Some(e), Some(s)) => crate::auth::same(e.as_bytes(), s.as_bytes()),
        _ => false,
    }
}

fn internal(e: impl std::fmt::Display) -> Response {
    tracing::error!(why = %e, "page failed");
    (StatusCode::INTERNAL_SERVER_ERROR, "internal error").into_response()
}

fn csrf_refused(loc: &Localizer) -> Response {
    let body = layout(
        loc,
        &loc.tr("pages-csrf-refused"),
        None,
        "/sign-in",
        html! { p role="alert" { (loc.tr("pages-csrf-refused")) } },
    );
    (StatusCode::FORBIDDEN, body).into_response()
}

/// A placeholder given as a message argument, where [`with_slot`] puts markup.
pub const SLOT: &str = "\u{E000}";

/// A message formatted as text, with markup in place of its [`SLOT`] argument: a name in
/// `<bdi>`, isolated from the sentence around it whatever its characters (a right-to-left
/// override included).
pub fn with_slot(text: &str, inner: Markup) -> Markup {
    match text.split_once(SLOT) {
        Some((before, after)) => {
            // An Arabic message isolates the slot as a run of its own; the `<bdi>` put in its
            // place already does, so that pair of isolates goes.
            let (before, after) = match (before.strip_suffix('\u{2068}'), after.strip_prefix('\u{2069}')) {
                (Some(b), Some(a)) => (b, a),
                _ => (before, after),
            };
            html! { (before) (inner) (after) }
        }
        None => html! { (text) },
    }
}

/// Text in the reader's digits (Latin or Arabic-Indic).
pub fn in_digits(loc: &Localizer, s: impl ToString) -> String {
    let s = s.to_string();
    if loc.digits() == Digits::ArabicIndic { tahawul_i18n::to_arabic_indic(&s) } else { s }
}

/// Text that reads left to right whatever the page's direction (dates, months, periods,
/// percentages), in the reader's digits: isolated so an Arabic line does not reorder its
/// parts, with an LRM inside that keeps it left to right where a renderer ignores the isolate
/// (seen in Chromium between brackets).
pub fn ltr_text(loc: &Localizer, s: impl ToString) -> String {
    format!("\u{2066}\u{200E}{}\u{2069}", in_digits(loc, s))
}

/// The name of a role in the reader's language.
pub fn role_name(loc: &Localizer, role: Role) -> String {
    loc.tr(match role {
        Role::Secretariat => "pages-role-secretariat",
        Role::DelegationHead => "pages-role-delegation-head",
        Role::DelegationMember => "pages-role-delegation-member",
        Role::WorkingGroupMember => "pages-role-working-group-member",
        Role::CoalitionPartner => "pages-role-coalition-partner",
        Role::Auditor => "pages-role-auditor",
    })
}

/// The pages a role works in, for the header's navigation: (path, message id). A link
/// shown is a page the role can use; the pages themselves still check access.
pub fn nav(role: Role) -> Vec<(&'static str, &'static str)> {
    use Role::*;
    const ALL: &[Role] =
        &[Secretariat, DelegationHead, DelegationMember, WorkingGroupMember, CoalitionPartner, Auditor];
    const WORKERS: &[Role] = &[Secretariat, DelegationHead, DelegationMember, WorkingGroupMember];
    let pages: [(&str, &str, &[Role]); 14] = [
        ("/inbox", "pages-nav-inbox", ALL),
        ("/dashboard", "pages-nav-dashboard", ALL),
        ("/indicators", "pages-nav-indicators", ALL),
        ("/forecast", "pages-nav-forecast", ALL),
        ("/gates", "pages-nav-gates", WORKERS),
        ("/assessments", "pages-nav-assessments", WORKERS),
        ("/commitments", "pages-nav-commitments", ALL),
        ("/rounds", "pages-nav-rounds", ALL),
        ("/consultations", "pages-nav-consultations", ALL),
        ("/report", "pages-nav-report", ALL),
        ("/intake", "pages-nav-intake", &[Secretariat, DelegationHead, DelegationMember]),
        ("/users", "pages-nav-users", &[Secretariat]),
        ("/audit", "pages-nav-audit", &[Secretariat, Auditor]),
        ("/settings", "pages-nav-settings", ALL),
    ];
    pages.into_iter().filter(|(_, _, roles)| roles.contains(&role)).map(|(p, id, _)| (p, id)).collect()
}

/// Who is signed in, for the header.
pub struct Header<'a> {
    /// The user.
    pub user: &'a User,
    /// The session's CSRF token, for the sign-out form.
    pub csrf: String,
    /// How many things need them (the inbox), when known.
    pub inbox: Option<usize>,
}

impl<'a> Header<'a> {
    /// The header of a page opened with `access` (see [`signed_in`]).
    pub fn of(access: &'a Access<AnyStore>, csrf: String) -> Header<'a> {
        Header { user: access.user(), csrf, inbox: access.inbox_count() }
    }
}

/// Every page's frame: `<html lang dir>`, skip link, header with the language switch, main.
pub fn layout(loc: &Localizer, title: &str, who: Option<Header<'_>>, here: &str, main: Markup) -> Html<String> {
    let lang = loc.lang();
    let other = if lang == Lang::Ar { Lang::En } else { Lang::Ar };
    let here_q = encode(&back_to(here));
    let page = html! {
        (DOCTYPE)
        html lang=(lang.code()) dir=(lang.dir()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · " (loc.tr("pages-app-name")) }
                link rel="stylesheet" href="/assets/app.css";
            }
            body {
                a class="skip" href="#main" { (loc.tr("pages-skip")) }
                header class="top" {
                    a class="brand" href="/dashboard" { (loc.tr("pages-app-name")) }
                    nav aria-label=(loc.tr("pages-nav-label")) {
                        @if let Some(h) = &who {
                            @for (path, id) in nav(h.user.role) {
                                @let current = here == path || here.starts_with(&format!("{path}/")) || here.starts_with(&format!("{path}?"));
                                a href=(path) aria-current=[current.then_some("page")] {
                                    (loc.tr(id))
                                    @if let (Some(n @ 1..), "/inbox") = (h.inbox, path) {
                                        " " span id="inbox-count" class="count" title=(loc.format(&Message::new("pages-nav-inbox-count").arg("count", n))) { (in_digits(loc, n)) }
                                    }
                                }
                            }
                        }
                        a id="lang-switch" href={ "/lang/" (other.code()) "?next=" (here_q) } lang=(other.code()) hreflang=(other.code()) { (loc.tr("pages-lang-other")) }
                        @if lang == Lang::Ar {
                            @if loc.digits() == Digits::ArabicIndic {
                                a href={ "/digits/latin?next=" (here_q) } { (loc.tr("pages-digits-latin")) }
                            } @else {
                                a href={ "/digits/arabic-indic?next=" (here_q) } { (loc.tr("pages-digits-arabic-indic")) }
                            }
                        }
                    }
                    @if let Some(h) = &who {
                        p class="who" { (with_slot(&loc.format(&Message::new("pages-signed-in-as").arg("name", SLOT).arg("role", role_name(loc, h.user.role))), html! { bdi { (h.user.display_name) } })) }
                        form method="post" action="/sign-out" class="inline" {
                            input type="hidden" name="csrf" value=(h.csrf);
                            button type="submit" { (loc.tr("pages-sign-out")) }
                        }
                    }
                }
                main id="main" tabindex="-1" { (main) }
            }
        }
    };
    Html(page.into_string())
}

/// `?next=…`
#[derive(Debug, Deserialize)]
pub struct Next {
    next: Option<String>,
    failed: Option<String>,
}

async fn sign_in_page(session: AuthSession, headers: HeaderMap, Query(q): Query<Next>) -> Response {
    let loc = localizer(&headers);
    let csrf = match csrf_token(&session).await {
        Ok(t) => t,
        Err(r) => return r,
    };
    let next = local_path(q.next.as_deref());
    let failed = q.failed.is_some().then(|| loc.tr("pages-sign-in-failed"));
    sign_in_form(&loc, &csrf, &next, failed)
}

/// The sign-in page, with what went wrong at the last try (if anything).
fn sign_in_form(loc: &Localizer, csrf: &str, next: &str, failed: Option<String>) -> Response {
    let title = loc.tr("pages-sign-in-title");
    let main = html! {
        h1 { (title) }
        @if let Some(why) = &failed { p class="error" role="alert" { (why) } }
        form method="post" action="/sign-in" class="stack" {
            input type="hidden" name="csrf" value=(csrf);
            input type="hidden" name="next" value=(next);
            label for="name" { (loc.tr("pages-sign-in-name")) }
            input id="name" name="name" type="text" autocomplete="username" required autofocus dir="auto";
            label for="password" { (loc.tr("pages-sign-in-password")) }
            input id="password" name="password" type="password" autocomplete="current-password" required;
            button type="submit" { (loc.tr("pages-sign-in-submit")) }
        }
    };
    let here = format!("/sign-in?next={}", encode(next));
    layout(loc, &title, None, &here, main).into_response()
}

/// The sign-in form.
#[derive(Debug, Deserialize)]
pub struct SignInForm {
    csrf: Option<String>,
    name: String,
    password: String,
    next: Option<String>,
}

async fn sign_in(
    State(state): State<AppState>,
    mut session: AuthSession,
    headers: HeaderMap,
    Form(f): Form<SignInForm>,
) -> Response {
    let loc = localizer(&headers);
    if !csrf_ok(&session, f.csrf.as_deref()).await {
        return csrf_refused(&loc);
    }
    let next = local_path(f.next.as_deref());
    let user = match session.authenticate(Credentials { name: f.name, password: f.password }).await {
        Ok(Some(u)) => u,
        Ok(None) => {
            return Redirect::to(&format!("/sign-in?failed=1&next={}", encode(&next))).into_response();
        }
        // The directory does not answer: said on the page (503), with the form to try again;
        // local accounts are not affected.
        Err(axum_login::Error::Backend(crate::auth::AuthError::Directory(e))) => {
            tracing::warn!(error = %e, "directory sign-in failed (pages)");
            let csrf = match csrf_token(&session).await {
                Ok(t) => t,
                Err(r) => return r,
            };
            let mut res = sign_in_form(&loc, &csrf, &next, Some(loc.tr("pages-sign-in-directory-down")));
            *res.status_mut() = StatusCode::SERVICE_UNAVAILABLE;
            return res;
        }
        Err(e) => return internal(e),
    };
    // A new session id (see `auth::new_session_id`); a new CSRF token goes with it.
    if let Err(e) = crate::auth::new_session_id(&session).await {
        return internal(e);
    }
    if let Err(e) = session.login(&user).await {
        return internal(e);
    }
    if let Err(e) = session.session.insert(CSRF_KEY, new_csrf_token()).await {
        return internal(e);
    }
    tracing::info!(user = %user.user.name, "signed in (pages)");
    // The language and digits the user chose (stored with them) apply from now on.
    let mut res = Redirect::to(&next).into_response();
    work::apply_user_settings(&mut res, &user.user, &state);
    res
}

/// A form carrying only the CSRF token.
#[derive(Debug, Deserialize)]
pub struct CsrfForm {
    csrf: Option<String>,
}

async fn sign_out(mut session: AuthSession, headers: HeaderMap, Form(f): Form<CsrfForm>) -> Response {
    let loc = localizer(&headers);
    if !csrf_ok(&session, f.csrf.as_deref()).await {
        return csrf_refused(&loc);
    }
    if let Err(e) = session.logout().await {
        return internal(e);
    }
    Redirect::to("/sign-in").into_response()
}

fn remember(name: &str, value: &str, next: Option<&str>, state: &AppState) -> Response {
    let secure = if state.config.secure_cookies { "; Secure" } else { "" };
    let cookie = format!("{name}={value}; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly{secure}");
    let mut res = Redirect::to(&local_path(next)).into_response();
    if let Ok(v) = HeaderValue::from_str(&cookie) {
        res.headers_mut().append(header::SET_COOKIE, v);
    }
    res
}

/// Switches the language and remembers it (a preference cookie: no record changes, so a link).
async fn switch_lang(
    State(state): State<AppState>,
    session: AuthSession,
    Path(code): Path<String>,
    Query(q): Query<Next>,
) -> Response {
    match code.parse::<Lang>() {
        Ok(lang) => {
            // Signed in, the choice is also the user's stored setting.
            if let Some(u) = &session.user {
                work::save_choice(&state, &u.user, Some(lang), None).await;
            }
            remember(LANG_COOKIE, lang.code(), q.next.as_deref(), &state)
        }
        Err(_) => StatusCode::NOT_FOUND.into_response(),
    }
}

/// Switches between Latin and Arabic-Indic digits.
async fn switch_digits(
    State(state): State<AppState>,
    session: AuthSession,
    Path(kind): Path<String>,
    Query(q): Query<Next>,
) -> Response {
    match kind.as_str() {
        "latin" | "arabic-indic" => {
            if let Some(u) = &session.user {
                let digits = if kind == "latin" { Digits::Latin } else { Digits::ArabicIndic };
                work::save_choice(&state, &u.user, None, Some(digits)).await;
            }
            remember(DIGITS_COOKIE, &kind, q.next.as_deref(), &state)
        }
        _ => StatusCode::NOT_FOUND.into_response(),
    }
}

/// The style sheet: logical properties only, so the layout mirrors itself in Arabic.
pub const CSS: &str = r#"
:root { --ink: #1a1a1a; --paper: #ffffff; --accent: #0b5394; --focus: #b45f06; font-family: system-ui, "Noto Naskh Arabic", "Noto Sans", sans-serif; color: var(--ink); background: var(--paper); line-height: 1.5; }
body { margin-block: 0; margin-inline: auto; max-inline-size: 72rem; padding-inline: 1rem; }
a { color: var(--accent); }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
.skip { position: absolute; inset-inline-start: 0.5rem; inset-block-start: -3rem; background: var(--paper); padding: 0.5rem; }
.skip:focus { inset-block-start: 0.5rem; }
.top { display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; border-block-end: 2px solid var(--accent); padding-block: 0.75rem; }
.top nav { display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; margin-inline-start: auto; }
.top nav a[aria-current=page] { font-weight: bold; text-decoration-thickness: 3px; }
.top nav .count { display: inline-block; min-inline-size: 1.2em; padding-inline: 0.35em; border-radius: 0.6em; background: #0b5394; color: #fff; font-size: 0.85em; text-align: center; text-decoration: none; }
#inbox .overdue { color: #a40000; }
.brand { font-weight: bold; font-size: 1.25rem; text-decoration: none; }
.who { margin-block: 0; }
.inline { display: inline; }
.stack { display: flex; flex-direction: column; gap: 0.5rem; max-inline-size: 24rem; }
input, button { font: inherit; padding-block: 0.4rem; padding-inline: 0.6rem; }
button { background: var(--accent); color: #fff; border: 0; border-radius: 4px; cursor: pointer; }
.error { color: #8b0000; font-weight: bold; }
table { border-collapse: collapse; margin-block: 1rem; }
th, td { border: 1px solid #767676; padding-block: 0.25rem; padding-inline: 0.5rem; text-align: start; }
.chart { max-inline-size: 100%; block-size: auto; }
/* phones (issue 17): a wide table scrolls inside its own box instead of widening the page,
   fieldsets may shrink below their content, long digests and ids wrap, the menu is tighter */
fieldset { min-inline-size: 0; }
select, input, textarea { max-inline-size: 100%; }
code { overflow-wrap: anywhere; }
@media (max-width: 40rem) {
  main table { display: block; max-inline-size: 100%; overflow-x: auto; }
  .top { gap: 0.5rem; }
  .top nav { flex-wrap: nowrap; overflow-x: auto; white-space: nowrap; max-inline-size: 100%; gap: 0.75rem; margin-inline-start: 0; padding-block-end: 0.25rem; }
  .side-by-side { grid-template-columns: 1fr; }
}
.met { color: #0a5c2b; } .not-met { color: #8b0000; } .no-data, .stale { color: #4d4d4d; }
/* record pages */
.side-by-side { display: grid; grid-template-columns: repeat(auto-fit, minmax(20rem, 1fr)); gap: 1rem; }
pre.statement { white-space: pre-wrap; font-family: inherit; }
.wide { max-inline-size: 100%; } textarea { font: inherit; }
ins { background: #d7f5dd; } del { background: #fbdada; }
.changed { outline: 3px solid #8b0000; outline-offset: 2px; }
code.key { font-size: 0.8rem; overflow-wrap: anywhere; }
/* tables (pages/table.rs) */
.table-tools { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: end; }
.pager { display: flex; flex-wrap: wrap; gap: 1rem; align-items: baseline; }
th a { color: inherit; }
td.ditto { color: #4d4d4d; text-align: center; }
.vh { position: absolute; inline-size: 1px; block-size: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
@media print { .top nav, .top form, .skip { display: none; } }
"#;

async fn css() -> Response {
    ([(header::CONTENT_TYPE, "text/css; charset=utf-8"), (header::CACHE_CONTROL, "public, max-age=3600")], CSS)
        .into_response()
}

#[cfg(test)]
mod next_tests {
    use super::local_path;

    #[test]
    fn only_same_origin_relative_paths_are_followed() {
        for ok in ["/dashboard", "/assessments/a-1?tab=history", "/search?u=http://x.example", "/مناطق"] {
            assert_eq!(local_path(Some(ok)), ok);
        }
        for bad in [
            "//evil.example",
            "/\t/evil.example",
            "/\\evil.example",
            "/a\\b",
            "https://evil.example",
            "evil.example",
            "/\0",
            "/\u{1}",
            "/\u{7f}",
            "/a b",
            "/\r\nSet-Cookie: x=1",
            "/\u{3000}/evil",
            "/x//y",
            "",
        ] {
            assert_eq!(local_path(Some(bad)), "/dashboard", "{bad:?}");
        }
        assert_eq!(local_path(None), "/dashboard");
    }
}
