"""The requests sheet, the status history and the classification bridge sheets of requests."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd

from socieux.workbook import codes as classification, rules
from socieux.workbook.columns import (
    FIX_DATE, FIX_NUMBER, _cited_codes, _code, _duplicates, _flag, _frame, _known_codes, _listed, _not_in,
    _on_distinct_values, _parsed, _required, _text,
)
from socieux.status_sets import statuses_of
from socieux.workbook.model import ERROR
from socieux.workbook.periods import ReceiptPeriods, receipt_periods
from socieux.workbook.reference import country_key
from socieux.workbook.sheet_data import Context, SheetData
from socieux.workbook.sheets import MILESTONE_STEPS

# Statuses of records that never have activities (status set without_activities, data/reference/status_sets.csv).
DAYS_WITHOUT_ACTIVITIES = statuses_of("without_activities")
PROGRAMMES = {"socieux": "SOCIEUX", "socieux+": "SOCIEUX+", "socieuxplus": "SOCIEUX+"}


def check_requests(data: SheetData, ctx: Context) -> None:
    """Requests: a code once each, a known status, country and area, numbers and dates read, step dates kept."""
    if not _required(data, ctx):
        return
    n = len(data.rows)
    code = _code(data, ctx)
    _duplicates(data, ctx, [code], "code", "code")
    status, status_links = _status(data, ctx)
    country = _country(data, ctx)
    area_cells = data.text("area_of_work")
    area, unknown_area = rules.lookup(area_cells, ctx.reference.areas)
    _flag(data, ctx, "area_of_work", unknown_area, "Unknown area of work.",
          "Use one of: " + ", ".join(ctx.reference.area_labels) + " (or SP, L&E).", ERROR)
    gender = _parsed(data, ctx, "gender_relevant", rules.parse_bool, "Write Yes or No.")
    disability = _parsed(data, ctx, "disability_relevant", rules.parse_bool, "Write Yes or No.")
    working_days = _parsed(data, ctx, "working_days", rules.parse_days, "Write days as a number >= 0, e.g. 12.5.")
    mission_days = _parsed(data, ctx, "mission_days", rules.parse_days, "Write days as a number >= 0, e.g. 12.5.")
    expenditure = _parsed(data, ctx, "expenditure_eur", lambda c: rules.parse_number(c, money=True), FIX_NUMBER)
    programme_cells = data.text("programme_received")
    programme, bad_programme = rules.lookup(programme_cells, PROGRAMMES,
                                            key=lambda v: v.strip().lower().replace(" ", ""))
    _flag(data, ctx, "programme_received", bad_programme, "Unknown programme.", "Write SOCIEUX or SOCIEUX+.", ERROR)
    periods = data.text("reporting_period").str.strip()
    _flag(data, ctx, "reporting_period", _not_in(periods, ctx.reference.reporting_periods),
          "Unknown reporting period; kept as given.",
          "Use one of: " + ", ".join(sorted(ctx.reference.reporting_periods)))
    status_date = _parsed(data, ctx, "status_date", rules.parse_date, FIX_DATE)
    dates = {step: _parsed(data, ctx, f"date_{step}", rules.parse_date, FIX_DATE) for step in MILESTONE_STEPS}
    links = {column: _link(data, ctx, column)
             for column in ("merged_into_code", "fractioned_from_code", "replaced_by_code")}
    for column, codes in status_links.items():
        links[column] = links[column].where(links[column].notna(), codes)

    for column in ("partner_institution", "title", "general_objective"):
        _text(data, ctx, column)
    first_type = _classifications(data, ctx, code)

    days = working_days.to_numpy()
    for bad_status in DAYS_WITHOUT_ACTIVITIES:
        mask = (status == bad_status).to_numpy() & (np.nan_to_num(days) > 0)
        _flag(data, ctx, "working_days", mask,
              f"Working days > 0 on a request with status {bad_status} (which has no activities).",
              "Check the status or the days; the record loads as given.")
    stale = ((pd.Timestamp(ctx.as_of) - pd.to_datetime(status_date)).dt.days > 365) & ctx.as_of_given
    _flag(data, ctx, "status_date", stale.fillna(False).to_numpy(dtype=bool),
          "Status date more than a year older than the as-of date (stale 'Update'?).",
          "Check that the status is still current.")

    extra = _extra_json(data)
    given_estimate = _parsed(data, ctx, "received_on_is_estimate", rules.parse_bool, "Write Yes or No.")
    receipt = receipt_periods(code, pd.Series(dates["received"]), given_estimate.fillna(False), periods,
                              ctx.reference)
    _report_receipt(data, ctx, code, receipt)
    frame = _frame({
        "code": code,
        "programme_received": programme.where(programme.notna(), "SOCIEUX+"),
        "legacy": _parsed(data, ctx, "legacy", rules.parse_bool, "Write Yes or No.").fillna(False).astype(bool),
        "date_received": receipt.date_received,
        "received_on_is_estimate": receipt.is_estimate,
        "reporting_period": receipt.reporting_period,
        "country": country,
        "partner_institution": data.text("partner_institution"),
        "title": data.text("title"),
        "general_objective": data.text("general_objective"),
        "area_of_work": area,
        "type_of_assistance": first_type,
        "gender_relevant": gender,
        "disability_relevant": disability,
        "status": status,
        "status_date": status_date,
        **links,
        "working_days": working_days,
        "mission_days": mission_days,
        "expenditure_eur": expenditure,
        "as_of": ctx.as_of,
        "extra": extra,
        "is_synthetic": False,
    }, n)
    ctx.tables["request_action"] = frame
    ctx.carried["request_action"] = _carried_request_columns(data, frame, status_links)
    milestones = []
    for step, values in dates.items():
        if f"date_{step}" not in data.columns:
            continue
        present = pd.Series(values).notna().to_numpy() & code.notna().to_numpy()
        if present.any():
            milestones.append(pd.DataFrame({
                "code": code[present].to_numpy(), "step": step,
                "event_date": pd.Series(values)[present].to_numpy(), "is_synthetic": False,
            }))
    if milestones:
        ctx.tables["milestone"] = pd.concat(milestones, ignore_index=True)
        history = _milestone_statuses(ctx, ctx.tables["milestone"])
        if len(history):
            ctx.tables["status_event"] = history


# Processing steps whose date is the day a request took a status (docs/definitions.md, "Status history").
STEP_STATUSES = {"received": "Request", "ff_mission_start": "Fact-finding", "aaf_submitted": "Submitted",
                 "approved": "Approved", "objection": "Objected", "first_mission": "Ongoing", "rejected": "Rejected"}


def _milestone_statuses(ctx: Context, milestones: pd.DataFrame) -> pd.DataFrame:
    """History rows from the dated steps that fix a status; on one day the later step wins."""
    known = {step: status for step, status in STEP_STATUSES.items() if status in ctx.reference.status_stages}
    steps = milestones[milestones["step"].isin(known)]
    # Step order as categorical codes: a 200,000-row sheet gives millions of milestones, sorted once in numpy.
    order = pd.Categorical(steps["step"], categories=list(MILESTONE_STEPS)).codes
    statuses = np.array([known.get(step) for step in MILESTONE_STEPS], dtype=object)[order]
    codes, days = steps["code"].to_numpy(dtype=object), steps["event_date"].to_numpy(dtype=object)
    frame = pd.DataFrame({"code": codes, "status": statuses, "valid_from": days, "order": order})
    frame = frame.sort_values("order", kind="stable").drop_duplicates(["code", "valid_from"], keep="last")
    return frame.sort_index().drop(columns="order").assign(source="history", is_synthetic=False).reset_index(drop=True)


def check_status_history(data: SheetData, ctx: Context) -> None:
    """One row per status change: known code (else a warning), known status, a date; one status per day."""
    if not _required(data, ctx):
        return
    code = _cited_codes(data, ctx)
    status, _links = _status(data, ctx)
    valid_from = _parsed(data, ctx, "valid_from", rules.parse_date, FIX_DATE)
    _duplicates(data, ctx, [code, pd.Series(valid_from)], "valid_from", "status change (same code and date)")
    after_as_of = ((pd.to_datetime(valid_from) > pd.Timestamp(ctx.as_of)) & ctx.as_of_given).fillna(False).to_numpy(
        dtype=bool)
    _flag(data, ctx, "valid_from", after_as_of, "Status change dated after the data date.",
          "Check the date; the row loads as given.")
    complete = (code.notna() & status.notna() & pd.Series(valid_from).notna()).to_numpy()
    rows = pd.DataFrame({"code": code[complete], "status": status[complete],
                         "valid_from": pd.Series(valid_from)[complete], "source": "history",
                         "is_synthetic": False}).reset_index(drop=True)
    derived = ctx.tables.get("status_event")
    if derived is not None:
        # The sheet says what happened; a step date only fills a day the sheet does not mention.
        rows = pd.concat([rows, derived], ignore_index=True).drop_duplicates(["code", "valid_from"], keep="first")
    ctx.tables["status_event"] = rows


# Multi-valued classification columns of the requests sheet -> (bridge table, its code column, how codes are
# read, the code list, what the code is, its form).
CLASSIFICATIONS = {
    "type_of_assistance": ("request_type_of_assistance", "type_code", classification.type_code, "type_codes",
                           "type of assistance", "a letter and two digits, e.g. A.02.01"),
    "fields_of_intervention": ("request_field", "field_code", classification.letter_code, "field_codes",
                               "field of intervention", "a letter and two digits, e.g. E.10.07"),
    "sdgs": ("request_sdg", "sdg_code", classification.sdg_code, "sdg_codes", "SDG", "goal and target, e.g. 01.03."),
}


def _classifications(data: SheetData, ctx: Context, code: pd.Series) -> pd.Series:
    """Bridge rows for each classification column the sheet has; returns the first type of assistance per row."""
    first_type = pd.Series([None] * len(code), dtype=object)
    for column in CLASSIFICATIONS:
        if not data.has(column) or data.text(column).isna().all():
            continue
        rows = _bridge_rows(data, ctx, code, column, column)
        if column == "type_of_assistance" and len(rows):
            firsts = rows.drop_duplicates("position")
            first_type.iloc[firsts["position"].to_numpy()] = firsts["value"].to_numpy()
    return first_type


def _bridge_rows(data: SheetData, ctx: Context, code: pd.Series, column: str, kind: str) -> pd.DataFrame:
    """Read one classification column into its bridge table (added to rows another sheet gave), flagging codes
    that cannot be read or are not in the code list; returns the rows read with their sheet positions."""
    table, code_column, normalise, known_list, what, form = CLASSIFICATIONS[kind]
    rows = classification.bridge_rows(code, data.text(column), normalise)
    known = getattr(ctx.reference, known_list)
    unreadable = rows["value"].isna().to_numpy()
    # An empty code list (not loaded yet) cannot say a code is unknown.
    unknown = (~unreadable & ~rows["value"].isin(known).to_numpy()) if known else np.zeros(len(rows), dtype=bool)
    for mask, rule, fix in ((unreadable, f"Not a {what} code; kept as written.", f"Write the code as {form}."),
                            (unknown, f"Unknown {what} code; kept.", "Check the code against the code list.")):
        sheet_rows = np.zeros(len(data.rows), dtype=bool)
        sheet_rows[rows["position"].to_numpy()[mask]] = True
        _flag(data, ctx, column, sheet_rows, rule, fix)
    rows["value"] = rows["value"].where(rows["value"].notna(), rows["as_given"])
    rows = rows.drop_duplicates(["code", "value"])
    bridge = pd.DataFrame({"code": rows["code"].to_numpy(), code_column: rows["value"].to_numpy(),
                           "as_given": rows["as_given"].to_numpy(), "source": "upload", "is_synthetic": False})
    earlier = ctx.tables.get(table)
    if earlier is not None:
        bridge = pd.concat([earlier, bridge], ignore_index=True).drop_duplicates(["code", code_column])
    ctx.tables[table] = bridge.reset_index(drop=True)
    return rows


# Bridge sheets (one row per request and code) -> the classification they give.
BRIDGE_SHEETS = {"request_fields": ("field_code", "fields_of_intervention"),
                 "request_types": ("type_code", "type_of_assistance"),
                 "request_sdgs": ("sdg_code", "sdgs")}


def check_bridge_sheet(data: SheetData, ctx: Context) -> None:
    """A bridge sheet: known request codes (else a warning), codes read as in the requests sheet's columns."""
    if not _required(data, ctx):
        return
    code = _cited_codes(data, ctx)
    column, kind = BRIDGE_SHEETS[data.spec.name]
    _bridge_rows(data, ctx, code, column, kind)


