//! The dialogue's record (issue 6): a round's canonical minutes and the heads' signatures,
//! joint statement versions and their comparison, consultation of coalition partners,
//! commitment status changes with their history, and decision links. Access is in
//! `access/record.rs`; see `docs/record.md`.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::{Value, json};
use tahawul_domain::consultation::{Consultation, Position};
use tahawul_domain::minutes::{MinutesState, PartChange, Refusal, SignatureState};
use tahawul_domain::record::{self, DecisionLink, Effect, LinkTarget};
use tahawul_domain::{CommitmentStatus, Id, Lang, Text};
use tahawul_i18n::Message;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::{AnyDoc, AnyList};
use crate::AppState;
use crate::access::{Access, ConsultationView, MinutesView};
use crate::anystore::AnyStore;
use crate::error::responses::{BadBody, P400, P403, P404, P409, P422, Reads, Writes};
use crate::error::{ApiError, ApiResult, FieldProblem, Json, Path, Query};

/// Standard base64 with padding (RFC 4648), for the canonical bytes in JSON.
pub fn base64(bytes: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// The state of minutes as a word (`unsigned`, `partial`, `verified`, `refused`, `tampered`).
pub fn state_word(s: MinutesState) -> &'static str {
    match s {
        MinutesState::Unsigned => "unsigned",
        MinutesState::Partial { .. } => "partial",
        MinutesState::Verified { .. } => "verified",
        MinutesState::Refused => "refused",
        MinutesState::Tampered => "tampered",
    }
}

fn change_json(c: &PartChange) -> Value {
    let (how, part) = match c {
        PartChange::Changed(l) => ("changed", l),
        PartChange::Added(l) => ("added", l),
        PartChange::Removed(l) => ("removed", l),
    };
    json!({ "change": how, "part": part })
}

/// The JSON of a round's minutes.
pub fn minutes_json(v: &MinutesView) -> Value {
    let signatures: Vec<Value> = v
        .check
        .signatures
        .iter()
        .map(|(s, st)| {
            let (state, detail) = match st {
                SignatureState::Valid => ("valid", Value::Null),
                SignatureState::Refused(r) => (
                    "refused",
                    json!(match r {
                        Refusal::NotHead => "not-head",
                        Refusal::NoRegisteredKey => "no-registered-key",
                        Refusal::WrongKey => "wrong-key",
                        Refusal::KeyNotValidThen => "key-not-valid-then",
                        Refusal::Duplicate => "duplicate",
                    }),
                ),
                SignatureState::Tampered(ch) => ("tampered", Value::Array(ch.iter().map(change_json).collect())),
            };
            json!({
                "person": s.person.as_str(), "key": s.key.to_string(),
                "key_fingerprint": tahawul_domain::keys::fingerprint(&s.key), "signature": s.signature.to_string(),
                "signed_at": s.signed_at.to_string(), "illustrative": s.illustrative,
                "state": state, "detail": detail,
            })
        })
        .collect();
    json!({
        "round": v.round.id.as_str(),
        "format": tahawul_domain::minutes::VERSION,
        "canonical_base64": base64(&v.bytes),
        "length": v.bytes.len(),
        "digest": v.digest,
        "parts": v.parts,
        "heads": v.check.heads.iter().map(Id::as_str).collect::<Vec<_>>(),
        "unnamed_heads": v.check.unnamed_heads.iter().map(Id::as_str).collect::<Vec<_>>(),
        "state": state_word(v.check.state),
        "signatures": signatures,
    })
}

/// A round's canonical minutes (base64), their blake3 digest, each part's fingerprint and the
/// state of every signature. Hidden rounds, and rounds whose minutes hold a commitment hidden
/// from the reader, are 404.
#[utoipa::path(get, path = "/api/v1/rounds/{id}/minutes", tag = "record", params(("id" = String, Path)), responses((status = 200, body = AnyDoc), Reads, P400, P404))]
pub async fn get_minutes(access: Access<AnyStore>, Path(id): Path<String>) -> ApiResult<Response> {
    Ok(axum::Json(minutes_json(&access.minutes(&id).await?)).into_response())
}

