"""read_and_validate: workbook bytes and the current code lists in, report and normalised tables out (pure)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from datetime import date

import numpy as np
import pandas as pd

from socieux.workbook import tables
from socieux.workbook.container import SheetPart, check_container, column_letter, find_formulas
from socieux.workbook.headers import (
    AS_OF_KEYS,
    HeaderMatch,
    find_header,
    guess_kind,
    is_ignored_sheet,
    sheet_kind_by_name,
)
from socieux.workbook.issues import IssueLog
from socieux.workbook.model import DEFAULT_LIMITS, ERROR, Issue, Limits, UploadRejected, ValidationResult
from socieux.workbook.reading import cell_text, column_text, open_workbook, sheet_rows
from socieux.workbook.reference import ReferenceData, fold
from socieux.workbook.rules import parse_date
from socieux.workbook.sheet_data import Context, SheetData
from socieux.workbook.sheets import SHEETS, SheetSpec

_CELL_REFERENCE = re.compile(r"([A-Z]+)([0-9]+)")


def read_and_validate(content: bytes, file_name: str, reference: ReferenceData, *, as_of: date | None = None,
                      limits: Limits = DEFAULT_LIMITS, month_first: Iterable[str] = ()) -> ValidationResult:
    """Check an uploaded workbook and return the report and the tables to load.

    The rules: docs/definitions.md, "What an upload is checked against".

    `month_first` names date columns written mm/dd/yyyy, as 'sheet.column' (e.g. 'requests.date_received').
    """
    try:
        return _validate(content, file_name, reference, as_of, limits, month_first)
    except UploadRejected as rejected:
        return ValidationResult([Issue(ERROR, None, None, None, None, rejected.rule, rejected.fix)])
    except MemoryError:
        return ValidationResult([Issue(ERROR, None, None, None, None, "The workbook is too large to check.",
                                       "Split the data over several smaller uploads.")])
    except Exception as unexpected:  # a file must never crash the page: report it as a whole-file error
        return ValidationResult([Issue(
            ERROR, None, None, None, None,
            f"The workbook could not be checked ({type(unexpected).__name__}).",
            "Save the file again as .xlsx from Excel and retry; if it persists, send the file to the dashboard team.",
        )])


def _validate(content: bytes, file_name: str, reference: ReferenceData, as_of: date | None,
              limits: Limits, month_first: Iterable[str]) -> ValidationResult:
    parts = check_container(content, file_name, limits)
    log = IssueLog(limits.max_issues_per_rule)
    workbook = open_workbook(content)
    available = set(workbook.sheet_names)
    sheets: dict[str, SheetData] = {}
    instructions_as_of: list[tuple[str, int, str]] = []
    title_as_of: list[tuple[str, int, str, str]] = []
    any_cell = False
    header_only: list[str] = []
    formula_sheets: list[tuple[SheetPart, list[str], int]] = []

    for part in parts:
        if part.name not in available:
            continue
        references, total = find_formulas(content, part, limits.max_issues_per_rule)
        if total:
            formula_sheets.append((part, references, total))
        rows = sheet_rows(workbook, part.name, limits)
        head = [[cell_text(value) for value in row] for row in rows[:30]]
        if any(cell is not None for row in head for cell in row) or len(rows) > 30:
            any_cell = True
        if is_ignored_sheet(part.name):
            instructions_as_of.extend(_as_of_cells(part.name, head))
            continue
        kind = sheet_kind_by_name(part.name)
        header = find_header(SHEETS[kind], head) if kind else None
        if kind is None:
            guessed = guess_kind(head)
            if guessed is None:
                if any(cell is not None for row in head for cell in row):
                    log.warning(part.name, None, None, None,
                                "Sheet not recognised: its name and headers match none of the template sheets; "
                                "it was not imported.",
                                "Rename it to one of: " + ", ".join(SHEETS) + " (see the template), or delete it.")
                continue
            kind, header = guessed
        spec = SHEETS[kind]
        if header is None:
            log.error(part.name, None, None, None,
                      f"No header row found in the first 30 rows of sheet '{part.name}'.",
                      "Put the column names in one row above the data: " + ", ".join(spec.required) + " ...")
            continue
        if kind in sheets:
            log.error(part.name, None, None, None,
                      f"Two sheets hold {kind}: '{sheets[kind].name}' and '{part.name}'.",
                      "Put all rows of one kind in one sheet.")
            continue
        title_as_of.extend(_title_dates(part.name, head[:header.row_index]))
        data = _sheet_data(part.name, spec, header, rows, log)
        del rows
        if len(data.rows) == 0:
            header_only.append(part.name)
            continue
        sheets[kind] = data

    if not any_cell:
        raise UploadRejected("The workbook is empty: none of its sheets holds any value.",
                             "Fill in the template (one row per record under the header row) and upload it.")
    if not sheets:
        if any(issue.severity == ERROR for issue in log.issues):
            return ValidationResult(log.finish())
        if header_only:
            raise UploadRejected(
                "The workbook has header rows but no data rows (sheets: " + ", ".join(header_only) + ").",
                "Enter at least one record under the header row, then upload again.",
            )
        raise UploadRejected(
            "No sheet of the workbook matches the template (" + ", ".join(SHEETS) + ").",
            "Use the template's sheet names and column headers, or the facility's request list layout.",
        )

    by_name = {data.name: data for data in sheets.values()}
    for part, references, total in formula_sheets:
        _report_formulas(log, part.name, references, total, by_name.get(part.name))

    workbook_as_of = _workbook_as_of(sheets, instructions_as_of, log)
    as_of_source = "an as_of cell or column of the workbook" if workbook_as_of else None
    if workbook_as_of is None and title_as_of:
        sheet, row, text, found = title_as_of[0]
        workbook_as_of = _workbook_as_of({}, [(sheet, row, found)], log)
        as_of_source = f"the title row '{text}' (sheet '{sheet}', row {row})"
    effective_as_of = as_of or workbook_as_of
    if as_of and workbook_as_of and as_of != workbook_as_of:
        log.warning(None, None, "as_of", workbook_as_of.isoformat(),
                    f"The workbook says its data is as of {workbook_as_of}, the upload form says {as_of}; "
                    f"{as_of} is used.", "Check which date is right.")
    # Without a date the page asks for one before loading; checks against the data date wait for it.
    as_of_given = effective_as_of is not None
    effective_as_of = effective_as_of or date.today()

    context = Context(reference, effective_as_of, max(date.today(), effective_as_of).year + 1, log, sheets,
                      as_of_given=as_of_given)
    for setting in month_first:
        sheet, _, column = setting.partition(".")
        context.month_first.setdefault(sheet.strip().lower(), set()).add(column.strip())
    for kind, check in tables.CHECKS.items():
        if kind in sheets:
            check(sheets[kind], context)
    tables.cross_checks(context)

    issues = in_sheet_order(log.finish(), [part.name for part in parts], sheets)
    result = ValidationResult(issues, {}, workbook_as_of or as_of,
                              {data.name: list(data.extras) for data in sheets.values() if data.extras},
                              as_of_source=as_of_source)
    if not result.has_errors:
        result.tables = context.tables
        result.carried = context.carried
        result.added_rows = context.added_rows
    return result


def in_sheet_order(issues: list[Issue], sheet_order: list[str], sheets: dict[str, SheetData]) -> list[Issue]:
    """Issues with their Excel cell (B7), whole-file issues first, then by sheet, row and column as in the file."""
    letters = {data.name: {header: letter for letter, header in data.letters.items()} for data in sheets.values()}
    for data in sheets.values():
        letters[data.name].update({canonical: letters[data.name].get(header) for canonical, header in
                                   data.headers.items()})
    position = {name: index for index, name in enumerate(sheet_order)}

    def located(issue: Issue) -> Issue:
        letter = letters.get(issue.sheet, {}).get(issue.column)
        if issue.cell or letter is None or issue.row is None:
            return issue
        return replace(issue, cell=f"{letter}{issue.row}")

    def order(issue: Issue) -> tuple:
        letter = (issue.cell or "").rstrip("0123456789")
        summary = issue.row is None and issue.rule.startswith("... and")  # "and N more" closes its sheet's list
        row = float("inf") if summary else (issue.row or 0)
        return (issue.sheet is not None, position.get(issue.sheet, len(position)), row,
                len(letter), letter, issue.severity != ERROR)

    return sorted((located(issue) for issue in issues), key=order)


def _sheet_data(name: str, spec: SheetSpec, header: HeaderMatch, rows: list[list], log: IssueLog) -> SheetData:
    header_cells = [cell_text(value) for value in rows[header.row_index]]
    data_rows = rows[header.row_index + 1:]
    first_row = header.row_index + 2
    width = len(header_cells)
    grid = np.empty((len(data_rows), width), dtype=object)
    if data_rows:
        grid[:] = data_rows

    def cells(position: int) -> pd.Series:
        return column_text(grid[:, position])

    columns, headers, extras, questions = {}, {}, {}, {}
    letters = {column_letter(p + 1): (header_cells[p] or column_letter(p + 1)) for p in range(width)}
    for first, repeated, canonical in header.duplicates:
        log.error(name, header.row_index + 1, header_cells[repeated], header_cells[repeated],
                  f"Column '{canonical}' appears twice: '{header_cells[first]}' (column {column_letter(first + 1)}) "
                  f"and '{header_cells[repeated]}' (column {column_letter(repeated + 1)}).",
                  "Keep one of the two columns.")
    for position, canonical in header.columns.items():
        columns[canonical] = cells(position)
        headers[canonical] = header_cells[position]
    for position, code in header.questions.items():
        questions[code] = (header_cells[position], cells(position))
    as_of = cells(header.as_of) if header.as_of is not None else None
    known = set(header.columns) | set(header.questions) | set(header.personal) | {header.as_of}
    known |= {repeated for _, repeated, _ in header.duplicates}
    for position in header.personal:
        log.warning(name, header.row_index + 1, header_cells[position], None,
                    "Column names people or their contacts (personal data): it was not imported.",
                    "Leave names, e-mails and contacts out of uploads; use pseudonymous ids.")
    for position in range(width):
        if position in known:
            continue
        column = cells(position)
        if header_cells[position] is None and column.isna().all():
            continue
        extras[header_cells[position] or column_letter(position + 1)] = column

    frame = pd.DataFrame({**columns, **{f"q{k}": v[1] for k, v in questions.items()},
                          **{f"x{k}": v for k, v in extras.items()}})
    keep = frame.notna().any(axis=1).to_numpy() if len(frame.columns) else np.zeros(len(data_rows), dtype=bool)
    excel_rows = np.arange(first_row, first_row + len(data_rows))[keep]

    def kept(series: pd.Series) -> pd.Series:
        return series[keep].reset_index(drop=True)

    return SheetData(
        name=name, spec=spec, header_row=header.row_index + 1, rows=excel_rows,
        columns={k: kept(v) for k, v in columns.items()}, headers=headers,
        extras={k: kept(v) for k, v in extras.items()},
        questions={k: (h, kept(v)) for k, (h, v) in questions.items()},
        as_of=kept(as_of) if as_of is not None else None, letters=letters,
    )


def _as_of_cells(sheet: str, head: list[list[str | None]]) -> list[tuple[str, int, str]]:
    """An 'as_of' label followed by a date on the same row of the Instructions sheet."""
    found = []
    for index, row in enumerate(head):
        for position, cell in enumerate(row[:-1]):
            if cell is not None and fold(cell) in AS_OF_KEYS and row[position + 1] is not None:
                found.append((sheet, index + 1, row[position + 1]))
    return found


_DATE_IN_TEXT = re.compile(r"(?<!\d)(\d{1,2}[/.-]\d{1,2}[/.-]\d{4}|\d{4}-\d{2}-\d{2})(?!\d)")


def _title_dates(sheet: str, rows: list[list[str | None]]) -> list[tuple[str, int, str, str]]:
    """Dates in the title rows above a sheet's header, e.g. 'Export of 28/09/2020' (sheet, row, text, date)."""
    found = []
    for index, row in enumerate(rows):
        for cell in row:
            match = _DATE_IN_TEXT.search(cell) if cell else None
            if match:
                found.append((sheet, index + 1, cell, match.group(1)))
    return found


