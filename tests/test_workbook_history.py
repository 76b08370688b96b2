"""Status history: the status_history sheet, statuses from dated steps, and a snapshot per upload."""

from __future__ import annotations

import shutil
from datetime import date

import pandas as pd
import pytest

from socieux.dataset_load import publish_upload, upload_meta
from socieux.store import Store, connect
from socieux.workbook import read_and_validate, reference_from_connection
from tests.workbook_files import AS_OF, REQUEST_HEADER, bundled_connection, request_row, workbook_bytes

HISTORY_HEADER = ["Code", "Status", "Valid from"]


@pytest.fixture(scope="module")
def reference():
    return reference_from_connection(bundled_connection())


def validate(reference, sheets, as_of=AS_OF):
    return read_and_validate(workbook_bytes(sheets), "upload.xlsx", reference, as_of=as_of)


def test_status_history_rows_are_normalised_and_checked(reference):
    result = validate(reference, {
        "requests": [REQUEST_HEADER, request_row("2021-07")],
        "Status history": [HISTORY_HEADER, ["2021-07", "request", "15/01/2021"], ["2021-07", "ELIGIBLE", "2021-02-01"],
                           ["2021-07", "on hold", "2021-06-30"], ["2017-99", "Eligible", "2017-03-01"]],
    })
    assert not result.has_errors, result.errors()
    rows = result.tables["status_event"]
    assert rows[["code", "status", "valid_from"]].values.tolist() == [
        ["2021-07", "Request", date(2021, 1, 15)], ["2021-07", "Eligible", date(2021, 2, 1)],
        ["2021-07", "On-hold", date(2021, 6, 30)], ["2017-99", "Eligible", date(2017, 3, 1)]]
    assert set(rows["source"]) == {"history"}
    unknown = [i for i in result.warnings() if i.sheet == "Status history" and "No request with this code" in i.rule]
    assert [(i.row, i.value) for i in unknown] == [(5, "2017-99")]


def test_two_statuses_on_one_day_and_unknown_statuses_are_errors(reference):
    result = validate(reference, {
        "status_history": [HISTORY_HEADER, ["2021-07", "Request", "2021-01-15"], ["2021-07", "Eligible", "2021-01-15"],
                           ["2021-07", "Finished?", "2021-03-01"]],
    })
    rules = {(i.row, i.rule.split(":")[0]) for i in result.errors()}
    assert (3, "Duplicate status change (same code and date)") in rules
    assert (4, "Unknown status.") in rules


def test_dated_steps_give_the_statuses_they_fix(reference):
    header = REQUEST_HEADER + ["date_received", "date_approved", "date_first_mission"]
    result = validate(reference, {"requests": [header, request_row("2021-07") + ["2021-01-15", "2021-03-01", None],
                                               request_row("2021-08") + ["2021-02-01", None, "2021-05-10"]]})
    rows = result.tables["status_event"].sort_values(["code", "valid_from"])
    assert rows[["code", "status", "valid_from"]].values.tolist() == [
        ["2021-07", "Request", date(2021, 1, 15)], ["2021-07", "Approved", date(2021, 3, 1)],
        ["2021-08", "Request", date(2021, 2, 1)], ["2021-08", "Ongoing", date(2021, 5, 10)]]


@pytest.fixture()
def store(bundled_store_dir, tmp_path) -> Store:
    root = tmp_path / "store"
    shutil.copytree(bundled_store_dir, root)
    return Store(root)


def load(store: Store, reference, sheets, as_of: date):
    result = validate(reference, sheets, as_of)
    assert not result.has_errors, result.errors()
    return publish_upload(store, result, upload_meta(result, b"bytes", "export.xlsx", "ana", as_of))


def status_events(version) -> pd.DataFrame:
    con = connect(version)
    try:
        return con.execute("SELECT code, status, valid_from, source FROM status_event "
                           "ORDER BY source, valid_from, code").df()
    finally:
        con.close()


def test_successive_uploads_leave_one_snapshot_each_and_history_replaces_history_only(store, reference):
    first = [REQUEST_HEADER, request_row("2019-05", status="Eligible"), request_row("2019-06", status="Request")]
    load(store, reference, {"requests": first}, date(2019, 8, 31))
    second = [REQUEST_HEADER, request_row("2019-05", status="Ongoing"), request_row("2019-06", status="Rejected"),
              request_row("2020-03", status="Request")]
    history = [HISTORY_HEADER, ["2019-05", "Request", "2019-02-01"]]
    version = load(store, reference, {"requests": second, "status_history": history}, date(2020, 9, 28))
    events = status_events(version)
    snapshots = events[events["source"] == "snapshot"]
    # The bundled snapshot of 28 Sep 2020 is replaced by the upload of that date; 31 Aug 2019 is kept.
    assert snapshots.groupby(snapshots["valid_from"].dt.date)["code"].apply(list).to_dict() == {
        date(2019, 8, 31): ["2019-05", "2019-06"], date(2020, 9, 28): ["2019-05", "2019-06", "2020-03"]}
    assert snapshots[snapshots["code"] == "2019-06"]["status"].tolist() == ["Request", "Rejected"]
    assert events[events["source"] == "history"][["code", "status"]].values.tolist() == [["2019-05", "Request"]]

    replaced = [HISTORY_HEADER, ["2019-06", "Request", "2019-03-01"]]
    later = load(store, reference, {"status_history": replaced}, date(2020, 9, 28))
    events = status_events(later)
    assert events[events["source"] == "history"]["code"].tolist() == ["2019-06"]
    assert (events["source"] == "snapshot").sum() == 5


ACTIVITY_HEADER = ["code", "activity_no", "title", "start_date"]


def test_codes_cited_without_a_request_row_get_a_legacy_stub_next_to_the_current_requests(store, reference):
    sheets = {"activities": [ACTIVITY_HEADER, ["2015-04", "1", "Training", "2016-10-03"],
                             ["2016-11", "2", "Workshop", "2017-01-10"]]}
    result = validate(reference, sheets)
    assert not result.has_errors, result.errors()
    stubs = result.added_rows["request_action"]
    assert stubs[["code", "programme_received", "legacy", "status", "reporting_period"]].values.tolist() == [
        ["2015-04", "SOCIEUX", True, "Unknown", "SCX"]]
    warned = [i for i in result.warnings() if "with no request row" in i.rule]
    assert [(i.sheet, i.value) for i in warned] == [("activities", "2015-04")]
    version = load(store, reference, sheets, AS_OF)
    con = connect(version)
    try:
        assert con.execute("SELECT count(*) FROM request_action").fetchall()[0][0] == 146  # 145 kept + the stub
        assert con.execute("SELECT stage, closure_type FROM status WHERE status = 'Unknown'").fetchall() == [
            ("closed", None)]
        assert con.execute("SELECT is_in_processing OR is_closed OR is_implemented FROM v_request "
                           "WHERE code = '2015-04'").fetchall() == [(False,)]
        # real activities: the synthetic assignments generated with the old ones are gone
        assert con.execute("SELECT count(*) FROM expert_assignment").fetchall() == [(0,)]
    finally:
        con.close()
