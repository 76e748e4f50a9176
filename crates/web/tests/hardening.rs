//! Issue 12, over real sockets: slow clients cannot hold the server (header-read and idle
//! timeouts, a cap per address), comparing two huge statement versions is bounded and leaves
//! the server answering, and names are bidi-isolated where the pages show them (the
//! "Signed in as" line, the SVG charts' labels). On SQLite and PostgreSQL where the store
//! takes part: `scripts/with-postgres cargo test -p tahawul-web --test integration hardening::`.

use crate::helpers;

use helpers::both;

use std::net::{IpAddr, SocketAddr};
use std::time::{Duration, Instant};

use helpers::forms::sign_in;
use helpers::{Db, PASSWORD, TestApp, spawn_app};
use reqwest::Method;
use serde_json::{Value, json};
use tahawul_store::{NewUser, RecordKind, RecordWrite, Role, prelude::*};
use tahawul_web::{Config, ConnectionLimits};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpSocket, TcpStream};

/// The app on a second listener with these connection limits; its address.
async fn serve_with_limits(app: &TestApp, limits: ConnectionLimits) -> SocketAddr {
    let config = Config { secure_cookies: false, connections: limits, ..Config::default() };
    let router = tahawul_web::app(app.store.clone(), config).await.unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(tahawul_web::serve_with(listener, router, limits, std::future::pending()));
    addr
}

/// A connection to `to` from the loopback address `from` (127.0.0.0/8 is all loopback).
async fn connect_from(from: [u8; 4], to: SocketAddr) -> TcpStream {
    let socket = TcpSocket::new_v4().unwrap();
    socket.bind(SocketAddr::from((from, 0))).unwrap();
    socket.connect(to).await.unwrap()
}

/// Whether the server closes `stream` within `within` (a read that ends or fails; whatever
/// it answers on the way is skipped).
async fn closed_within(stream: &mut TcpStream, within: Duration) -> bool {
    let mut buf = [0u8; 1024];
    tokio::time::timeout(within, async {
        loop {
            match stream.read(&mut buf).await {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            }
        }
    })
    .await
    .is_ok()
}

