"""What the upload page asks for: the template, a checked workbook, the changes it would bring, the load."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pandas as pd
import streamlit as st

from socieux.dataset_load import UploadRefused, preview_changes, publish_upload, upload_meta
from socieux.store import Store, Version, connect, store_dir
from socieux.ui.data import current_version
from socieux.workbook import ValidationResult, build_template, read_and_validate, reference_from_connection, report_workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ISSUE_COLUMNS = {
    "severity": "Severity", "sheet": "Sheet", "row": "Row", "column": "Column", "value": "Value",
    "rule": "Rule", "fix": "How to fix",
}


def _read_only(version_path: str):
    return connect(Version(0, Path(version_path)))


@st.cache_data(max_entries=2, show_spinner="Preparing the template ...")
def template_workbook(version_path: str) -> bytes:
    """The import template with the code lists of this version."""
    con = _read_only(version_path)
    try:
        return build_template(reference_from_connection(con))
    finally:
        con.close()


@st.cache_data(max_entries=3, show_spinner="Checking the workbook ...")
def check_workbook(content: bytes, file_name: str, as_of: date | None, version_path: str) -> ValidationResult:
    """Read and validate an uploaded workbook against the code lists of this version."""
    con = _read_only(version_path)
    try:
        reference = reference_from_connection(con)
    finally:
        con.close()
    return read_and_validate(content, file_name, reference, as_of=as_of)


@st.cache_data(max_entries=3, show_spinner="Comparing with the current data ...")
def changes(version_path: str, upload_key: tuple, _result: ValidationResult) -> pd.DataFrame:
    """Rows added, changed and removed per table if the checked workbook were loaded into this version."""
    con = _read_only(version_path)
    try:
        return preview_changes(con, _result)
    finally:
        con.close()


def issues_table(result: ValidationResult) -> pd.DataFrame:
    """The validation report as a table; every value is plain text."""
    rows = [
        {name: getattr(issue, field) if field == "row" else _text(getattr(issue, field)) for field, name in ISSUE_COLUMNS.items()}
        for issue in result.issues
    ]
    table = pd.DataFrame(rows, columns=list(ISSUE_COLUMNS.values()))
    table["Row"] = table["Row"].astype("Int64")
    return table


def _text(value: object) -> str:
    return "" if value is None else str(value)


def report_file(result: ValidationResult, file_name: str) -> bytes:
    return report_workbook(result, file_name)


class LoadFailed(Exception):
    """The store refused the workbook (the data broke a rule of the database); nothing was loaded."""


def load_workbook(
    result: ValidationResult, content: bytes, file_name: str, as_of: date | None, loaded_by: str,
    expected_current: int | None = None,
) -> Version:
    """Publish the checked workbook as the new current version, if ``expected_current`` (the previewed one) still is."""
    try:
        meta = upload_meta(result, content, file_name, loaded_by, as_of)
        return publish_upload(Store(store_dir()), result, meta, expected_current=expected_current)
    except (UploadRefused, duckdb.Error) as refused:
        raise LoadFailed(str(refused)) from refused


def current_version_path() -> str:
    return str(current_version().path)


def current_version_id() -> int:
    """The version this rerun shows: what a preview is computed on and a load or restore is checked against."""
    return current_version().version_id
