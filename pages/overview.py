"""Overview: the headline KPIs and where the requests come from."""

import pandas as pd
import streamlit as st

from socieux.amounts import MISSING
from socieux.ui.context import active_filters
from socieux.ui.data import query
from socieux.ui.layout import (
    OVERVIEW_FIGURES,
    nothing_matches,
    overview_metrics,
    page_header,
    show_chart,
    show_metrics,
    show_reconciliation,
)


filters = active_filters()
info = page_header(
    "SOCIEUX+ at a glance",
    "Requests received from partner institutions, the actions they became, and the expert working "
    "days and expenditure behind them, by reporting period (September to August).",
    filters,
)

totals = query("kpi_totals", filters).iloc[0]
if totals["received"] == 0:
    nothing_matches(filters)
    st.stop()

cards = overview_metrics(filters, pd.Timestamp(info["as_of"]).date())
show_metrics(cards[:4])
show_metrics(cards[4:])
st.caption(
    "Requests received, expert working days and expenditure are flows: counted within the reporting periods in "
    "view (days by the start of their activity). In processing, implemented and closed are stocks: counted at a "
    "date, the end of the latest period in view or the data date; a change compares the ends of two periods "
    "and needs a status history for both (each upload's statuses are kept as one)."
)
show_reconciliation(OVERVIEW_FIGURES, filters=filters, as_of=info["as_of"], page="Overview")

left, right = st.columns(2)
with left:
    show_chart("overview-period-area", filters)
with right:
    show_chart("overview-status", filters)
    by_set = query("requests_by_status_set", filters).drop(columns="set_name")
    st.caption("The same requests by the status sets the KPIs use (status at the data date):")
    st.dataframe(by_set, hide_index=True, placeholder=MISSING, column_config={
        "Statuses": st.column_config.TextColumn(width="large"),
        "Share of the requests in view": st.column_config.NumberColumn(format="percent"),
    })

left, right = st.columns(2)
with left:
    show_chart("overview-region", filters)
with right:
    show_chart("overview-income-group", filters)
st.caption(
    "Income groups: World Bank classification FY2020 for most countries (one per country, not by year "
    "of receipt); a few territories are not classified."
)