/// A head's signature over the canonical minutes.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SignatureBody {
    /// `ed25519:` and 64 hex digits: the head's registered public key.
    pub key: String,
    /// `ed25519:` and 128 hex digits: the signature over the canonical bytes.
    pub signature: String,
}

/// A delegation head adds their signature: the server verifies it with the head's registered
/// key over the current minutes and keeps it. A key that is not the head's registered key, a
/// signature that does not verify, and a second signature by the same head are 422.
#[utoipa::path(post, path = "/api/v1/rounds/{id}/minutes/signatures", tag = "record", params(("id" = String, Path)), request_body = SignatureBody, responses((status = 201, body = AnyDoc), Writes, BadBody, P404, P409, P422))]
pub async fn post_signature(
    access: Access<AnyStore>,
    Path(id): Path<String>,
    Json(b): Json<SignatureBody>,
) -> ApiResult<Response> {
    let s = access.minutes_signer().ok_or(ApiError::Forbidden)?;
    let v = s.sign(&id, &b.key, &b.signature).await?;
    Ok((StatusCode::CREATED, axum::Json(minutes_json(&v))).into_response())
}

fn version_json(v: &record::StatementVersion) -> Value {
    serde_json::to_value(v).unwrap_or(Value::Null)
}

/// Every version of a round's joint statement, oldest first (Arabic and English texts, who
/// wrote each and which language it changed).
#[utoipa::path(get, path = "/api/v1/rounds/{id}/statement", tag = "record", params(("id" = String, Path)), responses((status = 200, body = AnyDoc), Reads, P400, P404))]
pub async fn get_statement(access: Access<AnyStore>, Path(id): Path<String>) -> ApiResult<Response> {
    let vs = access.statement_versions(&id).await?;
    Ok(axum::Json(json!({ "round": id, "versions": vs.iter().map(version_json).collect::<Vec<_>>() })).into_response())
}

/// Drafts version 1 from the round's decisions and commitments, in Arabic and English. A round
/// that has a statement already is 409.
#[utoipa::path(post, path = "/api/v1/rounds/{id}/statement", tag = "record", params(("id" = String, Path)), responses((status = 201, body = AnyDoc), Writes, P400, P404, P409))]
pub async fn draft_statement(access: Access<AnyStore>, Path(id): Path<String>) -> ApiResult<Response> {
    let w = access.statement_writer().ok_or(ApiError::Forbidden)?;
    let v = w.draft(&id).await?;
    Ok((StatusCode::CREATED, axum::Json(version_json(&v))).into_response())
}

/// An edit of one language's text of the newest version.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StatementEdit {
    /// `ar` or `en`.
    pub lang: String,
    /// The whole text in that language: at most 100,000 characters
    /// (`rules::STATEMENT_MAX_CHARS`), no control characters but tab and line breaks.
    #[schema(max_length = 100000)]
    pub text: String,
    /// The number of the version edited: it must be the newest (else 409).
    pub based_on: u32,
}

fn lang_of(s: &str) -> ApiResult<Lang> {
    s.parse::<Lang>().map_err(|_| {
        ApiError::Invalid(vec![FieldProblem::msg("/lang", Message::new("record-api-lang").arg("lang", s))])
    })
}

/// Keeps a new version with one language's text changed; the other language's text and every
/// earlier version stay as they were.
#[utoipa::path(post, path = "/api/v1/rounds/{id}/statement/versions", tag = "record", params(("id" = String, Path)), request_body = StatementEdit, responses((status = 201, body = AnyDoc), Writes, BadBody, P404, P409, P422))]
pub async fn edit_statement(
    access: Access<AnyStore>,
    Path(id): Path<String>,
    Json(b): Json<StatementEdit>,
) -> ApiResult<Response> {
    let w = access.statement_writer().ok_or(ApiError::Forbidden)?;
    let v = w.edit(&id, lang_of(&b.lang)?, &b.text, b.based_on).await?;
    Ok((StatusCode::CREATED, axum::Json(version_json(&v))).into_response())
}

