//! Response headers every answer carries, and the sign-in rate limit.
//!
//! # The script rule (read this before adding a `<script>` to a page)
//!
//! The Content-Security-Policy is `script-src 'self' 'nonce-…'`: a page may load scripts
//! **from the service itself** (serve them under `/assets/*.js`), or put a small inline
//! `<script nonce=(nonce)>` whose nonce is the request's [`CspNonce`] — take it as an
//! extractor (`nonce: CspNonce`) and write `script nonce=(nonce.0) { … }` in maud. Inline
//! event handlers (`onclick="…"`), `javascript:` links and `eval` are refused by the browser.
//! Styles: `'self'` plus inline `style` attributes (the SVG charts use them). Nothing is
//! framed (`frame-ancestors 'none'`, `X-Frame-Options: DENY`); forms post only to the service.
//!
//! # Sign-in rate limit
//!
//! Failed sign-ins (API `POST /api/v1/session` answering 401, or the page form sending the
//! browser back with `failed=1`) are counted per user name and per client address in fixed
//! windows. Over either limit, every attempt — right password or not — is refused with 429
//! and `Retry-After` until the window ends, without checking the password (so the refusal
//! takes the same time for a name that exists and one that does not). The counts live in the
//! process; a restart forgets them. The address is the TCP peer: behind a proxy, all clients
//! share the proxy's address, so set the per-address limit accordingly.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::extract::{ConnectInfo, Request};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use maud::html;
use serde_json::json;
use tahawul_i18n::{Localizer, Message};

use crate::error::{ApiError, PROBLEM_JSON, request_lang};

/// The per-response nonce for inline scripts (see the module's script rule).
#[derive(Debug, Clone)]
pub struct CspNonce(pub String);

impl<S: Send + Sync> axum::extract::FromRequestParts<S> for CspNonce {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut axum::http::request::Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(parts.extensions.get::<CspNonce>().cloned().unwrap_or_else(|| CspNonce(String::new())))
    }
}

/// The Content-Security-Policy for a nonce.
pub fn content_security_policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'unsafe-inline'; \
         img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; \
         frame-ancestors 'none'"
    )
}

/// Middleware: a fresh nonce for the handlers, and the security headers on every response.
pub async fn headers(mut req: Request, next: Next) -> Response {
    // 128 random bits, as tower-sessions makes its ids; base64 without padding is nonce-safe.
    let nonce = tower_sessions::session::Id::default().to_string();
    req.extensions_mut().insert(CspNonce(nonce.clone()));
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&content_security_policy(&nonce)) {
        h.insert(header::CONTENT_SECURITY_POLICY, v);
    }
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("same-origin"));
    h.insert("cross-origin-opener-policy", HeaderValue::from_static("same-origin"));
    // The record is not for shared caches or the browser's back-forward history of another
    // user; assets say otherwise themselves.
    if !h.contains_key(header::CACHE_CONTROL) {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    res
}

/// How many failed sign-ins are allowed, per window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoginLimits {
    /// Failures per user name within one window.
    pub per_name: u32,
    /// Failures per client address within one window.
    pub per_addr: u32,
    /// The window.
    pub window: Duration,
}

