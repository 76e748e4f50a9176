//! Who is asking: a session cookie (axum-login over tower-sessions, kept in the case's
//! database) or an API token (`Authorization: Bearer …`). Cookie-authenticated writes must
//! echo the session's CSRF token in `X-CSRF-Token`; token requests need none (a browser never
//! attaches a bearer token on its own).

use axum::extract::FromRequestParts;
use axum::http::{Method, header, request::Parts};
use axum_login::{AuthUser, AuthnBackend, UserId};
use tahawul_store::{Store, StoreError, User};

use crate::AppState;
use crate::access::Access;
use crate::anystore::AnyStore;
use crate::error::ApiError;

/// The header a cookie-authenticated write must carry.
pub const CSRF_HEADER: &str = "x-csrf-token";
/// Where the CSRF token lives in the session.
pub const CSRF_KEY: &str = "tahawul.csrf";

/// A signed-in user as the session layer sees it.
#[derive(Debug, Clone)]
pub struct SessionUser {
    /// The user.
    pub user: User,
    /// Changes when the account does, ending its sessions.
    auth_hash: Vec<u8>,
}

impl SessionUser {
    fn new(user: User) -> SessionUser {
        let auth_hash = blake3::hash(format!("{}\n{}\n{}", user.name, user.created_at, user.version).as_bytes())
            .as_bytes()
            .to_vec();
        SessionUser { user, auth_hash }
    }
}

impl AuthUser for SessionUser {
    type Id = String;
    fn id(&self) -> String {
        self.user.name.clone()
    }
    fn session_auth_hash(&self) -> &[u8] {
        &self.auth_hash
    }
}

/// What a login form sends.
#[derive(Debug, Clone, serde::Deserialize, utoipa::ToSchema)]
pub struct Credentials {
    /// User name.
    pub name: String,
    /// Password.
    pub password: String,
}

/// axum-login's backend over the store.
#[derive(Debug, Clone)]
pub struct Backend {
    store: AnyStore,
}

impl Backend {
    /// A backend over a store.
    pub fn new(store: AnyStore) -> Backend {
        Backend { store }
    }
}

/// Store failures during authentication.
#[derive(Debug, thiserror::Error)]
#[error(transparent)]
pub struct AuthError(#[from] StoreError);

impl AuthnBackend for Backend {
    type User = SessionUser;
    type Credentials = Credentials;
    type Error = AuthError;

    async fn authenticate(&self, c: Credentials) -> Result<Option<SessionUser>, AuthError> {
        Ok(self.store.verify_password(&c.name, &c.password).await?.map(SessionUser::new))
    }

    async fn get_user(&self, name: &UserId<Self>) -> Result<Option<SessionUser>, AuthError> {
        // A disabled (or deleted) user's session stops working at their next request.
        match self.store.get_user(name).await {
            Ok(u) if !u.disabled => Ok(Some(SessionUser::new(u))),
            Ok(_) | Err(StoreError::NotFound(_)) => Ok(None),
            Err(e) => Err(e.into()),
        }
    }
}

/// The session extractor type.
pub type AuthSession = axum_login::AuthSession<Backend>;

fn is_safe(m: &Method) -> bool {
    matches!(*m, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// Constant-time comparison so the token cannot be guessed byte by byte.
pub(crate) fn same(a: &[u8], b: &[u8]) -> bool {
    use subtle::ConstantTimeEq as _;
    bool::from(a.ct_eq(b))
}

/// The user behind a request, and how they came (token requests skip CSRF).
pub async fn authenticate(parts: &mut Parts, state: &AppState) -> Result<(User, bool), ApiError> {
    if let Some(auth) = parts.headers.get(header::AUTHORIZATION) {
        let token = auth
            .to_str()
            .ok()
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim)
            .ok_or(ApiError::Unauthenticated)?;
        let user = state.store.verify_token(token).await?.ok_or(ApiError::Unauthenticated)?;
        return Ok((user, true));
    }
    let session = AuthSession::from_request_parts(parts, state)
        .await
        .map_err(|_| ApiError::Internal("session layer missing".into()))?;
    let user = session.user.clone().ok_or(ApiError::Unauthenticated)?.user;
    if !is_safe(&parts.method) {
        let expected: Option<String> =
            session.session.get(CSRF_KEY).await.map_err(|e| ApiError::Internal(e.to_string()))?;
        let sent = parts.headers.get(CSRF_HEADER).map(|v| v.as_bytes());
        match (expected, sent) {
            (Some(e), Some(s)) if same(e.as_bytes(), s) => {}
            _ => return Err(ApiError::Csrf),
        }
    }
    Ok((user, false))
}

impl FromRequestParts<AppState> for Access<AnyStore> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let (user, _) = authenticate(parts, state).await?;
        tracing::Span::current().record("user", user.name.as_str());
        Ok(Access::new(state.store.clone(), user))
    }
}

/// Gives the session a new id and deletes the old one, before every sign-in. axum-login's
/// `login` cycles the id only when the session is not signed in yet, so signing in as a head
/// on a session already signed in (say, one an attacker planted as a member) kept the id the
/// attacker knows.
pub async fn new_session_id(session: &AuthSession) -> Result<(), tower_sessions::session::Error> {
    session.session.cycle_id().await
}

/// A fresh CSRF token: 128 random bits, as tower-sessions makes its ids.
pub fn new_csrf_token() -> String {
    tower_sessions::session::Id::default().to_string()
}
