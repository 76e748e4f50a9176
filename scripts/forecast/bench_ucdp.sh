#!/usr/bin/env bash
# The acceptance benchmark on real conflict data (issue 13), Tahawul and the Python baselines in
# one run, on the same series, origins and scores:
#   series  every UCDP GED 24.1 monthly series in ../shared/data/ucdp with >= 24 months above zero
#   origins every 12 months from 2008-01 to 2022-01, 12 months forecast from each
#   scores  80% (and 50/90%) coverage by horizon, CRPS from 1,000 draws, skill against no change
# Usage: scripts/forecast/bench_ucdp.sh [DATA_DIR]   (baselines take ~20 min on 2 cores)
# Set FORECAST_VENV to reuse a venv elsewhere. Results: target/forecast-ucdp/{tahawul,baselines}.json
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/venv.sh"
DATA="${1:-$ROOT/../shared/data/ucdp}"
OUT="$ROOT/target/forecast-ucdp"
mkdir -p "$OUT"
cd "$ROOT"
cargo build --release --quiet -p tahawul
# The baselines also write the merged CSV (deduplicated by series name) that Tahawul reads.
"$PY" scripts/forecast/bench_ucdp.py --data "$DATA" --merged "$OUT/ucdp_series.csv" --out "$OUT/baselines.json" \
  --jobs "${JOBS:-2}" > "$OUT/baselines.log"
start=$(date +%s.%N)
target/release/tahawul --format json backtest --series-csv "$OUT/ucdp_series.csv" --min-nonzero 24 \
  --every 12 --from 2008-01 --to 2022-01 --holdout 12 > "$OUT/tahawul.json"
end=$(date +%s.%N)
"$PY" - "$OUT/tahawul.json" "$OUT/baselines.json" "$start" "$end" <<'PY'
import json, sys
t = json.load(open(sys.argv[1])); b = json.load(open(sys.argv[2]))
secs = float(sys.argv[4]) - float(sys.argv[3])
o = t["overall"]
rows = {"tahawul": dict(points=o["points"], coverage_50=o["coverage_50"], coverage_80=o["coverage_80"],
                        coverage_90=o["coverage_90"], crps=o["crps"], crps_no_change=o["crps_no_change"],
                        crps_skill=o["crps_skill"], by_horizon=o["by_horizon"], seconds=secs)}
for m, v in b["models"].items():
    v["seconds"] = v["fit_seconds"]
    rows[m] = v
print(f"series: tahawul {o['series']}, baselines {b['series']}; origins {b['origins'][0]}..{b['origins'][-1]}")
print(f"{'model':10} {'points':>7} {'cov50':>6} {'cov80':>6} {'cov90':>6} {'CRPS':>9} {'no-change':>9} {'skill':>7} {'seconds':>8}")
for m, v in rows.items():
    print(f"{m:10} {v['points']:7d} {v['coverage_50']:6.3f} {v['coverage_80']:6.3f} {v['coverage_90']:6.3f} "
          f"{v['crps']:9.2f} {v['crps_no_change']:9.2f} {v['crps_skill']:7.3f} {v['seconds']:8.1f}")
print("\n80% coverage by horizon:")
print("h   " + " ".join(f"{m:>10}" for m in rows))
for h in range(12):
    print(f"{h+1:<3} " + " ".join(f"{v['by_horizon'][h]['coverage_80']:10.3f}" for v in rows.values()))
print("\nCRPS skill against no change by horizon:")
for h in range(12):
    print(f"{h+1:<3} " + " ".join(f"{(v['by_horizon'][h]['skill'] or 0):10.3f}" for v in rows.values()))
print("\nTahawul's models chosen (series x origins):", o["models"])
print("Tahawul PIT histogram:", o["pit_histogram"])
PY
