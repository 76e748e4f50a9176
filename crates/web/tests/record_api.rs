//! The dialogue's record over real HTTP (issue 6), on SQLite and on PostgreSQL: minutes
//! signed and verified by the server, tampering detected, wrong keys refused; statement
//! versions kept and compared; consultations where partners see only released versions;
//! commitment status changes with their history.

use crate::helpers;

use helpers::{Db, TestApp, spawn_app};
use reqwest::Method;
use serde_json::{Value, json};
use tahawul_domain::minutes::{KeyFile, SecretKey};
use tahawul_store::{RecordKind, RecordWrite, prelude::*};

fn unbase64(s: &str) -> Vec<u8> {
    const A: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut bits = 0u32;
    let mut n = 0;
    let mut out = Vec::new();
    for c in s.bytes().filter(|c| *c != b'=') {
        let v = A.iter().position(|x| *x == c).expect("base64 digit") as u32;
        bits = (bits << 6) | v;
        n += 6;
        if n >= 8 {
            n -= 8;
            out.push((bits >> n) as u8);
        }
    }
    out
}

fn demo_key(person: &str) -> SecretKey {
    let path = format!("{}/../../examples/iraq-hmc/demo-keys/{person}.key", env!("CARGO_MANIFEST_DIR"));
    KeyFile::parse(&std::fs::read_to_string(path).unwrap()).unwrap().open("tahawul-demo-only").unwrap()
}

async fn minutes(app: &TestApp, user: &str, round: &str) -> Value {
    let (s, m) = app.call(user, Method::GET, &format!("/api/v1/rounds/{round}/minutes"), None).await;
    assert_eq!(s, 200, "{m}");
    m
}

/// Rewrites a round straight in the store, as an edit through the generic API would.
async fn edit_round(app: &TestApp, round: &str, f: impl FnOnce(&mut Value)) {
    let r = app.store.get_record(RecordKind::Round, round).await.unwrap();
    let mut body = r.body.clone();
    f(&mut body);
    let (s, v) = app
        .call(
            "sec",
            Method::PUT,
            &format!("/api/v1/rounds/{round}"),
            Some(json!({ "body": body, "version": r.version })),
        )
        .await;
    assert_eq!(s, 200, "{v}");
}

