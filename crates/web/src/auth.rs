//! Who is asking: a session cookie (axum-login over tower-sessions, kept in the case's
//! database) or an API token (`Authorization: Bearer …`). Cookie-authenticated writes must
//! echo the session's CSRF token in `X-CSRF-Token`; token requests need none (a browser never
//! attaches a bearer token on its own).

use axum::extract::FromRequestParts;
use axum::http::{Method, header, request::Parts};
use axum_login::{AuthUser, AuthnBackend, UserId};
use std::sync::Arc;

use tahawul_domain::directory::Admission;
use tahawul_store::{DirectoryUser, StoreError, User, prelude::*};

use crate::AppState;
use crate::access::Access;
use crate::anystore::AnyStore;
use crate::directory::{Directory, Unavailable};
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

/// axum-login's backend over the store, and the directory if one is set.
#[derive(Debug, Clone)]
pub struct Backend {
    store: AnyStore,
    directory: Option<Arc<Directory>>,
}

impl Backend {
    /// A backend over a store (local accounts only).
    pub fn new(store: AnyStore) -> Backend {
        Backend { store, directory: None }
    }

    /// A backend over a store that also signs people in with a directory.
    pub fn with_directory(store: AnyStore, directory: Option<Arc<Directory>>) -> Backend {
        Backend { store, directory }
    }

    /// Directory sign-in for a name that is not a local account. `Ok(None)` for every refusal
    /// (wrong password, no such person, no mapped group, a local or disabled account of that
    /// name), so that the answer never tells them apart.
    async fn directory_sign_in(&self, dir: &Directory, c: &Credentials) -> Result<Option<SessionUser>, AuthError> {
        if !tahawul_domain::directory::is_account_name(&c.name) {
            return Ok(None);
        }
        let Some(person) = dir.authenticate(&c.name, &c.password).await? else {
            return Ok(None);
        };
        let rule = match dir.mapping.admission(&person.groups) {
            Admission::Admit(rule) => rule,
            Admission::NoMappedGroup => {
                tracing::info!(user = %c.name, "directory sign-in refused: in no mapped group");
                return Ok(None);
            }
        };
        let user = DirectoryUser {
            name: c.name.clone(),
            display_name: person.display_name,
            role: rule.role,
            party: rule.party.clone(),
            factor: rule.factor.clone(),
        };
        match self.store.directory_sign_in(user, DIRECTORY_ACTOR).await {
            Ok(u) => Ok(u.map(SessionUser::new)),
            // A mapping to a party or factor the case does not have: refused, and said in the
            // log for the operator (the server checks the mapping's parties at start).
            Err(StoreError::Invalid(ps)) => {
                tracing::warn!(user = %c.name, problems = ?ps, "directory sign-in refused: the mapped role does not fit the case");
                Ok(None)
            }
            Err(e) => Err(e.into()),
        }
    }
}

/// Who the audit log names for what directory sign-in writes.
pub const DIRECTORY_ACTOR: &str = "directory";

/// Failures during authentication: the store's, or a directory that cannot be asked.
#[derive(Debug, thiserror::Error)]
pub enum AuthError {
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The directory is down or unreachable.
    #[error(transparent)]
    Directory(#[from] Unavailable),
}

impl From<AuthError> for ApiError {
    fn from(e: AuthError) -> ApiError {
        match e {
            AuthError::Store(e) => e.into(),
            AuthError::Directory(e) => {
                tracing::warn!(error = %e, "directory sign-in failed");
                ApiError::DirectoryUnavailable
            }
        }
    }
}

impl AuthnBackend for Backend {
    type User = SessionUser;
    type Credentials = Credentials;
    type Error = AuthError;

    async fn authenticate(&self, c: Credentials) -> Result<Option<SessionUser>, AuthError> {
        // Local accounts first: a name the store holds as a local account is never sent to
        // the directory, so an unreachable directory does not stop local sign-in.
        if let Some(dir) = &self.directory {
            match self.store.get_user(&c.name).await {
                Ok(u) if u.directory => return self.directory_sign_in(dir, &c).await,
                Ok(_) => {}
                Err(StoreError::NotFound(_)) => return self.directory_sign_in(dir, &c).await,
                Err(e) => return Err(e.into()),
            }
        }
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
        let (user, by_token) = authenticate(parts, state).await?;
        tracing::Span::current().record("user", user.name.as_str());
        // A session signed in with a temporary password (a reset) may only change it, see who
        // it is, or sign out; a token is a credential of its own, not the temporary password.
        if user.must_change_password && !by_token && !MUST_CHANGE_ALLOWS.contains(&parts.uri.path()) {
            return Err(ApiError::MustChangePassword);
        }
        Ok(Access::new(state.store.clone(), user))
    }
}

/// What a session that must change its password may still ask for.
const MUST_CHANGE_ALLOWS: [&str; 2] = ["/api/v1/me/password", "/api/v1/session"];

/// Signs the current session in again after the account's version changed (one's own password
/// change): the account's other sessions end, this one goes on, with a new id.
pub async fn renew_own_session(session: &mut AuthSession, user: User) -> Result<(), ApiError> {
    new_session_id(session).await.map_err(|e| ApiError::Internal(e.to_string()))?;
    session.login(&SessionUser::new(user)).await.map_err(|e| ApiError::Internal(e.to_string()))
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
