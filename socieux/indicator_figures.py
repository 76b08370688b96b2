"""Figure functions of the logframe indicators and processing times: DataFrame in, Plotly figure out."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from socieux.amounts import count_text, number_text, weeks_text
from socieux.figures import BLUE, GREEN, OLIVE, ORANGE, PURPLE, SKY, VERMILLION, colour_of, figure, finish, titled
from socieux.hovers import hovers

# The app's one palette (socieux/figures.py): each series keeps its colour on every chart.
WITHIN_COLOUR = SKY
CUMULATIVE_COLOUR = BLUE
TARGET_COLOUR = "#222222"
MEASURE_COLOURS = {
    "Receipt to approval or rejection": BLUE,
    "Receipt to approval": GREEN,
    "Receipt to rejection": VERMILLION,
}
DECISION_COLOURS = {"Approved": GREEN, "Rejected": VERMILLION}
TARGET_LINE_NOTE = "Target: {weeks:g} weeks (receipt to approval or rejection)"


def indicator_vs_target(
    df: pd.DataFrame, *, title: str, unit: str, target_basis: str = "cumulative", decimals: int = 0
) -> go.Figure:
    """Value within each period (bars), cumulative value (line) and the target (markers) per reporting period."""
    def hover(rows: pd.DataFrame, column: str, series: str) -> dict:
        return hovers(rows["period"], rows[column], unit, series=series, decimals=decimals)

    traces = [
        {"type": "bar", "x": df["period"], "y": df["within_value"], "name": "Within the period",
         "marker": {"color": WITHIN_COLOUR}, **hover(df, "within_value", "Within the period")},
        {"type": "scatter", "x": df["period"], "y": df["cumulative_value"], "name": "Cumulative (end of period)",
         "mode": "lines+markers", "line": {"color": CUMULATIVE_COLOUR, "width": 2}, "marker": {"size": 8},
         **hover(df, "cumulative_value", "Cumulative")},
    ]
    targets = df[df["target_value"].notna()]
    if len(targets):
        basis = "within the period" if target_basis == "within" else "cumulative"
        traces.append({
            "type": "scatter", "x": targets["period"], "y": targets["target_value"], "name": f"Target ({basis})",
            "mode": "markers", "marker": {"symbol": "line-ew", "size": 30, "line": {"width": 3, "color": TARGET_COLOUR}},
            **hover(targets, "target_value", f"Target ({basis})"),
        })
    return figure(traces, titled(
        title, "Reporting period", unit[:1].upper() + unit[1:],
        xaxis={"type": "category", "categoryorder": "array", "categoryarray": list(df["period"])},
        yaxis={"rangemode": "tozero", "range": [0, 105]} if unit.startswith("%") else {"rangemode": "tozero"},
    ))


def _median_hovers(df: pd.DataFrame, category: str, measure: str) -> dict:
    """Median weeks of each point, with the requests it rests on (docs/definitions.md, "Processing times")."""
    return hovers(df[category], df["median_weeks"], "weeks", series=f"{measure}, median",
                  details=[f"n = {count_text(n, 'requests')}" for n in df["requests"]])


def _target_line(fig: go.Figure, target: float | None) -> None:
    """The target of weeks from receipt to approval or rejection, as a dashed horizontal line."""
    if target is None or pd.isna(target):
        return
    fig.add_hline(y=float(target), line=dict(color=TARGET_COLOUR, dash="dash", width=2),
                  annotation_text=TARGET_LINE_NOTE.format(weeks=float(target)), annotation_position="top right",
                  annotation=dict(bgcolor="rgba(255,255,255,0.85)", font=dict(size=12)))


def _latest_target(df: pd.DataFrame) -> float | None:
    targets = df["target_weeks"].dropna() if "target_weeks" in df else pd.Series(dtype=float)
    return float(targets.iloc[-1]) if len(targets) else None


def decision_weeks_by_cohort(df: pd.DataFrame, *, cohort_mode: str = "cumulative") -> go.Figure:
    """Median weeks to approval, rejection and either, per cohort of receipt, with the target as a line."""
    fig = go.Figure()
    for measure in dict.fromkeys(df["measure"]):
        part = df[df["measure"] == measure]
        fig.add_bar(
            x=part["cohort"], y=part["median_weeks"], name=measure, marker_color=MEASURE_COLOURS.get(measure),
            **_median_hovers(part, "cohort", measure),
        )
    if df.empty:
        fig.add_bar(x=[], y=[], name="No decision recorded")
    fig.update_layout(barmode="group")
    fig.update_xaxes(type="category", categoryorder="array", categoryarray=list(dict.fromkeys(df["cohort"])))
    _target_line(fig, _latest_target(df))
    cohorts = "cumulative cohorts of receipt (RP1, RP1-RP2, ...)" if cohort_mode == "cumulative" \
        else "requests received in each reporting period"
    return finish(fig, f"Median weeks from receipt to decision, {cohorts}",
                   "Cohort of receipt", "Median weeks")


def decision_weeks_by_group(df: pd.DataFrame, *, dimension: str = "area") -> go.Figure:
    """Median weeks from receipt to approval or rejection per area of work or region, with the target line."""
    label = {"area": "area of work", "region": "region"}.get(dimension, dimension)
    fig = go.Figure(go.Bar(
        x=df["category"], y=df["median_weeks"], marker_color=[colour_of(str(c)) for c in df["category"]],
        **_median_hovers(df, "category", "Receipt to approval or rejection"),
    ))
    _target_line(fig, _latest_target(df))
    return finish(fig, f"Median weeks from receipt to approval or rejection, by {label}", None, "Median weeks")


def _beyond_whiskers(df: pd.DataFrame) -> pd.DataFrame:
    """The shortest and longest weeks of each box where they lie beyond its whiskers, one row each."""
    shortest = df[df["min_weeks"] < df["lower_whisker_weeks"]].assign(extreme="shortest")
    longest = df[df["max_weeks"] > df["upper_whisker_weeks"]].assign(extreme="longest")
    shortest["weeks"], longest["weeks"] = shortest["min_weeks"], longest["max_weeks"]
    return pd.concat([shortest, longest], ignore_index=True)


def decision_weeks_spread(df: pd.DataFrame) -> go.Figure:
    """Spread of the weeks from receipt to decision per period of receipt: boxes drawn from their statistics.

    Quartiles and median make the box, the whiskers reach the furthest request within 1.5 times the box's
    height, the dashed line is the mean; a dot marks the shortest or longest request beyond a whisker.
    """
    fig = go.Figure()
    extremes = _beyond_whiskers(df)
    for decision in ("Approved", "Rejected"):
        part = df[df["decision"] == decision]
        colour = DECISION_COLOURS[decision]
        fig.add_box(
            x=part["period"], name=decision, q1=part["lower_quartile_weeks"], median=part["median_weeks"],
            q3=part["upper_quartile_weeks"], lowerfence=part["lower_whisker_weeks"],
            upperfence=part["upper_whisker_weeks"], mean=part["mean_weeks"], boxmean=True,
            marker=dict(color=colour), line=dict(color=colour), legendgroup=decision, offsetgroup=decision,
            hoverinfo="skip",  # the box's numbers are read out in words by the point at its median
        )
        beyond = extremes[extremes["decision"] == decision]
        fig.add_scatter(
            x=beyond["period"], y=beyond["weeks"], name=f"{decision}: shortest or longest request", mode="markers",
            marker=dict(color=colour, size=8, symbol="circle-open", line=dict(width=2)),
            legendgroup=decision, offsetgroup=decision,
            **hovers(beyond["period"], beyond["weeks"], "weeks",
                     series=[f"{decision}, {extreme} request" for extreme in beyond["extreme"]],
                     details=[f"of {count_text(n, 'requests decided')}" for n in beyond["requests"]]),
        )
        fig.add_scatter(
            x=part["period"], y=part["median_weeks"], mode="markers", marker=dict(size=16, opacity=0),
            showlegend=False, legendgroup=decision, offsetgroup=decision,
            **hovers(part["period"], part["median_weeks"], "weeks", series=f"{decision}, median",
                     details=[(f"Middle half {number_text(q1, 1)} to {weeks_text(q3)}",
                               f"Whiskers {number_text(low, 1)} to {weeks_text(high)}",
                               f"Mean {weeks_text(mean)} · n = {count_text(n, 'requests decided')}")
                              for q1, q3, low, high, mean, n in zip(
                                  part["lower_quartile_weeks"], part["upper_quartile_weeks"],
                                  part["lower_whisker_weeks"], part["upper_whisker_weeks"], part["mean_weeks"],
                                  part["requests"])]),
        )
    fig.update_layout(boxmode="group", scattermode="group")
    fig.update_xaxes(type="category", categoryorder="array", categoryarray=list(dict.fromkeys(df["period"])))
    _target_line(fig, _latest_target(df))
    return finish(fig, "Weeks from receipt to approval or rejection, spread over the requests decided, by period of receipt",
                   "Reporting period of receipt", "Weeks")


def step_medians(df: pd.DataFrame, *, cohort_mode: str = "cumulative") -> go.Figure:
    """Median weeks from receipt to each processing step (rows, in process order), one dot per cohort of receipt."""
    fig = go.Figure()
    steps = list(dict.fromkeys(df.sort_values("step_order")["step_label"]))
    palette = [SKY, BLUE, GREEN, ORANGE, VERMILLION, PURPLE, OLIVE]
    for i, cohort in enumerate(dict.fromkeys(df["cohort"])):
        part = df[df["cohort"] == cohort]
        fig.add_scatter(
            y=part["step_label"], x=part["median_weeks"], name=str(cohort), mode="markers",
            marker=dict(color=palette[i % len(palette)], size=11, line=dict(width=1, color="white")),
            **_median_hovers(part, "step_label", f"{cohort} cohort"),
        )
    if df.empty:
        fig.add_scatter(x=[], y=[], name="No processing step recorded")
    fig.update_yaxes(type="category", categoryorder="array", categoryarray=steps[::-1], showgrid=True,
                     gridcolor="#E5E5E5")
    fig.update_xaxes(rangemode="tozero", showgrid=True, gridcolor="#E5E5E5")
    fig.update_layout(height=max(380, 34 * len(steps) + 160))
    cohorts = "cumulative cohort" if cohort_mode == "cumulative" else "reporting period"
    return finish(fig, f"Median weeks from receipt to each processing step, by {cohorts} of receipt",
                   "Median weeks since receipt", None)
