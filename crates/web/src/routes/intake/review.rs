//! Review, then accept (issue 16 item 4): `/api/v1/intakes`. A text is submitted for review
//! (kept with what intake proposed, each proposal pending); the secretariat accepts proposals
//! — one or several, all or nothing, each written as a commitment through the store's one
//! write path, citing the document the text is (created from it when not named) — or rejects
//! them with a reason. Nothing enters the record unaccepted.
//!
//! A commitment proposal that restates a record (`matches` not empty) accepted as it stands
//! (no edits) is accepted as that match: the acceptance names the record, nothing is written
//! again. Accepted with edits, it is written as a new commitment (the reviewer has said how it
//! differs), under `edits.id` or `intake-<intake>-<index>`. Rounds, decisions and people are not
//! written from intake yet (a decision lives inside its round, a round needs its delegations
//! and days): accepting one is refused with a message saying so; they can be rejected.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::{Value, json};
use tahawul_domain::Message;
use tahawul_store::{Acceptance, Intake, NewIntake, RecordKind, RecordRef};
use utoipa::ToSchema;

use super::IntakeBody;
use crate::access::{Access, IntakeReviewer};
use crate::anystore::AnyStore;
use crate::error::responses::{BadBody, P400, P403, P404, P422, Reads, Writes};
use crate::error::{ApiError, ApiResult, FieldProblem, Json, Path};
use crate::routes::{AnyDoc, AnyList};

/// The reviewer's changes to a commitment proposal before it is written; what is not given
/// is taken from the proposal.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Edits {
    /// The new record's id (default `intake-<intake>-<index>`). Any edit on a proposal that
    /// matches a record records a new commitment instead of the match.
    pub id: Option<String>,
    /// The wording, per language (both are needed; intake fills the text's own language).
    pub text: Option<TextEdit>,
    /// Who undertakes it (party ids).
    pub parties: Option<Vec<String>>,
    /// By when (`YYYY-MM` or `YYYY-MM-DD`); an empty string clears the proposal's.
    pub due: Option<String>,
    /// Theme.
    pub theme: Option<String>,
    /// The round whose statement records it (default: the round the text reports, when
    /// intake matched it to one).
    pub round: Option<String>,
}

/// Wording per language.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TextEdit {
    /// English.
    pub en: Option<String>,
    /// Arabic.
    pub ar: Option<String>,
}

/// One proposal to accept.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AcceptItem {
    /// Its index in the intake's proposals (from 0).
    pub index: u64,
    /// Changes to its fields.
    #[serde(default)]
    pub edits: Edits,
}

/// Proposals to accept, all or nothing.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AcceptBody {
    /// The document the records cite, when the text is one the record holds already;
    /// otherwise a document is made from the text (`intake-<first 16 hex of its SHA-256>`).
    pub document: Option<String>,
    /// The proposals.
    pub proposals: Vec<AcceptItem>,
}

/// Proposals to reject.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RejectBody {
    /// Their indices.
    pub proposals: Vec<u64>,
    /// Why (required; kept with who rejected them and when).
    pub reason: String,
}

fn reviewer(access: &Access<AnyStore>) -> ApiResult<IntakeReviewer<'_>> {
    access.intake_reviewer().ok_or(ApiError::Forbidden)
}

/// An intake's number from the path: anything else names no intake (404, after the role's
/// 403, and without echoing what was asked).
fn number(id: &str) -> ApiResult<i64> {
    id.parse().map_err(|_| ApiError::NotFound("intake".into()))
}

fn doc(i: &Intake) -> Response {
    axum::Json(i).into_response()
}