async fn minutes_story(db: Db) {
    let app = spawn_app(db).await;
    // The founding case's JSCD 1 minutes carry both heads' demo signatures, and verify.
    let m = minutes(&app, "us-head", "jscd-1").await;
    assert_eq!(m["state"], "verified");
    assert_eq!(m["signatures"].as_array().unwrap().len(), 2);
    let bytes = unbase64(m["canonical_base64"].as_str().unwrap());
    assert_eq!(bytes.len() as u64, m["length"].as_u64().unwrap());
    assert_eq!(m["digest"], blake3::hash(&bytes).to_hex().to_string());
    // Both heads would sign these very bytes.
    let celeste = demo_key("celeste-wallander");
    let sig = celeste.sign(&bytes);
    let round = app.store.get_record(RecordKind::Round, "jscd-1").await.unwrap();
    assert!(
        round.body["signatures"].as_array().unwrap().iter().any(|s| s["signature"] == sig.to_string()),
        "the server's canonical bytes are the ones the CLI signed"
    );

    // No edit removes (or adds) a signature: only a head signing does (issue 12).
    let r = app.store.get_record(RecordKind::Round, "jscd-1").await.unwrap();
    let mut body = r.body.clone();
    body["signatures"].as_array_mut().unwrap().retain(|s| s["person"] != "celeste-wallander");
    let (s, p) = app
        .call("sec", Method::PUT, "/api/v1/rounds/jscd-1", Some(json!({ "body": body, "version": r.version })))
        .await;
    assert_eq!(s, 422, "{p}");
    assert_eq!(p["errors"][0]["pointer"], "/body/signatures");

    // An agreed change: both signatures stop verifying; the Iraqi head signs again, so the
    // US head's is the one left over the old minutes.
    edit_round(&app, "jscd-1", |b| {
        b["place"]["en"] = json!("Washington, D.C. (the Pentagon)");
    })
    .await;
    let bytes = unbase64(minutes(&app, "iq-head", "jscd-1").await["canonical_base64"].as_str().unwrap());
    let thabet = demo_key("thabet-al-abbasi");
    let (s, m) = app
        .call(
            "iq-head",
            Method::POST,
            "/api/v1/rounds/jscd-1/minutes/signatures",
            Some(json!({ "key": thabet.public().to_string(), "signature": thabet.sign(&bytes).to_string() })),
        )
        .await;
    assert_eq!(s, 201, "{m}");
    let m = minutes(&app, "us-head", "jscd-1").await;
    assert_eq!(m["state"], "tampered");
    let state_of =
        |who: &str| m["signatures"].as_array().unwrap().iter().find(|s| s["person"] == who).unwrap()["state"].clone();
    assert_eq!(state_of("thabet-al-abbasi"), "valid");
    assert_eq!(state_of("celeste-wallander"), "tampered");
    let before = app.version(RecordKind::Round, "jscd-1").await;

    // A key that is not the head's registered key is refused, in the reader's language, and
    // nothing is kept.
    let stranger = SecretKey::generate().unwrap();
    let wrong = json!({ "key": stranger.public().to_string(), "signature": stranger.sign(&bytes).to_string() });
    let res = app
        .as_user("us-head", Method::POST, "/api/v1/rounds/jscd-1/minutes/signatures")
        .header("accept-language", "ar")
        .json(&wrong)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 422);
    let p: Value = res.json().await.unwrap();
    assert_eq!(p["pointer"], "/key");
    assert!(p["errors"][0]["detail"].as_str().unwrap().contains("المفتاح المسجَّل"), "{p}");
    let (s, p) = app.call("us-head", Method::POST, "/api/v1/rounds/jscd-1/minutes/signatures", Some(wrong)).await;
    assert_eq!(s, 422);
    assert!(p["errors"][0]["detail"].as_str().unwrap().contains("not the registered key of Celeste Wallander"), "{p}");
    assert_eq!(app.version(RecordKind::Round, "jscd-1").await, before);

    // The registered key over other bytes does not verify.
    let (s, p) = app
        .call(
            "us-head",
            Method::POST,
            "/api/v1/rounds/jscd-1/minutes/signatures",
            Some(
                json!({ "key": celeste.public().to_string(), "signature": celeste.sign(b"other minutes").to_string() }),
            ),
        )
        .await;
    assert_eq!(s, 422, "{p}");
    assert_eq!(p["pointer"], "/signature");
    // Malformed text is a clear 422 too, not a 500.
    let (s, _) = app
        .call(
            "us-head",
            Method::POST,
            "/api/v1/rounds/jscd-1/minutes/signatures",
            Some(json!({ "key": "ed25519:zz", "signature": "nope" })),
        )
        .await;
    assert_eq!(s, 422);

    // Only heads sign; the Iraqi head cannot sign for the US head.
    for user in ["sec", "us-member", "partner", "auditor", "wg-threat"] {
        let (s, _) = app
            .call(
                user,
                Method::POST,
                "/api/v1/rounds/jscd-1/minutes/signatures",
                Some(json!({ "key": celeste.public().to_string(), "signature": celeste.sign(&bytes).to_string() })),
            )
            .await;
        assert!(s == 403 || s == 404, "{user}: {s}");
    }
    let (s, p) = app
        .call(
            "iq-head",
            Method::POST,
            "/api/v1/rounds/jscd-1/minutes/signatures",
            Some(json!({ "key": celeste.public().to_string(), "signature": celeste.sign(&bytes).to_string() })),
        )
        .await;
    assert_eq!(s, 422, "{p}");

    // The US head signs with the registered key: kept, and the minutes verify.
    let good = json!({ "key": celeste.public().to_string(), "signature": celeste.sign(&bytes).to_string() });
    let (s, m) =
        app.call("us-head", Method::POST, "/api/v1/rounds/jscd-1/minutes/signatures", Some(good.clone())).await;
    assert_eq!(s, 201, "{m}");
    assert_eq!(m["state"], "verified");
    // Twice is refused.
    let (s, p) = app.call("us-head", Method::POST, "/api/v1/rounds/jscd-1/minutes/signatures", Some(good)).await;
    assert_eq!(s, 422, "{p}");

    // JSCD 2 names no US head: nobody can sign for it.
    let m2 = minutes(&app, "us-head", "jscd-2").await;
    let b2 = unbase64(m2["canonical_base64"].as_str().unwrap());
    let (s, p) = app
        .call(
            "us-head",
            Method::POST,
            "/api/v1/rounds/jscd-2/minutes/signatures",
            Some(json!({ "key": celeste.public().to_string(), "signature": celeste.sign(&b2).to_string() })),
        )
        .await;
    assert_eq!(s, 422, "{p}");

    // A change after signing is detected, and located.
    edit_round(&app, "jscd-1", |b| {
        b["decisions"][0]["text"]["en"] = json!("The two sides will consult on something else.");
    })
    .await;
    let m = minutes(&app, "auditor", "jscd-1").await;
    assert_eq!(m["state"], "tampered");
    for s in m["signatures"].as_array().unwrap() {
        assert_eq!(s["state"], "tampered");
        assert_eq!(s["detail"], json!([{ "change": "changed", "part": "decision:jscd1-future-process" }]));
    }
    // A partner does not see unreleased rounds' minutes.
    let (s, _) = app.call("partner", Method::GET, "/api/v1/rounds/jscd-1/minutes", None).await;
    assert_eq!(s, 404);
}

