"""Figure functions: a small DataFrame in, a Plotly figure out, in the facility's words and colours."""

from __future__ import annotations

import textwrap

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

FONT_FAMILY = "Liberation Sans, Arial, Helvetica, sans-serif"
TEMPLATE_NAME = "socieux"

# Okabe-Ito palette: distinguishable by readers with colour-vision deficiencies.
_BLUE, _ORANGE, _GREEN, _SKY, _VERMILLION, _PURPLE, _YELLOW, _GREY = (
    "#0072B2", "#E69F00", "#009E73", "#56B4E9", "#D55E00", "#CC79A7", "#F0E442", "#8C8C8C",
)
_OLIVE, _BROWN = "#999933", "#8C510A"

# Each category keeps its colour on every chart.
CATEGORY_COLOURS: dict[str, str] = {
    # areas of work
    "Social Protection": _BLUE,
    "Labour & Employment": _ORANGE,
    # regions
    "Africa": _VERMILLION,
    "Asia": _GREEN,
    "Caribbean": _SKY,
    "Latin America": _PURPLE,
    "Middle East": _ORANGE,
    "Pacific": _BLUE,
    "Europe": _OLIVE,
    # income groups (ordered from low to high)
    "Low income": _VERMILLION,
    "Lower-middle income": _ORANGE,
    "Upper-middle income": _SKY,
    "High income": _BLUE,
    "Not classified": _GREY,
    # stages
    "Request": _SKY,
    "Action in preparation": _ORANGE,
    "Action in implementation": _GREEN,
    "Closed": _BROWN,
    # five-point agreement scale of the feedback forms: ColorBrewer PuOr, a diverging palette safe for
    # colour-blind readers (orange = disagree, purple = agree); answers left out of the shares in greys
    "Completely disagree": "#E66101",
    "Partially disagree": "#FDB863",
    "Do not agree nor disagree": "#D4D4D4",
    "Partially agree": "#B2ABD2",
    "Completely agree": "#5E3C99",
    "Not relevant": "#A6A6A6",
    "Not applicable": "#707070",
    # anything unknown
    "Not recorded": _GREY,
    "Other": _GREY,
}

pio.templates[TEMPLATE_NAME] = go.layout.Template(
    layout=go.Layout(
        font=dict(family=FONT_FAMILY, size=14, color="#222222"),
        title=dict(font=dict(size=18), x=0.0, xanchor="left"),
        paper_bgcolor="white",
        plot_bgcolor="white",
        colorway=[_BLUE, _ORANGE, _GREEN, _VERMILLION, _SKY, _PURPLE, _OLIVE, _GREY],
        xaxis=dict(showgrid=False, linecolor="#999999", ticks="outside", automargin=True,
                   ticklabelstandoff=4, title=dict(standoff=12)),
        yaxis=dict(gridcolor="#E5E5E5", zerolinecolor="#BBBBBB", automargin=True,
                   ticklabelstandoff=6, title=dict(standoff=12)),
        legend=dict(orientation="v", yanchor="top", y=1.0, xanchor="left", x=1.02, title_text=""),
        margin=dict(l=60, r=20, t=90, b=60),
        hoverlabel=dict(font=dict(family=FONT_FAMILY, size=13)),
    )
)


def colour_of(category: str) -> str:
    return CATEGORY_COLOURS.get(category, _GREY)


def wrapped(title: str, width: int = 52) -> str:
    """A long title broken into lines, since Plotly titles do not wrap by themselves."""
    return "<br>".join(textwrap.wrap(title, width))


def _finish(fig: go.Figure, title: str, x_title: str | None, y_title: str | None) -> go.Figure:
    fig.update_layout(template=TEMPLATE_NAME, title_text=wrapped(title), xaxis_title=x_title, yaxis_title=y_title)
    return fig


def stacked_bars(
    df: pd.DataFrame,
    *,
    x: str,
    y: str,
    colour: str,
    title: str,
    x_title: str,
    y_title: str,
    as_share: bool = False,
) -> go.Figure:
    """Bars of ``y`` per ``x``, stacked by ``colour``, categories in their fixed colours and given order."""
    fig = go.Figure()
    for category in dict.fromkeys(df[colour]):
        part = df[df[colour] == category]
        fig.add_bar(
            x=part[x],
            y=part[y],
            name=str(category),
            legendgroup=str(category),  # a click on the bar reads its category from here
            marker_color=colour_of(str(category)),
            hovertemplate=f"%{{x}}<br>{category}: %{{y:{'.0%' if as_share else ',.0f'}}}<extra></extra>",
        )
    fig.update_layout(barmode="stack")
    if as_share:
        fig.update_yaxes(tickformat=".0%", range=[0, 1])
    fig.update_xaxes(categoryorder="array", categoryarray=list(dict.fromkeys(df[x])))
    return _finish(fig, title, x_title, y_title)


def category_bars(
    df: pd.DataFrame, *, category: str, value: str, title: str, value_title: str, horizontal: bool = False
) -> go.Figure:
    """One bar per category, in its fixed colour, in the order of ``df``."""
    colours = [colour_of(str(c)) for c in df[category]]
    if horizontal:
        fig = go.Figure(go.Bar(y=df[category], x=df[value], orientation="h", marker_color=colours,
                               hovertemplate="%{y}: %{x:,.0f}<extra></extra>"))
        fig.update_yaxes(autorange="reversed")
        return _finish(fig, title, value_title, None)
    fig = go.Figure(go.Bar(x=df[category], y=df[value], marker_color=colours,
                           hovertemplate="%{x}: %{y:,.0f}<extra></extra>"))
    return _finish(fig, title, None, value_title)


def requests_by_status(df: pd.DataFrame) -> go.Figure:
    """Requests per current status, each bar coloured by the stage of its status."""
    fig = go.Figure()
    for stage in dict.fromkeys(df["stage"]):
        part = df[df["stage"] == stage]
        fig.add_bar(
            y=part["status"], x=part["requests"], orientation="h", name=str(stage), legendgroup=str(stage),
            marker_color=colour_of(str(stage)),
            hovertemplate=f"%{{y}} ({stage}): %{{x}} requests<extra></extra>",
        )
    fig.update_yaxes(categoryorder="array", categoryarray=list(df["status"])[::-1])
    fig.update_layout(height=max(360, 28 * len(df) + 140))
    return _finish(fig, "Requests by current status, grouped by stage", "Requests", None)


def country_bars(df: pd.DataFrame, *, value: str, value_title: str, title: str, top: int = 25) -> go.Figure:
    """Horizontal bars per partner country, coloured by region, largest first."""
    shown = df.nlargest(top, value) if len(df) > top else df.sort_values(value, ascending=False)
    fig = go.Figure()
    for region in dict.fromkeys(shown["region"]):
        part = shown[shown["region"] == region]
        fig.add_bar(y=part["country"], x=part[value], orientation="h", name=str(region),
                    marker_color=colour_of(str(region)),
                    hovertemplate="%{y}: %{x:,.1f}<extra></extra>")
    fig.update_yaxes(categoryorder="array", categoryarray=list(shown["country"])[::-1])
    fig.update_layout(height=max(360, 24 * len(shown) + 140))
    return _finish(fig, title, value_title, None)
