"""Data history (staff): every version loaded, who loaded it from which file, rollback and deleting old versions."""

import streamlit as st

from socieux.access import is_staff, require_staff, staff_identity
from socieux.amounts import MISSING
from socieux.dataset_load import UploadRefused
from socieux.ui.context import active_filters
from socieux.ui.layout import page_header, table_downloads
from socieux.ui.loading import current_version_id, show_comparison, version_changes
from socieux.ui.markdown import escape_markdown
from socieux.ui.versions import (
    deletable,
    delete,
    history,
    keep_newest,
    restorable,
    restore,
    version_labels,
    version_path,
)

require_staff()

filters = active_filters()
info = page_header(
    "Data history",
    "Every dataset version, newest first: when and by whom it was loaded, from which file (with its "
    "SHA-256 fingerprint), the date of its data and how many rows it holds. Any version can be made "
    "current again; old versions can be deleted, never the current one nor the newest ones.",
    filters,
    estimates_note=False,
)


def restore_the_version(version_id: int, confirmed_against: int) -> None:
    """Make the chosen version current; runs before the page is drawn again, so the page shows it."""
    if not is_staff():  # checked again on the server right before acting
        st.session_state["_restore_refused"] = "Only facility staff can restore a version."
        return
    try:
        restore(version_id, staff_identity(), confirmed_against)
    except KeyError:
        st.session_state["_restore_refused"] = f"There is no version {version_id} any more."
        return
    except UploadRefused as refused:
        st.session_state["_restore_refused"] = f"Nothing was restored: {refused}"
        return
    st.session_state["_restored_version"] = version_id
    st.session_state["restore_confirm"] = False


def delete_the_version(version_id: int) -> None:
    """Delete the chosen old version; runs before the page is drawn again, so the history shows it."""
    if not is_staff():  # checked again on the server right before acting
        st.session_state["_restore_refused"] = "Only facility staff can delete a version."
        return
    try:
        delete(version_id, staff_identity())
    except UploadRefused as refused:
        st.session_state["_restore_refused"] = str(refused)
        return
    st.session_state["_deleted_version"] = version_id
    st.session_state["delete_confirm"] = False


refused = st.session_state.pop("_restore_refused", None)
if refused:
    st.error(escape_markdown(refused), icon=":material/lock:")
restored = st.session_state.pop("_restored_version", None)
if restored:
    st.success(f"Version {restored} is current again: every page now shows it.", icon=":material/check_circle:")
deleted = st.session_state.pop("_deleted_version", None)
if deleted:
    st.success(f"Version {deleted} was deleted; the history keeps the record.", icon=":material/check_circle:")

events = history()
st.dataframe(
    events, hide_index=True, placeholder=MISSING,
    column_config={
        "When": st.column_config.DatetimeColumn(format="DD MMM YYYY HH:mm"),
        "Data as of": st.column_config.DateColumn(format="DD MMM YYYY"),
        "Current": st.column_config.CheckboxColumn(help="The version every page shows now"),
    },
)
table_downloads(events, title="Data history", page="Data history", filters=filters, as_of=info["as_of"], key="history")

labels = version_labels(events)

st.subheader("Compare two versions")
versions = sorted(labels, reverse=True)
if len(versions) < 2:
    st.info("There is only one version: nothing to compare yet.")
else:
    left, right = st.columns(2)
    newer = left.selectbox("Newer version", versions, format_func=labels.get, key="compare_newer")
    older = right.selectbox("Compared with", [v for v in versions if v != newer], format_func=labels.get,
                            key="compare_older")
    show_comparison(
        version_changes(version_path(older), version_path(newer)), f"Changes from version {older} to version {newer}",
        f"changes_v{older}_v{newer}", f"No change: versions {older} and {newer} hold the same data.",
    )

st.subheader("Restore an earlier version")
candidates = restorable(events)
if not candidates:
    st.info("There is no other version to restore.")
else:
    choice = st.selectbox("Version", candidates, format_func=labels.get, key="restore_choice")
    confirmed = st.checkbox(f"Yes, make version {choice} current: every page will show its data.", key="restore_confirm")
    st.button(
        "Restore", type="primary", disabled=not confirmed, icon=":material/history:", key="restore",
        on_click=restore_the_version, args=(choice, current_version_id()),
    )

st.subheader("Delete old versions")
old = deletable()
if not old:
    st.info(f"No version can be deleted: the current version and the newest {keep_newest()} are always kept.")
    st.stop()
doomed = st.selectbox("Version to delete", old, format_func=labels.get, key="delete_choice")
sure = st.checkbox(f"Yes, delete version {doomed} for good: it can no longer be restored.", key="delete_confirm")
st.caption(f"The current version and the newest {keep_newest()} are always kept.")
st.button(
    "Delete", disabled=not sure, icon=":material/delete:", key="delete", on_click=delete_the_version, args=(doomed,),
)