/// `?from=&to=` version numbers.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct Compare {
    /// The older version.
    #[param(minimum = 0, maximum = 4294967295.0)]
    pub from: u32,
    /// The newer version.
    #[param(minimum = 0, maximum = 4294967295.0)]
    pub to: u32,
}

/// Two versions compared word by word in each language: pieces `{op: same|added|removed, text}`.
#[utoipa::path(get, path = "/api/v1/rounds/{id}/statement/compare", tag = "record", params(("id" = String, Path), Compare), responses((status = 200, body = AnyDoc), Reads, P400, P404))]
pub async fn compare_statement(
    access: Access<AnyStore>,
    Path(id): Path<String>,
    Query(q): Query<Compare>,
) -> ApiResult<Response> {
    let vs = access.statement_versions(&id).await?;
    let find = |n: u32| {
        vs.iter()
            .find(|v| v.number == n)
            .ok_or_else(|| ApiError::NotFound(format!("statement version {n} of round {id}")))
    };
    let (a, b) = (find(q.from)?, find(q.to)?);
    let (ar, en) = crate::pages::record::statement::compare_texts(&a.text, &b.text).await;
    Ok(axum::Json(json!({ "from": a.number, "to": b.number, "ar": ar, "en": en })).into_response())
}

/// The JSON of a consultation as its reader may see it.
pub fn consultation_json(v: &ConsultationView) -> Value {
    json!({
        "consultation": v.consultation,
        "versions": v.versions.iter().map(|(x, _)| x).collect::<Vec<_>>(),
        "responses": v.responses,
        "summary": v.summary,
    })
}

/// The consultations this user may see (partners: released ones, with released versions only).
#[utoipa::path(get, path = "/api/v1/consultations", tag = "record", responses((status = 200, body = AnyList), Reads))]
pub async fn list_consultations(access: Access<AnyStore>) -> ApiResult<Response> {
    let all = access.consultations().await?;
    Ok(axum::Json(all.iter().map(consultation_json).collect::<Vec<_>>()).into_response())
}

/// A new consultation with its first draft version (the secretariat).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewConsultation {
    /// Identifier.
    pub id: String,
    /// `{en, ar}`.
    #[schema(value_type = Object)]
    pub title: Text,
    /// Phases (or other records) it is about.
    #[serde(default)]
    pub subjects: Vec<String>,
    /// The draft recommendation, `{en, ar}`.
    #[schema(value_type = Object)]
    pub text: Text,
}

fn id_at(pointer: &str, s: &str) -> ApiResult<Id> {
    Id::parse(s).ok_or_else(|| {
        ApiError::Invalid(vec![FieldProblem::msg(pointer, Message::new("record-api-bad-id").arg("id", s))])
    })
}

/// Creates a consultation (the secretariat); partners see nothing of it until a release.
#[utoipa::path(post, path = "/api/v1/consultations", tag = "record", request_body = NewConsultation, responses((status = 201, body = AnyDoc), Writes, BadBody, P409, P422))]
pub async fn create_consultation(access: Access<AnyStore>, Json(b): Json<NewConsultation>) -> ApiResult<Response> {
    let a = access.consultation_admin().ok_or(ApiError::Forbidden)?;
    let subjects = b
        .subjects
        .iter()
        .enumerate()
        .map(|(i, s)| id_at(&format!("/subjects/{i}"), s))
        .collect::<ApiResult<Vec<_>>>()?;
    let c = Consultation { id: id_at("/id", &b.id)?, title: b.title, subjects };
    let v = a.create(c, b.text).await?;
    Ok((StatusCode::CREATED, axum::Json(consultation_json(&v))).into_response())
}

