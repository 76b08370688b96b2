"""What app.py sets up once per rerun and every page reads: the active filters."""

import streamlit as st

from socieux.filters import Filters

_FILTERS_KEY = "_active_filters"


def set_filters(filters: Filters) -> None:
    st.session_state[_FILTERS_KEY] = filters


def active_filters() -> Filters:
    """The sidebar selection of this rerun (no filter if a page runs on its own)."""
    return st.session_state.get(_FILTERS_KEY, Filters())
