"""What an upload would change, or what changed between two versions: tables, codes, fields and headline KPIs.

Both comparisons run the same SQL on two relations of one DuckDB connection (the upload's rows typed like the
table, or the tables of two attached versions), row by row through each table's key (``ROW_KEYS``).
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field

import duckdb
import pandas as pd

from socieux.dataset_load import (
    ADDITIVE_TABLES, NOT_COMPARED, REPLACED_PART, ROW_KEYS, SYNTHETIC_TABLES, _load_rows, added_rows,
    completed_tables, insert_new_rows,
)
from socieux.exports import to_xlsx_bytes
from socieux.filters import Filters
from socieux.kpis import HEADLINE
from socieux.queries import run_query
from socieux.store import READ_SETTINGS, Version, connect, create_schema, create_views
from socieux.version_tables import DATA_TABLES, _columns, _copy_tables, _quoted, _run, _tables_in

PREVIEW_COLUMNS = ["Table", "Rows in the workbook", "Added", "Changed", "Unchanged", "Removed", "Rows after loading"]
FIELD_COLUMNS = ["Table", "Record", "Field", "Before", "After"]
CODE_COLUMNS = ["Code", "Change"]
KPI_COLUMNS = ["Headline figure", "Before", "After", "Change"]
# Field-level changes listed (and downloadable) per comparison; beyond it the count is still given.
MAX_FIELD_ROWS = 100_000
KPI_LABELS = {**{kpi.key: kpi.label for kpi in HEADLINE},
              "expenditure_unknown": "Requests with expenditure unknown"}


@dataclass
class Comparison:
    """Rows added, changed and removed per table, the request codes concerned, each changed field, the KPIs."""

    summary: pd.DataFrame
    codes: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=CODE_COLUMNS))
    fields: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=FIELD_COLUMNS))
    fields_total: int = 0
    kpis: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=KPI_COLUMNS))

    @property
    def no_change(self) -> bool:
        counts = self.summary[["Added", "Changed", "Removed"]].to_numpy()
        return bool(counts.sum() == 0)


@dataclass(frozen=True)
class _Relations:
    new: str          # SQL relation of the new rows
    old: str          # SQL relation of the current rows
    old_scope: str    # predicate on the current rows (the part an upload replaces)


def _diff_table(cur: duckdb.DuckDBPyConnection, table: str, columns: list[str], relations: _Relations,
                additive: bool) -> tuple[dict, pd.DataFrame, pd.DataFrame, int]:
    """Counts, changed/added/removed keys and changed fields of one table."""
    compared = [c for c in columns if c not in NOT_COMPARED.get(table, ())]
    key = [c for c in ROW_KEYS.get(table, ()) if c in compared] or compared
    values = [c for c in compared if c not in key]
    key_list = ", ".join(_quoted(c) for c in key)
    names = ", ".join(_quoted(c) for c in compared)
    join = " AND ".join(f"n.{_quoted(c)} IS NOT DISTINCT FROM o.{_quoted(c)}" for c in key)
    differs = " OR ".join(f"n.{_quoted(c)} IS DISTINCT FROM o.{_quoted(c)}" for c in values) or "false"
    record = "concat_ws(' / ', " + ", ".join(f"CAST(coalesce(n.{_quoted(c)}, o.{_quoted(c)}) AS VARCHAR)"
                                              for c in key) + ")"
    pairs = ", ".join(f"n.{_quoted(c)} AS {_quoted('n_' + c)}, o.{_quoted(c)} AS {_quoted('o_' + c)}" for c in values)
    _run(cur, f"""
        CREATE OR REPLACE TEMP TABLE compared_rows AS
        WITH n AS (SELECT DISTINCT ON ({key_list}) {names}, true AS in_new FROM {relations.new}),
             o AS (SELECT DISTINCT ON ({key_list}) {names}, true AS in_old FROM {relations.old}
                   WHERE {relations.old_scope})
        SELECT {record} AS record, n.in_new IS NOT NULL AS in_new, o.in_old IS NOT NULL AS in_old,
               n.in_new IS NOT NULL AND o.in_old IS NOT NULL AND ({differs}) AS changed
               {', ' + pairs if pairs else ''}
        FROM n FULL OUTER JOIN o ON {join}
    """)
    added, removed, changed, unchanged, old_total, new_total = cur.execute("""
        SELECT count(*) FILTER (WHERE in_new AND NOT in_old), count(*) FILTER (WHERE in_old AND NOT in_new),
               count(*) FILTER (WHERE changed), count(*) FILTER (WHERE in_new AND in_old AND NOT changed),
               count(*) FILTER (WHERE in_old), count(*) FILTER (WHERE in_new)
        FROM compared_rows
    """).fetchall()[0]
    if additive:
        removed = 0
    codes = pd.DataFrame(columns=CODE_COLUMNS)
    if table == "request_action":
        codes = cur.execute(f"""
            SELECT record AS "Code",
                   CASE WHEN in_new AND NOT in_old THEN 'Added' WHEN in_old AND NOT in_new THEN 'Removed'
                        ELSE 'Changed' END AS "Change"
            FROM compared_rows
            WHERE (in_new AND NOT in_old) OR {'false' if additive else '(in_old AND NOT in_new)'} OR changed
            ORDER BY "Change", record
        """).df()
    fields_total = 0
    fields = pd.DataFrame(columns=FIELD_COLUMNS)
    if values and changed:
        union = " UNION ALL ".join(
            f"SELECT record, {i} AS field_order, '{c}' AS field, CAST({_quoted('o_' + c)} AS VARCHAR) AS before, "
            f"CAST({_quoted('n_' + c)} AS VARCHAR) AS after FROM compared_rows "
            f"WHERE changed AND {_quoted('n_' + c)} IS DISTINCT FROM {_quoted('o_' + c)}"
            for i, c in enumerate(values)
        )
        _run(cur, f"CREATE OR REPLACE TEMP TABLE changed_fields AS {union}")
        fields_total = cur.execute("SELECT count(*) FROM changed_fields").fetchall()[0][0]
        fields = cur.execute(
            "SELECT ? AS \"Table\", record AS \"Record\", field AS \"Field\", before AS \"Before\", after AS \"After\" "
            "FROM changed_fields ORDER BY record, field_order LIMIT ?",
            [table, MAX_FIELD_ROWS],
        ).df()
        _run(cur, "DROP TABLE changed_fields")
    _run(cur, "DROP TABLE compared_rows")
    summary = {
        "Table": table,
        "Rows in the workbook": int(new_total),
        "Added": int(added),
        "Changed": int(changed),
        "Unchanged": int(unchanged),
        "Removed": int(removed),
        "Rows after loading": int(old_total + added) if additive else int(new_total),
    }
    return summary, codes, fields, int(fields_total)


def _assemble(parts: list[tuple[dict, pd.DataFrame, pd.DataFrame, int]], kpis: pd.DataFrame) -> Comparison:
    summary = pd.DataFrame([p[0] for p in parts], columns=PREVIEW_COLUMNS)
    codes = [p[1] for p in parts if not p[1].empty]
    fields = [p[2] for p in parts if not p[2].empty]
    return Comparison(
        summary=summary,
        codes=pd.concat(codes, ignore_index=True) if codes else pd.DataFrame(columns=CODE_COLUMNS),
        fields=(pd.concat(fields, ignore_index=True).head(MAX_FIELD_ROWS) if fields
                else pd.DataFrame(columns=FIELD_COLUMNS)),
        fields_total=sum(p[3] for p in parts),
        kpis=kpis,
    )


def headline_kpis(con: duckdb.DuckDBPyConnection) -> pd.Series:
    """The Overview's headline figures over all requests (queries/shared/kpi_totals.sql, no filter)."""
    return run_query(con, "kpi_totals", Filters().params()).iloc[0]


