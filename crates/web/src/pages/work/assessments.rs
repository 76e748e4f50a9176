//! Assessments: the list (filtered by area, factor and state), a new draft, one assessment
//! with its workflow history and the steps the reader's role may take (edit a draft, submit,
//! endorse, return with reasons). Every write goes through the access layer, as the API's do.

use axum::extract::{Form, Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use serde_json::{Value, json};
use tahawul_domain::workflow::{awaits_review_by, endorsements_since_submit};
use tahawul_domain::{Assessment, AssessmentState, Case, Id, Period, Text};
use tahawul_i18n::{Lang, Message};
use tahawul_store::{Record, RecordKind, Role, WorkflowAction, WorkflowStep};

use super::{FieldError, Fields, Page, error_summary, field_error};
use crate::AppState;
use crate::access::RecordInput;
use crate::auth::AuthSession;
use crate::error::ApiError;
use crate::pages::table::{Cell, Column, Key, Row, Shown, Table, TableQuery};

const STATES: [(AssessmentState, &str, &str); 4] = [
    (AssessmentState::Draft, "draft", "assessment-draft"),
    (AssessmentState::Submitted, "submitted", "assessment-submitted"),
    (AssessmentState::Endorsed, "endorsed", "assessment-endorsed"),
    (AssessmentState::Returned, "returned", "assessment-returned"),
];

fn state_word(p: &Page, s: AssessmentState) -> String {
    STATES.iter().find(|(x, _, _)| *x == s).map_or_else(String::new, |(_, _, id)| p.tr(id))
}

fn state_code(s: AssessmentState) -> &'static str {
    STATES.iter().find(|(x, _, _)| *x == s).map_or("draft", |(_, c, _)| c)
}

/// Names in the reader's language, looked up in the case as the reader sees it.
pub(crate) struct Names<'a> {
    pub(crate) case: &'a Case,
    pub(crate) lang: Lang,
}

impl Names<'_> {
    pub(crate) fn factor(&self, id: &str) -> String {
        self.case
            .factors
            .iter()
            .find(|f| f.id.as_str() == id)
            .map_or_else(|| id.to_string(), |f| f.name.get(self.lang).to_string())
    }
    pub(crate) fn area(&self, id: &str) -> String {
        self.case
            .areas
            .iter()
            .find(|a| a.id.as_str() == id)
            .map_or_else(|| id.to_string(), |a| a.name.get(self.lang).to_string())
    }
    fn party(&self, id: &str) -> String {
        self.case
            .parties
            .iter()
            .find(|a| a.id.as_str() == id)
            .map_or_else(|| id.to_string(), |a| a.name.get(self.lang).to_string())
    }
    /// The levels of a factor's rating scale (current version): (id, name).
    fn levels(&self, factor: &str) -> Vec<(String, String)> {
        let Some(scale) = self
            .case
            .factors
            .iter()
            .find(|f| f.id.as_str() == factor)
            .and_then(|f| f.rating_scale.as_ref())
            .and_then(|s| self.case.scales.iter().find(|x| x.id == *s))
        else {
            return Vec::new();
        };
        scale.current().levels.iter().map(|l| (l.id.to_string(), l.name.get(self.lang).to_string())).collect()
    }
    fn level(&self, factor: &str, level: &str) -> String {
        self.levels(factor).into_iter().find(|(id, _)| id == level).map_or_else(|| level.to_string(), |(_, n)| n)
    }
    /// A document as people know it (outlet, kind, date), each part isolated so that a Latin
    /// outlet or a date keeps its order inside Arabic text; its id only when it is not in the case.
    fn document(&self, loc: &tahawul_i18n::Localizer, id: &str) -> Markup {
        match self.case.documents.iter().find(|d| d.id.as_str() == id) {
            None => html! { bdi dir="ltr" { (id) } },
            Some(d) => html! {
                bdi { (d.outlet.get(self.lang)) } " — " bdi { (d.kind.get(self.lang)) }
                @if let Some(date) = d.date { " · " (crate::pages::ltr_text(loc, date)) }
            },
        }
    }
}

