"""Load new data (staff): check a workbook, see what it changes, then replace the data in one step."""

import hashlib

import streamlit as st

from socieux.access import is_staff, require_staff, staff_identity
from socieux.ui.context import active_filters
from socieux.ui.entry import require_app_entry
from socieux.ui.layout import page_header
from socieux.ui.loading import (
    XLSX, LoadFailed, changes, check_workbook, current_version_id, current_version_path, issues_table, load_workbook, report_file,
    template_workbook,
)
from socieux.ui.markdown import escape_markdown

require_app_entry()
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


def replace_the_data(result, content: bytes, file_name: str, data_date, previewed_version: int) -> None:
    """Load the checked workbook; runs before the page is drawn again, so the page shows the new version."""
    if not is_staff():  # checked again on the server right before acting
        st.session_state["_load_failed"] = "Only facility staff can load data."
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
left, right = st.columns([1, 2])
as_of = left.date_input(
    "Data as of", value=None, format="DD/MM/YYYY",
    help="The date of the export. Leave empty to use the date the workbook gives.",
)
workbook = right.file_uploader(
    "Workbook (.xlsx)", type=["xlsx"], key=f"workbook-{st.session_state.get('_upload_round', 0)}",
    help="Excel 2007 or later. Save .xls or .ods files as .xlsx first (File > Save as in Excel or LibreOffice).",
)
if workbook is None:
    st.stop()

content = workbook.getvalue()
result = check_workbook(content, workbook.name, as_of, version_path)
errors, warnings = result.errors(), result.warnings()
left, right, _ = st.columns([1, 1, 2])
left.metric("Errors (block the load)", len(errors), border=True)
right.metric("Warnings (load, but check)", len(warnings), border=True)
if result.issues:
    st.dataframe(issues_table(result), hide_index=True)
    st.download_button(
        "Download this report (.xlsx)", report_file(result, workbook.name),
        f"{workbook.name.removesuffix('.xlsx')}_report.xlsx", XLSX, icon=":material/download:",
    )
if result.extra_columns:
    kept_aside = "; ".join(f"{sheet}: {', '.join(map(str, columns))}" for sheet, columns in result.extra_columns.items())
    st.caption("Columns the dashboard has no place for, kept with each row: " + escape_markdown(kept_aside))
if errors:
    st.error("Fix the errors listed above and upload the workbook again: nothing has been loaded.", icon=":material/block:")
    st.stop()

st.subheader("3. Check what changes")
upload_key = (hashlib.sha256(content).hexdigest(), workbook.name, as_of)
st.dataframe(changes(version_path, upload_key, result), hide_index=True)
st.caption(
    "Each table in the workbook replaces the current one; tables it does not carry keep their data. "
    "Statuses and countries the workbook defines are added to the definitions and kept for later uploads."
)
data_date = as_of or result.as_of
if data_date is None:
    st.warning("Give the date of the data (Data as of) above.", icon=":material/event:")
    st.stop()
st.caption(f"Data as of {data_date:%d %b %Y}; recorded as loaded by {escape_markdown(staff_identity())}.")

st.button(
    "Replace the data", type="primary", icon=":material/published_with_changes:", key="replace_data",
    on_click=replace_the_data, args=(result, content, workbook.name, data_date, current_version_id()),
)
