//! `tahawul-load`: drives a running `tahawul serve` with simulated people and checks afterwards
//! that nothing it acknowledged was lost.
//!
//! - `run`: N users for D seconds. Each signs in (a session for the dashboard page) and uses an
//!   API token for the rest, then loops: think 0.5–1.5 s (a person reading), then one of
//!   dashboard page, `/api/v1/status`, indicator reads, gate evaluation, observation writes,
//!   the assessment workflow (create → submit → endorse) or a forecast. Every acknowledged write
//!   is appended to the `--acked` file as soon as its 2xx answer is read, so the file survives
//!   the server (and this process) being killed. Prints and writes latency percentiles per kind.
//! - `verify`: every write in the `--acked` file is in the database (observations by value,
//!   assessments at least at the acknowledged version), and the audit chain verifies.
//!
//! The accounts `sec`, `us-head`, `wg-threat`, `partner` and `auditor` must exist with the
//! password given (`scripts/load` makes them with `tahawul user add`).

use std::collections::{BTreeMap, HashSet};
use std::io::Write;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use clap::{Parser, Subcommand};
use serde_json::{Value, json};

#[derive(Parser)]
#[command(about = "Load generator and write checker for tahawul serve")]
struct Cli {
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Simulated users against a server.
    Run {
        #[arg(long)]
        base: String,
        #[arg(long, default_value_t = 200)]
        users: usize,
        /// Seconds of load (after every user has signed in).
        #[arg(long, default_value_t = 60)]
        duration: u64,
        #[arg(long)]
        password: String,
        /// Acknowledged writes are appended here.
        #[arg(long)]
        acked: std::path::PathBuf,
        /// The report (JSON).
        #[arg(long)]
        report: Option<std::path::PathBuf>,
        /// Keep going through refused connections and 5xx (fault runs): count, do not fail.
        #[arg(long)]
        tolerate_errors: bool,
        /// Fail if the reads' p99 is above this many milliseconds.
        #[arg(long)]
        p99_ms: Option<f64>,
        /// Think time between one user's requests, milliseconds (uniform in [t/2, 3t/2]).
        #[arg(long, default_value_t = 1000)]
        think_ms: u64,
    },
    /// Every acknowledged write is stored; the audit chain verifies.
    Verify {
        #[arg(long)]
        base: String,
        #[arg(long)]
        password: String,
        #[arg(long)]
        acked: std::path::PathBuf,
    },
}

const ACCOUNTS: [&str; 5] = ["sec", "us-head", "wg-threat", "partner", "auditor"];

/// The kinds of request, and whether they count as reads for the p99 target.
const KINDS: [(&str, bool); 10] = [
    ("dashboard", true),
    ("indicator-page", true),
    ("status", true),
    ("observations", true),
    ("gates", true),
    ("observation-write", false),
    ("assessment-create", false),
    ("assessment-submit", false),
    ("assessment-endorse", false),
    ("forecast", false),
];

fn client(cookies: bool) -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(cookies)
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(30))
        .pool_max_idle_per_host(4)
        .build()
        .expect("http client")
}

