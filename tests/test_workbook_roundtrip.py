"""An export of the bundled requests in the request-table layout loads without changing any figure.

The export is written once by openpyxl (with a title row, as staff export it) and converted once by LibreOffice,
so both ways staff produce a workbook are checked.
"""

from __future__ import annotations

import io
import shutil
import subprocess
from datetime import date
from pathlib import Path

import duckdb
import openpyxl
import pandas as pd
import pytest

from socieux.dataset_compare import compare_upload, compare_versions, comparison_workbook
from socieux.dataset_load import publish_upload, upload_meta
from socieux.filters import Filters
from socieux.queries import run_query
from socieux.store import Store, connect
from socieux.workbook import read_and_validate, reference_from_connection

EXPORT_DATE = date(2020, 9, 28)
LAYOUT = ["Code", "Country", "Partner Institution", "Title", "General Objective", "Area of work", "Gender Relevant",
          "Inclusive Disability Relevant", "Total Effective Working Days", "Expenditure [in €]", "Status"]
# The headline figures staff read: overview cards, periods, processing times, indicators.
HEADLINE_QUERIES = ["kpi_totals", "kpi_by_period", "requests_by_period_and_area", "requests_by_status",
                    "requests_by_region", "processing_decision_by_cohort", "processing_step_medians",
                    "indicator_requests_received", "indicator_actions_implemented", "expert_kpi_totals",
                    "expert_days_by_period"]


def request_table(con: duckdb.DuckDBPyConnection) -> list[list]:
    """The bundled requests as the report's request table prints them (labels, Yes/No, blank = unknown)."""
    frame = con.execute(
        """
        SELECT code, country, partner_institution, title, general_objective, a.area_of_work,
               CASE WHEN gender_relevant THEN 'Yes' ELSE 'No' END,
               CASE WHEN disability_relevant THEN 'Yes' ELSE 'No' END,
               CAST(working_days AS DOUBLE), CAST(expenditure_eur AS DOUBLE), s.label
        FROM request_action JOIN status s USING (status) JOIN area_of_work a USING (area_of_work) ORDER BY code
        """
    ).fetchall()
    return [[None if v is None else v for v in row] for row in frame]


def export_bytes(rows: list[list], title: str | None = "Export of 28/09/2020") -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Request list"
    if title:
        sheet.append([title])
        sheet.append([])
    sheet.append(LAYOUT)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def libreoffice_copy(content: bytes, folder: Path) -> bytes:
    """The same workbook saved as .ods by LibreOffice Calc and back as .xlsx, as staff working in Calc would."""
    (folder / "export.xlsx").write_bytes(content)
    profile = f"-env:UserInstallation=file://{folder}/profile"
    for source, target, out in (("export.xlsx", "ods", "ods"), ("ods/export.ods", "xlsx", "back")):
        subprocess.run(["soffice", "--headless", profile, "--convert-to", target, "--outdir", str(folder / out),
                        str(folder / source)], check=True, capture_output=True, timeout=180)
    return (folder / "back" / "export.xlsx").read_bytes()


@pytest.fixture(scope="module")
def exports(bundled_store_dir, tmp_path_factory):
    """A private store copy, the openpyxl export and its LibreOffice copy (converted once)."""
    root = tmp_path_factory.mktemp("roundtrip") / "store"
    shutil.copytree(bundled_store_dir, root)
    store = Store(root)
    con = connect(store.current())
    try:
        rows = request_table(con)
    finally:
        con.close()
    content = export_bytes(rows)
    folder = tmp_path_factory.mktemp("libreoffice")
    return store, content, libreoffice_copy(content, folder), folder


def checked(store: Store, content: bytes, as_of: date | None = None):
    con = connect(store.current())
    try:
        reference = reference_from_connection(con)
    finally:
        con.close()
    return read_and_validate(content, "export.xlsx", reference, as_of=as_of)


def headline_figures(version) -> dict[str, pd.DataFrame]:
    con = connect(version)
    try:
        params = {**Filters().params(), "eligibilities": [], "nationalities": [], "cohort_mode": "cumulative",
                  "indicator_id": "LF-O1", "status_set": "implemented_original"}
        return {name: run_query(con, name, params) for name in HEADLINE_QUERIES}
    finally:
        con.close()


