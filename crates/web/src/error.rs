//! The API's one error type. Every failure becomes an `application/problem+json` document
//! (RFC 9457) with `type`, `title`, `status`, `detail` and, where a field is at fault, a JSON
//! pointer to it; words come in the user's language (see [`localize`]).

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};
use tahawul_domain::Diagnostic;
use tahawul_i18n::{Lang, Localizer, Message};
use tahawul_store::StoreError;

/// The media type of problem documents.
pub const PROBLEM_JSON: &str = "application/problem+json";

/// One field at fault: a JSON pointer (`/observations/3/value`) and what is wrong there.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldProblem {
    /// JSON pointer into the request (or `/line/12` for a line of text).
    pub pointer: String,
    /// What is wrong, in words.
    pub detail: Detail,
    /// How to fix it, when there is more to say.
    pub help: Option<Message>,
}

/// Words that are either already written (the store's English reasons) or still a message.
#[derive(Debug, Clone, PartialEq)]
pub enum Detail {
    /// A message to localize.
    Msg(Message),
    /// Text as it came (from serde or the store).
    Raw(String),
}

impl Detail {
    /// The problem's words in `loc`'s language (raw text as it came).
    pub(crate) fn render(&self, loc: &Localizer) -> String {
        match self {
            Detail::Msg(m) => loc.format(m),
            Detail::Raw(s) => s.clone(),
        }
    }
}

impl FieldProblem {
    /// A problem at a pointer, with raw text.
    pub fn raw(pointer: impl Into<String>, detail: impl Into<String>) -> FieldProblem {
        FieldProblem { pointer: pointer.into(), detail: Detail::Raw(detail.into()), help: None }
    }
    /// A problem at a pointer, with a message.
    pub fn msg(pointer: impl Into<String>, m: Message) -> FieldProblem {
        FieldProblem { pointer: pointer.into(), detail: Detail::Msg(m), help: None }
    }
    /// A store's problem: its field as a pointer, its message and help.
    pub fn of_store(p: tahawul_store::Problem) -> FieldProblem {
        FieldProblem { pointer: store_pointer(&p.at), detail: Detail::Msg(p.message), help: p.help }
    }
}

/// What went wrong with a request.
#[derive(Debug, Clone, thiserror::Error)]
pub enum ApiError {
    /// No session and no token.
    #[error("not authenticated")]
    Unauthenticated,
    /// Login refused; the same words whether the user exists or not.
    #[error("login failed")]
    LoginFailed,
    /// The role does not allow it.
    #[error("forbidden")]
    Forbidden,
    /// A cookie-authenticated write without the session's CSRF token.
    #[error("csrf token missing or wrong")]
    Csrf,
    /// No such thing, or not visible to this user (the two are not told apart).
    #[error("not found: {0}")]
    NotFound(String),
    /// The version read is stale; nothing changed.
    #[error("conflict (current version {current_version:?})")]
    Conflict {
        /// The version stored now.
        current_version: Option<i64>,
    },
    /// An update without the version it read.
    #[error("version required")]
    VersionRequired,
    /// The request cannot be read (malformed JSON, wrong types, bad query).
    #[error("bad request")]
    BadRequest(Vec<FieldProblem>),
    /// The request reads but breaks rules.
    #[error("invalid")]
    Invalid(Vec<FieldProblem>),
    /// A text file (CSV) with problems, each with its line.
    #[error("rejected")]
    Rejected(Vec<Diagnostic>),
    /// A gate text that does not parse or check; spans are byte offsets into the text.
    #[error("gate invalid")]
    Gate(Vec<(std::ops::Range<usize>, Message, Option<Message>)>),
    /// The body is larger than the limit.
    #[error("payload too large")]
    TooLarge,
    /// The body's media type is not the one expected.
    #[error("unsupported media type")]
    UnsupportedMediaType(&'static str),
    /// No route for the path.
    #[error("no route")]
    NoRoute(String),
    /// The route does not take this method.
    #[error("method not allowed")]
    MethodNotAllowed,
    /// The database does not answer (stopped, restarting, unreachable); nothing changed.
    #[error("database unavailable")]
    Unavailable,
    /// The directory (LDAP, Active Directory) does not answer; local accounts still sign in.
    #[error("directory unavailable")]
    DirectoryUnavailable,
    /// The database's disk is full; nothing changed.
    #[error("storage full")]
    StorageFull,
    /// A session signed in with a temporary password (a reset) asks for anything but
    /// changing it.
    #[error("password must be changed")]
    MustChangePassword,
    /// A failure on our side; details go to the log, not the client.
    #[error("internal: {0}")]
    Internal(String),
}

/// The API's result.
pub type ApiResult<T> = Result<T, ApiError>;

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound(what) => ApiError::NotFound(what),
            StoreError::Conflict { current_version } => ApiError::Conflict { current_version },
            StoreError::Invalid(ps) => ApiError::Invalid(ps.into_iter().map(FieldProblem::of_store).collect()),
            StoreError::Rejected(ds) => ApiError::Rejected(ds),
            StoreError::Database(e) if storage_full(&e) => {
                tracing::error!(error = %e, "the database's disk is full");
                ApiError::StorageFull
            }
            StoreError::Database(e) if unavailable(&e) => {
                tracing::error!(error = %e, "the database is unavailable");
                ApiError::Unavailable
            }
            other => {
                tracing::error!(error = %other, "store failure");
                ApiError::Internal(other.to_string())
            }
        }
    }
}

