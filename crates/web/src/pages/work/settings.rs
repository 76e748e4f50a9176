//! The reader's own settings: the language of the pages and the digits, stored with the user
//! (so that they follow the user to another browser) and remembered in cookies.

use axum::extract::{Form, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use maud::html;
use serde::Deserialize;
use tahawul_store::UserSettings;

use tahawul_domain::user::MIN_PASSWORD_CHARS;
use tahawul_i18n::Message;

use super::{FieldError, Fields, Page, apply_user_settings, error_summary, field_error};
use crate::AppState;
use crate::auth::AuthSession;
use crate::error::ApiError;

/// `?saved=1` after a save, `?password=changed` after a password change.
#[derive(Debug, Deserialize)]
pub struct Saved {
    saved: Option<String>,
    password: Option<String>,
}

const LANGS: [(&str, &str); 2] = [("ar", "العربية"), ("en", "English")];
const REMINDERS: [(&str, &str); 3] = [
    ("off", "pages-work-settings-reminders-off"),
    ("daily", "pages-work-settings-reminders-daily"),
    ("immediate", "pages-work-settings-reminders-immediate"),
];
const DIGITS: [(&str, &str); 2] =
    [("latin", "pages-work-digits-latin"), ("arabic-indic", "pages-work-digits-arabic-indic")];

/// `GET /settings`.
pub async fn page(
    State(state): State<AppState>,
    session: AuthSession,
    headers: HeaderMap,
    Query(q): Query<Saved>,
) -> Response {
    let p = match Page::open(&session, &state, &headers, "/settings").await {
        Ok(p) => p,
        Err(r) => return r,
    };
    render(&p, &q, &[], StatusCode::OK)
}

/// The settings page, with the password form's problems at their fields.
fn render(p: &Page, q: &Saved, errors: &[FieldError], status: StatusCode) -> Response {
    // What the pages show now (the cookie, else the browser) is what the form starts from
    // when the user has not chosen yet.
    let user = p.user();
    let lang = user.lang.clone().unwrap_or_else(|| p.loc.lang().code().to_string());
    let digits = user.digits.clone().unwrap_or_else(|| {
        match p.loc.digits() {
            tahawul_i18n::Digits::ArabicIndic => "arabic-indic",
            tahawul_i18n::Digits::Latin => "latin",
        }
        .to_string()
    });
    let reminders = user.reminders.as_deref().unwrap_or("off");
    let title = p.tr("pages-work-settings-title");
    let main = html! {
        h1 id="settings-title" { (title) }
        @if user.must_change_password {
            p id="must-change" role="alert" class="error" { (p.tr("pages-work-password-must-change")) }
        }
        @if q.saved.is_some() {
            p id="saved" role="status" class="met" { (p.tr("pages-work-settings-saved")) }
        }
        @if q.password.as_deref() == Some("changed") {
            p id="password-changed" role="status" class="met" { (p.tr("pages-work-password-changed")) }
        }
        section aria-labelledby="password-title" id="password" {
            h2 id="password-title" { (p.tr("pages-work-password-title")) }
            @if user.directory {
                p id="password-directory" { (p.tr("pages-work-password-directory")) }
            } @else {
                (error_summary(p, errors))
                form method="post" action="/settings/password" class="stack" {
                    input type="hidden" name="csrf" value=(p.csrf);
                    // The name lets a password manager file the new password under the account.
                    input type="text" name="username" value=(user.name) autocomplete="username" hidden;
                    label for="current_password" { (p.tr("pages-work-password-current")) }
                    input id="current_password" name="current_password" type="password" required autocomplete="current-password"
                        aria-invalid=[errors.iter().any(|e| e.field == "current_password").then_some("true")];
                    (field_error(errors, "current_password"))
                    label for="new_password" { (p.tr("pages-work-password-new")) }
                    span class="hint" id="new-password-hint" { (p.fmt(Message::new("pages-work-password-hint").arg("min", MIN_PASSWORD_CHARS))) }
                    input id="new_password" name="new_password" type="password" required autocomplete="new-password" aria-describedby="new-password-hint"
                        aria-invalid=[errors.iter().any(|e| e.field == "new_password").then_some("true")];
                    (field_error(errors, "new_password"))
                    button type="submit" id="change-password" { (p.tr("pages-work-password-save")) }
                }
            }
        }
        h2 { (p.tr("pages-work-settings-preferences")) }
        form method="post" action="/settings" class="stack" {
            input type="hidden" name="csrf" value=(p.csrf);
            fieldset {
                legend { (p.tr("pages-work-settings-lang")) }
                @for (code, name) in LANGS {
                    label class="check" lang=(code) {
                        input type="radio" name="lang" value=(code) id={ "lang-" (code) } checked[lang == code];
                        " " (name)
                    }
                }
            }
            fieldset {
                legend { (p.tr("pages-work-settings-digits")) }
                @for (code, id) in DIGITS {
                    label class="check" {
                        input type="radio" name="digits" value=(code) id={ "digits-" (code) } checked[digits == code];
                        " " (p.tr(id))
                    }
                }
            }
            fieldset {
                legend { (p.tr("pages-work-settings-reminders")) }
                label for="email" { (p.tr("pages-work-settings-email")) }
                input type="email" name="email" id="email" autocomplete="email" dir="ltr" maxlength="254" value=[user.email.as_deref()];
                @for (code, id) in REMINDERS {
                    label class="check" {
                        input type="radio" name="reminders" value=(code) id={ "reminders-" (code) } checked[reminders == code];
                        " " (p.tr(id))
                    }
                }
                p class="hint" { (p.tr("pages-work-settings-reminders-hint")) }
            }
            button type="submit" id="save-settings" { (p.tr("pages-work-settings-save")) }
        }
    };
    p.render(status, &title, main)
}

/// `POST /settings`: stores the choice with the user and sets the cookies from it.
pub async fn save(
    State(state): State<AppState>,
    session: AuthSession,
    headers: HeaderMap,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let fields = Fields(fields);
    let p = match Page::post(&session, &state, &headers, "/settings", fields.get("csrf")).await {
        Ok(p) => p,
        Err(r) => return r,
    };
    let settings = UserSettings {
        lang: fields.get("lang").map(str::to_string),
        digits: fields.get("digits").map(str::to_string),
        email: fields.get("email").map(str::trim).filter(|e| !e.is_empty()).map(str::to_string),
        reminders: fields.get("reminders").map(str::to_string),
    };
    match p.access.set_own_settings(&settings).await {
        Ok(user) => {
            let mut res = Redirect::to("/settings?saved=1").into_response();
            apply_user_settings(&mut res, &user, &state);
            res
        }
        Err(e) => p.failure(e),
    }
}

/// `POST /settings/password`: changes one's own password (the current one is asked for), or
/// shows the form again with each problem at its field. This session goes on; the account's
/// others end.
pub async fn change_password(
    State(state): State<AppState>,
    mut session: AuthSession,
    headers: HeaderMap,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let fields = Fields(fields);
    let p = match Page::post(&session, &state, &headers, "/settings", fields.get("csrf")).await {
        Ok(p) => p,
        Err(r) => return r,
    };
    let (current, new) = (fields.text("current_password"), fields.text("new_password"));
    match p.access.change_own_password(&current, &new).await {
        Ok(user) => {
            if let Err(e) = crate::auth::renew_own_session(&mut session, user).await {
                return p.failure(e);
            }
            Redirect::to("/settings?password=changed#password").into_response()
        }
        Err(ApiError::Invalid(ps)) => {
            let errors: Vec<FieldError> = ps
                .iter()
                .map(|fp| FieldError {
                    field: match fp.pointer.trim_start_matches('/') {
                        "current_password" => "current_password",
                        _ => "new_password",
                    },
                    text: fp.detail.render(&p.loc),
                })
                .collect();
            let q = Saved { saved: None, password: None };
            render(&p, &q, &errors, StatusCode::UNPROCESSABLE_ENTITY)
        }
        Err(e) => p.failure(e),
    }
}
