//! Issue 12, items 2 and 3, over real HTTP on SQLite and PostgreSQL: what the delegations
//! agreed cannot be changed by one party alone. The forged-minutes attack of the issue fails
//! at every step; an honest key rotation keeps old signatures valid; submitted and endorsed
//! assessments refuse edits (API and pages); one account never acts for both parties; a
//! commitment added to a signed round is an addendum, not an edit of the signed minutes.

use crate::helpers;

use helpers::both;

use helpers::forms::{csrf_of, sign_in};
use helpers::{Db, PASSWORD, TestApp, spawn_app};
use reqwest::Method;
use serde_json::{Value, json};
use tahawul_domain::minutes::{KeyFile, SecretKey};
use tahawul_store::{RecordKind, prelude::*};

fn demo_key(person: &str) -> SecretKey {
    let path = format!("{}/../../examples/iraq-hmc/demo-keys/{person}.key", env!("CARGO_MANIFEST_DIR"));
    KeyFile::parse(&std::fs::read_to_string(path).unwrap()).unwrap().open("tahawul-demo-only").unwrap()
}

fn unbase64(s: &str) -> Vec<u8> {
    const A: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let (mut bits, mut n, mut out) = (0u32, 0, Vec::new());
    for c in s.bytes().filter(|c| *c != b'=') {
        bits = (bits << 6) | A.iter().position(|x| *x == c).expect("base64 digit") as u32;
        n += 6;
        if n >= 8 {
            n -= 8;
            out.push((bits >> n) as u8);
        }
    }
    out
}

async fn audit_seq(app: &TestApp) -> u64 {
    app.store.verify_audit().await.unwrap().head.seq
}

async fn minutes(app: &TestApp, user: &str, round: &str) -> Value {
    let (s, m) = app.call(user, Method::GET, &format!("/api/v1/rounds/{round}/minutes"), None).await;
    assert_eq!(s, 200, "{m}");
    m
}

/// A JSON request in Arabic: the status and the problem document.
async fn call_ar(app: &TestApp, user: &str, method: Method, path: &str, body: Value) -> (u16, Value) {
    let res = app.as_user(user, method, path).header("accept-language", "ar").json(&body).send().await.unwrap();
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or(Value::Null))
}

/// The first problem's detail of a problem document.
fn detail(doc: &Value) -> String {
    doc["errors"][0]["detail"].as_str().or(doc["detail"].as_str()).unwrap_or("").to_string()
}

fn has_arabic(s: &str) -> bool {
    s.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c))
}

/// What `tahawul export` then `tahawul check` would say of the stored case: the case written
/// as a bundle and loaded back with every check.
async fn export_and_check(app: &TestApp) -> Result<tahawul_domain::Case, Vec<String>> {
    let case = app.store.load_case().await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    tahawul_domain::bundle::write(&case, dir.path()).unwrap();
    tahawul_domain::bundle::load(dir.path()).map_err(|ds| ds.iter().map(|d| d.message.id.to_string()).collect())
}

/// Registers `key` for `person` from `user`'s account through the challenge; the status and
/// the answer.
async fn register(app: &TestApp, user: &str, person: &str, key: &SecretKey) -> (u16, Value) {
    let public = key.public().to_string();
    let (s, ch) =
        app.call(user, Method::POST, "/api/v1/keys/challenge", Some(json!({ "person": person, "key": public }))).await;
    if s != 201 {
        return (s, ch);
    }
    let proof = key.sign(&unbase64(ch["challenge_base64"].as_str().unwrap())).to_string();
    app.call(
        user,
        Method::POST,
        "/api/v1/keys",
        Some(json!({ "person": person, "key": public, "nonce": ch["nonce"], "proof": proof })),
    )
    .await
}

async fn page(c: &reqwest::Client, app: &TestApp, path: &str) -> String {
    c.get(app.url(path)).send().await.unwrap().text().await.unwrap()
}

