//! `GET /inbox`: what needs the signed-in person, each with a link to where the step is
//! taken. The list is [`tahawul_domain::inbox::collect`]'s; the API's `GET /api/v1/inbox`
//! says the same in the same words ([`sentence`]).

use std::collections::HashMap;

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use maud::html;
use tahawul_domain::inbox::Item;
use tahawul_domain::{Case, Id, Text};
use tahawul_i18n::{Localizer, Message};

use super::Page;
use super::assessments::Names;
use crate::AppState;
use crate::access::Access;
use crate::anystore::AnyStore;
use crate::auth::AuthSession;
use crate::error::ApiResult;
use crate::pages::{in_digits, ltr_text};

/// The inbox of `access`'s user on `today` with the titles its sentences need.
pub(crate) async fn read(access: &Access<AnyStore>, today: jiff::civil::Date) -> ApiResult<(Vec<Item>, Titles)> {
    let items = access.inbox(today).await?;
    let mut titles = HashMap::new();
    if items.iter().any(|i| matches!(i, Item::Answer { .. })) {
        for c in access.consultations().await? {
            titles.insert(c.consultation.id.clone(), c.consultation.title.clone());
        }
    }
    Ok((items, titles))
}

/// Consultations' titles by id (the case does not hold consultations).
pub(crate) type Titles = HashMap<Id, Text>;

/// A date, period or number in the reader's digits, isolated left to right inside Arabic
/// (English needs no isolate, and the API's English text carries none).
fn ltr(loc: &Localizer, v: impl ToString) -> String {
    if loc.lang() == tahawul_i18n::Lang::Ar { ltr_text(loc, v) } else { in_digits(loc, v) }
}

/// What an item asks, in the reader's language, with names instead of ids.
pub(crate) fn sentence(loc: &Localizer, case: &Case, titles: &Titles, item: &Item) -> String {
    let lang = loc.lang();
    let names = Names { case, lang };
    let assessment = |id: &Id, msg: &'static str| {
        let m = Message::new(msg);
        match case.assessments.iter().find(|a| a.id == *id) {
            Some(a) => m
                .arg("factor", names.factor(a.factor.as_str()))
                .arg("area", names.area(a.area.as_str()))
                .arg("cycle", ltr(loc, a.cycle)),
            None => m.arg("factor", id.to_string()).arg("area", "").arg("cycle", ""),
        }
    };
    let msg = match item {
        Item::Endorse { assessment: id } => assessment(id, "pages-work-inbox-endorse"),
        Item::Returned { assessment: id, by: None } => assessment(id, "pages-work-inbox-returned"),
        Item::Returned { assessment: id, by: Some(by) } => {
            assessment(id, "pages-work-inbox-returned-by").arg("by", by.clone())
        }
        Item::Answer { consultation, version } => {
            Message::new("pages-work-inbox-answer").arg("version", ltr(loc, version)).arg(
                "title",
                titles.get(consultation).map_or_else(|| consultation.to_string(), |t| t.get(lang).to_string()),
            )
        }
        Item::Commitment { commitment, due, overdue } => {
            Message::new(if *overdue { "pages-work-inbox-commitment-overdue" } else { "pages-work-inbox-commitment" })
                .arg("due", ltr(loc, due))
                .arg(
                    "commitment",
                    case.commitments
                        .iter()
                        .find(|c| c.id == *commitment)
                        .map_or_else(|| commitment.to_string(), |c| c.text.get(lang).to_string()),
                )
        }
        Item::Deadline { phase, deadline, overdue } => {
            Message::new(if *overdue { "pages-work-inbox-deadline-overdue" } else { "pages-work-inbox-deadline" })
                .arg("deadline", ltr(loc, deadline))
                .arg(
                    "phase",
                    case.phase(phase.as_str()).map_or_else(|| phase.to_string(), |p| p.name.get(lang).to_string()),
                )
        }
        Item::Sign { round, again, .. } => {
            Message::new(if *again { "pages-work-inbox-sign-again" } else { "pages-work-inbox-sign" }).arg(
                "round",
                case.round(round.as_str()).map_or_else(|| round.to_string(), |r| r.name.get(lang).to_string()),
            )
        }
    };
    loc.format(&msg)
}

/// `GET /inbox`.
pub async fn page(State(state): State<AppState>, session: AuthSession, headers: HeaderMap) -> Response {
    let p = match Page::open(&session, &state, &headers, "/inbox").await {
        Ok(p) => p,
        Err(r) => return r,
    };
    let today = jiff::Zoned::now().date();
    let ((items, titles), case) = match (read(&p.access, today).await, p.access.case().await) {
        (Ok(i), Ok(c)) => (i, c),
        (Err(e), _) | (_, Err(e)) => return p.failure(e),
    };
    let title = p.tr("pages-work-inbox-title");
    let main = html! {
        h1 id="inbox-title" { (title) }
        p id="inbox-summary" role="status" {
            @if items.is_empty() { (p.tr("pages-work-inbox-none")) }
            @else { (p.fmt(Message::new("pages-work-inbox-count").arg("count", items.len()))) }
        }
        @if items.is_empty() {
            p class="hint" { (p.tr("pages-work-inbox-empty-why")) }
        } @else {
            ul id="inbox" {
                @for item in &items {
                    li data-kind=(item.kind()) {
                        @if item.overdue() {
                            strong class="overdue" { (p.tr("pages-work-inbox-overdue")) } " "
                        }
                        a href=(item.link()) { (sentence(&p.loc, &case, &titles, item)) }
                    }
                }
            }
        }
    };
    p.render(StatusCode::OK, &title, main)
}
