//! The review pages (issue 16 item 4) over real HTTP, as a browser without scripts uses them:
//! a text pasted and submitted, its proposals shown with the quoted span marked and the
//! flags, a commitment accepted with edits through the form, a bulk accept refused as the API
//! refuses it (same pointer, nothing written), a rejection needing a reason, CSRF, and the
//! roles refused. SQLite and PostgreSQL. `cargo test -p tahawul-web --test integration intake_pages::`.

use crate::helpers;

use helpers::forms::reader;
use helpers::{Db, both, spawn_app};
use tahawul_store::{RecordKind, prelude::*};

both!(review_through_the_forms);

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

async fn review_through_the_forms(db: Db) {
    let app = spawn_app(db).await;
    let sec = reader(&app, "sec").await;
    let (s, page) = sec.get("/intake").await;
    assert_eq!(s, 200);
    assert!(page.contains(r#"id="intake-form""#) && page.contains(r#"id="no-intakes""#), "{page}");
    assert!(!page.contains('⟦'), "a message is missing");

    let text = source_003();
    let (s, to, body) = sec.post("/intake", "/intake", &[("text", &text), ("lang", "")]).await;
    assert_eq!((s, to.as_str()), (303, "/intake/1"), "{body}");
    let (s, page) = sec.get("/intake/1").await;
    assert_eq!(s, 200);
    assert!(!page.contains('⟦'), "a message is missing");
    // The flags, and each proposal's quote marked in its context.
    assert!(page.contains("مؤسسة حمد الطبية"), "the HMC mistranslation is flagged");
    let intake = app.store.get_intake(1).await.unwrap();
    let cs: Vec<u64> =
        intake.proposals.iter().filter(|p| p.proposal["kind"] == "commitment").map(|p| p.index).collect();
    let quote = intake.proposals[cs[0] as usize].proposal["quote"].as_str().unwrap();
    assert!(page.contains(&format!("<mark>{quote}</mark>")), "the span is marked");
    assert!(page.contains(&format!(r#"name="p" value="{}""#, cs[0])), "a checkbox per pending proposal");

    // Accepted with edits through the form.
    let n = cs[0].to_string();
    let (id_f, parties_f, theme_f, en_f) =
        (format!("id-{n}"), format!("parties-{n}"), format!("theme-{n}"), format!("en-{n}"));
    let (s, to, body) = sec
        .post(
            "/intake/1",
            "/intake/1/accept",
            &[
                ("p", &n),
                (&id_f, "r2-from-page"),
                (&parties_f, "iq"),
                (&theme_f, "force-protection"),
                (&en_f, "Reviewed on the page."),
            ],
        )
        .await;
    assert_eq!((s, to.as_str()), (303, "/intake/1"), "{body}");
    let r = app.store.get_record(RecordKind::Commitment, "r2-from-page").await.unwrap();
    assert_eq!(r.body["text"]["en"], "Reviewed on the page.");
    assert_eq!(r.body["sources"][0].as_str().unwrap(), format!("intake-{}", &intake.digest[..16]));
    let (_, page) = sec.get("/intake/1").await;
    assert!(page.contains("r2-from-page"), "the record shown with the accepted proposal");

    // The page refuses what the API refuses: a bad round in a bulk accept, nothing written.
    let (a, b) = (cs[1].to_string(), cs[2].to_string());
    let fields = [
        ("p", a.as_str()),
        ("p", b.as_str()),
        (&*format!("id-{a}"), "r2-page-a"),
        (&*format!("id-{b}"), "r2-page-b"),
        (&*format!("round-{b}"), "no-such-round"),
    ]
    .map(|(k, v)| (k.to_string(), v.to_string()));
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let (s, _, body) = sec.post("/intake/1", "/intake/1/accept", &fields).await;
    assert_eq!(s, 422, "{body}");
    assert!(body.contains("/proposals/1/edits/round"), "{body}");
    assert!(app.store.get_record(RecordKind::Commitment, "r2-page-a").await.is_err(), "nothing written");

    // Rejection: a reason is needed; then kept with who.
    let (s, _, body) = sec.post("/intake/1", "/intake/1/reject", &[("p", &b), ("reason", " ")]).await;
    assert_eq!(s, 422, "{body}");
    assert!(body.contains("/reason"), "{body}");
    let (s, _, _) = sec.post("/intake/1", "/intake/1/reject", &[("p", &b), ("reason", "overstated")]).await;
    assert_eq!(s, 303);
    let (_, page) = sec.get("/intake/1").await;
    assert!(page.contains("<q>overstated</q>"), "the reason shown");

    // Without the form's token: refused, nothing written.
    let res = sec.c.post(app.url("/intake/1/accept")).form(&[("p", a.as_str())]).send().await.unwrap();
    assert_eq!(res.status().as_u16(), 403);

    // Roles: partners see nothing; a member reads their own only; a head may not review.
    let partner = reader(&app, "partner").await;
    assert_eq!(partner.get("/intake").await.0, 403);
    assert_eq!(partner.post("/dashboard", "/intake/1/accept", &[("p", a.as_str())]).await.0, 403);
    let member = reader(&app, "us-member").await;
    assert_eq!(member.get("/intake").await.0, 200);
    assert_eq!(member.get("/intake/1").await.0, 404, "another's text");
    let head = reader(&app, "us-head").await;
    let (s, _, _) = head.post("/intake", "/intake/1/accept", &[("p", a.as_str())]).await;
    assert_eq!(s, 403);
    assert_eq!(
        app.store
            .list_records(RecordKind::Commitment)
            .await
            .unwrap()
            .iter()
            .filter(|r| r.id.starts_with("r2-page"))
            .count(),
        0
    );

    // In Arabic.
    let res = sec.c.get(app.url("/intake/1")).header("accept-language", "ar").send().await.unwrap();
    let page = res.text().await.unwrap();
    assert!(page.contains("للمراجعة"), "Arabic page");
}
