"""The benchmark's small run on the bundled data finishes and prints every part of its report (no timing asserted)."""

import subprocess
import sys

import pytest

from tests.conftest import PROJECT_ROOT

SECTIONS = [
    "== Machine", "== Dataset", "== Page reruns", "== Queries", "== DuckDB vs pandas",
    "== Whole pages: the dashboard against pandas", "== Cold start",
    "== Upload", "== PNG export", "== Served", "== Peak memory", "== Targets",
]


@pytest.mark.slow
def test_small_benchmark_prints_every_section():
    finished = subprocess.run(
        # Two pages (a chart page the pandas reference covers, a staff page) and a few viewers briefly: every page is run by the page tests and
        # the served processes by tests/test_serving.py; this checks the benchmark's own machinery and report.
        [sys.executable, str(PROJECT_ROOT / "scripts" / "benchmark.py"), "--scale", "small", "--runs", "1",
         "--pages", "Feedback,Load new data", "--served-sessions", "3", "--served-seconds", "4"],
        cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=1800,
    )
    assert finished.returncode == 0, finished.stderr[-3000:]
    report = finished.stdout
    assert [s for s in SECTIONS if s not in report] == []
    # The pages asked for were measured, a staff page included, and none failed.
    pages = report.split("== Page reruns")[1].split("== Queries")[0]
    assert all(title in pages for title in ("Feedback", "Load new data")) and "Requests" not in pages
    assert "ERROR" not in report
    # A real server (scripts/serve.sh) was measured by the load test, without an error.
    served = report.split("== Served")[1].split("== Peak memory")[0]
    assert "Not measured" not in served and "First errors" not in served, served
    assert "3 sessions for 4 s" in served
    # Both engines gave the same answer for every KPI compared.
    assert "Same result" in report and " NO" not in report.split("== DuckDB vs pandas")[1].split("== Cold start")[0]
    # The Feedback page was computed again in pandas, with the same results.
    whole = report.split("== Whole pages")[1].split("== Cold start")[0]
    feedback = next(line for line in whole.splitlines() if line.startswith("Feedback"))
    assert feedback.rstrip().endswith("yes"), whole
