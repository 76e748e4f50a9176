//! `/factors/{factor}/areas/{area}`: what a dashboard cell stands on — the indicators of the
//! factor in the area with their latest figures and the condition's clauses, the commission's
//! judgement (the latest endorsed assessment: rating, rationale, who endorsed and when) and
//! whether the figures agree, the assessments on record, and why the figures are stale.
//!
//! Everything comes from the cell the dashboard shows ([`super::dashboard::status_on`], the
//! domain's status) and the case as the reader may see it, so a record hidden from the reader
//! (an assessment from a coalition partner) is not on this page either.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use maud::{Markup, html};
use tahawul_domain::status::{FactorReport, FactorStatus, Judgement};
use tahawul_domain::workflow::WorkflowAction;
use tahawul_domain::{Assessment, AssessmentState, Case, Lang, Month};
use tahawul_i18n::{Localizer, Message};
use tahawul_store::Role;

use super::{Header, csrf_token, encode, internal, layout, localizer, signed_in};
use crate::AppState;
use crate::auth::AuthSession;

/// The address of a cell's page.
pub fn href(factor: &str, area: &str) -> String {
    format!("/factors/{}/areas/{}", encode(factor), encode(area))
}

/// `GET /factors/{factor}/areas/{area}`.
pub async fn page(
    State(state): State<AppState>,
    session: AuthSession,
    headers: HeaderMap,
    Path((factor, area)): Path<(String, String)>,
) -> Response {
    let here = href(&factor, &area);
    let access = match signed_in(&session, &state, &here).await {
        Ok(a) => a,
        Err(r) => return r,
    };
    let csrf = match csrf_token(&session).await {
        Ok(t) => t,
        Err(r) => return r,
    };
    let loc = localizer(&headers);
    let view = match access.view().await {
        Ok(v) => v,
        Err(e) => return internal(e),
    };
    let case = view.case().clone();
    let today = jiff::Zoned::now().date();
    // The very cells the dashboard drew (shared per snapshot), so the page cannot disagree.
    let cells = super::dashboard::status_on(&view, today);
    let Some(cell) = cells.iter().find(|c| c.factor.as_str() == factor && c.area.as_str() == area) else {
        // Hidden and missing look the same.
        let title = loc.tr("pages-fa-missing-title");
        let main = html! {
            h1 { (title) }
            p role="alert" { (loc.format(&Message::new("pages-fa-missing").arg("factor", factor.as_str()).arg("area", area.as_str()))) }
            p { a href="/dashboard" { (loc.tr("pages-fa-back")) } }
        };
        return (StatusCode::NOT_FOUND, layout(&loc, &title, Some(Header::of(&access, csrf)), &here, main))
            .into_response();
    };
    // Assessments are the delegations' work: a coalition partner is never shown them (the
    // access layer already keeps unreleased ones out of the view; this keeps the sections
    // from saying "none" to someone who is not told either way).
    let sees_assessments = access.user().role != Role::CoalitionPartner;
    let judged = if sees_assessments {
        cell.judgement.as_ref().and_then(|j| case.assessments.iter().find(|a| a.id == j.assessment))
    } else {
        None
    };
    let endorsements = match judged {
        Some(a) => match access.history(a.id.as_str()).await {
            Ok(h) => h
                .into_iter()
                .filter_map(|s| match s.action {
                    WorkflowAction::Endorse { party } => Some((party, s.actor, s.at)),
                    _ => None,
                })
                .collect(),
            Err(e) => return internal(e),
        },
        None => Vec::new(),
    };
    let lang = loc.lang();
    let factor_name = case.factor(&factor).map_or(factor.clone(), |f| f.name.get(lang).to_string());
    let area_name = case.area(&area).map_or(area.clone(), |a| a.name.get(lang).to_string());
    let title =
        loc.format(&Message::new("pages-fa-title").arg("factor", factor_name.as_str()).arg("area", area_name.as_str()));
    let main = html! {
        (super::analysis::stylesheet())
        h1 id="factor-area-title" { (title) }
        (summary(&loc, &case, cell, sees_assessments))
        (indicators(&loc, &case, cell, Month::of_date(today)))
        (stale(&loc, &case, cell))
        @if sees_assessments {
            (judgement(&loc, &case, cell, judged, &endorsements))
            (history(&loc, &case, cell))
        }
        p { a href="/dashboard" { (loc.tr("pages-fa-back")) } }
    };
    layout(&loc, &title, Some(Header::of(&access, csrf)), &here, main).into_response()
}

fn status_class(s: FactorStatus) -> &'static str {
    match s {
        FactorStatus::Met => "met",
        FactorStatus::NotMet => "not-met",
        FactorStatus::Stale => "stale",
        FactorStatus::NoData => "no-data",
    }
}

/// A rating's level name on the factor's scale (the id when it is not on it).
fn rating_name(loc: &Localizer, case: &Case, factor: &str, rating: &str) -> String {
    case.factor(factor)
        .and_then(|f| f.rating_scale.as_ref())
        .and_then(|s| case.scale(s.as_str()))
        .and_then(|s| s.current().levels.iter().find(|l| l.id.as_str() == rating))
        .map_or_else(|| rating.to_string(), |l| l.name.get(loc.lang()).to_string())
}

