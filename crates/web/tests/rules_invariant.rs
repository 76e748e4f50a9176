//! The invariant of issue 12, item 1, as a property: whatever sequence of API writes any role
//! makes, valid or not, the stored case exports to a bundle that loads (`tahawul export` then
//! `tahawul check`), and every refused write answers 4xx with a problem document in the
//! asker's language and changes nothing (the audit log gains no entry).
//!
//! Drives the real router in-process (`tower::ServiceExt::oneshot`) over a fresh copy of a
//! SQLite database holding the founding case, so a thousand sequences run in the test
//! command. `TAHAWUL_RULES_CASES` sets the number of sequences (default 1,000);
//! `TAHAWUL_TEST_POSTGRES` also runs a shorter series on PostgreSQL.

use crate::helpers;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use proptest::prelude::*;
use proptest::test_runner::{Config as ProptestConfig, TestCaseError, TestRunner};
use serde_json::{Value, json};
use tahawul_ledger::PasswordHasher;
use tahawul_store::{NewUser, RecordKind, SqliteStore, StoreOptions, prelude::*};
use tahawul_web::{AnyStore, Config};
use tower::ServiceExt;

use helpers::{PASSWORD, USERS, founding_case};

/// The kinds the API writes, with their paths.
const KINDS: [(RecordKind, &str); 14] = [
    (RecordKind::Party, "parties"),
    (RecordKind::Person, "people"),
    (RecordKind::Area, "areas"),
    (RecordKind::Factor, "factors"),
    (RecordKind::Scale, "scales"),
    (RecordKind::Publisher, "publishers"),
    (RecordKind::Method, "methods"),
    (RecordKind::Indicator, "indicators"),
    (RecordKind::Assessment, "assessments"),
    (RecordKind::Phase, "phases"),
    (RecordKind::Round, "rounds"),
    (RecordKind::Commitment, "commitments"),
    (RecordKind::Document, "documents"),
    (RecordKind::Scenario, "scenarios"),
];

/// Fields that refer to other records by id.
const REFERENCES: [&str; 16] = [
    "factor",
    "area",
    "evidence",
    "sources",
    "areas",
    "predecessors",
    "party",
    "head",
    "parent",
    "rating_scale",
    "scale",
    "round",
    "reference_publisher",
    "parties",
    "publisher",
    "rating",
];

const GATES: [&str; 5] = [
    "threat.no_such_indicator <= 3",
    "threat.attacks_per_month <= 15 for 6 months",
    "(((",
    "capability.brigades_independent_share >= 2 and",
    "threat.attacks_per_month >= level \"independent\"",
];

/// What a write does to the record it starts from.
#[derive(Debug, Clone)]
enum Change {
    /// Nothing: the record as read.
    Same,
    /// A field the type does not have.
    UnknownField,
    /// A reference (chosen by the number) to an id no record has.
    UnknownReference(usize),
    /// A reference swapped for the id of another record of the kind it names (may be valid).
    OtherReference(usize, usize),
    /// A text with a terminal escape sequence.
    Escape,
    /// A name over its limit.
    LongName,
    /// A rating, valid or not.
    Rating(usize),
    /// A phase's gate from [`GATES`].
    Gate(usize),
    /// Predecessors naming another phase (a cycle when it comes after).
    Predecessor(usize),
    /// A wrong type.
    WrongType,
}

#[derive(Debug, Clone)]
enum Op {
    Update { user: usize, kind: usize, pick: usize, change: Change, stale: bool },
    Create { user: usize, kind: usize, pick: usize, change: Change, n: u16 },
    Delete { user: usize, kind: usize, pick: usize },
}

fn change() -> impl Strategy<Value = Change> {
    prop_oneof![
        3 => Just(Change::Same),
        1 => Just(Change::UnknownField),
        2 => any::<usize>().prop_map(Change::UnknownReference),
        3 => (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Change::OtherReference(a, b)),
        1 => Just(Change::Escape),
        1 => Just(Change::LongName),
        2 => any::<usize>().prop_map(Change::Rating),
        2 => (0..GATES.len()).prop_map(Change::Gate),
        2 => any::<usize>().prop_map(Change::Predecessor),
        1 => Just(Change::WrongType),
    ]
}