async fn forged_minutes_attack_fails_at_every_step(db: Db) {
    let app = spawn_app(db).await;
    assert_eq!(minutes(&app, "us-head", "jscd-1").await["state"], "verified");
    let original = app.store.get_record(RecordKind::Round, "jscd-1").await.unwrap();

    // The attacker's keys, and minutes rewritten to say what the secretariat wants.
    let fake_iq = SecretKey::from_seed([66; 32]);
    let fake_us = SecretKey::from_seed([77; 32]);
    let mut forged = original.body.clone();
    forged["decisions"][0]["text"]["en"] = json!("Both delegations agree the coalition stays indefinitely.");
    let mut case = app.store.load_case().await.unwrap();
    let r = case.rounds.iter_mut().find(|r| r.id.as_str() == "jscd-1").unwrap();
    r.decisions[0].text.en = forged["decisions"][0]["text"]["en"].as_str().unwrap().into();
    let round = r.clone();
    let at = jiff::Timestamp::now();
    let sigs = [
        tahawul_domain::minutes::sign(&case, &round, &"thabet-al-abbasi".parse_id(), &fake_iq, at),
        tahawul_domain::minutes::sign(&case, &round, &"celeste-wallander".parse_id(), &fake_us, at),
    ];
    forged["signatures"] = serde_json::to_value(&sigs).unwrap();

    // 1. A PUT that writes signatures is refused, in the reader's language; nothing changes.
    let seq = audit_seq(&app).await;
    let (s, doc) = call_ar(
        &app,
        "sec",
        Method::PUT,
        "/api/v1/rounds/jscd-1",
        json!({ "body": forged, "version": original.version }),
    )
    .await;
    assert_eq!(s, 422, "{doc}");
    assert_eq!(doc["errors"][0]["pointer"], "/body/signatures", "{doc}");
    assert!(has_arabic(&detail(&doc)), "localized: {doc}");
    assert_eq!(audit_seq(&app).await, seq, "a refused write appends nothing");
    assert_eq!(app.store.get_record(RecordKind::Round, "jscd-1").await.unwrap().version, original.version);

    // 2. Replacing a head's key with a PUT of the person is refused, as is smuggling a history.
    for person in ["thabet-al-abbasi", "celeste-wallander"] {
        let rec = app.store.get_record(RecordKind::Person, person).await.unwrap();
        let fake = if person == "thabet-al-abbasi" { &fake_iq } else { &fake_us };
        let mut body = rec.body.clone();
        body["public_key"] = json!(fake.public().to_string());
        let (s, doc) = app
            .call(
                "sec",
                Method::PUT,
                &format!("/api/v1/people/{person}"),
                Some(json!({ "body": body, "version": rec.version })),
            )
            .await;
        assert_eq!(s, 422, "{doc}");
        assert!(detail(&doc).contains("keys change only"), "{doc}");
        let mut body = rec.body.clone();
        body["keys"] = json!([{ "key": fake.public().to_string(), "added_by": "sec" }]);
        body["public_key"] = json!(fake.public().to_string());
        let (s, _) = app
            .call(
                "sec",
                Method::PUT,
                &format!("/api/v1/people/{person}"),
                Some(json!({ "body": body, "version": rec.version })),
            )
            .await;
        assert_eq!(s, 422);
    }
    // An edit that leaves keys out keeps them: the secretariat still keeps the person's title.
    let rec = app.store.get_record(RecordKind::Person, "thabet-al-abbasi").await.unwrap();
    let mut body = rec.body.clone();
    body.as_object_mut().unwrap().remove("public_key");
    body["title"]["en"] = json!("Minister of Defence of Iraq");
    let (s, doc) = app
        .call(
            "sec",
            Method::PUT,
            "/api/v1/people/thabet-al-abbasi",
            Some(json!({ "body": body, "version": rec.version })),
        )
        .await;
    assert_eq!(s, 200, "{doc}");
    assert_eq!(doc["body"]["public_key"], rec.body["public_key"], "the key is kept");

    // 3. The secretariat cannot install a key: no challenge, no registration, not even by
    //    calling the store directly (the store asks who the account is).
    let seq = audit_seq(&app).await;
    let (s, _) = register(&app, "sec", "thabet-al-abbasi", &fake_iq).await;
    assert_eq!(s, 403);
    let nonce = app.store.key_challenge("sec").await.unwrap();
    let proof = fake_iq.sign(&tahawul_domain::keys::challenge(
        &case.id,
        &"thabet-al-abbasi".parse_id(),
        &fake_iq.public(),
        &nonce,
    ));
    let e = app.store.register_key("sec", "thabet-al-abbasi", fake_iq.public(), &nonce, proof).await.unwrap_err();
    assert!(e.to_string().contains("delegation head"), "{e}");
    // A head of the other party cannot install one either.
    let (s, doc) = register(&app, "us-head", "thabet-al-abbasi", &fake_iq).await;
    assert_eq!(s, 422, "{doc}");
    assert_eq!(audit_seq(&app).await, seq, "nothing was written");

    // 4. The secretariat cannot sign, through the route or the store.
    let bytes = unbase64(minutes(&app, "sec", "jscd-1").await["canonical_base64"].as_str().unwrap());
    let body = json!({ "key": fake_iq.public().to_string(), "signature": fake_iq.sign(&bytes).to_string() });
    let (s, _) = app.call("sec", Method::POST, "/api/v1/rounds/jscd-1/minutes/signatures", Some(body)).await;
    assert_eq!(s, 403);
    assert!(app.store.sign_minutes("jscd-1", "sec", fake_iq.public(), fake_iq.sign(&bytes)).await.is_err());

    // 5. What the secretariat can still do — rewrite the decision, keeping the signatures — is
    //    seen by everyone: the minutes API, the round's page, the bundle check.
    let now = app.store.get_record(RecordKind::Round, "jscd-1").await.unwrap();
    let mut edited = now.body.clone();
    edited["decisions"][0]["text"]["en"] = forged["decisions"][0]["text"]["en"].clone();
    let (s, doc) = app
        .call("sec", Method::PUT, "/api/v1/rounds/jscd-1", Some(json!({ "body": edited, "version": now.version })))
        .await;
    assert_eq!(s, 200, "{doc}");
    let m = minutes(&app, "iq-head", "jscd-1").await;
    assert_eq!(m["state"], "tampered", "{m}");
    let changed = &m["signatures"][0]["detail"];
    assert!(changed.to_string().contains("decision:"), "the changed part is named: {changed}");
    let us = sign_in(&app, "us-head").await;
    let html = page(&us, &app, "/rounds/jscd-1").await;
    assert!(html.contains(r#"data-state="tampered""#), "the page shows it");
    assert!(!html.contains(r#"data-state="valid""#));
    // The independent check `minutes verify --server` makes: each signature against the key
    // history the server serves, over the bytes it serves.
    let bytes = unbase64(m["canonical_base64"].as_str().unwrap());
    for s in m["signatures"].as_array().unwrap() {
        let key = tahawul_domain::PublicKey::parse(s["key"].as_str().unwrap()).unwrap();
        let sig = tahawul_domain::Signature::parse(s["signature"].as_str().unwrap()).unwrap();
        assert!(!key.verifies(&bytes, &sig), "no signature verifies over the rewritten minutes");
    }
    let problems = export_and_check(&app).await.unwrap_err();
    assert!(problems.iter().any(|p| p == "bundle-minutes-tampered"), "{problems:?}");
}

async fn honest_rotation_keeps_old_signatures_valid(db: Db) {
    let app = spawn_app(db).await;
    let new_key = SecretKey::from_seed([11; 32]);
    let old_key = demo_key("thabet-al-abbasi");

    // The Iraqi head registers a new key from their own account, with proof of possession.
    let (s, doc) = register(&app, "iq-head", "thabet-al-abbasi", &new_key).await;
    assert_eq!(s, 201, "{doc}");
    assert_eq!(doc["body"]["public_key"], new_key.public().to_string());
    // The old key is retired, by them, and kept; JSCD 1's genuine signatures still verify.
    let (_, reg) = app.call("us-head", Method::GET, "/api/v1/keys", None).await;
    let thabet = reg["people"].as_array().unwrap().iter().find(|p| p["person"] == "thabet-al-abbasi").unwrap();
    let history = thabet["history"].as_array().unwrap();
    assert_eq!(history.len(), 2, "{reg}");
    assert_eq!(history[0]["key"], old_key.public().to_string());
    assert_eq!(history[0]["retired_by"], "iq-head");
    assert_eq!(history[1]["added_by"], "iq-head");
    assert_eq!(thabet["fingerprint"], tahawul_domain::keys::fingerprint(&new_key.public()));
    assert_eq!(minutes(&app, "us-head", "jscd-1").await["state"], "verified");
    let audit = app.store.audit_entries(0, 10_000).await.unwrap();
    assert!(audit.iter().any(|e| e.action == "key-register" && e.actor == "iq-head"), "audited");

    // The same proof cannot be replayed; a retired key cannot come back.
    let (s, _) = register(&app, "iq-head", "thabet-al-abbasi", &old_key).await;
    assert_eq!(s, 422);

    // After an agreed change to JSCD 2, the head signs with the new key; the old one is refused.
    let r = app.store.get_record(RecordKind::Round, "jscd-2").await.unwrap();
    let mut body = r.body.clone();
    body["place"]["en"] = json!("Washington, D.C. (Pentagon)");
    let (s, _) = app
        .call("sec", Method::PUT, "/api/v1/rounds/jscd-2", Some(json!({ "body": body, "version": r.version })))
        .await;
    assert_eq!(s, 200);
    assert_eq!(minutes(&app, "iq-head", "jscd-2").await["state"], "tampered");
    let bytes = unbase64(minutes(&app, "iq-head", "jscd-2").await["canonical_base64"].as_str().unwrap());
    let with = |k: &SecretKey| json!({ "key": k.public().to_string(), "signature": k.sign(&bytes).to_string() });
    let (s, doc) =
        app.call("iq-head", Method::POST, "/api/v1/rounds/jscd-2/minutes/signatures", Some(with(&old_key))).await;
    assert_eq!(s, 422, "a retired key signs nothing new: {doc}");
    let (s, doc) =
        app.call("iq-head", Method::POST, "/api/v1/rounds/jscd-2/minutes/signatures", Some(with(&new_key))).await;
    assert_eq!(s, 201, "{doc}");
    assert_eq!(doc["state"], "verified");
    let fp = tahawul_domain::keys::fingerprint(&new_key.public());
    assert_eq!(doc["signatures"][0]["key_fingerprint"], fp, "the signature records its key");

    // The bundle carries the key history: export → check → import round-trips it.
    let case = export_and_check(&app).await.unwrap_or_else(|p| panic!("{p:?}"));
    let p = case.person("thabet-al-abbasi").unwrap();
    assert_eq!(p.keys.len(), 2);
    assert_eq!(p.keys[0].retired_by.as_deref(), Some("iq-head"));
    assert!(p.keys[1].proof.is_some());
    let (fresh, _dir) = fresh_store(db).await;
    fresh.import_case(&case, "restore").await.unwrap();
    let back = fresh.load_case().await.unwrap();
    assert_eq!(back.person("thabet-al-abbasi").unwrap().keys, p.keys);
    let jscd2 = back.round("jscd-2").unwrap();
    assert_eq!(
        tahawul_domain::minutes::check(&back, jscd2).state,
        tahawul_domain::minutes::MinutesState::Verified { heads: 1 }
    );

    // A bundle whose history was doctored (a proof over another key) is refused by check.
    let mut doctored = case.clone();
    let i = doctored.people.iter().position(|p| p.id.as_str() == "thabet-al-abbasi").unwrap();
    doctored.people[i].keys[1].proof = Some(new_key.sign(b"something else"));
    let problems = tahawul_domain::bundle::check(&doctored);
    assert!(problems.iter().any(|d| d.message.id == "keys-bad-history"), "{problems:?}");

    // The secretariat may revoke (never install): the head then signs nothing until they
    // register again, and what was signed before stays valid.
    let (s, doc) =
        app.call("sec", Method::POST, "/api/v1/people/thabet-al-abbasi/keys/retire", Some(json!({ "key": fp }))).await;
    assert_eq!(s, 200, "{doc}");
    assert!(doc["body"]["public_key"].is_null());
    assert_eq!(minutes(&app, "us-head", "jscd-1").await["state"], "verified");
    assert_eq!(minutes(&app, "us-head", "jscd-2").await["state"], "verified");
}

/// A second store on the same backend, empty (for a restore).
async fn fresh_store(db: Db) -> (tahawul_web::AnyStore, Option<tempfile::TempDir>) {
    match db {
        Db::Sqlite => {
            let dir = tempfile::tempdir().unwrap();
            let s = tahawul_store::SqliteStore::open(&dir.path().join("r.db"), helpers::options()).await.unwrap();
            (tahawul_web::AnyStore::Sqlite(s), Some(dir))
        }
        Db::Postgres => (tahawul_web::AnyStore::Postgres(helpers::postgres_store().await), None),
    }
}

const ID: &str = "threat-kurdistan-region-2026q4";

async fn agreed_assessments_refuse_edits(db: Db) {
    let app = spawn_app(db).await;
    let body = json!({
        "id": ID, "factor": "threat", "area": "kurdistan-region", "cycle": "2026-Q4", "rating": "met",
        "narrative": { "en": "Attacks stayed below three a month.", "ar": "بقيت الهجمات دون ثلاث شهريًا." },
        "state": "draft", "illustrative": true, "evidence": ["figures"],
    });
    let (s, doc) = app.call("wg-threat", Method::POST, "/api/v1/assessments", Some(json!({ "body": body }))).await;
    assert_eq!(s, 201, "{doc}");
    let (s, doc) = app
        .call("wg-threat", Method::POST, &format!("/api/v1/assessments/{ID}/submit"), Some(json!({ "version": 1 })))
        .await;
    assert_eq!(s, 200, "{doc}");

    let put = |user: &'static str, version: i64, narrative: &'static str| {
        let mut b = body.clone();
        b["narrative"]["en"] = json!(narrative);
        b["state"] = json!("submitted");
        (user, version, b)
    };
    // Submitted: no one edits it, in any language; the audit head does not move.
    for (user, version, b) in
        [put("wg-threat", 2, "Rewritten after submission."), put("sec", 2, "Rewritten by the secretariat.")]
    {
        let seq = audit_seq(&app).await;
        let (s, doc) = call_ar(
            &app,
            user,
            Method::PUT,
            &format!("/api/v1/assessments/{ID}"),
            json!({ "body": b, "version": version }),
        )
        .await;
        assert!(s == 422 || s == 403, "{user}: {s} {doc}");
        assert_eq!(doc["type"].as_str().map(|t| t.starts_with("/problems/")), Some(true), "{doc}");
        assert!(has_arabic(doc["title"].as_str().unwrap_or("")), "localized: {doc}");
        assert_eq!(audit_seq(&app).await, seq, "{user}");
    }

    // Endorsed by both heads: final, for everyone who could write it before.
    for (head, v) in [("us-head", 2), ("iq-head", 3)] {
        let (s, doc) = app
            .call(head, Method::POST, &format!("/api/v1/assessments/{ID}/endorse"), Some(json!({ "version": v })))
            .await;
        assert_eq!(s, 200, "{doc}");
    }
    let stored = app.store.get_record(RecordKind::Assessment, ID).await.unwrap();
    assert_eq!(stored.body["state"], "endorsed");
    let steps = app.store.assessment_history(ID).await.unwrap().len();
    for user in ["wg-threat", "sec", "us-head"] {
        let mut b = stored.body.clone();
        b["rating"] = json!("not-met");
        b["narrative"]["en"] = json!("Quietly changed after endorsement.");
        let seq = audit_seq(&app).await;
        let (s, doc) = call_ar(
            &app,
            user,
            Method::PUT,
            &format!("/api/v1/assessments/{ID}"),
            json!({ "body": b, "version": stored.version }),
        )
        .await;
        assert!(s == 422 || s == 403, "{user}: {s} {doc}");
        assert_eq!(audit_seq(&app).await, seq, "{user}");
    }
    let (s, doc) = app
        .call(
            "sec",
            Method::PUT,
            &format!("/api/v1/assessments/{ID}"),
            Some(json!({ "body": { "rating": "x" }, "version": stored.version })),
        )
        .await;
    assert!((400..500).contains(&s), "{doc}");
    let (s, doc) = app
        .as_user("sec", Method::DELETE, &format!("/api/v1/assessments/{ID}"))
        .header("if-match", stored.version.to_string())
        .send()
        .await
        .map(|r| (r.status().as_u16(), ()))
        .unwrap();
    assert_eq!(s, 422, "{doc:?}");
    // Through the store itself, as any path would reach it.
    let mut b = stored.body.clone();
    b["narrative"]["en"] = json!("Straight into the store.");
    let w = tahawul_store::RecordWrite {
        kind: RecordKind::Assessment,
        id: ID.into(),
        body: b,
        owner_party: stored.owner_party.clone(),
        shared: true,
        releasable: false,
    };
    assert!(app.store.put_record(w, Some(stored.version), "setup").await.is_err());

    // The page path refuses too.
    let wg = sign_in(&app, "wg-threat").await;
    let here = format!("/assessments/{ID}");
    let html = page(&wg, &app, &here).await;
    let csrf = csrf_of(&html);
    let res = wg
        .post(app.url(&format!("{here}/edit")))
        .form(&[
            ("csrf", csrf.as_str()),
            ("factor", "threat"),
            ("area", "kurdistan-region"),
            ("cycle", "2026-Q4"),
            ("rating", "not-met"),
            ("narrative_en", "Changed through the form."),
            ("narrative_ar", "غُيّر عبر النموذج."),
            ("evidence", "figures"),
            ("version", &stored.version.to_string()),
        ])
        .send()
        .await
        .unwrap();
    assert!(res.status().is_client_error(), "{}", res.status());
    let after = app.store.get_record(RecordKind::Assessment, ID).await.unwrap();
    assert_eq!(after.body, stored.body, "nothing changed");
    assert_eq!(after.version, stored.version);
    assert_eq!(app.store.assessment_history(ID).await.unwrap().len(), steps);
}

async fn one_account_never_acts_for_both_parties(db: Db) {
    let app = spawn_app(db).await;
    // A head account needs its one party.
    let (s, doc) = app
        .call(
            "sec",
            Method::POST,
            "/api/v1/users",
            Some(json!({ "name": "both-heads", "display_name": "Both", "role": "delegation-head", "password": PASSWORD })),
        )
        .await;
    assert_eq!(s, 422, "{doc}");
    // A head speaks only for their own party: keys, signatures.
    let k = SecretKey::from_seed([5; 32]);
    let (s, _) = register(&app, "us-head", "thabet-al-abbasi", &k).await;
    assert_eq!(s, 422);
    let (s, _) = register(&app, "iq-head", "celeste-wallander", &k).await;
    assert_eq!(s, 422);
    // Endorsing: one endorsement per party; the US head cannot endorse a second time for Iraq.
    let body = json!({
        "id": ID, "factor": "threat", "area": "kurdistan-region", "cycle": "2026-Q4", "rating": "met",
        "narrative": { "en": "Below three a month.", "ar": "دون ثلاث شهريًا." },
        "state": "draft", "illustrative": true, "evidence": ["figures"],
    });
    app.call("wg-threat", Method::POST, "/api/v1/assessments", Some(json!({ "body": body }))).await;
    app.call("wg-threat", Method::POST, &format!("/api/v1/assessments/{ID}/submit"), Some(json!({ "version": 1 })))
        .await;
    let (s, _) = app
        .call("us-head", Method::POST, &format!("/api/v1/assessments/{ID}/endorse"), Some(json!({ "version": 2 })))
        .await;
    assert_eq!(s, 200);
    let (s, _) = app
        .call("us-head", Method::POST, &format!("/api/v1/assessments/{ID}/endorse"), Some(json!({ "version": 3 })))
        .await;
    assert_eq!(s, 422);
    assert_eq!(app.store.get_record(RecordKind::Assessment, ID).await.unwrap().body["state"], "submitted");

    // A head account made by the secretariat is seen by the other delegation's head.
    let (s, _) = app
        .call(
            "sec",
            Method::POST,
            "/api/v1/users",
            Some(json!({ "name": "iq-head-2", "display_name": "Second Iraqi head", "role": "delegation-head", "party": "iq", "password": PASSWORD })),
        )
        .await;
    assert_eq!(s, 201);
    let (s, reg) = app.call("us-head", Method::GET, "/api/v1/keys", None).await;
    assert_eq!(s, 200);
    let accounts: Vec<&str> =
        reg["head_accounts"].as_array().unwrap().iter().map(|a| a["name"].as_str().unwrap()).collect();
    assert!(accounts.contains(&"iq-head-2") && accounts.contains(&"iq-head"), "{reg}");
    let us = sign_in(&app, "us-head").await;
    let html = page(&us, &app, "/rounds").await;
    assert!(html.contains("iq-head-2"), "the rounds page lists head accounts");
    let (s, _) = app.call("partner", Method::GET, "/api/v1/keys", None).await;
    assert_eq!(s, 403);
}

async fn a_commitment_added_to_a_signed_round_is_an_addendum(db: Db) {
    let app = spawn_app(db).await;
    let body = json!({
        "id": "iq-late-addition", "parties": ["iq", "us"], "theme": "force-protection", "round": "jscd-1",
        "text": { "en": "Added long after the round.", "ar": "أضيف بعد الجولة بزمن." },
        "due": null, "status": 0, "status_note": { "en": "", "ar": "" }, "illustrative": true,
        "evidence": [], "sources": [],
    });
    let (s, doc) =
        app.call("iq-head", Method::POST, "/api/v1/commitments", Some(json!({ "body": body, "shared": true }))).await;
    assert_eq!(s, 201, "{doc}");
    assert_eq!(doc["body"]["addendum"], true, "{doc}");
    // The signed minutes are untouched, for both sides.
    for who in ["us-head", "iq-head"] {
        assert_eq!(minutes(&app, who, "jscd-1").await["state"], "verified", "{who}");
    }
    let case = export_and_check(&app).await.unwrap_or_else(|p| panic!("{p:?}"));
    assert!(case.commitments.iter().any(|c| c.id.as_str() == "iq-late-addition" && c.addendum));
    // An addendum cannot be turned into part of the signed minutes by an edit.
    let rec = app.store.get_record(RecordKind::Commitment, "iq-late-addition").await.unwrap();
    let mut b = rec.body.clone();
    b["addendum"] = json!(false);
    let (s, doc) = app
        .call(
            "iq-head",
            Method::PUT,
            "/api/v1/commitments/iq-late-addition",
            Some(json!({ "body": b, "version": rec.version })),
        )
        .await;
    assert_eq!(s, 200, "{doc}");
    assert_eq!(doc["body"]["addendum"], true);
    assert_eq!(minutes(&app, "us-head", "jscd-1").await["state"], "verified");

    // What signed minutes hold is kept: neither a covered commitment nor the round is deleted.
    for (path, kind, id) in [
        ("/api/v1/commitments/r1-protect-personnel", RecordKind::Commitment, "r1-protect-personnel"),
        ("/api/v1/rounds/jscd-1", RecordKind::Round, "jscd-1"),
    ] {
        let v = app.version(kind, id).await;
        let res = app.as_user("sec", Method::DELETE, path).header("if-match", v.to_string()).send().await.unwrap();
        assert_eq!(res.status().as_u16(), 422, "{path}");
    }
}

trait ParseId {
    fn parse_id(&self) -> tahawul_domain::Id;
}

impl ParseId for str {
    fn parse_id(&self) -> tahawul_domain::Id {
        tahawul_domain::Id::parse(self).unwrap()
    }
}

both!(
    forged_minutes_attack_fails_at_every_step,
    honest_rotation_keeps_old_signatures_valid,
    agreed_assessments_refuse_edits,
    one_account_never_acts_for_both_parties,
    a_commitment_added_to_a_signed_round_is_an_addendum
);