async fn case_of(p: &Page) -> Result<std::sync::Arc<Case>, Response> {
    p.access.case().await.map_err(|e| p.failure(e))
}

fn parse(r: &Record) -> Option<Assessment> {
    serde_json::from_value(r.body.clone()).ok()
}

/// `GET /assessments`: what the reader may see, as a table (`?f.area=&f.factor=&f.state=`, or
/// the bare `?area=&factor=&state=` of earlier links).
pub async fn list(
    State(state): State<AppState>,
    session: AuthSession,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> Response {
    let q = TableQuery::parse(raw.as_deref());
    let p = match Page::open(&session, &state, &headers, &q.link("/assessments", &[])).await {
        Ok(p) => p,
        Err(r) => return r,
    };
    let case = match case_of(&p).await {
        Ok(c) => c,
        Err(r) => return r,
    };
    let records = match p.access.list(RecordKind::Assessment).await {
        Ok(r) => r,
        Err(e) => return p.failure(e),
    };
    let names = Names { case: &case, lang: p.loc.lang() };
    let title = p.tr("pages-work-assessments-title");
    let mut table = Table::new(
        "assessments",
        title.clone(),
        vec![
            Column::new("id", p.tr("pages-work-field-id")),
            Column::new("factor", p.tr("pages-work-field-factor")).filter(),
            Column::new("area", p.tr("pages-work-field-area")).filter(),
            Column::new("cycle", p.tr("pages-work-field-cycle")).filter().desc_first(),
            Column::new("rating", p.tr("pages-work-field-rating")),
            Column::new("state", p.tr("pages-work-field-state")).filter(),
            Column::new("owner", p.tr("pages-work-field-owner")).filter(),
        ],
    );
    table.rows = records
        .into_iter()
        .filter_map(|r| parse(&r).map(|a| (r, a)))
        .map(|(r, a)| {
            let factor = names.factor(a.factor.as_str());
            let area = names.area(a.area.as_str());
            let rating = names.level(a.factor.as_str(), a.rating.as_str());
            // A rating sorts by its place on the factor's scale, not by its name.
            let level = names.levels(a.factor.as_str()).iter().position(|(id, _)| id == a.rating.as_str());
            let st = state_word(&p, a.state);
            let who = owner(&p, &names, &r);
            let owner_code = match &r.owner_party {
                Some(party) if !r.shared => format!("{party}-draft"),
                Some(party) => party.clone(),
                None => "commission".into(),
            };
            Row::new(vec![
                Cell::new(
                    Key::text(&r.id),
                    r.id.clone(),
                    html! { a href={ "/assessments/" (r.id) } dir="ltr" { (r.id) } },
                ),
                Cell::text(factor).filter_by(a.factor.as_str()),
                Cell::text(area).filter_by(a.area.as_str()),
                Cell::text(a.cycle.to_string()).ltr(),
                Cell::new(
                    level.map_or_else(|| Key::text(&rating), |l| Key::Int(l as i64)),
                    rating.clone(),
                    html! { (rating) },
                ),
                Cell::text(st).filter_by(state_code(a.state)).class(format!("state-{}", state_code(a.state))),
                Cell::text(who).filter_by(owner_code),
            ])
        })
        .collect();
    let list = match table.show(&q, &p.loc, "/assessments") {
        Shown::Csv(r) => return r,
        Shown::Page(m) => m,
    };
    let main = html! {
        h1 id="assessments-title" { (title) }
        @if p.access.record_writer().is_some() {
            p { a class="button" href="/assessments/new" { (p.tr("pages-work-new-assessment")) } }
        }
        (list)
    };
    p.render(StatusCode::OK, &title, main)
}

fn owner(p: &Page, names: &Names<'_>, r: &Record) -> String {
    match &r.owner_party {
        Some(party) if !r.shared => p.fmt(Message::new("pages-work-owner-draft").arg("party", names.party(party))),
        Some(party) => names.party(party),
        None => p.tr("pages-work-owner-commission"),
    }
}

/// What the assessment form holds (as typed, so that it can be shown again with its errors).
#[derive(Debug, Clone, Default)]
pub struct Draft {
    id: String,
    factor: String,
    area: String,
    cycle: String,
    rating: String,
    narrative_en: String,
    narrative_ar: String,
    evidence: Vec<String>,
}

impl Draft {
    fn from_fields(f: &Fields) -> Draft {
        Draft {
            id: f.get("id").unwrap_or_default().to_string(),
            factor: f.get("factor").unwrap_or_default().to_string(),
            area: f.get("area").unwrap_or_default().to_string(),
            cycle: f.get("cycle").unwrap_or_default().to_string(),
            rating: f.get("rating").unwrap_or_default().to_string(),
            narrative_en: f.text("narrative_en"),
            narrative_ar: f.text("narrative_ar"),
            evidence: f.all("evidence").into_iter().map(str::to_string).collect(),
        }
    }

    fn of(a: &Assessment) -> Draft {
        Draft {
            id: a.id.to_string(),
            factor: a.factor.to_string(),
            area: a.area.to_string(),
            cycle: a.cycle.to_string(),
            rating: a.rating.to_string(),
            narrative_en: a.narrative.en.clone(),
            narrative_ar: a.narrative.ar.clone(),
            evidence: a.evidence.iter().map(ToString::to_string).collect(),
        }
    }

    /// The id a new draft gets when none is typed: `factor-area-cycle`, as the founding
    /// case names its assessments (`threat-federal-iraq-2026q3`).
    fn default_id(&self) -> String {
        format!("{}-{}-{}", self.factor, self.area, self.cycle.to_lowercase().replace('-', ""))
    }
}

/// The factors this reader may draft for: a working group only its own.
fn factors_for<'c>(p: &Page, case: &'c Case) -> Vec<&'c tahawul_domain::Factor> {
    let user = p.user();
    case.factors
        .iter()
        .filter(|f| user.role != Role::WorkingGroupMember || user.factor.as_deref() == Some(f.id.as_str()))
        .collect()
}

