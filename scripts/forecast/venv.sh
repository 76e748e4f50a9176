# Sourced by the forecast scripts: a private venv with statsmodels, statsforecast and numpy under target/.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
VENV="$ROOT/target/forecast-venv"
VENV="${FORECAST_VENV:-$VENV}"
if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c "import statsmodels, statsforecast, numpy, pandas" 2>/dev/null; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --upgrade pip
  "$VENV/bin/pip" install --quiet statsmodels statsforecast numpy pandas
fi
PY="$VENV/bin/python"
