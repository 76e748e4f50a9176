//! `tahawul serve --ldap …` as an operator starts it: every directory setting is checked before
//! the server listens, each problem in the reader's language — a bad mapping file at
//! file:line:column, a party the case does not have, a flag without `--ldap`, a service
//! account without a password. (Sign-in against a real OpenLDAP is
//! `crates/web/tests/directory.rs`.)

use crate::common;

use common::server::bin;
use common::{plain, stderr, stdout};

const GOOD: &str = "[[group]]\ngroup = \"iq-heads\"\nrole = \"delegation-head\"\nparty = \"iq\"\n";

fn serve(db: &str, mapping: &std::path::Path, extra: &[&str], lang: &str) -> std::process::Output {
    bin()
        .args(["serve", "--database", db, "--bind", "127.0.0.1:0", "--ldap", "ldap://127.0.0.1:1"])
        .args(["--ldap-bind-pattern", "uid={user},ou=people,dc=example,dc=org", "--directory"])
        .arg(mapping)
        .args(extra)
        .env("TAHAWUL_LANG", lang)
        .env_remove("TAHAWUL_LDAP_SERVICE_PASSWORD")
        .output()
        .unwrap()
}

#[test]
fn serve_checks_the_directory_settings_before_it_listens() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}", dir.path().join("t.db").display());
    let mapping = dir.path().join("directory.toml");

    // A misspelt role: exit 1, at the file, line and column, in both languages.
    std::fs::write(&mapping, GOOD.replace("delegation-head", "delegation-heed")).unwrap();
    for (lang, words) in [("en", "is not allowed for `role`"), ("ar", "غير مسموح")] {
        let o = serve(&db, &mapping, &[], lang);
        assert_eq!(o.status.code(), Some(1), "{}{}", stdout(&o), stderr(&o));
        let err = plain(&stderr(&o));
        assert!(err.contains(&format!("{}:3:8:", mapping.display())), "{err}");
        assert!(err.contains(words) && err.contains("delegation-head"), "{err}");
    }

    // A party the case does not have: found against the case being served, at the party.
    std::fs::write(&mapping, GOOD.replace("\"iq\"", "\"irq\"")).unwrap();
    let o = serve(&db, &mapping, &[], "en");
    assert_eq!(o.status.code(), Some(1), "{}{}", stdout(&o), stderr(&o));
    let err = plain(&stderr(&o));
    assert!(err.contains(&format!("{}:4:9:", mapping.display())) && err.contains("no party `irq`"), "{err}");

    // Usage errors (exit 2), localized: a URL that is not LDAP, StartTLS on ldaps, a service
    // account with no password anywhere, a directory flag without --ldap.
    std::fs::write(&mapping, GOOD).unwrap();
    let o = bin()
        .args(["serve", "--database", &db, "--ldap", "http://ldap.example.org", "--ldap-bind-pattern", "{user}@x"])
        .arg("--directory")
        .arg(&mapping)
        .env("TAHAWUL_LANG", "ar")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(plain(&stderr(&o)).contains("ليس عنوان دليل"), "{}", stderr(&o));
    let o = bin()
        .args(["serve", "--database", &db, "--ldap", "ldap://127.0.0.1:1", "--directory"])
        .arg(&mapping)
        .args(["--ldap-service-dn", "cn=svc,dc=example,dc=org", "--ldap-base", "dc=example,dc=org"])
        .env("TAHAWUL_LANG", "en")
        .env_remove("TAHAWUL_LDAP_SERVICE_PASSWORD")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = plain(&stderr(&o));
    assert!(
        err.contains("the service account has no password") && err.contains("TAHAWUL_LDAP_SERVICE_PASSWORD"),
        "{err}"
    );
    let o = bin().args(["serve", "--database", &db, "--ldap-base", "dc=example,dc=org"]).output().unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(plain(&stderr(&o)).contains("--ldap-base means nothing without --ldap"), "{}", stderr(&o));
}

/// `--ldap-ca`: refused where no TLS would use it (exit 2), and a file that holds no
/// certificate said with its path and how to fix it (exit 1), in both languages.
#[test]
fn serve_checks_the_directorys_certificate_authority() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}", dir.path().join("t.db").display());
    let mapping = dir.path().join("directory.toml");
    std::fs::write(&mapping, GOOD).unwrap();
    let ca = dir.path().join("ca.pem");
    std::fs::write(&ca, "not a certificate\n").unwrap();
    let ca_arg = ca.to_str().unwrap();

    let o = serve(&db, &mapping, &["--ldap-ca", ca_arg], "en");
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(plain(&stderr(&o)).contains("--ldap-ca is for a connection that uses TLS"), "{}", stderr(&o));

    for (lang, words) in [("en", "cannot be used: no PEM certificate"), ("ar", "يتعذر استخدام ملف جهة التصديق")]
    {
        let o = serve(&db, &mapping, &["--ldap-starttls", "--ldap-ca", ca_arg], lang);
        assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
        let err = plain(&stderr(&o));
        assert!(err.contains(ca_arg) && err.contains(words) && err.contains("BEGIN CERTIFICATE"), "{err}");
    }
    let missing = dir.path().join("missing.pem");
    let o = serve(&db, &mapping, &["--ldap-starttls", "--ldap-ca", missing.to_str().unwrap()], "en");
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(plain(&stderr(&o)).contains(missing.to_str().unwrap()), "{}", stderr(&o));
}
