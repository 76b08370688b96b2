"""What the checks of an upload work on: each recognised sheet's cells (SheetData) and what they share (Context)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import numpy as np
import pandas as pd

from socieux.workbook.issues import IssueLog
from socieux.workbook.reference import ReferenceData
from socieux.workbook.sheets import SheetSpec


@dataclass
class SheetData:
    """One recognised sheet: its data rows as text, by canonical column, with the headers as written."""

    name: str
    spec: SheetSpec
    header_row: int                                   # Excel row number of the header
    rows: np.ndarray                                  # Excel row number of each data row
    columns: dict[str, pd.Series]                     # canonical column -> cells as text
    headers: dict[str, str]                           # canonical column -> header as written
    extras: dict[str, pd.Series] = field(default_factory=dict)       # header as written -> cells
    questions: dict[str, tuple[str, pd.Series]] = field(default_factory=dict)  # 'Q.05' -> (header, cells)
    as_of: pd.Series | None = None
    letters: dict[str, str] = field(default_factory=dict)             # column letter -> header as written
    _empty: pd.Series | None = field(default=None, repr=False)

    def header(self, column: str) -> str:
        return self.headers.get(column, column)

    def text(self, column: str) -> pd.Series:
        """The cells of a column, or an all-empty column when the sheet does not have it."""
        if column in self.columns:
            return self.columns[column]
        if self._empty is None:
            self._empty = pd.Series(pd.array([None] * len(self.rows), dtype="str"))
        return self._empty

    def has(self, column: str) -> bool:
        return column in self.columns


@dataclass
class Context:
    """What the checks of one upload share: code lists (extended by the workbook's own definitions) and results."""

    reference: ReferenceData
    as_of: date
    last_code_year: int
    log: IssueLog
    sheets: dict[str, SheetData] = field(default_factory=dict)
    new_statuses: dict[str, str] = field(default_factory=dict)        # status_key -> status, from the workbook
    new_status_stages: dict[str, str] = field(default_factory=dict)
    new_countries: dict[str, str] = field(default_factory=dict)       # country_key -> country
    new_eligible: set[str] = field(default_factory=set)
    new_ineligible: set[str] = field(default_factory=set)
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    cache: dict[str, object] = field(default_factory=dict)
    month_first: dict[str, set[str]] = field(default_factory=dict)   # sheet kind -> date columns read mm/dd/yyyy
    carried: dict[str, tuple[str, ...]] = field(default_factory=dict)
    added_rows: dict[str, pd.DataFrame] = field(default_factory=dict)
    as_of_given: bool = True    # False: no date yet (the load form asks); checks against the data date are skipped
