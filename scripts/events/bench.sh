#!/usr/bin/env bash
# The event import benchmark (issue 15): a generated UCDP GED export of 1,000,000 events (the
# real export's 49 columns, ~600 bytes a row) imported by `tahawul import events` (release
# build, a fresh SQLite database each run) and grouped by month with pandas, in the same run,
# medians of 3. The two must count the same events. Usage:
#   scripts/events/bench.sh                 # EVENTS=1000000 RUNS=3
#   EVENTS=100000 RUNS=1 scripts/events/bench.sh
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$HERE/venv.sh"   # sets ROOT and PY
cd "$ROOT"
N="${EVENTS:-1000000}"
RUNS="${RUNS:-3}"
OUT="$ROOT/target/events-bench"
mkdir -p "$OUT"
FILE="$OUT/ged_${N}.csv"
SAMPLE="$ROOT/crates/events/tests/data/ged231_sample_1000_events.csv"
if [ ! -s "$FILE" ]; then
  echo "generating $FILE ($N events)" >&2
  "$PY" "$HERE/generate_ged.py" "$SAMPLE" "$FILE.tmp" "$N" && mv "$FILE.tmp" "$FILE"
fi
nice -n 10 cargo build --release --locked -p tahawul >&2
BIN="$ROOT/target/release/tahawul"

# The mini case with a definition taking every GED event (Iraq is area `country`).
BUNDLE="$OUT/bundle"
rm -rf "$BUNDLE"
cp -r "$ROOT/crates/domain/tests/bundles/mini" "$BUNDLE"
cat > "$BUNDLE/imports.toml" <<'TOML'
[[import]]
id = "ged-iraq"
indicator = "threat.attacks"
dataset = "ucdp-ged"
publisher = "monitor"
method = "count"
measure = "events"
TOML

median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
: > "$OUT/tahawul.times"; : > "$OUT/pandas.times"
for i in $(seq 1 "$RUNS"); do
  DB="$OUT/run$i.db"
  rm -f "$DB" "$DB-wal" "$DB-shm"
  "$BIN" init --database "sqlite://$DB" "$BUNDLE" >/dev/null
  t0=$(date +%s.%N)
  "$BIN" import events "$FILE" --definition ged-iraq --release bench --database "sqlite://$DB" > "$OUT/import$i.txt"
  t1=$(date +%s.%N)
  echo "$t1 - $t0" | bc -l >> "$OUT/tahawul.times"
  "$BIN" audit verify --database "sqlite://$DB" >/dev/null
  read -r secs counted months < <("$PY" "$HERE/pandas_groupby.py" "$FILE")
  echo "$secs" >> "$OUT/pandas.times"
  ours=$(grep -o '[0-9]* of [0-9]* events counted' "$OUT/import$i.txt" | cut -d' ' -f1)
  if [ "$ours" != "$counted" ]; then
    echo "bench: tahawul counted $ours events, pandas $counted" >&2
    exit 1
  fi
  echo "run $i: tahawul $(tail -1 "$OUT/tahawul.times") s, pandas $secs s, $counted Iraqi events in $months months" >&2
done
SIZE=$(du -m "$FILE" | cut -f1)
echo "events=$N file_mb=$SIZE runs=$RUNS tahawul_median_s=$(median < "$OUT/tahawul.times") pandas_median_s=$(median < "$OUT/pandas.times") counted=$ours"
