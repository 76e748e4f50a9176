//! `tahawul serve --demo`, as the README's "Try the demo" has a newcomer run it: on a new
//! database it prints one demo account per role and their password (in the reader's
//! language); signing in with them over real HTTP reaches the dashboard and each role's main
//! page; a second start creates nothing and prints no password.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use reqwest::redirect::Policy;

/// The server, killed when the test ends however it ends.
struct Server {
    child: Child,
    /// Everything printed before the address, one entry a line.
    lines: Vec<String>,
    base: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `tahawul serve --demo` on a free port, in a language; waits for its address.
fn serve_demo(db: &str, lang: &str) -> Server {
    let child = Command::new(env!("CARGO_BIN_EXE_tahawul"))
        .args(["serve", "--demo", "--database", db, "--bind", "127.0.0.1:0"])
        .env("TAHAWUL_LANG", lang)
        .env("TAHAWUL_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Owned by a Server at once, so a failed assertion below still kills the child.
    let mut server = Server { child, lines: Vec::new(), base: String::new() };
    let mut out = BufReader::new(server.child.stdout.take().unwrap());
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        let mut line = String::new();
        assert!(
            out.read_line(&mut line).unwrap() > 0 && Instant::now() < deadline,
            "serve printed no address; it printed:\n{}",
            server.lines.join("")
        );
        // The address line is the last one printed before serving ("Serving … on http://…").
        let serving = line.contains("http://") && !line.contains("/sign-in");
        server.lines.push(line.clone());
        if serving {
            let at = line.find("http://").unwrap();
            server.base = line[at..].split_whitespace().next().unwrap().to_string();
            // Keep draining stdout so the child never blocks on a full pipe.
            std::thread::spawn(move || for _ in out.lines() {});
            return server;
        }
    }
}

/// The demo password in the printed lines (`demo-xxxx-xxxx-xxxx-xxxx`).
fn password_in(lines: &[String]) -> Option<String> {
    lines.iter().find_map(|l| {
        let at = l.find("demo-")?;
        let candidate: String = l[at..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-').collect();
        let parts: Vec<&str> = candidate.split('-').collect();
        (parts.len() == 5 && parts[1..].iter().all(|p| p.len() == 4)).then_some(candidate)
    })
}

fn csrf_of(html: &str) -> String {
    let key = r#"name="csrf" value=""#;
    let at = html.find(key).expect("a csrf field");
    let rest = &html[at + key.len()..];
    rest[..rest.find('"').unwrap()].to_string()
}

/// Signs in through the form; the client (holding the session) and where it was sent.
async fn sign_in(base: &str, name: &str, password: &str) -> (reqwest::Client, u16, String) {
    let c = reqwest::Client::builder().cookie_store(true).redirect(Policy::none()).build().unwrap();
    let page = c.get(format!("{base}/sign-in")).send().await.unwrap().text().await.unwrap();
    let res = c
        .post(format!("{base}/sign-in"))
        .form(&[("csrf", csrf_of(&page).as_str()), ("name", name), ("password", password), ("next", "/dashboard")])
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    let location = res.headers().get("location").map(|v| v.to_str().unwrap().to_string()).unwrap_or_default();
    (c, status, location)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_accounts_sign_in_and_reach_their_pages() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}", dir.path().join("demo.db").display());

    // First start, in Arabic: the accounts and their password, said in Arabic.
    let server = serve_demo(&db, "ar");
    let printed = server.lines.join("");
    assert!(printed.contains("أُنشئت حسابات العرض التجريبي"), "{printed}");
    for name in [
        "demo-secretariat",
        "demo-us-head",
        "demo-iq-head",
        "demo-us-member",
        "demo-wg-threat",
        "demo-partner",
        "demo-auditor",
    ] {
        assert!(printed.contains(name), "{name} listed:\n{printed}");
    }
    let password = password_in(&server.lines).unwrap_or_else(|| panic!("no password printed:\n{printed}"));
    assert!(printed.contains("أُتيح لشركاء التحالف"), "the public record is released to partners:\n{printed}");

    // Each role signs in and reaches the dashboard and its main page (what a refused role
    // gets is 403, so a 200 here means the role's own work is reachable).
    for (name, page) in [
        ("demo-secretariat", "/users"),
        ("demo-us-head", "/assessments"),
        ("demo-iq-head", "/assessments"),
        ("demo-us-member", "/assessments"),
        ("demo-wg-threat", "/assessments/new"),
        ("demo-partner", "/dashboard"),
        ("demo-auditor", "/audit"),
    ] {
        let (c, status, location) = sign_in(&server.base, name, &password).await;
        assert_eq!((status, location.as_str()), (303, "/dashboard"), "{name} signs in");
        let res = c.get(format!("{}/dashboard", server.base)).send().await.unwrap();
        assert_eq!(res.status().as_u16(), 200, "{name}: dashboard");
        assert!(res.text().await.unwrap().contains(r#"id="dashboard-title""#));
        let res = c.get(format!("{}{page}", server.base)).send().await.unwrap();
        assert_eq!(res.status().as_u16(), 200, "{name}: {page}");
    }
    // The partner's demo shows what a partner is for (issue 17 item 10): the rounds and the
    // commitment ledger the joint statements made public, and the case on the dashboard; the
    // delegations' assessments stay theirs.
    let (c, _, _) = sign_in(&server.base, "demo-partner", &password).await;
    let get = |path: &'static str| {
        let c = c.clone();
        let url = format!("{}{path}", server.base);
        async move { c.get(url).send().await.unwrap().text().await.unwrap() }
    };
    let rounds = get("/rounds").await;
    assert!(rounds.contains("/rounds/jscd-1") && rounds.contains("/rounds/joint-statement-2024-09"), "{rounds}");
    let ledger = get("/commitments").await;
    assert!(ledger.contains("s24-mission-ends-federal-iraq"), "{ledger}");
    let dashboard = get("/dashboard").await;
    assert!(!dashboard.contains("There is no area or factor you may see"), "{dashboard}");
    let (_, api) = {
        let res = c.get(format!("{}/api/v1/assessments", server.base)).send().await.unwrap();
        (res.status().as_u16(), res.text().await.unwrap())
    };
    assert!(!api.contains("\"kind\":\"assessment\""), "assessments are not released: {api}");
    let (_, status, location) = sign_in(&server.base, "demo-auditor", "not the password").await;
    assert_eq!(status, 303);
    assert!(location.contains("failed"), "a wrong password is refused");
    drop(server);

    // Second start: the users exist, nothing is created, no password printed.
    let again = serve_demo(&db, "en");
    let printed = again.lines.join("");
    assert!(printed.contains("already has users: no demo accounts were created"), "{printed}");
    assert_eq!(password_in(&again.lines), None, "no password the second time:\n{printed}");
    let (_, status, location) = sign_in(&again.base, "demo-auditor", &password).await;
    assert_eq!((status, location.as_str()), (303, "/dashboard"), "the first password still works");
}