impl Default for LoginLimits {
    fn default() -> Self {
        LoginLimits { per_name: 10, per_addr: 100, window: Duration::from_secs(15 * 60) }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Key {
    Name(String),
    Addr(IpAddr),
}

/// Failed sign-ins counted per name and per address (fixed windows, in memory).
#[derive(Debug, Clone)]
pub struct LoginLimiter {
    limits: LoginLimits,
    counts: Arc<Mutex<HashMap<Key, (Instant, u32)>>>,
}

impl LoginLimiter {
    /// A limiter with these limits.
    pub fn new(limits: LoginLimits) -> LoginLimiter {
        LoginLimiter { limits, counts: Arc::new(Mutex::new(HashMap::new())) }
    }

    fn limit(&self, k: &Key) -> u32 {
        match k {
            Key::Name(_) => self.limits.per_name,
            Key::Addr(_) => self.limits.per_addr,
        }
    }

    /// How long until these keys may try again, if any is over its limit.
    fn blocked(&self, keys: &[Key]) -> Option<Duration> {
        let now = Instant::now();
        let counts = self.counts.lock().unwrap_or_else(|e| e.into_inner());
        keys.iter()
            .filter_map(|k| {
                let (start, n) = counts.get(k)?;
                let left = self.limits.window.checked_sub(now.duration_since(*start))?;
                (*n >= self.limit(k) && !left.is_zero()).then_some(left)
            })
            .max()
    }

    fn fail(&self, keys: &[Key]) {
        let now = Instant::now();
        let mut counts = self.counts.lock().unwrap_or_else(|e| e.into_inner());
        if counts.len() > 100_000 {
            // Bound the memory a spray of names can take: drop the finished windows.
            let w = self.limits.window;
            counts.retain(|_, (start, _)| now.duration_since(*start) < w);
        }
        for k in keys {
            let e = counts.entry(k.clone()).or_insert((now, 0));
            if now.duration_since(e.0) >= self.limits.window {
                *e = (now, 0);
            }
            e.1 = e.1.saturating_add(1);
        }
    }

    fn succeed(&self, name: &Key) {
        self.counts.lock().unwrap_or_else(|e| e.into_inner()).remove(name);
    }
}

/// The user name a sign-in request names (JSON for the API, a form for the page).
fn name_in(path: &str, body: &[u8]) -> Option<String> {
    if path == "/api/v1/session" {
        let v: serde_json::Value = serde_json::from_slice(body).ok()?;
        v.get("name")?.as_str().map(str::to_string)
    } else {
        // The form is `application/x-www-form-urlencoded`.
        form_urlencoded_parse(body).into_iter().find(|(k, _)| k == "name").map(|(_, v)| v)
    }
}

/// `a=b&c=d` with `+` and `%XX` decoded.
fn form_urlencoded_parse(body: &[u8]) -> Vec<(String, String)> {
    fn decode(s: &[u8]) -> String {
        let mut out = Vec::with_capacity(s.len());
        let mut i = 0;
        while i < s.len() {
            match s[i] {
                b'+' => out.push(b' '),
                b'%' if i + 2 < s.len() => {
                    let hex = std::str::from_utf8(&s[i + 1..i + 3]).ok();
                    match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                        Some(b) => {
                            out.push(b);
                            i += 2;
                        }
                        None => out.push(b'%'),
                    }
                }
                b => out.push(b),
            }
            i += 1;
        }
        String::from_utf8_lossy(&out).into_owned()
    }
    body.split(|b| *b == b'&')
        .filter(|p| !p.is_empty())
        .map(|p| match p.iter().position(|b| *b == b'=') {
            Some(i) => (decode(&p[..i]), decode(&p[i + 1..])),
            None => (decode(p), String::new()),
        })
        .collect()
}

/// The refusal: a problem document for the API, a page for the form; both localized.
fn too_many(path: &str, req_headers: &axum::http::HeaderMap, wait: Duration) -> Response {
    let secs = wait.as_secs().max(1);
    let minutes = secs.div_ceil(60);
    let msg = Message::new("service-login-rate-limited").arg("minutes", minutes);
    let mut res = if path == "/api/v1/session" {
        let lang = request_lang(req_headers);
        let loc = Localizer::new(lang).or_else(|_| Localizer::new(tahawul_i18n::Lang::En));
        let body = match loc {
            Ok(loc) => json!({
                "type": "/problems/rate-limited",
                "title": loc.tr("service-login-rate-limited-title"),
                "status": 429,
                "detail": loc.format(&msg),
                "retry_after": secs,
            }),
            Err(_) => json!({ "type": "/problems/rate-limited", "status": 429 }),
        };
        let mut r = (StatusCode::TOO_MANY_REQUESTS, body.to_string()).into_response();
        r.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON));
        r
    } else {
        let loc = crate::pages::localizer(req_headers);
        let title = loc.tr("service-login-rate-limited-title");
        let main = html! {
            h1 { (title) }
            p class="error" role="alert" { (loc.format(&msg)) }
        };
        let page = crate::pages::layout(&loc, &title, None, "/sign-in", main);
        (StatusCode::TOO_MANY_REQUESTS, page).into_response()
    };
    if let Ok(v) = HeaderValue::from_str(&secs.to_string()) {
        res.headers_mut().insert(header::RETRY_AFTER, v);
    }
    res
}

/// Whether a sign-in answer says the credentials were refused.
fn failed(path: &str, res: &Response) -> bool {
    if path == "/api/v1/session" {
        res.status() == StatusCode::UNAUTHORIZED
    } else {
        res.status().is_redirection()
            && res
                .headers()
                .get(header::LOCATION)
                .and_then(|v| v.to_str().ok())
                .is_some_and(|l| l.starts_with("/sign-in") && l.contains("failed=1"))
    }
}

/// Middleware: the sign-in rate limit (see the module documentation).
pub async fn login_limit(
    axum::extract::State(limiter): axum::extract::State<LoginLimiter>,
    req: Request,
    next: Next,
) -> Response {
    let path = req.uri().path().to_string();
    if req.method() != Method::POST || !(path == "/api/v1/session" || path == "/sign-in") {
        return next.run(req).await;
    }
    let addr = req.extensions().get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip());
    let (parts, body) = req.into_parts();
    // Sign-in bodies are tiny; anything larger is refused before it is read in full.
    let bytes = match axum::body::to_bytes(body, 64 * 1024).await {
        Ok(b) => b,
        Err(_) => return ApiError::TooLarge.into_response(),
    };
    let mut keys = Vec::with_capacity(2);
    if let Some(name) = name_in(&path, &bytes) {
        keys.push(Key::Name(name));
    }
    if let Some(ip) = addr {
        keys.push(Key::Addr(ip));
    }
    if let Some(wait) = limiter.blocked(&keys) {
        tracing::warn!(?addr, "sign-in refused: too many failures");
        return too_many(&path, &parts.headers, wait);
    }
    let res = next.run(Request::from_parts(parts, Body::from(bytes))).await;
    if failed(&path, &res) {
        limiter.fail(&keys);
    } else if res.status().is_success() || res.status().is_redirection() {
        if let Some(k @ Key::Name(_)) = keys.first() {
            limiter.succeed(k);
        }
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_form_body_names_its_user() {
        assert_eq!(name_in("/sign-in", b"csrf=x&name=us%2Dhead+x&password=p"), Some("us-head x".into()));
        assert_eq!(name_in("/api/v1/session", br#"{"name":"sec","password":"p"}"#), Some("sec".into()));
        assert_eq!(name_in("/sign-in", b"name=%zz%"), Some("%zz%".into()));
    }

    #[test]
    fn a_name_is_blocked_after_its_limit_and_freed_by_the_window() {
        let l = LoginLimiter::new(LoginLimits { per_name: 2, per_addr: 100, window: Duration::from_millis(200) });
        let k = [Key::Name("a".into())];
        l.fail(&k);
        assert!(l.blocked(&k).is_none());
        l.fail(&k);
        assert!(l.blocked(&k).is_some());
        assert!(l.blocked(&[Key::Name("b".into())]).is_none());
        std::thread::sleep(Duration::from_millis(250));
        assert!(l.blocked(&k).is_none());
    }
}