fn op() -> impl Strategy<Value = Op> {
    let user = 0..USERS.len();
    let kind = 0..KINDS.len();
    prop_oneof![
        5 => (user.clone(), kind.clone(), any::<usize>(), change(), proptest::bool::weighted(0.1))
            .prop_map(|(user, kind, pick, change, stale)| Op::Update { user, kind, pick, change, stale }),
        3 => (user.clone(), kind.clone(), any::<usize>(), change(), any::<u16>())
            .prop_map(|(user, kind, pick, change, n)| Op::Create { user, kind, pick, change, n }),
        2 => (user, kind, any::<usize>()).prop_map(|(user, kind, pick)| Op::Delete { user, kind, pick }),
    ]
}

fn options() -> StoreOptions {
    StoreOptions { password_hasher: PasswordHasher::insecure_fast_for_tests(), ..StoreOptions::default() }
}

/// A database with the founding case and one user (and token) per role, made once; every
/// sequence starts from a copy of it.
struct Template {
    _dir: tempfile::TempDir,
    file: PathBuf,
    tokens: HashMap<String, String>,
}

async fn seed(store: &AnyStore) -> HashMap<String, String> {
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
    tokens
}

fn template(rt: &tokio::runtime::Runtime) -> &'static Template {
    static T: OnceLock<Template> = OnceLock::new();
    T.get_or_init(|| {
        rt.block_on(async {
            let dir = tempfile::tempdir().unwrap();
            let seeded = dir.path().join("seeded.db");
            let store = SqliteStore::open(&seeded, options()).await.unwrap();
            let tokens = seed(&AnyStore::Sqlite(store.clone())).await;
            // A whole, consistent copy whatever is still in the write-ahead log (closing the
            // pool did not always checkpoint it, and a copy then missed the case).
            let file = dir.path().join("template.db");
            sqlx::query("VACUUM INTO ?").bind(file.to_str().unwrap()).execute(store.sqlite_pool()).await.unwrap();
            store.sqlite_pool().close().await;
            Template { _dir: dir, file, tokens }
        })
    })
}

/// One app under test: the router and the store behind it.
struct Harness {
    router: axum::Router,
    store: AnyStore,
    tokens: HashMap<String, String>,
}

async fn harness_from(store: AnyStore, tokens: HashMap<String, String>) -> Harness {
    let config = Config { secure_cookies: false, body_limit: 1024 * 1024, ..Config::default() };
    let router = tahawul_web::app(store.clone(), config).await.unwrap();
    Harness { router, store, tokens }
}

async fn sqlite_harness(t: &Template, dir: &Path) -> Harness {
    let file = dir.join("t.db");
    std::fs::copy(&t.file, &file).unwrap();
    let store = AnyStore::Sqlite(SqliteStore::open(&file, options()).await.unwrap());
    harness_from(store, t.tokens.clone()).await
}

/// The audit log's last seq.
async fn head(store: &AnyStore) -> u64 {
    let mut seq = 0;
    loop {
        let page = store.audit_entries(seq, 1000).await.unwrap();
        match page.last() {
            Some(e) => seq = e.seq,
            None => return seq,
        }
    }
}

fn pick<T>(items: &[T], n: usize) -> Option<&T> {
    if items.is_empty() { None } else { Some(&items[n % items.len()]) }
}

/// The ids of every record of every kind, to draw references from.
async fn ids(store: &AnyStore) -> HashMap<RecordKind, Vec<String>> {
    let mut out = HashMap::new();
    for (kind, _) in KINDS {
        out.insert(kind, store.list_records(kind).await.unwrap().into_iter().map(|r| r.id).collect());
    }
    out
}

