"""Overview: the headline KPIs and where the requests come from."""

import pandas as pd
import streamlit as st

from socieux.kpis import KPIS, flow_card, period_sum, stock_card

from socieux.ui.context import active_filters
from socieux.ui.data import query
from socieux.ui.entry import require_app_entry
from socieux.ui.layout import nothing_matches, page_header, show_cards, show_chart

require_app_entry()

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

by_period = query("kpi_by_period", filters)
stocks = query("kpi_stocks_by_period", filters)
flows = query("kpi_flows_by_period", filters)
as_of = pd.Timestamp(info["as_of"]).date()
show_cards([
    flow_card(KPIS["received"], float(totals["received"]), by_period, filters.periods),
    *(stock_card(KPIS[m], stocks, filters.periods, float(totals[m]), as_of)
      for m in ("in_processing", "implemented", "closed")),
])
unknown_money = int(totals["expenditure_unknown"])
show_cards([
    flow_card(KPIS[m], period_sum(flows, m, filters.periods) if filters.periods else float(totals[m]),
              flows, filters.periods, has_data="working_days",
              note=(f"{unknown_money} requests in scope have no expenditure recorded."
                    if m == "expenditure_eur" and unknown_money else ""))
    for m in ("working_days", "expenditure_eur")
])
st.caption(
    "Requests received, expert working days and expenditure are flows: counted within the reporting periods in "
    "view (days by the start of their activity). In processing, implemented and closed are stocks: counted at a "
    "date, the end of the latest period in view or the data date; a change compares the ends of two periods "
    "and needs a status history for both (each upload's statuses are kept as one)."
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
