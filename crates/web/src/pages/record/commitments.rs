//! `/commitments`: the commitment ledger — filters by party, theme, round and overdue; each
//! commitment's status with its history of changes and evidence; a status change form for
//! those who may make one; and the share fulfilled per party and per theme over time.

use axum::extract::{Form, Path, RawQuery, State};
use axum::http::HeaderMap;
use axum::response::Response;
use maud::html;
use serde::Deserialize;
use tahawul_domain::record::share_fulfilled;
use tahawul_domain::{CommitmentStatus, Id, Month};
use tahawul_i18n::Message;
use tahawul_store::Role;

use super::{Ctx, chart, check_csrf, num, see, when};
use crate::AppState;
use crate::auth::AuthSession;
use crate::pages::table::{Cell, Column, Key, Row, Shown, Table, TableQuery};

const STATUSES: [CommitmentStatus; 4] =
    [CommitmentStatus::NotStarted, CommitmentStatus::Minimal, CommitmentStatus::Intermediate, CommitmentStatus::Full];

/// `GET /commitments`.
pub async fn page(
    State(state): State<AppState>,
    session: AuthSession,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> Response {
    let q = TableQuery::parse(raw.as_deref());
    let cx = match Ctx::new(&session, &state, &headers, &q.link("/commitments", &[])).await {
        Ok(c) => c,
        Err(r) => return r,
    };
    let loc = &cx.loc;
    let lang = loc.lang();
    let (case, follow_ups) = match (cx.access.case().await, cx.access.follow_ups().await) {
        (Ok(c), Ok(f)) => (c, f),
        (Err(e), _) | (_, Err(e)) => return cx.error(e, "/dashboard"),
    };
    let today = jiff::Zoned::now().date();
    // Overdue is a state of the day, not a column: the page narrows by it itself.
    let overdue = q.filter("overdue").is_some();
    let shown: Vec<_> =
        case.commitments.iter().filter(|c| !overdue || (c.is_open() && c.due.is_some_and(|d| d < today))).collect();
    let party_name = |id: &str| case.party(id).map_or(id.to_string(), |p| p.name.get(lang).to_string());
    let user = cx.access.user().clone();
    let may_change = |parties: &[Id]| match (user.role, &user.party) {
        (Role::Secretariat, _) => true,
        (Role::DelegationHead | Role::DelegationMember, Some(p)) => parties.iter().any(|x| x.as_str() == p),
        _ => false,
    };
    // Months from the first round to now, for the chart.
    let first = case.rounds.iter().map(|r| r.end).min().unwrap_or(today);
    let mut months = vec![Month::of_date(first)];
    while let Some(last) = months.last().copied()
        && last < Month::of_date(today)
        && months.len() < 240
    {
        months.push(last.plus(1));
    }
    let by_party: Vec<(String, Vec<Option<f64>>)> =
        share_fulfilled(&case, &follow_ups, false, &months).into_iter().map(|(k, v)| (party_name(&k), v)).collect();
    let by_theme: Vec<(String, Vec<Option<f64>>)> =
        share_fulfilled(&case, &follow_ups, true, &months).into_iter().collect();
    let pct = |v: Option<f64>| v.map_or("—".to_string(), |v| format!("{}%", num(loc, (v * 100.0).round() as i64)));
    let title = loc.tr("pages-record-commitments-title");
    let mut table = Table::new(
        "ledger",
        title.clone(),
        vec![
            Column::new("commitment", loc.tr("pages-record-commitment")),
            Column::new("party", loc.tr("pages-record-party")).filter(),
            Column::new("theme", loc.tr("pages-record-theme")).filter(),
            Column::new("round", loc.tr("pages-record-round")).filter(),
            Column::new("due", loc.tr("pages-record-due")),
            Column::new("status", loc.tr("pages-record-status")).filter(),
        ],
    );
    table.controls = Some((
        html! { label { input type="checkbox" name="overdue" value="1" checked[overdue]; " " (loc.tr("pages-record-overdue")) } },
        &["overdue"],
    ));
    table.rows = shown
        .iter()
        .map(|c| {
            let history = follow_ups.iter().find(|x| x.id == c.id).map(|x| x.changes.clone()).unwrap_or_default();
            let text = c.text.get(lang);
            let parties: Vec<(String, String)> =
                c.parties.iter().map(|p| (p.to_string(), party_name(p.as_str()))).collect();
            let party_text = parties.iter().map(|(_, n)| n.as_str()).collect::<Vec<_>>().join(&loc.tr("pages-record-list-sep"));
            let round_name = case.round(c.round.as_str()).map_or(c.round.to_string(), |r| r.name.get(lang).to_string());
            let status = format!("{} · {}", u8::from(c.status), loc.tr(c.status.message_id()));
            let late = c.due.is_some_and(|d| c.is_open() && d < today);
            Row::new(vec![
                Cell::new(Key::text(text), text, html! {
                    (text)
                    details {
                        summary { (loc.format(&Message::new("pages-record-history").arg("count", history.len()))) }
                        p { (c.status_note.get(lang)) }
                        @if !history.is_empty() {
                            ol class="history" {
                                @for h in &history {
                                    li { (loc.format(&Message::new("pages-record-history-line")
                                        .arg("at", when(loc, h.at.strftime("%Y-%m-%d")))
                                        .arg("from", loc.tr(h.from.message_id()))
                                        .arg("to", loc.tr(h.to.message_id()))
                                        .arg("by", h.by.as_str())))
                                        ": " q { (h.evidence) }
                                        @if !h.documents.is_empty() { " (" (h.documents.iter().map(|d| d.to_string()).collect::<Vec<_>>().join(", ")) ")" }
                                    }
                                }
                            }
                        }
                        @if may_change(&c.parties) {
                            form method="post" action={ "/commitments/" (c.id) "/status" } class="stack" {
                                input type="hidden" name="csrf" value=(cx.csrf);
                                label for={ "st-" (c.id) } { (loc.tr("pages-record-new-status")) }
                                select id={ "st-" (c.id) } name="status" {
                                    @for s in STATUSES { option value=(u8::from(s)) selected[s == c.status] { (num(loc, u8::from(s))) " · " (loc.tr(s.message_id())) } }
                                }
                                label for={ "ev-" (c.id) } { (loc.tr("pages-record-evidence")) }
                                textarea id={ "ev-" (c.id) } name="evidence" rows="3" required {}
                                label for={ "doc-" (c.id) } { (loc.tr("pages-record-evidence-documents")) }
                                input id={ "doc-" (c.id) } name="documents" dir="ltr";
                                button type="submit" { (loc.tr("pages-record-change-status")) }
                            }
                        }
                    }
                }),
                Cell::new(Key::text(&party_text), party_text.clone(), html! { (party_text) }).filter_any(parties),
                Cell::text(c.theme.to_string()),
                Cell::new(Key::text(&round_name), c.round.to_string(), html! { a href={ "/rounds/" (c.round) } { (c.round) } })
                    .filter_any(vec![(c.round.to_string(), round_name.clone())]),
                Cell::new(
                    c.due.map_or(Key::Empty, |d| Key::Int(i64::from(d.year()) * 10_000 + i64::from(d.month()) * 100 + i64::from(d.day()))),
                    c.due.map_or(String::new(), |d| d.to_string()),
                    html! { @match c.due { Some(d) => { (when(loc, d)) @if late { " " strong class="not-met" { (loc.tr("pages-record-overdue-mark")) } } }, None => "—" } },
                ),
                Cell::new(Key::Int(i64::from(u8::from(c.status))), status, html! { (num(loc, u8::from(c.status))) " · " (loc.tr(c.status.message_id())) })
                    .filter_any(vec![(u8::from(c.status).to_string(), loc.tr(c.status.message_id()))])
                    .class(format!("status-{}", u8::from(c.status))),
            ])
            .id(format!("c-{}", c.id))
        })
        .collect();
    let ledger = match table.show(&q, loc, "/commitments") {
        Shown::Csv(r) => return r,
        Shown::Page(m) => m,
    };
    let main = html! {
        h1 id="commitments-title" { (title) }
        p { a id="commitments-pdf" href="/commitments.pdf" type="application/pdf" download { (loc.tr("documents-link-commitments")) } }
        (super::new_commitment::link(&cx))
        (ledger)
        h2 { (loc.tr("pages-record-share-title")) }
        p { (loc.tr("pages-record-share-explain")) }
        (chart::lines("share-party", loc, &loc.tr("pages-record-share-party"), &loc.tr("pages-record-share-desc"), &months, &by_party))
        (chart::lines("share-theme", loc, &loc.tr("pages-record-share-theme"), &loc.tr("pages-record-share-desc"), &months, &by_theme))
        table id="share-table" {
            caption { (loc.tr("pages-record-share-table")) }
            thead { tr { th scope="col" { (loc.tr("pages-record-group")) } th scope="col" { (loc.tr("pages-record-share-now")) } } }
            tbody {
                @for (name, v) in by_party.iter().chain(by_theme.iter()) {
                    tr { th scope="row" { (name) } td { (pct(v.last().copied().flatten())) } }
                }
            }
        }
    };
    cx.page(&title, "/commitments", main)
}

/// A status change.
#[derive(Debug, Deserialize)]
pub struct ChangeForm {
    csrf: String,
    status: u8,
    evidence: String,
    #[serde(default)]
    documents: String,
}

/// `POST /commitments/{id}/status`.
pub async fn change(
    State(state): State<AppState>,
    session: AuthSession,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(f): Form<ChangeForm>,
) -> Response {
    let back = "/commitments";
    let cx = match Ctx::new(&session, &state, &headers, back).await {
        Ok(c) => c,
        Err(r) => return r,
    };
    if let Some(r) = check_csrf(&session, &headers, &f.csrf).await {
        return r;
    }
    let Some(w) = cx.access.follow_up_writer() else {
        return cx.error(crate::ApiError::Forbidden, back);
    };
    let Ok(to) = CommitmentStatus::try_from(f.status) else {
        return cx.error(
            crate::ApiError::Invalid(vec![crate::error::FieldProblem::msg(
                "/status",
                Message::new("record-api-status-range").arg("status", u32::from(f.status)),
            )]),
            back,
        );
    };
    let mut docs = Vec::new();
    for d in f.documents.split([',', ' ']).filter(|d| !d.is_empty()) {
        match Id::parse(d) {
            Some(i) => docs.push(i),
            None => {
                return cx.error(
                    crate::ApiError::Invalid(vec![crate::error::FieldProblem::msg(
                        "/documents",
                        Message::new("record-api-bad-id").arg("id", d),
                    )]),
                    back,
                );
            }
        }
    }
    match w.change(&id, to, &f.evidence, docs).await {
        Ok(_) => see(&format!("/commitments#c-{id}")),
        Err(e) => cx.error(e, back),
    }
}
