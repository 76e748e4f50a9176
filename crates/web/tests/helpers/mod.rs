//! `spawn_app()`: the real application on a random loopback port with a fresh database (a
//! SQLite file, or a new database on `TAHAWUL_TEST_POSTGRES`), the founding case imported,
//! one user per role and an API token for each. Tests talk HTTP to it.

#![allow(dead_code)]

pub mod browser;
pub mod forms;

use std::collections::HashMap;
use std::sync::atomic::{AtomicU32, Ordering};

use serde_json::{Value, json};
use sqlx::Connection;
use tahawul_ledger::PasswordHasher;
use tahawul_store::{NewUser, PostgresStore, RecordKind, RecordWrite, Role, SqliteStore, StoreOptions, prelude::*};
use tahawul_web::{AnyStore, Config};

/// Which database a test runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Db {
    Sqlite,
    Postgres,
}

pub const PASSWORD: &str = "correct horse battery";

/// The users every app starts with: (name, role, party, factor).
pub const USERS: &[(&str, Role, Option<&str>, Option<&str>)] = &[
    ("sec", Role::Secretariat, None, None),
    ("us-head", Role::DelegationHead, Some("us"), None),
    ("iq-head", Role::DelegationHead, Some("iq"), None),
    ("us-member", Role::DelegationMember, Some("us"), None),
    ("wg-threat", Role::WorkingGroupMember, Some("us"), Some("threat")),
    ("partner", Role::CoalitionPartner, Some("coalition"), None),
    ("auditor", Role::Auditor, None, None),
];

pub struct TestApp {
    pub base: String,
    pub store: AnyStore,
    pub tokens: HashMap<String, String>,
    pub client: reqwest::Client,
    /// The SQLite database's folder (None on PostgreSQL).
    pub dir: Option<tempfile::TempDir>,
}

pub fn options() -> StoreOptions {
    StoreOptions { password_hasher: PasswordHasher::insecure_fast_for_tests(), ..StoreOptions::default() }
}

pub async fn postgres_store() -> PostgresStore {
    static N: AtomicU32 = AtomicU32::new(0);
    let url = std::env::var("TAHAWUL_TEST_POSTGRES").unwrap_or_else(|_| {
        panic!("PostgreSQL API tests need TAHAWUL_TEST_POSTGRES (e.g. postgres://tahawul@127.0.0.1:5432/postgres); run scripts/with-postgres cargo test -p tahawul-web")
    });
    let name = format!(
        "tahawul_web_{}_{}_{}",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst),
        jiff::Timestamp::now().as_microsecond()
    );
    let mut admin = sqlx::PgConnection::connect(&url)
        .await
        .unwrap_or_else(|e| panic!("cannot connect to TAHAWUL_TEST_POSTGRES={url}: {e}"));
    sqlx::raw_sql(&format!("CREATE DATABASE {name}")).execute(&mut admin).await.unwrap();
    let (base, query) = url.split_once('?').map_or((url.as_str(), None), |(b, q)| (b, Some(q)));
    let (server, _) = base.rsplit_once('/').expect("TAHAWUL_TEST_POSTGRES names a database");
    let db_url = format!("{server}/{name}{}", query.map(|q| format!("?{q}")).unwrap_or_default());
    PostgresStore::connect(&db_url, options()).await.unwrap()
}

pub fn founding_case() -> tahawul_domain::Case {
    tahawul_domain::load(std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/iraq-hmc")))
        .expect("founding case loads")
}

/// Starts the app.
pub async fn spawn_app(db: Db) -> TestApp {
    spawn_app_with(db, |_| {}).await
}

/// Starts the app with its configuration changed by `configure`.
pub async fn spawn_app_with(db: Db, configure: impl FnOnce(&mut Config)) -> TestApp {
    let (store, dir) = match db {
        Db::Sqlite => {
            let dir = tempfile::tempdir().unwrap();
            let s = SqliteStore::open(&dir.path().join("t.db"), options()).await.unwrap();
            (AnyStore::Sqlite(s), Some(dir))
        }
        Db::Postgres => (AnyStore::Postgres(postgres_store().await), None),
    };
    store.import_case(&founding_case(), "setup").await.unwrap();
    let mut tokens = HashMap::new();
    for (name, role, party, factor) in USERS {
        let user = NewUser {
            name: name.to_string(),
            display_name: name.to_string(),
            role: *role,
            party: party.map(str::to_string),
            factor: factor.map(str::to_string),
            password: PASSWORD.into(),
        };
        store.create_user(user, "setup").await.unwrap();
        let (_, t) = store.create_token(name, "tests", "setup").await.unwrap();
        tokens.insert(name.to_string(), t.token);
    }
    let mut config = Config { secure_cookies: false, body_limit: 1024 * 1024, ..Config::default() };
    configure(&mut config);
    let router = tahawul_web::app(store.clone(), config).await.unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let _ = tahawul_web::serve(listener, router, std::future::pending()).await;
    });
    TestApp { base: format!("http://{addr}"), store, tokens, client: reqwest::Client::new(), dir }
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// A request as a user, by API token.
    pub fn as_user(&self, user: &str, method: reqwest::Method, path: &str) -> reqwest::RequestBuilder {
        self.client.request(method, self.url(path)).bearer_auth(&self.tokens[user])
    }

    /// Sends a JSON request as a user; the status and the body as JSON (Null when empty).
    pub async fn call(&self, user: &str, method: reqwest::Method, path: &str, body: Option<Value>) -> (u16, Value) {
        let mut rb = self.as_user(user, method, path);
        if let Some(b) = body {
            rb = rb.json(&b);
        }
        let res = rb.send().await.unwrap();
        let status = res.status().as_u16();
        let text = res.text().await.unwrap();
        (status, serde_json::from_str(&text).unwrap_or(Value::Null))
    }

    /// Puts a document record straight into the store (test set-up, not through the API).
    pub async fn seed_document(&self, id: &str, owner: Option<&str>, shared: bool, releasable: bool) {
        let base = self.store.list_records(RecordKind::Document).await.unwrap().remove(0).body;
        let mut body = base.clone();
        body["id"] = json!(id);
        let write = RecordWrite {
            kind: RecordKind::Document,
            id: id.into(),
            body,
            owner_party: owner.map(str::to_string),
            shared,
            releasable,
        };
        self.store.put_record(write, None, "setup").await.unwrap();
    }

    /// The current version of a record, read from the store.
    pub async fn version(&self, kind: RecordKind, id: &str) -> i64 {
        self.store.get_record(kind, id).await.unwrap().version
    }
}

