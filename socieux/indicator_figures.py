"""Figure functions of the logframe indicators and processing times: DataFrame in, Plotly figure out."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from socieux.figures import BLUE, GREEN, OLIVE, ORANGE, PURPLE, SKY, VERMILLION, colour_of, finish

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


def _number_format(decimals: int) -> str:
    return f",.{decimals}f"


def indicator_vs_target(
    df: pd.DataFrame, *, title: str, unit: str, target_basis: str = "cumulative", decimals: int = 0
) -> go.Figure:
    """Value within each period (bars), cumulative value (line) and the target (markers) per reporting period."""
    fmt = _number_format(decimals)
    fig = go.Figure()
    fig.add_bar(
        x=df["period"], y=df["within_value"], name="Within the period", marker_color=WITHIN_COLOUR,
        hovertemplate=f"%{{x}} within the period: %{{y:{fmt}}} {unit}<extra></extra>",
    )
    fig.add_scatter(
        x=df["period"], y=df["cumulative_value"], name="Cumulative (end of period)", mode="lines+markers",
        line=dict(color=CUMULATIVE_COLOUR, width=2), marker=dict(size=8),
        hovertemplate=f"%{{x}} cumulative: %{{y:{fmt}}} {unit}<extra></extra>",
    )
    targets = df[df["target_value"].notna()]
    if len(targets):
        basis = "within the period" if target_basis == "within" else "cumulative"
        fig.add_scatter(
            x=targets["period"], y=targets["target_value"], name=f"Target ({basis})", mode="markers",
            marker=dict(symbol="line-ew", size=30, line=dict(width=3, color=TARGET_COLOUR)),
            hovertemplate=f"%{{x}} target ({basis}): %{{y:{fmt}}} {unit}<extra></extra>",
        )
    fig.update_xaxes(type="category", categoryorder="array", categoryarray=list(df["period"]))
    if unit.startswith("%"):
        fig.update_yaxes(rangemode="tozero", range=[0, 105])
    else:
        fig.update_yaxes(rangemode="tozero")
    return finish(fig, title, "Reporting period", unit[:1].upper() + unit[1:])


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
            customdata=part["requests"],
            hovertemplate=f"%{{x}} · {measure}: median %{{y:.1f}} weeks (%{{customdata}} requests)<extra></extra>",
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
        customdata=df["requests"],
        hovertemplate="%{x}: median %{y:.1f} weeks (%{customdata} requests)<extra></extra>",
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
            legendgroup=decision, offsetgroup=decision, customdata=beyond[["extreme", "requests"]],
            hovertemplate=(f"%{{x}} · {decision}: %{{customdata[0]}} %{{y:.1f}} weeks "
                           "(%{customdata[1]:,} requests decided)<extra></extra>"),
        )
        fig.add_scatter(
            x=part["period"], y=part["median_weeks"], mode="markers", marker=dict(size=16, opacity=0),
            showlegend=False, legendgroup=decision, offsetgroup=decision,
            customdata=part[["lower_quartile_weeks", "upper_quartile_weeks", "lower_whisker_weeks",
                             "upper_whisker_weeks", "mean_weeks", "requests"]],
            hovertemplate=(f"%{{x}} · {decision}: median %{{y:.1f}} weeks<br>"
                           "middle half %{customdata[0]:.1f} to %{customdata[1]:.1f} weeks, "
                           "whiskers %{customdata[2]:.1f} to %{customdata[3]:.1f} weeks<br>"
                           "mean %{customdata[4]:.1f} weeks · n = %{customdata[5]:,} requests decided<extra></extra>"),
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
            customdata=part["requests"],
            hovertemplate=f"{cohort} · %{{y}}: median %{{x:.1f}} weeks (%{{customdata}} requests)<extra></extra>",
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