/// SQLite's SQLITE_FULL (13), PostgreSQL's disk_full (53100), or the OS saying so.
fn storage_full(e: &sqlx::Error) -> bool {
    match e {
        sqlx::Error::Database(d) => {
            matches!(d.code().as_deref(), Some("13") | Some("53100"))
                || d.message().contains("disk is full")
                || d.message().contains("No space left")
        }
        sqlx::Error::Io(io) => io.raw_os_error() == Some(28),
        _ => false,
    }
}

/// The database is gone for now: connection refused or lost, the pool cannot get one, or
/// PostgreSQL is shutting down or starting (class 08, 57P01–57P03).
fn unavailable(e: &sqlx::Error) -> bool {
    match e {
        sqlx::Error::Io(_)
        | sqlx::Error::PoolTimedOut
        | sqlx::Error::PoolClosed
        | sqlx::Error::WorkerCrashed
        | sqlx::Error::Tls(_) => true,
        sqlx::Error::Database(d) => {
            d.code().is_some_and(|c| c.starts_with("08") || matches!(c.as_ref(), "57P01" | "57P02" | "57P03"))
        }
        _ => false,
    }
}

/// The store's `body.name.en` / `row 3` / `name` as a JSON pointer into the request.
pub fn store_pointer(at: &str) -> String {
    if let Some(n) = at.strip_prefix("row ").and_then(|n| n.trim().parse::<usize>().ok()) {
        return format!("/observations/{}", n.saturating_sub(1));
    }
    let mut out = String::new();
    for part in at.split('.').filter(|p| !p.is_empty()) {
        out.push('/');
        out.push_str(&part.replace('~', "~0").replace('/', "~1"));
    }
    out
}

impl ApiError {
    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::Unauthenticated | ApiError::LoginFailed => StatusCode::UNAUTHORIZED,
            ApiError::Forbidden | ApiError::Csrf | ApiError::MustChangePassword => StatusCode::FORBIDDEN,
            ApiError::NotFound(_) | ApiError::NoRoute(_) => StatusCode::NOT_FOUND,
            ApiError::Conflict { .. } => StatusCode::CONFLICT,
            ApiError::VersionRequired => StatusCode::PRECONDITION_REQUIRED,
            ApiError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ApiError::Invalid(_) | ApiError::Rejected(_) | ApiError::Gate(_) => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            ApiError::Unavailable | ApiError::DirectoryUnavailable => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::StorageFull => StatusCode::INSUFFICIENT_STORAGE,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The stable slug in `type` (`/problems/conflict`) and the title's message id.
    fn slug(&self) -> (&'static str, &'static str) {
        match self {
            ApiError::Unauthenticated => ("unauthenticated", "api-unauthenticated"),
            ApiError::LoginFailed => ("login-failed", "api-login-failed"),
            ApiError::Forbidden => ("forbidden", "api-forbidden"),
            ApiError::Csrf => ("csrf", "api-csrf"),
            ApiError::MustChangePassword => ("must-change-password", "api-must-change-password-title"),
            ApiError::NotFound(_) => ("not-found", "api-not-found-title"),
            ApiError::Conflict { .. } => ("conflict", "api-conflict-title"),
            ApiError::VersionRequired => ("version-required", "api-version-required"),
            ApiError::BadRequest(_) => ("bad-request", "api-bad-request"),
            ApiError::Invalid(_) => ("invalid", "api-invalid"),
            ApiError::Rejected(_) => ("rejected-rows", "api-rejected"),
            ApiError::Gate(_) => ("gate-invalid", "api-gate-invalid"),
            ApiError::TooLarge => ("too-large", "api-too-large"),
            ApiError::UnsupportedMediaType(_) => ("unsupported-media-type", "api-unsupported-media-type"),
            ApiError::NoRoute(_) => ("no-route", "api-no-route"),
            ApiError::MethodNotAllowed => ("method-not-allowed", "api-method-not-allowed"),
            ApiError::Unavailable => ("unavailable", "api-unavailable"),
            ApiError::DirectoryUnavailable => ("directory-unavailable", "api-directory-unavailable"),
            ApiError::StorageFull => ("storage-full", "api-storage-full"),
            ApiError::Internal(_) => ("internal", "api-internal"),
        }
    }