/// One consultation (hidden and missing are both 404).
#[utoipa::path(get, path = "/api/v1/consultations/{id}", tag = "record", params(("id" = String, Path)), responses((status = 200, body = AnyDoc), Reads, P400, P404))]
pub async fn get_consultation(access: Access<AnyStore>, Path(id): Path<String>) -> ApiResult<Response> {
    Ok(axum::Json(consultation_json(&access.consultation(&id).await?)).into_response())
}

/// The draft's new text.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DraftText {
    /// `{en, ar}`.
    #[schema(value_type = Object)]
    pub text: Text,
}

/// Edits the draft (the secretariat): the newest version while unreleased; after a release a
/// new version, the released one staying frozen.
#[utoipa::path(put, path = "/api/v1/consultations/{id}/draft", tag = "record", params(("id" = String, Path)), request_body = DraftText, responses((status = 200, body = AnyDoc), Writes, BadBody, P404, P409, P422))]
pub async fn edit_consultation(
    access: Access<AnyStore>,
    Path(id): Path<String>,
    Json(b): Json<DraftText>,
) -> ApiResult<Response> {
    let a = access.consultation_admin().ok_or(ApiError::Forbidden)?;
    Ok(axum::Json(consultation_json(&a.edit(&id, b.text).await?)).into_response())
}

/// Releases the newest version to coalition partners (the secretariat); it is frozen from then
/// on. Nothing to release is 422.
#[utoipa::path(post, path = "/api/v1/consultations/{id}/release", tag = "record", params(("id" = String, Path)), responses((status = 200, body = AnyDoc), Writes, P400, P404, P422))]
pub async fn release_consultation(access: Access<AnyStore>, Path(id): Path<String>) -> ApiResult<Response> {
    let a = access.consultation_admin().ok_or(ApiError::Forbidden)?;
    Ok(axum::Json(consultation_json(&a.release(&id).await?)).into_response())
}

/// A partner's answer.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Answer {
    /// The released version answered.
    pub version: u32,
    /// `comment`, `concur` or `dissent`.
    pub position: String,
    /// Reasons (required for a dissent and a comment).
    #[serde(default)]
    pub reason: String,
}

/// A coalition partner comments on, concurs with or dissents from a released version.
#[utoipa::path(post, path = "/api/v1/consultations/{id}/responses", tag = "record", params(("id" = String, Path)), request_body = Answer, responses((status = 201, body = AnyDoc), Writes, BadBody, P404, P422))]
pub async fn respond(access: Access<AnyStore>, Path(id): Path<String>, Json(b): Json<Answer>) -> ApiResult<Response> {
    let r = access.consultation_responder().ok_or(ApiError::Forbidden)?;
    let position = Position::parse(&b.position).ok_or_else(|| {
        ApiError::Invalid(vec![FieldProblem::msg(
            "/position",
            Message::new("record-api-position").arg("position", b.position.as_str()),
        )])
    })?;
    let x = r.respond(&id, b.version, position, &b.reason).await?;
    Ok((StatusCode::CREATED, axum::Json(x)).into_response())
}

/// A commitment's status history: every change with its evidence, oldest first.
#[utoipa::path(get, path = "/api/v1/commitments/{id}/history", tag = "record", params(("id" = String, Path)), responses((status = 200, body = AnyDoc), Reads, P400, P404))]
pub async fn commitment_history(access: Access<AnyStore>, Path(id): Path<String>) -> ApiResult<Response> {
    let f = access.follow_up(&id).await?;
    Ok(axum::Json(json!({
        "commitment": id,
        "changes": f.map(|f| f.changes).unwrap_or_default(),
    }))
    .into_response())
}

/// A status change.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StatusBody {
    /// 0 not started, 1 minimal, 2 intermediate, 3 full.
    pub status: u8,
    /// What shows it (required).
    pub evidence: String,
    /// Documents of the record that show it.
    #[serde(default)]
    pub documents: Vec<String>,
}

