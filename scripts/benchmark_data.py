"""A large synthetic dataset version for benchmarks: requests resampled from the bundled ones across
RP1-RP7 and every partner country, with their activities, experts, assignments, expenditure and feedback.

    .venv/bin/python scripts/benchmark_data.py --out DIR [--requests N] [--assignments N] [--survey-answers N]

It lives beside the benchmark: nothing in the app needs it.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))  # run as a script from scripts/, like benchmark.py

from socieux.bundled import BUNDLED_DIR, load_countries  # noqa: E402 (after the path)
from socieux.reference_tables import load_reference_tables  # noqa: E402
from socieux.store import BENCHMARK, Store, Version, VersionMeta, connect  # noqa: E402
from socieux.synthetic.activities import lay_out_activities, plan_days  # noqa: E402
from socieux.synthetic.assignments import team_sizes  # noqa: E402
from socieux.synthetic.calibration import IMPLEMENTATION_STATUSES  # noqa: E402
from socieux.synthetic.generation import GenerationSettings, generate_synthetic  # noqa: E402
from socieux.synthetic.requests import RequestBatch  # noqa: E402

LARGE_AS_OF = date(2023, 1, 31)        # a month after RP7, so its last missions can end
LARGE_LOADED_BY = "synthetic benchmark"
PERIODS = ("RP1", "RP2", "RP3", "RP4", "RP5", "RP6", "RP7")
# Requests laid out in trial to size their days so the number of assignments comes near the one asked for.
PILOT_REQUESTS = 20_000
PILOT_ROUNDS = 4
LARGE_ASSIGNMENTS_PER_EXPERT = 10.0
REQUESTS_PER_CHUNK = 50_000
DAYS_NOISE = 0.25
INSTITUTION_KINDS = (
    "Ministry of Labour", "Ministry of Social Affairs", "Social security institution",
    "Public employment service", "National statistics office", "Local or regional authority",
    "Workers' organisation", "Employers' organisation",
)
SYNTHETIC_TABLES = (
    "request_action", "activity", "expert", "expert_assignment", "expenditure_line",
    "survey_response", "survey_answer", "milestone",
)


def _bundled_requests(con: duckdb.DuckDBPyConnection) -> dict[str, np.ndarray]:
    """The 145 bundled requests to resample, statuses in the facility's current spelling."""
    return con.execute(
        """
        SELECT
            coalesce((SELECT a.status FROM status_alias a WHERE lower(a.alias) = lower(r.status)), r.status)
                AS status,
            CAST(CAST(working_days AS DECIMAL(8, 1)) * 2 AS BIGINT) AS half_days,
            coalesce(CAST(CAST(nullif(expenditure_eur, '') AS DECIMAL(12, 2)) * 100 AS BIGINT), -1) AS cents,
            area_of_work, gender_relevant = 'Yes' AS gender_relevant,
            disability_relevant = 'Yes' AS disability_relevant, title
        FROM read_csv(?, header = true, all_varchar = true) r
        ORDER BY code
        """,
        [str(BUNDLED_DIR / "requests_2016_2020.csv")],
    ).fetchnumpy()


def fit_day_scale(
    half_days_at: Callable[[float], np.ndarray],
    sample: RequestBatch,
    implemented: np.ndarray,
    wanted_per_request: float,
    seed: int,
) -> float:
    """Factor on the days of implemented actions that brings the assignments per request near the
    number wanted, found by laying out the activities and teams of a sample of requests a few times."""
    scale = 1.0
    for _ in range(PILOT_ROUNDS):
        rng = np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(98,)))
        trial = replace(sample, half_days=half_days_at(scale))
        activities = lay_out_activities(trial, plan_days(trial, rng), rng)
        teams = team_sizes(activities, rng)
        on_implemented = implemented[activities.request]
        per_request_implemented = teams[on_implemented].sum() / len(sample)
        per_request_other = teams[~on_implemented].sum() / len(sample)
        if per_request_implemented == 0:
            return scale
        scale *= max(wanted_per_request - per_request_other, 0.01) / per_request_implemented
    return scale


def _day_number(day: date) -> int:
    return int(np.datetime64(day, "D").astype(np.int64))


def _categorical(codes: np.ndarray, labels) -> pd.Categorical:
    return pd.Categorical.from_codes(np.asarray(codes, dtype=np.int64), categories=pd.Index(list(labels)))


def _reporting_periods(con: duckdb.DuckDBPyConnection) -> list[tuple[str, int, int]]:
    """RP1-RP7 as (code, first day, last day), days since 1970-01-01."""
    return con.execute(
        """
        SELECT code, date_diff('day', DATE '1970-01-01', start_date), date_diff('day', DATE '1970-01-01', end_date)
        FROM reporting_period WHERE list_contains(?, code) ORDER BY start_date
        """,
        [list(PERIODS)],
    ).fetchall()