    /// The problem document in a language.
    pub fn problem(&self, loc: &Localizer) -> Value {
        let (slug, title) = self.slug();
        let status = self.status().as_u16();
        let mut doc = json!({ "type": format!("/problems/{slug}"), "title": loc.tr(title), "status": status });
        let mut errors: Vec<Value> = Vec::new();
        let detail = match self {
            ApiError::NotFound(what) => loc.format(&Message::new("api-not-found").arg("what", what.as_str())),
            ApiError::NoRoute(path) => loc.format(&Message::new("api-not-found").arg("what", path.as_str())),
            ApiError::Conflict { current_version } => {
                doc["current_version"] = json!(current_version);
                match current_version {
                    Some(v) => loc.format(&Message::new("api-conflict").arg("current", *v)),
                    None => loc.tr("api-conflict-gone"),
                }
            }
            ApiError::BadRequest(ps) | ApiError::Invalid(ps) => {
                for p in ps {
                    let mut e = json!({ "pointer": p.pointer, "detail": p.detail.render(loc) });
                    if let Detail::Msg(m) = &p.detail {
                        e["code"] = json!(m.id);
                    }
                    if let Some(h) = &p.help {
                        e["help"] = json!(loc.format(h));
                    }
                    errors.push(e);
                }
                loc.format(&Message::new("api-problem-count").arg("count", ps.len()))
            }
            ApiError::Rejected(ds) => {
                for d in ds {
                    let r = d.rendered(loc);
                    errors.push(json!({ "pointer": format!("/line/{}", d.line), "file": d.file, "line": d.line, "column": d.column, "detail": r.message, "help": r.help, "code": d.message.id }));
                }
                loc.format(&Message::new("api-problem-count").arg("count", ds.len()))
            }
            ApiError::Gate(es) => {
                for (span, m, help) in es {
                    errors.push(json!({ "pointer": "/gate", "span": { "start": span.start, "end": span.end }, "detail": loc.format(m), "help": help.as_ref().map(|h| loc.format(h)), "code": m.id }));
                }
                loc.format(&Message::new("api-problem-count").arg("count", es.len()))
            }
            ApiError::UnsupportedMediaType(want) => {
                loc.format(&Message::new("api-unsupported-media-type-detail").arg("expected", *want))
            }
            ApiError::MustChangePassword => loc.tr("api-must-change-password"),
            _ => loc.tr(title),
        };
        doc["detail"] = json!(detail);
        if let Some(first) = errors.first() {
            doc["pointer"] = first["pointer"].clone();
            doc["errors"] = Value::Array(errors);
        }
        doc
    }

    /// The response in a language.
    pub fn response(&self, lang: Lang) -> Response {
        let loc = Localizer::new(lang).or_else(|_| Localizer::new(Lang::En));
        let body = match loc {
            Ok(loc) => self.problem(&loc),
            Err(_) => {
                json!({ "type": "/problems/internal", "title": "internal error", "status": 500 })
            }
        };
        let mut res = (self.status(), serde_json::to_string(&body).unwrap_or_default()).into_response();
        res.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON));
        if matches!(self, ApiError::Unavailable | ApiError::DirectoryUnavailable) {
            res.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from_static("5"));
        }
        if matches!(self, ApiError::Unauthenticated) {
            res.headers_mut().insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer realm=\"tahawul\""));
        }
        res.extensions_mut().insert(self.clone());
        res
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        if let ApiError::Internal(why) = &self {
            tracing::error!(%why, "internal error");
        }
        // Rendered in English here; `localize` re-renders for Arabic readers.
        self.response(Lang::En)
    }
}

