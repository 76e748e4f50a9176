//! `/indicators`: every indicator by factor with its latest figure and source; and
//! `/indicators/{factor}.{indicator}`: its history by publisher with the forecast fan, where
//! sources disagree, and every figure with its source. Figures come through the access layer.

use std::collections::BTreeMap;

use axum::extract::{Path, Query, RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use maud::html;
use serde::Deserialize;
use tahawul_domain::forecast::indicator_fan;
use tahawul_domain::model::Confidence;
use tahawul_domain::{Month, Period};
use tahawul_i18n::Message;
use tahawul_store::ObservationFilter;

use super::{frame, illustrative_mark, value_text};
use crate::AppState;
use crate::auth::AuthSession;
use crate::pages::svg::{self, Line};
use crate::pages::table::{self, Cell, Column, Key, Shown, Table, TableQuery};
use crate::pages::{csrf_token, encode, internal, localizer, signed_in};

/// Months of forecast drawn after the latest figure.
const FAN_MONTHS: u32 = 24;

/// `GET /indicators`.
pub async fn list(
    State(state): State<AppState>,
    session: AuthSession,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> Response {
    let tq = TableQuery::parse(raw.as_deref());
    let access = match signed_in(&session, &state, &tq.link("/indicators", &[])).await {
        Ok(a) => a,
        Err(r) => return r,
    };
    let csrf = match csrf_token(&session).await {
        Ok(t) => t,
        Err(r) => return r,
    };
    let loc = localizer(&headers);
    let lang = loc.lang();
    let case = match access.case().await {
        Ok(c) => c,
        Err(e) => return internal(e),
    };
    let sources = match access.imported_sources(&case).await {
        Ok(s) => s,
        Err(e) => return internal(e),
    };
    // The latest figure of each indicator: the latest period, then the latest statement.
    let mut latest: BTreeMap<(&str, &str), &tahawul_domain::Observation> = BTreeMap::new();
    for o in &case.observations {
        let k = (o.factor.as_str(), o.indicator.as_str());
        let newer = latest.get(&k).is_none_or(|l| (o.period.last_month(), o.as_of) > (l.period.last_month(), l.as_of));
        if newer {
            latest.insert(k, o);
        }
    }
    let title = loc.tr("pages-analysis-indicators-title");
    // One table of every indicator, in the case's order (factor by factor) unless sorted.
    let mut table = Table::new(
        "indicators",
        title.clone(),
        vec![
            Column::new("factor", loc.tr("pages-analysis-col-factor")).filter().collapse(),
            Column::new("indicator", loc.tr("pages-analysis-col-indicator")).row_header(),
            Column::new("unit", loc.tr("pages-analysis-col-unit")).filter(),
            Column::new("latest", loc.tr("pages-analysis-col-latest")).desc_first(),
            Column::new("area", loc.tr("pages-analysis-col-area")).filter(),
            Column::new("period", loc.tr("pages-analysis-col-period")).desc_first(),
            Column::new("source", loc.tr("pages-analysis-col-source")).filter(),
        ],
    );
    for f in &case.factors {
        for i in case.indicators.iter().filter(|i| i.factor == f.id) {
            let name = i.qualified_name();
            let label = i.name.get(lang);
            let mut cells = vec![
                Cell::text(f.name.get(lang)).filter_by(f.id.as_str()),
                Cell::new(
                    Key::text(label),
                    format!("{label} ({name})"),
                    html! { a href={ "/indicators/" (encode(&name)) } { (label) } br; code dir="ltr" { (name) } },
                ),
                Cell::text(i.unit.get(lang)),
            ];
            match latest.get(&(i.factor.as_str(), i.id.as_str())) {
                Some(o) => {
                    let area = case.area(o.area.as_str()).map_or(o.area.as_str(), |a| a.name.get(lang));
                    let source =
                        case.publisher(o.publisher.as_str()).map_or(o.publisher.as_str(), |p| p.name.get(lang));
                    let last = o.period.last_month();
                    cells.extend([
                        Cell::new(
                            Key::Num(o.value),
                            o.value.to_string(),
                            html! { (value_text(&loc, &case, i, o.value)) (illustrative_mark(&loc, o.illustrative)) },
                        ),
                        Cell::text(area).filter_by(o.area.as_str()),
                        Cell::new(
                            Key::Int(i64::from(last.0) * 100 + i64::from(o.period.frequency().months())),
                            o.period.to_string(),
                            html! { (period_text(&loc, o.period)) },
                        ),
                        Cell::text(source).filter_by(o.publisher.as_str()),
                    ]);
                }
                None => {
                    let none = loc.tr("pages-analysis-no-figures");
                    cells.push(Cell::new(Key::Empty, none.clone(), html! { (none) }));
                    cells.extend((0..3).map(|_| Cell::new(Key::Empty, "", html! {})));
                }
            }
            table.rows.push(table::Row::new(cells));
        }
    }
    let list = match table.show(&tq, &loc, "/indicators") {
        Shown::Csv(r) => return r,
        Shown::Page(m) => m,
    };
    let main = html! {
        h1 { (title) }
        @if case.indicators.is_empty() { p { (loc.tr("pages-analysis-indicators-empty")) } } @else { (list) }
        @if case.observations.iter().any(|o| o.illustrative) { p { (loc.tr("illustrative-note")) } }
        (super::citations(&loc, sources.iter().map(|(d, r)| (*d, r.as_str()))))
    };
    frame(StatusCode::OK, &loc, &access, csrf, &title, "/indicators", main)
}

/// A period in the reader's digits, isolated left to right.
pub(crate) fn period_text(loc: &tahawul_i18n::Localizer, p: Period) -> String {
    crate::pages::ltr_text(loc, p)
}

/// What the chart draws beside the figures: the variable's range (so a fan is clipped to it),
/// its scale's level names, and the thresholds that the factors' conditions and the phases'
/// gates set on it in `area`, each named by what sets it.
fn marks(
    loc: &tahawul_i18n::Localizer,
    case: &tahawul_domain::Case,
    ind: &tahawul_domain::model::Indicator,
    area: &str,
) -> svg::Marks {
    use tahawul_domain::gate::Cmp;
    use tahawul_domain::model::IndicatorKind;
    let lang = loc.lang();
    let levels: Vec<String> = match ind.kind {
        IndicatorKind::Level => ind
            .scale
            .as_ref()
            .and_then(|s| case.scale(s.as_str()))
            .map(|s| s.current().levels.iter().map(|l| l.name.get(lang).to_string()).collect())
            .unwrap_or_default(),
        _ => Vec::new(),
    };
    let (min, max) = match ind.kind {
        IndicatorKind::Count => (Some(0.0), None),
        IndicatorKind::Share => (Some(0.0), Some(1.0)),
        IndicatorKind::Level if !levels.is_empty() => (Some(1.0), Some(levels.len() as f64)),
        _ => (None, None),
    };
    let name = ind.qualified_name();
    let gates =
        case.factors.iter().filter_map(|f| f.condition.as_ref().map(|g| (f.name.get(lang).to_string(), g))).chain(
            case.phases
                .iter()
                .filter(|p| p.areas.iter().any(|a| a.as_str() == area))
                .map(|p| (p.name.get(lang).to_string(), &p.gate)),
        );
    let mut thresholds: Vec<(f64, String)> = Vec::new();
    for (who, gate) in gates {
        for c in gate.evaluate(case, area, None).clauses.into_iter().filter(|c| c.indicator == name) {
            let cmp = match c.cmp {
                Cmp::Lt => "<",
                Cmp::Le => "≤",
                Cmp::Gt => ">",
                Cmp::Ge => "≥",
                Cmp::Eq => "=",
                Cmp::Ne => "≠",
            };
            // Left to right inside: a mirrored "≤" in Arabic text would read "≥".
            let limit = format!("\u{2066}{cmp} {}\u{2069}", value_text(loc, case, ind, c.threshold));
            let label =
                loc.format(&Message::new("pages-analysis-threshold").arg("name", who.as_str()).arg("limit", limit));
            // One line per value: the gates that share a threshold share its line.
            match thresholds.iter_mut().find(|(v, _)| *v == c.threshold) {
                Some((_, l)) if !l.contains(&label) => {
                    l.push_str(" · ");
                    l.push_str(&label);
                }
                Some(_) => {}
                None => thresholds.push((c.threshold, label)),
            }
        }
    }
    svg::Marks { min, max, levels, thresholds }
}

/// `?area=ID`.
#[derive(Debug, Deserialize)]
pub struct AreaQuery {
    area: Option<String>,
}

/// `GET /indicators/{factor}.{indicator}?area=ID`.
pub async fn page(
    State(state): State<AppState>,
    session: AuthSession,
    headers: HeaderMap,
    Path(name): Path<String>,
    Query(q): Query<AreaQuery>,
    RawQuery(raw): RawQuery,
) -> Response {
    let tq = TableQuery::parse(raw.as_deref());
    let here = format!("/indicators/{}", encode(&name));
    let access = match signed_in(&session, &state, &here).await {
        Ok(a) => a,
        Err(r) => return r,
    };
    let csrf = match csrf_token(&session).await {
        Ok(t) => t,
        Err(r) => return r,
    };
    let loc = localizer(&headers);
    let lang = loc.lang();
    let case = match access.case().await {
        Ok(c) => c,
        Err(e) => return internal(e),
    };
    // Hidden and missing look the same: the access layer removed hidden indicators.
    let Some(ind) = name.split_once('.').and_then(|(f, i)| case.indicator(f, i)) else {
        let title = loc.tr("pages-analysis-indicator-missing-title");
        let main = html! {
            h1 { (title) }
            p role="alert" { (loc.format(&Message::new("pages-analysis-indicator-missing").arg("name", name.as_str()))) }
            p { a href="/indicators" { (loc.tr("pages-analysis-indicators-back")) } }
        };
        return frame(StatusCode::NOT_FOUND, &loc, &access, csrf, &title, &here, main);
    };
    let filter = ObservationFilter {
        factor: Some(ind.factor.to_string()),
        indicator: Some(ind.id.to_string()),
        area: None,
        limit: None,
    };
    let observations = match access.observations(&filter).await {
        Ok(o) => o,
        Err(e) => return internal(e),
    };
    // Areas with figures, in the case's order.
    let areas: Vec<_> = case.areas.iter().filter(|a| observations.iter().any(|o| o.observation.area == a.id)).collect();
    let area = match q.area.as_deref().filter(|a| !a.is_empty()) {
        Some(a) => match areas.iter().find(|x| x.id.as_str() == a) {
            Some(x) => Some(*x),
            None => {
                let title = ind.name.get(lang).to_string();
                let main = html! {
                    h1 { (title) }
                    p role="alert" class="error" { (loc.format(&Message::new("pages-analysis-area-unknown").arg("area", a))) }
                    p { a href=(here) { (loc.tr("pages-analysis-indicators-back-one")) } }
                };
                return frame(StatusCode::NOT_FOUND, &loc, &access, csrf, &title, &here, main);
            }
        },
        None => areas.first().copied(),
    };
    let as_of = Month::of_date(jiff::Zoned::now().date());
    let title = ind.name.get(lang).to_string();
    let publisher_name = |id: &str| case.publisher(id).map_or_else(|| id.to_string(), |p| p.name.get(lang).to_string());
    let by_publisher = area.map(|a| case.series_by_publisher(ind, a.id.as_str())).unwrap_or_default();
    let lines: Vec<Line<'_>> = by_publisher
        .iter()
        .map(|s| Line {
            label: s.publisher.as_ref().map_or_else(String::new, |p| publisher_name(p.as_str())),
            points: &s.points,
        })
        .collect();
    let fan = area.map(|a| indicator_fan(&case, ind, a.id.as_str(), as_of, FAN_MONTHS));
    // Periods where publishers give different values, side by side.
    // Keyed by (last month, first month): a month and its quarter stay apart, in time order.
    type Row = (Period, Vec<Option<(f64, bool)>>);
    let mut periods: BTreeMap<(Month, Month), Row> = BTreeMap::new();
    for (k, s) in by_publisher.iter().enumerate() {
        for p in &s.points {
            let key = (p.period.last_month(), p.period.first_month());
            periods.entry(key).or_insert_with(|| (p.period, vec![None; by_publisher.len()])).1[k] =
                Some((p.value, p.illustrative));
        }
    }
    let disagreements: Vec<&Row> = periods
        .values()
        .filter(|(_, vs)| {
            let known: Vec<f64> = vs.iter().flatten().map(|(v, _)| *v).collect();
            known.len() > 1 && known.iter().any(|v| (v - known[0]).abs() > 1e-9)
        })
        .collect();
    let mine: Vec<_> = observations.iter().filter(|o| area.is_some_and(|a| o.observation.area == a.id)).collect();
    // Every figure, a page at a time; a source or method the same as the row above is
    // shown once (a ditto mark, the full text kept for screen readers and as a tooltip).
    let mut table = Table::new(
        "figures",
        loc.tr("pages-analysis-figures-title"),
        vec![
            Column::new("period", loc.tr("pages-analysis-col-period")).row_header().desc_first(),
            Column::new("value", loc.tr("pages-analysis-col-value")).desc_first(),
            Column::new("source", loc.tr("pages-analysis-col-source")).filter().collapse(),
            Column::new("method", loc.tr("pages-analysis-col-method")).filter().collapse(),
            Column::new("stated", loc.tr("pages-analysis-col-stated")).desc_first(),
            Column::new("confidence", loc.tr("pages-analysis-col-confidence")).filter(),
        ],
    )
    .sorted_by("period", true);
    table.rows = mine
        .iter()
        .rev()
        .map(|o| {
            let o = &o.observation;
            let period = period_text(&loc, o.period);
            let value = value_text(&loc, &case, ind, o.value);
            let source = publisher_name(o.publisher.as_str());
            let method = case.method(o.method.as_str()).map_or(o.method.as_str(), |m| m.text.get(lang)).to_string();
            let stated = svg::month(&loc, Month::of_date(o.as_of));
            let (rank, confidence) = match o.confidence {
                Confidence::Low => (0, "pages-analysis-confidence-low"),
                Confidence::Medium => (1, "pages-analysis-confidence-medium"),
                Confidence::High => (2, "pages-analysis-confidence-high"),
            };
            let confidence_text = loc.tr(confidence);
            let month = |m: Month| i64::from(m.0);
            let day =
                |d: jiff::civil::Date| i64::from(d.year()) * 10_000 + i64::from(d.month()) * 100 + i64::from(d.day());
            let row = table::Row::new(vec![
                // A month before its quarter when both end together.
                Cell::new(
                    Key::Int(month(o.period.last_month()) * 100 + i64::from(o.period.frequency().months())),
                    o.period.to_string(),
                    html! { (period) },
                ),
                Cell::new(
                    Key::Num(o.value),
                    o.value.to_string(),
                    html! { (value) (illustrative_mark(&loc, o.illustrative)) },
                ),
                Cell::text(source).filter_by(o.publisher.as_str()),
                Cell::text(method).filter_by(o.method.as_str()),
                Cell::new(Key::Int(day(o.as_of)), o.as_of.to_string(), html! { (stated) }),
                Cell::new(Key::Int(rank), confidence_text.clone(), html! { (confidence_text) })
                    .filter_by(confidence.trim_start_matches("pages-analysis-confidence-")),
            ]);
            if o.illustrative { row.class("illustrative") } else { row }
        })
        .collect();
    let figures = match table.show(&tq, &loc, &here) {
        Shown::Csv(r) => return r,
        Shown::Page(m) => m,
    };
    let main = html! {
        p { a href="/indicators" { (loc.tr("pages-analysis-indicators-back")) } }
        h1 id="indicator-title" { (title) }
        p { code dir="ltr" { (ind.qualified_name()) } " · " (ind.unit.get(lang)) }
        p { (ind.description.get(lang)) }
        (super::figures::link(&loc, &access, ind))
        (super::event_import::form(&loc, &access, ind, &csrf))
        @if areas.len() > 1 {
            form method="get" action=(here) class="inline-form" {
                label for="area" { (loc.tr("pages-analysis-col-area")) }
                " "
                select id="area" name="area" {
                    @for a in &areas {
                        @if area.is_some_and(|x| x.id == a.id) {
                            option value=(a.id.as_str()) selected { (a.name.get(lang)) }
                        } @else {
                            option value=(a.id.as_str()) { (a.name.get(lang)) }
                        }
                    }
                }
                " "
                button type="submit" { (loc.tr("pages-analysis-show")) }
            }
        }
        @match area {
            None => p { (loc.tr("pages-analysis-no-figures")) },
            Some(a) => {
                section aria-labelledby="history-h" {
                    h2 id="history-h" { (loc.format(&Message::new("pages-analysis-history-in").arg("area", a.name.get(lang)))) }
                    @let chart_title = loc.format(&Message::new("pages-analysis-fan-title").arg("indicator", ind.name.get(lang)).arg("area", a.name.get(lang)));
                    @match &fan {
                        Some(Ok(f)) => {
                            (svg::fan_chart_marked(&loc, "fan", &chart_title, &lines, Some(f), false, &marks(&loc, &case, ind, a.id.as_str())))
                            p class="note" { (loc.format(&Message::new("pages-analysis-fan-note").arg("from", svg::month(&loc, f.from).as_str()))) }
                        }
                        Some(Err(b)) => {
                            (svg::fan_chart_marked(&loc, "fan", &chart_title, &lines, None, false, &marks(&loc, &case, ind, a.id.as_str())))
                            p class="note" { (loc.format(&Message::new("pages-analysis-fan-none").arg("reason", b.message(&case)))) }
                        }
                        None => {}
                    }
                    p class="no-print" { a href="/backtest" { (loc.tr("pages-analysis-backtest-indicator-link")) } }
                }
                @if by_publisher.len() > 1 {
                    section aria-labelledby="sources-h" {
                        h2 id="sources-h" { (loc.tr("pages-analysis-sources-title")) }
                        @if disagreements.is_empty() {
                            p { (loc.tr("pages-analysis-sources-agree")) }
                        } @else {
                            p { (loc.format(&Message::new("pages-analysis-sources-disagree").arg("count", disagreements.len()))) }
                            table class="disagreements" {
                                thead { tr {
                                    th scope="col" { (loc.tr("pages-analysis-col-period")) }
                                    @for s in &by_publisher { th scope="col" { (s.publisher.as_ref().map_or_else(String::new, |p| publisher_name(p.as_str()))) } }
                                } }
                                tbody {
                                    @for (p, vs) in &disagreements {
                                        tr {
                                            th scope="row" { (period_text(&loc, *p)) }
                                            @for v in vs.iter() {
                                                td { @match v { Some((v, ill)) => { (value_text(&loc, &case, ind, *v)) (illustrative_mark(&loc, *ill)) }, None => { "—" } } }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
                section aria-labelledby="figures-h" {
                    h2 id="figures-h" { (loc.tr("pages-analysis-figures-title")) }
                    (figures)
                }
                @if mine.iter().any(|o| o.observation.illustrative) { p { (loc.tr("illustrative-note")) } }
            }
        }
        (super::citations(&loc, observations.iter().filter_map(|o| o.source.as_ref()).map(|s| (s.dataset, s.release.as_str()))))
    };
    frame(StatusCode::OK, &loc, &access, csrf, &title, &here, main)
}
