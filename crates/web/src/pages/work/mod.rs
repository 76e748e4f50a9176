//! The working pages: assessments (entry and review), users and roles for the secretariat,
//! the audit log for auditors, and the reader's own settings.
//!
//! Every read and write goes through [`Access`], so a page allows exactly what the API allows;
//! a refused action is a 403 page in the reader's language, never a 500. Forms show only the
//! actions the reader's role has, but the access layer decides.

mod assessments;
mod audit;
pub(crate) mod inbox;
mod intake;
mod settings;
mod users;

use axum::Router;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use maud::{Markup, PreEscaped, html};
use tahawul_i18n::{Digits, Lang, Localizer, Message};
use tahawul_store::{Role, User, UserSettings, prelude::*};

use super::{DIGITS_COOKIE, Header, LANG_COOKIE, csrf_ok, csrf_refused, csrf_token, internal};
use super::{layout, localizer, signed_in};
use crate::AppState;
use crate::access::Access;
use crate::anystore::AnyStore;
use crate::auth::AuthSession;
use crate::error::ApiError;

/// The working pages' routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/inbox", get(inbox::page))
        .route("/assessments", get(assessments::list))
        .route("/assessments/new", get(assessments::new_page).post(assessments::create))
        .route("/assessments/{id}", get(assessments::show))
        .route("/assessments/{id}/edit", post(assessments::edit))
        .route("/assessments/{id}/submit", post(assessments::submit))
        .route("/assessments/{id}/endorse", post(assessments::endorse))
        .route("/assessments/{id}/return", post(assessments::return_it))
        .route("/users", get(users::list).post(users::create))
        .route("/users/{name}/disable", get(users::confirm_disable).post(users::disable))
        .route("/users/{name}/enable", get(users::confirm_enable).post(users::enable))
        .route("/users/{name}/reset", get(users::confirm_reset).post(users::reset))
        .route("/users/tokens/{prefix}/revoke", post(users::revoke_token))
        .route("/audit", get(audit::page))
        .route("/settings", get(settings::page).post(settings::save))
        .route("/settings/password", post(settings::change_password))
        .merge(intake::router())
}

/// The working pages' own layout (logical properties only, so Arabic mirrors it): facts as a
/// two-column list, wide forms, check boxes on their own lines, narratives side by side.
const CSS: &str = "\
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; }\
dl.facts dt { font-weight: bold; } dl.facts dd { margin-inline-start: 0; }\
.stack.wide { max-inline-size: 48rem; } textarea, select { font: inherit; }\
label.check { display: block; } fieldset { border: 1px solid #767676; }\
.hint { color: #4d4d4d; font-size: 0.9rem; }\
.narratives { display: grid; grid-template-columns: repeat(auto-fit, minmax(18rem, 1fr)); gap: 1rem; }\
.narratives blockquote { margin: 0; padding-inline-start: 1rem; border-inline-start: 4px solid #0b5394; }\
.filters { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: end; }\
.button { display: inline-block; padding-block: 0.4rem; padding-inline: 0.6rem; background: #0b5394; color: #fff; border-radius: 4px; }\
.pager { display: flex; gap: 1rem; }";

/// What every working page starts from: who reads, in which language, with which form token.
pub(super) struct Page {
    access: Access<AnyStore>,
    loc: Localizer,
    csrf: String,
    here: String,
}

impl Page {
    /// The signed-in reader (or a redirect to the sign-in page).
    async fn open(session: &AuthSession, state: &AppState, headers: &HeaderMap, here: &str) -> Result<Page, Response> {
        let access = signed_in(session, state, here).await?;
        let csrf = csrf_token(session).await?;
        Ok(Page { access, loc: localizer(headers), csrf, here: here.to_string() })
    }

    /// The signed-in reader of a form post, whose token is checked first.
    async fn post(
        session: &AuthSession,
        state: &AppState,
        headers: &HeaderMap,
        here: &str,
        sent: Option<&str>,
    ) -> Result<Page, Response> {
        if !csrf_ok(session, sent).await {
            return Err(csrf_refused(&localizer(headers)));
        }
        Page::open(session, state, headers, here).await
    }

    fn user(&self) -> &User {
        self.access.user()
    }

    fn tr(&self, id: &'static str) -> String {
        self.loc.tr(id)
    }

    fn fmt(&self, m: Message) -> String {
        self.loc.format(&m)
    }

    /// The page in the frame, with a status.
    fn render(&self, status: StatusCode, title: &str, main: Markup) -> Response {
        let who = Header::of(&self.access, self.csrf.clone());
        let main = html! { style { (PreEscaped(CSS)) } (main) };
        (status, layout(&self.loc, title, Some(who), &self.here, main)).into_response()
    }

    /// A short page saying why, with a way back.
    fn message(&self, status: StatusCode, title: &str, text: &str) -> Response {
        let main = html! {
            h1 { (title) }
            p class="error" role="alert" { (text) }
            p { a href="/dashboard" { (self.tr("pages-work-back-dashboard")) } }
        };
        self.render(status, title, main)
    }

    /// 403: the role does not allow this.
    fn forbidden(&self) -> Response {
        self.message(StatusCode::FORBIDDEN, &self.tr("pages-work-forbidden-title"), &self.tr("pages-work-forbidden"))
    }

    /// 404: not there, or not for this reader (the two are not told apart).
    fn not_found(&self) -> Response {
        self.message(StatusCode::NOT_FOUND, &self.tr("pages-work-not-found-title"), &self.tr("pages-work-not-found"))
    }