/// `GET /health` from `from`: the status and how long it took.
async fn health_from(from: [u8; 4], addr: SocketAddr) -> (u16, Duration) {
    let client = reqwest::Client::builder().local_address(IpAddr::from(from)).build().unwrap();
    let started = Instant::now();
    let res = client.get(format!("http://{addr}/health")).timeout(Duration::from_secs(30)).send().await.unwrap();
    (res.status().as_u16(), started.elapsed())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn three_hundred_trickling_clients_are_cut_off_and_health_still_answers() {
    let app = spawn_app(Db::Sqlite).await;
    let header_read_timeout = Duration::from_secs(2);
    let limits = ConnectionLimits { header_read_timeout, idle_timeout: Duration::from_secs(30), per_address: 1000 };
    let addr = serve_with_limits(&app, limits).await;
    let started = Instant::now();
    let mut tricklers = Vec::new();
    for _ in 0..300 {
        let mut s = connect_from([127, 0, 0, 1], addr).await;
        s.write_all(b"GET /health HTTP/1.1\r\nHost: x\r\n").await.unwrap();
        tricklers.push(s);
    }
    // Every 200 ms, one more byte of an endless header on each connection.
    let (readers, writers): (Vec<_>, Vec<_>) = tricklers.into_iter().map(TcpStream::into_split).unzip();
    let trickle = tokio::spawn(async move {
        let mut writers: Vec<_> = writers.into_iter().map(Some).collect();
        loop {
            for w in writers.iter_mut() {
                if let Some(s) = w {
                    if s.write_all(b"X").await.is_err() {
                        *w = None;
                    }
                }
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    });
    // While they trickle, /health answers promptly, from another address and from theirs.
    for from in [[127, 0, 0, 2], [127, 0, 0, 1]] {
        let (status, took) = health_from(from, addr).await;
        assert_eq!(status, 200);
        assert!(took < Duration::from_secs(2), "/health took {took:?} with 300 trickling clients");
    }
    // Every trickling connection is closed once its header time is up, though it kept sending.
    let mut open = 0;
    for mut r in readers {
        let deadline =
            (started + header_read_timeout + Duration::from_secs(5)).saturating_duration_since(Instant::now());
        let mut buf = [0u8; 1024];
        let closed = tokio::time::timeout(deadline, async {
            loop {
                match r.read(&mut buf).await {
                    Ok(0) | Err(_) => return,
                    Ok(_) => {}
                }
            }
        })
        .await
        .is_ok();
        if !closed {
            open += 1;
        }
    }
    trickle.abort();
    assert_eq!(open, 0, "{open} of 300 trickling connections still open {:?} after they began", started.elapsed());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_address_holds_at_most_its_cap_and_others_are_served() {
    let app = spawn_app(Db::Sqlite).await;
    let limits = ConnectionLimits {
        header_read_timeout: Duration::from_secs(3),
        idle_timeout: Duration::from_secs(30),
        per_address: 10,
    };
    let addr = serve_with_limits(&app, limits).await;
    let mut held = Vec::new();
    for _ in 0..10 {
        held.push(connect_from([127, 0, 0, 3], addr).await);
    }
    // Let the server count them, then the eleventh onwards are closed at once.
    tokio::time::sleep(Duration::from_millis(300)).await;
    for i in 0..5 {
        let mut extra = connect_from([127, 0, 0, 3], addr).await;
        assert!(closed_within(&mut extra, Duration::from_secs(1)).await, "connection {} over the cap kept", 11 + i);
    }
    // Another address is served meanwhile.
    assert_eq!(health_from([127, 0, 0, 4], addr).await.0, 200);
    // The ten held are closed by the header timeout; then the address is served again.
    for s in held.iter_mut() {
        assert!(closed_within(s, Duration::from_secs(8)).await, "an idle connection outlived the header timeout");
    }
    drop(held);
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(health_from([127, 0, 0, 3], addr).await.0, 200);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stalled_body_is_cut_at_the_idle_timeout() {
    let app = spawn_app(Db::Sqlite).await;
    let idle_timeout = Duration::from_secs(1);
    let limits = ConnectionLimits { header_read_timeout: Duration::from_secs(10), idle_timeout, per_address: 64 };
    let addr = serve_with_limits(&app, limits).await;
    let mut s = connect_from([127, 0, 0, 1], addr).await;
    let started = Instant::now();
    s.write_all(
        b"POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{",
    )
    .await
    .unwrap();
    assert!(closed_within(&mut s, Duration::from_secs(6)).await, "a stalled body held its connection");
    assert!(started.elapsed() >= idle_timeout, "closed before the idle timeout: {:?}", started.elapsed());
    // A kept-alive connection that got its answer and then sends nothing is closed too.
    let mut s = connect_from([127, 0, 0, 1], addr).await;
    s.write_all(b"GET /health HTTP/1.1\r\nHost: x\r\n\r\n").await.unwrap();
    let mut first = [0u8; 12];
    s.read_exact(&mut first).await.unwrap();
    assert_eq!(&first, b"HTTP/1.1 200");
    assert!(closed_within(&mut s, Duration::from_secs(6)).await, "an idle kept-alive connection was kept");
}

/// `chars` characters of one-digit lines that differ from seed to seed.
fn short_lines(chars: usize, seed: u64) -> String {
    let mut out = String::new();
    let mut x = seed;
    while out.len() + 2 <= chars {
        x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        out.push_str(&format!("{}\n", (x >> 60) % 7));
    }
    out
}

fn rebuilt(pieces: &Value) -> (String, String) {
    let (mut old, mut new) = (String::new(), String::new());
    for p in pieces.as_array().unwrap() {
        let t = p["text"].as_str().unwrap();
        match p["op"].as_str().unwrap() {
            "same" => {
                old.push_str(t);
                new.push_str(t);
            }
            "removed" => old.push_str(t),
            "added" => new.push_str(t),
            op => panic!("unknown op {op}"),
        }
    }
    (old, new)
}

async fn comparing_two_huge_versions_is_bounded_and_the_server_keeps_answering(db: Db) {
    let app = spawn_app(db).await;
    let (s, v) = app.call("us-head", Method::POST, "/api/v1/rounds/jscd-1/statement", None).await;
    assert_eq!(s, 201, "{v}");
    // Two versions of 99,998 characters of short lines: the old table needed 6 GB for them.
    let (a, b) = (short_lines(99_998, 1), short_lines(99_998, 2));
    for (n, text) in [(1, &a), (2, &b)] {
        let body = json!({ "lang": "en", "text": text, "based_on": n });
        let (s, v) = app.call("us-head", Method::POST, "/api/v1/rounds/jscd-1/statement/versions", Some(body)).await;
        assert_eq!(s, 201, "{v}");
    }
    // A statement may be long, not unbounded: one character over its limit is refused.
    let over = "x".repeat(tahawul_domain::rules::STATEMENT_MAX_CHARS + 1);
    let body = json!({ "lang": "en", "text": over, "based_on": 3 });
    let (s, v) = app.call("us-head", Method::POST, "/api/v1/rounds/jscd-1/statement/versions", Some(body)).await;
    assert_eq!(s, 422, "{v}");
    assert_eq!(v["errors"][0]["code"], "record-api-statement-too-long", "{v}");
    let page = sign_in(&app, "auditor").await;
    let started = Instant::now();
    let api = app.call("auditor", Method::GET, "/api/v1/rounds/jscd-1/statement/compare?from=2&to=3", None);
    let shown = page.get(app.url("/rounds/jscd-1/statement?from=2&to=3")).send();
    let watch = async {
        // /health, ten times a second, while the comparisons run.
        let mut slowest = Duration::ZERO;
        for _ in 0..20 {
            let t = Instant::now();
            let res = app.client.get(app.url("/health")).send().await.unwrap();
            assert_eq!(res.status(), 200);
            slowest = slowest.max(t.elapsed());
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        slowest
    };
    let ((status, compared), shown, slowest) = tokio::join!(api, shown, watch);
    let took = started.elapsed();
    assert_eq!(status, 200, "{compared}");
    assert_eq!(rebuilt(&compared["en"]), (a, b), "the pieces rebuild both versions");
    let shown = shown.unwrap();
    assert_eq!(shown.status(), 200);
    assert!(shown.text().await.unwrap().contains(r#"id="compare""#));
    assert!(took < Duration::from_secs(15), "the comparisons took {took:?}");
    assert!(slowest < Duration::from_secs(2), "/health took {slowest:?} during the comparisons");
}

const RLO: char = '\u{202E}';

async fn names_are_isolated_in_the_header_and_the_charts(db: Db) {
    let app = spawn_app(db).await;
    let display = format!("Eve{RLO}nil");
    let user = NewUser {
        name: "eve".into(),
        display_name: display.clone(),
        role: Role::Secretariat,
        party: None,
        factor: None,
        password: PASSWORD.into(),
    };
    app.store.create_user(user, "setup").await.unwrap();
    // An area whose name carries an override, shown in the dashboard's heatmap.
    let mut body = app.store.list_records(RecordKind::Area).await.unwrap().remove(0).body;
    let area = format!("Zone{RLO}evil");
    body["id"] = json!("rlo-zone");
    body["name"] = json!({ "en": area, "ar": format!("منطقة {area}") });
    body["parent"] = Value::Null;
    let write = RecordWrite {
        kind: RecordKind::Area,
        id: "rlo-zone".into(),
        body,
        owner_party: None,
        shared: true,
        releasable: true,
    };
    app.store.put_record(write, None, "setup").await.unwrap();
    let c = sign_in(&app, "eve").await;
    for lang in ["en", "ar"] {
        c.get(app.url(&format!("/lang/{lang}?next=/dashboard"))).send().await.unwrap();
        let html = c.get(app.url("/dashboard")).send().await.unwrap().text().await.unwrap();
        let who = &html[html.find(r#"class="who""#).expect("the signed-in line")..];
        let who = &who[..who.find("</p>").unwrap()];
        assert!(who.contains(&format!("<bdi>{display}</bdi>")), "the name is not isolated ({lang}): {who}");
        let svg = &html[html.find("<svg class=\"chart heatmap\"").expect("the heatmap")..];
        let svg = &svg[..svg.find("</svg>").unwrap()];
        let label = if lang == "en" { area.clone() } else { format!("منطقة {area}") };
        assert!(svg.contains(&format!("\u{2068}{label}\u{2069}")), "the area label is not isolated ({lang})");
        // Nowhere in the chart does the override stand outside an isolate.
        for (at, _) in svg.match_indices(RLO) {
            let before = &svg[..at];
            let (open, close) = (before.rfind('\u{2068}'), before.rfind('\u{2069}'));
            assert!(open > close, "an override outside an isolate ({lang}) at {at}");
        }
    }
}

both!(
    comparing_two_huge_versions_is_bounded_and_the_server_keeps_answering,
    names_are_isolated_in_the_header_and_the_charts
);
