"""What the upload page asks for: the template, a checked workbook, the changes it would bring, the load."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pandas as pd
import streamlit as st

from socieux.amounts import MISSING
from socieux.dataset_compare import Comparison, compare_upload, compare_versions, comparison_workbook
from socieux.dataset_load import SYNTHETIC_NOTE, UploadRefused, completed_tables, publish_upload, synthetic_plan, upload_meta
from socieux.store import Store, Version, connect, store_dir
from socieux.ui.data import current_version
from socieux.workbook import ValidationResult, build_template, read_and_validate, reference_from_connection, report_workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ISSUE_COLUMNS = {
    "severity": "Severity", "cell": "Cell", "sheet": "Sheet", "row": "Row", "column": "Column",
    "rule": "Rule", "fix": "How to fix", "value": "Value",
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
def changes(version_path: str, upload_key: tuple, _result: ValidationResult) -> Comparison:
    """What the checked workbook would change in this version: tables, codes, fields, headline figures."""
    return compare_upload(Version(0, Path(version_path)), _result)


@st.cache_data(max_entries=3)
def demo_rows_plan(version_path: str, upload_key: tuple, _result: ValidationResult) -> str | None:
    """What happens to the synthetic demo rows if the workbook is loaded (said before the load)."""
    con = _read_only(version_path)
    try:
        return SYNTHETIC_NOTE.get(synthetic_plan(con, completed_tables(con, _result)))
    finally:
        con.close()


@st.cache_data(max_entries=4, show_spinner="Comparing the two versions ...")
def version_changes(older_path: str, newer_path: str) -> Comparison:
    """What changed from one version to another (both files never change once published)."""
    return compare_versions(Version(0, Path(older_path)), Version(0, Path(newer_path)))


def comparison_file(comparison: Comparison, title: str) -> bytes:
    return comparison_workbook(comparison, [title])


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


def show_comparison(comparison: Comparison, title: str, key: str, same_text: str) -> None:
    """The comparison on a page: tables, then codes and fields side by side, the headline figures, a download."""
    if comparison.no_change:
        st.success(same_text, icon=":material/check_circle:")
    st.dataframe(comparison.summary, hide_index=True, placeholder=MISSING)
    if not comparison.no_change:
        codes, fields = st.columns([1, 3])
        codes.markdown("**Request codes**")
        codes.dataframe(comparison.codes, hide_index=True, placeholder=MISSING)
        fields.markdown("**Fields changed** (before → after)")
        fields.dataframe(comparison.fields, hide_index=True, placeholder=MISSING)
        if comparison.fields_total > len(comparison.fields):
            fields.caption(f"The first {len(comparison.fields):,} of {comparison.fields_total:,} changed fields.")
    st.markdown("**Headline figures** (Overview, all requests), before → after")
    st.dataframe(comparison.kpis, hide_index=True, placeholder=MISSING, column_config={
        name: st.column_config.NumberColumn(format="localized") for name in ("Before", "After", "Change")})
    st.download_button(
        "Download the comparison (.xlsx)", comparison_file(comparison, title),
        f"{key.replace('_', '-')}.xlsx", XLSX, icon=":material/download:", key=key,
    )


# Column widths of the report: at 1440 px (about 1,000 px beside the sidebar) the columns up to How to fix show
# without scrolling; the value, the least needed, comes last.
ISSUE_WIDTHS = {"Severity": 65, "Cell": 50, "Sheet": 90, "Row": 45, "Column": 110, "Rule": 320, "How to fix": 300,
                "Value": 140}


def issue_column_config() -> dict:
    return {name: st.column_config.Column(width=width) for name, width in ISSUE_WIDTHS.items()}
