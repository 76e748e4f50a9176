//! Issue 18, item 2: reminders by e-mail, sent through a real SMTP server (aiosmtpd from PyPI,
//! which `scripts/test` installs into target/smtp-venv) and read back from the mailbox it
//! delivers to, on SQLite and PostgreSQL. Each person gets their inbox in their language — at
//! once or as a daily digest, never twice for the same item, never what they may not see — and
//! a refused delivery is tried again rather than marked sent.

use crate::helpers;

use helpers::both;

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use helpers::{Db, THREAT_ASSESSMENT as ID, TestApp, draft_threat_assessment, phase_timeline_consultation, spawn_app};
use reqwest::Method;
use tahawul_store::{UserSettings, prelude::*};
use tahawul_web::reminders::{Mailer, Sent, send_due};

const PUBLIC: &str = "https://tahawul.example.org";

/// The aiosmtpd the test command installed, or the one named by `TAHAWUL_TEST_AIOSMTPD`.
fn aiosmtpd() -> PathBuf {
    if let Some(p) = std::env::var_os("TAHAWUL_TEST_AIOSMTPD") {
        return PathBuf::from(p);
    }
    let venv = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/smtp-venv/bin/aiosmtpd");
    assert!(
        venv.exists(),
        "the reminder tests need a real SMTP server and found none: run scripts/test (it installs aiosmtpd), or \
         python3 -m venv target/smtp-venv && target/smtp-venv/bin/pip install aiosmtpd==1.4.6"
    );
    venv
}

/// An aiosmtpd delivering into a Maildir, stopped when dropped.
struct SmtpServer {
    child: Child,
    port: u16,
    /// Taken by [`SmtpServer::stop`] to be handed to the next server.
    maildir: Option<tempfile::TempDir>,
}

impl SmtpServer {
    fn start() -> SmtpServer {
        let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        SmtpServer::on(port, tempfile::tempdir().unwrap())
    }

    fn on(port: u16, maildir: tempfile::TempDir) -> SmtpServer {
        let child = Command::new(aiosmtpd())
            .args(["-n", "-l", &format!("127.0.0.1:{port}"), "-c", "aiosmtpd.handlers.Mailbox"])
            // A folder not there yet: Python's Maildir makes it with its tmp/new/cur.
            .arg(maildir.path().join("box"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("aiosmtpd starts");
        let deadline = Instant::now() + Duration::from_secs(20);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "aiosmtpd did not listen on {port}");
            std::thread::sleep(Duration::from_millis(50));
        }
        SmtpServer { child, port, maildir: Some(maildir) }
    }

    fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// Stops the server, keeping its mailbox for a restart.
    fn stop(mut self) -> (u16, tempfile::TempDir) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        (self.port, self.maildir.take().expect("a running server has its mailbox"))
    }

    /// Every delivered message, as (to, subject, body), taken out of the mailbox.
    fn take(&self) -> Vec<(String, String, String)> {
        let new = self.maildir.as_ref().expect("a running server has its mailbox").path().join("box/new");
        let mut out = Vec::new();
        for entry in std::fs::read_dir(&new).map(|d| d.flatten().collect::<Vec<_>>()).unwrap_or_default() {
            let raw = std::fs::read(entry.path()).unwrap();
            let mail = mailparse::parse_mail(&raw).unwrap();
            let header = |name: &str| {
                mail.headers.iter().find(|h| h.get_key().eq_ignore_ascii_case(name)).map(|h| h.get_value())
            };
            out.push((
                header("To").unwrap_or_default(),
                header("Subject").unwrap_or_default(),
                mail.get_body().unwrap(),
            ));
            std::fs::remove_file(entry.path()).unwrap();
        }
        out.sort();
        out
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

async fn wants(app: &TestApp, user: &str, lang: Option<&str>, reminders: &str) {
    let settings = UserSettings {
        lang: lang.map(str::to_string),
        digits: None,
        email: Some(format!("{user}@example.org")),
        reminders: Some(reminders.into()),
    };
    app.store.set_user_settings(user, &settings, user).await.unwrap();
}

fn at(s: &str) -> jiff::Timestamp {
    s.parse().unwrap()
}

async fn send(app: &TestApp, mailer: &Mailer, now: &str) -> Sent {
    send_due(&app.store, mailer, at(now), 6).await.expect("a run reads the store")
}

fn to<'m>(mail: &'m [(String, String, String)], user: &str) -> Vec<&'m (String, String, String)> {
    mail.iter().filter(|(t, _, _)| t.contains(&format!("{user}@example.org"))).collect()
}

fn has_arabic(s: &str) -> bool {
    s.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c))
}

