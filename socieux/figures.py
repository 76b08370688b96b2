"""Figure functions: a small DataFrame in, a Plotly figure out, in the facility's words and colours."""

from __future__ import annotations

import numbers
import re
import textwrap

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from socieux.amounts import number_text, percent_text
from socieux.hovers import hovers

FONT_FAMILY = "Liberation Sans, Arial, Helvetica, sans-serif"
TEMPLATE_NAME = "socieux"

# Okabe-Ito palette: distinguishable by readers with colour-vision deficiencies.
_BLUE, _ORANGE, _GREEN, _SKY, _VERMILLION, _PURPLE, _YELLOW, _GREY = (
    "#0072B2", "#E69F00", "#009E73", "#56B4E9", "#D55E00", "#CC79A7", "#F0E442", "#8C8C8C",
)
_OLIVE, _BROWN = "#999933", "#8C510A"
# The palette's colours by name, for every other figure module (one palette for the app).
BLUE, ORANGE, GREEN, SKY, VERMILLION, PURPLE, GREY, OLIVE = _BLUE, _ORANGE, _GREEN, _SKY, _VERMILLION, _PURPLE, _GREY, _OLIVE

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
    # evaluation follow-up: progress of key actions
    "Done": _GREEN,
    "In progress": _SKY,
    "Not started": _ORANGE,
    "Overdue": _VERMILLION,
    "Dropped": _BROWN,
    "No status reported": _GREY,
    # anything unknown
    "Not recorded": _GREY,
    "Other": _GREY,
}

TOOLBAR_PX = 28  # the toolbar's strip at the top of every chart (docs/definitions.md, "Layouts")
TITLE_LINE_PX = 22  # a line of the title, in the template's 17 px font
# Plotly sets a title of several lines 12 px higher than one of a single line: clear of the toolbar either way.
TITLE_PAD_PX = TOOLBAR_PX + 17

pio.templates[TEMPLATE_NAME] = go.layout.Template(
    layout=go.Layout(
        font=dict(family=FONT_FAMILY, size=14, color="#222222"),
        # the title starts under the strip where the chart's toolbar (Plotly's mode bar, with Streamlit's full
        # screen button) appears on hover or tap: on a phone the toolbar spans most of the width
        title=dict(font=dict(size=17), x=0.0, xanchor="left", yref="container", y=1.0, yanchor="top",
                   pad=dict(t=TITLE_PAD_PX), automargin=True),
        paper_bgcolor="white",
        plot_bgcolor="white",
        colorway=[_BLUE, _ORANGE, _GREEN, _VERMILLION, _SKY, _PURPLE, _OLIVE, _GREY],
        xaxis=dict(showgrid=False, linecolor="#999999", ticks="outside", automargin=True,
                   ticklabelstandoff=4, title=dict(standoff=12)),
        yaxis=dict(gridcolor="#E5E5E5", zerolinecolor="#BBBBBB", automargin=True,
                   ticklabelstandoff=6, title=dict(standoff=12)),
        # the legend under the chart, its entries side by side and wrapping: the plot keeps the whole width,
        # on a phone too (390 px)
        legend=dict(orientation="h", yref="container", yanchor="bottom", y=0.0, xanchor="left", x=0.0,
                    title_text=""),
        margin=dict(l=60, r=20, t=90, b=60),
        hoverlabel=dict(font=dict(family=FONT_FAMILY, size=13), align="left"),  # lines of words read from the left
    )
)
# The template as a figure holds it once validated: what figure() puts in each figure instead of its name.
_TEMPLATE_SPEC = pio.templates[TEMPLATE_NAME].to_plotly_json()


# Plotly draws text as a subset of HTML: tags between < and >, and entities &name; / &#NN; / &#xHH; (the
# pattern plotly.js decodes). Escaping these, and only these, shows a label exactly as stored: a bare '&'
# as in "Labour & Employment" is drawn as it is and keeps its colour key (docs/definitions.md).
_PLOTLY_MARKUP = re.compile(r"<|>|&(?=#\d+;|#x[\da-fA-F]+;|[a-z]+;)")
_PLOTLY_ESCAPES = {"<": "&lt;", ">": "&gt;", "&": "&amp;"}


