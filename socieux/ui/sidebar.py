"""The sidebar filters, bound to the URL so that a copied link reopens the same view."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from socieux.filters import DIMENSIONS, Filters
from socieux.ui.markdown import escape_markdown


def _clear_filters() -> None:
    for dimension in DIMENSIONS:
        st.session_state[dimension.key] = []


def filter_sidebar(options: pd.DataFrame) -> Filters:
    """Draw the global filters and return the selection.

    A value in the URL that the data does not know (a typo, an outdated link, a hostile string) is
    kept as a selection: it matches nothing, and the sidebar says so instead of silently showing all.
    """
    selections: dict[str, list[str]] = {}
    unknown: list[str] = []
    with st.sidebar:
        st.header("Filters")
        for dimension in DIMENSIONS:
            offered = options.loc[options["dimension"] == dimension.key, "value"].tolist()
            chosen = st.multiselect(
                dimension.label,
                offered,
                key=dimension.key,
                bind="query-params",
                accept_new_options=True,
                placeholder="All",
                help=dimension.help,
            )
            selections[dimension.key] = chosen
            unknown += [f"{dimension.label} “{escape_markdown(value)}”" for value in chosen if value not in offered]
        if unknown:
            st.warning("Not in the data, so nothing matches: " + "; ".join(unknown), icon="⚠️")
        st.button("Clear all filters", on_click=_clear_filters, width="stretch")
        st.caption("The address bar keeps the filters: copy the link to share this view.")
    return Filters.from_selections(selections)
