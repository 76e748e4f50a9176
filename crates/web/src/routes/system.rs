//! `/health` and `/api/openapi.json`, which need no sign-in.

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use serde_json::json;
use tahawul_store::{RecordKind, prelude::*};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::AnyDoc;
use crate::AppState;
use crate::error::responses::P503;
use crate::error::{ApiError, ApiResult};

/// Up, with the database answering.
#[utoipa::path(get, path = "/health", tag = "system", responses((status = 200, body = AnyDoc), P503))]
pub async fn health(State(state): State<AppState>) -> ApiResult<Response> {
    state.store.list_records(RecordKind::Case).await?;
    Ok(axum::Json(json!({ "status": "ok" })).into_response())
}

/// This API's OpenAPI 3.1 document, generated from the code.
#[utoipa::path(get, path = "/api/openapi.json", tag = "system", responses((status = 200, body = AnyDoc)))]
pub async fn openapi(State(state): State<AppState>) -> ApiResult<Response> {
    let doc = state.openapi.get().ok_or_else(|| ApiError::Internal("OpenAPI document not built".into()))?;
    Ok(axum::Json(doc.clone()).into_response())
}

/// The system routes.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(health)).routes(routes!(openapi))
}