def _receipts(periods: list, count: int, rng: np.random.Generator) -> dict[str, np.ndarray]:
    """Receipt dates spread over the periods, in order, with the period and the number within the year."""
    period_start = np.array([p[1] for p in periods])
    received = np.sort(rng.integers(period_start[0], periods[-1][2] + 1, count))
    year = received.astype("datetime64[D]").astype("datetime64[Y]").astype(np.int64) + 1970
    return {
        "received": received,
        "period": np.searchsorted(period_start, received, side="right") - 1,
        "year": year,
        "number_in_year": np.arange(count) - np.searchsorted(year, year, side="left") + 1,
    }


def _resampled_days_and_money(
    source: dict, pick: np.ndarray, receipts: dict, period_end: np.ndarray, assignments: int, seed: int,
    rng: np.random.Generator,
) -> tuple[np.ndarray, np.ndarray]:
    """Half days scaled towards the wanted assignments, with noise; cents keep the source's cost per day."""
    count = len(pick)
    statuses = np.asarray(source["status"], dtype=object)[pick]
    implemented = np.isin(statuses, np.array(IMPLEMENTATION_STATUSES, dtype=object))
    source_half_days = source["half_days"][pick]
    noise = rng.lognormal(-DAYS_NOISE**2 / 2, DAYS_NOISE, count)

    def half_days_at(scale: float, rows=slice(None)) -> np.ndarray:
        factor = np.where(implemented[rows], scale, 1.0) * noise[rows]
        scaled = np.maximum(1, np.round(source_half_days[rows] * factor))
        return np.where(source_half_days[rows] > 0, scaled, 0).astype(np.int64)

    sample = np.sort(rng.choice(count, size=min(PILOT_REQUESTS, count), replace=False))
    pilot = RequestBatch(
        code=np.zeros(len(sample), dtype=object),
        status=statuses[sample],
        received=receipts["received"][sample],
        period_end=period_end[sample],
        cut_off=np.full(len(sample), _day_number(LARGE_AS_OF)),
        half_days=half_days_at(1.0, sample),
        cents=np.full(len(sample), -1),
    )
    scale = fit_day_scale(
        lambda factor: half_days_at(factor, sample), pilot, implemented[sample], assignments / count, seed
    )
    half_days = half_days_at(scale)

    source_cents = source["cents"][pick]
    per_half_day = source_cents / np.maximum(source_half_days, 1)
    cents = np.where(source_half_days > 0, np.round(per_half_day * half_days), np.round(source_cents * noise))
    return half_days, np.where(source_cents < 0, -1, cents).astype(np.int64)


def _labels_of(values) -> tuple[np.ndarray, np.ndarray]:
    labels, codes = np.unique(np.asarray(values, dtype=object).astype(str), return_inverse=True)
    return labels, codes.reshape(-1)


def insert_resampled_requests(
    con: duckdb.DuckDBPyConnection, count: int, assignments: int, seed: int
) -> None:
    """Requests 'YYYY-NNNNN' received over RP1-RP7 in every partner country, each a copy of a bundled
    request with its days (scaled to the wanted assignments) and expenditure per day."""
    rng = np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(99,)))
    source = _bundled_requests(con)
    pick = rng.integers(0, len(source["status"]), count)
    periods = _reporting_periods(con)
    receipts = _receipts(periods, count, rng)
    period_end = np.array([p[2] for p in periods])[receipts["period"]]
    half_days, cents = _resampled_days_and_money(source, pick, receipts, period_end, assignments, seed, rng)
    digits = max(5, len(str(int(receipts["number_in_year"].max(initial=1)))))

    countries = [row[0] for row in con.execute("SELECT country FROM partner_country ORDER BY country").fetchall()]
    titles, title_of = _labels_of(source["title"])
    statuses, status_of = _labels_of(source["status"])
    areas, area_of = _labels_of(source["area_of_work"])
    frame = pd.DataFrame({
        "year": receipts["year"],
        "number_in_year": receipts["number_in_year"],
        "received_day": receipts["received"],
        "period": _categorical(receipts["period"], [p[0] for p in periods]),
        "country": _categorical(rng.integers(0, len(countries), count), countries),
        "institution_kind": _categorical(rng.integers(0, len(INSTITUTION_KINDS), count), INSTITUTION_KINDS),
        "title": _categorical(title_of[pick], titles),
        "area_of_work": _categorical(area_of[pick], areas),
        "gender_relevant": np.asarray(source["gender_relevant"], dtype=bool)[pick],
        "disability_relevant": np.asarray(source["disability_relevant"], dtype=bool)[pick],
        "status": _categorical(status_of[pick], statuses),
        "half_days": half_days,
        "cents": cents,
    })
    con.execute(
        f"""
        INSERT INTO request_action BY NAME
        SELECT
            printf('%04d-%0{digits}d', year, number_in_year) AS code,
            'SOCIEUX+' AS programme_received,
            false AS legacy,
            DATE '1970-01-01' + CAST(received_day AS INTEGER) AS date_received,
            false AS received_on_is_estimate,
            period AS reporting_period,
            country,
            institution_kind || ' (' || country || ')' AS partner_institution,
            title, area_of_work, gender_relevant, disability_relevant, status,
            half_days * 0.5::DECIMAL(2, 1) AS working_days,
            CASE WHEN cents >= 0 THEN cents * 0.01::DECIMAL(3, 2) END AS expenditure_eur,
            ? AS as_of,
            true AS is_synthetic
        FROM frame
        """,
        [LARGE_AS_OF],
    )


