//! `/consultations` and `/consultations/{id}`: draft recommendations released to coalition
//! partners. The secretariat drafts, edits and releases (a released version is frozen; a later
//! edit makes a new version); partners comment, concur or dissent with reasons on released
//! versions — the only versions they ever see; the commission reads the summary.

use axum::extract::{Form, Path, RawQuery, State};
use axum::http::HeaderMap;
use axum::response::Response;
use maud::html;
use serde::Deserialize;
use tahawul_domain::consultation::{Consultation, Position};
use tahawul_domain::{Id, Text};
use tahawul_i18n::Message;

use super::{CsrfOnly, Ctx, check_csrf, num, see, when};
use crate::AppState;
use crate::auth::AuthSession;
use crate::pages::table::{Cell, Column, Key, Row, Shown, Table, TableQuery};

fn position_name(cx: &Ctx, p: Position) -> String {
    cx.loc.tr(match p {
        Position::Comment => "pages-record-position-comment",
        Position::Concur => "pages-record-position-concur",
        Position::Dissent => "pages-record-position-dissent",
    })
}

/// `GET /consultations`.
pub async fn list(
    State(state): State<AppState>,
    session: AuthSession,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> Response {
    let q = TableQuery::parse(raw.as_deref());
    let cx = match Ctx::new(&session, &state, &headers, &q.link("/consultations", &[])).await {
        Ok(c) => c,
        Err(r) => return r,
    };
    let loc = &cx.loc;
    let all = match cx.access.consultations().await {
        Ok(a) => a,
        Err(e) => return cx.error(e, "/dashboard"),
    };
    let title = loc.tr("pages-record-consultations-title");
    let count = |n: usize| Cell::new(Key::Int(n as i64), n.to_string(), html! { (num(loc, n)) });
    let mut table = Table::new(
        "consultations",
        title.clone(),
        vec![
            Column::new("title", loc.tr("pages-record-col-consultation")).row_header(),
            Column::new("versions", loc.tr("pages-record-col-versions")).desc_first(),
            Column::new("released", loc.tr("pages-record-col-released")).desc_first(),
            Column::new("responses", loc.tr("pages-record-col-responses")).desc_first(),
        ],
    );
    table.rows = all
        .iter()
        .map(|c| {
            let released = c.versions.iter().filter(|(v, _)| v.released.is_some()).count();
            let name = c.consultation.title.get(loc.lang());
            Row::new(vec![
                Cell::new(Key::text(name), name, html! { a href={ "/consultations/" (c.consultation.id) } { (name) } }),
                count(c.versions.len()),
                count(released),
                count(c.responses.len()),
            ])
        })
        .collect();
    let list = match table.show(&q, loc, "/consultations") {
        Shown::Csv(r) => return r,
        Shown::Page(m) => m,
    };
    let main = html! {
        h1 id="consultations-title" { (title) }
        @if all.is_empty() { p { (loc.tr("pages-record-consultations-none")) } } @else { (list) }
        @if cx.access.consultation_admin().is_some() {
            h2 { (loc.tr("pages-record-consultation-new")) }
            form method="post" action="/consultations" class="stack wide" {
                input type="hidden" name="csrf" value=(cx.csrf);
                label for="c-id" { (loc.tr("pages-record-consultation-id")) }
                input id="c-id" name="id" required dir="ltr" pattern="[a-z0-9_-]+";
                label for="c-title-en" { (loc.tr("pages-record-title-en")) }
                input id="c-title-en" name="title_en" required lang="en" dir="ltr";
                label for="c-title-ar" { (loc.tr("pages-record-title-ar")) }
                input id="c-title-ar" name="title_ar" required lang="ar" dir="rtl";
                label for="c-text-en" { (loc.tr("pages-record-text-en")) }
                textarea id="c-text-en" name="text_en" rows="6" required lang="en" dir="ltr" {}
                label for="c-text-ar" { (loc.tr("pages-record-text-ar")) }
                textarea id="c-text-ar" name="text_ar" rows="6" required lang="ar" dir="rtl" {}
                button type="submit" { (loc.tr("pages-record-consultation-create")) }
            }
        }
    };
    cx.page(&title, "/consultations", main)
}

/// `GET /consultations/{id}`.
pub async fn page(
    State(state): State<AppState>,
    session: AuthSession,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    let here = format!("/consultations/{id}");
    let cx = match Ctx::new(&session, &state, &headers, &here).await {
        Ok(c) => c,
        Err(r) => return r,
    };
    let loc = &cx.loc;
    let v = match cx.access.consultation(&id).await {
        Ok(v) => v,
        Err(e) => return cx.error(e, "/consultations"),
    };
    let admin = cx.access.consultation_admin().is_some();
    let partner = cx.access.consultation_responder().is_some();
    let latest = v.versions.last().map(|(x, _)| x);
    let newest_released = v.versions.iter().rev().find(|(x, _)| x.released.is_some()).map(|(x, _)| x);
    let title = v.consultation.title.get(loc.lang()).to_string();
    let main = html! {
        h1 id="consultation-title" { (title) }
        @if let Some(s) = &v.summary {
            section id="summary" aria-labelledby="summary-h" {
                h2 id="summary-h" { (loc.format(&Message::new("pages-record-summary-title").arg("version", num(loc, s.version)))) }
                p { (loc.format(&Message::new("pages-record-summary-counts").arg("concur", s.concur.len()).arg("dissent", s.dissent.len()).arg("comments", s.comments))) }
                @if !s.concur.is_empty() { p { (loc.tr("pages-record-summary-concur")) " " (s.concur.join(&loc.tr("pages-record-list-sep"))) } }
                @if !s.dissent.is_empty() {
                    p { (loc.tr("pages-record-summary-dissent")) }
                    ul { @for (who, why) in &s.dissent { li { strong { (who) } ": " q { (why) } } } }
                }
            }
        }
        @for (x, _) in v.versions.iter().rev() {
            section class="version" id={ "v" (x.number) } aria-labelledby={ "v" (x.number) "-h" } {
                h2 id={ "v" (x.number) "-h" } {
                    (loc.format(&Message::new("pages-record-version").arg("number", num(loc, x.number))))
                    " · "
                    @match &x.released {
                        Some(r) => span class="met" { (loc.format(&Message::new("pages-record-released").arg("at", when(loc, r.at.strftime("%Y-%m-%d"))).arg("by", r.by.as_str()))) },
                        None => span class="no-data" { (loc.tr("pages-record-draft")) },
                    }
                }
                div class="side-by-side" {
                    p lang="ar" dir="rtl" { (x.text.ar) }
                    p lang="en" dir="ltr" { (x.text.en) }
                }
                @let answers: Vec<_> = v.responses.iter().filter(|r| r.version == x.number).collect();
                @if !answers.is_empty() {
                    h3 { (loc.tr("pages-record-responses")) }
                    ul class="responses" {
                        @for r in answers {
                            li data-position=(r.position.as_str()) { strong { (r.party.clone().unwrap_or_else(|| r.author.clone())) } " · " (position_name(&cx, r.position)) " · " (when(loc, r.at.strftime("%Y-%m-%d"))) @if !r.reason.is_empty() { ": " q { (r.reason) } } }
                        }
                    }
                }
            }
        }
        @if partner {
            @if let Some(x) = newest_released {
                h2 { (loc.format(&Message::new("pages-record-respond-title").arg("version", num(loc, x.number)))) }
                form method="post" action={ (here) "/respond" } class="stack wide" id="respond" {
                    input type="hidden" name="csrf" value=(cx.csrf);
                    input type="hidden" name="version" value=(x.number);
                    fieldset {
                        legend { (loc.tr("pages-record-position")) }
                        @for p in Position::ALL {
                            label { input type="radio" name="position" value=(p.as_str()) required; " " (position_name(&cx, p)) } " "
                        }
                    }
                    label for="reason" { (loc.tr("pages-record-reason")) }
                    textarea id="reason" name="reason" rows="5" {}
                    button type="submit" id="respond-submit" { (loc.tr("pages-record-respond")) }
                }
            }
        }
        @if admin {
            @if let Some(x) = latest {
                h2 { (loc.tr("pages-record-edit-draft")) }
                @if x.released.is_some() { p { (loc.tr("pages-record-edit-makes-version")) } }
                form method="post" action={ (here) "/draft" } class="stack wide" {
                    input type="hidden" name="csrf" value=(cx.csrf);
                    label for="d-en" { (loc.tr("pages-record-text-en")) }
                    textarea id="d-en" name="text_en" rows="6" required lang="en" dir="ltr" { (x.text.en) }
                    label for="d-ar" { (loc.tr("pages-record-text-ar")) }
                    textarea id="d-ar" name="text_ar" rows="6" required lang="ar" dir="rtl" { (x.text.ar) }
                    button type="submit" { (loc.tr("pages-record-save-draft")) }
                }
                @if x.released.is_none() {
                    form method="post" action={ (here) "/release" } {
                        input type="hidden" name="csrf" value=(cx.csrf);
                        button type="submit" id="release" { (loc.format(&Message::new("pages-record-release").arg("number", num(loc, x.number)))) }
                    }
                }
            }
        }
    };
    cx.page(&title, &here, main)
}

/// A new consultation.
#[derive(Debug, Deserialize)]
pub struct NewForm {
    csrf: String,
    id: String,
    title_en: String,
    title_ar: String,
    text_en: String,
    text_ar: String,
}

fn bad_id(id: &str) -> crate::ApiError {
    crate::ApiError::Invalid(vec![crate::error::FieldProblem::msg(
        "/id",
        Message::new("record-api-bad-id").arg("id", id),
    )])
}

/// `POST /consultations`.
pub async fn create(
    State(state): State<AppState>,
    session: AuthSession,
    headers: HeaderMap,
    Form(f): Form<NewForm>,
) -> Response {
    let cx = match Ctx::new(&session, &state, &headers, "/consultations").await {
        Ok(c) => c,
        Err(r) => return r,
    };
    if let Some(r) = check_csrf(&session, &headers, &f.csrf).await {
        return r;
    }
    let Some(a) = cx.access.consultation_admin() else {
        return cx.error(crate::ApiError::Forbidden, "/consultations");
    };
    let Some(id) = Id::parse(f.id.trim()) else {
        return cx.error(bad_id(&f.id), "/consultations");
    };
    let c = Consultation { id: id.clone(), title: Text::new(f.title_en, f.title_ar), subjects: vec![] };
    match a.create(c, Text::new(f.text_en, f.text_ar)).await {
        Ok(_) => see(&format!("/consultations/{id}")),
        Err(e) => cx.error(e, "/consultations"),
    }
}

/// The draft's text.
#[derive(Debug, Deserialize)]
pub struct DraftForm {
    csrf: String,
    text_en: String,
    text_ar: String,
}

/// `POST /consultations/{id}/draft`.
pub async fn edit(
    State(state): State<AppState>,
    session: AuthSession,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(f): Form<DraftForm>,
) -> Response {
    let here = format!("/consultations/{id}");
    let cx = match Ctx::new(&session, &state, &headers, &here).await {
        Ok(c) => c,
        Err(r) => return r,
    };
    if let Some(r) = check_csrf(&session, &headers, &f.csrf).await {
        return r;
    }
    let Some(a) = cx.access.consultation_admin() else {
        return cx.error(crate::ApiError::Forbidden, &here);
    };
    match a.edit(&id, Text::new(f.text_en, f.text_ar)).await {
        Ok(_) => see(&here),
        Err(e) => cx.error(e, &here),
    }
}

/// `POST /consultations/{id}/release`.
pub async fn release(
    State(state): State<AppState>,
    session: AuthSession,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(f): Form<CsrfOnly>,
) -> Response {
    let here = format!("/consultations/{id}");
    let cx = match Ctx::new(&session, &state, &headers, &here).await {
        Ok(c) => c,
        Err(r) => return r,
    };
    if let Some(r) = check_csrf(&session, &headers, &f.csrf).await {
        return r;
    }
    let Some(a) = cx.access.consultation_admin() else {
        return cx.error(crate::ApiError::Forbidden, &here);
    };
    match a.release(&id).await {
        Ok(_) => see(&here),
        Err(e) => cx.error(e, &here),
    }
}

/// A partner's answer.
#[derive(Debug, Deserialize)]
pub struct RespondForm {
    csrf: String,
    version: u32,
    #[serde(default)]
    position: String,
    #[serde(default)]
    reason: String,
}

/// `POST /consultations/{id}/respond`.
pub async fn respond(
    State(state): State<AppState>,
    session: AuthSession,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(f): Form<RespondForm>,
) -> Response {
    let here = format!("/consultations/{id}");
    let cx = match Ctx::new(&session, &state, &headers, &here).await {
        Ok(c) => c,
        Err(r) => return r,
    };
    if let Some(r) = check_csrf(&session, &headers, &f.csrf).await {
        return r;
    }
    let Some(w) = cx.access.consultation_responder() else {
        return cx.error(crate::ApiError::Forbidden, &here);
    };
    let Some(p) = Position::parse(&f.position) else {
        return cx.error(
            crate::ApiError::Invalid(vec![crate::error::FieldProblem::msg(
                "/position",
                Message::new("record-api-position").arg("position", f.position.as_str()),
            )]),
            &here,
        );
    };
    match w.respond(&id, f.version, p, &f.reason).await {
        Ok(_) => see(&here),
        Err(e) => cx.error(e, &here),
    }
}