/// The language a request asks for: `Accept-Language` starting with `ar`, else English.
pub fn request_lang(headers: &axum::http::HeaderMap) -> Lang {
    let al = headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()).unwrap_or("");
    // The first language listed wins; q-values are rarely used by the two clients we serve.
    let first = al.split(',').next().unwrap_or("").trim().to_ascii_lowercase();
    if first.starts_with("ar") { Lang::Ar } else { Lang::En }
}

/// Middleware: a 500 that no handler of ours explained becomes a 503 when the database is not
/// answering. axum-login and tower-sessions answer a bare 500 when the session store fails,
/// and a page answers 500 when it cannot read; while the database is down both mean "retry",
/// and nothing was changed. A 500 with the database answering stays a 500 (a real fault).
pub async fn unexplained_failure(
    axum::extract::State(store): axum::extract::State<crate::anystore::AnyStore>,
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    use tahawul_store::prelude::*;
    let res = next.run(req).await;
    if res.status() != StatusCode::INTERNAL_SERVER_ERROR || res.extensions().get::<ApiError>().is_some() {
        return res;
    }
    match store.snapshot().await.map_err(ApiError::from) {
        Err(e @ (ApiError::Unavailable | ApiError::StorageFull)) => e.into_response(),
        _ => res,
    }
}

/// Middleware: re-renders problem documents in the request's language, and turns axum's
/// own plain-text rejections (unknown method, body too large) into problem documents.
pub async fn localize(req: axum::extract::Request, next: axum::middleware::Next) -> Response {
    let lang = request_lang(req.headers());
    let res = next.run(req).await;
    if let Some(err) = res.extensions().get::<ApiError>() {
        if lang == Lang::En {
            return res;
        }
        return err.clone().response(lang);
    }
    let plain = match res.status() {
        StatusCode::METHOD_NOT_ALLOWED => Some(ApiError::MethodNotAllowed),
        StatusCode::PAYLOAD_TOO_LARGE => Some(ApiError::TooLarge),
        StatusCode::INTERNAL_SERVER_ERROR => Some(ApiError::Internal("unhandled".into())),
        _ => None,
    };
    match plain {
        Some(e) => {
            // A 405 keeps axum's `Allow` (RFC 9110 requires it).
            let allow = res.headers().get(header::ALLOW).cloned();
            let mut out = e.response(lang);
            if let Some(allow) = allow {
                out.headers_mut().insert(header::ALLOW, allow);
            }
            out
        }
        None => res,
    }
}

/// JSON bodies whose every rejection is a problem document with the field at fault.
pub struct Json<T>(pub T);

impl<T, S> axum::extract::FromRequest<S> for Json<T>
where
    T: serde::de::DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request(req: axum::extract::Request, state: &S) -> Result<Self, ApiError> {
        let is_json = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(';').next())
            .is_some_and(|v| v.trim().eq_ignore_ascii_case("application/json") || v.trim().ends_with("+json"));
        if !is_json {
            return Err(ApiError::UnsupportedMediaType("application/json"));
        }
        let bytes = axum::body::Bytes::from_request(req, state).await.map_err(body_rejection)?;
        parse_json(&bytes).map(Json)
    }
}

/// Parses JSON, reporting the path of a wrong type (`/observations/3/value`) or the line
/// and column of a syntax error.
pub fn parse_json<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let de = &mut serde_json::Deserializer::from_slice(bytes);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let pointer = json_pointer(e.path());
        let inner = e.into_inner();
        let detail = if inner.is_syntax() || inner.is_eof() { format!("{inner}") } else { inner.to_string() };
        ApiError::BadRequest(vec![FieldProblem::raw(pointer, detail)])
    })
}

fn json_pointer(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut out = String::new();
    for seg in path.iter() {
        match seg {
            Segment::Seq { index } => out.push_str(&format!("/{index}")),
            Segment::Map { key } => out.push_str(&format!("/{}", key.replace('~', "~0").replace('/', "~1"))),
            Segment::Enum { variant } => out.push_str(&format!("/{variant}")),
            Segment::Unknown => {}
        }
    }
    out
}

/// A body rejection (too large, unreadable) as a problem.
pub fn body_rejection(e: axum::extract::rejection::BytesRejection) -> ApiError {
    if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
        ApiError::TooLarge
    } else {
        ApiError::BadRequest(vec![FieldProblem::raw("", e.body_text())])
    }
}

/// Query strings whose rejections are problem documents.
pub struct Query<T>(pub T);

