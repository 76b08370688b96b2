"""The Logframe indicators page's tables, assembled once per dataset version, filters and options.

Judging every period of 25 indicators against their targets is Python work on small query results; with
it shared by every session a rerun of the page only draws (docs/performance.md, "Cheap reruns").
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from socieux.charts.indicators import chart_id_of
from socieux.filters import Filters
from socieux.indicators import (
    INDICATORS,
    assess,
    difference_note,
    display_table,
    indicator,
    indicator_summary,
    missing_inputs,
    uses_synthetic,
)
from socieux.ui.data import derived, prefetch, query
from socieux.ui.layout import chart_data


@dataclass(frozen=True)
class IndicatorTables:
    table: pd.DataFrame        # one row per reporting period, in the facility's words
    difference: str | None     # where the computed values differ from the final report's, and why
    sources: tuple[str, ...]   # where the targets come from


def _indicator_tables(indicator_id: str, filters: Filters, options: tuple) -> IndicatorTables:
    spec = indicator(indicator_id)
    params = spec.query_params(**dict(options))
    targets = query("indicator_targets", indicator_id=indicator_id)
    assessed = assess(chart_data(chart_id_of(spec), filters, **params), spec, targets,
                      synthetic=availability()[indicator_id].synthetic)
    reported = query("indicator_reported", indicator_id=indicator_id)
    return IndicatorTables(display_table(assessed, spec, reported), difference_note(assessed, spec, reported),
                           tuple(sorted(set(targets["source"].dropna()))))


def indicator_tables(indicator_id: str, filters: Filters, options: dict) -> IndicatorTables:
    """One indicator's section: its table, its difference with the report and its target sources."""
    return derived(_indicator_tables, indicator_id, filters, tuple(sorted(options.items())))


def _summary(filters: Filters) -> pd.DataFrame:
    # Its queries computed side by side first: 54 of them, each indicator's values, targets and report figures.
    return indicator_summary(query, filters, prefetch=lambda calls: prefetch(filters, calls))


def summary(filters: Filters) -> pd.DataFrame:
    """Every indicator at its headline period with its default options (socieux/indicators.py)."""
    return derived(_summary, filters)


@dataclass(frozen=True)
class Availability:
    missing: tuple[str, ...]   # the inputs this version does not hold, in words (empty: computable)
    synthetic: bool            # an input holds synthetic demo rows


def _availability() -> dict[str, Availability]:
    inputs = query("indicator_inputs")
    return {spec.indicator_id: Availability(tuple(missing_inputs(spec, inputs)), uses_synthetic(spec, inputs))
            for spec in INDICATORS}


def availability() -> dict[str, Availability]:
    """What each indicator needs that this version lacks, and whether it rests on synthetic rows: indicator -> ..."""
    return derived(_availability)


def _set_words() -> dict[str, str]:
    return {row["Set"]: f"{row['Name']}: {row['Definition']}" for _, row in query("status_sets").iterrows()}


def set_words() -> dict[str, str]:
    """The "implemented" sets in the words stored with them (data/reference/status_sets.csv): set -> words."""
    return derived(_set_words)
