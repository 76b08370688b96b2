"""Requests: where requests come from, what they are about, and the list itself."""

import streamlit as st

from socieux.amounts import MISSING
from socieux.charts.requests import DIMENSION_LABELS
from socieux.classification_tables import TYPE_LEVELS, TYPE_SCOPES, field_table, sdg_table
from socieux.ui.context import active_filters
from socieux.ui.data import first_rows, query
from socieux.ui.layout import nothing_matches, page_header, show_chart, synthetic_banner, table_downloads


TABLE_ROWS = 1000  # rows of the request list shown on the page; the downloads hold every matching request
# The orders of the list ($sort of queries/requests/request_list.sql), in words.
LIST_ORDERS = {"code": "Code", "received": "Date of receipt", "country": "Country", "status": "Status",
               "working_days": "Working days (most first)", "expenditure": "Expenditure (most first)"}

filters = active_filters()
info = page_header(
    "Requests and actions",
    "Requests received by reporting period and partner country, their cross-cutting relevance, and "
    "the full list with status and stage.",
    filters,
)

if query("kpi_totals", filters).iloc[0]["received"] == 0:
    nothing_matches(filters)
    st.stop()

st.subheader("By reporting period")
left, right = st.columns([3, 2])
dimension = left.segmented_control(
    "Split by", list(DIMENSION_LABELS), format_func=DIMENSION_LABELS.get, default="area",
    required=True, key="split", bind="query-params",
)
measure = right.segmented_control(
    "Show", ["count", "share"], format_func={"count": "Number of requests", "share": "Share of the period"}.get,
    default="count", required=True, key="show", bind="query-params",
)
show_chart("requests-period-dimension", filters, dimension=dimension, show=measure)

st.subheader("By partner country")
left, right = st.columns([2, 3])
with left:
    show_chart("requests-country-bars", filters)
with right:
    show_chart("requests-country-map", filters)

st.subheader("Fields of intervention")
st.caption(
    "As published in the final report (Tables 6 and 7, ILO taxonomy): the report lists only fields with more "
    "than two (Social Protection) or three (Labour & Employment) requests, so small fields are missing. A request "
    "with several fields counts once per field; requests without a published field are shown as "
    "**not classified in the report**. Click a sector to drill down and filter every page by it."
)
fields = show_chart("requests-fields", filters)
st.dataframe(field_table(fields), hide_index=True, placeholder=MISSING)

st.subheader("Types of assistance")
left, right = st.columns([3, 2])
level = left.segmented_control(
    "Level", list(TYPE_LEVELS), format_func=TYPE_LEVELS.get, default="2", required=True, key="type_level",
    bind="query-params",
)
counted = right.segmented_control(
    "Count", list(TYPE_SCOPES), format_func=TYPE_SCOPES.get, default="received", required=True,
    key="type_scope", bind="query-params",
)
synthetic_banner("Types of assistance other than the 63 published in the report (hatched bars)")
show_chart("requests-type-of-assistance", filters, type_level=int(level), status_set=counted)

st.subheader("Sustainable Development Goals")
if query("requests_by_sdg", filters).empty:
    st.caption("No SDG is recorded on the requests in view; the report's own breakdown is shown as published.")
else:
    show_chart("requests-sdg", filters)
st.caption("**As published** in the final report (Table 12): the sidebar filters do not apply.")
published = show_chart("requests-sdg-published", filters)
st.dataframe(sdg_table(published), hide_index=True, placeholder=MISSING, column_config={
    "Share of requests": st.column_config.NumberColumn(format="%.1f%%")})

st.subheader("Gender and disability relevance")
cross_cutting = query("cross_cutting_by_period", filters)
columns = st.columns(3)
total = int(cross_cutting["requests"].sum())
for column, (field, label) in zip(columns, [
    ("gender_relevant", "Gender relevant"),
    ("disability_relevant", "Disability inclusive"),
    ("both_relevant", "Both"),
]):
    count = int(cross_cutting[field].sum())
    column.metric(label, f"{count}", help=f"Requests marked '{label}' in the request list: {count} of {total} "
                  f"({100 * count / total:.0f}%).", border=True)
st.dataframe(
    cross_cutting.drop(columns="rp_order").rename(columns={
        "period": "Reporting period", "requests": "Requests received", "gender_relevant": "Gender relevant",
        "disability_relevant": "Disability inclusive", "both_relevant": "Both",
    }),
    hide_index=True, placeholder=MISSING,
)

st.subheader("List of requests")
search = st.text_input(
    "Search", key="search", placeholder="Code, country, institution or words of the title",
    help="Plain text, not case sensitive; matches any part of the code, country, partner institution or title.",
)
sort = st.selectbox("Sort by", list(LIST_ORDERS), format_func=LIST_ORDERS.get, key="sort",
                    help="The order of the list and of its downloads.")
request_list, matching, every_request = first_rows("request_list", filters, shown=TABLE_ROWS, search=search or "",
                                                   sort=sort)
order = LIST_ORDERS[sort].lower()
if matching > len(request_list):
    st.caption(f"{matching:,} requests match; the first {len(request_list):,} by {order} are shown. "
               f"The downloads contain all {matching:,}.")
else:
    st.caption(f"{matching:,} request{'' if matching == 1 else 's'} shown.")
st.dataframe(
    request_list, hide_index=True, placeholder=MISSING,
    column_config={
        "Working days": st.column_config.NumberColumn(format="%.1f"),
        "Expenditure (EUR)": st.column_config.NumberColumn(format="€%.2f", help="Empty = not recorded"),
    },
)
listed_as = " · ".join([*([f"Search: {search}"] if search else []), f"Sorted by {order}"])
table_downloads(
    every_request, title="List of requests", page="Requests", filters=filters, as_of=info["as_of"], key="request-list",
    shown_as=listed_as, row_count=matching,
)
