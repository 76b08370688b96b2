"""SOCIEUX+ KPI dashboard: entry point, navigation and the setup every page shares."""

from pathlib import Path

import streamlit as st

from socieux.access import staff_page_for_viewers, staff_sidebar
from socieux.run_gate import page_run_gate
from socieux.ui.context import set_filters
from socieux.ui.data import derived, pin_current_version
from socieux.ui.entry import follow_deep_link
from socieux.ui.sidebar import filter_sidebar, sidebar_options, stop_if_link_unreadable, watch_for_unreadable_links

# The tab's icon is a file of the project: a Material page icon would be fetched from fonts.gstatic.com.
FAVICON = str(Path(__file__).parent / "socieux" / "ui" / "favicon.png")
st.set_page_config(page_title="SOCIEUX+ KPI dashboard", page_icon=FAVICON, layout="wide")

# url_path = the file's stem, the address Streamlit itself would give the file (a server started with plain
# `streamlit run` runs a page alone until app.py has run once: socieux/ui/entry.py, socieux/server.py).
DASHBOARD_PAGES = [
    st.Page("pages/overview.py", title="Overview", icon=":material/dashboard:", url_path="overview", default=True),
    st.Page("pages/requests.py", title="Requests", icon=":material/inbox:", url_path="requests"),
    st.Page("pages/expert_days.py", title="Expert days", icon=":material/groups:", url_path="expert_days"),
    st.Page("pages/experts.py", title="Experts and calls", icon=":material/badge:", url_path="experts"),
    st.Page("pages/feedback.py", title="Feedback", icon=":material/reviews:", url_path="feedback"),
    st.Page("pages/indicators.py", title="Logframe indicators", icon=":material/flag:", url_path="indicators"),
    st.Page("pages/processing.py", title="Processing times", icon=":material/timer:", url_path="processing"),
    st.Page("pages/evaluation.py", title="Evaluation follow-up", icon=":material/fact_check:", url_path="evaluation"),
    st.Page("pages/report_pack.py", title="Interim report pack", icon=":material/folder_zip:",
            url_path="report_pack"),
]
STAFF_PAGES = [
    st.Page("pages/upload.py", title="Load new data", icon=":material/upload_file:", url_path="upload"),
    st.Page("pages/history.py", title="Data history", icon=":material/history:", url_path="history"),
]

STAFF_PAGES_FOR_VIEWERS = [staff_page_for_viewers(page.url_path) for page in STAFF_PAGES]


# One run at a time per slot, in order of arrival, when many viewers ask at once (socieux/run_gate.py).
with page_run_gate().held():
    watch_for_unreadable_links()
    stop_if_link_unreadable()
    pin_current_version()  # one dataset version for the whole rerun, however the pointer moves meanwhile
    set_filters(filter_sidebar(derived(sidebar_options)))
    staff = staff_sidebar()  # staff pages run only for staff: a viewer at their address is told to sign in
    follow_deep_link([page.url_path for page in DASHBOARD_PAGES + STAFF_PAGES], default_path="overview")
    if staff:
        navigation = st.navigation({"Dashboard": DASHBOARD_PAGES, "Staff": STAFF_PAGES})
    else:  # one list without a heading: a heading inside the navigation's list is not a list item (WCAG 1.3.1)
        navigation = st.navigation(DASHBOARD_PAGES + STAFF_PAGES_FOR_VIEWERS)
    navigation.run()
