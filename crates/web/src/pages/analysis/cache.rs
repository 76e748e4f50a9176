//! The baseline forecast shared across requests. A 10,000-path forecast takes tens of
//! milliseconds, too long to run on every dashboard view, so it is computed once per
//! (visible case, settings) and kept.
//!
//! The key is a fingerprint of the case *as the reader sees it* (the records and figures the
//! forecast reads), not the audit head: two readers who see different records must not share
//! a forecast, and any write that changes what a forecast reads changes the fingerprint.
//! Concurrent requests for the same key wait on one computation (a `OnceCell` per key).

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hash, Hasher};
use std::sync::{Arc, LazyLock, Mutex};

use tahawul_domain::Case;
use tahawul_domain::forecast::{self, ForecastReport, Settings};
use tokio::sync::OnceCell;

/// Entries kept: a few readers' views × a few as-of months. The oldest goes first.
const CAPACITY: usize = 16;

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

static CACHE: LazyLock<Mutex<Vec<(Key, Slot)>>> = LazyLock::new(|| Mutex::new(Vec::new()));
/// Keyed SipHash: fingerprints cannot be steered by someone who writes records.
static HASHER: LazyLock<RandomState> = LazyLock::new(RandomState::new);

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

/// The baseline forecast of `case` with `settings`, computed at most once per key. The outer
/// error is a crashed engine task (not cached, so the next request tries again).
pub(crate) async fn baseline(case: &Case, settings: Settings) -> Result<Outcome, String> {
    let key = Key {
        fingerprint: fingerprint(case),
        as_of: settings.as_of.0,
        horizon: settings.horizon_months,
        paths: settings.paths,
        seed: settings.seed,
    };
    let slot = {
        let mut entries = CACHE.lock().unwrap_or_else(|e| e.into_inner());
        match entries.iter().find(|(k, _)| *k == key) {
            Some((_, s)) => s.clone(),
            None => {
                if entries.len() >= CAPACITY {
                    entries.remove(0);
                }
                let s: Slot = Arc::default();
                entries.push((key, s.clone()));
                s
            }
        }
    };
    slot.get_or_try_init(|| async {
        let case = case.clone();
        // The engine is CPU-bound: keep it off the async workers.
        tokio::task::spawn_blocking(move || forecast::forecast(&case, &settings, None).map(Arc::new))
            .await
            .map_err(|e| e.to_string())
    })
    .await
    .cloned()
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
}
