//! The generated access matrix: every route of the OpenAPI document × every role × every record
//! state, with the expected answer computed by [`policy`] — the table of `docs/api.md` written
//! out again here, on purpose *not* by calling `access.rs`. Every row also checks the audit log:
//! an allowed write leaves entries by that user, anything else leaves none. At the end, the set
//! of (method, route) the rows exercised must equal the OpenAPI document's, so a new route
//! without matrix rows fails the test.

use std::collections::BTreeSet;

use reqwest::Method;
use serde_json::{Value, json};
use tahawul_store::{ObservationFilter, RecordKind, RecordWrite, prelude::*};

use crate::helpers::{PASSWORD, TestApp};

mod record;

pub const ROLES: [&str; 6] = ["sec", "us-head", "us-member", "wg-threat", "partner", "auditor"];

/// The probe states: (id, owning party, shared, releasable). `us` is the party of the head,
/// the member and the threat working group; `iq` is the other delegation.
pub const STATES: [(&str, Option<&str>, bool, bool); 4] = [
    ("us-draft", Some("us"), false, false),
    ("iq-draft", Some("iq"), false, false),
    ("shared", None, true, false),
    ("released", None, true, true),
];

/// Every kind of record the API serves, with its URL segment.
pub const KINDS: [(RecordKind, &str); 14] = [
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

/// The policy of `docs/api.md`, independently of the implementation.
pub mod policy {
    /// The access table's columns: who reads a record in each state.
    pub fn reads(role: &str, state: &str) -> bool {
        match role {
            "sec" | "auditor" => true,
            "partner" => state == "released",
            // Heads, members and the working group (all of party `us`): their own drafts and
            // anything shared; never the other delegation's drafts.
            _ => state != "iq-draft",
        }
    }

    /// The kinds a delegation drafts ("documents, commitments, rounds, assessments").
    fn delegation_kind(kind: &str) -> bool {
        matches!(kind, "documents" | "commitments" | "rounds" | "assessments")
    }

    /// May create a record of this kind. (The probe assessments are of the threat factor.)
    pub fn creates(role: &str, kind: &str) -> bool {
        match role {
            "sec" => true,
            "us-head" | "us-member" => delegation_kind(kind),
            "wg-threat" => kind == "assessments",
            _ => false,
        }
    }

    /// May replace (and delete, and submit) this probe: the secretariat anything; a delegation
    /// its own drafts of its kinds; the working group its factor's assessments of its party.
    pub fn writes(role: &str, kind: &str, state: &str) -> bool {
        match role {
            "sec" => true,
            "us-head" | "us-member" => delegation_kind(kind) && state == "us-draft",
            "wg-threat" => kind == "assessments" && state == "us-draft",
            _ => false,
        }
    }

    /// Roles that write nothing at all ("a handler serving a coalition partner or an auditor
    /// gets no writer and answers 403").
    pub fn writes_nothing(role: &str) -> bool {
        matches!(role, "partner" | "auditor")
    }

    /// The answer to a write: `ok` if allowed; else 403 for roles without any write, 404 for a
    /// hidden record (existence does not leak), 403 for a visible one.
    pub fn write_status(role: &str, state: &str, allowed: bool, ok: u16) -> u16 {
        step_status(!writes_nothing(role), role, state, allowed, ok)
    }

    /// The same for any step: a role that never has the capability gets 403 whatever the
    /// record (so that says nothing about it either).
    pub fn step_status(capable: bool, role: &str, state: &str, allowed: bool, ok: u16) -> u16 {
        if allowed {
            ok
        } else if !capable || reads(role, state) {
            403
        } else {
            404
        }
    }

    /// Endorsing and returning assessments: delegation heads.
    pub fn endorses(role: &str) -> bool {
        role == "us-head"
    }

    /// Reads of the user list and the audit log.
    pub fn reads_admin(role: &str) -> bool {
        matches!(role, "sec" | "auditor")
    }

    /// The audit log's signed checkpoints and consistency proofs: everyone who keeps the
    /// record or audits it, both delegations included (hashes only, never a record).
    pub fn checks_log(role: &str) -> bool {
        matches!(role, "sec" | "auditor" | "us-head" | "us-member")
    }

    /// Observation writes for a factor.
    pub fn writes_observations(role: &str, factor: &str) -> bool {
        role == "sec" || (role == "wg-threat" && factor == "threat")
    }
}

/// What a row expects.
#[derive(Clone, Copy, Debug)]
enum Want {
    /// Exactly this status; 2xx must leave audit entries by the caller when `audited`.
    Status(u16, bool),
    /// Access lets it through; the workflow's own rules decide (not 401/403/404/5xx). Audit
    /// entries iff 2xx.
    PastAccess,
}

pub struct Matrix<'a> {
    app: &'a TestApp,
    head: u64,
    pub seen: BTreeSet<(String, String)>,
    pub rows: usize,
}

