"""Logframe indicators: each indicator per reporting period, within the period and cumulative, against its target."""

import streamlit as st

from socieux.amounts import MISSING
from socieux.charts.indicators import chart_id_of
from socieux.indicators import (
    ELIGIBLE_APPROVED_FORMULA,
    NON_FEASIBLE,
    GROUPS,
    INDICATORS,
    INPUT_LABELS,
    mark_rule,
)
from socieux.ui.context import active_filters
from socieux.ui.data import arrow_of, query, shared_query
from socieux.ui.indicator_tables import availability, indicator_tables, set_words, summary
from socieux.ui.layout import nothing_matches, page_header, show_chart, synthetic_banner, table_downloads
from socieux.ui.markdown import escape_markdown


filters = active_filters()
info = page_header(
    "Logframe indicators",
    "The indicators of the facility's logframes and business-development plan, per reporting period: the "
    "value within the period, the cumulative value at its end, and the target where one is set.",
    filters,
)

if query("kpi_totals", filters).iloc[0]["received"] == 0:
    nothing_matches(filters)
    st.stop()

available = availability()
if any(a.synthetic for a in available.values()):
    synthetic_banner("Experts, assignments, feedback forms and processing-step dates")

st.markdown(
    "**How to read it.** *Within the period* counts what happened in the reporting period; *cumulative* counts "
    "everything from RP1 to the end of the period. Baselines and targets are those of the original logframe "
    "(counts set \"in 4 years\" are due by the end of RP4); *Reported* is the value the final report published. "
    "**Met**: the value reached its target (at least it for counts and shares, at most it for times). "
    "**On track**: before RP4, the value reached the share of the target due by the end of that period. "
    "**Behind**: neither. **Not assessable**: no target, no value, or statuses known only at the data date "
    "(a count of requests received by then by today's status is not the stock at the period end). A period "
    "still running at the data date is marked *so far*; a mark resting on generated data says so."
)
st.caption(
    "Click a reporting period on an indicator's chart (a bar or a point) to filter every page by that period."
)

# The "implemented" sets in the words stored with them (data/reference/status_sets.csv).
words_of_set = set_words()

# The indicator options, chosen in each indicator's section and kept in the shared link.
OPTION_KEYS = {"LF-O8": "lfo8_set", "OP1": "op1_set"}


def indicator_options(spec) -> dict:
    """The switchable choices of one indicator: its status set, the LF-O9 variant or the OP3 threshold."""
    if spec.status_sets:
        chosen = st.segmented_control(
            "Implemented means", list(spec.status_sets), format_func=words_of_set.get,
            default=spec.status_sets[0], required=True, key=OPTION_KEYS[spec.indicator_id], bind="query-params",
            help="Which statuses count as implemented. Defaults: the original logframe set for LF-O8, "
                 "the revised one for OP1.",
        )
        return {"status_set": chosen}
    if "threshold" in spec.choices:
        threshold = st.number_input(
            "Threshold: mean score of at least", min_value=1.0, max_value=5.0, value=spec.choices["threshold"],
            step=0.5, key="op3_threshold", bind="query-params", width=260,
            help="A respondent counts as reporting enhanced knowledge when the mean of Q.08 and Q.09 reaches it.",
        )
        return {"threshold": float(threshold)}
    if "exclude_non_feasible" in spec.choices:
        variant = st.toggle(
            f"Footnote variant: leave {NON_FEASIBLE} requests out too", key="eligible_variant", bind="query-params",
            help=f"Main formula: {ELIGIBLE_APPROVED_FORMULA}. The report's footnote variant also drops "
                 f"{NON_FEASIBLE} requests from both.",
        )
        return {"exclude_non_feasible": variant}
    return {}


