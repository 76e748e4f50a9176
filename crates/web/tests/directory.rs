//! Directory sign-in (issue 18 item 3) against a real OpenLDAP: each test starts its own
//! `slapd` (Debian's, installed by scripts/test) on a free port with a generated
//! configuration (mdb, the memberof overlay), loads people and groups with `ldapadd`, and
//! stops it when dropped. Sign-in goes through the real HTTP server, on SQLite and PostgreSQL.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::Duration;

use serde_json::{Value, json};
use tahawul_domain::diagnostic::SourceText;
use tahawul_i18n::{Lang, Localizer};
use tahawul_store::{Role, prelude::*};
use tahawul_web::directory::{
    DEFAULT_USER_FILTER, Directory, Groups, Locate, Secret, Trust, TrustError, read_mapping_file,
};

use crate::helpers::forms::{browser, csrf_of};
use crate::helpers::{self, Db, PASSWORD, TestApp, both};

const SUFFIX: &str = "dc=example,dc=org";
const ADMIN: &str = "cn=admin,dc=example,dc=org";
const ADMIN_PASSWORD: &str = "admin-secret-not-used-by-tahawul";
const SERVICE: &str = "cn=tahawul-service,dc=example,dc=org";
const SERVICE_PASSWORD: &str = "service-password";

/// The slapd the test command installed (`TAHAWUL_TEST_SLAPD`), or Debian's.
fn slapd() -> PathBuf {
    let p = std::env::var_os("TAHAWUL_TEST_SLAPD").map_or_else(|| PathBuf::from("/usr/sbin/slapd"), PathBuf::from);
    assert!(
        p.exists() && Path::new("/usr/bin/ldapadd").exists(),
        "the directory tests need a real OpenLDAP server and found none at {}: run scripts/test (it installs \
         them), or apt-get install -y --no-install-recommends slapd ldap-utils",
        p.display()
    );
    p
}

/// A slapd of this test's own, stopped when dropped.
struct Slapd {
    child: Child,
    port: u16,
    /// The `ldaps://` port, when started with certificates.
    tls_port: Option<u16>,
    _dir: tempfile::TempDir,
}

/// A certificate authority of the test's own and a certificate for 127.0.0.1 it issued, made
/// with `openssl` as an organisation's PKI would (the directory's certificate is not one the
/// system trusts).
struct Pki {
    dir: tempfile::TempDir,
}

impl Pki {
    fn make() -> Pki {
        let dir = tempfile::tempdir().unwrap();
        let openssl = |args: &[&str]| {
            let out = Command::new("openssl").args(args).current_dir(dir.path()).output().unwrap_or_else(|e| {
                panic!("the TLS directory test needs openssl ({e}): run scripts/test (it installs it), or apt-get install -y openssl")
            });
            assert!(out.status.success(), "openssl {args:?}: {}", String::from_utf8_lossy(&out.stderr));
        };
        let ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"];
        openssl(
            &[
                &["req", "-x509"][..],
                &ec,
                &[
                    "-keyout",
                    "ca.key",
                    "-out",
                    "ca.pem",
                    "-days",
                    "2",
                    "-subj",
                    "/CN=Tahawul test directory CA",
                    "-addext",
                    "basicConstraints=critical,CA:TRUE",
                    "-addext",
                    "keyUsage=critical,keyCertSign,cRLSign",
                ],
            ]
            .concat(),
        );
        openssl(
            &[&["req"][..], &ec, &["-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=127.0.0.1"]].concat(),
        );
        std::fs::write(
            dir.path().join("server.ext"),
            "subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n",
        )
        .unwrap();
        openssl(&[
            "x509",
            "-req",
            "-in",
            "server.csr",
            "-CA",
            "ca.pem",
            "-CAkey",
            "ca.key",
            "-CAcreateserial",
            "-out",
            "server.pem",
            "-days",
            "2",
            "-extfile",
            "server.ext",
        ]);
        Pki { dir }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
}

/// People (uid, password, display name) and the groups they are in.
const PEOPLE: &[(&str, &str, &str, &[&str])] = &[
    ("karim", "karim-password", "Karim Al-Rubaie · كريم الربيعي", &["iq-heads"]),
    ("jane", "jane-password", "Jane Doe", &["us-members", "staff"]),
    ("ella", "ella-password", "Ella Liaison", &["coalition-partners"]),
    ("outsider", "outsider-password", "Out Sider", &["staff"]),
    // A directory entry with the name of a local account: the local account wins.
    ("us-head", "directory-us-head-password", "Not the US head", &["iq-heads"]),
];

const GROUPS: &[&str] = &["iq-heads", "us-members", "coalition-partners", "staff"];

impl Slapd {
    fn start() -> Slapd {
        Slapd::start_with(None)
    }

