#!/usr/bin/env bash
# Set up and run every test, in three lanes: everyday (unit, query and page tests), then browser (Debian's chromium
# against a real server) and slow (the benchmark's smoke run, several server processes behind nginx, the report
# pack drawn in full) side by side. Extra arguments go to every lane's pytest, e.g. `scripts/test.sh -k overview`.
# A lane's name first runs that lane alone: `scripts/test.sh everyday` (about three minutes), `... browser`, `... slow`.
set -euo pipefail
cd "$(dirname "$0")/.."
only=""
case "${1:-}" in everyday|browser|slow) only="$1"; shift;; esac
bash scripts/setup.sh requirements-test.txt
workers="${SOCIEUX_TEST_WORKERS:-$(nproc)}"
# pytest keeps each test module with its asserts rewritten in __pycache__: written once, read by every worker of
# every lane (and Python's own compiled modules likewise, for the servers the tests start).
unset PYTHONDONTWRITEBYTECODE
logs="$(mktemp -d)"
trap 'rm -rf "$logs"' EXIT
status=0
lane() {
    local name="$1"; shift
    local started=$SECONDS code=0
    case "$name" in
        # Under -n, the tests of a file with a module-scoped fixture (a hostile store, a LibreOffice conversion,
        # twenty synthetic datasets, a server of its own) go to one worker, so that it is built once
        # (tests/conftest.py).
        everyday) set -- -m "not browser and not slow and not serving" -n "$workers" "$@";;
        browser) set -- -m "browser" -n "$workers" "$@";;
        slow) set -- -m "slow or serving" -n "$workers" --dist loadfile "$@";;
    esac
    .venv/bin/python -m pytest --durations=10 "$@" || code=$?
    if [ "$code" = "5" ]; then
        echo "The $name lane collected no tests: that is a failure." >&2
    fi
    echo "== $name lane: exit $code in $((SECONDS - started)) s =="
    return "$code"
}
if [ -n "$only" ]; then
    echo "== $only lane =="
    lane "$only" "$@"
    exit
fi
echo "== everyday lane =="
lane everyday "$@" || status=1
# The browser lane spends much of its time waiting on browsers and servers; the slow lane (the benchmark smoke,
# one process at a time, the served processes and the full report pack, one file per worker) fills those waits.
# Both run at once, each into its own log, printed whole when it ends.
echo "== browser and slow lanes, side by side =="
started=$SECONDS
lane browser "$@" > "$logs/browser.log" 2>&1 &
browser=$!
# The browser lane ends last: the slow lane runs at a lower priority, in the CPU the browser lane leaves.
( renice -n 10 "$BASHPID" >/dev/null 2>&1 || true; lane slow "$@" ) > "$logs/slow.log" 2>&1 &
slow=$!
wait "$slow" || status=1
echo "== slow lane =="; cat "$logs/slow.log"
wait "$browser" || status=1
echo "== browser lane =="; cat "$logs/browser.log"
echo "== browser and slow lanes: $((SECONDS - started)) s =="
exit "$status"
