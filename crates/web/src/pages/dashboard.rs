//! The dashboard: the areas × factors heatmap, what changed since the last cycle, the
//! transition timeline (the shared, cached baseline forecast), each phase's gate, and the
//! commitments by party — all from [`Access::case`](crate::access::Access::case) so nothing
//! hidden from the reader reaches the page.

use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use jiff::civil::Date;
use maud::{Markup, html};
use tahawul_domain::gate::Truth;
use tahawul_domain::model::CommitmentStatus;
use tahawul_domain::status::FactorReport;
use tahawul_domain::{Case, Month};
use tahawul_i18n::{Localizer, Message};

use std::sync::Arc;

use super::analysis::cache::{Wait, baseline};
use super::{Header, csrf_token, internal, layout, localizer, signed_in};
use crate::AppState;
use crate::access::CaseView;
use crate::auth::AuthSession;

const STATUSES: [(CommitmentStatus, &str); 4] = [
    (CommitmentStatus::NotStarted, "commitment-status-not-started"),
    (CommitmentStatus::Minimal, "commitment-status-minimal"),
    (CommitmentStatus::Intermediate, "commitment-status-intermediate"),
    (CommitmentStatus::Full, "commitment-status-full"),
];

/// `GET /dashboard`.
pub async fn page(State(state): State<AppState>, session: AuthSession, headers: HeaderMap) -> Response {
    let access = match signed_in(&session, &state, "/dashboard").await {
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
    let settings = super::analysis::baseline_settings(&state, month);
    let forecast = match baseline(&state.forecasts, &view, access.user(), settings, Wait::NewestOfLine).await {
        Ok(f) => f,
        Err(e) => return internal(e),
    };
    let cells = status_on(&view, today);
    let before = status_on(&view, tahawul_domain::cycle::previous_cycle_end(&case, today));
    let title = loc.tr("pages-dashboard-title");
    let date = date_text(&loc, today);
    let main = html! {
        (super::analysis::stylesheet())
        h1 id="dashboard-title" { (title) }
        p { bdi { (case.name.get(lang)) } " · " (loc.format(&Message::new("pages-as-of").arg("date", date.as_str()))) }
        section aria-labelledby="heatmap-h" {
            h2 id="heatmap-h" { (loc.tr("pages-heatmap-title")) }
            (heatmap(&loc, &case, &cells))
        }
        (changes(&loc, &case, today, &cells, &before))
        section aria-labelledby="timeline-h" {
            h2 id="timeline-h" { (loc.tr("pages-analysis-timeline-title")) }
            @match &forecast.outcome {
                Ok(r) => {
                    (super::svg::timeline(&loc, r, "timeline"))
                    p class="note" { (loc.tr("pages-analysis-timeline-note")) " " a href="/forecast" { (loc.tr("pages-analysis-timeline-more")) } }
                    @if let Some(at) = forecast.made_earlier {
                        p class="note" data-test="forecast-earlier" {
                            (loc.format(&Message::new("pages-analysis-timeline-earlier").arg("time", super::ltr_text(&loc, at.strftime("%H:%M:%S")).as_str())))
                        }
                    }
                }
                Err(e) => p { (loc.format(&e.message())) },
            }
        }
        section aria-labelledby="gates-h" {
            h2 id="gates-h" { (loc.tr("pages-gates-title")) }
            (gate_table(&loc, &case, month))
        }
        section aria-labelledby="commitments-h" {
            h2 id="commitments-h" { (loc.tr("pages-commitments-title")) }
            (commitments_table(&loc, &case))
        }
    };
    layout(&loc, &title, Some(Header::of(&access, csrf)), "/dashboard", main).into_response()
}

/// [`status`] of the reader's case on `date`, made once per snapshot for all who see the same.
pub(super) fn status_on(view: &CaseView, date: Date) -> Arc<Vec<FactorReport>> {
    view.derived("page-status", date, move |c| status(c, date))
}

/// Every area × factor status exactly as [`tahawul_domain::status::status`] gives it, in the
/// same order, but each area judged on a copy of the case holding only the figures it can
/// read (its own and its enclosing areas') and only those areas. Series no longer scan every
/// figure (the case's figure index), but each series still finds its area and the enclosing
/// ones by a walk of the case's area list, so on the whole case the work grows with areas²;
/// the copy keeps each area's work to its own chain. Whether the index alone now suffices at
/// 1,000 areas on a snapshot's first view is not measured (the page bench measures the cached
/// view), so the copy stays.
pub(super) fn status(case: &Case, date: Date) -> Vec<FactorReport> {
    use std::collections::HashMap;
    if case.areas.len() <= 8 {
        return tahawul_domain::status::status(case, date);
    }
    let mut by_area: HashMap<&str, Vec<usize>> = HashMap::new();
    // The first figure of each indicator: where an indicator names no reference publisher,
    // its series is that figure's publisher's, so every copy keeps it (in its place).
    let mut firsts: HashMap<(&str, &str), usize> = HashMap::new();
    for (i, o) in case.observations.iter().enumerate() {
        by_area.entry(o.area.as_str()).or_default().push(i);
        firsts.entry((o.factor.as_str(), o.indicator.as_str())).or_insert(i);
    }
    let firsts: Vec<usize> = firsts.into_values().collect();
    let mut scratch = Case { observations: Default::default(), areas: Vec::new(), ..case.clone() };
    let mut out = Vec::with_capacity(case.areas.len() * case.factors.len());
    for area in &case.areas {
        // The area and its enclosing areas (a bounded walk: the loader refuses cycles).
        let mut chain = vec![area.clone()];
        while let Some(parent) = chain.last().and_then(|a| a.parent.as_ref()).and_then(|p| case.area(p.as_str())) {
            if chain.len() > 32 || chain.iter().any(|a| a.id == parent.id) {
                break;
            }
            chain.push(parent.clone());
        }
        let mut rows: Vec<usize> = chain
            .iter()
            .flat_map(|a| by_area.get(a.id.as_str()).into_iter().flatten().copied())
            .chain(firsts.iter().copied())
            .collect();
        rows.sort_unstable();
        rows.dedup();
        scratch.observations = rows.into_iter().map(|i| case.observations[i].clone()).collect();
        scratch.areas = chain;
        out.extend(tahawul_domain::status::status(&scratch, date).into_iter().filter(|c| c.area == area.id));
    }
    out
}

/// A date in the reader's digits, left to right (see [`super::ltr_text`]).
pub(super) fn date_text(loc: &Localizer, d: Date) -> String {
    super::ltr_text(loc, d)
}

/// The heatmap of `cells`, or a sentence when there is nothing to draw.
pub(super) fn heatmap(loc: &Localizer, case: &Case, cells: &[FactorReport]) -> Markup {
    let areas: Vec<_> = case.areas.iter().map(|a| (a.id.to_string(), a.name.clone())).collect();
    let factors: Vec<_> = case.factors.iter().map(|f| (f.id.to_string(), f.name.clone())).collect();
    html! {
        @if areas.is_empty() || factors.is_empty() {
            p { (loc.tr("pages-heatmap-empty")) }
        } @else {
            p class="note" id="heatmap-legend" { (loc.tr("pages-cell-legend")) }
            (super::svg::heatmap(loc, &areas, &factors, cells))
            @if cells.iter().any(|c| c.illustrative) { p { "* " (loc.tr("illustrative-note")) } }
        }
    }
}

/// What changed since the last cycle: factor statuses and gate verdicts now against at the end
/// of the previous cycle, both judged on the figures on record today (a late figure for an old
/// period counts in both), so a change means the situation moved, not the paperwork.
pub(super) fn changes(
    loc: &Localizer,
    case: &Case,
    today: Date,
    now: &[FactorReport],
    before: &[FactorReport],
) -> Markup {
    let lang = loc.lang();
    let area_name = |id: &str| case.area(id).map_or_else(|| id.to_string(), |a| a.name.get(lang).to_string());
    let factor_name = |id: &str| case.factor(id).map_or_else(|| id.to_string(), |f| f.name.get(lang).to_string());
    let tahawul_domain::cycle::Changes { since: before_date, moved, flipped } =
        tahawul_domain::cycle::changes(case, today, now, before);
    let truth = |t: Truth| match t {
        Truth::Met => ("met", "gate-truth-met"),
        Truth::NotMet => ("not-met", "gate-truth-not-met"),
        Truth::NoData => ("no-data", "gate-truth-no-data"),
    };
    let since = date_text(loc, before_date);
    html! {
        section id="changes" aria-labelledby="changes-h" {
            h2 id="changes-h" { (loc.tr("pages-analysis-changes-title")) }
            p class="note" { (loc.format(&Message::new("pages-analysis-changes-note").arg("date", since.as_str()))) }
            @if moved.is_empty() && flipped.is_empty() {
                p { (loc.format(&Message::new("pages-analysis-changes-none").arg("date", since.as_str()))) }
            }
            @if !moved.is_empty() {
                h3 { (loc.format(&Message::new("pages-analysis-changes-factors").arg("count", moved.len()))) }
                ul class="changes-factors" {
                    @for (n, b) in &moved {
                        li {
                            a href=(super::factor_area::href(n.factor.as_str(), n.area.as_str())) {
                                bdi { (area_name(n.area.as_str())) } " · " bdi { (factor_name(n.factor.as_str())) }
                            } ": "
                            span class=(look(b.status)) { (loc.tr(b.status.message_id())) } " → "
                            strong class=(look(n.status)) { (loc.tr(n.status.message_id())) }
                        }
                    }
                }
            }
            @if !flipped.is_empty() {
                h3 { (loc.format(&Message::new("pages-analysis-changes-gates").arg("count", flipped.len()))) }
                ul class="changes-gates" {
                    @for (p, a, b, n) in &flipped {
                        li {
                            a href={ "/gates?phase=" (p.id) } { bdi { (p.name.get(lang)) } } " · " bdi { (area_name(a.as_str())) } ": "
                            span class=(truth(*b).0) { (loc.tr(truth(*b).1)) } " → "
                            strong class=(truth(*n).0) { (loc.tr(truth(*n).1)) }
                        }
                    }
                }
            }
        }
    }
}

fn look(s: tahawul_domain::status::FactorStatus) -> &'static str {
    use tahawul_domain::status::FactorStatus::*;
    match s {
        Met => "met",
        NotMet => "not-met",
        Stale => "stale",
        NoData => "no-data",
    }
}

