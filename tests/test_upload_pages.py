"""The staff pages with AppTest: load a filled template, see the report and the changes, load, restore."""

from __future__ import annotations

import io
import shutil

import openpyxl
import pytest
from streamlit.testing.v1 import AppTest

from socieux.access import hash_password
from socieux.dataset_load import UploadRefused
from socieux.history import restore_events
from socieux.store import Store, connect, read_dataset_info
from socieux.workbook import build_template, reference_from_connection
from tests.conftest import PROJECT_ROOT

APP = str(PROJECT_ROOT / "app.py")
PASSWORD = "correct horse battery staple"
SECRETS = {"staff": {"password_hash": hash_password(PASSWORD, iterations=1_000)}}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture()
def store(bundled_store_dir, tmp_path, monkeypatch) -> Store:
    """A private copy of the bundled store that the app serves (these tests publish and restore)."""
    root = tmp_path / "store"
    shutil.copytree(bundled_store_dir, root)
    monkeypatch.setenv("SOCIEUX_STORE_DIR", str(root))
    return Store(root)


def filled_template(store: Store, *, bad_status: bool = False) -> bytes:
    """The template of the current version with two requests written in, as a member of staff would."""
    con = connect(store.current())
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(build_template(reference_from_connection(con))))
    finally:
        con.close()
    sheet = workbook["requests"]
    header = [cell.value for cell in sheet[1]]
    for values in [
        dict(code="2021-01", country="Cambodia", partner_institution="Ministry of Labour", title="Pension reform",
             area_of_work="SP", status="Finished?" if bad_status else "Ongoing", gender_relevant="Yes",
             disability_relevant="No", date_received="15/01/2021", working_days=10, expenditure_eur="5,000.00"),
        dict(code="2021-02", country="Togo", partner_institution="CNSS", title="tbc", area_of_work="L&E",
             status="Request", gender_relevant="N", disability_relevant="N", date_received="2021-02-01"),
    ]:
        sheet.append([values.get(name) for name in header])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def signed_in(page: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.secrets.update(SECRETS)
    at.run()
    at.text_input(key="staff_name").input("Ana")
    at.text_input(key="staff_password").input(PASSWORD)
    next(b for b in at.button if b.label == "Sign in").click().run()
    at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def upload(at: AppTest, content: bytes, file_name: str = "pmt_export.xlsx") -> AppTest:
    at.file_uploader[0].set_value((file_name, content, XLSX)).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def button(at: AppTest, label: str):
    return next(b for b in at.button if b.label == label)


def confirm_load(at: AppTest) -> AppTest:
    # The date is part of the load form: typed and submitted with the button.
    at.date_input[0].set_value("2021-03-31")
    button(at, "Replace the data").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_the_upload_page_offers_the_template_and_says_which_files_it_takes(store):
    at = signed_in("pages/upload.py")
    assert [t.value for t in at.title] == ["Load new data"]
    assert at.get("download_button")[0].proto.label == "Download the template (.xlsx)"
    uploader = at.file_uploader[0]
    assert uploader.allowed_type == [".xlsx", ".xls", ".ods"] and "Save .xls or .ods files as .xlsx" in uploader.help


def test_a_clean_workbook_shows_its_report_and_changes_then_loads_as_a_new_version(store):
    at = signed_in("pages/upload.py")
    content = filled_template(store)
    upload(at, content)
    assert metric(at, "Errors (block the load)") == "0"
    assert int(metric(at, "Warnings (load, but check)")) >= 1
    report, changes = at.dataframe[0].value, at.dataframe[1].value
    assert {"Sheet", "Row", "Column", "Value", "Rule", "How to fix"} <= set(report.columns)
    assert "tbc" in set(report["Value"])  # the placeholder title, shown as given
    requests = changes.set_index("Table").loc["request_action"]
    assert (requests["Added"], requests["Removed"], requests["Rows after loading"]) == (2, 145, 2)
    assert store.current().version_id == 1  # nothing loaded before the confirmation
    assert any("generated again for the requests of this workbook" in i.value for i in at.info)  # said before

    confirm_load(at)
    assert store.current().version_id == 2
    con = connect(store.current())
    try:
        # demo rows follow the new requests; the workbook's receipt date is the only step of 2021-01
        assert con.execute("SELECT sum(working_days) FROM expert_assignment WHERE code = '2021-01'").fetchall() == [(10,)]
        assert con.execute("SELECT step, event_date::VARCHAR, is_synthetic FROM milestone WHERE code = '2021-01'"
                           ).fetchall() == [("received", "2021-01-15", False)]
    finally:
        con.close()
    assert "Loaded as version 2: every page now shows the new data." in [s.value for s in at.success]
    assert any("version 2, loaded" in c.value for c in at.caption)  # the header already shows it
    con = connect(store.current())
    info = read_dataset_info(con)
    con.close()
    assert (info["loaded_by"], info["file_name"], str(info["as_of"])) == ("Ana (staff password)", "pmt_export.xlsx", "2021-03-31")

    at.switch_page("pages/overview.py").run()
    assert next(m.value for m in at.metric if m.label == "Requests received") == "2"


def test_a_workbook_with_errors_cannot_be_loaded(store):
    at = upload(signed_in("pages/upload.py"), filled_template(store, bad_status=True))
    assert int(metric(at, "Errors (block the load)")) >= 1
    report = at.dataframe[0].value
    assert "Finished?" in set(report["Value"])
    assert not any(b.label == "Replace the data" for b in at.button)
    assert any("nothing has been loaded" in e.value for e in at.error)
    assert any(b.proto.label == "Download this report (.xlsx)" for b in at.get("download_button"))
    assert store.current().version_id == 1


def test_the_load_is_refused_when_the_session_lost_its_staff_rights_before_confirming(store):
    at = signed_in("pages/upload.py")
    upload(at, filled_template(store))
    at.secrets["staff"] = {"password_hash": hash_password("a new staff password", iterations=1_000)}
    confirm_load(at)
    assert store.current().version_id == 1 and len(store.versions()) == 1


def test_the_history_page_lists_versions_and_restores_one_with_confirmation(store):
    at = signed_in("pages/upload.py")
    upload(at, filled_template(store))
    confirm_load(at)
    assert store.current().version_id == 2

    at.switch_page("pages/history.py").run()
    assert [t.value for t in at.title] == ["Data history"]
    history = at.dataframe[0].value
    assert history["Version"].tolist() == [2, 1] and history["Current"].tolist() == [True, False]
    assert history["File"].tolist() == ["pmt_export.xlsx", "data/bundled/requests_2016_2020.csv"]
    compared = at.dataframe[1].value.set_index("Table")  # version 2 against version 1
    assert (compared.loc["request_action", "Added"], compared.loc["request_action", "Removed"]) == (2, 145)
    kpis = at.dataframe[-1].value.set_index("Headline figure")
    assert kpis.loc["Requests received", ["Before", "After"]].tolist() == [145, 2]
    assert button(at, "Restore").disabled  # not before the confirmation
    at.selectbox(key="restore_choice").select(1).run()
    at.checkbox(key="restore_confirm").check().run()
    button(at, "Restore").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert store.current().version_id == 1
    assert "Version 1 is current again: every page now shows it." in [s.value for s in at.success]
    assert [(e.by, e.from_version, e.to_version) for e in restore_events(store)] == [("Ana (staff password)", 2, 1)]
    assert at.dataframe[0].value["Event"].tolist()[0] == "Restored (was v2)"


def test_a_load_the_database_refuses_leaves_everything_as_it_was_and_says_why(store, monkeypatch):
    at = signed_in("pages/upload.py")
    upload(at, filled_template(store))

    def refuse(*args, **kwargs):
        raise UploadRefused("Table request_action has no column colour.")

    monkeypatch.setattr("socieux.ui.loading.publish_upload", refuse)
    confirm_load(at)
    assert store.current().version_id == 1
    # the database's words are shown as plain text (escaped), never as markup
    assert [e.value for e in at.error] == ["Nothing was loaded\\: Table request\\_action has no column colour\\."]


def request_table_export(store: Store, *, without_status: bool = False) -> bytes:
    """The bundled requests in the final report's request-table layout, with the title row of an export."""
    from tests.test_workbook_roundtrip import LAYOUT, export_bytes, request_table  # noqa: PLC0415

    con = connect(store.current())
    try:
        rows = request_table(con)
    finally:
        con.close()
    content = export_bytes(rows)
    if not without_status:
        return content
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    sheet = workbook.active
    sheet.title = "Sheet1"
    sheet.delete_cols(LAYOUT.index("Status") + 1)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_an_export_of_the_current_requests_says_no_change_and_brings_its_date(store):
    at = upload(signed_in("pages/upload.py"), request_table_export(store))
    assert metric(at, "Errors (block the load)") == "0"
    assert "No change: the workbook holds the same data as the dashboard now." in [s.value for s in at.success]
    kpis = at.dataframe[-1].value
    assert kpis.set_index("Headline figure").loc["Requests received", "After"] == 145
    assert str(at.date_input[0].value) == "2020-09-28"  # from the title row "Export of 28/09/2020"
    assert any("title row 'Export of 28/09/2020'" in c.value for c in at.caption)
    assert not any("today" in str(v) for v in at.dataframe[0].value["Rule"])


def test_old_formats_and_a_missing_status_column_are_told_in_the_staff_words(store):
    at = signed_in("pages/upload.py")
    upload(at, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512, "requests.xls")
    assert at.dataframe[0].value["Rule"].tolist() == [
        "This is an old-format Excel file (.xls); only .xlsx workbooks are accepted."]
    assert "save it as an Excel workbook (.xlsx)" in at.dataframe[0].value["How to fix"].iloc[0]
    upload(at, request_table_export(store, without_status=True), "requests.xlsx")
    report = at.dataframe[0].value
    assert report["Rule"].tolist() == ["Required column 'Status' is missing from sheet 'Sheet1'."]
    assert report["Cell"].tolist() == [""]


def test_a_load_without_a_date_is_refused_and_says_so(store):
    at = upload(signed_in("pages/upload.py"), filled_template(store))
    button(at, "Replace the data").click().run()
    assert [e.value for e in at.error] == ["Give the date of the data \\(Data as of\\) before loading\\."]
    assert store.current().version_id == 1


def test_real_activities_remove_the_demo_rows_and_the_pages_say_there_are_none(store):
    from socieux.dataset_load import publish_upload, upload_meta  # noqa: PLC0415
    from socieux.workbook.model import ValidationResult  # noqa: PLC0415
    import pandas as pd  # noqa: PLC0415

    activity = pd.DataFrame({"code": ["2016-11"], "activity_no": ["1"], "title": ["Training"], "is_fact_finding": [False],
                             "start_date": [pd.Timestamp("2017-01-10").date()], "is_synthetic": [False]})
    result = ValidationResult([], {"activity": activity})
    publish_upload(store, result, upload_meta(result, b"x", "activities.xlsx", "ana", pd.Timestamp("2020-09-28").date()))
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    for page in ("pages/expert_days.py", "pages/feedback.py"):
        at.switch_page(page).run()
        assert not at.exception, [e.value for e in at.exception]
        shown = " ".join(m.value for m in list(at.info) + list(at.warning))
        assert "no expert assignment" in shown or "No feedback response" in shown
        assert "Synthetic demo data" not in shown  # the demo rows went with the old activities
