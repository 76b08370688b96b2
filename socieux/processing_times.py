"""What the Processing times page reads off its queries: the latest cohort against the LF-O6 target, and how
many requests are still in processing (docs/definitions.md, "Processing times")."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from socieux.indicators import BEHIND, MET, ON_TRACK, target_mark

DECISION_MEASURE = "Receipt to approval or rejection"  # queries/processing/processing_decision_by_cohort.sql, column measure


@dataclass(frozen=True)
class DecisionReading:
    """The latest cohort's median weeks to a decision and, where a target is set, whether it is on track."""

    cohort: str
    median_weeks: float
    requests: int
    target_weeks: float | None
    mark: str | None        # ON_TRACK when the median is at most the target, BEHIND otherwise; None without one


def latest_decision(by_cohort: pd.DataFrame) -> DecisionReading | None:
    """The last cohort of ``by_cohort`` (queries/processing/processing_decision_by_cohort.sql); None when none is decided."""
    decision = by_cohort[by_cohort["measure"] == DECISION_MEASURE]
    if decision.empty:
        return None
    last = decision.iloc[-1]
    target = float(last["target_weeks"]) if pd.notna(last["target_weeks"]) else None
    mark = None
    if target is not None:
        # A time target: reached when the median is at most it (socieux/indicators.py, target_mark).
        reached = target_mark(last["median_weeks"], target, higher_is_better=False) == MET
        mark = ON_TRACK if reached else BEHIND
    return DecisionReading(str(last["cohort"]), float(last["median_weeks"]), int(last["requests"]), target, mark)


def open_requests_words(in_processing: int, shown: int) -> str:
    """How many requests are in processing, and which of them the page shows."""
    if in_processing > shown:
        return (f"{in_processing:,} requests are in a non-terminal status at the data date; the {shown:,} oldest "
                f"are shown. The downloads contain all {in_processing:,}.")
    return (f"{in_processing:,} request{'' if in_processing == 1 else 's'} in a non-terminal status at the data "
            "date, oldest first.")
