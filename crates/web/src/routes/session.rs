//! `/api/v1/session`: sign in (a session cookie and its CSRF token), who am I, sign out.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::json;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::{AnyDoc, user_json};
use crate::AppState;
use crate::access::Access;
use crate::anystore::AnyStore;
use crate::auth::{AuthSession, CSRF_KEY, Credentials, new_csrf_token};
use crate::error::responses::{BadBody, P401, P429, P503, P507, Reads, Writes};
use crate::error::{ApiError, ApiResult, Json};

/// Signs in, with a local account or, when the server has a directory, a directory account.
/// Wrong name, wrong password, disabled account and a directory user in no mapped group get
/// the same answer; a directory that does not answer is a 503 (local accounts still sign in).
#[utoipa::path(post, path = "/api/v1/session", tag = "session", request_body = Credentials, responses((status = 200, body = AnyDoc, description = "the user and the CSRF token to echo in X-CSRF-Token"), BadBody, P401, P429, P503, P507))]
pub async fn login(mut session: AuthSession, Json(c): Json<Credentials>) -> ApiResult<Response> {
    let user = match session.authenticate(c).await {
        Ok(u) => u.ok_or(ApiError::LoginFailed)?,
        Err(axum_login::Error::Backend(e)) => return Err(e.into()),
        Err(e) => return Err(ApiError::Internal(e.to_string())),
    };
    crate::auth::new_session_id(&session).await.map_err(|e| ApiError::Internal(e.to_string()))?;
    session.login(&user).await.map_err(|e| ApiError::Internal(e.to_string()))?;
    let csrf = new_csrf_token();
    session.session.insert(CSRF_KEY, &csrf).await.map_err(|e| ApiError::Internal(e.to_string()))?;
    tracing::info!(user = %user.user.name, "signed in");
    Ok(axum::Json(json!({ "user": user_json(&user.user), "csrf_token": csrf })).into_response())
}

/// Who is signed in (session or token), and the session's CSRF token.
#[utoipa::path(get, path = "/api/v1/session", tag = "session", responses((status = 200, body = AnyDoc), Reads))]
pub async fn me(session: AuthSession, access: Access<AnyStore>) -> ApiResult<Response> {
    let csrf: Option<String> = session.session.get(CSRF_KEY).await.ok().flatten();
    Ok(axum::Json(json!({ "user": user_json(access.user()), "csrf_token": csrf })).into_response())
}

/// Signs out (a cookie session needs its CSRF token, like any write).
#[utoipa::path(delete, path = "/api/v1/session", tag = "session", responses((status = 204, description = "signed out"), Writes))]
pub async fn logout(mut session: AuthSession, _access: Access<AnyStore>) -> ApiResult<Response> {
    session.logout().await.map_err(|e| ApiError::Internal(e.to_string()))?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// The session routes.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(login, me, logout))
}