impl<T, S> axum::extract::FromRequestParts<S> for Query<T>
where
    T: serde::de::DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut axum::http::request::Parts, _: &S) -> Result<Self, ApiError> {
        axum::extract::Query::<T>::try_from_uri(&parts.uri)
            .map(|axum::extract::Query(v)| Query(v))
            .map_err(|e| ApiError::BadRequest(vec![FieldProblem::raw("/query", e.body_text())]))
    }
}

/// Path parameters whose rejections are problem documents.
pub struct Path<T>(pub T);

impl<T, S> axum::extract::FromRequestParts<S> for Path<T>
where
    T: serde::de::DeserializeOwned + Send,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut axum::http::request::Parts, state: &S) -> Result<Self, ApiError> {
        axum::extract::Path::<T>::from_request_parts(parts, state)
            .await
            .map(|axum::extract::Path(v)| Path(v))
            .map_err(|e| ApiError::BadRequest(vec![FieldProblem::raw("/path", e.body_text())]))
    }
}

/// The problem responses of the OpenAPI document, one type per status and three common sets,
/// listed in a handler's `responses(...)` beside its success:
/// `responses((status = 200, body = RecordDoc), Reads, P404)`. Each is
/// `application/problem+json` with the `ProblemDoc` schema and the words of docs/api.md.
pub mod responses {
    use std::collections::BTreeMap;

    use utoipa::openapi::header::Header;
    use utoipa::openapi::{ContentBuilder, Ref, RefOr, Response, ResponseBuilder};

    use super::PROBLEM_JSON;

    fn describe(status: u16) -> &'static str {
        match status {
            400 => {
                "The request cannot be read: malformed JSON, wrong types, unknown fields, a bad query or path parameter"
            }
            401 => "Not signed in: no session, or no valid API token",
            403 => "The role may not do this, or a cookie session sent no CSRF token",
            404 => "Missing, or hidden from this user (the two are not told apart)",
            409 => "The version read is stale (`current_version` says the one stored); nothing changed",
            413 => "The body is over the limit",
            415 => "The body's media type is not the one expected",
            422 => "The request reads but breaks the rules; `errors` points at each field at fault",
            428 => "No version read: send `If-Match` or `version`",
            429 => "Too many failed sign-ins for this name or address; see `Retry-After`",
            503 => "The database does not answer; nothing changed; see `Retry-After`",
            507 => "The database's disk is full; nothing changed",
            _ => "A problem",
        }
    }

    fn problem(status: u16) -> RefOr<Response> {
        let content = ContentBuilder::new().schema(Some(Ref::from_schema_name("ProblemDoc"))).build();
        let mut r = ResponseBuilder::new().description(describe(status)).content(PROBLEM_JSON, content);
        match status {
            401 => r = r.header("WWW-Authenticate", Header::default()),
            429 | 503 => r = r.header("Retry-After", Header::default()),
            _ => {}
        }
        RefOr::T(r.build())
    }

    /// The problem responses for these statuses.
    pub fn problems(statuses: &[u16]) -> BTreeMap<String, RefOr<Response>> {
        statuses.iter().map(|s| (s.to_string(), problem(*s))).collect()
    }

    macro_rules! problem_sets {
        ($($(#[$doc:meta])* $name:ident = [$($status:literal),+];)*) => {$(
            $(#[$doc])*
            pub struct $name;
            impl utoipa::IntoResponses for $name {
                fn responses() -> BTreeMap<String, RefOr<Response>> {
                    problems(&[$($status),+])
                }
            }
        )*};
    }

    problem_sets! {
        /// 400: a query or path parameter (or a body) that cannot be read.
        P400 = [400];
        /// 401: not signed in (or, signing in, a wrong name or password).
        P401 = [401];
        /// 403: the role may not.
        P403 = [403];
        /// 404: missing or hidden.
        P404 = [404];
        /// 409: stale version.
        P409 = [409];
        /// 422: a rule broken.
        P422 = [422];
        /// 428: no version read.
        P428 = [428];
        /// 429: too many failed sign-ins.
        P429 = [429];
        /// 503: the database does not answer.
        P503 = [503];
        /// 507: the database's disk is full.
        P507 = [507];
        /// Every signed-in request: 401 not signed in, 503 the database does not answer.
        Reads = [401, 503];
        /// Every signed-in write: 401, 403 (role or CSRF), 503, 507 (disk full).
        Writes = [401, 403, 503, 507];
        /// A request body: 400 unreadable, 413 too large, 415 not the media type declared.
        BadBody = [400, 413, 415];
    }
}
