"""Load new data (staff): check a workbook, see what it changes, then replace the data in one step."""

import hashlib

import streamlit as st

from socieux.access import is_staff, require_staff, staff_identity
from socieux.amounts import MISSING
from socieux.run_gate import page_run_gate
from socieux.ui.context import active_filters
from socieux.ui.layout import page_header
from socieux.ui.loading import (
    XLSX, LoadFailed, changes, check_workbook, current_version_id, current_version_path, demo_rows_plan,
    issue_column_config, issues_table, load_workbook, report_file, show_comparison, template_workbook,
)
from socieux.ui.markdown import escape_markdown

require_staff()

filters = active_filters()
page_header(
    "Load new data",
    "Replace the dashboard's data with an export of the Programme Management Tool: fill in the template, "
    "check the workbook, look at what changes, then load it. Every page shows the new data at once; "
    "earlier versions stay available under **Data history**.",
    filters,
    estimates_note=False,
)


def replace_the_data(result, content: bytes, file_name: str, date_key: str, previewed_version: int) -> None:
    """Load the checked workbook; runs before the page is drawn again, so the page shows the new version.

    The date is read from the form as submitted, so a date typed and not yet confirmed still counts; the load
    is checked against the version the preview was computed on.
    """
    if not is_staff():  # checked again on the server right before acting
        st.session_state["_load_failed"] = "Only facility staff can load data."
        return
    data_date = st.session_state.get(date_key)
    if data_date is None:
        st.session_state["_load_failed"] = "Give the date of the data (Data as of) before loading."
        return
    try:
        version = load_workbook(result, content, file_name, data_date, staff_identity(), previewed_version)
    except LoadFailed as failure:
        st.session_state["_load_failed"] = f"Nothing was loaded: {failure}"
        return
    st.session_state["_loaded_version"] = version.version_id
    st.session_state["_upload_round"] = st.session_state.get("_upload_round", 0) + 1


failed = st.session_state.pop("_load_failed", None)
if failed:
    st.error(escape_markdown(failed), icon=":material/block:")
loaded = st.session_state.pop("_loaded_version", None)
if loaded:
    st.success(f"Loaded as version {loaded}: every page now shows the new data.", icon=":material/check_circle:")
    st.page_link("pages/overview.py", label="Open the overview", icon=":material/dashboard:")

version_path = current_version_path()

st.subheader("1. Fill in the template")
st.download_button(
    "Download the template (.xlsx)", template_workbook(version_path), "socieux_import_template.xlsx", XLSX,
    icon=":material/download:",
)

st.subheader("2. Check the workbook")
# .xls and .ods are let through the widget so that the check can say how to save them as .xlsx.
workbook = st.file_uploader(
    "Workbook (.xlsx)", type=["xlsx", "xls", "ods"], key=f"workbook-{st.session_state.get('_upload_round', 0)}",
    help="Excel 2007 or later. Save .xls or .ods files as .xlsx first (File > Save as in Excel or LibreOffice).",
)
if workbook is None:
    st.stop()

content = workbook.getvalue()
with page_run_gate().outside():  # a large workbook takes seconds to check: viewers do not wait for it
    result = check_workbook(content, workbook.name, None, version_path)
errors, warnings = result.errors(), result.warnings()
left, right, _ = st.columns([1, 1, 2])
left.metric("Errors (block the load)", len(errors), border=True)
right.metric("Warnings (load, but check)", len(warnings), border=True)
if result.issues:
    st.caption("In the order of the workbook: sheet, then row. **Cell** is where to look in Excel.")
    st.dataframe(issues_table(result), hide_index=True, placeholder=MISSING, column_config=issue_column_config())
    st.download_button(
        "Download this report (.xlsx)", report_file(result, workbook.name),
        f"{workbook.name.rsplit('.', 1)[0]}_report.xlsx", XLSX, icon=":material/download:",
    )
if result.extra_columns:
    kept_aside = "; ".join(f"{sheet}: {', '.join(map(str, columns))}" for sheet, columns in result.extra_columns.items())
    st.caption("Columns the dashboard has no place for, kept with each row: " + escape_markdown(kept_aside))
if errors:
    st.error("Fix the errors listed above and upload the workbook again: nothing has been loaded.", icon=":material/block:")
    st.stop()

st.subheader("3. Check what changes")
upload_key = (hashlib.sha256(content).hexdigest(), workbook.name)
with page_run_gate().outside():
    changed = changes(version_path, upload_key, result)
show_comparison(
    changed, f"Changes of {workbook.name} against the current data", "upload_changes",
    "No change: the workbook holds the same data as the dashboard now.",
)
st.caption(
    "Each table in the workbook replaces the current one; a column the workbook does not carry keeps its current "
    "value for a request already loaded. Statuses and countries the workbook defines are added and kept for later "
    "uploads; the statuses of the upload are kept as a snapshot at its data date."
)
demo_note = demo_rows_plan(version_path, upload_key, result)
if demo_note:
    st.info(demo_note, icon=":material/science:")

st.subheader("4. Load")
date_key = f"load_as_of-{upload_key[0][:16]}"  # a new workbook brings its own date
with st.form("load_form", border=False):
    # The button sits beside the date, so the date picker opening below it never covers the button.
    date_column, button_column, _ = st.columns([1, 1, 2], vertical_alignment="bottom")
    date_column.date_input(
        "Data as of", value=result.as_of, format="DD/MM/YYYY", key=date_key,
        help="The date of the export; filled in from the workbook when it gives one.",
    )
    button_column.form_submit_button(
        "Replace the data", type="primary", icon=":material/published_with_changes:",
        on_click=replace_the_data, args=(result, content, workbook.name, date_key, current_version_id()),
    )
    if result.as_of and result.as_of_source:
        st.caption(f"Date read from {escape_markdown(result.as_of_source)}.")
    st.caption(f"Recorded as loaded by {escape_markdown(staff_identity())}.")