/// Records a status change with its evidence (the secretariat, or a delegation of one of the
/// commitment's parties).
#[utoipa::path(post, path = "/api/v1/commitments/{id}/status", tag = "record", params(("id" = String, Path)), request_body = StatusBody, responses((status = 201, body = AnyDoc), Writes, BadBody, P404, P409, P422))]
pub async fn change_status(
    access: Access<AnyStore>,
    Path(id): Path<String>,
    Json(b): Json<StatusBody>,
) -> ApiResult<Response> {
    let w = access.follow_up_writer().ok_or(ApiError::Forbidden)?;
    let to = CommitmentStatus::try_from(b.status).map_err(|_| {
        ApiError::Invalid(vec![FieldProblem::msg(
            "/status",
            Message::new("record-api-status-range").arg("status", u32::from(b.status)),
        )])
    })?;
    let documents = b
        .documents
        .iter()
        .enumerate()
        .map(|(i, d)| id_at(&format!("/documents/{i}"), d))
        .collect::<ApiResult<Vec<_>>>()?;
    let f = w.change(&id, to, &b.evidence, documents).await?;
    Ok((StatusCode::CREATED, axum::Json(f)).into_response())
}

/// A link from a decision to what it created or changed.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LinkBody {
    /// The decision's id.
    pub decision: String,
    /// `creates` or `changes`.
    pub effect: String,
    /// `commitment`, `phase` or `gate`.
    pub kind: String,
    /// The target's id (the phase's, for a gate).
    pub target: String,
}

/// The round's decision links: explicit ones, and the commitments that restate a decision.
#[utoipa::path(get, path = "/api/v1/rounds/{id}/links", tag = "record", params(("id" = String, Path)), responses((status = 200, body = AnyList), Reads, P400, P404))]
pub async fn get_links(access: Access<AnyStore>, Path(id): Path<String>) -> ApiResult<Response> {
    access.get(tahawul_store::RecordKind::Round, &id).await?;
    let case = access.case().await?;
    let round = case.round(&id).ok_or_else(|| ApiError::NotFound(format!("round {id}")))?;
    let links = record::decision_links(&case, round, &access.decision_links().await?);
    Ok(axum::Json(links).into_response())
}

/// Links a decision (the secretariat).
#[utoipa::path(post, path = "/api/v1/rounds/{id}/links", tag = "record", params(("id" = String, Path)), request_body = LinkBody, responses((status = 201, body = AnyDoc), Writes, BadBody, P404, P409, P422))]
pub async fn add_link(
    access: Access<AnyStore>,
    Path(id): Path<String>,
    Json(b): Json<LinkBody>,
) -> ApiResult<Response> {
    let l = access.decision_linker().ok_or(ApiError::Forbidden)?;
    let bad = |p: &str, v: &str| {
        ApiError::Invalid(vec![FieldProblem::msg(p, Message::new("record-api-bad-id").arg("id", v))])
    };
    let effect = match b.effect.as_str() {
        "creates" => Effect::Creates,
        "changes" => Effect::Changes,
        other => return Err(bad("/effect", other)),
    };
    let kind = match b.kind.as_str() {
        "commitment" => LinkTarget::Commitment,
        "phase" => LinkTarget::Phase,
        "gate" => LinkTarget::Gate,
        other => return Err(bad("/kind", other)),
    };
    let link = DecisionLink {
        id: id_at("/decision", &format!("{}--{}", b.decision, b.target))?,
        round: id_at("/round", &id)?,
        decision: id_at("/decision", &b.decision)?,
        effect,
        kind,
        target: id_at("/target", &b.target)?,
    };
    let x = l.link(link).await?;
    Ok((StatusCode::CREATED, axum::Json(x)).into_response())
}

/// Who can sign for whom: every head's key history and every head account with when it was
/// made (the secretariat, auditors, delegations; 403 for coalition partners).
#[utoipa::path(get, path = "/api/v1/keys", tag = "record", responses((status = 200, body = AnyDoc), Reads, P403))]
pub async fn get_keys(access: Access<AnyStore>) -> ApiResult<Response> {
    Ok(axum::Json(access.key_register().await?).into_response())
}

