# Sourced by the forecast scripts: a private venv with statsmodels and numpy under target/.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
VENV="$ROOT/target/forecast-venv"
if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c "import statsmodels, numpy" 2>/dev/null; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --upgrade pip
  "$VENV/bin/pip" install --quiet statsmodels numpy
fi
PY="$VENV/bin/python"
