"""Hovers in words: every point names its category, its value with the unit and, for parts of a whole, its share
(docs/definitions.md, "Numbers in words"). The words come from the one formatter, socieux/amounts.py, computed
here for each point, so a hover reads as the cards, tables and files do ("1 request", "12.5 working days")."""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Sequence

from socieux.amounts import is_missing, percent_text, quantity_text

# What a trace shows on hover: its own words for the point, nothing from Plotly (no "x: 3", no raw float).
HOVER_TEMPLATE = "%{hovertext}<extra></extra>"
HOVER_LINE = 46  # characters of a hover line that fit a phone's width (390 px) in the hover's 13 px font


def _lines(text: object) -> list[str]:
    """``text`` on lines that fit a phone's width: Plotly never wraps a hover, and cuts what passes the chart."""
    return [line for part in str(text).split("<br>")
            for line in textwrap.wrap(part, HOVER_LINE, break_long_words=False, break_on_hyphens=False) or [part]]


def hover_text(heading: object, *lines: object) -> str:
    """One hover: the category in bold, then each line that says something, every line fitting a phone."""
    return "<br>".join([*(f"<b>{line}</b>" for line in _lines(heading)),
                        *(wrapped_line for line in lines if line for wrapped_line in _lines(line))])


def share_line(share: float | None, share_of: str) -> str:
    """'45.5% of the requests in view'; nothing without a share."""
    return "" if is_missing(share) else f"{percent_text(share)} of {share_of}"


def hover_texts(
    categories: Iterable[object],
    values: Iterable[float],
    unit: str,
    *,
    series: str | Iterable[str] = "",
    shares: Iterable[float] | None = None,
    share_of: str = "the requests in view",
    decimals: int | None = None,
    details: Iterable[object] | None = None,
) -> list[str]:
    """Each point's hover: its category, ``series: value unit``, its share of ``share_of``, any ``details``
    (a line, or a tuple of lines, per point); ``series`` names the trace, or each point."""
    categories = list(categories)
    series = [series] * len(categories) if isinstance(series, str) else list(series)
    shares = list(shares) if shares is not None else [None] * len(categories)
    details = list(details) if details is not None else [()] * len(categories)
    texts = []
    for category, value, name, share, more in zip(categories, values, series, shares, details):
        value_line = quantity_text(value, unit, decimals)
        more = more if isinstance(more, Sequence) and not isinstance(more, str) else (more,)
        texts.append(hover_text(category, f"{name}: {value_line}" if name else value_line,
                                share_line(share, share_of), *more))
    return texts


def hovers(categories: Iterable[object], values: Iterable[float], unit: str, **words) -> dict:
    """A trace's ``hovertext`` and ``hovertemplate`` (``hover_texts``), to pass to ``add_bar``, ``go.Scatter`` ..."""
    return {"hovertext": hover_texts(categories, values, unit, **words), "hovertemplate": HOVER_TEMPLATE}
