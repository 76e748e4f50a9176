//! A real browser for the page tests: Debian's chromium, headless, driven through
//! chromedriver with fantoccini. `scripts/test` installs chromium and chromium-driver when
//! they are missing; these tests never skip.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;

use super::{PASSWORD, TestApp};

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// chromedriver and its profile folder, removed when the test ends however it ends.
pub struct Browser {
    pub client: Client,
    driver: Child,
    _profile: tempfile::TempDir,
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// Where screenshots go (`target/screenshots/`); the README's come from there.
pub fn screenshots_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target"));
    let dir = target.join("screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Starts chromedriver and a headless chromium session (1280×1000).
pub async fn open() -> Browser {
    for bin in [CHROMIUM, CHROMEDRIVER] {
        assert!(
            Path::new(bin).exists(),
            "{bin} is missing: the browser tests need Debian's chromium and chromium-driver. \
             Run scripts/test (it installs them), or: apt-get update && apt-get install -y chromium chromium-driver"
        );
    }
    let port = free_port();
    let driver = Command::new(CHROMEDRIVER)
        .arg(format!("--port={port}"))
        .arg("--allowed-ips=127.0.0.1")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {CHROMEDRIVER}: {e}"));
    let started = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "chromedriver did not listen on 127.0.0.1:{port} within 30 s"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
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
    let client = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(caps)
        .connect(&format!("http://127.0.0.1:{port}"))
        .await
        .unwrap_or_else(|e| panic!("chromedriver would not start a headless chromium session: {e}"));
    Browser { client, driver, _profile: profile }
}

impl Browser {
    /// Signs in through the form as one of the test users and waits for the dashboard.
    pub async fn sign_in(&self, app: &TestApp, user: &str) -> Result<(), fantoccini::error::CmdError> {
        let c = &self.client;
        c.goto(&app.url("/sign-in")).await?;
        c.find(Locator::Css("#name")).await?.send_keys(user).await?;
        c.find(Locator::Css("#password")).await?.send_keys(PASSWORD).await?;
        c.find(Locator::Css("form.stack button[type=submit]")).await?.click().await?;
        c.wait().for_element(Locator::Css("h1#dashboard-title")).await?;
        Ok(())
    }

    /// Clicks a button that submits a form and waits until the browser shows a new document.
    /// Waiting for an element instead races when the next page has the same element
    /// (`#history` before and after an endorsement): a read then lands on the old document.
    /// A mark set on the old document's window is gone once the new one has loaded.
    pub async fn submit(&self, css: &str) -> Result<(), fantoccini::error::CmdError> {
        self.client.execute("window.__tahawulOldPage = true; return null;", vec![]).await?;
        self.client.find(Locator::Css(css)).await?.click().await?;
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            // While the browser navigates a script may fail; only a new document answers `true`.
            let left = self.client.execute("return window.__tahawulOldPage === undefined;", vec![]).await;
            if matches!(left, Ok(serde_json::Value::Bool(true))) {
                break;
            }
            assert!(Instant::now() < deadline, "clicking {css} did not leave the page within 30 s");
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
        self.client.wait().for_element(Locator::Css("main")).await?;
        Ok(())
    }

    /// Saves a screenshot as `target/screenshots/NAME.png`.
    pub async fn screenshot(&self, name: &str) -> Result<(), fantoccini::error::CmdError> {
        let png = self.client.screenshot().await?;
        std::fs::write(screenshots_dir().join(format!("{name}.png")), png).unwrap();
        Ok(())
    }

    /// The text of `main`, checked for a message missing in the page's language (`⟦id⟧`).
    pub async fn main_text(&self) -> Result<String, fantoccini::error::CmdError> {
        let text = self.client.find(Locator::Css("main")).await?.text().await?;
        assert!(!text.contains('⟦'), "a message is missing in this language: {text}");
        Ok(text)
    }

    /// Closes the session (call at the end; a dropped Browser still kills chromedriver).
    pub async fn close(self) {
        let _ = self.client.clone().close().await;
    }
}
