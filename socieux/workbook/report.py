"""The validation report as an .xlsx workbook: one row per issue, errors first; every value written as text."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

from socieux.exports import cell_text, neutralise_workbook
from socieux.workbook.model import ERROR, ValidationResult

HEADERS = ("Severity", "Cell", "Sheet", "Row", "Column", "Rule", "How to fix", "Value")
WIDTHS = (10, 8, 16, 8, 24, 70, 70, 30)
EXCEL_CELL_LIMIT = 32_767
_ERROR_FILL = PatternFill("solid", fgColor="FDE2E1")
_WARNING_FILL = PatternFill("solid", fgColor="FFF4CE")


def _as_text(value) -> str | None:
    """Text safe for a cell (``neutralise_workbook`` keeps it from being a formula)."""
    return None if value is None else cell_text(value)


def report_workbook(result: ValidationResult, file_name: str) -> bytes:
    """The report of one upload as .xlsx bytes (an Issues sheet with filter and frozen header, and a Summary)."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Issues"
    sheet.append(HEADERS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for issue in result.issues:  # in sheet and row order, as the check gives them
        values = (issue.severity, issue.cell, issue.sheet, issue.row, issue.column, issue.rule, issue.fix, issue.value)
        row = sheet.max_row + 1
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(row=row, column=column)
            if column == 4 and value is not None:
                cell.value = int(value)
                continue
            cell.value = _as_text(value)
            cell.data_type = "s"   # a value starting with '=' stays text, never a formula
        sheet.cell(row=row, column=1).fill = _ERROR_FILL if issue.severity == ERROR else _WARNING_FILL
    for index, width in enumerate(WIDTHS):
        sheet.column_dimensions[chr(65 + index)].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:H{max(sheet.max_row, 1)}"

    summary = workbook.create_sheet("Summary")
    lines = (
        ("File", file_name),
        ("Errors (block the load)", len(result.errors())),
        ("Warnings (the data loads)", len(result.warnings())),
        ("As of", result.as_of.isoformat() if result.as_of else "not stated in the workbook"),
        ("Tables ready to load",
         ", ".join(f"{name} ({len(frame)})" for name, frame in result.tables.items()) or "none"),
    )
    for label, value in lines:
        summary.append([label, None])
        cell = summary.cell(row=summary.max_row, column=2)
        cell.value = _as_text(value) if isinstance(value, str) else value
        if isinstance(value, str):
            cell.data_type = "s"
    summary.column_dimensions["A"].width = 28
    summary.column_dimensions["B"].width = 80
    buffer = io.BytesIO()
    neutralise_workbook(workbook).save(buffer)
    return buffer.getvalue()
