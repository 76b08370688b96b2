"""Charts of the Requests page."""

import pandas as pd
import plotly.graph_objects as go

from socieux import figures
from socieux.amounts import count_text
from socieux.charts.catalogue import Chart, register
from socieux.geometry import with_countries, world_map_figure
from socieux.hovers import hover_texts

DIMENSION_LABELS = {"area": "Area of work", "region": "Region", "income_group": "Income group"}


def _requests_by_period_and_dimension(df: pd.DataFrame, *, dimension: str, show: str) -> go.Figure:
    as_share = show == "share"
    return figures.stacked_bars(
        df, x="period", y="share" if as_share else "requests", colour="category",
        title=f"Requests received by reporting period and {DIMENSION_LABELS[dimension].lower()}"
        + (" (share of the period)" if as_share else ""),
        x_title="Reporting period of receipt",
        y_title="Share of requests received in the period" if as_share else "Requests received",
        as_share=as_share, total_of="category",
        share_of="the requests received in the period" if as_share else "the requests in view",
    )


register(Chart(
    "requests-period-dimension", "Requests", "Requests received by reporting period and dimension",
    "requests_by_period_and_dimension", _requests_by_period_and_dimension,
    options={"dimension": "area", "show": "count"},
    selects={"x": "period", "legendgroup": "{dimension}"},
))
register(Chart(
    "requests-country-bars", "Requests", "Requests received by partner country (top 25)",
    "requests_by_country",
    lambda df, title: figures.country_bars(df, value="requests", value_title="Requests received", title=title),
    selects={"y": "country"}, titled=True,
))
register(Chart(
    "requests-country-map", "Requests", "Requests received by partner country (map)",
    "requests_by_country",
    lambda df: with_countries(world_map_figure(
        df["iso3"].tolist(), df["requests"].tolist(),
        hover_texts(df["country"], df["requests"], "requests", shares=df["share"],
                    details=[count_text(n, "actions implemented") for n in df["implemented"]]),
        "Requests received by partner country", "Requests",
    ), df),
    selects={"customdata": "country"},
))