/// The kind of record a reference field names.
fn referred(field: &str, kind: RecordKind) -> RecordKind {
    match field {
        "factor" => RecordKind::Factor,
        "area" | "areas" | "parent" => RecordKind::Area,
        "evidence" | "sources" => RecordKind::Document,
        "predecessors" => RecordKind::Phase,
        "party" | "parties" => RecordKind::Party,
        "head" => RecordKind::Person,
        "rating_scale" | "scale" => RecordKind::Scale,
        "round" => RecordKind::Round,
        "reference_publisher" | "publisher" => RecordKind::Publisher,
        _ => kind,
    }
}

fn set_reference(body: &mut Value, field: &str, id: &str) {
    match body.get_mut(field) {
        Some(Value::Array(a)) => a.push(json!(id)),
        Some(v) => *v = json!(id),
        None => {}
    }
}

/// The first bilingual text field of a body (`name` when it has one).
fn text_field(body: &Value) -> Option<String> {
    let obj = body.as_object()?;
    if obj.get("name").is_some_and(|v| v.get("en").is_some()) {
        return Some("name".into());
    }
    obj.iter().find(|(_, v)| v.get("en").is_some_and(Value::is_string)).map(|(k, _)| k.clone())
}

async fn apply_change(
    body: &mut Value,
    kind: RecordKind,
    change: &Change,
    all: &HashMap<RecordKind, Vec<String>>,
    store: &AnyStore,
) {
    let refs: Vec<&str> = REFERENCES.iter().copied().filter(|f| body.get(*f).is_some()).collect();
    match change {
        Change::Same => {}
        Change::UnknownField => body["zz_extra"] = json!("surplus"),
        Change::UnknownReference(n) => {
            if let Some(f) = pick(&refs, *n) {
                set_reference(body, f, "no-such-record");
            }
        }
        Change::OtherReference(n, m) => {
            if let Some(f) = pick(&refs, *n)
                && let Some(id) = pick(&all[&referred(f, kind)], *m)
            {
                let id = id.rsplit('.').next().unwrap_or(id).to_string();
                match body.get_mut(*f) {
                    Some(Value::Array(a)) => *a = vec![json!(id)],
                    Some(v) => *v = json!(id),
                    None => {}
                }
            }
        }
        Change::Escape => {
            if let Some(f) = text_field(body) {
                body[f.as_str()]["en"] = json!("ok\u{1b}[2J\u{1b}[1;32mverified");
            }
        }
        Change::LongName => {
            if let Some(f) = text_field(body) {
                body[f.as_str()]["en"] = json!("x".repeat(tahawul_domain::rules::TEXT_MAX_CHARS + 1));
            }
        }
        Change::Rating(n) => {
            if body.get("rating").is_some() {
                let scales = store.list_records(RecordKind::Scale).await.unwrap();
                let mut levels = vec!["no-such-level".to_string()];
                for s in scales {
                    for v in s.body["versions"].as_array().into_iter().flatten() {
                        for l in v["levels"].as_array().into_iter().flatten() {
                            levels.extend(l["id"].as_str().map(str::to_string));
                        }
                    }
                }
                body["rating"] = json!(pick(&levels, *n).cloned().unwrap_or_default());
            }
        }
        Change::Gate(g) => {
            if body.get("gate").is_some() {
                body["gate"]["source"] = json!(GATES[*g]);
                if let Some(obj) = body["gate"].as_object_mut() {
                    obj.retain(|k, _| k == "source");
                }
            }
        }
        Change::Predecessor(n) => {
            if body.get("predecessors").is_some()
                && let Some(p) = pick(&all[&RecordKind::Phase], *n)
            {
                body["predecessors"] = json!([p]);
            }
        }
        Change::WrongType => body["id"] = json!(42),
    }
}

struct Sent {
    status: StatusCode,
    content_type: String,
    body: Value,
}

