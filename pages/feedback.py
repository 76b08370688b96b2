"""Feedback: what partner institutions, experts and participants said about the actions."""

import pandas as pd
import streamlit as st

from socieux.survey_figures import DENOMINATOR_RULE, MIN_ANSWERS
from socieux.ui.context import active_filters
from socieux.ui.data import query
from socieux.ui.layout import nothing_matches, page_header, show_chart, synthetic_banner
from socieux.ui.markdown import escape_markdown


filters = active_filters()
info = page_header(
    "Feedback",
    "Satisfaction of partner institutions (PIF), experts (EXF) and participants in capacity-building "
    "activities (PAF), from the feedback forms sent at the end of each action or activity.",
    filters,
)


def few_answers_warning(df: pd.DataFrame, *, label: str, count: str) -> None:
    """Name every figure with fewer than MIN_ANSWERS answers behind it."""
    few = df[df[count] < MIN_ANSWERS]
    if not few.empty:
        st.warning(
            f"Fewer than {MIN_ANSWERS} answers behind: "
            + "; ".join(f"{escape_markdown(item)} ({n})" for item, n in zip(few[label], few[count]))
            + ". Read these figures with care.",
            icon=":material/warning:",
        )


def responses(form: pd.Series, name: str) -> str:
    count = int(form["responses"])
    return f"{count:,} {name} response{'' if count == 1 else 's'}"


overview = query("survey_overview", filters).set_index("form")
if overview["synthetic_responses"].sum() > 0:  # the responses in scope, not the whole version
    synthetic_banner("Feedback responses and answers")

if overview["responses"].sum() == 0:
    if query("kpi_totals", filters).iloc[0]["received"] == 0:
        nothing_matches(filters)
    else:
        st.info(
            f"No feedback response for the requests in view ({escape_markdown(filters.describe())}). "
            "Feedback is collected for implemented actions: widen the filters in the sidebar.",
            icon=":material/search:",
        )
    st.stop()


def positive_answers_card(column, label: str, form: str, row) -> None:
    """The share of positive answers of one form (EXF, PAF), with its responses and answers counted."""
    column.metric(
        label, "n/a" if pd.isna(row["share_positive"]) else f"{row['share_positive']:.0%}",
        help=f"Completely or Partially agree, over every {form} answer on the five-point scale. " + DENOMINATOR_RULE,
        border=True,
    )
    column.caption(responses(row, form) + f", {int(row['answered'] or 0):,} answers counted")


def domain_and_question_tabs(form: str) -> None:
    """A form's positive answers by domain and per question, each flagged where it rests on few answers.

    Only the open tab runs; which one is open is kept in the shared link (``exf_view``, ``paf_view``).
    """
    tabs = st.tabs(["By domain", "Per question"], key=f"{form}_view", bind="query-params")
    for tab, view in zip(tabs, ("domains", "questions")):
        if not tab.open:
            continue
        with tab:
            few_answers_warning(show_chart(f"survey-{form}-{view}", filters), label="item", count="answered")


pif, exf, paf = overview.loc["PIF"], overview.loc["EXF"], overview.loc["PAF"]
left, middle, right = st.columns(3)
left.metric(
    "Partner institutions: mean score",
    "n/a" if pd.isna(pif["mean_score"]) else f"{pif['mean_score']:.2f} of 5",
    help="Unweighted mean of the mean scores of PIF Q.01, Q.04, Q.05, Q.06 and Q.07 (scale 1 to 5).",
    border=True,
)
left.caption(responses(pif, "PIF"))
positive_answers_card(middle, "Experts: positive answers", "EXF", exf)
positive_answers_card(right, "Participants: positive answers", "PAF", paf)
st.caption(
    "A response counts for its request (region, income group, area of work, country, stage) and in the "
    "reporting period of its activity's start, or of its submission when it names no activity. All "
    "responses count, not only those of completed actions: use the Stage filter to narrow them. The charts "
    "below do not filter on click: their bars are questions and domains of the forms, not filters of the sidebar."
)

st.subheader("Partner institutions (PIF)")
left, right = st.columns(2)
with left:
    pif_scores = show_chart("survey-pif-scores", filters)
with right:
    show_chart("survey-pif-yes", filters)
few_answers_warning(pif_scores.assign(item=pif_scores["question_code"] + " " + pif_scores["short_label"]),
                    label="item", count="answers")

st.subheader("Experts (EXF)")
domain_and_question_tabs("exf")
st.caption(DENOMINATOR_RULE + " Private experts answer Not applicable to Q.24-Q.30.")

st.subheader("Participants in capacity-building activities (PAF)")
domain_and_question_tabs("paf")
st.caption(DENOMINATOR_RULE)
