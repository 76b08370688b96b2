"""Performance at scale in one command: page reruns, queries, DuckDB against pandas, cold start, upload,
PNG export and peak memory, each checked against its target.

    .venv/bin/python scripts/benchmark.py [--store DIR] [--scale full|small] [--runs N]

``--scale full`` (the default) uses the large synthetic dataset in ``--store`` and builds it first when it
is absent or was built with another schema (1,000,000 requests, about 10,000,000 assignments, 2,000,000
survey answers; 10 to 20 minutes). ``--scale small`` runs on the bundled data only, as a smoke run: the
same report, targets shown but not enforced. Each measurement runs in its own process (this script with
``--phase``), so every process's peak memory is its own.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import shlex
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))

APP = PROJECT_ROOT / "app.py"
DEFAULT_STORE = Path(tempfile.gettempdir()) / "socieux-benchmark-store"
FULL_SIZE = {"requests": 1_000_000, "assignments": 10_000_000, "survey_answers": 2_000_000}
UPLOAD_ROWS = {"full": 200_000, "small": 2_000}
GIB = 1024**3

# Targets on the reference machine (2 cores, 24 GB): what the report checks.
TARGET_PAGE_MS = 300
TARGET_PANDAS_RATIO = 10
TARGET_COLD_S = 5
TARGET_UPLOAD_S = 20
TARGET_PNG_S = 1
TARGET_SERVED_P95_S = 3
SERVED_PROCESSES = 2                              # scripts/serve.sh 2: one process per core of the project's machine
SERVED_SESSIONS = {"full": 50, "small": 6}        # small: the smoke run, a few viewers briefly
SERVED_SECONDS = {"full": 60, "small": 8}
TARGET_MEMORY_BYTES = 3 * GIB
PAGE_MEMORY_CAP = 4 * GIB  # a page process above this is stopped (reported): it has missed the 3 GB target anyway

FILTER_KEYS = ("period", "region", "income_group", "area", "country", "stage")  # sidebar widget keys
NO_FILTER = {"periods": [], "regions": [], "income_groups": [], "areas": [], "countries": [], "stages": [],
             "fields": [], "types": [], "fractioned": True}
STAFF_PASSWORD = "benchmark-staff-password"


# -- Helpers ---------------------------------------------------------------------------------------


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile (p95 of ten runs is the slowest but none)."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(share * len(ordered) + 0.5)))
    return ordered[rank - 1]


def max_rss_bytes(who: int = resource.RUSAGE_SELF) -> int:
    """Peak resident memory (Linux reports ru_maxrss in KiB)."""
    return resource.getrusage(who).ru_maxrss * 1024


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms"


def secs(seconds: float) -> str:
    return f"{seconds:,.2f} s"


def gib(size: int) -> str:
    return f"{size / GIB:.2f} GiB"


def table(header: list[str], rows: list[list[Any]]) -> str:
    """A plain-text table, numbers right-aligned."""
    cells = [header] + [[str(c) for c in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    numeric = [all(_looks_numeric(row[i]) for row in cells[1:]) and len(cells) > 1 for i in range(len(header))]
    lines = []
    for index, row in enumerate(cells):
        lines.append("  ".join(c.rjust(w) if numeric[i] else c.ljust(w) for i, (c, w) in enumerate(zip(row, widths))))
        if index == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(line.rstrip() for line in lines)


def _looks_numeric(text: str) -> bool:
    stripped = text.replace(",", "").replace("ms", "").replace("s", "").replace("x", "").replace("%", "").strip()
    try:
        float(stripped)
        return True
    except ValueError:
        return text in ("", "-")


def progress(message: str) -> None:
    print(f"[{datetime.now():%H:%M:%S}] {message}", file=sys.stderr, flush=True)


def run_child(args: list[str], log: Path, *, timeout: float | None = None,
              memory_cap: int | None = None) -> tuple[int | str, float, int]:
    """Run a child process to its end; return exit status, wall time and the child's own peak memory.

    A child over ``timeout`` seconds or ``memory_cap`` bytes of resident memory is stopped; the status
    then says why.
    """
    started = time.perf_counter()
    stopped: str | None = None
    with open(log, "ab") as output:
        child = subprocess.Popen(args, stdout=output, stderr=subprocess.STDOUT, cwd=PROJECT_ROOT)
        while True:
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            if stopped is None and timeout is not None and time.perf_counter() - started > timeout:
                stopped = f"stopped after {timeout:.0f} s"
            if stopped is None and memory_cap is not None and _resident(child.pid) > memory_cap:
                stopped = f"stopped above {gib(memory_cap)} resident memory"
            if stopped:
                child.kill()
            time.sleep(0.2)
    child.returncode = os.waitstatus_to_exitcode(status)
    return stopped or child.returncode, time.perf_counter() - started, usage.ru_maxrss * 1024


def _resident(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


# -- Dataset ---------------------------------------------------------------------------------------


def prepare_store(scale: str, store_dir: Path | None, work: Path, log: Path) -> dict:
    """The store to measure: the large synthetic one (built if absent or outdated) or the bundled data."""
    from benchmark_data import row_counts  # scripts/ (this script's folder) is on the path

    from socieux.startup import ensure_ready
    from socieux.store import BENCHMARK, Store, schema_version, version_info

    if scale == "small":
        root = work / "bundled-store"
        store = Store(root)
        version = ensure_ready(store)
        return {"root": str(root), "version": str(version.path), "built": "bundled data, built for this run",
                "counts": row_counts(version), "build": None}

    root = store_dir or DEFAULT_STORE
    store = Store(root)
    reason = "absent"
    current = store.current()
    if current is not None:
        info = version_info(current)
        if info["kind"] == BENCHMARK and info["schema_version"] == schema_version():
            return {"root": str(root), "version": str(current.path),
                    "built": f"reused (built {info['loaded_at']:%Y-%m-%d %H:%M})", "counts": row_counts(current),
                    "build": None}
        if info["kind"] == BENCHMARK:
            # Same data, older tables or views: carried over to a new version as the app itself would do.
            progress(f"Carrying the dataset in {root} over to the present schema (a few minutes) ...")
            status, wall, peak = run_child(
                [sys.executable, "-c", "import sys; from socieux.startup import migrate_outdated_upload; "
                 "from socieux.store import Store; migrate_outdated_upload(Store(sys.argv[1]))", str(root)], log)
            if status != 0:
                raise RuntimeError(f"Carrying the dataset over failed (exit {status}); its log follows.")
            version = store.current()
            return {"root": str(root), "version": str(version.path),
                    "built": f"carried over to the present schema now from {current.path.name}",
                    "counts": row_counts(version), "build": {"seconds": wall, "peak": peak}}
        reason = f"its current version is not the benchmark dataset ({info['loaded_by']})"
    progress(f"Building the full-size dataset in {root} ({reason}); this takes 10 to 20 minutes ...")
    status, wall, peak = run_child(
        [sys.executable, str(PROJECT_ROOT / "scripts" / "benchmark_data.py"), "--out", str(root),
         "--requests", str(FULL_SIZE["requests"]), "--assignments", str(FULL_SIZE["assignments"]),
         "--survey-answers", str(FULL_SIZE["survey_answers"])],
        log,
    )
    if status != 0:
        raise RuntimeError(f"Building the dataset failed (exit {status}); its log follows.")
    version = store.current()
    return {"root": str(root), "version": str(version.path), "built": f"built now ({reason})",
            "counts": row_counts(version), "build": {"seconds": wall, "peak": peak}}


# -- Phase: page reruns ----------------------------------------------------------------------------


def filter_combinations(options, count: int, seed: int = 2016) -> list[dict[str, list[str]]]:
    """``count`` different filter selections (period, region, area, country mixes), none repeated."""
    values = {key: [v for v in options.loc[options["dimension"] == key, "value"]
                    if v not in ("Unknown", "Not recorded")] for key in FILTER_KEYS}
    patterns = [("period", "region"), ("region", "area"), ("period", "area"), ("country",),
                ("period", "region", "area"), ("area", "country"), ("period", "country")]
    rng = random.Random(seed)
    chosen: list[dict[str, list[str]]] = []
    seen: set[tuple] = set()
    attempts = 0
    while len(chosen) < count and attempts < count * 50:
        pattern = patterns[len(chosen) % len(patterns)]
        attempts += 1
        if not all(values[key] for key in pattern):
            continue
        selection = {key: [rng.choice(values[key])] for key in pattern}
        signature = tuple(sorted((k, tuple(v)) for k, v in selection.items()))
        if signature not in seen:
            seen.add(signature)
            chosen.append(selection)
    return chosen


def _staff_session(AppTest):
    """An AppTest of app.py signed in as staff (password sign-in, throw-away hash), so staff pages are listed."""
    from socieux.access import hash_password

    at = AppTest.from_file(str(APP), default_timeout=3600)
    at.secrets["staff"] = {"password_hash": hash_password(STAFF_PASSWORD, iterations=1_000)}
    at.run()
    at.text_input(key="staff_name").set_value("Benchmark")
    at.text_input(key="staff_password").set_value(STAFF_PASSWORD)
    next(b for b in at.button if b.label == "Sign in").click()
    at.run()
    return at


def phase_navigation(args: argparse.Namespace) -> dict:
    """The pages of app.py's navigation for a staff session: (title, script)."""
    os.environ["SOCIEUX_STORE_DIR"] = args.store
    from streamlit.testing.v1 import AppTest

    from socieux.ui.entry import route_every_page_through_app

    route_every_page_through_app()  # every page through app.py, as socieux/server.py serves them

    note = ""
    try:
        at = _staff_session(AppTest)
    except (KeyError, StopIteration) as missing:
        note = f"staff sign-in not found ({missing}): staff pages left out"
        at = AppTest.from_file(str(APP), default_timeout=3600)
        at.run()
    # The navigation as app.py registered it for this session (AppTest keeps it to resolve switch_page).
    registered = getattr(at, "_registered_pages", {}) or {}
    pages = [[str(info.get("page_name") or info.get("url_pathname")), os.path.relpath(info["script_path"], PROJECT_ROOT)]
             for info in registered.values() if info.get("script_path")]
    return {"pages": pages, "staff_note": note}


