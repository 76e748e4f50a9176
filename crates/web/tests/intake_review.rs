//! Review, then accept (issue 16 item 4) over real HTTP, on SQLite and PostgreSQL: source 003
//! submitted for review; a commitment accepted with the reviewer's edit becomes a record
//! citing the document made from the text, with the span in the acceptance's audit entry; a
//! bulk accept with one bad proposal writes nothing and names it; a rejection keeps who and
//! why and is final; a proposal restating a record is accepted as that match; roles beyond the
//! secretariat, heads and members are refused. `cargo test -p tahawul-web --test integration intake_review::`
//! (PostgreSQL: `scripts/with-postgres cargo test -p tahawul-web --test integration intake_review::`).

use crate::helpers;

use helpers::{Db, TestApp, both, spawn_app};
use reqwest::Method;
use serde_json::{Value, json};
use tahawul_store::prelude::*;

both!(accept_edit_bulk_and_reject, roles_and_bad_requests);

fn source_003() -> String {
    let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let dir = std::env::var("TAHAWUL_SOURCES").map(std::path::PathBuf::from).unwrap_or_else(|_| {
        [root.join("../shared/sources"), root.join("../../shared/sources")]
            .into_iter()
            .find(|d| d.is_dir())
            .expect("the founding sources: set TAHAWUL_SOURCES")
    });
    std::fs::read_to_string(dir.join("003_cb2afbb04a92125f.txt")).unwrap()
}

async fn submit(app: &TestApp, role: &str) -> Value {
    let (s, r) = app.call(role, Method::POST, "/api/v1/intakes", Some(json!({ "text": source_003() }))).await;
    assert_eq!(s, 201, "{r}");
    r
}

/// The indices of the commitment proposals.
fn commitments(intake: &Value) -> Vec<u64> {
    intake["proposals"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["proposal"]["kind"] == "commitment")
        .map(|p| p["index"].as_u64().unwrap())
        .collect()
}

/// The audit log's entries after `after`, read through the API.
async fn audit(app: &TestApp, after: u64) -> Vec<Value> {
    let (s, r) = app.call("sec", Method::GET, &format!("/api/v1/audit?after={after}&limit=1000"), None).await;
    assert_eq!(s, 200, "{r}");
    r.as_array().unwrap().clone()
}