fn judgement_text(loc: &Localizer, case: &Case, cell: &FactorReport, j: &Judgement) -> String {
    loc.format(
        &Message::new("pages-fa-judgement-text")
            .arg("rating", rating_name(loc, case, cell.factor.as_str(), j.rating.as_str()))
            .arg("cycle", super::ltr_text(loc, j.cycle)),
    )
}

/// The headline, the two verdicts beside each other, and whether they agree.
fn summary(loc: &Localizer, case: &Case, cell: &FactorReport, sees_assessments: bool) -> Markup {
    html! {
        section aria-labelledby="fa-status-h" {
            h2 id="fa-status-h" { (loc.tr("pages-fa-status-h")) }
            dl class="facts" id="fa-status" {
                dt { (loc.tr("pages-fa-status")) }
                dd id="fa-headline" class=(status_class(cell.status)) { strong { (loc.tr(cell.status.message_id())) } }
                @if sees_assessments {
                    dt { (loc.tr("pages-fa-judgement")) }
                    dd id="fa-judgement" {
                        @match &cell.judgement {
                            Some(j) => {
                                span class=(status_class(j.status)) { (loc.tr(j.status.message_id())) }
                                " — " (judgement_text(loc, case, cell, j))
                            }
                            None => (loc.tr("pages-fa-no-judgement")),
                        }
                    }
                }
                dt { (loc.tr("pages-fa-figures")) }
                dd id="fa-figures" class=(status_class(cell.figures)) { (loc.tr(cell.figures.message_id())) }
                @if let (true, Some(a)) = (sees_assessments, cell.agreement) {
                    dt { (loc.tr("pages-fa-agreement")) }
                    dd id="fa-agreement" data-agreement=(serde_json::to_value(a).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()) {
                        (loc.tr(a.message_id()))
                    }
                }
                dt { (loc.tr("pages-fa-condition")) }
                dd {
                    @match case.factor(cell.factor.as_str()).and_then(|f| f.condition.as_ref()) {
                        Some(g) => (g.sentence(case, loc)),
                        None => (loc.tr("pages-fa-no-condition")),
                    }
                }
            }
        }
    }
}