class SharedFigure(go.Figure):
    """A figure built once and drawn by many sessions (socieux/ui/layout.py): it never changes once shared, so
    its dictionary, which Streamlit asks for at every draw (a deep copy with every array encoded), is made once.

    Each call returns a new outer dictionary: Plotly's own constructors pop keys from the one they are given.
    """

    def to_dict(self) -> dict:
        made = self.__dict__.get("_shared_dict")
        if made is None:
            made = self.__dict__["_shared_dict"] = super().to_dict()
        return dict(made)


def shared(fig: go.Figure) -> SharedFigure:
    """``fig`` as a SharedFigure (the same object: no copy, no new validation)."""
    fig.__class__ = SharedFigure
    return fig


def plotly_text(value: object) -> object:
    """Text from the data as Plotly shows it literally (``<b>`` stays the characters ``<b>``); other values unchanged."""
    if not isinstance(value, str):
        return value
    return _PLOTLY_MARKUP.sub(lambda match: _PLOTLY_ESCAPES[match.group()[0]], value)


def plotly_labels(df: pd.DataFrame) -> pd.DataFrame:
    """``df`` with its text cells escaped for Plotly: what every catalogue figure is drawn from.

    A shallow copy (copy-on-write keeps it apart from ``df``) with a new column only where a cell changes:
    most results hold no markup, and a deep copy of every column is most of a small figure's cost.
    """
    out = df.copy(deep=False)
    for position in range(out.shape[1]):
        values = out.iloc[:, position]
        if pd.api.types.is_numeric_dtype(values) or pd.api.types.is_datetime64_any_dtype(values):
            continue
        cells = values.tolist()
        escaped = [plotly_text(cell) for cell in cells]
        if escaped != cells:
            out.isetitem(position, values.map(plotly_text))
    return out


def colour_of(category: str) -> str:
    return CATEGORY_COLOURS.get(category, _GREY)


def wrapped(title: str, width: int = 38) -> str:
    """A long title broken into lines, since Plotly titles do not wrap by themselves."""
    return "<br>".join(textwrap.wrap(title, width))


def titled(title: str, *axis_titles: str | None, width: int = 38, **layout: dict) -> dict:
    """A layout of the app's template, the wrapped title and ``axis_titles`` (x, y) when given, merged into
    ``layout`` (nested dictionaries, as Plotly's own), for ``figure``."""
    layout = {"template": TEMPLATE_NAME, **layout, "title": {**layout.get("title", {}), "text": wrapped(title, width)}}
    for axis_name, axis_title in zip(("xaxis", "yaxis"), axis_titles):
        layout[axis_name] = {**layout.get(axis_name, {}), "title": {"text": axis_title}}
    return layout


_checking = False  # figure() validates what it builds (tests/test_charts.py compares both ways)


def _as_validated(spec: object) -> object:
    """A specification as Plotly's validation leaves it: no property set to None and no empty group of them,
    columns of data as arrays (read by position, as a validated figure's are)."""
    if isinstance(spec, (pd.Series, pd.Index, pd.DataFrame)):
        return spec.to_numpy()
    if isinstance(spec, dict):
        kept = {name: _as_validated(value) for name, value in spec.items() if value is not None}
        return {name: value for name, value in kept.items() if not (isinstance(value, dict) and not value)}
    if isinstance(spec, (list, tuple)) and spec and isinstance(spec[0], dict):
        return [_as_validated(item) for item in spec]
    return spec


def figure(traces: list[dict], layout: dict) -> go.Figure:
    """A figure of ``traces`` (dictionaries with their ``type``) and ``layout``.

    Plotly validates a figure property by property at each ``add_bar`` or ``update_layout``, and copies and
    validates the whole template into every figure: built from one specification (docs/performance.md, "Figures
    from one specification") with the template's properties already in it and without validation (Plotly's
    ``_validate``), a figure is made in two thirds of the time. What it draws is the validated figure's
    specification exactly, for every chart of the catalogue (tests/test_charts.py).
    """
    if _checking:
        return go.Figure({"data": traces, "layout": layout})
    layout = _as_validated(layout)
    if layout.get("template") == TEMPLATE_NAME:
        layout["template"] = _TEMPLATE_SPEC
    return go.Figure({"data": [_as_validated(trace) for trace in traces], "layout": layout}, _validate=False)