    /// An access-layer refusal as a page: 403, 404, 409 or 422 with the reasons; only a
    /// failure of the service itself is a 500.
    fn failure(&self, e: ApiError) -> Response {
        match e {
            ApiError::Forbidden => self.forbidden(),
            ApiError::NotFound(_) => self.not_found(),
            ApiError::Conflict { .. } => self.message(
                StatusCode::CONFLICT,
                &self.tr("pages-work-conflict-title"),
                &self.tr("pages-work-conflict"),
            ),
            ApiError::Invalid(ps) | ApiError::BadRequest(ps) => {
                let title = self.tr("pages-work-invalid-title");
                let main = html! {
                    h1 { (title) }
                    div class="error" role="alert" {
                        p { (self.tr("pages-work-invalid")) }
                        ul { @for p in &ps {
                            li { code { (p.pointer) } ": " (p.detail.render(&self.loc)) }
                        } }
                    }
                    p { a href=(self.here) { (self.tr("pages-work-back")) } }
                };
                self.render(StatusCode::UNPROCESSABLE_ENTITY, &title, main)
            }
            other => internal(other),
        }
    }

    /// A number in the reader's digits.
    fn n(&self, n: impl Into<f64>) -> String {
        self.loc.number(n.into(), 0)
    }

    /// A stored time (RFC 3339 UTC) to the minute, in the reader's digits, isolated left to
    /// right so that an Arabic line does not reorder its parts.
    fn when(&self, at: &str) -> String {
        let short: String = at.chars().take(16).collect::<String>().replace('T', " ");
        super::ltr_text(&self.loc, format!("{short} UTC"))
    }
}

/// The name of a role (shared with the header).
fn role_name(loc: &Localizer, role: Role) -> String {
    super::role_name(loc, role)
}

/// A form's fields as sent, repeated names kept (checkbox lists).
pub(super) struct Fields(Vec<(String, String)>);

impl Fields {
    /// The first value of a field, trimmed; `None` when missing or blank.
    fn get(&self, name: &str) -> Option<&str> {
        self.0.iter().find(|(k, _)| k == name).map(|(_, v)| v.trim()).filter(|v| !v.is_empty())
    }
    /// Every value of a field.
    fn all(&self, name: &str) -> Vec<&str> {
        self.0.iter().filter(|(k, _)| k == name).map(|(_, v)| v.trim()).filter(|v| !v.is_empty()).collect()
    }
    /// A field as text exactly as typed (narratives keep their spacing), empty when missing.
    fn text(&self, name: &str) -> String {
        self.0.iter().find(|(k, _)| k == name).map(|(_, v)| v.replace("\r\n", "\n")).unwrap_or_default()
    }
}

/// One problem with a form field, for the form to show next to the field.
#[derive(Debug, Clone)]
pub(super) struct FieldError {
    field: &'static str,
    text: String,
}

/// The list of a form's problems, each linked to its field (WCAG: errors identified in text).
fn error_summary(p: &Page, errors: &[FieldError]) -> Markup {
    html! {
        @if !errors.is_empty() {
            div class="error" role="alert" id="form-errors" {
                p { (p.tr("pages-work-form-has-errors")) }
                ul { @for e in errors {
                    li { a href={ "#" (e.field) } { (e.text) } }
                } }
            }
        }
    }
}

/// The error for one field, if any, under its input.
fn field_error(errors: &[FieldError], field: &str) -> Markup {
    html! {
        @for e in errors.iter().filter(|e| e.field == field) {
            span class="error" id={ (field) "-error" } { (e.text) }
        }
    }
}

/// A cookie remembering a setting (a year; `HttpOnly`, `SameSite=Lax`, `Secure` as the
/// session cookie is).
fn setting_cookie(name: &str, value: &str, state: &AppState) -> Option<HeaderValue> {
    let secure = if state.config.secure_cookies { "; Secure" } else { "" };
    HeaderValue::from_str(&format!("{name}={value}; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly{secure}")).ok()
}

/// Sets the language and digits cookies from a user's stored settings (those they chose).
pub fn apply_user_settings(res: &mut Response, user: &User, state: &AppState) {
    let pairs = [(LANG_COOKIE, user.lang.as_deref()), (DIGITS_COOKIE, user.digits.as_deref())];
    for (name, value) in pairs {
        if let Some(v) = value.and_then(|v| setting_cookie(name, v, state)) {
            res.headers_mut().append(header::SET_COOKIE, v);
        }
    }
}

/// Saves one choice of the header's switches for a signed-in user, keeping the other.
/// A failure is logged, not shown: the cookie still carries the choice for this browser.
pub async fn save_choice(state: &AppState, user: &User, lang: Option<Lang>, digits: Option<Digits>) {
    let settings = UserSettings {
        lang: lang.map(|l| l.code().to_string()).or_else(|| user.lang.clone()),
        digits: digits.map(|d| digits_code(d).to_string()).or_else(|| user.digits.clone()),
        email: user.email.clone(),
        reminders: user.reminders.clone(),
    };
    if settings.lang == user.lang && settings.digits == user.digits {
        return;
    }
    if let Err(e) = state.store.set_user_settings(&user.name, &settings, &user.name).await {
        tracing::warn!(user = %user.name, why = %e, "could not save the chosen setting");
    }
}

fn digits_code(d: Digits) -> &'static str {
    match d {
        Digits::ArabicIndic => "arabic-indic",
        _ => "latin",
    }
}
