"""SOCIEUX+ KPI dashboard: entry point, navigation and the setup every page shares."""

import streamlit as st

from socieux.ui.context import set_filters
from socieux.ui.data import query
from socieux.ui.sidebar import filter_sidebar

st.set_page_config(page_title="SOCIEUX+ KPI dashboard", page_icon=":material/monitoring:", layout="wide")

set_filters(filter_sidebar(query("filter_options")))

navigation = st.navigation(
    {
        "Dashboard": [
            st.Page("pages/overview.py", title="Overview", icon=":material/dashboard:", url_path="overview", default=True),
            st.Page("pages/requests.py", title="Requests", icon=":material/inbox:", url_path="requests"),
        ],
    }
)
navigation.run()