def _kpi_table(before: pd.Series | None, after: pd.Series) -> pd.DataFrame:
    rows = []
    for key, label in KPI_LABELS.items():
        old = None if before is None else float(before[key])
        new = float(after[key])
        rows.append({"Headline figure": label, "Before": old, "After": new,
                     "Change": None if old is None else new - old})
    return pd.DataFrame(rows, columns=KPI_COLUMNS)


# -- An upload against the current version ----------------------------------------------------------------------


def compare_upload(version: Version, result, as_of=None) -> Comparison:
    """What loading the checked workbook into ``version`` would change (rows, codes, fields, headline KPIs)."""
    con = connect(version)
    try:
        tables = completed_tables(con, result, as_of)
        added = added_rows(result, as_of)
        parts = [_upload_table_diff(con, table, rows) for table, rows in tables.items()]
        parts += [_upload_table_diff(con, table, rows, additive=True) for table, rows in added.items()]
        before = headline_kpis(con)
    finally:
        con.close()
    after = headline_kpis_after(version, tables, added)
    return _assemble(parts, _kpi_table(before, after))


def _upload_table_diff(con: duckdb.DuckDBPyConnection, table: str, rows: pd.DataFrame, additive: bool = False):
    cur = con.cursor()
    try:
        current_columns = _columns(cur, table)
        compared = [c for c in rows.columns if c in current_columns]
        names = ", ".join(_quoted(c) for c in compared)
        # The upload's rows typed like the table's columns, so a date or a decimal compares as such.
        _run(cur, f"CREATE OR REPLACE TEMP TABLE upload_typed AS SELECT {names} FROM {_quoted(table)} LIMIT 0")
        cur.register("upload_rows", rows[compared])
        try:
            _run(cur, f"INSERT INTO upload_typed SELECT {names} FROM upload_rows")
        finally:
            cur.unregister("upload_rows")
        relations = _Relations("upload_typed", _quoted(table), REPLACED_PART.get(table, "true"))
        part = _diff_table(cur, table, compared, relations, additive or table in ADDITIVE_TABLES)
        _run(cur, "DROP TABLE upload_typed")
        return part
    finally:
        cur.close()