def phase_page(args: argparse.Namespace) -> dict:
    """One page: opened with a filter selection, rerun with other selections, rerun warm, then with no filter.

    The result file is rewritten after each step, so a page stopped for time or memory still reports what
    it did before.
    """
    os.environ["SOCIEUX_STORE_DIR"] = args.store
    from streamlit.testing.v1 import AppTest

    from socieux.ui.entry import route_every_page_through_app

    route_every_page_through_app()  # every page through app.py, as socieux/server.py serves them

    import socieux.ui.data as data
    from socieux.queries import run_query
    from socieux.store import Store, connect

    query_seconds = [0.0]
    params_seen: dict[str, dict] = {}
    calls: list[list] = []  # this rerun's queries (name, parameters): what the pandas page phase computes again

    def timed_run_query(con, name, params=None):
        params_seen.setdefault(name, dict(params or {}))
        calls.append([name, dict(params or {})])
        started = time.perf_counter()
        try:
            return run_query(con, name, params)
        finally:
            query_seconds[0] += time.perf_counter() - started

    data.run_query = timed_run_query  # the page code is unchanged: only the query runner is timed

    con = connect(Store(Path(args.store)).current())
    try:
        options = run_query(con, "filter_options")
    finally:
        con.close()
    combos = filter_combinations(options, args.runs + 1, seed=2016 + args.page_index)
    entry: dict[str, Any] = {"params": params_seen, "runs_s": [], "query_s": [], "filters": [], "calls": []}

    def timed_run(at) -> float:
        query_seconds[0] = 0.0
        calls.clear()
        started = time.perf_counter()
        at.run()
        elapsed = time.perf_counter() - started
        _raise_on_exception(at)
        return elapsed

    def save() -> None:
        Path(args.result).write_text(json.dumps(entry, default=str))

    at = _staff_session(AppTest)
    _set_filters(at, combos[0])
    at.switch_page(str(PROJECT_ROOT / args.page))
    entry["open_s"] = timed_run(at)
    save()
    for selection in combos[1:]:
        if len(entry["runs_s"]) >= 2 and sum(entry["runs_s"]) > args.page_budget:
            break  # enough for a median: a very slow page does not hold the benchmark up
        _set_filters(at, selection)
        entry["runs_s"].append(timed_run(at))
        entry["query_s"].append(query_seconds[0])
        entry["filters"].append(selection)
        entry["calls"].append(list(calls))
        save()
    entry["warm_s"] = timed_run(at)  # the same selection again: every query answered by the result cache
    save()
    _set_filters(at, {})
    entry["unfiltered_s"] = timed_run(at)  # everything in view: the largest results
    entry["unfiltered_query_s"] = query_seconds[0]
    entry["unfiltered_calls"] = list(calls)
    return entry


def _set_filters(at, selection: dict[str, list[str]]) -> None:
    for key in FILTER_KEYS:
        at.multiselect(key=key).set_value(selection.get(key, []))


def _raise_on_exception(at) -> None:
    if at.exception:
        raise RuntimeError(at.exception[0].value)


# -- Phase: every query file -----------------------------------------------------------------------


def phase_queries(args: argparse.Namespace) -> dict:
    """Each file of queries/ with the parameters the pages gave it on opening (no filter), median of runs."""
    from socieux.queries import query_names, query_parameters, run_query
    from socieux.store import Store, connect

    params_seen = json.loads(Path(args.params).read_text()) if args.params else {}
    con = connect(Store(Path(args.store)).current())
    results = []
    try:
        for name in query_names():
            wanted = query_parameters(name)
            # The page's own parameters (limits, slicers) with every sidebar filter empty: the first page run
            # the parameters were recorded from had a filter selection.
            params = {**params_seen.get(name, {}), **NO_FILTER}
            missing = wanted - params.keys()
            if missing:
                results.append({"query": name, "skipped": f"no page runs it; parameters {sorted(missing)} unknown"})
                continue
            times, rows = [], 0
            for _ in range(args.query_runs):
                started = time.perf_counter()
                rows = len(run_query(con, name, params))
                times.append(time.perf_counter() - started)
                if times[-1] > 5:  # a slow query is timed once: the figure is clear and the run stays short
                    break
            results.append({"query": name, "median_s": statistics.median(times), "runs": len(times), "rows": rows})
    finally:
        con.close()
    return {"queries": results}


# -- Phase: the same KPIs in pandas ----------------------------------------------------------------


def _arrow_frame(con, sql: str):
    """A query's rows as a DataFrame with every text column categorical (no Python string per row)."""
    import pyarrow as pa

    arrow = con.execute(sql).to_arrow_table()
    columns = [column.dictionary_encode() if pa.types.is_string(column.type) or pa.types.is_large_string(column.type)
               else column for column in arrow.columns]
    return pa.table(columns, names=arrow.column_names).to_pandas()


