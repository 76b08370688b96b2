"""Evaluation follow-up: tracking status, overdue and filters on a hand-built fixture; the two downloads;
recording an update as a new version; the upload sheets' rules."""

from __future__ import annotations

import io
import shutil
from dataclasses import replace
from datetime import date

import docx
import duckdb
import openpyxl
import pandas as pd
import pytest

from socieux.dataset_load import UploadRefused
from socieux.history import restore_version, version_history
from socieux.evaluation_updates import KeyActionUpdate, VersionMoved, record_update
from socieux.management_response import EXAMPLE_LABEL, follow_up_matrix_xlsx, management_response_docx
from socieux.queries import run_query
from socieux.store import Store, connect, create_schema, create_views
from socieux.workbook import build_template, read_and_validate, reference_from_connection

EVALUATIONS = [
    # id, own, organisation, title
    ("E-OWN", True, "Facility", "Mid-term evaluation"),
    ("E-OTHER", False, "Other org", "Another programme's evaluation"),
]
RECOMMENDATIONS = [
    # evaluation, id, sequence, text, response
    ("E-OWN", "R1", 1, "Monitor the results", "Agree"),
    ("E-OWN", "R2", 2, "Améliorer l'économie des missions", "Partially agree"),
    ("E-OWN", "R3", 3, "Publish the data", None),
    ("E-OTHER", "R1", 1, "Train the staff", "Agree"),
]
KEY_ACTIONS = [
    # evaluation, recommendation, action, text, responsible, period end, kind
    ("E-OWN", "R1", "A1", "Write a plan", "FMT", "2020-12-31", "Proposed measures"),
    ("E-OWN", "R1", "A2", "Revise the forms", "MEO", "2021-03-31", "Proposed measures"),
    ("E-OWN", "R1", "A3", "Build a dashboard", "MEO", "2021-12-31", "Proposed measures"),
    ("E-OWN", "R2", "A1", "Cheaper flights", "FMT", "2021-01-31", "Measures and consideration"),
    ("E-OWN", "R2", "A2", "Not relevant.", "FMT", None, "Measures and consideration"),
    ("E-OWN", "R2", "A3", "Merge missions", "FMT", "2020-06-30", "Measures and consideration"),
    ("E-OWN", "R2", "A4", "=HYPERLINK(\"http://x\")", "FMT", None, "Measures and consideration"),
    ("E-OTHER", "R1", "A1", "Train twice a year", "HR", "2020-01-31", "Key actions"),
]
UPDATES = [
    # evaluation, update, recommendation, action, as of, status stated
    ("E-OWN", "U1", "R1", "A1", "2021-01-10", "Done"),
    ("E-OWN", "U2", "R1", "A1", "2021-02-01", None),          # states no status: Done stays
    ("E-OWN", "U3", "R1", "A2", "2021-01-10", "In progress"),
    ("E-OWN", "U4", "R1", "A3", "2020-10-01", "Not started"),
    ("E-OWN", "U5", "R1", "A3", "2021-05-01", "In progress"),  # the latest counts
    ("E-OWN", "U6", "R2", "A2", "2021-01-10", "Dropped"),
    ("E-OWN", "U7", "R2", "A3", "2021-01-10", "Dropped"),
    ("E-OWN", "U8", "R2", None, "2021-01-10", None),           # the whole recommendation, no status
]
AS_OF = date(2021, 6, 30)


def build_evaluation_fixture(con: duckdb.DuckDBPyConnection) -> None:
    create_schema(con)
    for evaluation_id, own, organisation, title in EVALUATIONS:
        con.execute("INSERT INTO evaluation (evaluation_id, is_facility_own, organisation, title, overall_response) "
                    "VALUES (?, ?, ?, ?, 'We agree.')", [evaluation_id, own, organisation, title])
    con.executemany("INSERT INTO recommendation (evaluation_id, recommendation_id, sequence, text, response) "
                    "VALUES (?, ?, ?, ?, ?)", RECOMMENDATIONS)
    for number, row in enumerate(KEY_ACTIONS, start=1):
        con.execute("INSERT INTO key_action (evaluation_id, recommendation_id, action_id, text, responsible, "
                    "period_end, section_as_printed, sequence) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", [*row, number])
    con.executemany("INSERT INTO followup_update (evaluation_id, update_id, recommendation_id, action_id, as_of_date, "
                    "status_as_printed) VALUES (?, ?, ?, ?, ?, ?)", UPDATES)
    create_views(con)


@pytest.fixture(scope="module")
def con():
    connection = duckdb.connect(":memory:")
    build_evaluation_fixture(connection)
    yield connection
    connection.close()


def run(con, name: str, **given) -> pd.DataFrame:
    scope = {"as_of": AS_OF, "organisations": [], "evaluations": [], "responsibles": [], "responses": [],
             "statuses": [], "search": ""}
    return run_query(con, name, {**scope, **given})