# What fits a phone's width (390 px, a chart about 350 px wide) in the template's fonts: characters per line
# of a category label and of an axis title, and pixels per character of a label beside a bar.
LABEL_LINE, AXIS_TITLE_LINE, LEGEND_LINE, LABEL_CHAR_PX = 24, 24, 34, 7.5
SMALL_COUNT = 8  # up to this many on a count axis, a tick for every whole number
LINE_PX, ROWS_MARGIN_PX = 17, 260  # a label line, and what a chart holds besides its rows (title, axis, legend)
_TAG = re.compile(r"<[^>]+>")


def _plain(text: str) -> str:
    return _TAG.sub("", text)


def _wrapped_label(label: str) -> str:
    return label if "<br>" in label or len(_plain(label)) <= LABEL_LINE else wrapped(label, LABEL_LINE)


def label_lines(labels, width: int = LABEL_LINE) -> int:
    """The most lines a label takes once ``fitted`` wraps it (a category label at ``LABEL_LINE`` characters, a
    legend entry at ``LEGEND_LINE``): a chart sizing its own rows or legend gives each that many lines."""
    def lines(label: str) -> int:
        if "<br>" in label or len(_plain(label)) <= width:
            return label.count("<br>") + 1
        return len(textwrap.wrap(label, width))

    return max((lines(label) for label in labels), default=1)


def _small_count_axes(fig: go.Figure) -> list[str]:
    """The value axes ("xaxis", "yaxis") of bars that count whole things and reach at most ``SMALL_COUNT``."""
    tops: dict[str, list[float] | None] = {}
    for trace in fig.data:
        if trace.type != "bar" or trace.x is None or trace.y is None:
            continue
        axis_name, values = ("xaxis", trace.x) if trace.orientation == "h" else ("yaxis", trace.y)
        whole = [v for v in values if isinstance(v, numbers.Real) and float(v).is_integer() and v >= 0]
        if tops.get(axis_name, []) is None or not whole or len(whole) < len(values) or trace.base is not None:
            tops[axis_name] = None  # not counts of things: leave that axis's ticks to Plotly
        else:
            tops[axis_name] = [*tops.get(axis_name, []), max(whole)]
    stacked = fig.layout.barmode in ("stack", "relative")
    return [axis_name for axis_name, top in tops.items()
            if top and (sum(top) if stacked else max(top)) <= SMALL_COUNT
            and fig.layout[axis_name].dtick is None and fig.layout[axis_name].tickvals is None
            and fig.layout[axis_name].tickformat is None]


def _title_room(fig: go.Figure) -> None:
    """A top margin that holds the toolbar's strip and every line of a title set from the top of the chart: Plotly's
    automargin would otherwise lift a title of three lines into the toolbar (docs/definitions.md, "Layouts")."""
    title = fig.layout.title
    if not title.text or title.yref == "paper":  # a title on the plot area (with totals): automargin places it
        return
    needed = TITLE_PAD_PX + (title.text.count("<br>") + 1) * TITLE_LINE_PX + 8
    top = fig.layout.margin.t if fig.layout.margin.t is not None else pio.templates[TEMPLATE_NAME].layout.margin.t
    if top < needed:
        fig.layout.margin.t = needed