async fn accept_edit_bulk_and_reject(db: Db) {
    let app = spawn_app(db).await;
    let intake = submit(&app, "sec").await;
    let seq = app.store.audit_entries(0, 1_000_000).await.unwrap().last().unwrap().seq;
    let id = intake["id"].as_i64().unwrap();
    assert_eq!(intake["digest"].as_str().unwrap().len(), 64, "SHA-256 hex");
    assert_eq!(intake["lang"], "ar");
    assert_eq!(intake["submitted_by"], "sec");
    let cs = commitments(&intake);
    assert!(cs.len() >= 3, "003 proposes commitments: {intake}");
    assert!(intake["proposals"].as_array().unwrap().iter().all(|p| p["state"] == "pending"));
    // Nothing entered the record by submitting.
    let (_, before) = app.call("sec", Method::GET, "/api/v1/commitments", None).await;
    let n_before = before.as_array().unwrap().len();

    // Accepted with an edit of its English wording, as a new commitment (an id given).
    let first = cs[0];
    let edit = json!({"proposals": [{"index": first, "edits": {"id": "r2-from-intake", "parties": ["iq"],
        "theme": "force-protection", "text": {"en": "Iraq protects coalition advisers (reviewed wording)."}}}]});
    let (s, r) = app.call("sec", Method::POST, &format!("/api/v1/intakes/{id}/accept"), Some(edit)).await;
    assert_eq!(s, 200, "{r}");
    let p = &r["proposals"][first as usize];
    assert_eq!(p["state"], "accepted");
    assert_eq!(p["record"], json!({"kind": "commitment", "id": "r2-from-intake"}));
    assert_eq!(p["reviewed_by"], "sec");
    let doc = p["document"].as_str().unwrap().to_string();
    assert_eq!(doc, format!("intake-{}", &intake["digest"].as_str().unwrap()[..16]));
    let (s, c) = app.call("sec", Method::GET, "/api/v1/commitments/r2-from-intake", None).await;
    assert_eq!(s, 200, "{c}");
    assert_eq!(c["body"]["text"]["en"], "Iraq protects coalition advisers (reviewed wording).");
    assert_eq!(c["body"]["text"]["ar"], intake["proposals"][first as usize]["proposal"]["text"]["ar"]);
    assert_eq!(c["body"]["sources"], json!([doc]));
    assert_eq!(c["body"]["round"], "jscd-2", "the round the text reports");
    let (s, d) = app.call("sec", Method::GET, &format!("/api/v1/documents/{doc}"), None).await;
    assert_eq!(s, 200, "the document made from the text: {d}");
    assert_eq!(d["body"]["language"], "ar");
    // The write path's audit entry and the acceptance's, which carries the span.
    let entries = audit(&app, seq).await;
    assert!(
        entries
            .iter()
            .any(|e| e["action"] == "create" && e["kind"] == "commitment" && e["record_id"] == "r2-from-intake")
    );
    let acc = entries.iter().find(|e| e["action"] == "accept" && e["kind"] == "intake").expect("acceptance audited");
    assert_eq!(acc["after"]["span"], intake["proposals"][first as usize]["proposal"]["span"]);
    assert!(acc["after"]["span"]["end"].as_u64().unwrap() > acc["after"]["span"]["start"].as_u64().unwrap());

    // Bulk: the second item names a round the case does not have. Nothing is written.
    let n_audit = entries.len();
    let bulk = json!({"proposals": [
        {"index": cs[1], "edits": {"id": "r2-bulk-a", "parties": ["iq"], "theme": "force-protection", "round": "jscd-2"}},
        {"index": cs[2], "edits": {"id": "r2-bulk-b", "parties": ["iq"], "theme": "force-protection", "round": "no-such-round"}}]});
    let (s, r) = app.call("sec", Method::POST, &format!("/api/v1/intakes/{id}/accept"), Some(bulk)).await;
    assert_eq!(s, 422, "{r}");
    assert_eq!(r["pointer"], "/proposals/1/edits/round", "{r}");
    assert_eq!(app.call("sec", Method::GET, "/api/v1/commitments/r2-bulk-a", None).await.0, 404);
    assert_eq!(audit(&app, seq).await.len(), n_audit, "nothing audited: nothing written");
    let (_, now) = app.call("sec", Method::GET, &format!("/api/v1/intakes/{id}"), None).await;
    assert_eq!(now["proposals"][cs[1] as usize]["state"], "pending");
    // The same in Arabic: the message is localized.
    let (s, r) = app
        .as_user("sec", Method::POST, &format!("/api/v1/intakes/{id}/accept"))
        .header("accept-language", "ar")
        .json(&json!({"proposals": [{"index": cs[1], "edits": {"parties": []}}]}))
        .send()
        .await
        .map(|r| (r.status().as_u16(), r))
        .unwrap();
    let r: Value = r.json().await.unwrap();
    assert_eq!((s, r["pointer"].as_str()), (422, Some("/proposals/0/edits/parties")), "{r}");
    assert!(r["errors"][0]["detail"].as_str().unwrap().contains("طرف"), "{r}");

    // A proposal restating a record is accepted as that match: nothing new is written.
    let matched = intake["proposals"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| {
            p["proposal"]["kind"] == "commitment"
                && !p["proposal"]["matches"].as_array().unwrap().is_empty()
                && p["index"] != first
        })
        .map(|p| (p["index"].as_u64().unwrap(), p["proposal"]["matches"][0].clone()));
    if let Some((m, record)) = matched {
        let (s, r) = app
            .call(
                "sec",
                Method::POST,
                &format!("/api/v1/intakes/{id}/accept"),
                Some(json!({"proposals": [{"index": m}]})),
            )
            .await;
        assert_eq!(s, 200, "{r}");
        assert_eq!(r["proposals"][m as usize]["record"]["id"], record);
    }
    let (_, after) = app.call("sec", Method::GET, "/api/v1/commitments", None).await;
    assert_eq!(after.as_array().unwrap().len(), n_before + 1, "one commitment written in all");

    // Rejected: a reason is required; who and why are kept; no acceptance afterwards.
    let (s, r) = app
        .call(
            "sec",
            Method::POST,
            &format!("/api/v1/intakes/{id}/reject"),
            Some(json!({"proposals": [cs[2]], "reason": ""})),
        )
        .await;
    assert_eq!((s, r["pointer"].as_str()), (422, Some("/reason")), "{r}");
    let (s, r) = app
        .call(
            "sec",
            Method::POST,
            &format!("/api/v1/intakes/{id}/reject"),
            Some(json!({"proposals": [cs[2]], "reason": "the wording overstates the statement"})),
        )
        .await;
    assert_eq!(s, 200, "{r}");
    let p = &r["proposals"][cs[2] as usize];
    assert_eq!((p["state"].as_str(), p["reviewed_by"].as_str()), (Some("rejected"), Some("sec")));
    assert_eq!(p["reason"], "the wording overstates the statement");
    assert!(p["reviewed_at"].is_string());
    let (s, r) = app
        .call(
            "sec",
            Method::POST,
            &format!("/api/v1/intakes/{id}/accept"),
            Some(json!({"proposals": [{"index": cs[2], "edits": {"id": "r2-late"}}]})),
        )
        .await;
    assert_eq!((s, r["errors"][0]["code"].as_str()), (422, Some("intake-review-not-pending")), "{r}");
}

