"""Cell values of an .xlsx workbook as text, read with python-calamine (cached values; formulas never evaluated)."""

from __future__ import annotations

import io
from datetime import date, datetime, time, timedelta

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import python_calamine

from socieux.workbook.model import Limits, UploadRejected


def open_workbook(content: bytes) -> python_calamine.CalamineWorkbook:
    try:
        return python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(content))
    except Exception:  # calamine raises its own error types for every kind of damage
        raise UploadRejected(
            "The workbook is damaged and cannot be read.",
            "Open the original in Excel, save it again as .xlsx and upload the new file.",
        ) from None


def sheet_rows(workbook: python_calamine.CalamineWorkbook, name: str, limits: Limits) -> list[list]:
    """All rows of a sheet from A1, as calamine values ('' for an empty cell)."""
    try:
        rows = workbook.get_sheet_by_name(name).to_python(skip_empty_area=False, nrows=limits.max_rows + 1)
    except Exception:
        raise UploadRejected(
            f"Sheet '{name}' is damaged and cannot be read.",
            "Open the original in Excel, save it again as .xlsx and upload the new file.",
        ) from None
    if len(rows) > limits.max_rows:
        raise UploadRejected(
            f"Sheet '{name}' has more than {limits.max_rows:,} rows, the limit per sheet.",
            "Split the data over several uploads, or delete empty formatted rows at the bottom of the sheet.",
        )
    if rows and len(rows[0]) > limits.max_columns:
        raise UploadRejected(
            f"Sheet '{name}' has {len(rows[0])} columns, above the limit of {limits.max_columns}.",
            "Delete the columns that are not needed (see the template for the expected columns).",
        )
    return rows


def cell_text(value) -> str | None:
    """One cell as the text a user sees (numbers without a spurious '.0', dates as yyyy-mm-dd); None if empty."""
    if value is None:
        return None
    if isinstance(value, str):
        value = value.strip()
        return value or None
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if value != value:
            return None
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat(sep=" ")
    if isinstance(value, (date, time)):
        return value.isoformat()
    if isinstance(value, timedelta):
        return str(value)
    return str(value)


def column_text(values: np.ndarray) -> pd.Series:
    """A column of calamine values as text (stripped; empty = missing).

    An all-text column goes through pyarrow in bulk; a mixed one converts each distinct value once.
    """
    try:
        strings = pa.array(values, type=pa.large_string())
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        codes, uniques = pd.factorize(np.asarray(values, dtype=object), use_na_sentinel=False)
        shown = pd.array([cell_text(value) for value in uniques], dtype="str")
        return pd.Series(shown.take(codes, allow_fill=True))
    trimmed = pc.utf8_trim_whitespace(strings)
    trimmed = pc.if_else(pc.equal(trimmed, ""), pa.scalar(None, pa.large_string()), trimmed)
    return pd.Series(pd.arrays.ArrowStringArray(trimmed.cast(pa.large_string())), dtype="str")
