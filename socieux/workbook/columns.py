"""The column checks every sheet shares: required columns, text, parsed values, codes, duplicates."""

from __future__ import annotations

import numpy as np
import pandas as pd

from socieux.workbook import rules
from socieux.workbook.model import ERROR, WARNING
from socieux.workbook.reference import fold
from socieux.workbook.sheet_data import Context, SheetData

GENDERS = {"male": "male", "m": "male", "man": "male", "h": "male", "homme": "male", "hombre": "male",
           "female": "female", "f": "female", "woman": "female", "femme": "female", "mujer": "female"}
FIX_REQUIRED = "Fill in the cell; use a placeholder such as 'tbc' only where the value is really unknown."
FIX_NUMBER = "Type a plain number (e.g. 1250.50); leave the cell empty, or write '-', when it is not known."
FIX_DATE = "Write the date as yyyy-mm-dd (e.g. 2021-03-15) or dd/mm/yyyy, or use an Excel date cell."


def _required(data: SheetData, ctx: Context) -> bool:
    """Missing required columns are errors (the sheet is then not checked further); blank required cells too."""
    missing = [column for column in data.spec.required if not data.has(column)]
    for column in missing:
        shown = _header_as_staff_write_it(data, column)
        ctx.log.error(data.name, data.header_row, column, None,
                      f"Required column '{shown}' is missing from sheet '{data.name}'.",
                      f"Add a column headed '{shown}' (see the template for the accepted headers).")
    if missing:
        return False
    for column in data.spec.required:
        cells = data.text(column)
        ctx.log.add_cells(ERROR, data.name, data.rows, data.header(column), cells, rules.blank(cells),
                          f"Required value missing in '{column}'.", FIX_REQUIRED)
    return True


# The headers of the final report's request table (docs/definitions.md), for messages about a sheet written in it.
REQUEST_TABLE_HEADERS = {"code": "Code", "country": "Country", "partner_institution": "Partner Institution",
                         "title": "Title", "area_of_work": "Area of work", "status": "Status",
                         "gender_relevant": "Gender Relevant", "disability_relevant": "Inclusive Disability Relevant"}


def _header_as_staff_write_it(data: SheetData, column: str) -> str:
    """'Status' for a sheet in the request-table layout (headers in title case), else the template's 'status'."""
    written = list(data.headers.values())
    title_case = sum(header[:1].isupper() for header in written if header) * 2 > len(written)
    return REQUEST_TABLE_HEADERS.get(column, column) if title_case and data.spec.name == "requests" else column


def _text(data: SheetData, ctx: Context, column: str) -> pd.Series:
    """Free text kept as written; placeholders and markup are flagged, never interpreted."""
    cells = data.text(column)
    if not data.has(column):
        return cells
    header = data.header(column)
    ctx.log.add_cells(WARNING, data.name, data.rows, header, cells, rules.placeholders(cells),
                      "Placeholder value (tbc, tbd, N.a. ...): accepted, but the record is incomplete.",
                      "Replace it with the real value when it is known.")
    ctx.log.add_cells(WARNING, data.name, data.rows, header, cells, rules.markup(cells),
                      "Text contains markup (<...> tags); it is kept as plain text and never run.",
                      "Remove the tags if they are not meant to be part of the text.")
    return cells


def _parsed(data: SheetData, ctx: Context, column: str, parser, fix: str) -> pd.Series:
    """A column read by ``parser``; a cell it cannot read is an error with the parser's reason."""
    cells = data.text(column)
    if parser is rules.parse_date and column in ctx.month_first.get(data.spec.name, ()):
        values, why = parser(cells, True)
    else:
        values, why = parser(cells)
    if data.has(column):
        ctx.log.add_reasons(ERROR, data.name, data.rows, data.header(column), cells, why, fix)
    return values


def _code(data: SheetData, ctx: Context, column: str = "code") -> pd.Series:
    """Request codes read as year, dash, number; a code that is not one is an error."""
    cells = data.text(column)
    values, why = rules.parse_code(cells, ctx.last_code_year)
    ctx.log.add_reasons(ERROR, data.name, data.rows, data.header(column), cells, why,
                        "Write the code as in the PMT: year of receipt, dash, number (e.g. 2021-07).")
    return values


