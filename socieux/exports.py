"""Downloads of the data behind tables and charts: CSV and XLSX with the context written in."""

from __future__ import annotations

import io
import re
from datetime import date

import pandas as pd
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter


def file_stem(*parts: str) -> str:
    """A file name stem from words: 'Requests', 'Region Africa', '2020-09-28' -> requests_region-africa_2020-09-28."""
    cleaned = [re.sub(r"[^a-z0-9]+", "-", part.lower()).strip("-") for part in parts if part]
    return "_".join(p for p in cleaned if p)[:150]


# A text cell starting with one of these is run as a formula by Excel (docs/definitions.md, "Downloads").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def as_inert_text(df: pd.DataFrame) -> pd.DataFrame:
    """Text cells that Excel would run as a formula, prefixed with an apostrophe; numbers and dates untouched."""
    out = df.copy()
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(
                lambda v: "'" + v if isinstance(v, str) and v.startswith(FORMULA_STARTS) else v)
    return out


def to_csv_bytes(df: pd.DataFrame) -> bytes:
    """UTF-8 CSV with a byte-order mark so that Excel opens accents correctly; no cell is a live formula."""
    return as_inert_text(df).to_csv(index=False).encode("utf-8-sig")


def to_xlsx_bytes(sheets: dict[str, pd.DataFrame], context: list[str] | None = None) -> bytes:
    """An .xlsx with one sheet per DataFrame; ``context`` lines (title, filters, data date) head each sheet."""
    buffer = io.BytesIO()
    header_rows = len(context or []) + (1 if context else 0)
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for sheet_name, df in sheets.items():
            name = re.sub(r"[\[\]:*?/\\]", " ", sheet_name)[:31] or "Data"
            df.to_excel(writer, sheet_name=name, index=False, startrow=header_rows)
            sheet = writer.sheets[name]
            for row, line in enumerate(context or [], start=1):
                sheet.cell(row=row, column=1, value=line).font = Font(bold=row == 1)
            for row in sheet.iter_rows():
                for cell in row:
                    if cell.data_type == "f":  # text that looks like a formula stays text
                        cell.data_type = "s"
            for column, title in enumerate(df.columns, start=1):
                width = max([len(str(title))] + [len(str(v)) for v in df.iloc[:200, column - 1]]) + 2
                sheet.column_dimensions[get_column_letter(column)].width = min(width, 60)
                sheet.cell(row=header_rows + 1, column=column).font = Font(bold=True)
    return buffer.getvalue()


def date_stamp(value: date | str | None) -> str:
    return str(value)[:10] if value else ""