async fn reminders_reach_people(db: Db) {
    let app = spawn_app(db).await;
    let smtp = SmtpServer::start();
    let mailer = Mailer::new(&smtp.url(), "Tahawul <tahawul@example.org>", PUBLIC).unwrap();
    wants(&app, "us-head", Some("en"), "immediate").await;
    wants(&app, "iq-head", Some("ar"), "daily").await;
    wants(&app, "partner", None, "immediate").await;
    wants(&app, "wg-threat", Some("en"), "off").await;
    // A consultation the partner may not see yet.
    phase_timeline_consultation(&app, false).await;

    // Before the digest hour: only the immediate reminders go, one message each, in English
    // for the US head; the partner's inbox is empty, so nothing goes to them.
    let sent = send(&app, &mailer, "2026-12-07T05:00:00Z").await;
    assert!(sent.failures.is_empty(), "{sent:?}");
    let mail = smtp.take();
    assert_eq!(sent.people, vec!["us-head".to_string()], "{mail:?}");
    let (_, subject, body) = to(&mail, "us-head")[0];
    assert!(subject.starts_with("Tahawul:"), "{subject}");
    assert!(!has_arabic(body) && body.contains(&format!("{PUBLIC}/")), "{body}");
    assert!(to(&mail, "partner").is_empty() && to(&mail, "wg-threat").is_empty());

    // The same run again: nothing new, nothing sent.
    assert_eq!(send(&app, &mailer, "2026-12-07T05:30:00Z").await.messages, 0);
    assert!(smtp.take().is_empty());

    // From the digest hour, the Iraqi head's daily digest, in Arabic, once that day.
    let sent = send(&app, &mailer, "2026-12-07T07:00:00Z").await;
    assert_eq!(sent.people, vec!["iq-head".to_string()]);
    let mail = smtp.take();
    let (_, subject, body) = to(&mail, "iq-head")[0];
    assert!(has_arabic(subject) && has_arabic(body), "{subject}\n{body}");
    assert_eq!(send(&app, &mailer, "2026-12-07T18:00:00Z").await.messages, 0, "one digest a day");

    // A submission: the US head is told at once, with names and the link; the Iraqi head
    // reads it in tomorrow's digest.
    draft_threat_assessment(&app, true).await;
    let sent = send(&app, &mailer, "2026-12-07T18:05:00Z").await;
    assert_eq!(sent.people, vec!["us-head".to_string()]);
    let mail = smtp.take();
    let (_, subject, body) = to(&mail, "us-head")[0];
    assert_eq!(subject, "Tahawul: one thing needs you", "only the new item: {body}");
    assert!(body.contains("Endorse or return the assessment of") && body.contains("Kurdistan Region"), "{body}");
    assert!(body.contains(&format!("{PUBLIC}/assessments/{ID}")), "{body}");

    let sent = send(&app, &mailer, "2026-12-08T07:00:00Z").await;
    assert_eq!(sent.people, vec!["iq-head".to_string()]);
    let mail = smtp.take();
    let (_, _, body) = to(&mail, "iq-head")[0];
    assert!(body.contains(&format!("{PUBLIC}/assessments/{ID}")), "the digest holds the submission: {body}");

    // Released: the partner is told, in both languages since they never chose one.
    let (s, doc) = app.call("sec", Method::POST, "/api/v1/consultations/phase-timeline/release", None).await;
    assert_eq!(s, 200, "{doc}");
    // The SMTP server is down: nothing is marked sent, and the next run delivers.
    let (port, maildir) = smtp.stop();
    let sent = send(&app, &mailer, "2026-12-08T08:00:00Z").await;
    assert_eq!(sent.messages, 0);
    assert_eq!(sent.failures.iter().map(|(u, _)| u.as_str()).collect::<Vec<_>>(), ["partner"], "{sent:?}");
    let smtp = SmtpServer::on(port, maildir);
    let sent = send(&app, &mailer, "2026-12-08T08:01:00Z").await;
    assert_eq!(sent.people, vec!["partner".to_string()], "{sent:?}");
    let mail = smtp.take();
    let (_, subject, body) = to(&mail, "partner")[0];
    assert!(subject.contains(" / ") && has_arabic(subject), "both languages: {subject}");
    assert!(body.contains("Phase timeline") && body.contains("الجدول الزمني للمراحل"), "{body}");
    assert!(body.contains(&format!("{PUBLIC}/consultations/phase-timeline")), "{body}");
    // What the partner may not see never reaches them.
    assert!(!body.contains("Endorse") && !body.contains("Kurdistan"), "{body}");
}

async fn reminder_settings_are_checked_on_every_path(db: Db) {
    let app = spawn_app(db).await;
    // The store refuses what is surely not an address, and reminders without one.
    for (email, reminders) in [(Some("not an address"), "daily"), (None, "immediate"), (Some("a@b.org"), "hourly")] {
        let s = UserSettings {
            lang: None,
            digits: None,
            email: email.map(str::to_string),
            reminders: Some(reminders.into()),
        };
        assert!(app.store.set_user_settings("us-head", &s, "us-head").await.is_err(), "{email:?} {reminders}");
    }
    assert_eq!(app.store.get_user("us-head").await.unwrap().reminders, None, "nothing was written");
    // The settings page refuses the same, in Arabic, and saves a good one.
    let c = helpers::forms::sign_in(&app, "us-head").await;
    let page = c.get(app.url("/settings")).send().await.unwrap().text().await.unwrap();
    let csrf = helpers::forms::csrf_of(&page);
    let post = |email: &'static str| {
        c.post(app.url("/settings")).header("accept-language", "ar").form(&[
            ("csrf", csrf.as_str()),
            ("lang", "ar"),
            ("digits", "latin"),
            ("email", email),
            ("reminders", "daily"),
        ])
    };
    let res = post("head at example").send().await.unwrap();
    assert_eq!(res.status().as_u16(), 422);
    let text = res.text().await.unwrap();
    assert!(has_arabic(&text) && text.contains("name@example.org"), "{text}");
    let res = post("us-head@example.org").send().await.unwrap();
    assert_eq!(res.status().as_u16(), 303);
    let user = app.store.get_user("us-head").await.unwrap();
    assert_eq!((user.email.as_deref(), user.reminders.as_deref()), (Some("us-head@example.org"), Some("daily")));
    // The command line refuses an SMTP address it cannot use, before sending anything.
    assert!(Mailer::new("ftp://mail.example.org", "Tahawul <t@example.org>", PUBLIC).is_err());
    assert!(Mailer::new("smtp://127.0.0.1:25", "not a mailbox", PUBLIC).is_err());
}

both!(reminders_reach_people, reminder_settings_are_checked_on_every_path);
