"""The upload template: an Instructions sheet, one sheet per entity with commented headers and drop-downs."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from socieux.exports import neutralise_workbook
from socieux.workbook.reference import ReferenceData
from socieux.workbook.sheets import SHEETS, Column

VALIDATED_ROWS = 5000
_REQUIRED_FILL = PatternFill("solid", fgColor="DCE6F2")
_OPTIONAL_FILL = PatternFill("solid", fgColor="F2F2F2")
_FORMATS = {
    "code": "text YYYY-NN (e.g. 2021-07)",
    "code_link": "a request code YYYY-NN",
    "bool": "Yes or No (also Y/N, True/False, 1/0, Oui/Non, Sí/No)",
    "days": "number >= 0, whole or half days (3 or 3.5)",
    "money": "number in euro, '.' for decimals; empty or '-' = not known",
    "number": "number",
    "int": "whole number",
    "date": "date: yyyy-mm-dd, dd/mm/yyyy or an Excel date",
    "status": "a status from the drop-down (or defined in the statuses sheet)",
    "area": "Social Protection or Labour & Employment",
    "country": "a partner country from the drop-down (usual aliases accepted; others in the countries sheet)",
    "activity_no": "0 = fact-finding, 1-4, sub-activity 2.1",
    "period": "reporting period code (RP1 ...)",
    "stage": "request, action_preparation, action_implementation or closed",
    "region": "a region from the drop-down",
    "income_group": "a World Bank income group from the drop-down",
    "nationality": "country name",
    "text": "text",
}
INSTRUCTIONS = (
    ("How to fill this workbook", None),
    ("1. Fill one row per record under the header row of each sheet; do not rename or move the headers.", None),
    ("2. Every sheet is optional: upload only the sheets you have (e.g. only 'requests'). Delete or leave empty "
     "the others.", None),
    ("3. Blue headers are required, grey ones optional. Hover over a header to read what it means, its format "
     "and an example.", None),
    ("4. Formats: dates as yyyy-mm-dd (or dd/mm/yyyy); yes/no as Yes or No; days in whole or half days; amounts "
     "in euro with '.' for decimals (leave empty or write '-' when not known, never 0).", None),
    ("5. Type values, never formulas: a cell with a formula is refused (copy, then Paste Special > Values).", None),
    ("6. Never enter names, e-mail addresses, phone numbers or CVs of experts, focal points or respondents: "
     "use pseudonymous ids (expert_id, response_id). Open survey answers are not imported.", None),
    ("7. A status or country the dashboard does not know is an error, unless you define it in the 'statuses' or "
     "'countries' sheet of the same workbook.", None),
    ("8. Survey sheets (pif, exf, paf): one row per response, one column per closed question (Q01 ...); "
     "answers as on the form (EN, FR or ES labels, or a score 1-5).", None),
    ("9. Upload: on the Upload page, choose the file. It is checked first; the report lists every problem with "
     "sheet, row, column and how to fix it. Errors block the upload, warnings do not. Nothing is loaded until "
     "the whole workbook is free of errors; then it becomes a new dataset version (the previous one stays "
     "available).", None),
    ("10. The facility's request list (Code, Country, Partner Institution, Title ... Status) is also accepted "
     "as it is, in a single sheet.", None),
    (None, None),
    ("as_of", None),   # the user types the export date in column B of this row
)
AS_OF_NOTE = "<- the date the data was exported (yyyy-mm-dd), e.g. 2021-09-30; or give it on the Upload page"


def build_template(reference: ReferenceData) -> bytes:
    """The .xlsx upload template for the current code lists."""
    workbook = Workbook()
    instructions = workbook.active
    instructions.title = "Instructions"
    for text, note in INSTRUCTIONS:
        instructions.append([text, note])
    instructions["A1"].font = Font(bold=True, size=14)
    instructions.column_dimensions["A"].width = 120
    instructions.column_dimensions["B"].width = 40
    for row in instructions.iter_rows(min_row=2):
        row[0].alignment = Alignment(wrap_text=True, vertical="top")
    instructions.cell(row=len(INSTRUCTIONS), column=1).font = Font(bold=True)
    instructions.cell(row=len(INSTRUCTIONS), column=3).value = AS_OF_NOTE

    lists = _lists_sheet(workbook, reference)
    for name, spec in SHEETS.items():
        sheet = workbook.create_sheet(name)
        columns = list(spec.columns)
        questions = []
        if spec.table == "survey_response":
            form = name.upper()
            questions = [code for code in reference.survey_questions.get(form, {})]
        for position, column in enumerate(columns, start=1):
            _header(sheet, position, column.name, _comment(column), column.required)
        for offset, question in enumerate(questions, start=len(columns) + 1):
            scale = reference.survey_questions[name.upper()][question]
            _header(sheet, offset, question.replace(".", ""),
                    f"{name.upper()} {question}, scale {scale}. Answer as on the form (EN/FR/ES label) or a score "
                    "1-5; Yes/No for YN questions. Optional.", False)
        sheet.freeze_panes = "A2"
        _validations(sheet, columns, lists)
    lists.sheet_state = "hidden"
    workbook.move_sheet(lists, offset=len(workbook.sheetnames))
    buffer = io.BytesIO()
    neutralise_workbook(workbook).save(buffer)
    return buffer.getvalue()


def _comment(column: Column) -> str:
    parts = [column.meaning or column.name, "Required." if column.required else "Optional.",
             f"Format: {_FORMATS.get(column.kind, 'text')}."]
    if column.example:
        parts.append(f"Example: {column.example}")
    return "\n".join(parts)


def _header(sheet, position: int, title: str, note: str, required: bool) -> None:
    cell = sheet.cell(row=1, column=position, value=title)
    cell.font = Font(bold=True)
    cell.fill = _REQUIRED_FILL if required else _OPTIONAL_FILL
    cell.comment = Comment(note, "SOCIEUX+ dashboard", width=320, height=140)
    sheet.column_dimensions[get_column_letter(position)].width = max(14, min(40, len(title) + 4))


def _lists_sheet(workbook: Workbook, reference: ReferenceData):
    """Hidden sheet holding the drop-down lists; returns it with a map list name -> range formula."""
    sheet = workbook.create_sheet("lists")
    columns = {
        "status": list(reference.status_labels),
        "area": list(reference.area_labels),
        "country": list(reference.country_labels),
        "bool": ["Yes", "No"],
        "stage": sorted(set(reference.stages.values())),
        "region": list(dict.fromkeys(reference.regions.values())),
        "income_group": list(dict.fromkeys(reference.income_groups.values())),
    }
    sheet.ranges = {}
    for position, (name, values) in enumerate(columns.items(), start=1):
        sheet.cell(row=1, column=position, value=name)
        for row, value in enumerate(values, start=2):
            cell = sheet.cell(row=row, column=position, value=value)
            cell.data_type = "s"
        letter = get_column_letter(position)
        sheet.ranges[name] = f"=lists!${letter}$2:${letter}${max(2, len(values) + 1)}"
    return sheet


def _validations(sheet, columns: list[Column], lists) -> None:
    for position, column in enumerate(columns, start=1):
        source = lists.ranges.get(column.kind)
        if source is None:
            continue
        letter = get_column_letter(position)
        validation = DataValidation(type="list", formula1=source, allow_blank=True, showDropDown=False,
                                    showErrorMessage=True, errorStyle="warning",
                                    error="Not in the list: check the spelling (aliases are accepted).")
        validation.add(f"{letter}2:{letter}{VALIDATED_ROWS}")
        sheet.add_data_validation(validation)


