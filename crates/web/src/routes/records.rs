//! `/api/v1/<kind>` and `/api/v1/<kind>/{id}` for every kind of case record: list, create,
//! read, replace at a version, delete at a version. One macro writes the thin handlers so the
//! routes mirror the URLs and the OpenAPI document names each one.

use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::Value;
use tahawul_store::RecordKind;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;

use super::{record_json, version_read};
use crate::AppState;
use crate::access::{Access, RecordInput};
use crate::anystore::AnyStore;
use crate::error::{ApiError, ApiResult, FieldProblem, Json};

/// A record to create or replace.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RecordBody {
    /// The domain value (the same fields as in the case bundle, as JSON). Checked against the
    /// case before it is stored: unknown fields, dangling references, off-scale ratings, gates
    /// that do not check and predecessor cycles are refused (422, with the JSON pointer).
    /// Text limits: names, titles and other labels (`name`, `title`, `outlet`, `kind`, `says`,
    /// `theme`, `place`, `label`, `unit`) at most 200 characters per language, every other
    /// text at most 20000; no control characters but tab and line breaks (no ESC, no C1).
    #[schema(value_type = Object)]
    pub body: Value,
    /// Share beyond the owning delegation (heads and the secretariat).
    pub shared: Option<bool>,
    /// Release to coalition partners (the secretariat).
    pub releasable: Option<bool>,
    /// The version read, when `If-Match` is not sent (updates only).
    pub version: Option<i64>,
}

/// `?version=` for deletes without `If-Match`.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct VersionQuery {
    /// The version read.
    pub version: Option<i64>,
}

/// The id a body carries (`factor.id` for indicators).
fn body_id(kind: RecordKind, body: &Value) -> ApiResult<String> {
    let s = |k: &str| body.get(k).and_then(Value::as_str);
    let missing = |k: &'static str| {
        ApiError::Invalid(vec![FieldProblem::msg(
            format!("/body/{k}"),
            tahawul_i18n::Message::new("rules-id-missing").arg("field", k),
        )])
    };
    let id = s("id").ok_or_else(|| missing("id"))?;
    Ok(if kind == RecordKind::Indicator {
        format!("{}.{id}", s("factor").ok_or_else(|| missing("factor"))?)
    } else {
        id.to_string()
    })
}

fn with_etag(status: StatusCode, r: &tahawul_store::Record) -> Response {
    let mut res = (status, axum::Json(record_json(r))).into_response();
    if let Ok(v) = HeaderValue::from_str(&format!("\"{}\"", r.version)) {
        res.headers_mut().insert(header::ETAG, v);
    }
    res
}

/// Lists the records of a kind this user may see.
pub async fn list(kind: RecordKind, access: Access<AnyStore>) -> ApiResult<Response> {
    let rs = access.list(kind).await?;
    Ok(axum::Json(rs.iter().map(record_json).collect::<Vec<_>>()).into_response())
}

/// Creates a record.
pub async fn create(kind: RecordKind, access: Access<AnyStore>, b: RecordBody) -> ApiResult<Response> {
    let w = access.record_writer().ok_or(ApiError::Forbidden)?;
    let id = body_id(kind, &b.body)?;
    let r = w.create(kind, &id, RecordInput { body: b.body, shared: b.shared, releasable: b.releasable }).await?;
    Ok(with_etag(StatusCode::CREATED, &r))
}

/// Reads one record.
pub async fn get(kind: RecordKind, access: Access<AnyStore>, id: String) -> ApiResult<Response> {
    Ok(with_etag(StatusCode::OK, &access.get(kind, &id).await?))
}

/// Replaces a record at the version read.
pub async fn put(
    kind: RecordKind,
    access: Access<AnyStore>,
    id: String,
    headers: HeaderMap,
    b: RecordBody,
) -> ApiResult<Response> {
    let w = access.record_writer().ok_or(ApiError::Forbidden)?;
    let version = version_read(&headers, b.version)?;
    let r =
        w.update(kind, &id, version, RecordInput { body: b.body, shared: b.shared, releasable: b.releasable }).await?;
    Ok(with_etag(StatusCode::OK, &r))
}