async fn roles_and_bad_requests(db: Db) {
    let app = spawn_app(db).await;
    let mine = submit(&app, "us-member").await;
    let id = mine["id"].as_i64().unwrap();
    let c = commitments(&mine)[0];
    let accept = json!({"proposals": [{"index": c, "edits": {"id": "r2-x"}}]});
    let reject = json!({"proposals": [c], "reason": "no"});
    for role in ["partner", "wg-threat", "auditor"] {
        let (s, _) =
            app.call(role, Method::POST, "/api/v1/intakes", Some(json!({"text": "Iraq will protect advisers."}))).await;
        assert_eq!(s, 403, "{role} submits");
        assert_eq!(app.call(role, Method::GET, "/api/v1/intakes", None).await.0, 403, "{role} lists");
        assert_eq!(app.call(role, Method::GET, &format!("/api/v1/intakes/{id}"), None).await.0, 403, "{role} reads");
    }
    for role in ["partner", "wg-threat", "auditor", "us-head", "us-member"] {
        let (s, _) = app.call(role, Method::POST, &format!("/api/v1/intakes/{id}/accept"), Some(accept.clone())).await;
        assert_eq!(s, 403, "{role} accepts");
        let (s, _) = app.call(role, Method::POST, &format!("/api/v1/intakes/{id}/reject"), Some(reject.clone())).await;
        assert_eq!(s, 403, "{role} rejects");
    }
    // Heads and members read their own kept texts only; the secretariat reads all.
    assert_eq!(app.call("us-member", Method::GET, &format!("/api/v1/intakes/{id}"), None).await.0, 200);
    assert_eq!(app.call("iq-head", Method::GET, &format!("/api/v1/intakes/{id}"), None).await.0, 404);
    let (_, list) = app.call("iq-head", Method::GET, "/api/v1/intakes", None).await;
    assert_eq!(list, json!([]));
    let (_, list) = app.call("sec", Method::GET, "/api/v1/intakes", None).await;
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert!(list[0].get("text").is_none(), "lists leave the text out");
    // Bad requests: 4xx with pointers, never a 5xx.
    let (s, r) = app.call("sec", Method::POST, "/api/v1/intakes", Some(json!({"text": "  "}))).await;
    assert_eq!((s, r["pointer"].as_str()), (422, Some("/text")), "{r}");
    let (s, r) = app.call("sec", Method::POST, "/api/v1/intakes", Some(json!({"text": "x", "lang": "fr"}))).await;
    assert_eq!((s, r["pointer"].as_str()), (422, Some("/lang")), "{r}");
    let (s, _) = app
        .call(
            "sec",
            Method::POST,
            &format!("/api/v1/intakes/{id}/accept"),
            Some(json!({"proposals": [{"index": c, "edit": {}}]})),
        )
        .await;
    assert_eq!(s, 400, "unknown field");
    let (s, r) = app
        .call(
            "sec",
            Method::POST,
            &format!("/api/v1/intakes/{id}/accept"),
            Some(json!({"proposals": [{"index": 9999}]})),
        )
        .await;
    assert_eq!((s, r["errors"][0]["code"].as_str()), (422, Some("intake-review-no-proposal")), "{r}");
    let (s, r) =
        app.call("sec", Method::POST, &format!("/api/v1/intakes/{id}/accept"), Some(json!({"proposals": []}))).await;
    assert_eq!((s, r["pointer"].as_str()), (422, Some("/proposals")), "{r}");
    let (s, r) = app
        .call(
            "sec",
            Method::POST,
            &format!("/api/v1/intakes/{id}/accept"),
            Some(json!({"document": "no-such-doc", "proposals": [{"index": c, "edits": {"id": "r2-y"}}]})),
        )
        .await;
    assert_eq!((s, r["pointer"].as_str()), (422, Some("/document")), "{r}");
    let (s, r) = app
        .call(
            "sec",
            Method::POST,
            &format!("/api/v1/intakes/{id}/accept"),
            Some(json!({"proposals": [{"index": c, "edits": {"id": "Not An Id"}}]})),
        )
        .await;
    assert_eq!((s, r["pointer"].as_str()), (422, Some("/proposals/0/edits/id")), "{r}");
    let round =
        mine["proposals"].as_array().unwrap().iter().find(|p| p["proposal"]["kind"] == "round").unwrap()["index"]
            .clone();
    let (s, r) = app
        .call(
            "sec",
            Method::POST,
            &format!("/api/v1/intakes/{id}/accept"),
            Some(json!({"proposals": [{"index": round}]})),
        )
        .await;
    assert_eq!((s, r["errors"][0]["code"].as_str()), (422, Some("intake-review-kind")), "{r}");
    assert_eq!(app.call("sec", Method::GET, "/api/v1/intakes/12345", None).await.0, 404);
    assert_eq!(app.call("sec", Method::GET, "/api/v1/intakes/abc", None).await.0, 404);
    // An existing document named instead of one made from the text.
    let (s, r) = app
        .call("sec", Method::POST, &format!("/api/v1/intakes/{id}/accept"), Some(json!({"document": "003_cb2afbb04a92125f", "proposals": [{"index": c, "edits": {"id": "r2-cites-003", "parties": ["iq"], "theme": "force-protection"}}]})))
        .await;
    assert_eq!(s, 200, "{r}");
    let (_, rec) = app.call("sec", Method::GET, "/api/v1/commitments/r2-cites-003", None).await;
    assert_eq!(rec["body"]["sources"], json!(["003_cb2afbb04a92125f"]));
    assert_eq!(
        rec["body"]["due"].as_str().map(|d| d.len()),
        rec["body"]["due"].as_str().map(|_| 10),
        "a day, not a month"
    );
}