async fn statement_story(db: Db) {
    let app = spawn_app(db).await;
    for round in ["jscd-1", "jscd-2"] {
        let (s, v) = app.call("iq-head", Method::POST, &format!("/api/v1/rounds/{round}/statement"), None).await;
        assert_eq!(s, 201, "{v}");
        assert_eq!(v["number"], 1);
        assert!(v["text"]["en"].as_str().unwrap().starts_with("Joint statement (draft)"));
        assert!(v["text"]["ar"].as_str().unwrap().contains("الجولة"));
    }
    let (s, _) = app.call("us-head", Method::POST, "/api/v1/rounds/jscd-1/statement", None).await;
    assert_eq!(s, 409, "a round has one first draft");
    let (_, st) = app.call("us-member", Method::GET, "/api/v1/rounds/jscd-1/statement", None).await;
    let ar = st["versions"][0]["text"]["ar"].as_str().unwrap().to_string();
    let en = st["versions"][0]["text"]["en"].as_str().unwrap().to_string();

    // The Iraqi delegation edits the Arabic text: a new version, English untouched.
    let edited = format!("{ar}\nتعديل الوفد العراقي.");
    let (s, v) = app
        .call(
            "iq-head",
            Method::POST,
            "/api/v1/rounds/jscd-1/statement/versions",
            Some(json!({ "lang": "ar", "text": edited, "based_on": 1 })),
        )
        .await;
    assert_eq!(s, 201, "{v}");
    assert_eq!((v["number"].clone(), v["changed"].clone(), v["party"].clone()), (json!(2), json!("ar"), json!("iq")));
    assert_eq!(v["text"]["en"], json!(en));
    // An edit of the old version is a conflict: nothing written.
    let (s, _) = app
        .call(
            "us-member",
            Method::POST,
            "/api/v1/rounds/jscd-1/statement/versions",
            Some(json!({ "lang": "en", "text": "x", "based_on": 1 })),
        )
        .await;
    assert_eq!(s, 409);
    for bad in [
        json!({ "lang": "fr", "text": "x", "based_on": 2 }),
        json!({ "lang": "en", "text": "  ", "based_on": 2 }),
        json!({ "lang": "en", "text": en, "based_on": 2 }),
    ] {
        let (s, p) = app.call("us-member", Method::POST, "/api/v1/rounds/jscd-1/statement/versions", Some(bad)).await;
        assert_eq!(s, 422, "{p}");
    }
    let (s, c) = app.call("auditor", Method::GET, "/api/v1/rounds/jscd-1/statement/compare?from=1&to=2", None).await;
    assert_eq!(s, 200);
    assert!(
        c["ar"].as_array().unwrap().iter().any(|p| p["op"] == "added" && p["text"].as_str().unwrap().contains("تعديل"))
    );
    assert!(c["en"].as_array().unwrap().iter().all(|p| p["op"] == "same"));
    // Versions are kept: version 1 cannot be overwritten, even by the store's own callers.
    let r = app.store.get_record(RecordKind::StatementVersion, "jscd-1-v1").await.unwrap();
    let w = RecordWrite {
        kind: r.kind,
        id: r.id.clone(),
        body: r.body.clone(),
        owner_party: None,
        shared: true,
        releasable: false,
    };
    assert!(app.store.put_record(w, Some(r.version), "sec").await.is_err());
    // Partners and auditors do not write; partners do not read statements.
    let (s, _) = app.call("partner", Method::GET, "/api/v1/rounds/jscd-1/statement", None).await;
    assert_eq!(s, 404);
    let (s, _) = app
        .call(
            "auditor",
            Method::POST,
            "/api/v1/rounds/jscd-1/statement/versions",
            Some(json!({ "lang": "en", "text": "x", "based_on": 2 })),
        )
        .await;
    assert_eq!(s, 403);
}