def headline_kpis_after(version: Version, tables: dict[str, pd.DataFrame],
                        added: dict[str, pd.DataFrame] | None = None) -> pd.Series:
    """The headline KPIs the version would show with the upload loaded, in a scratch database."""
    scratch = duckdb.connect()
    try:
        create_schema(scratch)
        skip = {t for t in tables if t not in ADDITIVE_TABLES and t not in REPLACED_PART} | set(SYNTHETIC_TABLES)
        _copy_tables(scratch, version, skip=skip)
        for table, rows in tables.items():
            if table not in SYNTHETIC_TABLES:
                _load_rows(scratch, table, rows)
        for table, rows in (added or {}).items():
            insert_new_rows(scratch, table, rows)
        create_views(scratch)
        return headline_kpis(scratch)
    finally:
        scratch.close()


def upload_summary(con: duckdb.DuckDBPyConnection, result, as_of=None) -> pd.DataFrame:
    """Rows added, changed and removed per table (the first table of ``compare_upload``), without the KPIs."""
    tables = completed_tables(con, result, as_of)
    parts = [_upload_table_diff(con, table, rows) for table, rows in tables.items()]
    parts += [_upload_table_diff(con, table, rows, additive=True) for table, rows in added_rows(result, as_of).items()]
    return pd.DataFrame([p[0] for p in parts], columns=PREVIEW_COLUMNS)


def preview_changes(con_current: duckdb.DuckDBPyConnection, result) -> pd.DataFrame:
    """Rows added, changed and removed per table if the upload were loaded now, by each table's key."""
    return upload_summary(con_current, result)


# -- Two versions ---------------------------------------------------------------------------------------------


