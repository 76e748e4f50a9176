//! What the commission reads off the record: the case summary, status roll-ups, gates and
//! forecasts. Each runs on [`Access::case`], the case as this user may see it.

use axum::response::{IntoResponse, Response};
use jiff::civil::Date;
use serde::Deserialize;
use serde_json::json;
use tahawul_domain::Month;
use tahawul_domain::forecast::{self, DEFAULT_SEED, Settings, WhatIf};
use tahawul_i18n::{Lang, Localizer};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::AnyDoc;
use crate::AppState;
use crate::access::Access;
use crate::anystore::AnyStore;
use crate::error::responses::{BadBody, P400, P403, P422, Reads};
use crate::error::{ApiError, ApiResult, FieldProblem, Json, Query};

/// `?as_of=YYYY-MM-DD`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct AsOf {
    /// Judge the figures known at this date (default today).
    pub as_of: Option<String>,
}

fn as_of_date(s: Option<&str>) -> ApiResult<Date> {
    match s {
        None => Ok(jiff::Zoned::now().date()),
        Some(s) => s.parse::<Date>().ok().filter(|_| s.len() == 10).ok_or_else(|| {
            ApiError::BadRequest(vec![FieldProblem::raw(
                "/query/as_of",
                format!("as_of must be a date YYYY-MM-DD, not {s:?}"),
            )])
        }),
    }
}

/// The case: its name, description, and how many records of each kind this user sees.
#[utoipa::path(get, path = "/api/v1/case", tag = "case", responses((status = 200, body = AnyDoc), Reads))]
pub async fn case(access: Access<AnyStore>) -> ApiResult<Response> {
    let c = access.case().await?;
    Ok(axum::Json(json!({
        "id": c.id, "name": c.name, "description": c.description,
        "counts": {
            "parties": c.parties.len(), "people": c.people.len(), "areas": c.areas.len(), "factors": c.factors.len(),
            "indicators": c.indicators.len(), "observations": c.observations.len(), "assessments": c.assessments.len(),
            "phases": c.phases.len(), "rounds": c.rounds.len(), "commitments": c.commitments.len(), "documents": c.documents.len(),
            "scenarios": c.scenarios.len(),
        }
    }))
    .into_response())
}

/// Every area × factor status with its reasons (as `tahawul status`).
#[utoipa::path(get, path = "/api/v1/status", tag = "status", params(AsOf), responses((status = 200, body = AnyDoc), Reads, P400))]
pub async fn status(access: Access<AnyStore>, Query(q): Query<AsOf>) -> ApiResult<Response> {
    let date = as_of_date(q.as_of.as_deref())?;
    let body = access.view().await?.derived("api-status", date, |c| {
        json_bytes(
            &json!({ "case": c.id, "as_of": date.to_string(), "cells": tahawul_domain::status::status(c, date) }),
        )
    });
    Ok(json_response(&body))
}

/// A JSON document kept as its bytes, so that readers of one snapshot share the encoding too.
fn json_bytes(v: &serde_json::Value) -> axum::body::Bytes {
    axum::body::Bytes::from(serde_json::to_vec(v).unwrap_or_default())
}

fn json_response(body: &axum::body::Bytes) -> Response {
    ([(axum::http::header::CONTENT_TYPE, "application/json")], body.clone()).into_response()
}

/// Each phase's gate, evaluated in each of its areas with one report per clause.
#[utoipa::path(get, path = "/api/v1/gates", tag = "gates", params(AsOf), responses((status = 200, body = AnyDoc), Reads, P400))]
pub async fn gates(access: Access<AnyStore>, Query(q): Query<AsOf>) -> ApiResult<Response> {
    let date = as_of_date(q.as_of.as_deref())?;
    let month = Month::of_date(date);
    let body = access.view().await?.derived("api-gates", date, |c| {
            let phases: Vec<_> = c
                .phases
                .iter()
                .map(|p| {
                    let areas: Vec<_> = p.areas.iter().map(|a| json!({ "area": a, "evaluation": p.gate.evaluate(c, a.as_str(), Some(month)) })).collect();
                    json!({ "phase": p.id, "name": p.name, "gate": p.gate.to_source(), "illustrative": p.illustrative, "areas": areas })
                })
                .collect();
            json_bytes(&json!({ "case": c.id, "as_of": date.to_string(), "phases": phases }))
        });
    Ok(json_response(&body))
}

