"""The requests the synthetic rows hang on, read from ``request_action`` as numpy arrays."""

from __future__ import annotations

from dataclasses import dataclass, fields
from functools import cached_property

import duckdb
import numpy as np
import pandas as pd

UNKNOWN_EXPENDITURE = -1


@dataclass(frozen=True)
class RequestBatch:
    """Requests in code order; dates are days since 1970-01-01, days in half days, money in cents."""

    code: np.ndarray
    status: np.ndarray
    received: np.ndarray
    period_end: np.ndarray
    cut_off: np.ndarray
    half_days: np.ndarray
    cents: np.ndarray          # UNKNOWN_EXPENDITURE where expenditure_eur is NULL

    def __len__(self) -> int:
        return len(self.code)

    def rows(self, start: int, stop: int) -> "RequestBatch":
        """The requests from position ``start`` up to ``stop``."""
        return RequestBatch(**{f.name: getattr(self, f.name)[start:stop] for f in fields(self)})

    @cached_property
    def code_type(self) -> pd.CategoricalDtype:
        """The codes as categories, so rows can name their request by position."""
        return pd.CategoricalDtype(pd.Index(self.code, dtype=object))

    def in_statuses(self, statuses: tuple[str, ...]) -> np.ndarray:
        """Whether each request's status is one of ``statuses``."""
        return np.isin(self.status, np.array(statuses, dtype=object))


def read_requests(con: duckdb.DuckDBPyConnection) -> RequestBatch:
    """Every request with a receipt date and a reporting period, in code order."""
    columns = con.execute(
        """
        SELECT
            r.code,
            r.status,
            date_diff('day', DATE '1970-01-01', r.date_received) AS received,
            date_diff('day', DATE '1970-01-01', rp.end_date) AS period_end,
            date_diff('day', DATE '1970-01-01', r.as_of) AS cut_off,
            CAST(coalesce(r.working_days, 0) * 2 AS BIGINT) AS half_days,
            coalesce(CAST(r.expenditure_eur * 100 AS BIGINT), ?) AS cents
        FROM request_action r
        JOIN reporting_period rp
          ON rp.code = coalesce(
                 r.reporting_period,
                 (SELECT p.code FROM reporting_period p
                  WHERE r.date_received BETWEEN p.start_date AND p.end_date))
        WHERE r.date_received IS NOT NULL
        ORDER BY r.code
        """,
        [UNKNOWN_EXPENDITURE],
    ).fetchnumpy()
    return RequestBatch(
        code=np.asarray(columns["code"], dtype=object),
        status=np.asarray(columns["status"], dtype=object),
        **{
            name: np.asarray(columns[name], dtype=np.int64)
            for name in ("received", "period_end", "cut_off", "half_days", "cents")
        },
    )