def load_pandas(con) -> dict:
    """Load the base tables once and derive period, geography, stage and KPI flags the pandas way."""
    import numpy as np
    import pandas as pd

    periods = con.execute("SELECT code, start_date, end_date, sort_order FROM reporting_period ORDER BY start_date").df()
    countries = _arrow_frame(con, "SELECT country, iso3, region, income_group FROM partner_country")
    statuses = _arrow_frame(con, "SELECT s.status, g.label AS stage_label FROM status s JOIN stage g USING (stage)")
    sets = _arrow_frame(con, "SELECT set_name, status FROM status_set")
    requests = _arrow_frame(con, """
        SELECT code, date_received, reporting_period, country, area_of_work, status,
               working_days::DOUBLE AS working_days, expenditure_eur::DOUBLE AS expenditure_eur
        FROM request_action""")

    def period_of(days: pd.Series) -> pd.Series:
        starts = periods["start_date"].to_numpy(dtype="datetime64[D]")
        ends = periods["end_date"].to_numpy(dtype="datetime64[D]")
        values = days.to_numpy(dtype="datetime64[D]")
        slot = np.searchsorted(starts, values, side="right") - 1
        inside = (slot >= 0) & ~np.isnat(values)
        inside[inside] &= values[inside] <= ends[slot[inside]]
        codes = np.where(inside, slot, -1)
        return pd.Series(pd.Categorical.from_codes(codes, categories=list(periods["code"])), index=days.index)

    derived = period_of(requests["date_received"])
    given = requests["reporting_period"].astype("object")
    requests["rp"] = given.where(given.notna(), derived.astype("object")).fillna("Unknown").astype("category")
    geography = countries.set_index("country")
    requests["region"] = requests["country"].map(geography["region"]).astype("object").fillna("Not recorded").astype("category")
    requests["income_group"] = (requests["country"].map(geography["income_group"]).astype("object")
                                .fillna("Not recorded").astype("category"))
    requests["iso3"] = requests["country"].map(geography["iso3"])
    requests["stage_label"] = requests["status"].map(statuses.set_index("status")["stage_label"])
    for flag, set_name in (("is_in_processing", "in_processing"), ("is_closed", "closed"),
                           ("is_implemented", "implemented_original")):
        requests[flag] = requests["status"].isin(sets.loc[sets["set_name"] == set_name, "status"])

    activities = _arrow_frame(con, "SELECT code, activity_no, start_date FROM activity")
    activities["rp"] = period_of(activities["start_date"]).astype("object").fillna("Unknown").astype("category")
    assignments = _arrow_frame(con, """
        SELECT code, activity_no, expert_id, working_days::DOUBLE AS working_days, nationality, area_of_eligibility
        FROM expert_assignment""")
    assignments = assignments.merge(activities[["code", "activity_no", "rp"]], on=["code", "activity_no"], how="inner")
    by_code = requests.set_index("code")
    for column in ("country", "region", "income_group", "area_of_work", "stage_label", "iso3"):
        assignments[column] = assignments["code"].map(by_code[column])

    responses = _arrow_frame(con, "SELECT form, response_id, code FROM survey_response WHERE form = 'EXF'")
    answers = _arrow_frame(con, """
        SELECT a.response_id, a.question_code, a.answer_score
        FROM survey_answer a WHERE a.form = 'EXF'""")
    questions = _arrow_frame(con, "SELECT question_code, domain, scale FROM survey_question WHERE form = 'EXF'")
    answers = answers.merge(questions, on="question_code", how="inner")
    answers = answers[answers["scale"].astype("object").str.startswith("A5")]
    answers = answers.merge(responses[["response_id", "code"]], on="response_id", how="inner")
    for column in ("region", "income_group", "area_of_work", "country", "stage_label"):
        answers[column] = answers["code"].map(by_code[column])
    return {"requests": requests, "assignments": assignments, "answers": answers}


def _mask(frame, filters: dict[str, list[str]], columns=None):
    import numpy as np

    columns = columns or {"periods": "rp", "regions": "region", "income_groups": "income_group",
                          "areas": "area_of_work", "countries": "country", "stages": "stage_label"}
    mask = np.ones(len(frame), dtype=bool)
    for param, column in columns.items():
        if filters.get(param):
            mask &= frame[column].isin(filters[param]).to_numpy()
    return mask


def pandas_kpis() -> dict:
    """KPI name -> (pandas function on the loaded frames, DuckDB query and its extra parameters, canonical form)."""
    import pandas as pd

    def headline(f, flt):
        r = f["requests"][_mask(f["requests"], flt)]
        return {"": (len(r), int(r["is_in_processing"].sum()), int(r["is_implemented"].sum()), int(r["is_closed"].sum()),
                     r["working_days"].sum(), r["expenditure_eur"].sum())}

    def by_period_area(f, flt):
        r = f["requests"][_mask(f["requests"], flt)]
        counts = r.groupby(["rp", "area_of_work"], observed=True).size()
        return {key: (n,) for key, n in counts.items()}

    def by_region(f, flt):
        r = f["requests"][_mask(f["requests"], flt)]
        grouped = r.groupby("region", observed=True).agg(requests=("code", "size"), implemented=("is_implemented", "sum"))
        return {key: tuple(row) for key, row in zip(grouped.index, grouped.itertuples(index=False))}

    def by_country(f, flt):
        r = f["requests"][_mask(f["requests"], flt)]
        grouped = r.groupby("country", observed=True).agg(
            requests=("code", "size"), implemented=("is_implemented", "sum"), working_days=("working_days", "sum"),
            expenditure=("expenditure_eur", lambda s: s.sum(min_count=1)))
        return {key: tuple(row) for key, row in zip(grouped.index, grouped.itertuples(index=False))}

    def expert_by_country(f, flt):
        a = f["assignments"][_mask(f["assignments"], flt)]
        grouped = a.groupby("country", observed=True).agg(
            working_days=("working_days", "sum"), assignments=("expert_id", "size"), experts=("expert_id", "nunique"))
        return {key: tuple(row) for key, row in zip(grouped.index, grouped.itertuples(index=False))}

    def expert_by_period(f, flt):
        a = f["assignments"][_mask(f["assignments"], flt)]
        grouped = a.groupby(["rp", "area_of_work"], observed=True).agg(
            working_days=("working_days", "sum"), assignments=("working_days", "size"))
        return {key: tuple(row) for key, row in zip(grouped.index, grouped.itertuples(index=False))}

    def expert_by_nationality(f, flt):
        a = f["assignments"][_mask(f["assignments"], flt)]
        nationality = a["nationality"].astype("object").fillna("Not recorded")
        days = a["working_days"].groupby(nationality).sum()
        ranked = days.reset_index().sort_values(["working_days", "nationality"], ascending=[False, True])
        top = set(ranked["nationality"].head(10))
        label = nationality.where(nationality.isin(top), "Other")
        grouped = a.assign(label=label.to_numpy()).groupby("label").agg(
            working_days=("working_days", "sum"), assignments=("working_days", "size"), experts=("expert_id", "nunique"))
        return {key: tuple(row) for key, row in zip(grouped.index, grouped.itertuples(index=False))}

    def survey_positive(f, flt):
        answers = f["answers"][_mask(f["answers"], {**flt, "periods": []})]
        scored = answers[answers["answer_score"].notna()]
        grouped = scored.groupby("domain", observed=True)["answer_score"].agg(
            positive=lambda s: int((s >= 4).sum()), answered="size")
        return {key: (row.positive / row.answered,) for key, row in zip(grouped.index, grouped.itertuples(index=False))}

    def rows(columns):
        def canonical(df: pd.DataFrame) -> dict:
            keys, values = columns
            out = {}
            for record in df.to_dict("records"):
                key = tuple(record[k] for k in keys)
                out[key[0] if len(key) == 1 else (key if keys else "")] = tuple(record[v] for v in values)
            return out
        return canonical

    return {
        "Headline KPIs (received, in processing, implemented, closed, days, expenditure)":
            (headline, "kpi_totals", {}, rows(((), ("received", "in_processing", "implemented", "closed",
                                                   "working_days", "expenditure_eur")))),
        "Requests by period x area": (by_period_area, "requests_by_period_and_area", {},
                                      rows((("period", "area_of_work"), ("requests",)))),
        "Requests by region": (by_region, "requests_by_region", {}, rows((("region",), ("requests", "implemented")))),
        "Requests by country": (by_country, "requests_by_country", {},
                                rows((("country",), ("requests", "implemented", "working_days", "expenditure_eur")))),
        "Expert days by country": (expert_by_country, "expert_days_by_country",
                                   {"eligibilities": [], "nationalities": []},
                                   rows((("country",), ("working_days", "assignments", "experts")))),
        "Expert days by period x area": (expert_by_period, "expert_days_by_period",
                                         {"eligibilities": [], "nationalities": []},
                                         rows((("period", "area_of_work"), ("working_days", "assignments")))),
        "Expert days by nationality (top 10 + other)": (expert_by_nationality, "expert_days_by_nationality",
                                                        {"eligibilities": [], "nationalities": []},
                                                        rows((("nationality",), ("working_days", "assignments",
                                                                                 "experts")))),
        "Survey positive share by domain (EXF)": (survey_positive, "survey_agreement",
                                                  {"form": "EXF", "level": "domain", "periods": []},
                                                  rows((("item",), ("share_positive",)))),
    }