async fn send(h: &Harness, user: &str, method: &str, path: &str, body: Option<Value>, lang: &str) -> Sent {
    let mut rb = Request::builder()
        .method(method)
        .uri(path)
        .header("authorization", format!("Bearer {}", h.tokens[user]))
        .header("accept-language", lang);
    let req = match body {
        Some(b) => {
            rb = rb.header("content-type", "application/json");
            rb.body(Body::from(serde_json::to_vec(&b).unwrap())).unwrap()
        }
        None => rb.body(Body::empty()).unwrap(),
    };
    let res = h.router.clone().oneshot(req).await.unwrap();
    let status = res.status();
    let content_type = res.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or_default().to_string();
    let bytes = axum::body::to_bytes(res.into_body(), usize::MAX).await.unwrap();
    Sent { status, content_type, body: serde_json::from_slice(&bytes).unwrap_or(Value::Null) }
}

/// Makes one write; checks what the invariant says of a single write.
async fn run_op(h: &Harness, op: &Op, step: usize) -> Result<bool, TestCaseError> {
    let all = ids(&h.store).await;
    let lang = if step % 2 == 0 { "ar" } else { "en" };
    let (user, kind, request) = match op {
        Op::Update { user, kind, pick: p, change, stale } => {
            let (k, path) = KINDS[*kind];
            let Some(id) = pick(&all[&k], *p) else { return Ok(false) };
            let rec = h.store.get_record(k, id).await.unwrap();
            let mut body = rec.body.clone();
            apply_change(&mut body, k, change, &all, &h.store).await;
            let version = if *stale { rec.version - 1 } else { rec.version };
            (*user, k, ("PUT", format!("/api/v1/{path}/{id}"), Some(json!({ "body": body, "version": version }))))
        }
        Op::Create { user, kind, pick: p, change, n } => {
            let (k, path) = KINDS[*kind];
            let Some(id) = pick(&all[&k], *p) else { return Ok(false) };
            let mut body = h.store.get_record(k, id).await.unwrap().body;
            body["id"] = json!(format!("new-{n}"));
            if k == RecordKind::Assessment {
                body["state"] = json!("draft");
            }
            apply_change(&mut body, k, change, &all, &h.store).await;
            (*user, k, ("POST", format!("/api/v1/{path}"), Some(json!({ "body": body, "shared": true }))))
        }
        Op::Delete { user, kind, pick: p } => {
            let (k, path) = KINDS[*kind];
            let Some(id) = pick(&all[&k], *p) else { return Ok(false) };
            let v = h.store.get_record(k, id).await.unwrap().version;
            (*user, k, ("DELETE", format!("/api/v1/{path}/{id}?version={v}"), None))
        }
    };
    let name = USERS[user].0;
    let before = head(&h.store).await;
    let (method, path, body) = request;
    let sent = send(h, name, method, &path, body.clone(), lang).await;
    let after = head(&h.store).await;
    prop_assert!(
        !sent.status.is_server_error(),
        "{name} {method} {path} ({kind}) answered {}: {}\nbody sent: {body:?}",
        sent.status,
        sent.body
    );
    if sent.status.is_success() {
        return Ok(true);
    }
    prop_assert!(sent.status.is_client_error());
    prop_assert_eq!(before, after, "a refused write ({} {} {}) changed the audit log", name, method, path);
    prop_assert!(sent.content_type.starts_with("application/problem+json"), "{}", sent.content_type);
    let detail = sent.body["detail"].as_str().unwrap_or_default();
    let title = sent.body["title"].as_str().unwrap_or_default();
    prop_assert!(!detail.is_empty() && !title.is_empty(), "{}", sent.body);
    if lang == "ar" {
        let arabic = |s: &str| s.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c));
        prop_assert!(arabic(title) && arabic(detail), "not in Arabic: {}", sent.body);
        for e in sent.body["errors"].as_array().into_iter().flatten() {
            let d = e["detail"].as_str().unwrap_or_default();
            // Serde's own words about a value it cannot read are quoted inside the Arabic.
            prop_assert!(arabic(d), "an error not in Arabic: {}", e);
        }
    }
    Ok(false)
}

