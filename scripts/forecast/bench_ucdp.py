"""The acceptance benchmark on real conflict data (UCDP GED 24.1), Python baselines side by side.

Series: every monthly series in the UCDP CSVs (long format `series,period,value`, deduplicated by
name) with at least 24 months above zero. Origins: every 12 months from 2008-01 to 2022-01 (each
the first forecast month; only the months before it are used), 12 months forecast from each.

Baselines, each fitted on log1p(counts) like Tahawul's count scale, forecasts mapped back with
expm1 and kept at 0 or above:
  - statsmodels UnobservedComponents, level='local linear trend' and level='local level'
    (maximum likelihood, default optimiser);
  - statsforecast AutoETS (model 'ZZN', damped trend allowed, chosen by AICc).
Each forecast month gets a normal predictive distribution on the log1p scale (mean and standard
deviation from the model); the CRPS is computed from `--paths` draws of it with the same estimator
as Tahawul (E|X-y| - E|X-X'|/2 on the sorted sample), intervals from its exact quantiles, and the
no-change benchmark is the point forecast "last month's value" (its CRPS is its absolute error).
A fit that fails is scored as no change and counted.

Tahawul's side is `tahawul backtest --series-csv` on the merged CSV this script writes (see
scripts/forecast/bench_ucdp.sh, which runs both and prints them side by side).

Citation (CC BY 4.0): Davies, Engström, Pettersson & Öberg (2024), Organized violence 1989-2023,
and the prevalence of organized crime groups, Journal of Peace Research 61(4); Sundberg & Melander
(2013), Introducing the UCDP Georeferenced Event Dataset, Journal of Peace Research 50(4), 523-532.
"""

import argparse
import csv
import json
import math
import multiprocessing as mp
import os
import sys
import time
import warnings

import numpy as np

FILES = ["ucdp_ged241_cm_focus.csv", "ucdp_ged241_cm_sb.csv", "ucdp_ged241_adm1m_myanmar_mexico.csv"]
Z = {0.5: 0.6744897501960817, 0.8: 1.2815515655446004, 0.9: 1.6448536269514722}


def month_index(p):
    y, m = p.split("-")
    return int(y) * 12 + int(m) - 1


def month_text(i):
    return f"{i // 12:04d}-{i % 12 + 1:02d}"


def load(data_dir):
    series = {}
    for f in FILES:
        rows = {}
        with open(os.path.join(data_dir, f), newline="") as fh:
            for r in csv.DictReader(fh):
                rows.setdefault(r["series"], {})[month_index(r["period"])] = float(r["value"])
        for name, months in rows.items():
            if name in series:
                continue  # the same series in two files: the first file's copy
            lo, hi = min(months), max(months)
            series[name] = (lo, [months.get(i, float("nan")) for i in range(lo, hi + 1)])
    return series


