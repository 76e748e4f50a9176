# Sourced by the event import benchmark: a private venv with pandas under target/.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
VENV="${EVENTS_VENV:-$ROOT/target/events-venv}"
if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c "import pandas" 2>/dev/null; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --upgrade pip
  "$VENV/bin/pip" install --quiet pandas
fi
PY="$VENV/bin/python"
