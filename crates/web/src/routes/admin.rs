//! Users (secretariat), one's own API tokens, and the audit log (auditors, secretariat).

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::json;
use tahawul_store::{NewUser, Role};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::{AnyDoc, AnyList, UserDoc, user_json};
use crate::AppState;
use crate::access::Access;
use crate::anystore::AnyStore;
use crate::auth::AuthSession;
use crate::error::responses::{BadBody, P400, P403, P404, P409, P422, Reads, Writes};
use crate::error::{ApiError, ApiResult, FieldProblem, Json, Path, Query};

/// Every user (secretariat and auditors).
#[utoipa::path(get, path = "/api/v1/users", tag = "users", responses((status = 200, body = [UserDoc]), Reads, P403))]
pub async fn list_users(access: Access<AnyStore>) -> ApiResult<Response> {
    let r = access.user_reader().ok_or(ApiError::Forbidden)?;
    Ok(axum::Json(r.list().await?.iter().map(user_json).collect::<Vec<_>>()).into_response())
}

/// A user to create.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewUserBody {
    /// Login name (lowercase letters, digits, `-`, `_`).
    pub name: String,
    /// Name shown on pages (default: the login name).
    pub display_name: Option<String>,
    /// The role.
    pub role: String,
    /// The party (heads, members, coalition partners).
    pub party: Option<String>,
    /// The factor (working-group members).
    pub factor: Option<String>,
    /// At least 12 characters.
    pub password: String,
}

/// Creates a user (secretariat).
#[utoipa::path(post, path = "/api/v1/users", tag = "users", request_body = NewUserBody, responses((status = 201, body = UserDoc), Writes, BadBody, P409, P422))]
pub async fn create_user(access: Access<AnyStore>, Json(b): Json<NewUserBody>) -> ApiResult<Response> {
    let admin = access.user_admin().ok_or(ApiError::Forbidden)?;
    let role = Role::parse(&b.role).ok_or_else(|| {
        let known: Vec<_> = Role::ALL.iter().map(|r| r.as_str()).collect();
        ApiError::Invalid(vec![FieldProblem::raw(
            "/role",
            format!("unknown role {:?}; roles are {}", b.role, known.join(", ")),
        )])
    })?;
    let user = NewUser {
        display_name: b.display_name.unwrap_or_else(|| b.name.clone()),
        name: b.name,
        role,
        party: b.party,
        factor: b.factor,
        password: b.password,
    };
    let u = admin.create(user).await?;
    Ok((StatusCode::CREATED, axum::Json(user_json(&u))).into_response())
}

/// Disables a user: their sessions and tokens stop working.
#[utoipa::path(post, path = "/api/v1/users/{name}/disable", tag = "users", params(("name" = String, Path)), responses((status = 200, body = UserDoc), Writes, P400, P404))]
pub async fn disable_user(access: Access<AnyStore>, Path(name): Path<String>) -> ApiResult<Response> {
    let admin = access.user_admin().ok_or(ApiError::Forbidden)?;
    Ok(axum::Json(user_json(&admin.disable(&name).await?)).into_response())
}

/// Enables a disabled user again: they sign in again, and their tokens that were not revoked
/// work again (secretariat).
#[utoipa::path(post, path = "/api/v1/users/{name}/enable", tag = "users", params(("name" = String, Path)), responses((status = 200, body = UserDoc), Writes, P400, P403, P404, P422))]
pub async fn enable_user(access: Access<AnyStore>, Path(name): Path<String>) -> ApiResult<Response> {
    let admin = access.user_admin().ok_or(ApiError::Forbidden)?;
    Ok(axum::Json(user_json(&admin.enable(&name).await?)).into_response())
}

/// A temporary password.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResetBody {
    /// At least 12 characters; the person must change it at their next sign-in.
    pub temporary_password: String,
}

/// Resets a user's password to a temporary one they must change at their next sign-in
/// (secretariat; not a directory account, not one's own). Their sessions end; their API
/// tokens are kept (revoke them with `DELETE /api/v1/tokens/{prefix}` if the account was
/// compromised).
#[utoipa::path(post, path = "/api/v1/users/{name}/reset", tag = "users", params(("name" = String, Path)), request_body = ResetBody, responses((status = 200, body = UserDoc), Writes, BadBody, P403, P404, P422))]
pub async fn reset_user(
    access: Access<AnyStore>,
    Path(name): Path<String>,
    Json(b): Json<ResetBody>,
) -> ApiResult<Response> {
    let admin = access.user_admin().ok_or(ApiError::Forbidden)?;
    Ok(axum::Json(user_json(&admin.reset_password(&name, &b.temporary_password).await?)).into_response())
}

