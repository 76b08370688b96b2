"""The tables of a dataset version and copying them from one version into the next (columns by name)."""

from __future__ import annotations

import re

import duckdb

from socieux.reference_tables import PROJECT_CODE_LISTS, load_reference_tables
from socieux.store import Version, schema_files

_IDENTIFIER = re.compile(r"^[a-z_][a-z0-9_]*$")


def _schema_tables() -> tuple[str, ...]:
    """The tables of the schema files in creation order (referenced tables first): the allow-list."""
    text = "\n".join(path.read_text() for path in schema_files("tables"))
    names = re.findall(r"^CREATE TABLE (\w+)", text, flags=re.MULTILINE)
    assert all(_IDENTIFIER.match(name) for name in names)
    return tuple(names)


# Every table a version holds except dataset_info, which each publish writes itself.
DATA_TABLES: tuple[str, ...] = tuple(t for t in _schema_tables() if t != "dataset_info")


class UploadRefused(ValueError):
    """The upload cannot be loaded (errors in the workbook, a table the schema does not know)."""



def _quoted(name: str) -> str:
    if not _IDENTIFIER.match(name):
        raise UploadRefused(f"'{name}' is not a column or table name of the dataset.")
    return f'"{name}"'


def _run(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> None:
    """Execute a statement to the end (DuckDB keeps a statement's result open until it is read)."""
    con.execute(sql, params or []).fetchall()


def _columns(con: duckdb.DuckDBPyConnection, table: str, catalog: str | None = None) -> list[str]:
    """Column names of a table, in order; the main database unless ``catalog`` names an attached one."""
    rows = con.execute(
        "SELECT column_name FROM duckdb_columns() WHERE table_name = ? AND database_name = coalesce(?, current_database()) "
        "ORDER BY column_index",
        [table, catalog],
    ).fetchall()
    return [r[0] for r in rows]


def _tables_in(con: duckdb.DuckDBPyConnection, catalog: str) -> set[str]:
    rows = con.execute(
        "SELECT table_name FROM duckdb_tables() WHERE database_name = ?", [catalog]
    ).fetchall()
    return {r[0] for r in rows}


def current_catalog(con: duckdb.DuckDBPyConnection) -> str:
    return con.execute("SELECT current_database()").fetchall()[0][0]



def _copy_tables(con: duckdb.DuckDBPyConnection, source: Version, skip: set[str] = frozenset()) -> None:
    """Copy every table of ``source`` into the version being built, column by name (columns both know).

    The project's code lists are not copied but read afresh from data/reference (socieux/reference_tables.py).
    """
    load_reference_tables(con, PROJECT_CODE_LISTS - set(skip))
    _run(con, "ATTACH ? AS source_version (READ_ONLY)", [str(source.path)])
    available = _tables_in(con, "source_version")
    for table in DATA_TABLES:
        if table in skip or table in PROJECT_CODE_LISTS or table not in available:
            continue
        in_source = set(_columns(con, table, "source_version"))
        shared = [c for c in _columns(con, table) if c in in_source]
        if not shared:
            continue
        names = ", ".join(_quoted(c) for c in shared)
        _run(con, f"INSERT INTO {_quoted(table)} ({names}) SELECT {names} FROM source_version.{_quoted(table)}")
