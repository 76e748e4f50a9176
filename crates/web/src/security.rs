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
//! # Sign-in throttle
//!
//! Failed sign-ins (API `POST /api/v1/session` answering 401, or the page form sending the
//! browser back with `failed=1`) slow down the one who makes them, not the account's owner.
//! They are counted per (user name, client address): after [`LoginLimits::free_failures`]
//! failures, that pair must wait before its next attempt, twice as long after each further
//! failure (from [`LoginLimits::first_delay`] up to [`LoginLimits::max_delay`]). Failures from
//! other addresses never delay the owner, so nobody can lock a user out by failing for them;
//! a right password from the waiting pair, once the wait is over, succeeds and clears it.
//! An address that fails more than [`LoginLimits::per_addr`] times in a
//! [`LoginLimits::window`] (spraying many names) waits until the window ends. A waiting
//! attempt is refused with 429 and `Retry-After` without checking the password (so the
//! refusal takes the same time for a name that exists and one that does not). The counts
//! live in the process; a restart forgets them. The address is the TCP peer: behind a proxy,
//! every client shares the proxy's address, so a proxy deployment should raise `per_addr`;
//! the per-(name, address) wait then slows a guesser at one name without touching the others.

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

/// How the sign-in throttle slows repeated failures (see the module documentation).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoginLimits {
    /// Failures per (name, address) before the first wait.
    pub free_failures: u32,
    /// The first wait; each further failure doubles it.
    pub first_delay: Duration,
    /// The longest wait.
    pub max_delay: Duration,
    /// Failures per client address, over all names, within one window.
    pub per_addr: u32,
    /// The window of the per-address count.
    pub window: Duration,
}

impl Default for LoginLimits {
    fn default() -> Self {
        LoginLimits {
            free_failures: 5,
            first_delay: Duration::from_secs(2),
            max_delay: Duration::from_secs(15 * 60),
            per_addr: 100,
            window: Duration::from_secs(15 * 60),
        }
    }
}

impl LoginLimits {
    /// The wait after `failures` failures of one (name, address).
    pub fn delay_after(&self, failures: u32) -> Duration {
        match failures.checked_sub(self.free_failures) {
            None => Duration::ZERO,
            Some(extra) => self.first_delay.saturating_mul(1u32 << extra.min(30)).min(self.max_delay),
        }
    }
}

/// Where the throttle reads the time; tests pass a clock they move by hand.
pub type Clock = Arc<dyn Fn() -> Instant + Send + Sync>;

#[derive(Debug, Clone, Copy)]
struct PairState {
    failures: u32,
    last: Instant,
}

#[derive(Debug, Default)]
struct Counts {
    pairs: HashMap<(String, Option<IpAddr>), PairState>,
    addrs: HashMap<IpAddr, (Instant, u32)>,
}

/// Failed sign-ins per (name, address) and per address, in memory.
#[derive(Clone)]
pub struct LoginLimiter {
    limits: LoginLimits,
    clock: Clock,
    counts: Arc<Mutex<Counts>>,
}

impl std::fmt::Debug for LoginLimiter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LoginLimiter").field("limits", &self.limits).finish_non_exhaustive()
    }
}

impl LoginLimiter {
    /// A throttle with these limits, on the system clock.
    pub fn new(limits: LoginLimits) -> LoginLimiter {
        LoginLimiter::with_clock(limits, Arc::new(Instant::now))
    }

    /// A throttle reading the time from `clock`.
    pub fn with_clock(limits: LoginLimits, clock: Clock) -> LoginLimiter {
        LoginLimiter { limits, clock, counts: Arc::default() }
    }

    /// How long this name from this address must still wait, if at all.
    pub fn wait(&self, name: &str, addr: Option<IpAddr>) -> Option<Duration> {
        let now = (self.clock)();
        let counts = self.counts.lock().unwrap_or_else(|e| e.into_inner());
        let pair = counts.pairs.get(&(name.to_string(), addr)).and_then(|p| {
            let until = p.last + self.limits.delay_after(p.failures);
            until.checked_duration_since(now).filter(|d| !d.is_zero())
        });
        let address = addr.and_then(|a| counts.addrs.get(&a)).and_then(|(start, n)| {
            let left = (*start + self.limits.window).checked_duration_since(now)?;
            (*n >= self.limits.per_addr && !left.is_zero()).then_some(left)
        });
        pair.max(address)
    }

    /// Counts a failed sign-in.
    pub fn fail(&self, name: &str, addr: Option<IpAddr>) {
        let now = (self.clock)();
        let mut counts = self.counts.lock().unwrap_or_else(|e| e.into_inner());
        if counts.pairs.len() + counts.addrs.len() > 100_000 {
            // Bound the memory a spray of names can take: forget what no longer waits.
            let (limits, window) = (self.limits, self.limits.window);
            counts.pairs.retain(|_, p| now.duration_since(p.last) < limits.delay_after(p.failures).max(window));
            counts.addrs.retain(|_, (start, _)| now.duration_since(*start) < window);
        }
        let p = counts.pairs.entry((name.to_string(), addr)).or_insert(PairState { failures: 0, last: now });
        p.failures = p.failures.saturating_add(1);
        p.last = now;
        if let Some(a) = addr {
            let e = counts.addrs.entry(a).or_insert((now, 0));
            if now.duration_since(e.0) >= self.limits.window {
                *e = (now, 0);
            }
            e.1 = e.1.saturating_add(1);
        }
    }

