//! `/api/v1/observations`: list with filters; batches as JSON or CSV text, all or nothing.

use axum::body::Bytes;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use tahawul_domain::Observation;
use tahawul_store::ObservationFilter;
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::{AnyDoc, AnyList};
use crate::AppState;
use crate::access::Access;
use crate::anystore::AnyStore;
use crate::error::responses::{BadBody, P400, P422, Reads, Writes};
use crate::error::{ApiError, ApiResult, FieldProblem, Query};

/// Filters for the list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct Filter {
    /// Only this factor.
    pub factor: Option<String>,
    /// Only this indicator (within the factor).
    pub indicator: Option<String>,
    /// Only this area.
    pub area: Option<String>,
    /// At most this many, from the start (default all).
    #[param(minimum = 0)]
    pub limit: Option<i64>,
}

/// A batch of observations.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Batch {
    /// The observations (fields as in the bundle's CSV: factor, indicator, area, period, value, publisher, method, as_of, confidence, illustrative, document).
    #[schema(value_type = Vec<Object>)]
    pub observations: Vec<Observation>,
}

/// Lists observations of indicators this user may see.
#[utoipa::path(get, path = "/api/v1/observations", tag = "observations", params(Filter), responses((status = 200, body = AnyList, description = "the observations, as in the bundle"), Reads, P400))]
pub async fn list(access: Access<AnyStore>, Query(f): Query<Filter>) -> ApiResult<Response> {
    let limit = f.limit.map(|n| non_negative("limit", n)).transpose()?;
    let filter = ObservationFilter { factor: f.factor, indicator: f.indicator, area: f.area, limit };
    Ok(axum::Json(access.observations(&filter).await?).into_response())
}

/// Inserts a batch, all or nothing; every bad row is reported with its pointer.
#[utoipa::path(post, path = "/api/v1/observations", tag = "observations", request_body = Batch, responses((status = 201, body = AnyDoc), Writes, BadBody, P422))]
pub async fn insert(access: Access<AnyStore>, headers: HeaderMap, body: Bytes) -> ApiResult<Response> {
    let w = access.observation_writer().ok_or(ApiError::Forbidden)?;
    require_type(&headers, "application/json")?;
    let batch: Batch = crate::error::parse_json(&body)?;
    let summary = w.insert(&batch.observations).await?;
    Ok((StatusCode::CREATED, axum::Json(summary)).into_response())
}

/// Imports CSV text (the bundle's observation format), all or nothing; the problem document
/// lists every bad row with its line.
#[utoipa::path(post, path = "/api/v1/observations/csv", tag = "observations", request_body(content = String, content_type = "text/csv"), responses((status = 201, body = AnyDoc), Writes, BadBody, P422))]
pub async fn import_csv(access: Access<AnyStore>, headers: HeaderMap, body: Bytes) -> ApiResult<Response> {
    let w = access.observation_writer().ok_or(ApiError::Forbidden)?;
    require_type(&headers, "text/csv")?;
    let text = std::str::from_utf8(&body)
        .map_err(|e| ApiError::BadRequest(vec![FieldProblem::raw("", format!("the CSV is not UTF-8: {e}"))]))?;
    let summary = w.import_csv("request.csv", text).await?;
    Ok((StatusCode::CREATED, axum::Json(summary)).into_response())
}

/// A query number that must not be negative, or 400 (numbers are `i64` in the document and
/// here, so the document's range and the accepted one are the same).
pub fn non_negative(field: &str, n: i64) -> ApiResult<u64> {
    u64::try_from(n).map_err(|_| {
        ApiError::BadRequest(vec![FieldProblem::raw(format!("/query/{field}"), format!("{field} must be 0 or more"))])
    })
}

/// Refuses a body of the wrong media type.
pub fn require_type(headers: &HeaderMap, want: &'static str) -> ApiResult<()> {
    let got = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(|v| v.trim().to_ascii_lowercase());
    if got.as_deref() == Some(want) { Ok(()) } else { Err(ApiError::UnsupportedMediaType(want)) }
}

/// The observation routes.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list, insert)).routes(routes!(import_csv))
}
