"""Generate statsmodels parity fixtures for the tahawul-forecast crate.

Each fixture holds a monthly-grid series (NaN = no observation that month),
statsmodels' log-likelihood at several fixed variance vectors and statsmodels'
own maximum-likelihood fit. The Rust tests read these files; no Python is
needed at test time. Run through scripts/forecast/make_parity_fixtures.sh.
"""

import json
import math
import pathlib
import sys
import warnings

import numpy as np
import statsmodels
import statsmodels.api as sm

OUT = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "crates/forecast/tests/fixtures")


def llt_path(rng, n, level0, slope0, s_irr, s_lvl, s_slope):
    level, slope, out = level0, slope0, []
    for _ in range(n):
        out.append(level + rng.normal(0, s_irr))
        level += slope + rng.normal(0, s_lvl)
        slope += rng.normal(0, s_slope)
    return np.array(out)


def sparse(y, every, offset=0):
    """Keep one observation every `every` months (yearly = 12, quarterly = 3)."""
    z = np.full_like(y, np.nan)
    z[offset::every] = y[offset::every]
    return z


def build_series():
    rng = np.random.default_rng(20240611)
    s = {}
    s["smooth_trend_number"] = ("number", llt_path(rng, 120, 10.0, 0.05, 0.5, 0.1, 0.01))
    s["noisy_level_number"] = ("number", llt_path(rng, 96, -3.0, 0.0, 2.0, 0.8, 0.0))
    y = llt_path(rng, 120, 5.0, 0.02, 0.3, 0.05, 0.005)
    y[[7, 8, 9, 40, 41, 77, 100, 101, 102, 103]] = np.nan
    s["gappy_number"] = ("number", y)
    s["yearly_sparse_number"] = ("number", sparse(llt_path(rng, 120, 50.0, 0.3, 1.0, 0.4, 0.02), 12))
    s["quarterly_sparse_number"] = ("number", sparse(llt_path(rng, 84, 0.0, -0.1, 0.4, 0.2, 0.01), 3, 2))
    s["short_number"] = ("number", llt_path(rng, 14, 1.0, 0.2, 0.3, 0.1, 0.02))
    y = llt_path(rng, 30, 2.0, 0.1, 0.2, 0.1, 0.01)
    y[:5] = np.nan  # leading gap: the burn-in then falls on missing months
    s["leading_gap_number"] = ("number", y)
    counts = np.round(np.exp(llt_path(rng, 120, 3.0, 0.015, 0.15, 0.03, 0.002))) - 1
    s["trending_count"] = ("count", np.maximum(counts, 0))
    counts = np.round(np.exp(llt_path(rng, 60, 6.0, -0.02, 0.25, 0.05, 0.003)))
    counts[[10, 11, 30]] = np.nan
    s["declining_gappy_count"] = ("count", counts)
    share = 1 / (1 + np.exp(-llt_path(rng, 120, -1.5, 0.02, 0.2, 0.05, 0.003)))
    s["rising_share"] = ("share", share)
    share = 1 / (1 + np.exp(-llt_path(rng, 120, 1.0, 0.0, 0.3, 0.1, 0.0)))
    s["yearly_share"] = ("share", sparse(share, 12, 5))
    s["random_walk_number"] = ("number", np.cumsum(rng.normal(0, 1.0, 72)))
    s["straight_line_plus_noise"] = ("number", 3.0 + 0.25 * np.arange(48) + rng.normal(0, 0.05, 48))
    return s


def forward(kind, x):
    if kind == "count":
        return np.log1p(x)
    if kind == "share":
        eps = 1e-6  # same clamp as Transform::Share in the crate
        p = np.clip(x, eps, 1 - eps)
        return np.log(p / (1 - p))
    return x


def main():
    warnings.simplefilter("ignore")
    OUT.mkdir(parents=True, exist_ok=True)
    for name, (kind, natural) in build_series().items():
        y = forward(kind, natural)
        mod = sm.tsa.UnobservedComponents(y, level="local linear trend")
        v = float(np.nanvar(np.diff(y[~np.isnan(y)]))) or 1.0
        grid = [
            [v, v, v],
            [0.5 * v, 0.1 * v, 0.01 * v],
            [v, 1e-3 * v, 1e-5 * v],
            [1e-2 * v, v, 1e-3 * v],
            [0.3 * v, 0.0, 0.0],
            [0.0, 0.2 * v, 0.0],
        ]
        evals = [{"params": p, "loglik": float(mod.loglike(np.array(p)))} for p in grid]
        res = mod.fit(disp=False)
        fixture = {
            "name": name,
            "kind": kind,
            "statsmodels_version": statsmodels.__version__,
            "loglikelihood_burn": int(mod.loglikelihood_burn),
            "natural": [None if math.isnan(a) else float(a) for a in natural],
            "model_scale": [None if math.isnan(a) else float(a) for a in y],
            "evals": evals,
            "fit": {"params": [float(a) for a in res.params], "loglik": float(res.llf)},
        }
        (OUT / f"{name}.json").write_text(json.dumps(fixture, indent=1) + "\n")
        print(f"{name:28s} n={len(y):4d} obs={int(np.sum(~np.isnan(y))):4d} llf={res.llf:.6f}")


if __name__ == "__main__":
    main()