def indicator_section(spec) -> None:
    with st.container(border=True):
        head, definition = st.columns([6, 1])
        head.markdown(f"#### {spec.indicator_id} · {spec.name}")
        # One block of paragraphs: each element is a message to the browser at every rerun.
        definition.popover("Definition", icon=":material/info:").markdown("\n\n".join([
            f"**{spec.indicator_id} · {spec.name}**",
            spec.definition,
            f"**Unit:** {spec.unit}. **Target:** {mark_rule(spec)}",
            "**Needs:** " + "; ".join(INPUT_LABELS[name] for name in spec.inputs) + ".",
        ]))
        missing = available[spec.indicator_id].missing
        if missing or not spec.query:
            st.info(
                f"**Not available from these data:** this indicator needs {'; '.join(missing)}, which the "
                "current dataset does not hold. It is left blank rather than shown as zero.",
                icon=":material/block:",
            )
            return
        options = indicator_options(spec)
        params = spec.query_params(**options)
        synthetic = available[spec.indicator_id].synthetic
        notes = []
        if synthetic:
            notes.append(":material/science: Synthetic demo data.")
        if spec.counts_statuses:
            notes.append(":material/history: Statuses at the end of each period where the status history has "
                         "them, else at the data date (see the column *Statuses counted*).")
        if not spec.filters_apply:
            notes.append("The expert roster is not tied to requests: only the period filter applies.")
        if notes:
            st.caption(" ".join(notes))
        table_area = st.container()
        chart_column, notes_column = st.columns([3, 2])
        with chart_column:
            show_chart(chart_id_of(spec), filters, **params)
        tables = indicator_tables(spec.indicator_id, filters, options)
        table = tables.table
        with table_area:
            st.dataframe(
                arrow_of(table), hide_index=True, placeholder=MISSING,
                column_config={
                    c: st.column_config.NumberColumn(format="%.0f" if c.startswith("Base") else f"%.{spec.decimals}f")
                    for c, dtype in table.dtypes.items() if dtype.kind == "f"
                },
            )
            table_downloads(table, title=f"{spec.indicator_id} {spec.name}", page="Logframe indicators",
                            filters=filters, as_of=info["as_of"], key=f"table-{spec.indicator_id}")
        if tables.difference:
            table_area.caption(f":material/compare_arrows: {escape_markdown(tables.difference)}")
        sources = tables.sources
        notes_column.markdown(f"**Target.** {mark_rule(spec)}")
        notes_column.caption(
            "Source of the targets: "
            + (" · ".join(escape_markdown(s) for s in sources) if sources else "no target set.")
        )


st.subheader("Each indicator at a glance")
latest = summary(filters)
st.dataframe(arrow_of(latest), hide_index=True, placeholder=MISSING, column_config={
    "Mark": st.column_config.TextColumn(width="medium"),
    "Reported": st.column_config.TextColumn("Reported (final report)"),
    "Name": st.column_config.TextColumn(width="large"),
    "Within the period": st.column_config.NumberColumn(format="localized"),
    "Cumulative": st.column_config.NumberColumn(format="localized"),
    "Target": st.column_config.NumberColumn(format="localized"),
})
st.caption(
    "Each indicator at the latest period in view that has a target, else the latest finished period. "
    "Default options (status sets, main LF-O9 formula); change them in each indicator's section below."
)

# Only the open tab runs (its name is kept in the shared link): a third of the page's sections per rerun.
for group, tab in zip(GROUPS, st.tabs(list(GROUPS), key="logframe", bind="query-params")):
    if not tab.open:
        continue
    with tab:
        for spec in INDICATORS:
            if spec.group == group:
                indicator_section(spec)
        if group == GROUPS[0]:
            st.markdown("#### Reported, not computed")
            st.caption(
                "The other indicators of the original logframe, as the final report publishes them: focal points, "
                "procedures and tool, communication, knowledge development, outcomes and impact need records or "
                "statistics the dashboard does not hold, so their values are the report's, not computed here."
            )
            reported_only = shared_query("logframe_reported_only", computed=[s.indicator_id for s in INDICATORS])
            st.dataframe(arrow_of(reported_only), hide_index=True, placeholder=MISSING, column_config={
                "Name": st.column_config.TextColumn(width="large"),
                "Note": st.column_config.TextColumn(width="large"),
            })
            table_downloads(reported_only, title="Logframe indicators reported, not computed",
                            page="Logframe indicators", filters=filters, as_of=info["as_of"], key="reported-only")
