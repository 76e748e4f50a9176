//! The reader's own settings: the language of the pages and the digits, stored with the user
//! (so that they follow the user to another browser) and remembered in cookies.

use axum::extract::{Form, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use maud::html;
use serde::Deserialize;
use tahawul_store::UserSettings;

use super::{Fields, Page, apply_user_settings};
use crate::AppState;
use crate::auth::AuthSession;

/// `?saved=1` after a save.
#[derive(Debug, Deserialize)]
pub struct Saved {
    saved: Option<String>,
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
        @if q.saved.is_some() {
            p id="saved" role="status" class="met" { (p.tr("pages-work-settings-saved")) }
        }
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
    p.render(StatusCode::OK, &title, main)
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
