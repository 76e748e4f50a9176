//! The commission's analysis pages: indicators with their fan charts, the forecast and its
//! what-ifs, the gate editor, and the printable cycle report. Every page reads through the
//! access layer (`Access::case`, `Access::observations`), so nothing hidden from the reader
//! reaches a chart.

mod backtest;
pub(crate) mod cache;
mod event_import;
mod figures;
mod forecast;
mod gates;
mod indicators;
mod report;

use axum::Router;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use maud::{Markup, html};
use tahawul_domain::forecast::{DEFAULT_HORIZON_MONTHS, DEFAULT_PATHS, DEFAULT_SEED, Settings};
use tahawul_domain::model::{Indicator, IndicatorKind};
use tahawul_domain::{Case, Dataset, Month};
use tahawul_i18n::Localizer;

use super::{Header, layout};
use crate::AppState;
use crate::access::Access;
use crate::anystore::AnyStore;

/// The analysis pages' routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/indicators", get(indicators::list))
        .route("/indicators/{name}", get(indicators::page))
        .route("/indicators/{name}/import", axum::routing::post(event_import::submit))
        .route("/indicators/{name}/figures", get(figures::page).post(figures::record_one))
        .route("/indicators/{name}/figures/csv", axum::routing::post(figures::record_csv))
        .route("/assets/event-import.js", get(event_import::script))
        .route("/gates", get(gates::page).post(gates::submit))
        .route("/assets/gate-editor.js", get(gates::script))
        .route("/assets/analysis.css", get(css))
        .route("/forecast", get(forecast::page))
        .route("/backtest", get(backtest::page))
        .route("/report", get(report::page))
        .route("/report.pdf", get(report::pdf))
}

/// The settings of the shared baseline forecast (dashboard, report, forecast page): the
/// engine's defaults, within the server's path limit.
pub(crate) fn baseline_settings(state: &AppState, as_of: Month) -> Settings {
    Settings {
        as_of,
        horizon_months: DEFAULT_HORIZON_MONTHS,
        paths: DEFAULT_PATHS.min(state.config.max_forecast_paths).max(1),
        seed: DEFAULT_SEED,
    }
}

/// A page in the common frame with a status.
fn frame(
    status: StatusCode,
    loc: &Localizer,
    access: &Access<AnyStore>,
    csrf: String,
    title: &str,
    here: &str,
    main: Markup,
) -> Response {
    let main = html! { (stylesheet()) (main) };
    let body = layout(loc, title, Some(Header::of(access, csrf)), here, main);
    (status, body).into_response()
}

/// A value in its indicator's terms: a level's name, a share as a percentage, a count whole.
pub(crate) fn value_text(loc: &Localizer, case: &Case, ind: &Indicator, v: f64) -> String {
    match ind.kind {
        IndicatorKind::Count => loc.number(v.round(), 0),
        IndicatorKind::Share => format!("{}%", loc.number((v * 100.0).round(), 0)),
        IndicatorKind::Number => loc.number(v, 2),
        IndicatorKind::Level => ind
            .scale
            .as_ref()
            .and_then(|s| case.scale(s.as_str()))
            .and_then(|s| s.current().level(v.round() as u32))
            .map_or_else(|| loc.number(v, 0), |l| l.name.get(loc.lang()).to_string()),
    }
}

/// The citations owed for imported figures shown on a page (none when none is shown), from
/// the domain's one text per dataset.
pub(crate) fn citations<'a>(loc: &Localizer, sources: impl IntoIterator<Item = (Dataset, &'a str)>) -> Markup {
    let cited = tahawul_domain::event_import::citations(sources);
    html! {
        @if !cited.is_empty() {
            section class="citations" aria-labelledby="citations-h" {
                h2 id="citations-h" { (loc.tr("events-citations-title")) }
                @for m in &cited { p class="citation" { (loc.format(m)) } }
            }
        }
    }
}

/// "(illustrative)" after a value, in words (never colour alone).
fn illustrative_mark(loc: &Localizer, illustrative: bool) -> Markup {
    html! { @if illustrative { " " span class="illustrative" { "(" (loc.tr("illustrative")) ")" } } }
}

/// The link to the charts' and print style sheet (a `<link>` is allowed in the body, and the
/// lead's layout stays untouched).
pub(crate) fn stylesheet() -> Markup {
    html! { link rel="stylesheet" href="/assets/analysis.css"; }
}

/// Charts, forms and print rules of the analysis pages: logical properties only, so Arabic
/// mirrors; A4 with page breaks between the report's parts and no navigation in print.
pub const CSS: &str = r#"
.chart.timeline, .chart.fan { inline-size: 100%; block-size: auto; }
.chart.xy { inline-size: 100%; max-inline-size: 640px; block-size: auto; }
.chart.fan:not(.compact) { max-inline-size: 900px; }
.note { color: #4d4d4d; font-size: 0.9rem; }
.what-if fieldset { display: flex; flex-wrap: wrap; gap: 0.4rem 0.8rem; align-items: center; margin-block: 0.5rem; border: 1px solid #767676; }
.what-if legend { font-weight: bold; }
.what-if .note { flex-basis: 100%; margin-block-start: -0.3rem; }
select, textarea { font: inherit; padding-block: 0.3rem; padding-inline: 0.5rem; }
.stack.wide { max-inline-size: 60rem; }
#gate { font-family: ui-monospace, "DejaVu Sans Mono", monospace; inline-size: 100%; }
pre { background: #f4f4f4; padding: 0.5rem; overflow-x: auto; text-align: left; }
.help { margin-block: 0.25rem; }
[aria-invalid=true] { outline: 2px solid #a40000; }
.illustrative { font-style: italic; }
.trend-grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(22rem, 1fr)); gap: 1rem; }
.trend { margin: 0; }
.trend figcaption { font-size: 0.85rem; }
@media print {
  @page { size: A4; margin: 14mm 12mm; }
  body { max-inline-size: none; padding: 0; font-size: 10pt; }
  .top, .no-print, form.what-if, #gate-form, .skip { display: none; }
  .page-break { break-before: page; }
  section, figure, tr, svg { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
  a { color: inherit; text-decoration: none; }
  .chart.timeline, .chart.fan { max-inline-size: 100%; }
  .trend-grid { grid-template-columns: 1fr 1fr; }
  table { font-size: 9pt; }
}
"#;

async fn css() -> Response {
    ([(header::CONTENT_TYPE, "text/css; charset=utf-8"), (header::CACHE_CONTROL, "public, max-age=3600")], CSS)
        .into_response()
}