def commit_chunk(con: duckdb.DuckDBPyConnection) -> None:
    """Commit and checkpoint what is written so far, then go on in a new transaction.

    Key indexes of rows written in the open transaction stay in memory (the largest tables have none,
    socieux/store.py); once checkpointed they can leave it. The version file is invisible until ``Store.publish`` renames it, and deleted if the
    build fails, so committing chunk by chunk exposes nothing half-built.
    """
    con.execute("COMMIT")
    con.execute("CHECKPOINT")
    con.execute("BEGIN TRANSACTION")


def populate_large(
    con: duckdb.DuckDBPyConnection, requests: int, assignments: int, survey_answers: int, seed: int
) -> None:
    """Fill an empty version with reference tables, countries and the synthetic benchmark data."""
    con.execute("SET memory_limit = '1GB'")
    # Rows need no order of insertion (the published tables that are read in order are sorted when they are
    # written, socieux/schema/materialise.sql); keeping it would hold large inserts in memory.
    con.execute("SET preserve_insertion_order = false")
    con.execute("SET enable_progress_bar = false")
    load_reference_tables(con)
    load_countries(con)
    insert_resampled_requests(con, requests, assignments, seed)
    commit_chunk(con)
    settings = GenerationSettings(
        requests_per_chunk=REQUESTS_PER_CHUNK,
        assignments_per_expert=LARGE_ASSIGNMENTS_PER_EXPERT,
        survey_answers=survey_answers,
        after_chunk=commit_chunk,
    )
    generate_synthetic(con, seed, settings)


def generate_large_store(
    store_dir: Path,
    requests: int = 1_000_000,
    assignments: int = 10_000_000,
    survey_answers: int = 2_000_000,
    seed: int = 2016,
) -> Version:
    """Publish one synthetic benchmark version of about the given size in the store at ``store_dir``."""
    meta = VersionMeta(
        as_of=LARGE_AS_OF,
        loaded_by=LARGE_LOADED_BY,
        source=(
            f"Synthetic benchmark data: {requests:,} requests resampled from the 145 bundled requests "
            f"across RP1-RP7 and all partner countries (seed {seed})"
        ),
        has_synthetic=True,
        kind=BENCHMARK,
    )
    return Store(store_dir).publish(
        lambda con: populate_large(con, requests, assignments, survey_answers, seed), meta
    )


def row_counts(version: Version) -> dict[str, int]:
    """Rows per synthetic table of a published version."""
    con = connect(version)
    try:
        return {table: con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0] for table in SYNTHETIC_TABLES}
    finally:
        con.close()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Publish a large synthetic dataset version for benchmarks.")
    parser.add_argument("--out", type=Path, required=True, help="store directory")
    parser.add_argument("--requests", type=int, default=1_000_000)
    parser.add_argument("--assignments", type=int, default=10_000_000)
    parser.add_argument("--survey-answers", type=int, default=2_000_000)
    parser.add_argument("--seed", type=int, default=2016)
    args = parser.parse_args(argv)

    started, cpu_started = time.perf_counter(), time.process_time()
    version = generate_large_store(args.out, args.requests, args.assignments, args.survey_answers, args.seed)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    print(f"Published {version.label} at {version.path}")
    # CPU time as well: on a shared machine the wall-clock time says more about the neighbours.
    print(f"Generation time: {elapsed:.1f} s wall clock, {cpu:.1f} s CPU")
    for table, rows in row_counts(version).items():
        print(f"  {table:<20} {rows:>12,}")
    print(f"Database file size: {version.path.stat().st_size / 2**20:,.1f} MiB")


if __name__ == "__main__":
    main()