def _report_receipt(data: SheetData, ctx: Context, code: pd.Series, receipt: ReceiptPeriods) -> None:
    """Say, before loading, which periods were estimated and how many requests would have none."""
    if receipt.derived.any():
        codes = list(code[receipt.derived])
        ctx.log.warning(data.name, None, data.header("code"), _listed(codes),
                        f"{len(codes):,} new request{'s' if len(codes) != 1 else ''} without a receipt date or "
                        "reporting period: the date was estimated from the code's year and order (flagged as an "
                        "estimate, kept out of processing times).",
                        "Add a 'date_received' (or 'reporting_period') column to give the real dates.")
    if receipt.without_period.any():
        codes = list(code[receipt.without_period])
        ctx.log.warning(data.name, None, data.header("code"), _listed(codes),
                        f"{len(codes):,} request{'s' if len(codes) != 1 else ''} would have no reporting period "
                        "(shown as 'Unknown' in every chart by period).",
                        "Give a date received inside a reporting period, or the reporting period (RP1 ...).")


# Columns every requests sheet decides, whether or not it has them (the receipt rule fills them).
ALWAYS_CARRIED = ("code", "date_received", "received_on_is_estimate", "reporting_period", "as_of", "is_synthetic")


def _carried_request_columns(data: SheetData, frame: pd.DataFrame, status_links: dict) -> tuple[str, ...]:
    """The request columns this sheet gives; the others keep their current value for a code already loaded."""
    # An all-empty column (an untouched template column) says nothing: the current values are kept.
    filled = {column for column, cells in data.columns.items() if cells.notna().any()}
    given = filled | set(ALWAYS_CARRIED) | set(status_links)
    given |= {"extra"} if data.extras else set()
    return tuple(column for column in frame.columns if column in given)


