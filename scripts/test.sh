#!/usr/bin/env bash
# Set up and run every test, in three lanes: everyday (unit, query and page tests), browser (Debian's chromium
# against a real server) and slow (the benchmark's smoke run, several server processes behind nginx).
# Extra arguments go to every lane's pytest, e.g. `scripts/test.sh -k overview`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh requirements-test.txt
workers="${SOCIEUX_TEST_WORKERS:-$(nproc)}"
status=0
lane() {
    local name="$1"; shift
    echo "== $name lane =="
    local started=$SECONDS code=0
    .venv/bin/python -m pytest --durations=10 "$@" || code=$?
    if [ "$code" = "5" ]; then
        echo "The $name lane collected no tests: that is a failure." >&2
    fi
    echo "== $name lane: exit $code in $((SECONDS - started)) s =="
    [ "$code" = "0" ] || status=1
}
lane everyday -m "not browser and not slow and not serving" -n "$workers" "$@"
lane browser -m "browser" -n "$workers" "$@"
# The benchmark smoke (one process) and the served processes (module fixture) side by side, one file per worker.
lane slow -m "slow or serving" -n "$workers" --dist loadfile "$@"
exit "$status"
