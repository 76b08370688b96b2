"""The catalogue's entries: a chart named once, with its query and figure function, and the registry of them.

The page modules of this package register their charts here; socieux/charts/__init__.py imports them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from socieux.figures import fitted, plotly_labels, plotly_text

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
    inputs: tuple[str, ...] = ()     # inputs it needs (socieux/indicators.py INPUT_LABELS); none: always drawable
    # What a click on a point filters: point attribute (x, y, label, customdata.0, id.1 ...) -> sidebar filter
    # key; "{dimension}" is the chart's option of that name (see socieux/ui/layout.py, clicked_filters).
    selects: dict[str, str] = field(default_factory=dict)
    # Options under which ``selects`` holds (e.g. {"cohort_mode": "period"}); none: whatever the options.
    clickable_when: dict[str, Any] = field(default_factory=dict)
    # True: ``draw`` takes ``title`` and is given this chart's, so the title is declared here only.
    titled: bool = False
    # The option naming this chart's rows when its query answers several charts in one pass: the rows whose
    # ``dimension`` column holds that option's value (e.g. "dimension": "region"); "" = every row.
    rows_of: str = ""

    def query_call(self, **options: Any) -> tuple[str, dict[str, Any]]:
        """The query this chart's data comes from and its extra parameters: its options, overridden by ``options``."""
        return self.query, {**self.options, **options}

    def data(self, run: RunQuery, filters, **options: Any) -> pd.DataFrame:
        name, chosen = self.query_call(**options)
        df = run(name, filters, **chosen)
        if not self.rows_of:
            return df
        return df[df["dimension"] == chosen[self.rows_of]].drop(columns="dimension").reset_index(drop=True)

    def figure(self, df: pd.DataFrame, **options: Any) -> go.Figure:
        """The figure of ``df``: every text from the data or the URL escaped once, here, so it shows as text."""
        chosen = {name: _escaped(value, plotly_text) for name, value in {**self.options, **options}.items()}
        if self.titled:
            chosen["title"] = self.title
        return fitted(self.draw(plotly_labels(df), **chosen))

    def click_filters(self, **options: Any) -> dict[str, str]:
        """``selects`` with the chart's options filled in; none where the options leave the chart unclickable."""
        chosen = {**self.options, **options}
        if any(chosen.get(name) != value for name, value in self.clickable_when.items()):
            return {}
        return {attribute: key.format(**chosen) for attribute, key in self.selects.items()}


def _escaped(value: Any, escape: Callable[[object], object]) -> Any:
    if isinstance(value, (list, tuple)):
        return type(value)(escape(v) for v in value)
    return escape(value)


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
