"""Focal points, calls and applications, events and participants: rules and the rows they give."""

from __future__ import annotations

from datetime import date

import pytest

from socieux.workbook import read_and_validate, reference_from_connection
from tests.workbook_files import AS_OF, bundled_connection, load_into_schema, workbook_bytes


@pytest.fixture(scope="module")
def reference():
    return reference_from_connection(bundled_connection())


def validate(reference, **sheets):
    return read_and_validate(workbook_bytes(sheets), "upload.xlsx", reference, as_of=AS_OF)


def test_programme_sheets_load_together(reference):
    result = validate(
        reference,
        focal_points=[["FP id", "Country", "Gender", "Level", "Active"], ["FP-1", "FRANCE", "F", "national", "Yes"]],
        calls=[["Call", "Code", "Activity", "Published", "Deadline"], ["C-1", "2016-11", "#1", "01/03/2019", "2019-03-21"]],
        applications=[["Call", "Expert", "Short listed", "Selected"], ["C-1", "EXP-1", "Yes", "Yes"]],
        events=[["Event", "Type of event", "Date", "Status"], ["EV-1", "Webinar", "2019-06-18", "Held"]],
        event_participants=[["Event", "Gender", "Attendance"], ["EV-1", "female", 100], ["EV-1", "m", 40]],
    )
    assert not result.has_errors, result.errors()
    assert result.tables["focal_point"][["fp_id", "country", "sex", "active"]].values.tolist() == [
        ["FP-1", "France", "female", True]]
    calls = result.tables["call_for_experts"]
    assert calls[["activity_no", "published_date"]].values.tolist() == [["1", date(2019, 3, 1)]]
    assert result.tables["event"][["type", "status"]].values.tolist() == [["webinar", "held"]]
    participants = result.tables["event_participant"]
    assert participants[["participant_no", "sex", "attended_pct"]].values.tolist() == [[1, "female", 100.0],
                                                                                        [2, "male", 40.0]]
    unknown_expert = [i for i in result.warnings() if i.sheet == "applications"]
    assert [(i.cell, i.rule) for i in unknown_expert] == [("B2", "No such expert in the workbook or in the current data.")]
    load_into_schema(result.tables)


def test_programme_sheet_errors_name_sheet_cell_and_rule(reference):
    result = validate(
        reference,
        focal_points=[["fp_id", "country", "sex"], ["ana@example.org", "Spain", "female"]],
        calls=[["call_id", "code", "activity_no", "published_date"], ["C-1", "20190-1", "1", "2019-03-01"],
               ["C-1", "2019-01", "1", "2019-13-01"]],
        events=[["event_id", "type", "start_date"], ["EV-1", "Picnic", "2019-06-18"]],
        event_participants=[["event_id", "sex", "attended_pct"], ["EV-9", "female", 150]],
    )
    found = {(i.severity, i.sheet, i.cell, i.rule.split(" (")[0]) for i in result.issues}
    assert {("error", "focal_points", "A2", "The id looks like an e-mail address"),
            ("error", "calls", "B2", "not a request code of the form YYYY-NN"),
            ("error", "calls", "A3", "Duplicate call id: rows 2 and 3 have the same."),
            ("error", "calls", "D3", "not a valid calendar date"),
            ("warning", "events", "B2", "Unknown type of event; kept as written."),
            ("warning", "event_participants", "A2", "No such event in the workbook or in the current data."),
            ("error", "event_participants", "C2", "Attendance above 100 %.")} <= found
