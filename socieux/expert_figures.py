"""Figure functions of the Expert days page: a small DataFrame in, a Plotly figure out."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from socieux.amounts import count_text, days_text, euros_text, working_days_text
from socieux.figures import BLUE, CATEGORY_COLOURS, GREEN, ORANGE, SKY, colour_of, figure, stacked_bars, titled
from socieux.hovers import hovers


# Expert main types ("main sector"), in Okabe-Ito colours; only this page shows them.
MAIN_TYPE_COLOURS = {"Public": BLUE, "Private": ORANGE, "Int. Org.": GREEN}
# The two medians keep their colours on every period.
MEDIAN_COLOURS = {"Per activity": BLUE, "Per expert mission": SKY}


def _colour(category: str) -> str:
    """A category's fixed colour where it has one, else the page's single bar colour."""
    return CATEGORY_COLOURS[category] if category in CATEGORY_COLOURS else MAIN_TYPE_COLOURS.get(category, BLUE)


def _noted_if_empty(fig: go.Figure) -> go.Figure:
    """``fig``, or where nothing is in scope its axes with a note that says why it is empty."""
    if not fig.data:
        fig.add_bar(x=[], y=[], showlegend=False)
        fig.add_annotation(NO_ASSIGNMENTS)
    return fig


# An empty chart's note
NO_ASSIGNMENTS = {"text": "No expert assignments in view", "showarrow": False, "x": 0.5, "y": 0.5,
                  "xref": "paper", "yref": "paper", "font": {"size": 15, "color": "#666666"}}


DAYS_SHARE_OF = "the working days in view"


def _hover(df: pd.DataFrame, categories) -> dict:
    """Each bar's working days, share of the working days in view, assignments and experts."""
    return hovers(categories, df["working_days"], "working days",
                  shares=df["share"] if "share" in df else None, share_of=DAYS_SHARE_OF,
                  details=[f"{count_text(a, 'assignments')}, {count_text(e, 'experts')}"
                           for a, e in zip(df["assignments"], df["experts"])])


def days_bars(df: pd.DataFrame, *, category: str, title: str, horizontal: bool = False) -> go.Figure:
    """Expert working days per category, one bar each in its fixed colour, in the order of ``df``."""
    labels = df[category].astype(str).tolist()
    colours = [_colour(c) for c in labels]
    text = [days_text(v) for v in df["working_days"]]
    bar = {"type": "bar", "marker": {"color": colours}, "text": text, "textposition": "auto", **_hover(df, labels)}
    if horizontal:
        return figure([{**bar, "y": labels, "x": df["working_days"], "orientation": "h"}],
                      titled(title, "Expert working days", None, yaxis={"autorange": "reversed"},
                             height=max(320, 32 * len(df) + 140)))
    return figure([{**bar, "x": labels, "y": df["working_days"]}], titled(title, None, "Expert working days"))


def days_by_country(df: pd.DataFrame, *, title: str, top: int = 25) -> go.Figure:
    """Horizontal bars of working days per partner country, coloured by region, largest first."""
    shown = df.nlargest(top, "working_days") if len(df) > top else df.sort_values("working_days", ascending=False)
    traces = [
        {"type": "bar", "y": part["country"], "x": part["working_days"], "orientation": "h", "name": str(region),
         "marker": {"color": colour_of(str(region))}, **_hover(part, part["country"])}
        for region, part in ((r, shown[shown["region"] == r]) for r in dict.fromkeys(shown["region"]))
    ]
    return _noted_if_empty(figure(traces, titled(
        title, "Expert working days", None, height=max(360, 24 * len(shown) + 140),
        yaxis={"categoryorder": "array", "categoryarray": list(shown["country"])[::-1]},
    )))


def days_by_period(df: pd.DataFrame, *, title: str) -> go.Figure:
    """Working days per reporting period of the activity's start, stacked by area of work."""
    return _noted_if_empty(stacked_bars(
        df, x="period", y="working_days", colour="area_of_work", title=title,
        x_title="Reporting period of the activity's start", y_title="Expert working days",
        unit="working days", share="share", share_of=DAYS_SHARE_OF))


def days_by_type(df: pd.DataFrame, *, title: str) -> go.Figure:
    """Working days per expert type, one bar each, coloured by main type (Public, Private, Int. Org.)."""
    traces = [
        {"type": "bar", "y": part["type"], "x": part["working_days"], "orientation": "h", "name": str(main_type),
         "marker": {"color": _colour(str(main_type))}, **_hover(part, part["type"] + f" ({main_type})"),
         "text": [days_text(v) for v in part["working_days"]], "textposition": "auto"}
        for main_type, part in ((t, df[df["main_type"] == t]) for t in dict.fromkeys(df["main_type"]))
    ]
    return _noted_if_empty(figure(traces, titled(
        title, "Expert working days", None, height=max(320, 32 * len(df) + 140),
        legend={"title": {"text": "Main type"}},
        yaxis={"categoryorder": "array", "categoryarray": list(df["type"])[::-1]},
    )))


def median_days(df: pd.DataFrame, *, title: str) -> go.Figure:
    """Median working days per activity and per expert mission, side by side for each period."""
    traces = []
    for measure, counted in (("Per activity", "activities"), ("Per expert mission", "expert missions")):
        part = df[df["measure"] == measure]
        traces.append({
            "type": "bar", "x": part["period"], "y": part["median_days"], "name": measure,
            "marker": {"color": MEDIAN_COLOURS[measure]}, "text": [days_text(v) for v in part["median_days"]],
            "textposition": "outside",
            **hovers(part["period"], part["median_days"], "working days", series=f"Median {measure.lower()}",
                     details=[f"over {count_text(n, counted)}" for n in part["n"]]),
        })
    return _noted_if_empty(figure(traces, titled(
        title, "Reporting period of the activity's start", "Median expert working days", barmode="group",
        xaxis={"categoryorder": "array", "categoryarray": list(dict.fromkeys(df["period"]))},
    )))


def expenditure_per_day(df: pd.DataFrame, *, category_title: str, title: str) -> go.Figure:
    """Expenditure per expert working day per category (ratio of sums), with the sums on hover."""
    shown = df[df["expenditure_per_day"].notna()]
    hover = hovers(shown["category"].astype(str), shown["expenditure_per_day"], "EUR per working day",
                   details=[f"{euros_text(money)} over {working_days_text(days)}"
                            for money, days in zip(shown["expenditure_eur"], shown["costed_working_days"])])
    bar = {
        "type": "bar", "x": shown["category"].astype(str), "y": shown["expenditure_per_day"],
        "marker": {"color": [_colour(str(c)) if str(c) in CATEGORY_COLOURS else BLUE for c in shown["category"]]},
        "text": [euros_text(v) for v in shown["expenditure_per_day"]], "textposition": "outside", **hover,
    }
    return figure([bar], titled(title, category_title, "Expenditure per working day (EUR)",
                                yaxis={"tickprefix": "€", "rangemode": "tozero"}))