def compare_versions(older: Version, newer: Version) -> Comparison:
    """What changed from ``older`` to ``newer``: every data table, the request codes, the fields, the KPIs.

    Within the readers' memory budget: the rows compared are kept in a temporary directory beyond it (two
    full-size benchmark versions took more than 4 GB in memory).
    """
    with tempfile.TemporaryDirectory(prefix="socieux-compare-") as spill:
        return _compare_versions(older, newer, spill)


def _compare_versions(older: Version, newer: Version, spill: str) -> Comparison:
    con = duckdb.connect(config={**READ_SETTINGS, "temp_directory": spill})
    try:
        _run(con, "ATTACH ? AS older (READ_ONLY)", [str(older.path)])
        _run(con, "ATTACH ? AS newer (READ_ONLY)", [str(newer.path)])
        in_older, in_newer = _tables_in(con, "older"), _tables_in(con, "newer")
        parts = []
        for table in DATA_TABLES:
            if table not in in_older or table not in in_newer:
                continue
            older_columns = set(_columns(con, table, "older"))
            shared = [c for c in _columns(con, table, "newer") if c in older_columns]
            if not shared:
                continue
            relations = _Relations(f"newer.{_quoted(table)}", f"older.{_quoted(table)}", "true")
            same_rows = _same_rows(con, table, shared, relations)
            if same_rows is not None:
                parts.append(_unchanged_table(table, same_rows))
            else:
                parts.append(_diff_table(con, table, shared, relations, additive=False))
    finally:
        con.close()
    summary_parts = [p for p in parts if p[0]["Added"] or p[0]["Changed"] or p[0]["Removed"]] or parts[:1]
    before, after = _version_kpis(older), _version_kpis(newer)
    comparison = _assemble(summary_parts, _kpi_table(before, after))
    comparison.summary = comparison.summary.rename(columns={"Rows in the workbook": "Rows in the newer version",
                                                            "Rows after loading": "Rows after"})
    return comparison


def _same_rows(con: duckdb.DuckDBPyConnection, table: str, columns: list[str], relations: _Relations) -> int | None:
    """The number of rows when both versions hold the same rows of ``table`` (compared columns), else None.

    Most tables of a new version are carried over unchanged: one scan of each side (row count and the sum of
    the rows' 64-bit hashes, which row order does not change) tells them apart from the changed ones, which
    are then compared row by row. Two different sets of rows pass as equal only if their hash sums collide.
    """
    compared = ", ".join(_quoted(c) for c in columns if c not in NOT_COMPARED.get(table, ()))
    if not compared:
        return None
    (old_rows, old_sum), = con.execute(f"SELECT count(*), sum(hash({compared})) FROM {relations.old}").fetchall()
    (new_rows, new_sum), = con.execute(f"SELECT count(*), sum(hash({compared})) FROM {relations.new}").fetchall()
    return int(new_rows) if (old_rows, old_sum) == (new_rows, new_sum) else None


def _unchanged_table(table: str, rows: int) -> tuple[dict, pd.DataFrame, pd.DataFrame, int]:
    summary = {"Table": table, "Rows in the workbook": rows, "Added": 0, "Changed": 0, "Unchanged": rows,
               "Removed": 0, "Rows after loading": rows}
    return summary, pd.DataFrame(columns=CODE_COLUMNS), pd.DataFrame(columns=FIELD_COLUMNS), 0


def _version_kpis(version: Version) -> pd.Series:
    con = connect(version)
    try:
        return headline_kpis(con)
    finally:
        con.close()


def comparison_workbook(comparison: Comparison, context: list[str]) -> bytes:
    """The comparison as an .xlsx (tables, codes, fields, headline figures); every value written as data."""
    return to_xlsx_bytes({"Tables": comparison.summary, "Codes": comparison.codes, "Fields": comparison.fields,
                          "Headline figures": comparison.kpis}, context)
