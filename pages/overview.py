"""Overview: the headline KPIs and where the requests come from."""

import streamlit as st

from socieux.ui.context import active_filters
from socieux.ui.data import query
from socieux.ui.entry import require_app_entry
from socieux.ui.layout import kpi_cards, nothing_matches, page_header, show_chart

require_app_entry()

filters = active_filters()
page_header(
    "SOCIEUX+ at a glance",
    "Requests received from partner institutions, the actions they became, and the expert working "
    "days and expenditure behind them, by reporting period (September to August).",
    filters,
)

totals = query("kpi_totals", filters).iloc[0]
if totals["received"] == 0:
    nothing_matches(filters)
    st.stop()

by_period = query("kpi_by_period", filters)
kpi_cards(totals, by_period, filters, ["received", "in_processing", "implemented", "closed"])
kpi_cards(totals, by_period, filters, ["working_days", "expenditure_eur"])
st.caption(
    "Cards: the value for the requests in view; the change compares the latest reporting period in view "
    "with the one before it (absolute and %). Status-based KPIs use each request's status at the data date."
)

left, right = st.columns(2)
with left:
    show_chart("overview-period-area", filters)
with right:
    show_chart("overview-status", filters)

left, right = st.columns(2)
with left:
    show_chart("overview-region", filters)
with right:
    show_chart("overview-income-group", filters)
st.caption(
    "Income groups: World Bank classification FY2020 for most countries (one per country, not by year "
    "of receipt); a few territories are not classified."
)
