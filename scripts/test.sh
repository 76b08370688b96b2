#!/usr/bin/env bash
# Set up and run every test (unit, query, page and real-browser tests). Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh requirements-test.txt
status=0
.venv/bin/python -m pytest "$@" || status=$?
if [ "$status" = "5" ]; then
    echo "pytest collected no tests: that is a failure." >&2
fi
exit "$status"
