//! `/rounds/{id}/statement`: a round's joint statement, Arabic and English side by side; every
//! kept version with who wrote it and which language it changed; two versions compared side by
//! side with removed and added words marked; forms to draft it and to edit one language.

use axum::extract::{Form, Path, Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use maud::{Markup, html};
use serde::Deserialize;
use tahawul_domain::Lang;
use tahawul_domain::record::{Piece, StatementVersion, compare};
use tahawul_i18n::Message;
use tahawul_i18n::Text;

use super::{CsrfOnly, Ctx, check_csrf, num, see, when};
use crate::AppState;
use crate::auth::AuthSession;

/// `?from=&to=` to compare two versions.
#[derive(Debug, Deserialize)]
pub struct CompareQuery {
    from: Option<u32>,
    to: Option<u32>,
}

/// At most this many comparisons run at once; the others wait their turn without holding a
/// thread, so comparisons cannot take every core from the other requests.
static COMPARISONS: std::sync::LazyLock<tokio::sync::Semaphore> = std::sync::LazyLock::new(|| {
    tokio::sync::Semaphore::new(std::thread::available_parallelism().map_or(1, |n| (n.get() / 2).max(1)))
});

/// Two texts compared in both languages (Arabic, English) on a blocking thread, never on
/// the async executor: each comparison is bounded (see `tahawul_domain::statement::compare`)
/// but may still take a few hundred milliseconds of CPU.
pub(crate) async fn compare_texts(a: &Text, b: &Text) -> (Vec<Piece>, Vec<Piece>) {
    let (a, b) = (a.clone(), b.clone());
    let _turn = COMPARISONS.acquire().await;
    let (fa, fb) = (a.clone(), b.clone());
    tokio::task::spawn_blocking(move || (compare(&a.ar, &b.ar), compare(&a.en, &b.en))).await.unwrap_or_else(|_| {
        // A panic in the comparison: show the versions whole rather than fail the page.
        let whole = |x: String, y: String| vec![Piece::Removed(x), Piece::Added(y)];
        (whole(fa.ar, fb.ar), whole(fa.en, fb.en))
    })
}

fn pieces(ps: &[Piece]) -> Markup {
    html! {
        @for p in ps {
            @match p {
                Piece::Same(t) => (t),
                Piece::Removed(t) => del { (t) },
                Piece::Added(t) => ins { (t) },
            }
        }
    }
}

fn lang_name(cx: &Ctx, l: Lang) -> String {
    cx.loc.tr(match l {
        Lang::Ar => "pages-record-lang-ar",
        Lang::En => "pages-record-lang-en",
    })
}

fn version_line(cx: &Ctx, v: &StatementVersion) -> String {
    let changed = match v.changed {
        None => cx.loc.tr("pages-record-statement-first"),
        Some(l) => cx.loc.format(&Message::new("pages-record-statement-changed").arg("lang", lang_name(cx, l))),
    };
    cx.loc.format(
        &Message::new("pages-record-statement-version")
            .arg("number", num(&cx.loc, v.number))
            .arg("author", v.author.as_str())
            .arg("party", v.party.clone().unwrap_or_else(|| "—".into()))
            .arg("at", when(&cx.loc, v.at.strftime("%Y-%m-%d %H:%M")))
            .arg("changed", changed),
    )
}

/// `GET /rounds/{id}/statement`.
pub async fn page(
    State(state): State<AppState>,
    session: AuthSession,
    headers: HeaderMap,
    Path(id): Path<String>,
    Query(q): Query<CompareQuery>,
) -> Response {
    let here = format!("/rounds/{id}/statement");
    let cx = match Ctx::new(&session, &state, &headers, &here).await {
        Ok(c) => c,
        Err(r) => return r,
    };
    let loc = &cx.loc;
    let versions = match cx.access.statement_versions(&id).await {
        Ok(v) => v,
        Err(e) => return cx.error(e, "/rounds"),
    };
    let can_write = cx.access.statement_writer().is_some();
    let latest = versions.last();
    let find = |n: Option<u32>| n.and_then(|n| versions.iter().find(|v| v.number == n));
    let compared = match (find(q.from), find(q.to)) {
        (Some(a), Some(b)) => Some((a, b)),
        _ => None,
    };
    let compared = match compared {
        Some((a, b)) => Some((a, b, compare_texts(&a.text, &b.text).await)),
        None => None,
    };
    let title = loc.format(&Message::new("pages-record-statement-title").arg("round", id.as_str()));
    let main = html! {
        h1 id="statement-title" { (title) }
        p {
            a href={ "/rounds/" (id) } { (loc.tr("pages-record-back-to-round")) }
            " · "
            a id="statement-pdf" href={ "/rounds/" (id) "/statement.pdf" } type="application/pdf" download { (loc.tr("documents-link-statement")) }
        }
        @match latest {
            None => {
                p { (loc.tr("pages-record-statement-none")) }
                @if can_write {
                    form method="post" action=(here) {
                        input type="hidden" name="csrf" value=(cx.csrf);
                        button type="submit" id="statement-draft" { (loc.tr("pages-record-statement-draft")) }
                    }
                }
            }
            Some(v) => {
                p id="statement-current" { (version_line(&cx, v)) }
                div class="side-by-side" {
                    section lang="ar" dir="rtl" aria-labelledby="st-ar" {
                        h2 id="st-ar" { (lang_name(&cx, Lang::Ar)) }
                        pre class="statement" { (v.text.ar) }
                    }
                    section lang="en" dir="ltr" aria-labelledby="st-en" {
                        h2 id="st-en" { (lang_name(&cx, Lang::En)) }
                        pre class="statement" { (v.text.en) }
                    }
                }
                @if can_write {
                    h2 { (loc.tr("pages-record-statement-edit")) }
                    p { (loc.tr("pages-record-statement-edit-explain")) }
                    div class="side-by-side" {
                        @for (l, text) in [(Lang::Ar, &v.text.ar), (Lang::En, &v.text.en)] {
                            form method="post" action={ (here) "/edit" } class="stack wide" lang=(l.code()) dir=(l.dir()) {
                                input type="hidden" name="csrf" value=(cx.csrf);
                                input type="hidden" name="lang" value=(l.code());
                                input type="hidden" name="based_on" value=(v.number);
                                label for={ "edit-" (l.code()) } { (lang_name(&cx, l)) }
                                textarea id={ "edit-" (l.code()) } name="text" rows="16" { (text) }
                                button type="submit" { (loc.format(&Message::new("pages-record-statement-save").arg("lang", lang_name(&cx, l)))) }
                            }
                        }
                    }
                }
            }
        }
        @if !versions.is_empty() {
            h2 { (loc.tr("pages-record-statement-versions")) }
            ol id="statement-versions" { @for v in &versions { li { (version_line(&cx, v)) } } }
            @if versions.len() > 1 {
                form method="get" action=(here) class="inline" {
                    label for="from" { (loc.tr("pages-record-compare-from")) } " "
                    select id="from" name="from" { @for v in &versions { option value=(v.number) selected[Some(v.number) == q.from.or(Some(versions.len() as u32 - 1))] { (num(loc, v.number)) } } }
                    " "
                    label for="to" { (loc.tr("pages-record-compare-to")) } " "
                    select id="to" name="to" { @for v in &versions { option value=(v.number) selected[Some(v.number) == q.to.or(Some(versions.len() as u32))] { (num(loc, v.number)) } } }
                    " "
                    button type="submit" { (loc.tr("pages-record-compare")) }
                }
            }
        }
        @if let Some((a, b, (ar, en))) = &compared {
            h2 id="compare-h" { (loc.format(&Message::new("pages-record-compare-title").arg("from", num(loc, a.number)).arg("to", num(loc, b.number)))) }
            p { (loc.tr("pages-record-compare-legend")) }
            div class="side-by-side" id="compare" {
                section lang="ar" dir="rtl" { h3 { (lang_name(&cx, Lang::Ar)) } pre class="statement" { (pieces(ar)) } }
                section lang="en" dir="ltr" { h3 { (lang_name(&cx, Lang::En)) } pre class="statement" { (pieces(en)) } }
            }
        }
    };
    cx.page(&title, &here, main)
}

/// `POST /rounds/{id}/statement`: draft version 1.
pub async fn draft(
    State(state): State<AppState>,
    session: AuthSession,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(f): Form<CsrfOnly>,
) -> Response {
    let here = format!("/rounds/{id}/statement");
    let cx = match Ctx::new(&session, &state, &headers, &here).await {
        Ok(c) => c,
        Err(r) => return r,
    };
    if let Some(r) = check_csrf(&session, &headers, &f.csrf).await {
        return r;
    }
    let Some(w) = cx.access.statement_writer() else {
        return cx.error(crate::ApiError::Forbidden, &here);
    };
    match w.draft(&id).await {
        Ok(_) => see(&here),
        Err(e) => cx.error(e, &here),
    }
}

/// An edit of one language.
#[derive(Debug, Deserialize)]
pub struct EditForm {
    csrf: String,
    lang: String,
    text: String,
    based_on: u32,
}

/// `POST /rounds/{id}/statement/edit`: a new version.
pub async fn edit(
    State(state): State<AppState>,
    session: AuthSession,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(f): Form<EditForm>,
) -> Response {
    let here = format!("/rounds/{id}/statement");
    let cx = match Ctx::new(&session, &state, &headers, &here).await {
        Ok(c) => c,
        Err(r) => return r,
    };
    if let Some(r) = check_csrf(&session, &headers, &f.csrf).await {
        return r;
    }
    let Some(w) = cx.access.statement_writer() else {
        return cx.error(crate::ApiError::Forbidden, &here);
    };
    let Ok(lang) = f.lang.parse::<Lang>() else {
        return cx.error(
            crate::ApiError::Invalid(vec![crate::error::FieldProblem::msg(
                "/lang",
                Message::new("record-api-lang").arg("lang", f.lang.as_str()),
            )]),
            &here,
        );
    };
    // Browsers send CR LF in a textarea; the statement keeps LF like the drafts.
    let text = f.text.replace("\r\n", "\n");
    match w.edit(&id, lang, &text, f.based_on).await {
        Ok(v) => see(&format!("{here}?from={}&to={}", v.number - 1, v.number)),
        Err(e) => cx.error(e, &here),
    }
}
