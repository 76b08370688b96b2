"""The upload template round-trips through validation; the report workbook shows issues safely."""

from __future__ import annotations

import io
import zipfile
from datetime import date

import openpyxl
import pytest

from socieux.workbook import (
    Issue,
    ValidationResult,
    build_template,
    read_and_validate,
    reference_from_connection,
    report_workbook,
)
from tests.workbook_files import bundled_connection, load_into_schema


@pytest.fixture(scope="module")
def reference():
    return reference_from_connection(bundled_connection())


@pytest.fixture(scope="module")
def template(reference):
    return build_template(reference)


def fill(sheet, records: list[dict]) -> None:
    headers = [cell.value for cell in sheet[1]]
    for record in records:
        unknown = set(record) - set(headers)
        assert not unknown, f"{sheet.title} has no column {unknown}"
        sheet.append([record.get(header) for header in headers])


def test_the_template_has_instructions_commented_headers_and_drop_downs(template):
    workbook = openpyxl.load_workbook(io.BytesIO(template))
    assert workbook.sheetnames[0] == "Instructions"
    assert workbook["lists"].sheet_state == "hidden"
    assert {"requests", "activities", "assignments", "experts", "expenditure", "pif", "exf", "paf", "targets",
            "statuses", "countries"} <= set(workbook.sheetnames)
    instructions = " ".join(str(c.value) for row in workbook["Instructions"].iter_rows() for c in row if c.value)
    assert "e-mail" in instructions and "optional" in instructions and "formula" in instructions
    requests = workbook["requests"]
    headers = {cell.value: cell for cell in requests[1]}
    assert "date_approved" in headers and "date_first_mission" in headers
    assert "Required." in headers["status"].comment.text and "Example:" in headers["status"].comment.text
    assert "Optional." in headers["general_objective"].comment.text
    validated = {str(v.sqref).split(":")[0]: v.formula1 for v in requests.data_validations.dataValidation}
    letter = {cell.value: cell.column_letter for cell in requests[1]}
    assert validated[f"{letter['status']}2"].startswith("=lists!")
    assert validated[f"{letter['country']}2"].startswith("=lists!")
    assert validated[f"{letter['gender_relevant']}2"].startswith("=lists!")
    assert [c.value for c in workbook["exf"][1]][-1] == "Q30"


def test_the_filled_template_round_trips_without_errors(template):
    workbook = openpyxl.load_workbook(io.BytesIO(template))
    as_of_row = next(row for row in workbook["Instructions"].iter_rows() if row[0].value == "as_of")
    as_of_row[1].value = date(2021, 9, 30)
    fill(workbook["requests"], [
        {"code": "2021-07", "country": "Kenya", "partner_institution": "Ministry of Labour", "title": "Inspection",
         "area_of_work": "Labour & Employment", "status": "Ongoing", "gender_relevant": "Yes",
         "disability_relevant": "No", "date_received": date(2021, 2, 1), "working_days": 15, "expenditure_eur": 8000,
         "date_approved": date(2021, 3, 1)},
        {"code": "2021-08", "country": "Kosovo", "partner_institution": "Pension fund", "title": "Pensions",
         "area_of_work": "Social Protection", "status": "Suspended", "gender_relevant": "No",
         "disability_relevant": "No"},
    ])
    fill(workbook["activities"], [{"code": "2021-07", "activity_no": "1", "title": "Training",
                                   "start_date": date(2021, 4, 1), "activity_type": "TRN.1"}])
    fill(workbook["experts"], [{"expert_id": "EXP-1", "gender": "female", "nationality": "France",
                                "area_of_eligibility": "EU", "main_type": "Public", "type": "Civil Servant"}])
    fill(workbook["assignments"], [{"code": "2021-07", "activity_no": "1", "expert_id": "EXP-1", "working_days": 15}])
    fill(workbook["expenditure"], [{"code": "2021-07", "amount_eur": 8000, "activity_no": "1"}])
    fill(workbook["pif"], [{"response_id": "PIF-1", "code": "2021-07", "submitted_date": date(2021, 5, 1), "Q01": 5,
                            "Q13": "Yes"}])
    fill(workbook["exf"], [{"response_id": "EXF-1", "code": "2021-07", "submitted_date": date(2021, 5, 1),
                            "Q02": "Completely agree", "Q08": "Not relevant"}])
    fill(workbook["paf"], [{"response_id": "PAF-1", "code": "2021-07", "submitted_date": date(2021, 5, 1),
                            "Q02": "Partially agree"}])
    fill(workbook["targets"], [{"indicator_id": "LF-O8", "period_code": "RP5", "target_value": 30}])
    fill(workbook["statuses"], [{"status": "Suspended", "stage": "action_implementation"}])
    fill(workbook["countries"], [{"country": "Kosovo", "iso3": "XKX", "region": "Europe",
                                  "income_group": "Upper-middle income", "eligibility": "ENI"}])
    buffer = io.BytesIO()
    workbook.save(buffer)

    result = read_and_validate(buffer.getvalue(), "template.xlsx", reference_from_connection(bundled_connection()))
    assert not result.has_errors, result.errors()
    assert result.as_of == date(2021, 9, 30)
    assert {name: len(frame) for name, frame in result.tables.items()} == {
        "status": 1, "partner_country": 1, "request_action": 2, "milestone": 2, "activity": 1, "expert": 1,
        "expert_assignment": 1, "expenditure_line": 1, "survey_response": 3, "survey_answer": 5, "target": 1,
        "status_event": 2}  # the dated steps that fix a status (received -> Request ...)
    load_into_schema({k: v for k, v in result.tables.items() if k != "status"})


def test_the_report_keeps_the_sheet_and_row_order_and_never_writes_a_formula(tmp_path):
    issues = [
        Issue("error", None, None, None, None, "Whole file", "Save again"),
        Issue("error", "requests", 2, "title", '=HYPERLINK("http://evil","x")', "Bad", "Fix", "D2"),
        Issue("warning", "requests", 3, "title", "tbc", "Placeholder", "Fill it in", "D3"),
    ]
    content = report_workbook(ValidationResult(issues, {}, None, {}), "upload.xlsx")
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    sheet = workbook["Issues"]
    assert [c.value for c in sheet[1]] == ["Severity", "Cell", "Sheet", "Row", "Column", "Rule", "How to fix",
                                           "Value"]
    assert [sheet.cell(row=r, column=2).value for r in (2, 3, 4)] == [None, "D2", "D3"]
    assert sheet["H3"].value == '=HYPERLINK("http://evil","x")' and sheet["H3"].data_type == "s"
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:H4"
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        assert b"<f>" not in archive.read("xl/worksheets/sheet1.xml")
    assert workbook["Summary"]["B1"].value == "upload.xlsx"


def test_the_report_of_a_real_validation(reference):
    result = read_and_validate(b"not excel", "x.csv", reference)
    workbook = openpyxl.load_workbook(io.BytesIO(report_workbook(result, "x.csv")))
    assert workbook["Issues"].max_row == 2 and workbook["Summary"]["B2"].value == 1