/// The real UCDP GED sample (1,000 rows of GED 23.1, CC BY 4.0; crates/events/tests/data).
pub fn sample_ged() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../events/tests/data/ged231_sample_1000_events.csv")
        .canonicalize()
        .unwrap()
}

pub async fn put_body(app: &TestApp, kind: RecordKind, id: &str, edit: impl FnOnce(&mut Value)) {
    let r = app.store.get_record(kind, id).await.unwrap();
    let mut body = r.body.clone();
    edit(&mut body);
    let write =
        RecordWrite { kind, id: id.into(), body, owner_party: None, shared: r.shared, releasable: r.releasable };
    app.store.put_record(write, Some(r.version), "setup").await.unwrap();
}

/// Places the founding case's Iraq area (`IQ`) and gives its UCDP deaths indicator the import
/// definition `ged-iraq` (state-based violence, best estimate) — test set-up, in the store.
pub async fn define_ged_import(app: &TestApp) {
    put_body(app, RecordKind::Area, "iraq", |b| b["places"] = json!(["IQ"])).await;
    put_body(app, RecordKind::Indicator, "threat.ucdp_state_based_deaths", |b| {
        b["imports"] = json!([{ "id": "ged-iraq", "dataset": "ucdp-ged", "publisher": "ucdp", "method": "ucdp-ged-best", "measure": "best-deaths", "type_of_violence": [1] }])
    })
    .await;
}

/// Runs each `async fn NAME(db: Db)` as two tests, `sqlite::NAME` and `postgres::NAME`.
#[allow(unused_macros)]
macro_rules! both {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            use super::*;
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() {
                super::$name(Db::Sqlite).await;
            })*
        }
        mod postgres {
            use super::*;
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() {
                super::$name(Db::Postgres).await;
            })*
        }
    };
}
#[allow(unused_imports)]
pub(crate) use both;

/// The assessment the workflow tests move: the threat working group's rating of the Kurdistan
/// Region for 2026-Q4, as a new draft.
pub const THREAT_ASSESSMENT: &str = "threat-kurdistan-region-2026q4";

/// Its body as a draft.
pub fn threat_assessment() -> Value {
    json!({
        "id": THREAT_ASSESSMENT, "factor": "threat", "area": "kurdistan-region", "cycle": "2026-Q4", "rating": "met",
        "narrative": { "en": "Attacks stayed below three a month.", "ar": "بقيت الهجمات دون ثلاث شهريًا." },
        "state": "draft", "illustrative": true, "evidence": ["figures"],
    })
}

/// The threat working group drafts it through the API and, with `submit`, submits it.
pub async fn draft_threat_assessment(app: &TestApp, submit: bool) {
    let (s, doc) = app
        .call("wg-threat", reqwest::Method::POST, "/api/v1/assessments", Some(json!({ "body": threat_assessment() })))
        .await;
    assert_eq!(s, 201, "{doc}");
    if submit {
        let path = format!("/api/v1/assessments/{THREAT_ASSESSMENT}/submit");
        let (s, doc) = app.call("wg-threat", reqwest::Method::POST, &path, Some(json!({ "version": 1 }))).await;
        assert_eq!(s, 200, "{doc}");
    }
}

/// The secretariat opens the "phase timeline" consultation of coalition partners and, with
/// `release`, releases its first version to them.
pub async fn phase_timeline_consultation(app: &TestApp, release: bool) {
    let new = json!({
        "id": "phase-timeline",
        "title": { "en": "Phase timeline", "ar": "الجدول الزمني للمراحل" },
        "subjects": [],
        "text": { "en": "Advisers leave Federal Iraq first.", "ar": "يغادر المستشارون العراق الاتحادي أولًا." },
    });
    let (s, doc) = app.call("sec", reqwest::Method::POST, "/api/v1/consultations", Some(new)).await;
    assert_eq!(s, 201, "{doc}");
    if release {
        let (s, doc) =
            app.call("sec", reqwest::Method::POST, "/api/v1/consultations/phase-timeline/release", None).await;
        assert_eq!(s, 200, "{doc}");
    }
}

/// The text of a PDF, whitespace collapsed (poppler's pdftotext, which scripts/test installs;
/// a test fails, never skips, when it is missing).
pub fn pdftotext(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("doc.pdf");
    std::fs::write(&path, pdf).unwrap();
    assert!(
        std::path::Path::new("/usr/bin/pdftotext").is_file(),
        "pdftotext is missing: apt-get install poppler-utils (scripts/test installs it)"
    );
    let out =
        std::process::Command::new("/usr/bin/pdftotext").args(["-enc", "UTF-8"]).arg(&path).arg("-").output().unwrap();
    assert!(out.status.success(), "pdftotext: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap().split_whitespace().collect::<Vec<_>>().join(" ")
}
