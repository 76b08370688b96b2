"""Expert days: the experts mobilised, where and for how long, and the expenditure per working day."""

import streamlit as st

from socieux.amounts import days_text
from socieux.charts.expert_days import DAYS_NOTE, EXPENDITURE_NOTE, MEDIAN_NOTE
from socieux.ui.context import active_filters
from socieux.ui.data import query
from socieux.ui.layout import (
    kpi_cards,
    nothing_matches,
    page_header,
    prefetch_page_charts,
    show_chart,
    show_charts_in_columns,
    show_reconciliation,
    synthetic_banner,
)
from socieux.ui.markdown import escape_markdown


filters = active_filters()
info = page_header(
    "Expert days",
    "Expert working days, assignments and experts mobilised by partner country, reporting period and "
    "expert profile, the length of missions and the expenditure per working day.",
    filters,
)

in_scope = query("expert_kpi_totals", filters, eligibilities=[], nationalities=[]).iloc[0]
if in_scope["synthetic_rows"] > 0:  # the assignments in scope, not the whole version
    synthetic_banner("Experts, assignments, expenditure lines and the activities of the actions the final report "
                     "does not list")
    st.caption(
        ":material/verified: Real records where published: the activities the final report lists for the 63 "
        "actions it summarises (Annexes G-K: dates, numbers, working days) replace generated ones; who worked on "
        "them is not published, so their assignments are generated. Activities dated after the data date are "
        "planned: their days count in the period they start in."
    )

options = query("expert_slicer_options")
left, right = st.columns(2)
eligibilities = left.multiselect(
    "Area of eligibility", options.loc[options["slicer"] == "eligibility", "value"].tolist(),
    key="eligibility", bind="query-params", accept_new_options=True, placeholder="All experts",
    help="EU: nationals of EU Member States (UK included); PC: nationals of partner countries.",
)
nationalities = right.multiselect(
    "Nationality", options.loc[options["slicer"] == "nationality", "value"].tolist(),
    key="nationality", bind="query-params", accept_new_options=True, placeholder="All nationalities",
    help="Nationality of the expert as recorded at the assignment.",
)
unknown = [v for v in eligibilities + nationalities if v not in set(options["value"])]
if unknown:
    st.warning("Not in the data, so nothing matches: " + "; ".join(f"“{escape_markdown(v)}”" for v in unknown),
               icon=":material/warning:")
slicers = {"eligibilities": eligibilities, "nationalities": nationalities}

totals = query("expert_kpi_totals", filters, **slicers).iloc[0]
if totals["assignments"] == 0:
    if query("kpi_totals", filters).iloc[0]["received"] == 0:
        nothing_matches(filters)
    else:
        st.info(
            f"The requests in view ({escape_markdown(filters.describe())}) have no expert assignment"
            + (" for the selected area of eligibility or nationality" if eligibilities or nationalities else "")
            + ". Widen the filters in the sidebar or the selection above.",
            icon=":material/search:",
        )
    st.stop()

prefetch_page_charts("Expert days", filters, **slicers)  # its 13 charts' queries side by side
kpi_cards("expert_kpi_totals", "expert_kpi_by_period", filters,
          ["expert_working_days", "assignments", "experts_mobilised", "nationalities"], has_data="assignments", **slicers)
request_days = float(query("kpi_totals", filters).iloc[0]["working_days"])
st.caption(
    "Cards: the value for the assignments in view; the change compares the latest reporting period in view "
    "with the one before it. Activities and assignments count in the reporting period of the activity's start "
    "(requests in the period of receipt). Working days recorded on the requests in view (all experts): "
    f"{days_text(request_days)}."
)
whole_requests = not eligibilities and not nationalities and not filters.periods
if whole_requests and request_days != float(totals["expert_working_days"]):
    st.warning(
        f"The assignments add up to {days_text(float(totals['expert_working_days']))} working days, the requests "
        f"in view record {days_text(request_days)}: the assignment data and the request totals disagree.",
        icon=":material/warning:",
    )

show_reconciliation(["working_days", "days_latin_america_top3"], filters=filters,
                    as_of=info["as_of"], page="Expert days")

st.subheader("Where the experts worked")
left, right = st.columns([2, 3])
with left:
    show_chart("expert-days-country-bars", filters, **slicers)
with right:
    show_chart("expert-days-country-map", filters, **slicers)

st.subheader("When, and on what")
show_chart("expert-days-period", filters, **slicers)
show_charts_in_columns(["expert-days-area", "expert-days-region", "expert-days-income-group"], filters, **slicers)
st.caption(DAYS_NOTE)

st.subheader("Who was mobilised")
show_charts_in_columns(["expert-days-type", "expert-days-nationality"], filters, **slicers)
show_charts_in_columns(["expert-days-gender", "expert-days-eligibility"], filters, **slicers)
st.caption("Expert attributes (type, gender, area of eligibility, nationality) as recorded at the assignment.")

st.subheader("Length of missions")
show_chart("expert-days-median", filters, **slicers)
st.caption(MEDIAN_NOTE)

st.subheader("Expenditure per expert working day")
show_charts_in_columns(["expert-expenditure-per-day-period", "expert-expenditure-per-day-region"], filters,
                       **slicers)
st.caption(EXPENDITURE_NOTE)
