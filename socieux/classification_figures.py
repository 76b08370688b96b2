"""Figures of the classifications: fields of intervention, types of assistance, SDGs (docs/definitions.md)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from socieux.amounts import count_text, number_text
from socieux.figures import TEMPLATE_NAME, colour_of, wrapped
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
    fig = go.Figure(go.Sunburst(
        ids=ids, labels=labels, parents=parents, values=values, branchvalues="remainder",
        marker=dict(colors=colours, line=dict(color="white", width=1)),
        hovertext=hover, hovertemplate=HOVER_TEMPLATE, insidetextorientation="radial", maxdepth=3,
    ))
    fig.update_layout(
        template=TEMPLATE_NAME, height=620, margin=dict(l=10, r=10, t=110, b=10),
        title_text=wrapped("Requests by field of intervention and area of work (a request with several fields "
                           "counts once per field)"),
    )
    return fig


def type_of_assistance_bars(df: pd.DataFrame, *, level: int, status_set: str) -> go.Figure:
    """Requests per type of assistance, stacked by area of work; synthetic types hatched, apart in the legend."""
    fig = go.Figure()
    counted = "requests" if status_set == "received" else "actions implemented"
    order = list(dict.fromkeys(df["type_of_assistance"]))
    for (area, source), part in df.groupby(["area", "source"], sort=False):
        fig.add_bar(
            y=part["type_of_assistance"], x=part["requests"], orientation="h",
            name=f"{area} · {source}", marker_color=colour_of(area),
            marker_pattern_shape=_PATTERN.get(source, ""),
            customdata=part[["type_code", "area"]].to_numpy(),
            **hovers(part["type_of_assistance"], part["requests"], counted, series=f"{area} ({source})",
                     shares=part["share"], share_of=f"the {counted} in view"),
        )
    fig.update_yaxes(categoryorder="array", categoryarray=order[::-1])
    what = "Requests" if status_set == "received" else "Actions implemented"
    level_words = {1: "group", 2: "type", 3: "sub-type"}[level]
    bars_height = max(220, 34 * len(order))
    legend_rows = df.groupby(["area", "source"]).ngroups
    fig.update_layout(
        barmode="stack", template=TEMPLATE_NAME, height=bars_height + 170 + 24 * legend_rows,
        title_text=wrapped(f"{what} by type of assistance ({level_words} level) and area of work; merged "
                           "requests counted, fractioned ones not"),
        xaxis_title=what,
        # the template's legend under the chart, one entry per line: the entries are long
        legend_orientation="v",
    )
    return fig


def sdg_bars(df: pd.DataFrame, *, title: str, share_of: str = "the requests in view") -> go.Figure:
    """Share of requests per SDG goal or target (shares add up to more than 100 %)."""
    labels = [f"{c} {lbl}" for c, lbl in zip(df["sdg_code"], df["label"])]
    fig = go.Figure(go.Bar(
        y=labels, x=df["share"], orientation="h", marker_color=colour_of("Social Protection"),
        **hovers(labels, df["requests"], "requests", shares=df["share"], share_of=share_of),
        text=[number_text(n) for n in df["requests"]], textposition="outside",
    ))
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(tickformat=".0%")
    fig.update_layout(template=TEMPLATE_NAME, height=max(360, 28 * len(df) + 160), title_text=wrapped(title),
                      xaxis_title="Share of requests (a request may have several SDGs)")
    return fig