/// Submits a text for review: reads it as `POST /api/v1/intake` does and keeps it (with its
/// SHA-256, language, submitter and time) and the proposals, each pending. 201 with the
/// intake's `id`. 403 for coalition partners, working groups and auditors.
#[utoipa::path(post, path = "/api/v1/intakes", tag = "record", request_body = IntakeBody, responses((status = 201, body = AnyDoc), Writes, BadBody, P422))]
pub async fn submit(access: Access<AnyStore>, Json(b): Json<IntakeBody>) -> ApiResult<Response> {
    let submitter = access.intake_submitter().ok_or(ApiError::Forbidden)?;
    let mut report = super::read(&access, b.text.clone(), b.lang.as_deref()).await?;
    let lang = report["document"]["language"].as_str().unwrap_or("en").to_string();
    let proposals = match report.get_mut("proposals").map(Value::take) {
        Some(Value::Array(ps)) => ps,
        _ => Vec::new(),
    };
    if let Some(o) = report.as_object_mut() {
        o.remove("proposals");
    }
    let intake = submitter.submit(NewIntake { text: b.text, lang, report, proposals }).await?;
    Ok((StatusCode::CREATED, axum::Json(intake)).into_response())
}

/// The texts kept for review, newest first, without their texts: all of them for the
/// secretariat, one's own for delegation heads and members.
#[utoipa::path(get, path = "/api/v1/intakes", tag = "record", responses((status = 200, body = AnyList), Reads, P403))]
pub async fn list(access: Access<AnyStore>) -> ApiResult<Response> {
    let submitter = access.intake_submitter().ok_or(ApiError::Forbidden)?;
    Ok(axum::Json(submitter.list().await?).into_response())
}

/// One kept text with its proposals and their review (who accepted or rejected each, when,
/// the record it became, the document it cites, the reason of a rejection).
#[utoipa::path(get, path = "/api/v1/intakes/{id}", tag = "record", params(("id" = String, Path, description = "intake number")), responses((status = 200, body = AnyDoc), Reads, P400, P403, P404))]
pub async fn get_one(access: Access<AnyStore>, Path(id): Path<String>) -> ApiResult<Response> {
    let submitter = access.intake_submitter().ok_or(ApiError::Forbidden)?;
    Ok(doc(&submitter.get(number(&id)?).await?))
}

/// Accepts proposals, all or nothing: each commitment is written through the same rules as
/// every record write (422 naming `/proposals/<k>/…`, the request's k-th item, and nothing
/// written); a proposal that restates a record, accepted without edits, is accepted as that
/// match. The secretariat.
#[utoipa::path(post, path = "/api/v1/intakes/{id}/accept", tag = "record", params(("id" = String, Path, description = "intake number")), request_body = AcceptBody, responses((status = 200, body = AnyDoc), Writes, BadBody, P404, P422))]
pub async fn accept(
    access: Access<AnyStore>,
    Path(id): Path<String>,
    Json(b): Json<AcceptBody>,
) -> ApiResult<Response> {
    let r = reviewer(&access)?;
    Ok(doc(&accept_in(&r, number(&id)?, b).await?))
}

/// Rejects proposals with a reason (required), kept with who and when; a rejected proposal
/// is not accepted later (submit the text again to review it afresh). The secretariat.
#[utoipa::path(post, path = "/api/v1/intakes/{id}/reject", tag = "record", params(("id" = String, Path, description = "intake number")), request_body = RejectBody, responses((status = 200, body = AnyDoc), Writes, BadBody, P404, P422))]
pub async fn reject(
    access: Access<AnyStore>,
    Path(id): Path<String>,
    Json(b): Json<RejectBody>,
) -> ApiResult<Response> {
    let r = reviewer(&access)?;
    Ok(doc(&r.reject(number(&id)?, &b.proposals, &b.reason).await?))
}

/// The id of the document made from an intake's text.
pub fn document_id(intake: &Intake) -> String {
    format!("intake-{}", &intake.digest[..16.min(intake.digest.len())])
}