# Links written only as text in the status cell (docs/definitions.md, "What an upload is checked against"): the status, then the linked code.
STATUS_LINKS = {
    "merged_into_code": (r"(?i)^\s*(merged)\b.*?\b(?:with|in|into|to)\b\D*(\d{4}-\d{2,})", "Merged"),
    "replaced_by_code": (r"(?i)^\s*(withdrawn)\b.*?\breplaced\s+by\b\D*(\d{4}-\d{2,})", "Withdrawn"),
}


def _status(data: SheetData, ctx: Context) -> tuple[pd.Series, dict[str, pd.Series]]:
    """Statuses by name or alias; 'Merged with 2016-14' gives Merged plus the link (the text is kept in extra)."""
    cells = data.text("status")
    table = {**ctx.reference.statuses, **ctx.new_statuses}
    values, unknown = rules.lookup(cells, table)
    links: dict[str, pd.Series] = {}
    from_text = np.zeros(len(cells), dtype=bool)
    for column, (pattern, status) in STATUS_LINKS.items():
        if not unknown.any():
            break
        found = cells.where(unknown).str.extract(pattern)
        parsed = found[1].notna().to_numpy()
        if parsed.any():
            values = values.where(~parsed, status)
            links[column] = found[1]
            unknown, from_text = unknown & ~parsed, from_text | parsed
    if from_text.any():
        data.extras["status (as written)"] = cells.where(from_text)
        _flag(data, ctx, "status", from_text, "Status and link written as text: read as the status with the code "
              "it names; the text is kept.", "Put the linked code in its own column when you can.")
    known = list(ctx.reference.status_labels) + list(ctx.new_statuses.values())
    _flag(data, ctx, "status", unknown, "Unknown status.",
          "Use one of the known statuses: " + ", ".join(known)
          + "; or define it in a 'statuses' sheet (status, stage, closure type).", ERROR)
    return values, links


