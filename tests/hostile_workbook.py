"""A hostile workbook: formulas typed as text and HTML in every text column, a status and a country defined with markup."""

from __future__ import annotations

import io

import openpyxl

from socieux.store import Store, connect
from socieux.workbook import build_template, reference_from_connection

# Each evaluates to 4242 (or -4242, or the word "pwned") if a spreadsheet takes it for a formula.
FORMULAS = ["=2*2121", "+2*2121", "-2*2121", "@SUM(2,4240)", "\t=2*2121", "\r=2*2121",
            '=HYPERLINK("http://x.example","pwned")', "=cmd|' /C calc'!A0"]
COMPUTED = {"4242", "-4242", "pwned", "4242.0", "-4242.0"}
HELD = "<b>Held</b>"  # a status a workbook defines with markup
LAND = "<a href=javascript:alert(1)>Evil&amp;land</a>"  # a country likewise (with an entity)


def hostile_workbook(store: Store) -> bytes:
    """The import template of the store's current version filled with hostile text, as a staff member could."""
    con = connect(store.current())
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(build_template(reference_from_connection(con))))
    finally:
        con.close()
    _append(workbook["statuses"], dict(status=HELD, stage="action_implementation", meaning="=2*2121"))
    _append(workbook["countries"], dict(country=LAND, iso3="EVL", region="Africa", income_group="Low income",
                                        eligibility="@SUM(2,4240)", is_eligible="Yes"))
    for number, formula in enumerate(FORMULAS, start=1):
        _append(workbook["requests"], dict(
            code=f"2021-{number:02d}", country=LAND if number % 2 else "Togo",
            partner_institution=formula if number % 2 else f"<b>Ministry {number}</b>", title=formula,
            general_objective=f"<script>alert({number})</script>", area_of_work="SP",
            status=HELD if number % 2 else "Ongoing", gender_relevant="Yes", disability_relevant="No",
            date_received="2021-01-15", working_days=number, expenditure_eur=1000 * number,
        ))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _append(sheet, values: dict) -> None:
    header = [cell.value for cell in sheet[1]]
    sheet.append([values.get(name) for name in header])
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"  # typed text, as Excel stores '=2*21 typed with a leading quote