/// Deletes a record at the version read.
pub async fn delete(
    kind: RecordKind,
    access: Access<AnyStore>,
    id: String,
    headers: HeaderMap,
    q: VersionQuery,
) -> ApiResult<Response> {
    let w = access.record_writer().ok_or(ApiError::Forbidden)?;
    let version = version_read(&headers, q.version)?;
    w.delete(kind, &id, version).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

macro_rules! record_routes {
    ($m:ident, $kind:expr, $tag:tt, $list:tt, $one:tt) => {
        #[doc = concat!("`", $list, "`")]
        pub mod $m {
            use super::*;
            use crate::error::{Path, Query};
            use crate::error::responses::{BadBody, P400, P404, P409, P422, P428, Reads, Writes};
            use crate::routes::RecordDoc;

            /// Lists the records this user may see.
            #[utoipa::path(get, path = $list, tag = $tag, responses((status = 200, body = [RecordDoc]), Reads))]
            pub async fn list_all(access: Access<AnyStore>) -> ApiResult<Response> {
                super::list($kind, access).await
            }

            /// Creates one (delegations create drafts of their own; the secretariat anything).
            #[utoipa::path(post, path = $list, tag = $tag, request_body = RecordBody, responses((status = 201, body = RecordDoc), Writes, BadBody, P409, P422))]
            pub async fn create_one(access: Access<AnyStore>, Json(b): Json<RecordBody>) -> ApiResult<Response> {
                super::create($kind, access, b).await
            }

            /// Reads one; hidden and missing records are both 404.
            #[utoipa::path(get, path = $one, tag = $tag, params(("id" = String, Path, description = "record id")), responses((status = 200, body = RecordDoc), Reads, P400, P404))]
            pub async fn get_one(access: Access<AnyStore>, Path(id): Path<String>) -> ApiResult<Response> {
                super::get($kind, access, id).await
            }

            /// Replaces one at the version read (`If-Match` or `version`); stale → 409.
            #[utoipa::path(put, path = $one, tag = $tag, params(("id" = String, Path, description = "record id"), ("If-Match" = Option<String>, Header, description = "the version read")), request_body = RecordBody, responses((status = 200, body = RecordDoc), Writes, BadBody, P404, P409, P422, P428))]
            pub async fn put_one(access: Access<AnyStore>, Path(id): Path<String>, headers: HeaderMap, Json(b): Json<RecordBody>) -> ApiResult<Response> {
                super::put($kind, access, id, headers, b).await
            }

            /// Deletes one at the version read; stale → 409.
            #[utoipa::path(delete, path = $one, tag = $tag, params(("id" = String, Path, description = "record id"), ("If-Match" = Option<String>, Header, description = "the version read"), VersionQuery), responses((status = 204, description = "deleted"), Writes, P400, P404, P409, P422, P428))]
            pub async fn delete_one(access: Access<AnyStore>, Path(id): Path<String>, headers: HeaderMap, Query(q): Query<VersionQuery>) -> ApiResult<Response> {
                super::delete($kind, access, id, headers, q).await
            }

            /// The routes of this kind.
            pub fn router() -> OpenApiRouter<AppState> {
                OpenApiRouter::new().routes(utoipa_axum::routes!(list_all, create_one)).routes(utoipa_axum::routes!(get_one, put_one, delete_one))
            }
        }
    };
}

record_routes!(parties, RecordKind::Party, "parties", "/api/v1/parties", "/api/v1/parties/{id}");
record_routes!(people, RecordKind::Person, "people", "/api/v1/people", "/api/v1/people/{id}");
record_routes!(areas, RecordKind::Area, "areas", "/api/v1/areas", "/api/v1/areas/{id}");
record_routes!(factors, RecordKind::Factor, "factors", "/api/v1/factors", "/api/v1/factors/{id}");
record_routes!(scales, RecordKind::Scale, "scales", "/api/v1/scales", "/api/v1/scales/{id}");
record_routes!(publishers, RecordKind::Publisher, "publishers", "/api/v1/publishers", "/api/v1/publishers/{id}");
record_routes!(methods, RecordKind::Method, "methods", "/api/v1/methods", "/api/v1/methods/{id}");
record_routes!(indicators, RecordKind::Indicator, "indicators", "/api/v1/indicators", "/api/v1/indicators/{id}");
record_routes!(assessments, RecordKind::Assessment, "assessments", "/api/v1/assessments", "/api/v1/assessments/{id}");
record_routes!(phases, RecordKind::Phase, "phases", "/api/v1/phases", "/api/v1/phases/{id}");
record_routes!(rounds, RecordKind::Round, "rounds", "/api/v1/rounds", "/api/v1/rounds/{id}");
record_routes!(commitments, RecordKind::Commitment, "commitments", "/api/v1/commitments", "/api/v1/commitments/{id}");
record_routes!(documents, RecordKind::Document, "documents", "/api/v1/documents", "/api/v1/documents/{id}");
record_routes!(scenarios, RecordKind::Scenario, "scenarios", "/api/v1/scenarios", "/api/v1/scenarios/{id}");

/// Every kind's routes.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .merge(parties::router())
        .merge(people::router())
        .merge(areas::router())
        .merge(factors::router())
        .merge(scales::router())
        .merge(publishers::router())
        .merge(methods::router())
        .merge(indicators::router())
        .merge(assessments::router())
        .merge(phases::router())
        .merge(rounds::router())
        .merge(commitments::router())
        .merge(documents::router())
        .merge(scenarios::router())
}
