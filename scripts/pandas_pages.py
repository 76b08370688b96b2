"""The benchmark's pandas reference of whole pages: every result one rerun of a page asks DuckDB for, computed
in idiomatic pandas from the same pre-joined tables a published version stores (docs/performance.md).

The frames are the version's stored views (``v_request``, ``v_survey_answer``, ``v_receipt_decision`` ...),
read once with text as categoricals, the way a pandas dashboard would hold them in memory. A page's queries are
the calls one AppTest rerun of the page made (name and parameters, recorded by the benchmark's page phase);
``PAGES`` maps each named query of a covered page to the pandas function giving the same rows, and
``same_rows`` says whether the two results hold the same values.
"""

from __future__ import annotations

import importlib
import math
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

import numpy as np
import pandas as pd

Frames = dict[str, pd.DataFrame]
Params = dict[str, Any]


def arrow_frame(con, sql: str) -> pd.DataFrame:
    """A query's rows as a DataFrame with every text column categorical (no Python string per row)."""
    import pyarrow as pa

    arrow = con.sql(sql).to_arrow_table()
    columns = [column.dictionary_encode() if pa.types.is_string(column.type) or pa.types.is_large_string(column.type)
               else column for column in arrow.columns]
    return pa.table(columns, names=arrow.column_names).to_pandas()


# -- The sidebar filters -----------------------------------------------------------------------------------

# The request columns the sidebar filters read (socieux/schema/views.sql, matches_filters), by parameter.
FILTER_COLUMNS = {"periods": "rp", "regions": "region", "income_groups": "income_group", "areas": "area_of_work",
                  "countries": "country", "stages": "stage_label"}


def check_covered(params: Params) -> None:
    """The reference covers the sidebar's dimensions and the Fractioned toggle, not the field and type filters."""
    for name in ("fields", "types"):
        if params.get(name):
            raise ValueError(f"The pandas reference does not cover the {name} filter (given {params[name]!r}).")


def requests_in_view(frames: Frames, params: Params, *, with_period: bool = True) -> pd.DataFrame:
    """``filtered_requests``: the requests matching the sidebar filters (and the Fractioned toggle)."""
    check_covered(params)
    requests = frames["requests"]
    mask = np.ones(len(requests), dtype=bool)
    for param, column in FILTER_COLUMNS.items():
        if param == "periods" and not with_period:
            continue
        if params.get(param):
            mask = mask & requests[column].isin(params[param]).to_numpy()
    if params.get("fractioned") is False:
        mask = mask & ~requests["status"].isin(frames["fractioned"]["status"]).to_numpy()
    return requests[mask]


def in_period(frame: pd.DataFrame, params: Params, column: str = "rp") -> np.ndarray:
    periods = params.get("periods") or []
    return frame[column].isin(periods).to_numpy() if periods else np.ones(len(frame), dtype=bool)


# -- Every page (queries/overview/kpi_totals.sql: whether anything is in view) --------------------------------


def kpi_totals(frames: Frames, params: Params) -> pd.DataFrame:
    requests = requests_in_view(frames, params)
    return pd.DataFrame([{
        "received": len(requests),
        "in_processing": int(requests["is_in_processing"].sum()),
        "implemented": int(requests["is_implemented"].sum()),
        "closed": int(requests["is_closed"].sum()),
        "working_days": requests["working_days"].sum(),
        "expenditure_eur": requests["expenditure_eur"].sum(),
        "expenditure_unknown": int(requests["expenditure_eur"].isna().sum()),
    }])


# -- Pages covered -----------------------------------------------------------------------------------------

REQUEST_FRAMES = {
    "requests": """SELECT code, rp, rp_order, region, income_group, area_of_work, country, stage_label, status,
                          status_label, programme_received, partner_institution, date_received, received_on_is_estimate,
                          is_in_processing, is_implemented, is_closed, working_days::DOUBLE AS working_days,
                          expenditure_eur::DOUBLE AS expenditure_eur
                   FROM v_request""",
    "fractioned": "SELECT status FROM status_set WHERE set_name = 'fractioned'",
}

# Page file -> the module (in scripts/) with its FRAMES (name -> SQL), REFERENCE (the small ones, read as plain
# columns) and QUERIES (query name -> the pandas function giving its rows).
PAGES = {
    "pages/expert_days.py": "pandas_expert_days",
    "pages/feedback.py": "pandas_feedback",
}
REFERENCE_FRAMES = {"fractioned"}


def _module(script: str):
    return importlib.import_module(PAGES[script])


def queries_of(script: str) -> dict[str, Callable[[Frames, Params], pd.DataFrame]]:
    return _module(script).QUERIES


def load_frames(con, scripts: list[str]) -> Frames:
    """The frames the given pages need, each read once: code lists as plain columns, the rest with text as
    categoricals."""
    wanted: dict[str, str] = {}
    plain = set(REFERENCE_FRAMES)
    for script in scripts:
        wanted.update(_module(script).FRAMES)
        plain |= _module(script).REFERENCE
    return {name: con.sql(sql).df() if name in plain else arrow_frame(con, sql) for name, sql in wanted.items()}


# -- Comparing results -------------------------------------------------------------------------------------


def _plain(value: Any) -> Any:
    """One cell as a plain comparable value: missing values as None, numbers as float, dates as ISO text."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float | np.floating) and math.isnan(value):
        return None
    if isinstance(value, bool | np.bool_):
        return bool(value)
    if isinstance(value, int | float | np.integer | np.floating):
        return float(value)
    if isinstance(value, pd.Timestamp | datetime):
        return value.date().isoformat() if value == pd.Timestamp(value).normalize() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _rows(frame: pd.DataFrame) -> list[tuple]:
    return [tuple(_plain(v) for v in row) for row in frame.itertuples(index=False, name=None)]


def _same_row(left: tuple, right: tuple) -> bool:
    return all(
        a == b or (isinstance(a, float) and isinstance(b, float) and math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9))
        for a, b in zip(left, right, strict=True))


def same_rows(duck: pd.DataFrame, theirs: pd.DataFrame) -> str | None:
    """None when both results hold the same columns and rows (in order, or in some order); else what differs."""
    if list(duck.columns) != list(theirs.columns):
        return f"columns differ: {list(duck.columns)} against {list(theirs.columns)}"
    if len(duck) != len(theirs):
        return f"{len(duck)} rows against {len(theirs)}"
    left, right = _rows(duck), _rows(theirs)
    if all(_same_row(a, b) for a, b in zip(left, right)):
        return None
    key = repr
    left, right = sorted(left, key=key), sorted(right, key=key)
    for a, b in zip(left, right):
        if not _same_row(a, b):
            return f"first differing row: {a} against {b}"
    return None