@pytest.mark.parametrize("writer", ["openpyxl", "libreoffice"])
def test_export_of_the_bundled_requests_says_no_change(exports, writer):
    store, content, converted, _ = exports
    result = checked(store, content if writer == "openpyxl" else converted)
    assert not result.has_errors, result.errors()
    assert result.as_of == EXPORT_DATE  # from the title row "Export of 28/09/2020"
    comparison = compare_upload(store.current(), result, result.as_of)
    assert comparison.no_change
    assert comparison.summary.iloc[0]["Unchanged"] == 145
    assert comparison.fields.empty and comparison.codes.empty
    assert (comparison.kpis["Change"] == 0).all()
    assert not any("no reporting period" in issue.rule for issue in result.issues)


def test_loading_the_export_changes_no_figure(exports):
    store, content, _, _ = exports
    before_version = store.current()
    before = headline_figures(before_version)
    result = checked(store, content)
    version = publish_upload(store, result, upload_meta(result, content, "export.xlsx", "ana", result.as_of))
    after = headline_figures(version)
    for name in HEADLINE_QUERIES:
        pd.testing.assert_frame_equal(after[name], before[name], check_dtype=False, obj=name)
    assert "Unknown" not in set(after["kpi_by_period"]["period"])
    # Every table, the regenerated demo rows included, is the same in the two versions.
    assert compare_versions(before_version, version).no_change


def test_a_real_change_is_listed_field_by_field(exports):
    store, content, _, folder = exports
    con = connect(store.current())
    try:
        rows = request_table(con)
    finally:
        con.close()
    # 2016-11 Stopped with 35 days -> 40 days; 2016-12 removed; 2021-01 added (no date: estimated period).
    rows[0][8] = 40.0
    del rows[1]
    rows.append(["2020-60", "Kenya", "Ministry of Labour", "Labour inspection", None, "Labour & Employment", "No",
                 "No", 0.0, None, "Request"])
    result = checked(store, export_bytes(rows))
    assert not result.has_errors, result.errors()
    comparison = compare_upload(store.current(), result, EXPORT_DATE)
    codes = dict(zip(comparison.codes["Code"], comparison.codes["Change"]))
    assert codes == {"2016-11": "Changed", "2016-12": "Removed", "2020-60": "Added"}
    assert comparison.fields[["Record", "Field", "Before", "After"]].values.tolist() == [
        ["2016-11", "working_days", "35.0", "40.0"]]
    kpis = comparison.kpis.set_index("Headline figure")
    # 145 - 1 + 1 requests; 5 more days; 2016-12 (Cancelled) closed, 2020-60 in processing.
    assert kpis.loc["Requests received", ["Before", "After"]].tolist() == [145, 145]
    assert kpis.loc["Expert working days", "Change"] == 5
    assert kpis.loc["In processing", "Change"] == 1
    assert kpis.loc["Closed", "Change"] == -1
    download = openpyxl.load_workbook(io.BytesIO(comparison_workbook(comparison, ["=HYPERLINK(\"x\")"])))
    assert download.sheetnames == ["Tables", "Codes", "Fields", "Headline figures"]
    assert download["Fields"]["A1"].data_type == "s"  # a title that looks like a formula stays text
    assert [c.value for c in download["Fields"][3]] == ["Table", "Record", "Field", "Before", "After"]
    assert [c.value for c in download["Fields"][4]][1:] == ["2016-11", "working_days", "35.0", "40.0"]
    warned = [issue for issue in result.issues if "estimated from the code" in issue.rule]
    assert len(warned) == 1 and warned[0].value == "2020-60"
    added = result.tables["request_action"].set_index("code").loc["2020-60"]
    assert added["received_on_is_estimate"] and added["reporting_period"] == "RP4"


def test_header_variants_and_a_typed_title_date_read_the_same(exports):
    store, content, _, _ = exports
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    sheet = workbook.active
    sheet["A1"] = "Requests as at 2020-09-28"
    variants = {"Code": "CODE", "Partner Institution": " partner  institution ", "Expenditure [in €]": "Expenditure [in C]",
                "Inclusive Disability Relevant": "Inclusive disability relevant", "Status": "status"}
    for cell in sheet[3]:
        cell.value = variants.get(cell.value, cell.value)
    buffer = io.BytesIO()
    workbook.save(buffer)
    result = checked(store, buffer.getvalue())
    assert not result.has_errors, result.errors()
    assert result.as_of == EXPORT_DATE and "Requests as at 2020-09-28" in result.as_of_source
    assert compare_upload(store.current(), result, EXPORT_DATE).no_change
