"""Python baselines for the forecast benchmarks, same recipes as crates/forecast/benches/forecast.rs.

1. statsmodels: fit UnobservedComponents('local linear trend') to 1,000 series of 120 months.
2. numpy: a straightforward vectorised simulation of paths x 200 series x 120 months with the same
   gate tracking (10 chained phases, 20 clauses each, 3-month windows). By default it runs 10,000
   paths and the time is scaled linearly to 100,000 (the work is linear in paths); say --paths 100000
   to run it at full size (~80 s here).

Prints one line per measurement: `name seconds` (scaled figures are marked as such).
"""

import argparse
import statistics
import time
import warnings

import numpy as np
import statsmodels.api as sm


def llt_series(rng, n, s_irr, s_lvl, s_slope):
    level, slope, out = 10.0, 0.05, np.empty(n)
    for t in range(n):
        out[t] = level + s_irr * rng.standard_normal()
        level += slope + s_lvl * rng.standard_normal()
        slope += s_slope * rng.standard_normal()
    return out


def bench_fit(n_series, repeats):
    rng = np.random.default_rng(1)
    series = [llt_series(rng, 120, 0.5, 0.1 + 0.001 * i, 0.01) for i in range(n_series)]
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        for y in series:
            sm.tsa.UnobservedComponents(y, level="local linear trend").fit(disp=False)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def simulate_numpy(paths, n_series=200, horizon=120, seed=7):
    """Naive numpy: per series, per month, arrays over paths; gates tracked with run-length counters."""
    rng = np.random.default_rng(seed)
    var = np.array([0.04, 0.01, 1e-4])
    sd = np.sqrt(var)
    per_phase = n_series // 10
    held = np.zeros((n_series, horizon, paths), dtype=bool)
    for s in range(n_series):
        count = s % 2 == 1
        p = s // per_phase
        thr = 0.3 + 0.05 * p if not count else 1.3 + 0.05 * p  # log1p(threshold) for counts
        level = 0.0 + 0.1 * rng.standard_normal(paths)
        slope = 0.01 + 0.0001 * s + 0.01 * rng.standard_normal(paths)
        run = np.zeros(paths, dtype=np.int32)
        for t in range(horizon):
            y = level + sd[0] * rng.standard_normal(paths)
            level = level + slope + sd[1] * rng.standard_normal(paths)
            slope = slope + sd[2] * rng.standard_normal(paths)
            run = np.where(y >= thr, run + 1, 0)
            held[s, t] = run >= 3
    # Phases: gate = all 20 clauses; chain with a 2-month lag.
    start_prev = None
    results = []
    for p in range(10):
        gate = held[p * per_phase:(p + 1) * per_phase].all(axis=0)  # horizon x paths
        first = np.where(gate.any(axis=0), gate.argmax(axis=0), horizon)
        start = first if start_prev is None else np.maximum(first, start_prev + 2)
        start = np.where(start < horizon, start, horizon)
        results.append(np.percentile(start, [10, 50, 90]))
        start_prev = start
    return results


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--fit-series", type=int, default=1000)
    ap.add_argument("--fit-repeats", type=int, default=1)
    ap.add_argument("--paths", type=int, default=10_000)
    ap.add_argument("--chunk", type=int, default=10_000, help="paths per numpy batch (memory)")
    args = ap.parse_args()
    warnings.simplefilter("ignore")

    fit = bench_fit(args.fit_series, args.fit_repeats)
    print(f"statsmodels_fit_{args.fit_series}_series_120_months {fit:.3f}")

    t0 = time.perf_counter()
    done = 0
    while done < args.paths:
        n = min(args.chunk, args.paths - done)
        simulate_numpy(n, seed=7 + done)
        done += n
    sim = time.perf_counter() - t0
    scale = 100_000 / args.paths
    label = "measured" if scale == 1 else f"measured at {args.paths} paths, scaled x{scale:g}"
    print(f"numpy_simulate_100k_paths_200_series_120_months {sim * scale:.3f} ({label}; raw {sim:.3f})")


if __name__ == "__main__":
    main()
