"""The sidebar filters, bound to the URL so that a copied link reopens the same view."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st
from streamlit.runtime import app_session

from socieux.filters import DIMENSIONS, FRACTIONED_HELP, FRACTIONED_KEY, Filters, echoed
from socieux.ui.data import query
from socieux.ui.markdown import escape_markdown

# Streamlit drops a whole query string of more than 1,000 parameters (or 512 KiB) and runs the page as if
# the link had none, which would show unfiltered figures; the hook below puts this marker in its place.
UNREADABLE_LINK = "unreadable_link"


def watch_for_unreadable_links() -> None:
    """Make a link the server cannot read whole arrive as ``?unreadable_link=1`` instead of as no filter."""
    original = app_session.sanitize_query_string
    if getattr(original, "marks_unreadable_links", False):
        return

    def sanitize(query_string: str) -> str:
        kept = original(query_string)
        return f"{UNREADABLE_LINK}=1" if query_string and not kept else kept

    sanitize.marks_unreadable_links = True
    app_session.sanitize_query_string = sanitize


def stop_if_link_unreadable() -> None:
    """Instead of figures for no filter at all, say the link could not be read and how to go on."""
    if UNREADABLE_LINK not in st.query_params:
        return
    st.error(
        "This link carries more filter values than the server can read (at most 1,000 parameters), so "
        "none of its filters could be applied and no figures are shown. Open the dashboard without the "
        "link's filters and choose them in the sidebar, or ask for a link with fewer values.",
        icon=":material/link_off:",
    )
    st.button("Open the dashboard without these filters", on_click=st.query_params.clear)
    st.stop()


CLICKS_KEY = "_clicked_filters"  # set by a click on a chart (socieux/ui/layout.py): [(filter key, value, chart)]


def _clear_filters() -> None:
    for dimension in DIMENSIONS:
        st.session_state[dimension.key] = []
    st.session_state.pop(FRACTIONED_KEY, None)  # back to its default (counted), without a Session State warning
    st.session_state[CLICKS_KEY] = []


def _remove_click(key: str, value: str) -> None:
    st.session_state[key] = [v for v in st.session_state.get(key, []) if v != value]
    st.session_state[CLICKS_KEY] = [c for c in st.session_state.get(CLICKS_KEY, []) if c[:2] != (key, value)]


def click_chips() -> None:
    """One removable chip per filter set by clicking a chart, while that filter still holds the value."""
    labels = {d.key: d.label for d in DIMENSIONS}
    live = [c for c in st.session_state.get(CLICKS_KEY, []) if c[1] in (st.session_state.get(c[0]) or [])]
    if not live:
        return
    st.caption("Set by a click on a chart (click a chip to remove it):")
    with st.container(horizontal=True, gap="small"):
        for key, value, chart_title in live:
            st.button(
                f"{labels.get(key, key)}: {escape_markdown(value)}", key=f"chip-{key}-{value}", icon=":material/close:",
                on_click=_remove_click, args=(key, value), help=f"Set by a click on “{chart_title}”.",
                type="secondary",
            )


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    region: str | None = None        # partner countries only: to narrow them to the chosen regions
    income_group: str | None = None  # and income groups


def offered_options(options: pd.DataFrame) -> dict[str, tuple[Option, ...]]:
    """The ``filter_options`` query's rows per dimension, in its order (read once per version: app.py)."""
    rows = options.to_dict("records")
    text = lambda value: None if value is None or value != value else str(value)  # noqa: E731 (NaN is not text)
    return {
        dimension.key: tuple(
            Option(str(row["value"]), text(row.get("label")) or str(row["value"]),
                   text(row.get("region")), text(row.get("income_group")))
            for row in rows if row["dimension"] == dimension.key
        )
        for dimension in DIMENSIONS
    }


def sidebar_options() -> dict[str, tuple[Option, ...]]:
    """What the sidebar offers for the current version (app.py reads it once per version: ``derived``)."""
    return offered_options(query("filter_options"))


def countries_in(countries: tuple[Option, ...], regions: list[str], income_groups: list[str]) -> tuple[Option, ...]:
    """The partner-country options in the chosen regions and income groups (none chosen: all of them)."""
    return tuple(c for c in countries if (not regions or c.region in regions)
                 and (not income_groups or c.income_group in income_groups))


def filter_sidebar(offered_by_key: dict[str, tuple[Option, ...]]) -> Filters:
    """Draw the global filters and return the selection (``offered_options``: what each filter offers).

    A value in the URL that the data does not know (a typo, an outdated link, a hostile string) is
    kept as a selection: it matches nothing, and the sidebar says so instead of silently showing all.
    """
    selections: dict[str, list[str]] = {}
    unknown: list[str] = []
    outside: list[str] = []
    with st.sidebar:
        st.header("Filters")
        click_chips()
        for dimension in DIMENSIONS:
            offered_rows = offered_by_key[dimension.key]
            if dimension.key == "country":  # drawn after region and income group: only their countries
                all_countries = offered_rows
                offered_rows = countries_in(offered_rows, selections["region"], selections["income_group"])
            offered = [option.value for option in offered_rows]
            labels = {option.value: option.label for option in offered_rows}
            chosen = st.multiselect(
                dimension.label,
                offered,
                format_func=lambda value, labels=labels: labels.get(value, value),
                key=dimension.key,
                bind="query-params",
                accept_new_options=True,
                placeholder="All",
                help=dimension.help,
            )
            selections[dimension.key] = chosen
            if dimension.key == "country":
                known = {option.value for option in all_countries}
                outside += [escape_markdown(v) for v in chosen if v not in offered and v in known]
                chosen_unknown = [v for v in chosen if v not in known]
            else:
                chosen_unknown = [v for v in chosen if v not in offered]
            unknown += [f"{dimension.label} “{escape_markdown(echoed(value))}”" for value in chosen_unknown]
        fractioned = st.toggle("Count Fractioned requests", value=True, key=FRACTIONED_KEY,
                               bind="query-params", help=FRACTIONED_HELP)
        if outside:
            st.warning("Not in the chosen region or income group, so no request matches: "
                       + ", ".join(outside), icon=":material/warning:")
        if unknown:
            st.warning("Not in the data, so nothing matches: " + "; ".join(unknown), icon=":material/warning:")
        st.button("Clear all filters", on_click=_clear_filters, width="stretch")
        st.caption("The address bar keeps the filters: copy the link to share this view.")
    return Filters.from_selections(selections, fractioned=fractioned)
