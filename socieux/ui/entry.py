"""Make every page run through app.py, even when a shared link opens it directly."""

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager


def require_app_entry() -> None:
    """Rerun through app.py if Streamlit started this page on its own.

    With a ``pages/`` folder beside app.py, a fresh server treats a deep link such as
    ``/requests?region=Africa`` the legacy way and runs the page file alone, without app.py's
    navigation and filters. ``st.navigation`` ends that mode for the process; until app.py has
    run once, this switches it off and reruns, so the same URL goes through app.py.
    """
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()