impl<'a> Matrix<'a> {
    pub async fn new(app: &'a TestApp) -> Self {
        let mut m = Matrix { app, head: 0, seen: BTreeSet::new(), rows: 0 };
        m.sync().await;
        m
    }

    async fn sync(&mut self) {
        if let Some(e) = self.app.store.audit_entries(self.head, 1_000_000).await.unwrap().last() {
            self.head = e.seq;
        }
    }

    /// One row: the request, its status, and the audit log's change.
    async fn row(
        &mut self,
        role: &str,
        method: Method,
        route: &str,
        path: &str,
        body: Option<Value>,
        want: Want,
    ) -> (u16, Value) {
        self.seen.insert((method.as_str().to_string(), route.to_string()));
        self.rows += 1;
        let (s, v) = self.app.call(role, method.clone(), path, body).await;
        let what = format!("{role} {method} {path}");
        let (ok, audited) = match want {
            Want::Status(w, audited) => {
                assert_eq!(s, w, "{what}: {v}");
                ((200..300).contains(&w), audited)
            }
            Want::PastAccess => {
                assert!(!matches!(s, 401 | 403 | 404) && s < 500, "{what} should pass access: {s} {v}");
                ((200..300).contains(&s), true)
            }
        };
        let new = self.app.store.audit_entries(self.head, 1_000_000).await.unwrap();
        if ok && audited {
            assert!(!new.is_empty(), "{what}: an allowed write leaves an audit entry");
            assert!(new.iter().all(|e| e.actor == role), "{what}: audit entries by {role}: {new:?}");
        } else {
            assert!(new.is_empty(), "{what} ({s}) wrote nothing: {new:?}");
        }
        if let Some(e) = new.last() {
            self.head = e.seq;
        }
        (s, v)
    }

    /// (Re)creates a probe as it was, through the store (set-up, not a row).
    async fn seed(
        &mut self,
        kind: RecordKind,
        id: &str,
        owner: Option<&str>,
        shared: bool,
        releasable: bool,
        body: &Value,
    ) {
        let rid = record_id(kind, id);
        if let Ok(mut r) = self.app.store.get_record(kind, &rid).await {
            // A submitted assessment changes only through the workflow (issue 12): the set-up
            // returns it before deleting it.
            if kind == RecordKind::Assessment && r.body["state"] == json!("submitted") {
                let back = tahawul_store::WorkflowAction::Return {
                    party: "iq".into(),
                    reasons: tahawul_domain::Text::new("matrix set-up", "إعداد المصفوفة"),
                };
                r = self.app.store.assessment_step(&rid, back, r.version, "setup").await.unwrap();
            }
            self.app.store.delete_record(kind, &rid, r.version, "setup").await.unwrap();
        }
        let mut body = body.clone();
        body["id"] = json!(id);
        let write = RecordWrite { kind, id: rid, body, owner_party: owner.map(str::to_string), shared, releasable };
        self.app.store.put_record(write, None, "setup").await.unwrap_or_else(|e| panic!("seeding {kind} {id}: {e}"));
        self.sync().await;
    }
}

/// Replaces a record's body through the store, as the secretariat's setup.
async fn put_body(app: &TestApp, kind: RecordKind, id: &str, edit: impl FnOnce(&mut Value)) {
    let r = app.store.get_record(kind, id).await.unwrap();
    let mut body = r.body.clone();
    edit(&mut body);
    let write = RecordWrite {
        kind,
        id: id.into(),
        body,
        owner_party: r.owner_party.clone(),
        shared: r.shared,
        releasable: r.releasable,
    };
    app.store.put_record(write, Some(r.version), "setup").await.unwrap_or_else(|e| panic!("setup {kind} {id}: {e}"));
}

fn res_status(p: &Value) -> u16 {
    p["status"].as_u64().unwrap_or(0) as u16
}

fn record_id(kind: RecordKind, id: &str) -> String {
    if kind == RecordKind::Indicator { format!("threat.{id}") } else { id.to_string() }
}

/// A body to copy for probes of a kind: threat indicators and threat assessments (as drafts),
/// so the working group's factor rules apply.
async fn template(app: &TestApp, kind: RecordKind) -> Value {
    let all = app.store.list_records(kind).await.unwrap();
    let r = match kind {
        RecordKind::Indicator | RecordKind::Assessment => {
            all.into_iter().find(|r| r.body["factor"] == json!("threat")).unwrap()
        }
        _ => all.into_iter().next().unwrap_or_else(|| panic!("the founding case has a {kind}")),
    };
    let mut body = r.body;
    if kind == RecordKind::Assessment {
        body["state"] = json!("draft");
    }
    // A new record never carries keys or signatures: those come only from a head registering
    // or signing (issue 12).
    if let Some(m) = body.as_object_mut() {
        match kind {
            RecordKind::Person => {
                m.remove("public_key");
                m.remove("keys");
            }
            RecordKind::Round => {
                m.remove("signatures");
            }
            // A head belongs to the party they head: a new party starts without one.
            RecordKind::Party => {
                m.remove("head");
            }
            // A factor's condition reads its own indicators: a new factor has none yet.
            RecordKind::Factor => {
                m.remove("condition");
            }
            _ => {}
        }
    }
    body
}

