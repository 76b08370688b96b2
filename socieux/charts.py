"""The catalogue of charts: each chart named once, with its query and figure function.

Pages draw charts by name; the interim report pack walks the same catalogue, so every chart of
every page can be exported without opening a page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from socieux import figures
from socieux.geometry import world_map_figure

RunQuery = Callable[..., pd.DataFrame]  # run(name, filters, **extra) -> DataFrame


@dataclass(frozen=True)
class Chart:
    """One chart: what it answers, the query behind it, and how it is drawn."""

    chart_id: str
    page: str
    title: str
    query: str
    draw: Callable[..., go.Figure]   # draw(df, **options) -> Figure
    options: dict[str, Any] = field(default_factory=dict)   # default options, e.g. {"dimension": "area"}
    source_note: str = ""            # extra line for exports (e.g. a method footnote)
    synthetic: bool = False          # drawn from synthetic demo data

    def data(self, run: RunQuery, filters, **options: Any) -> pd.DataFrame:
        return run(self.query, filters, **{**self.options, **options})

    def figure(self, df: pd.DataFrame, **options: Any) -> go.Figure:
        return self.draw(df, **{**self.options, **options})


CATALOGUE: dict[str, Chart] = {}


def register(chart: Chart) -> Chart:
    if chart.chart_id in CATALOGUE:
        raise ValueError(f"Chart {chart.chart_id!r} is registered twice.")
    CATALOGUE[chart.chart_id] = chart
    return chart


def chart(chart_id: str) -> Chart:
    return CATALOGUE[chart_id]


def charts_of(page: str) -> list[Chart]:
    return [c for c in CATALOGUE.values() if c.page == page]


# -- Overview ---------------------------------------------------------------------------------------

register(Chart(
    "overview-period-area", "Overview", "Requests received by reporting period and area of work",
    "requests_by_period_and_area",
    lambda df: figures.stacked_bars(
        df, x="period", y="requests", colour="area_of_work",
        title="Requests received by reporting period and area of work",
        x_title="Reporting period of receipt", y_title="Requests received",
    ),
))
register(Chart(
    "overview-status", "Overview", "Requests by current status, grouped by stage",
    "requests_by_status", figures.requests_by_status,
))
register(Chart(
    "overview-region", "Overview", "Requests received by region", "requests_by_region",
    lambda df: figures.category_bars(df, category="region", value="requests",
                                     title="Requests received by region", value_title="Requests received"),
))
register(Chart(
    "overview-income-group", "Overview", "Requests received by income group of the partner country",
    "requests_by_income_group",
    lambda df: figures.category_bars(df, category="income_group", value="requests",
                                     title="Requests received by income group of the partner country",
                                     value_title="Requests received"),
    source_note="Income groups: World Bank classification FY2020 for most countries, one per country.",
))

# -- Requests ---------------------------------------------------------------------------------------

DIMENSION_LABELS = {"area": "Area of work", "region": "Region", "income_group": "Income group"}


def _requests_by_period_and_dimension(df: pd.DataFrame, *, dimension: str, show: str) -> go.Figure:
    as_share = show == "share"
    return figures.stacked_bars(
        df, x="period", y="share" if as_share else "requests", colour="category",
        title=f"Requests received by reporting period and {DIMENSION_LABELS[dimension].lower()}"
        + (" (share of the period)" if as_share else ""),
        x_title="Reporting period of receipt",
        y_title="Share of requests received in the period" if as_share else "Requests received",
        as_share=as_share,
    )


register(Chart(
    "requests-period-dimension", "Requests", "Requests received by reporting period and dimension",
    "requests_by_period_and_dimension", _requests_by_period_and_dimension,
    options={"dimension": "area", "show": "count"},
))
register(Chart(
    "requests-country-bars", "Requests", "Requests received by partner country (top 25)",
    "requests_by_country",
    lambda df: figures.country_bars(df, value="requests", value_title="Requests received",
                                    title="Requests received by partner country (top 25)"),
))
register(Chart(
    "requests-country-map", "Requests", "Requests received by partner country (map)",
    "requests_by_country",
    lambda df: world_map_figure(
        df["iso3"].tolist(), df["requests"].tolist(),
        [f"{c}: {n} requests, {i} implemented" for c, n, i in zip(df["country"], df["requests"], df["implemented"])],
        "Requests received by partner country", "Requests",
    ),
))
