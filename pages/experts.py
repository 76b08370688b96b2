"""Experts and calls: the expert roster (Figure 30 of the final report) and the calls for experts (Figure 33)."""

import streamlit as st

from socieux.charts.experts import ROSTER_DIMENSIONS
from socieux.ui.context import active_filters
from socieux.ui.data import query
from socieux.ui.layout import page_header, show_chart, synthetic_banner


filters = active_filters()
info = page_header(
    "Experts and calls",
    "The experts registered in the roster by type, nationality, gender and area of eligibility, and the calls "
    "for experts published per reporting period with the applications they received.",
    filters, estimates_note=False,
)
roster = query("experts_registered_by_dimension", dimension="gender")
calls = query("calls_by_period", filters)
if bool(roster["is_synthetic"].any()) or bool(calls["is_synthetic"].any()):
    synthetic_banner("The expert roster, calls for experts and applications")

st.subheader("Experts registered")
st.caption("The roster is not tied to requests: the sidebar filters do not apply to it.")
st.metric("Experts registered", f"{int(roster['experts'].sum()):,}", border=True, width=260,
          help="Experts in the roster with a registration date on or before the data date (or none recorded).")
left, right = st.columns(2)
for number, dimension in enumerate(ROSTER_DIMENSIONS):
    with (left if number % 2 == 0 else right):
        show_chart(f"experts-registered-{dimension}", filters)

st.subheader("Calls for experts")
if calls.empty:
    st.info("No call for experts matches these filters (calls are recorded from May 2018). Widen the filters in "
            "the sidebar.", icon=":material/search:")
    st.stop()
columns = st.columns(3)
for column, (label, value, help_text) in zip(columns, [
    ("Calls for experts", int(calls["calls"].sum()), "Calls published for the requests in view."),
    ("Applications", int(calls["applications"].sum()), "Applications to those calls."),
    ("Applications per call", calls["applications"].sum() / calls["calls"].sum(), "All applications / all calls."),
]):
    column.metric(label, f"{value:,.1f}" if isinstance(value, float) else f"{value:,}", help=help_text, border=True)
show_chart("calls-by-period", filters)
for column, chart_id in zip(st.columns(2), ["applications-per-call-period", "applications-per-call"]):
    with column:
        show_chart(chart_id, filters)
