"""Load a validated workbook as a new dataset version.

Every load is one ``Store.publish``: the new version starts as a copy of the current one and the
tables the workbook carries are replaced by its rows, so a reader sees the old data or the new, never
a mix, and a table the workbook does not carry keeps its data. The history of versions (restores,
deletions) is socieux/history.py; start-up and layout updates are socieux/startup.py.
"""

from __future__ import annotations

import errno
import hashlib
from collections.abc import Mapping
from dataclasses import replace

import duckdb
import numpy as np
import pandas as pd

from socieux.bundled import BUNDLED_DIR, record_status_snapshot
from socieux.history import CurrentVersionMoved, moved_message
from socieux.published_activities import ACTIVITIES_CSV, apply_published_activities
from socieux.store import KEYS_CHECKED_ON_PUBLISH, UPLOAD, Store, Version, VersionMeta, connect
from socieux.synthetic import populate_synthetic
from socieux.version_tables import (
    DATA_TABLES, UploadRefused, _columns, _copy_tables, _quoted, _run, _tables_in, current_catalog,
)

# What identifies a row when comparing an upload with the current data (tables without a primary key too).
# One table a line: alike in shape by design, a plain table to read and extend.
ROW_KEYS: dict[str, tuple[str, ...]] = {
    **KEYS_CHECKED_ON_PUBLISH,  # the largest tables, keys without an index (socieux/store.py)
    "reporting_period": ("code",),
    "stage": ("stage",),
    "status": ("status",),
    "status_alias": ("alias",),
    "status_set": ("set_name", "status"),
    "area_of_work": ("area_of_work",),
    "area_alias": ("alias",),
    "region": ("region",),
    "income_group": ("income_group",),
    "partner_country": ("country",),
    "country_alias": ("alias",),
    "request_action": ("code",),
    "processing_step": ("step",),
    "status_event": ("code", "valid_from", "source"),
    "expert": ("expert_id",),
    "survey_question": ("form", "question_code"),
    "survey_response": ("form", "response_id"),
    "survey_answer": ("form", "response_id", "question_code"),
    "target": ("indicator_id", "period_code"),
    "field_of_intervention": ("field_code",),
    "request_field": ("code", "field_code"),
    "type_of_assistance": ("type_code",),
    "request_type_of_assistance": ("code", "type_code"),
    "sdg": ("sdg_code",),
    "request_sdg": ("code", "sdg_code"),
    "sdg_published": ("sdg_code",),
    "event": ("event_id",),
    "event_participant": ("event_id", "participant_no"),
    "focal_point": ("fp_id",),
    "logframe_indicator": ("indicator_id",),
    "reported_value": ("indicator_id", "period_code"),
    "reported_difference": ("indicator_id",),
    "report_figure": ("figure_id",),
    "evaluation": ("evaluation_id",),
    "finding": ("evaluation_id", "finding_id"),
    "recommendation": ("evaluation_id", "recommendation_id"),
    "key_action": ("evaluation_id", "recommendation_id", "action_id"),
    "followup_update": ("evaluation_id", "update_id"),
}

# Definitions a workbook adds to (statuses and countries sheets): kept for later uploads, never dropped.
ADDITIVE_TABLES = ("status", "partner_country")

# Columns that say when a row was loaded rather than what it says: never a change (docs/definitions.md).
NOT_COMPARED: dict[str, tuple[str, ...]] = {"request_action": ("as_of",)}

# The part of a table an upload replaces: a status_history sheet replaces earlier history rows, never the
# snapshots of earlier uploads (docs/definitions.md, "Status history").
REPLACED_PART: dict[str, str] = {"status_event": "source = 'history'"}

# Tables the demo generator fills from the requests (socieux/synthetic): activities, experts, assignments,
# expenditure, feedback, milestones, calls for experts and applications.
SYNTHETIC_TABLES = ("activity", "expert", "expert_assignment", "expenditure_line", "survey_response",
                    "survey_answer", "milestone", "call_for_experts", "application")


