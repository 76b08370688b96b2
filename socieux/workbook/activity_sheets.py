"""The activities sheet: one row per activity of a request (code and activity number)."""

from __future__ import annotations

import pandas as pd

from socieux.workbook import rules
from socieux.workbook.columns import (
    FIX_DATE, _code, _duplicates, _flag, _frame, _parsed, _reference_check, _required, _text,
)
from socieux.workbook.reference import fold
from socieux.workbook.sheet_data import Context, SheetData

def check_activities(data: SheetData, ctx: Context) -> None:
    """Activities: a known request and an activity number once each, dates in order, at most 4 besides fact-finding."""
    if not _required(data, ctx):
        return
    code = _code(data, ctx)
    number = _parsed(data, ctx, "activity_no", rules.activity_number, "Write 0 for fact-finding, 1, 2, 2.1 ...")
    _duplicates(data, ctx, [code, number], "activity_no", "activity (code and activity number)")
    _reference_check(data, ctx, code)
    title = _text(data, ctx, "title")
    activity_type = _text(data, ctx, "activity_type")
    start = _parsed(data, ctx, "start_date", rules.parse_date, FIX_DATE)
    end = _parsed(data, ctx, "end_date", rules.parse_date, FIX_DATE)
    given_ff = _parsed(data, ctx, "is_fact_finding", rules.parse_bool, "Write Yes or No.")
    type_key = activity_type.fillna("").map(fold)
    derived_ff = (number == "0") | type_key.str.startswith("ffm") | type_key.str.contains("factfinding")
    fact_finding = given_ff.fillna(derived_ff).astype(bool)
    ends_before = (pd.to_datetime(end) < pd.to_datetime(start)).fillna(False).to_numpy(dtype=bool)
    _flag(data, ctx, "end_date", ends_before, "End date before the start date.", "Check the two dates.")

    frame = pd.DataFrame({"code": code, "number": number, "ff": fact_finding,
                          "top": pd.to_numeric(number.str.split(".").str[0], errors="coerce"),
                          "order": pd.to_numeric(number, errors="coerce"),
                          "study_visit": (type_key.str.startswith("stv")
                                          | type_key.str.contains("studyvisit")).to_numpy()})
    regular = frame[frame["code"].notna() & ~frame["ff"] & frame["order"].notna()]
    counts = regular.groupby("code")["top"].nunique()
    too_many = frame["code"].isin(counts[counts > 4].index).to_numpy() & ~frame["ff"].to_numpy()
    first_of_code = ~pd.Series(frame["code"].where(too_many)).duplicated().to_numpy()
    _flag(data, ctx, "code", too_many & first_of_code,
          "More than 4 activities besides fact-finding for this action.",
          "Check the activity numbers (sub-activities: 2.1).")
    if len(regular):
        bounds = regular.groupby("code")["order"].agg(["min", "max"])
        joined = frame.join(bounds, on="code")
        at_edge = (joined["order"] == joined["min"]) | (joined["order"] == joined["max"])
        mask = (joined["study_visit"] & at_edge & ~joined["ff"]).fillna(False).to_numpy(dtype=bool)
        _flag(data, ctx, "activity_type", mask, "A study visit is the first or last activity of its action.",
              "Check the order of the activities (a study visit is never first or last).")

    ctx.tables["activity"] = _frame({
        "code": code, "activity_no": number, "title": title,
        "activity_type": activity_type, "is_fact_finding": fact_finding,
        "modality": _text(data, ctx, "modality"), "start_date": start, "end_date": end,
        "status": _text(data, ctx, "status"),
        "working_days": _parsed(data, ctx, "working_days", rules.parse_days, "Write days as a number >= 0."),
        "mission_days": _parsed(data, ctx, "mission_days", rules.parse_days, "Write days as a number >= 0."),
        "participants_total": _parsed(data, ctx, "participants_total", rules.parse_integer, "Write a whole number."),
        "is_synthetic": False,
    }, len(data.rows))