/// `tahawul export` then `tahawul check`: the stored case written as a bundle and loaded back.
async fn export_then_check(store: &AnyStore) -> Result<(), TestCaseError> {
    let case = store.load_case().await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    tahawul_domain::bundle::write(&case, dir.path()).unwrap();
    // Signed minutes changed by a write are a state the record shows (the heads sign again),
    // not a broken record: the export must load as a restore loads it.
    if let Err(diags) = tahawul_domain::bundle::load_with_tampered_minutes(dir.path()) {
        let loc = tahawul_i18n::Localizer::new(tahawul_i18n::Lang::En).unwrap();
        let shown: Vec<String> = diags.iter().take(5).map(|d| d.render(&loc)).collect();
        return Err(TestCaseError::fail(format!(
            "the export does not check ({} problems):\n{}",
            diags.len(),
            shown.join("\n")
        )));
    }
    Ok(())
}

fn cases(default: u32) -> u32 {
    std::env::var("TAHAWUL_RULES_CASES").ok().and_then(|s| s.parse().ok()).unwrap_or(default)
}

/// Runs `cases` sequences, each on a fresh app from `make`; counts accepted and refused writes.
fn run_property<F>(rt: &tokio::runtime::Runtime, cases: u32, make: F)
where
    F: Fn() -> std::pin::Pin<Box<dyn std::future::Future<Output = (Harness, Option<tempfile::TempDir>)>>>,
{
    let mut runner = TestRunner::new(ProptestConfig { cases, failure_persistence: None, ..ProptestConfig::default() });
    let started = std::time::Instant::now();
    let (accepted, refused) = (std::cell::Cell::new(0u64), std::cell::Cell::new(0u64));
    let result = runner.run(&proptest::collection::vec(op(), 1..10), |ops| {
        rt.block_on(async {
            let (h, _dir) = make().await;
            for (i, op) in ops.iter().enumerate() {
                if run_op(&h, op, i).await? {
                    accepted.set(accepted.get() + 1);
                } else {
                    refused.set(refused.get() + 1);
                }
            }
            export_then_check(&h.store).await
        })
    });
    eprintln!(
        "{cases} sequences, {} writes accepted, {} refused or skipped, in {:?}",
        accepted.get(),
        refused.get(),
        started.elapsed()
    );
    if let Err(e) = result {
        panic!("{e}");
    }
    assert!(accepted.get() > 0 && refused.get() > 0, "the sequences exercise both outcomes");
}

/// Half of the SQLite sequences: the two halves are two tests so the test harness runs them
/// on both cores at once (each runs its sequences one after another on its own runtime).
fn sqlite_half() {
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let t = template(&rt);
    run_property(&rt, cases(1000).div_ceil(2), || {
        Box::pin(async move {
            let dir = tempfile::tempdir().unwrap();
            let h = sqlite_harness(t, dir.path()).await;
            (h, Some(dir))
        })
    });
}

#[test]
fn any_sequence_of_api_writes_leaves_a_case_that_exports_and_checks_sqlite() {
    sqlite_half();
}

#[test]
fn any_sequence_of_api_writes_leaves_a_case_that_exports_and_checks_sqlite_second_half() {
    sqlite_half();
}

#[test]
fn any_sequence_of_api_writes_leaves_a_case_that_exports_and_checks_postgres() {
    if std::env::var("TAHAWUL_TEST_POSTGRES").is_err() {
        panic!(
            "this test needs TAHAWUL_TEST_POSTGRES: run scripts/with-postgres cargo test -p tahawul-web --test integration rules_invariant::"
        );
    }
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    // A fresh PostgreSQL database per sequence costs about a second: fewer sequences here.
    run_property(&rt, cases(1000).min(40), || {
        Box::pin(async move {
            let app = helpers::spawn_app(helpers::Db::Postgres).await;
            let h = harness_from(app.store.clone(), app.tokens.clone()).await;
            (h, None)
        })
    });
}
