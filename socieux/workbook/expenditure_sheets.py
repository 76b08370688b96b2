"""The expenditure sheet: one line per amount spent on a request."""

from __future__ import annotations

import pandas as pd

from socieux.workbook import rules
from socieux.workbook.columns import (
    FIX_DATE, FIX_NUMBER, _cited_codes, _duplicates, _flag, _frame, _parsed, _required, _text,
)
from socieux.workbook.model import ERROR
from socieux.workbook.sheet_data import Context, SheetData

def check_expenditure(data: SheetData, ctx: Context) -> None:
    """Expenditure lines: a known request, an amount in euros, a line id once (else code and row)."""
    if not _required(data, ctx):
        return
    code = _cited_codes(data, ctx)
    amount_cells = data.text("amount_eur")
    amount, why = rules.parse_number(amount_cells, money=True)
    ctx.log.add_reasons(ERROR, data.name, data.rows, data.header("amount_eur"), amount_cells, why, FIX_NUMBER)
    unknown_amount = (amount.isna() & amount_cells.notna()).to_numpy() & (why == None)  # noqa: E711
    _flag(data, ctx, "amount_eur", unknown_amount, "An expenditure line needs an amount ('-' or N.a. is not one).",
          "Type the amount, or delete the line.", ERROR)
    given = data.text("line_id").str.strip()
    generated = code.fillna("") + "/" + pd.Series(data.rows.astype(str))
    line_id = given.where(given.notna(), generated)
    _duplicates(data, ctx, [line_id], "line_id" if data.has("line_id") else "code", "expenditure line id")
    category = _text(data, ctx, "cost_category")
    budget = _text(data, ctx, "budget_type")
    ctx.tables["expenditure_line"] = _frame({
        "line_id": line_id, "code": code,
        "activity_no": _parsed(data, ctx, "activity_no", rules.activity_number, "Write 0, 1, 2, 2.1 ..."),
        "assignment_id": data.text("assignment_id").str.strip(),
        "cost_category": category.where(category.notna(), "Total"),
        "amount_eur": amount,
        "expense_date": _parsed(data, ctx, "expense_date", rules.parse_date, FIX_DATE),
        "budget_type": budget.where(budget.notna(), "Actual"),
        "is_synthetic": False,
    }, len(data.rows))
