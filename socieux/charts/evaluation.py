"""Charts of the Evaluation follow-up page: progress of the key actions per evaluation, per recommendation
and by the year their period ends (docs/definitions.md, "Evaluation follow-up")."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from socieux.charts import Chart, register
from socieux.figures import TEMPLATE_NAME, colour_of, stacked_bars, wrapped

PAGE = "Evaluation follow-up"
PROGRESS_GROUPS = ("Done", "In progress", "Not started", "Overdue", "Dropped", "No status reported")
# The page's filters: empty = the facility's own evaluations, every key action; as_of NULL = today.
SCOPE = {"as_of": None, "organisations": [], "evaluations": [], "responsibles": [], "responses": [],
         "statuses": [], "search": ""}
PROGRESS_NOTE = (
    "Each key action in one group: Done or Dropped as last stated; Overdue when its period ends before the "
    "as-of date and it is neither; else its latest stated status, or No status reported."
)


def _progress_bars(df: pd.DataFrame, *, label: str, title: str) -> go.Figure:
    """Horizontal bars, one per row of ``df``, stacked by the progress columns in their fixed colours."""
    fig = go.Figure()
    for group in PROGRESS_GROUPS:
        if group in df and df[group].sum() > 0:
            fig.add_bar(y=df[label], x=df[group], orientation="h", name=group, marker_color=colour_of(group),
                        hovertemplate=f"%{{y}}<br>{group}: %{{x}} key actions<extra></extra>")
    fig.update_yaxes(categoryorder="array", categoryarray=list(df[label])[::-1], type="category")
    fig.update_layout(barmode="stack", template=TEMPLATE_NAME, title_text=wrapped(title),
                      xaxis_title="Key actions", height=max(320, 26 * len(df) + 160))
    return fig


def progress_by_evaluation(df: pd.DataFrame, **_) -> go.Figure:
    """Key actions per evaluation, stacked by progress group."""
    wide = (df.pivot_table(index="evaluation", columns="progress", values="key_actions", aggfunc="sum",
                           sort=False, fill_value=0).reset_index())
    return _progress_bars(wide, label="evaluation", title="Key actions by progress, per evaluation")


def progress_by_recommendation(df: pd.DataFrame, **_) -> go.Figure:
    """Key actions per recommendation, stacked by progress group (recommendations without any left out)."""
    shown = df[df["Key actions"] > 0].assign(label=lambda d: d["Evaluation"] + " · " + d["Recommendation"])
    return _progress_bars(shown, label="label", title="Key actions by progress, per recommendation")


def timeline(df: pd.DataFrame, **_) -> go.Figure:
    """Key actions by the year their period ends, stacked by progress group."""
    return stacked_bars(df, x="due", y="key_actions", colour="progress",
                        title="Key actions by the year their period ends", x_title="Period ends in",
                        y_title="Key actions")


register(Chart("evaluation-progress", PAGE, "Key actions by progress, per evaluation", "evaluation_progress",
               progress_by_evaluation, options=SCOPE, source_note=PROGRESS_NOTE))
register(Chart("evaluation-recommendation-progress", PAGE, "Key actions by progress, per recommendation",
               "evaluation_recommendation_progress", progress_by_recommendation, options=SCOPE,
               source_note=PROGRESS_NOTE))
register(Chart("evaluation-timeline", PAGE, "Key actions by the year their period ends", "evaluation_timeline",
               timeline, options=SCOPE, source_note=PROGRESS_NOTE))