def fitted(fig: go.Figure) -> go.Figure:
    """``fig`` readable at any width (docs/definitions.md, "Layouts"): long category labels and axis titles wrap,
    and text beside a bar is never cut by the edge of the chart. Values stay as they are (hovers, clicks)."""
    for axis_name in ("xaxis", "yaxis"):
        axis = fig.layout[axis_name]
        if axis.title.text and len(_plain(axis.title.text)) > AXIS_TITLE_LINE and "<br>" not in axis.title.text:
            axis.title.text = wrapped(axis.title.text, AXIS_TITLE_LINE)
    categories: dict[str, list[str]] = {"xaxis": [], "yaxis": []}
    beside = 0
    for trace in fig.data:
        if trace.name and len(_plain(trace.name)) > LEGEND_LINE and "<br>" not in trace.name:
            trace.name = wrapped(trace.name, LEGEND_LINE)  # a legend entry, on lines
        if trace.type not in ("bar", "box", "scatter"):
            continue
        horizontal = getattr(trace, "orientation", None) == "h"
        for axis_name, values in (("xaxis", trace.x), ("yaxis", trace.y)):  # the axis whose values are labels
            if values is not None and len(values) and all(isinstance(v, str) for v in values):
                categories[axis_name] += [v for v in values if v not in categories[axis_name]]
        if trace.type == "bar" and horizontal and trace.textposition == "outside" and trace.text is not None:
            texts = [trace.text] if isinstance(trace.text, str) else trace.text
            beside = max([beside, *(len(_plain(str(text))) for text in texts)])
            trace.cliponaxis = False
    for axis_name, labels in categories.items():
        if labels and any(_wrapped_label(label) != label for label in labels) and fig.layout[axis_name].tickvals is None:
            texts = [_wrapped_label(v) for v in labels]
            fig.layout[axis_name].update(tickmode="array", tickvals=labels, ticktext=texts)
            if axis_name == "yaxis":  # rows tall enough for the longest label's lines, however many rows
                lines = label_lines(labels)
                fig.layout.height = max(fig.layout.height or 450, ROWS_MARGIN_PX + len(labels) * lines * LINE_PX)
    for axis_name in _small_count_axes(fig):  # whole-number ticks, never 0.5 of a request
        fig.layout[axis_name].update(dtick=1, tickformat=",d")
    _title_room(fig)
    if beside:  # room on the right for the longest label beside a bar, which the axes' automargin does not count
        fig.layout.margin.r = max(fig.layout.margin.r or 0, int(beside * LABEL_CHAR_PX) + 10)
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
    total_of: str | None = None,
    unit: str = "requests",
    share: str | None = "share_in_view",
    share_of: str = "the requests in view",
    decimals: int | None = None,
    barmode: str = "stack",
) -> go.Figure:
    """Bars of ``y`` per ``x``, stacked by ``colour`` (``barmode="group"``: side by side), categories in their
    fixed colours and given order.

    ``total_of`` names the columns ``<total_of>_requests`` and ``<total_of>_share``: each category's total
    and share over every bar, shown in the legend. The hover gives ``y`` in ``unit`` with the ``share`` column
    as a share of ``share_of``; ``as_share``: ``y`` is each category's share of its bar, and the hover gives
    the count of the column named ``unit`` ("requests") with that share.
    """
    totals = {c: (t, p) for c, t, p in zip(df[colour], df[f"{total_of}_requests"], df[f"{total_of}_share"])} \
        if total_of else {}
    traces = []
    for category in dict.fromkeys(df[colour]):
        part = df[df[colour] == category]
        shares = part[y] if as_share else part[share] if share in part else None
        traces.append({
            "type": "bar", "x": part[x], "y": part[y], "name": str(category),
            "legendgroup": str(category),  # a click on the bar reads its category from here
            "marker": {"color": colour_of(str(category))},
            **hovers(part[x], part[unit if as_share else y], unit, series=str(category), decimals=decimals,
                     shares=shares, share_of=share_of),
        })
    layout = titled(title, x_title, y_title, barmode=barmode,
                    xaxis={"categoryorder": "array", "categoryarray": list(dict.fromkeys(df[x]))},
                    yaxis={"tickformat": ".0%", "range": [0, 1]} if as_share else {})
    return figure(traces, with_totals(layout, totals))