/// The document record made from a kept text: its outlet and date as intake read them, its
/// language, and the text's opening as its summary (the whole text stays with the intake).
fn document_body(intake: &Intake, text: &str) -> Value {
    let d = &intake.report["document"];
    let outlet = d["outlet"].as_str();
    let opening: String = text.chars().take(600).collect();
    json!({
        "id": document_id(intake),
        "file": null,
        "outlet": {"en": outlet.unwrap_or("not named in the text"), "ar": outlet.unwrap_or("لا يذكره النص")},
        "kind": {"en": "text submitted for review", "ar": "نص قُدّم للمراجعة"},
        "date": d["date"].as_str().filter(|s| s.len() == 10),
        "language": intake.lang,
        "summary": {"en": format!("Intake {} (SHA-256 {}): {}", intake.id, intake.digest, opening.trim()),
                    "ar": format!("الاستيعاب {} (SHA-256 {}): {}", intake.id, intake.digest, opening.trim())},
        "translation_errors": [],
    })
}

/// Accepts `b` on intake `id` (the API's and the page's one path).
pub(crate) async fn accept_in(r: &IntakeReviewer<'_>, id: i64, b: AcceptBody) -> ApiResult<Intake> {
    let intake = r.get(id).await?;
    let mut problems = Vec::new();
    let document = match &b.document {
        Some(d) => {
            if !r.exists(RecordKind::Document, d).await? {
                problems.push(FieldProblem::msg(
                    "/document",
                    Message::new("intake-review-no-document").arg("id", d.as_str()),
                ));
            }
            (d.clone(), None)
        }
        None => {
            let text = intake.text.as_deref().unwrap_or("");
            (document_id(&intake), Some((document_id(&intake), document_body(&intake, text))))
        }
    };
    let mut accepts = Vec::new();
    for (k, item) in b.proposals.iter().enumerate() {
        match acceptance(&intake, k, item, &document.0) {
            Ok(a) => accepts.push(a),
            Err(ps) => problems.extend(ps),
        }
    }
    if !problems.is_empty() {
        return Err(ApiError::Invalid(problems));
    }
    r.accept(id, document.1, accepts).await.map_err(edits_pointers)
}

/// The store names a record's field `/proposals/<k>/body/<field>`: in the request that field
/// is set by `edits`.
fn edits_pointers(e: ApiError) -> ApiError {
    match e {
        ApiError::Invalid(ps) => ApiError::Invalid(
            ps.into_iter()
                .map(|mut p| {
                    if let Some(rest) = p.pointer.strip_prefix("/proposals/")
                        && let Some((k, field)) = rest.split_once("/body")
                    {
                        p.pointer = format!("/proposals/{k}/edits{field}");
                    }
                    p
                })
                .collect(),
        ),
        other => other,
    }
}

