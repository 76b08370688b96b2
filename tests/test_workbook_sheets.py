"""Activities, assignments, experts, expenditure, surveys and targets: rules and table shapes."""

from __future__ import annotations

from datetime import date

import pytest

from socieux.workbook import read_and_validate, reference_from_connection
from tests.workbook_files import (
    AS_OF,
    REQUEST_HEADER,
    bundled_connection,
    load_into_schema,
    request_row,
    workbook_bytes,
)

ACTIVITY_HEADER = ["code", "activity_no", "title", "start_date", "activity_type", "end_date"]
ASSIGNMENT_HEADER = ["code", "activity_no", "expert_id", "working_days"]
EXPERT_HEADER = ["expert_id", "gender", "nationality", "area_of_eligibility", "main_type", "type"]


@pytest.fixture(scope="module")
def reference():
    return reference_from_connection(bundled_connection())


def validate(reference, **sheets):
    return read_and_validate(workbook_bytes(sheets), "upload.xlsx", reference, as_of=AS_OF)


def test_activities_assignments_experts_and_expenditure_load_together(reference):
    result = validate(
        reference,
        requests=[REQUEST_HEADER, request_row("2021-07", working_days=20)],
        activities=[ACTIVITY_HEADER, ["2021-07", "0", "Fact-finding", "2021-02-01", "FFM", None],
                    ["2021-07", "#1", "Training", "2021-03-01", "TRN.1", "2021-03-12"]],
        experts=[EXPERT_HEADER, ["EXP-1", "Female", "FRANCE", "EU", "Public", "Civil Servant"],
                 ["EXP-2", "M", "Spain", "eu", "private", "Freelance"]],
        assignments=[ASSIGNMENT_HEADER, ["2021-07", "0", "EXP-1", 5], ["2021-07", 1, "EXP-1", 7.5],
                     ["2021-07", 1, "EXP-2", 7.5]],
        expenditure=[["code", "amount_eur", "cost category"], ["2021-07", "11,000.50", None]],
    )
    assert not result.has_errors, result.issues
    activities = result.tables["activity"]
    assert activities["activity_no"].tolist() == ["0", "1"]
    assert activities["is_fact_finding"].tolist() == [True, False]
    experts = result.tables["expert"]
    assert experts["nationality"].tolist() == ["France", "Spain"]
    assert experts["gender"].tolist() == ["female", "male"]
    assert experts["main_type"].tolist() == ["Public", "Private"]
    assignments = result.tables["expert_assignment"]
    assert assignments["assignment_id"].is_unique and assignments["working_days"].sum() == 20
    lines = result.tables["expenditure_line"]
    assert (lines["cost_category"].iloc[0], lines["amount_eur"].iloc[0], lines["budget_type"].iloc[0]) == (
        "Total", 11000.5, "Actual")
    con = load_into_schema(result.tables)
    assert con.execute("SELECT sum(working_days) FROM expert_assignment").fetchone()[0] == 20


def test_references_and_activity_rules_are_warnings(reference):
    result = validate(
        reference,
        requests=[REQUEST_HEADER, request_row("2021-07", working_days=30)],
        activities=[ACTIVITY_HEADER,
                    ["2021-07", 1, "Study visit", "2021-03-01", "STV.1", None],
                    *[["2021-07", n, f"Activity {n}", "2021-04-01", "TRN.1", None] for n in (2, 3, 4, 5)],
                    ["2019-99", 1, "Orphan", "2021-04-01", None, "2021-03-01"]],
        assignments=[ASSIGNMENT_HEADER, ["2021-07", 1, "EXP-9", 10], ["2021-07", 9, "EXP-9", 5]],
    )
    assert not result.has_errors, result.errors()
    warnings = [(i.sheet, i.row, i.column, i.rule) for i in result.warnings()]

    def has(sheet, row, column, words):
        return any(s == sheet and r == row and c == column and words in rule for s, r, c, rule in warnings)

    assert has("activities", 2, "activity_type", "study visit")
    assert has("activities", 2, "code", "More than 4 activities")
    assert has("activities", 7, "code", "No request with this code")
    assert has("activities", 7, "end_date", "End date before the start date")
    assert has("assignments", 3, "activity_no", "No such activity")
    assert has("assignments", 2, "expert_id", "No such expert")
    assert has("requests", 2, "working_days", "differ from the sum of its assignments (15 days)")


def test_malformed_code_in_activities_is_an_error_and_duplicates_name_both_rows(reference):
    result = validate(reference, activities=[ACTIVITY_HEADER, ["2021-7", 1, "A", "2021-01-01", None, None],
                                             ["2016-11", 1, "B", "2021-01-01", None, None],
                                             ["2016-11", "1", "C", "2021-01-01", None, None]])
    errors = {(i.row, i.column): i.rule for i in result.errors()}
    assert "YYYY-NN" in errors[(2, "code")]
    assert "rows 3 and 4" in errors[(4, "activity_no")]