def with_totals(layout: dict, totals: dict) -> dict:
    """``layout`` (of ``titled``) with each category's total and share under its title, so no one has to add
    bars up."""
    if not totals:
        return layout
    lines = [f"{category}: {share_text(*total)}" for category, total in totals.items()]
    # The totals are lines of the title itself: with the title above the plot area (paper), automargin makes
    # room for every line, so the totals never cover the bars.
    totals_text = "<br>".join(f"<span style='font-size:13px'>{line}</span>" for line in ["Total"] + lines)
    title = layout["title"]
    return {**layout, "title": {**title, "text": f"{title['text']}<br>{totals_text}", "automargin": True,
                                "yref": "paper", "y": 1, "yanchor": "bottom",
                                "pad": {"b": 12, "t": TOOLBAR_PX}}}  # automargin keeps this much above its first line


SHARE_NOTE = "Shares: of all requests in view (the filters in the sidebar)."


def share_text(count: float, share: float, unit: str = "") -> str:
    """'66 (45.5%)': a count with its share of the requests in view, as on the bars and in the legends."""
    return f"{number_text(count)}{unit} ({percent_text(share)})"


def category_bars(
    df: pd.DataFrame, *, category: str, value: str, title: str, value_title: str, horizontal: bool = False,
    unit: str = "requests", share_of: str = "the requests in view",
) -> go.Figure:
    """One bar per category, in its fixed colour, in the order of ``df``; with a ``share`` column, each bar
    says its count and its share of ``share_of``."""
    colours = [colour_of(str(c)) for c in df[category]]
    shares = df["share"] if "share" in df else None
    text = [share_text(n, p) for n, p in zip(df[value], shares)] if shares is not None else None
    bar = {"type": "bar", "marker": {"color": colours}, "text": text, "textposition": "outside", "cliponaxis": False,
           **hovers(df[category], df[value], unit, shares=shares, share_of=share_of)}
    if horizontal:
        return figure([{**bar, "y": df[category], "x": df[value], "orientation": "h"}],
                      titled(title, value_title, None, yaxis={"autorange": "reversed"}))
    return figure([{**bar, "x": df[category], "y": df[value], "textangle": 0}], titled(title, None, value_title))


def requests_by_status(df: pd.DataFrame, *, title: str) -> go.Figure:
    """Requests per status at the data date, each bar coloured by the stage of its status, with its share;
    the legend gives each stage's total and share."""
    totals = {}
    traces = []
    for stage in dict.fromkeys(df["stage"]):
        part = df[df["stage"] == stage]
        totals[stage] = (part["stage_requests"].iloc[0], part["stage_share"].iloc[0])
        traces.append({
            "type": "bar", "y": part["status"], "x": part["requests"], "orientation": "h", "name": str(stage),
            "legendgroup": str(stage), "marker": {"color": colour_of(str(stage))},
            "text": [share_text(n, p) for n, p in zip(part["requests"], part["share"])], "textposition": "outside",
            "cliponaxis": False,
            **hovers(part["status"] + f" ({stage})", part["requests"], "requests", shares=part["share"]),
        })
    layout = titled(title, "Requests", None, height=max(380, 28 * len(df) + 160),
                    yaxis={"categoryorder": "array", "categoryarray": list(df["status"])[::-1]})
    return figure(traces, with_totals(layout, totals))


def country_bars(df: pd.DataFrame, *, value: str, value_title: str, title: str, top: int = 25,
                 unit: str = "requests", share_of: str = "the requests in view") -> go.Figure:
    """Horizontal bars per partner country, coloured by region, largest first."""
    shown = df.nlargest(top, value) if len(df) > top else df.sort_values(value, ascending=False)
    traces = []
    for region in dict.fromkeys(shown["region"]):
        part = shown[shown["region"] == region]
        traces.append({"type": "bar", "y": part["country"], "x": part[value], "orientation": "h", "name": str(region),
                       "marker": {"color": colour_of(str(region))},
                       **hovers(part["country"], part[value], unit,
                                shares=part["share"] if "share" in part else None, share_of=share_of,
                                details=[str(region)] * len(part))})
    return figure(traces, titled(title, value_title, None, height=max(360, 24 * len(shown) + 140),
                                 yaxis={"categoryorder": "array", "categoryarray": list(shown["country"])[::-1]}))
