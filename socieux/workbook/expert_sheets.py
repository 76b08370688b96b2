"""The experts sheet (pseudonymous ids only) and the assignments of experts to activities."""

from __future__ import annotations

import pandas as pd

from socieux.workbook import rules
from socieux.workbook.columns import (
    FIX_DATE, GENDERS, _choice, _code, _duplicates, _flag, _frame, _not_in, _parsed, _required, _text,
)
from socieux.workbook.model import ERROR
from socieux.workbook.sheet_data import Context, SheetData

ELIGIBILITY_AREAS = {"eu": "EU", "pc": "PC", "noneligible": "Non-Eligible", "ne": "Non-Eligible"}
MAIN_TYPES = {"public": "Public", "private": "Private", "intorg": "Int. Org.", "internationalorganisation": "Int. Org.",
              "internationalorganization": "Int. Org."}


def _expert_id(data: SheetData, ctx: Context) -> pd.Series:
    """Expert ids as written; one that looks like an e-mail address is an error (personal data)."""
    ids = data.text("expert_id").str.strip()
    looks_personal = ids.str.contains("@").fillna(False).to_numpy(dtype=bool)
    _flag(data, ctx, "expert_id", looks_personal, "The expert id looks like an e-mail address (personal data).",
          "Use the pseudonymous expert id, never a name or e-mail.", ERROR)
    return ids


def check_experts(data: SheetData, ctx: Context) -> None:
    """Experts: a pseudonymous id once each, gender, nationality, eligibility and type from their lists."""
    if not _required(data, ctx):
        return
    expert_id = _expert_id(data, ctx)
    _duplicates(data, ctx, [expert_id], "expert_id", "expert id")
    ctx.tables["expert"] = _frame({
        "expert_id": expert_id,
        "gender": _choice(data, ctx, "gender", GENDERS, "gender"),
        "nationality": rules.title_case_if_shouted(_text(data, ctx, "nationality")),
        "area_of_eligibility": _choice(data, ctx, "area_of_eligibility", ELIGIBILITY_AREAS, "area of eligibility"),
        "main_type": _choice(data, ctx, "main_type", MAIN_TYPES, "main type"),
        "type": _text(data, ctx, "type"),
        "registration_date": _parsed(data, ctx, "registration_date", rules.parse_date, FIX_DATE),
        "profile_validated": _parsed(data, ctx, "profile_validated", rules.parse_bool, "Write Yes or No."),
        "programme_registered": _text(data, ctx, "programme_registered"),
        "is_synthetic": False,
    }, len(data.rows))


def check_assignments(data: SheetData, ctx: Context) -> None:
    """Assignments: an expert once per activity, the activity and the expert known, days and dates read."""
    if not _required(data, ctx):
        return
    code = _code(data, ctx)
    number = _parsed(data, ctx, "activity_no", rules.activity_number, "Write 0 for fact-finding, 1, 2, 2.1 ...")
    expert_id = _expert_id(data, ctx)
    days = _parsed(data, ctx, "working_days", rules.parse_days, "Write days as a number >= 0, e.g. 10.5.")
    given_id = data.text("assignment_id").str.strip()
    generated = code.fillna("") + "/" + number.fillna("") + "/" + expert_id.fillna("")
    assignment_id = given_id.where(given_id.notna(), generated)
    _duplicates(data, ctx, [assignment_id], "assignment_id" if data.has("assignment_id") else "expert_id",
                "assignment (same id, or same expert twice on one activity)")

    activities = set(ctx.reference.known_activities)
    if "activity" in ctx.tables:
        table = ctx.tables["activity"]
        activities |= set(zip(table["code"], table["activity_no"]))
    pairs = pd.MultiIndex.from_arrays([code.fillna(""), number.fillna("")])
    unknown_activity = (code.notna() & number.notna()).to_numpy() & ~pairs.isin(list(activities))
    _flag(data, ctx, "activity_no", unknown_activity,
          "No such activity (code and activity number) in the workbook or in the current data.",
          "Check the activity number, or add the activity to the activities sheet.")
    experts = set(ctx.reference.known_experts)
    if "expert" in ctx.tables:
        experts |= set(ctx.tables["expert"]["expert_id"].dropna())
    _flag(data, ctx, "expert_id", _not_in(expert_id, experts),
          "No such expert in the workbook or in the current data.", "Add the expert to the experts sheet.")
    ctx.tables["expert_assignment"] = _frame({
        "assignment_id": assignment_id, "code": code, "activity_no": number, "expert_id": expert_id,
        "role": _text(data, ctx, "role"),
        "start_date": _parsed(data, ctx, "start_date", rules.parse_date, FIX_DATE),
        "end_date": _parsed(data, ctx, "end_date", rules.parse_date, FIX_DATE),
        "working_days": days,
        "mission_days": _parsed(data, ctx, "mission_days", rules.parse_days, "Write days as a number >= 0."),
        "main_type": _choice(data, ctx, "main_type", MAIN_TYPES, "main type"),
        "type": _text(data, ctx, "type"),
        "area_of_eligibility": _choice(data, ctx, "area_of_eligibility", ELIGIBILITY_AREAS, "area of eligibility"),
        "nationality": rules.title_case_if_shouted(_text(data, ctx, "nationality")),
        "gender": _choice(data, ctx, "gender", GENDERS, "gender"),
        "is_synthetic": False,
    }, len(data.rows))
