//! A coalition partner never reads an unreleased record through any route: every GET route of
//! the OpenAPI document (each path parameter filled with the unreleased records' ids), every
//! page reachable by links from the dashboard, and the audit log. An auditor changes nothing
//! through any write route of the document. On SQLite and PostgreSQL:
//!
//! `scripts/with-postgres cargo test -p tahawul-web --test integration partner_leak::`

use crate::helpers;

use helpers::both;

use std::collections::{BTreeSet, VecDeque};

use helpers::{Db, PASSWORD, TestApp, spawn_app};
use reqwest::Method;
use serde_json::{Value, json};
use tahawul_store::{RecordKind, RecordWrite, prelude::*};

/// Appears only in unreleased records.
const MARK: &str = "leakmark";
/// An observation value recorded only against an unreleased indicator.
const MARK_VALUE: &str = "987654.321";

async fn seed(app: &TestApp) -> (String, String) {
    app.seed_document("leakmark-draft", Some("us"), false, false).await;
    app.seed_document("leakmark-iq-draft", Some("iq"), false, false).await;
    app.seed_document("leakmark-shared", None, true, false).await;
    // An area, shared with the delegations but not released, with the mark in its name.
    let mut body = app.store.list_records(RecordKind::Area).await.unwrap().remove(0).body;
    body["id"] = json!("leakmark-area");
    body["name"] = json!({ "en": "leakmark zone", "ar": "leakmark منطقة" });
    body["parent"] = Value::Null;
    let w = RecordWrite {
        kind: RecordKind::Area,
        id: "leakmark-area".into(),
        body,
        owner_party: None,
        shared: true,
        releasable: false,
    };
    app.store.put_record(w, None, "setup").await.unwrap();
    // An observation of the threat indicator, then the indicator withdrawn from partners.
    let (s, b) = app
        .call(
            "sec",
            Method::POST,
            "/api/v1/observations",
            Some(json!({ "observations": [{
            "factor": "threat", "indicator": "incidents_per_year", "area": "iraq", "period": "2030",
            "value": 987654.321, "publisher": "gtd", "method": "gtd-all-terrorism", "as_of": "2031-01-01",
            "confidence": "low", "illustrative": true, "document": null }] })),
        )
        .await;
    assert_eq!(s, 201, "{b}");
    let ind = app
        .store
        .list_records(RecordKind::Indicator)
        .await
        .unwrap()
        .into_iter()
        .find(|r| r.id.ends_with("incidents_per_year"))
        .expect("the threat indicator");
    let w = RecordWrite {
        kind: RecordKind::Indicator,
        id: ind.id.clone(),
        body: ind.body.clone(),
        owner_party: ind.owner_party.clone(),
        shared: true,
        releasable: false,
    };
    app.store.put_record(w, Some(ind.version), "setup").await.unwrap();
    let assessment = app.store.list_records(RecordKind::Assessment).await.unwrap().remove(0).id;
    (ind.id, assessment)
}

/// The document's operations: (method, path template).
async fn operations(app: &TestApp) -> Vec<(String, String)> {
    let doc: Value = app.client.get(app.url("/api/openapi.json")).send().await.unwrap().json().await.unwrap();
    let mut ops = vec![];
    for (path, item) in doc["paths"].as_object().unwrap() {
        for m in item.as_object().unwrap().keys() {
            if ["get", "post", "put", "patch", "delete"].contains(&m.as_str()) {
                ops.push((m.to_uppercase(), path.clone()));
            }
        }
    }
    assert!(ops.len() > 20, "the document lists the routes");
    ops
}

/// Every way to fill a path template's parameters with the probe ids.
fn fill(path: &str, ids: &[String]) -> Vec<String> {
    if !path.contains('{') {
        return vec![path.to_string()];
    }
    let (a, rest) = path.split_once('{').unwrap();
    let (_, b) = rest.split_once('}').unwrap();
    ids.iter().flat_map(|id| fill(&format!("{a}{id}{b}"), ids)).collect::<BTreeSet<_>>().into_iter().collect()
}

fn assert_clean(what: &str, status: u16, body: &str) {
    assert!(status < 500, "{what}: {status} {body}");
    assert!(
        !body.contains(MARK) && !body.contains(MARK_VALUE),
        "{what} shows an unreleased record to a partner ({status}):\n{}",
        &body[..body.len().min(2000)]
    );
}