    /// A successful sign-in clears its pair's failures.
    pub fn succeed(&self, name: &str, addr: Option<IpAddr>) {
        self.counts.lock().unwrap_or_else(|e| e.into_inner()).pairs.remove(&(name.to_string(), addr));
    }
}

/// The user name a sign-in request names (JSON for the API, a form for the page).
fn name_in(path: &str, body: &[u8]) -> Option<String> {
    if path == "/api/v1/session" {
        let v: serde_json::Value = serde_json::from_slice(body).ok()?;
        v.get("name")?.as_str().map(str::to_string)
    } else {
        // The form is `application/x-www-form-urlencoded`.
        form_urlencoded::parse(body).find(|(k, _)| k == "name").map(|(_, v)| v.into_owned())
    }
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
    let name = name_in(&path, &bytes).unwrap_or_default();
    if let Some(wait) = limiter.wait(&name, addr) {
        tracing::warn!(?addr, "sign-in refused: waiting after failures");
        return too_many(&path, &parts.headers, wait);
    }
    let res = next.run(Request::from_parts(parts, Body::from(bytes))).await;
    if failed(&path, &res) {
        limiter.fail(&name, addr);
    } else if res.status().is_success() || res.status().is_redirection() {
        limiter.succeed(&name, addr);
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

    /// A clock the test moves by hand.
    fn manual_clock() -> (Clock, Arc<Mutex<Instant>>) {
        let now = Arc::new(Mutex::new(Instant::now()));
        let read = now.clone();
        (Arc::new(move || *read.lock().unwrap()), now)
    }

    fn advance(now: &Mutex<Instant>, d: Duration) {
        *now.lock().unwrap() += d;
    }

    const LIMITS: LoginLimits = LoginLimits {
        free_failures: 3,
        first_delay: Duration::from_secs(1),
        max_delay: Duration::from_secs(60),
        per_addr: 50,
        window: Duration::from_secs(900),
    };

    #[test]
    fn the_wait_doubles_after_the_free_failures_up_to_the_cap() {
        let waits: Vec<u64> = (0..12).map(|n| LIMITS.delay_after(n).as_secs()).collect();
        assert_eq!(waits, [0, 0, 0, 1, 2, 4, 8, 16, 32, 60, 60, 60]);
        assert_eq!(LIMITS.delay_after(u32::MAX), LIMITS.max_delay);
    }

    #[test]
    fn a_guesser_waits_longer_each_time_and_the_owner_elsewhere_never_waits() {
        let (clock, now) = manual_clock();
        let l = LoginLimiter::with_clock(LIMITS, clock);
        let attacker = Some(IpAddr::from([203, 0, 113, 7]));
        let owner = Some(IpAddr::from([198, 51, 100, 2]));
        for _ in 0..3 {
            assert_eq!(l.wait("us-head", attacker), None);
            l.fail("us-head", attacker);
        }
        assert_eq!(l.wait("us-head", attacker), Some(Duration::from_secs(1)));
        for expected in [2, 4, 8, 16, 32, 60, 60] {
            advance(&now, l.wait("us-head", attacker).unwrap());
            assert_eq!(l.wait("us-head", attacker), None, "the wait is over");
            l.fail("us-head", attacker);
            assert_eq!(l.wait("us-head", attacker), Some(Duration::from_secs(expected)));
            // However many failures the attacker makes, the owner's own address never waits.
            assert_eq!(l.wait("us-head", owner), None);
            // Nor does another name from the attacker's address.
            assert_eq!(l.wait("iq-head", attacker), None);
        }
        // The owner signing in from the attacker's address (say, the same proxy) waits out the
        // current delay once, then the right password gets in and clears the pair.
        advance(&now, Duration::from_secs(60));
        assert_eq!(l.wait("us-head", attacker), None);
        l.succeed("us-head", attacker);
        for _ in 0..3 {
            l.fail("us-head", attacker);
        }
        assert_eq!(l.wait("us-head", attacker), Some(Duration::from_secs(1)), "counting starts again");
    }

    #[test]
    fn an_address_spraying_names_waits_for_the_window() {
        let (clock, now) = manual_clock();
        let l = LoginLimiter::with_clock(LIMITS, clock);
        let sprayer = Some(IpAddr::from([203, 0, 113, 9]));
        for i in 0..50 {
            assert_eq!(l.wait(&format!("name-{i}"), sprayer), None);
            l.fail(&format!("name-{i}"), sprayer);
        }
        assert_eq!(l.wait("fresh-name", sprayer), Some(Duration::from_secs(900)));
        assert_eq!(l.wait("fresh-name", Some(IpAddr::from([198, 51, 100, 2]))), None);
        advance(&now, Duration::from_secs(899));
        assert_eq!(l.wait("fresh-name", sprayer), Some(Duration::from_secs(1)));
        advance(&now, Duration::from_secs(1));
        assert_eq!(l.wait("fresh-name", sprayer), None);
    }
}
