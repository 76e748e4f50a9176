//! The client both `minutes --server` and `audit --server` use: one base URL, the API token
//! from `TAHAWUL_TOKEN`, and a problem document turned into a failure in the server's words.

use serde_json::Value;
use tahawul_i18n::Message;

use super::Failure;
use super::serve::runtime;

fn problem(m: Message) -> Failure {
    Failure::Problem(m, None)
}

/// A Tahawul server read with an API token (`TAHAWUL_TOKEN`, never on the command line,
/// where other users' `ps` would show it).
pub struct ServerClient {
    /// The server's address, without a trailing slash.
    pub base: String,
    token: String,
    http: reqwest::Client,
    rt: tokio::runtime::Runtime,
}

impl ServerClient {
    /// A client for `url` (plain http on loopback or a trusted network), with the token from the environment.
    pub fn new(url: &str) -> Result<ServerClient, Failure> {
        let token = std::env::var("TAHAWUL_TOKEN")
            .ok()
            .filter(|t| !t.is_empty())
            .ok_or_else(|| problem(Message::new("record-cli-server-no-token")))?;
        if !url.starts_with("http://") {
            return Err(Failure::Problem(
                Message::new("record-cli-server-url").arg("url", url),
                Some(Message::new("record-cli-server-url-help")),
            ));
        }
        Ok(ServerClient {
            base: url.trim_end_matches('/').to_string(),
            token,
            http: reqwest::Client::new(),
            rt: runtime()?,
        })
    }

    /// Sends a request; a problem document becomes the failure, in the server's words.
    pub fn call(&self, method: reqwest::Method, path: &str, body: Option<Value>) -> Result<Value, Failure> {
        let url = format!("{}{path}", self.base);
        self.rt.block_on(async {
            let mut rb = self.http.request(method, &url).bearer_auth(&self.token);
            if let Some(b) = body {
                rb = rb.json(&b);
            }
            let res = rb.send().await.map_err(|e| {
                problem(
                    Message::new("record-cli-server-unreachable").arg("url", url.as_str()).arg("detail", e.to_string()),
                )
            })?;
            let status = res.status();
            let doc: Value = res.json().await.unwrap_or(Value::Null);
            if status.is_success() {
                return Ok(doc);
            }
            let detail = doc["errors"][0]["detail"].as_str().or(doc["detail"].as_str()).unwrap_or("").to_string();
            Err(problem(
                Message::new("record-cli-server-refused")
                    .arg("status", u32::from(status.as_u16()))
                    .arg("detail", detail),
            ))
        })
    }

    /// GETs a JSON document.
    pub fn get(&self, path: &str) -> Result<Value, Failure> {
        self.call(reqwest::Method::GET, path, None)
    }
}
