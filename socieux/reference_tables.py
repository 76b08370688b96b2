"""The project's code lists (data/reference/*.csv) and the tables they fill in every version.

Most are the project's own definitions (status sets, processing steps, stages, ...): no upload carries them, so
every new version takes them from ``data/reference`` as they are now, and a definition added to a CSV reaches
the figures of an uploaded version at its next publish or layout carry-over (docs/definitions.md). The statuses
are the exception: an upload's statuses sheet adds definitions, so they are carried from version to version.
"""

from __future__ import annotations

import duckdb

from socieux.store import PROJECT_ROOT

REFERENCE_DIR = PROJECT_ROOT / "data" / "reference"

# Reference CSV file -> table it fills (columns in the same order as the table).
REFERENCE_TABLES = {
    "reporting_periods.csv": "reporting_period",
    "stages.csv": "stage",
    "statuses.csv": "status",
    "status_aliases.csv": "status_alias",
    "status_sets.csv": "status_set",
    "areas_of_work.csv": "area_of_work",
    "area_aliases.csv": "area_alias",
    "regions.csv": "region",
    "income_groups.csv": "income_group",
    "country_aliases.csv": "country_alias",
    "survey_questions.csv": "survey_question",
    "processing_steps.csv": "processing_step",
}

# The reference tables an upload can add rows to (the workbook's statuses sheet): carried between versions.
UPLOADED_DEFINITIONS = frozenset({"status"})

# The reference tables only data/reference fills: every new version reads them afresh.
PROJECT_CODE_LISTS = frozenset(REFERENCE_TABLES.values()) - UPLOADED_DEFINITIONS


def load_reference_tables(con: duckdb.DuckDBPyConnection, tables: frozenset[str] | None = None) -> None:
    """Fill the code-list tables (all, or those named in ``tables``) from ``data/reference``."""
    for file_name, table in REFERENCE_TABLES.items():
        if tables is None or table in tables:
            con.execute(
                f"INSERT INTO {table} SELECT * FROM read_csv(?, header = true, all_varchar = true)",
                [str(REFERENCE_DIR / file_name)],
            )
