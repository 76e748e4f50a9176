//! `/report`: the cycle report on one printable page — heatmap, what changed, timeline, gates,
//! commitments and each gate indicator's trend — with print rules for A4 (`analysis.css`).

use std::collections::BTreeSet;

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use maud::html;
use tahawul_domain::Month;
use tahawul_domain::forecast::indicator_fan;
use tahawul_i18n::Message;

use super::{baseline_settings, cache, frame};
use crate::AppState;
use crate::auth::AuthSession;
use crate::pages::dashboard::{
    changes, commitments_table, date_text, gate_table, heatmap, previous_cycle_end, status_on,
};
use crate::pages::svg::{self, Line};
use crate::pages::{csrf_token, internal, localizer, signed_in};

/// Trend charts at most (a case with many gate series still prints in a few pages).
const MAX_CHARTS: usize = 24;

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
    let view = match access.view().await {
        Ok(v) => v,
        Err(e) => return internal(e),
    };
    let case = view.case().clone();
    let today = jiff::Zoned::now().date();
    let month = Month::of_date(today);
    // A report is printed and kept: it waits for the forecast of exactly this record.
    let forecast = match cache::baseline(
        &state.forecasts,
        &view,
        access.user(),
        baseline_settings(&state, month),
        cache::Wait::Exact,
    )
    .await
    {
        Ok(f) => f.outcome,
        Err(e) => return internal(e),
    };
    let sources = match access.imported_sources(&case).await {
        Ok(s) => s,
        Err(e) => return internal(e),
    };
    let cells = status_on(&view, today);
    let before = status_on(&view, previous_cycle_end(&case, today));
    // The series the gates read, once each: (indicator, area whose figures they are).
    let mut seen = BTreeSet::new();
    let mut trends = Vec::new();
    for p in &case.phases {
        for a in &p.areas {
            for c in p.gate.clauses() {
                let Some(ind) = case.indicator(&c.factor, &c.indicator) else { continue };
                let s = case.series(ind, a.as_str());
                if s.points.is_empty() || !seen.insert((ind.qualified_name(), s.data_area.clone())) {
                    continue;
                }
                trends.push((ind, s));
            }
        }
    }
    trends.truncate(MAX_CHARTS);
    let title = loc.tr("pages-analysis-report-title");
    let main = html! {
        h1 id="report-title" { (title) }
        p { bdi { (case.name.get(lang)) } " · " (loc.format(&Message::new("pages-as-of").arg("date", date_text(&loc, today).as_str()))) }
        p class="note no-print" { (loc.tr("pages-analysis-print")) }
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
