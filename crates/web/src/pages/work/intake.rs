//! Review, then accept (issue 16 item 4), as pages that work without scripts: `/intake` to
//! paste a text and submit it for review (and see the texts kept), `/intake/{id}` to see its
//! proposals — the quoted span highlighted in its context, the flags, the records each
//! restates — and accept or reject them, one or several (checkboxes), with the reviewer's
//! edits. The forms go through the API's own path (`routes::intake`), so the pages refuse what
//! the API refuses, with the same pointers.

use axum::extract::{Form, Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use serde_json::Value;
use tahawul_i18n::Lang;
use tahawul_store::{Intake, NewIntake, ProposalState};

use super::{Fields, Page};
use crate::AppState;
use crate::auth::AuthSession;
use crate::routes::intake::review::{AcceptBody, AcceptItem, Edits, TextEdit, accept_in};

/// `GET /intake`: the form and the texts kept.
pub async fn page(State(state): State<AppState>, session: AuthSession, headers: HeaderMap) -> Response {
    let p = match Page::open(&session, &state, &headers, "/intake").await {
        Ok(p) => p,
        Err(r) => return r,
    };
    let Some(submitter) = p.access.intake_submitter() else { return p.forbidden() };
    let kept = match submitter.list().await {
        Ok(k) => k,
        Err(e) => return p.failure(e),
    };
    let title = p.tr("pages-intake-title");
    let main = html! {
        h1 id="intake-title" { (title) }
        p class="hint" { (p.tr("pages-intake-intro")) }
        form method="post" action="/intake" class="stack" id="intake-form" {
            input type="hidden" name="csrf" value=(p.csrf);
            label for="text" { (p.tr("pages-intake-text")) }
            textarea name="text" id="text" rows="12" required dir="auto" {}
            label for="lang" { (p.tr("pages-intake-lang")) }
            select name="lang" id="lang" {
                option value="" { (p.tr("pages-intake-lang-detect")) }
                option value="ar" lang="ar" { "العربية" }
                option value="en" lang="en" { "English" }
            }
            button type="submit" id="submit-intake" { (p.tr("pages-intake-submit")) }
        }
        h2 { (p.tr("pages-intake-kept")) }
        @if kept.is_empty() {
            p id="no-intakes" { (p.tr("pages-intake-none")) }
        } @else {
            table id="intakes" {
                thead { tr {
                    th { "#" } th { (p.tr("pages-intake-submitted-by")) } th { (p.tr("pages-intake-at")) }
                    th { (p.tr("pages-intake-pending")) } th { (p.tr("pages-intake-accepted")) } th { (p.tr("pages-intake-rejected")) }
                } }
                tbody { @for i in &kept {
                    tr {
                        td { a href={ "/intake/" (i.id) } { (p.n(i.id as f64)) } }
                        td { (i.submitted_by) }
                        td { (p.when(&i.submitted_at)) }
                        @for s in [ProposalState::Pending, ProposalState::Accepted, ProposalState::Rejected] {
                            td { (p.n(i.proposals.iter().filter(|x| x.state == s).count() as f64)) }
                        }
                    }
                } }
            }
        }
    };
    p.render(StatusCode::OK, &title, main)
}

/// `POST /intake`: reads and keeps the text, then shows its proposals.
pub async fn submit(
    State(state): State<AppState>,
    session: AuthSession,
    headers: HeaderMap,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let fields = Fields(fields);
    let p = match Page::post(&session, &state, &headers, "/intake", fields.get("csrf")).await {
        Ok(p) => p,
        Err(r) => return r,
    };
    let Some(submitter) = p.access.intake_submitter() else { return p.forbidden() };
    let text = fields.text("text");
    let mut report = match crate::routes::intake::read(&p.access, text.clone(), fields.get("lang")).await {
        Ok(r) => r,
        Err(e) => return p.failure(e),
    };
    let lang = report["document"]["language"].as_str().unwrap_or("en").to_string();
    let proposals = match report.get_mut("proposals").map(Value::take) {
        Some(Value::Array(ps)) => ps,
        _ => Vec::new(),
    };
    if let Some(o) = report.as_object_mut() {
        o.remove("proposals");
    }
    match submitter.submit(NewIntake { text, lang, report, proposals }).await {
        Ok(i) => Redirect::to(&format!("/intake/{}", i.id)).into_response(),
        Err(e) => p.failure(e),
    }
}

/// The text around a span, the span marked: `before`, `quote`, `after` (60 characters each
/// side), cut on characters, not bytes.
fn in_context(text: &str, start: usize, end: usize) -> (String, String, String) {
    let chars: Vec<char> = text.chars().collect();
    let end = end.min(chars.len());
    let start = start.min(end);
    let from = start.saturating_sub(60);
    let to = (end + 60).min(chars.len());
    (chars[from..start].iter().collect(), chars[start..end].iter().collect(), chars[end..to].iter().collect())
}

fn both(v: &Value, lang: Lang) -> String {
    let (a, b) = if lang == Lang::Ar { ("ar", "en") } else { ("en", "ar") };
    v[a].as_str().or_else(|| v[b].as_str()).unwrap_or("").to_string()
}

fn list(v: &Value) -> String {
    v.as_array().map(|a| a.iter().filter_map(Value::as_str).collect::<Vec<_>>().join(", ")).unwrap_or_default()
}

/// `GET /intake/{id}`: the proposals, each in its context, to accept or reject.
pub async fn show(
    State(state): State<AppState>,
    session: AuthSession,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    let here = format!("/intake/{id}");
    let p = match Page::open(&session, &state, &headers, &here).await {
        Ok(p) => p,
        Err(r) => return r,
    };
    let Some(submitter) = p.access.intake_submitter() else { return p.forbidden() };
    let Ok(n) = id.parse::<i64>() else { return p.not_found() };
    let intake = match submitter.get(n).await {
        Ok(i) => i,
        Err(e) => return p.failure(e),
    };
    let reviews = p.access.intake_reviewer().is_some();
    let title = p.fmt(tahawul_domain::Message::new("pages-intake-one-title").arg("id", n));
    let main = html! {
        h1 id="intake-title" { (title) }
        p { (p.tr("pages-intake-submitted-by")) ": " (intake.submitted_by) " · " (p.when(&intake.submitted_at))
            " · SHA-256 " code dir="ltr" { (intake.digest) } }
        (flags(&p, &intake))
        form method="post" action={ "/intake/" (n) "/accept" } id="review-form" class="stack" {
            input type="hidden" name="csrf" value=(p.csrf);
            table id="proposals" {
                thead { tr {
                    th { (p.tr("pages-intake-select")) } th { (p.tr("pages-intake-kind")) } th { (p.tr("pages-intake-proposal")) }
                    th { (p.tr("pages-intake-quote")) } th { (p.tr("pages-intake-state")) }
                } }
                tbody { @for x in &intake.proposals { (row(&p, &intake, x, reviews)) } }
            }
            @if reviews {
                p class="hint" { (p.tr("pages-intake-edits-hint")) }
                label for="reason" { (p.tr("pages-intake-reason")) }
                textarea name="reason" id="reason" rows="2" {}
                div class="filters" {
                    button type="submit" id="accept-selected" { (p.tr("pages-intake-accept")) }
                    button type="submit" id="reject-selected" formaction={ "/intake/" (n) "/reject" } { (p.tr("pages-intake-reject")) }
                }
            }
        }
        p { a href="/intake" { (p.tr("pages-intake-back")) } }
    };
    p.render(StatusCode::OK, &title, main)
}

fn flags(p: &Page, intake: &Intake) -> Markup {
    let flags = intake.report["flags"].as_array().cloned().unwrap_or_default();
    html! {
        @if !flags.is_empty() {
            h2 { (p.tr("pages-intake-flags")) }
            ul id="flags" { @for f in &flags {
                li class="flag" {
                    code { (f["kind"].as_str().unwrap_or("")) } " "
                    mark dir="auto" { (f["quote"].as_str().unwrap_or("")) }
                    @if !f["suggestion"].is_null() { " → " (both(&f["suggestion"], p.loc.lang())) }
                }
            } }
        }
    }
}

fn row(p: &Page, intake: &Intake, x: &tahawul_store::IntakeProposal, reviews: bool) -> Markup {
    let prop = &x.proposal;
    let n = x.index;
    let text = intake.text.as_deref().unwrap_or("");
    let (start, end) =
        (prop["span"]["start"].as_u64().unwrap_or(0) as usize, prop["span"]["end"].as_u64().unwrap_or(0) as usize);
    let (before, quote, after) = in_context(text, start, end);
    let pending = x.state == ProposalState::Pending;
    let commitment = prop["kind"] == "commitment";
    let field = |name: &str| format!("{name}-{n}");
    html! {
        tr id={ "proposal-" (n) } {
            td { @if reviews && pending {
                input type="checkbox" name="p" value=(n) id={ "p-" (n) } aria-label={ "#" (n) };
            } }
            td { (prop["kind"].as_str().unwrap_or("")) }
            td {
                p dir="auto" { (both(&prop["text"], p.loc.lang())) }
                @if !prop["party"].as_array().is_none_or(|a| a.is_empty()) { p { (p.tr("pages-intake-party")) ": " (list(&prop["party"])) } }
                @if let Some(d) = prop["due"].as_str() { p { (p.tr("pages-intake-due")) ": " span dir="ltr" { (d) } } }
                @if !prop["matches"].as_array().is_none_or(|a| a.is_empty()) {
                    p class="match" { (p.tr("pages-intake-matches")) ": " (list(&prop["matches"])) }
                }
                @if reviews && pending && commitment {
                    details {
                        summary { (p.tr("pages-intake-edit")) }
                        @for (name, label) in [("en", "pages-intake-edit-en"), ("ar", "pages-intake-edit-ar"), ("parties", "pages-intake-party"),
                            ("due", "pages-intake-due"), ("theme", "pages-intake-theme"), ("round", "pages-intake-round"), ("id", "pages-intake-id")] {
                            label for=(field(name)) { (p.tr(label)) }
                            input type="text" name=(field(name)) id=(field(name)) dir="auto";
                        }
                    }
                }
            }
            td dir="auto" { (before) mark { (quote) } (after) }
            td {
                (p.tr(match x.state {
                    ProposalState::Pending => "pages-intake-pending",
                    ProposalState::Accepted => "pages-intake-accepted",
                    ProposalState::Rejected => "pages-intake-rejected",
                }))
                @if let Some(r) = &x.record { br; code class="record" { (r.id) } }
                @if let Some(by) = &x.reviewed_by { br; (by) }
                @if let Some(why) = &x.reason { br; q { (why) } }
            }
        }
    }
}

/// The selected proposals (`p`), each with the edits typed for it.
fn selected(fields: &Fields) -> Result<Vec<AcceptItem>, ()> {
    let mut out = Vec::new();
    for v in fields.all("p") {
        let index: u64 = v.parse().map_err(|_| ())?;
        let get = |name: &str| fields.get(&format!("{name}-{index}")).map(str::to_string);
        let (en, ar) = (get("en"), get("ar"));
        let edits = Edits {
            id: get("id"),
            text: (en.is_some() || ar.is_some()).then_some(TextEdit { en, ar }),
            parties: get("parties")
                .map(|s| s.split([',', '،', ' ']).filter(|x| !x.is_empty()).map(str::to_string).collect()),
            due: get("due"),
            theme: get("theme"),
            round: get("round"),
        };
        out.push(AcceptItem { index, edits });
    }
    Ok(out)
}

/// `POST /intake/{id}/accept`: the API's accept, from the form.
pub async fn accept(
    State(state): State<AppState>,
    session: AuthSession,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let fields = Fields(fields);
    let here = format!("/intake/{id}");
    let p = match Page::post(&session, &state, &headers, &here, fields.get("csrf")).await {
        Ok(p) => p,
        Err(r) => return r,
    };
    let Some(r) = p.access.intake_reviewer() else { return p.forbidden() };
    let (Ok(n), Ok(proposals)) = (id.parse::<i64>(), selected(&fields)) else { return p.not_found() };
    match accept_in(&r, n, AcceptBody { document: fields.get("document").map(str::to_string), proposals }).await {
        Ok(_) => Redirect::to(&here).into_response(),
        Err(e) => p.failure(e),
    }
}

/// `POST /intake/{id}/reject`: the API's reject, from the form.
pub async fn reject(
    State(state): State<AppState>,
    session: AuthSession,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let fields = Fields(fields);
    let here = format!("/intake/{id}");
    let p = match Page::post(&session, &state, &headers, &here, fields.get("csrf")).await {
        Ok(p) => p,
        Err(r) => return r,
    };
    let Some(r) = p.access.intake_reviewer() else { return p.forbidden() };
    let indices: Result<Vec<u64>, _> = fields.all("p").iter().map(|v| v.parse::<u64>()).collect();
    let (Ok(n), Ok(indices)) = (id.parse::<i64>(), indices) else { return p.not_found() };
    match r.reject(n, &indices, &fields.text("reason")).await {
        Ok(_) => Redirect::to(&here).into_response(),
        Err(e) => p.failure(e),
    }
}

/// The review pages' routes.
pub fn router() -> axum::Router<AppState> {
    use axum::routing::{get, post};
    axum::Router::new()
        .route("/intake", get(page).post(submit))
        .route("/intake/{id}", get(show))
        .route("/intake/{id}/accept", post(accept))
        .route("/intake/{id}/reject", post(reject))
}
