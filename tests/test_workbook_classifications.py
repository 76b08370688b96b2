"""Types of assistance, fields of intervention and SDGs as staff write them, and the bridges they fill."""

from __future__ import annotations

import pytest

from socieux.workbook import read_and_validate, reference_from_connection
from socieux.workbook.codes import letter_code, sdg_code, type_code
from tests.workbook_files import AS_OF, REQUEST_HEADER, bundled_connection, request_row, workbook_bytes


@pytest.mark.parametrize(("written", "read"), [
    ("A02 01", "A.02.01"), ("A.20.02- Informal Employment", "A.20.02"), ("E - Social Protection", "E.00"),
    ("E. - Social Protection", "E.00"), ("A0201", "A.02.01"), ("E10.07 Pension Schemes", "E.10.07"),
    ("Employment", None), ("tbd", None),
])
def test_letter_codes(written, read):
    assert letter_code(written) == read


def test_the_revised_logframe_c00_is_communication_and_visibility():
    assert type_code("C00") == "D.01" and letter_code("C00") == "C.00"  # only types of assistance are remapped


@pytest.mark.parametrize(("written", "read"), [
    ("1.3", "01.03."), ("01.03", "01.03."), ("SDG 8.5", "08.05."), ("16", "16."), ("01.03. Social Protection", "01.03."),
    ("18", None), ("Poverty", None),
])
def test_sdg_codes(written, read):
    assert sdg_code(written) == read


def test_multi_valued_cells_fill_the_bridges_and_unreadable_codes_are_kept_with_a_warning():
    header = REQUEST_HEADER + ["Type of assistance", "Fields of intervention", "SDGs"]
    rows = [header,
            request_row("2021-07") + ["A02 01; C00", "A.20.02- Informal Employment; E - Social Protection", "1.3; 8"],
            request_row("2021-08") + ["tbd", "Youth employment", "01.03; 1.3"]]
    result = read_and_validate(workbook_bytes({"requests": rows}), "upload.xlsx",
                               reference_from_connection(bundled_connection()), as_of=AS_OF)
    assert not result.has_errors, result.errors()
    types = result.tables["request_type_of_assistance"]
    assert types[["code", "type_code", "as_given"]].values.tolist() == [
        ["2021-07", "A.02.01", "A02 01"], ["2021-07", "D.01", "C00"]]
    assert set(types["source"]) == {"upload"}
    fields = result.tables["request_field"]
    assert fields[["code", "field_code"]].values.tolist() == [
        ["2021-07", "A.20.02"], ["2021-07", "E.00"], ["2021-08", "Youth employment"]]
    sdgs = result.tables["request_sdg"]
    assert sdgs[["code", "sdg_code"]].values.tolist() == [["2021-07", "01.03."], ["2021-07", "08."],
                                                          ["2021-08", "01.03."]]  # the same target once
    requests = result.tables["request_action"].set_index("code")
    assert requests.loc["2021-07", "type_of_assistance"] == "A.02.01" and requests.loc["2021-08", "type_of_assistance"] is None
    warned = [(i.cell, i.rule) for i in result.warnings() if i.column == "Fields of intervention"]
    assert warned == [("L3", "Not a field of intervention code; kept as written.")]


def test_the_paf_printed_column_two_means_partially_agree():
    header = ["response_id", "code", "submitted_date", "Q02", "Q03"]
    rows = [header, ["PAF-1", "2016-11", "2021-05-01", "Partially disagree", "Partially agree"],
            ["PAF-2", "2016-11", "2021-05-01", "Completely agree", "Partially disagree"]]
    result = read_and_validate(workbook_bytes({"paf": rows}), "upload.xlsx",
                               reference_from_connection(bundled_connection()), as_of=AS_OF)
    answers = result.tables["survey_answer"].set_index(["response_id", "question_code"])
    # Q02 never says "Partially agree": its printed column-2 header is read as Partially agree (4).
    assert answers.loc[("PAF-1", "Q.02"), ["answer_label", "answer_score"]].tolist() == ["Partially agree", 4]
    # Q03 uses both words: kept as written.
    assert answers.loc[("PAF-2", "Q.03"), ["answer_label", "answer_score"]].tolist() == ["Partially disagree", 2]
    assert [i.cell for i in result.warnings() if i.rule.startswith("PAF:")] == ["D1"]


def test_bridge_sheets_add_to_the_requests_columns():
    rows = [REQUEST_HEADER + ["SDGs"], request_row("2021-07") + ["1.3"]]
    result = read_and_validate(workbook_bytes({
        "requests": rows,
        "SDGs": [["Code", "SDG"], ["2021-07", "8.5"], ["2021-07", "01.03"], ["2019-99", "16.6"]],
        "Fields of intervention": [["Code", "Field"], ["2021-07", "E10 07"]],
    }), "upload.xlsx", reference_from_connection(bundled_connection()), as_of=AS_OF)
    assert not result.has_errors, result.errors()
    assert result.tables["request_sdg"][["code", "sdg_code"]].values.tolist() == [
        ["2021-07", "01.03."], ["2021-07", "08.05."], ["2019-99", "16.06."]]
    assert result.tables["request_field"][["code", "field_code"]].values.tolist() == [["2021-07", "E.10.07"]]
    assert [(i.sheet, i.cell) for i in result.warnings() if "No request with this code" in i.rule] == [("SDGs", "A4")]
