"""Figures of the classifications: fields of intervention, types of assistance, SDGs (docs/definitions.md)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from socieux.amounts import count_text, number_text
from socieux.figures import LEGEND_LINE, LINE_PX, colour_of, figure, label_lines, titled
from socieux.hovers import HOVER_TEMPLATE, hover_text, hovers, share_line

# Parts of a hierarchy node's id: "<area of work>|<code>" (a click on it filters both).
ID_SEPARATOR = "|"
SYNTHETIC_SOURCE = "Synthetic demo data"
_PATTERN = {"Published in the final report": "", "Uploaded": ".", SYNTHETIC_SOURCE: "/", "No type recorded": ""}


def field_sunburst(df: pd.DataFrame) -> go.Figure:
    """Area of work -> category -> sub-area -> field; each sector's own size = requests with exactly that field."""
    ids, labels, parents, values, colours, hover = [], [], [], [], [], []
    for area, rows in df.groupby("area", sort=False):
        ids.append(area)
        labels.append(area)
        parents.append("")
        values.append(0)
        colours.append(colour_of(area))
        hover.append(hover_text(area, count_text(rows.loc[rows["level"] == 1, "requests_in_branch"].sum(),
                                                 "request-field classifications"), "by category"))
        for row in rows.itertuples():
            ids.append(f"{area}{ID_SEPARATOR}{row.field_code}")
            code = "" if row.field_code == "Not classified" else f"{row.field_code} "
            labels.append(f"{code}{row.field}")
            parents.append(area if pd.isna(row.parent_code) else f"{area}{ID_SEPARATOR}{row.parent_code}")
            values.append(int(row.requests_with_field))
            colours.append(colour_of("Not recorded") if row.field_code == "Not classified" else colour_of(area))
            hover.append(hover_text(f"{code}{row.field} ({area})",
                                    f"With this field: {count_text(row.requests_with_field, 'requests')}",
                                    f"At or below it (each once): {count_text(row.requests_in_branch, 'requests')}",
                                    share_line(row.share_in_view, "the requests in view")))
    sunburst = {
        "type": "sunburst", "ids": ids, "labels": labels, "parents": parents, "values": values,
        "branchvalues": "remainder", "marker": {"colors": colours, "line": {"color": "white", "width": 1}},
        "hovertext": hover, "hovertemplate": HOVER_TEMPLATE, "insidetextorientation": "radial", "maxdepth": 3,
    }
    return figure([sunburst], titled(
        "Requests by field of intervention and area of work (a request with several fields counts once per field)",
        height=620, margin={"l": 10, "r": 10, "t": 110, "b": 10},
    ))


def type_of_assistance_bars(df: pd.DataFrame, *, level: int, status_set: str) -> go.Figure:
    """Requests per type of assistance, stacked by area of work; synthetic types hatched, apart in the legend."""
    counted = "requests" if status_set == "received" else "actions implemented"
    order = list(dict.fromkeys(df["type_of_assistance"]))
    traces = [
        {"type": "bar", "y": part["type_of_assistance"], "x": part["requests"], "orientation": "h",
         "name": f"{area} · {source}", "marker": {"color": colour_of(area), "pattern": {"shape": _PATTERN.get(source, "")}},
         "customdata": part[["type_code", "area"]].to_numpy(),
         **hovers(part["type_of_assistance"], part["requests"], counted, series=f"{area} ({source})",
                  shares=part["share"], share_of=f"the {counted} in view")}
        for (area, source), part in df.groupby(["area", "source"], sort=False)
    ]
    what = "Requests" if status_set == "received" else "Actions implemented"
    level_words = {1: "group", 2: "type", 3: "sub-type"}[level]
    # Rows tall enough for the labels as fitted() wraps them, and room of its own for the legend under the chart (one
    # entry per area and source, each on as many lines as fitted() wraps it to): fitted()'s own estimate of a chart's
    # height keeps room for a short legend only.
    bars_height = max(220, len(order) * max(34, label_lines(order) * LINE_PX))
    legend_height = sum(label_lines([trace["name"]], width=LEGEND_LINE) * LINE_PX + 10 for trace in traces)
    return figure(traces, titled(
        f"{what} by type of assistance ({level_words} level) and area of work; merged requests counted, "
        "fractioned ones not", what, None,
        barmode="stack", height=bars_height + 170 + legend_height,
        yaxis={"categoryorder": "array", "categoryarray": order[::-1]},
        legend={"orientation": "v"},  # the template's legend under the chart, one entry per line: the entries are long
    ))


def sdg_bars(df: pd.DataFrame, *, title: str, share_of: str = "the requests in view") -> go.Figure:
    """Share of requests per SDG goal or target (shares add up to more than 100 %)."""
    labels = [f"{c} {lbl}" for c, lbl in zip(df["sdg_code"], df["label"])]
    bar = {"type": "bar", "y": labels, "x": df["share"], "orientation": "h",
           "marker": {"color": colour_of("Social Protection")},
           **hovers(labels, df["requests"], "requests", shares=df["share"], share_of=share_of),
           "text": [number_text(n) for n in df["requests"]], "textposition": "outside"}
    return figure([bar], titled(title, "Share of requests (a request may have several SDGs)", None,
                                height=max(360, 28 * len(df) + 160),
                                xaxis={"tickformat": ".0%"}, yaxis={"autorange": "reversed"}))