def _same(left: dict, right: dict) -> bool:
    import math

    def clean(values: dict) -> dict:
        out = {}
        for key, value in values.items():
            numbers = tuple(None if v is None or (isinstance(v, float) and math.isnan(v)) else float(v) for v in value)
            if any(n is not None for n in numbers):
                out[str(key)] = numbers
        return out

    a, b = clean(left), clean(right)
    if a.keys() != b.keys():
        return False
    return all(
        (x is None and y is None) or (x is not None and y is not None and math.isclose(x, y, rel_tol=1e-9, abs_tol=1e-6))
        for key in a for x, y in zip(a[key], b[key])
    )


def phase_pandas(args: argparse.Namespace) -> dict:
    """The same KPIs in DuckDB (named queries) and in idiomatic pandas, on the same data and filters."""
    from socieux.filters import Filters
    from socieux.queries import run_query
    from socieux.store import Store, connect

    con = connect(Store(Path(args.store)).current())
    try:
        options = run_query(con, "filter_options")
        started = time.perf_counter()
        frames = load_pandas(con)
        load_s = time.perf_counter() - started
        filter_sets = [Filters.from_selections(selection).params()
                       for selection in [{}, *filter_combinations(options, 3, seed=7)]]
        results = []
        for label, (pandas_fn, query_name, extra, canonical) in pandas_kpis().items():
            progress(f"pandas vs DuckDB: {label}")
            duck_s = pandas_s = 0.0
            same = True
            for filters in filter_sets:
                started = time.perf_counter()
                duck = run_query(con, query_name, {**filters, **extra})
                duck_s += time.perf_counter() - started
                started = time.perf_counter()
                theirs = pandas_fn(frames, filters)
                pandas_s += time.perf_counter() - started
                same = same and _same(canonical(duck), theirs)
            results.append({"kpi": label, "query": query_name, "duckdb_s": duck_s, "pandas_s": pandas_s,
                            "same": same, "filter_sets": len(filter_sets)})
        rows = {name: len(frame) for name, frame in frames.items()}
    finally:
        con.close()
    return {"load_s": load_s, "rows": rows, "kpis": results}


# -- Phase: whole pages in pandas -------------------------------------------------------------------


def phase_pandas_page(args: argparse.Namespace) -> dict:
    """One page in pandas (scripts/pandas_pages.py): its frames loaded, then every result of each rerun the page
    phase recorded, computed again; only then DuckDB's results of the same calls, to check them."""
    started = time.perf_counter()
    import pandas_pages  # pandas and pyarrow with it: part of what a pandas dashboard needs before its first page

    from socieux.queries import run_query
    from socieux.store import Store, connect

    recorded = json.loads(Path(args.params).read_text())
    reruns = [*recorded["calls"], recorded["unfiltered_calls"]]  # the varied selections, then no filter
    con = connect(Store(Path(args.store)).current())
    try:
        loading = time.perf_counter()
        frames = pandas_pages.load_frames(con, [args.page])
        load_s = time.perf_counter() - loading
        functions = pandas_pages.queries_of(args.page)
        uncovered = sorted({name for calls in reruns for name, _ in calls} - functions.keys())
        if uncovered:
            return {"error": f"no pandas reference for {', '.join(uncovered)}"}
        answers, pandas_s = [], []
        for calls in reruns:
            began = time.perf_counter()
            answers.append([functions[name](frames, params) for name, params in calls])
            pandas_s.append(time.perf_counter() - began)
        start_s = load_s + pandas_s[0] + (loading - started)  # imports, frames and the first page's results
        pandas_peak = max_rss_bytes()  # before any DuckDB result of the check below is held
        duck_s, differences = [], []
        for calls, theirs in zip(reruns, answers):
            began = time.perf_counter()
            ours = [run_query(con, name, params) for name, params in calls]
            duck_s.append(time.perf_counter() - began)
            for (name, _), duck, frame in zip(calls, ours, theirs):
                difference = pandas_pages.same_rows(duck, frame.reset_index(drop=True))
                if difference:
                    differences.append(f"{name}: {difference}"[:300])
        rows = {name: len(frame) for name, frame in frames.items() if name not in pandas_pages.REFERENCE_FRAMES}
    finally:
        con.close()
    return {"load_s": load_s, "start_s": start_s, "pandas_s": pandas_s[:-1], "pandas_unfiltered_s": pandas_s[-1],
            "duck_s": duck_s[:-1], "duck_unfiltered_s": duck_s[-1], "pandas_peak": pandas_peak, "rows": rows,
            "calls": sum(len(calls) for calls in reruns), "differences": differences[:5],
            "differing": len(differences)}


def measure_pandas_pages(args: argparse.Namespace, pages: dict, work: Path, log: Path) -> dict:
    """Each page the pandas reference covers, as the page phase ran it, in a process of its own."""
    import pandas_pages

    results = []
    for page in pages.get("pages", []):
        if page["script"] not in pandas_pages.PAGES or not page.get("calls") or "unfiltered_calls" not in page:
            continue
        recorded = work / f"calls{len(results)}.json"
        recorded.write_text(json.dumps({"calls": page["calls"], "unfiltered_calls": page["unfiltered_calls"]},
                                       default=str))
        result = run_phase_child("pandas_page", args, work, log, label=f"pandas page {page['title']}",
                                 timeout=args.page_timeout, page=page["script"], page_index=len(results),
                                 params=recorded)
        results.append({"title": page["title"], "script": page["script"], **result})
    return {"pages": results}


# -- Phase: cold start -----------------------------------------------------------------------------