/// One's own password change.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PasswordBody {
    /// The password in use now (the temporary one after a reset).
    pub current_password: String,
    /// At least 12 characters, not the current one.
    pub new_password: String,
}

/// Changes one's own password. Every other session of the account ends (this one, if it is a
/// session, goes on); API tokens are kept. A directory account is refused (its password is
/// the directory's).
#[utoipa::path(post, path = "/api/v1/me/password", tag = "session", request_body = PasswordBody, responses((status = 200, body = UserDoc), Writes, BadBody, P422))]
pub async fn change_password(
    mut session: AuthSession,
    access: Access<AnyStore>,
    Json(b): Json<PasswordBody>,
) -> ApiResult<Response> {
    let u = access.change_own_password(&b.current_password, &b.new_password).await?;
    if session.user.as_ref().is_some_and(|s| s.user.name == u.name) {
        crate::auth::renew_own_session(&mut session, u.clone()).await?;
    }
    Ok(axum::Json(user_json(&u)).into_response())
}

/// One's own API tokens (never their secrets).
#[utoipa::path(get, path = "/api/v1/tokens", tag = "tokens", responses((status = 200, body = AnyList), Reads))]
pub async fn list_tokens(access: Access<AnyStore>) -> ApiResult<Response> {
    Ok(axum::Json(access.own_tokens().list().await?).into_response())
}

/// A token to make.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewTokenBody {
    /// What it is for.
    pub label: String,
}

/// Makes an API token for oneself; the token text is in this response only.
#[utoipa::path(post, path = "/api/v1/tokens", tag = "tokens", request_body = NewTokenBody, responses((status = 201, body = AnyDoc), Writes, BadBody, P422))]
pub async fn create_token(access: Access<AnyStore>, Json(b): Json<NewTokenBody>) -> ApiResult<Response> {
    let (info, token) = access.own_tokens().create(&b.label).await?;
    Ok((StatusCode::CREATED, axum::Json(json!({ "token": token.token, "info": info }))).into_response())
}

/// Revokes one of one's own tokens by its prefix.
#[utoipa::path(delete, path = "/api/v1/tokens/{prefix}", tag = "tokens", params(("prefix" = String, Path)), responses((status = 204, description = "revoked"), Writes, P400, P404))]
pub async fn revoke_token(access: Access<AnyStore>, Path(prefix): Path<String>) -> ApiResult<Response> {
    access.own_tokens().revoke(&prefix).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// A page of the audit log.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct AuditPage {
    /// Entries after this sequence number (default 0).
    #[param(minimum = 0)]
    pub after: Option<i64>,
    /// At most this many (default 100, at most 1000).
    #[param(minimum = 1, maximum = 1000)]
    pub limit: Option<u64>,
}

/// Audit entries, oldest first: who, when, what, before and after, and the hash chain.
#[utoipa::path(get, path = "/api/v1/audit", tag = "audit", params(AuditPage), responses((status = 200, body = AnyList, description = "the entries, oldest first"), Reads, P400, P403, P422))]
pub async fn audit_log(access: Access<AnyStore>, Query(q): Query<AuditPage>) -> ApiResult<Response> {
    let r = access.audit_reader().ok_or(ApiError::Forbidden)?;
    let limit = q.limit.unwrap_or(100);
    if limit == 0 || limit > 1000 {
        return Err(ApiError::Invalid(vec![FieldProblem::raw("/query/limit", "limit must be between 1 and 1000")]));
    }
    let after = super::observations::non_negative("after", q.after.unwrap_or(0))?;
    Ok(axum::Json(r.entries(after, limit).await?).into_response())
}

/// Verifies the whole chain; a break says where.
#[utoipa::path(get, path = "/api/v1/audit/verify", tag = "audit", responses((status = 200, body = AnyDoc), Reads, P403))]
pub async fn audit_verify(access: Access<AnyStore>) -> ApiResult<Response> {
    let r = access.audit_reader().ok_or(ApiError::Forbidden)?;
    Ok(match r.verify().await? {
        Ok(v) => axum::Json(json!({ "valid": true, "entries": v.len, "head": v.head })).into_response(),
        Err(b) => axum::Json(json!({ "valid": false, "seq": b.seq, "break": b.to_string() })).into_response(),
    })
}

/// The admin routes.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_users, create_user))
        .routes(routes!(disable_user))
        .routes(routes!(enable_user))
        .routes(routes!(reset_user))
        .routes(routes!(change_password))
        .routes(routes!(list_tokens, create_token))
        .routes(routes!(revoke_token))
        .routes(routes!(audit_log))
        .routes(routes!(audit_verify))
}