/// What accepting the request's `k`-th item writes: the commitment it becomes (or the record
/// it restates). Every missing field is a problem naming the edit that supplies it.
fn acceptance(intake: &Intake, k: usize, item: &AcceptItem, document: &str) -> Result<Acceptance, Vec<FieldProblem>> {
    let at = |field: &str| format!("/proposals/{k}/{field}");
    let Some(stored) = intake.proposals.iter().find(|p| p.index == item.index) else {
        // The store says which, with the count (one message for a missing index).
        return Ok(Acceptance {
            index: item.index,
            record: None,
            matched: None,
            document: document.into(),
            edits: Value::Null,
        });
    };
    let p = &stored.proposal;
    let kind = p["kind"].as_str().unwrap_or("");
    if kind != "commitment" {
        return Err(vec![FieldProblem::msg(at("index"), Message::new("intake-review-kind").arg("kind", kind))]);
    }
    let e = &item.edits;
    let edits = json!({
        "id": e.id, "text": e.text.as_ref().map(|t| json!({"en": t.en, "ar": t.ar})), "parties": e.parties,
        "due": e.due, "theme": e.theme, "round": e.round,
    });
    let edits = Value::Object(
        edits.as_object().cloned().unwrap_or_default().into_iter().filter(|(_, v)| !v.is_null()).collect(),
    );
    let matched = p["matches"].as_array().and_then(|m| m.first()).and_then(Value::as_str);
    let unedited = edits.as_object().is_none_or(|o| o.is_empty());
    if let (Some(m), true) = (matched, unedited) {
        return Ok(Acceptance {
            index: item.index,
            record: None,
            matched: Some(RecordRef { kind: RecordKind::Commitment, id: m.to_string() }),
            document: document.into(),
            edits,
        });
    }
    let mut problems = Vec::new();
    let id = e.id.clone().unwrap_or_else(|| format!("intake-{}-{}", intake.id, item.index));
    if tahawul_domain::Id::parse(&id).is_none() {
        problems.push(FieldProblem::msg(at("edits/id"), Message::new("intake-review-bad-id").arg("id", id.as_str())));
    }
    let wording = |lang: &str| -> Option<String> {
        let edited = e.text.as_ref().and_then(|t| if lang == "en" { t.en.clone() } else { t.ar.clone() });
        edited.or_else(|| p["text"][lang].as_str().map(str::to_string)).filter(|s| !s.trim().is_empty())
    };
    let mut text = serde_json::Map::new();
    for lang in ["en", "ar"] {
        match wording(lang) {
            Some(w) => drop(text.insert(lang.into(), json!(w))),
            None => problems.push(FieldProblem::msg(
                at(&format!("edits/text/{lang}")),
                Message::new("intake-review-no-text").arg("lang", lang),
            )),
        }
    }
    let parties: Vec<String> = e.parties.clone().unwrap_or_else(|| {
        p["party"]
            .as_array()
            .map(|a| a.iter().filter_map(|v| v.as_str().map(str::to_string)).collect())
            .unwrap_or_default()
    });
    if parties.is_empty() {
        problems.push(FieldProblem::msg(at("edits/parties"), Message::new("intake-review-no-party")));
    }
    let theme = e.theme.clone().or_else(|| p["theme"].as_str().map(str::to_string)).filter(|s| !s.is_empty());
    if theme.is_none() {
        problems.push(FieldProblem::msg(at("edits/theme"), Message::new("intake-review-no-theme")));
    }
    // The round the text reports, when intake matched it to one of the case's.
    let reported = intake
        .proposals
        .iter()
        .find(|q| q.proposal["kind"] == "round")
        .and_then(|q| q.proposal["matches"].as_array().and_then(|m| m.first()).and_then(Value::as_str));
    let round = e.round.clone().or_else(|| reported.map(str::to_string)).filter(|s| !s.is_empty());
    if round.is_none() {
        problems.push(FieldProblem::msg(at("edits/round"), Message::new("intake-review-no-round")));
    }
    let due = match &e.due {
        Some(d) if d.is_empty() => None,
        Some(d) => Some(d.clone()),
        None => p["due"].as_str().map(str::to_string),
    }
    .map(|d| end_of_month(&d).unwrap_or(d));
    if !problems.is_empty() {
        return Err(problems);
    }
    let span = &p["span"];
    let (start, end) = (span["start"].as_u64().unwrap_or(0), span["end"].as_u64().unwrap_or(0));
    let body = json!({
        "id": id,
        "parties": parties,
        "text": text,
        "theme": theme,
        "round": round,
        "due": due,
        "status": 0,
        "status_note": {
            "en": format!("Accepted from intake {} (characters {start}–{end} of document {document}); no progress recorded yet.", intake.id),
            "ar": format!("قُبل من الاستيعاب {} (المحارف {start}–{end} من الوثيقة {document})؛ لم يُسجَّل تقدّم بعد.", intake.id),
        },
        "illustrative": false,
        "evidence": [],
        "sources": [document],
    });
    Ok(Acceptance {
        index: item.index,
        record: Some(IntakeReviewer::commission_write(RecordKind::Commitment, id, body)),
        matched: None,
        document: document.into(),
        edits,
    })
}

/// A month (`2025-09`, as intake reads "by the end of September 2025") as its last day: a
/// commitment's due date is a day, and "by September" is met until the month ends.
fn end_of_month(d: &str) -> Option<String> {
    let (y, m) = d.split_once('-')?;
    if y.len() != 4 || m.len() != 2 {
        return None;
    }
    let first = jiff::civil::Date::new(y.parse().ok()?, m.parse().ok()?, 1).ok()?;
    Some(first.last_of_month().to_string())
}
