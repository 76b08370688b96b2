"""Sheets that define what the others use or are measured against: statuses, countries, targets."""

from __future__ import annotations

import numpy as np
import pandas as pd

from socieux.workbook import rules
from socieux.workbook.columns import (
    FIX_NUMBER, _choice, _duplicates, _flag, _frame, _not_in, _on_distinct_values, _parsed, _required, _text,
)
from socieux.workbook.model import ERROR
from socieux.workbook.reference import country_key, fold, status_key
from socieux.workbook.sheet_data import Context, SheetData

def check_statuses(data: SheetData, ctx: Context) -> None:
    """Statuses the workbook defines: a known stage, a closure type exactly when closed; known ones kept as they are."""
    if not _required(data, ctx):
        return
    status = _text(data, ctx, "status")
    _duplicates(data, ctx, [status.str.lower()], "status", "status")
    stage_cells = data.text("stage")
    stage, unknown_stage = rules.lookup(stage_cells, ctx.reference.stages, key=fold)
    _flag(data, ctx, "stage", unknown_stage, "Unknown stage.",
          "Use one of: " + ", ".join(dict.fromkeys(ctx.reference.stages.values())) + ".", ERROR)
    closure = data.text("closure_type").str.strip().str.lower()
    bad_closure = (closure.notna() & ~closure.isin(ctx.reference.closure_types)).to_numpy()
    _flag(data, ctx, "closure_type", bad_closure, "Unknown closure type.",
          "Use one of: " + ", ".join(sorted(ctx.reference.closure_types)) + ", or leave empty.", ERROR)
    open_with_closure = (stage != "closed").to_numpy() & closure.notna().to_numpy()
    _flag(data, ctx, "closure_type", open_with_closure, "A closure type on a status that is not closed.",
          "Leave the closure type empty for open stages, or set the stage to 'closed'.")
    closed_without = (stage == "closed").to_numpy() & closure.isna().to_numpy()
    _flag(data, ctx, "stage", closed_without, "A closed status without a closure type.",
          "Give the closure type (rejected, merged, cancelled, stopped, completed, withdrawn).")
    existing = _on_distinct_values(status, lambda value: status_key(value) in ctx.reference.statuses)
    _flag(data, ctx, "status", existing, "This status is already defined; its stage is kept as it is.",
          "Remove the row, or ask the dashboard team to change the definition.")
    new = status.notna().to_numpy() & stage.notna().to_numpy() & ~existing & ~bad_closure
    rows = pd.DataFrame({
        "status": status[new].str.strip(),
        "label": status[new].str.strip(),
        "stage": stage[new],
        "closure_type": closure[new].where(closure[new].notna(), None),
        "meaning": data.text("meaning")[new],
    }).reset_index(drop=True)
    rows["sort_order"] = np.arange(ctx.reference.max_status_order + 1, ctx.reference.max_status_order + 1 + len(rows))
    for name, stage_of in zip(rows["status"], rows["stage"]):
        ctx.new_statuses[status_key(name)] = name
        ctx.new_status_stages[name] = stage_of
    ctx.tables["status"] = rows.astype({"sort_order": "int64"})


def check_countries(data: SheetData, ctx: Context) -> None:
    """Countries the workbook defines: one row per country (any spelling), a known region, an ISO alpha-3 code."""
    if not _required(data, ctx):
        return
    country = _text(data, ctx, "country").str.strip()
    canonical, unknown = rules.lookup_country(country, ctx.reference.countries)
    name = canonical.where(~unknown, country)
    # Two spellings of one country (Ivory Coast, Côte d'Ivoire) are one row of the table.
    _duplicates(data, ctx, [name.map(country_key, na_action="ignore")], "country", "country")
    region_cells = data.text("region")
    region, bad_region = rules.lookup(region_cells, ctx.reference.regions, key=fold)
    _flag(data, ctx, "region", bad_region, "Unknown region.",
          "Use one of: " + ", ".join(ctx.reference.regions.values()) + ".", ERROR)
    income = _choice(data, ctx, "income_group", ctx.reference.income_groups, "income group")
    iso3 = data.text("iso3").str.strip().str.upper()
    bad_iso = (iso3.notna() & ~iso3.str.fullmatch("[A-Z]{3}").fillna(False)).to_numpy(dtype=bool)
    _flag(data, ctx, "iso3", bad_iso, "Not an ISO 3166 alpha-3 code (three letters).", "Write e.g. KEN, PER.")
    eligible = _parsed(data, ctx, "is_eligible", rules.parse_bool, "Write Yes or No.").fillna(True)
    eligibility = data.text("eligibility").str.strip().str.upper()
    rows = pd.DataFrame({
        "country": name, "iso3": iso3, "region": region, "income_group": income,
        "eligibility": eligibility, "income_group_source": _text(data, ctx, "income_group_source"),
        "is_eligible": eligible.astype(bool),
    })
    valid = name.notna().to_numpy()
    rows = rows[valid].reset_index(drop=True)
    for value, is_eligible in zip(rows["country"], rows["is_eligible"]):
        ctx.new_countries[country_key(value)] = value
        (ctx.new_eligible if is_eligible else ctx.new_ineligible).add(value)
    ctx.tables["partner_country"] = rows


def check_targets(data: SheetData, ctx: Context) -> None:
    """Targets: one per indicator and reporting period, numbers for the target and the baseline."""
    if not _required(data, ctx):
        return
    indicator = _text(data, ctx, "indicator_id").str.strip()
    period = data.text("period_code").str.strip()
    _duplicates(data, ctx, [indicator, period], "period_code", "target (indicator and period)")
    _flag(data, ctx, "period_code", _not_in(period, ctx.reference.reporting_periods),
          "Unknown reporting period; kept as given.",
          "Use one of: " + ", ".join(sorted(ctx.reference.reporting_periods)))
    ctx.tables["target"] = _frame({
        "indicator_id": indicator, "period_code": period,
        "target_value": _parsed(data, ctx, "target_value", rules.parse_number, FIX_NUMBER),
        "baseline_value": _parsed(data, ctx, "baseline_value", rules.parse_number, FIX_NUMBER),
        "source": _text(data, ctx, "source"),
    }, len(data.rows))
