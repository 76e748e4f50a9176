//! The record's PDF documents (crates/documents), each under the same access as its page: the
//! minutes of a round (`GET /rounds/{id}/minutes.pdf`, 404 wherever the minutes section of
//! the round's page says they are hidden), the joint statement of a round and the commitment
//! ledger, both drafted from the record as the reader sees it.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use tahawul_i18n::Lang;
use tahawul_store::RecordKind;

use super::{Ctx, internal};
use crate::AppState;
use crate::auth::AuthSession;

/// A PDF as a download named `name`; the name is made of record ids (letters, digits and
/// dashes) and the language, so it needs no quoting beyond the quotes.
fn pdf(bytes: Vec<u8>, name: String) -> Response {
    (
        [
            (header::CONTENT_TYPE, "application/pdf".to_string()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}\"")),
            (header::CACHE_CONTROL, "no-store".to_string()),
        ],
        bytes,
    )
        .into_response()
}

/// Lays out off the async workers: a long document takes tens of milliseconds.
async fn render(
    f: impl FnOnce() -> Result<Vec<u8>, tahawul_documents::Error> + Send + 'static,
) -> Result<Vec<u8>, Response> {
    match tokio::task::spawn_blocking(f).await {
        Ok(Ok(bytes)) => Ok(bytes),
        Ok(Err(e)) => Err(internal(e)),
        Err(e) => Err(internal(e)),
    }
}

fn code(lang: Lang) -> &'static str {
    lang.code()
}

/// `GET /rounds/{id}/minutes.pdf`.
pub async fn minutes(
    State(state): State<AppState>,
    session: AuthSession,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    let here = format!("/rounds/{id}/minutes.pdf");
    let cx = match Ctx::new(&session, &state, &headers, &here).await {
        Ok(c) => c,
        Err(r) => return r,
    };
    let view = match cx.access.minutes(&id).await {
        Ok(v) => v,
        Err(e) => return cx.error(e, "/rounds"),
    };
    let lang = cx.loc.lang();
    let name = format!("{}-minutes-{}.pdf", view.round.id, code(lang));
    match render(move || tahawul_documents::minutes(&view.case, &view.round, lang)).await {
        Ok(bytes) => pdf(bytes, name),
        Err(r) => r,
    }
}

/// `GET /rounds/{id}/statement.pdf`.
pub async fn statement(
    State(state): State<AppState>,
    session: AuthSession,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    let here = format!("/rounds/{id}/statement.pdf");
    let cx = match Ctx::new(&session, &state, &headers, &here).await {
        Ok(c) => c,
        Err(r) => return r,
    };
    if let Err(e) = cx.access.get(RecordKind::Round, &id).await {
        return cx.error(e, "/rounds");
    }
    let case = match cx.access.case().await {
        Ok(c) => c,
        Err(e) => return cx.error(e, "/rounds"),
    };
    if case.round(&id).is_none() {
        return cx.error(crate::ApiError::NotFound(id), "/rounds");
    }
    let lang = cx.loc.lang();
    let name = format!("{id}-statement-{}.pdf", code(lang));
    match render(move || {
        let round = case.round(&id).ok_or_else(|| tahawul_documents::Error::Pdf(format!("round {id}")))?;
        tahawul_documents::statement(&case, round, lang)
    })
    .await
    {
        Ok(bytes) => pdf(bytes, name),
        Err(r) => r,
    }
}

/// `GET /commitments.pdf`.
pub async fn commitments(State(state): State<AppState>, session: AuthSession, headers: HeaderMap) -> Response {
    let cx = match Ctx::new(&session, &state, &headers, "/commitments.pdf").await {
        Ok(c) => c,
        Err(r) => return r,
    };
    let case = match cx.access.case().await {
        Ok(c) => c,
        Err(e) => return cx.error(e, "/commitments"),
    };
    let lang = cx.loc.lang();
    match render(move || tahawul_documents::commitments(&case, lang)).await {
        Ok(bytes) => pdf(bytes, format!("commitments-{}.pdf", code(lang))),
        Err(r) => r,
    }
}