COLD_START = """
import json, sys, time
started = time.perf_counter()
from streamlit.testing.v1 import AppTest
imported = time.perf_counter()
at = AppTest.from_file(sys.argv[1], default_timeout=1800)
at.run()
done = time.perf_counter()
print(json.dumps({"import_s": imported - started, "first_run_s": done - imported,
                  "exception": [e.value for e in at.exception][:1], "metrics": len(at.metric)}))
"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def measure_served(args: argparse.Namespace, dataset: dict, work: Path) -> dict:
    """What viewers of a real server get: scripts/serve.sh on the bundled data, measured by scripts/load_test.py."""
    if shutil.which("nginx") is None and not Path("/usr/sbin/nginx").exists():
        return {"skipped": "Debian's nginx is not installed (scripts/serve.sh installs it when run as root)"}
    progress("served ...")
    from load_test import healthy  # scripts/ (this script's folder) is on the path

    from socieux.startup import ensure_ready
    from socieux.store import Store

    store = Path(dataset["root"]) if args.scale == "small" else work / "served-store"
    ensure_ready(Store(store))  # the bundled data: the real size a meeting is served at
    port, backend = _free_port(), _free_port()
    while backend + SERVED_PROCESSES > 65535 or port in range(backend, backend + SERVED_PROCESSES):
        backend = _free_port()
    run_dir = work / "served"
    env = {**os.environ, "PORT": str(port), "ADDRESS": "127.0.0.1", "BACKEND_PORT": str(backend),
           "RUN_DIR": str(run_dir), "SOCIEUX_STORE_DIR": str(store), "SOCIEUX_SKIP_SETUP": "1"}
    url = f"http://127.0.0.1:{port}"
    with (work / "served.log").open("w") as log:
        server = subprocess.Popen(["bash", "scripts/serve.sh", str(SERVED_PROCESSES)], cwd=PROJECT_ROOT, env=env,
                                  stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            deadline = time.time() + 180
            while not healthy(url):
                if server.poll() is not None or time.time() > deadline:
                    return {"error": "scripts/serve.sh did not start: " + (work / "served.log").read_text()[-300:]}
                time.sleep(0.5)
            answer = subprocess.run(
                [sys.executable, "scripts/load_test.py", "--url", url, "--sessions", str(args.served_sessions),
                 "--seconds", str(args.served_seconds), "--pids-file", str(run_dir / "pids"),
                 "--store", str(store), "--json"],
                cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=args.served_seconds + 300,
            )
            if answer.returncode != 0:
                return {"error": f"the load test failed: {answer.stderr[-300:]}"}
            result = json.loads(answer.stdout)
            return {**result, "seconds": args.served_seconds, "cpu_per_rerun_s": (result["cpu_per_rerun_ms"] or 0) / 1000}
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)


def measure_cold_start(store: str, work: Path) -> dict:
    """A new Python process: import, connect, and the first run of the default page."""
    out = work / "cold.json"
    env = {**os.environ, "SOCIEUX_STORE_DIR": store}
    started = time.perf_counter()
    with open(out, "wb") as handle:
        child = subprocess.Popen([sys.executable, "-c", COLD_START, str(APP)], stdout=handle,
                                 stderr=subprocess.DEVNULL, cwd=PROJECT_ROOT, env=env)
        _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        return {"error": f"exit {os.waitstatus_to_exitcode(status)}", "peak": usage.ru_maxrss * 1024}
    lines = [line for line in out.read_text().splitlines() if line.startswith("{")]
    detail = json.loads(lines[-1])
    return {"wall_s": wall, **detail, "peak": usage.ru_maxrss * 1024}


# -- Phase: upload ---------------------------------------------------------------------------------


def write_upload_workbook(path: Path, rows: int) -> None:
    """A Requests sheet of ``rows`` rows, written by openpyxl in write-only mode: the required columns, days,
    expenditure and two processing-step dates (every template column would pass the 25 MB upload limit)."""
    import openpyxl

    from socieux.workbook.sheets import REQUESTS

    optional = {"date_received", "reporting_period", "working_days", "mission_days", "expenditure_eur",
                "date_eligibility_check", "date_approved"}
    columns = [column.name for column in REQUESTS.columns if column.required or column.name in optional]
    countries = ("Kenya", "Cabo Verde", "Côte d'Ivoire", "Peru", "Viet Nam", "Cambodia", "Togo", "Senegal")
    statuses = ("Ongoing", "Completed", "Fractioned", "On hold", "Request", "Closed/Concluded")
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("Requests")
    sheet.append(columns)
    first = date(2016, 9, 5).toordinal()
    for i in range(rows):
        received = date.fromordinal(first + i % 1450)
        values = {
            "code": f"{received.year}-{i:06d}", "country": countries[i % len(countries)],
            "partner_institution": f"Ministry {i % 300}", "title": f"Support to reform {i}",
            "general_objective": f"Objective {i % 50}", "area_of_work": "SP" if i % 2 else "Labour & Employment",
            "status": statuses[i % len(statuses)], "gender_relevant": "Yes" if i % 3 else "No",
            "disability_relevant": "No", "date_received": received, "received_on_is_estimate": "No",
            "reporting_period": None, "programme_received": "SOCIEUX+", "legacy": "No",
            "type_of_assistance": "A.02.02", "status_date": date.fromordinal(received.toordinal() + 200),
            "merged_into_code": None, "fractioned_from_code": None, "replaced_by_code": None,
            "working_days": (i % 40) / 2, "mission_days": (i % 20) / 2,
            "expenditure_eur": round((i % 900) * 37.5, 2) if i % 4 else None,
        }
        step = 0
        for column in columns:
            if column.startswith("date_") and column != "date_received":
                step += 1
                values[column] = date.fromordinal(received.toordinal() + 10 * step)
        sheet.append([values.get(column) for column in columns])
    workbook.save(path)


def phase_upload(args: argparse.Namespace) -> dict:
    """Validate a large workbook and load it as a new version of a store holding the bundled data."""
    try:
        from socieux.dataset_load import publish_upload, upload_meta
        from socieux.workbook import read_and_validate, reference_from_connection
    except ImportError as missing:
        return {"missing": f"read_and_validate / publish_upload not available yet ({missing})"}
    from socieux.startup import ensure_ready
    from socieux.store import Store, connect

    rows = args.upload_rows
    cached = Path(args.upload_cache or args.work) / f"upload-{rows}.xlsx"
    reused = cached.exists()
    started = time.perf_counter()
    if not reused:
        write_upload_workbook(cached, rows)
    write_s = time.perf_counter() - started
    content = cached.read_bytes()

    store = Store(Path(args.work) / "upload-store")
    base = ensure_ready(store)
    con = connect(base)
    try:
        reference = reference_from_connection(con)
    finally:
        con.close()
    as_of = date(2021, 9, 30)
    started = time.perf_counter()
    result = read_and_validate(content, cached.name, reference, as_of=as_of)
    validate_s = time.perf_counter() - started
    outcome: dict[str, Any] = {"rows": rows, "bytes": len(content), "write_s": write_s, "reused": reused,
                               "validate_s": validate_s,
                               "errors": len(result.errors()), "tables": {k: len(v) for k, v in result.tables.items()}}
    if result.has_errors:
        outcome["load_error"] = f"{len(result.errors())} validation errors, e.g. {result.errors()[0]}"
        return outcome
    started = time.perf_counter()
    publish_upload(store, result, upload_meta(result, content, cached.name, "benchmark", as_of))
    outcome["load_s"] = time.perf_counter() - started
    return outcome


# -- Phase: PNG export -----------------------------------------------------------------------------


def phase_export(args: argparse.Namespace) -> dict:
    """One chart of the catalogue exported to PNG twice; the second export is the warm one."""
    try:
        from socieux.image_export import export_figure
    except ImportError as missing:
        return {"missing": f"export_figure not available yet ({missing})"}
    from socieux.charts import CATALOGUE
    from socieux.filters import Filters
    from socieux.queries import run_query
    from socieux.store import Store, connect

    spec = next(iter(CATALOGUE.values()))
    con = connect(Store(Path(args.store)).current())
    try:
        df = spec.data(lambda name, filters, **extra: run_query(con, name, {**filters.params(), **extra}), Filters())
    finally:
        con.close()
    fig = spec.figure(df)
    times = []
    for _ in range(2):
        started = time.perf_counter()
        png = export_figure(fig, title=spec.title, filters_text="All requests (no filter)", as_of="2023-01-31",
                            source="benchmark", synthetic=spec.synthetic, fmt="png")
        times.append(time.perf_counter() - started)
    return {"chart": spec.chart_id, "first_s": times[0], "warm_s": times[1], "bytes": len(png)}


PHASES = {"navigation": phase_navigation, "page": phase_page, "queries": phase_queries, "pandas": phase_pandas,
          "pandas_page": phase_pandas_page, "upload": phase_upload, "export": phase_export}


def run_phase_child(name: str, args: argparse.Namespace, work: Path, log: Path, *, label: str = "",
                    timeout: float | None = None, memory_cap: int | None = None, **extra: Any) -> dict:
    """Run one phase in a new process; its result, wall time and peak memory."""
    out = work / f"{name}{extra.get('page_index', '')}.json"
    out.unlink(missing_ok=True)
    command = [sys.executable, str(Path(__file__).resolve()), "--phase", name, "--store", args.store_root,
               "--scale", args.scale, "--runs", str(args.runs), "--work", str(work), "--result", str(out)]
    for key, value in extra.items():
        command += [f"--{key.replace('_', '-')}", str(value)]
    progress(f"{label or name} ...")
    status, wall, peak = run_child(command, log, timeout=timeout, memory_cap=memory_cap)
    partial = json.loads(out.read_text()) if out.exists() else {}
    if status != 0:
        reason = status if isinstance(status, str) else f"exit {status}"
        return {**partial, "crashed": reason, "wall_s": wall, "peak": peak}
    return {**partial, "wall_s": wall, "peak": peak}


def measure_pages(args: argparse.Namespace, work: Path, log: Path) -> dict:
    """Each page of the navigation in its own process (its own caches and peak memory)."""
    navigation = run_phase_child("navigation", args, work, log, label="navigation", timeout=args.page_timeout)
    if "crashed" in navigation:
        return {"crashed": navigation["crashed"], "pages": [], "params": {}}
    pages, params = [], {}
    chosen = navigation["pages"]
    if args.pages:
        wanted = [title.strip() for title in args.pages.split(",") if title.strip()]
        unknown = sorted(set(wanted) - {title for title, _ in chosen})
        if unknown:
            return {"crashed": f"--pages names no page of the navigation: {', '.join(unknown)}", "pages": [], "params": {}}
        chosen = [(title, script) for title, script in chosen if title in wanted]
    for index, (title, script) in enumerate(chosen):
        result = run_phase_child("page", args, work, log, label=f"page {title}", timeout=args.page_timeout,
                                 memory_cap=PAGE_MEMORY_CAP, page=script, page_index=index,
                                 page_budget=args.page_budget)
        for name, given in result.pop("params", {}).items():
            params.setdefault(name, given)
        if "crashed" in result:
            crashed = result.pop("crashed")
            result["error"] = crashed if crashed.startswith("stopped") else result.get("error", crashed)
        elif "unfiltered_s" not in result:
            result["error"] = "no result"
        pages.append({"title": title, "script": script, **result})
    peak = max((p.get("peak", 0) for p in pages), default=0)
    return {"pages": pages, "staff_note": navigation["staff_note"], "params": params, "peak": peak}


# -- Report ----------------------------------------------------------------------------------------


def machine(load_at_start: tuple[float, float, float]) -> list[str]:
    model = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    load = ", ".join(f"{x:.1f}" for x in load_at_start)
    return [f"CPU: {model}, {os.cpu_count()} cores (nproc)", f"Memory: {gib(memory)}",
            f"Load average at start (1, 5, 15 min): {load}", f"Python {platform.python_version()} on {platform.platform()}"]


def busy_processes() -> list[str]:
    """Other test or app processes running now (they share the cores and skew the figures)."""
    found = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit() or int(proc.name) in (os.getpid(), os.getppid()):
            continue
        try:
            command = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if ("pytest" in command or "streamlit run" in command) and "benchmark" not in command:
            found.append(command.strip()[:100])
    return found


def verdict(ok: bool | None, enforced: bool) -> str:
    if ok is None:
        return "n/a"
    return ("PASS" if ok else "MISS") + ("" if enforced else " (not enforced)")


def report(args, dataset, pages, queries, versus, whole, cold, upload, export, served, started_at,
           wall) -> tuple[str, bool]:
    enforced = args.scale == "full"
    out: list[str] = []
    emit = out.append
    emit(f"SOCIEUX+ KPI dashboard benchmark, scale {args.scale}")
    emit(f"Date: {started_at:%Y-%m-%d %H:%M} UTC; total time {wall / 60:.1f} min")
    emit("Command: " + " ".join(shlex.quote(a) for a in [".venv/bin/python", "scripts/benchmark.py", *sys.argv[1:]]))
    emit("")
    emit("== Machine")
    out.extend(machine(args.load_at_start))
    others = busy_processes()
    emit(f"Other pytest/streamlit processes at the end: {len(others)}" + (" (figures include their load)" if others else ""))
    emit("")
    emit("== Dataset")
    emit(f"Store: {dataset['root']} ({dataset['built']})")
    emit(f"Version file: {dataset['version']} ({gib(Path(dataset['version']).stat().st_size)})")
    emit(table(["Table", "Rows"], [[name, f"{count:,}"] for name, count in dataset["counts"].items()]))
    if dataset["build"]:
        emit(f"Prepared in {dataset['build']['seconds'] / 60:.1f} min, peak memory {gib(dataset['build']['peak'])}")
    emit("")

    emit("== Page reruns")
    emit(f"AppTest of app.py in a staff session, one process per page; up to {args.runs} reruns per page "
         f"(fewer once a page has spent {args.page_budget:.0f} s on them, at least 2).")
    if pages.get("staff_note"):
        emit(pages["staff_note"])
    if args.pages:
        emit(f"Only the pages chosen with --pages: {args.pages}.")
    page_rows, medians, page_ok = [], [], True
    for page in pages.get("pages", []):
        runs = page.get("runs_s", [])
        median = statistics.median(runs) if runs else None
        if median is not None:
            medians.append(median)
        passed = median is not None and median <= TARGET_PAGE_MS / 1000 and "error" not in page
        page_ok = page_ok and passed
        share = sum(page.get("query_s", [])) / max(sum(runs), 1e-9) if runs else None

        def shown(key: str) -> str:
            return ms(page[key]) if key in page else "-"

        page_rows.append([
            page["title"], page["script"], shown("open_s"), len(runs), ms(median) if runs else "-",
            ms(percentile(runs, 0.95)) if runs else "-", f"{share:.0%}" if share is not None else "-",
            shown("warm_s"), shown("unfiltered_s"), gib(page.get("peak", 0)),
            ("PASS" if passed else "MISS") + (f" ({page['error']})" if "error" in page else ""),
        ])
    if "crashed" in pages:
        emit(f"Page phase crashed: {pages['crashed']}")
        page_ok = False
    emit(table(["Page", "File", "Open", "Runs", "Median", "p95", "Queries", "Warm", "No filter", "Peak RSS",
                f"<= {TARGET_PAGE_MS} ms"], page_rows))
    emit("Open: the page's first run in a new process (cold caches), with a filter selection. Median and p95: "
         "reruns with a different selection each time (period, region, area, country mixes), so the result cache "
         "cannot answer. Queries: the time of those reruns' queries, summed, as a share of the reruns' (over 100% "
         "where a page computes its queries side by side). Warm: the last selection again, answered "
         "by the result cache. No filter: every request in view (the largest results), after the others.")
    emit("")

    emit("== Queries")
    emit("Each file of queries/ on its own cursor, parameters as the pages pass them on opening (no filter); "
         "median of up to 3 runs (a query over 5 s is run once).")
    query_rows = []
    for q in queries.get("queries", []):
        if "skipped" in q:
            query_rows.append([q["query"], "-", "-", "-", q["skipped"]])
        else:
            query_rows.append([q["query"], ms(q["median_s"]), q["runs"], f"{q['rows']:,}", ""])
    if "crashed" in queries:
        emit(f"Query phase crashed: {queries['crashed']}")
    emit(table(["Query", "Median", "Runs", "Rows", "Note"], query_rows))
    emit("")

    emit("== DuckDB vs pandas")
    ratios: list[float] = []
    if "crashed" in versus:
        emit(f"Comparison crashed: {versus['crashed']}")
    else:
        emit(f"pandas: base tables loaded once ({secs(versus['load_s'])}; "
             + ", ".join(f"{k} {v:,} rows" for k, v in versus["rows"].items())
             + "), text as categoricals, periods, geography and flags derived at load; then boolean masks and groupby. "
             f"DuckDB: the named query. Times summed over {versus['kpis'][0]['filter_sets'] if versus['kpis'] else 0} "
             "filter selections (none, then varied).")
        rows = []
        for k in versus["kpis"]:
            ratio = k["pandas_s"] / max(k["duckdb_s"], 1e-9)
            ratios.append(ratio)
            rows.append([k["kpi"], k["query"], ms(k["duckdb_s"]), ms(k["pandas_s"]), f"{ratio:.1f}x",
                         "yes" if k["same"] else "NO"])
        emit(table(["KPI", "Query", "DuckDB", "pandas", "pandas/DuckDB", "Same result"], rows))
        duck_total = sum(k["duckdb_s"] for k in versus["kpis"])
        pandas_total = sum(k["pandas_s"] for k in versus["kpis"])
        emit(f"All KPIs and selections: DuckDB {secs(duck_total)}, pandas {secs(pandas_total)} after its load, "
             f"{secs(pandas_total + versus['load_s'])} with it ({(pandas_total + versus['load_s']) / max(duck_total, 1e-9):.1f}x). "
             "The target is checked on the KPI times alone.")
    emit("")

    emit("== Whole pages: the dashboard against pandas")
    by_script = {page["script"]: page for page in pages.get("pages", [])}
    whole_rows, whole_checks = [], []
    for entry in whole.get("pages", []):
        page = by_script[entry["script"]]
        if "error" in entry or "crashed" in entry:
            whole_rows.append([entry["title"], *["-"] * 9, f"ERROR {entry.get('error', entry.get('crashed'))}"[:80]])
            continue
        dashboard, theirs = statistics.median(page["runs_s"]), statistics.median(entry["pandas_s"])
        memory, their_memory = page.get("peak", 0), entry["pandas_peak"]
        whole_checks.append((entry["title"], dashboard <= theirs, memory * 4 <= their_memory,
                             cold.get("wall_s", float("inf")) * 10 <= entry["start_s"]))
        whole_rows.append([
            entry["title"], ms(dashboard), ms(statistics.median(page["query_s"])), ms(theirs),
            ms(page["unfiltered_s"]), ms(entry["pandas_unfiltered_s"]), gib(memory), gib(their_memory),
            secs(entry["load_s"]), secs(entry["start_s"]),
            "yes" if not entry["differing"] else f"NO ({entry['differing']} of {entry['calls']}: {entry['differences'][0]})",
        ])
    if whole_rows:
        emit("The pages' reruns above (the same selections, then no filter) again in pandas (scripts/pandas_pages.py): "
             "every result each rerun asked DuckDB for, computed from the version's pre-joined tables read once into "
             "memory (text as categoricals; boolean masks, merge, groupby), each page in a process of its own. "
             "Dashboard: the AppTest rerun of the whole page (queries, figures, elements) and its queries' share; "
             "pandas: the results only. Peak RSS: the page's process; pandas' process after its load and reruns. "
             "Start: imports, frames and the first selection's results.")
        emit(table(["Page", "Dashboard rerun", "its queries", "pandas page", "No filter: dashboard", "pandas",
                    "Peak RSS: dashboard", "pandas", "pandas load", "pandas start", "Same results"], whole_rows))
        if "wall_s" in cold:
            emit(f"The dashboard's cold start (below): {secs(cold['wall_s'])}.")
    else:
        emit("No page the pandas reference covers (scripts/pandas_pages.py, PAGES) was measured.")
    emit("")

    emit("== Cold start")
    if "error" in cold:
        emit(f"Cold start failed: {cold['error']}")
    else:
        emit(f"New process to the default page rendered: {secs(cold['wall_s'])} "
             f"(imports {secs(cold['import_s'])}, first AppTest run incl. connect {secs(cold['first_run_s'])}; "
             f"{cold['metrics']} KPI cards{', exception: ' + str(cold['exception']) if cold['exception'] else ''})")
    emit("")

    emit("== Upload")
    upload_total = None
    if "missing" in upload or "crashed" in upload:
        emit(upload.get("missing") or f"Upload phase crashed: {upload['crashed']}")
    else:
        written = ("written earlier, reused" if upload["reused"]
                   else f"written by openpyxl write-only in {secs(upload['write_s'])}")
        emit(f"Workbook: {upload['rows']:,} request rows, required columns, days, expenditure and two step dates "
             f"({upload['bytes'] / 1e6:.1f} MB, "
             f"{written})")
        emit(f"read_and_validate: {secs(upload['validate_s'])} ({upload['errors']} errors; "
             + ", ".join(f"{k} {v:,}" for k, v in upload["tables"].items()) + " rows)")
        if "load_s" in upload:
            upload_total = upload["validate_s"] + upload["load_s"]
            emit(f"publish_upload (new version over the bundled data): {secs(upload['load_s'])}; "
                 f"validated and loaded in {secs(upload_total)}")
        else:
            emit(f"Not loaded: {upload.get('load_error')}")
    emit("")

    emit("== PNG export")
    if "missing" in export or "crashed" in export:
        emit(export.get("missing") or f"Export phase crashed: {export['crashed']}")
    else:
        emit(f"export_figure('{export['chart']}') as PNG: first {secs(export['first_s'])} (starts the renderer), "
             f"warm {secs(export['warm_s'])}")
    emit("")

    emit("== Served")
    if "skipped" in served or "error" in served:
        emit(f"Not measured: {served.get('skipped') or served.get('error')}")
    else:
        emit(f"scripts/serve.sh {SERVED_PROCESSES} (nginx, {SERVED_PROCESSES} dashboard processes) on the bundled data; "
             f"scripts/load_test.py: {served['sessions']} sessions for {served['seconds']:.0f} s, random pages and "
             "filters, no pause between views, a fresh server (empty caches).")
        emit(table(["Sessions", "Reruns", "Errors", "p50", "p95", "Reruns/s", "CPU per rerun"],
                   [[served["sessions"], served["reruns"], served["errors"], secs(served["p50_s"]), secs(served["p95_s"]),
                     f"{served['reruns_per_s']:.2f}", ms(served["cpu_per_rerun_s"])]]))
        if served["errors"]:
            emit("First errors: " + "; ".join(served["first_errors"]))
    emit("")

    emit("== Peak memory")
    peaks = [["benchmark process (this one)", gib(max_rss_bytes())]]
    if dataset["build"]:
        peaks.append(["dataset build or carry-over", gib(dataset["build"]["peak"])])
    for label, phase in (("page reruns, largest page process", pages), ("queries", queries),
                         ("DuckDB vs pandas (pandas frames)", versus), ("cold start", cold),
                         ("upload: validate + load", upload), ("PNG export (without the browser)", export)):
        if "peak" in phase:
            peaks.append([label, gib(phase["peak"])])
    if whole.get("pages"):
        peaks.append(["whole pages in pandas, largest page process",
                      gib(max(entry.get("peak", 0) for entry in whole["pages"]))])
    emit(table(["Process", "Peak RSS (ru_maxrss)"], peaks))
    emit("")

    app_peaks = [p.get("peak", 0) for p in (pages, cold, upload)]
    targets = [
        (f"Median page rerun <= {TARGET_PAGE_MS} ms on every page", page_ok if medians else None,
         f"slowest page median {ms(max(medians))}" if medians else "no page measured"),
        (f"DuckDB >= {TARGET_PANDAS_RATIO}x faster than pandas on every KPI",
         all(r >= TARGET_PANDAS_RATIO for r in ratios) if ratios else None,
         f"ratios {min(ratios):.1f}x to {max(ratios):.1f}x" if ratios else "not measured"),
        (f"Cold start <= {TARGET_COLD_S} s", cold["wall_s"] <= TARGET_COLD_S if "wall_s" in cold else None,
         secs(cold["wall_s"]) if "wall_s" in cold else "not measured"),
        (f"{UPLOAD_ROWS[args.scale]:,}-row upload validated and loaded <= {TARGET_UPLOAD_S} s",
         upload_total <= TARGET_UPLOAD_S if upload_total is not None else None,
         f"{secs(upload_total)} for {upload['rows']:,} rows" if upload_total is not None else "not measured"),
        (f"PNG export warm <= {TARGET_PNG_S} s", export["warm_s"] <= TARGET_PNG_S if "warm_s" in export else None,
         secs(export["warm_s"]) if "warm_s" in export else "not measured"),
        ("Peak memory <= 3 GiB (app processes and the upload)", max(app_peaks) <= TARGET_MEMORY_BYTES,
         f"largest {gib(max(app_peaks))}"),
        ("Whole pages: the dashboard's rerun as fast as pandas', a quarter of its memory, a tenth of its start",
         all(all(check[1:]) for check in whole_checks) if whole_checks else None,
         "; ".join(f"{title}: {'faster' if fast else 'slower'}, {'quarter' if small else 'over a quarter'}, "
                   f"{'tenth' if quick else 'over a tenth'}" for title, fast, small, quick in whole_checks)
         or "not measured"),
        (f"{SERVED_SESSIONS['full']} sessions served: 0 errors, p95 <= {TARGET_SERVED_P95_S} s",
         (served["errors"] == 0 and served["p95_s"] <= TARGET_SERVED_P95_S) if "p95_s" in served else None,
         f"{served['sessions']} sessions: p95 {secs(served['p95_s'])}, {served['errors']} errors"
         if "p95_s" in served else "not measured"),
    ]
    emit("== Targets")
    emit(table(["Target", "Result", "Measured"], [[name, verdict(ok, enforced), detail] for name, ok, detail in targets]))
    # A page stopped for time or memory at full scale is a missed target; an exception is a crash.
    crashed = (any("crashed" in phase for phase in (pages, queries, versus, upload, export)) or "error" in cold
               or any("error" in entry or "crashed" in entry or entry.get("differing") for entry in whole.get("pages", []))
               or any("error" in page and not str(page["error"]).startswith("stopped") for page in pages.get("pages", [])))
    missed = any(ok is False for _, ok, _ in targets)
    return "\n".join(out), crashed or (enforced and missed)


# -- Main ------------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=Path, help=f"store directory of the full-size dataset (default {DEFAULT_STORE})")
    parser.add_argument("--scale", choices=("full", "small"), default="full")
    parser.add_argument("--runs", type=int, help="reruns with different filters per page (default 7 full, 3 small)")
    parser.add_argument("--phase", choices=sorted(PHASES), help=argparse.SUPPRESS)
    parser.add_argument("--work", help=argparse.SUPPRESS)
    parser.add_argument("--result", help=argparse.SUPPRESS)
    parser.add_argument("--params", help=argparse.SUPPRESS)
    parser.add_argument("--query-runs", type=int, default=3, help=argparse.SUPPRESS)
    parser.add_argument("--upload-rows", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--upload-cache", help=argparse.SUPPRESS)
    parser.add_argument("--page", help=argparse.SUPPRESS)
    parser.add_argument("--page-index", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--pages", help="only these pages, by title, comma-separated (default: every page of the "
                                         "navigation; the test suite's smoke run measures three)")
    parser.add_argument("--served-sessions", type=int,
                        help=f"viewers of the served measurement (default: {SERVED_SESSIONS['full']} at full scale, "
                             f"{SERVED_SESSIONS['small']} small)")
    parser.add_argument("--served-seconds", type=float,
                        help=f"its length (default: {SERVED_SECONDS['full']} s at full scale, {SERVED_SECONDS['small']} s small)")
    parser.add_argument("--page-budget", type=float, default=90,
                        help="seconds of varied reruns per page before it stops (at least 2 runs; default 90)")
    parser.add_argument("--page-timeout", type=float, default=600,
                        help="a page process running longer is stopped and reported (default 600 s)")
    args = parser.parse_args(argv)
    args.runs = args.runs or (7 if args.scale == "full" else 3)
    args.served_sessions = args.served_sessions or SERVED_SESSIONS[args.scale]
    args.served_seconds = args.served_seconds or SERVED_SECONDS[args.scale]

    if args.phase:  # child process: one measurement, result as JSON
        args.store = str(args.store)
        result = Path(args.result)
        try:
            outcome = PHASES[args.phase](args)
        except Exception as error:  # noqa: BLE001 (what failed goes into the report)
            partial = json.loads(result.read_text()) if result.exists() else {}
            result.write_text(json.dumps({**partial, "error": f"{type(error).__name__}: {error}"[:300]}, default=str))
            raise
        result.write_text(json.dumps(outcome, default=str))
        return 0

    started_at, started = datetime.now(timezone.utc), time.perf_counter()
    args.load_at_start = os.getloadavg()  # before this run adds its own load
    scratch = tempfile.TemporaryDirectory(prefix="socieux-benchmark-")
    work = Path(scratch.name)
    log = work / "phases.log"
    try:
        dataset = prepare_store(args.scale, args.store, work, log)
        # The full-size upload workbook is kept beside the store, so a second run does not write it again.
        upload_cache = Path(dataset["root"]) if args.scale == "full" else work
        args.store_root = dataset["root"]
        pages = measure_pages(args, work, log)
        params = work / "params.json"
        params.write_text(json.dumps(pages.get("params", {}), default=str))
        queries = run_phase_child("queries", args, work, log, params=params)
        versus = run_phase_child("pandas", args, work, log)
        whole = measure_pandas_pages(args, pages, work, log)
        progress("cold start ...")
        cold = measure_cold_start(dataset["root"], work)
        upload = run_phase_child("upload", args, work, log, upload_rows=UPLOAD_ROWS[args.scale],
                                 upload_cache=upload_cache)
        export = run_phase_child("export", args, work, log)
        served = measure_served(args, dataset, work)
        text, failed = report(args, dataset, pages, queries, versus, whole, cold, upload, export, served, started_at,
                              time.perf_counter() - started)
        print(text)
        if any("crashed" in p for p in (pages, queries, versus, upload, export)):
            print(f"\nLog of the phases:\n{log.read_text(errors='replace')[-4000:]}", file=sys.stderr)
        return 1 if failed else 0
    except Exception:
        # the scratch directory, and the log in it, goes at the end of the run: what the children said goes first
        if log.exists():
            print(f"\nLog of the phases:\n{log.read_text(errors='replace')[-4000:]}", file=sys.stderr)
        raise
    finally:
        scratch.cleanup()


if __name__ == "__main__":
    sys.exit(main())
