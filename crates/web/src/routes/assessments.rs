//! The assessment workflow: `/api/v1/assessments/{id}/submit|endorse|return|history`.

use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use tahawul_domain::Text;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::{AnyList, RecordDoc, record_json, version_read};
use crate::AppState;
use crate::access::Access;
use crate::anystore::AnyStore;
use crate::error::responses::{BadBody, P400, P404, P409, P422, P428, Reads, Writes};
use crate::error::{ApiError, ApiResult, Json, Path};

/// A step on an assessment read at a version.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Step {
    /// The version read (or send `If-Match`).
    pub version: Option<i64>,
}

/// A return, with reasons in either language or both.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Return {
    /// The version read (or send `If-Match`).
    pub version: Option<i64>,
    /// Why, `{ "en": "…", "ar": "…" }`.
    #[schema(value_type = Object)]
    pub reasons: Text,
}

/// Submits a draft (or a returned assessment) to the delegation heads.
#[utoipa::path(post, path = "/api/v1/assessments/{id}/submit", tag = "assessments", params(("id" = String, Path)), request_body = Step, responses((status = 200, body = RecordDoc), Writes, BadBody, P404, P409, P422, P428))]
pub async fn submit(
    access: Access<AnyStore>,
    Path(id): Path<String>,
    headers: HeaderMap,
    Json(s): Json<Step>,
) -> ApiResult<Response> {
    let w = access.record_writer().ok_or(ApiError::Forbidden)?;
    let r = w.submit(&id, version_read(&headers, s.version)?).await?;
    Ok(axum::Json(record_json(&r)).into_response())
}

/// A delegation head endorses for their party.
#[utoipa::path(post, path = "/api/v1/assessments/{id}/endorse", tag = "assessments", params(("id" = String, Path)), request_body = Step, responses((status = 200, body = RecordDoc), Writes, BadBody, P404, P409, P422, P428))]
pub async fn endorse(
    access: Access<AnyStore>,
    Path(id): Path<String>,
    headers: HeaderMap,
    Json(s): Json<Step>,
) -> ApiResult<Response> {
    let e = access.endorser().ok_or(ApiError::Forbidden)?;
    let r = e.endorse(&id, version_read(&headers, s.version)?).await?;
    Ok(axum::Json(record_json(&r)).into_response())
}

/// A delegation head returns it with reasons.
#[utoipa::path(post, path = "/api/v1/assessments/{id}/return", tag = "assessments", params(("id" = String, Path)), request_body = Return, responses((status = 200, body = RecordDoc), Writes, BadBody, P404, P409, P422, P428))]
pub async fn return_it(
    access: Access<AnyStore>,
    Path(id): Path<String>,
    headers: HeaderMap,
    Json(s): Json<Return>,
) -> ApiResult<Response> {
    let e = access.endorser().ok_or(ApiError::Forbidden)?;
    let r = e.return_with(&id, version_read(&headers, s.version)?, s.reasons).await?;
    Ok(axum::Json(record_json(&r)).into_response())
}

/// Every step taken, oldest first, with who and when.
#[utoipa::path(get, path = "/api/v1/assessments/{id}/history", tag = "assessments", params(("id" = String, Path)), responses((status = 200, body = AnyList), Reads, P400, P404))]
pub async fn history(access: Access<AnyStore>, Path(id): Path<String>) -> ApiResult<Response> {
    Ok(axum::Json(access.history(&id).await?).into_response())
}

/// The workflow routes.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(submit))
        .routes(routes!(endorse))
        .routes(routes!(return_it))
        .routes(routes!(history))
}