/// A gate text to check.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct GateText {
    /// Gate-language text, e.g. `threat.attacks_per_month <= 15 for 6 months`.
    pub gate: String,
}

/// Checks gate text against the case: 200 with its canonical form and sentences, or 422
/// with each problem's byte span and a suggestion.
#[utoipa::path(post, path = "/api/v1/gates/check", tag = "gates", request_body = GateText, responses((status = 200, body = AnyDoc), Reads, P403, BadBody, P422))]
pub async fn check_gate(access: Access<AnyStore>, Json(g): Json<GateText>) -> ApiResult<Response> {
    let to_api = |es: Vec<tahawul_domain::gate::GateError>| {
        ApiError::Gate(es.into_iter().map(|e| (e.span, e.message, e.help)).collect())
    };
    let gate = tahawul_domain::gate::parse(&g.gate).map_err(to_api)?;
    let c = access.case().await?;
    let errors = gate.check(&c);
    if !errors.is_empty() {
        return Err(to_api(errors));
    }
    let sentence = |lang| Localizer::new(lang).map(|l| gate.sentence(&c, &l)).unwrap_or_default();
    Ok(axum::Json(json!({ "valid": true, "gate": gate.to_source(), "sentence": { "en": sentence(Lang::En), "ar": sentence(Lang::Ar) } })).into_response())
}

/// Forecast settings, kept small by default so a request answers while the user waits.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ForecastQuery {
    /// Simulated futures (default 500, at most the server's limit, 20,000 unless configured).
    #[param(minimum = 1, maximum = 4294967295.0)]
    pub paths: Option<u32>,
    /// Seed: the same seed gives the same forecast.
    #[param(minimum = 0)]
    pub seed: Option<i64>,
    /// Months simulated (default 60, at most 240).
    #[param(minimum = 1, maximum = 240)]
    pub horizon: Option<u32>,
    /// A scenario of the case, run beside the baseline.
    pub scenario: Option<String>,
    /// Figures known at this date (default today).
    pub as_of: Option<String>,
}

/// When each phase may start: P10/P50/P90, deadline odds, what holds it back.
#[utoipa::path(get, path = "/api/v1/forecast", tag = "forecast", params(ForecastQuery), responses((status = 200, body = AnyDoc), Reads, P400, P422))]
pub async fn run_forecast(
    axum::extract::State(state): axum::extract::State<AppState>,
    access: Access<AnyStore>,
    Query(q): Query<ForecastQuery>,
) -> ApiResult<Response> {
    let date = as_of_date(q.as_of.as_deref())?;
    let paths = q.paths.unwrap_or(500);
    let max = state.config.max_forecast_paths;
    if paths == 0 || paths > max {
        return Err(ApiError::Invalid(vec![FieldProblem::raw(
            "/query/paths",
            format!("paths must be between 1 and {max}"),
        )]));
    }
    let horizon = q.horizon.unwrap_or(60);
    if horizon == 0 || horizon > 240 {
        return Err(ApiError::Invalid(vec![FieldProblem::raw(
            "/query/horizon",
            "horizon must be between 1 and 240 months",
        )]));
    }
    let seed = match q.seed {
        Some(n) => super::observations::non_negative("seed", n)?,
        None => DEFAULT_SEED,
    };
    let c = access.case().await?;
    let settings = Settings { as_of: Month::of_date(date), horizon_months: horizon, paths, seed };
    let what_if = match &q.scenario {
        Some(id) => Some(
            WhatIf::from_scenario(&c, id)
                .map_err(|e| ApiError::Invalid(vec![FieldProblem::msg("/query/scenario", e.message())]))?,
        ),
        None => None,
    };
    // The engine is CPU-bound: keep it off the async workers.
    let report = tokio::task::spawn_blocking(move || forecast::forecast(&c, &settings, what_if.as_ref()))
        .await
        .map_err(|e| ApiError::Internal(e.to_string()))?
        .map_err(|e| ApiError::Invalid(vec![FieldProblem::msg("/query", e.message())]))?;
    Ok(axum::Json(report).into_response())
}

/// The analysis routes.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(case))
        .routes(routes!(status))
        .routes(routes!(gates))
        .routes(routes!(check_gate))
        .routes(routes!(run_forecast))
}
