"""The reporting period of each request of an upload, when the sheet gives no receipt date (docs/definitions.md,
"Reporting period without a receipt date").

Order of precedence: the sheet's date received or reporting period; else, for a code already in the data, its
current date, estimate flag and period; else a date estimated from the code's year and order (flagged as an
estimate, so it stays out of duration KPIs).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
import pandas as pd

from socieux.workbook.reference import ReferenceData


@dataclass
class ReceiptPeriods:
    """Receipt date, estimate flag and reporting period per row, and how each was obtained."""

    date_received: pd.Series
    is_estimate: pd.Series
    reporting_period: pd.Series
    kept: np.ndarray          # taken from the current data (code already known)
    derived: np.ndarray       # estimated from the code's year and order
    without_period: np.ndarray


def period_of(day, bounds) -> str | None:
    """The reporting period whose dates hold ``day`` (None outside every period)."""
    if day is None or pd.isna(day):
        return None
    for code, start, end in bounds:
        if start <= day <= end:
            return code
    return None


def receipt_periods(code: pd.Series, given_date: pd.Series, given_estimate: pd.Series, given_period: pd.Series,
                    reference: ReferenceData) -> ReceiptPeriods:
    """Resolve the receipt date and period of every row of a requests sheet."""
    n = len(code)
    dates = pd.Series(given_date.to_numpy(dtype=object), dtype=object)
    estimate = pd.Series(given_estimate.to_numpy(dtype=object), dtype=object)
    period = pd.Series(given_period.to_numpy(dtype=object), dtype=object).where(given_period.notna().to_numpy(), None)
    given = (given_date.notna() | given_period.notna()).to_numpy()
    present = code.notna().to_numpy()
    stored = reference.request_periods
    kept = present & ~given & code.isin(stored.keys()).to_numpy()
    for position in np.flatnonzero(kept):
        dates.iat[position], estimate.iat[position], period.iat[position] = stored[code.iat[position]]
    derived = present & ~given & ~kept
    if derived.any():
        estimated = _estimated_dates(code, given_date, derived, stored)
        for position, day in zip(np.flatnonzero(derived), estimated):
            dates.iat[position], estimate.iat[position] = day, True
    estimate = estimate.where(estimate.notna(), False).astype(bool)
    bounds = reference.period_bounds
    resolved = [p if p is not None else period_of(d, bounds) for p, d in zip(period, dates)]
    derived_period = pd.Series(resolved, dtype=object)
    # A derived date fixes its period at once, so the chart by period does not depend on the view's fallback.
    period = period.where(~derived, derived_period)
    without = present & derived_period.isna().to_numpy()
    return ReceiptPeriods(dates.where(dates.notna(), None), estimate, period.where(period.notna(), None),
                          kept, derived, without)


def _estimated_dates(code: pd.Series, given_date: pd.Series, targets: np.ndarray, stored: dict) -> list[date]:
    """A receipt date for codes YYYY-NN: the date of the nearest earlier code of the same year (else the
    nearest later one); with no dated code that year, the order spread evenly over the year."""
    pool = {c: d for c, (d, _estimate, _period) in stored.items() if d is not None}
    has_date = given_date.notna().to_numpy() & code.notna().to_numpy()
    pool.update(zip(code[has_date], given_date[has_date]))
    all_codes = set(stored) | set(code.dropna())
    max_order: dict[int, int] = {}
    for c in all_codes:
        year, order = _year_order(c)
        max_order[year] = max(max_order.get(year, 0), order)
    dated = pd.DataFrame([(*_year_order(c), pd.Timestamp(d)) for c, d in pool.items()],
                         columns=["year", "order", "day"]).sort_values("order")
    wanted = pd.DataFrame([(*_year_order(c), i) for i, c in enumerate(code[targets])],
                          columns=["year", "order", "position"]).sort_values("order")
    if len(dated):
        before = pd.merge_asof(wanted, dated, on="order", by="year", direction="backward")
        after = pd.merge_asof(wanted, dated, on="order", by="year", direction="forward")
        later = after.set_index("position")["day"].reindex(before["position"])
        wanted = before.assign(day=before["day"].fillna(pd.Series(later.to_numpy(), index=before.index)))
    else:
        wanted = wanted.assign(day=pd.NaT)
    out = [None] * int(targets.sum())
    for year, order, position, day in wanted[["year", "order", "position", "day"]].itertuples(index=False):
        if pd.isna(day):
            share = (order - 0.5) / max(max_order.get(year, order), order, 1)
            out[position] = date(year, 1, 1) + timedelta(days=int(share * 364))
        else:
            out[position] = day.date()
    return out


def _year_order(code: str) -> tuple[int, int]:
    year, _, order = code.partition("-")
    return int(year), int(order)