def test_counts_per_status_and_overdue_of_the_own_evaluation(con):
    summary = run(con, "evaluation_summary")
    assert summary["Evaluation"].tolist() == ["E-OWN"]  # the other programme only behind the organisation filter
    row = summary.iloc[0]
    # Done: R1-A1 (a later update stating no status does not undo it); In progress: R1-A2, R1-A3 (latest);
    # Dropped: R2-A2, R2-A3; no status: R2-A1, R2-A4 (a recommendation-wide update gives no action a status).
    assert row[["Recommendations", "Key actions", "Done", "In progress", "Not started", "Dropped",
                "No status reported"]].tolist() == [3, 7, 1, 2, 0, 2, 2]
    # Overdue as of 30 Jun 2021: R1-A2 (ended 31 Mar, in progress), R2-A1 (ended 31 Jan, no status);
    # not R2-A3 (ended 2020 but dropped), not R1-A1 (done).
    assert row["Overdue"] == 2
    assert row["Updates"] == 8
    assert run(con, "evaluation_summary", as_of=date(2020, 12, 31)).iloc[0]["Overdue"] == 0


def test_progress_puts_each_key_action_in_one_group(con):
    progress = run(con, "evaluation_progress")
    assert dict(zip(progress["progress"], progress["key_actions"])) == {
        "Done": 1, "In progress": 1, "Overdue": 2, "Dropped": 2, "No status reported": 1}
    per_recommendation = run(con, "evaluation_recommendation_progress").set_index("Recommendation")
    assert per_recommendation.loc["R1", ["Done", "In progress", "Overdue"]].tolist() == [1, 1, 1]
    assert per_recommendation.loc["R2", ["Overdue", "Dropped", "No status reported"]].tolist() == [1, 2, 1]
    assert per_recommendation.loc["R3", "Key actions"] == 0


def test_overdue_list_and_timeline(con):
    overdue = run(con, "evaluation_overdue")
    assert list(zip(overdue["Recommendation"], overdue["Key action"], overdue["Days overdue"])) == [
        ("R2", "A1", 150), ("R1", "A2", 91)]  # 31 Jan -> 30 Jun 2021 = 150 days; 31 Mar -> 30 Jun = 91
    timeline = run(con, "evaluation_timeline")
    assert list(zip(timeline["due"], timeline["progress"], timeline["key_actions"])) == [
        ("2020", "Done", 1), ("2020", "Dropped", 1), ("2021", "In progress", 1), ("2021", "Overdue", 2),
        ("No end date", "Dropped", 1), ("No end date", "No status reported", 1)]


def test_filters_organisation_status_responsible_response_and_search(con):
    other = run(con, "evaluation_summary", organisations=["Other org"]).iloc[0]
    assert (other["Evaluation"], other["Key actions"], other["Overdue"]) == ("E-OTHER", 1, 1)
    assert other["Data"] == "Example from another programme, not SOCIEUX+ data"
    overdue = run(con, "evaluation_recommendations", statuses=["Overdue"])
    assert overdue["Recommendation"].tolist() == ["R1", "R2"]
    assert len(run(con, "evaluation_key_actions", responsibles=["MEO"])) == 2
    assert run(con, "evaluation_recommendations", responses=["Not stated"])["Recommendation"].tolist() == ["R3"]
    # neither case nor accents matter; a recommendation that matches brings its key actions
    assert run(con, "evaluation_recommendations", search="ECONOMIE")["Recommendation"].tolist() == ["R2"]
    assert len(run(con, "evaluation_key_actions", search="ECONOMIE")) == 4
    assert run(con, "evaluation_recommendations", search="dashboard")["Recommendation"].tolist() == ["R1"]
    assert run(con, "evaluation_recommendations", search="x' OR 1=1 --").empty


def test_the_word_and_excel_downloads_open(con):
    recommendations = run(con, "evaluation_recommendations", organisations=["Facility", "Other org"])
    actions = run(con, "evaluation_key_actions", organisations=["Facility", "Other org"])
    details = run(con, "evaluation_details", organisations=["Facility", "Other org"])
    word = management_response_docx(details, recommendations, actions, as_of="30 Jun 2021")
    document = docx.Document(io.BytesIO(word))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings[:4] == ["Mid-term evaluation (E-OWN)", "Recommendation R1", "Recommendation R2",
                            "Recommendation R3"]
    assert EXAMPLE_LABEL in [p.text for p in document.paragraphs]
    assert "Response: Partially agree" in [p.text for p in document.paragraphs]
    first = document.tables[0]
    assert [c.text for c in first.rows[0].cells] == ["Key action", "Responsible", "Period", "Latest status"]
    assert [c.text for c in first.rows[2].cells] == ["Revise the forms", "MEO", "", "In progress (overdue)"]
    assert len(document.tables) == 3  # R1, R2 (R3 has none), the other programme's R1

    workbook = openpyxl.load_workbook(io.BytesIO(follow_up_matrix_xlsx(actions, recommendations, ["Matrix"])))
    matrix = workbook["Follow-up matrix"]
    rows = list(matrix.iter_rows(values_only=True))
    assert rows[2][:3] == ("Evaluation", "Recommendation", "Key action") and len(rows) == 3 + 8
    hostile = next(c for row in matrix.iter_rows() for c in row if str(c.value).startswith("=HYPERLINK"))
    assert hostile.data_type == "s"  # shown as text, never run as a formula


