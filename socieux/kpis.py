"""Headline KPIs: definitions in the facility's words, and the comparison with the previous period."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

# Whether a rise is good news (green) or neither (grey) on the card.
RISE_IS_GOOD = {"received": True, "implemented": True, "working_days": True,
                "expert_working_days": True, "assignments": True, "experts_mobilised": True, "nationalities": True}

# KPI column of queries/kpi_totals.sql -> (card label, definition shown as help).
HEADLINE_KPIS: dict[str, tuple[str, str]] = {
    "received": (
        "Requests received",
        "Every request code received from partner institutions in scope, merged, fractioned and "
        "withdrawn ones included, counted in the reporting period of receipt.",
    ),
    "in_processing": (
        "In processing",
        "Requests and actions still open at the data date: every non-terminal status (Request, "
        "Eligible, Relevant, Fact-finding, Fractioned, Under consideration, In formulation, Submitted, "
        "Approved, Ongoing, On-hold, Addendum).",
    ),
    "implemented": (
        "Actions implemented",
        "Approved and implemented actions (original logframe): status Ongoing, Completed, Evaluated "
        "or Stopped at the data date; On-hold is not counted.",
    ),
    "closed": (
        "Closed",
        "Requests and actions in a terminal status at the data date: Non-eligible, Rejected, "
        "Non-relevant, Merged, Non-feasible, Objected, Not-approved, Withdrawn, Cancelled, Stopped, "
        "Completed, Evaluated.",
    ),
    "working_days": (
        "Expert working days",
        "Total effective (paid) expert working days recorded on the requests in scope, half days "
        "included; fact-finding and preparatory work count.",
    ),
    "expenditure_eur": (
        "Action expenditure (EUR)",
        "Action-related expenditure recorded on the requests in scope, allied costs included. "
        "Requests with no expenditure recorded count as unknown, not as zero.",
    ),
}


# KPI column of queries/expert_kpi_totals.sql -> (card label, definition shown as help), domain.md §6.
EXPERT_KPIS: dict[str, tuple[str, str]] = {
    "expert_working_days": (
        "Expert working days",
        "Effective (paid) working days of the expert assignments in scope, half days included, "
        "fact-finding missions included; counted in the reporting period of the activity's start.",
    ),
    "assignments": (
        "Assignments",
        "Expert assignments (one expert on one activity) in scope, counted in the reporting period "
        "of the activity's start.",
    ),
    "experts_mobilised": (
        "Experts mobilised",
        "Distinct experts with at least one assignment in scope; an expert mobilised several times "
        "counts once.",
    ),
    "nationalities": (
        "Nationalities",
        "Distinct nationalities of the experts mobilised in scope (as recorded at the assignment).",
    ),
}

# Every KPI a card can show.
KPI_DEFINITIONS: dict[str, tuple[str, str]] = {**HEADLINE_KPIS, **EXPERT_KPIS}


@dataclass(frozen=True)
class PeriodChange:
    """A KPI in one reporting period against the period before it."""

    period: str
    previous_period: str
    value: float
    previous_value: float

    @property
    def change(self) -> float:
        return self.value - self.previous_value

    @property
    def percent(self) -> float | None:
        if self.previous_value == 0:
            return None
        return 100.0 * self.change / self.previous_value


def compared_period(
    by_period: pd.DataFrame, selected_periods: tuple[str, ...], has_data: str = "received"
) -> str | None:
    """The period the cards compare: the latest selected one, else the latest with data in ``has_data``."""
    ordered = by_period.sort_values("sort_order")
    if selected_periods:
        candidates = ordered[ordered["period"].isin(selected_periods)]
    else:
        candidates = ordered[ordered[has_data] > 0]
    if candidates.empty:
        return None
    return str(candidates.iloc[-1]["period"])


def period_change(by_period: pd.DataFrame, period: str | None, measure: str) -> PeriodChange | None:
    """``measure`` in ``period`` against the reporting period just before it (None if there is none)."""
    if period is None:
        return None
    ordered = by_period.sort_values("sort_order").reset_index(drop=True)
    position = ordered.index[ordered["period"] == period]
    if len(position) == 0 or position[0] == 0:
        return None
    current, previous = ordered.iloc[position[0]], ordered.iloc[position[0] - 1]
    return PeriodChange(
        period=period,
        previous_period=str(previous["period"]),
        value=float(current[measure]),
        previous_value=float(previous[measure]),
    )