    /// With `pki`, slapd also speaks TLS: StartTLS on its `ldap://` port and `ldaps://` on
    /// another.
    fn start_with(pki: Option<&Pki>) -> Slapd {
        let slapd = slapd();
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("db");
        std::fs::create_dir(&db).unwrap();
        let conf = dir.path().join("slapd.conf");
        std::fs::write(
            &conf,
            format!(
                "include /etc/ldap/schema/core.schema\n\
                 include /etc/ldap/schema/cosine.schema\n\
                 include /etc/ldap/schema/inetorgperson.schema\n\
                 {tls}\
                 modulepath /usr/lib/ldap\n\
                 moduleload back_mdb\n\
                 moduleload memberof\n\
                 pidfile {pid}\n\
                 database mdb\n\
                 maxsize 10485760\n\
                 suffix \"{SUFFIX}\"\n\
                 rootdn \"{ADMIN}\"\n\
                 rootpw {ADMIN_PASSWORD}\n\
                 directory {db}\n\
                 overlay memberof\n",
                tls = pki.map_or_else(String::new, |p| format!(
                    "TLSCACertificateFile {}\nTLSCertificateFile {}\nTLSCertificateKeyFile {}\n",
                    p.path("ca.pem").display(),
                    p.path("server.pem").display(),
                    p.path("server.key").display()
                )),
                pid = dir.path().join("slapd.pid").display(),
                db = db.display(),
            ),
        )
        .unwrap();
        let free = || TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let port = free();
        let tls_port = pki.map(|_| free());
        let mut listen = format!("ldap://127.0.0.1:{port}/");
        if let Some(p) = tls_port {
            listen.push_str(&format!(" ldaps://127.0.0.1:{p}/"));
        }
        let child = Command::new(slapd)
            .args(["-f", conf.to_str().unwrap(), "-h", &listen, "-d", "0"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("slapd starts");
        let s = Slapd { child, port, tls_port, _dir: dir };
        for _ in 0..100 {
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                s.load();
                return s;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("slapd did not listen on {port} within 5 s");
    }

    fn url(&self) -> String {
        format!("ldap://127.0.0.1:{}", self.port)
    }

    /// Runs an ldap-utils command as the directory's administrator with `ldif` on stdin.
    fn admin(&self, tool: &str, ldif: &str) {
        use std::io::Write;
        let mut c = Command::new(tool)
            .args(["-x", "-H", &self.url(), "-D", ADMIN, "-w", ADMIN_PASSWORD])
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        c.stdin.take().unwrap().write_all(ldif.as_bytes()).unwrap();
        let out = c.wait_with_output().unwrap();
        assert!(out.status.success(), "{tool}: {}\n{ldif}", String::from_utf8_lossy(&out.stderr));
    }

    /// The base, the service account, people, then groups (so the memberof overlay fills in
    /// each person's `memberOf`).
    fn load(&self) {
        let mut ldif = format!(
            "dn: {SUFFIX}\nobjectClass: dcObject\nobjectClass: organization\no: Example\ndc: example\n\n\
             dn: ou=people,{SUFFIX}\nobjectClass: organizationalUnit\nou: people\n\n\
             dn: ou=groups,{SUFFIX}\nobjectClass: organizationalUnit\nou: groups\n\n\
             dn: {SERVICE}\nobjectClass: organizationalRole\nobjectClass: simpleSecurityObject\ncn: tahawul-service\n\
             userPassword: {SERVICE_PASSWORD}\n\n"
        );
        for (uid, pw, name, _) in PEOPLE {
            ldif.push_str(&format!(
                "dn: uid={uid},ou=people,{SUFFIX}\nobjectClass: inetOrgPerson\nuid: {uid}\ncn: {uid}\nsn: {uid}\n\
                 displayName:: {}\nuserPassword: {pw}\n\n",
                base64(name)
            ));
        }
        for g in GROUPS {
            ldif.push_str(&format!("dn: cn={g},ou=groups,{SUFFIX}\nobjectClass: groupOfNames\ncn: {g}\n"));
            for (uid, _, _, groups) in PEOPLE {
                if groups.contains(g) {
                    ldif.push_str(&format!("member: uid={uid},ou=people,{SUFFIX}\n"));
                }
            }
            ldif.push('\n');
        }
        self.admin("ldapadd", &ldif);
    }

    /// Moves `uid` from one group to another (the overlay updates their `memberOf`).
    fn move_member(&self, uid: &str, from: &str, to: &str) {
        let dn = format!("uid={uid},ou=people,{SUFFIX}");
        self.admin(
            "ldapmodify",
            &format!(
                "dn: cn={from},ou=groups,{SUFFIX}\nchangetype: modify\ndelete: member\nmember: {dn}\n\n\
                 dn: cn={to},ou=groups,{SUFFIX}\nchangetype: modify\nadd: member\nmember: {dn}\n"
            ),
        );
    }
}

impl Drop for Slapd {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// LDIF's `::` form, for the Arabic display name.
fn base64(s: &str) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(s)
}

const MAPPING: &str = r#"# Which directory groups make which Tahawul role and party.
[[group]]
group = "cn=iq-heads,ou=groups,dc=example,dc=org"
role = "delegation-head"
party = "iq"

[[group]]
group = "us-members"
role = "delegation-member"
party = "us"

[[group]]
group = "coalition-partners"
role = "coalition-partner"
party = "coalition"
"#;

fn mapping_file(dir: &Path, text: &str) -> PathBuf {
    let p = dir.join("directory.toml");
    std::fs::write(&p, text).unwrap();
    p
}

/// The directory as `serve --ldap URL --ldap-service-dn … --ldap-base … --directory FILE`
/// makes it: a service account searches, groups from `memberOf`.
fn searching(url: &str) -> Directory {
    let dir = tempfile::tempdir().unwrap();
    let mapping = read_mapping_file(&mapping_file(dir.path(), MAPPING)).expect("the mapping reads");
    Directory {
        url: url.into(),
        starttls: false,
        locate: Locate::Search { service_dn: SERVICE.into(), service_password: Secret(SERVICE_PASSWORD.into()) },
        base: Some(format!("ou=people,{SUFFIX}")),
        user_filter: DEFAULT_USER_FILTER.into(),
        groups: Groups::MemberOf,
        mapping: Arc::new(mapping),
        timeout: Duration::from_secs(3),
        trust: None,
    }
}

async fn app_with(db: Db, d: Directory) -> TestApp {
    helpers::spawn_app_with(db, |c| c.directory = Some(Arc::new(d))).await
}

/// Signs in through the API with a fresh cookie jar: the status, the body, and the jar.
async fn api_sign_in(app: &TestApp, name: &str, password: &str) -> (u16, Value, reqwest::Client) {
    let jar = reqwest::Client::builder().cookie_store(true).build().unwrap();
    let res =
        jar.post(app.url("/api/v1/session")).json(&json!({ "name": name, "password": password })).send().await.unwrap();
    let status = res.status().as_u16();
    let body = serde_json::from_str(&res.text().await.unwrap()).unwrap_or(Value::Null);
    (status, body, jar)
}

/// Signs in through the page's form: the status, the location, the body.
async fn page_sign_in(app: &TestApp, name: &str, password: &str, lang: &str) -> (u16, String, String, reqwest::Client) {
    let c = browser();
    let page = c.get(app.url("/sign-in")).send().await.unwrap().text().await.unwrap();
    let csrf = csrf_of(&page);
    let res = c
        .post(app.url("/sign-in"))
        .header("accept-language", lang)
        .form(&[("csrf", csrf.as_str()), ("name", name), ("password", password), ("next", "/inbox")])
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    let location = res.headers().get("location").map(|v| v.to_str().unwrap().to_string()).unwrap_or_default();
    (status, location, res.text().await.unwrap(), c)
}

/// A directory user signs in through the API and the page with the role and party their
/// group maps to, can do what that role does, and a change of group in the directory changes
/// their role at the next sign-in, with an audit entry.
async fn directory_people_sign_in_with_their_mapped_role_and_party(db: Db) {
    let ldap = Slapd::start();
    let app = app_with(db, searching(&ldap.url())).await;

    let cases = [
        ("karim", "karim-password", Role::DelegationHead, "iq"),
        ("jane", "jane-password", Role::DelegationMember, "us"),
        ("ella", "ella-password", Role::CoalitionPartner, "coalition"),
    ];
    for (name, pw, role, party) in cases {
        let (s, body, jar) = api_sign_in(&app, name, pw).await;
        assert_eq!(s, 200, "{name}: {body}");
        assert_eq!(body["user"]["role"], role.as_str(), "{name}");
        assert_eq!(body["user"]["party"], party, "{name}");
        assert_eq!(body["user"]["directory"], true, "{name}");
        // The session works like any other: their inbox and who-am-I answer as them.
        let inbox = jar.get(app.url("/api/v1/inbox")).send().await.unwrap();
        assert_eq!(inbox.status().as_u16(), 200, "{name} reads their inbox");
        let me: Value = jar.get(app.url("/api/v1/session")).send().await.unwrap().json().await.unwrap();
        assert_eq!(me["user"]["name"], name);
    }
    let karim = app.store.get_user("karim").await.unwrap();
    assert_eq!(karim.display_name, "Karim Al-Rubaie · كريم الربيعي", "the directory's displayName");
    assert!(karim.directory);
    // A directory account has no local password: not even an empty one is taken.
    assert!(app.store.verify_password("karim", "").await.unwrap().is_none());
    assert!(app.store.verify_password("karim", "karim-password").await.unwrap().is_none());

    // The Iraqi head does what a head does: the cases' workflow endpoints accept them as a
    // head of `iq` (an endorsement they may see is listed for their delegation).
    let (s, _, jar) = api_sign_in(&app, "karim", "karim-password").await;
    assert_eq!(s, 200);
    let users = jar.get(app.url("/api/v1/users")).send().await.unwrap().status().as_u16();
    assert_eq!(users, 403, "a head is not the secretariat");

    // Through the page: a redirect to where they were going, and the inbox page in their name.
    let (s, location, body, c) = page_sign_in(&app, "jane", "jane-password", "en").await;
    assert_eq!((s, location.as_str()), (303, "/inbox"), "{body}");
    let inbox = c.get(app.url("/inbox")).send().await.unwrap();
    assert_eq!(inbox.status().as_u16(), 200);
    let page = inbox.text().await.unwrap();
    assert!(page.contains("<bdi>Jane Doe</bdi>"), "signed in as the directory's display name:\n{page}");

    // The directory moves Karim to the US members: his next sign-in makes him one, audited.
    let before = app.store.get_user("karim").await.unwrap();
    ldap.move_member("karim", "iq-heads", "us-members");
    let (s, body, _) = api_sign_in(&app, "karim", "karim-password").await;
    assert_eq!(s, 200, "{body}");
    assert_eq!(
        (body["user"]["role"].as_str(), body["user"]["party"].as_str()),
        (Some("delegation-member"), Some("us"))
    );
    let after = app.store.get_user("karim").await.unwrap();
    assert_eq!(after.version, before.version + 1, "a new role ends the sessions of the old one");
    let entries = app.store.audit_entries(0, 10_000).await.unwrap();
    let change = entries
        .iter()
        .rev()
        .find(|e| e.kind == "user" && e.record_id == "karim")
        .expect("an audit entry for the change");
    assert_eq!((change.action.as_str(), change.actor.as_str()), ("directory", "directory"));
    assert_eq!(change.before.as_ref().unwrap()["role"], "delegation-head");
    assert_eq!(change.after.as_ref().unwrap()["party"], "us");
    // The account was created with an audit entry too, and signing in unchanged writes none.
    assert!(entries.iter().any(|e| e.action == "create" && e.record_id == "karim" && e.actor == "directory"));
    let n = app.store.audit_entries(0, 10_000).await.unwrap().len();
    assert_eq!(api_sign_in(&app, "karim", "karim-password").await.0, 200);
    assert_eq!(app.store.audit_entries(0, 10_000).await.unwrap().len(), n, "nothing changed, nothing written");
}

/// Every refusal gets the same answer: wrong password, unknown name, a person in no mapped
/// group, an empty password (LDAP's anonymous bind), a filter injection; and the escaping is
/// what stops the injection, not luck.
async fn refusals_are_one_answer_and_injection_fails(db: Db) {
    let ldap = Slapd::start();
    let directory = searching(&ldap.url());
    let app = app_with(db, directory.clone()).await;
    let (s, wrong, _) = api_sign_in(&app, "karim", "not-karims-password").await;
    assert_eq!(s, 401);
    for (name, pw) in [
        ("nobody", "whatever-password"),
        ("outsider", "outsider-password"),
        ("karim", ""),
        ("*)(uid=*", "karim-password"),
        ("*", "karim-password"),
        ("kar*", "karim-password"),
    ] {
        let (s, body, _) = api_sign_in(&app, name, pw).await;
        assert_eq!((s, &body), (401, &wrong), "{name:?} is refused like a wrong password");
    }
    assert!(app.store.get_user("outsider").await.is_err(), "no account for a person in no mapped group");
    // Straight to the directory, past the name check: `kar*` would find Karim if the filter
    // were not escaped, and his password would then let it in.
    assert!(directory.authenticate("karim", "karim-password").await.unwrap().is_some());
    assert_eq!(directory.authenticate("kar*", "karim-password").await.unwrap(), None);
    assert_eq!(directory.authenticate("*)(uid=*", "karim-password").await.unwrap(), None);
    assert_eq!(directory.authenticate("karim", "").await.unwrap(), None);
    // The page says the same for a wrong password and for no mapped group.
    let (s1, l1, _, _) = page_sign_in(&app, "karim", "wrong-password", "en").await;
    let (s2, l2, _, _) = page_sign_in(&app, "outsider", "outsider-password", "en").await;
    assert_eq!((s1, &l1), (s2, &l2));
    assert_eq!(s1, 303);
    assert!(l1.starts_with("/sign-in?failed=1"), "{l1}");
}

/// A disabled directory account stays disabled whatever the directory says; a local account
/// keeps its own password even when the directory has an entry of that name.
async fn disabled_and_local_accounts_keep_their_rules(db: Db) {
    let ldap = Slapd::start();
    let app = app_with(db, searching(&ldap.url())).await;
    assert_eq!(api_sign_in(&app, "karim", "karim-password").await.0, 200);
    let (s, doc) = app.call("sec", reqwest::Method::POST, "/api/v1/users/karim/disable", None).await;
    assert_eq!(s, 200, "{doc}");
    let (s, _, _) = api_sign_in(&app, "karim", "karim-password").await;
    assert_eq!(s, 401, "disabled stays disabled");
    assert!(app.store.get_user("karim").await.unwrap().disabled);

    // `us-head` is a local account; the directory's `us-head` (an Iraqi head there) is not it.
    let (s, _, _) = api_sign_in(&app, "us-head", "directory-us-head-password").await;
    assert_eq!(s, 401);
    let (s, body, _) = api_sign_in(&app, "us-head", PASSWORD).await;
    assert_eq!(s, 200);
    assert_eq!((body["user"]["party"].as_str(), body["user"]["directory"].as_bool()), (Some("us"), Some(false)));
}

/// A directory that does not answer: a 503 in the reader's language on the API and the page,
/// never a 500, and local accounts still sign in.
async fn directory_down_is_said_and_local_sign_in_goes_on(db: Db) {
    let ldap = Slapd::start();
    let url = ldap.url();
    drop(ldap);
    let app = app_with(db, searching(&url)).await;
    let res = reqwest::Client::new()
        .post(app.url("/api/v1/session"))
        .header("accept-language", "ar")
        .json(&json!({ "name": "karim", "password": "karim-password" }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 503);
    assert!(res.headers().get("retry-after").is_some());
    let doc: Value = res.json().await.unwrap();
    assert_eq!(doc["type"], "/problems/directory-unavailable");
    let ar = Localizer::new(Lang::Ar).unwrap();
    assert_eq!(doc["title"], ar.tr("api-directory-unavailable"));
    assert!(doc["title"].as_str().unwrap().contains("الدليل"), "{doc}");

    let (s, body, _) = api_sign_in(&app, "sec", PASSWORD).await;
    assert_eq!(s, 200, "local accounts sign in with the directory down: {body}");

    let (s, _, page, _) = page_sign_in(&app, "karim", "karim-password", "en").await;
    assert_eq!(s, 503);
    let en = Localizer::new(Lang::En).unwrap();
    assert!(page.contains(&en.tr("pages-sign-in-directory-down")), "{page}");
    assert!(page.contains(r#"name="password""#), "the form is there to try again");
    let (s, location, _, _) = page_sign_in(&app, "sec", PASSWORD, "en").await;
    assert_eq!((s, location.as_str()), (303, "/inbox"));
}

/// Binding by pattern (no service account), groups by a group search instead of `memberOf`.
async fn a_bind_pattern_and_a_group_search_work_too(db: Db) {
    let ldap = Slapd::start();
    let mut d = searching(&ldap.url());
    d.locate = Locate::Pattern(format!("uid={{user}},ou=people,{SUFFIX}"));
    d.base = None;
    d.groups = Groups::Search {
        base: format!("ou=groups,{SUFFIX}"),
        filter: tahawul_web::directory::DEFAULT_GROUP_FILTER.into(),
    };
    let app = app_with(db, d).await;
    let (s, body, _) = api_sign_in(&app, "ella", "ella-password").await;
    assert_eq!(s, 200, "{body}");
    assert_eq!(body["user"]["role"], "coalition-partner");
    assert_eq!(api_sign_in(&app, "ella", "jane-password").await.0, 401);
    assert_eq!(api_sign_in(&app, "outsider", "outsider-password").await.0, 401);
}

/// A directory whose certificate the organisation's own authority issued: with that
/// authority (`--ldap-ca`) people sign in over `ldaps://` and over StartTLS; without it the
/// connection is refused as untrusted (a 503, never a sign-in in clear), and nothing is made
/// of the person.
async fn tls_with_the_organisations_authority(db: Db) {
    let pki = Pki::make();
    let ldap = Slapd::start_with(Some(&pki));
    let trust = Trust::from_pem(&std::fs::read(pki.path("ca.pem")).unwrap()).expect("the authority reads");
    let ldaps = format!("ldaps://127.0.0.1:{}", ldap.tls_port.unwrap());

    let mut d = searching(&ldaps);
    d.trust = Some(trust.clone());
    let app = app_with(db, d).await;
    let (s, body, _) = api_sign_in(&app, "karim", "karim-password").await;
    assert_eq!((s, body["user"]["role"].as_str()), (200, Some("delegation-head")), "ldaps: {body}");
    assert_eq!(api_sign_in(&app, "karim", "jane-password").await.0, 401, "a wrong password over TLS");

    let mut d = searching(&ldap.url());
    d.starttls = true;
    d.trust = Some(trust);
    let app = app_with(db, d).await;
    let (s, body, _) = api_sign_in(&app, "jane", "jane-password").await;
    assert_eq!((s, body["user"]["party"].as_str()), (200, Some("us")), "StartTLS: {body}");

    // The system's authorities do not include the organisation's.
    for (url, starttls) in [(ldaps.as_str(), false), (ldap.url().as_str(), true)] {
        let mut d = searching(url);
        d.starttls = starttls;
        let app = app_with(db, d).await;
        let (s, body, _) = api_sign_in(&app, "ella", "ella-password").await;
        assert_eq!((s, body["type"].as_str()), (503, Some("/problems/directory-unavailable")), "{url}: {body}");
        assert!(app.store.get_user("ella").await.is_err(), "{url}: no account is made when TLS is refused");
    }
}

/// What `--ldap-ca` refuses to trust: a file with no certificate (a key alone), and a
/// certificate block that is not one.
#[test]
fn an_authority_file_must_hold_a_certificate() {
    let pki = Pki::make();
    let key = std::fs::read(pki.path("server.key")).unwrap();
    assert_eq!(Trust::from_pem(&key).unwrap_err(), TrustError::NoCertificate);
    assert_eq!(Trust::from_pem(b"").unwrap_err(), TrustError::NoCertificate);
    let broken = b"-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n";
    assert!(matches!(Trust::from_pem(broken), Err(TrustError::Bad(_))), "{:?}", Trust::from_pem(broken));
    // The authority and the server's certificate in one file: both are trusted.
    let both = [std::fs::read(pki.path("ca.pem")).unwrap(), std::fs::read(pki.path("server.pem")).unwrap()].concat();
    assert!(format!("{:?}", Trust::from_pem(&both).unwrap()).contains("authorities: 2"));
}

both!(
    tls_with_the_organisations_authority,
    directory_people_sign_in_with_their_mapped_role_and_party,
    refusals_are_one_answer_and_injection_fails,
    disabled_and_local_accounts_keep_their_rules,
    directory_down_is_said_and_local_sign_in_goes_on,
    a_bind_pattern_and_a_group_search_work_too,
);

/// A bad mapping file: every problem at file:line:column with the field, in both languages;
/// and a mapping naming a party the case does not have, at the party.
#[test]
fn a_bad_mapping_file_says_where_and_what() {
    let dir = tempfile::tempdir().unwrap();
    let path = mapping_file(
        dir.path(),
        "[[group]]\ngroup = \"iq-heads\"\nrole = \"delegation-heed\"\nparty = \"iq\"\n\n[[group]]\ngroup = \"partners\"\nrole = \"coalition-partner\"\n",
    );
    let diags = read_mapping_file(&path).unwrap_err();
    let file = path.display().to_string();
    for lang in [Lang::En, Lang::Ar] {
        let loc = Localizer::new(lang).unwrap();
        let text: Vec<String> = diags.iter().map(|d| d.render(&loc)).collect();
        assert!(text.iter().any(|t| t.starts_with(&format!("{file}:3:8:")) && t.contains("role")), "{text:?}");
        assert!(text.iter().any(|t| t.starts_with(&format!("{file}:6:1:")) && t.contains("party")), "{text:?}");
        assert!(!text.concat().contains('⟦'), "every message is translated: {text:?}");
    }
    assert!(
        read_mapping_file(&dir.path().join("missing.toml")).unwrap_err()[0].message.id
            == "directory-mapping-unreadable"
    );

    let typo = MAPPING.replace("party = \"coalition\"", "party = \"coalitoin\"");
    let m = tahawul_domain::directory::read_mapping(&SourceText::new("directory.toml", typo.as_str())).unwrap();
    let problems = m.check_against("directory.toml", &helpers::founding_case());
    assert_eq!(problems.len(), 1, "{problems:?}");
    let line = typo.lines().position(|l| l.contains("coalitoin")).unwrap() as u32 + 1;
    assert_eq!((problems[0].line, problems[0].column, problems[0].message.id), (line, 9, "directory-mapping-no-party"));
    let wrong_role = MAPPING.replace("party = \"coalition\"", "party = \"iq\"");
    let m = tahawul_domain::directory::read_mapping(&SourceText::new("directory.toml", wrong_role.as_str())).unwrap();
    assert_eq!(m.check_against("d", &helpers::founding_case())[0].message.id, "directory-mapping-party-role");
}