@pytest.fixture()
def store(bundled_store_dir, tmp_path) -> Store:
    root = tmp_path / "store"
    shutil.copytree(bundled_store_dir, root)
    return Store(root)


def status_of(store: Store, action: str) -> str:
    con = connect(store.current())
    try:
        return con.execute("SELECT latest_status FROM key_action_tracking(NULL) WHERE evaluation_id = "
                           "'SOCIEUX-ROM-2018' AND action_id = ?", [action]).fetchall()[0][0]
    finally:
        con.close()


def test_an_update_is_a_new_version_refused_if_the_data_moved_and_rolled_back(store):
    update = KeyActionUpdate("SOCIEUX-ROM-2018", "R1", "R1-A1", "Done", date(2021, 3, 1), "Forms revised.")
    assert status_of(store, "R1-A1") == "No status reported"
    version = record_update(store, update, seen_version=1, recorded_by="Ana (staff password)")
    assert version.version_id == 2 and status_of(store, "R1-A1") == "Done"
    with pytest.raises(VersionMoved, match="you saw version 1, the current one is now version 2"):
        record_update(store, update, seen_version=1, recorded_by="Ana (staff password)")
    with pytest.raises(UploadRefused, match="not one of"):
        record_update(store, replace(update, status="Finished"), seen_version=2, recorded_by="Ana")
    assert store.current().version_id == 2
    loads = version_history(store).set_index("Version")
    assert loads.loc[2, "Follow-up updates"] == 44 + 1 and loads.loc[2, "Who"] == "Ana (staff password)"
    restore_version(store, 1, "Ana")
    assert status_of(store, "R1-A1") == "No status reported"


def test_the_upload_sheets_name_sheet_cell_and_rule(bundled_store_dir):
    con = connect(Store(bundled_store_dir).current())
    try:
        reference = reference_from_connection(con)
    finally:
        con.close()
    workbook = openpyxl.load_workbook(io.BytesIO(build_template(reference)))
    rows = {
        "recommendations": [dict(evaluation_id="E-NEW", recommendation_id="R1", text="Do it")],
        "key_actions": [dict(evaluation_id="E-NEW", recommendation_id="R1", action_id="A1", text="Plan",
                             period_start="2022-01-01", period_end="2021-12-31")],
        "updates": [dict(evaluation_id="E-NEW", recommendation_id="R1", update_id="U1", action_id="A1",
                         as_of_date="2022-02-01", status="ongoing"),
                    dict(evaluation_id="E-NEW", recommendation_id="R1", update_id="U2", as_of_date="2022-03-01",
                         status="Finished?"),
                    dict(evaluation_id="SOCIEUX-ROM-2018", recommendation_id="R1", update_id="U3",
                         as_of_date="2022-03-01")],
    }
    for sheet, records in rows.items():
        header = [cell.value for cell in workbook[sheet][1]]
        for record in records:
            workbook[sheet].append([record.get(name) for name in header])
    buffer = io.BytesIO()
    workbook.save(buffer)
    result = read_and_validate(buffer.getvalue(), "evaluations.xlsx", reference, as_of=date(2022, 3, 31))
    found = {(i.sheet, i.row, i.column, i.rule) for i in result.errors()}
    assert found == {
        ("recommendations", 2, "evaluation_id", "No evaluation with this id in the 'evaluations' sheet or the "
                                                "current data."),
        ("key_actions", 2, "period_end", "The period ends before it starts (period_end is earlier than "
                                         "period_start)."),
        ("updates", 3, "status", "Unknown status: a status is never guessed."),
        ("updates", 4, "status", "Required value missing in 'status'."),
        # U3 points to a recommendation of the current data, which the workbook's sheet replaces
        ("updates", 4, "recommendation_id", "No recommendation with this id in the 'recommendations' sheet of "
                                            "this workbook."),
    }
    assert result.tables == {}  # errors: nothing to load

    workbook["updates"].delete_rows(3, 2)
    header = [cell.value for cell in workbook["key_actions"][1]]
    workbook["key_actions"].cell(row=2, column=header.index("period_end") + 1).value = None
    buffer = io.BytesIO()
    workbook.save(buffer)
    reference = replace(reference, known_evaluations=frozenset({"E-NEW"}))
    result = read_and_validate(buffer.getvalue(), "evaluations.xlsx", reference, as_of=date(2022, 3, 31))
    assert result.errors() == []
    assert result.tables["followup_update"]["status_as_printed"].tolist() == ["In progress"]  # 'ongoing'
