//! One real browser: Debian's chromium, headless, driven through chromedriver with fantoccini.
//! Signs in as the secretariat, switches to Arabic, checks the page is right to left and
//! translated, and saves screenshots in target/screenshots/. `scripts/test` installs
//! chromium and chromium-driver when they are missing; this test never skips.

mod helpers;

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{ClientBuilder, Locator};
use helpers::{Db, PASSWORD, spawn_app};
use serde_json::json;

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// chromedriver, killed when the test ends however it ends.
struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

fn screenshots_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target"));
    let dir = target.join("screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn start_driver() -> (Driver, u16) {
    for bin in [CHROMIUM, CHROMEDRIVER] {
        assert!(
            Path::new(bin).exists(),
            "{bin} is missing: the browser tests need Debian's chromium and chromium-driver. \
             Run scripts/test (it installs them), or: apt-get update && apt-get install -y chromium chromium-driver"
        );
    }
    let port = free_port();
    let child = Command::new(CHROMEDRIVER)
        .arg(format!("--port={port}"))
        .arg("--allowed-ips=127.0.0.1")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {CHROMEDRIVER}: {e}"));
    let driver = Driver(child);
    let started = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(started.elapsed() < Duration::from_secs(30), "chromedriver did not listen on 127.0.0.1:{port} within 30 s");
        std::thread::sleep(Duration::from_millis(100));
    }
    (driver, port)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn secretariat_signs_in_and_reads_the_dashboard_in_arabic() {
    let app = spawn_app(Db::Sqlite).await;
    let (_driver, port) = start_driver();
    let profile = tempfile::tempdir().unwrap();
    let args = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1280,1000",
        &format!("--user-data-dir={}", profile.path().display()),
    ];
    let mut caps = serde_json::Map::new();
    caps.insert("goog:chromeOptions".into(), json!({ "binary": CHROMIUM, "args": args }));
    let client = ClientBuilder::rustls()
        .expect("rustls connector")
        .capabilities(caps)
        .connect(&format!("http://127.0.0.1:{port}"))
        .await
        .unwrap_or_else(|e| panic!("chromedriver would not start a headless chromium session: {e}"));

    let result = async {
        client.goto(&app.url("/dashboard")).await?;
        // Not signed in: the dashboard sends us to the form.
        assert!(client.current_url().await?.path().ends_with("/sign-in"));
        client.find(Locator::Css("#name")).await?.send_keys("sec").await?;
        client.find(Locator::Css("#password")).await?.send_keys(PASSWORD).await?;
        client.find(Locator::Css("form.stack button[type=submit]")).await?.click().await?;
        let h1 = client.wait().for_element(Locator::Css("h1#dashboard-title")).await?;
        assert_eq!(h1.text().await?, "Dashboard");
        assert_eq!(client.execute("return document.documentElement.dir", vec![]).await?, json!("ltr"));
        std::fs::write(screenshots_dir().join("dashboard-en.png"), client.screenshot().await?).unwrap();

        // Switch to Arabic with the link in the header (no script involved).
        client.find(Locator::Css("#lang-switch")).await?.click().await?;
        client.wait().for_element(Locator::Css("html[dir=rtl]")).await?;
        assert_eq!(client.execute("return document.documentElement.lang", vec![]).await?, json!("ar"));
        assert_eq!(client.execute("return getComputedStyle(document.body).direction", vec![]).await?, json!("rtl"));
        let heading = client.find(Locator::Css("h1#dashboard-title")).await?.text().await?;
        assert_eq!(heading, "لوحة المتابعة");
        let body = client.find(Locator::Css("main")).await?.text().await?;
        assert!(!body.contains('⟦'), "a message is missing in Arabic: {body}");
        std::fs::write(screenshots_dir().join("dashboard-ar.png"), client.screenshot().await?).unwrap();

        // Remembered: a fresh load is still Arabic.
        client.goto(&app.url("/dashboard")).await?;
        assert_eq!(client.execute("return document.documentElement.dir", vec![]).await?, json!("rtl"));
        Ok::<(), fantoccini::error::CmdError>(())
    }
    .await;
    let _ = client.close().await;
    result.unwrap();
}
