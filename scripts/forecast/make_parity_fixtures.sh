#!/usr/bin/env bash
# Regenerate crates/forecast/tests/fixtures/*.json from statsmodels (needs PyPI once).
source "$(dirname "${BASH_SOURCE[0]}")/venv.sh"
cd "$ROOT"
"$PY" scripts/forecast/make_parity_fixtures.py crates/forecast/tests/fixtures
