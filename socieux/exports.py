"""Downloads of the data behind tables and charts: CSV and XLSX with the context written in."""

from __future__ import annotations

import io
import re
from datetime import date

import pandas as pd
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook

# A spreadsheet reads a cell starting with one of these as a formula (or DDE command): OWASP "CSV injection".
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
EXCEL_CELL_LIMIT = 32_767


def starts_like_formula(value: object) -> bool:
    """Whether a text value would be taken for a formula by Excel or LibreOffice (numbers never are)."""
    return isinstance(value, str) and value.startswith(FORMULA_TRIGGERS)


def neutralised(value: object) -> object:
    """A cell value that no spreadsheet evaluates: formula-like text gets a leading single quote; the rest is unchanged.

    The OWASP CSV-injection advice: prefix such a cell with ' (CSV has no cell types, so this is the only
    mark Excel and LibreOffice honour); in .xlsx the same mark is the cell's quotePrefix flag on a string
    cell (see ``neutralise_workbook``), which keeps the characters exactly as uploaded (docs/definitions.md).
    """
    return "'" + value if starts_like_formula(value) else value


def cell_text(value: object) -> str:
    """Text an .xlsx cell can hold: control characters dropped, cut at Excel's cell limit."""
    text = ILLEGAL_CHARACTERS_RE.sub("", str(value))
    return text if len(text) <= EXCEL_CELL_LIMIT else text[: EXCEL_CELL_LIMIT - 1] + "…"


def neutralise_workbook(workbook: Workbook) -> Workbook:
    """Make every text cell of an openpyxl workbook a plain string cell: no formula leaves the app.

    openpyxl turns any string starting with '=' into a formula; every writer of the app calls this
    before saving, so text from the data stays text and numbers stay numbers.
    """
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f" or isinstance(cell.value, str):
                    text = cell_text(cell.value)
                    cell.value = text
                    cell.data_type = "s"
                    if starts_like_formula(text):
                        cell.quotePrefix = True
    return workbook


def file_stem(*parts: str) -> str:
    """A file name stem from words: 'Requests', 'Region Africa', '2020-09-28' -> requests_region-africa_2020-09-28."""
    cleaned = [re.sub(r"[^a-z0-9]+", "-", part.lower()).strip("-") for part in parts if part]
    return "_".join(p for p in cleaned if p)[:150]


def to_csv_bytes(df: pd.DataFrame) -> bytes:
    """UTF-8 CSV with a byte-order mark so that Excel opens accents correctly; formula-like text neutralised."""
    safe = df.rename(columns=lambda name: neutralised(str(name)))
    for position in range(safe.shape[1]):
        safe.isetitem(position, _neutralised_column(safe.iloc[:, position]))
    return safe.to_csv(index=False).encode("utf-8-sig")


def _neutralised_column(values: pd.Series) -> pd.Series:
    """``neutralised`` applied to a whole column at once (a full-size download has millions of cells)."""
    if pd.api.types.is_numeric_dtype(values) or pd.api.types.is_datetime64_any_dtype(values):
        return values
    text = values.astype(object)
    try:
        formula_like = text.str[:1].isin(FORMULA_TRIGGERS)
    except AttributeError:  # no text in the column (dates, empty)
        return values
    return text.mask(formula_like, "'" + text[formula_like]) if formula_like.any() else values


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
        neutralise_workbook(writer.book)
    return buffer.getvalue()


def date_stamp(value: date | str | None) -> str:
    return str(value)[:10] if value else ""
