"""Charts of the Evaluation follow-up page: progress of the key actions per evaluation, per recommendation
and by the year their period ends (docs/definitions.md, "Evaluation follow-up")."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from socieux.charts.catalogue import Chart, register
from socieux.figures import colour_of, figure, titled
from socieux.hovers import hovers

PAGE = "Evaluation follow-up"
PROGRESS_GROUPS = ("Done", "In progress", "Not started", "Overdue", "Dropped", "No status reported")
# The page's filters: empty = the facility's own evaluations, every key action; as_of NULL = today.
SCOPE = {"as_of": None, "organisations": [], "evaluations": [], "responsibles": [], "responses": [],
         "statuses": [], "search": ""}
PROGRESS_NOTE = (
    "Each key action in one group: Done or Dropped as last stated; Overdue when its period ends before the "
    "as-of date and it is neither; else its latest stated status, or No status reported."
)


def _progress_bars(df: pd.DataFrame, *, label: str, title: str, horizontal: bool = True,
                   label_title: str | None = None) -> go.Figure:
    """Bars, one per row of ``df``, stacked by the progress columns; every group in the legend, in its colour."""
    # each bar's key actions, every one in exactly one group: the share of a part is of its bar
    bar_total = df[[group for group in PROGRESS_GROUPS if group in df]].sum(axis=1)
    traces = []
    for group in PROGRESS_GROUPS:
        values = df[group] if group in df else pd.Series(0, index=df.index)
        axes = {"y": df[label], "x": values, "orientation": "h"} if horizontal else {"x": df[label], "y": values}
        traces.append({"type": "bar", **axes, "name": group, "marker": {"color": colour_of(group)},
                       **hovers(df[label], values, "key actions", series=group,
                                shares=values / bar_total.where(bar_total > 0), share_of="the bar's key actions")})
    order = list(df[label])
    if horizontal:
        layout = {"yaxis": {"categoryorder": "array", "categoryarray": order[::-1], "type": "category"},
                  "height": max(320, 26 * len(df) + 160)}
        axis_titles = ("Key actions", label_title)
    else:
        layout = {"xaxis": {"categoryorder": "array", "categoryarray": order, "type": "category"}}
        axis_titles = (label_title, "Key actions")
    return figure(traces, titled(title, *axis_titles, barmode="stack", **layout))


def _wide(df: pd.DataFrame, label: str) -> pd.DataFrame:
    """One row per ``label``, one column of key actions per progress group (in the query's row order)."""
    if df.empty:
        return pd.DataFrame({label: []})
    return df.pivot_table(index=label, columns="progress", values="key_actions", aggfunc="sum", sort=False,
                          fill_value=0).reset_index()


def progress_by_evaluation(df: pd.DataFrame, **_) -> go.Figure:
    """Key actions per evaluation, stacked by progress group."""
    return _progress_bars(_wide(df, "evaluation"), label="evaluation",
                          title="Key actions by progress, per evaluation")


def progress_by_recommendation(df: pd.DataFrame, **_) -> go.Figure:
    """Key actions per recommendation, stacked by progress group (recommendations without any left out)."""
    shown = df[df["Key actions"] > 0].assign(label=lambda d: d["Evaluation"] + " · " + d["Recommendation"])
    return _progress_bars(shown, label="label", title="Key actions by progress, per recommendation")


def timeline(df: pd.DataFrame, **_) -> go.Figure:
    """Key actions by the year their period ends, stacked by progress group."""
    return _progress_bars(_wide(df, "due"), label="due", horizontal=False, label_title="Period ends in",
                          title="Key actions by the year their period ends")


register(Chart("evaluation-progress", PAGE, "Key actions by progress, per evaluation", "evaluation_progress",
               progress_by_evaluation, options=SCOPE, source_note=PROGRESS_NOTE))
register(Chart("evaluation-recommendation-progress", PAGE, "Key actions by progress, per recommendation",
               "evaluation_recommendation_progress", progress_by_recommendation, options=SCOPE,
               source_note=PROGRESS_NOTE))
register(Chart("evaluation-timeline", PAGE, "Key actions by the year their period ends", "evaluation_timeline",
               timeline, options=SCOPE, source_note=PROGRESS_NOTE))
