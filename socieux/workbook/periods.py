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


def receipt_periods(code: pd.Series, given_date: pd.Series, given_estimate: pd.Series, given_period: pd.Series,
                    reference: ReferenceData) -> ReceiptPeriods:
    """Resolve the receipt date and period of every row of a requests sheet (object arrays: 200,000 rows in
    well under a second)."""
    dates = given_date.to_numpy(dtype=object).copy()
    estimate = given_estimate.to_numpy(dtype=object).copy()
    period = np.where(given_period.notna().to_numpy(), given_period.to_numpy(dtype=object), None)
    given = (given_date.notna() | given_period.notna()).to_numpy()
    present = code.notna().to_numpy()
    stored = reference.request_periods
    kept = present & ~given & code.isin(stored.keys()).to_numpy()
    if kept.any():
        current = [stored[c] for c in code[kept]]
        dates[kept] = [c[0] for c in current]
        estimate[kept] = [c[1] for c in current]
        period[kept] = [c[2] for c in current]
    derived = present & ~given & ~kept
    if derived.any():
        dates[derived] = _estimated_dates(code, given_date, derived, stored)
        estimate[derived] = True
    dates = np.where(pd.isna(dates), None, dates)
    resolved = _periods_of(dates, reference.period_bounds)
    resolved = np.where(period == None, resolved, period)  # noqa: E711
    # A derived date fixes its period at once, so the chart by period does not depend on the view's fallback.
    period = np.where(derived, resolved, period)
    without = present & (resolved == None)  # noqa: E711
    return ReceiptPeriods(pd.Series(dates, dtype=object), pd.Series(estimate, dtype=object).fillna(False).astype(bool),
                          pd.Series(period, dtype=object), kept, derived, without)


def _periods_of(dates: np.ndarray, bounds) -> np.ndarray:
    """The reporting period of each date (None outside every period or without a date)."""
    days = pd.to_datetime(pd.Series(dates, dtype=object), errors="coerce").to_numpy()
    out = np.full(len(dates), None, dtype=object)
    for code, start, end in bounds:
        inside = (days >= np.datetime64(start)) & (days <= np.datetime64(end))
        out[inside & (out == None)] = code  # noqa: E711
    return out


def _estimated_dates(code: pd.Series, given_date: pd.Series, targets: np.ndarray, stored: dict) -> list[date]:
    """A receipt date for codes YYYY-NN: the date of the nearest earlier code of the same year (else the
    nearest later one); with no dated code that year, the order spread evenly over the year."""
    pool = {c: d for c, (d, _estimate, _period) in stored.items() if d is not None}
    has_date = given_date.notna().to_numpy() & code.notna().to_numpy()
    pool.update(zip(code[has_date], given_date[has_date]))
    every = pd.Series(list(set(stored) | set(code.dropna())), dtype=object)
    year_order = every.str.split("-", n=1, expand=True).astype(int)
    max_order = year_order.groupby(0)[1].max().to_dict()
    dated = pd.DataFrame([(*_year_order(c), pd.Timestamp(d)) for c, d in pool.items()],
                         columns=["year", "order", "day"]).sort_values("order")
    wanted = code[targets].str.split("-", n=1, expand=True).astype(int).set_axis(["year", "order"], axis=1)
    wanted = wanted.assign(position=np.arange(len(wanted))).sort_values("order")
    if len(dated):
        before = pd.merge_asof(wanted, dated, on="order", by="year", direction="backward")
        after = pd.merge_asof(wanted, dated, on="order", by="year", direction="forward")
        later = after.set_index("position")["day"].reindex(before["position"])
        wanted = before.assign(day=before["day"].fillna(pd.Series(later.to_numpy(), index=before.index)))
    else:
        wanted = wanted.assign(day=pd.NaT)
    spread = [date(y, 1, 1) + timedelta(days=int((o - 0.5) / max(max_order.get(y, o), o, 1) * 364))
              for y, o in zip(wanted["year"], wanted["order"])]
    days = [s if pd.isna(d) else d.date() for s, d in zip(spread, wanted["day"])]
    out = [None] * len(days)
    for position, day in zip(wanted["position"], days):
        out[position] = day
    return out


def _year_order(code: str) -> tuple[int, int]:
    year, _, order = code.partition("-")
    return int(year), int(order)
