//! The baseline forecast shared across requests. A 10,000-path forecast takes tens of
//! milliseconds, too long to run on every dashboard view, so it is computed once per
//! (visible case, settings) and kept.
//!
//! The key is a fingerprint of the case *as the reader sees it* (the records and figures the
//! forecast reads), not the audit head: two readers who see different records must not share
//! a forecast, and any write that changes what a forecast reads changes the fingerprint.
//! Concurrent requests for the same key wait on one computation (a `OnceCell` per key).
//!
//! While figures are written every few seconds, every new fingerprint would make the next
//! dashboard wait for a forecast. So the dashboard may take the newest forecast of its *line*
//! — the same kind of reader (role, party, factor) seeing the same areas, scales, indicators,
//! phases and scenarios, at the same settings — while one new forecast is made in the
//! background (at most one per line every [`REFRESH_EVERY`]); the page says when its forecast
//! was made. A line never crosses readers who see different records, so nothing hidden from
//! one reader reaches them through another's forecast. The printable report and the forecast
//! page wait for the exact forecast.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hash, Hasher};
use std::sync::{Arc, LazyLock, Mutex};
use std::time::{Duration, Instant};

use tahawul_domain::Case;
use tahawul_domain::forecast::{self, BacktestReport, BacktestSettings, ForecastReport, Settings};
use tahawul_store::User;
use tokio::sync::OnceCell;

use crate::access::CaseView;

/// Entries kept: a few readers' views × a few as-of months. The oldest goes first.
const CAPACITY: usize = 16;
/// Lines kept (kinds of reader × settings). The oldest goes first.
const LINES: usize = 32;
/// A line starts a new background forecast at most this often.
const REFRESH_EVERY: Duration = Duration::from_secs(2);

/// What a cached forecast was computed from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Key {
    fingerprint: u64,
    as_of: i32,
    horizon: u32,
    paths: u32,
    seed: u64,
}

/// The forecast, or the engine's refusal (kept too: the same inputs give the same refusal).
pub(crate) type Outcome = Result<Arc<ForecastReport>, forecast::Error>;
type Slot = Arc<OnceCell<Outcome>>;

/// Keyed SipHash: fingerprints cannot be steered by someone who writes records.
static HASHER: LazyLock<RandomState> = LazyLock::new(RandomState::new);

/// One server's forecasts (in [`crate::AppState`]): two servers in one process, as in the
/// tests, never see each other's lines.
pub(crate) struct Forecasts {
    exact: Mutex<Vec<(Key, Slot)>>,
    /// Backtests by (fingerprint, settings): they take seconds, and the case changes less often.
    backtests: Mutex<Vec<(BacktestKey, BacktestSlot)>>,
    lines: Mutex<Vec<Line>>,
    /// One background forecast at a time in all: other lines' readers keep their newest.
    background: Arc<tokio::sync::Semaphore>,
}

impl Default for Forecasts {
    fn default() -> Self {
        Forecasts {
            exact: Mutex::default(),
            backtests: Mutex::default(),
            lines: Mutex::default(),
            background: Arc::new(tokio::sync::Semaphore::new(1)),
        }
    }
}

/// The newest forecast of one line.
struct Line {
    key: u64,
    /// The snapshot seq it was made from, the time it was done, and the outcome.
    newest: Option<(u64, jiff::Timestamp, Outcome)>,
    /// When the last background forecast started, while it runs or lately.
    refreshing: Option<Instant>,
}

/// Whether the dashboard may show the newest forecast of its line while a new one is made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Wait {
    /// Wait for the forecast of exactly this view.
    Exact,
    /// Take the line's newest if this view's is not made yet.
    NewestOfLine,
}

/// A baseline forecast and, when it is not this view's own, when it was made.
pub(crate) struct Baseline {
    pub(crate) outcome: Outcome,
    pub(crate) made_earlier: Option<jiff::Timestamp>,
}

/// A fingerprint of everything a forecast reads from the case. Observations are hashed field
/// by field (serialising 100,000 of them would cost more than the forecast saves).
pub(crate) fn fingerprint(case: &Case) -> u64 {
    let mut h = HASHER.build_hasher();
    let small =
        serde_json::to_vec(&(&case.id, &case.areas, &case.scales, &case.indicators, &case.phases, &case.scenarios))
            .unwrap_or_default();
    small.hash(&mut h);
    case.observations.len().hash(&mut h);
    for o in &case.observations {
        o.factor.hash(&mut h);
        o.indicator.hash(&mut h);
        o.area.hash(&mut h);
        o.period.hash(&mut h);
        o.value.to_bits().hash(&mut h);
        o.publisher.hash(&mut h);
        o.as_of.hash(&mut h);
        o.illustrative.hash(&mut h);
    }
    h.finish()
}

