//! `POST /api/v1/intake`: a statement's text in, what it proposes for the record out (issue
//! 16). Nothing is written: the report only proposes. Read against the case as this user may
//! see it, so a proposal never reveals a record the user cannot read.

use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::Value;
use tahawul_domain::Lang;
use tahawul_domain::user::Role;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::AnyDoc;
use crate::AppState;
use crate::access::Access;
use crate::anystore::AnyStore;
use crate::error::responses::{BadBody, P403, P422, Reads};
use crate::error::{ApiError, ApiResult, FieldProblem, Json};

/// A text to read.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct IntakeBody {
    /// The statement or report, as plain text (at most 1 MiB).
    pub text: String,
    /// Its language, `ar` or `en` (detected when absent).
    pub lang: Option<String>,
}

/// At most this many texts are read at once; the others wait without holding a thread.
static READINGS: std::sync::LazyLock<tokio::sync::Semaphore> = std::sync::LazyLock::new(|| {
    tokio::sync::Semaphore::new(std::thread::available_parallelism().map_or(1, |n| (n.get() / 2).max(1)))
});

/// Who may read a text into proposals: the people who draft the record (the secretariat, the
/// delegations' heads and members). Coalition partners, working groups and auditors do not
/// draft rounds or commitments.
fn may_intake(role: Role) -> bool {
    matches!(role, Role::Secretariat | Role::DelegationHead | Role::DelegationMember)
}

/// Reads a statement (Arabic or English) against the record and proposes its round, people,
/// decisions and commitments, each with its character span, the record ids it restates and
/// how it differs; flags known mistranslations, unknown offices and impossible dates. Writes
/// nothing. 403 for coalition partners, working groups and auditors; 413 over 1 MiB; 422 for
/// an empty text or an unknown language.
#[utoipa::path(post, path = "/api/v1/intake", tag = "record", request_body = IntakeBody, responses((status = 200, body = AnyDoc), Reads, P403, BadBody, P422))]
pub async fn intake(access: Access<AnyStore>, Json(b): Json<IntakeBody>) -> ApiResult<Response> {
    if !may_intake(access.user().role) {
        return Err(ApiError::Forbidden);
    }
    let report = read(&access, b.text, b.lang.as_deref()).await?;
    Ok(axum::Json(report).into_response())
}

/// Reads `text` against the case as `access`'s user sees it: the report as JSON (its
/// `document.language` says the language read). Bad input is a 4xx naming `/text` or `/lang`.
pub(crate) async fn read(access: &Access<AnyStore>, text: String, lang: Option<&str>) -> ApiResult<Value> {
    if text.len() > tahawul_intake::MAX_TEXT_BYTES {
        return Err(ApiError::TooLarge);
    }
    let lang = match lang {
        None => None,
        Some(s) => Some(s.parse::<Lang>().ok().filter(|_| s == "ar" || s == "en").ok_or_else(|| {
            ApiError::Invalid(vec![FieldProblem::raw("/lang", format!("lang must be \"ar\" or \"en\", not {s:?}"))])
        })?),
    };
    let case = access.case().await?;
    let _turn = READINGS.acquire().await.map_err(|e| ApiError::Internal(e.to_string()))?;
    // Reading is CPU-bound (bounded by the text's size): keep it off the async workers.
    let report = tokio::task::spawn_blocking(move || tahawul_intake::read(&text, lang, &case))
        .await
        .map_err(|e| ApiError::Internal(e.to_string()))?
        .map_err(|e| match e {
            tahawul_intake::IntakeError::TooLarge { .. } => ApiError::TooLarge,
            e => ApiError::Invalid(vec![FieldProblem::msg("/text", e.message())]),
        })?;
    serde_json::to_value(&report).map_err(|e| ApiError::Internal(e.to_string()))
}

/// The intake routes: reading (`/intake`) and review (`/intakes`).
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(intake))
        .routes(routes!(review::submit, review::list))
        .routes(routes!(review::get_one))
        .routes(routes!(review::accept))
        .routes(routes!(review::reject))
}

pub mod review;
