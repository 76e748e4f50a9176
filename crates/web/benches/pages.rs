//! Issue 5's page performance, side by side in one run: the founding case's dashboard against
//! a static page (`/assets/app.css`) of the same server, and the dashboard of a synthetic case
//! of 1,000 areas × 3 factors. The real router, in process (`tower::ServiceExt::oneshot`), a
//! SQLite store in a temporary folder, a real session cookie from the sign-in form; so each
//! sample is the server's whole work for one request (routing, session, access layer, store,
//! roll-ups, cached forecast, HTML), without the network.
//!
//! `cargo bench -p tahawul-web --bench pages`. Targets: dashboard ≤ 50 ms (founding case) and
//! ≤ 300 ms (1,000 areas); throughput ≥ 1/5 of the static page's (ratio of medians); a
//! 1,000-row paged list ≤ 50 ms (issue 17).

use std::sync::LazyLock;

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use divan::Bencher;
use tahawul_domain::{Case, Id, Text};
use tahawul_ledger::PasswordHasher;
use tahawul_store::{NewUser, Role, SqliteStore, StoreOptions, prelude::*};
use tahawul_web::{AnyStore, Config};
use tower::ServiceExt;

fn main() {
    divan::main();
}

static RT: LazyLock<tokio::runtime::Runtime> = LazyLock::new(|| {
    tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("a runtime")
});

/// A server and the cookie of a signed-in secretariat user.
struct Server {
    router: Router,
    cookie: String,
    _dir: tempfile::TempDir,
}

fn founding_case() -> Case {
    tahawul_domain::load(std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/iraq-hmc")))
        .expect("founding case loads")
}

/// The founding case with 1,000 more areas (3,000 area × factor cells), each with a copy of
/// Federal Iraq's figures of the last year before the case's latest, so every cell is judged.
fn synthetic_case() -> Case {
    let mut case = founding_case();
    let template = case.area("federal-iraq").expect("federal-iraq").clone();
    let last = case.observations.iter().map(|o| o.period.last_month()).max().expect("figures");
    let recent: Vec<_> = case
        .observations
        .iter()
        .filter(|o| o.area.as_str() == "federal-iraq" && o.period.last_month() > last.plus(-12))
        .cloned()
        .collect();
    for i in 0..1000 {
        let id = Id::parse(&format!("synthetic-{i:04}")).expect("id");
        let mut a = template.clone();
        a.id = id.clone();
        a.name = Text::new(format!("Synthetic area {i}"), format!("منطقة اصطناعية {i}"));
        a.parent = None;
        case.areas.push(a);
        case.observations.extend(recent.iter().cloned().map(|mut o| {
            o.area = id.clone();
            o
        }));
    }
    assert_eq!(case.factors.len(), 3);
    case
}

async fn call(router: &Router, req: Request<Body>) -> (StatusCode, Vec<String>, String) {
    let res = router.clone().oneshot(req).await.expect("the router answers");
    let status = res.status();
    let cookies = res
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .filter_map(|v| v.split(';').next())
        .map(str::to_string)
        .collect();
    let body = axum::body::to_bytes(res.into_body(), usize::MAX).await.expect("a body");
    (status, cookies, String::from_utf8_lossy(&body).into_owned())
}

/// A server for `case`, with `accounts` more user accounts (each one an audit entry too).
async fn start(case: Case, accounts: usize) -> Server {
    start_with(case, accounts, 0).await
}

/// As [`start`], with the audit log grown to at least `audit_entries` by settings changes.
async fn start_with(case: Case, accounts: usize, audit_entries: u64) -> Server {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let opts = StoreOptions { password_hasher: PasswordHasher::insecure_fast_for_tests(), ..StoreOptions::default() };
    let store = SqliteStore::open(&dir.path().join("bench.db"), opts).await.expect("a store");
    let store = AnyStore::Sqlite(store);
    store.import_case(&case, "bench").await.expect("the case imports");
    store
        .create_user(
            NewUser {
                name: "sec".into(),
                display_name: "Secretariat".into(),
                role: Role::Secretariat,
                party: None,
                factor: None,
                password: "bench password".into(),
            },
            "bench",
        )
        .await
        .expect("a user");
    for i in 0..accounts {
        let user = NewUser {
            name: format!("user-{i:04}"),
            display_name: format!("مستخدم {i}"),
            role: Role::DelegationMember,
            party: Some("iq".into()),
            factor: None,
            password: "bench password".into(),
        };
        store.create_user(user, "bench").await.expect("an account");
    }
    let have = store.verify_audit().await.expect("the audit log verifies").head.seq;
    for n in have..audit_entries {
        let lang = if n % 2 == 0 { "ar" } else { "en" };
        let settings = tahawul_store::UserSettings { lang: Some(lang.into()), ..Default::default() };
        store.set_user_settings("sec", &settings, "sec").await.expect("a settings change");
    }
    let config = Config { secure_cookies: false, ..Config::default() };
    let router = tahawul_web::app(store, config).await.expect("the app");
    // Sign in through the form, as a browser does.
    let (_, cookies, page) = call(&router, Request::get("/sign-in").body(Body::empty()).unwrap()).await;
    let key = r#"name="csrf" value=""#;
    let at = page.find(key).expect("a csrf field") + key.len();
    let csrf = &page[at..at + page[at..].find('"').unwrap()];
    let form = format!("csrf={csrf}&name=sec&password=bench+password&next=%2Fdashboard");
    let req = Request::post("/sign-in")
        .header(header::COOKIE, cookies.join("; "))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(form))
        .unwrap();
    let (status, cookies, _) = call(&router, req).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "signed in");
    let server = Server { router, cookie: cookies.join("; "), _dir: dir };
    // The first dashboard computes and caches the forecast; the benches measure the steady state.
    assert_eq!(get(&server, "/dashboard").await, StatusCode::OK);
    server
}

