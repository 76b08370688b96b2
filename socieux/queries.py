"""Run the named SQL files of ``queries/`` with DuckDB named parameters."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from socieux.store import PROJECT_ROOT

QUERIES_DIR = PROJECT_ROOT / "queries"
_PARAMETER = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")


@lru_cache(maxsize=1)
def query_paths() -> dict[str, Path]:
    """Every query by name: ``queries/<page>/<name>.sql`` (one folder per page, ``shared`` for several)."""
    paths: dict[str, Path] = {}
    for path in sorted(QUERIES_DIR.glob("*/*.sql")):
        if path.stem in paths:
            raise ValueError(f"Two queries are named {path.stem!r}: {paths[path.stem]} and {path}.")
        paths[path.stem] = path
    return paths


def query_names() -> list[str]:
    return sorted(query_paths())


@lru_cache(maxsize=None)
def query_text(name: str) -> str:
    """The SQL of the query named ``name``."""
    path = query_paths().get(name)
    if path is None:
        raise KeyError(f"There is no query named {name!r} in {QUERIES_DIR}.")
    return path.read_text()


@lru_cache(maxsize=None)
def query_parameters(name: str) -> frozenset[str]:
    """The named parameters a query uses."""
    sql = re.sub(r"--[^\n]*", "", query_text(name))
    return frozenset(_PARAMETER.findall(sql))


def run_query(con: duckdb.DuckDBPyConnection, name: str, params: dict[str, Any] | None = None) -> pd.DataFrame:
    """Run one named query on its own cursor and return the result as a DataFrame.

    ``params`` may hold more values than the query uses (all the filters, say); only those the query
    names are passed, and every one it names must be given.
    """
    wanted = query_parameters(name)
    given = params or {}
    missing = wanted - given.keys()
    if missing:
        raise KeyError(f"Query {name!r} needs the parameters {sorted(missing)}.")
    cursor = con.cursor()
    try:
        return cursor.execute(query_text(name), {key: given[key] for key in wanted}).df()
    finally:
        cursor.close()