/// The key a head means to register, for a challenge.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ChallengeBody {
    /// The person (a head of the account's party).
    pub person: String,
    /// `ed25519:` and 64 hex digits.
    pub key: String,
}

/// A challenge for registering a key (delegation heads): sign `challenge_base64` with the new
/// key and send the signature as `proof` within ten minutes.
#[utoipa::path(post, path = "/api/v1/keys/challenge", tag = "record", request_body = ChallengeBody, responses((status = 201, body = AnyDoc), Writes, BadBody, P422))]
pub async fn key_challenge(access: Access<AnyStore>, Json(b): Json<ChallengeBody>) -> ApiResult<Response> {
    let h = access.key_holder().ok_or(ApiError::Forbidden)?;
    let (nonce, bytes) = h.challenge(&b.person, &b.key).await?;
    Ok((StatusCode::CREATED, axum::Json(json!({ "nonce": nonce, "challenge_base64": base64(&bytes) }))).into_response())
}

/// A key registration with its proof of possession.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RegisterKeyBody {
    /// The person (a head of the account's party).
    pub person: String,
    /// `ed25519:` and 64 hex digits.
    pub key: String,
    /// The nonce of the challenge.
    pub nonce: String,
    /// `ed25519:` and 128 hex digits: the key's signature over the challenge.
    pub proof: String,
}

/// A delegation head registers their own key (proof of possession over a challenge); the
/// previous key is retired, signatures it made stay valid. The secretariat cannot (403).
#[utoipa::path(post, path = "/api/v1/keys", tag = "record", request_body = RegisterKeyBody, responses((status = 201, body = AnyDoc), Writes, BadBody, P404, P409, P422))]
pub async fn register_key(access: Access<AnyStore>, Json(b): Json<RegisterKeyBody>) -> ApiResult<Response> {
    let h = access.key_holder().ok_or(ApiError::Forbidden)?;
    let r = h.register(&b.person, &b.key, &b.nonce, &b.proof).await?;
    Ok((StatusCode::CREATED, axum::Json(json!({ "person": r.id, "version": r.version, "body": r.body })))
        .into_response())
}

/// The key to retire.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RetireKeyBody {
    /// Its fingerprint or its text form.
    pub key: String,
}

/// Retires a person's key: the secretariat (revoking) or a head of their party. Signatures
/// made before stay valid; the person signs nothing until they register a new key.
#[utoipa::path(post, path = "/api/v1/people/{id}/keys/retire", tag = "record", params(("id" = String, Path)), request_body = RetireKeyBody, responses((status = 200, body = AnyDoc), Writes, BadBody, P404, P409, P422))]
pub async fn retire_key(
    access: Access<AnyStore>,
    Path(id): Path<String>,
    Json(b): Json<RetireKeyBody>,
) -> ApiResult<Response> {
    let r = access.key_retirer().ok_or(ApiError::Forbidden)?;
    let rec = r.retire(&id, &b.key).await?;
    Ok(axum::Json(json!({ "person": rec.id, "version": rec.version, "body": rec.body })).into_response())
}

/// The record's routes.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(get_keys, register_key))
        .routes(routes!(key_challenge))
        .routes(routes!(retire_key))
        .routes(routes!(get_minutes))
        .routes(routes!(post_signature))
        .routes(routes!(get_statement, draft_statement))
        .routes(routes!(edit_statement))
        .routes(routes!(compare_statement))
        .routes(routes!(list_consultations, create_consultation))
        .routes(routes!(get_consultation))
        .routes(routes!(edit_consultation))
        .routes(routes!(release_consultation))
        .routes(routes!(respond))
        .routes(routes!(commitment_history))
        .routes(routes!(change_status))
        .routes(routes!(get_links, add_link))
}

#[cfg(test)]
mod tests {
    #[test]
    fn base64_matches_rfc_4648_vectors() {
        for (i, o) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(super::base64(i.as_bytes()), o);
        }
    }
}