async fn get(s: &Server, path: &str) -> StatusCode {
    let req = Request::get(path).header(header::COOKIE, &s.cookie).body(Body::empty()).unwrap();
    let (status, _, body) = call(&s.router, req).await;
    divan::black_box(body);
    status
}

static FOUNDING: LazyLock<Server> = LazyLock::new(|| RT.block_on(start(founding_case(), 0)));
static SYNTHETIC: LazyLock<Server> = LazyLock::new(|| RT.block_on(start(synthetic_case(), 0)));
/// 1,000 more accounts: a 1,000-row list, and an audit log of over 1,100 entries.
static ACCOUNTS: LazyLock<Server> = LazyLock::new(|| RT.block_on(start(founding_case(), 1000)));

#[divan::bench(sample_count = 200)]
fn static_page(b: Bencher) {
    let s = &*FOUNDING;
    b.bench(|| assert_eq!(RT.block_on(get(s, "/assets/app.css")), StatusCode::OK));
}

#[divan::bench(sample_count = 60)]
fn dashboard_founding_case(b: Bencher) {
    let s = &*FOUNDING;
    b.bench(|| assert_eq!(RT.block_on(get(s, "/dashboard")), StatusCode::OK));
}

#[divan::bench(sample_count = 20)]
fn dashboard_1000_areas(b: Bencher) {
    let s = &*SYNTHETIC;
    b.bench(|| assert_eq!(RT.block_on(get(s, "/dashboard")), StatusCode::OK));
}

#[divan::bench(sample_count = 30)]
fn indicator_page_founding_case(b: Bencher) {
    let s = &*FOUNDING;
    b.bench(|| assert_eq!(RT.block_on(get(s, "/indicators/threat.attacks_per_month")), StatusCode::OK));
}

#[divan::bench(sample_count = 20)]
fn report_founding_case(b: Bencher) {
    let s = &*FOUNDING;
    b.bench(|| assert_eq!(RT.block_on(get(s, "/report")), StatusCode::OK));
}

/// The floor under every page: `GET /api/v1/case` reads the case through the access layer
/// (the store's `load_case` and the visibility filter) and answers a few counts.
#[divan::bench(sample_count = 60)]
fn case_through_access_layer(b: Bencher) {
    let s = &*FOUNDING;
    b.bench(|| assert_eq!(RT.block_on(get(s, "/api/v1/case")), StatusCode::OK));
}

/// The same floor for the 1,000-area case.
#[divan::bench(sample_count = 20)]
fn case_through_access_layer_1000_areas(b: Bencher) {
    let s = &*SYNTHETIC;
    b.bench(|| assert_eq!(RT.block_on(get(s, "/api/v1/case")), StatusCode::OK));
}

/// Issue 17's paged list: the audit log's usual view (newest first) reads one page of seqs.
#[divan::bench(sample_count = 30)]
fn audit_page_1100_entries(b: Bencher) {
    let s = &*ACCOUNTS;
    b.bench(|| assert_eq!(RT.block_on(get(s, "/audit?page=3")), StatusCode::OK));
}

/// A sorted and searched view reads the whole log, then sorts and pages it.
#[divan::bench(sample_count = 30)]
fn audit_sorted_1100_entries(b: Bencher) {
    let s = &*ACCOUNTS;
    b.bench(|| assert_eq!(RT.block_on(get(s, "/audit?sort=actor&q=user&page=3")), StatusCode::OK));
}

/// An audit log of 10,000 entries (settings changes): its usual view, a deep page, a search,
/// the oldest first, and the whole log as CSV.
static AUDIT_10K: LazyLock<Server> = LazyLock::new(|| RT.block_on(start_with(founding_case(), 0, 10_000)));

#[divan::bench(sample_count = 10, args = ["/audit", "/audit?page=150", "/audit?q=sec&page=3", "/audit?sort=seq&dir=asc", "/audit?format=csv"])]
fn audit_10000_entries(b: Bencher, path: &str) {
    let s = &*AUDIT_10K;
    b.bench(|| assert_eq!(RT.block_on(get(s, path)), StatusCode::OK));
}

/// A list of 1,000 accounts sorted by an Arabic column, page 7 of 20.
#[divan::bench(sample_count = 30)]
fn users_1000_rows_sorted_paged(b: Bencher) {
    let s = &*ACCOUNTS;
    b.bench(|| assert_eq!(RT.block_on(get(s, "/users?sort=display-name&dir=desc&page=7")), StatusCode::OK));
}
