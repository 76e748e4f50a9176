#!/usr/bin/env bash
# Side-by-side benchmarks: statsmodels/numpy baselines and the Rust divan benches, in one run.
# Usage: scripts/forecast/bench.sh [--paths N]   (numpy paths; default 10,000 scaled to 100,000)
source "$(dirname "${BASH_SOURCE[0]}")/venv.sh"
cd "$ROOT"
OUT="$(mktemp -d)"
echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "== Python baselines"
"$PY" scripts/forecast/bench_baselines.py "$@" | tee "$OUT/py.txt"
echo "== Rust (divan, release)"
cargo bench -p tahawul-forecast --bench forecast 2>/dev/null | tee "$OUT/rs.txt"

# divan prints: name  fastest │ slowest │ median │ mean │ samples │ iters
median_seconds() {
  grep "$1" "$OUT/rs.txt" | awk -F'│' '{print $3}' | awk '
    { v=$1; u=$2; if (u=="s") s=v; else if (u=="ms") s=v/1e3; else if (u=="µs") s=v/1e6; else s=v/1e9; printf "%.4f", s }'
}
py_seconds() { grep "^$1" "$OUT/py.txt" | awk '{print $2}'; }

FIT_RS=$(median_seconds fit_1000_series)
SIM_RS=$(median_seconds simulate_100k_paths)
FLOOR_RS=$(median_seconds floor_normals_100k_paths)
FIT_PY=$(py_seconds statsmodels_fit_1000)
SIM_PY=$(py_seconds numpy_simulate_100k)
echo "== Summary (medians)"
awk -v a="$FIT_PY" -v b="$FIT_RS" 'BEGIN { printf "fit 1,000 x 120:        statsmodels %.2f s, rust %.3f s, ratio %.0fx (target <= 0.5 s, >= 50x)\n", a, b, a/b }'
awk -v a="$SIM_PY" -v b="$SIM_RS" 'BEGIN { printf "simulate 100k x 200 x 120: numpy %.1f s, rust %.2f s, ratio %.0fx (target <= 3 s)\n", a, b, a/b }'
awk -v a="$SIM_RS" -v b="$FLOOR_RS" 'BEGIN { printf "simulate 100k x 200 x 120 over its floor (the same draws only, %.2f s): %.2fx (goal <= 2x)\n", b, a/b }'