pub async fn run(app: &TestApp) {
    let mut m = Matrix::new(app).await;
    let templates: Vec<Value> = {
        let mut v = vec![];
        for (kind, _) in KINDS {
            v.push(template(app, kind).await);
        }
        v
    };
    for (i, (kind, _)) in KINDS.iter().enumerate() {
        for (id, owner, shared, rel) in STATES {
            m.seed(*kind, id, owner, shared, rel, &templates[i]).await;
        }
    }
    // Figures on the probe indicators: observations follow their indicator's record.
    let mut o = {
        let o = app
            .store
            .list_observations(&ObservationFilter { factor: Some("threat".into()), ..Default::default() })
            .await
            .unwrap()
            .remove(0);
        serde_json::to_value(o.observation).unwrap()
    };
    let real_indicator = o["indicator"].as_str().unwrap().to_string();
    let probe_obs: Vec<Value> = STATES
        .iter()
        .map(|(id, ..)| {
            o["indicator"] = json!(id);
            o.clone()
        })
        .collect();
    app.store.insert_observations(&serde_json::from_value::<Vec<_>>(json!(probe_obs)).unwrap(), "setup").await.unwrap();
    // An import definition on a real monthly threat indicator, and Iraq's places (issue 15).
    put_body(app, RecordKind::Area, "iraq", |b| b["places"] = json!(["IQ"])).await;
    put_body(app, RecordKind::Indicator, "threat.ucdp_state_based_deaths", |b| {
        b["imports"] = json!([{ "id": "matrix-ged", "dataset": "ucdp-ged", "publisher": "ucdp", "method": "ucdp-ged-best", "measure": "best-deaths", "type_of_violence": [1] }])
    })
    .await;
    // Users to disable and another user's token to try to revoke.
    for role in ROLES {
        let user = tahawul_store::NewUser {
            name: format!("victim-{role}"),
            display_name: "v".into(),
            role: tahawul_store::Role::Auditor,
            party: None,
            factor: None,
            password: PASSWORD.into(),
        };
        app.store.create_user(user, "setup").await.unwrap();
    }
    let (foreign, _) = app.store.create_token("iq-head", "not yours", "setup").await.unwrap();
    m.sync().await;

    for role in ROLES {
        // ---- Records: list, get, put, delete per state; create per kind.
        for (ki, (kind, seg)) in KINDS.iter().enumerate() {
            let (list_route, one_route) = (format!("/api/v1/{seg}"), format!("/api/v1/{seg}/{{id}}"));
            let (_, list) = m.row(role, Method::GET, &list_route, &list_route, None, Want::Status(200, false)).await;
            let ids: Vec<&str> = list.as_array().unwrap().iter().map(|r| r["id"].as_str().unwrap()).collect();
            for (state, owner, shared, rel) in STATES {
                let rid = record_id(*kind, state);
                assert_eq!(ids.contains(&rid.as_str()), policy::reads(role, state), "{role} lists {seg} {state}?");
                let path = format!("{list_route}/{rid}");
                let (_, got) = m
                    .row(
                        role,
                        Method::GET,
                        &one_route,
                        &path,
                        None,
                        Want::Status(if policy::reads(role, state) { 200 } else { 404 }, false),
                    )
                    .await;
                if policy::reads(role, state) {
                    assert_eq!(got["id"], json!(rid));
                } else {
                    // Hidden reads exactly as missing: the same problem, word for word.
                    let missing = record_id(*kind, "no-such");
                    let (s, nothing) = app.call(role, Method::GET, &format!("{list_route}/{missing}"), None).await;
                    assert_eq!(
                        (s, got.to_string().replace(&rid, "ID")),
                        (404, nothing.to_string().replace(&missing, "ID")),
                        "{role} GET hidden {seg} {state} reads as missing"
                    );
                }
                let current = app.store.get_record(*kind, &rid).await.unwrap();
                let allowed = policy::writes(role, seg, state);
                let want = policy::write_status(role, state, allowed, 200);
                m.row(
                    role,
                    Method::PUT,
                    &one_route,
                    &path,
                    Some(json!({ "body": current.body, "version": current.version })),
                    Want::Status(want, true),
                )
                .await;
                let v = app.version(*kind, &rid).await;
                // A probe indicator carries observations, and a record in use is never deleted
                // (issue 12): past access, the rulebook refuses it (422) and it stays.
                let in_use = *kind == RecordKind::Indicator;
                let want = policy::write_status(role, state, allowed, if in_use { 422 } else { 204 });
                m.row(role, Method::DELETE, &one_route, &format!("{path}?version={v}"), None, Want::Status(want, true))
                    .await;
                if allowed && !in_use {
                    m.seed(*kind, state, owner, shared, rel, &templates[ki]).await;
                }
            }
            let mut body = templates[ki].clone();
            body["id"] = json!(format!("new-{role}"));
            let want = if policy::creates(role, seg) { 201 } else { 403 };
            let (_, created) = m
                .row(
                    role,
                    Method::POST,
                    &list_route,
                    &list_route,
                    Some(json!({ "body": body })),
                    Want::Status(want, true),
                )
                .await;
            if want == 201 && role != "sec" {
                assert_eq!(
                    (&created["owner_party"], &created["shared"], &created["releasable"]),
                    (&json!("us"), &json!(false), &json!(false)),
                    "{role} creates {seg} as a draft of its delegation"
                );
            }
        }
        // Creating over a hidden record's id.
        if policy::creates(role, "documents") {
            for (state, ..) in STATES {
                if !policy::reads(role, state) {
                    let mut body = templates[KINDS.iter().position(|k| k.1 == "documents").unwrap()].clone();
                    body["id"] = json!(state);
                    // The id is taken (one namespace), but nothing more is told: no version.
                    let (_, p) = m
                        .row(
                            role,
                            Method::POST,
                            "/api/v1/documents",
                            "/api/v1/documents",
                            Some(json!({ "body": body })),
                            Want::Status(409, true),
                        )
                        .await;
                    assert_eq!(p["current_version"], Value::Null, "{role} creating over hidden {state}: {p}");
                }
            }
        }
        // An assessment of another factor: not the threat working group's to write.
        {
            let mut body = app
                .store
                .list_records(RecordKind::Assessment)
                .await
                .unwrap()
                .into_iter()
                .find(|r| r.body["factor"] == json!("capability"))
                .unwrap()
                .body;
            body["id"] = json!(format!("capability-{role}"));
            body["state"] = json!("draft");
            let want = if policy::creates(role, "assessments") && role != "wg-threat" { 201 } else { 403 };
            m.row(
                role,
                Method::POST,
                "/api/v1/assessments",
                "/api/v1/assessments",
                Some(json!({ "body": body })),
                Want::Status(want, true),
            )
            .await;
        }
        // Flags: sharing is for heads (and the secretariat), releasing for the secretariat.
        let mut body = templates[KINDS.iter().position(|k| k.1 == "documents").unwrap()].clone();
        for (flag, allowed) in [("shared", matches!(role, "sec" | "us-head")), ("releasable", role == "sec")] {
            body["id"] = json!(format!("flag-{flag}-{role}"));
            m.row(
                role,
                Method::POST,
                "/api/v1/documents",
                "/api/v1/documents",
                Some(json!({ "body": body, flag: true })),
                Want::Status(if allowed { 201 } else { 403 }, true),
            )
            .await;
            let r = app.store.get_record(RecordKind::Document, "us-draft").await.unwrap();
            // On their own draft: a member may not share, no delegation may release.
            let want = if policy::writes(role, "documents", "us-draft") {
                if allowed { 200 } else { 403 }
            } else {
                policy::write_status(role, "us-draft", false, 0)
            };
            m.row(
                role,
                Method::PUT,
                "/api/v1/documents/{id}",
                "/api/v1/documents/us-draft",
                Some(json!({ "body": r.body, "version": r.version, flag: true })),
                Want::Status(want, true),
            )
            .await;
            if want == 200 {
                m.seed(
                    RecordKind::Document,
                    "us-draft",
                    Some("us"),
                    false,
                    false,
                    &templates[KINDS.iter().position(|k| k.1 == "documents").unwrap()],
                )
                .await;
            }
        }

        // ---- The case, roll-ups, gates and forecasts run on what the role sees.
        let (_, case) = m.row(role, Method::GET, "/api/v1/case", "/api/v1/case", None, Want::Status(200, false)).await;
        assert!(case["name"].is_object() || case["name"].is_string(), "{role}: the case's name is visible to everyone");
        for (_, seg) in KINDS {
            if let Some(c) = case["counts"].get(seg) {
                let n = app.call(role, Method::GET, &format!("/api/v1/{seg}"), None).await.1.as_array().unwrap().len();
                assert_eq!(c, &json!(n), "{role}: the case counts the {seg} the list shows");
            }
        }
        for path in [
            "/api/v1/status?as_of=2026-11-23",
            "/api/v1/gates?as_of=2026-11-23",
            "/api/v1/forecast?paths=50&horizon=24&as_of=2026-11-23",
        ] {
            let route = path.split('?').next().unwrap();
            let (_, body) = m.row(role, Method::GET, route, path, None, Want::Status(200, false)).await;
            let text = body.to_string();
            for (state, ..) in STATES {
                if !policy::reads(role, state) {
                    assert!(
                        !text.contains(&format!("threat.{state}\"")) && !text.contains(&format!("\"{state}\"")),
                        "{role} {route} names hidden {state}"
                    );
                }
            }
        }
        // A scenario the role cannot see is as unknown as one that does not exist.
        for (state, ..) in STATES {
            let want = if policy::reads(role, state) { 200 } else { 422 };
            let path = format!("/api/v1/forecast?paths=20&horizon=12&as_of=2026-11-23&scenario={state}");
            let (_, f) = m.row(role, Method::GET, "/api/v1/forecast", &path, None, Want::Status(want, false)).await;
            if want == 422 {
                let (_, none) = app.call(role, Method::GET, &path.replace(state, "no-such"), None).await;
                assert_eq!(
                    f.to_string().replace(state, "X"),
                    none.to_string().replace("no-such", "X"),
                    "{role}: hidden scenario {state} reads as missing"
                );
            }
        }
        let all_obs = app.call(role, Method::GET, "/api/v1/observations", None).await.1.as_array().unwrap().len();
        assert_eq!(
            case["counts"]["observations"],
            json!(all_obs),
            "{role}: the case counts the observations the list shows"
        );
        // Gate text naming each probe indicator: checked only against what the role sees.
        for (state, ..) in STATES {
            let want = if policy::reads(role, state) { 200 } else { 422 };
            m.row(
                role,
                Method::POST,
                "/api/v1/gates/check",
                "/api/v1/gates/check",
                Some(json!({ "gate": format!("threat.{state} <= 15") })),
                Want::Status(want, false),
            )
            .await;
        }

        // ---- Intake (issue 16): the drafting roles read a text into proposals, which match
        // only the records the role sees; partners, working groups and auditors may not. It
        // writes nothing. The text is the probe commitments' own (their template's) words.
        let ci = KINDS.iter().position(|(k, _)| *k == RecordKind::Commitment).unwrap();
        for (id, owner, shared, rel) in STATES {
            m.seed(RecordKind::Commitment, id, owner, shared, rel, &templates[ci]).await;
        }
        let words = templates[ci]["text"]["ar"].as_str().unwrap().to_string();
        let drafts = matches!(role, "sec" | "us-head" | "us-member");
        let (_, rep) = m
            .row(
                role,
                Method::POST,
                "/api/v1/intake",
                "/api/v1/intake",
                Some(json!({ "text": words })),
                Want::Status(if drafts { 200 } else { 403 }, false),
            )
            .await;
        if drafts {
            let matched: BTreeSet<&str> = rep["proposals"]
                .as_array()
                .unwrap()
                .iter()
                .flat_map(|p| p["matches"].as_array().unwrap().iter().filter_map(Value::as_str))
                .collect();
            for (state, ..) in STATES {
                assert_eq!(
                    matched.contains(state),
                    policy::reads(role, state),
                    "{role}: intake matches the {state} commitment? {matched:?}"
                );
            }
        }

        // ---- Review, then accept (issue 16 item 4): heads and members submit texts and read
        // their own; the secretariat reads all and accepts or rejects; partners, working
        // groups and auditors none of it. A text the secretariat submitted (set-up) is another's
        // to heads and members: 404, as a missing one.
        let (s, theirs) = app.call("sec", Method::POST, "/api/v1/intakes", Some(json!({ "text": words }))).await;
        assert_eq!(s, 201, "{theirs}");
        m.sync().await;
        let theirs = theirs["id"].as_i64().unwrap();
        let want = if drafts { 201 } else { 403 };
        let path = "/api/v1/intakes";
        m.row(role, Method::POST, path, path, Some(json!({ "text": words })), Want::Status(want, true)).await;
        m.row(role, Method::GET, path, path, None, Want::Status(if drafts { 200 } else { 403 }, false)).await;
        let one = format!("/api/v1/intakes/{theirs}");
        let want = match role {
            "sec" => 200,
            "us-head" | "us-member" => 404,
            _ => 403,
        };
        m.row(role, Method::GET, "/api/v1/intakes/{id}", &one, None, Want::Status(want, false)).await;
        let reviews = |w: u16| if role == "sec" { Want::PastAccess } else { Want::Status(w, true) };
        m.row(
            role,
            Method::POST,
            "/api/v1/intakes/{id}/accept",
            &format!("{one}/accept"),
            Some(json!({ "proposals": [{ "index": 0 }] })),
            reviews(403),
        )
        .await;
        m.row(
            role,
            Method::POST,
            "/api/v1/intakes/{id}/reject",
            &format!("{one}/reject"),
            Some(json!({ "proposals": [0], "reason": "matrix" })),
            reviews(403),
        )
        .await;

        // ---- Observations: figures follow their indicator; writes by factor.
        let (_, obs) = m
            .row(
                role,
                Method::GET,
                "/api/v1/observations",
                "/api/v1/observations?factor=threat",
                None,
                Want::Status(200, false),
            )
            .await;
        let seen_ind: BTreeSet<String> = obs
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o["observation"]["indicator"].as_str().unwrap().to_string())
            .collect();
        for (state, ..) in STATES {
            assert_eq!(
                seen_ind.contains(state),
                policy::reads(role, state),
                "{role} sees the figures of the {state} indicator?"
            );
        }
        assert_eq!(
            seen_ind.contains(&real_indicator),
            role != "partner",
            "{role}: unreleased founding indicators' figures"
        );
        for factor in ["threat", "capability"] {
            let o = app
                .store
                .list_observations(&ObservationFilter { factor: Some(factor.into()), ..Default::default() })
                .await
                .unwrap()
                .remove(0);
            let want = if policy::writes_observations(role, factor) { 201 } else { 403 };
            m.row(
                role,
                Method::POST,
                "/api/v1/observations",
                "/api/v1/observations",
                Some(json!({ "observations": [o.observation] })),
                Want::Status(want, true),
            )
            .await;
        }
        // Figures for each probe indicator: a writer of the factor who cannot see the indicator
        // is answered as for an indicator that does not exist (no existence leak, no write).
        for (state, ..) in STATES {
            let mut o = probe_obs[0].clone();
            o["indicator"] = json!(state);
            let path = "/api/v1/observations";
            let (s, got) = if !policy::writes_observations(role, "threat") {
                m.row(role, Method::POST, path, path, Some(json!({ "observations": [o] })), Want::Status(403, true))
                    .await
            } else if policy::reads(role, state) {
                m.row(role, Method::POST, path, path, Some(json!({ "observations": [o] })), Want::Status(201, true))
                    .await
            } else {
                let mut none = o.clone();
                none["indicator"] = json!("no-such");
                let (s_none, nothing) =
                    app.call(role, Method::POST, path, Some(json!({ "observations": [none] }))).await;
                assert!((400..500).contains(&s_none), "an unknown indicator is refused: {s_none} {nothing}");
                let (s, got) = m
                    .row(
                        role,
                        Method::POST,
                        path,
                        path,
                        Some(json!({ "observations": [o] })),
                        Want::Status(s_none, true),
                    )
                    .await;
                assert_eq!(
                    got.to_string().replace(state, "X"),
                    nothing.to_string().replace("no-such", "X"),
                    "{role}: figures for hidden indicator {state} answered as for a missing one"
                );
                (s, got)
            };
            let _ = (s, got);
        }
        {
            let header = "indicator,area,period,value,scale_version,publisher,method,as_of,confidence,illustrative,document,note";
            let good = "threat.incidents_per_year,iraq,2031,10,,gtd,gtd-all-terrorism,2032-01-01,high,false,figures,";
            m.seen.insert(("POST".into(), "/api/v1/observations/csv".into()));
            m.rows += 1;
            if policy::writes_observations(role, "threat") && !policy::reads(role, "iq-draft") {
                // A hidden indicator in CSV is answered line by line as a missing one.
                let mut answers = vec![];
                for ind in ["iq-draft", "no-such"] {
                    let row = good.replace("incidents_per_year", ind);
                    let res = app
                        .as_user(role, Method::POST, "/api/v1/observations/csv")
                        .header("content-type", "text/csv")
                        .body(format!("{header}\n{row}\n"))
                        .send()
                        .await
                        .unwrap();
                    let text = res.text().await.unwrap();
                    let mut p: Value = serde_json::from_str(&text.replace(ind, "X")).unwrap();
                    // The suggestion is the nearest *visible* name, so it differs with the typo;
                    // it must never name the hidden indicator.
                    for e in p["errors"].as_array_mut().unwrap() {
                        assert!(
                            !e["help"].to_string().contains("iq-draft"),
                            "{role}: a suggestion names a hidden indicator: {e}"
                        );
                        e.as_object_mut().unwrap().remove("help");
                    }
                    answers.push((res_status(&p), p));
                }
                assert_eq!(answers[0], answers[1], "{role}: CSV figures for a hidden indicator");
                assert_eq!(answers[0].0, 422);
                assert!(
                    app.store.audit_entries(m.head, 10).await.unwrap().is_empty(),
                    "{role}: refused CSV wrote nothing"
                );
            }
            let res = app
                .as_user(role, Method::POST, "/api/v1/observations/csv")
                .header("content-type", "text/csv")
                .body(format!("{header}\n{good}\n"))
                .send()
                .await
                .unwrap();
            let want = if policy::writes_observations(role, "threat") { 201 } else { 403 };
            assert_eq!(res.status().as_u16(), want, "{role} CSV: {}", res.text().await.unwrap());
            let new = app.store.audit_entries(m.head, 1_000_000).await.unwrap();
            assert_eq!(new.is_empty(), want != 201, "{role} CSV audit: {new:?}");
            assert!(new.iter().all(|e| e.actor == role));
            m.sync().await;
        }

        // ---- Event dataset uploads (issue 15): the working group of the indicator's factor
        // and the secretariat; a new file (one more blank line per role) under its own release.
        {
            let route = "/api/v1/imports/{definition}";
            m.seen.insert(("POST".into(), route.into()));
            m.rows += 2;
            let i = ROLES.iter().position(|r| *r == role).unwrap();
            let mut file = std::fs::read(
                std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join("../events/tests/data/ged231_sample_1000_events.csv"),
            )
            .unwrap();
            file.extend(std::iter::repeat_n(b'\n', i + 1));
            let send = |definition: &str, body: Vec<u8>| {
                app.as_user(role, Method::POST, &format!("/api/v1/imports/{definition}?release=matrix-{role}"))
                    .header("content-type", "text/csv")
                    .body(body)
                    .send()
            };
            let writer = policy::writes_observations(role, "threat");
            let res = send("matrix-ged", file.clone()).await.unwrap();
            let status = res.status().as_u16();
            let text = res.text().await.unwrap();
            assert_eq!(status, if writer { 201 } else { 403 }, "{role} POST {route}: {text}");
            let new = app.store.audit_entries(m.head, 1_000_000).await.unwrap();
            assert_eq!(new.len(), usize::from(writer), "{role} import audit: {new:?}");
            assert!(new.iter().all(|e| e.actor == role));
            m.sync().await;
            // An unknown definition: 404 for a writer, 403 for anyone else; nothing written.
            let res = send("no-such", file).await.unwrap();
            assert_eq!(res.status().as_u16(), if writer { 404 } else { 403 }, "{role} unknown definition");
            assert!(app.store.audit_entries(m.head, 10).await.unwrap().is_empty());
        }

        // ---- The assessment workflow on each probe state.
        let ai = KINDS.iter().position(|k| k.1 == "assessments").unwrap();
        for (state, owner, shared, rel) in STATES {
            let path = format!("/api/v1/assessments/{state}");
            let want = if policy::reads(role, state) { 200 } else { 404 };
            m.row(
                role,
                Method::GET,
                "/api/v1/assessments/{id}/history",
                &format!("{path}/history"),
                None,
                Want::Status(want, false),
            )
            .await;
            for step in ["endorse", "return"] {
                let v = app.version(RecordKind::Assessment, state).await;
                let body = if step == "return" {
                    json!({ "version": v, "reasons": { "en": "why", "ar": "لماذا" } })
                } else {
                    json!({ "version": v })
                };
                // Delegation heads endorse and return; the store's workflow decides the rest.
                let want = if policy::endorses(role) && policy::reads(role, state) {
                    Want::PastAccess
                } else {
                    Want::Status(policy::step_status(policy::endorses(role), role, state, false, 0), true)
                };
                let (s, _) = m
                    .row(
                        role,
                        Method::POST,
                        &format!("/api/v1/assessments/{{id}}/{step}"),
                        &format!("{path}/{step}"),
                        Some(body),
                        want,
                    )
                    .await;
                if (200..300).contains(&s) {
                    m.seed(RecordKind::Assessment, state, owner, shared, rel, &templates[ai]).await;
                }
            }
            let v = app.version(RecordKind::Assessment, state).await;
            let allowed = policy::writes(role, "assessments", state);
            m.row(
                role,
                Method::POST,
                "/api/v1/assessments/{id}/submit",
                &format!("{path}/submit"),
                Some(json!({ "version": v })),
                Want::Status(policy::write_status(role, state, allowed, 200), true),
            )
            .await;
            if allowed {
                m.seed(RecordKind::Assessment, state, owner, shared, rel, &templates[ai]).await;
            }
        }

        // ---- Users, tokens, the audit log.
        let admin = |ok: u16| if policy::reads_admin(role) { ok } else { 403 };
        m.row(role, Method::GET, "/api/v1/users", "/api/v1/users", None, Want::Status(admin(200), false)).await;
        m.row(role, Method::GET, "/api/v1/audit", "/api/v1/audit?limit=5", None, Want::Status(admin(200), false)).await;
        m.row(role, Method::GET, "/api/v1/audit/verify", "/api/v1/audit/verify", None, Want::Status(admin(200), false))
            .await;
        let log = |ok: u16| if policy::checks_log(role) { ok } else { 403 };
        m.row(
            role,
            Method::GET,
            "/api/v1/audit/checkpoint",
            "/api/v1/audit/checkpoint",
            None,
            Want::Status(log(200), false),
        )
        .await;
        m.row(
            role,
            Method::GET,
            "/api/v1/audit/consistency",
            "/api/v1/audit/consistency?from=1",
            None,
            Want::Status(log(200), false),
        )
        .await;
        // Every role has an inbox: what needs the caller, never someone else's.
        m.row(role, Method::GET, "/api/v1/inbox", "/api/v1/inbox", None, Want::Status(200, false)).await;
        let sec = |ok: u16| if role == "sec" { ok } else { 403 };
        let new_user = json!({ "name": format!("new-{role}"), "role": "auditor", "password": PASSWORD });
        m.row(role, Method::POST, "/api/v1/users", "/api/v1/users", Some(new_user), Want::Status(sec(201), true)).await;
        m.row(
            role,
            Method::POST,
            "/api/v1/users/{name}/disable",
            &format!("/api/v1/users/victim-{role}/disable"),
            None,
            Want::Status(sec(200), true),
        )
        .await;
        // Re-enabling and resetting are the secretariat's too; the victim is disabled for the
        // secretariat only, so the others are refused before anything is read.
        m.row(
            role,
            Method::POST,
            "/api/v1/users/{name}/enable",
            &format!("/api/v1/users/victim-{role}/enable"),
            None,
            Want::Status(sec(200), true),
        )
        .await;
        m.row(
            role,
            Method::POST,
            "/api/v1/users/{name}/reset",
            &format!("/api/v1/users/victim-{role}/reset"),
            Some(json!({ "temporary_password": "a temporary password" })),
            Want::Status(sec(200), true),
        )
        .await;
        // Everyone may change their own password; a wrong current one changes nothing.
        m.row(
            role,
            Method::POST,
            "/api/v1/me/password",
            "/api/v1/me/password",
            Some(json!({ "current_password": "not the password", "new_password": "a new long password" })),
            Want::Status(422, false),
        )
        .await;
        let (_, mine) =
            m.row(role, Method::GET, "/api/v1/tokens", "/api/v1/tokens", None, Want::Status(200, false)).await;
        assert!(
            mine.as_array().unwrap().iter().all(|t| t["user"] == json!(role)),
            "{role} lists only their own tokens: {mine}"
        );
        let (_, made) = m
            .row(
                role,
                Method::POST,
                "/api/v1/tokens",
                "/api/v1/tokens",
                Some(json!({ "label": "matrix" })),
                Want::Status(201, true),
            )
            .await;
        let prefix = made["info"]["prefix"].as_str().unwrap().to_string();
        // Someone else's token is "not found" for everyone, the secretariat included.
        m.row(
            role,
            Method::DELETE,
            "/api/v1/tokens/{prefix}",
            &format!("/api/v1/tokens/{}", foreign.prefix),
            None,
            Want::Status(404, true),
        )
        .await;
        m.row(
            role,
            Method::DELETE,
            "/api/v1/tokens/{prefix}",
            &format!("/api/v1/tokens/{prefix}"),
            None,
            Want::Status(204, true),
        )
        .await;

        // ---- The dialogue's record (issue 6).
        record::rows(&mut m, role).await;

        // ---- Public routes and the session.
        m.row(role, Method::GET, "/health", "/health", None, Want::Status(200, false)).await;
        m.row(role, Method::GET, "/api/openapi.json", "/api/openapi.json", None, Want::Status(200, false)).await;
        m.row(
            role,
            Method::POST,
            "/api/v1/session",
            "/api/v1/session",
            Some(json!({ "name": role, "password": PASSWORD })),
            Want::Status(200, false),
        )
        .await;
        let (_, me) =
            m.row(role, Method::GET, "/api/v1/session", "/api/v1/session", None, Want::Status(200, false)).await;
        assert_eq!(me["user"]["name"], json!(role));
        m.row(role, Method::DELETE, "/api/v1/session", "/api/v1/session", None, Want::Status(204, false)).await;
    }

    // ---- Nobody signed in: every route but the public three is 401, and writes nothing.
    let doc: Value = app.client.get(app.url("/api/openapi.json")).send().await.unwrap().json().await.unwrap();
    let mut documented = BTreeSet::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for method in
            item.as_object().unwrap().keys().filter(|k| ["get", "post", "put", "delete", "patch"].contains(&k.as_str()))
        {
            documented.insert((method.to_uppercase(), path.clone()));
            let public = matches!(
                (method.as_str(), path.as_str()),
                ("get", "/health") | ("get", "/api/openapi.json") | ("post", "/api/v1/session")
            );
            if public {
                continue;
            }
            let concrete =
                path.replace("{id}", "us-draft").replace("{name}", "sec").replace("{prefix}", &foreign.prefix);
            let res = app
                .client
                .request(Method::from_bytes(method.to_uppercase().as_bytes()).unwrap(), app.url(&concrete))
                .json(&json!({}))
                .send()
                .await
                .unwrap();
            assert_eq!(res.status().as_u16(), 401, "anonymous {method} {path}");
        }
    }
    assert!(app.store.audit_entries(m.head, 10).await.unwrap().is_empty(), "anonymous requests wrote nothing");
    // Every documented route has matrix rows, and the matrix tried no undocumented one.
    let missing: Vec<_> = documented.difference(&m.seen).collect();
    let extra: Vec<_> = m.seen.difference(&documented).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "routes without matrix rows: {missing:?}; rows for undocumented routes: {extra:?}"
    );
    eprintln!("access matrix: {} rows over {} routes", m.rows, m.seen.len());
}