async fn consultation_story(db: Db) {
    let app = spawn_app(db).await;
    let new = json!({
        "id": "phase-timeline",
        "title": { "en": "Phase timeline", "ar": "الجدول الزمني للمراحل" },
        "subjects": [],
        "text": { "en": "Draft one: advisers leave Federal Iraq first.", "ar": "المسودة الأولى" },
    });
    let (s, _) = app.call("partner", Method::POST, "/api/v1/consultations", Some(new.clone())).await;
    assert_eq!(s, 403);
    let (s, c) = app.call("sec", Method::POST, "/api/v1/consultations", Some(new)).await;
    assert_eq!(s, 201, "{c}");
    // Unreleased: the partner sees nothing of it, by list or by id.
    let (_, l) = app.call("partner", Method::GET, "/api/v1/consultations", None).await;
    assert_eq!(l, json!([]));
    let (s, _) = app.call("partner", Method::GET, "/api/v1/consultations/phase-timeline", None).await;
    assert_eq!(s, 404);
    // A partner cannot answer a draft.
    let (s, _) = app
        .call(
            "partner",
            Method::POST,
            "/api/v1/consultations/phase-timeline/responses",
            Some(json!({ "version": 1, "position": "concur" })),
        )
        .await;
    assert_eq!(s, 404);

    let (s, c) = app.call("sec", Method::POST, "/api/v1/consultations/phase-timeline/release", None).await;
    assert_eq!(s, 200, "{c}");
    assert!(c["versions"][0]["released"].is_object());
    // Releasing twice: nothing to release.
    let (s, _) = app.call("sec", Method::POST, "/api/v1/consultations/phase-timeline/release", None).await;
    assert_eq!(s, 422);
    // A later edit makes version 2, a draft; version 1 stays frozen.
    let (s, c) = app
        .call(
            "sec",
            Method::PUT,
            "/api/v1/consultations/phase-timeline/draft",
            Some(json!({ "text": { "en": "Draft two: secret wording.", "ar": "المسودة الثانية" } })),
        )
        .await;
    assert_eq!(s, 200, "{c}");
    assert_eq!(c["versions"].as_array().unwrap().len(), 2);
    assert_eq!(c["versions"][0]["text"]["en"], "Draft one: advisers leave Federal Iraq first.");
    let v1 = app.store.get_record(RecordKind::ConsultationVersion, "phase-timeline-v1").await.unwrap();
    let mut body = v1.body.clone();
    body["text"]["en"] = json!("rewritten after release");
    let w = RecordWrite { kind: v1.kind, id: v1.id.clone(), body, owner_party: None, shared: true, releasable: true };
    assert!(app.store.put_record(w, Some(v1.version), "sec").await.is_err(), "a released version is frozen");

    // The partner sees the released version only, in the list and by id.
    for path in ["/api/v1/consultations", "/api/v1/consultations/phase-timeline"] {
        let (s, x) = app.call("partner", Method::GET, path, None).await;
        assert_eq!(s, 200);
        let text = x.to_string();
        assert!(text.contains("Draft one"), "{text}");
        assert!(!text.contains("Draft two") && !text.contains("secret wording"), "{text}");
    }
    let (_, x) = app.call("partner", Method::GET, "/api/v1/consultations/phase-timeline", None).await;
    assert_eq!(x["versions"].as_array().unwrap().len(), 1);
    assert!(x["summary"].is_null(), "the summary is the commission's");

    // Dissent needs reasons; the draft version cannot be answered.
    let (s, p) = app
        .call(
            "partner",
            Method::POST,
            "/api/v1/consultations/phase-timeline/responses",
            Some(json!({ "version": 1, "position": "dissent", "reason": " " })),
        )
        .await;
    assert_eq!(s, 422, "{p}");
    let (s, _) = app
        .call(
            "partner",
            Method::POST,
            "/api/v1/consultations/phase-timeline/responses",
            Some(json!({ "version": 2, "position": "concur" })),
        )
        .await;
    assert_eq!(s, 404);
    let (s, _) = app
        .call(
            "partner",
            Method::POST,
            "/api/v1/consultations/phase-timeline/responses",
            Some(json!({ "version": 1, "position": "veto", "reason": "x" })),
        )
        .await;
    assert_eq!(s, 422);
    let (s, r) = app
        .call("partner", Method::POST, "/api/v1/consultations/phase-timeline/responses", Some(json!({ "version": 1, "position": "dissent", "reason": "Air cover ends before ISF air capability is rated." })))
        .await;
    assert_eq!(s, 201, "{r}");
    let (s, _) = app
        .call(
            "us-head",
            Method::POST,
            "/api/v1/consultations/phase-timeline/responses",
            Some(json!({ "version": 1, "position": "concur" })),
        )
        .await;
    assert_eq!(s, 403);
    // The commission sees the summary.
    let (_, x) = app.call("us-member", Method::GET, "/api/v1/consultations/phase-timeline", None).await;
    assert_eq!(x["summary"]["version"], 1);
    assert_eq!(x["summary"]["dissent"][0][0], "coalition");
    assert_eq!(x["responses"].as_array().unwrap().len(), 1);
    let (_, x) = app.call("partner", Method::GET, "/api/v1/consultations/phase-timeline", None).await;
    assert_eq!(x["responses"].as_array().unwrap().len(), 1);
}

