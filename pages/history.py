"""Data history (staff): every version loaded, who loaded it from which file, and rollback."""

import streamlit as st

from socieux.access import is_staff, require_staff, staff_identity
from socieux.ui.context import active_filters
from socieux.ui.entry import require_app_entry
from socieux.ui.layout import page_header
from socieux.ui.loading import show_comparison, version_changes
from socieux.ui.versions import history, restore, version_path

require_app_entry()
require_staff()

filters = active_filters()
page_header(
    "Data history",
    "Every dataset version, newest first: when and by whom it was loaded, from which file (with its "
    "SHA-256 fingerprint), the date of its data and how many rows it holds. Any version can be made "
    "current again; nothing is ever deleted.",
    filters,
    estimates_note=False,
)


def restore_the_version(version_id: int) -> None:
    """Make the chosen version current; runs before the page is drawn again, so the page shows it."""
    if not is_staff():  # checked again on the server right before acting
        st.session_state["_restore_refused"] = "Only facility staff can restore a version."
        return
    try:
        restore(version_id, staff_identity())
    except KeyError:
        st.session_state["_restore_refused"] = f"There is no version {version_id} any more."
        return
    st.session_state["_restored_version"] = version_id
    st.session_state["restore_confirm"] = False


refused = st.session_state.pop("_restore_refused", None)
if refused:
    st.error(refused, icon=":material/lock:")
restored = st.session_state.pop("_restored_version", None)
if restored:
    st.success(f"Version {restored} is current again: every page now shows it.", icon=":material/check_circle:")

events = history()
st.dataframe(
    events, hide_index=True,
    column_config={
        "When": st.column_config.DatetimeColumn(format="DD MMM YYYY HH:mm"),
        "Data as of": st.column_config.DateColumn(format="DD MMM YYYY"),
        "Current": st.column_config.CheckboxColumn(help="The version every page shows now"),
    },
)

loads = events[events["Event"] == "Loaded"]
labels = {
    int(row["Version"]): f"Version {int(row['Version'])}: {row['File'] or 'no file'}, data as of {row['Data as of']}, "
    f"loaded by {row['Who']}"
    for _, row in loads.iterrows()
}

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
candidates = loads.loc[~loads["Current"].astype(bool), "Version"].astype(int).tolist()
if not candidates:
    st.info("There is no other version to restore.")
    st.stop()
choice = st.selectbox("Version", candidates, format_func=labels.get, key="restore_choice")
confirmed = st.checkbox(f"Yes, make version {choice} current: every page will show its data.", key="restore_confirm")
st.button(
    "Restore", type="primary", disabled=not confirmed, icon=":material/history:", key="restore",
    on_click=restore_the_version, args=(choice,),
)
