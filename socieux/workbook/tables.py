"""The check of each sheet kind, in the order they run, and the checks across sheets (legacy stubs, request totals)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from socieux.workbook import evaluation_sheets as evaluation, programme_sheets as programme
from socieux.workbook.activity_sheets import check_activities
from socieux.workbook.columns import _frame, _listed
from socieux.workbook.definition_sheets import check_countries, check_statuses, check_targets
from socieux.workbook.expenditure_sheets import check_expenditure
from socieux.workbook.expert_sheets import check_assignments, check_experts
from socieux.workbook.model import WARNING
from socieux.workbook.periods import receipt_periods
from socieux.workbook.request_sheets import BRIDGE_SHEETS, check_bridge_sheet, check_requests, check_status_history
from socieux.workbook.sheet_data import Context
from socieux.workbook.survey_sheets import check_survey

# Sheets whose codes need a request row; a legacy code without one gets a stub (docs/definitions.md, "Legacy stubs").
STUB_SOURCES = {"activity": "activities", "expert_assignment": "assignments", "expenditure_line": "expenditure"}
UNKNOWN_STATUS = "Unknown"
STUB_TEXT = "Not recorded"


def legacy_stubs(ctx: Context) -> None:
    """Request rows for codes other sheets cite without one: programme SOCIEUX, legacy, status Unknown; warned."""
    requests = ctx.tables.get("request_action")
    have = set(ctx.reference.known_codes) | (set(requests["code"].dropna()) if requests is not None else set())
    cited: dict[str, str] = {}
    for table, sheet in STUB_SOURCES.items():
        if table in ctx.tables:
            for code in ctx.tables[table]["code"].dropna().unique():
                if code not in have:
                    cited.setdefault(code, ctx.sheets[sheet].name)
    if not cited:
        return
    codes = pd.Series(sorted(cited), dtype="str")
    none = pd.Series([None] * len(codes), dtype=object)
    receipt = receipt_periods(codes, none, pd.Series([False] * len(codes)), none, ctx.reference)
    stubs = _frame({
        "code": codes, "programme_received": "SOCIEUX", "legacy": True,
        "date_received": receipt.date_received, "received_on_is_estimate": receipt.is_estimate,
        "reporting_period": receipt.reporting_period, "country": STUB_TEXT, "partner_institution": STUB_TEXT,
        "title": "Legacy SOCIEUX action cited by other sheets (no request row)", "area_of_work": STUB_TEXT,
        "gender_relevant": False, "disability_relevant": False, "status": UNKNOWN_STATUS, "as_of": ctx.as_of,
        "is_synthetic": False,
    }, len(codes))
    sheets = sorted(set(cited.values()))
    ctx.log.warning(sheets[0] if len(sheets) == 1 else None, None, "code", _listed(list(codes)),
                    f"{len(codes):,} code{'s' if len(codes) != 1 else ''} cited in {', '.join(sheets)} with no request "
                    "row: added as legacy SOCIEUX records with status Unknown (counted in no KPI status set).",
                    "Add the requests to the requests sheet if they are not legacy SOCIEUX actions.")
    if UNKNOWN_STATUS not in ctx.reference.status_stages and UNKNOWN_STATUS not in ctx.new_status_stages:
        unknown = pd.DataFrame({"status": [UNKNOWN_STATUS], "label": ["Status unknown"], "stage": ["closed"],
                                "closure_type": [None], "meaning": ["Legacy SOCIEUX record whose status is not in "
                                                                    "the data (docs/definitions.md)"],
                                "sort_order": [ctx.reference.max_status_order + 100]})
        ctx.tables["status"] = pd.concat([ctx.tables.get("status"), unknown], ignore_index=True)
    if requests is not None:
        ctx.tables["request_action"] = pd.concat([requests, stubs], ignore_index=True)
    else:
        ctx.added_rows["request_action"] = stubs


def cross_checks(ctx: Context) -> None:
    """Request totals against the sum of their assignments (both shown; a warning when they differ)."""
    legacy_stubs(ctx)
    requests = ctx.tables.get("request_action")
    assignments = ctx.tables.get("expert_assignment")
    if requests is None or assignments is None:
        return
    sums = assignments.groupby("code")["working_days"].sum()
    joined = requests[["code", "working_days"]].join(sums.rename("assigned"), on="code")
    differs = (joined["assigned"].notna() & joined["working_days"].notna()
               & ((joined["assigned"] - joined["working_days"]).abs() > 1e-9)).to_numpy()
    data = ctx.sheets["requests"]
    for position in np.flatnonzero(differs)[: ctx.log.cap]:
        ctx.log.add(WARNING, data.name, int(data.rows[position]), data.header("working_days"),
                    data.text("working_days").iloc[position],
                    "Request total working days differ from the sum of its assignments "
                    f"({joined['assigned'].iloc[position]:g} days).",
                    "Both are kept; check which one is right.")


# Each sheet kind's check, in the order they run: the definitions (statuses, countries) before the records that
# use them, a sheet after the one it points to (an application after its call, a key action after its recommendation).
CHECKS = {
    "statuses": check_statuses,
    "countries": check_countries,
    "requests": check_requests,
    "status_history": check_status_history,
    **{sheet: check_bridge_sheet for sheet in BRIDGE_SHEETS},
    "activities": check_activities,
    "experts": check_experts,
    "assignments": check_assignments,
    "expenditure": check_expenditure,
    "pif": check_survey,
    "exf": check_survey,
    "paf": check_survey,
    "targets": check_targets,
    "focal_points": programme.check_focal_points,
    "calls": programme.check_calls,
    "applications": programme.check_applications,
    "events": programme.check_events,
    "event_participants": programme.check_event_participants,
    "evaluations": evaluation.check_evaluations,
    "recommendations": evaluation.check_recommendations,
    "key_actions": evaluation.check_key_actions,
    "updates": evaluation.check_updates,
}
