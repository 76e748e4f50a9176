//! `tahawul remind` as an operator runs it from cron: an SMTP address it cannot use is a usage
//! error in the reader's language (exit 2), and a server that does not answer leaves every
//! reminder unsent, names whom, and exits 1 so cron reports it. (Delivery through a real SMTP
//! server is `crates/web/tests/reminders.rs`.)

use crate::common;

use common::server::{add_user, bin};
use common::{plain, stderr, stdout};
use tahawul_store::{SqliteStore, StoreOptions, UserSettings, prelude::*};

fn remind(db: &str, smtp: &str, lang: &str) -> std::process::Output {
    bin().args(["remind", "--database", db, "--smtp", smtp]).env("TAHAWUL_LANG", lang).output().unwrap()
}

#[test]
fn remind_says_what_went_and_what_did_not() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    let db = format!("sqlite://{}", path.display());
    assert!(bin().args(["init", "--database", &db]).output().unwrap().status.success());
    add_user(&db, "head", "delegation-head", &["--party", "us"], &[]);

    // No one asked for reminders: nothing to send, and nothing tried.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let smtp = format!("smtp://127.0.0.1:{closed}");
    let o = remind(&db, &smtp, "en");
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
    assert!(stdout(&o).contains("Reminders sent: 0"), "{}", stdout(&o));

    // The head wants them at once; the server is not there.
    tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(async {
        let store = SqliteStore::open(&path, StoreOptions::default()).await.unwrap();
        let settings = UserSettings {
            lang: Some("en".into()),
            digits: None,
            email: Some("head@example.org".into()),
            reminders: Some("immediate".into()),
        };
        store.set_user_settings("head", &settings, "head").await.unwrap();
    });
    for lang in ["en", "ar"] {
        let o = remind(&db, &smtp, lang);
        assert_eq!(o.status.code(), Some(1), "{}{}", stdout(&o), stderr(&o));
        let err = plain(&stderr(&o));
        assert!(err.contains("head"), "{err}");
        if lang == "en" {
            assert!(err.contains("Not sent to head") && err.contains("the next run tries again"), "{err}");
        } else {
            assert!(err.contains("لم يُرسل") && err.contains("ستعيد المحاولة"), "{err}");
        }
    }

    // An address it cannot use: exit 2, said in the reader's language, nothing tried.
    let o = remind(&db, "ftp://mail.example.org", "ar");
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(plain(&stderr(&o)).contains("ليس عنوان SMTP"), "{}", stderr(&o));
    let o = bin().args(["remind", "--database", &db, "--smtp", &smtp, "--mail-from", "nobody"]).output().unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("is not an address mail can come from"), "{}", stderr(&o));
}