/// The baseline forecast of `view` for `reader` with `settings` (see the module's text). The
/// error is a crashed engine task (not cached, so the next request tries again).
pub(crate) async fn baseline(
    forecasts: &Arc<Forecasts>,
    view: &CaseView,
    reader: &User,
    settings: Settings,
    wait: Wait,
) -> Result<Baseline, String> {
    let inputs = view.derived("forecast-inputs", (), |c| (fingerprint(c), line_ids(c)));
    let (fingerprint, ids) = *inputs;
    let key = Key {
        fingerprint,
        as_of: settings.as_of.0,
        horizon: settings.horizon_months,
        paths: settings.paths,
        seed: settings.seed,
    };
    let line = HASHER.hash_one((
        reader.role.as_str(),
        &reader.party,
        &reader.factor,
        ids,
        key.as_of,
        key.horizon,
        key.paths,
        key.seed,
    ));
    let slot = forecasts.slot(key);
    if let Some(outcome) = slot.get() {
        return Ok(Baseline { outcome: outcome.clone(), made_earlier: None });
    }
    if wait == Wait::NewestOfLine {
        let newest = {
            let mut lines = forecasts.lines.lock().unwrap_or_else(|e| e.into_inner());
            let l = line_mut(&mut lines, line);
            let newest = l.newest.as_ref().map(|(_, at, o)| (*at, o.clone()));
            let due = l.refreshing.is_none_or(|t| t.elapsed() >= REFRESH_EVERY);
            if newest.is_some()
                && due
                && let Ok(permit) = forecasts.background.clone().try_acquire_owned()
            {
                l.refreshing = Some(Instant::now());
                let (case, seq, slot, forecasts) = (view.case().clone(), view.seq(), slot.clone(), forecasts.clone());
                tokio::spawn(async move {
                    let _permit = permit;
                    if let Ok(outcome) = compute(&slot, case, settings, Priority::Background).await {
                        forecasts.remember(line, seq, outcome);
                    }
                });
            }
            newest
        };
        if let Some((at, outcome)) = newest {
            return Ok(Baseline { outcome, made_earlier: Some(at) });
        }
    }
    let outcome = compute(&slot, view.case().clone(), settings, Priority::Waited).await?;
    forecasts.remember(line, view.seq(), outcome.clone());
    Ok(Baseline { outcome, made_earlier: None })
}

impl Forecasts {
    /// The slot of `key`, made if missing.
    fn slot(&self, key: Key) -> Slot {
        let mut entries = self.exact.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((_, s)) = entries.iter().find(|(k, _)| *k == key) {
            return s.clone();
        }
        if entries.len() >= CAPACITY {
            entries.remove(0);
        }
        let s: Slot = Arc::default();
        entries.push((key, s.clone()));
        s
    }

    /// Keeps `outcome` as its line's newest unless a newer snapshot's is kept already.
    fn remember(&self, line: u64, seq: u64, outcome: Outcome) {
        let mut lines = self.lines.lock().unwrap_or_else(|e| e.into_inner());
        let l = line_mut(&mut lines, line);
        if l.newest.as_ref().is_none_or(|(s, _, _)| *s <= seq) {
            l.newest = Some((seq, jiff::Timestamp::now(), outcome));
        }
    }
}

/// Whether someone waits for a forecast.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Priority {
    /// A request waits for it: the engine may use every core.
    Waited,
    /// Nobody waits (the next forecast of a line, see the module's comment).
    Background,
}

/// Fills `slot` once (concurrent callers wait for the one computation).
async fn compute(slot: &Slot, case: Arc<Case>, settings: Settings, priority: Priority) -> Result<Outcome, String> {
    slot.get_or_try_init(|| async move {
        // The engine is CPU-bound: keep it off the async workers.
        tokio::task::spawn_blocking(move || {
            let run = || forecast::forecast(&case, &settings, None).map(Arc::new);
            match (priority, BACKGROUND.as_ref()) {
                (Priority::Background, Some(pool)) => pool.install(run),
                _ => run(),
            }
        })
        .await
        .map_err(|e| e.to_string())
    })
    .await
    .cloned()
}

/// Where the forecasts nobody waits for run: one thread at a lower priority. On the engine's
/// own pool a 10,000-path forecast takes every core for tens of milliseconds, and while the
/// figures are written every few seconds some line is always making its next one, so the
/// requests queued behind it; that was the largest part of the pages' tail in the load test
/// (issue 13). Here it takes what the requests leave. `None` if the thread cannot be
/// started; the forecast then runs on the engine's pool, as a waited one does.
static BACKGROUND: LazyLock<Option<rayon::ThreadPool>> = LazyLock::new(|| {
    rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .thread_name(|_| "tahawul-background-forecast".into())
        .start_handler(|_| lower_this_threads_priority())
        .build()
        .ok()
});