class StoreFault(UploadRefused):
    """The server could not write the new version (disk full, I/O error): the previous version stays current."""


_FAULTS = {
    errno.ENOSPC: "the server's disk is full",
    errno.EDQUOT: "the server's disk quota is used up",
    errno.EIO: "the server's disk reported an input/output error",
    errno.EROFS: "the server's data folder is read-only",
}


def fault_in_words(error: BaseException) -> str:
    """A failed write explained in words: what happened, that nothing changed, and what to do."""
    text = str(error).lower()
    if isinstance(error, OSError) and error.errno in _FAULTS:
        cause = _FAULTS[error.errno]
    elif "no space left" in text or "disk full" in text:
        cause = _FAULTS[errno.ENOSPC]
    else:
        cause = "the server could not write to its disk (an input/output error)"
    return (f"{cause[0].upper()}{cause[1:]}, so the new version could not be saved. The previous version is still "
            "current and nothing was changed. Ask the server's administrator to free space or check the disk, "
            "then load the workbook again.")


def _refuse_if_moved(store: Store, expected: Version | None) -> None:
    """Refuse when the current version is no longer the one the action was prepared against (call under the lock)."""
    current = store.current()
    if current == expected:
        return
    raise CurrentVersionMoved(moved_message(store, current))


def _checked_tables(tables: Mapping[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    unknown = sorted(set(tables) - set(DATA_TABLES))
    if unknown:
        raise UploadRefused(f"The dataset has no table {', '.join(unknown)}.")
    return {name: tables[name] for name in DATA_TABLES if name in tables}


# -- Loading rows into the version being built -----------------------------------------------------


def _with_defaults(con: duckdb.DuckDBPyConnection, table: str, rows: pd.DataFrame) -> pd.DataFrame:
    """A status defined by a workbook needs a label and a place in lists; the rest has defaults."""
    if table != "status" or rows.empty:
        return rows
    rows = rows.copy()
    if "label" not in rows:
        rows["label"] = rows["status"]
    rows["label"] = rows["label"].fillna(rows["status"])
    next_order = con.execute("SELECT coalesce(max(sort_order), 0) + 1 FROM status").fetchall()[0][0]
    if "sort_order" not in rows:
        rows["sort_order"] = pd.NA
    missing = rows["sort_order"].isna()
    rows.loc[missing, "sort_order"] = range(next_order, next_order + int(missing.sum()))
    return rows


def _load_rows(con: duckdb.DuckDBPyConnection, table: str, rows: pd.DataFrame) -> None:
    """Replace a table by the upload's rows, or add to it for the definition tables."""
    known = set(_columns(con, table))
    unknown = [c for c in rows.columns if c not in known]
    if unknown:
        raise UploadRefused(f"Table {table} has no column {', '.join(map(str, unknown))}.")
    rows = _with_defaults(con, table, rows)
    names = ", ".join(_quoted(c) for c in rows.columns)
    con.register("upload_rows", rows)
    try:
        if table in ADDITIVE_TABLES:
            _run(con, f"INSERT OR REPLACE INTO {_quoted(table)} ({names}) SELECT {names} FROM upload_rows")
        else:
            _run(con, f"DELETE FROM {_quoted(table)} WHERE {REPLACED_PART.get(table, 'true')}")
            _run(con, f"INSERT INTO {_quoted(table)} ({names}) SELECT {names} FROM upload_rows")
    finally:
        con.unregister("upload_rows")


def insert_new_rows(con: duckdb.DuckDBPyConnection, table: str, rows: pd.DataFrame) -> None:
    """Add rows whose key the table does not hold yet (legacy stubs next to the current requests)."""
    names = ", ".join(_quoted(c) for c in rows.columns if c in set(_columns(con, table)))
    con.register("new_rows", rows)
    try:
        _run(con, f"INSERT OR IGNORE INTO {_quoted(table)} ({names}) SELECT {names} FROM new_rows")
    finally:
        con.unregister("new_rows")


def added_rows(result, as_of=None) -> dict[str, pd.DataFrame]:
    """The rows an upload adds only where their key is new, with the upload's data date."""
    rows = _checked_tables(getattr(result, "added_rows", {}) or {})
    return {t: (r.assign(as_of=as_of) if as_of is not None and "as_of" in r else r) for t, r in rows.items()}


def _has_synthetic_rows(con: duckdb.DuckDBPyConnection, tables, synthetic: bool = True) -> bool:
    """Whether any of the tables holds a synthetic row (or, with ``synthetic=False``, a real one)."""
    present = _tables_in(con, current_catalog(con))
    predicate = "is_synthetic" if synthetic else "NOT is_synthetic"
    for table in tables:
        if table in present and "is_synthetic" in _columns(con, table):
            if con.execute(f"SELECT count(*) FROM {_quoted(table)} WHERE {predicate}").fetchall()[0][0]:
                return True
    return False


def _column_types(con: duckdb.DuckDBPyConnection, table: str) -> dict[str, str]:
    rows = con.execute(
        "SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = ? AND database_name = current_database()",
        [table],
    ).fetchall()
    return dict(rows)


def _completed(con: duckdb.DuckDBPyConnection, table: str, rows: pd.DataFrame,
               carried: tuple[str, ...] | None) -> pd.DataFrame:
    """The upload's rows with every column its sheet did not carry taken from the current row of the same key.

    A request list without 'type of assistance' keeps each known request's type; a new request gets the
    default (docs/definitions.md, "Columns a sheet does not carry").
    """
    types = _column_types(con, table)
    if carried is None or rows.empty:
        return rows
    missing = [c for c in rows.columns if c not in carried and c in types]
    key = [c for c in ROW_KEYS.get(table, ()) if c in rows.columns]
    if not missing or not key:
        return rows
    cur = con.cursor()
    try:
        cur.register("upload_rows", rows.assign(upload_position=np.arange(len(rows))))
        join = " AND ".join(f"c.{_quoted(k)} = u.{_quoted(k)}" for k in key)
        found = f"c.{_quoted(key[0])} IS NOT NULL"
        select = ", ".join(
            f"CASE WHEN {found} THEN c.{_quoted(col)} ELSE CAST(u.{_quoted(col)} AS {types[col]}) END AS {_quoted(col)}"
            if col in missing else f"u.{_quoted(col)}"
            for col in rows.columns
        )
        completed = cur.execute(
            f"SELECT {select} FROM upload_rows u LEFT JOIN {_quoted(table)} c ON {join} ORDER BY u.upload_position"
        ).df()
    finally:
        cur.close()
    return completed


def completed_tables(con_current: duckdb.DuckDBPyConnection, result, as_of=None) -> dict[str, pd.DataFrame]:
    """The tables an upload would load into the current version: columns it does not carry kept, its data date set."""
    tables = _checked_tables(result.tables)
    carried = getattr(result, "carried", {}) or {}
    out = {}
    for table, rows in tables.items():
        if as_of is not None and "as_of" in rows.columns:
            rows = rows.assign(as_of=as_of)
        out[table] = _completed(con_current, table, rows, carried.get(table))
    return out


def synthetic_plan(con_current: duckdb.DuckDBPyConnection | None, tables: Mapping[str, pd.DataFrame]) -> str | None:
    """What happens to the demo rows when an upload is loaded (docs/definitions.md, "Demo rows after an upload").

    'real': the upload carries some of the tables the generator fills; synthetic rows of the others are removed
    (they were generated together). 'regenerate': it carries requests and none of those tables but step dates,
    and they hold only synthetic rows: they are generated again for the new requests, and the workbook's step
    dates replace the generated steps of their requests. 'trim': it carries requests, the current
    demo tables hold real rows: rows of requests that are gone (and synthetic rows of changed ones) are removed.
    """
    # Step dates written on the requests sheet replace the demo steps of those requests only (below).
    if any(table in tables for table in SYNTHETIC_TABLES if table != "milestone"):
        return "real"
    if "request_action" not in tables:
        return "real" if "milestone" in tables else None
    if con_current is not None and _holds_facility_records(con_current):
        return "trim"
    return "regenerate"


def _holds_facility_records(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the demo tables hold real rows beyond the activities the final report publishes (bundled)."""
    others = [t for t in SYNTHETIC_TABLES if t != "activity"]
    if _has_synthetic_rows(con, others, synthetic=False):
        return True
    published = str(BUNDLED_DIR / ACTIVITIES_CSV)
    return bool(con.execute(
        """
        WITH listed AS (
            SELECT code, coalesce(nullif(trim(activity_no), ''), 'seq ' || activity_seq) AS activity_no
            FROM read_csv(?, header = true, all_varchar = true))
        SELECT count(*) FROM activity a
        WHERE NOT a.is_synthetic
          AND NOT EXISTS (SELECT 1 FROM listed l WHERE l.code = a.code AND l.activity_no = a.activity_no)
        """,
        [published],
    ).fetchall()[0][0])


SYNTHETIC_NOTE = {
    "regenerate": "Activities, experts, assignments, expenditure, feedback and milestones are synthetic demo data: "
                  "they are generated again for the requests of this workbook (labelled \"Synthetic demo data\"); "
                  "step dates the workbook gives replace the generated steps of their requests.",
    "trim": "Activities, experts, assignments, expenditure, feedback and milestones the workbook does not carry are "
            "kept, except the rows of requests that are no longer in the data and the synthetic rows of requests "
            "that changed.",
    "real": "The workbook brings its own activities, experts, assignments, expenditure, feedback or milestones: the "
            "synthetic demo rows of the others of these tables are removed (pages without them say the data is not "
            "loaded yet).",
}


# Classification bridges of a request: rows of a request that is gone are removed with it.
BRIDGE_TABLES = ("request_field", "request_type_of_assistance", "request_sdg")


def _real_steps_win(con: duckdb.DuckDBPyConnection, milestones: pd.DataFrame) -> None:
    """A request with step dates in the workbook keeps those, and no generated step beside them."""
    con.register("real_steps", milestones)
    try:
        _run(con, "DELETE FROM milestone WHERE code IN (SELECT code FROM real_steps)")
        names = ", ".join(_quoted(c) for c in milestones.columns)
        _run(con, f"INSERT INTO milestone ({names}) SELECT {names} FROM real_steps")
    finally:
        con.unregister("real_steps")


def _trim_by_requests(con: duckdb.DuckDBPyConnection, carried: set[str], demo_rows: bool) -> None:
    """Remove rows that describe requests that are gone (any row) or changed (synthetic rows only).

    ``demo_rows`` False: the demo tables were generated again, only the bridges are trimmed.
    """
    _run(con, """
        CREATE TEMP TABLE request_gone_or_changed AS
        SELECT p.code, n.code IS NULL AS gone
        FROM source_version.request_action p LEFT JOIN request_action n USING (code)
        WHERE n.code IS NULL OR p.status IS DISTINCT FROM n.status
           OR p.working_days IS DISTINCT FROM n.working_days OR p.expenditure_eur IS DISTINCT FROM n.expenditure_eur
           OR p.date_received IS DISTINCT FROM n.date_received
    """)
    for table in (SYNTHETIC_TABLES if demo_rows else ()) + BRIDGE_TABLES:
        if table in carried or "code" not in _columns(con, table):
            continue
        _run(con, f"DELETE FROM {_quoted(table)} t USING request_gone_or_changed g "
                  "WHERE t.code = g.code AND (g.gone OR (t.is_synthetic AND NOT list_contains(?, ?)))",
             [list(BRIDGE_TABLES), table])
    if demo_rows and "survey_answer" not in carried:
        _run(con, "DELETE FROM survey_answer a WHERE NOT EXISTS (SELECT 1 FROM survey_response r "
                  "WHERE r.form = a.form AND r.response_id = a.response_id)")
    _run(con, "DROP TABLE request_gone_or_changed")



# -- Publishing an upload --------------------------------------------------------------------------


def upload_meta(result, content: bytes, file_name: str, loaded_by: str, as_of=None) -> VersionMeta:
    """What is recorded about an upload: file name, SHA-256 of its bytes, who, and the data date."""
    as_of = as_of or result.as_of
    if as_of is None:
        raise UploadRefused("Give the date of the data (as of).")
    return VersionMeta(
        as_of=as_of,
        loaded_by=loaded_by,
        source=f"Workbook {file_name} loaded by facility staff",
        has_synthetic=False,
        file_name=file_name,
        sha256=hashlib.sha256(content).hexdigest(),
        kind=UPLOAD,
    )


def publish_upload(store: Store, result, meta: VersionMeta, *, expected_current: int | None = None) -> Version:
    """Make a new version from the current one with the workbook's tables; refuse if it has errors.

    Columns a sheet does not carry keep their current values; the upload's statuses are kept as a snapshot
    at its data date; demo rows follow the new requests (``synthetic_plan``). ``expected_current`` is the
    version the preview was computed on (default: the current one now); if another load or restore made a
    different version current meanwhile, nothing is loaded and ``CurrentVersionMoved`` says who did what and when.
    """
    if result.has_errors:
        count = len(result.errors())
        raise UploadRefused(f"The workbook has {count} error{'' if count == 1 else 's'}: nothing was loaded.")
    tables = _checked_tables(result.tables)
    base = store.current()
    if expected_current is not None and (base is None or base.version_id != expected_current):
        base = next((v for v in store.versions() if v.version_id == expected_current), None)
    plan = synthetic_plan(None, tables)
    has_synthetic = any(
        "is_synthetic" in rows and bool(rows["is_synthetic"].fillna(False).any()) for rows in tables.values()
    )
    if base is not None:
        con = connect(base)
        try:
            tables = completed_tables(con, result, meta.as_of)
            plan = synthetic_plan(con, tables)
            kept = [t for t in DATA_TABLES if (t not in tables or t in ADDITIVE_TABLES)
                    and not (plan == "real" and t in SYNTHETIC_TABLES)]  # those synthetic rows are removed
            has_synthetic = has_synthetic or plan == "regenerate" or _has_synthetic_rows(con, kept)
        finally:
            con.close()
    else:
        tables = {t: (rows.assign(as_of=meta.as_of) if "as_of" in rows else rows) for t, rows in tables.items()}
        has_synthetic = has_synthetic or plan == "regenerate"

    def populate(con: duckdb.DuckDBPyConnection) -> None:
        _refuse_if_moved(store, base)  # under the store's lock: no other load can land after this check
        replaced = {t for t in tables if t not in ADDITIVE_TABLES and t not in REPLACED_PART}
        if plan == "regenerate":
            replaced |= set(SYNTHETIC_TABLES)
        if base is not None:
            _copy_tables(con, base, skip=replaced)
        for table, rows in tables.items():
            if not (plan == "regenerate" and table == "milestone"):
                _load_rows(con, table, rows)
        for table, rows in added_rows(result, meta.as_of).items():
            insert_new_rows(con, table, rows)
        if "request_action" in tables:
            record_status_snapshot(con)
            if plan == "regenerate":
                # generated types of assistance are drawn again with the rest; published ones stay
                _run(con, "DELETE FROM request_type_of_assistance WHERE is_synthetic")
                populate_synthetic(con)
                apply_published_activities(con, BUNDLED_DIR)  # the report's activities win over generated ones
                if "milestone" in tables:
                    _real_steps_win(con, tables["milestone"])
            if base is not None:
                _trim_by_requests(con, set(tables), demo_rows=plan != "regenerate")
        if plan == "real":
            for table in SYNTHETIC_TABLES:
                if table not in tables:
                    _run(con, f"DELETE FROM {_quoted(table)} WHERE is_synthetic")

    try:
        return store.publish(populate, replace(meta, has_synthetic=has_synthetic))
    except (OSError, duckdb.IOException) as fault:
        raise StoreFault(fault_in_words(fault)) from fault
