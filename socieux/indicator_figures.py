"""Figure functions of the logframe indicators and processing times: DataFrame in, Plotly figure out."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from socieux.amounts import count_text, number_text, weeks_text
from socieux.figures import BLUE, GREEN, OLIVE, ORANGE, PURPLE, SKY, VERMILLION, colour_of, figure, titled
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


def _target_line(target: float | None) -> dict:
    """The target of weeks from receipt to approval or rejection as a dashed horizontal line across the plot, with
    its note at the right: the layout's ``shapes`` and ``annotations`` (none without a target)."""
    if target is None or pd.isna(target):
        return {}
    y = float(target)
    return {
        "shapes": [{"type": "line", "xref": "x domain", "x0": 0, "x1": 1, "yref": "y", "y0": y, "y1": y,
                    "line": {"color": TARGET_COLOUR, "dash": "dash", "width": 2}}],
        "annotations": [{"text": TARGET_LINE_NOTE.format(weeks=y), "showarrow": False, "xref": "x domain", "x": 1,
                         "xanchor": "right", "yref": "y", "y": y, "yanchor": "bottom",
                         "bgcolor": "rgba(255,255,255,0.85)", "font": {"size": 12}}],
    }


def _latest_target(df: pd.DataFrame) -> float | None:
    targets = df["target_weeks"].dropna() if "target_weeks" in df else pd.Series(dtype=float)
    return float(targets.iloc[-1]) if len(targets) else None


def decision_weeks_by_cohort(df: pd.DataFrame, *, cohort_mode: str = "cumulative") -> go.Figure:
    """Median weeks to approval, rejection and either, per cohort of receipt, with the target as a line."""
    traces = [
        {"type": "bar", "x": part["cohort"], "y": part["median_weeks"], "name": measure,
         "marker": {"color": MEASURE_COLOURS.get(measure)}, **_median_hovers(part, "cohort", measure)}
        for measure, part in ((m, df[df["measure"] == m]) for m in dict.fromkeys(df["measure"]))
    ] or [{"type": "bar", "x": [], "y": [], "name": "No decision recorded"}]
    cohorts = "cumulative cohorts of receipt (RP1, RP1-RP2, ...)" if cohort_mode == "cumulative" \
        else "requests received in each reporting period"
    return figure(traces, titled(
        f"Median weeks from receipt to decision, {cohorts}", "Cohort of receipt", "Median weeks", barmode="group",
        xaxis={"type": "category", "categoryorder": "array", "categoryarray": list(dict.fromkeys(df["cohort"]))},
        **_target_line(_latest_target(df)),
    ))


def decision_weeks_by_group(df: pd.DataFrame, *, dimension: str = "area") -> go.Figure:
    """Median weeks from receipt to approval or rejection per area of work or region, with the target line."""
    label = {"area": "area of work", "region": "region"}.get(dimension, dimension)
    bar = {"type": "bar", "x": df["category"], "y": df["median_weeks"],
           "marker": {"color": [colour_of(str(c)) for c in df["category"]]},
           **_median_hovers(df, "category", "Receipt to approval or rejection")}
    return figure([bar], titled(f"Median weeks from receipt to approval or rejection, by {label}", None,
                                "Median weeks", **_target_line(_latest_target(df))))


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
    traces = []
    extremes = _beyond_whiskers(df)
    for decision in ("Approved", "Rejected"):
        part = df[df["decision"] == decision]
        colour = DECISION_COLOURS[decision]
        grouped = {"legendgroup": decision, "offsetgroup": decision}
        traces.append({
            "type": "box", "x": part["period"], "name": decision, "q1": part["lower_quartile_weeks"],
            "median": part["median_weeks"], "q3": part["upper_quartile_weeks"],
            "lowerfence": part["lower_whisker_weeks"], "upperfence": part["upper_whisker_weeks"],
            "mean": part["mean_weeks"], "boxmean": True, "marker": {"color": colour}, "line": {"color": colour},
            **grouped, "hoverinfo": "skip",  # the box's numbers are read out in words by the point at its median
        })
        beyond = extremes[extremes["decision"] == decision]
        traces.append({
            "type": "scatter", "x": beyond["period"], "y": beyond["weeks"],
            "name": f"{decision}: shortest or longest request", "mode": "markers",
            "marker": {"color": colour, "size": 8, "symbol": "circle-open", "line": {"width": 2}}, **grouped,
            **hovers(beyond["period"], beyond["weeks"], "weeks",
                     series=[f"{decision}, {extreme} request" for extreme in beyond["extreme"]],
                     details=[f"of {count_text(n, 'requests decided')}" for n in beyond["requests"]]),
        })
        traces.append({
            "type": "scatter", "x": part["period"], "y": part["median_weeks"], "mode": "markers",
            "marker": {"size": 16, "opacity": 0}, "showlegend": False, **grouped,
            **hovers(part["period"], part["median_weeks"], "weeks", series=f"{decision}, median",
                     details=[(f"Middle half {number_text(q1, 1)} to {weeks_text(q3)}",
                               f"Whiskers {number_text(low, 1)} to {weeks_text(high)}",
                               f"Mean {weeks_text(mean)} · n = {count_text(n, 'requests decided')}")
                              for q1, q3, low, high, mean, n in zip(
                                  part["lower_quartile_weeks"], part["upper_quartile_weeks"],
                                  part["lower_whisker_weeks"], part["upper_whisker_weeks"], part["mean_weeks"],
                                  part["requests"])]),
        })
    return figure(traces, titled(
        "Weeks from receipt to approval or rejection, spread over the requests decided, by period of receipt",
        "Reporting period of receipt", "Weeks", boxmode="group", scattermode="group",
        xaxis={"type": "category", "categoryorder": "array", "categoryarray": list(dict.fromkeys(df["period"]))},
        **_target_line(_latest_target(df)),
    ))


def step_medians(df: pd.DataFrame, *, cohort_mode: str = "cumulative") -> go.Figure:
    """Median weeks from receipt to each processing step (rows, in process order), one dot per cohort of receipt."""
    steps = list(dict.fromkeys(df.sort_values("step_order")["step_label"]))
    palette = [SKY, BLUE, GREEN, ORANGE, VERMILLION, PURPLE, OLIVE]
    traces = [
        {"type": "scatter", "y": part["step_label"], "x": part["median_weeks"], "name": str(cohort), "mode": "markers",
         "marker": {"color": palette[i % len(palette)], "size": 11, "line": {"width": 1, "color": "white"}},
         **_median_hovers(part, "step_label", f"{cohort} cohort")}
        for i, (cohort, part) in enumerate((c, df[df["cohort"] == c]) for c in dict.fromkeys(df["cohort"]))
    ] or [{"type": "scatter", "x": [], "y": [], "name": "No processing step recorded"}]
    cohorts = "cumulative cohort" if cohort_mode == "cumulative" else "reporting period"
    return figure(traces, titled(
        f"Median weeks from receipt to each processing step, by {cohorts} of receipt", "Median weeks since receipt",
        None, height=max(380, 34 * len(steps) + 160),
        yaxis={"type": "category", "categoryorder": "array", "categoryarray": steps[::-1], "showgrid": True,
               "gridcolor": "#E5E5E5"},
        xaxis={"rangemode": "tozero", "showgrid": True, "gridcolor": "#E5E5E5"},
    ))