/// Checks a draft against the case; the body to store, or every problem with its field.
fn check(
    p: &Page,
    case: &Case,
    d: &Draft,
    state: AssessmentState,
    illustrative: bool,
) -> Result<Value, Vec<FieldError>> {
    let names = Names { case, lang: p.loc.lang() };
    let mut errors = Vec::new();
    let mut err = |field: &'static str, m: Message| errors.push(FieldError { field, text: p.fmt(m) });
    if Id::parse(&d.id).is_none() {
        err("id", Message::new("pages-work-error-id"));
    }
    if !factors_for(p, case).iter().any(|f| f.id.as_str() == d.factor) {
        err("factor", Message::new("pages-work-error-factor"));
    }
    if !case.areas.iter().any(|a| a.id.as_str() == d.area) {
        err("area", Message::new("pages-work-error-area"));
    }
    let cycle = d.cycle.parse::<Period>();
    if cycle.is_err() {
        err("cycle", Message::new("pages-work-error-cycle").arg("given", d.cycle.as_str()));
    }
    let levels = names.levels(&d.factor);
    if !levels.iter().any(|(id, _)| *id == d.rating) {
        let list: Vec<String> = levels.into_iter().map(|(_, n)| n).collect();
        err("rating", Message::new("pages-work-error-rating").arg("levels", list.join(", ")));
    }
    if d.narrative_en.trim().is_empty() {
        err("narrative_en", Message::new("pages-work-error-narrative-en"));
    }
    if d.narrative_ar.trim().is_empty() {
        err("narrative_ar", Message::new("pages-work-error-narrative-ar"));
    }
    for e in &d.evidence {
        if !case.documents.iter().any(|x| x.id.as_str() == e) {
            err("evidence", Message::new("pages-work-error-evidence").arg("id", e.as_str()));
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(json!({
        "id": d.id,
        "factor": d.factor,
        "area": d.area,
        "cycle": cycle.map(|c| c.to_string()).unwrap_or_default(),
        "rating": d.rating,
        "narrative": { "en": d.narrative_en.trim(), "ar": d.narrative_ar.trim() },
        "state": state_code(state),
        "illustrative": illustrative,
        "evidence": d.evidence,
    }))
}

/// The draft form: `action` posts it; `version` (an edit) goes with it as `If-Match` would.
fn form(p: &Page, case: &Case, d: &Draft, errors: &[FieldError], action: &str, version: Option<i64>) -> Markup {
    let lang = p.loc.lang();
    let names = Names { case, lang };
    let factors = factors_for(p, case);
    let described = |field: &str| errors.iter().any(|e| e.field == field).then(|| format!("{field}-error"));
    html! {
        (error_summary(p, errors))
        form method="post" action=(action) class="stack wide" {
            input type="hidden" name="csrf" value=(p.csrf);
            @if let Some(v) = version {
                input type="hidden" name="version" value=(v);
                input type="hidden" name="id" value=(d.id);
            } @else {
                label for="id" { (p.tr("pages-work-field-id")) }
                span class="hint" id="id-hint" { (p.tr("pages-work-hint-id")) }
                input id="id" name="id" type="text" dir="ltr" value=(d.id) aria-describedby=[described("id").or(Some("id-hint".into()))];
                (field_error(errors, "id"))
            }
            label for="factor" { (p.tr("pages-work-field-factor")) }
            select id="factor" name="factor" required aria-describedby=[described("factor")] {
                @for f in &factors {
                    option value=(f.id) selected[d.factor == f.id.as_str()] { (f.name.get(lang)) }
                }
            }
            (field_error(errors, "factor"))
            label for="area" { (p.tr("pages-work-field-area")) }
            select id="area" name="area" required aria-describedby=[described("area")] {
                @for a in &case.areas {
                    option value=(a.id) selected[d.area == a.id.as_str()] { (a.name.get(lang)) }
                }
            }
            (field_error(errors, "area"))
            label for="cycle" { (p.tr("pages-work-field-cycle")) }
            span class="hint" id="cycle-hint" { (p.tr("pages-work-hint-cycle")) }
            input id="cycle" name="cycle" type="text" dir="ltr" required value=(d.cycle) aria-describedby=[described("cycle").or(Some("cycle-hint".into()))];
            (field_error(errors, "cycle"))
            label for="rating" { (p.tr("pages-work-field-rating")) }
            span class="hint" id="rating-hint" { (p.tr("pages-work-hint-rating")) }
            // Without scripts the level list cannot follow the chosen factor, so every factor's
            // levels are listed under its name; the server checks the pair.
            select id="rating" name="rating" required aria-describedby=[described("rating").or(Some("rating-hint".into()))] {
                @for f in &factors {
                    optgroup label=(f.name.get(lang)) {
                        @for (id, name) in names.levels(f.id.as_str()) {
                            option value=(id) selected[d.rating == id && d.factor == f.id.as_str()] { (name) }
                        }
                    }
                }
            }
            (field_error(errors, "rating"))
            label for="narrative_en" { (p.tr("pages-work-field-narrative-en")) }
            textarea id="narrative_en" name="narrative_en" lang="en" dir="ltr" rows="5" required aria-describedby=[described("narrative_en")] { (d.narrative_en) }
            (field_error(errors, "narrative_en"))
            label for="narrative_ar" { (p.tr("pages-work-field-narrative-ar")) }
            textarea id="narrative_ar" name="narrative_ar" lang="ar" dir="rtl" rows="5" required aria-describedby=[described("narrative_ar")] { (d.narrative_ar) }
            (field_error(errors, "narrative_ar"))
            fieldset id="evidence" {
                legend { (p.tr("pages-work-field-evidence")) }
                @if case.documents.is_empty() {
                    p { (p.tr("pages-work-no-documents")) }
                }
                @for doc in &case.documents {
                    label class="check" {
                        input type="checkbox" name="evidence" value=(doc.id) checked[d.evidence.iter().any(|e| e == doc.id.as_str())];
                        " " (names.document(&p.loc, doc.id.as_str()))
                    }
                }
            }
            (field_error(errors, "evidence"))
            button type="submit" { (if version.is_some() { p.tr("pages-work-save-draft") } else { p.tr("pages-work-create-draft") }) }
        }
    }
}

fn new_form(p: &Page, case: &Case, d: &Draft, errors: &[FieldError], status: StatusCode) -> Response {
    let title = p.tr("pages-work-new-assessment");
    let main = html! {
        h1 { (title) }
        (form(p, case, d, errors, "/assessments/new", None))
    };
    p.render(status, &title, main)
}

/// `GET /assessments/new`: a blank draft, for the roles that draft.
pub async fn new_page(State(state): State<AppState>, session: AuthSession, headers: HeaderMap) -> Response {
    let p = match Page::open(&session, &state, &headers, "/assessments/new").await {
        Ok(p) => p,
        Err(r) => return r,
    };
    if p.access.record_writer().is_none() {
        return p.forbidden();
    }
    let case = match case_of(&p).await {
        Ok(c) => c,
        Err(r) => return r,
    };
    let d = Draft { factor: p.user().factor.clone().unwrap_or_default(), ..Draft::default() };
    new_form(&p, &case, &d, &[], StatusCode::OK)
}

/// `POST /assessments/new`: creates the draft, or shows the form again with what is wrong.
pub async fn create(
    State(state): State<AppState>,
    session: AuthSession,
    headers: HeaderMap,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let fields = Fields(fields);
    let p = match Page::post(&session, &state, &headers, "/assessments/new", fields.get("csrf")).await {
        Ok(p) => p,
        Err(r) => return r,
    };
    let Some(writer) = p.access.record_writer() else {
        return p.forbidden();
    };
    let case = match case_of(&p).await {
        Ok(c) => c,
        Err(r) => return r,
    };
    let mut d = Draft::from_fields(&fields);
    let typed_id = !d.id.is_empty();
    if !typed_id {
        d.id = d.default_id();
    }
    let body = match check(&p, &case, &d, AssessmentState::Draft, false) {
        Ok(b) => b,
        Err(errors) => {
            if !typed_id {
                d.id.clear();
            }
            return new_form(&p, &case, &d, &errors, StatusCode::UNPROCESSABLE_ENTITY);
        }
    };
    let input = RecordInput { body, shared: None, releasable: None };
    match writer.create(RecordKind::Assessment, &d.id, input).await {
        Ok(r) => Redirect::to(&format!("/assessments/{}", r.id)).into_response(),
        // The id is taken: say so at the field, and keep what was typed.
        Err(ApiError::Conflict { .. }) => {
            let errors = vec![FieldError {
                field: "id",
                text: p.fmt(Message::new("pages-work-error-id-taken").arg("id", d.id.as_str())),
            }];
            new_form(&p, &case, &d, &errors, StatusCode::CONFLICT)
        }
        Err(e) => p.failure(e),
    }
}

/// The steps this reader may take on this assessment now (the access layer still decides).
struct Can {
    edit: bool,
    review: bool,
}

fn can(p: &Page, r: &Record, a: &Assessment, history: &[WorkflowStep]) -> Can {
    let user = p.user();
    let open = matches!(a.state, AssessmentState::Draft | AssessmentState::Returned);
    let ours = match user.role {
        Role::Secretariat => true,
        Role::DelegationHead | Role::DelegationMember => r.owner_party.is_some() && r.owner_party == user.party,
        Role::WorkingGroupMember => user.factor.as_deref() == Some(a.factor.as_str()) && r.owner_party == user.party,
        Role::CoalitionPartner | Role::Auditor => false,
    };
    let review = user.role == Role::DelegationHead
        && user.party.as_deref().is_some_and(|party| awaits_review_by(a.state, history, party));
    Can { edit: open && ours && p.access.record_writer().is_some(), review }
}

/// What went wrong with a posted edit or return, shown on the assessment's page.
#[derive(Default)]
struct Problems {
    edit: Option<(Draft, Vec<FieldError>)>,
    reasons: Vec<FieldError>,
}

async fn show_page(p: &Page, id: &str, problems: Problems, status: StatusCode) -> Response {
    let r = match p.access.get(RecordKind::Assessment, id).await {
        Ok(r) => r,
        Err(e) => return p.failure(e),
    };
    let history = match p.access.history(id).await {
        Ok(h) => h,
        Err(e) => return p.failure(e),
    };
    let case = match case_of(p).await {
        Ok(c) => c,
        Err(r) => return r,
    };
    let Some(a) = parse(&r) else {
        return super::internal(format!("assessment {id} does not read"));
    };
    let lang = p.loc.lang();
    let names = Names { case: &case, lang };
    let can = can(p, &r, &a, &history);
    let title = p.fmt(
        Message::new("pages-work-assessment-title")
            .arg("factor", names.factor(a.factor.as_str()))
            .arg("area", names.area(a.area.as_str()))
            // Isolated left to right: "2026-Q4" must not become "Q4-2026" in an Arabic title.
            .arg("cycle", format!("\u{2066}{}\u{2069}", a.cycle)),
    );
    let endorsed = endorsements_since_submit(&history);
    let edit = problems.edit.unwrap_or_else(|| (Draft::of(&a), Vec::new()));
    let main = html! {
        h1 id="assessment-title" { (title) }
        dl class="facts" {
            dt { (p.tr("pages-work-field-id")) } dd dir="ltr" { (r.id) }
            dt { (p.tr("pages-work-field-state")) } dd id="state" class={ "state-" (state_code(a.state)) } { (state_word(p, a.state)) }
            dt { (p.tr("pages-work-field-rating")) } dd { (names.level(a.factor.as_str(), a.rating.as_str())) }
            dt { (p.tr("pages-work-field-owner")) } dd { (owner(p, &names, &r)) }
            dt { (p.tr("pages-work-field-version")) } dd { (p.n(r.version as f64)) }
            dt { (p.tr("pages-work-field-updated")) } dd { (p.when(&r.updated_at)) " · " (r.updated_by) }
            @if a.state == AssessmentState::Submitted {
                dt { (p.tr("pages-work-endorsed-by")) }
                dd { @if endorsed.is_empty() { (p.tr("pages-work-nobody")) } @else {
                    (endorsed.iter().map(|x| names.party(x)).collect::<Vec<_>>().join(" · "))
                } }
            }
            @if a.illustrative { dt { (p.tr("pages-work-illustrative")) } dd { (p.tr("pages-work-yes")) } }
        }
        section aria-labelledby="narrative-title" {
            h2 id="narrative-title" { (p.tr("pages-work-narrative")) }
            div class="narratives" {
                @for (l, text) in [(Lang::Ar, &a.narrative.ar), (Lang::En, &a.narrative.en)] {
                    blockquote lang=(l.code()) dir=(l.dir()) { p { (text) } }
                }
            }
            h3 { (p.tr("pages-work-field-evidence")) }
            @if a.evidence.is_empty() { p { (p.tr("pages-work-no-evidence")) } }
            ul { @for e in &a.evidence { li { (names.document(&p.loc, e.as_str())) } } }
        }
        @if can.edit {
            section aria-labelledby="submit-title" {
                h2 id="submit-title" { (p.tr("pages-work-submit-title")) }
                p { (p.tr("pages-work-submit-help")) }
                form method="post" action={ "/assessments/" (r.id) "/submit" } {
                    input type="hidden" name="csrf" value=(p.csrf);
                    input type="hidden" name="version" value=(r.version);
                    button type="submit" id="submit" { (p.tr("pages-work-submit")) }
                }
            }
            section aria-labelledby="edit-title" {
                h2 id="edit-title" { (p.tr("pages-work-edit-title")) }
                (form(p, &case, &edit.0, &edit.1, &format!("/assessments/{}/edit", r.id), Some(r.version)))
            }
        }
        @if can.review {
            section aria-labelledby="review-title" {
                h2 id="review-title" { (p.tr("pages-work-review-title")) }
                form method="post" action={ "/assessments/" (r.id) "/endorse" } {
                    input type="hidden" name="csrf" value=(p.csrf);
                    input type="hidden" name="version" value=(r.version);
                    button type="submit" id="endorse" { (p.tr("pages-work-endorse")) }
                }
                (error_summary(p, &problems.reasons))
                form method="post" action={ "/assessments/" (r.id) "/return" } class="stack wide" {
                    input type="hidden" name="csrf" value=(p.csrf);
                    input type="hidden" name="version" value=(r.version);
                    p id="reasons-help" { (p.tr("pages-work-reasons-help")) }
                    label for="reasons_en" { (p.tr("pages-work-field-reasons-en")) }
                    textarea id="reasons_en" name="reasons_en" lang="en" dir="ltr" rows="3" aria-describedby="reasons-help" {}
                    label for="reasons_ar" { (p.tr("pages-work-field-reasons-ar")) }
                    textarea id="reasons_ar" name="reasons_ar" lang="ar" dir="rtl" rows="3" aria-describedby="reasons-help" {}
                    (field_error(&problems.reasons, "reasons_en"))
                    button type="submit" id="return" { (p.tr("pages-work-return")) }
                }
            }
        }
        section aria-labelledby="history-title" {
            h2 id="history-title" { (p.tr("pages-work-history")) }
            @if history.is_empty() {
                p { (p.tr("pages-work-history-empty")) }
            } @else {
                table id="history" {
                    thead { tr {
                        th scope="col" { "#" }
                        th scope="col" { (p.tr("pages-work-col-step")) }
                        th scope="col" { (p.tr("pages-work-col-by")) }
                        th scope="col" { (p.tr("pages-work-col-when")) }
                        th scope="col" { (p.tr("pages-work-field-state")) }
                        th scope="col" { (p.tr("pages-work-col-reasons")) }
                    } }
                    tbody { @for s in &history {
                        tr {
                            td { (p.n(s.n as f64)) }
                            td { (step_words(p, &names, &s.action)) }
                            td dir="ltr" { (s.actor) }
                            td { (p.when(&s.at)) }
                            td { (state_word(p, s.state)) }
                            td { @if let WorkflowAction::Return { reasons, .. } = &s.action {
                                @for (l, text) in [(Lang::Ar, &reasons.ar), (Lang::En, &reasons.en)] {
                                    @if !text.trim().is_empty() { p lang=(l.code()) dir=(l.dir()) class="reason" { (text) } }
                                }
                            } }
                        }
                    } }
                }
            }
        }
        p { a href="/assessments" { (p.tr("pages-work-back-assessments")) } }
    };
    p.render(status, &title, main)
}

fn step_words(p: &Page, names: &Names<'_>, a: &WorkflowAction) -> String {
    match a {
        WorkflowAction::Submit => p.tr("pages-work-step-submit"),
        WorkflowAction::Endorse { party } => {
            p.fmt(Message::new("pages-work-step-endorse").arg("party", names.party(party)))
        }
        WorkflowAction::Return { party, .. } => {
            p.fmt(Message::new("pages-work-step-return").arg("party", names.party(party)))
        }
    }
}

/// `GET /assessments/{id}`.
pub async fn show(
    State(state): State<AppState>,
    session: AuthSession,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    let here = format!("/assessments/{id}");
    let p = match Page::open(&session, &state, &headers, &here).await {
        Ok(p) => p,
        Err(r) => return r,
    };
    show_page(&p, &id, Problems::default(), StatusCode::OK).await
}

/// The version a form read, as `If-Match` carries it for the API.
fn version_of(fields: &Fields) -> Option<i64> {
    fields.get("version").and_then(|v| v.parse().ok())
}

async fn posted(
    state: &AppState,
    session: &AuthSession,
    headers: &HeaderMap,
    id: &str,
    fields: &Fields,
) -> Result<(Page, i64), Response> {
    let here = format!("/assessments/{id}");
    let p = Page::post(session, state, headers, &here, fields.get("csrf")).await?;
    match version_of(fields) {
        Some(v) => Ok((p, v)),
        None => Err(p.message(
            StatusCode::BAD_REQUEST,
            &p.tr("pages-work-invalid-title"),
            &p.tr("pages-work-error-version"),
        )),
    }
}

fn done(id: &str) -> Response {
    Redirect::to(&format!("/assessments/{id}")).into_response()
}

/// `POST /assessments/{id}/edit`: replaces the draft read at `version`; a stale version is
/// refused with "someone else changed this" and nothing is written.
pub async fn edit(
    State(state): State<AppState>,
    session: AuthSession,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let fields = Fields(fields);
    let (p, version) = match posted(&state, &session, &headers, &id, &fields).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    let Some(writer) = p.access.record_writer() else {
        return p.forbidden();
    };
    let current = match p.access.get(RecordKind::Assessment, &id).await {
        Ok(r) => r,
        Err(e) => return p.failure(e),
    };
    let Some(a) = parse(&current) else {
        return super::internal(format!("assessment {id} does not read"));
    };
    let case = match case_of(&p).await {
        Ok(c) => c,
        Err(r) => return r,
    };
    let mut d = Draft::from_fields(&fields);
    d.id = id.clone();
    let body = match check(&p, &case, &d, a.state, a.illustrative) {
        Ok(b) => b,
        Err(errors) => {
            let problems = Problems { edit: Some((d, errors)), ..Problems::default() };
            return show_page(&p, &id, problems, StatusCode::UNPROCESSABLE_ENTITY).await;
        }
    };
    let input = RecordInput { body, shared: None, releasable: None };
    match writer.update(RecordKind::Assessment, &id, version, input).await {
        Ok(_) => done(&id),
        Err(e) => p.failure(e),
    }
}

/// `POST /assessments/{id}/submit`.
pub async fn submit(
    State(state): State<AppState>,
    session: AuthSession,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let fields = Fields(fields);
    let (p, version) = match posted(&state, &session, &headers, &id, &fields).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    let Some(writer) = p.access.record_writer() else {
        return p.forbidden();
    };
    match writer.submit(&id, version).await {
        Ok(_) => done(&id),
        Err(e) => p.failure(e),
    }
}

/// `POST /assessments/{id}/endorse`: a delegation head, for their party.
pub async fn endorse(
    State(state): State<AppState>,
    session: AuthSession,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let fields = Fields(fields);
    let (p, version) = match posted(&state, &session, &headers, &id, &fields).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    let Some(endorser) = p.access.endorser() else {
        return p.forbidden();
    };
    match endorser.endorse(&id, version).await {
        Ok(_) => done(&id),
        Err(e) => p.failure(e),
    }
}

/// `POST /assessments/{id}/return`: needs reasons in at least one language.
pub async fn return_it(
    State(state): State<AppState>,
    session: AuthSession,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let fields = Fields(fields);
    let (p, version) = match posted(&state, &session, &headers, &id, &fields).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    let Some(endorser) = p.access.endorser() else {
        return p.forbidden();
    };
    let reasons = Text::new(fields.text("reasons_en").trim(), fields.text("reasons_ar").trim());
    if reasons.en.is_empty() && reasons.ar.is_empty() {
        let problems = Problems {
            reasons: vec![FieldError { field: "reasons_en", text: p.tr("pages-work-error-reasons") }],
            ..Problems::default()
        };
        return show_page(&p, &id, problems, StatusCode::UNPROCESSABLE_ENTITY).await;
    }
    match endorser.return_with(&id, version, reasons).await {
        Ok(_) => done(&id),
        Err(e) => p.failure(e),
    }
}