def _choice(data: SheetData, ctx: Context, column: str, table: dict[str, str], what: str) -> pd.Series:
    """A small code list matched by its folded spelling; an unknown value is kept as written, with a warning."""
    cells = data.text(column)
    values, unknown = rules.lookup(cells, table, key=fold)
    ctx.log.add_cells(WARNING, data.name, data.rows, data.header(column), cells, unknown,
                      f"Unknown {what}; kept as written.", f"Use one of: {', '.join(dict.fromkeys(table.values()))}.")
    return values.where(~unknown, cells)


def _duplicates(data: SheetData, ctx: Context, keys: list[pd.Series], column: str, what: str) -> None:
    """An error on each row whose key an earlier row already has, naming both rows."""
    frame = pd.concat([k.reset_index(drop=True) for k in keys], axis=1)
    positions, firsts = rules.duplicates(frame)
    cells = data.text(column)
    fix = "Keep one row per record: merge or delete the duplicate."
    for position, first in zip(positions[: ctx.log.cap], firsts[: ctx.log.cap]):
        ctx.log.add(ERROR, data.name, int(data.rows[position]), data.header(column), cells.iloc[position],
                    f"Duplicate {what}: rows {int(data.rows[first])} and {int(data.rows[position])} have the same.",
                    fix)
    if len(positions) > ctx.log.cap:
        ctx.log.add(ERROR, data.name, None, data.header(column), None,
                    f"... and {len(positions) - ctx.log.cap:,} more duplicate rows ({what}).", fix)


def _flag(data: SheetData, ctx: Context, column: str, mask: np.ndarray, rule: str, fix: str,
          severity: str = WARNING) -> None:
    """One issue per cell of ``column`` where ``mask`` holds."""
    ctx.log.add_cells(severity, data.name, data.rows, data.header(column), data.text(column), mask, rule, fix)


def _known_codes(ctx: Context, sheet_codes: pd.Series | None = None) -> frozenset[str]:
    """Request codes in the current data and in this workbook's requests sheet (computed once per upload)."""
    if "known_codes" not in ctx.cache:
        codes = set(ctx.reference.known_codes)
        requests = ctx.tables.get("request_action")
        if requests is not None:
            codes.update(requests["code"].dropna().unique())
        elif sheet_codes is not None:
            codes.update(sheet_codes.dropna().unique())
        ctx.cache["known_codes"] = frozenset(codes)
    return ctx.cache["known_codes"]


def _not_in(values: pd.Series, known) -> np.ndarray:
    """Non-empty values outside a (possibly large) set, tested once per distinct value."""
    return _on_distinct_values(values, lambda value: value not in known)


def _reference_check(data: SheetData, ctx: Context, codes: pd.Series, column: str = "code") -> None:
    """Well-formed codes that name no request in this workbook or the current data: warning."""
    unknown = _not_in(codes, _known_codes(ctx))
    _flag(data, ctx, column, unknown,
          "No request with this code in the workbook or in the current data (legacy or typo?).",
          "Check the code; add the request to the requests sheet if it is missing.")


def _cited_codes(data: SheetData, ctx: Context) -> pd.Series:
    """Request codes read (one that is not a code is an error) that should name a known request (else a warning)."""
    code = _code(data, ctx)
    _reference_check(data, ctx, code)
    return code


def _unique_ids(data: SheetData, ctx: Context, column: str, what: str) -> pd.Series:
    """An id column as written, without surrounding spaces; a second row with the same id is an error."""
    ids = _text(data, ctx, column).str.strip()
    _duplicates(data, ctx, [ids], column, what)
    return ids


def _on_distinct_values(cells: pd.Series, test) -> np.ndarray:
    """A yes/no test run once per distinct non-empty value."""
    codes, uniques = pd.factorize(cells)
    passed = np.fromiter((bool(test(value)) for value in uniques), dtype=bool, count=len(uniques))
    return np.append(passed, False)[codes]


def _frame(columns: dict[str, object], size: int) -> pd.DataFrame:
    """The rows of a table: series as they are, single values repeated on every row."""
    return pd.DataFrame({name: (value if isinstance(value, pd.Series) else [value] * size)
                         for name, value in columns.items()}, index=range(size))


def _listed(codes: list[str], shown: int = 30) -> str:
    """Codes for a message: the first ``shown``, then how many more."""
    more = f" and {len(codes) - shown:,} more" if len(codes) > shown else ""
    return ", ".join(codes[:shown]) + more
