"""Overview: the headline KPIs and where the requests come from."""

import streamlit as st

from socieux import figures
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
    show_chart(
        figures.stacked_bars(
            query("requests_by_period_and_area", filters),
            x="period", y="requests", colour="area_of_work",
            title="Requests received by reporting period and area of work",
            x_title="Reporting period of receipt", y_title="Requests received",
        ), key="overview-period-area",
    )
with right:
    show_chart(
        figures.requests_by_status(query("requests_by_status", filters)), key="overview-status",
    )

left, right = st.columns(2)
with left:
    show_chart(
        figures.category_bars(
            query("requests_by_region", filters), category="region", value="requests",
            title="Requests received by region", value_title="Requests received",
        ), key="overview-region",
    )
with right:
    show_chart(
        figures.category_bars(
            query("requests_by_income_group", filters), category="income_group", value="requests",
            title="Requests received by income group of the partner country", value_title="Requests received",
        ), key="overview-income",
    )
st.caption(
    "Income groups: World Bank classification FY2020 for most countries (one per country, not by year "
    "of receipt); a few territories are not classified."
)