def _workbook_as_of(sheets: dict[str, SheetData], cells: list[tuple[str, int, str]], log: IssueLog) -> date | None:
    """The single as-of date the workbook states (an as_of column or an 'as_of' cell); several = error."""
    candidates: list[tuple[str, int | None, str]] = list(cells)
    for data in sheets.values():
        if data.as_of is not None:
            present = data.as_of.notna().to_numpy()
            for value in dict.fromkeys(data.as_of[present]):
                row = int(data.rows[np.flatnonzero((data.as_of == value).to_numpy())[0]])
                candidates.append((data.name, row, value))
    dates = set()
    for sheet, row, value in candidates:
        parsed, why = parse_date(pd.Series([value], dtype="str"))
        if why[0] is not None:
            log.error(sheet, row, "as_of", value, f"as_of: {why[0]}", "Write the as-of date as yyyy-mm-dd.")
        else:
            dates.add(parsed.iloc[0])
    if len(dates) > 1:
        log.error(None, None, "as_of", ", ".join(sorted(d.isoformat() for d in dates)),
                  "The workbook gives several as-of dates; one upload is one snapshot.",
                  "Use one as-of date for the whole workbook, or split it into several uploads.")
        return None
    return dates.pop() if dates else None


def _report_formulas(log: IssueLog, sheet: str, references: list[str], total: int, data: SheetData | None) -> None:
    for reference in references:
        letters, row = _CELL_REFERENCE.fullmatch(reference).groups()
        column = data.letters.get(letters, letters) if data else letters
        log.error(sheet, int(row), column, None,
                  f"Cell {reference} holds a formula; formulas are not accepted (only typed values are).",
                  "Type the value instead of the formula (copy, then Paste Special > Values).")
    if total > len(references):
        log.error(sheet, None, None, None, f"... and {total - len(references):,} more cells with formulas.",
                  "Type the value instead of the formula (copy, then Paste Special > Values).")
