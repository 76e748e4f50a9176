//! `/commitments/new`: a commitment recorded on a page by those who may create one (the
//! secretariat, and delegations for their own drafts: `RecordWriter::creates`). The form is
//! sent as the API's record body to the same `RecordWriter::create`, so the domain's checks
//! (`rules::admit`: ids, references, texts, dates, statuses, the addendum to signed minutes)
//! are the API's; each problem is shown at its field, and a write is confirmed on the page.

use axum::extract::{Form, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use maud::{Markup, html};
use serde::Deserialize;
use serde_json::{Value, json};
use tahawul_domain::CommitmentStatus;
use tahawul_i18n::Message;
use tahawul_store::{RecordKind, Role};

use super::{Ctx, check_csrf, num, see};
use crate::AppState;
use crate::access::RecordInput;
use crate::auth::AuthSession;
use crate::error::ApiError;

const STATUSES: [CommitmentStatus; 4] =
    [CommitmentStatus::NotStarted, CommitmentStatus::Minimal, CommitmentStatus::Intermediate, CommitmentStatus::Full];

/// The link from the ledger, for those who may record a commitment.
pub(super) fn link(cx: &Ctx) -> Markup {
    if !may_create(cx) {
        return html! {};
    }
    html! { p { a id="new-commitment" class="button" href="/commitments/new" { (cx.loc.tr("pages-commitment-new-link")) } } }
}

fn may_create(cx: &Ctx) -> bool {
    cx.access.record_writer().is_some_and(|w| w.creates(RecordKind::Commitment))
}

/// `?created=ID` after a write.
#[derive(Debug, Deserialize)]
pub struct Created {
    created: Option<String>,
}

/// The form's values and the problems at each field.
#[derive(Default)]
struct Sent {
    fields: Vec<(String, String)>,
    /// (the form field, or none for the whole form; what, and how to fix it).
    problems: Vec<(Option<&'static str>, String)>,
}

impl Sent {
    fn get(&self, name: &str) -> &str {
        self.fields.iter().find(|(k, _)| k == name).map_or("", |(_, v)| v.as_str())
    }
    fn all(&self, name: &str) -> Vec<&str> {
        self.fields.iter().filter(|(k, _)| k == name).map(|(_, v)| v.as_str()).collect()
    }
}

/// `GET /commitments/new`.
pub async fn page(
    State(state): State<AppState>,
    session: AuthSession,
    headers: HeaderMap,
    Query(q): Query<Created>,
) -> Response {
    let cx = match Ctx::new(&session, &state, &headers, "/commitments/new").await {
        Ok(c) => c,
        Err(r) => return r,
    };
    if !may_create(&cx) {
        return cx.error(ApiError::Forbidden, "/commitments");
    }
    // The confirmation names only a commitment this reader can see.
    let created = match q.created.as_deref() {
        Some(id) => cx.access.get(RecordKind::Commitment, id).await.ok().map(|r| r.id),
        None => None,
    };
    render(&cx, StatusCode::OK, &Sent::default(), created.as_deref()).await
}

/// `POST /commitments/new`: creates it, or shows the form again with each problem at its field.
pub async fn create(
    State(state): State<AppState>,
    session: AuthSession,
    headers: HeaderMap,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let cx = match Ctx::new(&session, &state, &headers, "/commitments/new").await {
        Ok(c) => c,
        Err(r) => return r,
    };
    let csrf = fields.iter().find(|(k, _)| k == "csrf").map_or("", |(_, v)| v.as_str());
    if let Some(r) = check_csrf(&session, &headers, csrf).await {
        return r;
    }
    let Some(w) = cx.access.record_writer() else {
        return cx.error(ApiError::Forbidden, "/commitments");
    };
    let sent =
        Sent { fields: fields.into_iter().map(|(k, v)| (k, v.replace("\r\n", "\n"))).collect(), problems: vec![] };
    let id = sent.get("id").trim().to_string();
    let ids = |name: &str| -> Vec<String> {
        sent.all(name)
            .iter()
            .flat_map(|v| v.split([',', ' ', '\n']))
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect()
    };
    let due = sent.get("due").trim();
    // The values go to the domain as typed: it is the domain that says what is valid.
    let status = sent.get("status").trim();
    let body = json!({
        "id": id,
        "parties": sent.all("parties"),
        "text": { "en": sent.get("text_en").trim(), "ar": sent.get("text_ar").trim() },
        "theme": sent.get("theme").trim(),
        "round": sent.get("round").trim(),
        "due": if due.is_empty() { Value::Null } else { Value::from(due) },
        "status": status.parse::<u8>().map_or_else(|_| Value::from(status), Value::from),
        "status_note": { "en": sent.get("status_note_en").trim(), "ar": sent.get("status_note_ar").trim() },
        "illustrative": false,
        "evidence": ids("evidence"),
        "sources": ids("sources"),
    });
    let shared = w.shares().then(|| !sent.get("shared").is_empty());
    match w.create(RecordKind::Commitment, &id, RecordInput { body, shared, releasable: None }).await {
        Ok(r) => see(&format!("/commitments/new?created={}", crate::pages::encode(&r.id))),
        Err(e) if e.status() == StatusCode::UNPROCESSABLE_ENTITY || e.status() == StatusCode::CONFLICT => {
            let problems = problems(&cx, &e, &id);
            render(&cx, e.status(), &Sent { problems, ..sent }, None).await
        }
        Err(e) => cx.error(e, "/commitments/new"),
    }
}

/// The form field a problem's JSON pointer (`/body/text/en`) is about.
fn field_of(pointer: &str) -> Option<&'static str> {
    let rest = pointer.strip_prefix("/body/")?;
    let mut parts = rest.split('/');
    Some(match (parts.next()?, parts.next()) {
        ("id", _) => "id",
        ("parties", _) => "parties",
        ("text", Some("ar")) => "text_ar",
        ("text", _) => "text_en",
        ("theme", _) => "theme",
        ("round", _) => "round",
        ("due", _) => "due",
        ("status", _) => "status",
        ("status_note", Some("ar")) => "status_note_ar",
        ("status_note", _) => "status_note_en",
        ("evidence", _) => "evidence",
        ("sources", _) => "sources",
        _ => return None,
    })
}

/// The refusal's problems, each at its field where it has one.
fn problems(cx: &Ctx, e: &ApiError, id: &str) -> Vec<(Option<&'static str>, String)> {
    let loc = &cx.loc;
    match e {
        ApiError::Invalid(ps) => ps
            .iter()
            .map(|p| {
                let what = p.detail.render(loc);
                let text = match &p.help {
                    Some(h) => format!("{what} — {}", loc.format(h)),
                    None => what,
                };
                (field_of(&p.pointer), text)
            })
            .collect(),
        ApiError::Conflict { .. } => {
            vec![(Some("id"), loc.format(&Message::new("pages-commitment-id-taken").arg("id", id)))]
        }
        e => {
            let doc = e.problem(loc);
            vec![(None, doc["detail"].as_str().or(doc["title"].as_str()).unwrap_or_default().to_string())]
        }
    }
}

async fn render(cx: &Ctx, status: StatusCode, sent: &Sent, created: Option<&str>) -> Response {
    let loc = &cx.loc;
    let lang = loc.lang();
    let case = match cx.access.case().await {
        Ok(c) => c,
        Err(e) => return cx.error(e, "/commitments"),
    };
    let may_share = cx.access.record_writer().is_some_and(|w| w.shares());
    let fresh = sent.fields.is_empty();
    let mine = cx.access.user().party.clone();
    let title = loc.tr("pages-commitment-new-title");
    let errors =
        |f: &str| sent.problems.iter().filter(|(x, _)| *x == Some(f)).map(|(_, t)| t.as_str()).collect::<Vec<_>>();
    let invalid = |f: &str| if errors(f).is_empty() { "false" } else { "true" };
    let described = |f: &str, hint: bool| {
        let mut ids = Vec::new();
        if hint {
            ids.push(format!("{f}-hint"));
        }
        if !errors(f).is_empty() {
            ids.push(format!("{f}-error"));
        }
        // No attribute at all when nothing describes the field.
        (!ids.is_empty()).then(|| ids.join(" "))
    };
    let error = |f: &str| {
        let es = errors(f);
        html! { @if !es.is_empty() { p class="error" id={ (f) "-error" } { @for e in &es { (e) br; } } } }
    };
    let mut themes: Vec<&str> = case.commitments.iter().map(|c| c.theme.as_str()).collect();
    themes.sort_unstable();
    themes.dedup();
    let chosen_parties = sent.all("parties");
    let main = html! {
        p { a href="/commitments" { (loc.tr("pages-commitment-back")) } }
        h1 id="new-commitment-title" { (title) }
        @if let Some(id) = created {
            p id="done" role="status" class="met" {
                (crate::pages::with_slot(&loc.format(&Message::new("pages-commitment-recorded").arg("id", crate::pages::SLOT)), html! { bdi dir="ltr" { (id) } }))
                " "
                a href={ "/commitments#c-" (id) } { (loc.tr("pages-commitment-see-ledger")) }
            }
        }
        @if !sent.problems.is_empty() {
            div id="form-errors" role="alert" class="error" {
                p { (loc.tr("pages-commitment-refused")) }
                ul { @for (f, t) in &sent.problems { li { @match f { Some(f) => a href={ "#" (f) } { (t) }, None => (t) } } } }
            }
        }
        form id="commitment-form" method="post" action="/commitments/new" class="stack wide" {
            input type="hidden" name="csrf" value=(cx.csrf);
            label for="id" { (loc.tr("pages-commitment-id")) }
            input id="id" name="id" type="text" dir="ltr" required maxlength="100" value=(sent.get("id"))
                aria-invalid=(invalid("id")) aria-describedby=[described("id", true)];
            p class="hint" id="id-hint" { (loc.tr("pages-commitment-id-hint")) }
            (error("id"))
            fieldset id="parties" aria-invalid=(invalid("parties")) aria-describedby=[described("parties", false)] {
                legend { (loc.tr("pages-commitment-parties")) }
                @for p in &case.parties {
                    @let on = if fresh { mine.as_deref() == Some(p.id.as_str()) } else { chosen_parties.contains(&p.id.as_str()) };
                    label class="check" { input type="checkbox" name="parties" value=(p.id.as_str()) checked[on]; " " (p.name.get(lang)) }
                }
            }
            (error("parties"))
            label for="text_en" { (loc.tr("pages-commitment-text-en")) }
            textarea id="text_en" name="text_en" rows="3" lang="en" dir="ltr" required aria-invalid=(invalid("text_en")) aria-describedby=[described("text_en", false)] { (sent.get("text_en")) }
            (error("text_en"))
            label for="text_ar" { (loc.tr("pages-commitment-text-ar")) }
            textarea id="text_ar" name="text_ar" rows="3" lang="ar" dir="rtl" required aria-invalid=(invalid("text_ar")) aria-describedby=[described("text_ar", false)] { (sent.get("text_ar")) }
            (error("text_ar"))
            label for="theme" { (loc.tr("pages-record-theme")) }
            input id="theme" name="theme" type="text" dir="ltr" required list="themes" value=(sent.get("theme"))
                aria-invalid=(invalid("theme")) aria-describedby=[described("theme", true)];
            datalist id="themes" { @for t in &themes { option value=(t) {} } }
            p class="hint" id="theme-hint" { (loc.tr("pages-commitment-theme-hint")) }
            (error("theme"))
            label for="round" { (loc.tr("pages-record-round")) }
            select id="round" name="round" aria-invalid=(invalid("round")) aria-describedby=[described("round", false)] {
                @for r in case.rounds.iter().rev() { option value=(r.id.as_str()) selected[sent.get("round") == r.id.as_str()] { (r.name.get(lang)) } }
            }
            (error("round"))
            label for="due" { (loc.tr("pages-commitment-due")) }
            input id="due" name="due" type="date" value=(sent.get("due")) aria-invalid=(invalid("due")) aria-describedby=[described("due", false)];
            (error("due"))
            label for="status" { (loc.tr("pages-record-status")) }
            select id="status" name="status" aria-invalid=(invalid("status")) aria-describedby=[described("status", false)] {
                @for s in STATUSES { option value=(u8::from(s)) selected[sent.get("status") == u8::from(s).to_string()] { (num(loc, u8::from(s))) " · " (loc.tr(s.message_id())) } }
            }
            (error("status"))
            label for="status_note_en" { (loc.tr("pages-commitment-note-en")) }
            textarea id="status_note_en" name="status_note_en" rows="2" lang="en" dir="ltr" aria-invalid=(invalid("status_note_en")) aria-describedby=[described("status_note_en", false)] { (sent.get("status_note_en")) }
            (error("status_note_en"))
            label for="status_note_ar" { (loc.tr("pages-commitment-note-ar")) }
            textarea id="status_note_ar" name="status_note_ar" rows="2" lang="ar" dir="rtl" aria-invalid=(invalid("status_note_ar")) aria-describedby=[described("status_note_ar", false)] { (sent.get("status_note_ar")) }
            (error("status_note_ar"))
            label for="sources" { (loc.tr("pages-commitment-sources")) }
            input id="sources" name="sources" type="text" dir="ltr" value=(sent.get("sources")) aria-invalid=(invalid("sources")) aria-describedby=[described("sources", true)];
            p class="hint" id="sources-hint" { (loc.tr("pages-commitment-documents-hint")) }
            (error("sources"))
            label for="evidence" { (loc.tr("pages-commitment-evidence")) }
            input id="evidence" name="evidence" type="text" dir="ltr" value=(sent.get("evidence")) aria-invalid=(invalid("evidence")) aria-describedby=[described("evidence", true)];
            p class="hint" id="evidence-hint" { (loc.tr("pages-commitment-documents-hint")) }
            (error("evidence"))
            @if may_share {
                @let on = if fresh { cx.access.user().role == Role::Secretariat } else { !sent.get("shared").is_empty() };
                label class="check" { input type="checkbox" name="shared" value="1" checked[on]; " " (loc.tr("pages-commitment-shared")) }
            }
            button type="submit" id="record-commitment" { (loc.tr("pages-commitment-submit")) }
        }
    };
    (status, cx.page(&title, "/commitments/new", main)).into_response()
}