/// Each phase's gate as a sentence, and its verdict in each of its areas.
pub(super) fn gate_table(loc: &Localizer, case: &Case, month: Month) -> Markup {
    let lang = loc.lang();
    let area_name = |id: &str| {
        case.areas.iter().find(|a| a.id.as_str() == id).map_or(id.to_string(), |a| a.name.get(lang).to_string())
    };
    html! {
        @if case.phases.is_empty() {
            p { (loc.tr("pages-gates-empty")) }
        } @else {
            table {
                thead { tr { th scope="col" { (loc.tr("pages-col-phase")) } th scope="col" { (loc.tr("pages-col-gate")) } th scope="col" { (loc.tr("pages-col-areas")) } } }
                tbody {
                    @for p in &case.phases {
                        @let results: Vec<(String, Truth)> = p.areas.iter().map(|a| (area_name(a.as_str()), p.gate.evaluate(case, a.as_str(), Some(month)).truth)).collect();
                        @let met = results.iter().filter(|(_, t)| *t == Truth::Met).count();
                        tr {
                            // The gate's own page explains each clause in each area.
                            th scope="row" { a href={ "/gates?phase=" (p.id) } { (p.name.get(lang)) } @if p.illustrative { " (" (loc.tr("illustrative")) ")" } }
                            td { (p.gate.sentence(case, loc)) }
                            td {
                                p { (loc.format(&Message::new("pages-gate-areas-met").arg("met", met).arg("total", results.len()))) }
                                ul {
                                    @for (name, truth) in &results {
                                        @let (class, id) = match truth { Truth::Met => ("met", "gate-truth-met"), Truth::NotMet => ("not-met", "gate-truth-not-met"), Truth::NoData => ("no-data", "gate-truth-no-data") };
                                        li { bdi { (name) } ": " span class=(class) { (loc.tr(id)) } }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Commitments by party and status.
pub(super) fn commitments_table(loc: &Localizer, case: &Case) -> Markup {
    let lang = loc.lang();
    html! {
        @if case.commitments.is_empty() {
            p { (loc.tr("pages-commitments-empty")) }
        } @else {
            table {
                thead { tr {
                    th scope="col" { (loc.tr("pages-col-party")) }
                    @for (_, id) in STATUSES { th scope="col" { (loc.tr(id)) } }
                    th scope="col" { (loc.tr("pages-col-total")) }
                } }
                tbody {
                    @for party in &case.parties {
                        @let mine: Vec<_> = case.commitments.iter().filter(|c| c.parties.contains(&party.id)).collect();
                        @if !mine.is_empty() {
                            tr {
                                th scope="row" { a href={ "/commitments?f.party=" (party.id) } { (party.name.get(lang)) } }
                                @for (s, _) in STATUSES { td { (loc.number(mine.iter().filter(|c| c.status == s).count() as f64, 0)) } }
                                td { (loc.number(mine.len() as f64, 0)) }
                            }
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_by_area_copies_is_the_domain_status() {
        let mut case =
            tahawul_domain::load(std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/iraq-hmc")))
                .unwrap();
        // More areas than the shortcut's threshold: copies of each area, some with their own
        // figures changed, and one child reading its parent's.
        let originals = case.areas.clone();
        for (n, a) in originals.iter().cycle().take(12).enumerate() {
            let id = tahawul_domain::Id::parse(&format!("copy-{n}")).unwrap();
            let mut copy = a.clone();
            copy.id = id.clone();
            copy.parent = (n == 0).then(|| a.id.clone());
            case.areas.push(copy);
            if n > 0 {
                let mine: Vec<_> = case
                    .observations
                    .iter()
                    .filter(|o| o.area == a.id)
                    .cloned()
                    .map(|mut o| {
                        o.area = id.clone();
                        o.value *= 1.0 + n as f64 / 10.0;
                        o
                    })
                    .collect();
                case.observations.extend(mine);
            }
        }
        for date in ["2025-06-30", "2026-11-23"] {
            let date: Date = date.parse().unwrap();
            let want = serde_json::to_value(tahawul_domain::status::status(&case, date)).unwrap();
            let got = serde_json::to_value(status(&case, date)).unwrap();
            assert_eq!(got, want, "as of {date}");
        }
    }
}
