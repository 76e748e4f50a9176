//! Matrix rows for the dialogue's record (issue 6), with the policy of `docs/record.md`
//! written out here rather than taken from `access/record.rs`: reads follow the round's (or
//! commitment's) state; heads sign; the secretariat and the delegations write statements; the
//! secretariat runs consultations and links decisions; partners answer released versions; a
//! status change is the secretariat's or the owning party's (the probe commitment is Iraq's).
//! Rows run role by role in `ROLES` order, the secretariat first, so its drafts exist when the
//! others come.

use reqwest::Method;
use serde_json::json;

use super::policy::{reads, step_status};
use super::{Matrix, STATES, Want};

fn status_or_past(code: u16, allowed: bool) -> Want {
    if allowed { Want::PastAccess } else { Want::Status(code, false) }
}

pub async fn rows(m: &mut Matrix<'_>, role: &str) {
    let writer = matches!(role, "sec" | "us-head" | "us-member");
    for (state, ..) in STATES {
        let see = reads(role, state);
        let read = if see { Want::Status(200, false) } else { Want::Status(404, false) };
        m.row(role, Method::GET, "/api/v1/rounds/{id}/minutes", &format!("/api/v1/rounds/{state}/minutes"), None, read)
            .await;
        m.row(
            role,
            Method::GET,
            "/api/v1/rounds/{id}/statement",
            &format!("/api/v1/rounds/{state}/statement"),
            None,
            read,
        )
        .await;
        m.row(role, Method::GET, "/api/v1/rounds/{id}/links", &format!("/api/v1/rounds/{state}/links"), None, read)
            .await;
        m.row(
            role,
            Method::GET,
            "/api/v1/commitments/{id}/history",
            &format!("/api/v1/commitments/{state}/history"),
            None,
            read,
        )
        .await;
        // Signing: heads only; a malformed signature on a round the head sees gets past access
        // (and is refused as input).
        let head = role == "us-head";
        let allowed = head && see;
        let code = step_status(head, role, state, allowed, 0);
        m.row(
            role,
            Method::POST,
            "/api/v1/rounds/{id}/minutes/signatures",
            &format!("/api/v1/rounds/{state}/minutes/signatures"),
            Some(json!({ "key": "ed25519:00", "signature": "ed25519:00" })),
            status_or_past(code, allowed),
        )
        .await;
    }

    // Statements on the shared probe round: the secretariat drafts first (201), later writers
    // get past access (409: drafted already, or a stale version).
    let code = step_status(writer, role, "shared", writer, 0);
    m.row(
        role,
        Method::POST,
        "/api/v1/rounds/{id}/statement",
        "/api/v1/rounds/shared/statement",
        None,
        if role == "sec" { Want::Status(201, true) } else { status_or_past(code, writer) },
    )
    .await;
    m.row(
        role,
        Method::POST,
        "/api/v1/rounds/{id}/statement/versions",
        "/api/v1/rounds/shared/statement/versions",
        Some(json!({ "lang": "en", "text": format!("edited by {role}"), "based_on": 1 })),
        if role == "sec" { Want::Status(201, true) } else { status_or_past(code, writer) },
    )
    .await;
    let read = if reads(role, "shared") { Want::Status(200, false) } else { Want::Status(404, false) };
    m.row(
        role,
        Method::GET,
        "/api/v1/rounds/{id}/statement/compare",
        "/api/v1/rounds/shared/statement/compare?from=1&to=2",
        None,
        read,
    )
    .await;

    // Decision links: the secretariat.
    m.row(
        role,
        Method::POST,
        "/api/v1/rounds/{id}/links",
        "/api/v1/rounds/shared/links",
        Some(json!({ "decision": "jscd1-future-process", "effect": "creates", "kind": "commitment", "target": "shared" })),
        if role == "sec" { Want::Status(201, true) } else { Want::Status(403, false) },
    )
    .await;

    // Status changes on the shared probe commitment (Iraq's): the secretariat; the US
    // delegation sees it but may not change it.
    m.row(
        role,
        Method::POST,
        "/api/v1/commitments/{id}/status",
        "/api/v1/commitments/shared/status",
        Some(json!({ "status": if role == "sec" { 0 } else { 1 }, "evidence": "matrix row" })),
        if role == "sec" { Want::Status(201, true) } else { Want::Status(403, false) },
    )
    .await;

    // Consultations: the secretariat creates, edits and releases "matrix-c" in its turn; a
    // partner answers the released version; partners never see it before the release.
    m.row(role, Method::GET, "/api/v1/consultations", "/api/v1/consultations", None, Want::Status(200, false)).await;
    let new = json!({ "id": "matrix-c", "title": { "en": "M", "ar": "م" }, "text": { "en": "draft", "ar": "مسودة" } });
    m.row(
        role,
        Method::POST,
        "/api/v1/consultations",
        "/api/v1/consultations",
        Some(new),
        if role == "sec" { Want::Status(201, true) } else { Want::Status(403, false) },
    )
    .await;
    m.row(
        role,
        Method::PUT,
        "/api/v1/consultations/{id}/draft",
        "/api/v1/consultations/matrix-c/draft",
        Some(json!({ "text": { "en": "draft 1", "ar": "مسودة 1" } })),
        if role == "sec" { Want::Status(200, true) } else { Want::Status(403, false) },
    )
    .await;
    m.row(
        role,
        Method::POST,
        "/api/v1/consultations/{id}/release",
        "/api/v1/consultations/matrix-c/release",
        None,
        if role == "sec" { Want::Status(200, true) } else { Want::Status(403, false) },
    )
    .await;
    m.row(
        role,
        Method::GET,
        "/api/v1/consultations/{id}",
        "/api/v1/consultations/matrix-c",
        None,
        Want::Status(200, false),
    )
    .await;
    m.row(
        role,
        Method::POST,
        "/api/v1/consultations/{id}/responses",
        "/api/v1/consultations/matrix-c/responses",
        Some(json!({ "version": 1, "position": "dissent", "reason": "matrix row" })),
        if role == "partner" { Want::Status(201, true) } else { Want::Status(403, false) },
    )
    .await;

    // Keys (issue 12): every delegation reads the register; only heads register their own key
    // (a challenge is no write: no audit entry); the secretariat and heads retire. A made-up
    // nonce and an unknown fingerprint get past access and are refused as input.
    m.row(
        role,
        Method::GET,
        "/api/v1/keys",
        "/api/v1/keys",
        None,
        if role == "partner" { Want::Status(403, false) } else { Want::Status(200, false) },
    )
    .await;
    let key = tahawul_domain::minutes::SecretKey::from_seed([42; 32]);
    m.row(
        role,
        Method::POST,
        "/api/v1/keys/challenge",
        "/api/v1/keys/challenge",
        Some(json!({ "person": "celeste-wallander", "key": key.public().to_string() })),
        if role == "us-head" { Want::Status(201, false) } else { Want::Status(403, false) },
    )
    .await;
    m.row(
        role,
        Method::POST,
        "/api/v1/keys",
        "/api/v1/keys",
        Some(json!({
            "person": "celeste-wallander", "key": key.public().to_string(), "nonce": "made-up",
            "proof": key.sign(b"made-up").to_string(),
        })),
        if role == "us-head" { Want::PastAccess } else { Want::Status(403, false) },
    )
    .await;
    m.row(
        role,
        Method::POST,
        "/api/v1/people/{id}/keys/retire",
        "/api/v1/people/celeste-wallander/keys/retire",
        Some(json!({ "key": "0000000000000000" })),
        if matches!(role, "sec" | "us-head") { Want::PastAccess } else { Want::Status(403, false) },
    )
    .await;
}
