//! `/report`: the cycle report on one printable page — heatmap, what changed, timeline, gates,
//! commitments and each gate indicator's trend — with print rules for A4 (`analysis.css`).

use std::sync::Arc;

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use maud::html;
use tahawul_domain::forecast::indicator_fan;
use tahawul_domain::status::FactorReport;
use tahawul_domain::{Case, Dataset, Month};
use tahawul_i18n::Message;

use super::cache::Outcome;
use super::{baseline_settings, cache, frame};
use crate::AppState;
use crate::access::Access;
use crate::anystore::AnyStore;
use crate::auth::AuthSession;
use crate::pages::dashboard::{changes, commitments_table, date_text, gate_table, heatmap, status_on};
use crate::pages::svg::{self, Line};
use crate::pages::{csrf_token, internal, localizer, signed_in};

/// What the report shows, gathered once for the page and its PDF from the reader's view:
/// the case, the day, the shared baseline forecast, the statuses now and at the end of the
/// previous cycle, and the sources of imported figures.
struct Gathered {
    case: Arc<Case>,
    today: jiff::civil::Date,
    forecast: Outcome,
    sources: Vec<(Dataset, String)>,
    cells: Arc<Vec<FactorReport>>,
    before: Arc<Vec<FactorReport>>,
}

async fn gather(state: &AppState, access: &Access<AnyStore>) -> Result<Gathered, Response> {
    let view = access.view().await.map_err(internal)?;
    let case = view.case().clone();
    let today = jiff::Zoned::now().date();
    let month = Month::of_date(today);
    // A report is printed and kept: it waits for the forecast of exactly this record.
    let forecast =
        cache::baseline(&state.forecasts, &view, access.user(), baseline_settings(state, month), cache::Wait::Exact)
            .await
            .map_err(internal)?
            .outcome;
    let sources = access.imported_sources(&case).await.map_err(internal)?;
    let cells = status_on(&view, today);
    let before = status_on(&view, tahawul_domain::cycle::previous_cycle_end(&case, today));
    Ok(Gathered { case, today, forecast, sources, cells, before })
}

/// `GET /report.pdf`: the same report as a PDF document, under the same access as the page.
pub async fn pdf(State(state): State<AppState>, session: AuthSession, headers: HeaderMap) -> Response {
    let access = match signed_in(&session, &state, "/report.pdf").await {
        Ok(a) => a,
        Err(r) => return r,
    };
    let lang = localizer(&headers).lang();
    let g = match gather(&state, &access).await {
        Ok(g) => g,
        Err(r) => return r,
    };
    // The file name is made of the date and the language: nothing to quote.
    let name = format!("report-{}-{}.pdf", g.today, lang.code());
    // Lays out off the async workers: the report with its charts takes tens of milliseconds.
    let made = tokio::task::spawn_blocking(move || {
        let r = tahawul_documents::CycleReport {
            case: &g.case,
            today: g.today,
            status: &g.cells,
            before: &g.before,
            forecast: g.forecast.as_deref().map_err(|e| e.message()),
            sources: g.sources.clone(),
        };
        tahawul_documents::report(&r, lang)
    })
    .await;
    match made {
        Ok(Ok(bytes)) => (
            [
                (header::CONTENT_TYPE, "application/pdf".to_string()),
                (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}\"")),
                (header::CACHE_CONTROL, "no-store".to_string()),
            ],
            bytes,
        )
            .into_response(),
        Ok(Err(e)) => internal(e),
        Err(e) => internal(e),
    }
}

/// `GET /report`.
pub async fn page(State(state): State<AppState>, session: AuthSession, headers: HeaderMap) -> Response {
    let access = match signed_in(&session, &state, "/report").await {
        Ok(a) => a,
        Err(r) => return r,
    };
    let csrf = match csrf_token(&session).await {
        Ok(t) => t,
        Err(r) => return r,
    };
    let loc = localizer(&headers);
    let lang = loc.lang();
    let Gathered { case, today, forecast, sources, cells, before } = match gather(&state, &access).await {
        Ok(g) => g,
        Err(r) => return r,
    };
    let month = Month::of_date(today);
    // The series the gates read, once each: the same selection as the PDF's.
    let trends = tahawul_domain::cycle::gate_series(&case);
    let title = loc.tr("pages-analysis-report-title");
    let main = html! {
        h1 id="report-title" { (title) }
        p { bdi { (case.name.get(lang)) } " · " (loc.format(&Message::new("pages-as-of").arg("date", date_text(&loc, today).as_str()))) }
        p class="note no-print" { (loc.tr("pages-analysis-print")) }
        p class="no-print" { a id="report-pdf" href="/report.pdf" type="application/pdf" download { (loc.tr("documents-link-report")) } }
        section aria-labelledby="heatmap-h" {
            h2 id="heatmap-h" { (loc.tr("pages-heatmap-title")) }
            (heatmap(&loc, &case, &cells))
        }
        (changes(&loc, &case, today, &cells, &before))
        div class="page-break" {}
        @match &forecast {
            Ok(r) => (super::forecast::report_view(&loc, &case, r)),
            Err(e) => p { (loc.format(&e.message())) },
        }
        div class="page-break" {}
        section aria-labelledby="gates-h" {
            h2 id="gates-h" { (loc.tr("pages-gates-title")) }
            (gate_table(&loc, &case, month))
        }
        section aria-labelledby="commitments-h" {
            h2 id="commitments-h" { (loc.tr("pages-commitments-title")) }
            (commitments_table(&loc, &case))
        }
        div class="page-break" {}
        section aria-labelledby="trends-h" {
            h2 id="trends-h" { (loc.tr("pages-analysis-trends-title")) }
            div class="trend-grid" {
                @for (i, (ind, s)) in trends.iter().enumerate() {
                    @let area_name = case.area(s.data_area.as_str()).map_or(s.data_area.as_str(), |a| a.name.get(lang));
                    @let chart_title = loc.format(&Message::new("pages-analysis-fan-title").arg("indicator", ind.name.get(lang)).arg("area", area_name));
                    @let fan = indicator_fan(&case, ind, s.data_area.as_str(), month, 12).ok();
                    @let publisher = s.publisher.as_ref().and_then(|p| case.publisher(p.as_str())).map_or_else(String::new, |p| p.name.get(lang).to_string());
                    figure class="trend" {
                        (svg::fan_chart(&loc, &format!("trend-{i}"), &chart_title, &[Line { label: publisher, points: &s.points }], fan.as_ref(), true))
                        figcaption { (chart_title) " — " a href={ "/indicators/" (ind.qualified_name()) "?area=" (s.data_area.as_str()) } { (loc.tr("pages-analysis-details")) } }
                    }
                }
            }
            p class="note" { (loc.tr("pages-analysis-trends-note")) }
        }
        (super::citations(&loc, sources.iter().map(|(d, r)| (*d, r.as_str()))))
    };
    frame(StatusCode::OK, &loc, &access, csrf, &title, "/report", main)
}