/// Each indicator of the factor: its latest figure in the area (the one the condition used,
/// which may be an enclosing area's) and what each clause on it says.
fn indicators(loc: &Localizer, case: &Case, cell: &FactorReport, month: Month) -> Markup {
    let mine: Vec<_> = case.indicators.iter().filter(|i| i.factor == cell.factor).collect();
    html! {
        section aria-labelledby="fa-indicators-h" {
            h2 id="fa-indicators-h" { (loc.tr("pages-fa-indicators-h")) }
            @if mine.is_empty() {
                p { (loc.tr("pages-fa-no-indicators")) }
            } @else {
                table id="fa-indicators" {
                    thead { tr {
                        th scope="col" { (loc.tr("pages-fa-col-indicator")) }
                        th scope="col" { (loc.tr("pages-fa-col-latest")) }
                        th scope="col" { (loc.tr("pages-fa-col-period")) }
                        th scope="col" { (loc.tr("pages-fa-col-condition")) }
                    } }
                    tbody {
                        @for ind in &mine {
                            @let name = ind.qualified_name();
                            @let clauses: Vec<_> = cell.clauses.iter().filter(|c| c.indicator == name).collect();
                            // The condition's own reading where it has one; else the area's latest figure.
                            @let latest = clauses.iter().find_map(|c| c.latest).map(|p| (p.period, p.value)).or_else(|| {
                                case.observations
                                    .iter()
                                    .filter(|o| o.factor == ind.factor && o.indicator == ind.id && o.area == cell.area && o.period.last_month() <= month)
                                    .max_by_key(|o| (o.period.last_month(), o.as_of))
                                    .map(|o| (o.period, o.value))
                            });
                            tr data-indicator=(name) {
                                th scope="row" {
                                    a href={ "/indicators/" (encode(&name)) "?area=" (encode(cell.area.as_str())) } { (ind.name.get(loc.lang())) }
                                }
                                @match latest {
                                    Some((period, value)) => {
                                        td class="value" { (super::analysis::value_text(loc, case, ind, value)) }
                                        td { (super::ltr_text(loc, period)) }
                                    }
                                    None => { td { (loc.tr("pages-fa-no-figure")) } td {} }
                                }
                                td {
                                    @if clauses.is_empty() { (loc.tr("pages-fa-not-in-condition")) }
                                    @for c in &clauses { p class=(match c.truth { tahawul_domain::gate::Truth::Met => "met", tahawul_domain::gate::Truth::NotMet => "not-met", tahawul_domain::gate::Truth::NoData => "no-data" }) { (c.explain(case, loc)) } }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Why the figures are stale: the rule, and each overdue figure with the month it fell due.
fn stale(loc: &Localizer, case: &Case, cell: &FactorReport) -> Markup {
    let lang = loc.lang();
    let name = |q: &str| {
        q.split_once('.')
            .and_then(|(f, i)| case.indicator(f, i))
            .map_or_else(|| q.to_string(), |i| i.name.get(lang).to_string())
    };
    html! {
        section id="stale" aria-labelledby="fa-stale-h" {
            h2 id="fa-stale-h" { (loc.tr("pages-fa-stale-h")) }
            p class="note" { (loc.tr("pages-fa-stale-rule")) }
            @if cell.stale.is_empty() {
                p { (loc.tr("pages-fa-stale-none")) }
            } @else {
                ul id="fa-stale" {
                    @for s in &cell.stale {
                        li data-indicator=(s.indicator) { (loc.format(&Message::new("status-stale-explained")
                            .arg("indicator", name(&s.indicator))
                            .arg("latest", super::ltr_text(loc, s.latest))
                            .arg("expected", super::ltr_text(loc, s.expected))
                            .arg("since", super::ltr_text(loc, s.overdue_from)))) }
                    }
                }
            }
        }
    }
}

/// The latest endorsed assessment: rating, rationale (both languages), who endorsed, when.
fn judgement(
    loc: &Localizer,
    case: &Case,
    cell: &FactorReport,
    judged: Option<&Assessment>,
    endorsements: &[(String, String, String)],
) -> Markup {
    let lang = loc.lang();
    let party = |id: &str| case.party(id).map_or_else(|| id.to_string(), |p| p.name.get(lang).to_string());
    html! {
        section id="judgement" aria-labelledby="fa-assessment-h" {
            h2 id="fa-assessment-h" { (loc.tr("pages-fa-assessment-h")) }
            @match judged {
                None => p { (loc.tr("pages-fa-no-judgement")) },
                Some(a) => {
                    dl class="facts" {
                        dt { (loc.tr("pages-fa-rating")) }
                        dd id="fa-rating" { (rating_name(loc, case, cell.factor.as_str(), a.rating.as_str())) }
                        dt { (loc.tr("pages-fa-cycle")) }
                        dd { (super::ltr_text(loc, a.cycle)) }
                        dt { (loc.tr("pages-fa-endorsed-by")) }
                        dd id="fa-endorsed-by" {
                            @if endorsements.is_empty() { (loc.tr("pages-fa-endorsed-on-record")) }
                            @else {
                                ul { @for (p, actor, at) in endorsements {
                                    li { (loc.format(&Message::new("pages-fa-endorsement")
                                        .arg("party", party(p))
                                        .arg("actor", format!("\u{2068}{actor}\u{2069}"))
                                        .arg("when", super::ltr_text(loc, format!("{} UTC", at.chars().take(16).collect::<String>().replace('T', " ")))))) }
                                } }
                            }
                        }
                    }
                    h3 { (loc.tr("pages-fa-rationale")) }
                    div class="narratives" {
                        @for (l, text) in [(Lang::Ar, &a.narrative.ar), (Lang::En, &a.narrative.en)] {
                            blockquote lang=(l.code()) dir=(l.dir()) { p { (text) } }
                        }
                    }
                    p { a href={ "/assessments/" (encode(a.id.as_str())) } { (loc.tr("pages-fa-open-assessment")) } }
                }
            }
        }
    }
}

/// Every assessment of the cell the reader may see, newest cycle first.
fn history(loc: &Localizer, case: &Case, cell: &FactorReport) -> Markup {
    let mut all: Vec<&Assessment> =
        case.assessments.iter().filter(|a| a.factor == cell.factor && a.area == cell.area).collect();
    all.sort_by_key(|a| std::cmp::Reverse((a.cycle.last_month(), a.id.to_string())));
    let state = |s: AssessmentState| {
        loc.tr(match s {
            AssessmentState::Draft => "assessment-draft",
            AssessmentState::Submitted => "assessment-submitted",
            AssessmentState::Endorsed => "assessment-endorsed",
            AssessmentState::Returned => "assessment-returned",
        })
    };
    html! {
        section aria-labelledby="fa-history-h" {
            h2 id="fa-history-h" { (loc.tr("pages-fa-history-h")) }
            @if all.is_empty() {
                p { (loc.tr("pages-fa-history-empty")) }
            } @else {
                table id="fa-history" {
                    thead { tr {
                        th scope="col" { (loc.tr("pages-fa-cycle")) }
                        th scope="col" { (loc.tr("pages-fa-rating")) }
                        th scope="col" { (loc.tr("pages-work-field-state")) }
                    } }
                    tbody { @for a in &all {
                        tr data-assessment=(a.id) {
                            th scope="row" { a href={ "/assessments/" (encode(a.id.as_str())) } { (super::ltr_text(loc, a.cycle)) } }
                            td { (rating_name(loc, case, cell.factor.as_str(), a.rating.as_str())) }
                            td { (state(a.state)) }
                        }
                    } }
                }
            }
        }
    }
}