def test_expert_ids_that_look_like_emails_are_refused(reference):
    result = validate(reference, experts=[EXPERT_HEADER + ["E-mail"],
                                          ["jane.doe@example.org", "female", "France", "EU", "Public", "Civil Servant",
                                           "jane.doe@example.org"]])
    issue = next(i for i in result.errors() if i.column == "expert_id")
    assert (issue.sheet, issue.row) == ("experts", 2) and "e-mail" in issue.rule
    assert any(i.column == "E-mail" and "personal data" in i.rule for i in result.warnings())


SURVEY_HEADER = ["response_id", "code", "activity_no", "submitted_date"]


def test_survey_sheets_map_labels_in_three_languages_to_scores(reference):
    result = validate(
        reference,
        exf=[SURVEY_HEADER + ["role", "Q02", "Q08", "Q24", "Q31"],
             ["R1", "2016-11", "#3.1", "2020-06-01", "Principal expert", "Completely agree", "Not relevant",
              "Not applicable", "free text"],
             ["R2", "2016-11", "1", "2020-06-02", None, "Plutôt d'accord", "Ni d'accord ni pas d'accord", None, None],
             ["R3", "2016-11", "1", "2020-06-03", None, "Totalmente en desacuerdo", 5, "Parcialmente de acuerdo",
              None]],
        pif=[SURVEY_HEADER + ["Q01", "Q02", "Q13"],
             ["P1", "2016-11", "2; 2-3 2 & 4", "2020-07-01", 4, "we learnt a lot", "Oui"]],
    )
    assert not result.has_errors, result.errors()
    responses = result.tables["survey_response"].sort_values("response_id")
    assert responses["form"].tolist() == ["PIF", "EXF", "EXF", "EXF"]
    assert responses["activity_no"].tolist() == ["2", "3.1", "1", "1"]
    answers = result.tables["survey_answer"]
    got = {(a.form, a.response_id, a.question_code): (a.answer_label, None if a.is_na else int(a.answer_score))
           for a in answers.itertuples()}
    assert got[("EXF", "R1", "Q.02")] == ("Completely agree", 5)
    assert got[("EXF", "R1", "Q.08")] == ("Not relevant", None)
    assert got[("EXF", "R1", "Q.24")] == ("Not applicable", None)
    assert got[("EXF", "R2", "Q.02")] == ("Partially agree", 4)
    assert got[("EXF", "R2", "Q.08")] == ("Do not agree nor disagree", 3)
    assert got[("EXF", "R3", "Q.02")] == ("Completely disagree", 1)
    assert got[("EXF", "R3", "Q.08")] == ("Completely agree", 5)
    assert got[("PIF", "P1", "Q.01")] == ("4", 4)
    assert got[("PIF", "P1", "Q.13")] == ("Yes", 1)
    assert ("PIF", "P1", "Q.02") not in got  # open question: never imported
    assert any(i.column == "Q02" and "not imported" in i.rule for i in result.warnings())
    load_into_schema({"survey_response": responses, "survey_answer": answers})


def test_an_unknown_survey_label_is_an_error(reference):
    result = validate(reference, paf=[SURVEY_HEADER + ["Q02", "Q03"],
                                      ["A1", "2016-11", "1", "2020-06-01", "Sort of", "Yes"]])
    errors = {(i.sheet, i.row, i.column, i.value) for i in result.errors()}
    assert ("paf", 2, "Q02", "Sort of") in errors
    assert ("paf", 2, "Q03", "Yes") in errors  # a yes/no answer on an agreement scale


def test_targets(reference):
    result = validate(reference, targets=[["indicator_id", "period_code", "target_value", "baseline", "source"],
                                          ["LF-O8", "RP5", 30, 0, "Extension plan"],
                                          ["LF-O9", "RP9", "1,200", None, None]])
    assert not result.has_errors
    targets = result.tables["target"]
    assert targets["target_value"].tolist() == [30, 1200]
    assert any(i.row == 3 and i.column == "period_code" for i in result.warnings())
    load_into_schema({"target": targets})
    bad = validate(reference, targets=[["indicator_id", "period_code", "target_value"], ["LF-O8", "RP5", "thirty"],
                                       ["LF-O8", "RP5", 3]])
    errors = {(i.row, i.column) for i in bad.errors()}
    assert (2, "target_value") in errors and (3, "period_code") in errors


def test_new_status_rules(reference):
    result = validate(reference, statuses=[["status", "stage", "closure type"], ["Paused", "someday", None],
                                           ["Archived", "closed", "forgotten"], ["Ongoing", "closed", "completed"]])
    errors = {(i.row, i.column) for i in result.errors()}
    assert (2, "stage") in errors and (3, "closure type") in errors
    assert any(i.row == 4 and "already defined" in i.rule for i in result.warnings())


def test_markup_in_any_sheet_is_data(reference):
    title = '<img src=x onerror="alert(1)">'
    result = validate(reference, activities=[ACTIVITY_HEADER, ["2016-11", 1, title, date(2021, 1, 5), None, None]])
    assert result.tables["activity"]["title"].iloc[0] == title
    assert result.tables["activity"]["start_date"].iloc[0] == date(2021, 1, 5)