def write_merged(series, path):
    with open(path, "w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["series", "period", "value"])
        for name, (start, values) in sorted(series.items()):
            for i, v in enumerate(values):
                if not math.isnan(v):
                    w.writerow([name, month_text(start + i), f"{v:g}"])


def crps_sorted(sample, y):
    n = len(sample)
    i = np.arange(1, n + 1)
    return np.abs(sample - y).mean() - ((2 * i - n - 1) * sample).sum() / (n * n)


def mid_pit(sample, y):
    below = np.searchsorted(sample, y, side="left")
    not_above = np.searchsorted(sample, y, side="right")
    return (below + 0.5 * (not_above - below)) / len(sample)


def forecast(model, y, h):
    """Mean and sd on the log1p scale for h months, or None if the fit fails."""
    import statsmodels.api as sm

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if model in ("uc-llt", "uc-ll"):
            level = "local linear trend" if model == "uc-llt" else "local level"
            res = sm.tsa.UnobservedComponents(y, level=level).fit(disp=False)
            f = res.get_forecast(h)
            mean = np.asarray(f.predicted_mean)
            sd = np.sqrt(np.asarray(f.var_pred_mean))
        else:
            from statsforecast.models import AutoETS

            m = AutoETS(season_length=1, model="ZZN", damped=None)
            m = m.fit(y)
            p = m.predict(h=h, level=[80])
            mean = np.asarray(p["mean"])
            sd = (np.asarray(p["hi-80"]) - mean) / Z[0.8]
    if not (np.all(np.isfinite(mean)) and np.all(np.isfinite(sd))):
        return None
    return mean, np.maximum(sd, 0.0)


def run_series(args):
    name, start, values, origins, horizon, paths, models, seed = args
    values = np.asarray(values)
    rng = np.random.default_rng(seed)
    out = []
    for o in origins:
        oi = o - start
        if oi <= 0 or oi >= len(values):
            continue
        train = values[:oi]
        if np.count_nonzero(~np.isnan(train)) < 4:
            continue
        end = min(oi + horizon, len(values))
        test = values[oi:end]
        if np.all(np.isnan(test)):
            continue
        last = train[~np.isnan(train)][-1]
        y = np.log1p(train)
        draws = rng.standard_normal(paths)
        for model in models:
            t0 = time.perf_counter()
            try:
                f = forecast(model, y, end - oi)
            except Exception:
                f = None
            secs = time.perf_counter() - t0
            for k, actual in enumerate(test):
                if math.isnan(actual):
                    continue
                if f is None:
                    rec = dict(lo={l: last for l in Z}, hi={l: last for l in Z}, crps=abs(actual - last), pit=0.5)
                else:
                    m, s = f[0][k], f[1][k]
                    sample = np.sort(np.maximum(np.expm1(m + s * draws), 0.0))
                    rec = dict(
                        lo={l: max(math.expm1(m - z * s), 0.0) for l, z in Z.items()},
                        hi={l: max(math.expm1(m + z * s), 0.0) for l, z in Z.items()},
                        crps=float(crps_sorted(sample, actual)),
                        pit=float(mid_pit(sample, actual)),
                    )
                rec.update(model=model, series=name, origin=o, h=k + 1, actual=actual, nc=abs(actual - last),
                           failed=f is None, secs=secs if k == 0 else 0.0)
                out.append(rec)
    return out


def summarise(recs):
    by_h = {}
    for r in recs:
        by_h.setdefault(r["h"], []).append(r)
    rows = []
    for h in sorted(by_h):
        rs = by_h[h]
        cov = {l: sum(r["lo"][l] <= r["actual"] <= r["hi"][l] for r in rs) / len(rs) for l in Z}
        crps = sum(r["crps"] for r in rs) / len(rs)
        nc = sum(r["nc"] for r in rs) / len(rs)
        rows.append(dict(horizon=h, forecasts=len(rs), coverage_50=cov[0.5], coverage_80=cov[0.8],
                         coverage_90=cov[0.9], crps=crps, crps_no_change=nc, skill=1 - crps / nc if nc > 0 else None))
    n = len(recs)
    crps = sum(r["crps"] for r in recs) / n
    nc = sum(r["nc"] for r in recs) / n
    pit = [0] * 10
    for r in recs:
        pit[min(int(r["pit"] * 10), 9)] += 1
    return dict(points=n, coverage_50=sum(r["lo"][0.5] <= r["actual"] <= r["hi"][0.5] for r in recs) / n,
                coverage_80=sum(r["lo"][0.8] <= r["actual"] <= r["hi"][0.8] for r in recs) / n,
                coverage_90=sum(r["lo"][0.9] <= r["actual"] <= r["hi"][0.9] for r in recs) / n,
                crps=crps, crps_no_change=nc, crps_skill=1 - crps / nc, by_horizon=rows, pit_histogram=pit,
                failed_fits=sum(1 for r in recs if r["failed"] and r["h"] == 1),
                fit_seconds=sum(r["secs"] for r in recs))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default="../shared/data/ucdp")
    ap.add_argument("--merged", help="write the merged CSV here (for tahawul backtest --series-csv)")
    ap.add_argument("--out", help="write the baselines' summary JSON here")
    ap.add_argument("--from", dest="first", default="2008-01")
    ap.add_argument("--to", dest="last", default="2022-01")
    ap.add_argument("--every", type=int, default=12)
    ap.add_argument("--horizon", type=int, default=12)
    ap.add_argument("--paths", type=int, default=1000)
    ap.add_argument("--min-nonzero", type=int, default=24)
    ap.add_argument("--models", default="uc-llt,uc-ll,ets")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--limit", type=int, default=0, help="only the first N series (quick runs)")
    a = ap.parse_args()
    series = load(a.data)
    if a.merged:
        write_merged(series, a.merged)
    chosen = sorted(n for n, (_, v) in series.items() if sum(1 for x in v if x > 0) >= a.min_nonzero)
    if a.limit:
        chosen = chosen[: a.limit]
    origins = list(range(month_index(a.first), month_index(a.last) + 1, a.every))
    models = [m for m in a.models.split(",") if m]
    tasks = [(n, series[n][0], series[n][1], origins, a.horizon, a.paths, models, i) for i, n in enumerate(chosen)]
    t0 = time.perf_counter()
    with mp.Pool(a.jobs) as pool:
        recs = [r for chunk in pool.imap_unordered(run_series, tasks, chunksize=2) for r in chunk]
    wall = time.perf_counter() - t0
    summary = {"series": len(chosen), "origins": [month_text(o) for o in origins], "wall_seconds": wall, "models": {}}
    for m in models:
        summary["models"][m] = summarise([r for r in recs if r["model"] == m])
    if a.out:
        with open(a.out, "w") as fh:
            json.dump(summary, fh, indent=1)
    json.dump(summary, sys.stdout, indent=1)


if __name__ == "__main__":
    main()