/// Signs in (with retries while the server comes up); the client keeps the session.
async fn sign_in(c: &reqwest::Client, base: &str, name: &str, password: &str) -> Result<String> {
    let mut last = String::new();
    for _ in 0..600 {
        match c.post(format!("{base}/api/v1/session")).json(&json!({ "name": name, "password": password })).send().await
        {
            Ok(r) if r.status() == 200 => {
                let v: Value = r.json().await?;
                return Ok(v["csrf_token"].as_str().unwrap_or_default().to_string());
            }
            Ok(r) => last = format!("{} {}", r.status(), r.text().await.unwrap_or_default()),
            Err(e) => last = e.to_string(),
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    bail!("cannot sign in as {name}: {last}")
}

async fn token_for(base: &str, name: &str, password: &str) -> Result<String> {
    let c = client(true);
    let csrf = sign_in(&c, base, name, password).await?;
    let r = c
        .post(format!("{base}/api/v1/tokens"))
        .header("x-csrf-token", csrf)
        .json(&json!({ "label": "load test" }))
        .send()
        .await?;
    let status = r.status();
    let v: Value = r.json().await?;
    v["token"].as_str().map(str::to_string).with_context(|| format!("token for {name}: {status} {v}"))
}

/// xorshift: enough randomness for a mix, no dependency.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

#[derive(Default)]
struct Tally {
    lat: BTreeMap<&'static str, Vec<u32>>,
    errors: BTreeMap<String, u64>,
    samples: Vec<String>,
}

impl Tally {
    fn ok(&mut self, kind: &'static str, t: Instant) {
        self.lat.entry(kind).or_default().push(t.elapsed().as_micros().min(u32::MAX as u128) as u32);
    }
    fn err(&mut self, kind: &'static str, what: String) {
        *self.errors.entry(format!("{kind}: {}", what.split(' ').next().unwrap_or(""))).or_default() += 1;
        if self.samples.len() < 20 {
            self.samples.push(format!("{kind}: {what}"));
        }
    }
}

struct Shared {
    base: String,
    tokens: BTreeMap<&'static str, String>,
    template: Value,
    seq: AtomicU64,
    acked: Mutex<std::fs::File>,
    deadline: Instant,
    think_ms: u64,
}

impl Shared {
    fn ack(&self, line: String) {
        let mut f = self.acked.lock().unwrap_or_else(|e| e.into_inner());
        // Written and flushed at once: the file outlives a kill of either process.
        let _ = writeln!(f, "{line}");
        let _ = f.flush();
    }
}

/// Sends a request; `Ok(body)` when the status is the expected one.
async fn send(rb: reqwest::RequestBuilder, want: u16) -> std::result::Result<Value, String> {
    match rb.send().await {
        Ok(r) => {
            let s = r.status().as_u16();
            let text = r.text().await.map_err(|e| format!("body {e}"))?;
            if s == want {
                Ok(serde_json::from_str(&text).unwrap_or(Value::Null))
            } else {
                Err(format!("{s} {}", text.chars().take(300).collect::<String>()))
            }
        }
        Err(e) => Err(format!("transport {e}")),
    }
}

async fn user(i: usize, sh: Arc<Shared>, c: reqwest::Client) -> Tally {
    let mut t = Tally::default();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15 ^ (i as u64 + 1).wrapping_mul(0x2545_F491_4F6C_DD1D));
    let me = ACCOUNTS[i % ACCOUNTS.len()];
    let base = sh.base.as_str();
    let tok = |who: &str| sh.tokens[who].clone();
    while Instant::now() < sh.deadline {
        let think = sh.think_ms / 2 + rng.below(sh.think_ms.max(1));
        tokio::time::sleep(Duration::from_millis(think)).await;
        if Instant::now() >= sh.deadline {
            break;
        }
        let roll = rng.below(100);
        let start = Instant::now();
        let (kind, res): (&'static str, std::result::Result<Value, String>) = match roll {
            // The pages read with the session cookie only.
            0..20 => ("dashboard", page(&c, &format!("{base}/dashboard")).await),
            40..50 => {
                // Nothing of the founding case is released to partners: they read the list.
                let path = if me == "partner" { "/indicators" } else { "/indicators/threat.attacks_per_month" };
                ("indicator-page", page(&c, &format!("{base}{path}")).await)
            }
            20..40 => ("status", send(c.get(format!("{base}/api/v1/status")).bearer_auth(tok(me)), 200).await),
            50..60 => (
                "observations",
                send(
                    c.get(format!(
                        "{base}/api/v1/observations?factor=threat&indicator=incidents_per_year&area=iraq&limit=50"
                    ))
                    .bearer_auth(tok(me)),
                    200,
                )
                .await,
            ),
            60..65 => ("gates", send(c.get(format!("{base}/api/v1/gates")).bearer_auth(tok(me)), 200).await),
            65..85 => {
                let n = sh.seq.fetch_add(1, Ordering::SeqCst);
                let obs: Vec<Value> = (0..5)
                    .map(|k| {
                        json!({ "factor": "threat", "indicator": "incidents_per_year", "area": "iraq", "period": "2030",
                        "value": (n * 10 + k) as f64 + 0.5, "publisher": "gtd", "method": "gtd-all-terrorism",
                        "as_of": "2031-01-01", "confidence": "low", "illustrative": true, "document": null })
                    })
                    .collect();
                let r = send(
                    c.post(format!("{base}/api/v1/observations"))
                        .bearer_auth(tok("wg-threat"))
                        .json(&json!({ "observations": obs })),
                    201,
                )
                .await;
                if r.is_ok() {
                    sh.ack(format!("obs {n}"));
                }
                ("observation-write", r)
            }
            85..95 => {
                let n = sh.seq.fetch_add(1, Ordering::SeqCst);
                let id = format!("load-{n}");
                let mut body = sh.template.clone();
                body["id"] = json!(id);
                body["state"] = json!("draft");
                let r = send(
                    c.post(format!("{base}/api/v1/assessments"))
                        .bearer_auth(tok("sec"))
                        .json(&json!({ "body": body, "shared": true })),
                    201,
                )
                .await;
                let v = match r {
                    Ok(v) => v,
                    Err(e) => {
                        t.err("assessment-create", e);
                        continue;
                    }
                };
                t.ok("assessment-create", start);
                let version = v["version"].as_i64().unwrap_or(1);
                sh.ack(format!("asm {id} {version}"));
                let s2 = Instant::now();
                let r = send(
                    c.post(format!("{base}/api/v1/assessments/{id}/submit"))
                        .bearer_auth(tok("sec"))
                        .json(&json!({ "version": version })),
                    200,
                )
                .await;
                let v = match r {
                    Ok(v) => v,
                    Err(e) => {
                        t.err("assessment-submit", e);
                        continue;
                    }
                };
                t.ok("assessment-submit", s2);
                let version = v["version"].as_i64().unwrap_or(version + 1);
                sh.ack(format!("asm {id} {version}"));
                let s3 = Instant::now();
                let r = send(
                    c.post(format!("{base}/api/v1/assessments/{id}/endorse"))
                        .bearer_auth(tok("us-head"))
                        .json(&json!({ "version": version })),
                    200,
                )
                .await;
                if let Ok(v) = &r {
                    sh.ack(format!("asm {id} {}", v["version"].as_i64().unwrap_or(version + 1)));
                }
                match r {
                    Ok(_) => t.ok("assessment-endorse", s3),
                    Err(e) => t.err("assessment-endorse", e),
                }
                continue;
            }
            _ => (
                "forecast",
                send(c.get(format!("{base}/api/v1/forecast?paths=200&seed=7")).bearer_auth(tok(me)), 200).await,
            ),
        };
        match res {
            Ok(_) => t.ok(kind, start),
            Err(e) => {
                let transport = e.starts_with("transport");
                t.err(kind, e);
                if transport {
                    tokio::time::sleep(Duration::from_millis(200)).await;
                }
            }
        }
    }
    t
}

/// A page, as a browser with the session cookie asks for it.
async fn page(c: &reqwest::Client, url: &str) -> std::result::Result<Value, String> {
    match c.get(url).send().await {
        Ok(r) if r.status() == 200 => r.text().await.map(|_| Value::Null).map_err(|e| e.to_string()),
        Ok(r) => Err(format!(
            "{} {}",
            r.status().as_u16(),
            r.headers().get("location").and_then(|l| l.to_str().ok()).unwrap_or("")
        )),
        Err(e) => Err(format!("transport {e}")),
    }
}

fn pct(sorted: &[u32], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((p / 100.0) * (sorted.len() as f64 - 1.0)).round() as usize;
    sorted[i.min(sorted.len() - 1)] as f64 / 1000.0
}

#[allow(clippy::too_many_arguments)]
async fn run(
    base: String,
    users: usize,
    duration: u64,
    password: String,
    acked: std::path::PathBuf,
    report: Option<std::path::PathBuf>,
    tolerate: bool,
    p99_ms: Option<f64>,
    think_ms: u64,
) -> Result<()> {
    let mut tokens = BTreeMap::new();
    for a in ACCOUNTS {
        tokens.insert(a, token_for(&base, a, &password).await?);
    }
    let tc = client(false);
    let list: Value =
        tc.get(format!("{base}/api/v1/assessments")).bearer_auth(&tokens["sec"]).send().await?.json().await?;
    let first = list.as_array().and_then(|a| a.first()).context("no assessment to copy")?;
    let template = first.get("body").cloned().unwrap_or_else(|| first.clone());
    // Every user signs in first (argon2 is slow on purpose); the clock starts after.
    eprintln!("signing in {users} users…");
    let sem = Arc::new(tokio::sync::Semaphore::new(4));
    let mut logins = vec![];
    for i in 0..users {
        let (base, password, sem) = (base.clone(), password.clone(), sem.clone());
        logins.push(tokio::spawn(async move {
            let _p = sem.acquire().await;
            let c = client(true);
            sign_in(&c, &base, ACCOUNTS[i % ACCOUNTS.len()], &password).await.map(|_| c)
        }));
    }
    let mut clients = vec![];
    for l in logins {
        clients.push(l.await??);
    }
    let file = std::fs::OpenOptions::new().create(true).append(true).open(&acked)?;
    let sh = Arc::new(Shared {
        base: base.clone(),
        tokens,
        template,
        // Distinct from an earlier run's on the same database, and small enough that value × 10 + k
        // stays an exact integer in an f64.
        seq: AtomicU64::new(
            (std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH)?.as_secs() % 100_000) * 100_000,
        ),
        acked: Mutex::new(file),
        deadline: Instant::now() + Duration::from_secs(duration),
        think_ms,
    });
    eprintln!("{users} users for {duration} s against {base}");
    let started = Instant::now();
    let tasks: Vec<_> = clients.into_iter().enumerate().map(|(i, c)| tokio::spawn(user(i, sh.clone(), c))).collect();
    let mut all = Tally::default();
    for t in tasks {
        let t = t.await?;
        for (k, v) in t.lat {
            all.lat.entry(k).or_default().extend(v);
        }
        for (k, v) in t.errors {
            *all.errors.entry(k).or_default() += v;
        }
        all.samples.extend(t.samples.into_iter().take(3));
    }
    let elapsed = started.elapsed().as_secs_f64();
    let mut kinds = serde_json::Map::new();
    let mut reads: Vec<u32> = vec![];
    let mut total = 0usize;
    println!("{:<20} {:>8} {:>9} {:>9} {:>9} {:>9}", "kind", "ok", "p50 ms", "p95 ms", "p99 ms", "max ms");
    for (k, is_read) in KINDS {
        let mut v = all.lat.remove(k).unwrap_or_default();
        v.sort_unstable();
        total += v.len();
        if is_read {
            reads.extend(&v);
        }
        println!(
            "{:<20} {:>8} {:>9.1} {:>9.1} {:>9.1} {:>9.1}",
            k,
            v.len(),
            pct(&v, 50.0),
            pct(&v, 95.0),
            pct(&v, 99.0),
            pct(&v, 100.0)
        );
        kinds.insert(k.into(), json!({ "ok": v.len(), "p50_ms": pct(&v, 50.0), "p95_ms": pct(&v, 95.0), "p99_ms": pct(&v, 99.0), "max_ms": pct(&v, 100.0) }));
    }
    reads.sort_unstable();
    let errors: u64 = all.errors.values().sum();
    let summary = json!({
        "base": base, "users": users, "duration_s": duration, "elapsed_s": elapsed, "think_ms": think_ms,
        "requests_ok": total, "requests_per_s": total as f64 / elapsed, "errors": errors, "errors_by_kind": all.errors,
        "error_samples": all.samples,
        "reads": { "ok": reads.len(), "p50_ms": pct(&reads, 50.0), "p95_ms": pct(&reads, 95.0), "p99_ms": pct(&reads, 99.0), "max_ms": pct(&reads, 100.0) },
        "kinds": kinds,
    });
    println!(
        "reads: p50 {:.1} ms, p95 {:.1} ms, p99 {:.1} ms; {total} requests answered ({:.0}/s), {errors} errors",
        pct(&reads, 50.0),
        pct(&reads, 95.0),
        pct(&reads, 99.0),
        total as f64 / elapsed
    );
    if errors > 0 {
        println!("errors: {}", serde_json::to_string(&summary["errors_by_kind"])?);
        for s in summary["error_samples"].as_array().into_iter().flatten().take(5) {
            println!("  {s}");
        }
    }
    if let Some(p) = report {
        std::fs::write(p, serde_json::to_string_pretty(&summary)?)?;
    }
    if !tolerate && errors > 0 {
        bail!("{errors} errors under load");
    }
    if let Some(limit) = p99_ms {
        if pct(&reads, 99.0) > limit {
            bail!("reads p99 {:.1} ms is over {limit} ms", pct(&reads, 99.0));
        }
    }
    Ok(())
}

