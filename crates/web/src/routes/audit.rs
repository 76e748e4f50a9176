//! The audit log's signed checkpoints and consistency proofs (RFC 9162), which each party
//! keeps and checks on its own machine (`tahawul audit checkpoint`, `tahawul audit verify
//! --since`). See docs/storage.md, "The Merkle log and checkpoints".

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use tahawul_i18n::Message;
use tahawul_ledger::Checkpoint;
use tahawul_ledger::checkpoint::hash_to_base64;
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::access::Access;
use crate::anystore::AnyStore;
use crate::error::responses::{P400, P403, P422, Reads};
use crate::error::{ApiError, ApiResult, FieldProblem, Query};

/// A signed checkpoint of the audit log.
#[derive(Debug, Serialize, ToSchema)]
pub struct CheckpointDoc {
    /// The signed note to keep, as is (C2SP tlog-checkpoint in a signed note).
    pub checkpoint: String,
    /// The log's name: `tahawul/<case id>`.
    pub origin: String,
    /// Number of audit entries the checkpoint covers.
    pub size: u64,
    /// The RFC 9162 Merkle root (SHA-256), base64.
    pub root: String,
    /// When it was signed (RFC 3339 UTC).
    pub time: String,
    /// The log's public key, `ed25519:` and 64 hex digits.
    pub key: String,
    /// The same key as a C2SP verifier key (`name+id+base64`), for other signed-note tools.
    pub vkey: String,
}

/// The current tree head, signed by the server's log key. Keep the `checkpoint` text: a later
/// consistency proof from its size shows the log only grew since.
#[utoipa::path(get, path = "/api/v1/audit/checkpoint", tag = "audit", responses((status = 200, body = CheckpointDoc), Reads, P403))]
pub async fn checkpoint(access: Access<AnyStore>, State(state): State<AppState>) -> ApiResult<Response> {
    let log = access.log_checker().ok_or(ApiError::Forbidden)?;
    let key = state.config.log_key.clone().ok_or_else(|| ApiError::Internal("no log key".into()))?;
    let head = log.head().await?;
    let cp = Checkpoint {
        origin: head.origin,
        size: head.size,
        root: head.root,
        time: Some(
            jiff::Timestamp::now().round(jiff::Unit::Second).unwrap_or_else(|_| jiff::Timestamp::now()).to_string(),
        ),
    };
    let public = key.public();
    Ok(axum::Json(CheckpointDoc {
        checkpoint: cp.sign(&key),
        root: hash_to_base64(&cp.root),
        time: cp.time.clone().unwrap_or_default(),
        key: public.to_string(),
        vkey: public.vkey(&cp.origin),
        origin: cp.origin,
        size: cp.size,
    })
    .into_response())
}

/// Which consistency proof.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ConsistencyQuery {
    /// The kept checkpoint's tree size.
    #[param(minimum = 0)]
    pub from: u64,
    /// The later tree size (default: the current one); at least `from`.
    #[param(minimum = 0)]
    pub to: Option<u64>,
}

/// A consistency proof between two tree sizes.
#[derive(Debug, Serialize, ToSchema)]
pub struct ConsistencyDoc {
    /// The earlier size.
    pub from: u64,
    /// The later size.
    pub to: u64,
    /// The RFC 9162 §2.1.4 proof, base64 hashes in order; empty when `from` is 0 or `to`.
    pub proof: Vec<String>,
}

/// The proof that the log at `to` entries extends the log at `from` (RFC 9162 §2.1.4.1).
/// Check it against the kept checkpoint's root and a signed checkpoint of size `to`.
#[utoipa::path(get, path = "/api/v1/audit/consistency", tag = "audit", params(ConsistencyQuery), responses((status = 200, body = ConsistencyDoc), Reads, P400, P403, P422))]
pub async fn consistency(access: Access<AnyStore>, Query(q): Query<ConsistencyQuery>) -> ApiResult<Response> {
    let log = access.log_checker().ok_or(ApiError::Forbidden)?;
    let size = log.head().await?.size;
    let to = q.to.unwrap_or(size);
    if to > size {
        return Err(ApiError::Invalid(vec![FieldProblem::msg(
            "/query/to",
            Message::new("audit-api-past-size").arg("field", "to").arg("value", to).arg("size", size),
        )]));
    }
    if q.from > to {
        return Err(ApiError::Invalid(vec![FieldProblem::msg(
            "/query/from",
            Message::new("audit-api-from-after-to").arg("from", q.from).arg("to", to),
        )]));
    }
    let proof = log.consistency(q.from, to).await?;
    Ok(axum::Json(ConsistencyDoc { from: q.from, to, proof: proof.iter().map(hash_to_base64).collect() })
        .into_response())
}

/// The checkpoint routes.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(checkpoint)).routes(routes!(consistency))
}
