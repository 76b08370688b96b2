"""Processing times: weeks from receipt to each processing step, against the target, and the requests still open."""

import streamlit as st

from socieux.amounts import MISSING
from socieux.indicator_figures import TARGET_LINE_NOTE
from socieux.indicators import ON_TRACK
from socieux.processing_times import latest_decision, open_requests_words
from socieux.ui.context import active_filters
from socieux.ui.data import first_rows, query
from socieux.ui.layout import nothing_matches, page_header, show_chart, synthetic_banner, table_downloads


TABLE_ROWS = 1000  # requests in processing shown on the page; the downloads hold all of them

filters = active_filters()
info = page_header(
    "Processing times",
    "How long requests take from receipt to the decision (approval or rejection) and to each processing "
    "step, by cohort of receipt, area of work and region, and the requests still in processing.",
    filters,
)

if query("kpi_totals", filters).iloc[0]["received"] == 0:
    nothing_matches(filters)
    st.stop()

inputs = query("indicator_inputs").set_index("input")
milestones, synthetic_milestones = (int(inputs.loc["milestones", c]) for c in ("rows", "synthetic_rows"))
if synthetic_milestones:
    synthetic_banner("Processing-step dates (milestones)")

st.markdown(
    "**How weeks are counted.** Every duration starts at the request's *received* processing step. Where "
    "that step is not recorded, it starts at the date of receipt, unless that date is an estimate (as for "
    "the bundled requests, whose dates were spread evenly within their reporting period): such requests are "
    "left out of every duration rather than timed from a guessed date. *Approval* is the approval of the "
    "action form (AAF); for requests received from RP4 on, after the AAF was abolished, the DG DEVCO "
    "non-objection counts where no approval is recorded. *Rejection* is the entry into a rejected status. "
    "Medians are measured at the data date; requests not yet decided are not in them."
)
if synthetic_milestones:
    st.caption(
        ":material/science: In this dataset the processing-step dates, the *received* step included, are "
        "synthetic demo data: each request has a generated receipt step of its own (a few days after the "
        "estimated date of the request list), so every duration here starts at a labelled synthetic date and "
        "none at an estimated one. Loading the facility's milestones replaces them."
    )

if milestones == 0:
    st.info(
        "**No processing-step dates in this dataset.** Median times need the dates of the processing steps "
        "(received, eligibility check, ... approval or rejection); they are left blank rather than guessed.",
        icon=":material/block:",
    )
else:
    cohort_mode = st.segmented_control(
        "Cohorts of receipt", ["cumulative", "period"],
        format_func={"cumulative": "Cumulative (RP1, RP1-RP2, ...)", "period": "Each reporting period"}.get,
        default="cumulative", required=True, key="cohorts", bind="query-params",
        help="Cumulative cohorts follow the final report: all requests received from RP1 to the period.",
    )
    st.caption(
        "Click a bar to filter every page by it: with *Each reporting period*, a cohort's bar sets the reporting "
        "period; a bar by area of work or region sets that filter. Cumulative cohorts (each spans several "
        "periods), the spread of weeks and the processing steps do not filter on click."
    )
    by_cohort = show_chart("processing-decision-cohort", filters, cohort_mode=cohort_mode)
    last = latest_decision(by_cohort)
    if last is None:
        st.info("No request in view has a recorded decision with a usable receipt date.", icon=":material/block:")
    else:
        columns = st.columns(3)
        columns[0].metric(
            f"Median weeks to decision, {last.cohort}", f"{last.median_weeks:.1f}",
            help="Median weeks from receipt to approval or rejection, requests of the cohort with a decision.",
            border=True,
        )
        columns[1].metric("Requests decided in the cohort", f"{last.requests}", border=True)
        columns[2].metric(
            "Target (LF-O6)", f"{last.target_weeks:g} weeks" if last.mark else "no target set",
            delta=last.mark, delta_color="normal" if last.mark == ON_TRACK else "inverse", delta_arrow="off",
            help="On track when the median is at most the target: receipt to approval or rejection.",
            border=True,
        )
        if last.mark:
            st.caption(TARGET_LINE_NOTE.format(weeks=last.target_weeks) + ": the dashed line on the charts.")

    st.subheader("By area of work and region")
    dimension = st.segmented_control(
        "Split by", ["area", "region"], format_func={"area": "Area of work", "region": "Region"}.get,
        default="area", required=True, key="processing_split", bind="query-params",
    )
    left, right = st.columns(2)
    with left:
        show_chart("processing-decision-group", filters, dimension=dimension)
    with right:
        show_chart("processing-decision-spread", filters)

    st.subheader("Each processing step")
    steps = show_chart("processing-step-medians", filters, cohort_mode=cohort_mode)
    st.dataframe(
        steps[["cohort", "step_label", "median_weeks", "requests"]].rename(columns={
            "cohort": "Cohort of receipt", "step_label": "Processing step",
            "median_weeks": "Median weeks since receipt", "requests": "Requests that reached the step",
        }),
        hide_index=True, placeholder=MISSING,
        column_config={"Median weeks since receipt": st.column_config.NumberColumn(format="%.1f")},
    )

st.subheader("Requests and actions in processing")
open_requests, in_processing, every_open_request = first_rows("processing_open_requests", filters, shown=TABLE_ROWS)
counted = open_requests_words(in_processing, len(open_requests))
st.caption(
    f"{counted} Age: weeks from receipt to the data date (no age where only an estimated receipt date "
    "exists). Current step: the latest processing step reached."
)
st.dataframe(
    open_requests, hide_index=True, placeholder=MISSING,
    column_config={
        "Age (weeks)": st.column_config.NumberColumn(format="%.1f"),
        "Received": st.column_config.DateColumn(format="DD MMM YYYY"),
        "Step reached on": st.column_config.DateColumn(format="DD MMM YYYY"),
    },
)
table_downloads(
    every_open_request, title="Requests in processing", page="Processing times", filters=filters, as_of=info["as_of"],
    key="open-requests",
)