async fn verify(base: String, password: String, acked: std::path::PathBuf) -> Result<()> {
    let token = token_for(&base, "sec", &password).await?;
    let c = client(false);
    let text = std::fs::read_to_string(&acked).with_context(|| format!("reading {}", acked.display()))?;
    let rows: Value = c
        .get(format!("{base}/api/v1/observations?factor=threat&indicator=incidents_per_year&area=iraq"))
        .bearer_auth(&token)
        .send()
        .await?
        .json()
        .await?;
    let values: HashSet<u64> = rows
        .as_array()
        .context("observations")?
        .iter()
        .filter_map(|r| r["observation"]["value"].as_f64())
        .filter(|v| v.fract() == 0.5)
        .map(|v| v as u64)
        .collect();
    let (mut obs, mut lost_obs) = (0, vec![]);
    let mut asm: BTreeMap<String, i64> = BTreeMap::new();
    for line in text.lines() {
        let parts: Vec<&str> = line.split_whitespace().collect();
        match parts.as_slice() {
            ["obs", n] => {
                let n: u64 = n.parse()?;
                obs += 1;
                if !(0..5).all(|k| values.contains(&(n * 10 + k))) {
                    lost_obs.push(n);
                }
            }
            ["asm", id, v] => {
                let v: i64 = v.parse()?;
                let e = asm.entry(id.to_string()).or_insert(v);
                *e = (*e).max(v);
            }
            _ => {}
        }
    }
    // No batch is half there: a write is all or nothing.
    let batches: HashSet<u64> = values.iter().map(|v| v / 10).collect();
    let partial: Vec<u64> =
        batches.iter().copied().filter(|b| !(0..5).all(|k| values.contains(&(b * 10 + k)))).collect();
    let mut lost_asm = vec![];
    for (id, v) in &asm {
        let r = c.get(format!("{base}/api/v1/assessments/{id}")).bearer_auth(&token).send().await?;
        let ok = if r.status() == 200 {
            let got: Value = r.json().await?;
            got["version"].as_i64().unwrap_or(0) >= *v
        } else {
            false
        };
        if !ok {
            lost_asm.push(id.clone());
        }
    }
    let audit: Value = c.get(format!("{base}/api/v1/audit/verify")).bearer_auth(&token).send().await?.json().await?;
    let summary = json!({
        "acknowledged_observation_batches": obs, "lost_observation_batches": lost_obs.len(), "partial_batches": partial.len(),
        "acknowledged_assessments": asm.len(), "lost_assessment_steps": lost_asm.len(), "audit": audit,
    });
    println!("{summary}");
    if !lost_obs.is_empty() || !lost_asm.is_empty() || !partial.is_empty() || audit["valid"] != json!(true) {
        bail!(
            "acknowledged writes lost or audit chain broken: obs {lost_obs:?} partial {partial:?} assessments {lost_asm:?}"
        );
    }
    Ok(())
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let done = match Cli::parse().cmd {
        Cmd::Run { base, users, duration, password, acked, report, tolerate_errors, p99_ms, think_ms } => {
            run(base, users, duration, password, acked, report, tolerate_errors, p99_ms, think_ms).await
        }
        Cmd::Verify { base, password, acked } => verify(base, password, acked).await,
    };
    // A missed target is a finding, not a crash: its causes, without a backtrace of this
    // program (which RUST_BACKTRACE=1 in the environment would otherwise print).
    match done {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("Error: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
