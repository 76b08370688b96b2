"""Data access for pages: one cached connection per dataset version, results cached by version and parameters."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
import weakref
from typing import Any

import duckdb
import pandas as pd
import pyarrow as pa
import streamlit as st
from streamlit import dataframe_util
from streamlit.runtime.scriptrunner import get_script_run_ctx

from socieux.filters import Filters
from socieux.queries import query_parameters, run_query
from socieux.shared_cache import shared_cache
from socieux.startup import ensure_ready
from socieux.store import Store, Version, connect, query_threads, store_dir


@st.cache_resource(show_spinner="Preparing the dataset ...")
def _ready_version(root: str, pointer: str | None) -> Version:
    """Build or check the store once per (store, current version), not on every rerun."""
    return ensure_ready(Store(root))


_VERSION_OF_RERUN = "_dataset_version_of_rerun"


def _read_current_version() -> Version:
    store = Store(store_dir())
    current = store.current()
    return _ready_version(str(store.root), current.path.name if current else None)


def pin_current_version() -> Version:
    """Read the current-version pointer once, at the start of a rerun (app.py): the whole rerun answers from it."""
    version = _read_current_version()
    st.session_state[_VERSION_OF_RERUN] = version
    return version


def current_version() -> Version:
    """The dataset version of this rerun, so a page never mixes two versions while a load or restore lands.

    app.py pins it before the page runs (a new upload shows at the next rerun); a page run on its own, or
    code outside a session, reads the pointer (docs/definitions.md).
    """
    pinned = st.session_state.get(_VERSION_OF_RERUN) if get_script_run_ctx(suppress_warning=True) else None
    return pinned if pinned is not None else _read_current_version()


@shared_cache(max_entries=4)  # not Streamlit's: prefetch() asks for it on threads outside any rerun
def _connection(path: str) -> duckdb.DuckDBPyConnection:
    return connect(Version(0, Path(path)))


@shared_cache(max_entries=2000)
def _cached_query(version_path: str, name: str, params: tuple[tuple[str, Any], ...]) -> pd.DataFrame:
    return run_query(_connection(version_path), name, {k: list(v) if isinstance(v, tuple) else v for k, v in params})


def query(name: str, filters: Filters | None = None, **extra: Any) -> pd.DataFrame:
    """Run a named query for the current version with the filters and any extra parameters."""
    # A shallow copy: the page may add or change columns without touching the shared result (copy-on-write).
    return shared_query(name, filters, **extra).copy(deep=False)


def shared_query(name: str, filters: Filters | None = None, **extra: Any) -> pd.DataFrame:
    """``query`` without the page's own copy: the shared result itself, for a table shown as it is (never
    changed by the page), so that ``arrow_of`` converts it once."""
    return _cached_query(str(current_version().path), name, _frozen_params(name, filters, extra))


def _frozen_params(name: str, filters: Filters | None, extra: dict[str, Any]) -> tuple[tuple[str, Any], ...]:
    # Keyed by the parameters the query uses: a result that no filter changes is computed once per version.
    params: dict[str, Any] = dict(filters.params()) if filters else {}
    params.update(extra)
    wanted = query_parameters(name)
    return tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in params.items() if k in wanted))


_PREFETCH: list[ThreadPoolExecutor] = []  # one pool per process, created at its first use
_PREFETCH_LOCK = threading.Lock()


def _prefetch_pool(workers: int) -> ThreadPoolExecutor:
    with _PREFETCH_LOCK:
        if not _PREFETCH:
            _PREFETCH.append(ThreadPoolExecutor(max_workers=workers, thread_name_prefix="socieux-prefetch"))
        return _PREFETCH[0]


def prefetch(filters: Filters | None, calls: list[tuple[str, dict[str, Any]]]) -> None:
    """Compute the results of ``calls`` (query name, extra parameters) for ``filters`` side by side, one per query
    thread of the process (SOCIEUX_QUERY_THREADS, else every core), so that the same calls made one after the
    other then find them cached: a page asking many independent questions waits for about the longest of them,
    not their sum. With one query thread (scripts/serve.sh's processes on two cores) it does nothing.

    The version is the rerun's (read here, in the page's thread); every session shares one pool, so that viewers
    asking at once never start more queries than there are threads.
    """
    workers = query_threads() or os.cpu_count() or 1
    keys = list(dict.fromkeys((name, _frozen_params(name, filters, extra)) for name, extra in calls))
    if workers < 2 or len(keys) < 2:
        return
    version_path = str(current_version().path)
    pool = _prefetch_pool(workers)
    for future in [pool.submit(_cached_query, version_path, name, frozen) for name, frozen in keys]:
        future.result()  # a failed query fails here, as it would have when asked


@shared_cache(max_entries=2000)  # charts' exports among them: a dozen per page view
def _derived(version_path: str, compute: Callable[..., Any], key: tuple) -> Any:
    return compute(*key)


def derived(compute: Callable[..., Any], *key: Any) -> Any:
    """``compute(*key)`` once per dataset version for every session: a page's own work on query results
    (tables assembled in Python, notes), shared read-only like the results themselves.

    ``compute`` is a module-level function (its identity is part of the key) and ``key`` hashable values
    (Filters, tuples, strings); what it returns is never changed by a page.
    """
    return _derived(str(current_version().path), compute, key)


MATCHING = "matching_requests"  # the column a long-table query counts every matching row in


def first_rows(
    name: str, filters: Filters | None, *, shown: int, **extra: Any
) -> tuple[pd.DataFrame, int, Callable[[], pd.DataFrame]]:
    """A long table's first ``shown`` rows, how many rows match in all, and a function returning all of them.

    The query takes ``$limit`` (NULL: every row) and counts the matching rows in its ``matching_requests``
    column, which is left out of what is returned.
    """
    rows = query(name, filters, limit=shown, **extra)
    matching = int(rows[MATCHING].iloc[0]) if len(rows) else 0

    def every_row() -> pd.DataFrame:
        return query(name, filters, limit=None, **extra).drop(columns=MATCHING)

    return rows.drop(columns=MATCHING), matching, every_row


def _dataset_info() -> dict:
    return query("dataset_info").iloc[0].to_dict()


def dataset_info() -> dict:
    """The current version's provenance (data date, who loaded it, source), read once per version."""
    return dict(derived(_dataset_info))


# A shared frame's Arrow table, by the frame's identity: st.dataframe converts a pandas frame at every rerun
# (about 1 ms a table, most of a table's cost), an Arrow table it only serialises. A frame is dropped from here
# when it is dropped from the shared caches.
_ARROW_OF: dict[int, tuple[weakref.ref, pa.Table]] = {}


def arrow_of(frame: pd.DataFrame) -> pa.Table:
    """The table ``st.dataframe`` shows for a frame shared read-only across reruns (a ``derived`` result)."""
    known = _ARROW_OF.get(id(frame))
    if known is not None and known[0]() is frame:
        return known[1]
    table = dataframe_util.convert_pandas_df_to_arrow_table(frame)  # as st.dataframe converts it
    _ARROW_OF[id(frame)] = (weakref.ref(frame, lambda _, key=id(frame): _ARROW_OF.pop(key, None)), table)
    return table
