//! The dashboard: the areas × factors heatmap, each phase's gate, and the commitments by party,
//! all from [`Access::case`] so nothing hidden from the reader reaches the page.

use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use maud::html;
use tahawul_domain::Month;
use tahawul_domain::gate::Truth;
use tahawul_domain::model::CommitmentStatus;
use tahawul_i18n::Message;

use super::{Header, csrf_token, internal, layout, localizer, signed_in};
use crate::AppState;
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
    let case = match access.case().await {
        Ok(c) => c,
        Err(e) => return internal(e),
    };
    let today = jiff::Zoned::now().date();
    let month = Month::of_date(today);
    let cells = tahawul_domain::status::status(&case, today);
    let areas: Vec<_> = case.areas.iter().map(|a| (a.id.to_string(), a.name.clone())).collect();
    let factors: Vec<_> = case.factors.iter().map(|f| (f.id.to_string(), f.name.clone())).collect();
    let area_name = |id: &str| case.areas.iter().find(|a| a.id.as_str() == id).map_or(id.to_string(), |a| a.name.get(lang).to_string());
    let title = loc.tr("pages-dashboard-title");
    let date = {
        let s = today.to_string();
        let s = if loc.digits() == tahawul_i18n::Digits::ArabicIndic { tahawul_i18n::to_arabic_indic(&s) } else { s };
        // Isolated left to right, so an Arabic sentence does not reorder the date's parts.
        format!("\u{2066}{s}\u{2069}")
    };
    let main = html! {
        h1 id="dashboard-title" { (title) }
        p { bdi { (case.name.get(lang)) } " · " (loc.format(&Message::new("pages-as-of").arg("date", date.as_str()))) }
        section aria-labelledby="heatmap-h" {
            h2 id="heatmap-h" { (loc.tr("pages-heatmap-title")) }
            @if areas.is_empty() || factors.is_empty() {
                p { (loc.tr("pages-heatmap-empty")) }
            } @else {
                (super::svg::heatmap(&loc, &areas, &factors, &cells))
                @if cells.iter().any(|c| c.illustrative) { p { "* " (loc.tr("illustrative-note")) } }
            }
        }
        section aria-labelledby="gates-h" {
            h2 id="gates-h" { (loc.tr("pages-gates-title")) }
            @if case.phases.is_empty() {
                p { (loc.tr("pages-gates-empty")) }
            } @else {
                table {
                    thead { tr { th scope="col" { (loc.tr("pages-col-phase")) } th scope="col" { (loc.tr("pages-col-gate")) } th scope="col" { (loc.tr("pages-col-areas")) } } }
                    tbody {
                        @for p in &case.phases {
                            @let results: Vec<(String, Truth)> = p.areas.iter().map(|a| (area_name(a.as_str()), p.gate.evaluate(&case, a.as_str(), Some(month)).truth)).collect();
                            @let met = results.iter().filter(|(_, t)| *t == Truth::Met).count();
                            tr {
                                th scope="row" { (p.name.get(lang)) @if p.illustrative { " (" (loc.tr("illustrative")) ")" } }
                                td { (p.gate.sentence(&case, &loc)) }
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
        section aria-labelledby="commitments-h" {
            h2 id="commitments-h" { (loc.tr("pages-commitments-title")) }
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
                                    th scope="row" { (party.name.get(lang)) }
                                    @for (s, _) in STATUSES { td { (loc.number(mine.iter().filter(|c| c.status == s).count() as f64, 0)) } }
                                    td { (loc.number(mine.len() as f64, 0)) }
                                }
                            }
                        }
                    }
                }
            }
        }
    };
    layout(&loc, &title, Some(Header { user: access.user(), csrf }), "/dashboard", main).into_response()
}
