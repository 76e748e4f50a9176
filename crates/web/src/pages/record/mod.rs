//! The dialogue's record: rounds with their minutes and signatures, joint statements, the
//! commitment ledger, and coalition consultation. Every page reads through the access layer
//! (`access/record.rs`), so a coalition partner sees only released versions here as in the
//! API; forms post back to these pages with the session's CSRF token.

mod chart;
mod commitments;
mod consultations;
mod documents;
mod new_commitment;
mod rounds;
pub(crate) mod statement;

use axum::Router;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use maud::{Markup, html};
use tahawul_i18n::Localizer;

use super::{Header, csrf_ok, csrf_refused, csrf_token, internal, layout, localizer, signed_in};
use crate::AppState;
use crate::access::Access;
use crate::anystore::AnyStore;
use crate::auth::AuthSession;
use crate::error::ApiError;

/// The record pages' routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/rounds", get(rounds::list))
        .route("/rounds/{id}", get(rounds::page))
        .route("/rounds/{id}/minutes.pdf", get(documents::minutes))
        .route("/rounds/{id}/statement.pdf", get(documents::statement))
        .route("/commitments.pdf", get(documents::commitments))
        .route("/rounds/{id}/statement", get(statement::page).post(statement::draft))
        .route("/rounds/{id}/statement/edit", post(statement::edit))
        .route("/commitments", get(commitments::page))
        .route("/commitments/new", get(new_commitment::page).post(new_commitment::create))
        .route("/commitments/{id}/status", post(commitments::change))
        .route("/consultations", get(consultations::list).post(consultations::create))
        .route("/consultations/{id}", get(consultations::page))
        .route("/consultations/{id}/draft", post(consultations::edit))
        .route("/consultations/{id}/release", post(consultations::release))
        .route("/consultations/{id}/respond", post(consultations::respond))
        .route("/assets/record-sign.js", get(sign_js))
}

/// The signing script: served as a file so a strict `script-src 'self'` policy allows it.
const SIGN_JS: &str = include_str!("sign.js");

async fn sign_js() -> Response {
    ([(header::CONTENT_TYPE, "text/javascript; charset=utf-8"), (header::CACHE_CONTROL, "no-cache")], SIGN_JS)
        .into_response()
}

/// What every page needs: the reader's access, CSRF token and localizer.
struct Ctx {
    access: Access<AnyStore>,
    csrf: String,
    loc: Localizer,
}

impl Ctx {
    async fn new(session: &AuthSession, state: &AppState, headers: &HeaderMap, here: &str) -> Result<Ctx, Response> {
        let access = signed_in(session, state, here).await?;
        let csrf = csrf_token(session).await?;
        Ok(Ctx { access, csrf, loc: localizer(headers) })
    }

    /// A whole page.
    fn page(&self, title: &str, here: &str, main: Markup) -> Response {
        layout(&self.loc, title, Some(Header::of(&self.access, self.csrf.clone())), here, main).into_response()
    }

    /// An error from the access layer as a page: 404 and 403 as themselves, a refused input
    /// as 422 with every problem in the reader's language and a way back.
    fn error(&self, e: ApiError, back: &str) -> Response {
        let status = e.status();
        if status == StatusCode::INTERNAL_SERVER_ERROR {
            return internal(e);
        }
        let doc = e.problem(&self.loc);
        let title = doc["title"].as_str().unwrap_or_default().to_string();
        let details: Vec<String> = match doc["errors"].as_array() {
            Some(es) => es.iter().filter_map(|x| x["detail"].as_str().map(str::to_string)).collect(),
            None => vec![doc["detail"].as_str().unwrap_or_default().to_string()],
        };
        let main = html! {
            h1 { (title) }
            div role="alert" class="error" { @for d in &details { p { (d) } } }
            p { a href=(back) { (self.loc.tr("pages-record-back")) } }
        };
        (status, self.page(&title, back, main)).into_response()
    }
}

/// A form with the CSRF field alone.
#[derive(Debug, serde::Deserialize)]
pub struct CsrfOnly {
    csrf: String,
}

/// A form's CSRF field is the session's, else the page answers 403.
async fn check_csrf(session: &AuthSession, headers: &HeaderMap, sent: &str) -> Option<Response> {
    if csrf_ok(session, Some(sent)).await { None } else { Some(csrf_refused(&localizer(headers))) }
}

/// Back to a page after a form (303, so a reload does not post again).
fn see(path: &str) -> Response {
    Redirect::to(path).into_response()
}

/// A number in the reader's digits.
fn num(loc: &Localizer, s: impl ToString) -> String {
    super::in_digits(loc, s)
}

/// A date or time in the reader's digits, left to right (see [`super::ltr_text`]).
fn when(loc: &Localizer, s: impl ToString) -> String {
    super::ltr_text(loc, s)
}