def _country(data: SheetData, ctx: Context) -> pd.Series:
    """Countries by name or alias; a region is kept with a warning, an unknown name is an error."""
    cells = data.text("country")
    table = {**ctx.reference.countries, **ctx.new_countries}
    values, unknown = rules.lookup_country(cells, table)
    region_keys = tuple(ctx.reference.regions)
    region_like = _on_distinct_values(cells, lambda v: country_key(v).endswith(region_keys)) & unknown
    _flag(data, ctx, "country", region_like,
          "A region rather than a country; kept as given (the record will show no region).",
          "Give the primary beneficiary country if there is one.")
    _flag(data, ctx, "country", unknown & ~region_like, "Not a known country.",
          "Check the spelling, or define the country in a 'countries' sheet (country, iso3, region, income group).",
          ERROR)
    eligible = set(ctx.reference.eligible_countries) - ctx.new_ineligible | ctx.new_eligible
    ineligible = _not_in(values, eligible)
    _flag(data, ctx, "country", ineligible, "Recognised country, but not an eligible partner country.",
          "Check the country; the record loads as given.")
    return values.where(values.notna(), cells.where(region_like))


def _link(data: SheetData, ctx: Context, column: str) -> pd.Series:
    """Merge/fraction/replace links: the code inside the cell ('Merged with 2016-14' -> 2016-14)."""
    cells = data.text(column)
    if not data.has(column) or cells.isna().all():
        return cells
    found = rules.extract_code(cells)
    no_code = (cells.notna() & found.isna()).to_numpy()
    _flag(data, ctx, column, no_code, "No request code (YYYY-NN) found in the link; it was not kept.",
          "Write the linked code, e.g. 2016-14.", ERROR)
    _flag(data, ctx, column, _not_in(found, _known_codes(ctx, data.text("code").str.strip())),
          "The linked code names no request in the workbook or the current data.",
          "Check the code (the link is kept as given).")
    return found


def _extra_json(data: SheetData) -> pd.Series:
    """Columns with no place in the table, as one JSON object per row (empty cells left out)."""
    if not data.extras:
        return pd.Series([None] * len(data.rows), dtype=object)
    names = list(data.extras)
    columns = [data.extras[name].to_numpy(dtype=object, na_value=None) for name in names]
    out = []
    for values in zip(*columns):
        record = {name: value for name, value in zip(names, values) if value is not None}
        out.append(json.dumps(record, ensure_ascii=False) if record else None)
    return pd.Series(out, dtype=object)