/// Nice 10 for the calling thread (Linux keeps a nice value per thread); elsewhere nothing.
fn lower_this_threads_priority() {
    #[cfg(target_os = "linux")]
    // SAFETY: gettid and setpriority take and return plain integers and touch no memory of ours.
    unsafe {
        let tid = libc::gettid();
        if libc::setpriority(libc::PRIO_PROCESS, tid as libc::id_t, 10) != 0 {
            tracing::warn!("could not lower the background forecast thread's priority");
        }
    }
}

/// What a cached backtest was computed from: the case as the reader sees it, and the settings.
#[derive(Debug, Clone, PartialEq, Eq)]
struct BacktestKey {
    fingerprint: u64,
    settings: BacktestSettings,
}

type BacktestSlot = Arc<OnceCell<Arc<BacktestReport>>>;

/// Backtests kept: a few readers' views × a few settings. The oldest goes first.
const BACKTESTS: usize = 8;

/// The backtest of `view` with `settings`, computed once per version of the case the reader
/// sees (concurrent requests wait for the one computation, off the async workers). The error
/// is a crashed task (not cached).
pub(crate) async fn backtest(
    forecasts: &Arc<Forecasts>,
    view: &CaseView,
    settings: BacktestSettings,
) -> Result<Arc<BacktestReport>, String> {
    let inputs = view.derived("forecast-inputs", (), |c| (fingerprint(c), line_ids(c)));
    let key = BacktestKey { fingerprint: inputs.0, settings: settings.clone() };
    let slot = {
        let mut entries = forecasts.backtests.lock().unwrap_or_else(|e| e.into_inner());
        match entries.iter().find(|(k, _)| *k == key) {
            Some((_, s)) => s.clone(),
            None => {
                if entries.len() >= BACKTESTS {
                    entries.remove(0);
                }
                let s: BacktestSlot = Arc::default();
                entries.push((key, s.clone()));
                s
            }
        }
    };
    let case = view.case().clone();
    slot.get_or_try_init(|| async move {
        tokio::task::spawn_blocking(move || Arc::new(forecast::backtest_with(&case, &settings)))
            .await
            .map_err(|e| e.to_string())
    })
    .await
    .cloned()
}

fn line_mut(lines: &mut Vec<Line>, key: u64) -> &mut Line {
    let i = match lines.iter().position(|l| l.key == key) {
        Some(i) => i,
        None => {
            if lines.len() >= LINES {
                lines.remove(0);
            }
            lines.push(Line { key, newest: None, refreshing: None });
            lines.len() - 1
        }
    };
    &mut lines[i]
}

/// The ids of what a forecast reads and a reader may be refused: two views with the same ids
/// (and the same kind of reader) may share a line.
fn line_ids(case: &Case) -> u64 {
    let mut h = HASHER.build_hasher();
    for a in &case.areas {
        a.id.hash(&mut h);
    }
    0u8.hash(&mut h);
    for s in &case.scales {
        s.id.hash(&mut h);
    }
    0u8.hash(&mut h);
    for i in &case.indicators {
        (&i.factor, &i.id).hash(&mut h);
    }
    0u8.hash(&mut h);
    for p in &case.phases {
        p.id.hash(&mut h);
    }
    0u8.hash(&mut h);
    for s in &case.scenarios {
        s.id.hash(&mut h);
    }
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn case() -> Case {
        tahawul_domain::load(std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/iraq-hmc")))
            .unwrap()
    }

    #[test]
    fn the_fingerprint_follows_the_figures() {
        let a = case();
        let mut b = a.clone();
        assert_eq!(fingerprint(&a), fingerprint(&b));
        b.observations[0].value += 1.0;
        assert_ne!(fingerprint(&a), fingerprint(&b), "a changed figure");
        let mut c = a.clone();
        c.observations.pop();
        assert_ne!(fingerprint(&a), fingerprint(&c), "a hidden figure");
    }

    /// The forecasts nobody waits for run on one thread of their own, niced, so the requests
    /// come first; a waited forecast keeps the engine's pool (every core).
    #[cfg(target_os = "linux")]
    #[test]
    fn background_forecasts_run_on_one_thread_that_yields_to_requests() {
        let pool = BACKGROUND.as_ref().expect("the background thread starts");
        assert_eq!(pool.current_num_threads(), 1);
        // SAFETY: plain integer calls on the calling thread.
        let nice = || unsafe { libc::getpriority(libc::PRIO_PROCESS, libc::gettid() as libc::id_t) };
        let here = nice();
        let (there, name) = pool.install(|| (nice(), std::thread::current().name().map(str::to_string)));
        assert!(there >= 10, "nice {there}");
        assert_eq!(name.as_deref(), Some("tahawul-background-forecast"));
        assert_eq!(nice(), here, "the caller's own priority is untouched");
    }
}