async fn commitment_story(db: Db) {
    let app = spawn_app(db).await;
    let path = "/api/v1/commitments/r1-protect-personnel/status";
    let body =
        json!({ "status": 3, "evidence": "Protection held through 2025.", "documents": ["003_cb2afbb04a92125f"] });
    // Iraq's commitment: the US delegation may not change its status.
    let (s, _) = app.call("us-head", Method::POST, path, Some(body.clone())).await;
    assert_eq!(s, 403);
    let (s, _) = app.call("partner", Method::POST, path, Some(body.clone())).await;
    assert_eq!(s, 403);
    for bad in [
        json!({ "status": 4, "evidence": "x" }),
        json!({ "status": 3, "evidence": "" }),
        json!({ "status": 3, "evidence": "x", "documents": ["nope"] }),
        json!({ "status": 2, "evidence": "same" }),
    ] {
        let (s, p) = app.call("iq-head", Method::POST, path, Some(bad)).await;
        assert_eq!(s, 422, "{p}");
    }
    let (s, f) = app.call("iq-head", Method::POST, path, Some(body)).await;
    assert_eq!(s, 201, "{f}");
    let (_, h) = app.call("auditor", Method::GET, "/api/v1/commitments/r1-protect-personnel/history", None).await;
    assert_eq!(h["changes"][0]["from"], 2);
    assert_eq!(h["changes"][0]["to"], 3);
    assert_eq!(h["changes"][0]["by"], "iq-head");
    // The roll-ups read the new status; the signed minutes do not change.
    let m = minutes(&app, "sec", "jscd-1").await;
    assert_eq!(m["state"], "verified");
}

#[tokio::test]
async fn minutes_sqlite() {
    minutes_story(Db::Sqlite).await;
}
#[tokio::test]
async fn minutes_postgres() {
    minutes_story(Db::Postgres).await;
}
#[tokio::test]
async fn statements_sqlite() {
    statement_story(Db::Sqlite).await;
}
#[tokio::test]
async fn statements_postgres() {
    statement_story(Db::Postgres).await;
}
#[tokio::test]
async fn consultations_sqlite() {
    consultation_story(Db::Sqlite).await;
}
#[tokio::test]
async fn consultations_postgres() {
    consultation_story(Db::Postgres).await;
}
#[tokio::test]
async fn commitments_sqlite() {
    commitment_story(Db::Sqlite).await;
}
#[tokio::test]
async fn commitments_postgres() {
    commitment_story(Db::Postgres).await;
}