async fn a_partner_reads_nothing_unreleased_through_any_route(db: Db) {
    let app = spawn_app(db).await;
    let (indicator, assessment) = seed(&app).await;
    // The probes are really there for a reader who may see them.
    let (_, sec) = app.call("sec", Method::GET, "/api/v1/documents/leakmark-shared", None).await;
    assert!(sec.to_string().contains(MARK));
    let ids: Vec<String> = [
        "leakmark-draft",
        "leakmark-iq-draft",
        "leakmark-shared",
        "leakmark-area",
        indicator.as_str(),
        "incidents_per_year",
        "sec",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let mut probed = 0;
    for (m, path) in operations(&app).await {
        if m != "GET" {
            continue;
        }
        for url in fill(&path, &ids) {
            for q in ["", "?factor=threat&indicator=incidents_per_year&area=iraq&limit=1000", "?after=0&limit=1000"] {
                let res = app.as_user("partner", Method::GET, &format!("{url}{q}")).send().await.unwrap();
                let status = res.status().as_u16();
                let mut body = res.text().await.unwrap();
                if status == 404 {
                    // "Not found: document leakmark-draft" only echoes the URL: the same words
                    // as for an id that does not exist.
                    for id in url.split('/') {
                        body = body.replace(id, "");
                    }
                }
                assert_clean(&format!("GET {url}{q}"), status, &body);
                probed += 1;
            }
        }
    }
    assert!(probed > 50);
    // The audit log, which names every record, is not the partner's to read.
    for p in ["/api/v1/audit", "/api/v1/audit/verify", "/api/v1/users"] {
        let (s, _) = app.call("partner", Method::GET, p, None).await;
        assert_eq!(s, 403, "{p}");
    }
    let _ = assessment;
    // The pages: everything reachable from the dashboard by links, as the partner sees it.
    let c = reqwest::Client::builder().cookie_store(true).redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let page = c.get(app.url("/sign-in")).send().await.unwrap().text().await.unwrap();
    let at = page.find(r#"name="csrf" value=""#).unwrap() + r#"name="csrf" value=""#.len();
    let csrf = &page[at..at + page[at..].find('"').unwrap()];
    let res = c
        .post(app.url("/sign-in"))
        .form(&[("csrf", csrf), ("name", "partner"), ("password", PASSWORD), ("next", "/dashboard")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let mut seen = BTreeSet::new();
    let mut queue = VecDeque::from(["/dashboard".to_string()]);
    // Direct guesses at record pages too, for pages that link nowhere yet.
    for id in &ids {
        for kind in ["documents", "areas", "indicators", "record/documents", "record/areas"] {
            queue.push_back(format!("/{kind}/{id}"));
        }
    }
    while let Some(path) = queue.pop_front() {
        if !seen.insert(path.clone()) || seen.len() > 400 || path.starts_with("/lang/") || path.starts_with("/digits/")
        {
            continue;
        }
        let res = c.get(app.url(&path)).send().await.unwrap();
        let status = res.status().as_u16();
        // A PDF (minutes, statement, ledger) is checked by its text, not its compressed bytes.
        let pdf = res.headers().get("content-type").is_some_and(|v| v == "application/pdf");
        let mut body = if pdf { helpers::pdftotext(&res.bytes().await.unwrap()) } else { res.text().await.unwrap() };
        if status == 404 {
            for id in path.split('/') {
                body = body.replace(id, "");
            }
        }
        assert_clean(&format!("page {path}"), status, &body);
        for part in body.split("href=\"").skip(1) {
            let link = &part[..part.find('"').unwrap_or(0)];
            let link = link.replace("&amp;", "&");
            if link.starts_with('/') && !link.starts_with("//") && !link.starts_with("/assets/") {
                queue.push_back(link.split('#').next().unwrap().to_string());
            }
        }
    }
    assert!(seen.len() > 1);
}

async fn an_auditor_changes_nothing_through_any_write_route(db: Db) {
    let app = spawn_app(db).await;
    let (indicator, assessment) = seed(&app).await;
    let before = app.store.audit_entries(0, 1_000_000).await.unwrap();
    let ids = vec!["leakmark-shared".to_string(), indicator, assessment.clone(), "sec".to_string(), "iraq".to_string()];
    let bodies = [
        json!({}),
        json!({ "version": 1, "body": {}, "reasons": { "en": "x", "ar": "x" } }),
        json!({ "observations": [] }),
        json!({ "name": "x", "role": "secretariat", "password": "a-long-password-123" }),
    ];
    let mut tried = 0;
    for (m, path) in operations(&app).await {
        // Everyone manages their own session and tokens: not a change to the record.
        if m == "GET" || path.starts_with("/api/v1/session") || path.starts_with("/api/v1/tokens") {
            continue;
        }
        for url in fill(&path, &ids) {
            for body in &bodies {
                for q in ["", "?version=1"] {
                    let res = app
                        .as_user("auditor", Method::from_bytes(m.as_bytes()).unwrap(), &format!("{url}{q}"))
                        .header("if-match", "\"1\"")
                        .json(body)
                        .send()
                        .await
                        .unwrap();
                    let s = res.status().as_u16();
                    assert!((400..500).contains(&s), "auditor {m} {url}{q} {body}: {s} {}", res.text().await.unwrap());
                    tried += 1;
                }
            }
        }
    }
    assert!(tried > 50);
    let after = app.store.audit_entries(0, 1_000_000).await.unwrap();
    assert_eq!(before.len(), after.len(), "the auditor's requests left audit entries");
}

both!(a_partner_reads_nothing_unreleased_through_any_route, an_auditor_changes_nothing_through_any_write_route,);
